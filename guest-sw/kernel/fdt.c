/* Minimal FDT reader (see fdt.h). Every read is checked against the blob bounds. */
#include "fdt.h"

#include <stdbool.h>

#define FDT_BEGIN_NODE 1u
#define FDT_END_NODE 2u
#define FDT_PROP 3u
#define FDT_NOP 4u
#define FDT_END 9u
#define MAX_DEPTH 16

static uint32_t be32(const void *p) {
  const uint8_t *b = p;
  return ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) | ((uint32_t)b[2] << 8) | b[3];
}

typedef struct {
  const uint8_t *base;
  uint32_t struct_off, struct_size, strings_off, strings_size;
} fdt_t;

static int open_blob(const void *blob, size_t max_len, fdt_t *f) {
  if (!blob || max_len < 40) return FDT_ERR_TRUNCATED;
  const uint8_t *b = blob;
  if (be32(b) != FDT_MAGIC) return FDT_ERR_MAGIC;
  uint32_t total = be32(b + 4);
  if (total < 40 || total > max_len) return FDT_ERR_TRUNCATED;
  uint32_t version = be32(b + 20), last_comp = be32(b + 24);
  if (version < 16 || last_comp > 17) return FDT_ERR_VERSION;
  f->base = b;
  f->struct_off = be32(b + 8);
  f->strings_off = be32(b + 12);
  f->strings_size = be32(b + 32);
  f->struct_size = be32(b + 36);
  if (f->struct_off > total || f->struct_size > total - f->struct_off ||
      f->strings_off > total || f->strings_size > total - f->strings_off || (f->struct_off & 3))
    return FDT_ERR_TRUNCATED;
  return FDT_OK;
}

/* Length of a NUL-terminated string at [off, limit), or -1 if unterminated. */
static long str_len(const uint8_t *p, uint32_t avail) {
  for (uint32_t i = 0; i < avail; i++) {
    if (!p[i]) return (long)i;
  }
  return -1;
}

/* Does node name `name` (len n, maybe with @unit) match path component `comp` (len c)? */
static bool name_matches(const char *name, long n, const char *comp, long c) {
  if (n == c) {
    for (long i = 0; i < n; i++) {
      if (name[i] != comp[i]) return false;
    }
    return true;
  }
  if (n > c && name[c] == '@') {
    for (long i = 0; i < c; i++) {
      if (name[i] != comp[i]) return false;
    }
    return true;
  }
  return false;
}

/* Walks the structure block. If path/prop are given, stops at the first match. */
static int walk(const fdt_t *f, const char *path, const char *prop, const void **val,
                uint32_t *len) {
  /* Split the path into components. */
  const char *comp[MAX_DEPTH];
  long comp_len[MAX_DEPTH];
  int ncomp = 0;
  if (path) {
    const char *s = path;
    while (*s == '/') s++;
    while (*s) {
      if (ncomp == MAX_DEPTH) return FDT_ERR_NOTFOUND;
      comp[ncomp] = s;
      long n = 0;
      while (s[n] && s[n] != '/') n++;
      comp_len[ncomp++] = n;
      s += n;
      while (*s == '/') s++;
    }
  }
  const uint8_t *p = f->base + f->struct_off;
  uint32_t off = 0, end = f->struct_size;
  int depth = 0;         /* nodes currently open */
  int matched = 0;       /* how many leading open nodes match the path */
  bool seen_root = false;
  while (off + 4 <= end) {
    uint32_t tok = be32(p + off);
    off += 4;
    switch (tok) {
      case FDT_BEGIN_NODE: {
        long n = str_len(p + off, end - off);
        if (n < 0) return FDT_ERR_BADSTRUCT;
        if (depth == 0 && seen_root) return FDT_ERR_BADSTRUCT; /* two roots */
        if (depth >= MAX_DEPTH) return FDT_ERR_BADSTRUCT;
        const char *name = (const char *)(p + off);
        if (depth == 0) {
          seen_root = true;
          matched = 0; /* the root matches the empty path */
        }
        /* A node at level `depth` (root = 0) extends the match if its parent matched. */
        if (depth >= 1 && matched == depth - 1 && depth - 1 < ncomp &&
            name_matches(name, n, comp[depth - 1], comp_len[depth - 1]))
          matched = depth;
        depth++;
        off += (uint32_t)((n + 1 + 3) & ~3L);
        if (off > end) return FDT_ERR_BADSTRUCT;
        break;
      }
      case FDT_END_NODE:
        if (depth == 0) return FDT_ERR_BADSTRUCT;
        depth--;
        if (matched > depth - 1 && depth >= 1) matched = depth - 1;
        if (depth == 0) matched = 0;
        break;
      case FDT_PROP: {
        if (end - off < 8) return FDT_ERR_BADSTRUCT;
        uint32_t plen = be32(p + off), nameoff = be32(p + off + 4);
        off += 8;
        if (plen > end - off) return FDT_ERR_BADSTRUCT;
        if (depth == 0) return FDT_ERR_BADSTRUCT;
        if (nameoff >= f->strings_size) return FDT_ERR_BADSTRUCT;
        const char *pname = (const char *)(f->base + f->strings_off + nameoff);
        long pn = str_len((const uint8_t *)pname, f->strings_size - nameoff);
        if (pn < 0) return FDT_ERR_BADSTRUCT;
        if (path && prop && matched == ncomp && depth == ncomp + 1) {
          long want = 0;
          while (prop[want]) want++;
          if (want == pn && name_matches(pname, pn, prop, want)) {
            *val = p + off;
            *len = plen;
            return FDT_OK;
          }
        }
        off += (plen + 3) & ~3u;
        if (off > end) return FDT_ERR_BADSTRUCT;
        break;
      }
      case FDT_NOP:
        break;
      case FDT_END:
        if (depth != 0 || !seen_root) return FDT_ERR_BADSTRUCT;
        return path ? FDT_ERR_NOTFOUND : FDT_OK;
      default:
        return FDT_ERR_BADSTRUCT;
    }
  }
  return FDT_ERR_BADSTRUCT; /* ran off the end without FDT_END */
}

