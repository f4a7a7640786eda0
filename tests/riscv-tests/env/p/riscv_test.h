/* This project's own "p" environment for the official riscv-tests ISA programs (physical memory,
 * no virtual memory set up by the environment, one hart). The test programs are taken unmodified
 * from a riscv-tests checkout (-DRISCV_TESTS_DIR); they expect the macros below. Written for this
 * SoC from the contract the programs rely on (docs/verification.md, "Official riscv-tests"):
 *
 *  - RVTEST_RV32U / RV32S / RV32M (and the RV64 names the shared rv64 sources use) choose the
 *    privilege in which the test body runs: U, S or M. The body is entered with mret from M-mode
 *    with every integer register zero except a0 (= mhartid), mstatus = 0 apart from MPP,
 *    mie = 0, medeleg = mideleg = 0 (S tests: mideleg = SSIP|STIP).
 *  - TESTNUM is gp. The body ends with RVTEST_PASS (gp = 1) or RVTEST_FAIL (gp = (n << 1) | 1 for
 *    the failing test case n), both followed by ecall. Any ecall reaching the M-mode trap vector
 *    ends the program and reports gp: it is stored to the 64-bit word `tohost` (riscv-tests / HTIF
 *    convention, read by socsim and bin/rviss) and, for QEMU virt which has no tohost, written to
 *    the test finisher (0x5555 pass, (n << 16) | 0x3333 fail n).
 *  - Other traps: a program may define `mtvec_handler` (entered from the M trap vector with t5
 *    and t6 clobbered, every other register as the trap left it) and/or `stvec_handler` (then
 *    stvec points to it and page faults, misaligned fetches, U-mode ecalls and breakpoints are
 *    delegated to S-mode). A trap with neither handler fails the program with code
 *    1024 + TESTNUM; mcause, mepc and mtval of that trap are kept in rvt_trap_cause/epc/tval.
 *  - CSRs the hart may lack (satp, PMP, medeleg/mideleg, stvec) are written behind a temporary
 *    trap vector that resumes at the next instruction, so the same image runs on the SoC (no PMP)
 *    and on QEMU (which needs a PMP entry for U/S accesses), and an M-mode program also on a hart
 *    without S-mode.
 */
#ifndef BALLOON_RVTEST_P_H
#define BALLOON_RVTEST_P_H

#include "../encoding.h"
#include "soc_memory_map.h"

#define TESTNUM gp

/* The test body's privilege: each RVTEST_RVxx defines the `init` assembler macro that the
 * reset code expands just before entering the body. */
#define RVTEST_ENABLE_MACHINE                                                 \
  li a0, MSTATUS_MPP;                                                         \
  csrs mstatus, a0;

#define RVTEST_ENABLE_SUPERVISOR                                              \
  li a0, MSTATUS_MPP & (MSTATUS_MPP >> 1);                                    \
  csrs mstatus, a0;                                                           \
  li a0, SIP_SSIP | SIP_STIP;                                                 \
  csrs mideleg, a0;

#define RVTEST_RV32U .macro init; .endm
#define RVTEST_RV64U RVTEST_RV32U
#define RVTEST_RV32M .macro init; RVTEST_ENABLE_MACHINE .endm
#define RVTEST_RV64M RVTEST_RV32M
#define RVTEST_RV32S .macro init; RVTEST_ENABLE_SUPERVISOR .endm
#define RVTEST_RV64S RVTEST_RV32S

/* Address translation for the body: none in "p" (the "v" environment, env/v, redefines this). */
#define RVT_VM_SETUP

/* Hooks some programs redefine (kept empty here). */
#define EXTRA_INIT
#define EXTRA_INIT_TIMER
#define EXTRA_DATA

/* Write one CSR that may not exist: a trap on it resumes at the next (4-byte aligned) label.
 * Clobbers t2 (so `reg` must not be t2). */
#define RVT_TRY_CSRW(csr, reg)                                                \
  la t2, 1f;                                                                  \
  csrw mtvec, t2;                                                             \
  csrw csr, reg;                                                              \
  .align 2;                                                                   \
1:

#define RVT_CLEAR_XREGS                                                       \
  li x1, 0;  li x2, 0;  li x3, 0;  li x4, 0;  li x5, 0;  li x6, 0;            \
  li x7, 0;  li x8, 0;  li x9, 0;  li x10, 0; li x11, 0; li x12, 0;           \
  li x13, 0; li x14, 0; li x15, 0; li x16, 0; li x17, 0; li x18, 0;           \
  li x19, 0; li x20, 0; li x21, 0; li x22, 0; li x23, 0; li x24, 0;           \
  li x25, 0; li x26, 0; li x27, 0; li x28, 0; li x29, 0; li x30, 0;           \
  li x31, 0;

#define RVTEST_CODE_BEGIN                                                     \
        .section .text.init, "ax", @progbits;                                 \
        .option norvc;                                                        \
        .align 6;                                                             \
        .weak mtvec_handler;                                                  \
        .weak stvec_handler;                                                  \
        .globl _start;                                                        \
_start:                                                                       \
        j rvt_reset;                                                          \
                                                                              \
        /* M-mode trap vector: only t5 and t6 may be used before the */       \
        /* program's own mtvec_handler takes over. */                         \
        .align 2;                                                             \
