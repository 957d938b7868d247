/* The room on the big screen. See room_ui.h. */
#include "room_ui.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gfx.h"
#include "oc_util.h"
#include "ui_text.h"

struct RoomUi {
    RoomServer *srv;
    char code[8];          /* chosen once per run */
    RoomView view;
    SDL_Texture *qr;
    char qr_url[96];
    int qr_modules;
    uint64_t dumped;       /* the version last written to $OC_ROOM_STATE_FILE */
    const char *dump_path; /* NULL unless a test asked for it */
};

static struct RoomUi *ui_get(App *app)
{
    if (!app->room) {
        app->room = calloc(1, sizeof *app->room);
        if (app->room) {
            const char *dump = getenv("OC_ROOM_STATE_FILE");
            app->room->dump_path = dump && *dump ? dump : NULL;
        }
    }
    return app->room;
}

bool room_ui_on(const App *app)
{
    return app->room && app->room->srv;
}

RoomServer *room_ui_server(App *app)
{
    return app->room ? app->room->srv : NULL;
}

const RoomView *room_ui_view(const App *app)
{
    static const RoomView off = {0};
    return app->room ? &app->room->view : &off;
}

/* A phone changed something: an SDL event wakes the loop if it is sleeping until its next timer (a window
 * only draws when something changed). SDL_PushEvent may be called from any thread. */
static Uint32 wake_event = (Uint32)-1;

static void wake_big_screen(void *ctx)
{
    (void)ctx;
    if (wake_event == (Uint32)-1)
        return;
    SDL_Event e;
    SDL_zero(e);
    e.type = wake_event;
    SDL_PushEvent(&e);
}

bool room_ui_start(App *app)
{
    struct RoomUi *ui = ui_get(app);
    if (!ui)
        return false;
    if (ui->srv)
        return true;
    if (!ui->code[0]) {
        if (app->opt.room_code[0]) {
            oc_strlcpy(ui->code, app->opt.room_code, sizeof ui->code);
        } else {
            uint64_t r = 0;
            FILE *f = fopen("/dev/urandom", "rb");
            if (!f || fread(&r, sizeof r, 1, f) != 1)
                r = SDL_GetPerformanceCounter();
            if (f)
                fclose(f);
            room_code_from(r, ui->code);
        }
    }
    char web[OC_PATH_MAX], err[OC_PATH_MAX + 160];
    oc_path_join(web, sizeof web, app->assets_dir, "web");
    RoomServerConfig cfg = {.port = app->opt.room_port > 0 ? app->opt.room_port : ROOM_DEFAULT_PORT,
                            .bind = app->opt.room_bind,
                            .code = ui->code,
                            .web_dir = web,
                            .colorblind = app->settings.colorblind,
                            .on_change = wake_big_screen};
    if (wake_event == (Uint32)-1)
        wake_event = SDL_RegisterEvents(1);
    ui->srv = room_server_start(&cfg, err, sizeof err);
    if (!ui->srv) {
        fprintf(stderr, "occlusion-coach: room: %s\n", err);
        char msg[sizeof err + 40];
        snprintf(msg, sizeof msg, "The room could not start: %s", err);
        app_toast(app, msg);
        return false;
    }
    memset(&ui->view, 0, sizeof ui->view);
    ui->dumped = 0;
    fprintf(stderr, "occlusion-coach: room on at %s (code %s)\n", room_server_url(ui->srv), ui->code);
    room_ui_poll(app);
    app_redraw(app);
    return true;
}

void room_ui_stop(App *app)
{
    if (!app->room || !app->room->srv)
        return;
    room_server_stop(app->room->srv);
    app->room->srv = NULL;
    app->room->view.on = false;
    app->room->view.version = 0;
    app_redraw(app);
}

void room_ui_shutdown(App *app)
{
    if (!app->room)
        return;
    room_ui_stop(app);
    if (app->room->qr)
        SDL_DestroyTexture(app->room->qr);
    free(app->room);
    app->room = NULL;
}

