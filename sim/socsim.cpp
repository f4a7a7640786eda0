// socsim board harness: the C API of socsim.h around the verilated SoC.
// C++ only because Verilator's models are C++; everything else of the simulator is C.
//
// Two models of the same RTL are linked in: Vsoc_top (no tracing, fastest) and Vsoc_top_trace
// (FST tracing compiled in). A board uses the traced model only when it was created with a trace
// path. The RAM storage is the board's own malloc'ed array, reached by the model through the
// DPI-C functions socsim_ram_read/socsim_ram_write; a thread-local "current board" pointer, set
// around every eval, routes those calls, so any number of boards can live in one process.
#include "socsim.h"

#include <errno.h>
#include <time.h>

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <memory>
#include <string>
#include <new>
#include <vector>

#include "Vsoc_top.h"
#include "Vsoc_top__Dpi.h"
#include "Vsoc_top___024root.h"  // public internal signals (rtl/soc/soc_sim_public.vlt)
#include "Vsoc_top_trace.h"
#include "Vsoc_top_trace___024root.h"
#include "Vsoc_bug.h"               // test_rtl_bug: the planted-bug model
#include "Vsoc_bug___024root.h"
#include "Vsoc_board.h"             // SOCSIM_BOARD_ICEBREAKER (docs/fpga.md)
#include "Vsoc_board___024root.h"
#include "elf_load.h"
#include "soc_memory_map.h"
#include "verilated.h"
#include "verilated_fst_c.h"
#ifdef SOCSIM_HAVE_VP
#include "vp.h"  // the SystemC virtual platform (sim/vp), SOCSIM_MODEL_VP
#else
namespace socsim_vp {
struct Board;
}
#endif

