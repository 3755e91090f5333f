/*
 * Helpers shared by the fetcher's tests (test_fetch.c, test_fetch_sim.c): tests/feedserver.py
 * started by the test on 127.0.0.1 (with --watch-stdin, so it dies with us), its control
 * paths read with a plain libcurl handle (never the code under test), configurations and
 * caches in the server's scratch directory. static inline: each test uses what it needs.
 */
#ifndef TICKER_TESTS_FETCH_TESTUTIL_H
#define TICKER_TESTS_FETCH_TESTUTIL_H

#include "core/config.h"
#include "core/util.h"
#include "io/fetch.h"
#include "io/store.h"

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Loopback only: a proxy from the environment must not see the tests' requests. */
static inline void unset_proxies(void)
{
    static const char *const proxies[] = {"http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY",
                                          "ALL_PROXY",  "all_proxy",   "NO_PROXY",   "no_proxy"};
    for (size_t i = 0; i < ARRAY_LEN(proxies); i++)
        unsetenv(proxies[i]);
}

struct server {
    pid_t pid;
    int stdin_fd;
    int port, tls_port;
    char dir[64];
    char ca[128];
};

static inline bool server_start_at(struct server *s, long base_date)
{
    memset(s, 0, sizeof *s);
    snprintf(s->dir, sizeof s->dir, "/tmp/ticker-fetch-XXXXXX");
    if (!mkdtemp(s->dir))
        return false;
    snprintf(s->ca, sizeof s->ca, "%s/cert.pem", s->dir);
    int in[2], out[2];
    if (pipe(in) != 0 || pipe(out) != 0)
        return false;
    char base[32];
    snprintf(base, sizeof base, "%ld", base_date);
    pid_t pid = fork();
    if (pid < 0)
        return false;
    if (pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        close(in[1]);
        close(out[0]);
        execl("/usr/bin/python3", "python3", TICKER_TESTS_DIR "/feedserver.py", "--watch-stdin",
              "--tls", s->dir, "--base-date", base, (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    s->pid = pid;
    s->stdin_fd = in[1];
    FILE *fp = fdopen(out[0], "r");
    bool ok = fp && fscanf(fp, "%d %d", &s->port, &s->tls_port) == 2;
    if (fp)
        fclose(fp);
    return ok && s->port > 0 && s->tls_port > 0;
}

/* The fixtures' dates start at 1700000000 (November 2023). */
static inline bool server_start(struct server *s)
{
    return server_start_at(s, 1700000000L);
}

static inline void server_stop(struct server *s)
{
    if (s->pid <= 0)
        return;
    close(s->stdin_fd); /* the server exits when its stdin closes */
    waitpid(s->pid, NULL, 0);
    char path[160];
    snprintf(path, sizeof path, "%s/cert.pem", s->dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/key.pem", s->dir);
    unlink(path);
    rmdir(s->dir);
    s->pid = 0;
}

static struct server srv;

static inline char *url(const char *path)
{
    return xasprintf("http://127.0.0.1:%d%s", srv.port, path);
}

static inline char *tls_url(const char *path)
{
    return xasprintf("https://127.0.0.1:%d%s", srv.tls_port, path);
}

static inline size_t collect(char *data, size_t size, size_t n, void *ud)
{
    buf_append(ud, data, size * n);
    return size * n;
}

/* GET on the server's control paths with a plain libcurl handle (not the code under test). */
static inline cJSON *control(const char *path)
{
    char *u = url(path);
    struct buf b = {0};
    CURL *e = curl_easy_init();
    curl_easy_setopt(e, CURLOPT_URL, u);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &b);
    curl_easy_setopt(e, CURLOPT_PROXY, "");
    curl_easy_perform(e);
    curl_easy_cleanup(e);
    free(u);
    cJSON *j = b.data ? cJSON_Parse(b.data) : NULL;
    buf_free(&b);
    return j;
}

/* The request headers of the last request the server saw for `path` (JSON object). */
static inline cJSON *last_request(cJSON *log, const char *path)
{
    cJSON *last = NULL, *e;
    cJSON_ArrayForEach(e, log)
    {
        cJSON *p = cJSON_GetObjectItem(e, "path");
        if (cJSON_IsString(p) && strcmp(p->valuestring, path) == 0)
            last = e;
    }
    return last;
}

static inline const char *req_header(cJSON *entry, const char *name)
{
    cJSON *h = entry ? cJSON_GetObjectItem(entry, "headers") : NULL;
    cJSON *v = h ? cJSON_GetObjectItemCaseSensitive(h, name) : NULL;
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static inline int count_requests(cJSON *log, const char *path)
{
    int n = 0;
    cJSON *e;
    cJSON_ArrayForEach(e, log)
    {
        cJSON *p = cJSON_GetObjectItem(e, "path");
        n += cJSON_IsString(p) && strcmp(p->valuestring, path) == 0;
    }
    return n;
}

/* A fetcher for `cfg` and `st`; a failure to make one is reported and fails the test. */
static inline struct fetcher *new_fetcher(const struct config *cfg, struct store *st)
{
    struct error err = {0};
    struct fetcher *f = fetcher_new(cfg, st, &err);
    if (!f) {
        fprintf(stderr, "fetcher_new: %s\n", err.msg);
        exit(1);
    }
    return f;
}

/* Items in the fixtures are dated from 1700000000 on; cycles run at T so retention keeps them. */
#define T INT64_C(1700050000)

/*
 * A configuration with one feed per URL path (interval 600 s) and test-sized timeouts: one
 * configuration serves the stall faults and the feeds that must not time out in one cycle,
 * so the low-speed window is 5 s (short enough for the stalls, wider than a load hiccup: see
 * test_config). Article pages only when `articles` (their politeness gap would otherwise
 * slow every test down). `top`: more top-level members ("\"retention\": {...}, "), or NULL.
 */
static inline struct config *make_config_top(const char *top, const char *const *paths, size_t n,
                                             bool articles)
{
    struct buf j = {0};
    buf_printf(&j,
               "{%s\"interval\": 600, \"fetch_articles\": %s, \"fetch\": {\"connect_timeout\": 20,"
               " \"timeout\": 60, \"low_speed_limit\": 1024, \"low_speed_time\": 5},"
               " \"feeds\": [",
               top ? top : "", articles ? "true" : "false");
    for (size_t i = 0; i < n; i++)
        buf_printf(&j, "%s{\"url\": \"http://127.0.0.1:%d%s\", \"name\": \"f%zu\"}", i ? ", " : "",
                   srv.port, paths[i], i);
    buf_append_str(&j, "]}");
    struct config *base = config_default(NULL, 0);
    struct config_diags d = {0};
    struct config *cfg = config_parse(j.data, j.len, "test.json", base, &d);
    for (size_t i = 0; i < d.n; i++)
        fprintf(stderr, "%s\n", d.v[i].text);
    config_diags_free(&d);
    config_free(base);
    buf_free(&j);
    if (!cfg) {
        fprintf(stderr, "the test's own configuration is bad\n");
        exit(1);
    }
    return cfg;
}

static inline struct config *make_config_ex(const char *const *paths, size_t n, bool articles)
{
    return make_config_top(NULL, paths, n, articles);
}

static inline struct config *make_config(const char *const *paths, size_t n)
{
    return make_config_ex(paths, n, false);
}

static char db_path[128];

static inline struct store *open_store(void)
{
    struct error err = {0};
    snprintf(db_path, sizeof db_path, "%s/cache-%d.db", srv.dir, (int)time(NULL) ^ rand());
    struct store *st = store_open(db_path, NULL, &err);
    if (!st)
        fprintf(stderr, "%s\n", err.msg);
    return st;
}

static inline void remove_store(struct store *st)
{
    store_close(st);
    char p[160];
    unlink(db_path);
    snprintf(p, sizeof p, "%s-wal", db_path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", db_path);
    unlink(p);
}

static inline size_t items_of(struct store *st, const char *feed_url)
{
    struct store_item_list l = {0};
    store_list(st, feed_url, 0, &l, NULL);
    size_t n = l.n;
    store_item_list_free(&l);
    return n;
}

static inline void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static inline int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

#endif
