/* Virtual memory: Sv32 page tables, the kernel's identity map, per-process address spaces with
 * demand-zero anonymous memory, page faults and swap-in.
 *
 * Layout (every address space):
 *   0x0c000000..0x10400000  MMIO (PLIC, UART, virtio), kernel-only, identity
 *   0x40000000..0x80000000  user: program at 0x40000000, heap after it (sbrk), mmap from
 *                           0x60000000 up, stack below 0x7ffff000 (grows down, 1 MiB max)
 *   0x80000000..RAM end     RAM, kernel-only, identity (4 MiB megapages)
 * All kernel mappings are global and have A and D set (the SoC core has no hardware A/D update).
 */
#ifndef GUEST_VM_H
#define GUEST_VM_H

#include <stdbool.h>
#include <stdint.h>

typedef uint32_t pte_t;
#define PTE_V 0x001u
#define PTE_R 0x002u
#define PTE_W 0x004u
#define PTE_X 0x008u
#define PTE_U 0x010u
#define PTE_G 0x020u
#define PTE_A 0x040u
#define PTE_D 0x080u
/* Not-valid PTE of a swapped-out page: slot in bits 31..10, marker bit 1. */
#define PTE_SWAP 0x002u
#define PTE_IS_SWAP(p) (((p) & (PTE_V | PTE_SWAP)) == PTE_SWAP)
#define PTE_SWAP_SLOT(p) ((p) >> 10)
#define PTE_MAKE_SWAP(slot) (((slot) << 10) | PTE_SWAP)

#define USER_BASE 0x40000000u
#define USER_MMAP_BASE 0x60000000u
#define USER_STACK_TOP 0x7ffff000u
#define USER_STACK_MAX (1u << 20)
#define MAX_VMAS 16

enum { VM_READ = 1, VM_WRITE = 2, VM_EXEC = 4 };

typedef struct vma {
  uint32_t start, end; /* page aligned, [start, end) */
  uint32_t prot;       /* PTE_R | PTE_W | PTE_X */
} vma_t;

struct proc;
typedef struct mm {
  pte_t *root;
  vma_t vma[MAX_VMAS];
  int nvma;
  uint32_t brk_start, brk;  /* heap VMA grows with brk */
  uint32_t mmap_next;
  uint32_t rss, swapped;    /* pages resident / in swap */
  uint64_t minflt, majflt;
  struct proc *proc;
} mm_t;

void vm_init(uintptr_t ram_base, uint32_t ram_size); /* builds the kernel table, turns on Sv32 */
void vm_activate(mm_t *mm);                          /* NULL: the kernel's table */

mm_t *mm_create(void);
void mm_destroy(mm_t *mm);            /* frees pages, swap slots and page tables */
int mm_add_vma(mm_t *mm, uint32_t start, uint32_t len, uint32_t prot);
const vma_t *mm_find_vma(const mm_t *mm, uint32_t va);
long mm_sbrk(mm_t *mm, int32_t incr); /* old break or -E_NOMEM */
long mm_mmap(mm_t *mm, uint32_t len, uint32_t prot);

/* Resolves a fault at va (VM_READ/WRITE/EXEC): demand-zero, swap-in, or A/D update.
 * 0, -E_FAULT (no mapping / permission), -E_NOMEM (no memory even after reclaim). */
int vm_fault(mm_t *mm, uint32_t va, int access);
/* Maps a fresh page for va (used by the loader); returns its kernel pointer or NULL. */
void *vm_map_new_page(mm_t *mm, uint32_t va, uint32_t prot);

/* Copies between kernel memory and an address space, faulting pages in as needed.
 * 0 or -E_FAULT / -E_NOMEM. */
int copy_to_user(mm_t *mm, uint32_t uva, const void *src, uint32_t len);
int copy_from_user(mm_t *mm, void *dst, uint32_t uva, uint32_t len);

/* Leaf PTE for va, optionally allocating the page table (NULL if absent / no memory). */
pte_t *vm_walk(mm_t *mm, uint32_t va, bool alloc);

#endif
