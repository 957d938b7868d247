/* See room_client.h. */
#include "room_client.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

double rc_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int rc_connect(int port, int timeout_ms)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    struct timeval tv = {timeout_ms / 1000, (timeout_ms % 1000) * 1000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

bool rc_port_open(int port)
{
    int fd = rc_connect(port, 500);
    if (fd < 0)
        return false;
    close(fd);
    return true;
}

bool rc_send(int fd, const char *buf, size_t len)
{
    while (len) {
        ssize_t n = send(fd, buf, len, MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        buf += n;
        len -= (size_t)n;
    }
    return true;
}

int rc_read_response(int fd, char *head, size_t head_cap, char *body, size_t cap)
{
    char buf[65536];
    size_t got = 0;
    char *end = NULL;
    while (!end && got < sizeof buf - 1) {
        ssize_t n = recv(fd, buf + got, sizeof buf - 1 - got, 0);
        if (n < 0)
            return (errno == EAGAIN || errno == EWOULDBLOCK) ? -1 : 0;
        if (n == 0)
            break;
        got += (size_t)n;
        buf[got] = '\0';
        end = strstr(buf, "\r\n\r\n");
    }
    if (!end)
        return 0;
    size_t hl = (size_t)(end - buf) + 4;
    if (head) {
        size_t c = hl < head_cap ? hl : head_cap - 1;
        memcpy(head, buf, c);
        head[c] = '\0';
    }
    int status = 0;
    if (sscanf(buf, "HTTP/1.%*d %d", &status) != 1)
        return 0;
    long clen = -1;
    const char *cl = strcasestr(buf, "\r\nContent-Length:");
    if (cl && cl < end)
        clen = strtol(cl + 17, NULL, 10);
    size_t blen = got - hl;
    while (clen >= 0 && blen < (size_t)clen && hl + blen < sizeof buf - 1) {
        ssize_t n = recv(fd, buf + hl + blen, sizeof buf - 1 - hl - blen, 0);
        if (n <= 0)
            break;
        blen += (size_t)n;
    }
    if (body && cap) {
        size_t c = blen < cap ? blen : cap - 1;
        memcpy(body, buf + hl, c);
        body[c] = '\0';
    }
    return status;
}

int rc_request(int port, const char *method, const char *path, const char *token, const char *json, char *body,
               size_t cap)
{
    int fd = rc_connect(port, 3000);
    if (fd < 0)
        return -1;
    char req[4096];
    int n = snprintf(req, sizeof req,
                     "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n%s%s%s"
                     "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s",
                     method, path, token ? "X-Room-Token: " : "", token ? token : "", token ? "\r\n" : "",
                     json ? strlen(json) : 0, json ? json : "");
    int status = -1;
    if (n > 0 && (size_t)n < sizeof req && rc_send(fd, req, (size_t)n))
        status = rc_read_response(fd, NULL, 0, body, cap);
    close(fd);
    return status;
}

int rc_join(int port, const char *code, const char *name, char *token)
{
    /* the name as a JSON string: quotes, backslashes and control characters escaped */
    char esc[400];
    size_t e = 0;
    for (const unsigned char *c = (const unsigned char *)name; *c && e + 8 < sizeof esc; c++) {
        if (*c == '"' || *c == '\\')
            e += (size_t)snprintf(esc + e, sizeof esc - e, "\\%c", *c);
        else if (*c < 0x20)
            e += (size_t)snprintf(esc + e, sizeof esc - e, "\\u%04x", *c);
        else
            esc[e++] = (char)*c;
    }
    esc[e] = '\0';
    char json[512], body[2048];
    snprintf(json, sizeof json, "{\"code\":\"%s\",\"name\":\"%s\"}", code, esc);
    int st = rc_request(port, "POST", "/api/join", NULL, json, body, sizeof body);
    if (st == 200) {
        const char *t = strstr(body, "\"token\":\"");
        if (!t)
            return -1;
        memcpy(token, t + 9, 32);
        token[32] = '\0';
    }
    return st;
}

int rc_events(int port, const char *token, int timeout_ms)
{
    int fd = rc_connect(port, timeout_ms);
    if (fd < 0)
        return -1;
    char req[256];
    int n = snprintf(req, sizeof req, "GET /api/events?t=%s HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n",
                     token);
    if (!rc_send(fd, req, (size_t)n)) {
        close(fd);
        return -1;
    }
    /* read the headers byte by byte so no event is swallowed */
    char head[2048];
    size_t got = 0;
    while (got < sizeof head - 1) {
        ssize_t r = recv(fd, head + got, 1, 0);
        if (r <= 0) {
            close(fd);
            return -1;
        }
        got++;
        head[got] = '\0';
        if (got >= 4 && memcmp(head + got - 4, "\r\n\r\n", 4) == 0)
            break;
    }
    if (strncmp(head, "HTTP/1.1 200", 12) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* The stream is chunked: parse chunks, pass on data lines. */
bool rc_next_event(int fd, char *buf, size_t cap)
{
    for (;;) {
        char line[32];
        size_t n = 0;
        while (n < sizeof line - 1) {
            ssize_t r = recv(fd, line + n, 1, 0);
            if (r <= 0)
                return false;
            if (line[n] == '\n')
                break;
            n++;
        }
        line[n] = '\0';
        long size = strtol(line, NULL, 16);
        if (size <= 0)
            return false;
        char *chunk = malloc((size_t)size + 3);
        if (!chunk)
            return false;
        size_t have = 0;
        while (have < (size_t)size + 2) {
            ssize_t r = recv(fd, chunk + have, (size_t)size + 2 - have, 0);
            if (r <= 0) {
                free(chunk);
                return false;
            }
            have += (size_t)r;
        }
        chunk[size] = '\0';
        bool data = strncmp(chunk, "data: ", 6) == 0;
        if (data) {
            snprintf(buf, cap, "%s", chunk + 6);
            free(chunk);
            return true;
        }
        free(chunk); /* a ping */
    }
}
