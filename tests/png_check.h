/* Pixel checks on screenshots, shared by the headless end-to-end tests. */
#ifndef OC_PNG_CHECK_H
#define OC_PNG_CHECK_H

#include "layout.h"

typedef struct Image {
    int w, h;
    unsigned char *px; /* RGBA */
} Image;

int image_load(Image *img, const char *path);
void image_free(Image *img);
/* Fraction of pixels in r (logical units, converted with f) whose luminance is above lum. */
double image_bright_fraction(const Image *img, const Frame *f, LRect r, int lum);
/* Mean colour of r. */
void image_mean(const Image *img, const Frame *f, LRect r, double rgb[3]);
/* Standard deviation of luminance over the whole image. */
double image_luma_stddev(const Image *img);
/* Run a shell command; returns its exit status. */
int run_cmd(const char *cmd);

#endif
