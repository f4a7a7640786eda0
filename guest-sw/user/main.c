/* The user programs, one ELF: argv[0] selects the program (kernel boot parameter run=). */
#include "ulib.h"

int memhog_main(int argc, char **argv);
int reporter_main(int argc, char **argv);
int balloon_main(int argc, char **argv); /* balloon.c: the user-level balloon program */

static int hello_main(int argc, char **argv) {
  (void)argc;
  printf("hello from %s, pid %d\n", argv[0], sys_getpid());
  return 0;
}

int user_main(int argc, char **argv) {
  static const struct {
    const char *name;
    int (*fn)(int, char **);
  } progs[] = {{"memhog", memhog_main}, {"reporter", reporter_main}, {"hello", hello_main},
                 {"balloon", balloon_main}};
  for (unsigned i = 0; i < sizeof progs / sizeof progs[0]; i++) {
    if (strcmp(argv[0], progs[i].name) == 0) return progs[i].fn(argc, argv);
  }
  printf("%s: unknown program (memhog, reporter, hello)\n", argv[0]);
  return 127;
}
