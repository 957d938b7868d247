/* bench_frame: startup to first presented frame, and CPU time per frame of the title scene with the
 * software renderer at 1080p and 4K, each beside a bare SDL2 + SDL2_ttf program that only clears, draws
 * one cached line of text and presents. Prints figures; asserts nothing (targets are in the README). */
#define _POSIX_C_SOURCE 200809L
#include <SDL.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "oc_util.h"

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double wall_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double game_frame_ms(int w, int h, int frames, const char *datadir)
{
    GameOptions o;
    options_defaults(&o);
    o.headless = true;
    o.size_w = w;
    o.size_h = h;
    oc_strlcpy(o.data_dir, datadir, sizeof o.data_dir);
    App app;
    char err[512];
    if (app_init(&app, &o, err, sizeof err) != 0) {
        fprintf(stderr, "bench: %s\n", err);
        exit(1);
    }
    for (int i = 0; i < 10; i++) /* warm the text cache */
        app_frame(&app, 1.0 / 60.0);
    double t0 = cpu_now();
    for (int i = 0; i < frames; i++)
        app_frame(&app, 1.0 / 60.0);
    double ms = (cpu_now() - t0) * 1000.0 / frames;
    app_shutdown(&app);
    return ms;
}

typedef struct Bare {
    SDL_Surface *canvas;
    SDL_Renderer *ren;
    TTF_Font *font;
    SDL_Texture *text;
    int tw, th;
} Bare;

static void bare_init(Bare *b, int w, int h, const char *font)
{
    SDL_setenv("SDL_VIDEODRIVER", "dummy", 0);
    SDL_Init(SDL_INIT_VIDEO);
    TTF_Init();
    b->canvas = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    b->ren = SDL_CreateSoftwareRenderer(b->canvas);
    b->font = TTF_OpenFont(font, h / 20);
    if (!b->font) {
        fprintf(stderr, "bench: %s: %s\n", font, TTF_GetError());
        exit(1);
    }
    SDL_Surface *s = TTF_RenderUTF8_Blended(b->font, "Occlusion Coach", (SDL_Color){255, 255, 255, 255});
    b->text = SDL_CreateTextureFromSurface(b->ren, s);
    b->tw = s->w;
    b->th = s->h;
    SDL_FreeSurface(s);
}

static void bare_frame(Bare *b)
{
    SDL_SetRenderDrawColor(b->ren, 10, 12, 24, 255);
    SDL_RenderClear(b->ren);
    SDL_Rect r = {40, 40, b->tw, b->th};
    SDL_RenderCopy(b->ren, b->text, NULL, &r);
    SDL_RenderPresent(b->ren);
}

static void bare_quit(Bare *b)
{
    SDL_DestroyTexture(b->text);
    TTF_CloseFont(b->font);
    SDL_DestroyRenderer(b->ren);
    SDL_FreeSurface(b->canvas);
    TTF_Quit();
    SDL_Quit();
}

static double bare_frame_ms(int w, int h, int frames, const char *font)
{
    Bare b;
    bare_init(&b, w, h, font);
    for (int i = 0; i < 10; i++)
        bare_frame(&b);
    double t0 = cpu_now();
    for (int i = 0; i < frames; i++)
        bare_frame(&b);
    double ms = (cpu_now() - t0) * 1000.0 / frames;
    bare_quit(&b);
    return ms;
}

/* Startup: a fresh process each time (fork, so nothing is warm but the page cache), timed from
 * fork to the first SDL_RenderPresent returning, reported through a pipe. */
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
            Bare b;
            bare_init(&b, 1920, 1080, font);
            bare_frame(&b);
            ms = (wall_now() - t0) * 1000.0;
            bare_quit(&b);
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

int main(int argc, char **argv)
{
    int frames = argc > 1 ? atoi(argv[1]) : 120;
    if (frames < 1)
        frames = 120;
    char datadir[] = "/tmp/oc-bench-XXXXXX";
    if (!mkdtemp(datadir))
        return 1;
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    /* the bare program uses the same font file the game picked */
    char font[1024] = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    {
        GameOptions o;
        options_defaults(&o);
        o.headless = true;
        o.size_w = 640;
        o.size_h = 360;
        oc_strlcpy(o.data_dir, datadir, sizeof o.data_dir);
        App app;
        char err[512];
        if (app_init(&app, &o, err, sizeof err) == 0) {
            oc_strlcpy(font, text_font_path(app.text, FONT_REGULAR), sizeof font);
            app_shutdown(&app);
        }
    }
    printf("bench_frame: software renderer, dummy video, %d frames per figure\n", frames);
    printf("%-8s %14s %14s %8s\n", "size", "title ms/frame", "bare ms/frame", "ratio");
    static const int sizes[2][2] = {{1920, 1080}, {3840, 2160}};
    for (int i = 0; i < 2; i++) {
        double g = game_frame_ms(sizes[i][0], sizes[i][1], frames, datadir);
        double b = bare_frame_ms(sizes[i][0], sizes[i][1], frames, font);
        printf("%4dx%-4d %14.3f %14.3f %7.2fx   (target <= 3x)\n", sizes[i][0], sizes[i][1], g, b, g / b);
    }
    enum { RUNS = 9 };
    double gs[RUNS], bs[RUNS];
    for (int i = 0; i < RUNS; i++) {
        gs[i] = startup_ms(true, datadir, font);
        bs[i] = startup_ms(false, datadir, font);
    }
    qsort(gs, RUNS, sizeof gs[0], cmp_double);
    qsort(bs, RUNS, sizeof bs[0], cmp_double);
    printf("startup to first presented frame (median of %d, 1080p): game %.1f ms, bare %.1f ms   (target < 150 ms)\n",
           RUNS, gs[RUNS / 2], bs[RUNS / 2]);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", datadir);
    return system(cmd) == 0 ? 0 : 1;
}
