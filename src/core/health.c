/*
 * The status document: written with cJSON (small, a few kilobytes with every feed), read back
 * with cJSON for `ticker status`, checked by fixed rules.
 */
#include "core/health.h"

#include "core/json_pos.h"
#include "core/jsonw.h"
#include "core/util.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const display_names[] = {"starting", "on", "night", "paused"};

const char *health_display_str(enum health_display d)
{
    return (unsigned)d < ARRAY_LEN(display_names) ? display_names[d] : "unknown";
}

void health_clear(struct health *h)
{
    for (size_t i = 0; i < h->n_feeds; i++) {
        free(h->feeds[i].name);
        free(h->feeds[i].state);
        free(h->feeds[i].detail);
    }
    free(h->feeds);
    memset(h, 0, sizeof *h);
}

/* Fractions to one decimal (three for milliseconds would be noise). */
static void add_num1(cJSON *o, const char *key, double v)
{
    cJSON_AddNumberToObject(o, key, (double)llround(v * 10) / 10);
}

static void add_time(cJSON *o, const char *key, int64_t t)
{
    if (t > 0)
        cJSON_AddNumberToObject(o, key, (double)t);
    else
        cJSON_AddNullToObject(o, key);
}

char *health_to_json(const struct health *h)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "format", HEALTH_FORMAT);
    cJSON_AddStringToObject(o, "version", h->version);
    cJSON_AddNumberToObject(o, "pid", (double)h->pid);
    add_time(o, "started", h->started);
    add_time(o, "written", h->written);
    cJSON_AddNumberToObject(o, "uptime", (double)(h->written - h->started));
    cJSON_AddStringToObject(o, "display", health_display_str(h->display));
    add_time(o, "night_change", h->night_change);
    add_num1(o, "fps", h->fps);
    add_num1(o, "frame_p99_ms", h->frame_p99_ms);
    add_num1(o, "work_p99_ms", h->work_p99_ms);
    cJSON_AddNumberToObject(o, "frames", (double)h->frames);
    cJSON_AddNumberToObject(o, "dropped_frames", (double)h->dropped);
    add_time(o, "last_frame", h->last_frame);
    add_num1(o, "refresh_hz", h->refresh_hz);
    cJSON_AddNumberToObject(o, "width", h->width);
    cJSON_AddNumberToObject(o, "height", h->height);
    cJSON_AddNumberToObject(o, "rotation", h->rotation);
    cJSON_AddStringToObject(o, "video_driver", h->video_driver);
    cJSON_AddStringToObject(o, "renderer", h->renderer);
    cJSON_AddNumberToObject(o, "items", (double)h->items);
    add_time(o, "last_success", h->last_success);
    add_time(o, "offline_since", h->offline_since);
    cJSON_AddNumberToObject(o, "cache_bytes", (double)h->cache_bytes);
    cJSON *feeds = cJSON_AddArrayToObject(o, "feeds");
    for (size_t i = 0; i < h->n_feeds; i++) {
        const struct health_feed *f = &h->feeds[i];
        cJSON *j = cJSON_CreateObject();
        cJSON_AddStringToObject(j, "name", f->name ? f->name : "");
        cJSON_AddStringToObject(j, "state", f->state ? f->state : "");
        if (f->detail)
            cJSON_AddStringToObject(j, "last_error", f->detail);
        else
            cJSON_AddNullToObject(j, "last_error");
        add_time(j, "last_success", f->last_success);
        add_time(j, "next_poll", f->next_poll);
        cJSON_AddNumberToObject(j, "items", (double)f->items);
        cJSON_AddItemToArray(feeds, j);
    }
    cJSON *chk = cJSON_AddObjectToObject(o, "check");
    cJSON_AddNumberToObject(chk, "max_frame_age", (double)h->max_frame_age);
    cJSON_AddNumberToObject(chk, "max_fetch_age", (double)h->max_fetch_age);
    char *text = jsonw_print(o, true); /* valid UTF-8 whatever the names and errors held */
    cJSON_Delete(o);
    char *r = xasprintf("%s\n", text);
    free(text);
    return r;
}

/* ---- reading -------------------------------------------------------------------------- */

static int64_t get_i64(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) ? (int64_t)v->valuedouble : 0;
}

static double get_num(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

static char *get_str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? xstrdup(v->valuestring) : NULL;
}

static void get_strbuf(const cJSON *o, const char *key, char *out, size_t cap)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    snprintf(out, cap, "%s", cJSON_IsString(v) ? v->valuestring : "");
}

