/* A fresh temporary folder for each test of the store, removed afterwards (cmocka setup/teardown). */
#ifndef OC_STORE_FIXTURE_H
#define OC_STORE_FIXTURE_H

typedef struct StoreFixture {
    char dir[64];   /* the test's own folder */
    char path[128]; /* <dir>/STORE_FILE, not created */
} StoreFixture;

/* *state becomes a StoreFixture with a new empty folder; -1 if it cannot be made. */
int store_fixture_setup(void **state);
/* Removes the folder and everything in it; -1 if that failed. */
int store_fixture_teardown(void **state);

/* Runs game(index, ctx) in n processes started at once (two games on one data folder); the number of
 * them that did not exit 0 (game's return value), or -1 if a process could not be started. */
int store_fixture_games(int n, int (*game)(int index, void *ctx), void *ctx);

#endif
