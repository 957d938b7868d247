#include <string.h>

#include "app.h"
#include "oc_util.h"
#include "session_scene.h"

void session_protocols_dir(const GameOptions *opt, char *out, size_t cap)
{
    if (opt->protocols_dir[0]) {
        oc_strlcpy(out, opt->protocols_dir, cap);
        return;
    }
    /* the shipped protocols sit beside the Academy's levels: levels/protocols */
    GameOptions plain;
    options_defaults(&plain);
    char levels[OC_PATH_MAX];
    app_levels_dir(&plain, levels, sizeof levels);
    size_t n = strlen(levels);
    const char *tail = "academy";
    if (n >= strlen(tail) && strcmp(levels + n - strlen(tail), tail) == 0)
        levels[n - strlen(tail)] = '\0';
    snprintf(out, cap, "%sprotocols", levels);
}
