/* Academy core: shipped levels, hit testing, marking, playthroughs, stars/unlocks, hostile files. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "academy.h"
#include "oc_rng.h"
#include "oc_util.h"

#define LEVELS_DIR OC_SOURCE_DIR "/levels/academy"
#define MIXED_DIR OC_SOURCE_DIR "/tests/data/levels-mixed"

/* ---- collected messages ---- */
typedef struct Lines {
    int n;
    char line[64][512];
} Lines;

static void collect(void *ctx, const char *line)
{
    Lines *l = ctx;
    if (l->n < 64)
        oc_strlcpy(l->line[l->n], line, sizeof l->line[0]);
    l->n++;
}

static bool any_line_has(const Lines *l, const char *a, const char *b)
{
    for (int i = 0; i < l->n && i < 64; i++)
        if (strstr(l->line[i], a) && (!b || strstr(l->line[i], b)))
            return true;
    return false;
}

static int parse_text(const char *text, Lines *lines, Level *lv)
{
    if (lines)
        memset(lines, 0, sizeof *lines);
    return academy_parse_level(text, strlen(text), "test.json", lv, lines ? collect : NULL, lines);
}

/* ---------------- the shipped levels ---------------- */

static void shipped_levels_validate(void **state)
{
    (void)state;
    LevelSet set;
    Lines lines = {0};
    assert_int_equal(academy_load_dir(&set, LEVELS_DIR, collect, &lines), 0);
    for (int i = 0; i < lines.n && i < 64; i++)
        print_message("%s\n", lines.line[i]);
    assert_int_equal(set.errors, 0);
    assert_int_equal(set.skipped, 0);
    assert_true(set.count >= 8);
    assert_true(set.questions >= 60);
    assert_int_equal(set.count, set.files);
    /* the last level is the placement exam, with a pass mark above the ordinary one */
    const Level *last = &set.levels[set.count - 1];
    assert_true(last->exam);
    assert_true(last->pass_percent >= 80);
    int placements = 0;
    for (int i = 0; i < last->nquestions; i++)
        placements += last->questions[i].kind == Q_PLACEMENT;
    assert_int_equal(placements, last->nquestions);
    /* every kind, both views, and the three trick items appear */
    int kinds[Q_KIND_COUNT] = {0}, views[VIEW_COUNT] = {0};
    bool trick_chest = false, trick_back = false, trick_neck = false;
    for (int l = 0; l < set.count; l++)
        for (int i = 0; i < set.levels[l].nquestions; i++) {
            const Question *q = &set.levels[l].questions[i];
            kinds[q->kind]++;
            if (q->kind == Q_PLACEMENT) {
                views[q->view]++;
                if (q->cannot_wrap) {
                    trick_chest |= strstr(q->muscle, "chest") != NULL;
                    trick_back |= strstr(q->muscle, "back") != NULL;
                    trick_neck |= strstr(q->muscle, "neck") != NULL;
                }
            }
        }
    for (int k = 0; k < Q_KIND_COUNT; k++) {
        print_message("%-10s %d\n", question_kind_name((QuestionKind)k), kinds[k]);
        assert_true(kinds[k] >= 2);
    }
    assert_true(views[VIEW_FRONT] > 0 && views[VIEW_BACK] > 0);
    assert_true(trick_chest && trick_back && trick_neck);
    academy_free(&set);
}

/* The seed's placements, checked on the figure's landmarks (assets/figures, 1000 x 2000 units). */
static void shipped_placements_match_the_figure(void **state)
{
    (void)state;
    LevelSet set;
    assert_int_equal(academy_load_dir(&set, LEVELS_DIR, NULL, NULL), 0);
    struct {
        const char *muscle;
        float y_lo, y_hi; /* where on the body the band's centre belongs (normalized y) */
    } expect[] = {
        {"biceps", 0.205f, 0.27f},  /* below the shoulder joint (0.195), above mid-arm */
        {"triceps", 0.205f, 0.27f},
        {"forearm", 0.32f, 0.39f},  /* around the elbow (0.35) */
        {"quadriceps", 0.495f, 0.55f}, /* just below the groin (0.50) */
        {"hamstrings", 0.495f, 0.55f},
        {"calf", 0.68f, 0.75f},     /* around the knee (0.7125) */
        {"deltoid", 0.15f, 0.215f}, /* over the shoulder, above the arm spot */
    };
    int checked = 0, joints = 0;
    for (int l = 0; l < set.count; l++)
        for (int i = 0; i < set.levels[l].nquestions; i++) {
            const Question *q = &set.levels[l].questions[i];
            if (q->kind != Q_PLACEMENT || q->cannot_wrap)
                continue;
            bool known = false;
            for (size_t e = 0; e < OC_ARRAY_LEN(expect); e++) {
                if (!strstr(q->muscle, expect[e].muscle))
                    continue;
                known = true;
                for (int z = 0; z < q->nzones; z++) {
                    float x, y;
                    shape_center(&q->zones[z], &x, &y);
                    if (y < expect[e].y_lo || y > expect[e].y_hi)
                        fail_msg("%s: zone %d centre y=%.3f outside %.3f..%.3f", q->id, z, y, expect[e].y_lo,
                                 expect[e].y_hi);
                    checked++;
                }
            }
            if (!known)
                fail_msg("%s: muscle '%s' has no expected place in this test", q->id, q->muscle);
            /* forearm and calf: just below or just above the joint, never on it */
            float jx = 0, jy = 0;
            if (strstr(q->muscle, "forearm"))
                jx = 0.24f, jy = 0.35f;
            else if (strstr(q->muscle, "calf"))
                jx = 0.411f, jy = 0.7125f;
            if (jy > 0) {
                Answer on = {.x = jx, .y = jy, .view = q->view};
                Verdict v = quiz_mark(q, &on);
                if (v.correct || v.mistake < 0)
                    fail_msg("%s: a band on the joint must be a named mistake", q->id);
                bool above = false, below = false;
                for (int z = 0; z < q->nzones; z++) {
                    float x, y;
                    shape_center(&q->zones[z], &x, &y);
                    above |= y < jy;
                    below |= y > jy;
                }
                if (!below && !strstr(q->id, "above"))
                    fail_msg("%s: no zone just below the joint", q->id);
                if (!above)
                    fail_msg("%s: no zone just above the joint", q->id);
                joints++;
            }
        }
    assert_true(checked >= 12);
    assert_true(joints >= 4);
    academy_free(&set);
}

/* What a question asks, before any answer is shown: prompt, case, options, steps and muscle. */
static void asked_text(const Question *q, char *out, size_t cap)
{
    snprintf(out, cap, "%s\n%s\n%s", q->prompt, q->scenario, q->muscle);
    for (int o = 0; o < q->noptions; o++) {
        strncat(out, "\n", cap - strlen(out) - 1);
        strncat(out, q->options[o], cap - strlen(out) - 1);
    }
    for (int o = 0; o < q->nsteps; o++) {
        strncat(out, "\n", cap - strlen(out) - 1);
        strncat(out, q->steps[o], cap - strlen(out) - 1);
    }
}

