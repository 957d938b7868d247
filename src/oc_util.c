#define _POSIX_C_SOURCE 200809L
#include "oc_util.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>

size_t oc_strlcpy(char *dst, const char *src, size_t cap)
{
    size_t n = strlen(src);
    if (cap > 0) {
        size_t k = n < cap - 1 ? n : cap - 1;
        memcpy(dst, src, k);
        dst[k] = '\0';
    }
    return n;
}

int oc_fail(char *err, size_t errlen, const char *fmt, ...)
{
    if (err && errlen > 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* Plain decimal only: an optional '-', digits, and (when `real`) a fraction and an exponent. strtod and
 * strtol also take leading spaces, '+', hex ("0x10"), "inf" and "nan"; a flag or a file must not. */
static bool plain_decimal(const char *s, bool real)
{
    const char *p = s;
    if (*p == '-')
        p++;
    size_t digits = 0;
    while (*p >= '0' && *p <= '9')
        p++, digits++;
    if (real && *p == '.') {
        p++;
        while (*p >= '0' && *p <= '9')
            p++, digits++;
    }
    if (digits == 0)
        return false;
    if (real && (*p == 'e' || *p == 'E')) {
        p++;
        if (*p == '-' || *p == '+')
            p++;
        if (!(*p >= '0' && *p <= '9'))
            return false;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    return *p == '\0';
}

bool oc_parse_double(const char *s, double *out)
{
    if (!s || !*s || !plain_decimal(s, true))
        return false;
    char *end = NULL;
    errno = 0;
    double v = strtod(s, &end);
    if (errno != 0 || end == s || *end != '\0' || !isfinite(v))
        return false;
    *out = v;
    return true;
}

bool oc_parse_long(const char *s, long *out)
{
    if (!s || !*s || !plain_decimal(s, false))
        return false;
    char *end = NULL;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0')
        return false;
    *out = v;
    return true;
}

bool oc_parse_size(const char *s, int *w, int *h)
{
    if (!s)
        return false;
    const char *x = strchr(s, 'x');
    if (!x || x == s || strchr(x + 1, 'x'))
        return false;
    char a[32];
    size_t n = (size_t)(x - s);
    if (n >= sizeof a)
        return false;
    memcpy(a, s, n);
    a[n] = '\0';
    long lw, lh;
    if (!oc_parse_long(a, &lw) || !oc_parse_long(x + 1, &lh))
        return false;
    if (lw <= 0 || lh <= 0 || lw > 100000 || lh > 100000)
        return false;
    *w = (int)lw;
    *h = (int)lh;
    return true;
}

char *oc_read_file(const char *path, size_t *len, char *err, size_t errlen)
{
    /* O_NONBLOCK: a FIFO or a device must not hang the game; only regular files are read */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        oc_fail(err, errlen, "%s: cannot open (%s)", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        oc_fail(err, errlen, "%s: not a regular file", path);
        return NULL;
    }
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        close(fd);
        oc_fail(err, errlen, "%s: cannot open (%s)", path, strerror(errno));
        return NULL;
    }
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    if (!buf) {
        fclose(f);
        oc_fail(err, errlen, "%s: out of memory", path);
        return NULL;
    }
    for (;;) {
        if (n + 1 >= cap) {
            if (cap > ((size_t)64 << 20)) {
                free(buf);
                fclose(f);
                oc_fail(err, errlen, "%s: file is larger than 64 MiB", path);
                return NULL;
            }
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                fclose(f);
                oc_fail(err, errlen, "%s: out of memory", path);
                return NULL;
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    bool bad = ferror(f) != 0;
    fclose(f);
    if (bad) {
        free(buf);
        oc_fail(err, errlen, "%s: read error", path);
        return NULL;
    }
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

int oc_write_file_atomic(const char *path, const void *data, size_t len, char *err, size_t errlen)
{
    char tmp[4096];
    if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp", path) >= sizeof tmp)
        return oc_fail(err, errlen, "%s: path too long", path);
    FILE *f = fopen(tmp, "wb");
    if (!f)
        return oc_fail(err, errlen, "%s: cannot write (%s)", tmp, strerror(errno));
    bool ok = fwrite(data, 1, len, f) == len;
    ok = fflush(f) == 0 && ok;
    ok = fsync(fileno(f)) == 0 && ok;
    ok = fclose(f) == 0 && ok;
    if (!ok) {
        remove(tmp);
        return oc_fail(err, errlen, "%s: write failed (%s)", tmp, strerror(errno));
    }
    if (rename(tmp, path) != 0) {
        int e = errno;
        remove(tmp);
        return oc_fail(err, errlen, "%s: cannot replace (%s)", path, strerror(e));
    }
    return 0;
}

bool oc_file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

int oc_mkdirs(const char *path, char *err, size_t errlen)
{
    char buf[4096];
    if (oc_strlcpy(buf, path, sizeof buf) >= sizeof buf)
        return oc_fail(err, errlen, "%s: path too long", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0755) != 0 && errno != EEXIST)
            return oc_fail(err, errlen, "%s: cannot create directory (%s)", buf, strerror(errno));
        *p = '/';
    }
    if (mkdir(buf, 0755) != 0 && errno != EEXIST)
        return oc_fail(err, errlen, "%s: cannot create directory (%s)", buf, strerror(errno));
    struct stat st;
    if (stat(buf, &st) != 0 || !S_ISDIR(st.st_mode))
        return oc_fail(err, errlen, "%s: exists and is not a directory", buf);
    return 0;
}

bool oc_path_join(char *out, size_t cap, const char *dir, const char *name)
{
    size_t n = strlen(dir);
    const char *sep = (n > 0 && dir[n - 1] == '/') ? "" : "/";
    int w = snprintf(out, cap, "%s%s%s", dir, sep, name);
    return w >= 0 && (size_t)w < cap;
}

int oc_set_aside(const char *path, const char *tag, char *aside, size_t cap, char *err, size_t errlen)
{
    for (int n = 1; n < 1000; n++) {
        int w = snprintf(aside, cap, "%s.%s-%d", path, tag, n);
        if (w < 0 || (size_t)w >= cap)
            return oc_fail(err, errlen, "%s: path too long to set the file aside", path);
        if (link(path, aside) == 0) {
            if (unlink(path) != 0) {
                int e = errno;
                unlink(aside); /* the original is still there: nothing lost, nothing moved */
                return oc_fail(err, errlen, "%s: cannot move it aside (%s)", path, strerror(e));
            }
            return 0;
        }
        if (errno == EEXIST)
            continue;
        if (errno == EPERM || errno == ENOTSUP || errno == EOPNOTSUPP || errno == EXDEV) {
            /* no hard links here: rename, but only onto a name that does not exist */
            struct stat st;
            if (lstat(aside, &st) == 0)
                continue;
            if (rename(path, aside) == 0)
                return 0;
        }
        return oc_fail(err, errlen, "%s: cannot move it aside (%s)", path, strerror(errno));
    }
    return oc_fail(err, errlen, "%s: 999 copies already set aside; move some away", path);
}

/* Decodes one code point; returns its length, or 0 if the bytes are not strict UTF-8. */
static size_t utf8_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
    if (p[0] < 0x80) {
        *cp = p[0];
        return 1;
    }
    size_t len;
    uint32_t c, min;
    if ((p[0] & 0xE0) == 0xC0)
        len = 2, c = p[0] & 0x1F, min = 0x80;
    else if ((p[0] & 0xF0) == 0xE0)
        len = 3, c = p[0] & 0x0F, min = 0x800;
    else if ((p[0] & 0xF8) == 0xF0)
        len = 4, c = p[0] & 0x07, min = 0x10000;
    else
        return 0;
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (p[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

void oc_utf8_drop_last(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && ((unsigned char)s[n - 1] & 0xC0) == 0x80)
        n--;
    if (n > 0)
        n--;
    s[n] = '\0';
}

size_t oc_utf8_invalid_at(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = utf8_decode(p + i, n - i, &cp);
        if (k == 0)
            return i;
        i += k;
    }
    return n;
}

bool oc_utf8_valid(const char *s, size_t n)
{
    return oc_utf8_invalid_at(s, n) == n;
}

/* Spaces and characters that draw nothing: trimmed from the ends of a name. */
static bool invisible(uint32_t c)
{
    return uc_is_property_white_space(c) || uc_is_property_default_ignorable_code_point(c) || c == 0x00A0 ||
           c == 0x180E || c == 0x2800 || c == 0x3164 || c == 0xFFA0 || c == 0x115F || c == 0x1160;
}

int oc_name_clean(const char *in, char *out, size_t cap, char *err, size_t errlen)
{
    size_t n = strlen(in);
    if (!oc_utf8_valid(in, n))
        return oc_fail(err, errlen, "a name must be valid UTF-8 text");
    const unsigned char *p = (const unsigned char *)in;
    /* trim invisible code points from both ends; refuse controls; need one letter or digit */
    size_t start = n, end = 0, i = 0;
    bool letter = false;
    while (i < n) {
        uint32_t c;
        size_t k = utf8_decode(p + i, n - i, &c);
        if (uc_is_general_category(c, UC_CATEGORY_Cc))
            return oc_fail(err, errlen, "a name may not contain control characters");
        if (!invisible(c)) {
            if (start == n)
                start = i;
            end = i + k;
        }
        if (uc_is_general_category(c, UC_CATEGORY_L) || uc_is_general_category(c, UC_CATEGORY_N))
            letter = true;
        i += k;
    }
    if (!letter || start >= end)
        return oc_fail(err, errlen, "a name needs at least one letter or digit");
    size_t len = 0;
    uint8_t *nfc = u8_normalize(UNINORM_NFC, p + start, end - start, NULL, &len);
    if (!nfc)
        return oc_fail(err, errlen, "out of memory");
    if (len + 1 > cap) {
        free(nfc);
        return oc_fail(err, errlen, "a name may be at most %zu bytes", cap - 1);
    }
    memcpy(out, nfc, len);
    out[len] = '\0';
    free(nfc);
    return 0;
}

int oc_name_key(const char *name, char *out, size_t cap)
{
    size_t len = 0;
    uint8_t *key = u8_casefold((const uint8_t *)name, strlen(name), NULL, UNINORM_NFC, NULL, &len);
    if (!key)
        return -1;
    if (len + 1 > cap) {
        free(key);
        return -1;
    }
    memcpy(out, key, len);
    out[len] = '\0';
    free(key);
    return 0;
}

int oc_name_sort_key(const char *name, char *out, size_t cap)
{
    size_t len = 0;
    uint8_t *key = u8_casefold((const uint8_t *)name, strlen(name), NULL, UNINORM_NFD, NULL, &len);
    if (!key)
        return -1;
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        uint32_t c;
        size_t k = utf8_decode(key + i, len - i, &c);
        if (k == 0)
            break;
        if (!uc_is_general_category(c, UC_CATEGORY_Mn)) { /* accents sort with their letter */
            if (o + k + 1 > cap)
                break;
            memcpy(out + o, key + i, k);
            o += k;
        }
        i += k;
    }
    free(key);
    if (cap)
        out[o] = '\0';
    return 0;
}
