/*
 * A training step of the default model (the 784-400-20 MLP VAE at batch 128) as Vae.Dsl's native kernels run it,
 * against its matrix products alone: the floor target's arithmetic (docs/benchmark.md, "What stands between an epoch
 * and its floor") without the managed code around it. One step: the draws of dynamic binarization
 * (vae_dsl_bernoulli_draw), the loss and every gradient (vae_dsl_mlp_vae_elbo_gradients), the gradient check
 * (vae_dsl_all_finite) and Adam (vae_dsl_adam_step). The products alone are the same fourteen sgemm calls the
 * gradients call makes, on the same buffers, by the MKL inside libtorch_cpu on libtorch's pool. Each round times 468
 * steps, then 468 steps' products, then 468 gradients calls alone, so the three meet the machine in the same state.
 * Its data and ε are uniform noise: it times the work; the tests check the results (MlpVaeKernelsTests).
 * Times are wall-clock (the step runs on two threads).
 *
 *   K=src/Vae.Dsl/Kernels/native L=<libtorch's native folder, e.g. ~/.nuget/packages/libtorch-cpu-linux-x64/2.10.0/runtimes/linux-x64/native>
 *   gcc -std=gnu11 -O3 -fno-math-errno -fno-trapping-math -ffp-contract=off -I$K bench/native/mlp_vae_step_bench.c \
 *       $K/mlp_vae_elbo.c $K/mlp_vae_layers.c $K/bernoulli_draw.c $K/bernoulli_log_likelihood.c $K/all_finite.c $K/adam.c $K/parallel.c \
 *       -L$L -ltorch_cpu -Wl,-rpath,$L -lm -o /tmp/mlp_vae_step_bench
 *   /tmp/mlp_vae_step_bench [rounds]
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <xmmintrin.h>

#include "adam.h"
#include "mlp_vae.h"

/* MKL, inside libtorch_cpu (column-major) */
void sgemm_(const char *ta, const char *tb, const int *m, const int *n, const int *k, const float *alpha, const float *a,
    const int *lda, const float *b, const int *ldb, const float *beta, float *c, const int *ldc);
/* Vae.Dsl's kernels */
int32_t vae_dsl_bernoulli_draw(const float *table, int64_t table_rows, const int64_t *rows, int64_t row_count,
    int64_t row_length, float *draws, uint64_t key);
int32_t vae_dsl_all_finite(const float *const *buffers, const int64_t *lengths, int32_t count);
int64_t vae_dsl_mlp_vae_workspace(const mlp_vae *model, int64_t rows);
int32_t vae_dsl_mlp_vae_elbo_gradients(const mlp_vae *model, const float *x, const float *eps, int64_t rows,
    float beta, float *workspace, float *reconstruction, float *kl, float *elbo, float *loss);

enum { BATCH = 128, FEATURES = 784, HIDDEN = 400, LATENT = 20, EXAMPLES = 60000, STEPS = 468 };

/* Wall-clock seconds. */
static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static float *floats(long n)
{
    return aligned_alloc(64, (size_t)((n * 4 + 63) / 64) * 64);
}

static uint64_t state = 12345;
static float uniform(void)
{
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (float)((state >> 40) * 0x1p-24);
}

/* The layers in the module's order: encoder, mean head, scale head, decoder's two. */
enum { LAYERS = 5, PARAMETERS = 2 * LAYERS };
static const int64_t inputs[LAYERS] = {FEATURES, HIDDEN, HIDDEN, LATENT, HIDDEN};
static const int64_t outputs[LAYERS] = {HIDDEN, LATENT, LATENT, HIDDEN, FEATURES};
static mlp_vae_linear layers[LAYERS];
static float *w[PARAMETERS], *g[PARAMETERS], *m1[PARAMETERS], *m2[PARAMETERS];
static int64_t sizes[PARAMETERS];

/* Row-major C [rows][cols] (+)= op(A) op(B), as MKL's column-major sgemm computes Cᵀ. */
static void gemm(const char *ta, const char *tb, int m, int n, int k, const float *a, int lda, const float *b, int ldb,
    float beta, float *c, int ldc)
{
    float one = 1.0f;
    sgemm_(ta, tb, &m, &n, &k, &one, a, &lda, b, &ldb, &beta, c, &ldc);
}

