#define _POSIX_C_SOURCE 200809L
#include "session_protocol.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "json_check.h"
#include "oc_util.h"

/* Time allowed for placing the wraps and checking their tightness before the first set. */
#define WRAP_CHECK_ALLOWANCE_S 90.0
/* A set "to failure" may run a little past the number the plan expects. */
#define FAILURE_SLACK 1.25

void session_protocol_default(SessionProtocol *p)
{
    memset(p, 0, sizeof *p);
    oc_strlcpy(p->id, "guide-five-sets", sizeof p->id);
    oc_strlcpy(p->name, "The guide's five sets", sizeof p->name);
    p->body_part = BODY_UPPER_ARM;
    p->load_percent = 30;
    p->rest_s = 45;
    p->rep_s = 2.0;
    p->recover_s = 60;
    p->sets = 5;
    static const int reps[5] = {30, 15, 12, 12, 12};
    for (int i = 0; i < 5; i++) {
        p->reps[i] = reps[i];
        p->to_failure[i] = true;
    }
}

/* ---------------- messages that name the file and the field (json_check.h) ---------------- */

static void get_text(JsonCheck *p, const cJSON *obj, const char *key, char *dst, size_t cap, bool required)
{
    char f[JSON_FIELD_MAX];
    const cJSON *it = json_check_item(p, obj, "", key, f, required, "text in quotes");
    if (it)
        json_check_string(p, it, f, dst, cap, required);
}

static void parse_sets(JsonCheck *p, const cJSON *root, SessionProtocol *out)
{
    const cJSON *sets = cJSON_GetObjectItemCaseSensitive(root, "sets");
    int n = cJSON_IsArray(sets) ? cJSON_GetArraySize(sets) : -1;
    if (n < 1 || n > PROTOCOL_MAX_SETS) {
        json_check_fail(p, "sets", "expected a list of 1 to %d sets", PROTOCOL_MAX_SETS);
        return;
    }
    int i = 0;
    for (const cJSON *c = sets->child; c; c = c->next, i++) {
        char base[JSON_FIELD_MAX];
        json_check_field_at(base, sizeof base, "", "sets", i);
        if (!cJSON_IsObject(c)) {
            json_check_fail(p, base, "expected an object such as {\"reps\": 15}");
            continue;
        }
        static const char *const keys[] = {"reps", "to_failure", NULL};
        json_check_keys(p, c, base, keys);
        json_check_int(p, c, base, "reps", &out->reps[i], 1, PROTOCOL_REPS_MAX, true);
        json_check_bool(p, c, base, "to_failure", &out->to_failure[i], false);
    }
    out->sets = n;
}

int session_protocol_parse(const char *text, size_t len, const char *path, SessionProtocol *out,
                           ProtocolReport report, void *ctx)
{
    JsonCheck p = {.path = path ? path : "protocol", .report = report, .ctx = ctx, .max_fields = 32, .key_max = 40};
    memset(out, 0, sizeof *out);
    oc_strlcpy(out->path, p.path, sizeof out->path);
    out->body_part = BODY_UPPER_ARM;
    out->load_percent = 30;
    out->rep_s = 2.0;
    out->recover_s = 60;
    if (!text || len == 0) {
        json_check_fail(&p, NULL, "the file is empty (expected a JSON object)");
        return p.errors;
    }
    if (json_check_bytes(&p, text, len, false) != 0)
        return p.errors;
    cJSON *root = json_check_parse(&p, text, len, "the protocol's JSON");
    if (!root)
        return p.errors;
    static const char *const keys[] = {"version",      "id",          "name",          "summary",
                                       "body_part",    "load_percent", "rest_seconds", "rep_seconds",
                                       "recover_seconds", "sets",     NULL};
    json_check_keys(&p, root, "", keys);
    int version = 0;
    json_check_int(&p, root, "", "version", &version, 1, PROTOCOL_FORMAT_VERSION, true);
    get_text(&p, root, "id", out->id, sizeof out->id, true);
    json_check_id(&p, "id", out->id);
    get_text(&p, root, "name", out->name, sizeof out->name, true);
    get_text(&p, root, "summary", out->summary, sizeof out->summary, false);

    char f[JSON_FIELD_MAX];
    const cJSON *bp = json_check_item(&p, root, "", "body_part", f, false, "arm, forearm, thigh, calf or shoulder");
    if (bp) {
        int b = cJSON_IsString(bp) ? body_part_from_id(bp->valuestring) : -1;
        if (b < 0)
            json_check_fail(&p, f, "expected one of arm, forearm, thigh, calf, shoulder");
        else
            out->body_part = (BodyPart)b;
    }
    json_check_int(&p, root, "", "load_percent", &out->load_percent, PROTOCOL_LOAD_MIN, PROTOCOL_LOAD_MAX, false);
    json_check_int(&p, root, "", "rest_seconds", &out->rest_s, PROTOCOL_REST_MIN_S, PROTOCOL_REST_MAX_S, true);
    json_check_number(&p, root, "", "rep_seconds", &out->rep_s, PROTOCOL_REP_S_MIN, PROTOCOL_REP_S_MAX, false, false);
    json_check_int(&p, root, "", "recover_seconds", &out->recover_s, PROTOCOL_RECOVER_MIN_S, PROTOCOL_RECOVER_MAX_S,
                   false);
    parse_sets(&p, root, out);
    cJSON_Delete(root);
    if (p.errors == 0) {
        char err[300];
        if (session_protocol_fits(out, out->body_part, "sets", err, sizeof err) != 0)
            json_check_fail(&p, "sets", "%s", err);
    }
    return p.errors;
}

