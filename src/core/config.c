/*
 * Configuration: defaults, parsing and validation of the JSON file, and the JSON it prints.
 *
 * Validation walks the cJSON tree keeping a stack of the nodes it is in; a message about a node
 * takes the node's offset from a position index built in one pass over the text
 * (core/json_pos.h), and all messages get their line and column in one more pass at the end,
 * so a file with 60,000 bad headers is checked in linear time although cJSON keeps no
 * positions. Each key is checked where it is read: a value of the wrong type or out of range
 * is an error naming the key, the allowed values and what was found; a key we do not know is
 * a warning naming the closest known key. Keys starting with '_' are comments (JSON has none).
 * When an object repeats a key, the last one is used, with a warning at each earlier one,
 * which is then not checked at all (as in most JSON readers).
 */
#include "core/config.h"
#include "core/json_pos.h"
#include "core/jsonw.h"
#include "core/theme.h"
#include "core/url.h"
#include "core/util.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 16

/* The last member of each key in one object: a small open-addressing table, so that an
 * object with many members is checked in linear time. */
struct last_members {
    const cJSON **slots;
    size_t mask;
};

struct ctx {
    const char *text;
    size_t len;
    const char *name;
    struct config_diags *diags;
    struct json_pos_index *ix;
    const cJSON *stack[MAX_DEPTH]; /* the node being checked is stack[depth - 1] */
    size_t depth;
    /* Messages waiting for their line and column: diags->v[pending_diag[i]] is at byte
     * pending_off[i]. Resolved together by finish_positions(). */
    size_t *pending_diag, *pending_off, n_pending, pending_cap;
    /* child_named()'s table for the object it was last asked about */
    const cJSON *map_obj;
    struct last_members map;
};

/* ---- diagnostics --------------------------------------------------------------------- */

static struct config_diag *add_diag(struct ctx *c, enum config_severity sev, const char *fmt,
                                    va_list ap)
{
    struct config_diags *d = c->diags;
    /* Doubling: a file may have tens of thousands of messages. */
    if (d->n == d->cap) {
        d->cap = d->cap ? 2 * d->cap : 8;
        d->v = xreallocarray(d->v, d->cap, sizeof *d->v);
    }
    struct config_diag *g = &d->v[d->n++];
    *g = (struct config_diag){.severity = sev};
    char msg[sizeof g->error.msg];
    vsnprintf(msg, sizeof msg, fmt, ap);
    error_set(&g->error, "%s", msg);
    if (sev == CONFIG_ERROR)
        d->n_errors++;
    return g;
}

static void set_text(struct ctx *c, struct config_diag *g)
{
    free(g->text);
    if (!c->name)
        g->text = xstrdup(g->error.msg);
    else if (g->error.line > 0)
        g->text = xasprintf("%s: line %d, column %d: %s", c->name, g->error.line, g->error.column,
                            g->error.msg);
    else
        g->text = xasprintf("%s: %s", c->name, g->error.msg);
}

/* A message with a known line and column (0: no place, as for an empty file). */
__attribute__((format(printf, 5, 6))) static void diag_line(struct ctx *c, enum config_severity sev,
                                                            int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    struct config_diag *g = add_diag(c, sev, fmt, ap);
    va_end(ap);
    g->error.line = line;
    g->error.column = col;
    set_text(c, g);
}

/* A message at a byte offset; its line and column come at the end of the parse. */
static void diag_off(struct ctx *c, enum config_severity sev, size_t off, const char *fmt,
                     va_list ap)
{
    add_diag(c, sev, fmt, ap);
    if (c->n_pending == c->pending_cap) {
        c->pending_cap = c->pending_cap ? 2 * c->pending_cap : 8;
        c->pending_diag = xreallocarray(c->pending_diag, c->pending_cap, sizeof *c->pending_diag);
        c->pending_off = xreallocarray(c->pending_off, c->pending_cap, sizeof *c->pending_off);
    }
    c->pending_diag[c->n_pending] = c->diags->n - 1;
    c->pending_off[c->n_pending++] = off;
}

/* Messages in the order a person reads the file: by position, then in the order found. */
struct placed {
    size_t off;
    size_t seq;
    struct config_diag diag;
};

