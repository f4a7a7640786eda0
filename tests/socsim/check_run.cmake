# Runs a command and checks how it ended (tests/socsim).
#
#   cmake [-DEXPECT_EXIT=<n>] [-DEXPECT_STDOUT=<regex>] [-DEXPECT_STDOUT_EXACT=<text>]
#         [-DEXPECT_STDERR=<regex>] [-DFORBID_STDERR=<regex>] [-DINPUT_FILE=<file>]
#         [-DEXPECT_FILE=<path>] -P check_run.cmake -- <command> [args...]
#
# Fails unless the exit status is EXPECT_EXIT (default 0), stdout matches EXPECT_STDOUT (or equals
# EXPECT_STDOUT_EXACT), stderr matches EXPECT_STDERR and not FORBID_STDERR, and EXPECT_FILE exists
# and is not empty. INPUT_FILE is the command's stdin (default /dev/null).
set(command "")
set(after FALSE)
math(EXPR last "${CMAKE_ARGC} - 1")
foreach(i RANGE ${last})
  if(after)
    list(APPEND command "${CMAKE_ARGV${i}}")
  elseif(CMAKE_ARGV${i} STREQUAL "--")
    set(after TRUE)
  endif()
endforeach()
if(NOT command)
  message(FATAL_ERROR "check_run: no command after --")
endif()
if(NOT DEFINED EXPECT_EXIT)
  set(EXPECT_EXIT 0)
endif()
if(NOT INPUT_FILE)
  set(INPUT_FILE /dev/null)
endif()
if(EXPECT_FILE)
  file(REMOVE ${EXPECT_FILE})
endif()

execute_process(COMMAND ${command}
  INPUT_FILE ${INPUT_FILE}
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err
  RESULT_VARIABLE status
  TIMEOUT 120)
message("--- stdout:\n${out}--- stderr:\n${err}--- exit status: ${status}")

set(problems "")
if(NOT status STREQUAL "${EXPECT_EXIT}")
  string(APPEND problems "exit status ${status}, expected ${EXPECT_EXIT}\n")
endif()
if(DEFINED EXPECT_STDOUT AND NOT out MATCHES "${EXPECT_STDOUT}")
  string(APPEND problems "stdout does not match '${EXPECT_STDOUT}'\n")
endif()
if(DEFINED EXPECT_STDOUT_EXACT)
  string(REPLACE "\\n" "\n" exact "${EXPECT_STDOUT_EXACT}")
  if(NOT out STREQUAL exact)
    string(APPEND problems "stdout is not exactly '${EXPECT_STDOUT_EXACT}'\n")
  endif()
endif()
if(DEFINED EXPECT_STDERR AND NOT err MATCHES "${EXPECT_STDERR}")
  string(APPEND problems "stderr does not match '${EXPECT_STDERR}'\n")
endif()
if(DEFINED FORBID_STDERR AND err MATCHES "${FORBID_STDERR}")
  string(APPEND problems "stderr matches '${FORBID_STDERR}'\n")
endif()
if(EXPECT_FILE)
  if(NOT EXISTS ${EXPECT_FILE})
    string(APPEND problems "${EXPECT_FILE} was not created\n")
  else()
    file(SIZE ${EXPECT_FILE} size)
    if(size EQUAL 0)
      string(APPEND problems "${EXPECT_FILE} is empty\n")
    endif()
  endif()
endif()
if(problems)
  message(FATAL_ERROR "check_run failed:\n${problems}")
endif()
