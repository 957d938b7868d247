/* Shape data for the muscle widget: for each of the guide's five body parts, the limb segment that is
 * wrapped (a curved tube with its own outline on each side), the segments around it that show the joints
 * (shoulder, armpit, elbow, wrist and hand, hip, knee, ankle and foot), and the muscles laid out in the
 * wrapped tube's own coordinates: u along it (0 at the end nearer the heart), s across it (-1 left edge,
 * 1 right edge). Design units: fractions of the drawing's height. */
#ifndef OC_MUSCLE_SHAPES_H
#define OC_MUSCLE_SHAPES_H

#include <stdbool.h>

#include "body_part.h"

#define TUBE_STATIONS 9 /* radius stations at u = 0, 1/8, ..., 1 */

typedef struct Tube {
    float p[4][2];              /* cubic Bezier centreline */
    float rl[TUBE_STATIONS];    /* radius on the left (s < 0) side */
    float rr[TUBE_STATIONS];    /* and on the right (s > 0) side */
} Tube;

typedef struct Belly {
    float u0, u1;        /* the fleshy belly along the tube */
    float sc, hw;        /* its centre and half-width across (fraction of the radius) */
    float peak;          /* where along it the belly is widest (0..1) */
    float skew;          /* the centre drifts by skew across, from the top end to the bottom end */
    float t0, ts0;       /* the tendon past the top end: its length in u and where it ends across */
    float t1, ts1;       /* and past the bottom end */
    unsigned char layer; /* drawing order: 0 deep (mostly covered), 1, 2 superficial */
    unsigned char tone;  /* 0 normal; 1 a shade darker (a deeper head, seen between the others) */
    float tendon_w;      /* the tendons' width, relative to an ordinary one (0 means 1) */
} Belly;

typedef struct Vein {
    float u[5], s[5]; /* distal to proximal, ends at the wrap */
} Vein;

typedef struct Blob { /* an ellipse of skin (a bony point, the heel, a fist) */
    float x, y, rx, ry;
} Blob;

typedef struct Segment { /* a neighbouring limb segment, skin only, never swelling */
    Tube t;
    float fade[2]; /* share of its length fading out at its two ends (where it leaves the picture) */
    float cap[2];  /* share of its length rounding off at its two ends (a heel, the toes, a fist) */
    float tone;    /* brightness (0 means 1): a little darker for what lies behind the limb */
} Segment;

#define SHAPE_SEGMENTS 4
#define SHAPE_BLOBS 3
#define SHAPE_BELLIES 6
#define SHAPE_VEINS 3
#define SHAPE_CREASES 3

typedef struct Crease { /* a fold or joint line in the skin: a short soft dark stroke */
    float x[3], y[3];
    float width;
} Crease;

typedef struct PartGeo {
    Tube limb;                       /* the wrapped segment: its skin swells with the model */
    float limb_fade[2];              /* share of the limb's length fading into its neighbours */
    float limb_cap;                  /* share of its length rounding off at its top (a shoulder's cap) */
    Segment seg[SHAPE_SEGMENTS];     /* drawn under the limb */
    int nseg;
    Blob blob[SHAPE_BLOBS];
    int nblob;
    Crease crease[SHAPE_CREASES];
    int ncrease;
    Belly belly[SHAPE_BELLIES];
    int nbelly;
    Vein vein[SHAPE_VEINS];
    int nvein;
    float swell_u0, swell_u1; /* the stretch of skin over the muscle that swells */
    float wrap_u, wrap_tilt;  /* the band's position; tilt: u changes by tilt * s across the limb */
    float wrap_w;             /* band width in u */
    float loop[4][2];         /* when loop_w > 0: the band follows this curve of its own (the shoulder's */
    float loop_w;             /* loop through the armpit and over the top), loop_w its half-width */
} PartGeo;

/* The table, indexed by BodyPart. */
const PartGeo *muscle_shapes(void);

#endif
