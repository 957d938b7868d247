#!/usr/bin/env python3
"""Fits the constants of the AOP mechanism in src/model.c (documented in docs/model.md).

AOP = P_close / eta,  eta = 1 - exp(-W / (lam * r)),  r = C / (2 pi)
P_close = c0 + a_s * SBP_local + k_age * age - s_f * female,  SBP_local = SBP * (1.1 on the leg)

Targets (shared/reference/model-calibration.md): the seated 18 cm thigh-cuff regression over a grid of
inputs; a 12 cm arm cuff on a 30 cm arm near 150 mmHg (wide-cuff arm AOP 130-170); a 5 cm band on the
thigh needing about twice the pressure of the 18 cm cuff. Pure Python: no numpy on the build machines.
"""
import math

def aop(p, W, C, sbp, age, female, leg):
    c0, a_s, k_age, s_f, lam = p
    r = C / (2 * math.pi)
    eta = 1 - math.exp(-W / (lam * r))
    local = sbp * (1.1 if leg else 1.0)
    return (c0 + a_s * local + k_age * age - s_f * female) / eta

def thigh_eq(C, sbp, age, female):
    return 65.29 + 1.110 * C + 0.178 * sbp + 1.153 * age - 7.984 * (2 if female else 1)

def loss(p):
    if p[4] <= 0.1:
        return 1e9
    e = 0.0
    n = 0
    for C in (45, 50, 55, 60, 65, 70):
        for sbp in (110, 120, 130, 140):
            for age in (20, 35, 50, 65):
                for f in (0, 1):
                    d = aop(p, 18, C, sbp, age, f, True) - thigh_eq(C, sbp, age, f)
                    e += d * d
                    n += 1
    e /= n
    arm = aop(p, 12, 30, 120, 30, 0, False)
    e += 4 * (arm - 150) ** 2
    ratio = aop(p, 5, 55, 120, 30, 0, True) / aop(p, 18, 55, 120, 30, 0, True)
    e += 400 * (ratio - 2.0) ** 2
    return e

def nelder_mead(f, x0, step, iters=4000):
    pts = [list(x0)]
    for i in range(len(x0)):
        x = list(x0); x[i] += step[i]; pts.append(x)
    vals = [f(x) for x in pts]
    for _ in range(iters):
        order = sorted(range(len(pts)), key=lambda i: vals[i])
        pts = [pts[i] for i in order]; vals = [vals[i] for i in order]
        cen = [sum(x[j] for x in pts[:-1]) / (len(pts) - 1) for j in range(len(x0))]
        worst = pts[-1]
        xr = [c + (c - w) for c, w in zip(cen, worst)]; fr = f(xr)
        if fr < vals[0]:
            xe = [c + 2 * (c - w) for c, w in zip(cen, worst)]; fe = f(xe)
            pts[-1], vals[-1] = (xe, fe) if fe < fr else (xr, fr)
        elif fr < vals[-2]:
            pts[-1], vals[-1] = xr, fr
        else:
            xc = [c + 0.5 * (w - c) for c, w in zip(cen, worst)]; fc = f(xc)
            if fc < vals[-1]:
                pts[-1], vals[-1] = xc, fc
            else:
                for i in range(1, len(pts)):
                    pts[i] = [b + 0.5 * (x - b) for b, x in zip(pts[0], pts[i])]
                    vals[i] = f(pts[i])
    i = min(range(len(pts)), key=lambda i: vals[i])
    return pts[i], vals[i]

best = None
for lam0 in (0.6, 0.9, 1.2):
    p, v = nelder_mead(loss, [40, 0.5, 0.9, 6, lam0], [10, 0.2, 0.3, 3, 0.2])
    if best is None or v < best[1]:
        best = (p, v)
p = best[0]
print("c0=%.3f a_s=%.4f k_age=%.4f s_f=%.3f lam=%.4f  loss=%.2f" % (*p, best[1]))
worst = max(abs(aop(p, 18, C, s, a, f, True) - thigh_eq(C, s, a, f))
            for C in (45, 50, 55, 60, 65, 70) for s in (110, 120, 130, 140) for a in (20, 35, 50, 65) for f in (0, 1))
print("thigh eq: worst abs error %.1f mmHg (SEE 15)" % worst)
for C in (25, 30, 35):
    print("arm 12 cm, C=%d: %.0f mmHg" % (C, aop(p, 12, C, 120, 30, 0, False)))
print("thigh 18 cm C=55: %.0f; 5 cm band: %.0f (ratio %.2f)" % (
    aop(p, 18, 55, 120, 30, 0, True), aop(p, 5, 55, 120, 30, 0, True),
    aop(p, 5, 55, 120, 30, 0, True) / aop(p, 18, 55, 120, 30, 0, True)))
print("arm 5 cm band C=30: %.0f" % aop(p, 5, 30, 120, 30, 0, False))
