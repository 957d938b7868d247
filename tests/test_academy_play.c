/* The Academy played through the real scenes, headless at 1920x1080: a student is created by typing,
 * every level is played with the keyboard and the mouse (placement by dragging the band onto the figure),
 * wrong answers leave the next level locked, right ones unlock it, and the scores land in SQLite. A
 * screenshot of each question kind, asked and answered, is written to the test output folder and checked
 * pixel by pixel where the answer is drawn. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "academy_ui.h"
#include "app.h"
#include "oc_util.h"
#include "png_check.h"
#include "test_app.h"

static const char *outdir = ".";
static LevelSet levels;
static int size_w = 1920, size_h = 1080;

static int start(void **state)
{
    App *app = test_app_start("academy", size_w, size_h, true);
    if (!app)
        return -1;
    app->settings.reduced_motion = true; /* stars drawn at once: screenshots don't depend on timing */
    char dir[OC_PATH_MAX];
    app_levels_dir(&app->opt, dir, sizeof dir);
    if (academy_load_dir(&levels, dir, NULL, NULL) != 0 || levels.errors)
        return -1;
    *state = app;
    return 0;
}

static int stop(void **state)
{
    academy_free(&levels);
    return test_app_stop(*state);
}

static void frame(App *app)
{
    test_frame(app);
}

static void key(App *app, SDL_Keycode k)
{
    test_key(app, k, 0);
}

static void mouse(App *app, Uint32 type_, float lx, float ly)
{
    SDL_Event e = {0};
    e.type = type_;
    Sint32 x = (Sint32)(lx * app->frame.scale), y = (Sint32)(ly * app->frame.scale);
    if (type_ == SDL_MOUSEMOTION) {
        e.motion.x = x;
        e.motion.y = y;
    } else {
        e.button.button = SDL_BUTTON_LEFT;
        e.button.x = x;
        e.button.y = y;
    }
    SDL_PushEvent(&e);
    frame(app);
}

static Scene *top(App *app)
{
    return app->depth ? app->stack[app->depth - 1] : NULL;
}

static void where(App *app, int *lv, int *q, int *phase)
{
    assert_true(quiz_probe(top(app), lv, q, phase));
}

static void shot(App *app, const char *name, Image *img)
{
    char path[600], err[300];
    frame(app);
    snprintf(path, sizeof path, "%s/academy-%s.png", outdir, name);
    assert_int_equal(app_screenshot(app, path, err, sizeof err), 0);
    if (img)
        assert_int_equal(image_load(img, path), 0);
}

static bool kind_shot_taken[Q_KIND_COUNT];
static char name_buf[128];

