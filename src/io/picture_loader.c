/*
 * The picture loader's thread and its slots (picture_loader.h). A slot is a request: queued,
 * being loaded, or done (with a picture or none). The render thread takes a done slot's
 * picture and frees the slot; a request nobody takes is the first to be dropped when the
 * slots are full.
 */
#include "io/picture_loader.h"

#include "core/log.h"
#include "core/util.h"
#include "io/imgdecode.h"
#include "io/store_pictures.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum slot_state { SLOT_FREE, SLOT_QUEUED, SLOT_LOADING, SLOT_DONE };

struct slot {
    enum slot_state state;
    char *id, *src;
    int w, h;
    struct picture *pic; /* SLOT_DONE: the picture, or NULL for none */
    uint64_t asked;      /* when it was asked for (a counter): the oldest goes first */
};

struct picture_loader {
    char *path;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stopping;                           /* lock */
    struct slot slots[PICTURE_LOADER_SLOTS]; /* lock */
    uint64_t clock;                          /* render thread only */
    struct store_picture_reader *reader;     /* loader thread only */
};

static void slot_clear(struct slot *s)
{
    free(s->id);
    free(s->src);
    picture_free(s->pic);
    memset(s, 0, sizeof *s);
}

/* One picture: read from the cache, decoded in the sandbox. NULL: none. Loader thread. */
static struct picture *load(struct picture_loader *l, const char *id, const char *src, int w, int h)
{
    struct error err = {0};
    if (!l->reader) {
        l->reader = store_picture_reader_open(l->path, &err);
        if (!l->reader) {
            log_warn("pictures", "%s", err.msg);
            return NULL;
        }
    }
    uint8_t *jpeg = NULL;
    size_t len = 0;
    int sw = 0, sh = 0;
    enum store_lookup r = store_picture_read(l->reader, id, src, &jpeg, &len, &sw, &sh, &err);
    if (r == STORE_LOOKUP_FAILED)
        log_warn("pictures", "%s", err.msg);
    if (r != STORE_FOUND)
        return NULL;
    /* Stored at another size (made for another screen, or by `ticker fetch`): the decoder
     * scales it to this card once more. */
    struct picture *pic = NULL;
    if (imgdecode_run(jpeg, len, w, h, NULL, &pic, NULL, &err) != IMGDECODE_OK)
        log_warn("pictures", "stored picture of %s: %s", id, err.msg);
    free(jpeg);
    return pic;
}

static void *loader_main(void *arg)
{
    struct picture_loader *l = arg;
    pthread_mutex_lock(&l->lock);
    while (!l->stopping) {
        struct slot *next = NULL;
        for (int i = 0; i < PICTURE_LOADER_SLOTS; i++)
            if (l->slots[i].state == SLOT_QUEUED && (!next || l->slots[i].asked < next->asked))
                next = &l->slots[i];
        if (!next) {
            pthread_cond_wait(&l->wake, &l->lock);
            continue;
        }
        next->state = SLOT_LOADING;
        char *id = xstrdup(next->id), *src = xstrdup(next->src);
        int w = next->w, h = next->h;
        pthread_mutex_unlock(&l->lock);
        struct picture *pic = load(l, id, src, w, h);
        pthread_mutex_lock(&l->lock);
        /* The slot may have been given up meanwhile (dropped when full): then the picture is
         * nobody's. */
        if (next->state == SLOT_LOADING && next->id && !strcmp(next->id, id) &&
            !strcmp(next->src, src)) {
            next->pic = pic;
            next->state = SLOT_DONE;
        } else {
            picture_free(pic);
        }
        free(id);
        free(src);
    }
    pthread_mutex_unlock(&l->lock);
    store_picture_reader_close(l->reader);
    l->reader = NULL;
    return NULL;
}

struct picture_loader *picture_loader_new(const char *cache_path, struct error *err)
{
    struct picture_loader *l = xcalloc(1, sizeof *l);
    l->path = xstrdup(cache_path);
    pthread_mutex_init(&l->lock, NULL);
    pthread_cond_init(&l->wake, NULL);
    int rc = pthread_create(&l->thread, NULL, loader_main, l);
    if (rc != 0) {
        error_set(err, "cannot start the picture loader: %s", strerror(rc));
        pthread_mutex_destroy(&l->lock);
        pthread_cond_destroy(&l->wake);
        free(l->path);
        free(l);
        return NULL;
    }
    return l;
}

void picture_loader_free(struct picture_loader *l)
{
    if (!l)
        return;
    pthread_mutex_lock(&l->lock);
    l->stopping = true;
    pthread_cond_signal(&l->wake);
    pthread_mutex_unlock(&l->lock);
    pthread_join(l->thread, NULL);
    for (int i = 0; i < PICTURE_LOADER_SLOTS; i++)
        slot_clear(&l->slots[i]);
    pthread_mutex_destroy(&l->lock);
    pthread_cond_destroy(&l->wake);
    free(l->path);
    free(l);
}

enum picture_loader_state picture_loader_get(struct picture_loader *l, const char *id,
                                             const char *src, int w, int h, struct picture **out)
{
    *out = NULL;
    if (!id || !src || w <= 0 || h <= 0)
        return PICTURE_LOADER_NONE;
    enum picture_loader_state res = PICTURE_LOADER_PENDING;
    pthread_mutex_lock(&l->lock);
    struct slot *found = NULL, *spare = NULL;
    for (int i = 0; i < PICTURE_LOADER_SLOTS; i++) {
        struct slot *s = &l->slots[i];
        if (s->state != SLOT_FREE && !strcmp(s->id, id) && !strcmp(s->src, src) && s->w == w &&
            s->h == h)
            found = s;
        /* A free slot, else the oldest that is not being loaded. */
        if (s->state == SLOT_FREE)
            spare = s;
        else if (s->state != SLOT_LOADING &&
                 (!spare || (spare->state != SLOT_FREE && s->asked < spare->asked)))
            spare = s;
    }
    if (found) {
        if (found->state == SLOT_DONE) {
            *out = found->pic;
            found->pic = NULL;
            res = *out ? PICTURE_LOADER_READY : PICTURE_LOADER_NONE;
            slot_clear(found);
        }
    } else if (spare) {
        slot_clear(spare);
        *spare = (struct slot){.state = SLOT_QUEUED,
                               .id = xstrdup(id),
                               .src = xstrdup(src),
                               .w = w,
                               .h = h,
                               .asked = ++l->clock};
        pthread_cond_signal(&l->wake);
    }
    pthread_mutex_unlock(&l->lock);
    return res;
}
