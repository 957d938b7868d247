#define _POSIX_C_SOURCE 200809L
#include "academy.h"

#include <cjson/cJSON.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_check.h"
#include "oc_rng.h"
#include "oc_util.h"

static const char *const kind_names[Q_KIND_COUNT] = {
    [Q_PLACEMENT] = "placement", [Q_TIGHTNESS] = "tightness", [Q_CHOICE] = "choice",
    [Q_TRUEFALSE] = "truefalse", [Q_ORDER] = "order",         [Q_SCENARIO] = "scenario",
};
static const char *const view_names[VIEW_COUNT] = {[VIEW_FRONT] = "front", [VIEW_BACK] = "back"};

const char *question_kind_name(QuestionKind k)
{
    return (k >= 0 && k < Q_KIND_COUNT) ? kind_names[k] : "?";
}

const char *figure_view_name(FigureView v)
{
    return (v >= 0 && v < VIEW_COUNT) ? view_names[v] : "?";
}

/* ---------------- parsing with messages that name the field ---------------- */

/* A string field. Missing: an error if required, else dst is left as it is. */
static void get_str(JsonCheck *p, const cJSON *obj, const char *base, const char *key, char *dst, size_t cap,
                    bool required)
{
    char f[JSON_FIELD_MAX];
    const cJSON *it = json_check_item(p, obj, base, key, f, required, "text");
    if (it)
        json_check_string(p, it, f, dst, cap, required);
}

static void get_view(JsonCheck *p, const cJSON *obj, const char *base, FigureView *dst)
{
    char f[JSON_FIELD_MAX];
    json_check_field(f, sizeof f, base, "view");
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, "view");
    if (!it)
        return;
    for (int v = 0; v < VIEW_COUNT; v++)
        if (cJSON_IsString(it) && strcmp(it->valuestring, view_names[v]) == 0) {
            *dst = (FigureView)v;
            return;
        }
    json_check_fail(p, f, "expected \"front\" or \"back\"");
}

/* An array of n numbers from lo to hi. */
static bool get_numbers(const cJSON *arr, float *out, int n, double lo, double hi)
{
    if (!cJSON_IsArray(arr) || cJSON_GetArraySize(arr) != n)
        return false;
    int i = 0;
    for (const cJSON *c = arr->child; c; c = c->next, i++) {
        if (!cJSON_IsNumber(c) || !isfinite(c->valuedouble) || c->valuedouble < lo || c->valuedouble > hi)
            return false;
        out[i] = (float)c->valuedouble;
    }
    return true;
}

typedef struct Defaults {
    int seconds, points;
    FigureView view;
    bool mirror;
} Defaults;

static const char *const shape_keys[] = {"rect", "ellipse", "polygon", "mirror", "view", "why", NULL};

