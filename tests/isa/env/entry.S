/* ISA test environment: reset entry, M- and S-mode trap handlers, pass/fail reporting.
 * Linked into every test image (see tests/isa/CMakeLists.txt). */
#include "test.h"

  .section .text.init, "ax"
  .globl _start
_start:
  /* Deterministic register state. */
  li x1, 0
  li x2, 0
  li x3, 0
  li x4, 0
  li x5, 0
  li x6, 0
  li x7, 0
  li x8, 0
  li x9, 0
  li x10, 0
  li x11, 0
  li x12, 0
  li x13, 0
  li x14, 0
  li x15, 0
  li x16, 0
  li x17, 0
  li x18, 0
  li x19, 0
  li x20, 0
  li x21, 0
  li x22, 0
  li x23, 0
  li x24, 0
  li x25, 0
  li x26, 0
  li x27, 0
  li x28, 0
  li x29, 0
  li x30, 0
  li x31, 0
  /* While setting up, skip any CSR the implementation does not have (e.g. no PMP). */
  la t0, early_trap_skip
  csrw mtvec, t0
  /* PMP entry 0: TOR up to 2^34, R/W/X, so S/U-mode may access everything. PMP CSRs are WARL and
   * may be read-only zero; on an implementation without PMP nothing is restricted anyway. */
  li t0, -1
  csrw pmpaddr0, t0
  li t0, 0x0f                 /* A = TOR, X, W, R */
  csrw pmpcfg0, t0
  csrw satp, zero
  csrw medeleg, zero
  csrw mideleg, zero
  csrw mie, zero
  csrw mstatus, zero
  csrw mip, zero
  /* Zero .bss (page tables, handler state). */
  la t0, _bss_start
  la t1, _bss_end
1:
  bgeu t0, t1, 2f
  sw zero, 0(t0)
  addi t0, t0, 4
  j 1b
2:
  la sp, _stack_top
  la t0, s_trap_entry
  csrw stvec, t0
  la t0, m_trap_entry
  csrw mtvec, t0
  li t0, 0
  j test_main

  .align 2
early_trap_skip:
  csrr t0, mepc
  addi t0, t0, 4
  csrw mepc, t0
  li t0, 0
  mret

/* ------------------------------------------------------------------ M-mode trap handler */
  .text
  .align 6
  .globl m_trap_entry
m_trap_entry:
  csrw mscratch, t0
  LA_ABS t0, m_trap_save
  sw t1, 4(t0)
  sw t2, 8(t0)
  sw t3, 12(t0)
  csrr t1, mscratch
  sw t1, 0(t0)
  csrr t1, mcause
  bltz t1, .Lm_not_svc
  li t2, CAUSE_USER_ECALL
  beq t1, t2, .Lm_ecall
  li t2, CAUSE_SUPERVISOR_ECALL
  beq t1, t2, .Lm_ecall
  li t2, CAUSE_MACHINE_ECALL
  beq t1, t2, .Lm_ecall
  j .Lm_not_svc
.Lm_ecall:
  li t2, SVC_GOTO_M
  beq a7, t2, .Lm_goto_m
  li t2, SVC_PASS
  beq a7, t2, test_pass_m
  li t2, SVC_FAILCHK
  beq a7, t2, test_report_check
  li t2, SVC_FAILS
  beq a7, t2, test_report_strap
.Lm_not_svc:
  LA_ABS t2, m_trap_resume
  lw t3, 0(t2)
  beqz t3, test_report_mtrap
  sw zero, 0(t2)
  sw t1, 4(t2)                /* cause */
  csrr t1, mepc
  sw t1, 8(t2)
  csrr t1, mtval
  sw t1, 12(t2)
  csrr t1, mstatus
  sw t1, 16(t2)
  lw t1, 20(t2)
  addi t1, t1, 1
  sw t1, 20(t2)               /* count */
  csrw mepc, t3
  li t1, MSTATUS_MPIE
  csrc mstatus, t1
  j .Lm_restore
.Lm_goto_m:
  csrw mepc, a0
  li a7, 0                    /* a later plain ecall must not look like a service call */
  li t1, MSTATUS_MPP
  csrs mstatus, t1
  li t1, MSTATUS_MPIE
  csrc mstatus, t1
.Lm_restore:
  LA_ABS t0, m_trap_save
  lw t1, 4(t0)
  lw t2, 8(t0)
  lw t3, 12(t0)
  lw t0, 0(t0)
  mret

/* ------------------------------------------------------------------ S-mode trap handler */
  .align 6
  .globl s_trap_entry
s_trap_entry:
  csrw sscratch, t0
  LA_ABS t0, s_trap_save
  sw t1, 4(t0)
  sw t2, 8(t0)
  sw t3, 12(t0)
  csrr t1, sscratch
  sw t1, 0(t0)
  csrr t1, scause
  li t2, CAUSE_USER_ECALL
  bne t1, t2, .Ls_not_svc
  /* ecall services from U-mode delegated to S: forward them to M. */
  li t2, SVC_GOTO_M
  beq a7, t2, .Ls_forward
  li t2, SVC_PASS
  beq a7, t2, .Ls_forward
  li t2, SVC_FAILCHK
  beq a7, t2, .Ls_forward
  li t2, SVC_FAILS
  beq a7, t2, .Ls_forward
