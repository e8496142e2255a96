/*
 * The Bernoulli log-likelihood's terms x eta - softplus(eta) eight at a time, in AVX2 with fused multiply-adds: what
 * bernoulli_log_likelihood.c and linear_bernoulli_log_likelihood.c share (docs/kernels.md). Every function here is
 * compiled for the AVX2 + FMA target only; the callers run it where has_avx2_fma() says the processor has both.
 *
 * exp and log1p are polynomials of ours, so their rounding is ours to choose: they use fused multiply-adds (one
 * rounding where a multiply and an add would make two) and Estrin's scheme (independent pairs of coefficients, then
 * powers of the argument), which shortens the chain of dependent operations; both keep the accuracy the tests demand.
 */
#ifndef VAE_DSL_BERNOULLI_AVX2_H
#define VAE_DSL_BERNOULLI_AVX2_H

#include <immintrin.h>

#include "kernels.h"

#define AVX2_FMA __attribute__((target("avx2,fma")))
#define LANES_INLINE static inline __attribute__((always_inline, target("avx2,fma")))

/* The mask of the first `count` of eight lanes (count in 0..8), for masked loads and stores. */
LANES_INLINE __m256i first_lanes(int64_t count)
{
    return _mm256_cmpgt_epi32(_mm256_set1_epi32((int32_t)count), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

/*
 * exp(a) for a <= 0, within about one unit in the last place, denormal results included (unless the thread flushes
 * them to zero). a = n ln 2 + r with |r| <= ln 2 / 2 (ln 2 split in two parts, Cody and Waite), exp(r) by a
 * polynomial of degree 6 (1 + r + r^2 P(r), P fitted by Remez to the relative error of exp on |r| <= ln 2 / 2: within
 * 4e-9 with its float32 coefficients), and 2^n as 2^(n + 64) 2^-64: the first product is exact, the second rounds
 * once, gradually below 2^-126.
 */
LANES_INLINE __m256 exp_nonpositive8(__m256 a)
{
    /* exp(-104) is below half the smallest denormal: the result is 0 from there on */
    a = _mm256_max_ps(a, _mm256_set1_ps(-104.0f));
    /* n = round(a / ln 2): adding 1.5 * 2^23 rounds to an integer, which then sits in the low bits */
    const __m256 shifter = _mm256_set1_ps(12582912.0f);
    __m256 shifted = _mm256_fmadd_ps(a, _mm256_set1_ps(1.44269504088896341f), shifter);
    __m256 n = _mm256_sub_ps(shifted, shifter);
    /* r = a - n ln 2, with ln 2 = 0.693359375 - 2.12194440e-4 (the first part exact in few bits) */
    __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693359375f), a);
    r = _mm256_fmadd_ps(n, _mm256_set1_ps(2.12194440e-4f), r);
    /* exp(r) = 1 + r + r^2 P(r), P(r) = p0 + p1 r + ... + p4 r^4 by Estrin's scheme */
    __m256 r2 = _mm256_mul_ps(r, r);
    __m256 p01 = _mm256_fmadd_ps(_mm256_set1_ps(1.6666521132e-1f), r, _mm256_set1_ps(4.9999994040e-1f));
    __m256 p23 = _mm256_fmadd_ps(_mm256_set1_ps(8.3687100559e-3f), r, _mm256_set1_ps(4.1668388993e-2f));
    __m256 p = _mm256_fmadd_ps(_mm256_fmadd_ps(_mm256_set1_ps(1.3814612757e-3f), r2, p23), r2, p01);
    __m256 exp_r = _mm256_add_ps(_mm256_fmadd_ps(p, r2, r), _mm256_set1_ps(1.0f));
    /* the bits of shifted are those of 1.5 * 2^23 plus n, n in [-150, 0]: adding 191 and shifting the low 9 bits into
       the exponent field gives 2^(n + 64), a normal float */
    __m256i exponent = _mm256_slli_epi32(_mm256_add_epi32(_mm256_castps_si256(shifted), _mm256_set1_epi32(191)), 23);
    __m256 scaled = _mm256_mul_ps(exp_r, _mm256_castsi256_ps(exponent));
    return _mm256_mul_ps(scaled, _mm256_set1_ps(0x1p-64f));
}

