/* The guided session's flags: --protocol, --autoplay, --athletes, --time-scale, --check-protocols. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "options_fixture.h"

static void test_session_flags(void **state)
{
    (void)state;
    GameOptions o;
    char err[256];
    assert_int_equal(options_fixture_parse(&o, err, sizeof err, 0), 0);
    assert_false(o.autoplay);
    assert_int_equal(o.athletes, 0);
    assert_true(o.time_scale == 1.0);
    assert_int_equal(options_fixture_parse(&o, err, sizeof err, 9, "--headless", "--scene", "session", "--protocol",
                                           "p.json", "--autoplay", "--athletes", "12", "--time-scale=25.5"),
                     0);
    assert_true(o.autoplay);
    assert_int_equal(o.athletes, 12);
    assert_true(o.time_scale == 25.5);
    assert_string_equal(o.protocol, "p.json");
    assert_int_equal(o.scene, SCENE_SESSION);
}

static void test_check_protocols_optional_dir(void **state)
{
    (void)state;
    GameOptions o;
    char err[256];
    assert_int_equal(options_fixture_parse(&o, err, sizeof err, 1, "--check-protocols"), 0);
    assert_true(o.check_protocols);
    assert_string_equal(o.protocols_dir, "");
    assert_int_equal(options_fixture_parse(&o, err, sizeof err, 2, "--check-protocols", "some/dir"), 0);
    assert_string_equal(o.protocols_dir, "some/dir");
    assert_int_equal(options_fixture_parse(&o, err, sizeof err, 2, "--check-protocols", "--headless"), 0);
    assert_string_equal(o.protocols_dir, "");
    assert_true(o.headless);
    assert_int_equal(options_fixture_parse(&o, err, sizeof err, 1, "--check-protocols="), -1);
    assert_non_null(strstr(err, "--check-protocols: the folder path is empty"));
}

static void test_bad_values_named(void **state)
{
    (void)state;
    GameOptions o;
    char err[256];
    assert_int_equal(options_fixture_parse(&o, err, sizeof err, 2, "--athletes", "13"), -1);
    assert_non_null(strstr(err, "--athletes: '13' is not a whole number from 1 to 12"));
    assert_int_equal(options_fixture_parse(&o, err, sizeof err, 2, "--athletes", "0"), -1);
    assert_int_equal(options_fixture_parse(&o, err, sizeof err, 2, "--athletes", "3x"), -1);
    assert_int_equal(options_fixture_parse(&o, err, sizeof err, 2, "--time-scale", "0"), -1);
    assert_non_null(strstr(err, "--time-scale: '0' is not a number from 0.1 to 1000"));
    assert_int_equal(options_fixture_parse(&o, err, sizeof err, 2, "--time-scale", "nan"), -1);
    assert_int_equal(options_fixture_parse(&o, err, sizeof err, 2, "--time-scale", "1e9"), -1);
    assert_int_equal(options_fixture_parse(&o, err, sizeof err, 1, "--protocol"), -1);
    assert_non_null(strstr(err, "--protocol: missing value"));
    assert_int_equal(options_fixture_parse(&o, err, sizeof err, 1, "--autoplay=yes"), -1);
    assert_non_null(strstr(err, "--autoplay: takes no value"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_session_flags),
        cmocka_unit_test(test_check_protocols_optional_dir),
        cmocka_unit_test(test_bad_values_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
