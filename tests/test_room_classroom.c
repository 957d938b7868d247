/* The classroom quiz with phones, in-process and headless: six phones (plain HTTP on loopback) play a
 * whole Academy level from the classroom view. Each question reaches them; the big screen counts the
 * answers, shows the spread (and the taps on the figure for placement questions) and the leaderboard;
 * at the end each student's result is saved as an Academy attempt under the name they gave, scored by
 * the Academy's own rules (a required question answered wrong or not at all keeps the level from
 * passing).
 *
 *   test_room_classroom OUTDIR [WxH]   (screenshots of the first reveal go to OUTDIR) */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "academy_ui.h"
#include "app.h"
#include "room_client.h"
#include "room_ui.h"
#include "soft_check.h"
#include "test_app.h"

#define PHONES 6
#define LEVEL 1
#define CODE "1111"

static int failures;

static const char *names[PHONES] = {"Ann", "Bo <b>bold</b>", "Cy \"Q\"", "D\xC3\xA9" "a \xF0\x9F\x92\xAA", "Eli", "Fay"};

/* An answer as a phone would send it: right for even phones, wrong for odd ones. */
static void make_answer(const Question *q, int seq, bool right, char *json, size_t cap, Answer *sent)
{
    Answer a;
    quiz_correct_answer(q, &a);
    switch (q->kind) {
    case Q_PLACEMENT:
        if (!right) { /* the other choice: a spot for a can't-wrap item, "can't be wrapped" otherwise */
            a.nowhere = !q->cannot_wrap;
            a.x = 0.5f;
            a.y = 0.02f; /* the top of the head */
            a.view = VIEW_FRONT;
        }
        if (a.nowhere)
            snprintf(json, cap, "{\"seq\":%d,\"nowhere\":true}", seq);
        else
            snprintf(json, cap, "{\"seq\":%d,\"x\":%.4f,\"y\":%.4f,\"view\":\"%s\"}", seq, a.x, a.y,
                     a.view == VIEW_BACK ? "back" : "front");
        break;
    case Q_TIGHTNESS:
        if (!right)
            a.value = q->accept_lo > 0 ? 0 : 10;
        snprintf(json, cap, "{\"seq\":%d,\"value\":%d}", seq, a.value);
        break;
    case Q_ORDER: {
        int ord[AC_MAX_STEPS];
        int len = snprintf(json, cap, "{\"seq\":%d,\"order\":[", seq);
        for (int i = 0; i < q->nsteps; i++) {
            ord[i] = right ? a.order[i] : a.order[q->nsteps - 1 - i];
            len += snprintf(json + len, cap - (size_t)len, "%s%d", i ? "," : "", ord[i]);
        }
        snprintf(json + len, cap - (size_t)len, "]}");
        memcpy(a.order, ord, sizeof(int) * (size_t)q->nsteps);
        break;
    }
    case Q_TRUEFALSE:
        if (!right)
            a.value = 1 - a.value;
        snprintf(json, cap, "{\"seq\":%d,\"choice\":%d}", seq, a.value);
        break;
    default:
        if (!right)
            a.value = (a.value + 1) % q->noptions;
        snprintf(json, cap, "{\"seq\":%d,\"choice\":%d}", seq, a.value);
        break;
    }
    *sent = a;
}

