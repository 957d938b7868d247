/* The Guided Session scene: setup, screening, wraps, sets and rests on the big screen, debrief. */
#ifndef OC_SESSION_SCENE_H
#define OC_SESSION_SCENE_H

#include <stddef.h>

#include "app.h"

/* --check-protocols DIR, or the shipped levels/protocols beside assets/. */
void session_protocols_dir(const GameOptions *opt, char *out, size_t cap);
Scene *scene_session(void);
/* After a headless --autoplay run: 0 when the session ran to its debrief and its history was written;
 * otherwise 1, with the reason in session_autoplay_message(). */
int session_autoplay_status(void);
const char *session_autoplay_message(void);

#endif
