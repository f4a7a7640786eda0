# images/guest/qemu-sbi-balloon.elf: the QEMU SBI shim with the balloon backdoor model
# (balloon_backdoor.c). Included from this folder's CMakeLists.txt.
add_riscv_image(NAME qemu-sbi-balloon SUBDIR guest
  SOURCES start.S shim.c ext_base.c ext_time.c ext_dbcn.c ext_srst.c balloon_backdoor.c
  LIBRARIES gcc
  LINK_OPTIONS -nostdlib -nostartfiles -T${CMAKE_CURRENT_SOURCE_DIR}/shim.ld)
target_include_directories(guest_qemu-sbi-balloon PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}
                           ${GUEST_INCLUDE_DIR})
target_compile_options(guest_qemu-sbi-balloon PRIVATE -Wall -Wextra -Werror -O2)
set_property(TARGET guest_qemu-sbi-balloon APPEND PROPERTY LINK_DEPENDS
             ${CMAKE_CURRENT_SOURCE_DIR}/shim.ld)
