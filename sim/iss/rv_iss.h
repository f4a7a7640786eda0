/* rv_iss: reference instruction-set simulator of the SoC's hart (docs/simulator.md, "ISS").
 *
 * RV32IMA + Zicsr + Zifencei, machine/supervisor/user modes, Sv32, traps, interrupts, delegation,
 * counters and every CSR of docs/core.md. Written from the RISC-V specifications (unprivileged
 * 20191213, privileged 1.12). Where the specifications allow a choice, the default configuration
 * makes the choice the RTL core makes (docs/core.md); the cheap ones are options in
 * rv_iss_config_t.
 *
 * One instruction per rv_iss_step(), which fills a retirement record with the fields and the
 * semantics of the core's rvfi_* port (docs/core.md, "Retirement trace"), so the two can be
 * compared field by field (sim/cosim.c).
 *
 * Memory: physical accesses go to a flat RAM the caller owns (cfg.ram, fast path) or, for every
 * other address, to the caller's callbacks. C11, no dependencies beyond libc.
 */
#ifndef RV_ISS_H
#define RV_ISS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct rv_iss rv_iss_t;

/* Privilege levels (as in mstatus.MPP and rvfi_mode). */
enum { RV_PRIV_U = 0, RV_PRIV_S = 1, RV_PRIV_M = 3 };

/* mip bit numbers of the interrupt lines driven from outside the hart. */
enum {
  RV_IRQ_SSI = 1, RV_IRQ_MSI = 3, RV_IRQ_STI = 5, RV_IRQ_MTI = 7, RV_IRQ_SEI = 9, RV_IRQ_MEI = 11
};
#define RV_MIP_MSIP (1u << RV_IRQ_MSI)
#define RV_MIP_MTIP (1u << RV_IRQ_MTI)
#define RV_MIP_SEIP (1u << RV_IRQ_SEI)
#define RV_MIP_MEIP (1u << RV_IRQ_MEI)

/* Exception causes (mcause without the interrupt bit). */
enum {
  RV_EXC_INSN_MISALIGNED = 0, RV_EXC_INSN_ACCESS = 1, RV_EXC_ILLEGAL = 2, RV_EXC_BREAKPOINT = 3,
  RV_EXC_LOAD_MISALIGNED = 4, RV_EXC_LOAD_ACCESS = 5, RV_EXC_STORE_MISALIGNED = 6,
  RV_EXC_STORE_ACCESS = 7, RV_EXC_ECALL_U = 8, RV_EXC_ECALL_S = 9, RV_EXC_ECALL_M = 11,
  RV_EXC_INSN_PAGE = 12, RV_EXC_LOAD_PAGE = 13, RV_EXC_STORE_PAGE = 15
};

/* Kind of a physical access passed to the callbacks. */
typedef enum rv_iss_access {
  RV_ACC_FETCH = 0,     /* instruction fetch (4 bytes, aligned) */
  RV_ACC_LOAD = 1,      /* load, LR, the read of an AMO */
  RV_ACC_STORE = 2,     /* store, SC, the write of an AMO */
  RV_ACC_PTW_FETCH = 3, /* page-table read (or A/D write) for a fetch */
  RV_ACC_PTW_DATA = 4,  /* page-table read (or A/D write) for a load/store/AMO */
} rv_iss_access_t;

/* Retirement record: the fields and semantics of the core's rvfi_* port (docs/core.md). */
typedef struct rv_iss_retire {
  uint64_t order;
  uint32_t insn;        /* instruction word; 0 for a fetch fault */
  uint8_t trap;         /* raised a synchronous exception and did not retire */
  uint8_t intr;         /* first instruction of a trap handler (after an exception or interrupt) */
  uint8_t mode;         /* privilege it executed in */
  uint8_t rs1_addr, rs2_addr, rd_addr;
  uint32_t rs1_rdata, rs2_rdata, rd_wdata;
  uint32_t pc_rdata, pc_wdata;
  uint32_t mem_addr;    /* virtual address aligned down to the word */
  uint8_t mem_rmask, mem_wmask;
  uint32_t mem_rdata, mem_wdata; /* on the byte lanes of the masks */
  uint32_t trap_cause;  /* with trap: the exception cause; else 0 */
} rv_iss_retire_t;

/* Physical-memory callbacks for addresses outside cfg.ram. Return 0 on success, non-zero for an
 * access fault (bus error). size is 1, 2 or 4 and paddr is naturally aligned. Loads return the
 * value in the low bits of *value. NULL callbacks: every access outside cfg.ram faults. */
typedef int (*rv_iss_load_fn)(void *ctx, uint32_t paddr, unsigned size, rv_iss_access_t kind,
                              uint32_t *value);
typedef int (*rv_iss_store_fn)(void *ctx, uint32_t paddr, unsigned size, rv_iss_access_t kind,
                               uint32_t value);
/* 64-bit counter sources; NULL = internal (time: the instruction count). */
typedef uint64_t (*rv_iss_counter_fn)(void *ctx);

