# Runs a RISC-V program under a simulator and checks how it ended.
#
#   cmake [-DEXPECT_EXIT=0] [-DEXPECT=<text>] [-DEXPECT_REGEX=<regex>] [-DINPUT_FILE=<file>]
#         [-DTIMEOUT=<seconds>] -P run_and_check.cmake -- <simulator> [args...] <program.elf>
#
# Passes when the exit status equals EXPECT_EXIT (default 0) and the output (stdout and stderr)
# contains EXPECT literally and matches EXPECT_REGEX. INPUT_FILE becomes the program's UART input
# (the simulator's stdin); without it the input is empty.
set(command "")
set(after_separator FALSE)
math(EXPR last "${CMAKE_ARGC} - 1")
foreach(i RANGE ${last})
  if(after_separator)
    list(APPEND command "${CMAKE_ARGV${i}}")
  elseif(CMAKE_ARGV${i} STREQUAL "--")
    set(after_separator TRUE)
  endif()
endforeach()
if(NOT command)
  message(FATAL_ERROR "run_and_check: no command after --")
endif()
if(NOT DEFINED EXPECT_EXIT)
  set(EXPECT_EXIT 0)
endif()
if(NOT INPUT_FILE)
  set(INPUT_FILE /dev/null)
endif()
set(timeout_args "")
if(TIMEOUT)
  set(timeout_args TIMEOUT ${TIMEOUT})
endif()

execute_process(COMMAND ${command}
  INPUT_FILE ${INPUT_FILE}
  OUTPUT_VARIABLE output
  ERROR_VARIABLE output
  RESULT_VARIABLE status
  ${timeout_args})
message("${output}")

set(problems "")
if(NOT status STREQUAL "${EXPECT_EXIT}")
  string(APPEND problems "exit status ${status}, expected ${EXPECT_EXIT}\n")
endif()
if(DEFINED EXPECT)
  string(FIND "${output}" "${EXPECT}" where)
  if(where EQUAL -1)
    string(APPEND problems "output lacks \"${EXPECT}\"\n")
  endif()
endif()
if(DEFINED EXPECT_REGEX AND NOT output MATCHES "${EXPECT_REGEX}")
  string(APPEND problems "output does not match /${EXPECT_REGEX}/\n")
endif()
if(problems)
  list(JOIN command " " command_line)
  message(FATAL_ERROR "run_and_check: ${command_line}\n${problems}")
endif()
