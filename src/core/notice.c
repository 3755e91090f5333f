/* The no-news screen's text (notice.h). */
#include "core/notice.h"

#include "core/util.h"

#include <stdio.h>
#include <string.h>

#define DASH "\xE2\x80\x93" /* U+2013 en dash */
#define ELL  "\xE2\x80\xA6" /* U+2026 ellipsis */

const char *notice_intro(const struct story_snapshot *s, enum theme_locale loc)
{
    bool de = loc == THEME_LOCALE_DE;
    if (!s || !s->feeds)
        return de ? "Die Schlagzeilen erscheinen hier, sobald ein Feed erreichbar ist."
                  : "Headlines will appear here as soon as a feed can be reached.";
    size_t ok = 0, failed = 0, busy = 0;
    for (size_t i = 0; i < s->n_feeds; i++) {
        switch (s->feeds[i].state) {
        case STORY_FEED_OK:
            ok++;
            break;
        case STORY_FEED_FAILED:
        case STORY_FEED_GONE:
            failed++;
            break;
        case STORY_FEED_WAITING:
        case STORY_FEED_FETCHING:
            busy++;
            break;
        }
    }
    if (s->n_feeds == 0)
        return de ? "Es ist kein Feed eingerichtet: die Konfiguration nennt keinen."
                  : "No feed is set up: the configuration names none.";
    if (ok > 0)
        return de ? "Die erreichten Feeds enthalten noch keine Meldungen."
                  : "The feeds that were reached have no stories yet.";
    if (failed > 0 && busy == 0)
        return de ? "Kein Feed ist erreichbar. Der Stand der Feeds:"
                  : "No feed can be reached. Where each feed stands:";
    return de ? "Die Feeds werden abgerufen " ELL : "Fetching the feeds " ELL;
}

static const struct {
    const char *en, *de;
} details[] = {
    {"DNS lookup failed", "DNS-Aufl\xC3\xB6sung fehlgeschlagen"},
    {"connection refused", "Verbindung abgelehnt"},
    {"connection reset", "Verbindung abgebrochen"},
    {"timed out", "Zeit\xC3\xBC"
                  "berschreitung"},
    {"timeout", "Zeit\xC3\xBC"
                "berschreitung"},
    {"not a feed", "kein Feed"},
    {"no network", "kein Netzwerk"},
    {"network unreachable", "Netzwerk nicht erreichbar"},
    {"TLS error", "TLS-Fehler"},
    {"certificate", "Zertifikat ung\xC3\xBCltig"},
    {"too large", "zu gro\xC3\x9F"},
    {"too many redirects", "zu viele Weiterleitungen"},
    {"file not found", "Datei nicht gefunden"},
};

const char *notice_detail(const char *detail, enum theme_locale loc)
{
    if (!detail || loc != THEME_LOCALE_DE)
        return detail;
    for (size_t i = 0; i < ARRAY_LEN(details); i++)
        if (!ascii_strncasecmp(detail, details[i].en, strlen(details[i].en)))
            return details[i].de;
    return detail;
}

char *notice_feed_line(char *out, size_t out_len, const struct story_feed *f, enum theme_locale loc)
{
    bool de = loc == THEME_LOCALE_DE;
    const char *state = "";
    switch (f->state) {
    case STORY_FEED_WAITING:
        state = de ? "wartet" : "waiting";
        break;
    case STORY_FEED_FETCHING:
        state = de ? "wird abgerufen " ELL : "connecting " ELL;
        break;
    case STORY_FEED_OK:
        state = f->n_items ? (de ? "erreicht" : "reached")
                           : (de ? "erreicht, keine Meldungen" : "reached, no stories");
        break;
    case STORY_FEED_FAILED:
        state = f->detail ? notice_detail(f->detail, loc) : de ? "nicht erreichbar" : "unreachable";
        break;
    case STORY_FEED_GONE:
        state = de ? "nicht mehr verf\xC3\xBC"
                     "gbar (HTTP 410)"
                   : "gone (HTTP 410)";
        break;
    }
    snprintf(out, out_len, "%s " DASH " %s", f->name ? f->name : "?", state);
    return out;
}
