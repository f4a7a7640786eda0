/* rv_iss: reference instruction-set simulator (see rv_iss.h). Written from the RISC-V
 * unprivileged (20191213) and privileged (1.12) specifications; the implementation choices the
 * specifications leave open follow docs/core.md unless rv_iss_config_t says otherwise.
 * Assumes a little-endian host (RAM is accessed with memcpy). */
#include "rv_iss.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- constants */
enum {
  CSR_SSTATUS = 0x100, CSR_SIE = 0x104, CSR_STVEC = 0x105, CSR_SCOUNTEREN = 0x106,
  CSR_SENVCFG = 0x10A, CSR_SSCRATCH = 0x140, CSR_SEPC = 0x141, CSR_SCAUSE = 0x142,
  CSR_STVAL = 0x143, CSR_SIP = 0x144, CSR_SATP = 0x180,
  CSR_MSTATUS = 0x300, CSR_MISA = 0x301, CSR_MEDELEG = 0x302, CSR_MIDELEG = 0x303,
  CSR_MIE = 0x304, CSR_MTVEC = 0x305, CSR_MCOUNTEREN = 0x306, CSR_MENVCFG = 0x30A,
  CSR_MSTATUSH = 0x310, CSR_MENVCFGH = 0x31A, CSR_MCOUNTINHIBIT = 0x320,
  CSR_MSCRATCH = 0x340, CSR_MEPC = 0x341, CSR_MCAUSE = 0x342, CSR_MTVAL = 0x343, CSR_MIP = 0x344,
  CSR_MCYCLE = 0xB00, CSR_MINSTRET = 0xB02, CSR_MCYCLEH = 0xB80, CSR_MINSTRETH = 0xB82,
  CSR_CYCLE = 0xC00, CSR_TIME = 0xC01, CSR_INSTRET = 0xC02,
  CSR_CYCLEH = 0xC80, CSR_TIMEH = 0xC81, CSR_INSTRETH = 0xC82,
  CSR_MVENDORID = 0xF11, CSR_MARCHID = 0xF12, CSR_MIMPID = 0xF13, CSR_MHARTID = 0xF14,
  CSR_MCONFIGPTR = 0xF15
};

#define MISA_VALUE 0x40141101u /* RV32, A I M S U */

#define MS_SIE (1u << 1)
#define MS_MIE (1u << 3)
#define MS_SPIE (1u << 5)
#define MS_MPIE (1u << 7)
#define MS_SPP (1u << 8)
#define MS_MPP_SHIFT 11
#define MS_MPP (3u << MS_MPP_SHIFT)
#define MS_MPRV (1u << 17)
#define MS_SUM (1u << 18)
#define MS_MXR (1u << 19)
#define MS_TVM (1u << 20)
#define MS_TW (1u << 21)
#define MS_TSR (1u << 22)
#define MSTATUS_MASK (MS_SIE | MS_MIE | MS_SPIE | MS_MPIE | MS_SPP | MS_MPP | MS_MPRV | MS_SUM | \
                      MS_MXR | MS_TVM | MS_TW | MS_TSR)
#define SSTATUS_MASK (MS_SIE | MS_SPIE | MS_SPP | MS_SUM | MS_MXR)

#define MEDELEG_MASK 0xB3FFu
#define MIDELEG_MASK 0x222u
#define MIE_MASK 0xAAAu
#define MIP_SW_MASK 0x222u /* SSIP, STIP, software SEIP */
#define IRQ_LINE_MASK (RV_MIP_MSIP | RV_MIP_MTIP | RV_MIP_SEIP | RV_MIP_MEIP)

#define PTE_V 0x01u
#define PTE_R 0x02u
#define PTE_W 0x04u
#define PTE_X 0x08u
#define PTE_U 0x10u
#define PTE_A 0x40u
#define PTE_D 0x80u

enum { XLATE_FETCH = 0, XLATE_LOAD = 1, XLATE_STORE = 2 };
enum { INJECT_NONE = 0, INJECT_FETCH = 1, INJECT_DATA = 2 };

struct rv_iss {
  rv_iss_config_t cfg;
  uint32_t x[32];
  uint32_t pc;
  int priv;

  uint32_t mstatus, medeleg, mideleg, mie, mip_sw, irq_lines;
  uint32_t mtvec, stvec, mscratch, sscratch, mepc, sepc, mcause, scause, mtval, stval;
  uint32_t mcounteren, scounteren, mcountinhibit, satp;
  uint64_t mcycle, minstret, steps;

  int resv_valid;
  uint32_t resv_addr; /* physical word address */
  int intr_next;      /* the next record is the first of a trap handler */
  uint64_t n_exceptions, n_interrupts; /* traps taken since reset (rv_iss_trap_counts) */
  int inject;
  volatile int stop;

  /* per-step scratch */
  uint32_t exc_cause, exc_tval;
  int wrote_minstret, wrote_mcycle; /* bit 0 low half, bit 1 high half */
};

/* ---------------------------------------------------------------- configuration */
void rv_iss_default_config(rv_iss_config_t *cfg) {
  memset(cfg, 0, sizeof *cfg);
}

rv_iss_t *rv_iss_create(const rv_iss_config_t *cfg) {
  if (!cfg) return NULL;
  if (cfg->ram && (uint64_t)cfg->ram_base + cfg->ram_size > 0x100000000ull) return NULL;
  rv_iss_t *s = calloc(1, sizeof *s);
  if (!s) return NULL;
  s->cfg = *cfg;
  if (!s->cfg.ram) s->cfg.ram_size = 0;
  rv_iss_reset(s, 0);
  return s;
}

void rv_iss_destroy(rv_iss_t *s) { free(s); }

void rv_iss_reset(rv_iss_t *s, uint32_t pc) {
  uint32_t lines = s->irq_lines;
  rv_iss_config_t cfg = s->cfg;
  memset(s, 0, sizeof *s);
  s->cfg = cfg;
  s->irq_lines = lines;
  s->pc = pc;
  s->priv = RV_PRIV_M;
  s->mstatus = (uint32_t)RV_PRIV_U << MS_MPP_SHIFT;
}

