/* nanobragg-ref: the project's own C reference of upstream nanoBragg,
 * written from ../shared/spec.  Orchestration only: argv -> config ->
 * setup (once) -> render kernel -> writers. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <gnu/libc-version.h>
#include "cli.h"
#include "state.h"
#include "render.h"
#include "output.h"
#include "trace.h"
#include "io.h"
#include "sha256.h"
#include "build_info.h"

#define NBREF_VERSION "nanobragg-ref 1.0 (trace protocol 1)"

static int print_version(void)
{
    char hex[65];
    unsigned char chunk[65536];
    size_t got;
    sha256_ctx h;
    FILE *fp = fopen("/proc/self/exe", "rb");
    fprintf(stdout, "%s\n", NBREF_VERSION);
    fprintf(stdout, "compiler: gcc %s\n", __VERSION__);
    fprintf(stdout, "cflags: %s\n", NBREF_CFLAGS);
    fprintf(stdout, "glibc: %s\n", gnu_get_libc_version());
#ifdef _OPENMP
    fprintf(stdout, "openmp: %d\n", _OPENMP);
#else
    fprintf(stdout, "openmp: no\n");
#endif
    fprintf(stdout, "source_sha256: %s (sorted sources concatenated)\n", NBREF_SRC_SHA256);
    fputs(NBREF_SRC_FILES, stdout);
    if (fp == NULL) nb_die_io("cannot read /proc/self/exe");
    sha256_start(&h);
    while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0) sha256_feed(&h, chunk, got);
    fclose(fp);
    sha256_hex(&h, hex);
    fprintf(stdout, "binary_sha256: %s\n", hex);
    return 0;
}

static void summary(const nb_state *st)
{
    const nb_config *c = &st->c;
    static const char *const shape_name[4] = { "parallelpiped", "ellipsoidal", "gaussian", "tophat-spot" };
    vec3 pn = v3_cross(c->beam, c->polar_vec);
    fprintf(stdout, "  %ld initialized hkls (all others =%g)\n", st->F.hkls, c->default_F);
    fprintf(stdout, "  %s xtal: %.0fx%.0fx%.0f cells\n", shape_name[c->shape], c->Na, c->Nb, c->Nc);
    fprintf(stdout, "  wave=%g meters +/- %g%% in %d steps\n", c->lambda0, c->dispersion * 100, c->dispsteps);
    if (c->nopolar) fprintf(stdout, "  polarization effect disabled\n");
    else fprintf(stdout, "  Kahn polarization factor: %f\n", c->polarization);
    if (c->curved) fprintf(stdout, "  curved detector: all pixels same distance from origin\n");
    if (c->point_pixel) fprintf(stdout, "  pixel obliquity effect disabled\n");
    fprintf(stdout, "  incident fluence: %lg photons/m^2\n", c->fluence);
    fprintf(stdout, "  distance=%lg detsize=%lgx%lg  pixel=%lg meters (%dx%d pixels)\n", c->distance, c->detsize_f,
            c->detsize_s, c->pixel_size, c->fpixels, c->spixels);
    fprintf(stdout, "  sensor is %lg m thick in %d layers with mu= %lg\n", c->detector_thick, c->detector_thicksteps,
            c->detector_mu);
    fprintf(stdout, "  Xbeam=%lg Ybeam=%lg\n", c->Xbeam, c->Ybeam);
    fprintf(stdout, "  Fbeam=%lg Sbeam=%lg\n", c->Fbeam, c->Sbeam);
    fprintf(stdout, "  Xclose=%lg Yclose=%lg\n", c->Xclose, c->Yclose);
    fprintf(stdout, "  Fclose=%lg Sclose=%lg\n", c->Fclose, c->Sclose);
    fprintf(stdout, "  DIRECTION_OF_DETECTOR_X-AXIS= %g %g %g\n", c->fdet.x, c->fdet.y, c->fdet.z);
    fprintf(stdout, "  DIRECTION_OF_DETECTOR_Y-AXIS= %g %g %g\n", c->sdet.x, c->sdet.y, c->sdet.z);
    fprintf(stdout, "  DIRECTION_OF_DETECTOR_Z-AXIS= %g %g %g\n", c->odet.x, c->odet.y, c->odet.z);
    fprintf(stdout, "  INCIDENT_BEAM_DIRECTION= %g %g %g\n", c->beam.x, c->beam.y, c->beam.z);
    fprintf(stdout, "  spindle ROTATION_AXIS= %g %g %g\n", c->spindle.x, c->spindle.y, c->spindle.z);
    fprintf(stdout, "  POLARIZATION_PLANE_NORMAL= %g %g %g\n", pn.x, pn.y, pn.z);
    fprintf(stdout, "  dials origin= %g %g %g\n", st->dials_origin.x, st->dials_origin.y, st->dials_origin.z);
    fprintf(stdout, "  roi: %d < x < %d && %d < y < %d\n", c->roi_xmin, c->roi_xmax, c->roi_ymin, c->roi_ymax);
    fprintf(stdout, "  hdivrange=%g hdivstep=%g  radians\n", c->hdivrange, c->hdivstep);
    fprintf(stdout, "  vdivrange=%g vdivstep=%g  radians\n", c->vdivrange, c->vdivstep);
    fprintf(stdout, "  %d divergence steps\n", st->divsteps);
    fprintf(stdout, "  %d sources\n", st->sources);
    fprintf(stdout, "  %d mosaic domains over mosaic spread of %g degrees\n", c->mosaic_domains, c->mosaic_spread * NB_RTD);
    fprintf(stdout, "  %d phi steps from %g to %g degrees\n", c->phisteps, c->phi0 * NB_RTD, (c->phi0 + c->osc) * NB_RTD);
    fprintf(stdout, "  %dx%d pixel oversample steps%s%s%s\n", c->oversample, c->oversample, c->os_thick ? " +thick" : "",
            c->os_polar ? " +polar" : "", c->os_omega ? " +omega" : "");
    if (st->mask != NULL) fprintf(stdout, "  skipping zero-flagged pixels in %s\n", c->maskfile);
    if (c->calculate_noise) {
        fprintf(stdout, "\n  noise image paramters:\n");
        fprintf(stdout, "  seed: %ld\n", c->seed);
        fprintf(stdout, "  water droplet size: %g m\n", c->water_size);
    }
}

static void read_stol(const nb_config *c)
{
    double *col[2];
    int n;
    if (c->stolfile == NULL) return;
    fprintf(stdout, "reading %s\n", c->stolfile);
    /* read and checked, but unused by the renderer (quirk 27) */
    n = io_read_columns(c->stolfile, 2, col);
    if (n == 0) nb_die_input("-stol: no data in %s", c->stolfile);
    free(col[0]);
    free(col[1]);
}

