/* The game as a whole keeps what it cannot read (issue 13, items 3, 4 and 1): a settings.json that is a
 * FIFO or unreadable is reported and never saved over, and a data dir whose database another program holds
 * exclusively starts the game without moving anything. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "app.h"
#include "oc_util.h"
#include "store.h"
#include "test_app.h"

static App *start_in(const char *dir, char *err, size_t errlen)
{
    GameOptions o;
    options_defaults(&o);
    o.headless = true;
    o.size_w = 640;
    o.size_h = 360;
    o.mute = true;
    oc_strlcpy(o.data_dir, dir, sizeof o.data_dir);
    App *app = calloc(1, sizeof *app);
    if (app_init(app, &o, err, errlen) != 0) {
        free(app);
        return NULL;
    }
    return app;
}

static void stop(App *app)
{
    app_shutdown(app);
    free(app);
}

static void remove_dir(const char *dir)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static void fifo_settings_neither_block_nor_get_replaced(void **state)
{
    (void)state;
    char dir[64], p[300], err[512];
    snprintf(dir, sizeof dir, "/tmp/oc-fifo-XXXXXX");
    assert_non_null(mkdtemp(dir));
    oc_path_join(p, sizeof p, dir, "settings.json");
    assert_int_equal(mkfifo(p, 0644), 0);
    alarm(20); /* a blocking open would hang the start; the alarm turns that into a failure */
    App *app = start_in(dir, err, sizeof err);
    assert_non_null(app);
    test_frame(app);
    assert_non_null(strstr(app->toast, "settings.json"));
    assert_true(app->settings_kept);
    app->settings.volume = 10;
    app_save_settings(app); /* refused, with a toast: the FIFO stays */
    assert_non_null(strstr(app->toast, "not saved"));
    stop(app);
    alarm(0);
    struct stat sb;
    assert_int_equal(lstat(p, &sb), 0);
    assert_true(S_ISFIFO(sb.st_mode));
    remove_dir(dir);
}

static void database_held_by_another_program_is_left_alone(void **state)
{
    (void)state;
    char dir[64], db_path[300], err[512];
    snprintf(dir, sizeof dir, "/tmp/oc-held-XXXXXX");
    assert_non_null(mkdtemp(dir));
    oc_path_join(db_path, sizeof db_path, dir, STORE_FILE);
    char msg[600];
    Store *s = store_open(db_path, msg, sizeof msg);
    int64_t id;
    assert_int_equal(store_add_student(s, "Una", &id, err, sizeof err), 0);
    store_close(s);
    sqlite3 *other;
    assert_int_equal(sqlite3_open(db_path, &other), SQLITE_OK);
    assert_int_equal(sqlite3_exec(other, "BEGIN EXCLUSIVE; INSERT INTO students(name, name_key) VALUES ('Vic','vic');",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    App *app = start_in(dir, err, sizeof err); /* waits the busy timeout, then plays on without saving */
    assert_non_null(app);
    assert_null(app->store);
    assert_non_null(strstr(app->toast, "in use by another program"));
    stop(app);
    assert_int_equal(sqlite3_exec(other, "COMMIT;", NULL, NULL, NULL), SQLITE_OK); /* its work is not lost */
    sqlite3_close(other);
    char aside[320];
    snprintf(aside, sizeof aside, "%s.corrupt-1", db_path);
    assert_false(oc_file_exists(aside));
    s = store_open(db_path, msg, sizeof msg);
    assert_int_equal(store_student_count(s), 2);
    store_close(s);
    remove_dir(dir);
}

static void first_frame_makes_the_daily_backup(void **state)
{
    (void)state;
    char dir[64], err[512];
    snprintf(dir, sizeof dir, "/tmp/oc-backup-XXXXXX");
    assert_non_null(mkdtemp(dir));
    App *app = start_in(dir, err, sizeof err);
    assert_non_null(app);
    char bdir[128], cmd[300];
    snprintf(bdir, sizeof bdir, "%s/backups", dir);
    assert_false(oc_file_exists(bdir)); /* not before the first frame: it never delays the start */
    test_frame(app);
    snprintf(cmd, sizeof cmd, "ls '%s' | grep -qE '^occlusion-coach-[0-9]{4}-[0-9]{2}-[0-9]{2}\\.sqlite3$'", bdir);
    assert_int_equal(system(cmd), 0);
    stop(app);
    remove_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fifo_settings_neither_block_nor_get_replaced),
        cmocka_unit_test(database_held_by_another_program_is_left_alone),
        cmocka_unit_test(first_frame_makes_the_daily_backup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
