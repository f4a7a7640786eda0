// Verilator harness of the memctl_top standalone top (see rtl_harness.h). C++ only because
// Verilator's models are C++; the testbench logic is C (cosim.c).
#include "rtl_harness.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

// TB_TABLE_BRAM: the second verilated model (TABLE_BRAM = 1), its own prefix (memctl_cosim_bram)
#if defined(TB_TABLE_BRAM) && TB_TABLE_BRAM
#include "Vmemctl_top_bram.h"
#include "Vmemctl_top_bram__Dpi.h"
using Vtop = Vmemctl_top_bram;
#else
#include "Vmemctl_top.h"
#include "Vmemctl_top__Dpi.h"
using Vtop = Vmemctl_top;
#endif
#include "verilated.h"

struct rtl {
  std::unique_ptr<VerilatedContext> ctx;
  std::unique_ptr<Vtop> top;
  std::vector<uint32_t> mem;  // machine memory, words
};

static rtl *g_current = nullptr;  // the storage DPI calls reach this harness's memory

extern "C" unsigned int socsim_ram_read(unsigned int offset) {
  const size_t w = offset / 4;
  if (!g_current || w >= g_current->mem.size()) {
    std::fprintf(stderr, "rtl_harness: storage read outside memory: 0x%08x\n", offset);
    std::abort();
  }
  return g_current->mem[w];
}

extern "C" void socsim_ram_write(unsigned int offset, unsigned int data, unsigned int be) {
  const size_t w = offset / 4;
  if (!g_current || w >= g_current->mem.size()) {
    std::fprintf(stderr, "rtl_harness: storage write outside memory: 0x%08x\n", offset);
    std::abort();
  }
  uint32_t mask = 0;
  for (int i = 0; i < 4; i++)
    if (be & (1u << i)) mask |= 0xFFu << (8 * i);
  g_current->mem[w] = (g_current->mem[w] & ~mask) | (data & mask);
}

extern "C" {

rtl_t *rtl_create(uint32_t org, uint32_t backend, uint32_t mem_pages, const char *trace_path) {
  (void)trace_path;
  rtl *r = new rtl;
  r->ctx.reset(new VerilatedContext);
  r->top.reset(new Vtop(r->ctx.get(), "memctl_top"));
  r->mem.assign(static_cast<size_t>(mem_pages) << (TB_PAGE_SHIFT - 2), 0);
  Vtop &t = *r->top;
  t.org_sel_i = org;
  t.backend_sel_i = backend;
  t.mem_pages_i = mem_pages;
  t.mem_latency_i = 0;
  g_current = r;
  return r;
}

void rtl_destroy(rtl_t *r) {
  if (!r) return;
  r->top->final();
  if (g_current == r) g_current = nullptr;
  delete r;
}

void rtl_reset(rtl_t *r) {
  g_current = r;
  Vtop &t = *r->top;
  t.fetch_req_i = t.data_req_i = t.regs_req_i = 0;
  t.fetch_sel_req_i = t.data_sel_req_i = 0;
  t.clk_i = 0;
  t.rst_ni = 0;
  t.eval();
  for (int i = 0; i < 4; i++) {
    t.clk_i = 1;
    t.eval();
    t.clk_i = 0;
    t.eval();
  }
  t.rst_ni = 1;
  t.eval();
}

void rtl_eval(rtl_t *r, const rtl_in_t *in, rtl_out_t *out) {
  g_current = r;
  Vtop &t = *r->top;
  t.fetch_req_i = in->fetch_req;
  // the requests before an address decode: the harness has none, they are the same
  t.fetch_sel_req_i = in->fetch_req;
  t.data_sel_req_i = in->data_req;
  t.fetch_addr_i = in->fetch_addr;
  t.fetch_priv_i = in->fetch_priv;
  t.data_req_i = in->data_req;
  t.data_addr_i = in->data_addr;
  t.data_we_i = in->data_we;
  t.data_be_i = in->data_be;
  t.data_wdata_i = in->data_wdata;
  t.data_priv_i = in->data_priv;
  t.regs_req_i = in->regs_req;
  t.regs_addr_i = in->regs_addr;
  t.regs_we_i = in->regs_we;
  t.regs_be_i = in->regs_be;
  t.regs_wdata_i = in->regs_wdata;
  t.eval();
  out->fetch_gnt = t.fetch_gnt_o;
  out->fetch_rvalid = t.fetch_rvalid_o;
  out->fetch_rdata = t.fetch_rdata_o;
  out->fetch_err = t.fetch_err_o;
  out->data_gnt = t.data_gnt_o;
  out->data_rvalid = t.data_rvalid_o;
  out->data_rdata = t.data_rdata_o;
  out->data_err = t.data_err_o;
  out->regs_gnt = t.regs_gnt_o;
  out->regs_rvalid = t.regs_rvalid_o;
  out->regs_rdata = t.regs_rdata_o;
  out->regs_err = t.regs_err_o;
  out->irq = t.irq_o;
}

void rtl_tick(rtl_t *r) {
  g_current = r;
  Vtop &t = *r->top;
  t.clk_i = 1;
  t.eval();
  t.clk_i = 0;
  t.eval();
}

uint32_t rtl_mem_read32(rtl_t *r, uint32_t offset) { return r->mem[offset / 4]; }
void rtl_mem_write32(rtl_t *r, uint32_t offset, uint32_t value) { r->mem[offset / 4] = value; }

}  // extern "C"
