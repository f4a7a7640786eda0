/* Memory controller: the scrubber (docs/memctl.md). SCRUB of a range, SCRUB_LIST with a listed
 * MPN beyond memory (skipped, ERROR = BAD_MPN), page boundaries, a FENCE behind a SCRUB, the queue
 * filling up behind a long scrub (QUEUE_FULL, refused command changes nothing), refused scrub
 * commands, and the SCRUB_PAGES / SCRUB_CYCLES counters. */
#include "memctl_test.h"

#define M_S 3000u

static void fill(uint32_t mpn, uint32_t seed) {
  volatile uint32_t *p = (volatile uint32_t *)(uintptr_t)mc_page_addr(mpn);
  for (uint32_t i = 0; i < mc.page / 4; i++) p[i] = seed ^ (i * 0x9e3779b9u) ^ 1u;
}

/* 1 if the page is all zero. */
static int zero(uint32_t mpn) {
  volatile uint32_t *p = (volatile uint32_t *)(uintptr_t)mc_page_addr(mpn);
  for (uint32_t i = 0; i < mc.page / 4; i++) if (p[i]) return 0;
  return 1;
}

/* 1 if the page still holds fill(mpn, seed). */
static int intact(uint32_t mpn, uint32_t seed) {
  volatile uint32_t *p = (volatile uint32_t *)(uintptr_t)mc_page_addr(mpn);
  for (uint32_t i = 0; i < mc.page / 4; i++) if (p[i] != (seed ^ (i * 0x9e3779b9u) ^ 1u)) return 0;
  return 1;
}

