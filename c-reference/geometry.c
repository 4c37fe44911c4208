/* Detector geometry: pixel counts, beam-centre conventions, pivots and
 * rotations (setup.md S3-S7, S10-S13). */
#include <stdio.h>
#include <math.h>
#include <float.h>
#include "state.h"

void geom_frame(nb_state *st)
{
    nb_config *c = &st->c;
    double px;

    /* S3: a pixel count beats a typed detector size */
    if (c->fpixels) c->detsize_f = c->pixel_size * c->fpixels;
    if (c->spixels) c->detsize_s = c->pixel_size * c->spixels;
    c->fpixels = (int)ceil(c->detsize_f / c->pixel_size - 0.5);
    c->spixels = (int)ceil(c->detsize_s / c->pixel_size - 0.5);
    st->pixels = c->fpixels * c->spixels;

    /* S4 */
    if (c->flux != 0.0 && c->exposure > 0.0 && c->beamsize >= 0)
        c->fluence = c->flux * c->exposure / c->beamsize / c->beamsize;
#ifdef NB_BUG_FLUENCE
    if (c->flux != 0.0 && c->exposure > 0.0 && c->beamsize >= 0) c->fluence *= 1.001; /* injected bug (config.h) */
#endif
    if (c->beamsize >= 0) {
        if (c->beamsize < c->sample_y) {
            fprintf(stdout, "WARNING: clipping sample (%lg m high) with beam (%lg m)\n", c->sample_y, c->beamsize);
            c->sample_y = c->beamsize;
        }
        if (c->beamsize < c->sample_z) {
            fprintf(stdout, "WARNING: clipping sample (%lg m wide) with beam (%lg m)\n", c->sample_z, c->beamsize);
            c->sample_z = c->beamsize;
        }
    }
    if (c->exposure > 0.0) c->flux = c->fluence / c->exposure * c->beamsize * c->beamsize;

    /* S5: near point, beam spot and ROI defaults */
    px = c->pixel_size;
    if (!isnan(c->ORGX)) c->Fclose = (c->ORGX - 0.5) * px;
    if (!isnan(c->ORGY)) c->Sclose = (c->ORGY - 0.5) * px;
    if (isnan(c->Fclose)) c->Fclose = (c->detsize_f - 0 * px) / 2.0;
    if (isnan(c->Sclose)) c->Sclose = (c->detsize_s + 0 * px) / 2.0;
    if (isnan(c->Xclose)) c->Xclose = c->Fclose;
    if (isnan(c->Yclose)) c->Yclose = c->Sclose;
    if (isnan(c->Fbeam)) c->Fbeam = c->Fclose;
    if (isnan(c->Sbeam)) c->Sbeam = c->Sclose;
    if (c->roi_xmin < 0) c->roi_xmin = 0;
    if (c->roi_xmax < 0) c->roi_xmax = c->fpixels;
    if (c->roi_ymin < 0) c->roi_ymin = 0;
    if (c->roi_ymax < 0) c->roi_ymax = c->spixels;
    st->progress_pixels = (c->roi_xmax - c->roi_xmin + 1) * (c->roi_ymax - c->roi_ymin + 1);

    /* S6: conventions overwrite all vectors and force the pivot (Q1) */
    switch (c->conv) {
    case CONV_ADXV:
        if (isnan(c->Xbeam)) c->Xbeam = (c->detsize_f + px) / 2.0;
        if (isnan(c->Ybeam)) c->Ybeam = (c->detsize_s - px) / 2.0;
        c->beam = v3(0, 0, 1); c->odet = v3(0, 0, 1); c->fdet = v3(1, 0, 0); c->sdet = v3(0, -1, 0);
        c->twotheta_axis = v3(-1, 0, 0); c->polar_vec = v3(1, 0, 0); c->spindle = v3(1, 0, 0);
        c->Fbeam = c->Xbeam;
        c->Sbeam = c->detsize_s - c->Ybeam;
        c->pivot = PIVOT_BEAM;
        break;
    case CONV_MOSFLM:
    case CONV_DENZO: {
        /* MOSFLM shifts every centre by half a pixel (Q8), DENZO by 0.0 */
        double shift = (c->conv == CONV_MOSFLM) ? 0.5 : 0.0;
        if (isnan(c->Xbeam)) c->Xbeam = (c->detsize_s + px) / 2.0;
        if (isnan(c->Ybeam)) c->Ybeam = (c->detsize_f + px) / 2.0;
        c->beam = v3(1, 0, 0); c->odet = v3(1, 0, 0); c->fdet = v3(0, 0, 1); c->sdet = v3(0, -1, 0);
        c->twotheta_axis = v3(0, 0, -1); c->polar_vec = v3(0, 0, 1); c->spindle = v3(0, 0, 1);
        c->Fbeam = c->Ybeam + shift * px;
        c->Sbeam = c->Xbeam + shift * px;
        c->pivot = PIVOT_BEAM;
        break;
    }
    case CONV_XDS:
    case CONV_DIALS:
        if (isnan(c->Xbeam)) c->Xbeam = c->Xclose;
        if (isnan(c->Ybeam)) c->Ybeam = c->Yclose;
        c->beam = v3(0, 0, 1); c->odet = v3(0, 0, 1); c->fdet = v3(1, 0, 0); c->sdet = v3(0, 1, 0);
        if (c->conv == CONV_XDS) {
            c->twotheta_axis = v3(1, 0, 0); c->polar_vec = v3(1, 0, 0); c->spindle = v3(1, 0, 0);
        } else {
            c->twotheta_axis = v3(0, 1, 0); c->polar_vec = v3(0, 1, 0); c->spindle = v3(0, 1, 0);
        }
        c->Fbeam = c->Xbeam;
        c->Sbeam = c->Ybeam;
        c->pivot = PIVOT_SAMPLE;
        break;
    case CONV_CUSTOM:
        if (isnan(c->Xbeam)) c->Xbeam = c->Xclose;
        if (isnan(c->Ybeam)) c->Ybeam = c->Yclose;
        c->Fbeam = c->Xbeam;
        c->Sbeam = c->Ybeam;
        c->Fclose = c->Xbeam;
        c->Sclose = c->Ybeam;
        break;
    }

    /* S7: odet is replaced unless its length is exactly 1 (Q9); the
     * two-theta axis is left as typed (Q3) */
    v3_unit(c->beam, &c->beam);
    v3_unit(c->fdet, &c->fdet);
    v3_unit(c->sdet, &c->sdet);
    if (v3_unit(c->odet, &c->odet) != 1.0) {
        fprintf(stdout, "WARNING: auto-generating odet_vector\n");
        v3_unit(v3_cross(c->fdet, c->sdet), &c->odet);
    }
    v3_unit(c->polar_vec, &c->polar_vec);
    v3_unit(c->spindle, &c->spindle);
    v3_unit(v3_cross(c->beam, c->polar_vec), &st->vert);
}

