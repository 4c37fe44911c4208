/* Crystal: unit cell, orientation (-cell, -mat, misset), size in cells,
 * oversampling choice, and the structure-factor table with its Fdump.bin
 * cache (setup.md S14-S24). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <float.h>
#include "state.h"
#include "rng.h"
#include "io.h"
#include "cli.h"

static int out_of_unit(double v) { return v > 1.0000001 || v < -1.0000001; }

/* sine/cosine clamps used for the printed angles */
static double clamp_angle(double s, double co)
{
    if (s > 1.0) s = 1.0;
    if (s < -1.0) s = -1.0;
    if (co * co > 1.0) co = 1.0;
    return atan2(s, co);
}

static void oddball(const char *title, const char *const names[6], const double v[6])
{
    int k, bad = 0;
    for (k = 0; k < 6; k++) bad |= out_of_unit(v[k]);
    if (!bad) return;
    fprintf(stdout, "WARNING: oddball %s angles:\n", title);
    for (k = 0; k < 6; k++) fprintf(stdout, "%s = %.25g\n", names[k], v[k]);
}

void crystal_cell(nb_state *st)
{
    nb_config *c = &st->c;
    double V_cell = 0.0, V_star;
    vec3 as = v3(0, 0, 0), bs = v3(0, 0, 0), cs = v3(0, 0, 0);
    vec3 axb, bxc, cxa, a, b, cc;
    double la, lb, lc, las, lbs, lcs;
    double ang[6], trig[6];
    double xa, xb, xc, recip_px;
    int recommended;

    /* S14: interpolation choice sees the typed N (Q12) */
    if (c->interpolate > 1) {
        if (c->Na <= 2 || c->Nb <= 2 || c->Nc <= 2) {
            c->interpolate = 1;
            fprintf(stdout, "auto-selected tricubic interpolation of structure factors\n");
        } else {
            c->interpolate = 0;
            fprintf(stdout, "auto-selected no interpolation\n");
        }
    }

    /* S15: reciprocal cell in the default frame */
    if (c->user_cell) {
        double half, skew, sa, sb, sg, ca, cb, cg;
        if (c->cell_b <= 0.0) c->cell_b = c->cell_a;
        if (c->cell_c <= 0.0) c->cell_c = c->cell_a;
        if (c->alpha <= 0.0) c->alpha = M_PI / 2;
        if (c->beta <= 0.0) c->beta = M_PI / 2;
        if (c->gamma <= 0.0) c->gamma = M_PI / 2;
        half = (c->alpha + c->beta + c->gamma) / 2;
        skew = sin(half) * sin(half - c->alpha) * sin(half - c->beta) * sin(half - c->gamma);
        if (skew < 0.0) skew = -skew;
        V_cell = 2.0 * c->cell_a * c->cell_b * c->cell_c * sqrt(skew);
        if (V_cell <= 0.0) {
            fprintf(stdout, "WARNING: impossible unit cell volume: %g\n", V_cell);
            V_cell = DBL_MIN;
        }
        V_star = 1.0 / V_cell;
        las = c->cell_b * c->cell_c * sin(c->alpha) * V_star;
        lbs = c->cell_c * c->cell_a * sin(c->beta) * V_star;
        lcs = c->cell_a * c->cell_b * sin(c->gamma) * V_star;
        if (las <= 0.0 || lbs <= 0.0 || lcs <= 0.0) {
            fprintf(stdout, "WARNING: impossible reciprocal cell lengths: %g %g %g\n", las, lbs, lcs);
            las = fabs(las); lbs = fabs(lbs); lcs = fabs(lcs);
            if (las <= 0.0) las = DBL_MIN;
            if (lbs <= 0.0) lbs = DBL_MIN;
            if (lcs <= 0.0) lcs = DBL_MIN;
        }
        sa = c->cell_a * V_star / lbs / lcs;
        sb = c->cell_b * V_star / las / lcs;
        sg = c->cell_c * V_star / las / lbs;
        ca = (cos(c->beta) * cos(c->gamma) - cos(c->alpha)) / (sin(c->beta) * sin(c->gamma));
        cb = (cos(c->gamma) * cos(c->alpha) - cos(c->beta)) / (sin(c->gamma) * sin(c->alpha));
        cg = (cos(c->alpha) * cos(c->beta) - cos(c->gamma)) / (sin(c->alpha) * sin(c->beta));
        {
            static const char *const nm[6] = { "sin(alpha_star)", "cos(alpha_star)", "sin(beta_star) ",
                                               "cos(beta_star) ", "sin(gamma_star)", "cos9gamma_star)" };
            double vv[6];
            vv[0] = sa; vv[1] = ca; vv[2] = sb; vv[3] = cb; vv[4] = sg; vv[5] = cg;
            oddball("reciprocal cell", nm, vv);
        }
        if (sa > 1.0) sa = 1.0;
        if (sb > 1.0) sb = 1.0;
        if (sg > 1.0) sg = 1.0;
        if (sa < -1.0) sa = -1.0;
        if (sb < -1.0) sb = -1.0;
        if (sg < -1.0) sg = -1.0;
        if (ca * ca > 1.0) ca = 1.0;
        if (cb * cb > 1.0) cb = 1.0;
        if (cg * cg > 1.0) cg = 1.0;
        as = v3(las, 0.0, 0.0);
        bs = v3(lbs * cg, lbs * sg, 0.0);
        cs = v3(lcs * cb, lcs * (ca - cb * cg) / sg, lcs * V_cell / (c->cell_a * c->cell_b * c->cell_c * sg));
    }

    /* S16: MOSFLM A matrix, columns are a*, b*, c* in units of 1/lambda */
    if (c->matfile != NULL) {
        FILE *fp = fopen(c->matfile, "r");
        if (fp != NULL) {
            double m[9];
            double per;
            int k;
            fprintf(stdout, "reading %s\n", c->matfile);
            for (k = 0; k < 9; k++)
                if (fscanf(fp, "%lg", &m[k]) != 1) nb_die_input("-mat: %s holds fewer than 9 numbers", c->matfile);
            fclose(fp);
            per = 1e-10 / c->lambda0;
            as = v3_mul(v3(m[0], m[3], m[6]), per);
            bs = v3_mul(v3(m[1], m[4], m[7]), per);
            cs = v3_mul(v3(m[2], m[5], m[8]), per);
        } else {
            nb_die_input("-mat: cannot open %s", c->matfile);
        }
    }

    /* S17: random misset uses a 90 *radian* cap (Q14) */
    if (c->misset_flag == -1.0) {
        double um[9];
        rng_rotation(90.0f, um, &c->misset_seed);
        rng_matrix_angles(um, c->misset);
        fprintf(stdout, "random orientation misset angles: %f %f %f deg\n", c->misset[0] * NB_RTD,
                c->misset[1] * NB_RTD, c->misset[2] * NB_RTD);
        c->misset_flag = 1.0;
    }
    if (c->misset_flag > 0.0) {
        as = v3_rot_xyz(as, c->misset[0], c->misset[1], c->misset[2]);
        bs = v3_rot_xyz(bs, c->misset[0], c->misset[1], c->misset[2]);
        cs = v3_rot_xyz(cs, c->misset[0], c->misset[1], c->misset[2]);
    }

    /* S19: real space from reciprocal, then reciprocal again */
    axb = v3_cross(as, bs);
    bxc = v3_cross(bs, cs);
    cxa = v3_cross(cs, as);
    V_star = v3_dot(as, bxc);
    if (c->user_cell) {
        bxc = v3_setlen(bxc, c->cell_a / V_cell);
        cxa = v3_setlen(cxa, c->cell_b / V_cell);
        axb = v3_setlen(axb, c->cell_c / V_cell);
        V_star = 1.0 / V_cell;
    }
    V_cell = 1.0 / V_star;
    a = v3_mul(bxc, V_cell);
    b = v3_mul(cxa, V_cell);
    cc = v3_mul(axb, V_cell);
    as = v3_mul(v3_cross(b, cc), V_star);
    bs = v3_mul(v3_cross(cc, a), V_star);
    cs = v3_mul(v3_cross(a, b), V_star);

    la = v3_len(a); lb = v3_len(b); lc = v3_len(cc);
    las = v3_len(as); lbs = v3_len(bs); lcs = v3_len(cs);
    /* printed-only cell angles */
    trig[0] = las * V_cell / lb / lc;
    trig[1] = v3_dot(b, cc) / lb / lc;
    trig[2] = lbs * V_cell / la / lc;
    trig[3] = v3_dot(a, cc) / la / lc;
    trig[4] = lcs * V_cell / la / lb;
    trig[5] = v3_dot(a, b) / la / lb;
    {
        static const char *const nm[6] = { "sin_alpha", "cos_alpha", "sin_beta ", "cos_beta ", "sin_gamma", "cos_gamma" };
        oddball("cell", nm, trig);
    }
    ang[0] = clamp_angle(trig[0], trig[1]);
    ang[1] = clamp_angle(trig[2], trig[3]);
    ang[2] = clamp_angle(trig[4], trig[5]);
    trig[0] = la * V_star / lbs / lcs;
    trig[1] = v3_dot(bs, cs) / lbs / lcs;
    trig[2] = lb * V_star / las / lcs;
    trig[3] = v3_dot(as, cs) / las / lcs;
    trig[4] = lc * V_star / las / lbs;
    trig[5] = v3_dot(as, bs) / las / lbs;
    {
        static const char *const nm[6] = { "sin(alpha_star)", "cos(alpha_star)", "sin(beta_star) ",
                                           "cos(beta_star) ", "sin(gamma_star)", "cos(gamma_star)" };
        oddball("reciprocal cell", nm, trig);
    }
    ang[3] = clamp_angle(trig[0], trig[1]);
    ang[4] = clamp_angle(trig[2], trig[3]);
    ang[5] = clamp_angle(trig[4], trig[5]);
    fprintf(stdout, "Unit Cell: %g %g %g %g %g %g\n", la, lb, lc, ang[0] * NB_RTD, ang[1] * NB_RTD, ang[2] * NB_RTD);
    fprintf(stdout, "Recp Cell: %g %g %g %g %g %g\n", las, lbs, lcs, ang[3] * NB_RTD, ang[4] * NB_RTD, ang[5] * NB_RTD);
    fprintf(stdout, "volume = %g A^3\n", V_cell);
    io_print_axes("real-space cell vectors (Angstrom):", "a", "b", "c", a, b, cc);
    io_print_axes("reciprocal-space cell vectors (Angstrom^-1):", "a_star", "b_star", "c_star", as, bs, cs);

    st->a0 = v3_mul(a, 1e-10);
    st->b0 = v3_mul(b, 1e-10);
    st->c0 = v3_mul(cc, 1e-10);
    st->a_star = as;
    st->b_star = bs;
    st->c_star = cs;
    st->V_cell = V_cell;

    /* S20: size in cells; sizes override -N, N <= 1 becomes 1 */
    la = v3_len(st->a0); lb = v3_len(st->b0); lc = v3_len(st->c0);
    if (c->sample_x > 0) c->Na = ceil(c->sample_x / la);
    if (c->sample_y > 0) c->Nb = ceil(c->sample_y / lb);
    if (c->sample_z > 0) c->Nc = ceil(c->sample_z / lc);
    if (c->Na <= 1.0) c->Na = 1.0;
    if (c->Nb <= 1.0) c->Nb = 1.0;
    if (c->Nc <= 1.0) c->Nc = 1.0;
    xa = la * c->Na;
    xb = lb * c->Nb;
    xc = lc * c->Nc;
    fprintf(stdout, "crystal is %g x %g x %g microns\n", xa * 1e6, xb * 1e6, xc * 1e6);
    st->xtalsize_max = xa;
    if (st->xtalsize_max < xb) st->xtalsize_max = xb;
    if (st->xtalsize_max < xc) st->xtalsize_max = xc;

    /* S21 */
    recip_px = c->lambda0 * c->distance / c->pixel_size;
    recommended = (int)ceil(3.0 * st->xtalsize_max / recip_px);
    if (recommended <= 0) recommended = 1;
    if (c->oversample <= 0) {
        c->oversample = recommended;
        fprintf(stdout, "auto-selected %d-fold oversampling\n", c->oversample);
    }
    if (c->oversample < recommended) {
        fprintf(stdout, "WARNING: maximum dimension of sample is %g A\n", st->xtalsize_max * 1e10);
        fprintf(stdout, "         but reciprocal pixel size is %g A\n", recip_px * 1e10);
        fprintf(stdout, "         intensity may vary significantly across a pixel!\n");
        fprintf(stdout, "         recommend -oversample %d to work around this\n", recommended);
    }

    /* S22: bookkeeping only; -density and -MW are overwritten (Q18) */
    c->sample_x = xa;
    c->sample_y = xb;
    c->sample_z = xc;
    c->density = 1.2e6;
    c->molecular_weight = ((c->sample_x * c->sample_y) * c->sample_z) * c->density * NB_AVOGADRO / (c->Na * c->Nb * c->Nc);
    fprintf(stdout, "approximate MW = %g\n", c->molecular_weight);
}

