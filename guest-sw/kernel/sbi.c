/* SBI calls (see sbi.h). */
#include "sbi.h"

sbiret_t sbi_call(uint32_t eid, uint32_t fid, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3,
                  uint32_t a4, uint32_t a5) {
  register uint32_t r0 __asm__("a0") = a0;
  register uint32_t r1 __asm__("a1") = a1;
  register uint32_t r2 __asm__("a2") = a2;
  register uint32_t r3 __asm__("a3") = a3;
  register uint32_t r4 __asm__("a4") = a4;
  register uint32_t r5 __asm__("a5") = a5;
  register uint32_t r6 __asm__("a6") = fid;
  register uint32_t r7 __asm__("a7") = eid;
  __asm__ volatile("ecall"
                   : "+r"(r0), "+r"(r1)
                   : "r"(r2), "r"(r3), "r"(r4), "r"(r5), "r"(r6), "r"(r7)
                   : "memory");
  sbiret_t r = {(long)r0, (long)r1};
  return r;
}

int sbi_probe(uint32_t eid) {
  sbiret_t r = sbi_call(SBI_EXT_BASE, SBI_BASE_PROBE_EXT, eid, 0, 0, 0, 0, 0);
  return r.error == SBI_SUCCESS && r.value != 0;
}

void sbi_set_timer(uint64_t when) {
  sbi_call(SBI_EXT_TIME, SBI_TIME_SET_TIMER, (uint32_t)when, (uint32_t)(when >> 32), 0, 0, 0, 0);
}

void sbi_shutdown(uint32_t reason) {
  sbi_call(SBI_EXT_SRST, SBI_SRST_SYSTEM_RESET, SBI_SRST_TYPE_SHUTDOWN, reason, 0, 0, 0, 0);
  sbi_call(SBI_EXT_LEGACY_SHUTDOWN, 0, 0, 0, 0, 0, 0, 0);
  for (;;) __asm__ volatile("wfi");
}
