/* memctl_model: C API of the SystemC TLM-2.0 reference model of the memory controller.
 *
 * The model implements docs/memctl.md (the specification): register map, both translation
 * organisations, faults, the command queue with its completion guarantee, the scrubber, the
 * counters and a timing model of the back ends. Register offsets, command opcodes, error codes and
 * entry bits come from soc_memory_map.h (generated from rtl/soc/memory_map.toml).
 *
 * Time. The model counts cycles of the RTL clock. All instances in a process share one SystemC
 * kernel and therefore one clock: memctl_model_advance() moves time for every instance. Each
 * instance measures its own cycles from its last reset (memctl_model_cycle()).
 *
 * The lifetime rule (SystemC cannot elaborate new modules once the simulation has started, and
 * cannot be restarted inside a process):
 *   - create every instance you need before the first call that advances time
 *     (memctl_model_advance, memctl_model_advance_to, memctl_model_run_until_idle);
 *     a later memctl_model_create() fails with an error message saying so;
 *   - an instance is then long lived: memctl_model_reset() returns it to power-on state and
 *     memctl_model_reconfigure() gives it a new configuration, any number of times;
 *   - memctl_model_destroy() releases the instance's storage; its SystemC module stays
 *     registered (inert) until the process ends.
 *
 * Accesses. memctl_model_access() presents one bus access (docs/architecture.md) at the current
 * cycle and returns, at once, its response and the modelled latency: the number of cycles from the
 * handshake to the response (1 = the earliest, a single-cycle SRAM). Its effect on memory and on
 * the model's state happens at the current cycle. Call in time order; several accesses may be
 * presented in the same cycle (they are served in call order).
 *
 * Errors: functions returning int return 0 on success and -1 on a usage error (NULL arguments,
 * bad configuration, lifetime rule); memctl_model_error() then describes the last one. Errors the
 * modelled hardware reports (bus errors, faults, the ERROR register) are results, not usage
 * errors.
 */
#ifndef MEMCTL_MODEL_H
#define MEMCTL_MODEL_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct memctl_model memctl_model_t;

enum { MEMCTL_ORG_TABLE = 0, MEMCTL_ORG_TLB = 1 };
enum { MEMCTL_BACKEND_SRAM = 0, MEMCTL_BACKEND_DRAM = 1 };

/* DRAM timing model (docs/memctl.md, Parameters). Address mapping: machine byte offset o (from
 * RAM_BASE) lies in row r = o / row_bytes; bank = r % banks, row within the bank = r / banks. */
typedef struct {
  uint32_t banks;               /* 1..64 */
  uint32_t row_bytes;           /* power of two, >= 4 */
  uint32_t t_hit;               /* cycles of an access to the open row (>= 1) */
  uint32_t t_miss;              /* ... to a bank with no open row */
  uint32_t t_conflict;          /* ... to a bank with another row open */
  uint32_t t_refresh_interval;  /* cycles between refreshes (0 = no refresh) */
  uint32_t t_refresh;           /* cycles a refresh occupies the memory (all banks closed after) */
} memctl_dram_params_t;

typedef struct {
  uint32_t org;          /* MEMCTL_ORG_TABLE (a) or MEMCTL_ORG_TLB (b) */
  uint32_t page_shift;   /* 10..16 (the hardware: 12 or 10) */
  uint32_t num_vms;      /* 1..31 */
  uint32_t guest_pages;  /* guest pages per VM, >= 1, window must fit below 4 GiB */
  uint32_t tlb_entries;  /* (b) 1..255 */
  uint32_t mem_pages;    /* machine pages (memory size = mem_pages << page_shift, <= 256 MiB) */
  uint32_t backend;      /* MEMCTL_BACKEND_SRAM or MEMCTL_BACKEND_DRAM */
  uint32_t queue_depth;  /* command FIFO entries, 1..64 (the hardware: MEMCTL_QUEUE_DEPTH) */
  uint32_t sram_fetch_port; /* SRAM: 1 = fetches have their own memory port (RTL SRAM_FETCH_PORT) */
  uint32_t scrub_max_wait;  /* scrubber starvation guard: after this many cycles without a grant
                             * it goes before the core once (RTL SCRUB_MAX_WAIT; 0 = never) */
  memctl_dram_params_t dram;
} memctl_model_config_t;

/* The defaults of docs/memctl.md (org a, 4 KiB pages, 4 VMs, 4096 guest pages, 16 TLB entries,
 * SRAM, DRAM 4 banks / 2048 B rows / 1, 4, 7 / 7800, 20), 4096 machine pages (16 MiB), and the
 * RTL's defaults for the SRAM fetch port (1) and the scrubber starvation guard (7). */
void memctl_model_default_config(memctl_model_config_t *cfg);

