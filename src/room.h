/* The room: phones in the same room answer the classroom quiz and count reps for the Session's lanes,
 * through a small HTTP server in the game (game/room/). This is its core: pure C11, no sockets, no clock
 * and no SDL. The server glue reads each request (bounded), hands it here with the time and the client's
 * address, and sends back what this decides. Everything a phone may do goes through room_handle(), so
 * the rules are tested and fuzzed without a network.
 *
 * Security rules kept here:
 * - nothing joins without the 4-digit room code; each participant gets a random 128-bit token (SipHash
 *   of a counter under a secret key the front end seeds from the OS), and every other request must carry
 *   a valid one (compared in constant time);
 * - per-client rate limits (token buckets keyed by client address, and by participant once joined);
 * - only the page's own routes exist: a fixed list of files from assets/web/, and the /api/ calls;
 * - only answers and reps (taps, stop requests) are taken from phones; names are checked UTF-8 text. */
#ifndef OC_ROOM_H
#define OC_ROOM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "academy.h"

#define ROOM_CODE_LEN 4
#define ROOM_TOKEN_LEN 32       /* hex characters (128 bits) */
#define ROOM_NAME_MAX 40        /* bytes with the NUL, like the store's student names */
#define ROOM_MAX_PEOPLE 64
#define ROOM_MAX_LANES 12
#define ROOM_MAX_BODY 2048      /* request bodies above this are refused (413) */
#define ROOM_MAX_PATH 256       /* request targets above this are refused (414) */
#define ROOM_MAX_COMMANDS 256
#define ROOM_RESP_MAX 16384     /* JSON answers and state documents */
#define ROOM_RATE_CLIENTS 128   /* client addresses tracked for rate limits */

/* Rate limits: a bucket of `burst` requests refilled at `per_second`. */
#define ROOM_RATE_ADDR_BURST 80.0   /* per address (a classroom behind one NAT still fits) */
#define ROOM_RATE_ADDR_PER_S 40.0
#define ROOM_RATE_PERSON_BURST 12.0 /* per participant */
#define ROOM_RATE_PERSON_PER_S 6.0

typedef enum RoomMode { ROOM_MODE_QUIZ, ROOM_MODE_SESSION } RoomMode;

typedef enum RoomStopReason { ROOM_STOP_PAIN, ROOM_STOP_NUMBNESS, ROOM_STOP_DIZZINESS, ROOM_STOP_OTHER } RoomStopReason;

typedef enum RoomCommandKind { ROOM_CMD_TAP, ROOM_CMD_STOP } RoomCommandKind;

/* What a phone asked the big screen to do for a lane; the front end applies it to the Session engine. */
typedef struct RoomCommand {
    RoomCommandKind kind;
    int lane;
    RoomStopReason reason;
} RoomCommand;

typedef struct RoomLaneStatus {
    char name[ROOM_NAME_MAX];
    int reps_target; /* 0 = to failure */
    int reps_done;
    int set_index, sets; /* 1-based set, total sets */
    char phase[64];      /* what the lane is told now, in the big screen's words ("Lift", "Rest, wrap on") */
    double seconds_left; /* in the current phase, -1 when none */
    bool stopped;
    char message[120];   /* e.g. "Remove the wrap now" */
} RoomLaneStatus;

typedef struct RoomPerson {
    bool used;
    char name[ROOM_NAME_MAX];
    char token[ROOM_TOKEN_LEN + 1];
    int lane;            /* session: the lane held, else -1 */
    int points;          /* running total for the leaderboard (every question while in the room) */
    int level_earned;    /* this level */
    int level_answered;
    Verdict level_verdicts[AC_MAX_QUESTIONS]; /* this level, by question: what the Academy marks with */
    int answered_seq;    /* seq of the last question answered (counts once) */
    int last_choice;     /* the last answer's option, for the phone to show */
    bool last_correct;
    int last_points;
    double joined_at;
    double rate_tokens, rate_time;
} RoomPerson;

typedef struct RoomRate {
    uint64_t key;
    double tokens, time, seen;
    int fails;           /* wrong room codes in a row */
    double locked_until; /* joins refused until then */
} RoomRate;

typedef struct RoomTally {
    int people;      /* students in the room */
    int answered;    /* of them, answered this question */
    int correct;
    int by_option[AC_MAX_OPTIONS]; /* choice, scenario, true/false: answers per option index */
    int by_value[11];              /* tightness 0..10 */
    int nowhere;                   /* placement: "it can't be wrapped" */
    int npoints;                   /* placement: where they tapped (figure coordinates) */
    float px[ROOM_MAX_PEOPLE], py[ROOM_MAX_PEOPLE];
    FigureView pview[ROOM_MAX_PEOPLE];
    bool pright[ROOM_MAX_PEOPLE];
} RoomTally;

typedef struct RoomRank {
    char name[ROOM_NAME_MAX];
    int points, answered, person;
} RoomRank;

