/* rviss: run a RISC-V ELF on the reference ISS (sim/iss/rv_iss.h) with a flat RAM, the test
 * finisher, UART0 and the CLINT of the SoC's memory map (docs/simulator.md, "ISS").
 *
 *   rviss [--max-insns N] [--ram-mb N] [--trace] [--stats] [--hw-ad] [--misaligned] PROGRAM.elf
 *
 * Exit status as socsim: 0 pass, 1..255 failure code (clamped), 124 --max-insns reached,
 * 2 usage or load error.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "elf_load.h"
#include "rv_disasm.h"
#include "rv_iss.h"
#include "soc_memory_map.h"

enum { EXIT_USAGE = 2, EXIT_TIMEOUT = 124 };
enum { CHUNK = 4096 };

static const char usage_text[] =
    "usage: rviss [options] PROGRAM.elf\n"
    "Runs a 32-bit RISC-V ELF on the reference instruction-set simulator with RAM at 0x80000000,\n"
    "the test finisher, CLINT and UART0 (stdout / stdin) of the SoC's memory map.\n"
    "\n"
    "options:\n"
    "  --max-insns N   stop after N instructions (exit 124); default: no limit\n"
    "  --ram-mb N      RAM in MiB at 0x80000000, 1..256 (default 64)\n"
    "  --trace         print every instruction (retirement record + disassembly) to stderr\n"
    "  --stats         print instructions, traps and speed to stderr at the end\n"
    "  --hw-ad         hardware updates PTE A/D bits (default: page fault, like the RTL core)\n"
    "  --misaligned    perform misaligned loads/stores (default: trap, like the RTL core)\n"
    "  --help          this text\n"
    "\n"
    "exit status: 0 pass (finisher 0x5555 or tohost 1); the failure code clamped to 1..255;\n"
    "124 --max-insns reached; 2 bad usage or a program that cannot be loaded.\n"
    "mtime advances by one per instruction.\n";

typedef struct board {
  rv_iss_t *iss;
  int state;      /* 0 running, 1 pass, 2 fail */
  uint32_t code;
  /* CLINT */
  uint32_t msip;
  uint64_t mtimecmp;
  uint64_t mtime_offset; /* mtime = steps + offset */
  /* UART0 */
  uint8_t ier, lcr, mcr, scr, dll, dlm, fcr;
  uint8_t rx[256];
  size_t rx_head, rx_len;
  int rx_open;
} board_t;

static uint64_t mtime_now(board_t *b) { return rv_iss_steps(b->iss) + b->mtime_offset; }
static uint64_t time_cb(void *ctx) { return mtime_now(ctx); }

static void finisher_write(board_t *b, uint32_t word) {
  if (b->state) return;
  if ((word & 0xFFFF) == FINISHER_PASS) {
    b->state = 1;
  } else if ((word & 0xFFFF) == FINISHER_FAIL) {
    b->state = 2;
    b->code = word >> 16;
  } else {
    return;
  }
  rv_iss_stop(b->iss);
}

/* Reads whatever stdin has ready, without blocking. */
static void uart_poll_input(board_t *b) {
  if (!b->rx_open || b->rx_len) return;
  fflush(stdout);
  struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
  int r = poll(&p, 1, 0);
  if (r < 0) {
    if (errno != EINTR) b->rx_open = 0;
    return;
  }
  if (r == 0) return;
  if (p.revents & POLLNVAL) {
    b->rx_open = 0;
    return;
  }
  ssize_t n = read(STDIN_FILENO, b->rx, sizeof b->rx);
  if (n <= 0) {
    if (n == 0 || (errno != EINTR && errno != EAGAIN)) b->rx_open = 0;
    return;
  }
  b->rx_head = 0;
  b->rx_len = (size_t)n;
}

