/* Player settings, kept as a small versioned JSON file in the data dir. */
#ifndef OC_SETTINGS_H
#define OC_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#define SETTINGS_VERSION 1

typedef struct Settings {
    int volume;           /* 0..100 */
    bool mute;
    bool fullscreen;
    bool reduced_motion;  /* no flashes or pulsing; transitions become static highlights */
    bool colorblind;      /* blue, yellow and vermilion (Okabe-Ito) instead of green and red */
} Settings;

typedef enum SettingsStatus {
    SETTINGS_LOADED,   /* file read, every key valid */
    SETTINGS_MISSING,  /* no file yet: defaults */
    SETTINGS_REPAIRED, /* file readable but some keys bad: those keys took defaults */
    SETTINGS_CORRUPT,  /* not JSON or wrong shape: defaults, file kept aside as *.corrupt-N (never over
                          an earlier copy) */
    SETTINGS_UNREADABLE, /* there but cannot be read (permissions, not a regular file such as a FIFO):
                            defaults, and the file is left exactly as it is; do not save over it */
} SettingsStatus;

void settings_defaults(Settings *s);
/* Never fails: on any problem s holds defaults (or the good part of the file) and msg says why. */
SettingsStatus settings_load(Settings *s, const char *path, char *msg, size_t msglen);
/* Text form (JSON); caller frees. */
char *settings_to_json(const Settings *s);
/* Parse from text; returns the status as settings_load would (msg names the key at fault). */
SettingsStatus settings_from_json(Settings *s, const char *text, const char *what, char *msg, size_t msglen);
int settings_save(const Settings *s, const char *path, char *err, size_t errlen);

#endif
