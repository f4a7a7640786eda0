/* cosim: lockstep checker of the RTL core against the reference ISS (see cosim.h). */
#include "cosim.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "elf_load.h"
#include "rv_disasm.h"
#include "rv_iss.h"
#include "soc_memory_map.h"

enum { HISTORY = 8 };

struct cosim {
  socsim_t *sim;
  rv_iss_t *iss;
  uint8_t *ram;
  uint32_t ram_bytes;
  cosim_config_t cfg;
  FILE *out;
  const socsim_rvfi_t *cur; /* the RTL entry being checked (for the ISS callbacks) */
  int prev_trap;
  int injected;
  cosim_stats_t st;
  socsim_rvfi_t hist[HISTORY]; /* the last entries that matched */
  unsigned hist_n;
};

/* ---------------------------------------------------------------- the ISS's view of the board */
static int is_device(const cosim_t *c, uint32_t pa) {
  if (pa - FINISHER_BASE < FINISHER_SIZE) return 1;
  if (pa - CLINT_BASE < CLINT_SIZE) return 1;
  if (pa - PLIC_BASE < PLIC_SIZE) return 1;
  if (pa - UART0_BASE < UART0_SIZE) return 1;
#ifdef MEMCTL_BASE
  if (pa - MEMCTL_BASE < MEMCTL_SIZE) return 1;
#endif
#if defined(BOOTROM_BASE) && defined(SPIFLASH_BASE)
  if (c->cfg.board_devices) {
    if (pa - BOOTROM_BASE < BOOTROM_SIZE) return 1;
    if (pa - SPIFLASH_BASE < SPIFLASH_SIZE) return 1;
  }
#else
  (void)c;
#endif
  return 0;
}

/* Device loads return what the RTL read (the ISS models no devices); fetches reach only RAM;
 * everything else (unmapped, RAM beyond the populated size) is a bus error, as on the SoC. */
static int iss_load(void *ctx, uint32_t pa, unsigned size, rv_iss_access_t kind, uint32_t *v) {
  cosim_t *c = ctx;
  if (!is_device(c, pa) || kind == RV_ACC_FETCH || kind == RV_ACC_PTW_FETCH) return 1;
  uint32_t word = 0;
  if (kind == RV_ACC_LOAD && c->cur && c->cur->mem_rmask) {
    word = c->cur->mem_rdata;
    c->st.mmio_loads++;
  }
  word >>= 8 * (pa & 3);
  *v = size == 4 ? word : word & ((1u << (8 * size)) - 1);
  return 0;
}

static int iss_store(void *ctx, uint32_t pa, unsigned size, rv_iss_access_t kind, uint32_t v) {
  (void)size; (void)kind; (void)v;
  return is_device(ctx, pa) ? 0 : 1;
}

/* cycle / time CSR reads: the value the RTL read (its rd value, good for either half). */
static uint64_t iss_counter(void *ctx) {
  cosim_t *c = ctx;
  uint32_t v = c->cur ? c->cur->rd_wdata : 0;
  return ((uint64_t)v << 32) | v;
}

/* ---------------------------------------------------------------- comparison */
enum {
  F_ORDER, F_PC, F_INSN, F_TRAP, F_CAUSE, F_INTR, F_MODE, F_NPC, F_RD_ADDR, F_RD_WDATA,
  F_RS1_ADDR, F_RS1_RDATA, F_RS2_ADDR, F_RS2_RDATA, F_MEM_ADDR, F_MEM_RMASK, F_MEM_WMASK,
  F_MEM_RDATA, F_MEM_WDATA, F_COUNT
};
static const char *const field_names[F_COUNT] = {
    "order", "pc_rdata", "insn", "trap", "trap_cause", "intr", "mode", "pc_wdata", "rd_addr",
    "rd_wdata", "rs1_addr", "rs1_rdata", "rs2_addr", "rs2_rdata", "mem_addr", "mem_rmask",
    "mem_wmask", "mem_rdata", "mem_wdata"};

static uint32_t lanes(unsigned mask) {
  uint32_t m = 0;
  for (unsigned i = 0; i < 4; i++)
    if (mask & (1u << i)) m |= 0xFFu << (8 * i);
  return m;
}

