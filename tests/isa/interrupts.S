/* Interrupts: CLINT software (msip) and timer (mtime/mtimecmp) interrupts, mip/mie, the global
 * enable (mstatus.MIE) in M-mode and its irrelevance in S/U for M-level interrupts, priority
 * (MSI > MTI and SSI > STI strictly; M-level before S-level interrupts in M, or -- as QEMU 7.2
 * does -- lowest cause number first), supervisor interrupts set from M through mip.SSIP/STIP (taken in M when
 * not delegated; with mideleg taken in S, never in M, and in U regardless of SIE), vectored mtvec
 * (interrupt n at base + 4n, exceptions at base), and WFI wake-up by a pending timer interrupt
 * with MIE = 0 (no trap) and with MIE = 1 (trap). WFI may return early; it is used in a loop.
 *
 * Interrupts taken into M go to irq_handler below (installed in mtvec): it logs mcause/mepc/
 * mstatus, clears the source and returns to the interrupted instruction. */
#include "test.h"

#define MTIMECMP_LO CLINT_MTIMECMP_ADDR
#define MTIMECMP_HI (CLINT_MTIMECMP_ADDR + 4)
#define MTIME_LO    CLINT_MTIME_ADDR
#define MTIME_HI    (CLINT_MTIME_ADDR + 4)
#define SPIN        3000000             /* bound of every wait loop (only reached on failure) */

/* mtimecmp = mtime + delta (clobbers t5, t6, a6) */
.macro TIMER_IN delta
  li t5, CLINT_BASE + CLINT_MTIMECMP
  li t6, -1
  sw t6, 4(t5)
  li t6, MTIME_HI
  lw a6, 0(t6)
  lw t6, -4(t6)
  addi t6, t6, \delta
  sw t6, 0(t5)
  sw a6, 4(t5)
.endm
.macro TIMER_OFF
  li t5, MTIMECMP_HI
  li t6, -1
  sw t6, 0(t5)
  sw t6, -4(t5)
.endm
.macro MSIP val
  li t5, CLINT_MSIP_ADDR
  li t6, \val
  sw t6, 0(t5)
.endm
/* clear the irq log */
.macro IRQ_RESET
  LA_ABS t5, irq_count
  sw zero, 0(t5)
  li t6, -1
  sw t6, 4(t5)
  sw t6, 8(t5)
  sw t6, 12(t5)
.endm
/* spin (with a bound) until irq_count >= n */
.macro WAIT_IRQS n
  li a6, SPIN
.Lw_\@:
  LA_ABS t5, irq_count
  lw t5, 0(t5)
  li t6, \n
  bgeu t5, t6, .Lwd_\@
  addi a6, a6, -1
  bnez a6, .Lw_\@
.Lwd_\@:
.endm
/* spin until (mip & mask) != 0, bounded */
.macro WAIT_MIP mask
  li a6, SPIN
.Lm_\@:
  csrr t5, mip
  andi t5, t5, \mask
  bnez t5, .Lmd_\@
  addi a6, a6, -1
  bnez a6, .Lm_\@
.Lmd_\@:
.endm
/* a short delay in which a pending enabled interrupt would surely be taken */
.macro DELAY
  li a6, 64
.Ld_\@:
  addi a6, a6, -1
  bnez a6, .Ld_\@
.endm

TEST_MAIN
  csrw mie, zero
  TIMER_OFF
  MSIP 0
  la a1, irq_handler
  csrw mtvec, a1

  /* mtime advances */
  TEST 1
  li a1, MTIME_LO
  lw a2, 0(a1)
  DELAY
  DELAY
  lw a3, 0(a1)
  bne a2, a3, 1f
  TEST_FAIL