int main(int argc, char *argv[])
{
    static nb_state st;
    nb_config *c = &st.c;
    FILE *dump = NULL;
    int dump_ok = 0;
    float *img;
    nb_stats stats;

    if (cli_wants_version(argc, argv)) return print_version();

    config_defaults(c);
    cli_pass1(argc, argv, c);
    io_read_headers(&st);
    cli_pass2(argc, argv, c);

    geom_frame(&st);
    fprintf(stdout, "nanoBragg nanocrystal diffraction simulator - James Holton and Ken Frankel 5-17-17\n");
    if (c->hklfile == NULL) {
        dump = fopen(c->dumpfile, "rb");
        if (dump != NULL) {
            dump_ok = 1;
            fclose(dump);
        }
    }
    if (c->hklfile == NULL && !dump_ok && c->default_F == 0.0)
        nb_die_input("no -hkl file, no %s to read and no -default_F", c->dumpfile);
    if (c->matfile == NULL && c->cell_a == 0.0) nb_die_input("no crystal: give -cell or -mat");
    if (c->fpixels * c->spixels <= 0 && 0) nb_die_input("empty detector");

    geom_sampling(&st);
    geom_place(&st);
    crystal_cell(&st);
    crystal_fhkl(&st, dump_ok);
    read_stol(c);
    sources_build(&st);
    summary(&st);
    /* water background, already including r_e^2 * fluence (quirk 15) */
    st.I_bg = 2.57 * 2.57 * NB_RE_SQR * c->fluence * c->water_size * c->water_size * c->water_size * 1e6 * NB_AVOGADRO / 18.0;

    if (st.pixels <= 0) nb_die_input("detector has no pixels");
    img = calloc((size_t)st.pixels + 10, sizeof(float));
    if (img == NULL) nb_die_io("out of memory for the image");
    if (c->trace_s >= 0) {
        if (c->trace_s >= c->spixels || c->trace_f >= c->fpixels)
            nb_die_input("-trace_pixel %d %d lies outside the %dx%d detector", c->trace_s, c->trace_f, c->spixels, c->fpixels);
        trace_run_block(&st);
    }
    render_image(&st, img, &stats);
    output_all(&st, img, &stats);
    free(img);
    return 0;
}
