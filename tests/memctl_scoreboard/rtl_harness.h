/* C interface of the Verilator harness around the memory controller's standalone top
 * (rtl/mem/memctl_top.sv, verilated with RUNTIME_CFG = 1 so that one model serves both
 * organisations and both back ends). The harness also owns the machine memory that
 * memctl_storage reaches through the DPI-C functions socsim_ram_read / socsim_ram_write.
 *
 * Cycle protocol, per clock cycle:
 *   rtl_eval(in, out)  inputs of this cycle -> outputs of this cycle (gnt, rvalid, rdata, err);
 *                      may be called several times while the inputs are decided
 *   rtl_tick()         the rising clock edge that ends the cycle
 * Cycle 0 is the first cycle after rtl_reset() released the reset. */
#ifndef MEMCTL_RTL_HARNESS_H
#define MEMCTL_RTL_HARNESS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  uint32_t fetch_req, fetch_addr, fetch_priv;
  uint32_t data_req, data_addr, data_we, data_be, data_wdata, data_priv;
  uint32_t regs_req, regs_addr, regs_we, regs_be, regs_wdata;
} rtl_in_t;

typedef struct {
  uint32_t fetch_gnt, fetch_rvalid, fetch_rdata, fetch_err;
  uint32_t data_gnt, data_rvalid, data_rdata, data_err;
  uint32_t regs_gnt, regs_rvalid, regs_rdata, regs_err;
  uint32_t irq;
} rtl_out_t;

typedef struct rtl rtl_t;

/* org 0/1, backend 0 SRAM / 1 DRAM; mem_pages machine pages of 1 << TB_PAGE_SHIFT bytes.
 * trace_path: reserved for waveform tracing, pass NULL (not implemented). */
rtl_t *rtl_create(uint32_t org, uint32_t backend, uint32_t mem_pages, const char *trace_path);
void rtl_destroy(rtl_t *r);
void rtl_reset(rtl_t *r);
void rtl_eval(rtl_t *r, const rtl_in_t *in, rtl_out_t *out);
void rtl_tick(rtl_t *r);
uint32_t rtl_mem_read32(rtl_t *r, uint32_t offset);   /* byte offset from RAM_BASE */
void rtl_mem_write32(rtl_t *r, uint32_t offset, uint32_t value);

#ifdef __cplusplus
}
#endif

#endif
