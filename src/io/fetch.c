/*
 * The fetcher: transfers on one libcurl multi handle, cycles into the store, and the worker
 * thread (see fetch.h for the rules it implements).
 *
 * Transfers. We run our own queue instead of CURLMOPT_MAX_HOST_CONNECTIONS so that a request
 * waiting for a slot does not spend its timeouts waiting. Redirects are followed here rather
 * than by libcurl (CURLINFO_REDIRECT_URL resolves the Location for us): we need every hop's
 * status for the "301 three times" rule, we refuse https -> http and non-http targets
 * ourselves, we drop per-feed secrets when a redirect leaves the configured origin, and the
 * total timeout spans the whole chain. A request keeps its per-host slot under the host it
 * started with, even when a redirect takes it elsewhere (a simplification: it still holds one
 * slot, never more, so the overall limit holds). One easy handle per request is reused across its
 * hops; the multi handle keeps connections alive between cycles and a share handle keeps DNS
 * answers and TLS sessions.
 *
 * Cycles. Network first (all due feeds in one batch), then parsing and summarising, then one
 * short store transaction for everything. A transfer cancelled by fetcher_stop leaves its
 * feed's state untouched, as if it had not been polled.
 *
 * The worker sleeps in curl_multi_poll between cycles, so fetcher_stop's curl_multi_wakeup
 * reaches it the same way whether it is idle or mid-transfer.
 */
#include "io/fetch.h"
#include "io/fetch_impl.h"

#include "core/feed.h"
#include "core/summary.h"
#include "core/url.h"
#include "core/util.h"
#include "io/file.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Header values longer than this are ignored (no legitimate ETag or date is near it). */
#define HEADER_VALUE_MAX 2048

