/* The game's flag parser: every flag, good and bad values, messages that name the flag. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "body_part.h"
#include "options_fixture.h"

#define BODY_CALF_ID ((int)BODY_CALF)

static void test_defaults(void **state)
{
    (void)state;
    GameOptions o;
    char err[256];
    assert_int_equal(options_fixture_parse(&o, err, sizeof err, 0), 0);
    assert_false(o.fullscreen);
    assert_false(o.headless);
    assert_int_equal(o.display, -1);
    assert_int_equal(o.scene, SCENE_TITLE);
    assert_string_equal(o.data_dir, "");
}

static void test_good_flags(void **state)
{
    (void)state;
    GameOptions o;
    char err[256];
    assert_int_equal(options_fixture_parse(&o, err, sizeof err, 11, "--headless", "--scene", "settings", "--size",
                                           "3840x2160", "--frames", "7", "--screenshot", "/tmp/x.png",
                                           "--data-dir=/tmp/d", "--mute"),
                     0);
    assert_true(o.headless);
    assert_true(o.mute);
    assert_int_equal(o.scene, SCENE_SETTINGS);
    assert_int_equal(o.size_w, 3840);
    assert_int_equal(o.size_h, 2160);
    assert_int_equal(o.frames, 7);
    assert_string_equal(o.screenshot, "/tmp/x.png");
    assert_string_equal(o.data_dir, "/tmp/d");

    assert_int_equal(
        options_fixture_parse(&o, err, sizeof err, 5, "--windowed", "1280x720", "--display", "1", "--font=/f.ttf"), 0);
    assert_true(o.windowed);
    assert_int_equal(o.win_w, 1280);
    assert_int_equal(o.win_h, 720);
    assert_int_equal(o.display, 1);
    assert_string_equal(o.font_path, "/f.ttf");

    /* --check-levels takes an optional folder: not the next flag */
    assert_int_equal(options_fixture_parse(&o, err, sizeof err, 2, "--check-levels", "--mute"), 0);
    assert_true(o.check_levels);
    assert_true(o.mute);
    assert_string_equal(o.levels_dir, "");
    assert_int_equal(options_fixture_parse(&o, err, sizeof err, 2, "--check-levels", "my/levels"), 0);
    assert_string_equal(o.levels_dir, "my/levels");
    assert_int_equal(options_fixture_parse(&o, err, sizeof err, 1, "--check-levels=x"), 0);
    assert_string_equal(o.levels_dir, "x");
    assert_int_equal(options_fixture_parse(&o, err, sizeof err, 2, "--levels", "/l"), 0);
    assert_false(o.check_levels);
    assert_string_equal(o.levels_dir, "/l");
    assert_int_equal(options_fixture_parse(&o, err, sizeof err, 1, "--check-levels="), -1);
    assert_non_null(strstr(err, "--check-levels"));
    assert_int_equal(options_fixture_parse(&o, err, sizeof err, 1, "--levels"), -1);
    assert_non_null(strstr(err, "--levels: missing value"));

    assert_int_equal(options_fixture_parse(&o, err, sizeof err, 2, "--fullscreen", "--version"), 0);
    assert_true(o.fullscreen);
    assert_true(o.version);
    assert_int_equal(options_fixture_parse(&o, err, sizeof err, 1, "--help"), 0);
    assert_true(o.help);
}

/* Each bad input must fail and the message must name the flag. */
static void expect_bad(int n, char *a, char *b, const char *must_contain)
{
    GameOptions o;
    char err[256];
    int rc = options_fixture_parse(&o, err, sizeof err, n, a, b); /* with n = 1, b is not read */
    assert_int_equal(rc, -1);
    if (!strstr(err, must_contain))
        fail_msg("message '%s' does not mention '%s'", err, must_contain);
}

static void test_bad_flags(void **state)
{
    (void)state;
    expect_bad(1, "--bogus", NULL, "--bogus");
    expect_bad(1, "-x", NULL, "-x");
    expect_bad(2, "--windowed", "100x100", "--windowed");
    expect_bad(2, "--windowed", "1280", "640x360");
    expect_bad(2, "--windowed", "1280x720x3", "--windowed");
    expect_bad(2, "--windowed", "axb", "--windowed");
    expect_bad(1, "--windowed", NULL, "missing value");
    expect_bad(2, "--display", "16", "0 to 15");
    expect_bad(2, "--display", "-1", "--display");
    expect_bad(2, "--display", "one", "--display");
    expect_bad(2, "--frames", "0", "--frames");
    expect_bad(2, "--frames", "100001", "--frames");
    expect_bad(2, "--frames", "3.5", "--frames");
    expect_bad(2, "--scene", "arena", "title, lab");
    expect_bad(2, "--size", "9000x9000", "--size");
    expect_bad(2, "--data-dir", "", "empty");
    expect_bad(1, "--mute=yes", NULL, "takes no value");
    expect_bad(2, "--fullscreen", "--windowed=1280x720", "choose one");
    expect_bad(2, "--screenshot", "/tmp/a.png", "--headless");
}

