/* The Bernoulli log-likelihood's two passes (bernoulli_log_likelihood.c), for the other kernels that call them. */
#ifndef VAE_DSL_BERNOULLI_LOG_LIKELIHOOD_H
#define VAE_DSL_BERNOULLI_LOG_LIKELIHOOD_H

#include <stdint.h>

/*
 * log p(x|eta) = sum_j [x_j eta_j - softplus(eta_j)] for each of `rows` rows of `features` logits; row r takes the
 * data row r mod data_rows (x broadcast over the leading dimensions of eta, e.g. importance samples). Where `sigmoid`
 * is not null it receives sigmoid(eta), of eta's size, for the backward pass. The rows are split over libtorch's pool.
 */
void vae_dsl_bernoulli_log_likelihood(const float *restrict logits, const float *restrict x, float *restrict log_p,
    float *restrict sigmoid, int64_t rows, int64_t data_rows, int64_t features);

/*
 * The gradient of log p(x|eta) with respect to eta, from the forward pass's sigmoid(eta) and the gradient of each
 * row's log p: d/d eta_j = (x_j - sigmoid(eta_j)) grad_r, the rows split over libtorch's pool.
 */
void vae_dsl_bernoulli_log_likelihood_backward(const float *restrict sigmoid, const float *restrict x,
    const float *restrict grad_log_p, float *restrict grad_logits, int64_t rows, int64_t data_rows, int64_t features);

#endif
