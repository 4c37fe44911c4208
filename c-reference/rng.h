/* Random numbers exactly as upstream draws them (io-rng.md sections 2-7). */
#ifndef NBREF_RNG_H
#define NBREF_RNG_H

/* Park-Miller uniform with one shuffle table shared by every seed (Q39) */
float rng_uniform(long *state);
/* random rotation matrix (row-major) of angle <= cap, cap taken as float */
void rng_rotation(float cap, double m[9], long *state);
/* XYZ angles (rad) of a rotation matrix, upstream's conversion */
void rng_matrix_angles(const double m[9], double ang[3]);
/* Poisson deviate of a float mean (normal above 1e6) */
float rng_poisson(float mean, long *state);

#endif
