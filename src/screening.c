#include "screening.h"

#include <string.h>

typedef struct ItemInfo {
    const char *id, *question, *why;
    ScreenSeverity sev;
} ItemInfo;

static const ItemInfo ITEMS[SCREEN_ITEM_COUNT] = {
    [SCREEN_PREGNANT] = {"pregnant", "Are you pregnant, or could you be?",
                         "Pregnancy raises the risk of clots; leave occlusion work until after it.",
                         SCREEN_ADVISE_AGAINST},
    [SCREEN_CLOTS] = {"clots", "Have you ever had a blood clot, or been told you have a clotting disorder?",
                      "Slowing the blood in a vein is exactly what a clot needs.", SCREEN_ADVISE_AGAINST},
    [SCREEN_BLOOD_PRESSURE] = {"blood-pressure", "Is your blood pressure high and not under control?",
                               "Wraps and hard sets both push blood pressure up further.", SCREEN_ADVISE_AGAINST},
    [SCREEN_VARICOSE] = {"varicose-veins", "Do you have varicose veins in the limb we would wrap?",
                         "Pooling more blood in weak veins can damage them further.", SCREEN_ADVISE_AGAINST},
    [SCREEN_SURGERY] = {"recent-surgery", "Have you had an operation in the last three months?",
                        "Clot risk stays high for weeks after surgery; ask the surgeon first.",
                        SCREEN_ADVISE_AGAINST},
    [SCREEN_HEART] = {"heart", "Do you have heart disease, or chest pain when you exert yourself?",
                      "Occlusion raises the load on the heart; this needs a doctor's clearance.",
                      SCREEN_ADVISE_AGAINST},
    [SCREEN_CIRCULATION] = {"circulation", "Do you have poor circulation in your arms or legs?",
                            "A limb that already gets too little blood must not be restricted more.",
                            SCREEN_ADVISE_AGAINST},
    [SCREEN_LIMB_WOUND] = {"limb-injury",
                           "Is there an open wound, an infection, a fracture or fresh swelling in that limb?",
                           "Restricting flow slows healing and can spread an infection.", SCREEN_ADVISE_AGAINST},
    [SCREEN_LYMPH] = {"lymph", "Have you had lymph nodes removed, or lymphoedema, on that side?",
                      "Fluid already drains poorly there; a wrap makes it worse.", SCREEN_ADVISE_AGAINST},
    [SCREEN_UNDER_14] = {"under-14", "Are you younger than 14?",
                         "Wrap training is not offered to children.", SCREEN_ADVISE_AGAINST},
    [SCREEN_BLOOD_THINNERS] = {"blood-thinners", "Do you take medicine that thins the blood?",
                               "Possible with care: keep the wraps looser and watch for bruising.", SCREEN_CAUTION},
    [SCREEN_DIABETES_NERVES] = {"diabetes-numbness", "Do you have diabetes with numbness in your hands or feet?",
                                "Numbness is a warning sign we rely on; check often by asking and looking.",
                                SCREEN_CAUTION},
    [SCREEN_UNWELL_TODAY] = {"unwell-today", "Do you feel dizzy, feverish or dehydrated today?",
                             "Drink, rest and start lighter; stop at the first sign of dizziness.", SCREEN_CAUTION},
};

const char *screening_item_id(ScreenItem i)
{
    return (unsigned)i < SCREEN_ITEM_COUNT ? ITEMS[i].id : "?";
}

const char *screening_question(ScreenItem i)
{
    return (unsigned)i < SCREEN_ITEM_COUNT ? ITEMS[i].question : "";
}

const char *screening_why(ScreenItem i)
{
    return (unsigned)i < SCREEN_ITEM_COUNT ? ITEMS[i].why : "";
}

ScreenSeverity screening_severity(ScreenItem i)
{
    return (unsigned)i < SCREEN_ITEM_COUNT ? ITEMS[i].sev : SCREEN_ADVISE_AGAINST;
}

void screening_reset(Screening *s)
{
    memset(s->answer, -1, sizeof s->answer);
}

bool screening_answer(Screening *s, ScreenItem i, bool yes)
{
    if ((unsigned)i >= SCREEN_ITEM_COUNT)
        return false;
    s->answer[i] = yes ? 1 : 0;
    return true;
}

int screening_next(const Screening *s)
{
    for (int i = 0; i < SCREEN_ITEM_COUNT; i++)
        if (s->answer[i] < 0)
            return i;
    return -1;
}

int screening_first_yes(const Screening *s, ScreenSeverity sev)
{
    for (int i = 0; i < SCREEN_ITEM_COUNT; i++)
        if (s->answer[i] == 1 && ITEMS[i].sev == sev)
            return i;
    return -1;
}

ScreenVerdict screening_verdict(const Screening *s)
{
    /* one risky yes is enough to decide, even before the rest are asked */
    if (screening_first_yes(s, SCREEN_ADVISE_AGAINST) >= 0)
        return SCREEN_NOT_TODAY;
    if (screening_next(s) >= 0)
        return SCREEN_INCOMPLETE;
    return screening_first_yes(s, SCREEN_CAUTION) >= 0 ? SCREEN_GO_WITH_CARE : SCREEN_CLEAR;
}

const char *screening_verdict_text(ScreenVerdict v)
{
    switch (v) {
    case SCREEN_CLEAR:
        return "Clear to train";
    case SCREEN_GO_WITH_CARE:
        return "Train with care";
    case SCREEN_NOT_TODAY:
        return "Not today: sits this session out";
    default:
        return "Questions still to ask";
    }
}
