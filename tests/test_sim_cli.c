/* occlusion-sim's contract: the JSON keys other tools rely on, CSV, and bad input. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "sim_cli.h"

typedef struct Captured {
    int status;
    char out[1 << 16], err[4096];
} Captured;

static Captured cap;

static int call(int n, ...)
{
    char *argv[40] = {"occlusion-sim"};
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++)
        argv[i + 1] = va_arg(ap, char *);
    va_end(ap);
    FILE *o = tmpfile(), *e = tmpfile();
    assert_non_null(o);
    assert_non_null(e);
    cap.status = sim_cli_main(n + 1, argv, o, e);
    rewind(o);
    rewind(e);
    size_t no = fread(cap.out, 1, sizeof cap.out - 1, o), ne = fread(cap.err, 1, sizeof cap.err - 1, e);
    cap.out[no] = '\0';
    cap.err[ne] = '\0';
    fclose(o);
    fclose(e);
    return cap.status;
}

static void test_json_contract(void **state)
{
    (void)state;
    assert_int_equal(call(3, "--json", "--limb", "leg"), 0);
    cJSON *j = cJSON_Parse(cap.out);
    assert_non_null(j);
    static const char *const numbers[] = {"aop_mmhg", "cuff_mmhg", "aop_percent", "total_reps", "arterial_inflow_rest",
                                          "venous_outflow_rest", "peak_swelling_percent", "min_ph", "peak_lactate_mmol",
                                          "min_pcr_mm", "min_oxygen_saturation", "peak_type2_recruitment",
                                          "occlusion_seconds"};
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++)
        if (!cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(j, numbers[i])))
            fail_msg("key %s missing or not a number", numbers[i]);
    cJSON *reps = cJSON_GetObjectItemCaseSensitive(j, "reps_per_set");
    assert_true(cJSON_IsArray(reps));
    assert_int_equal(cJSON_GetArraySize(reps), 4);
    int sum = 0;
    cJSON *it;
    cJSON_ArrayForEach(it, reps) sum += it->valueint;
    assert_int_equal(sum, cJSON_GetObjectItemCaseSensitive(j, "total_reps")->valueint);
    assert_true(cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(j, "flags")));
    /* the default leg protocol runs at 70 % AOP */
    double pct = cJSON_GetObjectItemCaseSensitive(j, "aop_percent")->valuedouble;
    assert_true(pct > 69.9 && pct < 70.1);
    cJSON_Delete(j);
}

static void test_flags_reach_the_json(void **state)
{
    (void)state;
    assert_int_equal(call(5, "--json", "--aop-percent", "110", "--hold", "5"), 0);
    cJSON *j = cJSON_Parse(cap.out);
    assert_non_null(j);
    cJSON *flags = cJSON_GetObjectItemCaseSensitive(j, "flags");
    bool tourniquet = false, tight = false;
    cJSON *it;
    cJSON_ArrayForEach(it, flags)
    {
        tourniquet = tourniquet || strcmp(it->valuestring, "tourniquet") == 0;
        tight = tight || strcmp(it->valuestring, "too_tight") == 0;
    }
    assert_true(tourniquet);
    assert_true(tight);
    assert_true(cJSON_GetObjectItemCaseSensitive(j, "arterial_inflow_rest")->valuedouble == 0.0);
    cJSON_Delete(j);
}

static void test_same_seed_same_result(void **state)
{
    (void)state;
    char a[sizeof cap.out], b[sizeof cap.out];
    assert_int_equal(call(5, "--json", "--tightness", "7", "--seed", "11"), 0);
    strcpy(a, cap.out);
    assert_int_equal(call(5, "--json", "--tightness", "7", "--seed", "11"), 0);
    strcpy(b, cap.out);
    assert_string_equal(a, b);
    assert_int_equal(call(5, "--json", "--tightness", "7", "--seed", "12"), 0);
    assert_string_not_equal(a, cap.out); /* another day, another wrap */
}