memctl_model_t *memctl_model_create(const memctl_model_config_t *cfg); /* NULL on error */
void memctl_model_destroy(memctl_model_t *m);
int memctl_model_reset(memctl_model_t *m);        /* power-on state, memory zeroed */
int memctl_model_reconfigure(memctl_model_t *m, const memctl_model_config_t *cfg); /* + reset */
const char *memctl_model_error(void);             /* last usage error of this thread */

/* ---- time */
uint64_t memctl_model_cycle(const memctl_model_t *m);       /* cycles since the last reset */
int memctl_model_advance(memctl_model_t *m, uint64_t cycles); /* every instance advances */
int memctl_model_advance_to(memctl_model_t *m, uint64_t cycle); /* no-op if already there */
/* Advance until the command queue is empty and no command or scrub is executing, at most
 * max_cycles. Returns the cycles advanced, or -1 if still busy after max_cycles (or on error). */
int64_t memctl_model_run_until_idle(memctl_model_t *m, uint64_t max_cycles);
int memctl_model_busy(memctl_model_t *m);  /* 1 while commands are queued or executing */

/* ---- bus accesses */
typedef struct {
  uint32_t addr;    /* byte address; the word is addr & ~3 */
  uint32_t write;   /* 1 = store */
  uint32_t be;      /* byte enables [3:0] relative to the word; 0 = derived from addr and size */
  uint32_t size;    /* 1, 2 or 4 bytes, used only when be == 0 */
  uint32_t wdata;   /* write data in the byte lanes of be (as on the bus) */
  uint32_t priv;    /* 3 = M (VMM, untranslated), 1 = S, 0 = U (guest, translated) */
  uint32_t fetch;   /* 1 = instruction fetch (the fetch port), 0 = the data port */
} memctl_access_t;

/* fault reasons: MEMCTL_FAULT_INVALID / _WRITE / _EXEC / _MACHINE from soc_memory_map.h */
typedef struct {
  uint32_t rdata;        /* the whole word (reads) */
  uint32_t err;          /* 1 = the bus response has err set (fault or unmapped) */
  uint32_t fault;        /* 1 = guest translation fault (err is set too) */
  uint32_t fault_reason; /* with fault */
  uint32_t maddr;        /* machine byte address used (0 when err) */
  uint32_t latency;      /* cycles from handshake to response, >= 1 */
  uint32_t tlb_hit;      /* (b) the translation hit in the TLB */
  uint32_t walked;       /* (b) the walker read the P2M entry */
  uint32_t dirty_update; /* the access set D in its entry */
} memctl_result_t;

int memctl_model_access(memctl_model_t *m, const memctl_access_t *a, memctl_result_t *r);
/* byte enables of a naturally aligned access of size bytes (1, 2, 4) at addr; 0 if misaligned */
uint32_t memctl_model_be(uint32_t addr, uint32_t size);

/* ---- the register port (offsets from MEMCTL_BASE, soc_memory_map.h). Only 32-bit accesses are
 * legal on the bus (be != 0xF: err). reg_access returns the response like access(). */
int memctl_model_reg_access(memctl_model_t *m, uint32_t offset, uint32_t write, uint32_t be,
                            uint32_t wdata, memctl_result_t *r);
uint32_t memctl_model_reg_read(memctl_model_t *m, uint32_t offset);
void memctl_model_reg_write(memctl_model_t *m, uint32_t offset, uint32_t value);
int memctl_model_irq(memctl_model_t *m);  /* level of the interrupt output */

/* ---- back door: machine memory, no timing, no counters. maddr is a machine byte address
 * (RAM_BASE-based). Returns -1 if the range leaves machine memory. */
int memctl_model_mem_read(memctl_model_t *m, uint32_t maddr, void *buf, uint32_t len);
int memctl_model_mem_write(memctl_model_t *m, uint32_t maddr, const void *buf, uint32_t len);
uint32_t memctl_model_mem_read32(memctl_model_t *m, uint32_t maddr);
void memctl_model_mem_write32(memctl_model_t *m, uint32_t maddr, uint32_t value);

/* ---- counters: MEMCTL_NUM_COUNTERS values in register order (TRANSLATIONS first) */
int memctl_model_counters(memctl_model_t *m, uint32_t *out, uint32_t n);

/* ---- inspection (for scoreboards and debugging; no side effects, no timing) */
/* org a: the on-chip entry; org b: the P2M word in memory (0 if outside the table). */
uint32_t memctl_model_peek_entry(memctl_model_t *m, uint32_t vm, uint32_t gppn);
/* org b: 1 and *entry if {vm, gppn} is in the TLB now. */
int memctl_model_tlb_peek(memctl_model_t *m, uint32_t vm, uint32_t gppn, uint32_t *entry);

#ifdef __cplusplus
}
#endif

#endif /* MEMCTL_MODEL_H */
