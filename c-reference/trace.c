/* TRACE_C: lines of trace protocol 1.  Doubles use %.17g so they round-trip;
 * a record's name carries the loop indices it was computed under. */
#include <stdio.h>
#include <string.h>
#include "trace.h"

static const char *const idx_name[TL_N] = { "t", "sy", "sx", "src", "phi", "mos" };

static void head(const nb_tracer *t, int depth, const char *name)
{
    int k;
    fputs("TRACE_C: ", stdout);
    fputs(name, stdout);
    if (t != NULL && depth > 0) {
        fputc('[', stdout);
        for (k = 0; k < depth; k++) fprintf(stdout, "%s%s=%d", k ? "," : "", idx_name[k], t->idx[k]);
        fputc(']', stdout);
    }
}

/* hoidn's TRACE_C dialect (test builds, config.h): which records it prints, under which key */
#if NB_DIALECT == NB_DIALECT_HOIDN
static vec3 h_pix0, h_fdet, h_sdet;
static double h_close, h_fluence;

/* a protocol record -> its TRACE_C line, if hoidn prints it at this iteration (trace-keys.md 4) */
static void hoidn(const nb_tracer *t, int depth, const char *name, int n, const double *v, int ints)
{
    static const char *const end[] = { "I_before_scaling", "steps", "capture_fraction", "polar", "omega_pixel",
                                       "I_pixel_final", NULL };
    static const char *const sub[] = { "pixel_pos_meters", "R_distance_meters", "diffracted_vec", "omega_pixel_sr", NULL };
    static const char *const src[] = { "incident_vec", "lambda_meters", "scattering_vec", NULL };
    static const char *const mos[] = { "rot_a", "rot_b", "rot_c", "hkl_frac", "hkl_rounded", "F_latt_a", "F_latt_b",
                                       "F_latt_c", "F_latt", "F_cell", NULL };
    const char *const *list = depth == 0 ? end : depth == 3 ? sub : depth == 4 ? src : depth == 6 ? mos : NULL;
    const char *key = name;
    double scale = 1.0;
    int k, hit = 0;
    if (t != NULL && (!t->on || t->level == TLEVEL_RUN)) return;
    if (depth >= 4 && t->idx[TL_SRC] != 0) return;
    if (depth >= 6 && (t->idx[TL_PHI] != 0 || t->idx[TL_MOS] != 0)) return;
    for (k = 0; list != NULL && list[k] != NULL; k++) hit |= strcmp(list[k], name) == 0;
    if (!hit) return;
    if (strcmp(name, "pixel_pos_meters") == 0) {
        /* a subpixel block opens with the detector geometry */
        fprintf(stdout, "TRACE_C: pix0_vector_meters %.15g %.15g %.15g\n", h_pix0.x, h_pix0.y, h_pix0.z);
        fprintf(stdout, "TRACE_C: fdet_vec %.15g %.15g %.15g\n", h_fdet.x, h_fdet.y, h_fdet.z);
        fprintf(stdout, "TRACE_C: sdet_vec %.15g %.15g %.15g\n", h_sdet.x, h_sdet.y, h_sdet.z);
        fprintf(stdout, "TRACE_C: close_distance_meters %.15g\n", h_close);
    }
    if (strcmp(name, "scattering_vec") == 0) key = "scattering_vec_A_inv";
    if (strncmp(name, "rot_", 4) == 0) {
        static char buf[32];
        snprintf(buf, sizeof buf, "%s_angstroms", name);
        key = buf;
        scale = 1e10;
    }
    fprintf(stdout, "TRACE_C: %s", key);
    for (k = 0; k < n; k++) {
        if (ints) fprintf(stdout, " %d", (int)v[k]);
        else fprintf(stdout, " %.15g", v[k] * scale);
    }
    fputc('\n', stdout);
    if (strcmp(name, "lambda_meters") == 0) fprintf(stdout, "TRACE_C: lambda_angstroms %.15g\n", v[0] * 1e10);
    if (strcmp(name, "I_before_scaling") == 0) {
        fprintf(stdout, "TRACE_C: r_e_sqr %.15g\n", NB_RE_SQR);
        fprintf(stdout, "TRACE_C: fluence_photons_per_m2 %.15g\n", h_fluence);
    }
}
#endif

int tr_want(const nb_tracer *t, int depth)
{
    int k;
    if (NB_DIALECT != NB_DIALECT_PROTOCOL) return 0;
    if (!t->on || t->level == TLEVEL_RUN) return 0;
    if (t->level == TLEVEL_LOOPS) return 1;
    /* pixel level: only first and last iteration of every enclosing loop */
    for (k = 0; k < depth; k++)
        if (t->idx[k] != 0 && t->idx[k] != t->cnt[k] - 1) return 0;
    return 1;
}

void tr_dbl(const nb_tracer *t, int depth, const char *name, int n, const double *v)
{
    int k;
#if NB_DIALECT == NB_DIALECT_HOIDN
    hoidn(t, depth, name, n, v, 0);
#endif
    if (NB_DIALECT != NB_DIALECT_PROTOCOL) return;
    if (t != NULL && !tr_want(t, depth)) return;
    head(t, depth, name);
    for (k = 0; k < n; k++) fprintf(stdout, " %.17g", v[k]);
    fputc('\n', stdout);
}

