# Cross toolchain for the SoC's RV32IMA core: Debian's riscv64-unknown-elf-gcc with its rv32
# multilibs and picolibc. The compiler has no rv32ima multilib, so objects are compiled for
# rv32ima and linked against the rv32im libraries (the libraries use no atomics).
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv32)
set(CMAKE_C_COMPILER riscv64-unknown-elf-gcc)
set(CMAKE_CXX_COMPILER riscv64-unknown-elf-g++)
set(CMAKE_ASM_COMPILER riscv64-unknown-elf-gcc)
set(CMAKE_OBJCOPY riscv64-unknown-elf-objcopy CACHE FILEPATH "objcopy")
set(CMAKE_OBJDUMP riscv64-unknown-elf-objdump CACHE FILEPATH "objdump")
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(RISCV_ARCH_FLAGS "-march=rv32ima_zicsr_zifencei -mabi=ilp32")
set(CMAKE_C_FLAGS_INIT "${RISCV_ARCH_FLAGS} -ffreestanding -fno-common -ffunction-sections -fdata-sections")
set(CMAKE_ASM_FLAGS_INIT "${RISCV_ARCH_FLAGS}")
# Link-time -march only selects the multilib (rv32im/ilp32).
set(CMAKE_EXE_LINKER_FLAGS_INIT "-march=rv32im -mabi=ilp32 -Wl,--gc-sections -static")

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
