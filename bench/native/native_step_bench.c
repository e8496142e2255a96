/*
 * What the default model's training step would cost written out in native code: a timing model for the floor target
 * (docs/benchmark.md, "What stands between an epoch and its floor"). One step of the 784-400-20 MLP VAE at batch 128,
 * forward and backward by hand: the matrix products by MKL's sgemm (the one libtorch_cpu carries, on libtorch's pool),
 * the draws, the Bernoulli log-likelihood, the gradient check and Adam by Vae.Dsl's kernels, and the rest (bias, ReLU
 * and its gradient, the bias gradients' sums, the posterior, the reparameterization, the KL and their gradients) by
 * plain loops on the calling thread. Each round times 468 such steps, then the same steps' matrix products alone.
 *
 * It models the work, not the result: its data and ε are uniform noise and its gradients are not checked against
 * autograd (the same formulas, written in TorchSharp under no_grad, trained to the same ELBO as autograd's step).
 * Times are wall-clock (the step runs on two threads).
 *
 *   K=src/Vae.Dsl/Kernels/native L=<libtorch's native folder, e.g. ~/.nuget/packages/libtorch-cpu-linux-x64/2.10.0/runtimes/linux-x64/native>
 *   gcc -std=gnu11 -O3 -fno-math-errno -fno-trapping-math -ffp-contract=off -I$K bench/native/native_step_bench.c \
 *       $K/bernoulli_draw.c $K/bernoulli_log_likelihood.c $K/all_finite.c $K/adam.c $K/parallel.c \
 *       -L$L -ltorch_cpu -Wl,-rpath,$L -lm -o /tmp/native_step_bench
 *   /tmp/native_step_bench [rounds]
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <xmmintrin.h>

#include "adam.h"

/* MKL, inside libtorch_cpu (column-major) */
void sgemm_(const char *ta, const char *tb, const int *m, const int *n, const int *k, const float *alpha, const float *a,
    const int *lda, const float *b, const int *ldb, const float *beta, float *c, const int *ldc);
/* Vae.Dsl's kernels */
int32_t vae_dsl_bernoulli_draw(const float *table, int64_t table_rows, const int64_t *rows, int64_t row_count,
    int64_t row_length, float *draws, uint64_t key);
void vae_dsl_bernoulli_log_likelihood(const float *logits, const float *x, float *log_p, float *sigmoid, int64_t rows,
    int64_t data_rows, int64_t features);
void vae_dsl_bernoulli_log_likelihood_backward(const float *sigmoid, const float *x, const float *grad_log_p,
    float *grad_logits, int64_t rows, int64_t data_rows, int64_t features);
int32_t vae_dsl_all_finite(const float *const *buffers, const int64_t *lengths, int32_t count);

enum { BATCH = 128, FEATURES = 784, HIDDEN = 400, LATENT = 20, EXAMPLES = 60000, STEPS = 468 };

/* Wall-clock seconds. */
static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

/* Row-major C [rows][cols] (+)= op(A) op(B), as MKL's column-major sgemm computes Cᵀ. */
static void gemm(const char *ta, const char *tb, int m, int n, int k, const float *a, int lda, const float *b, int ldb,
    float beta, float *c, int ldc)
{
    float one = 1.0f;
    sgemm_(ta, tb, &m, &n, &k, &one, a, &lda, b, &ldb, &beta, c, &ldc);
}

static float *zeros(long n)
{
    float *p = aligned_alloc(64, (size_t)((n * 4 + 63) / 64) * 64);
    for (long i = 0; i < n; i++) {
        p[i] = 0.0f;
    }
    return p;
}

static uint64_t state = 12345;
static float uniform(void)
{
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (float)((state >> 40) * 0x1p-24);
}

/* Parameters, gradients and moments, in the model's order: W1 b1 Wμ bμ Ws bs W3 b3 W4 b4. */
enum { PARAMETERS = 10 };
static const int64_t sizes[PARAMETERS] = {HIDDEN * FEATURES, HIDDEN, LATENT * HIDDEN, LATENT, LATENT * HIDDEN, LATENT,
    HIDDEN * LATENT, HIDDEN, FEATURES * HIDDEN, FEATURES};
static float *w[PARAMETERS], *g[PARAMETERS], *m1[PARAMETERS], *m2[PARAMETERS];

/* A step's activations and their gradients. */
static float *x, *h1, *mu, *s, *sigma, *eps, *z, *h3, *eta, *sig, *log_p, *grad_log_p, *d_eta, *d_h3, *d_z, *d_mu,
    *d_s, *d_h1;

/* a = relu(a + bias) for each of `rows` rows of `width` values: a Linear layer's bias and activation */
static void add_bias_relu(float *a, const float *bias, int rows, int width)
{
    for (int r = 0; r < rows; r++) {
        for (int j = 0; j < width; j++) {
            float value = a[r * width + j] + bias[j];
            a[r * width + j] = value > 0 ? value : 0;
        }
    }
}

