/* Generators.  The shuffle table and the Poisson/normal caches are process
 * wide on purpose: upstream shares them between the misset, mosaic and noise
 * streams (io-rng.md 2, Q39), and the sequence depends on it. */
#include <math.h>
#include "rng.h"
#include "vec3.h"

#define PM_A 16807L
#define PM_M 2147483647L
#define PM_Q 127773L
#define PM_R 2836L
#define TABLE_N 32
#define TABLE_DIV (1 + (PM_M - 1) / TABLE_N)

static long shuffle_last = 0;
static long shuffle_tab[TABLE_N];

/* one Schrage step: 16807*x mod (2^31-1) without overflow */
static long pm_step(long x)
{
    long hi = x / PM_Q;
    long nx = PM_A * (x - hi * PM_Q) - PM_R * hi;
    return nx < 0 ? nx + PM_M : nx;
}

float rng_uniform(long *state)
{
    const double scale = 1.0 / PM_M;
    const double ceiling = 1.0 - 1.2e-7;
    long slot;
    float u;

    if (*state <= 0 || shuffle_last == 0) {
        int w;
        *state = (-(*state) < 1) ? 1 : -(*state);
        for (w = TABLE_N + 7; w >= 0; w--) {
            *state = pm_step(*state);
            if (w < TABLE_N) shuffle_tab[w] = *state;
        }
        shuffle_last = shuffle_tab[0];
    }
    *state = pm_step(*state);
    slot = shuffle_last / TABLE_DIV;
    shuffle_last = shuffle_tab[slot];
    shuffle_tab[slot] = *state;
    u = (float)(scale * shuffle_last);
    if (u > ceiling) return (float)ceiling;
    return u;
}

void rng_rotation(float cap, double m[9], long *state)
{
    double r1 = 2.0 * rng_uniform(state) - 1.0;
    double r2 = 2.0 * rng_uniform(state) - 1.0;
    double r3 = 2.0 * rng_uniform(state) - 1.0;
    double ring = sqrt(1.0 - r2 * r2);
    /* float island: angle = cap * (1-r3^2)^(1/3) in binary32 (Q15, Q40) */
    float shrink = powf((float)(1.0 - r3 * r3), (float)(1.0 / 3.0));
    float angf = cap * shrink;
    double ang = angf;
    vec3 ax = v3(ring * sin(NB_PI * r1), ring * cos(NB_PI * r1), r2);
    double co = cos(ang), omc = 1.0 - co, si = sin(ang);
    double wx = omc * ax.x;
    double wxy = wx * ax.y;
    double sz = si * ax.z;
    double wxz = wx * ax.z;
    double sy = si * ax.y;
    double wyz = (omc * ax.y) * ax.z;
    double sx = si * ax.x;

    m[0] = co + omc * (ax.x * ax.x);
    m[1] = wxy - sz;
    m[2] = wxz + sy;
    m[3] = wxy + sz;
    m[4] = co + omc * (ax.y * ax.y);
    m[5] = wyz - sx;
    m[6] = wxz - sy;
    m[7] = wyz + sx;
    m[8] = co + omc * (ax.z * ax.z);
}

static void norm_row(double *row)
{
    double len = sqrt((row[0] * row[0] + row[1] * row[1]) + row[2] * row[2]);
    if (len > 0.0) {
        row[0] /= len;
        row[1] /= len;
        row[2] /= len;
    }
}

void rng_matrix_angles(const double m[9], double ang[3])
{
    double r[9];
    int k, pass;
    for (k = 0; k < 9; k++) r[k] = m[k];
    /* rows are normalised twice, as upstream does (H9) */
    for (pass = 0; pass < 2; pass++)
        for (k = 0; k < 3; k++) norm_row(r + 3 * k);
    if (r[6] * r[6] < 1.0) {
        ang[0] = atan2(r[7], r[8]);
        ang[1] = atan2(-r[6], sqrt(r[7] * r[7] + r[8] * r[8]));
        ang[2] = atan2(r[3], r[0]);
    } else {
        ang[0] = atan2(1, 1) * 4;
        ang[1] = atan2(1, 1) * 2;
        ang[2] = atan2(r[1], -r[4]);
    }
}

/* normal deviate; keeps its second value for the next call */
static float normal_dev(long *state)
{
    static int have_spare = 0;
    static float spare;
    float a, b, rr, f;
    if (have_spare) {
        have_spare = 0;
        return spare;
    }
    do {
        a = (float)(2.0 * rng_uniform(state) - 1.0);
        b = (float)(2.0 * rng_uniform(state) - 1.0);
        rr = a * a + b * b;
    } while (rr >= 1.0 || rr == 0);
    f = (float)sqrt(-2.0 * log((double)rr) / (double)rr);
    spare = a * f;
    have_spare = 1;
    return b * f;
}

static float log_gamma(float xx)
{
    static const double coef[6] = { 76.18009172947146, -86.50532032941677, 24.01409824083091,
                                    -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5 };
    double x = xx, y = xx, t, acc = 1.000000000190015;
    int k;
    t = x + 5.5;
    t = t - (x + 0.5) * log(t);
    for (k = 0; k < 6; k++) {
        y = y + 1;
        acc = acc + coef[k] / y;
    }
    return (float)((-t) + log((2.5066282746310005 * acc) / x));
}

float rng_poisson(float mean, long *state)
{
    static float root2m, logm, gnorm, prev = -1.0f;
    float count, prod, y, accept;

    if (mean > 1.0e6f) {
        return (float)((double)mean + sqrt((double)mean) * (double)normal_dev(state));
    }
    if (mean < 12.0f) {
        if (mean != prev) {
            prev = mean;
            gnorm = (float)exp((double)(-mean));
        }
        count = -1;
        prod = 1;
        do {
            count = count + 1;
            prod = prod * rng_uniform(state);
        } while (prod > gnorm);
        return count;
    }
    if (mean != prev) {
        prev = mean;
        root2m = (float)sqrt(2.0 * mean);
        logm = (float)log(mean);
        gnorm = (mean * logm) - log_gamma((float)((double)mean + 1.0));
    }
    do {
        do {
            y = (float)tan(NB_PI * (double)rng_uniform(state));
            count = root2m * y + mean;
        } while (count < 0.0);
        count = (float)floor(count);
        accept = (float)((0.9 * (1.0 + (double)(y * y))) *
                         exp((double)(((count * logm) - log_gamma((float)((double)count + 1.0))) - gnorm)));
    } while ((double)rng_uniform(state) > accept);
    return count;
}
