/* board: bring-up tool for the iCEBreaker SoC (docs/bringup.md).
 *
 *   board program BITSTREAM            write the bitstream to the flash (iceprog)
 *   board flash-image ELF              package ELF as a flash image, write it at the boot ROM's
 *                                      offset (iceprog -o)
 *   board reset                        reconfigure the FPGA from flash (iceprog -t): the boot ROM
 *                                      starts again
 *   board info                         ask the boot ROM who it is (HELLO)
 *   board load ELF                     upload ELF through the boot ROM and run it
 *   board selftest                     upload the self-test, read and check its report
 *   board console                      print what the board sends (stdin is forwarded)
 *
 * Exit status: 0 ok, 1 failed (test FAIL, protocol refused), 2 usage, 3 no board / link error,
 * 4 iceprog failed.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "boardlink/client.h"
#include "boardlink/link.h"
#include "soc_memory_map.h"

#ifndef BOARD_IMAGE_DIR
#define BOARD_IMAGE_DIR "images"
#endif

enum { EX_OK = 0, EX_FAIL = 1, EX_USAGE = 2, EX_LINK = 3, EX_ICEPROG = 4 };

static struct {
  const char *transport;
  bl_link_opts_t lo;
  const char *sim_args[32];
  int nsim_args;
  const char *iceprog;
  uint32_t offset;
  int dry_run;
  int wait_ms;          /* for the boot ROM's HELLO */
  int timeout_ms;       /* for program output */
  int verbose;
  const char *out;
  const char *until;
  int listen;
  int sram;
} opt = {.transport = "ftdi", .iceprog = "iceprog", .offset = BL_FLASH_IMAGE_OFFSET, .wait_ms = 10000,
         .timeout_ms = 60000};

static void usage(FILE *f) {
  fprintf(f,
          "usage: board [options] COMMAND [ARG]\n"
          "commands:\n"
          "  program BITSTREAM   write an FPGA bitstream to the flash (iceprog; --sram: to the FPGA only)\n"
          "  flash-image ELF     package ELF for the boot ROM and write it at --offset (iceprog -o)\n"
          "  reset               reconfigure the FPGA from flash (iceprog -t): restarts the boot ROM\n"
          "  info                show the boot ROM's HELLO answer\n"
          "  load ELF            upload ELF through the boot ROM, start it, print its output\n"
          "  selftest            upload the self-test (--image), check its report; exit 0 on PASS\n"
          "  console             print the board's UART output; stdin is sent to the board\n"
          "options:\n"
          "  --transport T       ftdi (default), ftdi:SERIAL, tty:/dev/ttyUSB1, sim\n"
          "  --baud N            UART rate (default %u)\n"
          "  --serial S          FT2232H USB serial number (ftdi)\n"
          "  --sim PATH          socsim executable (sim; default: this build's)\n"
          "  --sim-program ELF   what socsim runs (sim; default: the boot ROM's RAM variant)\n"
          "  --sim-arg ARG       extra socsim option, repeatable (e.g. --sim-arg=--ram-mb --sim-arg=1)\n"
          "  --image ELF         selftest: the self-test image (default %s/selftest/selftest.elf)\n"
          "  --listen            selftest: do not upload, only read the report (image booted from flash)\n"
          "  --wait SEC          how long to wait for the boot ROM (default 10)\n"
          "  --timeout SEC       how long to wait for program output (default 60; console: silence)\n"
          "  --until TEXT        load/console: stop once TEXT was received\n"
          "  --offset N          flash-image: flash offset (default 0x%x, where the boot ROM looks)\n"
          "  -o FILE             flash-image: also keep the packaged image in FILE\n"
          "  --iceprog PATH      iceprog executable (default: iceprog from PATH)\n"
          "  --sram              program: iceprog -S (volatile, the flash keeps its bitstream)\n"
          "  --dry-run           program/flash-image/reset: print the iceprog command, do not run it\n"
          "  -v                  verbose: show the boot ROM's messages and progress\n",
          BL_LINK_DEFAULT_BAUD, BOARD_IMAGE_DIR, BL_FLASH_IMAGE_OFFSET);
}

static long now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static int parse_u32(const char *s, uint32_t *v) {
  char *end;
  errno = 0;
  unsigned long x = strtoul(s, &end, 0);
  if (errno || end == s) return -1;
  if (*end == 'k' || *end == 'K') { x <<= 10; end++; }
  else if (*end == 'M') { x <<= 20; end++; }
  if (*end || x > UINT32_MAX) return -1;
  *v = (uint32_t)x;
  return 0;
}

