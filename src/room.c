/* The room's rules: who is in, what a phone may ask, and what the big screen is told. See room.h. */
#include "room.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "oc_util.h"

#define WRONG_CODE_TRIES 5      /* wrong codes from one address before it must wait */
#define WRONG_CODE_WAIT_S 30.0

const char *const room_assets[][3] = {
    {"/", "index.html", "text/html; charset=utf-8"},
    {"/index.html", "index.html", "text/html; charset=utf-8"},
    {"/room.css", "room.css", "text/css; charset=utf-8"},
    {"/room.js", "room.js", "text/javascript; charset=utf-8"},
    {"/figure-front.png", "figure-front.png", "image/png"},
    {"/figure-back.png", "figure-back.png", "image/png"},
    {NULL, NULL, NULL},
};

/* ---------------- SipHash-2-4 (Aumasson and Bernstein), for unguessable tokens ---------------- */

static uint64_t rotl(uint64_t x, int b)
{
    return (x << b) | (x >> (64 - b));
}

#define SIPROUND                                                                                          \
    do {                                                                                                  \
        v0 += v1;                                                                                         \
        v1 = rotl(v1, 13);                                                                                \
        v1 ^= v0;                                                                                         \
        v0 = rotl(v0, 32);                                                                                \
        v2 += v3;                                                                                         \
        v3 = rotl(v3, 16);                                                                                \
        v3 ^= v2;                                                                                         \
        v0 += v3;                                                                                         \
        v3 = rotl(v3, 21);                                                                                \
        v3 ^= v0;                                                                                         \
        v2 += v1;                                                                                         \
        v1 = rotl(v1, 17);                                                                                \
        v1 ^= v2;                                                                                         \
        v2 = rotl(v2, 32);                                                                                \
    } while (0)

uint64_t room_siphash(const uint64_t key[2], const void *data, size_t len)
{
    const uint8_t *in = data;
    uint64_t k0 = key[0], k1 = key[1];
    uint64_t v0 = 0x736f6d6570736575ull ^ k0, v1 = 0x646f72616e646f6dull ^ k1;
    uint64_t v2 = 0x6c7967656e657261ull ^ k0, v3 = 0x7465646279746573ull ^ k1;
    size_t full = len - len % 8;
    for (size_t i = 0; i < full; i += 8) {
        uint64_t m = 0;
        for (int b = 0; b < 8; b++)
            m |= (uint64_t)in[i + (size_t)b] << (8 * b);
        v3 ^= m;
        SIPROUND;
        SIPROUND;
        v0 ^= m;
    }
    uint64_t last = (uint64_t)(len & 0xff) << 56;
    for (size_t b = 0; b < len % 8; b++)
        last |= (uint64_t)in[full + b] << (8 * b);
    v3 ^= last;
    SIPROUND;
    SIPROUND;
    v0 ^= last;
    v2 ^= 0xff;
    SIPROUND;
    SIPROUND;
    SIPROUND;
    SIPROUND;
    return v0 ^ v1 ^ v2 ^ v3;
}

/* ---------------- setting up ---------------- */

bool room_code_valid(const char *code)
{
    if (!code)
        return false;
    for (int i = 0; i < ROOM_CODE_LEN; i++)
        if (code[i] < '0' || code[i] > '9')
            return false;
    return code[ROOM_CODE_LEN] == '\0';
}

void room_code_from(uint64_t random, char out[ROOM_CODE_LEN + 1])
{
    unsigned v = (unsigned)(random % 10000u);
    for (int i = ROOM_CODE_LEN - 1; i >= 0; i--) {
        out[i] = (char)('0' + v % 10);
        v /= 10;
    }
    out[ROOM_CODE_LEN] = '\0';
}

static void bump(Room *r)
{
    r->version++;
}

int room_init(Room *r, const char *code, const uint8_t seed[32], char *err, size_t errlen)
{
    if (!room_code_valid(code))
        return oc_fail(err, errlen, "room code '%.16s': expected exactly 4 digits", code ? code : "");
    memset(r, 0, sizeof *r);
    memcpy(r->code, code, ROOM_CODE_LEN + 1);
    for (int k = 0; k < 4; k++)
        for (int b = 0; b < 8; b++)
            r->key[k] |= (uint64_t)seed[k * 8 + b] << (8 * b);
    r->mode = ROOM_MODE_QUIZ;
    r->version = 1;
    return 0;
}

void room_reset_people(Room *r)
{
    memset(r->people, 0, sizeof r->people);
    r->npeople = 0;
    memset(&r->tally, 0, sizeof r->tally);
    r->ncmds = 0;
    bump(r);
}

void room_set_colorblind(Room *r, bool on)
{
    if (r->colorblind != on) {
        r->colorblind = on;
        bump(r);
    }
}

void room_set_mode(Room *r, RoomMode mode)
{
    if (r->mode != mode) {
        r->mode = mode;
        r->asking = r->revealed = false;
        bump(r);
    }
}

int room_people(const Room *r)
{
    int n = 0;
    for (int i = 0; i < r->npeople; i++)
        n += r->people[i].used;
    return n;
}

/* ---------------- names ---------------- */

