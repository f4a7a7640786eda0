/* Sv32 translation: satp, 4 KiB pages (offsets, aliases, loads/stores/fetches through a
 * mapping), a 4 MiB superpage, a misaligned superpage (page fault), invalid and reserved PTEs
 * (V = 0, W without R, a pointer at level 0) -> page faults 12/13/15 with mtval = the VA,
 * sfence.vma (all, and by address) after changing a PTE, page faults delegated to S (scause,
 * sepc, stval), M-mode untranslated, Bare mode. S-mode code runs on an identity-mapped 4 MiB
 * superpage (env/pt.S: pt_identity). */
#include "test.h"

#define VA          0x40000000
#define VA_A        (VA + 0x0000)      /* -> page_a, RW */
#define VA_A2       (VA + 0x1000)      /* -> page_a too */
#define VA_B        (VA + 0x2000)      /* -> page_b, RW */
#define VA_SW       (VA + 0x3000)      /* switched between page_a and page_b */
#define VA_X        (VA + 0x4000)      /* -> user_code page, RX */
#define VA_WO       (VA + 0x5000)      /* W without R: reserved */
#define VA_NV       (VA + 0x6000)      /* V = 0 */
#define VA_PTR      (VA + 0x7000)      /* level-0 PTE with V = 1, R = W = X = 0 */
#define VA_MEGA     0x40400000         /* 4 MiB superpage -> RAM_BASE */
#define VA_MIS      0x40800000         /* misaligned superpage */
#define VA_NONE     0x41000000         /* no level-1 entry */
#define RW_AD       (PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
#define RX_A        (PTE_V | PTE_R | PTE_X | PTE_A)

.macro MAP4K va, sym, flags
  li a0, \va
  la a1, \sym
  li a2, \flags
  call pt_map_4k
.endm

/* load from \va in the current mode, expecting an M-mode trap with \cause and mtval = \va */
.macro FAULT_LOAD n, va, cause=CAUSE_LOAD_PAGE_FAULT
  TEST \n
  li s1, 0x5a5a5a5a
  li a1, \va
  EXPECT_MTRAP .Lfr_\@
.Lfi_\@:
  lw s1, 0(a1)
.Lfr_\@:
  CHECK_MTRAP \cause, .Lfi_\@
  CHECK_MEM m_trap_tval, \va
  CHECK s1, 0x5a5a5a5a
.endm
.macro FAULT_STORE n, va
  TEST \n
  li a1, \va
  EXPECT_MTRAP .Lsr_\@
.Lsi_\@:
  sw a1, 0(a1)
.Lsr_\@:
  CHECK_MTRAP CAUSE_STORE_PAGE_FAULT, .Lsi_\@
  CHECK_MEM m_trap_tval, \va
.endm

TEST_MAIN
  call pt_identity
  MAP4K VA_A, page_a, RW_AD
  MAP4K VA_A2, page_a, RW_AD
  MAP4K VA_B, page_b, RW_AD
  MAP4K VA_SW, page_a, RW_AD
  MAP4K VA_X, user_code, RX_A
  MAP4K VA_WO, page_c, PTE_V | PTE_W | PTE_A | PTE_D
  MAP4K VA_NV, page_c, RW_AD & ~PTE_V
  MAP4K VA_PTR, page_c, PTE_V
  li a0, VA_MEGA
  li a1, RAM_BASE
  li a2, PTE_RWX_AD
  call pt_map_4m
  li a0, VA_MIS
  li a1, RAM_BASE + 0x1000           /* PPN[0] != 0 */
  li a2, RW_AD
  call pt_map_4m
  TEST 1
  call pt_enable
  csrr a0, satp
  la a1, pt_root
  srli a1, a1, 12
  li a2, SATP_SV32
  or a1, a1, a2
  CHECK_REG a0, a1

  GOTO_S s_mode
