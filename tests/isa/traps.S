/* Synchronous exceptions into M-mode: ecall from M/S/U (causes 11/9/8, mtval = 0), ebreak
 * (cause 3, mtval = 0 or the pc), illegal instructions (cause 2, mtval = 0 or the instruction
 * bits, rd unwritten), load/store/AMO/fetch access faults on unmapped addresses (5/7/1,
 * mtval = the address, rd and memory unwritten), the mstatus state saved on a trap
 * (MPIE <- MIE, MIE <- 0, MPP <- previous mode), and registers preserved across a trap. */
#include "test.h"

.macro CHECK_TVAL val
  CHECK_MEM m_trap_tval, \val
.endm

/* mtval is 0 or the instruction word at \label */
.macro CHECK_TVAL_INSN label
  LA_ABS t5, m_trap_tval
  lw t5, 0(t5)
  beqz t5, .Lti_\@
  LA_ABS t6, \label
  lw t6, 0(t6)
  beq t5, t6, .Lti_\@
  jal zero, test_fail_check
.Lti_\@:
.endm

.macro ILLEGAL_WORD n, word
  TEST \n
  li a0, 0x5a5a5a5a
  EXPECT_MTRAP .Lir_\@
.Lii_\@:
  .word \word
.Lir_\@:
  CHECK_MTRAP CAUSE_ILLEGAL, .Lii_\@
  CHECK_TVAL_INSN .Lii_\@
  CHECK a0, 0x5a5a5a5a
.endm

/* load from an unmapped address */
.macro LOAD_FAULT n, op, addr
  TEST \n
  li a1, \addr
  li a0, 0x5a5a5a5a
  EXPECT_MTRAP .Llr_\@
.Lli_\@:
  \op a0, 0(a1)
.Llr_\@:
  CHECK_MTRAP CAUSE_LOAD_ACCESS, .Lli_\@
  CHECK_TVAL \addr
  CHECK a0, 0x5a5a5a5a
.endm

.macro STORE_FAULT n, op, addr
  TEST \n
  li a1, \addr
  li a2, 0x12345678
  EXPECT_MTRAP .Lsr_\@
.Lsi_\@:
  \op a2, 0(a1)
.Lsr_\@:
  CHECK_MTRAP CAUSE_STORE_ACCESS, .Lsi_\@
  CHECK_TVAL \addr
.endm

TEST_MAIN
  /* ecall from M */
  TEST 1
  EXPECT_MTRAP 2f
1:
  ecall
2:
  CHECK_MTRAP CAUSE_MACHINE_ECALL, 1b
  CHECK_TVAL 0
  CHECK_MEM_MASK m_trap_status, MSTATUS_MPP, MSTATUS_MPP_M
  /* ecall from S */
  TEST 2
  EXPECT_MTRAP 2f
  GOTO_S 1f
1:
  ecall
2:
  GOTO_M 3f
3:
  CHECK_MTRAP CAUSE_SUPERVISOR_ECALL, 1b
  CHECK_TVAL 0
  CHECK_MEM_MASK m_trap_status, MSTATUS_MPP, MSTATUS_MPP_S
  /* ecall from U */
  TEST 3
  EXPECT_MTRAP 2f
  GOTO_U 1f
1:
  ecall
2:
  GOTO_M 3f
3:
  CHECK_MTRAP CAUSE_USER_ECALL, 1b
  CHECK_TVAL 0
  CHECK_MEM_MASK m_trap_status, MSTATUS_MPP, 0
  /* the trap resumes in the mode that trapped: in U, mstatus is not accessible */
  TEST 4
  EXPECT_MTRAP 2f
  GOTO_U 1f
1:
  ecall
2:
  EXPECT_MTRAP 4f
3:
  csrr s1, mstatus
4:
  GOTO_M 5f
5:
  CHECK_MTRAP CAUSE_ILLEGAL, 3b
  /* trap entry state: MPIE <- MIE, MIE <- 0 */
  TEST 5
  csrw mie, zero
  li a1, MSTATUS_MIE
  csrs mstatus, a1
  EXPECT_MTRAP 2f
1:
  ecall
2:
  CHECK_MEM_MASK m_trap_status, MSTATUS_MIE | MSTATUS_MPIE, MSTATUS_MPIE
  TEST 6
  li a1, MSTATUS_MIE
  csrc mstatus, a1
  EXPECT_MTRAP 2f
1:
  ecall
