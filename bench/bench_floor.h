/* The drawing floor every benchmark compares against: a bare SDL2 + SDL2_ttf program at the same size, on
 * the software renderer, that clears, renders one line of text afresh (TTF render, texture upload, copy,
 * free, as a screen whose text changes does) and presents. Shared by bench_frame and bench_lab. */
#ifndef OC_BENCH_FLOOR_H
#define OC_BENCH_FLOOR_H

#include <SDL.h>
#include <SDL_ttf.h>

typedef struct BenchFloor {
    SDL_Surface *canvas;
    SDL_Renderer *ren;
    TTF_Font *font;
    long n;
} BenchFloor;

/* 0, or -1 with a message on stderr naming what failed. SDL and TTF must be initialised. */
int bench_floor_init(BenchFloor *b, int w, int h, const char *font_path);
void bench_floor_frame(BenchFloor *b);
/* CPU ms per floor frame over `frames` frames (after 5 to warm up). */
double bench_floor_ms(BenchFloor *b, int frames);
void bench_floor_quit(BenchFloor *b);

/* Process CPU time in seconds, and the median of v (sorted in place). */
double bench_cpu_now(void);
double bench_median(double *v, int n);

#endif