/* Answer the current question through the interface, right or wrong. */
static void answer(App *app, int level, const Question *q, bool right)
{
    static const char *const kind[Q_KIND_COUNT] = {"placement", "tightness", "choice", "truefalse", "order", "scenario"};
    bool want_shot = right && !kind_shot_taken[q->kind];
    Image img = {0};
    if (want_shot) {
        char name[64];
        snprintf(name, sizeof name, "%s-ask", kind[q->kind]);
        shot(app, name, NULL);
    }
    switch (q->kind) {
    case Q_PLACEMENT: {
        if (q->cannot_wrap == right) {
            key(app, SDLK_n); /* "It can't be wrapped" */
            break;
        }
        float fx = 0.5f, fy = 0.075f; /* wrong: on the head */
        FigureView v = q->view;
        if (right) {
            shape_center(&q->zones[0], &fx, &fy);
            v = q->zones[0].view;
        }
        if (v != q->view)
            key(app, SDLK_TAB);
        if (right && level + 1 < levels.count) {
            /* a presenter clicker: Page Down / Page Up jump between landmarks; any zone within 8 presses */
            int n = figure_landmark_count(), best_k = -1, best_p = 1000;
            for (int k = 0; k < n; k++) {
                Answer a = {.view = q->view};
                figure_landmark(k, &a.x, &a.y);
                int p = k + 1 < n - k ? k + 1 : n - k;
                if (quiz_mark(q, &a).correct && p < best_p) {
                    best_p = p;
                    best_k = k;
                }
            }
            assert_true(best_k >= 0);
            assert_true(best_p <= 8);
            bool fwd = best_k + 1 <= n - best_k;
            for (int i = 0; i < best_p; i++)
                key(app, fwd ? SDLK_PAGEDOWN : SDLK_PAGEUP);
            float bx, by;
            FigureView bv;
            assert_true(quiz_probe_band(top(app), &bx, &by, &bv));
            float ex, ey;
            figure_landmark(best_k, &ex, &ey);
            assert_true(fabsf(bx - ex) < 1e-6f && fabsf(by - ey) < 1e-6f);
            key(app, SDLK_RETURN);
            break;
        }
        /* drag: press on the body near the spot, move onto it, let go, then check */
        float lx, ly;
        quiz_figure_point(fx, fy, &lx, &ly);
        mouse(app, SDL_MOUSEBUTTONDOWN, lx - 30, ly + 20);
        mouse(app, SDL_MOUSEMOTION, lx - 10, ly + 5);
        mouse(app, SDL_MOUSEMOTION, lx, ly);
        mouse(app, SDL_MOUSEBUTTONUP, lx, ly);
        key(app, SDLK_RETURN);
        break;
    }
    case Q_TIGHTNESS: {
        int target = right ? q->best : 10;
        for (int i = 0; i < target; i++)
            key(app, SDLK_RIGHT);
        key(app, SDLK_RETURN);
        break;
    }
    case Q_TRUEFALSE: { /* True first for some questions, False first for others */
        int perm[AC_MAX_OPTIONS], target = right ? q->answer : !q->answer;
        quiz_option_order(q, quiz_current_seed(top(app)), perm);
        if (!right) { /* the T and F keys answer at once */
            test_text(app, target ? "t" : "f");
            break;
        }
        if (perm[1] == target)
            key(app, SDLK_RIGHT);
        key(app, SDLK_RETURN);
        break;
    }
    case Q_CHOICE:
    case Q_SCENARIO: {
        int target = right ? q->answer : (q->answer + 1) % q->noptions, perm[AC_MAX_OPTIONS], slot = 0;
        quiz_option_order(q, quiz_current_seed(top(app)), perm);
        for (int i = 0; i < q->noptions; i++)
            if (perm[i] == target)
                slot = i;
        if (q->kind == Q_CHOICE) { /* the letter shown on the option answers it */
            char letter[2] = {(char)('a' + slot), '\0'};
            test_text(app, letter);
            break;
        }
        for (int i = 0; i < slot; i++)
            key(app, SDLK_DOWN);
        key(app, SDLK_RETURN);
        break;
    }
    case Q_ORDER: {
        int order[AC_MAX_STEPS];
        quiz_shuffled_order(q, quiz_current_seed(top(app)), order);
        if (right) { /* selection sort with the keyboard: pick up, move up, put down */
            for (int slot = 0; slot < q->nsteps; slot++) {
                int at = slot;
                while (order[at] != slot)
                    at++;
                for (int i = 0; i < at; i++)
                    key(app, SDLK_DOWN);
                key(app, SDLK_RETURN);
                for (int i = at; i > slot; i--) {
                    key(app, SDLK_UP);
                    int t = order[i];
                    order[i] = order[i - 1];
                    order[i - 1] = t;
                }
                key(app, SDLK_RETURN);
                for (int i = 0; i < slot; i++) /* back to the top */
                    key(app, SDLK_UP);
            }
        }
        for (int i = 0; i < q->nsteps; i++) /* to "Check order" */
            key(app, SDLK_DOWN);
        key(app, SDLK_RETURN);
        break;
    }
    default:
        break;
    }
    int lv, qi, phase;
    where(app, &lv, &qi, &phase);
    assert_int_equal(phase, 1);
    if (want_shot) {
        char name[64];
        snprintf(name, sizeof name, "%s-answer", kind[q->kind]);
        shot(app, name, &img);
        Frame f = app->frame;
        /* the verdict stripe on the explanation box is the "right" colour */
        if (q->kind == Q_PLACEMENT && !q->cannot_wrap && q->zones[0].kind == SHAPE_ELLIPSE) {
            /* the right place is painted on the band's side of the body, outlined round the band that covers
             * its middle; the other side is left bare (a target there read as "the band is on the wrong
             * shoulder") */
            float bx, by, cx, cy, lx, ly;
            FigureView bv;
            assert_true(quiz_probe_band(top(app), &bx, &by, &bv));
            shape_center(&q->zones[0], &cx, &cy);
            if (fabsf(1.0f - cx - bx) < fabsf(cx - bx))
                cx = 1.0f - cx;
            double rgb[3];
            quiz_figure_point(cx, cy - q->zones[0].v[1][1], &lx, &ly); /* the outline's top */
            image_mean(&img, &f, (LRect){lx - 4, ly - 1, 8, 2}, rgb);
            print_message("zone outline colour %.0f %.0f %.0f\n", rgb[0], rgb[1], rgb[2]);
            assert_true(rgb[1] > rgb[0] + 20); /* green, not skin or muscle */
            quiz_figure_point(1.0f - cx, cy, &lx, &ly);
            image_mean(&img, &f, (LRect){lx - 6, ly - 3, 12, 6}, rgb);
            print_message("other side %.0f %.0f %.0f\n", rgb[0], rgb[1], rgb[2]);
            assert_false(rgb[1] > rgb[0] + 20);
            /* right: one label on the band, inside the figure's panel and the screen */
            LRect band_tag, zone_tag;
            float zone_fx;
            assert_true(quiz_probe_answer_tags(top(app), &band_tag, &zone_tag, &zone_fx));
            assert_true(band_tag.w > 0);
            assert_true(zone_tag.w == 0);
            assert_true(band_tag.x >= QUIZ_FIG_X - 30 && band_tag.x + band_tag.w <= QUIZ_FIG_X + QUIZ_FIG_W + 30);
            assert_true(band_tag.y >= 0 && band_tag.y + band_tag.h <= 1080);
        }
        image_free(&img);
        kind_shot_taken[q->kind] = true;
    }
    key(app, SDLK_RETURN); /* next */
}

