/* For tests of files a program may not read or write: runs a check where permissions hold. */
#ifndef OC_UNPRIVILEGED_H
#define OC_UNPRIVILEGED_H

/* Runs fn(arg) in a child that cannot bypass file permissions (as root it drops to nobody) and returns
 * its result as the child's exit status (99: could not drop root, 98: the child did not exit). */
int unprivileged_run(int (*fn)(const char *), const char *arg);

#endif
