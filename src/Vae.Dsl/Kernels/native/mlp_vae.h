/*
 * The ELBO of an MLP VAE, forward and backward over the whole network in two calls (mlp_vae_elbo.c, docs/kernels.md):
 * the layouts the managed side fills in (Kernels/MlpVaeKernels.cs mirrors them field for field).
 */
#ifndef VAE_DSL_MLP_VAE_H
#define VAE_DSL_MLP_VAE_H

#include <stdint.h>

/*
 * One Linear layer, y = x Wᵀ + b: its weight W [outputs, inputs] and bias b [outputs], row-major, and the buffers the
 * backward pass writes their gradients into (each of its parameter's size; unread by the forward pass).
 */
typedef struct {
    const float *weight;
    const float *bias;
    float *weight_gradient;
    float *bias_gradient;
    int64_t inputs;
    int64_t outputs;
} mlp_vae_linear;

/*
 * The network, its Linear layers in the module's order: the encoder's `encoder_layers` (each followed by a ReLU), the
 * posterior's mean head, its scale head, with `full_covariance` its below-diagonal head, then the decoder's
 * `decoder_layers` (each but the last followed by a ReLU; the last gives the Bernoulli logits η):
 *   h = relu(... relu(x W₁ᵀ + b₁) ...), μ = h Wμᵀ + bμ, σ = softplus(h Wsᵀ + bs) + min_scale,
 *   z = μ + σ ε (diagonal), or z = μ + L ε with L lower-triangular, diagonal σ and below it B = h Wbᵀ + bb row by
 *   row (B_k is L_ij for the k-th (i, j) with j < i, in the order i = 1, j = 0; i = 2, j = 0, 1; ...),
 *   η = relu(... relu(z W₁ᵀ + b₁) ...) Wₙᵀ + bₙ.
 */
typedef struct {
    const mlp_vae_linear *layers;
    int32_t encoder_layers;
    int32_t decoder_layers;
    float min_scale;
    int32_t full_covariance;
} mlp_vae;

#endif