static bool contains_nocase(const char *hay, const char *needle, size_t n)
{
    for (; *hay; hay++) {
        size_t i = 0;
        while (i < n && hay[i] && (hay[i] | 0x20) == (needle[i] | 0x20))
            i++;
        if (i == n)
            return true;
    }
    return false;
}

/* Every group of "a/b/c" alternatives (groups separated by ';') matches the text. Names the first group
 * that does not in *missing. */
static bool asks_words(const char *text, const char *words, char *missing, size_t cap)
{
    const char *g = words;
    while (*g) {
        const char *end = strchr(g, ';');
        if (!end)
            end = g + strlen(g);
        bool any = false;
        const char *a = g;
        while (a < end) {
            const char *slash = memchr(a, '/', (size_t)(end - a));
            const char *ae = slash ? slash : end;
            while (a < ae && *a == ' ')
                a++;
            const char *t = ae;
            while (t > a && t[-1] == ' ')
                t--;
            if (t > a && contains_nocase(text, a, (size_t)(t - a)))
                any = true;
            a = slash ? slash + 1 : end;
        }
        if (!any) {
            snprintf(missing, cap, "%.*s", (int)(end - g), g);
            return false;
        }
        g = *end ? end + 1 : end;
    }
    return true;
}

/* COVERAGE.md maps each point of the source (S rows) and of the evidence (E rows) to questions, with the
 * words each of those questions must ask. Every name exists, every row's words are in what each of its
 * questions asks (not only in the explanation), and every question of the levels is in some row. */
static void coverage_rows_are_asked(void **state)
{
    (void)state;
    LevelSet set;
    assert_int_equal(academy_load_dir(&set, LEVELS_DIR, NULL, NULL), 0);
    char err[256];
    size_t len;
    char *text = oc_read_file(LEVELS_DIR "/COVERAGE.md", &len, err, sizeof err);
    assert_non_null(text);
    int rows = 0, refs = 0, evidence = 0;
    bool used[AC_MAX_LEVELS][AC_MAX_QUESTIONS] = {{false}};
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (strncmp(line, "| S", 3) != 0 && strncmp(line, "| E", 3) != 0)
            continue;
        rows++;
        evidence += line[2] == 'E';
        /* cells: | # | point | questions | asked words | */
        char *bar[5] = {NULL};
        char *c = line;
        for (int b = 0; b < 5 && c; b++) {
            bar[b] = c;
            c = strchr(c + 1, '|');
        }
        if (!bar[4])
            fail_msg("COVERAGE.md row without four cells: %.80s", line);
        *bar[4] = '\0';
        const char *words = bar[3] + 1;
        *bar[3] = '\0';
        if (!strpbrk(words, "abcdefghijklmnopqrstuvwxyz0123456789"))
            fail_msg("COVERAGE.md row without asked words: %.80s", line);
        int in_row = 0;
        for (const char *q0 = strchr(bar[2], '`'); q0; q0 = strchr(q0 + 1, '`')) {
            const char *e = strchr(q0 + 1, '`');
            assert_non_null(e);
            char id[AC_ID_MAX] = "";
            snprintf(id, sizeof id, "%.*s", (int)(e - q0 - 1), q0 + 1);
            bool found = false;
            for (int l = 0; l < set.count; l++)
                for (int i = 0; i < set.levels[l].nquestions; i++)
                    if (strcmp(set.levels[l].questions[i].id, id) == 0) {
                        found = true;
                        used[l][i] = true;
                        char asked[AC_TEXT_MAX * 3 + AC_OPTION_MAX * AC_MAX_STEPS + 64], missing[120];
                        asked_text(&set.levels[l].questions[i], asked, sizeof asked);
                        if (!asks_words(asked, words, missing, sizeof missing))
                            fail_msg("COVERAGE.md %.4s: '%s' does not ask about \"%s\"", line + 2, id, missing);
                    }
            if (!found)
                fail_msg("COVERAGE.md names '%s', which no level has", id);
            in_row++;
            refs++;
            q0 = e;
        }
        if (in_row == 0)
            fail_msg("COVERAGE.md row without a question: %.80s", line);
    }
    int unused = 0;
    for (int l = 0; l < set.count; l++)
        for (int i = 0; i < set.levels[l].nquestions; i++)
            if (!used[l][i]) {
                print_message("not in COVERAGE.md: %s\n", set.levels[l].questions[i].id);
                unused++;
            }
    print_message("%d points (%d from the evidence), %d references, %d questions not in the table\n", rows,
                  evidence, refs, unused);
    assert_true(rows >= 60);
    assert_true(evidence >= 8);
    assert_int_equal(unused, 0);
    /* the checker itself: words only in the explanation do not count */
    Question q = {0};
    oc_strlcpy(q.prompt, "How tight?", sizeof q.prompt);
    oc_strlcpy(q.explain, "Because of the tourniquet.", sizeof q.explain);
    char asked[AC_TEXT_MAX * 3], missing[64];
    asked_text(&q, asked, sizeof asked);
    assert_false(asks_words(asked, "tourniquet", missing, sizeof missing));
    assert_true(asks_words(asked, "loose/TIGHT; how", missing, sizeof missing));
    assert_false(asks_words(asked, "tight; neck/chest", missing, sizeof missing));
    assert_string_equal(missing, " neck/chest");
    free(text);
    academy_free(&set);
}

/* ---------------- hit testing ---------------- */

static Shape parse_one_shape(const char *json)
{
    char text[1024];
    snprintf(text, sizeof text,
             "{\"version\":1,\"id\":\"s\",\"title\":\"S\",\"questions\":[{\"id\":\"q\",\"kind\":\"placement\","
             "\"muscle\":\"m\",\"prompt\":\"p\",\"explain\":\"e\",\"zones\":[%s]}]}",
             json);
    Level *lv = malloc(sizeof *lv);
    Lines lines;
    int errs = parse_text(text, &lines, lv);
    if (errs)
        fail_msg("%s", lines.line[0]);
    Shape s = lv->questions[0].zones[0];
    free(lv);
    return s;
}

