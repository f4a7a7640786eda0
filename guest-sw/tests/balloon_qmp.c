/* QMP client, QEMU runner and console-log follower for the balloon peer tests: see balloon_qmp.h. */
#define _POSIX_C_SOURCE 200809L
#include "balloon_qmp.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int64_t now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void sleep_ms(int ms) {
  struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
}

/* ---------------------------------------------------------------- QMP client */

/* Returns one complete line (without '\n') in line, or -1 on timeout / EOF. QMP replies are one
 * JSON object per line. */
static int qmp_read_line(qmp_t *q, char *line, size_t size, int timeout_ms) {
  int64_t deadline = now_ms() + timeout_ms;
  for (;;) {
    char *nl = memchr(q->buf, '\n', q->len);
    if (nl) {
      size_t n = (size_t)(nl - q->buf);
      size_t c = n < size - 1 ? n : size - 1;
      memcpy(line, q->buf, c);
      line[c] = 0;
      memmove(q->buf, nl + 1, q->len - n - 1);
      q->len -= n + 1;
      return 0;
    }
    if (q->len == sizeof q->buf) { /* an absurdly long line: drop it */
      q->len = 0;
    }
    int left = (int)(deadline - now_ms());
    if (left <= 0) return -1;
    struct pollfd p = {q->fd, POLLIN, 0};
    int r = poll(&p, 1, left);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return -1;
    ssize_t got = read(q->fd, q->buf + q->len, sizeof q->buf - q->len);
    if (got <= 0) return -1;
    q->len += (size_t)got;
  }
}

static int send_all(int fd, const char *s, size_t n) {
  while (n) {
    ssize_t w = write(fd, s, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return -1;
    s += w;
    n -= (size_t)w;
  }
  return 0;
}

int qmp_exec(qmp_t *q, const char *cmd, char *reply, size_t size, int timeout_ms) {
  if (q->fd < 0) return -1;
  if (send_all(q->fd, cmd, strlen(cmd)) || send_all(q->fd, "\n", 1)) return -1;
  int64_t deadline = now_ms() + timeout_ms;
  static char line[1 << 16];
  for (;;) {
    int left = (int)(deadline - now_ms());
    if (left <= 0 || qmp_read_line(q, line, sizeof line, left)) {
      fprintf(stderr, "qmp: no reply to %s\n", cmd);
      return -1;
    }
    if (strstr(line, "\"event\"")) {
      q->events_seen++;
      continue;
    }
    if (reply && size) {
      strncpy(reply, line, size - 1);
      reply[size - 1] = 0;
    }
    if (strncmp(line, "{\"return\"", 9) == 0) return 0;
    if (strncmp(line, "{\"error\"", 8) == 0) return 1;
    /* Anything else (a greeting): keep waiting. */
  }
}

int qmp_execf(qmp_t *q, char *reply, size_t size, int timeout_ms, const char *fmt, ...) {
  char cmd[4096];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(cmd, sizeof cmd, fmt, ap);
  va_end(ap);
  return qmp_exec(q, cmd, reply, size, timeout_ms);
}

int qmp_connect(qmp_t *q, const char *path, int timeout_ms) {
  q->fd = -1;
  q->len = 0;
  q->events_seen = 0;
  int64_t deadline = now_ms() + timeout_ms;
  struct sockaddr_un sa;
  memset(&sa, 0, sizeof sa);
  sa.sun_family = AF_UNIX;
  if (strlen(path) >= sizeof sa.sun_path) {
    fprintf(stderr, "qmp: socket path too long: %s\n", path);
    return -1;
  }
  strcpy(sa.sun_path, path);
  for (;;) {
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0) {
      q->fd = fd;
      break;
    }
    close(fd);
    if (now_ms() > deadline) {
      fprintf(stderr, "qmp: cannot connect to %s: %s\n", path, strerror(errno));
      return -1;
    }
    sleep_ms(20);
  }
  char line[4096];
  int left = (int)(deadline - now_ms());
  if (qmp_read_line(q, line, sizeof line, left < 1000 ? 1000 : left) ||
      !strstr(line, "\"QMP\"")) {
    fprintf(stderr, "qmp: no greeting\n");
    qmp_close(q);
    return -1;
  }
  if (qmp_exec(q, "{\"execute\":\"qmp_capabilities\"}", NULL, 0, 5000) != 0) {
    qmp_close(q);
    return -1;
  }
  return 0;
}

