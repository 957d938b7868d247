#include "sim_cli.h"

#include <string.h>

int sim_cli_main(int argc, char **argv, FILE *out, FILE *err)
{
    if (argc >= 2 && strcmp(argv[1], "--help") == 0) {
        fputs("Usage: occlusion-sim [options]  (the model arrives with its own issue)\n", out);
        return 0;
    }
    fputs("occlusion-sim: usage: occlusion-sim --help\n", err);
    return 2;
}
