/*
 * The XML reader: RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 in one streaming pass over libxml2's
 * SAX2 interface (no tree: one pass, memory independent of the document's size, and parsing
 * can stop once max_items items are in).
 *
 * Elements are told apart by namespace URI and local name, never by prefix, so a feed may
 * bind Atom, content:, dc: or media: to any prefix or declare them as a default namespace on
 * any element. Per open element a frame keeps its vocabulary, its role (channel, item, Atom
 * author, media:group) and the xml:base / xml:lang in scope.
 *
 * Untrusted input: the SAX handler has no getEntity, resolveEntity or external-subset
 * callbacks, so libxml2 expands no entity and loads nothing, and no DTD is fetched;
 * XML_PARSE_NOENT, DTDLOAD and HUGE stay off, NONET is on. The entities a document declares
 * in its internal subset are expanded before libxml2 reads it, within strict limits
 * (feed_dtd.c). The entityDecl callback looks at each declaration: an external entity
 * (general or parameter: an XXE attempt; except the W3C XHTML entity sets, named by public id,
 * which are ignored) makes the document an error. libxml2 stops at 256 levels of nesting; a
 * document that reaches that is an error too (never recovered: nesting that deep is an
 * attack, not a sloppy feed). What libxml2 is given is scanned for attribute floods as it
 * reads (markup.h), and the caller's budget is asked now and then (budget.h).
 *
 * Strict first: a document that parses without error is well-formed. Otherwise the text is
 * repaired (every entity reference becomes a character reference - &nbsp; &#160;, &amp;
 * &#38; - since libxml2 drops entity references once a document has had an error; character
 * references are read as HTML reads them: "&#X41;", "&#65" without ';', U+FFFD for 0,
 * surrogates and past U+10FFFF; an HTML5 name without its ';' before a non-name character -
 * "&hellip " - or a legacy one - "&copy 2026" - is decoded; a reference to an entity the
 * document declared but we did not expand is dropped; an unknown name or a bare '&' becomes
 * "&#38;", so "&bogus;" stays visible as text, as HTML5 shows an unknown named reference;
 * stray control characters are dropped; CDATA sections keep their text) and parsed again
 * with XML_PARSE_RECOVER, and the feed is flagged wellformed = false, with the strict pass's
 * first error kept in feed.malformed. Where a document stops early (truncated), the item open
 * at that point is kept if it has a title or a link. A feed without items is still a feed
 * (well-formed or not): an RSS channel or an Atom feed with only its own fields.
 *
 * Tolerance beyond the formats (as feedparser, the reference tolerant reader, has it): a
 * <feed> or <rss> root in a namespace nobody knows is read as Atom or RSS; base64 Atom content
 * is decoded; an RSS item's undeclared <summary> or <content> beside its <description> is
 * kept (the fuller of the two is the content); a permalink guid or Atom id that is a relative
 * reference is resolved and stands in for a missing link; a missing summary is taken from
 * text content.
 *
 * Departure: once max_items items are read the parse stops, so whatever follows is not
 * checked for well-formedness.
 */
#include "core/feed_internal.h"
#include "core/imgref.h"

#include "core/entities.h"
#include "core/markup.h"
#include "core/text.h"
#include "core/util.h"

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XML_NS "http://www.w3.org/XML/1998/namespace"
#define RDF_NS "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

/* The longest HTML5 entity name, without its ';'. */
#define ENTITY_NAME_LONGEST 31

/* Deeper elements are still parsed (libxml2 stops at 256) but not tracked. */
#define FRAME_MAX 300

/* How often the caller's budget is asked: every BUDGET_READS reads of input (libxml2 asks for
 * a few KiB at a time) and every BUDGET_ELEMENTS start tags. */
#define BUDGET_READS    16u
#define BUDGET_ELEMENTS 4096u

/* Raw capture limit per field: markup and entities shrink on cleaning, so allow well above
 * the clean cap. */
#define RAW_CAP(clean_cap) ((clean_cap)*16 < 65536 ? 65536 : (clean_cap)*16)

/* Names of the general entities a document declares, kept to drop their references in the
 * repair (declarations past DECL_MAX, or with longer names, are not kept: their references
 * then stay visible as text, which is safe). */
#define DECL_MAX      64
#define DECL_NAME_MAX 32

struct decls {
    size_t n;
    char names[DECL_MAX][DECL_NAME_MAX + 1];
};

enum vocab {
    V_OTHER,
    V_RSS, /* no namespace, RSS 1.0, RSS 0.90 (Netscape), userland RSS 2 */
    V_ATOM,
    V_CONTENT,
    V_DC,
    V_DCTERMS,
    V_MEDIA,
    V_RDF,
};

/* Which RSS/Atom flavour a namespace URI names (for format detection). */
enum ns_detail { D_NONE, D_RSS10, D_RSS090, D_ATOM10, D_ATOM03 };

/* Tables below are kept in columns by hand. */
/* clang-format off */
enum name {
    N_OTHER,
    N_RSS, N_RDF, N_FEED, N_CHANNEL, N_ITEM, N_ENTRY,
    N_TITLE, N_LINK, N_DESCRIPTION, N_GUID, N_PUBDATE, N_AUTHOR, N_CATEGORY, N_ENCLOSURE,
    N_LANGUAGE, N_TTL, N_ID, N_PUBLISHED, N_UPDATED, N_ISSUED, N_MODIFIED, N_CREATED,
    N_SUMMARY, N_CONTENT, N_NAME, N_ENCODED, N_CREATOR, N_DATE, N_SUBJECT, N_THUMBNAIL,
    N_GROUP,
};
/* clang-format on */

/* clang-format off */
static const struct {
    const char *s;
    enum name n;
} names[] = {
    {"rss", N_RSS}, {"RDF", N_RDF}, {"feed", N_FEED}, {"channel", N_CHANNEL},
    {"item", N_ITEM}, {"entry", N_ENTRY}, {"title", N_TITLE}, {"link", N_LINK},
    {"description", N_DESCRIPTION}, {"guid", N_GUID}, {"pubDate", N_PUBDATE},
    {"author", N_AUTHOR}, {"category", N_CATEGORY}, {"enclosure", N_ENCLOSURE},
    {"language", N_LANGUAGE}, {"ttl", N_TTL}, {"id", N_ID}, {"published", N_PUBLISHED},
    {"updated", N_UPDATED}, {"issued", N_ISSUED}, {"modified", N_MODIFIED},
    {"created", N_CREATED}, {"summary", N_SUMMARY}, {"content", N_CONTENT}, {"name", N_NAME},
    {"encoded", N_ENCODED}, {"creator", N_CREATOR}, {"date", N_DATE}, {"subject", N_SUBJECT},
    {"thumbnail", N_THUMBNAIL}, {"group", N_GROUP},
};
/* clang-format on */

/* clang-format off */
static const struct {
    const char *uri;
    enum vocab v;
    enum ns_detail d;
} namespaces[] = {
    {"http://purl.org/rss/1.0/", V_RSS, D_RSS10},
    {"http://my.netscape.com/rdf/simple/0.9/", V_RSS, D_RSS090},
    {"http://backend.userland.com/rss2", V_RSS, D_NONE},
    {"http://backend.userland.com/rss", V_RSS, D_NONE},
    {"http://www.w3.org/2005/Atom", V_ATOM, D_ATOM10},
    {"http://purl.org/atom/ns#", V_ATOM, D_ATOM03},
    {"http://purl.org/rss/1.0/modules/content/", V_CONTENT, D_NONE},
    {"http://purl.org/dc/elements/1.1/", V_DC, D_NONE},
    {"http://purl.org/dc/terms/", V_DCTERMS, D_NONE},
    {"http://search.yahoo.com/mrss/", V_MEDIA, D_NONE},
    {"http://search.yahoo.com/mrss", V_MEDIA, D_NONE},
    {"http://www.w3.org/1999/02/22-rdf-syntax-ns#", V_RDF, D_NONE},
};
/* clang-format on */

enum role { R_NONE, R_ROOT, R_CHANNEL, R_ITEM, R_AUTHOR, R_MEDIA_GROUP, R_MEDIA_CONTENT };

struct frame {
    unsigned char vocab, name, role;
    bool own_base, own_lang;
    const char *base; /* in scope here (owned when own_base) */
    const char *lang;
};

/* What the text being captured will become. */
/* clang-format off */
enum field {
    F_NONE,
    /* item */
    I_TITLE, I_LINK, I_GUID, I_ID, I_PUBLISHED, I_UPDATED, I_SUMMARY, I_CONTENT, I_AUTHOR,
    I_CATEGORY, I_LANGUAGE,
    I_RSS_SUMMARY, I_RSS_CONTENT, /* RSS's undeclared <summary> and <content> */
    I_DC_DATE, /* dc:date: the date of publication, and of the last change as far as we know */
    /* feed */
    C_TITLE, C_LINK, C_LANGUAGE, C_TTL, C_AUTHOR,
};
/* clang-format on */

struct name_cache {
    const xmlChar *local, *uri;
    unsigned char vocab, name, detail;
};

/* Priorities of the item fields that several elements can fill. */
struct item_prio {
    int title, link, published, updated, summary, content, author, image, language;
    bool guid_is_permalink;
    char *guid_link; /* a permalink guid, the link of last resort */
    /* RSS items with an undeclared <summary> or <content> beside <description>: held until
     * the item ends (item_end decides which is the content); *_late: came after it. */
    char *rss_summary, *rss_content;
    char *about; /* RSS 1.0's rdf:about, the id when there is no other */
    bool rss_summary_late, rss_content_late;
    /* The content is text a reader shows (not decoded binary): it stands in for a missing
     * summary, as feedparser does. */
    bool content_is_text;
};

struct xml_state {
    xmlParserCtxtPtr ctxt;
    struct feed_build *fb;
    const struct feed_options *opt;

    struct frame *frames;
    size_t depth; /* open elements; frames[depth - 1] is the innermost when tracked */

    bool root_seen, rejected, stopped;
    bool channel_seen; /* RSS: a <channel> (an <rss> with neither it nor items is no feed) */
    int root_line, root_column;
    char root_name[16];
    bool bare_atom; /* <feed> root without a namespace: un-namespaced names are Atom's */
    /* A <feed> or <rss> root in a namespace nobody knows: names in that namespace are read as
     * Atom's (alias_vocab V_ATOM) or RSS's. "" when none. */
    char alias_uri[160];
    unsigned char alias_vocab;
    struct decls *decls;
    bool rdf_pending; /* rdf:RDF root: RSS 1.0 or 0.90 is decided by its channel/item */

    struct feed_item *item; /* the item being read, or NULL */
    size_t item_depth;
    struct item_prio ip;
    int c_title_prio, c_link_prio, c_lang_prio, c_author_prio;

    /* Capture of one field's text. */
    bool capturing;
    size_t cap_depth;
    enum field cap_field;
    enum feed_conv cap_conv;
    bool cap_base64;    /* the text is base64 of what cap_conv says */
    bool cap_b64_sniff; /* ... of an unknown media type: shown only if it is UTF-8 text */
    int cap_prio;
    size_t cap_limit;
    struct buf cap;
    const char *cap_base;