/*
 * log(1 + t) for t in [0, 1], given s = t / (2 + t) in [0, 1/3]: log(1 + t) = 2 atanh(s) = s Q(s^2), Q a polynomial
 * of degree 4 fitted (Remez, relative error) to 2 atanh(s) / s on s^2 in [0, 1/9]: with its float32 coefficients it is
 * within 8e-9 of it, about 0.13 units in the last place.
 */
LANES_INLINE __m256 log1p_of_ratio8(__m256 s)
{
    __m256 w = _mm256_mul_ps(s, s);
    __m256 w2 = _mm256_mul_ps(w, w);
    __m256 q01 = _mm256_fmadd_ps(_mm256_set1_ps(6.666631699e-1f), w, _mm256_set1_ps(2.0f));
    __m256 q23 = _mm256_fmadd_ps(_mm256_set1_ps(2.796060145e-1f), w, _mm256_set1_ps(4.002490938e-1f));
    __m256 q = _mm256_fmadd_ps(_mm256_fmadd_ps(_mm256_set1_ps(2.817833424e-1f), w2, q23), w2, q01);
    return _mm256_mul_ps(s, q);
}

/*
 * Eight terms x eta - softplus(eta), softplus(eta) = max(eta, 0) + log(1 + e), e = exp(-|eta|), with the one
 * division s = e / (2 + e).
 */
LANES_INLINE __m256 bernoulli_terms8(__m256 eta, __m256 x)
{
    __m256 magnitude = _mm256_andnot_ps(_mm256_set1_ps(-0.0f), eta);
    __m256 positive = _mm256_max_ps(eta, _mm256_setzero_ps());
    __m256 e = exp_nonpositive8(-magnitude);
    __m256 s = _mm256_div_ps(e, _mm256_add_ps(e, _mm256_set1_ps(2.0f)));
    __m256 softplus = _mm256_add_ps(positive, log1p_of_ratio8(s));
    return _mm256_fmsub_ps(x, eta, softplus);
}

/*
 * The same terms, the same operations, and sigmoid(eta) into *sigmoid, by a second division: 1 / (1 + e) is
 * sigmoid(eta) for eta >= 0, e / (1 + e) below. (The terms are those of bernoulli_terms8 to the bit: the forward pass
 * gives the same log p whether or not it keeps sigmoid(eta) for a gradient.)
 */
LANES_INLINE __m256 bernoulli_terms_and_sigmoid8(__m256 eta, __m256 x, __m256 *sigmoid)
{
    __m256 magnitude = _mm256_andnot_ps(_mm256_set1_ps(-0.0f), eta);
    __m256 positive = _mm256_max_ps(eta, _mm256_setzero_ps());
    __m256 e = exp_nonpositive8(-magnitude);
    __m256 s = _mm256_div_ps(e, _mm256_add_ps(e, _mm256_set1_ps(2.0f)));
    __m256 reciprocal = _mm256_div_ps(_mm256_set1_ps(1.0f), _mm256_add_ps(e, _mm256_set1_ps(1.0f)));
    __m256 nonnegative = _mm256_cmp_ps(eta, _mm256_setzero_ps(), _CMP_GE_OQ);
    *sigmoid = _mm256_blendv_ps(_mm256_mul_ps(e, reciprocal), reciprocal, nonnegative);
    __m256 softplus = _mm256_add_ps(positive, log1p_of_ratio8(s));
    return _mm256_fmsub_ps(x, eta, softplus);
}

/* The sum of eight lanes, added pairwise. */
LANES_INLINE float sum8(__m256 v)
{
    __m128 half = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    half = _mm_add_ps(half, _mm_movehl_ps(half, half));
    half = _mm_add_ss(half, _mm_movehdup_ps(half));
    return _mm_cvtss_f32(half);
}

#endif