static void fields(const socsim_rvfi_t *r, uint64_t v[F_COUNT]) {
  v[F_ORDER] = r->order; v[F_PC] = r->pc_rdata; v[F_INSN] = r->insn; v[F_TRAP] = r->trap;
  v[F_CAUSE] = r->trap_cause; v[F_INTR] = r->intr; v[F_MODE] = r->mode; v[F_NPC] = r->pc_wdata;
  v[F_RD_ADDR] = r->rd_addr; v[F_RD_WDATA] = r->rd_wdata; v[F_RS1_ADDR] = r->rs1_addr;
  v[F_RS1_RDATA] = r->rs1_rdata; v[F_RS2_ADDR] = r->rs2_addr; v[F_RS2_RDATA] = r->rs2_rdata;
  v[F_MEM_ADDR] = r->mem_addr; v[F_MEM_RMASK] = r->mem_rmask; v[F_MEM_WMASK] = r->mem_wmask;
  v[F_MEM_RDATA] = r->mem_rdata; v[F_MEM_WDATA] = r->mem_wdata;
}

static void from_iss(const rv_iss_retire_t *i, socsim_rvfi_t *r) {
  memset(r, 0, sizeof *r);
  r->order = i->order; r->insn = i->insn; r->trap = i->trap; r->intr = i->intr; r->mode = i->mode;
  r->rs1_addr = i->rs1_addr; r->rs2_addr = i->rs2_addr; r->rd_addr = i->rd_addr;
  r->rs1_rdata = i->rs1_rdata; r->rs2_rdata = i->rs2_rdata; r->rd_wdata = i->rd_wdata;
  r->pc_rdata = i->pc_rdata; r->pc_wdata = i->pc_wdata; r->mem_addr = i->mem_addr;
  r->mem_rmask = i->mem_rmask; r->mem_wmask = i->mem_wmask; r->mem_rdata = i->mem_rdata;
  r->mem_wdata = i->mem_wdata; r->trap_cause = i->trap_cause;
}

/* Bit f set: field f differs. Source operands and the memory address are compared only for
 * instructions that did not trap (the core reports what it decoded; the ISS stops at the trap);
 * memory data only on the lanes of the masks. */
static uint32_t compare(const socsim_rvfi_t *rtl, const socsim_rvfi_t *iss) {
  uint64_t a[F_COUNT], b[F_COUNT];
  fields(rtl, a);
  fields(iss, b);
  uint32_t diff = 0;
  for (int f = 0; f < F_COUNT; f++)
    if (a[f] != b[f]) diff |= 1u << f;
  if (rtl->trap)
    diff &= ~((1u << F_RS1_ADDR) | (1u << F_RS1_RDATA) | (1u << F_RS2_ADDR) |
              (1u << F_RS2_RDATA) | (1u << F_MEM_ADDR));
  diff &= ~((1u << F_MEM_RDATA) | (1u << F_MEM_WDATA));
  if ((rtl->mem_rdata ^ iss->mem_rdata) & lanes(rtl->mem_rmask & iss->mem_rmask))
    diff |= 1u << F_MEM_RDATA;
  if ((rtl->mem_wdata ^ iss->mem_wdata) & lanes(rtl->mem_wmask & iss->mem_wmask))
    diff |= 1u << F_MEM_WDATA;
  return diff;
}

static void print_entry(FILE *o, const char *who, const socsim_rvfi_t *r) {
  char dis[96];
  rv_disasm(r->pc_rdata, r->insn, dis, sizeof dis);
  static const char modes[] = "US?M";
  fprintf(o, "  %s #%" PRIu64 " %c %08" PRIx32 ": %08" PRIx32 "  %-32s", who, r->order,
          modes[r->mode & 3], r->pc_rdata, r->insn, dis);
  if (r->intr) fprintf(o, " [handler]");
  if (r->trap) fprintf(o, " TRAP %" PRIu32, r->trap_cause);
  if (r->rd_addr) fprintf(o, " %s=%08" PRIx32, rv_reg_name(r->rd_addr), r->rd_wdata);
  if (r->mem_rmask) fprintf(o, " ld[%08" PRIx32 "/%x]=%08" PRIx32, r->mem_addr, r->mem_rmask,
                            r->mem_rdata);
  if (r->mem_wmask) fprintf(o, " st[%08" PRIx32 "/%x]=%08" PRIx32, r->mem_addr, r->mem_wmask,
                            r->mem_wdata);
  fprintf(o, " -> %08" PRIx32 "\n", r->pc_wdata);
}

