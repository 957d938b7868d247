/* The classroom quiz and the room: the quiz scene calls these so phones get each question, the big
 * screen shows the room's tally, and each student's level result is saved as an Academy attempt. */
#ifndef OC_ROOM_CLASSROOM_H
#define OC_ROOM_CLASSROOM_H

#include "academy.h"
#include "app.h"
#include "room_ui.h"
#include "store.h"

typedef struct RoomClassroom {
    int level;       /* the level the room was last told about, -1 = none */
    int asked;       /* 1-based question last opened on the phones, 0 = none */
    bool revealed;
    bool saved;      /* this run's results are stored */
    int run;         /* bumped when the level restarts */
    char saved_msg[200];
} RoomClassroom;

void room_classroom_init(RoomClassroom *rc);
/* Call from the quiz's update in classroom view. phase: 0 asking, 1 answer shown, 2 results. */
void room_classroom_sync(App *app, RoomClassroom *rc, const Level *lv, int level, int index, int phase,
                         const int *perm, const int *order, double seconds_left, Store *store);
/* True when everyone in the room has answered the open question (the countdown may end early). */
bool room_classroom_all_answered(App *app);

/* The strip on the right of the classroom view that the room's panel takes (logical units). */
#define ROOM_PANEL_W 520.0f

/* Draw the room's panel in the strip right of `lw_quiz` (the join card, then the count, the spread and
 * the leaderboard); on a revealed placement question, each phone's tap as a dot on the figure's `view`. */
void room_classroom_draw(App *app, const RoomClassroom *rc, const Question *q, const int *perm, int phase,
                         FigureView view);
/* The quiz is left: phones go back to waiting. */
void room_classroom_leave(App *app);

/* Save every student's result for the level: their name becomes (or finds) an Academy student and the
 * attempt is recorded like a player's. Returns how many were saved; msg says what happened. */
int room_classroom_save(App *app, const Level *lv, Store *store, char *msg, size_t msglen);

#endif
