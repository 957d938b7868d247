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
/* Plain decimal numbers only: no leading spaces, '+', hex, inf or nan. "1920x1080" -> w, h. */
bool oc_parse_size(const char *s, int *w, int *h);

/* Read a whole file into a NUL-terminated heap buffer (caller frees). NULL + message on failure. */
char *oc_read_file(const char *path, size_t *len, char *err, size_t errlen);
/* Write to path.tmp, flush to disk, then rename over path: a reader never sees half a file. */
int oc_write_file_atomic(const char *path, const void *data, size_t len, char *err, size_t errlen);
bool oc_file_exists(const char *path);
/* mkdir -p for one path; 0 on success. */
int oc_mkdirs(const char *path, char *err, size_t errlen);
/* dir + "/" + name into out (adds the separator only when needed); false if it had to be cut. */
bool oc_path_join(char *out, size_t cap, const char *dir, const char *name);

/* Sets a damaged file aside without ever replacing an earlier copy: renames path to the first free
 * <path>.<tag>-1, -2, ... (link + unlink, so an existing copy is never overwritten). The new name goes
 * to `aside`. 0 on success. */
int oc_set_aside(const char *path, const char *tag, char *aside, size_t cap, char *err, size_t errlen);

/* Strict UTF-8: no overlong forms, no encoded surrogates (U+D800..DFFF), nothing above U+10FFFF. */
bool oc_utf8_valid(const char *s, size_t n);
/* The offset of the first byte that is not strict UTF-8, or n if all of s is. */
size_t oc_utf8_invalid_at(const char *s, size_t n);
/* Backspace: removes the last character of s (its lead byte and any continuation bytes). */
void oc_utf8_drop_last(char *s);

/* A person's name as typed -> the name to keep: valid UTF-8, Unicode spaces and invisible characters
 * trimmed from both ends, NFC, no control characters, at least one letter or digit, shorter than cap
 * bytes. 0 on success, else -1 and a message. */
int oc_name_clean(const char *in, char *out, size_t cap, char *err, size_t errlen);
/* The key two names are compared by: NFC, case-folded ("Élodie" = "élodie" = "E\u0301lodie").
 * 0 on success. */
int oc_name_key(const char *name, char *out, size_t cap);
/* For sorting lists of names: case-folded, accents dropped ("Élodie" sorts with "elodie"). */
int oc_name_sort_key(const char *name, char *out, size_t cap);

#endif