/* ---------------------------------------------------------------- traps */
static inline int fail(rv_iss_t *s, uint32_t cause, uint32_t tval) {
  s->exc_cause = cause;
  s->exc_tval = tval;
  return -1;
}

/* Trap entry (privileged spec 3.1.6.1, 3.1.7, 4.1.1); returns the new pc. */
static uint32_t take_trap(rv_iss_t *s, int irq, uint32_t code, uint32_t tval, uint32_t epc) {
  uint32_t deleg = irq ? s->mideleg : s->medeleg;
  uint32_t cause = (irq ? 0x80000000u : 0) | code;
  uint32_t tvec;
  if (s->priv != RV_PRIV_M && ((deleg >> code) & 1)) {
    s->sepc = epc & ~3u;
    s->scause = cause;
    s->stval = tval;
    s->mstatus &= ~(MS_SPP | MS_SPIE);
    if (s->priv == RV_PRIV_S) s->mstatus |= MS_SPP;
    if (s->mstatus & MS_SIE) s->mstatus |= MS_SPIE;
    s->mstatus &= ~MS_SIE;
    s->priv = RV_PRIV_S;
    tvec = s->stvec;
  } else {
    s->mepc = epc & ~3u;
    s->mcause = cause;
    s->mtval = tval;
    s->mstatus &= ~(MS_MPP | MS_MPIE);
    s->mstatus |= (uint32_t)s->priv << MS_MPP_SHIFT;
    if (s->mstatus & MS_MIE) s->mstatus |= MS_MPIE;
    s->mstatus &= ~MS_MIE;
    s->priv = RV_PRIV_M;
    tvec = s->mtvec;
  }
  s->resv_valid = 0;
  s->intr_next = 1;
  if (irq)
    s->n_interrupts++;
  else
    s->n_exceptions++;
  uint32_t base = tvec & ~3u;
  if (irq && (tvec & 1)) base += 4 * code;
  s->pc = base;
  return base;
}

static uint32_t mip_value(const rv_iss_t *s) {
  return (s->mip_sw & MIP_SW_MASK) | (s->irq_lines & IRQ_LINE_MASK);
}

int rv_iss_pending_interrupt(const rv_iss_t *s) {
  uint32_t pend = mip_value(s) & s->mie;
  if (!pend) return -1;
  int m_en = s->priv != RV_PRIV_M || (s->mstatus & MS_MIE);
  int s_en = s->priv == RV_PRIV_U || (s->priv == RV_PRIV_S && (s->mstatus & MS_SIE));
  uint32_t m_pend = m_en ? pend & ~s->mideleg : 0;
  uint32_t s_pend = s_en ? pend & s->mideleg : 0;
  static const int order[] = {RV_IRQ_MEI, RV_IRQ_MSI, RV_IRQ_MTI, RV_IRQ_SEI, RV_IRQ_SSI,
                              RV_IRQ_STI};
  for (int i = 0; i < 6; i++)
    if ((m_pend >> order[i]) & 1) return order[i];
  for (int i = 3; i < 6; i++)
    if ((s_pend >> order[i]) & 1) return order[i];
  return -1;
}

int rv_iss_take_interrupt(rv_iss_t *s) {
  int code = rv_iss_pending_interrupt(s);
  if (code >= 0) take_trap(s, 1, (uint32_t)code, 0, s->pc);
  return code;
}

int rv_iss_take_interrupt_code(rv_iss_t *s, unsigned code) {
  code &= 31;
  uint32_t bit = 1u << code;
  int ok = 0;
  if (mip_value(s) & s->mie & bit) {
    if (s->mideleg & bit)
      ok = s->priv == RV_PRIV_U || (s->priv == RV_PRIV_S && (s->mstatus & MS_SIE));
    else
      ok = s->priv != RV_PRIV_M || (s->mstatus & MS_MIE);
  }
  take_trap(s, 1, code, 0, s->pc);
  return ok;
}

void rv_iss_set_irq_lines(rv_iss_t *s, uint32_t bits) { s->irq_lines = bits & IRQ_LINE_MASK; }
uint32_t rv_iss_irq_lines(const rv_iss_t *s) { return s->irq_lines; }
void rv_iss_inject_access_fault(rv_iss_t *s, int fetch_side) {
  s->inject = fetch_side ? INJECT_FETCH : INJECT_DATA;
}

/* ---------------------------------------------------------------- physical memory */
static inline int injected(rv_iss_t *s, rv_iss_access_t kind) {
  if (!s->inject) return 0;
  int fetch_side = kind == RV_ACC_FETCH || kind == RV_ACC_PTW_FETCH;
  if ((s->inject == INJECT_FETCH) != fetch_side) return 0;
  s->inject = INJECT_NONE;
  return 1;
}

/* 0 ok, 1 access fault */
static inline int phys_load(rv_iss_t *s, uint32_t pa, unsigned size, rv_iss_access_t kind,
                            uint32_t *v) {
  if (__builtin_expect(s->inject != 0, 0) && injected(s, kind)) return 1;
  uint32_t off = pa - s->cfg.ram_base;
  if (off < s->cfg.ram_size && s->cfg.ram_size - off >= size) {
    const uint8_t *p = s->cfg.ram + off;
    switch (size) {
      case 1: *v = p[0]; break;
      case 2: { uint16_t h; memcpy(&h, p, 2); *v = h; break; }
      default: memcpy(v, p, 4); break;
    }
    return 0;
  }
  if (!s->cfg.load) return 1;
  return s->cfg.load(s->cfg.ctx, pa, size, kind, v) != 0;
}

static inline int phys_store(rv_iss_t *s, uint32_t pa, unsigned size, rv_iss_access_t kind,
                             uint32_t v) {
  if (__builtin_expect(s->inject != 0, 0) && injected(s, kind)) return 1;
  uint32_t off = pa - s->cfg.ram_base;
  if (off < s->cfg.ram_size && s->cfg.ram_size - off >= size) {
    uint8_t *p = s->cfg.ram + off;
    switch (size) {
      case 1: p[0] = (uint8_t)v; break;
      case 2: { uint16_t h = (uint16_t)v; memcpy(p, &h, 2); break; }
      default: memcpy(p, &v, 4); break;
    }
    return 0;
  }
  if (!s->cfg.store) return 1;
  return s->cfg.store(s->cfg.ctx, pa, size, kind, v) != 0;
}