static int cmp_placed(const void *a, const void *b)
{
    const struct placed *x = a, *y = b;
    if (x->off != y->off)
        return x->off < y->off ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void finish_positions(struct ctx *c)
{
    size_t n = c->n_pending;
    if (!n) {
        /* (c->diags->v may be NULL then: no pointer arithmetic on it) */
        free(c->pending_diag);
        free(c->pending_off);
        c->pending_diag = c->pending_off = NULL;
        return;
    }
    int *lines = xcalloc(n ? n : 1, sizeof *lines);
    int *cols = xcalloc(n ? n : 1, sizeof *cols);
    json_pos_lines_cols(c->text, c->len, c->pending_off, n, lines, cols);
    /* The pending messages are the last n of the list (the tree's walk adds no others). */
    struct config_diag *v = c->diags->v + (c->diags->n - n);
    struct placed *pl = xcalloc(n ? n : 1, sizeof *pl);
    for (size_t i = 0; i < n; i++) {
        struct config_diag *g = &c->diags->v[c->pending_diag[i]];
        g->error.line = lines[i];
        g->error.column = cols[i];
        set_text(c, g);
        pl[i] = (struct placed){c->pending_off[i], i, *g};
    }
    qsort(pl, n, sizeof *pl, cmp_placed);
    for (size_t i = 0; i < n; i++)
        v[i] = pl[i].diag;
    free(pl);
    free(lines);
    free(cols);
    free(c->pending_diag);
    free(c->pending_off);
    c->pending_diag = c->pending_off = NULL;
    c->n_pending = c->pending_cap = 0;
}

static const cJSON *current(const struct ctx *c)
{
    return c->depth ? c->stack[c->depth <= MAX_DEPTH ? c->depth - 1 : MAX_DEPTH - 1] : NULL;
}

/* A message about the node being checked (its value, or its key when at_key). */
__attribute__((format(printf, 4, 5))) static void diag(struct ctx *c, enum config_severity sev,
                                                       bool at_key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_off(c, sev, json_pos_of(c->ix, current(c), at_key), fmt, ap);
    va_end(ap);
}

#define report_error(c, ...) diag(c, CONFIG_ERROR, false, __VA_ARGS__)

static void push(struct ctx *c, const cJSON *node)
{
    if (c->depth < MAX_DEPTH)
        c->stack[c->depth] = node;
    c->depth++;
}

static void pop(struct ctx *c)
{
    c->depth--;
}

void config_diags_add(struct config_diags *d, enum config_severity sev, const char *name, int line,
                      int column, const char *fmt, ...)
{
    struct ctx c = {.name = name, .diags = d};
    va_list ap;
    va_start(ap, fmt);
    struct config_diag *g = add_diag(&c, sev, fmt, ap);
    va_end(ap);
    g->error.line = line;
    g->error.column = column;
    set_text(&c, g);
}

void config_diags_free(struct config_diags *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->v[i].text);
    free(d->v);
    *d = (struct config_diags){0};
}

/* What a value is, for "..., not X": the number itself, or its kind. */
static const char *found(const cJSON *v, char *buf, size_t cap)
{
    if (cJSON_IsNumber(v)) {
        snprintf(buf, cap, "%.15g", v->valuedouble);
        return buf;
    }
    return cJSON_IsString(v)  ? "a string"
           : cJSON_IsTrue(v)  ? "true"
           : cJSON_IsFalse(v) ? "false"
           : cJSON_IsNull(v)  ? "null"
           : cJSON_IsArray(v) ? "a list"
                              : "an object";
}

/* ---- did you mean -------------------------------------------------------------------- */

size_t config_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t *row = xcalloc(lb + 1, sizeof *row);
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag_prev = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t best = diag_prev + cost;
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag_prev = up;
        }
    }
    size_t r = row[lb];
    free(row);
    return r;
}

/* Known keys are short; a key far longer than all of them is no typo of one (and comparing
 * a megabyte-long key against each would cost a megabyte of work per known key). */
#define TYPO_MAX_LEN 64

static void unknown_key(struct ctx *c, const char *key, const char *const *known)
{
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    size_t klen = strlen(key);
    if (klen <= TYPO_MAX_LEN) {
        char *lk = xstrdup(key);
        for (char *p = lk; *p; p++)
            *p = (char)ascii_tolower(*p);
        for (size_t i = 0; known[i]; i++) {
            size_t d = config_edit_distance(lk, known[i]);
            if (d < best_d) {
                best_d = d;
                best = known[i];
            }
        }
        free(lk);
    }
    char *shown = xstrprintable(key);
    /* Close enough to be a typo: at most 2 edits, and fewer than half the name. */
    if (best && best_d <= 2 && best_d * 2 < klen + 1 && best_d < klen)
        diag(c, CONFIG_WARNING, true, "unknown key \"%.100s\" (did you mean \"%s\"?)", shown, best);
    else
        diag(c, CONFIG_WARNING, true, "unknown key \"%.100s\"", shown);
    free(shown);
}

/* ---- repeated keys ------------------------------------------------------------------- */

static size_t key_slot(const struct last_members *t, const char *key)
{
    size_t i = (size_t)hash_fnv1a64(key, strlen(key), 0) & t->mask;
    while (t->slots[i] && strcmp(t->slots[i]->string, key))
        i = (i + 1) & t->mask;
    return i;
}

static void last_members_init(struct last_members *t, const cJSON *obj)
{
    size_t n = 0;
    for (const cJSON *m = obj->child; m; m = m->next)
        n++;
    size_t cap = 8;
    while (cap < 2 * n)
        cap *= 2;
    t->slots = xcalloc(cap, sizeof *t->slots);
    t->mask = cap - 1;
    for (const cJSON *m = obj->child; m; m = m->next)
        t->slots[key_slot(t, m->string)] = m;
}

static bool is_last(const struct last_members *t, const cJSON *m)
{
    return t->slots[key_slot(t, m->string)] == m;
}

/* The member of obj that counts for key (the last one), or NULL. */
static const cJSON *member(const cJSON *obj, const char *key)
{
    const cJSON *found_m = NULL;
    for (const cJSON *m = obj ? obj->child : NULL; m; m = m->next)
        if (!strcmp(m->string, key))
            found_m = m;
    return found_m;
}

/*
 * Iterates an object's members, warning about repeated and unknown keys; calls `fn` for the
 * last member of each known key, with the member pushed.
 */
typedef void (*member_fn)(struct ctx *c, const char *key, const cJSON *v, void *arg);