static void play_level(App *app, int l, bool right)
{
    const Level *lv = &levels.levels[l];
    int at, q, phase;
    where(app, &at, &q, &phase);
    assert_int_equal(at, l);
    /* a retry is shuffled anew: positions remembered from the last attempt are no help */
    static uint64_t seen_seed[AC_MAX_LEVELS];
    uint64_t seed = quiz_current_seed(top(app));
    if (seen_seed[l]) {
        assert_true(seed != seen_seed[l]);
        int changed = 0;
        for (int i = 0; i < lv->nquestions; i++) {
            int a[AC_MAX_OPTIONS], b[AC_MAX_OPTIONS];
            quiz_option_order(&lv->questions[i], seed, a);
            quiz_option_order(&lv->questions[i], seen_seed[l], b);
            changed += memcmp(a, b, sizeof a) != 0;
        }
        print_message("retry of level %d: %d of %d questions shown in a new order\n", l + 1, changed, lv->nquestions);
        assert_true(changed * 2 >= lv->nquestions);
    }
    seen_seed[l] = seed;
    for (int i = 0; i < lv->nquestions; i++) {
        where(app, &at, &q, &phase);
        assert_int_equal(q, i);
        assert_int_equal(phase, 0);
        answer(app, l, &lv->questions[i], right);
    }
    where(app, &at, &q, &phase);
    assert_int_equal(phase, 2);
}

static void best(int64_t student, const char *level, BestScore *b)
{
    char path[400], notice[600];
    snprintf(path, sizeof path, "%s/%s", test_app_datadir(), STORE_FILE);
    Store *s = store_open(path, notice, sizeof notice);
    assert_non_null(s);
    assert_int_equal(store_best(s, student, level, b), 0);
    store_close(s);
}

