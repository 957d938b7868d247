#define _POSIX_C_SOURCE 200809L
#include "settings.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oc_util.h"

void settings_defaults(Settings *s)
{
    *s = (Settings){.volume = 80};
}

typedef enum { KEY_BOOL, KEY_INT } KeyKind;
typedef struct {
    const char *name;
    KeyKind kind;
    size_t offset;
    int lo, hi;
} SettingsKey;

static const SettingsKey keys[] = {
    {"volume", KEY_INT, offsetof(Settings, volume), 0, 100},
    {"mute", KEY_BOOL, offsetof(Settings, mute), 0, 1},
    {"fullscreen", KEY_BOOL, offsetof(Settings, fullscreen), 0, 1},
    {"reduced_motion", KEY_BOOL, offsetof(Settings, reduced_motion), 0, 1},
    {"colorblind_palette", KEY_BOOL, offsetof(Settings, colorblind), 0, 1},
};

SettingsStatus settings_from_json(Settings *s, const char *text, const char *what, char *msg, size_t msglen)
{
    settings_defaults(s);
    if (msg && msglen)
        msg[0] = '\0';
    cJSON *root = cJSON_Parse(text);
    if (!root || !cJSON_IsObject(root)) {
        cJSON_Delete(root);
        oc_fail(msg, msglen, "%s: not a JSON object; using default settings", what);
        return SETTINGS_CORRUPT;
    }
    SettingsStatus st = SETTINGS_LOADED;
    const cJSON *ver = cJSON_GetObjectItemCaseSensitive(root, "version");
    if (!cJSON_IsNumber(ver) || ver->valueint < 1 || ver->valueint > SETTINGS_VERSION) {
        oc_fail(msg, msglen, "%s: \"version\" must be a number from 1 to %d; using default settings", what,
                SETTINGS_VERSION);
        cJSON_Delete(root);
        settings_defaults(s);
        return SETTINGS_CORRUPT;
    }
    for (size_t i = 0; i < OC_ARRAY_LEN(keys); i++) {
        const SettingsKey *k = &keys[i];
        const cJSON *item = cJSON_GetObjectItemCaseSensitive(root, k->name);
        if (!item)
            continue; /* absent keys keep their defaults */
        char *field = (char *)s + k->offset;
        if (k->kind == KEY_BOOL) {
            if (cJSON_IsBool(item)) {
                *(bool *)field = cJSON_IsTrue(item);
                continue;
            }
            oc_fail(msg, msglen, "%s: \"%s\" must be true or false; kept the default", what, k->name);
        } else {
            double v = item->valuedouble;
            if (cJSON_IsNumber(item) && v >= k->lo && v <= k->hi && v == (int)v) {
                *(int *)field = (int)v;
                continue;
            }
            oc_fail(msg, msglen, "%s: \"%s\" must be a whole number from %d to %d; kept the default", what,
                    k->name, k->lo, k->hi);
        }
        st = SETTINGS_REPAIRED;
    }
    cJSON_Delete(root);
    return st;
}

SettingsStatus settings_load(Settings *s, const char *path, char *msg, size_t msglen)
{
    settings_defaults(s);
    if (msg && msglen)
        msg[0] = '\0';
    struct stat sb;
    if (lstat(path, &sb) != 0 && errno == ENOENT)
        return SETTINGS_MISSING;
    char err[256];
    /* oc_read_file opens with O_NONBLOCK and reads only regular files: a FIFO cannot block the start */
    char *text = oc_read_file(path, NULL, err, sizeof err);
    if (!text) {
        oc_fail(msg, msglen, "%s; using default settings for now and leaving the file as it is", err);
        return SETTINGS_UNREADABLE;
    }
    SettingsStatus st = settings_from_json(s, text, path, msg, msglen);
    free(text);
    if (st == SETTINGS_CORRUPT) {
        /* Keep the bad file for the player to inspect, under a name no earlier copy has. */
        char aside[4096], err2[300];
        size_t n = msg ? strlen(msg) : 0;
        if (oc_set_aside(path, "corrupt", aside, sizeof aside, err2, sizeof err2) == 0) {
            if (msg && n < msglen)
                snprintf(msg + n, msglen - n, " (the file is kept as %s)", aside);
        } else {
            if (msg && n < msglen)
                snprintf(msg + n, msglen - n, " (%s; it is left as it is)", err2);
            return SETTINGS_UNREADABLE;
        }
    }
    return st;
}

char *settings_to_json(const Settings *s)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "version", SETTINGS_VERSION);
    for (size_t i = 0; i < OC_ARRAY_LEN(keys); i++) {
        const char *field = (const char *)s + keys[i].offset;
        if (keys[i].kind == KEY_BOOL)
            cJSON_AddBoolToObject(root, keys[i].name, *(const bool *)field);
        else
            cJSON_AddNumberToObject(root, keys[i].name, *(const int *)field);
    }
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    return text;
}

int settings_save(const Settings *s, const char *path, char *err, size_t errlen)
{
    char *text = settings_to_json(s);
    if (!text)
        return oc_fail(err, errlen, "%s: out of memory", path);
    int rc = oc_write_file_atomic(path, text, strlen(text), err, errlen);
    cJSON_free(text);
    return rc;
}
