/* Zifencei: stores to instruction memory become visible to instruction fetch after fence.i:
 * a function patched after it has run, a patch loop, the instruction right after the fence.i,
 * fence.i executed in S-mode and U-mode; fence variants execute as no-ops. */
#include "test.h"

#define ADDI_A0(imm) (((imm) << 20) | (10 << 7) | 0x13)   /* addi a0, x0, imm */

TEST_MAIN
  TEST 1                             /* run the original code first (it may be cached) */
  call smc_fn
  CHECK a0, 1
  TEST 2
  la a1, smc_fn
  li a2, ADDI_A0(2)
  sw a2, 0(a1)
  fence.i
  call smc_fn
  CHECK a0, 2
  TEST 3                             /* patch and run repeatedly */
  li s0, 3
  li s1, 40
1:
  la a1, smc_fn
  slli a2, s0, 20
  li a3, ADDI_A0(0)
  or a2, a2, a3
  sw a2, 0(a1)
  fence.i
  call smc_fn
  bne a0, s0, 2f
  addi s0, s0, 1
  bne s0, s1, 1b
2:
  CHECK s0, 40
  TEST 4                             /* the instruction right after fence.i */
  la a1, 1f
  li a2, ADDI_A0(0x123)
  sw a2, 0(a1)
  fence.i
1:
  li a0, 0x77
  CHECK a0, 0x123
  TEST 5                             /* patch only the second of two instructions */
  la a1, smc_pair
  li a2, ADDI_A0(0x55)
  sw a2, 4(a1)
  fence.i
  call smc_pair
  CHECK a0, 0x55
  TEST 6                             /* fence.i in S-mode */
  la a1, smc_fn
  li a2, ADDI_A0(0x66)
  sw a2, 0(a1)
  GOTO_S 1f
1:
  fence.i
  call smc_fn
  mv s2, a0
  GOTO_M 2f
2:
  CHECK s2, 0x66
  TEST 7                             /* store and fence.i in U-mode (PMP allows, no paging) */
  li a2, ADDI_A0(0x77)
  GOTO_U 1f
1:
  la a1, smc_fn
  sw a2, 0(a1)
  fence.i
  call smc_fn
  mv s2, a0
  GOTO_M 2f
2:
  CHECK s2, 0x77
  TEST 8                             /* fence forms */
  li a0, 8
  fence
  fence rw, rw
  fence iorw, iorw
  fence r, w
  fence.tso
  addi a0, a0, 1
  CHECK a0, 9
  TEST 9                             /* halfword store patching the immediate field */
  la a1, smc_fn
  li a2, ADDI_A0(0x0)
  sw a2, 0(a1)
  fence.i
  li a2, 0x0090                     /* upper half of "addi a0, x0, 9" */
  sh a2, 2(a1)
  fence.i
  call smc_fn
  CHECK a0, 9
  TEST_PASS

  .text
  .align 4
smc_fn:
  li a0, 1
  ret
smc_pair:
  li a0, 0x11
  li a0, 0x22
  ret
