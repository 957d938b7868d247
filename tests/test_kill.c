/* Kill test (issue 13): a writer (kill_writer) saves sets and Academy attempts in a loop; it is killed
 * with SIGKILL at a random moment, over and over (OC_KILL_RUNS, default 120). After each kill the file
 * must pass PRAGMA integrity_check, every set and attempt the child reported committed must be there,
 * nothing may be set aside, and the next open marks the killed session interrupted.
 * Usage: test_kill KILL_WRITER */
#define _GNU_SOURCE /* memmem */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "oc_rng.h"
#include "oc_util.h"
#include "store.h"

static int failures;
#define CHECK(cond, ...)                                                                                          \
    do {                                                                                                          \
        if (!(cond)) {                                                                                            \
            fprintf(stderr, "test_kill: " __VA_ARGS__);                                                            \
            fputc('\n', stderr);                                                                                  \
            failures++;                                                                                           \
        }                                                                                                         \
    } while (0)

static int count(sqlite3 *db, const char *sql, int64_t a, const char *t)
{
    sqlite3_stmt *q;
    int n = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(q, 1, a);
    if (t)
        sqlite3_bind_text(q, 2, t, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(q, 2);
    if (sqlite3_step(q) == SQLITE_ROW)
        n = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    return n;
}

static void sleep_us(long us)
{
    struct timespec ts = {us / 1000000, (us % 1000000) * 1000};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_kill KILL_WRITER\n");
        return 2;
    }
    const char *env = getenv("OC_KILL_RUNS");
    long runs = 120;
    if (env && (!oc_parse_long(env, &runs) || runs < 1))
        runs = 120;
    /* SIGKILL tests the process dying, not the power failing: the page cache survives it, so a tmpfs
     * (/dev/shm, where fsync costs nothing) tests the same thing ~100x faster than a disk */
    char dir[64];
    snprintf(dir, sizeof dir, "/dev/shm/oc-kill-XXXXXX");
    if (!mkdtemp(dir)) {
        snprintf(dir, sizeof dir, "/tmp/oc-kill-XXXXXX");
        if (!mkdtemp(dir))
            return 1;
    }
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, STORE_FILE);
    Rng rng;
    rng_seed(&rng, 0x6b696c6cULL ^ (uint64_t)getpid());
    long total_sets = 0, total_attempts = 0, interrupted = 0, killed_before_open = 0;
    long sets_cap = 4096;
    for (long run = 0; run < runs; run++) {
        int fds[2];
        if (pipe(fds) != 0)
            return 1;
        pid_t pid = fork();
        if (pid == 0) {
            dup2(fds[1], 1);
            close(fds[0]);
            close(fds[1]);
            char seed[32];
            snprintf(seed, sizeof seed, "%ld", run);
            execl(argv[1], argv[1], path, seed, (char *)NULL);
            _exit(127);
        }
        close(fds[1]);
        /* Most runs wait until the writer has opened the store (a sanitizer build starts slowly), then
         * kill it 0.5..40 ms later: inside a BEGIN, a COMMIT or a journal write. One run in eight kills
         * it at a random moment from its start instead: during the open or the schema's creation. */
        static char out[1 << 20];
        size_t got = 0;
        bool early = rng_next(&rng) % 8 == 0;
        if (early) {
            sleep_us((long)(rng_next(&rng) % 20000));
        } else {
            struct pollfd pf = {.fd = fds[0], .events = POLLIN};
            for (int waited = 0; waited < 10000 && !memmem(out, got, "open\n", 5); ) {
                if (poll(&pf, 1, 10) > 0) {
                    ssize_t r = read(fds[0], out + got, sizeof out - 1 - got);
                    if (r <= 0)
                        break;
                    got += (size_t)r;
                } else {
                    waited += 10;
                }
            }
            sleep_us(500 + (long)(rng_next(&rng) % 39500));
        }
        kill(pid, SIGKILL);
        int status;
        waitpid(pid, &status, 0);
        CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "run %ld: the writer ended before the kill", run);
        for (ssize_t r; (r = read(fds[0], out + got, sizeof out - 1 - got)) > 0;)
            got += (size_t)r;
        close(fds[0]);
        out[got] = '\0';
        /* what the child said it had committed */
        int64_t sessions[64];
        int nsessions = 0;
        struct {
            int64_t session;
            int idx;
        } sets[4096];
        int nsets = 0;
        char attempts[1024][48];
        int nattempts = 0;
        bool opened = false;
        for (char *line = out, *nl; *line; line = nl + 1) {
            nl = strchr(line, '\n');
            if (!nl)
                break; /* a line cut by the kill was not reported */
            *nl = '\0';
            long long a;
            int k;
            char lvl[48];
            if (strcmp(line, "open") == 0)
                opened = true;
            else if (sscanf(line, "session %lld", &a) == 1 && nsessions < 64)
                sessions[nsessions++] = a;
            else if (sscanf(line, "set %lld %d", &a, &k) == 2 && nsets < sets_cap)
                sets[nsets].session = a, sets[nsets++].idx = k;
            else if (sscanf(line, "attempt %lld %47s", &a, lvl) == 2 && nattempts < 1024)
                oc_strlcpy(attempts[nattempts++], lvl, sizeof attempts[0]);
        }
        if (!opened)
            killed_before_open++;
        char aside[200];
        snprintf(aside, sizeof aside, "%s.corrupt-1", path);
        CHECK(!oc_file_exists(aside), "run %ld: the database was set aside", run);
        if (!oc_file_exists(path))
            continue;
        /* a plain connection, as any program would: it also rolls back a hot journal */
        sqlite3 *db;
        CHECK(sqlite3_open(path, &db) == SQLITE_OK, "run %ld: cannot open", run);
        sqlite3_stmt *q;
        const char *ok = NULL;
        if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &q, NULL) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
            ok = (const char *)sqlite3_column_text(q, 0);
        CHECK(ok && strcmp(ok, "ok") == 0, "run %ld: integrity_check says %s", run, ok ? ok : "(nothing)");
        sqlite3_finalize(q);
        for (int i = 0; i < nsets; i++) {
            sqlite3_stmt *c;
            int n = -1;
            if (sqlite3_prepare_v2(db, "SELECT count(*) FROM sets WHERE session_id=?1 AND idx=?2", -1, &c, NULL) ==
                SQLITE_OK) {
                sqlite3_bind_int64(c, 1, sets[i].session);
                sqlite3_bind_int(c, 2, sets[i].idx);
                if (sqlite3_step(c) == SQLITE_ROW)
                    n = sqlite3_column_int(c, 0);
            }
            sqlite3_finalize(c);
            CHECK(n == 1, "run %ld: committed set %d of session %lld is missing", run, sets[i].idx,
                  (long long)sets[i].session);
        }
        for (int i = 0; i < nattempts; i++)
            CHECK(count(db, "SELECT count(*) FROM academy_attempts WHERE ?1=?1 AND level_id=?2", 0, attempts[i]) == 1,
                  "run %ld: committed attempt %s is missing", run, attempts[i]);
        sqlite3_close(db);
        total_sets += nsets;
        total_attempts += nattempts;
        /* the next start marks what was running as interrupted, and keeps its sets */
        char msg[1400];
        Store *s = store_open(path, msg, sizeof msg);
        CHECK(s != NULL, "run %ld: store_open: %s", run, msg);
        CHECK(!strstr(msg, "corrupt"), "run %ld: %s", run, msg);
        interrupted += store_interrupted_on_open(s);
        store_close(s);
        (void)sessions;
    }
    /* the whole file once more, through the store, and what it holds */
    sqlite3 *db;
    int all_sets = -1, running = -1;
    if (sqlite3_open(path, &db) == SQLITE_OK) {
        sqlite3_stmt *q;
        if (sqlite3_prepare_v2(db, "SELECT (SELECT count(*) FROM sets), (SELECT count(*) FROM sessions WHERE "
                                   "status='running')", -1, &q, NULL) == SQLITE_OK &&
            sqlite3_step(q) == SQLITE_ROW) {
            all_sets = sqlite3_column_int(q, 0);
            running = sqlite3_column_int(q, 1);
        }
        sqlite3_finalize(q);
        sqlite3_close(db);
    }
    CHECK(running == 0, "%d sessions still marked running after the last open", running);
    CHECK(all_sets >= total_sets, "fewer sets in the file (%d) than committed (%ld)", all_sets, total_sets);
    CHECK(total_sets > runs, "the writer committed only %ld sets in %ld runs: the kill test tested little",
          total_sets, runs);
    printf("kill test: %ld runs, %ld killed before the store had opened, %ld committed sets and %ld attempts "
           "checked, %ld sessions marked interrupted, %d sets in the file, %d failures\n",
           runs, killed_before_open, total_sets, total_attempts, interrupted, all_sets, failures);
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        return 1;
    return failures ? 1 : 0;
}
