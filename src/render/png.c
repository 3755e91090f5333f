/*
 * Incremental PNG encoding and frame hashes by row groups (the format is described in
 * render/png.h and docs/render.md).
 *
 * A "piece" is one row group's state: a copy of its pixels (to see whether the next frame
 * changed them), their SHA-256, and once encoded its IDAT chunk and the Adler-32 of its
 * filtered rows. The render thread keeps the current piece of every group. A queued frame
 * holds a reference to the piece of each of its groups, so a piece is immutable while any
 * frame refers to it; a changed group gets a fresh piece (from a free list, so steady frames
 * allocate nothing), or has its piece rewritten in place when no queued frame refers to it.
 *
 * Encoder threads take queued frames in order. A thread encodes the pieces of its frame that
 * nobody has claimed yet, waits for those another thread is encoding (a frame refers only to
 * pieces made for it or for earlier frames, whose encoders never wait on later ones, so this
 * cannot deadlock), then assembles the file from the chunks and writes it with one write.
 *
 * Locking: one mutex guards the queue, the pieces' reference counts and encode flags, and the
 * free list; a piece's pixels, digest and chunk are written only by whoever owns it alone (the
 * render thread before it is queued, the claiming encoder before it is marked encoded) and read
 * by everyone after that.
 */
#include "render/png.h"
#include "core/util.h"

#include <errno.h>
#include <fcntl.h>
#include <nettle/sha2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#define G PNG_OUT_GROUP_ROWS
/* The longest file name a queued frame keeps (longer ones are cut, and fail to open). */
#define PATH_BYTES 4096

/* ---- encoding one group ------------------------------------------------------------------- */

struct piece {
    uint32_t *rows; /* the group's pixels, w per row */
    uint8_t digest[32];
    uint8_t *chunk; /* the whole IDAT chunk: length, type, deflate data, CRC */
    size_t chunk_len, chunk_cap;
    uint32_t adler; /* Adler-32 of the group's filtered rows */
    int refs;       /* guarded by mu: the render thread's `cur` and queued frames */
    bool claimed;   /* guarded by mu: an encoder is encoding it */
    bool encoded;   /* guarded by mu: chunk and adler are ready */
    struct piece *next_free;
};