void qmp_close(qmp_t *q) {
  if (q->fd >= 0) close(q->fd);
  q->fd = -1;
}

int json_get_int(const char *json, const char *key, long long *out) {
  char pat[128];
  snprintf(pat, sizeof pat, "\"%s\"", key);
  const char *p = strstr(json, pat);
  if (!p) return -1;
  p += strlen(pat);
  while (*p == ' ' || *p == ':') p++;
  char *end;
  errno = 0;
  long long v = strtoll(p, &end, 10);
  if (end == p || errno) return -1;
  *out = v;
  return 0;
}

/* ---------------------------------------------------------------- QEMU process */

int qemu_alive(qemu_t *vm) {
  if (vm->pid <= 0) return 0;
  int st;
  pid_t r = waitpid(vm->pid, &st, WNOHANG);
  if (r == vm->pid) {
    vm->pid = -(WIFEXITED(st) ? WEXITSTATUS(st) : 128) - 1; /* remember the status */
    return 0;
  }
  return r == 0;
}

int qemu_start(qemu_t *vm, const qemu_opts_t *o) {
  memset(vm, 0, sizeof *vm);
  vm->qmp.fd = -1;
  const char *tmp = getenv("TMPDIR");
  snprintf(vm->dir, sizeof vm->dir, "%s/balloon-qemu-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp(vm->dir)) {
    perror("mkdtemp");
    return -1;
  }
  snprintf(vm->qmp_path, sizeof vm->qmp_path, "%s/qmp.sock", vm->dir);
  snprintf(vm->log_path, sizeof vm->log_path, "%s/console.log", vm->dir);
  snprintf(vm->disk_path, sizeof vm->disk_path, "%s/swap.img", vm->dir);
  snprintf(vm->script_path, sizeof vm->script_path, "%s/script.txt", vm->dir);

  char fwcfg[600];
  char mem[32], serial[340], qmp[340], drive[400], timeout[32], icount[64], balloon[256];
  snprintf(mem, sizeof mem, "%uM", o->mem_mib);
  snprintf(serial, sizeof serial, "file:%s", vm->log_path);
  snprintf(qmp, sizeof qmp, "unix:%s,server=on,wait=off", vm->qmp_path);
  snprintf(timeout, sizeof timeout, "%us", o->timeout_s ? o->timeout_s : 60);
  snprintf(balloon, sizeof balloon, "virtio-balloon-device,id=balloon0%s",
           o->balloon_props ? o->balloon_props : "");
  if (o->disk_mib) {
    int fd = open(vm->disk_path, O_CREAT | O_TRUNC | O_WRONLY, 0600);
    if (fd < 0 || ftruncate(fd, (off_t)o->disk_mib << 20)) {
      perror("swap image");
      if (fd >= 0) close(fd);
      return -1;
    }
    close(fd);
    snprintf(drive, sizeof drive, "file=%s,if=none,format=raw,id=swap0", vm->disk_path);
  }
  const char *argv[64];
  int n = 0;
  /* `timeout` (coreutils) bounds QEMU even if this harness dies. */
  argv[n++] = "timeout";
  argv[n++] = "-s";
  argv[n++] = "KILL";
  argv[n++] = timeout;
  argv[n++] = o->qemu;
  argv[n++] = "-M";
  argv[n++] = "virt";
  argv[n++] = "-cpu";
  argv[n++] = "rv32,c=false,h=false,f=false,d=false";
  argv[n++] = "-smp";
  argv[n++] = "1";
  argv[n++] = "-m";
  argv[n++] = mem;
  argv[n++] = "-display";
  argv[n++] = "none";
  argv[n++] = "-monitor";
  argv[n++] = "none";
  argv[n++] = "-serial";
  argv[n++] = serial;
  argv[n++] = "-qmp";
  argv[n++] = qmp;
  argv[n++] = "-global";
  argv[n++] = "virtio-mmio.force-legacy=false";
  argv[n++] = "-bios";
  argv[n++] = o->bios;
  argv[n++] = "-kernel";
  argv[n++] = o->kernel;
  if (o->append) {
    argv[n++] = "-append";
    argv[n++] = o->append;
  }
  if (o->icount > 0) {
    snprintf(icount, sizeof icount, "shift=%d,sleep=off", o->icount - 1);
    argv[n++] = "-icount";
    argv[n++] = icount;
  }
  if (o->disk_mib) {
    argv[n++] = "-drive";
    argv[n++] = drive;
    argv[n++] = "-device";
    argv[n++] = "virtio-blk-device,drive=swap0";
  }
  if (o->backdoor_script) {
    FILE *f = fopen(vm->script_path, "wb");
    if (!f) {
      perror("script");
      return -1;
    }
    fprintf(f, "BALLOON-SCRIPT\n%s", o->backdoor_script);
    fputc(0, f);
    fclose(f);
    snprintf(fwcfg, sizeof fwcfg, "loader,file=%s,addr=0x%x,force-raw=on", vm->script_path,
             BALLOON_SCRIPT_ADDR);
    argv[n++] = "-device";
    argv[n++] = fwcfg;
  }
  if (o->balloon) {
    argv[n++] = "-device";
    argv[n++] = balloon;
  }
  argv[n] = NULL;

  if (getenv("BALLOON_TEST_VERBOSE")) {
    for (int i = 0; i < n; i++) fprintf(stderr, "%s ", argv[i]);
    fprintf(stderr, "\n");
  }
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    setpgid(0, 0); /* its own process group: qemu_stop ends `timeout` and QEMU together */
    int devnull = open("/dev/null", O_RDWR);
    if (devnull >= 0) {
      dup2(devnull, 0); /* QEMU must not need stdin */
      dup2(devnull, 1);
    }
    execvp(argv[0], (char *const *)argv);
    _exit(127);
  }
  setpgid(pid, pid);
  vm->pid = pid;
  if (qmp_connect(&vm->qmp, vm->qmp_path, 10000)) {
    qemu_stop(vm, 1);
    return -1;
  }
  return 0;
}