/* ---------------------------------------------------------------- iceprog */
static int run_iceprog(const char *const *args) {
  const char *argv[16];
  int n = 0;
  argv[n++] = opt.iceprog;
  for (int i = 0; args[i] && n < 15; i++) argv[n++] = args[i];
  argv[n] = NULL;
  printf("board: running");
  for (int i = 0; argv[i]; i++) printf(" %s", argv[i]);
  printf("\n");
  fflush(stdout);
  if (opt.dry_run) return EX_OK;
  pid_t pid = fork();
  if (pid < 0) {
    fprintf(stderr, "board: fork: %s\n", strerror(errno));
    return EX_ICEPROG;
  }
  if (pid == 0) {
    execvp(opt.iceprog, (char *const *)argv);
    fprintf(stderr, "board: cannot run %s: %s\n", opt.iceprog, strerror(errno));
    _exit(127);
  }
  int st;
  while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {
  }
  int code = WIFEXITED(st) ? WEXITSTATUS(st) : 128;
  if (code == 0) return EX_OK;
  fprintf(stderr, "board: iceprog failed (exit status %d): ", code);
  switch (code) {
    case 127:
      fprintf(stderr, "iceprog is not installed (apt install fpga-icestorm) or --iceprog is wrong.\n");
      break;
    case 1:
      fprintf(stderr, "bad arguments or the file could not be read (see its message above).\n");
      break;
    case 2:
      fprintf(stderr, "it could not talk to the board: is the iCEBreaker plugged in (lsusb -d 0403:6010)?\n"
                      "Permissions: the udev rule of docs/bringup.md step 1. Another program using\n"
                      "channel A? (channel B, the UART, does not conflict.)\n");
      break;
    case 3:
      fprintf(stderr, "the flash contents did not verify: retry; if it persists, try `iceprog -p` "
                      "(write protection) or a bulk erase (-b).\n");
      break;
    default:
      fprintf(stderr, "see its message above.\n");
  }
  return EX_ICEPROG;
}

static int cmd_program(const char *bit) {
  if (access(bit, R_OK) != 0) {
    fprintf(stderr, "board: bitstream %s: %s (build it: docs/fpga.md)\n", bit, strerror(errno));
    return EX_USAGE;
  }
  const char *a[] = {opt.sram ? "-S" : bit, opt.sram ? bit : NULL, NULL};
  return run_iceprog(a);
}

static int cmd_reset(void) {
  const char *a[] = {"-t", NULL};
  return run_iceprog(a);
}

static int cmd_flash_image(const char *elf) {
  char err[512];
  bl_image_t img;
  if (bl_image_from_elf(elf, &img, err, sizeof err) < 0) {
    fprintf(stderr, "board: %s\n", err);
    return EX_USAGE;
  }
  uint8_t *buf;
  size_t len;
  if (bl_flash_image_pack(&img, &buf, &len) < 0) {
    fprintf(stderr, "board: out of memory\n");
    return EX_FAIL;
  }
  /* The same check the boot ROM makes (RAM window of the largest board: the boot ROM repeats it
   * against the real RAM size). */
  bl_image_t chk;
  int e = bl_flash_image_parse(buf, len, RAM_BASE, RAM_BASE + (256u << 20), &chk);
  if (e != BL_IMG_OK) {
    fprintf(stderr, "board: %s cannot be booted from flash: %s\n", elf, bl_image_error_name(e));
    return EX_FAIL;
  }
  char tmp[] = "/tmp/board-flash-XXXXXX";
  const char *path = opt.out;
  int fd = path ? open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644) : mkstemp(tmp);
  if (!path) path = tmp;
  if (fd < 0 || write(fd, buf, len) != (ssize_t)len || close(fd) != 0) {
    fprintf(stderr, "board: cannot write %s: %s\n", path, strerror(errno));
    return EX_FAIL;
  }
  printf("board: flash image %s: %zu bytes (load 0x%08x, %u bytes, entry 0x%08x, crc32 0x%08x) at flash "
         "offset 0x%x\n", path, len, img.load_addr, img.length, img.entry, bl_crc32(img.data, img.length),
         opt.offset);
  if (opt.offset != BL_FLASH_IMAGE_OFFSET)
    fprintf(stderr, "board: warning: the boot ROM looks at 0x%x, not 0x%x\n", BL_FLASH_IMAGE_OFFSET, opt.offset);
  char off[32];
  snprintf(off, sizeof off, "%u", opt.offset);
  const char *a[] = {"-o", off, path, NULL};
  int r = run_iceprog(a);
  if (!opt.out) unlink(tmp);
  free(buf);
  bl_image_free(&img);
  return r;
}

