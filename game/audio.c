#include "audio.h"

#include <SDL.h>
#include <SDL_mixer.h>
#include <espeak-ng/speak_lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oc_util.h"

static const char *const files[CUE_COUNT] = {
    [CUE_MOVE] = "move.wav",           [CUE_SELECT] = "select.wav",         [CUE_BACK] = "back.wav",
    [CUE_ALERT] = "alert.wav",         [CUE_WRAP_ON] = "wrap-on.wav",       [CUE_SET_START] = "set-start.wav",
    [CUE_REST] = "rest.wav",           [CUE_COUNTDOWN] = "countdown.wav",   [CUE_WRAP_OFF] = "wrap-off.wav",
    [CUE_REP_TICK] = "rep-tick.wav",   [CUE_REST_FINAL] = "rest-final.wav", [CUE_WARNING] = "warning.wav",
    [CUE_STOP] = "stop.wav",
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
    [CUE_REP_TICK] = "[rep tick]",
    [CUE_REST_FINAL] = "[ten seconds: three rising pips]",
    [CUE_WARNING] = "[warning: two-tone siren]",
    [CUE_STOP] = "[stop: low buzz]",
};

const char *audio_caption(Cue c)
{
    return (c >= 0 && c < CUE_COUNT) ? captions[c] : "";
}

const char *audio_file(Cue c)
{
    return (c >= 0 && c < CUE_COUNT) ? files[c] : "";
}

/* ---------------- the scheduled-cue mixer ---------------- */

#define VOICES 32
#define SYNC_WINDOW 12 /* steps (0.12 s of game time) over which the clock relation is taken */
#define PHRASES 160
#define PHRASE_MAX 80

typedef struct Voice {
    SDL_atomic_t state; /* 0 free, 1 owned by the mixer */
    const Sint16 *pcm;  /* interleaved, device format (S16, `channels`) */
    Uint32 frames;
    Sint64 start;       /* output frame of the first sample */
    int gain;           /* 0..256 */
} Voice;

typedef struct Phrase {
    char text[PHRASE_MAX];
    Sint16 *pcm; /* device rate and channels; NULL until synthesized */
    Uint32 frames;
    bool wanted, failed;
} Phrase;

struct AudioMix {
    int rate, channels, buffer_frames;
    SDL_SpinLock lock;
    Sint64 frames_done;    /* frames mixed so far (the start of the next buffer) */
    Uint64 cb_counter;     /* performance counter at the last callback */
    Sint64 cb_frame;       /* frames_done at the last callback's start */
    bool have_clock;
    /* game time <-> output frames: frame = offset + game_time * rate */
    double offset;
    bool anchored;
    double cand[SYNC_WINDOW];
    int ncand;
    Voice voice[VOICES];
    Sint64 last_cue_frame;

    /* speech */
    SDL_Thread *speech_thread;
    SDL_mutex *speech_mx;
    SDL_cond *speech_cv;
    bool speech_ok, speech_quit;
    int speech_rate;
    Phrase phrase[PHRASES];
    int nphrases;
};

static void SDLCALL postmix(void *udata, Uint8 *stream, int len)
{
    AudioMix *m = udata;
    int ch = m->channels;
    Sint16 *out = (Sint16 *)(void *)stream;
    int frames = len / (int)(sizeof(Sint16) * (size_t)ch);
    SDL_AtomicLock(&m->lock);
    Sint64 f0 = m->frames_done;
    m->cb_frame = f0;
    m->cb_counter = SDL_GetPerformanceCounter();
    m->frames_done = f0 + frames;
    m->have_clock = true;
    SDL_AtomicUnlock(&m->lock);
    for (int v = 0; v < VOICES; v++) {
        Voice *vo = &m->voice[v];
        if (SDL_AtomicGet(&vo->state) != 1)
            continue;
        Sint64 from = vo->start > f0 ? vo->start : f0;
        Sint64 to = vo->start + vo->frames < f0 + frames ? vo->start + vo->frames : f0 + frames;
        for (Sint64 f = from; f < to; f++) {
            const Sint16 *src = vo->pcm + (f - vo->start) * ch;
            Sint16 *dst = out + (f - f0) * ch;
            for (int c = 0; c < ch; c++) {
                int s = dst[c] + (src[c] * vo->gain >> 8);
                dst[c] = (Sint16)(s > 32767 ? 32767 : s < -32768 ? -32768 : s);
            }
        }
        if (vo->start + vo->frames <= f0 + frames)
            SDL_AtomicSet(&vo->state, 0);
    }
}