/* ---------------------------------------------------------------- Sv32 (privileged spec 4.3) */
static const uint32_t page_fault_cause[3] = {RV_EXC_INSN_PAGE, RV_EXC_LOAD_PAGE,
                                             RV_EXC_STORE_PAGE};
static const uint32_t access_fault_cause[3] = {RV_EXC_INSN_ACCESS, RV_EXC_LOAD_ACCESS,
                                               RV_EXC_STORE_ACCESS};

/* Translates va for an access of type acc; 0 and *pa, or -1 with the exception set. */
static int translate(rv_iss_t *s, uint32_t va, int acc, uint32_t *pa) {
  int priv = s->priv;
  if (acc != XLATE_FETCH && (s->mstatus & MS_MPRV) && priv == RV_PRIV_M)
    priv = (int)((s->mstatus & MS_MPP) >> MS_MPP_SHIFT);
  if (!(s->satp >> 31) || priv == RV_PRIV_M) {
    *pa = va;
    return 0;
  }
  rv_iss_access_t kind = acc == XLATE_FETCH ? RV_ACC_PTW_FETCH : RV_ACC_PTW_DATA;
  uint64_t a = (uint64_t)(s->satp & 0x3FFFFFu) << 12;
  int level = 1;
  uint32_t pte;
  uint64_t pte_addr;
  for (;;) {
    uint32_t vpn = level ? va >> 22 : (va >> 12) & 0x3FF;
    pte_addr = a + vpn * 4u;
    /* Physical addresses are 34 bits, the bus 32: beyond it is an access fault (docs/core.md). */
    if (pte_addr >> 32) return fail(s, access_fault_cause[acc], va);
    if (phys_load(s, (uint32_t)pte_addr, 4, kind, &pte)) return fail(s, access_fault_cause[acc], va);
    if (!(pte & PTE_V) || (!(pte & PTE_R) && (pte & PTE_W)))
      return fail(s, page_fault_cause[acc], va);
    if (pte & (PTE_R | PTE_X)) break;
    if (level == 0) return fail(s, page_fault_cause[acc], va);
    level = 0;
    a = (uint64_t)(pte >> 10) << 12;
  }
  /* leaf: permissions */
  int ok;
  switch (acc) {
    case XLATE_FETCH: ok = (pte & PTE_X) != 0; break;
    case XLATE_LOAD: ok = (pte & PTE_R) || ((s->mstatus & MS_MXR) && (pte & PTE_X)); break;
    default: ok = (pte & PTE_W) != 0; break;
  }
  if (priv == RV_PRIV_U) {
    if (!(pte & PTE_U)) ok = 0;
  } else if (pte & PTE_U) {
    if (acc == XLATE_FETCH || !(s->mstatus & MS_SUM)) ok = 0;
  }
  if (!ok) return fail(s, page_fault_cause[acc], va);
  if (level == 1 && ((pte >> 10) & 0x3FF)) return fail(s, page_fault_cause[acc], va);
  if (!(pte & PTE_A) || (acc == XLATE_STORE && !(pte & PTE_D))) {
    if (!s->cfg.hw_ad_update) return fail(s, page_fault_cause[acc], va);
    /* Hardware update: the walk and this write are atomic for a single hart. */
    uint32_t npte = pte | PTE_A | (acc == XLATE_STORE ? PTE_D : 0);
    if (phys_store(s, (uint32_t)pte_addr, 4, kind, npte))
      return fail(s, access_fault_cause[acc], va);
    pte = npte;
  }
  uint64_t p;
  if (level == 1)
    p = ((uint64_t)(pte >> 20) << 22) | (va & 0x3FFFFFu);
  else
    p = ((uint64_t)(pte >> 10) << 12) | (va & 0xFFFu);
  if (p >> 32) return fail(s, access_fault_cause[acc], va);
  *pa = (uint32_t)p;
  return 0;
}

/* ---------------------------------------------------------------- virtual memory accesses */
/* Load of size bytes at va (alignment already checked or allowed). */
static int vload(rv_iss_t *s, uint32_t va, unsigned size, uint32_t *v) {
  uint32_t pa;
  if ((va & (size - 1)) == 0) {
    if (translate(s, va, XLATE_LOAD, &pa)) return -1;
    if (phys_load(s, pa, size, RV_ACC_LOAD, v)) return fail(s, RV_EXC_LOAD_ACCESS, va);
    return 0;
  }
  /* misaligned_access option: byte by byte, all translations first */
  uint32_t pas[4], r = 0;
  for (unsigned i = 0; i < size; i++)
    if (translate(s, va + i, XLATE_LOAD, &pas[i])) return -1;
  for (unsigned i = 0; i < size; i++) {
    uint32_t b;
    if (phys_load(s, pas[i], 1, RV_ACC_LOAD, &b)) return fail(s, RV_EXC_LOAD_ACCESS, va);
    r |= (b & 0xFF) << (8 * i);
  }
  *v = r;
  return 0;
}

static int vstore(rv_iss_t *s, uint32_t va, unsigned size, uint32_t v) {
  uint32_t pa;
  if ((va & (size - 1)) == 0) {
    if (translate(s, va, XLATE_STORE, &pa)) return -1;
    if (phys_store(s, pa, size, RV_ACC_STORE, v)) return fail(s, RV_EXC_STORE_ACCESS, va);
    return 0;
  }
  uint32_t pas[4];
  for (unsigned i = 0; i < size; i++)
    if (translate(s, va + i, XLATE_STORE, &pas[i])) return -1;
  for (unsigned i = 0; i < size; i++)
    if (phys_store(s, pas[i], 1, RV_ACC_STORE, (v >> (8 * i)) & 0xFF))
      return fail(s, RV_EXC_STORE_ACCESS, va);
  return 0;
}

