/* History: everyone the game knows (athletes and students, one row per person) in a scrolling list; for
 * the chosen person a chart of reps per set and wrap time over the weeks, their sessions (date, protocol,
 * body part, sets, reps, wrap time, how it ended) and their Academy levels with best scores. Export
 * writes the whole history as CSV into the data dir.
 *
 * Everything on this screen is still between key presses, so the whole picture is painted once into a
 * cached layer and copied opaque each frame; it is repainted only when what it shows changes. */
#define _POSIX_C_SOURCE 200809L
#include "history.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "academy.h"
#include "body_part.h"
#include "gfx.h"
#include "oc_util.h"
#include "store.h"
#include "ui_list.h"
#include "ui_text.h"

#define HISTORY_LAYER_SLOT 3
#define MAX_PEOPLE 2000
#define MAX_SESSIONS 1000
#define CHART_SESSIONS 40 /* the chart shows the last 40 sessions */
#define CHART_SETS 8      /* sets per session drawn in the chart */
#define MAX_LEVELS 64

enum { FOCUS_PEOPLE, FOCUS_EXPORT, FOCUS_BACK };

typedef struct HistoryState {
    StorePerson *people;
    int npeople, total_people;
    UiList list;

    /* the chosen person */
    int loaded; /* index of the person below, -1 = none */
    StoreSessionInfo *sessions;
    int nsessions;
    StoreSet chart_sets[CHART_SESSIONS][CHART_SETS];
    int chart_nsets[CHART_SESSIONS];
    StoreLevelBest levels[MAX_LEVELS];
    int nlevels;
    UiList table; /* sessions, newest first; PageUp/PageDown scroll it */

    LevelSet level_titles; /* the Academy's levels, for titles and their order */
    int focus;             /* FOCUS_* */
    LRect btn[2];
    unsigned generation; /* bumped whenever the data shown changes */
    /* what the last paint laid out, for tests */
    float chart_x[CHART_SESSIONS], chart_half;
    int chart_n, cut_cells;
    float col_x[9];
    char status[300];    /* why nothing can be shown, if so */
} HistoryState;

/* ---------------- data ---------------- */

static void load_person(HistoryState *h, App *app)
{
    int i = h->list.focus;
    if (h->loaded == i)
        return;
    h->loaded = i;
    h->nsessions = 0;
    h->nlevels = 0;
    memset(h->chart_nsets, 0, sizeof h->chart_nsets);
    if (i < 0 || i >= h->npeople || !app->store)
        return;
    const StorePerson *p = &h->people[i];
    if (p->athlete) {
        int n = store_athlete_sessions(app->store, p->athlete, h->sessions, MAX_SESSIONS);
        h->nsessions = n > 0 ? n : 0;
        int first = h->nsessions > CHART_SESSIONS ? h->nsessions - CHART_SESSIONS : 0;
        for (int k = first; k < h->nsessions; k++) {
            int n2 = store_session_sets(app->store, h->sessions[k].id, h->chart_sets[k - first], CHART_SETS);
            h->chart_nsets[k - first] = n2 > 0 ? n2 : 0;
        }
    }
    if (p->student) {
        int n = store_student_levels(app->store, p->student, h->levels, MAX_LEVELS);
        h->nlevels = n > 0 ? n : 0;
    }
    h->table = (UiList){0};
    ui_list_set_count(&h->table, h->nsessions);
    h->generation++;
}

static void load_people(HistoryState *h, App *app)
{
    h->npeople = 0;
    h->status[0] = '\0';
    if (!app->store) {
        snprintf(h->status, sizeof h->status,
                 "The history database could not be opened, so there is nothing to show and nothing is saved. "
                 "The notice at start said why.");
    } else {
        int n = store_people(app->store, h->people, MAX_PEOPLE, &h->total_people);
        h->npeople = n > 0 ? n : 0;
        if (n < 0)
            snprintf(h->status, sizeof h->status, "The history could not be read from the database.");
    }
    ui_list_set_count(&h->list, h->npeople);
    h->loaded = -2;
    load_person(h, app);
    h->generation++;
}

/* ---------------- text helpers ---------------- */

static void text_fit(App *app, FontStyle f, float size, float x, float y, float w, Align al, SDL_Color c,
                     const char *s)
{
    char buf[256];
    ui_text_fit(app, f, size, w, s, buf, sizeof buf);
    float ax = al == ALIGN_LEFT ? x : al == ALIGN_RIGHT ? x + w : x + w / 2;
    gfx_text(app, f, size, ax, y, al, c, buf);
}

static void date_text(int64_t unix_s, char *out, size_t cap, bool with_time)
{
    time_t t = (time_t)unix_s;
    struct tm tm;
    if (!localtime_r(&t, &tm)) {
        oc_strlcpy(out, "?", cap);
        return;
    }
    strftime(out, cap, with_time ? "%Y-%m-%d %H:%M" : "%d %b", &tm);
}

