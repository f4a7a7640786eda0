/* Sv32 page tables, address spaces, page faults (see vm.h). */
#include "vm.h"

#include "kernel.h"
#include "mm.h"
#include "proc.h"
#include "riscv.h"
#include "swap.h"

#define SATP_SV32 0x80000000u
#define L1_INDEX(va) ((va) >> 22)
#define L0_INDEX(va) (((va) >> 12) & 0x3ffu)
#define PTE_PA(p) ((uintptr_t)((p) >> 10) << 12)
#define PA_PTE(pa) ((pte_t)((pa) >> 12) << 10)
#define PTE_LEAF(p) ((p) & (PTE_R | PTE_W | PTE_X))

static pte_t kernel_root[1024] __attribute__((aligned(4096), section(".bss.pagetables")));

static void map_mega(uint32_t va, uint32_t pa, uint32_t perm) {
  kernel_root[L1_INDEX(va)] = PA_PTE(pa) | perm | PTE_V | PTE_G | PTE_A | PTE_D;
}

void vm_init(uintptr_t ram_base, uint32_t ram_size) {
  for (uint32_t off = 0; off < ram_size; off += 0x400000u)
    map_mega((uint32_t)ram_base + off, (uint32_t)ram_base + off, PTE_R | PTE_W | PTE_X);
  map_mega(0x0c000000u, 0x0c000000u, PTE_R | PTE_W); /* PLIC (S context registers) */
  map_mega(0x10000000u, 0x10000000u, PTE_R | PTE_W); /* UART, virtio-mmio slots */
  vm_activate(NULL);
  klog("vm", "Sv32 on: RAM identity-mapped with %u megapages, user space 0x%08x..0x%08x",
       (unsigned)((ram_size + 0x3fffffu) / 0x400000u), USER_BASE, 0x80000000u);
}

void vm_activate(mm_t *mm) {
  pte_t *root = mm ? mm->root : kernel_root;
  csr_write(satp, SATP_SV32 | ((uintptr_t)root >> 12));
  sfence_vma_all();
}

mm_t *mm_create(void) {
  /* mm_t lives in a page of its own (simple, and there are few processes). */
  uintptr_t m = page_alloc(PA_KERNEL | PA_ZERO);
  uintptr_t r = page_alloc(PA_KERNEL | PA_ZERO);
  if (!m || !r) {
    if (m) page_free(m);
    if (r) page_free(r);
    return NULL;
  }
  mm_t *mm = (mm_t *)m;
  mm->root = (pte_t *)r;
  page_set_type(r, PAGE_PGTABLE);
  for (int i = 0; i < 1024; i++) mm->root[i] = kernel_root[i];
  mm->mmap_next = USER_MMAP_BASE;
  return mm;
}

static void release_pte(mm_t *mm, pte_t *pte) {
  pte_t p = *pte;
  if (p & PTE_V) {
    page_desc_t *d = page_desc(PTE_PA(p));
    if (d) d->owner = NULL;
    page_free(PTE_PA(p));
    mm->rss--;
  } else if (PTE_IS_SWAP(p)) {
    swap_free_slot(PTE_SWAP_SLOT(p));
    mm->swapped--;
  }
  *pte = 0;
}

void mm_destroy(mm_t *mm) {
  for (uint32_t i = L1_INDEX(USER_BASE); i < L1_INDEX(0x80000000u); i++) {
    pte_t e = mm->root[i];
    if (!(e & PTE_V) || PTE_LEAF(e)) continue;
    pte_t *l0 = (pte_t *)PTE_PA(e);
    for (int j = 0; j < 1024; j++) release_pte(mm, &l0[j]);
    page_free((uintptr_t)l0);
  }
  page_free((uintptr_t)mm->root);
  page_free((uintptr_t)mm);
}