    bool have_error;
    unsigned elements; /* start tags seen, for the budget checks */
    struct error first_error;

    const struct cdata_tab *cdata; /* the strict pass's CDATA side table, or NULL */

    struct name_cache cache[64];
};

/* ---- element classification ---- */

static void classify(struct xml_state *st, const xmlChar *local, const xmlChar *uri,
                     unsigned char *vocab, unsigned char *name, unsigned char *detail)
{
    size_t h = (((uintptr_t)local >> 3) ^ ((uintptr_t)uri >> 5)) & (ARRAY_LEN(st->cache) - 1);
    struct name_cache *c = &st->cache[h];
    if (c->local == local && c->uri == uri && local) {
        *vocab = c->vocab;
        *name = c->name;
        *detail = c->detail;
        return;
    }
    enum vocab v = V_OTHER;
    enum ns_detail d = D_NONE;
    if (!uri || !uri[0]) {
        v = st->bare_atom ? V_ATOM : V_RSS;
    } else {
        for (size_t i = 0; i < ARRAY_LEN(namespaces); i++) {
            if (!strcmp((const char *)uri, namespaces[i].uri)) {
                v = namespaces[i].v;
                d = namespaces[i].d;
                break;
            }
        }
        if (v == V_OTHER && st->alias_uri[0] && !strcmp((const char *)uri, st->alias_uri))
            v = st->alias_vocab;
    }
    enum name n = N_OTHER;
    if (v != V_OTHER) {
        for (size_t i = 0; i < ARRAY_LEN(names); i++) {
            if (!strcmp((const char *)local, names[i].s)) {
                n = names[i].n;
                break;
            }
        }
    }
    c->local = local;
    c->uri = uri;
    c->vocab = *vocab = (unsigned char)v;
    c->name = *name = (unsigned char)n;
    c->detail = *detail = (unsigned char)d;
}

/* ---- attributes ---- */

/* SAX2 hands attribute values as [start, end) slices. Without entity substitution libxml2
 * passes "&" (from &amp; or &#38;) on as "&#38;" for a later tree builder to re-parse; undo
 * that here. */
static char *attr_dup(const xmlChar *start, const xmlChar *end)
{
    size_t n = (size_t)(end - start);
    char *s = xmalloc(n + 1), *o = s;
    for (size_t i = 0; i < n; i++) {
        if (start[i] == '&' && n - i >= 5 && !memcmp(start + i, "&#38;", 5)) {
            *o++ = '&';
            i += 4;
        } else {
            *o++ = (char)start[i];
        }
    }
    *o = '\0';
    return s;
}

/* Index of the un-namespaced attribute `name` (or in namespace `uri`), or -1. */
static int attr_find(int nb, const xmlChar **attrs, const char *name, const char *uri)
{
    for (int i = 0; i < nb; i++) {
        const xmlChar **a = attrs + 5 * i;
        if (strcmp((const char *)a[0], name))
            continue;
        if (uri ? (a[2] && !strcmp((const char *)a[2], uri)) : !a[2])
            return i;
    }
    return -1;
}

static char *attr_get(int nb, const xmlChar **attrs, const char *name, const char *uri)
{
    int i = attr_find(nb, attrs, name, uri);
    return i < 0 ? NULL : attr_dup(attrs[5 * i + 3], attrs[5 * i + 4]);
}

static bool attr_is(int nb, const xmlChar **attrs, const char *name, const char *value)
{
    int i = attr_find(nb, attrs, name, NULL);
    if (i < 0)
        return false;
    size_t n = (size_t)(attrs[5 * i + 4] - attrs[5 * i + 3]);
    return n == strlen(value) && !ascii_strncasecmp((const char *)attrs[5 * i + 3], value, n);
}

static bool attr_has_prefix(int nb, const xmlChar **attrs, const char *name, const char *prefix)
{
    int i = attr_find(nb, attrs, name, NULL);
    if (i < 0)
        return false;
    size_t n = (size_t)(attrs[5 * i + 4] - attrs[5 * i + 3]), pn = strlen(prefix);
    return n >= pn && !ascii_strncasecmp((const char *)attrs[5 * i + 3], prefix, pn);
}

/* ---- errors ---- */

static void on_error(void *user, xmlErrorPtr e)
{
    struct xml_state *st = user;
    if (!e || e->level < XML_ERR_ERROR || st->rejected)
        return;
    const char *msg = e->message ? e->message : "XML error";
    if (e->code == XML_ERR_INTERNAL_ERROR && strstr(msg, "Excessive depth")) {
        /* Not worth recovering from (see the top of this file). */
        st->rejected = true;
        error_set_at(&st->first_error, e->line, e->int2, "elements nested deeper than %u levels",
                     xmlParserMaxDepth);
        st->have_error = true;
        if (st->ctxt)
            xmlStopParser(st->ctxt);
        return;
    }
    if (st->have_error)
        return;
    st->have_error = true;
    size_t n = strlen(msg);
    while (n && ascii_isspace((unsigned char)msg[n - 1]))
        n--;
    error_set_at(&st->first_error, e->line, e->int2, "%.*s", (int)n, msg);
}

static void reject(struct xml_state *st, const char *fmt, const char *arg)
{
    st->rejected = true;
    error_set_at(&st->first_error, xmlSAX2GetLineNumber(st->ctxt), xmlSAX2GetColumnNumber(st->ctxt),
                 fmt, arg);
    st->have_error = true;
    xmlStopParser(st->ctxt);
}

/* Sees every entity declaration (and stores none in libxml2: nothing can be expanded). */
static void on_entity_decl(void *user, const xmlChar *name, int type, const xmlChar *public_id,
                           const xmlChar *system_id, xmlChar *content)
{
    (void)system_id;
    struct xml_state *st = user;
    if (st->rejected || !name)
        return;
    /* Feeds that pull in the XHTML entity sets for &nbsp; and friends (%HTMLlat1; etc.) are
     * not attacks: the set is not loaded, and the repair gives those names their HTML5 meaning
     * (the sets are a subset of HTML5's). */
    if (type == XML_EXTERNAL_PARAMETER_ENTITY && public_id &&
        !strncmp((const char *)public_id, "-//W3C//ENTITIES ", 17))
        return;
    if (type == XML_EXTERNAL_GENERAL_PARSED_ENTITY ||
        type == XML_EXTERNAL_GENERAL_UNPARSED_ENTITY || type == XML_EXTERNAL_PARAMETER_ENTITY) {
        reject(st, "external entity '%s' refused (a feed may not refer to other files)",
               (const char *)name);
        return;
    }
    size_t n = strlen((const char *)name);
    struct decls *d = st->decls;
    if (type == XML_INTERNAL_GENERAL_ENTITY && d && d->n < DECL_MAX && n <= DECL_NAME_MAX)
        memcpy(d->names[d->n++], name, n + 1);
}

static void on_unparsed_entity_decl(void *user, const xmlChar *name, const xmlChar *public_id,
                                    const xmlChar *system_id, const xmlChar *notation)
{
    (void)notation;
    on_entity_decl(user, name, XML_EXTERNAL_GENERAL_UNPARSED_ENTITY, public_id, system_id, NULL);
}

/* ---- capture ---- */

static void cap_append(struct xml_state *st, const char *s, size_t n)
{
    size_t room = st->cap_limit > st->cap.len ? st->cap_limit - st->cap.len : 0;
    if (n > room)
        n = room;
    if (n)
        buf_append(&st->cap, s, n);
}

static void cap_append_escaped(struct xml_state *st, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep = s[i] == '&' ? "&amp;" : s[i] == '<' ? "&lt;" : NULL;
        if (rep) {
            cap_append(st, s + run, i - run);
            cap_append(st, rep, strlen(rep));
            run = i + 1;
        }
    }
    cap_append(st, s + run, n - run);
}

static void cap_start(struct xml_state *st, enum field f, enum feed_conv conv, int prio,
                      size_t clean_cap, const char *base)
{
    st->capturing = true;
    st->cap_base64 = st->cap_b64_sniff = false;
    st->cap_depth = st->depth;
    st->cap_field = f;
    st->cap_conv = conv;
    st->cap_prio = prio;
    st->cap_limit = RAW_CAP(clean_cap);
    st->cap_base = base;
    buf_reset(&st->cap);
}

/* Atom text constructs (RFC 4287 3.1 and content 4.1.3; Atom 0.3 mode=). Base64: Atom 0.3's
 * mode="base64", and Atom 1.0 content of a media type that is neither text nor XML (RFC 4287
 * 4.1.3.3), which is shown when it decodes to UTF-8 text. */
static enum feed_conv atom_conv(int nb, const xmlChar **attrs, bool is_content, bool *base64,
                                bool *sniff)
{
    *base64 = *sniff = false;
    if (is_content && attr_find(nb, attrs, "src", NULL) >= 0)
        return FEED_CONV_SKIP;
    bool b64 = attr_is(nb, attrs, "mode", "base64");
    if (attr_is(nb, attrs, "mode", "escaped"))
        return attr_is(nb, attrs, "type", "text/plain") ? FEED_CONV_TEXT : FEED_CONV_HTML;
    int i = attr_find(nb, attrs, "type", NULL);
    if (i < 0) {
        *base64 = b64;
        return FEED_CONV_TEXT;
    }
    char *t = attr_dup(attrs[5 * i + 3], attrs[5 * i + 4]);
    size_t n = strlen(t);
    enum feed_conv c;
    if (!ascii_strcasecmp(t, "text") || !ascii_strcasecmp(t, "text/plain"))
        c = FEED_CONV_TEXT;
    else if (!ascii_strcasecmp(t, "html") || !ascii_strcasecmp(t, "text/html"))
        c = FEED_CONV_HTML;
    else if (!ascii_strcasecmp(t, "xhtml") || !ascii_strcasecmp(t, "application/xhtml+xml"))
        c = b64 ? FEED_CONV_HTML : FEED_CONV_XHTML;
    else if ((n > 4 && !ascii_strcasecmp(t + n - 4, "+xml")) ||
             (n > 4 && !ascii_strcasecmp(t + n - 4, "/xml")))
        c = b64 ? FEED_CONV_HTML : FEED_CONV_XHTML;
    else if (!ascii_strncasecmp(t, "text/", 5))
        c = FEED_CONV_TEXT;
    else {
        /* another media type: base64 of it */
        c = FEED_CONV_TEXT;
        b64 = true;
        *sniff = true;
    }
    free(t);
    *base64 = b64;
    return c;
}

/* cap_start for an Atom text construct. */
static void cap_start_atom(struct xml_state *st, enum field f, int nb, const xmlChar **attrs,
                           bool is_content, int prio, size_t clean_cap, const char *base)
{
    bool b64, sniff;
    enum feed_conv conv = atom_conv(nb, attrs, is_content, &b64, &sniff);
    cap_start(st, f, conv, prio, clean_cap, base);
    st->cap_base64 = b64;
    st->cap_b64_sniff = sniff;
}

