/* The shared checks behind the level and protocol loaders: exact messages (the loaders' tests and the
 * --check-* commands rely on them), each loader's limits, and the folder listing. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json_check.h"
#include "report_lines.h"

static cJSON *parse_ok(const char *text)
{
    cJSON *root = cJSON_Parse(text);
    assert_non_null(root);
    return root;
}

static void keys_name_the_field_within_each_loaders_limits(void **state)
{
    (void)state;
    static const char *const allowed[] = {"reps", "to_failure", NULL};
    ReportLines l = {"", 0};
    JsonCheck jc = {.path = "p.json", .report = report_lines_add, .ctx = &l, .max_fields = 32, .key_max = 40};
    cJSON *o = parse_ok("{\"reps\":1,\"reps\":2,\"aaaaaaaaaabbbbbbbbbbccccccccccddddddddddeeeee\":3}");
    json_check_keys(&jc, o, "sets[1]", allowed);
    assert_string_equal(l.text, "p.json: sets[1].reps: appears twice\n"
                                "p.json: sets[1].aaaaaaaaaabbbbbbbbbbccccccccccdddddddddd: unknown field (expected one "
                                "of: reps, to_failure)\n");
    assert_int_equal(jc.errors, 2);

    /* the levels quote the whole key */
    ReportLines m = {"", 0};
    JsonCheck whole = {.path = "l.json", .report = report_lines_add, .ctx = &m, .max_fields = 40};
    json_check_keys(&whole, o, "", allowed);
    assert_non_null(strstr(m.text, "l.json: aaaaaaaaaabbbbbbbbbbccccccccccddddddddddeeeee: unknown field"));
    cJSON_Delete(o);

    /* one message past the limit, then nothing more about that object */
    o = cJSON_CreateObject();
    for (int i = 0; i < 50; i++) {
        char k[16];
        snprintf(k, sizeof k, "k%d", i);
        cJSON_AddNumberToObject(o, k, i);
    }
    ReportLines n = {"", 0};
    jc.ctx = &n;
    static const char *const any[] = {"k0",  "k1",  "k2",  "k3",  "k4",  "k5",  "k6",  "k7",  "k8",  "k9",  "k10",
                                      "k11", "k12", "k13", "k14", "k15", "k16", "k17", "k18", "k19", "k20", "k21",
                                      "k22", "k23", "k24", "k25", "k26", "k27", "k28", "k29", "k30", "k31", "k32",
                                      "k33", "k34", "k35", "k36", "k37", "k38", "k39", "k40", "k41", "k42", "k43",
                                      "k44", "k45", "k46", "k47", "k48", "k49", NULL};
    json_check_keys(&jc, o, "", any);
    assert_string_equal(n.text, "p.json: more than 32 fields\n");
    cJSON_Delete(o);
}

