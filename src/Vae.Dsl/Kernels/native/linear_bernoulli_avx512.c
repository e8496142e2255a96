/*
 * The fused Linear + Bernoulli log-likelihood pass of linear_bernoulli_log_likelihood.c for processors with AVX-512:
 * its AVX2 pass (linear_bernoulli_avx2.c) on registers twice as wide, with the same result to the bit.
 *
 * The product runs tile by tile, 12 rows by 32 features: W is packed into panels of 32 features, [inputs][32] each,
 * and each block's rows of h into tiles of 12 rows, [k][12] each, so that one k step loads two vectors of W and
 * broadcasts 12 consecutive values of h from memory; the 24 sums stay in registers over a step of up to DEPTH values
 * of k. A tile keeps only the k at which one of its rows is not 0, as the AVX2 pass's do. Rows go in blocks of 96:
 * for each panel, the block's tiles write its logits for the panel's 32 features (12 KiB, in L1), then the Bernoulli
 * terms (bernoulli_avx512.h) are added into eight lanes per row as the AVX2 pass adds them, 16 features at a time in
 * order; a row's lanes are added up at the end as there.
 *
 * Every logit sums k in order with one fused multiply-add per step, as the AVX2 pass does (skipping only terms that
 * are 0, which leave a sum as it is), so logits, terms and sums are the same as its: the evaluation gives the same
 * log p(x) on either kind of processor.
 */
#include "bernoulli_avx2.h"
#include "bernoulli_avx512.h"
#include "linear_bernoulli.h"

/*
 * Rows and features of a tile; rows of a block, whose logits for one panel (12 KiB) stay in L1; and the most k values
 * per step, so that a panel's part (at most 16 KiB) and a tile's rows (6 KiB) stay there too.
 */
#define TILE_ROWS 12
#define TILE_FEATURES 32
#define BLOCK_ROWS 96
#define DEPTH 400

static int64_t panel_count(int64_t features)
{
    return (features + TILE_FEATURES - 1) / TILE_FEATURES;
}

int64_t linear_bernoulli_avx512_workspace(int64_t rows, int64_t inputs, int64_t features)
{
    /* the panels, a block's tiles, their k lists and where each step of k starts in them (int32s), the rows' lanes */
    int64_t tiles = BLOCK_ROWS / TILE_ROWS, steps = (inputs + DEPTH - 1) / DEPTH;
    return panel_count(features) * TILE_FEATURES * inputs + BLOCK_ROWS * inputs + tiles * inputs + tiles * (steps + 1) +
        rows * 8 + 16;
}

/* Panel p holds W's features 32p .. 32p + 31 as [inputs][32], zeros past the last feature. */
static void pack_panels(const float *restrict weight, float *restrict panels, int64_t inputs, int64_t features)
{
    for (int64_t p = 0; p < panel_count(features); p++) {
        float *panel = panels + p * TILE_FEATURES * inputs;
        for (int64_t j = 0; j < TILE_FEATURES; j++) {
            int64_t feature = p * TILE_FEATURES + j;
            const float *column = weight + feature * inputs;
            for (int64_t k = 0; k < inputs; k++) {
                panel[k * TILE_FEATURES + j] = feature < features ? column[k] : 0.0f;
            }
        }
    }
}

/*
 * tile[i][j] (+)= sum_k a[k][i] panel[k][j] over the `depth` values of k listed in ks, for a tile's 12 packed rows and a
 * panel's 32 features, k in order: 24 sums of sixteen lanes in registers, starting from the tile's values where
 * `accumulate`, else from 0; two vectors of the panel's row k and 12 broadcast values of h each k step.
 */
AVX512 static void multiply_tile(const float *restrict a, const int32_t *restrict ks, const float *restrict panel,
    int64_t depth, float *restrict tile, int accumulate)
{
    __m512 c0[TILE_ROWS], c1[TILE_ROWS];
#pragma GCC unroll 12
    for (int i = 0; i < TILE_ROWS; i++) {
        c0[i] = accumulate ? _mm512_load_ps(tile + i * TILE_FEATURES) : _mm512_setzero_ps();
        c1[i] = accumulate ? _mm512_load_ps(tile + i * TILE_FEATURES + 16) : _mm512_setzero_ps();
    }
    for (int64_t step = 0; step < depth; step++) {
        const float *row = panel + (int64_t)ks[step] * TILE_FEATURES;
        __m512 w0 = _mm512_load_ps(row);
        __m512 w1 = _mm512_load_ps(row + 16);
#pragma GCC unroll 12
        for (int i = 0; i < TILE_ROWS; i++) {
            __m512 value = _mm512_set1_ps(a[step * TILE_ROWS + i]);
            c0[i] = _mm512_fmadd_ps(value, w0, c0[i]);
            c1[i] = _mm512_fmadd_ps(value, w1, c1[i]);
        }
    }
#pragma GCC unroll 12
    for (int i = 0; i < TILE_ROWS; i++) {
        _mm512_store_ps(tile + i * TILE_FEATURES, c0[i]);
        _mm512_store_ps(tile + i * TILE_FEATURES + 16, c1[i]);
    }
}

