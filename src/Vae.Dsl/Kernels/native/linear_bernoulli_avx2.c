/*
 * The fused Linear + Bernoulli log-likelihood pass of linear_bernoulli_log_likelihood.c for processors with AVX2 and
 * FMA.
 *
 * The product runs tile by tile, 6 rows by 16 features, in an AVX2 micro-kernel of fused multiply-adds: W is first
 * packed into panels of 16 features, [inputs][16] each, and each block's rows of h into tiles of 6 rows, [k][6] each,
 * so that one k step loads two vectors of W and broadcasts one value of each of the 6 rows; the 12 sums stay in
 * registers over a step of up to 256 values of k (longer rows of h take several steps, through the tile's memory). A
 * tile keeps only the k at which one of its rows is not 0: h is a ReLU layer's output, and rows that are draws of one
 * example (mlp_vae_iwae.c lays them out side by side) are 0 together at about 40% of the k of the default model's
 * decoder. Rows go in blocks of 96: for each panel, the block's tiles write its logits for the panel's 16 features
 * (6 KiB, in L1), then the Bernoulli terms (bernoulli_avx2.h) are added into eight lanes per row, eight vectors at a
 * time; a row's lanes are added up at the end. The panel stays in L1 over the block's tiles, the block's tiles (150
 * KiB for 400 inputs) in L2 over the panels.
 *
 * Every product sums k in order with one rounding per step (a fused multiply-add), skipping only terms that are 0, so
 * a logit is within k units of rounding of sum_k |h_k W_jk| as any float32 product is, and the result does not
 * depend on the blocking or on which zeros a tile skips.
 */
#include "bernoulli_avx2.h"
#include "linear_bernoulli.h"

/*
 * Rows and features of a tile; rows of a block, whose logits for one panel (6 KiB) stay in L1; and the most k values
 * per step, so that a panel's part (16 KiB) and a tile's rows (6 KiB) stay there too.
 */
#define TILE_ROWS 6
#define TILE_FEATURES 16
#define BLOCK_ROWS 96
#define DEPTH 256

static int64_t panel_count(int64_t features)
{
    return (features + TILE_FEATURES - 1) / TILE_FEATURES;
}

int64_t linear_bernoulli_avx2_workspace(int64_t rows, int64_t inputs, int64_t features)
{
    /* the panels, a block's tiles, their k lists and where each step of k starts in them (int32s), the rows' lanes */
    int64_t tiles = BLOCK_ROWS / TILE_ROWS, steps = (inputs + DEPTH - 1) / DEPTH;
    return panel_count(features) * TILE_FEATURES * inputs + BLOCK_ROWS * inputs + tiles * inputs + tiles * (steps + 1) +
        rows * 8 + 8;
}

/* Panel p holds W's features 16p .. 16p + 15 as [inputs][16], zeros past the last feature. */
static void pack_panels(const float *restrict weight, float *restrict panels, int64_t inputs, int64_t features)
{
    for (int64_t p = 0; p < panel_count(features); p++) {
        float *panel = panels + p * TILE_FEATURES * inputs;
        for (int64_t j = 0; j < TILE_FEATURES; j++) {
            int64_t feature = p * TILE_FEATURES + j;
            const float *column = weight + feature * inputs;
            if (feature < features) {
                for (int64_t k = 0; k < inputs; k++) {
                    panel[k * TILE_FEATURES + j] = column[k];
                }
            } else {
                for (int64_t k = 0; k < inputs; k++) {
                    panel[k * TILE_FEATURES + j] = 0.0f;
                }
            }
        }
    }
}

/*
 * tile[i][j] (+)= sum_k a[k][i] panel[k][j] over the `depth` values of k listed in ks, for a tile's 6 packed rows and
 * the 16 features of a panel, k in order: 12 sums of eight lanes in registers, starting from the tile's values where
 * `accumulate`, else from 0; two vectors of the panel's row k and one broadcast value per row each k step.
 */
