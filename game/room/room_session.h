/* The group Session and the room: each athlete's phone holds a lane; a tap counts a rep through
 * session_tap() and a stop button stops that lane through session_stop_lane(), the same engine rules as
 * the trainer's keys; each lane's target, reps, countdown and instruction go back to its phone. The
 * Session scene calls room_session_sync() once per frame while the room is on. */
#ifndef OC_ROOM_SESSION_H
#define OC_ROOM_SESSION_H

#include "app.h"
#include "room.h"
#include "session.h"

/* The engine's stop reason for a phone's. */
SessionStopReason room_session_reason(RoomStopReason why);

/* Apply the phones' taps and stops to the engine (in arrival order) and send each lane's state to its
 * phone; the lanes are (re)named whenever the engine's names differ. The caller holds the room's lock.
 * Returns the number of phone commands the engine took. */
int room_session_apply(Room *r, Session *s);
/* The same for the running room (locks it), then refreshes the big screen's view. */
int room_session_sync(App *app, Session *s);

#endif
