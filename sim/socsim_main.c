/* socsim: run a RISC-V ELF on the simulated SoC (docs/simulator.md).
 *
 *   socsim [--max-cycles N] [--ram-mb N] [--mem-latency N] [--trace FILE.fst] [--stats]
 *          [--model rtl|vp] [--board icebreaker [--flash FILE]] [--cosim [--inject-fault N]]
 *          PROGRAM.elf
 *
 * UART0 output goes to stdout, stdin feeds UART0's receiver. Exit status: 0 pass, 1..255 the
 * failure code (clamped), 124 timeout, 2 usage or load error, 3 lockstep mismatch (--cosim).
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cosim.h"
#include "soc_memory_map.h"
#include "socsim.h"

enum { EXIT_USAGE = 2, EXIT_MISMATCH = 3, EXIT_TIMEOUT = 124 };
enum { CHUNK_CYCLES = 1 << 14, RX_LOW_WATER = 64 };

static const char usage_text[] =
    "usage: socsim [options] PROGRAM.elf\n"
    "Runs a 32-bit RISC-V ELF on the simulated SoC (rv_core + RAM, CLINT, PLIC, UART0, finisher).\n"
    "UART0 transmits to stdout; stdin feeds UART0's receiver.\n"
    "\n"
    "options:\n"
    "  --max-cycles N    stop after N clock cycles (exit 124); default: no limit\n"
    "  --ram-mb N        populated RAM in MiB at 0x80000000, 1..256 (default 64)\n"
    "  --mem-latency N   extra wait cycles per RAM access, 0..255 (default 0; SRAM back end)\n"
    "  --memctl ORG      memory controller organisation: table (direct table, default) or\n"
    "                    tlb (TLB + P2M walker); docs/memctl.md\n"
    "  --backend KIND    memory back end: sram (single-cycle, default) or dram (DRAM timing)\n"
    "  --model MODEL     rtl (the verilated RTL, default) or vp (the SystemC virtual platform\n"
    "                    around the reference ISS: fast; a cycle per instruction)\n"
    "  --board BOARD     icebreaker: the SoC in the FPGA board's configuration (boot ROM at\n"
    "                    0x1000, SPI flash, 128 KiB RAM, 1 KiB memctl pages; docs/fpga.md). An\n"
    "                    ELF inside the boot ROM is loaded there; execution starts at the entry\n"
    "  --flash FILE      with --board: SPI flash contents (raw, from flash offset 0)\n"
    "  --trace FILE.fst  write an FST waveform (open with GTKWave)\n"
    "  --stats           print cycles, instructions, CPI and speed to stderr at the end\n"
    "  --cosim           lockstep: check every retired instruction against the reference ISS;\n"
    "                    the first mismatch is reported on stderr (exit 3). With --board:\n"
    "                    programs in RAM only (the ISS has no boot ROM contents)\n"
    "  --inject-fault N  with --cosim, test aid: corrupt (flip bit 0 of) the RTL's register\n"
    "                    write of the Nth instruction (or the next one writing a register)\n"
    "                    before the comparison, to show that the checker catches it\n"
    "  --test-rtl-bug    test aid: run the RTL model built with a planted core bug (SLTU/SLTIU\n"
    "                    compare signed); with --cosim the lockstep checker must report it\n"
    "  --help            this text\n"
    "\n"
    "exit status: 0 pass (finisher 0x5555 or tohost 1); the failure code clamped to 1..255\n"
    "(finisher (code<<16)|0x3333 or tohost (code<<1)|1); 124 --max-cycles reached;\n"
    "2 bad usage or a program that cannot be loaded; 3 lockstep mismatch (--cosim).\n";

static int usage_error(const char *fmt, const char *arg) {
  fprintf(stderr, "socsim: ");
  fprintf(stderr, fmt, arg);
  fprintf(stderr, "\nTry 'socsim --help'.\n");
  return EXIT_USAGE;
}

/* Parses a decimal (or 0x hex) unsigned number in [lo, hi]. */
static int parse_u64(const char *s, uint64_t lo, uint64_t hi, uint64_t *out) {
  if (!s || !*s || *s == '-' || *s == '+' || *s == ' ') return 0;
  char *end;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 0);
  if (errno || *end || v < lo || v > hi) return 0;
  *out = v;
  return 1;
}

static void write_all(int fd, const uint8_t *buf, size_t len) {
  while (len) {
    ssize_t n = write(fd, buf, len);
    if (n < 0) {
      if (errno == EINTR) continue;
      return; /* stdout closed: drop the output, keep simulating */
    }
    buf += n;
    len -= (size_t)n;
  }
}

static void drain_uart(socsim_t *sim) {
  uint8_t buf[4096];
  size_t n;
  while ((n = socsim_uart_read(sim, buf, sizeof buf)) > 0) write_all(STDOUT_FILENO, buf, n);
}

/* Moves whatever stdin has ready into the UART receiver queue without blocking. Returns 0 once
 * stdin is exhausted (EOF, closed, error). */
