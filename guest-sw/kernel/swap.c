/* Swap: anonymous user pages to the virtio-blk disk (see swap.h). Slot n = sectors 8n..8n+7.
 * Reclaim is synchronous: the allocator calls swap_reclaim when free memory is below the low
 * watermark; the clock hand sweeps the page descriptors (PAGE_USER only), second chance by the
 * PTE accessed bit. No swap cache: a page read back in releases its slot, and a page is always
 * written when it is swapped out. */
#include "swap.h"

#include "clock.h"
#include "kernel.h"
#include "mm.h"
#include "riscv.h"
#include "virtio_blk.h"
#include "vm.h"

#define SECTORS_PER_SLOT (PAGE_SIZE / BLK_SECTOR_SIZE)

static blk_dev_t *dev;
static swapmap_t map;
static uint32_t bits[SWAP_MAX_SLOTS / 32];
static clock_policy_t clk;

bool swap_enabled(void) { return dev != NULL; }
const swapmap_t *swap_map(void) { return dev ? &map : NULL; }

int swap_init(void) {
  const char *opt = cmdline_get("swap");
  if (opt && strcmp(opt, "off") == 0) {
    klog("swap", "disabled (swap=off)");
    return -E_NOENT;
  }
  blk_dev_t *b = virtio_blk_init();
  if (!b) {
    klog("swap", "no virtio-blk device: running without swap");
    return -E_NOENT;
  }
  if (blk_read_only(b)) {
    klog("swap", "virtio-blk is read-only: running without swap");
    return -E_NOENT;
  }
  uint64_t slots = blk_capacity(b) / SECTORS_PER_SLOT;
  if (slots > SWAP_MAX_SLOTS) slots = SWAP_MAX_SLOTS;
  if (slots == 0) {
    klog("swap", "virtio-blk too small for one page: running without swap");
    return -E_NOENT;
  }
  swapmap_init(&map, bits, (uint32_t)slots);
  clock_init(&clk, kpmm.npages);
  dev = b;
  klog("swap", "on virtio-blk: %u slots (%u KiB)", map.nslots, map.nslots * (PAGE_SIZE / 1024));
  return 0;
}

static enum clock_probe probe(void *ctx, uint32_t idx) {
  (void)ctx;
  page_desc_t *d = &kpmm.desc[idx];
  if (d->type != PAGE_USER || (d->flags & PG_PINNED) || !d->owner) return CLOCK_SKIP;
  pte_t *pte = vm_walk((mm_t *)d->owner, d->link, false);
  if (!pte || !(*pte & PTE_V)) return CLOCK_SKIP;
  if (*pte & PTE_A) {
    *pte &= ~PTE_A;
    sfence_vma_addr(d->link);
    return CLOCK_REFERENCED;
  }
  return CLOCK_VICTIM;
}

uint32_t swap_reclaim(uint32_t want) {
  if (!dev) return 0;
  uint32_t freed = 0;
  while (freed < want) {
    if (swapmap_free_slots(&map) == 0) break;
    long idx = clock_select(&clk, probe, NULL);
    if (idx < 0) break;
    page_desc_t *d = &kpmm.desc[idx];
    mm_t *mm = d->owner;
    uint32_t va = d->link;
    uintptr_t pa = pfn_to_pa(kpmm.base_pfn + (uint32_t)idx);
    pte_t *pte = vm_walk(mm, va, false);
    KASSERT(pte && (*pte & PTE_V) && ((*pte >> 10) == (pa >> 12)));
    uint32_t slot = swapmap_alloc(&map);
    if (slot == SWAPMAP_NONE) break;
    d->flags |= PG_PINNED;
    int r = blk_rw(dev, (uint64_t)slot * SECTORS_PER_SLOT, pa, SECTORS_PER_SLOT, true);
    d->flags &= (uint8_t)~PG_PINNED;
    if (r) {
      swapmap_free(&map, slot);
      vmc.swap_io_err++;
      klog("swap", "write of slot %u failed: reclaim stops", slot);
      break;
    }
    *pte = PTE_MAKE_SWAP(slot);
    sfence_vma_addr(va);
    mm->rss--;
    mm->swapped++;
    d->owner = NULL;
    page_free(pa);
    vmc.swap_out++;
    freed++;
  }
  return freed;
}

int swap_read_slot(uint32_t slot, uintptr_t pa) {
  if (!dev || swapmap_test(&map, slot) != 1) return -E_IO;
  int r = blk_rw(dev, (uint64_t)slot * SECTORS_PER_SLOT, pa, SECTORS_PER_SLOT, false);
  if (r) {
    vmc.swap_io_err++;
    return r;
  }
  swapmap_free(&map, slot);
  return 0;
}

void swap_free_slot(uint32_t slot) {
  if (dev && swapmap_free(&map, slot) != 0) klog("swap", "bad free of slot %u", slot);
}