/* ---------------------------------------------------------------- CSRs */
static int is_hpm(uint32_t a) {
  uint32_t hi = a >> 5;
  return (hi == 0x58 || hi == 0x5C || hi == 0x60 || hi == 0x64 || hi == 0x19) && (a & 31) >= 3;
}
static int is_pmp(uint32_t a) { return (a >> 2) == (0x3A0 >> 2) || (a >> 4) == 0x3B; }

static int csr_exists(uint32_t a) {
  switch (a) {
    case CSR_SSTATUS: case CSR_SIE: case CSR_STVEC: case CSR_SCOUNTEREN: case CSR_SENVCFG:
    case CSR_SSCRATCH: case CSR_SEPC: case CSR_SCAUSE: case CSR_STVAL: case CSR_SIP:
    case CSR_SATP:
    case CSR_MSTATUS: case CSR_MISA: case CSR_MEDELEG: case CSR_MIDELEG: case CSR_MIE:
    case CSR_MTVEC: case CSR_MCOUNTEREN: case CSR_MENVCFG: case CSR_MSTATUSH: case CSR_MENVCFGH:
    case CSR_MCOUNTINHIBIT: case CSR_MSCRATCH: case CSR_MEPC: case CSR_MCAUSE: case CSR_MTVAL:
    case CSR_MIP: case CSR_MCYCLE: case CSR_MINSTRET: case CSR_MCYCLEH: case CSR_MINSTRETH:
    case CSR_CYCLE: case CSR_TIME: case CSR_INSTRET: case CSR_CYCLEH: case CSR_TIMEH:
    case CSR_INSTRETH: case CSR_MVENDORID: case CSR_MARCHID: case CSR_MIMPID: case CSR_MHARTID:
    case CSR_MCONFIGPTR:
      return 1;
    default:
      return is_hpm(a) || is_pmp(a);
  }
}

/* Illegal-instruction conditions of a CSR access (docs/core.md "Privilege and CSRs"). */
static int csr_illegal(const rv_iss_t *s, uint32_t a, int write) {
  if (!csr_exists(a)) return 1;
  if ((uint32_t)s->priv < ((a >> 8) & 3)) return 1;
  if (write && (a >> 10) == 3) return 1;
  if (a == CSR_SATP && s->priv == RV_PRIV_S && (s->mstatus & MS_TVM)) return 1;
  if ((a >> 8) == 0xC && ((a >> 5) & 3) == 0) {
    uint32_t bit = 1u << (a & 31);
    if (s->priv == RV_PRIV_S && !(s->mcounteren & bit)) return 1;
    if (s->priv == RV_PRIV_U && !(s->mcounteren & s->scounteren & bit)) return 1;
  }
  return 0;
}

static uint64_t cycle_value(rv_iss_t *s) {
  return s->cfg.cycle ? s->cfg.cycle(s->cfg.ctx) : s->mcycle;
}
static uint64_t time_value(rv_iss_t *s) {
  return s->cfg.time ? s->cfg.time(s->cfg.ctx) : s->steps;
}

static uint32_t csr_get(rv_iss_t *s, uint32_t a) {
  switch (a) {
    case CSR_MSTATUS: return s->mstatus;
    case CSR_MISA: return MISA_VALUE;
    case CSR_MEDELEG: return s->medeleg;
    case CSR_MIDELEG: return s->mideleg;
    case CSR_MIE: return s->mie;
    case CSR_MTVEC: return s->mtvec;
    case CSR_MCOUNTEREN: return s->mcounteren;
    case CSR_MCOUNTINHIBIT: return s->mcountinhibit;
    case CSR_MSCRATCH: return s->mscratch;
    case CSR_MEPC: return s->mepc;
    case CSR_MCAUSE: return s->mcause;
    case CSR_MTVAL: return s->mtval;
    case CSR_MIP: return mip_value(s);
    case CSR_SSTATUS: return s->mstatus & SSTATUS_MASK;
    case CSR_SIE: return s->mie & s->mideleg;
    case CSR_STVEC: return s->stvec;
    case CSR_SCOUNTEREN: return s->scounteren;
    case CSR_SSCRATCH: return s->sscratch;
    case CSR_SEPC: return s->sepc;
    case CSR_SCAUSE: return s->scause;
    case CSR_STVAL: return s->stval;
    case CSR_SIP: return mip_value(s) & s->mideleg;
    case CSR_SATP: return s->satp;
    case CSR_MCYCLE: case CSR_CYCLE: return (uint32_t)cycle_value(s);
    case CSR_MCYCLEH: case CSR_CYCLEH: return (uint32_t)(cycle_value(s) >> 32);
    case CSR_MINSTRET: case CSR_INSTRET: return (uint32_t)s->minstret;
    case CSR_MINSTRETH: case CSR_INSTRETH: return (uint32_t)(s->minstret >> 32);
    case CSR_TIME: return (uint32_t)time_value(s);
    case CSR_TIMEH: return (uint32_t)(time_value(s) >> 32);
    case CSR_MHARTID: return s->cfg.mhartid;
    default: return 0; /* mvendorid, marchid, mimpid, mconfigptr, envcfg, mstatush, hpm, pmp */
  }
}