1:
  /* msip drives mip.MSIP */
  TEST 2
  MSIP 1
  WAIT_MIP MIP_MSIP
  csrr a0, mip
  CHECK_MASK a0, MIP_MSIP, MIP_MSIP
  TEST 3                             /* mip.MSIP is read-only in mip */
  li a1, MIP_MSIP
  csrc mip, a1
  csrr a0, mip
  CHECK_MASK a0, MIP_MSIP, MIP_MSIP
  TEST 4
  MSIP 0
  DELAY
  csrr a0, mip
  CHECK_MASK a0, MIP_MSIP, 0
  /* pending but globally disabled (MIE = 0) / individually disabled (mie) in M: not taken */
  TEST 5
  IRQ_RESET
  li a1, MIP_MSIP
  csrw mie, a1
  MSIP 1
  DELAY
  CHECK_MEM irq_count, 0
  TEST 6
  csrw mie, zero
  csrsi mstatus, MSTATUS_MIE
  DELAY
  CHECK_MEM irq_count, 0
  /* enabled: taken, cause MSI, the handler clears msip */
  TEST 7
7:
  li a1, MIP_MSIP
  csrs mie, a1
  WAIT_IRQS 1
8:
  csrci mstatus, MSTATUS_MIE
  CHECK_MEM irq_count, 1
  CHECK_MEM irq_cause, CAUSE_MSI
  CHECK_MEM_MASK irq_status, MSTATUS_MPIE | MSTATUS_MIE | MSTATUS_MPP, MSTATUS_MPIE | MSTATUS_MPP_M
  /* the interrupted pc lies in this test's code */
  LA_ABS t5, irq_epc
  lw t5, 0(t5)
  la t6, 7b
  bltu t5, t6, 1f
  la t6, 8b
  bltu t5, t6, 2f
1:
  TEST_FAIL
2:
  /* timer: MTIP follows mtime >= mtimecmp */
  TEST 8
  csrw mie, zero
  TIMER_IN 20
  WAIT_MIP MIP_MTIP
  csrr a0, mip
  CHECK_MASK a0, MIP_MTIP, MIP_MTIP
  TEST 9
  TIMER_OFF
  DELAY
  csrr a0, mip
  CHECK_MASK a0, MIP_MTIP, 0
  TEST 10                            /* timer interrupt taken */
  IRQ_RESET
  li a1, MIP_MTIP
  csrw mie, a1
  csrsi mstatus, MSTATUS_MIE
  TIMER_IN 30
  WAIT_IRQS 1
  csrci mstatus, MSTATUS_MIE
  CHECK_MEM irq_count, 1
  CHECK_MEM irq_cause, CAUSE_MTI
  /* priority: MSI and MTI pending together -> MSI first */
  TEST 11
  IRQ_RESET
  MSIP 1
  TIMER_IN 0
  WAIT_MIP MIP_MTIP
  li a1, MIP_MSIP | MIP_MTIP
  csrw mie, a1
  csrsi mstatus, MSTATUS_MIE
  WAIT_IRQS 2
  csrci mstatus, MSTATUS_MIE
  CHECK_MEM irq_count, 2
  CHECK_MEM irq_cause, CAUSE_MSI
  CHECK_MEM irq_cause + 4, CAUSE_MTI
  /* SSIP/STIP set from M and not delegated: taken in M, after MSI/MTI */
  TEST 12
  IRQ_RESET
  li a1, MIP_SSIP
  csrs mip, a1
  MSIP 1
  li a1, MIP_MSIP | MIP_SSIP
  csrw mie, a1
  csrsi mstatus, MSTATUS_MIE
  WAIT_IRQS 2
  csrci mstatus, MSTATUS_MIE
  CHECK_MEM irq_count, 2
  /* spec order: MSI, SSI. QEMU 7.2 (no AIA) takes the lowest cause number first: SSI, MSI.
   * Both orders are accepted; the M-level order (test 11) and the S-level one are checked. */
  LA_ABS t5, irq_cause
  lw t5, 0(t5)
  li t6, CAUSE_SSI
  beq t5, t6, 1f
  CHECK_MEM irq_cause, CAUSE_MSI
  CHECK_MEM irq_cause + 4, CAUSE_SSI
  j 2f
1:
  CHECK_MEM irq_cause + 4, CAUSE_MSI
