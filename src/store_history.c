/* Guided Session history in the store: athletes, sessions, sets, stops, screening answers; reading it
 * back for the History scene; the CSV export; the daily backup. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* flock */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "oc_util.h"
#include "store_internal.h"

#define KEY_MAX (STORE_NAME_MAX * 4)

static void copy_col(sqlite3_stmt *st, int i, char *out, size_t cap);

static const char *const status_names[] = {"running", "done", "stopped", "interrupted"};

const char *store_session_status_name(StoreSessionStatus st)
{
    return st >= STORE_SESSION_RUNNING && st <= STORE_SESSION_INTERRUPTED ? status_names[st] : "?";
}

static StoreSessionStatus status_from_text(const unsigned char *t)
{
    for (int i = 0; i < 4; i++)
        if (t && strcmp((const char *)t, status_names[i]) == 0)
            return (StoreSessionStatus)i;
    return STORE_SESSION_INTERRUPTED;
}

static void bind_opt(sqlite3_stmt *st, int i, double v)
{
    if (v < 0 || !isfinite(v))
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_double(st, i, v);
}

static const char *text_or_empty(const char *t)
{
    return t ? t : "";
}

/* Runs one prepared write inside its own transaction. Finalizes st. */
static int write_one(Store *s, sqlite3_stmt *st, const char *what, char *err, size_t errlen)
{
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        store_fail_sql(s, what, err, errlen);
        store_rollback(s);
        return -1;
    }
    return store_commit(s, what, err, errlen);
}

static int prepare(Store *s, const char *sql, sqlite3_stmt **st, const char *what, char *err, size_t errlen)
{
    if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK) {
        store_fail_sql(s, what, err, errlen);
        store_rollback(s);
        return -1;
    }
    return 0;
}

int store_athlete_get_or_add(Store *s, const char *name, int64_t *id, char *err, size_t errlen)
{
    char clean[STORE_NAME_MAX], key[KEY_MAX];
    if (oc_name_clean(name, clean, sizeof clean, err, errlen) != 0)
        return -1;
    if (oc_name_key(clean, key, sizeof key) != 0)
        return oc_fail(err, errlen, "out of memory");
    const char *what = "saving the athlete";
    if (store_begin(s, what, err, errlen) != 0)
        return -1;
    sqlite3_stmt *st = NULL;
    if (prepare(s, "SELECT id FROM athletes WHERE name_key=?1 ORDER BY id LIMIT 1", &st, what, err, errlen) != 0)
        return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        if (id)
            *id = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        store_rollback(s);
        return 0;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        store_fail_sql(s, what, err, errlen);
        store_rollback(s);
        return -1;
    }
    if (prepare(s, "INSERT INTO athletes(name, name_key) VALUES (?1, ?2)", &st, what, err, errlen) != 0)
        return -1;
    sqlite3_bind_text(st, 1, clean, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, key, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        store_fail_sql(s, what, err, errlen);
        store_rollback(s);
        return -1;
    }
    int64_t new_id = sqlite3_last_insert_rowid(s->db);
    if (store_commit(s, what, err, errlen) != 0)
        return -1;
    if (id)
        *id = new_id;
    return 0;
}

/* The listing order for names: oc_sort_key (case-folded, accents with their letter) with every run of digits
 * compared by value, so "Athlete 2" comes before "Athlete 10". Each run is written as its digit count (two
 * digits) and then its digits without leading zeros; a plain byte comparison of two keys then orders numbers
 * by value and keeps letters in oc_sort_key's order. */
static void natural_key(const char *name, char *out, size_t cap)
{
    char base[KEY_MAX];
    if (oc_name_sort_key(name, base, sizeof base) != 0)
        oc_strlcpy(base, name, sizeof base);
    size_t o = 0;
    for (size_t i = 0; base[i] && o + 1 < cap;) {
        if (base[i] < '0' || base[i] > '9') {
            out[o++] = base[i++];
            continue;
        }
        while (base[i] == '0' && base[i + 1] >= '0' && base[i + 1] <= '9')
            i++; /* "007" is 7 */
        size_t n = 0;
        while (base[i + n] >= '0' && base[i + n] <= '9')
            n++;
        size_t len = n > 99 ? 99 : n;
        if (o + 2 + len + 1 > cap)
            break;
        out[o++] = (char)('0' + len / 10);
        out[o++] = (char)('0' + len % 10);
        memcpy(out + o, base + i, len);
        o += len;
        i += n;
    }
    if (cap)
        out[o < cap ? o : cap - 1] = '\0';
}

