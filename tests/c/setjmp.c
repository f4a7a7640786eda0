/* setjmp/longjmp: non-local exits out of deep call chains, the value passed (0 becomes 1),
 * nested jump buffers, and volatile locals keeping values changed after setjmp. */
#include <setjmp.h>
#include <stdint.h>

#include "check.h"

static jmp_buf outer, inner;
static volatile uint32_t frames_entered, frames_left;

/* Recurses with a stack buffer per frame so the jump unwinds real stack, then jumps. */
static void dive(jmp_buf target, uint32_t depth, uint32_t jump_at, int value) {
  volatile uint8_t pad[48];
  pad[depth % sizeof pad] = (uint8_t)depth;
  frames_entered++;
  if (depth == jump_at) longjmp(target, value);
  if (depth > jump_at) return;  /* unreachable; tells the compiler the recursion ends */
  dive(target, depth + 1, jump_at, value);
  frames_left += pad[depth % sizeof pad];  /* never reached */
}

static int sum_with_early_exit(const int *values, int count) {
  volatile int sum = 0;
  if (setjmp(inner) != 0) return -sum;  /* the negated partial sum says where we stopped */
  for (int i = 0; i < count; i++) {
    if (values[i] < 0) longjmp(inner, 1);
    sum += values[i];
  }
  return sum;
}

int main(void) {
  volatile int stage = 0;
  void *frame = __builtin_frame_address(0);

  int r = setjmp(outer);
  if (stage == 0) {
    CHECK_EQ(r, 0, 1);
    stage = 1;
    dive(outer, 0, 40, 1234);
    CHECK(0, 2);  /* dive must not return */
  }
  if (stage == 1) {
    CHECK_EQ(r, 1234, 3);
    CHECK_EQ(frames_entered, 41, 4);
    CHECK_EQ(frames_left, 0, 5);
    stage = 2;
    dive(outer, 0, 3, 0);  /* longjmp with 0 makes setjmp return 1 */
  }
  CHECK_EQ(stage, 2, 6);
  CHECK_EQ(r, 1, 7);
  CHECK(__builtin_frame_address(0) == frame, 8);

  static const int clean[] = {1, 2, 3, 4};
  static const int dirty[] = {5, 6, -1, 7};
  CHECK_EQ(sum_with_early_exit(clean, 4), 10, 9);
  CHECK_EQ(sum_with_early_exit(dirty, 4), -11, 10);

  printf("longjmp over %" PRIu32 " frames\n", frames_entered);
  printf("PASS setjmp\n");
  return 0;
}
