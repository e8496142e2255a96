/*
 * The training ELBO of an MLP VAE (mlp_vae.h: ReLU layers, a Gaussian posterior, diagonal or full through its Cholesky
 * factor, with σ = softplus(s) + min_scale, a Bernoulli likelihood with logits, a standard normal prior) and its
 * gradient, forward and backward over the whole network in one call (docs/kernels.md, "The whole ELBO of an MLP
 * VAE"). A step of the default model otherwise runs about 35 TorchSharp operations forward and 40 autograd nodes
 * backward, each a few microseconds of calls around a small pass; here the same formulas run back to back: the matrix
 * products by the MKL sgemm inside libtorch_cpu (on libtorch's pool, as TorchSharp's own products run), the
 * likelihood by its fused passes, the rest in passes split over the same pool.
 *
 *   loss = (1/B) Σ_b [ β KL_b - log p(x_b|z_b) ], z_b = μ_b + L_b ε_b, one draw ε_b ~ N(0, I) per example,
 *   KL_b = ½ (‖L_b‖² + ‖μ_b‖² - d - 2 Σ_i log σ_bi), L_b = diag σ_b for a diagonal posterior,
 *   log p(x|z) = Σ_j [ x_j η_j - softplus(η_j) ].
 *
 * The forward pass keeps the activations in a workspace the caller owns (vae_dsl_mlp_vae_workspace floats); the
 * backward pass reads them and writes every parameter's gradient. Every operation rounds as IEEE float32; the sums
 * run in another order than libtorch's, so results agree with TorchSharp's and autograd's to float32 rounding, not to
 * the bit.
 */
#include "bernoulli_log_likelihood.h"
#include "kernels.h"
#include "mlp_vae.h"
#include "mlp_vae_layers.h"
#include "parallel.h"

#include <math.h>

/* dW [outputs, inputs] = dyᵀ x: the weight's gradient, from the gradient dy [rows, outputs] of the layer's output. */
static void weight_gradient(const mlp_vae_linear *layer, const float *x, const float *dy, int64_t rows)
{
    mlp_vae_gemm("N", "T", layer->inputs, layer->outputs, rows, x, layer->inputs, dy, layer->outputs, 0.0f,
        layer->weight_gradient, layer->inputs);
}

/* dx [rows, inputs] = dy W + beta dx: the input's gradient (beta 1 adds it to what dx holds). */
static void input_gradient(const mlp_vae_linear *layer, const float *dy, float *dx, int64_t rows, float beta)
{
    mlp_vae_gemm("N", "N", layer->inputs, rows, layer->outputs, layer->weight, layer->inputs, dy, layer->outputs, beta, dx,
        layer->inputs);
}

/* The gradients' elementwise passes (column passes, mlp_vae_layers.h). */

/* db = Σ_rows dy: a bias's gradient. */
static CLONES void column_sums(float *restrict dy, const float *restrict unused, float *restrict sums, int64_t rows,
    int64_t columns, int64_t stride)
{
    (void)unused;
    for (int64_t j = 0; j < columns; j++) {
        sums[j] = 0.0f;
    }
    for (int64_t r = 0; r < rows; r++) {
        const float *row = dy + r * stride;
        for (int64_t j = 0; j < columns; j++) {
            sums[j] += row[j];
        }
    }
}

/* dy = dy where the ReLU's output h > 0, else 0 (the gradient through it); db = Σ_rows of that dy. */
static CLONES void relu_gradient(float *restrict dy, const float *restrict h, float *restrict bias_gradient,
    int64_t rows, int64_t columns, int64_t stride)
{
    for (int64_t j = 0; j < columns; j++) {
        bias_gradient[j] = 0.0f;
    }
    for (int64_t r = 0; r < rows; r++) {
        float *row = dy + r * stride;
        const float *output = h + r * stride;
        for (int64_t j = 0; j < columns; j++) {
            row[j] = output[j] > 0.0f ? row[j] : 0.0f;
            bias_gradient[j] += row[j];
        }
    }
}

/* The posterior's and the KL's elementwise work, forward or backward, on [rows, latent] buffers. */
typedef struct {
    const float *mean, *scale; /* μ, and s before softplus */
    const float *below;        /* B, L's entries below its diagonal, [rows, latent (latent - 1) / 2]; null if diagonal */
    float *sigma, *z;
    const float *eps;
    float *kl;                 /* KL_b, [rows] */
    const float *d_z;          /* the backward pass's: dz in, dμ, ds and dB out */
    float *d_mean, *d_scale, *d_below;
    int64_t latent;
    float min_scale;
    float kl_weight;           /* ∂loss/∂KL_b = β / B */
} latent_pass;

