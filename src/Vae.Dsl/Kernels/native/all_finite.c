/*
 * Whether every element of a list of float32 buffers is finite: the training loop's check that a backward pass gave
 * usable gradients, one call and one read-only pass over all of them instead of a reduction per parameter, split over
 * libtorch's pool.
 */
#include "kernels.h"
#include "parallel.h"

/* Elements per thread at least: below that, a parallel region costs more than it saves. */
#define FINITE_GRAIN 65536

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

/* The buffers to check, and whether a thread has found a value that is not finite. */
typedef struct {
    const float *const *buffers;
    int32_t finite;
} finite_pass;

/* Buffer i's elements [from, to): its part of one thread's share. */
static void finite_part(void *context, int32_t i, int64_t from, int64_t to)
{
    finite_pass *pass = context;
    if (__atomic_load_n(&pass->finite, __ATOMIC_RELAXED) && !finite_buffer(pass->buffers[i] + from, to - from)) {
        /* every thread that writes writes 0: the result does not depend on which one, or how many */
        __atomic_store_n(&pass->finite, 0, __ATOMIC_RELAXED);
    }
}

/* 1 when every element of the `count` buffers (buffer i of lengths[i] floats) is finite, else 0; on libtorch's pool. */
EXPORT int32_t vae_dsl_all_finite(const float *const *buffers, const int64_t *lengths, int32_t count)
{
    finite_pass pass = {buffers, 1};
    vae_dsl_parallel_for_buffers(lengths, sizeof *lengths, count, FINITE_GRAIN, finite_part, &pass);
    return pass.finite;
}