bool health_parse(const char *buf, size_t len, struct health *out, struct error *err)
{
    memset(out, 0, sizeof *out);
    const char *end = NULL;
    cJSON *o = cJSON_ParseWithLengthOpts(buf, len, &end, false);
    if (!o) {
        int line, col;
        size_t off = end && end >= buf ? (size_t)(end - buf) : 0;
        json_pos_line_col(buf, len, off, &line, &col);
        return error_set_at(err, line, col, "not valid JSON (a status file being written?)");
    }
    bool ok = false;
    if (!cJSON_IsObject(o) || get_i64(o, "format") != HEALTH_FORMAT) {
        error_set(err, "not a ticker status file of format %d", HEALTH_FORMAT);
        goto done;
    }
    get_strbuf(o, "version", out->version, sizeof out->version);
    out->pid = get_i64(o, "pid");
    out->started = get_i64(o, "started");
    out->written = get_i64(o, "written");
    char *disp = get_str(o, "display");
    out->display = HEALTH_STARTING;
    for (size_t i = 0; disp && i < ARRAY_LEN(display_names); i++)
        if (!strcmp(disp, display_names[i]))
            out->display = (enum health_display)i;
    free(disp);
    out->night_change = get_i64(o, "night_change");
    out->fps = get_num(o, "fps");
    out->frame_p99_ms = get_num(o, "frame_p99_ms");
    out->work_p99_ms = get_num(o, "work_p99_ms");
    out->frames = (uint64_t)get_i64(o, "frames");
    out->dropped = (uint64_t)get_i64(o, "dropped_frames");
    out->last_frame = get_i64(o, "last_frame");
    out->refresh_hz = get_num(o, "refresh_hz");
    out->width = (int)get_i64(o, "width");
    out->height = (int)get_i64(o, "height");
    out->rotation = (int)get_i64(o, "rotation");
    get_strbuf(o, "video_driver", out->video_driver, sizeof out->video_driver);
    get_strbuf(o, "renderer", out->renderer, sizeof out->renderer);
    out->items = get_i64(o, "items");
    out->last_success = get_i64(o, "last_success");
    out->offline_since = get_i64(o, "offline_since");
    const cJSON *cb = cJSON_GetObjectItemCaseSensitive(o, "cache_bytes");
    out->cache_bytes = cJSON_IsNumber(cb) ? (int64_t)cb->valuedouble : -1;
    const cJSON *feeds = cJSON_GetObjectItemCaseSensitive(o, "feeds");
    int n = cJSON_IsArray(feeds) ? cJSON_GetArraySize(feeds) : 0;
    if (n > 0) {
        out->feeds = xcalloc((size_t)n, sizeof *out->feeds);
        const cJSON *f;
        cJSON_ArrayForEach(f, feeds)
        {
            if (!cJSON_IsObject(f))
                continue;
            struct health_feed *hf = &out->feeds[out->n_feeds++];
            hf->name = get_str(f, "name");
            hf->state = get_str(f, "state");
            hf->detail = get_str(f, "last_error");
            hf->last_success = get_i64(f, "last_success");
            hf->next_poll = get_i64(f, "next_poll");
            hf->items = get_i64(f, "items");
        }
    }
    const cJSON *chk = cJSON_GetObjectItemCaseSensitive(o, "check");
    out->max_frame_age = get_i64(chk, "max_frame_age");
    out->max_fetch_age = get_i64(chk, "max_fetch_age");
    if (out->max_frame_age <= 0)
        out->max_frame_age = 30;
    ok = true;
done:
    cJSON_Delete(o);
    if (!ok)
        health_clear(out);
    return ok;
}

/* ---- checking and reporting ---------------------------------------------------------- */

/* "45 s", "12 min", "3 h 5 min", "2 days 4 h" */
static char *span(char *out, size_t cap, int64_t s)
{
    if (s < 0)
        s = 0;
    if (s < 120)
        snprintf(out, cap, "%lld s", (long long)s);
    else if (s < 3600)
        snprintf(out, cap, "%lld min", (long long)(s / 60));
    else if (s < 2 * 86400)
        snprintf(out, cap, "%lld h %lld min", (long long)(s / 3600), (long long)(s % 3600 / 60));
    else
        snprintf(out, cap, "%lld days %lld h", (long long)(s / 86400),
                 (long long)(s % 86400 / 3600));
    return out;
}

