/* ftdi_uart: FT2232H UART channel through libftdi1 (see include/boardlink/ftdi_uart.h). */
#define _POSIX_C_SOURCE 200809L
#include "boardlink/ftdi_uart.h"

#ifdef BL_NO_LIBFTDI
/* Built without libftdi1: every open fails with an explanation. */
#include <stdio.h>
#include <string.h>
#include "boardlink/link.h"
void bl_ftdi_default_config(bl_ftdi_config_t *cfg) {
  memset(cfg, 0, sizeof *cfg);
  cfg->channel = BL_FTDI_CHANNEL_B;
  cfg->baud = BL_LINK_DEFAULT_BAUD;
}
bl_ftdi_uart_t *bl_ftdi_uart_open(const bl_ftdi_config_t *cfg, char *err, size_t errlen) {
  (void)cfg;
  snprintf(err, errlen, "this build has no libftdi1 support: install libftdi1-dev and pkg-config, "
           "reconfigure (cmake -S . -B build), or use --transport tty:/dev/ttyUSB1");
  return NULL;
}
int bl_ftdi_uart_write(bl_ftdi_uart_t *u, const void *buf, size_t len) { (void)u; (void)buf; (void)len; return -1; }
long bl_ftdi_uart_read(bl_ftdi_uart_t *u, void *buf, size_t len, int t) { (void)u; (void)buf; (void)len; (void)t; return -1; }
const char *bl_ftdi_uart_error(const bl_ftdi_uart_t *u) { (void)u; return "no libftdi1"; }
void bl_ftdi_uart_close(bl_ftdi_uart_t *u) { (void)u; }
const char *bl_ftdi_explain(const char *what, int code, const char *msg, const char *serial, char *buf,
                            size_t len) {
  (void)serial;
  snprintf(buf, len, "FTDI %s failed (%s, code %d)", what, msg ? msg : "?", code);
  return buf;
}
#else

#include <ftdi.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "boardlink/link.h"

struct bl_ftdi_uart {
  struct ftdi_context *ftdi;
  char serial[64];
  char err[1024];
};

void bl_ftdi_default_config(bl_ftdi_config_t *cfg) {
  memset(cfg, 0, sizeof *cfg);
  cfg->vid = BL_FTDI_VID;
  cfg->pid = BL_FTDI_PID;
  cfg->channel = BL_FTDI_CHANNEL_B;
  cfg->baud = BL_LINK_DEFAULT_BAUD;
  cfg->latency_ms = 2;
}

static const char *const UDEV_HINT =
    "  - permissions: install the udev rule for 0403:6010 (docs/bringup.md, step 1), then unplug\n"
    "    and replug the board; or check with `ls -l /dev/bus/usb/*/*` that your user may open it.\n";

const char *bl_ftdi_explain(const char *what, int code, const char *msg, const char *serial, char *buf,
                            size_t len) {
  const char *hint;
  char board[160];
  if (serial && *serial)
    snprintf(board, sizeof board, "FT2232H (USB 0403:6010) with serial number \"%s\"", serial);
  else
    snprintf(board, sizeof board, "FT2232H (USB 0403:6010, the iCEBreaker's USB chip)");
  if (!strcmp(what, "open") && msg && strstr(msg, "not found")) {
    snprintf(buf, len,
             "no board: libftdi found no %s\n(libftdi: %s, code %d).\n"
             "Check:\n"
             "  - the board is plugged in, with a data USB cable (not a charge-only one);\n"
             "  - `lsusb -d 0403:6010` lists it (if not: another cable or port; in a VM or container\n"
             "    the USB device must be passed through);\n"
             "  - the serial number (`lsusb -v -d 0403:6010 | grep iSerial`), if you gave one;\n"
             "  - or talk to the simulated board instead: --transport sim.",
             board, msg, code);
    return buf;
  }
  if (!strcmp(what, "open") && msg && strstr(msg, "unable to open")) {
    hint = "the device exists but may not be opened";
    snprintf(buf, len, "cannot open the %s: %s (%s, code %d).\nCheck:\n%s"
             "  - the board was not unplugged during the open.", board, hint, msg, code, UDEV_HINT);
    return buf;
  }
  if (!strcmp(what, "open") && msg && strstr(msg, "claim")) {
    snprintf(buf, len,
             "cannot claim channel B of the %s (%s, code %d): another program has it open.\n"
             "Check:\n"
             "  - a terminal on /dev/ttyUSB1 (screen, minicom, picocom) or another `board` command:\n"
             "    close it (`fuser -v /dev/ttyUSB*` shows who);\n"
             "  - iceprog uses channel A only, it does not conflict;\n%s",
             board, msg, code, UDEV_HINT);
    return buf;
  }
  if (!strcmp(what, "open") && msg && strstr(msg, "detach")) {
    snprintf(buf, len,
             "the kernel's ftdi_sio driver holds channel B of the %s and libftdi could not detach it\n"
             "(%s, code %d).\nCheck:\n%s"
             "  - or unbind it by hand: echo -n 'BUS-PORT:1.1' | sudo tee /sys/bus/usb/drivers/ftdi_sio/unbind\n"
             "  - or use the kernel driver instead of libftdi: --transport tty:/dev/ttyUSB1",
             board, msg, code, UDEV_HINT);
    return buf;
  }
  if (!strcmp(what, "open") && msg && (strstr(msg, "serial") || strstr(msg, "description") ||
                                       strstr(msg, "descriptor"))) {
    snprintf(buf, len, "cannot read the USB descriptors of the %s (%s, code %d).\nCheck:\n%s", board, msg,
             code, UDEV_HINT);
    return buf;
  }
  if (!strcmp(what, "open") && msg && strstr(msg, "device_list")) {
    snprintf(buf, len, "cannot list USB devices (%s, code %d): is there a USB subsystem (/dev/bus/usb)?\n"
             "In a container, pass the USB bus through (e.g. --device /dev/bus/usb).", msg, code);
    return buf;
  }
  if (!strcmp(what, "read") || !strcmp(what, "write")) {
    snprintf(buf, len, "USB %s failed on the %s (%s, code %d).\nCheck: the board is still plugged in and "
             "powered; replug it and retry.", what, board, msg ? msg : "?", code);
    return buf;
  }
  snprintf(buf, len, "FTDI %s failed on the %s (%s, code %d).\nCheck: the board is plugged in; replug it and "
           "retry; the baud rate is one the FT2232H supports.", what, board, msg ? msg : "?", code);
  return buf;
}