/* ---------------- speech: espeak-ng into memory, on its own thread ---------------- */

typedef struct Grab {
    Sint16 *buf;
    size_t n, cap;
} Grab;

static int speech_cb(short *wav, int n, espeak_EVENT *ev)
{
    Grab *g = ev ? ev->user_data : NULL;
    if (!g || !wav || n <= 0)
        return 0;
    if (g->n + (size_t)n > g->cap) {
        size_t nc = (g->cap ? g->cap * 2 : 32768) + (size_t)n;
        Sint16 *nb = realloc(g->buf, nc * sizeof *nb);
        if (!nb)
            return 1;
        g->buf = nb;
        g->cap = nc;
    }
    memcpy(g->buf + g->n, wav, (size_t)n * sizeof *wav);
    g->n += (size_t)n;
    return 0;
}

/* Mono at the synthesizer's rate to the device's rate and channels (linear interpolation). */
static Sint16 *resample(const Sint16 *in, size_t n, int in_rate, int out_rate, int ch, Uint32 *frames)
{
    size_t outn = (size_t)((double)n * out_rate / in_rate);
    Sint16 *out = malloc((outn ? outn : 1) * (size_t)ch * sizeof *out);
    if (!out)
        return NULL;
    for (size_t i = 0; i < outn; i++) {
        double x = (double)i * in_rate / out_rate;
        size_t k = (size_t)x;
        double f = x - (double)k;
        double a = in[k < n ? k : n - 1], b = in[k + 1 < n ? k + 1 : n - 1];
        Sint16 s = (Sint16)(a + (b - a) * f);
        for (int c = 0; c < ch; c++)
            out[i * (size_t)ch + (size_t)c] = s;
    }
    *frames = (Uint32)outn;
    return out;
}

/* espeak-ng is set up once per process and kept: it cannot be started again after espeak_Terminate. */
static int espeak_rate_once(void)
{
    static int rate = 0;
    static bool tried = false;
    if (!tried) {
        tried = true;
        rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 200, NULL, 0);
        if (rate > 0 && espeak_SetVoiceByName("en") != EE_OK)
            rate = -1;
        if (rate > 0) {
            espeak_SetSynthCallback(speech_cb);
            espeak_SetParameter(espeakRATE, 165, 0);
        }
    }
    return rate;
}

static int speech_main(void *arg)
{
    AudioMix *m = arg;
    static SDL_SpinLock once;
    SDL_AtomicLock(&once);
    int rate = espeak_rate_once();
    SDL_AtomicUnlock(&once);
    SDL_LockMutex(m->speech_mx);
    if (rate <= 0) {
        m->speech_ok = false;
        SDL_CondBroadcast(m->speech_cv);
        SDL_UnlockMutex(m->speech_mx);
        SDL_Log("audio: espeak-ng is not available; cues play as tones only");
        return 0;
    }
    m->speech_rate = rate;
    m->speech_ok = true;
    SDL_CondBroadcast(m->speech_cv);
    while (!m->speech_quit) {
        int todo = -1;
        for (int i = 0; i < m->nphrases; i++)
            if (m->phrase[i].wanted && !m->phrase[i].pcm && !m->phrase[i].failed) {
                todo = i;
                break;
            }
        if (todo < 0) {
            SDL_CondWait(m->speech_cv, m->speech_mx);
            continue;
        }
        char text[PHRASE_MAX];
        oc_strlcpy(text, m->phrase[todo].text, sizeof text);
        SDL_UnlockMutex(m->speech_mx);
        Grab g = {0};
        espeak_ERROR e = espeak_Synth(text, strlen(text) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, &g);
        Uint32 frames = 0;
        Sint16 *pcm = e == EE_OK && g.n ? resample(g.buf, g.n, rate, m->rate, m->channels, &frames) : NULL;
        free(g.buf);
        SDL_LockMutex(m->speech_mx);
        if (pcm) {
            m->phrase[todo].pcm = pcm;
            m->phrase[todo].frames = frames;
        } else {
            m->phrase[todo].failed = true;
        }
    }
    SDL_UnlockMutex(m->speech_mx);
    return 0;
}

