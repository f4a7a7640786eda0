/* picolibc's formatted output: snprintf into buffers compared with expected strings. */
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "check.h"

#define BUF_SIZE 96

static int cases_run;
static int cases_failed;

/* Records one formatted result; the caller has already formatted into c->text. */
static void expect(const char *got, int got_length, const char *expected) {
  cases_run++;
  int ok = strcmp(got, expected) == 0 && got_length == (int)strlen(expected);
  printf("%-3s [%s]\n", ok ? "ok" : "BAD", got);
  if (!ok) {
    printf("    expected [%s] (length %d, got %d)\n", expected, (int)strlen(expected), got_length);
    cases_failed++;
  }
}

#define EXPECT(expected, ...)                                     \
  do {                                                            \
    char buf_[BUF_SIZE];                                          \
    int n_ = snprintf(buf_, sizeof buf_, __VA_ARGS__);            \
    expect(buf_, n_, (expected));                                 \
  } while (0)

int main(void) {
  EXPECT("42", "%d", 42);
  EXPECT("-2147483648", "%d", INT_MIN);
  EXPECT("2147483647", "%i", INT_MAX);
  EXPECT("4294967295", "%u", UINT_MAX);
  EXPECT("deadbeef DEADBEEF", "%x %X", 0xdeadbeefu, 0xdeadbeefu);
  EXPECT("0x1f 017 0", "%#x %#o %#x", 31u, 15u, 0u);
  EXPECT("[   17] [17   ] [00017]", "[%5d] [%-5d] [%05d]", 17, 17, 17);
  EXPECT("+5 -5  5", "%+d %+d % d", 5, -5, 5);
  EXPECT("[  -42] [-0042]", "[%5d] [%05d]", -42, -42);
  EXPECT("0007 [   007]", "%.4d [%6.3d]", 7, 7);
  EXPECT("[    9] [9    ]", "[%*d] [%-*d]", 5, 9, 5, 9);
  EXPECT("a%c", "%c%%%c", 'a', 'c');
  EXPECT("[hello] [   hi] [hi   ] [hel]", "[%s] [%5s] [%-5s] [%.3s]", "hello", "hi", "hi", "hello");
  EXPECT("-9223372036854775808", "%lld", (long long)INT64_MIN);
  EXPECT("18446744073709551615", "%llu", (unsigned long long)UINT64_MAX);
  EXPECT("123456789abcdef0", "%llx", 0x123456789abcdef0ull);
  EXPECT("-1 65535 255", "%ld %hu %hhu", -1L, (unsigned short)0xffff, (unsigned char)0xff);
  EXPECT("size 12 ptrdiff -3", "size %zu ptrdiff %td", (size_t)12, (ptrdiff_t)-3);
  EXPECT("0x80001000", "%p", (void *)0x80001000u);
  EXPECT("3.142 -0.50 1e+06", "%.3f %.2f %.0e", 3.14159, -0.5, 1e6);
  EXPECT("", "%s", "");

  /* Truncation: the buffer holds size-1 characters, the return value counts them all. */
  char small[8];
  int n = snprintf(small, sizeof small, "%s-%d", "truncate", 12345);
  cases_run++;
  printf("%-3s [%s] returned %d\n", strcmp(small, "truncat") == 0 && n == 14 ? "ok" : "BAD", small, n);
  CHECK(strcmp(small, "truncat") == 0, 2);
  CHECK_EQ(n, 14, 3);

  /* sscanf, the other direction. */
  int a = 0;
  unsigned b = 0;
  char word[16] = "";
  int fields = sscanf("  -321 0x7f tail", "%d %x %15s", &a, &b, word);
  cases_run++;
  CHECK_EQ(fields, 3, 4);
  CHECK_EQ(a, -321, 5);
  CHECK_EQ(b, 0x7f, 6);
  CHECK(strcmp(word, "tail") == 0, 7);

  printf("%d cases, %d wrong\n", cases_run, cases_failed);
  CHECK_EQ(cases_failed, 0, 1);
  printf("PASS printf\n");
  return 0;
}
