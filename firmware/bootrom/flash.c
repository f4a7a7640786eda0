/* SPI flash access of the boot ROM (bootrom_flash.h).
 *
 * The flash reader's interface comes from the generated memory map (rtl/soc/memory_map.toml):
 * with a SPIFLASH region the flash is a read-only memory window, flash byte `offset` at
 * SPIFLASH_BASE + offset. A SoC without that region (socsim's default configuration) has no
 * flash: the boot ROM then only accepts uploads over the UART. The RAM-linked build
 * (BOOTROM_IN_RAM) runs on that default configuration, where the window is unmapped. */
#include "bootrom_flash.h"

#include "soc_memory_map.h"

#if defined(SPIFLASH_BASE) && defined(SPIFLASH_SIZE) && !defined(BOOTROM_IN_RAM)

int bootrom_flash_present(void) { return 1; }

void bootrom_flash_read(uint32_t offset, uint8_t *dst, uint32_t len) {
  const volatile uint8_t *src = (const volatile uint8_t *)(uintptr_t)(SPIFLASH_BASE + offset);
  /* Word reads where both sides are aligned (each read is one SPI transaction). */
  uint32_t i = 0;
  if (((offset | (uint32_t)(uintptr_t)dst) & 3u) == 0) {
    for (; i + 4 <= len; i += 4)
      *(uint32_t *)(void *)(dst + i) = *(const volatile uint32_t *)(const volatile void *)(src + i);
  }
  for (; i < len; i++) dst[i] = src[i];
}

#else

int bootrom_flash_present(void) { return 0; }

void bootrom_flash_read(uint32_t offset, uint8_t *dst, uint32_t len) {
  (void)offset;
  for (uint32_t i = 0; i < len; i++) dst[i] = 0xFF;  /* reads like erased flash */
}

#endif
