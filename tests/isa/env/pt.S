/* Sv32 page-table builder for the MMU tests (M-mode, physical addresses).
 *
 *   pt_reset               clear the root table and the pool of level-0 tables
 *   pt_map_4k  a0=va a1=pa a2=flags    4 KiB leaf (allocates the level-0 table if needed)
 *   pt_map_4m  a0=va a1=pa a2=flags    4 MiB leaf in the root table (pa need not be aligned:
 *                                      the tests use that to build a misaligned superpage)
 *   pt_pte_addr a0=va -> a0 = address of the PTE that maps va (leaf at level 1 or 0), or 0
 *   pt_identity            pt_reset, then identity-map (supervisor, RWX/RW, A and D set) the
 *                          4 MiB superpages holding the image (RAM_BASE), the finisher, the CLINT
 *                          and the UART
 *   pt_enable              satp = Sv32 | root; sfence.vma
 * Clobber a0-a3, t0-t2 (ra preserved through t3 where calls nest). */
#include "test.h"

#define PT_POOL_PAGES 8

  .text
  .globl pt_reset
pt_reset:
  la t0, pt_root
  li t1, (PT_POOL_PAGES + 1) * 4096
  add t1, t0, t1
1:
  sw zero, 0(t0)
  addi t0, t0, 4
  bltu t0, t1, 1b
  la t0, pt_next
  la t1, pt_pool
  sw t1, 0(t0)
  ret

  .globl pt_map_4m
pt_map_4m:
  srli t0, a0, 22
  slli t0, t0, 2
  la t1, pt_root
  add t0, t0, t1
  srli t1, a1, 12
  slli t1, t1, 10
  or t1, t1, a2
  sw t1, 0(t0)
  ret

  .globl pt_map_4k
pt_map_4k:
  srli t0, a0, 22
  slli t0, t0, 2
  la t1, pt_root
  add t0, t0, t1               /* t0 = &root[vpn1] */
  lw t1, 0(t0)
  andi t2, t1, PTE_V
  bnez t2, 1f
  la t2, pt_next               /* allocate a level-0 table */
  lw t1, 0(t2)
  addi a3, t1, 2047
  addi a3, a3, 2047
  addi a3, a3, 2
  sw a3, 0(t2)
  srli t1, t1, 12
  slli t1, t1, 10
  ori t1, t1, PTE_V
  sw t1, 0(t0)
1:
  srli t1, t1, 10
  slli t1, t1, 12              /* t1 = level-0 table */
  srli t0, a0, 12
  andi t0, t0, 0x3ff
  slli t0, t0, 2
  add t0, t0, t1
  srli t1, a1, 12
  slli t1, t1, 10
  or t1, t1, a2
  sw t1, 0(t0)
  ret

  .globl pt_pte_addr
pt_pte_addr:
  srli t0, a0, 22
  slli t0, t0, 2
  la t1, pt_root
  add t0, t0, t1
  lw t1, 0(t0)
  andi t2, t1, PTE_V
  beqz t2, 2f
  andi t2, t1, PTE_R | PTE_W | PTE_X
  bnez t2, 1f                  /* superpage leaf */
  srli t1, t1, 10
  slli t1, t1, 12
  srli t0, a0, 12
  andi t0, t0, 0x3ff
  slli t0, t0, 2
  add t0, t0, t1
1:
  mv a0, t0
  ret
2:
  li a0, 0
  ret

  .globl pt_identity
pt_identity:
  mv t3, ra
  call pt_reset
  li a0, RAM_BASE
  li a1, RAM_BASE
  li a2, PTE_RWX_AD
  call pt_map_4m
  li a0, FINISHER_BASE
  li a1, FINISHER_BASE
  li a2, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  call pt_map_4m
  li a0, CLINT_BASE
  li a1, CLINT_BASE
  call pt_map_4m
  li a0, UART0_BASE
  li a1, UART0_BASE
  call pt_map_4m
  mv ra, t3
  ret

  .globl pt_enable
pt_enable:
  la t0, pt_root
  srli t0, t0, 12
  li t1, SATP_SV32
  or t0, t0, t1
  csrw satp, t0
  sfence.vma
  ret

  .section .bss.pt, "aw", @nobits
  .align 12
  .globl pt_root, pt_pool
pt_root: .space 4096
pt_pool: .space PT_POOL_PAGES * 4096
  .section .bss
  .align 2
pt_next: .space 4
