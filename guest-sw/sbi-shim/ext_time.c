/* SBI timer extension "TIME" and the legacy set_timer: one-shot S-mode timer via CLINT mtimecmp. */
#include "shim.h"

static sbi_ret_t time_handler(uint32_t eid, uint32_t fid, const uint32_t *a) {
  sbi_ret_t r = {SBI_SUCCESS, 0};
  if (eid == SBI_EXT_TIME && fid != SBI_TIME_SET_TIMER) {
    r.error = SBI_ERR_NOT_SUPPORTED;
    return r;
  }
  shim_set_timer(((uint64_t)a[1] << 32) | a[0]);
  return r;
}

SBI_EXTENSION(sbi_ext_time) = {"time", SBI_EXT_TIME, SBI_EXT_TIME, 0, time_handler};
SBI_EXTENSION(sbi_ext_legacy_timer) = {"legacy-set-timer", SBI_EXT_LEGACY_SET_TIMER,
                                       SBI_EXT_LEGACY_SET_TIMER, 1, time_handler};