/* S10 rule shared by divergence and dispersion */
static void auto_steps(int *steps, double *range, double *step, double nominal)
{
    if (*steps <= 0) {
        if (*range < 0.0) {
            if (*step <= 0.0) { *steps = 1; *range = 0.0; *step = 0.0; }
            else { *range = *step; *steps = 2; }
        } else {
            if (*step <= 0.0) { *step = *range; *steps = 2; }
            else *steps = (int)ceil(*range / *step);
        }
    } else {
        if (*range < 0.0) {
            if (*step <= 0.0) { *range = nominal; *step = *range / *steps; }
            else { *range = *step; *steps = 2; }
        } else if (*step <= 0.0) {
            if (*steps <= 1) *steps = 2;
            *step = *range / (*steps - 1);
        }
    }
}

static void sanity(int *steps, double *range, double *step)
{
    if (*range <= 0.0 || *step <= 0.0 || *steps <= 0) {
        *steps = 1;
        *range = 0.0;
        *step = 0.0;
    }
}

void geom_sampling(nb_state *st)
{
    nb_config *c = &st->c;

    /* phi (no sanity reset) */
    if (c->phisteps < 0) {
        if (c->osc < 0.0) {
            if (c->phistep <= 0.0) { c->phisteps = 1; c->osc = 0.0; c->phistep = 0.0; }
            else { c->osc = c->phistep; c->phisteps = 2; }
        } else {
            if (c->phistep <= 0.0) { c->phisteps = 2; c->phistep = c->osc / 2.0; }
            else c->phisteps = (int)ceil(c->osc / c->phistep);
        }
    } else {
        if (c->phisteps == 0) c->phisteps = 1;
        if (c->osc < 0.0) {
            if (c->phistep <= 0.0) { c->osc = 1.0 / NB_RTD; c->phistep = c->osc / c->phisteps; }
            else { c->osc = c->phistep; c->phisteps = 2; }
        } else if (c->phistep < 0.0) {
            c->phistep = c->osc / c->phisteps;
        }
    }

    auto_steps(&c->hdivsteps, &c->hdivrange, &c->hdivstep, 1.0);
    auto_steps(&c->vdivsteps, &c->vdivrange, &c->vdivstep, 1.0);
    auto_steps(&c->dispsteps, &c->dispersion, &c->dispstep, 1.0);

    /* detector layers: like the above but two half layers by default (Q21, Q25) */
    if (c->detector_thicksteps <= 0) {
        if (c->detector_thick < 0.0) {
            if (c->detector_thickstep <= 0.0) { c->detector_thicksteps = 1; c->detector_thick = 0.0; c->detector_thickstep = 0.0; }
            else { c->detector_thick = c->detector_thickstep; c->detector_thicksteps = 2; }
        } else {
            if (c->detector_thickstep <= 0.0) { c->detector_thicksteps = 2; c->detector_thickstep = c->detector_thick / 2; }
            else c->detector_thicksteps = (int)ceil(c->detector_thick / c->detector_thickstep);
        }
    } else {
        if (c->detector_thick < 0.0) {
            if (c->detector_thickstep <= 0.0) { c->detector_thick = 0.5e-6; c->detector_thickstep = c->detector_thick / c->detector_thicksteps; }
            else { c->detector_thick = c->detector_thickstep; c->detector_thicksteps = 2; }
        } else if (c->detector_thickstep <= 0.0) {
            if (c->detector_thicksteps <= 1) c->detector_thicksteps = 2;
            c->detector_thickstep = c->detector_thick / (c->detector_thicksteps - 1);
        }
    }
    if (c->detector_thick > 0.0 && c->detector_mu < 0.0) {
        c->detector_mu = 1.0 / c->detector_thick;
        fprintf(stdout, "WARNING: setting detector attenuation depth to %g m\n", c->detector_mu);
    }

    if (c->mosaic_domains <= 0) {
        if (c->mosaic_spread < 0.0) { c->mosaic_domains = 1; c->mosaic_spread = 0.0; }
        else if (c->mosaic_spread == 0.0) c->mosaic_domains = 1;
        else {
            fprintf(stdout, "WARNING: finite mosaicity with only one domain! upping to 10 mosaic domains\n");
            c->mosaic_domains = 10;
        }
    } else {
        if (c->mosaic_spread < 0.0) {
            fprintf(stdout, "WARNING: no mosaic spread specified.  setting mosaic_domains = 1\n");
            c->mosaic_spread = 0.0;
            c->mosaic_domains = 1;
        } else if (c->mosaic_spread == 0.0) {
            fprintf(stdout, "WARNING: zero mosaic spread specified.  setting mosaic_domains = 1\n");
            c->mosaic_domains = 1;
        }
    }

    sanity(&c->hdivsteps, &c->hdivrange, &c->hdivstep);
    sanity(&c->vdivsteps, &c->vdivrange, &c->vdivstep);
    sanity(&c->dispsteps, &c->dispersion, &c->dispstep);
    sanity(&c->detector_thicksteps, &c->detector_thick, &c->detector_thickstep);
}

