/* A stand-in "nanoBragg-compatible source" for the docker backend's tests: it exercises the
 * container plumbing (arguments, files in and out, streams, exit codes, timeouts, limits,
 * network isolation) without depending on the C reference. Commands run left to right. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <unistd.h>

static int upcase(const char *in, const char *out) {
    FILE *f = fopen(in, "rb");
    FILE *g = fopen(out, "wb");
    int c;
    if (f == NULL || g == NULL) {
        fprintf(stderr, "fake: cannot open %s or %s\n", in, out);
        return 2;
    }
    while ((c = fgetc(f)) != EOF) {
        fputc(toupper(c), g);
    }
    fclose(f);
    fclose(g);
    return 0;
}

int main(int argc, char **argv) {
    int i;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-version") == 0) {
            printf("fake-nanobragg 1\n");
        } else if (strcmp(argv[i], "-upcase") == 0 && i + 2 < argc) {
            if (upcase(argv[i + 1], argv[i + 2]) != 0) return 2;
            i += 2;
        } else if (strcmp(argv[i], "-write") == 0 && i + 2 < argc) {
            FILE *f = fopen(argv[i + 1], "w");
            if (f == NULL) { perror(argv[i + 1]); return 2; }
            fputs(argv[i + 2], f);
            fclose(f);
            i += 2;
        } else if (strcmp(argv[i], "-env") == 0 && i + 1 < argc) {
            const char *v = getenv(argv[i + 1]);
            printf("%s=%s\n", argv[i + 1], v == NULL ? "(unset)" : v);
            i += 1;
        } else if (strcmp(argv[i], "-stderr") == 0 && i + 1 < argc) {
            fprintf(stderr, "%s\n", argv[i + 1]);
            i += 1;
        } else if (strcmp(argv[i], "-net") == 0) {
            DIR *d = opendir("/sys/class/net");
            struct dirent *e;
            if (d == NULL) { printf("net: (no /sys/class/net)\n"); continue; }
            while ((e = readdir(d)) != NULL) {
                if (e->d_name[0] != '.') printf("net: %s\n", e->d_name);
            }
            closedir(d);
        } else if (strcmp(argv[i], "-alloc") == 0 && i + 1 < argc) {
            size_t mb = (size_t) atol(argv[i + 1]);
            char *p = malloc(mb << 20);
            if (p == NULL) { fprintf(stderr, "fake: malloc failed\n"); return 4; }
            memset(p, 1, mb << 20);
            printf("allocated %lu MB\n", (unsigned long) mb);
            i += 1;
        } else if (strcmp(argv[i], "-sleep") == 0 && i + 1 < argc) {
            sleep((unsigned) atoi(argv[i + 1]));
            i += 1;
        } else if (strcmp(argv[i], "-exit") == 0 && i + 1 < argc) {
            fflush(stdout);
            return atoi(argv[i + 1]);
        } else {
            fprintf(stderr, "fake: unknown argument %s\n", argv[i]);
            return 1;
        }
    }
    return 0;
}
