/* The room's HTTP server: libmicrohttpd, one thread per connection (event streams block waiting for
 * news), every decision made by the core in src/room.c under one mutex. See room_server.h. */
#include "room_server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <microhttpd.h>
#include <net/if.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#include "oc_util.h"
#include "options.h"

#define MAX_ASSETS 8
#define STREAM_BLOCK 32768
#define STREAM_PING_S 2.0

typedef struct Asset {
    const char *name;
    char *data;
    size_t len;
} Asset;

/* One open connection, watched so a request that trickles in is cut off at the deadline (slowloris):
 * the idle timeout alone never fires for a client that sends a byte every few seconds. */
typedef struct Conn {
    int fd;
    double since;   /* when the request being read started */
    bool answered;  /* a response is queued (or streaming): not waiting on the client */
    bool cut;
    struct Conn *prev, *next;
} Conn;

struct RoomServer {
    struct MHD_Daemon *daemon;
    pthread_t watchdog;
    bool watching;
    Conn *conns;
    double deadline;
    long cut_off;
    void (*on_change)(void *ctx);
    void *on_change_ctx;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    uint64_t notified; /* the room version the streams were last woken for */
    bool stopping;
    Room room;
    Asset assets[MAX_ASSETS];
    int nassets;
    int streams;
    long served, refused;
    int port;
    char address[64];
    char url[96];
};

/* One request being read. */
typedef struct ReqCtx {
    char body[ROOM_MAX_BODY];
    size_t len;
    bool started;  /* the headers have been seen */
    bool too_big;
    bool bad_uri;  /* the raw target had an encoded NUL, a control byte or was too long */
    bool queued;   /* a response is on its way: the client is no longer the one keeping us waiting */
} ReqCtx;

typedef struct Stream {
    RoomServer *srv;
    int person;
    char token[ROOM_TOKEN_LEN + 1]; /* the stream ends if its slot is given to someone else */
    uint64_t sent;
    bool first;
} Stream;

double room_server_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

Room *room_server_lock(RoomServer *s)
{
    pthread_mutex_lock(&s->lock);
    return &s->room;
}

static void notify_locked(RoomServer *s)
{
    if (s->room.version != s->notified) {
        s->notified = s->room.version;
        pthread_cond_broadcast(&s->changed);
    }
}

void room_server_unlock(RoomServer *s)
{
    notify_locked(s);
    pthread_mutex_unlock(&s->lock);
}

const char *room_server_url(const RoomServer *s)
{
    return s->url;
}

const char *room_server_address(const RoomServer *s)
{
    return s->address;
}

const char *room_server_code(const RoomServer *s)
{
    return s->room.code;
}

int room_server_port(const RoomServer *s)
{
    return s->port;
}

void room_server_counts(RoomServer *s, long *served, long *refused, int *streams, long *cut_off)
{
    pthread_mutex_lock(&s->lock);
    if (cut_off)
        *cut_off = s->cut_off;
    if (served)
        *served = s->served;
    if (refused)
        *refused = s->refused;
    if (streams)
        *streams = s->streams;
    pthread_mutex_unlock(&s->lock);
}

/* ---------------- responses ---------------- */

static void secure_headers(struct MHD_Response *r, const char *type)
{
    MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "Cache-Control", "no-store");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                            "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
}

static enum MHD_Result send_copy(struct MHD_Connection *c, unsigned status, const char *type, const void *data,
                                 size_t len)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(len, (void *)data, MHD_RESPMEM_MUST_COPY);
    if (!r)
        return MHD_NO;
    secure_headers(r, type);
    enum MHD_Result ok = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ok;
}

static enum MHD_Result send_error(RoomServer *s, struct MHD_Connection *c, unsigned status, const char *msg)
{
    char body[240];
    /* msg is one of this file's fixed texts: no quoting needed */
    int n = snprintf(body, sizeof body, "{\"error\":\"%s\"}", msg);
    pthread_mutex_lock(&s->lock);
    s->refused++;
    pthread_mutex_unlock(&s->lock);
    return send_copy(c, status, "application/json; charset=utf-8", body, (size_t)n);
}

/* ---------------- event streams ---------------- */

