/*
 * The display's look and behaviour: the configuration's "display" object (docs/display.md)
 * parsed into a plain struct with professional defaults (dark, calm, high contrast, in the
 * manner of a broadcast lower third).
 *
 * Sizes are relative to the screen's reference height (the height of a landscape screen, the
 * width of a portrait one) so one configuration looks the same at 720p, 1080p and 4K; any size
 * may instead be given in pixels ("40px"). Pure: no I/O, no clock; thread-safe.
 */
#ifndef TICKER_CORE_THEME_H
#define TICKER_CORE_THEME_H

#include "core/error.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cJSON;

enum theme_band_position {
    THEME_BAND_BOTTOM, /* the ticker band along the bottom edge (default) */
    THEME_BAND_TOP,    /* along the top edge */
};

enum theme_layout {
    THEME_LAYOUT_AUTO, /* chosen from the screen's shape (layout.h) */
    THEME_LAYOUT_FULL, /* band + story panel + clock + status, whatever the shape */
    THEME_LAYOUT_BAND, /* the band alone (with the clock), e.g. on a bar display */
};

enum theme_locale {
    THEME_LOCALE_DE, /* German: "vor 12 Min.", 24-hour clock by default */
    THEME_LOCALE_EN, /* English: "12 min ago" */
};

enum theme_speed_unit {
    THEME_SPEED_PX_S,   /* pixels per second */
    THEME_SPEED_CPS,    /* characters per second (of the band font's average advance) */
    THEME_SPEED_HEIGHT, /* reference heights per second (the default: same look at any size) */
};

/* The QR code on the story card (docs/images.md). */
enum theme_qr {
    THEME_QR_AUTO, /* on cards of the landscape and portrait layouts, off on bar layouts */
    THEME_QR_ON,   /* wherever there is a card (on a bar it may be too small for 2 m) */
    THEME_QR_OFF,
};

/* A size: a fraction of the reference height, or absolute pixels. */
struct theme_size {
    double value;
    bool px;
};

/* Colours are ARGB8888 values (0xAARRGGBB); alpha is ignored for text. */
struct theme_colors {
    uint32_t background; /* the screen behind the story panel */
    uint32_t panel;      /* the story panel's card */
    uint32_t band;       /* the ticker band */
    uint32_t band_text;  /* headlines in the band */
    uint32_t text;       /* headline in the panel, clock */
    uint32_t muted;      /* summary, status line, age */
    uint32_t accent;     /* source names, the accent rule on the band */
    uint32_t separator;  /* the separator between band items */
};

struct theme {
    char font[256];                  /* regular face: a file path, "" = the bundled DejaVu Sans */
    char font_bold[256];             /* bold face: a file path, "" = the bundled DejaVu Sans Bold */
    struct theme_size band_height;   /* band height (at least 48 px in any case) */
    struct theme_size band_font;     /* band text size */
    struct theme_size headline_font; /* panel headline */
    struct theme_size summary_font;
    struct theme_size meta_font; /* source and age above the headline */
    struct theme_size clock_font;
    struct theme_size status_font;
    struct theme_colors colors;
    enum theme_band_position band_position;
    enum theme_speed_unit speed_unit;
    double speed;       /* in speed_unit; > 0 */
    char separator[32]; /* UTF-8 between band items, e.g. "•" */
    enum theme_locale locale;
    bool clock_24h;
    enum theme_layout layout;
    bool reduced_motion;  /* one headline at a time with a fade instead of the crawl */
    double current_point; /* 0..1 across the band: the story crossing it is "current" */
    int fade_ms;          /* story panel cross-fade and reduced-motion fade */
    int hold_ms;          /* reduced motion: how long each headline stays */
    int rotation;         /* the window turned clockwise by 0, 90, 180 or 270 degrees (the
                             wall display only; headless frames are never rotated) */
    bool images;          /* story pictures: fetched and shown (false: never fetched) */
    enum theme_qr qr;     /* the QR code of the story's link on the card */
    /* Appended to the link in the QR code: "utm_source=lobby&utm_medium=qr" (built from the
     * "qr_params" object, names and values percent-encoded); "" for none. */
    char qr_params[512];
};

/* Fills t with the defaults (documented in docs/display.md). */
void theme_default(struct theme *t);

/* The defaults for a display whose language is `locale` when the configuration names none
 * (`ticker run` and `ticker render` pass theme_locale_from_env's answer): the language and the
 * clock that goes with it (24-hour for German, 12-hour for English). */
void theme_default_for(struct theme *t, enum theme_locale locale);

/* One problem with the "display" object, for a caller that places it in the file. */
struct theme_problem {
    const struct cJSON *at; /* the member it is about (of "display" or "display.colors") */
    bool about_key;         /* the key itself (unknown, repeated), not its value */
    bool warning;           /* the rest is used all the same (an unknown or repeated key) */
    char msg[256];          /* "display.speed: expected ..." */
};
typedef void theme_report_fn(void *ctx, const struct theme_problem *p);

/*
 * Applies a "display" object over whatever t holds (start from theme_default). NULL applies
 * nothing and succeeds. Every key is checked and every problem passed to `report` (may be
 * NULL), in order: a bad value is an error naming the key and what it expects; an unknown key
 * is a warning naming the closest known one (a newer configuration still loads); when a key
 * is repeated, the last one is used and the earlier ones get a warning. Returns false when a
 * value was bad, with the first error in err (may be NULL); t is then partly updated, so
 * callers keep it only on success. Pure; thread-safe.
 */
bool theme_parse(struct theme *t, const struct cJSON *display, theme_report_fn *report, void *ctx,
                 struct error *err);

/*
 * The theme as a "display" object with every key (what theme_parse reads back to the same
 * theme): check-config prints it with the defaults filled in. A new cJSON tree (cJSON_Delete).
 */
struct cJSON *theme_to_json(const struct theme *t);

/*
 * The interface language from the locale environment (the values of LC_ALL, LC_MESSAGES and
 * LANG; NULL for unset): the first set and non-empty one decides, "de..." is German and
 * anything else English; none set is English. The wall display uses this when the
 * configuration names no "locale"; `ticker render` does not (its pixels must not depend on the
 * machine).
 */
enum theme_locale theme_locale_from_env(const char *lc_all, const char *lc_messages,
                                        const char *lang);

/* Pixels for a size on a screen whose reference height is ref_h; at least 1. */
int theme_size_px(struct theme_size s, int ref_h);

/* Parses "#rgb" or "#rrggbb" into an opaque ARGB value; false on anything else. */
bool theme_parse_color(const char *s, uint32_t *out);

/* WCAG 2 contrast ratio of two opaque colours (1..21). */
double theme_contrast(uint32_t a, uint32_t b);

#endif
