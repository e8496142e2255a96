/*
 * Draws x ~ Bernoulli(p) elementwise (dynamic binarization: a fresh binary image from pixel intensities each time an
 * image is seen), one pass on libtorch's pool (parallel.h). libtorch's own bernoulli_ runs on one thread, one element
 * at a time through its generator; here every element's uniform number is a pure function of a key and the element's
 * index, Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC 2011), so that any thread
 * can draw any element and the result does not depend on the split. The caller draws the 64-bit key from its own
 * generator, which keeps a run reproducible from its seed and its checkpoints. The probabilities are a table's rows,
 * in the order a list of row numbers gives (a training batch, gathered as it is drawn), or one contiguous buffer.
 */
#include "kernels.h"
#include "parallel.h"

/* Blocks of four elements per thread at least. */
#define DRAW_GRAIN 4096

/* Philox4x32's multipliers and Weyl key increments. */
#define PHILOX_M0 0xD2511F53u
#define PHILOX_M1 0xCD9E8D57u
#define PHILOX_W0 0x9E3779B9u
#define PHILOX_W1 0xBB67AE85u

/*
 * Philox4x32-10: ten rounds of (c0, c1, c2, c3) <- (hi(M1 c2) ^ c1 ^ k0, lo(M1 c2), hi(M0 c0) ^ c3 ^ k1, lo(M0 c0)),
 * the key bumped by (W0, W1) between rounds; four independent 32-bit words per 128-bit counter.
 */
static inline __attribute__((always_inline)) void philox4x32_10(uint32_t counter[4], uint32_t k0, uint32_t k1)
{
    uint32_t c0 = counter[0], c1 = counter[1], c2 = counter[2], c3 = counter[3];
    for (int round = 0; round < 10; round++) {
        uint64_t product0 = (uint64_t)PHILOX_M0 * c0;
        uint64_t product1 = (uint64_t)PHILOX_M1 * c2;
        c0 = (uint32_t)(product1 >> 32) ^ c1 ^ k0;
        c1 = (uint32_t)product1;
        c2 = (uint32_t)(product0 >> 32) ^ c3 ^ k1;
        c3 = (uint32_t)product0;
        k0 += PHILOX_W0;
        k1 += PHILOX_W1;
    }
    counter[0] = c0;
    counter[1] = c1;
    counter[2] = c2;
    counter[3] = c3;
}

/* Philox4x32-10 of one counter and key, for the known-answer tests of the managed side. */
EXPORT void vae_dsl_philox4x32_10(const uint32_t counter[4], const uint32_t key[2], uint32_t result[4])
{
    uint32_t words[4] = {counter[0], counter[1], counter[2], counter[3]};
    philox4x32_10(words, key[0], key[1]);
    result[0] = words[0];
    result[1] = words[1];
    result[2] = words[2];
    result[3] = words[3];
}

typedef struct {
    const float *restrict table;
    const int64_t *restrict rows; /* the table's rows to draw, in order; null: the table itself, count elements */
    int64_t row_length;
    float *restrict draws;
    int64_t count;
    uint32_t k0;
    uint32_t k1;
    int32_t path; /* DRAW_SCALAR, DRAW_AVX2 or DRAW_AVX512 (below) */
} draw_pass;

/* Where draw element e's probability is: in row rows[e / row_length] of the table, or at e in it. */
static inline const float *probability(const draw_pass *d, int64_t e)
{
    return d->rows ? d->table + d->rows[e / d->row_length] * d->row_length + e % d->row_length : d->table + e;
}

/*
 * The probabilities of elements [first, first + width) into `lanes`, and the address to load them from: in place
 * where they lie in one row (always, without a list of rows), else copied one by one into `lanes`.
 */
static inline const float *probabilities(const draw_pass *d, int64_t first, int width, float *lanes)
{
    if (!d->rows || first % d->row_length + width <= d->row_length) {
        return probability(d, first);
    }
    for (int j = 0; j < width; j++) {
        lanes[j] = *probability(d, first + j);
    }
    return lanes;
}

/*
 * The draws of block b: elements 4b .. 4b + 3, counter (b mod 2^32, b / 2^32, 0, 0);
 * u = (word >> 8) 2^-24, uniform on {0, 2^-24, ..., 1 - 2^-24}, exact in float32; x = 1 when u < p, else 0, so that
 * P(x = 1) = p to within 2^-24, p = 0 never gives 1 and p = 1 always does.
 */
static inline void draw_block(const draw_pass *d, int64_t block)
{
    uint32_t words[4] = {(uint32_t)block, (uint32_t)((uint64_t)block >> 32), 0, 0};
    philox4x32_10(words, d->k0, d->k1);
    int64_t first = block * 4;
    int64_t length = d->count - first < 4 ? d->count - first : 4;
    for (int64_t j = 0; j < length; j++) {
        float u = (float)(words[j] >> 8) * 0x1p-24f;
        d->draws[first + j] = u < *probability(d, first + j) ? 1.0f : 0.0f;
    }
}

