/*
 * Tests for io/fetch against tests/feedserver.py, a real HTTP(S) server on 127.0.0.1 that this
 * test starts (with --watch-stdin, so it dies with us) and that serves one fault per path.
 *
 * Transfers: every fault ends within its limits with the right status (the fetcher's own
 * result, never a wall-clock threshold), conditional GETs send the stored validators verbatim,
 * redirects obey their rules, the caps hold after decompression, concurrency stays within its
 * limits (as the server saw it). Only the cases that expect a timeout get short timeouts (so
 * the test stays fast); every other case gets patient ones, so a loaded machine cannot turn
 * its outcome into a timeout (see test_config).
 */
#include "check.h"
#include "core/config.h"
#include "core/util.h"
#include "core/feed.h"
#include "core/schedule.h"
#include "io/fetch.h"
#include "io/clock.h"
#include "io/fetch_impl.h"
#include "io/store.h"
#include "fetch_testutil.h"

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <errno.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ---- the fetcher ----------------------------------------------------------------------- */

/*
 * Timeouts: a test that expects any outcome but a timeout must not turn into one because a
 * loaded machine starved the server (or us) for a few seconds (seen once: /bomb timed out
 * with a 2 s low-speed window before its headers came). So the test configuration is
 * patient, and only the cases that expect a timeout take short limits (short_timeouts), so
 * the stall faults still end fast: a starved server can only make those time out surer.
 */
static void test_config(struct config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->interval = 600;
    cfg->user_agent = "Ticker/" TICKER_VERSION " (+test)";
    cfg->fetch = (struct config_fetch){
        .max_transfers = 4,
        .max_per_host = 2,
        .max_bytes = 8 * 1024 * 1024,
        .connect_timeout = 20,
        .timeout = 120,
        .low_speed_limit = 1024,
        .low_speed_time = 30,
    };
}

/* The stall and one-byte-per-second faults end after ~2 s. */
static void short_timeouts(struct config *cfg)
{
    cfg->fetch.connect_timeout = 5;
    cfg->fetch.timeout = 20;
    cfg->fetch.low_speed_time = 2;
}

/* One GET through a fresh fetcher for `cfg` (trusting the test CA unless no_ca). */
static void get1(const struct config *cfg, const struct fetch_request *rq,
                 struct fetch_response *out, bool no_ca)
{
    struct fetcher *f = new_fetcher(cfg, NULL);
    if (!no_ca)
        fetcher_set_ca_file(f, srv.ca);
    fetcher_get(f, rq, 1, out);
    fetcher_free(f);
}

/* GET path; `expect_timeout`: with the short test timeouts (else patient ones). */
static void get_path_ex(const char *path, struct fetch_response *out, bool expect_timeout)
{
    struct config cfg;
    test_config(&cfg);
    if (expect_timeout)
        short_timeouts(&cfg);
    char *u = url(path);
    struct fetch_request rq = {.url = u};
    get1(&cfg, &rq, out, false);
    free(u);
}

static void get_path(const char *path, struct fetch_response *out)
{
    get_path_ex(path, out, false);
}

/* Every fault: the status, the final HTTP code, and that it ended (it returned at all). */
/* Does s hold a byte a terminal would act on (C0 controls, DEL)? */
static bool has_control(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return true;
    return false;
}

/*
 * Every fault: the status, the final HTTP code, the short reason a status line shows, and
 * that it ended (it returned at all). A body comes with success only, an error text with
 * every failure, and neither carries a control byte. `body_has`: text the decoded body must
 * contain (the encodings).
 */
