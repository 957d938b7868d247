/* The data dir's SQLite database, one file for the whole game: students and their Academy attempts and
 * best scores; athletes and their Guided Sessions (sets, stops and their reasons, screening answers).
 * Every write is one transaction with synchronous=FULL, so a crash keeps every write that returned 0.
 *
 * Nothing the user made is lost: a file is set aside (renamed to a new, numbered <path>.corrupt-N, never
 * over an earlier copy) only when SQLite itself says it is not a database or is malformed. A busy file is
 * waited for and then reported; a read-only file opens read-only; a file made by a newer game opens
 * read-only and untouched; a full disk is reported and nothing is moved. */
#ifndef OC_STORE_H
#define OC_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define STORE_FILE "occlusion-coach.sqlite3"
#define STORE_SCHEMA_VERSION 2
#define STORE_NAME_MAX 40       /* bytes, with the NUL */
#define STORE_TEXT_MAX 80       /* protocol ids and names, stop reasons */
#define STORE_BACKUPS_KEPT 7
#define STORE_BUSY_MS_DEFAULT 3000

typedef struct Store Store;

typedef struct Student {
    int64_t id;
    char name[STORE_NAME_MAX];
} Student;

typedef struct BestScore {
    int percent; /* best so far, 0..100; -1 if never tried */
    int stars;   /* best so far */
    int attempts;
} BestScore;

typedef struct StoreOpenOptions {
    int busy_ms; /* how long to wait for another program's lock; 0 = STORE_BUSY_MS_DEFAULT */
} StoreOpenOptions;

/* Opens or creates the database. `notice` is "" when all is well, else one line for a toast: the file
 * was set aside (and where), is read-only, is newer than this game, is busy, or the disk is full.
 * Sessions still marked running (their program was killed) are marked interrupted, unless another
 * running copy of the game has the database open. Returns NULL with the reason in `notice` when the
 * database cannot be used at all (busy, disk full while upgrading, unreadable); nothing is moved then. */
Store *store_open(const char *path, char *notice, size_t nlen);
Store *store_open_with(const char *path, const StoreOpenOptions *opt, char *notice, size_t nlen);
void store_close(Store *s);
/* True when writes are refused (read-only file, or made by a newer game). */
bool store_read_only(const Store *s);
/* How many sessions store_open marked interrupted. */
int store_interrupted_on_open(const Store *s);

/* ---------------- Academy ---------------- */

/* Names: trimmed (Unicode spaces too), NFC, 1..39 bytes of valid UTF-8 with at least one letter or
 * digit; unique after normalisation and case folding ("Élodie" = "élodie", NFC "René" = NFD "René"). */
int store_add_student(Store *s, const char *name, int64_t *id, char *err, size_t errlen);
int store_rename_student(Store *s, int64_t id, const char *name, char *err, size_t errlen);
/* Up to max students, oldest first; returns the count (or -1). */
int store_students(Store *s, Student *out, int max);
int store_student_count(Store *s);

/* One finished level attempt: logged, and the best score raised if beaten. One transaction. */
int store_record_attempt(Store *s, int64_t student, const char *level_id, int earned, int total, int percent,
                         int stars, char *err, size_t errlen);
/* Best for one level; percent -1 and stars 0 if never tried. 0 on success. */
int store_best(Store *s, int64_t student, const char *level_id, BestScore *out);
/* Number of attempts logged for a student (all levels). */
int store_attempt_count(Store *s, int64_t student);

/* ---------------- Guided Session history ---------------- */

typedef enum StoreSessionStatus {
    STORE_SESSION_RUNNING,
    STORE_SESSION_DONE,
    STORE_SESSION_STOPPED,
    STORE_SESSION_INTERRUPTED
} StoreSessionStatus;

typedef struct StoreSessionStart {
    int64_t athlete;           /* from store_athlete_get_or_add */
    const char *protocol_id;   /* file id, e.g. "guide-five-sets" */
    const char *protocol_name; /* shown in History */
    const char *body_part;     /* body_part_id(): arm|forearm|thigh|calf|shoulder */
    double load_percent;       /* % 1RM */
    double tightness;          /* 0..10, or -1 when unknown */
    double pressure_mmhg;      /* or -1 when unknown */
    int64_t started_unix;      /* wall clock from the front end (the core reads no clock) */
    int64_t group_id;          /* lanes of one group session share it; 0 when alone */
} StoreSessionStart;