/* What one encoding thread needs: a deflate state and the filtered rows of one group. */
struct encoder {
    z_stream z;
    uint8_t *raw;
    size_t raw_cap;
};

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static void encoder_init(struct encoder *e)
{
    memset(e, 0, sizeof *e);
    /* Raw deflate (no zlib wrapper: the frame carries one), level 1, the default window. It
     * fails only without memory, which aborts everywhere else too (xmalloc). */
    if (deflateInit2(&e->z, 1, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        abort();
}

static void encoder_free(struct encoder *e)
{
    deflateEnd(&e->z);
    free(e->raw);
    memset(e, 0, sizeof *e);
}

static size_t raw_row_len(int w)
{
    return 1 + (size_t)w * 3;
}

/* One row with the Sub filter: each byte minus the same channel of the pixel to its left. */
static void filter_row(uint8_t *out, const uint32_t *px, int w)
{
    *out++ = 1;
    uint8_t pr = 0, pg = 0, pb = 0;
    for (int x = 0; x < w; x++) {
        uint32_t p = px[x];
        uint8_t r = (uint8_t)(p >> 16), g = (uint8_t)(p >> 8), b = (uint8_t)p;
        out[0] = (uint8_t)(r - pr);
        out[1] = (uint8_t)(g - pg);
        out[2] = (uint8_t)(b - pb);
        out += 3;
        pr = r;
        pg = g;
        pb = b;
    }
}

static void chunk_reserve(struct piece *p, size_t need)
{
    if (p->chunk_cap < need) {
        p->chunk_cap = need;
        p->chunk = xrealloc(p->chunk, need);
    }
}

/* Filters and compresses the group's rows (n rows of w pixels) into p->chunk. */
static void encode_piece(struct encoder *e, struct piece *p, int w, int n)
{
    size_t rl = raw_row_len(w), len = rl * (size_t)n;
    if (e->raw_cap < len) {
        e->raw_cap = len;
        e->raw = xrealloc(e->raw, len);
    }
    for (int y = 0; y < n; y++)
        filter_row(e->raw + (size_t)y * rl, p->rows + (size_t)y * (size_t)w, w);
    p->adler = (uint32_t)adler32(1, e->raw, (uInt)len);

    /* A reset state, so the piece is a function of its rows alone; the full flush ends it on
     * a byte boundary with no reference into it from what follows. */
    deflateReset(&e->z);
    size_t bound = deflateBound(&e->z, (uLong)len) + 16;
    chunk_reserve(p, bound + 12);
    e->z.next_in = e->raw;
    e->z.avail_in = (uInt)len;
    size_t out = 8;
    for (;;) {
        e->z.next_out = p->chunk + out;
        e->z.avail_out = (uInt)(p->chunk_cap - 4 - out);
        int rc = deflate(&e->z, Z_FULL_FLUSH);
        out = (size_t)(e->z.next_out - p->chunk);
        if (rc != Z_OK && rc != Z_BUF_ERROR)
            abort(); /* only a programming error gets here (a stream state deflate rejects) */
        if (e->z.avail_in == 0 && e->z.avail_out > 0)
            break;
        chunk_reserve(p, p->chunk_cap * 2);
    }
    size_t data = out - 8;
    put32(p->chunk, (uint32_t)data);
    memcpy(p->chunk + 4, "IDAT", 4);
    uLong crc = crc32(crc32(0, NULL, 0), p->chunk + 4, (uInt)(data + 4));
    put32(p->chunk + out, (uint32_t)crc);
    p->chunk_len = out + 4;
}

/* ---- assembling a file -------------------------------------------------------------------- */

static const uint8_t png_signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

static uint8_t *write_chunk(uint8_t *o, const char *type, const uint8_t *data, uint32_t len)
{
    put32(o, len);
    memcpy(o + 4, type, 4);
    if (len)
        memcpy(o + 8, data, len);
    uLong crc = crc32(crc32(0, NULL, 0), o + 4, len + 4);
    put32(o + 8 + len, (uint32_t)crc);
    return o + 12 + len;
}

static int group_rows(int h, int g)
{
    return h - g * G < G ? h - g * G : G;
}

/* The whole file from the encoded pieces of every group, into *buf (grown as needed). */
static size_t assemble(uint8_t **buf, size_t *cap, int w, int h, struct piece *const *pieces,
                       int n_groups)
{
    size_t total = 8 + 25 + 14 + 18 + 12;
    for (int g = 0; g < n_groups; g++)
        total += pieces[g]->chunk_len;
    if (*cap < total) {
        *cap = total;
        *buf = xrealloc(*buf, total);
    }
    uint8_t *o = *buf;
    memcpy(o, png_signature, 8);
    o += 8;
    uint8_t ihdr[13];
    put32(ihdr, (uint32_t)w);
    put32(ihdr + 4, (uint32_t)h);
    ihdr[8] = 8;  /* bits per channel */
    ihdr[9] = 2;  /* RGB */
    ihdr[10] = 0; /* deflate */
    ihdr[11] = 0; /* the five filters */
    ihdr[12] = 0; /* not interlaced */
    o = write_chunk(o, "IHDR", ihdr, 13);
    /* zlib header: deflate, 32 KiB window, "fastest" level, check bits. */
    static const uint8_t zhead[2] = {0x78, 0x01};
    o = write_chunk(o, "IDAT", zhead, 2);
    uLong adler = adler32(0, NULL, 0);
    size_t rl = raw_row_len(w);
    for (int g = 0; g < n_groups; g++) {
        memcpy(o, pieces[g]->chunk, pieces[g]->chunk_len);
        o += pieces[g]->chunk_len;
        adler = adler32_combine(adler, pieces[g]->adler, (z_off_t)(rl * (size_t)group_rows(h, g)));
    }
    /* The final block (fixed Huffman, end of block only: 03 00) and the Adler-32. */
    uint8_t tail[6] = {0x03, 0x00};
    put32(tail + 2, (uint32_t)adler);
    o = write_chunk(o, "IDAT", tail, 6);
    o = write_chunk(o, "IEND", NULL, 0);
    return (size_t)(o - *buf);
}

/* Writes the file; on failure removes what was written and says why, naming the file. */
static bool write_file(const char *path, const uint8_t *data, size_t len, struct error *err)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0)
        return error_set(err, "%s: %s", path, strerror(errno));
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(fd, data + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            int e = n < 0 ? errno : EIO;
            close(fd);
            unlink(path);
            return error_set(err, "%s: %s", path, strerror(e));
        }
        done += (size_t)n;
    }
    if (close(fd) != 0) {
        int e = errno;
        unlink(path);
        return error_set(err, "%s: %s", path, strerror(e));
    }
    return true;
}

