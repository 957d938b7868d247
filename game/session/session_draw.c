/* Drawing the Guided Session: the setup screen and the big screen (phase, numerals a third of the screen
 * tall, the progress strip of every set, the next instruction, the athlete's muscle state, and in group
 * mode one lane per athlete). Everything is in logical units on the 1080-tall canvas. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gfx.h"
#include "room_ui.h"
#include "session_ui.h"

/* Font sizes in lu whose digits stand taller than a quarter of the 1080-unit screen (digits are about
 * 0.72 of the font size in Inter). */
#define NUMERAL_SIZE 420.0f
#define NUMERAL_SIZE_GROUP 380.0f
/* The phase band and its word: letters about 13 % of the screen height (cap height about 0.73 em). */
#define PHASE_BAND_H 210.0f
#define PHASE_WORD_SIZE 190.0f

SDL_Color session_phase_colour(SessionPhase p)
{
    switch (p) {
    case SESSION_SCREENING:
        return gfx_rgba(0x9a, 0xa5, 0xc0, 255); /* neutral grey-blue */
    case SESSION_WRAP:
        return gfx_rgba(0x56, 0xb4, 0xe9, 255); /* sky blue */
    case SESSION_GET_READY:
        return gfx_rgba(0xf0, 0xe4, 0x42, 255); /* yellow: the brightest */
    case SESSION_SET:
        return gfx_rgba(0xd5, 0x5e, 0x00, 255); /* vermillion */
    case SESSION_REST:
        return gfx_rgba(0x00, 0x72, 0xb2, 255); /* blue: the darkest */
    case SESSION_WRAPS_OFF:
        return gfx_rgba(0x00, 0x9e, 0x73, 255); /* bluish green */
    case SESSION_STOPPED:
        return gfx_rgba(0xcc, 0x79, 0xa7, 255); /* reddish purple */
    case SESSION_DEBRIEF:
        return gfx_rgba(0xe6, 0x9f, 0x00, 255); /* orange */
    default:
        return gfx_rgba(0x80, 0x80, 0x80, 255);
    }
}

/* Dark text on the light phase colours, white on the dark ones. */
static SDL_Color ink_on(SDL_Color c)
{
    float lum = 0.2126f * c.r + 0.7152f * c.g + 0.0722f * c.b;
    return lum > 140 ? gfx_rgba(0x10, 0x12, 0x1a, 255) : gfx_rgba(0xff, 0xff, 0xff, 255);
}

/* The big screen is drawn in two passes: the still part (backdrop, panels, names, the phase band) into a
 * cached opaque layer, repainted only when its key changes, and the live part (numerals, counts, clocks) on
 * top every frame. Screens outside the big screen draw both at once. */
static bool g_still = true, g_live = true;

/* Every drawing call here goes through the d_* wrappers below. In the hash pass (g_hash) they draw
 * nothing and fold their arguments into g_h instead: the key of a cached layer is then the hash of
 * everything the layer would show, so it is repainted exactly when some of it changes (the picture is
 * the one a full redraw would give), and no field can be forgotten in a hand-made key. */
static bool g_hash;
static Uint32 g_h;
/* In a coarse hash the figures that change all the time (the muscle's numbers, the wrap clocks and their
 * bars) are left out: a layer keyed on it is caught up with them at the ticks the scene wakes for. */
static bool g_coarse;
static SDL_Rect g_open; /* the flash's opening (physical pixels) while its iris opens, else empty */

static void hash_bytes(const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        g_h = (g_h ^ b[i]) * 16777619u;
}

static void hash_f(float v)
{
    hash_bytes(&v, sizeof v);
}

static void hash_call(int op, LRect r, SDL_Color c, const char *s)
{
    hash_bytes(&op, sizeof op);
    hash_f(r.x), hash_f(r.y), hash_f(r.w), hash_f(r.h);
    Uint8 rgba[4] = {c.r, c.g, c.b, c.a};
    hash_bytes(rgba, 4);
    if (s)
        hash_bytes(s, strlen(s) + 1);
}

static void d_backdrop(App *app)
{
    if (g_hash)
        hash_call(1, (LRect){0, 0, 0, 0}, app->pal.bg_top, NULL);
    else
        gfx_backdrop(app);
}

static void d_heading(App *app, const char *title, const char *hint)
{
    if (g_hash) {
        hash_call(2, (LRect){0, 0, 0, 0}, app->pal.text, title);
        hash_call(2, (LRect){0, 0, 0, 0}, app->pal.text_dim, hint);
    } else {
        gfx_heading(app, title, hint);
    }
}

static void d_rect(App *app, LRect r, SDL_Color c)
{
    if (g_hash)
        hash_call(3, r, c, NULL);
    else
        gfx_rect(app, r, c);
}

static void d_round_rect(App *app, LRect r, float radius, SDL_Color c)
{
    if (g_hash)
        hash_call(4, (LRect){r.x, r.y, r.w, r.h + radius * 4096}, c, NULL);
    else
        gfx_round_rect(app, r, radius, c);
}

static void d_round_outline(App *app, LRect r, float radius, float thick, SDL_Color c)
{
    if (g_hash) {
        hash_call(5, r, c, NULL);
        hash_f(radius), hash_f(thick);
    } else {
        gfx_round_outline(app, r, radius, thick, c);
    }
}

static void d_ellipse(App *app, float cx, float cy, float rx, float ry, SDL_Color inner, SDL_Color outer)
{
    if (g_hash) {
        hash_call(6, (LRect){cx, cy, rx, ry}, inner, NULL);
        hash_call(6, (LRect){0, 0, 0, 0}, outer, NULL);
    } else {
        gfx_ellipse(app, cx, cy, rx, ry, inner, outer);
    }
}

static float d_text(App *app, FontStyle st, float size, float x, float y, Align al, SDL_Color c, const char *s)
{
    if (!g_hash)
        return gfx_text(app, st, size, x, y, al, c, s);
    hash_call(7 + 16 * (int)st + 256 * (int)al, (LRect){x, y, size, 0}, c, s);
    return gfx_text_width(app, st, size, s);
}

static float d_text_wrapped(App *app, FontStyle st, float size, float x, float y, float w, SDL_Color c, const char *s)
{
    if (!g_hash)
        return gfx_text_wrapped(app, st, size, x, y, w, c, s);
    hash_call(8 + 16 * (int)st, (LRect){x, y, size, w}, c, s);
    return gfx_text_height(app, st, size, w, s);
}

static void d_text_in(App *app, FontStyle st, float size, LRect r, Align al, SDL_Color c, const char *s)
{
    if (g_hash) {
        hash_call(9 + 16 * (int)st + 256 * (int)al, r, c, s);
        hash_f(size);
    } else {
        gfx_text_in(app, st, size, r, al, c, s);
    }
}

static void d_button(App *app, LRect r, const char *label, bool focused, float pulse)
{
    if (g_hash) {
        hash_call(10 + 16 * focused, r, app->pal.accent, label);
        hash_f(pulse);
    } else {
        gfx_button(app, r, label, focused, pulse);
    }
}

/* The muscle's still part is a picture of the part in the box; its live part moves every frame, so it is
 * never in a hashed layer. */
static void d_muscle_still(App *app, const MuscleView *v, LRect box)
{
    if (g_hash) {
        hash_call(11, box, app->pal.text, NULL);
        hash_bytes(&v, sizeof v);
    } else {
        muscle_view_draw_still(app, v, box);
    }
}

static void d_muscle_live(App *app, MuscleView *v, LRect box)
{
    if (!g_hash)
        muscle_view_draw_live(app, v, box);
}

static void d_room_join(App *app, LRect r)
{
    if (!g_hash)
        room_ui_draw_join_compact(app, r);
}

static void mmss(char *out, size_t cap, double s)
{
    if (s < 0)
        s = 0;
    int t = (int)floor(s);
    snprintf(out, cap, "%d:%02d", t / 60, t % 60);
}

