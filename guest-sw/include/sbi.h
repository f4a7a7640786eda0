/* SBI calls from the guest kernel (to the QEMU shim or the project's VMM). */
#ifndef GUEST_SBI_H
#define GUEST_SBI_H

#include <stdint.h>

#include "sbi_abi.h"

typedef struct sbiret {
  long error;
  long value;
} sbiret_t;

sbiret_t sbi_call(uint32_t eid, uint32_t fid, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3,
                  uint32_t a4, uint32_t a5);
int sbi_probe(uint32_t eid); /* 1 if the extension is available */
void sbi_set_timer(uint64_t when);
__attribute__((noreturn)) void sbi_shutdown(uint32_t reason);

#endif