/* ---------------------------------------------------------------- link commands */
static bl_link_t *open_link(void) {
  char err[1500];
  opt.sim_args[opt.nsim_args] = NULL;
  opt.lo.sim_args = opt.sim_args;
  bl_link_t *l = bl_link_open(opt.transport, &opt.lo, err, sizeof err);
  if (!l) {
    fprintf(stderr, "board: cannot open the board link (--transport %s):\n%s\n", opt.transport, err);
    return NULL;
  }
  if (opt.verbose) fprintf(stderr, "board: link %s\n", bl_link_name(l));
  return l;
}

static int close_link(bl_link_t *l, int rc) {
  int st = bl_link_close(l);
  if (opt.verbose && !strcmp(opt.transport, "sim")) fprintf(stderr, "board: simulator exit status %d\n", st);
  return rc;
}

static void progress(void *ctx, uint32_t done, uint32_t total) {
  (void)ctx;
  if (opt.verbose) fprintf(stderr, "\rboard: loaded %u / %u bytes", done, total);
  if (opt.verbose && done == total) fprintf(stderr, "\n");
}

/* HELLO, LOAD, CHECK, JUMP. Returns EX_OK or an exit status. */
static int upload(bl_link_t *l, const char *elf, bl_client_t *c) {
  char err[512];
  bl_image_t img;
  if (bl_image_from_elf(elf, &img, err, sizeof err) < 0) {
    fprintf(stderr, "board: %s\n", err);
    return EX_USAGE;
  }
  bl_client_init(c, l);
  c->console = opt.verbose ? stderr : NULL;
  if (strcmp(opt.transport, "sim") != 0)
    fprintf(stderr, "board: waiting up to %d s for the boot ROM (press the board's reset button, or "
                    "run `board reset`)\n", opt.wait_ms / 1000);
  if (bl_client_hello(c, opt.wait_ms) < 0) {
    fprintf(stderr, "board: %s\n", c->err);
    bl_image_free(&img);
    return EX_LINK;
  }
  long t0 = now_ms();
  if (bl_client_load(c, &img, progress, NULL) < 0 || bl_client_jump(c, img.entry) < 0) {
    fprintf(stderr, "board: upload of %s failed: %s\n", elf, c->err);
    bl_image_free(&img);
    return EX_FAIL;
  }
  fprintf(stderr, "board: %s: %u bytes at 0x%08x loaded, crc checked, started at 0x%08x (%ld ms)\n", elf,
          img.length, img.load_addr, img.entry, now_ms() - t0);
  bl_image_free(&img);
  return EX_OK;
}

/* Copies link output to stdout (and lines to `line_cb`) until timeout of silence, EOF, or the
 * callback / --until says stop. Returns 0 stop condition met, 1 timeout, 2 EOF, -1 error. */
static int pump(bl_link_t *l, const uint8_t *first, size_t nfirst, int (*line_cb)(void *, const char *),
                void *ctx, int forward_stdin) {
  char line[1024];
  size_t ll = 0;
  size_t ulen = opt.until ? strlen(opt.until) : 0;
  char tail[256] = "";
  long last = now_ms();
  int stdin_open = forward_stdin;
  for (;;) {
    if (stdin_open) {
      struct pollfd pf = {.fd = STDIN_FILENO, .events = POLLIN};
      if (poll(&pf, 1, 0) > 0) {
        char ib[256];
        ssize_t n = read(STDIN_FILENO, ib, sizeof ib);
        if (n <= 0) stdin_open = 0;
        else if (bl_link_write(l, ib, (size_t)n) < 0) stdin_open = 0;
      }
    }
    uint8_t buf[512];
    long n;
    if (nfirst) {
      memcpy(buf, first, nfirst);
      n = (long)nfirst;
      nfirst = 0;
    } else {
      n = bl_link_read(l, buf, sizeof buf, 50);
    }
    if (n == BL_LINK_EOF) {
      if (ll && line_cb) { line[ll] = 0; line_cb(ctx, line); }
      fflush(stdout);
      return 2;
    }
    if (n < 0) {
      fprintf(stderr, "board: %s\n", bl_link_error(l));
      return -1;
    }
    if (n == 0) {
      if (now_ms() - last > opt.timeout_ms) return 1;
      continue;
    }
    last = now_ms();
    fwrite(buf, 1, (size_t)n, stdout);
    fflush(stdout);
    for (long i = 0; i < n; i++) {
      char ch = (char)buf[i];
      if (ulen) {
        size_t tl = strlen(tail);
        if (tl + 1 >= sizeof tail) { memmove(tail, tail + tl / 2, tl - tl / 2 + 1); tl = strlen(tail); }
        tail[tl] = ch;
        tail[tl + 1] = 0;
        if (strstr(tail, opt.until)) return 0;
      }
      if (ch == '\n' || ll + 1 >= sizeof line) {
        line[ll] = 0;
        ll = 0;
        if (line_cb && line_cb(ctx, line)) return 0;
      } else {
        line[ll++] = ch;
      }
    }
  }
}