typedef struct FirstLine {
    char *buf;
    size_t cap;
    bool have;
} FirstLine;

static void keep_first(void *ctx, const char *line)
{
    FirstLine *fl = ctx;
    if (!fl->have && fl->buf && fl->cap)
        oc_strlcpy(fl->buf, line, fl->cap);
    fl->have = true;
}

int session_protocol_load(const char *path, SessionProtocol *out, char *err, size_t errlen)
{
    size_t len = 0;
    char *text = oc_read_file(path, &len, err, errlen);
    if (!text)
        return -1;
    FirstLine fl = {err, errlen, false};
    int n = session_protocol_parse(text, len, path, out, keep_first, &fl);
    free(text);
    return n ? -1 : 0;
}

double session_protocol_wrap_estimate_s(const SessionProtocol *p)
{
    double t = WRAP_CHECK_ALLOWANCE_S;
    int n = p->sets < PROTOCOL_MAX_SETS ? p->sets : PROTOCOL_MAX_SETS;
    for (int i = 0; i < n; i++)
        t += p->reps[i] * p->rep_s * (p->to_failure[i] ? FAILURE_SLACK : 1.0);
    if (n > 1)
        t += (n - 1) * p->rest_s;
    return t;
}

int session_protocol_fits(const SessionProtocol *p, BodyPart part, const char *what, char *err, size_t errlen)
{
    double t = session_protocol_wrap_estimate_s(p), lim = body_part_time_limit_s(part);
    if (t > lim)
        return oc_fail(err, errlen,
                       "%s: this plan keeps the wraps on for about %.0f min %02.0f s, over the %.0f min limit "
                       "for the %s (fewer sets or reps, or shorter rests)",
                       what, floor(t / 60), fmod(t, 60), lim / 60, body_part_label(part));
    return 0;
}

/* ---------------- a folder of protocols ---------------- */

typedef struct Relay {
    ProtocolSet *set;
    ProtocolReport report;
    void *ctx;
} Relay;

static void relay(void *ctx, const char *line)
{
    Relay *r = ctx;
    r->set->errors++;
    if (r->report)
        r->report(r->ctx, line);
}

int session_protocol_load_dir(ProtocolSet *set, const char *dir, ProtocolReport report, void *ctx)
{
    memset(set, 0, sizeof *set);
    Relay r = {set, report, ctx};
    char **names;
    int n;
    bool too_many;
    if (json_check_list_dir(dir, PROTOCOL_MAX_FILES, &names, &n, &too_many) != 0) {
        char line[1100];
        snprintf(line, sizeof line, "%s: cannot open the protocols folder", dir);
        relay(&r, line);
        return -1;
    }
    if (too_many) {
        char line[1100];
        snprintf(line, sizeof line, "%s: more than %d protocol files; the rest are left out", dir,
                 PROTOCOL_MAX_FILES);
        relay(&r, line);
    }
    set->items = calloc(n ? (size_t)n : 1, sizeof *set->items);
    for (int i = 0; i < n; i++) {
        char path[1024];
        oc_path_join(path, sizeof path, dir, names[i]);
        if (!set->items)
            continue;
        set->files++;
        char err[700];
        size_t len = 0;
        char *text = oc_read_file(path, &len, err, sizeof err);
        if (!text) {
            relay(&r, err);
            continue;
        }
        SessionProtocol *pr = &set->items[set->count];
        int errs = session_protocol_parse(text, len, path, pr, relay, &r);
        free(text);
        for (int j = 0; errs == 0 && j < set->count; j++)
            if (strcmp(set->items[j].id, pr->id) == 0) {
                char line[1400];
                snprintf(line, sizeof line, "%s: id: '%s' is already the id of %s", path, pr->id,
                         set->items[j].path);
                relay(&r, line);
                errs++;
            }
        if (errs == 0)
            set->count++;
    }
    json_check_free_names(names, n);
    return 0;
}

void session_protocol_free(ProtocolSet *set)
{
    free(set->items);
    memset(set, 0, sizeof *set);
}

int session_protocol_check(const char *dir, FILE *out)
{
    ProtocolSet set;
    session_protocol_load_dir(&set, dir, json_check_print, out);
    if (set.files == 0 && set.errors == 0) {
        fprintf(out, "%s: no protocol files (*.json) here\n", dir);
        set.errors++;
    }
    fprintf(out, "%d protocols, %d errors\n", set.count, set.errors);
    int rc = set.errors ? 1 : 0;
    session_protocol_free(&set);
    return rc;
}
