/* Post-render stage: statistics, float/SMV/PGM/noise writers (io-rng.md 9-11). */
#ifndef NBREF_OUTPUT_H
#define NBREF_OUTPUT_H
#include "state.h"
#include "render.h"
void output_all(nb_state *st, float *img, const nb_stats *stats);
#endif
