#define _POSIX_C_SOURCE 200809L
/* Protocol files: the shipped ones say what the guide says, every broken field is named, hostile and
 * truncated text is refused cleanly, and --check-protocols' summary counts right. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oc_util.h"
#include "report_lines.h"
#include "session.h"
#include "session_protocol.h"

#ifndef OC_SOURCE_DIR
#define OC_SOURCE_DIR "."
#endif

static ProtocolSet shipped;

static int load_shipped(void **state)
{
    (void)state;
    return session_protocol_load_dir(&shipped, OC_SOURCE_DIR "/levels/protocols", NULL, NULL);
}

static int free_shipped(void **state)
{
    (void)state;
    session_protocol_free(&shipped);
    return 0;
}

static const SessionProtocol *by_id(const char *id)
{
    for (int i = 0; i < shipped.count; i++)
        if (strcmp(shipped.items[i].id, id) == 0)
            return &shipped.items[i];
    return NULL;
}

static void test_shipped_all_load(void **state)
{
    (void)state;
    assert_int_equal(shipped.errors, 0);
    assert_true(shipped.count >= 3);
    assert_int_equal(shipped.count, shipped.files);
    for (int i = 0; i < shipped.count; i++) {
        const SessionProtocol *p = &shipped.items[i];
        /* every shipped plan fits the shortest limit (an arm's 15 minutes), so any body part may be chosen */
        for (int b = 0; b < BODY_PART_COUNT; b++)
            assert_int_equal(session_protocol_fits(p, (BodyPart)b, p->id, NULL, 0), 0);
        SessionConfig cfg;
        session_config_default(&cfg, p, 12);
        assert_int_equal(session_config_check(&cfg, NULL, 0), 0);
    }
}

static void test_guide_scheme(void **state)
{
    (void)state;
    const SessionProtocol *g = by_id("guide-five-sets");
    assert_non_null(g);
    assert_int_equal(g->sets, 5);
    for (int i = 0; i < 5; i++)
        assert_true(g->to_failure[i]);
    assert_int_equal(g->reps[0], 30);
    assert_int_equal(g->reps[1], 15);
    for (int i = 2; i < 5; i++)
        assert_true(g->reps[i] >= 10 && g->reps[i] <= 15);
    assert_true(g->rest_s >= 30 && g->rest_s <= 60);
    assert_true(g->load_percent >= 20 && g->load_percent <= 50);
    /* the built-in default is the same plan */
    SessionProtocol d;
    session_protocol_default(&d);
    assert_int_equal(d.sets, g->sets);
    for (int i = 0; i < 5; i++)
        assert_int_equal(d.reps[i], g->reps[i]);
}

static void test_classic_and_beginner(void **state)
{
    (void)state;
    const SessionProtocol *c = by_id("classic-30-15-15-15");
    assert_non_null(c);
    assert_int_equal(c->sets, 4);
    static const int want[4] = {30, 15, 15, 15};
    for (int i = 0; i < 4; i++) {
        assert_int_equal(c->reps[i], want[i]);
        assert_false(c->to_failure[i]);
    }
    const SessionProtocol *b = by_id("first-time-short");
    assert_non_null(b);
    assert_true(b->sets < c->sets);
    assert_true(b->load_percent <= c->load_percent);
    assert_true(session_protocol_wrap_estimate_s(b) < session_protocol_wrap_estimate_s(c));
}

static const char GOOD[] = "{\"version\":1,\"id\":\"t\",\"name\":\"T\",\"rest_seconds\":30,"
                           "\"sets\":[{\"reps\":10},{\"reps\":8,\"to_failure\":true}]}";

static void expect_error(const char *text, const char *needle)
{
    SessionProtocol p;
    ReportLines l = {"", 0};
    int n = session_protocol_parse(text, strlen(text), "x.json", &p, report_lines_add, &l);
    if (n == 0 || !strstr(l.text, needle) || !strstr(l.text, "x.json: "))
        fail_msg("expected an error with '%s' for %s, got (%d) %s", needle, text, n, l.text);
}

