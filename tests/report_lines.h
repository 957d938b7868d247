/* A report function for the loaders' tests: every message line, in order, in one buffer. */
#ifndef OC_REPORT_LINES_H
#define OC_REPORT_LINES_H

typedef struct ReportLines {
    char text[4096]; /* each line followed by '\n' (cut when full) */
    int n;           /* lines reported */
} ReportLines;

/* A JsonReport / ProtocolReport: ctx is a ReportLines, zeroed before use. */
void report_lines_add(void *ctx, const char *line);

#endif