static void for_members(struct ctx *c, const cJSON *obj, const char *const *known, member_fn fn,
                        void *arg)
{
    struct last_members last;
    last_members_init(&last, obj);
    for (const cJSON *m = obj->child; m; m = m->next) {
        push(c, m);
        bool is_known = false;
        for (size_t i = 0; known[i] && !is_known; i++)
            is_known = !strcmp(known[i], m->string);
        if (m->string[0] == '_') {
            /* a comment */
        } else if (!is_known) {
            unknown_key(c, m->string, known);
        } else if (!is_last(&last, m)) {
            /* Not checked: only the last one is used. */
            diag(c, CONFIG_WARNING, true, "key \"%s\" is repeated; the last one is used",
                 m->string);
        } else {
            fn(c, m->string, m, arg);
        }
        pop(c);
    }
    free(last.slots);
}

/* ---- typed readers ------------------------------------------------------------------- */

/* A whole number within [lo, hi]; false (and an error naming key, unit, range and the value
 * found) otherwise. */
static bool read_whole(struct ctx *c, const char *key, const cJSON *v, long long lo, long long hi,
                       const char *unit, long long *out)
{
    double d = cJSON_IsNumber(v) ? v->valuedouble : NAN;
    if (d >= (double)lo && d <= (double)hi && d == floor(d)) {
        *out = (long long)d;
        return true;
    }
    char num[40];
    const char *what = found(v, num, sizeof num);
    /* The seconds of the longest limits also in days, which people count in. */
    char days[32] = "";
    if (unit && !strcmp(unit, "seconds") && hi >= 86400 && hi % 86400 == 0)
        snprintf(days, sizeof days, " (%lld days)", hi / 86400);
    report_error(c, "\"%s\" must be a whole number%s%s from %lld to %lld%s, not %s", key,
                 unit ? " of " : "", unit ? unit : "", lo, hi, days, what);
    return false;
}

static void read_seconds(struct ctx *c, const char *key, const cJSON *v, long long lo, long long hi,
                         int64_t *out)
{
    long long n;
    if (read_whole(c, key, v, lo, hi, "seconds", &n))
        *out = n;
}

static void read_int(struct ctx *c, const char *key, const cJSON *v, long long lo, long long hi,
                     const char *unit, int *out)
{
    long long n;
    if (read_whole(c, key, v, lo, hi, unit, &n))
        *out = (int)n;
}

static void read_bool(struct ctx *c, const char *key, const cJSON *v, bool *out)
{
    if (!cJSON_IsBool(v)) {
        char num[40];
        report_error(c, "\"%s\" must be true or false, not %s", key, found(v, num, sizeof num));
        return;
    }
    *out = cJSON_IsTrue(v);
}

static bool has_control(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return true;
    return false;
}

/* A non-empty single-line string. Returns a new string or NULL after an error. */
static char *read_string(struct ctx *c, const char *key, const cJSON *v)
{
    if (!cJSON_IsString(v)) {
        char num[40];
        report_error(c, "\"%s\" must be a string, not %s", key, found(v, num, sizeof num));
        return NULL;
    }
    if (!v->valuestring[0]) {
        report_error(c, "\"%s\" must not be empty", key);
        return NULL;
    }
    if (has_control(v->valuestring)) {
        report_error(c, "\"%s\" must be one line without control characters", key);
        return NULL;
    }
    return xstrdup(v->valuestring);
}

static void replace_str(char **dst, char *v)
{
    if (v) {
        free(*dst);
        *dst = v;
    }
}

/* ---- feeds --------------------------------------------------------------------------- */

static bool url_ok(const char *u)
{
    if (has_control(u))
        return false;
    static const char *const schemes[] = {"http://", "https://", "file://"};
    for (size_t i = 0; i < ARRAY_LEN(schemes); i++) {
        size_t n = strlen(schemes[i]);
        if (!ascii_strncasecmp(u, schemes[i], n) && u[n] && !ascii_isspace(u[n]))
            return strchr(u, ' ') == NULL;
    }
    return false;
}

/* The display name a feed gets when the file gives none: the host, without "www." and
 * "rss."; for file:// the file name without its extension. Credentials in the authority
 * ("user:pw@") are skipped: the name is shown on screen and in every log line. */
static char *name_from_url(const char *url)
{
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    size_t authority = strcspn(p, "/?#");
    const char *at = memchr(p, '@', authority);
    if (at && ascii_strncasecmp(url, "file://", 7))
        p = at + 1;
    if (!ascii_strncasecmp(url, "file://", 7)) {
        const char *slash = strrchr(p, '/');
        const char *base = slash ? slash + 1 : p;
        const char *dot = strrchr(base, '.');
        size_t n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
        return n ? xstrndup(base, n) : xstrdup(url);
    }
    size_t n = strcspn(p, "/:?#");
    if (n > 4 && !ascii_strncasecmp(p, "www.", 4)) {
        p += 4;
        n -= 4;
    }
    return n ? xstrndup(p, n) : xstrdup(url);
}

static bool header_name_ok(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch <= 0x20 || ch >= 0x7f || strchr("()<>@,;:\\\"/[]?={}", ch))
            return false;
    }
    return true;
}

struct feed_arg {
    struct config_feed *f;
    const struct config *cfg;
    bool interval_set;
    bool max_items_set;
};

