/* The status file's writer thread (run_status.h). */
#include "app/display/run_status.h"

#include "app/statefile.h"
#include "core/log.h"
#include "core/util.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct runstatus {
    char *path, *cache_path;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    struct health pending; /* lock */
    bool have_pending;     /* lock */
    bool stopping;         /* lock */
    bool failed_before;    /* writer only: log a failure once, and the recovery */
};

static void copy_health(struct health *dst, const struct health *src)
{
    *dst = *src;
    dst->feeds = src->n_feeds ? xcalloc(src->n_feeds, sizeof *dst->feeds) : NULL;
    for (size_t i = 0; i < src->n_feeds; i++) {
        const struct health_feed *a = &src->feeds[i];
        dst->feeds[i] = *a;
        dst->feeds[i].name = a->name ? xstrdup(a->name) : NULL;
        dst->feeds[i].state = a->state ? xstrdup(a->state) : NULL;
        dst->feeds[i].detail = a->detail ? xstrdup(a->detail) : NULL;
    }
}

static void write_one(struct runstatus *s, struct health *h)
{
    struct stat st;
    h->cache_bytes = s->cache_path && stat(s->cache_path, &st) == 0 ? (int64_t)st.st_size : -1;
    char *json = health_to_json(h);
    struct error err = {0};
    if (!statefile_replace(s->path, json, strlen(json), 0640, &err)) {
        if (!s->failed_before)
            log_warn("run", "status file: %s", err.msg);
        s->failed_before = true;
    } else if (s->failed_before) {
        log_info("run", "status file: written again");
        s->failed_before = false;
    }
    free(json);
}

static void *writer(void *arg)
{
    struct runstatus *s = arg;
    pthread_mutex_lock(&s->lock);
    for (;;) {
        while (!s->have_pending && !s->stopping)
            pthread_cond_wait(&s->wake, &s->lock);
        if (s->have_pending) {
            struct health h = s->pending;
            memset(&s->pending, 0, sizeof s->pending);
            s->have_pending = false;
            pthread_mutex_unlock(&s->lock);
            write_one(s, &h);
            health_clear(&h);
            pthread_mutex_lock(&s->lock);
            continue;
        }
        if (s->stopping)
            break;
    }
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

struct runstatus *runstatus_start(const char *path, const char *cache_path, struct error *err)
{
    char *dir = xstrdup(path);
    char *slash = strrchr(dir, '/');
    bool ok = true;
    if (slash && slash != dir) {
        *slash = '\0';
        ok = statefile_make_dir(dir, err);
    }
    free(dir);
    if (!ok)
        return NULL;
    struct runstatus *s = xcalloc(1, sizeof *s);
    s->path = xstrdup(path);
    s->cache_path = cache_path ? xstrdup(cache_path) : NULL;
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->wake, NULL);
    int rc = pthread_create(&s->thread, NULL, writer, s);
    if (rc != 0) {
        error_set(err, "cannot start the status writer: %s", strerror(rc));
        pthread_mutex_destroy(&s->lock);
        pthread_cond_destroy(&s->wake);
        free(s->path);
        free(s->cache_path);
        free(s);
        return NULL;
    }
    return s;
}

void runstatus_publish(struct runstatus *s, const struct health *h)
{
    struct health copy;
    copy_health(&copy, h);
    pthread_mutex_lock(&s->lock);
    if (s->have_pending)
        health_clear(&s->pending);
    s->pending = copy;
    s->have_pending = true;
    pthread_cond_signal(&s->wake);
    pthread_mutex_unlock(&s->lock);
}

void runstatus_stop(struct runstatus *s)
{
    if (!s)
        return;
    pthread_mutex_lock(&s->lock);
    s->stopping = true;
    pthread_cond_signal(&s->wake);
    pthread_mutex_unlock(&s->lock);
    pthread_join(s->thread, NULL);
    if (s->have_pending)
        health_clear(&s->pending);
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->wake);
    free(s->path);
    free(s->cache_path);
    free(s);
}
