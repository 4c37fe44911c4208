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

int tr_want(const nb_tracer *t, int depth)
{
    int k;
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
    if (t != NULL && !tr_want(t, depth)) return;
    head(t, depth, name);
    for (k = 0; k < n; k++) fprintf(stdout, " %.17g", v[k]);
    fputc('\n', stdout);
}

void tr_dbl_flag(const nb_tracer *t, int depth, const char *name, double v, int flag)
{
    if (!tr_want(t, depth)) return;
    head(t, depth, name);
    fprintf(stdout, " %.17g %d\n", v, flag);
}

void tr_int(const nb_tracer *t, int depth, const char *name, int n, const int *v)
{
    int k;
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