/*
 * The terms of a block's logits for one panel: eta = logits + b for rows 0 .. count - 1 of the block (32 features
 * each, from `feature` on, their data at data_rows[i] + feature), x_j eta_j - softplus(eta_j), features past the last
 * masked to 0; the first 16 features' terms folded into the row's eight lanes, then (where the panel has more than
 * 16 features) the next 16's, as the AVX2 pass adds one 16-feature panel after the other. Four rows, eight vectors,
 * per step, scheduled before register allocation so that their independent chains overlap.
 */
#pragma GCC push_options
#pragma GCC optimize("schedule-insns", "sched-pressure")

AVX512 static void add_panel_terms(const float *restrict logits, const float *const *restrict data_rows, int64_t count,
    int64_t feature, __m512 bias0, __m512 bias1, __mmask16 mask0, __mmask16 mask1, float *restrict lanes)
{
    int64_t i = 0;
    for (; i + 4 <= count; i += 4) {
        __m512 terms0[4], terms1[4];
#pragma GCC unroll 4
        for (int v = 0; v < 4; v++) {
            const float *data = data_rows[i + v] + feature;
            const float *eta = logits + (i + v) * TILE_FEATURES;
            terms0[v] = bernoulli_terms16(_mm512_add_ps(_mm512_load_ps(eta), bias0), _mm512_maskz_loadu_ps(mask0, data));
            terms1[v] = bernoulli_terms16(_mm512_add_ps(_mm512_load_ps(eta + 16), bias1), _mm512_maskz_loadu_ps(mask1, data + 16));
        }
#pragma GCC unroll 4
        for (int v = 0; v < 4; v++) {
            float *row_lanes = lanes + (i + v) * 8;
            __m256 sum = _mm256_add_ps(_mm256_load_ps(row_lanes), fold16(_mm512_maskz_mov_ps(mask0, terms0[v])));
            if (mask1) {
                sum = _mm256_add_ps(sum, fold16(_mm512_maskz_mov_ps(mask1, terms1[v])));
            }
            _mm256_store_ps(row_lanes, sum);
        }
    }
    for (; i < count; i++) {
        const float *data = data_rows[i] + feature;
        const float *eta = logits + i * TILE_FEATURES;
        __m512 term0 = bernoulli_terms16(_mm512_add_ps(_mm512_load_ps(eta), bias0), _mm512_maskz_loadu_ps(mask0, data));
        __m256 sum = _mm256_add_ps(_mm256_load_ps(lanes + i * 8), fold16(_mm512_maskz_mov_ps(mask0, term0)));
        if (mask1) {
            __m512 term1 = bernoulli_terms16(_mm512_add_ps(_mm512_load_ps(eta + 16), bias1), _mm512_maskz_loadu_ps(mask1, data + 16));
            sum = _mm256_add_ps(sum, fold16(_mm512_maskz_mov_ps(mask1, term1)));
        }
        _mm256_store_ps(lanes + i * 8, sum);
    }
}

#pragma GCC pop_options

AVX512 void linear_bernoulli_avx512(const float *restrict h, const float *restrict weight, const float *restrict bias,
    const float *restrict x, float *restrict log_p, float *restrict workspace, int64_t rows, int64_t inputs,
    int64_t features, int64_t data_rows, int64_t repeats)
{
    float *panels = (float *)(((uintptr_t)workspace + 63) & ~(uintptr_t)63);
    float *tiles = panels + panel_count(features) * TILE_FEATURES * inputs;
    int32_t *ks = (int32_t *)(tiles + BLOCK_ROWS * inputs);
    int64_t steps = (inputs + DEPTH - 1) / DEPTH;
    int32_t *starts = ks + BLOCK_ROWS / TILE_ROWS * inputs;
    float *lanes = (float *)(starts + BLOCK_ROWS / TILE_ROWS * (steps + 1));
    pack_panels(weight, panels, inputs, features);
    for (int64_t i = 0; i < rows * 8; i++) {
        lanes[i] = 0.0f;
    }

    /* k in steps whose part of a panel (32 x depth floats) and of a tile (12 x depth) stay in L1 together */
    int64_t depth = (inputs + steps - 1) / steps;
    float logits[BLOCK_ROWS * TILE_FEATURES] __attribute__((aligned(64)));
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
            __mmask16 mask0 = first_lanes16(left < 16 ? left : 16);
            __mmask16 mask1 = first_lanes16(left <= 16 ? 0 : left < 32 ? left - 16 : 16);
            __m512 bias0 = _mm512_setzero_ps(), bias1 = _mm512_setzero_ps();
            if (bias) {
                bias0 = _mm512_maskz_loadu_ps(mask0, bias + feature);
                bias1 = _mm512_maskz_loadu_ps(mask1, bias + feature + 16);
            }
            add_panel_terms(logits, data, count, feature, bias0, bias1, mask0, mask1, lanes + first * 8);
        }
    }
    for (int64_t r = 0; r < rows; r++) {
        log_p[r] = sum8(_mm256_load_ps(lanes + r * 8));
    }
}
