/*
 * MKL's choice of code paths on processors not made by Intel (docs/threads.md, "MKL on AMD processors").
 *
 * The MKL inside libtorch_cpu asks mkl_serv_intel_cpu_true() before it looks at the processor's features, and on any
 * other maker's processor takes slower code paths: on an AMD EPYC with AVX-512, the default model's matrix products
 * ran at 130 GFLOP/s on 2 threads, and at 290 GFLOP/s when that answer was 1. libtorch_cpu exports the function and
 * calls it through its procedure linkage table, resolved at the first call, and the dynamic linker looks in the
 * process's global scope before the library itself. This library defines it to answer 1, so MKL picks its paths by
 * the features the processor reports alone; it takes effect once this library is in the global scope, which
 * vae_dsl_mkl_dispatch_by_features puts it in. On an Intel processor MKL's own function answers 1 as well.
 */
#define _GNU_SOURCE
#include "kernels.h"

#include <dlfcn.h>

/* MKL's question, answered for every processor: choose code paths by the processor's features. */
EXPORT int mkl_serv_intel_cpu_true(void)
{
    return 1;
}

/*
 * Puts this (already loaded) library into the process's global scope, so that libtorch_cpu's first call of
 * mkl_serv_intel_cpu_true, made when MKL first dispatches, reaches the definition above. Returns 1 where the symbol
 * then resolves here from the global scope, 0 where it does not (the dynamic linker refused, or the process had
 * another definition first).
 */
EXPORT int32_t vae_dsl_mkl_dispatch_by_features(void)
{
    Dl_info self;
    if (!dladdr((void *)vae_dsl_mkl_dispatch_by_features, &self) || !self.dli_fname) {
        return 0;
    }
    /* RTLD_NOLOAD: the copy already loaded, promoted to the global scope; the handle stays open for good */
    void *library = dlopen(self.dli_fname, RTLD_LAZY | RTLD_NOLOAD | RTLD_GLOBAL);
    if (!library) {
        return 0;
    }
    return dlsym(RTLD_DEFAULT, "mkl_serv_intel_cpu_true") == (void *)mkl_serv_intel_cpu_true;
}
