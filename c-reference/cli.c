/* Option parsing.  Reproduces the upstream rules of cli-flags.md section 1:
 * every token that starts with '-' is offered to every handler in order,
 * names match as substrings (strstr) unless noted, arguments are never
 * consumed, and a few handlers end the token early. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <time.h>
#include "cli.h"

void nb_die_input(const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fputs("nanobragg-ref: error: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(2);
}

void nb_die_io(const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fputs("nanobragg-ref: I/O error: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(3);
}

void config_defaults(nb_config *c)
{
    double unset = NAN;
    memset(c, 0, sizeof *c);
    c->mode = MODE_COMPAT;
    c->compat_threads = 1;
    c->trace_s = c->trace_f = -1;
    c->trace_level = TLEVEL_PIXEL;

    c->Na = c->Nb = c->Nc = 1.0;
    c->sample_x = c->sample_y = c->sample_z = 0.0;
    c->density = 1.0e6;
    c->molecular_weight = 18.0;
    c->shape = SHAPE_SQUARE;
    c->fudge = 1;

    c->Xbeam = c->Ybeam = c->Xclose = c->Yclose = unset;
    c->Fbeam = c->Sbeam = c->Fclose = c->Sclose = unset;
    c->close_distance = c->ORGX = c->ORGY = unset;
    c->pivot = PIVOT_BEAM;
    c->conv = CONV_MOSFLM;
    c->beam = v3(1, 0, 0);
    c->fdet = v3(0, 0, 1);
    c->sdet = v3(0, -1, 0);
    c->odet = v3(1, 0, 0);
    c->pix0 = v3(0, 0, 0);
    c->twotheta_axis = v3(0, 1, 0);
    c->polar_vec = v3(0, 0, 1);
    c->spindle = v3(0, 0, 1);
    c->distance = 100.0e-3;
    c->detsize_f = c->detsize_s = 102.4e-3;
    c->pixel_size = 0.1e-3;
    c->detector_mu = -1.0;
    c->detector_thick = 0.0;
    c->detector_thickstep = -1.0;
    c->detector_thicksteps = -1;
    c->polarization = 0.0;
    c->oversample = -1;
    c->roi_xmin = c->roi_xmax = c->roi_ymin = c->roi_ymax = -1;

    c->lambda0 = 1.0e-10;
    c->dispersion = 0.0;
    c->dispstep = -1;
    c->dispsteps = -1;
    c->hdivrange = c->hdivstep = c->vdivrange = c->vdivstep = -1.0;
    c->hdivsteps = c->vdivsteps = -1;
    c->round_div = 1;
    c->fluence = 125932015286227086360700780544.0;
    c->flux = 0.0;
    c->exposure = 1.0;
    c->beamsize = 1.0e-4;
    c->mosaic_spread = -1.0;
    c->mosaic_domains = -1;
    c->adc_offset = 40.0;
    c->phi0 = 0.0;
    c->osc = c->phistep = -1.0;
    c->phisteps = -1;
    c->default_F = 0.0;
    c->interpolate = 2;
    c->water_size = 0.0;
    /* the misset stream copies the time seed before any option is read (Q13) */
    c->seed = -(long)time(NULL);
    c->mosaic_seed = -12345678;
    c->misset_seed = c->seed;
    c->calculate_noise = 1;
    c->write_pgm = 1;
    c->printout_f = c->printout_s = -1;
    c->progress_meter = 1;
    c->stol_file_mult = 1.0e10;

    c->dumpfile = "Fdump.bin";
    c->floatfile = "floatimage.bin";
    c->intfile = "intimage.img";
    c->pgmfile = "image.pgm";
    c->noisefile = "noiseimage.img";
    c->stoloutfile = "output.stol";
}

/* parsing context: the token under test and how many follow it */
typedef struct {
    int argc, i;
    char **argv;
    const char *tok;
} pctx;

static int has(const pctx *p, const char *name) { return strstr(p->tok, name) != NULL; }
static int is(const pctx *p, const char *name) { return strcmp(p->tok, name) == 0; }
static int toklen(const pctx *p) { return (int)strlen(p->tok); }
/* upstream's "argc > i+k": at least k tokens follow */
static int follow(const pctx *p, int k) { return p->argc > p->i + k; }
static const char *arg(const pctx *p, int k) { return p->argv[p->i + k]; }
static double fa(const pctx *p, int k) { return atof(arg(p, k)); }
static int ia(const pctx *p, int k) { return atoi(arg(p, k)); }

