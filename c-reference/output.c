/* Writers.  Each file is assembled in memory and published atomically. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include "output.h"
#include "io.h"
#include "rng.h"
#include "cli.h"

static int in_roi(const nb_config *c, int f, int s)
{
    return !(f < c->roi_xmin || f > c->roi_xmax || s < c->roi_ymin || s > c->roi_ymax);
}

static const char *host_order(void)
{
    unsigned short probe = 1;
    unsigned char first;
    memcpy(&first, &probe, 1);
    return first ? "little_endian" : "big_endian";
}

/* SMV text header; the int and noise files differ only in the sign of the
 * zero in the DENZO lines (quirk 37) */
static void publish_smv(const nb_state *st, const char *path, const unsigned short *px, int noise)
{
    const nb_config *c = &st->c;
    char head[4096];
    int n = 0;
    size_t data = (size_t)st->pixels * sizeof(unsigned short), total;
    unsigned char *buf;
    double zero = noise ? +0.0 : -0.0;
    double denzo_x = noise ? (c->Sbeam + 0.0 * c->pixel_size) * 1000.0 : (c->Sbeam - 0.0 * c->pixel_size) * 1000.0;
    double denzo_y = noise ? (c->Fbeam + 0.0 * c->pixel_size) * 1000 : (c->Fbeam - 0.0 * c->pixel_size) * 1000;
    (void)zero;
    n += snprintf(head + n, sizeof head - n, "{\nHEADER_BYTES=512;\nDIM=2;\nBYTE_ORDER=%s;\nTYPE=unsigned_short;\n", host_order());
    n += snprintf(head + n, sizeof head - n, "SIZE1=%d;\nSIZE2=%d;\n", c->fpixels, c->spixels);
    n += snprintf(head + n, sizeof head - n, "PIXEL_SIZE=%g;\nDISTANCE=%g;\n", c->pixel_size * 1000.0, c->distance * 1000.0);
    n += snprintf(head + n, sizeof head - n, "WAVELENGTH=%g;\n", c->lambda0 * 1e10);
    n += snprintf(head + n, sizeof head - n, "BEAM_CENTER_X=%g;\nBEAM_CENTER_Y=%g;\n", c->Xbeam * 1000.0, c->Ybeam * 1000);
    n += snprintf(head + n, sizeof head - n, "ADXV_CENTER_X=%g;\nADXV_CENTER_Y=%g;\n", c->Fbeam * 1000.0,
                  (c->detsize_s - c->Sbeam) * 1000);
    n += snprintf(head + n, sizeof head - n, "MOSFLM_CENTER_X=%g;\nMOSFLM_CENTER_Y=%g;\n",
                  (c->Sbeam - 0.5 * c->pixel_size) * 1000.0, (c->Fbeam - 0.5 * c->pixel_size) * 1000);
    n += snprintf(head + n, sizeof head - n, "DENZO_X_BEAM=%g;\nDENZO_Y_BEAM=%g;\n", denzo_x, denzo_y);
    /* no ';' after the DIALS origin, as upstream writes it */
    n += snprintf(head + n, sizeof head - n, "DIALS_ORIGIN=%g,%g,%g\n", st->dials_origin.x, st->dials_origin.y,
                  st->dials_origin.z);
    n += snprintf(head + n, sizeof head - n, "XDS_ORGX=%g;\nXDS_ORGY=%g;\n", c->ORGX, c->ORGY);
    n += snprintf(head + n, sizeof head - n, "CLOSE_DISTANCE=%g;\n", c->close_distance * 1000.0);
    n += snprintf(head + n, sizeof head - n, "PHI=%g;\nOSC_START=%g;\nOSC_RANGE=%g;\n", c->phi0 * NB_RTD,
                  c->phi0 * NB_RTD, c->osc * NB_RTD);
    n += snprintf(head + n, sizeof head - n, "TWOTHETA=%g;\n", c->twotheta * NB_RTD);
    n += snprintf(head + n, sizeof head - n, "DETECTOR_SN=000;\nBEAMLINE=fake;\n}\f");
    while (n < 512) head[n++] = ' ';
    total = (size_t)n + data;
    buf = malloc(total);
    if (buf == NULL) nb_die_io("out of memory writing %s", path);
    memcpy(buf, head, (size_t)n);
    memcpy(buf + n, px, data);
    if (io_write_atomic(path, buf, total) != 0) nb_die_io("cannot write %s", path);
    free(buf);
}

