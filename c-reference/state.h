/* Everything setup derives from the configuration, handed read-only to the
 * render kernel and the writers (setup.md S31). */
#ifndef NBREF_STATE_H
#define NBREF_STATE_H
#include "config.h"

typedef struct {
    int h_min, h_max, k_min, k_max, l_min, l_max;
    int h_range, k_range, l_range;
    long hkls;                 /* number of records, or grid size after a dump read */
    double *grid;              /* (h_range+1)*(k_range+1)*(l_range+1), l fastest */
    /* what upstream's shared h,k,l,h0,k0,l0,F_cell variables hold when the
     * render loop starts (read by -printout before any lookup happened) */
    double last_F, last_h, last_k, last_l;
    int last_h0, last_k0, last_l0;
} nb_fhkl;

typedef struct {
    nb_config c;               /* parsed values, updated by setup as upstream does */

    /* detector (S11-S13) */
    double ratio;
    vec3 vert;                 /* unit(beam x polar) */
    vec3 dials_origin;         /* mm */
    int pixels;
    int progress_pixels;

    /* crystal (S15-S20), a0.. in metres, stars in 1/Angstrom */
    vec3 a0, b0, c0, a_star, b_star, c_star;
    double V_cell;
    double xtalsize_max;

    /* structure factors (S23) */
    nb_fhkl F;

    /* sources (S26): unit direction from sample to source, wavelength in m */
    int sources;
    int divsteps;
    vec3 *src_dir;
    double *src_I, *src_lambda;

    /* mosaic domains (S27), 9 per domain row-major */
    double *umats;

    /* sampling summary (S28-S30) */
    int steps;
    double subpixel_size;
    double I_bg;

    /* image masks from -mask (NULL if none) */
    unsigned short *mask;
    long mask_count;
} nb_state;

/* geometry.c */
void geom_frame(nb_state *st);      /* S3-S7 */
void geom_sampling(nb_state *st);   /* S10 */
void geom_place(nb_state *st);      /* S11-S13 */
/* crystal.c */
void crystal_cell(nb_state *st);    /* S14-S22 */
void crystal_fhkl(nb_state *st, int dump_readable);  /* S23-S24 */
/* sources.c */
void sources_build(nb_state *st);   /* S25-S27 */
/* io.c: SMV header ingestion (S1) */
void io_read_headers(nb_state *st);

#endif