int main(int argc, char **argv)
{
    const char *outdir = argc > 1 ? argv[1] : ".";
    int w = 1920, h = 1080;
    if (argc > 2 && sscanf(argv[2], "%dx%d", &w, &h) != 2)
        return 2;
    App *app = test_app_start("room-classroom", w, h, true);
    if (!app)
        return 1;
    app->opt.classroom = true;
    snprintf(app->opt.room_code, sizeof app->opt.room_code, CODE);
    snprintf(app->opt.room_bind, sizeof app->opt.room_bind, "127.0.0.1");
    app_push(app, scene_create(SCENE_ACADEMY));
    test_frame(app);
    int port = 0;
    for (int p = 18783; p <= 18799 && !port; p++) {
        app->opt.room_port = p;
        if (room_ui_start(app))
            port = p;
    }
    CHECK(port, "no free port");
    if (!port)
        return 1;

    char dir[OC_PATH_MAX];
    app_levels_dir(&app->opt, dir, sizeof dir);
    LevelSet set = {0};
    CHECK(academy_load_dir(&set, dir, NULL, NULL) == 0 && set.count > LEVEL, "levels from %s", dir);
    const Level *lv = &set.levels[LEVEL];

    char tok[PHONES][40];
    for (int i = 0; i < PHONES; i++)
        CHECK(rc_join(port, CODE, names[i], tok[i]) == 200, "%s could not join", names[i]);
    test_frame(app);
    CHECK(room_ui_view(app)->people == PHONES, "big screen: %d people", room_ui_view(app)->people);

    /* the teacher opens the second level in classroom view */
    test_key(app, SDLK_RIGHT, 0);
    test_key(app, SDLK_RETURN, 0);
    test_frame(app);
    int level = -1, question = -1, phase = -1;
    CHECK(quiz_probe(app->stack[app->depth - 1], &level, &question, &phase) && level == LEVEL,
          "expected level %d in the quiz, got %s level %d", LEVEL, app_top_name(app), level);

    Verdict expect[PHONES][AC_MAX_QUESTIONS];
    memset(expect, 0, sizeof expect);
    bool shot_taken = false;
    int last_seq = 0;
    for (int qi = 0; qi < lv->nquestions; qi++) {
        const Question *q = &lv->questions[qi];
        /* the big screen opens the question; a phone learns its number from one state request (their
         * event stream in real life): the per-person rate limit is not spent on polling */
        int seq = -1;
        for (int f = 0; f < 120 && seq < 0; f++) {
            test_frame(app);
            const RoomView *v = room_ui_view(app);
            if (v->asking && v->seq != last_seq)
                seq = v->seq;
        }
        last_seq = seq > 0 ? seq : last_seq;
        char state[20000];
        if (seq > 0) {
            int st = rc_request(port, "GET", "/api/state", tok[qi % PHONES], NULL, state, sizeof state);
            const char *num = strstr(state, "\"num\":");
            CHECK(st == 200 && strstr(state, "\"state\":\"ask\"") && num && atoi(num + 6) == qi + 1,
                  "q%d: the phone's state: %d %.200s", qi + 1, st, state);
        }
        CHECK(seq > 0, "question %d never reached the phones", qi + 1);
        int skip = qi == 0 ? 4 : -1; /* Eli (who knows the answers) misses the first question */
        int answering = skip >= 0 ? PHONES - 1 : PHONES;
        for (int i = 0; i < PHONES; i++) {
            if (i == skip)
                continue;
            char json[256], body[512];
            Answer a;
            make_answer(q, seq, i % 2 == 0, json, sizeof json, &a);
            CHECK(rc_request(port, "POST", "/api/answer", tok[i], json, body, sizeof body) == 200,
                  "q%d %s: %s -> %s", qi + 1, names[i], json, body);
            expect[i][qi] = quiz_mark(q, &a);
        }
        test_frame(app);
        test_frame(app);
        const RoomView *v = room_ui_view(app);
        CHECK(v->tally.answered == answering, "q%d: big screen counts %d answers, expected %d", qi + 1,
              v->tally.answered, answering);
        int right = 0;
        for (int i = 0; i < PHONES; i++)
            right += expect[i][qi].correct;
        CHECK(v->tally.correct == right, "q%d: big screen says %d right, expected %d", qi + 1, v->tally.correct, right);
        /* everyone answered: the answer shows by itself within a second; else the teacher shows it */
        if (answering < PHONES)
            test_key(app, SDLK_RETURN, 0);
        for (int f = 0; f < 90 && !room_ui_view(app)->revealed; f++)
            test_frame(app);
        CHECK(room_ui_view(app)->revealed, "q%d: the answer was not shown", qi + 1);
        test_frame(app);
        if (!shot_taken && (q->kind == Q_PLACEMENT || qi == lv->nquestions - 1)) {
            char path[1024], err[256];
            snprintf(path, sizeof path, "%s/room-classroom-%dx%d.png", outdir, w, h);
            CHECK(app_screenshot(app, path, err, sizeof err) == 0, "screenshot: %s", err);
            shot_taken = true;
        }
        test_key(app, SDLK_RETURN, 0); /* Next */
    }
    for (int f = 0; f < 10; f++)
        test_frame(app);
    CHECK(quiz_probe(app->stack[app->depth - 1], &level, &question, &phase) && phase == 2,
          "expected the results, phase %d", phase);
    char path[1024], err[256];
    snprintf(path, sizeof path, "%s/room-classroom-results-%dx%d.png", outdir, w, h);
    CHECK(app_screenshot(app, path, err, sizeof err) == 0, "screenshot: %s", err);

    /* each student's level, saved as an Academy attempt scored by the Academy's rules */
    Store *store = app->store;
    CHECK(store != NULL, "no store");
    Student st[64];
    int n = store ? store_students(store, st, 64) : 0;
    for (int i = 0; i < PHONES && store; i++) {
        QuizRun run;
        quiz_start(&run, lv);
        for (int qi = 0; qi < lv->nquestions; qi++) {
            run.verdicts[qi] = expect[i][qi];
            run.earned += expect[i][qi].points;
        }
        run.index = lv->nquestions - 1;
        run.answered = true;
        int id = -1;
        for (int k = 0; k < n; k++)
            if (strcmp(st[k].name, names[i]) == 0)
                id = k;
        CHECK(id >= 0, "%s is not an Academy student", names[i]);
        if (id < 0)
            continue;
        BestScore b;
        CHECK(store_best(store, st[id].id, lv->id, &b) == 0, "best for %s", names[i]);
        CHECK(b.percent == quiz_percent(&run) && b.stars == quiz_stars(&run) && b.attempts == 1,
              "%s: saved %d%% %d stars (%d attempts), expected %d%% %d stars", names[i], b.percent, b.stars,
              b.attempts, quiz_percent(&run), quiz_stars(&run));
        printf("%-12s %3d%% %d stars\n", names[i], b.percent, b.stars);
    }
    /* the leaderboard: the right-answering phones lead */
    const RoomView *v = room_ui_view(app);
    CHECK(v->nboard == PHONES, "leaderboard: %d names", v->nboard);
    CHECK(v->nboard > 0 && v->board[0].points > 0 &&
              (strcmp(v->board[0].name, names[0]) == 0 || strcmp(v->board[0].name, names[2]) == 0),
          "leaderboard top: %s", v->nboard ? v->board[0].name : "-");
    academy_free(&set);
    test_app_stop(app);
    if (failures)
        fprintf(stderr, "%d check(s) failed\n", failures);
    return failures ? 1 : 0;
}