/* One zone object: exactly one of rect / ellipse / polygon. `why` is allowed only for mistakes. */
static void get_shape(JsonCheck *p, const cJSON *obj, const char *f, Shape *s, const Defaults *d, char *why)
{
    if (!cJSON_IsObject(obj)) {
        json_check_fail(p, f, "expected an object such as {\"ellipse\": [cx, cy, rx, ry]}");
        return;
    }
    json_check_keys(p, obj, f, shape_keys);
    s->mirror = d->mirror;
    s->view = d->view;
    json_check_bool(p, obj, f, "mirror", &s->mirror, false);
    get_view(p, obj, f, &s->view);
    if (why)
        get_str(p, obj, f, "why", why, AC_OPTION_MAX, true);
    else if (cJSON_GetObjectItemCaseSensitive(obj, "why")) {
        char g[JSON_FIELD_MAX];
        json_check_field(g, sizeof g, f, "why");
        json_check_fail(p, g, "only mistakes carry a \"why\"");
    }
    const cJSON *rect = cJSON_GetObjectItemCaseSensitive(obj, "rect");
    const cJSON *ell = cJSON_GetObjectItemCaseSensitive(obj, "ellipse");
    const cJSON *poly = cJSON_GetObjectItemCaseSensitive(obj, "polygon");
    if ((rect != NULL) + (ell != NULL) + (poly != NULL) != 1) {
        json_check_fail(p, f, "needs exactly one of \"rect\", \"ellipse\" or \"polygon\"");
        return;
    }
    char g[JSON_FIELD_MAX];
    if (rect) {
        json_check_field(g, sizeof g, f, "rect");
        float v[4];
        if (!get_numbers(rect, v, 4, 0, 1) || v[2] <= 0 || v[3] <= 0 || v[0] + v[2] > 1.0001f ||
            v[1] + v[3] > 1.0001f) {
            json_check_fail(p, g, "expected [x, y, width, height] inside the figure (numbers from 0 to 1, size > 0)");
            return;
        }
        *s = (Shape){.kind = SHAPE_RECT, .mirror = s->mirror, .view = s->view,
                     .v = {{v[0], v[1]}, {v[2], v[3]}}};
    } else if (ell) {
        json_check_field(g, sizeof g, f, "ellipse");
        float v[4];
        if (!get_numbers(ell, v, 4, 0, 1) || v[2] <= 0 || v[3] <= 0) {
            json_check_fail(p, g, "expected [cx, cy, rx, ry] (numbers from 0 to 1, radii > 0)");
            return;
        }
        *s = (Shape){.kind = SHAPE_ELLIPSE, .mirror = s->mirror, .view = s->view,
                     .v = {{v[0], v[1]}, {v[2], v[3]}}};
    } else {
        json_check_field(g, sizeof g, f, "polygon");
        int n = cJSON_IsArray(poly) ? cJSON_GetArraySize(poly) : 0;
        if (n < 3 || n > AC_MAX_POINTS) {
            json_check_fail(p, g, "expected 3 to %d corners [[x, y], ...]", AC_MAX_POINTS);
            return;
        }
        s->kind = SHAPE_POLYGON;
        s->n = n;
        int i = 0;
        for (const cJSON *c = poly->child; c; c = c->next, i++)
            if (!get_numbers(c, s->v[i], 2, 0, 1)) {
                char h[JSON_FIELD_MAX];
                snprintf(h, sizeof h, "%s[%d]", g, i);
                json_check_fail(p, h, "expected [x, y] with numbers from 0 to 1");
                return;
            }
        double area = 0;
        for (i = 0; i < n; i++) {
            const float *a = s->v[i], *b = s->v[(i + 1) % n];
            area += (double)a[0] * b[1] - (double)b[0] * a[1];
        }
        if (fabs(area) < 1e-6) {
            json_check_fail(p, g, "has no area");
            return;
        }
    }
}

static void get_text_list(JsonCheck *p, const cJSON *q, const char *base, const char *key, char (*dst)[AC_OPTION_MAX],
                          int *count, int lo, int hi)
{
    char f[JSON_FIELD_MAX];
    json_check_field(f, sizeof f, base, key);
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(q, key);
    int n = cJSON_IsArray(arr) ? cJSON_GetArraySize(arr) : -1;
    if (n < lo || n > hi) {
        json_check_fail(p, f, "expected a list of %d to %d texts", lo, hi);
        return;
    }
    int i = 0;
    for (const cJSON *c = arr->child; c; c = c->next, i++) {
        char g[JSON_FIELD_MAX];
        snprintf(g, sizeof g, "%s[%d]", f, i);
        if (!cJSON_IsString(c) || !c->valuestring || !c->valuestring[0]) {
            json_check_fail(p, g, "expected non-empty text");
            continue;
        }
        if (!json_check_text(p, g, c->valuestring, AC_OPTION_MAX))
            continue;
        memcpy(dst[i], c->valuestring, strlen(c->valuestring) + 1);
        for (int j = 0; j < i; j++)
            if (strcmp(dst[j], dst[i]) == 0)
                json_check_fail(p, g, "repeats item %d", j);
    }
    *count = n;
}

