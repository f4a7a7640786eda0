// SystemC TLM-2.0 reference model of the memory controller (docs/memctl.md).
//
// Structure: one sc_module with three TLM-2.0 target sockets (fetch, data, regs), loosely timed:
// b_transport never waits; it annotates the modelled latency on the delay argument. transport_dbg
// on the data socket is the back door to machine memory.
//
// Timing is kept on a lazily evaluated timeline of RTL clock cycles (cycle = kCyclePeriod of
// SystemC time). Everything that happens in the background — the command engine, the scrubber's
// word writes, DRAM refreshes — is brought up to date ("caught up") whenever the model is touched
// at cycle T: all background events before T are applied in time order. An SC_THREAD (engine)
// also catches up whenever SystemC time passes an event, and drives the irq signal. Core accesses
// have priority over the scrubber in the same cycle; refresh has priority over both.
#ifndef MEMCTL_SC_H
#define MEMCTL_SC_H

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "memctl_model.h"
#include "soc_memory_map.h"

namespace memctl {

// One clock cycle of the RTL in SystemC time.
inline sc_core::sc_time cycle_period() { return sc_core::sc_time(10, sc_core::SC_NS); }

// Access attributes and results carried by a generic payload on the fetch/data sockets.
// Without the extension an access is an M-mode data access.
struct AccessExt : tlm::tlm_extension<AccessExt> {
  // in
  uint32_t priv = 3;
  bool fetch = false;
  // out
  bool fault = false;
  uint32_t fault_reason = 0;
  uint32_t maddr = 0;
  uint32_t rdata = 0;  // reads: the whole word (the bus returns the word)
  uint32_t latency = 0;
  bool tlb_hit = false;
  bool walked = false;
  bool dirty_update = false;

  tlm::tlm_extension_base *clone() const override { return new AccessExt(*this); }
  void copy_from(const tlm::tlm_extension_base &e) override {
    *this = static_cast<const AccessExt &>(e);
  }
};

// Returns an empty string if cfg is acceptable, else why not.
std::string check_config(const memctl_model_config_t &cfg);

class Model : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<Model> fetch_socket;
  tlm_utils::simple_target_socket<Model> data_socket;
  tlm_utils::simple_target_socket<Model> reg_socket;
  sc_core::sc_signal<bool> irq;

  SC_HAS_PROCESS(Model);
  Model(sc_core::sc_module_name name, const memctl_model_config_t &cfg);

  // Power-on state with a (possibly new) configuration; time base = now. keep_memory: the
  // machine memory keeps its contents (a board reset; only if its size stays the same).
  void reset(const memctl_model_config_t &cfg, bool keep_memory = false);
  void release();  // drop storage, become inert

  // The direct interface (the C API uses it; the sockets call it too). `t` = cycles since reset.
  uint64_t now() const;  // current SystemC time in cycles since reset
  void access(uint64_t t, const memctl_access_t &a, memctl_result_t &r);
  void reg_access(uint64_t t, uint32_t offset, bool write, uint32_t be, uint32_t wdata,
                  memctl_result_t &r);
  void catch_up(uint64_t t);
  bool busy() const { return cur_.op != 0 || !queue_.empty(); }
  size_t queue_used() const { return queue_.size() + (cur_.op ? 1 : 0); }
  uint64_t next_event() const;  // earliest pending background event (UINT64_MAX: none)
  bool irq_level() const;
  void counters(uint32_t *out, uint32_t n, uint64_t t);

  // back door (machine byte offsets from RAM_BASE)
  bool mem_in_range(uint64_t off, uint64_t len) const { return off + len <= mem_.size(); }
  uint8_t *mem() { return mem_.data(); }
  uint32_t peek_entry(uint32_t vm, uint32_t gppn) const;
  bool tlb_peek(uint32_t vm, uint32_t gppn, uint32_t *entry) const;
  const memctl_model_config_t &config() const { return cfg_; }
  bool alive() const { return alive_; }
  bool translation_enabled() const { return enable_; }  // CTRL.ENABLE (the RTL's xlate_en_o)