.Ls_not_svc:
  LA_ABS t2, s_trap_resume
  lw t3, 0(t2)
  beqz t3, .Ls_unexpected
  sw zero, 0(t2)
  sw t1, 4(t2)
  csrr t1, sepc
  sw t1, 8(t2)
  csrr t1, stval
  sw t1, 12(t2)
  csrr t1, sstatus
  sw t1, 16(t2)
  lw t1, 20(t2)
  addi t1, t1, 1
  sw t1, 20(t2)
  csrw sepc, t3
  li t1, MSTATUS_SPIE
  csrc sstatus, t1
  LA_ABS t0, s_trap_save
  lw t1, 4(t0)
  lw t2, 8(t0)
  lw t3, 12(t0)
  lw t0, 0(t0)
  sret
.Ls_forward:
  ecall
.Ls_unexpected:
  csrr a0, scause
  csrr a1, sepc
  csrr a2, stval
  li a7, SVC_FAILS
  ecall
  j .

/* ------------------------------------------------------------------ pass / fail */
/* Reached in any mode when a CHECK fails: t5 = got, t6 = expected. */
  .globl test_fail_check
test_fail_check:
  mv a0, t5
  mv a1, t6
  li a7, SVC_FAILCHK
  ecall
  j .

test_pass_m:
  li t0, FINISHER_ADDR
  li t1, FINISHER_PASS
  sw t1, 0(t0)
  j .

/* exit code from gp: 1..254, else 255 */
fail_code:
  mv s11, gp
  beqz s11, 1f
  li t0, 255
  bgeu s11, t0, 1f
  ret
1:
  li s11, 255
  ret

/* Common start of every failure report (M-mode): make any further trap exit immediately. */
report_begin:
  mv s10, ra
  la t0, fail_hard
  csrw mtvec, t0
  li t0, MSTATUS_MPRV
  csrc mstatus, t0
  call fail_code
  la a0, str_fail
  call puts
  mv a0, gp
  call puthex
  mv ra, s10
  ret

test_report_check:            /* a0 = got, a1 = expected */
  mv s0, a0
  mv s1, a1
  call report_begin
  la a0, str_got
  call puts
  mv a0, s0
  call puthex
  la a0, str_exp
  call puts
  mv a0, s1
  call puthex
  j report_end

test_report_mtrap:
  call report_begin
  la a0, str_mtrap
  call puts
  csrr a0, mcause
  call puthex
  la a0, str_epc
  call puts
  csrr a0, mepc
  call puthex
  la a0, str_tval
  call puts
  csrr a0, mtval
  call puthex
  j report_end

test_report_strap:            /* a0..a2 = scause, sepc, stval */
  mv s0, a0
  mv s1, a1
  mv s2, a2
  call report_begin
  la a0, str_strap
  call puts
  mv a0, s0
  call puthex
  la a0, str_epc
  call puts
  mv a0, s1
  call puthex
  la a0, str_tval
  call puts
  mv a0, s2
  call puthex
  j report_end

report_end:
  la a0, str_nl
  call puts
  slli t1, s11, 16
  li t0, FINISHER_FAIL
  or t1, t1, t0
  li t0, FINISHER_ADDR
  sw t1, 0(t0)
  j .

  .align 2
fail_hard:                    /* a trap while reporting: exit with the code at once */
  call fail_code
  slli t1, s11, 16
  li t0, FINISHER_FAIL
  or t1, t1, t0
  li t0, FINISHER_ADDR
  sw t1, 0(t0)
  j .

/* UART output (ns16550a), polling THRE with a bounded wait. */
putc:                          /* a0 = byte; clobbers t0, t1 */
  li t0, UART0_BASE
  li t1, 10000
1:
  lbu t2, UART_LSR(t0)
  andi t2, t2, UART_LSR_THRE
  bnez t2, 2f
  addi t1, t1, -1
  bnez t1, 1b
2:
  sb a0, UART_RBR_THR(t0)
  ret

puts:                          /* a0 = string; clobbers a0, a1, t0-t2 */
  mv t3, ra
  mv a1, a0
1:
  lbu a0, 0(a1)
  beqz a0, 2f
  call putc
  addi a1, a1, 1
  j 1b
2:
  mv ra, t3
  ret

puthex:                        /* a0 = value; prints 0x%08x */
  mv t3, ra
  mv a1, a0
  li a0, '0'
  call putc
  li a0, 'x'
  call putc
  li t4, 28
1:
  srl a0, a1, t4
  andi a0, a0, 15
  li t0, 10
  blt a0, t0, 2f
  addi a0, a0, 'a' - 10 - '0'
2:
  addi a0, a0, '0'
  call putc
  addi t4, t4, -4
  bgez t4, 1b
  mv ra, t3
  ret

  .section .rodata
str_fail:  .asciz "\nISA TEST FAIL: check "
str_got:   .asciz " got "
str_exp:   .asciz " expected "
str_mtrap: .asciz " unexpected M-trap mcause "
str_strap: .asciz " unexpected S-trap scause "
str_epc:   .asciz " epc "
str_tval:  .asciz " tval "
str_nl:    .asciz "\n"

/* ------------------------------------------------------------------ handler state */
  .data
  .align 4
  .globl m_trap_resume, m_trap_cause, m_trap_epc, m_trap_tval, m_trap_status, m_trap_count
m_trap_resume: .word 0
m_trap_cause:  .word NO_TRAP
m_trap_epc:    .word 0
m_trap_tval:   .word 0
m_trap_status: .word 0
m_trap_count:  .word 0
  .globl s_trap_resume, s_trap_cause, s_trap_epc, s_trap_tval, s_trap_status, s_trap_count
s_trap_resume: .word 0
s_trap_cause:  .word NO_TRAP
s_trap_epc:    .word 0
s_trap_tval:   .word 0
s_trap_status: .word 0
s_trap_count:  .word 0
  .globl m_trap_save, s_trap_save
m_trap_save:   .word 0, 0, 0, 0
s_trap_save:   .word 0, 0, 0, 0
