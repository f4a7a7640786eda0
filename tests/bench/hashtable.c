/* A string-keyed hash table (FNV-1a, open addressing with linear probing) counting words, then
 * looked up with a second word list: byte loops, string compares, irregular memory access. */
#include <string.h>

#include "bench.h"

#define WORDS 2000
#define WORD_SIZE 8                   /* up to 5 letters and the NUL, padded */
#define ROUNDS 4                      /* the kernel runs this many times over a cleared table */
#define SLOTS 2048                    /* a power of two, comfortably above the distinct words */
#define EXPECTED_DISTINCT 1271u       /* models.py */
#define EXPECTED_HITS 992u            /* models.py */
#define EXPECTED_SIGNATURE 0xa44051e8u  /* models.py: FNV-1a over (slot, count) of used slots */

struct slot {
  char key[WORD_SIZE];
  uint32_t count;  /* 0 = empty */
};

static char inserted[WORDS][WORD_SIZE];
static char looked_up[WORDS][WORD_SIZE];
static struct slot table[SLOTS];

static uint32_t fnv1a(const char *s) {
  uint32_t h = 2166136261u;
  while (*s) h = (h ^ (uint8_t)*s++) * 16777619u;
  return h;
}

/* The slot holding `key`, or the empty slot where it belongs. */
static struct slot *find(const char *key) {
  uint32_t i = fnv1a(key) & (SLOTS - 1);
  while (table[i].count != 0 && strcmp(table[i].key, key) != 0) i = (i + 1) & (SLOTS - 1);
  return &table[i];
}

/* Words of 2..5 letters from a 7-letter alphabet, so that many repeat. */
static void make_words(char words[][WORD_SIZE], uint32_t *seed) {
  for (int w = 0; w < WORDS; w++) {
    uint32_t length = 2 + (bench_random(seed) & 3);
    memset(words[w], 0, WORD_SIZE);
    for (uint32_t i = 0; i < length; i++) words[w][i] = (char)('a' + (bench_random(seed) >> 16) % 7);
  }
}

int main(void) {
  uint32_t seed = 0xc0ffee11u;
  make_words(inserted, &seed);
  make_words(looked_up, &seed);

  uint32_t distinct = 0, hits = 0;
  bm_perf_t start = bm_perf_now();
  for (int round = 0; round < ROUNDS; round++) {
    memset(table, 0, sizeof table);
    distinct = 0;
    for (int w = 0; w < WORDS; w++) {
      struct slot *s = find(inserted[w]);
      if (s->count == 0) {
        strcpy(s->key, inserted[w]);
        distinct++;
      }
      s->count++;
    }
    hits = 0;
    for (int w = 0; w < WORDS; w++) hits += find(looked_up[w])->count != 0;
  }
  bm_perf_t kernel = bm_perf_since(start);

  uint32_t total = 0, signature = 2166136261u;
  for (uint32_t i = 0; i < SLOTS; i++) {
    if (table[i].count == 0) continue;
    total += table[i].count;
    signature = (signature ^ i) * 16777619u;
    signature = (signature ^ table[i].count) * 16777619u;
  }
  printf("%" PRIu32 " distinct of %d words, %" PRIu32 " hits, signature 0x%08" PRIx32 "\n", distinct,
         WORDS, hits, signature);
  CHECK_EQ(total, WORDS, 1);
  CHECK_EQ(distinct, EXPECTED_DISTINCT, 2);
  CHECK_EQ(hits, EXPECTED_HITS, 3);
  CHECK_EQ(signature, EXPECTED_SIGNATURE, 4);
  bench_report("hashtable", kernel);
  return 0;
}
