/*
 * Microbenchmark of the Bernoulli log-likelihood pass (src/Vae.Dsl/Kernels/native/bernoulli_log_likelihood.c) on the
 * evaluation's shape: 660 rows (66 samples x 10 examples) of 784 logits, data of 10 rows broadcast over the samples.
 * Prints ns per element, the best of several repetitions and the spread of the others, forward without and with
 * sigmoid(eta), and the backward pass.
 *
 *   K=src/Vae.Dsl/Kernels/native
 *   gcc -std=gnu11 -O3 -fno-math-errno -fno-trapping-math -ffp-contract=off \
 *       bench/native/bernoulli_bench.c $K/bernoulli_log_likelihood.c $K/parallel.c -lm -o /tmp/bernoulli_bench
 * (without libtorch loaded, the pass runs on the calling thread)
 *   /tmp/bernoulli_bench [rows] [features]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "timing.h"

void vae_dsl_bernoulli_log_likelihood(const float *logits, const float *x, float *log_p, float *sigmoid, int64_t rows,
    int64_t data_rows, int64_t features);
void vae_dsl_bernoulli_log_likelihood_backward(const float *sigmoid, const float *x, const float *grad_log_p,
    float *grad_logits, int64_t rows, int64_t data_rows, int64_t features);

/* a standard normal draw (Box-Muller on a small LCG), for logits like a decoder's */
static uint64_t state = 12345;
static double uniform(void)
{
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return ((state >> 11) + 0.5) / 9007199254740992.0;
}
static float normal(void)
{
    double u = uniform(), v = uniform();
    return (float)(__builtin_sqrt(-2 * __builtin_log(u)) * __builtin_cos(6.283185307179586 * v));
}

#define REPEATS 60

static void report(const char *what, double *seconds, int64_t elements, int inner)
{
    qsort(seconds, REPEATS, sizeof *seconds, by_value);
    printf("%-28s best %.3f ns/element, median %.3f, worst %.3f\n", what, seconds[0] / inner / elements * 1e9,
        seconds[REPEATS / 2] / inner / elements * 1e9, seconds[REPEATS - 1] / inner / elements * 1e9);
}

int main(int argc, char **argv)
{
    int64_t rows = argc > 1 ? atol(argv[1]) : 660, features = argc > 2 ? atol(argv[2]) : 784, data_rows = 10;
    int64_t n = rows * features;
    float *logits = aligned_alloc(64, n * sizeof(float)), *sigmoid = aligned_alloc(64, n * sizeof(float));
    float *grad = aligned_alloc(64, n * sizeof(float)), *x = aligned_alloc(64, data_rows * features * sizeof(float));
    float *log_p = aligned_alloc(64, rows * sizeof(float)), *upstream = aligned_alloc(64, rows * sizeof(float));
    for (int64_t i = 0; i < n; i++) {
        logits[i] = 4 * normal() - 2;
    }
    for (int64_t i = 0; i < data_rows * features; i++) {
        x[i] = uniform() < 0.4 ? 1.0f : 0.0f;
    }
    for (int64_t r = 0; r < rows; r++) {
        upstream[r] = normal();
    }
    const int inner = 3;
    double seconds[REPEATS];
    volatile float sink = 0;

    for (int rep = 0; rep < REPEATS; rep++) {
        double start = now();
        for (int i = 0; i < inner; i++) {
            vae_dsl_bernoulli_log_likelihood(logits, x, log_p, 0, rows, data_rows, features);
            sink += log_p[i];
        }
        seconds[rep] = now() - start;
    }
    report("forward (no sigmoid)", seconds, n, inner);

    for (int rep = 0; rep < REPEATS; rep++) {
        double start = now();
        for (int i = 0; i < inner; i++) {
            vae_dsl_bernoulli_log_likelihood(logits, x, log_p, sigmoid, rows, data_rows, features);
            sink += log_p[i];
        }
        seconds[rep] = now() - start;
    }
    report("forward with sigmoid", seconds, n, inner);

    for (int rep = 0; rep < REPEATS; rep++) {
        double start = now();
        for (int i = 0; i < inner; i++) {
            vae_dsl_bernoulli_log_likelihood_backward(sigmoid, x, upstream, grad, rows, data_rows, features);
            sink += grad[i];
        }
        seconds[rep] = now() - start;
    }
    report("backward", seconds, n, inner);

    double total = 0;
    for (int64_t r = 0; r < rows; r++) {
        total += log_p[r];
    }
    printf("sum of log p: %.6f (rows %ld, features %ld)\n", total, (long)rows, (long)features);
    return 0;
}