static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
    (void)pos;
    Stream *st = cls;
    RoomServer *s = st->srv;
    pthread_mutex_lock(&s->lock);
    if (!st->first && !s->stopping && s->room.version == st->sent) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += (time_t)STREAM_PING_S;
        while (!s->stopping && s->room.version == st->sent)
            if (pthread_cond_timedwait(&s->changed, &s->lock, &until) == ETIMEDOUT)
                break;
    }
    const RoomPerson *p = st->person >= 0 && st->person < s->room.npeople ? &s->room.people[st->person] : NULL;
    if (s->stopping || !p || !p->used || strcmp(p->token, st->token) != 0) {
        pthread_mutex_unlock(&s->lock);
        return MHD_CONTENT_READER_END_OF_STREAM;
    }
    ssize_t n;
    if (st->first || s->room.version != st->sent) {
        st->first = false;
        st->sent = s->room.version;
        static const char head[] = "data: ";
        if (max < sizeof head + 4) {
            pthread_mutex_unlock(&s->lock);
            return MHD_CONTENT_READER_END_WITH_ERROR;
        }
        memcpy(buf, head, sizeof head - 1);
        size_t len = room_state_json(&s->room, st->person, room_server_now(), buf + sizeof head - 1,
                                     max - (sizeof head - 1) - 2);
        /* JSON from cJSON has no raw newlines, so one data: line carries it */
        n = (ssize_t)(sizeof head - 1 + len);
        buf[n++] = '\n';
        buf[n++] = '\n';
    } else {
        static const char ping[] = ": ping\n\n";
        memcpy(buf, ping, sizeof ping - 1);
        n = (ssize_t)(sizeof ping - 1);
    }
    pthread_mutex_unlock(&s->lock);
    return n;
}

static void stream_free(void *cls)
{
    Stream *st = cls;
    pthread_mutex_lock(&st->srv->lock);
    st->srv->streams--;
    pthread_mutex_unlock(&st->srv->lock);
    free(st);
}

static enum MHD_Result start_stream(RoomServer *s, struct MHD_Connection *c, int person)
{
    pthread_mutex_lock(&s->lock);
    bool full = s->streams >= ROOM_STREAM_LIMIT;
    if (!full)
        s->streams++;
    pthread_mutex_unlock(&s->lock);
    if (full)
        return send_error(s, c, 503, "too many live connections; try again soon");
    Stream *st = calloc(1, sizeof *st);
    if (!st) {
        stream_free(&(Stream){.srv = s}); /* gives the slot back */
        return MHD_NO;
    }
    *st = (Stream){.srv = s, .person = person, .first = true};
    pthread_mutex_lock(&s->lock);
    if (person >= 0 && person < s->room.npeople)
        memcpy(st->token, s->room.people[person].token, sizeof st->token);
    pthread_mutex_unlock(&s->lock);
    struct MHD_Response *r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, STREAM_BLOCK, stream_read, st,
                                                               stream_free);
    if (!r) {
        stream_free(st);
        return MHD_NO;
    }
    secure_headers(r, "text/event-stream");
    MHD_add_response_header(r, "X-Accel-Buffering", "no");
    enum MHD_Result ok = MHD_queue_response(c, MHD_HTTP_OK, r);
    MHD_destroy_response(r);
    return ok;
}

/* ---------------- requests ---------------- */

static uint64_t client_key(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!ci || !ci->client_addr)
        return 0;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)sa;
        return (uint64_t)ntohl(in->sin_addr.s_addr);
    }
    if (sa->sa_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)(const void *)sa;
        static const uint64_t k[2] = {0x6f63726f6f6d3621ull, 0x1234abcd5678ef90ull};
        return room_siphash(k, &in6->sin6_addr, sizeof in6->sin6_addr) | (1ull << 63);
    }
    return 0;
}

