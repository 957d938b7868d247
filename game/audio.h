/* Sound cues. A real implementation on SDL2_mixer, and a silent one (no device, --mute, headless)
 * in which the front end shows a caption instead. */
#ifndef OC_AUDIO_H
#define OC_AUDIO_H

#include <stdbool.h>

typedef enum Cue {
    CUE_MOVE,
    CUE_SELECT,
    CUE_BACK,
    CUE_ALERT,
    CUE_WRAP_ON,
    CUE_SET_START,
    CUE_REST,
    CUE_COUNTDOWN,
    CUE_WRAP_OFF,
    CUE_COUNT
} Cue;

typedef struct Audio {
    bool device;   /* a device is open and the chunks loaded */
    int volume;    /* 0..100 */
    bool muted;
    void *chunk[CUE_COUNT];
} Audio;

/* Opens the device unless want_device is false; never fails (falls back to silent). */
void audio_init(Audio *a, const char *sounds_dir, bool want_device);
void audio_shutdown(Audio *a);
void audio_set_volume(Audio *a, int volume, bool muted);
/* Returns true if the cue was heard; false means the caller should caption it. */
bool audio_play(Audio *a, Cue c);
const char *audio_caption(Cue c);
const char *audio_file(Cue c);

#endif
