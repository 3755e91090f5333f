/*
 * LD_PRELOAD shim for bench_render.sh: counts malloc/calloc/realloc calls and prints the count
 * to stderr at exit ("malloc_count: N"). Comparing two runs that differ only in frame count
 * gives the allocations per frame of the steady state.
 */
#define _GNU_SOURCE
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

static atomic_ulong calls;

void *malloc(size_t n)
{
    atomic_fetch_add(&calls, 1);
    return __libc_malloc(n);
}

void *calloc(size_t a, size_t b)
{
    atomic_fetch_add(&calls, 1);
    return __libc_calloc(a, b);
}

void *realloc(void *p, size_t n)
{
    atomic_fetch_add(&calls, 1);
    return __libc_realloc(p, n);
}

__attribute__((destructor)) static void report(void)
{
    fprintf(stderr, "malloc_count: %lu\n", (unsigned long)atomic_load(&calls));
}
