/* PLIC driver for the S-mode context (see plic.h). */
#include "plic.h"

#include "kernel.h"
#include "riscv.h"

#define PLIC_REG(off) (*(volatile uint32_t *)(PLIC_BASE_ADDR + (off)))
#define PLIC_PRIORITY(irq) PLIC_REG(4u * (irq))
#define PLIC_ENABLE(ctx, word) PLIC_REG(0x2000u + 0x80u * (ctx) + 4u * (word))
#define PLIC_THRESHOLD(ctx) PLIC_REG(0x200000u + 0x1000u * (ctx))
#define PLIC_CLAIM(ctx) PLIC_REG(0x200004u + 0x1000u * (ctx))

static struct {
  irq_handler_t fn;
  void *arg;
  uint64_t count;
} handlers[PLIC_MAX_IRQ];
static uint64_t spurious;

void plic_init(void) {
  for (uint32_t w = 0; w < PLIC_MAX_IRQ / 32; w++) PLIC_ENABLE(PLIC_S_CONTEXT, w) = 0;
  PLIC_THRESHOLD(PLIC_S_CONTEXT) = 0;
  csr_set(sie, SIE_SEIE);
}

int plic_register(uint32_t irq, irq_handler_t handler, void *arg) {
  if (irq == 0 || irq >= PLIC_MAX_IRQ || !handler) return -E_INVAL;
  if (handlers[irq].fn) return -E_BUSY;
  handlers[irq].fn = handler;
  handlers[irq].arg = arg;
  PLIC_PRIORITY(irq) = 1;
  PLIC_ENABLE(PLIC_S_CONTEXT, irq / 32) |= 1u << (irq % 32);
  return 0;
}

void plic_dispatch(void) {
  for (;;) {
    uint32_t irq = PLIC_CLAIM(PLIC_S_CONTEXT);
    if (!irq) break;
    if (irq < PLIC_MAX_IRQ && handlers[irq].fn) {
      handlers[irq].count++;
      handlers[irq].fn(handlers[irq].arg);
    } else {
      spurious++;
    }
    PLIC_CLAIM(PLIC_S_CONTEXT) = irq;
  }
}