static void read_headers(struct ctx *c, const cJSON *v, struct config_feed *f)
{
    if (!cJSON_IsObject(v)) {
        report_error(c, "\"headers\" must be an object of header names to values");
        return;
    }
    /* Room for all at once: an object may have tens of thousands of members. */
    size_t n = 0;
    for (const cJSON *m = v->child; m; m = m->next)
        n++;
    f->headers = xreallocarray(f->headers, f->n_headers + n + 1, sizeof *f->headers);
    for (const cJSON *m = v->child; m; m = m->next) {
        push(c, m);
        if (!header_name_ok(m->string)) {
            diag(c, CONFIG_ERROR, true, "\"%s\" is not a valid HTTP header name", m->string);
        } else if (!cJSON_IsString(m)) {
            report_error(c, "header \"%s\" must have a string value", m->string);
        } else if (has_control(m->valuestring)) {
            report_error(c, "header \"%s\" must be one line without control characters", m->string);
        } else {
            f->headers[f->n_headers++] =
                (struct config_header){xstrdup(m->string), xstrdup(m->valuestring)};
        }
        pop(c);
    }
}

static void feed_member(struct ctx *c, const char *key, const cJSON *v, void *arg)
{
    struct feed_arg *a = arg;
    struct config_feed *f = a->f;
    if (!strcmp(key, "url")) {
        char *u = read_string(c, key, v);
        if (u && !url_ok(u)) {
            report_error(c, "\"url\" must be an http://, https:// or file:// URL");
            free(u);
            u = NULL;
        }
        replace_str(&f->url, u);
    } else if (!strcmp(key, "name")) {
        replace_str(&f->name, read_string(c, key, v));
    } else if (!strcmp(key, "interval")) {
        int64_t s = f->interval;
        read_seconds(c, key, v, CONFIG_MIN_INTERVAL, 7 * 24 * 3600, &s);
        f->interval = (int)s;
        a->interval_set = true;
    } else if (!strcmp(key, "headers")) {
        read_headers(c, v, f);
    } else if (!strcmp(key, "max_items")) {
        read_int(c, key, v, 1, 10000, "items", &f->max_items);
        a->max_items_set = true;
    } else if (!strcmp(key, "enabled")) {
        read_bool(c, key, v, &f->enabled);
    } else if (!strcmp(key, "demo")) {
        read_bool(c, key, v, &f->demo);
    }
}

static const char *const feed_keys[] = {"url",       "name",    "interval", "headers",
                                        "max_items", "enabled", "demo",     NULL};

static void feed_clear(struct config_feed *f)
{
    free(f->url);
    free(f->name);
    for (size_t i = 0; i < f->n_headers; i++) {
        free(f->headers[i].name);
        free(f->headers[i].value);
    }
    free(f->headers);
    *f = (struct config_feed){0};
}

/* Parsed feeds keep a flag for "interval/max_items given", applied after the whole file is
 * read (the top-level defaults may come after "feeds"). */
struct feed_flags {
    bool interval_set;
    bool max_items_set;
};

static void read_feeds(struct ctx *c, const cJSON *v, struct config *cfg,
                       struct feed_flags **flags_out)
{
    if (!cJSON_IsArray(v)) {
        report_error(c, "\"feeds\" must be a list of feeds");
        return;
    }
    int n = cJSON_GetArraySize(v);
    if (n == 0) {
        report_error(c, "\"feeds\" must list at least one feed");
        return;
    }
    for (size_t i = 0; i < cfg->n_feeds; i++)
        feed_clear(&cfg->feeds[i]);
    free(cfg->feeds);
    cfg->feeds = xcalloc((size_t)n, sizeof *cfg->feeds);
    cfg->n_feeds = 0;
    struct feed_flags *flags = xcalloc((size_t)n, sizeof *flags);
    struct seen_url {
        const char *url; /* points into cfg->feeds */
        size_t number;   /* 1-based, in the file */
    } * urls;
    size_t url_cap = 8;
    while (url_cap < 2 * (size_t)n)
        url_cap *= 2;
    urls = xcalloc(url_cap, sizeof *urls);
    size_t url_mask = url_cap - 1;
    size_t i = 0;
    for (const cJSON *e = v->child; e; e = e->next, i++) {
        push(c, e);
        struct config_feed f = {.enabled = true};
        struct feed_arg a = {.f = &f, .cfg = cfg};
        bool ok = true;
        if (cJSON_IsString(e)) {
            /* Shorthand: a bare URL. */
            if (!e->valuestring[0] || !url_ok(e->valuestring)) {
                report_error(c, "a feed must be an http://, https:// or file:// URL or an object "
                                "with \"url\"");
                ok = false;
            } else {
                f.url = xstrdup(e->valuestring);
            }
        } else if (cJSON_IsObject(e)) {
            size_t before = c->diags->n_errors;
            for_members(c, e, feed_keys, feed_member, &a);
            if (!f.url && c->diags->n_errors == before &&
                !cJSON_GetObjectItemCaseSensitive(e, "url"))
                report_error(c, "this feed has no \"url\"");
            ok = f.url != NULL && c->diags->n_errors == before;
        } else {
            report_error(c, "a feed must be an object with \"url\" (or a URL string)");
            ok = false;
        }
        if (ok) {
            /* A table of the URLs so far (a long list is checked in linear time). */
            size_t slot = (size_t)hash_fnv1a64(f.url, strlen(f.url), 0) & url_mask;
            while (urls[slot].url && strcmp(urls[slot].url, f.url))
                slot = (slot + 1) & url_mask;
            if (urls[slot].url) {
                char *shown = xstrprintable(f.url);
                report_error(c, "feed \"%.200s\" is listed twice (also as feed %zu)", shown,
                             urls[slot].number);
                free(shown);
                ok = false;
            } else {
                urls[slot] = (struct seen_url){f.url, i + 1};
            }
        }
        if (ok) {
            if (!f.name)
                f.name = name_from_url(f.url);
            flags[cfg->n_feeds] = (struct feed_flags){a.interval_set, a.max_items_set};
            cfg->feeds[cfg->n_feeds++] = f;
        } else {
            feed_clear(&f);
        }
        pop(c);
    }
    free(urls);
    free(*flags_out);
    *flags_out = flags;
}