static uint8_t uart_read(board_t *b, uint32_t off) {
  int dlab = b->lcr & 0x80;
  switch (off) {
    case UART_RBR_THR:
      if (dlab) return b->dll;
      uart_poll_input(b);
      if (b->rx_len) {
        b->rx_len--;
        return b->rx[b->rx_head++];
      }
      return 0;
    case UART_IER: return dlab ? b->dlm : b->ier;
    case UART_IIR_FCR: return (uint8_t)(((b->fcr & 1) ? 0xC0 : 0) | 0x01);
    case UART_LCR: return b->lcr;
    case UART_MCR: return b->mcr;
    case UART_LSR:
      uart_poll_input(b);
      return (uint8_t)(UART_LSR_THRE | UART_LSR_TEMT | (b->rx_len ? UART_LSR_DR : 0));
    case UART_MSR: return 0xB0;
    case UART_SCR: return b->scr;
    default: return 0;
  }
}

static void uart_write(board_t *b, uint32_t off, uint8_t v) {
  int dlab = b->lcr & 0x80;
  switch (off) {
    case UART_RBR_THR:
      if (dlab) b->dll = v;
      else putchar(v);
      break;
    case UART_IER:
      if (dlab) b->dlm = v;
      else b->ier = v & 0x0F;
      break;
    case UART_IIR_FCR:
      b->fcr = v & 0xC1;
      if (v & 2) b->rx_len = 0;
      break;
    case UART_LCR: b->lcr = v; break;
    case UART_MCR: b->mcr = v & 0x1F; break;
    case UART_SCR: b->scr = v; break;
    default: break;
  }
}

static uint8_t clint_read_byte(board_t *b, uint32_t off) {
  if (off < 4) return (uint8_t)(off == 0 ? b->msip : 0);
  if (off >= CLINT_MTIMECMP && off < CLINT_MTIMECMP + 8)
    return (uint8_t)(b->mtimecmp >> (8 * (off - CLINT_MTIMECMP)));
  if (off >= CLINT_MTIME && off < CLINT_MTIME + 8)
    return (uint8_t)(mtime_now(b) >> (8 * (off - CLINT_MTIME)));
  return 0;
}

static void clint_write_byte(board_t *b, uint32_t off, uint8_t v) {
  if (off == 0) {
    b->msip = v & 1;
  } else if (off >= CLINT_MTIMECMP && off < CLINT_MTIMECMP + 8) {
    unsigned sh = 8 * (off - CLINT_MTIMECMP);
    b->mtimecmp = (b->mtimecmp & ~(0xFFull << sh)) | ((uint64_t)v << sh);
  } else if (off >= CLINT_MTIME && off < CLINT_MTIME + 8) {
    unsigned sh = 8 * (off - CLINT_MTIME);
    uint64_t t = mtime_now(b);
    t = (t & ~(0xFFull << sh)) | ((uint64_t)v << sh);
    b->mtime_offset = t - rv_iss_steps(b->iss);
  }
}

static void update_irq(board_t *b) {
  uint32_t lines = 0;
  if (b->msip) lines |= RV_MIP_MSIP;
  if (mtime_now(b) >= b->mtimecmp) lines |= RV_MIP_MTIP;
  rv_iss_set_irq_lines(b->iss, lines);
}

static int bus_load(void *ctx, uint32_t pa, unsigned size, rv_iss_access_t kind, uint32_t *v) {
  board_t *b = ctx;
  if (kind == RV_ACC_FETCH || kind == RV_ACC_PTW_FETCH) return 1; /* fetch: RAM only */
  uint32_t r = 0;
  if (pa - FINISHER_BASE < FINISHER_SIZE) {
    r = 0;
  } else if (pa - CLINT_BASE < CLINT_SIZE) {
    for (unsigned i = 0; i < size; i++) r |= (uint32_t)clint_read_byte(b, pa - CLINT_BASE + i) << (8 * i);
  } else if (pa - PLIC_BASE < PLIC_SIZE) {
    r = 0; /* no interrupt sources are modelled */
  } else if (pa - UART0_BASE < UART0_SIZE) {
    for (unsigned i = 0; i < size; i++) r |= (uint32_t)uart_read(b, pa - UART0_BASE + i) << (8 * i);
  } else {
    return 1;
  }
  *v = r;
  return 0;
}

