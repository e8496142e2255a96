/*
 * What the MLP VAE's two native calls share (mlp_vae_elbo.c for training, mlp_vae_iwae.c for the evaluation): the
 * Linear layers' products by the MKL sgemm inside libtorch_cpu, and the elementwise passes over a layer's output,
 * split by columns over libtorch's pool (mlp_vae_layers.c).
 */
#ifndef VAE_DSL_MLP_VAE_LAYERS_H
#define VAE_DSL_MLP_VAE_LAYERS_H

#include "kernels.h"
#include "mlp_vae.h"

#include <math.h>

/* 1 where libtorch_cpu is loaded and exports sgemm_ (TorchSharp-cpu's does: MKL is inside it), else 0. */
EXPORT int32_t vae_dsl_mlp_vae_available(void);

/* Row-major C [m_rows, n_cols] = op(A) op(B) + beta C, as MKL's column-major sgemm computes Cᵀ. */
void mlp_vae_gemm(const char *transa, const char *transb, int64_t m, int64_t n, int64_t k, const float *a, int64_t lda,
    const float *b, int64_t ldb, float beta, float *c, int64_t ldc);

/* y [rows, outputs] = x [rows, inputs] Wᵀ: a Linear layer's product. */
void mlp_vae_linear_product(const mlp_vae_linear *layer, const float *x, float *y, int64_t rows);

/*
 * An elementwise pass on the columns [0, columns) of a block of y whose rows lie `stride` floats apart; `other` is
 * what it reads beside y (a bias of [width], or a buffer of y's shape: either way column j starts j floats in), `sums`
 * what it writes per column.
 */
typedef void (*column_pass_fn)(float *restrict y, const float *restrict other, float *restrict sums, int64_t rows,
    int64_t columns, int64_t stride);

/*
 * Runs a pass over the columns of y [rows, width], split over libtorch's pool (parallel.h): every column, and every
 * sum over one, is one thread's, added in row order whatever the split.
 */
void mlp_vae_run_columns(column_pass_fn pass, float *y, const float *other, float *sums, int64_t rows, int64_t width);

/* y = relu(y + b): the bias and the activation of a hidden layer (a column pass; `other` is b). */
void mlp_vae_add_bias_relu(float *restrict y, const float *restrict bias, float *restrict unused, int64_t rows,
    int64_t columns, int64_t stride);

/* y = y + b: the bias of a layer without activation (a column pass; `other` is b). */
void mlp_vae_add_bias(float *restrict y, const float *restrict bias, float *restrict unused, int64_t rows,
    int64_t columns, int64_t stride);

/* softplus(s) = log(1 + e^s), as libtorch computes it (threshold 20: s itself above it). */
static inline float mlp_vae_softplus(float s)
{
    return s > 20.0f ? s : log1pf(expf(s));
}

/* The hidden layers: all the encoder's, and all the decoder's but its last. */
static inline int32_t mlp_vae_hidden_layers(const mlp_vae *model)
{
    return model->encoder_layers + model->decoder_layers - 1;
}

/* The posterior's mean head; the scale head follows it, then (with a full covariance) the below-diagonal head. */
static inline const mlp_vae_linear *mlp_vae_mean_head(const mlp_vae *model)
{
    return &model->layers[model->encoder_layers];
}

/* The decoder's first layer; its last gives the logits η. */
static inline const mlp_vae_linear *mlp_vae_decoder(const mlp_vae *model)
{
    return mlp_vae_mean_head(model) + 2 + model->full_covariance;
}

/*
 * 1 where the model is one the native calls take: a non-negative count of encoder layers, at least one decoder layer,
 * at most 64 hidden layers, full_covariance 0 or 1, and with a full covariance a below-diagonal head of latent
 * (latent - 1) / 2 outputs.
 */
int mlp_vae_shape_is_valid(const mlp_vae *model);

#endif