static void test_fields_named(void **state)
{
    (void)state;
    SessionProtocol p;
    assert_int_equal(session_protocol_parse(GOOD, strlen(GOOD), "x.json", &p, NULL, NULL), 0);
    assert_int_equal(p.sets, 2);
    assert_true(p.to_failure[1]);
    assert_false(p.to_failure[0]);
    expect_error("{\"version\":2,\"id\":\"t\",\"name\":\"T\",\"rest_seconds\":30,\"sets\":[{\"reps\":1}]}",
                 "version: expected a whole number from 1 to 1");
    expect_error("{\"version\":1,\"id\":\"T T\",\"name\":\"T\",\"rest_seconds\":30,\"sets\":[{\"reps\":1}]}", "id: ");
    expect_error("{\"version\":1,\"id\":\"t\",\"rest_seconds\":30,\"sets\":[{\"reps\":1}]}", "name: missing");
    /* text after the object, and a NUL that would cut a name short, are refused as in level files */
    expect_error("{\"version\":1,\"id\":\"t\",\"name\":\"T\",\"rest_seconds\":30,\"sets\":[{\"reps\":1}]} {}", "unexpected text after the protocol's JSON (line 1");
    expect_error("{\"version\":1,\"id\":\"t\",\"name\":\"T\\u0000x\",\"rest_seconds\":30,\"sets\":[{\"reps\":1}]}",
                 "\\u0000 (a NUL character) in a string at line 1");
    {
        static const char nul[] = "{\"version\":1,\"id\":\"t\",\"name\":\"T\0x\",\"rest_seconds\":30,\"sets\":[{\"reps\":1}]}";
        SessionProtocol q;
        ReportLines l = {"", 0};
        assert_true(session_protocol_parse(nul, sizeof nul - 1, "x.json", &q, report_lines_add, &l) > 0);
        assert_non_null(strstr(l.text, "x.json: a NUL byte at line 1"));
    }
    expect_error("{\"version\":1,\"id\":\"t\",\"name\":\"T\",\"rest_seconds\":29,\"sets\":[{\"reps\":1}]}",
                 "rest_seconds: expected a whole number from 30 to 60");
    expect_error("{\"version\":1,\"id\":\"t\",\"name\":\"T\",\"rest_seconds\":30,\"load_percent\":70,"
                 "\"sets\":[{\"reps\":1}]}",
                 "load_percent: expected a whole number from 20 to 50");
    expect_error("{\"version\":1,\"id\":\"t\",\"name\":\"T\",\"rest_seconds\":30,\"body_part\":\"chest\","
                 "\"sets\":[{\"reps\":1}]}",
                 "body_part: expected one of arm, forearm, thigh, calf, shoulder");
    expect_error("{\"version\":1,\"id\":\"t\",\"name\":\"T\",\"rest_seconds\":30,\"sets\":[]}", "sets: expected a list");
    expect_error("{\"version\":1,\"id\":\"t\",\"name\":\"T\",\"rest_seconds\":30,\"sets\":[{\"reps\":0}]}",
                 "sets[0].reps: expected a whole number from 1 to 60");
    expect_error("{\"version\":1,\"id\":\"t\",\"name\":\"T\",\"rest_seconds\":30,\"sets\":[{\"reps\":5},"
                 "{\"reps\":5,\"to_failure\":\"yes\"}]}",
                 "sets[1].to_failure: expected true or false");
    expect_error("{\"version\":1,\"id\":\"t\",\"name\":\"T\",\"rest_seconds\":30,\"sets\":[{\"reps\":5,\"rpes\":1}]}",
                 "sets[0].rpes: unknown field");
    expect_error("{\"version\":1,\"id\":\"t\",\"name\":\"T\",\"name\":\"U\",\"rest_seconds\":30,\"sets\":[{\"reps\":5}]}",
                 "name: appears twice");
    expect_error("{\"version\":1,\"id\":\"t\",\"name\":\"T\",\"rest_seconds\":30,\"rep_seconds\":0.2,"
                 "\"sets\":[{\"reps\":5}]}",
                 "rep_seconds: expected a number from 1 to 6");
    expect_error("{\"version\":1,\"id\":\"t\",\"name\":\"T\\u0007\",\"rest_seconds\":30,\"sets\":[{\"reps\":5}]}",
                 "name: contains a control character");
    /* an overlong '/' (C0 AF) and an encoded surrogate (ED A0 80) are not UTF-8 */
    expect_error("{\"version\":1,\"id\":\"t\",\"name\":\"T\xc0\xaf\",\"rest_seconds\":30,\"sets\":[{\"reps\":5}]}",
                 "name: is not valid UTF-8");
    expect_error("{\"version\":1,\"id\":\"t\",\"name\":\"T\xed\xa0\x80\",\"rest_seconds\":30,\"sets\":[{\"reps\":5}]}",
                 "name: is not valid UTF-8");
    expect_error("[1,2]", "expected a JSON object at the top");
    expect_error("{\"version\":1,", "not valid JSON (problem near line 1");
    /* too long for the wrap-time limit of the part it names */
    expect_error("{\"version\":1,\"id\":\"t\",\"name\":\"T\",\"rest_seconds\":60,\"rep_seconds\":6,\"body_part\":\"arm\","
                 "\"sets\":[{\"reps\":60},{\"reps\":60},{\"reps\":60}]}",
                 "sets: sets: this plan keeps the wraps on for about");
}

