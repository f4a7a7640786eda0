// The C API of memctl_model.h around the SystemC model (memctl_sc.h).
//
// Each instance is a Model plus a Bridge: an sc_module with three TLM-2.0 initiator sockets bound
// to the model's fetch, data and register sockets, so every API access goes through b_transport
// (and back-door accesses through transport_dbg) like any other TLM initiator's would.
#include "memctl_model.h"

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <string>

#include <tlm_utils/simple_initiator_socket.h>

#include "memctl_sc.h"
#include "soc_memory_map.h"

namespace {

thread_local char t_error[512] = "no error";
bool g_started = false;  // the SystemC simulation has been started: no more instances
unsigned g_instances = 0;

int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int fail(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(t_error, sizeof t_error, fmt, ap);
  va_end(ap);
  return -1;
}

struct Bridge : sc_core::sc_module {
  tlm_utils::simple_initiator_socket<Bridge> fetch, data, regs;
  explicit Bridge(sc_core::sc_module_name n) : sc_core::sc_module(n), fetch("fetch"), data("data"), regs("regs") {}
};

bool start_simulation() {
  if (g_started) return true;
  try {
    sc_core::sc_start(sc_core::SC_ZERO_TIME);  // ends elaboration, initialises the engine threads
  } catch (const std::exception &e) {
    fail("starting the SystemC simulation failed: %s", e.what());
    return false;
  }
  g_started = true;
  return true;
}

}  // namespace

struct memctl_model {
  memctl::Model *model = nullptr;
  Bridge *bridge = nullptr;
  bool destroyed = false;
};

// libsystemc references sc_main (for its own main()); this process never calls it. Weak, so a
// program with its own sc_main may link the model too.
extern "C" int sc_main(int, char **) __attribute__((weak));
extern "C" int sc_main(int, char **) {
  std::fprintf(stderr, "memctl_model: sc_main is not used; drive the model through memctl_model.h\n");
  return 1;
}

extern "C" {

const char *memctl_model_error(void) { return t_error; }

void memctl_model_default_config(memctl_model_config_t *c) {
  if (!c) return;
  std::memset(c, 0, sizeof *c);
  c->org = MEMCTL_ORG_TABLE;
  c->page_shift = 12;
  c->num_vms = 4;
  c->guest_pages = 4096;
  c->tlb_entries = 16;
  c->mem_pages = 4096;
  c->backend = MEMCTL_BACKEND_SRAM;
  c->queue_depth = MEMCTL_QUEUE_DEPTH;
  c->sram_fetch_port = 1;
  c->scrub_max_wait = 7;
  c->dram.banks = 4;
  c->dram.row_bytes = 2048;
  c->dram.t_hit = 1;
  c->dram.t_miss = 4;
  c->dram.t_conflict = 7;
  c->dram.t_refresh_interval = 7800;
  c->dram.t_refresh = 20;
}

memctl_model_t *memctl_model_create(const memctl_model_config_t *cfg) {
  if (!cfg) {
    fail("memctl_model_create: no configuration");
    return nullptr;
  }
  const std::string why = memctl::check_config(*cfg);
  if (!why.empty()) {
    fail("memctl_model_create: bad configuration: %s", why.c_str());
    return nullptr;
  }
  // SystemC prints a banner when its kernel is first touched; keep stdout clean.
  setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 0);
  if (g_started || sc_core::sc_get_status() != sc_core::SC_ELABORATION) {
    fail("memctl_model_create: the SystemC simulation has already started in this process; "
         "SystemC cannot add modules or restart, so create every model instance before the first "
         "call that advances time, and reuse instances with memctl_model_reset/reconfigure");
    return nullptr;
  }
  memctl_model_t *m = new (std::nothrow) memctl_model_t;
  if (!m) {
    fail("memctl_model_create: out of memory");
    return nullptr;
  }
  try {
    char name[32];
    std::snprintf(name, sizeof name, "memctl%u", g_instances);
    m->model = new memctl::Model(name, *cfg);
    std::snprintf(name, sizeof name, "memctl%u_bridge", g_instances);
    m->bridge = new Bridge(name);
    m->bridge->fetch.bind(m->model->fetch_socket);
    m->bridge->data.bind(m->model->data_socket);
    m->bridge->regs.bind(m->model->reg_socket);
    g_instances++;
  } catch (const std::exception &e) {
    fail("memctl_model_create: %s", e.what());
    delete m;  // the SystemC objects (if any) stay registered with the kernel
    return nullptr;
  }
  return m;
}

void memctl_model_destroy(memctl_model_t *m) {
  if (!m || m->destroyed) return;
  m->destroyed = true;
  m->model->release();
  // The sc_modules stay alive: SystemC has no way to remove them once elaborated. `m` is kept as
  // an inert handle so that a stale pointer is caught rather than used.
}

static bool usable(const memctl_model_t *m, const char *fn) {
  if (!m) return fail("%s: no model", fn), false;
  if (m->destroyed) return fail("%s: the model was destroyed", fn), false;
  return true;
}

