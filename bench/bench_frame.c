/* bench_frame: CPU time per frame of every scene the game can show, headless (software renderer, every
 * frame drawn in full), at 1920x1080 and 3840x2160, each run alternated with an honest floor: a bare
 * SDL2 + SDL2_ttf program at the same size that clears, renders one line of text afresh (TTF render,
 * texture upload, copy, free, as a screen whose text changes does) and presents. Several runs per scene;
 * medians and ranges. Also: startup to the first presented frame. Prints figures; asserts nothing (the
 * target, 3x the floor, is in the README).
 *
 *   bench_frame [--frames N] [--runs R] [--size WxH] [--scene NAME] [--list] [--json]
 *
 * Scenes: every SceneId (so new modes are measured as soon as scene_create knows them), the dialogs, and
 * the Academy's quiz in every question kind, asking and with the answer shown, in the student and the
 * classroom view, and the results. --json prints one object per scene and size, one per line. */
#define _POSIX_C_SOURCE 200809L
#include <SDL.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "academy_ui.h"
#include "bench_floor.h"
#include "app.h"
#include "body_part.h"
#include "lab.h"
#include "oc_util.h"
#include "session_ui.h"
#include "store.h"

static double wall_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---------------- scene states ---------------- */

typedef struct Bench {
    App app;
    AcademyData *ad; /* shared by the quiz states; owned here */
} Bench;

typedef enum { ST_SCENE, ST_DIALOG, ST_QUIZ, ST_RESULTS, ST_SESSION, ST_LAB, ST_HISTORY } StateKind;

/* When in the Lab's standard demo (30 s at rest, sets of 30-15-15-15 with 30 s rests, release, recovery,
 * debrief): the times come from the core's own script. */
typedef enum {
    LAB_AT_REST,    /* the wrap on at rest, before the first set */
    LAB_AT_SET4,    /* the fourth set: the pump at its fullest, every particle on screen */
    LAB_AT_RELEASE, /* 10 s after the wrap came off: the flush, particles washing out */
    LAB_AT_DEBRIEF  /* the run over: the debrief chart */
} LabWhen;

typedef enum { LAB_PRESS_NONE, LAB_PRESS_ADVANCED, LAB_PRESS_PAUSE } LabPress;

typedef struct State {
    char name[64];
    StateKind kind;
    SceneId id;          /* ST_SCENE */
    int dialog;          /* ST_DIALOG: 0 pause over the Academy, 1 quit over the title */
    QuestionKind qkind;  /* ST_QUIZ */
    bool answered, classroom;
    int athletes;        /* ST_SESSION: a running guided session with this many lanes */
    /* ST_LAB: the Lab's demo on a part at a time (a phase of the run), one limb or with and without the wrap side
     * by side, optionally with a control pressed */
    bool lab_side;
    BodyPart lab_part;
    LabWhen lab_when;
    LabPress lab_press;
    int sess_at; /* ST_SESSION: 0 = mid-set by autoplay, else a SessAt (enter_session_at) */
} State;

#define MAX_STATES 128

/* ---------------- the Guided Session, every screen a trainer sees ---------------- */

typedef enum SessAt {
    SA_SETUP = 1, SA_SCREENING, SA_WRAP_PLACE, SA_WRAP_CHECK, SA_COUNTDOWN, SA_SET_FLASH, SA_SET, SA_REST,
    SA_WRAPS_OFF, SA_PAUSED, SA_STOP_DIALOG, SA_STOPPED, SA_DEBRIEF
} SessAt;

