/*
 * One Adam or AdamW step of every parameter, a single pass over each weight, gradient and both moments, all of them in
 * one parallel region (docs/kernels.md).
 */
#include "adam.h"
#include "kernels.h"
#include "parallel.h"

/* Elements per thread at least: below that, a parallel region costs more than it saves. */
#define ADAM_GRAIN 16384

/* The step over the elements [begin, end) of one parameter. */
static CLONES void adam_elements(const adam_parameter *p, int64_t begin, int64_t end)
{
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

/* Parameter i's elements [from, to): its part of one thread's share. */
static void adam_part(void *context, int32_t i, int64_t from, int64_t to)
{
    const adam_parameter *parameters = context;
    adam_elements(&parameters[i], from, to);
}

/*
 * One Adam step of `count` parameters, as PyTorch's Adam and AdamW compute it, elementwise:
 * w <- w s (AdamW's decoupled decay, s = 1 - lr wd), g <- g + wd w (Adam's L2 term),
 * m <- beta1 m + (1 - beta1) g, v <- beta2 v + (1 - beta2) g^2,
 * w <- w - lr / (1 - beta1^t) m / (sqrt(v) / sqrt(1 - beta2^t) + eps),
 * in one parallel region on libtorch's pool (parallel.h) over all their elements; no two parameters' buffers overlap.
 */
EXPORT void vae_dsl_adam_step(const adam_parameter *parameters, int32_t count)
{
    if (count > 0) {
        /* the elements of all parameters laid end to end, one contiguous range per thread */
        vae_dsl_parallel_for_buffers(&parameters[0].n, sizeof *parameters, count, ADAM_GRAIN, adam_part,
            (void *)parameters);
    }
}
