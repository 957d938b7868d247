/* Sound cues on SDL2_mixer, and a silent mode (no device, --mute, headless) in which the front end shows a
 * caption instead. Session cues are scheduled on the mixer's sample clock: each is mixed in at the exact
 * sample that corresponds to its transition's game time. Spoken words come from libespeak-ng, synthesized
 * to memory in a background thread and played through the mixer; without it the tones play alone. */
#ifndef OC_AUDIO_H
#define OC_AUDIO_H

#include <stdbool.h>
#include <stdint.h>

typedef enum Cue {
    CUE_MOVE,
    CUE_SELECT,
    CUE_BACK,
    CUE_ALERT,
    CUE_WRAP_ON,
    CUE_SET_START,
    CUE_REST,
    CUE_COUNTDOWN,  /* get ready: 3, 2, 1 */
    CUE_WRAP_OFF,
    CUE_REP_TICK,   /* optional, one per counted rep */
    CUE_REST_FINAL, /* ten seconds of rest left */
    CUE_WARNING,    /* wrap-time warning */
    CUE_STOP,       /* stop: remove the wraps now */
    CUE_COUNT
} Cue;

typedef struct AudioMix AudioMix;

typedef struct Audio {
    bool device;   /* a device is open and the chunks loaded */
    int volume;    /* 0..100 */
    bool muted;
    void *chunk[CUE_COUNT];
    AudioMix *mix; /* the scheduled-cue mixer and the speech cache (NULL without a device) */
} Audio;

/* Opens the device unless want_device is false; never fails (falls back to silent). */
void audio_init(Audio *a, const char *sounds_dir, bool want_device);
void audio_shutdown(Audio *a);
void audio_set_volume(Audio *a, int volume, bool muted);
/* Plays now. Returns true if the cue was heard; false means the caller should caption it. */
bool audio_play(Audio *a, Cue c);
const char *audio_caption(Cue c);
const char *audio_file(Cue c);

/* Ties game time to the mixer's sample clock; call once per fixed step with the current game time. */
void audio_sync(Audio *a, double game_time);
/* Schedules cue c to start at game time t (a transition that may lie a little in the past or the future),
 * followed by the spoken words `say` (may be NULL) when speech is available. Returns false when nothing
 * will be heard (no device, muted, volume 0): the caller captions it. */
bool audio_cue_at(Audio *a, Cue c, const char *say, double game_time);
/* The same, handing back the voices it placed (up to 2: the tone and the words) so that a cue scheduled
 * ahead of a transition that then does not happen can be taken back. Returns how many were placed. */
int audio_schedule(Audio *a, Cue c, const char *say, double game_time, int voices[2]);
/* Takes a scheduled voice back if it has not started yet; true if it was still waiting. */
bool audio_cancel(Audio *a, int voice);
/* Asks the speech thread to synthesize these phrases ahead of time (ignored without speech). */
void audio_prepare_speech(Audio *a, const char *const *phrases, int n);
/* True once libespeak-ng is running. */
bool audio_speech_available(const Audio *a);

/* For tests: the output frame at which the last scheduled cue starts, and the device's sample rate. */
int64_t audio_last_cue_frame(const Audio *a);
int audio_rate(const Audio *a);
/* For tests: the frame the mixer was filling and the performance counter when it did, at the last
 * callback (false without a device). */
bool audio_clock(const Audio *a, int64_t *frame, uint64_t *counter);

#endif