static const struct {
    const char *name;
    SessAt at;
    int athletes;
} session_states[] = {
    {"session-setup", SA_SETUP, 12},            {"session-screening", SA_SCREENING, 12},
    {"session-wrap-place-1", SA_WRAP_PLACE, 1}, {"session-wrap-check-1", SA_WRAP_CHECK, 1},
    {"session-wrap-check-12", SA_WRAP_CHECK, 12}, {"session-countdown-1", SA_COUNTDOWN, 1},
    {"session-countdown-12", SA_COUNTDOWN, 12}, {"session-set-flash-1", SA_SET_FLASH, 1},
    {"session-set-flash-12", SA_SET_FLASH, 12}, {"session-set-4", SA_SET, 4},
    {"session-rest-1", SA_REST, 1},             {"session-rest-12", SA_REST, 12},
    {"session-wraps-off-1", SA_WRAPS_OFF, 1},   {"session-wraps-off-12", SA_WRAPS_OFF, 12},
    {"session-paused-1", SA_PAUSED, 1},         {"session-paused-12", SA_PAUSED, 12},
    {"session-stop-dialog-1", SA_STOP_DIALOG, 1}, {"session-stop-dialog-12", SA_STOP_DIALOG, 12},
    {"session-stopped-1", SA_STOPPED, 1},       {"session-stopped-12", SA_STOPPED, 12},
    {"session-debrief-1", SA_DEBRIEF, 1},       {"session-debrief-12", SA_DEBRIEF, 12},
};

static int list_session_states(State *out)
{
    int n = (int)OC_ARRAY_LEN(session_states);
    for (int i = 0; i < n; i++) {
        out[i] = (State){.kind = ST_SESSION, .athletes = session_states[i].athletes, .sess_at = session_states[i].at};
        oc_strlcpy(out[i].name, session_states[i].name, sizeof out[i].name);
    }
    return n;
}


static int list_states(State *out)
{
    int n = 0;
    for (int id = 0; id < SCENE_COUNT; id++) {
        State s = {.kind = ST_SCENE, .id = (SceneId)id};
        oc_strlcpy(s.name, scene_name((SceneId)id), sizeof s.name);
        out[n++] = s;
    }
    out[n++] = (State){.name = "history-filled", .kind = ST_HISTORY};
    out[n++] = (State){.name = "pause", .kind = ST_DIALOG, .dialog = 0};
    out[n++] = (State){.name = "confirm-quit", .kind = ST_DIALOG, .dialog = 1};
    for (int room = 0; room < 2; room++)
        for (int k = 0; k < Q_KIND_COUNT; k++)
            for (int ans = 0; ans < 2; ans++) {
                State s = {.kind = ST_QUIZ, .qkind = (QuestionKind)k, .answered = ans, .classroom = room};
                snprintf(s.name, sizeof s.name, "%s-%s%s", room ? "classroom" : "quiz", question_kind_name((QuestionKind)k),
                         ans ? "-answer" : "");
                out[n++] = s;
            }
    out[n++] = (State){.name = "quiz-results", .kind = ST_RESULTS};
    out[n++] = (State){.name = "session-set-1", .kind = ST_SESSION, .athletes = 1};
    out[n++] = (State){.name = "session-set-12", .kind = ST_SESSION, .athletes = 12};
    n += list_session_states(out + n);
    const State lab = {.kind = ST_LAB, .lab_part = BODY_THIGH, .lab_when = LAB_AT_SET4};
    static const struct {
        const char *name;
        bool side;
        LabWhen when;
        LabPress press;
    } labs[] = {
        {"lab-demo-rest", false, LAB_AT_REST, LAB_PRESS_NONE},
        {"lab-demo-set", false, LAB_AT_SET4, LAB_PRESS_NONE},
        {"lab-demo-release", false, LAB_AT_RELEASE, LAB_PRESS_NONE},
        {"lab-demo-side", true, LAB_AT_SET4, LAB_PRESS_NONE},
        {"lab-side-rest", true, LAB_AT_REST, LAB_PRESS_NONE},
        {"lab-side-release", true, LAB_AT_RELEASE, LAB_PRESS_NONE},
        {"lab-advanced", false, LAB_AT_SET4, LAB_PRESS_ADVANCED},
        {"lab-paused", true, LAB_AT_SET4, LAB_PRESS_PAUSE},
        {"lab-debrief", false, LAB_AT_DEBRIEF, LAB_PRESS_NONE},
    };
    for (size_t i = 0; i < OC_ARRAY_LEN(labs); i++) {
        State s = lab;
        oc_strlcpy(s.name, labs[i].name, sizeof s.name);
        s.lab_side = labs[i].side, s.lab_when = labs[i].when, s.lab_press = labs[i].press;
        out[n++] = s;
    }
    for (int p = 0; p < BODY_PART_COUNT; p++) { /* every part side by side in its fourth set */
        State s = lab;
        snprintf(s.name, sizeof s.name, "lab-side-%s", body_part_id((BodyPart)p));
        s.lab_side = true, s.lab_part = (BodyPart)p;
        out[n++] = s;
    }
    return n;
}