static void sql_natural_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const unsigned char *name = sqlite3_value_text(argv[0]);
    if (!name) {
        sqlite3_result_null(ctx);
        return;
    }
    char key[KEY_MAX * 2];
    natural_key((const char *)name, key, sizeof key);
    sqlite3_result_text(ctx, key, -1, SQLITE_TRANSIENT);
}

/* The listing queries order by oc_natural_key; it is registered on the connection when first needed. */
static int use_natural_key(Store *s)
{
    return sqlite3_create_function(s->db, "oc_natural_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                   sql_natural_key, NULL, NULL);
}

int store_athletes(Store *s, Student *out, int max)
{
    if (!s)
        return -1;
    sqlite3_stmt *st = NULL;
    if (use_natural_key(s) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db, "SELECT id, name FROM athletes ORDER BY oc_natural_key(name), id", -1, &st, NULL) !=
        SQLITE_OK)
        return -1;
    int n = 0;
    while (n < max && sqlite3_step(st) == SQLITE_ROW) {
        out[n].id = sqlite3_column_int64(st, 0);
        copy_col(st, 1, out[n].name, sizeof out[n].name);
        n++;
    }
    sqlite3_finalize(st);
    return n;
}

static bool short_text(const char *t, size_t max)
{
    return t && *t && strlen(t) < max && oc_utf8_valid(t, strlen(t));
}

int store_session_begin(Store *s, const StoreSessionStart *in, int64_t *session_id, char *err, size_t errlen)
{
    if (!in || in->athlete <= 0)
        return oc_fail(err, errlen, "session: no athlete given");
    if (!short_text(in->protocol_id, STORE_TEXT_MAX) || !short_text(in->protocol_name, STORE_TEXT_MAX))
        return oc_fail(err, errlen, "session: the protocol id and name must be 1 to %d bytes of UTF-8",
                       STORE_TEXT_MAX - 1);
    if (!short_text(in->body_part, 16))
        return oc_fail(err, errlen, "session: body part missing");
    if (!(in->load_percent >= 0 && in->load_percent <= 100))
        return oc_fail(err, errlen, "session: load %.1f %% is not from 0 to 100", in->load_percent);
    if (in->tightness > 10)
        return oc_fail(err, errlen, "session: tightness %.1f is not from 0 to 10", in->tightness);
    const char *what = "starting the session";
    if (store_begin(s, what, err, errlen) != 0)
        return -1;
    sqlite3_stmt *st = NULL;
    if (prepare(s,
                "INSERT INTO sessions(athlete_id, protocol_id, protocol_name, body_part, load_percent, tightness,"
                " pressure_mmhg, started_unix, group_id) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)",
                &st, what, err, errlen) != 0)
        return -1;
    sqlite3_bind_int64(st, 1, in->athlete);
    sqlite3_bind_text(st, 2, in->protocol_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, in->protocol_name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, in->body_part, -1, SQLITE_TRANSIENT);
    sqlite3_bind_double(st, 5, in->load_percent);
    bind_opt(st, 6, in->tightness);
    bind_opt(st, 7, in->pressure_mmhg);
    sqlite3_bind_int64(st, 8, in->started_unix);
    sqlite3_bind_int64(st, 9, in->group_id);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        if ((rc & 0xff) == SQLITE_CONSTRAINT)
            oc_fail(err, errlen, "%s: no athlete %lld", what, (long long)in->athlete);
        else
            store_fail_sql(s, what, err, errlen);
        store_rollback(s);
        return -1;
    }
    int64_t id = sqlite3_last_insert_rowid(s->db);
    if (store_commit(s, what, err, errlen) != 0)
        return -1;
    if (session_id)
        *session_id = id;
    return 0;
}

int store_session_screening(Store *s, int64_t session, const char *item_id, bool yes, char *err, size_t errlen)
{
    if (!short_text(item_id, STORE_TEXT_MAX))
        return oc_fail(err, errlen, "screening: the item id must be 1 to %d bytes", STORE_TEXT_MAX - 1);
    const char *what = "saving the screening answer";
    if (store_begin(s, what, err, errlen) != 0)
        return -1;
    sqlite3_stmt *st = NULL;
    if (prepare(s, "INSERT OR REPLACE INTO screening(session_id, item_id, answer) VALUES (?1, ?2, ?3)", &st, what, err,
                errlen) != 0)
        return -1;
    sqlite3_bind_int64(st, 1, session);
    sqlite3_bind_text(st, 2, item_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 3, yes ? 1 : 0);
    return write_one(s, st, what, err, errlen);
}

