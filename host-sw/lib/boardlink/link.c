/* boardlink transports: FTDI (ftdi_uart.c), tty, simulator child process. See link.h. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE
#include "boardlink/link.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "boardlink/ftdi_uart.h"

#ifndef BL_DEFAULT_SOCSIM
#define BL_DEFAULT_SOCSIM "socsim"
#endif
#ifndef BL_DEFAULT_SIM_PROGRAM
#define BL_DEFAULT_SIM_PROGRAM "bootrom_ram.elf"
#endif

enum kind { K_FTDI, K_TTY, K_SIM };

struct bl_link {
  enum kind kind;
  char name[300];
  char err[1024];
  bl_ftdi_uart_t *ftdi;
  int fd_in, fd_out;   /* tty: both the same fd; sim: write to child's stdin, read its stdout */
  pid_t pid;
  int exited, status;
};

static void set_err(bl_link_t *l, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(l->err, sizeof l->err, fmt, ap);
  va_end(ap);
}

/* ---------------------------------------------------------------- tty */
static speed_t baud_const(unsigned b) {
  switch (b) {
    case 9600: return B9600;
    case 19200: return B19200;
    case 38400: return B38400;
    case 57600: return B57600;
    case 115200: return B115200;
    case 230400: return B230400;
    case 460800: return B460800;
    case 921600: return B921600;
    case 1000000: return B1000000;
    case 2000000: return B2000000;
    case 3000000: return B3000000;
    default: return 0;
  }
}

static int open_tty(bl_link_t *l, const char *path, unsigned baud, char *err, size_t errlen) {
  int fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) {
    int e = errno;
    const char *hint =
        e == ENOENT ? "no such device: is the board plugged in? Its channel B is usually the second\n"
                      "ttyUSB of the board (ls -l /dev/serial/by-id/ shows which); with the libftdi\n"
                      "transport (--transport ftdi) the ftdi_sio driver has detached it, replug the board"
        : e == EACCES ? "permission denied: add yourself to the dialout group (sudo usermod -aG dialout\n"
                        "$USER, then log in again) or install the udev rule (docs/bringup.md, step 1)"
        : e == EBUSY ? "device busy: another program has it open (fuser -v " 
        : "check the device path";
    snprintf(err, errlen, "cannot open %s: %s.\n%s%s", path, strerror(e), hint, e == EBUSY ? ")" : "");
    return -1;
  }
  struct termios t;
  if (tcgetattr(fd, &t) < 0) {
    snprintf(err, errlen, "%s is not a serial device (%s)", path, strerror(errno));
    close(fd);
    return -1;
  }
  cfmakeraw(&t);
  t.c_cflag &= ~(tcflag_t)(CSTOPB | PARENB | CRTSCTS | CSIZE);
  t.c_cflag |= CS8 | CLOCAL | CREAD;
  t.c_iflag &= ~(tcflag_t)(IXON | IXOFF | IXANY);
  t.c_cc[VMIN] = 0;
  t.c_cc[VTIME] = 0;
  speed_t s = baud_const(baud);
  if (!s) {
    snprintf(err, errlen, "tty: unsupported baud rate %u", baud);
    close(fd);
    return -1;
  }
  cfsetispeed(&t, s);
  cfsetospeed(&t, s);
  if (tcsetattr(fd, TCSANOW, &t) < 0) {
    snprintf(err, errlen, "cannot configure %s: %s", path, strerror(errno));
    close(fd);
    return -1;
  }
  tcflush(fd, TCIOFLUSH);
  l->fd_in = l->fd_out = fd;
  return 0;
}

