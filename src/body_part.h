/* The guide's five body parts: which limb of the model each uses, where its wrap goes and how long a wrap
 * may stay on. Shared by the Lab, the Session, the Academy and the history. */
#ifndef OC_BODY_PART_H
#define OC_BODY_PART_H

#include "model.h"

typedef enum BodyPart {
    BODY_UPPER_ARM, /* biceps and triceps: wrap at the top of the arm, just below the armpit */
    BODY_FOREARM,   /* wrap just below the elbow */
    BODY_THIGH,     /* quadriceps and hamstrings: wrap at the top of the thigh, at the groin fold */
    BODY_CALF,      /* wrap just below the knee */
    BODY_SHOULDER,  /* deltoid: no wrap on the shoulder itself; the upper-arm wrap through the armpit */
    BODY_PART_COUNT
} BodyPart;

/* Stable id for files, flags and the database: "arm", "forearm", "thigh", "calf", "shoulder". */
const char *body_part_id(BodyPart b);
/* Words for the screen: "Upper arm", "Forearm", "Thigh", "Calf", "Shoulder". */
const char *body_part_label(BodyPart b);
/* -1 if unknown; "leg" is accepted as the thigh, "upper-arm" as the arm. */
int body_part_from_id(const char *id);
/* The model limb under this part's wrap (the shoulder is trained through the upper-arm wrap). */
Limb body_part_limb(BodyPart b);
/* Continuous wrap time allowed: under 15 min on an arm, under 20 min on a leg. */
double body_part_time_limit_s(BodyPart b);
/* The felt tightness (0-10) the guide starts this part at: 7 on the big limbs, a little looser on small. */
double body_part_default_tightness(BodyPart b);
/* True for the parts on a leg. */
int body_part_is_leg(BodyPart b);

#endif