static int feed_uart(socsim_t *sim) {
  struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
  int r = poll(&p, 1, 0);
  if (r < 0) return errno == EINTR;
  if (r == 0) return 1;
  if (p.revents & POLLNVAL) return 0;
  uint8_t buf[256];
  ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
  if (n < 0) return errno == EINTR || errno == EAGAIN;
  if (n == 0) return 0;
  socsim_uart_write(sim, buf, (size_t)n);
  return 1;
}

static void print_stats(const socsim_counters_t *c) {
  double cpi = c->instret ? (double)c->cycles / (double)c->instret : 0.0;
  double cps = c->host_seconds > 0 ? (double)c->cycles / c->host_seconds : 0.0;
  double ips = c->host_seconds > 0 ? (double)c->instret / c->host_seconds : 0.0;
  fprintf(stderr, "socsim statistics\n");
  fprintf(stderr, "  %-22s %16" PRIu64 "\n", "cycles", c->cycles);
  fprintf(stderr, "  %-22s %16" PRIu64 "\n", "instructions retired", c->instret);
  fprintf(stderr, "  %-22s %16.3f\n", "CPI", cpi);
  fprintf(stderr, "  %-22s %16" PRIu64 "\n", "traps", c->traps);
  fprintf(stderr, "  %-22s %16.3f\n", "host seconds", c->host_seconds);
  fprintf(stderr, "  %-22s %16.0f\n", "cycles/s", cps);
  fprintf(stderr, "  %-22s %16.0f\n", "instructions/s", ips);
}

