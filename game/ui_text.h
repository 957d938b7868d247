/* Text that must fit a width: a name, an address or a table cell cut with an ellipsis. */
#ifndef OC_UI_TEXT_H
#define OC_UI_TEXT_H

#include <stddef.h>

#include "app.h"
#include "text.h"

/* s as it fits in w logical units at this font and size: whole, or cut at a UTF-8 character boundary with
 * "…" after it (just "…" when nothing else fits). out holds cap bytes. */
void ui_text_fit(App *app, FontStyle f, float size, float w, const char *s, char *out, size_t cap);

#endif
