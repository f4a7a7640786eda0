/* Split virtqueue ring logic against a fake device in host memory. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"
#include "virtqueue.h"

static int notifies;
static void notify(virtq_t *vq) {
  (void)vq;
  notifies++;
}

/* The fake device: consumes every available request, fills device-writable buffers with 0xA5,
 * and returns the number of bytes written. */
static uint16_t dev_last_avail;
static void device_run(virtq_t *vq, int max) {
  while (dev_last_avail != vq->avail->idx && max-- > 0) {
    uint16_t head = vq->avail->ring[dev_last_avail % vq->size];
    uint32_t written = 0;
    uint16_t d = head;
    for (int n = 0; n < vq->size; n++) {
      volatile struct virtq_desc *desc = &vq->desc[d];
      if (desc->flags & VIRTQ_DESC_F_WRITE) {
        memset((void *)(uintptr_t)desc->addr, 0xA5, desc->len);
        written += desc->len;
      }
      if (!(desc->flags & VIRTQ_DESC_F_NEXT)) break;
      d = desc->next;
    }
    uint16_t ui = vq->used->idx;
    vq->used->ring[ui % vq->size].id = head;
    vq->used->ring[ui % vq->size].len = written;
    vq->used->idx = (uint16_t)(ui + 1);
    dev_last_avail++;
  }
}

int main(void) {
  static virtq_t vq;
  void *mem = aligned_alloc(4096, 4096);
  CHECK(virtq_mem_size(128) <= 4096);
  CHECK_EQ(virtq_init(&vq, 0, 100, mem, (uintptr_t)mem, notify), -1); /* not a power of 2 */
  CHECK_EQ(virtq_init(&vq, 0, 256, mem, (uintptr_t)mem, notify), -1);
  CHECK_EQ(virtq_init(&vq, 0, 0, mem, (uintptr_t)mem, notify), -1);
  CHECK_EQ(virtq_init(&vq, 0, 8, mem, (uintptr_t)mem, notify), 0);
  CHECK_EQ(virtq_num_free(&vq), 8);
  CHECK_EQ(vq.avail_pa - vq.desc_pa, 16 * 8);
  CHECK_EQ(vq.used_pa % 4, 0);

  uint8_t hdr[16], data[512], status;
  virtq_buf_t out[1] = {{(uintptr_t)hdr, sizeof hdr}};
  virtq_buf_t in[2] = {{(uintptr_t)data, sizeof data}, {(uintptr_t)&status, 1}};
  int cookies[8];
  /* 3 descriptors per request: two fit in 8, the third does not. */
  CHECK(virtq_add(&vq, out, 1, in, 2, &cookies[0]) >= 0);
  CHECK(virtq_add(&vq, out, 1, in, 2, &cookies[1]) >= 0);
  CHECK_EQ(virtq_num_free(&vq), 2);
  CHECK_EQ(virtq_add(&vq, out, 1, in, 2, &cookies[2]), -1);
  CHECK_EQ(virtq_add(&vq, out, 0, in, 0, &cookies[2]), -1);  /* empty */
  CHECK_EQ(virtq_add(&vq, out, 1, NULL, 0, NULL), -1);       /* no cookie */
  CHECK(!virtq_has_used(&vq));
  CHECK(virtq_get_used(&vq, NULL) == NULL);
  virtq_kick(&vq);
  CHECK_EQ(notifies, 1);
  device_run(&vq, 100);
  CHECK(virtq_has_used(&vq));
  uint32_t len = 0;
  CHECK(virtq_get_used(&vq, &len) == &cookies[0]);
  CHECK_EQ(len, 513);
  CHECK_EQ(data[0], 0xA5);
  CHECK_EQ(status, 0xA5);
  CHECK(virtq_get_used(&vq, &len) == &cookies[1]);
  CHECK(virtq_get_used(&vq, &len) == NULL);
  CHECK_EQ(virtq_num_free(&vq), 8);

  /* The device may ask not to be notified. */
  vq.used->flags = 1;
  CHECK(virtq_add(&vq, out, 1, NULL, 0, &cookies[3]) >= 0);
  virtq_kick(&vq);
  CHECK_EQ(notifies, 1);
  vq.used->flags = 0;
  device_run(&vq, 100);
  CHECK(virtq_get_used(&vq, &len) == &cookies[3]);
  CHECK_EQ(len, 0);

  /* Many requests completed in partial batches, across the 16-bit index wrap-around. */
  int outstanding = 0, done = 0;
  for (int round = 0; round < 70000; round++) {
    while (virtq_num_free(&vq) >= 2) {
      CHECK(virtq_add(&vq, out, 1, in, 1, &cookies[round % 8]) >= 0);
      outstanding++;
    }
    device_run(&vq, 1 + round % 3);
    void *c;
    while ((c = virtq_get_used(&vq, &len)) != NULL) {
      outstanding--;
      done++;
    }
  }
  device_run(&vq, 1000);
  while (virtq_get_used(&vq, &len)) outstanding--;
  CHECK_EQ(outstanding, 0);
  CHECK_EQ(virtq_num_free(&vq), 8);
  CHECK(done > 65536);

  /* A misbehaving device: a used id that is not an outstanding head is dropped. */
  uint64_t bad = virtq_bad_used;
  uint16_t ui = vq.used->idx;
  vq.used->ring[ui % 8].id = 5;
  vq.used->ring[ui % 8].len = 1;
  vq.used->idx = (uint16_t)(ui + 1);
  CHECK(virtq_get_used(&vq, &len) == NULL);
  CHECK_EQ(virtq_bad_used, bad + 1);
  ui = vq.used->idx;
  vq.used->ring[ui % 8].id = 999;
  vq.used->idx = (uint16_t)(ui + 1);
  CHECK(virtq_get_used(&vq, &len) == NULL);
  CHECK_EQ(virtq_bad_used, bad + 2);
  CHECK_EQ(virtq_num_free(&vq), 8);
  free(mem);
  return test_report("guest_virtqueue");
}