static void test_full_playthrough(void **state)
{
    App *app = *state;
    frame(app);
    app_push(app, scene_academy());
    frame(app);
    assert_string_equal(app_top_name(app), "academy");
    shot(app, "map-empty", NULL);
    /* the first level asks who is learning: type a name */
    key(app, SDLK_RETURN);
    assert_true(app->typing);
    test_text(app, "A");
    key(app, SDLK_b); /* a printable key is text while typing, not "blank the screen" */
    assert_false(app->blank);
    test_text(app, "b");
    key(app, SDLK_BACKSPACE);
    test_text(app, "na");
    shot(app, "new-student", NULL);
    key(app, SDLK_RETURN);
    assert_string_equal(app_top_name(app), "quiz"); /* the level starts once the name is saved */
    assert_int_equal(levels.levels[0].questions[0].kind, Q_CHOICE);
    assert_true(app->typing); /* now letters answer: A to D pick an option */

    /* level 1 all wrong: no stars, level 2 stays locked */
    play_level(app, 0, false);
    BestScore b;
    best(1, levels.levels[0].id, &b);
    assert_int_equal(b.percent, 0);
    assert_int_equal(b.stars, 0);
    key(app, SDLK_RETURN); /* focus is on "Try again" after a fail */
    for (int l = 0; l < levels.count; l++) {
        play_level(app, l, true);
        if (l == 0 || l == levels.count - 1)
            shot(app, l == 0 ? "results" : "results-exam", NULL);
        best(1, levels.levels[l].id, &b);
        assert_int_equal(b.percent, 100);
        assert_int_equal(b.stars, 3);
        assert_int_equal(b.attempts, l == 0 ? 2 : 1);
        if (l == 0) {
            /* "All levels" goes back to the map with the level just unlocked in focus: Enter starts it */
            key(app, SDLK_RIGHT);
            key(app, SDLK_RETURN);
            assert_string_equal(app_top_name(app), "academy");
            frame(app);
            key(app, SDLK_RETURN);
            int at, q, phase;
            where(app, &at, &q, &phase);
            assert_int_equal(at, 1);
        } else if (l + 1 < levels.count) {
            key(app, SDLK_RETURN); /* focus lands on "Next level", which is now open */
            int at, q, phase;
            where(app, &at, &q, &phase);
            assert_int_equal(at, l + 1);
        }
    }
    for (int k = 0; k < Q_KIND_COUNT; k++)
        assert_true(kind_shot_taken[k]);
    key(app, SDLK_BACKSPACE);
    assert_string_equal(app_top_name(app), "academy");
    shot(app, "map-done", NULL);
}

static void test_classroom_countdown(void **state)
{
    App *app = *state;
    frame(app);
    app_push(app, scene_academy());
    frame(app);
    /* the classroom toggle: focus past the 9 level cards */
    for (int i = 0; i < levels.count; i++)
        key(app, SDLK_RIGHT);
    key(app, SDLK_RETURN);
    shot(app, "map-classroom", NULL);
    /* back to the second level (locked for a student; open to a classroom) and start it */
    for (int i = 0; i < levels.count - 1; i++)
        key(app, SDLK_LEFT);
    key(app, SDLK_RETURN);
    int lv, q, phase;
    where(app, &lv, &q, &phase);
    assert_int_equal(lv, 1);
    assert_int_equal(phase, 0);
    shot(app, "classroom-ask", NULL);
    /* the countdown reveals the answer by itself */
    int seconds = levels.levels[1].questions[0].seconds;
    for (int i = 0; i < (seconds - 1) * 60; i++)
        frame(app);
    where(app, &lv, &q, &phase);
    assert_int_equal(phase, 0);
    for (int i = 0; i < 2 * 60; i++)
        frame(app);
    where(app, &lv, &q, &phase);
    assert_int_equal(phase, 1);
    key(app, SDLK_PAGEDOWN); /* clicker: next question */
    where(app, &lv, &q, &phase);
    assert_int_equal(q, 1);
    key(app, SDLK_PAGEDOWN); /* clicker: reveal early */
    where(app, &lv, &q, &phase);
    assert_int_equal(phase, 1);
    shot(app, "classroom-answer", NULL);
}

static int start_4k(void **state)
{
    size_w = 3840;
    size_h = 2160;
    int rc = start(state);
    size_w = 1920;
    size_h = 1080;
    return rc;
}