static void test_faults(void)
{
    static const struct {
        const char *path;
        enum fetch_status status;
        int code;
        const char *detail;
        const char *body_has;
    } cases[] = {
        {.path = "/feed/a", .status = FETCH_OK, .code = 200, .detail = "", .body_has = "a story 4"},
        {.path = "/status/404", .status = FETCH_HTTP_ERROR, .code = 404, .detail = "HTTP 404"},
        {.path = "/status/410", .status = FETCH_HTTP_ERROR, .code = 410, .detail = "HTTP 410"},
        {.path = "/status/429?retry=120",
         .status = FETCH_HTTP_ERROR,
         .code = 429,
         .detail = "HTTP 429"},
        {.path = "/status/500", .status = FETCH_HTTP_ERROR, .code = 500, .detail = "HTTP 500"},
        {.path = "/status/503?retry=date",
         .status = FETCH_HTTP_ERROR,
         .code = 503,
         .detail = "HTTP 503"},
        {.path = "/reset", .status = FETCH_NETWORK, .code = 0},
        {.path = "/stall", .status = FETCH_TIMEOUT, .code = 200, .detail = "timed out"},
        {.path = "/slow", .status = FETCH_TIMEOUT, .code = 200, .detail = "timed out"},
        {.path = "/truncated", .status = FETCH_NETWORK, .code = 200, .detail = "incomplete answer"},
        {.path = "/big?mb=9", .status = FETCH_TOO_LARGE, .code = 200, .detail = "too large"},
        {.path = "/bigchunked?mb=9", .status = FETCH_TOO_LARGE, .code = 200, .detail = "too large"},
        {.path = "/bomb", .status = FETCH_TOO_LARGE, .code = 200, .detail = "too large"},
        {.path = "/big?mb=1", .status = FETCH_OK, .code = 200, .detail = "", .body_has = "filler"},
        {.path = "/charset", .status = FETCH_OK, .code = 200, .detail = ""},
        {.path = "/html", .status = FETCH_OK, .code = 200, .detail = ""},
        {.path = "/empty", .status = FETCH_OK, .code = 200, .detail = ""},
        {.path = "/loop/a", .status = FETCH_REDIRECT, .code = 302, .detail = "too many redirects"},
        {.path = "/tofile", .status = FETCH_REDIRECT, .code = 302, .detail = "bad redirect"},
        {.path = "/redir/301,302,307,308,301/feed/a",
         .status = FETCH_OK,
         .code = 200,
         .detail = ""},
        {.path = "/redir/301,302,307,308,301,302/feed/a",
         .status = FETCH_REDIRECT,
         .code = 302,
         .detail = "too many redirects"},
        /* Content codings, decoded by the fetcher: a gzip body ended by the connection closing
         * is whole; cut in half it is an error (issue 9 item 7), never a shorter feed. */
        {.path = "/gzipclose",
         .status = FETCH_OK,
         .code = 200,
         .detail = "",
         .body_has = "gzipclose story 0</title>"},
        {.path = "/truncgzip", .status = FETCH_NETWORK, .code = 200, .detail = "incomplete answer"},
        {.path = "/deflate",
         .status = FETCH_OK,
         .code = 200,
         .detail = "",
         .body_has = "deflate story 0</title>"},
        {.path = "/deflate?raw=1",
         .status = FETCH_OK,
         .code = 200,
         .detail = "",
         .body_has = "deflate story 0</title>"},
        /* Honest errors (issue 9 item 13): a status line that is not HTTP is not a bad URL, a
         * 1 MiB header is not "out of memory". */
        {.path = "/badstatus", .status = FETCH_NETWORK, .code = 0, .detail = "not an HTTP answer"},
        {.path = "/bighdr", .status = FETCH_TOO_LARGE, .code = 200, .detail = "header too large"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        const char *what = cases[i].path;
        check_case("cases[%zu] %s", i, what);
        struct fetch_response r;
        get_path_ex(what, &r, cases[i].status == FETCH_TIMEOUT);
        CHECK_MSG(r.status == cases[i].status, "%s: status %s (%s), want %s", what,
                  fetch_status_str(r.status), r.err.msg, fetch_status_str(cases[i].status));
        CHECK_MSG(r.http_code == cases[i].code, "%s: code %d want %d", what, r.http_code,
                  cases[i].code);
        CHECK_MSG(r.elapsed_ms >= 0 && r.elapsed_ms < 60000, "%s: elapsed %lld", what,
                  (long long)r.elapsed_ms);
        if (cases[i].detail)
            CHECK_MSG(!strcmp(r.detail, cases[i].detail), "%s: detail \"%s\", want \"%s\"", what,
                      r.detail, cases[i].detail);
        else
            CHECK_MSG(r.detail[0] != '\0', "%s: no detail", what);
        if (r.status == FETCH_OK) {
            CHECK_MSG(r.body != NULL && (r.body_len > 0) == (strcmp(what, "/empty") != 0),
                      "%s: body of %zu bytes", what, r.body_len);
            CHECK_MSG(!error_is_set(&r.err), "%s: error \"%s\" on success", what, r.err.msg);
        } else {
            CHECK_MSG(r.body == NULL && error_is_set(&r.err), "%s: body %p, error \"%s\"", what,
                      (void *)r.body, r.err.msg);
        }
        if (cases[i].body_has)
            CHECK_MSG(r.body && strstr(r.body, cases[i].body_has), "%s: body lacks \"%s\"", what,
                      cases[i].body_has);
        CHECK_MSG(!has_control(r.err.msg), "%s: control byte in \"%s\"", what, r.err.msg);
        fetch_response_clear(&r);
    }
    check_case_end();
}

/* A Location full of terminal escapes reaches the error text only made printable (issue 9
 * item 3), and credentials in a URL never reach an error (item 4). */
static void test_hostile_text(void)
{
    struct fetch_response r;
    get_path("/escloc", &r);
    CHECK_INT(r.status, FETCH_REDIRECT);
    CHECK_MSG(!has_control(r.err.msg), "escape sequence in \"%s\"", r.err.msg);
    CHECK_MSG(strstr(r.err.msg, "ftp://evil.example/\\x1b]0;pwned\\x07\\x1b[31mred") != NULL,
              "the Location, made printable, is not in \"%s\"", r.err.msg);
    fetch_response_clear(&r);

    struct config cfg;
    test_config(&cfg);
    char *bad_port = xasprintf("http://user:s3cret@127.0.0.1:99999/feed?apikey=k3y");
    struct fetch_request rq = {.url = bad_port};
    get1(&cfg, &rq, &r, false);
    CHECK_INT(r.status, FETCH_BAD_URL);
    CHECK_MSG(strstr(r.err.msg, "http://***@127.0.0.1:99999/feed?apikey=***") &&
                  !strstr(r.err.msg, "s3cret") && !strstr(r.err.msg, "k3y"),
              "credentials shown in \"%s\"", r.err.msg);
    fetch_response_clear(&r);
    free(bad_port);
}

static void test_headers_and_body(void)
{
    struct config cfg;
    test_config(&cfg);
    control("/_clear");
    struct fetch_response r;
    get_path("/feed/a?maxage=900", &r);
    CHECK_INT(r.status, FETCH_OK);
    /* The server gzips when asked: the body we get is decoded. */
    CHECK(r.body && strncmp(r.body, "<?xml", 5) == 0);
    CHECK(r.body_len == strlen(r.body));
    CHECK_STR(r.etag, "\"a-v0\"");
    CHECK_STR(r.last_modified, "Tue, 14 Nov 2023 22:13:20 GMT");
    CHECK_STR(r.cache_control, "public, max-age=900");
    CHECK_STR(r.content_type, "application/rss+xml; charset=utf-8");
    CHECK(r.retry_after == NULL && r.moved_to == NULL);
    CHECK(r.wire_bytes > 0);
    /* Compressed: fewer bytes on the wire than the same feed sent plain (?gzip=0), which also
     * has the same body after decoding. */
    struct fetch_response plain;
    get_path("/feed/a?maxage=900&gzip=0", &plain);
    CHECK_INT(plain.status, FETCH_OK);
    CHECK(plain.body && r.body && plain.body_len == r.body_len &&
          memcmp(plain.body, r.body, r.body_len) == 0);
    CHECK_MSG(r.wire_bytes < plain.wire_bytes, "gzip %lld bytes on the wire, plain %lld",
              (long long)r.wire_bytes, (long long)plain.wire_bytes);
    fetch_response_clear(&plain);
    fetch_response_clear(&r);

    cJSON *log = control("/_log");
    cJSON *e = last_request(log, "/feed/a?maxage=900");
    CHECK_STR(req_header(e, "User-Agent"), cfg.user_agent);
    const char *ae = req_header(e, "Accept-Encoding");
    CHECK(ae && strstr(ae, "gzip"));
    CHECK(req_header(e, "If-None-Match") == NULL && req_header(e, "If-Modified-Since") == NULL);
    cJSON_Delete(log);

    get_path("/status/429?retry=120", &r);
    CHECK_STR(r.retry_after, "120");
    fetch_response_clear(&r);

    /* The built-in default configuration's agent is what goes on the wire. */
    struct config *def = config_default(NULL, 0);
    char *u = url("/feed/ua");
    struct fetch_request rq = {.url = u};
    get1(def, &rq, &r, false);
    CHECK_INT(r.status, FETCH_OK);
    fetch_response_clear(&r);
    log = control("/_log");
    CHECK_STR(req_header(last_request(log, "/feed/ua"), "User-Agent"),
              "Ticker/" TICKER_VERSION " (+" TICKER_HOMEPAGE ")");
    cJSON_Delete(log);
    free(u);
    config_free(def);
}

static void test_conditional(void)
{
    struct config cfg;
    test_config(&cfg);
    control("/_clear");
    char *u = url("/feed/c");
    char *u_lm = url("/feed/c?etag=0");
    struct fetch_request rq[] = {
        {.url = u, .etag = "\"c-v0\"", .last_modified = "Tue, 14 Nov 2023 22:13:20 GMT"},
        {.url = u_lm, .last_modified = "Tue, 14 Nov 2023 22:13:20 GMT"},
        {.url = u, .etag = "\"c-old\""},
    };
    struct fetch_response r[3];
    struct fetcher *f = new_fetcher(&cfg, NULL);
    fetcher_get(f, rq, 3, r);
    fetcher_free(f);
    CHECK_INT(r[0].status, FETCH_NOT_MODIFIED);
    CHECK_INT(r[0].http_code, 304);
    CHECK(r[0].body == NULL);
    CHECK_STR(r[0].etag, "\"c-v0\"");
    CHECK_INT(r[1].status, FETCH_NOT_MODIFIED);
    CHECK_INT(r[2].status, FETCH_OK);
    CHECK_STR(r[2].etag, "\"c-v0\"");

    cJSON *log = control("/_log");
    cJSON *e = last_request(log, "/feed/c?etag=0");
    CHECK_STR(req_header(e, "If-Modified-Since"), "Tue, 14 Nov 2023 22:13:20 GMT");
    CHECK(req_header(e, "If-None-Match") == NULL);
    int n_inm = 0;
    cJSON *it;
    cJSON_ArrayForEach(it, log)
    {
        const char *v = req_header(it, "If-None-Match");
        n_inm += v && (!strcmp(v, "\"c-v0\"") || !strcmp(v, "\"c-old\""));
    }
    CHECK_INT(n_inm, 2); /* both ETags sent verbatim, quotes included */
    /* A 304 sends no body at all. */
    cJSON_ArrayForEach(it, log)
    {
        cJSON *p = cJSON_GetObjectItem(it, "path"), *b = cJSON_GetObjectItem(it, "body");
        const char *inm = req_header(it, "If-None-Match");
        if (inm && !strcmp(inm, "\"c-v0\"") && cJSON_IsString(p) &&
            !strcmp(p->valuestring, "/feed/c"))
            CHECK_INT(b->valueint, 0);
    }
    cJSON_Delete(log);
    for (int i = 0; i < 3; i++)
        fetch_response_clear(&r[i]);
    free(u);
    free(u_lm);
}

static void test_redirects(void)
{
    struct fetch_response r;
    char *want;

    /* Permanent hops first: moved_to is where the last leading permanent hop pointed. */
    get_path("/redir/301,308/feed/a", &r);
    CHECK_INT(r.status, FETCH_OK);
    CHECK_INT(r.redirects, 2);
    want = url("/feed/a");
    CHECK_STR(r.moved_to, want);
    CHECK_STR(r.final_url, want);
    free(want);
    fetch_response_clear(&r);

    get_path("/redir/301,302/feed/a", &r);
    want = url("/redir/302/feed/a");
    CHECK_STR(r.moved_to, want);
    free(want);
    fetch_response_clear(&r);

    get_path("/redir/302,301/feed/a", &r);
    CHECK_INT(r.status, FETCH_OK);
    CHECK(r.moved_to == NULL);
    fetch_response_clear(&r);

    get_path("/redir/307/feed/a", &r);
    CHECK(r.moved_to == NULL && r.redirects == 1);
    fetch_response_clear(&r);

    /* https works with the test CA, fails verification without it */
    struct config cfg;
    test_config(&cfg);
    char *u = tls_url("/feed/a");
    struct fetch_request rq = {.url = u};
    get1(&cfg, &rq, &r, false);
    CHECK_MSG(r.status == FETCH_OK, "https: %s %s", fetch_status_str(r.status), r.err.msg);
    fetch_response_clear(&r);
    get1(&cfg, &rq, &r, true);
    CHECK_MSG(r.status == FETCH_TLS, "https without CA: %s %s", fetch_status_str(r.status),
              r.err.msg);
    fetch_response_clear(&r);
    free(u);

    /* https -> http is refused before any request goes out over http */
    control("/_clear");
    u = tls_url("/tohttp/feed/plain");
    rq.url = u;
    get1(&cfg, &rq, &r, false);
    CHECK_INT(r.status, FETCH_REDIRECT);
    CHECK(strstr(r.err.msg, "https to http") != NULL);
    fetch_response_clear(&r);
    free(u);
    cJSON *log = control("/_log");
    CHECK_INT(count_requests(log, "/feed/plain"), 0);
    cJSON_Delete(log);

    /* http -> https is fine */
    get_path("/tohttps/feed/a", &r);
    CHECK_MSG(r.status == FETCH_OK, "http->https: %s %s", fetch_status_str(r.status), r.err.msg);
    fetch_response_clear(&r);
}

/* Per-feed headers go to the configured origin only, never to where a redirect leads. */
static void test_extra_headers(void)
{
    struct config cfg;
    test_config(&cfg);
    control("/_clear");
    struct config_header h[] = {{"X-Api-Key", "secret-1"}, {"Bad Name", "x"}, {"X-Evil", "a\r\nb"}};
    char *u1 = url("/redir/302/feed/k1");
    char *u2 = url("/tohttps/feed/k2");
    struct fetch_request rq[] = {{.url = u1, .headers = h, .n_headers = 3},
                                 {.url = u2, .headers = h, .n_headers = 3}};
    struct fetch_response r[2];
    struct fetcher *f = new_fetcher(&cfg, NULL);
    fetcher_set_ca_file(f, srv.ca);
    fetcher_get(f, rq, 2, r);
    fetcher_free(f);
    CHECK_INT(r[0].status, FETCH_OK);
    CHECK_INT(r[1].status, FETCH_OK);
    cJSON *log = control("/_log");
    CHECK_STR(req_header(last_request(log, "/redir/302/feed/k1"), "X-Api-Key"), "secret-1");
    CHECK_STR(req_header(last_request(log, "/feed/k1"), "X-Api-Key"), "secret-1");
    CHECK_STR(req_header(last_request(log, "/tohttps/feed/k2"), "X-Api-Key"), "secret-1");
    CHECK(req_header(last_request(log, "/feed/k2"), "X-Api-Key") == NULL);
    CHECK(req_header(last_request(log, "/feed/k1"), "X-Evil") == NULL);
    cJSON_Delete(log);
    fetch_response_clear(&r[0]);
    fetch_response_clear(&r[1]);
    free(u1);
    free(u2);
}

static void test_total_timeout_and_caps(void)
{
    struct config cfg;
    test_config(&cfg);
    cfg.fetch.low_speed_limit = 0; /* only the total timeout can end a stall now */
    cfg.fetch.timeout = 2;
    struct fetch_response r;
    char *u = url("/stall");
    struct fetch_request rq = {.url = u};
    get1(&cfg, &rq, &r, false);
    CHECK_INT(r.status, FETCH_TIMEOUT);
    fetch_response_clear(&r);
    free(u);

    /* A per-request cap (articles use 2 MiB) below the configured one. */
    test_config(&cfg);
    u = url("/big?mb=3");
    rq = (struct fetch_request){.url = u, .max_bytes = 2u * 1024 * 1024};
    get1(&cfg, &rq, &r, false);
    CHECK_INT(r.status, FETCH_TOO_LARGE);
    fetch_response_clear(&r);
    free(u);

    /* The bomb stops at the cap: its 1 GiB never materialises, and we stop reading. */
    control("/_clear");
    get_path("/bomb", &r);
    CHECK_INT(r.status, FETCH_TOO_LARGE);
    CHECK(r.wire_bytes < 2 * 1024 * 1024);
    fetch_response_clear(&r);
}

/*
 * URLs the fetcher refuses and local files: each row says the status and a part of the error
 * text ("" only for success, where the error must be empty). A FIFO, a device and a directory
 * behind a file:// feed are refused at once (issue 9 item 9): a FIFO with no writer would
 * otherwise block the worker for good.
 */
static void test_urls_and_files(void)
{
    struct config cfg;
    test_config(&cfg);
    char path[] = "/tmp/ticker-fetch-file-XXXXXX";
    int fd = mkstemp(path);
    const char doc[] = "<rss version=\"2.0\"><channel><title>f</title></channel></rss>";
    CHECK(fd >= 0 && write(fd, doc, sizeof doc - 1) == (ssize_t)(sizeof doc - 1));
    close(fd);
    char *fifo = xasprintf("%s.fifo", path);
    CHECK(mkfifo(fifo, 0600) == 0);
    char *fu = xasprintf("file://%s", path);
    char *missing = xasprintf("file://%s.missing", path);
    char *fifo_url = xasprintf("file://%s", fifo);
    const struct {
        struct fetch_request rq;
        enum fetch_status status;
        const char *error; /* part of the error text; "" for success (then it must be empty) */
    } cases[] = {
        {.rq = {.url = fu, .allow_file = true}, .status = FETCH_OK, .error = ""},
        {.rq = {.url = fu}, .status = FETCH_BAD_URL, .error = "file URL not allowed here"},
        {.rq = {.url = missing, .allow_file = true}, .status = FETCH_FILE, .error = "No such file"},
        {.rq = {.url = fifo_url, .allow_file = true},
         .status = FETCH_FILE,
         .error = "a FIFO, not a regular file"},
        {.rq = {.url = "file:///dev/zero", .allow_file = true},
         .status = FETCH_FILE,
         .error = "/dev/zero: a character device, not a regular file"},
        {.rq = {.url = "file:///tmp/", .allow_file = true},
         .status = FETCH_FILE,
         .error = "/tmp/: a directory, not a regular file"},
        {.rq = {.url = "ftp://127.0.0.1/feed"},
         .status = FETCH_BAD_URL,
         .error = "not an http, https or file URL: ftp://127.0.0.1/feed"},
        {.rq = {.url = "not a url"},
         .status = FETCH_BAD_URL,
         .error = "not an http, https or file URL: not a url"},
        {.rq = {.url = "file://otherhost/etc/hostname", .allow_file = true},
         .status = FETCH_BAD_URL,
         .error = "unsupported file URL (want file:///path): file://otherhost/etc/hostname"},
        {.rq = {.url = "http://127.0.0.1:99999/feed"},
         .status = FETCH_BAD_URL,
         .error = "malformed URL (host or port): http://127.0.0.1:99999"},
    };
    enum { N = ARRAY_LEN(cases) };
    struct fetch_request rq[N];
    for (size_t i = 0; i < N; i++)
        rq[i] = cases[i].rq;
    struct fetch_response r[N];
    struct fetcher *f = new_fetcher(&cfg, NULL);
    fetcher_get(f, rq, N, r);
    fetcher_free(f);
    for (size_t i = 0; i < N; i++) {
        const char *what = rq[i].url;
        CHECK_MSG(r[i].status == cases[i].status, "%s: %s (%s)", what,
                  fetch_status_str(r[i].status), r[i].err.msg);
        if (cases[i].error[0])
            CHECK_MSG(strstr(r[i].err.msg, cases[i].error) != NULL, "%s: error \"%s\", want \"%s\"",
                      what, r[i].err.msg, cases[i].error);
        else
            CHECK_MSG(!error_is_set(&r[i].err) && r[i].body && r[i].body_len == sizeof doc - 1,
                      "%s: error \"%s\", body %zu bytes", what, r[i].err.msg, r[i].body_len);
        fetch_response_clear(&r[i]);
    }
    unlink(fifo);
    unlink(path);
    free(fifo_url);
    free(fifo);
    free(fu);
    free(missing);
}

/* libcurl takes its proxy from the environment (http_proxy ...), and we leave it so. */
static void test_env_proxy(void)
{
    char *proxy = url("");
    setenv("http_proxy", proxy, 1);
    control("/_clear");
    struct fetch_response r;
    struct config cfg;
    test_config(&cfg);
    struct fetch_request rq = {.url = "http://proxy-test.invalid/feed/p"};
    get1(&cfg, &rq, &r, false);
    unsetenv("http_proxy");
    CHECK_MSG(r.status == FETCH_OK, "via proxy: %s %s", fetch_status_str(r.status), r.err.msg);
    fetch_response_clear(&r);
    free(proxy);
    /* control() itself bypasses proxies: the proxied request is in the log. */
    cJSON *log = control("/_log");
    CHECK(last_request(log, "http://proxy-test.invalid/feed/p") != NULL);
    cJSON_Delete(log);
}

/* The server counts /hold requests in flight: never more than the limits allow. */
static void test_concurrency(void)
{
    static const struct {
        int total, per_host;
        int want_max;
    } cases[] = {{4, 2, 2}, {3, 10, 3}, {1, 2, 1}};
    for (size_t c = 0; c < ARRAY_LEN(cases); c++) {
        check_case("limits %d overall, %d per host", cases[c].total, cases[c].per_host);
        struct config cfg;
        test_config(&cfg);
        cfg.fetch.max_transfers = cases[c].total;
        cfg.fetch.max_per_host = cases[c].per_host;
        control("/_clear");
        enum { N = 6 };
        struct fetch_request rq[N];
        struct fetch_response r[N];
        char *urls[N];
        for (int i = 0; i < N; i++) {
            char p[64];
            snprintf(p, sizeof p, "/hold/h%d?ms=400", i);
            urls[i] = url(p);
            rq[i] = (struct fetch_request){.url = urls[i]};
        }
        struct fetcher *f = new_fetcher(&cfg, NULL);
        fetcher_get(f, rq, N, r);
        fetcher_free(f);
        for (int i = 0; i < N; i++) {
            CHECK_INT(r[i].status, FETCH_OK);
            fetch_response_clear(&r[i]);
            free(urls[i]);
        }
        cJSON *st = control("/_stats");
        cJSON *m = cJSON_GetObjectItem(st, "max_inflight");
        CHECK_MSG(cJSON_IsNumber(m) && m->valueint <= cases[c].want_max && m->valueint >= 1,
                  "limits %d/%d: %d in flight", cases[c].total, cases[c].per_host,
                  cJSON_IsNumber(m) ? m->valueint : -1);
        cJSON_Delete(st);
    }
    check_case_end();
}

/* ---- cycles into the store ----------------------------------------------------------- */

/*
 * Every fault after a good first cycle: the cache keeps every item, the feed's state records
 * what happened, the next poll follows the rules (with the jitter's bounds).
 */
static void test_cycle_faults(void)
{
    static const struct {
        const char *fault; /* NULL: the feed itself again (a 304); "/tohttp/": on https */
        enum fetch_status status;
        int code;
        int64_t lo, hi; /* next_poll - T2 */
    } cases[] = {
        {.fault = NULL, .status = FETCH_NOT_MODIFIED, .code = 304, .lo = 540, .hi = 660},
        {.fault = "/status/404", .status = FETCH_HTTP_ERROR, .code = 404, .lo = 54, .hi = 66},
        {.fault = "/status/410",
         .status = FETCH_HTTP_ERROR,
         .code = 410,
         .lo = SCHEDULE_NEVER,
         .hi = SCHEDULE_NEVER},
        {.fault = "/status/429?retry=120",
         .status = FETCH_HTTP_ERROR,
         .code = 429,
         .lo = 120,
         .hi = 120},
        {.fault = "/status/500", .status = FETCH_HTTP_ERROR, .code = 500, .lo = 54, .hi = 66},
        {.fault = "/status/503?retry=7200",
         .status = FETCH_HTTP_ERROR,
         .code = 503,
         .lo = 7200,
         .hi = 7200},
        {.fault = "/reset", .status = FETCH_NETWORK, .code = 0, .lo = 54, .hi = 66},
        {.fault = "/stall", .status = FETCH_TIMEOUT, .code = 200, .lo = 54, .hi = 66},
        {.fault = "/slow", .status = FETCH_TIMEOUT, .code = 200, .lo = 54, .hi = 66},
        {.fault = "/truncated", .status = FETCH_NETWORK, .code = 200, .lo = 54, .hi = 66},
        {.fault = "/big?mb=9", .status = FETCH_TOO_LARGE, .code = 200, .lo = 54, .hi = 66},
        {.fault = "/bigchunked?mb=9", .status = FETCH_TOO_LARGE, .code = 200, .lo = 54, .hi = 66},
        {.fault = "/bomb", .status = FETCH_TOO_LARGE, .code = 200, .lo = 54, .hi = 66},
        {.fault = "/html", .status = FETCH_PARSE, .code = 200, .lo = 54, .hi = 66},
        {.fault = "/empty", .status = FETCH_PARSE, .code = 200, .lo = 54, .hi = 66},
        {.fault = "/loop/a", .status = FETCH_REDIRECT, .code = 302, .lo = 54, .hi = 66},
        /* served by the HTTPS listener: a redirect from https to http is refused */
        {.fault = "/tohttp/feed/plain", .status = FETCH_REDIRECT, .code = 302, .lo = 54, .hi = 66},
        /* a chain of every redirect kind to the feed itself: a 304 at its end */
        {.fault = "/redir/301,302,307,308/feed/k17",
         .status = FETCH_NOT_MODIFIED,
         .code = 304,
         .lo = 540,
         .hi = 660},
        /* a gzip body cut short without Content-Length, and an answer that is not HTTP: errors
         * that keep every cached item (issue 9 items 7 and 13) */
        {.fault = "/truncgzip", .status = FETCH_NETWORK, .code = 200, .lo = 54, .hi = 66},
        {.fault = "/badstatus", .status = FETCH_NETWORK, .code = 0, .lo = 54, .hi = 66},
    };
    enum { N = ARRAY_LEN(cases) };
    const char *paths[N];
    char names[N][32];
    for (size_t i = 0; i < N; i++) {
        snprintf(names[i], sizeof names[i], "/feed/k%zu", i);
        paths[i] = names[i];
    }
    struct config *cfg = make_config(paths, N);
    CHECK(cfg != NULL);
    if (!cfg)
        return;
    struct store *st = open_store();
    struct fetcher *f = new_fetcher(cfg, st);
    fetcher_set_ca_file(f, srv.ca);

    /* Cycle 1: every feed is new and due. */
    struct fetch_cycle c;
    CHECK(fetcher_run_cycle(f, T, false, NULL, &c));
    CHECK_INT(c.n_polled, N);
    CHECK_INT(c.n_ok, N);
    CHECK(c.changed);
    for (size_t i = 0; i < N; i++) {
        check_case("cycle 1, feed k%zu", i);
        CHECK_INT(c.feeds[i].new_items, 5);
        CHECK(c.feeds[i].next_poll >= T + 540 && c.feeds[i].next_poll <= T + 660);
    }
    check_case_end();
    fetch_cycle_free(&c);

    /* Point each feed's fetch URL at its fault, as a stored redirect target would. */
    for (size_t i = 0; i < N; i++) {
        if (!cases[i].fault)
            continue;
        struct store_feed_state s = {0};
        store_feed_get(st, cfg->feeds[i].url, &s, NULL);
        free(s.fetch_url);
        s.fetch_url =
            strncmp(cases[i].fault, "/tohttp/", 8) ? url(cases[i].fault) : tls_url(cases[i].fault);
        CHECK(store_feed_put(st, &s, NULL));
        store_feed_state_clear(&s);
    }

    /* Cycle 2, everything polled: every fault. */
    const int64_t T2 = T + 1000;
    CHECK(fetcher_run_cycle(f, T2, true, NULL, &c));
    CHECK(!c.changed);
    CHECK_INT(c.n_ok, 2);
    CHECK_INT(c.n_failed, N - 2);
    for (size_t i = 0; i < N; i++) {
        const char *what = cases[i].fault ? cases[i].fault : "304";
        check_case("cycle 2, cases[%zu] %s", i, what);
        const struct fetch_feed_result *r = &c.feeds[i];
        CHECK_MSG(r->polled && r->status == cases[i].status, "%s: %s (%s)", what,
                  fetch_status_str(r->status), r->err.msg);
        CHECK_MSG(r->http_code == cases[i].code, "%s: code %d", what, r->http_code);
        CHECK_INT(r->new_items, 0);
        struct store_feed_state s = {0};
        store_feed_get(st, cfg->feeds[i].url, &s, NULL);
        /* The cache keeps every item it had. */
        CHECK_MSG(items_of(st, cfg->feeds[i].url) == 5, "%s: items kept", what);
        /* The state says what happened ... */
        CHECK_MSG(s.last_http_code == cases[i].code, "%s: last code %ld", what, s.last_http_code);
        CHECK_INT(s.last_attempt, T2);
        if (cases[i].status != FETCH_NOT_MODIFIED) {
            CHECK_MSG(s.error_count == 1, "%s: errors %d", what, s.error_count);
            CHECK_MSG(s.last_error && *s.last_error, "%s: last_error", what);
            CHECK_INT(s.last_success, T);
        } else {
            CHECK_INT(s.error_count, 0);
            CHECK_INT(s.last_status, STORE_FETCH_NOT_MODIFIED);
            CHECK_INT(s.last_success, T2);
        }
        /* ... the validators of the last good copy stay, so the next GET is conditional ... */
        char etag[32];
        snprintf(etag, sizeof etag, "\"k%zu-v0\"", i);
        CHECK_STR(s.etag, etag);
        /* ... and the next poll follows the rules. */
        if (cases[i].lo == SCHEDULE_NEVER) {
            CHECK(s.gone && s.last_status == STORE_FETCH_GONE);
            CHECK(r->next_poll == SCHEDULE_NEVER);
        } else {
            int64_t d = s.next_poll - T2;
            CHECK_MSG(d >= cases[i].lo && d <= cases[i].hi,
                      "%s: next poll +%lld, want "
                      "[%lld, %lld]",
                      what, (long long)d, (long long)cases[i].lo, (long long)cases[i].hi);
            CHECK(!s.gone);
        }
        store_feed_state_clear(&s);
    }
    check_case_end();
    fetch_cycle_free(&c);

    /* Cycle 3 at T2 + 100, by the schedule: the 1-minute backoffs are due, the rest not. */
    const int64_t T3 = T2 + 100;
    CHECK(fetcher_run_cycle(f, T3, false, NULL, &c));
    for (size_t i = 0; i < N; i++) {
        bool due = cases[i].lo != SCHEDULE_NEVER && cases[i].hi <= 100;
        const char *what = cases[i].fault ? cases[i].fault : "304";
        check_case("cycle 3, cases[%zu] %s", i, what);
        CHECK_MSG(c.feeds[i].polled == due, "%s: polled %d", what, c.feeds[i].polled);
        if (due) {
            CHECK_MSG(c.feeds[i].error_count == 2, "%s: errors %d", what, c.feeds[i].error_count);
            int64_t d = c.feeds[i].next_poll - T3;
            CHECK_MSG(d >= 108 && d <= 132, "%s: second backoff +%lld", what, (long long)d);
        }
        CHECK_MSG(items_of(st, cfg->feeds[i].url) == 5, "%s: items kept", what);
    }
    check_case_end();
    fetch_cycle_free(&c);

    /* 410 is for good: even `all` skips it, and the stats show it. */
    CHECK(fetcher_run_cycle(f, T3 + 100000, true, NULL, &c));
    CHECK(!c.feeds[2].polled && c.feeds[2].next_poll == SCHEDULE_NEVER);
    fetch_cycle_free(&c);
    struct store_stats stats = {0};
    CHECK(store_stats(st, &stats, NULL));
    bool saw_gone = false;
    for (size_t i = 0; i < stats.n_feeds; i++)
        saw_gone |=
            stats.feeds[i].state.gone && !strcmp(stats.feeds[i].state.url, cfg->feeds[2].url);
    CHECK(saw_gone);
    store_stats_free(&stats);

    fetcher_free(f);
    remove_store(st);
    config_free(cfg);
}

/*
 * RSS <ttl> and Cache-Control max-age raise the interval, also after a 304, and the ttl also
 * after a restart (a new fetcher on the reopened cache) whose first answer is a 304.
 */
static void test_cycle_raises(void)
{
    const char *paths[] = {"/feed/ttl?ttl=60", "/feed/maxage?maxage=7200", "/feed/plain"};
    struct config *cfg = make_config(paths, 3);
    struct store *st = open_store();
    struct fetcher *f = new_fetcher(cfg, st);
    static const int64_t lo[] = {3240, 6480, 540}, hi[] = {3960, 7920, 660};
    for (int poll = 0; poll < 3; poll++) { /* a 200, a 304, a restart and a 304 */
        if (poll == 2) {
            fetcher_free(f);
            store_close(st);
            st = store_open(db_path, NULL, NULL);
            CHECK(st != NULL);
            f = new_fetcher(cfg, st);
        }
        int64_t now = T + poll * 10000;
        struct fetch_cycle c;
        CHECK(fetcher_run_cycle(f, now, true, NULL, &c));
        for (size_t i = 0; i < 3; i++) {
            check_case("%s, poll %d", paths[i], poll);
            CHECK_INT(c.feeds[i].status, poll ? FETCH_NOT_MODIFIED : FETCH_OK);
            int64_t d = c.feeds[i].next_poll - now;
            CHECK_MSG(d >= lo[i] && d <= hi[i], "%s poll %d: +%lld", paths[i], poll, (long long)d);
        }
        check_case_end();
        fetch_cycle_free(&c);
    }
    struct store_feed_state s = {0};
    store_feed_get(st, cfg->feeds[0].url, &s, NULL);
    CHECK(s.ttl == 3600);
    store_feed_state_clear(&s);
    fetcher_free(f);
    remove_store(st);
    config_free(cfg);
}

/* What a commit left in the WAL from byte `from` on: frames, commits, and the header salt. */
struct wal_tail {
    long frames, commits;
    uint32_t salt;
    long size;
};

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Reads the -wal file of db_path (format: sqlite.org/fileformat.html, "WAL file format"). */
static struct wal_tail wal_tail(long from)
{
    struct wal_tail t = {0};
    char p[160];
    snprintf(p, sizeof p, "%s-wal", db_path);
    FILE *fp = fopen(p, "rb");
    if (!fp)
        return t;
    unsigned char hdr[32];
    if (fread(hdr, 1, sizeof hdr, fp) == sizeof hdr) {
        uint32_t page = be32(hdr + 8);
        t.salt = be32(hdr + 16);
        fseek(fp, 0, SEEK_END);
        t.size = ftell(fp);
        long off = from > 32 ? from : 32;
        unsigned char fh[24];
        while (page > 0 && fseek(fp, off, SEEK_SET) == 0 && fread(fh, 1, 24, fp) == 24 &&
               be32(fh + 8) == t.salt) {
            t.frames++;
            t.commits += be32(fh + 4) != 0; /* a commit frame holds the database's size */
            off += 24 + (long)page;
        }
    }
    fclose(fp);
    return t;
}

/*
 * A cycle in which every feed answers 304 writes one small transaction: the feeds' schedule
 * state (next poll, last success; docs/cache.md, "Writes") in a frame or two of the WAL, no
 * item. Polled together with the same interval, the feeds stay due together (one jitter per
 * cycle), so the next cycle is again one transaction for all of them.
 */
static void test_cycle_304_writes(void)
{
    const char *paths[] = {"/feed/q1", "/feed/q2", "/feed/q3", "/feed/q4"};
    struct config *cfg = make_config(paths, 4);
    struct store *st = open_store();
    struct fetcher *f = new_fetcher(cfg, st);
    struct fetch_cycle c;
    CHECK(fetcher_run_cycle(f, T, false, NULL, &c));
    CHECK_INT(c.n_ok, 4);
    int64_t due = c.feeds[0].next_poll;
    for (size_t i = 1; i < 4; i++)
        CHECK_MSG(c.feeds[i].next_poll == due, "feed q%zu due at %lld, q1 at %lld", i + 1,
                  (long long)c.feeds[i].next_poll, (long long)due);
    fetch_cycle_free(&c);
    struct wal_tail before = wal_tail(0);
    CHECK(before.frames > 2 && before.commits >= 1);   /* the first cycle stored 20 items */
    CHECK(fetcher_run_cycle(f, due, false, NULL, &c)); /* all four due again at once */
    CHECK_INT(c.n_polled, 4);
    for (size_t i = 0; i < 4; i++)
        CHECK_MSG(c.feeds[i].status == FETCH_NOT_MODIFIED, "feed q%zu: %s", i + 1,
                  fetch_status_str(c.feeds[i].status));
    CHECK(!c.changed);
    fetch_cycle_free(&c);
    struct wal_tail after = wal_tail(before.size);
    CHECK(after.salt == before.salt); /* no checkpoint restarted the WAL in between */
    CHECK_MSG(after.commits == 1 && after.frames >= 1 && after.frames <= 2,
              "an unchanged cycle: %ld frames, %ld commits", after.frames, after.commits);
    /* a cycle with nothing due writes nothing at all */
    CHECK(fetcher_run_cycle(f, due + 1, false, NULL, &c));
    CHECK_INT(c.n_polled, 0);
    fetch_cycle_free(&c);
    CHECK(wal_tail(0).size == after.size);
    fetcher_free(f);
    remove_store(st);
    config_free(cfg);
}

/* A 301 on three consecutive polls moves the feed; a 302 never does. */
static void test_cycle_moved(void)
{
    const char *paths[] = {"/redir/301/feed/m", "/redir/302/feed/t"};
    struct config *cfg = make_config(paths, 2);
    struct store *st = open_store();
    struct fetcher *f = new_fetcher(cfg, st);
    char *target = url("/feed/m");
    for (int poll = 1; poll <= 3; poll++) {
        check_case("poll %d", poll);
        struct fetch_cycle c;
        CHECK(fetcher_run_cycle(f, T + poll * 1000, true, NULL, &c));
        CHECK_INT(c.n_ok, 2);
        fetch_cycle_free(&c);
        struct store_feed_state s = {0};
        store_feed_get(st, cfg->feeds[0].url, &s, NULL);
        if (poll < 3) {
            CHECK(s.fetch_url == NULL);
            CHECK_INT(s.moved_count, poll);
            CHECK_STR(s.moved_to, target);
        } else {
            CHECK_STR(s.fetch_url, target);
        }
        store_feed_state_clear(&s);
        store_feed_get(st, cfg->feeds[1].url, &s, NULL);
        CHECK(s.fetch_url == NULL && s.moved_count == 0);
        store_feed_state_clear(&s);
    }
    check_case_end();
    /* The fourth poll goes straight to the new place, conditionally. */
    control("/_clear");
    struct fetch_cycle c;
    CHECK(fetcher_run_cycle(f, T + 4000, true, NULL, &c));
    CHECK_INT(c.feeds[0].status, FETCH_NOT_MODIFIED);
    fetch_cycle_free(&c);
    cJSON *log = control("/_log");
    CHECK_INT(count_requests(log, "/redir/301/feed/m"), 0);
    CHECK_STR(req_header(last_request(log, "/feed/m"), "If-None-Match"), "\"m-v0\"");
    cJSON_Delete(log);
    CHECK_INT(items_of(st, cfg->feeds[0].url), 5);
    free(target);
    fetcher_free(f);
    remove_store(st);
    config_free(cfg);
}

/* A feed that changes brings only its new item, a corrected item is counted as changed and
 * summarised again; the wrong charset label still parses. */
static void test_cycle_updates(void)
{
    const char *paths[] = {"/feed/u", "/charset"};
    struct config *cfg = make_config(paths, 2);
    struct store *st = open_store();
    struct fetcher *f = new_fetcher(cfg, st);
    struct fetch_cycle c;
    CHECK(fetcher_run_cycle(f, T, true, NULL, &c));
    CHECK_INT(c.feeds[0].new_items, 5);
    CHECK_INT(c.feeds[1].status, FETCH_OK);
    CHECK_INT(c.feeds[1].new_items, 1);
    fetch_cycle_free(&c);
    struct store_item_list l = {0};
    store_list(st, cfg->feeds[1].url, 0, &l, NULL);
    CHECK(l.n == 1 && l.v[0].title &&
          strstr(l.v[0].title, "Cr\xc3\xa8me br\xc3\xbbl\xc3\xa9"
                               "e"));
    store_item_list_free(&l);

    control("/_bump/u");
    CHECK(fetcher_run_cycle(f, T + 1000, true, NULL, &c));
    CHECK_INT(c.feeds[0].status, FETCH_OK);
    CHECK_INT(c.feeds[0].new_items, 1);
    CHECK(c.changed);
    fetch_cycle_free(&c);
    CHECK_INT(items_of(st, cfg->feeds[0].url), 6);
    struct store_feed_state s = {0};
    store_feed_get(st, cfg->feeds[0].url, &s, NULL);
    CHECK_STR(s.etag, "\"u-v1\"");
    store_feed_state_clear(&s);

    /* A correction: the newest item (u-5) keeps its id and gets a new text. It is no new
     * item, but a changed one, and its summary is made again from the new text. */
    control("/_correct/u");
    CHECK(fetcher_run_cycle(f, T + 2000, true, NULL, &c));
    CHECK_INT(c.feeds[0].status, FETCH_OK);
    CHECK_INT(c.feeds[0].new_items, 0);
    CHECK_INT(c.feeds[0].changed_items, 1);
    CHECK_INT(c.feeds[1].changed_items, 0);
    CHECK(c.changed);
    fetch_cycle_free(&c);
    store_list(st, cfg->feeds[0].url, 0, &l, NULL);
    CHECK_INT(l.n, 6);
    for (size_t i = 0; i < l.n; i++) {
        const char *sum = l.v[i].summary ? l.v[i].summary : "";
        if (!strcmp(l.v[i].item_id, "u-5"))
            CHECK(!strncmp(sum, "Correction to story 5 of u: ", 28));
        else
            CHECK(!strncmp(sum, "Short note ", 11));
    }
    store_item_list_free(&l);
    fetcher_free(f);
    remove_store(st);
    config_free(cfg);
}

/* Thin items get their summary from the article page; known items are not fetched again. */
static void test_cycle_articles(void)
{
    const char *paths[] = {"/feed/art?items=3", "/feed/long?items=2&desc=long"};
    struct config *cfg = make_config_ex(paths, 2, true);
    struct store *st = open_store();
    struct fetcher *f = new_fetcher(cfg, st);
    fetcher_set_article_gap_ms(f, 100);
    control("/_clear");
    struct fetch_cycle c;
    CHECK(fetcher_run_cycle(f, T, true, NULL, &c));
    CHECK_INT(c.articles_fetched, 3); /* the long descriptions need no page */
    CHECK_INT(c.feeds[0].new_items, 3);
    fetch_cycle_free(&c);
    cJSON *log = control("/_log");
    char *ua = NULL;
    int pages = 0;
    cJSON *e;
    cJSON_ArrayForEach(e, log)
    {
        cJSON *p = cJSON_GetObjectItem(e, "path");
        if (cJSON_IsString(p) && !strncmp(p->valuestring, "/article/", 9)) {
            pages++;
            CHECK(!strncmp(p->valuestring, "/article/art-", 13));
            free(ua);
            ua = xstrdup(req_header(e, "User-Agent") ? req_header(e, "User-Agent") : "");
        }
    }
    CHECK_INT(pages, 3);
    CHECK_STR(ua, cfg->user_agent);
    free(ua);
    cJSON_Delete(log);

    struct store_item_list l = {0};
    store_list(st, cfg->feeds[0].url, 0, &l, NULL);
    CHECK_INT(l.n, 3);
    for (size_t i = 0; i < l.n; i++) {
        const char *sum = l.v[i].summary;
        CHECK_MSG(sum && strstr(sum, "tram line"), "page summary: %s", sum ? sum : "NULL");
        CHECK(sum && !strstr(sum, "Imprint") && !strstr(sum, "Short note"));
    }
    store_item_list_free(&l);
    store_list(st, cfg->feeds[1].url, 0, &l, NULL);
    CHECK_INT(l.n, 2);
    for (size_t i = 0; i < l.n; i++)
        CHECK(l.v[i].summary && strstr(l.v[i].summary, "council met"));
    store_item_list_free(&l);

    /* One new item: one page, the others keep their summaries. */
    control("/_bump/art");
    CHECK(fetcher_run_cycle(f, T + 1000, true, NULL, &c));
    CHECK_INT(c.feeds[0].new_items, 1);
    CHECK_INT(c.articles_fetched, 1);
    fetch_cycle_free(&c);
    fetcher_free(f);
    remove_store(st);
    config_free(cfg);

    /* A local file feed is demo or offline content: its links are never fetched. */
    char fpath[160];
    snprintf(fpath, sizeof fpath, "%s/local.rss", srv.dir);
    FILE *fp = fopen(fpath, "w");
    fprintf(fp,
            "<rss version=\"2.0\"><channel><title>L</title><item><title>Local</title>"
            "<guid>l1</guid><link>http://127.0.0.1:%d/article/local</link>"
            "<description>Thin.</description></item></channel></rss>",
            srv.port);
    fclose(fp);
    char *json = xasprintf("{\"feeds\": [{\"url\": \"file://%s\", \"name\": \"local\"}]}", fpath);
    struct config *base = config_default(NULL, 0);
    struct config_diags d = {0};
    cfg = config_parse(json, strlen(json), "local.json", base, &d);
    config_diags_free(&d);
    config_free(base);
    free(json);
    CHECK(cfg && cfg->fetch_articles);
    st = open_store();
    f = new_fetcher(cfg, st);
    CHECK(fetcher_run_cycle(f, T, true, NULL, &c));
    CHECK_INT(c.feeds[0].new_items, 1);
    CHECK_INT(c.articles_fetched, 0);
    fetch_cycle_free(&c);
    fetcher_free(f);
    remove_store(st);
    config_free(cfg);
    unlink(fpath);

    /* At most FETCH_ARTICLE_MAX_PER_CYCLE pages a cycle. */
    const char *many[] = {"/feed/many?items=25"};
    cfg = make_config_ex(many, 1, true);
    st = open_store();
    f = new_fetcher(cfg, st);
    fetcher_set_article_gap_ms(f, 20);
    CHECK(fetcher_run_cycle(f, T, true, NULL, &c));
    CHECK_INT(c.feeds[0].new_items, 25);
    CHECK_INT(c.articles_fetched, FETCH_ARTICLE_MAX_PER_CYCLE);
    fetch_cycle_free(&c);
    fetcher_free(f);
    remove_store(st);
    config_free(cfg);
}

/* ---- configurations written out, and what a worker publishes ---------------------------- */

/* A configuration from JSON text (the test's own: a mistake in it ends the test). */
static struct config *parse_config(const char *json)
{
    struct config *base = config_default(NULL, 0);
    struct config_diags d = {0};
    struct config *cfg = config_parse(json, strlen(json), "test.json", base, &d);
    for (size_t i = 0; i < d.n; i++)
        fprintf(stderr, "%s\n", d.v[i].text);
    config_diags_free(&d);
    config_free(base);
    if (!cfg) {
        fprintf(stderr, "the test's own configuration is bad: %s\n", json);
        exit(1);
    }
    return cfg;
}

/* A port on 127.0.0.1 that nobody listens on (bound, then closed). */
static int closed_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    int port = 0;
    if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof a) == 0 &&
        getsockname(fd, (struct sockaddr *)&a, &len) == 0)
        port = ntohs(a.sin_port);
    if (fd >= 0)
        close(fd);
    return port;
}

