/* CHECK(cond, fmt, ...) for long end-to-end runs that report every failure, not just the first: a false
 * condition prints "FAIL file:line: <message>" and counts one in the including file's `failures`, which it
 * must declare (static int failures;), and the run carries on. */
#ifndef OC_SOFT_CHECK_H
#define OC_SOFT_CHECK_H

#include <stdio.h>

#define CHECK(cond, ...)                                                                                               \
    do {                                                                                                               \
        if (!(cond)) {                                                                                                 \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                                                       \
            fprintf(stderr, __VA_ARGS__);                                                                              \
            fputc('\n', stderr);                                                                                       \
            failures++;                                                                                                \
        }                                                                                                              \
    } while (0)

#endif
