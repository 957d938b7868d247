#include "options.h"

#include <string.h>
#include <sys/stat.h>

#include "body_part.h"
#include "oc_util.h"

static const char *const scene_names[SCENE_COUNT] = {
    [SCENE_TITLE] = "title",     [SCENE_LAB] = "lab",         [SCENE_SESSION] = "session",
    [SCENE_ACADEMY] = "academy", [SCENE_HISTORY] = "history", [SCENE_SETTINGS] = "settings",
};

const char *scene_name(SceneId id)
{
    return (id >= 0 && id < SCENE_COUNT) ? scene_names[id] : "?";
}

int scene_from_name(const char *name)
{
    for (int i = 0; i < SCENE_COUNT; i++)
        if (strcmp(name, scene_names[i]) == 0)
            return i;
    return -1;
}

void options_defaults(GameOptions *o)
{
    memset(o, 0, sizeof *o);
    o->display = -1;
    o->scene = SCENE_TITLE;
    o->size_w = 1920;
    o->size_h = 1080;
    o->frames = 3;
    o->lab_part = -1;
    o->lab_cuff = true;
    o->room_port = 8787;
    o->time_scale = 1.0;
}

const char *options_usage(void)
{
    return "Usage: occlusion-coach [options]\n"
           "\n"
           "Display\n"
           "  --fullscreen            start in full screen (F11 or Alt+Enter toggles)\n"
           "  --windowed WxH          start in a window of this size (640x360 to 7680x4320)\n"
           "  --display N             open on display N (0 = first; pick the projector)\n"
           "  --font PATH             use this TTF/OTF font instead of the one fontconfig finds\n"
           "Sound and data\n"
           "  --mute                  start with sound off (captions stay on)\n"
           "  --data-dir DIR          where settings, history and scores are kept\n"
           "  --export-csv FILE       write the session history, one row per set, as CSV and exit\n"
           "                          (FILE '-' = standard output)\n"
           "Headless (tests, documentation)\n"
           "  --headless              render offscreen with the software renderer, no window\n"
           "  --scene NAME            title, lab, session, academy, history or settings\n"
           "  --size WxH              canvas size for --headless (320x240 to 7680x4320)\n"
           "  --frames N              frames to render before exiting (1 to 100000; also in a window)\n"
           "  --screenshot FILE.png   write the last frame as PNG\n"
           "Muscle Lab (with --scene lab)\n"
           "  --demo                  play the standard 4-set run by itself\n"
           "  --limb PART             arm, forearm, thigh, calf or shoulder (default arm)\n"
           "  --lab-cuff on|off       the demo with the wrap (on, default) or without it (off)\n"
           "  --lab-view single|side  one limb, or with and without the wrap side by side\n"
           "  --at SECONDS            run the Lab's model forward 0 to 3600 s before the first frame\n"
           "Levels\n"
           "  --levels DIR            load the Academy levels from DIR instead of the shipped ones\n"
           "  --check-levels [DIR]    validate every level file (shipped ones, or DIR), print\n"
           "                          'N levels, M questions, K errors' and exit (1 if K > 0)\n"
           "Academy and the room (phones over local Wi-Fi)\n"
           "  --classroom             start the Academy in classroom view\n"
           "  --room                  switch the room on at start: phones join from a browser\n"
           "  --room-port PORT        the room's HTTP port (1024 to 65535, default 8787)\n"
           "  --room-code NNNN        the 4-digit code phones need to join (default: random)\n"
           "  --room-bind ADDR        listen on this IPv4 address only (default: every interface)\n"
           "Guided session\n"
           "  --protocol FILE         run the session from this protocol file\n"
           "  --autoplay              answer, wrap and tap automatically; with --headless, run the whole\n"
           "                          session, write its history and exit 0 when it is done\n"
           "  --athletes N            athletes in the session (1 to 12)\n"
           "  --time-scale X          session seconds per real second (0.1 to 1000; default 1)\n"
           "  --check-protocols [DIR] validate every protocol file (shipped ones, or DIR), print\n"
           "                          'N protocols, K errors' and exit (1 if K > 0)\n"
           "Other\n"
           "  --help                  show this text\n"
           "  --version               show the version\n";
}