int64_t fetch_mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* splitmix64: small, good enough to spread polls; not for anything secret. */
uint32_t fetch_random(struct fetcher *f)
{
    uint64_t z = (f->rng += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return (uint32_t)((z ^ (z >> 31)) >> 32);
}

const char *fetch_status_str(enum fetch_status s)
{
    switch (s) {
    case FETCH_OK:
        return "ok";
    case FETCH_NOT_MODIFIED:
        return "not-modified";
    case FETCH_HTTP_ERROR:
        return "http-error";
    case FETCH_TOO_LARGE:
        return "too-large";
    case FETCH_TIMEOUT:
        return "timeout";
    case FETCH_NETWORK:
        return "network";
    case FETCH_TLS:
        return "tls";
    case FETCH_REDIRECT:
        return "redirect";
    case FETCH_BAD_URL:
        return "bad-url";
    case FETCH_FILE:
        return "file";
    case FETCH_CANCELLED:
        return "cancelled";
    case FETCH_PARSE:
        return "parse";
    }
    return "unknown";
}

void fetch_response_clear(struct fetch_response *r)
{
    if (!r)
        return;
    free(r->body);
    free(r->etag);
    free(r->last_modified);
    free(r->cache_control);
    free(r->retry_after);
    free(r->content_type);
    free(r->final_url);
    free(r->moved_to);
    memset(r, 0, sizeof *r);
}

bool fetch_global_init(void)
{
    return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
}

void fetch_global_cleanup(void)
{
    curl_global_cleanup();
}

struct fetcher *fetcher_new(const struct config *cfg, struct store *store, char *err, size_t errlen)
{
    struct fetcher *f = xcalloc(1, sizeof *f);
    f->cfg = cfg;
    f->store = store;
    atomic_init(&f->stopping, false);
    atomic_init(&f->cycles, 0);
    pthread_mutex_init(&f->lock, NULL);
    f->article_gap_ms = FETCH_ARTICLE_HOST_GAP_S * 1000;
    f->rng = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32) ^ (uint64_t)fetch_mono_ms();
    f->multi = curl_multi_init();
    f->share = curl_share_init();
    if (!f->multi || !f->share) {
        snprintf(err, errlen, "cannot initialise libcurl (multi or share handle)");
        fetcher_free(f);
        return NULL;
    }
    curl_share_setopt(f->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    curl_share_setopt(f->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    return f;
}

void fetcher_free(struct fetcher *f)
{
    if (!f)
        return;
    fetcher_stop(f);
    if (f->multi)
        curl_multi_cleanup(f->multi);
    if (f->share)
        curl_share_cleanup(f->share);
    story_snapshot_free(f->published);
    summary_ctx_free(f->summary);
    pthread_mutex_destroy(&f->lock);
    free(f->article_hosts);
    free(f->ca_file);
    free(f);
}

void fetcher_set_ca_file(struct fetcher *f, const char *path)
{
    free(f->ca_file);
    f->ca_file = path ? xstrdup(path) : NULL;
}

void fetcher_set_article_gap_ms(struct fetcher *f, int64_t ms)
{
    f->article_gap_ms = ms >= 0 ? ms : 0;
}

void fetcher_set_seed(struct fetcher *f, uint64_t seed)
{
    f->rng = seed ? seed : (uint64_t)time(NULL) ^ (uint64_t)fetch_mono_ms();
}

/* ---- URLs ---------------------------------------------------------------------------- */

/*
 * scheme://host:port of an http(s) URL into origin, and host:port into host (the queue key).
 * False for anything malformed or not http(s).
 */
static bool url_origin(const char *url, char *origin, size_t olen, char *host, size_t hlen)
{
    if (!url_scheme_is(url, "http") && !url_scheme_is(url, "https"))
        return false;
    CURLU *u = curl_url();
    if (!u)
        return false;
    bool ok = false;
    char *scheme = NULL, *h = NULL, *port = NULL;
    if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_HOST, &h, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK) {
        for (char *p = h; *p; p++)
            *p = (char)ascii_tolower((unsigned char)*p);
        snprintf(origin, olen, "%s://%s:%s", scheme, h, port);
        snprintf(host, hlen, "%s:%s", h, port);
        ok = true;
    }
    curl_free(scheme);
    curl_free(h);
    curl_free(port);
    curl_url_cleanup(u);
    return ok;
}

bool fetch_url_host(const char *url, char *host, size_t hlen)
{
    char origin[512];
    return url_origin(url, origin, sizeof origin, host, hlen);
}

/* ---- One transfer ---------------------------------------------------------------------- */

enum xfer_state { XFER_PENDING, XFER_ACTIVE, XFER_DONE };

struct xfer {
    struct fetcher *f;
    const struct fetch_request *req;
    struct fetch_response *resp;
    enum xfer_state state;
    CURL *easy;
    struct curl_slist *headers;
    char *url;         /* the hop in flight */
    char origin[512];  /* of the configured URL: per-feed headers go only here */
    char host[300];    /* queue key of the configured URL (host:port) */
    struct buf body;   /* the kept body (2xx), capped */
    int64_t discarded; /* body bytes of responses we do not keep, also capped */
    int hop_code;      /* status line of the response being received */
    bool too_large;
    bool permanent_so_far; /* every hop until now was 301/308 */
    int64_t start_ms;
    int64_t deadline_ms; /* the whole chain's total timeout */
    char errbuf[CURL_ERROR_SIZE];
};

static void set_str(char **dst, const char *s, size_t n)
{
    free(*dst);
    *dst = xstrndup(s, n);
}

static size_t header_cb(char *data, size_t size, size_t nitems, void *userdata)
{
    struct xfer *x = userdata;
    size_t len = size * nitems;
    if (len >= 5 && memcmp(data, "HTTP/", 5) == 0) {
        /* A new response (after a 1xx, or a new hop): forget the previous one's headers. */
        const char *sp = memchr(data, ' ', len);
        x->hop_code = 0;
        if (sp && (size_t)(sp - data) + 4 <= len && ascii_isdigit((unsigned char)sp[1]) &&
            ascii_isdigit((unsigned char)sp[2]) && ascii_isdigit((unsigned char)sp[3]))
            x->hop_code = (sp[1] - '0') * 100 + (sp[2] - '0') * 10 + (sp[3] - '0');
        struct fetch_response *r = x->resp;
        char **fields[] = {&r->etag, &r->last_modified, &r->cache_control, &r->retry_after,
                           &r->content_type};
        for (size_t i = 0; i < ARRAY_LEN(fields); i++) {
            free(*fields[i]);
            *fields[i] = NULL;
        }
        return len;
    }
    const char *colon = memchr(data, ':', len);
    if (!colon)
        return len;
    size_t nlen = (size_t)(colon - data);
    const char *v = colon + 1;
    const char *end = data + len;
    while (v < end && (*v == ' ' || *v == '\t'))
        v++;
    while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\t'))
        end--;
    size_t vlen = (size_t)(end - v);
    if (vlen > HEADER_VALUE_MAX)
        return len;
    static const struct {
        const char *name;
        size_t off;
    } wanted[] = {
        {"etag", offsetof(struct fetch_response, etag)},
        {"last-modified", offsetof(struct fetch_response, last_modified)},
        {"cache-control", offsetof(struct fetch_response, cache_control)},
        {"retry-after", offsetof(struct fetch_response, retry_after)},
        {"content-type", offsetof(struct fetch_response, content_type)},
    };
    for (size_t i = 0; i < ARRAY_LEN(wanted); i++) {
        if (strlen(wanted[i].name) == nlen && ascii_strncasecmp(data, wanted[i].name, nlen) == 0) {
            set_str((char **)((char *)x->resp + wanted[i].off), v, vlen);
            break;
        }
    }
    return len;
}

static bool keeps_body(int code)
{
    return code == 200 || code == 203;
}

/* Decoded body bytes: the size cap is enforced here, after decompression. */
static size_t write_cb(char *data, size_t size, size_t nmemb, void *userdata)
{
    struct xfer *x = userdata;
    size_t n = size * nmemb;
    if (atomic_load(&x->f->stopping))
        return 0;
    if (keeps_body(x->hop_code)) {
        if (!buf_append(&x->body, data, n)) {
            x->too_large = true;
            return 0; /* a short count makes libcurl abort with CURLE_WRITE_ERROR */
        }
    } else {
        x->discarded += (int64_t)n;
        if ((size_t)x->discarded > x->body.cap_limit) {
            x->too_large = true;
            return 0;
        }
    }
    return n;
}

static int xferinfo_cb(void *userdata, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                       curl_off_t ulnow)
{
    struct xfer *x = userdata;
    return atomic_load(&x->f->stopping) ? 1 : 0;
}

static void xfer_finish(struct xfer *x, enum fetch_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void xfer_finish(struct xfer *x, enum fetch_status st, const char *fmt, ...)
{
    struct fetch_response *r = x->resp;
    r->status = st;
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(r->error, sizeof r->error, fmt, ap);
        va_end(ap);
    }
    if (st == FETCH_OK && !r->body) {
        r->body_len = x->body.len;
        r->body = buf_steal(&x->body);
    }
    buf_free(&x->body);
    if (x->url && !r->final_url)
        r->final_url = xstrdup(x->url);
    if (x->start_ms)
        r->elapsed_ms = fetch_mono_ms() - x->start_ms;
    if (x->easy) {
        curl_easy_cleanup(x->easy);
        x->easy = NULL;
    }
    curl_slist_free_all(x->headers);
    x->headers = NULL;
    free(x->url);
    x->url = NULL;
    x->state = XFER_DONE;
}

/* Header values that would break the request line structure are never sent. */
static bool header_value_ok(const char *v)
{
    return v && *v && !strpbrk(v, "\r\n");
}

static struct curl_slist *build_headers(const struct xfer *x, bool same_origin)
{
    struct curl_slist *l = NULL;
    const struct fetch_request *q = x->req;
    char *line;
    if (header_value_ok(q->etag)) {
        line = xasprintf("If-None-Match: %s", q->etag);
        l = curl_slist_append(l, line);
        free(line);
    }
    if (header_value_ok(q->last_modified)) {
        line = xasprintf("If-Modified-Since: %s", q->last_modified);
        l = curl_slist_append(l, line);
        free(line);
    }
    if (same_origin) {
        for (size_t i = 0; i < q->n_headers; i++) {
            const struct config_header *h = &q->headers[i];
            if (!h->name || !*h->name || strpbrk(h->name, ":\r\n ") || !header_value_ok(h->value))
                continue;
            line = xasprintf("%s: %s", h->name, h->value);
            l = curl_slist_append(l, line);
            free(line);
        }
    }
    return l;
}

/* Configures the easy handle for the hop to x->url and adds it to the multi handle. */
static void xfer_start_hop(struct xfer *x)
{
    struct fetcher *f = x->f;
    const struct config_fetch *c = &f->cfg->fetch;
    int64_t left = x->deadline_ms - fetch_mono_ms();
    if (left <= 0) {
        xfer_finish(x, FETCH_TIMEOUT, "timed out after %d s (redirects included)", c->timeout);
        return;
    }
    char origin[512], host[300];
    if (!url_origin(x->url, origin, sizeof origin, host, sizeof host)) {
        xfer_finish(x, FETCH_BAD_URL, "not an http(s) URL: %.200s", x->url);
        return;
    }
    CURL *e = x->easy;
    curl_slist_free_all(x->headers);
    x->headers = build_headers(x, strcmp(origin, x->origin) == 0);
    x->hop_code = 0;
    x->errbuf[0] = '\0';
    buf_reset(&x->body);
    x->discarded = 0;

    curl_easy_setopt(e, CURLOPT_URL, x->url);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, x->headers);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, (long)left);
    if (atomic_load(&f->stopping))
        return;
    curl_multi_add_handle(f->multi, e);
    x->state = XFER_ACTIVE;
}

