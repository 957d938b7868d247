#include "report_lines.h"

#include <stdio.h>
#include <string.h>

void report_lines_add(void *ctx, const char *line)
{
    ReportLines *l = ctx;
    size_t used = strlen(l->text);
    snprintf(l->text + used, sizeof l->text - used, "%s\n", line);
    l->n++;
}