/* A table row's date: day and time, the year only when it is not this one ("25 Nov 14:05"). */
static void row_date_text(int64_t unix_s, char *out, size_t cap)
{
    time_t t = (time_t)unix_s, now = time(NULL);
    struct tm tm, tn;
    if (!localtime_r(&t, &tm) || !localtime_r(&now, &tn)) {
        oc_strlcpy(out, "?", cap);
        return;
    }
    strftime(out, cap, tm.tm_year == tn.tm_year ? "%d %b %H:%M" : "%d %b %Y %H:%M", &tm);
}

static void duration_text(double s, char *out, size_t cap)
{
    int t = (int)lround(s < 0 ? 0 : s);
    snprintf(out, cap, "%d:%02d", t / 60, t % 60);
}

static SDL_Color status_colour(const Palette *p, StoreSessionStatus st)
{
    switch (st) {
    case STORE_SESSION_DONE: return p->good;
    case STORE_SESSION_STOPPED: return p->bad;
    case STORE_SESSION_INTERRUPTED: return p->warn;
    default: return p->text_dim;
    }
}

/* A stop reason as saved (an id such as "numbness", or older free text) in plain words. */
static const char *reason_words(const char *id, size_t len)
{
    static const char *const map[][2] = {
        {"pain", "pain"},
        {"numbness", "numbness"},
        {"dizziness", "dizziness"},
        {"other", "other reason"},
        {"time-limit", "time limit"},
        {"screening", "health check"},
    };
    for (size_t i = 0; i < OC_ARRAY_LEN(map); i++)
        if (strlen(map[i][0]) == len && strncmp(id, map[i][0], len) == 0)
            return map[i][1];
    return NULL;
}

void history_ended_text(StoreSessionStatus status, const char *stop_reason, char *out, size_t cap)
{
    switch (status) {
    case STORE_SESSION_DONE: oc_strlcpy(out, "Done", cap); return;
    case STORE_SESSION_INTERRUPTED: oc_strlcpy(out, "Interrupted", cap); return;
    case STORE_SESSION_STOPPED: break;
    default: oc_strlcpy(out, "Running", cap); return;
    }
    if (stop_reason && strcmp(stop_reason, "left") == 0) { /* the session was left before this athlete finished */
        oc_strlcpy(out, "Ended early", cap);
        return;
    }
    oc_strlcpy(out, "Stopped", cap);
    /* several reasons come joined with "; " */
    const char *r = stop_reason ? stop_reason : "";
    bool first = true;
    while (*r) {
        const char *end = strstr(r, "; ");
        size_t len = end ? (size_t)(end - r) : strlen(r);
        if (len > 0) {
            const char *w = reason_words(r, len);
            char part[STORE_TEXT_MAX];
            if (w)
                oc_strlcpy(part, w, sizeof part);
            else
                snprintf(part, sizeof part, "%.*s", (int)(len < sizeof part ? len : sizeof part - 1), r);
            size_t o = strlen(out);
            snprintf(out + o, cap > o ? cap - o : 0, "%s%s", first ? ": " : ", ", part);
            first = false;
        }
        r += len + (end ? 2 : 0);
    }
}

static void status_text(const StoreSessionInfo *x, char *out, size_t cap)
{
    history_ended_text(x->status, x->stop_reason, out, cap);
}

/* ---------------- layout ---------------- */

typedef struct HistoryLayout {
    LRect list, chart, academy, table, buttons[2];
} HistoryLayout;

static HistoryLayout history_layout(const App *app)
{
    HistoryLayout L;
    float lw = app->frame.lw, top = (app->frame.lh - LAYOUT_REF_H) / 2;
    float left_w = lw < 1800 ? 460 : 540;
    L.list = (LRect){80, top + 200, left_w, 720};
    L.buttons[0] = (LRect){80, top + 950, (left_w - 20) / 2, 86};
    L.buttons[1] = (LRect){80 + (left_w + 20) / 2, top + 950, (left_w - 20) / 2, 86};
    float px = 80 + left_w + 40, pw = lw - 80 - px;
    float aw = pw > 1200 ? 480 : 440;
    L.chart = (LRect){px, top + 260, pw - aw - 30, 380};
    L.academy = (LRect){px + pw - aw, top + 260, aw, 380};
    L.table = (LRect){px, top + 670, pw, 366};
    return L;
}

/* Both lists' geometry for this window size: before the layer's key is taken, so scrolling is settled. */
static void layout_lists(HistoryState *h, const App *app)
{
    HistoryLayout L = history_layout(app);
    ui_list_layout(&h->list, L.list, 92, 10);
    LRect inner = {L.table.x + 28, L.table.y + 62, L.table.w - 56, L.table.h - 74};
    ui_list_layout(&h->table, (LRect){inner.x - 10, inner.y + 36, inner.w + 20, inner.h - 36}, 44, 4);
}

/* ---------------- painting (into the cached layer) ---------------- */

