/* Academy: quiz levels loaded from JSON data files, validated, and the rules that mark answers, give
 * stars and unlock levels. Pure C11: the game and the tests both drive it. The file format is
 * documented in levels/README.md. */
#ifndef OC_ACADEMY_H
#define OC_ACADEMY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define ACADEMY_FORMAT_VERSION 1
#define AC_ID_MAX 40
#define AC_TITLE_MAX 96
#define AC_TEXT_MAX 640     /* prompts, explanations, cases */
#define AC_OPTION_MAX 200   /* one choice, one ordering step */
#define AC_MAX_OPTIONS 5
#define AC_MAX_STEPS 7
#define AC_MAX_ZONES 6
#define AC_MAX_POINTS 12    /* polygon corners */
#define AC_MAX_QUESTIONS 24 /* per level */
#define AC_MAX_LEVELS 40
/* The level map lays levels out 3 by 3: a level file past the ninth is refused, by name. Raise this only
 * together with the map's layout. */
#define AC_MAP_MAX_LEVELS 9
#define AC_MAX_FILE_BYTES (256 * 1024)

typedef enum QuestionKind {
    Q_PLACEMENT, /* drag the band onto the body figure */
    Q_TIGHTNESS, /* set a 0-10 slider */
    Q_CHOICE,    /* pick one of 2-5 options */
    Q_TRUEFALSE,
    Q_ORDER,     /* put 3-7 steps in order */
    Q_SCENARIO,  /* a short case, then pick the right action */
    Q_KIND_COUNT
} QuestionKind;

typedef enum FigureView { VIEW_FRONT, VIEW_BACK, VIEW_COUNT } FigureView;

typedef enum ShapeKind { SHAPE_RECT, SHAPE_ELLIPSE, SHAPE_POLYGON } ShapeKind;

/* A region of the body figure in normalized coordinates: x and y from 0 to 1 across the image. */
typedef struct Shape {
    ShapeKind kind;
    int n;                     /* polygon corners */
    float v[AC_MAX_POINTS][2]; /* rect: {x,y},{w,h}; ellipse: {cx,cy},{rx,ry}; polygon: corners */
    bool mirror;               /* also matches reflected about x = 0.5 (the other arm or leg) */
    FigureView view;
} Shape;

/* A tempting wrong spot with its own explanation (on the elbow, over the middle of the muscle...). */
typedef struct Mistake {
    Shape shape;
    char why[AC_OPTION_MAX];
} Mistake;

typedef struct Question {
    char id[AC_ID_MAX];
    QuestionKind kind;
    char prompt[AC_TEXT_MAX];
    char explain[AC_TEXT_MAX]; /* shown after the answer, right or wrong */
    int seconds;               /* classroom countdown */
    int points;
    bool required;             /* safety-critical: the level is not passed while this is wrong */

    /* placement */
    char muscle[AC_TITLE_MAX];
    FigureView view;           /* the side shown first */
    bool cannot_wrap;          /* trick item: the right answer is "it can't be done" */
    int nzones;
    Shape zones[AC_MAX_ZONES];
    int nmistakes;
    Mistake mistakes[AC_MAX_ZONES];

    /* tightness */
    int accept_lo, accept_hi, best;
    char too_loose[AC_OPTION_MAX], too_tight[AC_OPTION_MAX];

    /* choice, scenario, true/false (answer 1 = true) */
    char scenario[AC_TEXT_MAX];
    int noptions;
    char options[AC_MAX_OPTIONS][AC_OPTION_MAX];
    int answer;

    /* ordering: steps in their right order */
    int nsteps;
    char steps[AC_MAX_STEPS][AC_OPTION_MAX];
} Question;

typedef struct Level {
    char id[AC_ID_MAX];
    char title[AC_TITLE_MAX];
    char summary[AC_TEXT_MAX];
    char path[512];   /* the file it came from */
    int pass_percent; /* 1..100 */
    bool exam;
    int nquestions;
    Question questions[AC_MAX_QUESTIONS];
} Level;

/* Where the loader reports each problem: one line naming the file and the field at fault. */
typedef void (*AcademyReport)(void *ctx, const char *line);

/* Parse one level from text. `path` names it in messages. Returns the number of errors found (0 = the
 * level is good and `out` is filled); every error is reported. Never reads past len. */
int academy_parse_level(const char *text, size_t len, const char *path, Level *out, AcademyReport report,
                        void *ctx);

typedef struct LevelSet {
    Level *levels;  /* sorted by file name, good files only */
    int count;
    int questions;  /* total over good levels */
    int files;      /* *.json files seen */
    int errors;     /* problems reported (a bad file counts each of its problems) */
    int skipped;    /* files left out because of errors */
    char first_error[600];
} LevelSet;

