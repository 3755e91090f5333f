/*
 * The fetcher's transfers and the service's set-up (see fetch.h for the rules it implements,
 * docs/fetch.md for the design).
 *
 * Transfers. We run our own queue instead of CURLMOPT_MAX_HOST_CONNECTIONS so that a request
 * waiting for a slot does not spend its timeouts waiting. Redirects are followed here rather
 * than by libcurl (CURLINFO_REDIRECT_URL resolves the Location for us): we need every hop's
 * status for the "301 three times" rule, we refuse https -> http and non-http targets
 * ourselves, we send per-feed secrets only to the configured origin, and the total timeout
 * spans the whole chain. A request keeps its per-host slot under the host it started with,
 * even when a redirect takes it elsewhere (a simplification: it still holds one slot, never
 * more, so the overall limit holds). One easy handle per request is reused across its hops;
 * the multi handle keeps connections alive between cycles and a share handle keeps DNS
 * answers and TLS sessions.
 *
 * Content encodings are decoded here with zlib, not by libcurl: libcurl 7.88 accepts a gzip
 * stream that stops before its end (a body without Content-Length cut by a dropped
 * connection) as a complete, shorter body, and a feed cut in half then parses as a feed with
 * half its last item. Our decoder knows whether the stream reached its end. We offer gzip and
 * deflate only, so nothing else should arrive; anything else is refused.
 *
 * Where libcurl is vague we say what happened: a status line that is not HTTP is "not an
 * HTTP answer" (libcurl says "unsupported protocol"), a header longer than libcurl's 100 KB
 * limit is "too large" (libcurl says "out of memory").
 */
#include "io/fetch.h"
#include "io/fetch_impl.h"

#include "core/card.h"
#include "core/theme.h"

#include "core/feed.h"
#include "core/log.h"
#include "core/summary.h"
#include "core/url.h"
#include "core/util.h"
#include "io/fetch_decode.h"
#include "io/file.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Header values longer than this are ignored (no legitimate ETag or date is near it). */
#define HEADER_VALUE_MAX 2048

/* Real monotonic time, for a transfer in flight (libcurl's timeouts are real) and CPU budgets. */
int64_t fetch_real_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t fetch_now_s(const struct fetcher *f)
{
    int64_t ms = clock_wall_ms(f->clock);
    return ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
}

int64_t fetch_mono_ms(const struct fetcher *f)
{
    return clock_monotonic_ms(f->clock);
}