static void parse_placement(JsonCheck *p, const cJSON *q, const char *f, Question *out, const Defaults *d)
{
    get_str(p, q, f, "muscle", out->muscle, sizeof out->muscle, true);
    out->view = d->view;
    get_view(p, q, f, &out->view);
    json_check_bool(p, q, f, "cannot_wrap", &out->cannot_wrap, false);
    Defaults zd = *d;
    zd.view = out->view;
    const cJSON *zones = cJSON_GetObjectItemCaseSensitive(q, "zones");
    char g[JSON_FIELD_MAX];
    json_check_field(g, sizeof g, f, "zones");
    int nz = zones ? (cJSON_IsArray(zones) ? cJSON_GetArraySize(zones) : -1) : 0;
    if (out->cannot_wrap) {
        if (nz != 0)
            json_check_fail(p, g, "must be left out when \"cannot_wrap\" is true (there is no right place)");
    } else if (nz < 1 || nz > AC_MAX_ZONES) {
        json_check_fail(p, g, "expected 1 to %d shapes where the band belongs (or \"cannot_wrap\": true)",
                        AC_MAX_ZONES);
    } else {
        int i = 0;
        for (const cJSON *c = zones->child; c; c = c->next, i++) {
            char h[JSON_FIELD_MAX];
            json_check_field_at(h, sizeof h, f, "zones", i);
            int before = p->errors;
            get_shape(p, c, h, &out->zones[i], &zd, NULL);
            float cx, cy;
            shape_center(&out->zones[i], &cx, &cy);
            if (p->errors == before && !shape_contains(&out->zones[i], out->zones[i].view, cx, cy))
                json_check_fail(p, h, "has no clear inside (a polygon must not cross itself)");
        }
        out->nzones = nz;
    }
    const cJSON *mis = cJSON_GetObjectItemCaseSensitive(q, "mistakes");
    if (mis) {
        json_check_field(g, sizeof g, f, "mistakes");
        int nm = cJSON_IsArray(mis) ? cJSON_GetArraySize(mis) : -1;
        if (nm < 0 || nm > AC_MAX_ZONES) {
            json_check_fail(p, g, "expected a list of up to %d shapes, each with a \"why\"", AC_MAX_ZONES);
            return;
        }
        int i = 0;
        for (const cJSON *c = mis->child; c; c = c->next, i++) {
            char h[JSON_FIELD_MAX];
            json_check_field_at(h, sizeof h, f, "mistakes", i);
            get_shape(p, c, h, &out->mistakes[i].shape, &zd, out->mistakes[i].why);
            /* a mistake must not cover the middle of a right answer */
            for (int z = 0; z < out->nzones; z++) {
                float cx, cy;
                shape_center(&out->zones[z], &cx, &cy);
                if (shape_contains(&out->mistakes[i].shape, out->zones[z].view, cx, cy))
                    json_check_fail(p, h, "covers the centre of zones[%d]", z);
            }
        }
        out->nmistakes = nm;
    }
}

static void parse_options(JsonCheck *p, const cJSON *q, const char *f, Question *out)
{
    get_text_list(p, q, f, "options", out->options, &out->noptions, 2, AC_MAX_OPTIONS);
    out->answer = -1;
    json_check_int(p, q, f, "answer", &out->answer, 0, out->noptions > 0 ? out->noptions - 1 : 0, true);
}