static Conn *conn_of(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

static void conn_answered(RoomServer *s, struct MHD_Connection *c)
{
    pthread_mutex_lock(&s->lock);
    Conn *k = conn_of(c);
    if (k)
        k->answered = true;
    pthread_mutex_unlock(&s->lock);
}

static enum MHD_Result handle_request(RoomServer *s, struct MHD_Connection *c, const char *url, const char *method,
                                      const char *upload, size_t *upload_size, void **con_cls);

/* Called with the raw target before MHD decodes it (a decoded %00 would silently cut the path short). */
static void *uri_seen(void *cls, const char *uri, struct MHD_Connection *c)
{
    (void)cls;
    (void)c;
    ReqCtx *ctx = calloc(1, sizeof *ctx);
    if (!ctx)
        return NULL;
    size_t n = 0;
    for (const unsigned char *u = (const unsigned char *)uri; *u; u++, n++) {
        if (*u < 0x21 || *u >= 0x7f || n > ROOM_MAX_PATH + 64)
            ctx->bad_uri = true;
        if (u[0] == '%' && u[1] == '0' && u[2] == '0')
            ctx->bad_uri = true;
    }
    return ctx;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
    (void)version;
    RoomServer *s = cls;
    enum MHD_Result r = handle_request(s, c, url, method, upload, upload_size, con_cls);
    const ReqCtx *ctx = *con_cls;
    if (r == MHD_NO || (ctx && ctx->queued))
        conn_answered(s, c); /* a response was queued (or the connection is being dropped) */
    return r;
}

static enum MHD_Result handle_request(RoomServer *s, struct MHD_Connection *c, const char *url, const char *method,
                                      const char *upload, size_t *upload_size, void **con_cls)
{
    ReqCtx *ctx = *con_cls;
    if (!ctx)
        return MHD_NO; /* uri_seen could not allocate: drop the connection */
    if (!ctx->started) {
        /* first call: headers only. A bad target or a body announced too big is refused before it is read. */
        ctx->started = true;
        ctx->queued = true; /* until shown otherwise below */
        if (ctx->bad_uri)
            return send_error(s, c, 400, "the address is not one this page uses");
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        long n;
        if (cl && (!oc_parse_long(cl, &n) || n < 0 || n > ROOM_MAX_BODY))
            return send_error(s, c, 413, "the request body is over 2048 bytes");
        /* the page always sends JSON; a form or text/plain POST is what another site's page could make a
         * browser send without asking (no CORS preflight), so it is refused */
        const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
        if (strcmp(method, "POST") == 0 && (!ct || strncasecmp(ct, "application/json", 16) != 0))
            return send_error(s, c, 415, "expected Content-Type: application/json");
        ctx->queued = false;
        return MHD_YES;
    }
    if (*upload_size) {
        if (ctx->len + *upload_size > sizeof ctx->body)
            ctx->too_big = true;
        else
            memcpy(ctx->body + ctx->len, upload, *upload_size);
        if (!ctx->too_big)
            ctx->len += *upload_size;
        *upload_size = 0;
        return MHD_YES;
    }
    ctx->queued = true;
    if (ctx->too_big)
        return send_error(s, c, 413, "the request body is over 2048 bytes");

    const char *token = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Room-Token");
    const char *t = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "t");
    char query[ROOM_TOKEN_LEN + 8] = "";
    if (t && strlen(t) <= ROOM_TOKEN_LEN)
        snprintf(query, sizeof query, "t=%s", t);
    RoomRequest req = {.method = method,
                       .path = url,
                       .query = query[0] ? query : NULL,
                       .token = token,
                       .body = ctx->body,
                       .body_len = ctx->len,
                       .client = client_key(c),
                       .now = room_server_now()};
    static _Thread_local RoomResponse res; /* 16 KB: kept off the connection thread's small stack */
    pthread_mutex_lock(&s->lock);
    long refused_before = s->room.refused;
    uint64_t version_before = s->room.version;
    room_handle(&s->room, &req, &res);
    s->served++;
    s->refused += s->room.refused - refused_before;
    bool changed = s->room.version != version_before;
    notify_locked(s);
    pthread_mutex_unlock(&s->lock);
    if (changed && s->on_change)
        s->on_change(s->on_change_ctx); /* wake the big screen */

    if (res.kind == ROOM_REPLY_EVENTS)
        return start_stream(s, c, res.person);
    if (res.kind == ROOM_REPLY_ASSET) {
        for (int i = 0; i < s->nassets; i++)
            if (strcmp(s->assets[i].name, res.asset) == 0)
                return send_copy(c, (unsigned)res.status, res.content_type, s->assets[i].data, s->assets[i].len);
        return send_error(s, c, MHD_HTTP_NOT_FOUND, "no such page");
    }
    return send_copy(c, (unsigned)res.status, res.content_type, res.body, res.len);
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode why)
{
    (void)why;
    RoomServer *s = cls;
    free(*con_cls);
    *con_cls = NULL;
    /* keep-alive: the next request on this connection gets a fresh deadline */
    pthread_mutex_lock(&s->lock);
    Conn *k = conn_of(c);
    if (k) {
        k->answered = false;
        k->since = room_server_now();
    }
    pthread_mutex_unlock(&s->lock);
}

