/* UART input: reads lines from stdin (the UART receiver) and echoes them. The test driver feeds
 * uart_echo.input and checks the echo; the program checks the numbers it was given. */
#include <stdio.h>
#include <string.h>

#include "check.h"

int main(void) {
  char line[80];
  printf("send a line:\n");
  CHECK(fgets(line, sizeof line, stdin) != NULL, 1);
  size_t length = strlen(line);
  CHECK(length > 1 && line[length - 1] == '\n', 2);  /* one complete, non-empty line */
  line[length - 1] = '\0';
  printf("ECHO[%s]\n", line);

  /* Second line: numbers to add, checked against the total the line itself states. */
  int a, b, total;
  CHECK(fgets(line, sizeof line, stdin) != NULL, 3);
  CHECK_EQ(sscanf(line, "%d + %d = %d", &a, &b, &total), 3, 4);
  CHECK_EQ(a + b, total, 5);
  printf("SUM %d\n", a + b);
  printf("PASS uart_echo\n");
  return 0;
}