/* ---- the other sections -------------------------------------------------------------- */

static void retention_member(struct ctx *c, const char *key, const cJSON *v, void *arg)
{
    struct config *cfg = arg;
    if (!strcmp(key, "max_age"))
        read_seconds(c, key, v, 3600, 365LL * 24 * 3600, &cfg->max_age);
    else if (!strcmp(key, "max_items"))
        read_int(c, key, v, 1, 10000, "items", &cfg->max_items);
}

static void fetch_member(struct ctx *c, const char *key, const cJSON *v, void *arg)
{
    struct config_fetch *f = arg;
    if (!strcmp(key, "max_transfers")) {
        read_int(c, key, v, 1, 64, NULL, &f->max_transfers);
    } else if (!strcmp(key, "max_per_host")) {
        read_int(c, key, v, 1, 64, NULL, &f->max_per_host);
    } else if (!strcmp(key, "max_bytes")) {
        long long n;
        if (read_whole(c, key, v, 1024, 1024LL * 1024 * 1024, "bytes", &n))
            f->max_bytes = (long)n;
    } else if (!strcmp(key, "connect_timeout") || !strcmp(key, "timeout") ||
               !strcmp(key, "low_speed_time")) {
        int64_t s = -1;
        read_seconds(c, key, v, 1, 3600, &s);
        if (s >= 0) {
            int *dst = !strcmp(key, "timeout")           ? &f->timeout
                       : !strcmp(key, "connect_timeout") ? &f->connect_timeout
                                                         : &f->low_speed_time;
            *dst = (int)s;
        }
    } else if (!strcmp(key, "low_speed_limit")) {
        read_int(c, key, v, 0, 100000000, "bytes per second", &f->low_speed_limit);
    }
}

static void summary_member(struct ctx *c, const char *key, const cJSON *v, void *arg)
{
    struct config_summary *s = arg;
    if (!strcmp(key, "max_chars"))
        read_int(c, key, v, CONFIG_SUMMARY_MIN_CHARS, CONFIG_SUMMARY_MAX_CHARS, "characters",
                 &s->max_chars);
    else if (!strcmp(key, "sentences"))
        read_int(c, key, v, 1, CONFIG_SUMMARY_MAX_SENTENCES, "sentences", &s->sentences);
    else if (!strcmp(key, "article_threshold"))
        read_int(c, key, v, 0, 1000000, "characters", &s->article_threshold);
}

static void read_filters(struct ctx *c, const cJSON *v, struct config *cfg)
{
    if (!cJSON_IsArray(v)) {
        report_error(c, "\"filters\" must be a list of words or phrases");
        return;
    }
    for (size_t i = 0; i < cfg->n_filters; i++)
        free(cfg->filters[i]);
    free(cfg->filters);
    cfg->n_filters = 0;
    cfg->filters = xcalloc((size_t)cJSON_GetArraySize(v) + 1, sizeof *cfg->filters);
    size_t i = 0;
    for (const cJSON *e = v->child; e; e = e->next, i++) {
        push(c, e);
        bool blank = true;
        if (cJSON_IsString(e))
            for (const char *p = e->valuestring; *p; p++)
                if (!ascii_isspace(*p))
                    blank = false;
        if (!cJSON_IsString(e) || blank) {
            report_error(c, "a filter must be a non-empty string (a word or phrase)");
        } else {
            cfg->filters[cfg->n_filters++] = xstrdup(e->valuestring);
        }
        pop(c);
    }
}

static const char *const top_keys[] = {
    "feeds",          "interval", "cache",   "retention", "filters", "user_agent", "fetch",
    "fetch_articles", "summary",  "display", "schedule",  "keys",    "status",     NULL};
static const char *const retention_keys[] = {"max_age", "max_items", NULL};
static const char *const fetch_keys[] = {
    "max_transfers", "max_per_host",    "max_bytes",      "connect_timeout",
    "timeout",       "low_speed_limit", "low_speed_time", NULL};
static const char *const summary_keys[] = {"max_chars", "sentences", "article_threshold", NULL};

/* A problem theme_parse found in "display", placed like every other message. */
static void display_problem(void *ctx, const struct theme_problem *p)
{
    struct ctx *c = ctx;
    push(c, p->at);
    diag(c, p->warning ? CONFIG_WARNING : CONFIG_ERROR, p->about_key, "%s", p->msg);
    pop(c);
}

/* The object member `key` of obj as the configuration reads it (the last one given), through a
 * table kept for the object last asked about: reporters that name their place by a path of
 * keys find it in constant time. NULL when there is none. */
static const cJSON *child_named(struct ctx *c, const cJSON *obj, const char *key)
{
    if (!cJSON_IsObject(obj))
        return NULL;
    if (c->map_obj != obj) {
        free(c->map.slots);
        last_members_init(&c->map, obj);
        c->map_obj = obj;
    }
    return c->map.slots[key_slot(&c->map, key)];
}

/* The runtime's keys are read by core/runconf.c; its messages get their place here. `path`
 * lists keys below the top-level member being read. */