/* Rows per thread at least: each row's terms call expf, log1pf and logf, about 50 ns a latent dimension. */
#define LATENT_ROW_GRAIN 32

/* σ, z and KL_b for the rows [begin, end). */
static void posterior_rows(void *context, int64_t begin, int64_t end)
{
    const latent_pass *p = context;
    int64_t d = p->latent, entries = d * (d - 1) / 2;
    for (int64_t b = begin; b < end; b++) {
        const float *mean = p->mean + b * d, *scale = p->scale + b * d, *eps = p->eps + b * d;
        float *sigma = p->sigma + b * d, *z = p->z + b * d;
        for (int64_t i = 0; i < d; i++) {
            /* σ = softplus(s) + min_scale */
            sigma[i] = mlp_vae_softplus(scale[i]) + p->min_scale;
        }
        if (!p->below) {
            float kl_b = 0.0f;
            for (int64_t i = 0; i < d; i++) {
                /* z = μ + σ ⊙ ε */
                z[i] = mean[i] + sigma[i] * eps[i];
                /* KL_i = ½ (σ_i² + μ_i² - 1 - 2 log σ_i) */
                kl_b += 0.5f * (sigma[i] * sigma[i] + mean[i] * mean[i] - 1.0f - 2.0f * logf(sigma[i]));
            }
            p->kl[b] = kl_b;
            continue;
        }
        const float *below = p->below + b * entries;
        float squares = 0.0f, mean_squares = 0.0f, log_determinant = 0.0f;
        for (int64_t i = 0, k = 0; i < d; i++) {
            /* z_i = μ_i + Σ_j L_ij ε_j = μ_i + Σ_{j<i} B_k ε_j + σ_i ε_i */
            float product = 0.0f;
            for (int64_t j = 0; j < i; j++, k++) {
                product += below[k] * eps[j];
                squares += below[k] * below[k];
            }
            product += sigma[i] * eps[i];
            z[i] = mean[i] + product;
            squares += sigma[i] * sigma[i];
            mean_squares += mean[i] * mean[i];
            log_determinant += logf(sigma[i]);
        }
        /* KL = ½ (‖L‖_F² + ‖μ‖² - d - 2 Σ_i log σ_i) */
        p->kl[b] = 0.5f * (squares + mean_squares - (float)d - 2.0f * log_determinant);
    }
}

/* dμ, ds (and dB) for the rows [begin, end), from dz (the decoder's) and the KL's own terms. */
static void posterior_gradient_rows(void *context, int64_t begin, int64_t end)
{
    const latent_pass *p = context;
    int64_t d = p->latent, entries = d * (d - 1) / 2;
    for (int64_t b = begin; b < end; b++) {
        const float *mean = p->mean + b * d, *scale = p->scale + b * d, *sigma = p->sigma + b * d;
        const float *eps = p->eps + b * d, *d_z = p->d_z + b * d;
        float *d_mean = p->d_mean + b * d, *d_scale = p->d_scale + b * d;
        for (int64_t i = 0; i < d; i++) {
            /* dμ = dz + (β/B) μ */
            d_mean[i] = d_z[i] + p->kl_weight * mean[i];
            /* dσ = dz ⊙ ε + (β/B) (σ - 1/σ) */
            float d_sigma = d_z[i] * eps[i] + p->kl_weight * (sigma[i] - 1.0f / sigma[i]);
            /* ds = dσ sigmoid(s), dσ itself above softplus's threshold */
            d_scale[i] = scale[i] > 20.0f ? d_sigma : d_sigma / (1.0f + expf(-scale[i]));
        }
        if (p->below) {
            const float *below = p->below + b * entries;
            float *d_below = p->d_below + b * entries;
            for (int64_t i = 0, k = 0; i < d; i++) {
                for (int64_t j = 0; j < i; j++, k++) {
                    /* dL_ij = dz_i ε_j + (β/B) L_ij */
                    d_below[k] = d_z[i] * eps[j] + p->kl_weight * below[k];
                }
            }
        }
    }
}