static void report(cosim_t *c, const socsim_rvfi_t *rtl, const socsim_rvfi_t *iss, uint32_t diff,
                   const char *fmt, ...) {
  FILE *o = c->out;
  char dis[96];
  rv_disasm(rtl->pc_rdata, rtl->insn, dis, sizeof dis);
  fprintf(o, "cosim: MISMATCH at instruction %" PRIu64 " (rvfi order %" PRIu64 ", cycle %" PRIu64
             "), pc 0x%08" PRIx32 ": %s\n", c->st.compared + 1, rtl->order, rtl->cycle,
          rtl->pc_rdata, dis);
  if (fmt) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(o, "  ");
    vfprintf(o, fmt, ap);
    fprintf(o, "\n");
    va_end(ap);
  }
  if (iss) {
    uint64_t a[F_COUNT], b[F_COUNT];
    fields(rtl, a);
    fields(iss, b);
    fprintf(o, "  %-12s %-12s %-12s\n", "field", "RTL (actual)", "ISS (expected)");
    for (int f = 0; f < F_COUNT; f++)
      fprintf(o, "  %-12s 0x%08" PRIx64 "   0x%08" PRIx64 "%s\n", field_names[f], a[f], b[f],
              (diff >> f) & 1 ? "   <-- differs" : "");
    if (diff & ((1u << F_MEM_RDATA) | (1u << F_MEM_WDATA)))
      fprintf(o, "  (memory data are compared on the lanes of the masks only)\n");
  }
  fprintf(o, "  core interrupt inputs (mip bits): in WB 0x%03" PRIx32 ", since the previous entry"
             " any 0x%03" PRIx32 " all 0x%03" PRIx32 "; RTL mcause 0x%08" PRIx32 " scause 0x%08"
             PRIx32 "\n", rtl->irq_wb, rtl->irq_any, rtl->irq_all, rtl->mcause, rtl->scause);
  fprintf(o, "  previous entries (matched):\n");
  unsigned n = c->hist_n < HISTORY ? c->hist_n : HISTORY;
  for (unsigned i = c->hist_n - n; i < c->hist_n; i++) print_entry(o, "   ", &c->hist[i % HISTORY]);
  print_entry(o, "RTL", rtl);
  if (iss) print_entry(o, "ISS", iss);
  fflush(o);
  c->st.mismatches++;
}

/* Priority rank of an interrupt code in the order the core takes them (lower = first). */
static int irq_rank(int code) {
  switch (code) {
    case RV_IRQ_MEI: return 0;
    case RV_IRQ_MSI: return 1;
    case RV_IRQ_MTI: return 2;
    case RV_IRQ_SEI: return 3;
    case RV_IRQ_SSI: return 4;
    case RV_IRQ_STI: return 5;
    default: return 6;
  }
}

static int hook(void *ctx, const socsim_rvfi_t *rec) {
  cosim_t *c = ctx;
  if (c->st.mismatches) return 1;
  socsim_rvfi_t rtl = *rec;
  if (c->cfg.inject_fault && !c->injected && rtl.order + 1 >= c->cfg.inject_fault &&
      rtl.rd_addr != 0) {
    rtl.rd_wdata ^= 1; /* test aid: a wrong register write the checker must catch */
    c->injected = 1;
  }
  c->cur = &rtl;

  /* An interrupt: rvfi_intr not explained by the previous entry's exception. The core took it
   * before this instruction; its cause is in the handler mode's xcause. */
  const uint32_t cause = rtl.mode == RV_PRIV_M ? rtl.mcause : rtl.scause;
  int interrupted = rtl.intr && (!c->prev_trap || rv_iss_get_pc(c->iss) != rtl.pc_rdata);
  /* after an exception, a different handler pc without an interrupt cause is a plain mismatch */
  if (interrupted && c->prev_trap && !rtl.trap && !(cause >> 31)) interrupted = 0;
  if (interrupted) {
    rv_iss_set_irq_lines(c->iss, rtl.irq_all);
    int best = rv_iss_pending_interrupt(c->iss);
    rv_iss_set_irq_lines(c->iss, rtl.irq_any);
    int code;
    if (rtl.trap || !(cause >> 31)) {
      /* the handler's first instruction trapped (or rewrote xcause): use the ISS's choice */
      code = rv_iss_pending_interrupt(c->iss);
      if (code < 0) {
        report(c, &rtl, NULL, 0, "the RTL took an interrupt, but none is pending and enabled in "
                                 "the ISS");
        return 1;
      }
    } else {
      code = (int)(cause & 31);
    }
    if (best >= 0 && irq_rank(best) < irq_rank(code)) {
      report(c, &rtl, NULL, 0, "the RTL took interrupt %d while interrupt %d (higher priority) was "
                               "pending and enabled throughout", code, best);
      return 1;
    }
    if (!rv_iss_take_interrupt_code(c->iss, (unsigned)code)) {
      report(c, &rtl, NULL, 0, "the RTL took interrupt %d, which is not pending and enabled in the "
                               "ISS (mip lines 0x%03" PRIx32 ")", code, rtl.irq_any);
      return 1;
    }
    c->st.interrupts++;
  }
  rv_iss_set_irq_lines(c->iss, rtl.irq_wb);

  /* A bus error the core reported: the ISS's next access on that side fails too. */
  if (rtl.trap && (rtl.trap_cause == RV_EXC_INSN_ACCESS || rtl.trap_cause == RV_EXC_LOAD_ACCESS ||
                   rtl.trap_cause == RV_EXC_STORE_ACCESS)) {
    rv_iss_inject_access_fault(c->iss, rtl.trap_cause == RV_EXC_INSN_ACCESS);
    c->st.bus_errors++;
  }

  rv_iss_retire_t ir;
  rv_iss_step(c->iss, &ir);
  if (c->cfg.no_sv32) {
    /* A core without Sv32 has satp and mstatus.SUM read-only 0 (the ISS always implements Sv32):
     * undo what this step wrote there, before any later instruction can see it. */
    uint32_t v;
    if (rv_iss_csr_read(c->iss, 0x180, &v) == 0 && v) rv_iss_csr_write(c->iss, 0x180, 0);
    if (rv_iss_csr_read(c->iss, 0x300, &v) == 0 && (v & (1u << 18)))
      rv_iss_csr_write(c->iss, 0x300, v & ~(1u << 18));
  }
  socsim_rvfi_t iss;
  from_iss(&ir, &iss);
  c->cur = NULL;
  uint32_t diff = compare(&rtl, &iss);
  if (diff) {
    report(c, &rtl, &iss, diff, NULL);
    return 1;
  }
  if (c->cfg.trace) print_entry(c->out, "", &rtl);
  c->hist[c->hist_n++ % HISTORY] = rtl;
  c->prev_trap = rtl.trap;
  c->st.compared++;
  return 0;
}

