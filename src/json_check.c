#include "json_check.h"

#include <dirent.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oc_util.h"

void json_check_print(void *file, const char *line)
{
    fprintf((FILE *)file, "%s\n", line);
}

void json_check_fail(JsonCheck *jc, const char *field, const char *fmt, ...)
{
    char msg[400], line[1100];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (field && field[0])
        snprintf(line, sizeof line, "%s: %s: %s", jc->path, field, msg);
    else
        snprintf(line, sizeof line, "%s: %s", jc->path, msg);
    jc->errors++;
    if (jc->report)
        jc->report(jc->ctx, line);
}

void json_check_field(char *out, size_t cap, const char *base, const char *key)
{
    snprintf(out, cap, "%s%s%s", base, base[0] ? "." : "", key);
}

void json_check_field_at(char *out, size_t cap, const char *base, const char *key, int i)
{
    snprintf(out, cap, "%s%s%s[%d]", base, base[0] ? "." : "", key, i);
}

int json_check_line_of(const char *text, size_t at)
{
    int line = 1;
    for (size_t i = 0; i < at; i++)
        line += text[i] == '\n';
    return line;
}

/* Text checks before the JSON parser sees the file: strict UTF-8 (no overlong forms, no encoded
 * surrogates), no NUL byte, and no \u0000 escape in a string (cJSON would cut the string there). */
int json_check_bytes(JsonCheck *p, const char *text, size_t len, bool utf8)
{
    size_t bad = utf8 ? oc_utf8_invalid_at(text, len) : len;
    if (bad < len) {
        json_check_fail(p, NULL,
                        "not valid UTF-8 at line %d, byte %zu (overlong forms, surrogates and bytes that are not "
                        "UTF-8 are refused)",
                        json_check_line_of(text, bad), bad);
        return -1;
    }
    bool in_string = false;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c == '\0') {
            json_check_fail(p, NULL, "a NUL byte at line %d, byte %zu", json_check_line_of(text, i), i);
            return -1;
        }
        if (c == '"') {
            in_string = !in_string;
        } else if (in_string && c == '\\' && i + 1 < len) {
            if (text[i + 1] == 'u' && i + 5 < len && text[i + 2] == '0' && text[i + 3] == '0' && text[i + 4] == '0' &&
                text[i + 5] == '0') {
                json_check_fail(p, NULL, "\\u0000 (a NUL character) in a string at line %d: text would be cut there",
                                json_check_line_of(text, i));
                return -1;
            }
            i++; /* the escaped character, so \\" does not end the string */
        }
    }
    return 0;
}

cJSON *json_check_parse(JsonCheck *jc, const char *text, size_t len, const char *trailing)
{
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, false);
    if (root && end && trailing) { /* only white space may follow the document */
        size_t at = (size_t)(end - text);
        while (at < len && (text[at] == ' ' || text[at] == '\t' || text[at] == '\r' || text[at] == '\n'))
            at++;
        if (at < len) {
            json_check_fail(jc, NULL, "unexpected text after %s (line %d, byte %zu)", trailing,
                            json_check_line_of(text, at), at);
            cJSON_Delete(root);
            return NULL;
        }
    }
    if (!root) {
        size_t at = end && end >= text ? (size_t)(end - text) : 0;
        json_check_fail(jc, NULL, "not valid JSON (problem near line %d, byte %zu)",
                        json_check_line_of(text, at < len ? at : len), at);
        return NULL;
    }
    if (!cJSON_IsObject(root)) {
        json_check_fail(jc, NULL, "expected a JSON object at the top");
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

void json_check_keys(JsonCheck *jc, const cJSON *obj, const char *base, const char *const *allowed)
{
    int n = 0;
    for (const cJSON *c = obj->child; c; c = c->next) {
        if (++n > jc->max_fields) {
            json_check_fail(jc, base, "more than %d fields", jc->max_fields);
            return;
        }
        bool known = false;
        for (int i = 0; allowed[i] && !known; i++)
            known = c->string && strcmp(c->string, allowed[i]) == 0;
        char f[JSON_FIELD_MAX];
        snprintf(f, sizeof f, "%s%s%.*s", base, base[0] ? "." : "", jc->key_max > 0 ? jc->key_max : INT_MAX,
                 c->string ? c->string : "?");
        if (!known) {
            char list[300] = "";
            size_t used = 0;
            for (int i = 0; allowed[i]; i++) {
                int k = snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", allowed[i]);
                if (k < 0 || (size_t)k >= sizeof list - used)
                    break;
                used += (size_t)k;
            }
            json_check_fail(jc, f, "unknown field (expected one of: %s)", list);
            continue;
        }
        for (const cJSON *d = obj->child; d != c; d = d->next)
            if (d->string && strcmp(d->string, c->string) == 0) {
                json_check_fail(jc, f, "appears twice");
                break;
            }
    }
}

const cJSON *json_check_item(JsonCheck *jc, const cJSON *obj, const char *base, const char *key, char *f, bool required,
                             const char *expect)
{
    json_check_field(f, JSON_FIELD_MAX, base, key);
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!it && required)
        json_check_fail(jc, f, "missing (expected %s)", expect);
    return it;
}

