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

#include "core/util.h"

#include <cjson/cJSON.h>
#include <math.h>
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
    t->locale = THEME_LOCALE_DE;
    t->clock_24h = true;
    t->layout = THEME_LAYOUT_AUTO;
    t->reduced_motion = false;
    t->current_point = 0.25;
    t->fade_ms = 500;
    t->hold_ms = 8000;
    t->images = true;
    t->qr = THEME_QR_AUTO;
    t->qr_params[0] = '\0';
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
static bool parse_qr_params(const cJSON *obj, char *out, size_t cap, char *err, size_t err_len)
{
    if (!cJSON_IsObject(obj))
        return err_printf(err, err_len,
                          "display.qr_params: expected an object of names and values, such as "
                          "{\"utm_source\": \"lobby\"}");
    out[0] = '\0';
    const cJSON *v;
    cJSON_ArrayForEach(v, obj)
    {
        if (!cJSON_IsString(v) || !v->string[0])
            return err_printf(err, err_len, "display.qr_params.%s: expected a string",
                              v->string[0] ? v->string : "\"\"");
        size_t n = strlen(out);
        if ((n && n + 1 >= cap) || (n && !strcat(out, "&")) ||
            !append_encoded(out, cap, v->string) || strlen(out) + 1 >= cap || !strcat(out, "=") ||
            !append_encoded(out, cap, v->valuestring))
            return err_printf(err, err_len, "display.qr_params: longer than %zu bytes", cap - 1);
    }
    return true;
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

/* A size: a number (fraction of the reference height, 0 < v <= 1) or a string "NNpx". */
static bool parse_size(const cJSON *v, const char *key, struct theme_size *out, char *err,
                       size_t err_len)
{
    if (cJSON_IsNumber(v)) {
        double d = v->valuedouble;
        if (!(d > 0 && d <= 1))
            return err_printf(err, err_len,
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
    return err_printf(
        err, err_len,
        "display.%s: expected a fraction of the screen height (0.05), \"5%%\" or \"40px\"", key);
}

static bool parse_string(const cJSON *v, const char *key, char *out, size_t out_len, char *err,
                         size_t err_len)
{
    if (!cJSON_IsString(v))
        return err_printf(err, err_len, "display.%s: expected a string", key);
    if (strlen(v->valuestring) >= out_len)
        return err_printf(err, err_len, "display.%s: longer than %zu bytes", key, out_len - 1);
    snprintf(out, out_len, "%s", v->valuestring);
    return true;
}

static bool parse_bool(const cJSON *v, const char *key, bool *out, char *err, size_t err_len)
{
    if (!cJSON_IsBool(v))
        return err_printf(err, err_len, "display.%s: expected true or false", key);
    *out = cJSON_IsTrue(v);
    return true;
}

static bool parse_int_range(const cJSON *v, const char *key, int lo, int hi, int *out, char *err,
                            size_t err_len)
{
    if (!cJSON_IsNumber(v) || v->valuedouble < lo || v->valuedouble > hi ||
        v->valuedouble != floor(v->valuedouble))
        return err_printf(err, err_len, "display.%s: expected a whole number from %d to %d", key,
                          lo, hi);
    *out = (int)v->valuedouble;
    return true;
}

/* One of a fixed set of words. */
static bool parse_enum(const cJSON *v, const char *key, const char *const *words, size_t n,
                       int *out, char *err, size_t err_len)
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
    return err_printf(err, err_len, "display.%s: expected one of %s", key, list);
}

static bool parse_speed(const cJSON *v, struct theme *t, char *err, size_t err_len)
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
        }
    }
    return err_printf(
        err, err_len,
        "display.speed: expected pixels per second (180, \"180px/s\") or characters per "
        "second (\"12cps\")");
}

static bool parse_colors(const cJSON *obj, struct theme_colors *c, char *err, size_t err_len)
{
    static const struct {
        const char *key;
        size_t offset;
    } keys[] = {
        {"background", offsetof(struct theme_colors, background)},
        {"panel", offsetof(struct theme_colors, panel)},
        {"band", offsetof(struct theme_colors, band)},
        {"band_text", offsetof(struct theme_colors, band_text)},
        {"text", offsetof(struct theme_colors, text)},
        {"muted", offsetof(struct theme_colors, muted)},
        {"accent", offsetof(struct theme_colors, accent)},
        {"separator", offsetof(struct theme_colors, separator)},
    };
    if (!cJSON_IsObject(obj))
        return err_printf(err, err_len,
                          "display.colors: expected an object of \"#rrggbb\" strings");
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, keys[i].key);
        if (!v)
            continue;
        uint32_t col;
        if (!cJSON_IsString(v) || !theme_parse_color(v->valuestring, &col))
            return err_printf(err, err_len, "display.colors.%s: expected \"#rrggbb\" or \"#rgb\"",
                              keys[i].key);
        *(uint32_t *)((char *)c + keys[i].offset) = col;
    }
    return true;
}