static const char *placement_text(BodyPart b)
{
    switch (b) {
    case BODY_UPPER_ARM:
        return "Wrap the narrow top of the upper arm, up in the armpit, just under the shoulder joint.";
    case BODY_FOREARM:
        return "Wrap the top of the forearm, just below the elbow (or just above it).";
    case BODY_THIGH:
        return "Wrap the very top of the thigh, up at the groin, just under the hip joint.";
    case BODY_CALF:
        return "Wrap the top of the calf, just below the knee (or just above it).";
    case BODY_SHOULDER:
        return "Run the wrap through the armpit as for the arm, but over the shoulder, before the deltoid.";
    default:
        return "";
    }
}

/* ---------------- setup ---------------- */

static void setup_still(App *app, SessionUi *u)
{
    const Palette *p = &app->pal;
    d_backdrop(app);
    d_heading(app, "Guided Session",
                "Up/Down: choose     Left/Right: change     PgUp/PgDn: pick a set's reps     Enter on Athletes: "
                "type names     Enter: start");
    const SessionProtocol *pl = &u->cfg.plan;
    char v[SETUP_ROWS][200];
    snprintf(v[SETUP_PROTOCOL], sizeof v[0], "%s", pl->name);
    snprintf(v[SETUP_PART], sizeof v[0], "%s  (wrap limit %.0f min)", body_part_label(pl->body_part),
             body_part_time_limit_s(pl->body_part) / 60);
    snprintf(v[SETUP_LOAD], sizeof v[0], "%d %% of one-rep max", pl->load_percent);
    snprintf(v[SETUP_REST], sizeof v[0], "%d s, wraps on", pl->rest_s);
    snprintf(v[SETUP_SETS], sizeof v[0], "%d", pl->sets);
    size_t used = 0;
    v[SETUP_REPS][0] = '\0';
    for (int k = 0; k < pl->sets; k++) {
        int n = snprintf(v[SETUP_REPS] + used, sizeof v[0] - used, k == u->rep_cursor ? "%s[%d%s]" : "%s%d%s",
                         k ? "  " : "", pl->reps[k], pl->to_failure[k] ? "F" : "");
        if (n < 0 || (size_t)n >= sizeof v[0] - used)
            break;
        used += (size_t)n;
    }
    snprintf(v[SETUP_COUNTING], sizeof v[0], "%s",
             u->rep_tick ? "Trainer taps each rep, with a tick" : "Trainer taps each rep, silently");
    if (u->cfg.metronome)
        snprintf(v[SETUP_COUNTING], sizeof v[0], "Metronome counts aloud, one rep every %.1f s", pl->rep_s);
    if (u->editing >= 0) {
        snprintf(v[SETUP_ATHLETES], sizeof v[0], "Name %d of %d:  %s_", u->editing + 1, u->cfg.lanes,
                 u->cfg.lane[u->editing].name);
    } else {
        int n = snprintf(v[SETUP_ATHLETES], sizeof v[0], "%d: ", u->cfg.lanes);
        for (int i = 0; i < u->cfg.lanes && n > 0 && (size_t)n < 90; i++)
            n += snprintf(v[SETUP_ATHLETES] + n, sizeof v[0] - (size_t)n, "%s%s", i ? ", " : "", u->cfg.lane[i].name);
        if (n >= 90)
            snprintf(v[SETUP_ATHLETES] + 87, sizeof v[0] - 87, "...");
    }
    if (room_ui_on(app)) {
        const RoomView *rv = room_ui_view(app);
        snprintf(v[SETUP_PHONES], sizeof v[0], "On: %d joined (code top right)", rv->people);
    } else {
        snprintf(v[SETUP_PHONES], sizeof v[0], "Off (athletes can count on their own phones)");
    }
    v[SETUP_START][0] = '\0';
    static const char *const names[SETUP_ROWS] = {"Protocol", "Body part", "Load",   "Rest",   "Sets", "Rep targets",
                                                  "Counting", "Phones",    "Athletes", "Start"};
    float w = app->frame.lw - 160, y = 200, rh = 74;
    for (int i = 0; i < SETUP_ROWS; i++) {
        LRect r = {80, y, i == SETUP_START ? 420 : w, rh - 10};
        u->setup.rect[i] = r;
        y += rh;
        if (i == SETUP_START) {
            r.y += 14;
            u->setup.rect[i] = r;
            d_button(app, r, "Start", u->setup.focus == i, 0.0f);
            continue;
        }
        bool f = u->setup.focus == i;
        d_round_rect(app, r, 14, f ? p->panel_hi : p->panel);
        if (f)
            d_round_outline(app, r, 14, 4, p->focus);
        d_text_in(app, FONT_BOLD, 34, r, ALIGN_LEFT, p->text, names[i]);
        char shown[240];
        snprintf(shown, sizeof shown, f ? "\xE2\x97\x80  %.190s  \xE2\x96\xB6" : "%.190s", v[i]);
        d_text_in(app, FONT_REGULAR, 34, r, ALIGN_RIGHT, f ? p->focus : p->text, shown);
    }
    float ty = y + 40;
    char est[200];
    double e = session_protocol_wrap_estimate_s(pl);
    snprintf(est, sizeof est, "About %d min %02d s with the wraps on (F = to failure). %s", (int)e / 60,
             (int)e % 60, pl->summary[0] ? "" : "");
    d_text(app, FONT_REGULAR, 28, 520, u->setup.rect[SETUP_START].y + 6, ALIGN_LEFT, p->text_dim, est);
    if (pl->summary[0])
        d_text_wrapped(app, FONT_REGULAR, 26, 520, u->setup.rect[SETUP_START].y + 42, app->frame.lw - 600,
                         p->text_dim, pl->summary);
    if (u->setup_error[0])
        d_text_wrapped(app, FONT_BOLD, 30, 80, ty + 40, app->frame.lw - 160, p->bad, u->setup_error);
}

static void setup_screen(App *app, SessionUi *u)
{
    if (g_still)
        setup_still(app, u);
    if (g_live && room_ui_on(app)) /* athletes join while the trainer sets up (it changes on its own) */
        d_room_join(app, (LRect){app->frame.lw - 80 - 560, 4, 560, 132}); /* above the key hints */
}

/* ---------------- pieces of the big screen ---------------- */

static void progress_strip(App *app, SessionUi *u, LRect r)
{
    const Palette *p = &app->pal;
    const Session *s = &u->eng;
    int n = session_set_count(s), cur = session_set_index(s);
    SessionPhase ph = session_phase(s);
    float gap = 12, bw = (r.w - gap * (float)(n - 1)) / (float)n;
    for (int k = 0; k < n; k++) {
        LRect b = {r.x + (float)k * (bw + gap), r.y, bw, r.h};
        SessionSetRecord rec;
        bool done = session_lane_set_record(s, u->focus, k, &rec); /* this athlete's set is over */
        bool now = k == cur && ph == SESSION_SET;
        SDL_Color fill = now ? session_phase_colour(SESSION_SET) : done ? gfx_rgba(0x2e, 0x4a, 0x5e, 255) : p->panel;
        if (g_still) {
            d_round_rect(app, b, 12, fill);
            if (now)
                d_round_outline(app, b, 12, 4, p->focus);
        }
        if (now ? !g_live : !g_still) /* only the set under way counts on: its figure is live */
            continue;
        char t[64];
        int target = session_set_target(s, k);
        int reps = session_lane_set_reps(s, u->focus, k);
        if (done || now)
            snprintf(t, sizeof t, "%d / %d%s", reps, target, session_set_to_failure(s, k) ? "F" : "");
        else
            snprintf(t, sizeof t, "%d%s", target, session_set_to_failure(s, k) ? "F" : "");
        float size = bw > 200 ? 34 : bw > 130 ? 28 : 22;
        d_text_in(app, FONT_BOLD, size, b, ALIGN_CENTER, now ? ink_on(fill) : p->text, t);
    }
}

/* Continuous wrap time against the limit: the clock in words on top, a thin progress track under it that
 * fills from the left (square ends, no round knob), so the bar never sits under the digits. */
