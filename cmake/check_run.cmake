# Runs a command (usually a simulator with a program) and checks how it ended. The one checker
# every CTest test of the project uses.
#
#   cmake [-DEXPECT_EXIT=<n>]                 exit status (default 0)
#         [-DEXPECT=<text>]                   stdout+stderr contains this text literally
#         [-DEXPECT_REGEX=<regex>]            stdout+stderr matches
#         [-DEXPECT_STDOUT=<regex>] [-DEXPECT_STDOUT_EXACT=<text, \n escapes>]
#         [-DEXPECT_STDERR=<regex>] [-DFORBID_STDERR=<regex>]
#         [-DEXPECT_FILE=<path>]              must exist and be non-empty afterwards
#         [-DINPUT_FILE=<file>]               stdin (default /dev/null: CI has no stdin)
#         [-DTIMEOUT=<seconds>]               default 120
#         -P check_run.cmake -- <command> [args...]
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
  message(FATAL_ERROR "check_run: no command after --")
endif()
if(NOT DEFINED EXPECT_EXIT)
  set(EXPECT_EXIT 0)
endif()
if(NOT INPUT_FILE)
  set(INPUT_FILE /dev/null)
endif()
if(NOT TIMEOUT)
  set(TIMEOUT 120)
endif()
if(EXPECT_FILE)
  file(REMOVE ${EXPECT_FILE})
endif()

execute_process(COMMAND ${command}
  INPUT_FILE ${INPUT_FILE}
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err
  RESULT_VARIABLE status
  TIMEOUT ${TIMEOUT})
message("--- stdout:\n${out}--- stderr:\n${err}--- exit status: ${status}")
set(both "${out}${err}")

set(problems "")
if(NOT status STREQUAL "${EXPECT_EXIT}")
  string(APPEND problems "exit status ${status}, expected ${EXPECT_EXIT}\n")
endif()
if(DEFINED EXPECT)
  string(FIND "${both}" "${EXPECT}" where)
  if(where EQUAL -1)
    string(APPEND problems "output lacks \"${EXPECT}\"\n")
  endif()
endif()
if(DEFINED EXPECT_REGEX AND NOT both MATCHES "${EXPECT_REGEX}")
  string(APPEND problems "output does not match /${EXPECT_REGEX}/\n")
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
  list(JOIN command " " command_line)
  message(FATAL_ERROR "check_run: ${command_line}\n${problems}")
endif()
