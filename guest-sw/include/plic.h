/* PLIC, S-mode context of hart 0 (context 1 on QEMU virt and on the project SoC). */
#ifndef GUEST_PLIC_H
#define GUEST_PLIC_H

#include <stdint.h>

#define PLIC_BASE_ADDR 0x0c000000u
#define PLIC_S_CONTEXT 1u
#define PLIC_MAX_IRQ 64u

typedef void (*irq_handler_t)(void *arg);

void plic_init(void);
/* Installs handler for irq (1..PLIC_MAX_IRQ-1), sets its priority to 1 and enables it.
 * 0 or -E_INVAL / -E_BUSY. */
int plic_register(uint32_t irq, irq_handler_t handler, void *arg);
void plic_dispatch(void); /* claim/handle/complete until nothing is pending */

#endif
