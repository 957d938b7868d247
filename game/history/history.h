/* The History scene: athletes and students, their sessions, charts and Academy scores, and the export. */
#ifndef OC_HISTORY_H
#define OC_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

#include "app.h"
#include "store.h"

Scene *scene_history(void);

/* For tests: what the History scene shows. False if s is not the History scene. */
typedef struct HistoryProbe {
    int people, person; /* listed, and the chosen one */
    char name[STORE_NAME_MAX];
    int sessions, levels; /* of the chosen person */
    int list_top, list_visible;
    /* the chart as last painted: each session's centre (logical x) and half its bar cluster's width */
    int chart_n;
    float chart_x[40], chart_half;
    /* the sessions table as last painted: column left edges (9th = right end), cells cut with an ellipsis */
    float col_x[9];
    int cut_cells;
} HistoryProbe;
bool history_probe(const Scene *s, HistoryProbe *out);

/* How a session ended, in plain words ("Done", "Stopped: numbness"); stop_reason as saved (ids joined
 * with "; "), NULL if none. */
void history_ended_text(StoreSessionStatus status, const char *stop_reason, char *out, size_t cap);

#endif