static void draw_person_row(App *app, HistoryState *h, int i, LRect r)
{
    const Palette *p = &app->pal;
    const StorePerson *x = &h->people[i];
    bool sel = h->list.focus == i, focus = sel && h->focus == FOCUS_PEOPLE;
    gfx_round_rect(app, r, 16, sel ? p->panel_hi : p->panel);
    if (focus)
        gfx_round_outline(app, r, 16, 4, p->focus);
    text_fit(app, FONT_BOLD, 34, r.x + 24, r.y + 10, r.w - 48, ALIGN_LEFT, p->text, x->name);
    char sub[96];
    if (x->athlete && x->student)
        snprintf(sub, sizeof sub, "%d session%s  \xC2\xB7  %d Academy attempt%s", x->sessions,
                 x->sessions == 1 ? "" : "s", x->attempts, x->attempts == 1 ? "" : "s");
    else if (x->athlete)
        snprintf(sub, sizeof sub, "%d Guided Session%s", x->sessions, x->sessions == 1 ? "" : "s");
    else
        snprintf(sub, sizeof sub, "%d Academy attempt%s", x->attempts, x->attempts == 1 ? "" : "s");
    text_fit(app, FONT_REGULAR, 26, r.x + 24, r.y + 52, r.w - 48, ALIGN_LEFT, p->text_dim, sub);
}

/* A thick line segment in logical units. */
static void seg(App *app, float x0, float y0, float x1, float y1, float t, SDL_Color c)
{
    float dx = x1 - x0, dy = y1 - y0, len = sqrtf(dx * dx + dy * dy);
    if (len <= 0.0f)
        return;
    float nx = -dy / len * t / 2, ny = dx / len * t / 2;
    float q[8] = {x0 + nx, y0 + ny, x1 + nx, y1 + ny, x1 - nx, y1 - ny, x0 - nx, y0 - ny};
    gfx_fan(app, (x0 + x1) / 2, (y0 + y1) / 2, q, 4, c, c);
}

static void dot(App *app, float x, float y, float r, SDL_Color c)
{
    float q[32];
    for (int i = 0; i < 16; i++) {
        q[2 * i] = x + r * cosf((float)i * (float)OC_PI / 8);
        q[2 * i + 1] = y + r * sinf((float)i * (float)OC_PI / 8);
    }
    gfx_fan(app, x, y, q, 16, c, c);
}

/* A stopped session: a square; an interrupted one: a diamond. */
static void marker(App *app, float x, float y, bool square, SDL_Color c)
{
    float r = 11;
    float q[8] = {x - r, y - r, x + r, y - r, x + r, y + r, x - r, y + r};
    float d[8] = {x, y - r * 1.3f, x + r * 1.3f, y, x, y + r * 1.3f, x - r * 1.3f, y};
    gfx_fan(app, x, y, square ? q : d, 4, c, c);
}

/* Set k of 1..n in one hue from light to dark: ordered, so it reads without telling colours apart. */
static SDL_Color set_colour(const Palette *p, int k)
{
    return gfx_mix(gfx_mix(p->accent2, p->text, 0.55f), gfx_mix(p->accent2, p->bg_bottom, 0.25f),
                   (float)(k > 5 ? 5 : k) / 5.0f);
}

