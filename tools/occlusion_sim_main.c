/* occlusion-sim: the occlusion model, run headless over a whole protocol. */
#include <stdio.h>

#include "sim_cli.h"

int main(int argc, char **argv)
{
    return sim_cli_main(argc, argv, stdout, stderr);
}