typedef struct StoreSet {
    int index;         /* 1-based */
    int reps_planned;  /* 0 = to failure */
    int reps_done;
    double started_s;  /* seconds from the session's start */
    double duration_s;
    double wrap_time_s; /* continuous wrap time when the set ended */
} StoreSet;

const char *store_session_status_name(StoreSessionStatus st); /* running|done|stopped|interrupted */

int store_athlete_get_or_add(Store *s, const char *name, int64_t *id, char *err, size_t errlen);
/* Known athletes (id and name), sorted by name (accents and case ignored); returns the count or -1. For a
 * picker: scroll it (game/ui_list.h) rather than cut it. */
int store_athletes(Store *s, Student *out, int max);
int store_session_begin(Store *s, const StoreSessionStart *st, int64_t *session_id, char *err, size_t errlen);
int store_session_screening(Store *s, int64_t session, const char *item_id, bool yes, char *err, size_t errlen);
/* One transaction, durable on return. A set index already stored for the session is replaced. */
int store_set_commit(Store *s, int64_t session, const StoreSet *set, char *err, size_t errlen);
int store_session_end(Store *s, int64_t session, StoreSessionStatus status, const char *stop_reason /* NULL if done */,
                      int64_t ended_unix, double wrap_time_s, char *err, size_t errlen);

/* CSV, one row per set (a session without sets gets one row with an empty set), RFC 4180 quoting, CRLF.
 * Header: session,athlete,started,status,set,reps_planned,reps_done,set_started_s,set_duration_s,
 * wrap_time_s,protocol,protocol_name,body_part,load_percent,tightness,pressure_mmhg,group,stop_reason,ended
 * (status: done|stopped|interrupted|running; times as UTC ISO 8601). s NULL (no database yet): the
 * header alone. */
int store_export_csv(Store *s, FILE *out, char *err, size_t errlen);
/* The same into a file, written atomically (path.tmp, fsync, rename). */
int store_export_csv_file(Store *s, const char *path, char *err, size_t errlen);

/* ---------------- reading the history (the History scene) ---------------- */

/* One person: an athlete, a student, or both when their normalised names match. */
typedef struct StorePerson {
    char name[STORE_NAME_MAX];
    int64_t athlete; /* 0 if none */
    int64_t student; /* 0 if none */
    int sessions;
    int attempts;
} StorePerson;

typedef struct StoreSessionInfo {
    int64_t id;
    int64_t started_unix, ended_unix; /* ended 0 if not ended */
    char protocol_id[STORE_TEXT_MAX];
    char protocol_name[STORE_TEXT_MAX];
    char body_part[16];
    double load_percent, tightness, pressure_mmhg; /* -1 when unknown */
    StoreSessionStatus status;
    char stop_reason[STORE_TEXT_MAX];
    int sets;
    int reps; /* all sets */
    double wrap_time_s; /* at the end, or the last set's */
} StoreSessionInfo;

typedef struct StoreLevelBest {
    char level_id[STORE_TEXT_MAX];
    int percent, stars, attempts;
} StoreLevelBest;

/* All people, sorted by name (case-folded); returns the count or -1. *total gets the full count. */
int store_people(Store *s, StorePerson *out, int max, int *total);
/* An athlete's sessions, oldest first (up to max); returns the count or -1. */
int store_athlete_sessions(Store *s, int64_t athlete, StoreSessionInfo *out, int max);
int store_session_sets(Store *s, int64_t session, StoreSet *out, int max);
int store_student_levels(Store *s, int64_t student, StoreLevelBest *out, int max);

/* ---------------- backups ---------------- */

/* Once per day: copies the open database with SQLite's online backup API to
 * <dir>/occlusion-coach-<date>.sqlite3 (date "YYYY-MM-DD" from the front end's clock) unless that file
 * exists, then deletes all but the newest STORE_BACKUPS_KEPT such files. Returns 1 if a backup was made,
 * 0 if today's exists, -1 on error. */
int store_backup_daily(Store *s, const char *dir, const char *date, char *err, size_t errlen);

#endif
