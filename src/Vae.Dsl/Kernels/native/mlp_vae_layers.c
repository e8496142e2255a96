/*
 * The Linear layers' products and elementwise passes of the MLP VAE's native calls (mlp_vae_layers.h): products by
 * the MKL sgemm inside libtorch_cpu, on libtorch's pool as TorchSharp's own products run; the passes split by columns
 * over the same pool.
 */
#define _GNU_SOURCE
#include "mlp_vae_layers.h"
#include "parallel.h"

#include <dlfcn.h>
#include <pthread.h>

/* MKL's sgemm (column-major, 32-bit integers), as libtorch_cpu exports it. */
typedef void (*sgemm_fn)(const char *transa, const char *transb, const int *m, const int *n, const int *k,
    const float *alpha, const float *a, const int *lda, const float *b, const int *ldb, const float *beta, float *c,
    const int *ldc);

static sgemm_fn sgemm;
static pthread_once_t sgemm_resolved = PTHREAD_ONCE_INIT;

static void resolve_sgemm(void)
{
    /* RTLD_NOLOAD: only the copy TorchSharp already loaded; its handle stays open, as parallel.c's does */
    void *libtorch = dlopen("libtorch_cpu.so", RTLD_LAZY | RTLD_NOLOAD);
    if (libtorch) {
        sgemm = (sgemm_fn)dlsym(libtorch, "sgemm_");
    }
}

EXPORT int32_t vae_dsl_mlp_vae_available(void)
{
    pthread_once(&sgemm_resolved, resolve_sgemm);
    return sgemm != 0;
}

void mlp_vae_gemm(const char *transa, const char *transb, int64_t m, int64_t n, int64_t k, const float *a, int64_t lda,
    const float *b, int64_t ldb, float beta, float *c, int64_t ldc)
{
    int im = (int)m, in = (int)n, ik = (int)k, ilda = (int)lda, ildb = (int)ldb, ildc = (int)ldc;
    float one = 1.0f;
    sgemm(transa, transb, &im, &in, &ik, &one, a, &ilda, b, &ildb, &beta, c, &ildc);
}

void mlp_vae_linear_product(const mlp_vae_linear *layer, const float *x, float *y, int64_t rows)
{
    mlp_vae_gemm("T", "N", layer->outputs, rows, layer->inputs, layer->weight, layer->inputs, x, layer->inputs, 0.0f,
        y, layer->outputs);
}

CLONES void mlp_vae_add_bias_relu(float *restrict y, const float *restrict bias, float *restrict unused, int64_t rows,
    int64_t columns, int64_t stride)
{
    (void)unused;
    for (int64_t r = 0; r < rows; r++) {
        float *row = y + r * stride;
        for (int64_t j = 0; j < columns; j++) {
            float value = row[j] + bias[j];
            row[j] = value > 0.0f ? value : 0.0f;
        }
    }
}

CLONES void mlp_vae_add_bias(float *restrict y, const float *restrict bias, float *restrict unused, int64_t rows,
    int64_t columns, int64_t stride)
{
    (void)unused;
    for (int64_t r = 0; r < rows; r++) {
        float *row = y + r * stride;
        for (int64_t j = 0; j < columns; j++) {
            row[j] = row[j] + bias[j];
        }
    }
}

/* One column pass, its buffers and shape: what each thread's share reads. */
typedef struct {
    column_pass_fn pass;
    float *y;
    const float *other;
    float *sums;
    int64_t rows;
    int64_t width;
} column_pass;

/* The columns [begin, end) of a pass: one thread's share. */
static void column_range(void *context, int64_t begin, int64_t end)
{
    const column_pass *p = context;
    p->pass(p->y + begin, p->other ? p->other + begin : 0, p->sums ? p->sums + begin : 0, p->rows, end - begin,
        p->width);
}

/* Columns per thread at least: a [128, 64] block is about a microsecond of work, as much as starting the pool. */
#ifndef COLUMN_GRAIN
#define COLUMN_GRAIN 64
#endif

void mlp_vae_run_columns(column_pass_fn pass, float *y, const float *other, float *sums, int64_t rows, int64_t width)
{
    column_pass p = {pass, y, other, sums, rows, width};
    vae_dsl_parallel_for(width, COLUMN_GRAIN, column_range, &p);
}

int mlp_vae_shape_is_valid(const mlp_vae *model)
{
    if (model->encoder_layers < 0 || model->decoder_layers < 1 || mlp_vae_hidden_layers(model) > 64 ||
        (model->full_covariance != 0 && model->full_covariance != 1)) {
        return 0;
    }
    int64_t latent = mlp_vae_mean_head(model)->outputs;
    return !model->full_covariance || mlp_vae_mean_head(model)[2].outputs == latent * (latent - 1) / 2;
}
