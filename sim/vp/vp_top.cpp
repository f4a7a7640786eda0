// Virtual platform top (docs/simulator.md, "Virtual platform"): the reference ISS (sim/iss) as the
// TLM-2.0 bus initiator, an interconnect, the memory controller's SystemC model (sim/memctl_model)
// and the device models (vp_devices.h), driven through the socsim C API (vp.h, sim/socsim.cpp).
//
//   Cpu (rv_iss) ── ibus ──┐                      ┌── memctl fetch socket ─┐
//                          ├── Interconnect ──────┼── memctl data socket ──┼─ memctl::Model (RAM)
//                ── dbus ──┘   (address decode,   ├── memctl reg socket ───┘
//                               guest routing)    ├── CLINT, PLIC, UART0, finisher
//
// Timing: a VP cycle is 10 ns of SystemC time (the RTL clock period). Every ISS instruction (step)
// takes one cycle, plus the latency annotated by every load it makes through b_transport
// (loosely-timed accumulation: device and memory-controller register loads 1 cycle, RAM accesses
// through the memory controller model its back-end latency) and the latency beyond the first cycle
// of such a fetch; stores are posted; accesses through DMI add nothing. The Cpu runs
// ahead of SystemC time with a quantum keeper (temporal decoupling) and synchronises at most every
// kQuantum cycles and at the end of every socsim_run.
//
// RAM accesses: through DMI pointers obtained from the memory controller wherever translation
// cannot apply, otherwise b_transport (see Cpu::access and docs/simulator.md, "DMI rules").
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <new>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>
#include <tlm_utils/tlm_quantumkeeper.h>

#include "memctl_sc.h"
#include "rv_iss.h"
#include "soc_memory_map.h"
#include "vp.h"
#include "vp_devices.h"

namespace socsim_vp {

namespace {

constexpr uint64_t kQuantum = 16384;  // cycles between synchronisations with the SystemC kernel

inline bool in_region(uint32_t a, uint32_t base, uint32_t size) { return a - base < size; }

// ------------------------------------------------------------------------------ interconnect
// Address decode of soc_interconnect.sv. ibus reaches the RAM (memory controller fetch port)
// only; dbus the RAM, the devices and the memory controller's registers; everything else is an
// address error. While the memory controller translates (CTRL.ENABLE), every guest access
// (AccessExt priv != 3) goes to its fetch / data port, whatever the address.
class Interconnect : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<Interconnect> ibus, dbus;
  tlm_utils::simple_initiator_socket<Interconnect> to_fetch, to_data, to_regs, to_clint, to_plic,
      to_uart, to_finisher;
  memctl::Model *memctl = nullptr;

  explicit Interconnect(sc_core::sc_module_name n)
      : sc_core::sc_module(n), ibus("ibus"), dbus("dbus"), to_fetch("to_fetch"),
        to_data("to_data"), to_regs("to_regs"), to_clint("to_clint"), to_plic("to_plic"),
        to_uart("to_uart"), to_finisher("to_finisher") {
    ibus.register_b_transport(this, &Interconnect::ibus_transport);
    dbus.register_b_transport(this, &Interconnect::dbus_transport);
    dbus.register_transport_dbg(this, &Interconnect::dbus_dbg);
    dbus.register_get_direct_mem_ptr(this, &Interconnect::dbus_dmi);
    ibus.register_get_direct_mem_ptr(this, &Interconnect::ibus_dmi);
    to_data.register_invalidate_direct_mem_ptr(this, &Interconnect::inval_data);
    to_fetch.register_invalidate_direct_mem_ptr(this, &Interconnect::inval_fetch);
  }

