/* The pre-session checklist each athlete answers before a wrap goes on. Some answers advise against
 * occlusion training today; others let the session go ahead with a note for the trainer. */
#ifndef OC_SCREENING_H
#define OC_SCREENING_H

#include <stdbool.h>

typedef enum ScreenItem {
    SCREEN_PREGNANT,
    SCREEN_CLOTS,          /* a clot in a vein or lung before, or a clotting disorder */
    SCREEN_BLOOD_PRESSURE, /* high blood pressure that is not under control */
    SCREEN_VARICOSE,       /* varicose veins in the limb to be wrapped */
    SCREEN_SURGERY,        /* an operation in the last three months */
    SCREEN_HEART,          /* heart disease, chest pain on effort */
    SCREEN_CIRCULATION,    /* poor circulation in the arms or legs */
    SCREEN_LIMB_WOUND,     /* an open wound, infection, fracture or fresh swelling in that limb */
    SCREEN_LYMPH,          /* lymph nodes removed, or lymphoedema, on that side */
    SCREEN_UNDER_14,
    SCREEN_BLOOD_THINNERS, /* caution: medicine that thins the blood */
    SCREEN_DIABETES_NERVES, /* caution: diabetes with numb hands or feet */
    SCREEN_UNWELL_TODAY,   /* caution: dizzy, feverish or dehydrated today */
    SCREEN_ITEM_COUNT
} ScreenItem;

typedef enum ScreenSeverity { SCREEN_ADVISE_AGAINST, SCREEN_CAUTION } ScreenSeverity;
typedef enum ScreenVerdict { SCREEN_INCOMPLETE, SCREEN_CLEAR, SCREEN_GO_WITH_CARE, SCREEN_NOT_TODAY } ScreenVerdict;

typedef struct Screening {
    signed char answer[SCREEN_ITEM_COUNT]; /* -1 not asked yet, 0 no, 1 yes */
} Screening;

/* Stable id for the history database ("pregnant", "clots", ...). */
const char *screening_item_id(ScreenItem i);
/* The question as read out to the athlete (a yes/no question; yes is the risky answer). */
const char *screening_question(ScreenItem i);
/* Why a yes matters, in one sentence. */
const char *screening_why(ScreenItem i);
ScreenSeverity screening_severity(ScreenItem i);

void screening_reset(Screening *s);
bool screening_answer(Screening *s, ScreenItem i, bool yes);
/* The first question still unanswered, or -1. */
int screening_next(const Screening *s);
ScreenVerdict screening_verdict(const Screening *s);
/* The first yes with this severity, or -1. */
int screening_first_yes(const Screening *s, ScreenSeverity sev);
const char *screening_verdict_text(ScreenVerdict v);

#endif
