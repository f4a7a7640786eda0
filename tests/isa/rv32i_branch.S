/* RV32I control transfer: every conditional branch taken and not taken, forward and backward,
 * signed/unsigned edge values, a long-range branch; jal and jalr (link value, x0 destination,
 * rd == rs1, negative offsets, clearing of the lowest target bit). */
#include "test.h"

/* op a, b must be taken: forward, then backward. */
.macro BT n, op, a, b
  TEST \n
  li a1, \a
  li a2, \b
  \op a1, a2, .Lbf_\@
  TEST_FAIL
.Lbf_\@:
  j .Lbb2_\@
.Lbb1_\@:
  j .Lbd_\@
  TEST_FAIL
.Lbb2_\@:
  \op a1, a2, .Lbb1_\@
  TEST_FAIL
.Lbd_\@:
.endm

/* op a, b must fall through: forward, then backward; the next instruction must execute. */
.macro BN n, op, a, b
  TEST \n
  li a1, \a
  li a2, \b
  li a3, 0
  \op a1, a2, .Lbx_\@
  addi a3, a3, 1
  j .Lbn_\@
.Lbx_\@:
  TEST_FAIL
.Lbn_\@:
  \op a1, a2, .Lbx_\@
  addi a3, a3, 1
  CHECK a3, 2
.endm

TEST_MAIN
  BT 1, beq, 0, 0
  BT 2, beq, 1, 1
  BT 3, beq, 0xffffffff, 0xffffffff
  BN 4, beq, 0, 1
  BN 5, beq, 1, 0
  BN 6, beq, 0x80000000, 0
  BT 7, bne, 0, 1
  BT 8, bne, 1, 0
  BT 9, bne, 0x80000000, 0
  BN 10, bne, 0, 0
  BN 11, bne, 1, 1
  BN 12, bne, 0xffffffff, 0xffffffff
  BT 13, blt, 0, 1
  BT 14, blt, 0xffffffff, 0
  BT 15, blt, 0x80000000, 0x7fffffff
  BT 16, blt, 0xfffffffe, 0xffffffff
  BN 17, blt, 1, 0
  BN 18, blt, 0, 0xffffffff
  BN 19, blt, 1, 1
  BN 20, blt, 0x7fffffff, 0x80000000
  BT 21, bge, 1, 0
  BT 22, bge, 0, 0xffffffff
  BT 23, bge, 1, 1
  BT 24, bge, 0xffffffff, 0xffffffff
  BT 25, bge, 0x7fffffff, 0x80000000
  BN 26, bge, 0, 1
  BN 27, bge, 0xffffffff, 0
  BN 28, bge, 0x80000000, 0x7fffffff
  BT 29, bltu, 0, 1
  BT 30, bltu, 0, 0xffffffff
  BT 31, bltu, 0x7fffffff, 0x80000000
  BN 32, bltu, 1, 0
  BN 33, bltu, 0xffffffff, 0
  BN 34, bltu, 1, 1
  BN 35, bltu, 0x80000000, 0x7fffffff
  BT 36, bgeu, 1, 0
  BT 37, bgeu, 0xffffffff, 0
  BT 38, bgeu, 1, 1
  BT 39, bgeu, 0x80000000, 0x7fffffff
  BN 40, bgeu, 0, 1
  BN 41, bgeu, 0, 0xffffffff
  BN 42, bgeu, 0x7fffffff, 0x80000000
  /* rs1 == rs2 and x0 operands */
  BT 43, bge, 0x80000000, 0x80000000
  TEST 44
  beq x0, x0, 1f
  TEST_FAIL
1:
  TEST 45
  li a1, 1
  bltu x0, a1, 1f
  TEST_FAIL
1:
  TEST 46
  li a1, -1
  blt a1, x0, 1f
  TEST_FAIL
1:
  /* near the maximum range (+/- 4 KiB) */
  TEST 47
  beq x0, x0, far_fwd
  TEST_FAIL
far_back:
  j 2f
  .skip 4000
far_fwd:
  bne x0, gp, far_back
  TEST_FAIL
2:

  /* jal */
  TEST 48
  li ra, 0
  jal ra, 1f
jal_ret1:
  TEST_FAIL
1:
  CHECK_ADDR ra, jal_ret1
  TEST 49
  li a0, 0
  jal a0, 1f
jal_ret2:
  TEST_FAIL
1:
  CHECK_ADDR a0, jal_ret2
  TEST 50
  j 2f
1:
  CHECK_ADDR a5, jal_ret3           /* backward jal */
  j 3f
2:
  jal a5, 1b
jal_ret3:
  TEST_FAIL
3:
  TEST 51
  jal x0, 1f
  TEST_FAIL
1:
  CHECK x0, 0
  /* jal beyond the branch range */
  TEST 52
  jal a4, jal_far
jal_ret4:
  TEST_FAIL
  .skip 8192
jal_far:
  CHECK_ADDR a4, jal_ret4

  /* jalr */
  TEST 53
  la a1, 1f
  li ra, 0
  jalr ra, 0(a1)
jalr_ret1:
  TEST_FAIL
1:
  CHECK_ADDR ra, jalr_ret1
  TEST 54
  la a1, 1f
  addi a1, a1, -16
  jalr a2, 16(a1)                  /* positive offset */
jalr_ret2:
  TEST_FAIL
1:
  CHECK_ADDR a2, jalr_ret2
  TEST 55
  la a1, 1f
  addi a1, a1, 100
  jalr a2, -100(a1)                /* negative offset */
  TEST_FAIL
1:
  TEST 56
  la a1, 1f
  addi a1, a1, 1                   /* odd register value: bit 0 of the target is cleared */
  jalr a2, 0(a1)
  TEST_FAIL
1:
  TEST 57
  la a1, 1f
  jalr a2, 1(a1)                   /* odd offset */
  TEST_FAIL
1:
  TEST 58
  la a1, 1f
  addi a1, a1, 3
  jalr a2, -2(a1)                  /* target = sum with bit 0 cleared = 1f */
  TEST_FAIL
1:
  TEST 59
  la a1, 1f
  jalr a1, 0(a1)                   /* rd == rs1: the old value is the target */
jalr_ret3:
  TEST_FAIL
1:
  CHECK_ADDR a1, jalr_ret3
  TEST 60
  la a1, 1f
  jalr x0, 0(a1)
  TEST_FAIL
1:
  CHECK x0, 0
  TEST 61
  jal ra, jalr_sub                 /* call / return */
  CHECK a0, 0x61
  TEST 62
  la ra, 1f
  jalr ra, 0(ra)                   /* rd == rs1 == ra */
jalr_ret4:
  TEST_FAIL
1:
  CHECK_ADDR ra, jalr_ret4
  TEST_PASS

jalr_sub:
  li a0, 0x61
  ret
