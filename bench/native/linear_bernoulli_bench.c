/*
 * Microbenchmark of the fused Linear + Bernoulli log-likelihood pass (linear_bernoulli_log_likelihood.c) on the
 * evaluation's shapes: h of [rows, 400], W of [784, 400], data of 10 rows broadcast; against MKL's sgemm (the one
 * libtorch_cpu carries, single-threaded) followed by the separate log-likelihood pass, which is what the evaluation
 * ran before; the two alternate run by run. Times are the thread's CPU time (this machine is shared), GFLOP/s count the
 * product's 2 rows inputs features operations; the best of 40 runs and their median.
 *
 *   K=src/Vae.Dsl/Kernels/native L=<libtorch's native folder, e.g. ~/.nuget/packages/libtorch-cpu-linux-x64/2.10.0/runtimes/linux-x64/native>
 *   gcc -std=gnu11 -O3 -fno-math-errno -fno-trapping-math -ffp-contract=off bench/native/linear_bernoulli_bench.c \
 *       $K/linear_bernoulli_log_likelihood.c $K/linear_bernoulli_avx2.c $K/linear_bernoulli_avx512.c \
 *       $K/bernoulli_log_likelihood.c $K/parallel.c -L$L -ltorch_cpu -Wl,-rpath,$L -lm \
 *       -o /tmp/linear_bernoulli_bench
 *   /tmp/linear_bernoulli_bench [rows ...]
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "timing.h"

int64_t vae_dsl_linear_bernoulli_log_likelihood_workspace(int64_t rows, int64_t inputs, int64_t features);
int32_t vae_dsl_linear_bernoulli_log_likelihood(const float *h, const float *weight, const float *bias, const float *x,
    float *log_p, float *workspace, int64_t rows, int64_t inputs, int64_t features, int64_t data_rows);
void vae_dsl_bernoulli_log_likelihood(const float *logits, const float *x, float *log_p, float *sigmoid, int64_t rows,
    int64_t data_rows, int64_t features);
/* MKL, inside libtorch_cpu */
void sgemm_(const char *ta, const char *tb, const int *m, const int *n, const int *k, const float *alpha, const float *a,
    const int *lda, const float *b, const int *ldb, const float *beta, float *c, const int *ldc);
int MKL_Set_Num_Threads_Local(int);

static float uniform(void)
{
    return rand() / (float)RAND_MAX;
}

#define RUNS 40

int main(int argc, char **argv)
{
    MKL_Set_Num_Threads_Local(1);
    const int inputs = 400, features = 784, data_rows = 10;
    int default_rows[] = {660, 1320, 2640};
    int count = argc > 1 ? argc - 1 : 3;
    float *w = malloc(sizeof(float) * features * inputs), *b = malloc(sizeof(float) * features);
    float *x = malloc(sizeof(float) * data_rows * features);
    srand(1);
    for (int i = 0; i < features * inputs; i++) w[i] = (uniform() - 0.5f) * 0.2f;
    for (int i = 0; i < features; i++) b[i] = uniform() - 0.5f;
    for (int i = 0; i < data_rows * features; i++) x[i] = uniform() < 0.4f;
    for (int c = 0; c < count; c++) {
        int rows = argc > 1 ? atoi(argv[c + 1]) : default_rows[c];
        float *h = malloc(sizeof(float) * rows * inputs), *logits = malloc(sizeof(float) * rows * features);
        float *fused = malloc(sizeof(float) * rows), *composite = malloc(sizeof(float) * rows);
        float *workspace = aligned_alloc(64, sizeof(float) * ((vae_dsl_linear_bernoulli_log_likelihood_workspace(rows, inputs, features) + 15) / 16 * 16));
        /* h like a ReLU layer's output: half zeros */
        for (int i = 0; i < rows * inputs; i++) h[i] = uniform() < 0.5f ? 0.0f : uniform();
        double flops = 2.0 * rows * inputs * features, spans[3][RUNS];
        for (int run = 0; run < RUNS; run++) {
            double t = now();
            vae_dsl_linear_bernoulli_log_likelihood(h, w, b, x, fused, workspace, rows, inputs, features, data_rows);
            double t1 = now();
            /* the composite: logits = b (copied into every row), then logits += h W^T (libtorch's addmm), then the pass */
            for (int r = 0; r < rows; r++)
                for (int j = 0; j < features; j++) logits[(int64_t)r * features + j] = b[j];
            float one = 1.0f;
            sgemm_("T", "N", &features, &rows, &inputs, &one, w, &inputs, h, &inputs, &one, logits, &features);
            double t2 = now();
            vae_dsl_bernoulli_log_likelihood(logits, x, composite, 0, rows, data_rows, features);
            double t3 = now();
            spans[0][run] = t1 - t;
            spans[1][run] = t2 - t1;
            spans[2][run] = t3 - t1;
        }
        double best[3], median[3];
        for (int s = 0; s < 3; s++) {
            qsort(spans[s], RUNS, sizeof(double), by_value);
            best[s] = spans[s][0];
            median[s] = spans[s][RUNS / 2];
        }
        /* accuracy: both against float64 */
        double worst_fused = 0, worst_composite = 0;
        for (int r = 0; r < rows; r += rows / 16) {
            double sum = 0, scale = 0;
            for (int j = 0; j < features; j++) {
                double eta = b[j], size = fabs(b[j]);
                for (int k = 0; k < inputs; k++) {
                    eta += (double)h[(int64_t)r * inputs + k] * w[(int64_t)j * inputs + k];
                    size += fabs((double)h[(int64_t)r * inputs + k] * w[(int64_t)j * inputs + k]);
                }
                double data = x[(r % data_rows) * features + j], softplus = fmax(eta, 0) + log1p(exp(-fabs(eta)));
                sum += data * eta - softplus;
                scale += (inputs + 1) * size + fabs(eta) + softplus;
            }
            double unit = 1.0 / (1 << 24);
            worst_fused = fmax(worst_fused, fabs(fused[r] - sum) / (scale * unit));
            worst_composite = fmax(worst_composite, fabs(composite[r] - sum) / (scale * unit));
        }
        printf("rows %4d: fused %.3f ms best, %.3f median (%.1f, %.1f GFLOP/s) | bias copy + MKL sgemm %.3f, %.3f (%.1f, "
               "%.1f GFLOP/s), + pass %.3f, %.3f | error / bound: fused %.2g, composite %.2g\n",
            rows, best[0] * 1e3, median[0] * 1e3, flops / best[0] * 1e-9, flops / median[0] * 1e-9, best[1] * 1e3,
            median[1] * 1e3, flops / best[1] * 1e-9, flops / median[1] * 1e-9, best[2] * 1e3, median[2] * 1e3, worst_fused,
            worst_composite);
        free(h), free(logits), free(fused), free(composite), free(workspace);
    }
    return 0;
}
