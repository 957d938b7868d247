/* The game shell: window, renderer, fixed-step loop and a stack of scenes. */
#ifndef OC_APP_H
#define OC_APP_H

#include <SDL.h>
#include <stdbool.h>

#include "audio.h"
#include "layout.h"
#include "options.h"
#include "settings.h"
#include "text.h"

#define APP_STEP_SECONDS 0.01 /* fixed update step: the model's dt */
#define APP_MAX_SCENES 8
#define APP_MAX_WAKES 16
#define APP_ANIM_HZ 60.0 /* frame rate while something moves */
/* Captions and notices use the strip [lh - APP_NOTICE_H, lh) along the bottom edge: scenes keep it free. */
#define APP_NOTICE_H 30.0f

typedef enum Action {
    ACT_NONE,
    ACT_UP,
    ACT_DOWN,
    ACT_LEFT,   /* also "back" on presenter clickers */
    ACT_RIGHT,  /* also "next" */
    ACT_PREV,   /* PageUp */
    ACT_NEXT,   /* PageDown */
    ACT_ACCEPT, /* Return, Space, gamepad A */
    ACT_BACK,   /* Backspace, gamepad B */
    ACT_PAUSE,  /* Esc, F5, gamepad Start: pause menu or quit confirmation, never an instant quit */
    ACT_BLANK,  /* B or '.': blank the screen (presenter clickers) */
    ACT_FLIP,   /* Tab or V, gamepad Y: turn the body figure round */
    ACT_ALT,    /* N, gamepad X: the scene's second answer ("it can't be wrapped") */
} Action;

typedef struct App App;
typedef struct Store Store;
typedef struct Scene Scene;

struct Scene {
    const char *name;
    bool overlay; /* the scene below is drawn first (dialogs, pause) */
    /* overlay only: the scenes below are shown dimmed. They are frozen while an overlay is on top (no
     * updates, no input), so the app paints them, dimmed, once into a cached layer. */
    bool dim;
    /* dim overlays only (optional): the overlay itself is still until this value changes (a dialog's
     * focus), so the app paints it into the same cached layer as the dimmed scenes below. */
    unsigned (*still_key)(Scene *s);
    unsigned serial; /* set by the app when the scene enters */
    void *state;
    void (*enter)(Scene *s, App *app);
    void (*leave)(Scene *s, App *app); /* frees state */
    void (*action)(Scene *s, App *app, Action a);
    /* Pointer in logical units; click is true on button release inside the window. */
    void (*pointer)(Scene *s, App *app, float lx, float ly, bool click);
    /* Left button pressed (optional; for dragging). */
    void (*press)(Scene *s, App *app, float lx, float ly);
    /* Typed text (UTF-8) while app_text_input(app, true) is on (optional). */
    void (*text)(Scene *s, App *app, const char *utf8);
    void (*update)(Scene *s, App *app, double dt);
    void (*draw)(Scene *s, App *app);
};

typedef struct Palette {
    SDL_Color bg_top, bg_bottom, panel, panel_hi, text, text_dim, accent, accent2, good, bad, warn, focus;
} Palette;

typedef enum { OP_PUSH, OP_POP, OP_ROOT } SceneOpKind;
typedef struct SceneOp {
    SceneOpKind kind;
    Scene *scene;
} SceneOp;

struct App {
    GameOptions opt;
    Settings settings;
    char data_dir[OC_PATH_MAX];
    char settings_path[OC_PATH_MAX];
    char assets_dir[OC_PATH_MAX];
    bool settings_kept; /* settings.json was there but unreadable: never saved over */
    Store *store; /* the one database (history, scores); NULL if it cannot be used: scenes say so */

    SDL_Window *win;
    SDL_Renderer *ren;
    SDL_Surface *canvas; /* headless target */
    int pw, ph;          /* physical output size */
    Frame frame;
    bool vsync;
    SDL_Rect windowed_rect; /* where F11 puts the window back after full screen */

    TextCache *text;
    struct GfxCache *gfx; /* backdrop and corner textures at the current size */
    Audio audio;
    Palette pal;

    Scene *stack[APP_MAX_SCENES];
    int depth;
    SceneOp ops[APP_MAX_SCENES];
    int nops;
    unsigned scene_serial;