static void test_csv(void **state)
{
    (void)state;
    assert_int_equal(call(10, "--csv", "-", "--every", "10", "--sets", "1", "--reps", "5", "--recovery", "20"), 0);
    char *line = cap.out;
    int rows = 0;
    assert_non_null(strstr(cap.out, "t,phase,set,rep,cuff_mmhg,aop_mmhg"));
    while ((line = strchr(line, '\n')) != NULL) {
        line++;
        if (*line)
            rows++;
    }
    /* 30 s hold + 10 s of reps + 20 s recovery, one row per 10 s */
    assert_true(rows >= 5 && rows <= 7);
    assert_non_null(strstr(cap.out, ",hold,"));
    assert_non_null(strstr(cap.out, ",recovery,"));
}

static void test_to_failure_and_lists(void **state)
{
    (void)state;
    assert_int_equal(call(4, "--json", "--to-failure", "--sets", "2"), 0);
    cJSON *j = cJSON_Parse(cap.out);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(j, "reps_per_set")), 2);
    cJSON_Delete(j);
    assert_int_equal(call(3, "--json", "--reps", "12,8,6"), 0);
    j = cJSON_Parse(cap.out);
    cJSON *reps = cJSON_GetObjectItemCaseSensitive(j, "reps_per_set");
    assert_int_equal(cJSON_GetArraySize(reps), 3);
    assert_int_equal(cJSON_GetArrayItem(reps, 0)->valueint, 12);
    cJSON_Delete(j);
}

/* Bad input: exit 2, one line naming the flag, the value and the accepted range. Nothing is clamped. */
static void expect_bad(const char *flag, const char *value, const char *range_word)
{
    assert_int_equal(call(2, flag, value), 2);
    if (!strstr(cap.err, flag) || !strstr(cap.err, value) || !strstr(cap.err, range_word))
        fail_msg("message for %s %s was: %s", flag, value, cap.err);
    int lines = 0;
    for (const char *c = cap.err; *c; c++)
        lines += *c == '\n';
    assert_int_equal(lines, 1); /* one line */
    assert_string_equal(cap.out, "");
}

static void test_bad_values(void **state)
{
    (void)state;
    expect_bad("--limb", "foot", "arm, forearm, thigh or calf (leg = thigh)");
    expect_bad("--limb", "Leg", "arm, forearm, thigh or calf");
    expect_bad("--cuff-width", "1", "2 to 25");
    expect_bad("--circumference", "80", "15 to 60");
    expect_bad("--sbp", "300", "80 to 220");
    expect_bad("--dbp", "20", "40 to 130");
    expect_bad("--age", "5", "10 to 100");
    expect_bad("--sex", "x", "male or female");
    expect_bad("--pressure", "-5", "0 to 500");
    expect_bad("--aop-percent", "151", "0 to 150");
    expect_bad("--tightness", "11", "0 to 10");
    expect_bad("--tightness", "7x", "0 to 10");
    expect_bad("--seed", "-1", "whole number");
    expect_bad("--cuff", "sometimes", "continuous, intermittent or off");
    expect_bad("--load", "0", "1 to 100");
    expect_bad("--load", "nan", "1 to 100");
    expect_bad("--sets", "21", "1 to 20");
    expect_bad("--sets", "2.5", "1 to 20");
    expect_bad("--reps", "30,,15", "1 to 200");
    expect_bad("--reps", "0", "1 to 200");
    expect_bad("--rest", "601", "0 to 600");
    expect_bad("--rep-time", "0.1", "0.5 to 10");
    expect_bad("--hold", "-1", "0 to 1200");
    expect_bad("--every", "0", "0.01 to 3600");
}

static void test_bad_combinations(void **state)
{
    (void)state;
    assert_int_equal(call(4, "--pressure", "100", "--tightness", "7"), 2);
    assert_non_null(strstr(cap.err, "only one of"));
    assert_int_equal(call(3, "--reps", "30,15", "--to-failure"), 2);
    assert_int_equal(call(4, "--reps", "30,15,15", "--sets", "4"), 2);
    assert_non_null(strstr(cap.err, "--reps"));
    assert_int_equal(call(4, "--sbp", "100", "--dbp", "95"), 2);
    assert_non_null(strstr(cap.err, "diastolic"));
    assert_int_equal(call(1, "--frobnicate"), 2);
    assert_non_null(strstr(cap.err, "--frobnicate"));
    assert_int_equal(call(1, "--rest"), 2);
    assert_non_null(strstr(cap.err, "missing value"));
    assert_int_equal(call(1, "--help"), 0);
    assert_non_null(strstr(cap.out, "--aop-percent"));
    /* leg ranges differ from arm ranges, and the leg's are used */
    assert_int_equal(call(4, "--limb", "leg", "--circumference", "25"), 2);
    assert_non_null(strstr(cap.err, "30 to 100"));
}