/* Decodes base64 (RFC 4648; whitespace anywhere, padding optional) in place; false when it is
 * not base64. */
static bool base64_decode(char *s, size_t *len)
{
    uint32_t acc = 0;
    int bits = 0;
    size_t o = 0, pad = 0;
    for (size_t i = 0; i < *len; i++) {
        unsigned char c = (unsigned char)s[i];
        int v;
        if (c >= 'A' && c <= 'Z')
            v = c - 'A';
        else if (c >= 'a' && c <= 'z')
            v = c - 'a' + 26;
        else if (c >= '0' && c <= '9')
            v = c - '0' + 52;
        else if (c == '+' || c == '-')
            v = 62;
        else if (c == '/' || c == '_')
            v = 63;
        else if (c == '=') {
            pad++;
            continue;
        } else if (ascii_isspace(c))
            continue;
        else
            return false;
        if (pad)
            return false; /* data after the padding */
        acc = acc << 6 | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            s[o++] = (char)(acc >> bits & 0xFF);
        }
    }
    if (pad > 2 || bits >= 6)
        return false;
    *len = o;
    return true;
}

/* True when bytes are UTF-8 text a reader can show (no NUL or other C0 controls but
 * whitespace): decoded base64 of an unknown media type is shown only then. */
static bool is_text(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
            return false;
    }
    return text_is_valid_utf8(s, n);
}

/* A relative URL reference ("story/1.html", "/news/1", "?p=1", "#top", "//cdn.example/1")
 * rather than an opaque id ("abc-123") or an absolute URI ("tag:...", "https://..."). */
static bool looks_relative(const char *s)
{
    size_t scheme = strcspn(s, ":/?#");
    if (s[scheme] == ':')
        return false;
    return s[0] == '/' || s[0] == '.' || s[0] == '?' || s[0] == '#' || strchr(s, '/');
}

static void cap_finish(struct xml_state *st)
{
    st->capturing = false;
    const char *s = st->cap.data ? st->cap.data : "";
    size_t n = st->cap.len;
    if (st->cap_base64) {
        if (!base64_decode(st->cap.data ? st->cap.data : "", &n) ||
            (st->cap_b64_sniff && !is_text(s, n)))
            st->cap_conv = FEED_CONV_SKIP; /* not base64, or not text: nothing to show */
    }
    struct feed_item *it = st->item;
    struct feed *f = st->fb->feed;
    struct item_prio *ip = &st->ip;
    bool text_field = st->cap_field == I_SUMMARY || st->cap_field == I_CONTENT ||
                      st->cap_field == I_RSS_SUMMARY || st->cap_field == I_RSS_CONTENT;
    if (it && !it->image && text_field &&
        (st->cap_conv == FEED_CONV_HTML || st->cap_conv == FEED_CONV_XHTML)) {
        /* The story's picture, last resort: the first <img> of its HTML text (prio 0, below
         * every media element; docs/images.md). */
        char *src = imgref_first_img(s, n);
        if (src)
            feed_set(&it->image, &ip->image, feed_clean_url(st->cap_base, src, strlen(src)), 0);
        free(src);
    }
    switch (st->cap_field) {
    case F_NONE:
        break;
    case I_TITLE:
        feed_set(&it->title, &ip->title, feed_clean_text(s, n, st->cap_conv, false, FEED_CAP_TITLE),
                 st->cap_prio);
        break;
    case I_LINK:
        feed_set(&it->link, &ip->link, feed_clean_url(st->cap_base, s, n), st->cap_prio);
        break;
    case I_GUID:
    case I_ID: {
        /* An RSS guid is a permalink unless it says isPermaLink="false"; an Atom id is read
         * the same way (as feedparser does): a relative one is resolved, and one that is a
         * web address is the link of last resort. */
        bool permalink = st->cap_field == I_ID || ip->guid_is_permalink;
        char *id = feed_clean_short(s, n);
        if (id && permalink && looks_relative(id)) {
            char *u = feed_clean_url(st->cap_base, id, strlen(id));
            if (u) {
                free(id);
                id = u;
            }
        }
        if (id && permalink && !ip->guid_link &&
            (!ascii_strncasecmp(id, "http://", 7) || !ascii_strncasecmp(id, "https://", 8) ||
             (looks_relative(id) && !st->cap_base)))
            ip->guid_link = feed_clean_url(NULL, id, strlen(id));
        if (!it->id)
            it->id = id;
        else
            free(id);
        break;
    }
    case I_PUBLISHED:
        feed_set_time(&it->published, &ip->published, feed_date(s, n), st->cap_prio);
        break;
    case I_UPDATED:
        feed_set_time(&it->updated, &ip->updated, feed_date(s, n), st->cap_prio);
        break;
    case I_DC_DATE: {
        int64_t t = feed_date(s, n);
        feed_set_time(&it->published, &ip->published, t, st->cap_prio);
        feed_set_time(&it->updated, &ip->updated, t, 0); /* below any real "updated" */
        break;
    }
    case I_SUMMARY:
        feed_set(&it->summary, &ip->summary,
                 feed_clean_text(s, n, st->cap_conv, true, FEED_CAP_SUMMARY), st->cap_prio);
        break;
    case I_CONTENT: {
        char *c = feed_clean_text(s, n, st->cap_conv, true, FEED_CAP_CONTENT);
        if (c && (!it->content || st->cap_prio > ip->content))
            ip->content_is_text = !st->cap_b64_sniff;
        feed_set(&it->content, &ip->content, c, st->cap_prio);
        break;
    }
    case I_RSS_SUMMARY:
    case I_RSS_CONTENT: {
        char *c = feed_clean_text(s, n, st->cap_conv, true, FEED_CAP_CONTENT);
        char **slot = st->cap_field == I_RSS_SUMMARY ? &ip->rss_summary : &ip->rss_content;
        if (c && !*slot) {
            *slot = c;
            bool late = it->summary != NULL; /* the description came first */
            if (st->cap_field == I_RSS_SUMMARY)
                ip->rss_summary_late = late;
            else
                ip->rss_content_late = late;
        } else {
            free(c);
        }
        break;
    }
    case I_AUTHOR:
        feed_set(&it->author, &ip->author, feed_clean_author(s, n, st->cap_conv == FEED_CONV_HTML),
                 st->cap_prio);
        break;
    case I_CATEGORY:
        feed_item_add_category(it, feed_clean_text(s, n, st->cap_conv, false, FEED_CAP_OTHER));
        break;
    case I_LANGUAGE:
        feed_set(&it->language, &ip->language, feed_clean_short(s, n), st->cap_prio);
        break;
    case C_TITLE:
        feed_set(&f->title, &st->c_title_prio,
                 feed_clean_text(s, n, st->cap_conv, false, FEED_CAP_TITLE), st->cap_prio);
        break;
    case C_LINK:
        feed_set(&f->link, &st->c_link_prio, feed_clean_url(st->cap_base, s, n), st->cap_prio);
        break;
    case C_LANGUAGE:
        feed_set(&f->language, &st->c_lang_prio, feed_clean_short(s, n), st->cap_prio);
        break;
    case C_AUTHOR:
        feed_set(&st->fb->author, &st->c_author_prio, feed_clean_author(s, n, false), st->cap_prio);
        break;
    case C_TTL: {
        char *t = feed_clean_short(s, n);
        if (t) {
            char *end;
            long v = strtol(t, &end, 10);
            if (end != t && !*end && v >= 0 && v <= 1000000)
                f->ttl = (int)v;
            free(t);
        }
        break;
    }
    }
}

/* ---- items ---- */

static void item_prio_free(struct item_prio *ip)
{
    free(ip->guid_link);
    free(ip->rss_summary);
    free(ip->rss_content);
    free(ip->about);
    ip->guid_link = ip->rss_summary = ip->rss_content = ip->about = NULL;
}

static void item_start(struct xml_state *st)
{
    struct feed_item *it = feed_build_add_item(st->fb);
    if (!it) {
        /* max_items reached: nothing after this is needed. */
        st->stopped = true;
        xmlStopParser(st->ctxt);
        return;
    }
    st->item = it;
    st->item_depth = st->depth;
    item_prio_free(&st->ip);
    memset(&st->ip, 0, sizeof st->ip);
}

/* RSS's undeclared <summary> or <content> (alt) beside <description> (already it->summary):
 * the fuller of the two is the content. Of two about the same size (neither half as long
 * again as the other), the one feedparser takes: a <content>, or a <summary> that comes after
 * the description. */
static void rss_alt(struct feed_item *it, struct item_prio *ip, char **alt, bool is_content,
                    bool late)
{
    if (!*alt)
        return;
    if (!it->summary) {
        /* no description: each is what its name says */
        if (!is_content) {
            it->summary = text_truncate(*alt, FEED_CAP_SUMMARY);
        } else if (!it->content) {
            it->content = *alt;
            *alt = NULL;
            ip->content_is_text = true;
        }
    } else if (!it->content) {
        size_t ld = it->summary ? strlen(it->summary) : 0, la = strlen(*alt);
        bool alt_is_content;
        if (2 * la >= 3 * ld)
            alt_is_content = true;
        else if (2 * ld >= 3 * la)
            alt_is_content = false;
        else
            alt_is_content = is_content || late;
        if (alt_is_content) {
            it->content = *alt;
            *alt = NULL;
        } else {
            it->content = it->summary;
            it->summary = text_truncate(*alt, FEED_CAP_SUMMARY);
        }
        ip->content_is_text = true;
    }
    free(*alt);
    *alt = NULL;
}

static void item_end(struct xml_state *st, bool truncated)
{
    struct feed_item *it = st->item;
    struct item_prio *ip = &st->ip;
    st->item = NULL;
    if (!it->link && st->ip.guid_link) {
        it->link = st->ip.guid_link;
        st->ip.guid_link = NULL;
    }
    if (!it->id && ip->about) {
        it->id = ip->about;
        ip->about = NULL;
    }
    rss_alt(it, ip, &ip->rss_content, true, ip->rss_content_late);
    rss_alt(it, ip, &ip->rss_summary, false, ip->rss_summary_late);
    /* No summary, but text content: its start stands in (feedparser does the same). */
    if (!it->summary && it->content && ip->content_is_text)
        it->summary = text_truncate(it->content, FEED_CAP_SUMMARY);
    item_prio_free(ip);
    if (!it->title && !it->link && (truncated || (!it->summary && !it->content && !it->id))) {
        feed_build_drop_last(st->fb);
        return;
    }
    feed_item_finish(it);
}

/* An image candidate from an enclosure / media element. prio: 3 media:content,
 * 2 enclosure or Atom rel=enclosure, 1 thumbnail. */
