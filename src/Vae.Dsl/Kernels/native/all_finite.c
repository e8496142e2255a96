/*
 * Whether every element of a list of float32 buffers is finite: the training loop's check that a backward pass gave
 * usable gradients, one call and one read-only pass over all of them instead of a reduction per parameter.
 */
#include "kernels.h"

/* 1 when no element of the n floats is infinite or NaN: x - x is 0 for every finite x and NaN otherwise. */
static CLONES int32_t finite_buffer(const float *restrict values, int64_t n)
{
    typedef float lanes __attribute__((vector_size(32)));
    /* the sums stay 0 while every value is finite; one NaN (inf - inf is NaN too) makes them NaN for good */
    lanes sums = {0};
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) {
        lanes block;
        __builtin_memcpy(&block, values + i, sizeof block);
        sums += block - block;
    }
    float sum = 0.0f;
    for (; i < n; i++) {
        sum += values[i] - values[i];
    }
    for (int lane = 0; lane < 8; lane++) {
        sum += sums[lane];
    }
    return sum == 0.0f;
}

/* 1 when every element of the `count` buffers (buffer i of lengths[i] floats) is finite, else 0. */
EXPORT int32_t vae_dsl_all_finite(const float *const *buffers, const int64_t *lengths, int32_t count)
{
    for (int32_t i = 0; i < count; i++) {
        if (!finite_buffer(buffers[i], lengths[i])) {
            return 0;
        }
    }
    return 1;
}