int qemu_stop(qemu_t *vm, int keep) {
  int status = -1;
  qmp_close(&vm->qmp);
  if (qemu_alive(vm)) {
    /* The group of the processes this harness started: `timeout` and QEMU under it. */
    kill(-vm->pid, SIGTERM);
    int st;
    int64_t deadline = now_ms() + 3000;
    while (waitpid(vm->pid, &st, WNOHANG) == 0) {
      if (now_ms() > deadline) {
        kill(-vm->pid, SIGKILL);
        waitpid(vm->pid, &st, 0);
        break;
      }
      sleep_ms(20);
    }
    vm->pid = 0;
  } else if (vm->pid < 0) {
    status = -vm->pid - 1;
  }
  if (!keep && vm->dir[0]) {
    unlink(vm->qmp_path);
    unlink(vm->log_path);
    unlink(vm->disk_path);
    unlink(vm->script_path);
    rmdir(vm->dir);
  }
  return status;
}

/* ---------------------------------------------------------------- guest log */

char *log_read(const qemu_t *vm) {
  FILE *f = fopen(vm->log_path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16, len = 0;
  char *buf = malloc(cap);
  for (;;) {
    if (len + 4096 + 1 > cap) buf = realloc(buf, cap *= 2);
    size_t got = fread(buf + len, 1, 4096, f);
    len += got;
    if (got == 0) break;
  }
  fclose(f);
  /* The console may contain NULs or CRs; make it one C string. */
  for (size_t i = 0; i < len; i++)
    if (buf[i] == 0) buf[i] = '?';
  buf[len] = 0;
  return buf;
}

long log_wait(const qemu_t *vm, const char *needle, long from, int timeout_ms) {
  int64_t deadline = now_ms() + timeout_ms;
  for (;;) {
    char *log = log_read(vm);
    if (log) {
      long len = (long)strlen(log);
      if (from < len) {
        char *hit = strstr(log + from, needle);
        if (hit) {
          long off = (long)(hit - log) + (long)strlen(needle);
          free(log);
          return off;
        }
      }
      free(log);
    }
    if (now_ms() > deadline || !qemu_alive((qemu_t *)vm)) return -1;
    sleep_ms(50);
  }
}

int log_count(const qemu_t *vm, const char *needle) {
  char *log = log_read(vm);
  if (!log) return 0;
  int n = 0;
  for (char *p = strstr(log, needle); p; p = strstr(p + 1, needle)) n++;
  free(log);
  return n;
}
