/*
 * The "display" configuration object. Every key is optional; a present key with a wrong type or
 * an out-of-range value is an error naming the key, because a kiosk that silently ignores a
 * typo in its colours is harder to set up than one that says what is wrong.
 *
 * Default palette: a deep navy screen, a blue band, white text and an amber accent. Every
 * text colour reaches at least 7:1 (WCAG AAA) against the surface it is drawn on; the theme
 * test checks that.
 */
#include "core/theme.h"

#include "core/config.h"
#include "core/util.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void theme_default(struct theme *t)
{
    memset(t, 0, sizeof *t);
    t->band_height = (struct theme_size){0.10, false};
    t->band_font = (struct theme_size){0.045, false};
    t->headline_font = (struct theme_size){0.058, false};
    t->summary_font = (struct theme_size){0.034, false};
    t->meta_font = (struct theme_size){0.028, false};
    t->clock_font = (struct theme_size){0.05, false};
    t->status_font = (struct theme_size){0.024, false};
    t->colors = (struct theme_colors){
        .background = 0xFF0B1220,
        .panel = 0xFF121D33,
        .band = 0xFF0F2447,
        .band_text = 0xFFFFFFFF,
        .text = 0xFFFFFFFF,
        .muted = 0xFFC9D3E1,
        .accent = 0xFFF5B82E,
        .separator = 0xFFF5B82E,
    };
    t->band_position = THEME_BAND_BOTTOM;
    /* A sixth of the screen height per second: three pixels a frame at 1080p and 60 Hz, a
     * calm broadcast crawl that reads the same at every resolution. */
    t->speed_unit = THEME_SPEED_HEIGHT;
    t->speed = 1.0 / 6.0;
    snprintf(t->separator, sizeof t->separator, "%s", "\xE2\x80\xA2"); /* U+2022 bullet */
    /* English where neither the configuration nor the locale environment names a language
     * (the app layer reads the environment: theme_default_for). */
    t->locale = THEME_LOCALE_EN;
    t->clock_24h = false;
    t->layout = THEME_LAYOUT_AUTO;
    t->reduced_motion = false;
    t->current_point = 0.25;
    t->fade_ms = 500;
    t->hold_ms = 8000;
    t->images = true;
    t->qr = THEME_QR_AUTO;
    t->qr_params[0] = '\0';
}

void theme_default_for(struct theme *t, enum theme_locale locale)
{
    theme_default(t);
    t->locale = locale;
    t->clock_24h = locale == THEME_LOCALE_DE;
}

enum theme_locale theme_locale_from_env(const char *lc_all, const char *lc_messages,
                                        const char *lang)
{
    /* POSIX: the first of these that is set and not empty decides the messages' language. */
    const char *const vars[] = {lc_all, lc_messages, lang};
    for (size_t i = 0; i < 3; i++) {
        const char *v = vars[i];
        if (!v || !v[0])
            continue;
        if ((v[0] == 'd' || v[0] == 'D') && (v[1] == 'e' || v[1] == 'E') &&
            (v[2] == '\0' || v[2] == '_' || v[2] == '.' || v[2] == '@' || v[2] == '-'))
            return THEME_LOCALE_DE;
        return THEME_LOCALE_EN;
    }
    return THEME_LOCALE_EN;
}

int theme_size_px(struct theme_size s, int ref_h)
{
    double v = s.px ? s.value : s.value * ref_h;
    long px = lround(v);
    if (px < 1)
        px = 1;
    if (px > 100000)
        px = 100000;
    return (int)px;
}

bool theme_parse_color(const char *s, uint32_t *out)
{
    if (!s || s[0] != '#')
        return false;
    size_t n = strlen(s + 1);
    if (n != 3 && n != 6)
        return false;
    uint32_t v = 0;
    for (size_t i = 0; i < n; i++) {
        int h = ascii_hexval((unsigned char)s[1 + i]);
        if (h < 0)
            return false;
        if (n == 3)
            v = (v << 8) | (uint32_t)(h * 17);
        else
            v = (v << 4) | (uint32_t)h;
    }
    *out = 0xFF000000u | v;
    return true;
}

