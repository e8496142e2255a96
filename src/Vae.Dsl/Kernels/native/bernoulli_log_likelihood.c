/*
 * The Bernoulli log-likelihood log p(x|eta) = sum_j [x_j eta_j - softplus(eta_j)] per row, forward and backward, each
 * one pass over contiguous float32 buffers (docs/kernels.md). Every operation rounds as IEEE float32; exp and log1p
 * are polynomials written here, branch-free. The forward pass has two forms: eight lanes at a time in AVX2 with fused
 * multiply-adds (bernoulli_avx2.h), where the processor has them, and a portable one that gcc vectorizes.
 */
#include "bernoulli_avx2.h"
#include "bernoulli_log_likelihood.h"
#include "kernels.h"
#include "parallel.h"

/* Elements summed per block of the forward pass: the terms of a block are written to the stack, then added up. */
#define BLOCK 256

static inline __attribute__((always_inline)) float from_bits(uint32_t bits)
{
    float value;
    __builtin_memcpy(&value, &bits, sizeof value);
    return value;
}

static inline __attribute__((always_inline)) uint32_t to_bits(float value)
{
    uint32_t bits;
    __builtin_memcpy(&bits, &value, sizeof bits);
    return bits;
}

/*
 * exp(a) for a <= 0, within about one unit in the last place, denormal results included.
 * a = n ln 2 + r with |r| <= ln 2 / 2 (ln 2 split in two parts, Cody and Waite), exp(r) by Cephes' expf polynomial,
 * and 2^n as two factors 2^(n/2) 2^(n - n/2), each a normal float, so that results below 2^-126 round gradually.
 */
static inline __attribute__((always_inline)) float exp_nonpositive(float a)
{
    /* exp(-104) is below half the smallest denormal: the result is 0 from there on */
    a = a < -104.0f ? -104.0f : a;
    /* n = round(a / ln 2): adding 1.5 * 2^23 rounds to an integer, which then sits in the low bits */
    const float shifter = 12582912.0f;
    float shifted = a * 1.44269504088896341f + shifter;
    float n = shifted - shifter;
    int32_t integer_n = (int32_t)(to_bits(shifted) - to_bits(shifter));
    /* r = a - n ln 2, with ln 2 = 0.693359375 - 2.12194440e-4 (the first part exact in few bits) */
    float r = a - n * 0.693359375f;
    r = r + n * 2.12194440e-4f;
    /* exp(r) = 1 + r + r^2 P(r) */
    float r2 = r * r;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    float exp_r = p * r2 + r + 1.0f;
    /* 2^n = 2^half 2^(n - half), both exponents within [-76, 0] */
    int32_t half = integer_n / 2;
    float scale1 = from_bits((uint32_t)(half + 127) << 23);
    float scale2 = from_bits((uint32_t)(integer_n - half + 127) << 23);
    return exp_r * scale1 * scale2;
}

/*
 * log(1 + t) for t in [0, 1], given s = t / (2 + t) in [0, 1/3], within a few units in the last place:
 * log(1 + t) = 2 atanh(s) = 2 s (1 + s^2/3 + s^4/5 + ... + s^14/15), whose first left-out term is below 2e-9 of the sum.
 */
static inline __attribute__((always_inline)) float log1p_of_ratio(float s)
{
    float s2 = s * s;
    float p = 1.0f / 15.0f;
    p = p * s2 + 1.0f / 13.0f;
    p = p * s2 + 1.0f / 11.0f;
    p = p * s2 + 1.0f / 9.0f;
    p = p * s2 + 1.0f / 7.0f;
    p = p * s2 + 1.0f / 5.0f;
    p = p * s2 + 1.0f / 3.0f;
    p = p * s2 + 1.0f;
    return 2.0f * s * p;
}

/*
 * One feature's term x eta - softplus(eta), and sigmoid(eta) where `sigmoid` is not null, with one division:
 * e = exp(-|eta|), d = 1 / ((1 + e)(2 + e)), e / (2 + e) = e (1 + e) d, 1 / (1 + e) = (2 + e) d;
 * softplus(eta) = max(eta, 0) + log(1 + e), stable for every eta;
 * sigmoid(eta) = 1 / (1 + e) for eta >= 0, e / (1 + e) below.
 */
