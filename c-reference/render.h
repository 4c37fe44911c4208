/* The per-pixel kernel (render.md sections 3-5). */
#ifndef NBREF_RENDER_H
#define NBREF_RENDER_H
#include "state.h"

typedef struct {
    double sum, sumsqr, omega_sum;
    long sumn;
    double max_I, max_x, max_y;
} nb_stats;

/* fills img (fpixels*spixels floats, zeroed by the caller) */
void render_image(nb_state *st, float *img, nb_stats *stats);
#endif