static void test_every_truncation_refused(void **state)
{
    (void)state;
    char path[1024];
    snprintf(path, sizeof path, "%s/levels/protocols/01-guide-five-sets.json", OC_SOURCE_DIR);
    size_t len = 0;
    char err[300];
    char *text = oc_read_file(path, &len, err, sizeof err);
    assert_non_null(text);
    SessionProtocol p;
    assert_int_equal(session_protocol_parse(text, len, path, &p, NULL, NULL), 0);
    /* every prefix short of the closing brace is broken JSON and must be refused, never half-loaded */
    size_t last = len;
    while (last > 0 && text[last - 1] != '}')
        last--;
    for (size_t n = 0; n + 1 < last; n++) {
        ReportLines l = {"", 0};
        int errs = session_protocol_parse(text, n, path, &p, report_lines_add, &l);
        if (errs == 0)
            fail_msg("a file cut at byte %zu loaded", n);
        assert_true(l.n >= 1);
    }
    /* flipped bytes: never a crash, and what loads is within range */
    for (size_t i = 0; i < len; i += 3) {
        char saved = text[i];
        text[i] = (char)(saved ^ 0x5a);
        if (session_protocol_parse(text, len, path, &p, NULL, NULL) == 0) {
            assert_true(p.sets >= 1 && p.sets <= PROTOCOL_MAX_SETS);
            assert_true(p.rest_s >= 30 && p.rest_s <= 60);
        }
        text[i] = saved;
    }
    free(text);
}

static void test_check_summary(void **state)
{
    (void)state;
    char tmp[] = "/tmp/oc-proto-check-XXXXXX";
    int fd = mkstemp(tmp);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w+");
    int rc = session_protocol_check(OC_SOURCE_DIR "/tests/data/protocols-mixed", f);
    rewind(f);
    char buf[8192] = "";
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    remove(tmp);
    assert_int_equal(rc, 1);
    assert_non_null(strstr(buf, "02-bad-rest.json: rest_seconds: expected a whole number from 30 to 60"));
    assert_non_null(strstr(buf, "03-truncated.json: not valid JSON"));
    assert_non_null(strstr(buf, "04-too-long.json: sets:"));
    const char *last = strstr(buf, "1 protocols, 3 errors\n");
    assert_non_null(last);
    assert_int_equal(last[strlen("1 protocols, 3 errors\n")], '\0'); /* the summary is the last line */
    ProtocolSet set;
    assert_int_equal(session_protocol_load_dir(&set, "/no/such/dir", NULL, NULL), -1);
    assert_int_equal(set.errors, 1);
    session_protocol_free(&set);
}

static void test_load_file_message(void **state)
{
    (void)state;
    SessionProtocol p;
    char err[600];
    assert_int_equal(session_protocol_load("/no/such/file.json", &p, err, sizeof err), -1);
    assert_non_null(strstr(err, "/no/such/file.json"));
    assert_int_equal(session_protocol_load(OC_SOURCE_DIR "/tests/data/protocols-mixed/02-bad-rest.json", &p, err,
                                           sizeof err),
                     -1);
    assert_non_null(strstr(err, "rest_seconds"));
    assert_int_equal(
        session_protocol_load(OC_SOURCE_DIR "/levels/protocols/03-first-time-short.json", &p, err, sizeof err), 0);
    assert_string_equal(p.id, "first-time-short");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_all_load),  cmocka_unit_test(test_guide_scheme),
        cmocka_unit_test(test_classic_and_beginner), cmocka_unit_test(test_fields_named),
        cmocka_unit_test(test_every_truncation_refused), cmocka_unit_test(test_check_summary),
        cmocka_unit_test(test_load_file_message),
    };
    return cmocka_run_group_tests(tests, load_shipped, free_shipped);
}