2:
  TEST 13
  IRQ_RESET
  li a1, MIP_STIP | MIP_SSIP
  csrs mip, a1
  TIMER_IN 0
  WAIT_MIP MIP_MTIP
  li a1, MIP_MTIP | MIP_SSIP | MIP_STIP
  csrw mie, a1
  csrsi mstatus, MSTATUS_MIE
  WAIT_IRQS 3
  csrci mstatus, MSTATUS_MIE
  CHECK_MEM irq_count, 3
  /* spec order MTI, SSI, STI; QEMU 7.2 order SSI, STI, MTI (see test 12). */
  LA_ABS t5, irq_cause
  lw t5, 0(t5)
  li t6, CAUSE_SSI
  beq t5, t6, 1f
  CHECK_MEM irq_cause, CAUSE_MTI
  CHECK_MEM irq_cause + 4, CAUSE_SSI
  CHECK_MEM irq_cause + 8, CAUSE_STI
  j 2f
1:
  CHECK_MEM irq_cause + 4, CAUSE_STI
  CHECK_MEM irq_cause + 8, CAUSE_MTI
2:
  /* M-level interrupts are taken in S and U even with MIE = 0 */
  TEST 14
  IRQ_RESET
  csrw mie, zero
  MSIP 1
  li a1, MIP_MSIP
  csrw mie, a1
  GOTO_S 1f
1:
  WAIT_IRQS 1
  GOTO_M 2f
2:
  CHECK_MEM irq_count, 1
  CHECK_MEM irq_cause, CAUSE_MSI
  CHECK_MEM_MASK irq_status, MSTATUS_MPP, MSTATUS_MPP_S
  TEST 15
  IRQ_RESET
  li a1, MIP_MTIP
  csrw mie, a1
  GOTO_U 1f
1:
  TIMER_IN 20
  WAIT_IRQS 1
  GOTO_M 2f
2:
  CHECK_MEM irq_count, 1
  CHECK_MEM irq_cause, CAUSE_MTI
  CHECK_MEM_MASK irq_status, MSTATUS_MPP, 0
  csrw mie, zero

  /* delegated supervisor interrupts */
  TEST 16
  li a1, MIP_SSIP | MIP_STIP
  csrw mideleg, a1
  IRQ_RESET
  li a1, MIP_SSIP | MIP_STIP
  csrw mie, a1
  li a1, MIP_SSIP
  csrs mip, a1
  li a1, MSTATUS_MIE | MSTATUS_SIE
  csrs mstatus, a1
  DELAY                              /* delegated: never taken in M */
  csrci mstatus, MSTATUS_MIE
  CHECK_MEM irq_count, 0
  TEST 17                            /* taken in S as soon as S runs with SIE = 1 */
  EXPECT_STRAP 2f
  GOTO_S 1f
1:
  nop
2:
  csrr s1, sip
  li a1, MIP_SSIP
  csrc sip, a1                       /* S clears its own software interrupt */
  csrr s2, sip
  GOTO_M 3f
3:
  CHECK_STRAP CAUSE_SSI, 1b
  CHECK_MEM_MASK s_trap_status, MSTATUS_SPP | MSTATUS_SPIE, MSTATUS_SPP | MSTATUS_SPIE
  CHECK_MASK s1, MIP_SSIP, MIP_SSIP
  CHECK_MASK s2, MIP_SSIP, 0
  TEST 18                            /* S with SIE = 0: not taken */
  li a1, MSTATUS_SIE
  csrc mstatus, a1
  li a1, MIP_SSIP
  csrs mip, a1
  EXPECT_STRAP 2f
  GOTO_S 1f
1:
  DELAY
  GOTO_M 3f
2:
  TEST_FAIL
3:
  CHECK_NO_STRAP
  TEST 19                            /* in U, S interrupts are taken even with SIE = 0 */
  la a1, s_irq_handler               /* clears SSIP and returns to U */
  csrw stvec, a1
  EXPECT_STRAP 9f
  GOTO_U 1f
1:
  nop
  nop
  GOTO_M 3f
3:
  CHECK_MEM s_trap_cause, CAUSE_SSI
  CHECK_MEM_ADDR s_trap_epc, 1b
  CHECK_MEM_MASK s_trap_status, MSTATUS_SPP, 0
  CANCEL_STRAP
  la a1, s_trap_entry
  csrw stvec, a1
  TEST 20                            /* STI delegated (set by M through mip.STIP) */
  li a1, MIP_STIP
  csrs mip, a1
  li a1, MSTATUS_SIE
  csrs mstatus, a1
  EXPECT_STRAP 2f
  GOTO_S 1f