/* The Muscle Lab's flags: the command-line contract of issue 11. */
static void test_lab_flags(void **state)
{
    (void)state;
    GameOptions o;
    char err[256];
    assert_int_equal(options_fixture_parse(&o, err, sizeof err, 0), 0);
    assert_false(o.lab_demo);
    assert_int_equal(o.lab_part, -1);
    assert_true(o.lab_cuff);
    assert_false(o.lab_side);
    assert_true(o.lab_at == 0.0);
    assert_int_equal(options_fixture_parse(&o, err, sizeof err, 12, "--headless", "--scene", "lab", "--demo", "--limb",
                                           "calf", "--lab-cuff", "off", "--at", "275.5", "--lab-view", "side"),
                     0);
    assert_true(o.lab_demo);
    assert_int_equal(o.lab_part, BODY_CALF_ID);
    assert_false(o.lab_cuff);
    assert_true(o.lab_side);
    assert_true(o.lab_at == 275.5);
    const char *parts[] = {"arm", "forearm", "thigh", "calf", "shoulder"};
    for (int i = 0; i < 5; i++) {
        assert_int_equal(
            options_fixture_parse(&o, err, sizeof err, 4, "--scene=lab", "--limb", parts[i], "--lab-cuff=on"), 0);
        assert_int_equal(o.lab_part, i);
        assert_true(o.lab_cuff);
    }
    assert_int_equal(options_fixture_parse(&o, err, sizeof err, 3, "--scene", "lab", "--at=3600"), 0);
    assert_true(o.lab_at == 3600.0);
}

static void expect_bad_lab(char *flag, char *value, const char *must_contain)
{
    GameOptions o;
    char err[256];
    int rc = options_fixture_parse(&o, err, sizeof err, value ? 4 : 3, "--scene", "lab", flag, value);
    assert_int_equal(rc, -1);
    if (!strstr(err, must_contain))
        fail_msg("message '%s' does not mention '%s'", err, must_contain);
}

static void test_lab_bad_flags(void **state)
{
    (void)state;
    expect_bad_lab("--limb", "chest", "--limb: 'chest' is not one of arm, forearm, thigh, calf, shoulder");
    expect_bad_lab("--limb", "", "--limb");
    expect_bad_lab("--limb", NULL, "--limb: missing value");
    expect_bad_lab("--lab-cuff", "yes", "--lab-cuff: 'yes' is not on or off");
    expect_bad_lab("--lab-cuff", NULL, "--lab-cuff: missing value");
    expect_bad_lab("--lab-view", "double", "--lab-view: 'double' is not single or side");
    expect_bad_lab("--at", "-1", "--at: '-1' is not a number of seconds from 0 to 3600");
    expect_bad_lab("--at", "3600.5", "--at");
    expect_bad_lab("--at", "ten", "--at");
    expect_bad_lab("--at", "nan", "--at");
    expect_bad_lab("--at", NULL, "--at: missing value");
    expect_bad_lab("--demo=1", NULL, "takes no value");
    /* the lab's flags mean nothing elsewhere */
    GameOptions o;
    char err[256];
    assert_int_equal(options_fixture_parse(&o, err, sizeof err, 1, "--demo"), -1);
    assert_non_null(strstr(err, "only with --scene lab"));
    assert_int_equal(options_fixture_parse(&o, err, sizeof err, 4, "--scene", "academy", "--limb", "arm"), -1);
    assert_non_null(strstr(err, "only with --scene lab"));
}

static void test_scene_names_round_trip(void **state)
{
    (void)state;
    for (int i = 0; i < SCENE_COUNT; i++)
        assert_int_equal(scene_from_name(scene_name((SceneId)i)), i);
    assert_int_equal(scene_from_name("nope"), -1);
}

/* The room's flags (issue 15): --room, --room-port PORT (8787), --room-code NNNN (random), --room-bind,
 * --classroom. */
static void test_room_flags(void **state)
{
    (void)state;
    GameOptions o;
    char err[256];
    assert_int_equal(options_fixture_parse(&o, err, sizeof err, 0), 0);
    assert_false(o.room);
    assert_false(o.classroom);
    assert_int_equal(o.room_port, 8787);
    assert_string_equal(o.room_code, "");
    assert_string_equal(o.room_bind, "");
    assert_int_equal(options_fixture_parse(&o, err, sizeof err, 8, "--classroom", "--room", "--room-port", "18787",
                                           "--room-code", "0427", "--room-bind", "127.0.0.1"),
                     0);
    assert_true(o.room);
    assert_true(o.classroom);
    assert_int_equal(o.room_port, 18787);
    assert_string_equal(o.room_code, "0427");
    assert_string_equal(o.room_bind, "127.0.0.1");
    assert_int_equal(options_fixture_parse(&o, err, sizeof err, 1, "--room-port=9000"), 0);
    assert_int_equal(o.room_port, 9000);
    expect_bad(2, "--room-port", "80", "1024 to 65535");
    expect_bad(2, "--room-port", "65536", "--room-port");
    expect_bad(2, "--room-port", "8787x", "--room-port");
    expect_bad(1, "--room-port", NULL, "missing value");
    expect_bad(2, "--room-code", "123", "4 digits");
    expect_bad(2, "--room-code", "12345", "4 digits");
    expect_bad(2, "--room-code", "12a4", "--room-code");
    expect_bad(2, "--room-bind", "my-laptop", "IPv4");
    expect_bad(1, "--room=yes", NULL, "takes no value");
    expect_bad(1, "--classroom=1", NULL, "takes no value");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_good_flags),
        cmocka_unit_test(test_bad_flags),
        cmocka_unit_test(test_scene_names_round_trip),
        cmocka_unit_test(test_lab_flags),
        cmocka_unit_test(test_lab_bad_flags),
        cmocka_unit_test(test_room_flags),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
