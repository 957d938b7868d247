/* occlusion-sim: the occlusion model, run headless over a whole protocol. */
#include <stdio.h>

#include "sim_cli.h"

int main(int argc, char **argv)
{
    int rc = sim_cli_main(argc, argv, stdout, stderr);
    if (fclose(stdout) != 0 && rc == 0) { /* the last bytes can fail only here */
        fputs("occlusion-sim: could not write to standard output (disk full or I/O error)\n", stderr);
        return 1;
    }
    return rc;
}
