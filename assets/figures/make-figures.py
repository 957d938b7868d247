#!/usr/bin/env python3
"""Writes body-front.svg and body-back.svg, the Academy's body figure (run it, then tools/export-images.sh).

The figure is drawn on a 1000 x 2000 canvas; level files place zones at x = svg_x / 1000, y = svg_y / 2000
(levels/README.md). The joints sit exactly on the landmarks the levels and src/academy.c use:
shoulder (310, 390), elbow (240, 700), wrist (190, 960), groin line y = 1000, knee (412, 1425),
ankle (410, 1850). Limbs are laid out along those bones: a point is (t along the bone, v across it,
v > 0 towards the outside of the body), so moving a joint moves everything hung on it.

Only the figure's left half (the image's left) is described; the right half is its mirror image, and the
outline is one closed path through both halves. Both views share that outline exactly.
"""
import math
import os

HERE = os.path.dirname(os.path.abspath(__file__))


class Bone:
    def __init__(self, a, b):
        self.a, self.b = a, b
        dx, dy = b[0] - a[0], b[1] - a[1]
        n = math.hypot(dx, dy)
        self.d = (dx / n, dy / n)
        # the outward normal points to the image's left (the figure's own side, away from the midline)
        nx, ny = -self.d[1], self.d[0]
        if nx > 0:
            nx, ny = -nx, -ny
        self.n = (nx, ny)

    def at(self, t, v):
        return (self.a[0] + t * (self.b[0] - self.a[0]) + v * self.n[0],
                self.a[1] + t * (self.b[1] - self.a[1]) + v * self.n[1])


SHOULDER, ELBOW, WRIST = (310, 390), (240, 700), (190, 960)
HIP, KNEE, ANKLE = (424, 975), (412, 1425), (410, 1850)
UA = Bone(SHOULDER, ELBOW)
FA = Bone(ELBOW, WRIST)
HAND = Bone(WRIST, (177, 1088))
TH = Bone(HIP, KNEE)
CA = Bone(KNEE, ANKLE)


def on(bone, tv):
    return [bone.at(t, v) for t, v in tv]


def corner(p):
    return (p[0], p[1], "corner")


def smooth(points, closed=True):
    """A Catmull-Rom curve through the points as cubic Beziers; points marked corner get a sharp joint."""
    n = len(points)
    P = [(p[0], p[1]) for p in points]
    sharp = [len(p) > 2 for p in points]

    def tangent(i):
        if sharp[i] or (not closed and (i == 0 or i == n - 1)):
            return (0.0, 0.0)
        a, b = P[(i - 1) % n], P[(i + 1) % n]
        return ((b[0] - a[0]) / 6.0, (b[1] - a[1]) / 6.0)

    out = ["M%.1f %.1f" % P[0]]
    last = n if closed else n - 1
    for i in range(last):
        j = (i + 1) % n
        ti, tj = tangent(i), tangent(j)
        c1 = (P[i][0] + ti[0], P[i][1] + ti[1])
        c2 = (P[j][0] - tj[0], P[j][1] - tj[1])
        out.append("C%.1f %.1f %.1f %.1f %.1f %.1f" % (c1 + c2 + P[j]))
    if closed:
        out.append("Z")
    return " ".join(out)


def mirror(points):
    return [(1000 - p[0],) + tuple(p[1:]) for p in points]


