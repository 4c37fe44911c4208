/* Pixel loop.  Rows are split into blocks exactly like libgomp's static
 * schedule (render.md 5.1); each block carries its own phi orientation from
 * pixel to pixel, which is what makes compat images depend on the thread
 * count (quirk 1, render.md 5.2).  Fixed mode resets it at phi == 0. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#ifdef _OPENMP
#include <omp.h>
#endif
#include "render.h"
#include "trace.h"
#include "io.h"

/* shared between blocks like upstream's shared variables (quirk 11, 28) */
static volatile int g_interpolate;
static volatile int g_babble = 1;

static double sincg(double x, double n) { return x == 0.0 ? n : sin(x * n) / sin(x); }
static double sinc3(double x) { return x == 0.0 ? 1.0 : 3.0 * (sin(x) / x - cos(x)) / (x * x); }

static double lagrange4(const double *xa, const double *ya, double x)
{
    double t0 = (x - xa[1]) * (x - xa[2]) * (x - xa[3]) * ya[0] / ((xa[0] - xa[1]) * (xa[0] - xa[2]) * (xa[0] - xa[3]));
    double t1 = (x - xa[0]) * (x - xa[2]) * (x - xa[3]) * ya[1] / ((xa[1] - xa[0]) * (xa[1] - xa[2]) * (xa[1] - xa[3]));
    double t2 = (x - xa[0]) * (x - xa[1]) * (x - xa[3]) * ya[2] / ((xa[2] - xa[0]) * (xa[2] - xa[1]) * (xa[2] - xa[3]));
    double t3 = (x - xa[0]) * (x - xa[1]) * (x - xa[2]) * ya[3] / ((xa[3] - xa[0]) * (xa[3] - xa[1]) * (xa[3] - xa[2]));
    return t0 + t1 + t2 + t3;
}

/* tricubic: along l (16x), then k (4x), then h */
static double tricubic(const double *hn, const double *kn, const double *ln, double cube[4][4][4], double h, double k,
                       double l)
{
    double along_k[4], along_l[4];
    int i, j;
    for (i = 0; i < 4; i++) {
        for (j = 0; j < 4; j++) along_l[j] = lagrange4(ln, cube[i][j], l);
        along_k[i] = lagrange4(kn, along_l, k);
    }
    return lagrange4(hn, along_k, h);
}

/* Kahn polarisation; normalises its three vectors in place (quirk 24) */
static double kahn_factor(double K, vec3 *inc, vec3 *dif, vec3 *axis)
{
    double c2t, c2, s2, psi = 0;
    v3_unit(*inc, inc);
    v3_unit(*dif, dif);
    v3_unit(*axis, axis);
    c2t = v3_dot(*inc, *dif);
    c2 = c2t * c2t;
    s2 = 1 - c2;
    if (K != 0.0) {
        vec3 B, E;
        v3_unit(v3_cross(*axis, *inc), &B);
        v3_unit(v3_cross(*inc, B), &E);
        psi = -atan2(v3_dot(*dif, B), v3_dot(*dif, E));
    }
    return 0.5 * (1.0 + c2 - K * cos(2 * psi) * s2);
}

static double fgrid(const nb_fhkl *F, int i, int j, int k)
{
    return F->grid[((size_t)i * (F->k_range + 1) + j) * (F->l_range + 1) + k];
}

/* state that persists across the pixels of one block (firstprivate upstream) */
typedef struct {
    vec3 ap, bp, cp, a, b, c;
    double F_cell, F_latt, stol, h, k, l;
    int h0, k0, l0;
    vec3 polar_axis;
    long progress;
    nb_stats st;
} block_state;

