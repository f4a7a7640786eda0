/* Minimal flattened-device-tree reader: validates the blob and looks properties up by node path,
 * with bounds checks everywhere (malformed input returns an error, never reads outside the blob).
 * Portable, host-tested. The kernel uses it only for /memory, /chosen bootargs and
 * /cpus timebase-frequency. */
#ifndef GUEST_FDT_H
#define GUEST_FDT_H

#include <stddef.h>
#include <stdint.h>

#define FDT_MAGIC 0xd00dfeedu

enum {
  FDT_OK = 0,
  FDT_ERR_MAGIC = -1,
  FDT_ERR_TRUNCATED = -2, /* header/offsets outside totalsize or the caller's limit */
  FDT_ERR_VERSION = -3,
  FDT_ERR_BADSTRUCT = -4, /* bad token, unterminated name, bad nesting */
  FDT_ERR_NOTFOUND = -5,
};

/* Validates the header and walks the whole structure block once. max_len bounds the bytes
 * that may be read (use the size of the buffer, or a generous cap for a blob in memory). */
int fdt_check(const void *blob, size_t max_len);
/* Total size from the header (call after fdt_check). */
uint32_t fdt_totalsize(const void *blob);

/* Finds property `prop` of the node at `path` ("/", "/chosen", "/memory", "/cpus"); a path
 * component matches a node name with or without its unit address ("memory" matches
 * "memory@80000000"). The first matching node in document order wins. Call fdt_check first:
 * this trusts the header's totalsize. */
int fdt_get_prop(const void *blob, const char *path, const char *prop, const void **val,
                 uint32_t *len);

/* What the kernel wants from the tree. */
typedef struct fdt_info {
  uint64_t mem_base, mem_size;     /* first /memory reg entry */
  uint32_t timebase_hz;            /* /cpus timebase-frequency, 0 if absent */
  char bootargs[256];              /* /chosen bootargs, "" if absent (truncated if longer) */
} fdt_info_t;

/* Fills info; FDT_ERR_NOTFOUND if there is no usable /memory node. */
int fdt_parse_info(const void *blob, size_t max_len, fdt_info_t *info);

#endif