__attribute__((format(printf, 2, 3))) static void problem(struct health_problems *p,
                                                          const char *fmt, ...)
{
    if (p->n >= ARRAY_LEN(p->msg))
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->msg[p->n++], sizeof p->msg[0], fmt, ap);
    va_end(ap);
}

bool health_check(const struct health *h, int64_t now, struct health_problems *out)
{
    memset(out, 0, sizeof *out);
    char a[32];
    int64_t max_frame = h->max_frame_age > 0 ? h->max_frame_age : 30;
    if (now - h->written > max_frame) {
        problem(out, "the status was last written %s ago: ticker run is not running or is stuck",
                span(a, sizeof a, now - h->written));
        return false;
    }
    if (h->display == HEALTH_STARTING) {
        if (now - h->started > max_frame)
            problem(out, "no frame presented since the start %s ago",
                    span(a, sizeof a, now - h->started));
    } else if (h->display != HEALTH_NIGHT) {
        int64_t since = h->last_frame > 0 ? h->last_frame : h->started;
        if (now - since > max_frame)
            problem(out, "no frame presented for %s", span(a, sizeof a, now - since));
    }
    if (h->max_fetch_age > 0) {
        if (h->last_success > 0 && now - h->last_success > h->max_fetch_age)
            problem(out, "no successful fetch for %s", span(a, sizeof a, now - h->last_success));
        else if (h->last_success <= 0 && now - h->started > h->max_fetch_age)
            problem(out, "no successful fetch since the start %s ago",
                    span(a, sizeof a, now - h->started));
    }
    return out->n == 0;
}

static void ago(struct buf *b, int64_t now, int64_t t, const char *never)
{
    char a[32];
    if (t <= 0)
        buf_append_str(b, never);
    else if (t >= now)
        buf_printf(b, "in %s", span(a, sizeof a, t - now));
    else
        buf_printf(b, "%s ago", span(a, sizeof a, now - t));
}

char *health_report(const struct health *h, int64_t now)
{
    struct buf b = {0};
    char a[32];
    buf_printf(&b, "ticker %s, pid %lld, up %s; status written ", h->version, (long long)h->pid,
               span(a, sizeof a, h->written - h->started));
    ago(&b, now, h->written, "never");
    buf_printf(&b, "\ndisplay:   %s", health_display_str(h->display));
    if (h->night_change > 0) {
        buf_append_str(&b, h->display == HEALTH_NIGHT ? " (on again " : " (night starts ");
        ago(&b, now, h->night_change, "");
        buf_append_str(&b, ")");
    }
    buf_printf(&b, ", %dx%d", h->width, h->height);
    if (h->rotation)
        buf_printf(&b, " rotated %d", h->rotation);
    buf_printf(&b, " at %.1f Hz (%s, %s)\n", h->refresh_hz, h->video_driver, h->renderer);
    buf_printf(&b,
               "frames:    %.1f fps, p99 frame time %.1f ms (work %.1f ms), %llu presented, %llu "
               "dropped; last ",
               h->fps, h->frame_p99_ms, h->work_p99_ms, (unsigned long long)h->frames,
               (unsigned long long)h->dropped);
    ago(&b, now, h->last_frame, "never");
    buf_printf(&b, "\nnews:      %lld stories; last successful fetch ", (long long)h->items);
    ago(&b, now, h->last_success, "never");
    if (h->offline_since > 0) {
        buf_append_str(&b, "; offline since ");
        ago(&b, now, h->offline_since, "");
    }
    if (h->cache_bytes >= 0)
        buf_printf(&b, "; cache %.1f MB", (double)h->cache_bytes / 1e6);
    buf_append_str(&b, "\n");
    for (size_t i = 0; i < h->n_feeds; i++) {
        const struct health_feed *f = &h->feeds[i];
        char *name = xstrprintable(f->name ? f->name : "");
        buf_printf(&b, "  %-20s %-8s %3lld stories, last success ", name, f->state ? f->state : "?",
                   (long long)f->items);
        free(name);
        ago(&b, now, f->last_success, "never");
        buf_append_str(&b, ", next poll ");
        ago(&b, now, f->next_poll, "unknown");
        if (f->detail) {
            char *d = xstrprintable(f->detail);
            buf_printf(&b, "; %s", d);
            free(d);
        }
        buf_append_str(&b, "\n");
    }
    struct health_problems p;
    if (health_check(h, now, &p)) {
        buf_append_str(&b, "healthy\n");
    } else {
        for (size_t i = 0; i < p.n; i++)
            buf_printf(&b, "UNHEALTHY: %s\n", p.msg[i]);
    }
    return buf_steal(&b);
}
