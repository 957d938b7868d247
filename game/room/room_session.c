/* The group Session and the room. See room_session.h. */
#include "room_session.h"

#include <stdio.h>
#include <string.h>

#include "room_ui.h"

SessionStopReason room_session_reason(RoomStopReason why)
{
    switch (why) {
    case ROOM_STOP_PAIN:
        return SESSION_STOP_PAIN;
    case ROOM_STOP_NUMBNESS:
        return SESSION_STOP_NUMBNESS;
    case ROOM_STOP_DIZZINESS:
        return SESSION_STOP_DIZZINESS;
    default:
        return SESSION_STOP_OTHER;
    }
}

int room_session_apply(Room *r, Session *s)
{
    int n = session_lane_count(s);
    if (n > ROOM_MAX_LANES)
        n = ROOM_MAX_LANES;
    int applied = 0;
    /* the lanes as the engine names them (again when they change: a new session) */
    bool same = r->mode == ROOM_MODE_SESSION && r->nlanes == n;
    for (int l = 0; same && l < n; l++) {
        const char *name = session_lane_name(s, l);
        same = strncmp(r->lanes[l].name, name ? name : "", ROOM_NAME_MAX - 1) == 0;
    }
    if (!same) {
        const char *names[ROOM_MAX_LANES];
        for (int l = 0; l < n; l++)
            names[l] = session_lane_name(s, l);
        room_lanes(r, n, names);
    }
    RoomCommand c;
    while (room_take_command(r, &c)) {
        if (c.lane < 0 || c.lane >= n)
            continue;
        if (c.kind == ROOM_CMD_TAP) {
            applied += session_tap(s, c.lane); /* counts only while that lane's set runs */
        } else {
            session_stop_lane(s, c.lane, room_session_reason(c.reason));
            applied++;
        }
    }
    for (int l = 0; l < n; l++) {
        RoomLaneStatus st;
        memset(&st, 0, sizeof st);
        const char *name = session_lane_name(s, l);
        snprintf(st.name, sizeof st.name, "%s", name ? name : "");
        st.reps_target = session_lane_rep_target(s, l);
        st.reps_done = session_lane_reps(s, l);
        st.set_index = session_set_index(s) + 1;
        st.sets = session_set_count(s);
        st.seconds_left = session_lane_seconds_left(s, l);
        st.stopped = session_lane_status(s, l) == LANE_STOPPED;
        /* the phone shows what the lane is told to do now, in the big screen's words */
        snprintf(st.phase, sizeof st.phase, "%s", session_instruction_text(session_lane_instruction(s, l)));
        if (st.stopped)
            snprintf(st.message, sizeof st.message, "Remove the wrap now (%s)",
                     session_stop_reason_text(session_lane_stop_reason(s, l)));
        room_lane_status(r, l, &st);
    }
    return applied;
}

int room_session_sync(App *app, Session *s)
{
    RoomServer *srv = room_ui_server(app);
    if (!srv || !s)
        return 0;
    Room *r = room_server_lock(srv);
    int applied = room_session_apply(r, s);
    room_server_unlock(srv);
    if (applied)
        app_redraw(app);
    room_ui_poll(app);
    return applied;
}
