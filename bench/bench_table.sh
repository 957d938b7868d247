#!/usr/bin/env bash
# Turns `bench_frame --json` output (one object per scene and size) into the README's Markdown table:
# per scene, the median ratio to the floor [range] at 1920x1080 and 3840x2160, and the scene's median ms.
#   ./build/tests/bench/bench_frame --json | bench/bench_table.sh
set -eu
awk '
function field(line, name,    m) {
    if (match(line, "\"" name "\":\"?[^,\"}]*")) {
        m = substr(line, RSTART, RLENGTH); sub("\"" name "\":\"?", "", m); return m
    }
    return ""
}
/"scene":/ {
    s = field($0, "scene"); z = field($0, "size")
    if (!(s in seen)) { seen[s] = 1; order[++n] = s }
    cell[s, z] = sprintf("%.1f× [%.1f–%.1f], %.2f ms", field($0, "ratio"), field($0, "ratio_min"), field($0, "ratio_max"), field($0, "scene_ms"))
    if (field($0, "within_target") != "true") cell[s, z] = cell[s, z] " **over**"
    floor_ms[z] = field($0, "floor_ms")
}
END {
    print "| scene | 1920×1080: ratio to the floor [range], scene CPU per frame | 3840×2160 |"
    print "| --- | --- | --- |"
    for (i = 1; i <= n; i++) {
        s = order[i]
        a = ((s, "1920x1080") in cell) ? cell[s, "1920x1080"] : "–"
        b = ((s, "3840x2160") in cell) ? cell[s, "3840x2160"] : "–"
        print "| " s " | " a " | " b " |"
    }
    printf "| *floor: clear + one freshly rendered line of text + present* | %.2f ms | %.2f ms |\n", floor_ms["1920x1080"], floor_ms["3840x2160"]
}'
