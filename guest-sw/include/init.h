/* Driver initialisation hooks: a component registers `KERNEL_INIT(fn)` in its own source file
 * and the kernel calls fn() once at boot, after the page allocator, paging, interrupts, the
 * virtio probe and swap are up, and before the first user process starts (in link order).
 * This is how the balloon drivers plug in without editing main.c. */
#ifndef GUEST_INIT_H
#define GUEST_INIT_H

typedef void (*kernel_init_fn)(void);
#define KERNEL_INIT(fn) \
  __attribute__((section(".kinit"), used)) static const kernel_init_fn kinit_##fn = (fn)

#endif