/* ---- hashing ------------------------------------------------------------------------------ */

/* Nettle's SHA-256: its state lives on the stack (no allocation per frame) and it uses the CPU's
 * SHA instructions where there are some. */
static void hash_rows(const uint32_t *rows, size_t row_stride_px, int w, int n, uint8_t out[32])
{
    struct sha256_ctx c;
    sha256_init(&c);
    for (int y = 0; y < n; y++)
        sha256_update(&c, (size_t)w * 4, (const uint8_t *)(rows + (size_t)y * row_stride_px));
    sha256_digest(&c, SHA256_DIGEST_SIZE, out);
}

static void hash_frame(struct piece *const *pieces, int n_groups, uint8_t out[32])
{
    struct sha256_ctx c;
    sha256_init(&c);
    for (int g = 0; g < n_groups; g++)
        sha256_update(&c, 32, pieces[g]->digest);
    sha256_digest(&c, SHA256_DIGEST_SIZE, out);
}

static const uint32_t *row_at(const uint32_t *px, int pitch, int y)
{
    return (const uint32_t *)((const char *)px + (size_t)y * (size_t)pitch);
}

/* Copies the rows of group g from the frame into the piece. */
static void take_rows(struct piece *p, const uint32_t *px, int pitch, int w, int h, int g)
{
    int n = group_rows(h, g);
    for (int y = 0; y < n; y++)
        memcpy(p->rows + (size_t)y * (size_t)w, row_at(px, pitch, g * G + y), (size_t)w * 4);
}

void png_out_frame_digest(const uint32_t *pixels, int w, int h, int pitch, uint8_t digest[32])
{
    struct sha256_ctx c;
    sha256_init(&c);
    for (int g = 0; g * G < h; g++) {
        uint8_t d[32];
        hash_rows(row_at(pixels, pitch, g * G), (size_t)pitch / 4, w, group_rows(h, g), d);
        sha256_update(&c, 32, d);
    }
    sha256_digest(&c, SHA256_DIGEST_SIZE, digest);
}

bool png_out_write(const char *path, const uint32_t *pixels, int w, int h, int pitch,
                   struct error *err)
{
    struct encoder e;
    encoder_init(&e);
    int n_groups = (h + G - 1) / G;
    struct piece *pieces = xcalloc((size_t)n_groups, sizeof *pieces);
    struct piece **refs = xcalloc((size_t)n_groups, sizeof *refs);
    for (int g = 0; g < n_groups; g++) {
        pieces[g].rows = xmalloc((size_t)w * G * 4);
        take_rows(&pieces[g], pixels, pitch, w, h, g);
        encode_piece(&e, &pieces[g], w, group_rows(h, g));
        refs[g] = &pieces[g];
    }
    uint8_t *buf = NULL;
    size_t cap = 0;
    size_t len = assemble(&buf, &cap, w, h, refs, n_groups);
    bool ok = write_file(path, buf, len, err);
    free(buf);
    for (int g = 0; g < n_groups; g++) {
        free(pieces[g].rows);
        free(pieces[g].chunk);
    }
    free(pieces);
    free(refs);
    encoder_free(&e);
    return ok;
}

/* ---- the frame sequence and its encoder pool ------------------------------------------------ */

enum job_state { JOB_FREE, JOB_QUEUED, JOB_BUSY, JOB_DONE };

