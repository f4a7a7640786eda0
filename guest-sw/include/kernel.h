/* Guest kernel: common definitions, console log, panic, time.
 *
 * Log lines: every klog() line goes to the console as
 *     [<seconds>.<milliseconds>] <subsystem>: <message>
 * e.g. "[    3.140] swap: virtio-blk slot 1: 32768 slots". Seconds are right-aligned in 5
 * columns; the time is the kernel uptime from the timer (see timer.h). Tests parse the regex
 *     ^\[ *([0-9]+)\.([0-9]{3})\] ([a-z0-9_-]+): (.*)$
 */
#ifndef GUEST_KERNEL_H
#define GUEST_KERNEL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fmt.h"
#include "kstring.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(v, a) (((v) + (a) - 1) & ~((a) - 1))
#define ALIGN_DOWN(v, a) ((v) & ~((a) - 1))

/* Errors returned by kernel functions and system calls (negated). */
enum {
  E_OK = 0, E_PERM = 1, E_NOENT = 2, E_IO = 5, E_NOMEM = 12, E_FAULT = 14, E_BUSY = 16,
  E_INVAL = 22, E_NOSPC = 28, E_NOSYS = 38, E_AGAIN = 11,
};

/* Console (console.c): raw output, no prefix. */
void console_write(const char *s, size_t n);
void console_puts(const char *s);
int console_getc(void); /* -1 if nothing is waiting */

/* Kernel log: one line with a timestamp prefix; `sub` is the subsystem name (e.g. "vm"). */
void klog(const char *sub, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void vklog(const char *sub, const char *fmt, va_list ap);
__attribute__((noreturn)) void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define KASSERT(c)                                                           \
  do {                                                                       \
    if (!(c)) panic("assertion failed: %s (%s:%d)", #c, __FILE__, __LINE__); \
  } while (0)

/* Power off through SBI SRST: code 0 = success, else failure with that exit code. */
__attribute__((noreturn)) void kernel_shutdown(unsigned code);

/* Boot parameters (cmdline.c): the DTB /chosen bootargs, "key=value" words. */
const char *cmdline_get(const char *key);              /* first value of key, or NULL */
unsigned long long cmdline_get_num(const char *key, unsigned long long dflt); /* K/M/G ok */
/* Iterates the values of a repeated key: returns the value after *pos and advances it
 * (start with *pos = 0); NULL when there are no more. Values are copied into buf. */
const char *cmdline_next(const char *key, unsigned *pos, char *buf, size_t size);
void cmdline_init(const char *bootargs);
const char *cmdline_all(void);

#endif