static void csr_set(rv_iss_t *s, uint32_t a, uint32_t v) {
  switch (a) {
    case CSR_MSTATUS: {
      uint32_t m = MSTATUS_MASK;
      if (((v & MS_MPP) >> MS_MPP_SHIFT) == 2) m &= ~MS_MPP; /* WARL: reserved MPP ignored */
      s->mstatus = (s->mstatus & ~m) | (v & m);
      break;
    }
    case CSR_SSTATUS: s->mstatus = (s->mstatus & ~SSTATUS_MASK) | (v & SSTATUS_MASK); break;
    case CSR_MEDELEG: s->medeleg = v & MEDELEG_MASK; break;
    case CSR_MIDELEG: s->mideleg = v & MIDELEG_MASK; break;
    case CSR_MIE: s->mie = v & MIE_MASK; break;
    case CSR_SIE: s->mie = (s->mie & ~s->mideleg) | (v & s->mideleg); break;
    case CSR_MIP: s->mip_sw = v & MIP_SW_MASK; break;
    case CSR_SIP:
      if (s->mideleg & (1u << RV_IRQ_SSI))
        s->mip_sw = (s->mip_sw & ~(1u << RV_IRQ_SSI)) | (v & (1u << RV_IRQ_SSI));
      break;
    case CSR_MTVEC: s->mtvec = v & ~2u; break;
    case CSR_STVEC: s->stvec = v & ~2u; break;
    case CSR_MCOUNTEREN: s->mcounteren = v; break;
    case CSR_SCOUNTEREN: s->scounteren = v; break;
    case CSR_MCOUNTINHIBIT: s->mcountinhibit = v & 5u; break;
    case CSR_MSCRATCH: s->mscratch = v; break;
    case CSR_SSCRATCH: s->sscratch = v; break;
    case CSR_MEPC: s->mepc = v & ~3u; break;
    case CSR_SEPC: s->sepc = v & ~3u; break;
    case CSR_MCAUSE: s->mcause = v; break;
    case CSR_SCAUSE: s->scause = v; break;
    case CSR_MTVAL: s->mtval = v; break;
    case CSR_STVAL: s->stval = v; break;
    case CSR_SATP: s->satp = v & 0x803FFFFFu; break; /* MODE, PPN; ASID read-only 0 */
    case CSR_MCYCLE:
      s->mcycle = (s->mcycle & ~0xFFFFFFFFull) | v;
      s->wrote_mcycle |= 1;
      break;
    case CSR_MCYCLEH:
      s->mcycle = (s->mcycle & 0xFFFFFFFFull) | ((uint64_t)v << 32);
      s->wrote_mcycle |= 2;
      break;
    case CSR_MINSTRET:
      s->minstret = (s->minstret & ~0xFFFFFFFFull) | v;
      s->wrote_minstret |= 1;
      break;
    case CSR_MINSTRETH:
      s->minstret = (s->minstret & 0xFFFFFFFFull) | ((uint64_t)v << 32);
      s->wrote_minstret |= 2;
      break;
    default: break; /* read-only zero / WARL zero */
  }
}

int rv_iss_csr_read(rv_iss_t *s, uint32_t csr, uint32_t *value) {
  if (csr > 0xFFF || !csr_exists(csr)) return -1;
  *value = csr_get(s, csr);
  return 0;
}

int rv_iss_csr_write(rv_iss_t *s, uint32_t csr, uint32_t value) {
  if (csr > 0xFFF || !csr_exists(csr)) return -1;
  csr_set(s, csr, value);
  s->wrote_mcycle = s->wrote_minstret = 0;
  return 0;
}

/* ---------------------------------------------------------------- execution */
static inline int32_t imm_i(uint32_t in) { return (int32_t)in >> 20; }
static inline int32_t imm_s(uint32_t in) {
  return ((int32_t)(in & 0xFE000000u) >> 20) | (int32_t)((in >> 7) & 0x1F);
}
static inline int32_t imm_b(uint32_t in) {
  return ((int32_t)(in & 0x80000000u) >> 19) | (int32_t)((in & 0x80) << 4) |
         (int32_t)((in >> 20) & 0x7E0) | (int32_t)((in >> 7) & 0x1E);
}
static inline int32_t imm_j(uint32_t in) {
  return ((int32_t)(in & 0x80000000u) >> 11) | (int32_t)(in & 0xFF000) |
         (int32_t)((in >> 9) & 0x800) | (int32_t)((in >> 20) & 0x7FE);
}

static uint32_t amo_op(uint32_t f5, uint32_t a, uint32_t b) {
  switch (f5) {
    case 0x00: return a + b;
    case 0x04: return a ^ b;
    case 0x0C: return a & b;
    case 0x08: return a | b;
    case 0x10: return (int32_t)a < (int32_t)b ? a : b;
    case 0x14: return (int32_t)a < (int32_t)b ? b : a;
    case 0x18: return a < b ? a : b;
    case 0x1C: return a < b ? b : a;
    default: return b; /* 0x01 AMOSWAP */
  }
}

static inline uint32_t muldiv(uint32_t f3, uint32_t a, uint32_t b) {
  int32_t sa = (int32_t)a, sb = (int32_t)b;
  switch (f3) {
    case 0: return a * b;
    case 1: return (uint32_t)(((int64_t)sa * (int64_t)sb) >> 32);
    case 2: return (uint32_t)(((int64_t)sa * (int64_t)(uint64_t)b) >> 32);
    case 3: return (uint32_t)(((uint64_t)a * (uint64_t)b) >> 32);
    case 4:
      if (b == 0) return 0xFFFFFFFFu;
      if (a == 0x80000000u && sb == -1) return a;
      return (uint32_t)(sa / sb);
    case 5: return b == 0 ? 0xFFFFFFFFu : a / b;
    case 6:
      if (b == 0) return a;
      if (a == 0x80000000u && sb == -1) return 0;
      return (uint32_t)(sa % sb);
    default: return b == 0 ? a : a % b;
  }
}

#define ILLEGAL() \
  do { exc = fail(s, RV_EXC_ILLEGAL, s->cfg.illegal_tval_zero ? 0 : in); goto done; } while (0)
#define TRAP(c, t) \
  do { exc = fail(s, (c), (t)); goto done; } while (0)