bool theme_parse(struct theme *t, const struct cJSON *display, char *err, size_t err_len)
{
    if (!display)
        return true;
    if (!cJSON_IsObject(display))
        return err_printf(err, err_len, "display: expected an object");
    const cJSON *v;
#define ITEM(k) (v = cJSON_GetObjectItemCaseSensitive(display, (k)))
    if (ITEM("font") && !parse_string(v, "font", t->font, sizeof t->font, err, err_len))
        return false;
    if (ITEM("font_bold") &&
        !parse_string(v, "font_bold", t->font_bold, sizeof t->font_bold, err, err_len))
        return false;
    static const struct {
        const char *key;
        size_t offset;
    } sizes[] = {
        {"band_height", offsetof(struct theme, band_height)},
        {"band_font_size", offsetof(struct theme, band_font)},
        {"headline_font_size", offsetof(struct theme, headline_font)},
        {"summary_font_size", offsetof(struct theme, summary_font)},
        {"meta_font_size", offsetof(struct theme, meta_font)},
        {"clock_font_size", offsetof(struct theme, clock_font)},
        {"status_font_size", offsetof(struct theme, status_font)},
    };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        if (ITEM(sizes[i].key) &&
            !parse_size(v, sizes[i].key, (struct theme_size *)((char *)t + sizes[i].offset), err,
                        err_len))
            return false;
    if (ITEM("colors") && !parse_colors(v, &t->colors, err, err_len))
        return false;
    int e = 0; /* set by parse_enum on success; gcc -O3 cannot see that */
    static const char *const positions[] = {"bottom", "top"};
    if (ITEM("band_position")) {
        if (!parse_enum(v, "band_position", positions, 2, &e, err, err_len))
            return false;
        t->band_position = (enum theme_band_position)e;
    }
    if (ITEM("speed") && !parse_speed(v, t, err, err_len))
        return false;
    if (ITEM("separator") &&
        !parse_string(v, "separator", t->separator, sizeof t->separator, err, err_len))
        return false;
    static const char *const locales[] = {"de", "en"};
    if (ITEM("locale")) {
        if (!parse_enum(v, "locale", locales, 2, &e, err, err_len))
            return false;
        t->locale = (enum theme_locale)e;
        /* The clock follows the locale unless "clock" is also given (below). */
        t->clock_24h = t->locale == THEME_LOCALE_DE;
    }
    static const char *const clocks[] = {"24h", "12h"};
    if (ITEM("clock")) {
        if (!parse_enum(v, "clock", clocks, 2, &e, err, err_len))
            return false;
        t->clock_24h = e == 0;
    }
    static const char *const layouts[] = {"auto", "full", "band"};
    if (ITEM("layout")) {
        if (!parse_enum(v, "layout", layouts, 3, &e, err, err_len))
            return false;
        t->layout = (enum theme_layout)e;
    }
    if (ITEM("reduced_motion") &&
        !parse_bool(v, "reduced_motion", &t->reduced_motion, err, err_len))
        return false;
    if (ITEM("current_point")) {
        if (!cJSON_IsNumber(v) || !(v->valuedouble >= 0 && v->valuedouble <= 1))
            return err_printf(
                err, err_len,
                "display.current_point: expected a fraction of the band width (0..1)");
        t->current_point = v->valuedouble;
    }
    if (ITEM("fade_ms") && !parse_int_range(v, "fade_ms", 0, 10000, &t->fade_ms, err, err_len))
        return false;
    if (ITEM("hold_ms") && !parse_int_range(v, "hold_ms", 1000, 600000, &t->hold_ms, err, err_len))
        return false;
    if (ITEM("rotation")) {
        double d = cJSON_IsNumber(v) ? v->valuedouble : -1;
        if (d != 0 && d != 90 && d != 180 && d != 270)
            return err_printf(err, err_len,
                              "display.rotation: expected 0, 90, 180 or 270 (degrees clockwise)");
        t->rotation = (int)d;
    }
    if (ITEM("images") && !parse_bool(v, "images", &t->images, err, err_len))
        return false;
    static const char *const qrs[] = {"auto", "on", "off"};
    if (ITEM("qr")) {
        if (!parse_enum(v, "qr", qrs, 3, &e, err, err_len))
            return false;
        t->qr = (enum theme_qr)e;
    }
    if (ITEM("qr_params") && !parse_qr_params(v, t->qr_params, sizeof t->qr_params, err, err_len))
        return false;
#undef ITEM
    return true;
}