/* One frame given to png_out_frames_add and not yet reported. */
struct job {
    enum job_state state; /* guarded by mu */
    int64_t tag;
    uint8_t digest[32];
    char *path;            /* PATH_BYTES, allocated with the job */
    struct piece **pieces; /* n_groups references */
    bool ok;               /* set by the encoder before JOB_DONE */
    struct error err;
};

struct png_out_frames {
    int w, h, n_groups;
    png_out_done_fn *done;
    void *ctx;
    struct piece **cur; /* render thread: each group's piece (NULL before the first frame) */
    uint8_t *changed;   /* render thread: per group, scratch */

    int n_threads, n_started;
    pthread_t *threads;
    pthread_mutex_t mu;
    pthread_cond_t cv; /* any change of a job's state or a piece's encoded flag */
    struct job *jobs;  /* a ring in submission order */
    int n_jobs;
    uint64_t next_seq;  /* render thread: the next job to fill is jobs[next_seq % n_jobs] */
    uint64_t reap_seq;  /* render thread: the next job to report */
    uint64_t take_seq;  /* guarded by mu: the next queued job an encoder takes */
    struct piece *free; /* guarded by mu */
    bool stop;          /* guarded by mu */
    bool failed;        /* guarded by mu */
    struct error first_err;
};

static struct piece *piece_get(struct png_out_frames *f)
{
    struct piece *p = f->free;
    if (p) {
        f->free = p->next_free;
    } else {
        p = xcalloc(1, sizeof *p);
        p->rows = xmalloc((size_t)f->w * G * 4);
    }
    p->refs = 1;
    p->claimed = p->encoded = false;
    p->next_free = NULL;
    return p;
}

/* Drops one reference (mu held). */
static void piece_unref(struct png_out_frames *f, struct piece *p)
{
    if (p && --p->refs == 0) {
        p->next_free = f->free;
        f->free = p;
    }
}

static void piece_free(struct piece *p)
{
    free(p->rows);
    free(p->chunk);
    free(p);
}

static void *encoder_main(void *arg)
{
    struct png_out_frames *f = arg;
    struct encoder e;
    encoder_init(&e);
    uint8_t *buf = NULL;
    size_t cap = 0;
    int *mine = xcalloc((size_t)f->n_groups, sizeof *mine); /* groups this thread encodes */
    pthread_mutex_lock(&f->mu);
    for (;;) {
        struct job *j = NULL;
        while (!f->stop && (f->take_seq == f->next_seq ||
                            f->jobs[f->take_seq % (uint64_t)f->n_jobs].state != JOB_QUEUED))
            pthread_cond_wait(&f->cv, &f->mu);
        if (f->take_seq < f->next_seq &&
            f->jobs[f->take_seq % (uint64_t)f->n_jobs].state == JOB_QUEUED)
            j = &f->jobs[f->take_seq++ % (uint64_t)f->n_jobs];
        if (!j)
            break; /* stopping, nothing queued */
        j->state = JOB_BUSY;
        int n_mine = 0;
        for (int g = 0; g < f->n_groups; g++) {
            struct piece *p = j->pieces[g];
            if (!p->encoded && !p->claimed) {
                p->claimed = true;
                mine[n_mine++] = g;
            }
        }
        pthread_mutex_unlock(&f->mu);
        for (int i = 0; i < n_mine; i++)
            encode_piece(&e, j->pieces[mine[i]], f->w, group_rows(f->h, mine[i]));
        pthread_mutex_lock(&f->mu);
        for (int i = 0; i < n_mine; i++)
            j->pieces[mine[i]]->encoded = true;
        if (n_mine)
            pthread_cond_broadcast(&f->cv);
        for (int g = 0; g < f->n_groups; g++)
            while (!j->pieces[g]->encoded)
                pthread_cond_wait(&f->cv, &f->mu);
        pthread_mutex_unlock(&f->mu);

        error_clear(&j->err);
        size_t len = assemble(&buf, &cap, f->w, f->h, j->pieces, f->n_groups);
        j->ok = write_file(j->path, buf, len, &j->err);

        pthread_mutex_lock(&f->mu);
        for (int g = 0; g < f->n_groups; g++) {
            piece_unref(f, j->pieces[g]);
            j->pieces[g] = NULL;
        }
        if (!j->ok && !f->failed) {
            f->failed = true;
            f->first_err = j->err;
        }
        j->state = JOB_DONE;
        pthread_cond_broadcast(&f->cv);
    }
    pthread_mutex_unlock(&f->mu);
    free(mine);
    free(buf);
    encoder_free(&e);
    return NULL;
}

