/* ftdi_uart: the FT2232H's UART channel through libftdi1 (no kernel driver, no /dev/ttyUSB*).
 *
 * The iCEBreaker's FT2232H (USB 0403:6010) has two channels: A is the SPI port iceprog uses to
 * program the FPGA and its flash, B is wired to the FPGA as a UART (the SoC's UART0). This module
 * opens channel B (or any channel) by VID:PID and optional USB serial number, sets 8N1, no flow
 * control, the baud rate and the latency timer, and reads with a timeout.
 *
 * Errors: every function that fails stores a message in the handle (bl_ftdi_uart_error) or, for
 * open, in the caller's buffer. Messages say what failed, libftdi's own text and code, and what
 * to check (bl_ftdi_explain): e.g. no device -> is the board plugged in, lsusb, serial number;
 * cannot open -> udev rule / permissions; cannot claim -> another program has the channel open.
 */
#ifndef BOARDLINK_FTDI_UART_H
#define BOARDLINK_FTDI_UART_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define BL_FTDI_VID 0x0403
#define BL_FTDI_PID 0x6010          /* FT2232H */
#define BL_FTDI_CHANNEL_A 0
#define BL_FTDI_CHANNEL_B 1

typedef struct bl_ftdi_uart bl_ftdi_uart_t;

typedef struct bl_ftdi_config {
  int vid, pid;             /* 0 = BL_FTDI_VID / BL_FTDI_PID */
  const char *serial;       /* USB serial number, NULL = the first matching device */
  int channel;              /* BL_FTDI_CHANNEL_A..; the default config uses B */
  unsigned baud;            /* e.g. 115200 */
  unsigned latency_ms;      /* FTDI latency timer, 1..255 (0 = 2) */
} bl_ftdi_config_t;

/* Defaults: 0403:6010, channel B, the design's baud rate, latency 2 ms. */
void bl_ftdi_default_config(bl_ftdi_config_t *cfg);

/* Opens and configures the channel. NULL on failure, with an explained message in err. */
bl_ftdi_uart_t *bl_ftdi_uart_open(const bl_ftdi_config_t *cfg, char *err, size_t errlen);

/* Writes all bytes. 0, or -1 (bl_ftdi_uart_error says why: e.g. the board was unplugged). */
int bl_ftdi_uart_write(bl_ftdi_uart_t *u, const void *buf, size_t len);

/* Reads what has arrived, waiting up to timeout_ms for the first byte. Returns bytes read (> 0),
 * 0 on timeout, -1 on error. */
long bl_ftdi_uart_read(bl_ftdi_uart_t *u, void *buf, size_t len, int timeout_ms);

const char *bl_ftdi_uart_error(const bl_ftdi_uart_t *u);
void bl_ftdi_uart_close(bl_ftdi_uart_t *u);

/* The explanation for a libftdi return code of `what` ("open", "baud rate", "read", ...), with
 * libftdi's message: what to check. Writes into buf and returns it. */
const char *bl_ftdi_explain(const char *what, int code, const char *libftdi_msg, const char *serial,
                            char *buf, size_t len);

#ifdef __cplusplus
}
#endif
#endif