/* The fourteen products of a step, as mlp_vae_elbo.c makes them, into scratch buffers of their sizes. */
static void products(const float *x, float **a)
{
    float *h1 = a[0], *mu = a[1], *s = a[2], *z = a[3], *h3 = a[4], *eta = a[5], *d_h = a[6], *d_z = a[7];
    gemm("T", "N", HIDDEN, BATCH, FEATURES, w[0], FEATURES, x, FEATURES, 0, h1, HIDDEN);
    gemm("T", "N", LATENT, BATCH, HIDDEN, w[2], HIDDEN, h1, HIDDEN, 0, mu, LATENT);
    gemm("T", "N", LATENT, BATCH, HIDDEN, w[4], HIDDEN, h1, HIDDEN, 0, s, LATENT);
    gemm("T", "N", HIDDEN, BATCH, LATENT, w[6], LATENT, z, LATENT, 0, h3, HIDDEN);
    gemm("T", "N", FEATURES, BATCH, HIDDEN, w[8], HIDDEN, h3, HIDDEN, 0, eta, FEATURES);
    gemm("N", "T", HIDDEN, FEATURES, BATCH, h3, HIDDEN, eta, FEATURES, 0, g[8], HIDDEN);
    gemm("N", "N", HIDDEN, BATCH, FEATURES, w[8], HIDDEN, eta, FEATURES, 0, d_h, HIDDEN);
    gemm("N", "T", LATENT, HIDDEN, BATCH, z, LATENT, d_h, HIDDEN, 0, g[6], LATENT);
    gemm("N", "N", LATENT, BATCH, HIDDEN, w[6], LATENT, d_h, HIDDEN, 0, d_z, LATENT);
    gemm("N", "T", HIDDEN, LATENT, BATCH, h1, HIDDEN, mu, LATENT, 0, g[2], HIDDEN);
    gemm("N", "T", HIDDEN, LATENT, BATCH, h1, HIDDEN, s, LATENT, 0, g[4], HIDDEN);
    gemm("N", "N", HIDDEN, BATCH, LATENT, w[2], HIDDEN, mu, LATENT, 0, d_h, HIDDEN);
    gemm("N", "N", HIDDEN, BATCH, LATENT, w[4], HIDDEN, s, LATENT, 1, d_h, HIDDEN);
    gemm("N", "T", FEATURES, HIDDEN, BATCH, x, FEATURES, d_h, HIDDEN, 0, g[0], FEATURES);
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 6;
    /* flush denormals, as Vae.Dsl's training does; the kernels' passes carry this thread's mode to the pool */
    _mm_setcsr(_mm_getcsr() | 0x8040);
    float *table = floats((long)EXAMPLES * FEATURES);
    for (long i = 0; i < (long)EXAMPLES * FEATURES; i++) {
        table[i] = (float)(int)(uniform() * 256) / 255.0f;
    }
    for (int l = 0; l < LAYERS; l++) {
        sizes[2 * l] = inputs[l] * outputs[l];
        sizes[2 * l + 1] = outputs[l];
    }
    for (int i = 0; i < PARAMETERS; i++) {
        w[i] = floats(sizes[i]), g[i] = floats(sizes[i]), m1[i] = floats(sizes[i]), m2[i] = floats(sizes[i]);
        for (long j = 0; j < sizes[i]; j++) {
            w[i][j] = (uniform() - 0.5f) * 0.1f, m1[i][j] = 0, m2[i][j] = 0;
        }
    }
    for (int l = 0; l < LAYERS; l++) {
        layers[l] = (mlp_vae_linear){w[2 * l], w[2 * l + 1], g[2 * l], g[2 * l + 1], inputs[l], outputs[l]};
    }
    mlp_vae model = {layers, 1, 2, 1e-4f};
    float *workspace = floats(vae_dsl_mlp_vae_workspace(&model, BATCH));
    float *x = floats(BATCH * FEATURES), *eps = floats(BATCH * LATENT);
    float *reconstruction = floats(BATCH), *kl = floats(BATCH), *elbo = floats(BATCH), loss;
    float *scratch[8];
    const long scratch_sizes[8] = {BATCH * HIDDEN, BATCH * LATENT, BATCH * LATENT, BATCH * LATENT, BATCH * HIDDEN,
        BATCH * FEATURES, BATCH * HIDDEN, BATCH * LATENT};
    for (int i = 0; i < 8; i++) {
        scratch[i] = floats(scratch_sizes[i]);
        for (long j = 0; j < scratch_sizes[i]; j++) {
            scratch[i][j] = uniform() - 0.5f;
        }
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
        double step = now();
        for (int b = 0; b < STEPS; b++) {
            vae_dsl_bernoulli_draw(table, EXAMPLES, order + (long)b * BATCH, BATCH, FEATURES, x, 12345u + (uint64_t)b);
            for (int i = 0; i < BATCH * LATENT; i++) {
                eps[i] = uniform() * 2 - 1;
            }
            vae_dsl_mlp_vae_elbo_gradients(&model, x, eps, BATCH, 1.0f, workspace, reconstruction, kl, elbo, &loss);
            if (!vae_dsl_all_finite((const float *const *)g, sizes, PARAMETERS)) {
                fprintf(stderr, "a gradient is not finite\n");
                return 1;
            }
            adam_parameter parameters[PARAMETERS];
            t++;
            for (int i = 0; i < PARAMETERS; i++) {
                adam_scalars scalars = {1, 0, 0.9f, 0.1f, 0.999f, 0.001f, (float)sqrt(1 - pow(0.999, (double)t)),
                    1e-8f, (float)(-1e-3 / (1 - pow(0.9, (double)t)))};
                parameters[i] = (adam_parameter){w[i], g[i], m1[i], m2[i], sizes[i], scalars};
            }
            vae_dsl_adam_step(parameters, PARAMETERS);
        }
        step = (now() - step) / STEPS;
        double alone = now();
        for (int b = 0; b < STEPS; b++) {
            products(x, scratch);
        }
        alone = (now() - alone) / STEPS;
        double gradients = now();
        for (int b = 0; b < STEPS; b++) {
            vae_dsl_mlp_vae_elbo_gradients(&model, x, eps, BATCH, 1.0f, workspace, reconstruction, kl, elbo, &loss);
        }
        gradients = (now() - gradients) / STEPS;
        printf("round %d: step %.3f ms, its gradients call %.3f ms, its matrix products alone %.3f ms: step %.2fx, "
               "gradients %.2fx the products\n",
            round, step * 1e3, gradients * 1e3, alone * 1e3, step / alone, gradients / alone);
    }
    return 0;
}
