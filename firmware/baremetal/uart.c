#include "baremetal/uart.h"

#include "soc_memory_map.h"

#define LCR_8N1 0x03u

/* The flush gives up after this many polls, so a UART without TEMT cannot hang the exit path. */
#define FLUSH_POLL_LIMIT 100000u

static inline volatile uint8_t *uart_reg(uint32_t offset) {
  return (volatile uint8_t *)(uintptr_t)(UART0_BASE + offset);
}

/* Left alone on purpose:
 *  - the baud-rate divisor: the simulators ignore it, the FPGA's UART has a fixed rate, and
 *    writing it through the DLAB window would transmit garbage on a UART without one;
 *  - FCR: changing the FIFO enable clears the receive FIFO (QEMU does), which would drop input
 *    that a simulator or host queued before the program started. */
void bm_uart_init(void) {
  *uart_reg(UART_IER) = 0;
  *uart_reg(UART_LCR) = LCR_8N1;
}

void bm_uart_putc(char c) {
  while (!(*uart_reg(UART_LSR) & UART_LSR_THRE)) {
  }
  *uart_reg(UART_RBR_THR) = (uint8_t)c;
}

int bm_uart_getc(void) {
  if (!(*uart_reg(UART_LSR) & UART_LSR_DR)) return -1;
  return *uart_reg(UART_RBR_THR);
}

int bm_uart_getc_wait(void) {
  int c;
  while ((c = bm_uart_getc()) < 0) {
  }
  return c;
}

void bm_uart_puts(const char *s) {
  while (*s) bm_uart_putc(*s++);
}

void bm_uart_puthex(uint32_t value) {
  bm_uart_puts("0x");
  for (int shift = 28; shift >= 0; shift -= 4) bm_uart_putc("0123456789abcdef"[(value >> shift) & 0xf]);
}

void bm_uart_flush(void) {
  for (uint32_t i = 0; i < FLUSH_POLL_LIMIT; i++) {
    if (*uart_reg(UART_LSR) & UART_LSR_TEMT) return;
  }
}