/* The ISS keeps the record in r (always non-NULL). Returns 1 retired, 0 trapped. */
static int execute(rv_iss_t *s, rv_iss_retire_t *r) {
  const uint32_t pc = s->pc;
  uint32_t in = 0, npc = pc + 4;
  int exc = 0;
  unsigned rd = 0;     /* destination (0 = none) */
  uint32_t rdv = 0;
  int xret = 0;        /* 1 MRET, 2 SRET */

  r->order = s->steps;
  r->intr = (uint8_t)s->intr_next;
  s->intr_next = 0;
  r->mode = (uint8_t)s->priv;
  r->pc_rdata = pc;
  s->wrote_mcycle = s->wrote_minstret = 0;

  /* fetch */
  {
    uint32_t pa;
    if (translate(s, pc, XLATE_FETCH, &pa)) { exc = -1; goto done; }
    if (phys_load(s, pa, 4, RV_ACC_FETCH, &in)) TRAP(RV_EXC_INSN_ACCESS, pc);
  }
  r->insn = in;
  const uint32_t opc = in & 0x7F, f3 = (in >> 12) & 7, f7 = in >> 25;
  const unsigned rdi = (in >> 7) & 31, rs1 = (in >> 15) & 31, rs2 = (in >> 20) & 31;
  const uint32_t a = s->x[rs1], b = s->x[rs2];
  if ((in & 3) != 3) ILLEGAL();

#define USE_RS1() do { r->rs1_addr = (uint8_t)rs1; r->rs1_rdata = a; } while (0)
#define USE_RS2() do { r->rs2_addr = (uint8_t)rs2; r->rs2_rdata = b; } while (0)

  switch (opc) {
    case 0x37: rd = rdi; rdv = in & 0xFFFFF000u; break; /* LUI */
    case 0x17: rd = rdi; rdv = pc + (in & 0xFFFFF000u); break; /* AUIPC */
    case 0x6F: { /* JAL */
      uint32_t t = pc + (uint32_t)imm_j(in);
      if (t & 2) TRAP(RV_EXC_INSN_MISALIGNED, t);
      rd = rdi; rdv = pc + 4; npc = t;
      break;
    }
    case 0x67: { /* JALR */
      USE_RS1();
      if (f3 != 0) ILLEGAL();
      uint32_t t = (a + (uint32_t)imm_i(in)) & ~1u;
      if (t & 2) TRAP(RV_EXC_INSN_MISALIGNED, t);
      rd = rdi; rdv = pc + 4; npc = t;
      break;
    }
    case 0x63: { /* branches */
      USE_RS1(); USE_RS2();
      int take;
      switch (f3) {
        case 0: take = a == b; break;
        case 1: take = a != b; break;
        case 4: take = (int32_t)a < (int32_t)b; break;
        case 5: take = (int32_t)a >= (int32_t)b; break;
        case 6: take = a < b; break;
        case 7: take = a >= b; break;
        default: ILLEGAL();
      }
      if (take) {
        uint32_t t = pc + (uint32_t)imm_b(in);
        if (t & 2) TRAP(RV_EXC_INSN_MISALIGNED, t);
        npc = t;
      }
      break;
    }
    case 0x03: { /* loads */
      USE_RS1();
      if (f3 == 3 || f3 >= 6) ILLEGAL();
      unsigned size = 1u << (f3 & 3);
      uint32_t va = a + (uint32_t)imm_i(in), v;
      r->mem_addr = va & ~3u;
      if ((va & (size - 1)) && !s->cfg.misaligned_access) TRAP(RV_EXC_LOAD_MISALIGNED, va);
      if (vload(s, va, size, &v)) { exc = -1; goto done; }
      r->mem_rmask = (uint8_t)(((1u << size) - 1) << (va & 3));
      r->mem_rdata = v << (8 * (va & 3));
      switch (f3) {
        case 0: v = (uint32_t)(int32_t)(int8_t)v; break;
        case 1: v = (uint32_t)(int32_t)(int16_t)v; break;
        default: break;
      }
      rd = rdi; rdv = v;
      break;
    }
    case 0x23: { /* stores */
      USE_RS1(); USE_RS2();
      if (f3 > 2) ILLEGAL();
      unsigned size = 1u << f3;
      uint32_t va = a + (uint32_t)imm_s(in);
      r->mem_addr = va & ~3u;
      if ((va & (size - 1)) && !s->cfg.misaligned_access) TRAP(RV_EXC_STORE_MISALIGNED, va);
      uint32_t v = size == 4 ? b : b & ((1u << (8 * size)) - 1);
      if (vstore(s, va, size, v)) { exc = -1; goto done; }
      r->mem_wmask = (uint8_t)(((1u << size) - 1) << (va & 3));
      r->mem_wdata = v << (8 * (va & 3));
      break;
    }
    case 0x13: { /* OP-IMM */
      USE_RS1();
      uint32_t im = (uint32_t)imm_i(in), sh = rs2;
      switch (f3) {
        case 0: rdv = a + im; break;
        case 2: rdv = (int32_t)a < (int32_t)im; break;
        case 3: rdv = a < im; break;
        case 4: rdv = a ^ im; break;
        case 6: rdv = a | im; break;
        case 7: rdv = a & im; break;
        case 1:
          if (f7 != 0) ILLEGAL();
          rdv = a << sh;
          break;
        default:
          if (f7 == 0) rdv = a >> sh;
          else if (f7 == 0x20) rdv = (uint32_t)((int32_t)a >> sh);
          else ILLEGAL();
          break;
      }
      rd = rdi;
      break;
    }
    case 0x33: { /* OP */
      USE_RS1(); USE_RS2();
      if (f7 == 1) {
        rdv = muldiv(f3, a, b);
      } else if (f7 == 0) {
        switch (f3) {
          case 0: rdv = a + b; break;
          case 1: rdv = a << (b & 31); break;
          case 2: rdv = (int32_t)a < (int32_t)b; break;
          case 3: rdv = a < b; break;
          case 4: rdv = a ^ b; break;
          case 5: rdv = a >> (b & 31); break;
          case 6: rdv = a | b; break;
          default: rdv = a & b; break;
        }
      } else if (f7 == 0x20 && f3 == 0) {
        rdv = a - b;
      } else if (f7 == 0x20 && f3 == 5) {
        rdv = (uint32_t)((int32_t)a >> (b & 31));
      } else {
        ILLEGAL();
      }
      rd = rdi;
      break;
    }
    case 0x0F: /* FENCE (no-op), FENCE.I (no instruction cache to flush) */
      if (f3 > 1) ILLEGAL();
      break;
    case 0x2F: { /* A */
      uint32_t f5 = in >> 27;
      USE_RS1();
      if (f5 != 0x02) USE_RS2();
      if (f3 != 2) ILLEGAL();
      uint32_t va = a, pa, v;
      if (f5 == 0x02) { /* LR.W */
        if (rs2 != 0) ILLEGAL();
        r->mem_addr = va & ~3u;
        if (va & 3) TRAP(RV_EXC_LOAD_MISALIGNED, va);
        if (translate(s, va, XLATE_LOAD, &pa)) { exc = -1; goto done; }
        if (phys_load(s, pa, 4, RV_ACC_LOAD, &v)) TRAP(RV_EXC_LOAD_ACCESS, va);
        s->resv_valid = 1;
        s->resv_addr = pa >> 2;
        r->mem_rmask = 0xF;
        r->mem_rdata = v;
        rd = rdi; rdv = v;
      } else if (f5 == 0x03) { /* SC.W */
        r->mem_addr = va & ~3u;
        if (va & 3) TRAP(RV_EXC_STORE_MISALIGNED, va);
        if (translate(s, va, XLATE_STORE, &pa)) { exc = -1; goto done; }
        int ok = s->resv_valid && s->resv_addr == (pa >> 2);
        if (ok) {
          if (phys_store(s, pa, 4, RV_ACC_STORE, b)) TRAP(RV_EXC_STORE_ACCESS, va);
          r->mem_wmask = 0xF;
          r->mem_wdata = b;
        }
        s->resv_valid = 0;
        rd = rdi; rdv = ok ? 0 : 1;
      } else {
        switch (f5) {
          case 0x00: case 0x01: case 0x04: case 0x08: case 0x0C:
          case 0x10: case 0x14: case 0x18: case 0x1C: break;
          default: ILLEGAL();
        }
        r->mem_addr = va & ~3u;
        if (va & 3) TRAP(RV_EXC_STORE_MISALIGNED, va);
        if (translate(s, va, XLATE_STORE, &pa)) { exc = -1; goto done; }
        if (phys_load(s, pa, 4, RV_ACC_LOAD, &v)) TRAP(RV_EXC_STORE_ACCESS, va);
        uint32_t nv = amo_op(f5, v, b);
        if (phys_store(s, pa, 4, RV_ACC_STORE, nv)) TRAP(RV_EXC_STORE_ACCESS, va);
        r->mem_rmask = r->mem_wmask = 0xF;
        r->mem_rdata = v;
        r->mem_wdata = nv;
        rd = rdi; rdv = v;
      }
      break;
    }
    case 0x73: { /* SYSTEM */
      if (f3 == 0) {
        if (in == 0x00000073u) { /* ECALL */
          TRAP(s->priv == RV_PRIV_M ? RV_EXC_ECALL_M
               : s->priv == RV_PRIV_S ? RV_EXC_ECALL_S : RV_EXC_ECALL_U, 0);
        } else if (in == 0x00100073u) { /* EBREAK */
          TRAP(RV_EXC_BREAKPOINT, s->cfg.ebreak_tval_zero ? 0 : pc);
        } else if (in == 0x30200073u) { /* MRET */
          if (s->priv != RV_PRIV_M) ILLEGAL();
          xret = 1;
        } else if (in == 0x10200073u) { /* SRET */
          if (s->priv == RV_PRIV_U || (s->priv == RV_PRIV_S && (s->mstatus & MS_TSR))) ILLEGAL();
          xret = 2;
        } else if (in == 0x10500073u) { /* WFI: completes at once (no wait in an ISS) */
          if (s->priv == RV_PRIV_U || (s->priv == RV_PRIV_S && (s->mstatus & MS_TW))) ILLEGAL();
        } else if (f7 == 0x09 && rdi == 0) { /* SFENCE.VMA: no TLB to flush */
          USE_RS1(); USE_RS2();
          if (s->priv == RV_PRIV_U || (s->priv == RV_PRIV_S && (s->mstatus & MS_TVM))) ILLEGAL();
        } else {
          ILLEGAL();
        }
        break;
      }
      if (f3 == 4) ILLEGAL();
      uint32_t csr = in >> 20, op = f3 & 3;
      uint32_t src = (f3 & 4) ? rs1 : a;
      if (!(f3 & 4)) USE_RS1();
      int write = op == 1 || rs1 != 0;
      if (csr_illegal(s, csr, write)) ILLEGAL();
      uint32_t old = csr_get(s, csr);
      if (write) {
        uint32_t base = old;
        /* CSRRS/CSRRC on mip/sip modify the software SEIP bit, not the external line */
        if (csr == CSR_MIP || csr == CSR_SIP)
          base = (old & ~RV_MIP_SEIP) | (s->mip_sw & RV_MIP_SEIP & (csr == CSR_SIP ? s->mideleg : ~0u));
        uint32_t nv = op == 1 ? src : op == 2 ? base | src : base & ~src;
        csr_set(s, csr, nv);
      }
      rd = rdi; rdv = old;
      break;
    }
    default:
      ILLEGAL();
  }

done:
  if (exc) {
    /* synchronous exception: no architectural effect except the trap */
    r->trap = 1;
    r->trap_cause = s->exc_cause;
    r->rd_addr = 0;
    r->rd_wdata = 0;
    r->mem_rmask = r->mem_wmask = 0;
    r->mem_rdata = r->mem_wdata = 0;
    s->wrote_mcycle = s->wrote_minstret = 0;
    r->pc_wdata = take_trap(s, 0, s->exc_cause, s->exc_tval, pc);
    return 0;
  }
  if (rd) {
    s->x[rd] = rdv;
    r->rd_addr = (uint8_t)rd;
    r->rd_wdata = rdv;
  }
  if (xret == 1) {
    uint32_t mpp = (s->mstatus & MS_MPP) >> MS_MPP_SHIFT;
    s->priv = (int)mpp;
    s->mstatus &= ~(MS_MIE | MS_MPP);
    if (s->mstatus & MS_MPIE) s->mstatus |= MS_MIE;
    s->mstatus |= MS_MPIE; /* MPP <- U (0) */
    if (mpp != RV_PRIV_M) s->mstatus &= ~MS_MPRV;
    s->resv_valid = 0;
    npc = s->mepc;
  } else if (xret == 2) {
    s->priv = (s->mstatus & MS_SPP) ? RV_PRIV_S : RV_PRIV_U;
    s->mstatus &= ~(MS_SIE | MS_SPP | MS_MPRV);
    if (s->mstatus & MS_SPIE) s->mstatus |= MS_SIE;
    s->mstatus |= MS_SPIE;
    s->resv_valid = 0;
    npc = s->sepc;
  }
  s->pc = npc;
  r->pc_wdata = npc;
  return 1;
}