int main(int argc, char **argv) {
  socsim_config_t cfg = {0};
  uint64_t max_cycles = 0;
  int stats = 0, cosim_on = 0;
  uint64_t inject_fault = 0;
  const char *program = NULL;

  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *val = NULL;
    int which = -1;
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      fputs(usage_text, stdout);
      return 0;
    }
    if (strcmp(a, "--stats") == 0) {
      stats = 1;
      continue;
    }
    if (strcmp(a, "--cosim") == 0) {
      cosim_on = 1;
      continue;
    }
    if (strcmp(a, "--test-rtl-bug") == 0) {
      cfg.test_rtl_bug = 1;
      continue;
    }
    const char *names[] = {"--max-cycles", "--ram-mb", "--mem-latency", "--trace",
                           "--inject-fault", "--memctl", "--backend", "--model",
                           "--board", "--flash"};
    for (int k = 0; k < 10; k++) {
      size_t len = strlen(names[k]);
      if (strncmp(a, names[k], len) == 0 && (a[len] == '\0' || a[len] == '=')) {
        which = k;
        if (a[len] == '=') {
          val = a + len + 1;
        } else if (i + 1 < argc) {
          val = argv[++i];
        } else {
          return usage_error("option %s needs a value", names[k]);
        }
      }
    }
    uint64_t v = 0;
    switch (which) {
      case 0:
        if (!parse_u64(val, 1, UINT64_MAX, &v))
          return usage_error("--max-cycles: '%s' is not a number of cycles >= 1", val);
        max_cycles = v;
        break;
      case 1:
        if (!parse_u64(val, 1, 256, &v))
          return usage_error("--ram-mb: '%s' is not a RAM size in MiB (1..256)", val);
        cfg.ram_mb = (uint32_t)v;
        break;
      case 2:
        if (!parse_u64(val, 0, 255, &v))
          return usage_error("--mem-latency: '%s' is not a wait-cycle count (0..255)", val);
        cfg.mem_latency = (uint32_t)v;
        break;
      case 3:
        if (!*val) return usage_error("--trace: empty file name%s", "");
        cfg.trace_path = val;
        break;
      case 4:
        if (!parse_u64(val, 1, UINT64_MAX, &v))
          return usage_error("--inject-fault: '%s' is not an instruction number >= 1", val);
        inject_fault = v;
        break;
      case 5:
        if (strcmp(val, "table") == 0) {
          cfg.memctl_org = SOCSIM_MEMCTL_TABLE;
        } else if (strcmp(val, "tlb") == 0) {
          cfg.memctl_org = SOCSIM_MEMCTL_TLB;
        } else {
          return usage_error("--memctl: '%s' is not an organisation (table, tlb)", val);
        }
        break;
      case 6:
        if (strcmp(val, "sram") == 0) {
          cfg.memctl_backend = SOCSIM_BACKEND_SRAM;
        } else if (strcmp(val, "dram") == 0) {
          cfg.memctl_backend = SOCSIM_BACKEND_DRAM;
        } else {
          return usage_error("--backend: '%s' is not a back end (sram, dram)", val);
        }
        break;
      case 7:
        if (strcmp(val, "rtl") == 0) {
          cfg.model = SOCSIM_MODEL_RTL;
        } else if (strcmp(val, "vp") == 0) {
          cfg.model = SOCSIM_MODEL_VP;
        } else {
          return usage_error("--model: '%s' is not a model (rtl, vp)", val);
        }
        break;
      case 8:
        if (strcmp(val, "icebreaker") == 0) {
          cfg.board = SOCSIM_BOARD_ICEBREAKER;
        } else {
          return usage_error("--board: '%s' is not a board (icebreaker)", val);
        }
        break;
      case 9:
        if (!*val) return usage_error("--flash: empty file name%s", "");
        cfg.flash_path = val;
        break;
      default:
        if (a[0] == '-' && a[1] != '\0') return usage_error("unknown option '%s'", a);
        if (program) return usage_error("more than one program given ('%s')", a);
        program = a;
        break;
    }
  }
  if (!program) return usage_error("no program given%s", "");
  if (inject_fault && !cosim_on) return usage_error("--inject-fault needs --cosim%s", "");
  if (cosim_on && cfg.model == SOCSIM_MODEL_VP)
    return usage_error("--cosim checks the RTL against the ISS; it needs --model rtl%s", "");
  if (cfg.trace_path && cfg.model == SOCSIM_MODEL_VP)
    return usage_error("--trace writes an RTL waveform; it needs --model rtl%s", "");
  if (cfg.flash_path && cfg.board == SOCSIM_BOARD_DEFAULT)
    return usage_error("--flash needs --board icebreaker%s", "");
  if (cfg.board != SOCSIM_BOARD_DEFAULT &&
      (cfg.ram_mb || cfg.mem_latency || cfg.memctl_org || cfg.memctl_backend || cfg.trace_path ||
       cfg.model != SOCSIM_MODEL_RTL))
    return usage_error("--board icebreaker fixes RAM, memory controller and model; it cannot be "
                       "combined with --ram-mb, --mem-latency, --memctl, --backend, --model "
                       "or --trace%s", "");

  socsim_t *sim = socsim_create(&cfg);
  if (!sim) {
    fprintf(stderr, "socsim: %s\n", socsim_last_error());
    return EXIT_USAGE;
  }
  if (socsim_load_elf(sim, program) != SOCSIM_OK) {
    fprintf(stderr, "socsim: %s\n", socsim_last_error());
    socsim_destroy(sim);
    return EXIT_USAGE;
  }
  socsim_set_max_cycles(sim, max_cycles);
  cosim_t *cosim = NULL;
  if (cosim_on) {
    cosim_config_t cc = {.ram_mb = cfg.ram_mb, .inject_fault = inject_fault};
    if (cfg.board == SOCSIM_BOARD_ICEBREAKER) {
      /* The board (docs/fpga.md): its RAM size (the largest power of two the board model's RAM
       * answers for: 128 KiB), boot ROM and flash window, and a core without Sv32. */
      uint8_t byte;
      for (uint32_t sz = 1u << 30; sz >= 4096 && !cc.ram_bytes; sz >>= 1)
        if (socsim_mem_read(sim, RAM_BASE + sz - 1, &byte, 1) == SOCSIM_OK) cc.ram_bytes = sz;
      cc.board_devices = 1;
      cc.no_sv32 = 1;
    }
    char err[512];
    cosim = cosim_attach(sim, program, &cc, err, sizeof err);
    if (!cosim) {
      fprintf(stderr, "socsim: --cosim: %s\n", err);
      socsim_destroy(sim);
      return EXIT_USAGE;
    }
  }

  int stdin_open = 1;
  int reason;
  for (;;) {
    if (stdin_open && socsim_uart_rx_pending(sim) < RX_LOW_WATER) stdin_open = feed_uart(sim);
    reason = socsim_run(sim, CHUNK_CYCLES);
    drain_uart(sim);
    if (reason != SOCSIM_EXIT_RUNNING) break;
  }

  socsim_counters_t c;
  socsim_counters(sim, &c);
  int status;
  switch (reason) {
    case SOCSIM_EXIT_PASS:
      status = 0;
      break;
    case SOCSIM_EXIT_FAIL: {
      uint32_t code = socsim_exit_code(sim);
      status = code == 0 ? 1 : code > 255 ? 255 : (int)code;
      fprintf(stderr, "socsim: program reported failure code %" PRIu32 " after %" PRIu64
                      " cycles\n", code, c.cycles);
      break;
    }
    case SOCSIM_EXIT_STOPPED:
      status = EXIT_MISMATCH;
      fprintf(stderr, "socsim: lockstep mismatch after %" PRIu64 " cycles (see the report above)\n",
              c.cycles);
      break;
    case SOCSIM_EXIT_TIMEOUT:
      status = EXIT_TIMEOUT;
      fprintf(stderr, "socsim: timeout after %" PRIu64 " cycles (--max-cycles %" PRIu64
                      "), last pc 0x%08" PRIx32 "\n", c.cycles, max_cycles, c.last_pc);
      break;
    default:
      status = EXIT_USAGE;
      fprintf(stderr, "socsim: %s\n", socsim_last_error());
      break;
  }
  if (stats) print_stats(&c);
  if (cosim) {
    cosim_stats_t cs;
    cosim_get_stats(cosim, &cs);
    if (stats)
      fprintf(stderr, "cosim: %" PRIu64 " instructions compared, %" PRIu64 " interrupts, %" PRIu64
                      " bus errors and %" PRIu64 " device loads forwarded to the ISS, %" PRIu64
                      " mismatches\n", cs.compared, cs.interrupts, cs.bus_errors, cs.mmio_loads,
              cs.mismatches);
    cosim_detach(cosim);
  }
  socsim_destroy(sim);
  return status;
}