/* Seconds into the demo for a moment of its run, from the core's own script (cached per part). */
static double lab_demo_time(BodyPart part, LabWhen when)
{
    static double set4_end[BODY_PART_COUNT], run_end[BODY_PART_COUNT];
    if (when == LAB_AT_REST)
        return 15.0;
    if (set4_end[part] <= 0.0) {
        Lab *lab = malloc(sizeof *lab);
        if (!lab)
            return 240.0;
        lab_start_demo(lab, part, true);
        while (lab->set4_end_t < 0.0 && lab_time(lab) < 1200.0)
            lab_run(lab, 1.0);
        set4_end[part] = lab->set4_end_t;
        while (lab->phase != LAB_PHASE_DONE && lab_time(lab) < 3000.0)
            lab_run(lab, 5.0);
        run_end[part] = lab_time(lab);
        free(lab);
    }
    switch (when) {
    case LAB_AT_SET4:
        return set4_end[part] - 10.0; /* mid-set: the pump at its fullest */
    case LAB_AT_RELEASE:
        return set4_end[part] + 10.0;
    default:
        return run_end[part] + 5.0;
    }
}

static bool find_question(const AcademyData *ad, QuestionKind k, int *level, int *q)
{
    for (int l = 0; l < ad->set.count; l++)
        for (int i = 0; i < ad->set.levels[l].nquestions; i++)
            if (ad->set.levels[l].questions[i].kind == k) {
                *level = l;
                *q = i;
                return true;
            }
    return false;
}

static void settle(App *app, int frames)
{
    for (int i = 0; i < frames; i++)
        app_frame(app, 1.0 / 60.0);
}

/* The session on screen at `at`, reached with the trainer's keys (setup, screening, wraps) and then the
 * engine's own clock, run fast (autoplay counts the reps) and back at normal speed for the measurement. */
static void enter_session_at(App *app, const State *s)
{
    GameOptions keep = app->opt;
    app->opt.athletes = s->athletes;
    app->opt.autoplay = false;
    app->opt.time_scale = 1.0;
    app->opt.protocol[0] = '\0';
    app_push(app, scene_create(SCENE_SESSION));
    settle(app, 1);
    app->opt = keep;
    Scene *top = app->stack[app->depth - 1];
    SessionUi *u = top->state;
    if (!u || s->sess_at == SA_SETUP)
        return;
    app_dispatch(app, ACT_ACCEPT); /* Start */
    Session *e = &u->eng;
    for (int i = 0; i < 400 && s->sess_at > SA_SCREENING && session_phase(e) == SESSION_SCREENING; i++)
        app_dispatch(app, ACT_ACCEPT); /* "No" to every question, Next, and the wraps on */
    if (s->sess_at >= SA_WRAP_CHECK)
        app_dispatch(app, ACT_ACCEPT); /* the (first) wrap is on: the tightness check */
    for (int i = 0; i < 100 && s->sess_at > SA_WRAP_CHECK && session_phase(e) == SESSION_WRAP; i++)
        app_dispatch(app, ACT_ACCEPT); /* feels right; the next athlete's wrap */
    if (s->sess_at <= SA_COUNTDOWN) {
        settle(app, s->sess_at == SA_COUNTDOWN ? 20 : 1); /* the measurement sees "3" flash, fade and go */
        return;
    }
    SessionPhase want = s->sess_at == SA_REST        ? SESSION_REST
                        : s->sess_at == SA_WRAPS_OFF ? SESSION_WRAPS_OFF
                        : s->sess_at == SA_DEBRIEF   ? SESSION_DEBRIEF
                                                     : SESSION_SET;
    u->autoplay = true;
    u->session_scale = 120.0;
    for (int i = 0; i < 3000 && session_phase(e) != want; i++) {
        if (want >= SESSION_WRAPS_OFF && session_phase(e) == SESSION_SET)
            app_dispatch(app, ACT_ALT); /* N: the trainer ends the set */
        if (want == SESSION_DEBRIEF && session_phase(e) == SESSION_WRAPS_OFF)
            app_dispatch(app, ACT_ACCEPT); /* every wrap is off */
        settle(app, 1);
    }
    u->session_scale = 1.0;
    if (s->sess_at == SA_SET_FLASH) {
        settle(app, 20); /* the set's flash began 20 frames ago: the measurement sees its end and its fade */
        return;
    }
    settle(app, 70); /* past the phase's flash */
    if (s->sess_at == SA_PAUSED) {
        app_dispatch(app, ACT_PAUSE);
    } else if (s->sess_at == SA_STOP_DIALOG) {
        app_dispatch(app, ACT_BACK);
        app_dispatch(app, ACT_DOWN); /* a reason in focus */
    } else if (s->sess_at == SA_STOPPED) {
        u->autoplay = false; /* the wraps are still coming off */
        app_dispatch(app, ACT_BACK);
        if (s->athletes > 1)
            app_dispatch(app, ACT_LEFT); /* everyone */
        app_dispatch(app, ACT_ACCEPT); /* pain above 7/10 */
        settle(app, 70);
    }
}