int main(void) {
  mc_probe();
  printf("memctl: org %s, back end %s\n", mc_org_name(), mc_backend_name());
  uint32_t words = mc.page / 4;

  /* SCRUB of two pages; the neighbours stay. */
  for (uint32_t i = 0; i < 4; i++) fill(M_S + i, i);
  mc_wr(MEMCTL_COUNTER_CTRL, 1);
  mc_cmd(MEMCTL_CMD_SCRUB, M_S + 1, 2);
  CHECK(mc_rd(MEMCTL_STATUS) & (MEMCTL_STATUS_SCRUB_BUSY | MEMCTL_STATUS_SCRUB_DONE), 1);
  mc_scrub_wait();
  CHECK(!(mc_rd(MEMCTL_STATUS) & (MEMCTL_STATUS_SCRUB_BUSY | MEMCTL_STATUS_CMD_BUSY)), 2);
  CHECK(intact(M_S, 0), 3);
  CHECK(zero(M_S + 1), 4);
  CHECK(zero(M_S + 2), 5);
  CHECK(intact(M_S + 3, 3), 6);
  CHECK_EQ(mc_rd(MEMCTL_CNT_SCRUB_PAGES), 2, 7);
  uint32_t cyc = mc_rd(MEMCTL_CNT_SCRUB_CYCLES);
  printf("SCRUB 2 pages: SCRUB_CYCLES = %" PRIu32 " (%" PRIu32 " words)\n", cyc, 2 * words);
  CHECK(cyc >= 2 * words, 8);
  CHECK_EQ(mc_take_error(), 0, 9);

  /* SCRUB_LIST: [M_S+4, beyond memory, M_S+6]; M_S+5 is not listed. */
  for (uint32_t i = 4; i < 8; i++) fill(M_S + i, i);
  volatile uint32_t *list = (volatile uint32_t *)(uintptr_t)mc_page_addr(M_S + 10);
  list[0] = M_S + 4;
  list[1] = mc.mem_pages + 7;
  list[2] = M_S + 6;
  mc_wr(MEMCTL_COUNTER_CTRL, 1);
  mc_cmd(MEMCTL_CMD_SCRUB_LIST, (uint32_t)(uintptr_t)list, 3);
  mc_scrub_wait();
  CHECK(zero(M_S + 4), 20);
  CHECK(intact(M_S + 5, 5), 21);
  CHECK(zero(M_S + 6), 22);
  CHECK(intact(M_S + 7, 7), 23);
  CHECK_EQ(mc_rd(MEMCTL_CNT_SCRUB_PAGES), 2, 24);
  CHECK_EQ(mc_take_error(), MEMCTL_ERR_BAD_MPN, 25);
  CHECK_EQ(mc_rd(MEMCTL_ERROR), 0, 26);

  /* A FENCE behind a SCRUB completes after it. */
  for (uint32_t i = 0; i < 4; i++) fill(M_S + 20 + i, 20 + i);
  uint32_t seq = mc_rd(MEMCTL_FENCE_SEQ);
  mc_cmd(MEMCTL_CMD_SCRUB, M_S + 20, 4);
  mc_wr(MEMCTL_CMD, MEMCTL_CMD_FENCE);
  while (mc_rd(MEMCTL_FENCE_SEQ) == seq) {
  }
  CHECK(mc_rd(MEMCTL_STATUS) & MEMCTL_STATUS_SCRUB_DONE, 30);
  for (uint32_t i = 0; i < 4; i++) CHECK(zero(M_S + 20 + i), 31);
  mc_wr(MEMCTL_STATUS, MEMCTL_STATUS_SCRUB_DONE | MEMCTL_STATUS_FENCE_DONE);

  /* Queue full: a long SCRUB at the head, then QUEUE_DEPTH - 1 fences fill the queue; the next
   * command is refused with QUEUE_FULL and changes nothing else. */
  seq = mc_rd(MEMCTL_FENCE_SEQ);
  mc_cmd(MEMCTL_CMD_SCRUB, M_S + 30, 8);
  for (uint32_t i = 0; i < MEMCTL_QUEUE_DEPTH - 1; i++) mc_wr(MEMCTL_CMD, MEMCTL_CMD_FENCE);
  uint32_t st = mc_rd(MEMCTL_STATUS);
  CHECK(st & MEMCTL_STATUS_QUEUE_FULL, 40);
  CHECK(st & MEMCTL_STATUS_CMD_BUSY, 41);
  CHECK(st & MEMCTL_STATUS_SCRUB_BUSY, 42);
  CHECK(!(st & MEMCTL_STATUS_ERROR), 43);
  mc_wr(MEMCTL_CMD, MEMCTL_CMD_FENCE);
  CHECK_EQ(mc_rd(MEMCTL_ERROR), MEMCTL_ERR_QUEUE_FULL, 44);
  mc_wr(MEMCTL_CMD, MEMCTL_CMD_INVAL_ALL);     /* a second error does not replace the first */
  CHECK_EQ(mc_rd(MEMCTL_ERROR), MEMCTL_ERR_QUEUE_FULL, 45);
  CHECK_EQ(mc_rd(MEMCTL_FENCE_SEQ), seq, 46);
  mc_scrub_wait();
  while (mc_rd(MEMCTL_STATUS) & MEMCTL_STATUS_CMD_BUSY) {
  }
  CHECK_EQ(mc_rd(MEMCTL_FENCE_SEQ), seq + MEMCTL_QUEUE_DEPTH - 1, 47);   /* the refused one is not */
  CHECK(!(mc_rd(MEMCTL_STATUS) & MEMCTL_STATUS_QUEUE_FULL), 48);
  CHECK_EQ(mc_take_error(), MEMCTL_ERR_QUEUE_FULL, 49);

  /* Refused scrub commands. */
  uint32_t pages = mc_rd(MEMCTL_CNT_SCRUB_PAGES);
  fill(M_S + 40, 40);
  mc_cmd(MEMCTL_CMD_SCRUB, M_S + 40, 0);
  CHECK_EQ(mc_take_error(), MEMCTL_ERR_BAD_MPN, 50);
  mc_cmd(MEMCTL_CMD_SCRUB, mc.mem_pages - 1, 2);
  CHECK_EQ(mc_take_error(), MEMCTL_ERR_BAD_MPN, 51);
  mc_cmd(MEMCTL_CMD_SCRUB, mc.mem_pages, 1);
  CHECK_EQ(mc_take_error(), MEMCTL_ERR_BAD_MPN, 52);
  mc_cmd(MEMCTL_CMD_SCRUB_LIST, (uint32_t)(uintptr_t)list + 2, 1);
  CHECK_EQ(mc_take_error(), MEMCTL_ERR_BAD_ADDR, 53);
  mc_cmd(MEMCTL_CMD_SCRUB_LIST, RAM_BASE - 4, 1);
  CHECK_EQ(mc_take_error(), MEMCTL_ERR_BAD_ADDR, 54);
  mc_cmd(MEMCTL_CMD_SCRUB_LIST, mc_page_addr(mc.mem_pages) - 4, 2);   /* list runs past the end */
  CHECK_EQ(mc_take_error(), MEMCTL_ERR_BAD_ADDR, 55);
  mc_cmd(MEMCTL_CMD_SCRUB_LIST, (uint32_t)(uintptr_t)list, 0);
  CHECK_EQ(mc_take_error(), MEMCTL_ERR_BAD_MPN, 56);
  CHECK(!(mc_rd(MEMCTL_STATUS) & (MEMCTL_STATUS_CMD_BUSY | MEMCTL_STATUS_SCRUB_DONE)), 57);
  CHECK_EQ(mc_rd(MEMCTL_CNT_SCRUB_PAGES), pages, 58);
  CHECK(intact(M_S + 40, 40), 59);

  /* The last page of memory can be scrubbed. */
  fill(mc.mem_pages - 1, 9);
  mc_cmd(MEMCTL_CMD_SCRUB, mc.mem_pages - 1, 1);
  mc_scrub_wait();
  CHECK(zero(mc.mem_pages - 1), 60);
  CHECK_EQ(mc_take_error(), 0, 61);

  printf("PASS memctl_scrub\n");
  return 0;
}
