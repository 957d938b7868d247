/* The room on the big screen: switching it on and off, and the panel that shows how to join (QR code,
 * short address, 4-digit code), who is in, how many have answered, the spread and the leaderboard. */
#ifndef OC_ROOM_UI_H
#define OC_ROOM_UI_H

#include "app.h"
#include "room.h"
#include "room_server.h"

/* What the big screen shows, copied from the core under the lock once per change. */
typedef struct RoomView {
    bool on;
    uint64_t version;
    char url[96], address[64], code[8];
    int people;
    bool asking, revealed;
    int seq;
    RoomTally tally;
    RoomRank board[8];
    int nboard;
    long refused;
} RoomView;

bool room_ui_on(const App *app);
/* Switch the room on with the command line's port, code and address; false (with a toast naming the
 * flag at fault) when it cannot listen. The code stays the same for the whole run of the game. */
bool room_ui_start(App *app);
/* Stop listening; phones are told the room closed (their streams end). */
void room_ui_stop(App *app);
/* The server, or NULL when the room is off. Lock it to drive the core. */
RoomServer *room_ui_server(App *app);
/* From a scene's update: a phone changed something -> redraw (and the test dump is written). Returns
 * true when something changed since the last call. */
bool room_ui_poll(App *app);
/* The latest view (valid after room_ui_poll). */
const RoomView *room_ui_view(const App *app);

/* The join card: QR code, address and code, with the count of people in. */
void room_ui_draw_join(App *app, LRect box);
/* The same in one row (QR code left, address, code and head count right) for a strip of the screen. */
void room_ui_draw_join_compact(App *app, LRect box);
/* During a question: "N of M answered"; after the reveal: the spread of answers for choice kinds
 * (labels A, B, ...) and the leaderboard. */
void room_ui_draw_quiz(App *app, LRect box, const Question *q, const int *perm);

/* Frees the UI state at shutdown (also stops the server). */
void room_ui_shutdown(App *app);

#endif
