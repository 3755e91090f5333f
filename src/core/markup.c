/*
 * The attribute-flood scanner and the guarded HTML parse (markup.h).
 *
 * The scanner is a byte-at-a-time state machine inside markup and memchr between tags, so
 * that text (most of a document) costs next to nothing. Where it departs from the grammars:
 * - XML: a '<' inside a quoted attribute value ends the value and starts a tag (libxml2
 *   refuses the '<' and gives up on the tag there); a declaration ends at its first '>'
 *   outside quotes, so the inside of a DOCTYPE's internal subset is scanned as content (which
 *   at worst counts a few attributes too many).
 * - HTML: "<!" followed by neither "--" nor "DOCTYPE" is text, as libxml2's HTML parser reads
 *   it (so a "<![CDATA[" there hides nothing); processing instructions end at the first '>'.
 */
#include "core/markup.h"

#include "core/util.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/parserInternals.h>
#include <stdlib.h>
#include <string.h>

enum state {
    S_TEXT,
    S_LT,      /* after '<' */
    S_BANG,    /* after "<!": collecting what follows */
    S_COMMENT, /* to "-->" */
    S_CDATA,   /* to "]]>" (XML) */
    S_PI,      /* to "?>" (XML) or '>' (HTML) */
    S_DECL,    /* to '>' outside quotes */
    S_DECL_Q,  /* in a quoted literal of a declaration */
    S_ENDTAG,  /* to '>' */
    S_TAG,     /* inside a start tag (sub-state below) */
};

enum sub {
    T_NAME,   /* a run of non-space: the tag name, an attribute name or an unquoted value */
    T_SPACE,  /* whitespace, where an attribute name may start */
    T_EQ,     /* after '=', before the value */
    T_QUOTE,  /* in a quoted value */
    T_AFTERQ, /* right after a quoted value: another name may start without a space */
};

void markup_scan_init(struct markup_scan *s, enum markup_lang lang, size_t max_attrs)
{
    memset(s, 0, sizeof *s);
    s->lang = (unsigned char)lang;
    s->state = S_TEXT;
    s->max_attrs = max_attrs;
}

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
}

static bool starts_tag(const struct markup_scan *s, unsigned char c)
{
    if (ascii_isalpha(c))
        return true;
    /* XML names may also start with '_', ':' or any non-ASCII character. */
    return s->lang == MARKUP_XML && (c == '_' || c == ':' || c >= 0x80);
}

/* "<!" and what follows: once enough is known, the state it leads to. */
static void bang(struct markup_scan *s, unsigned char c)
{
    if (c == '<') {
        s->state = S_LT;
        return;
    }
    s->bang[s->nbang++] = (char)c;
    const char *b = s->bang;
    size_t n = s->nbang;
    if (n <= 2 && !memcmp("--", b, n)) {
        if (n == 2) {
            s->state = S_COMMENT;
            s->match = 0;
        }
        return;
    }
    if (s->lang == MARKUP_XML) {
        if (n <= 7 && !memcmp("[CDATA[", b, n)) {
            if (n == 7) {
                s->state = S_CDATA;
                s->match = 0;
            }
            return;
        }
        /* DOCTYPE, ENTITY, ELEMENT ...: a declaration. */
        s->state = c == '"' || c == '\'' ? S_DECL_Q : S_DECL;
        s->quote = c;
        return;
    }
    if (n <= 7 && !ascii_strncasecmp("DOCTYPE", b, n)) {
        if (n == 7)
            s->state = S_DECL;
        return;
    }
    s->state = S_TEXT;
}

/* One byte inside a start tag. Returns the event it causes. */
static enum markup_event tag_byte(struct markup_scan *s, unsigned char c)
{
    bool attr_start = false;
    switch (s->sub) {
    case T_NAME:
        if (is_space(c))
            s->sub = T_SPACE;
        else if (c == '=')
            s->sub = T_EQ;
        else if (c == '>')
            goto end;
        return MARKUP_NONE;
    case T_SPACE:
    case T_AFTERQ:
        if (is_space(c))
            s->sub = T_SPACE;
        else if (c == '>')
            goto end;
        else if (c == '=')
            s->sub = T_EQ;
        else if (c == '/')
            s->sub = T_SPACE;
        else {
            s->sub = T_NAME;
            attr_start = true;
        }
        break;
    case T_EQ:
        if (c == '"' || c == '\'') {
            s->sub = T_QUOTE;
            s->quote = c;
        } else if (c == '>') {
            goto end;
        } else if (!is_space(c)) {
            s->sub = T_NAME;
        }
        return MARKUP_NONE;
    case T_QUOTE:
        if (c == s->quote) {
            s->sub = T_AFTERQ;
        } else if (c == '<' && s->lang == MARKUP_XML) {
            /* libxml2 refuses '<' in an attribute value and abandons the tag */
            bool was = s->flooded;
            s->flooded = false;
            s->state = S_LT;
            return was ? MARKUP_FLOOD_END : MARKUP_NONE;
        }
        return MARKUP_NONE;
    default:
        return MARKUP_NONE;
    }
    if (attr_start && ++s->attrs == s->max_attrs + 1) {
        s->flooded = true;
        return MARKUP_FLOOD;
    }
    return MARKUP_NONE;
end:
    s->state = S_TEXT;
    if (s->flooded) {
        s->flooded = false;
        return MARKUP_FLOOD_END;
    }
    return MARKUP_NONE;
}

