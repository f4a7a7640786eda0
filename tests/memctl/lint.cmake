# Lints the memory controller (rtl/mem) with verilator --lint-only -Wall for several parameter
# sets: the simulation model (both organisations and back ends at run time), each organisation x
# back end alone, FPGA-sized configurations (1 KiB pages, 2 VMs, small TLB, no counters) and the
# table in block RAM (TABLE_BRAM = 1).
#   cmake -DVERILATOR=<bin> -DWAIVERS=<file.vlt> -DSOURCES=<pkg.sv;a.sv;...> -P lint.cmake
# (one configuration per element, its -G options separated by commas)
set(configs
  "-GRUNTIME_CFG=1"
  "-GORG=0,-GBACKEND=0"
  "-GORG=0,-GBACKEND=1"
  "-GORG=1,-GBACKEND=0"
  "-GORG=1,-GBACKEND=1"
  "-GORG=1,-GPAGE_SHIFT=10,-GNUM_VMS=2,-GGUEST_PAGES=64,-GTLB_ENTRIES=4,-GCOUNTERS=0,-GSRAM_FETCH_PORT=0"
  "-GORG=1,-GPAGE_SHIFT=10,-GNUM_VMS=2,-GGUEST_PAGES=64,-GTLB_ENTRIES=4,-GCOUNTERS=2,-GMEM_ADDR_W=17,-GSRAM_FETCH_PORT=0,-GQUEUE_DEPTH=2"
  "-GORG=0,-GPAGE_SHIFT=10,-GNUM_VMS=1,-GGUEST_PAGES=128,-GBACKEND=1,-GBANKS=1"
  "-GRUNTIME_CFG=1,-GTABLE_BRAM=1,-GPAGE_SHIFT=10,-GGUEST_PAGES=64,-GMEM_ADDR_W=17"
  "-GORG=0,-GTABLE_BRAM=1"
  "-GORG=0,-GTABLE_BRAM=1,-GPAGE_SHIFT=10,-GNUM_VMS=2,-GGUEST_PAGES=64,-GCOUNTERS=2,-GMEM_ADDR_W=17,-GSRAM_FETCH_PORT=0,-GQUEUE_DEPTH=2")
set(failed FALSE)
foreach(cfg IN LISTS configs)
  string(REPLACE "," " " shown "${cfg}")
  string(REPLACE "," ";" args "${cfg}")
  execute_process(COMMAND ${VERILATOR} --lint-only -Wall --top-module memctl_top ${args}
                          ${WAIVERS} ${SOURCES}
    OUTPUT_VARIABLE out ERROR_VARIABLE out RESULT_VARIABLE status)
  if(out MATCHES "%(Warning|Error)" OR NOT status EQUAL 0)
    message("memctl_top ${shown}:\n${out}")
    set(failed TRUE)
  else()
    message("memctl_top ${shown}: clean")
  endif()
endforeach()
if(failed)
  message(FATAL_ERROR "lint problems in rtl/mem")
endif()
