/* The heap (malloc, calloc, realloc, free, running out of memory) and <string.h>/<stdlib.h>. */
#define _POSIX_C_SOURCE 200809L  /* strdup */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#define BLOCKS 48

static uint8_t pattern(unsigned block, unsigned i) { return (uint8_t)(block * 31 + i * 7 + 1); }

static int compare_ints(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

static void test_heap(void) {
  uint8_t *blocks[BLOCKS];
  size_t sizes[BLOCKS];
  for (unsigned b = 0; b < BLOCKS; b++) {
    sizes[b] = 1 + (b * 37) % 300;
    blocks[b] = malloc(sizes[b]);
    CHECK(blocks[b] != NULL, 1);
    CHECK(((uintptr_t)blocks[b] & 7) == 0, 2);  /* malloc memory is suitably aligned */
    for (size_t i = 0; i < sizes[b]; i++) blocks[b][i] = pattern(b, i);
  }
  /* Free every other block, then allocate into the holes: nothing else may change. */
  for (unsigned b = 0; b < BLOCKS; b += 2) free(blocks[b]);
  for (unsigned b = 0; b < BLOCKS; b += 2) {
    blocks[b] = calloc(sizes[b], 1);
    CHECK(blocks[b] != NULL, 3);
    for (size_t i = 0; i < sizes[b]; i++) CHECK(blocks[b][i] == 0, 4);
    for (size_t i = 0; i < sizes[b]; i++) blocks[b][i] = pattern(b, i);
  }
  for (unsigned b = 1; b < BLOCKS; b += 2) {
    uint8_t *grown = realloc(blocks[b], sizes[b] + 500);
    CHECK(grown != NULL, 5);
    blocks[b] = grown;
  }
  for (unsigned b = 0; b < BLOCKS; b++) {
    for (size_t i = 0; i < sizes[b]; i++) CHECK_EQ(blocks[b][i], pattern(b, i), 6);
    free(blocks[b]);
  }

  /* The heap is a few tens of KiB: a megabyte must fail cleanly (errno lives in TLS). */
  errno = 0;
  void *huge = malloc(1u << 20);
  CHECK(huge == NULL, 7);
  CHECK_EQ(errno, ENOMEM, 8);
  void *again = malloc(1000);  /* and the heap still works afterwards */
  CHECK(again != NULL, 9);
  free(again);
}

static void test_strings(void) {
  char buf[64];
  strcpy(buf, "bare");
  strcat(buf, "-metal");
  CHECK_EQ(strlen(buf), 10, 20);
  CHECK(strcmp(buf, "bare-metal") == 0, 21);
  CHECK(strcmp("abc", "abd") < 0 && strcmp("abd", "abc") > 0, 22);
  CHECK(strncmp("prefix-one", "prefix-two", 7) == 0, 23);
  CHECK(strchr(buf, '-') == buf + 4 && strrchr("a/b/c", '/') != NULL, 24);
  CHECK(strstr("the quick brown fox", "brown") != NULL, 25);
  CHECK(strstr("the quick brown fox", "browm") == NULL, 26);

  memset(buf, 'x', sizeof buf);
  strncpy(buf, "ab", 5);  /* pads with NULs to n */
  CHECK(buf[0] == 'a' && buf[2] == 0 && buf[4] == 0 && buf[5] == 'x', 27);

  /* memmove with overlap in both directions, memcpy at odd offsets. */
  char m[] = "0123456789";
  memmove(m + 2, m, 5);
  CHECK(strcmp(m, "0101234789") == 0, 28);
  memmove(m, m + 3, 5);
  CHECK(strcmp(m, "1234734789") == 0, 29);
  char src[40], dst[40];
  for (int i = 0; i < 40; i++) src[i] = (char)('A' + i % 26);
  memcpy(dst + 3, src + 1, 30);
  CHECK(memcmp(dst + 3, src + 1, 30) == 0, 30);

  char *copy = strdup("duplicated");
  CHECK(copy != NULL && strcmp(copy, "duplicated") == 0, 31);
  free(copy);

  char *end;
  CHECK_EQ(strtol("  -1234xyz", &end, 10), -1234, 32);
  CHECK(*end == 'x', 33);
  CHECK_EQ(strtoul("0xBEEF", NULL, 16), 0xbeef, 34);
  CHECK_EQ(strtoul("777", NULL, 8), 511, 35);
  CHECK_EQ(atoi("42"), 42, 36);

  char words[] = "alpha,beta,,gamma";
  const char *expected[] = {"alpha", "beta", "gamma"};
  int count = 0;
  for (char *tok = strtok(words, ","); tok; tok = strtok(NULL, ",")) {
    CHECK(count < 3 && strcmp(tok, expected[count]) == 0, 37);
    count++;
  }
  CHECK_EQ(count, 3, 38);

  int numbers[] = {42, -7, 1000, 0, 3, 3, -100};
  qsort(numbers, 7, sizeof numbers[0], compare_ints);
  static const int sorted[] = {-100, -7, 0, 3, 3, 42, 1000};
  CHECK(memcmp(numbers, sorted, sizeof sorted) == 0, 39);
  int key = 42;
  CHECK(bsearch(&key, numbers, 7, sizeof numbers[0], compare_ints) == &numbers[5], 40);
}

int main(void) {
  test_heap();
  test_strings();
  printf("PASS malloc_string\n");
  return 0;
}