/* splitmix64: small, good enough to spread polls; not for anything secret. */
uint32_t fetch_random(struct fetcher *f)
{
    uint64_t z = (f->rng += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return (uint32_t)((z ^ (z >> 31)) >> 32);
}

void fetch_beat(struct fetcher *f)
{
    atomic_fetch_add(&f->beats, 1);
}

void fetch_sleep(struct fetcher *f, int64_t ms)
{
    if (ms <= 0 || atomic_load(&f->stopping))
        return;
    if (ms > FETCH_HEARTBEAT_MS)
        ms = FETCH_HEARTBEAT_MS;
    /* No transfers are attached: this only sleeps, and curl_multi_wakeup ends it. */
    curl_multi_poll(f->multi, NULL, 0, (int)ms, NULL);
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

static uint64_t default_seed(const struct fetcher *f)
{
    return (uint64_t)clock_wall_ms(f->clock) ^ ((uint64_t)getpid() << 32) ^
           (uint64_t)fetch_real_ms();
}

struct fetcher *fetcher_new(const struct config *cfg, struct store *store, struct error *err)
{
    struct fetcher *f = xcalloc(1, sizeof *f);
    f->cfg = cfg;
    f->clock = &clock_system;
    f->store = store;
    atomic_init(&f->stopping, false);
    atomic_init(&f->poked, false);
    atomic_init(&f->poll_scale, 1);
    atomic_init(&f->cycles, 0);
    atomic_init(&f->beats, 0);
    atomic_init(&f->idle_ms, INT64_MIN);
    pthread_mutex_init(&f->lock, NULL);
    pthread_mutex_init(&f->life, NULL);
    f->article_gap_ms = FETCH_ARTICLE_HOST_GAP_S * 1000;
    f->rng = default_seed(f);
    f->live = xcalloc(cfg->n_feeds ? cfg->n_feeds : 1, sizeof *f->live);
    f->multi = curl_multi_init();
    f->share = curl_share_init();
    if (!f->multi || !f->share) {
        error_set(err, "cannot initialise libcurl (multi or share handle)");
        fetcher_free(f);
        return NULL;
    }
    curl_share_setopt(f->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    curl_share_setopt(f->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    /* Pictures at the size a 1080p card shows, unless the display says otherwise. */
    struct theme t;
    theme_default(&t);
    int w = 0, h = 0;
    f->pictures =
        theme_parse(&t, cfg->display, NULL, NULL, NULL) && card_picture_box(&t, 1920, 1080, &w, &h);
    atomic_init(&f->picture_box, f->pictures ? (int_fast64_t)w << 32 | h : 0);
    return f;
}

void fetcher_set_picture_box(struct fetcher *f, int w, int h)
{
    bool off = w <= 0 || h <= 0 || w > 4096 || h > 4096;
    atomic_store(&f->picture_box, off ? 0 : (int_fast64_t)w << 32 | h);
}

void fetcher_free(struct fetcher *f)
{
    if (!f)
        return;
    fetcher_stop(f);
    fetch_drop_all_jobs(f);
    free(f->jobs);
    fetch_drop_pictures(f);
    if (f->multi)
        curl_multi_cleanup(f->multi);
    if (f->share)
        curl_share_cleanup(f->share);
    story_snapshot_free(f->published);
    story_snapshot_free(f->current);
    summary_ctx_free(f->summary);
    pthread_mutex_destroy(&f->lock);
    pthread_mutex_destroy(&f->life);
    free(f->article_hosts);
    free(f->live);
    free(f->ca_file);
    free(f);
}

void fetcher_set_clock(struct fetcher *f, const struct clock *c)
{
    f->clock = c ? c : &clock_system;
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
    f->rng = seed ? seed : default_seed(f);
}

/* ---- URLs ---------------------------------------------------------------------------- */

/*
 * scheme://host:port of an http(s) URL into origin, and host:port into host (the queue key),
 * both by libcurl's own parser: the origin must be the one libcurl will connect to. False
 * for anything malformed or not http(s).
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
    bool notified; /* the caller has been told it is done */
    CURL *easy;
    struct curl_slist *headers;
    char *url;                /* the hop in flight */
    char origin[512];         /* where per-feed headers may go (the configured URL's origin) */
    bool origin_ok;           /* `origin` is set (headers_origin parsed) */
    char host[300];           /* queue key of the requested URL (host:port) */
    char encoding[32];        /* this hop's Content-Encoding, lowercased ("" none) */
    bool encoding_bad;        /* a Content-Encoding we did not offer */
    struct fetch_decoder dec; /* this hop's decoder */
    bool dec_started;         /* the first body byte of this hop came */
    struct buf body;          /* the kept body (2xx), decoded and capped */
    int64_t discarded;        /* body bytes of responses we do not keep, also capped */
    int hop_code;             /* status line of the response being received */
    bool too_large;
    bool permanent_so_far; /* every hop until now was 301/308 */
    int64_t start_ms;      /* real time */
    int64_t deadline_ms;   /* the whole chain's total timeout (real time) */
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
        x->encoding[0] = '\0';
        x->encoding_bad = false;
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
    if (nlen == 16 && ascii_strncasecmp(data, "content-encoding", 16) == 0) {
        if (vlen >= sizeof x->encoding) {
            x->encoding_bad = true;
        } else {
            for (size_t i = 0; i < vlen; i++)
                x->encoding[i] = (char)ascii_tolower((unsigned char)v[i]);
            x->encoding[vlen] = '\0';
        }
        return len;
    }
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

/* Body bytes as they arrive: decoded here, and the size cap counts decoded bytes. */
static size_t write_cb(char *data, size_t size, size_t nmemb, void *userdata)
{
    struct xfer *x = userdata;
    size_t n = size * nmemb;
    if (atomic_load(&x->f->stopping))
        return 0;
    if (keeps_body(x->hop_code)) {
        /* A short count makes libcurl abort the transfer with CURLE_WRITE_ERROR. */
        if (!x->dec_started) {
            x->dec_started = true;
            if (x->encoding_bad) {
                snprintf(x->dec.err, sizeof x->dec.err, "a Content-Encoding too long to be ours");
                return 0;
            }
            if (!fetch_decode_start(&x->dec, x->encoding))
                return 0;
        }
        switch (fetch_decode(&x->dec, data, n, &x->body)) {
        case FETCH_DECODE_OK:
            break;
        case FETCH_DECODE_TOO_LARGE:
            x->too_large = true;
            return 0;
        case FETCH_DECODE_BAD:
            return 0;
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
    (void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
    struct xfer *x = userdata;
    return atomic_load(&x->f->stopping) ? 1 : 0;
}

/* Ends the transfer with a status; `detail` is the short reason (NULL: none) and fmt the
 * message for people, made printable here (text from the network goes into it). URLs in it
 * must already be redacted by the caller. */
static void xfer_finish(struct xfer *x, enum fetch_status st, const char *detail, const char *fmt,
                        ...) __attribute__((format(printf, 4, 5)));

static void xfer_finish(struct xfer *x, enum fetch_status st, const char *detail, const char *fmt,
                        ...)
{
    struct fetch_response *r = x->resp;
    r->status = st;
    if (detail)
        snprintf(r->detail, sizeof r->detail, "%s", detail);
    if (fmt) {
        char raw[512];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(raw, sizeof raw, fmt, ap);
        va_end(ap);
        error_clear(&r->err);
        str_printable(r->err.msg, sizeof r->err.msg, raw);
    }
    if (st == FETCH_OK && !r->body) {
        r->body_len = x->body.len;
        r->body = buf_steal(&x->body);
    }
    buf_free(&x->body);
    fetch_decode_end(&x->dec);
    if (x->url && !r->final_url)
        r->final_url = xstrdup(x->url);
    if (x->start_ms)
        r->elapsed_ms = fetch_real_ms() - x->start_ms;
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
    /* We decode these two ourselves (see the top of the file). */
    l = curl_slist_append(l, "Accept-Encoding: gzip, deflate");
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
    int64_t left = x->deadline_ms - fetch_real_ms();
    if (left <= 0) {
        xfer_finish(x, FETCH_TIMEOUT, "timed out", "timed out after %d s (redirects included)",
                    c->timeout);
        return;
    }
    char origin[512], host[300];
    if (!url_origin(x->url, origin, sizeof origin, host, sizeof host)) {
        char *shown = url_redact(x->url);
        xfer_finish(x, FETCH_BAD_URL, "bad URL", "not an http(s) URL: %.200s", shown);
        free(shown);
        return;
    }
    CURL *e = x->easy;
    curl_slist_free_all(x->headers);
    x->headers = build_headers(x, x->origin_ok && strcmp(origin, x->origin) == 0);
    x->hop_code = 0;
    x->errbuf[0] = '\0';
    x->encoding[0] = '\0';
    x->encoding_bad = false;
    x->dec_started = false;
    fetch_decode_end(&x->dec);
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
    x->start_ms = fetch_real_ms();
    x->deadline_ms = x->start_ms + (int64_t)(c->timeout > 0 ? c->timeout : 60) * 1000;
    CURL *e = x->easy = curl_easy_init();
    if (!e) {
        xfer_finish(x, FETCH_NETWORK, "internal error", "cannot create a libcurl handle");
        return;
    }
    curl_easy_setopt(e, CURLOPT_PRIVATE, x);
    curl_easy_setopt(e, CURLOPT_SHARE, f->share);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
    curl_easy_setopt(e, CURLOPT_USERAGENT,
                     f->cfg->user_agent ? f->cfg->user_agent : FETCH_DEFAULT_USER_AGENT);
    curl_easy_setopt(e, CURLOPT_HTTP_CONTENT_DECODING, 0L); /* ours: see the top */
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

/* A failed libcurl transfer: our status and a short reason for people. */
static enum fetch_status classify_curl(CURLcode rc, long os_errno, const char **detail)
{
    switch (rc) {
    case CURLE_OPERATION_TIMEDOUT:
        *detail = "timed out";
        return FETCH_TIMEOUT;
    case CURLE_COULDNT_RESOLVE_HOST:
        *detail = "DNS lookup failed";
        return FETCH_NETWORK;
    case CURLE_COULDNT_RESOLVE_PROXY:
        *detail = "proxy DNS lookup failed";
        return FETCH_NETWORK;
    case CURLE_COULDNT_CONNECT:
        *detail = os_errno == ECONNREFUSED   ? "connection refused"
                  : os_errno == ENETUNREACH  ? "network unreachable"
                  : os_errno == EHOSTUNREACH ? "host unreachable"
                                             : "cannot connect";
        return FETCH_NETWORK;
    case CURLE_PEER_FAILED_VERIFICATION:
        *detail = "TLS certificate not trusted";
        return FETCH_TLS;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_SHUTDOWN_FAILED:
        *detail = "TLS handshake failed";
        return FETCH_TLS;
    /* Our URLs are checked (libcurl's own parser) before a transfer starts: during one, these
     * two mean the server's answer is not HTTP (a bad status line, a version libcurl does not
     * speak), never a bad URL. */
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_WEIRD_SERVER_REPLY:
        *detail = "not an HTTP answer";
        return FETCH_NETWORK;
    case CURLE_GOT_NOTHING:
        *detail = "empty answer";
        return FETCH_NETWORK;
    case CURLE_PARTIAL_FILE:
        *detail = "incomplete answer";
        return FETCH_NETWORK;
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
        *detail = "connection broken";
        return FETCH_NETWORK;
    case CURLE_ABORTED_BY_CALLBACK:
        *detail = "stopped";
        return FETCH_CANCELLED;
    default:
        *detail = "network error";
        return FETCH_NETWORK;
    }
}

static bool is_redirect(int code)
{
    return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
}

/* A hop ended with a libcurl error. */
static void xfer_failed(struct xfer *x, CURLcode rc)
{
    struct fetcher *f = x->f;
    if (atomic_load(&f->stopping)) {
        xfer_finish(x, FETCH_CANCELLED, "stopped", "stopped");
    } else if (x->too_large) {
        xfer_finish(x, FETCH_TOO_LARGE, "too large", "body larger than %zu bytes (decoded)",
                    x->body.cap_limit);
    } else if (x->dec.err[0]) {
        xfer_finish(x, FETCH_NETWORK, "bad compressed body", "%s", x->dec.err);
    } else if (rc == CURLE_OUT_OF_MEMORY) {
        /* libcurl 7.88 reports a header line over its 100 KB limit (CURL_MAX_HTTP_HEADER)
         * this way; anything of ours that runs out of memory aborts in xmalloc instead. */
        xfer_finish(x, FETCH_TOO_LARGE, "header too large",
                    "a response header is larger than libcurl accepts (100 KB)");
    } else {
        long os_errno = 0;
        curl_easy_getinfo(x->easy, CURLINFO_OS_ERRNO, &os_errno);
        const char *detail = NULL;
        enum fetch_status st = classify_curl(rc, os_errno, &detail);
        xfer_finish(x, st, detail, "%s", x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc));
    }
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
        xfer_failed(x, rc);
        return;
    }
    if (is_redirect((int)code)) {
        char *loc = NULL;
        curl_easy_getinfo(x->easy, CURLINFO_REDIRECT_URL, &loc);
        if (!loc) {
            xfer_finish(x, FETCH_HTTP_ERROR, "bad redirect", "HTTP %ld without a Location", code);
            return;
        }
        if (r->redirects >= FETCH_MAX_REDIRECTS) {
            xfer_finish(x, FETCH_REDIRECT, "too many redirects", "more than %d redirects",
                        FETCH_MAX_REDIRECTS);
            return;
        }
        bool to_http = url_scheme_is(loc, "http"), to_https = url_scheme_is(loc, "https");
        if ((!to_http && !to_https) || (url_scheme_is(x->url, "https") && !to_https)) {
            char *shown = url_redact(loc);
            xfer_finish(x, FETCH_REDIRECT, "bad redirect", "%s refused: %.200s",
                        to_http ? "redirect from https to http" : "redirect to a non-http(s) URL",
                        shown);
            free(shown);
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
    if (keeps_body((int)code)) {
        if (!fetch_decode_complete(&x->dec)) {
            xfer_finish(x, FETCH_NETWORK, "incomplete answer",
                        "the %s body ends early: %lld compressed bytes came, then the "
                        "connection closed before the end of the stream",
                        x->dec.gzip ? "gzip" : "deflate", (long long)x->dec.in);
            return;
        }
        xfer_finish(x, FETCH_OK, NULL, NULL);
    } else if (code == 304) {
        xfer_finish(x, FETCH_NOT_MODIFIED, NULL, NULL);
    } else {
        char detail[FETCH_DETAIL_MAX];
        snprintf(detail, sizeof detail, "HTTP %ld", code);
        xfer_finish(x, FETCH_HTTP_ERROR, detail, "HTTP %ld", code);
    }
}

static void read_file_feed(struct xfer *x, size_t cap)
{
    x->start_ms = fetch_real_ms();
    char *path = url_file_path(x->req->url);
    x->url = xstrdup(x->req->url);
    if (!path) {
        char *shown = url_redact(x->req->url);
        xfer_finish(x, FETCH_BAD_URL, "bad URL", "unsupported file URL (want file:///path): %.200s",
                    shown);
        free(shown);
        return;
    }
    struct error err = {0};
    size_t len = 0;
    /* file_read_all opens without blocking and refuses anything but a regular file (a FIFO
     * would hang the worker). */
    char *data = file_read_all(path, cap, &len, &err);
    free(path);
    if (!data) {
        xfer_finish(x, FETCH_FILE, "file not readable", "%s", err.msg);
        return;
    }
    x->resp->body = data;
    x->resp->body_len = len;
    x->resp->wire_bytes = (int64_t)len;
    xfer_finish(x, FETCH_OK, NULL, NULL);
}

static size_t active_for_host(const struct xfer *xs, size_t n, const char *host)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (xs[i].state == XFER_ACTIVE && strcmp(xs[i].host, host) == 0)
            k++;
    return k;
}

/* Tells the caller about every transfer that has ended since the last call, then that this
 * turn's endings are all told. */
static void notify_done(struct xfer *xs, size_t n, fetch_done_fn *done, fetch_turn_fn *turn,
                        void *ctx)
{
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        if (xs[i].state == XFER_DONE && !xs[i].notified) {
            xs[i].notified = true;
            any = true;
            if (done)
                done(ctx, i);
        }
    }
    if (any && turn)
        turn(ctx);
}

static void xfer_setup(struct fetcher *f, struct xfer *x, const struct fetch_request *rq)
{
    const struct config_fetch *c = &f->cfg->fetch;
    x->permanent_so_far = true;
    size_t cap = rq->max_bytes ? rq->max_bytes
                               : (c->max_bytes > 0 ? (size_t)c->max_bytes : FEED_DEFAULT_MAX_BYTES);
    x->body.cap_limit = cap;
    const char *url = rq->url ? rq->url : "";
    if (url_scheme_is(url, "file")) {
        if (rq->allow_file)
            read_file_feed(x, cap);
        else
            xfer_finish(x, FETCH_BAD_URL, "bad URL", "file URL not allowed here");
        return;
    }
    x->url = xstrdup(url);
    if (!url_origin(url, x->origin, sizeof x->origin, x->host, sizeof x->host)) {
        /* Say which: a wrong scheme, or an http(s) URL libcurl cannot parse (a port past
         * 65535, a bad host). */
        char *shown = url_redact(url);
        if (url_scheme_is(url, "http") || url_scheme_is(url, "https"))
            xfer_finish(x, FETCH_BAD_URL, "bad URL", "malformed URL (host or port): %.200s", shown);
        else
            xfer_finish(x, FETCH_BAD_URL, "bad URL", "not an http, https or file URL: %.200s",
                        shown);
        free(shown);
        return;
    }
    x->origin_ok = true;
    /* The configured URL's origin, not the one the feed moved to, gets the extra headers. */
    if (rq->headers_origin && rq->n_headers > 0) {
        char ignored[300];
        x->origin_ok =
            url_origin(rq->headers_origin, x->origin, sizeof x->origin, ignored, sizeof ignored);
    }
    x->state = XFER_PENDING;
}

void fetch_get_each(struct fetcher *f, const struct fetch_request *reqs, size_t n,
                    struct fetch_response *out, fetch_done_fn *done, fetch_turn_fn *turn, void *ctx)
{
    const struct config_fetch *c = &f->cfg->fetch;
    size_t max_total = c->max_transfers > 0 ? (size_t)c->max_transfers : 4;
    size_t max_host = c->max_per_host > 0 ? (size_t)c->max_per_host : 2;
    struct xfer *xs = xcalloc(n ? n : 1, sizeof *xs);
    memset(out, 0, n * sizeof *out);

    for (size_t i = 0; i < n; i++) {
        xs[i].f = f;
        xs[i].req = &reqs[i];
        xs[i].resp = &out[i];
        xfer_setup(f, &xs[i], &reqs[i]);
    }

    for (;;) {
        fetch_beat(f);
        notify_done(xs, n, done, turn, ctx);
        if (atomic_load(&f->stopping)) {
            for (size_t i = 0; i < n; i++) {
                if (xs[i].state == XFER_ACTIVE)
                    curl_multi_remove_handle(f->multi, xs[i].easy);
                if (xs[i].state != XFER_DONE)
                    xfer_finish(&xs[i], FETCH_CANCELLED, "stopped", "stopped");
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
        if (active == 0) {
            bool pending = false;
            for (size_t i = 0; i < n; i++)
                pending |= xs[i].state != XFER_DONE;
            if (!pending)
                break;
            continue; /* a start failed at once (finished): tell, then fill the slot again */
        }
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
            curl_multi_poll(f->multi, NULL, 0, FETCH_HEARTBEAT_MS, NULL);
    }
    for (size_t i = 0; i < n; i++)
        if (xs[i].state != XFER_DONE)
            xfer_finish(&xs[i], FETCH_CANCELLED, "stopped", "stopped");
    notify_done(xs, n, done, turn, ctx);
    free(xs);
}

void fetcher_get(struct fetcher *f, const struct fetch_request *reqs, size_t n,
                 struct fetch_response *out)
{
    fetch_get_each(f, reqs, n, out, NULL, NULL, NULL);
}