static void wrap_bar(App *app, LRect r, double wrap, double limit, bool on, float text_size)
{
    const Palette *p = &app->pal;
    float th = r.h * 0.22f;
    if (th < 6)
        th = 6;
    LRect track = {r.x, r.y + r.h - th, r.w, th};
    if (g_still)
        d_rect(app, track, gfx_rgba(0x2a, 0x31, 0x4a, 255));
    if (!g_live || (g_hash && g_coarse))
        return;
    double f = limit > 0 ? wrap / limit : 0;
    if (f > 1)
        f = 1;
    SDL_Color c = f > 1.0 - 120.0 / limit ? p->warn : gfx_rgba(0x56, 0xb4, 0xe9, 255);
    if (!on)
        c = gfx_rgba(0x55, 0x5c, 0x70, 255);
    if (f > 0)
        d_rect(app, (LRect){track.x, track.y, (float)(track.w * f), track.h}, c);
    char a[16], b[16], t[48];
    mmss(a, sizeof a, wrap);
    mmss(b, sizeof b, limit);
    snprintf(t, sizeof t, "%s / %s", a, b);
    float room = r.h - th - 4, size = text_size;
    if (size > room / 1.2f)
        size = room / 1.2f;
    float w = gfx_text_width(app, FONT_BOLD, size, t);
    if (w > r.w) {
        size *= r.w / w;
        snprintf(t, sizeof t, "%s", a); /* just the clock when even that is short */
        size = text_size < room / 1.2f ? text_size : room / 1.2f;
        w = gfx_text_width(app, FONT_BOLD, size, t);
        if (w > r.w)
            size *= r.w / w;
    }
    d_text(app, FONT_BOLD, size, r.x, track.y - 6 - size * 1.15f, ALIGN_LEFT, p->text, t);
}

/* The model's state for one athlete: a muscle that swells with the pump and darkens as oxygen runs out,
 * with the numbers beside it. */
static void muscle_box(App *app, SessionUi *u, LRect r, bool compact)
{
    const Palette *p = &app->pal;
    int lane = u->focus;
    const ModelOut *o = model_out(&u->model[lane]);
    char t[160];
    LRect pic = {r.x + 12, r.y + (compact ? 50 : 64), (compact ? r.w * 0.42f : r.w * 0.44f) - 12,
                 r.h - (compact ? 60 : 76)};
    if (g_still) {
        d_round_rect(app, r, 18, MUSCLE_BOX_BG);
        snprintf(t, sizeof t, "%s  \xC2\xB7  %s", session_lane_name(&u->eng, lane),
                 body_part_label(u->eng.lane[lane].cfg.part));
        d_text(app, FONT_BOLD, compact ? 28 : 34, r.x + 24, r.y + 14, ALIGN_LEFT, p->text, t);
        if (u->view)
            d_muscle_still(app, u->view, pic);
    }
    if (!g_live || (g_hash && g_coarse))
        return;
    SDL_Rect px;
    layout_to_px(&app->frame, pic, &px.x, &px.y, &px.w, &px.h);
    if (u->view) {
        if (g_open.w <= 0 || SDL_HasIntersection(&px, &g_open)) /* not when the flash's colour hides it */
            d_muscle_live(app, u->view, pic);
    } else { /* no widget: a plain swelling, darkening muscle */
        float sw = (float)(o->swelling_percent / 100.0), base = pic.h * 0.42f;
        double sat = o->oxygen_saturation;
        float dark = (float)(1.0 - (sat - 0.3) / 0.45);
        dark = dark < 0 ? 0 : dark > 1 ? 1 : dark;
        SDL_Color fill = gfx_mix(gfx_rgba(0xd9, 0x4f, 0x4f, 255), gfx_rgba(0x5a, 0x1f, 0x4a, 255), dark);
        d_ellipse(app, pic.x + pic.w / 2, pic.y + pic.h / 2, base * 0.55f * (1.0f + 2.5f * (sw > 0 ? sw : 0)),
                    base, fill, fill);
    }
    double sat = o->oxygen_saturation;
    float tx = r.x + (compact ? r.w * 0.45f : r.w * 0.52f), ty = r.y + (compact ? 56 : 80);
    float size = compact ? 26 : 32, step = compact ? 34 : 48;
    snprintf(t, sizeof t, "Pump: %+.1f %%", o->swelling_percent);
    d_text(app, FONT_REGULAR, size, tx, ty, ALIGN_LEFT, p->text, t);
    snprintf(t, sizeof t, "Oxygen: %.0f %%", sat * 100);
    d_text(app, FONT_REGULAR, size, tx, ty + step, ALIGN_LEFT, p->text, t);
    snprintf(t, sizeof t, "Lactate: %.1f mmol/L", o->lactate_venous_mmol);
    d_text(app, FONT_REGULAR, size, tx, ty + 2 * step, ALIGN_LEFT, p->text, t);
    snprintf(t, sizeof t, "Strength left: %.0f %%", o->capacity * 100);
    d_text(app, FONT_REGULAR, size, tx, ty + 3 * step, ALIGN_LEFT, p->text, t);
    if (!compact) {
        snprintf(t, sizeof t, "Wrap: %s", o->cuff_mmhg > 0 ? "on" : "off");
        d_text(app, FONT_REGULAR, size, tx, ty + 4 * step, ALIGN_LEFT, p->text_dim, t);
    }
}

/* The big numerals and what they count. */
static void numerals(App *app, SessionUi *u, char *big, size_t bcap, char *label, size_t lcap)
{
    (void)app;
    const Session *s = &u->eng;
    double left = session_seconds_left(s);
    int lane = u->focus;
    switch (session_phase(s)) {
    case SESSION_GET_READY:
        snprintf(big, bcap, "%d", (int)ceil(left - 1e-9));
        snprintf(label, lcap, "first set starts");
        break;
    case SESSION_SET:
        snprintf(big, bcap, "%d", session_lane_reps(s, lane));
        if (session_set_to_failure(s, session_set_index(s)))
            snprintf(label, lcap, "reps (about %d, to failure)", session_set_target(s, session_set_index(s)));
        else
            snprintf(label, lcap, "reps of %d", session_set_target(s, session_set_index(s)));
        break;
    case SESSION_REST:
    case SESSION_WRAPS_OFF:
        snprintf(big, bcap, "%d", (int)ceil(left - 1e-9));
        snprintf(label, lcap, session_phase(s) == SESSION_REST ? "seconds of rest, wraps on"
                                                               : "seconds: blood flowing back");
        break;
    case SESSION_STOPPED:
        snprintf(big, bcap, "STOP");
        snprintf(label, lcap, "%s", session_stop_reason_text(s->stop));
        break;
    default:
        big[0] = label[0] = '\0';
        break;
    }
}

/* The phase in one word for the band. */
static const char *phase_word(SessionPhase ph)
{
    switch (ph) {
    case SESSION_GET_READY:
        return "GET READY";
    case SESSION_SET:
        return "LIFT";
    case SESSION_REST:
        return "REST";
    case SESSION_WRAPS_OFF:
        return "WRAPS OFF";
    case SESSION_STOPPED:
        return "STOP: WRAPS OFF";
    default:
        return session_phase_title(ph);
    }
}

