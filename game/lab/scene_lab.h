/* The Muscle Lab scene (issue 11). */
#ifndef OC_SCENE_LAB_H
#define OC_SCENE_LAB_H

#include "app.h"
#include "body_part.h"

/* The Lab as opened from the menu or with --scene lab (reads --demo, --limb, --lab-cuff, --lab-view, --at). */
Scene *scene_lab(void);
/* The demo of a part started `at` simulated seconds in, one limb or side by side (benchmarks, tools). */
Scene *scene_lab_demo(BodyPart part, bool side, double at);
/* The title screen's attract loop: the demo plays by itself; any input goes back to the title. */
Scene *scene_lab_attract(void);

#endif
