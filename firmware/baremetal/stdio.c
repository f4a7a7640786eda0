/* picolibc (tinystdio) streams on UART0: stdin, stdout and stderr are one unbuffered stream. */
#include <stdio.h>

#include "baremetal/uart.h"

static int uart_put(char c, FILE *file) {
  (void)file;
  bm_uart_putc(c);
  return (unsigned char)c;
}

/* Blocking: a UART has no end of file. */
static int uart_get(FILE *file) {
  (void)file;
  return bm_uart_getc_wait();
}

static FILE uart_stream = FDEV_SETUP_STREAM(uart_put, uart_get, NULL, _FDEV_SETUP_RW);

FILE *const stdin = &uart_stream;
FILE *const stdout = &uart_stream;
FILE *const stderr = &uart_stream;