static void image_candidate(struct xml_state *st, int nb, const xmlChar **attrs,
                            const char *url_attr, int prio, bool need_image_type, const char *base)
{
    if (st->ip.image >= prio && st->item->image)
        return;
    if (need_image_type) {
        bool is_image =
            attr_has_prefix(nb, attrs, "type", "image/") || attr_is(nb, attrs, "medium", "image");
        bool typed = (attr_find(nb, attrs, "type", NULL) >= 0 && !attr_is(nb, attrs, "type", "")) ||
                     attr_find(nb, attrs, "medium", NULL) >= 0;
        if (!is_image && !typed) {
            /* No type given: judge by the file name. */
            char *u = attr_get(nb, attrs, url_attr, NULL);
            if (u) {
                char *q = strpbrk(u, "?#");
                if (q)
                    *q = '\0';
                size_t n = strlen(u);
                static const char *const ext[] = {".jpg", ".jpeg", ".png",
                                                  ".gif", ".webp", ".avif"};
                for (size_t i = 0; i < ARRAY_LEN(ext) && !is_image; i++) {
                    size_t e = strlen(ext[i]);
                    is_image = n > e && !ascii_strcasecmp(u + n - e, ext[i]);
                }
                free(u);
            }
        }
        if (!is_image)
            return;
    }
    char *u = attr_get(nb, attrs, url_attr, NULL);
    if (!u)
        return;
    feed_set(&st->item->image, &st->ip.image, feed_clean_url(base, u, strlen(u)), prio);
    free(u);
}

/* Atom link: rel absent or "alternate" is the story's page; text/html preferred. */
static int atom_link_prio(int nb, const xmlChar **attrs)
{
    int r = attr_find(nb, attrs, "rel", NULL);
    if (r >= 0 && !attr_is(nb, attrs, "rel", "alternate") &&
        !attr_is(nb, attrs, "rel", "http://www.iana.org/assignments/relation/alternate"))
        return 0;
    if (attr_find(nb, attrs, "type", NULL) < 0)
        return 3;
    if (attr_is(nb, attrs, "type", "text/html"))
        return 4;
    if (attr_is(nb, attrs, "type", "application/xhtml+xml"))
        return 3;
    return 2;
}

static void atom_link(struct xml_state *st, int nb, const xmlChar **attrs, char **slot,
                      int *slot_prio, const char *base, bool in_item)
{
    if (in_item && attr_is(nb, attrs, "rel", "enclosure")) {
        image_candidate(st, nb, attrs, "href", 2, true, base);
        return;
    }
    int p = atom_link_prio(nb, attrs);
    if (!p || (*slot && *slot_prio >= p))
        return;
    char *href = attr_get(nb, attrs, "href", NULL);
    if (!href)
        return;
    feed_set(slot, slot_prio, feed_clean_url(base, href, strlen(href)), p);
    free(href);
}

/* ---- SAX callbacks ---- */

static void push_frame(struct xml_state *st, unsigned char vocab, unsigned char name, int nb,
                       const xmlChar **attrs)
{
    st->depth++;
    if (st->depth > FRAME_MAX)
        return;
    struct frame *fr = &st->frames[st->depth - 1];
    const struct frame *parent = st->depth > 1 ? &st->frames[st->depth - 2] : NULL;
    memset(fr, 0, sizeof *fr);
    fr->vocab = vocab;
    fr->name = name;
    fr->base = parent ? parent->base : st->opt->url;
    fr->lang = parent ? parent->lang : NULL;
    int b = attr_find(nb, attrs, "base", XML_NS);
    if (b >= 0) {
        char *v = attr_dup(attrs[5 * b + 3], attrs[5 * b + 4]);
        char *u = feed_clean_url(fr->base, v, strlen(v));
        free(v);
        if (u) {
            fr->base = u;
            fr->own_base = true;
        }
    }
    int l = attr_find(nb, attrs, "lang", XML_NS);
    if (l >= 0) {
        char *v = attr_dup(attrs[5 * l + 3], attrs[5 * l + 4]);
        fr->lang = feed_clean_short(v, strlen(v));
        free(v);
        fr->own_lang = fr->lang != NULL;
    }
}

static void pop_frame(struct xml_state *st)
{
    if (st->depth <= FRAME_MAX) {
        struct frame *fr = &st->frames[st->depth - 1];
        if (fr->own_base)
            free((char *)fr->base);
        if (fr->own_lang)
            free((char *)fr->lang);
        fr->own_base = fr->own_lang = false;
    }
    st->depth--;
}

static void root_start(struct xml_state *st, unsigned char vocab, unsigned char name,
                       unsigned char detail, const xmlChar *local, const xmlChar *uri, int nb,
                       const xmlChar **attrs)
{
    struct feed *f = st->fb->feed;
    st->root_seen = true;
    st->root_line = xmlSAX2GetLineNumber(st->ctxt);
    st->root_column = xmlSAX2GetColumnNumber(st->ctxt);
    snprintf(st->root_name, sizeof st->root_name, "%s", (const char *)local);
    if (vocab == V_RSS && name == N_RSS) {
        f->format =
            attr_has_prefix(nb, attrs, "version", "0.9") ? FEED_FORMAT_RSS09X : FEED_FORMAT_RSS20;
    } else if (vocab == V_RDF && name == N_RDF) {
        f->format = FEED_FORMAT_RSS10;
        st->rdf_pending = true;
    } else if (vocab == V_ATOM && name == N_FEED) {
        /* detail is D_NONE under an alias namespace: then the version says */
        bool v03 = detail == D_ATOM03 || (detail == D_NONE && attr_is(nb, attrs, "version", "0.3"));
        f->format = v03 ? FEED_FORMAT_ATOM03 : FEED_FORMAT_ATOM10;
    } else if (vocab == V_RSS && name == N_FEED) {
        /* Atom that forgot its namespace: read it as Atom, as tolerant readers do; Atom 0.3
         * said version="0.3" on its root. */
        f->format = attr_is(nb, attrs, "version", "0.3") ? FEED_FORMAT_ATOM03 : FEED_FORMAT_ATOM10;
        st->bare_atom = true;
        memset(st->cache, 0, sizeof st->cache);
        st->frames[0].vocab = V_ATOM;
    } else if (vocab == V_OTHER && uri && strlen((const char *)uri) < sizeof st->alias_uri &&
               (!strcmp((const char *)local, "feed") || !strcmp((const char *)local, "rss") ||
                !strcmp((const char *)local, "channel"))) {
        /* Atom or RSS under a namespace of its own (a draft's, a typo, a vendor's): its
         * names are read as Atom's or RSS's, as a tolerant reader reads them. */
        snprintf(st->alias_uri, sizeof st->alias_uri, "%s", (const char *)uri);
        st->alias_vocab = strcmp((const char *)local, "feed") ? V_RSS : V_ATOM;
        memset(st->cache, 0, sizeof st->cache);
        classify(st, local, uri, &vocab, &name, &detail);
        st->frames[0].vocab = vocab;
        st->frames[0].name = name;
        root_start(st, vocab, name, detail, local, uri, nb, attrs);
        return;
    } else if (vocab == V_RSS && name == N_CHANNEL) {
        /* A bare <channel> without its <rss> wrapper: the channel is the root. */
        f->format = FEED_FORMAT_RSS20;
        st->frames[0].role = R_CHANNEL;
        st->channel_seen = true;
        return;
    } else {
        reject(st, "not a feed: the root element is <%s>", (const char *)local);
        return;
    }
    st->frames[0].role = R_ROOT;
}

/* Is this start tag an item or entry? */
static bool is_item_start(struct xml_state *st, const xmlChar *local, const xmlChar *uri)
{
    unsigned char vocab, name, detail;
    classify(st, local, uri, &vocab, &name, &detail);
    return (vocab == V_RSS && name == N_ITEM) || (vocab == V_ATOM && name == N_ENTRY);
}