static void xfer_start(struct xfer *x)
{
    struct fetcher *f = x->f;
    const struct config_fetch *c = &f->cfg->fetch;
    x->start_ms = fetch_mono_ms();
    x->deadline_ms = x->start_ms + (int64_t)(c->timeout > 0 ? c->timeout : 60) * 1000;
    CURL *e = x->easy = curl_easy_init();
    if (!e) {
        xfer_finish(x, FETCH_NETWORK, "cannot create a libcurl handle");
        return;
    }
    curl_easy_setopt(e, CURLOPT_PRIVATE, x);
    curl_easy_setopt(e, CURLOPT_SHARE, f->share);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
    curl_easy_setopt(e, CURLOPT_USERAGENT,
                     f->cfg->user_agent ? f->cfg->user_agent : FETCH_DEFAULT_USER_AGENT);
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, ""); /* everything this libcurl decodes */
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
    if (f->ca_file)
        curl_easy_setopt(e, CURLOPT_CAINFO, f->ca_file);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT,
                     (long)(c->connect_timeout > 0 ? c->connect_timeout : 10));
    if (c->low_speed_limit > 0 && c->low_speed_time > 0) {
        curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, (long)c->low_speed_limit);
        curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, (long)c->low_speed_time);
    }
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, header_cb);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, x);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, write_cb);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
    curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, xferinfo_cb);
    curl_easy_setopt(e, CURLOPT_XFERINFODATA, x);
    curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L);
    xfer_start_hop(x);
}