static double channel_lum(uint32_t c8)
{
    double c = c8 / 255.0;
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double rel_luminance(uint32_t argb)
{
    return 0.2126 * channel_lum((argb >> 16) & 0xFF) + 0.7152 * channel_lum((argb >> 8) & 0xFF) +
           0.0722 * channel_lum(argb & 0xFF);
}

double theme_contrast(uint32_t a, uint32_t b)
{
    double la = rel_luminance(a), lb = rel_luminance(b);
    if (la < lb) {
        double t = la;
        la = lb;
        lb = t;
    }
    return (la + 0.05) / (lb + 0.05);
}

/* ---- parsing -------------------------------------------------------------------------- */

struct parse {
    theme_report_fn *report;
    void *ctx;
    struct error *err;
    bool failed;
};

/* Reports one problem; returns false (for `return problem(...)` in a reader). */
__attribute__((format(printf, 5, 6))) static bool
problem(struct parse *p, const cJSON *at, bool about_key, bool warning, const char *fmt, ...)
{
    struct theme_problem pr = {.at = at, .about_key = about_key, .warning = warning};
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(pr.msg, sizeof pr.msg, fmt, ap);
    va_end(ap);
    if (!warning) {
        if (!p->failed)
            error_set(p->err, "%s", pr.msg);
        p->failed = true;
    }
    if (p->report)
        p->report(p->ctx, &pr);
    return false;
}

#define bad(p, v, ...) problem(p, v, false, false, __VA_ARGS__)

/* A size: a number (fraction of the reference height, 0 < v <= 1) or a string "NNpx". */
static bool parse_size(struct parse *p, const cJSON *v, const char *key, struct theme_size *out)
{
    if (cJSON_IsNumber(v)) {
        double d = v->valuedouble;
        if (!(d > 0 && d <= 1))
            return bad(p, v,
                       "display.%s: %g is not a fraction of the screen height (0 < v <= 1; "
                       "use \"40px\" for pixels)",
                       key, d);
        *out = (struct theme_size){d, false};
        return true;
    }
    if (cJSON_IsString(v)) {
        char *end = NULL;
        double d = strtod(v->valuestring, &end);
        if (end != v->valuestring && !strcmp(end, "px") && d >= 1 && d <= 10000) {
            *out = (struct theme_size){d, true};
            return true;
        }
        if (end != v->valuestring && !strcmp(end, "%") && d > 0 && d <= 100) {
            *out = (struct theme_size){d / 100.0, false};
            return true;
        }
    }
    return bad(p, v,
               "display.%s: expected a fraction of the screen height (0.05), \"5%%\" or \"40px\"",
               key);
}

static bool parse_string(struct parse *p, const cJSON *v, const char *key, char *out,
                         size_t out_len)
{
    if (!cJSON_IsString(v))
        return bad(p, v, "display.%s: expected a string", key);
    if (strlen(v->valuestring) >= out_len)
        return bad(p, v, "display.%s: longer than %zu bytes", key, out_len - 1);
    snprintf(out, out_len, "%s", v->valuestring);
    return true;
}

static bool parse_bool(struct parse *p, const cJSON *v, const char *key, bool *out)
{
    if (!cJSON_IsBool(v))
        return bad(p, v, "display.%s: expected true or false", key);
    *out = cJSON_IsTrue(v);
    return true;
}

static bool parse_int_range(struct parse *p, const cJSON *v, const char *key, int lo, int hi,
                            int *out)
{
    if (!cJSON_IsNumber(v) || v->valuedouble < lo || v->valuedouble > hi ||
        v->valuedouble != floor(v->valuedouble))
        return bad(p, v, "display.%s: expected a whole number from %d to %d", key, lo, hi);
    *out = (int)v->valuedouble;
    return true;
}

/* One of a fixed set of words. */
static bool parse_enum(struct parse *p, const cJSON *v, const char *key, const char *const *words,
                       size_t n, int *out)
{
    if (cJSON_IsString(v))
        for (size_t i = 0; i < n; i++)
            if (!strcmp(v->valuestring, words[i])) {
                *out = (int)i;
                return true;
            }
    char list[160] = "";
    size_t used = 0;
    for (size_t i = 0; i < n && used < sizeof list; i++)
        used +=
            (size_t)snprintf(list + used, sizeof list - used, "%s\"%s\"", i ? ", " : "", words[i]);
    return bad(p, v, "display.%s: expected one of %s", key, list);
}

static bool parse_speed(struct parse *p, const cJSON *v, struct theme *t)
{
    if (cJSON_IsNumber(v) && v->valuedouble > 0 && v->valuedouble <= 100000) {
        t->speed_unit = THEME_SPEED_PX_S;
        t->speed = v->valuedouble;
        return true;
    }
    if (cJSON_IsString(v)) {
        char *end = NULL;
        double d = strtod(v->valuestring, &end);
        if (end != v->valuestring && d > 0 && d <= 100000) {
            while (*end == ' ')
                end++;
            if (!strcmp(end, "px/s")) {
                t->speed_unit = THEME_SPEED_PX_S;
                t->speed = d;
                return true;
            }
            if (!strcmp(end, "cps")) {
                t->speed_unit = THEME_SPEED_CPS;
                t->speed = d;
                return true;
            }
            /* Reference heights per second, as a percentage (the default: "16.67%/s"). */
            if (!strcmp(end, "%/s") && d <= 10000) {
                t->speed_unit = THEME_SPEED_HEIGHT;
                t->speed = d / 100.0;
                return true;
            }
        }
    }
    return bad(p, v,
               "display.speed: expected pixels per second (180, \"180px/s\"), characters per "
               "second (\"12cps\") or screen heights per second (\"16.7%%/s\")");
}

/* Appends s percent-encoded (RFC 3986 unreserved characters stay) to out; false past cap. */
static bool append_encoded(char *out, size_t cap, const char *s)
{
    size_t n = strlen(out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        bool keep = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' || *p == '_' || *p == '~';
        if (n + (keep ? 1 : 3) >= cap)
            return false;
        if (keep) {
            out[n++] = (char)*p;
        } else {
            static const char hex[] = "0123456789ABCDEF";
            out[n++] = '%';
            out[n++] = hex[*p >> 4];
            out[n++] = hex[*p & 15];
        }
    }
    out[n] = '\0';
    return true;
}

/* "qr_params": {"utm_source": "lobby"} -> "utm_source=lobby", in the object's order. */
static bool parse_qr_params(struct parse *p, const cJSON *obj, char *out, size_t cap)
{
    if (!cJSON_IsObject(obj))
        return bad(p, obj,
                   "display.qr_params: expected an object of names and values, such as "
                   "{\"utm_source\": \"lobby\"}");
    char buf[sizeof((struct theme *)0)->qr_params] = "";
    if (cap > sizeof buf)
        cap = sizeof buf;
    const cJSON *v;
    cJSON_ArrayForEach(v, obj)
    {
        if (!cJSON_IsString(v) || !v->string[0]) {
            char *shown = xstrprintable(v->string);
            bad(p, v, "display.qr_params.%.100s: expected a string", shown[0] ? shown : "\"\"");
            free(shown);
            return false;
        }
        size_t n = strlen(buf);
        if ((n && n + 1 >= cap) || (n && !strcat(buf, "&")) ||
            !append_encoded(buf, cap, v->string) || strlen(buf) + 1 >= cap || !strcat(buf, "=") ||
            !append_encoded(buf, cap, v->valuestring))
            return bad(p, obj, "display.qr_params: longer than %zu bytes", cap - 1);
    }
    snprintf(out, cap, "%s", buf);
    return true;
}

/* The value of one percent-encoded hex digit pair at s, or -1. */
static int hex_pair(const char *s)
{
    int hi = ascii_hexval((unsigned char)s[0]);
    int lo = hi < 0 ? -1 : ascii_hexval((unsigned char)s[1]);
    return lo < 0 ? -1 : hi * 16 + lo;
}

/* s[0..n) percent-decoded, as a new string (what append_encoded encoded). */
static char *decode_part(const char *s, size_t n)
{
    char *out = xmalloc(n + 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        int b = s[i] == '%' && i + 2 < n ? hex_pair(s + i + 1) : -1;
        if (b >= 0) {
            out[o++] = (char)b;
            i += 2;
        } else {
            out[o++] = s[i];
        }
    }
    out[o] = '\0';
    return out;
}

/* The theme's qr_params string back as the object it was built from. */
static void add_qr_params(cJSON *o, const char *key, const char *params)
{
    cJSON *obj = cJSON_AddObjectToObject(o, key);
    for (const char *s = params; *s;) {
        size_t len = strcspn(s, "&");
        const char *eq = memchr(s, '=', len);
        size_t name_len = eq ? (size_t)(eq - s) : len;
        char *name = decode_part(s, name_len);
        char *value = eq ? decode_part(eq + 1, len - name_len - 1) : xstrdup("");
        cJSON_AddStringToObject(obj, name, value);
        free(name);
        free(value);
        s += len;
        if (*s == '&')
            s++;
    }
}

static const char *const color_keys[] = {"background", "panel", "band",   "band_text",
                                         "text",       "muted", "accent", "separator"};

/* The colour named color_keys[i]. */
static uint32_t *color_field(struct theme_colors *c, size_t i)
{
    uint32_t *fields[ARRAY_LEN(color_keys)] = {&c->background, &c->panel,    &c->band,
                                               &c->band_text,  &c->text,     &c->muted,
                                               &c->accent,     &c->separator};
    return fields[i];
}

/* The index of key in keys[n], or -1. */
static int key_index(const char *const *keys, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(keys[i], key))
            return (int)i;
    return -1;
}

