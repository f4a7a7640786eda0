/* SBI debug console "DBCN" and the legacy console putchar/getchar, on the ns16550a UART.
 * Buffers are physical addresses (the shim runs with translation off). */
#include "shim.h"

#define RAM_LIMIT_CHECK(lo, hi, n) ((hi) != 0 || (uint64_t)(lo) + (n) > 0x100000000ull)

static sbi_ret_t dbcn_handler(uint32_t eid, uint32_t fid, const uint32_t *a) {
  (void)eid;
  sbi_ret_t r = {SBI_SUCCESS, 0};
  switch (fid) {
    case SBI_DBCN_WRITE: {
      if (RAM_LIMIT_CHECK(a[1], a[2], a[0])) {
        r.error = SBI_ERR_INVALID_PARAM;
        break;
      }
      const char *p = (const char *)(uintptr_t)a[1];
      for (uint32_t i = 0; i < a[0]; i++) shim_putc(p[i]);
      r.value = (long)a[0];
      break;
    }
    case SBI_DBCN_READ: {
      if (RAM_LIMIT_CHECK(a[1], a[2], a[0])) {
        r.error = SBI_ERR_INVALID_PARAM;
        break;
      }
      char *p = (char *)(uintptr_t)a[1];
      uint32_t n = 0;
      int c;
      while (n < a[0] && (c = shim_getc()) >= 0) p[n++] = (char)c;
      r.value = (long)n;
      break;
    }
    case SBI_DBCN_WRITE_BYTE: shim_putc((char)a[0]); break;
    default: r.error = SBI_ERR_NOT_SUPPORTED; break;
  }
  return r;
}

static sbi_ret_t legacy_console(uint32_t eid, uint32_t fid, const uint32_t *a) {
  (void)fid;
  sbi_ret_t r = {SBI_SUCCESS, 0};
  if (eid == SBI_EXT_LEGACY_PUTCHAR) shim_putc((char)a[0]);
  else r.value = shim_getc();
  return r;
}

SBI_EXTENSION(sbi_ext_dbcn) = {"dbcn", SBI_EXT_DBCN, SBI_EXT_DBCN, 0, dbcn_handler};
SBI_EXTENSION(sbi_ext_legacy_console) = {"legacy-console", SBI_EXT_LEGACY_PUTCHAR,
                                         SBI_EXT_LEGACY_GETCHAR, 1, legacy_console};
