#include "ui_text.h"

#include <string.h>

#include "gfx.h"
#include "oc_util.h"

void ui_text_fit(App *app, FontStyle f, float size, float w, const char *s, char *out, size_t cap)
{
    oc_strlcpy(out, s, cap);
    if (gfx_text_width(app, f, size, out) <= w)
        return;
    size_t n = strlen(out);
    while (n > 0) {
        n--;
        while (n > 0 && ((unsigned char)out[n] & 0xC0) == 0x80) /* whole UTF-8 characters */
            n--;
        if (n + 4 > cap)
            continue;
        memcpy(out + n, "\xE2\x80\xA6", 4); /* … */
        if (gfx_text_width(app, f, size, out) <= w)
            return;
    }
    oc_strlcpy(out, "\xE2\x80\xA6", cap);
}
