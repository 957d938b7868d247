/* The guide's five body parts: ids round-trip, the shoulder uses the upper-arm wrap, limits per limb. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "body_part.h"

static void test_ids_round_trip(void **state)
{
    (void)state;
    for (int i = 0; i < BODY_PART_COUNT; i++) {
        assert_int_equal(body_part_from_id(body_part_id((BodyPart)i)), i);
        assert_true(strlen(body_part_label((BodyPart)i)) > 0);
    }
    assert_int_equal(body_part_from_id("leg"), BODY_THIGH);
    assert_int_equal(body_part_from_id("neck"), -1);
    assert_int_equal(body_part_from_id(NULL), -1);
}

static void test_limbs_and_limits(void **state)
{
    (void)state;
    assert_int_equal(body_part_limb(BODY_SHOULDER), body_part_limb(BODY_UPPER_ARM));
    /* each wrap site is its own limb of the model */
    assert_int_equal(body_part_limb(BODY_UPPER_ARM), LIMB_ARM);
    assert_int_equal(body_part_limb(BODY_FOREARM), LIMB_FOREARM);
    assert_int_equal(body_part_limb(BODY_THIGH), LIMB_THIGH);
    assert_int_equal(body_part_limb(BODY_THIGH), LIMB_LEG);
    assert_int_equal(body_part_limb(BODY_CALF), LIMB_CALF);
    for (int i = 0; i < BODY_PART_COUNT; i++) {
        double lim = body_part_time_limit_s((BodyPart)i);
        assert_true(lim == (body_part_is_leg((BodyPart)i) ? 1200.0 : 900.0));
        assert_true(body_part_is_leg((BodyPart)i) == model_limb_is_leg(body_part_limb((BodyPart)i)));
        /* the model's own time limit for the limb agrees with the body part's */
        ModelParams p;
        model_params_default(&p, body_part_limb((BodyPart)i));
        Model m;
        model_init(&m, &p, MODEL_DT);
        model_set_cuff(&m, model_aop_rest(&p) * 0.5);
        model_run(&m, lim - 1.0);
        assert_false(model_flag(&m, FLAG_TIME_LIMIT, NULL));
        model_run(&m, 2.0);
        assert_true(model_flag(&m, FLAG_TIME_LIMIT, NULL));
        double t = body_part_default_tightness((BodyPart)i);
        assert_true(t >= 5.0 && t <= 7.0);
    }
    /* smaller limbs start a little looser than the big ones (the guide) */
    assert_true(body_part_default_tightness(BODY_FOREARM) < body_part_default_tightness(BODY_UPPER_ARM));
    assert_true(body_part_default_tightness(BODY_CALF) < body_part_default_tightness(BODY_THIGH));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ids_round_trip),
        cmocka_unit_test(test_limbs_and_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