static enum fetch_status status_of_curl(CURLcode rc)
{
    switch (rc) {
    case CURLE_OPERATION_TIMEDOUT:
        return FETCH_TIMEOUT;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_SHUTDOWN_FAILED:
        return FETCH_TLS;
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
        return FETCH_BAD_URL;
    case CURLE_ABORTED_BY_CALLBACK:
        return FETCH_CANCELLED;
    default:
        return FETCH_NETWORK;
    }
}

static bool is_redirect(int code)
{
    return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
}

/* A hop ended (libcurl says done): finish, or follow a redirect with a new hop. */
static void xfer_hop_done(struct xfer *x, CURLcode rc)
{
    struct fetcher *f = x->f;
    struct fetch_response *r = x->resp;
    curl_multi_remove_handle(f->multi, x->easy);
    x->state = XFER_PENDING; /* neither queued nor in flight until decided below */
    curl_off_t dl = 0;
    long hdr = 0, code = 0;
    curl_easy_getinfo(x->easy, CURLINFO_SIZE_DOWNLOAD_T, &dl);
    curl_easy_getinfo(x->easy, CURLINFO_HEADER_SIZE, &hdr);
    curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &code);
    r->wire_bytes += (int64_t)dl + hdr;
    r->http_code = (int)code;

    if (rc != CURLE_OK) {
        if (atomic_load(&f->stopping)) {
            xfer_finish(x, FETCH_CANCELLED, "stopped");
        } else if (x->too_large) {
            xfer_finish(x, FETCH_TOO_LARGE, "body larger than %zu bytes (decoded)",
                        x->body.cap_limit);
        } else {
            enum fetch_status st = status_of_curl(rc);
            xfer_finish(x, st, "%s", x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc));
        }
        return;
    }
    if (is_redirect((int)code)) {
        char *loc = NULL;
        curl_easy_getinfo(x->easy, CURLINFO_REDIRECT_URL, &loc);
        if (!loc) {
            xfer_finish(x, FETCH_HTTP_ERROR, "HTTP %ld without a Location", code);
            return;
        }
        if (r->redirects >= FETCH_MAX_REDIRECTS) {
            xfer_finish(x, FETCH_REDIRECT, "more than %d redirects", FETCH_MAX_REDIRECTS);
            return;
        }
        if (!url_scheme_is(loc, "http") && !url_scheme_is(loc, "https")) {
            xfer_finish(x, FETCH_REDIRECT, "redirect to a non-http(s) URL refused: %.200s", loc);
            return;
        }
        if (url_scheme_is(x->url, "https") && !url_scheme_is(loc, "https")) {
            xfer_finish(x, FETCH_REDIRECT, "redirect from https to http refused: %.200s", loc);
            return;
        }
        if (x->permanent_so_far && (code == 301 || code == 308)) {
            set_str(&r->moved_to, loc, strlen(loc));
        } else {
            x->permanent_so_far = false;
        }
        r->redirects++;
        char *next = xstrdup(loc); /* loc belongs to the handle, which the next hop reuses */
        free(x->url);
        x->url = next;
        xfer_start_hop(x);
        return;
    }
    if (keeps_body((int)code))
        xfer_finish(x, FETCH_OK, NULL);
    else if (code == 304)
        xfer_finish(x, FETCH_NOT_MODIFIED, NULL);
    else
        xfer_finish(x, FETCH_HTTP_ERROR, "HTTP %ld", code);
}