static void draw_chart(App *app, HistoryState *h, LRect box)
{
    const Palette *p = &app->pal;
    gfx_round_rect(app, box, 22, p->panel);
    gfx_text(app, FONT_BOLD, 32, box.x + 28, box.y + 18, ALIGN_LEFT, p->text, "Reps per set and wrap time");
    int first = h->nsessions > CHART_SESSIONS ? h->nsessions - CHART_SESSIONS : 0, n = h->nsessions - first;
    if (n == 0) {
        gfx_text_wrapped(app, FONT_REGULAR, 30, box.x + 28, box.y + 90, box.w - 56, p->text_dim,
                         "No Guided Sessions yet. Each finished set of a session is saved and charted here.");
        return;
    }
    /* legend, on its own line under the title */
    float ly = box.y + 60, lx = box.x + box.w - 28;
    lx -= gfx_text(app, FONT_REGULAR, 24, lx, ly, ALIGN_RIGHT, p->warn, "wrap time (min)") + 12;
    dot(app, lx - 18, ly + 14, 8, p->warn);
    seg(app, lx - 36, ly + 14, lx, ly + 14, 4, p->warn);
    lx -= 64;
    for (int k = 5; k >= 1; k--) {
        gfx_rect(app, (LRect){lx - 18, ly + 4, 18, 20}, set_colour(p, k));
        lx -= 22;
    }
    gfx_text(app, FONT_REGULAR, 24, lx - 4, ly, ALIGN_RIGHT, p->text_dim, "reps, sets 1\xE2\x80\x93" "5");

    LRect plot = {box.x + 76, box.y + 118, box.w - 152, box.h - 176};
    int max_reps = 10;
    double max_wrap = 5 * 60;
    for (int k = 0; k < n; k++) {
        for (int j = 0; j < h->chart_nsets[k]; j++)
            if (h->chart_sets[k][j].reps_done > max_reps)
                max_reps = h->chart_sets[k][j].reps_done;
        if (h->sessions[first + k].wrap_time_s > max_wrap)
            max_wrap = h->sessions[first + k].wrap_time_s;
    }
    max_reps = (max_reps + 19) / 20 * 20;                /* quarter lines on whole fives */
    int wrap_min = (int)ceil(max_wrap / 60.0 / 4.0) * 4; /* and on whole minutes */
    /* grid and axes: reps on the left, wrap minutes on the right */
    for (int g = 0; g <= 4; g++) {
        float y = plot.y + plot.h - plot.h * (float)g / 4;
        gfx_rect(app, (LRect){plot.x, y - 1, plot.w, 2}, gfx_mix(p->panel, p->text_dim, g == 0 ? 0.6f : 0.2f));
        char t[16];
        snprintf(t, sizeof t, "%d", max_reps * g / 4);
        gfx_text(app, FONT_REGULAR, 22, plot.x - 12, y - 13, ALIGN_RIGHT, p->text_dim, t);
        snprintf(t, sizeof t, "%d", wrap_min * g / 4);
        gfx_text(app, FONT_REGULAR, 22, plot.x + plot.w + 12, y - 13, ALIGN_LEFT, p->warn, t);
    }
    /* x: time, from the first charted session to the last; sessions closer than a bar cluster (several
     * the same day) are pushed apart so each keeps its own place, in order */
    int64_t t0 = h->sessions[first].started_unix, t1 = h->sessions[h->nsessions - 1].started_unix;
    int64_t span = t1 - t0 < 86400 ? 86400 : t1 - t0;
    float slot = plot.w / (float)(n + 1);
    float cluster = slot * 0.8f;
    if (cluster > 90)
        cluster = 90;
    float pad = cluster / 2 + 4, left = plot.x + pad, right = plot.x + plot.w - pad;
    float gap = cluster + slot * 0.2f;
    if (n > 1 && gap * (float)(n - 1) > right - left)
        gap = (right - left) / (float)(n - 1);
    float cx_of[CHART_SESSIONS];
    for (int k = 0; k < n; k++) {
        float x = left + (right - left) * (float)((double)(h->sessions[first + k].started_unix - t0) / (double)span);
        cx_of[k] = k > 0 && x < cx_of[k - 1] + gap ? cx_of[k - 1] + gap : x;
    }
    for (int k = n - 1; k >= 0; k--) { /* and back inside on the right */
        float lim = k == n - 1 ? right : cx_of[k + 1] - gap;
        if (cx_of[k] > lim)
            cx_of[k] = lim;
    }
    h->chart_n = n;
    h->chart_half = cluster / 2;
    for (int k = 0; k < n; k++)
        h->chart_x[k] = cx_of[k];
    /* dates under the sessions: one label per day, centred under that day's sessions, where there is room */
    float last_label = -1e9f;
    for (int k = 0; k < n;) {
        char d[24];
        date_text(h->sessions[first + k].started_unix, d, sizeof d, false);
        int e = k + 1;
        while (e < n) {
            char d2[24];
            date_text(h->sessions[first + e].started_unix, d2, sizeof d2, false);
            if (strcmp(d, d2) != 0)
                break;
            e++;
        }
        float x = (cx_of[k] + cx_of[e - 1]) / 2, tw = gfx_text_width(app, FONT_REGULAR, 22, d);
        if (x - tw / 2 > last_label + 16 && x + tw / 2 <= box.x + box.w - 8) {
            if (e - k > 1)
                gfx_rect(app, (LRect){cx_of[k] - cluster / 2, plot.y + plot.h + 2, cx_of[e - 1] - cx_of[k] + cluster, 3},
                         p->text_dim);
            else
                gfx_rect(app, (LRect){x - 1, plot.y + plot.h, 2, 10}, p->text_dim);
            gfx_text(app, FONT_REGULAR, 22, x, plot.y + plot.h + 14, ALIGN_CENTER, p->text_dim, d);
            last_label = x + tw / 2;
        }
        k = e;
    }
    /* bars: one per set, side by side at the session's place */
    float prev_x = 0, prev_y = 0;
    for (int k = 0; k < n; k++) {
        const StoreSessionInfo *x = &h->sessions[first + k];
        float cx = cx_of[k];
        int ns = h->chart_nsets[k];
        float bw = ns > 0 ? cluster / (float)ns : cluster;
        for (int j = 0; j < ns; j++) {
            const StoreSet *st = &h->chart_sets[k][j];
            float bh = plot.h * (float)st->reps_done / (float)max_reps;
            gfx_rect(app, (LRect){cx - cluster / 2 + (float)j * bw + 1, plot.y + plot.h - bh, bw - 2, bh},
                     set_colour(p, st->index));
        }
        float wy = plot.y + plot.h - plot.h * (float)(x->wrap_time_s / 60.0 / wrap_min);
        if (k > 0)
            seg(app, prev_x, prev_y, cx, wy, 4, p->warn);
        prev_x = cx;
        prev_y = wy;
    }
    bool any_stopped = false, any_cut = false;
    for (int k = 0; k < n; k++) {
        const StoreSessionInfo *x = &h->sessions[first + k];
        float cx = cx_of[k];
        float wy = plot.y + plot.h - plot.h * (float)(x->wrap_time_s / 60.0 / wrap_min);
        dot(app, cx, wy, 8, p->warn);
        if (x->status == STORE_SESSION_STOPPED) { /* how it ended: a shape, not only a colour */
            marker(app, cx, wy, true, p->bad);
            any_stopped = true;
        } else if (x->status == STORE_SESSION_INTERRUPTED) {
            marker(app, cx, wy, false, p->text);
            any_cut = true;
        }
    }
    float mx = box.x + 36;
    if (any_stopped) {
        marker(app, mx, ly + 14, true, p->bad);
        mx += 20 + gfx_text(app, FONT_REGULAR, 24, mx + 18, ly, ALIGN_LEFT, p->text_dim, "stopped") + 30;
    }
    if (any_cut) {
        marker(app, mx, ly + 14, false, p->text);
        gfx_text(app, FONT_REGULAR, 24, mx + 18, ly, ALIGN_LEFT, p->text_dim, "interrupted");
    }
    if (first > 0) {
        char t[64];
        snprintf(t, sizeof t, "last %d of %d sessions", CHART_SESSIONS, h->nsessions);
        gfx_text(app, FONT_REGULAR, 24, box.x + 28, box.y + 60, ALIGN_LEFT, p->text_dim, t);
    }
}