pte_t *vm_walk(mm_t *mm, uint32_t va, bool alloc) {
  pte_t *e = &mm->root[L1_INDEX(va)];
  if (!(*e & PTE_V)) {
    if (!alloc) return NULL;
    uintptr_t t = page_alloc(PA_KERNEL | PA_ZERO);
    if (!t) return NULL;
    page_set_type(t, PAGE_PGTABLE);
    if (*e & PTE_V) { /* reclaim/OOM during the allocation cannot create tables, but be safe */
      page_free(t);
    } else {
      *e = PA_PTE(t) | PTE_V;
    }
  }
  if (PTE_LEAF(*e)) return NULL; /* a kernel megapage */
  return &((pte_t *)PTE_PA(*e))[L0_INDEX(va)];
}

int mm_add_vma(mm_t *mm, uint32_t start, uint32_t len, uint32_t prot) {
  uint32_t end = start + len;
  if ((start | len) & (PAGE_SIZE - 1) || len == 0 || start < USER_BASE || end > 0x80000000u ||
      end < start)
    return -E_INVAL;
  if (mm->nvma == MAX_VMAS) return -E_NOMEM;
  for (int i = 0; i < mm->nvma; i++) {
    if (start < mm->vma[i].end && mm->vma[i].start < end) return -E_INVAL;
  }
  mm->vma[mm->nvma].start = start;
  mm->vma[mm->nvma].end = end;
  mm->vma[mm->nvma].prot = prot & (PTE_R | PTE_W | PTE_X);
  mm->nvma++;
  return 0;
}

const vma_t *mm_find_vma(const mm_t *mm, uint32_t va) {
  for (int i = 0; i < mm->nvma; i++) {
    if (va >= mm->vma[i].start && va < mm->vma[i].end) return &mm->vma[i];
  }
  return NULL;
}

static vma_t *heap_vma(mm_t *mm) {
  for (int i = 0; i < mm->nvma; i++) {
    if (mm->vma[i].start == mm->brk_start) return &mm->vma[i];
  }
  return NULL;
}

long mm_sbrk(mm_t *mm, int32_t incr) {
  uint32_t old = mm->brk;
  uint32_t nb = old + (uint32_t)incr;
  if ((incr > 0 && (nb < old || nb > USER_MMAP_BASE)) || (incr < 0 && nb < mm->brk_start))
    return -E_NOMEM;
  uint32_t old_end = ALIGN_UP(old, PAGE_SIZE), new_end = ALIGN_UP(nb, PAGE_SIZE);
  vma_t *h = heap_vma(mm);
  if (new_end != old_end) {
    if (!h) {
      if (mm_add_vma(mm, mm->brk_start, new_end - mm->brk_start, PTE_R | PTE_W)) return -E_NOMEM;
    } else if (new_end == h->start) {
      *h = mm->vma[--mm->nvma]; /* heap empty again */
    } else {
      h->end = new_end;
    }
    for (uint32_t va = new_end; va < old_end; va += PAGE_SIZE) { /* shrinking: drop pages */
      pte_t *pte = vm_walk(mm, va, false);
      if (pte) release_pte(mm, pte);
      sfence_vma_addr(va);
    }
  }
  mm->brk = nb;
  return (long)old;
}

long mm_mmap(mm_t *mm, uint32_t len, uint32_t prot) {
  len = ALIGN_UP(len, PAGE_SIZE);
  if (len == 0 || len > USER_STACK_TOP - USER_STACK_MAX - mm->mmap_next) return -E_NOMEM;
  uint32_t p = (prot & GUEST_PROT_READ ? PTE_R : 0) | (prot & GUEST_PROT_WRITE ? PTE_W | PTE_R : 0) |
               (prot & GUEST_PROT_EXEC ? PTE_X : 0);
  if (!p) return -E_INVAL;
  uint32_t va = mm->mmap_next;
  if (mm_add_vma(mm, va, len, p)) return -E_NOMEM;
  mm->mmap_next += len + PAGE_SIZE; /* a guard page between mappings */
  return (long)va;
}

/* Installs frame pa at va and makes it a reclaimable user page. */
static void install(mm_t *mm, pte_t *pte, uint32_t va, uintptr_t pa, uint32_t prot) {
  *pte = PA_PTE(pa) | prot | PTE_U | PTE_V | PTE_A | PTE_D;
  mm->rss++;
  page_set_type(pa, PAGE_USER);
  page_desc_t *d = page_desc(pa);
  d->owner = mm;
  d->link = va & ~(PAGE_SIZE - 1);
}