static double *grid_at(nb_fhkl *F, int i, int j, int k)
{
    return F->grid + ((size_t)i * (F->k_range + 1) + j) * (F->l_range + 1) + k;
}

static void grid_alloc(nb_fhkl *F)
{
    size_t n = (size_t)(F->h_range + 1) * (F->k_range + 1) * (F->l_range + 1);
    F->grid = calloc(n ? n : 1, sizeof(double));
    if (F->grid == NULL) nb_die_io("out of memory for the structure-factor grid");
}

/* S23 case A: the cache written by an earlier -hkl run */
static void read_dump(nb_state *st, FILE *fp)
{
    nb_fhkl *F = &st->F;
    int i, j;
    fprintf(stdout, "reading Fs from %s\n", st->c.dumpfile);
    /* the trailing blank skips every whitespace byte, payload included (Q20) */
    if (fscanf(fp, "%d%d%d%d%d%d ", &F->h_min, &F->h_max, &F->k_min, &F->k_max, &F->l_min, &F->l_max) != 6)
        nb_die_input("%s: unreadable Fdump header", st->c.dumpfile);
    F->h_range = F->h_max - F->h_min + 1;
    F->k_range = F->k_max - F->k_min + 1;
    F->l_range = F->l_max - F->l_min + 1;
    if (F->h_range < 0 || F->k_range < 0 || F->l_range < 0) nb_die_input("%s: bad Fdump ranges", st->c.dumpfile);
    grid_alloc(F);
    for (i = 0; i <= F->h_range; i++)
        for (j = 0; j <= F->k_range; j++)
            if (fread(grid_at(F, i, j, 0), sizeof(double), (size_t)F->l_range + 1, fp) != (size_t)F->l_range + 1)
                nb_die_input("%s: Fdump data truncated", st->c.dumpfile);
    fclose(fp);
    F->hkls = (long)F->h_range * F->k_range * F->l_range;
}