/* Where each activation lives in the workspace, for `rows` examples: offsets in floats. */
typedef struct {
    int64_t hidden[64];      /* each hidden layer's ReLU output, encoder's then decoder's, [rows, outputs] */
    int64_t mean, scale;     /* μ, and s before softplus: [rows, latent] */
    int64_t below;           /* B, [rows, latent (latent - 1) / 2], with a full covariance */
    int64_t sigma, z;        /* σ and z: [rows, latent] */
    int64_t logits;          /* η, [rows, features]; the backward pass writes dη over it */
    int64_t probabilities;   /* sigmoid(η), [rows, features] */
    int64_t row_gradients;   /* ∂loss/∂log p(x_b|z_b), [rows] */
    int64_t gradient_a;      /* two buffers for the hidden layers' gradients, [rows, widest hidden layer] */
    int64_t gradient_b;
    int64_t below_gradient;  /* dB, as B */
    int64_t mean_gradient;   /* dμ, ds, dz: [rows, latent] */
    int64_t scale_gradient;
    int64_t z_gradient;
    int64_t total;
} workspace_layout;

/* The layer that gives hidden layer h's output. */
static const mlp_vae_linear *hidden_layer(const mlp_vae *model, int32_t h)
{
    return &model->layers[h < model->encoder_layers ? h : h + 2 + model->full_covariance];
}

/* 0 where the model is one this pass takes (mlp_vae_shape_is_valid), its workspace laid out in `layout`. */
static int layout_of(const mlp_vae *model, int64_t rows, workspace_layout *layout)
{
    if (!mlp_vae_shape_is_valid(model)) {
        return -1;
    }
    const mlp_vae_linear *last = &mlp_vae_decoder(model)[model->decoder_layers - 1];
    int64_t latent = mlp_vae_mean_head(model)->outputs;
    int64_t entries = model->full_covariance ? latent * (latent - 1) / 2 : 0;
    int64_t features = last->outputs;
    int64_t offset = 0, widest = latent;
    for (int32_t h = 0; h < mlp_vae_hidden_layers(model); h++) {
        int64_t width = hidden_layer(model, h)->outputs;
        layout->hidden[h] = offset;
        offset += rows * width;
        widest = width > widest ? width : widest;
    }
    layout->mean = offset, offset += rows * latent;
    layout->scale = offset, offset += rows * latent;
    layout->below = offset, offset += rows * entries;
    layout->sigma = offset, offset += rows * latent;
    layout->z = offset, offset += rows * latent;
    layout->logits = offset, offset += rows * features;
    layout->probabilities = offset, offset += rows * features;
    layout->row_gradients = offset, offset += rows;
    layout->gradient_a = offset, offset += rows * widest;
    layout->gradient_b = offset, offset += rows * widest;
    layout->below_gradient = offset, offset += rows * entries;
    layout->mean_gradient = offset, offset += rows * latent;
    layout->scale_gradient = offset, offset += rows * latent;
    layout->z_gradient = offset, offset += rows * latent;
    layout->total = offset;
    return 0;
}

/* The floats of workspace the two passes need for `rows` examples, or -1 where the model is not one they take. */
EXPORT int64_t vae_dsl_mlp_vae_workspace(const mlp_vae *model, int64_t rows)
{
    workspace_layout layout;
    return layout_of(model, rows, &layout) == 0 ? layout.total : -1;
}

/*
 * The forward pass for a batch x [rows, features] and its draws ε [rows, latent]: log p(x_b|z_b) into
 * reconstruction[b], KL_b into kl[b], their difference (the ELBO) into elbo[b], and the loss (1/B) Σ_b [β KL_b -
 * log p(x_b|z_b)] into *loss; the activations into the workspace, laid out as `layout` says.
 */