# ---- the outline: the left half from the top of the head down to the crotch ----
def left_outline():
    pts = [(500, 40), (465, 46), (440, 68), (428, 102), (426, 138),
           (419, 146), (415, 166), (420, 189), (431, 197),  # ear
           (440, 222), (452, 243), (462, 258),                 # jaw to neck
           (461, 282), (457, 306), corner((451, 324)),       # neck
           (425, 336), (392, 346), (360, 354),                 # trapezius
           (330, 362), (302, 376), (282, 396)]                 # over the shoulder
    pts += on(UA, [(0.10, 46), (0.2, 46), (0.32, 42), (0.43, 37), (0.56, 36), (0.7, 35), (0.85, 33),
                   (0.97, 31)])
    pts += on(FA, [(0.06, 33), (0.17, 37), (0.3, 35), (0.5, 29), (0.7, 24), (0.88, 21), (1.0, 20)])
    pts += on(HAND, [(0.12, 23), (0.35, 28), (0.6, 28), (0.8, 24), (0.93, 15), (1.0, 0), (0.95, -13),
                     (0.82, -20), (0.6, -23), (0.42, -25), (0.26, -26), (0.1, -21)])
    pts += on(FA, [(1.0, -19), (0.85, -20), (0.65, -24), (0.45, -28), (0.28, -31), (0.14, -31), (0.04, -29)])
    pts += on(UA, [(0.96, -30), (0.85, -33), (0.68, -37), (0.5, -39), (0.36, -37)])
    pts += [corner(UA.at(0.25, -33))]
    pts += [(346, 478), (350, 530), (355, 610), (361, 690), (366, 760), (364, 822), (355, 880),
            (344, 935)]
    pts += on(TH, [(0.05, 83), (0.15, 86), (0.3, 84), (0.5, 74), (0.7, 62), (0.85, 51), (0.97, 45)])
    pts += on(CA, [(0.03, 44), (0.1, 46), (0.22, 53), (0.33, 52), (0.46, 45), (0.6, 35), (0.75, 28),
                   (0.89, 24), (0.97, 24)])
    pts += [(385, 1872), (374, 1905), (369, 1934), (378, 1955), (404, 1964), (434, 1961), (450, 1946),
            (452, 1918), (445, 1888)]
    pts += on(CA, [(0.985, -25), (0.9, -24), (0.76, -29), (0.6, -40), (0.46, -49), (0.33, -55), (0.2, -53),
                   (0.1, -47), (0.03, -45)])
    pts += on(TH, [(0.97, -46), (0.88, -55), (0.78, -58), (0.64, -55), (0.5, -57), (0.3, -63), (0.15, -67)])
    pts += [corner(TH.at(0.06, -72))]
    return pts


def outline_path():
    left = left_outline()
    # left half from the head's top to the crotch, then the right half back up (reversed, mirrored)
    right = mirror(left)[::-1]
    pts = left + [corner((500, 1004))] + right[:-1]
    return smooth(pts)


# ---- muscles: each a closed smooth shape; most are laid out along a bone ----
def m(bone, tv):
    return smooth(on(bone, tv))


def p(pts):
    return smooth(pts)