/* A history worth drawing: 12 athletes with a season of weekly sessions (every fourth one stopped), and
 * students with Academy scores. Written once per data folder (both sizes share it). */
static bool fill_history(App *app)
{
    Store *s = app->store;
    char err[300];
    if (!s)
        return false;
    Student one[1];
    if (store_athletes(s, one, 1) > 0)
        return true;
    static const char *parts[] = {"arm", "thigh", "calf", "forearm", "shoulder"};
    for (int a = 1; a <= 12; a++) {
        char name[32];
        int64_t ath, stu, id;
        snprintf(name, sizeof name, "Athlete %d", a);
        if (store_athlete_get_or_add(s, name, &ath, err, sizeof err) != 0)
            return false;
        for (int w = 0; w < 16; w++) {
            StoreSessionStart st = {.athlete = ath, .protocol_id = "guide-five-sets", .protocol_name = "The guide's five sets",
                                    .body_part = parts[(a + w) % 5], .load_percent = 20 + (w % 3) * 5, .tightness = 7,
                                    .pressure_mmhg = -1, .started_unix = 1790000000 + (int64_t)w * 7 * 86400 + a * 600};
            if (store_session_begin(s, &st, &id, err, sizeof err) != 0)
                return false;
            for (int k = 1; k <= 5; k++) {
                StoreSet set = {.index = k, .reps_planned = k == 1 ? 30 : 15, .reps_done = (k == 1 ? 22 : 10) + (w + a) % 6,
                                .started_s = 90.0 * k, .duration_s = 45, .wrap_time_s = 90.0 * k + 45};
                if (store_set_commit(s, id, &set, err, sizeof err) != 0)
                    return false;
            }
            bool stopped = w % 4 == 3;
            if (store_session_end(s, id, stopped ? STORE_SESSION_STOPPED : STORE_SESSION_DONE, stopped ? "pain" : NULL,
                                  st.started_unix + 600, 480 + w * 5, err, sizeof err) != 0)
                return false;
        }
        if (store_add_student(s, name, &stu, err, sizeof err) != 0 ||
            store_record_attempt(s, stu, "how-tight", 7, 8, 88, 2, err, sizeof err) != 0)
            return false;
    }
    return true;
}

/* Answer the question on screen the way a player would (an answer that shows the most: a band on the
 * body, a wrong slider value), or reveal it in the classroom view. */
static void answer(App *app, QuestionKind k, bool classroom)
{
    if (classroom) {
        app_dispatch(app, ACT_ACCEPT);
    } else if (k == Q_PLACEMENT) {
        app_dispatch(app, ACT_DOWN); /* the band onto the body */
        settle(app, 1);
        app_dispatch(app, ACT_ACCEPT);
    } else if (k == Q_ORDER) {
        app_dispatch(app, ACT_UP); /* focus wraps round to "Check order" */
        settle(app, 1);
        app_dispatch(app, ACT_ACCEPT);
    } else {
        app_dispatch(app, ACT_ACCEPT);
    }
    settle(app, 1);
}