static void forward(const mlp_vae *model, const workspace_layout *layout, const float *x, const float *eps,
    int64_t rows, float beta, float *workspace, float *reconstruction, float *kl, float *elbo, float *loss)
{
    const mlp_vae_linear *mean_head = &model->layers[model->encoder_layers];
    const mlp_vae_linear *scale_head = mean_head + 1;
    const mlp_vae_linear *below_head = model->full_covariance ? mean_head + 2 : 0;
    const mlp_vae_linear *decoder = scale_head + 1 + model->full_covariance;
    int64_t latent = mean_head->outputs;

    /* h = relu(... relu(x W₁ᵀ + b₁) ...) */
    const float *h = x;
    for (int32_t l = 0; l < model->encoder_layers; l++) {
        float *output = workspace + layout->hidden[l];
        mlp_vae_linear_product(&model->layers[l], h, output, rows);
        mlp_vae_run_columns(mlp_vae_add_bias_relu, output, model->layers[l].bias, 0, rows, model->layers[l].outputs);
        h = output;
    }

    /* μ = h Wμᵀ + bμ, s = h Wsᵀ + bs */
    float *mean = workspace + layout->mean, *scale = workspace + layout->scale;
    mlp_vae_linear_product(mean_head, h, mean, rows);
    mlp_vae_run_columns(mlp_vae_add_bias, mean, mean_head->bias, 0, rows, latent);
    mlp_vae_linear_product(scale_head, h, scale, rows);
    mlp_vae_run_columns(mlp_vae_add_bias, scale, scale_head->bias, 0, rows, latent);
    float *below = below_head ? workspace + layout->below : 0;
    if (below_head) {
        /* B = h Wbᵀ + bb */
        mlp_vae_linear_product(below_head, h, below, rows);
        mlp_vae_run_columns(mlp_vae_add_bias, below, below_head->bias, 0, rows, below_head->outputs);
    }

    latent_pass posterior = {mean, scale, below, workspace + layout->sigma, workspace + layout->z, eps, kl, 0, 0, 0, 0,
        latent, model->min_scale, 0.0f};
    vae_dsl_parallel_for(rows, LATENT_ROW_GRAIN, posterior_rows, &posterior);

    /* η = relu(... relu(z W₁ᵀ + b₁) ...) Wₙᵀ + bₙ */
    h = posterior.z;
    for (int32_t l = 0; l < model->decoder_layers - 1; l++) {
        float *output = workspace + layout->hidden[model->encoder_layers + l];
        mlp_vae_linear_product(&decoder[l], h, output, rows);
        mlp_vae_run_columns(mlp_vae_add_bias_relu, output, decoder[l].bias, 0, rows, decoder[l].outputs);
        h = output;
    }
    const mlp_vae_linear *last = &decoder[model->decoder_layers - 1];
    float *logits = workspace + layout->logits;
    mlp_vae_linear_product(last, h, logits, rows);
    mlp_vae_run_columns(mlp_vae_add_bias, logits, last->bias, 0, rows, last->outputs);

    /* log p(x|z) = Σ_j [ x_j η_j - softplus(η_j) ], and sigmoid(η) for the backward pass */
    vae_dsl_bernoulli_log_likelihood(logits, x, reconstruction, workspace + layout->probabilities, rows, rows,
        last->outputs);

    /* ELBO_b = log p(x_b|z_b) - KL_b; loss = (1/B) Σ_b [ β KL_b - log p(x_b|z_b) ] */
    double sum = 0.0;
    for (int64_t b = 0; b < rows; b++) {
        elbo[b] = reconstruction[b] - kl[b];
        sum += beta * kl[b] - reconstruction[b];
    }
    *loss = (float)(sum / (double)rows);
}

/*
 * The backward pass of the forward pass whose activations fill the workspace, for the same x, ε, rows and β: every
 * parameter's gradient of the loss into its layer's gradient buffers.
 */