static void phase_panel(App *app, SessionUi *u, LRect r, float num_size)
{
    const Palette *p = &app->pal;
    const Session *s = &u->eng;
    SessionPhase ph = session_lane_phase(s, u->focus);
    if (session_lane_count(s) > 1)
        ph = session_phase(s);
    SDL_Color c = session_phase_colour(ph);
    /* a phase band: the phase colour and its word (LIFT, REST, WRAPS OFF, STOP) in letters big enough to
     * read across a gym, so the phase reads without colour too; the set count sits beside it when there is
     * room */
    LRect band = {r.x, r.y, r.w, PHASE_BAND_H};
    if (g_still) {
        d_round_rect(app, band, 20, c);
        const char *word = phase_word(ph);
        char side[64] = "";
        if (session_paused(s))
            word = "PAUSED";
        if (ph == SESSION_SET)
            snprintf(side, sizeof side, "Set %d of %d", session_set_index(s) + 1, session_set_count(s));
        else if (session_paused(s))
            snprintf(side, sizeof side, "wraps stay on");
        else if (ph == SESSION_REST)
            snprintf(side, sizeof side, "wraps stay on");
        float pad = 36, size = PHASE_WORD_SIZE, sfs = 52;
        float sw = side[0] ? gfx_text_width(app, FONT_BOLD, sfs, side) + pad : 0;
        float ww = gfx_text_width(app, FONT_BOLD, size, word), room = band.w - 2 * pad - sw;
        if (ww > room && side[0] && size * room / ww < PHASE_WORD_SIZE * 0.8f) {
            side[0] = '\0'; /* the word matters more than the count (the strip shows the sets) */
            room = band.w - 2 * pad;
        }
        if (ww > room)
            size *= room / ww;
        SDL_Color ink = ink_on(c);
        d_text(app, FONT_BOLD, size, band.x + pad, band.y + (band.h - size * 1.2f) / 2, ALIGN_LEFT, ink, word);
        if (side[0])
            d_text(app, FONT_BOLD, sfs, band.x + band.w - pad, band.y + (band.h - sfs * 1.2f) / 2, ALIGN_RIGHT,
                     ink, side);
    }
    /* the numerals change at most once a second or once a rep: they belong to the still layer (its key
     * holds them), so the big glyphs are not blended again every frame */
    if (!g_still)
        return;
    char big[32], label[96];
    numerals(app, u, big, sizeof big, label, sizeof label);
    if (big[0]) {
        float size = strlen(big) > 3 ? num_size * 0.7f : num_size;
        float top = r.y + PHASE_BAND_H - num_size * 0.2f;
        d_text(app, FONT_BOLD, size, r.x + r.w / 2, top, ALIGN_CENTER,
                 ph == SESSION_STOPPED ? session_phase_colour(SESSION_STOPPED) : p->text, big);
        d_text(app, FONT_REGULAR, 40, r.x + r.w / 2, top + num_size * 0.98f, ALIGN_CENTER, p->text_dim, label);
    }
}

static void instruction_line(App *app, SessionUi *u, LRect r, float size)
{
    const Palette *p = &app->pal;
    const Session *s = &u->eng;
    char t[300];
    SessionInstruction in = session_lane_instruction(s, u->focus);
    const char *what = session_instruction_text(in);
    if (session_lane_count(s) > 1)
        snprintf(t, sizeof t, "%s: %s", session_lane_name(s, u->focus), what);
    else
        snprintf(t, sizeof t, "%s", what);
    if (session_phase(s) == SESSION_REST) {
        int next = session_set_index(s) + 1;
        size_t n = strlen(t);
        snprintf(t + n, sizeof t - n, ".  Next: set %d, %s%d reps", next + 1,
                 session_set_to_failure(s, next) ? "to failure, about " : "", session_set_target(s, next));
    }
    SDL_Color c = in == INSTR_REMOVE_WRAP_NOW ? session_phase_colour(SESSION_STOPPED) : p->text;
    if (!g_still) /* it changes with the engine's events: the still layer's hash sees it */
        return;
    d_round_rect(app, r, 14, p->panel);
    d_text_in(app, FONT_BOLD, size, r, ALIGN_LEFT, c, t);
}

static const char *hint_text(const SessionUi *u)
{
    const Session *s = &u->eng;
    bool group = session_lane_count(s) > 1;
    switch (session_phase(s)) {
    case SESSION_SET:
        return group ? "Up/Down: athlete   Space/click/A: count a rep   PgDn: reached failure   N: end set   "
                       "Esc: pause   Backspace: stop"
                     : "Space, click, clicker or A: count a rep   PgDn: reached failure   N: end set   Esc: pause   "
                       "Backspace: stop";
    case SESSION_REST:
    case SESSION_GET_READY:
        return "Esc: pause (wrap clocks keep running)   Backspace: stop with a reason";
    case SESSION_STOPPED:
    case SESSION_WRAPS_OFF:
        return "Enter: every wrap is off, go to the debrief";
    default:
        return "";
    }
}

/* ---------------- lanes (group mode) ---------------- */

/* A lane's name and, after it, its body part, load and wrap tightness, measured to fit width w: the least
 * needed parts go first when the room is short (the load, then the body part), never a clipped figure. */
static void lane_labels(App *app, const Session *s, int i, float x, float y, float w, float fs)
{
    const Palette *p = &app->pal;
    const SessionLane *l = &s->lane[i];
    const char *name = session_lane_name(s, i);
    float nw = gfx_text_width(app, FONT_BOLD, fs, name), nfs = fs;
    if (nw > w * 0.45f) { /* a long name shrinks rather than pushing the details out */
        nfs = fs * w * 0.45f / nw;
        if (nfs < fs * 0.7f)
            nfs = fs * 0.7f;
        nw = gfx_text_width(app, FONT_BOLD, nfs, name);
    }
    d_text(app, FONT_BOLD, nfs, x, y + (fs - nfs) * 0.6f, ALIGN_LEFT, p->text, name);
    float sx = x + (nw > w * 0.38f ? nw : w * 0.38f) + fs * 0.5f, room = x + w - sx, sfs = fs * 0.8f;
    char t[4][120];
    const char *part = body_part_label(l->cfg.part);
    double tight = session_lane_tightness(s, i);
    snprintf(t[0], sizeof t[0], "%s \xC2\xB7 %d%% \xC2\xB7 tight %g/10", part, l->cfg.load_percent, tight);
    snprintf(t[1], sizeof t[1], "%s \xC2\xB7 tight %g/10", part, tight);
    snprintf(t[2], sizeof t[2], "%d%% \xC2\xB7 tight %g/10", l->cfg.load_percent, tight);
    snprintf(t[3], sizeof t[3], "tight %g/10", tight);
    for (int k = 0; k < 4; k++) {
        float tw = gfx_text_width(app, FONT_REGULAR, sfs, t[k]);
        if (tw <= room || k == 3) {
            float size = tw > room && tw > 0 ? sfs * room / tw : sfs;
            if (size < sfs * 0.6f)
                break; /* no room even for that: the name alone, nothing cut */
            d_text(app, FONT_REGULAR, size, sx, y + fs * 0.12f + (sfs - size) * 0.6f, ALIGN_LEFT, p->text_dim,
                     t[k]);
            break;
        }
    }
}

/* The one word at a lane's right edge saying where that athlete is. */
static const char *lane_status_word(const SessionLane *l, SessionInstruction in)
{
    return in == INSTR_REMOVE_WRAP_NOW ? "OFF NOW"
           : l->status == LANE_STOPPED ? "stopped"
           : l->status == LANE_EXCLUDED ? "sits out"
           : l->status == LANE_FINISHED ? "done"
           : in == INSTR_HOLD_SET_DONE ? "set done"
           : in == INSTR_LIFT ? "lifting"
           : in == INSTR_PLACE_WRAP ? "wrap on?"
           : in == INSTR_CHECK_TIGHTNESS ? "check"
           : in == INSTR_REST_WRAP_ON ? "resting"
           : in == INSTR_KEEP_WRAP_ON_WAIT ? "ready"
           : in == INSTR_GET_READY ? "ready"
           : in == INSTR_RECOVER ? "wrap off"
                                 : "";
}

/* The widest of those words at this size: the room every row keeps for it, whatever it says now, so the
 * bar drawn in the still layer and its clock drawn live always agree. */
static float lane_status_width(App *app, float size)
{
    static const char *const words[] = {"OFF NOW", "stopped", "sits out", "done",  "set done", "lifting",
                                        "wrap on?", "check",  "resting",  "ready", "wrap off"};
    float w = 0;
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        float t = gfx_text_width(app, FONT_BOLD, size, words[k]);
        if (t > w)
            w = t;
    }
    return w;
}

