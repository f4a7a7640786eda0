/* mret and sret: the target address, the new privilege (from MPP/SPP), the interrupt-enable
 * stack (MIE <- MPIE, MPIE <- 1, MPP <- U; SIE <- SPIE, SPIE <- 1, SPP <- U), MPRV kept when
 * returning to M (whether it is cleared when returning below M is not checked: priv. 1.12 clears
 * it, QEMU 7.2 does not), sret executed in M-mode, mret/sret illegal in lower modes.
 * mie = 0 throughout, so setting MIE/SIE takes no interrupt. */
#include "test.h"

/* set mstatus fields: clear \clr, set \set */
.macro MSTATUS clr, set
  li t5, \clr
  csrc mstatus, t5
  li t5, \set
  csrs mstatus, t5
.endm

TEST_MAIN
  csrw mie, zero
  /* mret to M: MIE <- MPIE (1), MPIE <- 1, MPP <- U */
  TEST 1
  MSTATUS MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP, MSTATUS_MPIE | MSTATUS_MPP_M
  la a1, 1f
  csrw mepc, a1
  mret
  TEST_FAIL
1:
  csrr a0, mstatus
  CHECK_MASK a0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP, MSTATUS_MIE | MSTATUS_MPIE
  /* mret to M with MPIE = 0: MIE <- 0, MPIE <- 1 */
  TEST 2
  MSTATUS MSTATUS_MPIE | MSTATUS_MPP, MSTATUS_MIE | MSTATUS_MPP_M
  la a1, 1f
  csrw mepc, a1
  mret
  TEST_FAIL
1:
  csrr a0, mstatus
  CHECK_MASK a0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP, MSTATUS_MPIE
  /* mret to S: lands in S (ecall cause 9) with MIE taken from MPIE */
  TEST 3
  MSTATUS MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP, MSTATUS_MPIE | MSTATUS_MPP_S
  la a1, 1f
  csrw mepc, a1
  li a7, 0
  EXPECT_MTRAP 2f
  mret
  TEST_FAIL
1:
  ecall
2:
  CHECK_MTRAP CAUSE_SUPERVISOR_ECALL, 1b
  /* at the ecall: MIE was 1 (from MPIE), so the trap saved MPIE = 1; MPP = S */
  CHECK_MEM_MASK m_trap_status, MSTATUS_MPIE | MSTATUS_MPP, MSTATUS_MPIE | MSTATUS_MPP_S
  GOTO_M 3f
3:
  /* mret to U */
  TEST 4
  MSTATUS MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP, 0
  la a1, 1f
  csrw mepc, a1
  EXPECT_MTRAP 2f
  mret
  TEST_FAIL
1:
  ecall
2:
  CHECK_MTRAP CAUSE_USER_ECALL, 1b
  CHECK_MEM_MASK m_trap_status, MSTATUS_MPIE | MSTATUS_MPP, 0
  GOTO_M 3f
3:
  /* mret below M with MPRV = 1. Priv. spec 1.12 clears MPRV here; 1.11 (and QEMU 7.2) keeps
   * it, so that is not checked: only that the return works. */
  TEST 5
  MSTATUS MSTATUS_MPP, MSTATUS_MPRV | MSTATUS_MPP_S
  la a1, 1f
  csrw mepc, a1
  EXPECT_MTRAP 2f
  mret
1:
  ecall
2:
  CHECK_MTRAP CAUSE_SUPERVISOR_ECALL, 1b
  GOTO_M 3f
3:
  MSTATUS MSTATUS_MPRV, 0
  TEST 6                             /* mret to M keeps MPRV */
  MSTATUS MSTATUS_MPP, MSTATUS_MPRV | MSTATUS_MPP_M
  la a1, 1f
  csrw mepc, a1
  mret
1:
  csrr a0, mstatus
  CHECK_MASK a0, MSTATUS_MPRV, MSTATUS_MPRV
  MSTATUS MSTATUS_MPRV, 0
  /* mret jumps to mepc exactly, also backwards */
  TEST 7
  j 2f
