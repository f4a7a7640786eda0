/* User program entry: the kernel starts it with a0 = argc, a1 = argv, sp below argv. */
  .section .text.entry, "ax", @progbits
  .globl _start
_start:
  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop
  call user_main
  call sys_exit
1:j 1b
