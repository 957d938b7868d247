#define _POSIX_C_SOURCE 200809L
#include "store_fixture.h"

#include <stdio.h>
#include <stdlib.h>

#include "store.h"

int store_fixture_setup(void **state)
{
    StoreFixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/oc-store-XXXXXX");
    if (!mkdtemp(f->dir)) {
        free(f);
        return -1;
    }
    snprintf(f->path, sizeof f->path, "%s/%s", f->dir, STORE_FILE);
    *state = f;
    return 0;
}

int store_fixture_teardown(void **state)
{
    StoreFixture *f = *state;
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        return -1;
    free(f);
    return 0;
}
