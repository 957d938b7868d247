#define _POSIX_C_SOURCE 200809L
#include "bench_floor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

double bench_cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double bench_median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof v[0], cmp_double);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

int bench_floor_init(BenchFloor *b, int w, int h, const char *font_path)
{
    memset(b, 0, sizeof *b);
    b->canvas = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    b->ren = b->canvas ? SDL_CreateSoftwareRenderer(b->canvas) : NULL;
    b->font = TTF_OpenFont(font_path, h / 20);
    if (!b->ren || !b->font) {
        fprintf(stderr, "floor: %s\n", b->font ? SDL_GetError() : TTF_GetError());
        bench_floor_quit(b);
        return -1;
    }
    return 0;
}

void bench_floor_frame(BenchFloor *b)
{
    char line[64];
    snprintf(line, sizeof line, "Occlusion Coach %ld", b->n++ % 1000);
    SDL_SetRenderDrawColor(b->ren, 10, 12, 24, 255);
    SDL_RenderClear(b->ren);
    SDL_Surface *s = TTF_RenderUTF8_Blended(b->font, line, (SDL_Color){255, 255, 255, 255});
    if (s) {
        SDL_Texture *t = SDL_CreateTextureFromSurface(b->ren, s);
        SDL_Rect r = {40, 40, s->w, s->h};
        SDL_RenderCopy(b->ren, t, NULL, &r);
        SDL_DestroyTexture(t);
        SDL_FreeSurface(s);
    }
    SDL_RenderPresent(b->ren);
}

double bench_floor_ms(BenchFloor *b, int frames)
{
    for (int i = 0; i < 5; i++)
        bench_floor_frame(b);
    double t0 = bench_cpu_now();
    for (int i = 0; i < frames; i++)
        bench_floor_frame(b);
    return (bench_cpu_now() - t0) * 1000.0 / (double)frames;
}

void bench_floor_quit(BenchFloor *b)
{
    if (b->font)
        TTF_CloseFont(b->font);
    if (b->ren)
        SDL_DestroyRenderer(b->ren);
    if (b->canvas)
        SDL_FreeSurface(b->canvas);
    memset(b, 0, sizeof *b);
}
