/* RV32I integer computational instructions: register-register and register-immediate ALU
 * operations with edge values, shift amounts (including the rs2[4:0] masking), lui/auipc,
 * rd/rs1/rs2 aliasing, x0 as destination and source, and every register of the file. */
#include "test.h"

/* rd = op(a, b) with distinct registers */
.macro RR n, op, res, a, b
  TEST \n
  li a1, \a
  li a2, \b
  \op a0, a1, a2
  CHECK a0, \res
.endm

/* rd = op(a, imm) */
.macro RI n, op, res, a, imm
  TEST \n
  li a1, \a
  \op a0, a1, \imm
  CHECK a0, \res
.endm

TEST_MAIN
  /* add */
  RR 1, add, 0, 0, 0
  RR 2, add, 2, 1, 1
  RR 3, add, 10, 3, 7
  RR 4, add, 0, 0xffffffff, 1
  RR 5, add, 0x80000000, 0x7fffffff, 1
  RR 6, add, 0, 0x80000000, 0x80000000
  RR 7, add, 0x7fffffff, 0x80000000, 0xffffffff
  RR 8, add, 0x99999999, 0x12345678, 0x87654321
  /* sub */
  RR 9, sub, 0, 0, 0
  RR 10, sub, 0, 1, 1
  RR 11, sub, 0xfffffffc, 3, 7
  RR 12, sub, 0xffffffff, 0, 1
  RR 13, sub, 0x7fffffff, 0x80000000, 1
  RR 14, sub, 0x80000000, 0x7fffffff, 0xffffffff
  RR 15, sub, 0x87654321, 0x99999999, 0x12345678
  /* and / or / xor */
  RR 16, and, 0x0f000f00, 0xff00ff00, 0x0f0f0f0f
  RR 17, and, 0x12345678, 0xffffffff, 0x12345678
  RR 18, and, 0, 0, 0xffffffff
  RR 19, or, 0xff0fff0f, 0xff00ff00, 0x0f0f0f0f
  RR 20, or, 0, 0, 0
  RR 21, xor, 0xf00ff00f, 0xff00ff00, 0x0f0f0f0f
  RR 22, xor, 0, 0x12345678, 0x12345678
  /* slt */
  RR 23, slt, 0, 0, 0
  RR 24, slt, 1, 1, 2
  RR 25, slt, 0, 2, 1
  RR 26, slt, 1, 0xffffffff, 0
  RR 27, slt, 0, 0, 0xffffffff
  RR 28, slt, 1, 0x80000000, 0x7fffffff
  RR 29, slt, 0, 0x7fffffff, 0x80000000
  RR 30, slt, 1, 0xfffffffe, 0xffffffff
  /* sltu */
  RR 31, sltu, 0, 0, 0
  RR 32, sltu, 1, 1, 2
  RR 33, sltu, 0, 2, 1
  RR 34, sltu, 0, 0xffffffff, 0
  RR 35, sltu, 1, 0, 0xffffffff
  RR 36, sltu, 0, 0x80000000, 0x7fffffff
  RR 37, sltu, 1, 0x7fffffff, 0x80000000
  /* sll (only rs2[4:0] is used) */
  RR 38, sll, 1, 1, 0
  RR 39, sll, 2, 1, 1
  RR 40, sll, 0x80000000, 1, 31
  RR 41, sll, 0xfffffff0, 0xffffffff, 4
  RR 42, sll, 1, 1, 32
  RR 43, sll, 2, 1, 33
  RR 44, sll, 0x23456780, 0x12345678, 0xffffffe4
  /* srl */
  RR 45, srl, 0x80000000, 0x80000000, 0
  RR 46, srl, 0x40000000, 0x80000000, 1
  RR 47, srl, 1, 0x80000000, 31
  RR 48, srl, 0x0fffffff, 0xffffffff, 4
  RR 49, srl, 0x40000000, 0x80000000, 33
  /* sra */
  RR 50, sra, 0xc0000000, 0x80000000, 1
  RR 51, sra, 0xffffffff, 0x80000000, 31
  RR 52, sra, 0x3fffffff, 0x7fffffff, 1
  RR 53, sra, 0xff000000, 0xf0000000, 4
  RR 54, sra, 0xffffffff, 0x80000000, 0x3f
  RR 55, sra, 0x12345678, 0x12345678, 0

  /* addi (12-bit sign-extended immediate) */
  RI 56, addi, 0, 0, 0
  RI 57, addi, 2, 1, 1
  RI 58, addi, 0xffffffff, 0, -1
  RI 59, addi, 0x80000000, 0x7fffffff, 1
  RI 60, addi, 0x7fffffff, 0x80000000, -1
  RI 61, addi, 2052, 5, 2047
  RI 62, addi, 0xfffff805, 5, -2048
  /* slti */
  RI 63, slti, 1, 0, 1
  RI 64, slti, 0, 1, 1
  RI 65, slti, 1, 0xffffffff, 0
  RI 66, slti, 0, 0, -2048
  RI 67, slti, 1, 0x80000000, -2048
  RI 68, slti, 1, 0xfffff7ff, -2048
  /* sltiu (immediate sign-extended, then compared unsigned) */
  RI 69, sltiu, 1, 0, 1
  RI 70, sltiu, 1, 5, -1
  RI 71, sltiu, 0, 0xffffffff, -1
  RI 72, sltiu, 0, 0, 0
  RI 73, sltiu, 0, 0x7ff, 0x7ff
  RI 74, sltiu, 1, 0x7fe, 0x7ff
  RI 75, sltiu, 0, 0x80000000, 0x7ff
  /* andi / ori / xori */
  RI 76, andi, 0x678, 0x12345678, 0x7ff
  RI 77, andi, 0x12345678, 0x12345678, -1
  RI 78, andi, 0x12345670, 0x12345678, -16
  RI 79, andi, 0x555, 0xffffffff, 0x555
  RI 80, ori, 0x123457ff, 0x12345678, 0x7ff
  RI 81, ori, 0xfffff800, 0, -2048
  RI 82, ori, 0xff00ff0f, 0xff00ff00, 0x0f
  RI 83, xori, 0xedcba987, 0x12345678, -1
  RI 84, xori, 0x12345187, 0x12345678, 0x7ff
  RI 85, xori, 0x000007ff, 0xffffffff, -2048
  /* shifts by immediate */
  RI 86, slli, 1, 1, 0
  RI 87, slli, 0x80000000, 1, 31
  RI 88, slli, 0x23456780, 0x12345678, 4
  RI 89, slli, 0xfffffffe, 0xffffffff, 1
  RI 90, srli, 1, 0x80000000, 31
  RI 91, srli, 0x7fffffff, 0xffffffff, 1
  RI 92, srli, 0x01234567, 0x12345678, 4
  RI 93, srli, 0x12345678, 0x12345678, 0
  RI 94, srai, 0xffffffff, 0x80000000, 31
  RI 95, srai, 0xf8000000, 0x80000000, 4
  RI 96, srai, 1, 0x7fffffff, 30
  RI 97, srai, 0x01234567, 0x12345678, 4

  /* lui */
  TEST 98
  li a0, -1
  lui a0, 0
  CHECK a0, 0
  TEST 99
  lui a0, 0xfffff
  CHECK a0, 0xfffff000
  TEST 100
  lui a0, 0x80000
  CHECK a0, 0x80000000
  TEST 101
  lui a0, 0x12345
  CHECK a0, 0x12345000
  TEST 102
  lui a0, 1
  CHECK a0, 0x1000
  /* auipc: pc of the auipc + (imm << 12) */
  TEST 103