static void parse_question(JsonCheck *p, const cJSON *q, int qi, Question *out, const Defaults *d)
{
    char f[JSON_FIELD_MAX];
    snprintf(f, sizeof f, "questions[%d]", qi);
    if (!cJSON_IsObject(q)) {
        json_check_fail(p, f, "expected an object");
        return;
    }
    memset(out, 0, sizeof *out);
    out->seconds = d->seconds;
    out->points = d->points;
    get_str(p, q, f, "id", out->id, sizeof out->id, true);
    char idf[JSON_FIELD_MAX];
    json_check_field(idf, sizeof idf, f, "id");
    json_check_id(p, idf, out->id);
    if (out->id[0]) /* name the question in later messages */
        snprintf(f, sizeof f, "questions[%d] (%s)", qi, out->id);
    const cJSON *kind = cJSON_GetObjectItemCaseSensitive(q, "kind");
    int k = -1;
    for (int i = 0; i < Q_KIND_COUNT; i++)
        if (cJSON_IsString(kind) && strcmp(kind->valuestring, kind_names[i]) == 0)
            k = i;
    if (k < 0) {
        char g[JSON_FIELD_MAX];
        json_check_field(g, sizeof g, f, "kind");
        json_check_fail(p, g, "expected placement, tightness, choice, truefalse, order or scenario");
        return;
    }
    out->kind = (QuestionKind)k;
    static const char *const keys[Q_KIND_COUNT][16] = {
        [Q_PLACEMENT] = {"id", "kind", "prompt", "explain", "seconds", "points", "required", "muscle", "view",
                         "cannot_wrap", "zones", "mistakes", NULL},
        [Q_TIGHTNESS] = {"id", "kind", "prompt", "explain", "seconds", "points", "required", "accept", "best",
                         "too_loose", "too_tight", NULL},
        [Q_CHOICE] = {"id", "kind", "prompt", "explain", "seconds", "points", "required", "options", "answer", NULL},
        [Q_TRUEFALSE] = {"id", "kind", "prompt", "explain", "seconds", "points", "required", "answer", NULL},
        [Q_ORDER] = {"id", "kind", "prompt", "explain", "seconds", "points", "required", "steps", NULL},
        [Q_SCENARIO] = {"id", "kind", "prompt", "explain", "seconds", "points", "required", "case", "options",
                        "answer", NULL},
    };
    json_check_keys(p, q, f, keys[k]);
    get_str(p, q, f, "prompt", out->prompt, sizeof out->prompt, true);
    get_str(p, q, f, "explain", out->explain, sizeof out->explain, true);
    json_check_int(p, q, f, "seconds", &out->seconds, 5, 300, false);
    json_check_int(p, q, f, "points", &out->points, 1, 10, false);
    json_check_bool(p, q, f, "required", &out->required, false);
    char g[JSON_FIELD_MAX];
    switch (out->kind) {
    case Q_PLACEMENT:
        parse_placement(p, q, f, out, d);
        break;
    case Q_TIGHTNESS: {
        json_check_field(g, sizeof g, f, "accept");
        float r[2];
        const cJSON *acc = cJSON_GetObjectItemCaseSensitive(q, "accept");
        if (!get_numbers(acc, r, 2, 1, 10) || r[0] != floorf(r[0]) || r[1] != floorf(r[1]) || r[0] > r[1])
            json_check_fail(p, g, "expected [lowest, highest] whole numbers from 1 to 10 that count as right");
        else {
            out->accept_lo = (int)r[0];
            out->accept_hi = (int)r[1];
        }
        out->best = -1;
        json_check_int(p, q, f, "best", &out->best, 1, 10, true);
        if (out->best >= 0 && out->accept_hi > 0 && (out->best < out->accept_lo || out->best > out->accept_hi)) {
            json_check_field(g, sizeof g, f, "best");
            json_check_fail(p, g, "%d lies outside \"accept\" [%d, %d]", out->best, out->accept_lo, out->accept_hi);
        }
        get_str(p, q, f, "too_loose", out->too_loose, sizeof out->too_loose, true);
        get_str(p, q, f, "too_tight", out->too_tight, sizeof out->too_tight, true);
        break;
    }
    case Q_SCENARIO:
        get_str(p, q, f, "case", out->scenario, sizeof out->scenario, true);
        parse_options(p, q, f, out);
        break;
    case Q_CHOICE:
        parse_options(p, q, f, out);
        break;
    case Q_TRUEFALSE: {
        bool b = false;
        json_check_bool(p, q, f, "answer", &b, true);
        out->answer = b ? 1 : 0;
        break;
    }
    case Q_ORDER:
        get_text_list(p, q, f, "steps", out->steps, &out->nsteps, 3, AC_MAX_STEPS);
        break;
    default:
        break;
    }
}

int academy_parse_level(const char *text, size_t len, const char *path, Level *out, AcademyReport report,
                        void *ctx)
{
    JsonCheck p = {.path = path, .report = report, .ctx = ctx, .max_fields = 40};
    memset(out, 0, sizeof *out);
    oc_strlcpy(out->path, path, sizeof out->path);
    if (len > AC_MAX_FILE_BYTES) {
        json_check_fail(&p, NULL, "file is %zu bytes; a level may be at most %d", len, AC_MAX_FILE_BYTES);
        return p.errors;
    }
    if (json_check_bytes(&p, text, len, true) != 0)
        return p.errors;
    cJSON *root = json_check_parse(&p, text, len, "the level's JSON");
    if (!root)
        return p.errors;
    static const char *const level_keys[] = {"version", "id",   "title",     "summary", "pass_percent",
                                             "exam",    "defaults", "questions", NULL};
    json_check_keys(&p, root, "", level_keys);
    int version = 0;
    json_check_int(&p, root, "", "version", &version, 1, ACADEMY_FORMAT_VERSION, true);
    get_str(&p, root, "", "id", out->id, sizeof out->id, true);
    json_check_id(&p, "id", out->id);
    get_str(&p, root, "", "title", out->title, sizeof out->title, true);
    get_str(&p, root, "", "summary", out->summary, sizeof out->summary, false);
    json_check_bool(&p, root, "", "exam", &out->exam, false);
    out->pass_percent = out->exam ? 80 : 60;
    json_check_int(&p, root, "", "pass_percent", &out->pass_percent, 1, 100, false);

    Defaults d = {.seconds = 25, .points = 1, .view = VIEW_FRONT, .mirror = true};
    const cJSON *defs = cJSON_GetObjectItemCaseSensitive(root, "defaults");
    if (defs) {
        if (!cJSON_IsObject(defs)) {
            json_check_fail(&p, "defaults", "expected an object");
        } else {
            static const char *const dkeys[] = {"seconds", "points", "view", "mirror", NULL};
            json_check_keys(&p, defs, "defaults", dkeys);
            json_check_int(&p, defs, "defaults", "seconds", &d.seconds, 5, 300, false);
            json_check_int(&p, defs, "defaults", "points", &d.points, 1, 10, false);
            get_view(&p, defs, "defaults", &d.view);
            json_check_bool(&p, defs, "defaults", "mirror", &d.mirror, false);
        }
    }
    const cJSON *qs = cJSON_GetObjectItemCaseSensitive(root, "questions");
    int nq = cJSON_IsArray(qs) ? cJSON_GetArraySize(qs) : -1;
    if (nq < 1 || nq > AC_MAX_QUESTIONS) {
        json_check_fail(&p, "questions", "expected a list of 1 to %d questions", AC_MAX_QUESTIONS);
    } else {
        int i = 0;
        for (const cJSON *c = qs->child; c; c = c->next, i++) {
            parse_question(&p, c, i, &out->questions[i], &d);
            for (int j = 0; j < i; j++)
                if (out->questions[i].id[0] && strcmp(out->questions[i].id, out->questions[j].id) == 0) {
                    char f[JSON_FIELD_MAX];
                    snprintf(f, sizeof f, "questions[%d].id", i);
                    json_check_fail(&p, f, "'%s' is already used by questions[%d]", out->questions[i].id, j);
                }
        }
        out->nquestions = nq;
    }
    cJSON_Delete(root);
    return p.errors;
}