/* Takes snapshots until `done` says yes (or 30 s of real time pass: a hang detector, not a
 * timing test). Returns the last snapshot taken (NULL when none came); the caller frees it. */
static struct story_snapshot *
wait_snapshot(struct fetcher *f, bool (*done)(const struct story_snapshot *, void *), void *arg)
{
    struct story_snapshot *snap = NULL;
    for (int i = 0; i < 3000; i++) {
        struct story_snapshot *s = fetcher_take_snapshot(f);
        if (s) {
            story_snapshot_free(snap);
            snap = s;
            if (done(snap, arg))
                return snap;
        }
        sleep_ms(10);
    }
    return snap;
}

static const struct story_feed *snap_feed(const struct story_snapshot *s, const char *name)
{
    for (size_t i = 0; s && i < s->n_feeds; i++)
        if (!strcmp(s->feeds[i].name, name))
            return &s->feeds[i];
    return NULL;
}

static size_t stories_with_summary(const struct story_snapshot *s, const char *has)
{
    size_t n = 0;
    for (size_t i = 0; s && i < s->n_stories; i++)
        n += s->stories[i].summary && strstr(s->stories[i].summary, has);
    return n;
}

static int article_requests(void)
{
    cJSON *log = control("/_log");
    int n = 0;
    cJSON *e;
    cJSON_ArrayForEach(e, log)
    {
        cJSON *p = cJSON_GetObjectItem(e, "path");
        n += cJSON_IsString(p) && !strncmp(p->valuestring, "/article/", 9);
    }
    cJSON_Delete(log);
    return n;
}

