// TLM-2.0 loosely-timed models of the SoC's devices for the virtual platform (docs/simulator.md,
// "Virtual platform"): CLINT, PLIC, UART0 (ns16550a subset) and the test finisher. Each one
// implements the register behaviour of its RTL counterpart (rtl/soc/soc_clint.sv, soc_plic.sv,
// soc_uart16550.sv, soc_finisher.sv; docs/memory-map.md) at the level of bus accesses.
//
// Bus access convention (as on the RTL bus, docs/architecture.md): a payload of 1, 2 or 4 bytes
// inside one 32-bit word, address = offset from the device's base (the router subtracts it).
// A device sees the word offset, the byte enables and the write data in the byte lanes; reads
// return the whole word (the payload gets the bytes of its range). Every access completes with
// TLM_OK_RESPONSE (devices never answer with an error, like the RTL) and adds one cycle.
//
// Interrupt outputs are plain member functions (irq(), mtip(...)): the VP evaluates them after
// every device access and at every chunk boundary of the ISS (sim/vp/vp_top.cpp), so no SystemC
// signal or delta cycle is involved.
#ifndef SOCSIM_VP_DEVICES_H
#define SOCSIM_VP_DEVICES_H

#include <cstdint>
#include <deque>
#include <functional>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

namespace socsim_vp {

// One cycle of the VP (= one instruction of the ISS) in SystemC time: the RTL clock period the
// memory controller model uses too (memctl::cycle_period(), 10 ns).
inline sc_core::sc_time cycle_time() { return sc_core::sc_time(10, sc_core::SC_NS); }

// The board's cycle counter as seen from inside a transport call: cycles since the board's reset.
struct Clock {
  uint64_t epoch = 0;  // SystemC time of the reset, in cycles
  uint64_t cycle_of(const sc_core::sc_time &delay) const {
    const uint64_t p = cycle_time().value();
    const uint64_t g = (sc_core::sc_time_stamp() + delay).value() / p;
    return g > epoch ? g - epoch : 0;
  }
};

// Base of the four devices: decodes the payload into a bus access.
class Device : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<Device> socket;
  Device(sc_core::sc_module_name name, const Clock *clock);
  virtual void reset() = 0;

 protected:
  // word offset (offset & ~3), byte enables [3:0], write data in the byte lanes, current cycle
  virtual uint32_t read(uint32_t off, uint32_t be, uint64_t cycle) = 0;
  virtual void write(uint32_t off, uint32_t be, uint32_t wdata, uint64_t cycle) = 0;
  const Clock *clock_;

 private:
  void b_transport(tlm::tlm_generic_payload &p, sc_core::sc_time &delay);
};

// CLINT: msip, mtimecmp, mtime. mtime advances by one per VP cycle (one instruction).
class Clint : public Device {
 public:
  Clint(sc_core::sc_module_name name, const Clock *clock) : Device(name, clock) { reset(); }
  void reset() override;
  uint64_t mtime(uint64_t cycle) const { return cycle + offset_; }
  bool msip() const { return msip_; }
  bool mtip(uint64_t cycle) const { return mtime(cycle) >= mtimecmp_; }
  // cycles from `cycle` until mtip() becomes true (0: already true; UINT64_MAX: never)
  uint64_t cycles_to_mtip(uint64_t cycle) const;

 protected:
  uint32_t read(uint32_t off, uint32_t be, uint64_t cycle) override;
  void write(uint32_t off, uint32_t be, uint32_t wdata, uint64_t cycle) override;

 private:
  bool msip_ = false;
  uint64_t mtimecmp_ = ~0ull;
  uint64_t offset_ = 0;  // mtime = cycle + offset_ (a write of mtime changes the offset)
};

// PLIC: 31 sources, 3-bit priorities, 2 contexts, level-triggered gateways (soc_plic.sv).
class Plic : public Device {
 public:
  static constexpr unsigned kSources = 32, kContexts = 2;
  Plic(sc_core::sc_module_name name, const Clock *clock) : Device(name, clock) { reset(); }
  void reset() override;
  void set_sources(uint32_t levels);  // bit id = level of source id (bit 0 ignored)
  bool irq(unsigned ctx) const { return best(ctx) != 0; }

 protected:
  uint32_t read(uint32_t off, uint32_t be, uint64_t cycle) override;
  void write(uint32_t off, uint32_t be, uint32_t wdata, uint64_t cycle) override;

 private:
  unsigned best(unsigned ctx) const;
  void gateway() { pending_ = (pending_ | (sources_ & ~inflight_)) & ~1u; }
  uint8_t prio_[kSources] = {};
  uint32_t pending_ = 0, inflight_ = 0, sources_ = 0;
  uint32_t enable_[kContexts] = {};
  uint8_t threshold_[kContexts] = {};
};

// UART0, ns16550a subset (soc_uart16550.sv): 16-byte RX FIFO fed from the board's queue,
// immediate transmission into the board's TX buffer.
class Uart : public Device {
 public:
  static constexpr unsigned kRxDepth = 16;
  Uart(sc_core::sc_module_name name, const Clock *clock) : Device(name, clock) { reset(); }
  void reset() override;
  void connect(std::deque<uint8_t> *rx, std::vector<uint8_t> *tx) {
    rx_queue_ = rx;
    tx_out_ = tx;
  }
  void refill();  // takes queued bytes while the FIFO has room (the RTL: one per cycle)
  bool irq() const { return rx_ip() || ((ier_ & 2) && thre_ip_); }

 protected:
  uint32_t read(uint32_t off, uint32_t be, uint64_t cycle) override;
  void write(uint32_t off, uint32_t be, uint32_t wdata, uint64_t cycle) override;

 private:
  bool rx_ip() const { return (ier_ & 1) && !fifo_.empty(); }
  uint8_t iir() const;
  std::deque<uint8_t> fifo_;
  std::deque<uint8_t> *rx_queue_ = nullptr;
  std::vector<uint8_t> *tx_out_ = nullptr;
  uint8_t ier_ = 0, fcr_ = 0, lcr_ = 0, mcr_ = 0, scr_ = 0, dll_ = 1, dlm_ = 0;
  bool thre_ip_ = false;
};

// Test finisher: every write at offset 0 reports the written word (bytes of the enabled lanes).
class Finisher : public Device {
 public:
  Finisher(sc_core::sc_module_name name, const Clock *clock) : Device(name, clock) {}
  void reset() override {}
  std::function<void(uint32_t)> on_finish;

 protected:
  uint32_t read(uint32_t, uint32_t, uint64_t) override { return 0; }
  void write(uint32_t off, uint32_t be, uint32_t wdata, uint64_t cycle) override;
};

}  // namespace socsim_vp

#endif  // SOCSIM_VP_DEVICES_H
