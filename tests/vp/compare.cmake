# rtl_vs_vp: runs one program on the RTL (socsim --model rtl) and on the virtual platform
# (socsim --model vp) and demands the same exit status and the same UART output (stdout), after
# masking the numbers that depend on the timing model (docs/verification.md, "Virtual platform").
#
#   cmake -DSOCSIM=<bin/socsim> -DELF=<program.elf> [-DARGS=<socsim options, '|'-separated>]
#         [-DINPUT_FILE=<file>] [-DTIMEOUT=<s>] -P compare.cmake
#
# The RTL counts clock cycles, the VP one cycle per instruction, so cycle counts differ; every
# other number (instret included) must agree. Masked, in both outputs, wherever they occur:
#   cycles=<n>                          BENCH lines (tests/bench) and anything printed the same way
#   LAST_FENCE_CYCLES = <n>             tests/memctl/memctl_inval.c
#   SCRUB_CYCLES = <n>                  tests/memctl/memctl_scrub.c
#   MCB <key>=<number>                  tests/memctl/bench_memctl.c (every line is a measurement)
#   "\ncycles   <n>", "\nCPI      <x>"  firmware/demo/demo.c
#   <n> guest faults checked            tests/memctl/memctl_translate.c: includes the faults of
#                                       fetches the RTL core makes ahead of its pc (docs/memctl.md,
#                                       "Faults"); the ISS makes none
# stderr is not compared (socsim's messages name the cycle count); the exit status covers it.
foreach(v SOCSIM ELF)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "compare.cmake: -D${v}=... is required")
  endif()
endforeach()
if(NOT INPUT_FILE)
  set(INPUT_FILE /dev/null)
endif()
if(NOT TIMEOUT)
  set(TIMEOUT 600)
endif()
string(REPLACE "|" ";" ARGS "${ARGS}")

function(mask_timing in out)
  set(s "${${in}}")
  string(REGEX REPLACE "cycles=[0-9]+" "cycles=<masked>" s "${s}")
  string(REGEX REPLACE "(LAST_FENCE_CYCLES|SCRUB_CYCLES) = [0-9]+" "\\1 = <masked>" s "${s}")
  string(REGEX REPLACE "MCB ([a-z0-9_]+)=-?[0-9]+(\\.[0-9]+)?" "MCB \\1=<masked>" s "${s}")
  string(REGEX REPLACE "\ncycles( +)[0-9]+" "\ncycles\\1<masked>" s "${s}")
  string(REGEX REPLACE "\nCPI( +)[0-9.]+" "\nCPI\\1<masked>" s "${s}")
  string(REGEX REPLACE "[0-9]+ guest faults checked" "<masked> guest faults checked" s "${s}")
  set(${out} "${s}" PARENT_SCOPE)
endfunction()

foreach(model rtl vp)
  execute_process(COMMAND ${SOCSIM} --model ${model} ${ARGS} ${ELF}
    INPUT_FILE ${INPUT_FILE}
    OUTPUT_VARIABLE out_${model}
    ERROR_VARIABLE err_${model}
    RESULT_VARIABLE status_${model}
    TIMEOUT ${TIMEOUT})
  mask_timing(out_${model} masked_${model})
  message("---- ${model}: exit status ${status_${model}}; stderr: ${err_${model}}")
endforeach()

set(problems "")
if(status_rtl STREQUAL "2" OR status_vp STREQUAL "2")
  # socsim's status for bad usage or a program it cannot load: nothing was compared
  string(APPEND problems "socsim could not run the program (exit status 2), see stderr above\n")
endif()
if(NOT status_rtl STREQUAL status_vp)
  string(APPEND problems "exit status differs: rtl ${status_rtl}, vp ${status_vp}\n")
endif()
if(NOT masked_rtl STREQUAL masked_vp)
  get_filename_component(name ${ELF} NAME_WE)
  set(dir ${CMAKE_CURRENT_BINARY_DIR}/rtl_vs_vp_${name})
  file(MAKE_DIRECTORY ${dir})
  file(WRITE ${dir}/rtl.txt "${masked_rtl}")
  file(WRITE ${dir}/vp.txt "${masked_vp}")
  execute_process(COMMAND diff -u ${dir}/rtl.txt ${dir}/vp.txt OUTPUT_VARIABLE d)
  string(APPEND problems "UART output differs (timing numbers masked):\n${d}")
else()
  message("UART output (timing numbers masked), identical on both:\n${masked_vp}")
endif()
if(problems)
  message(FATAL_ERROR "rtl_vs_vp: ${ELF}\n${problems}")
endif()
message("rtl_vs_vp: same exit status (${status_vp}) and UART output")
