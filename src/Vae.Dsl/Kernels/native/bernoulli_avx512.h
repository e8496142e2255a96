/*
 * The Bernoulli log-likelihood's terms x eta - softplus(eta) sixteen at a time, in AVX-512: bernoulli_avx2.h's
 * operations, in the same order with the same constants, on registers twice as wide, so that every term is the same
 * to the bit on either path (docs/kernels.md). Every function here is compiled for the AVX-512 (F) target only; the
 * callers run it where has_avx512() says the processor has it.
 */
#ifndef VAE_DSL_BERNOULLI_AVX512_H
#define VAE_DSL_BERNOULLI_AVX512_H

#include <immintrin.h>

#include "kernels.h"

#define AVX512 __attribute__((target("avx512f,avx2,fma")))
#define LANES16_INLINE static inline __attribute__((always_inline, target("avx512f,avx2,fma")))

/* The mask of the first `count` of sixteen lanes (count in 0..16). */
LANES16_INLINE __mmask16 first_lanes16(int64_t count)
{
    return (__mmask16)((1u << count) - 1u);
}

/* exp(a) for a <= 0: exp_nonpositive8 of bernoulli_avx2.h, sixteen lanes. */
LANES16_INLINE __m512 exp_nonpositive16(__m512 a)
{
    a = _mm512_max_ps(a, _mm512_set1_ps(-104.0f));
    const __m512 shifter = _mm512_set1_ps(12582912.0f);
    __m512 shifted = _mm512_fmadd_ps(a, _mm512_set1_ps(1.44269504088896341f), shifter);
    __m512 n = _mm512_sub_ps(shifted, shifter);
    __m512 r = _mm512_fnmadd_ps(n, _mm512_set1_ps(0.693359375f), a);
    r = _mm512_fmadd_ps(n, _mm512_set1_ps(2.12194440e-4f), r);
    __m512 r2 = _mm512_mul_ps(r, r);
    __m512 p01 = _mm512_fmadd_ps(_mm512_set1_ps(1.6666521132e-1f), r, _mm512_set1_ps(4.9999994040e-1f));
    __m512 p23 = _mm512_fmadd_ps(_mm512_set1_ps(8.3687100559e-3f), r, _mm512_set1_ps(4.1668388993e-2f));
    __m512 p = _mm512_fmadd_ps(_mm512_fmadd_ps(_mm512_set1_ps(1.3814612757e-3f), r2, p23), r2, p01);
    __m512 exp_r = _mm512_add_ps(_mm512_fmadd_ps(p, r2, r), _mm512_set1_ps(1.0f));
    __m512i exponent = _mm512_slli_epi32(_mm512_add_epi32(_mm512_castps_si512(shifted), _mm512_set1_epi32(191)), 23);
    __m512 scaled = _mm512_mul_ps(exp_r, _mm512_castsi512_ps(exponent));
    return _mm512_mul_ps(scaled, _mm512_set1_ps(0x1p-64f));
}

/* log(1 + t) from s = t / (2 + t): log1p_of_ratio8 of bernoulli_avx2.h, sixteen lanes. */
LANES16_INLINE __m512 log1p_of_ratio16(__m512 s)
{
    __m512 w = _mm512_mul_ps(s, s);
    __m512 w2 = _mm512_mul_ps(w, w);
    __m512 q01 = _mm512_fmadd_ps(_mm512_set1_ps(6.666631699e-1f), w, _mm512_set1_ps(2.0f));
    __m512 q23 = _mm512_fmadd_ps(_mm512_set1_ps(2.796060145e-1f), w, _mm512_set1_ps(4.002490938e-1f));
    __m512 q = _mm512_fmadd_ps(_mm512_fmadd_ps(_mm512_set1_ps(2.817833424e-1f), w2, q23), w2, q01);
    return _mm512_mul_ps(s, q);
}

/* Sixteen terms x eta - softplus(eta): bernoulli_terms8 of bernoulli_avx2.h. */
LANES16_INLINE __m512 bernoulli_terms16(__m512 eta, __m512 x)
{
    __m512 magnitude = _mm512_abs_ps(eta);
    __m512 positive = _mm512_max_ps(eta, _mm512_setzero_ps());
    __m512 e = exp_nonpositive16(-magnitude);
    __m512 s = _mm512_div_ps(e, _mm512_add_ps(e, _mm512_set1_ps(2.0f)));
    __m512 softplus = _mm512_add_ps(positive, log1p_of_ratio16(s));
    return _mm512_fmsub_ps(x, eta, softplus);
}

/* The low eight lanes plus the high eight: how bernoulli_avx2.h's two vectors of a 16-feature panel are added. */
LANES16_INLINE __m256 fold16(__m512 v)
{
    return _mm256_add_ps(_mm512_castps512_ps256(v), _mm256_castsi256_ps(_mm512_extracti64x4_epi64(_mm512_castps_si512(v), 1)));
}

#endif