auipc_1:
  auipc a0, 0
  CHECK_ADDR a0, auipc_1
  TEST 104
auipc_2:
  auipc a0, 1
  la a1, auipc_2
  li a2, 0x1000
  add a1, a1, a2
  CHECK_REG a0, a1
  TEST 105
auipc_3:
  auipc a0, 0xfffff
  la a1, auipc_3
  li a2, 0x1000
  sub a1, a1, a2
  CHECK_REG a0, a1
  TEST 106
auipc_4:
  auipc a0, 0x80000
  la a1, auipc_4
  li a2, 0x80000000
  add a1, a1, a2
  CHECK_REG a0, a1

  /* register aliasing: rd == rs1, rd == rs2, rs1 == rs2, all three the same */
  TEST 107
  li a1, 13
  li a2, 11
  add a1, a1, a2
  CHECK a1, 24
  TEST 108
  li a1, 13
  li a2, 11
  sub a2, a1, a2
  CHECK a2, 2
  TEST 109
  li a1, 13
  add a0, a1, a1
  CHECK a0, 26
  TEST 110
  li a1, 13
  add a1, a1, a1
  CHECK a1, 26
  TEST 111
  li a1, 0x1234
  sub a1, a1, a1
  CHECK a1, 0
  TEST 112
  li a1, 0x0ff0
  xor a1, a1, a1
  CHECK a1, 0
  TEST 113
  li a1, 5
  slt a1, a1, a1
  CHECK a1, 0
  TEST 114
  li a1, 3
  sll a1, a1, a1
  CHECK a1, 24
  TEST 115
  li a1, 7
  addi a1, a1, -8
  CHECK a1, 0xffffffff
  TEST 116
  li a1, 0x80000000
  srai a1, a1, 3
  CHECK a1, 0xf0000000
  /* back-to-back dependencies (forwarding) */
  TEST 117
  li a1, 1
  addi a1, a1, 1
  addi a1, a1, 1
  slli a1, a1, 2
  add a1, a1, a1
  sub a2, a1, a1
  or a2, a2, a1
  CHECK a2, 24

  /* x0: writes are ignored, reads give 0 */
  TEST 118
  addi x0, x0, 5
  CHECK x0, 0
  TEST 119
  li a1, 3
  li a2, 4
  add x0, a1, a2
  CHECK x0, 0
  TEST 120
  lui x0, 0x12345
  CHECK x0, 0
  TEST 121
  auipc x0, 0x12345
  CHECK x0, 0
  TEST 122
  li a1, 0x55
  add a0, x0, a1
  CHECK a0, 0x55
  TEST 123
  li a1, 0x55
  sub a0, x0, a1
  CHECK a0, 0xffffffab
  TEST 124
  sltu a0, x0, x0
  CHECK a0, 0
  TEST 125
  li a1, 1
  sltu a0, x0, a1                /* snez */
  CHECK a0, 1
  TEST 126
  li a0, 7
  slli x0, a0, 3
  srai x0, a0, 1
  xori x0, a0, -1
  CHECK x0, 0

  /* every register holds its own value */
  TEST 127
  li x1, 0x01
  li x2, 0x02
  li x4, 0x04
  li x5, 0x05
  li x6, 0x06
  li x7, 0x07
  li x8, 0x08
  li x9, 0x09
  li x10, 0x0a
  li x11, 0x0b
  li x12, 0x0c
  li x13, 0x0d
  li x14, 0x0e
  li x15, 0x0f
  li x16, 0x10
  li x17, 0x11
  li x18, 0x12
  li x19, 0x13
  li x20, 0x14
  li x21, 0x15
  li x22, 0x16
  li x23, 0x17
  li x24, 0x18
  li x25, 0x19
  li x26, 0x1a
  li x27, 0x1b
  li x28, 0x1c
  li x29, 0x1d
  CHECK x1, 0x01
  TEST 128
  CHECK x2, 0x02
  TEST 129
  CHECK x4, 0x04
  TEST 130
  CHECK x5, 0x05
  TEST 131
  CHECK x6, 0x06
  TEST 132
  CHECK x7, 0x07
  TEST 133
  CHECK x8, 0x08
  TEST 134
  CHECK x9, 0x09
  TEST 135
  CHECK x10, 0x0a
  TEST 136
  CHECK x11, 0x0b
  TEST 137
  CHECK x12, 0x0c
  TEST 138
  CHECK x13, 0x0d
  TEST 139
  CHECK x14, 0x0e
  TEST 140
  CHECK x15, 0x0f
  TEST 141
  CHECK x16, 0x10
  TEST 142
  CHECK x17, 0x11
  TEST 143
  CHECK x18, 0x12
  TEST 144
  CHECK x19, 0x13
  TEST 145
  CHECK x20, 0x14
  TEST 146
  CHECK x21, 0x15
  TEST 147
  CHECK x22, 0x16
  TEST 148
  CHECK x23, 0x17
  TEST 149
  CHECK x24, 0x18
  TEST 150
  CHECK x25, 0x19
  TEST 151
  CHECK x26, 0x1a
  TEST 152
  CHECK x27, 0x1b
  TEST 153
  CHECK x28, 0x1c
  TEST 154
  CHECK x29, 0x1d
  TEST 155
  li x30, 0x1e
  li x31, 0x1f
  add a0, x30, x31
  CHECK a0, 0x3d
  TEST 156
  li t5, 0x5a5a
  mv a0, t5
  CHECK a0, 0x5a5a

  TEST_PASS
