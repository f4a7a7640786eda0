/* socsim: drive a simulated board (the SoC's RTL under Verilator) from plain C.
 *
 * One board is one socsim_t. Several boards may exist in one process; each is stepped only by the
 * thread that calls socsim_run on it. All functions return 0 / a value on success and a negative
 * socsim_status on failure; socsim_last_error() then says why in one human-readable line.
 */
#ifndef SOCSIM_H
#define SOCSIM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct socsim socsim_t;

typedef struct socsim_config {
  uint32_t ram_mb;          /* populated RAM at RAM_BASE in MiB (1..256); 0 = default 64 */
  uint32_t mem_latency;     /* extra wait cycles per RAM access (0 = single-cycle memory; SRAM) */
  const char *trace_path;   /* FST waveform file, or NULL for no tracing */
  uint32_t memctl_org;      /* memory controller organisation: SOCSIM_MEMCTL_* (0 = table) */
  uint32_t memctl_backend;  /* memory back end: SOCSIM_BACKEND_* (0 = SRAM) */
  uint32_t model;           /* SOCSIM_MODEL_RTL (0, default) or SOCSIM_MODEL_VP */
  uint32_t board;           /* SOCSIM_BOARD_DEFAULT (0) or SOCSIM_BOARD_ICEBREAKER (RTL only) */
  uint32_t test_rtl_bug;    /* test aid: 1 = the model with a planted core bug (SLTU compares signed;
                             * docs/verification.md); default SoC only, no tracing */
  const char *flash_path;   /* board only: SPI flash contents (raw image from offset 0), or NULL */
} socsim_config_t;

/* Boards (docs/simulator.md, "Board configuration"). SOCSIM_BOARD_ICEBREAKER is the SoC in the
 * FPGA board's configuration (docs/fpga.md): boot ROM at BOOTROM_BASE, SPI flash window at
 * SPIFLASH_BASE with a flash model (flash_path; erased, all 0xFF, without one), register file in
 * block RAM, 1 KiB memctl pages, TLB organisation, 128 KiB of RAM. ram_mb, mem_latency,
 * memctl_org, memctl_backend and trace_path must be 0/NULL (the board fixes them). */
enum {
  SOCSIM_BOARD_DEFAULT = 0,
  SOCSIM_BOARD_ICEBREAKER = 1,
};

/* Simulation models of the board (docs/simulator.md). Both run the same ELF files behind this API.
 * The VP (SystemC virtual platform, sim/vp) allows one board per process (SystemC cannot restart):
 * a second socsim_create with SOCSIM_MODEL_VP fails while the first exists; after
 * socsim_destroy the next one reuses it. The VP has no waveform tracing (trace_path must be NULL)
 * and ignores mem_latency (its timing model: one cycle per instruction plus the latency of bus
 * loads; docs/simulator.md, "Virtual platform"). */
enum {
  SOCSIM_MODEL_RTL = 0,     /* the verilated RTL (cycle-accurate) */
  SOCSIM_MODEL_VP = 1,      /* the SystemC/TLM-2.0 virtual platform around the reference ISS */
};

/* Memory controller configurations (docs/memctl.md); one verilated model covers all of them. */
enum {
  SOCSIM_MEMCTL_TABLE = 0,  /* organisation (a): direct translation table */
  SOCSIM_MEMCTL_TLB = 1,    /* organisation (b): TLB + P2M walker */
  SOCSIM_BACKEND_SRAM = 0,  /* single-cycle SRAM (plus mem_latency wait cycles) */
  SOCSIM_BACKEND_DRAM = 1,  /* DRAM timing model (banks, open rows, refresh) */
};

typedef enum socsim_status {
  SOCSIM_OK = 0,
  SOCSIM_ERR_ARG = -1,      /* bad argument (NULL, out of range) */
  SOCSIM_ERR_ELF = -2,      /* not a 32-bit little-endian RISC-V executable ELF, or truncated */
  SOCSIM_ERR_RANGE = -3,    /* an ELF segment or a back-door access falls outside RAM */
  SOCSIM_ERR_IO = -4,       /* file could not be opened or read */
  SOCSIM_ERR_TRACE = -5,    /* trace file could not be created */
} socsim_status_t;