trap_vector:                                                                  \
        csrr t5, mcause;                                                      \
        li t6, CAUSE_USER_ECALL;                                              \
        beq t5, t6, rvt_report;                                               \
        li t6, CAUSE_SUPERVISOR_ECALL;                                        \
        beq t5, t6, rvt_report;                                               \
        li t6, CAUSE_MACHINE_ECALL;                                           \
        beq t5, t6, rvt_report;                                               \
        la t5, mtvec_handler;                                                 \
        beqz t5, rvt_unexpected_trap;                                         \
        jr t5;                                                                \
                                                                              \
rvt_unexpected_trap:                                                          \
        csrr t5, mcause;                                                      \
        sw t5, rvt_trap_cause, t6;                                            \
        csrr t5, mepc;                                                        \
        sw t5, rvt_trap_epc, t6;                                              \
        csrr t5, mtval;                                                       \
        sw t5, rvt_trap_tval, t6;                                             \
        addi TESTNUM, TESTNUM, 1024;                                          \
        slli TESTNUM, TESTNUM, 1;                                             \
        ori TESTNUM, TESTNUM, 1;                                              \
                                                                              \
        /* gp holds 1 (pass) or (n << 1) | 1 (failure n). */                  \
rvt_report:                                                                   \
        sw TESTNUM, tohost, t5;                                               \
        sw zero, tohost + 4, t5;                                              \
        li t5, FINISHER_PASS;                                                 \
        li t6, 1;                                                             \
        beq TESTNUM, t6, 2f;                                                  \
        srli t5, TESTNUM, 1;                                                  \
        slli t5, t5, 16;                                                      \
        li t6, FINISHER_FAIL;                                                 \
        or t5, t5, t6;                                                        \
2:      li t6, FINISHER_BASE;                                                 \
        sw t5, 0(t6);                                                         \
3:      j 3b;                                                                 \
                                                                              \
rvt_reset:                                                                    \
        RVT_CLEAR_XREGS                                                       \
        csrr a0, mhartid;                                                     \
4:      bnez a0, 4b;                                                          \
        RVT_TRY_CSRW(satp, zero)                                              \
        li a1, -1;                                                            \
        RVT_TRY_CSRW(pmpaddr0, a1)                                            \
        li a1, PMP_NAPOT | PMP_R | PMP_W | PMP_X;                             \
        RVT_TRY_CSRW(pmpcfg0, a1)                                             \
        csrwi mie, 0;                                                         \
        RVT_TRY_CSRW(medeleg, zero)                                           \
        RVT_TRY_CSRW(mideleg, zero)                                           \
        la t0, stvec_handler;                                                 \
        beqz t0, 5f;                                                          \
        RVT_TRY_CSRW(stvec, t0)                                               \
        li t0, (1 << CAUSE_MISALIGNED_FETCH) | (1 << CAUSE_BREAKPOINT) |      \
               (1 << CAUSE_USER_ECALL) | (1 << CAUSE_FETCH_PAGE_FAULT) |      \
               (1 << CAUSE_LOAD_PAGE_FAULT) | (1 << CAUSE_STORE_PAGE_FAULT);  \
        RVT_TRY_CSRW(medeleg, t0)                                             \
5:      la t0, trap_vector;                                                   \
        csrw mtvec, t0;                                                       \
        li a1, 0;                                                             \
        li t0, 0;                                                             \
        li t2, 0;                                                             \
        li TESTNUM, 0;                                                        \
        csrwi mstatus, 0;                                                     \
        RVT_VM_SETUP                                                          \
        init;                                                                 \
        EXTRA_INIT;                                                           \
        EXTRA_INIT_TIMER;                                                     \
        la t0, rvt_body;                                                      \
        csrw mepc, t0;                                                        \
        li t0, 0;                                                             \
        li a1, 0;                                                             \
        csrr a0, mhartid;                                                     \
        mret;                                                                 \
        .section .text, "ax", @progbits;                                      \
rvt_body:

#define RVTEST_CODE_END                                                       \
        unimp

/* TESTNUM 0 would read as a pass once encoded: report it as failure 0x7ff instead. */
#define RVTEST_PASS                                                           \
        fence;                                                                \
        li TESTNUM, 1;                                                        \
        li a7, 93;                                                            \
        li a0, 0;                                                             \
        ecall

#define RVTEST_FAIL                                                           \
        fence;                                                                \
        bnez TESTNUM, 6f;                                                     \
        li TESTNUM, 0x7ff;                                                    \
6:      slli TESTNUM, TESTNUM, 1;                                             \
        ori TESTNUM, TESTNUM, 1;                                              \
        li a7, 93;                                                            \
        addi a0, TESTNUM, 0;                                                  \
        ecall

#define RVTEST_DATA_BEGIN                                                     \
        EXTRA_DATA                                                            \
        .pushsection .tohost, "aw", @progbits;                                \
        .align 6; .globl tohost; tohost: .dword 0; .size tohost, 8;           \
        .align 6; .globl fromhost; fromhost: .dword 0; .size fromhost, 8;     \
        .align 2;                                                             \
        .globl rvt_trap_cause; rvt_trap_cause: .word 0;                       \
        .globl rvt_trap_epc; rvt_trap_epc: .word 0;                           \
        .globl rvt_trap_tval; rvt_trap_tval: .word 0;                         \
        .popsection;                                                          \
        .align 4; .globl begin_signature; begin_signature:

#define RVTEST_DATA_END .align 4; .globl end_signature; end_signature:

#endif