2:
  CHECK_MEM_MASK m_trap_status, MSTATUS_MIE | MSTATUS_MPIE, 0
  /* registers survive a trap */
  TEST 7
  li a0, 0x1010
  li a1, 0x1111
  li a2, 0x1212
  li a3, 0x1313
  li a4, 0x1414
  li a5, 0x1515
  li a6, 0x1616
  li a7, 0x1717
  li s0, 0x2020
  li s1, 0x2121
  li t0, 0x3030
  li t1, 0x3131
  li t2, 0x3232
  li t3, 0x3333
  li t4, 0x3434
  li sp, 0x4444
  li ra, 0x5555
  li tp, 0x6666
  EXPECT_MTRAP 1f
  ecall
1:
  CHECK a0, 0x1010
  CHECK a1, 0x1111
  CHECK a2, 0x1212
  CHECK a3, 0x1313
  CHECK a4, 0x1414
  CHECK a5, 0x1515
  CHECK a6, 0x1616
  CHECK a7, 0x1717
  CHECK s0, 0x2020
  CHECK s1, 0x2121
  CHECK t0, 0x3030
  CHECK t1, 0x3131
  CHECK t2, 0x3232
  CHECK t3, 0x3333
  CHECK t4, 0x3434
  CHECK sp, 0x4444
  CHECK ra, 0x5555
  CHECK tp, 0x6666
  CHECK gp, 7
  /* ebreak */
  TEST 8
  EXPECT_MTRAP 2f
1:
  ebreak
2:
  CHECK_MTRAP CAUSE_BREAKPOINT, 1b
  LA_ABS t5, m_trap_tval
  lw t5, 0(t5)
  beqz t5, 3f
  CHECK_ADDR t5, 1b
3:
  TEST 9
  EXPECT_MTRAP 2f
  GOTO_S 1f
1:
  ebreak
2:
  GOTO_M 3f
3:
  CHECK_MTRAP CAUSE_BREAKPOINT, 1b
  CHECK_MEM_MASK m_trap_status, MSTATUS_MPP, MSTATUS_MPP_S
  TEST 10
  EXPECT_MTRAP 2f
  GOTO_U 1f
1:
  ebreak
2:
  GOTO_M 3f
3:
  CHECK_MTRAP CAUSE_BREAKPOINT, 1b
  CHECK_MEM_MASK m_trap_status, MSTATUS_MPP, 0

  /* illegal instructions */
  ILLEGAL_WORD 11, 0x00000000        /* all zeros */
  ILLEGAL_WORD 12, 0xffffffff        /* all ones */
  ILLEGAL_WORD 13, 0xfe000533        /* OP with funct7 = 1111111 */
  ILLEGAL_WORD 14, 0x02051513        /* slli a0, a0, 32 (shamt[5] = 1 is reserved on RV32) */
  ILLEGAL_WORD 15, 0x42055513        /* srai a0, a0, 32 */
  ILLEGAL_WORD 16, 0x00053503        /* ld a0, 0(a0): RV64 only */
  ILLEGAL_WORD 17, 0x00a53023        /* sd a0, 0(a0): RV64 only */
  ILLEGAL_WORD 18, 0x0000050b        /* custom-0 opcode */
  ILLEGAL_WORD 19, 0x00a5352f        /* amoadd.d: RV64 only */
  ILLEGAL_WORD 20, 0x00002507        /* flw: no F extension */
  ILLEGAL_WORD 21, 0x0000757f        /* 48-bit+ encodings are not supported */
  ILLEGAL_WORD 22, 0x00a52533 | (0x7f << 25)   /* slt with reserved funct7 */
  ILLEGAL_WORD 23, 0x00007503        /* LOAD funct3 = 7 */
  ILLEGAL_WORD 24, 0x00001067 | (10 << 15)     /* jalr with funct3 = 1 */
  ILLEGAL_WORD 25, 0x00002063        /* BRANCH funct3 = 2 */
  /* illegal in U-mode: rd unwritten */
  TEST 26
  li s1, 0x5a5a5a5a
  EXPECT_MTRAP 2f
  GOTO_U 1f
1:
  li s1, 0x777
  .word 0xfe0004b3                   /* OP, funct7 = 1111111, rd = s1 */
2:
  GOTO_M 3f