 private:
  bool guest_routed(tlm::tlm_generic_payload &p) const {
    if (!memctl->translation_enabled()) return false;
    memctl::AccessExt *ext = nullptr;
    p.get_extension(ext);
    return ext && ext->priv != 3;
  }
  void ibus_transport(tlm::tlm_generic_payload &p, sc_core::sc_time &d) {
    const uint32_t a = static_cast<uint32_t>(p.get_address());
    if (in_region(a, RAM_BASE, RAM_SIZE) || guest_routed(p)) {
      to_fetch->b_transport(p, d);
    } else {
      p.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
      d += cycle_time();
    }
  }
  void dbus_transport(tlm::tlm_generic_payload &p, sc_core::sc_time &d) {
    const uint32_t a = static_cast<uint32_t>(p.get_address());
    if (in_region(a, RAM_BASE, RAM_SIZE) || guest_routed(p)) return to_data->b_transport(p, d);
    struct Route {
      uint32_t base, size;
      tlm_utils::simple_initiator_socket<Interconnect> *s;
    };
    const Route routes[] = {{FINISHER_BASE, FINISHER_SIZE, &to_finisher},
                            {CLINT_BASE, CLINT_SIZE, &to_clint},
                            {PLIC_BASE, PLIC_SIZE, &to_plic},
                            {UART0_BASE, UART0_SIZE, &to_uart},
                            {MEMCTL_BASE, MEMCTL_SIZE, &to_regs}};
    for (const Route &r : routes) {
      if (!in_region(a, r.base, r.size)) continue;
      p.set_address(a - r.base);
      (*r.s)->b_transport(p, d);
      p.set_address(a);
      return;
    }
    p.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    d += cycle_time();
  }
  unsigned int dbus_dbg(tlm::tlm_generic_payload &p) {
    const uint32_t a = static_cast<uint32_t>(p.get_address());
    return in_region(a, RAM_BASE, RAM_SIZE) ? to_data->transport_dbg(p) : 0;
  }
  bool dbus_dmi(tlm::tlm_generic_payload &p, tlm::tlm_dmi &dmi) {
    const uint32_t a = static_cast<uint32_t>(p.get_address());
    return in_region(a, RAM_BASE, RAM_SIZE) && to_data->get_direct_mem_ptr(p, dmi);
  }
  bool ibus_dmi(tlm::tlm_generic_payload &p, tlm::tlm_dmi &dmi) {
    const uint32_t a = static_cast<uint32_t>(p.get_address());
    return in_region(a, RAM_BASE, RAM_SIZE) && to_fetch->get_direct_mem_ptr(p, dmi);
  }
  void inval_data(sc_dt::uint64 lo, sc_dt::uint64 hi) { dbus->invalidate_direct_mem_ptr(lo, hi); }
  void inval_fetch(sc_dt::uint64 lo, sc_dt::uint64 hi) { ibus->invalidate_direct_mem_ptr(lo, hi); }
};

}  // namespace

// ------------------------------------------------------------------------------ the board
struct Board;

// The hart: the ISS with memory callbacks that become TLM transactions.
class Cpu : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<Cpu> ibus, dbus;
  Board *board = nullptr;
  rv_iss_t *iss = nullptr;

  SC_HAS_PROCESS(Cpu);
  explicit Cpu(sc_core::sc_module_name n);
  ~Cpu() override { rv_iss_destroy(iss); }

  void drop_dmi();
  void acquire_dmi();  // M-mode grant and, if the memory controller allows, the guest grant
  uint64_t steps() const { return rv_iss_steps(iss); }
  // The board's cycle count since reset: instructions plus the bus latencies they waited for.
  uint64_t cycles() const { return steps() + stall; }
  // Delay of an access made now, relative to SystemC time (the quantum keeper's local time).
  sc_core::sc_time local_delay() const {
    return cycle_time() * static_cast<double>(cycles() - synced_cycles);
  }
  uint64_t stall = 0;          // cycles spent waiting for b_transport responses since reset
  uint64_t chunk_end = 0;      // cycle at which the current chunk of instructions ends
  uint64_t synced_cycles = 0;  // cycles at the last synchronisation (SystemC time = epoch + this)
  tlm_utils::tlm_quantumkeeper qk;

 private:
  friend struct Board;
  void thread();
  static int load_cb(void *ctx, uint32_t pa, unsigned size, rv_iss_access_t kind, uint32_t *v);
  static int store_cb(void *ctx, uint32_t pa, unsigned size, rv_iss_access_t kind, uint32_t v);
  static uint64_t time_cb(void *ctx);
  int access(uint32_t pa, unsigned size, rv_iss_access_t kind, bool write, uint32_t *v);
  int effective_priv(rv_iss_access_t kind) const;
  void invalidate(sc_dt::uint64 lo, sc_dt::uint64 hi);

  // DMI: machine memory for M-mode (always granted) and for guest accesses (while translation is
  // off); the guest grant is also the ISS's flat RAM.
  uint8_t *m_dmi_ = nullptr;
  uint32_t m_dmi_size_ = 0;
  bool m_dmi_tried_ = false;  // tried since the last invalidation (avoid asking per access)
  bool guest_dmi_ = false;

  tlm::tlm_generic_payload pl_;
  memctl::AccessExt ext_;
};