/* Load every *.json in dir (sorted by name). Bad files are reported and skipped; ids must be unique
 * across the set. Returns 0 if the directory could be read (even if files were skipped), -1 if not. */
int academy_load_dir(LevelSet *set, const char *dir, AcademyReport report, void *ctx);
void academy_free(LevelSet *set);
const Level *academy_find(const LevelSet *set, const char *id);

/* --check-levels: validate every file in dir, print each problem and then
 * "N levels, M questions, K errors" as the last line. Returns the exit status: 0 clean, 1 otherwise. */
int academy_check(const char *dir, FILE *out);

const char *question_kind_name(QuestionKind k);
const char *figure_view_name(FigureView v);

/* ---------------- marking ---------------- */

bool shape_contains(const Shape *s, FigureView view, float x, float y);

/* Snap points on the body figure for keys and presenter clickers, in the order "next" visits them
 * (one arm from the shoulder to the wrist, one leg from the hip to the ankle, then the neck and the
 * chest); each is in figure coordinates and matches on both views. From the tray, "next" lands on the
 * first and "previous" on the last, so a cycle of n points reaches any of them in at most n/2 + 1
 * presses. */
int figure_landmark_count(void);
void figure_landmark(int i, float *x, float *y);
/* The direction of the limb at a point of the figure, in degrees on screen (0 = pointing right, 90 =
 * pointing down), measured in the figure's 1:2 proportions: a band drawn across it follows the limb. */
float figure_limb_angle(float x, float y);
/* How wide the limb is there, in figure x units (0..1 of the image's width). */
float figure_limb_width(float x, float y);
/* A representative point inside the shape (for hints and for tests). */
void shape_center(const Shape *s, float *x, float *y);

typedef struct Answer {
    /* placement: where the band's centre was dropped, on which view; or nowhere = "can't be wrapped" */
    float x, y;
    FigureView view;
    bool nowhere;
    int value;                /* tightness 0..10; choice/scenario index; true/false 1 or 0 */
    int order[AC_MAX_STEPS];  /* ordering: indices into steps[] as the player arranged them */
} Answer;

typedef struct Verdict {
    bool correct;
    int points;    /* earned */
    int mistake;   /* placement: index of the named mistake hit, else -1 */
    int in_place;  /* ordering: steps already in their right place */
} Verdict;

Verdict quiz_mark(const Question *q, const Answer *a);
/* An answer that is right (for hints and scripted playthroughs). */
void quiz_correct_answer(const Question *q, Answer *a);
/* The order the steps are first shown in: a fixed shuffle that never starts solved. */
void quiz_shuffled_order(const Question *q, uint64_t seed, int order[AC_MAX_STEPS]);

/* The order options are shown in (display slot -> option index): a fixed shuffle per question, so the
 * right answer is not always in the same place. True/false shows True first for some questions and
 * False first for others (perm[slot] is then 1 for True, 0 for False). */
void quiz_option_order(const Question *q, uint64_t seed, int perm[AC_MAX_OPTIONS]);

typedef struct QuizRun {
    const Level *level;
    int index;                 /* current question */
    bool answered;             /* current question has been marked */
    Verdict verdicts[AC_MAX_QUESTIONS];
    int earned, total;
} QuizRun;

void quiz_start(QuizRun *r, const Level *lv);
/* Mark the current question (once); returns the verdict. */
Verdict quiz_submit(QuizRun *r, const Answer *a);
/* Move on after an answer; false when the level is over. */
bool quiz_next(QuizRun *r);
bool quiz_finished(const QuizRun *r);
/* Points earned over points available, rounded to the nearest whole percent (7 of 9 = 78); never 100
 * unless every point was earned. */
int quiz_percent(const QuizRun *r);
/* Questions answered right so far ("x of y right"). */
int quiz_right_count(const QuizRun *r);
/* Required (safety-critical) questions answered wrong so far; their indices go into idx (up to max). */
int quiz_missed_required(const QuizRun *r, int *idx, int max);
/* Stars for this run: level_stars of its percent, but 0 while any required question is wrong. */
int quiz_stars(const QuizRun *r);
int level_total_points(const Level *lv);
/* Required questions in the level. */
int level_required_count(const Level *lv);

/* 0 = not passed; 1 = passed; 2 = half way from the pass mark to full marks; 3 = full marks. */
int level_stars(const Level *lv, int percent);
/* The lowest percent that earns `stars` (1..3) in this level. */
int level_star_percent(const Level *lv, int stars);
/* unlocked[i] from the best stars so far: the first level is open, each pass opens the next. */
void academy_unlocks(const LevelSet *set, const int *best_stars, bool *unlocked);

#endif
