/* The boot ROM's view of the SPI flash: a small internal interface, so the loader does not depend
 * on how the SoC's flash reader is built (docs/memory-map.md describes the reader). */
#ifndef BOOTROM_FLASH_H
#define BOOTROM_FLASH_H

#include <stdint.h>

/* 1 if the SoC has a SPI flash reader. */
int bootrom_flash_present(void);

/* Copies len bytes from flash byte offset `offset` to dst (RAM). */
void bootrom_flash_read(uint32_t offset, uint8_t *dst, uint32_t len);

#endif