static void notify_conn(void *cls, struct MHD_Connection *c, void **socket_context, enum MHD_ConnectionNotificationCode toe)
{
    RoomServer *s = cls;
    pthread_mutex_lock(&s->lock);
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        Conn *k = calloc(1, sizeof *k);
        if (k && ci) {
            k->fd = ci->connect_fd;
            k->since = room_server_now();
            k->next = s->conns;
            if (s->conns)
                s->conns->prev = k;
            s->conns = k;
            *socket_context = k;
        } else {
            free(k);
        }
    } else if (*socket_context) {
        /* MHD tells us before it closes the socket, so the watchdog never touches a reused descriptor */
        Conn *k = *socket_context;
        if (k->prev)
            k->prev->next = k->next;
        else
            s->conns = k->next;
        if (k->next)
            k->next->prev = k->prev;
        free(k);
        *socket_context = NULL;
    }
    pthread_mutex_unlock(&s->lock);
}

static void *watch(void *arg)
{
    RoomServer *s = arg;
    pthread_mutex_lock(&s->lock);
    while (!s->stopping) {
        double now = room_server_now();
        for (Conn *k = s->conns; k; k = k->next)
            if (!k->answered && !k->cut && now - k->since > s->deadline) {
                k->cut = true;
                s->cut_off++;
                s->refused++;
                shutdown(k->fd, SHUT_RDWR); /* MHD sees the end of the stream and closes it */
            }
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 250 * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&s->changed, &s->lock, &until);
    }
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

/* ---------------- start and stop ---------------- */

/* How likely an interface is the one phones share: Wi-Fi, then wired, then anything else; container
 * bridges and virtual links never (phones cannot reach them). */
static int iface_score(const char *name)
{
    static const char *const never[] = {"docker", "veth", "virbr", "br-", "cni", "flannel", "lxc", "vmnet", "vboxnet"};
    for (size_t i = 0; i < sizeof never / sizeof never[0]; i++)
        if (strncmp(name, never[i], strlen(never[i])) == 0)
            return 0;
    if (strncmp(name, "wl", 2) == 0)
        return 3;
    if (strncmp(name, "en", 2) == 0 || strncmp(name, "eth", 3) == 0)
        return 2;
    return 1;
}

/* The IPv4 address phones on the LAN reach: the best-scored interface that is up and not loopback. */
static bool lan_address(char *out, size_t cap)
{
    struct ifaddrs *list = NULL, *it;
    int best = 0;
    if (getifaddrs(&list) != 0)
        return false;
    for (it = list; it; it = it->ifa_next) {
        if (!it->ifa_addr || it->ifa_addr->sa_family != AF_INET || !(it->ifa_flags & IFF_UP) ||
            (it->ifa_flags & IFF_LOOPBACK))
            continue;
        int score = iface_score(it->ifa_name ? it->ifa_name : "");
        const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)it->ifa_addr;
        if (score > best && inet_ntop(AF_INET, &in->sin_addr, out, (socklen_t)cap))
            best = score;
    }
    freeifaddrs(list);
    return best > 0;
}

static void free_assets(RoomServer *s)
{
    for (int i = 0; i < s->nassets; i++)
        free(s->assets[i].data);
    s->nassets = 0;
}

static void read_seed(uint8_t seed[32])
{
    FILE *f = fopen("/dev/urandom", "rb");
    size_t got = f ? fread(seed, 1, 32, f) : 0;
    if (f)
        fclose(f);
    if (got != 32) {
        /* no OS source: the clock and addresses (weak, but the room still works) */
        double t = room_server_now();
        uint64_t mix[4] = {(uint64_t)(t * 1e9), (uint64_t)(uintptr_t)seed, (uint64_t)(uintptr_t)&t, 0x9e3779b97f4a7c15ull};
        memcpy(seed, mix, 32);
    }
}