static void lanes_table(App *app, SessionUi *u, LRect r)
{
    const Palette *p = &app->pal;
    const Session *s = &u->eng;
    int n = session_lane_count(s), sets = session_set_count(s);
    float h = r.h / (float)n;
    if (h > 110)
        h = 110;
    float fs = h >= 80 ? 30 : h >= 60 ? 26 : 22;
    for (int i = 0; i < n; i++) {
        LRect row = {r.x, r.y + (float)i * h, r.w, h - 6};
        SessionPhase lp = session_lane_phase(s, i);
        SDL_Color c = session_phase_colour(lp);
        const SessionLane *l = &s->lane[i];
        char t[160];
        float x = row.x + 28, ty = row.y + (row.h - fs * 1.25f) / 2;
        if (g_still) {
            d_round_rect(app, row, 10, i == u->focus ? p->panel_hi : p->panel);
            d_rect(app, (LRect){row.x, row.y, 14, row.h}, c); /* the lane's phase at its left edge */
            if (i == u->focus)
                d_round_outline(app, row, 10, 3, p->focus);
            lane_labels(app, s, i, x, ty, row.x + row.w * 0.39f - 10 - x, fs);
        }
        x += row.w * 0.39f;
        /* reps per set */
        float cw = row.w * 0.27f / (float)sets;
        for (int k = 0; k < sets; k++) {
            LRect cell = {x + (float)k * cw, row.y + 6, cw - 4, row.h - 12};
            bool cur = k == session_set_index(s) && session_phase(s) == SESSION_SET && l->status == LANE_ACTIVE;
            bool has = l->set[k].ended || cur;
            if (cur ? !g_live : !g_still) /* only the set under way counts on */
                continue;
            d_rect(app, cell, cur ? (l->set_done ? gfx_rgba(0x2e, 0x4a, 0x5e, 255) : session_phase_colour(SESSION_SET))
                                    : gfx_rgba(0x1a, 0x21, 0x38, 255));
            if (has) {
                snprintf(t, sizeof t, "%d", l->set[k].reps_done);
                d_text_in(app, FONT_BOLD, fs, cell, ALIGN_CENTER, p->text, t);
            }
        }
        x += row.w * 0.28f;
        /* the bar takes what the widest state word leaves, so the clock never runs into the word; the word
         * shrinks first when even that is too tight (a 4:3 projector, a small window) */
        float sf = fs * 0.85f, right = row.x + row.w - 16, avail = right - x;
        float ww = lane_status_width(app, sf), gap = fs * 0.6f;
        float need = gfx_text_width(app, FONT_BOLD, fs * 0.8f, "00:00") + 4; /* the clock alone */
        if (avail - ww - gap < need && ww > 0) {
            float fit = avail - need - gap;
            if (fit < ww * 0.6f)
                fit = ww * 0.6f; /* past that the clock gives way (it shortens and shrinks itself) */
            sf *= fit / ww;
            ww = fit;
        }
        float bw = avail - ww - gap;
        if (bw > row.w * 0.19f)
            bw = row.w * 0.19f;
        wrap_bar(app, (LRect){x, row.y + 6, bw, row.h - 12}, session_lane_wrap_s(s, i),
                 session_lane_wrap_limit_s(s, i), l->wrap_on, fs * 0.8f);
        if (!g_still) /* the lane's state word changes with the engine's events */
            continue;
        SessionInstruction in = session_lane_instruction(s, i);
        d_text(app, FONT_BOLD, sf, right, ty + fs * 0.1f + (fs * 0.85f - sf) * 0.6f, ALIGN_RIGHT,
                 in == INSTR_REMOVE_WRAP_NOW ? session_phase_colour(SESSION_STOPPED) : p->text,
                 lane_status_word(l, in));
    }
}

/* ---------------- screening, wraps, debrief ---------------- */

static void choice_buttons(App *app, SessionUi *u, float x, float y, float w, const char *const *labels, int n)
{
    const Palette *p = &app->pal;
    float bw = (w - 24 * (float)(n - 1)) / (float)n, size = 40;
    for (int i = 0; i < n; i++) { /* one size for the row, small enough for the longest label */
        float lw = gfx_text_width(app, FONT_BOLD, 40, labels[i]) + 40;
        if (lw > bw && 40 * bw / lw < size)
            size = 40 * bw / lw;
    }
    for (int i = 0; i < n; i++) {
        LRect r = {x + (float)i * (bw + 24), y, bw, 90};
        if (size >= 40) {
            d_button(app, r, labels[i], u->choice == i, 0.0f);
            continue;
        }
        /* gfx_button's look with the label made to fit (the narrow card beside a dozen lanes) */
        bool f = u->choice == i;
        d_round_rect(app, r, 18, f ? p->accent : p->panel);
        if (f)
            d_round_outline(app, r, 18, 4, p->focus);
        d_text_in(app, f ? FONT_BOLD : FONT_REGULAR, size, r, ALIGN_CENTER, p->text, labels[i]);
    }
}

static void draw_screening(App *app, SessionUi *u)
{
    const Palette *p = &app->pal;
    const Session *s = &u->eng;
    int n = session_lane_count(s);
    LRect card = {60, 120, app->frame.lw * 0.62f, 800};
    d_round_rect(app, card, 24, gfx_rgba(0x1c, 0x24, 0x3e, 255));
    char t[200];
    if (u->screen_lane >= n) {
        d_text(app, FONT_BOLD, 56, card.x + 40, card.y + 40, ALIGN_LEFT, p->text, "Everyone has answered");
        d_text_wrapped(app, FONT_REGULAR, 36, card.x + 40, card.y + 140, card.w - 80, p->text,
                         "Anyone the questions flagged sits this session out: no wrap goes on them. "
                         "Press Enter to put the wraps on.");
        static const char *const go[1] = {"Put the wraps on"};
        u->choice = 0;
        choice_buttons(app, u, card.x + 40, card.y + card.h - 130, 560, go, 1);
    } else {
        int lane = u->screen_lane;
        const Screening *scr = session_lane_screening(s, lane);
        int item = screening_next(scr);
        ScreenVerdict v = screening_verdict(scr);
        snprintf(t, sizeof t, "%s: before the wrap goes on", session_lane_name(s, lane));
        d_text(app, FONT_BOLD, 44, card.x + 40, card.y + 32, ALIGN_LEFT, p->text_dim, t);
        if (item >= 0 && v != SCREEN_NOT_TODAY) {
            snprintf(t, sizeof t, "Question %d of %d", item + 1, SCREEN_ITEM_COUNT);
            d_text(app, FONT_REGULAR, 32, card.x + 40, card.y + 100, ALIGN_LEFT, p->text_dim, t);
            float hq = d_text_wrapped(app, FONT_BOLD, 60, card.x + 40, card.y + 160, card.w - 80, p->text,
                                        screening_question((ScreenItem)item));
            d_text_wrapped(app, FONT_REGULAR, 32, card.x + 40, card.y + 190 + hq, card.w - 80, p->text_dim,
                             screening_why((ScreenItem)item));
            static const char *const yn[2] = {"No", "Yes"};
            choice_buttons(app, u, card.x + 40, card.y + card.h - 130, card.w - 80, yn, 2);
        } else {
            SDL_Color c = v == SCREEN_NOT_TODAY ? session_phase_colour(SESSION_STOPPED)
                          : v == SCREEN_GO_WITH_CARE ? session_phase_colour(SESSION_GET_READY)
                                                     : session_phase_colour(SESSION_WRAPS_OFF);
            d_round_rect(app, (LRect){card.x + 40, card.y + 120, card.w - 80, 100}, 18, c);
            d_text_in(app, FONT_BOLD, 52, (LRect){card.x + 40, card.y + 120, card.w - 80, 100}, ALIGN_CENTER,
                        ink_on(c), screening_verdict_text(v));
            int k = screening_first_yes(scr, v == SCREEN_NOT_TODAY ? SCREEN_ADVISE_AGAINST : SCREEN_CAUTION);
            if (k >= 0) {
                snprintf(t, sizeof t, "%s %s", screening_question((ScreenItem)k), "Yes.");
                float h1 = d_text_wrapped(app, FONT_BOLD, 36, card.x + 40, card.y + 260, card.w - 80, p->text, t);
                d_text_wrapped(app, FONT_REGULAR, 34, card.x + 40, card.y + 280 + h1, card.w - 80, p->text_dim,
                                 screening_why((ScreenItem)k));
            }
            static const char *const next[1] = {"Next"};
            u->choice = 0;
            choice_buttons(app, u, card.x + 40, card.y + card.h - 130, 420, next, 1);
        }
    }
    /* who is cleared so far */
    float x = card.x + card.w + 40, y = 130, w = app->frame.lw - x - 60;
    d_text(app, FONT_BOLD, 36, x, y, ALIGN_LEFT, p->text, "Athletes");
    float rh = (800 - 70) / (float)(n > 6 ? n : 6);
    for (int i = 0; i < n; i++) {
        ScreenVerdict v = screening_verdict(session_lane_screening(s, i));
        snprintf(t, sizeof t, "%s: %s", session_lane_name(s, i),
                 v == SCREEN_INCOMPLETE ? (i == u->screen_lane ? "answering" : "to ask")
                 : v == SCREEN_NOT_TODAY ? "not today"
                 : v == SCREEN_GO_WITH_CARE ? "with care"
                                            : "clear");
        d_text(app, i == u->screen_lane ? FONT_BOLD : FONT_REGULAR, rh > 60 ? 32 : 26, x, y + 64 + (float)i * rh,
                 ALIGN_LEFT, v == SCREEN_NOT_TODAY ? session_phase_colour(SESSION_STOPPED) : p->text, t);
    }
    (void)w;
}

