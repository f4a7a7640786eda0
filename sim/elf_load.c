/* ELF loader of socsim (see elf_load.h). Every field read from the file is bounds-checked with
 * 64-bit arithmetic so that no header can make the loader read or write out of bounds. */
#include "elf_load.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "socsim.h"

enum {
  EHDR_SIZE = 52,
  PHDR_SIZE = 32,
  SHDR_SIZE = 40,
  SYM_SIZE = 16,
  MAX_PHDRS = 256,
  EM_RISCV_ = 243,
  ET_EXEC_ = 2,
  PT_LOAD_ = 1,
  SHT_SYMTAB_ = 2,
};

#define MAX_FILE_SIZE ((size_t)1 << 30)

static int fail(char *err, size_t err_len, int status, const char *fmt, ...) {
  if (err && err_len) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, err_len, fmt, ap);
    va_end(ap);
  }
  return status;
}

static uint16_t rd16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }
static uint32_t rd32(const uint8_t *p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static int read_file(const char *path, uint8_t **out, size_t *out_size, char *err, size_t err_len) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    return fail(err, err_len, SOCSIM_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
  }
  size_t cap = 1 << 16, size = 0;
  uint8_t *buf = malloc(cap);
  if (!buf) {
    fclose(f);
    return fail(err, err_len, SOCSIM_ERR_IO, "%s: out of memory", path);
  }
  for (;;) {
    if (size == cap) {
      if (cap >= MAX_FILE_SIZE) {
        free(buf);
        fclose(f);
        return fail(err, err_len, SOCSIM_ERR_ELF, "%s: file larger than %zu bytes", path,
                    (size_t)MAX_FILE_SIZE);
      }
      uint8_t *nbuf = realloc(buf, cap * 2);
      if (!nbuf) {
        free(buf);
        fclose(f);
        return fail(err, err_len, SOCSIM_ERR_IO, "%s: out of memory", path);
      }
      buf = nbuf;
      cap *= 2;
    }
    size_t n = fread(buf + size, 1, cap - size, f);
    size += n;
    if (n == 0) {
      if (ferror(f)) {
        int e = errno;
        free(buf);
        fclose(f);
        return fail(err, err_len, SOCSIM_ERR_IO, "%s: cannot read: %s", path,
                    e ? strerror(e) : "read error");
      }
      break;
    }
  }
  fclose(f);
  *out = buf;
  *out_size = size;
  return 0;
}

static int in_range(uint64_t start, uint64_t len, uint64_t lo, uint64_t hi) {
  return start >= lo && start + len <= hi;
}

