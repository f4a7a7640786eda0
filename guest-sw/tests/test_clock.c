/* Clock replacement: second chance, victim order, hand movement, no candidates. */
#include <stdint.h>
#include <string.h>

#include "clock.h"
#include "test_util.h"

#define N 8
static int candidate[N], referenced[N], probes;

static enum clock_probe probe(void *ctx, uint32_t i) {
  (void)ctx;
  probes++;
  if (!candidate[i]) return CLOCK_SKIP;
  if (referenced[i]) {
    referenced[i] = 0;
    return CLOCK_REFERENCED;
  }
  return CLOCK_VICTIM;
}

int main(void) {
  clock_policy_t c;
  clock_init(&c, N);
  /* No candidates at all: -1 after a bounded scan. */
  probes = 0;
  CHECK_EQ(clock_select(&c, probe, NULL), -1);
  CHECK(probes <= 2 * N + 1);

  /* All candidates, all referenced: one sweep clears, then the hand's first frame goes. */
  for (int i = 0; i < N; i++) candidate[i] = referenced[i] = 1;
  clock_init(&c, N);
  CHECK_EQ(clock_select(&c, probe, NULL), 0);
  CHECK_EQ(c.second_chances, N);
  for (int i = 0; i < N; i++) CHECK_EQ(referenced[i], 0);
  /* Then the following frames in order, one probe each. */
  probes = 0;
  CHECK_EQ(clock_select(&c, probe, NULL), 1);
  CHECK_EQ(clock_select(&c, probe, NULL), 2);
  CHECK_EQ(probes, 2);

  /* A referenced page survives; the unreferenced one after it is taken. */
  clock_init(&c, N);
  for (int i = 0; i < N; i++) referenced[i] = 1;
  referenced[5] = 0;
  CHECK_EQ(clock_select(&c, probe, NULL), 5);
  CHECK_EQ(c.hand, 6);
  for (int i = 0; i < 5; i++) CHECK_EQ(referenced[i], 0); /* lost their second chance */
  CHECK_EQ(referenced[6], 1);
  /* Re-referencing 0 protects it on the next lap; 6 and 7 are still referenced -> cleared,
   * 0 referenced -> cleared, 1 is the victim. */
  referenced[0] = 1;
  CHECK_EQ(clock_select(&c, probe, NULL), 1);

  /* Skipped frames are never chosen. */
  clock_init(&c, N);
  memset(referenced, 0, sizeof referenced);
  for (int i = 0; i < N; i++) candidate[i] = (i == 3 || i == 7);
  CHECK_EQ(clock_select(&c, probe, NULL), 3);
  CHECK_EQ(clock_select(&c, probe, NULL), 7);
  CHECK_EQ(clock_select(&c, probe, NULL), 3); /* wraps */
  CHECK_EQ(c.victims, 3);

  clock_policy_t empty;
  clock_init(&empty, 0);
  CHECK_EQ(clock_select(&empty, probe, NULL), -1);
  return test_report("guest_clock");
}