static void wrap_card(App *app, SessionUi *u, LRect card);

static void draw_wrap(App *app, SessionUi *u)
{
    const Session *s = &u->eng;
    int lane = u->focus;
    LRect card = {60, 120, session_lane_count(s) > 1 ? app->frame.lw * 0.40f : app->frame.lw * 0.58f, 820};
    if (g_still)
        wrap_card(app, u, card);
    if (session_lane_count(s) > 1) {
        lanes_table(app, u, (LRect){app->frame.lw * 0.43f, 120, app->frame.lw * 0.57f - 40, 820});
    } else {
        LRect mb = {card.x + card.w + 30, 120, app->frame.lw - card.x - card.w - 90, 500};
        muscle_box(app, u, mb, false);
        wrap_bar(app, (LRect){mb.x, mb.y + mb.h + 40, mb.w, 70}, session_lane_wrap_s(s, lane),
                 session_lane_wrap_limit_s(s, lane), session_lane_wrap_on(s, lane), 34);
    }
}

/* The wrap card: where the wrap goes and how tight, then the tightness questions (all still). */
static void wrap_card(App *app, SessionUi *u, LRect card)
{
    const Palette *p = &app->pal;
    const Session *s = &u->eng;
    int lane = u->focus;
    d_round_rect(app, card, 24, gfx_rgba(0x1c, 0x24, 0x3e, 255));
    char t[240];
    const SessionLane *l = &s->lane[lane];
    snprintf(t, sizeof t, "%s: %s", session_lane_name(s, lane), body_part_label(l->cfg.part));
    d_text(app, FONT_BOLD, 48, card.x + 36, card.y + 30, ALIGN_LEFT, p->text, t);
    float y = card.y + 110;
    LaneStatus st = session_lane_status(s, lane);
    if (st == LANE_PLACING) {
        y += d_text_wrapped(app, FONT_BOLD, 44, card.x + 36, y, card.w - 72, p->text, placement_text(l->cfg.part)) + 24;
        snprintf(t, sizeof t,
                 "Start at the end nearest the heart. Aim for about %.1f out of 10: uncomfortable, never painful.",
                 l->cfg.tightness);
        d_text_wrapped(app, FONT_REGULAR, 34, card.x + 36, y, card.w - 72, p->text_dim, t);
        static const char *const placed[1] = {"The wrap is on"};
        u->choice = 0;
        choice_buttons(app, u, card.x + 36, card.y + card.h - 130, card.w - 72, placed, 1);
    } else if (st == LANE_CHECKING) {
        y += d_text_wrapped(app, FONT_BOLD, 44, card.x + 36, y, card.w - 72, p->text,
                              "Ask before lifting: any numbness or tingling? Does it feel so tight you want it "
                              "off already?") +
             24;
        snprintf(t, sizeof t, "Either one means too tight: re-wrap a little looser (now %.1f/10).",
                 l->cfg.tightness);
        d_text_wrapped(app, FONT_REGULAR, 34, card.x + 36, y, card.w - 72, p->text_dim, t);
        static const char *const ans[3] = {"Feels right", "Numb/tingling", "Wants it off"};
        choice_buttons(app, u, card.x + 36, card.y + card.h - 130, card.w - 72, ans, 3);
    } else {
        d_text_wrapped(app, FONT_BOLD, 44, card.x + 36, y, card.w - 72, p->text,
                         session_instruction_text(session_lane_instruction(s, lane)));
    }
}

static void draw_debrief(App *app, SessionUi *u)
{
    const Palette *p = &app->pal;
    const Session *s = &u->eng;
    int n = session_lane_count(s), sets = session_set_count(s);
    char t[200];
    if (g_live) { /* the session's clock, which runs on */
        snprintf(t, sizeof t, "%s  \xC2\xB7  %.0f min %02.0f s", s->cfg.plan.name, floor(session_elapsed_s(s) / 60),
                 fmod(session_elapsed_s(s), 60));
        d_text(app, FONT_REGULAR, 34, 80, 195, ALIGN_LEFT, p->text_dim, t);
    }
    if (!g_still)
        return;
    d_text(app, FONT_BOLD, 64, 80, 110, ALIGN_LEFT, p->text, "Debrief");
    /* a table: one column per set, then the total, the wrap time and how the athlete finished */
    float x0 = 80, w = app->frame.lw - 160, y = 250, rh = (640 - 50) / (float)(n > 5 ? n : 5);
    if (rh > 100)
        rh = 100;
    float fs = rh > 70 ? 34 : 26, namew = w * 0.22f, setw = w * 0.32f / (float)sets, cw = setw;
    float xs = x0 + 24 + namew, xt = xs + setw * (float)sets + 20, xw = xt + w * 0.10f, xst = xw + w * 0.12f;
    d_text(app, FONT_BOLD, 26, x0 + 24, y, ALIGN_LEFT, p->text_dim, "Athlete");
    for (int k = 0; k < sets; k++) {
        snprintf(t, sizeof t, "Set %d", k + 1);
        d_text(app, FONT_BOLD, 26, xs + cw * ((float)k + 0.5f), y, ALIGN_CENTER, p->text_dim, t);
    }
    d_text(app, FONT_BOLD, 26, xt + w * 0.05f, y, ALIGN_CENTER, p->text_dim, "Total");
    d_text(app, FONT_BOLD, 26, xw + w * 0.06f, y, ALIGN_CENTER, p->text_dim, "Wrap time");
    d_text(app, FONT_BOLD, 26, xst + 24, y, ALIGN_LEFT, p->text_dim, "Finished");
    y += 44;
    for (int i = 0; i < n; i++) {
        const SessionLane *l = &s->lane[i];
        LRect row = {x0, y + (float)i * rh, w, rh - 8};
        d_round_rect(app, row, 12, p->panel);
        int total = 0;
        float ty = row.y + (row.h - fs * 1.2f) / 2;
        d_text(app, FONT_BOLD, fs, x0 + 24, ty, ALIGN_LEFT, p->text, session_lane_name(s, i));
        for (int k = 0; k < sets; k++) {
            total += l->set[k].reps_done;
            snprintf(t, sizeof t, "%d", l->set[k].reps_done);
            d_text(app, FONT_REGULAR, fs, xs + cw * ((float)k + 0.5f), ty, ALIGN_CENTER,
                     l->set[k].ended ? p->text : p->text_dim, l->set[k].ended ? t : "\xE2\x80\x93");
        }
        snprintf(t, sizeof t, "%d", total);
        d_text(app, FONT_BOLD, fs, xt + w * 0.05f, ty, ALIGN_CENTER, p->text, t);
        const char *status = l->status == LANE_FINISHED ? "all sets done"
                             : l->status == LANE_EXCLUDED ? "sat out (screening)"
                             : l->status == LANE_STOPPED ? session_stop_reason_text(l->stop)
                                                         : "not started";
        char wrap[16];
        mmss(wrap, sizeof wrap, session_lane_wrap_s(s, i));
        d_text(app, FONT_REGULAR, fs, xw + w * 0.06f, ty, ALIGN_CENTER, p->text, wrap);
        d_text_in(app, FONT_REGULAR, fs, (LRect){xst, row.y, x0 + w - 20 - xst, row.h}, ALIGN_LEFT,
                    l->status == LANE_STOPPED ? session_phase_colour(SESSION_STOPPED) : p->text, status);
    }
    char t2[420];
    const char *saved = u->history_failed ? u->history_msg
                        : app->store     ? "Every set is saved in the history."
                                         : "No history database: this session was not saved.";
    snprintf(t2, sizeof t2, "%s  Sets saved: %d.", saved, u->sets_committed);
    d_text_wrapped(app, FONT_REGULAR, 30, 80, 900, app->frame.lw - 1160, u->history_failed ? p->bad : p->text_dim,
                     t2);
    static const char *const btn[2] = {"Back to the title", "New session"};
    choice_buttons(app, u, app->frame.lw - 1000, 930, 920, btn, 2); /* clear of the bottom edge */
}

