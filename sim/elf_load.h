/* ELF loader of socsim: validates a 32-bit little-endian RISC-V executable completely before
 * anything is written to simulated memory. C11, no dependencies beyond libc. */
#ifndef SOCSIM_ELF_LOAD_H
#define SOCSIM_ELF_LOAD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct elf_segment {
  uint32_t paddr;        /* physical load address */
  uint32_t filesz;       /* bytes taken from the file */
  uint32_t memsz;        /* bytes in memory; memsz - filesz are zero-filled */
  const uint8_t *data;   /* filesz bytes inside elf_image.file */
} elf_segment_t;

typedef struct elf_image {
  uint8_t *file;         /* the whole file */
  size_t file_size;
  uint32_t entry;
  size_t num_segments;   /* PT_LOAD segments with memsz > 0 */
  elf_segment_t *segments;
  int has_tohost;        /* the symbol table defines `tohost` */
  uint32_t tohost;
} elf_image_t;

/* Reads and checks `path`: ELF magic, class 32, little endian, EM_RISCV, ET_EXEC, header and
 * segment bounds inside the file, PT_LOAD segments inside [ram_base, ram_base + ram_size) and not
 * overlapping, the entry point inside a RAM. Returns 0, or a negative socsim_status_t (socsim.h)
 * with a one-line reason in err. On success the caller owns img and frees it with elf_image_free. */
int elf_image_load(const char *path, uint32_t ram_base, uint32_t ram_size, elf_image_t *img,
                   char *err, size_t err_len);
void elf_image_free(elf_image_t *img);

#ifdef __cplusplus
}
#endif
#endif /* SOCSIM_ELF_LOAD_H */