static int cmd_info(void) {
  bl_link_t *l = open_link();
  if (!l) return EX_LINK;
  bl_client_t c;
  bl_client_init(&c, l);
  c.console = opt.verbose ? stderr : NULL;
  if (bl_client_hello(&c, opt.wait_ms) < 0) {
    fprintf(stderr, "board: %s\n", c.err);
    return close_link(l, EX_LINK);
  }
  printf("boot ROM: protocol %u, max payload %u, RAM 0x%08x + %u bytes, loadable below 0x%08x, page %u bytes,\n"
         "          flash image offset 0x%x, %s%s\n",
         c.info.version, c.info.max_payload, c.info.ram_base, c.info.ram_bytes, c.info.load_limit,
         c.info.page_bytes, c.info.flash_offset,
         c.info.rom_flags & BL_ROMF_FLASH ? "SPI flash reader present" : "no SPI flash reader",
         c.info.rom_flags & BL_ROMF_IN_RAM ? ", running from RAM (simulation variant)" : "");
  return close_link(l, EX_OK);
}

static int cmd_load(const char *elf) {
  bl_link_t *l = open_link();
  if (!l) return EX_LINK;
  bl_client_t c;
  int r = upload(l, elf, &c);
  if (r != EX_OK) return close_link(l, r);
  r = pump(l, c.rest, c.nrest, NULL, NULL, 0);
  int st = bl_link_close(l);
  if (r == 2 && !strcmp(opt.transport, "sim")) {
    fprintf(stderr, "board: the program ended (simulator exit status %d)\n", st);
    return st == 0 ? EX_OK : EX_FAIL;
  }
  return r < 0 ? EX_LINK : EX_OK;
}

static int cmd_console(void) {
  bl_link_t *l = open_link();
  if (!l) return EX_LINK;
  int r = pump(l, NULL, 0, NULL, NULL, 1);
  return close_link(l, r < 0 ? EX_LINK : EX_OK);
}

static int selftest_line(void *ctx, const char *line) { return bl_selftest_line(ctx, line); }

static int cmd_selftest(const char *image) {
  char def[1024];
  if (!image) {
    snprintf(def, sizeof def, "%s/selftest/selftest.elf", BOARD_IMAGE_DIR);
    image = def;
  }
  bl_link_t *l = open_link();
  if (!l) return EX_LINK;
  bl_client_t c;
  c.nrest = 0;
  if (!opt.listen) {
    int r = upload(l, image, &c);
    if (r != EX_OK) return close_link(l, r);
  } else {
    fprintf(stderr, "board: listening for the self-test report: press the board's reset button (the boot "
                    "ROM boots the flash image)\n");
  }
  bl_selftest_report_t rep;
  bl_selftest_init(&rep);
  int r = pump(l, c.rest, c.nrest, selftest_line, &rep, 0);
  int st = bl_link_close(l);
  printf("\n==== self-test summary (%s) ====\n", opt.transport);
  if (rep.info[0]) printf("board: %s\n", rep.info);
  for (int i = 0; i < rep.ntests; i++)
    printf("  %-22s %s%s%s\n", rep.tests[i].name, rep.tests[i].pass ? "PASS" : "FAIL",
           rep.tests[i].pass ? "" : "  ", rep.tests[i].pass ? "" : rep.tests[i].detail);
  if (rep.have_cycles)
    printf("  cycles: invalidation of 1 page %lu (LAST_FENCE_CYCLES; %lu by mcycle), scrub of 1 page of %lu "
           "bytes %lu (SCRUB_CYCLES; %lu by mcycle)\n",
           rep.inval_1page, rep.inval_1page_mcycle, rep.page_bytes, rep.scrub_1page, rep.scrub_1page_mcycle);
  if (bl_selftest_passed(&rep)) {
    printf("SELFTEST: PASS (%d tests)\n", rep.npass);
    return EX_OK;
  }
  if (!rep.ended) {
    if (r == 1) printf("SELFTEST: FAIL - no result line within %d s of silence%s\n", opt.timeout_ms / 1000,
                       rep.begun ? " (the report stopped in the middle)" : " (the self-test never started)");
    else if (r == 2) printf("SELFTEST: FAIL - the board/simulator stopped before the result line (status %d)\n", st);
    else printf("SELFTEST: FAIL - link error before the result line\n");
    return r < 0 ? EX_LINK : EX_FAIL;
  }
  printf("SELFTEST: FAIL (%d passed, %d failed)\n", rep.npass, rep.nfail);
  return EX_FAIL;
}

