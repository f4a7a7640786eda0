/* Periodic tick through SBI TIME (see timer.h). */
#include "timer.h"

#include "kernel.h"
#include "proc.h"
#include "riscv.h"
#include "sbi.h"

uint32_t timer_hz = 100;
uint32_t timebase_hz = 10000000;
volatile uint64_t ticks;
static uint64_t next_deadline, interval;
static uint64_t boot_time;

void timer_init(uint32_t timebase, uint32_t hz) {
  if (timebase) timebase_hz = timebase;
  if (hz >= 10 && hz <= 1000) timer_hz = hz;
  interval = timebase_hz / timer_hz;
  boot_time = rdtime64();
  next_deadline = boot_time + interval;
  sbi_set_timer(next_deadline);
  csr_set(sie, SIE_STIE);
}

uint64_t time_now_us(void) {
  return (rdtime64() - boot_time) * 1000000ull / timebase_hz;
}

void timer_interrupt(void) {
  uint64_t now = rdtime64();
  /* Catch up on ticks missed while interrupts were off, so ticks follows the time CSR. */
  do {
    ticks++;
    next_deadline += interval;
  } while (next_deadline <= now);
  sbi_set_timer(next_deadline);
  proc_timer_tick();
}