FRONT = {
    # the deltoid: a cap over the shoulder joint, narrowing to its insertion halfway down the outer arm
    "deltoid": p([(340, 362), (312, 358), (276, 372), (250, 404)] + on(UA, [(0.2, 70), (0.34, 60), (0.46, 30)])
                 + [UA.at(0.5, 14), UA.at(0.40, 2), UA.at(0.27, -10), (326, 410), (336, 386)]),
    "biceps": m(UA, [(0.26, -10), (0.32, -60), (0.5, -60), (0.72, -60), (0.86, -16), (0.92, -2), (0.86, 8),
                     (0.72, 17), (0.56, 18), (0.46, 14), (0.34, 4)]),
    "brachialis": m(UA, [(0.52, 20), (0.6, 70), (0.86, 70), (0.92, 14), (0.8, 18), (0.66, 20)]),
    "brachioradialis": m(FA, [(-0.04, 12), (0.02, 70), (0.36, 70), (0.68, 40), (0.76, 12), (0.62, 8),
                              (0.42, 4), (0.2, -2), (0.06, 4)]),
    "flexors": m(FA, [(0.02, -2), (0.06, -70), (0.44, -70), (0.74, -40), (0.82, -6), (0.66, 0), (0.46, -4),
                      (0.26, -6), (0.1, 0)]),
    "pectoral": p([(492, 392), (452, 382), (408, 380), (366, 390), (346, 412), corner((334, 446)),
                   (368, 488), (412, 522), (456, 536), (492, 530)]),
    "serratus": p([(336, 540), (360, 546), (386, 562), (362, 572), (336, 574)]),
    "serratus2": p([(336, 582), (362, 586), (390, 604), (364, 612), (336, 614)]),
    "oblique": p([(326, 640), (352, 636), (384, 652), (414, 690), (432, 750), (430, 816), (412, 868),
                  (380, 896), (326, 900)]),
    "adductors": m(TH, [(0.02, -10), (0.06, -110), (0.6, -110), (0.58, -44), (0.42, -34), (0.22, -22)]),
    "vastus_medialis": m(TH, [(0.5, -26), (0.6, -90), (0.86, -90), (0.93, -36), (0.9, -14), (0.78, -12),
                              (0.64, -16)]),
    "quad_lateral": m(TH, [(0.06, 50), (0.06, 110), (0.9, 110), (0.92, 30), (0.84, 14), (0.64, 22), (0.4, 30),
                           (0.2, 38)]),
    "rectus_femoris": m(TH, [(0.04, 20), (0.18, 38), (0.4, 36), (0.62, 26), (0.82, 14), (0.9, 2), (0.84, -12),
                             (0.62, -22), (0.38, -26), (0.16, -14)]),
    "sartorius": m(TH, [(0.04, 66), (0.1, 70), (0.3, 26), (0.5, -24), (0.7, -56), (0.9, -60), (0.96, -48),
                        (0.86, -44), (0.66, -40), (0.46, -10), (0.26, 38), (0.12, 56)]),
    "gastroc_inner": m(CA, [(0.06, -30), (0.08, -80), (0.52, -80), (0.5, -40), (0.4, -28), (0.22, -26)]),
    "soleus_inner": m(CA, [(0.42, -34), (0.5, -80), (0.76, -80), (0.76, -22), (0.62, -22)]),
    "gastroc_outer": m(CA, [(0.1, 38), (0.12, 80), (0.44, 80), (0.42, 38), (0.3, 34)]),
    "peroneus": m(CA, [(0.3, 34), (0.44, 80), (0.8, 80), (0.8, 22), (0.6, 28)]),
    "tibialis": m(CA, [(0.06, 20), (0.14, 40), (0.34, 38), (0.56, 26), (0.74, 14), (0.8, 6), (0.62, 4),
                       (0.4, 6), (0.16, 8)]),
}

BACK = {
    "deltoid": p([(342, 362), (312, 358), (276, 372), (250, 404)] + on(UA, [(0.2, 70), (0.34, 60), (0.46, 30)])
                 + [UA.at(0.5, 14), UA.at(0.40, 0), UA.at(0.24, -18), (334, 416), (340, 390)]),
    "triceps_tendon": m(UA, [(0.6, -14), (0.66, -26), (0.8, -24), (0.9, -12), (0.92, 0), (0.9, 12), (0.8, 20),
                             (0.68, 22), (0.6, 12)]),
    "triceps_long": m(UA, [(0.22, -4), (0.24, -36), (0.34, -48), (0.74, -50), (0.8, -22), (0.72, -10),
                           (0.6, -4), (0.4, -2)]),
    "triceps_lateral": m(UA, [(0.34, 6), (0.36, 70), (0.66, 70), (0.72, 24), (0.64, 10), (0.52, 2)]),
    "extensors": m(FA, [(-0.02, 6), (0.02, 70), (0.5, 70), (0.76, 30), (0.8, 4), (0.62, -2), (0.4, -8),
                        (0.2, -12), (0.06, -4)]),
    "flexors_back": m(FA, [(0.06, -12), (0.1, -70), (0.56, -70), (0.6, -14), (0.4, -10), (0.2, -12)]),
    "trapezius": p([(500, 250), (470, 276), (456, 320), (420, 336), (380, 350), (352, 364), (372, 382),
                    (430, 412), (462, 500), (480, 600), (500, 690)]),
    "infraspinatus": p([(462, 432), (410, 424), (372, 428), (352, 452), (378, 482), (430, 508), corner((458, 520))]),
    "lat": p([(352, 470), (378, 500), (432, 530), (466, 600), (488, 680), corner((494, 740)), (450, 770),
              (400, 790), (360, 800), (326, 800), (326, 500)]),
    "erector": p([(494, 700), (476, 730), (462, 790), (460, 850), (470, 890), (496, 890)]),
    "adductor_back": m(TH, [(0.06, -40), (0.06, -110), (0.5, -110), (0.42, -48), (0.28, -40)]),
    "ham_outer": m(TH, [(0.04, 2), (0.04, 110), (0.92, 110), (0.97, 34), (0.9, 22), (0.76, 6), (0.5, 2),
                        (0.2, 1)]),
    "ham_inner": m(TH, [(0.04, -2), (0.04, -46), (0.26, -52), (0.4, -110), (0.9, -110), (0.97, -34),
                        (0.9, -22), (0.76, -6), (0.5, -2), (0.2, -1)]),
    "soleus": m(CA, [(0.3, 80), (0.72, 80), (0.8, 20), (0.86, 9), (0.86, -9), (0.8, -20), (0.72, -80),
                     (0.3, -80)]),
    "gastroc_med": m(CA, [(0.04, -4), (0.04, -80), (0.46, -80), (0.56, -30), (0.58, -8), (0.46, -2),
                          (0.24, -2)]),
    "gastroc_lat": m(CA, [(0.04, 4), (0.04, 80), (0.4, 80), (0.5, 26), (0.52, 6), (0.4, 2), (0.22, 2)]),
}