/* Index of a phrase, adding it (as wanted) if new; -1 if the table is full. Called with the mutex held. */
static int phrase_find(AudioMix *m, const char *text, bool want)
{
    for (int i = 0; i < m->nphrases; i++)
        if (strcmp(m->phrase[i].text, text) == 0) {
            m->phrase[i].wanted |= want;
            return i;
        }
    if (!want || m->nphrases >= PHRASES)
        return -1;
    Phrase *p = &m->phrase[m->nphrases];
    oc_strlcpy(p->text, text, sizeof p->text);
    p->wanted = true;
    return m->nphrases++;
}

static void speech_start(AudioMix *m);

void audio_prepare_speech(Audio *a, const char *const *phrases, int n)
{
    AudioMix *m = a->mix;
    if (!m || !m->speech_mx)
        return;
    SDL_LockMutex(m->speech_mx);
    speech_start(m);
    for (int i = 0; i < n; i++)
        if (phrases[i] && phrases[i][0])
            phrase_find(m, phrases[i], true);
    SDL_CondSignal(m->speech_cv);
    SDL_UnlockMutex(m->speech_mx);
}

bool audio_speech_available(const Audio *a)
{
    return a->mix && a->mix->speech_ok;
}

/* ---------------- device ---------------- */

void audio_init(Audio *a, const char *sounds_dir, bool want_device)
{
    *a = (Audio){.volume = 80};
    if (!want_device)
        return;
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        SDL_Log("audio: no audio subsystem (%s); running silent with captions", SDL_GetError());
        return;
    }
    /* small buffers: a cue can only be placed in a buffer not yet mixed */
    if (Mix_OpenAudio(44100, AUDIO_S16SYS, 2, 441) != 0) { /* 10 ms buffers */
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
    AudioMix *m = calloc(1, sizeof *m);
    Uint16 fmt = 0;
    if (!m || !Mix_QuerySpec(&m->rate, &fmt, &m->channels) || fmt != AUDIO_S16SYS || m->channels < 1) {
        free(m);
        return; /* the plain Mix_PlayChannel path still works */
    }
    m->buffer_frames = 441;
    a->mix = m;
    Mix_SetPostMix(postmix, m);
    m->speech_mx = SDL_CreateMutex();
    m->speech_cv = SDL_CreateCond();
}

/* The speech thread starts with the first phrase asked for, so scenes without words pay nothing. Called
 * with the mutex held. */
static void speech_start(AudioMix *m)
{
    if (!m->speech_thread && m->speech_mx && m->speech_cv && !m->speech_quit)
        m->speech_thread = SDL_CreateThread(speech_main, "oc-speech", m);
}

