/*
 * IWAE_k of an MLP VAE (mlp_vae.h) for each example of a batch, forward only, in one call: the evaluation's log p(x)
 * estimate (docs/kernels.md, "The evaluation of an MLP VAE"). The model's own Iwae runs the same formulas as about 20
 * TorchSharp operations a call, each a few microseconds of dispatch and a pass over memory; here they run back to
 * back on the calling thread's pool (one thread in the evaluation's batch workers): the encoder and the decoder's
 * hidden layers by MKL's sgemm, the last layer and the likelihood by the fused Linear + Bernoulli pass, which never
 * stores η (linear_bernoulli_log_likelihood.c).
 *
 *   z_jb = μ_b + L_b ε_jb for the k draws ε_jb ~ N(0, I) of example b (L_b = diag σ_b for a diagonal posterior),
 *   log w_jb = log p(x_b|z_jb) + log p(z_jb) - log q(z_jb|x_b),
 *   IWAE_k(x_b) = logsumexp_j log w_jb - log k.
 *
 * Every operation rounds as IEEE float32 but the logsumexp's sum, which is double; the sums run in another order than
 * libtorch's, so the result agrees with the model's TorchSharp operations to float32 rounding, not to the bit.
 */
#include "linear_bernoulli.h"
#include "mlp_vae.h"
#include "mlp_vae_layers.h"
#include "parallel.h"

#include <math.h>

/* Where each buffer lives in the workspace, for a batch of `batch` examples and k samples each: offsets in floats. */
typedef struct {
    int64_t hidden_a, hidden_b; /* the hidden layers' outputs, in turn: layer l of either side into a or b by l mod 2 */
    int64_t mean, scale, below; /* μ, s before softplus and B: [batch, latent] ([batch, latent (latent - 1) / 2]) */
    int64_t sigma, log_sigma;   /* σ and log σ: [batch, latent] */
    int64_t z;                  /* z: [k batch, latent] */
    int64_t log_ratio;          /* log p(z) - log q(z|x): [k batch] */
    int64_t log_likelihood;     /* log p(x|z): [k batch] */
    int64_t likelihood;         /* the fused pass's own workspace */
    int64_t total;
} iwae_layout;

/* The last decoder layer, which gives η. */
static const mlp_vae_linear *last_layer(const mlp_vae *model)
{
    return &mlp_vae_decoder(model)[model->decoder_layers - 1];
}

/* 0 where the model is one this call takes (mlp_vae_shape_is_valid), its workspace laid out in `layout`. */
static int layout_of(const mlp_vae *model, int64_t batch, int64_t samples, iwae_layout *layout)
{
    if (!mlp_vae_shape_is_valid(model) || batch < 1 || samples < 1) {
        return -1;
    }
    int64_t rows = batch * samples;
    int64_t latent = mlp_vae_mean_head(model)->outputs;
    int64_t entries = model->full_covariance ? latent * (latent - 1) / 2 : 0;
    /* hidden layer l of either side writes buffer l mod 2: each buffer as large as its largest output */
    int64_t largest[2] = {0, 0};
    for (int32_t l = 0; l < model->encoder_layers; l++) {
        int64_t size = model->layers[l].outputs * batch;
        largest[l % 2] = size > largest[l % 2] ? size : largest[l % 2];
    }
    for (int32_t l = 0; l < model->decoder_layers - 1; l++) {
        int64_t size = mlp_vae_decoder(model)[l].outputs * rows;
        largest[l % 2] = size > largest[l % 2] ? size : largest[l % 2];
    }
    const mlp_vae_linear *last = last_layer(model);
    int64_t offset = 0;
    layout->hidden_a = offset, offset += largest[0];
    layout->hidden_b = offset, offset += largest[1];
    layout->mean = offset, offset += batch * latent;
    layout->scale = offset, offset += batch * latent;
    layout->below = offset, offset += batch * entries;
    layout->sigma = offset, offset += batch * latent;
    layout->log_sigma = offset, offset += batch * latent;
    layout->z = offset, offset += rows * latent;
    layout->log_ratio = offset, offset += rows;
    layout->log_likelihood = offset, offset += rows;
    layout->likelihood = offset, offset += vae_dsl_linear_bernoulli_log_likelihood_workspace(rows, last->inputs,
        last->outputs);
    layout->total = offset;
    return 0;
}