SKIN = "#dcab8f"


def defs():
    return """  <defs>
    <linearGradient id="skin" x1="0" y1="0" x2="1" y2="0">
      <stop offset="0" stop-color="#d29e82"/>
      <stop offset="0.5" stop-color="#e8bea3"/>
      <stop offset="1" stop-color="#d29e82"/>
    </linearGradient>
    <radialGradient id="muscle" cx="0.5" cy="0.42" r="0.62">
      <stop offset="0" stop-color="#e48e7f"/>
      <stop offset="0.55" stop-color="#cf6e62"/>
      <stop offset="1" stop-color="#b45a50"/>
    </radialGradient>
    <radialGradient id="muscle-soft" cx="0.5" cy="0.42" r="0.62">
      <stop offset="0" stop-color="#e2a08c"/>
      <stop offset="1" stop-color="#c98370"/>
    </radialGradient>
    <linearGradient id="shorts" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#33507f"/>
      <stop offset="1" stop-color="#26406a"/>
    </linearGradient>
    <filter id="soft" x="-0.1" y="-0.1" width="1.2" height="1.2"><feGaussianBlur stdDeviation="9"/></filter>
    <filter id="soft-s" x="-0.1" y="-0.1" width="1.2" height="1.2"><feGaussianBlur stdDeviation="3"/></filter>
    <path id="outline" d="%s"/>
    <clipPath id="body"><use xlink:href="#outline"/></clipPath>
  </defs>
""" % outline_path()


SOFT = {"triceps_tendon", "serratus", "serratus2", "oblique", "adductors", "flexors_back", "adductor_back", "erector",
        "brachialis", "gastroc_outer", "infraspinatus", "peroneus", "soleus_inner", "soleus"}


FAINT = {"oblique", "serratus", "serratus2", "erector"}  # seen through the skin, not the wrap sites


def muscles(table):
    out = []
    for name, d in table.items():
        fill = "url(#muscle-soft)" if name in SOFT else "url(#muscle)"
        faint = ' opacity="0.7"' if name in FAINT else ""
        out.append('      <path class="%s" d="%s" fill="%s" stroke="#9c4c44" stroke-opacity="0.45" '
                   'stroke-width="2.5" stroke-linejoin="round"%s/>' % (name, d, fill, faint))
    return "\n".join(out)


