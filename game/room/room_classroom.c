/* The classroom quiz and the room. See room_classroom.h. */
#include "room_classroom.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "academy_ui.h"
#include "gfx.h"
#include "oc_util.h"
#include "room_ui.h"

#define SAVE_MAX_STUDENTS 512

void room_classroom_init(RoomClassroom *rc)
{
    memset(rc, 0, sizeof *rc);
    rc->level = -1;
}

bool room_classroom_all_answered(App *app)
{
    const RoomView *v = room_ui_view(app);
    return v->on && v->asking && v->tally.people > 0 && v->tally.answered >= v->tally.people;
}

static int64_t student_id(Store *store, const char *name, Student *all, int n, char *err, size_t errlen)
{
    for (int i = 0; i < n; i++)
        if (strcasecmp(all[i].name, name) == 0)
            return all[i].id;
    int64_t id = 0;
    if (store_add_student(store, name, &id, err, errlen) != 0)
        return -1;
    return id;
}

int room_classroom_save(App *app, const Level *lv, Store *store, char *msg, size_t msglen)
{
    RoomServer *srv = room_ui_server(app);
    if (!srv) {
        snprintf(msg, msglen, "The room is off: nothing to save.");
        return 0;
    }
    /* copy the results out under the lock; the database is written without holding it */
    typedef struct {
        char name[ROOM_NAME_MAX];
        int earned, percent, stars;
    } Result;
    Result res[ROOM_MAX_PEOPLE];
    int n = 0;
    Room *r = room_server_lock(srv);
    for (int i = 0; i < r->npeople; i++) {
        const RoomPerson *p = &r->people[i];
        if (p->used && p->lane < 0 && p->level_answered > 0) {
            memcpy(res[n].name, p->name, sizeof res[n].name);
            room_person_result(r, i, lv, &res[n].earned, &res[n].percent, &res[n].stars);
            n++;
        }
    }
    room_server_unlock(srv);
    if (n == 0) {
        snprintf(msg, msglen, "No phone answered, so nothing was saved.");
        return 0;
    }
    if (!store) {
        snprintf(msg, msglen, "%d students answered, but scores are not being saved (no database).", n);
        return 0;
    }
    Student *all = calloc(SAVE_MAX_STUDENTS, sizeof *all);
    int have = all ? store_students(store, all, SAVE_MAX_STUDENTS) : -1;
    if (have < 0)
        have = 0;
    int total = level_total_points(lv), saved = 0;
    char err[200] = "", first_err[300] = "";
    for (int i = 0; i < n; i++) {
        int64_t id = student_id(store, res[i].name, all, have, err, sizeof err);
        if (id < 0 || store_record_attempt(store, id, lv->id, res[i].earned, total, res[i].percent, res[i].stars,
                                           err, sizeof err) != 0) {
            if (!first_err[0])
                snprintf(first_err, sizeof first_err, "%.39s: %.200s", res[i].name, err);
            continue;
        }
        saved++;
    }
    free(all);
    if (saved == n)
        snprintf(msg, msglen, "Saved %d students' results as Academy attempts.", saved);
    else
        snprintf(msg, msglen, "Saved %d of %d students' results; not saved: %s", saved, n, first_err);
    return saved;
}

void room_classroom_sync(App *app, RoomClassroom *rc, const Level *lv, int level, int index, int phase,
                         const int *perm, const int *order, double seconds_left, Store *store)
{
    RoomServer *srv = room_ui_server(app);
    if (!srv)
        return;
    if (phase == 2) {
        if (!rc->saved) {
            rc->saved = true;
            room_classroom_save(app, lv, store, rc->saved_msg, sizeof rc->saved_msg);
            app_toast(app, rc->saved_msg);
            Room *r = room_server_lock(srv);
            room_quiz_end(r); /* phones wait for the next level */
            room_server_unlock(srv);
        }
        room_ui_poll(app);
        return;
    }
    if (rc->level != level || rc->saved || index + 1 < rc->asked) {
        /* a new level, or the same one again (Retry): per-level scores start over */
        Room *r = room_server_lock(srv);
        room_quiz_level(r, lv);
        room_server_unlock(srv);
        rc->level = level;
        rc->asked = 0;
        rc->saved = false;
        rc->saved_msg[0] = '\0';
    }
    if (phase == 0 && rc->asked != index + 1) {
        Room *r = room_server_lock(srv);
        room_quiz_ask(r, &lv->questions[index], index, perm, order, room_server_now(),
                      seconds_left > 0 ? seconds_left : 0);
        room_server_unlock(srv);
        rc->asked = index + 1;
        rc->revealed = false;
    } else if (phase == 1 && rc->asked == index + 1 && !rc->revealed) {
        Room *r = room_server_lock(srv);
        room_quiz_reveal(r);
        room_server_unlock(srv);
        rc->revealed = true;
    }
    room_ui_poll(app);
}

void room_classroom_leave(App *app)
{
    RoomServer *srv = room_ui_server(app);
    if (!srv)
        return;
    Room *r = room_server_lock(srv);
    room_quiz_end(r);
    room_server_unlock(srv);
}

void room_classroom_draw(App *app, const RoomClassroom *rc, const Question *q, const int *perm, int phase,
                         FigureView view)
{
    if (!room_ui_on(app))
        return;
    const RoomView *v = room_ui_view(app);
    const Palette *p = &app->pal;
    float x = app->frame.lw - ROOM_PANEL_W + 10, w = ROOM_PANEL_W - 50;
    LRect join = {x, 140, w, 330};
    room_ui_draw_join(app, join);
    LRect rest = {x, join.y + join.h + 16, w, 1040 - (join.y + join.h + 16)};
    if (phase == 2) {
        gfx_round_rect(app, rest, 18, p->panel);
        gfx_text_wrapped(app, FONT_REGULAR, 26, rest.x + 20, rest.y + 20, rest.w - 40, p->text_dim,
                         rc->saved_msg[0] ? rc->saved_msg : "Results");
        room_ui_draw_quiz(app, (LRect){rest.x, rest.y + 110, rest.w, rest.h - 110}, NULL, NULL);
        return;
    }
    room_ui_draw_quiz(app, rest, q, perm);
    /* where the phones put the band, once the answer is shown */
    if (q && q->kind == Q_PLACEMENT && v->revealed) {
        const RoomTally *t = &v->tally;
        for (int i = 0; i < t->npoints; i++) {
            if (t->pview[i] != view)
                continue;
            float lx, ly;
            quiz_figure_point(t->px[i], t->py[i], &lx, &ly);
            SDL_Color c = t->pright[i] ? p->good : p->bad;
            gfx_ellipse(app, lx, ly, 11, 11, c, c);
            gfx_round_outline(app, (LRect){lx - 12, ly - 12, 24, 24}, 12, 2, p->text);
        }
    }
}