/*
 * The members of obj that count, one per known key (the last one given: as in the rest of the
 * configuration, an earlier repeated key is warned about and not checked). Unknown keys are
 * warnings naming the closest known key (keys starting with '_' are comments). `where` names
 * the object in messages ("display", "display.colors").
 */
static void last_members(struct parse *p, const cJSON *obj, const char *where,
                         const char *const *keys, size_t n, const cJSON **last)
{
    for (size_t i = 0; i < n; i++)
        last[i] = NULL;
    for (const cJSON *m = obj->child; m; m = m->next) {
        int k = key_index(keys, n, m->string);
        if (k >= 0) {
            if (last[k])
                problem(p, last[k], true, true, "%s: key \"%s\" is repeated; the last one is used",
                        where, m->string);
            last[k] = m;
            continue;
        }
        if (m->string[0] == '_')
            continue;
        char *shown = xstrprintable(m->string);
        const char *best = NULL;
        size_t best_d = SIZE_MAX, klen = strlen(m->string);
        for (size_t i = 0; i < n && klen <= 64; i++) {
            size_t d = config_edit_distance(m->string, keys[i]);
            if (d < best_d) {
                best_d = d;
                best = keys[i];
            }
        }
        /* The rule of the configuration's other "did you mean"s. */
        if (best && best_d <= 2 && best_d * 2 < klen + 1 && best_d < klen)
            problem(p, m, true, true, "%s: unknown key \"%.100s\" (did you mean \"%s\"?)", where,
                    shown, best);
        else
            problem(p, m, true, true, "%s: unknown key \"%.100s\"", where, shown);
        free(shown);
    }
}

