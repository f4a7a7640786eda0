/* RV32I loads and stores: lb/lbu/lh/lhu/lw at every naturally aligned byte offset with sign and
 * zero extension, sb/sh/sw at every aligned offset with the neighbouring bytes untouched,
 * positive/negative/maximum offsets, little-endian byte order, load into x0, rd == rs1,
 * store-to-load forwarding. (Misaligned accesses: rv32i_misaligned.) */
#include "test.h"

.macro LD n, op, res, sym, off
  TEST \n
  la a1, \sym
  \op a0, \off(a1)
  CHECK a0, \res
.endm

/* store \val with \op at \off into a word preset to 0xaaaaaaaa, check the word and its
 * neighbours (preset to 0x55555555) */
.macro ST n, op, val, off, res
  TEST \n
  la a1, st_buf
  li a2, 0x55555555
  sw a2, 0(a1)
  sw a2, 8(a1)
  li a2, 0xaaaaaaaa
  sw a2, 4(a1)
  li a2, \val
  \op a2, 4+\off(a1)
  lw a0, 4(a1)
  CHECK a0, \res
  lw a0, 0(a1)
  CHECK a0, 0x55555555
  lw a0, 8(a1)
  CHECK a0, 0x55555555
.endm

TEST_MAIN
  LD 1, lb, 0x00000001, ld_w0, 0
  LD 2, lb, 0x0000007f, ld_w0, 1
  LD 3, lb, 0xffffff80, ld_w0, 2
  LD 4, lb, 0xffffffff, ld_w0, 3
  LD 5, lbu, 0x01, ld_w0, 0
  LD 6, lbu, 0x7f, ld_w0, 1
  LD 7, lbu, 0x80, ld_w0, 2
  LD 8, lbu, 0xff, ld_w0, 3
  LD 9, lh, 0x00007f01, ld_w0, 0
  LD 10, lh, 0xffffff80, ld_w0, 2
  LD 11, lh, 0xffff8000, ld_w1, 0
  LD 12, lh, 0x00007fff, ld_w1, 2
  LD 13, lhu, 0x7f01, ld_w0, 0
  LD 14, lhu, 0xff80, ld_w0, 2
  LD 15, lhu, 0x8000, ld_w1, 0
  LD 16, lhu, 0x7fff, ld_w1, 2
  LD 17, lw, 0xff807f01, ld_w0, 0
  LD 18, lw, 0x7fff8000, ld_w1, 0
  LD 19, lw, 0x7fff8000, ld_w0, 4
  LD 20, lw, 0xff807f01, ld_w1, -4
  LD 21, lb, 0xffffffff, ld_w1, -1
  LD 22, lhu, 0xff80, ld_w1, -2
  TEST 23                            /* maximum positive and negative offsets */
  la a1, ld_w0
  addi a1, a1, -2047
  lw a0, 2047(a1)
  CHECK a0, 0xff807f01
  TEST 24
  la a1, ld_w0
  addi a1, a1, 2047
  addi a1, a1, 1
  lw a0, -2048(a1)
  CHECK a0, 0xff807f01
  TEST 25                            /* rd == rs1 */
  la a1, ld_w1
  lw a1, 0(a1)
  CHECK a1, 0x7fff8000
  TEST 26                            /* load into x0 is discarded */
  la a1, ld_w0
  lw x0, 0(a1)
  lb x0, 3(a1)
  CHECK x0, 0

  ST 27, sb, 0x11, 0, 0xaaaaaa11
  ST 28, sb, 0x22, 1, 0xaaaa22aa
  ST 29, sb, 0x33, 2, 0xaa33aaaa
  ST 30, sb, 0x44, 3, 0x44aaaaaa
  ST 31, sb, 0x12345678, 1, 0xaaaa78aa
  ST 32, sh, 0xdeadbeef, 0, 0xaaaabeef
  ST 33, sh, 0xdeadbeef, 2, 0xbeefaaaa
  ST 34, sh, 0x00008001, 2, 0x8001aaaa
  ST 35, sw, 0x12345678, 0, 0x12345678
  ST 36, sw, 0, 0, 0
  ST 37, sb, 0, 3, 0x00aaaaaa
  /* the byte order is little endian */
  TEST 38
  la a1, st_buf
  li a2, 0x04030201
  sw a2, 0(a1)
  lbu a0, 0(a1)
  CHECK a0, 1
  TEST 39
  lbu a0, 1(a1)
  CHECK a0, 2
  TEST 40
  lbu a0, 2(a1)
  CHECK a0, 3
  TEST 41
  lbu a0, 3(a1)
  CHECK a0, 4
  TEST 42
  lhu a0, 2(a1)
  CHECK a0, 0x0403
  TEST 43                            /* bytes written one by one read back as a word */
  li a2, 0xa1
  sb a2, 0(a1)
  li a2, 0xb2
  sb a2, 1(a1)
  li a2, 0xc3
  sb a2, 2(a1)
  li a2, 0xd4
  sb a2, 3(a1)
  lw a0, 0(a1)
  CHECK a0, 0xd4c3b2a1
  TEST 44
  li a2, 0x1234
  sh a2, 0(a1)
  li a2, 0xfedc
  sh a2, 2(a1)
  lw a0, 0(a1)
  CHECK a0, 0xfedc1234
  TEST 45                            /* store with a negative offset */
  la a1, st_buf + 8
  li a2, 0x600df00d
  sw a2, -8(a1)
  la a1, st_buf
  lw a0, 0(a1)
  CHECK a0, 0x600df00d
  TEST 46                            /* back-to-back store and load of the same word */
  li a2, 0x13579bdf
  sw a2, 0(a1)
  lw a0, 0(a1)
  CHECK a0, 0x13579bdf
  TEST 47                            /* store then narrower load of the same bytes */
  li a2, 0x89abcdef
  sw a2, 0(a1)
  lh a0, 2(a1)
  CHECK a0, 0xffff89ab
  TEST 48                            /* load-use: the loaded value feeds the next instruction */
  la a1, ld_w1
  lw a2, 0(a1)
  addi a0, a2, 1
  CHECK a0, 0x7fff8001
  TEST 49                            /* a loaded value used as the next address */
  la a1, ld_ptr
  lw a2, 0(a1)
  lw a0, 0(a2)
  CHECK a0, 0xff807f01
  TEST 50                            /* store data is the register value at the store */
  la a1, st_buf
  li a2, 7
  sw a2, 0(a1)
  addi a2, a2, 1
  sw a2, 4(a1)
  lw a0, 0(a1)
  lw a3, 4(a1)
  add a0, a0, a3
  CHECK a0, 15
  TEST 51                            /* store of x0 */
  li a2, -1
  sw a2, 0(a1)
  sh x0, 2(a1)
  lw a0, 0(a1)
  CHECK a0, 0x0000ffff
  TEST_PASS

  .data
  .align 4
ld_w0:  .byte 0x01, 0x7f, 0x80, 0xff
ld_w1:  .byte 0x00, 0x80, 0xff, 0x7f
ld_ptr: .word ld_w0
  .align 4
st_buf: .word 0, 0, 0, 0