/* Length of one valid UTF-8 sequence at s (no overlongs, no surrogates), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t left)
{
    unsigned c = s[0];
    size_t n;
    unsigned min;
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        n = 2, min = 0x80;
    else if (c >= 0xe0 && c <= 0xef)
        n = 3, min = 0x800;
    else if (c >= 0xf0 && c <= 0xf4)
        n = 4, min = 0x10000;
    else
        return 0;
    if (n > left)
        return 0;
    unsigned cp = c & (0x7f >> n);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    /* C1 controls, line/paragraph separators and bidi overrides would garble the big screen */
    if ((cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029 || (cp >= 0x202a && cp <= 0x202e) ||
        (cp >= 0x2066 && cp <= 0x2069))
        return 0;
    return n;
}

int room_name_clean(const char *in, size_t len, char out[ROOM_NAME_MAX], char *err, size_t errlen)
{
    out[0] = '\0';
    while (len && (*in == ' ' || *in == '\t'))
        in++, len--;
    while (len && (in[len - 1] == ' ' || in[len - 1] == '\t'))
        len--;
    if (len == 0)
        return oc_fail(err, errlen, "name: expected 1 to %d characters, got none", ROOM_NAME_MAX - 1);
    if (len > ROOM_NAME_MAX - 1)
        return oc_fail(err, errlen, "name: expected at most %d bytes, got %zu", ROOM_NAME_MAX - 1, len);
    const unsigned char *s = (const unsigned char *)in;
    for (size_t i = 0; i < len;) {
        if (s[i] < 0x20 || s[i] == 0x7f)
            return oc_fail(err, errlen, "name: control characters are not allowed");
        size_t n = utf8_seq(s + i, len - i);
        if (!n)
            return oc_fail(err, errlen, "name: expected UTF-8 text");
        i += n;
    }
    memcpy(out, in, len);
    out[len] = '\0';
    return 0;
}

static bool same_name(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a, y = *b;
        if (x >= 'A' && x <= 'Z')
            x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (char)(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return *a == *b;
}

/* ---------------- tokens and rate limits ---------------- */

static void mint_token(Room *r, char out[ROOM_TOKEN_LEN + 1])
{
    uint64_t n = ++r->minted;
    uint8_t msg[8];
    for (int b = 0; b < 8; b++)
        msg[b] = (uint8_t)(n >> (8 * b));
    uint64_t h[2] = {room_siphash(&r->key[0], msg, 8), room_siphash(&r->key[2], msg, 8)};
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < ROOM_TOKEN_LEN; i++)
        out[i] = hex[(h[i / 16] >> (4 * (i % 16))) & 15];
    out[ROOM_TOKEN_LEN] = '\0';
}

/* Constant time in the token's contents. */
static bool token_equal(const char *a, const char *b)
{
    unsigned diff = 0;
    for (int i = 0; i < ROOM_TOKEN_LEN; i++)
        diff |= (unsigned)(unsigned char)a[i] ^ (unsigned)(unsigned char)b[i];
    return diff == 0;
}

static int find_token(const Room *r, const char *token)
{
    if (!token || strnlen(token, ROOM_TOKEN_LEN + 1) != ROOM_TOKEN_LEN)
        return -1;
    int found = -1;
    for (int i = 0; i < r->npeople; i++)
        if (r->people[i].used && token_equal(r->people[i].token, token))
            found = i;
    return found;
}

static bool bucket_take(double *tokens, double *time, double now, double burst, double per_s)
{
    double dt = now - *time;
    if (!(dt > 0)) /* time going backwards (or NaN) refills nothing */
        dt = 0;
    *tokens = fmin(burst, *tokens + dt * per_s);
    *time = fmax(*time, now);
    if (*tokens < 1.0)
        return false;
    *tokens -= 1.0;
    return true;
}

static RoomRate *rate_slot(Room *r, uint64_t client, double now)
{
    RoomRate *oldest = &r->rates[0];
    for (int i = 0; i < ROOM_RATE_CLIENTS; i++) {
        RoomRate *q = &r->rates[i];
        if (q->seen > 0 && q->key == client) {
            q->seen = fmax(now, 1e-9);
            return q;
        }
        if (q->seen < oldest->seen)
            oldest = q;
    }
    *oldest = (RoomRate){.key = client, .tokens = ROOM_RATE_ADDR_BURST, .time = now, .seen = fmax(now, 1e-9)};
    return oldest;
}

/* ---------------- responses ---------------- */

static void reply_json(RoomResponse *out, int status, cJSON *doc)
{
    out->status = status;
    out->kind = ROOM_REPLY_JSON;
    out->content_type = "application/json; charset=utf-8";
    if (!doc || !cJSON_PrintPreallocated(doc, out->body, (int)sizeof out->body - 1, 0)) {
        out->status = 500;
        oc_strlcpy(out->body, "{\"error\":\"the answer did not fit\"}", sizeof out->body);
    }
    out->len = strlen(out->body);
    cJSON_Delete(doc);
}

