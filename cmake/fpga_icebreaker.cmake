# The iCEBreaker board configuration (rtl/fpga/icebreaker/icebreaker_cfg_pkg.sv, docs/fpga.md) as
# CMake values, so that the simulator's board model (socsim --board icebreaker) is verilated with
# exactly the parameters of the FPGA build.
#
#   icebreaker_cfg(<out-list-of--G-options> <out-ram-bytes>)
#
# Every `localparam <type> NAME = VALUE;` of the package becomes -GNAME=VALUE (1'b1 -> 1), except
# the board-only values RAM_BYTES, CLK_HZ and BAUD; RAM_BYTES is returned separately and becomes
# -GFIXED_RAM_BYTES (as icebreaker_soc passes it).
set(ICEBREAKER_CFG_PKG ${CMAKE_CURRENT_LIST_DIR}/../rtl/fpga/icebreaker/icebreaker_cfg_pkg.sv)

function(icebreaker_cfg out_gopts out_ram_bytes)
  file(STRINGS ${ICEBREAKER_CFG_PKG} lines REGEX "^ *localparam ")
  set(gopts "")
  set(ram "")
  foreach(line IN LISTS lines)
    if(NOT line MATCHES "localparam +[a-z ]+ +([A-Z_0-9]+) *= *([^;]+);")
      message(FATAL_ERROR "icebreaker_cfg_pkg.sv: cannot parse '${line}'")
    endif()
    set(name ${CMAKE_MATCH_1})
    string(STRIP "${CMAKE_MATCH_2}" value)
    string(REGEX REPLACE "^1'b" "" value "${value}")
    string(REPLACE "_" "" value "${value}")
    if(name STREQUAL "RAM_BYTES")
      math(EXPR ram "${value}")
      # icebreaker_soc passes it to soc_top as FIXED_RAM_BYTES
      list(APPEND gopts "-GFIXED_RAM_BYTES=${ram}")
    elseif(NOT name MATCHES "^(CLK_HZ|BAUD)$")
      list(APPEND gopts "-G${name}=${value}")
    endif()
  endforeach()
  set(${out_gopts} ${gopts} PARENT_SCOPE)
  set(${out_ram_bytes} ${ram} PARENT_SCOPE)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${ICEBREAKER_CFG_PKG})
endfunction()
