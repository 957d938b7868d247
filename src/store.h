/* The data dir's SQLite database: students, their Academy attempts and best scores. Every write is one
 * transaction, so a crash leaves either the whole change or none of it. Later modes (session history)
 * add their tables to the same file. */
#ifndef OC_STORE_H
#define OC_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define STORE_FILE "occlusion-coach.sqlite3"
#define STORE_SCHEMA_VERSION 1
#define STORE_NAME_MAX 40

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

/* Opens or creates the database. A file that is not a usable database is renamed to
 * <path>.corrupt (kept, never deleted) and a fresh one made; `notice` then says so (else it is ""). Returns
 * NULL with the reason in `notice` only when no database can be made at all. */
Store *store_open(const char *path, char *notice, size_t nlen);
void store_close(Store *s);

/* Names are trimmed, 1..39 bytes, unique regardless of case. 0 on success. */
int store_add_student(Store *s, const char *name, int64_t *id, char *err, size_t errlen);
int store_rename_student(Store *s, int64_t id, const char *name, char *err, size_t errlen);
/* Up to max students, oldest first; returns the count (or -1). */
int store_students(Store *s, Student *out, int max);

/* One finished level attempt: logged, and the best score raised if beaten. One transaction. */
int store_record_attempt(Store *s, int64_t student, const char *level_id, int earned, int total, int percent,
                         int stars, char *err, size_t errlen);
/* Best for one level; percent -1 and stars 0 if never tried. 0 on success. */
int store_best(Store *s, int64_t student, const char *level_id, BestScore *out);
/* Number of attempts logged for a student (all levels). */
int store_attempt_count(Store *s, int64_t student);

#endif