/*
 * The vector paths compute draw_block's words for several blocks at once, one block per 64-bit lane: a counter word
 * in the lane's low half, whatever the high half holds, since the multiplies read only the low halves and the
 * results keep only them. Then (w0 | w1 << 32) and (w2 | w3 << 32) of each block are interleaved into the elements'
 * order, and u < p is compared as draw_block compares it: the draws are the same to the bit.
 */
#if defined(__x86_64__)
#include <immintrin.h>

/* Blocks [begin, end) four at a time in AVX2, the rest one at a time. */
__attribute__((target("avx2"))) static void draw_range_avx2(const draw_pass *d, int64_t begin, int64_t end)
{
    const __m256i m0 = _mm256_set1_epi64x(PHILOX_M0);
    const __m256i m1 = _mm256_set1_epi64x(PHILOX_M1);
    const __m256 one = _mm256_set1_ps(1.0f);
    const __m256 unit = _mm256_set1_ps(0x1p-24f);
    /* whole blocks only: the last, partial one (count not a multiple of four) is draw_block's */
    int64_t whole = d->count / 4 < end ? d->count / 4 : end;
    int64_t block = begin;
    for (; block + 4 <= whole; block += 4) {
        __m256i index = _mm256_add_epi64(_mm256_set1_epi64x(block), _mm256_setr_epi64x(0, 1, 2, 3));
        __m256i c0 = index, c1 = _mm256_srli_epi64(index, 32), c2 = _mm256_setzero_si256(), c3 = c2;
        uint32_t k0 = d->k0, k1 = d->k1;
        for (int round = 0; round < 10; round++) {
            __m256i product0 = _mm256_mul_epu32(c0, m0);
            __m256i product1 = _mm256_mul_epu32(c2, m1);
            c0 = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(product1, 32), c1), _mm256_set1_epi64x(k0));
            c1 = product1;
            c2 = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(product0, 32), c3), _mm256_set1_epi64x(k1));
            c3 = product0;
            k0 += PHILOX_W0;
            k1 += PHILOX_W1;
        }
        /* each 64-bit lane: (w0, w1) of its block in a, (w2, w3) in b; then blocks 0, 1 and blocks 2, 3 in order */
        __m256i a = _mm256_blend_epi32(c0, _mm256_slli_epi64(c1, 32), 0xAA);
        __m256i b = _mm256_blend_epi32(c2, _mm256_slli_epi64(c3, 32), 0xAA);
        __m256i low = _mm256_unpacklo_epi64(a, b);
        __m256i high = _mm256_unpackhi_epi64(a, b);
        __m256i words[2] = {_mm256_permute2x128_si256(low, high, 0x20), _mm256_permute2x128_si256(low, high, 0x31)};
        for (int half = 0; half < 2; half++) {
            int64_t first = block * 4 + half * 8;
            __m256 u = _mm256_mul_ps(_mm256_cvtepi32_ps(_mm256_srli_epi32(words[half], 8)), unit);
            float lanes[8];
            __m256 p = _mm256_loadu_ps(probabilities(d, first, 8, lanes));
            _mm256_storeu_ps(d->draws + first, _mm256_and_ps(_mm256_cmp_ps(u, p, _CMP_LT_OQ), one));
        }
    }
    for (; block < end; block++) {
        draw_block(d, block);
    }
}