static void parse_colors(struct parse *p, const cJSON *obj, struct theme_colors *c)
{
    if (!cJSON_IsObject(obj)) {
        bad(p, obj, "display.colors: expected an object of \"#rrggbb\" strings");
        return;
    }
    const cJSON *last[ARRAY_LEN(color_keys)];
    last_members(p, obj, "display.colors", color_keys, ARRAY_LEN(color_keys), last);
    for (size_t i = 0; i < ARRAY_LEN(color_keys); i++) {
        const cJSON *v = last[i];
        uint32_t col;
        if (!v)
            continue;
        if (!cJSON_IsString(v) || !theme_parse_color(v->valuestring, &col))
            bad(p, v, "display.colors.%s: expected \"#rrggbb\" or \"#rgb\"", color_keys[i]);
        else
            *color_field(c, i) = col;
    }
}

/* The keys of the "display" object, in the order theme_to_json prints them. */
enum display_key {
    K_FONT,
    K_FONT_BOLD,
    K_BAND_HEIGHT,
    K_BAND_FONT,
    K_HEADLINE_FONT,
    K_SUMMARY_FONT,
    K_META_FONT,
    K_CLOCK_FONT,
    K_STATUS_FONT,
    K_COLORS,
    K_BAND_POSITION,
    K_SPEED,
    K_SEPARATOR,
    K_LOCALE,
    K_CLOCK,
    K_LAYOUT,
    K_REDUCED_MOTION,
    K_CURRENT_POINT,
    K_FADE_MS,
    K_HOLD_MS,
    K_ROTATION,
    K_IMAGES,
    K_QR,
    K_QR_PARAMS,
    K_COUNT
};

