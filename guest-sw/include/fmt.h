/* Small printf-style formatter shared by the guest kernel and user programs (freestanding).
 *
 * Supported: %d %i %u %x %X %p %s %c %%, the length modifiers l and ll, a field width, the flags
 * '0' and '-', and '*' for the width. No floating point. Output is always NUL-terminated when
 * size > 0; the return value is the length the full output would have had (like snprintf). */
#ifndef GUEST_FMT_H
#define GUEST_FMT_H

#include <stdarg.h>
#include <stddef.h>

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
