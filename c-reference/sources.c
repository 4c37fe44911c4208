/* X-ray sources (divergence x dispersion grid or -sourcefile) and mosaic
 * domain matrices (setup.md S25-S28). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include "state.h"
#include "rng.h"
#include "io.h"
#include "cli.h"

#define SOURCE_DISTANCE 10.0   /* m, no flag sets it */

static void *zalloc(size_t n, size_t sz)
{
    void *p = calloc(n, sz);
    if (p == NULL) nb_die_io("out of memory");
    return p;
}

/* round-divergence trimming; a zero range gives NaN and keeps the point (Q22) */
static int div_point_kept(const nb_config *c, int ht, int vt, double *hd, double *vd)
{
    double t;
    *hd = c->hdivstep * ht - c->hdivrange / 2.0;
    *vd = c->vdivstep * vt - c->vdivrange / 2.0;
    t = (*hd * *hd - c->hdivstep * c->hdivstep / 4.0 * (1 - c->hdivsteps % 2)) / c->hdivrange / c->hdivrange;
    t += (*vd * *vd - c->vdivstep * c->vdivstep / 4.0 * (1 - c->vdivsteps % 2)) / c->vdivrange / c->vdivrange;
    return !(c->round_div && t * 4.0 > 1.1);
}

static double disp_lambda(const nb_config *c, int t)
{
    return c->lambda0 * (1.0 + c->dispstep * t - c->dispersion / 2.0);
}

void sources_build(nb_state *st)
{
    nb_config *c = &st->c;
    int t, n, ht, vt;
    double hd, vd;

    /* S25 listings */
    for (t = 0; t < c->detector_thicksteps; t++)
        fprintf(stdout, "thick%d = %g um\n", t, c->detector_thickstep * t * 1e6);
    for (t = 0; t < c->phisteps; t++)
        fprintf(stdout, "phi%d = %g\n", t, (c->phi0 + c->phistep * t) * NB_RTD);

    st->sources = 0;
    st->divsteps = -1;
    if (c->sourcefile != NULL) {
        double *col[5];
        n = io_read_columns(c->sourcefile, 5, col);
        if (n == 0) nb_die_input("-sourcefile: no sources read from %s", c->sourcefile);
        st->sources = n;
        st->src_dir = zalloc((size_t)n + 1, sizeof(vec3));
        st->src_I = col[3];
        st->src_lambda = col[4];
        for (t = 0; t < n; t++) {
            if (isnan(col[0][t])) col[0][t] = -SOURCE_DISTANCE * c->beam.x;
            if (isnan(col[1][t])) col[1][t] = -SOURCE_DISTANCE * c->beam.y;
            if (isnan(col[2][t])) col[2][t] = -SOURCE_DISTANCE * c->beam.z;
            if (isnan(st->src_I[t])) st->src_I[t] = 1.0;
            if (isnan(st->src_lambda[t])) st->src_lambda[t] = c->lambda0;
            st->src_dir[t] = v3(col[0][t], col[1][t], col[2][t]);
        }
        free(col[0]);
        free(col[1]);
        free(col[2]);
    }
    if (st->sources == 0) {
        double weight;
        st->divsteps = 0;
        for (ht = 0; ht < c->hdivsteps; ht++)
            for (vt = 0; vt < c->vdivsteps; vt++)
                if (div_point_kept(c, ht, vt, &hd, &vd)) {
                    st->divsteps++;
                    fprintf(stdout, "divergence deviation: %g %g\n", hd, vd);
                }
        for (t = 0; t < c->dispsteps; t++) fprintf(stdout, "lambda%d = %.15g\n", t, disp_lambda(c, t));
        n = st->divsteps * c->dispsteps;
        st->src_dir = zalloc((size_t)n + 10, sizeof(vec3));
        st->src_I = zalloc((size_t)n + 10, sizeof(double));
        st->src_lambda = zalloc((size_t)n + 10, sizeof(double));
        weight = 1.0 / n;
        for (ht = 0; ht < c->hdivsteps; ht++)
            for (vt = 0; vt < c->vdivsteps; vt++) {
                vec3 pos;
                if (!div_point_kept(c, ht, vt, &hd, &vd)) continue;
                pos = v3(-SOURCE_DISTANCE * c->beam.x, -SOURCE_DISTANCE * c->beam.y, -SOURCE_DISTANCE * c->beam.z);
                /* vertical about the E-vector, horizontal about beam x E */
                pos = v3_rot_axis(pos, c->polar_vec, vd);
                pos = v3_rot_axis(pos, st->vert, hd);
                for (t = 0; t < c->dispsteps; t++) {
                    st->src_dir[st->sources] = pos;
                    st->src_I[st->sources] = weight;
                    st->src_lambda[st->sources] = disp_lambda(c, t);
                    st->sources++;
                }
            }
    }
    fprintf(stdout, "  created a total of %d sources:\n", st->sources);
    for (t = 0; t < st->sources; t++) {
        vec3 raw = st->src_dir[t];
        v3_unit(raw, &st->src_dir[t]);
        fprintf(stdout, "%g %g %g   %g %g\n", raw.x, raw.y, raw.z, st->src_I[t], st->src_lambda[t]);
    }

    /* S27: every domain consumes 3 draws, domain 0 then becomes identity */
    st->umats = zalloc((size_t)c->mosaic_domains + 10, 9 * sizeof(double));
    for (t = 0; t < c->mosaic_domains; t++) {
        rng_rotation((float)c->mosaic_spread, st->umats + 9 * t, &c->mosaic_seed);
        if (t == 0) {
            int k;
            for (k = 0; k < 9; k++) st->umats[k] = (k % 4 == 0) ? 1.0 : 0.0;
        }
    }
    fprintf(stdout, "  created a total of %d mosaic domains\n", c->mosaic_domains);

    /* S28 */
    if (c->oversample <= 0) c->oversample = 1;
    st->steps = st->sources * c->mosaic_domains * c->phisteps * c->oversample * c->oversample;
    st->subpixel_size = c->pixel_size / c->oversample;
}
