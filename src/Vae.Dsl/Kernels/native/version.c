/* The interface version the managed side checks before it calls anything else. */
#include "kernels.h"

EXPORT int32_t vae_dsl_kernels_version(void)
{
    return VAE_DSL_KERNELS_VERSION;
}