int vm_fault(mm_t *mm, uint32_t va, int access) {
  vmc.pgfault++;
  const vma_t *v = mm_find_vma(mm, va);
  uint32_t need = access == VM_WRITE ? PTE_W : access == VM_EXEC ? PTE_X : PTE_R;
  if (!v || !(v->prot & need)) return -E_FAULT;
  uint32_t prot = v->prot;
  pte_t *pte = vm_walk(mm, va, true);
  if (!pte) return -E_NOMEM;
  pte_t p = *pte;
  if (p & PTE_V) {
    /* Present: the accessed/dirty bit was clear (no hardware A/D update on the SoC core) or
     * the TLB held a stale entry. */
    if (!(p & need)) return -E_FAULT;
    *pte = p | PTE_A | (access == VM_WRITE ? PTE_D : 0);
    sfence_vma_addr(va);
    vmc.ad_fault++;
    return 0;
  }
  uintptr_t pa = page_alloc(PA_KERNEL | (PTE_IS_SWAP(p) ? 0 : PA_ZERO));
  if (!pa) return -E_NOMEM;
  if (*pte != p) { /* cannot happen (reclaim only touches present pages), but never corrupt */
    page_free(pa);
    return 0;
  }
  if (PTE_IS_SWAP(p)) {
    if (swap_read_slot(PTE_SWAP_SLOT(p), pa) != 0) {
      page_free(pa);
      return -E_IO;
    }
    mm->swapped--;
    mm->majflt++;
    vmc.majflt++;
    vmc.swap_in++;
  } else {
    mm->minflt++;
    vmc.minflt++;
  }
  install(mm, pte, va, pa, prot);
  sfence_vma_addr(va);
  return 0;
}

void *vm_map_new_page(mm_t *mm, uint32_t va, uint32_t prot) {
  pte_t *pte = vm_walk(mm, va, true);
  if (!pte || *pte) return NULL;
  uintptr_t pa = page_alloc(PA_KERNEL | PA_ZERO);
  if (!pa) return NULL;
  install(mm, pte, va, pa, prot);
  return (void *)pa;
}

/* Kernel pointer to user address va for the given access, faulting it in. */
static int user_page(mm_t *mm, uint32_t va, int access, uint8_t **out) {
  uint32_t need = access == VM_WRITE ? PTE_W : PTE_R;
  pte_t *pte = vm_walk(mm, va, false);
  if (!pte || !(*pte & PTE_V) || !(*pte & PTE_A)) {
    int r = vm_fault(mm, va, access);
    if (r) return r;
    pte = vm_walk(mm, va, false);
  }
  if (!pte || !(*pte & PTE_V) || !(*pte & PTE_U) || !(*pte & need)) return -E_FAULT;
  if (access == VM_WRITE) *pte |= PTE_D;
  *out = (uint8_t *)PTE_PA(*pte) + (va & (PAGE_SIZE - 1));
  return 0;
}

int copy_to_user(mm_t *mm, uint32_t uva, const void *src, uint32_t len) {
  const uint8_t *s = src;
  while (len) {
    uint8_t *k;
    int r = user_page(mm, uva, VM_WRITE, &k);
    if (r) return r;
    uint32_t n = PAGE_SIZE - (uva & (PAGE_SIZE - 1));
    if (n > len) n = len;
    memcpy(k, s, n);
    s += n;
    uva += n;
    len -= n;
  }
  return 0;
}

int copy_from_user(mm_t *mm, void *dst, uint32_t uva, uint32_t len) {
  uint8_t *d = dst;
  while (len) {
    uint8_t *k;
    int r = user_page(mm, uva, VM_READ, &k);
    if (r) return r;
    uint32_t n = PAGE_SIZE - (uva & (PAGE_SIZE - 1));
    if (n > len) n = len;
    memcpy(d, k, n);
    d += n;
    uva += n;
    len -= n;
  }
  return 0;
}