/* Four limbs, each with its own defaults and AOP; "leg" is the thigh and stays "leg" in the output. */
static void test_limbs(void **state)
{
    (void)state;
    static const char *const names[] = {"arm", "forearm", "thigh", "calf", "leg"};
    double aop[5];
    for (int i = 0; i < 5; i++) {
        assert_int_equal(call(5, "--json", "--limb", names[i], "--sets", "1"), 0);
        cJSON *j = cJSON_Parse(cap.out);
        assert_non_null(j);
        assert_string_equal(cJSON_GetObjectItemCaseSensitive(j, "limb")->valuestring, names[i]);
        aop[i] = cJSON_GetObjectItemCaseSensitive(j, "aop_mmhg")->valuedouble;
        double pct = cJSON_GetObjectItemCaseSensitive(j, "aop_percent")->valuedouble;
        /* arm parts at 50 % AOP by default, leg parts at 70 % */
        assert_true(fabs(pct - (i == 0 || i == 1 ? 50.0 : 70.0)) < 0.1);
        cJSON_Delete(j);
    }
    assert_true(aop[4] == aop[2]); /* leg = thigh */
    /* sitting raises a thigh's AOP (the column of blood above the cuff); a bad posture is refused */
    assert_int_equal(call(5, "--json", "--limb", "thigh", "--posture", "seated"), 0);
    cJSON *js = cJSON_Parse(cap.out);
    assert_true(cJSON_GetObjectItemCaseSensitive(js, "aop_mmhg")->valuedouble > aop[2] + 20);
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(js, "posture")->valuestring, "seated");
    cJSON_Delete(js);
    expect_bad("--posture", "lying", "supine, seated or standing");
    assert_true(aop[0] != aop[1] && aop[2] != aop[3]);
    /* each limb's circumference range is its own, and the message names the limb */
    assert_int_equal(call(4, "--limb", "forearm", "--circumference", "50"), 2);
    assert_non_null(strstr(cap.err, "forearm circumference from 12 to 45"));
    assert_int_equal(call(4, "--limb", "calf", "--circumference", "15"), 2);
    assert_non_null(strstr(cap.err, "calf circumference from 20 to 70"));
    assert_int_equal(call(5, "--limb", "calf", "--circumference", "40", "--json"), 0);
    assert_int_equal(call(1, "--help"), 0);
    assert_null(strstr(cap.out, "%%"));
    assert_non_null(strstr(cap.out, "arm|forearm|thigh|calf"));
}

/* A full disk is an error (exit 1 and a message), never a cut-off result with exit 0. */
static void test_write_errors(void **state)
{
    (void)state;
    FILE *full = fopen("/dev/full", "w");
    if (!full)
        skip();
    FILE *e = tmpfile();
    char *argv[] = {"occlusion-sim", "--json", NULL};
    assert_int_equal(sim_cli_main(2, argv, full, e), 1);
    fclose(full);
    rewind(e);
    char msg[512] = "";
    size_t n = fread(msg, 1, sizeof msg - 1, e);
    msg[n] = '\0';
    fclose(e);
    assert_non_null(strstr(msg, "could not write to standard output"));
    assert_int_equal(call(4, "--csv", "/dev/full", "--every", "0.1"), 1);
    assert_non_null(strstr(cap.err, "--csv: could not write all of '/dev/full'"));
    /* and a CSV that could be written still exits 0 */
    char path[] = "/tmp/oc-sim-csv-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(call(6, "--csv", path, "--sets", "1", "--recovery", "10"), 0);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char head[16] = "";
    assert_non_null(fgets(head, sizeof head, f));
    fclose(f);
    remove(path);
    assert_true(strncmp(head, "t,phase,", 8) == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_contract),       cmocka_unit_test(test_flags_reach_the_json),
        cmocka_unit_test(test_same_seed_same_result), cmocka_unit_test(test_csv),
        cmocka_unit_test(test_to_failure_and_lists), cmocka_unit_test(test_bad_values),
        cmocka_unit_test(test_bad_combinations),    cmocka_unit_test(test_limbs),
        cmocka_unit_test(test_write_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