static void write_dump(nb_state *st)
{
    nb_fhkl *F = &st->F;
    char head[200];
    size_t hlen, body = (size_t)(F->h_range + 1) * (F->k_range + 1) * (F->l_range + 1) * sizeof(double);
    unsigned char *buf;
    hlen = (size_t)snprintf(head, sizeof head, "%d %d %d %d %d %d\n\f", F->h_min, F->h_max, F->k_min, F->k_max,
                            F->l_min, F->l_max);
    buf = malloc(hlen + body);
    if (buf == NULL) nb_die_io("out of memory writing %s", st->c.dumpfile);
    memcpy(buf, head, hlen);
    memcpy(buf + hlen, F->grid, body);
    if (io_write_atomic(st->c.dumpfile, buf, hlen + body) != 0) {
        fprintf(stdout, "WARNING: unable to open dump file: %s\n", st->c.dumpfile);
    } else {
        fprintf(stdout, "writing dump file for next time: %s\n", st->c.dumpfile);
        /* upstream's writing loops leave its h0, k0 one past the ranges */
        F->last_h0 = F->h_range + 1;
        F->last_k0 = F->k_range + 1;
    }
    free(buf);
}

void crystal_fhkl(nb_state *st, int dump_readable)
{
    nb_config *c = &st->c;
    nb_fhkl *F = &st->F;
    memset(F, 0, sizeof *F);

    if (c->hklfile == NULL) {
        FILE *fp = dump_readable ? fopen(c->dumpfile, "rb") : NULL;
        if (fp != NULL) read_dump(st, fp);
        else F->hkls = 0;
    } else {
        FILE *fp = fopen(c->hklfile, "r");
        double h, k, l, f;
        int hi, ki, li;
        if (fp == NULL) nb_die_input("-hkl: unable to open %s", c->hklfile);
        F->h_min = F->k_min = F->l_min = 1000000000;
        F->h_max = F->k_max = F->l_max = -1000000000;
        fprintf(stdout, "counting entries in %s\n", c->hklfile);
        /* pass 1 reads doubles, four tokens at a time whatever the lines (Q19) */
        while (fscanf(fp, "%lg%lg%lg%lg", &h, &k, &l, &f) == 4) {
            if (h != ceil(h - 0.4)) fprintf(stdout, "WARNING: non-integer value for h (%g) at line %ld\n", h, F->hkls);
            if (k != ceil(k - 0.4)) fprintf(stdout, "WARNING: non-integer value for k (%g) at line %ld\n", k, F->hkls);
            if (l != ceil(l - 0.4)) fprintf(stdout, "WARNING: non-integer value for l (%g) at line %ld\n", l, F->hkls);
            if (F->h_min > h) F->h_min = (int)h;
            if (F->k_min > k) F->k_min = (int)k;
            if (F->l_min > l) F->l_min = (int)l;
            if (F->h_max < h) F->h_max = (int)h;
            if (F->k_max < k) F->k_max = (int)k;
            if (F->l_max < l) F->l_max = (int)l;
            F->hkls++;
            F->last_F = f;
            F->last_h = h;
            F->last_k = k;
            F->last_l = l;
        }
        rewind(fp);
        F->h_range = F->h_max - F->h_min + 1;
        F->k_range = F->k_max - F->k_min + 1;
        F->l_range = F->l_max - F->l_min + 1;
        if (F->h_range < 0 || F->k_range < 0 || F->l_range < 0)
            nb_die_input("-hkl: not enough HKL indices in %s", c->hklfile);
        grid_alloc(F);
        if (c->default_F != 0.0) {
            int i, j, m;
            fprintf(stdout, "initializing to default_F = %g:\n", c->default_F);
            /* padding planes stay 0 (Q20) */
            for (i = 0; i < F->h_range; i++)
                for (j = 0; j < F->k_range; j++)
                    for (m = 0; m < F->l_range; m++) *grid_at(F, i, j, m) = c->default_F;
            fprintf(stdout, "done initializing:\n");
        }
        fprintf(stdout, "re-reading %s\n", c->hklfile);
        /* pass 2 reads integers: "1.0" stops it (Q19) */
        while (fscanf(fp, "%d%d%d%lg", &hi, &ki, &li, &f) == 4) {
            int i = hi - F->h_min, j = ki - F->k_min, m = li - F->l_min;
            F->last_F = f;
            F->last_h0 = hi;
            F->last_k0 = ki;
            F->last_l0 = li;
            if (i < 0 || j < 0 || m < 0 || i > F->h_range || j > F->k_range || m > F->l_range) continue;
            *grid_at(F, i, j, m) = f;
        }
        fclose(fp);
        write_dump(st);
    }
    if (F->hkls == 0) c->interpolate = 0;
}