namespace {

constexpr uint32_t kDefaultRamMb = 64;
constexpr uint32_t kMaxRamMb = RAM_SIZE >> 20;
constexpr uint32_t kMaxMemLatency = 255;
constexpr int kResetCycles = 4;

thread_local char t_error[512] = "no error";

int set_error(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int set_error(int status, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(t_error, sizeof t_error, fmt, ap);
  va_end(ap);
  return status;
}

double now_seconds() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace

struct socsim {
  std::unique_ptr<VerilatedContext> ctx;
  std::unique_ptr<Vsoc_top> fast;         // exactly one of fast / traced exists
  std::unique_ptr<Vsoc_top_trace> traced;
  std::unique_ptr<Vsoc_bug> bug;          // test_rtl_bug (then fast/traced/board are empty)
  std::unique_ptr<Vsoc_board> board;      // SOCSIM_BOARD_ICEBREAKER (then fast/traced are empty)
  std::unique_ptr<VerilatedFstC> trace;
  uint64_t trace_time = 0;                // one time unit per clock edge

  socsim_vp::Board *vp = nullptr;  // SOCSIM_MODEL_VP: the virtual platform (no Verilator model)
  uint8_t *ram = nullptr;           // RTL: malloc'ed; VP: the memory controller model's memory
  uint32_t ram_bytes = 0;
  uint32_t mem_latency = 0;
  uint32_t memctl_org = 0;      // SOCSIM_MEMCTL_*
  uint32_t memctl_backend = 0;  // SOCSIM_BACKEND_*
  uint32_t boot_addr = RAM_BASE;

  uint64_t max_cycles = 0;
  socsim_counters_t counters{};
  int state = SOCSIM_EXIT_RUNNING;  // PASS / FAIL are sticky until the next reset or load
  uint32_t exit_code = 0;

  bool has_tohost = false;
  uint32_t tohost_offset = 0;  // byte offset of `tohost` in RAM

  socsim_retire_hook_t hook = nullptr;  // retirement hook (lockstep checker)
  void *hook_ctx = nullptr;
  uint32_t irq_any = 0, irq_all = ~0u;  // interrupt inputs since the previous rvfi entry

  // SPI flash model of the board (SOCSIM_BOARD_ICEBREAKER): READ (0x03) and anything else ignored
  std::vector<uint8_t> flash;  // contents; reads beyond it return 0xFF (erased)
  uint8_t spi_sck = 0, spi_cs_n = 1, spi_miso = 1;
  uint32_t spi_bits = 0;       // bits received since CS# went low
  uint32_t spi_cmd = 0;        // command byte, then the address
  uint32_t spi_addr = 0;
  uint32_t spi_out_bit = 0;

  std::deque<uint8_t> rx;      // bytes for the UART receiver
  std::vector<uint8_t> tx;     // bytes the UART transmitted, not yet drained
  size_t tx_head = 0;

  ~socsim() {
    if (trace) trace->close();
    if (fast) fast->final();
    if (traced) traced->final();
    if (board) board->final();
    if (bug) bug->final();
#ifdef SOCSIM_HAVE_VP
    if (vp) {
      socsim_vp::destroy(vp);
      return;
    }
#endif
    std::free(ram);
  }
};

// ------------------------------------------------------------------ DPI: RAM storage
static thread_local socsim *t_board = nullptr;

namespace {

struct BoardScope {
  explicit BoardScope(socsim *s) : prev(t_board) { t_board = s; }
  ~BoardScope() { t_board = prev; }
  BoardScope(const BoardScope &) = delete;
  BoardScope &operator=(const BoardScope &) = delete;
  socsim *prev;
};

// A store touched the word of `tohost`: 1 = pass, (code << 1) | 1 = failure code. Even non-zero
// values are riscv-tests "syscall" requests, which socsim does not implement (ignored).
void check_tohost(socsim *s, uint32_t offset) {
  if (!s->has_tohost || (offset >> 2) != (s->tohost_offset >> 2)) return;
  uint32_t v;
  std::memcpy(&v, s->ram + s->tohost_offset, 4);
  if (v == 0 || s->state != SOCSIM_EXIT_RUNNING) return;
  if (v == 1) {
    s->state = SOCSIM_EXIT_PASS;
  } else if (v & 1) {
    s->state = SOCSIM_EXIT_FAIL;
    s->exit_code = v >> 1;
  }
}

}  // namespace

// offset: byte offset from RAM_BASE, word aligned; the memory controller (rtl/mem/memctl_storage.sv)
// only calls with offset < ram_size_i.
extern "C" unsigned int socsim_ram_read(unsigned int offset) {
  socsim *s = t_board;
  if (!s || offset > s->ram_bytes - 4) return 0;
  uint32_t v;
  std::memcpy(&v, s->ram + offset, 4);
  return v;
}

extern "C" void socsim_ram_write(unsigned int offset, unsigned int data, unsigned int be) {
  socsim *s = t_board;
  if (!s || offset > s->ram_bytes - 4) return;
  uint8_t *p = s->ram + offset;
  if ((be & 0xf) == 0xf) {
    std::memcpy(p, &data, 4);
  } else {
    for (unsigned i = 0; i < 4; i++) {
      if (be & (1u << i)) p[i] = static_cast<uint8_t>(data >> (8 * i));
    }
  }
  check_tohost(s, offset);
}

// ------------------------------------------------------------------ stepping
namespace {

template <class Model>
struct ModelTraits {
  static constexpr bool traced = false;
  static constexpr bool board = false;
};
template <>
struct ModelTraits<Vsoc_top_trace> {
  static constexpr bool traced = true;
  static constexpr bool board = false;
};
template <>
struct ModelTraits<Vsoc_board> {
  static constexpr bool traced = false;
  static constexpr bool board = true;
};


// Verilator 5 finds a clock edge by comparing clk_i with the value the previous eval() saw
// (__Vtrigrprev__TOP__clk_i). Nothing in the SoC acts on the falling edge and no logic depends
// combinationally on a top-level input that changes (rtl/soc/soc_top.sv registers them), so the
// eval() with the clock low only records clk_i = 0 for the next rising edge. fall_without_eval
// records it directly (half the eval() calls); the rising eval() then evaluates the inputs the
// harness changed with the clock low (input-combinational region) before the edge, as it would
// have. Where the member does not exist (another Verilator version), it returns false and the
// caller evaluates.
template <class Root>
inline auto fall_without_eval(Root *r, int) -> decltype(r->__Vtrigrprev__TOP__clk_i = 0, true) {
  r->__Vtrigrprev__TOP__clk_i = 0;
  return true;
}
template <class Root>
inline bool fall_without_eval(Root *, long) {
  return false;
}

template <class Model>
inline void half_cycle(socsim *s, Model *m, uint8_t clk) {
  m->clk_i = clk;
  m->eval();
  if (ModelTraits<Model>::traced) s->trace->dump(s->trace_time++);
}

void handle_finisher(socsim *s, uint32_t word) {
  if (s->state != SOCSIM_EXIT_RUNNING) return;
  switch (word & 0xffff) {
    case FINISHER_PASS:
      s->state = SOCSIM_EXIT_PASS;
      break;
    case FINISHER_FAIL:
      s->state = SOCSIM_EXIT_FAIL;
      s->exit_code = word >> 16;
      break;
    default:  // 0x7777 (reset request) and anything else: ignored
      break;
  }
}

template <class Model>
void hold_reset(socsim *s, Model *m) {
  BoardScope scope(s);
  m->boot_addr_i = s->boot_addr;
  m->mem_latency_i = static_cast<uint8_t>(s->mem_latency);
  m->ram_size_i = s->ram_bytes;
  m->memctl_org_i = static_cast<uint8_t>(s->memctl_org);
  m->memctl_backend_i = static_cast<uint8_t>(s->memctl_backend);
  m->uart_rx_valid_i = 0;
  m->uart_rx_data_i = 0;
  if constexpr (ModelTraits<Model>::board) {
    s->spi_cs_n = 1;
    s->spi_sck = 0;
    s->spi_miso = 1;
    m->spi_miso_i = 1;
  }
  m->rst_ni = 0;
  for (int i = 0; i < kResetCycles; i++) {
    half_cycle(s, m, 0);
    half_cycle(s, m, 1);
  }
  m->rst_ni = 1;
  half_cycle(s, m, 0);
  s->counters = socsim_counters_t{};
  s->counters.last_pc = s->boot_addr;
  s->irq_any = 0;
  s->irq_all = ~0u;
  s->state = SOCSIM_EXIT_RUNNING;
  s->exit_code = 0;
}

void reset_board(socsim *s) {
#ifdef SOCSIM_HAVE_VP
  if (s->vp) {
    socsim_vp::reset(s->vp, s->boot_addr);
    s->counters = socsim_counters_t{};
    s->counters.last_pc = s->boot_addr;
    s->state = SOCSIM_EXIT_RUNNING;
    s->exit_code = 0;
    return;
  }
#endif
  if (s->bug) {
    hold_reset(s, s->bug.get());
  } else if (s->board) {
    hold_reset(s, s->board.get());
  } else if (s->traced) {
    hold_reset(s, s->traced.get());
  } else {
    hold_reset(s, s->fast.get());
  }
}

// The core's interrupt inputs as mip bits (public signals, rtl/soc/soc_sim_public.vlt).
template <class Model>
inline uint32_t irq_lines(Model *m) {
  const auto *r = m->rootp;
  return (uint32_t{r->soc_top__DOT__irq_msoft} << 3) | (uint32_t{r->soc_top__DOT__irq_mtimer} << 7) |
         (uint32_t{(r->soc_top__DOT__irq_ext >> 1) & 1u} << 9) |
         (uint32_t{r->soc_top__DOT__irq_ext & 1u} << 11);
}

// Passes the rvfi entry of this cycle to the retirement hook; irq = inputs of the WB cycle.
template <class Model>
void call_hook(socsim *s, Model *m, uint32_t irq, uint64_t cycle) {
  socsim_rvfi_t r;
  r.order = m->rvfi_order_o;
  r.insn = m->rvfi_insn_o;
  r.trap = m->rvfi_trap_o;
  r.intr = m->rvfi_intr_o;
  r.mode = m->rvfi_mode_o;
  r.rs1_addr = m->rvfi_rs1_addr_o;
  r.rs2_addr = m->rvfi_rs2_addr_o;
  r.rd_addr = m->rvfi_rd_addr_o;
  r.rs1_rdata = m->rvfi_rs1_rdata_o;
  r.rs2_rdata = m->rvfi_rs2_rdata_o;
  r.rd_wdata = m->rvfi_rd_wdata_o;
  r.pc_rdata = m->rvfi_pc_rdata_o;
  r.pc_wdata = m->rvfi_pc_wdata_o;
  r.mem_addr = m->rvfi_mem_addr_o;
  r.mem_rmask = m->rvfi_mem_rmask_o;
  r.mem_wmask = m->rvfi_mem_wmask_o;
  r.mem_rdata = m->rvfi_mem_rdata_o;
  r.mem_wdata = m->rvfi_mem_wdata_o;
  r.trap_cause = m->rvfi_trap_cause_o;
  r.irq_wb = irq;
  r.irq_any = s->irq_any;
  r.irq_all = s->irq_all;
  r.mcause = m->rootp->soc_top__DOT__g_core__DOT__u_core__DOT__u_csr__DOT__mcause_q;
  r.scause = m->rootp->soc_top__DOT__g_core__DOT__u_core__DOT__u_csr__DOT__scause_q;
  r.cycle = cycle;
  s->irq_any = 0;
  s->irq_all = ~0u;
  if (s->hook(s->hook_ctx, &r) != 0 && s->state == SOCSIM_EXIT_RUNNING)
    s->state = SOCSIM_EXIT_STOPPED;
}

// SPI flash model (board): called after every rising edge with the pins the SoC drives; updates
// MISO for the next cycle. Mode 0: the flash samples MOSI on rising SCK and shifts its output on
// falling SCK. Commands: READ (0x03) + 24-bit address, then data bytes MSB first, the address
// incrementing for as long as CS# stays low; every other command is accepted and ignored
// (RELEASE POWER-DOWN 0xAB included).
template <class Model>
inline void flash_step(socsim *s, Model *m) {
  const uint8_t cs_n = m->spi_cs_no, sck = m->spi_sck_o;
  if (cs_n) {
    s->spi_bits = 0;
    s->spi_cmd = 0;
    s->spi_miso = 1;
  } else if (s->spi_cs_n) {
    s->spi_bits = 0;  // CS# fell: a new command
    s->spi_cmd = 0;
  } else if (sck && !s->spi_sck) {  // rising edge: shift in
    if (s->spi_bits < 32) s->spi_cmd = (s->spi_cmd << 1) | (m->spi_mosi_o & 1u);
    s->spi_bits++;
    if (s->spi_bits == 32) {
      s->spi_addr = s->spi_cmd & 0xFFFFFFu;
      s->spi_out_bit = 0;
    }
  } else if (!sck && s->spi_sck && s->spi_bits >= 32 && (s->spi_cmd >> 24) == 0x03) {
    // falling edge: next output bit
    const uint32_t a = s->spi_addr & 0xFFFFFFu;
    const uint8_t byte = a < s->flash.size() ? s->flash[a] : 0xFF;
    s->spi_miso = (byte >> (7 - s->spi_out_bit)) & 1u;
    if (++s->spi_out_bit == 8) {
      s->spi_out_bit = 0;
      s->spi_addr++;
    }
  }
  s->spi_cs_n = cs_n;
  s->spi_sck = sck;
  m->spi_miso_i = s->spi_miso;
}

// Runs until cycle `end` or until the program ends; the clock is low on entry and on exit.
template <class Model>
void run_loop(socsim *s, Model *m, uint64_t end) {
  socsim_counters_t &c = s->counters;
  uint64_t cyc = c.cycles, instret = c.instret, traps = c.traps;
  uint32_t last_pc = c.last_pc;
  while (cyc < end) {
    // The clock is low and the inputs have settled: the rising edge samples them.
    const bool rx_valid = !s->rx.empty();
    const bool rx_taken = rx_valid && m->uart_rx_ready_o;
    uint32_t irq = 0;
    if (s->hook) {  // the inputs of this cycle, seen by the instruction now in WB
      irq = irq_lines(m);
      s->irq_any |= irq;
      s->irq_all &= irq;
    }
    half_cycle(s, m, 1);
    cyc++;
    if (rx_taken) s->rx.pop_front();
    if (m->rvfi_valid_o) {
      // riscv-formal conventions: rvfi_trap = this instruction raised an exception (it does not
      // retire); rvfi_intr = first instruction of a trap handler, so one per trap taken.
      last_pc = m->rvfi_pc_rdata_o;
      if (!m->rvfi_trap_o) instret++;
      if (m->rvfi_intr_o) traps++;
      if (s->hook) call_hook(s, m, irq, cyc);
    }
    if (m->uart_tx_valid_o) s->tx.push_back(m->uart_tx_data_o);
    if (m->finish_valid_o) handle_finisher(s, m->finish_word_o);
    if constexpr (ModelTraits<Model>::board) flash_step(s, m);
    // Present the next cycle's inputs and let them settle with the clock low.
    const bool rx_next = !s->rx.empty();
    m->uart_rx_valid_i = rx_next;
    if (rx_next) m->uart_rx_data_i = s->rx.front();
    if (ModelTraits<Model>::traced) {
      half_cycle(s, m, 0);  // the waveform shows the falling edge
    } else {
      m->clk_i = 0;
      if (!fall_without_eval(m->rootp, 0)) m->eval();
    }
    if (s->state != SOCSIM_EXIT_RUNNING) break;
  }
  c.cycles = cyc;
  c.instret = instret;
  c.traps = traps;
  c.last_pc = last_pc;
}

// Makes the receiver input reflect the queue (bytes may have been queued between runs).
template <class Model>
void settle_inputs(socsim *s, Model *m) {
  const bool rx_valid = !s->rx.empty();
  if (m->uart_rx_valid_i == rx_valid && (!rx_valid || m->uart_rx_data_i == s->rx.front())) return;
  m->uart_rx_valid_i = rx_valid;
  if (rx_valid) m->uart_rx_data_i = s->rx.front();
  half_cycle(s, m, 0);
}

}  // namespace

// ------------------------------------------------------------------ API
extern "C" {

const char *socsim_last_error(void) { return t_error; }

socsim_t *socsim_create(const socsim_config_t *config) {
  socsim_config_t cfg{};
  if (config) cfg = *config;
  if (cfg.ram_mb == 0) cfg.ram_mb = kDefaultRamMb;
  if (cfg.ram_mb > kMaxRamMb) {
    set_error(SOCSIM_ERR_ARG, "RAM size %u MiB out of range (1..%u)", cfg.ram_mb, kMaxRamMb);
    return nullptr;
  }
  if (cfg.mem_latency > kMaxMemLatency) {
    set_error(SOCSIM_ERR_ARG, "memory latency %u out of range (0..%u)", cfg.mem_latency,
              kMaxMemLatency);
    return nullptr;
  }
  if (cfg.memctl_org > SOCSIM_MEMCTL_TLB) {
    set_error(SOCSIM_ERR_ARG, "memory controller organisation %u out of range (0 table, 1 tlb)",
              cfg.memctl_org);
    return nullptr;
  }
  if (cfg.memctl_backend > SOCSIM_BACKEND_DRAM) {
    set_error(SOCSIM_ERR_ARG, "memory back end %u out of range (0 sram, 1 dram)",
              cfg.memctl_backend);
    return nullptr;
  }
  if (cfg.model > SOCSIM_MODEL_VP) {
    set_error(SOCSIM_ERR_ARG, "simulation model %u out of range (0 rtl, 1 vp)", cfg.model);
    return nullptr;
  }
  if (cfg.board > SOCSIM_BOARD_ICEBREAKER) {
    set_error(SOCSIM_ERR_ARG, "board %u out of range (0 default, 1 icebreaker)", cfg.board);
    return nullptr;
  }
  if (cfg.board != SOCSIM_BOARD_DEFAULT &&
      (cfg.model != SOCSIM_MODEL_RTL || (config && config->ram_mb) || cfg.mem_latency ||
       cfg.memctl_org || cfg.memctl_backend || cfg.trace_path)) {
    set_error(SOCSIM_ERR_ARG, "the icebreaker board fixes the model (rtl), RAM (128 KiB), memory "
                              "controller and back end, and has no trace");
    return nullptr;
  }
  if (cfg.board == SOCSIM_BOARD_DEFAULT && cfg.flash_path) {
    set_error(SOCSIM_ERR_ARG, "a SPI flash image needs a board with a flash (--board icebreaker)");
    return nullptr;
  }
  if (cfg.test_rtl_bug && (cfg.model != SOCSIM_MODEL_RTL || cfg.board != SOCSIM_BOARD_DEFAULT ||
                           cfg.trace_path)) {
    set_error(SOCSIM_ERR_ARG, "the planted-bug model (test_rtl_bug) is the default RTL SoC only, "
                              "without tracing");
    return nullptr;
  }
  std::unique_ptr<socsim> s(new (std::nothrow) socsim);
  if (!s) {
    set_error(SOCSIM_ERR_ARG, "out of memory");
    return nullptr;
  }
  if (cfg.board == SOCSIM_BOARD_ICEBREAKER) {
    if (cfg.flash_path) {
      FILE *f = std::fopen(cfg.flash_path, "rb");
      if (!f) {
        set_error(SOCSIM_ERR_IO, "%s: cannot open: %s", cfg.flash_path, std::strerror(errno));
        return nullptr;
      }
      uint8_t buf[65536];
      size_t n;
      while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) s->flash.insert(s->flash.end(), buf, buf + n);
      std::fclose(f);
      if (s->flash.size() > SPIFLASH_SIZE) {
        set_error(SOCSIM_ERR_RANGE, "%s: %zu bytes, larger than the flash (%u bytes)",
                  cfg.flash_path, s->flash.size(), static_cast<unsigned>(SPIFLASH_SIZE));
        return nullptr;
      }
    }
    s->ram_bytes = SOCSIM_BOARD_RAM_BYTES;
    s->ram = static_cast<uint8_t *>(std::calloc(s->ram_bytes, 1));
    if (!s->ram) {
      set_error(SOCSIM_ERR_ARG, "cannot allocate the board's RAM");
      return nullptr;
    }
    s->ctx.reset(new VerilatedContext);
    s->ctx->fatalOnError(false);
    s->board.reset(new Vsoc_board(s->ctx.get(), "TOP"));
    s->boot_addr = BOOTROM_BASE;
    reset_board(s.get());
    return s.release();
  }
  if (cfg.model == SOCSIM_MODEL_VP) {
#ifdef SOCSIM_HAVE_VP
    if (cfg.trace_path) {
      set_error(SOCSIM_ERR_TRACE, "waveform tracing is not available on the VP (RTL model only)");
      return nullptr;
    }
    socsim_vp::Config vc;
    vc.ram_bytes = cfg.ram_mb << 20;
    vc.memctl_org = cfg.memctl_org;
    vc.memctl_backend = cfg.memctl_backend;
    std::string err;
    s->vp = socsim_vp::create(vc, &err);
    if (!s->vp) {
      set_error(SOCSIM_ERR_ARG, "%s", err.c_str());
      return nullptr;
    }
    s->ram_bytes = vc.ram_bytes;
    s->ram = socsim_vp::ram(s->vp);
    s->mem_latency = cfg.mem_latency;
    s->memctl_org = cfg.memctl_org;
    s->memctl_backend = cfg.memctl_backend;
    reset_board(s.get());
    return s.release();
#else
    set_error(SOCSIM_ERR_ARG, "this socsim was built without the VP (SystemC not found)");
    return nullptr;
#endif
  }
  s->ram_bytes = cfg.ram_mb << 20;
  // calloc of a large block maps zero pages lazily: untouched RAM costs nothing.
  s->ram = static_cast<uint8_t *>(std::calloc(s->ram_bytes, 1));
  if (!s->ram) {
    set_error(SOCSIM_ERR_ARG, "cannot allocate %u MiB of RAM", cfg.ram_mb);
    return nullptr;
  }
  s->mem_latency = cfg.mem_latency;
  s->memctl_org = cfg.memctl_org;
  s->memctl_backend = cfg.memctl_backend;
  s->ctx.reset(new VerilatedContext);
  s->ctx->fatalOnError(false);
  if (cfg.trace_path) {
    s->ctx->traceEverOn(true);
    s->traced.reset(new Vsoc_top_trace(s->ctx.get(), "TOP"));
    s->trace.reset(new VerilatedFstC);
    s->traced->trace(s->trace.get(), 99);
    s->trace->open(cfg.trace_path);
    if (!s->trace->isOpen()) {
      set_error(SOCSIM_ERR_TRACE, "cannot create trace file %s", cfg.trace_path);
      s->trace.reset();
      s->traced.reset();
      return nullptr;
    }
  } else if (cfg.test_rtl_bug) {
    s->bug.reset(new Vsoc_bug(s->ctx.get(), "TOP"));
  } else {
    s->fast.reset(new Vsoc_top(s->ctx.get(), "TOP"));
  }
  reset_board(s.get());
  return s.release();
}

void socsim_destroy(socsim_t *sim) {
  if (!sim) return;
  BoardScope scope(sim);
  delete sim;
}

int socsim_load_elf(socsim_t *sim, const char *path) {
  if (!sim || !path) return set_error(SOCSIM_ERR_ARG, "socsim_load_elf: NULL argument");
  elf_image_t img;
  char err[sizeof t_error];
  int rc = elf_image_load(path, RAM_BASE, sim->ram_bytes, &img, err, sizeof err);
  bool in_rom = false;
  if (rc == SOCSIM_ERR_RANGE && sim->board) {
    // The board also takes an image that lies entirely in its boot ROM (e.g. bootrom.elf).
    char err2[sizeof t_error];
    if (elf_image_load(path, BOOTROM_BASE, BOOTROM_SIZE, &img, err2, sizeof err2) == 0) {
      rc = 0;
      in_rom = true;
    }
  }
  if (rc != 0) return set_error(rc, "%s", err);
  for (size_t i = 0; i < img.num_segments; i++) {
    const elf_segment_t &seg = img.segments[i];
    if (in_rom) {
      auto &rom = sim->board->rootp->soc_top__DOT__g_bootrom__DOT__u_bootrom__DOT__rom;
      for (uint32_t b = 0; b < seg.memsz; b++) {
        const uint32_t off = seg.paddr - BOOTROM_BASE + b;
        const uint32_t v = b < seg.filesz ? seg.data[b] : 0;
        uint32_t &w = rom[off >> 2];
        w = (w & ~(0xFFu << (8 * (off & 3)))) | (v << (8 * (off & 3)));
      }
      continue;
    }
    uint8_t *dst = sim->ram + (seg.paddr - RAM_BASE);
    if (seg.filesz) std::memcpy(dst, seg.data, seg.filesz);
    std::memset(dst + seg.filesz, 0, seg.memsz - seg.filesz);
  }
  sim->boot_addr = img.entry;
  sim->has_tohost = img.has_tohost && img.tohost >= RAM_BASE &&
                    uint64_t{img.tohost} + 4 <= uint64_t{RAM_BASE} + sim->ram_bytes;
  sim->tohost_offset = sim->has_tohost ? img.tohost - RAM_BASE : 0;
  elf_image_free(&img);
  reset_board(sim);
  return SOCSIM_OK;
}

int socsim_reset(socsim_t *sim) {
  if (!sim) return set_error(SOCSIM_ERR_ARG, "socsim_reset: NULL board");
  reset_board(sim);
  return SOCSIM_OK;
}

int socsim_tohost(const socsim_t *sim, uint32_t *addr) {
  if (!sim || !sim->has_tohost) return 0;
  if (addr) *addr = RAM_BASE + sim->tohost_offset;
  return 1;
}

void socsim_set_max_cycles(socsim_t *sim, uint64_t max_cycles) {
  if (sim) sim->max_cycles = max_cycles;
}

uint32_t socsim_exit_code(const socsim_t *sim) { return sim ? sim->exit_code : 0; }

int socsim_run(socsim_t *sim, uint64_t cycles) {
  if (!sim) return set_error(SOCSIM_ERR_ARG, "socsim_run: NULL board");
  if (sim->state != SOCSIM_EXIT_RUNNING) return sim->state;

  socsim_counters_t &c = sim->counters;
  uint64_t end = cycles ? c.cycles + cycles : UINT64_MAX;
  bool limited = false;
  if (sim->max_cycles && sim->max_cycles <= end) {
    end = sim->max_cycles;
    limited = true;
  }
#ifdef SOCSIM_HAVE_VP
  if (sim->vp) {
    if (c.cycles < end) {
      socsim_vp::Host host;
      host.rx = &sim->rx;
      host.tx = &sim->tx;
      host.has_tohost = sim->has_tohost;
      host.tohost_offset = sim->tohost_offset;
      host.hook = sim->hook;
      host.hook_ctx = sim->hook_ctx;
      std::string err;
      const double t0 = now_seconds();
      const int rc = socsim_vp::run(sim->vp, end, host, &sim->state, &sim->exit_code, &err);
      const double secs = c.host_seconds + now_seconds() - t0;
      socsim_vp::counters(sim->vp, &c);
      c.host_seconds = secs;
      if (rc != 0) return set_error(SOCSIM_ERR_ARG, "%s", err.c_str());
    }
    if (sim->state != SOCSIM_EXIT_RUNNING) return sim->state;
    return (limited && c.cycles >= end) ? SOCSIM_EXIT_TIMEOUT : SOCSIM_EXIT_RUNNING;
  }
#endif
  if (c.cycles < end) {
    BoardScope scope(sim);
    const double t0 = now_seconds();
    if (sim->bug) {
      settle_inputs(sim, sim->bug.get());
      run_loop(sim, sim->bug.get(), end);
    } else if (sim->board) {
      settle_inputs(sim, sim->board.get());
      run_loop(sim, sim->board.get(), end);
    } else if (sim->traced) {
      settle_inputs(sim, sim->traced.get());
      run_loop(sim, sim->traced.get(), end);
      sim->trace->flush();
    } else {
      settle_inputs(sim, sim->fast.get());
      run_loop(sim, sim->fast.get(), end);
    }
    c.host_seconds += now_seconds() - t0;
  }
  if (sim->state != SOCSIM_EXIT_RUNNING) return sim->state;
  return (limited && c.cycles >= end) ? SOCSIM_EXIT_TIMEOUT : SOCSIM_EXIT_RUNNING;
}

size_t socsim_uart_read(socsim_t *sim, uint8_t *buf, size_t len) {
  if (!sim || !buf) return 0;
  size_t avail = sim->tx.size() - sim->tx_head;
  size_t n = avail < len ? avail : len;
  if (n) std::memcpy(buf, sim->tx.data() + sim->tx_head, n);
  sim->tx_head += n;
  if (sim->tx_head == sim->tx.size()) {
    sim->tx.clear();
    sim->tx_head = 0;
  }
  return n;
}

int socsim_uart_write(socsim_t *sim, const uint8_t *buf, size_t len) {
  if (!sim || (!buf && len)) return set_error(SOCSIM_ERR_ARG, "socsim_uart_write: NULL argument");
  if (len) sim->rx.insert(sim->rx.end(), buf, buf + len);
  return SOCSIM_OK;
}

size_t socsim_uart_rx_pending(const socsim_t *sim) { return sim ? sim->rx.size() : 0; }

void socsim_set_retire_hook(socsim_t *sim, socsim_retire_hook_t hook, void *ctx) {
  if (!sim) return;
  sim->hook = hook;
  sim->hook_ctx = ctx;
}

static int backdoor_check(const socsim_t *sim, uint32_t addr, const void *buf, size_t len,
                          const char *what) {
  if (!sim || (!buf && len)) return set_error(SOCSIM_ERR_ARG, "%s: NULL argument", what);
  uint64_t end = uint64_t{addr} + len;
  if (addr < RAM_BASE || end > uint64_t{RAM_BASE} + sim->ram_bytes) {
    return set_error(SOCSIM_ERR_RANGE, "%s: [0x%08x, +0x%zx) lies outside RAM [0x%08x, +0x%x)",
                     what, addr, len, static_cast<unsigned>(RAM_BASE), sim->ram_bytes);
  }
  return SOCSIM_OK;
}

int socsim_mem_read(socsim_t *sim, uint32_t addr, void *buf, size_t len) {
  int rc = backdoor_check(sim, addr, buf, len, "socsim_mem_read");
  if (rc != SOCSIM_OK) return rc;
  if (len) std::memcpy(buf, sim->ram + (addr - RAM_BASE), len);
  return SOCSIM_OK;
}

int socsim_mem_write(socsim_t *sim, uint32_t addr, const void *buf, size_t len) {
  int rc = backdoor_check(sim, addr, buf, len, "socsim_mem_write");
  if (rc != SOCSIM_OK) return rc;
  if (len) std::memcpy(sim->ram + (addr - RAM_BASE), buf, len);
  return SOCSIM_OK;
}

int socsim_counters(const socsim_t *sim, socsim_counters_t *out) {
  if (!sim || !out) return set_error(SOCSIM_ERR_ARG, "socsim_counters: NULL argument");
  *out = sim->counters;
  return SOCSIM_OK;
}

}  // extern "C"
