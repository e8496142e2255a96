/*
 * The runner of parallel.h. libtorch ships its own libgomp (libgomp-<hash>.so.1) and runs every parallel kernel on
 * it; a second OpenMP runtime (or threads of our own) would spin against its pool on the same cores. So nothing here
 * links an OpenMP runtime: the entry points of the libgomp libtorch_cpu loaded are looked up once, through
 * libtorch_cpu's handle (dlsym searches a library's dependencies), and a parallel region is opened with
 * GOMP_parallel, the call gcc emits for `#pragma omp parallel`.
 */
#define _GNU_SOURCE
#include "kernels.h"
#include "parallel.h"

#include <dlfcn.h>
#include <pthread.h>
#if defined(__x86_64__)
#include <xmmintrin.h>
#endif

typedef void (*gomp_parallel_fn)(void (*body)(void *), void *data, unsigned threads, unsigned flags);
typedef int (*omp_query_fn)(void);

static struct {
    gomp_parallel_fn parallel;
    omp_query_fn max_threads;
    omp_query_fn thread_num;
    omp_query_fn num_threads;
    omp_query_fn in_parallel;
} omp;

static pthread_once_t omp_resolved = PTHREAD_ONCE_INIT;

static void resolve_omp(void)
{
    /* RTLD_NOLOAD: only the copy TorchSharp already loaded, never a new one */
    void *libtorch = dlopen("libtorch_cpu.so", RTLD_LAZY | RTLD_NOLOAD);
    if (!libtorch) {
        return;
    }
    gomp_parallel_fn parallel = (gomp_parallel_fn)dlsym(libtorch, "GOMP_parallel");
    omp_query_fn max_threads = (omp_query_fn)dlsym(libtorch, "omp_get_max_threads");
    omp_query_fn thread_num = (omp_query_fn)dlsym(libtorch, "omp_get_thread_num");
    omp_query_fn num_threads = (omp_query_fn)dlsym(libtorch, "omp_get_num_threads");
    omp_query_fn in_parallel = (omp_query_fn)dlsym(libtorch, "omp_in_parallel");
    if (parallel && max_threads && thread_num && num_threads && in_parallel) {
        omp.parallel = parallel;
        omp.max_threads = max_threads;
        omp.thread_num = thread_num;
        omp.num_threads = num_threads;
        omp.in_parallel = in_parallel;
    }
    /* the handle stays open: the functions must outlive this call, and libtorch_cpu is never unloaded anyway */
}

/* What each thread of the region needs: the pass, its split, and the caller's floating-point mode. */
typedef struct {
    vae_dsl_range_pass pass;
    void *context;
    int64_t count;
    int64_t parts;
    unsigned int mxcsr;
} region;

static void run_part(void *data)
{
    const region *r = data;
    int64_t part = omp.thread_num();
    int64_t threads = omp.num_threads();
    /* the team may be smaller than asked for: the parts are taken in turn, part, part + threads, ... */
    for (; part < r->parts; part += threads) {
        int64_t begin = r->count * part / r->parts;
        int64_t end = r->count * (part + 1) / r->parts;
#if defined(__x86_64__)
        unsigned int own = _mm_getcsr();
        _mm_setcsr(r->mxcsr);
        r->pass(r->context, begin, end);
        _mm_setcsr(own);
#else
        r->pass(r->context, begin, end);
#endif
    }
}

void vae_dsl_parallel_for(int64_t count, int64_t grain, vae_dsl_range_pass pass, void *context)
{
    if (count <= 0) {
        return;
    }
    pthread_once(&omp_resolved, resolve_omp);
    int64_t threads = omp.parallel && !omp.in_parallel() ? omp.max_threads() : 1;
    grain = grain < 1 ? 1 : grain;
    /* parts = min(threads, ceil(count / grain)) */
    int64_t parts = (count + grain - 1) / grain;
    parts = parts < threads ? parts : threads;
    if (parts <= 1) {
        pass(context, 0, count);
        return;
    }
    region r = {pass, context, count, parts, 0};
#if defined(__x86_64__)
    r.mxcsr = _mm_getcsr();
#endif
    omp.parallel(run_part, &r, (unsigned)parts, 0);
}

/* A pass over buffers laid end to end, as vae_dsl_parallel_for_buffers takes it. */
typedef struct {
    const int64_t *lengths;
    size_t stride;
    int32_t count;
    vae_dsl_part_pass part;
    void *context;
} buffers_pass;

/* Buffer i's length. */
static int64_t length_of(const buffers_pass *b, int32_t i)
{
    return *(const int64_t *)((const char *)b->lengths + (size_t)i * b->stride);
}

/* The items [begin, end) of the buffers laid end to end: one thread's share, each buffer's part of it. */
static void buffers_range(void *context, int64_t begin, int64_t end)
{
    const buffers_pass *b = context;
    int64_t offset = 0;
    for (int32_t i = 0; i < b->count && offset < end; i++) {
        int64_t length = length_of(b, i);
        int64_t from = begin > offset ? begin - offset : 0;
        int64_t to = end - offset < length ? end - offset : length;
        if (from < to) {
            b->part(b->context, i, from, to);
        }
        offset += length;
    }
}

void vae_dsl_parallel_for_buffers(const int64_t *lengths, size_t stride, int32_t count, int64_t grain,
    vae_dsl_part_pass part, void *context)
{
    buffers_pass b = {lengths, stride, count, part, context};
    int64_t total = 0;
    for (int32_t i = 0; i < count; i++) {
        total += length_of(&b, i);
    }
    vae_dsl_parallel_for(total, grain, buffers_range, &b);
}

/* The threads a pass started on the calling thread runs on: its OpenMP pool's size, or 1 without libtorch's libgomp. */
EXPORT int32_t vae_dsl_pool_threads(void)
{
    pthread_once(&omp_resolved, resolve_omp);
    return omp.parallel && !omp.in_parallel() ? omp.max_threads() : 1;
}
