/* Settings: round trip through the file, corrupt and half-bad files, missing files. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "oc_util.h"
#include "settings.h"
#include "unprivileged.h"

static char dir[256];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/oc-settings-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void path(char *out, const char *name)
{
    oc_path_join(out, 512, dir, name);
}

static void write_text(const char *p, const char *text)
{
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_round_trip(void **state)
{
    (void)state;
    char p[512], err[256];
    path(p, "settings.json");
    Settings a = {.volume = 30, .mute = true, .fullscreen = true, .reduced_motion = true, .colorblind = true};
    assert_int_equal(settings_save(&a, p, err, sizeof err), 0);
    Settings b;
    assert_int_equal(settings_load(&b, p, err, sizeof err), SETTINGS_LOADED);
    assert_memory_equal(&a, &b, sizeof a);
    /* and with every flag the other way */
    Settings c = {.volume = 100};
    assert_int_equal(settings_save(&c, p, err, sizeof err), 0);
    assert_int_equal(settings_load(&b, p, err, sizeof err), SETTINGS_LOADED);
    assert_memory_equal(&c, &b, sizeof c);
}

static void test_missing_gives_defaults(void **state)
{
    (void)state;
    char p[512], err[256];
    path(p, "nope.json");
    Settings s, d;
    settings_defaults(&d);
    s.volume = -5;
    assert_int_equal(settings_load(&s, p, err, sizeof err), SETTINGS_MISSING);
    assert_memory_equal(&s, &d, sizeof s);
}

static void test_corrupt_file_is_reported_and_kept_aside(void **state)
{
    (void)state;
    static const char *const garbage[] = {"{\"version\": 1, \"volume\": ", "not json at all", "[1,2,3]",
                                          "{\"volume\": 50}", "{\"version\": 99}", "\x01\x02\xff", ""};
    for (size_t i = 0; i < OC_ARRAY_LEN(garbage); i++) {
        char p[512], aside[600], err[256] = "";
        path(p, "settings.json");
        write_text(p, garbage[i]);
        Settings s, d;
        settings_defaults(&d);
        assert_int_equal(settings_load(&s, p, err, sizeof err), SETTINGS_CORRUPT);
        assert_memory_equal(&s, &d, sizeof s);
        assert_non_null(strstr(err, p)); /* the message names the file */
        /* numbered copies: the second bad file never replaces the first */
        snprintf(aside, sizeof aside, "%s.corrupt-%zu", p, i + 1);
        assert_true(oc_file_exists(aside));
        assert_false(oc_file_exists(p));
    }
    for (size_t i = 0; i < OC_ARRAY_LEN(garbage); i++) {
        char p[512], aside[600], err[256] = "";
        path(p, "settings.json");
        snprintf(aside, sizeof aside, "%s.corrupt-%zu", p, i + 1);
        size_t len = 0;
        char *kept = oc_read_file(aside, &len, err, sizeof err);
        assert_non_null(kept);
        assert_int_equal(len, strlen(garbage[i]));
        assert_memory_equal(kept, garbage[i], len);
        free(kept);
        remove(aside);
    }
}

static void test_bad_keys_are_repaired_one_by_one(void **state)
{
    (void)state;
    char err[256];
    Settings s;
    assert_int_equal(settings_from_json(&s, "{\"version\":1,\"volume\":250,\"mute\":true}", "x.json", err, sizeof err),
                     SETTINGS_REPAIRED);
    assert_int_equal(s.volume, 80); /* default kept */
    assert_true(s.mute);           /* good key still read */
    assert_non_null(strstr(err, "\"volume\""));
    assert_int_equal(settings_from_json(&s, "{\"version\":1,\"fullscreen\":\"yes\"}", "x.json", err, sizeof err),
                     SETTINGS_REPAIRED);
    assert_false(s.fullscreen);
    assert_non_null(strstr(err, "\"fullscreen\""));
    assert_int_equal(settings_from_json(&s, "{\"version\":1,\"volume\":12.5}", "x.json", err, sizeof err),
                     SETTINGS_REPAIRED);
    assert_int_equal(settings_from_json(&s, "{\"version\":1,\"unknown\":1}", "x.json", err, sizeof err),
                     SETTINGS_LOADED);
}

