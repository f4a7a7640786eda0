/* S-mode CSR access and RISC-V helpers for the guest kernel (not host-compilable). */
#ifndef GUEST_RISCV_H
#define GUEST_RISCV_H

#include <stdint.h>

#define csr_read(csr) __extension__({ uint32_t v_; __asm__ volatile("csrr %0, " #csr : "=r"(v_)); v_; })
#define csr_write(csr, v) __asm__ volatile("csrw " #csr ", %0" : : "r"((uint32_t)(v)) : "memory")
#define csr_set(csr, v) __asm__ volatile("csrs " #csr ", %0" : : "r"((uint32_t)(v)) : "memory")
#define csr_clear(csr, v) __asm__ volatile("csrc " #csr ", %0" : : "r"((uint32_t)(v)) : "memory")

#define SSTATUS_SIE (1u << 1)
#define SSTATUS_SPIE (1u << 5)
#define SSTATUS_SPP (1u << 8)
#define SSTATUS_SUM (1u << 18)
#define SIE_SSIE (1u << 1)
#define SIE_STIE (1u << 5)
#define SIE_SEIE (1u << 9)
#define SCAUSE_INTERRUPT 0x80000000u

enum {
  CAUSE_MISALIGNED_FETCH = 0, CAUSE_FETCH_ACCESS = 1, CAUSE_ILLEGAL_INSN = 2, CAUSE_BREAKPOINT = 3,
  CAUSE_MISALIGNED_LOAD = 4, CAUSE_LOAD_ACCESS = 5, CAUSE_MISALIGNED_STORE = 6,
  CAUSE_STORE_ACCESS = 7, CAUSE_ECALL_U = 8, CAUSE_ECALL_S = 9, CAUSE_FETCH_PAGE_FAULT = 12,
  CAUSE_LOAD_PAGE_FAULT = 13, CAUSE_STORE_PAGE_FAULT = 15,
};
enum { IRQ_S_SOFT = 1, IRQ_S_TIMER = 5, IRQ_S_EXT = 9 };

static inline uint64_t rdtime64(void) {
  uint32_t hi, lo, hi2;
  do {
    __asm__ volatile("rdtimeh %0" : "=r"(hi));
    __asm__ volatile("rdtime %0" : "=r"(lo));
    __asm__ volatile("rdtimeh %0" : "=r"(hi2));
  } while (hi != hi2);
  return ((uint64_t)hi << 32) | lo;
}

static inline void sfence_vma_all(void) { __asm__ volatile("sfence.vma" ::: "memory"); }
static inline void sfence_vma_addr(uintptr_t va) {
  __asm__ volatile("sfence.vma %0, zero" : : "r"(va) : "memory");
}
static inline void wfi(void) { __asm__ volatile("wfi" ::: "memory"); }
static inline void intr_on(void) { csr_set(sstatus, SSTATUS_SIE); }
static inline void intr_off(void) { csr_clear(sstatus, SSTATUS_SIE); }

#endif
