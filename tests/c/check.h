/* Self-checking helpers shared by the C test programs and the benchmarks.
 *
 * A failed check prints one "FAIL ..." line and exits with the check's code, so CTest sees both a
 * distinct exit status and the reason. Codes are 1..255: simulators and QEMU report the
 * finisher's code as the process exit status, which keeps only 8 bits. */
#ifndef TESTS_CHECK_H
#define TESTS_CHECK_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdnoreturn.h>

/* The file name without its directory, where the compiler offers it. */
#ifdef __FILE_NAME__
#define CHECK_FILE __FILE_NAME__
#else
#define CHECK_FILE __FILE__
#endif

static inline noreturn void check_failed(int code, const char *what, const char *file, int line) {
  printf("FAIL %s:%d: %s (exit %d)\n", file, line, what, code);
  exit(code);
}

#define CHECK(cond, code) \
  do { if (!(cond)) check_failed((code), #cond, CHECK_FILE, __LINE__); } while (0)

/* Compares 32-bit values and prints both on a mismatch. */
#define CHECK_EQ(actual, expected, code)                                                  \
  do {                                                                                    \
    uint32_t check_a_ = (uint32_t)(actual), check_e_ = (uint32_t)(expected);              \
    if (check_a_ != check_e_) {                                                           \
      printf("FAIL %s:%d: %s = 0x%08" PRIx32 ", expected 0x%08" PRIx32 " (exit %d)\n",    \
             CHECK_FILE, __LINE__, #actual, check_a_, check_e_, (code));                    \
      exit(code);                                                                         \
    }                                                                                     \
  } while (0)

#endif