static void on_start(void *user, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                     int nb_ns, const xmlChar **ns, int nb, int nb_defaulted, const xmlChar **attrs)
{
    (void)prefix;
    (void)nb_ns;
    (void)ns;
    (void)nb_defaulted;
    struct xml_state *st = user;
    if (st->rejected || st->stopped)
        return;
    if (++st->elements % BUDGET_ELEMENTS == 0 && budget_over(st->opt->budget)) {
        reject(st, "the document used up its CPU time budget (%s)", "parsing stopped");
        return;
    }
    if (st->capturing && st->item && is_item_start(st, local, uri)) {
        /* A field left open ("<description>a <b>bold</item>"): the next item ends it. */
        cap_finish(st);
    }
    if (st->capturing) {
        /* Inside a field no frame is needed, but the slot must not keep a stale owner (a
         * truncated document pops it at the end). */
        st->depth++;
        if (st->depth <= FRAME_MAX)
            memset(&st->frames[st->depth - 1], 0, sizeof st->frames[0]);
        if (st->cap_conv == FEED_CONV_HTML || st->cap_conv == FEED_CONV_XHTML) {
            cap_append(st, "<", 1);
            cap_append(st, (const char *)local, strlen((const char *)local));
            cap_append(st, ">", 1);
        }
        return;
    }
    unsigned char vocab, name, detail;
    classify(st, local, uri, &vocab, &name, &detail);
    if (st->item && ((vocab == V_RSS && name == N_ITEM) || (vocab == V_ATOM && name == N_ENTRY))) {
        /* Items never nest: the open one ended where an unclosed tag in it ("<b>", "<br>")
         * swallowed its end tag, as an HTML parser implies an end. */
        item_end(st, false);
    }
    push_frame(st, vocab, name, nb, attrs);
    if (st->depth > FRAME_MAX)
        return;
    struct frame *fr = &st->frames[st->depth - 1];
    struct feed *f = st->fb->feed;
    if (!st->root_seen) {
        root_start(st, vocab, name, detail, local, uri, nb, attrs);
        if (!st->rejected && fr->lang)
            feed_set(&f->language, &st->c_lang_prio, xstrdup(fr->lang), 1);
        return;
    }
    struct frame *parent = &st->frames[st->depth - 2];
    if (st->rdf_pending && vocab == V_RSS && (name == N_CHANNEL || name == N_ITEM)) {
        st->rdf_pending = false;
        if (detail == D_RSS090)
            f->format = FEED_FORMAT_RSS09X;
    }

    if (!st->item) {
        if ((vocab == V_RSS && name == N_ITEM) || (vocab == V_ATOM && name == N_ENTRY)) {
            fr->role = R_ITEM;
            item_start(st);
            if (st->item && fr->lang && fr->lang != parent->lang)
                feed_set(&st->item->language, &st->ip.language, xstrdup(fr->lang), 3);
            /* RSS 1.0: the item's rdf:about is its identifier (unless a guid says otherwise). */
            char *about = st->item ? attr_get(nb, attrs, "about", RDF_NS) : NULL;
            if (about) {
                st->ip.about = feed_clean_short(about, strlen(about));
                free(about);
            }
            return;
        }
        if (vocab == V_RSS && name == N_CHANNEL && parent->role == R_ROOT) {
            fr->role = R_CHANNEL;
            st->channel_seen = true;
            if (fr->lang)
                feed_set(&f->language, &st->c_lang_prio, xstrdup(fr->lang), 1);
            return;
        }
        if (parent->role == R_AUTHOR && vocab == V_ATOM && name == N_NAME) {
            cap_start(st, C_AUTHOR, FEED_CONV_TEXT, 1, FEED_CAP_OTHER, fr->base);
            return;
        }
        bool feed_level = parent->role == R_CHANNEL ||
                          (parent->role == R_ROOT &&
                           (f->format == FEED_FORMAT_ATOM10 || f->format == FEED_FORMAT_ATOM03));
        if (!feed_level)
            return;
        if (vocab == V_RSS) {
            switch (name) {
            case N_TITLE:
                cap_start(st, C_TITLE, FEED_CONV_HTML, 2, FEED_CAP_TITLE, fr->base);
                break;
            case N_LINK:
                cap_start(st, C_LINK, FEED_CONV_TEXT, 5, FEED_CAP_OTHER, fr->base);
                break;
            case N_LANGUAGE:
                cap_start(st, C_LANGUAGE, FEED_CONV_TEXT, 3, FEED_CAP_OTHER, fr->base);
                break;
            case N_TTL:
                cap_start(st, C_TTL, FEED_CONV_TEXT, 0, FEED_CAP_OTHER, fr->base);
                break;
            default:
                break;
            }
        } else if (vocab == V_ATOM) {
            if (name == N_TITLE)
                cap_start_atom(st, C_TITLE, nb, attrs, false, 2, FEED_CAP_TITLE, fr->base);
            else if (name == N_LINK)
                atom_link(st, nb, attrs, &f->link, &st->c_link_prio, fr->base, false);
            else if (name == N_AUTHOR)
                fr->role = R_AUTHOR;
        } else if (vocab == V_DC) {
            if (name == N_LANGUAGE)
                cap_start(st, C_LANGUAGE, FEED_CONV_TEXT, 2, FEED_CAP_OTHER, fr->base);
            else if (name == N_TITLE)
                cap_start(st, C_TITLE, FEED_CONV_HTML, 1, FEED_CAP_TITLE, fr->base);
        }
        return;
    }

    /* Inside an item. */
    if (st->depth != st->item_depth + 1) {
        /* Deeper: Atom author's name, media:group's and media:content's children. */
        if (parent->role == R_AUTHOR && vocab == V_ATOM && name == N_NAME)
            cap_start(st, I_AUTHOR, FEED_CONV_TEXT, 3, FEED_CAP_OTHER, fr->base);
        else if ((parent->role == R_MEDIA_GROUP || parent->role == R_MEDIA_CONTENT) &&
                 vocab == V_MEDIA) {
            if (name == N_CONTENT && parent->role == R_MEDIA_GROUP) {
                fr->role = R_MEDIA_CONTENT;
                image_candidate(st, nb, attrs, "url", 3, true, fr->base);
            } else if (name == N_THUMBNAIL) {
                image_candidate(st, nb, attrs, "url", 1, false, fr->base);
            }
        }
        return;
    }
    const char *base = fr->base;
    switch (vocab) {
    case V_RSS:
        switch (name) {
        case N_TITLE:
            cap_start(st, I_TITLE, FEED_CONV_HTML, 2, FEED_CAP_TITLE, base);
            break;
        case N_LINK:
            cap_start(st, I_LINK, FEED_CONV_TEXT, 5, FEED_CAP_OTHER, base);
            break;
        case N_DESCRIPTION:
            cap_start(st, I_SUMMARY, FEED_CONV_HTML, 2, FEED_CAP_SUMMARY, base);
            break;
        case N_SUMMARY:
            cap_start(st, I_RSS_SUMMARY, FEED_CONV_HTML, 0, FEED_CAP_CONTENT, base);
            break;
        case N_CONTENT:
            cap_start(st, I_RSS_CONTENT, FEED_CONV_HTML, 0, FEED_CAP_CONTENT, base);
            break;
        case N_GUID:
            st->ip.guid_is_permalink = !attr_is(nb, attrs, "isPermaLink", "false");
            cap_start(st, I_GUID, FEED_CONV_TEXT, 0, FEED_CAP_OTHER, base);
            break;
        case N_PUBDATE:
            cap_start(st, I_PUBLISHED, FEED_CONV_TEXT, 3, FEED_CAP_OTHER, base);
            break;
        case N_AUTHOR:
            cap_start(st, I_AUTHOR, FEED_CONV_HTML, 2, FEED_CAP_OTHER, base);
            break;
        case N_CATEGORY:
            cap_start(st, I_CATEGORY, FEED_CONV_HTML, 0, FEED_CAP_OTHER, base);
            break;
        case N_ENCLOSURE:
            image_candidate(st, nb, attrs, "url", 2, true, base);
            break;
        case N_LANGUAGE:
            cap_start(st, I_LANGUAGE, FEED_CONV_TEXT, 2, FEED_CAP_OTHER, base);
            break;
        default:
            break;
        }
        break;
    case V_ATOM:
        switch (name) {
        case N_TITLE:
            cap_start_atom(st, I_TITLE, nb, attrs, false, 2, FEED_CAP_TITLE, base);
            break;
        case N_SUMMARY:
            cap_start_atom(st, I_SUMMARY, nb, attrs, false, 2, FEED_CAP_SUMMARY, base);
            break;
        case N_CONTENT:
            cap_start_atom(st, I_CONTENT, nb, attrs, true, 2, FEED_CAP_CONTENT, base);
            break;
        case N_ID:
            cap_start(st, I_ID, FEED_CONV_TEXT, 0, FEED_CAP_OTHER, base);
            break;
        case N_PUBLISHED:
            cap_start(st, I_PUBLISHED, FEED_CONV_TEXT, 3, FEED_CAP_OTHER, base);
            break;
        case N_ISSUED:
            cap_start(st, I_PUBLISHED, FEED_CONV_TEXT, 2, FEED_CAP_OTHER, base);
            break;
        case N_CREATED:
            cap_start(st, I_PUBLISHED, FEED_CONV_TEXT, 1, FEED_CAP_OTHER, base);
            break;
        case N_UPDATED:
            cap_start(st, I_UPDATED, FEED_CONV_TEXT, 3, FEED_CAP_OTHER, base);
            break;
        case N_MODIFIED:
            cap_start(st, I_UPDATED, FEED_CONV_TEXT, 2, FEED_CAP_OTHER, base);
            break;
        case N_AUTHOR:
            fr->role = R_AUTHOR;
            break;
        case N_LINK:
            atom_link(st, nb, attrs, &st->item->link, &st->ip.link, base, true);
            break;
        case N_CATEGORY: {
            char *v = attr_get(nb, attrs, "label", NULL);
            if (!v || !v[0]) {
                free(v);
                v = attr_get(nb, attrs, "term", NULL);
            }
            if (v) {
                feed_item_add_category(st->item, feed_clean_short(v, strlen(v)));
                free(v);
            }
            break;
        }
        default:
            break;
        }
        break;
    case V_CONTENT:
        if (name == N_ENCODED)
            cap_start(st, I_CONTENT, FEED_CONV_HTML, 3, FEED_CAP_CONTENT, base);
        break;
    case V_DC:
        switch (name) {
        case N_CREATOR:
            cap_start(st, I_AUTHOR, FEED_CONV_HTML, 1, FEED_CAP_OTHER, base);
            break;
        case N_DATE:
            cap_start(st, I_DC_DATE, FEED_CONV_TEXT, 2, FEED_CAP_OTHER, base);
            break;
        case N_SUBJECT:
            cap_start(st, I_CATEGORY, FEED_CONV_HTML, 0, FEED_CAP_OTHER, base);
            break;
        case N_LANGUAGE:
            cap_start(st, I_LANGUAGE, FEED_CONV_TEXT, 2, FEED_CAP_OTHER, base);
            break;
        case N_TITLE:
            cap_start(st, I_TITLE, FEED_CONV_HTML, 1, FEED_CAP_TITLE, base);
            break;
        case N_DESCRIPTION:
            cap_start(st, I_SUMMARY, FEED_CONV_HTML, 1, FEED_CAP_SUMMARY, base);
            break;
        default:
            break;
        }
        break;
    case V_DCTERMS:
        if (name == N_MODIFIED)
            cap_start(st, I_UPDATED, FEED_CONV_TEXT, 1, FEED_CAP_OTHER, base);
        else if (name == N_CREATED || name == N_ISSUED)
            cap_start(st, I_PUBLISHED, FEED_CONV_TEXT, 1, FEED_CAP_OTHER, base);
        break;
    case V_MEDIA:
        if (name == N_GROUP) {
            fr->role = R_MEDIA_GROUP;
        } else if (name == N_CONTENT) {
            fr->role = R_MEDIA_CONTENT;
            image_candidate(st, nb, attrs, "url", 3, true, base);
        } else if (name == N_THUMBNAIL) {
            image_candidate(st, nb, attrs, "url", 1, false, base);
        }
        break;
    default:
        break;
    }
}

static void on_end(void *user, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    (void)prefix;
    (void)uri;
    struct xml_state *st = user;
    if (st->rejected || st->stopped || !st->depth)
        return;
    if (st->capturing) {
        if (st->depth == st->cap_depth) {
            cap_finish(st);
        } else {
            if (st->cap_conv == FEED_CONV_HTML || st->cap_conv == FEED_CONV_XHTML) {
                cap_append(st, "</", 2);
                cap_append(st, (const char *)local, strlen((const char *)local));
                cap_append(st, ">", 1);
            }
            st->depth--;
            return;
        }
    }
    if (st->item && st->depth == st->item_depth)
        item_end(st, false);
    pop_frame(st);
}

static void on_characters(void *user, const xmlChar *ch, int len)
{
    struct xml_state *st = user;
    if (!st->capturing || st->cap_conv == FEED_CONV_SKIP || len <= 0)
        return;
    if (st->cap_conv == FEED_CONV_XHTML)
        cap_append_escaped(st, (const char *)ch, (size_t)len);
    else
        cap_append(st, (const char *)ch, (size_t)len);
}

/* ---- repair for the recovering pass ---- */

static bool is_name_char(unsigned char c)
{
    return ascii_isalpha(c) || ascii_isdigit(c);
}

static bool is_declared(const struct decls *d, const char *name, size_t n)
{
    for (size_t i = 0; i < d->n; i++)
        if (strlen(d->names[i]) == n && !memcmp(d->names[i], name, n))
            return true;
    return false;
}

/* Appends an undefined named reference &name; as numeric references when HTML5 knows the
 * name (also when the document declared it: <!ENTITY nbsp "&#160;"> is a common habit and
 * means what HTML5 means), drops it when only the document's DTD knows it, else escapes its
 * '&'. */