/* Inside a start tag from p[i]: runs through names and quoted values in tight loops and hands
 * each byte that changes the sub-state to tag_byte. Returns the index of the byte that caused
 * an event (*ev set), or the index where the tag ended (just past its '>') or n. */
static size_t scan_tag(struct markup_scan *s, const unsigned char *p, size_t i, size_t n,
                       enum markup_event *ev)
{
    *ev = MARKUP_NONE;
    while (i < n) {
        if (s->sub == T_NAME) {
            while (i < n && !is_space(p[i]) && p[i] != '=' && p[i] != '>')
                i++;
        } else if (s->sub == T_QUOTE) {
            unsigned char q = s->quote;
            if (s->lang == MARKUP_XML)
                while (i < n && p[i] != q && p[i] != '<')
                    i++;
            else
                while (i < n && p[i] != q)
                    i++;
        }
        if (i == n)
            break;
        enum markup_event e = tag_byte(s, p[i]);
        if (e != MARKUP_NONE) {
            *ev = e;
            return i;
        }
        i++;
        if (s->state != S_TAG)
            break;
    }
    return i;
}

size_t markup_scan(struct markup_scan *s, const char *str, size_t n, enum markup_event *ev)
{
    const unsigned char *p = (const unsigned char *)str;
    *ev = MARKUP_NONE;
    size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        switch (s->state) {
        case S_TEXT: {
            const unsigned char *lt = memchr(p + i, '<', n - i);
            if (!lt)
                return n;
            i = (size_t)(lt - p) + 1;
            s->state = S_LT;
            continue;
        }
        case S_LT:
            if (c == '!') {
                s->state = S_BANG;
                s->nbang = 0;
            } else if (c == '?') {
                s->state = S_PI;
                s->match = 0;
            } else if (c == '/') {
                s->state = S_ENDTAG;
            } else if (starts_tag(s, c)) {
                s->state = S_TAG;
                s->sub = T_NAME;
                s->attrs = 0;
                s->flooded = false;
            } else if (c != '<') {
                s->state = S_TEXT;
            }
            break;
        case S_BANG:
            bang(s, c);
            break;
        case S_COMMENT:
            if (c == '-') {
                if (s->match < 2)
                    s->match++;
            } else if (c == '>' && s->match == 2) {
                s->state = S_TEXT;
            } else {
                s->match = 0;
                const unsigned char *dash = memchr(p + i, '-', n - i);
                if (!dash)
                    return n;
                i = (size_t)(dash - p);
                continue;
            }
            break;
        case S_CDATA:
            if (c == ']') {
                if (s->match < 2)
                    s->match++;
            } else if (c == '>' && s->match == 2) {
                s->state = S_TEXT;
            } else {
                s->match = 0;
                const unsigned char *br = memchr(p + i, ']', n - i);
                if (!br)
                    return n;
                i = (size_t)(br - p);
                continue;
            }
            break;
        case S_PI:
            if (c == '>' && (s->match || s->lang == MARKUP_HTML))
                s->state = S_TEXT;
            else
                s->match = c == '?';
            break;
        case S_DECL:
            if (c == '>')
                s->state = S_TEXT;
            else if (c == '"' || c == '\'') {
                s->state = S_DECL_Q;
                s->quote = c;
            }
            break;
        case S_DECL_Q:
            if (c == s->quote)
                s->state = S_DECL;
            break;
        case S_ENDTAG: {
            const unsigned char *gt = memchr(p + i, '>', n - i);
            if (!gt)
                return n;
            i = (size_t)(gt - p) + 1;
            s->state = S_TEXT;
            continue;
        }
        case S_TAG: {
            enum markup_event e;
            size_t k = scan_tag(s, p, i, n, &e);
            if (e != MARKUP_NONE) {
                *ev = e;
                return k;
            }
            i = k;
            continue;
        }
        default:
            s->state = S_TEXT;
            break;
        }
        i++;
    }
    return n;
}

char *markup_html_trim(const char *str, size_t len, size_t max_attrs, size_t *out_len)
{
    struct markup_scan s;
    markup_scan_init(&s, MARKUP_HTML, max_attrs);
    struct buf out = {0};
    size_t i = 0, keep = 0; /* bytes from keep on are still to be copied */
    bool cutting = false;
    while (i < len) {
        enum markup_event ev;
        size_t at = i + markup_scan(&s, str + i, len - i, &ev);
        if (ev == MARKUP_NONE)
            break;
        if (ev == MARKUP_FLOOD) {
            /* Keep the tag up to the attribute past the cap; drop the rest up to its '>'. */
            buf_append(&out, str + keep, at - keep);
            cutting = true;
        } else if (cutting) {
            keep = at; /* the '>' (or the '<' that ended the tag) is kept */
            cutting = false;
        }
        i = at + 1;
    }
    if (!out.data && !cutting)
        return NULL; /* nothing was cut */
    if (cutting)
        buf_append(&out, ">", 1); /* the document ended inside the cut tag */
    else
        buf_append(&out, str + keep, len - keep);
    *out_len = out.len;
    return buf_steal(&out);
}

