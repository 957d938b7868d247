/* Cue onsets in the audio output: a real session engine drives the game's audio module the way the session
 * scene does, through SDL's disk audio driver; the written samples are scanned for onsets, and each cue
 * must start within 25 ms of its transition. The transition's place in the output is found from the wall
 * time at which the game loop's clock passed it and the mixer's own callback clock (frame, time). */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio.h"
#include "session.h"
#include "session_cues.h"

#ifndef OC_SOURCE_DIR
#define OC_SOURCE_DIR "."
#endif

#define MAX_CUES 64
#define MAX_CLOCK 4096
#define TOLERANCE_S 0.025

static const char *out_dir = ".";

typedef struct Sched {
    Cue cue;
    double wall; /* seconds since the loop began, when the game clock passed the transition */
} Sched;

typedef struct ClockPoint {
    int64_t frame;
    double wall;
} ClockPoint;

static Sched sched[MAX_CUES];
static int nsched;
static ClockPoint clk[MAX_CLOCK];
static int nclk;

static CuePlan plan;
static int64_t last_stop = -1;

/* An event through the scene's path: its cue (scheduled ahead if foreseen), noted with the wall time at
 * which its transition happened. */
static void note(Audio *a, Session *s, const SessionEvent *e, double game_time, double wall)
{
    static const CueStyle st = {.group = false, .rep_tick = true, .speech = false};
    if (e->type == SEV_STOP && e->lane >= 0 && e->t_ms == last_stop)
        return; /* one cue for a stop of everyone, as the scene does */
    if (e->type == SEV_STOP)
        last_stop = e->t_ms;
    char say[96];
    Cue c = session_event_cue(s, e, &st, say, sizeof say);
    if (c == CUE_COUNT || c == CUE_WRAP_ON)
        return;
    assert_true(cue_plan_play(&plan, a, s, e, game_time, &st));
    assert_true(nsched < MAX_CUES);
    sched[nsched++] = (Sched){c, wall};
}

/* One session through the loop the game runs: input first, then fixed 10 ms steps caught up once per
 * 60 Hz frame, then the look-ahead that schedules timed cues. */
static void run(Audio *a, Session *s, double scale, double seconds, double stop_at, uint64_t t0, double *game)
{
    static const CueStyle st = {.group = false, .rep_tick = true, .speech = false};
    double freq = (double)SDL_GetPerformanceFrequency();
    /* the game clock runs with the wall clock; this session's time 0 is now */
    *game = (double)(SDL_GetPerformanceCounter() - t0) / freq;
    double game0 = *game, next_tap = -1.0;
    SessionEvent e;
    while (*game - game0 < seconds && !session_finished(s)) {
        SDL_Delay(16);
        double wall = (double)(SDL_GetPerformanceCounter() - t0) / freq;
        int64_t f;
        uint64_t c;
        if (audio_clock(a, &f, &c) && (nclk == 0 || clk[nclk - 1].frame != f) && nclk < MAX_CLOCK)
            clk[nclk++] = (ClockPoint){f, (double)(c - t0) / freq};
        /* input: a tap every 2 session seconds, a stop at stop_at; their transitions happen now */
        double now = session_elapsed_s(s);
        if (session_phase(s) == SESSION_SET && next_tap < 0)
            next_tap = now + 2.0;
        if (session_phase(s) == SESSION_SET && now >= next_tap) {
            session_tap(s, 0);
            next_tap = -1;
        }
        if (stop_at > 0 && now >= stop_at)
            session_stop(s, SESSION_STOP_PAIN);
        while (session_poll(s, &e))
            note(a, s, &e, *game, wall);
        while (*game + 0.01 <= wall) {
            *game += 0.01;
            audio_sync(a, *game);
            session_step(s, 0.01 * scale);
            while (session_poll(s, &e)) {
                double at = game0 + (double)e.t_ms / 1000.0 / scale;
                note(a, s, &e, at, at);
            }
            cue_plan_ahead(&plan, a, s, *game, scale, &st);
        }
    }
}

static void start(Session *s, int sets, int64_t limit_ms)
{
    SessionProtocol p;
    session_protocol_default(&p);
    p.sets = sets;
    for (int i = 0; i < sets; i++) {
        p.reps[i] = 2;
        p.to_failure[i] = false;
    }
    p.rest_s = 30;
    p.recover_s = 30;
    SessionConfig cfg;
    session_config_default(&cfg, &p, 1);
    assert_int_equal(session_init(s, &cfg, NULL, 0), 0);
    s->lane[0].limit_ms = limit_ms;
    for (int i = 0; i < SCREEN_ITEM_COUNT; i++)
        session_screen_answer(s, 0, (ScreenItem)i, false);
    session_begin_wrap(s);
    session_wrap_placed(s, 0);
    session_tightness_check(s, 0, false, false);
    SessionEvent e;
    while (session_poll(s, &e))
        ; /* the wraps went on before the loop: not timed here */
    cue_plan_reset(&plan);
}

