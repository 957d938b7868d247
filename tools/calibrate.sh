#!/usr/bin/env bash
# Prints one line per calibration scenario (see docs/model.md): the figures the tests check.
sim=${1:-build/dev/occlusion-sim}
run() {
  local name=$1; shift
  "$sim" --json "$@" | python3 -c "
import json,sys
j=json.load(sys.stdin)
print('%-22s reps=%-18s tot=%3d in=%.2f out=%.2f swell=%5.1f pH=%.2f lac=%4.1f pcr=%4.1f sat=%.2f t2=%.2f aop=%3.0f cuff=%3.0f flags=%s' % ('$name', j['reps_per_set'], j['total_reps'], j['arterial_inflow_rest'], j['venous_outflow_rest'], j['peak_swelling_percent'], j['min_ph'], j['peak_lactate_mmol'], j['min_pcr_mm'], j['min_oxygen_saturation'], j['peak_type2_recruitment'], j['aop_mmhg'], j['cuff_mmhg'], ','.join(j['flags'])))"
}
run arm-off-fail       --to-failure --cuff off
run arm-40-fail        --to-failure --aop-percent 40
run arm-50-fail        --to-failure --aop-percent 50
run arm-60-fail        --to-failure --aop-percent 60
run arm-80-fail        --to-failure --aop-percent 80
run arm-50-interm      --to-failure --aop-percent 50 --cuff intermittent
run arm-50-30151515    --aop-percent 50
run arm-50-seed5x      --to-failure --sets 5 --aop-percent 50
run leg-off-fail       --limb leg --to-failure --cuff off
run leg-70-fail        --limb leg --to-failure --aop-percent 70
run leg-t7             --limb leg --tightness 7 --to-failure
run arm-t7             --tightness 7 --to-failure
run arm-70pct-load     --load 70 --to-failure --cuff off
run nocuff-50-1set     --load 50 --to-failure --cuff off --sets 1
run nocuff-85-1set     --load 85 --to-failure --cuff off --sets 1
run arm25-50-rolnick   --load 25 --to-failure --aop-percent 50
run thigh25-70-rolnick --limb thigh --load 25 --to-failure --aop-percent 70
run thigh30-40-dose    --limb thigh --load 30 --to-failure --aop-percent 40
run thigh30-80-dose    --limb thigh --load 30 --to-failure --aop-percent 80
run yasuda-0           --cuff-width 3 --load 20 --cuff off
run yasuda-100         --cuff-width 3 --load 20 --pressure 100
run yasuda-160         --cuff-width 3 --load 20 --pressure 160
run loenneke-13.5cm    --limb thigh --cuff-width 13.5
run loenneke-5cm       --limb thigh --cuff-width 5
run thigh-18cm-seated  --limb thigh --cuff-width 18 --posture seated
run forearm-default    --limb forearm --to-failure
run calf-default       --limb calf --to-failure
# oxygen between sets: share of the drop during set 1 recovered by the end of rest 1
for pct in 40 60 80; do
  "$sim" --to-failure --aop-percent $pct --csv - --every 0.5 --recovery 0 | python3 -c "
import csv,sys
rows=list(csv.DictReader(sys.stdin))
s0=[float(r['oxygen_saturation']) for r in rows if r['phase']=='hold'][-1]
s1=[float(r['oxygen_saturation']) for r in rows if r['phase']=='set' and r['set']=='1'][-1]
s2=[float(r['oxygen_saturation']) for r in rows if r['phase']=='rest' and r['set']=='1'][-1]
print('O2 at $pct%%: before %.2f end-set1 %.2f end-rest1 %.2f recovered %.0f%%' % (s0,s1,s2,100*(s2-s1)/(s0-s1)))"
done
