/* What the Academy's scenes share: the loaded levels, the store, the student, and the art. */
#ifndef OC_ACADEMY_UI_H
#define OC_ACADEMY_UI_H

#include "academy.h"
#include "app.h"
#include "store.h"

#define ACADEMY_MAX_STUDENTS 1000 /* the picker scrolls */

typedef struct AcademyData {
    LevelSet set;
    Store *store;                 /* NULL if the database could not be opened: play on, nothing saved */
    Student students[ACADEMY_MAX_STUDENTS];
    int nstudents;
    int student;                  /* index into students, -1 = none chosen yet */
    int best_percent[AC_MAX_LEVELS];
    int best_stars[AC_MAX_LEVELS];
    bool unlocked[AC_MAX_LEVELS];
    bool classroom;               /* trainer's view: one question big, countdown, then the answer */
    int focus_hint;               /* the level the map focuses when the quiz returns to it (-1 = keep) */
    int attempts[AC_MAX_LEVELS];  /* starts of each level in this visit: every attempt is shuffled anew */

    SDL_Texture *figure[VIEW_COUNT]; /* body figures at the resolution picked for this screen */
    int figure_h;                 /* pixel height of the loaded figure images (0 = none loaded) */
    SDL_Texture *kind_icon[Q_KIND_COUNT];
    SDL_Texture *star, *lock;
} AcademyData;

/* Loads levels (problems printed to stderr and shown once), opens the store, loads the art. */
AcademyData *academy_data_create(App *app);
void academy_data_destroy(AcademyData *ad);
/* Best scores and unlocks for the current student. */
void academy_data_refresh(AcademyData *ad);
/* Which figure image suits a figure drawn px_height physical pixels tall: 1024 or 2048 (the smallest
 * at least that tall, so the renderer only scales down). */
int academy_figure_size(float px_height);
/* The figure textures, (re)loaded at 1024 or 2048 pixels to suit `px_height` on screen. */
void academy_data_figures(AcademyData *ad, App *app, float px_height);

/* Where the quiz draws the body figure, in logical units (1:2, like the images). */
#define QUIZ_FIG_X 150.0f
#define QUIZ_FIG_Y 140.0f
#define QUIZ_FIG_H 920.0f
#define QUIZ_FIG_W (QUIZ_FIG_H / 2.0f)
/* A point of the figure (0..1 across the image) in logical units. */
void quiz_figure_point(float fx, float fy, float *lx, float *ly);

/* The quiz for one level; in classroom mode the trainer's view. */
Scene *scene_quiz(AcademyData *ad, int level);
/* Jump straight to question `q` (tests and documentation screenshots). */
Scene *scene_quiz_at(AcademyData *ad, int level, int question);

/* For tests: where a quiz scene is. phase 0 = asking, 1 = answer shown, 2 = results. False if s is not
 * a quiz scene. */
bool quiz_probe(const Scene *s, int *level, int *question, int *phase);
/* For tests: the Academy map's chosen student ("" if none) and the picker's scroll. False if s is not
 * the Academy map. */
bool academy_probe_student(const Scene *s, char *name, size_t cap, int *pick_top);

/* The seed the quiz shuffles options and ordering steps with: per level and per attempt (attempt 0 is
 * the first start of the level in this visit), so a retry cannot be answered from memorised positions. */
uint64_t quiz_order_seed(int level, int attempt);
/* For tests: the seed of the attempt a quiz scene is showing (0 if s is not a quiz scene). */
uint64_t quiz_current_seed(const Scene *s);

/* For tests: where the band is (figure coordinates, the view shown); false if it is in the tray or s is
 * not a quiz scene. */
bool quiz_probe_band(const Scene *s, float *x, float *y, FigureView *view);
/* For tests: the answer view's labels on the figure as last drawn ("your band", "right place"; w = 0 where
 * there is none) and the figure x (0..1) of the labelled target's centre. False if s is not a quiz scene. */
bool quiz_probe_answer_tags(const Scene *s, LRect *band_tag, LRect *zone_tag, float *zone_fx);

/* How an answer row is painted. Coloured rows are darkened until their text has at least 4.5:1 contrast
 * (WCAG AA) in every palette; the colour itself stays visible as the row's outline. */
typedef enum RowTone { ROW_PLAIN, ROW_FOCUS, ROW_HELD, ROW_RIGHT, ROW_WRONG, ROW_REVEALED, ROW_TONE_COUNT } RowTone;
void quiz_row_colors(const Palette *p, RowTone tone, SDL_Color *fill, SDL_Color *ink, SDL_Color *edge);

/* Drawing helpers shared by the Academy scenes. */
void academy_draw_stars(App *app, const AcademyData *ad, float x, float y, float size, int stars);

/* The Academy scenes paint what they show into this cached layer (gfx_cached_layer) and copy it opaque each
 * frame; the map and the quiz are never on screen together, so they share it. */
#define ACADEMY_LAYER_SLOT 6
/* FNV-1a over n bytes, continuing from h (start with ACADEMY_HASH_START): a layer's key. */
#define ACADEMY_HASH_START 2166136261u
Uint32 academy_hash(Uint32 h, const void *p, size_t n);
/* The key parts every Academy layer shares: the output size, the logical width and the palette. */
Uint32 academy_hash_frame(Uint32 h, const App *app);

#endif
