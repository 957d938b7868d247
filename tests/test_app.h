/* A headless game for in-process end-to-end tests: its own temporary data dir, the software renderer,
 * events pushed through SDL's queue, one frame per event. */
#ifndef OC_TEST_APP_H
#define OC_TEST_APP_H

#include "app.h"

/* NULL (with the reason on stderr) if the app cannot start. `tag` names the temporary data dir. */
App *test_app_start(const char *tag, int w, int h, bool mute);
/* The same with options the caller set up (a window, say); their data dir becomes the temporary one. */
App *test_app_start_options(const char *tag, GameOptions *o);
/* A small real window (640x360, SDL's dummy or X11 video driver) for tests that count presented frames. */
App *test_app_start_window(const char *tag, bool mute);
/* Shuts the app down and removes its data dir; 0 on success. */
int test_app_stop(App *app);
const char *test_app_datadir(void);
void test_frame(App *app);
/* A windowed app's own loop run for `seconds` of wall time; the frames it presented meanwhile. */
long test_run_for(App *app, double seconds);
void test_key(App *app, SDL_Keycode k, Uint16 mod);
/* Text typed on the keyboard (SDL_TEXTINPUT), then a frame. */
void test_text(App *app, const char *s);

#endif
