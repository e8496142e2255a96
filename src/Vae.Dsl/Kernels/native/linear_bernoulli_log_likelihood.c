/*
 * The Bernoulli log-likelihood of a Linear layer's logits, for the evaluation (no gradient), in one pass that never
 * stores the logits (docs/kernels.md):
 *
 *     log p(x|z) = sum_j [x_j eta_j - softplus(eta_j)] per row,   eta = h W^T + b
 *
 * for h of [rows, inputs], the layer's weight W of [features, inputs] and bias b of [features], and data x of
 * [data_rows, features], row r reading data row r mod data_rows (x broadcast over importance samples; or, in
 * vae_dsl_linear_bernoulli_log_likelihood_on, (r / repeats) mod data_rows).
 *
 * Two paths compute it, with the same result to the bit: AVX-512 where the processor has it
 * (linear_bernoulli_avx512.c), else AVX2 and FMA (linear_bernoulli_avx2.c). Both multiply tile by tile, summing k in
 * order with one rounding per step (a fused multiply-add), so a logit is within k units of rounding of
 * sum_k |h_k W_jk| as any float32 product is, and the result depends neither on the blocking nor on the path.
 */
#include "bernoulli_avx2.h"
#include "bernoulli_avx512.h"
#include "linear_bernoulli.h"

/*
 * The workspace the pass needs, in floats: packed W (and rows of h), eight lanes per row, and room to align them;
 * enough for either path.
 */
EXPORT int64_t vae_dsl_linear_bernoulli_log_likelihood_workspace(int64_t rows, int64_t inputs, int64_t features)
{
    int64_t avx2 = linear_bernoulli_avx2_workspace(rows, inputs, features);
    int64_t avx512 = linear_bernoulli_avx512_workspace(rows, inputs, features);
    return avx2 > avx512 ? avx2 : avx512;
}

/*
 * The path the pass runs on this processor: LINEAR_BERNOULLI_AVX512, LINEAR_BERNOULLI_AVX2, or 0 where it lacks AVX2
 * or FMA (the caller then uses TorchSharp's operations).
 */
EXPORT int32_t vae_dsl_linear_bernoulli_log_likelihood_available(void)
{
    return has_avx512() ? LINEAR_BERNOULLI_AVX512 : has_avx2_fma() ? LINEAR_BERNOULLI_AVX2 : 0;
}

/*
 * log p(x|eta) per row for eta = h W^T + b (b may be null), in `workspace` of
 * vae_dsl_linear_bernoulli_log_likelihood_workspace(rows, inputs, features) floats. Returns 1, or 0 without touching
 * anything where the processor lacks AVX2 or FMA.
 */
EXPORT int32_t vae_dsl_linear_bernoulli_log_likelihood(const float *restrict h, const float *restrict weight,
    const float *restrict bias, const float *restrict x, float *restrict log_p, float *restrict workspace, int64_t rows,
    int64_t inputs, int64_t features, int64_t data_rows)
{
    return vae_dsl_linear_bernoulli_log_likelihood_on(vae_dsl_linear_bernoulli_log_likelihood_available(), h, weight,
        bias, x, log_p, workspace, rows, inputs, features, data_rows, 1);
}

/*
 * The same pass on the path given (LINEAR_BERNOULLI_AVX2 or LINEAR_BERNOULLI_AVX512), for the tests that compare the
 * two, with rows in groups: row r reads data row (r / repeats) mod data_rows, so that `repeats` consecutive rows share
 * one, such as one example's importance samples (mlp_vae_iwae.c; the pass above is repeats 1). Returns 1, or 0
 * without touching anything where the processor lacks that path's instructions.
 */
EXPORT int32_t vae_dsl_linear_bernoulli_log_likelihood_on(int32_t path, const float *restrict h,
    const float *restrict weight, const float *restrict bias, const float *restrict x, float *restrict log_p,
    float *restrict workspace, int64_t rows, int64_t inputs, int64_t features, int64_t data_rows, int64_t repeats)
{
    if (repeats < 1) {
        return 0;
    }
    if (path == LINEAR_BERNOULLI_AVX512 && has_avx512()) {
        linear_bernoulli_avx512(h, weight, bias, x, log_p, workspace, rows, inputs, features, data_rows, repeats);
        return 1;
    }
    if (path == LINEAR_BERNOULLI_AVX2 && has_avx2_fma()) {
        linear_bernoulli_avx2(h, weight, bias, x, log_p, workspace, rows, inputs, features, data_rows, repeats);
        return 1;
    }
    return 0;
}
