/* Split virtqueue ring logic (see virtqueue.h). */
#include "virtqueue.h"

#define VIRTQ_USED_F_NO_NOTIFY 1u

uint64_t virtq_bad_used;

static size_t align_up(size_t v, size_t a) { return (v + a - 1) & ~(a - 1); }

static size_t avail_off(uint16_t size) { return 16u * size; }
static size_t used_off(uint16_t size) { return align_up(avail_off(size) + 6u + 2u * size, 4); }

size_t virtq_mem_size(uint16_t size) { return used_off(size) + 6u + 8u * size; }

int virtq_init(virtq_t *vq, uint16_t index, uint16_t size, void *mem, uint64_t mem_pa,
               virtq_notify_fn notify) {
  if (size == 0 || size > VIRTQ_MAX_SIZE || (size & (size - 1))) return -1;
  uint8_t *m = mem;
  size_t n = virtq_mem_size(size);
  for (size_t i = 0; i < n; i++) m[i] = 0;
  vq->size = size;
  vq->index = index;
  vq->desc = (volatile struct virtq_desc *)(void *)m;
  vq->avail = (volatile struct virtq_avail *)(void *)(m + avail_off(size));
  vq->used = (volatile struct virtq_used *)(void *)(m + used_off(size));
  vq->desc_pa = mem_pa;
  vq->avail_pa = mem_pa + avail_off(size);
  vq->used_pa = mem_pa + used_off(size);
  for (uint16_t i = 0; i < size; i++) {
    vq->desc[i].next = (uint16_t)(i + 1);
    vq->cookie[i] = NULL;
  }
  vq->free_head = 0;
  vq->num_free = size;
  vq->last_used = 0;
  vq->notify = notify;
  vq->done = NULL;
  vq->priv = NULL;
  vq->added = vq->completed = vq->kicks = 0;
  return 0;
}

int virtq_add(virtq_t *vq, const virtq_buf_t *out, unsigned n_out, const virtq_buf_t *in,
              unsigned n_in, void *cookie) {
  unsigned total = n_out + n_in;
  if (total == 0 || total > vq->num_free || !cookie) return -1;
  uint16_t head = vq->free_head, d = head, prev = head;
  for (unsigned i = 0; i < total; i++) {
    const virtq_buf_t *b = i < n_out ? &out[i] : &in[i - n_out];
    vq->desc[d].addr = b->addr;
    vq->desc[d].len = b->len;
    vq->desc[d].flags = (uint16_t)((i < n_out ? 0 : VIRTQ_DESC_F_WRITE) |
                                   (i + 1 < total ? VIRTQ_DESC_F_NEXT : 0));
    prev = d;
    d = vq->desc[d].next;
  }
  (void)prev;
  vq->free_head = d;
  vq->num_free = (uint16_t)(vq->num_free - total);
  vq->cookie[head] = cookie;
  uint16_t ai = vq->avail->idx;
  vq->avail->ring[ai & (vq->size - 1)] = head;
  __sync_synchronize(); /* descriptors and ring entry before the index */
  vq->avail->idx = (uint16_t)(ai + 1);
  vq->added++;
  return head;
}

void virtq_kick(virtq_t *vq) {
  __sync_synchronize(); /* avail->idx before reading used->flags and notifying */
  if (!(vq->used->flags & VIRTQ_USED_F_NO_NOTIFY) && vq->notify) {
    vq->kicks++;
    vq->notify(vq);
  }
}

bool virtq_has_used(const virtq_t *vq) { return vq->used->idx != vq->last_used; }

void *virtq_get_used(virtq_t *vq, uint32_t *len) {
  if (vq->used->idx == vq->last_used) return NULL;
  __sync_synchronize(); /* index before the element it covers */
  struct virtq_used_elem e;
  e.id = vq->used->ring[vq->last_used & (vq->size - 1)].id;
  e.len = vq->used->ring[vq->last_used & (vq->size - 1)].len;
  vq->last_used++;
  if (e.id >= vq->size || !vq->cookie[e.id]) {
    virtq_bad_used++;
    return NULL;
  }
  void *cookie = vq->cookie[e.id];
  vq->cookie[e.id] = NULL;
  /* Return the chain to the free list. */
  uint16_t d = (uint16_t)e.id, n = 1;
  while ((vq->desc[d].flags & VIRTQ_DESC_F_NEXT) && n < vq->size) {
    d = vq->desc[d].next;
    n++;
  }
  vq->desc[d].next = vq->free_head;
  vq->free_head = (uint16_t)e.id;
  vq->num_free = (uint16_t)(vq->num_free + n);
  vq->completed++;
  if (len) *len = e.len;
  return cookie;
}
