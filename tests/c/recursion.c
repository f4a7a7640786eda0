/* Deep and branching recursion with known results: exercises calls, the stack and spills. */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"

static uint32_t ackermann(uint32_t m, uint32_t n) {
  if (m == 0) return n + 1;
  if (n == 0) return ackermann(m - 1, 1);
  return ackermann(m - 1, ackermann(m, n - 1));
}

static uint32_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

/* Number of ways to place n queens: columns/diagonals taken are bit masks. */
static uint32_t queens(uint32_t n, uint32_t row, uint32_t cols, uint32_t diag1, uint32_t diag2) {
  if (row == n) return 1;
  uint32_t count = 0;
  uint32_t free_squares = ~(cols | diag1 | diag2) & ((1u << n) - 1);
  while (free_squares) {
    uint32_t bit = free_squares & -free_squares;
    free_squares -= bit;
    count += queens(n, row + 1, cols | bit, (diag1 | bit) << 1, (diag2 | bit) >> 1);
  }
  return count;
}

struct node {
  struct node *left, *right;
  uint32_t value;
};

/* A complete tree of the given depth whose values are the nodes' heap indices. */
static struct node *build_tree(uint32_t depth, uint32_t index) {
  if (depth == 0) return NULL;
  struct node *n = malloc(sizeof *n);
  CHECK(n != NULL, 20);
  n->value = index;
  n->left = build_tree(depth - 1, 2 * index);
  n->right = build_tree(depth - 1, 2 * index + 1);
  return n;
}

static uint32_t tree_sum(const struct node *n) {
  return n ? n->value + tree_sum(n->left) + tree_sum(n->right) : 0;
}

static uint32_t tree_height(const struct node *n) {
  if (!n) return 0;
  uint32_t l = tree_height(n->left), r = tree_height(n->right);
  return 1 + (l > r ? l : r);
}

static void free_tree(struct node *n) {
  if (!n) return;
  free_tree(n->left);
  free_tree(n->right);
  free(n);
}

static uint32_t hanoi_moves(uint32_t disks, int from, int to, int via) {
  if (disks == 0) return 0;
  return hanoi_moves(disks - 1, from, via, to) + 1 + hanoi_moves(disks - 1, via, to, from);
}

/* Mutual recursion that the compiler cannot turn into a loop through the volatile depth. */
static volatile uint32_t deepest;
static int is_odd(uint32_t n, uint32_t depth);
static int is_even(uint32_t n, uint32_t depth) {
  if (depth > deepest) deepest = depth;
  return n == 0 ? 1 : is_odd(n - 1, depth + 1);
}
static int is_odd(uint32_t n, uint32_t depth) { return n == 0 ? 0 : is_even(n - 1, depth + 1); }

int main(void) {
  CHECK_EQ(ackermann(2, 3), 9, 1);
  CHECK_EQ(ackermann(3, 3), 61, 2);
  CHECK_EQ(fib(20), 6765, 3);
  CHECK_EQ(queens(6, 0, 0, 0, 0), 4, 4);
  CHECK_EQ(queens(8, 0, 0, 0, 0), 92, 5);
  CHECK_EQ(hanoi_moves(12, 1, 3, 2), 4095, 6);

  struct node *root = build_tree(9, 1);
  /* Indices 1..511 all appear once. */
  CHECK_EQ(tree_sum(root), 511 * 512 / 2, 7);
  CHECK_EQ(tree_height(root), 9, 8);
  free_tree(root);

  CHECK(is_even(600, 0), 9);
  CHECK(!is_odd(600, 0), 10);
  CHECK_EQ(deepest, 600, 11);

  printf("ackermann(3,3)=%" PRIu32 " fib(20)=%" PRIu32 " queens(8)=%" PRIu32 "\n", ackermann(3, 3),
         fib(20), queens(8, 0, 0, 0, 0));
  printf("PASS recursion\n");
  return 0;
}
