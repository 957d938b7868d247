/* The five body parts' shapes (see muscle_shapes.h). Drawn as a side view with the front of the limb to
 * the right, except the shoulder, seen from the front with the chest to the left. Proportions follow an
 * adult's limb; the muscles are the ones an anatomy atlas shows on that face, simplified to their bellies
 * and tendons. */
#include "muscle_shapes.h"

/* Belly columns: u0, u1, sc, hw, peak, skew, t0, ts0, t1, ts1, layer, tone */

static const PartGeo GEO[BODY_PART_COUNT] = {
    [BODY_UPPER_ARM] = {
        /* shoulder (top) to elbow; the front (biceps) to the right, the back (triceps) to the left */
        .limb = {{{0.300f, -0.010f}, {0.292f, 0.260f}, {0.300f, 0.510f}, {0.318f, 0.760f}},
                 {0.142f, 0.128f, 0.120f, 0.124f, 0.126f, 0.120f, 0.110f, 0.100f, 0.100f},
                 {0.150f, 0.118f, 0.114f, 0.128f, 0.138f, 0.132f, 0.114f, 0.096f, 0.094f}},
        .limb_fade = {0.0f, 0.10f},
        .limb_cap = 0.11f,
        .seg = {
            /* the trunk behind the arm, its back to the left and its chest to the right, fading out below */
            {{{{0.300f, -0.030f}, {0.298f, 0.110f}, {0.296f, 0.260f}, {0.292f, 0.440f}},
              {0.150f, 0.178f, 0.186f, 0.184f, 0.178f, 0.170f, 0.164f, 0.158f, 0.152f},
              {0.140f, 0.168f, 0.182f, 0.186f, 0.182f, 0.176f, 0.170f, 0.164f, 0.158f}}, {0.14f, 0.55f}, {0}, 0.80f},
            /* the slope from the neck to the shoulder, its top inside the picture */
            {{{{0.280f, 0.050f}, {0.200f, 0.028f}, {0.120f, 0.010f}, {0.040f, -0.002f}},
              {0.050f, 0.044f, 0.039f, 0.035f, 0.032f, 0.030f, 0.028f, 0.027f, 0.026f},
              {0.060f, 0.056f, 0.052f, 0.048f, 0.045f, 0.042f, 0.040f, 0.038f, 0.036f}}, {0.0f, 0.45f}, {0}, 0.92f},
            /* the forearm hanging from the elbow, leaving the picture at the bottom */
            {{{{0.318f, 0.700f}, {0.332f, 0.820f}, {0.348f, 0.930f}, {0.366f, 1.035f}},
              {0.106f, 0.110f, 0.098f, 0.092f, 0.090f, 0.088f, 0.086f, 0.084f, 0.082f},
              {0.094f, 0.102f, 0.108f, 0.104f, 0.098f, 0.092f, 0.088f, 0.084f, 0.080f}}, {0.0f, 0.30f}, {0}, 0},
        },
        .nseg = 3,
        .nblob = 0,
        .crease = {{{0.155f, 0.170f, 0.185f}, {0.080f, 0.140f, 0.200f}, 0.010f},
                   {{0.395f, 0.412f, 0.420f}, {0.738f, 0.752f, 0.772f}, 0.008f}},
        .ncrease = 2,
        .belly = {
            /* brachialis, deep, seen below the biceps at the front */
            {0.56f, 0.93f, 0.64f, 0.26f, 0.45f, 0.10f, 0.0f, 0.0f, 0.0f, 0.0f, 0, 1},
            /* triceps, lateral head, high on the back */
            {0.11f, 0.62f, -0.22f, 0.30f, 0.40f, -0.20f, 0.0f, 0.0f, 0.0f, 0.0f, 0, 1},
            /* triceps, long head along the back, into a flat tendon at the elbow's point */
            {0.10f, 0.80f, -0.54f, 0.44f, 0.46f, 0.06f, 0.0f, 0.0f, 0.17f, -0.62f, 1, 0, 1.5f},
            /* biceps: a fusiform belly in front, its tendon into the elbow's crease */
            {0.11f, 0.79f, 0.30f, 0.62f, 0.62f, 0.08f, 0.0f, 0.0f, 0.17f, 0.40f, 2, 0, 1.3f},
        },
        .nbelly = 4,
        .vein = {{{0.98f, 0.78f, 0.56f, 0.36f, 0.19f}, {0.76f, 0.60f, 0.80f, 0.62f, 0.76f}},
                 {{0.96f, 0.76f, 0.54f, 0.34f, 0.19f}, {-0.72f, -0.82f, -0.62f, -0.80f, -0.74f}}},
        .nvein = 2,
        .swell_u0 = 0.16f, .swell_u1 = 0.92f,
        .wrap_u = 0.125f, .wrap_tilt = 0.025f, .wrap_w = 0.075f,
    },
    [BODY_FOREARM] = {
        /* elbow (top) to wrist; the thumb side (brachioradialis, flexors) to the right, extensors left */
        .limb = {{{0.286f, 0.080f}, {0.300f, 0.340f}, {0.322f, 0.600f}, {0.344f, 0.840f}},
                 {0.106f, 0.112f, 0.108f, 0.098f, 0.086f, 0.074f, 0.064f, 0.057f, 0.054f},
                 {0.112f, 0.124f, 0.118f, 0.102f, 0.086f, 0.072f, 0.060f, 0.052f, 0.050f}},
        .limb_fade = {0.08f, 0.06f},
        .seg = {
            /* the upper arm, leaving the picture at the top */
            {{{{0.262f, -0.055f}, {0.270f, 0.010f}, {0.278f, 0.070f}, {0.288f, 0.140f}},
              {0.112f, 0.112f, 0.112f, 0.112f, 0.114f, 0.118f, 0.124f, 0.124f, 0.116f},
              {0.118f, 0.120f, 0.120f, 0.116f, 0.112f, 0.108f, 0.106f, 0.108f, 0.112f}}, {0.35f, 0.0f}, {0}, 0},
            /* the hand: palm from the wrist to the knuckles, fingers curled under */
            {{{{0.344f, 0.820f}, {0.352f, 0.880f}, {0.362f, 0.940f}, {0.372f, 1.000f}},
              {0.054f, 0.058f, 0.062f, 0.064f, 0.066f, 0.066f, 0.064f, 0.060f, 0.056f},
              {0.052f, 0.060f, 0.068f, 0.072f, 0.072f, 0.070f, 0.068f, 0.064f, 0.058f}}, {0.0f, 0.0f}, {0.0f, 0.30f}, 0},
            /* the thumb */
            {{{{0.388f, 0.872f}, {0.410f, 0.900f}, {0.424f, 0.930f}, {0.432f, 0.966f}},
              {0.024f, 0.024f, 0.023f, 0.022f, 0.021f, 0.020f, 0.019f, 0.018f, 0.017f},
              {0.024f, 0.024f, 0.023f, 0.022f, 0.021f, 0.020f, 0.019f, 0.018f, 0.017f}}, {0.0f, 0.0f}, {0.0f, 0.35f}, 0},
        },
        .nseg = 3,
        .nblob = 0,
        .crease = {{{0.372f, 0.388f, 0.398f}, {0.090f, 0.104f, 0.124f}, 0.008f},
                   {{0.300f, 0.340f, 0.395f}, {0.838f, 0.846f, 0.842f}, 0.006f},
                   {{0.330f, 0.370f, 0.420f}, {0.985f, 0.990f, 0.986f}, 0.006f}},
        .ncrease = 3,
        .belly = {
            /* the deep flexors, seen between the others */
            {0.14f, 0.70f, -0.10f, 0.30f, 0.36f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0, 1},
            /* the extensors along the back, tapering into tendons over the wrist */
            {0.05f, 0.62f, -0.46f, 0.48f, 0.33f, 0.12f, 0.0f, 0.0f, 0.32f, -0.30f, 1, 0},
            /* the superficial flexors in front, into long tendons at the wrist */
            {0.05f, 0.64f, 0.14f, 0.48f, 0.31f, -0.04f, 0.0f, 0.0f, 0.30f, 0.16f, 1, 0},
            /* brachioradialis: the thumb side's fleshy ridge below the elbow */
            {0.04f, 0.58f, 0.58f, 0.40f, 0.24f, 0.06f, 0.0f, 0.0f, 0.36f, 0.64f, 2, 0},
        },
        .nbelly = 4,
        .vein = {{{0.98f, 0.76f, 0.54f, 0.32f, 0.12f}, {0.76f, 0.60f, 0.80f, 0.62f, 0.76f}},
                 {{0.97f, 0.74f, 0.52f, 0.30f, 0.12f}, {-0.72f, -0.82f, -0.62f, -0.80f, -0.74f}}},
        .nvein = 2,
        .swell_u0 = 0.10f, .swell_u1 = 0.75f,
        .wrap_u = 0.075f, .wrap_tilt = 0.0f, .wrap_w = 0.085f,
    },
    [BODY_THIGH] = {
        /* hip (top) to knee; the front (quadriceps) to the right, the hamstrings to the left */
        .limb = {{{0.320f, 0.020f}, {0.300f, 0.270f}, {0.308f, 0.520f}, {0.330f, 0.760f}},
                 {0.200f, 0.192f, 0.182f, 0.172f, 0.160f, 0.146f, 0.128f, 0.108f, 0.100f},
                 {0.182f, 0.178f, 0.180f, 0.182f, 0.176f, 0.164f, 0.146f, 0.124f, 0.112f}},
        .limb_fade = {0.0f, 0.10f},
        .seg = {
            /* the hip and buttock, leaving the picture at the top */
            {{{{0.304f, -0.055f}, {0.306f, -0.010f}, {0.309f, 0.035f}, {0.312f, 0.080f}},
              {0.196f, 0.204f, 0.214f, 0.222f, 0.224f, 0.218f, 0.206f, 0.192f, 0.180f},
              {0.210f, 0.206f, 0.200f, 0.194f, 0.188f, 0.184f, 0.182f, 0.180f, 0.178f}}, {0.40f, 0.0f}, {0}, 0},
            /* knee and shin, leaving the picture at the bottom */
            {{{{0.330f, 0.700f}, {0.335f, 0.810f}, {0.337f, 0.920f}, {0.336f, 1.035f}},
              {0.102f, 0.098f, 0.096f, 0.104f, 0.112f, 0.114f, 0.110f, 0.104f, 0.098f},
              {0.112f, 0.124f, 0.108f, 0.092f, 0.086f, 0.082f, 0.080f, 0.078f, 0.076f}}, {0.0f, 0.30f}, {0}, 0},
        },
        .nseg = 2,
        .nblob = 0,
        .crease = {{{0.250f, 0.232f, 0.220f}, {0.770f, 0.792f, 0.818f}, 0.009f},
                   {{0.180f, 0.240f, 0.300f}, {0.070f, 0.082f, 0.084f}, 0.010f}},
        .ncrease = 2,
        .belly = {
            /* hamstrings (biceps femoris) along the back, into the tendon behind the knee */
            {0.05f, 0.84f, -0.66f, 0.32f, 0.52f, -0.08f, 0.0f, 0.0f, 0.15f, -0.74f, 1, 1},
            /* vastus lateralis: the big outer mass */
            {0.05f, 0.86f, -0.16f, 0.42f, 0.50f, 0.30f, 0.0f, 0.0f, 0.10f, 0.55f, 1, 0},
            /* vastus medialis: the teardrop above the inner knee */
            {0.62f, 0.92f, 0.64f, 0.26f, 0.68f, 0.0f, 0.0f, 0.0f, 0.06f, 0.66f, 1, 1},
            /* rectus femoris: down the front, into the kneecap's tendon */
            {0.04f, 0.80f, 0.46f, 0.31f, 0.52f, 0.16f, 0.0f, 0.0f, 0.20f, 0.76f, 2, 0, 1.6f},
        },
        .nbelly = 4,
        .vein = {{{0.97f, 0.74f, 0.50f, 0.30f, 0.12f}, {0.76f, 0.60f, 0.80f, 0.62f, 0.76f}},
                 {{0.96f, 0.72f, 0.48f, 0.28f, 0.12f}, {-0.72f, -0.82f, -0.62f, -0.80f, -0.74f}}},
        .nvein = 2,
        .swell_u0 = 0.10f, .swell_u1 = 0.92f,
        .wrap_u = 0.07f, .wrap_tilt = 0.0f, .wrap_w = 0.07f,
    },
    [BODY_CALF] = {
        /* knee (top) to ankle; the calf (back) to the left, the shin to the right */
        .limb = {{{0.310f, 0.060f}, {0.308f, 0.355f}, {0.312f, 0.650f}, {0.322f, 0.915f}},
                 {0.116f, 0.138f, 0.150f, 0.140f, 0.112f, 0.086f, 0.068f, 0.058f, 0.054f},
                 {0.122f, 0.108f, 0.098f, 0.090f, 0.080f, 0.070f, 0.060f, 0.054f, 0.052f}},
        .limb_fade = {0.08f, 0.03f},
        .seg = {
            /* the thigh and knee, leaving the picture at the top */
            {{{{0.302f, -0.055f}, {0.305f, 0.005f}, {0.307f, 0.065f}, {0.310f, 0.120f}},
              {0.140f, 0.136f, 0.130f, 0.124f, 0.118f, 0.114f, 0.112f, 0.114f, 0.116f},
              {0.140f, 0.136f, 0.132f, 0.128f, 0.126f, 0.128f, 0.130f, 0.128f, 0.124f}}, {0.40f, 0.0f}, {0}, 0},
            /* the foot, from the heel forward to the toes (its sole to the left of its way, so below) */
            {{{{0.250f, 0.948f}, {0.370f, 0.958f}, {0.480f, 0.975f}, {0.600f, 0.998f}},
              {0.030f, 0.030f, 0.028f, 0.026f, 0.024f, 0.022f, 0.020f, 0.019f, 0.018f},
              {0.046f, 0.072f, 0.062f, 0.048f, 0.040f, 0.034f, 0.030f, 0.026f, 0.022f}}, {0.0f, 0.0f}, {0.16f, 0.14f}, 0},
        },
        .nseg = 2,
        .nblob = 0,
        .crease = {{{0.200f, 0.225f, 0.250f}, {0.060f, 0.072f, 0.078f}, 0.009f},
                   {{0.360f, 0.372f, 0.385f}, {0.880f, 0.898f, 0.910f}, 0.006f}},
        .ncrease = 2,
        .belly = {
            /* soleus, under the gastrocnemius and wider low down */
            {0.34f, 0.80f, -0.24f, 0.66f, 0.34f, -0.18f, 0.0f, 0.0f, 0.22f, -0.80f, 0, 1, 2.6f},
            /* tibialis anterior beside the shin, its tendon over the ankle's front */
            {0.04f, 0.66f, 0.56f, 0.36f, 0.34f, 0.0f, 0.0f, 0.0f, 0.30f, 0.55f, 1, 0, 0.8f},
            /* gastrocnemius, medial head (the larger, lower one) */
            {0.04f, 0.60f, -0.46f, 0.50f, 0.48f, 0.14f, 0.0f, 0.0f, 0.0f, 0.0f, 1, 1},
            /* gastrocnemius, lateral head */
            {0.03f, 0.52f, -0.04f, 0.44f, 0.41f, -0.30f, 0.0f, 0.0f, 0.0f, 0.0f, 2, 0},
        },
        .nbelly = 4,
        .vein = {{{0.97f, 0.74f, 0.50f, 0.28f, 0.10f}, {0.76f, 0.60f, 0.80f, 0.62f, 0.76f}},
                 {{0.95f, 0.74f, 0.52f, 0.30f, 0.10f}, {-0.72f, -0.82f, -0.62f, -0.80f, -0.74f}}},
        .nvein = 2,
        .swell_u0 = 0.08f, .swell_u1 = 0.80f,
        .wrap_u = 0.06f, .wrap_tilt = 0.0f, .wrap_w = 0.08f,
    },
    [BODY_SHOULDER] = {
        /* from the front: the right shoulder, the chest to the left. The tube is the arm hanging from the
         * round of the shoulder (its rounded top is the deltoid's cap); its left side (s < 0) is the armpit.
         * The band has its own curve: from the armpit up the groove between chest and deltoid and over the
         * top of the shoulder, nearer the body than the deltoid */
        .limb = {{{0.405f, 0.085f}, {0.424f, 0.360f}, {0.426f, 0.680f}, {0.418f, 1.070f}},
                 {0.112f, 0.116f, 0.114f, 0.104f, 0.098f, 0.096f, 0.094f, 0.092f, 0.090f},
                 {0.126f, 0.136f, 0.134f, 0.118f, 0.104f, 0.100f, 0.098f, 0.096f, 0.094f}},
        .limb_fade = {0.0f, 0.10f},
        .limb_cap = 0.14f,
        .seg = {
            /* the chest and flank, a little darker: context beside the arm, its top tucked under the neck */
            {{{{0.150f, 0.100f}, {0.160f, 0.370f}, {0.162f, 0.670f}, {0.150f, 0.980f}},
              {0.040f, 0.120f, 0.160f, 0.166f, 0.160f, 0.150f, 0.142f, 0.138f, 0.136f},
              {0.120f, 0.146f, 0.150f, 0.140f, 0.126f, 0.116f, 0.110f, 0.106f, 0.104f}}, {0.0f, 0.45f}, {0}, 0.84f},
            /* the slope from the neck to the top of the shoulder (trapezius), its ends under the neck and the arm */
            {{{{0.150f, 0.100f}, {0.230f, 0.101f}, {0.320f, 0.112f}, {0.400f, 0.135f}},
              {0.046f, 0.046f, 0.046f, 0.046f, 0.046f, 0.046f, 0.046f, 0.046f, 0.046f},
              {0.040f, 0.038f, 0.036f, 0.034f, 0.033f, 0.032f, 0.032f, 0.032f, 0.032f}}, {0.22f, 0.0f}, {0.0f, 0.0f}, 0.96f},
            /* the neck, leaving the picture at the top and running into the chest */
            {{{{0.170f, -0.010f}, {0.172f, 0.040f}, {0.175f, 0.090f}, {0.178f, 0.140f}},
              {0.056f, 0.056f, 0.057f, 0.058f, 0.060f, 0.062f, 0.064f, 0.066f, 0.068f},
              {0.056f, 0.056f, 0.057f, 0.058f, 0.060f, 0.062f, 0.064f, 0.066f, 0.068f}}, {0.50f, 0.25f}, {0}, 0.90f},
            /* the chest muscle's rounded mound, running up into the armpit */
            {{{{0.080f, 0.250f}, {0.150f, 0.250f}, {0.230f, 0.270f}, {0.310f, 0.330f}},
              {0.060f, 0.062f, 0.064f, 0.064f, 0.062f, 0.058f, 0.052f, 0.046f, 0.040f},
              {0.080f, 0.086f, 0.090f, 0.090f, 0.086f, 0.080f, 0.070f, 0.058f, 0.046f}}, {0.30f, 0.0f}, {0.0f, 0.25f}, 0.92f},
        },
        .nseg = 4,
        .nblob = 0,
        .crease = {{{0.140f, 0.220f, 0.292f}, {0.352f, 0.366f, 0.396f}, 0.010f},
                   {{0.292f, 0.300f, 0.306f}, {0.396f, 0.440f, 0.490f}, 0.008f}},
        .ncrease = 2,
        .belly = {
            /* biceps below, in the arm's front */
            {0.52f, 0.90f, -0.16f, 0.50f, 0.52f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0, 1},
            /* triceps, seen past the arm's outer edge */
            {0.46f, 0.86f, 0.62f, 0.30f, 0.40f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0, 1},
            /* deltoid, front head: from the collarbone, converging on the arm */
            {0.03f, 0.50f, -0.36f, 0.56f, 0.32f, 0.46f, 0.0f, 0.0f, 0.0f, 0.0f, 1, 1},
            /* deltoid, middle head: the rounded cap over the joint, into its insertion half-way down */
            {0.01f, 0.50f, 0.28f, 0.70f, 0.30f, -0.30f, 0.0f, 0.0f, 0.06f, 0.06f, 2, 0, 1.4f},
        },
        .nbelly = 4,
        .vein = {{{0.97f, 0.84f, 0.72f, 0.62f, 0.54f}, {-0.72f, -0.82f, -0.62f, -0.80f, -0.74f}},
                 {{0.96f, 0.86f, 0.76f, 0.66f, 0.58f}, {0.76f, 0.60f, 0.80f, 0.62f, 0.76f}}},
        .nvein = 2,
        .swell_u0 = 0.05f, .swell_u1 = 0.88f,
        .wrap_u = 0.16f, .wrap_tilt = -0.10f, .wrap_w = 0.10f,
        .loop = {{0.292f, 0.420f}, {0.290f, 0.270f}, {0.310f, 0.150f}, {0.384f, 0.094f}},
        .loop_w = 0.034f,
    },
};

const PartGeo *muscle_shapes(void)
{
    return GEO;
}
