/* ISA test environment: constants and assembler macros shared by every tests/isa/*.S program.
 *
 * Conventions (see tests/isa/README.md):
 *   gp (x3)  holds the number of the check being run (TEST n). On failure the test exits with
 *            code = gp (1..254; 255 if gp is out of that range) through the finisher, and prints a
 *            diagnostic line on the UART.
 *   t5, t6   are scratch registers of the CHECK macros: do not CHECK them directly.
 *   a0, a7   are used by GOTO_M / TEST_PASS (ecall-based services; GOTO_M leaves a7 = 0). A
 *            test's own ecall must not have a7 equal to one of the SVC_* values.
 * The M-mode trap handler (entry.S) preserves every register. An unexpected trap fails the test;
 * an expected one (EXPECT_MTRAP) is recorded in m_trap_{cause,epc,tval,status} and resumes at the
 * given label in the privilege mode that trapped, with xPIE cleared (so xIE = 0 after the resume).
 */
#ifndef ISA_TEST_H
#define ISA_TEST_H

#include "soc_memory_map.h"

#define FINISHER_ADDR     FINISHER_BASE
#define CLINT_MSIP_ADDR   (CLINT_BASE + CLINT_MSIP)
#define CLINT_MTIMECMP_ADDR (CLINT_BASE + CLINT_MTIMECMP)
#define CLINT_MTIME_ADDR  (CLINT_BASE + CLINT_MTIME)

/* An address at which nothing is mapped, both on the SoC and on QEMU virt. */
#define UNMAPPED_ADDR     0x00000000
#define UNMAPPED_ADDR2    0x00200000

/* mstatus */
#define MSTATUS_SIE   0x00000002
#define MSTATUS_MIE   0x00000008
#define MSTATUS_SPIE  0x00000020
#define MSTATUS_MPIE  0x00000080
#define MSTATUS_SPP   0x00000100
#define MSTATUS_MPP   0x00001800
#define MSTATUS_MPP_S 0x00000800
#define MSTATUS_MPP_M 0x00001800
#define MSTATUS_MPRV  0x00020000
#define MSTATUS_SUM   0x00040000
#define MSTATUS_MXR   0x00080000
#define MSTATUS_TVM   0x00100000
#define MSTATUS_TW    0x00200000
#define MSTATUS_TSR   0x00400000

/* mip / mie */
#define MIP_SSIP 0x002
#define MIP_MSIP 0x008
#define MIP_STIP 0x020
#define MIP_MTIP 0x080
#define MIP_SEIP 0x200
#define MIP_MEIP 0x800

/* mcause */
#define CAUSE_MISALIGNED_FETCH 0
#define CAUSE_FETCH_ACCESS     1
#define CAUSE_ILLEGAL          2
#define CAUSE_BREAKPOINT       3
#define CAUSE_MISALIGNED_LOAD  4
#define CAUSE_LOAD_ACCESS      5
#define CAUSE_MISALIGNED_STORE 6
#define CAUSE_STORE_ACCESS     7
#define CAUSE_USER_ECALL       8
#define CAUSE_SUPERVISOR_ECALL 9
#define CAUSE_MACHINE_ECALL    11
#define CAUSE_FETCH_PAGE_FAULT 12
#define CAUSE_LOAD_PAGE_FAULT  13
#define CAUSE_STORE_PAGE_FAULT 15
#define CAUSE_INT              0x80000000
#define CAUSE_SSI              (CAUSE_INT | 1)
#define CAUSE_MSI              (CAUSE_INT | 3)
#define CAUSE_STI              (CAUSE_INT | 5)
#define CAUSE_MTI              (CAUSE_INT | 7)
#define NO_TRAP                0xFFFFFFFF   /* m_trap_cause/s_trap_cause value before a trap */

/* Sv32 */
#define PTE_V 0x001
#define PTE_R 0x002
#define PTE_W 0x004
#define PTE_X 0x008
#define PTE_U 0x010
#define PTE_G 0x020
#define PTE_A 0x040
#define PTE_D 0x080
#define PTE_RWX_AD (PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
#define SATP_SV32  0x80000000

/* ecall services (a7) understood by the trap handlers */
#define SVC_GOTO_M   0x4d6f4d31   /* continue at address a0 in M-mode */
#define SVC_PASS     0x4d6f4d32   /* the test passed */
#define SVC_FAILCHK  0x4d6f4d33   /* a CHECK failed: a0 = got, a1 = expected */
#define SVC_FAILS    0x4d6f4d34   /* unexpected S-mode trap: a0 = scause, a1 = sepc, a2 = stval */

#ifdef __ASSEMBLER__

/* Absolute address (not pc-relative): valid from code running at an aliased virtual address. */
.macro LA_ABS reg, sym
  lui \reg, %hi(\sym)
  addi \reg, \reg, %lo(\sym)
.endm

.macro TEST_MAIN
  .text
  .globl test_main
test_main:
.endm

.macro TEST n
  li gp, \n
.endm

.macro TEST_PASS
  li a7, SVC_PASS
  ecall
.endm

/* Fail now (the failing number is gp). */
.macro TEST_FAIL
  mv t5, zero
  li t6, 1
  jal zero, test_fail_check