/* The floats of workspace vae_dsl_mlp_vae_iwae needs, or -1 where the model is not one it takes. */
EXPORT int64_t vae_dsl_mlp_vae_iwae_workspace(const mlp_vae *model, int64_t batch, int64_t samples)
{
    iwae_layout layout;
    return layout_of(model, batch, samples, &layout) == 0 ? layout.total : -1;
}

/*
 * The posterior's draws and their log-densities for the rows [begin, end) of [batch, k], row r = b k + j: one
 * example's draws side by side, so that the decoder's hidden features of neighbouring rows share most of their zeros
 * (the fused pass skips them, linear_bernoulli_avx512.c). ε comes as torch.randn(k, batch, latent) lays it out.
 */
typedef struct {
    const float *mean, *below, *sigma, *log_sigma; /* μ, B, σ and log σ of each example */
    const float *eps;
    float *z, *log_ratio;
    int64_t batch, samples, latent;
} draw_pass;

/* ½ log 2π */
#define HALF_LOG_TWO_PI 0.918938533204672742f

static void draw_rows(void *context, int64_t begin, int64_t end)
{
    const draw_pass *p = context;
    int64_t d = p->latent, entries = d * (d - 1) / 2;
    for (int64_t r = begin; r < end; r++) {
        int64_t b = r / p->samples, j = r % p->samples;
        const float *mean = p->mean + b * d, *sigma = p->sigma + b * d, *log_sigma = p->log_sigma + b * d;
        const float *eps = p->eps + (j * p->batch + b) * d;
        float *z = p->z + r * d;
        float log_prior = 0.0f, log_posterior = 0.0f, log_determinant = 0.0f;
        for (int64_t i = 0, k = 0; i < d; i++) {
            /* z_i = μ_i + Σ_j L_ij ε_j = μ_i + Σ_{j<i} B_k ε_j + σ_i ε_i */
            float product = 0.0f;
            if (p->below) {
                const float *below = p->below + b * entries;
                for (int64_t j = 0; j < i; j++, k++) {
                    product += below[k] * eps[j];
                }
            }
            product += sigma[i] * eps[i];
            z[i] = mean[i] + product;
            /* log p(z) = Σ_i [ -½ z_i² - ½ log 2π ] */
            log_prior += -0.5f * (z[i] * z[i]) - HALF_LOG_TWO_PI;
            /* log q(z|x) = Σ_i [ -½ ε_i² - ½ log 2π ] - Σ_i log σ_i */
            log_posterior += -0.5f * (eps[i] * eps[i]) - HALF_LOG_TWO_PI;
            log_determinant += log_sigma[i];
        }
        p->log_ratio[r] = log_prior - (log_posterior - log_determinant);
    }
}

/* Rows per thread at least: each row's terms are about 20 ns a latent dimension. */
#define DRAW_ROW_GRAIN 64

/*
 * IWAE_k(x_b) into iwae[b] for a batch x [batch, features] and draws ε [k, batch, latent] (sample j of example b at
 * row j batch + b, as torch.randn(k, batch, latent) lays them out), in `workspace` of vae_dsl_mlp_vae_iwae_workspace
 * floats. Returns 1, or 0 without touching anything where sgemm or the fused likelihood pass is missing or the model
 * is not one this call takes.
 */