static void values_say_what_was_expected(void **state)
{
    (void)state;
    ReportLines l = {"", 0};
    JsonCheck jc = {.path = "x.json", .report = report_lines_add, .ctx = &l, .max_fields = 40};
    cJSON *o = parse_ok("{\"n\":2.5,\"r\":0.2,\"b\":\"yes\",\"t\":\"\",\"long\":\"abcdef\",\"c\":\"a\\u0007b\","
                        "\"id\":\"Bad Id\",\"ok\":7}");
    int n = -1;
    double r = -1;
    bool b = false;
    assert_false(json_check_int(&jc, o, "questions[0]", "n", &n, 1, 10, true));
    assert_int_equal(n, -1); /* left as it was */
    assert_false(json_check_number(&jc, o, "", "r", &r, 1, 6, false, true));
    assert_false(json_check_bool(&jc, o, "", "b", &b, false));
    assert_false(json_check_int(&jc, o, "", "missing", &n, 5, 300, true));
    assert_false(json_check_int(&jc, o, "", "absent", &n, 5, 300, false)); /* optional: no message */
    assert_true(json_check_int(&jc, o, "", "ok", &n, 1, 10, true));
    assert_int_equal(n, 7);
    char f[JSON_FIELD_MAX], dst[4] = "old";
    json_check_string(&jc, json_check_item(&jc, o, "", "t", f, true, "text"), f, dst, sizeof dst, true);
    json_check_string(&jc, json_check_item(&jc, o, "", "long", f, true, "text"), f, dst, sizeof dst, true);
    json_check_string(&jc, json_check_item(&jc, o, "", "c", f, true, "text"), f, dst, 16, true);
    assert_string_equal(dst, "old");
    assert_null(json_check_item(&jc, o, "defaults", "name", f, true, "text in quotes"));
    json_check_id(&jc, "id", "Bad Id");
    json_check_id(&jc, "id", "good-id_2");
    json_check_id(&jc, "id", ""); /* empty: left to the "missing" and "is empty" checks */
    assert_string_equal(l.text, "x.json: questions[0].n: expected a whole number from 1 to 10\n"
                                "x.json: r: expected a number from 1 to 6\n"
                                "x.json: b: expected true or false\n"
                                "x.json: missing: missing (expected a whole number from 5 to 300)\n"
                                "x.json: t: is empty\n"
                                "x.json: long: is 6 bytes long; at most 3 fit\n"
                                "x.json: c: contains a control character (only line breaks are allowed)\n"
                                "x.json: defaults.name: missing (expected text in quotes)\n"
                                "x.json: id: 'Bad Id' may use only a-z, 0-9, '-' and '_'\n");
    assert_int_equal(jc.errors, 9);
    char g[JSON_FIELD_MAX];
    json_check_field_at(g, sizeof g, "questions[2]", "zones", 1);
    assert_string_equal(g, "questions[2].zones[1]");
    json_check_field_at(g, sizeof g, "", "sets", 3);
    assert_string_equal(g, "sets[3]");
    cJSON_Delete(o);
}

static void parse_refuses_what_is_not_one_object(void **state)
{
    (void)state;
    ReportLines l = {"", 0};
    JsonCheck jc = {.path = "y.json", .report = report_lines_add, .ctx = &l, .max_fields = 40};
    const char *lax = "{\"a\":1} junk";
    cJSON *root = json_check_parse(&jc, lax, strlen(lax), NULL); /* the protocols let anything follow */
    assert_non_null(root);
    cJSON_Delete(root);
    assert_null(json_check_parse(&jc, lax, strlen(lax), "the level's JSON"));
    const char *broken = "{\n\"a\": [1,\n}";
    assert_null(json_check_parse(&jc, broken, strlen(broken), NULL));
    assert_null(json_check_parse(&jc, "[1]", 3, NULL));
    assert_string_equal(l.text, "y.json: unexpected text after the level's JSON (line 1, byte 8)\n"
                                "y.json: not valid JSON (problem near line 3, byte 11)\n"
                                "y.json: expected a JSON object at the top\n");
}

static void folder_lists_json_files_sorted_and_capped(void **state)
{
    (void)state;
    char dir[] = "/tmp/oc-json-check-XXXXXX";
    assert_non_null(mkdtemp(dir));
    const char *files[] = {"b.json", "a.json", ".hidden.json", "notes.txt", ".json", "c.json"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char p[128];
        snprintf(p, sizeof p, "%s/%s", dir, files[i]);
        FILE *f = fopen(p, "w");
        assert_non_null(f);
        fclose(f);
    }
    char **names;
    int n;
    bool more;
    assert_int_equal(json_check_list_dir(dir, 100, &names, &n, &more), 0);
    assert_int_equal(n, 3);
    assert_false(more);
    assert_string_equal(names[0], "a.json");
    assert_string_equal(names[1], "b.json");
    assert_string_equal(names[2], "c.json");
    json_check_free_names(names, n);
    assert_int_equal(json_check_list_dir(dir, 2, &names, &n, &more), 0);
    assert_int_equal(n, 2);
    assert_true(more);
    json_check_free_names(names, n);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(json_check_list_dir(dir, 2, &names, &n, &more), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(keys_name_the_field_within_each_loaders_limits),
        cmocka_unit_test(values_say_what_was_expected),
        cmocka_unit_test(parse_refuses_what_is_not_one_object),
        cmocka_unit_test(folder_lists_json_files_sorted_and_capped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
