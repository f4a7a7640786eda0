/* Sv32 accessed/dirty bits. The spec allows two schemes, both accepted, each checked:
 *   - a page fault (12/13/15, mtval = the VA) when A = 0, or on a store when D = 0, without
 *     changing the PTE; software then sets the bit, runs sfence.vma and the retry succeeds;
 *   - the hardware sets A (and D on a store) in the PTE in memory and the access succeeds.
 * In both, a load never sets D, and a page with A = 1 (and D = 1 for stores) never faults. */
#include "test.h"

#define VA       0x40000000
#define VA_NA    (VA + 0x0000)          /* page_a RW, A = 0, D = 0 */
#define VA_ND    (VA + 0x1000)          /* page_a RW, A = 1, D = 0 */
#define VA_NA2   (VA + 0x2000)          /* page_b RW, A = 0, D = 0 */
#define VA_NAX   (VA + 0x3000)          /* user_code RX, A = 0 */
#define VA_RD    (VA + 0x4000)          /* page_b R, A = 1, D = 0 */
#define VA_AMO   (VA + 0x5000)          /* page_c RW, A = 1, D = 0 */
#define VA_OK    (VA + 0x6000)          /* page_c RW, A = 1, D = 1 */
#define VA_MEGA  0x40400000             /* 4 MiB superpage -> RAM_BASE, RWX, A = 0, D = 0 */
#define RW       (PTE_V | PTE_R | PTE_W)

.macro MAP4K va, sym, flags
  li a0, \va
  la a1, \sym
  li a2, \flags
  call pt_map_4k
.endm
.macro PTE_OF va, reg
  li a0, \va
  call pt_pte_addr
  mv \reg, a0
.endm

/* \insn (on a1 = \va) either traps with \cause, leaving the PTE bits \setbits clear -- then
 * they are set by software and \insn is retried -- or succeeds with \setbits set by hardware.
 * In both cases the PTE bits \clearbits must stay 0. For a data access mepc is \insn itself;
 * for a fetch fault (\fetch = 1) the jump has completed and mepc is the target, \va. */
.macro AD n, va, pte, insn, cause, setbits, clearbits=0, fetch=0
  TEST \n
  li a1, \va
  EXPECT_MTRAP .Lar_\@
.Lai_\@:
  \insn
.Lar_\@:
  LA_ABS t5, m_trap_cause
  lw t5, 0(t5)
  li t6, NO_TRAP
  beq t5, t6, .Lan_\@
  .if \fetch
  CHECK_MEM m_trap_cause, \cause
  CHECK_MEM m_trap_epc, \va
  .else
  CHECK_MTRAP \cause, .Lai_\@
  .endif
  CHECK_MEM m_trap_tval, \va
  lw a3, 0(\pte)
  CHECK_MASK a3, \setbits | \clearbits, 0
  ori a3, a3, \setbits
  sw a3, 0(\pte)
  sfence.vma
  li a1, \va
  \insn
  j .Lad_\@
.Lan_\@:
  CANCEL_MTRAP
  lw a3, 0(\pte)
  CHECK_MASK a3, \setbits | \clearbits, \setbits
.Lad_\@:
.endm

TEST_MAIN
  call pt_identity
  MAP4K VA_NA, page_a, RW
  MAP4K VA_ND, page_a, RW | PTE_A
  MAP4K VA_NA2, page_b, RW
  MAP4K VA_NAX, user_code, PTE_V | PTE_R | PTE_X
  MAP4K VA_RD, page_b, PTE_V | PTE_R | PTE_A
  MAP4K VA_AMO, page_c, RW | PTE_A
  MAP4K VA_OK, page_c, RW | PTE_A | PTE_D
  li a0, VA_MEGA
  li a1, RAM_BASE
  li a2, PTE_V | PTE_R | PTE_W | PTE_X
  call pt_map_4m
  PTE_OF VA_NA, s2
  PTE_OF VA_ND, s3
  PTE_OF VA_NA2, s4
  PTE_OF VA_NAX, s5
  PTE_OF VA_RD, s6
  PTE_OF VA_AMO, s7
  PTE_OF VA_MEGA, s8
  PTE_OF VA_OK, s9
  call pt_enable
  GOTO_S 1f
1:
  /* load from A = 0: A set (by hardware or after the fault), D untouched */
  AD 1, VA_NA, s2, "lw s1, 0(a1)", CAUSE_LOAD_PAGE_FAULT, PTE_A, PTE_D
  CHECK s1, 0xaaaa0000
  /* store to A = 1, D = 0 */
  AD 2, VA_ND + 8, s3, "sw a1, 0(a1)", CAUSE_STORE_PAGE_FAULT, PTE_D
  TEST 3
  la a1, page_a
  lw a0, 8(a1)
  CHECK a0, VA_ND + 8
  /* store to A = 0, D = 0: both set */
  AD 4, VA_NA2 + 4, s4, "sw a1, 0(a1)", CAUSE_STORE_PAGE_FAULT, PTE_A | PTE_D
  TEST 5
  la a1, page_b
  lw a0, 4(a1)
  CHECK a0, VA_NA2 + 4
  /* fetch from A = 0 */
  AD 6, VA_NAX, s5, "jalr ra, 0(a1)", CAUSE_FETCH_PAGE_FAULT, PTE_A, PTE_D, 1
  CHECK a0, 0x55
  /* a load from an A = 1, D = 0 page: no fault, D stays 0 */
  TEST 7
  li a1, VA_RD
  lw s1, 0(a1)
  CHECK s1, 0xbbbb0000
  lw a3, 0(s6)
  CHECK_MASK a3, PTE_D | PTE_A, PTE_A
  TEST 8                             /* load from A = 1, D = 0, writable page: D stays 0 */
  li a1, VA_AMO
  lw s1, 0(a1)
  lw a3, 0(s7)
  CHECK_MASK a3, PTE_D, 0
  /* an AMO is a store for A/D purposes */
  AD 9, VA_AMO + 12, s7, "amoadd.w s1, a1, (a1)", CAUSE_STORE_PAGE_FAULT, PTE_D
  TEST 10
  la a1, page_c
  lw a0, 12(a1)
  CHECK a0, VA_AMO + 12
  /* superpage with A = 0, D = 0 */
  AD 11, VA_MEGA + 0x100, s8, "lw s1, 0(a1)", CAUSE_LOAD_PAGE_FAULT, PTE_A, PTE_D
  AD 12, VA_MEGA + 0x104, s8, "sw s1, 0(a1)", CAUSE_STORE_PAGE_FAULT, PTE_D
  TEST 13                            /* A = D = 1: the PTE is left alone */
  lw a4, 0(s9)
  li a1, VA_OK
  sw a1, 16(a1)
  lw s1, 16(a1)
  lw a3, 0(s9)
  CHECK_REG a3, a4
  CHECK s1, VA_OK
  GOTO_M 1f
1:
  TEST_PASS

  .section .text.user, "ax"
  .align 12
user_code:
  li a0, 0x55
  ret

  .section .data.pages, "aw"
  .align 12
page_a:
  .word 0xaaaa0000
  .skip 4092
page_b:
  .word 0xbbbb0000
  .skip 4092
page_c:
  .word 0xcccc0000
  .skip 4092