static void test_atomic_write_leaves_no_temp(void **state)
{
    (void)state;
    char p[512], tmp[600], err[256];
    path(p, "a.txt");
    assert_int_equal(oc_write_file_atomic(p, "hello", 5, err, sizeof err), 0);
    snprintf(tmp, sizeof tmp, "%s.tmp", p);
    assert_false(oc_file_exists(tmp));
    size_t n = 0;
    char *text = oc_read_file(p, &n, err, sizeof err);
    assert_non_null(text);
    assert_int_equal(n, 5);
    assert_string_equal(text, "hello");
    free(text);
    assert_int_equal(oc_write_file_atomic("/nonexistent-dir/x", "a", 1, err, sizeof err), -1);
    assert_non_null(strstr(err, "/nonexistent-dir/x"));
}

static void test_number_parsers(void **state)
{
    (void)state;
    double d;
    long l;
    int w, h;
    assert_true(oc_parse_double("12.5", &d));
    assert_true(d == 12.5);
    assert_false(oc_parse_double("12.5x", &d));
    assert_false(oc_parse_double("nan", &d));
    assert_false(oc_parse_double("inf", &d));
    assert_false(oc_parse_double("", &d));
    assert_true(oc_parse_long("-3", &l));
    assert_int_equal(l, -3);
    assert_false(oc_parse_long("3.0", &l));
    assert_false(oc_parse_long("99999999999999999999999", &l));
    assert_true(oc_parse_size("1280x720", &w, &h));
    assert_int_equal(w, 1280);
    assert_false(oc_parse_size("x720", &w, &h));
    assert_false(oc_parse_size("1280x", &w, &h));
    assert_false(oc_parse_size("-1x5", &w, &h));
    /* strtod/strtol would take these; a flag must not */
    assert_false(oc_parse_double("0x10", &d));
    assert_false(oc_parse_double("+5", &d));
    assert_false(oc_parse_double(" 5", &d));
    assert_false(oc_parse_double("infinity", &d));
    assert_false(oc_parse_double("1e", &d));
    assert_false(oc_parse_double(".", &d));
    assert_true(oc_parse_double("-0.5e2", &d));
    assert_true(d == -50.0);
    assert_true(oc_parse_double(".5", &d));
    assert_false(oc_parse_long("0x10", &l));
    assert_false(oc_parse_long("+3", &l));
    assert_false(oc_parse_long(" 3", &l));
    assert_false(oc_parse_size("+1920x+1080", &w, &h));
    assert_false(oc_parse_size("1920x+1080", &w, &h));
    assert_false(oc_parse_size("0x780x1080", &w, &h));
}

static int load_expect_unreadable(const char *p)
{
    Settings s, d;
    char msg[512];
    settings_defaults(&d);
    if (settings_load(&s, p, msg, sizeof msg) != SETTINGS_UNREADABLE)
        return 1;
    if (memcmp(&s, &d, sizeof s) != 0 || !strstr(msg, p))
        return 2;
    return 0;
}

static void test_unreadable_file_is_kept(void **state)
{
    (void)state;
    char p[512], aside[600], err[256];
    chmod(dir, 0755);
    path(p, "settings.json");
    const char *mine = "{\"version\": 1, \"volume\": 12}";
    write_text(p, mine);
    chmod(p, 0000);
    assert_int_equal(unprivileged_run(load_expect_unreadable, p), 0);
    snprintf(aside, sizeof aside, "%s.corrupt-1", p);
    assert_false(oc_file_exists(aside)); /* not moved */
    chmod(p, 0644);
    size_t n = 0;
    char *text = oc_read_file(p, &n, err, sizeof err);
    assert_non_null(text);
    assert_string_equal(text, mine); /* not replaced */
    free(text);
}

static void test_fifo_is_never_opened_for_reading(void **state)
{
    (void)state;
    char p[512];
    path(p, "settings.json");
    assert_int_equal(mkfifo(p, 0644), 0);
    alarm(10); /* a blocking open would hang here; the alarm fails the test instead */
    assert_int_equal(load_expect_unreadable(p), 0);
    alarm(0);
    struct stat sb;
    assert_int_equal(lstat(p, &sb), 0);
    assert_true(S_ISFIFO(sb.st_mode)); /* left as it is */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_gives_defaults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_corrupt_file_is_reported_and_kept_aside, setup, teardown),
        cmocka_unit_test(test_bad_keys_are_repaired_one_by_one),
        cmocka_unit_test_setup_teardown(test_atomic_write_leaves_no_temp, setup, teardown),
        cmocka_unit_test(test_number_parsers),
        cmocka_unit_test_setup_teardown(test_unreadable_file_is_kept, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fifo_is_never_opened_for_reading, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
