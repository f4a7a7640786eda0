/* The few <string.h> functions the freestanding guest code needs (the compiler may also emit calls
 * to memcpy/memset/memmove/memcmp on its own, so they must exist with these names). */
#ifndef GUEST_KSTRING_H
#define GUEST_KSTRING_H

#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);

/* Parses an unsigned number: decimal, or hex with 0x; an optional K/M/G suffix multiplies by
 * 1024^n. Returns 0 and sets *out, or -1 if s is not entirely such a number. */
int parse_size(const char *s, unsigned long long *out);

#endif
