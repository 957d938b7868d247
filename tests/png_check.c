#include "png_check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <stb/stb_image.h>
#include <sys/wait.h>

int image_load(Image *img, const char *path)
{
    int c;
    img->px = stbi_load(path, &img->w, &img->h, &c, 4);
    if (!img->px) {
        fprintf(stderr, "%s: cannot load PNG (%s)\n", path, stbi_failure_reason());
        return -1;
    }
    return 0;
}

void image_free(Image *img)
{
    stbi_image_free(img->px);
    img->px = NULL;
}

static double luma(const unsigned char *p)
{
    return 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
}

static void clip(const Image *img, const Frame *f, LRect r, int *x0, int *y0, int *x1, int *y1)
{
    int x, y, w, h;
    layout_to_px(f, r, &x, &y, &w, &h);
    *x0 = x < 0 ? 0 : x;
    *y0 = y < 0 ? 0 : y;
    *x1 = x + w > img->w ? img->w : x + w;
    *y1 = y + h > img->h ? img->h : y + h;
}

double image_bright_fraction(const Image *img, const Frame *f, LRect r, int lum)
{
    int x0, y0, x1, y1;
    clip(img, f, r, &x0, &y0, &x1, &y1);
    long n = 0, bright = 0;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++) {
            n++;
            bright += luma(&img->px[4 * ((size_t)y * (size_t)img->w + (size_t)x)]) > lum;
        }
    return n ? (double)bright / (double)n : 0.0;
}

void image_mean(const Image *img, const Frame *f, LRect r, double rgb[3])
{
    int x0, y0, x1, y1;
    clip(img, f, r, &x0, &y0, &x1, &y1);
    double s[3] = {0, 0, 0};
    long n = 0;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++, n++)
            for (int k = 0; k < 3; k++)
                s[k] += img->px[4 * ((size_t)y * (size_t)img->w + (size_t)x) + (size_t)k];
    for (int k = 0; k < 3; k++)
        rgb[k] = n ? s[k] / (double)n : 0.0;
}

double image_luma_stddev(const Image *img)
{
    double s = 0, s2 = 0;
    size_t n = (size_t)img->w * (size_t)img->h;
    for (size_t i = 0; i < n; i++) {
        double l = luma(&img->px[4 * i]);
        s += l;
        s2 += l * l;
    }
    double m = s / (double)n;
    return sqrt(s2 / (double)n - m * m);
}

int run_cmd(const char *cmd)
{
    int st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}