/* On a 4K projector the figure is drawn from the 2048-pixel image: the body's outline stays sharp. */
static void test_placement_at_4k(void **state)
{
    App *app = *state;
    /* the figure is 920 logical units tall: 1840 px at 4K needs the 2048 image, 920 px at 1080p the 1024 */
    assert_int_equal(academy_figure_size(QUIZ_FIG_H * app->frame.scale), 2048);
    assert_int_equal(academy_figure_size(QUIZ_FIG_H), 1024);
    frame(app);
    app_push(app, scene_academy());
    frame(app);
    for (int i = 0; i < levels.count; i++) /* classroom view opens every level without a student */
        key(app, SDLK_RIGHT);
    key(app, SDLK_RETURN);
    for (int i = 0; i < levels.count - 1; i++)
        key(app, SDLK_LEFT);
    key(app, SDLK_RETURN);
    key(app, SDLK_PAGEDOWN); /* reveal question 1 */
    key(app, SDLK_PAGEDOWN); /* question 2: placement */
    int lv, q, phase;
    where(app, &lv, &q, &phase);
    assert_int_equal(levels.levels[lv].questions[q].kind, Q_PLACEMENT);
    key(app, SDLK_PAGEDOWN); /* show the answer */
    Image img;
    shot(app, "placement-4k", &img);
    /* across the edge of the thigh (x = 0.35 of the figure at y = 0.6) skin turns into background within
     * a few physical pixels: a blurry upscale would spread it over many */
    float ex, ey;
    quiz_figure_point(0.30f, 0.6f, &ex, &ey);
    int y = (int)(ey * app->frame.scale), x0 = (int)(ex * app->frame.scale);
    int first = -1, last = -1;
    for (int x = x0; x < x0 + 120; x++) {
        const unsigned char *px = img.px + 4 * ((size_t)y * (size_t)img.w + (size_t)x);
        int lum = (px[0] * 3 + px[1] * 6 + px[2]) / 10;
        if (lum > 40 && first < 0)
            first = x;
        if (lum < 40)
            last = x;
    }
    print_message("thigh edge found at x=%d (search from %d)\n", first, x0);
    assert_true(first > x0); /* the edge was found */
    int ramp = 0;
    for (int x = first; x < first + 20; x++) {
        const unsigned char *px = img.px + 4 * ((size_t)y * (size_t)img.w + (size_t)x);
        int lum = (px[0] * 3 + px[1] * 6 + px[2]) / 10;
        ramp += lum > 40 && lum < 110; /* between the background (~25) and the skin's shaded edge (~150) */
    }
    print_message("pixels in the edge ramp: %d\n", ramp);
    assert_true(ramp <= 4);
    (void)last;
    image_free(&img);
}


