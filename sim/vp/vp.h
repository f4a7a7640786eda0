// Virtual platform (VP): the SoC as a SystemC/TLM-2.0 model around the reference ISS
// (docs/simulator.md, "Virtual platform"). Internal C++ interface between the socsim C API
// (sim/socsim.cpp, which dispatches to it for boards created with SOCSIM_MODEL_VP) and the
// SystemC top (sim/vp/vp_top.cpp). Programs use the VP only through sim/socsim.h.
//
// One VP board per process: the SystemC kernel elaborates once and cannot be restarted. A second
// vp_create() while a board exists fails; after vp_destroy() the same (hidden) board is reused,
// reconfigured for the new configuration.
#ifndef SOCSIM_VP_H
#define SOCSIM_VP_H

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "socsim.h"

namespace socsim_vp {

struct Board;

struct Config {
  uint32_t ram_bytes = 64u << 20;  // populated RAM (machine memory of the memory controller)
  uint32_t memctl_org = 0;         // SOCSIM_MEMCTL_*
  uint32_t memctl_backend = 0;     // SOCSIM_BACKEND_*
};

// What the board needs from its owner (struct socsim) during a run.
struct Host {
  std::deque<uint8_t> *rx = nullptr;   // bytes for UART0's receiver (taken as its FIFO has room)
  std::vector<uint8_t> *tx = nullptr;  // bytes UART0 transmitted
  bool has_tohost = false;
  uint32_t tohost_offset = 0;          // byte offset of `tohost` from RAM_BASE
  socsim_retire_hook_t hook = nullptr;
  void *hook_ctx = nullptr;
};

// Returns nullptr and *err on failure (e.g. a second board in this process, SystemC error).
Board *create(const Config &cfg, std::string *err);
void destroy(Board *b);
uint8_t *ram(Board *b);  // machine memory (RAM_BASE-based), valid for the board's lifetime
// Resets ISS, devices and memory controller registers (RAM kept), counters to 0; pc = boot_addr.
void reset(Board *b, uint32_t boot_addr);
// Runs until cycle `end` (absolute, since reset) or until the program ends. *state and *exit_code
// as in struct socsim (SOCSIM_EXIT_*). Returns 0, or -1 and *err on a SystemC error.
int run(Board *b, uint64_t end, const Host &host, int *state, uint32_t *exit_code, std::string *err);
// cycles, instret, traps, last_pc (host_seconds is the caller's).
void counters(const Board *b, socsim_counters_t *out);

}  // namespace socsim_vp

#endif  // SOCSIM_VP_H