static void hit_rect_ellipse_polygon(void **state)
{
    (void)state;
    Shape r = parse_one_shape("{\"rect\":[0.1,0.2,0.2,0.1],\"mirror\":false}");
    assert_true(shape_contains(&r, VIEW_FRONT, 0.15f, 0.25f));
    assert_true(shape_contains(&r, VIEW_FRONT, 0.1f, 0.2f)); /* edges count */
    assert_true(shape_contains(&r, VIEW_FRONT, 0.3f, 0.3f));
    assert_false(shape_contains(&r, VIEW_FRONT, 0.31f, 0.25f));
    assert_false(shape_contains(&r, VIEW_FRONT, 0.85f, 0.25f)); /* no mirror */
    assert_false(shape_contains(&r, VIEW_BACK, 0.15f, 0.25f));  /* other view */

    Shape e = parse_one_shape("{\"ellipse\":[0.3,0.5,0.1,0.05]}");
    assert_true(shape_contains(&e, VIEW_FRONT, 0.3f, 0.5f));
    assert_true(shape_contains(&e, VIEW_FRONT, 0.39f, 0.5f));
    assert_false(shape_contains(&e, VIEW_FRONT, 0.39f, 0.54f)); /* inside the box, outside the ellipse */
    assert_true(shape_contains(&e, VIEW_FRONT, 0.7f, 0.5f));    /* mirrored: the other limb */
    assert_true(shape_contains(&e, VIEW_FRONT, 0.61f, 0.5f));
    assert_false(shape_contains(&e, VIEW_FRONT, 0.5f, 0.5f));
    assert_false(shape_contains(&e, VIEW_FRONT, NAN, 0.5f));
    assert_false(shape_contains(&e, VIEW_FRONT, INFINITY, 0.5f));

    /* an L-shaped (concave) polygon */
    Shape p = parse_one_shape("{\"polygon\":[[0.1,0.1],[0.4,0.1],[0.4,0.2],[0.2,0.2],[0.2,0.5],[0.1,0.5]],"
                              "\"mirror\":false,\"view\":\"back\"}");
    assert_true(shape_contains(&p, VIEW_BACK, 0.15f, 0.45f));
    assert_true(shape_contains(&p, VIEW_BACK, 0.35f, 0.15f));
    assert_false(shape_contains(&p, VIEW_BACK, 0.3f, 0.3f)); /* the notch */
    assert_false(shape_contains(&p, VIEW_FRONT, 0.15f, 0.45f));
    float cx, cy;
    shape_center(&p, &cx, &cy); /* the centroid falls in the notch; the centre must still be inside */
    assert_true(shape_contains(&p, VIEW_BACK, cx, cy));
    shape_center(&e, &cx, &cy);
    assert_true(cx == 0.3f && cy == 0.5f);
}

static void placement_marking(void **state)
{
    (void)state;
    LevelSet set;
    assert_int_equal(academy_load_dir(&set, LEVELS_DIR, NULL, NULL), 0);
    int mistakes_seen = 0;
    for (int l = 0; l < set.count; l++)
        for (int i = 0; i < set.levels[l].nquestions; i++) {
            const Question *q = &set.levels[l].questions[i];
            if (q->kind != Q_PLACEMENT)
                continue;
            Answer a = {0};
            if (q->cannot_wrap) {
                a.nowhere = true;
                assert_true(quiz_mark(q, &a).correct);
                /* a band dropped anywhere on the body is wrong for a trick item */
                a = (Answer){.x = 0.5f, .y = 0.14f, .view = q->view};
                assert_false(quiz_mark(q, &a).correct);
            } else {
                for (int z = 0; z < q->nzones; z++) {
                    a = (Answer){.view = q->zones[z].view};
                    shape_center(&q->zones[z], &a.x, &a.y);
                    assert_true(quiz_mark(q, &a).correct);
                    a.x = 1.0f - a.x; /* the other side of the body */
                    assert_true(quiz_mark(q, &a).correct);
                    a.view = (FigureView)(1 - a.view); /* the right spot on the wrong view does not count */
                    assert_false(quiz_mark(q, &a).correct);
                }
                a = (Answer){.nowhere = true};
                assert_false(quiz_mark(q, &a).correct);
                a = (Answer){.x = 0.5f, .y = 0.075f, .view = q->view}; /* the head */
                assert_false(quiz_mark(q, &a).correct);
            }
            for (int m = 0; m < q->nmistakes; m++) {
                a = (Answer){.view = q->mistakes[m].shape.view};
                shape_center(&q->mistakes[m].shape, &a.x, &a.y);
                Verdict v = quiz_mark(q, &a);
                assert_false(v.correct);
                assert_int_equal(v.mistake, m);
                mistakes_seen++;
            }
        }
    assert_true(mistakes_seen >= 10);
    academy_free(&set);
}

/* ---------------- playthroughs ---------------- */

static void wrong_answer(const Question *q, Answer *a)
{
    memset(a, 0, sizeof *a);
    switch (q->kind) {
    case Q_PLACEMENT:
        if (q->cannot_wrap) {
            a->x = 0.5f, a->y = 0.3f, a->view = q->view; /* on the chest: wrong for every trick */
        } else {
            a->nowhere = true;
        }
        break;
    case Q_TIGHTNESS:
        a->value = q->accept_hi < 10 ? 10 : 0;
        break;
    case Q_ORDER:
        for (int i = 0; i < q->nsteps; i++)
            a->order[i] = q->nsteps - 1 - i;
        break;
    case Q_TRUEFALSE:
        a->value = !q->answer;
        break;
    default:
        a->value = (q->answer + 1) % q->noptions;
        break;
    }
}

/* Plays a level; question i is answered right unless wrong[i]. Returns the percent. */
static int play(const Level *lv, const bool *wrong)
{
    QuizRun run;
    quiz_start(&run, lv);
    int i = 0;
    do {
        Answer a;
        const Question *q = &lv->questions[run.index];
        if (wrong && wrong[i])
            wrong_answer(q, &a);
        else
            quiz_correct_answer(q, &a);
        Verdict v = quiz_submit(&run, &a);
        assert_int_equal(v.correct, !(wrong && wrong[i]));
        /* a second submit does not score twice */
        Verdict again = quiz_submit(&run, &a);
        assert_int_equal(again.points, v.points);
        i++;
    } while (quiz_next(&run));
    assert_true(quiz_finished(&run));
    assert_int_equal(i, lv->nquestions);
    return quiz_percent(&run);
}

static void playthrough_unlocks(void **state)
{
    (void)state;
    LevelSet set;
    assert_int_equal(academy_load_dir(&set, LEVELS_DIR, NULL, NULL), 0);
    int stars[AC_MAX_LEVELS] = {0};
    bool open[AC_MAX_LEVELS];
    academy_unlocks(&set, stars, open);
    assert_true(open[0]);
    for (int l = 1; l < set.count; l++)
        assert_false(open[l]);

    bool all_wrong[AC_MAX_QUESTIONS];
    for (int i = 0; i < AC_MAX_QUESTIONS; i++)
        all_wrong[i] = true;
    for (int l = 0; l < set.count; l++) {
        const Level *lv = &set.levels[l];
        /* all wrong: no stars, the next level stays shut */
        int pct = play(lv, all_wrong);
        assert_int_equal(pct, 0);
        stars[l] = level_stars(lv, pct);
        assert_int_equal(stars[l], 0);
        academy_unlocks(&set, stars, open);
        if (l + 1 < set.count)
            assert_false(open[l + 1]);
        /* wrong just enough to fall under the pass mark */
        bool some_wrong[AC_MAX_QUESTIONS] = {0};
        int total = level_total_points(lv), lost = 0;
        for (int i = 0; i < lv->nquestions && (total - lost) * 100 >= lv->pass_percent * total; i++) {
            some_wrong[i] = true;
            lost += lv->questions[i].points;
        }
        pct = play(lv, some_wrong);
        assert_true(pct < lv->pass_percent);
        assert_int_equal(level_stars(lv, pct), 0);
        /* all right: full marks, three stars, and the next level opens */
        pct = play(lv, NULL);
        assert_int_equal(pct, 100);
        stars[l] = level_stars(lv, pct);
        assert_int_equal(stars[l], 3);
        academy_unlocks(&set, stars, open);
        for (int k = 0; k < set.count; k++)
            assert_int_equal(open[k], k <= l + 1);
    }
    academy_free(&set);
}