AVX2_FMA static void multiply_tile(const float *restrict a, const int32_t *restrict ks, const float *restrict panel,
    int64_t depth, float *restrict tile, int accumulate)
{
    __m256 c00 = _mm256_setzero_ps(), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
    __m256 c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
    if (accumulate) {
        c00 = _mm256_load_ps(tile + 0), c01 = _mm256_load_ps(tile + 8);
        c10 = _mm256_load_ps(tile + 16), c11 = _mm256_load_ps(tile + 24);
        c20 = _mm256_load_ps(tile + 32), c21 = _mm256_load_ps(tile + 40);
        c30 = _mm256_load_ps(tile + 48), c31 = _mm256_load_ps(tile + 56);
        c40 = _mm256_load_ps(tile + 64), c41 = _mm256_load_ps(tile + 72);
        c50 = _mm256_load_ps(tile + 80), c51 = _mm256_load_ps(tile + 88);
    }
    for (int64_t step = 0; step < depth; step++) {
        const float *row = panel + (int64_t)ks[step] * TILE_FEATURES;
        const float *values = a + step * TILE_ROWS;
        __m256 w0 = _mm256_load_ps(row);
        __m256 w1 = _mm256_load_ps(row + 8);
        __m256 value = _mm256_broadcast_ss(values + 0);
        c00 = _mm256_fmadd_ps(value, w0, c00);
        c01 = _mm256_fmadd_ps(value, w1, c01);
        value = _mm256_broadcast_ss(values + 1);
        c10 = _mm256_fmadd_ps(value, w0, c10);
        c11 = _mm256_fmadd_ps(value, w1, c11);
        value = _mm256_broadcast_ss(values + 2);
        c20 = _mm256_fmadd_ps(value, w0, c20);
        c21 = _mm256_fmadd_ps(value, w1, c21);
        value = _mm256_broadcast_ss(values + 3);
        c30 = _mm256_fmadd_ps(value, w0, c30);
        c31 = _mm256_fmadd_ps(value, w1, c31);
        value = _mm256_broadcast_ss(values + 4);
        c40 = _mm256_fmadd_ps(value, w0, c40);
        c41 = _mm256_fmadd_ps(value, w1, c41);
        value = _mm256_broadcast_ss(values + 5);
        c50 = _mm256_fmadd_ps(value, w0, c50);
        c51 = _mm256_fmadd_ps(value, w1, c51);
    }
    _mm256_store_ps(tile + 0, c00);
    _mm256_store_ps(tile + 8, c01);
    _mm256_store_ps(tile + 16, c10);
    _mm256_store_ps(tile + 24, c11);
    _mm256_store_ps(tile + 32, c20);
    _mm256_store_ps(tile + 40, c21);
    _mm256_store_ps(tile + 48, c30);
    _mm256_store_ps(tile + 56, c31);
    _mm256_store_ps(tile + 64, c40);
    _mm256_store_ps(tile + 72, c41);
    _mm256_store_ps(tile + 80, c50);
    _mm256_store_ps(tile + 88, c51);
}

/*
 * The terms of a block's logits for one panel, as in bernoulli_log_likelihood.c scheduled before register
 * allocation so that independent vectors' chains overlap: eta = logits + b for rows 0 .. count - 1 of the block (16
 * features each, from `feature` on, their data at data_rows[i] + feature), x_j eta_j - softplus(eta_j), features past
 * the last masked to 0, each row's two vectors added into its eight lanes. Four rows, eight vectors, per step.
 */
#pragma GCC push_options
#pragma GCC optimize("schedule-insns", "sched-pressure")

AVX2_FMA static void add_panel_terms(const float *restrict logits, const float *const *restrict data_rows, int64_t count,
    int64_t feature, __m256 bias0, __m256 bias1, __m256i mask0, __m256i mask1, float *restrict lanes)
{
    int64_t i = 0;
    for (; i + 4 <= count; i += 4) {
        __m256 terms[4];
#pragma GCC unroll 4
        for (int v = 0; v < 4; v++) {
            const float *data = data_rows[i + v] + feature;
            const float *eta = logits + (i + v) * TILE_FEATURES;
            __m256 term0 = bernoulli_terms8(_mm256_add_ps(_mm256_load_ps(eta), bias0), _mm256_maskload_ps(data, mask0));
            __m256 term1 = bernoulli_terms8(_mm256_add_ps(_mm256_load_ps(eta + 8), bias1), _mm256_maskload_ps(data + 8, mask1));
            terms[v] = _mm256_add_ps(_mm256_and_ps(term0, _mm256_castsi256_ps(mask0)), _mm256_and_ps(term1, _mm256_castsi256_ps(mask1)));
        }
#pragma GCC unroll 4
        for (int v = 0; v < 4; v++) {
            float *row_lanes = lanes + (i + v) * 8;
            _mm256_store_ps(row_lanes, _mm256_add_ps(_mm256_load_ps(row_lanes), terms[v]));
        }
    }
    for (; i < count; i++) {
        const float *data = data_rows[i] + feature;
        const float *eta = logits + i * TILE_FEATURES;
        __m256 term0 = bernoulli_terms8(_mm256_add_ps(_mm256_load_ps(eta), bias0), _mm256_maskload_ps(data, mask0));
        __m256 term1 = bernoulli_terms8(_mm256_add_ps(_mm256_load_ps(eta + 8), bias1), _mm256_maskload_ps(data + 8, mask1));
        __m256 terms = _mm256_add_ps(_mm256_and_ps(term0, _mm256_castsi256_ps(mask0)), _mm256_and_ps(term1, _mm256_castsi256_ps(mask1)));
        _mm256_store_ps(lanes + i * 8, _mm256_add_ps(_mm256_load_ps(lanes + i * 8), terms));
    }
}