/* ---------------------------------------------------------------- main */
int main(int argc, char **argv) {
  const char *cmd = NULL, *arg = NULL, *image = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *val = NULL;
    char name[64];
    const char *eq = strchr(a, '=');
    if (a[0] == '-' && a[1] == '-' && eq && (size_t)(eq - a) < sizeof name) {
      memcpy(name, a, (size_t)(eq - a));
      name[eq - a] = 0;
      val = eq + 1;
      a = name;
    }
#define NEED_VAL()                                                                  \
  do {                                                                              \
    if (!val) {                                                                     \
      if (i + 1 >= argc) { fprintf(stderr, "board: %s needs a value\n", a); return EX_USAGE; } \
      val = argv[++i];                                                              \
    }                                                                               \
  } while (0)
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) { usage(stdout); return EX_OK; }
    else if (!strcmp(a, "--transport")) { NEED_VAL(); opt.transport = val; }
    else if (!strcmp(a, "--baud")) { NEED_VAL(); uint32_t v; if (parse_u32(val, &v) || !v) goto bad; opt.lo.baud = v; }
    else if (!strcmp(a, "--serial")) { NEED_VAL(); opt.lo.serial = val; }
    else if (!strcmp(a, "--sim")) { NEED_VAL(); opt.lo.sim_path = val; }
    else if (!strcmp(a, "--sim-program")) { NEED_VAL(); opt.lo.sim_program = val; }
    else if (!strcmp(a, "--sim-arg")) { NEED_VAL(); if (opt.nsim_args < 30) opt.sim_args[opt.nsim_args++] = val; }
    else if (!strcmp(a, "--image")) { NEED_VAL(); image = val; }
    else if (!strcmp(a, "--wait")) { NEED_VAL(); uint32_t v; if (parse_u32(val, &v)) goto bad; opt.wait_ms = (int)v * 1000; }
    else if (!strcmp(a, "--timeout")) { NEED_VAL(); uint32_t v; if (parse_u32(val, &v)) goto bad; opt.timeout_ms = (int)v * 1000; }
    else if (!strcmp(a, "--until")) { NEED_VAL(); opt.until = val; }
    else if (!strcmp(a, "--offset")) { NEED_VAL(); if (parse_u32(val, &opt.offset)) goto bad; }
    else if (!strcmp(a, "-o")) { NEED_VAL(); opt.out = val; }
    else if (!strcmp(a, "--iceprog")) { NEED_VAL(); opt.iceprog = val; }
    else if (!strcmp(a, "--sram")) opt.sram = 1;
    else if (!strcmp(a, "--listen")) opt.listen = 1;
    else if (!strcmp(a, "--dry-run")) opt.dry_run = 1;
    else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) opt.verbose = 1;
    else if (a[0] == '-') { fprintf(stderr, "board: unknown option %s\n", a); usage(stderr); return EX_USAGE; }
    else if (!cmd) cmd = a;
    else if (!arg) arg = a;
    else { fprintf(stderr, "board: unexpected argument %s\n", a); return EX_USAGE; }
    continue;
  bad:
    fprintf(stderr, "board: bad value for %s: %s\n", a, val);
    return EX_USAGE;
  }
  if (!cmd) { usage(stderr); return EX_USAGE; }
  int needs_arg = !strcmp(cmd, "program") || !strcmp(cmd, "flash-image") || !strcmp(cmd, "load");
  if (needs_arg && !arg) { fprintf(stderr, "board: %s needs a file argument\n", cmd); return EX_USAGE; }
  if (!needs_arg && arg) { fprintf(stderr, "board: %s takes no argument (got %s)\n", cmd, arg); return EX_USAGE; }
  if (!strcmp(cmd, "program")) return cmd_program(arg);
  if (!strcmp(cmd, "flash-image")) return cmd_flash_image(arg);
  if (!strcmp(cmd, "reset")) return cmd_reset();
  if (!strcmp(cmd, "info")) return cmd_info();
  if (!strcmp(cmd, "load")) return cmd_load(arg);
  if (!strcmp(cmd, "selftest")) return cmd_selftest(image);
  if (!strcmp(cmd, "console")) return cmd_console();
  fprintf(stderr, "board: unknown command %s\n", cmd);
  usage(stderr);
  return EX_USAGE;
}