/* ---------------- a directory of levels ---------------- */

static void set_report(LevelSet *set, AcademyReport report, void *ctx, const char *line)
{
    set->errors++;
    if (!set->first_error[0])
        oc_strlcpy(set->first_error, line, sizeof set->first_error);
    if (report)
        report(ctx, line);
}

typedef struct Relay {
    LevelSet *set;
    AcademyReport report;
    void *ctx;
} Relay;

static void relay(void *ctx, const char *line)
{
    Relay *r = ctx;
    set_report(r->set, r->report, r->ctx, line);
}

int academy_load_dir(LevelSet *set, const char *dir, AcademyReport report, void *ctx)
{
    memset(set, 0, sizeof *set);
    char **names;
    int n;
    bool more;
    if (json_check_list_dir(dir, INT_MAX, &names, &n, &more) != 0) {
        char line[700];
        snprintf(line, sizeof line, "%s: cannot open the levels folder", dir);
        set_report(set, report, ctx, line);
        return -1;
    }
    Relay r = {set, report, ctx};
    Level *tmp = malloc(sizeof *tmp);
    for (int i = 0; i < n && tmp; i++) {
        char path[1024];
        oc_path_join(path, sizeof path, dir, names[i]);
        set->files++;
        char err[700];
        size_t len = 0;
        char *text = oc_read_file(path, &len, err, sizeof err);
        if (!text) {
            set_report(set, report, ctx, err);
            set->skipped++;
            continue;
        }
        int errs = academy_parse_level(text, len, path, tmp, relay, &r);
        free(text);
        if (errs == 0 && (set->count >= AC_MAP_MAX_LEVELS || set->count >= AC_MAX_LEVELS)) {
            char line[1200];
            snprintf(line, sizeof line, "%s: left out: the level map holds at most %d levels and this would be "
                     "number %d", path, AC_MAP_MAX_LEVELS, set->count + 1);
            set_report(set, report, ctx, line);
            errs = 1;
        }
        /* ids must be unique across the whole set */
        for (int j = 0; errs == 0 && j < set->count; j++) {
            const Level *o = &set->levels[j];
            char line[1400];
            if (strcmp(o->id, tmp->id) == 0) {
                snprintf(line, sizeof line, "%s: id: '%s' is already the id of %s", path, tmp->id, o->path);
                set_report(set, report, ctx, line);
                errs++;
            }
            for (int a = 0; a < tmp->nquestions; a++)
                for (int b = 0; b < o->nquestions; b++)
                    if (strcmp(tmp->questions[a].id, o->questions[b].id) == 0) {
                        snprintf(line, sizeof line, "%s: questions[%d].id: '%s' is already used in %s", path, a,
                                 tmp->questions[a].id, o->path);
                        set_report(set, report, ctx, line);
                        errs++;
                    }
        }
        if (errs) {
            set->skipped++;
            continue;
        }
        Level *nl = realloc(set->levels, (size_t)(set->count + 1) * sizeof *nl);
        if (!nl)
            break;
        set->levels = nl;
        set->levels[set->count++] = *tmp;
        set->questions += tmp->nquestions;
    }
    free(tmp);
    json_check_free_names(names, n);
    return 0;
}

