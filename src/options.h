/* The game's command line: parsed and validated here so tests reach it without a window. */
#ifndef OC_OPTIONS_H
#define OC_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#define OC_PATH_MAX 1024

typedef enum SceneId {
    SCENE_TITLE,
    SCENE_LAB,
    SCENE_SESSION,
    SCENE_ACADEMY,
    SCENE_HISTORY,
    SCENE_SETTINGS,
    SCENE_COUNT
} SceneId;

typedef struct GameOptions {
    bool fullscreen;        /* --fullscreen */
    bool windowed;          /* --windowed WxH given */
    int win_w, win_h;
    int display;            /* --display N, -1 = let the system choose */
    bool mute;
    char data_dir[OC_PATH_MAX]; /* empty = platform default */
    char font_path[OC_PATH_MAX]; /* empty = fontconfig */
    bool help, version;
    bool headless;
    SceneId scene;
    int size_w, size_h;     /* --size, headless canvas */
    int frames;             /* --frames: headless frames, or quit after N frames in a window */
    bool frames_set;
    char screenshot[OC_PATH_MAX];
    bool check_levels;      /* --check-levels [DIR]: validate level files and exit */
    char levels_dir[OC_PATH_MAX]; /* --levels DIR or the DIR of --check-levels; empty = shipped levels */
    bool classroom;         /* --classroom: the Academy starts in classroom view */
    bool room;              /* --room: the room (phones over local Wi-Fi) is on at start */
    int room_port;          /* --room-port PORT, default 8787 */
    char room_code[8];      /* --room-code NNNN; empty = a random code */
    char room_bind[48];     /* --room-bind ADDR: IPv4 address to listen on; empty = every interface */
    char export_csv[OC_PATH_MAX]; /* --export-csv FILE ("-" = stdout): write the history and exit */
    /* Muscle Lab (with --scene lab) */
    bool lab_demo;          /* --demo: the Lab plays its standard 4-set run by itself */
    int lab_part;           /* --limb arm|forearm|thigh|calf|shoulder: a BodyPart, -1 = not given */
    bool lab_cuff;          /* --lab-cuff on|off (default on) */
    double lab_at;          /* --at SECONDS: simulated time run before the first frame (0 to 3600) */
    bool lab_side;          /* --lab-view side: the with/without-wrap pair side by side (default single) */
    bool lab_flag_seen;     /* any of the above was given (they need --scene lab) */
    /* Guided session */
    char protocol[OC_PATH_MAX]; /* --protocol FILE: the session's plan */
    bool autoplay;              /* --autoplay: run the whole session with automatic answers and taps */
    int athletes;               /* --athletes N (1-12); 0 = not given */
    double time_scale;          /* --time-scale X: session seconds per real second (default 1) */
    bool check_protocols;       /* --check-protocols [DIR] */
    char protocols_dir[OC_PATH_MAX]; /* the DIR of --check-protocols; empty = shipped protocols */
} GameOptions;

/* The longest --data-dir: the files kept in it (database, its set-aside copies and backups) must fit. */
#define OC_DATA_DIR_MAX (OC_PATH_MAX - 128)

void options_defaults(GameOptions *o);
/* 0 on success; -1 with a message naming the flag and what was expected. */
int options_parse(GameOptions *o, int argc, char **argv, char *err, size_t errlen);
const char *options_usage(void);

const char *scene_name(SceneId id);
/* -1 if unknown. */
int scene_from_name(const char *name);

#endif
