/* Trace protocol 1 printer (trace-protocol.md); records listed in TRACE.md. */
#ifndef NBREF_TRACE_H
#define NBREF_TRACE_H
#include "state.h"

/* loop levels, outermost first; also the order of record indices */
enum { TL_T, TL_SY, TL_SX, TL_SRC, TL_PHI, TL_MOS, TL_N };

typedef struct {
    int on;                 /* this pixel is the traced one */
    enum nb_tlevel level;
    int idx[TL_N];          /* current loop indices */
    int cnt[TL_N];          /* loop lengths */
} nb_tracer;

void trace_run_block(const nb_state *st);
/* should a record with `depth` indices be printed now? */
int tr_want(const nb_tracer *t, int depth);
void tr_dbl(const nb_tracer *t, int depth, const char *name, int n, const double *v);
void tr_dbl_flag(const nb_tracer *t, int depth, const char *name, double v, int flag);
void tr_int(const nb_tracer *t, int depth, const char *name, int n, const int *v);
void tr_vec(const nb_tracer *t, int depth, const char *name, vec3 v);
void tr_float_bits(const char *name, float f);
#endif