3:
  CHECK_MTRAP CAUSE_ILLEGAL, 1b, 4
  CHECK s1, 0x777

  /* access faults */
  LOAD_FAULT 27, lw, UNMAPPED_ADDR2
  LOAD_FAULT 28, lb, UNMAPPED_ADDR2
  LOAD_FAULT 29, lhu, UNMAPPED_ADDR2
  LOAD_FAULT 30, lw, UNMAPPED_ADDR
  STORE_FAULT 31, sw, UNMAPPED_ADDR2
  STORE_FAULT 32, sb, UNMAPPED_ADDR2
  STORE_FAULT 33, sh, UNMAPPED_ADDR
  TEST 34                            /* AMO: store/AMO access fault */
  li a1, UNMAPPED_ADDR2
  li a0, 0x5a5a5a5a
  li a2, 1
  EXPECT_MTRAP 2f
1:
  amoadd.w a0, a2, (a1)
2:
  /* the spec says 7 (store/AMO); 5 is tolerated because QEMU 7.2 (the peer model) reports it */
  LA_ABS t5, m_trap_cause
  lw t5, 0(t5)
  li t6, CAUSE_LOAD_ACCESS
  beq t5, t6, 3f
  CHECK t5, CAUSE_STORE_ACCESS
3:
  CHECK_MEM_ADDR m_trap_epc, 1b
  CHECK_TVAL UNMAPPED_ADDR2
  CHECK a0, 0x5a5a5a5a
  TEST 35                            /* LR: load access fault */
  li a1, UNMAPPED_ADDR2
  li a0, 0x5a5a5a5a
  EXPECT_MTRAP 2f
1:
  lr.w a0, (a1)
2:
  CHECK_MTRAP CAUSE_LOAD_ACCESS, 1b
  CHECK_TVAL UNMAPPED_ADDR2
  CHECK a0, 0x5a5a5a5a
  TEST 36                            /* fetch: jump to an unmapped address */
  li a1, UNMAPPED_ADDR2
  li ra, 0
  EXPECT_MTRAP 2f
1:
  jalr ra, 0(a1)
2:
  CHECK_MEM m_trap_cause, CAUSE_FETCH_ACCESS
  CHECK_MEM m_trap_epc, UNMAPPED_ADDR2
  CHECK_TVAL UNMAPPED_ADDR2
  CHECK_ADDR ra, 1b, 4              /* the jump itself retired */
  TEST 37
  li a1, UNMAPPED_ADDR
  EXPECT_MTRAP 2f
  jalr zero, 0(a1)
2:
  CHECK_MEM m_trap_cause, CAUSE_FETCH_ACCESS
  CHECK_MEM m_trap_epc, UNMAPPED_ADDR
  TEST 38                            /* access fault from U-mode */
  li a1, UNMAPPED_ADDR2
  li s1, 0x5a5a5a5a
  EXPECT_MTRAP 2f
  GOTO_U 1f
1:
  lw s1, 0(a1)
2:
  GOTO_M 3f
3:
  CHECK_MTRAP CAUSE_LOAD_ACCESS, 1b
  CHECK_TVAL UNMAPPED_ADDR2
  CHECK s1, 0x5a5a5a5a
  CHECK_MEM_MASK m_trap_status, MSTATUS_MPP, 0
  TEST 39                            /* fetch fault from S-mode */
  li a1, UNMAPPED_ADDR2 + 0x40
  EXPECT_MTRAP 2f
  GOTO_S 1f
1:
  jalr zero, 0(a1)
2:
  GOTO_M 3f
3:
  CHECK_MEM m_trap_cause, CAUSE_FETCH_ACCESS
  CHECK_MEM m_trap_epc, UNMAPPED_ADDR2 + 0x40
  CHECK_MEM_MASK m_trap_status, MSTATUS_MPP, MSTATUS_MPP_S
  TEST 40                            /* a load right after a faulting one works */
  li a1, UNMAPPED_ADDR2
  la a2, data_w
  EXPECT_MTRAP 1f
  lw a0, 0(a1)
1:
  lw a0, 0(a2)
  CHECK a0, 0xcafef00d
  TEST 41                            /* counting: exactly one trap recorded per fault */
  LA_ABS a3, m_trap_count
  lw s0, 0(a3)
  EXPECT_MTRAP 1f
  sw a0, 0(a1)
1:
  lw s1, 0(a3)
  sub s1, s1, s0
  CHECK s1, 1
  TEST_PASS

  .data
  .align 2
data_w: .word 0xcafef00d