/* ---- issue 9: secrets after a move, honest per-feed lines, demo content ------------------ */

/*
 * A feed with an API key moves to another origin (301 to the HTTPS listener, three polls in a
 * row): the key goes to the configured origin on every poll, never to the new one, also once
 * the feed is fetched from its new place directly (issue 9 item 2).
 */
static void test_moved_headers(void)
{
    char *json = xasprintf("{\"interval\": 600, \"fetch_articles\": false, \"feeds\": [{\"url\": "
                           "\"http://127.0.0.1:%d/movedtls/feed/hm\", \"name\": \"hm\", "
                           "\"headers\": {\"X-Api-Key\": \"secret-2\"}}]}",
                           srv.port);
    struct config *cfg = parse_config(json);
    free(json);
    struct store *st = open_store();
    struct fetcher *f = new_fetcher(cfg, st);
    fetcher_set_ca_file(f, srv.ca);
    control("/_clear");
    for (int poll = 1; poll <= 4; poll++) {
        struct fetch_cycle c;
        CHECK(fetcher_run_cycle(f, T + poll * 1000, true, NULL, &c));
        CHECK_MSG(c.n_ok == 1, "poll %d: %s (%s)", poll, fetch_status_str(c.feeds[0].status),
                  c.feeds[0].err.msg);
        fetch_cycle_free(&c);
    }
    struct store_feed_state s = {0};
    store_feed_get(st, cfg->feeds[0].url, &s, NULL);
    char *moved = tls_url("/feed/hm");
    CHECK_STR(s.fetch_url, moved); /* the fourth poll went there directly */
    free(moved);
    store_feed_state_clear(&s);
    cJSON *log = control("/_log");
    int to_origin = 0, to_new = 0, leaked = 0;
    cJSON *e;
    cJSON_ArrayForEach(e, log)
    {
        cJSON *p = cJSON_GetObjectItem(e, "path");
        if (!cJSON_IsString(p))
            continue;
        const char *key = req_header(e, "X-Api-Key");
        if (!strcmp(p->valuestring, "/movedtls/feed/hm")) {
            to_origin++;
            CHECK_STR(key, "secret-2");
        } else if (!strcmp(p->valuestring, "/feed/hm")) {
            to_new++;
            leaked += key != NULL;
        }
    }
    CHECK_INT(to_origin, 3);
    CHECK_INT(to_new, 4);
    CHECK_MSG(leaked == 0, "the API key went to the new origin %d times", leaked);
    cJSON_Delete(log);
    fetcher_free(f);
    remove_store(st);
    config_free(cfg);
}

