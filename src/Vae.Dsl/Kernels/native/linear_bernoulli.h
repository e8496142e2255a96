/*
 * The two paths of the fused Linear + Bernoulli log-likelihood pass (linear_bernoulli_log_likelihood.c chooses one):
 * each takes the exported function's arguments, and its workspace is at least its *_workspace(rows, inputs,
 * features) floats.
 */
#ifndef VAE_DSL_LINEAR_BERNOULLI_H
#define VAE_DSL_LINEAR_BERNOULLI_H

#include "kernels.h"

/* The pass as linear_bernoulli_log_likelihood.c exports it, which mlp_vae_iwae.c calls too. */
EXPORT int64_t vae_dsl_linear_bernoulli_log_likelihood_workspace(int64_t rows, int64_t inputs, int64_t features);
EXPORT int32_t vae_dsl_linear_bernoulli_log_likelihood_available(void);
EXPORT int32_t vae_dsl_linear_bernoulli_log_likelihood(const float *restrict h, const float *restrict weight,
    const float *restrict bias, const float *restrict x, float *restrict log_p, float *restrict workspace, int64_t rows,
    int64_t inputs, int64_t features, int64_t data_rows);

/* The paths, as vae_dsl_linear_bernoulli_log_likelihood_on takes them. */
#define LINEAR_BERNOULLI_AVX2 1
#define LINEAR_BERNOULLI_AVX512 2

EXPORT int32_t vae_dsl_linear_bernoulli_log_likelihood_on(int32_t path, const float *restrict h,
    const float *restrict weight, const float *restrict bias, const float *restrict x, float *restrict log_p,
    float *restrict workspace, int64_t rows, int64_t inputs, int64_t features, int64_t data_rows);

/* AVX2 and FMA: 6 x 16 tiles (linear_bernoulli_avx2.c). */
int64_t linear_bernoulli_avx2_workspace(int64_t rows, int64_t inputs, int64_t features);
void linear_bernoulli_avx2(const float *restrict h, const float *restrict weight, const float *restrict bias,
    const float *restrict x, float *restrict log_p, float *restrict workspace, int64_t rows, int64_t inputs,
    int64_t features, int64_t data_rows);

/* AVX-512: 12 x 32 tiles, the same result to the bit (linear_bernoulli_avx512.c). */
int64_t linear_bernoulli_avx512_workspace(int64_t rows, int64_t inputs, int64_t features);
void linear_bernoulli_avx512(const float *restrict h, const float *restrict weight, const float *restrict bias,
    const float *restrict x, float *restrict log_p, float *restrict workspace, int64_t rows, int64_t inputs,
    int64_t features, int64_t data_rows);

#endif