static void stars_at_the_boundaries(void **state)
{
    (void)state;
    Level *lv = calloc(1, sizeof *lv);
    lv->pass_percent = 60;
    int p60[][2] = {{0, 0}, {59, 0}, {60, 1}, {79, 1}, {80, 2}, {99, 2}, {100, 3}};
    for (size_t i = 0; i < OC_ARRAY_LEN(p60); i++)
        assert_int_equal(level_stars(lv, p60[i][0]), p60[i][1]);
    lv->pass_percent = 80;
    int p80[][2] = {{79, 0}, {80, 1}, {89, 1}, {90, 2}, {100, 3}};
    for (size_t i = 0; i < OC_ARRAY_LEN(p80); i++)
        assert_int_equal(level_stars(lv, p80[i][0]), p80[i][1]);
    free(lv);
}

static void tightness_and_order_marking(void **state)
{
    (void)state;
    Level *lv = malloc(sizeof *lv);
    const char *text =
        "{\"version\":1,\"id\":\"t\",\"title\":\"T\",\"questions\":["
        "{\"id\":\"a\",\"kind\":\"tightness\",\"prompt\":\"p\",\"explain\":\"e\",\"accept\":[6,8],\"best\":7,"
        "\"too_loose\":\"l\",\"too_tight\":\"t\"},"
        "{\"id\":\"b\",\"kind\":\"order\",\"prompt\":\"p\",\"explain\":\"e\",\"steps\":[\"1\",\"2\",\"3\",\"4\"]}]}";
    assert_int_equal(parse_text(text, NULL, lv), 0);
    const Question *t = &lv->questions[0], *o = &lv->questions[1];
    for (int v = 0; v <= 10; v++) {
        Answer a = {.value = v};
        assert_int_equal(quiz_mark(t, &a).correct, v >= 6 && v <= 8);
    }
    Answer a = {.order = {0, 2, 1, 3}};
    Verdict v = quiz_mark(o, &a);
    assert_false(v.correct);
    assert_int_equal(v.in_place, 2);
    /* the shuffle is a permutation, never already solved, and the same for the same seed */
    for (uint64_t seed = 0; seed < 200; seed++) {
        int order[AC_MAX_STEPS], again[AC_MAX_STEPS], seen[4] = {0};
        quiz_shuffled_order(o, seed, order);
        quiz_shuffled_order(o, seed, again);
        assert_memory_equal(order, again, sizeof order);
        bool solved = true;
        for (int i = 0; i < 4; i++) {
            seen[order[i]]++;
            solved = solved && order[i] == i;
        }
        assert_false(solved);
        for (int i = 0; i < 4; i++)
            assert_int_equal(seen[i], 1);
    }
    free(lv);
}

/* Options are shown shuffled: a permutation, stable per seed, and the right answer is not always first. */
static void options_are_shuffled(void **state)
{
    (void)state;
    LevelSet set;
    assert_int_equal(academy_load_dir(&set, LEVELS_DIR, NULL, NULL), 0);
    int shown_first = 0, total = 0;
    for (int l = 0; l < set.count; l++)
        for (int i = 0; i < set.levels[l].nquestions; i++) {
            const Question *q = &set.levels[l].questions[i];
            if (q->kind != Q_CHOICE && q->kind != Q_SCENARIO)
                continue;
            int perm[AC_MAX_OPTIONS], again[AC_MAX_OPTIONS], seen[AC_MAX_OPTIONS] = {0};
            quiz_option_order(q, (uint64_t)l, perm);
            quiz_option_order(q, (uint64_t)l, again);
            assert_memory_equal(perm, again, sizeof perm);
            for (int k = 0; k < q->noptions; k++)
                seen[perm[k]]++;
            for (int k = 0; k < q->noptions; k++)
                assert_int_equal(seen[k], 1);
            shown_first += perm[0] == q->answer;
            total++;
        }
    print_message("right answer shown first in %d of %d questions\n", shown_first, total);
    assert_true(total >= 30);
    assert_true(shown_first * 2 < total);
    academy_free(&set);
}

/* ---------------- surface rules can't pass a level ---------------- */

enum { CH_LONGEST, CH_SHORTEST, CH_FIRST_SHOWN, CH_LAST_SHOWN, CH_COUNT };
enum { TF_TRUE, TF_FALSE, TF_FIRST_SHOWN, TF_COUNT };
static const char *const ch_names[CH_COUNT] = {"longest", "shortest", "first shown", "last shown"};
static const char *const tf_names[TF_COUNT] = {"True", "False", "first shown"};

typedef struct Surface {
    int choice, tf, slider;
    int place; /* a landmark index, or -1 = "it can't be wrapped" */
} Surface;

/* The option a rule picks, by the length of its text (ties go to the one shown first). */
static int pick_option(const Question *q, int rule, uint64_t seed)
{
    int perm[AC_MAX_OPTIONS];
    quiz_option_order(q, seed, perm);
    if (rule == CH_FIRST_SHOWN)
        return perm[0];
    if (rule == CH_LAST_SHOWN)
        return perm[q->noptions - 1];
    int best = perm[0];
    for (int s = 1; s < q->noptions; s++) {
        size_t l = strlen(q->options[perm[s]]), b = strlen(q->options[best]);
        if (rule == CH_LONGEST ? l > b : l < b)
            best = perm[s];
    }
    return best;
}

static void surface_answer(const Question *q, const Surface *sf, uint64_t seed, Answer *a)
{
    memset(a, 0, sizeof *a);
    switch (q->kind) {
    case Q_PLACEMENT:
        if (sf->place < 0)
            a->nowhere = true;
        else
            figure_landmark(sf->place, &a->x, &a->y);
        a->view = q->view; /* the side shown first */
        break;
    case Q_TIGHTNESS:
        a->value = sf->slider;
        break;
    case Q_TRUEFALSE: {
        int perm[AC_MAX_OPTIONS];
        quiz_option_order(q, seed, perm);
        a->value = sf->tf == TF_TRUE ? 1 : sf->tf == TF_FALSE ? 0 : perm[0];
        break;
    }
    case Q_ORDER:
        quiz_shuffled_order(q, seed, a->order); /* left as shown */
        break;
    default:
        a->value = pick_option(q, sf->choice, seed);
        break;
    }
}

/* The shuffle seed of a level's attempt, as the quiz scene makes it (a new order on every attempt). */
static uint64_t attempt_seed(int level, int attempt)
{
    return (uint64_t)level * 7919u + 17u + (uint64_t)attempt * 0x9E3779B97F4A7C15ull;
}
#define SURFACE_ATTEMPTS 6

/* Plays a level by a surface rule; returns its stars, and the percent in *pct. */
static int play_surface(const Level *lv, int l, int attempt, const Surface *sf, int *pct)
{
    QuizRun run;
    quiz_start(&run, lv);
    do {
        Answer a;
        surface_answer(&lv->questions[run.index], sf, attempt_seed(l, attempt), &a);
        quiz_submit(&run, &a);
    } while (quiz_next(&run));
    *pct = quiz_percent(&run);
    return quiz_stars(&run);
}