static const char *const display_keys[K_COUNT] = {
    [K_FONT] = "font",
    [K_FONT_BOLD] = "font_bold",
    [K_BAND_HEIGHT] = "band_height",
    [K_BAND_FONT] = "band_font_size",
    [K_HEADLINE_FONT] = "headline_font_size",
    [K_SUMMARY_FONT] = "summary_font_size",
    [K_META_FONT] = "meta_font_size",
    [K_CLOCK_FONT] = "clock_font_size",
    [K_STATUS_FONT] = "status_font_size",
    [K_COLORS] = "colors",
    [K_BAND_POSITION] = "band_position",
    [K_SPEED] = "speed",
    [K_SEPARATOR] = "separator",
    [K_LOCALE] = "locale",
    [K_CLOCK] = "clock",
    [K_LAYOUT] = "layout",
    [K_REDUCED_MOTION] = "reduced_motion",
    [K_CURRENT_POINT] = "current_point",
    [K_FADE_MS] = "fade_ms",
    [K_HOLD_MS] = "hold_ms",
    [K_ROTATION] = "rotation",
    [K_IMAGES] = "images",
    [K_QR] = "qr",
    [K_QR_PARAMS] = "qr_params",
};

static struct theme_size *size_field(struct theme *t, enum display_key k)
{
    switch (k) {
    case K_BAND_HEIGHT:
        return &t->band_height;
    case K_BAND_FONT:
        return &t->band_font;
    case K_HEADLINE_FONT:
        return &t->headline_font;
    case K_SUMMARY_FONT:
        return &t->summary_font;
    case K_META_FONT:
        return &t->meta_font;
    case K_CLOCK_FONT:
        return &t->clock_font;
    case K_STATUS_FONT:
        return &t->status_font;
    default:
        return NULL;
    }
}

static const char *const positions[] = {"bottom", "top"};
static const char *const locales[] = {"de", "en"};
static const char *const clocks[] = {"24h", "12h"};
static const char *const layouts[] = {"auto", "full", "band"};
static const char *const qrs[] = {"auto", "on", "off"};

/* Applies one key. `clock_given`: "clock" is in the object too, so "locale" leaves the clock
 * alone (otherwise the clock follows the locale). */
