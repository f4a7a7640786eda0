/* boardlink: one byte-stream interface to the board's UART, whatever carries it.
 *
 *   spec                 transport
 *   "ftdi"               the FT2232H's channel B through libftdi1 (ftdi_uart.h); opts->serial
 *   "ftdi:SERIAL"          selects a board by USB serial number
 *   "tty:/dev/ttyUSB1"   a serial device (the kernel's ftdi_sio driver; channel B is usually the
 *                          second ttyUSB of the board)
 *   "sim"                socsim (docs/simulator.md) started as a child process: its stdin feeds
 *                          UART0's receiver, its stdout is UART0's output. By default it runs the
 *                          boot ROM's RAM variant (bootrom_ram.elf), so the tools talk to the
 *                          same boot ROM code as on the board.
 *
 * All calls are blocking with explicit timeouts; no threads, no signals (SIGPIPE is ignored for
 * the sim transport so a dead simulator is an error, not a crash).
 */
#ifndef BOARDLINK_LINK_H
#define BOARDLINK_LINK_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct bl_link bl_link_t;

typedef struct bl_link_opts {
  unsigned baud;              /* ftdi, tty: 0 = BL_LINK_DEFAULT_BAUD */
  const char *serial;         /* ftdi: USB serial number (NULL: the first FT2232H) */
  unsigned latency_ms;        /* ftdi: latency timer (0 = 2 ms) */
  const char *sim_path;       /* sim: socsim executable (NULL: the one this build made) */
  const char *sim_program;    /* sim: the ELF socsim runs (NULL: bootrom_ram.elf of this build) */
  const char *const *sim_args;/* sim: extra socsim options (NULL-terminated), e.g. --ram-mb 1 */
  int sim_quiet;              /* sim: discard socsim's stderr */
} bl_link_opts_t;

/* The SoC's UART rate (the boot ROM and the FPGA top, docs/fpga.md). */
#define BL_LINK_DEFAULT_BAUD 115200u

enum { BL_LINK_ERR = -1, BL_LINK_EOF = -2 };

/* Opens a transport. NULL on failure, with an explained, multi-line message in err. */
bl_link_t *bl_link_open(const char *spec, const bl_link_opts_t *opts, char *err, size_t errlen);

/* 0, or BL_LINK_ERR / BL_LINK_EOF (see bl_link_error). */
int bl_link_write(bl_link_t *l, const void *buf, size_t len);

/* Bytes read (> 0), 0 after timeout_ms without a byte, BL_LINK_EOF when the other end has gone
 * (the simulator exited), BL_LINK_ERR on an error. */
long bl_link_read(bl_link_t *l, void *buf, size_t len, int timeout_ms);

const char *bl_link_error(const bl_link_t *l);
const char *bl_link_name(const bl_link_t *l);   /* "ftdi", "tty:/dev/ttyUSB1", "sim" */

/* Closes the transport. For sim: stops socsim if it is still running and returns its exit status
 * (0..255; -1 if killed); other transports return 0. */
int bl_link_close(bl_link_t *l);

#ifdef __cplusplus
}
#endif
#endif