static void refuse(Room *r, RoomResponse *out, int status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static void refuse(Room *r, RoomResponse *out, int status, const char *fmt, ...)
{
    char msg[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    r->refused++;
    cJSON *doc = cJSON_CreateObject();
    if (doc)
        cJSON_AddStringToObject(doc, "error", msg);
    reply_json(out, status, doc);
}

/* ---------------- the state a phone shows ---------------- */

static const char *view_name(FigureView v)
{
    return v == VIEW_BACK ? "back" : "front";
}

static void add_quiz(const Room *r, const RoomPerson *me, cJSON *doc)
{
    cJSON *qz = cJSON_AddObjectToObject(doc, "quiz");
    if (!qz)
        return;
    const char *state = r->asking ? "ask" : r->revealed ? "reveal" : "wait";
    cJSON_AddStringToObject(qz, "state", state);
    cJSON_AddStringToObject(qz, "level", r->level_title);
    if (!r->asking && !r->revealed)
        return;
    const Question *q = &r->q;
    cJSON_AddNumberToObject(qz, "seq", r->seq);
    cJSON_AddNumberToObject(qz, "num", r->qnum);
    cJSON_AddNumberToObject(qz, "of", r->level_questions);
    cJSON_AddStringToObject(qz, "kind", question_kind_name(q->kind));
    cJSON_AddStringToObject(qz, "prompt", q->prompt);
    if (q->kind == Q_SCENARIO)
        cJSON_AddStringToObject(qz, "scenario", q->scenario);
    if (r->asking)
        cJSON_AddNumberToObject(qz, "seconds_left", fmax(0.0, floor((r->closes_at - r->now) * 10.0) / 10.0));
    cJSON *opts = cJSON_AddArrayToObject(qz, "options");
    if (opts && (q->kind == Q_CHOICE || q->kind == Q_SCENARIO)) {
        for (int s = 0; s < q->noptions; s++) {
            int i = r->perm[s];
            cJSON *o = cJSON_CreateObject();
            cJSON_AddNumberToObject(o, "i", i);
            cJSON_AddStringToObject(o, "text", q->options[i]);
            cJSON_AddItemToArray(opts, o);
        }
    } else if (opts && q->kind == Q_TRUEFALSE) {
        for (int s = 0; s < 2; s++) {
            int i = r->perm[s] ? 1 : 0; /* shown in the big screen's order */
            cJSON *o = cJSON_CreateObject();
            cJSON_AddNumberToObject(o, "i", i);
            cJSON_AddStringToObject(o, "text", i ? "True" : "False");
            cJSON_AddItemToArray(opts, o);
        }
    } else if (opts && q->kind == Q_ORDER) {
        for (int s = 0; s < q->nsteps; s++) {
            int i = r->order_shown[s];
            cJSON *o = cJSON_CreateObject();
            cJSON_AddNumberToObject(o, "i", i);
            cJSON_AddStringToObject(o, "text", q->steps[i]);
            cJSON_AddItemToArray(opts, o);
        }
    }
    if (q->kind == Q_PLACEMENT) {
        cJSON_AddStringToObject(qz, "muscle", q->muscle);
        cJSON_AddStringToObject(qz, "view", view_name(q->view));
    }
    bool answered = me && me->answered_seq == r->seq;
    cJSON_AddBoolToObject(qz, "answered", answered);
    if (r->revealed) {
        cJSON_AddStringToObject(qz, "explain", q->explain);
        Answer right;
        quiz_correct_answer(q, &right);
        char line[AC_OPTION_MAX + 40] = "";
        if (q->kind == Q_CHOICE || q->kind == Q_SCENARIO)
            snprintf(line, sizeof line, "%s", q->options[q->answer]);
        else if (q->kind == Q_TRUEFALSE)
            snprintf(line, sizeof line, "%s", q->answer ? "True" : "False");
        else if (q->kind == Q_TIGHTNESS)
            snprintf(line, sizeof line, "%d to %d out of 10", q->accept_lo, q->accept_hi);
        else if (q->kind == Q_PLACEMENT && q->cannot_wrap)
            snprintf(line, sizeof line, "It can't be wrapped");
        else if (q->kind == Q_ORDER)
            snprintf(line, sizeof line, "First: %s", q->steps[0]);
        cJSON_AddStringToObject(qz, "right", line);
        if (q->kind == Q_CHOICE || q->kind == Q_SCENARIO || q->kind == Q_TRUEFALSE)
            cJSON_AddNumberToObject(qz, "right_i", q->answer);
        if (q->kind == Q_PLACEMENT && !q->cannot_wrap && !right.nowhere) {
            /* where the band goes, for the phone to mark on its figure */
            cJSON *spot = cJSON_AddObjectToObject(qz, "right_spot");
            cJSON_AddNumberToObject(spot, "x", floor(right.x * 1000.0 + 0.5) / 1000.0);
            cJSON_AddNumberToObject(spot, "y", floor(right.y * 1000.0 + 0.5) / 1000.0);
            cJSON_AddStringToObject(spot, "view", view_name(right.view));
        }
        if (answered) {
            cJSON_AddBoolToObject(qz, "correct", me->last_correct);
            cJSON_AddNumberToObject(qz, "points", me->last_points);
        }
    }
}

static void add_lanes(const Room *r, const RoomPerson *me, cJSON *doc)
{
    cJSON *lanes = cJSON_AddArrayToObject(doc, "lanes");
    for (int i = 0; lanes && i < r->nlanes; i++) {
        bool taken = false;
        for (int p = 0; p < r->npeople; p++)
            taken |= r->people[p].used && r->people[p].lane == i;
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "i", i);
        cJSON_AddStringToObject(o, "name", r->lanes[i].name);
        cJSON_AddBoolToObject(o, "free", !taken);
        cJSON_AddItemToArray(lanes, o);
    }
    if (!me || me->lane < 0 || me->lane >= r->nlanes)
        return;
    const RoomLaneStatus *st = &r->lanes[me->lane];
    cJSON *l = cJSON_AddObjectToObject(doc, "lane");
    if (!l)
        return;
    cJSON_AddNumberToObject(l, "i", me->lane);
    cJSON_AddStringToObject(l, "name", st->name);
    cJSON_AddNumberToObject(l, "target", st->reps_target);
    cJSON_AddNumberToObject(l, "done", st->reps_done);
    cJSON_AddNumberToObject(l, "set", st->set_index);
    cJSON_AddNumberToObject(l, "sets", st->sets);
    cJSON_AddStringToObject(l, "phase", st->phase);
    cJSON_AddNumberToObject(l, "seconds_left", st->seconds_left < 0 ? -1 : ceil(st->seconds_left));
    cJSON_AddBoolToObject(l, "stopped", st->stopped);
    cJSON_AddStringToObject(l, "message", st->message);
}

static int rank_cmp(const RoomRank *a, const RoomRank *b)
{
    if (a->points != b->points)
        return a->points > b->points ? -1 : 1;
    int c = strcmp(a->name, b->name);
    return c ? c : a->person - b->person;
}

int room_leaderboard(const Room *r, RoomRank *out, int max)
{
    int n = 0;
    RoomRank all[ROOM_MAX_PEOPLE];
    for (int i = 0; i < r->npeople; i++) {
        const RoomPerson *p = &r->people[i];
        if (!p->used || p->lane >= 0)
            continue;
        RoomRank k = {.points = p->points, .answered = p->level_answered, .person = i};
        memcpy(k.name, p->name, sizeof k.name);
        /* insertion sort: at most 64 */
        int j = n++;
        while (j > 0 && rank_cmp(&k, &all[j - 1]) < 0) {
            all[j] = all[j - 1];
            j--;
        }
        all[j] = k;
    }
    if (n > max)
        n = max;
    if (n > 0)
        memcpy(out, all, (size_t)n * sizeof *out);
    return n;
}

size_t room_state_json(Room *r, int person, double now, char *buf, size_t cap)
{
    if (now > r->now)
        r->now = now;
    const RoomPerson *me = person >= 0 && person < r->npeople && r->people[person].used ? &r->people[person] : NULL;
    cJSON *doc = cJSON_CreateObject();
    if (!doc || cap < 2)
        goto fail;
    cJSON_AddNumberToObject(doc, "v", (double)r->version);
    cJSON_AddStringToObject(doc, "mode", r->mode == ROOM_MODE_QUIZ ? "quiz" : "session");
    cJSON_AddStringToObject(doc, "palette", r->colorblind ? "colorblind" : "standard");
    if (me) {
        cJSON *you = cJSON_AddObjectToObject(doc, "you");
        cJSON_AddStringToObject(you, "name", me->name);
        cJSON_AddNumberToObject(you, "points", me->points);
        cJSON_AddNumberToObject(you, "lane", me->lane);
    }
    if (r->mode == ROOM_MODE_QUIZ) {
        add_quiz(r, me, doc);
        RoomRank top[5];
        int n = room_leaderboard(r, top, 5);
        cJSON *board = cJSON_AddArrayToObject(doc, "board");
        for (int i = 0; board && i < n; i++) {
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "name", top[i].name);
            cJSON_AddNumberToObject(o, "points", top[i].points);
            cJSON_AddBoolToObject(o, "you", top[i].person == person);
            cJSON_AddItemToArray(board, o);
        }
    } else {
        add_lanes(r, me, doc);
    }
    if (!cJSON_PrintPreallocated(doc, buf, (int)(cap > 0x7fffffff ? 0x7fffffff : cap), 0))
        goto fail;
    cJSON_Delete(doc);
    return strlen(buf);
fail:
    cJSON_Delete(doc);
    if (cap > 2) {
        oc_strlcpy(buf, "{}", cap);
        return 2;
    }
    if (cap)
        buf[0] = '\0';
    return 0;
}

