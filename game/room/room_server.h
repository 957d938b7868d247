/* The room's HTTP server (libmicrohttpd): serves assets/web/ and the /api/ calls decided by the core
 * (src/room.h), with Server-Sent Events for live updates. It listens only between room_server_start and
 * room_server_stop. The core is shared with the big screen behind one mutex: lock, read or change, unlock.
 * No SDL here, so the benchmark and tests can run it without a window. */
#ifndef OC_ROOM_SERVER_H
#define OC_ROOM_SERVER_H

#include <stdbool.h>
#include <stddef.h>

#include "room.h"

#define ROOM_DEFAULT_PORT 8787
#define ROOM_CONN_LIMIT 160     /* open connections in all */
#define ROOM_CONN_PER_IP 100    /* from one address (a phone needs 2: its event stream and a request) */
#define ROOM_STREAM_LIMIT 96    /* event streams in all */
#define ROOM_IDLE_TIMEOUT_S 5   /* a connection silent this long is closed (slowloris) */
#define ROOM_HEADER_LIMIT 8192  /* request line + headers; above this the server answers 431/413 */
#define ROOM_REQUEST_DEADLINE_S 10.0 /* a whole request (headers and body) must arrive within this */

typedef struct RoomServer RoomServer;

typedef struct RoomServerConfig {
    int port;            /* 1..65535 */
    const char *bind;    /* IPv4 address to listen on; NULL or "" = every interface (the LAN) */
    const char *code;    /* the 4-digit room code */
    const char *web_dir; /* assets/web */
    bool colorblind;
    double request_deadline_s; /* 0 = ROOM_REQUEST_DEADLINE_S (tests shorten it) */
    /* Called from a connection thread (without the lock) after a phone changed the room, so an idle
     * big screen wakes up at once instead of at its next timer. Optional. */
    void (*on_change)(void *ctx);
    void *on_change_ctx;
} RoomServerConfig;

/* Reads the page's files, then listens. NULL with a message naming the flag or file at fault. */
RoomServer *room_server_start(const RoomServerConfig *cfg, char *err, size_t errlen);
/* Stops listening, ends every event stream and frees everything. NULL is fine. */
void room_server_stop(RoomServer *s);

/* The core, under the lock. Every change made between lock and unlock reaches the phones on unlock. */
Room *room_server_lock(RoomServer *s);
void room_server_unlock(RoomServer *s);

/* The clock the server stamps requests with (monotonic seconds); pass it to room_quiz_ask. */
double room_server_now(void);
/* "http://192.168.1.20:8787/" : what the QR code and the big screen show. */
const char *room_server_url(const RoomServer *s);
/* host:port without the scheme, for the big screen. */
const char *room_server_address(const RoomServer *s);
const char *room_server_code(const RoomServer *s);
int room_server_port(const RoomServer *s);
/* Requests answered and refused so far, open event streams, and connections cut off at the request
 * deadline (slowloris), for the panel and tests. Any pointer may be NULL. */
void room_server_counts(RoomServer *s, long *served, long *refused, int *streams, long *cut_off);

#endif