def figure(view):
    table = FRONT if view == "front" else BACK
    flip = 'transform="matrix(-1 0 0 1 1000 0)"'
    s = ['<?xml version="1.0" encoding="UTF-8"?>',
         '<!-- Occlusion Coach: body figure, %s view. Generated by make-figures.py (edit that, then run it and\n'
         '     tools/export-images.sh). 1000 x 2000 units; level files use x/1000 and y/2000 (levels/README.md).\n'
         '     Landmarks: shoulder joint (310,390), elbow (240,700), wrist (190,960), groin line y=1000,\n'
         '     knee (412,1425), ankle (410,1850). The right half is the left half mirrored.%s -->'
         % (view, "\n     Seen from behind: the figure's left arm is on the image's left." if view == "back" else ""),
         '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
         'width="1000" height="2000" viewBox="0 0 1000 2000">',
         defs()]
    # the body: one outline, shaded softly towards its edges
    s.append('  <use xlink:href="#outline" fill="url(#skin)"/>')
    s.append('  <g clip-path="url(#body)">')
    # the muscles, left half then its mirror
    s.append('    <g id="half">')
    s.append(muscles(table))
    s.append(extra_lines(view))
    s.append('    </g>')
    s.append('    <use xlink:href="#half" %s/>' % flip)
    s.append(centre_parts(view))
    s.append('    <use xlink:href="#outline" fill="none" stroke="#b98068" stroke-width="26" opacity="0.5" '
             'filter="url(#soft)"/>')
    s.append('  </g>')
    s.append(head(view))
    s.append(shorts(view))
    s.append('</svg>')
    return "\n".join(s) + "\n"


def extra_lines(view):
    """Fine anatomical lines on the left half: knee, elbow, ankle, collarbone, hand."""
    ln = 'fill="none" stroke="#a8735d" stroke-width="3" stroke-linecap="round" opacity="0.7"'
    out = []
    if view == "front":
        out.append('      <path d="%s" fill="#e9c2a8" stroke="#a8735d" stroke-width="2.5" stroke-opacity="0.6"/>'
                   % smooth(on(TH, [(0.93, 0), (0.95, 20), (1.0, 24), (1.04, 16), (1.06, 0), (1.04, -16),
                                    (1.0, -24), (0.95, -20)])))   # the kneecap
        out.append('      <path d="M%.1f %.1f Q%.1f %.1f %.1f %.1f" %s/>' % (
            *CA.at(0.06, 10), *CA.at(0.09, 0), *CA.at(0.06, -10), ln))   # below the kneecap
        out.append('      <path d="M488 386 Q430 366 360 372" %s/>' % ln)  # collarbone
        out.append('      <path d="M%.1f %.1f L%.1f %.1f" %s/>' % (*CA.at(0.2, -8), *CA.at(0.85, -6), ln))  # shin
        out.append('      <path d="M392 1944 L394 1960 M410 1948 L411 1963 M427 1946 L427 1960" %s/>' % ln)  # toes
    else:
        out.append('      <path d="M%.1f %.1f Q%.1f %.1f %.1f %.1f" %s/>' % (
            *TH.at(0.98, 26), *CA.at(0.02, 0), *TH.at(0.98, -26), ln))   # back of the knee
        out.append('      <path d="M%.1f %.1f L%.1f %.1f" %s/>' % (*CA.at(0.62, 0), *CA.at(0.95, 0), ln))  # Achilles
        out.append('      <path d="%s" fill="#e6bba0" stroke="#a8735d" stroke-width="2.5" stroke-opacity="0.6"/>'
                   % smooth(on(UA, [(0.93, 0), (0.96, 12), (1.0, 14), (1.03, 0), (1.0, -14), (0.96, -12)])))
        # the point of the elbow
    out.append('      <path d="M%.1f %.1f Q%.1f %.1f %.1f %.1f" %s/>' % (
        *HAND.at(0.55, 14), *HAND.at(0.8, 10), *HAND.at(0.93, 4), ln))   # fingers
    if view == "front":  # the thumb, lying along the hand's inner edge
        out.append('      <path d="M%.1f %.1f C%.1f %.1f %.1f %.1f %.1f %.1f C%.1f %.1f %.1f %.1f %.1f %.1f" %s/>' % (
            *HAND.at(0.14, -12), *HAND.at(0.3, -10), *HAND.at(0.5, -12), *HAND.at(0.6, -17),
            *HAND.at(0.66, -21), *HAND.at(0.66, -25), *HAND.at(0.62, -28), ln))
    return "\n".join(out)


