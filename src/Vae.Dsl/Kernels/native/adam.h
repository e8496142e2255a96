/*
 * The interface of adam.c: one Adam or AdamW step of several parameters, as the managed side
 * (src/Vae.Dsl/Kernels/NativeKernels.cs: AdamParameter, AdamScalars) lays it out.
 */
#ifndef VAE_DSL_ADAM_H
#define VAE_DSL_ADAM_H

#include <stdint.h>

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

/* One parameter's buffers, their length and the scalars of its step, laid out as the managed AdamParameter. */
typedef struct {
    float *w;
    const float *g;
    float *m;
    float *v;
    int64_t n;
    adam_scalars s;
} adam_parameter;

/* One step of `count` parameters, in one parallel region on libtorch's pool (adam.c). */
void vae_dsl_adam_step(const adam_parameter *parameters, int32_t count);

#endif
