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
  uint32_t mem_latency;     /* extra wait cycles per RAM access (0 = single-cycle memory) */
  const char *trace_path;   /* FST waveform file, or NULL for no tracing */
} socsim_config_t;

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

#ifdef __cplusplus
}
#endif
#endif /* SOCSIM_H */
