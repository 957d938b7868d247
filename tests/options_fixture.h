/* The game's flag parser driven from a list of words, for the tests of its command line. */
#ifndef OC_OPTIONS_FIXTURE_H
#define OC_OPTIONS_FIXTURE_H

#include <stddef.h>

#include "options.h"

/* Parses "occlusion-coach" followed by the n words given after n, into defaults first; err starts empty.
 * Returns what options_parse returns. */
int options_fixture_parse(GameOptions *o, char *err, size_t errlen, int n, ...);

#endif