RoomServer *room_server_start(const RoomServerConfig *cfg, char *err, size_t errlen)
{
    if (cfg->port < 1 || cfg->port > 65535) {
        oc_fail(err, errlen, "--room-port %d: expected a port from 1 to 65535", cfg->port);
        return NULL;
    }
    RoomServer *s = calloc(1, sizeof *s);
    if (!s) {
        oc_fail(err, errlen, "room: out of memory");
        return NULL;
    }
    uint8_t seed[32];
    read_seed(seed);
    if (room_init(&s->room, cfg->code, seed, err, errlen) != 0) {
        free(s);
        return NULL;
    }
    memset(seed, 0, sizeof seed);
    s->room.colorblind = cfg->colorblind;
    s->on_change = cfg->on_change;
    s->on_change_ctx = cfg->on_change_ctx;
    /* the page's files are read once, now: nothing outside this list is ever opened for a request */
    for (int i = 0; room_assets[i][0]; i++) {
        const char *name = room_assets[i][1];
        bool have = false;
        for (int k = 0; k < s->nassets; k++)
            have |= strcmp(s->assets[k].name, name) == 0;
        if (have)
            continue;
        char path[OC_PATH_MAX], ferr[OC_PATH_MAX + 80];
        oc_path_join(path, sizeof path, cfg->web_dir, name);
        size_t len;
        char *data = oc_read_file(path, &len, ferr, sizeof ferr);
        if (!data || s->nassets >= MAX_ASSETS) {
            oc_fail(err, errlen, "room page: %s", data ? "too many files" : ferr);
            free(data);
            free_assets(s);
            free(s);
            return NULL;
        }
        s->assets[s->nassets++] = (Asset){.name = name, .data = data, .len = len};
    }
    pthread_mutex_init(&s->lock, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_cond_init(&s->changed, &ca);
    pthread_condattr_destroy(&ca);

    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)cfg->port)};
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    bool any = !cfg->bind || !cfg->bind[0];
    if (!any && inet_pton(AF_INET, cfg->bind, &addr.sin_addr) != 1) {
        oc_fail(err, errlen, "--room-bind '%.60s': expected an IPv4 address such as 192.168.1.20", cfg->bind);
        goto fail;
    }
    s->daemon = MHD_start_daemon(
        MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD, (uint16_t)cfg->port,
        NULL, NULL, handle, s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_CONNECTION_LIMIT,
        (unsigned)ROOM_CONN_LIMIT, MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)ROOM_CONN_PER_IP,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)ROOM_IDLE_TIMEOUT_S, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)(ROOM_HEADER_LIMIT + ROOM_MAX_BODY), MHD_OPTION_THREAD_STACK_SIZE, (size_t)(256 * 1024),
        MHD_OPTION_URI_LOG_CALLBACK, uri_seen, s, MHD_OPTION_NOTIFY_COMPLETED, completed, s, MHD_OPTION_NOTIFY_CONNECTION, notify_conn, s, MHD_OPTION_END);
    if (!s->daemon) {
        oc_fail(err, errlen, "--room-port %d: cannot listen there (%s); choose another port", cfg->port,
                errno ? strerror(errno) : "in use or not allowed");
        goto fail;
    }
    s->port = cfg->port;
    s->deadline = cfg->request_deadline_s > 0 ? cfg->request_deadline_s : ROOM_REQUEST_DEADLINE_S;
    s->watching = pthread_create(&s->watchdog, NULL, watch, s) == 0;
    if (!s->watching)
        fprintf(stderr, "room: no watchdog thread; slow clients are only cut by the idle timeout\n");
    char host[INET_ADDRSTRLEN] = "127.0.0.1";
    if (!any)
        oc_strlcpy(host, cfg->bind, sizeof host);
    else if (!lan_address(host, sizeof host))
        oc_strlcpy(host, "127.0.0.1", sizeof host);
    snprintf(s->address, sizeof s->address, "%s:%d", host, cfg->port);
    snprintf(s->url, sizeof s->url, "http://%s/", s->address);
    return s;
fail:
    pthread_cond_destroy(&s->changed);
    pthread_mutex_destroy(&s->lock);
    free_assets(s);
    free(s);
    return NULL;
}

void room_server_stop(RoomServer *s)
{
    if (!s)
        return;
    pthread_mutex_lock(&s->lock);
    s->stopping = true;
    pthread_cond_broadcast(&s->changed);
    pthread_mutex_unlock(&s->lock);
    if (s->watching)
        pthread_join(s->watchdog, NULL);
    MHD_stop_daemon(s->daemon);
    pthread_cond_destroy(&s->changed);
    pthread_mutex_destroy(&s->lock);
    free_assets(s);
    free(s);
}
