// TLM-2.0 device models of the virtual platform (see vp_devices.h).
#include "vp_devices.h"

#include <cstring>

#include "soc_memory_map.h"

namespace socsim_vp {

Device::Device(sc_core::sc_module_name name, const Clock *clock)
    : sc_core::sc_module(name), socket("socket"), clock_(clock) {
  socket.register_b_transport(this, &Device::b_transport);
}

void Device::b_transport(tlm::tlm_generic_payload &p, sc_core::sc_time &delay) {
  const uint64_t addr = p.get_address();
  const unsigned len = p.get_data_length();
  if (len < 1 || len > 4 || (addr & 3) + len > 4) {
    p.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
    return;
  }
  const unsigned lane0 = addr & 3;
  uint32_t be = 0, wdata = 0;
  for (unsigned i = 0; i < len; i++) {
    const unsigned char *bep = p.get_byte_enable_ptr();
    if (bep && bep[i % p.get_byte_enable_length()] != TLM_BYTE_ENABLED) continue;
    be |= 1u << (lane0 + i);
    if (p.is_write()) wdata |= uint32_t{p.get_data_ptr()[i]} << (8 * (lane0 + i));
  }
  const uint32_t off = static_cast<uint32_t>(addr) & ~3u;
  const uint64_t cycle = clock_->cycle_of(delay);
  if (p.is_write()) {
    write(off, be, wdata, cycle);
  } else {
    const uint32_t word = read(off, be, cycle);
    for (unsigned i = 0; i < len; i++)
      p.get_data_ptr()[i] = static_cast<unsigned char>(word >> (8 * (lane0 + i)));
  }
  p.set_response_status(tlm::TLM_OK_RESPONSE);
  delay += cycle_time();
}

static uint32_t lane_mask(uint32_t be) {
  uint32_t m = 0;
  for (int i = 0; i < 4; i++)
    if (be & (1u << i)) m |= 0xFFu << (8 * i);
  return m;
}

// ------------------------------------------------------------------------------------ CLINT
void Clint::reset() {
  msip_ = false;
  mtimecmp_ = ~0ull;
  offset_ = 0;
}

uint64_t Clint::cycles_to_mtip(uint64_t cycle) const {
  const uint64_t now = mtime(cycle);
  if (now >= mtimecmp_) return 0;
  return mtimecmp_ - now;  // mtime wraps only after 2^64 cycles
}

uint32_t Clint::read(uint32_t off, uint32_t, uint64_t cycle) {
  switch (off & 0xFFFFu) {
    case CLINT_MSIP: return msip_ ? 1 : 0;
    case CLINT_MTIMECMP: return static_cast<uint32_t>(mtimecmp_);
    case CLINT_MTIMECMP + 4: return static_cast<uint32_t>(mtimecmp_ >> 32);
    case CLINT_MTIME: return static_cast<uint32_t>(mtime(cycle));
    case CLINT_MTIME + 4: return static_cast<uint32_t>(mtime(cycle) >> 32);
    default: return 0;
  }
}

void Clint::write(uint32_t off, uint32_t be, uint32_t wdata, uint64_t cycle) {
  const uint64_t m = lane_mask(be);
  switch (off & 0xFFFFu) {
    case CLINT_MSIP:
      if (be & 1) msip_ = wdata & 1;
      break;
    case CLINT_MTIMECMP: mtimecmp_ = (mtimecmp_ & ~m) | (wdata & m); break;
    case CLINT_MTIMECMP + 4: mtimecmp_ = (mtimecmp_ & ~(m << 32)) | (uint64_t{wdata & m} << 32); break;
    case CLINT_MTIME:
    case CLINT_MTIME + 4: {
      // As the RTL: the written value is mtime in the next cycle, then it counts on.
      const uint64_t cur = mtime(cycle + 1);
      const uint64_t sh = (off & 4) ? 32 : 0;
      const uint64_t v = (cur & ~(m << sh)) | (uint64_t{wdata & m} << sh);
      offset_ = v - (cycle + 1);
      break;
    }
    default: break;
  }
}

// ------------------------------------------------------------------------------------ PLIC
void Plic::reset() {
  std::memset(prio_, 0, sizeof prio_);
  pending_ = inflight_ = 0;
  std::memset(enable_, 0, sizeof enable_);
  std::memset(threshold_, 0, sizeof threshold_);
  gateway();
}

void Plic::set_sources(uint32_t levels) {
  sources_ = levels & ~1u;
  gateway();
}

unsigned Plic::best(unsigned ctx) const {
  const uint32_t eligible = pending_ & enable_[ctx];
  if (!eligible) return 0;
  unsigned id = 0;
  unsigned prio = threshold_[ctx];
  for (unsigned s = 1; s < kSources; s++)
    if (((eligible >> s) & 1) && prio_[s] > prio) {
      id = s;
      prio = prio_[s];
    }
  return id;
}

uint32_t Plic::read(uint32_t off, uint32_t, uint64_t) {
  off &= 0x3FFFFCu;
  if (off - PLIC_PRIORITY < 4 * kSources) {
    const unsigned id = (off - PLIC_PRIORITY) >> 2;
    return id ? prio_[id] : 0;
  }
  if (off == PLIC_PENDING) return pending_;
  for (unsigned c = 0; c < kContexts; c++) {
    if (off == PLIC_ENABLE + PLIC_ENABLE_STRIDE * c) return enable_[c];
    const uint32_t ctx = PLIC_CONTEXT + PLIC_CONTEXT_STRIDE * c;
    if (off == ctx + PLIC_THRESHOLD) return threshold_[c];
    if (off == ctx + PLIC_CLAIM) {  // claim
      const unsigned id = best(c);
      if (id) {
        pending_ &= ~(1u << id);
        inflight_ |= 1u << id;
      }
      return id;
    }
  }
  return 0;
}

void Plic::write(uint32_t off, uint32_t be, uint32_t wdata, uint64_t) {
  if (be != 0xF) return;  // registers accept whole-word writes only
  off &= 0x3FFFFCu;
  if (off - PLIC_PRIORITY < 4 * kSources) {
    const unsigned id = (off - PLIC_PRIORITY) >> 2;
    if (id) prio_[id] = wdata & 7;
    return;
  }
  for (unsigned c = 0; c < kContexts; c++) {
    if (off == PLIC_ENABLE + PLIC_ENABLE_STRIDE * c) {
      enable_[c] = wdata & ~1u;
      return;
    }
    const uint32_t ctx = PLIC_CONTEXT + PLIC_CONTEXT_STRIDE * c;
    if (off == ctx + PLIC_THRESHOLD) {
      threshold_[c] = wdata & 7;
      return;
    }
    if (off == ctx + PLIC_CLAIM) {  // complete
      if (wdata < kSources && wdata != 0) {
        inflight_ &= ~(1u << wdata);
        gateway();  // pending again while the line is still high
      }
      return;
    }
  }
}

// ------------------------------------------------------------------------------------ UART
void Uart::reset() {
  fifo_.clear();
  ier_ = fcr_ = lcr_ = mcr_ = scr_ = dlm_ = 0;
  dll_ = 1;
  thre_ip_ = false;
}

void Uart::refill() {
  if (!rx_queue_) return;
  while (fifo_.size() < kRxDepth && !rx_queue_->empty()) {
    fifo_.push_back(rx_queue_->front());
    rx_queue_->pop_front();
  }
}

uint8_t Uart::iir() const {
  uint8_t v = (fcr_ & 1) ? 0xC1 : 0x01;
  if (rx_ip())
    v = (v & 0xF0) | 0x4;
  else if ((ier_ & 2) && thre_ip_)
    v = (v & 0xF0) | 0x2;
  return v;
}

uint32_t Uart::read(uint32_t off, uint32_t be, uint64_t) {
  refill();
  if (off >= 8) return 0;
  const bool dlab = lcr_ & 0x80;
  // Register values as seen at the start of the access (the RTL decodes all lanes in one cycle).
  const uint8_t iir_now = iir();
  const bool fifo_empty = fifo_.empty();
  const uint8_t head = fifo_empty ? 0 : fifo_.front();
  uint32_t word = 0;
  bool pop = false, ack_thre = false;
  for (unsigned l = 0; l < 4; l++) {
    if (!(be & (1u << l))) continue;
    const unsigned r = (off & 4) + l;
    uint8_t rb = 0;
    switch (r) {
      case UART_RBR_THR:
        if (dlab) {
          rb = dll_;
        } else {
          rb = head;
          pop = !fifo_empty;
        }
        break;
      case UART_IER: rb = dlab ? dlm_ : ier_; break;
      case UART_IIR_FCR:
        rb = iir_now;
        if ((iir_now & 0xF) == 0x2) ack_thre = true;  // reading IIR acknowledges THR empty
        break;
      case UART_LCR: rb = lcr_; break;
      case UART_MCR: rb = mcr_; break;
      case UART_LSR: rb = static_cast<uint8_t>(0x60 | (fifo_empty ? 0 : UART_LSR_DR)); break;
      case UART_MSR:
        rb = (mcr_ & 0x10) ? static_cast<uint8_t>(((mcr_ >> 3) & 1) << 7 | ((mcr_ >> 2) & 1) << 6 |
                                                  (mcr_ & 1) << 5 | ((mcr_ >> 1) & 1) << 4)
                           : 0xB0;
        break;
      default: rb = scr_; break;
    }
    word |= uint32_t{rb} << (8 * l);
  }
  if (pop) fifo_.pop_front();
  if (ack_thre) thre_ip_ = false;
  refill();
  return word;
}

void Uart::write(uint32_t off, uint32_t be, uint32_t wdata, uint64_t) {
  if (off >= 8) return;
  const bool dlab = lcr_ & 0x80;
  const uint8_t ier_old = ier_;
  for (unsigned l = 0; l < 4; l++) {
    if (!(be & (1u << l))) continue;
    const unsigned r = (off & 4) + l;
    const uint8_t wb = static_cast<uint8_t>(wdata >> (8 * l));
    switch (r) {
      case UART_RBR_THR:
        if (dlab) {
          dll_ = wb;
        } else {
          if (tx_out_) tx_out_->push_back(wb);
          thre_ip_ = true;  // the byte leaves at once, THR is empty again
        }
        break;
      case UART_IER:
        if (dlab) {
          dlm_ = wb;
        } else {
          ier_ = wb & 0x0F;
          if ((wb & 2) && !(ier_old & 2)) thre_ip_ = true;  // THR is always empty
        }
        break;
      case UART_IIR_FCR:
        fcr_ = static_cast<uint8_t>((wb & 0xC0) | (wb & 1));
        if (wb & 2) fifo_.clear();
        break;
      case UART_LCR: lcr_ = wb; break;
      case UART_MCR: mcr_ = wb & 0x1F; break;
      case UART_LSR:
      case UART_MSR: break;
      default: scr_ = wb; break;
    }
  }
  refill();
}

// ------------------------------------------------------------------------------------ finisher
void Finisher::write(uint32_t off, uint32_t be, uint32_t wdata, uint64_t) {
  if ((off & 0xFFCu) != 0) return;
  if (on_finish) on_finish(wdata & lane_mask(be));
}

}  // namespace socsim_vp