/* Put the app in state s; false if this build has no such state (no levels of that kind). */
static bool enter_state(Bench *b, const State *s)
{
    App *app = &b->app;
    app_set_root(app, scene_create(SCENE_TITLE));
    settle(app, 1);
    app->settings.reduced_motion = false;
    switch (s->kind) {
    case ST_SCENE:
        if (s->id != SCENE_TITLE)
            app_push(app, scene_create(s->id));
        break;
    case ST_DIALOG:
        if (s->dialog == 0) {
            app_push(app, scene_create(SCENE_ACADEMY));
            settle(app, 1);
            app_push(app, scene_pause());
        } else {
            app_request_quit(app);
        }
        break;
    case ST_HISTORY:
        /* the first athlete's chart and sessions table */
        if (!fill_history(app))
            return false;
        app_push(app, scene_create(SCENE_HISTORY));
        break;
    case ST_SESSION: {
        if (s->sess_at) {
            enter_session_at(app, s);
            break;
        }
        /* a guided session in its first set, every lane counting (autoplay taps) */
        GameOptions keep = app->opt;
        app->opt.athletes = s->athletes;
        app->opt.autoplay = true;
        app->opt.time_scale = 2.0;
        app->opt.protocol[0] = '\0';
        app_push(app, scene_create(SCENE_SESSION));
        settle(app, 150); /* past the 3-2-1 */
        app->opt = keep;
        break;
    }
    case ST_LAB: {
        /* the Lab's demo (with the wrap) on a part, at a time of its run taken from the core's script */
        GameOptions keep = app->opt;
        app->opt.scene = SCENE_LAB;
        app->opt.lab_demo = true;
        app->opt.lab_cuff = true;
        app->opt.lab_part = (int)s->lab_part;
        app->opt.lab_side = s->lab_side;
        app->opt.lab_at = lab_demo_time(s->lab_part, s->lab_when);
        app_push(app, scene_create(SCENE_LAB));
        settle(app, 2);
        app->opt = keep;
        /* a control pressed as a player would: focus walks right to it, Enter */
        int steps = s->lab_press == LAB_PRESS_ADVANCED ? 5 : s->lab_press == LAB_PRESS_PAUSE ? 8 : 0;
        for (int i = 0; i < steps; i++)
            app_dispatch(app, ACT_RIGHT);
        if (steps)
            app_dispatch(app, ACT_ACCEPT);
        settle(app, 2);
        break;
    }
    case ST_QUIZ:
    case ST_RESULTS: {
        int level = 0, q = 0;
        QuestionKind k = s->qkind;
        if (s->kind == ST_RESULTS) {
            if (!b->ad || b->ad->set.count == 0)
                return false;
            q = b->ad->set.levels[0].nquestions - 1;
            k = b->ad->set.levels[0].questions[q].kind;
        } else if (!b->ad || !find_question(b->ad, k, &level, &q)) {
            return false;
        }
        b->ad->classroom = s->classroom;
        app_push(app, scene_quiz_at(b->ad, level, q));
        settle(app, 1);
        if (s->answered || s->kind == ST_RESULTS)
            answer(app, k, s->classroom);
        if (s->kind == ST_RESULTS) {
            app_dispatch(app, ACT_ACCEPT); /* Finish */
            settle(app, 60);               /* the stars have arrived */
        }
        break;
    }
    }
    settle(app, 5); /* text cache and layers warm */
    return true;
}

typedef struct Figures {
    double scene_ms[3], floor_ms[3], ratio[3]; /* median, min, max */
} Figures;

static void summarize(double *v, int n, double out[3])
{
    out[1] = out[2] = v[0];
    for (int i = 1; i < n; i++) {
        out[1] = v[i] < out[1] ? v[i] : out[1];
        out[2] = v[i] > out[2] ? v[i] : out[2];
    }
    out[0] = bench_median(v, n);
}

enum { MAX_RUNS = 31 };

static bool measure(Bench *b, BenchFloor *bare, const State *s, int frames, int runs, Figures *f)
{
    double sm[MAX_RUNS], fm[MAX_RUNS], rt[MAX_RUNS];
    for (int r = 0; r < runs; r++) {
        if (!enter_state(b, s)) /* a fresh state each run: a countdown or an animation starts over */
            return false;
        double t0 = bench_cpu_now();
        for (int i = 0; i < frames; i++)
            app_frame(&b->app, 1.0 / 60.0);
        sm[r] = (bench_cpu_now() - t0) * 1000.0 / frames;
        fm[r] = bench_floor_ms(bare, frames);
        rt[r] = sm[r] / fm[r];
    }
    summarize(sm, runs, f->scene_ms);
    summarize(fm, runs, f->floor_ms);
    summarize(rt, runs, f->ratio);
    return true;
}