 private:
  struct Cmd {
    uint32_t op = 0, arg0 = 0, arg1 = 0;
    uint64_t avail = 0;  // first cycle it may start
  };
  struct Current {  // the executing command
    uint32_t op = 0;  // 0 = none
    uint32_t arg0 = 0, arg1 = 0;
    uint64_t start = 0;
    uint64_t done = 0;  // INVAL/FENCE: cycle its effect is visible; SCRUB: set when known
    bool done_known = false;
  };
  struct Scrub {
    uint32_t idx = 0;        // page index within the range / list
    uint32_t word = 0;       // next word within the page
    uint32_t mpn = 0;        // page being zeroed
    bool have_mpn = false;   // list: the entry idx has been read
    uint64_t ready = 0;      // next op may start at this cycle
    uint64_t req_since = 0;  // requesting without a grant since (starvation guard)
  };
  struct TlbEntry {
    bool valid = false;
    uint32_t vm = 0, gppn = 0, pte = 0;
  };
  struct Inflight {
    uint64_t accept, resp;  // handshake cycle (back-end grant, or the fault decision) and response
  };
  enum Counter {
    kTranslations, kHits, kMisses, kWalkCycles, kFaults, kInvalidations, kInvalCycles, kFences,
    kScrubPages, kScrubCycles, kRowHits, kRowMisses, kRowConflicts, kRefreshes, kNumCounters
  };

  void engine();
  void b_transport_fetch(tlm::tlm_generic_payload &p, sc_core::sc_time &d);
  void b_transport_data(tlm::tlm_generic_payload &p, sc_core::sc_time &d);
  void b_transport_regs(tlm::tlm_generic_payload &p, sc_core::sc_time &d);
  unsigned int transport_dbg(tlm::tlm_generic_payload &p);
  bool get_dmi(tlm::tlm_generic_payload &p, tlm::tlm_dmi &dmi);
  void mem_transport(tlm::tlm_generic_payload &p, sc_core::sc_time &d, bool fetch_port);
  uint64_t arrival_of(const sc_core::sc_time &d) const;

  // back end
  uint64_t be_op(uint64_t t, uint32_t moff, uint64_t *start = nullptr, bool scrub = false);
  bool scrubbing() const {
    return (cur_.op == MEMCTL_CMD_SCRUB || cur_.op == MEMCTL_CMD_SCRUB_LIST) && !cur_.done_known;
  }
  void do_refresh();
  bool fetch_port(const memctl_access_t &a) const;
  uint64_t sram_fetch(uint64_t t);
  uint32_t mem_word(uint32_t moff) const;
  void mem_write(uint32_t moff, uint32_t wdata, uint32_t be);

  // translation
  bool translate(uint64_t t, const memctl_access_t &a, memctl_result_t &r, uint64_t *cur,
                 uint32_t *maddr_off);
  void fault(const memctl_access_t &a, uint32_t vm, uint32_t reason, memctl_result_t &r);

  // commands
  void reg_write(uint64_t t, uint32_t offset, uint32_t v);
  uint32_t reg_read(uint64_t t, uint32_t offset);
  void enqueue(uint64_t t, uint32_t op);
  void set_error(uint32_t code);
  void dequeue(uint64_t d);
  void complete_current();
  bool scrub_step(uint64_t s);  // one scrubber back-end op; true when the command completed

  memctl_model_config_t cfg_{};
  bool alive_ = true;
  uint64_t epoch_ = 0;  // global cycle of the last reset
  uint32_t page_bytes_ = 0;
  std::vector<uint8_t> mem_;

  // registers
  uint32_t cur_vmid_ = 0, status_ = 0, error_ = 0, irq_enable_ = 0, arg0_ = 0, arg1_ = 0;
  bool enable_ = false;  // CTRL.ENABLE
  uint32_t fence_seq_ = 0, last_fence_cycles_ = 0, fault_gpa_ = 0, fault_info_ = 0;
  uint32_t tbl_vmid_ = 0, tbl_gppn_ = 0, p2m_sel_ = 0;
  std::vector<uint32_t> p2m_base_, p2m_pages_;
  std::vector<uint32_t> table_;  // org a
  std::vector<TlbEntry> tlb_;    // org b
  uint32_t tlb_rr_ = 0;
  uint32_t cnt_[kNumCounters] = {};

  // command engine
  std::deque<Cmd> queue_;
  Current cur_;
  Scrub scrub_;
  uint64_t engine_free_ = 0;       // next dequeue may happen at this cycle
  bool window_open_ = false;       // LAST_FENCE_CYCLES window (see complete_current)
  uint64_t window_start_ = 0;
  bool have_last_enq_ = false;
  uint64_t last_enq_ = 0;          // cycle of the latest accepted CMD write
  uint64_t scrub_count_from_ = 0;  // SCRUB_CYCLES: busy cycles since max(start, counter reset)
  std::deque<Inflight> inflight_;  // guest accesses whose response may still be pending
  uint64_t caught_up_ = 0;         // catch_up has run up to here

  // back end
  uint64_t be_free_ = 0;
  uint64_t be_free_fetch_ = 0;  // SRAM fetch port
  uint64_t next_refresh_ = UINT64_MAX;
  std::vector<int64_t> open_row_;

  sc_core::sc_event kick_;
  bool trace_ = false;
};

}  // namespace memctl

#endif  // MEMCTL_SC_H