/* ---------------- the quiz, from the big screen ---------------- */

void room_quiz_level(Room *r, const Level *lv)
{
    oc_strlcpy(r->level_title, lv->title, sizeof r->level_title);
    r->level_questions = lv->nquestions;
    r->level_total_points = level_total_points(lv);
    for (int i = 0; i < r->npeople; i++) {
        r->people[i].level_earned = 0;
        r->people[i].level_answered = 0;
        memset(r->people[i].level_verdicts, 0, sizeof r->people[i].level_verdicts);
    }
    r->asking = r->revealed = false;
    r->mode = ROOM_MODE_QUIZ;
    bump(r);
}

void room_quiz_ask(Room *r, const Question *q, int index, const int *perm, const int *shown, double now,
                   double seconds)
{
    r->q = *q;
    r->qnum = index + 1;
    r->seq++;
    int nopt = q->kind == Q_TRUEFALSE ? 2 : q->noptions;
    for (int i = 0; i < AC_MAX_OPTIONS; i++)
        r->perm[i] = perm && i < nopt ? perm[i] : i;
    for (int i = 0; i < AC_MAX_STEPS; i++)
        r->order_shown[i] = shown && i < q->nsteps ? shown[i] : i;
    if (now > r->now)
        r->now = now;
    r->closes_at = now + seconds;
    r->asking = true;
    r->revealed = false;
    r->mode = ROOM_MODE_QUIZ;
    memset(&r->tally, 0, sizeof r->tally);
    r->tally.people = room_people(r);
    bump(r);
}

