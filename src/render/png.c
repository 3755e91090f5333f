/*
 * libpng writer and encoder pool. libpng reports errors by longjmp; each write sets its own
 * jmp_buf and keeps only locals that survive it (volatile FILE *). The pool is a ring of
 * preallocated frame slots (pixels and path): the render thread copies a frame into a free slot
 * (waiting when all are busy), encoders take filled slots in order. No allocation per frame.
 */
#include "render/png.h"
#include "core/util.h"

#include <errno.h>
#include <png.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

struct write_err {
    char msg[200];
};

static void on_png_error(png_structp png, png_const_charp msg)
{
    struct write_err *e = png_get_error_ptr(png);
    snprintf(e->msg, sizeof e->msg, "%s", msg);
    png_longjmp(png, 1);
}

static void on_png_warning(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;
}

bool png_out_write(const char *path, const uint32_t *pixels, int w, int h, int pitch, char *err,
                   size_t err_len)
{
    FILE *volatile f = fopen(path, "wb");
    if (!f) {
        if (err)
            snprintf(err, err_len, "%s: %s", path, strerror(errno));
        return false;
    }
    struct write_err e = {""};
    png_structp png =
        png_create_write_struct(PNG_LIBPNG_VER_STRING, &e, on_png_error, on_png_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!png || !info) {
        png_destroy_write_struct(&png, &info);
        fclose(f);
        if (err)
            snprintf(err, err_len, "%s: out of memory in libpng", path);
        return false;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        fclose(f);
        remove(path);
        if (err)
            snprintf(err, err_len, "%s: PNG write failed: %s", path, e.msg);
        return false;
    }
    png_init_io(png, f);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(png, 1);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
    png_write_info(png, info);
    /* Memory holds B, G, R, A per pixel (little-endian ARGB8888): swap to RGB, drop the 4th. */
    png_set_bgr(png);
    png_set_filler(png, 0, PNG_FILLER_AFTER);
    for (int y = 0; y < h; y++)
        png_write_row(png, (png_const_bytep)((const char *)pixels + (size_t)y * (size_t)pitch));
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    if (fclose(f) != 0) {
        if (err)
            snprintf(err, err_len, "%s: %s", path, strerror(errno));
        return false;
    }
    return true;
}

enum slot_state { SLOT_FREE, SLOT_QUEUED, SLOT_BUSY };

struct slot {
    uint32_t *pixels; /* w * h, pitch w * 4 */
    char path[4096];
    enum slot_state state; /* guarded by mu */
    uint64_t seq;          /* submission order, guarded by mu */
};

struct png_out_pool {
    int w, h;
    int n_threads;
    pthread_t *threads;
    int n_started;
    pthread_mutex_t mu;
    pthread_cond_t cv; /* any state change */
    /* Slots: free, queued (encoded in submission order) or being encoded. Encoders finish
     * out of order, so each slot carries its own state. */
    struct slot *slots;
    int n_slots;
    int filled;        /* queued slots, guarded by mu */
    int busy;          /* slots taken by encoders, guarded by mu */
    uint64_t next_seq; /* render thread only */
    bool stop;         /* guarded by mu */
    bool failed;       /* guarded by mu */
    char first_err[300];
};

static void *encoder_main(void *arg)
{
    struct png_out_pool *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->filled && !p->stop)
            pthread_cond_wait(&p->cv, &p->mu);
        if (!p->filled && p->stop)
            break;
        struct slot *s = NULL;
        for (int i = 0; i < p->n_slots; i++)
            if (p->slots[i].state == SLOT_QUEUED && (!s || p->slots[i].seq < s->seq))
                s = &p->slots[i];
        s->state = SLOT_BUSY;
        p->filled--;
        p->busy++;
        pthread_mutex_unlock(&p->mu);
        char err[300];
        bool ok = png_out_write(s->path, s->pixels, p->w, p->h, p->w * 4, err, sizeof err);
        pthread_mutex_lock(&p->mu);
        s->state = SLOT_FREE;
        if (!ok && !p->failed) {
            p->failed = true;
            snprintf(p->first_err, sizeof p->first_err, "%s", err);
        }
        p->busy--;
        pthread_cond_broadcast(&p->cv);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

struct png_out_pool *png_out_pool_new(int threads, int queue, int w, int h, char *err,
                                      size_t err_len)
{
    struct png_out_pool *p = xcalloc(1, sizeof *p);
    p->w = w;
    p->h = h;
    p->n_threads = threads < 1 ? 1 : threads;
    p->n_slots = p->n_threads + (queue < 1 ? 1 : queue);
    p->slots = xcalloc((size_t)p->n_slots, sizeof *p->slots);
    for (int i = 0; i < p->n_slots; i++)
        p->slots[i].pixels = xmalloc((size_t)w * (size_t)h * 4);
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    p->threads = xcalloc((size_t)p->n_threads, sizeof *p->threads);
    for (int i = 0; i < p->n_threads; i++) {
        int rc = pthread_create(&p->threads[i], NULL, encoder_main, p);
        if (rc) {
            if (err)
                snprintf(err, err_len, "cannot start a PNG encoder thread: %s", strerror(rc));
            png_out_pool_free(p);
            return NULL;
        }
        p->n_started++;
    }
    return p;
}

bool png_out_pool_submit(struct png_out_pool *p, const char *path, const uint32_t *pixels,
                         int pitch)
{
    pthread_mutex_lock(&p->mu);
    /* A slot is free when it is neither queued nor being encoded. */
    while (p->filled + p->busy >= p->n_slots && !p->failed)
        pthread_cond_wait(&p->cv, &p->mu);
    if (p->failed) {
        pthread_mutex_unlock(&p->mu);
        return false;
    }
    struct slot *s = NULL;
    for (int i = 0; i < p->n_slots && !s; i++)
        if (p->slots[i].state == SLOT_FREE)
            s = &p->slots[i];
    pthread_mutex_unlock(&p->mu);
    /* Only this thread turns a free slot into a queued one, so s stays free meanwhile. */
    for (int y = 0; y < p->h; y++)
        memcpy(s->pixels + (size_t)y * (size_t)p->w,
               (const char *)pixels + (size_t)y * (size_t)pitch, (size_t)p->w * 4);
    snprintf(s->path, sizeof s->path, "%s", path);
    pthread_mutex_lock(&p->mu);
    s->seq = p->next_seq++;
    s->state = SLOT_QUEUED;
    p->filled++;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    return true;
}

bool png_out_pool_finish(struct png_out_pool *p, char *err, size_t err_len)
{
    pthread_mutex_lock(&p->mu);
    while (p->filled || p->busy)
        pthread_cond_wait(&p->cv, &p->mu);
    bool ok = !p->failed;
    if (!ok && err)
        snprintf(err, err_len, "%s", p->first_err);
    pthread_mutex_unlock(&p->mu);
    return ok;
}

void png_out_pool_free(struct png_out_pool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->mu);
    p->stop = true;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    for (int i = 0; i < p->n_started; i++)
        pthread_join(p->threads[i], NULL);
    for (int i = 0; i < p->n_slots; i++)
        free(p->slots[i].pixels);
    free(p->slots);
    free(p->threads);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->cv);
    free(p);
}