void geom_place(nb_state *st)
{
    nb_config *c = &st->c;
    static const char *const conv_name[6] = { "adxv", "mosflm", "xds", "dials", "denzo", "custom" };
    vec3 onorm, n;

    fprintf(stdout, "%s convention selected.\n", conv_name[c->conv]);

    /* S11: ratio from the rotated normal without two-theta (stale, Q4) */
    onorm = v3_rot_xyz(c->odet, c->rotx, c->roty, c->rotz);
    st->ratio = v3_dot(c->beam, onorm);
    if (st->ratio == 0.0) st->ratio = DBL_MIN;
    if (isnan(c->close_distance)) c->close_distance = fabs(st->ratio * c->distance);
    c->distance = c->close_distance / st->ratio;

    /* S12 */
    if (c->pivot == PIVOT_SAMPLE) {
        fprintf(stdout, "pivoting detector around sample\n");
        c->pix0.x = ((-c->Fclose) * c->fdet.x - c->Sclose * c->sdet.x) + c->close_distance * c->odet.x;
        c->pix0.y = ((-c->Fclose) * c->fdet.y - c->Sclose * c->sdet.y) + c->close_distance * c->odet.y;
        c->pix0.z = ((-c->Fclose) * c->fdet.z - c->Sclose * c->sdet.z) + c->close_distance * c->odet.z;
        c->pix0 = v3_rot_xyz(c->pix0, c->rotx, c->roty, c->rotz);
        c->pix0 = v3_rot_axis(c->pix0, c->twotheta_axis, c->twotheta);
    }
    c->fdet = v3_rot_xyz(c->fdet, c->rotx, c->roty, c->rotz);
    c->sdet = v3_rot_xyz(c->sdet, c->rotx, c->roty, c->rotz);
    c->odet = v3_rot_xyz(c->odet, c->rotx, c->roty, c->rotz);
    c->fdet = v3_rot_axis(c->fdet, c->twotheta_axis, c->twotheta);
    c->sdet = v3_rot_axis(c->sdet, c->twotheta_axis, c->twotheta);
    c->odet = v3_rot_axis(c->odet, c->twotheta_axis, c->twotheta);
    if (c->pivot == PIVOT_BEAM) {
        fprintf(stdout, "pivoting detector around direct beam spot\n");
        c->pix0.x = ((-c->Fbeam) * c->fdet.x - c->Sbeam * c->sdet.x) + c->distance * c->beam.x;
        c->pix0.y = ((-c->Fbeam) * c->fdet.y - c->Sbeam * c->sdet.y) + c->distance * c->beam.y;
        c->pix0.z = ((-c->Fbeam) * c->fdet.z - c->Sbeam * c->sdet.z) + c->distance * c->beam.z;
    }

    /* S13 */
    c->Fclose = -v3_dot(c->pix0, c->fdet);
    c->Sclose = -v3_dot(c->pix0, c->sdet);
    c->close_distance = v3_dot(c->pix0, c->odet);
    n.x = c->close_distance / st->ratio * c->beam.x - c->pix0.x;
    n.y = c->close_distance / st->ratio * c->beam.y - c->pix0.y;
    n.z = c->close_distance / st->ratio * c->beam.z - c->pix0.z;
    c->Fbeam = v3_dot(c->fdet, n);
    c->Sbeam = v3_dot(c->sdet, n);
    c->distance = c->close_distance / st->ratio;
    c->ORGX = c->Fclose / c->pixel_size + 0.5;
    c->ORGY = c->Sclose / c->pixel_size + 0.5;
    st->dials_origin.x = 1000.0 * v3_dot(c->pix0, v3(+0, +0, +1));
    st->dials_origin.y = 1000.0 * v3_dot(c->pix0, v3(+0, +1, +0));
    st->dials_origin.z = 1000.0 * v3_dot(c->pix0, v3(-1, +0, +0));
    fprintf(stdout, "XDS incident beam: %g %g %g\n", v3_dot(c->beam, c->fdet), v3_dot(c->beam, c->sdet),
            v3_dot(c->beam, c->odet));
}