void room_quiz_reveal(Room *r)
{
    if (!r->asking)
        return;
    r->asking = false;
    r->revealed = true;
    bump(r);
}

void room_person_result(const Room *r, int person, const Level *lv, int *earned, int *percent, int *stars)
{
    QuizRun run;
    quiz_start(&run, lv);
    const RoomPerson *p = &r->people[person];
    for (int i = 0; i < lv->nquestions && i < AC_MAX_QUESTIONS; i++) {
        run.verdicts[i] = p->level_verdicts[i];
        run.earned += p->level_verdicts[i].points;
    }
    run.index = lv->nquestions > 0 ? lv->nquestions - 1 : 0;
    run.answered = true;
    *earned = run.earned;
    *percent = quiz_percent(&run);
    *stars = quiz_stars(&run);
}

void room_quiz_end(Room *r)
{
    r->asking = r->revealed = false;
    bump(r);
}

/* ---------------- requests ---------------- */

static const cJSON *field(const cJSON *doc, const char *name)
{
    return cJSON_GetObjectItemCaseSensitive(doc, name);
}

static bool int_field(const cJSON *doc, const char *name, int lo, int hi, int *out)
{
    const cJSON *v = field(doc, name);
    if (!cJSON_IsNumber(v) || !(v->valuedouble >= lo && v->valuedouble <= hi) || v->valuedouble != floor(v->valuedouble))
        return false;
    *out = (int)v->valuedouble;
    return true;
}

static void handle_join(Room *r, const RoomRequest *req, const cJSON *doc, RoomRate *rate, RoomResponse *out)
{
    if (req->now < rate->locked_until) {
        refuse(r, out, 429, "code: too many wrong codes from this device; wait %.0f s",
               ceil(rate->locked_until - req->now));
        return;
    }
    const cJSON *code = field(doc, "code");
    if (!cJSON_IsString(code)) {
        refuse(r, out, 400, "code: expected the 4-digit room code as text");
        return;
    }
    if (!room_code_valid(code->valuestring) || strcmp(code->valuestring, r->code) != 0) {
        if (++rate->fails >= WRONG_CODE_TRIES) {
            rate->fails = 0;
            rate->locked_until = req->now + WRONG_CODE_WAIT_S;
        }
        refuse(r, out, 403, "code: that is not this room's code (look at the big screen)");
        return;
    }
    rate->fails = 0;
    const cJSON *name = field(doc, "name");
    char clean[ROOM_NAME_MAX], err[160];
    if (!cJSON_IsString(name)) {
        refuse(r, out, 400, "name: expected your name as text");
        return;
    }
    if (room_name_clean(name->valuestring, strlen(name->valuestring), clean, err, sizeof err) != 0) {
        refuse(r, out, 400, "%s", err);
        return;
    }
    int slot = -1;
    for (int i = 0; i < r->npeople; i++) {
        if (r->people[i].used && same_name(r->people[i].name, clean)) {
            refuse(r, out, 409, "name: '%s' is already in the room; add an initial", clean);
            return;
        }
        if (!r->people[i].used && slot < 0)
            slot = i;
    }
    if (slot < 0) {
        if (r->npeople >= ROOM_MAX_PEOPLE) {
            refuse(r, out, 503, "the room is full (%d people)", ROOM_MAX_PEOPLE);
            return;
        }
        slot = r->npeople++;
    }
    RoomPerson *p = &r->people[slot];
    *p = (RoomPerson){.used = true, .lane = -1, .answered_seq = 0, .last_choice = -1, .joined_at = req->now,
                      .rate_tokens = ROOM_RATE_PERSON_BURST, .rate_time = req->now};
    memcpy(p->name, clean, sizeof p->name);
    mint_token(r, p->token);
    /* an athlete whose name is on a lane takes it */
    for (int l = 0; l < r->nlanes; l++) {
        bool taken = false;
        for (int o = 0; o < r->npeople; o++)
            taken |= o != slot && r->people[o].used && r->people[o].lane == l;
        if (!taken && r->lanes[l].name[0] && same_name(r->lanes[l].name, clean)) {
            p->lane = l;
            break;
        }
    }
    if (r->asking)
        r->tally.people = room_people(r);
    bump(r);
    cJSON *res = cJSON_CreateObject();
    cJSON_AddStringToObject(res, "token", p->token);
    cJSON_AddStringToObject(res, "name", p->name);
    cJSON_AddNumberToObject(res, "lane", p->lane);
    reply_json(out, 200, res);
}

