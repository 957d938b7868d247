/* The muscle widget: one limb of the guide's five body parts, its muscles, veins, wrap and flows, drawn
 * from smooth triangle meshes and driven only by the occlusion model's outputs. Used by the Muscle Lab
 * (twice, side by side) and beside the Guided Session's countdown. */
#ifndef OC_MUSCLE_VIEW_H
#define OC_MUSCLE_VIEW_H

#include "app.h"
#include "body_part.h"
#include "model.h"

typedef struct MuscleView MuscleView;

MuscleView *muscle_view_create(App *app, BodyPart part);
void muscle_view_destroy(MuscleView *v);
void muscle_view_set_part(MuscleView *v, BodyPart part);
/* Animation state from the model (dt in real seconds: smoothing and particles). */
void muscle_view_update(MuscleView *v, const Model *m, double dt);
/* Everything, fitted into box (logical units). */
void muscle_view_draw(App *app, MuscleView *v, LRect box);

/* The same picture in two layers, for scenes that cache the still part: the skin and the limbs around it
 * (changes only with the part, the box and the palette), then what moves. */
void muscle_view_draw_still(App *app, const MuscleView *v, LRect box);
void muscle_view_draw_live(App *app, MuscleView *v, LRect box);

/* Scenes that sit the view on a flat colour can let it cache its skin and slow-changing muscle as one opaque
 * picture (redrawn only when what it shows changes visibly); draw_still then draws nothing more. */
void muscle_view_set_backdrop(MuscleView *v, SDL_Color bg);
/* draw_live in two parts, for scenes that keep the cached picture inside a cached layer of their own: the
 * picture (opaque, at its place in the box; redrawn only when it changes) and what moves every frame
 * (particles, flows, the alarm). muscle_view_cache_changed says when the picture needs drawing again;
 * draw_cached copies all of it (whole), or only what changed since its last call (the target still holds
 * the picture drawn then). */
bool muscle_view_cache_changed(App *app, const MuscleView *v, LRect box);
void muscle_view_draw_cached(App *app, MuscleView *v, LRect box, bool whole);
void muscle_view_draw_moving(App *app, MuscleView *v, LRect box);
/* The frame rate what moves in the view needs now, for app_animate_at: 60 while particles wash out (or an
 * uncached view squeezes in a rep), 30 while particles drift or fade or the tourniquet alarm pulses, 0 when
 * nothing moves by itself (what changes slowly, the cached picture, is for muscle_view_cache_changed). */
double muscle_view_motion_hz(const MuscleView *v);
/* The muscle's display colour for a tissue oxygen saturation (0..1), per the app's palette. */
SDL_Color muscle_view_tissue_color(const App *app, double oxygen);
/* How many metabolite particles are shown now (for tests). */
int muscle_view_particles(const MuscleView *v);

#endif