static int parse(const char *path, elf_image_t *img, uint32_t ram_base, uint32_t ram_size,
                 char *err, size_t err_len) {
  const uint8_t *f = img->file;
  const uint64_t size = img->file_size;
  const uint64_t ram_lo = ram_base, ram_hi = (uint64_t)ram_base + ram_size;

  if (size == 0) {
    return fail(err, err_len, SOCSIM_ERR_ELF, "%s: empty file, not an ELF executable", path);
  }
  if (size < 4 || memcmp(f, "\177ELF", 4) != 0) {
    return fail(err, err_len, SOCSIM_ERR_ELF, "%s: not an ELF file (bad magic)", path);
  }
  if (size < EHDR_SIZE) {
    return fail(err, err_len, SOCSIM_ERR_ELF, "%s: truncated ELF header (%llu bytes)", path,
                (unsigned long long)size);
  }
  if (f[4] != 1) {
    return fail(err, err_len, SOCSIM_ERR_ELF, "%s: not a 32-bit ELF (class %u); socsim runs RV32",
                path, f[4]);
  }
  if (f[5] != 1) {
    return fail(err, err_len, SOCSIM_ERR_ELF, "%s: not a little-endian ELF", path);
  }
  if (f[6] != 1) {
    return fail(err, err_len, SOCSIM_ERR_ELF, "%s: unknown ELF version %u", path, f[6]);
  }
  uint16_t type = rd16(f + 16), machine = rd16(f + 18);
  if (machine != EM_RISCV_) {
    return fail(err, err_len, SOCSIM_ERR_ELF, "%s: not a RISC-V ELF (machine %u)", path, machine);
  }
  if (type != ET_EXEC_) {
    return fail(err, err_len, SOCSIM_ERR_ELF, "%s: not an executable ELF (type %u)", path, type);
  }
  img->entry = rd32(f + 24);
  uint32_t phoff = rd32(f + 28), shoff = rd32(f + 32);
  uint16_t phentsize = rd16(f + 42), phnum = rd16(f + 44);
  uint16_t shentsize = rd16(f + 46), shnum = rd16(f + 48);

  if (phnum == 0) {
    return fail(err, err_len, SOCSIM_ERR_ELF, "%s: no program headers", path);
  }
  if (phentsize != PHDR_SIZE) {
    return fail(err, err_len, SOCSIM_ERR_ELF, "%s: bad program header size %u", path, phentsize);
  }
  if (phnum > MAX_PHDRS) {
    return fail(err, err_len, SOCSIM_ERR_ELF, "%s: too many program headers (%u)", path, phnum);
  }
  if (!in_range(phoff, (uint64_t)phnum * PHDR_SIZE, 0, size)) {
    return fail(err, err_len, SOCSIM_ERR_ELF, "%s: truncated: program headers past end of file",
                path);
  }

  img->segments = calloc(phnum, sizeof *img->segments);
  if (!img->segments) {
    return fail(err, err_len, SOCSIM_ERR_IO, "%s: out of memory", path);
  }
  for (unsigned i = 0; i < phnum; i++) {
    const uint8_t *ph = f + phoff + (uint64_t)i * PHDR_SIZE;
    if (rd32(ph) != PT_LOAD_) {
      continue;
    }
    uint32_t offset = rd32(ph + 4), paddr = rd32(ph + 12);
    uint32_t filesz = rd32(ph + 16), memsz = rd32(ph + 20);
    if (memsz == 0) {
      continue;
    }
    if (filesz > memsz) {
      return fail(err, err_len, SOCSIM_ERR_ELF,
                  "%s: segment %u: file size 0x%x larger than memory size 0x%x", path, i, filesz,
                  memsz);
    }
    if (!in_range(offset, filesz, 0, size)) {
      return fail(err, err_len, SOCSIM_ERR_ELF,
                  "%s: truncated: segment %u (offset 0x%x, 0x%x bytes) extends past end of file "
                  "(%llu bytes)",
                  path, i, offset, filesz, (unsigned long long)size);
    }
    if (!in_range(paddr, memsz, ram_lo, ram_hi)) {
      return fail(err, err_len, SOCSIM_ERR_RANGE,
                  "%s: segment %u [0x%08x, 0x%09llx) lies outside RAM [0x%08x, 0x%09llx)", path, i,
                  paddr, (unsigned long long)paddr + memsz, ram_base, (unsigned long long)ram_hi);
    }
    for (size_t j = 0; j < img->num_segments; j++) {
      const elf_segment_t *o = &img->segments[j];
      if ((uint64_t)paddr < (uint64_t)o->paddr + o->memsz &&
          (uint64_t)o->paddr < (uint64_t)paddr + memsz) {
        return fail(err, err_len, SOCSIM_ERR_ELF,
                    "%s: segment %u [0x%08x, +0x%x) overlaps segment at [0x%08x, +0x%x)", path, i,
                    paddr, memsz, o->paddr, o->memsz);
      }
    }
    elf_segment_t *s = &img->segments[img->num_segments++];
    s->paddr = paddr;
    s->filesz = filesz;
    s->memsz = memsz;
    s->data = f + offset;
  }
  if (img->num_segments == 0) {
    return fail(err, err_len, SOCSIM_ERR_ELF, "%s: no loadable segments", path);
  }
  if (!in_range(img->entry, 4, ram_lo, ram_hi)) {
    return fail(err, err_len, SOCSIM_ERR_RANGE,
                "%s: entry point 0x%08x lies outside RAM [0x%08x, 0x%09llx)", path, img->entry,
                ram_base, (unsigned long long)ram_hi);
  }

  /* The symbol table is optional; if present it must be well formed. */
  if (shoff == 0 || shnum == 0) {
    return 0;
  }
  if (shentsize != SHDR_SIZE) {
    return fail(err, err_len, SOCSIM_ERR_ELF, "%s: bad section header size %u", path, shentsize);
  }
  if (!in_range(shoff, (uint64_t)shnum * SHDR_SIZE, 0, size)) {
    return fail(err, err_len, SOCSIM_ERR_ELF, "%s: truncated: section headers past end of file",
                path);
  }
  for (unsigned i = 0; i < shnum; i++) {
    const uint8_t *sh = f + shoff + (uint64_t)i * SHDR_SIZE;
    if (rd32(sh + 4) != SHT_SYMTAB_) {
      continue;
    }
    uint32_t sym_off = rd32(sh + 16), sym_size = rd32(sh + 20), link = rd32(sh + 24);
    uint32_t entsize = rd32(sh + 36);
    if (entsize != SYM_SIZE || link >= shnum || !in_range(sym_off, sym_size, 0, size)) {
      return fail(err, err_len, SOCSIM_ERR_ELF, "%s: malformed symbol table (section %u)", path,
                  i);
    }
    const uint8_t *strsh = f + shoff + (uint64_t)link * SHDR_SIZE;
    uint32_t str_off = rd32(strsh + 16), str_size = rd32(strsh + 20);
    if (!in_range(str_off, str_size, 0, size)) {
      return fail(err, err_len, SOCSIM_ERR_ELF, "%s: truncated: string table past end of file",
                  path);
    }
    const char *strtab = (const char *)f + str_off;
    for (uint32_t k = 0; k + SYM_SIZE <= sym_size; k += SYM_SIZE) {
      const uint8_t *sym = f + sym_off + k;
      uint32_t name = rd32(sym);
      if (name >= str_size) {
        continue;
      }
      const char *s = strtab + name;
      size_t max = str_size - name;
      if (max >= 7 && memcmp(s, "tohost", 7) == 0) {
        img->has_tohost = 1;
        img->tohost = rd32(sym + 4);
      }
    }
  }
  return 0;
}

int elf_image_load(const char *path, uint32_t ram_base, uint32_t ram_size, elf_image_t *img,
                   char *err, size_t err_len) {
  if (!path || !img) {
    return fail(err, err_len, SOCSIM_ERR_ARG, "elf_image_load: NULL argument");
  }
  memset(img, 0, sizeof *img);
  int rc = read_file(path, &img->file, &img->file_size, err, err_len);
  if (rc == 0) {
    rc = parse(path, img, ram_base, ram_size, err, err_len);
  }
  if (rc != 0) {
    elf_image_free(img);
  }
  return rc;
}

void elf_image_free(elf_image_t *img) {
  if (!img) {
    return;
  }
  free(img->file);
  free(img->segments);
  memset(img, 0, sizeof *img);
}