void audio_shutdown(Audio *a)
{
    if (!a->device)
        return;
    Mix_HaltChannel(-1);
    Mix_SetPostMix(NULL, NULL);
    AudioMix *m = a->mix;
    if (m) {
        if (m->speech_thread) {
            SDL_LockMutex(m->speech_mx);
            m->speech_quit = true;
            SDL_CondBroadcast(m->speech_cv);
            SDL_UnlockMutex(m->speech_mx);
            SDL_WaitThread(m->speech_thread, NULL);
        }
        for (int i = 0; i < m->nphrases; i++)
            free(m->phrase[i].pcm);
        if (m->speech_cv)
            SDL_DestroyCond(m->speech_cv);
        if (m->speech_mx)
            SDL_DestroyMutex(m->speech_mx);
    }
    for (int i = 0; i < CUE_COUNT; i++)
        if (a->chunk[i])
            Mix_FreeChunk(a->chunk[i]);
    Mix_CloseAudio();
    free(m);
    a->mix = NULL;
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

/* ---------------- the clock ---------------- */

void audio_sync(Audio *a, double game_time)
{
    AudioMix *m = a->mix;
    if (!m)
        return;
    SDL_AtomicLock(&m->lock);
    bool have = m->have_clock;
    Sint64 cb_frame = m->cb_frame;
    Uint64 cb_counter = m->cb_counter;
    SDL_AtomicUnlock(&m->lock);
    if (!have)
        return;
    /* the frame leaving the mixer now, extrapolated from the last callback */
    double since = (double)(SDL_GetPerformanceCounter() - cb_counter) / (double)SDL_GetPerformanceFrequency();
    double now_frame = (double)cb_frame + since * m->rate;
    /* Game time runs behind the wall clock by a varying amount (fixed steps are caught up once per frame);
     * the smallest gap seen lately is the true relation, so the mapping is the minimum over a short window. */
    m->cand[m->ncand++ % SYNC_WINDOW] = now_frame - game_time * m->rate;
    int n = m->ncand < SYNC_WINDOW ? m->ncand : SYNC_WINDOW;
    double best = m->cand[0];
    for (int i = 1; i < n; i++)
        if (m->cand[i] < best)
            best = m->cand[i];
    m->offset = best;
    m->anchored = true;
}

static int place(AudioMix *m, const Sint16 *pcm, Uint32 frames, Sint64 start, int gain)
{
    for (int v = 0; v < VOICES; v++) {
        Voice *vo = &m->voice[v];
        if (SDL_AtomicGet(&vo->state) != 0)
            continue;
        vo->pcm = pcm;
        vo->frames = frames;
        vo->start = start;
        vo->gain = gain;
        SDL_MemoryBarrierRelease();
        SDL_AtomicSet(&vo->state, 1);
        return v;
    }
    return -1;
}

int audio_schedule(Audio *a, Cue c, const char *say, double game_time, int voices[2])
{
    voices[0] = voices[1] = -1;
    if (!a->device || a->muted || a->volume == 0 || c < 0 || c >= CUE_COUNT)
        return 0;
    AudioMix *m = a->mix;
    Mix_Chunk *ch = a->chunk[c];
    if (!m || !m->anchored) /* no clock yet: play it now */
        return audio_play(a, c) ? 1 : 0;
    SDL_AtomicLock(&m->lock);
    Sint64 mixed = m->frames_done;
    SDL_AtomicUnlock(&m->lock);
    Sint64 start = (Sint64)(m->offset + game_time * m->rate + 0.5);
    if (start < mixed)
        start = mixed; /* already past: as soon as possible */
    int gain = a->volume * 256 / 100, n = 0;
    Sint64 after = start;
    if (ch) {
        Uint32 frames = ch->alen / (Uint32)(sizeof(Sint16) * (size_t)m->channels);
        voices[0] = place(m, (const Sint16 *)(void *)ch->abuf, frames, start, gain);
        n += voices[0] >= 0;
        after = start + frames;
    }
    m->last_cue_frame = start;
    if (say && say[0] && m->speech_mx) {
        SDL_LockMutex(m->speech_mx);
        speech_start(m);
        int i = phrase_find(m, say, true);
        if (i >= 0 && m->phrase[i].pcm) {
            voices[1] = place(m, m->phrase[i].pcm, m->phrase[i].frames, after + m->rate / 20, gain);
            n += voices[1] >= 0;
        } else {
            SDL_CondSignal(m->speech_cv); /* not ready this time; it will be next time */
        }
        SDL_UnlockMutex(m->speech_mx);
    }
    return n;
}

bool audio_cue_at(Audio *a, Cue c, const char *say, double game_time)
{
    int v[2];
    return audio_schedule(a, c, say, game_time, v) > 0;
}

bool audio_cancel(Audio *a, int voice)
{
    AudioMix *m = a->mix;
    if (!m || voice < 0 || voice >= VOICES)
        return false;
    /* the mixer only reads a voice while it fills a buffer; hold its lock-free clock still by checking
     * against the frames already mixed, under the same spin lock the callback takes first */
    SDL_AtomicLock(&m->lock);
    Voice *vo = &m->voice[voice];
    bool waiting = SDL_AtomicGet(&vo->state) == 1 && vo->start >= m->frames_done;
    if (waiting)
        SDL_AtomicSet(&vo->state, 0);
    SDL_AtomicUnlock(&m->lock);
    return waiting;
}

int64_t audio_last_cue_frame(const Audio *a)
{
    return a->mix ? a->mix->last_cue_frame : -1;
}

int audio_rate(const Audio *a)
{
    return a->mix ? a->mix->rate : 0;
}

bool audio_clock(const Audio *a, int64_t *frame, uint64_t *counter)
{
    AudioMix *m = a->mix;
    if (!m)
        return false;
    SDL_AtomicLock(&m->lock);
    bool have = m->have_clock;
    *frame = m->cb_frame;
    *counter = m->cb_counter;
    SDL_AtomicUnlock(&m->lock);
    return have;
}