/* all: every Academy level (not tried ones too), for a student with the whole pane to show it in. */
static void draw_academy(App *app, HistoryState *h, LRect box, bool all)
{
    const Palette *p = &app->pal;
    gfx_round_rect(app, box, 22, p->panel);
    gfx_text(app, FONT_BOLD, 32, box.x + 28, box.y + 18, ALIGN_LEFT, p->text, "Academy: best scores");
    const StorePerson *x = h->list.focus < h->npeople ? &h->people[h->list.focus] : NULL;
    if (!x || !x->student || (h->nlevels == 0 && !all)) {
        gfx_text_wrapped(app, FONT_REGULAR, 28, box.x + 28, box.y + 90, box.w - 56, p->text_dim,
                         x && x->student ? "No level finished yet."
                                         : "Not an Academy student. Students who share this name show their "
                                           "scores here.");
        return;
    }
    /* rows in the Academy's own order (a level no longer shipped goes last); -1 = a level not tried */
    int row_best[MAX_LEVELS + AC_MAX_LEVELS], row_level[MAX_LEVELS + AC_MAX_LEVELS], n = 0;
    for (int i = 0; i < h->level_titles.count && n < (int)OC_ARRAY_LEN(row_best); i++) {
        int found = -1;
        for (int k = 0; k < h->nlevels; k++)
            if (strcmp(h->levels[k].level_id, h->level_titles.levels[i].id) == 0)
                found = k;
        if (found >= 0 || all) {
            row_best[n] = found;
            row_level[n++] = i;
        }
    }
    for (int k = 0; k < h->nlevels && n < (int)OC_ARRAY_LEN(row_best); k++)
        if (!academy_find(&h->level_titles, h->levels[k].level_id)) {
            row_best[n] = k;
            row_level[n++] = -1;
        }
    float rh = all ? 64 : 50, y = box.y + (all ? 86 : 76), size = all ? 32 : 28;
    int fits = (int)((box.h - 90) / rh);
    for (int i = 0; i < n && i < fits; i++) {
        if (i == fits - 1 && n > fits) {
            char more[48];
            snprintf(more, sizeof more, "and %d more", n - fits + 1);
            gfx_text(app, FONT_REGULAR, 26, box.x + 28, y + 8, ALIGN_LEFT, p->text_dim, more);
            break;
        }
        const StoreLevelBest *b = row_best[i] >= 0 ? &h->levels[row_best[i]] : NULL;
        const char *title = row_level[i] >= 0 ? h->level_titles.levels[row_level[i]].title : b->level_id;
        char pct[48];
        if (b)
            snprintf(pct, sizeof pct, all ? "%d %%  (%d tr%s)" : "%d %%", b->percent, b->attempts,
                     b->attempts == 1 ? "y" : "ies");
        else
            snprintf(pct, sizeof pct, "not tried");
        float right = box.x + box.w - 28;
        gfx_text(app, b ? FONT_BOLD : FONT_REGULAR, size, right, y + 6, ALIGN_RIGHT,
                 b && b->stars > 0 ? p->good : p->text_dim, pct);
        float star = size, sx = right - (all ? 250 : 84) - 16 - 3 * star; /* stars in one column */
        for (int k = 0; k < 3; k++) {
            LRect r = {sx + (float)k * star, y + 6 + size * 0.2f, star - 6, star - 6};
            gfx_round_rect(app, r, (star - 6) / 2, b && k < b->stars ? p->warn : p->panel_hi);
        }
        text_fit(app, FONT_REGULAR, size, box.x + 28, y + 6, sx - box.x - 44, ALIGN_LEFT, b ? p->text : p->text_dim,
                 title);
        y += rh;
    }
}