int cli_wants_version(int argc, char **argv)
{
    int k;
    for (k = 1; k < argc; k++)
        if (strcmp(argv[k], "-version") == 0) return 1;
    return 0;
}

void cli_pass1(int argc, char **argv, nb_config *c)
{
    pctx p;
    p.argc = argc; p.argv = argv;
    for (p.i = 1; p.i < argc; p.i++) {
        p.tok = argv[p.i];
        if (p.tok[0] != '-') continue;
        if (has(&p, "-img") && follow(&p, 1)) c->imgfile = arg(&p, 1);
        if (has(&p, "-mask") && follow(&p, 1)) c->maskfile = arg(&p, 1);
    }
}

/* Upstream's four "argc >= i+1" handlers read argv[argc] when they are the
 * last token and crash (Q27).  compat rejects that as bad input rather than
 * crashing; fixed mode (branch fix/curved-det-flag-guard) ignores the flag. */
static int tail_guard(const pctx *p, const nb_config *c)
{
    if (follow(p, 1)) return 1;
    if (c->mode == MODE_COMPAT)
        nb_die_input("%s needs an argument (upstream would crash here)", p->tok);
    return 0;
}

/* project-specific options; exact match, handled before upstream's list */
static int project_option(pctx *p, nb_config *c)
{
    if (is(p, "-mode")) {
        if (!follow(p, 1)) nb_die_input("-mode needs compat or fixed");
        if (strcmp(arg(p, 1), "compat") == 0) c->mode = MODE_COMPAT;
        else if (strcmp(arg(p, 1), "fixed") == 0) c->mode = MODE_FIXED;
        else nb_die_input("-mode: unknown mode '%s' (compat|fixed)", arg(p, 1));
        return 1;
    }
    if (is(p, "-compat_threads")) {
        char *end;
        long n;
        if (!follow(p, 1)) nb_die_input("-compat_threads needs a thread count");
        n = strtol(arg(p, 1), &end, 10);
        if (*end != '\0' || n < 1 || n > 100000) nb_die_input("-compat_threads: bad thread count '%s'", arg(p, 1));
        c->compat_threads = (int)n;
        return 1;
    }
    if (is(p, "-trace_pixel")) {
        char *e1, *e2;
        long s, f;
        if (!follow(p, 2)) nb_die_input("-trace_pixel needs S F");
        s = strtol(arg(p, 1), &e1, 10);
        f = strtol(arg(p, 2), &e2, 10);
        if (*e1 || *e2 || s < 0 || f < 0) nb_die_input("-trace_pixel: bad pixel '%s %s'", arg(p, 1), arg(p, 2));
        c->trace_s = (int)s;
        c->trace_f = (int)f;
        return 1;
    }
    if (is(p, "-trace_level")) {
        if (!follow(p, 1)) nb_die_input("-trace_level needs run|pixel|loops");
        if (strcmp(arg(p, 1), "run") == 0) c->trace_level = TLEVEL_RUN;
        else if (strcmp(arg(p, 1), "pixel") == 0) c->trace_level = TLEVEL_PIXEL;
        else if (strcmp(arg(p, 1), "loops") == 0) c->trace_level = TLEVEL_LOOPS;
        else nb_die_input("-trace_level: unknown level '%s' (run|pixel|loops)", arg(p, 1));
        return 1;
    }
    if (is(p, "-version")) return 1;
    return 0;
}

static void set_sample3(nb_config *c, double v) { c->sample_x = v; c->sample_y = v; c->sample_z = v; }