static void repair_entity(struct buf *out, const char *amp, size_t n, const struct decls *decl)
{
    char *dec = text_decode_entities(amp, n);
    size_t dl = strlen(dec);
    bool unchanged = dl == n && !memcmp(dec, amp, n);
    /* HTML5 also decodes a legacy name at the start of a longer one ("&notice;" is "¬ice;");
     * a name the document declared is taken whole. */
    bool whole_html5 =
        !unchanged && dl && (dec[dl - 1] != ';' || (n == 6 && !memcmp(amp, "&semi;", 6)));
    if (!whole_html5 && is_declared(decl, amp + 1, n - 2)) {
        /* dropped */
    } else if (unchanged) {
        buf_append(out, "&#38;", 5);
        buf_append(out, amp + 1, n - 1);
    } else {
        for (size_t i = 0; i < dl;) {
            uint32_t cp;
            size_t k = text_utf8_decode(dec + i, dl - i, &cp);
            buf_printf(out, "&#%lu;", (unsigned long)cp);
            i += k;
        }
    }
    free(dec);
}

/* Appends a numeric character reference for code point v as XML will take it: the value
 * itself, U+FFFD for what HTML replaces (0, surrogates, past U+10FFFF, U+FFFE, U+FFFF), and
 * nothing for the C0 controls XML refuses (they are not shown anyway). */
static void repair_char_ref(struct buf *out, uint32_t v)
{
    if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) || v == 0xFFFE || v == 0xFFFF)
        v = 0xFFFD;
    else if (v < 0x20 && v != '\t' && v != '\n' && v != '\r')
        return;
    buf_printf(out, "&#%lu;", (unsigned long)v);
}

/* A named reference without its ';' at s[0] == '&' (n bytes available): decoded when the whole
 * name is an HTML5 entity ("&hellip " - what a tolerant reader of a broken feed takes it for)
 * or starts with one of the legacy names HTML decodes without ';' ("&copy 2026"), and in both
 * cases only when the name is not followed by a letter, a digit or '=' (so "?a=1&copy=2" and
 * "&copyright" stay as they are, as in an HTML attribute). Returns the bytes used, 0 if none. */
static size_t repair_bare_name(struct buf *out, const char *s, size_t n)
{
    size_t k = 1;
    while (k < n && k <= ENTITY_NAME_LONGEST &&
           (ascii_isalpha((unsigned char)s[k]) || ascii_isdigit((unsigned char)s[k])))
        k++;
    if (k == 1)
        return 0;
    uint32_t cp[2];
    int ncp = 0;
    size_t used = 0;
    char name[ENTITY_NAME_LONGEST + 2];
    if (k - 1 <= ENTITY_NAME_LONGEST) {
        memcpy(name, s + 1, k - 1);
        name[k - 1] = ';';
        const struct entity *e = entities_lookup(name, k);
        if (e) {
            cp[0] = e->cp[0];
            cp[1] = e->cp[1];
            ncp = e->cp[1] ? 2 : 1;
            used = k;
        }
    }
    if (!used)
        used = entities_decode(s, n, cp, &ncp); /* the legacy names */
    if (!used || (used < n && (ascii_isalpha((unsigned char)s[used]) ||
                               ascii_isdigit((unsigned char)s[used]) || s[used] == '=')))
        return 0;
    for (int i = 0; i < ncp; i++)
        buf_printf(out, "&#%lu;", (unsigned long)cp[i]);
    return used;
}

/* A copy of s with the repairs described at the top of this file. */
static char *xml_repair(const char *s, size_t len, const struct decls *decl, size_t *out_len)
{
    struct buf out = {0};
    size_t i = 0, run = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c == '<' && len - i >= 9 && !memcmp(s + i, "<![CDATA[", 9)) {
            const char *end = NULL;
            for (size_t j = i + 9; j + 2 < len + 0 && !end; j++)
                if (s[j] == ']' && s[j + 1] == ']' && s[j + 2] == '>')
                    end = s + j + 3;
            size_t stop = end ? (size_t)(end - s) : len;
            /* Control characters are not allowed in CDATA either. */
            for (size_t j = i; j < stop; j++) {
                unsigned char d = (unsigned char)s[j];
                if (d < 0x20 && d != '\t' && d != '\n' && d != '\r') {
                    buf_append(&out, s + run, j - run);
                    run = j + 1;
                }
            }
            i = stop;
            continue;
        }
        if (c == '&') {
            buf_append(&out, s + run, i - run);
            size_t j = i + 1;
            if (j < len && s[j] == '#') {
                /* Numeric, as HTML reads it: 'X' as well as 'x', the ';' optional, and what
                 * XML refuses (0, surrogates, past U+10FFFF) made U+FFFD. */
                j++;
                bool hex = j < len && (s[j] == 'x' || s[j] == 'X');
                if (hex)
                    j++;
                size_t digits = j;
                uint32_t v = 0;
                for (; j < len; j++) {
                    int d = hex ? ascii_hexval((unsigned char)s[j])
                                : (ascii_isdigit((unsigned char)s[j]) ? s[j] - '0' : -1);
                    if (d < 0)
                        break;
                    v = v > 0x10FFFF ? v : v * (hex ? 16 : 10) + (uint32_t)d;
                }
                if (j == digits) {
                    buf_append(&out, "&#38;", 5);
                    i = run = i + 1;
                    continue;
                }
                if (j < len && s[j] == ';')
                    j++;
                repair_char_ref(&out, v);
                i = run = j;
                continue;
            }
            while (j < len && j - i <= 32 && is_name_char((unsigned char)s[j]))
                j++;
            if (j < len && s[j] == ';' && j > i + 1) {
                size_t n = j + 1 - i;
                /* Predefined entities become character references too: after the first
                 * error libxml2 (2.9) drops every entity reference, even &amp;, but still
                 * expands character references. */
                static const char *const predefined[][2] = {{"&amp;", "&#38;"},
                                                            {"&lt;", "&#60;"},
                                                            {"&gt;", "&#62;"},
                                                            {"&quot;", "&#34;"},
                                                            {"&apos;", "&#39;"}};
                const char *pre = NULL;
                for (size_t k = 0; k < ARRAY_LEN(predefined) && !pre; k++)
                    if (strlen(predefined[k][0]) == n && !memcmp(s + i, predefined[k][0], n))
                        pre = predefined[k][1];
                if (pre)
                    buf_append_str(&out, pre);
                else
                    repair_entity(&out, s + i, n, decl);
                i = run = j + 1;
            } else {
                size_t used = repair_bare_name(&out, s + i, len - i);
                if (!used) {
                    buf_append(&out, "&#38;", 5);
                    used = 1;
                }
                i = run = i + used;
            }
            continue;
        }
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            /* dropped, as a browser shows them (nothing) */
            buf_append(&out, s + run, i - run);
            i = run = i + 1;
            continue;
        }
        i++;
    }
    buf_append(&out, s + run, len - run);
    *out_len = out.len;
    return buf_steal(&out);
}

/* ---- CDATA side table ---- */

/*
 * libxml2 (2.9) reads a CDATA section one character at a time, which made CDATA-heavy feeds
 * (HTML descriptions wrapped in <![CDATA[...]]>) twice as slow to parse as escaped ones.
 * Before the strict pass, each CDATA section in element content is cut out into a side table
 * and replaced by a short processing instruction, <?ticker-cdata N?> followed by the
 * section's newlines (so line numbers stay right), whose callback hands the section's text
 * to on_characters exactly as libxml2 would have (raw, no entity decoding). Long runs of
 * character data whose only markup is the predefined entities and character references
 * (escaped HTML: "&lt;p&gt;...") are read one character at a time too and get the same
 * treatment; on_pi decodes them as libxml2 does. (The rewritten document is never built:
 * mem_read splices the placeholders in as libxml2 reads.)
 *
 * Why this cannot change the result: a light scanner follows the markup (prolog, DOCTYPE
 * internal subset, comments, PIs, tags with quoted attribute values, element depth) and
 * replaces a section only where the XML grammar puts CDATA in content, and only when the
 * section's text is what libxml2 would accept and pass on unchanged (well-formed UTF-8 XML
 * characters, no CR, which would be normalised, and under CDATA_SIDE_MAX bytes; in character
 * data also no "]]>" and only references to legal characters). Up to the
 * document's first error both texts therefore produce the same events; a pass over the
 * rewritten text that reports any error is thrown away and the original text is parsed
 * instead, so error messages, positions and the repair path are those of the document as it
 * is. A document with a PI of its own named ticker-cdata (in the prolog, the DOCTYPE or
 * the content the scanner reads) is not rewritten, so no placeholder can be forged.
 */

/* Longer sections are left to libxml2 (which has its own limit on a CDATA section). */
#define CDATA_SIDE_MAX (1024 * 1024)
/* Character data with references shorter than this stays with libxml2. */
#define TEXT_SIDE_MIN 64

struct cdata_tab {
    size_t n, alloc;
    struct cdata_ref {
        const char *p; /* the section's text (after "<![CDATA[") in the original */
        size_t len;
        size_t newlines;             /* in the text: the placeholder repeats them */
        const char *hole, *hole_end; /* what the placeholder replaces */
        bool escaped;                /* character data with references, not CDATA */
    } * v;
};

/* The first `what` (wl >= 1 bytes) in [s, end), or NULL. */
static const char *find(const char *s, const char *end, const char *what, size_t wl)
{
    while ((size_t)(end - s) >= wl) {
        s = memchr(s, what[0], (size_t)(end - s) - wl + 1);
        if (!s)
            return NULL;
        if (!memcmp(s, what, wl))
            return s;
        s++;
    }
    return NULL;
}

static bool starts(const char *s, const char *end, const char *what, size_t wl)
{
    return (size_t)(end - s) >= wl && !memcmp(s, what, wl);
}

#define PI_FORGED(p, end) starts(p, end, "<?ticker-cdata", 14)

/* The length of the character reference or predefined entity reference at p[0] == '&' that
 * libxml2 accepts without error (its value a legal XML character), or 0; *cp its value. */
static size_t ref_len(const unsigned char *p, size_t n, uint32_t *cp)
{
    /* The five predefined entities, told apart by their first letter. */
    if (n >= 4) {
        switch (p[1]) {
        case 'l':
        case 'g':
            if (p[2] == 't' && p[3] == ';') {
                *cp = p[1] == 'l' ? '<' : '>';
                return 4;
            }
            return 0;
        case 'a':
            if (n >= 5 && !memcmp(p + 2, "mp;", 3)) {
                *cp = '&';
                return 5;
            }
            if (n >= 6 && !memcmp(p + 2, "pos;", 4)) {
                *cp = '\'';
                return 6;
            }
            return 0;
        case 'q':
            if (n >= 6 && !memcmp(p + 2, "uot;", 4)) {
                *cp = '"';
                return 6;
            }
            return 0;
        default:
            break;
        }
    }
    if (n < 4 || p[1] != '#')
        return 0;
    bool hex = p[2] == 'x'; /* only lower-case x is XML */
    size_t i = hex ? 3 : 2, digits = 0;
    uint32_t v = 0;
    for (; i < n && digits < 7; i++, digits++) {
        unsigned char c = p[i];
        if (ascii_isdigit(c))
            v = v * (hex ? 16 : 10) + (c - '0');
        else if (hex && c >= 'a' && c <= 'f')
            v = v * 16 + (c - 'a' + 10);
        else if (hex && c >= 'A' && c <= 'F')
            v = v * 16 + (c - 'A' + 10);
        else
            break;
    }
    if (!digits || i >= n || p[i] != ';')
        return 0;
    if (!(v == 0x9 || v == 0xa || v == 0xd || (v >= 0x20 && v <= 0xd7ff) ||
          (v >= 0xe000 && v <= 0xfffd) || (v >= 0x10000 && v <= 0x10ffff)))
        return 0;
    *cp = v;
    return i + 1;
}