def centre_parts(view):
    ln = 'fill="none" stroke="#9c4c44" stroke-width="3" stroke-linecap="round" opacity="0.55"'
    if view == "front":
        # the rectus abdominis: two columns of segments either side of the midline
        segs = [(556, 624), (634, 700), (710, 780), (790, 884)]
        out = []
        for i, (a, b) in enumerate(segs):
            w = 44 - i * 2
            for sgn in (-1, 1):
                x0 = 500 + sgn * 5
                x1 = 500 + sgn * (w + 5)
                out.append('    <path d="M%d %d C%d %d %d %d %d %d C%d %d %d %d %d %d Z" fill="url(#muscle)" '
                           'stroke="#9c4c44" stroke-opacity="0.45" stroke-width="2.5"/>' % (
                               x0, a, x1, a - 4, x1, a + 4, x1, (a + b) // 2, x1, b - 2, x0, b + 4, x0, b))
        out.append('    <path d="M500 392 L500 548" %s/>' % ln)  # sternum
        out.append('    <ellipse cx="500" cy="266" rx="40" ry="13" fill="#b98068" opacity="0.55" '
                   'filter="url(#soft-s)"/>')  # under the jaw
        # sternocleidomastoids: from behind the ears to the top of the sternum
        out.append('    <path d="M436 214 C452 262 472 300 494 336 L486 342 C460 306 440 270 430 224 Z" '
                   'fill="url(#muscle-soft)" stroke="#9c4c44" stroke-opacity="0.35" stroke-width="2"/>')
        out.append('    <path d="M564 214 C548 262 528 300 506 336 L514 342 C540 306 560 270 570 224 Z" '
                   'fill="url(#muscle-soft)" stroke="#9c4c44" stroke-opacity="0.35" stroke-width="2"/>')
        return "\n".join(out)
    return '    <path d="M500 300 L500 900" %s/>' % ln  # spine


def head(view):
    if view == "front":
        return ('  <path d="M433 120 C430 60 470 36 500 36 C530 36 570 60 567 120 C560 92 540 78 500 76 '
                'C460 78 440 92 433 120 Z" fill="#5b3d30"/>')
    return ('  <path d="M433 120 C430 60 470 36 500 36 C530 36 570 60 567 120 C572 160 566 196 548 214 '
            'C530 226 470 226 452 214 C434 196 428 160 433 120 Z" fill="#5b3d30"/>')


def shorts(view):
    d = ("M352 872 C420 880 580 880 648 872 L656 940 C660 972 662 996 664 1018 C620 1030 560 1034 518 1030 "
         "L500 1004 L482 1030 C440 1034 380 1030 336 1018 C338 996 340 972 344 940 Z")
    out = ['  <path d="%s" fill="url(#shorts)"/>' % d,
           '  <path d="M352 872 C420 880 580 880 648 872 L651 900 C580 908 420 908 349 900 Z" fill="#1f3458"/>']
    if view == "back":
        # the glutes under the shorts: two rounded, lit lobes
        out.append('  <g filter="url(#soft)" opacity="0.5"><ellipse cx="428" cy="955" rx="62" ry="44" fill="#4d6fa6"/>'
                   '<ellipse cx="572" cy="955" rx="62" ry="44" fill="#4d6fa6"/></g>')
        out.append('  <path d="M500 904 L500 1004" stroke="#1f3458" stroke-width="5" fill="none"/>')
        out.append('  <path d="M372 990 Q430 1012 490 992 M628 990 Q570 1012 510 992" stroke="#1f3458" '
                   'stroke-width="4" fill="none" opacity="0.8"/>')
    else:
        out.append('  <path d="M500 904 L500 960" stroke="#1f3458" stroke-width="4" fill="none"/>')
    return "\n".join(out)


if __name__ == "__main__":
    for v in ("front", "back"):
        with open(os.path.join(HERE, "body-%s.svg" % v), "w") as f:
            f.write(figure(v))
    print("wrote body-front.svg, body-back.svg")
