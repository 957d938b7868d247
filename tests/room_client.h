/* A tiny HTTP/1.1 client for the room's tests and benchmark: loopback only, bounded in time and size. */
#ifndef OC_ROOM_CLIENT_H
#define OC_ROOM_CLIENT_H

#include <stdbool.h>
#include <stddef.h>

/* Connect to 127.0.0.1:port; -1 if refused. The socket has a receive timeout of timeout_ms. */
int rc_connect(int port, int timeout_ms);
/* Send all of buf; false on error. */
bool rc_send(int fd, const char *buf, size_t len);
/* Read one response (headers + Content-Length body, or until close); returns the status, 0 when the
 * server closed without answering, -1 on timeout. body gets the body (NUL-terminated, cut to cap). */
int rc_read_response(int fd, char *head, size_t head_cap, char *body, size_t cap);
/* One request on a fresh connection: method, path, optional token header and JSON body. */
int rc_request(int port, const char *method, const char *path, const char *token, const char *json, char *body,
               size_t cap);
/* Join with code and name (any bytes: it is escaped as a JSON string here); returns the status and copies the token (33 bytes) on success. */
int rc_join(int port, const char *code, const char *name, char *token);
/* Open an event stream for token; returns the socket (headers read) or -1. */
int rc_events(int port, const char *token, int timeout_ms);
/* Read the next "data: ..." event into buf; false on timeout or close. */
bool rc_next_event(int fd, char *buf, size_t cap);
/* Seconds, monotonic. */
double rc_now(void);
/* True if 127.0.0.1:port accepts a connection right now. */
bool rc_port_open(int port);

#endif
