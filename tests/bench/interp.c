/* A small stack-machine interpreter running a bytecode program (the total number of Collatz
 * steps for 1..LIMIT): indirect, hard-to-predict dispatch, and many short loads and stores. */
#include "bench.h"

#define LIMIT 120                      /* models.py: sized for about 1.5 M instructions */
#define EXPECTED_TOTAL 4073u           /* models.py */
#define STACK_DEPTH 16

enum op { PUSH, LOAD, STORE, ADD, MUL, AND, SHR, LT, EQ, JZ, JMP, HALT };

/* Variables of the program. */
enum { VAR_N, VAR_X, VAR_TOTAL, VARS };

struct insn {
  uint8_t op;
  int32_t arg;
};

/* total = 0
 * for (n = 1; n < LIMIT + 1; n++)
 *   for (x = n; x != 1; total++) x = (x & 1) ? 3 * x + 1 : x >> 1;
 * The labels are the indices of the instructions they name. */
enum { OUTER = 4, INNER = 10, BODY = 15, EVEN = 25, SET_X = 27, NEXT = 33, DONE = 38 };
static const struct insn program[] = {
    /*  0       */ {PUSH, 0}, {STORE, VAR_TOTAL}, {PUSH, 1}, {STORE, VAR_N},
    /*  4 OUTER */ {LOAD, VAR_N}, {PUSH, LIMIT + 1}, {LT, 0}, {JZ, DONE},
    /*  8       */ {LOAD, VAR_N}, {STORE, VAR_X},
    /* 10 INNER */ {LOAD, VAR_X}, {PUSH, 1}, {EQ, 0}, {JZ, BODY}, {JMP, NEXT},
    /* 15 BODY  */ {LOAD, VAR_X}, {PUSH, 1}, {AND, 0}, {JZ, EVEN},
    /* 19       */ {LOAD, VAR_X}, {PUSH, 3}, {MUL, 0}, {PUSH, 1}, {ADD, 0}, {JMP, SET_X},
    /* 25 EVEN  */ {LOAD, VAR_X}, {SHR, 1},
    /* 27 SET_X */ {STORE, VAR_X}, {LOAD, VAR_TOTAL}, {PUSH, 1}, {ADD, 0}, {STORE, VAR_TOTAL},
    /* 32       */ {JMP, INNER},
    /* 33 NEXT  */ {LOAD, VAR_N}, {PUSH, 1}, {ADD, 0}, {STORE, VAR_N}, {JMP, OUTER},
    /* 38 DONE  */ {LOAD, VAR_TOTAL}, {HALT, 0},
};

/* Returns the value on top of the stack at HALT; a malformed program exits with code 10/11. */
static int32_t run(const struct insn *code, uint32_t *executed) {
  int32_t stack[STACK_DEPTH];
  int32_t vars[VARS] = {0};
  int sp = 0;
  uint32_t pc = 0, count = 0;
  for (;;) {
    const struct insn *in = &code[pc++];
    count++;
    switch (in->op) {
      case PUSH: stack[sp++] = in->arg; break;
      case LOAD: stack[sp++] = vars[in->arg]; break;
      case STORE: vars[in->arg] = stack[--sp]; break;
      case ADD: sp--; stack[sp - 1] += stack[sp]; break;
      case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
      case AND: sp--; stack[sp - 1] &= stack[sp]; break;
      case SHR: stack[sp - 1] = (int32_t)((uint32_t)stack[sp - 1] >> in->arg); break;
      case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
      case EQ: sp--; stack[sp - 1] = stack[sp - 1] == stack[sp]; break;
      case JZ: if (stack[--sp] == 0) pc = (uint32_t)in->arg; break;
      case JMP: pc = (uint32_t)in->arg; break;
      case HALT: *executed = count; return stack[sp - 1];
      default: CHECK(0, 10);
    }
    CHECK(sp >= 0 && sp < STACK_DEPTH, 11);
  }
}

int main(void) {
  CHECK_EQ(sizeof program / sizeof program[0], DONE + 2, 1);  /* the labels still line up */

  uint32_t executed;
  bm_perf_t start = bm_perf_now();
  int32_t total = run(program, &executed);
  bm_perf_t kernel = bm_perf_since(start);

  printf("collatz steps for 1..%d: %" PRId32 " (%" PRIu32 " bytecodes)\n", LIMIT, total, executed);
  CHECK_EQ(total, EXPECTED_TOTAL, 2);
  bench_report("interp", kernel);
  return 0;
}
