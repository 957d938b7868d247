/* Small helpers shared by the core: bounded strings, error messages, files. No SDL here. */
#ifndef OC_UTIL_H
#define OC_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#define OC_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define OC_PI 3.14159265358979323846

/* Copy with truncation; always NUL-terminates when cap > 0. Returns strlen(src). */
size_t oc_strlcpy(char *dst, const char *src, size_t cap);

/* printf into err (may be NULL); always returns -1 so callers can `return oc_fail(...)`. */
int oc_fail(char *err, size_t errlen, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Parse a whole string as a number; false if empty, trailing junk, or not finite. */
bool oc_parse_double(const char *s, double *out);
bool oc_parse_long(const char *s, long *out);
/* "1920x1080" -> w, h. */
bool oc_parse_size(const char *s, int *w, int *h);

/* Read a whole file into a NUL-terminated heap buffer (caller frees). NULL + message on failure. */
char *oc_read_file(const char *path, size_t *len, char *err, size_t errlen);
/* Write to path.tmp, flush to disk, then rename over path: a reader never sees half a file. */
int oc_write_file_atomic(const char *path, const void *data, size_t len, char *err, size_t errlen);
bool oc_file_exists(const char *path);
/* mkdir -p for one path; 0 on success. */
int oc_mkdirs(const char *path, char *err, size_t errlen);
/* dir + "/" + name into out (adds the separator only when needed). */
void oc_path_join(char *out, size_t cap, const char *dir, const char *name);

#endif
