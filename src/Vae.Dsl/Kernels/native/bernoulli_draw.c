/*
 * Draws x ~ Bernoulli(p) elementwise (dynamic binarization: a fresh binary image from pixel intensities each time an
 * image is seen), one pass on libtorch's pool (parallel.h). libtorch's own bernoulli_ runs on one thread, one element
 * at a time through its generator; here every element's uniform number is a pure function of a key and the element's
 * index, Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC 2011), so that any thread
 * can draw any element and the result does not depend on the split. The caller draws the 64-bit key from its own
 * generator, which keeps a run reproducible from its seed and its checkpoints.
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
    const float *restrict probabilities;
    float *restrict draws;
    int64_t count;
    uint32_t k0;
    uint32_t k1;
} draw_pass;

/*
 * The draws of the blocks [begin, end): block b is elements 4b .. 4b + 3, counter (b mod 2^32, b / 2^32, 0, 0);
 * u = (word >> 8) 2^-24, uniform on {0, 2^-24, ..., 1 - 2^-24}, exact in float32; x = 1 when u < p, else 0, so that
 * P(x = 1) = p to within 2^-24, p = 0 never gives 1 and p = 1 always does.
 */
static CLONES void draw_range(void *context, int64_t begin, int64_t end)
{
    const draw_pass *d = context;
    for (int64_t block = begin; block < end; block++) {
        uint32_t words[4] = {(uint32_t)block, (uint32_t)((uint64_t)block >> 32), 0, 0};
        philox4x32_10(words, d->k0, d->k1);
        int64_t first = block * 4;
        int64_t length = d->count - first < 4 ? d->count - first : 4;
        for (int64_t j = 0; j < length; j++) {
            float u = (float)(words[j] >> 8) * 0x1p-24f;
            d->draws[first + j] = u < d->probabilities[first + j] ? 1.0f : 0.0f;
        }
    }
}

/* x_i ~ Bernoulli(p_i) for i < count, from the 64-bit key; p and x may not overlap. */
EXPORT void vae_dsl_bernoulli_draw(const float *restrict probabilities, float *restrict draws, int64_t count, uint64_t key)
{
    draw_pass pass = {probabilities, draws, count, (uint32_t)key, (uint32_t)(key >> 32)};
    vae_dsl_parallel_for((count + 3) / 4, DRAW_GRAIN, draw_range, &pass);
}