typedef struct Room {
    char code[ROOM_CODE_LEN + 1];
    uint64_t key[4];     /* SipHash keys for tokens */
    uint64_t minted;     /* tokens handed out */
    uint64_t version;    /* bumped on every change a phone or the big screen shows */
    bool colorblind;
    RoomMode mode;
    double now;          /* the latest time seen (from requests or the front end) */

    RoomPerson people[ROOM_MAX_PEOPLE];
    int npeople;         /* slots in use (never shrinks; left people keep their slot unused) */

    /* quiz */
    char level_title[AC_TITLE_MAX];
    int level_questions, level_total_points;
    bool asking;         /* a question is open for answers */
    bool revealed;       /* its answer is on the big screen */
    int seq;             /* question serial: answers name it, so a late answer can't land on the next */
    int qnum;            /* 1-based number in the level */
    Question q;
    int perm[AC_MAX_OPTIONS];
    int order_shown[AC_MAX_STEPS];
    double closes_at;
    RoomTally tally;

    /* session */
    int nlanes;
    RoomLaneStatus lanes[ROOM_MAX_LANES];
    RoomCommand cmds[ROOM_MAX_COMMANDS];
    int ncmds;
    long dropped_cmds;

    RoomRate rates[ROOM_RATE_CLIENTS];
    long refused;        /* requests refused, any reason */
} Room;

/* ---- setting up ---- */

/* True for exactly four ASCII digits. */
bool room_code_valid(const char *code);
/* A code from a random number (0000-9999). */
void room_code_from(uint64_t random, char out[ROOM_CODE_LEN + 1]);
/* `seed` is 32 bytes from the OS's random source; the code must be valid (else -1). */
int room_init(Room *r, const char *code, const uint8_t seed[32], char *err, size_t errlen);
/* Forget everyone (the room was switched off and on again keeps its code but issues new tokens). */
void room_reset_people(Room *r);

/* ---- requests ---- */

typedef struct RoomRequest {
    const char *method;  /* "GET", "POST"... */
    const char *path;    /* the target without the query */
    const char *query;   /* after '?', or NULL */
    const char *token;   /* the X-Room-Token header, or NULL */
    const char *body;    /* not NUL-terminated */
    size_t body_len;
    uint64_t client;     /* the client's address (IPv4 as a number, or a hash) */
    double now;          /* seconds, monotonic */
} RoomRequest;

typedef enum RoomReply {
    ROOM_REPLY_JSON,   /* body holds JSON (errors too: {"error":"..."}) */
    ROOM_REPLY_ASSET,  /* serve assets/web/<asset> with content_type */
    ROOM_REPLY_EVENTS, /* start a Server-Sent Events stream for `person` */
} RoomReply;

typedef struct RoomResponse {
    int status;
    RoomReply kind;
    const char *asset;        /* a name from the fixed list */
    const char *content_type;
    int person;               /* events: whose view */
    char body[ROOM_RESP_MAX];
    size_t len;
} RoomResponse;

/* Decide one request. Never reads past body_len; every refusal has a status and a one-line reason. */
void room_handle(Room *r, const RoomRequest *req, RoomResponse *out);
/* The state document a participant's phone shows (also sent on each SSE event). Returns its length. */
size_t room_state_json(Room *r, int person, double now, char *buf, size_t cap);
/* The files the page may fetch: NULL-terminated pairs of URL path and asset file name. */
extern const char *const room_assets[][3];

/* ---- the big screen drives the quiz ---- */

void room_set_colorblind(Room *r, bool on);
void room_set_mode(Room *r, RoomMode mode);
/* A level starts: per-level scores reset (the running leaderboard keeps its points). */
void room_quiz_level(Room *r, const Level *lv);
/* Open question `index` of that level for answers until now + seconds. perm: display slot -> option
 * (choice kinds); shown: the ordering steps' first order. */
void room_quiz_ask(Room *r, const Question *q, int index, const int *perm, const int *shown, double now,
                   double seconds);
/* Close the question: no more answers; phones are shown the right answer and their own result. */
void room_quiz_reveal(Room *r);
/* One person's level as the Academy scores it (unanswered questions count as wrong, so a required
 * question left unanswered keeps the level from passing): percent and stars as for a player. */
void room_person_result(const Room *r, int person, const Level *lv, int *earned, int *percent, int *stars);
/* The level is over: phones wait for the next one. */
void room_quiz_end(Room *r);
/* Students in the room now. */
int room_people(const Room *r);
/* Leaderboard, best first (ties by name); returns the count. */
int room_leaderboard(const Room *r, RoomRank *out, int max);

/* ---- the big screen runs lanes ---- */

/* How many lanes there are and who is in each (names may be empty). */
void room_lanes(Room *r, int n, const char *const *names);
void room_lane_status(Room *r, int lane, const RoomLaneStatus *st);
/* Take the oldest command phones sent (taps and stops, in arrival order); false when none. */
bool room_take_command(Room *r, RoomCommand *out);
const char *room_stop_reason_id(RoomStopReason why);

/* ---- helpers exposed for tests ---- */

/* SipHash-2-4 of `len` bytes under a 128-bit key. */
uint64_t room_siphash(const uint64_t key[2], const void *data, size_t len);
/* Trim and check a display name: 1..39 bytes of valid UTF-8, no control characters. */
int room_name_clean(const char *in, size_t len, char out[ROOM_NAME_MAX], char *err, size_t errlen);

#endif