/* Every level is played with every combination of: always the longest / shortest / first / last option,
 * always True / False / the first shown, the slider fixed at 0..10, the band on one fixed landmark (or
 * always "it can't be wrapped"), and the ordering steps left as shown; rules by content on six attempts
 * (each with its own shuffle), rules by position on the first. None may pass. */
static void surface_rules_never_pass(void **state)
{
    (void)state;
    LevelSet set;
    assert_int_equal(academy_load_dir(&set, LEVELS_DIR, NULL, NULL), 0);
    int nl = figure_landmark_count(), passes = 0;
    print_message("%-26s %8s %8s %8s %8s %8s %8s %8s\n", "best score by rule", "longest", "shortest", "True",
                  "False", "slider", "place", "any");
    for (int l = 0; l < set.count; l++) {
        const Level *lv = &set.levels[l];
        int best_ch[CH_COUNT] = {0}, best_tf[TF_COUNT] = {0}, best_sl[11] = {0}, best_place = 0, best_any = 0;
        Surface worst = {0};
        for (int ch = 0; ch < CH_COUNT; ch++)
            for (int tf = 0; tf < TF_COUNT; tf++)
                for (int sl = 0; sl <= 10; sl++)
                    for (int pl = -1; pl < nl; pl++)
                        for (int at = 0; at < SURFACE_ATTEMPTS; at++) {
                        /* every attempt shows a new order: a rule by position ("the first one shown") is then a
                         * coin toss, so it is judged on the first attempt; rules by content on every one */
                        if (at > 0 && (ch >= CH_FIRST_SHOWN || tf == TF_FIRST_SHOWN))
                            continue;
                        Surface sf = {ch, tf, sl, pl};
                        int pct, stars = play_surface(lv, l, at, &sf, &pct);
                        if (stars > 0 && ++passes <= 5) {
                            print_message("%s passes with %s / %s / slider %d / landmark %d: %d %%\n", lv->id,
                                          ch_names[ch], tf_names[tf], sl, pl, pct);
                        }
                        best_ch[ch] = pct > best_ch[ch] ? pct : best_ch[ch];
                        best_tf[tf] = pct > best_tf[tf] ? pct : best_tf[tf];
                        best_sl[sl] = pct > best_sl[sl] ? pct : best_sl[sl];
                        best_place = pct > best_place ? pct : best_place;
                        if (pct > best_any) {
                            best_any = pct;
                            worst = sf;
                        }
                    }
        int sl_max = 0;
        for (int k = 0; k <= 10; k++)
            sl_max = best_sl[k] > sl_max ? best_sl[k] : sl_max;
        print_message("%-26s %7d%% %7d%% %7d%% %7d%% %7d%% %7d%% %7d%%  (pass %d %%; best: %s, %s, slider %d, "
                      "landmark %d)\n",
                      lv->id, best_ch[CH_LONGEST], best_ch[CH_SHORTEST], best_tf[TF_TRUE], best_tf[TF_FALSE], sl_max,
                      best_place, best_any, lv->pass_percent, ch_names[worst.choice], tf_names[worst.tf],
                      worst.slider, worst.place);
    }
    assert_int_equal(passes, 0);
    academy_free(&set);
}

/* The right option is not given away by its length: it is the longest in at most a third of the choice
 * and scenario questions (the shortest likewise), and never much longer than the longest wrong one. */
static void option_lengths_give_nothing_away(void **state)
{
    (void)state;
    LevelSet set;
    assert_int_equal(academy_load_dir(&set, LEVELS_DIR, NULL, NULL), 0);
    int total = 0, longest = 0, shortest = 0;
    double worst_ratio = 0;
    const char *worst_id = "";
    for (int l = 0; l < set.count; l++)
        for (int i = 0; i < set.levels[l].nquestions; i++) {
            const Question *q = &set.levels[l].questions[i];
            if (q->kind != Q_CHOICE && q->kind != Q_SCENARIO)
                continue;
            size_t right = strlen(q->options[q->answer]), max_wrong = 0, min_wrong = SIZE_MAX;
            for (int o = 0; o < q->noptions; o++) {
                if (o == q->answer)
                    continue;
                size_t n = strlen(q->options[o]);
                max_wrong = n > max_wrong ? n : max_wrong;
                min_wrong = n < min_wrong ? n : min_wrong;
            }
            total++;
            longest += right > max_wrong;
            shortest += right < min_wrong;
            double ratio = (double)right / (double)max_wrong;
            if (ratio > worst_ratio) {
                worst_ratio = ratio;
                worst_id = q->id;
            }
        }
    print_message("right answer strictly longest in %d of %d, strictly shortest in %d; worst length ratio %.2f "
                  "(%s)\n",
                  longest, total, shortest, worst_ratio, worst_id);
    assert_true(total >= 30);
    assert_true(longest * 3 <= total);
    assert_true(shortest * 3 <= total);
    assert_true(worst_ratio <= 1.25);
    academy_free(&set);
}

/* True/false is shown True-first for some questions and False-first for others, and its answers are
 * not all the same. */
static void truefalse_order_and_answers_vary(void **state)
{
    (void)state;
    LevelSet set;
    assert_int_equal(academy_load_dir(&set, LEVELS_DIR, NULL, NULL), 0);
    int true_first = 0, total = 0, answer_true = 0;
    for (int l = 0; l < set.count; l++)
        for (int i = 0; i < set.levels[l].nquestions; i++) {
            const Question *q = &set.levels[l].questions[i];
            if (q->kind != Q_TRUEFALSE)
                continue;
            int perm[AC_MAX_OPTIONS];
            quiz_option_order(q, (uint64_t)l * 7919u + 17u, perm);
            assert_true((perm[0] == 1 && perm[1] == 0) || (perm[0] == 0 && perm[1] == 1));
            true_first += perm[0] == 1;
            answer_true += q->answer;
            total++;
        }
    print_message("true/false: %d of %d shown True first, %d answered True\n", true_first, total, answer_true);
    assert_true(total >= 6);
    assert_true(true_first * 4 >= total && true_first * 4 <= 3 * total);
    assert_true(answer_true * 4 >= total && answer_true * 4 <= 3 * total);
    academy_free(&set);
}

/* Keys and clickers snap the band between landmarks: from the tray, every right zone of every shipped
 * placement question is reached within 8 presses of "next" or "previous". */
static void every_zone_within_eight_presses(void **state)
{
    (void)state;
    LevelSet set;
    assert_int_equal(academy_load_dir(&set, LEVELS_DIR, NULL, NULL), 0);
    int n = figure_landmark_count(), worst = 0, checked = 0;
    for (int l = 0; l < set.count; l++)
        for (int i = 0; i < set.levels[l].nquestions; i++) {
            const Question *q = &set.levels[l].questions[i];
            if (q->kind != Q_PLACEMENT || q->cannot_wrap)
                continue;
            int presses = 1000;
            for (int k = 0; k < n; k++) {
                Answer a = {.view = q->view};
                figure_landmark(k, &a.x, &a.y);
                int p = k + 1 < n - k ? k + 1 : n - k; /* next from the tray lands on 0, previous on n-1 */
                if (quiz_mark(q, &a).correct && p < presses)
                    presses = p;
            }
            if (presses > 8)
                fail_msg("%s: no landmark in a right zone within 8 presses (%d)", q->id, presses);
            worst = presses > worst ? presses : worst;
            checked++;
        }
    print_message("%d placements, worst %d presses\n", checked, worst);
    assert_true(checked >= 10);
    /* the band follows the limb: across the upper arm it slants, across the thigh it lies flat */
    float arm = figure_limb_angle(0.288f, 0.238f), thigh = figure_limb_angle(0.42f, 0.522f);
    assert_true(arm > 95.0f && arm < 140.0f);
    assert_true(fabsf(thigh - 90.0f) < 8.0f);
    assert_true(fabsf(figure_limb_angle(1.0f - 0.288f, 0.238f) - (180.0f - arm)) < 0.01f); /* mirrored */
    academy_free(&set);
}

