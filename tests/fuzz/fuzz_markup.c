/*
 * Fuzz target for the attribute-flood guards (core/markup.h). The first byte picks the
 * language and the cap (1 to 16 attributes, so floods are common); the rest is the document.
 * Checks: scanning the document whole and in pieces (sizes taken from the input) finds the
 * same events at the same places; the HTML trim leaves no flood behind; the guarded HTML parse
 * runs on the trimmed document.
 */
#include "core/markup.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_EVENTS 64

/* The events of a scan, as (kind, offset) pairs; piece: 0 whole, else the piece sizes cycle
 * through 1..piece. */
static size_t events(enum markup_lang lang, size_t cap, const char *s, size_t n, size_t piece,
                     size_t out[MAX_EVENTS][2])
{
    struct markup_scan sc;
    markup_scan_init(&sc, lang, cap);
    size_t found = 0, i = 0, k = 0;
    while (i < n && found < MAX_EVENTS) {
        size_t len = piece ? 1 + (k++ % piece) : n - i;
        if (len > n - i)
            len = n - i;
        size_t done = 0;
        while (done < len && found < MAX_EVENTS) {
            enum markup_event ev;
            size_t at = markup_scan(&sc, s + i + done, len - done, &ev);
            if (ev == MARKUP_NONE)
                break;
            out[found][0] = ev;
            out[found][1] = i + done + at;
            found++;
            done += at + 1;
        }
        i += len;
    }
    return found;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 64 * 1024)
        return 0;
    xmlInitParser();
    enum markup_lang lang = data[0] & 1 ? MARKUP_HTML : MARKUP_XML;
    size_t cap = 1 + (data[0] >> 1 & 15);
    const char *s = (const char *)data + 1;
    size_t n = size - 1;

    size_t whole[MAX_EVENTS][2], pieces[MAX_EVENTS][2];
    size_t a = events(lang, cap, s, n, 0, whole);
    size_t b = events(lang, cap, s, n, 1 + data[0] % 7, pieces);
    if (a != b || memcmp(whole, pieces, a * sizeof whole[0]))
        abort();

    size_t tlen = 0;
    char *t = markup_html_trim(s, n, cap, &tlen);
    if (t) {
        if (t[tlen] != '\0')
            abort();
        size_t again[MAX_EVENTS][2];
        for (size_t i = 0; i < events(MARKUP_HTML, cap, t, tlen, 0, again); i++)
            if (again[i][0] == MARKUP_FLOOD)
                abort();
    }
    bool over;
    xmlDocPtr d = markup_html_parse(
        s, n, HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET, NULL, &over);
    if (d)
        xmlFreeDoc(d);
    free(t);
    return 0;
}