/* True when libxml2 would pass p[0..n) on without error and unchanged: the text of a CDATA
 * section or, when `escaped`, character data whose only markup is the references ref_len
 * accepts (which are then decoded, see on_pi). */
static bool run_plain(const unsigned char *p, size_t n, bool escaped)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    for (size_t i = 0; i < n;) {
        /* Eight ASCII bytes at a time, none below 0x20 (nor '&' or ']' in character data). */
        if (n - i >= 8) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            uint64_t hit = (w - 0x20 * ones) & ~w;
            if (escaped) {
                uint64_t a = w ^ ('&' * ones), b = w ^ (']' * ones);
                hit |= ((a - ones) & ~a) | ((b - ones) & ~b);
            }
            if (!(w & highs) && !(hit & highs)) {
                i += 8;
                continue;
            }
        }
        unsigned char c = p[i];
        if (c < 0x80) {
            if (c < 0x20 && c != '\t' && c != '\n')
                return false;
            if (escaped && c == '&') {
                uint32_t cp;
                size_t k = ref_len(p + i, n - i, &cp);
                if (!k)
                    return false;
                i += k;
                continue;
            }
            if (escaped && c == ']' && n - i >= 3 && p[i + 1] == ']' && p[i + 2] == '>')
                return false;
            i++;
            continue;
        }
        uint32_t cp;
        size_t k;
        if (c >= 0xc2 && c <= 0xdf) {
            cp = c & 0x1f;
            k = 2;
        } else if (c >= 0xe0 && c <= 0xef) {
            cp = c & 0x0f;
            k = 3;
        } else if (c >= 0xf0 && c <= 0xf4) {
            cp = c & 0x07;
            k = 4;
        } else {
            return false;
        }
        if (n - i < k)
            return false;
        for (size_t j = 1; j < k; j++) {
            if ((p[i + j] & 0xc0) != 0x80)
                return false;
            cp = cp << 6 | (p[i + j] & 0x3f);
        }
        if ((k == 3 && cp < 0x800) || (k == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
            (cp >= 0xd800 && cp <= 0xdfff) || cp == 0xfffe || cp == 0xffff)
            return false;
        i += k;
    }
    return true;
}

/* Skips a start tag from its '<' (quoted attribute values may hold '>'); NULL if unclosed. */
static const char *skip_tag(const char *p, const char *end)
{
    for (p++; p < end; p++) {
        if (*p == '>')
            return p;
        if (*p == '"' || *p == '\'') {
            const char *q = memchr(p + 1, *p, (size_t)(end - p - 1));
            if (!q)
                return NULL;
            p = q;
        }
    }
    return NULL;
}

/* Skips <!DOCTYPE ...> including an internal subset; returns the '>' or NULL. */
static const char *skip_doctype(const char *p, const char *end)
{
    bool subset = false;
    for (p += 9; p < end; p++) {
        if (*p == '"' || *p == '\'') {
            const char *q = memchr(p + 1, *p, (size_t)(end - p - 1));
            if (!q)
                return NULL;
            p = q;
        } else if (subset && starts(p, end, "<!--", 4)) {
            const char *q = find(p + 4, end, "-->", 3);
            if (!q)
                return NULL;
            p = q + 2;
        } else if (subset && starts(p, end, "<?", 2)) {
            if (PI_FORGED(p, end))
                return NULL;
            const char *q = find(p + 2, end, "?>", 2);
            if (!q)
                return NULL;
            p = q + 1;
        } else if (*p == '[') {
            subset = true;
        } else if (*p == ']') {
            subset = false;
        } else if (*p == '>' && !subset) {
            return p;
        }
    }
    return NULL;
}

/* Fills tab with the CDATA sections in content to replace (see above); false when there is
 * nothing to replace. The table points into s, which must outlive its use. The rewritten
 * document is never built: mem_read puts the placeholders in as libxml2 reads. */
static bool cdata_cut(const char *s, size_t len, struct cdata_tab *tab)
{
    const char *end = s + len;
    /* The prolog: nothing in it is rewritten; find the root's start tag. */
    const char *p = s;
    for (;;) {
        p = memchr(p, '<', (size_t)(end - p));
        if (!p)
            return false;
        const char *q;
        if (PI_FORGED(p, end))
            return false;
        if (starts(p, end, "<?", 2))
            q = find(p + 2, end, "?>", 2), q = q ? q + 1 : NULL;
        else if (starts(p, end, "<!--", 4))
            q = find(p + 4, end, "-->", 3), q = q ? q + 2 : NULL;
        else if (starts(p, end, "<!DOCTYPE", 9))
            q = skip_doctype(p, end);
        else if (p + 1 < end && p[1] != '!' && p[1] != '/')
            break;
        else
            return false;
        if (!q)
            return false;
        p = q + 1;
    }
    const char *root = p;
    size_t depth = 0;
    while (p && p < end) {
        /* p is at a '<' in content (or at the root's start tag). */
        const char *q = NULL;
        if (starts(p, end, "<![CDATA[", 9)) {
            if (!depth)
                break;
            q = find(p + 9, end, "]]>", 3);
            if (!q)
                break;
            size_t n = (size_t)(q - (p + 9));
            if (n <= CDATA_SIDE_MAX && run_plain((const unsigned char *)p + 9, n, false)) {
                if (tab->n == tab->alloc) {
                    tab->alloc = tab->alloc ? tab->alloc * 2 : 64;
                    tab->v = xrealloc(tab->v, tab->alloc * sizeof *tab->v);
                }
                size_t nl = 0;
                for (const char *c = p + 9; (c = memchr(c, '\n', (size_t)(q - c))); c++)
                    nl++;
                tab->v[tab->n++] = (struct cdata_ref){p + 9, n, nl, p, q + 3, false};
            }
            q += 2;
        } else if (starts(p, end, "<!--", 4)) {
            q = find(p + 4, end, "-->", 3);
            q = q ? q + 2 : NULL;
        } else if (starts(p, end, "<?", 2)) {
            if (PI_FORGED(p, end)) {
                tab->n = 0;
                return false;
            }
            q = find(p + 2, end, "?>", 2);
            q = q ? q + 1 : NULL;
        } else if (starts(p, end, "</", 2)) {
            q = memchr(p, '>', (size_t)(end - p));
            if (!q || depth <= 1)
                break; /* the root ends: the rest is left alone */
            depth--;
        } else if (p + 1 < end && p[1] != '!' && (depth || p == root)) {
            q = skip_tag(p, end);
            if (q && q[-1] != '/')
                depth++;
        }
        if (!q)
            break;
        p = memchr(q + 1, '<', (size_t)(end - q - 1));
        /* Character data with references before the next markup: libxml2 reads it one
         * character at a time too. Short runs are not worth a placeholder. */
        const char *t0 = q + 1;
        size_t n = p ? (size_t)(p - t0) : 0;
        if (depth && n >= TEXT_SIDE_MIN && n <= CDATA_SIDE_MAX && memchr(t0, '&', n) &&
            run_plain((const unsigned char *)t0, n, true)) {
            if (tab->n == tab->alloc) {
                tab->alloc = tab->alloc ? tab->alloc * 2 : 64;
                tab->v = xrealloc(tab->v, tab->alloc * sizeof *tab->v);
            }
            size_t nl = 0;
            for (const char *c = t0; (c = memchr(c, '\n', (size_t)(p - c))); c++)
                nl++;
            tab->v[tab->n++] = (struct cdata_ref){t0, n, nl, t0, p, true};
        }
    }
    return tab->n > 0;
}

static void on_pi(void *user, const xmlChar *target, const xmlChar *data)
{
    struct xml_state *st = user;
    if (!st->cdata || !data || strcmp((const char *)target, "ticker-cdata"))
        return;
    char *e;
    unsigned long i = strtoul((const char *)data, &e, 10);
    if (e == (const char *)data || i >= st->cdata->n)
        return;
    const struct cdata_ref *r = &st->cdata->v[i];
    if (!r->escaped) {
        on_characters(user, (const xmlChar *)r->p, (int)r->len);
        return;
    }
    /* Decoded as libxml2 decodes it (run_plain accepted every reference). */
    const unsigned char *p = (const unsigned char *)r->p;
    size_t n = r->len;
    char out[4096];
    size_t o = 0;
    for (size_t k = 0; k < n;) {
        const unsigned char *amp = memchr(p + k, '&', n - k);
        size_t stop = amp ? (size_t)(amp - p) : n;
        if (o && o + (stop - k) > sizeof out) {
            on_characters(user, (const xmlChar *)out, (int)o);
            o = 0;
        }
        if (stop - k > sizeof out) {
            on_characters(user, p + k, (int)(stop - k));
        } else {
            memcpy(out + o, p + k, stop - k);
            o += stop - k;
        }
        k = stop;
        if (!amp)
            break;
        uint32_t cp = 0;
        size_t len = ref_len(p + k, n - k, &cp);
        if (!len) /* cannot happen: run_plain checked */
            len = 1;
        k += len;
        if (o + 4 > sizeof out) {
            on_characters(user, (const xmlChar *)out, (int)o);
            o = 0;
        }
        if (cp < 0x80) {
            out[o++] = (char)cp;
        } else if (cp < 0x800) {
            out[o++] = (char)(0xc0 | cp >> 6);
            out[o++] = (char)(0x80 | (cp & 0x3f));
        } else if (cp < 0x10000) {
            out[o++] = (char)(0xe0 | cp >> 12);
            out[o++] = (char)(0x80 | (cp >> 6 & 0x3f));
            out[o++] = (char)(0x80 | (cp & 0x3f));
        } else {
            out[o++] = (char)(0xf0 | cp >> 18);
            out[o++] = (char)(0x80 | (cp >> 12 & 0x3f));
            out[o++] = (char)(0x80 | (cp >> 6 & 0x3f));
            out[o++] = (char)(0x80 | (cp & 0x3f));
        }
    }
    if (o)
        on_characters(user, (const xmlChar *)out, (int)o);
}

/* ---- driver ---- */

static void state_reset(struct xml_state *st)
{
    while (st->depth)
        pop_frame(st);
    item_prio_free(&st->ip);
    buf_free(&st->cap);
}

/* Hands libxml2 the document, with the CDATA side table's placeholders in place of its
 * sections when there is one. */
struct mem_reader {
    struct xml_state *st;
    const char *start, *p, *end;
    const struct cdata_tab *tab; /* NULL: the text as it is */
    size_t hole;                 /* the next section to replace */
    char ph[48];                 /* the placeholder being emitted: head, newlines, tail */
    size_t ph_pos, ph_len, ph_newlines;
    bool ph_tail;
    struct markup_scan scan; /* attribute floods in what libxml2 is given */
    unsigned reads;
    bool eof;
};