/* A required question answered wrong keeps the level shut whatever the score; the score is rounded to
 * the nearest percent and only full marks show 100. */
static void required_items_and_rounding(void **state)
{
    (void)state;
    Level *lv = malloc(sizeof *lv);
    char text[4096] = "{\"version\":1,\"id\":\"r\",\"title\":\"R\",\"pass_percent\":60,\"questions\":[";
    for (int i = 0; i < 9; i++) {
        char q[200];
        snprintf(q, sizeof q, "%s{\"id\":\"q%d\",\"kind\":\"truefalse\",\"prompt\":\"p\",\"explain\":\"e\",\"answer\":true%s}",
                 i ? "," : "", i, i == 4 ? ",\"required\":true" : "");
        strncat(text, q, sizeof text - strlen(text) - 1);
    }
    strncat(text, "]}", sizeof text - strlen(text) - 1);
    Lines lines;
    assert_int_equal(parse_text(text, &lines, lv), 0);
    assert_int_equal(level_required_count(lv), 1);
    assert_true(lv->questions[4].required);
    assert_false(lv->questions[3].required);
    /* 8 of 9 right, but the wrong one is required: 89 %, not passed, and the missed item is named */
    for (int wrong = 0; wrong < 9; wrong++) {
        QuizRun run;
        quiz_start(&run, lv);
        do {
            Answer a = {.value = run.index == wrong ? 0 : 1};
            quiz_submit(&run, &a);
        } while (quiz_next(&run));
        assert_int_equal(quiz_percent(&run), 89);
        assert_int_equal(quiz_right_count(&run), 8);
        int idx[4];
        assert_int_equal(quiz_missed_required(&run, idx, 4), wrong == 4);
        assert_int_equal(quiz_stars(&run), wrong == 4 ? 0 : 2);
        if (wrong == 4)
            assert_int_equal(idx[0], 4);
    }
    /* 7 of 9 = 77.8 %: shown as 78 */
    QuizRun run;
    quiz_start(&run, lv);
    do {
        Answer a = {.value = run.index < 2 ? 0 : 1};
        quiz_submit(&run, &a);
    } while (quiz_next(&run));
    assert_int_equal(quiz_percent(&run), 78);
    assert_int_equal(quiz_right_count(&run), 7);
    /* 199 of 200 would round to 100: it shows 99, and only full marks get three stars */
    run.earned = 199;
    run.total = 200;
    assert_int_equal(quiz_percent(&run), 99);
    run.earned = 200;
    assert_int_equal(quiz_percent(&run), 100);
    assert_int_equal(level_star_percent(lv, 1), 60);
    assert_int_equal(level_star_percent(lv, 2), 80);
    assert_int_equal(level_star_percent(lv, 3), 100);
    /* "required" must be true or false */
    const char *bad = "{\"version\":1,\"id\":\"r\",\"title\":\"R\",\"questions\":[{\"id\":\"a\",\"kind\":\"truefalse\","
                      "\"prompt\":\"p\",\"explain\":\"e\",\"answer\":true,\"required\":\"yes\"}]}";
    assert_true(parse_text(bad, &lines, lv) > 0);
    assert_true(any_line_has(&lines, "questions[0] (a).required", "true or false"));
    free(lv);
}

/* The safety points the issue lists are required wherever they are asked, and each appears somewhere. */
static void safety_items_are_required(void **state)
{
    (void)state;
    LevelSet set;
    assert_int_equal(academy_load_dir(&set, LEVELS_DIR, NULL, NULL), 0);
    const char *must[] = {"trick-neck", "exam-neck", "safe-tourniquet", "safe-remove-when", "safe-numb",
                          "safe-time-arm", "safe-time-leg", "case-tingling", "tight-rewrap", "case-lingering"};
    for (size_t m = 0; m < OC_ARRAY_LEN(must); m++) {
        bool found = false;
        for (int l = 0; l < set.count; l++)
            for (int i = 0; i < set.levels[l].nquestions; i++)
                if (strcmp(set.levels[l].questions[i].id, must[m]) == 0) {
                    found = true;
                    if (!set.levels[l].questions[i].required)
                        fail_msg("%s is a safety item and must be \"required\"", must[m]);
                }
        if (!found)
            fail_msg("safety item %s is missing", must[m]);
    }
    int required = 0;
    for (int l = 0; l < set.count; l++)
        required += level_required_count(&set.levels[l]);
    print_message("%d required questions\n", required);
    academy_free(&set);
}

/* ---------------- messages for broken files ---------------- */

