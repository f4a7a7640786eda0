# add_riscv_image(NAME <name> SUBDIR <dir> SOURCES <src...> [LIBRARIES <lib...>] [LINK_OPTIONS <opt...>])
#
# Builds one RISC-V ELF image and places it, with a disassembly next to it, at
# ${IMAGE_DIR}/<dir>/<name>.elf (and <name>.dis). The executable target is named
# <dir>_<name> so images from different folders may share a name.
function(add_riscv_image)
  cmake_parse_arguments(IMG "" "NAME;SUBDIR" "SOURCES;LIBRARIES;LINK_OPTIONS" ${ARGN})
  if(NOT IMG_NAME OR NOT IMG_SUBDIR OR NOT IMG_SOURCES)
    message(FATAL_ERROR "add_riscv_image needs NAME, SUBDIR and SOURCES")
  endif()
  set(target ${IMG_SUBDIR}_${IMG_NAME})
  string(REPLACE "/" "_" target ${target})
  set(out_dir ${IMAGE_DIR}/${IMG_SUBDIR})
  add_executable(${target} ${IMG_SOURCES})
  target_link_libraries(${target} PRIVATE ${IMG_LIBRARIES})
  target_link_options(${target} PRIVATE ${IMG_LINK_OPTIONS})
  set_target_properties(${target} PROPERTIES
    OUTPUT_NAME ${IMG_NAME}
    SUFFIX ".elf"
    RUNTIME_OUTPUT_DIRECTORY ${out_dir})
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND ${CMAKE_OBJDUMP} -d -M no-aliases,numeric $<TARGET_FILE:${target}> > ${out_dir}/${IMG_NAME}.dis
    VERBATIM)
endfunction()