/* Counters after a step. The 64-bit increment is computed from the value before the instruction;
 * a CSR write to one half (mcycle/mcycleh, minstret/minstreth) replaces that half of the result
 * ("the write is done instead of the increment"), the other half keeps the increment, as in the
 * RTL (docs/core.md). `pre` is the state before the instruction: a write to mcountinhibit, like
 * any CSR write, takes effect after the writing instruction has completed, so the writing
 * instruction itself is counted (or not) under the old value. */
typedef struct counters_pre {
  uint32_t inhibit;
  uint64_t mcycle, minstret;
} counters_pre_t;

static inline void count_half(uint64_t *ctr, uint64_t before, int wrote) {
  uint64_t n = before + 1;
  if (wrote & 1) n = (n & ~0xFFFFFFFFull) | (*ctr & 0xFFFFFFFFull);
  if (wrote & 2) n = (n & 0xFFFFFFFFull) | (*ctr & ~0xFFFFFFFFull);
  *ctr = n;
}

static inline void count(rv_iss_t *s, int retired, const counters_pre_t *pre) {
  if (!(pre->inhibit & 1)) count_half(&s->mcycle, pre->mcycle, s->wrote_mcycle);
  /* An instruction that writes minstret(h) is not counted: the written value stands (rv_csr). */
  if (retired && !(pre->inhibit & 4) && !s->wrote_minstret)
    count_half(&s->minstret, pre->minstret, 0);
  s->steps++;
}