.endm

/* reg == immediate value, else fail. */
.macro CHECK reg, val
  li t6, \val
  beq \reg, t6, .Lchk_ok\@
  mv t5, \reg
  jal zero, test_fail_check
.Lchk_ok\@:
.endm

/* reg == other register, else fail. */
.macro CHECK_REG reg, other
  mv t6, \other
  beq \reg, t6, .Lchk_ok\@
  mv t5, \reg
  jal zero, test_fail_check
.Lchk_ok\@:
.endm

/* reg == address of sym, else fail. */
.macro CHECK_ADDR reg, sym, off=0
  LA_ABS t6, \sym
  addi t6, t6, \off
  beq \reg, t6, .Lchk_ok\@
  mv t5, \reg
  jal zero, test_fail_check
.Lchk_ok\@:
.endm

/* word in memory at sym == immediate value */
.macro CHECK_MEM sym, val
  LA_ABS t5, \sym
  lw t5, 0(t5)
  li t6, \val
  beq t5, t6, .Lchk_ok\@
  jal zero, test_fail_check
.Lchk_ok\@:
.endm

/* word in memory at sym == address of label */
.macro CHECK_MEM_ADDR sym, label, off=0
  LA_ABS t5, \sym
  lw t5, 0(t5)
  LA_ABS t6, \label
  addi t6, t6, \off
  beq t5, t6, .Lchk_ok\@
  jal zero, test_fail_check
.Lchk_ok\@:
.endm

/* (word at sym) & mask == val */
.macro CHECK_MEM_MASK sym, mask, val
  LA_ABS t5, \sym
  lw t5, 0(t5)
  li t6, \mask
  and t5, t5, t6
  li t6, \val
  beq t5, t6, .Lchk_ok\@
  jal zero, test_fail_check
.Lchk_ok\@:
.endm

/* reg & mask == val (reg is not modified) */
.macro CHECK_MASK reg, mask, val
  li t6, \mask
  and t5, \reg, t6
  li t6, \val
  beq t5, t6, .Lchk_ok\@
  jal zero, test_fail_check
.Lchk_ok\@:
.endm

/* The next trap taken into M-mode (that is not an ecall service) is expected: record it and
 * continue at \resume. Clobbers t5, t6. */
.macro EXPECT_MTRAP resume
  LA_ABS t5, m_trap_cause
  li t6, NO_TRAP
  sw t6, 0(t5)
  sw zero, 4(t5)
  sw zero, 8(t5)
  LA_ABS t6, \resume
  sw t6, -4(t5)              /* m_trap_resume */
.endm

/* Same for a trap taken into S-mode (stvec = s_trap_entry). */
.macro EXPECT_STRAP resume
  LA_ABS t5, s_trap_cause
  li t6, NO_TRAP
  sw t6, 0(t5)
  sw zero, 4(t5)
  sw zero, 8(t5)
  LA_ABS t6, \resume
  sw t6, -4(t5)              /* s_trap_resume */
.endm

/* Withdraw an expectation (when a trap was permitted but did not happen). */
.macro CANCEL_MTRAP
  LA_ABS t5, m_trap_resume
  sw zero, 0(t5)
.endm
.macro CANCEL_STRAP
  LA_ABS t5, s_trap_resume
  sw zero, 0(t5)
.endm

/* Check the recorded M trap: cause and epc (label + off). */
.macro CHECK_MTRAP cause, epc_label, off=0
  CHECK_MEM m_trap_cause, \cause
  CHECK_MEM_ADDR m_trap_epc, \epc_label, \off
.endm
.macro CHECK_STRAP cause, epc_label, off=0
  CHECK_MEM s_trap_cause, \cause
  CHECK_MEM_ADDR s_trap_epc, \epc_label, \off
.endm
/* No trap was recorded since the last EXPECT_xTRAP. */
.macro CHECK_NO_MTRAP
  CHECK_MEM m_trap_cause, NO_TRAP
.endm
.macro CHECK_NO_STRAP
  CHECK_MEM s_trap_cause, NO_TRAP
.endm

/* Privilege changes. From M-mode only: continue at \label in S / U / M (mret with MPP).
 * mstatus.MPIE is cleared first, so xIE bits are unchanged except MIE = 0. Clobbers t5, t6. */
.macro GOTO_MODE label, mpp
  li t6, MSTATUS_MPP | MSTATUS_MPIE
  csrc mstatus, t6
  li t6, \mpp
  csrs mstatus, t6
  LA_ABS t6, \label
  csrw mepc, t6
  mret
.endm
.macro GOTO_S label
  GOTO_MODE \label, MSTATUS_MPP_S
.endm
.macro GOTO_U label
  GOTO_MODE \label, 0
.endm
/* From any mode: continue at \label in M-mode (ecall service; clobbers a0; a7 = 0 after). */
.macro GOTO_M label
  LA_ABS a0, \label
  li a7, SVC_GOTO_M
  ecall
.endm

/* Read the low word of mtime into reg. */
.macro READ_MTIME reg
  li \reg, CLINT_MTIME_ADDR
  lw \reg, 0(\reg)
.endm

#endif /* __ASSEMBLER__ */
#endif /* ISA_TEST_H */