void cli_pass2(int argc, char **argv, nb_config *c)
{
    pctx p;
    int k;
    p.argc = argc; p.argv = argv;

    /* the mode decides the guard semantics, so find it first */
    for (k = 1; k + 1 < argc; k++)
        if (strcmp(argv[k], "-mode") == 0 && strcmp(argv[k + 1], "fixed") == 0) c->mode = MODE_FIXED;

    for (p.i = 1; p.i < argc; p.i++) {
        p.tok = argv[p.i];
        if (p.tok[0] != '-') continue;
        if (project_option(&p, c)) continue;

        /* crystal size in cells; these four end the token */
        if (has(&p, "-Na") && follow(&p, 1)) { c->Na = ia(&p, 1); continue; }
        if (has(&p, "-Nb") && follow(&p, 1)) { c->Nb = ia(&p, 1); continue; }
        if (has(&p, "-Nc") && follow(&p, 1)) { c->Nc = ia(&p, 1); continue; }
        if (is(&p, "-N") && follow(&p, 1)) { c->Na = c->Nb = c->Nc = ia(&p, 1); continue; }

        if (has(&p, "-cell") && follow(&p, 1)) {
            /* up to six numbers, stopping at a missing or '-' token */
            double *slot[6];
            int n;
            slot[0] = &c->cell_a; slot[1] = &c->cell_b; slot[2] = &c->cell_c;
            slot[3] = &c->alpha; slot[4] = &c->beta; slot[5] = &c->gamma;
            c->user_cell = 1;
            for (n = 0; n < 6; n++) {
                if (!follow(&p, n + 1) || arg(&p, n + 1)[0] == '-') break;
                *slot[n] = (n < 3) ? fa(&p, n + 1) : fa(&p, n + 1) / NB_RTD;
            }
            if (n < 6) continue;
        }
        if (has(&p, "-misset") && follow(&p, 1) && strstr(arg(&p, 1), "rand")) {
            c->misset_flag = -1;
            continue;
        }
        if (has(&p, "-misset") && follow(&p, 3)) {
            /* also reached by -misset_seed (Q12/Q33) */
            c->misset_flag = 1;
            c->misset[0] = fa(&p, 1) / NB_RTD;
            c->misset[1] = fa(&p, 2) / NB_RTD;
            c->misset[2] = fa(&p, 3) / NB_RTD;
        }
        if ((has(&p, "-samplesize") || has(&p, "-sample_size")) && follow(&p, 1)) set_sample3(c, fa(&p, 1) / 1000);
        if ((has(&p, "-sample_thick") || has(&p, "-sample_x")) && follow(&p, 1)) c->sample_x = fa(&p, 1) / 1000;
        if ((has(&p, "-sample_width") || has(&p, "-sample_y") || has(&p, "-width")) && follow(&p, 1)) c->sample_y = fa(&p, 1) / 1000;
        if ((has(&p, "-sample_heigh") || has(&p, "-sample_z") || has(&p, "-heigh")) && follow(&p, 1)) c->sample_z = fa(&p, 1) / 1000;
        if ((has(&p, "-xtalsize") || has(&p, "-xtal_size")) && follow(&p, 1)) set_sample3(c, fa(&p, 1) / 1000);
        if ((has(&p, "-xtal_thick") || has(&p, "-xtal_x")) && follow(&p, 1)) c->sample_x = fa(&p, 1) / 1000;
        if ((has(&p, "-xtal_width") || has(&p, "-xtal_y") || has(&p, "-width")) && follow(&p, 1)) c->sample_y = fa(&p, 1) / 1000;
        if ((has(&p, "-xtal_heigh") || has(&p, "-xtal_z") || has(&p, "-heigh")) && follow(&p, 1)) c->sample_z = fa(&p, 1) / 1000;
        if ((has(&p, "-density") || has(&p, "-sample_den")) && follow(&p, 1)) c->density = fa(&p, 1) * 1e6;
        if ((is(&p, "-MW") || has(&p, "-molec")) && follow(&p, 1)) c->molecular_weight = fa(&p, 1);

        /* beam centre and pivot */
        if (has(&p, "-Xbeam") && follow(&p, 1)) { c->Xbeam = fa(&p, 1) / 1000.0; c->pivot = PIVOT_BEAM; }
        if (has(&p, "-Ybeam") && follow(&p, 1)) { c->Ybeam = fa(&p, 1) / 1000.0; c->pivot = PIVOT_BEAM; }
        if (has(&p, "-Xclose") && follow(&p, 1)) { c->Xclose = fa(&p, 1) / 1000.0; c->pivot = PIVOT_SAMPLE; }
        if (has(&p, "-Yclose") && follow(&p, 1)) { c->Yclose = fa(&p, 1) / 1000.0; c->pivot = PIVOT_SAMPLE; }
        if (has(&p, "-ORGX") && follow(&p, 1)) { c->ORGX = fa(&p, 1); c->pivot = PIVOT_SAMPLE; }
        if (has(&p, "-ORGY") && follow(&p, 1)) { c->ORGY = fa(&p, 1); c->pivot = PIVOT_SAMPLE; }
        if (has(&p, "-pivot") && follow(&p, 1)) {
            if (strstr(arg(&p, 1), "sample")) c->pivot = PIVOT_SAMPLE;
            if (strstr(arg(&p, 1), "beam")) c->pivot = PIVOT_BEAM;
        }
        if (has(&p, "-mosflm")) { c->conv = CONV_MOSFLM; c->pivot = PIVOT_BEAM; }
        if (has(&p, "-xds")) { c->conv = CONV_XDS; c->pivot = PIVOT_SAMPLE; }
        if (has(&p, "-adxv")) { c->conv = CONV_ADXV; c->pivot = PIVOT_BEAM; }
        if (has(&p, "-denzo")) { c->conv = CONV_DENZO; c->pivot = PIVOT_BEAM; }
        if (has(&p, "-dials")) { c->conv = CONV_DIALS; c->pivot = PIVOT_BEAM; }

        /* any explicit vector switches to CUSTOM (Q6) */
        {
            static const char *const vname[8] = { "-fdet_vector", "-sdet_vector", "-odet_vector", "-beam_vector",
                                                   "-polar_vector", "-spindle_axis", "-twotheta_axis", "-pix0_vector" };
            vec3 *vdst[8];
            int v;
            vdst[0] = &c->fdet; vdst[1] = &c->sdet; vdst[2] = &c->odet; vdst[3] = &c->beam;
            vdst[4] = &c->polar_vec; vdst[5] = &c->spindle; vdst[6] = &c->twotheta_axis; vdst[7] = &c->pix0;
            for (v = 0; v < 8; v++)
                if (has(&p, vname[v]) && follow(&p, 3)) {
                    c->conv = CONV_CUSTOM;
                    *vdst[v] = v3(fa(&p, 1), fa(&p, 2), fa(&p, 3));
                }
        }
        if (has(&p, "-distance") && follow(&p, 1)) { c->distance = fa(&p, 1) / 1000.0; c->pivot = PIVOT_BEAM; }
        if (has(&p, "-close_distance") && follow(&p, 1)) { c->close_distance = fa(&p, 1) / 1000.0; c->pivot = PIVOT_SAMPLE; }

        if (has(&p, "-detector_abs") && tail_guard(&p, c)) {
            if (strstr(arg(&p, 1), "inf") || fa(&p, 1) == 0.0) {
                /* also clears the thickness (Q28) */
                c->detector_thick = 0.0;
                c->detector_mu = 0.0;
            } else {
                c->detector_mu = 1.0 / (fa(&p, 1) * 1e-6);
            }
        }
        if (has(&p, "-detector_thick") && toklen(&p) == 15 && tail_guard(&p, c)) c->detector_thick = fa(&p, 1) * 1e-6;
        if (has(&p, "-detector_thicksteps") && tail_guard(&p, c)) c->detector_thicksteps = ia(&p, 1);
        if (has(&p, "-thicksteps") && tail_guard(&p, c)) c->detector_thicksteps = ia(&p, 1);
        if (has(&p, "-twotheta") && follow(&p, 1)) {
            /* -twotheta_axis lands here too (Q2) */
            c->twotheta = fa(&p, 1) / NB_RTD;
            c->pivot = PIVOT_SAMPLE;
        }
        if (has(&p, "-detector_rotx") && follow(&p, 1)) c->rotx = fa(&p, 1) / NB_RTD;
        if (has(&p, "-detector_roty") && follow(&p, 1)) c->roty = fa(&p, 1) / NB_RTD;
        if (has(&p, "-detector_rotz") && follow(&p, 1)) c->rotz = fa(&p, 1) / NB_RTD;
        if (has(&p, "-detsize") && toklen(&p) == 8 && follow(&p, 1)) {
            c->detsize_f = fa(&p, 1) / 1000.0;
            c->detsize_s = fa(&p, 1) / 1000.0;
        }
        if (has(&p, "-detsize_f") && follow(&p, 1)) c->detsize_f = fa(&p, 1) / 1000.0;
        if (has(&p, "-detsize_s") && follow(&p, 1)) c->detsize_s = fa(&p, 1) / 1000.0;
        if (has(&p, "-detpixels") && toklen(&p) == 10 && follow(&p, 1)) c->fpixels = c->spixels = ia(&p, 1);
        if ((has(&p, "-detpixels_f") || has(&p, "-detpixels_x")) && follow(&p, 1)) c->fpixels = ia(&p, 1);
        if ((has(&p, "-detpixels_s") || has(&p, "-detpixels_y")) && follow(&p, 1)) c->spixels = ia(&p, 1);
        /* compat needs a token after it; fixed honours it anywhere */
        if (has(&p, "-curved_det") && (c->mode == MODE_FIXED || follow(&p, 1))) c->curved = 1;
        if (has(&p, "-pixel") && follow(&p, 1)) c->pixel_size = fa(&p, 1) / 1000.0;
        if (has(&p, "-point_pixel")) c->point_pixel = 1;
        if (has(&p, "-polar") && toklen(&p) == 6 && follow(&p, 1)) { c->polarization = fa(&p, 1); c->nopolar = 0; }
        if (has(&p, "-nopolar")) c->nopolar = 1;
        if (has(&p, "-oversample_thick")) { c->os_thick = 1; continue; }
        if (has(&p, "-oversample_polar")) { c->os_polar = 1; continue; }
        if (has(&p, "-oversample_omega")) { c->os_omega = 1; continue; }
        if (has(&p, "-oversample") && follow(&p, 1)) c->oversample = ia(&p, 1);
        if (has(&p, "-roi") && follow(&p, 4)) {
            c->roi_xmin = ia(&p, 1);
            c->roi_xmax = ia(&p, 2);
            c->roi_ymin = ia(&p, 3);
            c->roi_ymax = ia(&p, 4);
        }

        /* beam */
        if ((has(&p, "-lambda") || has(&p, "-wave")) && follow(&p, 1)) c->lambda0 = fa(&p, 1) / 1.0e10;
        if (has(&p, "-energy") && follow(&p, 1)) c->lambda0 = (12398.42 / fa(&p, 1)) / 1.0e10;
        if (has(&p, "-fluence") && follow(&p, 1)) c->fluence = fa(&p, 1);
        if (has(&p, "-flux") && follow(&p, 1)) c->flux = fa(&p, 1);
        if (has(&p, "-exposure") && follow(&p, 1)) c->exposure = fa(&p, 1);
        if (has(&p, "-beamsize") && follow(&p, 1)) c->beamsize = fa(&p, 1) / 1000;
        if (((has(&p, "-mosaic") && toklen(&p) == 7) || has(&p, "-mosaici") || has(&p, "-mosaic_spr")) && follow(&p, 1))
            c->mosaic_spread = fa(&p, 1) / NB_RTD;
        if (has(&p, "-mosaic_dom") && follow(&p, 1)) c->mosaic_domains = ia(&p, 1);
        if (has(&p, "-dispersion") && follow(&p, 1)) c->dispersion = fa(&p, 1) / 100.0;
        if (has(&p, "-dispsteps") && follow(&p, 1)) c->dispsteps = ia(&p, 1);
        if (has(&p, "-divergence") && follow(&p, 1)) c->hdivrange = c->vdivrange = fa(&p, 1) / 1000.0;
        if (has(&p, "-hdivrange") && follow(&p, 1)) c->hdivrange = fa(&p, 1) / 1000.0;
        if (has(&p, "-vdivrange") && follow(&p, 1)) c->vdivrange = fa(&p, 1) / 1000.0;
        if (has(&p, "-hdivstep") && toklen(&p) == 9 && follow(&p, 1)) c->hdivstep = fa(&p, 1) / 1000.0;
        if (has(&p, "-hdivsteps") && follow(&p, 1)) c->hdivsteps = ia(&p, 1);
        if (has(&p, "-vdivstep") && toklen(&p) == 9 && follow(&p, 1)) c->vdivstep = fa(&p, 1) / 1000.0;
        if (has(&p, "-vdivsteps") && follow(&p, 1)) c->vdivsteps = ia(&p, 1);
        if (has(&p, "-divsteps") && follow(&p, 1)) c->hdivsteps = c->vdivsteps = ia(&p, 1);
        if (has(&p, "-round_div")) c->round_div = 1;
        if (has(&p, "-square_div")) c->round_div = 0;
        if (has(&p, "-adc") && follow(&p, 1)) c->adc_offset = fa(&p, 1);
        if (has(&p, "-phi") && toklen(&p) == 4 && follow(&p, 1)) c->phi0 = fa(&p, 1) / NB_RTD;
        if (has(&p, "-osc") && follow(&p, 1)) c->osc = fa(&p, 1) / NB_RTD;
        if (has(&p, "-phistep") && toklen(&p) == 8 && follow(&p, 1)) c->phistep = fa(&p, 1) / NB_RTD;
        if (has(&p, "-phisteps") && follow(&p, 1)) c->phisteps = ia(&p, 1);
        if (has(&p, "-dmin") && follow(&p, 1)) c->dmin = fa(&p, 1) * 1e-10;

        /* files and output */
        if (has(&p, "-mat") && follow(&p, 1)) c->matfile = arg(&p, 1);
        if (has(&p, "-hkl") && follow(&p, 1)) c->hklfile = arg(&p, 1);
        if (has(&p, "-default_F") && follow(&p, 1)) c->default_F = fa(&p, 1);
        if (has(&p, "-dump") && follow(&p, 1)) c->dumpfile = arg(&p, 1);
        if (has(&p, "-img") && follow(&p, 1)) c->imgfile = arg(&p, 1);
        if (has(&p, "-stolout") && toklen(&p) > 7 && follow(&p, 1)) c->stoloutfile = arg(&p, 1);
        if (has(&p, "-stol") && toklen(&p) == 5 && follow(&p, 1)) { c->stolfile = arg(&p, 1); c->stol_file_mult = 1e10; }
        if (has(&p, "-4stol") && toklen(&p) == 6 && follow(&p, 1)) { c->stolfile = arg(&p, 1); c->stol_file_mult = 1e10 / 4; }
        if (has(&p, "-Q") && toklen(&p) == 2 && follow(&p, 1)) { c->stolfile = arg(&p, 1); c->stol_file_mult = 1e10 / M_PI / 4; }
        if (has(&p, "-sourcefile") && follow(&p, 1)) c->sourcefile = arg(&p, 1);
        if ((has(&p, "-floatfile") || has(&p, "-floatimage")) && follow(&p, 1)) c->floatfile = arg(&p, 1);
        if ((has(&p, "-intfile") || has(&p, "-intimage")) && follow(&p, 1)) c->intfile = arg(&p, 1);
        if ((has(&p, "-pgmfile") || has(&p, "-pgmimage")) && follow(&p, 1)) { c->pgmfile = arg(&p, 1); c->write_pgm = 1; }
        if ((has(&p, "-noisefile") || has(&p, "-noiseimage")) && follow(&p, 1)) { c->noisefile = arg(&p, 1); c->calculate_noise = 1; }
        if (has(&p, "-nonoise")) c->calculate_noise = 0;
        if (has(&p, "-nopgm")) c->write_pgm = 0;
        if (has(&p, "-scale") && follow(&p, 1)) c->intfile_scale = fa(&p, 1);
        if (has(&p, "-pgmscale") && follow(&p, 1)) { c->pgm_scale = fa(&p, 1); c->write_pgm = 1; }
        if (has(&p, "-printout")) c->printout = 1;
        if (has(&p, "-noprogress")) c->progress_meter = 0;
        if (has(&p, "-progress")) c->progress_meter = 1;
        if (has(&p, "-interpolate")) c->interpolate = 1;
        if (has(&p, "-nointerpolate")) c->interpolate = 0;
        if (has(&p, "-round_xtal")) c->shape = SHAPE_ROUND;
        if (has(&p, "-square_xtal")) c->shape = SHAPE_SQUARE;
        if (has(&p, "-gauss_xtal")) c->shape = SHAPE_GAUSS;
        if (has(&p, "-binary_spots") || has(&p, "-tophat_spots")) c->shape = SHAPE_TOPHAT;
        if (has(&p, "-fudge") && follow(&p, 1)) c->fudge = fa(&p, 1);
        if (has(&p, "-printout_pixel") && follow(&p, 2)) { c->printout_f = ia(&p, 1); c->printout_s = ia(&p, 2); }
        if (has(&p, "-seed") && follow(&p, 1)) c->seed = -atoi(arg(&p, 1));
        if (has(&p, "-mosaic_seed") && follow(&p, 1)) c->mosaic_seed = -atoi(arg(&p, 1));
        if (has(&p, "-misset_seed") && follow(&p, 1)) c->misset_seed = -atoi(arg(&p, 1));
        if (has(&p, "-water") && follow(&p, 1)) c->water_size = fa(&p, 1) / 1e6;
    }
}