#pragma GCC pop_options

AVX2_FMA void linear_bernoulli_avx2(const float *restrict h, const float *restrict weight,
    const float *restrict bias, const float *restrict x, float *restrict log_p, float *restrict workspace, int64_t rows,
    int64_t inputs, int64_t features, int64_t data_rows, int64_t repeats)
{
    float *panels = (float *)(((uintptr_t)workspace + 31) & ~(uintptr_t)31);
    float *tiles = panels + panel_count(features) * TILE_FEATURES * inputs;
    int32_t *ks = (int32_t *)(tiles + BLOCK_ROWS * inputs);
    int64_t steps = (inputs + DEPTH - 1) / DEPTH;
    int32_t *starts = ks + BLOCK_ROWS / TILE_ROWS * inputs;
    float *lanes = (float *)(starts + BLOCK_ROWS / TILE_ROWS * (steps + 1));
    pack_panels(weight, panels, inputs, features);
    for (int64_t i = 0; i < rows * 8; i++) {
        lanes[i] = 0.0f;
    }

    /* k in steps whose part of a panel (16 x depth floats) and of a tile's rows stay in L1 together */
    int64_t depth = (inputs + steps - 1) / steps;
    float logits[BLOCK_ROWS * TILE_FEATURES] __attribute__((aligned(32)));
    for (int64_t first = 0; first < rows; first += BLOCK_ROWS) {
        int64_t count = rows - first < BLOCK_ROWS ? rows - first : BLOCK_ROWS;
        /* the data row of each row of the block */
        const float *data[BLOCK_ROWS];
        for (int64_t i = 0; i < count; i++) {
            data[i] = x + ((first + i) / repeats % data_rows) * features;
        }
        linear_bernoulli_pack_rows(h + first * inputs, tiles, ks, starts, count, inputs, depth, steps, TILE_ROWS);
        for (int64_t p = 0; p < panel_count(features); p++) {
            const float *panel = panels + p * TILE_FEATURES * inputs;
            for (int64_t step = 0; step < steps; step++) {
                for (int64_t r = 0, t = 0; r < count; r += TILE_ROWS, t++) {
                    const int32_t *tile_starts = starts + t * (steps + 1);
                    int64_t begin = tile_starts[step], end = tile_starts[step + 1];
                    multiply_tile(tiles + r * inputs + begin * TILE_ROWS, ks + t * inputs + begin, panel, end - begin,
                        logits + r * TILE_FEATURES, step > 0);
                }
            }
            int64_t feature = p * TILE_FEATURES;
            int64_t left = features - feature;
            __m256i mask0 = first_lanes(left < 8 ? left : 8);
            __m256i mask1 = first_lanes(left <= 8 ? 0 : left < 16 ? left - 8 : 8);
            __m256 bias0 = _mm256_setzero_ps(), bias1 = _mm256_setzero_ps();
            if (bias) {
                bias0 = _mm256_maskload_ps(bias + feature, mask0);
                bias1 = _mm256_maskload_ps(bias + feature + 8, mask1);
            }
            add_panel_terms(logits, data, count, feature, bias0, bias1, mask0, mask1, lanes + first * 8);
        }
    }
    for (int64_t r = 0; r < rows; r++) {
        log_p[r] = sum8(_mm256_load_ps(lanes + r * 8));
    }
}