static void draw_dialog(App *app, SessionUi *u)
{
    const Palette *p = &app->pal;
    d_rect(app, (LRect){0, 0, app->frame.lw, app->frame.lh}, gfx_rgba(4, 6, 12, 210));
    LRect b = {app->frame.lw / 2 - 560, 140, 1120, 800};
    d_round_rect(app, b, 28, p->panel);
    if (u->dialog == DLG_PAUSE) {
        d_text(app, FONT_BOLD, 72, b.x + b.w / 2, b.y + 60, ALIGN_CENTER, p->text, "Paused");
        d_text_wrapped(app, FONT_REGULAR, 38, b.x + 60, b.y + 190, b.w - 120, p->text,
                         "The wraps stay on and their clocks keep running. Esc or Enter: resume.   "
                         "Backspace: stop with a reason.");
        return;
    }
    const Session *s = &u->eng;
    char t[160];
    if (session_lane_count(s) > 1)
        snprintf(t, sizeof t, "Stop %s  (Left/Right to change)",
                 u->stop_everyone ? "everyone" : session_lane_name(s, u->focus));
    else
        snprintf(t, sizeof t, "Stop the session");
    d_text(app, FONT_BOLD, 52, b.x + b.w / 2, b.y + 40, ALIGN_CENTER, p->text, t);
    d_text(app, FONT_REGULAR, 30, b.x + b.w / 2, b.y + 115, ALIGN_CENTER, p->text_dim,
             "Why? The wraps come off straight away.");
    static const char *const labels[STOP_CHOICES] = {"Pain above 7 out of 10", "Numbness or tingling", "Dizziness",
                                                     "Other reason", "Keep going"};
    for (int i = 0; i < STOP_CHOICES; i++)
        d_button(app, (LRect){b.x + 160, b.y + 180 + (float)i * 115, b.w - 320, 95}, labels[i],
                   u->stop_choice == i, 0.0f);
}

/* The visual twin of a cue: the phase colour fills the whole screen, opaque, with the caption on it, so
 * nothing else shows through the words; then the coloured card lifts off upwards, words and all, a
 * full-width curtain uncovering the screen from the bottom. All of it is opaque copies: the uncovered band
 * from the screen's still layer, the curtain from the flash's own layer. A translucent fade over the whole
 * screen would blend every pixel on every frame (8 million at 4K), the costliest thing the software
 * renderer can be asked. With reduced motion the card simply stays, then goes. */
#define FLASH_HOLD 0.65f /* share of the flash that covers the screen and carries the words */

static float flash_progress(const App *app, const SessionUi *u)
{
    if (app->time >= u->flash_until || !u->flash_caption[0])
        return -1.0f;
    float dur = (float)(u->flash_until - u->flash_start);
    return (float)(app->time - u->flash_start) / (dur > 0 ? dur : 1);
}

/* The flash covers the whole screen (with its words): nothing under it needs drawing. */
static bool flash_covers(const App *app, const SessionUi *u)
{
    float t = flash_progress(app, u);
    return t >= 0 && (t <= FLASH_HOLD || app->settings.reduced_motion);
}

static void flash_words(App *app, SessionUi *u)
{
    d_rect(app, (LRect){0, 0, app->frame.lw, app->frame.lh}, u->flash_colour);
    SDL_Color ink = ink_on(u->flash_colour);
    bool digits = strlen(u->flash_caption) <= 3;
    float size = digits ? 420 : 130;
    float w = gfx_text_width(app, FONT_BOLD, size, u->flash_caption), room = app->frame.lw - 160;
    if (!digits && w > room)
        size = size * room / w < 90 ? 90 : size * room / w;
    float y = app->frame.lh / 2 - size * 0.62f;
    if (!digits && gfx_text_width(app, FONT_BOLD, size, u->flash_caption) > room)
        d_text_wrapped(app, FONT_BOLD, size, 80, app->frame.lh / 2 - size * 1.2f, room, ink, u->flash_caption);
    else
        d_text(app, FONT_BOLD, size, app->frame.lw / 2, y, ALIGN_CENTER, ink, u->flash_caption);
}

/* The curtain while it lifts: the canvas in physical pixels and how many of its rows, from the top, the
 * card still covers (0 when it is not lifting). It starts slowly and speeds up, as a thing lifted does. */
static int flash_curtain(const App *app, const SessionUi *u, SDL_Rect *canvas)
{
    layout_to_px(&app->frame, (LRect){0, 0, app->frame.lw, app->frame.lh}, &canvas->x, &canvas->y, &canvas->w,
                 &canvas->h);
    float t = flash_progress(app, u);
    if (t < 0 || flash_covers(app, u))
        return 0;
    float f = (t - FLASH_HOLD) / (1.0f - FLASH_HOLD);
    if (f > 1)
        f = 1;
    int rows = (int)floorf((float)canvas->h * (1.0f - f * f) + 0.5f);
    return rows < 0 ? 0 : rows > canvas->h ? canvas->h : rows;
}

/* What the curtain leaves open, in physical pixels: the band under it, the full width; empty when the
 * screen is not behind a curtain. */
static SDL_Rect flash_opening(const App *app, const SessionUi *u)
{
    SDL_Rect c;
    int rows = flash_curtain(app, u, &c);
    if (rows <= 0)
        return (SDL_Rect){0, 0, 0, 0};
    return (SDL_Rect){c.x, c.y + rows, c.w, c.h - rows};
}

#define SESSION_FLASH_SLOT 0

static void draw_layered(App *app, SessionUi *u, int slot, void (*fn)(App *app, SessionUi *u), bool whole,
                         Uint32 extra);
static SDL_Texture *flash_layer(App *app, SessionUi *u);

static void draw_flash(App *app, SessionUi *u)
{
    float t = flash_progress(app, u);
    if (t < 0)
        return;
    if (flash_covers(app, u)) { /* one still picture while it lasts */
        draw_layered(app, u, SESSION_FLASH_SLOT, flash_words, true, 0);
        return;
    }
    SDL_Rect c;
    int rows = flash_curtain(app, u, &c);
    if (rows <= 0)
        return;
    /* the card's bottom rows (its lower edge, the words when it gets that far) go up with it */
    SDL_Rect src = {c.x, c.y + c.h - rows, c.w, rows}, dst = {c.x, c.y, c.w, rows};
    SDL_Texture *layer = flash_layer(app, u);
    if (layer) {
        gfx_copy_layer(app, layer, &src, &dst, true);
    }
    SDL_Color k = u->flash_colour;
    k.a = 255;
    float lh = app->frame.lh, edge = lh * (float)rows / (float)c.h; /* the curtain's edge in layout units */
    if (!layer) /* no layer to copy from: the colour alone */
        d_rect(app, (LRect){0, 0, app->frame.lw, edge}, k);
    /* a thin darker lip along the lifting edge, so it reads as a card's edge and not a torn repaint */
    if (edge > 6) {
        SDL_Color d = {(Uint8)(k.r * 3 / 5), (Uint8)(k.g * 3 / 5), (Uint8)(k.b * 3 / 5), 255};
        d_rect(app, (LRect){0, edge - 6, app->frame.lw, 6}, d);
    }
}

