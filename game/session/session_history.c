#define _POSIX_C_SOURCE 200809L
/* Writes the session to the history database as it happens: each athlete's session and screening answers
 * when the wraps go on, every set the moment it ends (one durable transaction each), and the end with its
 * status and stop reason. A failure is shown, never fatal: the session itself goes on. */
#include <stdio.h>
#include <time.h>

#include "session_ui.h"
#include "store.h"

static void fail(App *app, SessionUi *u, const char *err)
{
    if (!u->history_failed) {
        char msg[400];
        snprintf(msg, sizeof msg, "History not saved: %.370s", err); /* a toast: cut, never overflowed */
        app_toast(app, msg);
        SDL_Log("session history: %s", err);
    }
    u->history_failed = true;
    snprintf(u->history_msg, sizeof u->history_msg, "%.299s", err);
}

void session_history_begin(App *app, SessionUi *u)
{
    Store *st = app->store;
    u->started_unix = (int64_t)time(NULL);
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    u->group_id = session_lane_count(&u->eng) > 1 ? (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 : 0;
    if (!st) {
        fail(app, u, "there is no usable database in the data folder");
        return;
    }
    char err[600];
    const SessionProtocol *p = &u->eng.cfg.plan;
    for (int i = 0; i < session_lane_count(&u->eng); i++) {
        LaneHistory *h = &u->hist[i];
        const SessionLaneConfig *lc = &u->eng.lane[i].cfg;
        if (store_athlete_get_or_add(st, lc->name, &h->athlete, err, sizeof err) != 0) {
            fail(app, u, err);
            continue;
        }
        StoreSessionStart start = {
            .athlete = h->athlete,
            .protocol_id = p->id,
            .protocol_name = p->name,
            .body_part = body_part_id(lc->part),
            .load_percent = lc->load_percent,
            .tightness = session_lane_tightness(&u->eng, i),
            .pressure_mmhg = -1,
            .started_unix = u->started_unix,
            .group_id = u->group_id,
        };
        if (store_session_begin(st, &start, &h->session, err, sizeof err) != 0) {
            fail(app, u, err);
            continue;
        }
        h->begun = true;
        const Screening *scr = session_lane_screening(&u->eng, i);
        for (int k = 0; k < SCREEN_ITEM_COUNT; k++)
            if (scr->answer[k] >= 0 &&
                store_session_screening(st, h->session, screening_item_id((ScreenItem)k), scr->answer[k] == 1, err,
                                        sizeof err) != 0)
                fail(app, u, err);
        if (session_lane_status(&u->eng, i) == LANE_EXCLUDED) {
            if (store_session_end(st, h->session, STORE_SESSION_STOPPED, "screening", u->started_unix, 0, err,
                                  sizeof err) != 0)
                fail(app, u, err);
            h->ended = true;
        }
    }
}

static void end_lane(App *app, SessionUi *u, int lane, StoreSessionStatus status, const char *reason)
{
    LaneHistory *h = &u->hist[lane];
    if (!app->store || !h->begun || h->ended)
        return;
    char err[600];
    if (store_session_end(app->store, h->session, status, reason, (int64_t)time(NULL),
                          session_lane_wrap_s(&u->eng, lane), err, sizeof err) != 0)
        fail(app, u, err);
    h->ended = true;
}

void session_history_event(App *app, SessionUi *u, const SessionEvent *e)
{
    if (!app->store)
        return;
    char err[600];
    if (e->type == SEV_SET_END && e->lane >= 0 && u->hist[e->lane].begun && !u->hist[e->lane].ended) {
        SessionSetRecord r;
        session_lane_set_record(&u->eng, e->lane, e->set, &r);
        StoreSet set = {
            .index = e->set + 1,
            .reps_planned = r.reps_planned,
            .reps_done = r.reps_done,
            .started_s = (double)r.start_ms / 1000.0,
            .duration_s = (double)r.duration_ms / 1000.0,
            .wrap_time_s = (double)r.wrap_ms / 1000.0,
        };
        if (store_set_commit(app->store, u->hist[e->lane].session, &set, err, sizeof err) != 0)
            fail(app, u, err);
        else
            u->sets_committed++;
    } else if (e->type == SEV_STOP && e->lane >= 0) {
        end_lane(app, u, e->lane, STORE_SESSION_STOPPED, session_stop_reason_id((SessionStopReason)e->value));
    } else if (e->type == SEV_DONE) {
        session_history_finish(app, u);
    }
}

/* The debrief is reached, or the scene is left: every lane still open is closed. */
void session_history_finish(App *app, SessionUi *u)
{
    for (int i = 0; i < session_lane_count(&u->eng); i++) {
        LaneStatus st = session_lane_status(&u->eng, i);
        if (st == LANE_FINISHED)
            end_lane(app, u, i, STORE_SESSION_DONE, NULL);
        else if (st == LANE_STOPPED)
            end_lane(app, u, i, STORE_SESSION_STOPPED,
                     session_stop_reason_id(session_lane_stop_reason(&u->eng, i)));
        else
            end_lane(app, u, i, STORE_SESSION_STOPPED, "left");
    }
}
