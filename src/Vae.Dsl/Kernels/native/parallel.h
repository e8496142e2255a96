/*
 * Runs a pass over [0, count) split into contiguous ranges, one per thread of libtorch's own OpenMP pool, so that
 * the kernels share the threads libtorch's kernels and MKL run on instead of competing with them (docs/kernels.md).
 */
#ifndef VAE_DSL_PARALLEL_H
#define VAE_DSL_PARALLEL_H

#include <stddef.h>
#include <stdint.h>

/* One thread's share of a pass: the elements (or rows) [begin, end) of it. */
typedef void (*vae_dsl_range_pass)(void *context, int64_t begin, int64_t end);

/*
 * Calls pass(context, begin, end) over [0, count) in ranges of at least `grain` items, on as many threads of the
 * calling thread's OpenMP pool as that gives (the pool's size is omp_get_max_threads() of the calling thread, which
 * torch.set_num_threads sets); on the calling thread alone where the pool is one thread, where libtorch's libgomp is
 * not loaded, or inside a parallel region. Each thread runs with the calling thread's floating-point mode (MXCSR:
 * flush-to-zero, rounding), so that a result never depends on which thread computed it. The split depends only on
 * count, grain and the pool's size.
 */
void vae_dsl_parallel_for(int64_t count, int64_t grain, vae_dsl_range_pass pass, void *context);

/* One buffer's part of a thread's share of a pass over several buffers: the items [from, to) of buffer `buffer`. */
typedef void (*vae_dsl_part_pass)(void *context, int32_t buffer, int64_t from, int64_t to);

/*
 * vae_dsl_parallel_for over the items of `count` buffers laid end to end: calls part(context, i, from, to) for
 * buffer i's part of each thread's range. Buffer 0's length is at `lengths`, each next one `stride` bytes further (an
 * array of lengths, stride sizeof(int64_t); or a field of an array of structs, stride the struct's size).
 */
void vae_dsl_parallel_for_buffers(const int64_t *lengths, size_t stride, int32_t count, int64_t grain,
    vae_dsl_part_pass part, void *context);

#endif