static void big_screen(App *app, SessionUi *u)
{
    const Palette *p = &app->pal;
    const Session *s = &u->eng;
    float lw = app->frame.lw;
    if (g_still) {
        d_backdrop(app);
        d_text(app, FONT_BOLD, 40, 60, 32, ALIGN_LEFT, p->text, s->cfg.plan.name);
    }
    if (session_lane_count(s) == 1) {
        LRect left = {60, 110, lw * 0.56f, 680};
        phase_panel(app, u, left, NUMERAL_SIZE);
        LRect mb = {left.x + left.w + 40, 110, lw - left.w - 160, 520};
        muscle_box(app, u, mb, false);
        wrap_bar(app, (LRect){mb.x, mb.y + mb.h + 40, mb.w, 80}, session_lane_wrap_s(s, 0),
                 session_lane_wrap_limit_s(s, 0), session_lane_wrap_on(s, 0), 36);
        if (g_still)
            d_text(app, FONT_REGULAR, 28, mb.x + mb.w / 2, mb.y + mb.h + 126, ALIGN_CENTER, p->text_dim,
                     "continuous wrap time / limit");
        progress_strip(app, u, (LRect){60, 810, lw - 120, 84});
        instruction_line(app, u, (LRect){60, 912, lw - 120, 90}, 40);
        if (g_still)
            d_text(app, FONT_REGULAR, 26, lw / 2, 1030, ALIGN_CENTER, p->text_dim, hint_text(u));
    } else {
        float colw = lw * 0.40f;
        phase_panel(app, u, (LRect){50, 100, colw, 580}, NUMERAL_SIZE_GROUP);
        muscle_box(app, u, (LRect){50, 680, colw, 244}, true);
        lanes_table(app, u, (LRect){colw + 80, 100, lw - colw - 120, 760});
        progress_strip(app, u, (LRect){colw + 80, 864, lw - colw - 120, 60});
        instruction_line(app, u, (LRect){50, 936, lw - 100, 70}, 36);
        if (g_still)
            d_text(app, FONT_REGULAR, 24, lw / 2, 1030, ALIGN_CENTER, p->text_dim, hint_text(u));
    }
}

/* The whole run screen: the phase's own screen, then the clock in the header. */
static void run_screen(App *app, SessionUi *u)
{
    const Palette *p = &app->pal;
    const Session *s = &u->eng;
    SessionPhase ph = session_phase(s);
    if (ph == SESSION_SCREENING || ph == SESSION_WRAP || ph == SESSION_DEBRIEF) {
        if (g_still) {
            d_backdrop(app);
            d_text(app, FONT_BOLD, 40, 60, 32, ALIGN_LEFT, p->text, s->cfg.plan.name);
            if (ph == SESSION_SCREENING)
                draw_screening(app, u);
        }
        if (ph == SESSION_WRAP)
            draw_wrap(app, u);
        else if (ph == SESSION_DEBRIEF)
            draw_debrief(app, u);
    } else {
        big_screen(app, u);
    }
    if (!g_live)
        return;
    /* header: the clock and the sound state */
    char t[200], el[16];
    mmss(el, sizeof el, session_elapsed_s(s));
    snprintf(t, sizeof t, "%s%s", el, app->settings.mute ? "   sound off: captions on" : "");
    d_text(app, FONT_REGULAR, 40, app->frame.lw - 60, 32, ALIGN_RIGHT, p->text_dim, t);
}

/* The run screen under a dialog, dimmed, with the dialog on it: one picture. */
static void dialog_screen(App *app, SessionUi *u)
{
    run_screen(app, u);
    draw_dialog(app, u);
}

typedef void (*ScreenFn)(App *app, SessionUi *u);

/* The hash of what fn draws with the given parts on. */
static Uint32 pass_hash(App *app, ScreenFn fn, SessionUi *u, bool still, bool live)
{
    g_hash = true;
    g_coarse = still && live;
    g_still = still;
    g_live = live;
    g_h = 2166136261u;
    hash_f(app->frame.lw), hash_f(app->frame.lh);
    hash_bytes(&app->pw, sizeof app->pw);
    hash_bytes(&app->ph, sizeof app->ph);
    hash_bytes(&fn, sizeof fn);
    fn(app, u);
    g_hash = g_coarse = false;
    g_still = g_live = true;
    return g_h;
}

static ScreenFn g_paint_fn;
static bool g_paint_live;

static void paint_pass(App *app, void *ctx)
{
    g_still = true;
    g_live = g_paint_live;
    g_paint_fn(app, ctx);
    g_still = g_live = true;
}

/* Layers: the screen's still part (repainted when it changes); under a dialog, the whole picture. */
#define SESSION_LAYER_SLOT 5
#define SESSION_DIALOG_SLOT 4

/* fn's still part from a cached layer, copied opaque, and its live part drawn on it. With `whole`, all of
 * fn is in the layer, keyed on its coarse hash and `extra`: under a dialog, a rep counted or a lane stopped
 * shows at once, and what moves all the time (the dimmed muscle, its figures, the wrap clocks) is caught
 * up with the clocks' ticks. */
static void draw_layered(App *app, SessionUi *u, int slot, ScreenFn fn, bool whole, Uint32 extra)
{
    Uint32 key = pass_hash(app, fn, u, true, whole) ^ (extra * 2654435761u);
    g_paint_fn = fn;
    g_paint_live = whole;
    SDL_Texture *layer = gfx_cached_layer(app, slot, key, app->pw, app->ph, paint_pass, u);
    g_still = g_live = true;
    if (!layer) {
        fn(app, u);
        return;
    }
    if (g_open.w > 0 && !whole) /* only what the flash's iris leaves open shows */
        gfx_copy_layer(app, layer, &g_open, &g_open, true);
    else
        gfx_copy_layer(app, layer, NULL, NULL, true);
    if (!whole) {
        g_still = false;
        fn(app, u);
        g_still = true;
    }
}

/* The flash's own picture (colour and words), the same layer its still part was shown from. */
static SDL_Texture *flash_layer(App *app, SessionUi *u)
{
    g_paint_fn = flash_words;
    g_paint_live = true;
    return gfx_cached_layer(app, SESSION_FLASH_SLOT, pass_hash(app, flash_words, u, true, true), app->pw, app->ph,
                            paint_pass, u);
}

void session_draw_setup(App *app, SessionUi *u)
{
    g_open = (SDL_Rect){0, 0, 0, 0};
    draw_layered(app, u, SESSION_LAYER_SLOT, setup_screen, false, 0);
}

void session_draw_run(App *app, SessionUi *u)
{
    g_open = flash_opening(app, u);
    if (flash_covers(app, u) && u->dialog == DLG_NONE) {
        /* the screen under the flash is brought up to date while the flash hides it (its first frame costs
         * what the flash saves), so the iris opens on it without a repaint in the middle of the motion */
        g_paint_fn = run_screen;
        g_paint_live = false;
        gfx_cached_layer(app, SESSION_LAYER_SLOT, pass_hash(app, run_screen, u, true, false), app->pw, app->ph,
                         paint_pass, u);
    } else if (!flash_covers(app, u)) {
        if (u->dialog != DLG_NONE) { /* the clocks the scene wakes for: the session's, the athlete's wrap */
            const Session *s = &u->eng;
            Uint32 ticks = (Uint32)floor(session_elapsed_s(s)) * 7919u + (Uint32)floor(session_lane_wrap_s(s, u->focus));
            draw_layered(app, u, SESSION_DIALOG_SLOT, dialog_screen, true, ticks);
        } else {
            draw_layered(app, u, SESSION_LAYER_SLOT, run_screen, false, 0);
        }
    }
    draw_flash(app, u);
}
