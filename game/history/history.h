/* The History scene: athletes and students, their sessions, charts and Academy scores, and the export. */
#ifndef OC_HISTORY_H
#define OC_HISTORY_H

#include <stdbool.h>

#include "app.h"
#include "store.h"

Scene *scene_history(void);

/* For tests: what the History scene shows. False if s is not the History scene. */
typedef struct HistoryProbe {
    int people, person; /* listed, and the chosen one */
    char name[STORE_NAME_MAX];
    int sessions, levels; /* of the chosen person */
    int list_top, list_visible;
} HistoryProbe;
bool history_probe(const Scene *s, HistoryProbe *out);

#endif
