/* Text that must not get through (issue 13, items 8 and 9): overlong UTF-8, encoded surrogates, NUL inside
 * JSON strings, trailing junk after a level's JSON, names of invisible characters, and more level files
 * than the level map holds. */
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

#include "academy.h"
#include "oc_util.h"

static char last[1400];
static void keep_last(void *ctx, const char *line)
{
    (void)ctx;
    oc_strlcpy(last, line, sizeof last);
}

#define LEVEL_HEAD "{\"version\": 1, \"id\": \"t\", \"title\": \""
#define LEVEL_TAIL                                                                                               \
    "\", \"questions\": [{\"id\": \"q1\", \"kind\": \"truefalse\", \"prompt\": \"Is it?\", \"answer\": true,"    \
    " \"explain\": \"Yes.\"}]}"

static int parse_with_title(const char *title, const char *after)
{
    char text[2048];
    snprintf(text, sizeof text, LEVEL_HEAD "%s" LEVEL_TAIL "%s", title, after);
    Level *lv = calloc(1, sizeof *lv);
    last[0] = '\0';
    int errs = academy_parse_level(text, strlen(text), "t.json", lv, keep_last, NULL);
    free(lv);
    return errs;
}

static void a_plain_level_parses(void **state)
{
    (void)state;
    assert_int_equal(parse_with_title("A title with \\\"quotes\\\" and \xc3\xa9", "\n"), 0);
    assert_int_equal(parse_with_title("Escaped \\\\u0000 is only text", ""), 0); /* a backslash, then u0000 */
    assert_int_equal(parse_with_title("An emoji \\ud83d\\ude00", "  \r\n"), 0);
}

static void bad_text_is_refused_with_where(void **state)
{
    (void)state;
    assert_int_equal(parse_with_title("ab\\u0000cd", ""), 1);
    assert_non_null(strstr(last, "t.json"));
    assert_non_null(strstr(last, "u0000"));
    assert_int_equal(parse_with_title("overlong \xc0\xaf slash", ""), 1);
    assert_non_null(strstr(last, "UTF-8"));
    assert_int_equal(parse_with_title("overlong \xe0\x80\xaf slash", ""), 1);
    assert_int_equal(parse_with_title("surrogate \xed\xa0\x80 here", ""), 1);
    assert_int_equal(parse_with_title("above U+10FFFF \xf4\x90\x80\x80", ""), 1);
    assert_int_equal(parse_with_title("lone escaped surrogate \\ud800", ""), 1);
    assert_int_equal(parse_with_title("fine", "\n{\"another\": 1}"), 1);
    assert_non_null(strstr(last, "after the level's JSON"));
    assert_int_equal(parse_with_title("fine", " junk"), 1);
    char text[256];
    int n = snprintf(text, sizeof text, LEVEL_HEAD "a" LEVEL_TAIL);
    text[n++] = '\0'; /* a NUL byte after the JSON */
    text[n++] = 'x';
    Level *lv = calloc(1, sizeof *lv);
    assert_true(academy_parse_level(text, (size_t)n, "t.json", lv, keep_last, NULL) > 0);
    free(lv);
}

static void utf8_rules(void **state)
{
    (void)state;
    assert_true(oc_utf8_valid("Ren\xc3\xa9", 5));
    assert_true(oc_utf8_valid("\xf0\x9f\x98\x80", 4));
    assert_false(oc_utf8_valid("\xc0\x80", 2)); /* overlong NUL */
    assert_false(oc_utf8_valid("\xed\xbf\xbf", 3));
    assert_false(oc_utf8_valid("\xe2\x82", 2)); /* cut short */
    assert_false(oc_utf8_valid("\x80", 1));
    assert_int_equal(oc_utf8_invalid_at("ab\xff", 3), 2);
    char typed[16] = "a\xc3\xa9\xf0\x9f\x92\xaa"; /* "a", e acute, a flexed biceps */
    oc_utf8_drop_last(typed);
    assert_string_equal(typed, "a\xc3\xa9");
    oc_utf8_drop_last(typed);
    assert_string_equal(typed, "a");
    oc_utf8_drop_last(typed);
    assert_string_equal(typed, "");
    oc_utf8_drop_last(typed); /* nothing left: stays empty */
    assert_string_equal(typed, "");
    char out[40], err[200];
    assert_int_equal(oc_name_clean("\xe2\x80\x8b\xe2\x80\x8c\xe2\x80\x8d\xe2\x81\xa0", out, sizeof out, err, sizeof err),
                     -1);
    assert_int_equal(oc_name_clean("\xc2\xa0\xc2\xa0", out, sizeof out, err, sizeof err), -1);
    assert_int_equal(oc_name_clean("\xe3\x80\x80", out, sizeof out, err, sizeof err), -1); /* ideographic space */
    assert_int_equal(oc_name_clean("a\tb", out, sizeof out, err, sizeof err), -1);
    assert_int_equal(oc_name_clean("\xef\xbb\xbf Rene\xcc\x81 \xe2\x80\x8b", out, sizeof out, err, sizeof err), 0);
    assert_string_equal(out, "Ren\xc3\xa9");
    char k1[80], k2[80];
    assert_int_equal(oc_name_key("\xc3\x89LODIE", k1, sizeof k1), 0);
    assert_int_equal(oc_name_key("\xc3\xa9lodie", k2, sizeof k2), 0);
    assert_string_equal(k1, k2);
    assert_int_equal(oc_name_key("Stra\xc3\x9f" "e", k1, sizeof k1), 0);
    assert_int_equal(oc_name_key("STRASSE", k2, sizeof k2), 0);
    assert_string_equal(k1, k2); /* full case folding */
}

static void levels_past_the_map_are_refused_by_name(void **state)
{
    (void)state;
    char dir[] = "/tmp/oc-levels-XXXXXX";
    assert_non_null(mkdtemp(dir));
    for (int i = 1; i <= AC_MAP_MAX_LEVELS + 2; i++) {
        char path[128], text[1024], err[200];
        snprintf(path, sizeof path, "%s/%02d-level.json", dir, i);
        int n = snprintf(text, sizeof text,
                         "{\"version\": 1, \"id\": \"level-%d\", \"title\": \"Level %d\", \"questions\": [{\"id\": "
                         "\"q%d\", \"kind\": \"truefalse\", \"prompt\": \"Is it?\", \"answer\": true, \"explain\": "
                         "\"Yes.\"}]}",
                         i, i, i);
        assert_int_equal(oc_write_file_atomic(path, text, (size_t)n, err, sizeof err), 0);
    }
    LevelSet set;
    memset(&set, 0, sizeof set);
    last[0] = '\0';
    academy_load_dir(&set, dir, keep_last, NULL);
    assert_int_equal(set.count, AC_MAP_MAX_LEVELS);
    assert_int_equal(set.skipped, 2);
    assert_non_null(strstr(last, "11-level.json"));
    assert_non_null(strstr(last, "at most 9 levels"));
    academy_free(&set);
    char cmd[80];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_plain_level_parses),
        cmocka_unit_test(bad_text_is_refused_with_where),
        cmocka_unit_test(utf8_rules),
        cmocka_unit_test(levels_past_the_map_are_refused_by_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
