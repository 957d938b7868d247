#define _POSIX_C_SOURCE 200809L
#include "store_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

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

int store_fixture_games(int n, int (*game)(int index, void *ctx), void *ctx)
{
    pid_t pid[64];
    if (n < 1 || n > 64)
        return -1;
    int started = 0, failed = 0;
    for (; started < n; started++) {
        pid[started] = fork();
        if (pid[started] < 0)
            break;
        if (pid[started] == 0)
            _exit(game(started, ctx) == 0 ? 0 : 1);
    }
    for (int g = 0; g < started; g++) {
        int st = 0;
        if (waitpid(pid[g], &st, 0) != pid[g] || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
            failed++;
    }
    return started < n ? -1 : failed;
}