/* Startup: a fresh process each time (fork, so nothing is warm but the page cache), timed from fork to
 * the first SDL_RenderPresent returning, reported through a pipe. */
static double startup_ms(bool game, const char *datadir, const char *font)
{
    int fd[2];
    if (pipe(fd) != 0)
        exit(1);
    double t0 = wall_now();
    pid_t pid = fork();
    if (pid == 0) {
        close(fd[0]);
        double ms;
        if (game) {
            GameOptions o;
            options_defaults(&o);
            o.headless = true;
            oc_strlcpy(o.data_dir, datadir, sizeof o.data_dir);
            App app;
            char err[512];
            if (app_init(&app, &o, err, sizeof err) != 0)
                _exit(1);
            app_frame(&app, 1.0 / 60.0);
            ms = (wall_now() - t0) * 1000.0;
            app_shutdown(&app);
        } else {
            SDL_Init(SDL_INIT_VIDEO);
            TTF_Init();
            BenchFloor b;
            if (bench_floor_init(&b, 1920, 1080, font) != 0)
                _exit(1);
            bench_floor_frame(&b);
            ms = (wall_now() - t0) * 1000.0;
            bench_floor_quit(&b);
            TTF_Quit();
            SDL_Quit();
        }
        ssize_t n = write(fd[1], &ms, sizeof ms);
        _exit(n == (ssize_t)sizeof ms ? 0 : 1);
    }
    close(fd[1]);
    double ms = -1;
    if (read(fd[0], &ms, sizeof ms) != (ssize_t)sizeof ms)
        ms = -1;
    close(fd[0]);
    waitpid(pid, NULL, 0);
    return ms;
}

static int usage(const char *msg)
{
    fprintf(stderr, "bench_frame: %s\nusage: bench_frame [--frames N (1-10000)] [--runs R (1-%d)] [--size WxH] "
                    "[--scene NAME] [--list] [--json]\n",
            msg, MAX_RUNS);
    return 2;
}

static bool parse_size(const char *v, int *w, int *h)
{
    char a[16], *x;
    long lw, lh;
    oc_strlcpy(a, v, sizeof a);
    if (!(x = strchr(a, 'x')))
        return false;
    *x = '\0';
    if (!oc_parse_long(a, &lw) || !oc_parse_long(x + 1, &lh) || lw < 320 || lw > 7680 || lh < 200 || lh > 4320)
        return false;
    *w = (int)lw;
    *h = (int)lh;
    return true;
}