static void errors_name_the_field(void **state)
{
    (void)state;
    Level *lv = malloc(sizeof *lv);
    Lines lines;
    struct {
        const char *text, *field, *words;
    } cases[] = {
        {"{\"version\":2,\"id\":\"x\",\"title\":\"X\",\"questions\":[]}", "version", "from 1 to 1"},
        {"{\"version\":1,\"id\":\"Bad Id\",\"title\":\"X\"}", "id", "may use only"},
        {"{\"version\":1,\"id\":\"x\",\"title\":\"X\",\"questions\":[]}", "questions", "1 to"},
        {"{\"version\":1,\"id\":\"x\",\"title\":\"X\",\"titel\":\"typo\",\"questions\":[]}", "titel", "unknown field"},
        {"{\"version\":1,\"id\":\"x\",\"title\":\"X\",\"questions\":[{\"id\":\"q\",\"kind\":\"quiz\"}]}",
         "questions[0] (q).kind", "expected placement"},
        {"{\"version\":1,\"id\":\"x\",\"title\":\"X\",\"questions\":[{\"id\":\"q\",\"kind\":\"choice\","
         "\"prompt\":\"p\",\"explain\":\"e\",\"options\":[\"a\",\"b\"],\"answer\":2}]}",
         "questions[0] (q).answer", "from 0 to 1"},
        {"{\"version\":1,\"id\":\"x\",\"title\":\"X\",\"questions\":[{\"id\":\"q\",\"kind\":\"tightness\","
         "\"prompt\":\"p\",\"explain\":\"e\",\"accept\":[8,6],\"best\":7,\"too_loose\":\"l\",\"too_tight\":\"t\"}]}",
         "questions[0] (q).accept", "[lowest, highest]"},
        {"{\"version\":1,\"id\":\"x\",\"title\":\"X\",\"questions\":[{\"id\":\"q\",\"kind\":\"placement\","
         "\"muscle\":\"m\",\"prompt\":\"p\",\"explain\":\"e\",\"zones\":[{\"rect\":[0.9,0.1,0.3,0.1]}]}]}",
         "questions[0] (q).zones[0].rect", "inside the figure"},
        {"{\"version\":1,\"id\":\"x\",\"title\":\"X\",\"questions\":[{\"id\":\"q\",\"kind\":\"placement\","
         "\"muscle\":\"m\",\"prompt\":\"p\",\"explain\":\"e\",\"cannot_wrap\":true,\"zones\":[{\"rect\":[0,0,1,1]}]}]}",
         "questions[0] (q).zones", "must be left out"},
        {"{\"version\":1,\"id\":\"x\",\"title\":\"X\",\"questions\":[{\"id\":\"q\",\"kind\":\"placement\","
         "\"muscle\":\"m\",\"prompt\":\"p\",\"explain\":\"e\",\"zones\":[{\"ellipse\":[0.5,0.5,0.1,0.1]}],"
         "\"mistakes\":[{\"rect\":[0.3,0.3,0.4,0.4],\"why\":\"w\"}]}]}",
         "questions[0] (q).mistakes[0]", "covers the centre of zones[0]"},
        {"{\"version\":1,\"id\":\"x\",\"title\":\"X\",\"questions\":[{\"id\":\"q\",\"kind\":\"order\","
         "\"prompt\":\"p\",\"explain\":\"e\",\"steps\":[\"a\",\"b\",\"a\"]}]}",
         "questions[0] (q).steps[2]", "repeats item 0"},
        {"{\"version\":1,\"id\":\"x\",\"title\":\"X\",\"questions\":[{\"id\":\"q\",\"kind\":\"truefalse\","
         "\"prompt\":\"p\",\"explain\":\"e\",\"answer\":true},{\"id\":\"q\",\"kind\":\"truefalse\","
         "\"prompt\":\"p\",\"explain\":\"e\",\"answer\":true}]}",
         "questions[1].id", "already used"},
        {"{\"version\":1,\"id\":\"x\",\"title\":\"X\",\"questions\":[{\"id\":\"q\",\"kind\":\"truefalse\","
         "\"prompt\":\"\\u0001\",\"explain\":\"e\",\"answer\":true}]}",
         "questions[0] (q).prompt", "control character"},
        {"{\"version\":1,\"id\":\"x\",\"title\":\"X\",\"version\":1,\"questions\":[]}", "version", "twice"},
        {"{\"version\":1,\"id\":\"x\",\"title\":\"X\",\"questions\":[{\"id\":\"q\",\"kind\":\"order\","
         "\"prompt\":\"p\",\"explain\":\"e\",\"steps\":[\"a\",\"b\\u0007\",\"c\"]}]}",
         "questions[0] (q).steps[1]", "control character"},
        {"{\"version\":1,\"id\":\"x\",\"title\":\"X\",\"defaults\":{\"view\":\"side\"},\"questions\":[]}",
         "defaults.view", "\"front\" or \"back\""},
        {"[1,2,3]", "test.json", "JSON object"},
        {"{\"version\":1,\n\"id\":", "test.json", "line 2"},
    };
    for (size_t i = 0; i < OC_ARRAY_LEN(cases); i++) {
        int errs = parse_text(cases[i].text, &lines, lv);
        if (errs == 0 || !any_line_has(&lines, cases[i].field, cases[i].words)) {
            for (int k = 0; k < lines.n && k < 64; k++)
                print_message("  got: %s\n", lines.line[k]);
            fail_msg("case %zu: expected an error naming '%s' with '%s'", i, cases[i].field, cases[i].words);
        }
        assert_true(strncmp(lines.line[0], "test.json: ", 11) == 0);
    }
    free(lv);
}

static void broken_file_skipped_rest_loaded(void **state)
{
    (void)state;
    LevelSet set;
    Lines lines = {0};
    assert_int_equal(academy_load_dir(&set, MIXED_DIR, collect, &lines), 0);
    assert_int_equal(set.files, 4);
    assert_int_equal(set.count, 2);
    assert_int_equal(set.skipped, 2);
    assert_int_equal(set.questions, 3);
    assert_string_equal(set.levels[0].id, "mixed-good-one");
    assert_string_equal(set.levels[1].id, "mixed-good-two");
    assert_true(any_line_has(&lines, "02-broken.json", "questions[1] (m2-zone).zones[0].ellipse"));
    assert_true(any_line_has(&lines, "03-truncated.json", "not valid JSON"));
    assert_int_equal(set.errors, lines.n);
    academy_free(&set);

    /* a missing folder is reported, not a crash */
    memset(&lines, 0, sizeof lines);
    assert_int_equal(academy_load_dir(&set, OC_SOURCE_DIR "/no/such/folder", collect, &lines), -1);
    assert_true(any_line_has(&lines, "no/such/folder", "cannot open"));
    academy_free(&set);
}

static void check_prints_the_summary_last(void **state)
{
    (void)state;
    char path[] = "/tmp/oc-check-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w+");
    assert_int_equal(academy_check(MIXED_DIR, f), 1);
    rewind(f);
    char line[1024], last[1024] = "";
    int n = 0;
    while (fgets(line, sizeof line, f)) {
        oc_strlcpy(last, line, sizeof last);
        n++;
    }
    fclose(f);
    remove(path);
    assert_int_equal(n, 3);
    assert_string_equal(last, "2 levels, 3 questions, 2 errors\n");
}

/* ---------------- hostile input ---------------- */

static int parse_bytes(const char *buf, size_t len, Level *lv)
{
    return academy_parse_level(buf, len, "fuzz.json", lv, NULL, NULL);
}

static void truncated_files_never_crash(void **state)
{
    (void)state;
    Level *lv = malloc(sizeof *lv);
    char err[256];
    const char *files[] = {LEVELS_DIR "/02-where-the-band-goes.json", LEVELS_DIR "/04-how-tight.json",
                           LEVELS_DIR "/05-the-workout.json"};
    long parses = 0;
    for (size_t f = 0; f < OC_ARRAY_LEN(files); f++) {
        size_t len;
        char *text = oc_read_file(files[f], &len, err, sizeof err);
        assert_non_null(text);
        /* every prefix (cut mid-token, mid-string, mid-UTF-8) is invalid JSON and must be rejected */
        for (size_t cut = 0; cut + 1 < len; cut += 1 + cut / 64) {
            char *part = malloc(cut ? cut : 1);
            memcpy(part, text, cut);
            assert_true(parse_bytes(part, cut, lv) > 0);
            free(part);
            parses++;
        }
        assert_int_equal(parse_bytes(text, len, lv), 0);
        free(text);
    }
    print_message("%ld truncated parses\n", parses);
    free(lv);
}

static void mutated_files_never_crash(void **state)
{
    (void)state;
    Level *lv = malloc(sizeof *lv);
    char err[256];
    size_t len;
    char *text = oc_read_file(LEVELS_DIR "/03-shoulders-and-trick-spots.json", &len, err, sizeof err);
    assert_non_null(text);
    Rng r;
    rng_seed(&r, 42);
    char *buf = malloc(len);
    int accepted = 0;
    const char junk[] = "{}[]\",:0123456789.eE+-truefalsn\\ \xff\xc3";
    for (int it = 0; it < 3000; it++) {
        memcpy(buf, text, len);
        int flips = 1 + (int)(rng_next(&r) % 4);
        for (int k = 0; k < flips; k++)
            buf[rng_next(&r) % len] = junk[rng_next(&r) % (sizeof junk - 1)];
        accepted += parse_bytes(buf, len, lv) == 0;
    }
    print_message("%d of 3000 mutants still valid\n", accepted);
    free(buf);
    free(text);
    free(lv);
}

