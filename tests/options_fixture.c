#include "options_fixture.h"

#include <stdarg.h>

int options_fixture_parse(GameOptions *o, char *err, size_t errlen, int n, ...)
{
    char *argv[32] = {"occlusion-coach"};
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++)
        argv[i + 1] = va_arg(ap, char *);
    va_end(ap);
    options_defaults(o);
    err[0] = '\0';
    return options_parse(o, n + 1, argv, err, errlen);
}
