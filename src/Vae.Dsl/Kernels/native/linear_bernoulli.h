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
    float *restrict workspace, int64_t rows, int64_t inputs, int64_t features, int64_t data_rows, int64_t repeats);

/*
 * Tile t of a block holds rows t tile_rows .. t tile_rows + tile_rows - 1 of the block's `count` rows of h as
 * [k][tile_rows] for only the k at which one of them is not 0, in order: those k into ks[t inputs ...], and where the
 * k of each step (k from s depth on) start among them into starts[t (steps + 1) + s], the end last. A k at which all
 * the tile's rows are 0 adds nothing to any of their logits (0 W_jk is 0 for finite W), so the tile skips it: the same
 * sums, k in the same order. A last tile of fewer rows repeats the block's last row (those copies' logits are not
 * read). Both paths pack so, each with its tile_rows a constant (always inlined).
 */
static inline __attribute__((always_inline)) void linear_bernoulli_pack_rows(const float *restrict h,
    float *restrict tiles, int32_t *restrict ks, int32_t *restrict starts, int64_t count, int64_t inputs, int64_t depth,
    int64_t steps, int64_t tile_rows)
{
    for (int64_t r = 0, t = 0; r < count; r += tile_rows, t++) {
        float *tile = tiles + r * inputs;
        int32_t *tile_ks = ks + t * inputs, *tile_starts = starts + t * (steps + 1);
        const float *rows[16];
        for (int64_t i = 0; i < tile_rows; i++) {
            rows[i] = h + (r + i < count ? r + i : count - 1) * inputs;
        }
        int32_t kept = 0;
        for (int64_t step = 0; step < steps; step++) {
            tile_starts[step] = kept;
            int64_t end = (step + 1) * depth < inputs ? (step + 1) * depth : inputs;
            for (int64_t k = step * depth; k < end; k++) {
                int nonzero = 0;
                for (int64_t i = 0; i < tile_rows; i++) {
                    float value = rows[i][k];
                    tile[kept * tile_rows + i] = value;
                    nonzero |= value != 0.0f;
                }
                tile_ks[kept] = (int32_t)k;
                kept += nonzero;
            }
        }
        tile_starts[steps] = kept;
    }
}

/* AVX2 and FMA: 6 x 16 tiles (linear_bernoulli_avx2.c). */
int64_t linear_bernoulli_avx2_workspace(int64_t rows, int64_t inputs, int64_t features);
void linear_bernoulli_avx2(const float *restrict h, const float *restrict weight, const float *restrict bias,
    const float *restrict x, float *restrict log_p, float *restrict workspace, int64_t rows, int64_t inputs,
    int64_t features, int64_t data_rows, int64_t repeats);

/* AVX-512: 12 x 32 tiles, the same result to the bit (linear_bernoulli_avx512.c). */
int64_t linear_bernoulli_avx512_workspace(int64_t rows, int64_t inputs, int64_t features);
void linear_bernoulli_avx512(const float *restrict h, const float *restrict weight, const float *restrict bias,
    const float *restrict x, float *restrict log_p, float *restrict workspace, int64_t rows, int64_t inputs,
    int64_t features, int64_t data_rows, int64_t repeats);

#endif