    bool running;
    bool blank;
    double time; /* game seconds since start, advanced in fixed steps */
    double accumulator;
    Uint64 last_counter;

    char caption[160];   /* shown while sound is off: what the cue would have said */
    double caption_until;
    char toast[320];     /* one-line notices (a repaired settings file, a saved screenshot) */
    double toast_until;

    SDL_GameController *pads[4];
    int stick_dir[4];    /* last left-stick direction per pad, for edge detection */
    float mouse_lx, mouse_ly;
    bool typing; /* text input on: printable keys are text, not actions */
    Uint64 start_counter;
    double first_frame_ms; /* startup to first presented frame */
    long frames_presented;

    /* Frame pacing in a window (headless draws every frame): see app_redraw/app_animate/app_wake_at. */
    bool dirty;          /* something on screen changed: draw the next frame */
    bool animating;      /* app_animate was called since the last frame: frames keep coming at anim_hz */
    bool anim_last;      /* the last frame was an animation frame */
    double anim_hz;      /* the animation frame rate asked for since the last frame (<= APP_ANIM_HZ) */
    double anim_last_hz; /* the rate of the last animation frame */
    double wakes[APP_MAX_WAKES]; /* game times of scheduled changes (countdown ticks, expiring notices) */
    int nwakes;
    double run_seconds;  /* app_run returns after this much wall time (0 = no limit; tests, benches) */
    bool signalled;      /* SIGTERM/SIGINT arrived: settings saved, the loop ends */
    struct RoomUi *room; /* the room (phones over local Wi-Fi): game/room/room_ui.h; NULL until used */
};

/* Where assets/ is: $OC_ASSETS_DIR, beside the binary, the installed data dir, or the source tree. */
void app_locate_assets(char *out, size_t cap);
/* The Academy's levels folder: --levels/--check-levels DIR, else levels/academy beside assets/. */
void app_levels_dir(const GameOptions *opt, char *out, size_t cap);

/* Sets up everything; on failure returns -1 with a message (nothing to clean up). */
int app_init(App *app, const GameOptions *opt, char *err, size_t errlen);
void app_shutdown(App *app);
/* Opens app->store in the data dir (called by app_init; any notice becomes a toast). Scenes that find
 * app->store NULL may call it again: the file may have been busy at start. */
void app_open_store(App *app);
/* Process events, run fixed steps worth frame_dt seconds, draw and present one frame. */
void app_frame(App *app, double frame_dt);
/* The interactive loop; max_frames < 0 runs until quit. A frame is drawn and presented only when something
 * changed (input, app_redraw, app_animate, app_wake_at, a caption or toast appearing or expiring); between
 * frames the loop sleeps in SDL_WaitEventTimeout. Frames are paced by measured time, never by the vsync
 * flag, so the loop is never uncapped. SIGTERM and SIGINT save the settings and end the loop. */
void app_run(App *app, long max_frames);

void app_push(App *app, Scene *s);
void app_pop(App *app);
void app_set_root(App *app, Scene *s);
const char *app_top_name(const App *app);
void app_dispatch(App *app, Action a);
void app_request_quit(App *app); /* asks first */
void app_cue(App *app, Cue c);
void app_toast(App *app, const char *msg);
int app_screenshot(App *app, const char *path, char *err, size_t errlen);
void app_save_settings(App *app);
void app_apply_palette(App *app);
void app_toggle_fullscreen(App *app);
void app_text_input(App *app, bool on);

/* Frame pacing (issue 9). In a window a frame is drawn and presented only when something on screen
 * changed; headless mode draws every frame. Input redraws by itself; scenes say the rest:
 * - app_redraw: something changed now (a value, a cue), draw the next frame;
 * - app_animate: call from update while something moves; frames keep coming at the animation rate;
 * - app_wake_at: nothing moves until game time t (the next tick of a countdown). */
void app_redraw(App *app);
void app_animate(App *app);
void app_wake_at(App *app, double game_time);
/* app_animate for something slow (a breathing emblem): frames at hz, at most APP_ANIM_HZ; the fastest
 * request since the last frame wins. */
void app_animate_at(App *app, double hz);

Scene *scene_create(SceneId id);
Scene *scene_confirm_quit(void);
Scene *scene_pause(void);
Scene *scene_academy(void);
Scene *scene_session(void);

#endif