static bool parse_answer(const Room *r, const cJSON *doc, Answer *a, char *err, size_t errlen)
{
    const Question *q = &r->q;
    memset(a, 0, sizeof *a);
    switch (q->kind) {
    case Q_CHOICE:
    case Q_SCENARIO:
        if (!int_field(doc, "choice", 0, q->noptions - 1, &a->value))
            return oc_fail(err, errlen, "choice: expected an option number from 0 to %d", q->noptions - 1), false;
        return true;
    case Q_TRUEFALSE:
        if (!int_field(doc, "choice", 0, 1, &a->value))
            return oc_fail(err, errlen, "choice: expected 0 (false) or 1 (true)"), false;
        return true;
    case Q_TIGHTNESS:
        if (!int_field(doc, "value", 0, 10, &a->value))
            return oc_fail(err, errlen, "value: expected a whole number from 0 to 10"), false;
        return true;
    case Q_ORDER: {
        const cJSON *ord = field(doc, "order");
        if (!cJSON_IsArray(ord) || cJSON_GetArraySize(ord) != q->nsteps)
            return oc_fail(err, errlen, "order: expected a list of the %d step numbers", q->nsteps), false;
        bool seen[AC_MAX_STEPS] = {false};
        int i = 0;
        const cJSON *it;
        cJSON_ArrayForEach(it, ord)
        {
            if (!cJSON_IsNumber(it) || !(it->valuedouble >= 0 && it->valuedouble < q->nsteps) ||
                it->valuedouble != floor(it->valuedouble) || seen[(int)it->valuedouble])
                return oc_fail(err, errlen, "order[%d]: expected each step number 0 to %d once", i, q->nsteps - 1),
                       false;
            a->order[i] = (int)it->valuedouble;
            seen[a->order[i]] = true;
            i++;
        }
        return true;
    }
    case Q_PLACEMENT: {
        const cJSON *nowhere = field(doc, "nowhere");
        if (cJSON_IsTrue(nowhere)) {
            a->nowhere = true;
            return true;
        }
        const cJSON *x = field(doc, "x"), *y = field(doc, "y"), *view = field(doc, "view");
        if (!cJSON_IsNumber(x) || !cJSON_IsNumber(y) || !(x->valuedouble >= 0 && x->valuedouble <= 1) ||
            !(y->valuedouble >= 0 && y->valuedouble <= 1))
            return oc_fail(err, errlen, "x, y: expected the spot as numbers from 0 to 1 across the figure"), false;
        if (!cJSON_IsString(view) || (strcmp(view->valuestring, "front") && strcmp(view->valuestring, "back")))
            return oc_fail(err, errlen, "view: expected \"front\" or \"back\""), false;
        a->x = (float)x->valuedouble;
        a->y = (float)y->valuedouble;
        a->view = strcmp(view->valuestring, "back") == 0 ? VIEW_BACK : VIEW_FRONT;
        return true;
    }
    default:
        return oc_fail(err, errlen, "this question cannot be answered from a phone"), false;
    }
}

static void handle_answer(Room *r, int who, const cJSON *doc, RoomResponse *out)
{
    RoomPerson *p = &r->people[who];
    if (r->mode != ROOM_MODE_QUIZ) {
        refuse(r, out, 409, "there is no quiz running");
        return;
    }
    int seq;
    if (!int_field(doc, "seq", 0, 1 << 30, &seq)) {
        refuse(r, out, 400, "seq: expected the question's number from the state");
        return;
    }
    if (!r->asking || seq != r->seq) {
        refuse(r, out, 410, "that question is closed");
        return;
    }
    if (p->lane >= 0) {
        refuse(r, out, 409, "athletes in a lane do not answer the quiz");
        return;
    }
    if (p->answered_seq == r->seq) {
        refuse(r, out, 409, "you have already answered this question");
        return;
    }
    Answer a;
    char err[160];
    if (!parse_answer(r, doc, &a, err, sizeof err)) {
        refuse(r, out, 400, "%s", err);
        return;
    }
    Verdict v = quiz_mark(&r->q, &a);
    p->answered_seq = r->seq;
    p->last_correct = v.correct;
    p->last_points = v.points;
    p->last_choice = a.value;
    p->points += v.points;
    p->level_earned += v.points;
    p->level_answered++;
    if (r->qnum >= 1 && r->qnum <= AC_MAX_QUESTIONS)
        p->level_verdicts[r->qnum - 1] = v;
    RoomTally *t = &r->tally;
    t->answered++;
    t->correct += v.correct;
    if (r->q.kind == Q_CHOICE || r->q.kind == Q_SCENARIO || r->q.kind == Q_TRUEFALSE)
        t->by_option[a.value]++;
    else if (r->q.kind == Q_TIGHTNESS)
        t->by_value[a.value]++;
    else if (r->q.kind == Q_PLACEMENT) {
        if (a.nowhere) {
            t->nowhere++;
        } else if (t->npoints < ROOM_MAX_PEOPLE) {
            t->px[t->npoints] = a.x;
            t->py[t->npoints] = a.y;
            t->pview[t->npoints] = a.view;
            t->pright[t->npoints] = v.correct;
            t->npoints++;
        }
    }
    bump(r);
    cJSON *res = cJSON_CreateObject();
    cJSON_AddBoolToObject(res, "ok", 1);
    cJSON_AddNumberToObject(res, "seq", r->seq);
    reply_json(out, 200, res);
}

static bool push_command(Room *r, RoomCommand c)
{
    if (r->ncmds >= ROOM_MAX_COMMANDS) {
        r->dropped_cmds++;
        return false;
    }
    r->cmds[r->ncmds++] = c;
    return true;
}