int memctl_model_reset(memctl_model_t *m) {
  if (!usable(m, "memctl_model_reset")) return -1;
  m->model->reset(m->model->config());
  return 0;
}

int memctl_model_reconfigure(memctl_model_t *m, const memctl_model_config_t *cfg) {
  if (!usable(m, "memctl_model_reconfigure")) return -1;
  if (!cfg) return fail("memctl_model_reconfigure: no configuration");
  const std::string why = memctl::check_config(*cfg);
  if (!why.empty()) return fail("memctl_model_reconfigure: bad configuration: %s", why.c_str());
  m->model->reset(*cfg);
  return 0;
}

uint64_t memctl_model_cycle(const memctl_model_t *m) {
  return (m && !m->destroyed) ? m->model->now() : 0;
}

int memctl_model_advance(memctl_model_t *m, uint64_t cycles) {
  if (!usable(m, "memctl_model_advance")) return -1;
  if (!start_simulation()) return -1;
  if (cycles) {
    try {
      sc_core::sc_start(memctl::cycle_period() * static_cast<double>(cycles));
    } catch (const std::exception &e) {
      return fail("memctl_model_advance: SystemC: %s", e.what());
    }
  }
  m->model->catch_up(m->model->now());
  return 0;
}

int memctl_model_advance_to(memctl_model_t *m, uint64_t cycle) {
  if (!usable(m, "memctl_model_advance_to")) return -1;
  const uint64_t n = m->model->now();
  return memctl_model_advance(m, cycle > n ? cycle - n : 0);
}

int memctl_model_busy(memctl_model_t *m) {
  if (!usable(m, "memctl_model_busy")) return -1;
  m->model->catch_up(m->model->now());
  return m->model->busy() ? 1 : 0;
}

int64_t memctl_model_run_until_idle(memctl_model_t *m, uint64_t max_cycles) {
  if (!usable(m, "memctl_model_run_until_idle")) return -1;
  memctl::Model *md = m->model;
  const uint64_t start = md->now();
  md->catch_up(start);
  // Nothing else can happen to this instance meanwhile, so its background events are worked
  // through ahead of SystemC time, which then jumps to the cycle the model became idle.
  uint64_t t = start;
  while (md->busy()) {
    const uint64_t next = md->next_event();
    if (next == UINT64_MAX) break;  // cannot happen: a busy model always has a next event
    t = std::max(t, next + 1);
    if (t - start > max_cycles) {
      t = start + max_cycles;
      md->catch_up(t);
      break;
    }
    md->catch_up(t);
  }
  if (memctl_model_advance(m, t - start) != 0) return -1;
  return md->busy() ? -1 : static_cast<int64_t>(t - start);
}

uint32_t memctl_model_be(uint32_t addr, uint32_t size) {
  switch (size) {
    case 1: return 1u << (addr & 3);
    case 2: return (addr & 1) ? 0 : 3u << (addr & 2);
    case 4: return (addr & 3) ? 0 : 0xFu;
    default: return 0;
  }
}