static void dump_view(struct RoomUi *ui)
{
    const RoomView *v = &ui->view;
    cJSON *doc = cJSON_CreateObject();
    if (!doc)
        return;
    cJSON_AddNumberToObject(doc, "version", (double)v->version);
    cJSON_AddStringToObject(doc, "code", v->code);
    cJSON_AddStringToObject(doc, "url", v->url);
    cJSON_AddNumberToObject(doc, "people", v->people);
    cJSON_AddBoolToObject(doc, "asking", v->asking);
    cJSON_AddBoolToObject(doc, "revealed", v->revealed);
    cJSON_AddNumberToObject(doc, "seq", v->seq);
    cJSON_AddNumberToObject(doc, "answered", v->tally.answered);
    cJSON_AddNumberToObject(doc, "correct", v->tally.correct);
    cJSON *opts = cJSON_AddArrayToObject(doc, "by_option");
    for (int i = 0; i < AC_MAX_OPTIONS; i++)
        cJSON_AddItemToArray(opts, cJSON_CreateNumber(v->tally.by_option[i]));
    cJSON *board = cJSON_AddArrayToObject(doc, "board");
    for (int i = 0; i < v->nboard; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "name", v->board[i].name);
        cJSON_AddNumberToObject(o, "points", v->board[i].points);
        cJSON_AddItemToArray(board, o);
    }
    cJSON_AddNumberToObject(doc, "refused", (double)v->refused);
    char *text = cJSON_Print(doc);
    cJSON_Delete(doc);
    if (text) {
        char err[200];
        oc_write_file_atomic(ui->dump_path, text, strlen(text), err, sizeof err);
        free(text);
    }
}

/* Copy what changed from the core; redraw asks for a frame (not wanted while drawing one). */
static bool poll_view(App *app, bool redraw);

bool room_ui_poll(App *app)
{
    return poll_view(app, true);
}

static bool poll_view(App *app, bool redraw)
{
    struct RoomUi *ui = app->room;
    if (!ui || !ui->srv)
        return false;
    RoomView *v = &ui->view;
    Room *r = room_server_lock(ui->srv);
    room_set_colorblind(r, app->settings.colorblind); /* the phones follow the big screen's palette */
    bool changed = r->version != v->version;
    if (changed) {
        v->on = true;
        v->version = r->version;
        oc_strlcpy(v->code, r->code, sizeof v->code);
        v->people = room_people(r);
        v->asking = r->asking;
        v->revealed = r->revealed;
        v->seq = r->seq;
        v->tally = r->tally;
        v->nboard = room_leaderboard(r, v->board, (int)OC_ARRAY_LEN(v->board));
        v->refused = r->refused;
    }
    room_server_unlock(ui->srv);
    if (changed) {
        oc_strlcpy(v->url, room_server_url(ui->srv), sizeof v->url);
        oc_strlcpy(v->address, room_server_address(ui->srv), sizeof v->address);
        if (redraw)
            app_redraw(app);
    }
    return changed;
}

/* ---------------- drawing ---------------- */

/* A name as the big screen can draw it: characters outside the Basic Multilingual Plane (emoji), emoji
 * variation selectors and joiners are left out (the font has no glyphs for them); the phones show the
 * name as typed. */
static void screen_name(const char *in, char *out, size_t cap)
{
    size_t o = 0;
    const unsigned char *s = (const unsigned char *)in;
    while (*s && o + 4 < cap) {
        size_t n = *s < 0x80 ? 1 : *s < 0xe0 ? 2 : *s < 0xf0 ? 3 : 4;
        bool skip = n == 4 || (n == 3 && s[0] == 0xef && s[1] == 0xb8 && s[2] == 0x8f) || /* U+FE0F */
                    (n == 3 && s[0] == 0xe2 && s[1] == 0x80 && s[2] == 0x8d);               /* U+200D */
        for (size_t k = 0; k < n; k++) {
            if (!s[k]) {
                n = k;
                skip = true;
                break;
            }
            if (!skip)
                out[o++] = (char)s[k];
        }
        s += n ? n : 1;
    }
    while (o > 0 && out[o - 1] == ' ')
        o--;
    out[o] = '\0';
    if (!o)
        snprintf(out, cap, "?");
}

