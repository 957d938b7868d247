#include "audio.h"

#include <SDL.h>
#include <SDL_mixer.h>
#include <stdio.h>

#include "oc_util.h"

static const char *const files[CUE_COUNT] = {
    [CUE_MOVE] = "move.wav",           [CUE_SELECT] = "select.wav", [CUE_BACK] = "back.wav",
    [CUE_ALERT] = "alert.wav",         [CUE_WRAP_ON] = "wrap-on.wav", [CUE_SET_START] = "set-start.wav",
    [CUE_REST] = "rest.wav",           [CUE_COUNTDOWN] = "countdown.wav", [CUE_WRAP_OFF] = "wrap-off.wav",
};

static const char *const captions[CUE_COUNT] = {
    [CUE_MOVE] = "[tick]",
    [CUE_SELECT] = "[select chime]",
    [CUE_BACK] = "[back chime]",
    [CUE_ALERT] = "[alert tone]",
    [CUE_WRAP_ON] = "[wraps on: rising tone]",
    [CUE_SET_START] = "[set starts: double beep]",
    [CUE_REST] = "[rest: soft falling tone]",
    [CUE_COUNTDOWN] = "[countdown beep]",
    [CUE_WRAP_OFF] = "[wraps off: long chord]",
};

const char *audio_caption(Cue c)
{
    return (c >= 0 && c < CUE_COUNT) ? captions[c] : "";
}

const char *audio_file(Cue c)
{
    return (c >= 0 && c < CUE_COUNT) ? files[c] : "";
}

void audio_init(Audio *a, const char *sounds_dir, bool want_device)
{
    *a = (Audio){.volume = 80};
    if (!want_device)
        return;
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        SDL_Log("audio: no audio subsystem (%s); running silent with captions", SDL_GetError());
        return;
    }
    if (Mix_OpenAudio(44100, AUDIO_S16SYS, 2, 1024) != 0) {
        SDL_Log("audio: no audio device (%s); running silent with captions", Mix_GetError());
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        return;
    }
    Mix_AllocateChannels(8);
    for (int i = 0; i < CUE_COUNT; i++) {
        char path[2048];
        oc_path_join(path, sizeof path, sounds_dir, files[i]);
        a->chunk[i] = Mix_LoadWAV(path);
        if (!a->chunk[i])
            SDL_Log("audio: %s: %s (this cue will be captioned)", path, Mix_GetError());
    }
    a->device = true;
}

void audio_shutdown(Audio *a)
{
    if (!a->device)
        return;
    Mix_HaltChannel(-1);
    for (int i = 0; i < CUE_COUNT; i++)
        if (a->chunk[i])
            Mix_FreeChunk(a->chunk[i]);
    Mix_CloseAudio();
    Mix_Quit();
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    a->device = false;
}

void audio_set_volume(Audio *a, int volume, bool muted)
{
    a->volume = volume < 0 ? 0 : volume > 100 ? 100 : volume;
    a->muted = muted;
    if (a->device)
        Mix_Volume(-1, muted ? 0 : a->volume * MIX_MAX_VOLUME / 100);
}

bool audio_play(Audio *a, Cue c)
{
    if (!a->device || a->muted || a->volume == 0 || c < 0 || c >= CUE_COUNT || !a->chunk[c])
        return false;
    return Mix_PlayChannel(-1, a->chunk[c], 0) >= 0;
}