static void backward(const mlp_vae *model, const workspace_layout *layout, const float *x, const float *eps,
    int64_t rows, float beta, float *workspace)
{
    const mlp_vae_linear *mean_head = &model->layers[model->encoder_layers];
    const mlp_vae_linear *scale_head = mean_head + 1;
    const mlp_vae_linear *below_head = model->full_covariance ? mean_head + 2 : 0;
    const mlp_vae_linear *decoder = scale_head + 1 + model->full_covariance;
    const mlp_vae_linear *last = &decoder[model->decoder_layers - 1];
    int64_t latent = mean_head->outputs;
    /* ∂loss/∂KL_b = β c and ∂loss/∂log p(x_b|z_b) = -c, c = 1 / B */
    float c = 1.0f / (float)rows;

    /* dη_j = -c (x_j - sigmoid(η_j)), over η's buffer; db = Σ_rows dη */
    float *row_gradients = workspace + layout->row_gradients;
    for (int64_t b = 0; b < rows; b++) {
        row_gradients[b] = -c;
    }
    float *d_logits = workspace + layout->logits;
    vae_dsl_bernoulli_log_likelihood_backward(workspace + layout->probabilities, x, row_gradients, d_logits, rows,
        rows, last->outputs);
    mlp_vae_run_columns(column_sums, d_logits, 0, last->bias_gradient, rows, last->outputs);

    /* back through the decoder: dW = dyᵀ h, dh = dy W, then through h's ReLU */
    float *dy = d_logits;
    float *spare[2] = {workspace + layout->gradient_a, workspace + layout->gradient_b};
    float *z = workspace + layout->z;
    for (int32_t l = model->decoder_layers - 1; l >= 0; l--) {
        const float *input = l > 0 ? workspace + layout->hidden[model->encoder_layers + l - 1] : z;
        weight_gradient(&decoder[l], input, dy, rows);
        float *dx = l > 0 ? spare[l % 2] : workspace + layout->z_gradient;
        input_gradient(&decoder[l], dy, dx, rows, 0.0f);
        if (l > 0) {
            mlp_vae_run_columns(relu_gradient, dx, input, decoder[l - 1].bias_gradient, rows, decoder[l - 1].outputs);
        }
        dy = dx;
    }

    float *d_mean = workspace + layout->mean_gradient, *d_scale = workspace + layout->scale_gradient;
    float *d_below = below_head ? workspace + layout->below_gradient : 0;
    latent_pass posterior = {workspace + layout->mean, workspace + layout->scale, below_head ? workspace + layout->below : 0,
        workspace + layout->sigma, z, eps, 0, workspace + layout->z_gradient, d_mean, d_scale, d_below, latent,
        model->min_scale, beta * c};
    vae_dsl_parallel_for(rows, LATENT_ROW_GRAIN, posterior_gradient_rows, &posterior);
    mlp_vae_run_columns(column_sums, d_mean, 0, mean_head->bias_gradient, rows, latent);
    mlp_vae_run_columns(column_sums, d_scale, 0, scale_head->bias_gradient, rows, latent);
    if (below_head) {
        mlp_vae_run_columns(column_sums, d_below, 0, below_head->bias_gradient, rows, below_head->outputs);
    }

    /* the heads: dWμ = dμᵀ h, dWs = dsᵀ h (dWb = dBᵀ h), dh = dμ Wμ + ds Ws (+ dB Wb) */
    int32_t encoder_layers = model->encoder_layers;
    const float *h = encoder_layers > 0 ? workspace + layout->hidden[encoder_layers - 1] : x;
    weight_gradient(mean_head, h, d_mean, rows);
    weight_gradient(scale_head, h, d_scale, rows);
    if (below_head) {
        weight_gradient(below_head, h, d_below, rows);
    }
    if (encoder_layers == 0) {
        return;
    }
    float *d_h = spare[0];
    input_gradient(mean_head, d_mean, d_h, rows, 0.0f);
    input_gradient(scale_head, d_scale, d_h, rows, 1.0f);
    if (below_head) {
        input_gradient(below_head, d_below, d_h, rows, 1.0f);
    }
    mlp_vae_run_columns(relu_gradient, d_h, h, model->layers[encoder_layers - 1].bias_gradient, rows, mean_head->inputs);

    /* back through the encoder; the first layer's input, x, needs no gradient */
    for (int32_t l = encoder_layers - 1; l >= 0; l--) {
        const float *input = l > 0 ? workspace + layout->hidden[l - 1] : x;
        weight_gradient(&model->layers[l], input, d_h, rows);
        if (l > 0) {
            float *dx = spare[(encoder_layers - l) % 2];
            input_gradient(&model->layers[l], d_h, dx, rows, 0.0f);
            mlp_vae_run_columns(relu_gradient, dx, input, model->layers[l - 1].bias_gradient, rows, model->layers[l - 1].outputs);
            d_h = dx;
        }
    }
}

/*
 * The loss of a batch x [rows, features] with draws ε [rows, latent], (1/B) Σ_b [β KL_b - log p(x_b|z_b)], into
 * *loss; log p(x_b|z_b), KL_b and the ELBO into reconstruction[b], kl[b] and elbo[b]; and every parameter's gradient
 * of the loss into its layer's gradient buffers. The workspace holds vae_dsl_mlp_vae_workspace(model, rows) floats.
 * Returns 1, or 0 without touching anything where sgemm is missing or the model is not one this pass takes.
 */
EXPORT int32_t vae_dsl_mlp_vae_elbo_gradients(const mlp_vae *model, const float *x, const float *eps, int64_t rows,
    float beta, float *workspace, float *reconstruction, float *kl, float *elbo, float *loss)
{
    workspace_layout layout;
    if (!vae_dsl_mlp_vae_available() || layout_of(model, rows, &layout) != 0) {
        return 0;
    }
    forward(model, &layout, x, eps, rows, beta, workspace, reconstruction, kl, elbo, loss);
    backward(model, &layout, x, eps, rows, beta, workspace);
    return 1;
}
