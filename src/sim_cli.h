/* occlusion-sim's command line, in the core so tests can call it without a process. */
#ifndef OC_SIM_CLI_H
#define OC_SIM_CLI_H

#include <stdio.h>

/* Returns the process exit status: 0 ok, 1 output could not be written (full disk), 2 bad flag or value. */
int sim_cli_main(int argc, char **argv, FILE *out, FILE *err);

#endif