/* Blocks [begin, end) eight at a time in AVX-512, the rest one at a time. */
__attribute__((target("avx512f"))) static void draw_range_avx512(const draw_pass *d, int64_t begin, int64_t end)
{
    const __m512i m0 = _mm512_set1_epi64(PHILOX_M0);
    const __m512i m1 = _mm512_set1_epi64(PHILOX_M1);
    const __m512 one = _mm512_set1_ps(1.0f);
    const __m512 unit = _mm512_set1_ps(0x1p-24f);
    /* interleaves 64-bit lanes of a and b: blocks 0 .. 3, then blocks 4 .. 7 */
    const __m512i first_blocks = _mm512_setr_epi64(0, 8, 1, 9, 2, 10, 3, 11);
    const __m512i last_blocks = _mm512_setr_epi64(4, 12, 5, 13, 6, 14, 7, 15);
    int64_t whole = d->count / 4 < end ? d->count / 4 : end;
    int64_t block = begin;
    for (; block + 8 <= whole; block += 8) {
        __m512i index = _mm512_add_epi64(_mm512_set1_epi64(block), _mm512_setr_epi64(0, 1, 2, 3, 4, 5, 6, 7));
        __m512i c0 = index, c1 = _mm512_srli_epi64(index, 32), c2 = _mm512_setzero_si512(), c3 = c2;
        uint32_t k0 = d->k0, k1 = d->k1;
        for (int round = 0; round < 10; round++) {
            __m512i product0 = _mm512_mul_epu32(c0, m0);
            __m512i product1 = _mm512_mul_epu32(c2, m1);
            /* 0x96: the exclusive or of all three */
            c0 = _mm512_ternarylogic_epi64(_mm512_srli_epi64(product1, 32), c1, _mm512_set1_epi64(k0), 0x96);
            c1 = product1;
            c2 = _mm512_ternarylogic_epi64(_mm512_srli_epi64(product0, 32), c3, _mm512_set1_epi64(k1), 0x96);
            c3 = product0;
            k0 += PHILOX_W0;
            k1 += PHILOX_W1;
        }
        __m512i a = _mm512_mask_blend_epi32(0xAAAA, c0, _mm512_slli_epi64(c1, 32));
        __m512i b = _mm512_mask_blend_epi32(0xAAAA, c2, _mm512_slli_epi64(c3, 32));
        __m512i words[2] = {_mm512_permutex2var_epi64(a, first_blocks, b), _mm512_permutex2var_epi64(a, last_blocks, b)};
        for (int half = 0; half < 2; half++) {
            int64_t first = block * 4 + half * 16;
            __m512 u = _mm512_mul_ps(_mm512_cvtepi32_ps(_mm512_srli_epi32(words[half], 8)), unit);
            float lanes[16];
            __m512 p = _mm512_loadu_ps(probabilities(d, first, 16, lanes));
            _mm512_storeu_ps(d->draws + first, _mm512_maskz_mov_ps(_mm512_cmp_ps_mask(u, p, _CMP_LT_OQ), one));
        }
    }
    for (; block < end; block++) {
        draw_block(d, block);
    }
}
#endif

/* The paths, as vae_dsl_bernoulli_draw_on takes them. */
#define DRAW_SCALAR 0
#define DRAW_AVX2 1
#define DRAW_AVX512 2

/* The draws of the blocks [begin, end) on the pass's path: one thread's share. */
static void draw_range(void *context, int64_t begin, int64_t end)
{
    const draw_pass *d = context;
#if defined(__x86_64__)
    if (d->path == DRAW_AVX512) {
        draw_range_avx512(d, begin, end);
        return;
    }
    if (d->path == DRAW_AVX2) {
        draw_range_avx2(d, begin, end);
        return;
    }
#endif
    for (int64_t block = begin; block < end; block++) {
        draw_block(d, block);
    }
}

/* The widest path this processor runs. */
static int32_t draw_path(void)
{
#if defined(__x86_64__)
    return has_avx512() ? DRAW_AVX512 : __builtin_cpu_supports("avx2") ? DRAW_AVX2 : DRAW_SCALAR;
#else
    return DRAW_SCALAR;
#endif
}

/*
 * vae_dsl_bernoulli_draw on the path given (DRAW_SCALAR, DRAW_AVX2 or DRAW_AVX512), for the tests that compare them:
 * returns 1, or 0 without touching anything where the processor lacks that path's instructions or a row number is
 * outside the table.
 */
EXPORT int32_t vae_dsl_bernoulli_draw_on(int32_t path, const float *restrict table, int64_t table_rows,
    const int64_t *restrict rows, int64_t row_count, int64_t row_length, float *restrict draws, uint64_t key)
{
    int32_t widest = draw_path();
    if (path < DRAW_SCALAR || path > widest || row_length < 1) {
        return 0;
    }
    for (int64_t r = 0; rows && r < row_count; r++) {
        if (rows[r] < 0 || rows[r] >= table_rows) {
            return 0;
        }
    }
    int64_t count = (rows ? row_count : table_rows) * row_length;
    draw_pass pass = {table, rows, row_length, draws, count, (uint32_t)key, (uint32_t)(key >> 32), path};
    vae_dsl_parallel_for((count + 3) / 4, DRAW_GRAIN, draw_range, &pass);
    return 1;
}

/*
 * x ~ Bernoulli(p) from the 64-bit key, for p the rows `rows` (row_count of them) of a table of table_rows rows of
 * row_length floats, in that order, or the whole table where rows is null: element e of the draws is the e-th
 * probability so read. The draws do not overlap the table. Returns 1, or 0 without touching anything where a row
 * number is outside the table.
 */
EXPORT int32_t vae_dsl_bernoulli_draw(const float *restrict table, int64_t table_rows, const int64_t *restrict rows,
    int64_t row_count, int64_t row_length, float *restrict draws, uint64_t key)
{
    return vae_dsl_bernoulli_draw_on(draw_path(), table, table_rows, rows, row_count, row_length, draws, key);
}