static inline __attribute__((always_inline)) float bernoulli_term(float eta, float x, float *sigmoid)
{
    float magnitude = eta < 0.0f ? -eta : eta;
    float positive = eta > 0.0f ? eta : 0.0f;
    float e = exp_nonpositive(-magnitude);
    float one_plus_e = 1.0f + e;
    float two_plus_e = 2.0f + e;
    float d = 1.0f / (one_plus_e * two_plus_e);
    float softplus = positive + log1p_of_ratio(e * one_plus_e * d);
    if (sigmoid) {
        float reciprocal = two_plus_e * d;
        *sigmoid = eta >= 0.0f ? reciprocal : e * reciprocal;
    }
    return x * eta - softplus;
}

/* sum_j [x_j eta_j - softplus(eta_j)] over one row of n features; sigmoid(eta_j) into `sigmoid` unless it is null */
static inline __attribute__((always_inline)) float bernoulli_row(const float *restrict eta, const float *restrict x,
    float *restrict sigmoid, int64_t n)
{
    typedef float lanes __attribute__((vector_size(32)));
    float terms[BLOCK] __attribute__((aligned(32)));
    lanes sums = {0};
    float tail = 0.0f;
    for (int64_t start = 0; start < n; start += BLOCK) {
        int64_t length = n - start < BLOCK ? n - start : BLOCK;
        if (sigmoid) {
            for (int64_t j = 0; j < length; j++) {
                terms[j] = bernoulli_term(eta[start + j], x[start + j], sigmoid + start + j);
            }
        } else {
            for (int64_t j = 0; j < length; j++) {
                terms[j] = bernoulli_term(eta[start + j], x[start + j], 0);
            }
        }
        int64_t j = 0;
        for (; j + 8 <= length; j += 8) {
            lanes block;
            __builtin_memcpy(&block, terms + j, sizeof block);
            sums += block;
        }
        for (; j < length; j++) {
            tail += terms[j];
        }
    }
    /* the eight lanes added pairwise, then the tail */
    float quarter0 = (sums[0] + sums[4]) + (sums[2] + sums[6]);
    float quarter1 = (sums[1] + sums[5]) + (sums[3] + sums[7]);
    return (quarter0 + quarter1) + tail;
}

/*
 * The AVX2 form. gcc schedules instructions before it allocates registers only where asked (not by default on x86):
 * here it lets the independent vectors of a step overlap, about 1.5 times the throughput of the terms' long chains.
 */
#pragma GCC push_options
#pragma GCC optimize("schedule-insns", "sched-pressure")

/* The terms of eight vectors, pairwise, added into the row's sum: the same order with or without sigmoid(eta). */
LANES_INLINE __m256 add_eight(__m256 sum, const __m256 *terms)
{
    return sum + (((terms[0] + terms[1]) + (terms[2] + terms[3])) + ((terms[4] + terms[5]) + (terms[6] + terms[7])));
}

/*
 * One row's sum in AVX2: eight vectors of eight terms per step, independent of each other, so that gcc's scheduler
 * interleaves their chains of dependent operations; then vector by vector, the last 1 to 7 features by
 * masked loads, their missing lanes' terms masked to 0. With or without sigmoid(eta), the same terms in the same order.
 */
AVX2_FMA static float bernoulli_row_avx2(const float *restrict eta, const float *restrict x, float *restrict sigmoid,
    int64_t n)
{
    __m256 sum = _mm256_setzero_ps();
    int64_t j = 0;
    if (sigmoid) {
        for (; j + 64 <= n; j += 64) {
            /* four vectors at a time (the sigmoids take registers too), added in add_eight's order */
            __m256 halves[2];
#pragma GCC unroll 1
            for (int half = 0; half < 2; half++) {
                __m256 terms[4];
                for (int v = 0; v < 4; v++) {
                    __m256 probability;
                    int64_t at = j + 32 * half + 8 * v;
                    terms[v] = bernoulli_terms_and_sigmoid8(_mm256_loadu_ps(eta + at), _mm256_loadu_ps(x + at), &probability);
                    _mm256_storeu_ps(sigmoid + at, probability);
                }
                halves[half] = (terms[0] + terms[1]) + (terms[2] + terms[3]);
            }
            sum += halves[0] + halves[1];
        }
        for (; j < n; j += 8) {
            __m256i mask = first_lanes(n - j);
            __m256 probability;
            __m256 terms = bernoulli_terms_and_sigmoid8(_mm256_maskload_ps(eta + j, mask), _mm256_maskload_ps(x + j, mask),
                &probability);
            sum += _mm256_and_ps(terms, _mm256_castsi256_ps(mask));
            _mm256_maskstore_ps(sigmoid + j, mask, probability);
        }
    } else {
        for (; j + 64 <= n; j += 64) {
            __m256 terms[8];
            for (int v = 0; v < 8; v++) {
                terms[v] = bernoulli_terms8(_mm256_loadu_ps(eta + j + 8 * v), _mm256_loadu_ps(x + j + 8 * v));
            }
            sum = add_eight(sum, terms);
        }
        for (; j < n; j += 8) {
            __m256i mask = first_lanes(n - j);
            __m256 terms = bernoulli_terms8(_mm256_maskload_ps(eta + j, mask), _mm256_maskload_ps(x + j, mask));
            sum += _mm256_and_ps(terms, _mm256_castsi256_ps(mask));
        }
    }
    return sum8(sum);
}