/* Copies up to `room` placeholder bytes; returns how many. */
static size_t placeholder_read(struct mem_reader *r, char *out, size_t room)
{
    size_t done = 0;
    while (done < room) {
        if (r->ph_pos < r->ph_len) {
            size_t k = r->ph_len - r->ph_pos < room - done ? r->ph_len - r->ph_pos : room - done;
            memcpy(out + done, r->ph + r->ph_pos, k);
            r->ph_pos += k;
            done += k;
        } else if (r->ph_newlines) {
            size_t k = r->ph_newlines < room - done ? r->ph_newlines : room - done;
            memset(out + done, '\n', k);
            r->ph_newlines -= k;
            done += k;
        } else if (r->ph_tail) {
            memcpy(r->ph, "?>", 2);
            r->ph_pos = 0;
            r->ph_len = 2;
            r->ph_tail = false;
        } else {
            break;
        }
    }
    return done;
}

static int mem_fill(struct mem_reader *r, char *out, int len);

/* Line and column of text[off] (1-based), for errors found outside libxml2. */
static void position_of(const char *text, size_t off, int *line, int *column)
{
    int l = 1;
    size_t bol = 0;
    for (const char *q = text; (q = memchr(q, '\n', off - (size_t)(q - text))); q++) {
        l++;
        bol = (size_t)(q - text) + 1;
    }
    *line = l;
    *column = (int)(off - bol) + 1;
}

/* Stops the parse from inside the read callback, where xmlStopParser must not be called (it
 * resets the input that libxml2 is about to refill): libxml2 gets end of input, every later
 * callback sees st->rejected. */
static void reject_in_read(struct mem_reader *r, size_t source_off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void reject_in_read(struct mem_reader *r, size_t source_off, const char *fmt, ...)
{
    struct xml_state *st = r->st;
    r->eof = true;
    if (st->rejected)
        return;
    int line = 0, column = 0;
    if (source_off != SIZE_MAX)
        position_of(r->start, source_off, &line, &column);
    char msg[sizeof st->first_error.msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    error_set_at(&st->first_error, line, column, "%s", msg);
    st->rejected = true;
    st->have_error = true;
}

static int mem_read(void *ctx, char *out, int len)
{
    struct mem_reader *r = ctx;
    if (r->eof)
        return 0;
    if (++r->reads % BUDGET_READS == 0 && budget_over(r->st->opt->budget)) {
        reject_in_read(r, SIZE_MAX, "the document used up its CPU time budget (parsing stopped)");
        return 0;
    }
    int n = mem_fill(r, out, len);
    /* What libxml2 is about to read: a start tag with too many attributes is refused here,
     * before libxml2 spends quadratic time on it (markup.h). */
    enum markup_event ev;
    size_t at = markup_scan(&r->scan, out, (size_t)n, &ev);
    if (ev == MARKUP_FLOOD) {
        /* Without placeholders the text handed over is the source itself. */
        size_t off = r->tab ? SIZE_MAX : (size_t)(r->p - r->start) - ((size_t)n - at);
        reject_in_read(r, off,
                       "an element with more than %u attributes (an attribute flood) refused",
                       MARKUP_XML_MAX_ATTRS);
        return (int)at;
    }
    return n;
}

static int mem_fill(struct mem_reader *r, char *out, int len)
{
    size_t room = len > 0 ? (size_t)len : 0, done = 0;
    while (done < room) {
        size_t k = placeholder_read(r, out + done, room - done);
        done += k;
        if (done == room)
            break;
        const struct cdata_ref *h = r->tab && r->hole < r->tab->n ? &r->tab->v[r->hole] : NULL;
        const char *stop = h ? h->hole : r->end;
        k = (size_t)(stop - r->p) < room - done ? (size_t)(stop - r->p) : room - done;
        memcpy(out + done, r->p, k);
        r->p += k;
        done += k;
        if (!h && r->p == r->end)
            break;
        if (h && r->p == stop) {
            /* Start the placeholder; the section itself is skipped. */
            int n = snprintf(r->ph, sizeof r->ph, "<?ticker-cdata %zu", r->hole);
            r->ph_pos = 0;
            r->ph_len = (size_t)n;
            r->ph_newlines = h->newlines;
            r->ph_tail = true;
            r->p = h->hole_end;
            r->hole++;
        }
    }
    return (int)done;
}

/* One pass. Returns true when the document parsed without any error. */
static bool xml_pass(struct xml_state *st, const char *text, size_t len, bool recover,
                     const struct cdata_tab *tab)
{
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = on_start;
    sax.endElementNs = on_end;
    sax.characters = on_characters;
    sax.ignorableWhitespace = on_characters;
    sax.cdataBlock = on_characters;
    sax.serror = on_error;
    sax.processingInstruction = on_pi;
    sax.entityDecl = on_entity_decl;
    sax.unparsedEntityDecl = on_unparsed_entity_decl;

    /* libxml2 pulls the document through a read callback in 64 KiB pieces and discards
     * what it has parsed: xmlCreateMemoryParserCtxt would copy the whole document first. */
    struct mem_reader mr = {.st = st, .start = text, .p = text, .end = text + len, .tab = tab};
    markup_scan_init(&mr.scan, MARKUP_XML, MARKUP_XML_MAX_ATTRS);
    st->cdata = tab;
    xmlParserCtxtPtr ctxt =
        xmlCreateIOParserCtxt(&sax, st, mem_read, NULL, &mr, XML_CHAR_ENCODING_UTF8);
    if (!ctxt) {
        error_set_at(&st->first_error, 0, 0, "cannot create an XML parser");
        st->have_error = true;
        return false;
    }
    st->ctxt = ctxt;
    int options = XML_PARSE_NONET | XML_PARSE_IGNORE_ENC | XML_PARSE_NOCDATA;
    if (recover)
        options |= XML_PARSE_RECOVER;
    xmlCtxtUseOptions(ctxt, options);
    xmlParseDocument(ctxt);
    bool ok = ctxt->wellFormed && !st->have_error;
    st->ctxt = NULL;
    st->cdata = NULL;
    /* Without an entityDecl callback libxml2 still records internal-subset declarations in a
     * stand-in document ("SAX compatibility mode"; never consulted, as userData is not the
     * context). xmlParseDocument frees it only when it runs to the end. */
    if (ctxt->myDoc) {
        xmlFreeDoc(ctxt->myDoc);
        ctxt->myDoc = NULL;
    }
    xmlFreeParserCtxt(ctxt);
    return ok;
}

static void build_reset(struct feed_build *fb)
{
    struct feed *f = fb->feed;
    feed_free(f);
    free(fb->author);
    fb->author = NULL;
    f = xcalloc(1, sizeof *f);
    f->ttl = -1;
    f->wellformed = true;
    fb->feed = f;
    fb->items_alloc = 0;
}

/* Back to a fresh state for another pass (the frames are kept). */
static void state_restart(struct xml_state *st, struct feed_build *fb,
                          const struct feed_options *opt, struct decls *decls)
{
    state_reset(st);
    struct frame *frames = st->frames;
    memset(st, 0, sizeof *st);
    st->frames = frames;
    st->fb = fb;
    st->opt = opt;
    st->decls = decls;
    build_reset(fb);
}

static struct feed *xml_parse(const char *text, size_t len, const struct feed_options *opt,
                              struct error *err, bool side_table)
{
    char *expanded;
    size_t elen;
    if (!feed_dtd_expand(text, len, &expanded, &elen, err))
        return NULL;
    if (expanded) {
        text = expanded;
        len = elen;
    }
    if (len > INT32_MAX) {
        free(expanded);
        error_set(err, "document too large");
        return NULL;
    }
    struct feed_build fb = {0};
    fb.max_items = opt->max_items ? opt->max_items : FEED_DEFAULT_MAX_ITEMS;
    fb.url = opt->url;
    build_reset(&fb);

    struct xml_state *st = xcalloc(1, sizeof *st);
    st->frames = xcalloc(FRAME_MAX, sizeof *st->frames);
    st->fb = &fb;
    st->opt = opt;
    struct decls decls = {0};
    st->decls = &decls;

    bool ok;
    struct cdata_tab tab = {0};
    if (side_table && cdata_cut(text, len, &tab)) {
        ok = xml_pass(st, text, len, false, &tab);
        if (!ok && !st->stopped) {
            /* Errors are reported, and repaired, on the document as it is. */
            decls.n = 0;
            state_restart(st, &fb, opt, &decls);
            ok = xml_pass(st, text, len, false, NULL);
        }
    } else {
        ok = xml_pass(st, text, len, false, NULL);
    }
    free(tab.v);
    bool wellformed = true;
    if (!ok && !st->stopped && !st->rejected) {
        /* Strict parse failed: repair and recover. Keep the strict pass's first error, the
         * one that names what is wrong with the document as it is. */
        struct error strict_error = st->first_error;
        state_restart(st, &fb, opt, NULL);
        size_t rlen;
        char *repaired = xml_repair(text, len, &decls, &rlen);
        xml_pass(st, repaired, rlen, true, NULL);
        free(repaired);
        if (!st->rejected)
            st->first_error = strict_error;
        st->have_error = true;
        wellformed = false;
        /* A truncated document ends inside elements: keep what was open. */
        if (st->item && !st->stopped) {
            if (st->capturing)
                cap_finish(st);
            item_end(st, true);
        }
    }
    struct feed *f = fb.feed;
    /* A feed without items is still a feed, well-formed or not (an outage empties a feed; it
     * does not break it): what decides is a feed root, and for RSS its channel. */
    bool failed = st->rejected || !st->root_seen;
    if (!failed && !st->channel_seen && f->n_items == 0 &&
        (f->format == FEED_FORMAT_RSS20 || f->format == FEED_FORMAT_RSS09X ||
         f->format == FEED_FORMAT_RSS10)) {
        failed = true;
        st->have_error = true;
        error_set_at(&st->first_error, st->root_line, st->root_column,
                     "not a feed: <%s> has no <channel> and no items", st->root_name);
    }
    if (failed) {
        if (err)
            *err = st->first_error;
        if (err && !st->have_error)
            error_set_at(err, 1, 1, "no feed found");
        feed_free(f);
        free(fb.author);
        f = NULL;
    } else {
        f->wellformed = wellformed;
        if (!wellformed)
            f->malformed = st->first_error;
        feed_build_finish(&fb);
    }
    state_reset(st);
    free(st->frames);
    free(st);
    free(expanded);
    return f;
}

struct feed *feed_xml_parse(const char *text, size_t len, const struct feed_options *opt,
                            struct error *err)
{
    return xml_parse(text, len, opt, err, true);
}

struct feed *feed_xml_parse_plain(const char *text, size_t len, const struct feed_options *opt,
                                  struct error *err)
{
    return xml_parse(text, len, opt, err, false);
}