struct png_out_frames *png_out_frames_new(int w, int h, int threads, int queue,
                                          png_out_done_fn *done, void *ctx, struct error *err)
{
    struct png_out_frames *f = xcalloc(1, sizeof *f);
    f->w = w;
    f->h = h;
    f->n_groups = (h + G - 1) / G;
    f->done = done;
    f->ctx = ctx;
    f->cur = xcalloc((size_t)f->n_groups, sizeof *f->cur);
    f->changed = xcalloc((size_t)f->n_groups, 1);
    pthread_mutex_init(&f->mu, NULL);
    pthread_cond_init(&f->cv, NULL);
    f->n_threads = threads < 0 ? 0 : threads;
    if (f->n_threads == 0)
        return f;
    f->n_jobs = f->n_threads + (queue < 1 ? 1 : queue);
    f->jobs = xcalloc((size_t)f->n_jobs, sizeof *f->jobs);
    for (int i = 0; i < f->n_jobs; i++) {
        f->jobs[i].pieces = xcalloc((size_t)f->n_groups, sizeof *f->jobs[i].pieces);
        f->jobs[i].path = xmalloc(PATH_BYTES);
    }
    f->threads = xcalloc((size_t)f->n_threads, sizeof *f->threads);
    for (int i = 0; i < f->n_threads; i++) {
        int rc = pthread_create(&f->threads[i], NULL, encoder_main, f);
        if (rc) {
            error_set(err, "cannot start a PNG encoder thread: %s", strerror(rc));
            png_out_frames_free(f);
            return NULL;
        }
        f->n_started++;
    }
    return f;
}

/* Reports the jobs before `upto` in order, waiting for each to finish. mu held. */
static void reap(struct png_out_frames *f, uint64_t upto)
{
    while (f->reap_seq < upto) {
        struct job *j = &f->jobs[f->reap_seq % (uint64_t)f->n_jobs];
        while (j->state != JOB_DONE)
            pthread_cond_wait(&f->cv, &f->mu);
        /* The callback runs without the lock: it writes files. The job stays DONE (not free)
         * until then, so nobody touches it. */
        pthread_mutex_unlock(&f->mu);
        if (f->done)
            f->done(f->ctx, j->tag, j->digest, j->ok);
        pthread_mutex_lock(&f->mu);
        j->state = JOB_FREE;
        f->reap_seq++;
    }
}

/* Reports the jobs that have finished, in order, without waiting. mu held. */
static void reap_ready(struct png_out_frames *f)
{
    while (f->reap_seq < f->next_seq &&
           f->jobs[f->reap_seq % (uint64_t)f->n_jobs].state == JOB_DONE)
        reap(f, f->reap_seq + 1);
}