s_mode:
  TEST 2                             /* load through a 4 KiB page */
  li a1, VA_A
  lw a0, 0(a1)
  CHECK a0, 0xaaaa0000
  TEST 3                             /* the page offset is kept */
  li a1, VA_A + 0xffc
  lw a0, 0(a1)
  CHECK a0, 0xaaaa0ffc
  TEST 4
  li a1, VA_B
  lw a0, 0(a1)
  CHECK a0, 0xbbbb0000
  TEST 5                             /* byte and halfword accesses translate too */
  li a1, VA_A + 0xffc
  lhu a0, 2(a1)
  CHECK a0, 0xaaaa
  TEST 6                             /* store through one alias, load through the other */
  li a1, VA_A + 0x10
  li a2, 0x600dcafe
  sw a2, 0(a1)
  li a1, VA_A2 + 0x10
  lw a0, 0(a1)
  CHECK a0, 0x600dcafe
  TEST 7                             /* ... and it is in physical page_a */
  la a1, page_a
  lw a0, 0x10(a1)
  CHECK a0, 0x600dcafe
  TEST 8                             /* superpage: VA_MEGA + x -> RAM_BASE + x */
  la a1, page_b
  li a2, RAM_BASE
  sub a1, a1, a2
  li a2, VA_MEGA
  add a1, a1, a2
  lw a0, 0(a1)
  CHECK a0, 0xbbbb0000
  TEST 9                             /* fetch through a 4 KiB RX page */
  li a1, VA_X
  li a0, 0
  jalr ra, 0(a1)                     /* user_fn: a0 = 0x55, ret */
  CHECK a0, 0x55
  TEST 10                            /* the pc in the aliased page is the VA */
  la a2, user_pc
  la a3, user_code
  sub a2, a2, a3
  li a1, VA_X
  add s3, a1, a2
  jalr ra, 0(s3)
  CHECK_REG a0, s3
  TEST 11                            /* fetch through the superpage */
  la a1, user_fn
  li a2, RAM_BASE
  sub a1, a1, a2
  li a2, VA_MEGA
  add a1, a1, a2
  li a0, 0
  jalr ra, 0(a1)
  CHECK a0, 0x55

  /* faults */
  FAULT_LOAD 12, VA_MIS
  FAULT_STORE 13, VA_MIS + 0x10
  FAULT_LOAD 14, VA_NV
  FAULT_STORE 15, VA_NV + 4
  FAULT_LOAD 16, VA_NONE
  FAULT_STORE 17, VA_NONE + 0x120
  FAULT_LOAD 18, VA_WO
  FAULT_STORE 19, VA_WO
  FAULT_LOAD 20, VA_PTR
  FAULT_STORE 21, VA_PTR + 0x10
  TEST 22                            /* fetch from an unmapped VA */
  li a1, VA_NONE + 0x40
  EXPECT_MTRAP 2f
  jalr ra, 0(a1)
2:
  CHECK_MEM m_trap_cause, CAUSE_FETCH_PAGE_FAULT
  CHECK_MEM m_trap_epc, VA_NONE + 0x40
  CHECK_MEM m_trap_tval, VA_NONE + 0x40
  TEST 23                            /* fetch from a page without X */
  li a1, VA_A
  EXPECT_MTRAP 2f
  jalr ra, 0(a1)
2:
  CHECK_MEM m_trap_cause, CAUSE_FETCH_PAGE_FAULT
  CHECK_MEM m_trap_epc, VA_A
  CHECK_MEM m_trap_tval, VA_A
  TEST 24                            /* fetch from a misaligned superpage */
  li a1, VA_MIS + 0x100
  EXPECT_MTRAP 2f
  jalr ra, 0(a1)
2:
  CHECK_MEM m_trap_cause, CAUSE_FETCH_PAGE_FAULT
  CHECK_MEM m_trap_tval, VA_MIS + 0x100
  TEST 25                            /* a load page fault on the second word of a page */
  li a1, VA_NV
  EXPECT_MTRAP 2f
1:
  lw s1, 8(a1)
2:
  CHECK_MTRAP CAUSE_LOAD_PAGE_FAULT, 1b
  CHECK_MEM m_trap_tval, VA_NV + 8

  /* sfence.vma after changing a PTE (S writes the page table through the identity map) */
  TEST 26
  li a1, VA_SW
  lw a0, 0(a1)
  CHECK a0, 0xaaaa0000
  TEST 27
  GOTO_M 1f
1:
  li a0, VA_SW
  call pt_pte_addr
  mv s2, a0                          /* s2 = &PTE(VA_SW) */
  GOTO_S 2f