static void run_report(void *arg, bool error, const char *const *path, size_t depth, bool at_key,
                       const char *msg)
{
    struct ctx *c = arg;
    const cJSON *node = current(c);
    for (size_t i = 0; i < depth; i++) {
        const cJSON *next = child_named(c, node, path[i]);
        if (!next)
            break;
        node = next;
    }
    push(c, node);
    diag(c, error ? CONFIG_ERROR : CONFIG_WARNING, at_key, "%s", msg);
    pop(c);
}

struct top_arg {
    struct config *cfg;
    struct feed_flags *flags; /* per parsed feed; NULL when "feeds" was not given */
};

static void top_member(struct ctx *c, const char *key, const cJSON *v, void *arg)
{
    struct top_arg *a = arg;
    struct config *cfg = a->cfg;
    if (!strcmp(key, "feeds")) {
        read_feeds(c, v, cfg, &a->flags);
    } else if (!strcmp(key, "interval")) {
        int64_t s = cfg->interval;
        read_seconds(c, key, v, CONFIG_MIN_INTERVAL, 7 * 24 * 3600, &s);
        cfg->interval = (int)s;
    } else if (!strcmp(key, "cache")) {
        if (cJSON_IsNull(v)) {
            free(cfg->cache_path);
            cfg->cache_path = NULL;
        } else {
            replace_str(&cfg->cache_path, read_string(c, key, v));
        }
    } else if (!strcmp(key, "user_agent")) {
        replace_str(&cfg->user_agent, read_string(c, key, v));
    } else if (!strcmp(key, "fetch_articles")) {
        read_bool(c, key, v, &cfg->fetch_articles);
    } else if (!strcmp(key, "filters")) {
        read_filters(c, v, cfg);
    } else if (runconf_is_key(key)) {
        runconf_read(&cfg->run, key, v, run_report, c);
    } else if (!strcmp(key, "display")) {
        if (!cJSON_IsObject(v)) {
            report_error(c, "\"display\" must be an object");
            return;
        }
        /* The renderer's object, checked here by its own parser so that every command that
         * loads the configuration agrees on it; kept as given for the renderer. */
        struct theme t;
        theme_default(&t);
        theme_parse(&t, v, display_problem, c, NULL);
        cJSON_Delete(cfg->display);
        cfg->display = cJSON_Duplicate(v, 1);
    } else {
        const char *const *known;
        member_fn fn;
        void *sub;
        if (!strcmp(key, "retention")) {
            known = retention_keys;
            fn = retention_member;
            sub = cfg;
        } else if (!strcmp(key, "fetch")) {
            known = fetch_keys;
            fn = fetch_member;
            sub = &cfg->fetch;
        } else {
            known = summary_keys;
            fn = summary_member;
            sub = &cfg->summary;
        }
        if (!cJSON_IsObject(v)) {
            report_error(c, "\"%s\" must be an object", key);
            return;
        }
        for_members(c, v, known, fn, sub);
    }
}

/* ---- construction -------------------------------------------------------------------- */

static void add_feed(struct config *c, const char *url, const char *name, bool demo)
{
    c->feeds = xreallocarray(c->feeds, c->n_feeds + 1, sizeof *c->feeds);
    c->feeds[c->n_feeds++] = (struct config_feed){
        .url = xstrdup(url),
        .name = name ? xstrdup(name) : name_from_url(url),
        .interval = c->interval,
        .max_items = c->max_items,
        .enabled = true,
        .demo = demo,
    };
}

/*
 * Public feeds in the built-in configuration: German and English general news, picked for
 * being long-lived, official feed addresses of their publishers.
 */
static const struct {
    const char *url;
    const char *name;
} public_feeds[] = {
    {"https://www.tagesschau.de/xml/rss2/", "tagesschau"},
    {"https://rss.dw.com/rdf/rss-de-all", "Deutsche Welle"},
    {"https://www.heise.de/rss/heise-atom.xml", "heise online"},
    {"https://feeds.bbci.co.uk/news/rss.xml", "BBC News"},
    {"https://feeds.npr.org/1001/rss.xml", "NPR"},
    {"https://rss.dw.com/rdf/rss-en-all", "DW English"},
};

struct config *config_default(const char *const *demo_files, size_t n_demo)
{
    struct config *c = xcalloc(1, sizeof *c);
    c->interval = CONFIG_DEFAULT_INTERVAL;
    c->max_age = CONFIG_DEFAULT_MAX_AGE;
    c->max_items = CONFIG_DEFAULT_MAX_ITEMS;
    c->user_agent = xstrdup("Ticker/" TICKER_VERSION " (+" TICKER_HOMEPAGE ")");
    c->fetch = (struct config_fetch){
        .max_transfers = CONFIG_DEFAULT_MAX_TRANSFERS,
        .max_per_host = CONFIG_DEFAULT_MAX_PER_HOST,
        .max_bytes = CONFIG_DEFAULT_MAX_BYTES,
        .connect_timeout = CONFIG_DEFAULT_CONNECT_TIMEOUT,
        .timeout = CONFIG_DEFAULT_TIMEOUT,
        .low_speed_limit = CONFIG_DEFAULT_LOW_SPEED_LIMIT,
        .low_speed_time = CONFIG_DEFAULT_LOW_SPEED_TIME,
    };
    c->fetch_articles = true;
    runconf_default(&c->run);
    c->summary = (struct config_summary){
        .max_chars = CONFIG_DEFAULT_SUMMARY_MAX_CHARS,
        .sentences = CONFIG_DEFAULT_SUMMARY_SENTENCES,
        .article_threshold = CONFIG_DEFAULT_ARTICLE_THRESHOLD,
    };
    for (size_t i = 0; i < n_demo; i++) {
        char *url = xasprintf("file://%s", demo_files[i]);
        add_feed(c, url, NULL, true);
        free(url);
    }
    for (size_t i = 0; i < ARRAY_LEN(public_feeds); i++)
        add_feed(c, public_feeds[i].url, public_feeds[i].name, false);
    return c;
}

