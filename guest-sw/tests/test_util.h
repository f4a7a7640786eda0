/* Minimal check macros for the guest kernel's host unit tests. */
#ifndef GUEST_TEST_UTIL_H
#define GUEST_TEST_UTIL_H

#include <stdio.h>
#include <stdlib.h>

static int test_failures;

#define CHECK(cond)                                                               \
  do {                                                                            \
    if (!(cond)) {                                                                \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);    \
      test_failures++;                                                            \
    }                                                                             \
  } while (0)
#define CHECK_EQ(a, b)                                                                        \
  do {                                                                                        \
    long long va_ = (long long)(a), vb_ = (long long)(b);                                     \
    if (va_ != vb_) {                                                                         \
      fprintf(stderr, "%s:%d: CHECK_EQ failed: %s = %lld, %s = %lld\n", __FILE__, __LINE__, #a, \
              va_, #b, vb_);                                                                  \
      test_failures++;                                                                        \
    }                                                                                         \
  } while (0)

static inline int test_report(const char *name) {
  if (test_failures) {
    fprintf(stderr, "FAIL %s: %d check(s) failed\n", name, test_failures);
    return 1;
  }
  printf("PASS %s\n", name);
  return 0;
}

#endif