static void apply(struct parse *p, struct theme *t, enum display_key k, const cJSON *v,
                  bool clock_given)
{
    const char *key = display_keys[k];
    int e = 0; /* set by parse_enum on success; gcc -O3 cannot see that */
    switch (k) {
    case K_FONT:
        parse_string(p, v, key, t->font, sizeof t->font);
        break;
    case K_FONT_BOLD:
        parse_string(p, v, key, t->font_bold, sizeof t->font_bold);
        break;
    case K_BAND_HEIGHT:
    case K_BAND_FONT:
    case K_HEADLINE_FONT:
    case K_SUMMARY_FONT:
    case K_META_FONT:
    case K_CLOCK_FONT:
    case K_STATUS_FONT:
        parse_size(p, v, key, size_field(t, k));
        break;
    case K_COLORS:
        parse_colors(p, v, &t->colors);
        break;
    case K_BAND_POSITION:
        if (parse_enum(p, v, key, positions, ARRAY_LEN(positions), &e))
            t->band_position = (enum theme_band_position)e;
        break;
    case K_SPEED:
        parse_speed(p, v, t);
        break;
    case K_SEPARATOR:
        parse_string(p, v, key, t->separator, sizeof t->separator);
        break;
    case K_LOCALE:
        if (parse_enum(p, v, key, locales, ARRAY_LEN(locales), &e)) {
            t->locale = (enum theme_locale)e;
            if (!clock_given)
                t->clock_24h = t->locale == THEME_LOCALE_DE;
        }
        break;
    case K_CLOCK:
        if (parse_enum(p, v, key, clocks, ARRAY_LEN(clocks), &e))
            t->clock_24h = e == 0;
        break;
    case K_LAYOUT:
        if (parse_enum(p, v, key, layouts, ARRAY_LEN(layouts), &e))
            t->layout = (enum theme_layout)e;
        break;
    case K_REDUCED_MOTION:
        parse_bool(p, v, key, &t->reduced_motion);
        break;
    case K_CURRENT_POINT:
        if (!cJSON_IsNumber(v) || !(v->valuedouble >= 0 && v->valuedouble <= 1))
            bad(p, v, "display.current_point: expected a fraction of the band width (0..1)");
        else
            t->current_point = v->valuedouble;
        break;
    case K_FADE_MS:
        parse_int_range(p, v, key, 0, 10000, &t->fade_ms);
        break;
    case K_HOLD_MS:
        parse_int_range(p, v, key, 1000, 600000, &t->hold_ms);
        break;
    case K_ROTATION: {
        double d = cJSON_IsNumber(v) ? v->valuedouble : -1;
        if (d != 0 && d != 90 && d != 180 && d != 270)
            bad(p, v, "display.rotation: expected 0, 90, 180 or 270 (degrees clockwise)");
        else
            t->rotation = (int)d;
        break;
    }
    case K_IMAGES:
        parse_bool(p, v, key, &t->images);
        break;
    case K_QR:
        if (parse_enum(p, v, key, qrs, ARRAY_LEN(qrs), &e))
            t->qr = (enum theme_qr)e;
        break;
    case K_QR_PARAMS:
        parse_qr_params(p, v, t->qr_params, sizeof t->qr_params);
        break;
    case K_COUNT:
        break;
    }
}

bool theme_parse(struct theme *t, const struct cJSON *display, theme_report_fn *report, void *ctx,
                 struct error *err)
{
    struct parse p = {.report = report, .ctx = ctx, .err = err};
    error_clear(err);
    if (!display)
        return true;
    if (!cJSON_IsObject(display))
        return bad(&p, display, "display: expected an object");
    const cJSON *last[K_COUNT];
    last_members(&p, display, "display", display_keys, K_COUNT, last);
    /* In document order, so that messages come in the order a person reads the file. */
    for (const cJSON *m = display->child; m; m = m->next) {
        int k = key_index(display_keys, K_COUNT, m->string);
        if (k >= 0 && last[k] == m)
            apply(&p, t, (enum display_key)k, m, last[K_CLOCK] != NULL);
    }
    return !p.failed;
}

