/* Guided-session protocols: the plan of sets, rep targets and rests a trainer runs, kept as JSON files in
 * levels/protocols/ (format documented in levels/README.md). Loading checks every field and reports
 * problems naming the file and the field, like the Academy's level files. */
#ifndef OC_SESSION_PROTOCOL_H
#define OC_SESSION_PROTOCOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "body_part.h"

#define PROTOCOL_FORMAT_VERSION 1
#define PROTOCOL_MAX_SETS 10
#define PROTOCOL_MAX_FILES 64
#define PROTOCOL_ID_MAX 48
#define PROTOCOL_NAME_MAX 96
#define PROTOCOL_SUMMARY_MAX 640

/* Ranges the loader and the setup screen both keep to. */
#define PROTOCOL_REST_MIN_S 30
#define PROTOCOL_REST_MAX_S 60
#define PROTOCOL_LOAD_MIN 20 /* % 1RM: the guide's light-load range */
#define PROTOCOL_LOAD_MAX 50
#define PROTOCOL_REPS_MAX 60
#define PROTOCOL_REP_S_MIN 1.0
#define PROTOCOL_REP_S_MAX 6.0
#define PROTOCOL_RECOVER_MIN_S 30
#define PROTOCOL_RECOVER_MAX_S 300

typedef struct SessionProtocol {
    char id[PROTOCOL_ID_MAX];
    char name[PROTOCOL_NAME_MAX];
    char summary[PROTOCOL_SUMMARY_MAX];
    char path[512];
    BodyPart body_part;   /* the part the plan is written for; the trainer may change it */
    int load_percent;     /* % of one-repetition maximum */
    int rest_s;           /* between sets, wraps on */
    double rep_s;         /* the metronome's pace and the automatic taps' pace */
    int recover_s;        /* wraps off: time for the blood to flow back before the debrief */
    int sets;
    int reps[PROTOCOL_MAX_SETS];        /* target, or the number to expect when to_failure */
    bool to_failure[PROTOCOL_MAX_SETS]; /* the set ends when the trainer says the athlete is done */
} SessionProtocol;

/* One line per problem: "file: field: what was expected". */
typedef void (*ProtocolReport)(void *ctx, const char *line);

/* The guide's scheme as built-in defaults (used when no file is given and by tests). */
void session_protocol_default(SessionProtocol *p);

/* Parses one file's text; returns the number of problems (0 = usable). `path` names the file in messages. */
int session_protocol_parse(const char *text, size_t len, const char *path, SessionProtocol *out,
                           ProtocolReport report, void *ctx);
/* Reads and parses a file: 0, or -1 with the first problem in err. */
int session_protocol_load(const char *path, SessionProtocol *out, char *err, size_t errlen);

/* Seconds the wraps stay on for this plan if every set goes as planned (wrap check, sets and rests). */
double session_protocol_wrap_estimate_s(const SessionProtocol *p);
/* The plan checked against the body part's wrap-time limit: 0, or -1 with a message naming the field. */
int session_protocol_fits(const SessionProtocol *p, BodyPart part, const char *what, char *err, size_t errlen);

typedef struct ProtocolSet {
    SessionProtocol *items;
    int count, files, errors;
} ProtocolSet;

/* Every *.json of a folder in name order; broken files are reported and left out. */
int session_protocol_load_dir(ProtocolSet *set, const char *dir, ProtocolReport report, void *ctx);
void session_protocol_free(ProtocolSet *set);
/* --check-protocols: prints every problem, then "N protocols, K errors"; returns the exit status. */
int session_protocol_check(const char *dir, FILE *out);

#endif
