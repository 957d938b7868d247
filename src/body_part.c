#include "body_part.h"

#include <string.h>

typedef struct PartInfo {
    const char *id, *label;
    Limb limb;
    int leg;
    double tightness;
} PartInfo;

static const PartInfo PARTS[BODY_PART_COUNT] = {
    [BODY_UPPER_ARM] = {"arm", "Upper arm", LIMB_ARM, 0, 7.0},
    [BODY_FOREARM] = {"forearm", "Forearm", LIMB_FOREARM, 0, 6.0},
    [BODY_THIGH] = {"thigh", "Thigh", LIMB_THIGH, 1, 7.0},
    [BODY_CALF] = {"calf", "Calf", LIMB_CALF, 1, 6.0},
    [BODY_SHOULDER] = {"shoulder", "Shoulder", LIMB_ARM, 0, 7.0},
};

static const PartInfo *info(BodyPart b)
{
    return &PARTS[(unsigned)b < BODY_PART_COUNT ? b : BODY_UPPER_ARM];
}

const char *body_part_id(BodyPart b)
{
    return info(b)->id;
}

const char *body_part_label(BodyPart b)
{
    return info(b)->label;
}

int body_part_from_id(const char *id)
{
    if (!id)
        return -1;
    if (strcmp(id, "leg") == 0)
        return BODY_THIGH;
    if (strcmp(id, "upper-arm") == 0)
        return BODY_UPPER_ARM;
    for (int i = 0; i < BODY_PART_COUNT; i++)
        if (strcmp(id, PARTS[i].id) == 0)
            return i;
    return -1;
}

Limb body_part_limb(BodyPart b)
{
    return info(b)->limb;
}

double body_part_time_limit_s(BodyPart b)
{
    return info(b)->leg ? 20.0 * 60.0 : 15.0 * 60.0;
}

double body_part_default_tightness(BodyPart b)
{
    return info(b)->tightness;
}

int body_part_is_leg(BodyPart b)
{
    return info(b)->leg;
}