static void draw_table(App *app, HistoryState *h, LRect box)
{
    const Palette *p = &app->pal;
    gfx_round_rect(app, box, 22, p->panel);
    char head[80];
    snprintf(head, sizeof head, "Sessions (%d)", h->nsessions);
    gfx_text(app, FONT_BOLD, 32, box.x + 28, box.y + 16, ALIGN_LEFT, p->text, head);
    if (h->nsessions > 0)
        gfx_text(app, FONT_REGULAR, 24, box.x + box.w - 28, box.y + 22, ALIGN_RIGHT, p->text_dim,
                 "newest first     PgUp / PgDn: scroll");
    if (h->nsessions == 0)
        return;
    static const char *const cols[] = {"Date", "Protocol", "Body part", "Load", "Sets", "Reps", "Wrap", "Ended"};
    LRect inner = {box.x + 28, box.y + 62, box.w - 56, box.h - 74};
    UiList *l = &h->table;
    LRect first = ui_list_row(l, l->top); /* headers line up with the rows */
    /* columns as wide as their widest cell (every session, not only the rows in view, so scrolling keeps
     * them still); a shortfall is taken from the protocol's name, then from how it ended; the short columns
     * and the body part are never cut */
    const float gap = 16, avail = first.w - 20;
    /* the cells in 26, or a little smaller when that lets every cell show in full */
    static const float sizes[] = {26, 24, 22};
    float want[8], total = 0, fs = 26;
    for (int z = 0; z < 3; z++) {
        fs = sizes[z];
        for (int c = 0; c < 8; c++)
            want[c] = gfx_text_width(app, FONT_BOLD, 24, cols[c]);
        for (int i = 0; i < h->nsessions; i++) {
            const StoreSessionInfo *x = &h->sessions[i];
            char t[128];
            float cw[8];
            row_date_text(x->started_unix, t, sizeof t);
            cw[0] = gfx_text_width(app, FONT_REGULAR, fs, t);
            cw[1] = gfx_text_width(app, FONT_REGULAR, fs, x->protocol_name);
            int bp = body_part_from_id(x->body_part);
            cw[2] = gfx_text_width(app, FONT_REGULAR, fs, bp >= 0 ? body_part_label((BodyPart)bp) : x->body_part);
            snprintf(t, sizeof t, "%.0f %%", x->load_percent);
            cw[3] = gfx_text_width(app, FONT_REGULAR, fs, t);
            snprintf(t, sizeof t, "%d", x->sets);
            cw[4] = gfx_text_width(app, FONT_REGULAR, fs, t);
            snprintf(t, sizeof t, "%d", x->reps);
            cw[5] = gfx_text_width(app, FONT_REGULAR, fs, t);
            duration_text(x->wrap_time_s, t, sizeof t);
            cw[6] = gfx_text_width(app, FONT_REGULAR, fs, t);
            status_text(x, t, sizeof t);
            cw[7] = gfx_text_width(app, FONT_BOLD, fs, t);
            for (int c = 0; c < 8; c++)
                if (cw[c] > want[c])
                    want[c] = cw[c];
        }
        total = 7 * gap;
        for (int c = 0; c < 8; c++)
            total += want[c];
        if (total <= avail)
            break;
    }
    static const int give[] = {1, 7};
    static const float floor_w[] = {150, 150};
    for (int g = 0; g < 2 && total > avail; g++) {
        float cut = total - avail, room = want[give[g]] - floor_w[g];
        if (room > 0) {
            float take = cut < room ? cut : room;
            want[give[g]] -= take;
            total -= take;
        }
    }
    /* room to spare goes between the columns, so the table fills its panel */
    float spread = total < avail ? (avail - total) / 7 : 0, at[9];
    at[0] = 0;
    for (int c = 0; c < 8; c++)
        at[c + 1] = at[c] + want[c] + (c < 7 ? gap + spread : 0);
    at[8] = avail; /* the last column keeps whatever is left */
    for (int c = 0; c < 9; c++)
        h->col_x[c] = first.x + 10 + at[c];
    h->cut_cells = 0;
    for (int c = 0; c < 8; c++)
        gfx_text(app, FONT_BOLD, 24, first.x + 10 + at[c], inner.y, ALIGN_LEFT, p->text_dim, cols[c]);
    for (int i = l->top; i < l->count && i < l->top + l->visible; i++) {
        const StoreSessionInfo *x = &h->sessions[h->nsessions - 1 - i];
        LRect r = ui_list_row(l, i);
        if (i % 2 == 0)
            gfx_rect(app, r, gfx_mix(p->panel, p->panel_hi, 0.5f));
        float x0 = r.x + 10, ty = r.y + 7;
        char t[128];
        const char *cell[8];
        char c0[64], c3[32], c4[16], c5[16], c6[16], c7[128];
        row_date_text(x->started_unix, c0, sizeof c0);
        int bp = body_part_from_id(x->body_part);
        snprintf(c3, sizeof c3, "%.0f %%", x->load_percent);
        snprintf(c4, sizeof c4, "%d", x->sets);
        snprintf(c5, sizeof c5, "%d", x->reps);
        duration_text(x->wrap_time_s, c6, sizeof c6);
        status_text(x, c7, sizeof c7);
        cell[0] = c0;
        cell[1] = x->protocol_name;
        cell[2] = bp >= 0 ? body_part_label((BodyPart)bp) : x->body_part;
        cell[3] = c3;
        cell[4] = c4;
        cell[5] = c5;
        cell[6] = c6;
        cell[7] = c7;
        for (int c = 0; c < 8; c++) {
            FontStyle f = c == 7 ? FONT_BOLD : FONT_REGULAR;
            float cw = (c == 7 ? at[8] - at[7] : at[c + 1] - at[c] - gap - spread) + 0.5f; /* float slack */
            ui_text_fit(app, f, fs, cw, cell[c], t, sizeof t);
            if (strcmp(t, cell[c]) != 0)
                h->cut_cells++;
            gfx_text(app, f, fs, x0 + at[c], ty + (26 - fs) / 2, ALIGN_LEFT, c == 7 ? status_colour(p, x->status) : p->text, t);
        }
    }
    ui_list_draw_scrollbar(app, l);
}