struct Board {
  std::unique_ptr<memctl::Model> memctl;
  std::unique_ptr<Interconnect> bus;
  std::unique_ptr<Clint> clint;
  std::unique_ptr<Plic> plic;
  std::unique_ptr<Uart> uart;
  std::unique_ptr<Finisher> finisher;
  std::unique_ptr<Cpu> cpu;
  Clock clock;
  memctl_model_config_t mcfg{};
  bool in_use = false;

  // run state
  bool run_requested = false;
  uint64_t run_end = 0;
  const Host *host = nullptr;
  int *state = nullptr;
  uint32_t *exit_code = nullptr;
  uint32_t last_pc = RAM_BASE;
  uint32_t tohost_seen = 0;  // value of the tohost word at the last poll
  bool tohost_base = false;  // tohost_seen holds the value at the first run after a reset

  void update_irqs();
  void finish(uint32_t word);
  void poll_tohost();
  bool running() const { return state && *state == SOCSIM_EXIT_RUNNING; }
};

Cpu::Cpu(sc_core::sc_module_name n) : sc_core::sc_module(n), ibus("ibus"), dbus("dbus") {
  ibus.register_invalidate_direct_mem_ptr(this, &Cpu::invalidate);
  dbus.register_invalidate_direct_mem_ptr(this, &Cpu::invalidate);
  rv_iss_config_t c;
  rv_iss_default_config(&c);  // the RTL core's implementation choices
  c.ctx = this;
  c.load = &Cpu::load_cb;
  c.store = &Cpu::store_cb;
  c.time = &Cpu::time_cb;  // CLINT mtime; mcycle stays internal (+1 per step = per VP cycle)
  iss = rv_iss_create(&c);
  if (!iss) throw std::bad_alloc();
  pl_.set_extension(&ext_);
  SC_THREAD(thread);
  // The ISS, the models behind b_transport and a retirement hook run on this thread's stack
  // (SystemC's default is 64 KiB).
  set_stack_size(4u << 20);
}

void Cpu::invalidate(sc_dt::uint64, sc_dt::uint64) { drop_dmi(); }

void Cpu::drop_dmi() {
  m_dmi_ = nullptr;
  m_dmi_size_ = 0;
  m_dmi_tried_ = false;
  guest_dmi_ = false;
  rv_iss_set_ram(iss, nullptr, 0, 0);
}

void Cpu::acquire_dmi() {
  tlm::tlm_generic_payload p;
  memctl::AccessExt e;
  tlm::tlm_dmi dmi;
  p.set_extension(&e);
  p.set_address(RAM_BASE);
  p.set_command(tlm::TLM_READ_COMMAND);
  if (!m_dmi_) {
    e.priv = 3;
    if (dbus->get_direct_mem_ptr(p, dmi) && dmi.is_read_write_allowed() &&
        dmi.get_start_address() == RAM_BASE) {
      m_dmi_ = dmi.get_dmi_ptr();
      m_dmi_size_ = static_cast<uint32_t>(dmi.get_end_address() - RAM_BASE + 1);
    }
    m_dmi_tried_ = true;
  }
  if (m_dmi_ && !guest_dmi_) {
    e.priv = 0;
    dmi.init();
    if (dbus->get_direct_mem_ptr(p, dmi) && dmi.get_dmi_ptr() == m_dmi_) {
      guest_dmi_ = true;
      rv_iss_set_ram(iss, m_dmi_, RAM_BASE, m_dmi_size_);
    }
  }
  p.clear_extension(&e);
}