void academy_free(LevelSet *set)
{
    free(set->levels);
    memset(set, 0, sizeof *set);
}

const Level *academy_find(const LevelSet *set, const char *id)
{
    for (int i = 0; i < set->count; i++)
        if (strcmp(set->levels[i].id, id) == 0)
            return &set->levels[i];
    return NULL;
}

int academy_check(const char *dir, FILE *out)
{
    LevelSet set;
    academy_load_dir(&set, dir, json_check_print, out);
    if (set.files == 0 && set.errors == 0) {
        fprintf(out, "%s: no level files (*.json) here\n", dir);
        set.errors++;
    }
    fprintf(out, "%d levels, %d questions, %d errors\n", set.count, set.questions, set.errors);
    int rc = set.errors ? 1 : 0;
    academy_free(&set);
    return rc;
}

/* ---------------- marking ---------------- */

static bool shape_contains_at(const Shape *s, float x, float y)
{
    switch (s->kind) {
    case SHAPE_RECT:
        return x >= s->v[0][0] && x <= s->v[0][0] + s->v[1][0] && y >= s->v[0][1] && y <= s->v[0][1] + s->v[1][1];
    case SHAPE_ELLIPSE: {
        float dx = (x - s->v[0][0]) / s->v[1][0], dy = (y - s->v[0][1]) / s->v[1][1];
        return dx * dx + dy * dy <= 1.0f;
    }
    case SHAPE_POLYGON: {
        /* even-odd rule: count edges crossed by a ray to the right */
        bool in = false;
        for (int i = 0, j = s->n - 1; i < s->n; j = i++) {
            float xi = s->v[i][0], yi = s->v[i][1], xj = s->v[j][0], yj = s->v[j][1];
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
                in = !in;
        }
        return in;
    }
    }
    return false;
}

bool shape_contains(const Shape *s, FigureView view, float x, float y)
{
    if (s->view != view || !isfinite(x) || !isfinite(y))
        return false;
    return shape_contains_at(s, x, y) || (s->mirror && shape_contains_at(s, 1.0f - x, y));
}

/* Figure landmarks (levels/README.md): shoulder joint (0.31, 0.195), elbow (0.24, 0.35), wrist
 * (0.19, 0.48), groin y = 0.50, knee (0.41, 0.7125), ankle (0.41, 0.925). */
static const float landmarks[][2] = {
    {0.355f, 0.185f},  /* over the shoulder, before the deltoid */
    {0.288f, 0.238f},  /* top of the upper arm, by the armpit */
    {0.265f, 0.295f},  /* middle of the upper arm */
    {0.247f, 0.332f},  /* just above the elbow */
    {0.240f, 0.350f},  /* on the elbow */
    {0.233f, 0.372f},  /* just below the elbow */
    {0.215f, 0.415f},  /* middle of the forearm */
    {0.195f, 0.480f},  /* the wrist */
    {0.420f, 0.522f},  /* top of the thigh, by the groin */
    {0.418f, 0.610f},  /* middle of the thigh */
    {0.412f, 0.686f},  /* just above the knee */
    {0.411f, 0.7125f}, /* on the knee */
    {0.410f, 0.742f},  /* just below the knee */
    {0.405f, 0.800f},  /* middle of the calf */
    {0.410f, 0.910f},  /* the ankle */
    {0.500f, 0.140f},  /* the neck */
};

int figure_landmark_count(void)
{
    return (int)(sizeof landmarks / sizeof landmarks[0]);
}

void figure_landmark(int i, float *x, float *y)
{
    int n = figure_landmark_count();
    i = ((i % n) + n) % n;
    *x = landmarks[i][0];
    *y = landmarks[i][1];
}

/* The left half's bones (from, to) and the limb's width across them, in figure x units; the right half
 * is their mirror image. */
static const float bones[][5] = {
    {0.44f, 0.150f, 0.31f, 0.195f, 0.080f},  /* base of the neck to the shoulder */
    {0.31f, 0.195f, 0.24f, 0.350f, 0.075f},  /* upper arm */
    {0.24f, 0.350f, 0.19f, 0.480f, 0.060f},  /* forearm */
    {0.42f, 0.480f, 0.41f, 0.7125f, 0.150f}, /* thigh */
    {0.41f, 0.7125f, 0.41f, 0.925f, 0.085f}, /* calf */
};