int store_set_commit(Store *s, int64_t session, const StoreSet *set, char *err, size_t errlen)
{
    if (!set || set->index < 1 || set->reps_planned < 0 || set->reps_done < 0 || !isfinite(set->started_s) ||
        !isfinite(set->duration_s) || !isfinite(set->wrap_time_s) || set->duration_s < 0 || set->wrap_time_s < 0)
        return oc_fail(err, errlen, "set: index from 1, reps and times of 0 or more expected");
    const char *what = "saving the set";
    if (store_begin(s, what, err, errlen) != 0)
        return -1;
    sqlite3_stmt *st = NULL;
    if (prepare(s,
                "INSERT OR REPLACE INTO sets(session_id, idx, reps_planned, reps_done, started_s, duration_s,"
                " wrap_time_s) VALUES (?1,?2,?3,?4,?5,?6,?7)",
                &st, what, err, errlen) != 0)
        return -1;
    sqlite3_bind_int64(st, 1, session);
    sqlite3_bind_int(st, 2, set->index);
    sqlite3_bind_int(st, 3, set->reps_planned);
    sqlite3_bind_int(st, 4, set->reps_done);
    sqlite3_bind_double(st, 5, set->started_s);
    sqlite3_bind_double(st, 6, set->duration_s);
    sqlite3_bind_double(st, 7, set->wrap_time_s);
    return write_one(s, st, what, err, errlen);
}

int store_session_end(Store *s, int64_t session, StoreSessionStatus status, const char *stop_reason,
                      int64_t ended_unix, double wrap_time_s, char *err, size_t errlen)
{
    if (status == STORE_SESSION_RUNNING || status < 0 || status > STORE_SESSION_INTERRUPTED)
        return oc_fail(err, errlen, "ending a session: status must be done, stopped or interrupted");
    if (stop_reason && (!*stop_reason || strlen(stop_reason) >= STORE_TEXT_MAX ||
                        !oc_utf8_valid(stop_reason, strlen(stop_reason))))
        return oc_fail(err, errlen, "ending a session: the stop reason must be 1 to %d bytes of UTF-8",
                       STORE_TEXT_MAX - 1);
    const char *what = "ending the session";
    if (store_begin(s, what, err, errlen) != 0)
        return -1;
    sqlite3_stmt *st = NULL;
    if (prepare(s, "UPDATE sessions SET status=?2, ended_unix=?3, wrap_time_s=?4 WHERE id=?1", &st, what, err,
                errlen) != 0)
        return -1;
    sqlite3_bind_int64(st, 1, session);
    sqlite3_bind_text(st, 2, status_names[status], -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, ended_unix);
    bind_opt(st, 4, wrap_time_s);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE || sqlite3_changes(s->db) != 1) {
        if (rc == SQLITE_DONE)
            oc_fail(err, errlen, "%s: no session %lld", what, (long long)session);
        else
            store_fail_sql(s, what, err, errlen);
        store_rollback(s);
        return -1;
    }
    if (stop_reason) {
        if (prepare(s, "INSERT INTO stops(session_id, reason, at_unix) VALUES (?1, ?2, ?3)", &st, what, err, errlen) !=
            0)
            return -1;
        sqlite3_bind_int64(st, 1, session);
        sqlite3_bind_text(st, 2, stop_reason, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 3, ended_unix);
        return write_one(s, st, what, err, errlen);
    }
    return store_commit(s, what, err, errlen);
}

/* ---------------- CSV ---------------- */

/* RFC 4180: a field with a comma, quote, CR or LF is quoted, and its quotes doubled. */
static void csv_field(FILE *out, const char *t, bool last)
{
    t = text_or_empty(t);
    if (strpbrk(t, ",\"\r\n")) {
        fputc('"', out);
        for (; *t; t++) {
            if (*t == '"')
                fputc('"', out);
            fputc(*t, out);
        }
        fputc('"', out);
    } else {
        fputs(t, out);
    }
    fputs(last ? "\r\n" : ",", out);
}