static void read_file_feed(struct xfer *x, size_t cap)
{
    x->start_ms = fetch_mono_ms();
    char *path = url_file_path(x->req->url);
    if (!path) {
        xfer_finish(x, FETCH_BAD_URL, "unsupported file URL (want file:///path): %.200s",
                    x->req->url);
        return;
    }
    char err[512];
    size_t len = 0;
    char *data = file_read_all(path, cap, &len, err, sizeof err);
    free(path);
    x->url = xstrdup(x->req->url);
    if (!data) {
        xfer_finish(x, FETCH_FILE, "%s", err);
        return;
    }
    x->resp->body = data;
    x->resp->body_len = len;
    x->resp->wire_bytes = (int64_t)len;
    xfer_finish(x, FETCH_OK, NULL);
}

static size_t active_for_host(const struct xfer *xs, size_t n, const char *host)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (xs[i].state == XFER_ACTIVE && strcmp(xs[i].host, host) == 0)
            k++;
    return k;
}

void fetcher_get(struct fetcher *f, const struct fetch_request *reqs, size_t n,
                 struct fetch_response *out)
{
    const struct config_fetch *c = &f->cfg->fetch;
    size_t max_total = c->max_transfers > 0 ? (size_t)c->max_transfers : 4;
    size_t max_host = c->max_per_host > 0 ? (size_t)c->max_per_host : 2;
    struct xfer *xs = xcalloc(n ? n : 1, sizeof *xs);
    memset(out, 0, n * sizeof *out);

