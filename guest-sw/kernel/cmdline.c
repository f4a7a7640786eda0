/* Boot parameters from the DTB /chosen bootargs (QEMU -append): space-separated key=value
 * words; a bare word counts as key with an empty value. */
#include "kernel.h"

static char args[256];

void cmdline_init(const char *bootargs) {
  size_t n = strnlen(bootargs, sizeof args - 1);
  memcpy(args, bootargs, n);
  args[n] = '\0';
}

const char *cmdline_all(void) { return args; }

/* Finds the next word with this key at or after *pos; copies its value. */
const char *cmdline_next(const char *key, unsigned *pos, char *buf, size_t size) {
  size_t klen = strlen(key);
  const char *s = args + *pos;
  while (*s) {
    while (*s == ' ') s++;
    const char *w = s;
    while (*s && *s != ' ') s++;
    size_t wlen = (size_t)(s - w);
    if (wlen >= klen && strncmp(w, key, klen) == 0 && (wlen == klen || w[klen] == '=')) {
      *pos = (unsigned)(s - args);
      const char *v = wlen == klen ? w + wlen : w + klen + 1;
      size_t vlen = (size_t)(s - v);
      if (vlen >= size) vlen = size - 1;
      memcpy(buf, v, vlen);
      buf[vlen] = '\0';
      return buf;
    }
  }
  *pos = (unsigned)(s - args);
  return NULL;
}

const char *cmdline_get(const char *key) {
  static char value[128];
  unsigned pos = 0;
  return cmdline_next(key, &pos, value, sizeof value);
}

unsigned long long cmdline_get_num(const char *key, unsigned long long dflt) {
  const char *v = cmdline_get(key);
  unsigned long long x;
  if (!v || parse_size(v, &x) != 0) return dflt;
  return x;
}
