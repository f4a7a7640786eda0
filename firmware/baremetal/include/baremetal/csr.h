/* Control and status registers: generic access and the performance counters. */
#ifndef BAREMETAL_CSR_H
#define BAREMETAL_CSR_H

#include <stdint.h>

/* The CSR name is pasted into the instruction, so it must be a literal name such as mstatus. */
#define bm_csr_read(csr) __extension__({                             \
    uint32_t bm_csr_value_;                                          \
    __asm__ volatile("csrr %0, " #csr : "=r"(bm_csr_value_));        \
    bm_csr_value_; })
#define bm_csr_write(csr, value) \
    __asm__ volatile("csrw " #csr ", %0" : : "r"((uint32_t)(value)) : "memory")
#define bm_csr_set(csr, bits) \
    __asm__ volatile("csrs " #csr ", %0" : : "r"((uint32_t)(bits)) : "memory")
#define bm_csr_clear(csr, bits) \
    __asm__ volatile("csrc " #csr ", %0" : : "r"((uint32_t)(bits)) : "memory")

/* 64-bit counters on RV32 are two CSRs; re-read the high half until it did not change across
 * the low read, otherwise a carry between the two reads gives a value off by 2^32. */
#define BM_CSR_READ64(lo, hi) __extension__({                        \
    uint32_t bm_hi_, bm_lo_, bm_hi2_;                                \
    do {                                                             \
      __asm__ volatile("csrr %0, " #hi : "=r"(bm_hi_));              \
      __asm__ volatile("csrr %0, " #lo : "=r"(bm_lo_));              \
      __asm__ volatile("csrr %0, " #hi : "=r"(bm_hi2_));             \
    } while (bm_hi_ != bm_hi2_);                                     \
    ((uint64_t)bm_hi_ << 32) | bm_lo_; })

static inline uint64_t bm_read_mcycle(void) { return BM_CSR_READ64(mcycle, mcycleh); }
static inline uint64_t bm_read_minstret(void) { return BM_CSR_READ64(minstret, minstreth); }

/* Low halves only: one instruction, for short intervals (wrap after 2^32). */
static inline uint32_t bm_read_mcycle32(void) { return bm_csr_read(mcycle); }
static inline uint32_t bm_read_minstret32(void) { return bm_csr_read(minstret); }

/* A snapshot of both counters, for measuring a stretch of code. */
typedef struct bm_perf {
  uint64_t cycles;
  uint64_t instret;
} bm_perf_t;

static inline bm_perf_t bm_perf_now(void) {
  bm_perf_t p;
  p.cycles = bm_read_mcycle();
  p.instret = bm_read_minstret();
  return p;
}

/* Counter deltas since `start`. */
static inline bm_perf_t bm_perf_since(bm_perf_t start) {
  bm_perf_t now = bm_perf_now();
  now.cycles -= start.cycles;
  now.instret -= start.instret;
  return now;
}

/* misa as an ISA string such as "rv32imasu" (buf needs 32 bytes); returns buf. */
char *bm_isa_string(char *buf, unsigned size);

#endif