EXPORT int32_t vae_dsl_mlp_vae_iwae(const mlp_vae *model, const float *x, const float *eps, int64_t batch,
    int64_t samples, float *workspace, float *iwae)
{
    iwae_layout layout;
    if (!vae_dsl_mlp_vae_available() || !vae_dsl_linear_bernoulli_log_likelihood_available() ||
        layout_of(model, batch, samples, &layout) != 0) {
        return 0;
    }
    const mlp_vae_linear *mean_head = mlp_vae_mean_head(model);
    const mlp_vae_linear *scale_head = mean_head + 1;
    const mlp_vae_linear *below_head = model->full_covariance ? mean_head + 2 : 0;
    const mlp_vae_linear *decoder = mlp_vae_decoder(model);
    const mlp_vae_linear *last = last_layer(model);
    int64_t latent = mean_head->outputs, rows = batch * samples;
    float *spare[2] = {workspace + layout.hidden_a, workspace + layout.hidden_b};

    /* h = relu(... relu(x W₁ᵀ + b₁) ...) */
    const float *h = x;
    for (int32_t l = 0; l < model->encoder_layers; l++) {
        float *output = spare[l % 2];
        mlp_vae_linear_product(&model->layers[l], h, output, batch);
        mlp_vae_run_columns(mlp_vae_add_bias_relu, output, model->layers[l].bias, 0, batch, model->layers[l].outputs);
        h = output;
    }

    /* μ = h Wμᵀ + bμ, s = h Wsᵀ + bs (B = h Wbᵀ + bb) */
    float *mean = workspace + layout.mean, *scale = workspace + layout.scale;
    float *below = below_head ? workspace + layout.below : 0;
    mlp_vae_linear_product(mean_head, h, mean, batch);
    mlp_vae_run_columns(mlp_vae_add_bias, mean, mean_head->bias, 0, batch, latent);
    mlp_vae_linear_product(scale_head, h, scale, batch);
    mlp_vae_run_columns(mlp_vae_add_bias, scale, scale_head->bias, 0, batch, latent);
    if (below_head) {
        mlp_vae_linear_product(below_head, h, below, batch);
        mlp_vae_run_columns(mlp_vae_add_bias, below, below_head->bias, 0, batch, below_head->outputs);
    }
    float *sigma = workspace + layout.sigma, *log_sigma = workspace + layout.log_sigma;
    for (int64_t i = 0; i < batch * latent; i++) {
        /* σ = softplus(s) + min_scale */
        sigma[i] = mlp_vae_softplus(scale[i]) + model->min_scale;
        log_sigma[i] = logf(sigma[i]);
    }

    /* z = μ + L ε, and log p(z) - log q(z|x), for every draw */
    float *z = workspace + layout.z, *log_ratio = workspace + layout.log_ratio;
    draw_pass draws = {mean, below, sigma, log_sigma, eps, z, log_ratio, batch, samples, latent};
    vae_dsl_parallel_for(rows, DRAW_ROW_GRAIN, draw_rows, &draws);

    /* the decoder's hidden features: relu(... relu(z W₁ᵀ + b₁) ...) */
    h = z;
    for (int32_t l = 0; l < model->decoder_layers - 1; l++) {
        float *output = spare[l % 2];
        mlp_vae_linear_product(&decoder[l], h, output, rows);
        mlp_vae_run_columns(mlp_vae_add_bias_relu, output, decoder[l].bias, 0, rows, decoder[l].outputs);
        h = output;
    }

    /* log p(x|z) = Σ_j [ x_j η_j - softplus(η_j) ], η = h Wₙᵀ + bₙ, x_b for the k rows b k .. b k + k - 1 */
    float *log_likelihood = workspace + layout.log_likelihood;
    vae_dsl_linear_bernoulli_log_likelihood_on(vae_dsl_linear_bernoulli_log_likelihood_available(), h, last->weight,
        last->bias, x, log_likelihood, workspace + layout.likelihood, rows, last->inputs, last->outputs, batch, samples);

    double log_samples = log((double)samples);
    for (int64_t b = 0; b < batch; b++) {
        /* log w_j = log p(x|z_j) + log p(z_j) - log q(z_j|x); their largest first, then logsumexp_j log w_j */
        const float *example_likelihood = log_likelihood + b * samples, *example_ratio = log_ratio + b * samples;
        float largest = -INFINITY;
        for (int64_t j = 0; j < samples; j++) {
            float log_weight = example_likelihood[j] + example_ratio[j];
            largest = log_weight > largest || log_weight != log_weight ? log_weight : largest;
        }
        if (!isfinite(largest)) {
            /* every weight 0 (-inf), one infinite (+inf), or one NaN: logsumexp is that value */
            iwae[b] = largest;
            continue;
        }
        double sum = 0.0;
        for (int64_t j = 0; j < samples; j++) {
            sum += exp((double)(example_likelihood[j] + example_ratio[j]) - largest);
        }
        /* IWAE_k = logsumexp_j log w_j - log k */
        iwae[b] = (float)(largest + log(sum) - log_samples);
    }
    return 1;
}