/* ---- the guarded HTML parse ---- */

struct html_guard {
    const struct budget *budget;
    startElementSAXFunc start;
    charactersSAXFunc characters;
    unsigned calls;
    bool over;
};

/* Every BUDGET_EVERY callbacks the budget is asked (it may read a clock). */
#define BUDGET_EVERY 2048u

static bool guard_tick(xmlParserCtxtPtr ctxt)
{
    struct html_guard *g = ctxt->_private;
    if (g->over)
        return false;
    if (++g->calls % BUDGET_EVERY == 0 && budget_over(g->budget)) {
        g->over = true;
        xmlStopParser(ctxt);
        return false;
    }
    return true;
}

static void guard_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
    xmlParserCtxtPtr ctxt = ctx;
    struct html_guard *g = ctxt->_private;
    if (guard_tick(ctxt))
        g->start(ctx, name, atts);
}

static void guard_characters(void *ctx, const xmlChar *ch, int len)
{
    xmlParserCtxtPtr ctxt = ctx;
    struct html_guard *g = ctxt->_private;
    if (guard_tick(ctxt))
        g->characters(ctx, ch, len);
}

xmlDocPtr markup_html_parse(const char *utf8, size_t len, int options, const struct budget *b,
                            bool *over_budget)
{
    if (over_budget)
        *over_budget = false;
    size_t tlen;
    char *trimmed = markup_html_trim(utf8, len, MARKUP_HTML_MAX_ATTRS, &tlen);
    if (trimmed) {
        utf8 = trimmed;
        len = tlen;
    }
    if (len > INT32_MAX)
        len = INT32_MAX; /* callers cap their input far below this */
    xmlDocPtr doc = NULL;
    /* What htmlReadMemory(utf8, len, NULL, "UTF-8", options) does, with the SAX handler's
     * element and text callbacks wrapped to ask the budget. */
    htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(utf8, (int)len);
    if (!ctxt)
        goto out;
    struct html_guard g = {.budget = b};
    if (b && b->over && ctxt->sax) {
        g.start = ctxt->sax->startElement;
        g.characters = ctxt->sax->characters;
        if (g.start && g.characters) {
            ctxt->_private = &g;
            ctxt->sax->startElement = guard_start;
            ctxt->sax->characters = guard_characters;
        }
    }
    htmlCtxtUseOptions(ctxt, options);
    xmlCharEncodingHandlerPtr utf8_handler = xmlFindCharEncodingHandler("UTF-8");
    if (utf8_handler) {
        xmlSwitchToEncoding(ctxt, utf8_handler);
        if (ctxt->input->encoding)
            xmlFree((xmlChar *)ctxt->input->encoding);
        ctxt->input->encoding = xmlStrdup((const xmlChar *)"UTF-8");
    }
    htmlParseDocument(ctxt);
    doc = ctxt->myDoc;
    ctxt->myDoc = NULL;
    if (doc && ctxt->dictNames && doc->dict == ctxt->dict)
        ctxt->dict = NULL; /* the tree keeps the dictionary its names live in */
    ctxt->_private = NULL;
    htmlFreeParserCtxt(ctxt);
    if (g.over) {
        if (doc)
            xmlFreeDoc(doc);
        doc = NULL;
        if (over_budget)
            *over_budget = true;
    }
out:
    free(trimmed);
    return doc;
}

bool markup_is_html_document(const char *s, size_t len)
{
    const char *p = s, *end = s + len;
    if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
        p += 3;
    for (;;) {
        while (p < end && is_space((unsigned char)*p))
            p++;
        if (end - p >= 4 && !memcmp(p, "<!--", 4)) {
            const char *q = p + 4;
            while (end - q >= 3 && memcmp(q, "-->", 3))
                q++;
            if (end - q < 3)
                return false;
            p = q + 3;
        } else if (end - p >= 5 && !memcmp(p, "<?xml", 5)) {
            const char *q = memchr(p, '>', (size_t)(end - p));
            if (!q)
                return false;
            p = q + 1;
        } else {
            break;
        }
    }
    static const char *const starts[] = {"<!doctype html", "<html", "<head", "<body"};
    for (size_t i = 0; i < ARRAY_LEN(starts); i++) {
        size_t n = strlen(starts[i]);
        if ((size_t)(end - p) > n && !ascii_strncasecmp(p, starts[i], n) &&
            (is_space((unsigned char)p[n]) || p[n] == '>'))
            return true;
    }
    return false;
}