/* Replace one value anywhere in the tree by null: every field rejects null, by name. */
static int count_values(cJSON *node)
{
    int n = 0;
    for (cJSON *c = node->child; c; c = c->next)
        n += 1 + count_values(c);
    return n;
}

/* The k-th value in document order, and the object or array holding it. */
static cJSON *nth_value(cJSON *node, int *k, cJSON **parent)
{
    for (cJSON *c = node->child; c; c = c->next) {
        if ((*k)-- == 0) {
            *parent = node;
            return c;
        }
        cJSON *d = nth_value(c, k, parent);
        if (d)
            return d;
    }
    return NULL;
}

static void every_field_rejects_the_wrong_type(void **state)
{
    (void)state;
    Level *lv = malloc(sizeof *lv);
    char err[256];
    size_t len;
    char *text = oc_read_file(LEVELS_DIR "/02-where-the-band-goes.json", &len, err, sizeof err);
    assert_non_null(text);
    cJSON *root = cJSON_Parse(text);
    int total = count_values(root);
    const char *replacements[] = {"null", "{}", "1e308", "\"\"", "[[[[[[]]]]]]"};
    int checked = 0;
    for (int i = 0; i < total; i++)
        for (size_t r = 0; r < OC_ARRAY_LEN(replacements); r++) {
            cJSON *copy = cJSON_Parse(text);
            int k = i;
            cJSON *parent = NULL;
            cJSON *victim = nth_value(copy, &k, &parent);
            cJSON *repl = cJSON_Parse(replacements[r]);
            assert_non_null(victim);
            cJSON_bool done = cJSON_ReplaceItemViaPointer(parent, victim, repl);
            assert_true(done);
            char *out = cJSON_PrintUnformatted(copy);
            int errs = parse_bytes(out, strlen(out), lv);
            if (r == 0 && errs == 0)
                fail_msg("null at value %d was accepted: %.200s", i, out);
            checked++;
            free(out);
            cJSON_Delete(copy);
        }
    print_message("%d single-value replacements over %d values\n", checked, total);
    cJSON_Delete(root);
    free(text);
    free(lv);
}

static void hostile_files_never_crash(void **state)
{
    (void)state;
    Level *lv = malloc(sizeof *lv);
    /* deep nesting */
    size_t deep = 20000;
    char *buf = malloc(deep * 2 + 1);
    for (size_t i = 0; i < deep; i++) {
        buf[i] = '[';
        buf[deep * 2 - 1 - i] = ']';
    }
    buf[deep * 2] = '\0';
    assert_true(parse_bytes(buf, deep * 2, lv) > 0);
    free(buf);
    /* a huge string, far over every limit */
    size_t big = 300000;
    buf = malloc(big + 64);
    int n = snprintf(buf, 64, "{\"version\":1,\"id\":\"x\",\"title\":\"");
    memset(buf + n, 'a', big - (size_t)n - 3);
    memcpy(buf + big - 3, "\"}", 3);
    assert_true(parse_bytes(buf, big - 1, lv) > 0);
    free(buf);
    /* too many questions, embedded NULs, bad UTF-8, numbers out of range */
    const char *cases[] = {
        "{\"version\":1,\"id\":\"x\",\"title\":\"\xff\xfe\",\"questions\":[]}",
        "{\"version\":1e999,\"id\":\"x\",\"title\":\"X\",\"questions\":[]}",
        "{\"version\":-1,\"id\":\"x\",\"title\":\"X\",\"questions\":[]}",
        "{\"version\":1.5,\"id\":\"x\",\"title\":\"X\",\"questions\":[]}",
        "{\"version\":1,\"id\":\"x\",\"title\":\"X\",\"questions\":[{\"id\":\"q\",\"kind\":\"placement\","
        "\"muscle\":\"m\",\"prompt\":\"p\",\"explain\":\"e\",\"zones\":[{\"polygon\":[[0,0],[0,0],[0,0]]}]}]}",
        "{\"version\":1,\"id\":\"x\",\"title\":\"X\",\"questions\":[{\"id\":\"q\",\"kind\":\"placement\","
        "\"muscle\":\"m\",\"prompt\":\"p\",\"explain\":\"e\",\"zones\":[{\"polygon\":[[0,0],[1,0],[1,1],[0,1],[0,0],[0,0],"
        "[0,0],[0,0],[0,0],[0,0],[0,0],[0,0],[0,0]]}]}]}",
        "{\"version\":1,\"id\":\"x\",\"title\":\"X\",\"questions\":{\"id\":\"q\"}}",
        "",
        "\0\0\0",
        "nul\0l",
    };
    for (size_t i = 0; i < OC_ARRAY_LEN(cases); i++)
        assert_true(parse_bytes(cases[i], strlen(cases[i]) + (i >= 8 ? 3 : 0), lv) > 0);
    /* 25 questions: one more than a level may hold */
    char many[16000];
    int m = snprintf(many, sizeof many, "{\"version\":1,\"id\":\"x\",\"title\":\"X\",\"questions\":[");
    for (int i = 0; i < 25; i++)
        m += snprintf(many + m, sizeof many - (size_t)m,
                      "%s{\"id\":\"q%d\",\"kind\":\"truefalse\",\"prompt\":\"p\",\"explain\":\"e\",\"answer\":true}",
                      i ? "," : "", i);
    snprintf(many + m, sizeof many - (size_t)m, "]}");
    Lines lines;
    assert_true(parse_text(many, &lines, lv) > 0);
    assert_true(any_line_has(&lines, "questions", "1 to 24"));
    free(lv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shipped_levels_validate),
        cmocka_unit_test(shipped_placements_match_the_figure),
        cmocka_unit_test(coverage_rows_are_asked),
        cmocka_unit_test(hit_rect_ellipse_polygon),
        cmocka_unit_test(placement_marking),
        cmocka_unit_test(playthrough_unlocks),
        cmocka_unit_test(stars_at_the_boundaries),
        cmocka_unit_test(tightness_and_order_marking),
        cmocka_unit_test(options_are_shuffled),
        cmocka_unit_test(surface_rules_never_pass),
        cmocka_unit_test(option_lengths_give_nothing_away),
        cmocka_unit_test(truefalse_order_and_answers_vary),
        cmocka_unit_test(every_zone_within_eight_presses),
        cmocka_unit_test(required_items_and_rounding),
        cmocka_unit_test(safety_items_are_required),
        cmocka_unit_test(errors_name_the_field),
        cmocka_unit_test(broken_file_skipped_rest_loaded),
        cmocka_unit_test(check_prints_the_summary_last),
        cmocka_unit_test(truncated_files_never_crash),
        cmocka_unit_test(mutated_files_never_crash),
        cmocka_unit_test(every_field_rejects_the_wrong_type),
        cmocka_unit_test(hostile_files_never_crash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