static void paint(App *app, void *ctx)
{
    HistoryState *h = ctx;
    const Palette *p = &app->pal;
    h->chart_n = 0;
    h->cut_cells = 0;
    gfx_backdrop(app);
    gfx_heading(app, "History",
                "Up/Down: person     PgUp/PgDn: sessions     Right: buttons     N: export CSV     Left/Backspace: back");
    HistoryLayout L = history_layout(app);
    if (h->status[0]) {
        gfx_text_wrapped(app, FONT_REGULAR, 40, 80, L.list.y, app->frame.lw - 160, p->text, h->status);
    } else if (h->npeople == 0) {
        gfx_text_wrapped(app, FONT_REGULAR, 40, 80, L.list.y, app->frame.lw - 160, p->text,
                         "Nobody here yet. Finish a set in a Guided Session, or a level in the Academy, and the "
                         "athlete or student appears in this list with everything they did.");
    } else {
        UiList *l = &h->list;
        for (int i = l->top; i < l->count && i < l->top + l->visible; i++)
            draw_person_row(app, h, i, ui_list_row(l, i));
        ui_list_draw_scrollbar(app, l);
        const StorePerson *x = &h->people[l->focus];
        float px = L.chart.x;
        text_fit(app, FONT_BOLD, 56, px, L.list.y - 10, L.table.w * 0.6f, ALIGN_LEFT, p->text, x->name);
        char line[160];
        if (h->nsessions > 0) {
            char d[64];
            date_text(h->sessions[h->nsessions - 1].started_unix, d, sizeof d, true);
            snprintf(line, sizeof line, "Last session %s", d);
        } else {
            snprintf(line, sizeof line, "%s", x->student ? "Academy student" : "No sessions yet");
        }
        text_fit(app, FONT_REGULAR, 28, px + L.table.w * 0.6f, L.list.y + 8, L.table.w * 0.4f, ALIGN_RIGHT,
                 p->text_dim, line);
        if (h->nsessions == 0 && x->student) { /* a student only: the Academy gets the whole pane */
            LRect all = {L.chart.x, L.chart.y, L.table.w, L.table.y + L.table.h - L.chart.y};
            draw_academy(app, h, all, true);
        } else {
            draw_chart(app, h, L.chart);
            draw_academy(app, h, L.academy, false);
            draw_table(app, h, L.table);
        }
        if (h->npeople < h->total_people) {
            char t[80];
            snprintf(t, sizeof t, "the first %d of %d people are listed", h->npeople, h->total_people);
            gfx_text(app, FONT_REGULAR, 22, L.list.x, L.list.y + L.list.h + 2, ALIGN_LEFT, p->text_dim, t);
        }
    }
    static const char *const labels[2] = {"Export CSV", "Back"};
    for (int b = 0; b < 2; b++) {
        h->btn[b] = L.buttons[b];
        gfx_button(app, L.buttons[b], labels[b], h->focus == FOCUS_EXPORT + b, 0.0f);
    }
}

/* ---------------- scene ---------------- */

static void export_csv(HistoryState *h, App *app)
{
    char name[64], path[OC_PATH_MAX + 80], err[OC_PATH_MAX + 300], msg[OC_PATH_MAX + 400];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    char stamp[32];
    strftime(stamp, sizeof stamp, "%Y-%m-%d-%H%M%S", &tm);
    for (int k = 1; k < 100; k++) { /* never over an earlier export */
        if (k == 1)
            snprintf(name, sizeof name, "history-%s.csv", stamp);
        else
            snprintf(name, sizeof name, "history-%s-%d.csv", stamp, k);
        oc_path_join(path, sizeof path, app->data_dir, name);
        if (!oc_file_exists(path))
            break;
    }
    if (store_export_csv_file(app->store, path, err, sizeof err) != 0) {
        app_cue(app, CUE_ALERT);
        snprintf(msg, sizeof msg, "Export failed: %s", err);
        app_toast(app, msg);
    } else {
        app_cue(app, CUE_SELECT);
        snprintf(msg, sizeof msg, "History exported, one row per set: %s", path);
        app_toast(app, msg);
    }
    h->generation++;
    app_redraw(app);
}

static void history_enter(Scene *s, App *app)
{
    HistoryState *h = calloc(1, sizeof *h);
    s->state = h;
    if (!h)
        return;
    h->people = calloc(MAX_PEOPLE, sizeof *h->people);
    h->sessions = calloc(MAX_SESSIONS, sizeof *h->sessions);
    if (!h->people || !h->sessions) {
        free(h->people);
        free(h->sessions);
        free(h);
        s->state = NULL;
        return;
    }
    char dir[OC_PATH_MAX];
    app_levels_dir(&app->opt, dir, sizeof dir);
    academy_load_dir(&h->level_titles, dir, NULL, NULL); /* titles only: problems are the Academy's to report */
    if (!app->store)
        app_open_store(app); /* it was busy or the disk full at start: try once more (its notice says why) */
    load_people(h, app);
    app_redraw(app);
}