1:
  nop
2:
  GOTO_M 3f
3:
  CHECK_STRAP CAUSE_STI, 1b
  li a1, MIP_STIP
  csrc mip, a1
  TEST 21                            /* SSI before STI */
  li a1, MIP_STIP | MIP_SSIP
  csrs mip, a1
  li a1, MSTATUS_SIE
  csrs mstatus, a1
  EXPECT_STRAP 2f
  GOTO_S 1f
1:
  nop
2:
  GOTO_M 3f
3:
  CHECK_STRAP CAUSE_SSI, 1b
  li a1, MIP_STIP | MIP_SSIP
  csrc mip, a1
  TEST 22                            /* an M interrupt preempts S even when delegations exist */
  EXPECT_STRAP 9f
  IRQ_RESET
  li a1, MIP_MSIP | MIP_SSIP
  csrw mie, a1
  MSIP 1
  li a1, MSTATUS_SIE
  csrc mstatus, a1
  GOTO_S 1f
1:
  WAIT_IRQS 1
  GOTO_M 2f
2:
  CHECK_MEM irq_cause, CAUSE_MSI
  CHECK_NO_STRAP
  CANCEL_STRAP
  csrw mideleg, zero
  csrw mie, zero

  /* WFI wakes up on a pending enabled interrupt, even with MIE = 0 (no trap then) */
  TEST 23
  IRQ_RESET
  li a1, MIP_MTIP
  csrw mie, a1
  TIMER_IN 40
  li s0, SPIN
1:
  wfi
  csrr a0, mip
  andi a0, a0, MIP_MTIP
  bnez a0, 2f
  addi s0, s0, -1
  bnez s0, 1b
2:
  CHECK_MASK a0, MIP_MTIP, MIP_MTIP
  CHECK_MEM irq_count, 0
  TIMER_OFF
  /* with MIE = 1 the interrupt is taken after the wfi. The timer is set far enough ahead that
   * it cannot expire before the wfi (else the wfi could legally sleep for ever). */
  TEST 24
  IRQ_RESET
  TIMER_IN 2000
  csrsi mstatus, MSTATUS_MIE
  li s0, SPIN
1:
  wfi
  LA_ABS t5, irq_count
  lw t5, 0(t5)
  bnez t5, 2f
  addi s0, s0, -1
  bnez s0, 1b
2:
  csrci mstatus, MSTATUS_MIE
  CHECK_MEM irq_count, 1
  CHECK_MEM irq_cause, CAUSE_MTI
  LA_ABS t5, irq_epc                 /* the trap came from the wfi loop, not before it */
  lw t5, 0(t5)
  la t6, 1b
  bltu t5, t6, 3f
  la t6, 2b
  bgeu t5, t6, 3f
  j 4f
3:
  TEST_FAIL
4:
  csrw mie, zero

  /* vectored mtvec: interrupt n at base + 4n, exceptions at base */
  TEST 25
  la a1, vec_table
  ori a1, a1, 1
  csrw mtvec, a1
  csrr a0, mtvec
  CHECK_REG a0, a1
  TEST 26
  IRQ_RESET
  li a1, MIP_MSIP
  csrw mie, a1
  MSIP 1
  csrsi mstatus, MSTATUS_MIE
  WAIT_IRQS 1
  csrci mstatus, MSTATUS_MIE
  CHECK_MEM irq_cause, CAUSE_MSI
  CHECK_MEM vec_hit, 3
  TEST 27
  IRQ_RESET
  li a1, MIP_MTIP
  csrw mie, a1
  csrsi mstatus, MSTATUS_MIE
  TIMER_IN 20
  WAIT_IRQS 1
  csrci mstatus, MSTATUS_MIE
  CHECK_MEM irq_cause, CAUSE_MTI
  CHECK_MEM vec_hit, 7
  TEST 28
  IRQ_RESET
  li a1, MIP_SSIP
  csrw mie, a1
  csrs mip, a1
  csrsi mstatus, MSTATUS_MIE
  WAIT_IRQS 1
  csrci mstatus, MSTATUS_MIE
  CHECK_MEM irq_cause, CAUSE_SSI
  CHECK_MEM vec_hit, 1
  TEST 29                            /* an exception uses the base */
  csrw mie, zero
  EXPECT_MTRAP 2f