struct config *config_copy(const struct config *s)
{
    struct config *c = xcalloc(1, sizeof *c);
    *c = *s;
    c->feeds = xcalloc(s->n_feeds ? s->n_feeds : 1, sizeof *c->feeds);
    for (size_t i = 0; i < s->n_feeds; i++) {
        const struct config_feed *a = &s->feeds[i];
        struct config_feed *b = &c->feeds[i];
        *b = *a;
        b->url = xstrdup(a->url);
        b->name = xstrdup(a->name);
        b->headers = xcalloc(a->n_headers ? a->n_headers : 1, sizeof *b->headers);
        for (size_t k = 0; k < a->n_headers; k++)
            b->headers[k] =
                (struct config_header){xstrdup(a->headers[k].name), xstrdup(a->headers[k].value)};
    }
    c->cache_path = s->cache_path ? xstrdup(s->cache_path) : NULL;
    c->filters = xcalloc(s->n_filters ? s->n_filters : 1, sizeof *c->filters);
    for (size_t i = 0; i < s->n_filters; i++)
        c->filters[i] = xstrdup(s->filters[i]);
    c->user_agent = xstrdup(s->user_agent);
    c->display = s->display ? cJSON_Duplicate(s->display, 1) : NULL;
    return c;
}

void config_free(struct config *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n_feeds; i++)
        feed_clear(&c->feeds[i]);
    free(c->feeds);
    free(c->cache_path);
    for (size_t i = 0; i < c->n_filters; i++)
        free(c->filters[i]);
    free(c->filters);
    free(c->user_agent);
    cJSON_Delete(c->display);
    free(c);
}

/* cJSON says only where it stopped; the message shows what is there. */
static void syntax_error(struct ctx *c, size_t off)
{
    int line, col;
    size_t eof;
    if (json_pos_truncated(c->text, c->len, &eof))
        off = eof;
    json_pos_line_col(c->text, c->len, off, &line, &col);
    if (off >= c->len) {
        diag_line(c, CONFIG_ERROR, line, col,
                  "the JSON ends too early (a missing '}', ']' or '\"'?)");
        return;
    }
    char near[24];
    size_t n = 0;
    for (size_t i = off; i < c->len && n < 16 && c->text[i] != '\n' && c->text[i] != '\r'; i++)
        near[n++] = (unsigned char)c->text[i] < 0x20 ? ' ' : c->text[i];
    near[n] = '\0';
    /* Do not cut a UTF-8 sequence in the excerpt. */
    size_t k = n;
    while (k > 0 && ((unsigned char)near[k - 1] & 0xC0) == 0x80)
        k--;
    if (k > 0 && (unsigned char)near[k - 1] >= 0xC0) {
        unsigned char lead = (unsigned char)near[k - 1];
        size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        if (n - (k - 1) < need)
            near[k - 1] = '\0';
    }
    diag_line(c, CONFIG_ERROR, line, col, "not valid JSON here: \"%s\"", near);
}

