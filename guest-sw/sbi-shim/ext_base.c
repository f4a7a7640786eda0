/* SBI base extension (EID 0x10): versions, ids, extension probing. */
#include "shim.h"

static sbi_ret_t base_handler(uint32_t eid, uint32_t fid, const uint32_t *a) {
  (void)eid;
  sbi_ret_t r = {SBI_SUCCESS, 0};
  switch (fid) {
    case SBI_BASE_GET_SPEC_VERSION: r.value = SBI_SPEC_VERSION_2_0; break;
    case SBI_BASE_GET_IMPL_ID: r.value = SBI_IMPL_ID_BALLOON_SHIM; break;
    case SBI_BASE_GET_IMPL_VERSION: r.value = 1; break;
    case SBI_BASE_PROBE_EXT: r.value = shim_find_ext(a[0]) != 0; break;
    case SBI_BASE_GET_MVENDORID: r.value = (long)csr_read(mvendorid); break;
    case SBI_BASE_GET_MARCHID: r.value = (long)csr_read(marchid); break;
    case SBI_BASE_GET_MIMPID: r.value = (long)csr_read(mimpid); break;
    default: r.error = SBI_ERR_NOT_SUPPORTED; break;
  }
  return r;
}

SBI_EXTENSION(sbi_ext_base) = {"base", SBI_EXT_BASE, SBI_EXT_BASE, 0, base_handler};