void output_all(nb_state *st, float *img, const nb_stats *stats)
{
    nb_config *c = &st->c;
    double avg, rms, rmsd, sumn = (double)stats->sumn, dev = 0.0;
    long n2 = 0;
    int s, f;
    unsigned short *ints;

    fprintf(stdout, "\n");
    fprintf(stdout, "solid angle subtended by detector = %g steradian ( %g%% sphere)\n", stats->omega_sum / st->steps,
            100 * stats->omega_sum / st->steps / 4 / M_PI);
    if (sumn <= 0) sumn = 1;
    avg = stats->sum / sumn;
    if (sumn <= 1) sumn = 2;
    rms = sqrt(stats->sumsqr / (sumn - 1));
    /* rmsd runs over the ROI including masked pixels (quirk 18) */
    for (s = 0; s < c->spixels; s++)
        for (f = 0; f < c->fpixels; f++) {
            double d;
            if (!in_roi(c, f, s)) continue;
            d = img[(long)s * c->fpixels + f] - avg;
            dev += d * d;
            n2++;
        }
    if (n2 <= 1) n2 = 2;
    rmsd = sqrt(dev / (n2 - 1));

    fprintf(stdout, "writing %s as %d %lu-byte floats\n", c->floatfile, st->pixels, (unsigned long)sizeof(float));
    if (io_write_atomic(c->floatfile, img, (size_t)st->pixels * sizeof(float)) != 0) nb_die_io("cannot write %s", c->floatfile);

    fprintf(stdout, "max_I = %g  at %g %g\n", stats->max_I, stats->max_x, stats->max_y);
    fprintf(stdout, "mean= %g rms= %g rmsd= %g\n", avg, rms, rmsd);
    if (c->intfile_scale <= 0.0) {
        c->intfile_scale = 1.0;
        if (stats->max_I > 0.0) c->intfile_scale = 55000.0 / stats->max_I;
    }
    fprintf(stdout, "intfile_scale = %g\n", c->intfile_scale);
    ints = calloc((size_t)st->pixels + 10, sizeof *ints);
    if (ints == NULL) nb_die_io("out of memory");
    for (s = 0; s < c->spixels; s++)
        for (f = 0; f < c->fpixels; f++) {
            long i = (long)s * c->fpixels + f;
            double v;
            if (!in_roi(c, f, s)) continue;
            v = img[i] * c->intfile_scale + c->adc_offset;
            if (v > 65535.0) v = 65535.0;
            if (v < 0.0) v = 0.0;
            /* the +0.5 sum is rounded to float before the floor (quirk 30) */
            ints[i] = (unsigned short)floorf((float)(v + 0.5));
        }
    fprintf(stdout, "writing %s as %lu-byte integers\n", c->intfile, (unsigned long)sizeof(unsigned short));
    publish_smv(st, c->intfile, ints, 0);

    if (c->write_pgm) {
        unsigned char *pg = calloc((size_t)st->pixels + 10, 1);
        char head[256];
        int hn;
        unsigned char *buf;
        if (pg == NULL) nb_die_io("out of memory");
        if (c->pgm_scale <= 0.0) {
            c->pgm_scale = c->intfile_scale;
            if (rmsd > 0.0) c->pgm_scale = 250.0 / (5.0 * rmsd);
        }
        fprintf(stdout, "pgm_scale = %g\n", c->pgm_scale);
        for (s = 0; s < c->spixels; s++)
            for (f = 0; f < c->fpixels; f++) {
                long i = (long)s * c->fpixels + f;
                double v;
                if (!in_roi(c, f, s)) continue;
                v = img[i] * c->pgm_scale;
                if (v > 255.0) v = 255.0;
                pg[i] = (unsigned char)v;
            }
        fprintf(stdout, "writing %s as %lu-byte integers\n", c->pgmfile, (unsigned long)sizeof(unsigned char));
        hn = snprintf(head, sizeof head, "P5\n%d %d\n# pixels scaled by %lg\n255\n", c->fpixels, c->spixels, c->pgm_scale);
        buf = malloc((size_t)hn + st->pixels);
        if (buf == NULL) nb_die_io("out of memory");
        memcpy(buf, head, (size_t)hn);
        memcpy(buf + hn, pg, (size_t)st->pixels);
        if (io_write_atomic(c->pgmfile, buf, (size_t)hn + st->pixels) != 0) nb_die_io("cannot write %s", c->pgmfile);
        free(buf);
        free(pg);
    }

    if (c->calculate_noise) {
        double photons = 0.0;
        int overloads = 0;
        /* out-of-ROI pixels keep the int image's 0 */
        for (s = 0; s < c->spixels; s++)
            for (f = 0; f < c->fpixels; f++) {
                long i = (long)s * c->fpixels + f;
                double v;
                if (!in_roi(c, f, s)) continue;
                v = rng_poisson(img[i], &c->seed);
                photons += v;
                v += c->adc_offset;
                if (v > 65535.0) {
                    v = 65535.0;
                    overloads++;
                }
                ints[i] = (unsigned short)v;
            }
        fprintf(stdout, "%.0f photons on noise image (%d overloads)\n", photons, overloads);
        fprintf(stdout, "writing %s as %lu-byte integers\n", c->noisefile, (unsigned long)sizeof(unsigned short));
        publish_smv(st, c->noisefile, ints, 1);
    }
    free(ints);
}