static SDL_Texture *qr_texture(App *app, struct RoomUi *ui)
{
    if (ui->qr && strcmp(ui->qr_url, ui->view.url) == 0)
        return ui->qr;
    if (ui->qr)
        SDL_DestroyTexture(ui->qr);
    ui->qr = NULL;
    /* the code rides along in the QR link, so a scan lands on a filled-in form */
    char link[128];
    snprintf(link, sizeof link, "%s?code=%s", ui->view.url, ui->view.code);
    QRcode *code = QRcode_encodeString(link, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!code)
        return NULL;
    int quiet = 4, n = code->width + 2 * quiet; /* the quiet zone the QR standard asks for */
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, n, n, 32, SDL_PIXELFORMAT_RGBA32);
    if (s) {
        SDL_FillRect(s, NULL, SDL_MapRGBA(s->format, 255, 255, 255, 255));
        Uint32 black = SDL_MapRGBA(s->format, 0, 0, 0, 255);
        for (int y = 0; y < code->width; y++)
            for (int x = 0; x < code->width; x++)
                if (code->data[y * code->width + x] & 1) {
                    SDL_Rect px = {x + quiet, y + quiet, 1, 1};
                    SDL_FillRect(s, &px, black);
                }
        ui->qr = SDL_CreateTextureFromSurface(app->ren, s);
        if (ui->qr)
            SDL_SetTextureScaleMode(ui->qr, SDL_ScaleModeNearest);
        SDL_FreeSurface(s);
        ui->qr_modules = n;
        oc_strlcpy(ui->qr_url, ui->view.url, sizeof ui->qr_url);
    }
    QRcode_free(code);
    return ui->qr;
}

static void maybe_dump(struct RoomUi *ui)
{
    if (ui->dump_path && ui->view.version != ui->dumped) {
        ui->dumped = ui->view.version;
        dump_view(ui);
    }
}

void room_ui_draw_join(App *app, LRect box)
{
    poll_view(app, false); /* the frame a phone's change woke shows it, update step or not */
    struct RoomUi *ui = app->room;
    if (!ui || !ui->srv)
        return;
    const Palette *p = &app->pal;
    const RoomView *v = &ui->view;
    gfx_round_rect(app, box, 18, p->panel);
    /* the address on top, full width; below it the QR code and, beside it, the code and the head count */
    float pad = 18, x = box.x + pad, w = box.w - 2 * pad, y = box.y + pad;
    gfx_text(app, FONT_BOLD, 24, x, y, ALIGN_LEFT, p->text_dim, "Join on your phone");
    y += 32;
    char addr[80];
    ui_text_fit(app, FONT_BOLD, 34, w, v->address, addr, sizeof addr);
    gfx_text(app, FONT_BOLD, 34, x, y, ALIGN_LEFT, p->text, addr);
    y += 50;
    float qs = fminf(box.y + box.h - pad - y, w * 0.55f);
    /* whole physical pixels per module keep the code sharp for a phone camera */
    SDL_Texture *qr = qr_texture(app, ui);
    if (qr && ui->qr_modules > 0 && qs > 0) {
        float px = qs * app->frame.scale;
        int per = (int)(px / (float)ui->qr_modules);
        if (per >= 1)
            qs = (float)(per * ui->qr_modules) / app->frame.scale;
        gfx_image(app, qr, (LRect){x, y, qs, qs}, gfx_rgba(255, 255, 255, 255));
    }
    float tx = x + qs + 22;
    gfx_text(app, FONT_REGULAR, 24, tx, y, ALIGN_LEFT, p->text_dim, "Room code");
    gfx_text(app, FONT_BOLD, 72, tx, y + 28, ALIGN_LEFT, p->focus, v->code);
    char line[64];
    snprintf(line, sizeof line, v->people == 1 ? "%d person in" : "%d people in", v->people);
    gfx_text(app, FONT_REGULAR, 28, tx, y + 120, ALIGN_LEFT, p->text, line);
    maybe_dump(ui);
}