void tr_dbl_flag(const nb_tracer *t, int depth, const char *name, double v, int flag)
{
#if NB_DIALECT == NB_DIALECT_HOIDN
    hoidn(t, depth, name, 1, &v, 0);
#endif
    if (!tr_want(t, depth)) return;
    head(t, depth, name);
    fprintf(stdout, " %.17g %d\n", v, flag);
}

void tr_int(const nb_tracer *t, int depth, const char *name, int n, const int *v)
{
    int k;
#if NB_DIALECT == NB_DIALECT_HOIDN
    {
        double d[6];
        for (k = 0; k < n && k < 6; k++) d[k] = v[k];
        hoidn(t, depth, name, n < 6 ? n : 6, d, 1);
    }
#endif
    if (NB_DIALECT != NB_DIALECT_PROTOCOL) return;
    if (t != NULL && !tr_want(t, depth)) return;
    head(t, depth, name);
    for (k = 0; k < n; k++) fprintf(stdout, " %d", v[k]);
    fputc('\n', stdout);
}

void tr_vec(const nb_tracer *t, int depth, const char *name, vec3 v)
{
    double d[3];
    d[0] = v.x; d[1] = v.y; d[2] = v.z;
    tr_dbl(t, depth, name, 3, d);
}

void tr_float_bits(const char *name, float f)
{
    unsigned int bits;
#if NB_DIALECT == NB_DIALECT_HOIDN
    (void)name;
    fprintf(stdout, "TRACE_C: floatimage_accumulated %.15g\n", (double)f);
    return;
#endif
    memcpy(&bits, &f, sizeof bits);
    fprintf(stdout, "TRACE_C: %s %.17g %08x\n", name, (double)f, bits);
}

static void run_d(const char *name, double v) { tr_dbl(NULL, 0, name, 1, &v); }
static void run_i(const char *name, int v) { tr_int(NULL, 0, name, 1, &v); }
static void run_v(const char *name, vec3 v) { tr_vec(NULL, 0, name, v); }

void trace_run_block(const nb_state *st)
{
    const nb_config *c = &st->c;
    int hr[6];
    double pair[2];
#if NB_DIALECT == NB_DIALECT_HOIDN
    h_pix0 = c->pix0;
    h_fdet = c->fdet;
    h_sdet = c->sdet;
    h_close = c->close_distance;
    h_fluence = c->fluence;
    fprintf(stdout, "TRACE_CONFIG: tracing pixel (spixel=%d, fpixel=%d)\n", c->trace_s, c->trace_f);
#endif
    if (NB_DIALECT != NB_DIALECT_PROTOCOL) return;
    fprintf(stdout, "TRACE_C: trace_protocol 1\n");
    fprintf(stdout, "TRACE_C: pixel %d %d\n", c->trace_s, c->trace_f);
    run_d("lambda_meters", c->lambda0);
    run_d("fluence", c->fluence);
    run_d("r_e_sqr", NB_RE_SQR);
    run_i("steps", st->steps);
    run_i("sources", st->sources);
    run_i("phisteps", c->phisteps);
    run_i("mosaic_domains", c->mosaic_domains);
    run_i("oversample", c->oversample);
    run_i("thicksteps", c->detector_thicksteps);
    run_d("Na", c->Na);
    run_d("Nb", c->Nb);
    run_d("Nc", c->Nc);
    run_d("default_F", c->default_F);
    hr[0] = st->F.h_min; hr[1] = st->F.h_max; hr[2] = st->F.k_min;
    hr[3] = st->F.k_max; hr[4] = st->F.l_min; hr[5] = st->F.l_max;
    if (st->F.grid == NULL) memset(hr, 0, sizeof hr);
    tr_int(NULL, 0, "hkl_range", 6, hr);
    run_i("interpolate", c->interpolate);
    run_d("distance_meters", c->distance);
    run_d("close_distance_meters", c->close_distance);
    run_d("pixel_size_meters", c->pixel_size);
    run_v("fdet_vec", c->fdet);
    run_v("sdet_vec", c->sdet);
    run_v("odet_vec", c->odet);
    run_v("beam_vec", c->beam);
    run_v("polar_vec", c->polar_vec);
    run_v("spindle_vec", c->spindle);
    run_v("pix0_vector_meters", c->pix0);
    pair[0] = c->Fbeam; pair[1] = c->Sbeam;
    tr_dbl(NULL, 0, "Fbeam_Sbeam", 2, pair);
    pair[0] = c->Fclose; pair[1] = c->Sclose;
    tr_dbl(NULL, 0, "Fclose_Sclose", 2, pair);
    run_v("a0", st->a0);
    run_v("b0", st->b0);
    run_v("c0", st->c0);
    run_v("a_star", st->a_star);
    run_v("b_star", st->b_star);
    run_v("c_star", st->c_star);
    run_d("V_cell", st->V_cell);
    run_d("I_bg", st->I_bg);
    fprintf(stdout, "TRACE_C: mode %s\n", c->mode == MODE_FIXED ? "fixed" : "compat");
}
