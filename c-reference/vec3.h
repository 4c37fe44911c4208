/* Small 3-vector algebra with the exact operation grouping of the spec
 * (setup.md H1-H6, render.md section 2).  Grouping is part of the result:
 * every sum below is evaluated left to right exactly as written. */
#ifndef NBREF_VEC3_H
#define NBREF_VEC3_H

#include <math.h>

/* glibc's values; -std=c99 hides them */
#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif
#ifndef M_1_PI
#define M_1_PI 0.31830988618379067154
#endif

typedef struct { double x, y, z; } vec3;

/* degrees <-> radians go through this constant only (spec R6) */
#define NB_RTD (180.0 * M_1_PI)
#define NB_PI M_PI

static inline vec3 v3(double x, double y, double z) { vec3 r; r.x = x; r.y = y; r.z = z; return r; }

static inline double v3_dot(vec3 p, vec3 q) { return (p.x * q.x + p.y * q.y) + p.z * q.z; }

static inline double v3_len(vec3 p) { return sqrt((p.x * p.x + p.y * p.y) + p.z * p.z); }

static inline vec3 v3_cross(vec3 p, vec3 q)
{
    return v3(p.y * q.z - p.z * q.y, p.z * q.x - p.x * q.z, p.x * q.y - p.y * q.x);
}

/* three divisions, not a multiply by a reciprocal; a zero vector stays zero */
static inline double v3_unit(vec3 p, vec3 *out)
{
    double m = v3_len(p);
    if (m != 0.0) *out = v3(p.x / m, p.y / m, p.z / m);
    else *out = v3(0.0, 0.0, 0.0);
    return m;
}

static inline vec3 v3_mul(vec3 p, double s) { return v3(s * p.x, s * p.y, s * p.z); }

/* scale to length newlen: factor (newlen/old) is formed first */
static inline vec3 v3_setlen(vec3 p, double newlen)
{
    double old = v3_len(p);
    if (old <= 0.0) old = 1.0;
    return v3((newlen / old) * p.x, (newlen / old) * p.y, (newlen / old) * p.z);
}

/* fixed-axis rotations about x, then y, then z; a zero angle is skipped */
static inline vec3 v3_rot_xyz(vec3 p, double ax, double ay, double az)
{
    vec3 q = p;
    if (ax != 0.0) {
        double c = cos(ax), s = sin(ax);
        double ny = q.y * c + q.z * (-s);
        double nz = q.y * s + q.z * c;
        q.y = ny; q.z = nz;
    }
    if (ay != 0.0) {
        double c = cos(ay), s = sin(ay);
        double nx = (q.x * c + q.y * 0) + q.z * s;
        double nz = (q.x * (-s) + q.y * 0) + q.z * c;
        q.x = nx; q.z = nz;
    }
    if (az != 0.0) {
        double c = cos(az), s = sin(az);
        double nx = q.x * c + q.y * (-s);
        double ny = q.x * s + q.y * c;
        q.x = nx; q.y = ny;
    }
    return q;
}

/* right-handed Rodrigues rotation about axis u (axis used as given) */
static inline vec3 v3_rot_axis(vec3 p, vec3 u, double ang)
{
    double s = sin(ang), c = cos(ang);
    double d = ((u.x * p.x + u.y * p.y) + u.z * p.z) * (1.0 - c);
    vec3 r;
    r.x = (u.x * d + p.x * c) + ((-u.z) * p.y + u.y * p.z) * s;
    r.y = (u.y * d + p.y * c) + (u.z * p.x - u.x * p.z) * s;
    r.z = (u.z * d + p.z * c) + ((-u.y) * p.x + u.x * p.y) * s;
    return r;
}

/* row-major 3x3 matrix times column vector */
static inline vec3 v3_mat(const double *m, vec3 p)
{
    return v3((m[0] * p.x + m[1] * p.y) + m[2] * p.z,
              (m[3] * p.x + m[4] * p.y) + m[5] * p.z,
              (m[6] * p.x + m[7] * p.y) + m[8] * p.z);
}

#endif