#define CSV_COLUMNS 19
static const char *const csv_header[CSV_COLUMNS] = {
    "session",  "athlete",     "started",       "status",       "set",         "reps_planned", "reps_done",
    "set_started_s", "set_duration_s", "wrap_time_s", "protocol",  "protocol_name", "body_part", "load_percent",
    "tightness", "pressure_mmhg", "group",      "stop_reason",  "ended",
};

int store_export_csv(Store *s, FILE *out, char *err, size_t errlen)
{
    if (!s) { /* no history yet: the header alone */
        for (int i = 0; i < CSV_COLUMNS; i++)
            csv_field(out, csv_header[i], i == CSV_COLUMNS - 1);
        return ferror(out) ? oc_fail(err, errlen, "exporting the history: write error") : 0;
    }
    static const char *const sql =
        "SELECT s.id, a.name, strftime('%Y-%m-%dT%H:%M:%SZ', s.started_unix, 'unixepoch'), s.status,"
        " t.idx, t.reps_planned, t.reps_done, t.started_s, t.duration_s,"
        " coalesce(t.wrap_time_s, s.wrap_time_s), s.protocol_id, s.protocol_name, s.body_part, s.load_percent,"
        " s.tightness, s.pressure_mmhg, s.group_id,"
        " (SELECT group_concat(reason, '; ') FROM stops WHERE session_id=s.id),"
        " CASE WHEN s.ended_unix IS NULL THEN NULL ELSE strftime('%Y-%m-%dT%H:%M:%SZ', s.ended_unix, 'unixepoch') END"
        " FROM sessions s JOIN athletes a ON a.id=s.athlete_id LEFT JOIN sets t ON t.session_id=s.id"
        " ORDER BY s.id, t.idx";
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return store_fail_sql(s, "exporting the history", err, errlen);
    for (int i = 0; i < CSV_COLUMNS; i++)
        csv_field(out, csv_header[i], i == CSV_COLUMNS - 1);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < CSV_COLUMNS; i++) {
            char num[64];
            const char *t = NULL;
            switch (sqlite3_column_type(st, i)) {
            case SQLITE_NULL: break;
            case SQLITE_FLOAT: { /* at most 2 decimals, no trailing zeros: 135, 7.5, 0.25 */
                snprintf(num, sizeof num, "%.2f", sqlite3_column_double(st, i));
                size_t n = strlen(num);
                while (n > 0 && num[n - 1] == '0')
                    num[--n] = '\0';
                if (n > 0 && num[n - 1] == '.')
                    num[--n] = '\0';
                t = num;
                break;
            }
            default: t = (const char *)sqlite3_column_text(st, i); break;
            }
            csv_field(out, t, i == CSV_COLUMNS - 1);
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail_sql(s, "exporting the history", err, errlen);
    if (ferror(out))
        return oc_fail(err, errlen, "exporting the history: write error");
    return 0;
}

int store_export_csv_file(Store *s, const char *path, char *err, size_t errlen)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem)
        return oc_fail(err, errlen, "%s: out of memory", path);
    int rc = store_export_csv(s, mem, err, errlen);
    if (fclose(mem) != 0 && rc == 0)
        rc = oc_fail(err, errlen, "%s: out of memory", path);
    if (rc == 0)
        rc = oc_write_file_atomic(path, buf, len, err, errlen);
    free(buf);
    return rc;
}

/* ---------------- reading ---------------- */

static void copy_col(sqlite3_stmt *st, int i, char *out, size_t cap)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    oc_strlcpy(out, t ? (const char *)t : "", cap);
}

static double col_opt(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? -1.0 : sqlite3_column_double(st, i);
}

int store_people(Store *s, StorePerson *out, int max, int *total)
{
    if (total)
        *total = 0;
    if (!s)
        return -1;
    /* athletes and students joined on their normalised names: one row per person */
    static const char *const sql =
        "WITH p(key, name, athlete, student) AS ("
        "  SELECT name_key, name, id, NULL FROM athletes"
        "  UNION ALL SELECT coalesce(name_key, oc_name_key(name)), name, NULL, id FROM students)"
        " SELECT min(name), coalesce(min(athlete), 0), coalesce(min(student), 0),"
        "  (SELECT count(*) FROM sessions WHERE athlete_id = min(p.athlete)),"
        "  (SELECT count(*) FROM academy_attempts WHERE student_id = min(p.student))"
        " FROM p GROUP BY key ORDER BY oc_natural_key(min(name)), key";
    sqlite3_stmt *st = NULL;
    if (use_natural_key(s) != SQLITE_OK || sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    int n = 0, all = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n < max) {
            StorePerson *p = &out[n++];
            copy_col(st, 0, p->name, sizeof p->name);
            p->athlete = sqlite3_column_int64(st, 1);
            p->student = sqlite3_column_int64(st, 2);
            p->sessions = sqlite3_column_int(st, 3);
            p->attempts = sqlite3_column_int(st, 4);
        }
        all++;
    }
    sqlite3_finalize(st);
    if (total)
        *total = all;
    return rc == SQLITE_DONE ? n : -1;
}