bool json_check_text(JsonCheck *jc, const char *f, const char *s, size_t cap)
{
    size_t n = strlen(s);
    if (n >= cap) {
        json_check_fail(jc, f, "is %zu bytes long; at most %zu fit", n, cap - 1);
        return false;
    }
    if (!oc_utf8_valid(s, n)) {
        json_check_fail(jc, f, "is not valid UTF-8");
        return false;
    }
    for (const char *c = s; *c; c++)
        if ((unsigned char)*c < 0x20 && *c != '\n') {
            json_check_fail(jc, f, "contains a control character (only line breaks are allowed)");
            return false;
        }
    return true;
}

void json_check_string(JsonCheck *jc, const cJSON *it, const char *f, char *dst, size_t cap, bool required)
{
    if (!cJSON_IsString(it) || !it->valuestring) {
        json_check_fail(jc, f, "expected text in quotes");
        return;
    }
    if (!it->valuestring[0] && required) {
        json_check_fail(jc, f, "is empty");
        return;
    }
    if (json_check_text(jc, f, it->valuestring, cap))
        memcpy(dst, it->valuestring, strlen(it->valuestring) + 1);
}

/* The shared part of the number readers: `expect` says the range in the caller's words. */
static bool check_number(JsonCheck *jc, const cJSON *obj, const char *base, const char *key, const char *expect,
                         double *dst, double lo, double hi, bool whole, bool required)
{
    char f[JSON_FIELD_MAX];
    const cJSON *it = json_check_item(jc, obj, base, key, f, required, expect);
    if (!it)
        return false;
    double v = it->valuedouble;
    if (!cJSON_IsNumber(it) || !isfinite(v) || (whole && v != floor(v)) || v < lo || v > hi) {
        json_check_fail(jc, f, "expected %s", expect);
        return false;
    }
    *dst = v;
    return true;
}

bool json_check_number(JsonCheck *jc, const cJSON *obj, const char *base, const char *key, double *dst, double lo,
                       double hi, bool whole, bool required)
{
    char expect[80];
    snprintf(expect, sizeof expect, "%s from %g to %g", whole ? "a whole number" : "a number", lo, hi);
    return check_number(jc, obj, base, key, expect, dst, lo, hi, whole, required);
}

bool json_check_int(JsonCheck *jc, const cJSON *obj, const char *base, const char *key, int *dst, int lo, int hi,
                    bool required)
{
    char expect[80];
    snprintf(expect, sizeof expect, "a whole number from %d to %d", lo, hi);
    double v = 0;
    if (!check_number(jc, obj, base, key, expect, &v, lo, hi, true, required))
        return false;
    *dst = (int)v;
    return true;
}

bool json_check_bool(JsonCheck *jc, const cJSON *obj, const char *base, const char *key, bool *dst, bool required)
{
    char f[JSON_FIELD_MAX];
    const cJSON *it = json_check_item(jc, obj, base, key, f, required, "true or false");
    if (!it)
        return false;
    if (!cJSON_IsBool(it)) {
        json_check_fail(jc, f, "expected true or false");
        return false;
    }
    *dst = cJSON_IsTrue(it);
    return true;
}

void json_check_id(JsonCheck *jc, const char *field, const char *id)
{
    if (!id[0])
        return;
    for (const char *s = id; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' || *s == '_')) {
            json_check_fail(jc, field, "'%s' may use only a-z, 0-9, '-' and '_'", id);
            return;
        }
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int json_check_list_dir(const char *dir, int max, char ***names, int *count, bool *more)
{
    *names = NULL;
    *count = 0;
    *more = false;
    DIR *dp = opendir(dir);
    if (!dp)
        return -1;
    char **list = NULL;
    int n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        size_t l = strlen(e->d_name);
        if (e->d_name[0] == '.' || l < 6 || strcmp(e->d_name + l - 5, ".json") != 0)
            continue;
        if (n == max) {
            *more = true;
            break;
        }
        if (n == cap) {
            int nc = cap ? cap * 2 : 16;
            char **nl = realloc(list, (size_t)nc * sizeof *nl);
            if (!nl)
                break;
            list = nl;
            cap = nc;
        }
        list[n] = malloc(l + 1);
        if (!list[n])
            break;
        memcpy(list[n++], e->d_name, l + 1);
    }
    closedir(dp);
    if (n > 1)
        qsort(list, (size_t)n, sizeof *list, cmp_names);
    *names = list;
    *count = n;
    return 0;
}

void json_check_free_names(char **names, int count)
{
    for (int i = 0; i < count; i++)
        free(names[i]);
    free(names);
}
