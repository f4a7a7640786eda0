/* Exercises the socsim C API directly (tests/socsim: socsim.api).
 *
 *   test_socsim_api HELLO.elf MAILBOX.elf UART_ECHO.elf LOOP.elf TOHOST_FAIL.elf
 *
 * Two boards live in one process and run interleaved: each must see only its own RAM (the DPI
 * routing), its own UART and its own counters. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "socsim_test_util.h"

static socsim_t *make_board(uint32_t ram_mb, uint32_t latency) {
  socsim_config_t cfg = {.ram_mb = ram_mb, .mem_latency = latency, .trace_path = NULL};
  socsim_t *s = socsim_create(&cfg);
  if (!s) {
    fprintf(stderr, "socsim_create: %s\n", socsim_last_error());
    exit(1);
  }
  return s;
}

int main(int argc, char **argv) {
  if (argc != 6) {
    fprintf(stderr, "usage: %s HELLO MAILBOX UART_ECHO LOOP TOHOST_FAIL\n", argv[0]);
    return 2;
  }
  const char *hello = argv[1], *mailbox = argv[2], *echo = argv[3], *loop = argv[4],
             *tohost_fail = argv[5];

  /* Argument checks. */
  socsim_config_t bad = {.ram_mb = 300};
  CHECK(socsim_create(&bad) == NULL, "ram_mb 300 accepted");
  CHECK(strstr(socsim_last_error(), "RAM size") != NULL, "error: %s", socsim_last_error());
  bad = (socsim_config_t){.mem_latency = 1000};
  CHECK(socsim_create(&bad) == NULL, "mem_latency 1000 accepted");

  socsim_t *a = make_board(4, 0);   /* 4 MiB, single-cycle memory */
  socsim_t *b = make_board(0, 3);   /* default 64 MiB, 3 wait states */

  /* Back door: both boards have separate RAM. */
  uint32_t seed_a = 100, seed_b = 200;
  CHECK(socsim_load_elf(a, mailbox) == SOCSIM_OK, "%s", socsim_last_error());
  CHECK(socsim_load_elf(b, mailbox) == SOCSIM_OK, "%s", socsim_last_error());
  CHECK(socsim_mem_write(a, MAILBOX, &seed_a, 4) == SOCSIM_OK, "%s", socsim_last_error());
  CHECK(socsim_mem_write(b, MAILBOX, &seed_b, 4) == SOCSIM_OK, "%s", socsim_last_error());
  CHECK(rd32(a, MAILBOX) == 100 && rd32(b, MAILBOX) == 200, "back-door writes mixed up");

  /* Run both interleaved in small slices. */
  int ra = SOCSIM_EXIT_RUNNING, rb = SOCSIM_EXIT_RUNNING;
  socsim_set_max_cycles(a, 1000000);
  socsim_set_max_cycles(b, 1000000);
  while (ra == SOCSIM_EXIT_RUNNING || rb == SOCSIM_EXIT_RUNNING) {
    if (ra == SOCSIM_EXIT_RUNNING) ra = socsim_run(a, 37);
    if (rb == SOCSIM_EXIT_RUNNING) rb = socsim_run(b, 53);
  }
  CHECK(ra == SOCSIM_EXIT_PASS, "board A ended with %d", ra);
  CHECK(rb == SOCSIM_EXIT_PASS, "board B ended with %d", rb);
  CHECK(rd32(a, MAILBOX + 4) == 101, "board A computed %" PRIu32, rd32(a, MAILBOX + 4));
  CHECK(rd32(b, MAILBOX + 4) == 201, "board B computed %" PRIu32, rd32(b, MAILBOX + 4));
  CHECK(rd32(a, MAILBOX + 8) == expected_checksum(100), "board A checksum");
  CHECK(rd32(b, MAILBOX + 8) == expected_checksum(200), "board B checksum");
  /* A finished run stays finished. */
  CHECK(socsim_run(a, 100) == SOCSIM_EXIT_PASS, "PASS is not sticky");

  /* Counters: same program, so the same instruction count; wait states cost cycles. */
  socsim_counters_t ca, cb;
  CHECK(socsim_counters(a, &ca) == SOCSIM_OK, "counters");
  CHECK(socsim_counters(b, &cb) == SOCSIM_OK, "counters");
  printf("mailbox: A %" PRIu64 " cycles %" PRIu64 " instructions; B (latency 3) %" PRIu64
         " cycles %" PRIu64 " instructions\n", ca.cycles, ca.instret, cb.cycles, cb.instret);
  CHECK(ca.instret > 1500 && ca.instret == cb.instret, "instret A %" PRIu64 " B %" PRIu64,
        ca.instret, cb.instret);
  CHECK(ca.cycles >= ca.instret, "A: fewer cycles than instructions");
  CHECK(cb.cycles > ca.cycles + 2 * ca.instret, "latency 3 did not slow board B down");
  CHECK(ca.traps == 0, "A: %" PRIu64 " traps", ca.traps);

  /* UART: queue input before the run, drain output after. */
  CHECK(socsim_load_elf(b, echo) == SOCSIM_OK, "%s", socsim_last_error());
  CHECK(socsim_load_elf(a, hello) == SOCSIM_OK, "%s", socsim_last_error());
  const char *line = "two boards\n";
  CHECK(socsim_uart_write(b, (const uint8_t *)line, strlen(line)) == SOCSIM_OK, "uart_write");
  CHECK(socsim_uart_rx_pending(b) == strlen(line), "rx pending %zu", socsim_uart_rx_pending(b));
  ra = SOCSIM_EXIT_RUNNING;
  rb = SOCSIM_EXIT_RUNNING;
  while (ra == SOCSIM_EXIT_RUNNING || rb == SOCSIM_EXIT_RUNNING) {
    if (ra == SOCSIM_EXIT_RUNNING) ra = socsim_run(a, 41);
    if (rb == SOCSIM_EXIT_RUNNING) rb = socsim_run(b, 29);
  }
  CHECK(ra == SOCSIM_EXIT_PASS && rb == SOCSIM_EXIT_PASS, "hello %d echo %d", ra, rb);
  char buf[256] = {0};
  size_t n = socsim_uart_read(b, (uint8_t *)buf, sizeof buf - 1);
  CHECK(n == strlen(line) && memcmp(buf, line, n) == 0, "echo returned '%.*s'", (int)n, buf);
  CHECK(socsim_uart_rx_pending(b) == 0, "echo left input behind");
  memset(buf, 0, sizeof buf);
  n = socsim_uart_read(a, (uint8_t *)buf, 5);
  CHECK(n == 5 && memcmp(buf, "hello", 5) == 0, "partial read '%.*s'", (int)n, buf);
  n = socsim_uart_read(a, (uint8_t *)buf + 5, sizeof buf - 6);
  CHECK(strcmp(buf, "hello from socsim\n") == 0, "hello printed '%s'", buf);
  CHECK(socsim_uart_read(a, (uint8_t *)buf, sizeof buf) == 0, "UART not drained");

  /* Timeout, then continue with a higher limit. */
  CHECK(socsim_load_elf(a, loop) == SOCSIM_OK, "%s", socsim_last_error());
  CHECK(run_to_end(a, 0, 5000) == SOCSIM_EXIT_TIMEOUT, "loop did not time out");
  CHECK(socsim_counters(a, &ca) == SOCSIM_OK && ca.cycles == 5000, "cycles %" PRIu64, ca.cycles);
  CHECK(run_to_end(a, 1000, 8000) == SOCSIM_EXIT_TIMEOUT, "raised limit");
  CHECK(socsim_counters(a, &ca) == SOCSIM_OK && ca.cycles == 8000, "cycles %" PRIu64, ca.cycles);
  CHECK(ca.last_pc == RAM_BASE, "loop pc 0x%08" PRIx32, ca.last_pc);

  /* tohost failure code; reset restarts the program. */
  uint32_t th = 0;
  CHECK(socsim_load_elf(b, tohost_fail) == SOCSIM_OK, "%s", socsim_last_error());
  CHECK(socsim_tohost(b, &th) == 1 && th >= RAM_BASE, "tohost 0x%08" PRIx32, th);
  CHECK(run_to_end(b, 0, 100000) == SOCSIM_EXIT_FAIL, "tohost failure not seen");
  CHECK(socsim_exit_code(b) == 5, "exit code %" PRIu32, socsim_exit_code(b));
  uint32_t zero = 0;
  CHECK(socsim_mem_write(b, th, &zero, 4) == SOCSIM_OK, "clear tohost");
  CHECK(socsim_reset(b) == SOCSIM_OK, "reset");
  CHECK(socsim_counters(b, &cb) == SOCSIM_OK && cb.cycles == 0, "reset keeps cycles");
  CHECK(run_to_end(b, 0, 100000) == SOCSIM_EXIT_FAIL && socsim_exit_code(b) == 5, "rerun");

  /* Errors. */
  CHECK(socsim_load_elf(a, "/nonexistent/program.elf") == SOCSIM_ERR_IO, "missing file");
  CHECK(strstr(socsim_last_error(), "cannot open") != NULL, "error: %s", socsim_last_error());
  uint32_t v;
  CHECK(socsim_mem_read(a, RAM_BASE + (4u << 20) - 2, &v, 4) == SOCSIM_ERR_RANGE, "read past end");
  CHECK(socsim_mem_read(a, 0x1000, &v, 4) == SOCSIM_ERR_RANGE, "read below RAM");
  CHECK(socsim_mem_write(b, RAM_BASE + (64u << 20) - 4, &v, 4) == SOCSIM_OK, "last word");
  CHECK(socsim_run(NULL, 1) == SOCSIM_ERR_ARG, "NULL board");
  CHECK(socsim_counters(a, NULL) == SOCSIM_ERR_ARG, "NULL counters");

  socsim_destroy(a);
  socsim_destroy(b);
  if (failures) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("socsim API test passed\n");
  return 0;
}