// Privilege of a physical access as the core puts it on the bus (docs/architecture.md): data
// accesses honour mstatus.MPRV/MPP; page-table reads carry the privilege of what they translate.
int Cpu::effective_priv(rv_iss_access_t kind) const {
  int priv = rv_iss_get_priv(iss);
  if (priv == RV_PRIV_M && kind != RV_ACC_FETCH && kind != RV_ACC_PTW_FETCH) {
    uint32_t ms = 0;
    rv_iss_csr_read(iss, 0x300, &ms);
    if (ms & (1u << 17)) priv = static_cast<int>((ms >> 11) & 3);  // MPRV: MPP
  }
  return priv;
}

int Cpu::access(uint32_t pa, unsigned size, rv_iss_access_t kind, bool write, uint32_t *v) {
  const int priv = effective_priv(kind);
  const bool translated = priv != RV_PRIV_M && board->memctl->translation_enabled();
  // DMI for untranslated RAM accesses (the ISS's flat RAM covers them while the guest grant is
  // held; here M-mode accesses while translation is on, or before the grants are (re)acquired).
  if (!translated) {
    if (!m_dmi_ && !m_dmi_tried_) acquire_dmi();
    const uint32_t off = pa - RAM_BASE;
    if (m_dmi_ && off < m_dmi_size_ && m_dmi_size_ - off >= size) {
      uint8_t *p = m_dmi_ + off;
      if (write)
        std::memcpy(p, v, size);  // little-endian host (as the ISS)
      else {
        *v = 0;
        std::memcpy(v, p, size);
      }
      return 0;
    }
  }
  const bool fetch = kind == RV_ACC_FETCH;
  uint8_t data[4];
  if (write) std::memcpy(data, v, 4);
  pl_.set_command(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
  pl_.set_address(pa);
  pl_.set_data_ptr(data);
  pl_.set_data_length(size);
  pl_.set_streaming_width(size);
  pl_.set_byte_enable_ptr(nullptr);
  pl_.set_byte_enable_length(0);
  pl_.set_dmi_allowed(false);
  pl_.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
  ext_ = memctl::AccessExt{};
  ext_.priv = static_cast<uint32_t>(priv);
  ext_.fetch = fetch;
  // Timing (docs/simulator.md, "Timing model"): the instruction's cycle c = cycles(). A fetch is
  // presented in c and its first cycle of latency is the instruction's own (so a single-cycle
  // memory costs nothing extra); a store in c and posted (the hart does not wait); a load in c + 1
  // (after the address is computed, as in the core's pipeline) and the hart waits for its whole
  // latency.
  const bool load = !write && !fetch;
  sc_core::sc_time delay = local_delay();
  if (load) delay += cycle_time();
  const sc_core::sc_time presented = delay;
  if (fetch)
    ibus->b_transport(pl_, delay);
  else
    dbus->b_transport(pl_, delay);
  uint64_t waited = 0;
  if (!write) {
    const uint64_t lat = static_cast<uint64_t>((delay - presented).value() / cycle_time().value());
    waited = fetch ? (lat ? lat - 1 : 0) : lat;
    stall += waited;
  }
  const bool ok = pl_.get_response_status() == tlm::TLM_OK_RESPONSE;
  if (ok && !write) {
    *v = 0;
    std::memcpy(v, data, size);
  }
  // A device (or a guest access the controller may have faulted): interrupt lines may have
  // changed. After a write (timer registers), a wait (the chunk's instruction count no longer
  // matches its cycles) or the end of the program, the ISS's chunk ends after this instruction.
  if (!in_region(pa, RAM_BASE, RAM_SIZE) || translated) board->update_irqs();
  if (write || waited || !board->running()) {
    board->last_pc = rv_iss_get_pc(iss);
    rv_iss_stop(iss);
  }
  return ok ? 0 : 1;
}

int Cpu::load_cb(void *ctx, uint32_t pa, unsigned size, rv_iss_access_t kind, uint32_t *v) {
  return static_cast<Cpu *>(ctx)->access(pa, size, kind, false, v);
}
int Cpu::store_cb(void *ctx, uint32_t pa, unsigned size, rv_iss_access_t kind, uint32_t v) {
  return static_cast<Cpu *>(ctx)->access(pa, size, kind, true, &v);
}
uint64_t Cpu::time_cb(void *ctx) {
  Cpu *c = static_cast<Cpu *>(ctx);
  return c->board->clint->mtime(c->cycles());
}

// The hart's process. Idle: pauses the kernel (sc_pause), so that sc_start() returns to the
// socsim API; a run: executes up to run_end in chunks without entering the kernel, synchronising
// (quantum keeper) when the local time reaches the quantum and at the end.
void Cpu::thread() {
  for (;;) {
    while (!board->run_requested) {
      sc_core::sc_pause();
      wait(sc_core::SC_ZERO_TIME);
    }
    board->run_requested = false;
    Board &b = *board;
    const Host &h = *b.host;
    uint64_t now = cycles();
    while (b.running() && now < b.run_end) {
      b.update_irqs();
      // Instructions for this chunk: each takes at least one cycle.
      uint64_t n = b.run_end - now;
      const uint64_t local = now - synced_cycles;
      if (local < kQuantum) n = std::min(n, kQuantum - local);
      const uint64_t to_timer = b.clint->cycles_to_mtip(now);
      if (to_timer) n = std::min(n, to_timer);  // the timer interrupt at its exact cycle
      chunk_end = now + n;  // stalls may reach it before n instructions: access() stops there
      if (h.hook) {
        // Retirement records for the hook (slow path: one step at a time).
        rv_iss_retire_t r;
        rv_iss_step(iss, &r);
        b.last_pc = r.pc_rdata;
        socsim_rvfi_t o{};
        o.order = r.order;
        o.insn = r.insn;
        o.trap = r.trap;
        o.intr = r.intr;
        o.mode = r.mode;
        o.rs1_addr = r.rs1_addr;
        o.rs2_addr = r.rs2_addr;
        o.rd_addr = r.rd_addr;
        o.rs1_rdata = r.rs1_rdata;
        o.rs2_rdata = r.rs2_rdata;
        o.rd_wdata = r.rd_wdata;
        o.pc_rdata = r.pc_rdata;
        o.pc_wdata = r.pc_wdata;
        o.mem_addr = r.mem_addr;
        o.mem_rmask = r.mem_rmask;
        o.mem_wmask = r.mem_wmask;
        o.mem_rdata = r.mem_rdata;
        o.mem_wdata = r.mem_wdata;
        o.trap_cause = r.trap_cause;
        o.irq_wb = o.irq_any = o.irq_all = rv_iss_irq_lines(iss);
        rv_iss_csr_read(iss, 0x342, &o.mcause);
        rv_iss_csr_read(iss, 0x142, &o.scause);
        o.cycle = cycles();
        if (h.hook(h.hook_ctx, &o) != 0 && b.running()) *b.state = SOCSIM_EXIT_STOPPED;
      } else {
        // n - 1 instructions without records, the last one with a record for last_pc.
        const uint64_t done = n > 1 ? rv_iss_run(iss, n - 1) : 0;
        if (done == n - 1 && b.running() && cycles() < chunk_end) {  // not stopped
          rv_iss_retire_t r;
          rv_iss_step(iss, &r);
          b.last_pc = r.pc_rdata;
        }
      }
      const uint64_t after = cycles();
      qk.inc(cycle_time() * static_cast<double>(after - now));
      now = after;
      b.poll_tohost();
      if (qk.need_sync()) {
        qk.sync();
        synced_cycles = now;
        if (!guest_dmi_) acquire_dmi();  // translation may have been switched off
      }
    }
    qk.sync();  // SystemC time = the board's cycle count whenever the kernel is paused
    synced_cycles = cycles();
    if (!guest_dmi_) acquire_dmi();
  }
}

void Board::update_irqs() {
  const uint64_t now = cpu->cycles();
  memctl->catch_up(now);
  uart->refill();
  plic->set_sources((uint32_t{uart->irq()} << PLIC_IRQ_UART0) |
                    (uint32_t{memctl->irq_level()} << PLIC_IRQ_MEMCTL));
  const uint32_t lines = (clint->msip() ? RV_MIP_MSIP : 0) | (clint->mtip(now) ? RV_MIP_MTIP : 0) |
                         (plic->irq(1) ? RV_MIP_SEIP : 0) | (plic->irq(0) ? RV_MIP_MEIP : 0);
  rv_iss_set_irq_lines(cpu->iss, lines);
}

void Board::finish(uint32_t word) {
  if (!running()) return;
  switch (word & 0xffff) {
    case FINISHER_PASS: *state = SOCSIM_EXIT_PASS; break;
    case FINISHER_FAIL:
      *state = SOCSIM_EXIT_FAIL;
      *exit_code = word >> 16;
      break;
    default: break;  // 0x7777 (reset request) and anything else: ignored
  }
}

// `tohost` (riscv-tests convention): a new value in the word is a store by the program.
void Board::poll_tohost() {
  if (!host->has_tohost || !running()) return;
  uint32_t v;
  std::memcpy(&v, memctl->mem() + host->tohost_offset, 4);
  if (v == tohost_seen) return;
  tohost_seen = v;
  if (v == 1) {
    *state = SOCSIM_EXIT_PASS;
  } else if (v & 1) {
    *state = SOCSIM_EXIT_FAIL;
    *exit_code = v >> 1;
  }
}

// ------------------------------------------------------------------------------ API
namespace {

Board *g_board = nullptr;  // the one board of this process (kept after destroy, for reuse)

// libsystemc references sc_main (for its own main()); this process never calls it. Weak, as in
// sim/memctl_model/memctl_model.cpp.
extern "C" int sc_main(int, char **) __attribute__((weak));
extern "C" int sc_main(int, char **) { return 1; }

memctl_model_config_t memctl_config(const Config &cfg) {
  memctl_model_config_t m;
  memctl_model_default_config(&m);  // the RTL's parameters (docs/memctl.md)
  m.org = cfg.memctl_org;
  m.backend = cfg.memctl_backend;
  m.mem_pages = cfg.ram_bytes >> m.page_shift;
  return m;
}

}  // namespace

Board *create(const Config &cfg, std::string *err) {
  if (g_board && g_board->in_use) {
    *err = "only one VP board per process: the SystemC kernel elaborates once and cannot be "
           "restarted; destroy the other VP board first (or use the RTL model)";
    return nullptr;
  }
  const memctl_model_config_t mcfg = memctl_config(cfg);
  const std::string why = memctl::check_config(mcfg);
  if (!why.empty()) {
    *err = "VP: memory controller configuration: " + why;
    return nullptr;
  }
  if (g_board) {  // reuse the board of an earlier create/destroy, reconfigured
    g_board->cpu->drop_dmi();
    g_board->mcfg = mcfg;
    g_board->memctl->reset(mcfg);
    g_board->in_use = true;
    return g_board;
  }
  setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 0);
  if (sc_core::sc_get_status() != sc_core::SC_ELABORATION) {
    *err = "VP: the SystemC simulation of this process has already started (e.g. by the "
           "memctl_model C API); the VP cannot elaborate its modules any more";
    return nullptr;
  }
  std::unique_ptr<Board> b(new Board);
  try {
    b->mcfg = mcfg;
    b->memctl.reset(new memctl::Model("vp_memctl", mcfg));
    b->bus.reset(new Interconnect("vp_bus"));
    b->clint.reset(new Clint("vp_clint", &b->clock));
    b->plic.reset(new Plic("vp_plic", &b->clock));
    b->uart.reset(new Uart("vp_uart0", &b->clock));
    b->finisher.reset(new Finisher("vp_finisher", &b->clock));
    b->cpu.reset(new Cpu("vp_cpu"));
    b->bus->memctl = b->memctl.get();
    b->cpu->board = b.get();
    b->cpu->ibus.bind(b->bus->ibus);
    b->cpu->dbus.bind(b->bus->dbus);
    b->bus->to_fetch.bind(b->memctl->fetch_socket);
    b->bus->to_data.bind(b->memctl->data_socket);
    b->bus->to_regs.bind(b->memctl->reg_socket);
    b->bus->to_clint.bind(b->clint->socket);
    b->bus->to_plic.bind(b->plic->socket);
    b->bus->to_uart.bind(b->uart->socket);
    b->bus->to_finisher.bind(b->finisher->socket);
    Board *bp = b.get();
    b->finisher->on_finish = [bp](uint32_t w) { bp->finish(w); };
    tlm::tlm_global_quantum::instance().set(cycle_time() * static_cast<double>(kQuantum));
    b->cpu->qk.reset();
  } catch (const std::exception &e) {
    *err = std::string("VP: SystemC elaboration failed: ") + e.what();
    b.release();  // SystemC keeps the registered modules; never delete them
    return nullptr;
  }
  b->in_use = true;
  g_board = b.release();
  return g_board;
}

