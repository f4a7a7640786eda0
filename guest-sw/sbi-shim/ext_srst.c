/* SBI system reset "SRST" and the legacy shutdown, through the sifive_test finisher:
 * shutdown with reason NONE passes (0x5555), SYSFAIL fails with code 1, the vendor range
 * SBI_SRST_REASON_VENDOR_EXIT(code) fails with that code; reboots reset the machine. */
#include "shim.h"

static sbi_ret_t srst_handler(uint32_t eid, uint32_t fid, const uint32_t *a) {
  sbi_ret_t r = {SBI_SUCCESS, 0};
  if (eid == SBI_EXT_LEGACY_SHUTDOWN) shim_shutdown(0);
  if (fid != SBI_SRST_SYSTEM_RESET) {
    r.error = SBI_ERR_NOT_SUPPORTED;
    return r;
  }
  uint32_t type = a[0], reason = a[1];
  if (type > SBI_SRST_TYPE_WARM_REBOOT) {
    r.error = SBI_ERR_INVALID_PARAM;
    return r;
  }
  if (type != SBI_SRST_TYPE_SHUTDOWN) shim_reboot();
  if (reason == SBI_SRST_REASON_NONE) shim_shutdown(0);
  if ((reason & 0xF0000000u) == 0xF0000000u) shim_shutdown((reason & 0xffu) ? (reason & 0xffu) : 1);
  shim_shutdown(1);
}

SBI_EXTENSION(sbi_ext_srst) = {"srst", SBI_EXT_SRST, SBI_EXT_SRST, 0, srst_handler};
SBI_EXTENSION(sbi_ext_legacy_shutdown) = {"legacy-shutdown", SBI_EXT_LEGACY_SHUTDOWN,
                                          SBI_EXT_LEGACY_SHUTDOWN, 1, srst_handler};
