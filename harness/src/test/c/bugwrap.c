/*
 * A stand-in C side with an injected bug behind a known flag, for the shrink tests (issue 13
 * item 2). Written for this project; contains no upstream code.
 *
 * It runs the real C program NB_REAL (the project's c-reference/nanobragg-ref) with the same
 * argv, throws its stdout away (so it prints no trace of any dialect), and then, only when every
 * condition of NB_TRIGGER holds, multiplies every pixel of the float image it wrote by NB_SCALE.
 *
 * NB_TRIGGER: comma-separated conditions on the argv, each "FLAG" (present), "FLAG=V" (the value
 * after the last FLAG equals V) or "FLAG>=V" (is at least V); FLAG is matched exactly.
 * Example: -DNB_TRIGGER='"-phi=0,-phisteps>=2"'.
 *
 * Build: gcc -O2 -DNB_REAL='"/abs/c-reference/nanobragg-ref"' -DNB_TRIGGER='"-oversample>=2"' -o bugwrap bugwrap.c
 */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef NB_REAL
#error "define NB_REAL, the C program to wrap"
#endif
#ifndef NB_TRIGGER
#error "define NB_TRIGGER, the conditions of the injected bug"
#endif
#ifndef NB_SCALE
#define NB_SCALE 1.03f
#endif

/* index of the last token equal to flag, or -1 */
static int last_index(int argc, char **argv, const char *flag) {
    int at = -1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], flag) == 0) at = i;
    }
    return at;
}

static int condition_holds(int argc, char **argv, const char *cond) {
    char flag[128];
    const char *op = strpbrk(cond, "=>");
    size_t n = op ? (size_t)(op - cond) : strlen(cond);
    if (n == 0 || n >= sizeof flag) return 0;
    memcpy(flag, cond, n);
    flag[n] = '\0';
    int at = last_index(argc, argv, flag);
    if (at < 0) return 0;
    if (!op) return 1;
    if (at + 1 >= argc) return 0;
    double have = atof(argv[at + 1]);
    if (op[0] == '=') return have == atof(op + 1);
    return op[1] == '=' && have >= atof(op + 2);
}

static int triggered(int argc, char **argv) {
    char spec[512];
    snprintf(spec, sizeof spec, "%s", NB_TRIGGER);
    for (char *save = NULL, *c = strtok_r(spec, ",", &save); c; c = strtok_r(NULL, ",", &save)) {
        if (!condition_holds(argc, argv, c)) return 0;
    }
    return 1;
}

/* the float image name as upstream finds it: substring -floatfile / -floatimage with an argument */
static const char *float_file(int argc, char **argv) {
    const char *name = "floatimage.bin";
    for (int i = 1; i + 1 < argc; i++) {
        if (strstr(argv[i], "-floatfile") || strstr(argv[i], "-floatimage")) name = argv[i + 1];
    }
    return name;
}

static int perturb(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) { fprintf(stderr, "bugwrap: cannot read %s\n", path); return 3; }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    float *px = malloc(size > 0 ? (size_t)size : 1);
    size_t count = (size_t)size / sizeof(float);
    if (!px || fread(px, sizeof(float), count, f) != count) { fclose(f); free(px); return 3; }
    fclose(f);
    for (size_t i = 0; i < count; i++) px[i] *= NB_SCALE;
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.bugwrap.tmp", path);
    f = fopen(tmp, "wb");
    if (!f || fwrite(px, sizeof(float), count, f) != count || fclose(f) != 0) { free(px); return 3; }
    free(px);
    return rename(tmp, path) == 0 ? 0 : 3;
}

int main(int argc, char **argv) {
    pid_t pid = fork();
    if (pid < 0) { perror("bugwrap: fork"); return 3; }
    if (pid == 0) {
        int devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0) dup2(devnull, STDOUT_FILENO);
        argv[0] = NB_REAL;
        execv(NB_REAL, argv);
        perror("bugwrap: exec " NB_REAL);
        _exit(127);
    }
    int status = 0;
    if (waitpid(pid, &status, 0) < 0) { perror("bugwrap: wait"); return 3; }
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    if (WEXITSTATUS(status) != 0) return WEXITSTATUS(status);
    return triggered(argc, argv) ? perturb(float_file(argc, argv)) : 0;
}