/* Why socsim_run returned. */
typedef enum socsim_exit_reason {
  SOCSIM_EXIT_RUNNING = 0,  /* budget of this call used up; the program may continue */
  SOCSIM_EXIT_PASS = 1,     /* finisher 0x5555, or tohost == 1 */
  SOCSIM_EXIT_FAIL = 2,     /* finisher (code << 16) | 0x3333, or tohost == (code << 1) | 1 */
  SOCSIM_EXIT_TIMEOUT = 3,  /* the board's max_cycles were reached */
  SOCSIM_EXIT_STOPPED = 4,  /* the retirement hook asked to stop (sticky like PASS/FAIL) */
} socsim_exit_reason_t;

typedef struct socsim_counters {
  uint64_t cycles;          /* clock cycles since reset */
  uint64_t instret;         /* instructions retired (from the core's retirement port) */
  uint64_t traps;           /* exceptions and interrupts taken */
  double host_seconds;      /* wall-clock time spent inside socsim_run */
  uint32_t last_pc;         /* pc of the last instruction the core reported (retired or trapped) */
} socsim_counters_t;

socsim_t *socsim_create(const socsim_config_t *config);
void socsim_destroy(socsim_t *sim);
const char *socsim_last_error(void);

/* Loads the PT_LOAD segments of an ELF file into RAM, zero-filling .bss, sets the reset PC to the
 * entry point, and remembers the `tohost` symbol if the ELF has one. Resets the core. */
int socsim_load_elf(socsim_t *sim, const char *path);

/* Runs for at most `cycles` clock cycles (0 = until the program ends or max_cycles).
 * Returns a socsim_exit_reason_t (>= 0) or a negative socsim_status_t. */
int socsim_run(socsim_t *sim, uint64_t cycles);
void socsim_set_max_cycles(socsim_t *sim, uint64_t max_cycles); /* 0 = no limit */
uint32_t socsim_exit_code(const socsim_t *sim);  /* the failure code after SOCSIM_EXIT_FAIL */

/* UART0: bytes the program transmitted, and bytes for its receiver. */
size_t socsim_uart_read(socsim_t *sim, uint8_t *buf, size_t len);   /* drains, returns count */
int socsim_uart_write(socsim_t *sim, const uint8_t *buf, size_t len); /* queues for the receiver */
size_t socsim_uart_rx_pending(const socsim_t *sim); /* queued bytes the UART has not taken yet */

/* Back-door memory access (physical addresses, no side effects on the simulated bus). */
int socsim_mem_read(socsim_t *sim, uint32_t addr, void *buf, size_t len);
int socsim_mem_write(socsim_t *sim, uint32_t addr, const void *buf, size_t len);

int socsim_counters(const socsim_t *sim, socsim_counters_t *out);

/* Resets the SoC (core and devices; RAM keeps its contents) and the counters; the core restarts
 * at the entry point of the last loaded ELF (RAM_BASE if none). Queued UART bytes are kept. */
int socsim_reset(socsim_t *sim);

/* The `tohost` address of the loaded ELF: returns 1 and stores it in *addr, or 0 if none. */
int socsim_tohost(const socsim_t *sim, uint32_t *addr);

/* Retirement hook: one call per entry of the core's rvfi_* port (docs/core.md), in order, from
 * inside socsim_run. Used by the lockstep checker (sim/cosim.h). */
typedef struct socsim_rvfi {
  uint64_t order;
  uint32_t insn;
  uint8_t trap, intr, mode;
  uint8_t rs1_addr, rs2_addr, rd_addr;
  uint32_t rs1_rdata, rs2_rdata, rd_wdata;
  uint32_t pc_rdata, pc_wdata;
  uint32_t mem_addr;
  uint8_t mem_rmask, mem_wmask;
  uint32_t mem_rdata, mem_wdata;
  uint32_t trap_cause;
  /* Beyond rvfi: the core's interrupt inputs as mip bits (MSIP, MTIP, SEIP = the PLIC's S
   * context, MEIP) in the cycle the instruction was in WB, and OR / AND of them over every cycle
   * since the previous entry; the core's mcause / scause after this instruction; the cycle. */
  uint32_t irq_wb, irq_any, irq_all;
  uint32_t mcause, scause;
  uint64_t cycle;
} socsim_rvfi_t;
/* Returns 0 to continue; non-zero stops the run with SOCSIM_EXIT_STOPPED after this cycle. */
typedef int (*socsim_retire_hook_t)(void *ctx, const socsim_rvfi_t *rec);
void socsim_set_retire_hook(socsim_t *sim, socsim_retire_hook_t hook, void *ctx); /* NULL: off */

#ifdef __cplusplus
}
#endif
#endif /* SOCSIM_H */