/* ---- printing --------------------------------------------------------------------------- */

static void add_size(cJSON *o, const char *key, struct theme_size s)
{
    if (s.px) {
        char b[48];
        snprintf(b, sizeof b, "%.10gpx", s.value);
        cJSON_AddStringToObject(o, key, b);
    } else {
        cJSON_AddNumberToObject(o, key, s.value);
    }
}

cJSON *theme_to_json(const struct theme *t)
{
    cJSON *o = cJSON_CreateObject();
    char b[64];
    for (int k = 0; k < K_COUNT; k++) {
        const char *key = display_keys[k];
        switch ((enum display_key)k) {
        case K_FONT:
            cJSON_AddStringToObject(o, key, t->font);
            break;
        case K_FONT_BOLD:
            cJSON_AddStringToObject(o, key, t->font_bold);
            break;
        case K_BAND_HEIGHT:
        case K_BAND_FONT:
        case K_HEADLINE_FONT:
        case K_SUMMARY_FONT:
        case K_META_FONT:
        case K_CLOCK_FONT:
        case K_STATUS_FONT:
            add_size(o, key, *size_field((struct theme *)t, (enum display_key)k));
            break;
        case K_COLORS: {
            cJSON *c = cJSON_AddObjectToObject(o, key);
            for (size_t i = 0; i < ARRAY_LEN(color_keys); i++) {
                snprintf(
                    b, sizeof b, "#%06x",
                    (unsigned)(*color_field((struct theme_colors *)&t->colors, i) & 0xFFFFFFu));
                cJSON_AddStringToObject(c, color_keys[i], b);
            }
            break;
        }
        case K_BAND_POSITION:
            cJSON_AddStringToObject(o, key, positions[t->band_position]);
            break;
        case K_SPEED:
            if (t->speed_unit == THEME_SPEED_PX_S) {
                cJSON_AddNumberToObject(o, key, t->speed);
            } else {
                if (t->speed_unit == THEME_SPEED_CPS)
                    snprintf(b, sizeof b, "%.10gcps", t->speed);
                else
                    snprintf(b, sizeof b, "%.10g%%/s", t->speed * 100.0);
                cJSON_AddStringToObject(o, key, b);
            }
            break;
        case K_SEPARATOR:
            cJSON_AddStringToObject(o, key, t->separator);
            break;
        case K_LOCALE:
            cJSON_AddStringToObject(o, key, locales[t->locale]);
            break;
        case K_CLOCK:
            cJSON_AddStringToObject(o, key, clocks[t->clock_24h ? 0 : 1]);
            break;
        case K_LAYOUT:
            cJSON_AddStringToObject(o, key, layouts[t->layout]);
            break;
        case K_REDUCED_MOTION:
            cJSON_AddBoolToObject(o, key, t->reduced_motion);
            break;
        case K_CURRENT_POINT:
            cJSON_AddNumberToObject(o, key, t->current_point);
            break;
        case K_FADE_MS:
            cJSON_AddNumberToObject(o, key, t->fade_ms);
            break;
        case K_HOLD_MS:
            cJSON_AddNumberToObject(o, key, t->hold_ms);
            break;
        case K_ROTATION:
            cJSON_AddNumberToObject(o, key, t->rotation);
            break;
        case K_IMAGES:
            cJSON_AddBoolToObject(o, key, t->images);
            break;
        case K_QR:
            cJSON_AddStringToObject(o, key, qrs[t->qr]);
            break;
        case K_QR_PARAMS:
            add_qr_params(o, key, t->qr_params);
            break;
        case K_COUNT:
            break;
        }
    }
    return o;
}
