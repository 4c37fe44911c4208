/* Command-line handling with upstream's semantics (cli-flags.md). */
#ifndef NBREF_CLI_H
#define NBREF_CLI_H
#include "config.h"

/* pass 1: only -img and -mask (their headers are read before pass 2) */
void cli_pass1(int argc, char **argv, nb_config *c);
/* pass 2: every other option; returns 0, or exits 2 on unusable input */
void cli_pass2(int argc, char **argv, nb_config *c);
/* 1 if -version was given */
int cli_wants_version(int argc, char **argv);

/* one-line fatal error helpers: exit 2 for bad input, 3 for I/O */
void nb_die_input(const char *fmt, ...);
void nb_die_io(const char *fmt, ...);
#endif
