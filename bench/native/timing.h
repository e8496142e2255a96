/* What the native microbenchmarks share: the calling thread's CPU time, and an order for sorting the samples. */
#ifndef VAE_DSL_BENCH_TIMING_H
#define VAE_DSL_BENCH_TIMING_H

#include <time.h>

/* Seconds of CPU time of the calling thread: other jobs on the machine do not count. */
static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

/* qsort's order of doubles, smallest first. */
static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

#endif