struct config *config_parse(const char *buf, size_t len, const char *name,
                            const struct config *base, struct config_diags *diags)
{
    struct ctx c = {.text = buf, .len = len, .name = name ? name : "config", .diags = diags};
    size_t before = diags->n_errors;
    size_t skip = 0;
    if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
        skip = 3;
    if (len > CONFIG_MAX_FILE_BYTES) {
        diag_line(&c, CONFIG_ERROR, 0, 0, "larger than %d bytes; is it the right file?",
                  CONFIG_MAX_FILE_BYTES);
        return NULL;
    }
    if (memchr(buf, '\0', len)) {
        size_t off = (size_t)((const char *)memchr(buf, '\0', len) - buf);
        int line, col;
        json_pos_line_col(buf, len, off, &line, &col);
        diag_line(&c, CONFIG_ERROR, line, col, "a NUL byte: this is not a text file");
        return NULL;
    }
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(buf + skip, len - skip, &end, false);
    if (!root) {
        size_t off = end && end >= buf ? (size_t)(end - buf) : skip;
        bool blank = true;
        for (size_t i = skip; i < len; i++)
            if (!ascii_isspace(buf[i]))
                blank = false;
        if (blank)
            diag_line(&c, CONFIG_ERROR, 0, 0, "the file is empty");
        else
            syntax_error(&c, off);
        return NULL;
    }
    /* cJSON stops after the first value; anything but whitespace after it is a mistake. */
    size_t tail = end ? (size_t)(end - buf) : len;
    while (tail < len && ascii_isspace(buf[tail]))
        tail++;
    if (tail < len) {
        int line, col;
        json_pos_line_col(buf, len, tail, &line, &col);
        diag_line(&c, CONFIG_ERROR, line, col,
                  "unexpected text after the end of the configuration object");
        cJSON_Delete(root);
        return NULL;
    }
    c.ix = json_pos_index_new(buf, len, root);
    if (!cJSON_IsObject(root)) {
        push(&c, root);
        report_error(&c, "the configuration must be a JSON object ({ ... })");
        finish_positions(&c);
        json_pos_index_free(c.ix);
        cJSON_Delete(root);
        return NULL;
    }

    struct config *cfg = base ? config_copy(base) : config_default(NULL, 0);
    struct top_arg a = {.cfg = cfg};
    for_members(&c, root, top_keys, top_member, &a);
    /* Feed defaults come from the top level, wherever it stands in the file. */
    if (a.flags) {
        for (size_t i = 0; i < cfg->n_feeds; i++) {
            if (!a.flags[i].interval_set)
                cfg->feeds[i].interval = cfg->interval;
            if (!a.flags[i].max_items_set)
                cfg->feeds[i].max_items = cfg->max_items;
        }
        free(a.flags);
    } else if (base) {
        /* The base's feeds follow new top-level defaults unless they differ on purpose. */
        for (size_t i = 0; i < cfg->n_feeds; i++) {
            if (cfg->feeds[i].interval == base->interval)
                cfg->feeds[i].interval = cfg->interval;
            if (cfg->feeds[i].max_items == base->max_items)
                cfg->feeds[i].max_items = cfg->max_items;
        }
    }
    if (cfg->fetch.max_per_host > cfg->fetch.max_transfers) {
        c.depth = 0;
        push(&c, member(root, "fetch"));
        diag(&c, CONFIG_WARNING, false,
             "\"max_per_host\" (%d) is more than \"max_transfers\" (%d); %d is used",
             cfg->fetch.max_per_host, cfg->fetch.max_transfers, cfg->fetch.max_transfers);
        cfg->fetch.max_per_host = cfg->fetch.max_transfers;
        pop(&c);
    }
    finish_positions(&c);
    json_pos_index_free(c.ix);
    free(c.map.slots);
    cJSON_Delete(root);
    if (diags->n_errors > before) {
        config_free(cfg);
        return NULL;
    }
    return cfg;
}

/* ---- output -------------------------------------------------------------------------- */

char *config_to_json(const struct config *c, bool redact)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *feeds = cJSON_AddArrayToObject(o, "feeds");
    for (size_t i = 0; i < c->n_feeds; i++) {
        const struct config_feed *f = &c->feeds[i];
        cJSON *j = cJSON_CreateObject();
        char *shown = redact ? url_redact(f->url) : NULL;
        cJSON_AddStringToObject(j, "url", shown ? shown : f->url);
        free(shown);
        cJSON_AddStringToObject(j, "name", f->name);
        cJSON_AddNumberToObject(j, "interval", f->interval);
        cJSON *h = cJSON_AddObjectToObject(j, "headers");
        for (size_t k = 0; k < f->n_headers; k++)
            cJSON_AddStringToObject(h, f->headers[k].name, redact ? "***" : f->headers[k].value);
        cJSON_AddNumberToObject(j, "max_items", f->max_items);
        cJSON_AddBoolToObject(j, "enabled", f->enabled);
        cJSON_AddBoolToObject(j, "demo", f->demo);
        cJSON_AddItemToArray(feeds, j);
    }
    cJSON_AddNumberToObject(o, "interval", c->interval);
    if (c->cache_path)
        cJSON_AddStringToObject(o, "cache", c->cache_path);
    else
        cJSON_AddNullToObject(o, "cache");
    cJSON *r = cJSON_AddObjectToObject(o, "retention");
    cJSON_AddNumberToObject(r, "max_age", (double)c->max_age);
    cJSON_AddNumberToObject(r, "max_items", c->max_items);
    cJSON *fl = cJSON_AddArrayToObject(o, "filters");
    for (size_t i = 0; i < c->n_filters; i++)
        cJSON_AddItemToArray(fl, cJSON_CreateString(c->filters[i]));
    cJSON_AddStringToObject(o, "user_agent", c->user_agent);
    cJSON *f = cJSON_AddObjectToObject(o, "fetch");
    cJSON_AddNumberToObject(f, "max_transfers", c->fetch.max_transfers);
    cJSON_AddNumberToObject(f, "max_per_host", c->fetch.max_per_host);
    cJSON_AddNumberToObject(f, "max_bytes", (double)c->fetch.max_bytes);
    cJSON_AddNumberToObject(f, "connect_timeout", c->fetch.connect_timeout);
    cJSON_AddNumberToObject(f, "timeout", c->fetch.timeout);
    cJSON_AddNumberToObject(f, "low_speed_limit", c->fetch.low_speed_limit);
    cJSON_AddNumberToObject(f, "low_speed_time", c->fetch.low_speed_time);
    cJSON_AddBoolToObject(o, "fetch_articles", c->fetch_articles);
    cJSON *s = cJSON_AddObjectToObject(o, "summary");
    cJSON_AddNumberToObject(s, "max_chars", c->summary.max_chars);
    cJSON_AddNumberToObject(s, "sentences", c->summary.sentences);
    cJSON_AddNumberToObject(s, "article_threshold", c->summary.article_threshold);
    /* The display's defaults filled in too: the look the renderer will use. */
    struct theme t;
    theme_default(&t);
    theme_parse(&t, c->display, NULL, NULL, NULL);
    cJSON_AddItemToObject(o, "display", theme_to_json(&t));
    runconf_to_json(&c->run, o);
    char *out = jsonw_print(o, true); /* valid UTF-8 whatever the file held */
    cJSON_Delete(o);
    return out;
}
