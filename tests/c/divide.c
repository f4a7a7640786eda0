/* The M extension's division corner cases, which C leaves undefined but RISC-V defines:
 * no trap, quotient all ones and remainder the dividend on /0, and INT_MIN / -1 == INT_MIN.
 * The operands are volatile so that the compiler emits div/rem instead of folding them. */
#include <limits.h>
#include <stdint.h>

#include "check.h"

static volatile int32_t s_zero = 0, s_minus_one = -1, s_min = INT32_MIN, s_seven = 7, s_m7 = -7;
static volatile uint32_t u_zero = 0, u_big = 0xfffffff0u, u_seven = 7;

static int32_t sdiv(int32_t a, int32_t b) {
  int32_t q;
  __asm__ volatile("div %0, %1, %2" : "=r"(q) : "r"(a), "r"(b));
  return q;
}
static int32_t srem(int32_t a, int32_t b) {
  int32_t r;
  __asm__ volatile("rem %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
  return r;
}
static uint32_t udiv(uint32_t a, uint32_t b) {
  uint32_t q;
  __asm__ volatile("divu %0, %1, %2" : "=r"(q) : "r"(a), "r"(b));
  return q;
}
static uint32_t urem(uint32_t a, uint32_t b) {
  uint32_t r;
  __asm__ volatile("remu %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
  return r;
}

int main(void) {
  /* Division by zero, through the C operators: undefined in C, but with volatile operands the
   * compiler must emit the instruction and the hardware's answer is what comes back. */
  CHECK_EQ(u_seven / u_zero, 0xffffffffu, 1);
  CHECK_EQ(u_big % u_zero, 0xfffffff0u, 2);
  CHECK_EQ(s_seven / s_zero, -1, 3);
  CHECK_EQ(s_m7 % s_zero, -7, 4);
  CHECK_EQ(s_min / s_minus_one, INT32_MIN, 5);
  CHECK_EQ(s_min % s_minus_one, 0, 6);

  /* The same through the instructions themselves, where no compiler reasoning can interfere. */
  CHECK_EQ(udiv(u_seven, u_zero), 0xffffffffu, 19);
  CHECK_EQ(urem(u_seven, u_zero), 7, 20);
  CHECK_EQ(sdiv(s_seven, s_zero), -1, 21);
  CHECK_EQ(sdiv(s_m7, s_zero), -1, 22);
  CHECK_EQ(srem(s_seven, s_zero), 7, 7);
  CHECK_EQ(srem(s_m7, s_zero), -7, 8);

  /* Signed overflow. */
  CHECK_EQ(sdiv(s_min, s_minus_one), INT32_MIN, 9);
  CHECK_EQ(srem(s_min, s_minus_one), 0, 10);

  /* Rounding toward zero and the sign of the remainder (C99 semantics, via the C operators). */
  CHECK_EQ(s_m7 / 2, -3, 11);
  CHECK_EQ(s_m7 % 2, -1, 12);
  CHECK_EQ(s_seven / -2, -3, 13);
  CHECK_EQ(s_seven % -2, 1, 14);
  CHECK_EQ(u_big / 16u, 0x0fffffffu, 15);

  /* The high halves of products. */
  volatile int32_t a = -2, b = INT32_MAX;
  volatile uint32_t ua = 0xffffffffu, ub = 0xffffffffu;
  CHECK_EQ((uint32_t)(((int64_t)a * b) >> 32), 0xffffffffu, 16);       /* mulh */
  CHECK_EQ((uint32_t)(((uint64_t)ua * ub) >> 32), 0xfffffffeu, 17);     /* mulhu */
  CHECK_EQ((uint32_t)(((int64_t)a * (uint64_t)ub) >> 32), 0xfffffffeu, 18); /* mulhsu */

  printf("7/0=%" PRId32 " 7%%0=%" PRId32 " INT_MIN/-1=%" PRId32 " INT_MIN%%-1=%" PRId32 "\n",
         sdiv(s_seven, s_zero), srem(s_seven, s_zero), sdiv(s_min, s_minus_one),
         srem(s_min, s_minus_one));
  printf("PASS divide\n");
  return 0;
}