static void history_leave(Scene *s, App *app)
{
    (void)app;
    HistoryState *h = s->state;
    if (h) {
        academy_free(&h->level_titles);
        free(h->people);
        free(h->sessions);
        free(h);
    }
    s->state = NULL;
}

static void history_action(Scene *s, App *app, Action a)
{
    HistoryState *h = s->state;
    if (!h)
        return;
    bool changed = false;
    switch (a) {
    case ACT_UP:
    case ACT_DOWN:
        if (h->focus != FOCUS_PEOPLE) {
            h->focus = FOCUS_PEOPLE;
            changed = true;
        } else {
            changed = ui_list_action(&h->list, a);
        }
        break;
    case ACT_PREV:
    case ACT_NEXT:
        changed = ui_list_action(&h->table, a == ACT_PREV ? ACT_PREV : ACT_NEXT);
        break;
    case ACT_RIGHT:
        changed = h->focus != FOCUS_BACK;
        h->focus = h->focus == FOCUS_PEOPLE ? FOCUS_EXPORT : FOCUS_BACK;
        break;
    case ACT_LEFT:
        if (h->focus == FOCUS_PEOPLE) { /* "back" on presenter clickers */
            app_cue(app, CUE_BACK);
            app_pop(app);
            return;
        }
        changed = true;
        h->focus = h->focus == FOCUS_BACK ? FOCUS_EXPORT : FOCUS_PEOPLE;
        break;
    case ACT_ALT:
        export_csv(h, app);
        return;
    case ACT_ACCEPT:
        if (h->focus == FOCUS_EXPORT)
            export_csv(h, app);
        else if (h->focus == FOCUS_BACK) {
            app_cue(app, CUE_BACK);
            app_pop(app);
        }
        return;
    case ACT_BACK:
        app_cue(app, CUE_BACK);
        app_pop(app);
        return;
    case ACT_PAUSE:
        app_push(app, scene_pause());
        return;
    default:
        return;
    }
    if (changed) {
        app_cue(app, CUE_MOVE);
        load_person(h, app);
        h->generation++;
        app_redraw(app);
    }
}

static void history_pointer(Scene *s, App *app, float x, float y, bool click)
{
    HistoryState *h = s->state;
    if (!h)
        return;
    int before_focus = h->focus, before_row = h->list.focus, before_top = h->list.top, before_ttop = h->table.top;
    int i = h->npeople ? ui_list_hit(&h->list, x, y, click) : -1;
    if (i >= 0) {
        h->focus = FOCUS_PEOPLE;
        if (click)
            ui_list_focus(&h->list, i);
    }
    if (h->nsessions)
        ui_list_hit(&h->table, x, y, click);
    for (int b = 0; b < 2; b++)
        if (gfx_hit(h->btn[b], x, y)) {
            h->focus = FOCUS_EXPORT + b;
            if (click)
                history_action(s, app, ACT_ACCEPT);
            return;
        }
    if (h->focus != before_focus || h->list.focus != before_row || h->list.top != before_top ||
        h->table.top != before_ttop) {
        load_person(h, app);
        h->generation++;
        app_redraw(app);
    }
}

static void history_draw(Scene *s, App *app)
{
    HistoryState *h = s->state;
    if (!h) {
        gfx_backdrop(app);
        return;
    }
    layout_lists(h, app);
    /* the layer's key: everything the picture depends on */
    Uint32 key = 2166136261u;
    unsigned parts[] = {h->generation, (unsigned)h->list.focus, (unsigned)h->list.top, (unsigned)h->table.top,
                        (unsigned)h->focus, (unsigned)app->settings.colorblind, (unsigned)app->pw, (unsigned)app->ph};
    for (size_t i = 0; i < OC_ARRAY_LEN(parts); i++)
        key = (key ^ parts[i]) * 16777619u;
    SDL_Texture *layer = gfx_cached_layer(app, HISTORY_LAYER_SLOT, key, app->pw, app->ph, paint, h);
    if (layer)
        gfx_copy_layer(app, layer, NULL, NULL, true);
    else
        paint(app, h);
}

Scene *scene_history(void)
{
    Scene *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    *s = (Scene){.name = "history",
                 .enter = history_enter,
                 .leave = history_leave,
                 .action = history_action,
                 .pointer = history_pointer,
                 .draw = history_draw};
    return s;
}

bool history_probe(const Scene *s, HistoryProbe *out)
{
    if (!s || !s->name || strcmp(s->name, "history") != 0 || !s->state)
        return false;
    const HistoryState *h = s->state;
    *out = (HistoryProbe){.people = h->npeople, .person = h->list.focus, .sessions = h->nsessions,
                          .levels = h->nlevels, .list_top = h->list.top, .list_visible = h->list.visible,
                          .chart_n = h->chart_n, .chart_half = h->chart_half, .cut_cells = h->cut_cells};
    memcpy(out->chart_x, h->chart_x, sizeof out->chart_x);
    memcpy(out->col_x, h->col_x, sizeof out->col_x);
    if (h->npeople > 0)
        oc_strlcpy(out->name, h->people[h->list.focus].name, sizeof out->name);
    return true;
}