int fdt_check(const void *blob, size_t max_len) {
  fdt_t f;
  int r = open_blob(blob, max_len, &f);
  if (r) return r;
  return walk(&f, NULL, NULL, NULL, NULL);
}

uint32_t fdt_totalsize(const void *blob) { return be32((const uint8_t *)blob + 4); }

int fdt_get_prop(const void *blob, const char *path, const char *prop, const void **val,
                 uint32_t *len) {
  fdt_t f;
  int r = open_blob(blob, fdt_totalsize(blob) + 0u, &f);
  if (r) return r;
  return walk(&f, path, prop, val, len);
}

static uint64_t read_cells(const uint8_t *p, uint32_t cells) {
  uint64_t v = 0;
  for (uint32_t i = 0; i < cells; i++) v = (v << 32) | be32(p + 4 * i);
  return v;
}

int fdt_parse_info(const void *blob, size_t max_len, fdt_info_t *info) {
  int r = fdt_check(blob, max_len);
  if (r) return r;
  const void *v;
  uint32_t len;
  uint32_t ac = 2, sc = 1; /* defaults per the devicetree spec */
  if (fdt_get_prop(blob, "/", "#address-cells", &v, &len) == FDT_OK && len == 4) ac = be32(v);
  if (fdt_get_prop(blob, "/", "#size-cells", &v, &len) == FDT_OK && len == 4) sc = be32(v);
  info->mem_base = info->mem_size = 0;
  info->timebase_hz = 0;
  info->bootargs[0] = '\0';
  if (fdt_get_prop(blob, "/cpus", "timebase-frequency", &v, &len) == FDT_OK && len == 4)
    info->timebase_hz = be32(v);
  if (fdt_get_prop(blob, "/chosen", "bootargs", &v, &len) == FDT_OK && len > 0) {
    const char *s = v;
    uint32_t n = 0;
    while (n < len && n + 1 < sizeof info->bootargs && s[n]) {
      info->bootargs[n] = s[n];
      n++;
    }
    info->bootargs[n] = '\0';
  }
  if (ac < 1 || ac > 2 || sc < 1 || sc > 2) return FDT_ERR_NOTFOUND;
  r = fdt_get_prop(blob, "/memory", "reg", &v, &len);
  if (r) return r;
  if (len < 4 * (ac + sc)) return FDT_ERR_NOTFOUND;
  info->mem_base = read_cells(v, ac);
  info->mem_size = read_cells((const uint8_t *)v + 4 * ac, sc);
  if (info->mem_size == 0) return FDT_ERR_NOTFOUND;
  return FDT_OK;
}
