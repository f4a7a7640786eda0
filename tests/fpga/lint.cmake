# Lints the iCEBreaker board files with verilator --lint-only -Wall (tests/fpga: fpga.rtl_lint):
# icebreaker_soc (everything below the PLL) with the board configuration.
#   cmake -DVERILATOR=<bin> -DWAIVERS=<a.vlt;b.vlt> -DSOURCES=<a.sv;...> -DSTUBS=<file.v> -P lint.cmake
# Fails on any warning in rtl/fpga/ (warnings elsewhere belong to the other lint tests).
list(FILTER SOURCES EXCLUDE REGEX "icebreaker_top\\.sv$")  # the PLL primitive: synthesis only
execute_process(COMMAND ${VERILATOR} --lint-only -Wall --top-module icebreaker_soc ${WAIVERS}
                        ${STUBS} ${SOURCES}
  OUTPUT_VARIABLE out ERROR_VARIABLE out RESULT_VARIABLE status)
message("${out}")
string(REGEX MATCHALL "%(Warning|Error)[^\n]*rtl/fpga/[^\n]*" problems "${out}")
if(problems)
  message(FATAL_ERROR "lint problems in rtl/fpga")
endif()
if(NOT status EQUAL 0 AND NOT out MATCHES "%Warning")
  message(FATAL_ERROR "verilator failed (status ${status})")
endif()
