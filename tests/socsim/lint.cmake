# Lints the SoC with verilator --lint-only -Wall (tests/socsim: socsim.rtl_lint).
#   cmake -DVERILATOR=<bin> -DWAIVERS=<file.vlt> -DSOURCES=<a.sv;b.sv;...> -P lint.cmake
# Fails on any warning in rtl/soc/. Warnings in other blocks (rtl/core) are shown but belong to
# their owners' lint checks.
execute_process(COMMAND ${VERILATOR} --lint-only -Wall --top-module soc_top ${WAIVERS} ${SOURCES}
  OUTPUT_VARIABLE out ERROR_VARIABLE out RESULT_VARIABLE status)
message("${out}")
string(REGEX MATCHALL "%(Warning|Error)[^\n]*rtl/soc/[^\n]*" soc_problems "${out}")
if(soc_problems)
  message(FATAL_ERROR "lint problems in rtl/soc")
endif()
if(NOT status EQUAL 0 AND NOT out MATCHES "%Warning")
  message(FATAL_ERROR "verilator failed (status ${status})")
endif()
