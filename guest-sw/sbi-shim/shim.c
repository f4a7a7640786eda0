/* QEMU SBI shim: the M-mode program QEMU runs as -bios. It prepares the machine for an S-mode
 * kernel (PMP, trap delegation, counters), jumps to the kernel, and then serves the kernel's SBI
 * calls (ecall from S) and the machine timer. It emulates nothing else: any other trap that
 * reaches M-mode is a bug and powers the machine off with a failure code. */
#include <stddef.h>

#include "shim.h"
#include "soc_memory_map.h"

#define KERNEL_DEFAULT_ENTRY 0x80400000u
#define FW_DYNAMIC_MAGIC 0x4942534fu /* "OSBI": QEMU's fw_dynamic_info in a2 */

#define MSTATUS_MPP_MASK (3u << 11)
#define MSTATUS_MPP_S (1u << 11)
#define MSTATUS_MPIE (1u << 7)
#define MIP_SSIP (1u << 1)
#define MIP_STIP (1u << 5)
#define MIP_MTIP (1u << 7)
#define MIP_SEIP (1u << 9)
#define MCAUSE_INTERRUPT 0x80000000u
#define CAUSE_MTI 7
#define CAUSE_ECALL_S 9

/* Exceptions handed to the S-mode kernel: misaligned/access faults, illegal instruction,
 * breakpoint, ecall from U, and the three page faults. */
#define MEDELEG_BITS                                                                       \
  ((1u << 0) | (1u << 1) | (1u << 2) | (1u << 3) | (1u << 4) | (1u << 5) | (1u << 6) |      \
   (1u << 7) | (1u << 8) | (1u << 12) | (1u << 13) | (1u << 15))

struct fw_dynamic_info {
  uint32_t magic, version, next_addr, next_mode, options, boot_hart;
};

extern const sbi_ext_t __sbi_ext_start[], __sbi_ext_end[];

const sbi_ext_t *shim_find_ext(uint32_t eid) {
  for (const sbi_ext_t *e = __sbi_ext_start; e < __sbi_ext_end; e++) {
    if (eid >= e->eid_min && eid <= e->eid_max) return e;
  }
  return NULL;
}

/* ------------------------------------------------------------------ console (ns16550a) */
#define UART ((volatile uint8_t *)UART0_BASE)

void shim_putc(char c) {
  while (!(UART[UART_LSR] & UART_LSR_THRE)) {
  }
  UART[UART_RBR_THR] = (uint8_t)c;
}

int shim_getc(void) {
  if (!(UART[UART_LSR] & UART_LSR_DR)) return -1;
  return UART[UART_RBR_THR];
}

void shim_puts(const char *s) {
  while (*s) shim_putc(*s++);
}

void shim_puthex(uint32_t v) {
  shim_puts("0x");
  for (int i = 28; i >= 0; i -= 4) shim_putc("0123456789abcdef"[(v >> i) & 15]);
}

/* ------------------------------------------------------------------ timer (CLINT) */
#define MTIMECMP_LO (*(volatile uint32_t *)(CLINT_BASE + CLINT_MTIMECMP))
#define MTIMECMP_HI (*(volatile uint32_t *)(CLINT_BASE + CLINT_MTIMECMP + 4))

void shim_set_timer(uint64_t when) {
  /* No spurious early match while the two halves are written. */
  MTIMECMP_HI = 0xffffffffu;
  MTIMECMP_LO = (uint32_t)when;
  MTIMECMP_HI = (uint32_t)(when >> 32);
  csr_clear(mip, MIP_STIP);
  csr_set(mie, MIP_MTIP);
}

/* ------------------------------------------------------------------ power */
#define FINISHER (*(volatile uint32_t *)FINISHER_BASE)

void shim_shutdown(uint32_t code) {
  for (volatile int i = 0; i < 100000 && !(UART[UART_LSR] & UART_LSR_TEMT); i++) {
  }
  FINISHER = code ? ((code & 0xffffu) << 16) | FINISHER_FAIL : FINISHER_PASS;
  for (;;) __asm__ volatile("wfi");
}