/*
 * A cycle whose transaction cannot be committed (another connection holds the cache's write
 * lock): the feed's result says so (not stored, no new items, the reason), and the cycle
 * returns false; nothing half-written stays. The next cycle stores everything (issue 9 item
 * 13). Waits out the store's 5 s busy timeout once.
 */
static void test_cycle_not_saved(void)
{
    const char *paths[] = {"/feed/ns"};
    struct config *cfg = make_config(paths, 1);
    struct store *st = open_store();
    struct fetcher *f = new_fetcher(cfg, st);
    sqlite3 *other = NULL;
    CHECK(sqlite3_open(db_path, &other) == SQLITE_OK);
    CHECK(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK);
    struct fetch_cycle c;
    CHECK(!fetcher_run_cycle(f, T, true, NULL, &c));
    CHECK(c.store_failed);
    const struct fetch_feed_result *r = &c.feeds[0];
    CHECK(r->polled && r->status == FETCH_OK);
    CHECK_MSG(!r->stored && r->new_items == 0, "stored %d, new %d", r->stored, r->new_items);
    CHECK_MSG(strstr(r->err.msg, "could not be saved in the cache") != NULL, "error \"%s\"",
              r->err.msg);
    fetch_cycle_free(&c);
    sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(other);
    CHECK_INT(items_of(st, cfg->feeds[0].url), 0);
    CHECK(fetcher_run_cycle(f, T + 100, true, NULL, &c));
    CHECK(c.feeds[0].stored && c.feeds[0].new_items == 5);
    fetch_cycle_free(&c);
    CHECK_INT(items_of(st, cfg->feeds[0].url), 5);
    fetcher_free(f);
    remove_store(st);
    config_free(cfg);
}

