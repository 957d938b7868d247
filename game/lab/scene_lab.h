/* The Muscle Lab scene (issue 11). */
#ifndef OC_SCENE_LAB_H
#define OC_SCENE_LAB_H

#include "app.h"

/* The Lab as opened from the menu or with --scene lab (reads --demo, --limb, --lab-cuff, --lab-view, --at). */
Scene *scene_lab(void);
/* The title screen's attract loop: the demo plays by itself; any input goes back to the title. */
Scene *scene_lab_attract(void);

#endif