void shim_reboot(void) {
  FINISHER = 0x7777; /* sifive_test: reset */
  for (;;) __asm__ volatile("wfi");
}

/* ------------------------------------------------------------------ traps */
static void sbi_dispatch(shim_frame_t *f) {
  uint32_t eid = f->x[REG_A7], fid = f->x[REG_A6];
  const sbi_ext_t *e = shim_find_ext(eid);
  if (!e) {
    f->x[REG_A0] = (uint32_t)SBI_ERR_NOT_SUPPORTED;
    f->x[REG_A1] = 0;
    return;
  }
  uint32_t args[6];
  for (int i = 0; i < 6; i++) args[i] = f->x[REG_A0 + i];
  sbi_ret_t r = e->handler(eid, fid, args);
  if (e->legacy) {
    f->x[REG_A0] = (uint32_t)r.value;
  } else {
    f->x[REG_A0] = (uint32_t)r.error;
    f->x[REG_A1] = (uint32_t)r.value;
  }
}

void shim_trap(shim_frame_t *f) {
  if (f->mcause == (MCAUSE_INTERRUPT | CAUSE_MTI)) {
    /* Forward the machine timer to S-mode as STIP; the kernel's next set_timer clears it. */
    csr_clear(mie, MIP_MTIP);
    csr_set(mip, MIP_STIP);
    return;
  }
  if (f->mcause == CAUSE_ECALL_S) {
    sbi_dispatch(f);
    f->mepc += 4;
    return;
  }
  shim_puts("\r\nsbi-shim: unexpected trap mcause=");
  shim_puthex(f->mcause);
  shim_puts(" mepc=");
  shim_puthex(f->mepc);
  shim_puts(" mtval=");
  shim_puthex(f->mtval);
  shim_puts(" mstatus=");
  shim_puthex(f->mstatus);
  shim_puts("\r\n");
  shim_shutdown(0xee);
}

/* ------------------------------------------------------------------ boot */
__attribute__((noreturn)) void shim_main(uint32_t hartid, uint32_t dtb,
                                         const struct fw_dynamic_info *fw) {
  uint32_t entry = KERNEL_DEFAULT_ENTRY;
  if (fw && ((uintptr_t)fw >> 12) != 0 && fw->magic == FW_DYNAMIC_MAGIC && fw->next_addr)
    entry = fw->next_addr;

  /* PMP: one NAPOT entry covering the whole address space, RWX for S and U. */
  csr_write(pmpaddr0, 0xffffffffu);
  csr_write(pmpcfg0, 0x1fu); /* A = NAPOT, X, W, R */

  csr_write(medeleg, MEDELEG_BITS);
  csr_write(mideleg, MIP_SSIP | MIP_STIP | MIP_SEIP);
  csr_write(mcounteren, 7u); /* cycle, time, instret readable from S (and U if scounteren) */
  csr_write(mie, 0);
  csr_clear(mip, MIP_STIP | MIP_SSIP);
  csr_write(satp, 0);
  csr_write(stvec, entry); /* until the kernel installs its own */
  MTIMECMP_HI = 0xffffffffu;
  MTIMECMP_LO = 0xffffffffu;

  shim_puts("sbi-shim: SBI v2.0 (base TIME DBCN SRST legacy); kernel at ");
  shim_puthex(entry);
  shim_puts(" dtb ");
  shim_puthex(dtb);
  shim_puts("\r\n");

  uint32_t ms = csr_read(mstatus);
  ms = (ms & ~MSTATUS_MPP_MASK) | MSTATUS_MPP_S;
  ms &= ~MSTATUS_MPIE;
  csr_write(mstatus, ms);
  csr_write(mepc, entry);
  register uint32_t a0 __asm__("a0") = hartid;
  register uint32_t a1 __asm__("a1") = dtb;
  __asm__ volatile("mret" : : "r"(a0), "r"(a1));
  __builtin_unreachable();
}