/* d = d where the ReLU's output h is positive, else 0; bias_gradient = the column sums of that d */
static void relu_gradient(float *d, const float *h, float *bias_gradient, int rows, int width)
{
    for (int j = 0; j < width; j++) {
        bias_gradient[j] = 0;
    }
    for (int r = 0; r < rows; r++) {
        for (int j = 0; j < width; j++) {
            int i = r * width + j;
            d[i] = h[i] > 0 ? d[i] : 0;
            bias_gradient[j] += d[i];
        }
    }
}

/* One step: products only (the floor's share), or everything. */
static void step(const float *table, const int64_t *rows, uint64_t key, long t, int products_only)
{
    float *W1 = w[0], *b1 = w[1], *Wm = w[2], *bm = w[3], *Ws = w[4], *bs = w[5], *W3 = w[6], *b3 = w[7], *W4 = w[8],
          *b4 = w[9];
    if (!products_only) {
        vae_dsl_bernoulli_draw(table, EXAMPLES, rows, BATCH, FEATURES, x, key);
    }
    /* h1 = relu(x W1ᵀ + b1) */
    gemm("T", "N", HIDDEN, BATCH, FEATURES, W1, FEATURES, x, FEATURES, 0, h1, HIDDEN);
    if (!products_only) {
        add_bias_relu(h1, b1, BATCH, HIDDEN);
    }
    /* μ = h1 Wμᵀ + bμ, s = h1 Wsᵀ + bs, σ = softplus(s) + 1e-4, z = μ + σ ε */
    gemm("T", "N", LATENT, BATCH, HIDDEN, Wm, HIDDEN, h1, HIDDEN, 0, mu, LATENT);
    gemm("T", "N", LATENT, BATCH, HIDDEN, Ws, HIDDEN, h1, HIDDEN, 0, s, LATENT);
    for (int i = 0; !products_only && i < BATCH * LATENT; i++) {
        mu[i] += bm[i % LATENT];
        s[i] += bs[i % LATENT];
        sigma[i] = (s[i] > 20 ? s[i] : log1pf(expf(s[i]))) + 1e-4f;
        eps[i] = uniform() * 2 - 1;
        z[i] = mu[i] + sigma[i] * eps[i];
    }
    /* h3 = relu(z W3ᵀ + b3), η = h3 W4ᵀ + b4 */
    gemm("T", "N", HIDDEN, BATCH, LATENT, W3, LATENT, z, LATENT, 0, h3, HIDDEN);
    if (!products_only) {
        add_bias_relu(h3, b3, BATCH, HIDDEN);
    }
    gemm("T", "N", FEATURES, BATCH, HIDDEN, W4, HIDDEN, h3, HIDDEN, 0, eta, FEATURES);
    if (!products_only) {
        for (int r = 0; r < BATCH; r++) {
            for (int j = 0; j < FEATURES; j++) {
                eta[r * FEATURES + j] += b4[j];
            }
        }
        /* log p(x|z) and, for loss = mean(KL - log p), dη = (sigmoid(η) - x) / B; db4 = Σ_rows dη */
        vae_dsl_bernoulli_log_likelihood(eta, x, log_p, sig, BATCH, BATCH, FEATURES);
        vae_dsl_bernoulli_log_likelihood_backward(sig, x, grad_log_p, d_eta, BATCH, BATCH, FEATURES);
        for (int j = 0; j < FEATURES; j++) {
            g[9][j] = 0;
        }
        for (int r = 0; r < BATCH; r++) {
            for (int j = 0; j < FEATURES; j++) {
                g[9][j] += d_eta[r * FEATURES + j];
            }
        }
    }
    /* dW4 = dηᵀ h3, dh3 = dη W4, then through the ReLU; db3 */
    gemm("N", "T", HIDDEN, FEATURES, BATCH, h3, HIDDEN, d_eta, FEATURES, 0, g[8], HIDDEN);
    gemm("N", "N", HIDDEN, BATCH, FEATURES, W4, HIDDEN, d_eta, FEATURES, 0, d_h3, HIDDEN);
    if (!products_only) {
        relu_gradient(d_h3, h3, g[7], BATCH, HIDDEN);
    }
    /* dW3 = dh3ᵀ z, dz = dh3 W3; dμ = dz + μ / B, dσ = dz ε + (σ - 1/σ) / B, ds = dσ sigmoid(s); dbμ, dbs */
    gemm("N", "T", LATENT, HIDDEN, BATCH, z, LATENT, d_h3, HIDDEN, 0, g[6], LATENT);
    gemm("N", "N", LATENT, BATCH, HIDDEN, W3, LATENT, d_h3, HIDDEN, 0, d_z, LATENT);
    if (!products_only) {
        for (int j = 0; j < LATENT; j++) {
            g[3][j] = g[5][j] = 0;
        }
        for (int i = 0; i < BATCH * LATENT; i++) {
            d_mu[i] = d_z[i] + mu[i] / BATCH;
            float d_sigma = d_z[i] * eps[i] + (sigma[i] - 1 / sigma[i]) / BATCH;
            d_s[i] = d_sigma / (1 + expf(-s[i]));
            g[3][i % LATENT] += d_mu[i];
            g[5][i % LATENT] += d_s[i];
        }
    }
    /* dWμ = dμᵀ h1, dWs = dsᵀ h1, dh1 = dμ Wμ + ds Ws, then through the ReLU; db1; dW1 = dh1ᵀ x */
    gemm("N", "T", HIDDEN, LATENT, BATCH, h1, HIDDEN, d_mu, LATENT, 0, g[2], HIDDEN);
    gemm("N", "T", HIDDEN, LATENT, BATCH, h1, HIDDEN, d_s, LATENT, 0, g[4], HIDDEN);
    gemm("N", "N", HIDDEN, BATCH, LATENT, Wm, HIDDEN, d_mu, LATENT, 0, d_h1, HIDDEN);
    gemm("N", "N", HIDDEN, BATCH, LATENT, Ws, HIDDEN, d_s, LATENT, 1, d_h1, HIDDEN);
    if (!products_only) {
        relu_gradient(d_h1, h1, g[1], BATCH, HIDDEN);
    }
    gemm("N", "T", FEATURES, HIDDEN, BATCH, x, FEATURES, d_h1, HIDDEN, 0, g[0], FEATURES);
    if (products_only) {
        return;
    }
    if (!vae_dsl_all_finite((const float *const *)g, sizes, PARAMETERS)) {
        fprintf(stderr, "a gradient is not finite\n");
        exit(1);
    }
    adam_parameter parameters[PARAMETERS];
    for (int i = 0; i < PARAMETERS; i++) {
        adam_scalars scalars = {1, 0, 0.9f, 0.1f, 0.999f, 0.001f, (float)sqrt(1 - pow(0.999, (double)t)), 1e-8f,
            (float)(-1e-3 / (1 - pow(0.9, (double)t)))};
        parameters[i] = (adam_parameter){w[i], g[i], m1[i], m2[i], sizes[i], scalars};
    }
    vae_dsl_adam_step(parameters, PARAMETERS);
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 6;
    /* flush denormals, as Vae.Dsl's training does; the kernels' passes carry this thread's mode to the pool */
    _mm_setcsr(_mm_getcsr() | 0x8040);
    float *table = zeros((long)EXAMPLES * FEATURES);
    for (long i = 0; i < (long)EXAMPLES * FEATURES; i++) {
        table[i] = (float)(int)(uniform() * 256) / 255.0f;
    }
    for (int i = 0; i < PARAMETERS; i++) {
        w[i] = zeros(sizes[i]);
        g[i] = zeros(sizes[i]);
        m1[i] = zeros(sizes[i]);
        m2[i] = zeros(sizes[i]);
        for (long j = 0; j < sizes[i]; j++) {
            w[i][j] = (uniform() - 0.5f) * 0.1f;
        }
    }
    x = zeros(BATCH * FEATURES), h1 = zeros(BATCH * HIDDEN), mu = zeros(BATCH * LATENT), s = zeros(BATCH * LATENT);
    sigma = zeros(BATCH * LATENT), eps = zeros(BATCH * LATENT), z = zeros(BATCH * LATENT), h3 = zeros(BATCH * HIDDEN);
    eta = zeros(BATCH * FEATURES), sig = zeros(BATCH * FEATURES), log_p = zeros(BATCH), grad_log_p = zeros(BATCH);
    d_eta = zeros(BATCH * FEATURES), d_h3 = zeros(BATCH * HIDDEN), d_z = zeros(BATCH * LATENT);
    d_mu = zeros(BATCH * LATENT), d_s = zeros(BATCH * LATENT), d_h1 = zeros(BATCH * HIDDEN);
    for (int r = 0; r < BATCH; r++) {
        grad_log_p[r] = -1.0f / BATCH;
    }
    int64_t *order = malloc(sizeof(int64_t) * EXAMPLES);
    long t = 0;
    for (int round = 0; round < rounds; round++) {
        /* a fresh random order of the examples, as an epoch draws them */
        for (long i = 0; i < EXAMPLES; i++) {
            order[i] = i;
        }
        for (long i = EXAMPLES - 1; i > 0; i--) {
            long j = (long)(uniform() * (i + 1));
            int64_t k = order[i];
            order[i] = order[j];
            order[j] = k;
        }
        double seconds[2];
        for (int products_only = 0; products_only < 2; products_only++) {
            double start = now();
            for (int b = 0; b < STEPS; b++) {
                step(table, order + (long)b * BATCH, 12345u + (uint64_t)b, ++t, products_only);
            }
            seconds[products_only] = (now() - start) / STEPS;
        }
        printf("round %d: step %.3f ms, its matrix products alone %.3f ms: %.2fx\n", round, seconds[0] * 1e3,
            seconds[1] * 1e3, seconds[0] / seconds[1]);
    }
    return 0;
}