/* Writes an RSS file with items dated `ago` seconds before `t0` (titles "PREFIX k"). */
static char *write_dated_feed(const char *name, const char *prefix, int64_t t0, const int64_t *ago,
                              size_t n)
{
    char *path = xasprintf("%s/%s.rss", srv.dir, name);
    FILE *fp = fopen(path, "w");
    fprintf(fp, "<rss version=\"2.0\"><channel><title>%s</title>", name);
    for (size_t i = 0; i < n; i++) {
        time_t t = (time_t)(t0 - ago[i]);
        char date[64];
        strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", gmtime(&t));
        fprintf(fp,
                "<item><title>%s story number %zu</title><guid>%s-%zu</guid><pubDate>%s</pubDate>"
                "<description>Text of %s story %zu.</description></item>",
                prefix, i, prefix, i, date, prefix, i);
    }
    fputs("</channel></rss>", fp);
    fclose(fp);
    return path;
}

static int64_t published_of(const struct store_item_list *l, const char *title)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i].title && !strcmp(l->v[i].title, title))
            return l->v[i].published;
    return INT64_MIN;
}

/*
 * Demo content (config "demo": true) shows a live ticker on any day: the items move so the
 * newest is the fetch time and the others keep their spacing; one older than retention keeps
 * is moved up inside it, never dropped; the source says "(demo)". The same old items in a
 * feed without the flag keep their own dates, and are kept too: a feed's newest items stay
 * whatever their age until newer ones replace them (docs/cache.md, "Retention").
 */
