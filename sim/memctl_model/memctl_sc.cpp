// SystemC TLM-2.0 reference model of the memory controller: implementation (see memctl_sc.h).
#include "memctl_sc.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "soc_memory_map.h"

namespace memctl {

namespace {

// Cycle-level conventions of the model (docs/memctl.md, "SystemC reference model and C API").
// A back-end operation granted in cycle s with latency L occupies [s, s + L) and delivers its
// response in cycle s + L, in which the next operation may be granted. A command whose effect is
// "visible at v" affects accesses presented in cycle v and later.
constexpr uint64_t kRegLatency = 1;    // register port: response the cycle after the handshake
constexpr uint64_t kFaultLatency = 1;  // a fault: response the cycle after the decision
constexpr uint64_t kCmdAvail = 1;      // a command written in cycle t reaches the head in t + 1
constexpr uint64_t kInvalExec = 1;     // INVAL_* execute in the cycle they reach the head
constexpr uint64_t kScrubStart = 1;    // the scrubber's first request: the cycle after the start
constexpr uint64_t kListGap = 1;       // a list entry read answered in r: next request in r + 1
constexpr uint64_t kDirtyGap = 1;      // walker read answered in r: D write-back from r + 1
constexpr uint64_t kNever = UINT64_MAX;

constexpr uint32_t kStickyBits = MEMCTL_STATUS_FENCE_DONE | MEMCTL_STATUS_SCRUB_DONE |
                                 MEMCTL_STATUS_ERROR | MEMCTL_STATUS_FAULT;

uint64_t global_cycles(const sc_core::sc_time &t) {
  const uint64_t p = cycle_period().value();
  return (t.value() + p - 1) / p;
}

}  // namespace

std::string check_config(const memctl_model_config_t &c) {
  if (c.org > 1) return "org must be 0 (direct table) or 1 (TLB + walker)";
  if (c.page_shift < 10 || c.page_shift > 16) return "page_shift must be 10..16";
  if (c.num_vms < 1 || c.num_vms > 31) return "num_vms must be 1..31";
  if (c.guest_pages < 1) return "guest_pages must be >= 1";
  if ((static_cast<uint64_t>(c.guest_pages) << c.page_shift) > (1ull << 31))
    return "the guest window (guest_pages << page_shift) must not exceed 2 GiB";
  if (c.org == 1 && (c.tlb_entries < 1 || c.tlb_entries > 255)) return "tlb_entries must be 1..255";
  if (c.mem_pages < 1) return "mem_pages must be >= 1";
  if ((static_cast<uint64_t>(c.mem_pages) << c.page_shift) > RAM_SIZE)
    return "machine memory (mem_pages << page_shift) must not exceed RAM_SIZE (256 MiB)";
  if (c.mem_pages >= (1u << 24)) return "mem_pages must fit the 24-bit MPN field";
  if (c.backend > 1) return "backend must be 0 (SRAM) or 1 (DRAM model)";
  if (c.queue_depth < 1 || c.queue_depth > 64) return "queue_depth must be 1..64";
  if (c.sram_fetch_port > 1) return "sram_fetch_port must be 0 or 1";
  if (c.scrub_max_wait > 255) return "scrub_max_wait must be 0..255";
  if (c.backend == 1) {
    const memctl_dram_params_t &d = c.dram;
    if (d.banks < 1 || d.banks > 64) return "dram.banks must be 1..64";
    if (d.row_bytes < 4 || (d.row_bytes & (d.row_bytes - 1))) return "dram.row_bytes must be a power of two >= 4";
    if (d.t_hit < 1 || d.t_miss < 1 || d.t_conflict < 1) return "dram latencies must be >= 1";
    if (d.t_refresh_interval != 0 && d.t_refresh < 1) return "dram.t_refresh must be >= 1";
    if (d.t_refresh_interval != 0 && d.t_refresh_interval <= d.t_refresh)
      return "dram.t_refresh_interval must exceed t_refresh";
  }
  return "";
}

Model::Model(sc_core::sc_module_name name, const memctl_model_config_t &cfg)
    : sc_core::sc_module(name),
      fetch_socket("fetch_socket"),
      data_socket("data_socket"),
      reg_socket("reg_socket"),
      irq("irq") {
  fetch_socket.register_b_transport(this, &Model::b_transport_fetch);
  data_socket.register_b_transport(this, &Model::b_transport_data);
  data_socket.register_transport_dbg(this, &Model::transport_dbg);
  data_socket.register_get_direct_mem_ptr(this, &Model::get_dmi);
  fetch_socket.register_get_direct_mem_ptr(this, &Model::get_dmi);
  reg_socket.register_b_transport(this, &Model::b_transport_regs);
  SC_THREAD(engine);
  trace_ = std::getenv("MEMCTL_MODEL_TRACE") != nullptr;  // back-end operations on stderr
  reset(cfg);
}

void Model::release() {
  alive_ = false;
  std::vector<uint8_t>().swap(mem_);
  std::vector<uint32_t>().swap(table_);
  std::vector<TlbEntry>().swap(tlb_);
  queue_.clear();
  inflight_.clear();
  cur_ = Current{};
}

void Model::reset(const memctl_model_config_t &cfg, bool keep_memory) {
  cfg_ = cfg;
  alive_ = true;
  epoch_ = global_cycles(sc_core::sc_time_stamp());
  page_bytes_ = 1u << cfg.page_shift;
  const size_t mem_bytes = static_cast<size_t>(cfg.mem_pages) << cfg.page_shift;
  if (!keep_memory || mem_.size() != mem_bytes) mem_.assign(mem_bytes, 0);
  cur_vmid_ = status_ = error_ = irq_enable_ = arg0_ = arg1_ = 0;
  enable_ = false;
  fence_seq_ = last_fence_cycles_ = fault_gpa_ = fault_info_ = 0;
  tbl_vmid_ = tbl_gppn_ = p2m_sel_ = 0;
  p2m_base_.assign(cfg.num_vms, RAM_BASE);
  p2m_pages_.assign(cfg.num_vms, 0);
  if (cfg.org == MEMCTL_ORG_TABLE) {
    table_.assign(static_cast<size_t>(cfg.num_vms) * cfg.guest_pages, 0);
    tlb_.clear();
  } else {
    table_.clear();
    tlb_.assign(cfg.tlb_entries, TlbEntry{});
  }
  tlb_rr_ = 0;
  std::memset(cnt_, 0, sizeof cnt_);
  queue_.clear();
  cur_ = Current{};
  scrub_ = Scrub{};
  engine_free_ = 0;
  window_open_ = false;
  window_start_ = 0;
  have_last_enq_ = false;
  last_enq_ = 0;
  scrub_count_from_ = 0;
  inflight_.clear();
  caught_up_ = 0;
  be_free_ = 0;
  be_free_fetch_ = 0;
  next_refresh_ = (cfg.backend == MEMCTL_BACKEND_DRAM && cfg.dram.t_refresh_interval)
                      ? cfg.dram.t_refresh_interval
                      : kNever;
  open_row_.assign(cfg.backend == MEMCTL_BACKEND_DRAM ? cfg.dram.banks : 0, -1);
  kick_.notify(sc_core::SC_ZERO_TIME);
}

uint64_t Model::now() const {
  const uint64_t g = global_cycles(sc_core::sc_time_stamp());
  return g > epoch_ ? g - epoch_ : 0;
}

// ------------------------------------------------------------------------------ back end

uint32_t Model::mem_word(uint32_t moff) const {
  uint32_t v;
  std::memcpy(&v, &mem_[moff & ~3u], 4);
  return v;
}

void Model::mem_write(uint32_t moff, uint32_t wdata, uint32_t be) {
  uint8_t *p = &mem_[moff & ~3u];
  for (int i = 0; i < 4; i++)
    if (be & (1u << i)) p[i] = static_cast<uint8_t>(wdata >> (8 * i));
}

void Model::do_refresh() {
  const uint64_t rs = std::max(next_refresh_, be_free_);
  be_free_ = rs + cfg_.dram.t_refresh;
  std::fill(open_row_.begin(), open_row_.end(), -1);
  cnt_[kRefreshes]++;
  next_refresh_ += cfg_.dram.t_refresh_interval;
}

// Places one back-end access that may start at cycle t or later; returns its response cycle.
uint64_t Model::be_op(uint64_t t, uint32_t moff, uint64_t *start, bool scrub) {
  uint64_t s;
  for (;;) {
    s = std::max(t, be_free_);
    if (next_refresh_ <= s) {  // a refresh due by then goes first
      do_refresh();
      continue;
    }
    // The scrubber, when it has waited scrub_max_wait cycles, goes before anyone else once.
    if (!scrub && cfg_.scrub_max_wait && scrubbing() && scrub_.ready <= s &&
        s - scrub_.req_since >= cfg_.scrub_max_wait) {
      scrub_step(s);
      continue;
    }
    break;
  }
  uint64_t lat = 1;
  if (cfg_.backend == MEMCTL_BACKEND_DRAM) {
    const uint32_t r = moff / cfg_.dram.row_bytes;
    const uint32_t bank = r % cfg_.dram.banks;
    const int64_t row = r / cfg_.dram.banks;
    if (open_row_[bank] == row) {
      lat = cfg_.dram.t_hit;
      cnt_[kRowHits]++;
    } else if (open_row_[bank] < 0) {
      lat = cfg_.dram.t_miss;
      cnt_[kRowMisses]++;
    } else {
      lat = cfg_.dram.t_conflict;
      cnt_[kRowConflicts]++;
    }
    open_row_[bank] = row;
  }
  if (trace_) std::fprintf(stderr, "memctl_model: cycle %llu: back end %s 0x%05x [%llu, %llu)\n",
                          static_cast<unsigned long long>(t), scrub ? "scrub" : "core/walk", moff,
                          static_cast<unsigned long long>(s), static_cast<unsigned long long>(s + lat));
  be_free_ = s + lat;
  if (start) *start = s;
  return s + lat;
}

// The SRAM's own fetch port (sram_fetch_port): fetch data accesses only; walks use the arbiter.
bool Model::fetch_port(const memctl_access_t &a) const {
  return a.fetch && cfg_.backend == MEMCTL_BACKEND_SRAM && cfg_.sram_fetch_port;
}
uint64_t Model::sram_fetch(uint64_t t) {
  const uint64_t s = std::max(t, be_free_fetch_);
  be_free_fetch_ = s + 1;
  return s + 1;
}

// ------------------------------------------------------------------------------ catch-up

// Candidate background events, ordered by (cycle, priority): command completion (at its last
// cycle), refresh, dequeue, scrubber op.
uint64_t Model::next_event() const {
  if (!alive_) return kNever;
  uint64_t best = kNever;
  if (cur_.op && cur_.done_known) best = std::min(best, cur_.done - 1);
  best = std::min(best, next_refresh_);
  if (!cur_.op && !queue_.empty()) best = std::min(best, std::max(queue_.front().avail, engine_free_));
  if ((cur_.op == MEMCTL_CMD_SCRUB || cur_.op == MEMCTL_CMD_SCRUB_LIST) && !cur_.done_known)
    best = std::min(best, std::max(scrub_.ready, be_free_));
  return best;
}

void Model::catch_up(uint64_t T) {
  if (!alive_) return;
  if (T <= caught_up_) return;
  for (;;) {
    enum { kNone, kComplete, kRefresh, kDequeue, kScrub } kind = kNone;
    uint64_t key = kNever;
    auto consider = [&](uint64_t k, decltype(kind) what) {
      if (k < T && (kind == kNone || k < key)) {  // ties: the earlier-listed kind wins
        key = k;
        kind = what;
      }
    };
    if (cur_.op && cur_.done_known) consider(cur_.done - 1, kComplete);
    consider(next_refresh_, kRefresh);
    if (!cur_.op && !queue_.empty()) consider(std::max(queue_.front().avail, engine_free_), kDequeue);
    if ((cur_.op == MEMCTL_CMD_SCRUB || cur_.op == MEMCTL_CMD_SCRUB_LIST) && !cur_.done_known)
      consider(std::max(scrub_.ready, be_free_), kScrub);
    if (kind == kNone) break;
    switch (kind) {
      case kComplete: complete_current(); break;
      case kRefresh: do_refresh(); break;
      case kDequeue: dequeue(key); break;
      case kScrub: scrub_step(key); break;
      default: break;
    }
  }
  caught_up_ = T;
}

void Model::engine() {
  for (;;) {
    const uint64_t n = now();
    catch_up(n);
    irq.write(irq_level());
    const uint64_t next = next_event();
    if (next == kNever) {
      wait(kick_);
    } else {
      const uint64_t wake = std::max(next + 1, n + 1);
      wait(cycle_period() * static_cast<double>(wake - n), kick_);
    }
  }
}

// ------------------------------------------------------------------------------ commands

void Model::set_error(uint32_t code) {
  if (!(status_ & MEMCTL_STATUS_ERROR)) {
    status_ |= MEMCTL_STATUS_ERROR;
    error_ = code;
  }
}

void Model::enqueue(uint64_t t, uint32_t op) {
  const uint64_t mem_bytes = mem_.size();
  if (queue_used() >= cfg_.queue_depth) return set_error(MEMCTL_ERR_QUEUE_FULL);
  switch (op) {
    case MEMCTL_CMD_INVAL_PAGE:
      if (arg0_ >= cfg_.num_vms) return set_error(MEMCTL_ERR_BAD_VMID);
      if (arg1_ >= cfg_.guest_pages) return set_error(MEMCTL_ERR_BAD_GPPN);
      break;
    case MEMCTL_CMD_INVAL_VM:
      if (arg0_ >= cfg_.num_vms) return set_error(MEMCTL_ERR_BAD_VMID);
      break;
    case MEMCTL_CMD_INVAL_ALL:
    case MEMCTL_CMD_FENCE:
      break;
    case MEMCTL_CMD_SCRUB:
      if (arg1_ == 0 || static_cast<uint64_t>(arg0_) + arg1_ > cfg_.mem_pages)
        return set_error(MEMCTL_ERR_BAD_MPN);
      break;
    case MEMCTL_CMD_SCRUB_LIST: {
      const uint64_t off = static_cast<uint64_t>(arg0_) - RAM_BASE;
      if (arg1_ == 0) return set_error(MEMCTL_ERR_BAD_MPN);
      if (arg0_ < RAM_BASE || (arg0_ & 3) || off + 4ull * arg1_ > mem_bytes || off >= mem_bytes)
        return set_error(MEMCTL_ERR_BAD_ADDR);
      break;
    }
    default:
      return set_error(MEMCTL_ERR_BAD_CMD);
  }
  Cmd c;
  c.op = op;
  c.arg0 = arg0_;
  c.arg1 = arg1_;
  c.avail = t + kCmdAvail;
  // LAST_FENCE_CYCLES window: opened by an enqueue while none is open
  if (!window_open_) {
    window_open_ = true;
    window_start_ = t;
  }
  have_last_enq_ = true;
  last_enq_ = t;
  queue_.push_back(c);
  kick_.notify(sc_core::SC_ZERO_TIME);
}

void Model::dequeue(uint64_t d) {
  const Cmd c = queue_.front();
  queue_.pop_front();
  cur_ = Current{};
  cur_.op = c.op;
  cur_.arg0 = c.arg0;
  cur_.arg1 = c.arg1;
  cur_.start = d;
  switch (c.op) {
    case MEMCTL_CMD_INVAL_PAGE:
    case MEMCTL_CMD_INVAL_VM:
    case MEMCTL_CMD_INVAL_ALL:
      cur_.done = d + kInvalExec;
      cur_.done_known = true;
      break;
    case MEMCTL_CMD_FENCE: {
      // Wait for every guest access accepted before cycle d: done (visible) the cycle after the
      // last of their responses, at the earliest d + 1.
      uint64_t done = d + 1;
      for (const Inflight &f : inflight_)
        if (f.accept < d) done = std::max(done, f.resp + 1);
      std::deque<Inflight> keep;
      for (const Inflight &f : inflight_)
        if (f.resp >= d) keep.push_back(f);
      inflight_.swap(keep);
      cur_.done = done;
      cur_.done_known = true;
      break;
    }
    case MEMCTL_CMD_SCRUB:
    case MEMCTL_CMD_SCRUB_LIST:
      scrub_ = Scrub{};
      scrub_.ready = d + kScrubStart;
      scrub_.req_since = scrub_.ready;
      scrub_.mpn = c.arg0;
      scrub_count_from_ = std::max(d + kScrubStart, scrub_count_from_);
      break;
    default:
      break;
  }
}

bool Model::scrub_step(uint64_t s) {
  const bool list = cur_.op == MEMCTL_CMD_SCRUB_LIST;
  uint64_t e;
  if (list && !scrub_.have_mpn) {
    const uint32_t off = cur_.arg0 - RAM_BASE + 4 * scrub_.idx;
    e = be_op(s, off, nullptr, true);
    const uint32_t mpn = mem_word(off);
    if (mpn >= cfg_.mem_pages) {
      set_error(MEMCTL_ERR_BAD_MPN);  // skipped
      scrub_.idx++;
    } else {
      scrub_.mpn = mpn;
      scrub_.have_mpn = true;
      scrub_.word = 0;
    }
    scrub_.ready = e + kListGap;
    scrub_.req_since = scrub_.ready;
    if (scrub_.idx == cur_.arg1) {  // the last entry was skipped: done when its data arrived
      cur_.done = e + 1;
      cur_.done_known = true;
      return true;
    }
    return false;
  }
  const uint32_t mpn = list ? scrub_.mpn : cur_.arg0 + scrub_.idx;
  const uint32_t off = mpn * page_bytes_ + 4 * scrub_.word;
  uint64_t gs = s;
  e = be_op(s, off, &gs, true);
  std::memset(&mem_[off], 0, 4);
  if (++scrub_.word == page_bytes_ / 4) {
    cnt_[kScrubPages]++;
    scrub_.word = 0;
    scrub_.idx++;
    scrub_.have_mpn = false;
  }
  scrub_.ready = e;
  scrub_.req_since = gs + 1;  // it asks for the next word from the cycle after the grant
  if (scrub_.idx == cur_.arg1) {  // the last word is written when the back end accepts it
    cur_.done = gs + 1;
    cur_.done_known = true;
    return true;
  }
  return false;
}

void Model::complete_current() {
  const uint64_t done = cur_.done;
  switch (cur_.op) {
    case MEMCTL_CMD_INVAL_PAGE:
    case MEMCTL_CMD_INVAL_VM:
    case MEMCTL_CMD_INVAL_ALL:
      for (TlbEntry &e : tlb_) {
        if (!e.valid) continue;
        if (cur_.op == MEMCTL_CMD_INVAL_ALL || (cur_.op == MEMCTL_CMD_INVAL_VM && e.vm == cur_.arg0) ||
            (cur_.op == MEMCTL_CMD_INVAL_PAGE && e.vm == cur_.arg0 && e.gppn == cur_.arg1))
          e.valid = false;
      }
      cnt_[kInvalidations]++;
      break;
    case MEMCTL_CMD_FENCE: {
      // The window opened by the first enqueue after the previous fence completed (an enqueue in
      // the fence's last cycle, done - 1, opens the next window); 1 if none is open.
      last_fence_cycles_ = window_open_ ? static_cast<uint32_t>(done - window_start_) : 1;
      window_open_ = have_last_enq_ && last_enq_ == done - 1;
      window_start_ = done - 1;
      fence_seq_++;
      status_ |= MEMCTL_STATUS_FENCE_DONE;
      cnt_[kFences]++;
      cnt_[kInvalCycles] += last_fence_cycles_;
      break;
    }
    case MEMCTL_CMD_SCRUB:
    case MEMCTL_CMD_SCRUB_LIST:
      status_ |= MEMCTL_STATUS_SCRUB_DONE;
      if (done > scrub_count_from_) cnt_[kScrubCycles] += static_cast<uint32_t>(done - scrub_count_from_);
      scrub_count_from_ = done;
      break;
    default:
      break;
  }
  engine_free_ = done;
  cur_ = Current{};
}

// ------------------------------------------------------------------------------ translation

void Model::fault(const memctl_access_t &a, uint32_t vm, uint32_t reason, memctl_result_t &r) {
  r.err = 1;
  r.fault = 1;
  r.fault_reason = reason;
  fault_gpa_ = a.addr;
  fault_info_ = (vm & 0xFF) | (a.write ? 1u << 8 : 0) | (a.fetch ? 1u << 9 : 0) | (reason << 10);
  status_ |= MEMCTL_STATUS_FAULT;
  cnt_[kFaults]++;
}

// Translates a guest access presented in cycle t. *cur: the cycle from which its back-end access
// (or its fault answer) may be granted, after any walker operations. Returns false on a fault
// (r filled in). Walker timing: the read is requested in cycle t; its data arrives in e1 and is
// used in that cycle. A D write-back is requested from e1 + 1 and the access follows from the
// cycle after the write was granted. WALK_CYCLES counts the cycles from t to the walker's last
// cycle, inclusive.
bool Model::translate(uint64_t t, const memctl_access_t &a, memctl_result_t &r, uint64_t *cur,
                      uint32_t *moff) {
  const uint32_t vm = cur_vmid_;
  const uint64_t window = static_cast<uint64_t>(cfg_.guest_pages) << cfg_.page_shift;
  *cur = t;
  if (a.addr < RAM_BASE || a.addr - RAM_BASE >= window) {
    fault(a, vm, MEMCTL_FAULT_INVALID, r);
    return false;
  }
  const uint32_t gppn = (a.addr - RAM_BASE) >> cfg_.page_shift;
  uint32_t pte = 0;
  TlbEntry *te = nullptr;
  uint32_t ent_off = 0;
  bool ent_in_mem = false;
  if (cfg_.org == MEMCTL_ORG_TABLE) {
    pte = table_[static_cast<size_t>(vm) * cfg_.guest_pages + gppn];
  } else {
    if (gppn >= p2m_pages_[vm]) {
      fault(a, vm, MEMCTL_FAULT_INVALID, r);
      return false;
    }
    const uint64_t eo = static_cast<uint64_t>(p2m_base_[vm]) - RAM_BASE + 4ull * gppn;
    ent_off = static_cast<uint32_t>(eo);
    ent_in_mem = p2m_base_[vm] >= RAM_BASE && eo + 4 <= mem_.size();
    for (TlbEntry &e : tlb_)
      if (e.valid && e.vm == vm && e.gppn == gppn) te = &e;
    if (te) {
      cnt_[kHits]++;
      r.tlb_hit = 1;
      pte = te->pte;
    } else {
      cnt_[kMisses]++;
      r.walked = 1;
      if (!ent_in_mem) {  // the table runs off memory: reads as invalid, no back-end access
        cnt_[kWalkCycles] += 1;
        *cur = t + 1;
        pte = 0;
      } else {
        const uint64_t e1 = be_op(t, ent_off);
        cnt_[kWalkCycles] += static_cast<uint32_t>(e1 - t + 1);
        *cur = e1;
        pte = mem_word(ent_off);
      }
    }
  }
  const uint32_t mpn = pte >> MEMCTL_PTE_MPN_SHIFT;
  auto check = [&](uint32_t e) -> uint32_t {
    if (!(e & MEMCTL_PTE_V)) return MEMCTL_FAULT_INVALID;
    if (a.write && !(e & MEMCTL_PTE_W)) return MEMCTL_FAULT_WRITE;
    if (a.fetch && !(e & MEMCTL_PTE_X)) return MEMCTL_FAULT_EXEC;
    if ((e >> MEMCTL_PTE_MPN_SHIFT) >= cfg_.mem_pages) return MEMCTL_FAULT_MACHINE;
    return 4;
  };
  uint32_t reason = check(pte);
  if (cfg_.org == MEMCTL_ORG_TABLE) {
    if (pte & MEMCTL_PTE_V) cnt_[kHits]++;  // a lookup that found a valid entry
  } else if (r.walked && (pte & MEMCTL_PTE_V)) {
    TlbEntry &slot = tlb_[tlb_rr_];  // round robin
    tlb_rr_ = (tlb_rr_ + 1) % cfg_.tlb_entries;
    slot.valid = true;
    slot.vm = vm;
    slot.gppn = gppn;
    slot.pte = pte;
    te = &slot;
  }
  if (reason == 4 && a.write && !(pte & MEMCTL_PTE_D)) {
    r.dirty_update = 1;
    if (cfg_.org == MEMCTL_ORG_TABLE) {
      table_[static_cast<size_t>(vm) * cfg_.guest_pages + gppn] |= MEMCTL_PTE_D;
    } else {
      // Read-modify-write of the P2M word: after a walk its data is the read; on a hit the walker
      // reads it first. The fresh word decides (the VMM may have changed it): if it still allows
      // the write and has D = 0, it is written back with D = 1; the TLB and this access use it.
      uint64_t rd_end = *cur;
      if (!r.walked) {
        rd_end = be_op(t, ent_off);
        pte = mem_word(ent_off);
      }
      reason = check(pte);
      if (reason == 4 && !(pte & MEMCTL_PTE_D)) {
        pte |= MEMCTL_PTE_D;
        const uint64_t ws = std::max(rd_end + kDirtyGap, be_free_);
        be_op(ws, ent_off);
        mem_write(ent_off, pte, 0xF);
        // busy from t through ws (the walk's own cycles, t..rd_end, are already counted)
        cnt_[kWalkCycles] += static_cast<uint32_t>(r.walked ? ws - rd_end : ws - t + 1);
        *cur = ws + 1;
      } else {
        cnt_[kWalkCycles] += static_cast<uint32_t>(rd_end - t + 1);
        *cur = rd_end;
      }
      if (pte & MEMCTL_PTE_V) {
        if (!te) {
          TlbEntry &slot = tlb_[tlb_rr_];
          tlb_rr_ = (tlb_rr_ + 1) % cfg_.tlb_entries;
          te = &slot;
        }
        te->valid = true;
        te->vm = vm;
        te->gppn = gppn;
        te->pte = pte;
      } else if (te) {
        te->valid = false;
      }
    }
  }
  if (reason != 4) {
    fault(a, vm, reason, r);
    return false;
  }
  *moff = (pte >> MEMCTL_PTE_MPN_SHIFT) * page_bytes_ + (a.addr & (page_bytes_ - 1));
  (void)mpn;
  r.maddr = RAM_BASE + *moff;
  return true;
}

// ------------------------------------------------------------------------------ accesses

void Model::access(uint64_t t, const memctl_access_t &a, memctl_result_t &r) {
  r = memctl_result_t{};
  if (!alive_) {
    r.err = 1;
    r.latency = 1;
    return;
  }
  if (t < caught_up_) t = caught_up_;  // never in the past
  catch_up(t);
  const uint32_t be = a.be ? (a.be & 0xF) : memctl_model_be(a.addr, a.size);
  if (be == 0) {  // misaligned or zero-sized: not a legal bus access
    r.err = 1;
    r.latency = 1;
    return;
  }
  if (a.priv == 3 || !enable_) {  // VMM (or translation off): machine memory, untranslated
    const uint64_t off = static_cast<uint64_t>(a.addr) - RAM_BASE;
    if (a.addr < RAM_BASE || off >= mem_.size()) {
      r.err = 1;
      r.latency = 1;
      return;
    }
    const uint64_t e = fetch_port(a) ? sram_fetch(t) : be_op(t, static_cast<uint32_t>(off));
    if (a.write)
      mem_write(static_cast<uint32_t>(off), a.wdata, be);
    else
      r.rdata = mem_word(static_cast<uint32_t>(off));
    r.maddr = a.addr;
    r.latency = static_cast<uint32_t>(e - t);
    return;
  }
  cnt_[kTranslations]++;
  uint64_t cur = t;
  uint32_t off = 0;
  uint64_t accept, resp;
  if (!translate(t, a, r, &cur, &off)) {
    accept = cur;
    resp = cur + kFaultLatency;
  } else {
    if (fetch_port(a)) {
      accept = std::max(cur, be_free_fetch_);
      resp = sram_fetch(cur);
    } else {
      resp = be_op(cur, off, &accept);
    }
    if (a.write)
      mem_write(off, a.wdata, be);
    else
      r.rdata = mem_word(off);
  }
  r.latency = static_cast<uint32_t>(resp - t);
  inflight_.push_back(Inflight{accept, resp});
}

// ------------------------------------------------------------------------------ registers

bool Model::irq_level() const { return (status_ & irq_enable_ & kStickyBits) != 0; }

void Model::counters(uint32_t *out, uint32_t n, uint64_t t) {
  catch_up(t);
  for (uint32_t i = 0; i < n && i < kNumCounters; i++) out[i] = cnt_[i];
  if (n > kScrubCycles && (cur_.op == MEMCTL_CMD_SCRUB || cur_.op == MEMCTL_CMD_SCRUB_LIST) &&
      t > scrub_count_from_)
    out[kScrubCycles] += static_cast<uint32_t>(t - scrub_count_from_);
}

uint32_t Model::reg_read(uint64_t t, uint32_t off) {
  switch (off) {
    case MEMCTL_ID: return MEMCTL_ID_VALUE;
    case MEMCTL_CONFIG:
      return cfg_.org | (cfg_.page_shift << MEMCTL_CONFIG_PAGE_SHIFT_LSB) |
             (cfg_.num_vms << MEMCTL_CONFIG_VMS_LSB) |
             ((cfg_.org == MEMCTL_ORG_TLB ? cfg_.tlb_entries : 0) << MEMCTL_CONFIG_TLB_LSB) |
             (cfg_.backend << MEMCTL_CONFIG_BACKEND_LSB);
    case MEMCTL_MEM_PAGES: return cfg_.mem_pages;
    case MEMCTL_GUEST_PAGES: return cfg_.guest_pages;
    case MEMCTL_CUR_VMID: return cur_vmid_;
    case MEMCTL_STATUS: {
      uint32_t s = status_ & kStickyBits;
      if (busy()) s |= MEMCTL_STATUS_CMD_BUSY;
      if (cur_.op == MEMCTL_CMD_SCRUB || cur_.op == MEMCTL_CMD_SCRUB_LIST) s |= MEMCTL_STATUS_SCRUB_BUSY;
      if (queue_used() >= cfg_.queue_depth) s |= MEMCTL_STATUS_QUEUE_FULL;
      return s;
    }
    case MEMCTL_ERROR: return error_;
    case MEMCTL_IRQ_ENABLE: return irq_enable_;
    case MEMCTL_CMD_ARG0: return arg0_;
    case MEMCTL_CMD_ARG1: return arg1_;
    case MEMCTL_FENCE_SEQ: return fence_seq_;
    case MEMCTL_LAST_FENCE_CYCLES: return last_fence_cycles_;
    case MEMCTL_FAULT_GPA: return fault_gpa_;
    case MEMCTL_FAULT_INFO: return fault_info_;
    case MEMCTL_CTRL: return enable_ ? MEMCTL_CTRL_ENABLE : 0;
    case MEMCTL_TBL_VMID: return cfg_.org == MEMCTL_ORG_TABLE ? tbl_vmid_ : 0;
    case MEMCTL_TBL_GPPN: return cfg_.org == MEMCTL_ORG_TABLE ? tbl_gppn_ : 0;
    case MEMCTL_TBL_ENTRY:
      return cfg_.org == MEMCTL_ORG_TABLE
                 ? table_[static_cast<size_t>(tbl_vmid_) * cfg_.guest_pages + tbl_gppn_]
                 : 0;
    case MEMCTL_P2M_SEL: return cfg_.org == MEMCTL_ORG_TLB ? p2m_sel_ : 0;
    case MEMCTL_P2M_BASE: return cfg_.org == MEMCTL_ORG_TLB ? p2m_base_[p2m_sel_] : 0;
    case MEMCTL_P2M_PAGES: return cfg_.org == MEMCTL_ORG_TLB ? p2m_pages_[p2m_sel_] : 0;
    default:
      if (off >= MEMCTL_COUNTER_BASE && off < MEMCTL_COUNTER_BASE + 4 * MEMCTL_NUM_COUNTERS) {
        uint32_t c[kNumCounters];
        counters(c, kNumCounters, t);
        return c[(off - MEMCTL_COUNTER_BASE) / 4];
      }
      return 0;  // CMD, COUNTER_CTRL (write only) and unknown offsets
  }
}

void Model::reg_write(uint64_t t, uint32_t off, uint32_t v) {
  switch (off) {
    case MEMCTL_CUR_VMID:
      if (v >= cfg_.num_vms) return set_error(MEMCTL_ERR_BAD_VMID);
      cur_vmid_ = v;
      return;
    case MEMCTL_STATUS:
      status_ &= ~(v & kStickyBits);
      if (v & MEMCTL_STATUS_ERROR) error_ = MEMCTL_ERR_NONE;
      return;
    case MEMCTL_IRQ_ENABLE: irq_enable_ = v & kStickyBits; return;
    case MEMCTL_CMD_ARG0: arg0_ = v; return;
    case MEMCTL_CMD_ARG1: arg1_ = v; return;
    case MEMCTL_CMD: return enqueue(t, v);
    case MEMCTL_CTRL: {
      const bool was = enable_;
      enable_ = (v & MEMCTL_CTRL_ENABLE) != 0;
      if (enable_ && !was) {  // guest accesses are translated from now on: revoke guest DMI
        const uint64_t lo = RAM_BASE, hi = RAM_BASE + mem_.size() - 1;
        data_socket->invalidate_direct_mem_ptr(lo, hi);
        fetch_socket->invalidate_direct_mem_ptr(lo, hi);
      }
      return;
    }
    case MEMCTL_TBL_VMID:
      if (cfg_.org != MEMCTL_ORG_TABLE) return set_error(MEMCTL_ERR_BAD_REG);
      if (v >= cfg_.num_vms) return set_error(MEMCTL_ERR_BAD_VMID);
      tbl_vmid_ = v;
      return;
    case MEMCTL_TBL_GPPN:
      if (cfg_.org != MEMCTL_ORG_TABLE) return set_error(MEMCTL_ERR_BAD_REG);
      if (v >= cfg_.guest_pages) return set_error(MEMCTL_ERR_BAD_GPPN);
      tbl_gppn_ = v;
      return;
    case MEMCTL_TBL_ENTRY:
      if (cfg_.org != MEMCTL_ORG_TABLE) return set_error(MEMCTL_ERR_BAD_REG);
      if ((v & MEMCTL_PTE_V) && (v >> MEMCTL_PTE_MPN_SHIFT) >= cfg_.mem_pages)
        return set_error(MEMCTL_ERR_BAD_MPN);
      table_[static_cast<size_t>(tbl_vmid_) * cfg_.guest_pages + tbl_gppn_] = v;
      return;
    case MEMCTL_P2M_SEL:
      if (cfg_.org != MEMCTL_ORG_TLB) return set_error(MEMCTL_ERR_BAD_REG);
      if (v >= cfg_.num_vms) return set_error(MEMCTL_ERR_BAD_VMID);
      p2m_sel_ = v;
      return;
    case MEMCTL_P2M_BASE:
      if (cfg_.org != MEMCTL_ORG_TLB) return set_error(MEMCTL_ERR_BAD_REG);
      if ((v & 3) || v < RAM_BASE || static_cast<uint64_t>(v) - RAM_BASE >= mem_.size())
        return set_error(MEMCTL_ERR_BAD_ADDR);
      p2m_base_[p2m_sel_] = v;
      return;
    case MEMCTL_P2M_PAGES:
      if (cfg_.org != MEMCTL_ORG_TLB) return set_error(MEMCTL_ERR_BAD_REG);
      if (v > cfg_.guest_pages) return set_error(MEMCTL_ERR_BAD_GPPN);
      p2m_pages_[p2m_sel_] = v;
      return;
    case MEMCTL_COUNTER_CTRL:
      if (v & 1) {
        std::memset(cnt_, 0, sizeof cnt_);
        scrub_count_from_ = t;
      }
      return;
    default:
      return set_error(MEMCTL_ERR_BAD_REG);  // read-only or unknown
  }
}

void Model::reg_access(uint64_t t, uint32_t offset, bool write, uint32_t be, uint32_t wdata,
                       memctl_result_t &r) {
  r = memctl_result_t{};
  r.latency = kRegLatency;
  if (!alive_ || (be & 0xF) != 0xF) {
    r.err = 1;
    return;
  }
  if (t < caught_up_) t = caught_up_;
  catch_up(t);
  offset &= 0xFFCu;
  if (write)
    reg_write(t, offset, wdata);
  else
    r.rdata = reg_read(t, offset);
}

uint32_t Model::peek_entry(uint32_t vm, uint32_t gppn) const {
  if (!alive_ || vm >= cfg_.num_vms || gppn >= cfg_.guest_pages) return 0;
  if (cfg_.org == MEMCTL_ORG_TABLE) return table_[static_cast<size_t>(vm) * cfg_.guest_pages + gppn];
  if (gppn >= p2m_pages_[vm] || p2m_base_[vm] < RAM_BASE) return 0;
  const uint64_t eo = static_cast<uint64_t>(p2m_base_[vm]) - RAM_BASE + 4ull * gppn;
  return eo + 4 <= mem_.size() ? mem_word(static_cast<uint32_t>(eo)) : 0;
}

bool Model::tlb_peek(uint32_t vm, uint32_t gppn, uint32_t *entry) const {
  for (const TlbEntry &e : tlb_)
    if (e.valid && e.vm == vm && e.gppn == gppn) {
      if (entry) *entry = e.pte;
      return true;
    }
  return false;
}

// ------------------------------------------------------------------------------ TLM-2.0

uint64_t Model::arrival_of(const sc_core::sc_time &d) const {
  const uint64_t g = global_cycles(sc_core::sc_time_stamp() + d);
  return g > epoch_ ? g - epoch_ : 0;
}

// Fetch/data sockets: one access within one 32-bit word. Byte enables (if given) further mask the
// bytes of [address, address + length). The AccessExt extension carries privilege and fetch flag
// in and the translation outcome out. Responses: OK; GENERIC_ERROR for a translation fault;
// ADDRESS_ERROR for an M-mode access outside machine memory; BURST_ERROR for an access that
// crosses a word. The modelled latency is added to the delay.
void Model::mem_transport(tlm::tlm_generic_payload &p, sc_core::sc_time &d, bool fetch_port) {
  const uint64_t addr = p.get_address();
  const unsigned len = p.get_data_length();
  if (len < 1 || len > 4 || (addr & 3) + len > 4 || addr > 0xFFFFFFFFull) {
    p.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
    return;
  }
  AccessExt *ext = nullptr;
  p.get_extension(ext);
  memctl_access_t a{};
  a.addr = static_cast<uint32_t>(addr);
  a.write = p.is_write();
  a.priv = ext ? ext->priv : 3;
  a.fetch = fetch_port || (ext && ext->fetch);
  const unsigned lane0 = addr & 3;
  uint32_t be = 0, wdata = 0;
  for (unsigned i = 0; i < len; i++) {
    const bool en = !p.get_byte_enable_ptr() ||
                    p.get_byte_enable_ptr()[i % p.get_byte_enable_length()] == TLM_BYTE_ENABLED;
    if (!en) continue;
    be |= 1u << (lane0 + i);
    wdata |= static_cast<uint32_t>(p.get_data_ptr()[i]) << (8 * (lane0 + i));
  }
  if (be == 0) {  // nothing enabled: a no-op that still takes the handshake
    p.set_response_status(tlm::TLM_OK_RESPONSE);
    d += cycle_period();
    return;
  }
  a.be = be;
  a.wdata = wdata;
  memctl_result_t r;
  access(arrival_of(d), a, r);
  if (!a.write && !r.err)  // a read returns every byte of the range (the bus returns the word)
    for (unsigned i = 0; i < len; i++)
      p.get_data_ptr()[i] = static_cast<uint8_t>(r.rdata >> (8 * (lane0 + i)));
  if (ext) {
    ext->fault = r.fault;
    ext->fault_reason = r.fault_reason;
    ext->maddr = r.maddr;
    ext->rdata = r.rdata;
    ext->latency = r.latency;
    ext->tlb_hit = r.tlb_hit;
    ext->walked = r.walked;
    ext->dirty_update = r.dirty_update;
  }
  p.set_response_status(!r.err ? tlm::TLM_OK_RESPONSE
                               : r.fault ? tlm::TLM_GENERIC_ERROR_RESPONSE
                                         : tlm::TLM_ADDRESS_ERROR_RESPONSE);
  d += cycle_period() * static_cast<double>(r.latency);
}

void Model::b_transport_fetch(tlm::tlm_generic_payload &p, sc_core::sc_time &d) {
  if (p.is_write()) {  // the fetch port carries reads only
    p.set_response_status(tlm::TLM_COMMAND_ERROR_RESPONSE);
    return;
  }
  mem_transport(p, d, true);
}

void Model::b_transport_data(tlm::tlm_generic_payload &p, sc_core::sc_time &d) {
  mem_transport(p, d, false);
}

// Register socket: address = offset from MEMCTL_BASE (or the absolute address); 32-bit only.
void Model::b_transport_regs(tlm::tlm_generic_payload &p, sc_core::sc_time &d) {
  const uint64_t addr = p.get_address();
  memctl_result_t r;
  const bool word = p.get_data_length() == 4 && (addr & 3) == 0 && !p.get_byte_enable_ptr();
  uint32_t wdata = 0;
  if (word && p.is_write()) std::memcpy(&wdata, p.get_data_ptr(), 4);
  reg_access(arrival_of(d), static_cast<uint32_t>(addr & 0xFFF), p.is_write(), word ? 0xF : 0,
             wdata, r);
  if (!r.err && p.is_read()) std::memcpy(p.get_data_ptr(), &r.rdata, 4);
  p.set_response_status(r.err ? tlm::TLM_ADDRESS_ERROR_RESPONSE : tlm::TLM_OK_RESPONSE);
  d += cycle_period() * static_cast<double>(r.latency);
}

// DMI (direct memory interface) to machine memory, for untranslated accesses on the SRAM back end
// only: the request's AccessExt says whose accesses the pointer will serve. M-mode (no extension,
// or priv 3): granted. Guest (priv != 3): granted while CTRL.ENABLE = 0, and revoked
// (invalidate_direct_mem_ptr on both sockets) when software sets it. Accesses made through a DMI
// pointer bypass the model entirely (no back-end timing, no counters), so the DRAM back end, whose
// open rows, refreshes and ROW_* counters depend on every access, grants none. A reset that
// changes the memory size reallocates it: whoever resets drops its pointers (the VP, sim/vp).
bool Model::get_dmi(tlm::tlm_generic_payload &p, tlm::tlm_dmi &dmi) {
  AccessExt *ext = nullptr;
  p.get_extension(ext);
  const bool guest = ext && ext->priv != 3;
  const uint64_t addr = p.get_address();
  if (!alive_ || mem_.empty() || addr < RAM_BASE || addr - RAM_BASE >= mem_.size() ||
      cfg_.backend != MEMCTL_BACKEND_SRAM || (guest && enable_))
    return false;
  dmi.set_dmi_ptr(mem_.data());
  dmi.set_start_address(RAM_BASE);
  dmi.set_end_address(RAM_BASE + mem_.size() - 1);
  dmi.allow_read_write();
  dmi.set_read_latency(cycle_period());
  dmi.set_write_latency(cycle_period());
  return true;
}

// Back door: machine memory at machine (RAM_BASE-based) addresses, no timing, no side effects.
unsigned int Model::transport_dbg(tlm::tlm_generic_payload &p) {
  const uint64_t addr = p.get_address();
  const unsigned len = p.get_data_length();
  if (!alive_ || addr < RAM_BASE || !mem_in_range(addr - RAM_BASE, len)) return 0;
  uint8_t *m = &mem_[addr - RAM_BASE];
  if (p.is_write())
    std::memcpy(m, p.get_data_ptr(), len);
  else
    std::memcpy(p.get_data_ptr(), m, len);
  p.set_response_status(tlm::TLM_OK_RESPONSE);
  return len;
}

}  // namespace memctl
