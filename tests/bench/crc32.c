/* CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320) over a pseudo-random buffer, computed
 * bit by bit and with a 256-entry table: shifts, xors, data-dependent branches, byte loads and
 * table lookups. */
#include <stddef.h>

#include "bench.h"

#define BUFFER_BYTES 8192
#define TABLE_PASSES 12
#define POLY 0xedb88320u
#define EXPECTED_BITWISE 0xcc770bbdu  /* models.py: CRC of the buffer */
#define EXPECTED_TABLE 0x883e5559u    /* models.py: CRC of the buffer repeated TABLE_PASSES times */

static uint8_t buffer[BUFFER_BYTES];
static uint32_t table[256];

/* Both take and return the CRC register without the final inversion, so calls chain. */
static uint32_t crc_bitwise(uint32_t crc, const uint8_t *data, size_t length) {
  while (length--) {
    crc ^= *data++;
    for (int bit = 0; bit < 8; bit++) crc = (crc & 1) ? (crc >> 1) ^ POLY : crc >> 1;
  }
  return crc;
}

static void make_table(void) {
  for (uint32_t byte = 0; byte < 256; byte++) table[byte] = crc_bitwise(0, (const uint8_t[]){(uint8_t)byte}, 1);
}

static uint32_t crc_table(uint32_t crc, const uint8_t *data, size_t length) {
  while (length--) crc = (crc >> 8) ^ table[(crc ^ *data++) & 0xff];
  return crc;
}

int main(void) {
  uint32_t seed = 0x2545f491u;
  for (size_t i = 0; i < BUFFER_BYTES; i++) buffer[i] = (uint8_t)(bench_random(&seed) >> 24);

  bm_perf_t start = bm_perf_now();
  make_table();
  uint32_t bitwise = ~crc_bitwise(~0u, buffer, BUFFER_BYTES);
  uint32_t tabled = ~0u;
  for (int pass = 0; pass < TABLE_PASSES; pass++) tabled = crc_table(tabled, buffer, BUFFER_BYTES);
  tabled = ~tabled;
  bm_perf_t kernel = bm_perf_since(start);

  static const uint8_t check_string[] = "123456789";  /* the standard check value */
  CHECK_EQ(~crc_bitwise(~0u, check_string, 9), 0xcbf43926u, 1);
  CHECK_EQ(~crc_table(~0u, check_string, 9), 0xcbf43926u, 2);
  CHECK_EQ(bitwise, EXPECTED_BITWISE, 3);
  CHECK_EQ(tabled, EXPECTED_TABLE, 4);
  printf("crc32 0x%08" PRIx32 " x%d 0x%08" PRIx32 "\n", bitwise, TABLE_PASSES, tabled);
  bench_report("crc32", kernel);
  return 0;
}
