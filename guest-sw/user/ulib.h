/* User-side library: system call wrappers (guest_abi.h) and printf. */
#ifndef GUEST_ULIB_H
#define GUEST_ULIB_H

#include <stddef.h>
#include <stdint.h>

#include "fmt.h"
#include "guest_abi.h"
#include "kstring.h"

__attribute__((noreturn)) void sys_exit(int status);
long sys_write(int fd, const void *buf, size_t len);
long sys_read(int fd, void *buf, size_t len);
int sys_getpid(void);
void sys_yield(void);
void sys_sleep_ms(uint32_t ms);
void *sys_sbrk(int32_t incr);                     /* (void *)-1 on failure */
void *sys_mmap(size_t len, unsigned prot);        /* NULL on failure */
uint64_t sys_clock_us(void);
int sys_getrusage(struct guest_rusage *ru);
int sys_meminfo(struct guest_meminfo *mi);
long sys_kctl(uint32_t cmd, uint32_t a0, uint32_t a1, uint32_t a2);

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "key=value" lookup in argv[1..]; NULL if absent. */
const char *arg_get(int argc, char **argv, const char *key);
unsigned long long arg_num(int argc, char **argv, const char *key, unsigned long long dflt);

#endif