static int bus_store(void *ctx, uint32_t pa, unsigned size, rv_iss_access_t kind, uint32_t v) {
  board_t *b = ctx;
  (void)kind;
  if (pa - FINISHER_BASE < FINISHER_SIZE) {
    if (pa == FINISHER_BASE) finisher_write(b, v);
  } else if (pa - CLINT_BASE < CLINT_SIZE) {
    for (unsigned i = 0; i < size; i++) clint_write_byte(b, pa - CLINT_BASE + i, (uint8_t)(v >> (8 * i)));
    rv_iss_stop(b->iss); /* interrupt lines may change */
  } else if (pa - PLIC_BASE < PLIC_SIZE) {
    /* ignored */
  } else if (pa - UART0_BASE < UART0_SIZE) {
    for (unsigned i = 0; i < size; i++) uart_write(b, pa - UART0_BASE + i, (uint8_t)(v >> (8 * i)));
  } else {
    return 1;
  }
  return 0;
}

static int usage_error(const char *fmt, const char *arg) {
  fprintf(stderr, "rviss: ");
  fprintf(stderr, fmt, arg);
  fprintf(stderr, "\nTry 'rviss --help'.\n");
  return EXIT_USAGE;
}

static int parse_u64(const char *s, uint64_t lo, uint64_t hi, uint64_t *out) {
  if (!s || !*s || *s == '-' || *s == '+' || *s == ' ') return 0;
  char *end;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 0);
  if (errno || *end || v < lo || v > hi) return 0;
  *out = v;
  return 1;
}

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  uint64_t max_insns = 0, ram_mb = 64;
  int trace = 0, stats = 0, hw_ad = 0, misaligned = 0;
  const char *program = NULL;

  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      fputs(usage_text, stdout);
      return 0;
    }
    if (!strcmp(a, "--trace")) { trace = 1; continue; }
    if (!strcmp(a, "--stats")) { stats = 1; continue; }
    if (!strcmp(a, "--hw-ad")) { hw_ad = 1; continue; }
    if (!strcmp(a, "--misaligned")) { misaligned = 1; continue; }
    const char *names[] = {"--max-insns", "--ram-mb"};
    int which = -1;
    const char *val = NULL;
    for (int k = 0; k < 2; k++) {
      size_t len = strlen(names[k]);
      if (!strncmp(a, names[k], len) && (a[len] == '\0' || a[len] == '=')) {
        which = k;
        if (a[len] == '=') val = a + len + 1;
        else if (i + 1 < argc) val = argv[++i];
        else return usage_error("option %s needs a value", names[k]);
      }
    }
    if (which == 0) {
      if (!parse_u64(val, 1, UINT64_MAX, &max_insns))
        return usage_error("--max-insns: '%s' is not a number of instructions >= 1", val);
    } else if (which == 1) {
      if (!parse_u64(val, 1, RAM_SIZE >> 20, &ram_mb))
        return usage_error("--ram-mb: '%s' is not a RAM size in MiB (1..256)", val);
    } else if (a[0] == '-' && a[1]) {
      return usage_error("unknown option '%s'", a);
    } else if (program) {
      return usage_error("more than one program given ('%s')", a);
    } else {
      program = a;
    }
  }
  if (!program) return usage_error("no program given%s", "");

  uint32_t ram_bytes = (uint32_t)ram_mb << 20;
  elf_image_t img;
  char err[512];
  if (elf_image_load(program, RAM_BASE, ram_bytes, &img, err, sizeof err) != 0) {
    fprintf(stderr, "rviss: %s\n", err);
    return EXIT_USAGE;
  }
  uint8_t *ram = calloc(ram_bytes, 1);
  if (!ram) {
    fprintf(stderr, "rviss: cannot allocate %u MiB of RAM\n", (unsigned)ram_mb);
    return EXIT_USAGE;
  }
  for (size_t i = 0; i < img.num_segments; i++) {
    const elf_segment_t *seg = &img.segments[i];
    memcpy(ram + (seg->paddr - RAM_BASE), seg->data, seg->filesz);
  }
  int has_tohost = img.has_tohost && img.tohost >= RAM_BASE &&
                   (uint64_t)img.tohost + 4 <= (uint64_t)RAM_BASE + ram_bytes;
  uint32_t tohost_off = has_tohost ? img.tohost - RAM_BASE : 0;
  uint32_t entry = img.entry;
  elf_image_free(&img);

  board_t b = {0};
  b.mtimecmp = UINT64_MAX;
  b.rx_open = 1;
  rv_iss_config_t cfg;
  rv_iss_default_config(&cfg);
  cfg.ram = ram;
  cfg.ram_base = RAM_BASE;
  cfg.ram_size = ram_bytes;
  cfg.ctx = &b;
  cfg.load = bus_load;
  cfg.store = bus_store;
  cfg.time = time_cb;
  cfg.hw_ad_update = hw_ad;
  cfg.misaligned_access = misaligned;
  b.iss = rv_iss_create(&cfg);
  if (!b.iss) {
    fprintf(stderr, "rviss: cannot create the ISS\n");
    return EXIT_USAGE;
  }
  rv_iss_reset(b.iss, entry);

  const double t0 = now_seconds();
  uint64_t traps = 0;
  int timeout = 0;
  while (!b.state) {
    uint64_t done = rv_iss_steps(b.iss);
    if (max_insns && done >= max_insns) {
      timeout = 1;
      break;
    }
    update_irq(&b);
    uint64_t n = CHUNK;
    if (max_insns && max_insns - done < n) n = max_insns - done;
    uint64_t now = mtime_now(&b);
    if (now < b.mtimecmp && b.mtimecmp - now < n) n = b.mtimecmp - now; /* stop when MTIP rises */
    if (trace) {
      for (uint64_t i = 0; i < n && !b.state; i++) {
        rv_iss_retire_t r;
        char line[256], dis[96];
        rv_iss_step(b.iss, &r);
        rv_iss_format_retire(&r, line, sizeof line);
        rv_disasm(r.pc_rdata, r.insn, dis, sizeof dis);
        fprintf(stderr, "%s  %s\n", line, dis);
        traps += r.intr;
        update_irq(&b); /* a CLINT store may have changed the lines */
      }
    } else {
      rv_iss_run(b.iss, n);
    }
    if (has_tohost && !b.state) {
      uint32_t v;
      memcpy(&v, ram + tohost_off, 4);
      if (v == 1) {
        b.state = 1;
      } else if (v & 1) {
        b.state = 2;
        b.code = v >> 1;
      }
    }
  }
  const double secs = now_seconds() - t0;
  fflush(stdout);

  int status = 0;
  if (timeout) {
    status = EXIT_TIMEOUT;
    fprintf(stderr, "rviss: timeout after %" PRIu64 " instructions (--max-insns %" PRIu64
                    "), pc 0x%08" PRIx32 "\n", rv_iss_steps(b.iss), max_insns,
            rv_iss_get_pc(b.iss));
  } else if (b.state == 2) {
    status = b.code == 0 ? 1 : b.code > 255 ? 255 : (int)b.code;
    fprintf(stderr, "rviss: program reported failure code %" PRIu32 " after %" PRIu64
                    " instructions\n", b.code, rv_iss_steps(b.iss));
  }
  if (stats) {
    uint64_t steps = rv_iss_steps(b.iss), instret = rv_iss_instret(b.iss);
    fprintf(stderr, "rviss statistics\n");
    fprintf(stderr, "  %-22s %16" PRIu64 "\n", "instructions executed", steps);
    fprintf(stderr, "  %-22s %16" PRIu64 "\n", "minstret", instret);
    if (trace) fprintf(stderr, "  %-22s %16" PRIu64 "\n", "traps", traps);
    fprintf(stderr, "  %-22s %16.3f\n", "host seconds", secs);
    fprintf(stderr, "  %-22s %16.0f\n", "instructions/s", secs > 0 ? (double)steps / secs : 0.0);
  }
  rv_iss_destroy(b.iss);
  free(ram);
  return status;
}
