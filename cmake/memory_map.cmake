# Generates the SoC memory map (SystemVerilog package + C header) from rtl/soc/memory_map.toml into
# ${GEN_DIR}. Regenerated at configure time and whenever the TOML changes.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(GEN_DIR ${PROJECT_BINARY_DIR}/gen)
set(MEMORY_MAP_TOML ${PROJECT_SOURCE_DIR}/rtl/soc/memory_map.toml)
set(MEMORY_MAP_GENERATOR ${PROJECT_SOURCE_DIR}/scripts/gen_memory_map.py)
set(MEMORY_MAP_SV ${GEN_DIR}/soc_memory_map_pkg.sv)
set(MEMORY_MAP_H ${GEN_DIR}/soc_memory_map.h)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${MEMORY_MAP_TOML} ${MEMORY_MAP_GENERATOR})
execute_process(
  COMMAND ${Python3_EXECUTABLE} ${MEMORY_MAP_GENERATOR} ${MEMORY_MAP_TOML} ${GEN_DIR}
  RESULT_VARIABLE memory_map_result)
if(NOT memory_map_result EQUAL 0)
  message(FATAL_ERROR "generating the memory map from ${MEMORY_MAP_TOML} failed")
endif()
include_directories(${GEN_DIR})
