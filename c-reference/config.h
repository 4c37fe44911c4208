/* Run parameters: what the command line (and SMV headers) set, plus the
 * quantities setup derives from them.  Setup updates the same record in the
 * order the spec prescribes (setup.md S0-S31); the render kernel then only
 * reads it. */
#ifndef NBREF_CONFIG_H
#define NBREF_CONFIG_H

#include "vec3.h"

enum nb_conv { CONV_ADXV, CONV_MOSFLM, CONV_XDS, CONV_DIALS, CONV_DENZO, CONV_CUSTOM };
enum nb_pivot { PIVOT_BEAM, PIVOT_SAMPLE };
enum nb_shape { SHAPE_SQUARE, SHAPE_ROUND, SHAPE_GAUSS, SHAPE_TOPHAT };
enum nb_mode { MODE_COMPAT, MODE_FIXED };
enum nb_tlevel { TLEVEL_RUN, TLEVEL_PIXEL, TLEVEL_LOOPS };

/* Test builds only (the harness's acceptance tests stand in for other C builds with them; the
 * default build defines none and is unchanged):
 *   -DNB_DIALECT=NB_DIALECT_NONE      -trace_pixel and -printout print nothing (a C that cannot tell)
 *   -DNB_DIALECT=NB_DIALECT_PRINTOUT  -trace_pixel prints nothing, -printout as upstream (plain upstream)
 *   -DNB_DIALECT=NB_DIALECT_HOIDN     -trace_pixel prints TRACE_C lines in hoidn's format
 *                                     (trace-keys.md section 4, a subset) instead of protocol 1
 *   -DNB_BUG_POLAR    injected bug: the Kahn factor is 0.1 % too large when -polar is given
 *   -DNB_BUG_FLUENCE  injected bug: the fluence derived from -flux is 0.1 % too large
 *   -DNB_BUG_PHI0     injected bug: the phi == 0 step rotates too (no phi carry-over, compat) */
#define NB_DIALECT_PROTOCOL 0
#define NB_DIALECT_NONE 1
#define NB_DIALECT_PRINTOUT 2
#define NB_DIALECT_HOIDN 3
#ifndef NB_DIALECT
#define NB_DIALECT NB_DIALECT_PROTOCOL
#endif

#define NB_RE_SQR 7.94079248018965e-30
#define NB_AVOGADRO 6.02214179e23

typedef struct {
    /* --- project options (not upstream) --- */
    enum nb_mode mode;
    int compat_threads;
    int trace_s, trace_f;         /* -trace_pixel S F, -1 = off */
    enum nb_tlevel trace_level;

    /* --- crystal --- */
    double Na, Nb, Nc;
    int user_cell;
    double cell_a, cell_b, cell_c;   /* Angstrom */
    double alpha, beta, gamma;       /* rad */
    double misset_flag;              /* 0 none, -1 random, 1 fixed */
    double misset[3];                /* rad */
    double sample_x, sample_y, sample_z;
    double density, molecular_weight;
    enum nb_shape shape;
    double fudge;

    /* --- detector --- */
    double Xbeam, Ybeam, Xclose, Yclose, Fbeam, Sbeam, Fclose, Sclose;
    double close_distance, ORGX, ORGY;
    enum nb_pivot pivot;
    enum nb_conv conv;
    vec3 beam, fdet, sdet, odet, pix0, twotheta_axis, polar_vec, spindle;
    double distance, detsize_f, detsize_s, pixel_size;
    int fpixels, spixels;
    double rotx, roty, rotz, twotheta;
    double detector_mu, detector_thick, detector_thickstep;
    int detector_thicksteps;
    int curved, point_pixel;
    double polarization;
    int nopolar;
    int oversample, os_thick, os_polar, os_omega;
    int roi_xmin, roi_xmax, roi_ymin, roi_ymax;

    /* --- beam --- */
    double lambda0, dispersion, dispstep;
    int dispsteps;
    double hdivrange, hdivstep, vdivrange, vdivstep;
    int hdivsteps, vdivsteps;
    int round_div;
    double fluence, flux, exposure, beamsize;
    double mosaic_spread;
    int mosaic_domains;
    double adc_offset;
    double phi0, osc, phistep;
    int phisteps;
    double dmin;
    double default_F;
    int interpolate;
    double water_size;
    long seed, mosaic_seed, misset_seed;
    int calculate_noise, write_pgm;
    int printout, printout_f, printout_s, progress_meter;
    double intfile_scale, pgm_scale;
    double stol_file_mult;

    /* --- file names --- */
    const char *matfile, *hklfile, *stolfile, *imgfile, *maskfile, *sourcefile;
    const char *dumpfile, *floatfile, *intfile, *pgmfile, *noisefile, *stoloutfile;
} nb_config;

void config_defaults(nb_config *c);

#endif