static void fail(char *err, size_t errlen, struct ftdi_context *f, const char *what, int code,
                 const char *serial) {
  bl_ftdi_explain(what, code, f ? ftdi_get_error_string(f) : "no context", serial, err, errlen);
}

bl_ftdi_uart_t *bl_ftdi_uart_open(const bl_ftdi_config_t *cfg_in, char *err, size_t errlen) {
  bl_ftdi_config_t cfg;
  if (cfg_in) cfg = *cfg_in; else bl_ftdi_default_config(&cfg);
  if (!cfg.vid) cfg.vid = BL_FTDI_VID;
  if (!cfg.pid) cfg.pid = BL_FTDI_PID;
  if (!cfg.baud) cfg.baud = BL_LINK_DEFAULT_BAUD;
  if (!cfg.latency_ms) cfg.latency_ms = 2;
  if (cfg.channel < 0 || cfg.channel > 3 || cfg.latency_ms > 255) {
    snprintf(err, errlen, "ftdi: bad channel %d or latency %u", cfg.channel, cfg.latency_ms);
    return NULL;
  }
  struct ftdi_context *f = ftdi_new();
  if (!f) {
    snprintf(err, errlen, "libftdi could not initialise libusb (ftdi_new failed): is there a USB "
             "subsystem? In a container, pass the USB bus through.");
    return NULL;
  }
  static const enum ftdi_interface ifs[] = {INTERFACE_A, INTERFACE_B, INTERFACE_C, INTERFACE_D};
  int r = ftdi_set_interface(f, ifs[cfg.channel]);
  if (r < 0) { fail(err, errlen, f, "select channel", r, cfg.serial); ftdi_free(f); return NULL; }
  r = ftdi_usb_open_desc(f, cfg.vid, cfg.pid, NULL, cfg.serial);
  if (r < 0) { fail(err, errlen, f, "open", r, cfg.serial); ftdi_free(f); return NULL; }
  const char *stage = NULL;
  if ((r = ftdi_set_bitmode(f, 0, BITMODE_RESET)) < 0) stage = "reset to UART mode";
  else if ((r = ftdi_set_baudrate(f, (int)cfg.baud)) < 0) stage = "set baud rate";
  else if ((r = ftdi_set_line_property(f, BITS_8, STOP_BIT_1, NONE)) < 0) stage = "set 8N1";
  else if ((r = ftdi_setflowctrl(f, SIO_DISABLE_FLOW_CTRL)) < 0) stage = "disable flow control";
  else if ((r = ftdi_set_latency_timer(f, (unsigned char)cfg.latency_ms)) < 0) stage = "set latency timer";
  else if ((r = ftdi_tcioflush(f)) < 0) stage = "flush buffers";
  if (stage) {
    fail(err, errlen, f, stage, r, cfg.serial);
    ftdi_usb_close(f);
    ftdi_free(f);
    return NULL;
  }
  bl_ftdi_uart_t *u = calloc(1, sizeof *u);
  if (!u) { ftdi_usb_close(f); ftdi_free(f); snprintf(err, errlen, "out of memory"); return NULL; }
  u->ftdi = f;
  if (cfg.serial) snprintf(u->serial, sizeof u->serial, "%s", cfg.serial);
  return u;
}

int bl_ftdi_uart_write(bl_ftdi_uart_t *u, const void *buf, size_t len) {
  const unsigned char *p = buf;
  while (len) {
    int chunk = len > 4096 ? 4096 : (int)len;
    int r = ftdi_write_data(u->ftdi, p, chunk);
    if (r < 0) {
      fail(u->err, sizeof u->err, u->ftdi, "write", r, u->serial);
      return -1;
    }
    p += r;
    len -= (size_t)r;
  }
  return 0;
}

static long now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

long bl_ftdi_uart_read(bl_ftdi_uart_t *u, void *buf, size_t len, int timeout_ms) {
  long deadline = now_ms() + (timeout_ms < 0 ? 0 : timeout_ms);
  int chunk = len > 65536 ? 65536 : (int)len;
  for (;;) {
    int r = ftdi_read_data(u->ftdi, buf, chunk);
    if (r < 0) {
      fail(u->err, sizeof u->err, u->ftdi, "read", r, u->serial);
      return -1;
    }
    if (r > 0) return r;
    if (now_ms() >= deadline) return 0;
    struct timespec ms = {0, 1000000};
    nanosleep(&ms, NULL);
  }
}

const char *bl_ftdi_uart_error(const bl_ftdi_uart_t *u) { return u->err; }

void bl_ftdi_uart_close(bl_ftdi_uart_t *u) {
  if (!u) return;
  ftdi_usb_close(u->ftdi);
  ftdi_free(u->ftdi);
  free(u);
}

#endif /* BL_NO_LIBFTDI */
