/* This project's "v" environment for the official riscv-tests user-level programs (rv32ui, rv32um,
 * rv32ua): the same contract as the "p" environment (../p/riscv_test.h, docs/verification.md),
 * but the test body runs in U-mode with Sv32 translation on, at virtual addresses that differ from
 * the physical ones:
 *
 *  - link.ld places the body (.text, .data, .bss) at VA = PA - RVT_VA_OFFSET; the entry and trap
 *    code, `tohost` and the page tables stay at their physical addresses (M-mode runs bare);
 *  - before entering the body, the reset code builds a two-level Sv32 table in .rvt_pt: one root
 *    entry pointing to one leaf table of 1024 4 KiB pages that maps the 4 MiB window
 *    VA RVT_USER_VA.. -> PA RVT_USER_PA.. with U, R, W, X and A, D already set (this core does
 *    not set A/D in hardware; a clear bit would be a page fault), then sets satp and fences;
 *  - every trap goes to the M-mode trap vector (nothing is delegated): ecall reports the result
 *    as in "p", anything else (e.g. a page fault) fails the program with code 1024 + TESTNUM.
 *
 * The test programs themselves are unchanged: their la/jal/branches are pc-relative, so they run
 * at any virtual address. Not for M- or S-mode programs (rv32mi/rv32si use "p").
 */
#ifndef BALLOON_RVTEST_V_H
#define BALLOON_RVTEST_V_H

#include "../p/riscv_test.h"

#define RVT_USER_PA    0x80000000  /* = RAM_BASE (soc_memory_map.h) = link.ld's origin */
#define RVT_VA_OFFSET  0x70000000
#define RVT_USER_VA    (RVT_USER_PA - RVT_VA_OFFSET)

#undef RVT_VM_SETUP
#define RVT_VM_SETUP                                                          \
        /* clear the root table */                                            \
        la t0, rvt_pt_root;                                                   \
        li t3, 1024;                                                          \
        mv t4, t0;                                                            \
7:      sw zero, 0(t4);                                                       \
        addi t4, t4, 4;                                                       \
        addi t3, t3, -1;                                                      \
        bnez t3, 7b;                                                          \
        /* root entry of the user window -> the leaf table */                 \
        la t1, rvt_pt_leaf;                                                   \
        srli t2, t1, RISCV_PGSHIFT;                                           \
        slli t2, t2, PTE_PPN_SHIFT;                                           \
        ori t2, t2, PTE_V;                                                    \
        li t3, (RVT_USER_VA >> 22) * 4;                                       \
        add t3, t3, t0;                                                       \
        sw t2, 0(t3);                                                         \
        /* leaf entries: page i of the window -> RVT_USER_PA + i * 4 KiB */   \
        li t2, ((RVT_USER_PA >> RISCV_PGSHIFT) << PTE_PPN_SHIFT) | PTE_V |    \
               PTE_R | PTE_W | PTE_X | PTE_U | PTE_A | PTE_D;                 \
        li t5, 1 << PTE_PPN_SHIFT;                                            \
        li t3, 1024;                                                          \
        mv t4, t1;                                                            \
8:      sw t2, 0(t4);                                                         \
        add t2, t2, t5;                                                       \
        addi t4, t4, 4;                                                       \
        addi t3, t3, -1;                                                      \
        bnez t3, 8b;                                                          \
        /* translation on (it applies to the U-mode body only) */             \
        srli t0, t0, RISCV_PGSHIFT;                                           \
        li t1, SATP32_MODE;                                                   \
        or t0, t0, t1;                                                        \
        csrw satp, t0;                                                        \
        sfence.vma;                                                           \
        li t1, 0;                                                             \
        li t3, 0;                                                             \
        li t4, 0;                                                             \
        li t5, 0;                                                             \
        /* the page tables: physical, not loaded (NOLOAD in link.ld) */       \
        .pushsection .rvt_pt, "aw", @nobits;                                  \
        .align 12; rvt_pt_root: .skip 4096;                                   \
        .align 12; rvt_pt_leaf: .skip 4096;                                   \
        .popsection;

#endif