bool png_out_frames_add(struct png_out_frames *f, const uint32_t *pixels, int pitch, int dirty_y0,
                        int dirty_y1, const char *path, int64_t tag, uint8_t digest[32],
                        struct error *err)
{
    int w = f->w, h = f->h;
    /* Which groups changed: those the scene redrew whose pixels differ, and any group never
     * seen. */
    int y0 = dirty_y0 < 0 ? 0 : dirty_y0, y1 = dirty_y1 > h ? h : dirty_y1;
    int g0 = y0 < y1 ? y0 / G : 0, g1 = y0 < y1 ? (y1 + G - 1) / G : 0;
    int n_changed = 0;
    for (int g = 0; g < f->n_groups; g++) {
        bool ch = !f->cur[g];
        if (!ch && g >= g0 && g < g1) {
            int n = group_rows(h, g);
            for (int y = 0; y < n && !ch; y++)
                ch = memcmp(f->cur[g]->rows + (size_t)y * (size_t)w,
                            row_at(pixels, pitch, g * G + y), (size_t)w * 4) != 0;
        }
        f->changed[g] = ch;
        n_changed += ch;
    }
    pthread_mutex_lock(&f->mu);
    if (f->n_threads)
        reap_ready(f);
    if (n_changed) {
        /* A piece only this thread refers to is rewritten in place; one a queued frame still
         * needs stays as it is and the group gets a new one. */
        for (int g = 0; g < f->n_groups; g++) {
            if (!f->changed[g])
                continue;
            struct piece *p = f->cur[g];
            if (p && p->refs == 1) {
                p->claimed = p->encoded = false;
            } else {
                piece_unref(f, p);
                f->cur[g] = piece_get(f);
            }
        }
    }
    pthread_mutex_unlock(&f->mu);
    for (int g = 0; g < f->n_groups; g++) {
        if (!f->changed[g])
            continue;
        struct piece *p = f->cur[g];
        take_rows(p, pixels, pitch, w, h, g);
        hash_rows(p->rows, (size_t)w, w, group_rows(h, g), p->digest);
    }
    uint8_t d[32];
    hash_frame(f->cur, f->n_groups, d);
    if (digest)
        memcpy(digest, d, 32);

    if (!path || !f->n_threads) {
        /* Reported in order: after every frame queued before it. */
        if (f->n_threads) {
            pthread_mutex_lock(&f->mu);
            reap(f, f->next_seq);
            pthread_mutex_unlock(&f->mu);
        }
        if (f->done)
            f->done(f->ctx, tag, d, true);
        return true;
    }
    pthread_mutex_lock(&f->mu);
    /* A free slot: the oldest job must have been reported. */
    if (f->next_seq - f->reap_seq == (uint64_t)f->n_jobs)
        reap(f, f->reap_seq + 1);
    if (f->failed) {
        if (err)
            *err = f->first_err;
        pthread_mutex_unlock(&f->mu);
        return false;
    }
    struct job *j = &f->jobs[f->next_seq % (uint64_t)f->n_jobs];
    j->tag = tag;
    memcpy(j->digest, d, 32);
    snprintf(j->path, PATH_BYTES, "%s", path);
    for (int g = 0; g < f->n_groups; g++) {
        j->pieces[g] = f->cur[g];
        f->cur[g]->refs++;
    }
    j->ok = false;
    j->state = JOB_QUEUED;
    f->next_seq++;
    pthread_cond_broadcast(&f->cv);
    pthread_mutex_unlock(&f->mu);
    return true;
}

bool png_out_frames_finish(struct png_out_frames *f, struct error *err)
{
    if (!f->n_threads)
        return true;
    pthread_mutex_lock(&f->mu);
    reap(f, f->next_seq);
    bool ok = !f->failed;
    if (!ok && err)
        *err = f->first_err;
    pthread_mutex_unlock(&f->mu);
    return ok;
}

void png_out_frames_free(struct png_out_frames *f)
{
    if (!f)
        return;
    pthread_mutex_lock(&f->mu);
    f->stop = true;
    pthread_cond_broadcast(&f->cv);
    pthread_mutex_unlock(&f->mu);
    for (int i = 0; i < f->n_started; i++)
        pthread_join(f->threads[i], NULL);
    /* Jobs never reported still hold their pieces. */
    for (int i = 0; i < f->n_jobs; i++) {
        for (int g = 0; g < f->n_groups; g++)
            if (f->jobs[i].pieces[g])
                piece_unref(f, f->jobs[i].pieces[g]);
        free(f->jobs[i].pieces);
        free(f->jobs[i].path);
    }
    for (int g = 0; g < f->n_groups; g++)
        piece_unref(f, f->cur[g]);
    while (f->free) {
        struct piece *p = f->free;
        f->free = p->next_free;
        piece_free(p);
    }
    free(f->jobs);
    free(f->threads);
    free(f->cur);
    free(f->changed);
    pthread_mutex_destroy(&f->mu);
    pthread_cond_destroy(&f->cv);
    free(f);
}