1:
  li s1, 0x71
  j 3f
2:
  MSTATUS MSTATUS_MPP, MSTATUS_MPP_M
  la a1, 1b
  csrw mepc, a1
  li s1, 0
  mret
  TEST_FAIL
3:
  CHECK s1, 0x71

  /* sret in S to S: SIE <- SPIE (1), SPIE <- 1, SPP <- U */
  TEST 8
  GOTO_S 1f
1:
  li a1, MSTATUS_SIE
  csrc sstatus, a1
  li a1, MSTATUS_SPIE | MSTATUS_SPP
  csrs sstatus, a1
  la a1, 2f
  csrw sepc, a1
  sret
  TEST_FAIL
2:
  csrr s1, sstatus
  csrr s2, sscratch                  /* still S-mode: no trap */
  GOTO_M 3f
3:
  CHECK_MASK s1, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP, MSTATUS_SIE | MSTATUS_SPIE
  /* sret in S with SPIE = 0: SIE <- 0, SPIE <- 1 */
  TEST 9
  GOTO_S 1f
1:
  li a1, MSTATUS_SPIE
  csrc sstatus, a1
  li a1, MSTATUS_SIE | MSTATUS_SPP
  csrs sstatus, a1
  la a1, 2f
  csrw sepc, a1
  sret
  TEST_FAIL
2:
  csrr s1, sstatus
  GOTO_M 3f
3:
  CHECK_MASK s1, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP, MSTATUS_SPIE
  /* sret to U */
  TEST 10
  li a7, 0
  GOTO_S 1f
1:
  li a1, MSTATUS_SPP
  csrc sstatus, a1
  la a1, 2f
  csrw sepc, a1
  EXPECT_MTRAP 4f
  sret
  TEST_FAIL
2:
  ecall
4:
  GOTO_M 3f
3:
  CHECK_MTRAP CAUSE_USER_ECALL, 2b
  /* sret executed in M-mode returns to SPP */
  TEST 11
  MSTATUS 0, MSTATUS_SPP
  la a1, 1f
  csrw sepc, a1
  EXPECT_MTRAP 2f
  sret
  TEST_FAIL
1:
  ecall
2:
  CHECK_MTRAP CAUSE_SUPERVISOR_ECALL, 1b
  GOTO_M 3f
3:
  TEST 12                            /* sret in M to U with MPRV = 1 (cleared or not: see 5) */
  MSTATUS MSTATUS_SPP, MSTATUS_MPRV
  la a1, 1f
  csrw sepc, a1
  EXPECT_MTRAP 2f
  sret
  TEST_FAIL
1:
  ecall
2:
  CHECK_MTRAP CAUSE_USER_ECALL, 1b
  GOTO_M 3f
3:
  MSTATUS MSTATUS_MPRV, 0
  /* a delegated trap into S records SPP/SPIE/SIE; sret undoes it */
  TEST 13
  li a1, 1 << CAUSE_USER_ECALL
  csrw medeleg, a1
  MSTATUS 0, MSTATUS_SIE
  EXPECT_STRAP 2f
  GOTO_U 1f
1:
  ecall
2:
  GOTO_M 3f
3:
  CHECK_STRAP CAUSE_USER_ECALL, 1b
  CHECK_MEM_MASK s_trap_status, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP, MSTATUS_SPIE
  csrw medeleg, zero
  TEST 14                            /* mret/sret in the wrong mode are illegal */
  EXPECT_MTRAP 2f
  GOTO_S 1f
1:
  mret
2:
  GOTO_M 3f
3:
  CHECK_MTRAP CAUSE_ILLEGAL, 1b
  TEST 15
  EXPECT_MTRAP 2f
  GOTO_U 1f
1:
  sret
2:
  GOTO_M 3f
3:
  CHECK_MTRAP CAUSE_ILLEGAL, 1b
  TEST 16
  EXPECT_MTRAP 2f
  GOTO_U 1f
1:
  mret
2:
  GOTO_M 3f
3:
  CHECK_MTRAP CAUSE_ILLEGAL, 1b
  TEST_PASS