static void render_pixel(nb_state *S, block_state *B, float *img, int spixel, int fpixel, nb_tracer *tr)
{
    const nb_config *c = &S->c;
    const nb_fhkl *F = &S->F;
    const int os = c->oversample;
    const double sub = S->subpixel_size;
    const int fixed = c->mode == MODE_FIXED;
    long imgidx = (long)spixel * c->fpixels + fpixel;
    double I, polar, omega_pixel = 0.0, capture = 0.0, Fdet = 0, Sdet = 0, stol = B->stol, F_latt = B->F_latt;
    double h = B->h, k = B->k, l = B->l;
    int h0 = B->h0, k0 = B->k0, l0 = B->l0;
    vec3 P = v3(0, 0, 0), a = B->a, b = B->b, cc = B->c;
    int t, sy, sx, src, ph, mo;
    double test;
    float stored;

    I = S->I_bg;
    polar = c->nopolar ? 1.0 : 0.0;

    tr->cnt[TL_T] = c->detector_thicksteps;
    tr->cnt[TL_SY] = tr->cnt[TL_SX] = os;
    tr->cnt[TL_SRC] = S->sources;
    tr->cnt[TL_PHI] = c->phisteps;
    tr->cnt[TL_MOS] = c->mosaic_domains;

    for (t = 0; t < c->detector_thicksteps; t++) {
        double Odet = t * c->detector_thickstep;
        tr->idx[TL_T] = t;
        capture = 0.0;
        if (c->detector_thick == 0.0) capture = 1.0;
        tr_dbl(tr, 1, "Odet", 1, &Odet);
        for (sy = 0; sy < os; sy++) {
            tr->idx[TL_SY] = sy;
            for (sx = 0; sx < os; sx++) {
                vec3 dif;
                double air, fs[2];
                int fresh;
                tr->idx[TL_SX] = sx;
                Fdet = sub * (fpixel * os + sx) + sub / 2.0;
                Sdet = sub * (spixel * os + sy) + sub / 2.0;
                P.x = Fdet * c->fdet.x + Sdet * c->sdet.x + Odet * c->odet.x + c->pix0.x;
                P.y = Fdet * c->fdet.y + Sdet * c->sdet.y + Odet * c->odet.y + c->pix0.y;
                P.z = Fdet * c->fdet.z + Sdet * c->sdet.z + Odet * c->odet.z + c->pix0.z;
                if (c->curved) {
                    /* arc lengths from the flat lab y, z (quirk 22) */
                    vec3 V = v3(c->distance * c->beam.x, c->distance * c->beam.y, c->distance * c->beam.z);
                    vec3 W = v3_rot_axis(V, c->sdet, P.y / c->distance);
                    P = v3_rot_axis(W, c->fdet, P.z / c->distance);
                }
                air = v3_unit(P, &dif);
                fs[0] = Fdet; fs[1] = Sdet;
                tr_dbl(tr, 3, "Fdet_Sdet", 2, fs);
                tr_vec(tr, 3, "pixel_pos_meters", P);
                tr_dbl(tr, 3, "R_distance_meters", 1, &air);
                tr_vec(tr, 3, "diffracted_vec", dif);

                fresh = 0;
                if (omega_pixel == 0.0 || c->os_omega) {
                    omega_pixel = c->pixel_size * c->pixel_size / air / air * c->close_distance / air;
                    if (c->point_pixel) omega_pixel = 1.0 / air / air;
                    fresh = 1;
                }
                tr_dbl_flag(tr, 3, "omega_pixel_sr", omega_pixel, fresh);
                B->st.omega_sum += omega_pixel;

                fresh = 0;
                if (capture == 0.0 || c->os_thick) {
                    double par = v3_dot(dif, c->odet);
                    capture = exp(-t * c->detector_thickstep * c->detector_mu / par) -
                              exp(-(t + 1) * c->detector_thickstep * c->detector_mu / par);
                    fresh = 1;
                }
                tr_dbl_flag(tr, 3, "capture_fraction", capture, fresh);

                for (src = 0; src < S->sources; src++) {
                    vec3 inc, q;
                    double lambda;
                    int cut;
                    tr->idx[TL_SRC] = src;
                    inc = v3(-S->src_dir[src].x, -S->src_dir[src].y, -S->src_dir[src].z);
                    lambda = S->src_lambda[src];
                    q = v3((dif.x - inc.x) / lambda, (dif.y - inc.y) / lambda, (dif.z - inc.z) / lambda);
                    stol = 0.5 * v3_len(q);
                    cut = c->dmin > 0.0 && stol > 0.0 && c->dmin > 0.5 / stol;
                    tr_vec(tr, 4, "incident_vec", inc);
                    tr_dbl(tr, 4, "lambda_meters", 1, &lambda);
                    tr_vec(tr, 4, "scattering_vec", q);
                    tr_dbl(tr, 4, "stol", 1, &stol);
                    tr_int(tr, 4, "dmin_cut", 1, &cut);
                    if (cut) continue;

                    fresh = 0;
                    if (polar == 0.0 || c->os_polar) {
                        polar = kahn_factor(c->polarization, &inc, &dif, &B->polar_axis);
#ifdef NB_BUG_POLAR
                        if (c->polarization != 0.0) polar *= 1.001; /* injected bug (config.h) */
#endif
                        fresh = 1;
                    }
                    tr_dbl_flag(tr, 4, "polar", polar, fresh);

                    for (ph = 0; ph < c->phisteps; ph++) {
                        double phi = c->phi0 + c->phistep * ph;
                        int rotated = 0;
                        tr->idx[TL_PHI] = ph;
#ifdef NB_BUG_PHI0
                        if (1) { /* injected bug (config.h) */
#else
                        if (phi != 0.0) {
#endif
                            B->ap = v3_rot_axis(S->a0, c->spindle, phi);
                            B->bp = v3_rot_axis(S->b0, c->spindle, phi);
                            B->cp = v3_rot_axis(S->c0, c->spindle, phi);
                            rotated = 1;
                        } else if (fixed) {
                            /* fix/phi0-stale-rotation: phi == 0 is the unrotated cell */
                            B->ap = S->a0;
                            B->bp = S->b0;
                            B->cp = S->c0;
                            rotated = 1;
                        }
                        tr_dbl(tr, 5, "phi_rad", 1, &phi);
                        tr_int(tr, 5, "rotated", 1, &rotated);
                        tr_vec(tr, 5, "ap", B->ap);
                        tr_vec(tr, 5, "bp", B->bp);
                        tr_vec(tr, 5, "cp", B->cp);

                        for (mo = 0; mo < c->mosaic_domains; mo++) {
                            int hk[3];
                            double frac[3], fl3[3];
                            tr->idx[TL_MOS] = mo;
                            if (c->mosaic_spread > 0.0) {
                                a = v3_mat(S->umats + 9 * mo, B->ap);
                                b = v3_mat(S->umats + 9 * mo, B->bp);
                                cc = v3_mat(S->umats + 9 * mo, B->cp);
                            } else {
                                a = B->ap;
                                b = B->bp;
                                cc = B->cp;
                            }
                            h = v3_dot(a, q);
                            k = v3_dot(b, q);
                            l = v3_dot(cc, q);
                            /* halves round down (quirk 13) */
                            h0 = (int)ceil(h - 0.5);
                            k0 = (int)ceil(k - 0.5);
                            l0 = (int)ceil(l - 0.5);

                            F_latt = 1.0;
                            fl3[0] = fl3[1] = fl3[2] = 1.0;
                            if (c->shape == SHAPE_SQUARE) {
                                /* full fractional index, not h-h0 (quirk 9) */
                                if (c->Na > 1) F_latt *= (fl3[0] = sincg(M_PI * h, c->Na));
                                if (c->Nb > 1) F_latt *= (fl3[1] = sincg(M_PI * k, c->Nb));
                                if (c->Nc > 1) F_latt *= (fl3[2] = sincg(M_PI * l, c->Nc));
                            } else {
                                double dh = h - h0, dk = k - k0, dl = l - l0;
                                double dx = dh * S->a_star.x + dk * S->b_star.x + dl * S->c_star.x;
                                double dy = dh * S->a_star.y + dk * S->b_star.y + dl * S->c_star.y;
                                double dz = dh * S->a_star.z + dk * S->b_star.z + dl * S->c_star.z;
                                /* 1/Angstrom^2 times N^6 (quirk 10) */
                                double rs2 = (dx * dx + dy * dy + dz * dz) * c->Na * c->Na * c->Nb * c->Nb * c->Nc * c->Nc;
                                if (c->shape == SHAPE_ROUND) {
                                    double hr2 = dh * dh * c->Na * c->Na + dk * dk * c->Nb * c->Nb + dl * dl * c->Nc * c->Nc;
                                    F_latt = c->Na * c->Nb * c->Nc * 0.723601254558268 * sinc3(M_PI * sqrt(hr2 * c->fudge));
                                }
                                if (c->shape == SHAPE_GAUSS) F_latt = c->Na * c->Nb * c->Nc * exp(-(rs2 / 0.63 * c->fudge));
                                if (c->shape == SHAPE_TOPHAT) F_latt = c->Na * c->Nb * c->Nc * (rs2 * c->fudge < 0.3969);
                            }
                            tr_vec(tr, 6, "rot_a", a);
                            tr_vec(tr, 6, "rot_b", b);
                            tr_vec(tr, 6, "rot_c", cc);
                            frac[0] = h; frac[1] = k; frac[2] = l;
                            tr_dbl(tr, 6, "hkl_frac", 3, frac);
                            hk[0] = h0; hk[1] = k0; hk[2] = l0;
                            tr_int(tr, 6, "hkl_rounded", 3, hk);
                            if (c->shape == SHAPE_SQUARE) {
                                tr_dbl(tr, 6, "F_latt_a", 1, &fl3[0]);
                                tr_dbl(tr, 6, "F_latt_b", 1, &fl3[1]);
                                tr_dbl(tr, 6, "F_latt_c", 1, &fl3[2]);
                            }
                            tr_dbl(tr, 6, "F_latt", 1, &F_latt);
                            if (F_latt == 0.0 && c->water_size == 0.0) continue;

                            if (g_interpolate) {
                                if (((h - F->h_min + 3) > F->h_range) || (h - 2 < F->h_min) ||
                                    ((k - F->k_min + 3) > F->k_range) || (k - 2 < F->k_min) ||
                                    ((l - F->l_min + 3) > F->l_range) || (l - 2 < F->l_min)) {
                                    /* sticky, run-wide switch-off (quirk 11) */
                                    if (g_babble) {
                                        g_babble = 0;
                                        fprintf(stdout, "WARNING: out of range for three point interpolation: h,k,l,h0,k0,l0: %g,%g,%g,%d,%d,%d \n",
                                                h, k, l, h0, k0, l0);
                                        fprintf(stdout, "WARNING: further warnings will not be printed! ");
                                    }
                                    B->F_cell = c->default_F;
                                    g_interpolate = 0;
                                }
                            }
                            if (g_interpolate) {
                                int hf = (int)floor(h), kf = (int)floor(k), lf = (int)floor(l);
                                double hn[4], kn[4], ln[4], cube[4][4][4];
                                int i1, i2, i3;
                                for (i1 = 0; i1 < 4; i1++) {
                                    hn[i1] = (double)(hf - 1 + i1);
                                    kn[i1] = (double)(kf - 1 + i1);
                                    ln[i1] = (double)(lf - 1 + i1);
                                }
                                for (i1 = 0; i1 < 4; i1++)
                                    for (i2 = 0; i2 < 4; i2++)
                                        for (i3 = 0; i3 < 4; i3++)
                                            cube[i1][i2][i3] = fgrid(F, hf - 1 + i1 - F->h_min, kf - 1 + i2 - F->k_min,
                                                                     lf - 1 + i3 - F->l_min);
                                B->F_cell = tricubic(hn, kn, ln, cube, h, k, l);
                            }
                            if (!g_interpolate) {
                                if (F->hkls && h0 <= F->h_max && h0 >= F->h_min && k0 <= F->k_max && k0 >= F->k_min &&
                                    l0 <= F->l_max && l0 >= F->l_min)
                                    B->F_cell = fgrid(F, h0 - F->h_min, k0 - F->k_min, l0 - F->l_min);
                                else
                                    B->F_cell = c->default_F;
                            }
                            tr_dbl(tr, 6, "F_cell", 1, &B->F_cell);

                            if (!fixed) {
                                /* compat: the factors multiply the running sum (quirk 6) */
                                I += B->F_cell * B->F_cell * F_latt * F_latt;
                                if (c->os_thick) I *= capture;
                                if (c->os_polar) I *= polar;
                                if (c->os_omega) I *= omega_pixel;
                            } else {
                                /* fix/subpixel-oversampling: weight this term only */
                                double term = B->F_cell * B->F_cell * F_latt * F_latt;
                                if (c->os_thick) term *= capture;
                                if (c->os_polar) term *= polar;
                                if (c->os_omega) term *= omega_pixel;
                                I += term;
                            }
                            tr_dbl(tr, 6, "I_running", 1, &I);
                        }
                    }
                }
            }
        }
    }

    test = NB_RE_SQR * c->fluence * I / S->steps;
    {
        double before = I;
        if (tr->on && tr->level != TLEVEL_RUN && NB_DIALECT != NB_DIALECT_NONE && NB_DIALECT != NB_DIALECT_PRINTOUT) {
            tr_dbl(NULL, 0, "I_before_scaling", 1, &before);
            tr_int(NULL, 0, "steps", 1, &S->steps);
            tr_dbl(NULL, 0, "capture_fraction", 1, &capture);
            tr_dbl(NULL, 0, "polar", 1, &polar);
            tr_dbl(NULL, 0, "omega_pixel", 1, &omega_pixel);
        }
    }
    if (!c->os_thick) test *= capture;
    if (!c->os_polar) test *= polar;
    if (!c->os_omega) test *= omega_pixel;
    img[imgidx] += test;
    stored = img[imgidx];
    if (tr->on && tr->level != TLEVEL_RUN && NB_DIALECT != NB_DIALECT_NONE && NB_DIALECT != NB_DIALECT_PRINTOUT) {
        tr_dbl(NULL, 0, "I_pixel_final", 1, &test);
        tr_float_bits("floatimage_bits", stored);
    }

    B->a = a; B->b = b; B->c = cc;
    B->F_latt = F_latt;
    B->stol = stol;
    B->h = h; B->k = k; B->l = l;
    B->h0 = h0; B->k0 = k0; B->l0 = l0;

    /* statistics use the stored float (quirk 16, 17) */
    if (stored > B->st.max_I) {
        B->st.max_I = stored;
        B->st.max_x = Fdet;
        B->st.max_y = Sdet;
    }
    B->st.sum += stored;
    B->st.sumsqr += stored * stored;
    B->st.sumn++;

    if (NB_DIALECT != NB_DIALECT_NONE && c->printout && (c->printout_f < 0 || (fpixel == c->printout_f && spixel == c->printout_s))) {
        double tt = atan2(sqrt(P.y * P.y + P.z * P.z), P.x);
        fprintf(stdout, "%4d %4d : stol = %g or %g\n", fpixel, spixel, stol, sin(tt / 2.0) / (c->lambda0 * 1e10));
        fprintf(stdout, "at %g %g %g\n", P.x, P.y, P.z);
        fprintf(stdout, "hkl= %f %f %f  hkl0= %d %d %d\n", h, k, l, h0, k0, l0);
        fprintf(stdout, " F_cell=%g  F_latt=%g   I = %g\n", B->F_cell, F_latt, I);
        fprintf(stdout, "I/steps %15.10g\n", I / S->steps);
        fprintf(stdout, "polar   %15.10g\n", polar);
        fprintf(stdout, "omega   %15.10g\n", omega_pixel);
        fprintf(stdout, "capfrac %15.10g\n", capture);
        fprintf(stdout, "pixel   %15.10g\n", (double)stored);
        io_print_axes("real-space cell vectors (Angstrom):", "a", "b", "c", v3_mul(a, 1e10), v3_mul(b, 1e10),
                      v3_mul(cc, 1e10));
    }
}

/* upstream's max_I starts at 0 and is raised by a strict '>' */
static void block_init(nb_state *S, block_state *B)
{
    memset(B, 0, sizeof *B);
    B->ap = S->a0;
    B->bp = S->b0;
    B->cp = S->c0;
    B->a = S->a0;
    B->b = S->b0;
    B->c = S->c0;
    B->polar_axis = S->c.polar_vec;
    /* F_cell is firstprivate upstream: it starts as the last F read from the file */
    B->F_cell = S->F.last_F;
    B->h = S->F.last_h;
    B->k = S->F.last_k;
    B->l = S->F.last_l;
    B->h0 = S->F.last_h0;
    B->k0 = S->F.last_k0;
    B->l0 = S->F.last_l0;
    B->st.max_I = 0.0;
}

static void render_rows(nb_state *S, block_state *B, float *img, int row0, int row1)
{
    const nb_config *c = &S->c;
    int s, f;
    for (s = row0; s < row1; s++)
        for (f = 0; f < c->fpixels; f++) {
            nb_tracer tr;
            long idx = (long)s * c->fpixels + f;
            if (f < c->roi_xmin || f > c->roi_xmax || s < c->roi_ymin || s > c->roi_ymax) continue;
            if (S->mask != NULL && idx < S->mask_count && S->mask[idx] == 0) continue;
            memset(&tr, 0, sizeof tr);
            tr.on = (s == c->trace_s && f == c->trace_f);
            tr.level = c->trace_level;
            render_pixel(S, B, img, s, f, &tr);
            if (!c->printout && c->progress_meter && S->progress_pixels / 100 > 0) {
                long pp = B->progress, tot = S->progress_pixels;
                if (pp % (tot / 20) == 0 || ((10 * pp < tot || 10 * pp > 9 * tot) && pp % (tot / 100) == 0)) {
                    fprintf(stdout, "%lu%% done\n", (unsigned long)(pp * 100 / tot));
                    fflush(stdout);
                }
            }
            B->progress++;
        }
}

void render_image(nb_state *S, float *img, nb_stats *stats)
{
    const nb_config *c = &S->c;
    int T = c->compat_threads;
    int blk;
    block_state *blocks = calloc((size_t)T, sizeof *blocks);
    if (blocks == NULL) {
        fprintf(stderr, "nanobragg-ref: out of memory\n");
        exit(3);
    }
    g_interpolate = c->interpolate;
    g_babble = 1;
    for (blk = 0; blk < T; blk++) block_init(S, &blocks[blk]);

    /* libgomp static schedule: the first r blocks get one extra row */
#ifdef _OPENMP
#pragma omp parallel for schedule(static, 1) num_threads(T > 1 ? T : 1)
#endif
    for (blk = 0; blk < T; blk++) {
        int q = c->spixels / T, r = c->spixels % T;
        int n = blk < r ? q + 1 : q;
        int start = blk < r ? blk * (q + 1) : blk * q + r;
        render_rows(S, &blocks[blk], img, start, start + n);
    }

    memset(stats, 0, sizeof *stats);
    for (blk = 0; blk < T; blk++) {
        const nb_stats *b = &blocks[blk].st;
        if (b->max_I > stats->max_I) {
            stats->max_I = b->max_I;
            stats->max_x = b->max_x;
            stats->max_y = b->max_y;
        }
        stats->sum += b->sum;
        stats->sumsqr += b->sumsqr;
        stats->sumn += b->sumn;
        stats->omega_sum += b->omega_sum;
    }
    free(blocks);
}
