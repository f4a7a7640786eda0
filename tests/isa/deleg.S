/* Exception delegation (medeleg) to S-mode: delegated exceptions from U and S go to stvec with
 * scause/sepc/stval and sstatus.SPP/SPIE/SIE updated and M state untouched; exceptions raised in
 * M-mode are never delegated; clearing a medeleg bit brings the trap back to M. */
#include "test.h"

#define DELEG ((1 << CAUSE_USER_ECALL) | (1 << CAUSE_ILLEGAL) | (1 << CAUSE_BREAKPOINT) | (1 << CAUSE_LOAD_ACCESS) | (1 << CAUSE_STORE_ACCESS))

.macro CHECK_STVAL val
  CHECK_MEM s_trap_tval, \val
.endm

TEST_MAIN
  TEST 1                             /* the bits used below are writable */
  li a1, DELEG
  csrw medeleg, a1
  csrr a0, medeleg
  CHECK_MASK a0, DELEG, DELEG
  TEST 2                             /* and clearable */
  csrw medeleg, zero
  csrr a0, medeleg
  CHECK a0, 0
  li a1, DELEG
  csrw medeleg, a1

  /* ecall from U goes to S */
  TEST 3
  li a1, 0x1234
  csrw mcause, a1
  csrw mepc, zero
  li a1, MSTATUS_SIE
  csrs mstatus, a1                   /* SIE = 1 before the trap */
  EXPECT_MTRAP 9f                    /* must not be used */
  EXPECT_STRAP 2f
  li a7, 0
  GOTO_U 1f
1:
  ecall
2:
  GOTO_M 3f
3:
  CHECK_STRAP CAUSE_USER_ECALL, 1b
  CHECK_STVAL 0
  CHECK_MEM_MASK s_trap_status, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE, MSTATUS_SPIE
  CHECK_NO_MTRAP
  TEST 4                             /* M-mode trap CSRs were not touched by the S trap */
  csrr a0, mcause                    /* GOTO_M from U: the delegated ecall reached S, */
  CHECK a0, CAUSE_SUPERVISOR_ECALL   /* whose handler forwarded it to M with an S ecall */
  CANCEL_MTRAP
  csrr a0, scause
  CHECK a0, CAUSE_USER_ECALL
  /* illegal instruction in U goes to S */
  TEST 5
  li s1, 0x5a5a5a5a
  EXPECT_STRAP 2f
  GOTO_U 1f
1:
  csrr s1, mstatus
2:
  GOTO_M 3f
3:
  CHECK_STRAP CAUSE_ILLEGAL, 1b
  CHECK s1, 0x5a5a5a5a
  LA_ABS t5, s_trap_tval
  lw t5, 0(t5)
  beqz t5, 4f
  LA_ABS t6, 1b
  lw t6, 0(t6)
  CHECK_REG t5, t6
4:
  /* load / store access faults in U go to S with stval = the address */
  TEST 6
  li a1, UNMAPPED_ADDR2
  EXPECT_STRAP 2f
  GOTO_U 1f
1:
  lw s1, 8(a1)
2:
  GOTO_M 3f
3:
  CHECK_STRAP CAUSE_LOAD_ACCESS, 1b
  CHECK_STVAL UNMAPPED_ADDR2 + 8
  TEST 7
  EXPECT_STRAP 2f
  GOTO_U 1f
1:
  sw s1, 12(a1)
2:
  GOTO_M 3f
3:
  CHECK_STRAP CAUSE_STORE_ACCESS, 1b
  CHECK_STVAL UNMAPPED_ADDR2 + 12
  /* ebreak in S goes to S: SPP = 1, SPIE = SIE (0) */
  TEST 8
  li a1, MSTATUS_SIE
  csrc mstatus, a1
  EXPECT_STRAP 2f
  GOTO_S 1f
1:
  ebreak
2:
  GOTO_M 3f
3:
  CHECK_STRAP CAUSE_BREAKPOINT, 1b
  CHECK_MEM_MASK s_trap_status, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE, MSTATUS_SPP
  TEST 9                             /* the S trap resumed in S: S CSRs accessible there */
  EXPECT_STRAP 2f
  GOTO_S 1f
1:
  ebreak
2:
  li s1, 0x42
  csrw sscratch, s1
  csrr s1, sscratch
  GOTO_M 3f
3:
  CHECK s1, 0x42
  /* exceptions raised in M-mode are never delegated */
  TEST 10
  EXPECT_STRAP 9f
  EXPECT_MTRAP 2f
1:
  ebreak
2:
  CHECK_MTRAP CAUSE_BREAKPOINT, 1b
  CHECK_NO_STRAP
  TEST 11
  EXPECT_MTRAP 2f
1:
  csrw cycle, zero
2:
  CHECK_MTRAP CAUSE_ILLEGAL, 1b
  CHECK_NO_STRAP
  CANCEL_STRAP
  /* ecall from S is not delegated here (bit 9 clear): goes to M */
  TEST 12
  EXPECT_MTRAP 2f
  li a7, 0
  GOTO_S 1f
1:
  ecall
2:
  GOTO_M 3f
3:
  CHECK_MTRAP CAUSE_SUPERVISOR_ECALL, 1b
  /* clear one delegation bit: that exception goes to M again */
  TEST 13
  li a1, 1 << CAUSE_BREAKPOINT
  csrc medeleg, a1
  EXPECT_MTRAP 2f
  EXPECT_STRAP 9f
  GOTO_U 1f
1:
  ebreak
2:
  GOTO_M 3f
3:
  CHECK_MTRAP CAUSE_BREAKPOINT, 1b
  CHECK_NO_STRAP
  CANCEL_STRAP
  /* stvec moves: the next delegated trap goes to the new address */
  TEST 14
  la a1, alt_stvec
  csrw stvec, a1
  li s1, 0
  GOTO_S 1f
1:
  csrr s1, mstatus                   /* illegal in S, delegated -> alt_stvec */
  GOTO_M 3f
3:
  CHECK s1, 0x57
  la a1, s_trap_entry
  csrw stvec, a1
  TEST 15                            /* scause/sepc/stval as seen by alt_stvec */
  CHECK s2, CAUSE_ILLEGAL
  CHECK_ADDR s3, 1b
  csrw medeleg, zero
  TEST_PASS
9:
  TEST_FAIL

  .align 6
alt_stvec:                           /* S-mode: skip the instruction, mark s1 */
  csrr s2, scause
  csrr s3, sepc
  addi s4, s3, 4
  csrw sepc, s4
  li s1, 0x57
  sret