/* WCAG 2 contrast, computed here from the palette's colours (not the scene's own helper). */
static double lin(Uint8 c)
{
    double v = c / 255.0;
    return v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double wcag(SDL_Color a, SDL_Color b)
{
    double la = 0.2126 * lin(a.r) + 0.7152 * lin(a.g) + 0.0722 * lin(a.b);
    double lb = 0.2126 * lin(b.r) + 0.7152 * lin(b.g) + 0.0722 * lin(b.b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* Every answer row (plain, focused, held, right, wrong, revealed) reads at 4.5:1 or better, in both
 * palettes; and the colour that carries the meaning is still there as the outline. */
static void test_answer_row_contrast(void **state)
{
    App *app = *state;
    for (int cb = 0; cb < 2; cb++) {
        app->settings.colorblind = cb;
        app_apply_palette(app);
        for (int t = 0; t < ROW_TONE_COUNT; t++) {
            SDL_Color fill, ink, edge;
            quiz_row_colors(&app->pal, (RowTone)t, &fill, &ink, &edge);
            double c = wcag(fill, ink);
            print_message("palette %d row %d: %.2f:1\n", cb, t, c);
            assert_true(c >= 4.5);
        }
        SDL_Color fill, ink, edge;
        quiz_row_colors(&app->pal, ROW_RIGHT, &fill, &ink, &edge);
        assert_memory_equal(&edge, &app->pal.good, sizeof edge);
        quiz_row_colors(&app->pal, ROW_WRONG, &fill, &ink, &edge);
        assert_memory_equal(&edge, &app->pal.bad, sizeof edge);
        /* the old rows (light text straight on the colour) were below 4.5 */
        assert_true(wcag(app->pal.good, app->pal.text) < 4.5);
    }
    app->settings.colorblind = false;
    app_apply_palette(app);
}

static int find_question(const char *id, int *level)
{
    for (int l = 0; l < levels.count; l++)
        for (int i = 0; i < levels.levels[l].nquestions; i++)
            if (strcmp(levels.levels[l].questions[i].id, id) == 0) {
                *level = l;
                return i;
            }
    fail_msg("no question %s", id);
    return -1;
}

/* The screens this round changed, at 720p, 1080p and 4K: placements answered with the clicker (the band
 * across the limb), rows after a wrong answer, the classroom view, the leave-level question, and results
 * that name a missed required item. Written to the output folder to be looked at. */
static void screens_at(App *app, const char *tag, bool all)
{
    frame(app);
    AcademyData *ad = academy_data_create(app);
    assert_non_null(ad);
    static const struct {
        const char *id;
        int presses; /* clicker presses (Page Down > 0, Page Up < 0); 99 = answer wrong with the first slot */
        bool classroom;
    } shots[] = {
        {"place-biceps", 2, false}, {"place-forearm", 6, false},  {"place-calves", 13, false},
        {"place-quads", 9, false},  {"trick-deltoid", 1, false},   {"how-veins", 99, false},
        {"case-tingling", 0, true}, {"work-order", 0, true},       {"tight-rewrap", 0, true},
        {"how-recruit", 0, true},   {"case-blood-pressure", 0, true},
    };
    for (size_t i = 0; i < OC_ARRAY_LEN(shots); i++) {
        if (!all && i % 3 != 0) /* 4K: a few, to keep the suite fast on two cores */
            continue;
        int l = 0, q = find_question(shots[i].id, &l);
        ad->classroom = shots[i].classroom;
        app_push(app, scene_quiz_at(ad, l, q));
        frame(app);
        char name[96];
        if (shots[i].classroom) {
            snprintf(name, sizeof name, "%s-%s-classroom", tag, shots[i].id);
            shot(app, name, NULL);
        } else if (shots[i].presses == 99) {
            key(app, SDLK_RETURN); /* the first row, whatever it is */
            snprintf(name, sizeof name, "%s-%s-answered", tag, shots[i].id);
            shot(app, name, NULL);
        } else {
            int n = figure_landmark_count(), p = shots[i].presses;
            for (int k = 0; k < (p <= n / 2 ? p : n - p); k++)
                key(app, p <= n / 2 ? SDLK_PAGEDOWN : SDLK_PAGEUP);
            snprintf(name, sizeof name, "%s-%s-band", tag, shots[i].id);
            shot(app, name, NULL);
            key(app, SDLK_RETURN);
            int lv, qi, phase;
            where(app, &lv, &qi, &phase);
            assert_int_equal(phase, 1);
            snprintf(name, sizeof name, "%s-%s-answer", tag, shots[i].id);
            shot(app, name, NULL);
        }
        app_pop(app);
        frame(app);
    }
    /* Backspace in a level asks first; Esc (or Backspace again) stays, "Leave" leaves */
    ad->classroom = false;
    int l = 0;
    find_question("trick-deltoid", &l);
    app_push(app, scene_quiz(ad, l));
    frame(app);
    key(app, SDLK_BACKSPACE);
    assert_string_equal(app_top_name(app), "quiz");
    snprintf(name_buf, sizeof name_buf, "%s-leave-level", tag);
    shot(app, name_buf, NULL);
    key(app, SDLK_ESCAPE);
    assert_string_equal(app_top_name(app), "quiz");
    int lv, qi, phase;
    where(app, &lv, &qi, &phase);
    assert_int_equal(phase, 0);
    /* play the level with only the neck wrong: a high score, no pass, the neck named */
    for (int i = 0; i < levels.levels[l].nquestions; i++)
        answer(app, l, &levels.levels[l].questions[i], strcmp(levels.levels[l].questions[i].id, "trick-neck") != 0);
    where(app, &lv, &qi, &phase);
    assert_int_equal(phase, 2);
    snprintf(name_buf, sizeof name_buf, "%s-results-missed-required", tag);
    shot(app, name_buf, NULL);
    key(app, SDLK_BACKSPACE); /* results: nothing to lose, no question */
    assert_string_not_equal(app_top_name(app), "quiz");
    frame(app);
    academy_data_destroy(ad);
}

static bool rects_meet(LRect a, LRect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/* The deltoid answered wrong on the image's right arm (the biceps spot, a named mistake): the target is
 * drawn on that same shoulder, not the other one, and labelled apart from the band; in both palettes. */
static void test_answer_on_band_side(void **state)
{
    App *app = *state;
    frame(app);
    AcademyData *ad = academy_data_create(app);
    assert_non_null(ad);
    int l = 0, q = find_question("trick-deltoid", &l);
    const Question *qq = &levels.levels[l].questions[q];
    for (int cb = 0; cb < 2; cb++) {
        app->settings.colorblind = cb;
        app_apply_palette(app);
        app_push(app, scene_quiz_at(ad, l, q));
        frame(app);
        float lx, ly;
        quiz_figure_point(1.0f - 0.288f, 0.238f, &lx, &ly); /* the biceps spot, image's right */
        mouse(app, SDL_MOUSEBUTTONDOWN, lx - 20, ly + 10);
        mouse(app, SDL_MOUSEMOTION, lx - 5, ly + 2);
        mouse(app, SDL_MOUSEMOTION, lx, ly);
        mouse(app, SDL_MOUSEBUTTONUP, lx, ly);
        key(app, SDLK_RETURN);
        int lv, qi, phase;
        where(app, &lv, &qi, &phase);
        assert_int_equal(phase, 1);
        Image img;
        snprintf(name_buf, sizeof name_buf, "deltoid-wrong-right-arm%s", cb ? "-colorblind" : "");
        shot(app, name_buf, &img);
        LRect band_tag, zone_tag;
        float zone_fx;
        assert_true(quiz_probe_answer_tags(top(app), &band_tag, &zone_tag, &zone_fx));
        assert_true(band_tag.w > 0 && zone_tag.w > 0);
        assert_false(rects_meet(band_tag, zone_tag));
        print_message("target labelled at x=%.3f of the figure\n", zone_fx);
        assert_true(zone_fx > 0.5f); /* the band's side */
        /* the target's outline on the right shoulder has the palette's "right" colour; the left shoulder is bare */
        SDL_Color g = app->pal.good;
        float cx, cy;
        shape_center(&qq->zones[0], &cx, &cy);
        double rgb[3], other[3];
        quiz_figure_point(1.0f - cx, cy - qq->zones[0].v[1][1], &lx, &ly);
        image_mean(&img, &app->frame, (LRect){lx - 4, ly - 1, 8, 2}, rgb);
        quiz_figure_point(cx, cy, &lx, &ly); /* the middle of where a mirrored target would be */
        image_mean(&img, &app->frame, (LRect){lx - 6, ly - 3, 12, 6}, other);
        print_message("palette %d: outline %.0f %.0f %.0f, other shoulder %.0f %.0f %.0f\n", cb, rgb[0], rgb[1],
                      rgb[2], other[0], other[1], other[2]);
        double d = fabs(rgb[0] - g.r) + fabs(rgb[1] - g.g) + fabs(rgb[2] - g.b);
        double d_other = fabs(other[0] - g.r) + fabs(other[1] - g.g) + fabs(other[2] - g.b);
        assert_true(d < 60);
        assert_true(d_other > 120);
        image_free(&img);
        app_pop(app);
        frame(app);
    }
    app->settings.colorblind = false;
    app_apply_palette(app);
    academy_data_destroy(ad);
}

static void test_screens_720p(void **state)
{
    screens_at(*state, "720p", true);
}

static void test_screens_1080p(void **state)
{
    screens_at(*state, "1080p", true);
}

static void test_screens_4k(void **state)
{
    screens_at(*state, "4k", false);
}

static int start_720p(void **state)
{
    size_w = 1280;
    size_h = 720;
    int rc = start(state);
    size_w = 1920;
    size_h = 1080;
    return rc;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        outdir = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_full_playthrough, start, stop),
        cmocka_unit_test_setup_teardown(test_classroom_countdown, start, stop),
        cmocka_unit_test_setup_teardown(test_placement_at_4k, start_4k, stop),
        cmocka_unit_test_setup_teardown(test_answer_row_contrast, start, stop),
        cmocka_unit_test_setup_teardown(test_answer_on_band_side, start, stop),
        cmocka_unit_test_setup_teardown(test_screens_720p, start_720p, stop),
        cmocka_unit_test_setup_teardown(test_screens_1080p, start, stop),
        cmocka_unit_test_setup_teardown(test_screens_4k, start_4k, stop),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