void destroy(Board *b) {
  if (!b) return;
  b->in_use = false;  // SystemC modules cannot be removed: the board waits for reuse
  b->host = nullptr;
  b->uart->connect(nullptr, nullptr);
}

uint8_t *ram(Board *b) { return b->memctl->mem(); }

void reset(Board *b, uint32_t boot_addr) {
  // SystemC time is synchronised here (the kernel is paused or not started): the new epoch.
  b->clock.epoch = sc_core::sc_time_stamp().value() / cycle_time().value();
  b->memctl->reset(b->mcfg, /*keep_memory=*/true);
  b->clint->reset();
  b->plic->reset();
  b->uart->reset();
  b->finisher->reset();
  Cpu &c = *b->cpu;
  c.drop_dmi();
  rv_iss_reset(c.iss, boot_addr);
  rv_iss_set_irq_lines(c.iss, 0);
  c.synced_cycles = 0;
  c.stall = 0;
  c.qk.reset();
  c.acquire_dmi();
  b->last_pc = boot_addr;
  b->tohost_seen = 0;
  b->tohost_base = false;
}

int run(Board *b, uint64_t end, const Host &host, int *state, uint32_t *exit_code,
        std::string *err) {
  b->host = &host;
  b->state = state;
  b->exit_code = exit_code;
  b->uart->connect(host.rx, host.tx);
  if (host.has_tohost && !b->tohost_base) {
    std::memcpy(&b->tohost_seen, b->memctl->mem() + host.tohost_offset, 4);
    b->tohost_base = true;
  }
  b->run_end = end;
  b->run_requested = true;
  try {
    sc_core::sc_start();  // returns when the Cpu pauses the kernel at the end of the run
  } catch (const std::exception &e) {
    *err = std::string("VP: SystemC: ") + e.what();
    b->run_requested = false;
    return -1;
  }
  b->state = nullptr;
  b->exit_code = nullptr;
  return 0;
}

void counters(const Board *b, socsim_counters_t *out) {
  uint64_t exc = 0, irq = 0;
  rv_iss_trap_counts(b->cpu->iss, &exc, &irq);
  const uint64_t steps = rv_iss_steps(b->cpu->iss);
  out->cycles = b->cpu->cycles();
  out->instret = steps - exc;
  out->traps = exc + irq;
  out->last_pc = b->last_pc;
}

}  // namespace socsim_vp