/* The output frame the mixer was at when the wall clock read `wall`: interpolated between the callbacks seen
 * either side of it (the device's real pace, which a loaded machine slows), else extrapolated at the rate. */
static double frame_at(double wall, int rate)
{
    int k = 0;
    while (k + 1 < nclk && clk[k + 1].wall <= wall)
        k++;
    if (k + 1 < nclk && clk[k + 1].wall > clk[k].wall && clk[k].wall <= wall)
        return (double)clk[k].frame + (wall - clk[k].wall) / (clk[k + 1].wall - clk[k].wall) *
                                          (double)(clk[k + 1].frame - clk[k].frame);
    return (double)clk[k].frame + (wall - clk[k].wall) * rate;
}

static void test_cue_onsets_within_25ms(void **state)
{
    (void)state;
    char raw[1024];
    snprintf(raw, sizeof raw, "%s/audio-onset.raw", out_dir);
    remove(raw);
    SDL_setenv("SDL_AUDIODRIVER", "disk", 1);
    SDL_setenv("SDL_DISKAUDIOFILE", raw, 1);
    assert_int_equal(SDL_Init(SDL_INIT_AUDIO | SDL_INIT_TIMER), 0);
    Audio a;
    audio_init(&a, OC_SOURCE_DIR "/assets/sounds", true);
    assert_true(a.device);
    int rate = audio_rate(&a);
    assert_true(rate > 0);
    audio_set_volume(&a, 80, false);
    uint64_t t0 = SDL_GetPerformanceCounter();
    double game = 0.0;
    SDL_Delay(100); /* let the mixer's clock start */
    static Session s;
    /* a whole short session: 3-2-1, set starts, rep ticks, rest, ten seconds, wraps off */
    start(&s, 2, 900000);
    run(&a, &s, 4.0, 30.0, -1, t0, &game);
    /* a second one: a wrap-time warning, then a stop */
    start(&s, 2, 135000); /* the warning comes 15 s in, during the rest */
    run(&a, &s, 4.0, 8.0, 19.0, t0, &game);
    SDL_Delay(1500); /* the last cue plays out */
    audio_shutdown(&a);
    SDL_Quit();

    FILE *f = fopen(raw, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long bytes = ftell(f);
    fseek(f, 0, SEEK_SET);
    size_t n = (size_t)bytes / 4;
    int16_t *pcm = malloc((size_t)bytes);
    assert_non_null(pcm);
    assert_int_equal(fread(pcm, 4, n, f), n);
    fclose(f);

    /* onsets: the first loud sample after at least 30 ms of near silence */
    int64_t onset[512];
    int nonset = 0;
    int64_t quiet = 0;
    for (size_t i = 0; i < n && nonset < 512; i++) {
        int v = abs(pcm[2 * i]) > abs(pcm[2 * i + 1]) ? abs(pcm[2 * i]) : abs(pcm[2 * i + 1]);
        if (v > 800) {
            if (quiet >= rate * 30 / 1000)
                onset[nonset++] = (int64_t)i;
            quiet = 0;
        } else {
            quiet++;
        }
    }
    free(pcm);
    printf("%d cues scheduled, %d onsets found, %d mixer callbacks seen\n", nsched, nonset, nclk);
    assert_true(nsched >= 12);
    bool kinds[CUE_COUNT] = {false};
    double worst = 0;
    int bad = 0;
    for (int i = 0; i < nsched; i++) {
        double want = frame_at(sched[i].wall, rate);
        double best = 1e18;
        for (int k = 0; k < nonset; k++) {
            double d = (double)onset[k] - want;
            if (d < 0)
                d = -d;
            if (d < best)
                best = d;
        }
        double ms = best * 1000.0 / rate;
        printf("  %-16s at %7.3f s: onset %6.1f ms from its transition\n", audio_file(sched[i].cue), sched[i].wall, ms);
        if (ms > worst)
            worst = ms;
        bad += ms > TOLERANCE_S * 1000;
        kinds[sched[i].cue] = true;
    }
    printf("worst: %.1f ms\n", worst);
    assert_int_equal(bad, 0);
    static const Cue needed[] = {CUE_COUNTDOWN, CUE_SET_START, CUE_REP_TICK, CUE_REST,
                                 CUE_REST_FINAL, CUE_WRAP_OFF,  CUE_WARNING,  CUE_STOP};
    for (size_t i = 0; i < sizeof needed / sizeof needed[0]; i++)
        if (!kinds[needed[i]])
            fail_msg("no %s cue was heard", audio_file(needed[i]));
}

int main(int argc, char **argv)
{
    if (argc > 1)
        out_dir = argv[1];
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_cue_onsets_within_25ms)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