/* ---------------------------------------------------------------- sim */
static int open_sim(bl_link_t *l, const bl_link_opts_t *o, char *err, size_t errlen) {
  const char *sim = o && o->sim_path ? o->sim_path : getenv("BOARD_SOCSIM");
  if (!sim) sim = BL_DEFAULT_SOCSIM;
  const char *prog = o && o->sim_program ? o->sim_program : BL_DEFAULT_SIM_PROGRAM;
  if (access(sim, X_OK) != 0) {
    snprintf(err, errlen, "simulator %s not found or not executable (%s): build it (cmake --build build)"
             " or give --sim PATH", sim, strerror(errno));
    return -1;
  }
  if (access(prog, R_OK) != 0) {
    snprintf(err, errlen, "boot ROM image %s for the simulator not found (%s): build the images "
             "(cmake --build build) or give --sim-program ELF", prog, strerror(errno));
    return -1;
  }
  const char *argv[64];
  int n = 0;
  argv[n++] = sim;
  for (int i = 0; o && o->sim_args && o->sim_args[i] && n < 60; i++) argv[n++] = o->sim_args[i];
  argv[n++] = prog;
  argv[n] = NULL;
  int in[2], out[2];
  if (pipe(in) < 0 || pipe(out) < 0) {
    snprintf(err, errlen, "pipe: %s", strerror(errno));
    return -1;
  }
  signal(SIGPIPE, SIG_IGN);
  pid_t pid = fork();
  if (pid < 0) {
    snprintf(err, errlen, "fork: %s", strerror(errno));
    return -1;
  }
  if (pid == 0) {
    dup2(in[0], STDIN_FILENO);
    dup2(out[1], STDOUT_FILENO);
    if (o && o->sim_quiet) {
      int dn = open("/dev/null", O_WRONLY);
      if (dn >= 0) dup2(dn, STDERR_FILENO);
    }
    close(in[0]); close(in[1]); close(out[0]); close(out[1]);
    execv(sim, (char *const *)argv);
    fprintf(stderr, "boardlink: cannot run %s: %s\n", sim, strerror(errno));
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  l->fd_out = in[1];
  l->fd_in = out[0];
  l->pid = pid;
  fcntl(l->fd_in, F_SETFL, O_NONBLOCK);
  int len = snprintf(l->name, sizeof l->name, "sim:");
  for (int i = 0; argv[i] && len < (int)sizeof l->name; i++)
    len += snprintf(l->name + len, sizeof l->name - (size_t)len, "%s%s", i ? " " : "", argv[i]);
  return 0;
}

static void reap(bl_link_t *l, int block) {
  if (l->kind != K_SIM || l->exited || l->pid <= 0) return;
  int st;
  pid_t r = waitpid(l->pid, &st, block ? 0 : WNOHANG);
  if (r == l->pid) {
    l->exited = 1;
    l->status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  }
}

/* ---------------------------------------------------------------- common */
bl_link_t *bl_link_open(const char *spec, const bl_link_opts_t *o, char *err, size_t errlen) {
  bl_link_t *l = calloc(1, sizeof *l);
  if (!l) { snprintf(err, errlen, "out of memory"); return NULL; }
  l->fd_in = l->fd_out = -1;
  unsigned baud = o && o->baud ? o->baud : BL_LINK_DEFAULT_BAUD;
  if (!strcmp(spec, "ftdi") || !strncmp(spec, "ftdi:", 5)) {
    l->kind = K_FTDI;
    bl_ftdi_config_t cfg;
    bl_ftdi_default_config(&cfg);
    cfg.baud = baud;
    cfg.serial = spec[4] == ':' && spec[5] ? spec + 5 : (o ? o->serial : NULL);
    if (o && o->latency_ms) cfg.latency_ms = o->latency_ms;
    l->ftdi = bl_ftdi_uart_open(&cfg, err, errlen);
    if (!l->ftdi) { free(l); return NULL; }
    snprintf(l->name, sizeof l->name, "ftdi%s%s (0403:6010 channel B, %u baud)", cfg.serial ? ":" : "",
             cfg.serial ? cfg.serial : "", baud);
    return l;
  }
  if (!strncmp(spec, "tty:", 4)) {
    l->kind = K_TTY;
    if (open_tty(l, spec + 4, baud, err, errlen) < 0) { free(l); return NULL; }
    snprintf(l->name, sizeof l->name, "%s (%u baud)", spec, baud);
    return l;
  }
  if (!strcmp(spec, "sim")) {
    l->kind = K_SIM;
    if (open_sim(l, o, err, errlen) < 0) { free(l); return NULL; }
    return l;
  }
  snprintf(err, errlen, "unknown transport '%s' (ftdi, ftdi:SERIAL, tty:PATH or sim)", spec);
  free(l);
  return NULL;
}

int bl_link_write(bl_link_t *l, const void *buf, size_t len) {
  if (l->kind == K_FTDI) {
    if (bl_ftdi_uart_write(l->ftdi, buf, len) < 0) {
      set_err(l, "%s", bl_ftdi_uart_error(l->ftdi));
      return BL_LINK_ERR;
    }
    return 0;
  }
  const char *p = buf;
  while (len) {
    ssize_t n = write(l->fd_out, p, len);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN) {
        struct pollfd pf = {.fd = l->fd_out, .events = POLLOUT};
        poll(&pf, 1, 100);
        continue;
      }
      if (errno == EPIPE && l->kind == K_SIM) {
        reap(l, 1);
        set_err(l, "the simulator has exited (status %d)", l->status);
        return BL_LINK_EOF;
      }
      set_err(l, "write to %s: %s%s", l->name, strerror(errno),
              errno == EIO ? " (the board was unplugged?)" : "");
      return BL_LINK_ERR;
    }
    p += n;
    len -= (size_t)n;
  }
  if (l->kind == K_TTY) tcdrain(l->fd_out);
  return 0;
}

