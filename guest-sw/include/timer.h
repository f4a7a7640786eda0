/* Kernel time: the RISC-V time CSR (frequency from the DTB /cpus timebase-frequency, 10 MHz if
 * absent) and a periodic tick programmed through SBI TIME (HZ ticks per second, default 100,
 * boot parameter hz=). */
#ifndef GUEST_TIMER_H
#define GUEST_TIMER_H

#include <stdint.h>

extern uint32_t timer_hz;           /* ticks per second */
extern uint32_t timebase_hz;        /* time CSR frequency */
extern volatile uint64_t ticks;     /* since timer_init */

void timer_init(uint32_t timebase, uint32_t hz);
void timer_interrupt(void);         /* from the trap handler */
uint64_t time_now_us(void);         /* since boot, from the time CSR */
static inline uint64_t ms_to_ticks(uint64_t ms) { return (ms * timer_hz + 999) / 1000; }

#endif
