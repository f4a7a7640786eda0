# Boots the guest kernel on QEMU with a fresh swap disk and a memory consumer whose working set
# exceeds RAM, and checks its console log. Run with cmake -P; variables:
#   QEMU SBI KERNEL SWAP_IMG LOG  paths
#   MEM WS SECONDS TIMEOUT        guest RAM, memhog working set, guest seconds before the
#                                 kernel powers off, wall-clock limit for QEMU
# The full console log is kept in LOG.
foreach(v QEMU SBI KERNEL SWAP_IMG LOG MEM WS SECONDS TIMEOUT)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "guest_swap_test.cmake: ${v} not set")
  endif()
endforeach()
foreach(f ${SBI} ${KERNEL})
  if(NOT EXISTS ${f})
    message(FATAL_ERROR "missing image ${f} (build the riscv_images target)")
  endif()
endforeach()

# A sparse 128 MiB swap disk, created fresh for every run.
file(REMOVE ${SWAP_IMG})
execute_process(COMMAND truncate -s 128M ${SWAP_IMG} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cannot create ${SWAP_IMG}")
endif()

set(append "run=memhog,ws=${WS},pattern=seq,mode=write run=reporter,period=2000 stats=3 shutdown=${SECONDS}")
# -icount: guest time advances with executed instructions (8 ns each, 125 MIPS) instead of host
# time, so a loaded machine slows the test down but cannot starve the guest of progress within its
# SECONDS of guest time; sleep=off lets idle periods skip ahead instead of waiting.
set(cmd ${QEMU} -M virt -cpu rv32,c=false,h=false,f=false,d=false -m ${MEM}
    -icount shift=3,sleep=off
    -nographic -monitor none -serial stdio
    -bios ${SBI} -kernel ${KERNEL} -append "${append}"
    -global virtio-mmio.force-legacy=false
    -device virtio-blk-device,drive=swap -drive if=none,id=swap,format=raw,file=${SWAP_IMG}
    -device virtio-balloon-device)
list(JOIN cmd " " cmd_line)
message(STATUS "running: ${cmd_line}")
execute_process(COMMAND ${cmd}
  INPUT_FILE /dev/null
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc
  TIMEOUT ${TIMEOUT})
file(WRITE ${LOG} "${out}")
if(err)
  file(APPEND ${LOG} "--- stderr ---\n${err}")
endif()
file(REMOVE ${SWAP_IMG})

set(failures "")
macro(expect re what)
  if(NOT out MATCHES "${re}")
    list(APPEND failures "${what} (no match for: ${re})")
  endif()
endmacro()
macro(reject re what)
  if(out MATCHES "${re}")
    list(APPEND failures "${what} (${CMAKE_MATCH_0})")
  endif()
endmacro()

if(NOT rc EQUAL 0)
  list(APPEND failures "QEMU exited with '${rc}' (want 0: a clean SBI shutdown)")
endif()
expect("kern: boot complete" "the kernel did not finish booting")
expect("virtio: slot [0-7] @0x1000[1-8]000: blk" "virtio-blk not found by probing")
expect("virtio: slot [0-7] @0x1000[1-8]000: balloon" "virtio-balloon not found by probing")
expect("swap: on virtio-blk: [1-9][0-9]* slots" "swap not enabled")
expect("memhog\\[[0-9]+\\]: populated" "memhog did not populate its working set")
# At least three progress lines with a non-zero rate.
string(REGEX MATCHALL "memhog\\[[0-9]+\\]: t=[0-9.]+ pass=[0-9]+ touches=[0-9]+ rate=[1-9]" progress "${out}")
list(LENGTH progress nprogress)
if(nprogress LESS 3)
  list(APPEND failures "memhog progressed ${nprogress} times (want >= 3 progress lines)")
endif()
expect("reporter\\[[0-9]+\\]: t=[0-9.]+ rate=[1-9]" "reporter made no progress")
expect("vmstat: shutdown [^\n]* swapout=[1-9][0-9]* [^\n]*majflt=[1-9][0-9]*" "no swap-outs / major faults")
expect("vmstat: shutdown [^\n]* swapin=[1-9]" "no swap-ins")
expect("kern: shutdown=${SECONDS} reached" "the guest did not stay up for ${SECONDS} s")
reject("CORRUPTION[^\n]*" "memhog saw corrupted memory")
reject("panic: [^\n]*" "kernel panic")
reject("oom: [^\n]*" "unexpected OOM kill")
reject("sbi-shim: unexpected trap[^\n]*" "trap into the SBI shim")

if(failures)
  list(JOIN failures "\n  " msg)
  message(FATAL_ERROR "guest.peer.swap failed (log: ${LOG}):\n  ${msg}")
endif()
list(LENGTH progress n)
message(STATUS "guest.peer.swap: ${n} progress lines; log in ${LOG}")
