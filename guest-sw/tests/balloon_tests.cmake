# Balloon driver tests (included from guest-sw/tests/CMakeLists.txt, host build).
#  unit: guest.unit.balloon_rate     the adaptive rate controller
#        guest.unit.balloon_core     the driver loop against the real allocator core, a fake host
#                                    and adversarial hosts
#        guest.unit.balloon_virtio   the virtio-balloon backend over the real virtqueue code, a
#                                    fake transport/device, device errors
#  peer: guest.peer.balloon.<scenario>  QEMU: virtio-balloon-device through QMP, and the backdoor
#                                    model shim (test_balloon_peer.c lists the scenarios)
# Benchmark (not a test): `cmake --build build --target balloon_bench` prints the rates table.
guest_unit_test(balloon_rate ${GUEST_DIR}/kernel/balloon_rate.c)
guest_unit_test(balloon_core ${GUEST_DIR}/kernel/balloon.c ${GUEST_DIR}/kernel/balloon_rate.c
                ${GUEST_DIR}/kernel/pmm.c)
guest_unit_test(balloon_virtio ${GUEST_DIR}/kernel/balloon_virtio.c ${GUEST_DIR}/kernel/balloon.c
                ${GUEST_DIR}/kernel/balloon_rate.c ${GUEST_DIR}/kernel/pmm.c
                ${GUEST_DIR}/kernel/virtqueue.c)

add_executable(guest_balloon_peer test_balloon_peer.c balloon_qmp.c)
target_compile_options(guest_balloon_peer PRIVATE -Wall -Wextra -Werror)

find_program(QEMU_SYSTEM_RISCV32 qemu-system-riscv32)
if(QEMU_SYSTEM_RISCV32)
  # Guest time per scenario: virtio ~12 s, pressure ~25 s, user ~8 s, backdoor ~9 s, chaos ~10 s,
  # virtio-bad ~10 s (QEMU without -icount: guest time follows host time).
  foreach(scenario virtio pressure user backdoor chaos virtio-bad)
    add_test(NAME guest.peer.balloon.${scenario}
      COMMAND guest_balloon_peer ${IMAGE_DIR} ${scenario})
    set_tests_properties(guest.peer.balloon.${scenario} PROPERTIES
      LABELS peer TIMEOUT 180 ENVIRONMENT "QEMU=${QEMU_SYSTEM_RISCV32}")
  endforeach()
  add_custom_target(balloon_bench
    COMMAND $<TARGET_FILE:guest_balloon_peer> ${IMAGE_DIR} bench
    DEPENDS guest_balloon_peer
    USES_TERMINAL
    COMMENT "Balloon inflation/deflation rates on QEMU")
endif()