typedef struct rv_iss_config {
  /* Flat RAM owned by the caller: physical [ram_base, ram_base + ram_size) maps to ram[]. */
  uint8_t *ram;
  uint32_t ram_base;
  uint32_t ram_size;

  void *ctx;                 /* passed to every callback */
  rv_iss_load_fn load;
  rv_iss_store_fn store;
  rv_iss_counter_fn time;    /* time/timeh CSRs; NULL: = instructions executed (steps) */
  rv_iss_counter_fn cycle;   /* cycle/mcycle(h) reads; NULL: internal mcycle, +1 per step */

  uint32_t mhartid;

  /* Implementation choices. 0 = what the RTL core does (docs/core.md). */
  int hw_ad_update;          /* 1: hardware sets PTE.A/D (atomically); 0: page fault when A=0 or
                                a store meets D=0 */
  int misaligned_access;     /* 1: misaligned loads/stores are performed (as byte accesses);
                                0: they trap (LR/SC/AMOs always trap) */
  int illegal_tval_zero;     /* 1: mtval = 0 for illegal instructions; 0: the instruction bits */
  int ebreak_tval_zero;      /* 1: mtval = 0 for EBREAK; 0: the pc */
  int manual_interrupts;     /* 1: interrupts are taken only through rv_iss_take_interrupt()
                                (lockstep); 0: before every step when pending and enabled */
} rv_iss_config_t;

/* A configuration with the RTL core's choices and no memory. */
void rv_iss_default_config(rv_iss_config_t *cfg);

rv_iss_t *rv_iss_create(const rv_iss_config_t *cfg); /* NULL on bad config / out of memory */
void rv_iss_destroy(rv_iss_t *iss);

/* Architectural reset (docs/core.md "Reset"): M-mode, pc, CSRs to reset values, x1..x31 = 0,
 * counters 0, no reservation, retirement order 0. Interrupt lines are kept. */
void rv_iss_reset(rv_iss_t *iss, uint32_t pc);

/* Executes one instruction (taking a pending enabled interrupt first unless manual_interrupts)
 * and describes it in *out (may be NULL). Returns 1 if the instruction retired, 0 if it raised an
 * exception (out->trap). */
int rv_iss_step(rv_iss_t *iss, rv_iss_retire_t *out);

/* Runs up to n instructions without records; returns the number executed. Stops early when
 * rv_iss_stop() was called (e.g. from a callback). */
uint64_t rv_iss_run(rv_iss_t *iss, uint64_t n);
void rv_iss_stop(rv_iss_t *iss);

/* Interrupt lines from outside (mip bits MSIP, MTIP, SEIP (external), MEIP; others ignored). */
void rv_iss_set_irq_lines(rv_iss_t *iss, uint32_t mip_bits);
uint32_t rv_iss_irq_lines(const rv_iss_t *iss);
/* The interrupt the hart would take now (mip code 1..11), or -1. */
int rv_iss_pending_interrupt(const rv_iss_t *iss);
/* Takes the pending enabled interrupt now (trap entry, no retirement); the next record has
 * intr = 1. Returns its code, or -1 if none is pending and enabled. */
int rv_iss_take_interrupt(rv_iss_t *iss);
/* Takes interrupt `code` (mip bit number) now, whether or not it is pending and enabled (lockstep:
 * the RTL decided). Returns 1 if the ISS also considers it pending and enabled, else 0. */
int rv_iss_take_interrupt_code(rv_iss_t *iss, unsigned code);
/* Makes the first access of the next step on one side fail with an access fault, as if the bus
 * had returned an error: fetch_side (fetch or fetch page-table read) or the data side. Cleared at
 * the end of the next step. */
void rv_iss_inject_access_fault(rv_iss_t *iss, int fetch_side);

/* State. */
uint32_t rv_iss_get_pc(const rv_iss_t *iss);
void rv_iss_set_pc(rv_iss_t *iss, uint32_t pc);
uint32_t rv_iss_get_reg(const rv_iss_t *iss, unsigned r);
void rv_iss_set_reg(rv_iss_t *iss, unsigned r, uint32_t value);
int rv_iss_get_priv(const rv_iss_t *iss);
void rv_iss_set_priv(rv_iss_t *iss, int priv);
/* CSR access without privilege checks or side effects on counters: returns 0, or -1 if the CSR
 * does not exist. Writes apply the CSR's write mask as a CSRRW in M-mode would. */
int rv_iss_csr_read(rv_iss_t *iss, uint32_t csr, uint32_t *value);
int rv_iss_csr_write(rv_iss_t *iss, uint32_t csr, uint32_t value);
uint64_t rv_iss_instret(const rv_iss_t *iss);   /* minstret */
uint64_t rv_iss_steps(const rv_iss_t *iss);     /* records produced (retired + trapped) */
/* Traps taken since reset: exceptions (steps that trapped, so instructions retired = steps -
 * exceptions) and interrupts. */
void rv_iss_trap_counts(const rv_iss_t *iss, uint64_t *exceptions, uint64_t *interrupts);
/* Replaces the flat RAM window of the configuration at run time (a virtual platform granting or
 * revoking a direct memory pointer, sim/vp); ram NULL: none, every access goes to the callbacks.
 * May be called from inside a callback: it takes effect from the next access. */
void rv_iss_set_ram(rv_iss_t *iss, uint8_t *ram, uint32_t ram_base, uint32_t ram_size);

/* One-line formatting of a record ("core   0: 0x80000000 (0x00000297) x5  0x80000000 ..."). */
size_t rv_iss_format_retire(const rv_iss_retire_t *r, char *buf, size_t len);

#ifdef __cplusplus
}
#endif
#endif /* RV_ISS_H */
