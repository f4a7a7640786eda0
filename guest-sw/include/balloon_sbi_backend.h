/* The guest's SBI backdoor backend of the balloon driver (kernel/balloon_sbi.c); the ABI itself is
 * the top-level include/balloon_sbi.h, shared with the VMM. */
#ifndef GUEST_BALLOON_SBI_BACKEND_H
#define GUEST_BALLOON_SBI_BACKEND_H

#include <stdint.h>

struct balloon_backend;
/* Probes the extension with the SBI base extension and sends HELLO. The backend, or NULL. */
const struct balloon_backend *balloon_sbi_probe(void **ctx, uint32_t ram_pages);
uint64_t balloon_sbi_calls(void);
uint64_t balloon_sbi_bad_status(void);

#endif
