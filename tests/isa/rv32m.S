/* M extension: mul/mulh/mulhsu/mulhu/div/divu/rem/remu with sign combinations and edge values,
 * division by zero (quotient all ones, remainder = dividend), signed overflow
 * (-2^31 / -1 = -2^31, remainder 0), register aliasing, x0 destination, dependent chains. */
#include "test.h"

.macro RR n, op, res, a, b
  TEST \n
  li a1, \a
  li a2, \b
  \op a0, a1, a2
  CHECK a0, \res
.endm

TEST_MAIN
  /* mul */
  RR 1, mul, 0x00000000, 0x00000000, 0x00000000
  RR 2, mul, 0x00000001, 0x00000001, 0x00000001
  RR 3, mul, 0x00000015, 0x00000003, 0x00000007
  RR 4, mul, 0x00000001, 0xffffffff, 0xffffffff
  RR 5, mul, 0x80000000, 0x80000000, 0xffffffff
  RR 6, mul, 0x00000000, 0x80000000, 0x80000000
  RR 7, mul, 0x242d2080, 0x12345678, 0x9abcdef0
  RR 8, mul, 0x00000001, 0x7fffffff, 0x7fffffff
  RR 9, mul, 0xffffffff, 0xffffffff, 0x00000001
  RR 10, mul, 0x80000000, 0x7fffffff, 0x80000000
  RR 11, mul, 0xfffffffe, 0x00000002, 0xffffffff
  RR 12, mul, 0x00000000, 0xfffe0000, 0x00020000
  /* mulh */
  RR 13, mulh, 0x00000000, 0x00000000, 0x00000000
  RR 14, mulh, 0x00000000, 0x00000001, 0x00000001
  RR 15, mulh, 0x00000000, 0x00000003, 0x00000007
  RR 16, mulh, 0x00000000, 0xffffffff, 0xffffffff
  RR 17, mulh, 0x00000000, 0x80000000, 0xffffffff
  RR 18, mulh, 0x40000000, 0x80000000, 0x80000000
  RR 19, mulh, 0xf8cc93d6, 0x12345678, 0x9abcdef0
  RR 20, mulh, 0x3fffffff, 0x7fffffff, 0x7fffffff
  RR 21, mulh, 0xffffffff, 0xffffffff, 0x00000001
  RR 22, mulh, 0xc0000000, 0x7fffffff, 0x80000000
  RR 23, mulh, 0xffffffff, 0x00000002, 0xffffffff
  RR 24, mulh, 0xfffffffc, 0xfffe0000, 0x00020000
  /* mulhsu */
  RR 25, mulhsu, 0x00000000, 0x00000000, 0x00000000
  RR 26, mulhsu, 0x00000000, 0x00000001, 0x00000001
  RR 27, mulhsu, 0x00000000, 0x00000003, 0x00000007
  RR 28, mulhsu, 0xffffffff, 0xffffffff, 0xffffffff
  RR 29, mulhsu, 0x80000000, 0x80000000, 0xffffffff
  RR 30, mulhsu, 0xc0000000, 0x80000000, 0x80000000
  RR 31, mulhsu, 0x0b00ea4e, 0x12345678, 0x9abcdef0
  RR 32, mulhsu, 0x3fffffff, 0x7fffffff, 0x7fffffff
  RR 33, mulhsu, 0xffffffff, 0xffffffff, 0x00000001
  RR 34, mulhsu, 0x3fffffff, 0x7fffffff, 0x80000000
  RR 35, mulhsu, 0x00000001, 0x00000002, 0xffffffff
  RR 36, mulhsu, 0xfffffffc, 0xfffe0000, 0x00020000
  /* mulhu */
  RR 37, mulhu, 0x00000000, 0x00000000, 0x00000000
  RR 38, mulhu, 0x00000000, 0x00000001, 0x00000001
  RR 39, mulhu, 0x00000000, 0x00000003, 0x00000007
  RR 40, mulhu, 0xfffffffe, 0xffffffff, 0xffffffff
  RR 41, mulhu, 0x7fffffff, 0x80000000, 0xffffffff
  RR 42, mulhu, 0x40000000, 0x80000000, 0x80000000
  RR 43, mulhu, 0x0b00ea4e, 0x12345678, 0x9abcdef0
  RR 44, mulhu, 0x3fffffff, 0x7fffffff, 0x7fffffff
  RR 45, mulhu, 0x00000000, 0xffffffff, 0x00000001
  RR 46, mulhu, 0x3fffffff, 0x7fffffff, 0x80000000
  RR 47, mulhu, 0x00000001, 0x00000002, 0xffffffff
  RR 48, mulhu, 0x0001fffc, 0xfffe0000, 0x00020000
  /* div */
  RR 49, div, 0x00000003, 0x00000014, 0x00000006
  RR 50, div, 0xfffffffd, 0xffffffec, 0x00000006
  RR 51, div, 0xfffffffd, 0x00000014, 0xfffffffa
  RR 52, div, 0x00000003, 0xffffffec, 0xfffffffa
  RR 53, div, 0x00000000, 0x00000000, 0x00000001
  RR 54, div, 0xffffffff, 0x00000001, 0x00000000
  RR 55, div, 0xffffffff, 0x00000000, 0x00000000
  RR 56, div, 0xffffffff, 0xffffffff, 0x00000000
  RR 57, div, 0xffffffff, 0x80000000, 0x00000000
  RR 58, div, 0x80000000, 0x80000000, 0xffffffff
  RR 59, div, 0x80000000, 0x80000000, 0x00000001
  RR 60, div, 0x00000001, 0xffffffff, 0xffffffff
  RR 61, div, 0xfffffff9, 0x00000007, 0xffffffff
  RR 62, div, 0x00000000, 0x7fffffff, 0x80000000
  RR 63, div, 0xffffffff, 0x80000000, 0x7fffffff
  RR 64, div, 0x00010004, 0x12345678, 0x00001234
  /* divu */
  RR 65, divu, 0x00000003, 0x00000014, 0x00000006
  RR 66, divu, 0x2aaaaaa7, 0xffffffec, 0x00000006
  RR 67, divu, 0x00000000, 0x00000014, 0xfffffffa
  RR 68, divu, 0x00000000, 0xffffffec, 0xfffffffa
  RR 69, divu, 0x00000000, 0x00000000, 0x00000001
  RR 70, divu, 0xffffffff, 0x00000001, 0x00000000
  RR 71, divu, 0xffffffff, 0x00000000, 0x00000000
  RR 72, divu, 0xffffffff, 0xffffffff, 0x00000000
  RR 73, divu, 0xffffffff, 0x80000000, 0x00000000
  RR 74, divu, 0x00000000, 0x80000000, 0xffffffff
  RR 75, divu, 0x80000000, 0x80000000, 0x00000001
  RR 76, divu, 0x00000001, 0xffffffff, 0xffffffff
  RR 77, divu, 0x00000000, 0x00000007, 0xffffffff
  RR 78, divu, 0x00000000, 0x7fffffff, 0x80000000
  RR 79, divu, 0x00000001, 0x80000000, 0x7fffffff
  RR 80, divu, 0x00010004, 0x12345678, 0x00001234
  /* rem */
  RR 81, rem, 0x00000002, 0x00000014, 0x00000006
  RR 82, rem, 0xfffffffe, 0xffffffec, 0x00000006
  RR 83, rem, 0x00000002, 0x00000014, 0xfffffffa
  RR 84, rem, 0xfffffffe, 0xffffffec, 0xfffffffa
  RR 85, rem, 0x00000000, 0x00000000, 0x00000001
  RR 86, rem, 0x00000001, 0x00000001, 0x00000000
  RR 87, rem, 0x00000000, 0x00000000, 0x00000000
  RR 88, rem, 0xffffffff, 0xffffffff, 0x00000000
  RR 89, rem, 0x80000000, 0x80000000, 0x00000000
  RR 90, rem, 0x00000000, 0x80000000, 0xffffffff
  RR 91, rem, 0x00000000, 0x80000000, 0x00000001
  RR 92, rem, 0x00000000, 0xffffffff, 0xffffffff
  RR 93, rem, 0x00000000, 0x00000007, 0xffffffff
  RR 94, rem, 0x7fffffff, 0x7fffffff, 0x80000000
  RR 95, rem, 0xffffffff, 0x80000000, 0x7fffffff
  RR 96, rem, 0x00000da8, 0x12345678, 0x00001234
  /* remu */
  RR 97, remu, 0x00000002, 0x00000014, 0x00000006
  RR 98, remu, 0x00000002, 0xffffffec, 0x00000006
  RR 99, remu, 0x00000014, 0x00000014, 0xfffffffa
  RR 100, remu, 0xffffffec, 0xffffffec, 0xfffffffa
  RR 101, remu, 0x00000000, 0x00000000, 0x00000001
  RR 102, remu, 0x00000001, 0x00000001, 0x00000000
  RR 103, remu, 0x00000000, 0x00000000, 0x00000000
  RR 104, remu, 0xffffffff, 0xffffffff, 0x00000000
  RR 105, remu, 0x80000000, 0x80000000, 0x00000000
  RR 106, remu, 0x80000000, 0x80000000, 0xffffffff
  RR 107, remu, 0x00000000, 0x80000000, 0x00000001
  RR 108, remu, 0x00000000, 0xffffffff, 0xffffffff
  RR 109, remu, 0x00000007, 0x00000007, 0xffffffff
  RR 110, remu, 0x7fffffff, 0x7fffffff, 0x80000000
  RR 111, remu, 0x00000001, 0x80000000, 0x7fffffff
  RR 112, remu, 0x00000da8, 0x12345678, 0x00001234
  /* aliasing */
  TEST 113
  li a1, 12
  mul a1, a1, a1
  CHECK a1, 144
  TEST 114
  li a1, 100
  li a2, 7
  div a1, a1, a2
  CHECK a1, 14
  TEST 115
  li a1, 100
  li a2, 7
  rem a2, a1, a2
  CHECK a2, 2
  TEST 116
  li a1, 0xffffffff
  mulhu a1, a1, a1
  CHECK a1, 0xfffffffe
  /* x0 destination */
  TEST 117
  li a1, 3
  li a2, 5
  mul x0, a1, a2
  div x0, a1, a2
  CHECK x0, 0
  /* high and low halves of one product, back to back */
  TEST 118
  li a1, 0x89abcdef
  li a2, 0x76543210
  mulh a3, a1, a2
  mul a4, a1, a2
  CHECK a3, 0xc94e4627
  TEST 119
  CHECK a4, 0xe5618cf0
  /* quotient and remainder of one division, back to back */
  TEST 120
  li a1, 0xfffffc19            /* -999 */
  li a2, 10
  div a3, a1, a2
  rem a4, a1, a2
  CHECK a3, 0xffffff9d         /* -99 */
  TEST 121
  CHECK a4, 0xfffffff7         /* -9 */
  /* dependent chain: ((7 * 6) / 4) % 5 */
  TEST 122
  li a1, 7
  li a2, 6
  mul a0, a1, a2
  li a3, 4
  divu a0, a0, a3
  li a3, 5
  remu a0, a0, a3
  addi a0, a0, 1
  CHECK a0, 1
  TEST_PASS
