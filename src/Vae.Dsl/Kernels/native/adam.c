/*
 * One Adam or AdamW step per parameter, a single pass over its weight, gradient and both moments (docs/kernels.md).
 */
#include "kernels.h"
#include "parallel.h"

/* Elements per thread at least: below that, a parallel region costs more than it saves. */
#define ADAM_GRAIN 16384

/* The scalars of one Adam step, computed by the caller in double and rounded to float as libtorch rounds them. */
typedef struct {
    float weight_scale;   /* AdamW: 1 - lr wd; Adam: 1 */
    float gradient_decay; /* Adam: wd (the L2 term added to the gradient); AdamW: 0 */
    float beta1;
    float one_minus_beta1;
    float beta2;
    float one_minus_beta2;
    float sqrt_bias_correction2; /* sqrt(1 - beta2^t) */
    float eps;
    float negative_step_size; /* -lr / (1 - beta1^t) */
} adam_scalars;

/* One step's buffers and scalars, for each thread's share. */
typedef struct {
    float *restrict w;
    const float *restrict g;
    float *restrict m;
    float *restrict v;
    adam_scalars s;
} adam_pass;

/* The step over the elements [begin, end) of one parameter: one thread's share. */
static CLONES void adam_range(void *context, int64_t begin, int64_t end)
{
    const adam_pass *p = context;
    float *restrict w = p->w;
    const float *restrict g = p->g;
    float *restrict m = p->m;
    float *restrict v = p->v;
    const adam_scalars s = p->s;
    for (int64_t i = begin; i < end; i++) {
        float weight = w[i] * s.weight_scale;
        float gradient = g[i] + s.gradient_decay * weight;
        float first = m[i] * s.beta1 + s.one_minus_beta1 * gradient;
        float second = v[i] * s.beta2 + s.one_minus_beta2 * gradient * gradient;
        float denominator = __builtin_sqrtf(second) / s.sqrt_bias_correction2 + s.eps;
        m[i] = first;
        v[i] = second;
        w[i] = weight + s.negative_step_size * first / denominator;
    }
}

/*
 * One Adam step over n elements, as PyTorch's Adam and AdamW compute it:
 * w <- w s (AdamW's decoupled decay, s = 1 - lr wd), g <- g + wd w (Adam's L2 term),
 * m <- beta1 m + (1 - beta1) g, v <- beta2 v + (1 - beta2) g^2,
 * w <- w - lr / (1 - beta1^t) m / (sqrt(v) / sqrt(1 - beta2^t) + eps),
 * elementwise, on libtorch's pool (parallel.h).
 */
EXPORT void vae_dsl_adam_step(float *restrict w, const float *restrict g, float *restrict m,
    float *restrict v, int64_t n, const adam_scalars *scalars)
{
    adam_pass pass = {w, g, m, v, *scalars};
    vae_dsl_parallel_for(n, ADAM_GRAIN, adam_range, &pass);
}