    for (size_t i = 0; i < n; i++) {
        struct xfer *x = &xs[i];
        x->f = f;
        x->req = &reqs[i];
        x->resp = &out[i];
        x->permanent_so_far = true;
        size_t cap = reqs[i].max_bytes
                         ? reqs[i].max_bytes
                         : (c->max_bytes > 0 ? (size_t)c->max_bytes : FEED_DEFAULT_MAX_BYTES);
        x->body.cap_limit = cap;
        const char *url = reqs[i].url ? reqs[i].url : "";
        if (url_scheme_is(url, "file")) {
            if (reqs[i].allow_file)
                read_file_feed(x, cap);
            else
                xfer_finish(x, FETCH_BAD_URL, "file URL not allowed here: %.200s", url);
            continue;
        }
        x->url = xstrdup(url);
        if (!url_origin(url, x->origin, sizeof x->origin, x->host, sizeof x->host)) {
            /* Say which: a wrong scheme, or an http(s) URL libcurl cannot parse (a port past
             * 65535, a bad host). */
            if (url_scheme_is(url, "http") || url_scheme_is(url, "https"))
                xfer_finish(x, FETCH_BAD_URL, "malformed URL (host or port): %.200s", url);
            else
                xfer_finish(x, FETCH_BAD_URL, "not an http, https or file URL: %.200s", url);
            continue;
        }
        x->state = XFER_PENDING;
    }

    for (;;) {
        if (atomic_load(&f->stopping)) {
            for (size_t i = 0; i < n; i++) {
                if (xs[i].state == XFER_ACTIVE)
                    curl_multi_remove_handle(f->multi, xs[i].easy);
                if (xs[i].state != XFER_DONE)
                    xfer_finish(&xs[i], FETCH_CANCELLED, "stopped");
            }
            break;
        }
        /* Fill free slots in request order, skipping hosts that are at their limit. */
        size_t active = 0;
        for (size_t i = 0; i < n; i++)
            active += xs[i].state == XFER_ACTIVE;
        for (size_t i = 0; i < n && active < max_total; i++) {
            if (xs[i].state != XFER_PENDING || xs[i].easy)
                continue;
            if (active_for_host(xs, n, xs[i].host) >= max_host)
                continue;
            xfer_start(&xs[i]);
            active += xs[i].state == XFER_ACTIVE;
        }
        if (active == 0)
            break;
        int running = 0;
        curl_multi_perform(f->multi, &running);
        CURLMsg *m;
        int left;
        bool progressed = false;
        while ((m = curl_multi_info_read(f->multi, &left))) {
            if (m->msg != CURLMSG_DONE)
                continue;
            struct xfer *x = NULL;
            curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&x);
            CURLcode rc = m->data.result; /* read before the handle goes: m dies with it */
            xfer_hop_done(x, rc);
            progressed = true;
        }
        if (!progressed)
            curl_multi_poll(f->multi, NULL, 0, FETCH_IDLE_POLL_MS, NULL);
    }
    for (size_t i = 0; i < n; i++)
        if (xs[i].state != XFER_DONE)
            xfer_finish(&xs[i], FETCH_CANCELLED, "stopped");
    free(xs);
}

/* ---- The worker's life cycle and hand-off ---------------------------------------------- */

void fetch_publish(struct fetcher *f, struct story_snapshot *snap)
{
    pthread_mutex_lock(&f->lock);
    story_snapshot_free(f->published);
    f->published = snap;
    pthread_mutex_unlock(&f->lock);
}

struct story_snapshot *fetcher_take_snapshot(struct fetcher *f)
{
    pthread_mutex_lock(&f->lock);
    struct story_snapshot *s = f->published;
    f->published = NULL;
    pthread_mutex_unlock(&f->lock);
    return s;
}

uint64_t fetcher_cycles_done(struct fetcher *f)
{
    return atomic_load(&f->cycles);
}

void fetcher_stop(struct fetcher *f)
{
    if (!f->running)
        return;
    atomic_store(&f->stopping, true);
    /* Wakes curl_multi_poll whether the worker is idle or mid-transfer; the progress
     * callback aborts transfers libcurl is busy with in the meantime. */
    curl_multi_wakeup(f->multi);
    pthread_join(f->thread, NULL);
    f->running = false;
    atomic_store(&f->stopping, false);
}