int store_athlete_sessions(Store *s, int64_t athlete, StoreSessionInfo *out, int max)
{
    if (!s)
        return -1;
    static const char *const sql =
        "SELECT s.id, s.started_unix, coalesce(s.ended_unix, 0), s.protocol_id, s.protocol_name, s.body_part,"
        " s.load_percent, s.tightness, s.pressure_mmhg, s.status,"
        " coalesce((SELECT group_concat(reason, '; ') FROM stops WHERE session_id=s.id), ''),"
        " (SELECT count(*) FROM sets WHERE session_id=s.id),"
        " (SELECT coalesce(sum(reps_done), 0) FROM sets WHERE session_id=s.id),"
        " coalesce(s.wrap_time_s, (SELECT wrap_time_s FROM sets WHERE session_id=s.id ORDER BY idx DESC LIMIT 1), 0)"
        " FROM sessions s WHERE s.athlete_id=?1 ORDER BY s.started_unix, s.id";
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(st, 1, athlete);
    int n = 0, rc;
    while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        StoreSessionInfo *x = &out[n++];
        memset(x, 0, sizeof *x);
        x->id = sqlite3_column_int64(st, 0);
        x->started_unix = sqlite3_column_int64(st, 1);
        x->ended_unix = sqlite3_column_int64(st, 2);
        copy_col(st, 3, x->protocol_id, sizeof x->protocol_id);
        copy_col(st, 4, x->protocol_name, sizeof x->protocol_name);
        copy_col(st, 5, x->body_part, sizeof x->body_part);
        x->load_percent = sqlite3_column_double(st, 6);
        x->tightness = col_opt(st, 7);
        x->pressure_mmhg = col_opt(st, 8);
        x->status = status_from_text(sqlite3_column_text(st, 9));
        copy_col(st, 10, x->stop_reason, sizeof x->stop_reason);
        x->sets = sqlite3_column_int(st, 11);
        x->reps = sqlite3_column_int(st, 12);
        x->wrap_time_s = sqlite3_column_double(st, 13);
    }
    sqlite3_finalize(st);
    return n;
}

int store_session_sets(Store *s, int64_t session, StoreSet *out, int max)
{
    if (!s)
        return -1;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT idx, reps_planned, reps_done, started_s, duration_s, wrap_time_s FROM sets"
                           " WHERE session_id=?1 ORDER BY idx",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(st, 1, session);
    int n = 0;
    while (n < max && sqlite3_step(st) == SQLITE_ROW) {
        out[n++] = (StoreSet){
            .index = sqlite3_column_int(st, 0),
            .reps_planned = sqlite3_column_int(st, 1),
            .reps_done = sqlite3_column_int(st, 2),
            .started_s = sqlite3_column_double(st, 3),
            .duration_s = sqlite3_column_double(st, 4),
            .wrap_time_s = sqlite3_column_double(st, 5),
        };
    }
    sqlite3_finalize(st);
    return n;
}

int store_student_levels(Store *s, int64_t student, StoreLevelBest *out, int max)
{
    if (!s)
        return -1;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT level_id, percent, stars, attempts FROM academy_best WHERE student_id=?1"
                           " ORDER BY level_id",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(st, 1, student);
    int n = 0;
    while (n < max && sqlite3_step(st) == SQLITE_ROW) {
        StoreLevelBest *b = &out[n++];
        copy_col(st, 0, b->level_id, sizeof b->level_id);
        b->percent = sqlite3_column_int(st, 1);
        b->stars = sqlite3_column_int(st, 2);
        b->attempts = sqlite3_column_int(st, 3);
    }
    sqlite3_finalize(st);
    return n;
}

/* ---------------- daily backup ---------------- */

#define BACKUP_PREFIX "occlusion-coach-"
#define BACKUP_SUFFIX ".sqlite3"

