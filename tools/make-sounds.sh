#!/usr/bin/env bash
# Regenerates assets/sounds/*.wav from these sox recipes (the sounds' source).
# Every cue is short, mono, 44.1 kHz, and distinct in pitch and rhythm so a room can tell them apart.
set -euo pipefail
out="$(cd "$(dirname "$0")/.." && pwd)/assets/sounds"
mkdir -p "$out"
fmt=(-r 44100 -c 1 -b 16)
tone() { sox -n "${fmt[@]}" "$1" synth "${@:2}"; }
tone "$out/move.wav"       0.04 sine 1320 fade 0 0.04 0.03 gain -14
tone "$out/select.wav"     0.16 sine 880:1320 fade 0 0.16 0.08 gain -8
tone "$out/back.wav"       0.14 sine 990:660 fade 0 0.14 0.07 gain -10
tone "$out/alert.wav"      0.35 square 740 fade 0 0.35 0.1 tremolo 12 60 gain -14
tone "$out/wrap-on.wav"    0.6 sine 440:880 fade 0.02 0.6 0.2 gain -6
tone "$out/countdown.wav"  0.12 sine 1000 fade 0 0.12 0.04 gain -8
tone "$out/rest.wav"       0.7 sine 784:523 fade 0.02 0.7 0.3 gain -7
# set start: two short high beeps
sox -n "${fmt[@]}" /tmp/oc-beep.wav synth 0.1 sine 1175 fade 0 0.1 0.03 gain -6
sox -n "${fmt[@]}" /tmp/oc-gap.wav trim 0 0.08
sox /tmp/oc-beep.wav /tmp/oc-gap.wav /tmp/oc-beep.wav "$out/set-start.wav"
# wraps off: a long major chord
sox -n "${fmt[@]}" "$out/wrap-off.wav" synth 1.4 sine 523 sine 659 sine 784 remix 1-3 fade 0.02 1.4 0.8 gain -10
# guided session cues: every one starts at full level (no fade-in), so its onset is sharp
tone "$out/rep-tick.wav"   0.03 sine 1760 fade 0 0.03 0.02 gain -16
# ten seconds left: three quick rising pips
sox -n "${fmt[@]}" /tmp/oc-pip1.wav synth 0.07 sine 660 fade 0 0.07 0.02 gain -8
sox -n "${fmt[@]}" /tmp/oc-pip2.wav synth 0.07 sine 880 fade 0 0.07 0.02 gain -8
sox -n "${fmt[@]}" /tmp/oc-pip3.wav synth 0.07 sine 1100 fade 0 0.07 0.02 gain -8
sox -n "${fmt[@]}" /tmp/oc-gap2.wav trim 0 0.05
sox /tmp/oc-pip1.wav /tmp/oc-gap2.wav /tmp/oc-pip2.wav /tmp/oc-gap2.wav /tmp/oc-pip3.wav "$out/rest-final.wav"
# warning: a two-tone siren
tone "$out/warning.wav"    0.6 square 988 square 740 remix 1-2 fade 0 0.6 0.1 tremolo 5 90 gain -16
# stop: a low buzz, long and unmistakable
tone "$out/stop.wav"       0.9 sawtooth 220 sawtooth 233 remix 1-2 fade 0 0.9 0.2 gain -14
rm -f /tmp/oc-beep.wav /tmp/oc-gap.wav /tmp/oc-pip1.wav /tmp/oc-pip2.wav /tmp/oc-pip3.wav /tmp/oc-gap2.wav
ls -l "$out"