void room_ui_draw_join_compact(App *app, LRect box)
{
    poll_view(app, false); /* the frame a phone's change woke shows it, update step or not */
    struct RoomUi *ui = app->room;
    if (!ui || !ui->srv)
        return;
    const Palette *p = &app->pal;
    const RoomView *v = &ui->view;
    gfx_round_rect(app, box, 18, p->panel);
    float k = box.h / 176.0f; /* text sizes follow the strip's height */
    float pad = 12 * k, qs = box.h - 2 * pad;
    SDL_Texture *qr = qr_texture(app, ui);
    if (qr && ui->qr_modules > 0) {
        /* whole pixels per module when there are enough of them; else the full size, scaled */
        int per = (int)(qs * app->frame.scale / (float)ui->qr_modules);
        if (per >= 3)
            qs = (float)(per * ui->qr_modules) / app->frame.scale;
        gfx_image(app, qr, (LRect){box.x + pad, box.y + (box.h - qs) / 2, qs, qs}, gfx_rgba(255, 255, 255, 255));
    }
    float x = box.x + pad + qs + 20 * k, w = box.x + box.w - pad - x, y = box.y + pad + 2 * k;
    char line[96];
    ui_text_fit(app, FONT_BOLD, 30 * k, w, v->address, line, sizeof line);
    gfx_text(app, FONT_REGULAR, 22 * k, x, y, ALIGN_LEFT, p->text_dim, "Join on your phone");
    gfx_text(app, FONT_BOLD, 30 * k, x, y + 28 * k, ALIGN_LEFT, p->text, line);
    float cw = gfx_text(app, FONT_BOLD, 56 * k, x, y + 70 * k, ALIGN_LEFT, p->focus, v->code);
    snprintf(line, sizeof line, v->people == 1 ? "%d person in" : "%d people in", v->people);
    gfx_text(app, FONT_REGULAR, 28 * k, x + cw + 24 * k, y + 92 * k, ALIGN_LEFT, p->text, line);
    maybe_dump(ui);
}

