/* Internal interface of the QEMU SBI shim: register frame, console, extension registration. */
#ifndef SBI_SHIM_H
#define SBI_SHIM_H

#include <stdint.h>

#include "sbi_abi.h"

/* The register state saved by the trap entry (start.S); x[0] reads as 0. */
typedef struct shim_frame {
  uint32_t x[32];
  uint32_t mepc, mcause, mtval, mstatus;
} shim_frame_t;

#define REG_A0 10
#define REG_A1 11
#define REG_A6 16
#define REG_A7 17

/* Result of one SBI call: error goes to a0, value to a1 (legacy extensions: value to a0). */
typedef struct sbi_ret {
  long error;
  long value;
} sbi_ret_t;

/* An SBI extension. Registered with SBI_EXTENSION(); the dispatcher finds it by EID range, so
 * adding an extension needs no edit of a central switch (the OpenSBI way). */
typedef struct sbi_ext {
  const char *name;
  uint32_t eid_min, eid_max;
  int legacy;                                               /* result in a0 only */
  sbi_ret_t (*handler)(uint32_t eid, uint32_t fid, const uint32_t *a); /* a = a0..a5 */
} sbi_ext_t;

#define SBI_EXTENSION(var) \
  __attribute__((section(".sbi_ext"), used, aligned(4))) const sbi_ext_t var

/* Looks an extension up by EID (NULL if none). */
const sbi_ext_t *shim_find_ext(uint32_t eid);

/* Console (ns16550a, polled) */
void shim_putc(char c);
int shim_getc(void); /* -1 if no byte is waiting */
void shim_puts(const char *s);
void shim_puthex(uint32_t v);

/* Timer: program the next S-mode timer event (clears a pending STIP). */
void shim_set_timer(uint64_t when);

/* Power off through the sifive_test finisher: code 0 = pass, else fail with that code. */
__attribute__((noreturn)) void shim_shutdown(uint32_t code);
__attribute__((noreturn)) void shim_reboot(void);

#define csr_read(csr) __extension__({ uint32_t v_; __asm__ volatile("csrr %0, " #csr : "=r"(v_)); v_; })
#define csr_write(csr, v) __asm__ volatile("csrw " #csr ", %0" : : "r"((uint32_t)(v)) : "memory")
#define csr_set(csr, v) __asm__ volatile("csrs " #csr ", %0" : : "r"((uint32_t)(v)) : "memory")
#define csr_clear(csr, v) __asm__ volatile("csrc " #csr ", %0" : : "r"((uint32_t)(v)) : "memory")

#endif