int rv_iss_step(rv_iss_t *s, rv_iss_retire_t *out) {
  rv_iss_retire_t tmp;
  rv_iss_retire_t *r = out ? out : &tmp;
  memset(r, 0, sizeof *r);
  if (!s->cfg.manual_interrupts && (s->mie & mip_value(s))) rv_iss_take_interrupt(s);
  counters_pre_t pre = {s->mcountinhibit, s->mcycle, s->minstret};
  int retired = execute(s, r);
  s->inject = INJECT_NONE;
  count(s, retired, &pre);
  return retired;
}

uint64_t rv_iss_run(rv_iss_t *s, uint64_t n) {
  rv_iss_retire_t r;
  uint64_t i = 0;
  s->stop = 0;
  for (; i < n && !s->stop; i++) {
    if (!s->cfg.manual_interrupts && (s->mie & mip_value(s))) rv_iss_take_interrupt(s);
    counters_pre_t pre = {s->mcountinhibit, s->mcycle, s->minstret};
    int retired = execute(s, &r);
    s->inject = INJECT_NONE;
    count(s, retired, &pre);
  }
  return i;
}

void rv_iss_stop(rv_iss_t *s) { s->stop = 1; }

/* ---------------------------------------------------------------- state access */
uint32_t rv_iss_get_pc(const rv_iss_t *s) { return s->pc; }
void rv_iss_set_pc(rv_iss_t *s, uint32_t pc) { s->pc = pc; }
uint32_t rv_iss_get_reg(const rv_iss_t *s, unsigned r) { return r < 32 ? s->x[r] : 0; }
void rv_iss_set_reg(rv_iss_t *s, unsigned r, uint32_t v) {
  if (r > 0 && r < 32) s->x[r] = v;
}
int rv_iss_get_priv(const rv_iss_t *s) { return s->priv; }
void rv_iss_set_priv(rv_iss_t *s, int priv) {
  if (priv == RV_PRIV_U || priv == RV_PRIV_S || priv == RV_PRIV_M) s->priv = priv;
}
uint64_t rv_iss_instret(const rv_iss_t *s) { return s->minstret; }
uint64_t rv_iss_steps(const rv_iss_t *s) { return s->steps; }
void rv_iss_trap_counts(const rv_iss_t *s, uint64_t *exceptions, uint64_t *interrupts) {
  if (exceptions) *exceptions = s->n_exceptions;
  if (interrupts) *interrupts = s->n_interrupts;
}
void rv_iss_set_ram(rv_iss_t *s, uint8_t *ram, uint32_t ram_base, uint32_t ram_size) {
  if (!ram || (uint64_t)ram_base + ram_size > 0x100000000ull) ram_size = 0;
  s->cfg.ram = ram;
  s->cfg.ram_base = ram_base;
  s->cfg.ram_size = ram_size;
}

size_t rv_iss_format_retire(const rv_iss_retire_t *r, char *buf, size_t len) {
  static const char modes[] = "US?M";
  int n = snprintf(buf, len, "#%" PRIu64 " %c pc %08" PRIx32 " insn %08" PRIx32, r->order,
                   modes[r->mode & 3], r->pc_rdata, r->insn);
  size_t used = n > 0 ? (size_t)n : 0;
#define APPEND(...)                                                       \
  do {                                                                    \
    if (used < len) {                                                     \
      int k = snprintf(buf + used, len - used, __VA_ARGS__);              \
      if (k > 0) used += (size_t)k;                                       \
    }                                                                     \
  } while (0)
  if (r->intr) APPEND(" [handler]");
  if (r->trap) APPEND(" TRAP cause %" PRIu32, r->trap_cause);
  if (r->rd_addr) APPEND(" x%u=%08" PRIx32, r->rd_addr, r->rd_wdata);
  if (r->mem_rmask) APPEND(" load [%08" PRIx32 "/%x]=%08" PRIx32, r->mem_addr, r->mem_rmask,
                           r->mem_rdata);
  if (r->mem_wmask) APPEND(" store [%08" PRIx32 "/%x]=%08" PRIx32, r->mem_addr, r->mem_wmask,
                           r->mem_wdata);
  APPEND(" -> %08" PRIx32, r->pc_wdata);
#undef APPEND
  return used < len ? used : (len ? len - 1 : 0);
}