/* The bone nearest to a point (measured in the figure's 1:2 proportions); its direction in *deg. */
static int nearest_bone(float x, float y, float *deg)
{
    bool right = x > 0.5f;
    float px = right ? 1.0f - x : x, py = y * 2.0f; /* the figure is twice as tall as wide */
    float best = 1e9f;
    int found = 0;
    for (int b = 0; b < (int)(sizeof bones / sizeof bones[0]); b++) {
        float ax = bones[b][0], ay = bones[b][1] * 2, bx = bones[b][2], by = bones[b][3] * 2;
        float dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
        float t = ((px - ax) * dx + (py - ay) * dy) / len2;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        float ex = ax + t * dx - px, ey = ay + t * dy - py, d2 = ex * ex + ey * ey;
        if (d2 < best) {
            best = d2;
            found = b;
            *deg = atan2f(dy, right ? -dx : dx) * 57.29578f;
        }
    }
    return found;
}

float figure_limb_angle(float x, float y)
{
    float deg = 90.0f;
    nearest_bone(x, y, &deg);
    return deg;
}

float figure_limb_width(float x, float y)
{
    float deg;
    return bones[nearest_bone(x, y, &deg)][4];
}

void shape_center(const Shape *s, float *x, float *y)
{
    if (s->kind == SHAPE_RECT) {
        *x = s->v[0][0] + s->v[1][0] / 2;
        *y = s->v[0][1] + s->v[1][1] / 2;
        return;
    }
    if (s->kind == SHAPE_ELLIPSE) {
        *x = s->v[0][0];
        *y = s->v[0][1];
        return;
    }
    /* polygon: area centroid, or, if that falls outside (a concave shape), the middle of the longest
     * horizontal run through the centroid's row */
    double a = 0, cx = 0, cy = 0;
    for (int i = 0; i < s->n; i++) {
        const float *p = s->v[i], *q = s->v[(i + 1) % s->n];
        double cr = (double)p[0] * q[1] - (double)q[0] * p[1];
        a += cr;
        cx += (p[0] + q[0]) * cr;
        cy += (p[1] + q[1]) * cr;
    }
    *x = (float)(cx / (3 * a));
    *y = (float)(cy / (3 * a));
    if (shape_contains_at(s, *x, *y))
        return;
    float best = -1, bx = *x;
    for (int k = 0; k <= 200; k++) {
        float tx = (float)k / 200.0f;
        if (!shape_contains_at(s, tx, *y))
            continue;
        int run = 0;
        while (k + run <= 200 && shape_contains_at(s, (float)(k + run) / 200.0f, *y))
            run++;
        if (run > best) {
            best = (float)run;
            bx = (float)k / 200.0f + (float)(run - 1) / 400.0f;
        }
        k += run;
    }
    *x = bx;
}

Verdict quiz_mark(const Question *q, const Answer *a)
{
    Verdict v = {.mistake = -1};
    switch (q->kind) {
    case Q_PLACEMENT:
        if (a->nowhere) {
            v.correct = q->cannot_wrap;
            break;
        }
        for (int i = 0; i < q->nzones && !v.correct; i++)
            v.correct = shape_contains(&q->zones[i], a->view, a->x, a->y);
        for (int i = 0; i < q->nmistakes && !v.correct && v.mistake < 0; i++)
            if (shape_contains(&q->mistakes[i].shape, a->view, a->x, a->y))
                v.mistake = i;
        break;
    case Q_TIGHTNESS:
        v.correct = a->value >= q->accept_lo && a->value <= q->accept_hi;
        break;
    case Q_CHOICE:
    case Q_SCENARIO:
    case Q_TRUEFALSE:
        v.correct = a->value == q->answer;
        break;
    case Q_ORDER:
        for (int i = 0; i < q->nsteps; i++)
            v.in_place += a->order[i] == i;
        v.correct = v.in_place == q->nsteps;
        break;
    default:
        break;
    }
    v.points = v.correct ? q->points : 0;
    return v;
}

void quiz_correct_answer(const Question *q, Answer *a)
{
    memset(a, 0, sizeof *a);
    switch (q->kind) {
    case Q_PLACEMENT:
        a->nowhere = q->cannot_wrap;
        if (q->nzones > 0) {
            shape_center(&q->zones[0], &a->x, &a->y);
            a->view = q->zones[0].view;
        }
        break;
    case Q_TIGHTNESS:
        a->value = q->best;
        break;
    case Q_ORDER:
        for (int i = 0; i < q->nsteps; i++)
            a->order[i] = i;
        break;
    default:
        a->value = q->answer;
        break;
    }
}

static uint64_t id_hash(const Question *q)
{
    uint64_t h = 1469598103934665603ull;
    for (const char *c = q->id; *c; c++)
        h = (h ^ (unsigned char)*c) * 1099511628211ull;
    return h;
}

