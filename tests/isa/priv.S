/* Privilege controls and counters: mstatus.TW (WFI in S traps when set; WFI in U always traps
 * when nothing is pending; in M unaffected), TSR (sret in S traps; M unaffected), TVM (satp and
 * sfence.vma in S trap; M unaffected; sfence.vma in U always traps); mcycle/minstret advance and
 * are writable, cycle/instret/time (and the high halves) mirror them, time tracks the CLINT mtime,
 * mcounteren/scounteren gate cycle/time/instret for S and U (illegal when clear).
 * WFI is only executed when it must trap or when a locally enabled interrupt is pending (so it
 * must return); an implementation whose WFI returns at once passes too. */
#include "test.h"

/* \insn executed in mode \mode (S or U) must raise an illegal instruction, s1 unwritten */
.macro ILLEGAL_IN n, mode, insn
  TEST \n
  li s1, 0x5a5a5a5a
  EXPECT_MTRAP .Lir_\@
  GOTO_\mode .Lii_\@
.Lii_\@:
  \insn
.Lir_\@:
  GOTO_M .Lim_\@
.Lim_\@:
  CHECK_MTRAP CAUSE_ILLEGAL, .Lii_\@
  CHECK s1, 0x5a5a5a5a
.endm

/* \insn executed in mode \mode must not trap (the generic handler fails the test if it does) */
.macro LEGAL_IN n, mode, insn
  TEST \n
  GOTO_\mode .Lli_\@
.Lli_\@:
  \insn
  GOTO_M .Llm_\@
.Llm_\@:
.endm

.macro MSTATUS_SET bits
  li t5, \bits
  csrs mstatus, t5
.endm
.macro MSTATUS_CLR bits
  li t5, \bits
  csrc mstatus, t5
.endm

TEST_MAIN
  csrw mie, zero
  csrw mideleg, zero
  /* ------------------------------------------------------------------ TW */
  ILLEGAL_IN 1, U, wfi               /* U-mode WFI with nothing pending */
  MSTATUS_SET MSTATUS_TW
  ILLEGAL_IN 2, S, wfi
  ILLEGAL_IN 3, U, wfi
  TEST 4                             /* TW does not affect M: wfi returns (SSIP pending) */
  li a1, MIP_SSIP
  csrw mie, a1
  csrs mip, a1
  wfi
  TEST 5                             /* TW = 0: WFI in S returns (SSIP pending, not taken: SIE = 0) */
  MSTATUS_CLR MSTATUS_TW | MSTATUS_SIE
  li a1, MIP_SSIP
  csrw mideleg, a1
  LEGAL_IN 6, S, wfi
  li a1, MIP_SSIP
  csrc mip, a1
  csrw mie, zero
  csrw mideleg, zero

  /* ------------------------------------------------------------------ TSR */
  MSTATUS_SET MSTATUS_TSR
  ILLEGAL_IN 7, S, sret
  TEST 8                             /* M may still use sret */
  MSTATUS_SET MSTATUS_SPP
  la a1, 1f
  csrw sepc, a1
  li a7, 0
  EXPECT_MTRAP 2f
  sret
  TEST_FAIL
1:
  ecall                              /* in S now */
2:
  GOTO_M 3f
3:
  CHECK_MTRAP CAUSE_SUPERVISOR_ECALL, 1b
  MSTATUS_CLR MSTATUS_TSR
  TEST 9                             /* TSR = 0: sret in S works */
  GOTO_S 1f
1:
  li a1, MSTATUS_SPP
  csrs sstatus, a1
  la a1, 2f
  csrw sepc, a1
  sret
  TEST_FAIL
2:
  GOTO_M 3f
3:

  /* ------------------------------------------------------------------ TVM */
  MSTATUS_SET MSTATUS_TVM
  ILLEGAL_IN 10, S, "csrr s1, satp"
  ILLEGAL_IN 11, S, "csrw satp, zero"
  ILLEGAL_IN 12, S, "sfence.vma"
  ILLEGAL_IN 13, S, "sfence.vma zero, a1"
  TEST 14                            /* M unaffected */
  csrr a0, satp
  csrw satp, zero
  sfence.vma
  MSTATUS_CLR MSTATUS_TVM
  LEGAL_IN 15, S, "csrr s1, satp"
  LEGAL_IN 16, S, "csrw satp, zero"
  LEGAL_IN 17, S, "sfence.vma"
  ILLEGAL_IN 18, U, "sfence.vma"
  ILLEGAL_IN 19, U, "csrr s1, satp"

  /* ------------------------------------------------------------------ counters */
  TEST 20                            /* mcycle advances */
  csrr a1, mcycle
  nop
  nop
  nop
  csrr a2, mcycle
  bne a1, a2, 1f
  TEST_FAIL
1:
  TEST 21                            /* minstret advances */
  csrr a1, minstret
  nop
  nop
  nop
  csrr a2, minstret
  sub a0, a2, a1
  bgtz a0, 1f
  TEST_FAIL
1:
  TEST 22                            /* mcycle is writable */
  li a1, 0x00100000
  csrw mcycle, a1
  csrr a0, mcycle
  sub a0, a0, a1
  li a2, 0x00100000
  bltu a0, a2, 1f
  TEST_FAIL