void room_ui_draw_quiz(App *app, LRect box, const Question *q, const int *perm)
{
    poll_view(app, false); /* the frame a phone's change woke shows it, update step or not */
    struct RoomUi *ui = app->room;
    if (!ui || !ui->srv)
        return;
    const Palette *p = &app->pal;
    const RoomView *v = &ui->view;
    const RoomTally *t = &v->tally;
    gfx_round_rect(app, box, 18, p->panel);
    float pad = 20, x = box.x + pad, w = box.w - 2 * pad, y = box.y + pad;
    char line[160];
    if (!v->asking && !v->revealed) {
        /* between questions (or after the level): only the leaderboard */
    } else if (v->asking) {
        int of = t->people;
        snprintf(line, sizeof line, "%d of %d answered", t->answered, of);
        gfx_text(app, FONT_BOLD, 40, x, y, ALIGN_LEFT, p->text, line);
        y += 56;
        float frac = of > 0 ? (float)t->answered / (float)of : 0.0f;
        gfx_round_rect(app, (LRect){x, y, w, 18}, 9, p->panel_hi);
        if (frac > 0)
            gfx_round_rect(app, (LRect){x, y, w * frac, 18}, 9, p->accent2);
        y += 36;
    } else {
        snprintf(line, sizeof line, "%d answered \xC2\xB7 %d right", t->answered, t->correct);
        gfx_text(app, FONT_BOLD, 36, x, y, ALIGN_LEFT, p->text, line);
        y += 52;
        bool choice = q && (q->kind == Q_CHOICE || q->kind == Q_SCENARIO || q->kind == Q_TRUEFALSE);
        if (choice) {
            int n = q->kind == Q_TRUEFALSE ? 2 : q->noptions, most = 1;
            for (int i = 0; i < n; i++)
                if (t->by_option[i] > most)
                    most = t->by_option[i];
            for (int s = 0; s < n; s++) {
                int i = perm ? perm[s] : s; /* true/false too: its order varies by question */
                if (q->kind == Q_TRUEFALSE)
                    i = i ? 1 : 0;
                bool right = i == q->answer;
                char label[48];
                if (q->kind == Q_TRUEFALSE)
                    snprintf(label, sizeof label, "%s", i ? "True" : "False");
                else
                    snprintf(label, sizeof label, "%c", 'A' + s);
                gfx_text(app, FONT_BOLD, 28, x, y, ALIGN_LEFT, right ? p->good : p->text_dim, label);
                float bx = x + 80, bw = w - 80 - 60;
                gfx_round_rect(app, (LRect){bx, y + 4, bw, 26}, 8, p->panel_hi);
                float fw = bw * (float)t->by_option[i] / (float)most;
                if (t->by_option[i] > 0)
                    gfx_round_rect(app, (LRect){bx, y + 4, fw, 26}, 8, right ? p->good : p->accent2);
                snprintf(label, sizeof label, "%d", t->by_option[i]);
                gfx_text(app, FONT_BOLD, 28, x + w, y, ALIGN_RIGHT, p->text, label);
                y += 40;
            }
        } else if (q && q->kind == Q_TIGHTNESS) {
            int most = 1;
            for (int i = 0; i <= 10; i++)
                if (t->by_value[i] > most)
                    most = t->by_value[i];
            float bw = w / 11.0f, hmax = 90;
            for (int i = 0; i <= 10; i++) {
                bool ok = i >= q->accept_lo && i <= q->accept_hi;
                float h = hmax * (float)t->by_value[i] / (float)most;
                if (t->by_value[i] > 0)
                    gfx_rect(app, (LRect){x + i * bw + 3, y + hmax - h, bw - 6, h}, ok ? p->good : p->accent2);
                char d[8];
                snprintf(d, sizeof d, "%d", i);
                gfx_text(app, FONT_REGULAR, 22, x + i * bw + bw / 2, y + hmax + 4, ALIGN_CENTER, p->text_dim, d);
            }
            y += hmax + 40;
        } else if (q && q->kind == Q_PLACEMENT) {
            snprintf(line, sizeof line, "%d tapped the body \xC2\xB7 %d chose \"can't be wrapped\"", t->npoints,
                     t->nowhere);
            y += gfx_text_wrapped(app, FONT_REGULAR, 26, x, y, w, p->text_dim, line) + 12;
        }
    }
    /* the running leaderboard */
    if (v->nboard > 0 && y + 80 < box.y + box.h) {
        gfx_text(app, FONT_BOLD, 26, x, y, ALIGN_LEFT, p->text_dim, "Leaderboard");
        y += 36;
        for (int i = 0; i < v->nboard && y + 34 <= box.y + box.h - pad; i++) {
            snprintf(line, sizeof line, "%d.", i + 1);
            gfx_text(app, FONT_BOLD, 28, x, y, ALIGN_LEFT, i == 0 ? p->focus : p->text_dim, line);
            snprintf(line, sizeof line, "%d", v->board[i].points);
            float pw = gfx_text(app, FONT_BOLD, 28, x + w, y, ALIGN_RIGHT, p->text, line);
            char shown[ROOM_NAME_MAX + 4], name[128];
            screen_name(v->board[i].name, shown, sizeof shown);
            ui_text_fit(app, FONT_REGULAR, 28, w - 48 - pw - 16, shown, name, sizeof name);
            gfx_text(app, FONT_REGULAR, 28, x + 48, y, ALIGN_LEFT, p->text, name);
            y += 36;
        }
    }
    maybe_dump(ui);
}