void quiz_option_order(const Question *q, uint64_t seed, int perm[AC_MAX_OPTIONS])
{
    for (int i = 0; i < AC_MAX_OPTIONS; i++)
        perm[i] = i;
    Rng r;
    rng_seed(&r, seed ^ id_hash(q) ^ 0x5bd1e995u);
    if (q->kind == Q_TRUEFALSE) { /* slot 0 is True for about half the questions */
        if (rng_next(&r) & 1) {
            perm[0] = 1;
            perm[1] = 0;
        }
        return;
    }
    for (int i = q->noptions - 1; i > 0; i--) {
        int j = (int)(rng_next(&r) % (uint64_t)(i + 1));
        int t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
    }
}

void quiz_shuffled_order(const Question *q, uint64_t seed, int order[AC_MAX_STEPS])
{
    Rng r;
    rng_seed(&r, seed ^ id_hash(q));
    int n = q->nsteps;
    for (int i = 0; i < AC_MAX_STEPS; i++)
        order[i] = i;
    for (int i = n - 1; i > 0; i--) {
        int j = (int)(rng_next(&r) % (uint64_t)(i + 1));
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    bool solved = true;
    for (int i = 0; i < n; i++)
        solved = solved && order[i] == i;
    if (solved && n > 1) { /* never start solved: rotate by one */
        int first = order[0];
        for (int i = 0; i < n - 1; i++)
            order[i] = order[i + 1];
        order[n - 1] = first;
    }
}

int level_total_points(const Level *lv)
{
    int t = 0;
    for (int i = 0; i < lv->nquestions; i++)
        t += lv->questions[i].points;
    return t;
}

void quiz_start(QuizRun *r, const Level *lv)
{
    memset(r, 0, sizeof *r);
    r->level = lv;
    r->total = level_total_points(lv);
}

Verdict quiz_submit(QuizRun *r, const Answer *a)
{
    if (quiz_finished(r))
        return (Verdict){.mistake = -1};
    if (r->answered)
        return r->verdicts[r->index];
    Verdict v = quiz_mark(&r->level->questions[r->index], a);
    r->verdicts[r->index] = v;
    r->earned += v.points;
    r->answered = true;
    return v;
}

bool quiz_next(QuizRun *r)
{
    if (!r->answered || quiz_finished(r))
        return false;
    r->index++;
    r->answered = false;
    return !quiz_finished(r);
}

bool quiz_finished(const QuizRun *r)
{
    return r->index >= r->level->nquestions;
}

int quiz_percent(const QuizRun *r)
{
    if (r->total <= 0)
        return 0;
    int pct = (int)((r->earned * 200L + r->total) / (2L * r->total)); /* half up */
    return r->earned < r->total && pct > 99 ? 99 : pct;
}

int quiz_right_count(const QuizRun *r)
{
    int n = 0, done = r->index + (r->answered ? 1 : 0);
    for (int i = 0; i < done && i < r->level->nquestions; i++)
        n += r->verdicts[i].correct;
    return n;
}

int quiz_missed_required(const QuizRun *r, int *idx, int max)
{
    int n = 0, done = r->index + (r->answered ? 1 : 0);
    for (int i = 0; i < done && i < r->level->nquestions; i++)
        if (r->level->questions[i].required && !r->verdicts[i].correct) {
            if (idx && n < max)
                idx[n] = i;
            n++;
        }
    return n;
}

int quiz_stars(const QuizRun *r)
{
    if (quiz_missed_required(r, NULL, 0) > 0)
        return 0;
    return level_stars(r->level, quiz_percent(r));
}

int level_required_count(const Level *lv)
{
    int n = 0;
    for (int i = 0; i < lv->nquestions; i++)
        n += lv->questions[i].required;
    return n;
}

int level_star_percent(const Level *lv, int stars)
{
    if (stars <= 1)
        return lv->pass_percent;
    if (stars == 2)
        return lv->pass_percent + (100 - lv->pass_percent + 1) / 2;
    return 100;
}

int level_stars(const Level *lv, int percent)
{
    if (percent < level_star_percent(lv, 1))
        return 0;
    if (percent >= level_star_percent(lv, 3))
        return 3;
    return percent >= level_star_percent(lv, 2) ? 2 : 1;
}

void academy_unlocks(const LevelSet *set, const int *best_stars, bool *unlocked)
{
    for (int i = 0; i < set->count; i++)
        unlocked[i] = i == 0 || (unlocked[i - 1] && best_stars[i - 1] > 0);
}
