/* Kernel control: a generic system call (SYS_KCTL) whose commands kernel components register
 * handlers for, so user programs can reach a driver (e.g. a balloon control tool) without a new
 * system call each time.
 *
 * Command ranges (allocate new ones here):
 *   0x0000..0x00ff  core kernel (KCTL_PING, KCTL_LOG, KCTL_SHUTDOWN)
 *   0x0100..0x01ff  balloon drivers
 *
 * A handler runs in the calling process's context (proc_current()), interrupts off, and may
 * block. Pointer arguments are user addresses: use copy_from_user/copy_to_user with
 * proc_current()->mm. It returns a value >= 0 or -E_*. */
#ifndef GUEST_KCTL_H
#define GUEST_KCTL_H

#include <stdint.h>

#define KCTL_PING 0x0001u     /* returns arg0 + 1 */
#define KCTL_LOG 0x0002u      /* (user string, len): logs it as a kernel line "user: ..." */
#define KCTL_SHUTDOWN 0x0003u /* (exit code): powers the machine off */
#define KCTL_BALLOON_FIRST 0x0100u
#define KCTL_BALLOON_LAST 0x01ffu

typedef long (*kctl_handler_t)(void *ctx, uint32_t cmd, uint32_t arg0, uint32_t arg1,
                               uint32_t arg2);

/* Registers handler for commands [first, last]; 0, or -E_BUSY if overlapping, -E_NOSPC. */
int kctl_register(uint32_t first, uint32_t last, const char *name, kctl_handler_t handler,
                  void *ctx);
long kctl_dispatch(uint32_t cmd, uint32_t arg0, uint32_t arg1, uint32_t arg2);
void kctl_init(void);

#endif