static bool valid_date(const char *d)
{
    if (!d || strlen(d) != 10)
        return false;
    for (int i = 0; i < 10; i++) {
        bool dash = i == 4 || i == 7;
        if (dash ? d[i] != '-' : (d[i] < '0' || d[i] > '9'))
            return false;
    }
    int m = (d[5] - '0') * 10 + (d[6] - '0'), day = (d[8] - '0') * 10 + (d[9] - '0');
    return m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

static bool backup_name(const char *name)
{
    size_t n = strlen(name), p = strlen(BACKUP_PREFIX), q = strlen(BACKUP_SUFFIX);
    if (n != p + 10 + q || strncmp(name, BACKUP_PREFIX, p) != 0 || strcmp(name + p + 10, BACKUP_SUFFIX) != 0)
        return false;
    char date[11];
    memcpy(date, name + p, 10);
    date[10] = '\0';
    return valid_date(date);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Deletes all but the newest `keep` backups in dir (names sort by date). */
static void prune_backups(const char *dir, int keep)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    char *names[512];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < (int)OC_ARRAY_LEN(names))
        if (backup_name(e->d_name))
            names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, (size_t)n, sizeof names[0], cmp_names);
    for (int i = 0; i < n; i++) {
        if (names[i] && i < n - keep) {
            char path[1200];
            if (oc_path_join(path, sizeof path, dir, names[i]))
                unlink(path);
        }
        free(names[i]);
    }
}

static int backup_locked(Store *s, const char *dir, const char *date, char *err, size_t errlen);

int store_backup_daily(Store *s, const char *dir, const char *date, char *err, size_t errlen)
{
    if (!s)
        return oc_fail(err, errlen, "backup: the database could not be opened");
    if (!valid_date(date))
        return oc_fail(err, errlen, "backup: date '%s' is not YYYY-MM-DD", date ? date : "");
    if (oc_mkdirs(dir, err, errlen) != 0)
        return -1;
    /* Two games on one data folder: the one holding the folder's lock makes the day's copy; the other
     * leaves it to that one (its copy is as new as ours) instead of writing the same file at once. */
    char lock[1200];
    if (!oc_path_join(lock, sizeof lock, dir, ".backup.lock"))
        return oc_fail(err, errlen, "backup: %s: path too long", dir);
    int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return oc_fail(err, errlen, "backup: cannot open %s (%s)", lock, strerror(errno));
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        close(fd);
        return 0;
    }
    int rc = backup_locked(s, dir, date, err, errlen);
    close(fd); /* and the lock with it */
    return rc;
}

static int backup_locked(Store *s, const char *dir, const char *date, char *err, size_t errlen)
{
    char name[64], path[1200], tmp[1210];
    snprintf(name, sizeof name, BACKUP_PREFIX "%s" BACKUP_SUFFIX, date);
    if (!oc_path_join(path, sizeof path, dir, name))
        return oc_fail(err, errlen, "backup: %s: path too long", dir);
    if (oc_file_exists(path))
        return 0;
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    unlink(tmp); /* ours, from an earlier try that was cut short */
    sqlite3 *dst = NULL;
    if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        oc_fail(err, errlen, "backup: %s: %s", tmp, dst ? sqlite3_errmsg(dst) : "out of memory");
        sqlite3_close(dst);
        return -1;
    }
    sqlite3_exec(dst, "PRAGMA synchronous=FULL;", NULL, NULL, NULL);
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", s->db, "main");
    int rc = SQLITE_ERROR;
    if (b) {
        rc = sqlite3_backup_step(b, -1); /* the whole file in one step, under one read lock */
        int fin = sqlite3_backup_finish(b);
        rc = rc == SQLITE_DONE ? fin : (rc == SQLITE_OK ? SQLITE_ERROR : rc);
    } else {
        rc = sqlite3_errcode(dst);
    }
    if (rc != SQLITE_OK) {
        oc_fail(err, errlen, "backup to %s failed: %s", path,
                (rc & 0xff) == SQLITE_FULL ? "the disk is full" : sqlite3_errmsg(dst));
        sqlite3_close(dst);
        unlink(tmp);
        return -1;
    }
    sqlite3_close(dst);
    if (rename(tmp, path) != 0) {
        int e = errno;
        unlink(tmp);
        return oc_fail(err, errlen, "backup: cannot name it %s (%s)", path, strerror(e));
    }
    prune_backups(dir, STORE_BACKUPS_KEPT);
    return 1;
}