/* ---------------------------------------------------------------- API */
cosim_t *cosim_attach(socsim_t *sim, const char *elf, const cosim_config_t *cfg, char *err,
                      size_t err_len) {
  cosim_t *c = calloc(1, sizeof *c);
  if (!c) {
    snprintf(err, err_len, "out of memory");
    return NULL;
  }
  if (cfg) c->cfg = *cfg;
  if (!c->cfg.ram_mb) c->cfg.ram_mb = 64;
  c->out = c->cfg.report ? c->cfg.report : stderr;
  c->sim = sim;
  c->ram_bytes = c->cfg.ram_bytes ? c->cfg.ram_bytes : c->cfg.ram_mb << 20;
  c->ram = calloc(c->ram_bytes, 1);
  elf_image_t img;
  if (!c->ram) {
    snprintf(err, err_len, "cannot allocate %u bytes for the ISS's RAM", c->ram_bytes);
    free(c);
    return NULL;
  }
  if (elf_image_load(elf, RAM_BASE, c->ram_bytes, &img, err, err_len) != 0) {
    free(c->ram);
    free(c);
    return NULL;
  }
  for (size_t i = 0; i < img.num_segments; i++)
    memcpy(c->ram + (img.segments[i].paddr - RAM_BASE), img.segments[i].data,
           img.segments[i].filesz);
  uint32_t entry = img.entry;
  elf_image_free(&img);

  rv_iss_config_t ic;
  rv_iss_default_config(&ic);
  ic.ram = c->ram;
  ic.ram_base = RAM_BASE;
  ic.ram_size = c->ram_bytes;
  ic.ctx = c;
  ic.load = iss_load;
  ic.store = iss_store;
  ic.time = iss_counter;
  ic.cycle = iss_counter;
  ic.manual_interrupts = 1;
  c->iss = rv_iss_create(&ic);
  if (!c->iss) {
    snprintf(err, err_len, "cannot create the ISS");
    free(c->ram);
    free(c);
    return NULL;
  }
  rv_iss_reset(c->iss, entry);
  socsim_set_retire_hook(sim, hook, c);
  return c;
}

void cosim_detach(cosim_t *c) {
  if (!c) return;
  socsim_set_retire_hook(c->sim, NULL, NULL);
  rv_iss_destroy(c->iss);
  free(c->ram);
  free(c);
}

int cosim_mismatch(const cosim_t *c) { return c && c->st.mismatches != 0; }

void cosim_get_stats(const cosim_t *c, cosim_stats_t *out) {
  if (c && out) *out = c->st;
}