static void test_demo_feed(void)
{
    const int64_t old = INT64_C(1577836800); /* 2020-01-01: years before T */
    const int64_t ago[] = {0, 3600, 86400, 5 * 86400};
    char *demo = write_dated_feed("demo", "Demo", old, ago, 4);
    char *plain = write_dated_feed("plain", "Plain", old, ago, 4);
    char *json = xasprintf("{\"fetch_articles\": true, \"retention\": {\"max_age\": 172800},"
                           " \"feeds\": [{\"url\": \"file://%s\", \"name\": \"Tagesblick\", "
                           "\"demo\": true}, {\"url\": \"file://%s\", \"name\": \"Plain\"}]}",
                           demo, plain);
    struct config *cfg = parse_config(json);
    free(json);
    struct store *st = open_store();
    struct fetcher *f = new_fetcher(cfg, st);
    for (int round = 0; round < 2; round++) {
        int64_t now = T + round * 7200;
        struct fetch_cycle c;
        CHECK(fetcher_run_cycle(f, now, true, NULL, &c));
        CHECK_INT(c.feeds[0].new_items, round == 0 ? 4 : 0);
        CHECK_INT(c.feeds[1].new_items, round == 0 ? 4 : 0);
        CHECK_INT(c.articles_fetched, 0); /* demo links are never fetched */
        fetch_cycle_free(&c);
        struct store_item_list l = {0};
        CHECK(store_list(st, cfg->feeds[0].url, 0, &l, NULL));
        CHECK_INT(l.n, 4);
        static const char *const titles[] = {"Demo story number 0", "Demo story number 1",
                                             "Demo story number 2", "Demo story number 3"};
        /* newest = now, spacing kept; 5 days back is moved up to 36 h (max_age - max_age/4) */
        const int64_t want[] = {now, now - 3600, now - 86400, now - 172800 + 43200};
        for (size_t i = 0; i < 4; i++)
            CHECK_MSG(published_of(&l, titles[i]) == want[i], "round %d, %s: %lld, want %lld",
                      round, titles[i], (long long)published_of(&l, titles[i]), (long long)want[i]);
        for (size_t i = 0; i < l.n; i++)
            CHECK_STR(l.v[i].feed_name, "Tagesblick" FETCH_DEMO_LABEL);
        store_item_list_free(&l);
        CHECK(store_list(st, cfg->feeds[1].url, 0, &l, NULL));
        CHECK_INT(l.n, 4);
        CHECK_INT(published_of(&l, "Plain story number 3"), old - 5 * 86400);
        store_item_list_free(&l);
    }
    fetcher_free(f);
    remove_store(st);
    config_free(cfg);
    unlink(demo);
    unlink(plain);
    free(demo);
    free(plain);
}

/* ---- the worker for the display (issue 8) ---------------------------------------------- */

static bool has_n_stories(const struct story_snapshot *s, void *arg)
{
    return s->n_stories >= *(size_t *)arg;
}

static bool n_summarised(const struct story_snapshot *s, void *arg)
{
    return stories_with_summary(s, "tram line") >= *(size_t *)arg;
}

/* Moves a manual clock and lets the worker catch up with it. */
static void advance(struct fetcher *f, struct clock_manual *clk, int64_t ms)
{
    clock_manual_advance(clk, ms);
    int64_t target = clock_monotonic_ms(&clk->clock);
    fetcher_wake(f);
    for (int i = 0; i < 30000 && atomic_load(&f->idle_ms) < target; i++)
        sleep_ms(1);
}

/*
 * Headlines do not wait for summaries or article pages (issue 8): ten headline-only items on
 * one host are on the display before their pages are fetched. The clock is a manual one: the
 * article politeness gap (5 s) only passes when the test moves it, so the pages wait while
 * the headlines are already shown, and then each move brings one more page until every item
 * has its summary from its page.
 */
static void test_worker_headlines_first(void)
{
    const char *paths[] = {"/feed/hf?items=10&desc=none"};
    struct config *cfg = make_config_ex(paths, 1, true);
    struct store *st = open_store();
    struct fetcher *f = new_fetcher(cfg, st);
    struct clock_manual clk;
    clock_manual_init(&clk, T * 1000);
    fetcher_set_clock(f, &clk.clock);
    control("/_clear");
    CHECK(fetcher_start(f));
    size_t ten = 10;
    struct story_snapshot *snap = wait_snapshot(f, has_n_stories, &ten);
    CHECK_MSG(snap && snap->n_stories == 10, "%zu headlines", snap ? snap->n_stories : 0);
    CHECK_MSG(stories_with_summary(snap, "tram line") <= 1, "%zu summaries already",
              stories_with_summary(snap, "tram line"));
    advance(f, &clk, 0); /* the worker has done all it can without the clock moving */
    CHECK_MSG(article_requests() == 1, "%d article pages before the gap passed",
              article_requests());
    const struct story_feed *sf = snap_feed(snap, "f0");
    CHECK(sf && sf->state == STORY_FEED_OK && sf->n_items == 10);
    story_snapshot_free(snap);
    for (int i = 0; i < 12; i++)
        advance(f, &clk, FETCH_ARTICLE_HOST_GAP_S * 1000);
    snap = wait_snapshot(f, n_summarised, &ten);
    CHECK_MSG(stories_with_summary(snap, "tram line") == 10, "%zu summaries from pages",
              stories_with_summary(snap, "tram line"));
    CHECK_INT(article_requests(), 10);
    story_snapshot_free(snap);
    fetcher_stop(f);
    CHECK_INT(fetcher_cycles_done(f), 1);
    fetcher_free(f);
    remove_store(st);
    config_free(cfg);
}

static bool quick_in(const struct story_snapshot *s, void *arg)
{
    (void)arg;
    const struct story_feed *q = snap_feed(s, "quick");
    return q && q->n_items == 5;
}

/*
 * One feed's headlines are published as soon as its transfer ends, while another feed is
 * still being fetched (issue 8): the snapshot with the quick feed's stories says the slow
 * feed is "fetching". Stopping then aborts the slow transfer.
 */
static void test_worker_per_feed(void)
{
    char *json = xasprintf("{\"interval\": 600, \"fetch_articles\": false, \"retention\": "
                           "{\"max_age\": 31536000}, \"feeds\": [{\"url\": "
                           "\"http://127.0.0.1:%d/hold/slowfeed?ms=60000\", \"name\": \"slow\"}, "
                           "{\"url\": \"http://127.0.0.1:%d/feed/quick\", \"name\": \"quick\"}]}",
                           srv.port, srv.port);
    struct config *cfg = parse_config(json);
    free(json);
    struct store *st = open_store();
    struct fetcher *f = new_fetcher(cfg, st);
    struct clock_manual clk;
    clock_manual_init(&clk, T * 1000);
    fetcher_set_clock(f, &clk.clock);
    CHECK(fetcher_start(f));
    struct story_snapshot *snap = wait_snapshot(f, quick_in, NULL);
    const struct story_feed *slow = snap_feed(snap, "slow"), *quick = snap_feed(snap, "quick");
    CHECK_MSG(quick && quick->state == STORY_FEED_OK && quick->n_items == 5, "quick: %s, %zu items",
              quick ? story_feed_state_str(quick->state) : "missing", quick ? quick->n_items : 0);
    CHECK_MSG(slow && slow->state == STORY_FEED_FETCHING && slow->n_items == 0,
              "slow: %s while the quick one is in", slow ? story_feed_state_str(slow->state) : "-");
    CHECK(snap && snap->n_stories == 5 && snap->n_feeds == 2);
    story_snapshot_free(snap);
    fetcher_stop(f);
    fetcher_free(f);
    remove_store(st);
    config_free(cfg);
}

static bool all_settled(const struct story_snapshot *s, void *arg)
{
    (void)arg;
    for (size_t i = 0; i < s->n_feeds; i++)
        if (s->feeds[i].state == STORY_FEED_WAITING || s->feeds[i].state == STORY_FEED_FETCHING)
            return false;
    return s->n_feeds > 0;
}

/*
 * Each feed's state after a cycle, with the short reason the no-news screen shows (issue 8):
 * ok (with its item count), HTTP 404, not a feed, connection refused, TLS certificate not
 * trusted (the test's certificate is not in the system's store), gone.
 */
static void test_worker_feed_states(void)
{
    int refused = closed_port();
    char *json = xasprintf(
        "{\"interval\": 600, \"fetch_articles\": false, \"retention\": {\"max_age\": 31536000},"
        " \"feeds\": [{\"url\": \"http://127.0.0.1:%d/feed/st\", \"name\": \"good\"},"
        " {\"url\": \"http://127.0.0.1:%d/status/404\", \"name\": \"missing\"},"
        " {\"url\": \"http://127.0.0.1:%d/html\", \"name\": \"page\"},"
        " {\"url\": \"http://127.0.0.1:%d/feed/x\", \"name\": \"refused\"},"
        " {\"url\": \"https://127.0.0.1:%d/feed/st2\", \"name\": \"untrusted\"},"
        " {\"url\": \"http://127.0.0.1:%d/status/410\", \"name\": \"gone\"},"
        " {\"url\": \"http://127.0.0.1:%d/feed/off\", \"name\": \"off\", \"enabled\": false}]}",
        srv.port, srv.port, srv.port, refused, srv.tls_port, srv.port, srv.port);
    struct config *cfg = parse_config(json);
    free(json);
    struct store *st = open_store();
    struct fetcher *f = new_fetcher(cfg, st);
    struct clock_manual clk; /* the fixtures' dates are from 2023 */
    clock_manual_init(&clk, T * 1000);
    fetcher_set_clock(f, &clk.clock);
    CHECK(fetcher_start(f));
    struct story_snapshot *snap = wait_snapshot(f, all_settled, NULL);
    fetcher_stop(f);
    static const struct {
        const char *name;
        enum story_feed_state state;
        const char *detail; /* NULL: none */
        size_t items;
    } want[] = {
        {.name = "good", .state = STORY_FEED_OK, .detail = NULL, .items = 5},
        {.name = "missing", .state = STORY_FEED_FAILED, .detail = "HTTP 404"},
        {.name = "page", .state = STORY_FEED_FAILED, .detail = "not a feed"},
        {.name = "refused", .state = STORY_FEED_FAILED, .detail = "connection refused"},
        {.name = "untrusted", .state = STORY_FEED_FAILED, .detail = "TLS certificate not trusted"},
        {.name = "gone", .state = STORY_FEED_GONE, .detail = "HTTP 410"},
    };
    CHECK_MSG(snap && snap->n_feeds == ARRAY_LEN(want), "%zu feeds in the snapshot",
              snap ? snap->n_feeds : 0);
    for (size_t i = 0; snap && i < ARRAY_LEN(want); i++) {
        const struct story_feed *sf = snap_feed(snap, want[i].name);
        CHECK_MSG(sf != NULL, "%s: not in the snapshot", want[i].name);
        if (!sf)
            continue;
        CHECK_MSG(sf->state == want[i].state, "%s: %s, want %s", want[i].name,
                  story_feed_state_str(sf->state), story_feed_state_str(want[i].state));
        CHECK_MSG(want[i].detail ? sf->detail && !strcmp(sf->detail, want[i].detail)
                                 : sf->detail == NULL,
                  "%s: detail \"%s\", want \"%s\"", want[i].name, sf->detail ? sf->detail : "NULL",
                  want[i].detail ? want[i].detail : "NULL");
        CHECK_MSG(sf->n_items == want[i].items, "%s: %zu items", want[i].name, sf->n_items);
        CHECK_MSG((sf->last_success > 0) == (want[i].state == STORY_FEED_OK),
                  "%s: last success %lld", want[i].name, (long long)sf->last_success);
    }
    CHECK(snap && !snap->offline && snap->offline_since == 0);
    story_snapshot_free(snap);
    fetcher_free(f);
    remove_store(st);
    config_free(cfg);
}