bool room_take_command(Room *r, RoomCommand *out)
{
    if (r->ncmds == 0)
        return false;
    *out = r->cmds[0];
    memmove(r->cmds, r->cmds + 1, (size_t)(r->ncmds - 1) * sizeof r->cmds[0]);
    r->ncmds--;
    return true;
}

const char *room_stop_reason_id(RoomStopReason why)
{
    switch (why) {
    case ROOM_STOP_PAIN:
        return "pain";
    case ROOM_STOP_NUMBNESS:
        return "numbness";
    case ROOM_STOP_DIZZINESS:
        return "dizziness";
    default:
        return "other";
    }
}

static void handle_lane(Room *r, int who, const char *what, const cJSON *doc, RoomResponse *out)
{
    RoomPerson *p = &r->people[who];
    if (r->mode != ROOM_MODE_SESSION) {
        refuse(r, out, 409, "there is no group session running");
        return;
    }
    if (strcmp(what, "lane") == 0) {
        int lane;
        if (!int_field(doc, "lane", 0, r->nlanes - 1, &lane)) {
            refuse(r, out, 400, "lane: expected a lane number from 0 to %d", r->nlanes - 1);
            return;
        }
        for (int o = 0; o < r->npeople; o++)
            if (o != who && r->people[o].used && r->people[o].lane == lane) {
                refuse(r, out, 409, "lane %d is already held by %s", lane + 1, r->people[o].name);
                return;
            }
        p->lane = lane;
        bump(r);
    } else {
        if (p->lane < 0 || p->lane >= r->nlanes) {
            refuse(r, out, 409, "join a lane first");
            return;
        }
        RoomCommand c = {.kind = ROOM_CMD_TAP, .lane = p->lane};
        if (strcmp(what, "stop") == 0) {
            const cJSON *why = field(doc, "reason");
            static const char *const ids[] = {"pain", "numbness", "dizziness", "other"};
            int k = -1;
            for (int i = 0; cJSON_IsString(why) && i < 4; i++)
                if (strcmp(why->valuestring, ids[i]) == 0)
                    k = i;
            if (k < 0) {
                refuse(r, out, 400, "reason: expected pain, numbness, dizziness or other");
                return;
            }
            c.kind = ROOM_CMD_STOP;
            c.reason = (RoomStopReason)k;
        }
        if (!push_command(r, c)) {
            refuse(r, out, 503, "the big screen is busy; try again");
            return;
        }
    }
    cJSON *res = cJSON_CreateObject();
    cJSON_AddBoolToObject(res, "ok", 1);
    cJSON_AddNumberToObject(res, "lane", p->lane);
    reply_json(out, 200, res);
}

/* The value of `name=` in a query string (exact key), copied into out. */
static bool query_param(const char *query, const char *name, char *out, size_t cap)
{
    size_t nl = strlen(name);
    for (const char *s = query; s && *s;) {
        const char *end = strchr(s, '&');
        size_t len = end ? (size_t)(end - s) : strlen(s);
        if (len > nl && strncmp(s, name, nl) == 0 && s[nl] == '=') {
            size_t vl = len - nl - 1;
            if (vl >= cap)
                return false;
            memcpy(out, s + nl + 1, vl);
            out[vl] = '\0';
            return true;
        }
        s = end ? end + 1 : NULL;
    }
    return false;
}

static bool has_escaped_nul(const char *s, size_t len)
{
    for (size_t i = 0; i + 6 <= len; i++)
        if (s[i] == '\\' && (s[i + 1] == 'u' || s[i + 1] == 'U') && s[i + 2] == '0' && s[i + 3] == '0' &&
            s[i + 4] == '0' && s[i + 5] == '0')
            return true;
    return false;
}