2:
  la a1, page_b
  srli a1, a1, 12
  slli a1, a1, 10
  ori a1, a1, RW_AD
  sw a1, 0(s2)
  sfence.vma
  li a1, VA_SW
  lw a0, 0(a1)
  CHECK a0, 0xbbbb0000
  TEST 28                            /* sfence.vma rs1 = the VA */
  la a1, page_a
  srli a1, a1, 12
  slli a1, a1, 10
  ori a1, a1, RW_AD
  sw a1, 0(s2)
  li a1, VA_SW
  sfence.vma a1, zero
  lw a0, 0(a1)
  CHECK a0, 0xaaaa0000
  TEST 29                            /* invalidate the PTE: the next access faults */
  sw zero, 0(s2)
  li a1, VA_SW
  sfence.vma a1, zero
  EXPECT_MTRAP 2f
1:
  lw a0, 0(a1)
2:
  CHECK_MTRAP CAUSE_LOAD_PAGE_FAULT, 1b
  TEST 30                            /* and valid again */
  la a1, page_b
  srli a1, a1, 12
  slli a1, a1, 10
  ori a1, a1, RW_AD
  sw a1, 0(s2)
  sfence.vma zero, zero
  li a1, VA_SW + 4
  lw a0, -4(a1)
  CHECK a0, 0xbbbb0000

  /* page faults delegated to S */
  TEST 31
  GOTO_M 1f
1:
  li a1, (1 << CAUSE_LOAD_PAGE_FAULT) | (1 << CAUSE_STORE_PAGE_FAULT) | (1 << CAUSE_FETCH_PAGE_FAULT)
  csrw medeleg, a1
  EXPECT_MTRAP 9f
  GOTO_S 2f
2:
  li a1, VA_NV + 0x20
  EXPECT_STRAP 4f
3:
  lw s1, 0(a1)
4:
  CHECK_STRAP CAUSE_LOAD_PAGE_FAULT, 3b
  CHECK_MEM s_trap_tval, VA_NV + 0x20
  TEST 32
  li a1, VA_MIS + 0x44
  EXPECT_STRAP 4f
3:
  sw s1, 0(a1)
4:
  CHECK_STRAP CAUSE_STORE_PAGE_FAULT, 3b
  CHECK_MEM s_trap_tval, VA_MIS + 0x44
  TEST 33
  li a1, VA_NONE + 0x80
  EXPECT_STRAP 4f
  jalr ra, 0(a1)
4:
  CHECK_MEM s_trap_cause, CAUSE_FETCH_PAGE_FAULT
  CHECK_MEM s_trap_epc, VA_NONE + 0x80
  CHECK_MEM s_trap_tval, VA_NONE + 0x80
  CHECK_NO_MTRAP
  CANCEL_MTRAP
  GOTO_M 1f
1:
  csrw medeleg, zero

  /* M-mode is not translated, even with satp set: drop the identity map of RAM and keep running */
  TEST 34
  li a0, RAM_BASE
  call pt_pte_addr
  mv s6, a0
  lw s3, 0(s6)
  sw zero, 0(s6)
  sfence.vma
  la a1, page_b
  lw s4, 0(a1)
  li a2, 0x77
  sw a2, 4(a1)
  lw s5, 4(a1)
  sw s3, 0(s6)
  sfence.vma
  CHECK s4, 0xbbbb0000
  CHECK s5, 0x77
  li a1, UNMAPPED_ADDR2              /* unmapped physically; M does not use the identity map */
  EXPECT_MTRAP 2f
1:
  lw a0, 0(a1)
2:
  CHECK_MTRAP CAUSE_LOAD_ACCESS, 1b
  /* Bare: S uses physical addresses */
  TEST 35
  csrw satp, zero
  sfence.vma
  GOTO_S 1f
1:
  la a1, page_b
  lw s1, 0(a1)
  GOTO_M 2f
2:
  CHECK s1, 0xbbbb0000
  TEST_PASS
9:
  TEST_FAIL

  .section .text.user, "ax"
  .align 12
user_code:
user_fn:
  li a0, 0x55
  ret
user_pc:
  auipc a0, 0
  ret

  .section .data.pages, "aw"
  .align 12
page_a:
  .word 0xaaaa0000
  .skip 4088
  .word 0xaaaa0ffc
page_b:
  .word 0xbbbb0000
  .skip 4092
page_c:
  .word 0xcccc0000
  .skip 4092