static bool offline_now(const struct story_snapshot *s, void *arg)
{
    (void)arg;
    return s->offline_since != 0;
}

/* No feed reachable: the snapshot says offline since the cycle that found out; one feed
 * answering again ends it. */
static void test_worker_offline(void)
{
    int refused = closed_port();
    char *json = xasprintf("{\"interval\": 600, \"fetch_articles\": false, \"feeds\": "
                           "[{\"url\": \"http://127.0.0.1:%d/feed/x\", \"name\": \"down\"}]}",
                           refused);
    struct config *cfg = parse_config(json);
    free(json);
    struct store *st = open_store();
    struct fetcher *f = new_fetcher(cfg, st);
    struct clock_manual clk;
    clock_manual_init(&clk, T * 1000);
    fetcher_set_clock(f, &clk.clock);
    CHECK(fetcher_start(f));
    struct story_snapshot *snap = wait_snapshot(f, offline_now, NULL);
    CHECK_MSG(snap && snap->offline && snap->offline_since == T, "offline since %lld",
              snap ? (long long)snap->offline_since : -1LL);
    story_snapshot_free(snap);
    fetcher_stop(f);
    fetcher_free(f);
    remove_store(st);
    config_free(cfg);
}

/*
 * fetcher_poke polls at once whatever the schedule says (the operator's key r), but never
 * twice within 10 s of the clock; fetcher_wake alone polls nothing that is not due.
 */
static void test_worker_poke(void)
{
    const char *paths[] = {"/feed/pk"};
    struct config *cfg = make_config(paths, 1);
    struct store *st = open_store();
    struct fetcher *f = new_fetcher(cfg, st);
    struct clock_manual clk;
    clock_manual_init(&clk, T * 1000);
    fetcher_set_clock(f, &clk.clock);
    control("/_clear");
    CHECK(fetcher_start(f));
    advance(f, &clk, 0);
    CHECK_INT(fetcher_cycles_done(f), 1);
    advance(f, &clk, 2000);
    fetcher_poke(f);
    advance(f, &clk, 0);
    CHECK_INT(fetcher_cycles_done(f), 1); /* 2 s after the last cycle: waits for the gap */
    advance(f, &clk, 9000);
    CHECK_INT(fetcher_cycles_done(f), 2); /* ... then polls, far before the 10 minutes */
    advance(f, &clk, 60000);
    CHECK_INT(fetcher_cycles_done(f), 2); /* and not again without being asked */
    fetcher_stop(f);
    cJSON *log = control("/_log");
    CHECK_INT(count_requests(log, "/feed/pk"), 2);
    cJSON_Delete(log);
    fetcher_free(f);
    remove_store(st);
    config_free(cfg);
}

/* The heartbeat grows while the worker is idle (it wakes at least every FETCH_HEARTBEAT_MS)
 * and stops when it stops. */
static void test_worker_heartbeat(void)
{
    const char *paths[] = {"/feed/hb"};
    struct config *cfg = make_config(paths, 1);
    struct store *st = open_store();
    struct fetcher *f = new_fetcher(cfg, st);
    struct clock_manual clk;
    clock_manual_init(&clk, T * 1000);
    fetcher_set_clock(f, &clk.clock);
    CHECK(fetcher_start(f));
    advance(f, &clk, 0); /* idle now: the next poll is 10 minutes of clock away */
    uint64_t h0 = fetcher_heartbeat(f);
    sleep_ms(4 * FETCH_HEARTBEAT_MS);
    uint64_t h1 = fetcher_heartbeat(f);
    CHECK_MSG(h1 >= h0 + 2, "heartbeat %llu -> %llu over 4 idle seconds", (unsigned long long)h0,
              (unsigned long long)h1);
    fetcher_stop(f);
    uint64_t h2 = fetcher_heartbeat(f);
    sleep_ms(2 * FETCH_HEARTBEAT_MS);
    CHECK_INT(fetcher_heartbeat(f), h2);
    fetcher_free(f);
    remove_store(st);
    config_free(cfg);
}

static void *stop_thread(void *arg)
{
    fetcher_stop(arg);
    return NULL;
}

/* fetcher_stop from several threads at once joins the worker once and returns in all of
 * them (issue 15); the fetcher can be started again afterwards. */
static void test_worker_stop_twice(void)
{
    const char *paths[] = {"/feed/s2"};
    struct config *cfg = make_config(paths, 1);
    struct store *st = open_store();
    struct fetcher *f = new_fetcher(cfg, st);
    for (int round = 0; round < 2; round++) {
        CHECK(fetcher_start(f));
        CHECK(fetcher_start(f)); /* already running: fine */
        pthread_t a, b;
        CHECK(pthread_create(&a, NULL, stop_thread, f) == 0);
        CHECK(pthread_create(&b, NULL, stop_thread, f) == 0);
        fetcher_stop(f);
        pthread_join(a, NULL);
        pthread_join(b, NULL);
        uint64_t h = fetcher_heartbeat(f);
        sleep_ms(1500);
        CHECK_INT(fetcher_heartbeat(f), h); /* really stopped */
    }
    fetcher_free(f);
    remove_store(st);
    config_free(cfg);
}

/* ---- the worker ------------------------------------------------------------------------ */

/* The worker publishes a snapshot with the stories once its first cycle is stored. */
static void test_worker_publishes(void)
{
    const char *paths[] = {"/feed/w1", "/feed/w2"};
    struct config *cfg = make_config(paths, 2);
    cfg->max_age = 0; /* the fixtures' dates are years old; the worker uses the real clock */
    struct store *st = open_store();
    struct fetcher *f = new_fetcher(cfg, st);
    CHECK(fetcher_start(f));
    struct story_snapshot *snap = NULL;
    for (int i = 0; i < 400; i++) { /* a hang detector only: 20 s */
        struct story_snapshot *s = fetcher_take_snapshot(f);
        if (s) {
            story_snapshot_free(snap);
            snap = s;
            if (snap->n_stories == 10)
                break;
        }
        sleep_ms(50);
    }
    fetcher_stop(f);
    CHECK(snap && snap->n_stories == 10);
    CHECK(snap && !snap->offline && snap->last_success > 0);
    CHECK(fetcher_cycles_done(f) >= 1);
    story_snapshot_free(snap);
    fetcher_free(f);
    remove_store(st);
    config_free(cfg);
}

/*
 * fetcher_stop in the middle of a transfer that would otherwise last a minute: it returns
 * promptly (the bound is a hang detector, not a timing test; bench_fetch.sh reports the
 * figure), and the cancelled poll counts as no poll at all.
 */
static void test_worker_stops_promptly(void)
{
    const char *paths[] = {"/stall"};
    struct config *cfg = make_config(paths, 1);
    cfg->fetch.low_speed_limit = 0;
    cfg->fetch.timeout = 60;
    struct store *st = open_store();
    struct fetcher *f = new_fetcher(cfg, st);
    control("/_clear");
    CHECK(fetcher_start(f));
    bool seen = false;
    for (int i = 0; i < 400 && !seen; i++) {
        sleep_ms(50);
        cJSON *log = control("/_log");
        seen = count_requests(log, "/stall") > 0;
        cJSON_Delete(log);
    }
    CHECK(seen);
    sleep_ms(200); /* well inside the transfer */
    int64_t t0 = now_ms();
    fetcher_stop(f);
    int64_t took = now_ms() - t0;
    CHECK_MSG(took < 5000, "fetcher_stop took %lld ms", (long long)took);
    printf("fetcher_stop mid-transfer: %lld ms\n", (long long)took);
    struct store_feed_state s = {0};
    store_feed_get(st, cfg->feeds[0].url, &s, NULL);
    CHECK_INT(s.error_count, 0);
    CHECK_INT(s.fetch_count, 0);
    store_feed_state_clear(&s);
    fetcher_free(f);
    remove_store(st);
    config_free(cfg);
}

int main(int argc, char **argv)
{
    unset_proxies();
    signal(SIGPIPE, SIG_IGN);
    feed_init();
    fetch_global_init();
    if (!server_start(&srv)) {
        fprintf(stderr, "cannot start tests/feedserver.py\n");
        server_stop(&srv);
        return 1;
    }
    if (argc == 3 && !strcmp(argv[1], "--bench-stop")) {
        /* For tests/bench/bench_fetch.sh: only the stop latency, N times. */
        for (int i = 0; i < atoi(argv[2]); i++)
            test_worker_stops_promptly();
        server_stop(&srv);
        fetch_global_cleanup();
        return check_done();
    }
    test_faults();
    test_headers_and_body();
    test_conditional();
    test_redirects();
    test_extra_headers();
    test_total_timeout_and_caps();
    test_urls_and_files();
    test_concurrency();
    test_env_proxy();
    test_cycle_faults();
    test_cycle_raises();
    test_cycle_304_writes();
    test_cycle_moved();
    test_cycle_updates();
    test_cycle_articles();
    test_hostile_text();
    test_moved_headers();
    test_cycle_not_saved();
    test_demo_feed();
    test_worker_publishes();
    test_worker_stops_promptly();
    test_worker_headlines_first();
    test_worker_per_feed();
    test_worker_feed_states();
    test_worker_offline();
    test_worker_poke();
    test_worker_heartbeat();
    test_worker_stop_twice();
    server_stop(&srv);
    fetch_global_cleanup();
    return check_done();
}
