/* Checks for the JSON files people write by hand (Academy levels, session protocols). Every message is one
 * line "<file>: <field>: <what is wrong and what was expected>" handed to the caller's report function,
 * so a loader reads a field, and a broken one is named, in one call. Pure C11 over cJSON; no SDL. */
#ifndef OC_JSON_CHECK_H
#define OC_JSON_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

/* Room for a field path such as "questions[3] (cuff-width).mistakes[1].polygon[4]" (longer ones are cut). */
#define JSON_FIELD_MAX 160

typedef void (*JsonReport)(void *ctx, const char *line);

typedef struct JsonCheck {
    const char *path;  /* the file every message names first */
    JsonReport report; /* gets each message; may be NULL */
    void *ctx;
    int errors;     /* messages so far */
    int max_fields; /* an object with more fields than this is refused */
    int key_max;    /* at most this many bytes of an unknown key are quoted; 0 = all of it */
} JsonCheck;

/* A JsonReport that prints each line to the FILE * it is given as ctx (the --check-* commands). */
void json_check_print(void *file, const char *line);

/* Reports "<path>: <field>: <message>" (or "<path>: <message>" without a field) and counts it. */
void json_check_fail(JsonCheck *jc, const char *field, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* "questions[2]" + "zones" -> "questions[2].zones"; "" + "zones" -> "zones". */
void json_check_field(char *out, size_t cap, const char *base, const char *key);
/* "questions[2]" + "zones" + 1 -> "questions[2].zones[1]". */
void json_check_field_at(char *out, size_t cap, const char *base, const char *key, int i);

/* The line (from 1) that byte `at` of text stands on. */
int json_check_line_of(const char *text, size_t at);

/* Parses text; NULL after a message unless it is a JSON object. When `trailing` names the document
 * ("the level's JSON"), only white space may follow it; NULL lets anything follow. */
/* Before the parser: no NUL byte and no \u0000 escape in a string (cJSON would cut the string there) and,
 * when utf8 is set, strict UTF-8 over the whole file (no overlong forms, no encoded surrogates; a loader
 * that checks each text field itself can name the field instead). 0, or -1 after reporting the first. */
int json_check_bytes(JsonCheck *jc, const char *text, size_t len, bool utf8);
cJSON *json_check_parse(JsonCheck *jc, const char *text, size_t len, const char *trailing);

/* Every key of obj must be one of `allowed` (NULL-terminated) and appear once; at most jc->max_fields. */
void json_check_keys(JsonCheck *jc, const cJSON *obj, const char *base, const char *const *allowed);

/* Looks key up in obj and writes its field path into f (JSON_FIELD_MAX bytes); a missing required field
 * is reported as "missing (expected <expect>)". */
const cJSON *json_check_item(JsonCheck *jc, const cJSON *obj, const char *base, const char *key, char *f, bool required,
                             const char *expect);

/* Text that fits in cap bytes, is strict UTF-8 and has no control characters but line breaks. */
bool json_check_text(JsonCheck *jc, const char *f, const char *s, size_t cap);

/* A string item (from json_check_item) copied into dst when it is good text; an empty one is refused if
 * required. Otherwise dst is left as it is. */
void json_check_string(JsonCheck *jc, const cJSON *it, const char *f, char *dst, size_t cap, bool required);

/* A number from lo to hi (a whole one if `whole`); dst is written only when it is good. True then. */
bool json_check_number(JsonCheck *jc, const cJSON *obj, const char *base, const char *key, double *dst, double lo,
                       double hi, bool whole, bool required);
bool json_check_int(JsonCheck *jc, const cJSON *obj, const char *base, const char *key, int *dst, int lo, int hi,
                    bool required);
bool json_check_bool(JsonCheck *jc, const cJSON *obj, const char *base, const char *key, bool *dst, bool required);

/* An id uses only a-z, 0-9, '-' and '_'; an empty one is left to the "missing"/"is empty" checks. */
void json_check_id(JsonCheck *jc, const char *field, const char *id);

/* The names of the *.json files in dir (hidden ones left out), sorted byte by byte: at most `max` of them,
 * in *names (*count of them; free with json_check_free_names); *more tells whether there were more. -1 when
 * the folder cannot be opened. */
int json_check_list_dir(const char *dir, int max, char ***names, int *count, bool *more);
void json_check_free_names(char **names, int count);

#endif