1:
  ebreak
2:
  CHECK_MTRAP CAUSE_BREAKPOINT, 1b
  CHECK_MEM vec_hit, 0x100
  la a1, m_trap_entry
  csrw mtvec, a1
  TEST_PASS

/* ------------------------------------------------------------------ handlers */
  .align 6
irq_handler:
  csrw mscratch, t0
  LA_ABS t0, irq_save
  sw t1, 0(t0)
  sw t2, 4(t0)
  csrr t1, mcause
  bgez t1, irq_to_generic          /* exceptions (and ecall services): the generic handler */
  LA_ABS t0, irq_count
  lw t2, 0(t0)
  li t1, 3
  bgeu t2, t1, irq_to_generic      /* an interrupt storm: report it as unexpected */
  slli t1, t2, 2
  add t1, t1, t0
  addi t2, t2, 1
  sw t2, 0(t0)
  csrr t2, mcause
  sw t2, 4(t1)                     /* irq_cause[n] */
  csrr t1, mepc
  sw t1, 16(t0)                    /* irq_epc */
  csrr t1, mstatus
  sw t1, 20(t0)                    /* irq_status */
  andi t2, t2, 0xff
  li t1, 3
  bne t2, t1, 1f
  li t0, CLINT_MSIP_ADDR
  sw zero, 0(t0)
  j 9f
1:
  li t1, 7
  bne t2, t1, 2f
  li t0, MTIMECMP_HI
  li t1, -1
  sw t1, 0(t0)
  sw t1, -4(t0)
  j 9f
2:
  li t1, 1
  bne t2, t1, 3f
  li t1, MIP_SSIP
  csrc mip, t1
  j 9f
3:
  li t1, MIP_STIP
  csrc mip, t1
9:
  LA_ABS t0, irq_save
  lw t1, 0(t0)
  lw t2, 4(t0)
  csrr t0, mscratch
  mret
irq_to_generic:
  LA_ABS t0, irq_save
  lw t1, 0(t0)
  lw t2, 4(t0)
  csrr t0, mscratch
  j m_trap_entry

  .align 6
s_irq_handler:                     /* S-mode: log like s_trap_entry, clear SSIP, return */
  csrw sscratch, t0
  LA_ABS t0, s_trap_save
  sw t1, 0(t0)
  LA_ABS t0, s_trap_cause
  csrr t1, scause
  sw t1, 0(t0)
  csrr t1, sepc
  sw t1, 4(t0)
  csrr t1, sstatus
  sw t1, 12(t0)
  li t1, MIP_SSIP
  csrc sip, t1
  LA_ABS t0, s_trap_save
  lw t1, 0(t0)
  csrr t0, sscratch
  sret
9:
  TEST_FAIL

  .align 8
vec_table:
  j vec_0
  j vec_1
  j vec_bad
  j vec_3
  j vec_bad
  j vec_bad
  j vec_bad
  j vec_7
  j vec_bad
  j vec_bad
  j vec_bad
  j vec_bad
vec_0:
  csrw mscratch, t0
  li t0, 0x100
  j vec_common
vec_1:
  csrw mscratch, t0
  li t0, 1
  j vec_common
vec_3:
  csrw mscratch, t0
  li t0, 3
  j vec_common
vec_7:
  csrw mscratch, t0
  li t0, 7
  j vec_common
vec_bad:
  csrw mscratch, t0
  li t0, 0xbad
vec_common:
  sw t1, -4(sp)
  LA_ABS t1, vec_hit
  sw t0, 0(t1)
  lw t1, -4(sp)
  csrr t0, mscratch
  j irq_handler

  .data
  .align 4
irq_count:  .word 0
irq_cause:  .word 0, 0, 0
irq_epc:    .word 0
irq_status: .word 0
irq_save:   .word 0, 0
vec_hit:    .word 0