1:
  TEST 23                            /* minstret is writable */
  li a1, 0x00200000
  csrw minstret, a1
  csrr a0, minstret
  sub a0, a0, a1
  li a2, 0x00100000
  bltu a0, a2, 1f
  TEST_FAIL
1:
  TEST 24                            /* mcycleh / minstreth writable */
  li a1, 0x1234
  csrw mcycleh, a1
  csrr a0, mcycleh
  CHECK a0, 0x1234
  TEST 25
  li a1, 0x4321
  csrw minstreth, a1
  csrr a0, minstreth
  CHECK a0, 0x4321
  TEST 26                            /* cycle / instret (and high halves) mirror them */
  csrr a0, cycleh
  CHECK a0, 0x1234
  TEST 27
  csrr a0, instreth
  CHECK a0, 0x4321
  csrw mcycleh, zero
  csrw minstreth, zero
  TEST 28
  csrr a1, mcycle
  csrr a2, cycle
  sub a0, a2, a1
  li a3, 0x10000
  bltu a0, a3, 1f
  TEST_FAIL
1:
  TEST 29
  csrr a1, minstret
  csrr a2, instret
  sub a0, a2, a1
  bltu a0, a3, 1f
  TEST_FAIL
1:
  TEST 30                            /* time tracks the CLINT mtime */
  li a4, CLINT_MTIME_ADDR
  csrr a1, time
  lw a2, 0(a4)
  csrr a3, time
  sub a0, a2, a1                     /* mtime - time1: small (may be -1 or so) */
  addi a0, a0, 16
  li a5, 0x10000
  bltu a0, a5, 1f
  TEST_FAIL
1:
  sub a0, a3, a2                     /* time2 - mtime */
  addi a0, a0, 16
  bltu a0, a5, 1f
  TEST_FAIL
1:
  TEST 31
  csrr a0, timeh
  li a4, CLINT_MTIME_ADDR + 4
  lw a1, 0(a4)
  CHECK_REG a0, a1

  /* mcounteren / scounteren */
  TEST 32
  li a1, 7
  csrw mcounteren, a1
  csrr a0, mcounteren
  CHECK_MASK a0, 7, 7
  TEST 33
  csrw scounteren, a1
  csrr a0, scounteren
  CHECK_MASK a0, 7, 7
  LEGAL_IN 34, S, "csrr s1, cycle"
  LEGAL_IN 35, S, "csrr s1, time"
  LEGAL_IN 36, S, "csrr s1, instret"
  LEGAL_IN 37, U, "csrr s1, cycle"
  LEGAL_IN 38, U, "csrr s1, time"
  LEGAL_IN 39, U, "csrr s1, instret"
  LEGAL_IN 40, U, "csrr s1, cycleh"
  LEGAL_IN 41, U, "csrr s1, timeh"
  LEGAL_IN 42, U, "csrr s1, instreth"
  TEST 43                            /* the value seen in U is the counter */
  li a1, 0x00300000
  csrw minstret, a1
  GOTO_U 1f
1:
  csrr s1, instret
  GOTO_M 2f
2:
  sub a0, s1, a1
  li a2, 0x00100000
  bltu a0, a2, 1f
  TEST_FAIL
1:
  /* scounteren clear: U traps, S does not */
  csrw scounteren, zero
  ILLEGAL_IN 44, U, "csrr s1, cycle"
  ILLEGAL_IN 45, U, "csrr s1, time"
  ILLEGAL_IN 46, U, "csrr s1, instret"
  ILLEGAL_IN 47, U, "csrr s1, cycleh"
  LEGAL_IN 48, S, "csrr s1, cycle"
  /* one bit at a time */
  TEST 49
  li a1, 1
  csrw scounteren, a1                /* CY only */
  LEGAL_IN 50, U, "csrr s1, cycle"
  ILLEGAL_IN 51, U, "csrr s1, time"
  ILLEGAL_IN 52, U, "csrr s1, instret"
  li a1, 4
  csrw scounteren, a1                /* IR only */
  ILLEGAL_IN 53, U, "csrr s1, cycle"
  LEGAL_IN 54, U, "csrr s1, instret"
  /* mcounteren clear: S and U trap even with scounteren set */
  li a1, 7
  csrw scounteren, a1
  csrw mcounteren, zero
  ILLEGAL_IN 55, S, "csrr s1, cycle"
  ILLEGAL_IN 56, S, "csrr s1, time"
  ILLEGAL_IN 57, S, "csrr s1, instret"
  ILLEGAL_IN 58, U, "csrr s1, cycle"
  ILLEGAL_IN 59, U, "csrr s1, time"
  ILLEGAL_IN 60, U, "csrr s1, instret"
  TEST 61                            /* M is never gated */
  csrr a0, cycle
  csrr a0, time
  csrr a0, instret
  li a1, 2
  csrw mcounteren, a1                /* TM only */
  LEGAL_IN 62, S, "csrr s1, time"
  ILLEGAL_IN 63, S, "csrr s1, cycle"
  TEST_PASS