long bl_link_read(bl_link_t *l, void *buf, size_t len, int timeout_ms) {
  if (l->kind == K_FTDI) {
    long r = bl_ftdi_uart_read(l->ftdi, buf, len, timeout_ms);
    if (r < 0) set_err(l, "%s", bl_ftdi_uart_error(l->ftdi));
    return r < 0 ? BL_LINK_ERR : r;
  }
  struct pollfd pf = {.fd = l->fd_in, .events = POLLIN};
  for (;;) {
    int r = poll(&pf, 1, timeout_ms < 0 ? 0 : timeout_ms);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) { set_err(l, "poll: %s", strerror(errno)); return BL_LINK_ERR; }
    if (r == 0) return 0;
    ssize_t n = read(l->fd_in, buf, len);
    if (n > 0) return n;
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    if (n == 0 && l->kind == K_SIM) {
      reap(l, 1);
      set_err(l, "the simulator has exited (status %d)", l->status);
      return BL_LINK_EOF;
    }
    if (n == 0) {
      set_err(l, "%s: end of file (device gone?)", l->name);
      return BL_LINK_EOF;
    }
    set_err(l, "read from %s: %s%s", l->name, strerror(errno),
            errno == EIO ? " (the board was unplugged?)" : "");
    return BL_LINK_ERR;
  }
}

const char *bl_link_error(const bl_link_t *l) { return l->err; }
const char *bl_link_name(const bl_link_t *l) { return l->name; }

int bl_link_close(bl_link_t *l) {
  if (!l) return 0;
  int status = 0;
  if (l->kind == K_FTDI) bl_ftdi_uart_close(l->ftdi);
  if (l->kind == K_TTY) close(l->fd_in);
  if (l->kind == K_SIM) {
    close(l->fd_out);
    reap(l, 0);
    if (!l->exited) {
      /* Give it a moment to end by itself (its stdin is closed now), then stop it. */
      for (int i = 0; i < 20 && !l->exited; i++) {
        struct timespec ms = {0, 10000000};
        nanosleep(&ms, NULL);
        reap(l, 0);
      }
      if (!l->exited) {
        kill(l->pid, SIGTERM);
        reap(l, 1);
        l->status = -1;
      }
    }
    close(l->fd_in);
    status = l->status;
  }
  free(l);
  return status;
}
