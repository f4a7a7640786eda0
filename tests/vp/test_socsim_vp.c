/* The socsim C API on the virtual platform (tests/vp: vp.api).
 *
 *   test_socsim_vp HELLO.elf UART_ECHO.elf LOOP.elf TOHOST_FAIL.elf MAILBOX.elf
 *
 * Every function of socsim.h on a VP board (SOCSIM_MODEL_VP), a VP board and an RTL board in one
 * process running interleaved, the one-VP-board-per-process rule and the reuse after destroy. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "socsim_test_util.h"

static socsim_t *make(uint32_t model, uint32_t ram_mb) {
  socsim_config_t cfg = {.ram_mb = ram_mb, .model = model};
  socsim_t *s = socsim_create(&cfg);
  if (!s) {
    fprintf(stderr, "socsim_create(model %u): %s\n", model, socsim_last_error());
    exit(1);
  }
  return s;
}

struct hook_state {
  uint64_t records, retired, stop_at;
  uint32_t first_pc;
};
static int hook(void *ctx, const socsim_rvfi_t *r) {
  struct hook_state *h = ctx;
  if (h->records == 0) h->first_pc = r->pc_rdata;
  h->records++;
  if (!r->trap) h->retired++;
  return h->stop_at && h->records == h->stop_at;
}

int main(int argc, char **argv) {
  if (argc != 6) {
    fprintf(stderr, "usage: %s HELLO UART_ECHO LOOP TOHOST_FAIL MAILBOX\n", argv[0]);
    return 2;
  }
  const char *hello = argv[1], *echo = argv[2], *loop = argv[3], *tohost_fail = argv[4],
             *mailbox = argv[5];

  socsim_config_t bad = {.model = 7};
  CHECK(socsim_create(&bad) == NULL, "model 7 accepted");
  bad = (socsim_config_t){.model = SOCSIM_MODEL_VP, .trace_path = "x.fst"};
  CHECK(socsim_create(&bad) == NULL, "VP with a trace accepted");
  CHECK(strstr(socsim_last_error(), "not available on the VP") != NULL, "error: %s",
        socsim_last_error());

  socsim_t *vp = make(SOCSIM_MODEL_VP, 4);
  socsim_t *rtl = make(SOCSIM_MODEL_RTL, 4);

  /* One VP board per process. */
  socsim_config_t second = {.model = SOCSIM_MODEL_VP};
  CHECK(socsim_create(&second) == NULL, "a second VP board was created");
  CHECK(strstr(socsim_last_error(), "only one VP board per process") != NULL, "error: %s",
        socsim_last_error());

  /* Same program on both models, interleaved, separate RAM. */
  uint32_t seed_v = 100, seed_r = 200;
  CHECK(socsim_load_elf(vp, mailbox) == SOCSIM_OK, "%s", socsim_last_error());
  CHECK(socsim_load_elf(rtl, mailbox) == SOCSIM_OK, "%s", socsim_last_error());
  CHECK(socsim_mem_write(vp, MAILBOX, &seed_v, 4) == SOCSIM_OK, "%s", socsim_last_error());
  CHECK(socsim_mem_write(rtl, MAILBOX, &seed_r, 4) == SOCSIM_OK, "%s", socsim_last_error());
  int rv = SOCSIM_EXIT_RUNNING, rr = SOCSIM_EXIT_RUNNING;
  socsim_set_max_cycles(vp, 1000000);
  socsim_set_max_cycles(rtl, 1000000);
  while (rv == SOCSIM_EXIT_RUNNING || rr == SOCSIM_EXIT_RUNNING) {
    if (rv == SOCSIM_EXIT_RUNNING) rv = socsim_run(vp, 37);
    if (rr == SOCSIM_EXIT_RUNNING) rr = socsim_run(rtl, 53);
  }
  CHECK(rv == SOCSIM_EXIT_PASS && rr == SOCSIM_EXIT_PASS, "vp %d rtl %d", rv, rr);
  CHECK(rd32(vp, MAILBOX + 4) == 101 && rd32(rtl, MAILBOX + 4) == 201, "results mixed up");
  CHECK(rd32(vp, MAILBOX + 8) == expected_checksum(100), "VP checksum");
  CHECK(socsim_run(vp, 100) == SOCSIM_EXIT_PASS, "PASS is not sticky");
  socsim_counters_t cv, cr;
  CHECK(socsim_counters(vp, &cv) == SOCSIM_OK && socsim_counters(rtl, &cr) == SOCSIM_OK, "ctr");
  printf("mailbox: VP %" PRIu64 " cycles %" PRIu64 " instructions; RTL %" PRIu64 " cycles %" PRIu64
         " instructions\n", cv.cycles, cv.instret, cr.cycles, cr.instret);
  /* The RTL stops when the finisher write reaches the device, before that store retires. */
  CHECK(cv.instret >= cr.instret && cv.instret <= cr.instret + 2,
        "instret VP %" PRIu64 " RTL %" PRIu64, cv.instret, cr.instret);
  /* one cycle per instruction (RAM through DMI, the finisher write is posted) */
  CHECK(cv.cycles == cv.instret, "VP cycles %" PRIu64 " instret %" PRIu64, cv.cycles,
        cv.instret);
  CHECK(cv.traps == 0, "VP traps %" PRIu64, cv.traps);

  /* UART in both directions, small slices. */
  CHECK(socsim_load_elf(vp, echo) == SOCSIM_OK, "%s", socsim_last_error());
  const char *line = "virtual platform\n";
  CHECK(socsim_uart_write(vp, (const uint8_t *)line, strlen(line)) == SOCSIM_OK, "uart_write");
  CHECK(socsim_uart_rx_pending(vp) == strlen(line), "pending %zu", socsim_uart_rx_pending(vp));
  CHECK(run_to_end(vp, 29, 1000000) == SOCSIM_EXIT_PASS, "echo did not pass");
  char buf[256] = {0};
  size_t n = socsim_uart_read(vp, (uint8_t *)buf, sizeof buf - 1);
  CHECK(n == strlen(line) && memcmp(buf, line, n) == 0, "echo returned '%.*s'", (int)n, buf);
  CHECK(socsim_uart_rx_pending(vp) == 0, "input left behind");

  /* Timeout at the exact cycle, continue with a higher limit, last pc. */
  CHECK(socsim_load_elf(vp, loop) == SOCSIM_OK, "%s", socsim_last_error());
  CHECK(run_to_end(vp, 0, 5000) == SOCSIM_EXIT_TIMEOUT, "loop did not time out");
  CHECK(socsim_counters(vp, &cv) == SOCSIM_OK && cv.cycles == 5000, "cycles %" PRIu64, cv.cycles);
  CHECK(run_to_end(vp, 1000, 8000) == SOCSIM_EXIT_TIMEOUT, "raised limit");
  CHECK(socsim_counters(vp, &cv) == SOCSIM_OK && cv.cycles == 8000, "cycles %" PRIu64, cv.cycles);
  CHECK(cv.last_pc == RAM_BASE, "loop pc 0x%08" PRIx32, cv.last_pc);

  /* tohost failure code; reset restarts the program and keeps RAM. */
  uint32_t th = 0, zero = 0;
  CHECK(socsim_load_elf(vp, tohost_fail) == SOCSIM_OK, "%s", socsim_last_error());
  CHECK(socsim_tohost(vp, &th) == 1 && th >= RAM_BASE, "tohost 0x%08" PRIx32, th);
  CHECK(run_to_end(vp, 0, 100000) == SOCSIM_EXIT_FAIL, "tohost failure not seen");
  CHECK(socsim_exit_code(vp) == 5, "exit code %" PRIu32, socsim_exit_code(vp));
  CHECK(socsim_mem_write(vp, th, &zero, 4) == SOCSIM_OK, "clear tohost");
  CHECK(socsim_reset(vp) == SOCSIM_OK, "reset");
  CHECK(socsim_counters(vp, &cv) == SOCSIM_OK && cv.cycles == 0, "reset keeps cycles");
  CHECK(run_to_end(vp, 0, 100000) == SOCSIM_EXIT_FAIL && socsim_exit_code(vp) == 5, "rerun");

  /* Retirement hook: one record per instruction; a non-zero return stops the run. */
  struct hook_state hs = {0};
  CHECK(socsim_load_elf(vp, hello) == SOCSIM_OK, "%s", socsim_last_error());
  socsim_set_retire_hook(vp, hook, &hs);
  CHECK(run_to_end(vp, 0, 100000) == SOCSIM_EXIT_PASS, "hello with hook");
  CHECK(socsim_counters(vp, &cv) == SOCSIM_OK, "counters");
  CHECK(hs.records == cv.instret + cv.traps && hs.retired == cv.instret && hs.first_pc == RAM_BASE,
        "hook saw %" PRIu64 "/%" PRIu64 " records, counters %" PRIu64 "/%" PRIu64, hs.records,
        hs.retired, cv.cycles, cv.instret);
  hs = (struct hook_state){.stop_at = 10};
  CHECK(socsim_reset(vp) == SOCSIM_OK, "reset");
  CHECK(run_to_end(vp, 0, 100000) == SOCSIM_EXIT_STOPPED, "hook could not stop the run");
  CHECK(socsim_counters(vp, &cv) == SOCSIM_OK && cv.instret == 10, "stopped after %" PRIu64,
        cv.instret);
  socsim_set_retire_hook(vp, NULL, NULL);
  n = socsim_uart_read(vp, (uint8_t *)buf, sizeof buf);  /* drop hello's output */

  /* Errors. */
  uint32_t v;
  CHECK(socsim_load_elf(vp, "/nonexistent/program.elf") == SOCSIM_ERR_IO, "missing file");
  CHECK(socsim_mem_read(vp, RAM_BASE + (4u << 20) - 2, &v, 4) == SOCSIM_ERR_RANGE, "past end");
  CHECK(socsim_mem_read(vp, 0x1000, &v, 4) == SOCSIM_ERR_RANGE, "below RAM");

  /* After destroy, a new VP board (reused, reconfigured) works, with a different RAM size. */
  socsim_destroy(vp);
  vp = make(SOCSIM_MODEL_VP, 16);
  CHECK(socsim_mem_read(vp, RAM_BASE + (16u << 20) - 4, &v, 4) == SOCSIM_OK && v == 0,
        "new board: last word of 16 MiB");
  CHECK(socsim_load_elf(vp, hello) == SOCSIM_OK, "%s", socsim_last_error());
  CHECK(run_to_end(vp, 0, 100000) == SOCSIM_EXIT_PASS, "hello on the reused board");
  memset(buf, 0, sizeof buf);
  n = socsim_uart_read(vp, (uint8_t *)buf, sizeof buf - 1);
  CHECK(strcmp(buf, "hello from socsim\n") == 0, "hello printed '%s'", buf);

  socsim_destroy(vp);
  socsim_destroy(rtl);
  if (failures) {
    fprintf(stderr, "%d check(s) FAILED\n", failures);
    return 1;
  }
  printf("socsim VP API test passed\n");
  return 0;
}
