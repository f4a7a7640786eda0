// Training run of the profile-guided build of socsim's default model (rtl/soc/CMakeLists.txt,
// option SOCSIM_PGO; docs/simulator.md "Profile-guided build").
//
//   socsim_pgo_train <elf>[:<max cycles>] ...
//
// Runs each program on an instrumented Vsoc_top, one after the other, until it ends (finisher or
// `tohost`) or reaches its cycle limit (default 5,000,000). The instrumentation counts how often
// each branch of the model's evaluation code goes which way; the build then compiles the model
// again with those counts, so the common path is laid out straight. Only the counts matter, so
// this is the minimum of the socsim harness (sim/socsim.cpp): RAM behind the DPI functions, reset,
// clock and the end of the program; no UART input, no lockstep hook. A program that fails still
// gives usable counts: the outcome is printed, the exit status is 0 unless a file cannot be used.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "Vsoc_top.h"
#include "Vsoc_top__Dpi.h"
#include "elf_load.h"
#include "soc_memory_map.h"
#include "verilated.h"

namespace {

constexpr uint32_t kRamBytes = 64u << 20;  // socsim's default RAM size
constexpr uint64_t kDefaultMaxCycles = 5000000;
constexpr int kResetCycles = 4;

std::vector<uint8_t> g_ram;
uint32_t g_tohost_offset = 0;
bool g_has_tohost = false;
bool g_tohost_written = false;

void cycle(Vsoc_top *m) {
  m->clk_i = 1;
  m->eval();
  m->clk_i = 0;
  m->eval();
}

// Returns false if the program could not be loaded.
bool run(const char *arg) {
  std::string path(arg);
  uint64_t max_cycles = kDefaultMaxCycles;
  const size_t colon = path.rfind(':');
  if (colon != std::string::npos) {
    max_cycles = std::strtoull(path.c_str() + colon + 1, nullptr, 0);
    path.resize(colon);
  }
  elf_image_t img;
  char err[256];
  if (elf_image_load(path.c_str(), RAM_BASE, kRamBytes, &img, err, sizeof err) != 0) {
    std::fprintf(stderr, "socsim_pgo_train: %s\n", err);
    return false;
  }
  g_ram.assign(kRamBytes, 0);
  for (size_t i = 0; i < img.num_segments; i++) {
    const elf_segment_t &seg = img.segments[i];
    if (seg.filesz) std::memcpy(g_ram.data() + (seg.paddr - RAM_BASE), seg.data, seg.filesz);
  }
  g_has_tohost = img.has_tohost && img.tohost >= RAM_BASE && img.tohost - RAM_BASE <= kRamBytes - 4;
  g_tohost_offset = g_has_tohost ? img.tohost - RAM_BASE : 0;
  g_tohost_written = false;
  const uint32_t entry = img.entry;
  elf_image_free(&img);

  VerilatedContext ctx;
  ctx.fatalOnError(false);
  std::unique_ptr<Vsoc_top> m(new Vsoc_top(&ctx, "TOP"));
  m->boot_addr_i = entry;
  m->ram_size_i = kRamBytes;
  m->mem_latency_i = 0;
  m->memctl_org_i = 0;
  m->memctl_backend_i = 0;
  m->uart_rx_valid_i = 0;
  m->uart_rx_data_i = 0;
  m->rst_ni = 0;
  for (int i = 0; i < kResetCycles; i++) cycle(m.get());
  m->rst_ni = 1;
  m->eval();
  uint64_t n = 0;
  const char *outcome = "cycle limit";
  while (n < max_cycles) {
    cycle(m.get());
    n++;
    if (m->finish_valid_o && (m->finish_word_o & 0xffff) == FINISHER_PASS) {
      outcome = "pass";
      break;
    }
    if (m->finish_valid_o && (m->finish_word_o & 0xffff) == FINISHER_FAIL) {
      outcome = "FAIL";
      break;
    }
    if (g_tohost_written) {
      outcome = "tohost";
      break;
    }
  }
  m->final();
  std::printf("socsim_pgo_train: %s: %s after %llu cycles\n", path.c_str(), outcome,
              static_cast<unsigned long long>(n));
  return true;
}

}  // namespace

// The RAM, as socsim.cpp provides it to the memory controller (rtl/mem/memctl_storage.sv).
extern "C" unsigned int socsim_ram_read(unsigned int offset) {
  if (offset > kRamBytes - 4) return 0;
  uint32_t v;
  std::memcpy(&v, g_ram.data() + offset, 4);
  return v;
}

extern "C" void socsim_ram_write(unsigned int offset, unsigned int data, unsigned int be) {
  if (offset > kRamBytes - 4) return;
  for (unsigned i = 0; i < 4; i++) {
    if (be & (1u << i)) g_ram[offset + i] = static_cast<uint8_t>(data >> (8 * i));
  }
  if (g_has_tohost && (offset >> 2) == (g_tohost_offset >> 2)) {
    uint32_t v;
    std::memcpy(&v, g_ram.data() + g_tohost_offset, 4);
    if (v & 1) g_tohost_written = true;
  }
}

int main(int argc, char **argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: socsim_pgo_train <elf>[:<max cycles>] ...\n");
    return 2;
  }
  for (int i = 1; i < argc; i++) {
    if (!run(argv[i])) return 1;
  }
  return 0;
}