int main(int argc, char **argv)
{
    long frames = 30, runs = 5;
    bool json = false, list = false;
    const char *only = NULL;
    int sizes[2][2] = {{1920, 1080}, {3840, 2160}}, nsizes = 2;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--json") == 0) {
            json = true;
        } else if (strcmp(a, "--list") == 0) {
            list = true;
        } else if (strcmp(a, "--frames") == 0 && v) {
            if (!oc_parse_long(v, &frames) || frames < 1 || frames > 10000)
                return usage("--frames: expected a number from 1 to 10000");
            i++;
        } else if (strcmp(a, "--runs") == 0 && v) {
            if (!oc_parse_long(v, &runs) || runs < 1 || runs > MAX_RUNS)
                return usage("--runs: expected a number from 1 to 31");
            i++;
        } else if (strcmp(a, "--size") == 0 && v) {
            if (!parse_size(v, &sizes[0][0], &sizes[0][1]))
                return usage("--size: expected WxH, 320x200 to 7680x4320");
            nsizes = 1;
            i++;
        } else if (strcmp(a, "--scene") == 0 && v) {
            only = v;
            i++;
        } else {
            char msg[200];
            snprintf(msg, sizeof msg, "unknown option or missing value '%s'", a);
            return usage(msg);
        }
    }
    State states[MAX_STATES];
    int nstates = list_states(states);
    if (list) {
        for (int i = 0; i < nstates; i++)
            puts(states[i].name);
        return 0;
    }
    bool known = !only;
    for (int i = 0; i < nstates && !known; i++)
        known = strcmp(states[i].name, only) == 0;
    if (!known)
        return usage("--scene: not a scene state (bench_frame --list names them)");

    char datadir[] = "/tmp/oc-bench-XXXXXX";
    if (!mkdtemp(datadir))
        return 1;
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    if (!json)
        printf("bench_frame: software renderer, headless, %ld frames x %ld runs per scene, each run alternated with "
               "the floor (clear + one freshly rendered line of text + present); CPU ms per frame, median [min-max]\n",
               frames, runs);
    char font[1024] = "";
    int status = 0;
    for (int z = 0; z < nsizes; z++) {
        int w = sizes[z][0], h = sizes[z][1];
        Bench b;
        memset(&b, 0, sizeof b);
        GameOptions o;
        options_defaults(&o);
        o.headless = true;
        o.size_w = w;
        o.size_h = h;
        oc_strlcpy(o.data_dir, datadir, sizeof o.data_dir);
        char err[512];
        if (app_init(&b.app, &o, err, sizeof err) != 0) {
            fprintf(stderr, "bench_frame: %s\n", err);
            return 1;
        }
        oc_strlcpy(font, text_font_path(b.app.text, FONT_REGULAR), sizeof font);
        settle(&b.app, 1);
        b.ad = academy_data_create(&b.app);
        BenchFloor bare;
        if (bench_floor_init(&bare, w, h, font) != 0)
            return 1;
        if (!json)
            printf("\n%dx%d\n%-30s %24s %24s %22s\n", w, h, "scene", "scene ms", "floor ms", "ratio");
        for (int i = 0; i < nstates; i++) {
            if (only && strcmp(states[i].name, only) != 0)
                continue;
            Figures f;
            if (!measure(&b, &bare, &states[i], (int)frames, (int)runs, &f)) {
                if (!json)
                    printf("%-30s (not in this build)\n", states[i].name);
                continue;
            }
            bool ok = f.ratio[0] <= 3.0;
            if (json)
                printf("{\"scene\":\"%s\",\"size\":\"%dx%d\",\"width\":%d,\"height\":%d,\"frames\":%ld,\"runs\":%ld,"
                       "\"scene_ms\":%.4f,\"scene_ms_min\":%.4f,\"scene_ms_max\":%.4f,"
                       "\"floor_ms\":%.4f,\"floor_ms_min\":%.4f,\"floor_ms_max\":%.4f,"
                       "\"ratio\":%.3f,\"ratio_min\":%.3f,\"ratio_max\":%.3f,\"target\":3.0,\"within_target\":%s}\n",
                       states[i].name, w, h, w, h, frames, runs, f.scene_ms[0], f.scene_ms[1], f.scene_ms[2],
                       f.floor_ms[0], f.floor_ms[1], f.floor_ms[2], f.ratio[0], f.ratio[1], f.ratio[2],
                       ok ? "true" : "false");
            else
                printf("%-30s %8.3f [%6.3f-%6.3f] %8.3f [%6.3f-%6.3f] %6.2fx [%4.2f-%4.2f]%s\n", states[i].name,
                       f.scene_ms[0], f.scene_ms[1], f.scene_ms[2], f.floor_ms[0], f.floor_ms[1], f.floor_ms[2],
                       f.ratio[0], f.ratio[1], f.ratio[2], ok ? "" : "   over 3x");
            fflush(stdout);
        }
        bench_floor_quit(&bare);
        app_set_root(&b.app, scene_create(SCENE_TITLE));
        settle(&b.app, 1);
        academy_data_destroy(b.ad);
        app_shutdown(&b.app);
    }
    if (!json && !only) {
        enum { RUNS = 9 };
        double gs[RUNS], bs[RUNS];
        for (int i = 0; i < RUNS; i++) {
            gs[i] = startup_ms(true, datadir, font);
            bs[i] = startup_ms(false, datadir, font);
        }
        printf("\nstartup to first presented frame (median of %d, 1080p): game %.1f ms, bare %.1f ms   (target < 150 ms)\n",
               RUNS, bench_median(gs, RUNS), bench_median(bs, RUNS));
    }
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", datadir);
    if (system(cmd) != 0)
        status = 1;
    return status;
}
