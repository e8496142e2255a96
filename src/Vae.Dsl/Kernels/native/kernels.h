/*
 * Vae.Dsl's fused kernels (docs/kernels.md), one file per pass, all built into libvae_dsl_kernels.so: each a single
 * pass over contiguous float32 buffers that TorchSharp hands over by pointer. This header holds what they share.
 *
 * Built by src/Vae.Dsl/Kernels/native/NativeKernels.targets with gcc -O3 and no fast-math: every operation rounds as
 * IEEE float32 (-ffp-contract=off: no fused multiply-adds that would round differently from libtorch). Each exported
 * function is compiled twice (target_clones): for AVX2 and for plain x86-64 (SSE2), chosen when the library loads.
 * libm for expf, logf and log1pf only (mlp_vae_elbo.c); no OpenMP runtime of its own (parallel.c runs passes on
 * libtorch's pool).
 */
#ifndef VAE_DSL_KERNELS_H
#define VAE_DSL_KERNELS_H

#include <stdint.h>

#define EXPORT __attribute__((visibility("default")))
#if defined(__x86_64__)
#define CLONES __attribute__((target_clones("avx2", "default")))
#else
#define CLONES
#endif

/* True where the processor runs AVX2 and FMA instructions (and the system saves the ymm registers). */
static inline int has_avx2_fma(void)
{
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

/* True where the processor runs AVX-512 (F), AVX2 and FMA instructions (and the system saves the zmm registers). */
static inline int has_avx512(void)
{
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

/* The interface's version: the managed side refuses a library whose version differs from its own. */
#define VAE_DSL_KERNELS_VERSION 12

#endif