int memctl_model_access(memctl_model_t *m, const memctl_access_t *a, memctl_result_t *r) {
  if (!usable(m, "memctl_model_access")) return -1;
  if (!a || !r) return fail("memctl_model_access: NULL argument");
  const uint32_t be = a->be ? (a->be & 0xF) : memctl_model_be(a->addr, a->size);
  if (be == 0) return fail("memctl_model_access: no byte enabled (misaligned or bad size)");
  if (be & ((1u << (a->addr & 3u)) - 1u))
    return fail("memctl_model_access: byte enables below the address's byte lane");
  if (a->fetch && a->write) return fail("memctl_model_access: a fetch cannot write");
  // One TLM transaction from the bus address (the model records it as FAULT_GPA) to the end of
  // its word, with byte enables per lane.
  uint8_t data[4], ben[4];
  for (int i = 0; i < 4; i++) {
    data[i] = static_cast<uint8_t>(a->wdata >> (8 * i));
    ben[i] = (be & (1u << i)) ? TLM_BYTE_ENABLED : TLM_BYTE_DISABLED;
  }
  const unsigned lane0 = a->addr & 3u;
  tlm::tlm_generic_payload p;
  memctl::AccessExt ext;
  ext.priv = a->priv & 3;
  ext.fetch = a->fetch != 0;
  p.set_command(a->write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
  p.set_address(a->addr);
  p.set_data_ptr(data + lane0);
  p.set_data_length(4 - lane0);
  p.set_streaming_width(4 - lane0);
  p.set_byte_enable_ptr(ben + lane0);
  p.set_byte_enable_length(4 - lane0);
  p.set_dmi_allowed(false);
  p.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
  p.set_extension(&ext);
  sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
  if (a->fetch)
    m->bridge->fetch->b_transport(p, delay);
  else
    m->bridge->data->b_transport(p, delay);
  p.clear_extension(&ext);
  std::memset(r, 0, sizeof *r);
  r->err = p.get_response_status() != tlm::TLM_OK_RESPONSE;
  r->fault = ext.fault;
  r->fault_reason = ext.fault_reason;
  r->maddr = ext.maddr;
  r->latency = ext.latency;
  r->tlb_hit = ext.tlb_hit;
  r->walked = ext.walked;
  r->dirty_update = ext.dirty_update;
  if (!a->write && !r->err) r->rdata = ext.rdata;
  if (r->latency == 0) r->latency = static_cast<uint32_t>(delay / memctl::cycle_period());
  return 0;
}

int memctl_model_reg_access(memctl_model_t *m, uint32_t offset, uint32_t write, uint32_t be,
                            uint32_t wdata, memctl_result_t *r) {
  if (!usable(m, "memctl_model_reg_access")) return -1;
  if (!r) return fail("memctl_model_reg_access: NULL argument");
  std::memset(r, 0, sizeof *r);
  if ((be & 0xF) != 0xF) {  // the bus refuses anything but a 32-bit access
    m->model->reg_access(m->model->now(), offset, write != 0, be, wdata, *r);
    return 0;
  }
  uint8_t data[4];
  std::memcpy(data, &wdata, 4);
  tlm::tlm_generic_payload p;
  p.set_command(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
  p.set_address(offset & 0xFFCu);
  p.set_data_ptr(data);
  p.set_data_length(4);
  p.set_streaming_width(4);
  p.set_byte_enable_ptr(nullptr);
  p.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
  sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
  m->bridge->regs->b_transport(p, delay);
  r->err = p.get_response_status() != tlm::TLM_OK_RESPONSE;
  if (!write && !r->err) std::memcpy(&r->rdata, data, 4);
  r->latency = static_cast<uint32_t>(delay / memctl::cycle_period());
  return 0;
}

uint32_t memctl_model_reg_read(memctl_model_t *m, uint32_t offset) {
  memctl_result_t r;
  if (memctl_model_reg_access(m, offset, 0, 0xF, 0, &r) != 0) return 0;
  return r.rdata;
}

void memctl_model_reg_write(memctl_model_t *m, uint32_t offset, uint32_t value) {
  memctl_result_t r;
  memctl_model_reg_access(m, offset, 1, 0xF, value, &r);
}

int memctl_model_irq(memctl_model_t *m) {
  if (!usable(m, "memctl_model_irq")) return -1;
  m->model->catch_up(m->model->now());
  return m->model->irq_level() ? 1 : 0;
}

static int dbg(memctl_model_t *m, bool write, uint32_t maddr, void *buf, uint32_t len) {
  if (!usable(m, write ? "memctl_model_mem_write" : "memctl_model_mem_read")) return -1;
  if (!buf && len) return fail("memctl back door: NULL buffer");
  tlm::tlm_generic_payload p;
  p.set_command(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
  p.set_address(maddr);
  p.set_data_ptr(static_cast<unsigned char *>(buf));
  p.set_data_length(len);
  p.set_streaming_width(len);
  if (m->bridge->data->transport_dbg(p) != len)
    return fail("memctl back door: [0x%08x, +%u) is not machine memory", maddr, len);
  return 0;
}

int memctl_model_mem_read(memctl_model_t *m, uint32_t maddr, void *buf, uint32_t len) {
  return dbg(m, false, maddr, buf, len);
}

int memctl_model_mem_write(memctl_model_t *m, uint32_t maddr, const void *buf, uint32_t len) {
  return dbg(m, true, maddr, const_cast<void *>(buf), len);
}

uint32_t memctl_model_mem_read32(memctl_model_t *m, uint32_t maddr) {
  uint32_t v = 0;
  memctl_model_mem_read(m, maddr, &v, 4);
  return v;
}

void memctl_model_mem_write32(memctl_model_t *m, uint32_t maddr, uint32_t value) {
  memctl_model_mem_write(m, maddr, &value, 4);
}

int memctl_model_counters(memctl_model_t *m, uint32_t *out, uint32_t n) {
  if (!usable(m, "memctl_model_counters")) return -1;
  if (!out && n) return fail("memctl_model_counters: NULL buffer");
  m->model->counters(out, n, m->model->now());
  return 0;
}

uint32_t memctl_model_peek_entry(memctl_model_t *m, uint32_t vm, uint32_t gppn) {
  if (!usable(m, "memctl_model_peek_entry")) return 0;
  return m->model->peek_entry(vm, gppn);
}

int memctl_model_tlb_peek(memctl_model_t *m, uint32_t vm, uint32_t gppn, uint32_t *entry) {
  if (!usable(m, "memctl_model_tlb_peek")) return -1;
  m->model->catch_up(m->model->now());
  return m->model->tlb_peek(vm, gppn, entry) ? 1 : 0;
}

}  // extern "C"
