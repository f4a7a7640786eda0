/* The user programs' ELF image (guest-sw/user), embedded in the kernel. */
  .section .rodata.user_elf, "a", @progbits
  .balign 16
  .globl user_elf_start, user_elf_end
user_elf_start:
  .incbin USER_ELF_PATH
user_elf_end:
