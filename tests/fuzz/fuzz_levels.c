/* libFuzzer target for the level loader (build with -DOC_FUZZ=ON and clang; run by ./run-tests for a
 * bounded time). Besides "never crash", it checks what a good parse promises: every question's own right
 * answer is marked right, and a level played right earns three stars. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "academy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static Level lv;
    if (academy_parse_level((const char *)data, size, "fuzz.json", &lv, NULL, NULL) != 0)
        return 0;
    QuizRun run;
    quiz_start(&run, &lv);
    do {
        Answer a;
        quiz_correct_answer(&lv.questions[run.index], &a);
        if (!quiz_submit(&run, &a).correct)
            abort(); /* a level whose right answer is marked wrong must not load */
    } while (quiz_next(&run));
    if (level_stars(&lv, quiz_percent(&run)) != 3)
        abort();
    return 0;
}
