/* Input readers and atomic writing.  Image writers live in output.c. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <unistd.h>
#include "io.h"
#include "state.h"
#include "cli.h"

int io_write_atomic(const char *path, const void *buf, size_t len)
{
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 32);
    FILE *fp;
    int ok;
    if (tmp == NULL) return -1;
    snprintf(tmp, plen + 32, "%s.tmp.%ld", path, (long)getpid());
    fp = fopen(tmp, "wb");
    if (fp == NULL) {
        free(tmp);
        return -1;
    }
    ok = fwrite(buf, 1, len, fp) == len;
    ok = (fclose(fp) == 0) && ok;
    if (ok) ok = rename(tmp, path) == 0;
    if (!ok) remove(tmp);
    free(tmp);
    return ok ? 0 : -1;
}

void io_print_axes(const char *title, const char *n1, const char *n2, const char *n3, vec3 a, vec3 b, vec3 c)
{
    fprintf(stdout, "%s\n", title);
    fprintf(stdout, "     %-10s  %-10s  %-10s\n", n1, n2, n3);
    fprintf(stdout, "X: %11.8f %11.8f %11.8f\n", a.x, b.x, c.x);
    fprintf(stdout, "Y: %11.8f %11.8f %11.8f\n", a.y, b.y, c.y);
    fprintf(stdout, "Z: %11.8f %11.8f %11.8f\n", a.z, b.z, c.z);
}

/* H10: a line is blank only if, after delimiters, it is exactly "\n" */
int io_read_columns(const char *path, int ncol, double **cols)
{
    static const char *delim = " \t,;:!";
    static const char *numchars = "0123456789-+.EGeg";
    char line[10240];
    FILE *fp = fopen(path, "r");
    int lines = 0, rec = 0, k, i;
    if (fp == NULL) return 0;
    while (fgets(line, sizeof line, fp) != NULL) {
        char *p = line + strspn(line, delim);
        if (strcmp(p, "\n") != 0) lines++;
    }
    rewind(fp);
    for (k = 0; k < ncol; k++) {
        cols[k] = malloc(((size_t)lines + 10) * sizeof(double));
        if (cols[k] == NULL) nb_die_io("out of memory reading %s", path);
        for (i = 0; i < lines + 10; i++) cols[k][i] = NAN;
    }
    while (fgets(line, sizeof line, fp) != NULL && rec < lines) {
        char *p = line + strspn(line, delim);
        if (strcmp(p, "\n") == 0) continue;
        for (k = 0; k < ncol; k++) {
            cols[k][rec] = atof(p);
            p += strspn(p, numchars);
            if (strcmp(p, "\n") == 0) break;
            p += strcspn(p, delim);
            p += strspn(p, delim);
            if (strcmp(p, "\n") == 0) break;
        }
        rec++;
    }
    fclose(fp);
    return rec;
}

/* ---- SMV header reading (setup.md H11, S1) ---- */

/* last occurrence of key as a substring; NaN if absent, 0 if no '=' */
static double header_value(const char *hdr, const char *key)
{
    const char *hit = NULL, *p = hdr, *eq;
    while ((p = strstr(p, key)) != NULL) {
        hit = p;
        p++;
    }
    if (hit == NULL) return NAN;
    eq = strchr(hit, '=');
    if (eq == NULL) return 0.0;
    return atof(eq + 1);
}

typedef struct {
    char *header;
    int width, height;
    unsigned short *pixels;
} smv_frame;

static int smv_load(const char *path, smv_frame *fr)
{
    FILE *fp = fopen(path, "rb");
    char first[513];
    size_t got;
    double hb;
    long hsize;
    memset(fr, 0, sizeof *fr);
    if (fp == NULL) return 0;
    fprintf(stdout, "reading %s\n", path);
    got = fread(first, 1, 512, fp);
    first[got] = '\0';
    if (got < 12 || strncmp(first, "{\nHEADER_BYT", 12) != 0) nb_die_input("%s is not an SMV image", path);
    hb = header_value(first, "HEADER_BYTES");
    hsize = (isnan(hb) || hb <= 0) ? 512 : (long)hb;
    fr->header = calloc((size_t)hsize + 1, 1);
    if (fr->header == NULL) nb_die_io("out of memory reading %s", path);
    rewind(fp);
    got = fread(fr->header, 1, (size_t)hsize, fp);
    fr->header[got] = '\0';
    fr->width = (int)header_value(fr->header, "SIZE1");
    fr->height = (int)header_value(fr->header, "SIZE2");
    if (fr->width == 0) fr->width = fr->height = 1024;
    if (fr->width < 0 || fr->height < 0) nb_die_input("%s: bad SMV size", path);
    fr->pixels = calloc((size_t)fr->width * fr->height + 10, sizeof(unsigned short));
    if (fr->pixels == NULL) nb_die_io("out of memory reading %s", path);
    if (fseek(fp, hsize, SEEK_SET) == 0)
        got = fread(fr->pixels, sizeof(unsigned short), (size_t)fr->width * fr->height, fp);
    (void)got;
    fclose(fp);
    return 1;
}

static void apply_header(nb_config *c, const smv_frame *fr, int is_mask)
{
    double v;
    c->fpixels = fr->width;
    c->spixels = fr->height;
    v = header_value(fr->header, "PIXEL_SIZE");
    if (!isnan(v)) c->pixel_size = v / 1000.0;
    c->detsize_f = c->pixel_size * c->fpixels;
    c->detsize_s = c->pixel_size * c->spixels;
    v = header_value(fr->header, "DISTANCE");
    if (!isnan(v)) c->distance = v / 1000.0;
    v = header_value(fr->header, "CLOSE_DISTANCE");
    if (!isnan(v)) c->close_distance = v / 1000.0;
    v = header_value(fr->header, "WAVELENGTH");
    if (!isnan(v)) c->lambda0 = v / 1e10;
    v = header_value(fr->header, "BEAM_CENTER_X");
    if (!isnan(v)) c->Xbeam = v / 1000.0;
    v = header_value(fr->header, "BEAM_CENTER_Y");
    /* only the mask flips Y (S1 item 8) */
    if (!isnan(v)) c->Ybeam = is_mask ? c->detsize_s - v / 1000.0 : v / 1000.0;
    v = header_value(fr->header, "ORGX");
    if (!isnan(v)) c->ORGX = v;
    v = header_value(fr->header, "ORGY");
    if (!isnan(v)) c->ORGY = v;
    v = header_value(fr->header, "PHI");
    if (!isnan(v)) c->phi0 = v / NB_RTD;
    v = header_value(fr->header, "OSC_RANGE");
    if (!isnan(v)) c->osc = v / NB_RTD;
    /* TWOTHETA is read upstream into an unused variable (Q11) */
}

void io_read_headers(nb_state *st)
{
    smv_frame fr;
    if (st->c.maskfile != NULL && smv_load(st->c.maskfile, &fr)) {
        apply_header(&st->c, &fr, 1);
        st->mask = fr.pixels;
        st->mask_count = (long)fr.width * fr.height;
        free(fr.header);
    }
    if (st->c.imgfile != NULL && smv_load(st->c.imgfile, &fr)) {
        apply_header(&st->c, &fr, 0);
        free(fr.header);
        free(fr.pixels);
    }
}