/* The rows [begin, end) of the forward pass. */
AVX2_FMA static void bernoulli_rows_avx2(const float *restrict logits, const float *restrict x, float *restrict log_p,
    float *restrict sigmoid, int64_t begin, int64_t end, int64_t data_rows, int64_t features)
{
    for (int64_t r = begin; r < end; r++) {
        const float *data = x + (r % data_rows) * features;
        log_p[r] = bernoulli_row_avx2(logits + r * features, data, sigmoid ? sigmoid + r * features : 0, features);
    }
}

#pragma GCC pop_options

/* One pass's buffers: the forward pass's or the backward pass's. */
typedef struct {
    const float *restrict logits;
    const float *restrict x;
    float *restrict log_p;
    float *restrict sigmoid;
    const float *restrict grad_log_p;
    float *restrict grad_logits;
    int64_t data_rows;
    int64_t features;
} likelihood_pass;

/* Rows per thread at least: about 16,384 elements, below which a parallel region costs more than it saves. */
static int64_t row_grain(int64_t features)
{
    return features >= 16384 ? 1 : 16384 / (features > 0 ? features : 1);
}

/* The forward pass over the rows [begin, end): one thread's share. */
static CLONES void forward_rows(void *context, int64_t begin, int64_t end)
{
    const likelihood_pass *p = context;
    int64_t features = p->features;
    if (has_avx2_fma()) {
        bernoulli_rows_avx2(p->logits, p->x, p->log_p, p->sigmoid, begin, end, p->data_rows, features);
        return;
    }
    for (int64_t r = begin; r < end; r++) {
        const float *data = p->x + (r % p->data_rows) * features;
        p->log_p[r] = p->sigmoid ? bernoulli_row(p->logits + r * features, data, p->sigmoid + r * features, features)
                                 : bernoulli_row(p->logits + r * features, data, 0, features);
    }
}

/* bernoulli_log_likelihood.h */
EXPORT void vae_dsl_bernoulli_log_likelihood(const float *restrict logits, const float *restrict x,
    float *restrict log_p, float *restrict sigmoid, int64_t rows, int64_t data_rows, int64_t features)
{
    likelihood_pass pass = {logits, x, log_p, sigmoid, 0, 0, data_rows, features};
    vae_dsl_parallel_for(rows, row_grain(features), forward_rows, &pass);
}

/* The backward pass over the rows [begin, end): one thread's share. */
static CLONES void backward_rows(void *context, int64_t begin, int64_t end)
{
    const likelihood_pass *p = context;
    int64_t features = p->features;
    for (int64_t r = begin; r < end; r++) {
        const float *probability = p->sigmoid + r * features;
        const float *data = p->x + (r % p->data_rows) * features;
        float *grad = p->grad_logits + r * features;
        float upstream = p->grad_log_p[r];
        for (int64_t j = 0; j < features; j++) {
            grad[j] = (data[j] - probability[j]) * upstream;
        }
    }
}

/* bernoulli_log_likelihood.h */
EXPORT void vae_dsl_bernoulli_log_likelihood_backward(const float *restrict sigmoid, const float *restrict x,
    const float *restrict grad_log_p, float *restrict grad_logits, int64_t rows, int64_t data_rows, int64_t features)
{
    likelihood_pass pass = {0, x, 0, (float *)sigmoid, grad_log_p, grad_logits, data_rows, features};
    vae_dsl_parallel_for(rows, row_grain(features), backward_rows, &pass);
}