/* Splits "--flag=value"; returns the flag length. */
static size_t flag_len(const char *arg)
{
    const char *eq = strchr(arg, '=');
    return eq ? (size_t)(eq - arg) : strlen(arg);
}

int options_parse(GameOptions *o, int argc, char **argv, char *err, size_t errlen)
{
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        size_t fl = flag_len(arg);
        char flag[64];
        if (fl >= sizeof flag)
            return oc_fail(err, errlen, "unknown option '%.40s...' (see --help)", arg);
        memcpy(flag, arg, fl);
        flag[fl] = '\0';
        const char *inline_val = arg[fl] == '=' ? arg + fl + 1 : NULL;

#define TAKE_VALUE(what)                                                                          \
    const char *val = inline_val;                                                                 \
    if (!val) {                                                                                   \
        if (i + 1 >= argc)                                                                        \
            return oc_fail(err, errlen, "%s: missing value, expected %s", flag, what);            \
        val = argv[++i];                                                                          \
    }
#define NO_VALUE()                                                                                \
    if (inline_val)                                                                               \
        return oc_fail(err, errlen, "%s: takes no value (got '%s')", flag, inline_val);

        if (strcmp(flag, "--help") == 0 || strcmp(flag, "-h") == 0) {
            NO_VALUE();
            o->help = true;
        } else if (strcmp(flag, "--version") == 0) {
            NO_VALUE();
            o->version = true;
        } else if (strcmp(flag, "--fullscreen") == 0) {
            NO_VALUE();
            o->fullscreen = true;
        } else if (strcmp(flag, "--mute") == 0) {
            NO_VALUE();
            o->mute = true;
        } else if (strcmp(flag, "--headless") == 0) {
            NO_VALUE();
            o->headless = true;
        } else if (strcmp(flag, "--windowed") == 0) {
            TAKE_VALUE("a size WxH such as 1280x720");
            int w, h;
            if (!oc_parse_size(val, &w, &h) || w < 640 || h < 360 || w > 7680 || h > 4320)
                return oc_fail(err, errlen,
                               "--windowed: '%s' is not a size from 640x360 to 7680x4320 (WxH)", val);
            o->windowed = true;
            o->win_w = w;
            o->win_h = h;
        } else if (strcmp(flag, "--size") == 0) {
            TAKE_VALUE("a size WxH such as 1920x1080");
            int w, h;
            if (!oc_parse_size(val, &w, &h) || w < 320 || h < 240 || w > 7680 || h > 4320)
                return oc_fail(err, errlen,
                               "--size: '%s' is not a size from 320x240 to 7680x4320 (WxH)", val);
            o->size_w = w;
            o->size_h = h;
        } else if (strcmp(flag, "--display") == 0) {
            TAKE_VALUE("a display number 0-15");
            long n;
            if (!oc_parse_long(val, &n) || n < 0 || n > 15)
                return oc_fail(err, errlen, "--display: '%s' is not a display number from 0 to 15", val);
            o->display = (int)n;
        } else if (strcmp(flag, "--frames") == 0) {
            TAKE_VALUE("a frame count 1-100000");
            long n;
            if (!oc_parse_long(val, &n) || n < 1 || n > 100000)
                return oc_fail(err, errlen, "--frames: '%s' is not a whole number from 1 to 100000", val);
            o->frames = (int)n;
            o->frames_set = true;
        } else if (strcmp(flag, "--scene") == 0) {
            TAKE_VALUE("title, lab, session, academy, history or settings");
            int s = scene_from_name(val);
            if (s < 0)
                return oc_fail(err, errlen,
                               "--scene: '%s' is not one of title, lab, session, academy, history, settings",
                               val);
            o->scene = (SceneId)s;
        } else if (strcmp(flag, "--demo") == 0) {
            NO_VALUE();
            o->lab_demo = true;
            o->lab_flag_seen = true;
        } else if (strcmp(flag, "--limb") == 0) {
            TAKE_VALUE("arm, forearm, thigh, calf or shoulder");
            int b = -1;
            for (int k = 0; k < BODY_PART_COUNT; k++)
                if (strcmp(val, body_part_id((BodyPart)k)) == 0)
                    b = k;
            if (b < 0)
                return oc_fail(err, errlen, "--limb: '%s' is not one of arm, forearm, thigh, calf, shoulder", val);
            o->lab_part = b;
            o->lab_flag_seen = true;
        } else if (strcmp(flag, "--lab-cuff") == 0) {
            TAKE_VALUE("on or off");
            if (strcmp(val, "on") != 0 && strcmp(val, "off") != 0)
                return oc_fail(err, errlen, "--lab-cuff: '%s' is not on or off", val);
            o->lab_cuff = val[1] == 'n';
            o->lab_flag_seen = true;
        } else if (strcmp(flag, "--lab-view") == 0) {
            TAKE_VALUE("single or side");
            if (strcmp(val, "single") != 0 && strcmp(val, "side") != 0)
                return oc_fail(err, errlen, "--lab-view: '%s' is not single or side", val);
            o->lab_side = val[1] == 'i';
            o->lab_flag_seen = true;
        } else if (strcmp(flag, "--at") == 0) {
            TAKE_VALUE("seconds from 0 to 3600");
            double v;
            if (!oc_parse_double(val, &v) || v < 0.0 || v > 3600.0)
                return oc_fail(err, errlen, "--at: '%s' is not a number of seconds from 0 to 3600", val);
            o->lab_at = v;
            o->lab_flag_seen = true;
        } else if (strcmp(flag, "--classroom") == 0) {
            NO_VALUE();
            o->classroom = true;
        } else if (strcmp(flag, "--room") == 0) {
            NO_VALUE();
            o->room = true;
        } else if (strcmp(flag, "--room-port") == 0) {
            TAKE_VALUE("a port from 1024 to 65535");
            long n;
            if (!oc_parse_long(val, &n) || n < 1024 || n > 65535)
                return oc_fail(err, errlen, "--room-port: '%s' is not a port from 1024 to 65535", val);
            o->room_port = (int)n;
        } else if (strcmp(flag, "--room-code") == 0) {
            TAKE_VALUE("4 digits such as 0427");
            if (strlen(val) != 4 || strspn(val, "0123456789") != 4)
                return oc_fail(err, errlen, "--room-code: '%s' is not 4 digits (such as 0427)", val);
            oc_strlcpy(o->room_code, val, sizeof o->room_code);
        } else if (strcmp(flag, "--room-bind") == 0) {
            TAKE_VALUE("an IPv4 address such as 192.168.1.20");
            size_t n = strlen(val);
            if (n == 0 || n >= sizeof o->room_bind || strspn(val, "0123456789.") != n)
                return oc_fail(err, errlen, "--room-bind: '%s' is not an IPv4 address such as 192.168.1.20", val);
            oc_strlcpy(o->room_bind, val, sizeof o->room_bind);
        } else if (strcmp(flag, "--check-levels") == 0) {
            o->check_levels = true;
            /* the folder is optional: take the next argument unless it is another flag */
            const char *val = inline_val;
            if (!val && i + 1 < argc && argv[i + 1][0] != '-')
                val = argv[++i];
            if (val) {
                if (!*val)
                    return oc_fail(err, errlen, "--check-levels: the folder path is empty");
                if (oc_strlcpy(o->levels_dir, val, OC_PATH_MAX) >= OC_PATH_MAX)
                    return oc_fail(err, errlen, "--check-levels: the path is longer than %d bytes", OC_PATH_MAX - 1);
            }
        } else if (strcmp(flag, "--export-csv") == 0) {
            TAKE_VALUE("a file to write the history to");
            if (!*val)
                return oc_fail(err, errlen, "--export-csv: the path is empty");
            if (oc_strlcpy(o->export_csv, val, OC_PATH_MAX) >= OC_PATH_MAX)
                return oc_fail(err, errlen, "--export-csv: the path is longer than %d bytes", OC_PATH_MAX - 1);
        } else if (strcmp(flag, "--autoplay") == 0) {
            NO_VALUE();
            o->autoplay = true;
        } else if (strcmp(flag, "--athletes") == 0) {
            TAKE_VALUE("a number of athletes from 1 to 12");
            long n;
            if (!oc_parse_long(val, &n) || n < 1 || n > 12)
                return oc_fail(err, errlen, "--athletes: '%s' is not a whole number from 1 to 12", val);
            o->athletes = (int)n;
        } else if (strcmp(flag, "--time-scale") == 0) {
            TAKE_VALUE("a speed-up factor from 0.1 to 1000");
            double x;
            if (!oc_parse_double(val, &x) || x < 0.1 || x > 1000.0)
                return oc_fail(err, errlen, "--time-scale: '%s' is not a number from 0.1 to 1000", val);
            o->time_scale = x;
        } else if (strcmp(flag, "--protocol") == 0) {
            TAKE_VALUE("a protocol file (.json)");
            if (!*val)
                return oc_fail(err, errlen, "--protocol: the path is empty");
            if (oc_strlcpy(o->protocol, val, OC_PATH_MAX) >= OC_PATH_MAX)
                return oc_fail(err, errlen, "--protocol: the path is longer than %d bytes", OC_PATH_MAX - 1);
        } else if (strcmp(flag, "--check-protocols") == 0) {
            o->check_protocols = true;
            const char *val = inline_val;
            if (!val && i + 1 < argc && argv[i + 1][0] != '-')
                val = argv[++i];
            if (val) {
                if (!*val)
                    return oc_fail(err, errlen, "--check-protocols: the folder path is empty");
                if (oc_strlcpy(o->protocols_dir, val, OC_PATH_MAX) >= OC_PATH_MAX)
                    return oc_fail(err, errlen, "--check-protocols: the path is longer than %d bytes",
                                   OC_PATH_MAX - 1);
            }
        } else if (strcmp(flag, "--data-dir") == 0 || strcmp(flag, "--font") == 0 ||
                   strcmp(flag, "--screenshot") == 0 || strcmp(flag, "--levels") == 0) {
            TAKE_VALUE("a path");
            if (!*val)
                return oc_fail(err, errlen, "%s: the path is empty", flag);
            char *dst = flag[2] == 'd'   ? o->data_dir
                        : flag[2] == 'f' ? o->font_path
                        : flag[2] == 'l' ? o->levels_dir
                                         : o->screenshot;
            if (oc_strlcpy(dst, val, OC_PATH_MAX) >= OC_PATH_MAX)
                return oc_fail(err, errlen, "%s: the path is longer than %d bytes", flag, OC_PATH_MAX - 1);
            if (dst == o->data_dir) {
                struct stat sb;
                if (strlen(val) > OC_DATA_DIR_MAX)
                    return oc_fail(err, errlen, "--data-dir: the path is longer than %d bytes (the files kept in it "
                                   "need room too)", OC_DATA_DIR_MAX);
                if (stat(val, &sb) == 0 && !S_ISDIR(sb.st_mode))
                    return oc_fail(err, errlen, "--data-dir: '%s' is a file, not a folder", val);
            }
        } else {
            return oc_fail(err, errlen, "unknown option '%s' (see --help)", arg);
        }
#undef TAKE_VALUE
#undef NO_VALUE
    }
    if (o->fullscreen && o->windowed)
        return oc_fail(err, errlen, "--fullscreen and --windowed: choose one");
    if (o->lab_flag_seen && o->scene != SCENE_LAB)
        return oc_fail(err, errlen, "--demo, --limb, --lab-cuff, --lab-view and --at: only with --scene lab");
    if (o->screenshot[0] && !o->headless)
        return oc_fail(err, errlen, "--screenshot: only with --headless (in a window, F12 saves one)");
    return 0;
}
