/* Host-side helpers for the QEMU peer tests of the balloon drivers: a small QMP client (QEMU
 * Machine Protocol over an AF_UNIX socket, `-qmp unix:PATH,server=on,wait=off`), a QEMU process
 * runner with a bounded lifetime, and a follower of the guest's console log.
 *
 * No TTY and no stdin are needed: QEMU runs with -display none, its serial port goes to a file
 * and it is always killed (by its pid) at the end. Not specific to the balloon: other QEMU tests
 * may reuse it. */
#ifndef BALLOON_QMP_H
#define BALLOON_QMP_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* ---------------------------------------------------------------- QMP client */
typedef struct qmp {
  int fd;
  char buf[1 << 16]; /* bytes received, not yet consumed */
  size_t len;
  int events_seen;   /* asynchronous events skipped while waiting for replies */
} qmp_t;

/* Connects (retrying until timeout_ms while QEMU creates the socket), reads the greeting and
 * enters command mode (qmp_capabilities). Returns 0 or -1 (message on stderr). */
int qmp_connect(qmp_t *q, const char *path, int timeout_ms);
/* Sends one command (a complete JSON object) and waits for its reply; asynchronous events are
 * skipped. The reply line is copied to reply (if non-NULL). Returns 0 for {"return": ...},
 * 1 for {"error": ...}, -1 on timeout or a closed socket. */
int qmp_exec(qmp_t *q, const char *cmd, char *reply, size_t size, int timeout_ms);
/* printf-style helper around qmp_exec. */
int qmp_execf(qmp_t *q, char *reply, size_t size, int timeout_ms, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void qmp_close(qmp_t *q);

/* Finds "key": <integer> anywhere in json (first match). Returns 0 and sets *out, or -1. */
int json_get_int(const char *json, const char *key, long long *out);

/* ---------------------------------------------------------------- QEMU process */
typedef struct qemu {
  pid_t pid;
  char dir[256];      /* scratch directory (socket, log, disk image) */
  char qmp_path[300];
  char log_path[300];
  char disk_path[300];
  char script_path[300];
  qmp_t qmp;
} qemu_t;

#define BALLOON_SCRIPT_ADDR 0x80300000u /* must match guest-sw/sbi-shim/balloon_backdoor.c */

typedef struct qemu_opts {
  const char *qemu;       /* qemu-system-riscv32 */
  const char *bios;       /* SBI shim ELF */
  const char *kernel;     /* guest kernel ELF */
  const char *append;     /* kernel command line, or NULL */
  unsigned mem_mib;       /* guest RAM */
  unsigned disk_mib;      /* swap disk size (0: none) */
  int balloon;            /* add -device virtio-balloon-device,id=balloon0 */
  const char *balloon_props; /* extra ",prop=val" for the balloon device, or NULL */
  int icount;             /* -icount shift=<icount-1>,sleep=off when > 0 */
  const char *backdoor_script; /* target script of the backdoor model shim, loaded at
                                * BALLOON_SCRIPT_ADDR with -device loader (QEMU 7.2's riscv virt
                                * machine cannot take -fw_cfg files) */
  unsigned timeout_s;     /* hard limit: QEMU is killed after this many seconds */
} qemu_opts_t;

/* Starts QEMU in a fresh scratch directory and connects QMP. Returns 0 or -1. */
int qemu_start(qemu_t *vm, const qemu_opts_t *o);
/* Kills QEMU (if still running), reaps it, removes the scratch directory unless keep. Returns
 * QEMU's exit status if it had exited by itself (>= 0), else -1. */
int qemu_stop(qemu_t *vm, int keep);
/* 1 if the QEMU process is still running. */
int qemu_alive(qemu_t *vm);

/* ---------------------------------------------------------------- guest log */
/* Reads the whole console log into a malloc'ed NUL-terminated string (NULL on error). */
char *log_read(const qemu_t *vm);
/* Waits until the console log contains needle (from byte offset `from`), or timeout_ms passes,
 * or QEMU exits. Returns the offset just after the match, or -1. */
long log_wait(const qemu_t *vm, const char *needle, long from, int timeout_ms);
/* Counts occurrences of needle in the log. */
int log_count(const qemu_t *vm, const char *needle);

/* Milliseconds from a monotonic clock. */
int64_t now_ms(void);
void sleep_ms(int ms);

#endif
