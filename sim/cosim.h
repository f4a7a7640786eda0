/* cosim: lockstep checking of the RTL core against the reference ISS (docs/verification.md).
 *
 * The checker hangs on a board's retirement hook (socsim_set_retire_hook): for every entry of the
 * core's rvfi_* port it steps the ISS (sim/iss/rv_iss.h) by one instruction and compares the two
 * records. Events the ISS cannot know are passed from the RTL to the ISS first: interrupts the
 * core took (rvfi_intr without a preceding exception; the cause from the core's mcause/scause),
 * bus errors (an access fault reported by the core is injected into the ISS's next access), the
 * values of loads from devices (every physical address outside RAM), of the cycle and time
 * counters, and the interrupt lines (for reads of mip). The ISS has its own RAM, loaded from the
 * same ELF file.
 *
 * On the first mismatch the checker prints a report (stderr by default) and stops the board
 * (socsim_run returns SOCSIM_EXIT_STOPPED). C11.
 */
#ifndef SOCSIM_COSIM_H
#define SOCSIM_COSIM_H

#include <stdint.h>
#include <stdio.h>

#include "socsim.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cosim cosim_t;

typedef struct cosim_config {
  uint32_t ram_mb;        /* the board's RAM in MiB (0 = 64) */
  FILE *report;           /* where the mismatch report goes (NULL = stderr) */
  uint64_t inject_fault;  /* test aid: 0 = off; N = flip bit 0 of the RTL's rd value of the first
                             register-writing instruction with rvfi_order >= N - 1 (the Nth
                             entry or later) before comparing */
  int trace;              /* print every compared entry (ISS record + disassembly) to report */
  /* The FPGA board configuration (socsim --board icebreaker, docs/fpga.md): */
  uint32_t ram_bytes;     /* the board's RAM in bytes; 0 = ram_mb */
  int board_devices;      /* 1: the boot ROM and the SPI flash window are devices too (loads take
                             the RTL's value) */
  int no_sv32;            /* 1: the core has no Sv32 (satp and mstatus.SUM read-only 0): the ISS's
                             satp and SUM are cleared after every step */
} cosim_config_t;

typedef struct cosim_stats {
  uint64_t compared;      /* rvfi entries compared */
  uint64_t interrupts;    /* interrupts forwarded to the ISS */
  uint64_t bus_errors;    /* access faults forwarded to the ISS */
  uint64_t mmio_loads;    /* device loads whose value came from the RTL */
  uint64_t mismatches;    /* 0 or 1 */
} cosim_stats_t;

/* Loads `elf` into the ISS's RAM (the same file the board loaded), resets the ISS at its entry
 * point and installs the hook on `sim`. NULL on error (message in err). */
cosim_t *cosim_attach(socsim_t *sim, const char *elf, const cosim_config_t *cfg, char *err,
                      size_t err_len);
/* Removes the hook and frees the checker. */
void cosim_detach(cosim_t *c);
int cosim_mismatch(const cosim_t *c);  /* 1 after a mismatch was reported */
void cosim_get_stats(const cosim_t *c, cosim_stats_t *out);

#ifdef __cplusplus
}
#endif
#endif /* SOCSIM_COSIM_H */
