/* Polled driver for the ns16550a-compatible UART0 (console and host link). */
#ifndef BAREMETAL_UART_H
#define BAREMETAL_UART_H

#include <stdint.h>

void bm_uart_init(void);               /* 8N1, FIFOs on, interrupts off; crt0 calls it */
void bm_uart_putc(char c);             /* waits for room in the transmitter */
int bm_uart_getc(void);                /* a received byte (0..255), or -1 if none is waiting */
int bm_uart_getc_wait(void);           /* waits for a byte */
void bm_uart_puts(const char *s);      /* no newline added */
void bm_uart_puthex(uint32_t value);   /* "0x" and 8 hex digits */
void bm_uart_flush(void);              /* waits (bounded) until everything has left */

#endif
