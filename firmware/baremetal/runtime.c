#include <stdint.h>

#include "baremetal/csr.h"
#include "baremetal/uart.h"

void __libc_init_array(void);

/* Called by crt0 once memory is set up, before main. */
void bm_runtime_init(void);
void bm_runtime_init(void) {
  bm_uart_init();
  __libc_init_array();  /* C constructors, should a program have any */
}

/* Extension letters in the order the ISA manual writes them, then any others alphabetically. */
char *bm_isa_string(char *buf, unsigned size) {
  static const char *const widths[] = {"rv?", "rv32", "rv64", "rv128"};
  static const char canonical[] = "iemafdqlcbkjtpvnhsu";
  uint32_t misa = bm_csr_read(misa);
  uint32_t remaining = misa & ((1u << 26) - 1);
  unsigned n = 0;
  for (const char *w = widths[misa >> 30]; *w && n + 1 < size; w++) buf[n++] = *w;
  for (const char *c = canonical; *c; c++) {
    uint32_t bit = 1u << (*c - 'a');
    if ((remaining & bit) && n + 1 < size) buf[n++] = *c;
    remaining &= ~bit;
  }
  for (unsigned i = 0; i < 26; i++) {
    if ((remaining & (1u << i)) && n + 1 < size) buf[n++] = (char)('a' + i);
  }
  if (size) buf[n] = '\0';
  return buf;
}