void room_handle(Room *r, const RoomRequest *req, RoomResponse *out)
{
    out->status = 500;
    out->kind = ROOM_REPLY_JSON;
    out->asset = NULL;
    out->content_type = "application/json; charset=utf-8";
    out->person = -1;
    out->body[0] = '\0';
    out->len = 0;
    if (req->now > r->now)
        r->now = req->now;

    const char *method = req->method ? req->method : "";
    const char *path = req->path ? req->path : "";
    if (strnlen(path, ROOM_MAX_PATH + 1) > ROOM_MAX_PATH) {
        refuse(r, out, 414, "the address is too long");
        return;
    }
    /* requests with a valid token are limited per participant (below); the rest per address, so one
     * device cannot flood the page or walk the codes, and a room of phones behind one address still fits */
    RoomRate *rate = rate_slot(r, req->client, req->now);
    char qtok[ROOM_TOKEN_LEN + 2];
    const char *tok = req->token;
    if (!tok && query_param(req->query, "t", qtok, sizeof qtok))
        tok = qtok;
    if (find_token(r, tok) < 0 &&
        !bucket_take(&rate->tokens, &rate->time, req->now, ROOM_RATE_ADDR_BURST, ROOM_RATE_ADDR_PER_S)) {
        refuse(r, out, 429, "too many requests from this device; slow down");
        return;
    }
    if (req->body_len > ROOM_MAX_BODY) {
        refuse(r, out, 413, "the request body is over %d bytes", ROOM_MAX_BODY);
        return;
    }
    bool get = strcmp(method, "GET") == 0, post = strcmp(method, "POST") == 0;

    for (int i = 0; room_assets[i][0]; i++)
        if (strcmp(path, room_assets[i][0]) == 0) {
            if (!get) {
                refuse(r, out, 405, "%s: only GET is allowed here", room_assets[i][0]);
                return;
            }
            out->status = 200;
            out->kind = ROOM_REPLY_ASSET;
            out->asset = room_assets[i][1];
            out->content_type = room_assets[i][2];
            return;
        }

    static const char *const posts[] = {"join", "answer", "tap", "stop", "lane", "leave"};
    static const char *const gets[] = {"state", "events"};
    const char *api = strncmp(path, "/api/", 5) == 0 ? path + 5 : NULL;
    int post_i = -1, get_i = -1;
    for (int i = 0; api && i < (int)OC_ARRAY_LEN(posts); i++)
        if (strcmp(api, posts[i]) == 0)
            post_i = i;
    for (int i = 0; api && i < (int)OC_ARRAY_LEN(gets); i++)
        if (strcmp(api, gets[i]) == 0)
            get_i = i;
    if (post_i < 0 && get_i < 0) {
        refuse(r, out, 404, "no such page");
        return;
    }
    if ((post_i >= 0 && !post) || (get_i >= 0 && !get)) {
        refuse(r, out, 405, "%s: only %s is allowed here", path, post_i >= 0 ? "POST" : "GET");
        return;
    }

    /* who is asking: the header, or ?t= for the event stream (EventSource cannot send headers) */
    int who = -1;
    if (post_i != 0) {
        if (get_i != 1)
            tok = req->token; /* ?t= is for the event stream only */
        if (!tok) {
            refuse(r, out, 401, "missing token: join the room first");
            return;
        }
        who = find_token(r, tok);
        if (who < 0) {
            refuse(r, out, 401, "unknown token: join the room again");
            return;
        }
        RoomPerson *p = &r->people[who];
        if (!bucket_take(&p->rate_tokens, &p->rate_time, req->now, ROOM_RATE_PERSON_BURST, ROOM_RATE_PERSON_PER_S)) {
            refuse(r, out, 429, "too many requests; slow down");
            return;
        }
    }
    if (get_i == 0) {
        out->status = 200;
        out->len = room_state_json(r, who, req->now, out->body, sizeof out->body);
        return;
    }
    if (get_i == 1) {
        out->status = 200;
        out->kind = ROOM_REPLY_EVENTS;
        out->content_type = "text/event-stream";
        out->person = who;
        return;
    }

    /* POST: a JSON object. A NUL (raw or escaped) would cut a string short behind the checks' backs. */
    if (req->body_len && (memchr(req->body, 0, req->body_len) || has_escaped_nul(req->body, req->body_len))) {
        refuse(r, out, 400, "body: NUL characters are not allowed");
        return;
    }
    cJSON *doc = req->body_len ? cJSON_ParseWithLength(req->body, req->body_len) : NULL;
    if (!cJSON_IsObject(doc)) {
        cJSON_Delete(doc);
        refuse(r, out, 400, "body: expected a JSON object");
        return;
    }
    switch (post_i) {
    case 0:
        /* wrong codes: a few tries per address, then a wait, so 10 000 codes can't be walked */
        handle_join(r, req, doc, rate, out);
        break;
    case 1:
        handle_answer(r, who, doc, out);
        break;
    case 5:
        r->people[who].used = false;
        if (r->asking)
            r->tally.people = room_people(r);
        bump(r);
        reply_json(out, 200, cJSON_CreateObject());
        break;
    default:
        handle_lane(r, who, api, doc, out);
        break;
    }
    cJSON_Delete(doc);
}

/* ---------------- lanes, from the big screen ---------------- */

void room_lanes(Room *r, int n, const char *const *names)
{
    if (n < 0)
        n = 0;
    if (n > ROOM_MAX_LANES)
        n = ROOM_MAX_LANES;
    r->nlanes = n;
    for (int i = 0; i < n; i++) {
        memset(&r->lanes[i], 0, sizeof r->lanes[i]);
        oc_strlcpy(r->lanes[i].name, names && names[i] ? names[i] : "", ROOM_NAME_MAX);
        r->lanes[i].seconds_left = -1;
    }
    for (int p = 0; p < r->npeople; p++)
        if (r->people[p].lane >= n)
            r->people[p].lane = -1;
    r->mode = ROOM_MODE_SESSION;
    bump(r);
}

void room_lane_status(Room *r, int lane, const RoomLaneStatus *st)
{
    if (lane < 0 || lane >= r->nlanes)
        return;
    RoomLaneStatus *cur = &r->lanes[lane];
    /* phones count seconds down themselves: only a new whole second is news */
    bool changed = cur->reps_target != st->reps_target || cur->reps_done != st->reps_done ||
                   cur->set_index != st->set_index || cur->sets != st->sets || cur->stopped != st->stopped ||
                   strcmp(cur->phase, st->phase) != 0 || strcmp(cur->message, st->message) != 0 ||
                   strcmp(cur->name, st->name) != 0 || ceil(cur->seconds_left) != ceil(st->seconds_left);
    if (!changed)
        return;
    *cur = *st;
    cur->name[ROOM_NAME_MAX - 1] = '\0';
    cur->phase[sizeof cur->phase - 1] = '\0';
    cur->message[sizeof cur->message - 1] = '\0';
    bump(r);
}
