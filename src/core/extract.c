/*
 * Article main-text extraction (see extract.h).
 *
 * Three passes over libxml2's HTML tree, whose structure is never changed (node->_private is
 * borrowed to index the scores):
 *   1. junk test, applied on the fly: elements that are never content, and elements whose
 *      class/id tokens (split at spaces, '-' and '_') name boilerplate, are skipped with their
 *      whole subtree. html, body, main and article are never skipped by class;
 *   2. scoring: every paragraph-like element (p, pre, td, a div without block children) with
 *      at least 25 characters gives 1 + commas + min(length / 100, 3) points to its parent and
 *      half to its grandparent; a candidate's final score is scaled by (1 - link density) and
 *      nudged by class names that mean "article body"; scores live in a side array indexed
 *      through node->_private;
 *   3. output: the best candidate plus those of its siblings that score well or are good
 *      paragraphs (but not one headed "Leserstimmen", "Mehr zum Thema" ...), walked in
 *      document order into one line per block, each tagged with its kind; a small box that
 *      advertises (a newsletter sign-up inside the article) is left out whole.
 * Depth is capped, so hostile nesting costs no stack.
 */
#include "core/extract.h"

#include "core/charset.h"
#include "core/markup.h"
#include "core/sum_clean.h"
#include "core/text.h"
#include "core/util.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH      200
#define MAX_TEXT_BYTES (1024u * 1024)
#define MIN_PARAGRAPH  25

static bool name_is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->name && !ascii_strcasecmp((const char *)n->name, name);
}

static bool name_in(const xmlNode *n, const char *const *names, size_t count)
{
    if (n->type != XML_ELEMENT_NODE || !n->name)
        return false;
    for (size_t i = 0; i < count; i++)
        if (!ascii_strcasecmp((const char *)n->name, names[i]))
            return true;
    return false;
}

/* Elements that are never article text. */
/* clang-format off */
static const char *const junk_elements[] = {
    "script", "style",  "noscript", "template", "iframe", "object", "embed",  "svg",
    "canvas", "nav",    "footer",   "aside",    "form",   "button", "input",  "select",
    "textarea", "label", "menu",    "dialog",   "head",   "video",  "audio",  "picture",
    "img",    "link",   "meta",     "map",      "math",
};
/* clang-format on */

/* class/id tokens that mark boilerplate, English and German. */
/* clang-format off */
static const char *const junk_tokens[] = {
    "ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "adslot",
    "anzeige", "anzeigen", "werbung", "sponsor", "sponsored", "sponsoring", "promo", "promotion",
    "share", "sharing", "shares", "sharebar", "social", "socials", "teilen", "comment",
    "comments", "kommentar", "kommentare", "discussion", "disqus", "related", "verwandt",
    "verwandte", "newsletter", "paywall", "abo", "abonnement", "subscribe", "subscription",
    "signup", "cookie", "cookies", "consent", "gdpr", "teaser", "teasers", "empfehlung",
    "empfehlungen", "recommended", "recommendation", "recommendations", "outbrain", "taboola",
    "popup", "modal", "overlay", "breadcrumb", "breadcrumbs", "sidebar", "widget", "nav",
    "navigation", "menu", "footer", "tags", "tag", "topics", "themen", "schlagworte",
    "keywords", "byline", "author", "dateline", "credit", "credits", "hidden", "trending",
    "popular", "meistgelesen", "mostread", "login", "banner", "print", "skip", "jump",
};
/* clang-format on */

/* class/id tokens that mark the article body. */
/* clang-format off */
static const char *const body_tokens[] = {
    "article", "content", "story", "body", "text", "main", "post", "entry", "artikel",
    "inhalt", "beitrag", "richtext", "copy",
};
/* clang-format on */

/* On a <p>, only these junk tokens count: the others (teaser, byline, tags, related ...) name
 * the lead or a byline on a single paragraph (<p class="article-teaser">) as often as they
 * name boilerplate on a container. */
/* clang-format off */
static const char *const strong_tokens_for_p[] = {
    "ad", "ads", "adv", "advert", "advertisement", "advertising", "anzeige", "werbung",
    "sponsor", "sponsored", "promotion", "share", "sharing", "social", "comment", "comments",
    "kommentar", "newsletter", "paywall", "abo", "subscribe", "subscription", "signup",
    "cookie", "cookies", "consent", "gdpr", "hidden", "outbrain", "taboola", "footer", "nav",
};
/* clang-format on */

static bool token_in(const char *tok, size_t len, const char *const *list, size_t count)
{
    char low[32];
    if (len == 0 || len >= sizeof low)
        return false;
    for (size_t i = 0; i < len; i++)
        low[i] = (char)ascii_tolower((unsigned char)tok[i]);
    low[len] = '\0';
    for (size_t i = 0; i < count; i++)
        if (!strcmp(low, list[i]))
            return true;
    return false;
}

/* Does the attribute value hold a token (split at spaces, '-', '_', ':') from the list? */
static bool attr_has_token(const xmlNode *n, const char *attr, const char *const *list,
                           size_t count)
{
    xmlChar *v = xmlGetProp((xmlNode *)n, (const xmlChar *)attr);
    if (!v)
        return false;
    bool hit = false;
    const char *s = (const char *)v;
    while (*s && !hit) {
        while (*s && (ascii_isspace((unsigned char)*s) || *s == '-' || *s == '_' || *s == ':'))
            s++;
        const char *t = s;
        while (*s && !(ascii_isspace((unsigned char)*s) || *s == '-' || *s == '_' || *s == ':'))
            s++;
        /* camelCase ("shareBar", "relatedLinks"): also try the leading lower-case part */
        const char *c = t;
        while (c < s && !(*c >= 'A' && *c <= 'Z'))
            c++;
        hit = token_in(t, (size_t)(s - t), list, count) ||
              (c > t && c < s && token_in(t, (size_t)(c - t), list, count));
    }
    xmlFree(v);
    return hit;
}

static bool attr_equals(const xmlNode *n, const char *attr, const char *value)
{
    xmlChar *v = xmlGetProp((xmlNode *)n, (const xmlChar *)attr);
    if (!v)
        return false;
    bool eq = !ascii_strcasecmp((const char *)v, value);
    xmlFree(v);
    return eq;
}

static bool has_ancestor(const xmlNode *n, const char *name)
{
    for (const xmlNode *p = n->parent; p; p = p->parent)
        if (name_is(p, name))
            return true;
    return false;
}

static bool is_junk(const xmlNode *n)
{
    if (n->type != XML_ELEMENT_NODE)
        return n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE;
    if (name_in(n, junk_elements, ARRAY_LEN(junk_elements)))
        return true;
    /* A page's <header> is masthead and menu; an article's <header> holds headline and lead. */
    if (name_is(n, "header") && !has_ancestor(n, "article") && !has_ancestor(n, "main"))
        return true;
    if (xmlHasProp((xmlNode *)n, (const xmlChar *)"hidden") ||
        attr_equals(n, "aria-hidden", "true"))
        return true;
    xmlChar *role = xmlGetProp((xmlNode *)n, (const xmlChar *)"role");
    if (role) {
        static const char *const bad_roles[] = {"navigation",  "banner", "complementary",
                                                "contentinfo", "dialog", "alertdialog",
                                                "search",      "menu",   "menubar"};
        bool bad = false;
        for (size_t i = 0; i < ARRAY_LEN(bad_roles); i++)
            if (!ascii_strcasecmp((const char *)role, bad_roles[i]))
                bad = true;
        xmlFree(role);
        if (bad)
            return true;
    }
    xmlChar *style = xmlGetProp((xmlNode *)n, (const xmlChar *)"style");
    if (style) {
        bool hidden = strstr((const char *)style, "display:none") ||
                      strstr((const char *)style, "display: none") ||
                      strstr((const char *)style, "visibility:hidden") ||
                      strstr((const char *)style, "visibility: hidden");
        xmlFree(style);
        if (hidden)
            return true;
    }
    if (name_is(n, "html") || name_is(n, "body") || name_is(n, "main") || name_is(n, "article"))
        return false;
    if (!attr_has_token(n, "class", junk_tokens, ARRAY_LEN(junk_tokens)) &&
        !attr_has_token(n, "id", junk_tokens, ARRAY_LEN(junk_tokens)))
        return false;
    if (name_is(n, "p") &&
        !attr_has_token(n, "class", strong_tokens_for_p, ARRAY_LEN(strong_tokens_for_p)) &&
        !attr_has_token(n, "id", strong_tokens_for_p, ARRAY_LEN(strong_tokens_for_p)))
        return false;
    return true;
}

/* clang-format off */
static const char *const block_elements[] = {
    "p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6",
    "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "table", "thead", "tbody", "tfoot",
    "tr", "td", "th", "caption", "figure", "figcaption", "address", "hr", "br", "center",
    "details", "summary", "body", "html", "hgroup",
};
/* clang-format on */

static bool is_block(const xmlNode *n)
{
    return name_in(n, block_elements, ARRAY_LEN(block_elements));
}

/* ---- text statistics ---- */

struct stats {
    size_t chars;      /* non-space bytes of text */
    size_t link_chars; /* of which inside <a> */
    size_t commas;
};

static void gather_stats(const xmlNode *n, int depth, bool in_link, struct stats *st)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            for (const char *s = (const char *)c->content; s && *s; s++) {
                if (ascii_isspace((unsigned char)*s))
                    continue;
                /* count code points, not bytes, so German and English weigh the same */
                if (((unsigned char)*s & 0xC0) == 0x80)
                    continue;
                st->chars++;
                if (in_link)
                    st->link_chars++;
                if (*s == ',')
                    st->commas++;
            }
        } else if (c->type == XML_ELEMENT_NODE && depth < MAX_DEPTH && !is_junk(c)) {
            gather_stats(c, depth + 1, in_link || name_is(c, "a"), st);
        }
    }
}

static bool has_block_child(const xmlNode *n)
{
    for (const xmlNode *c = n->children; c; c = c->next)
        if (is_block(c) && !name_is(c, "br"))
            return true;
    return false;
}

/* ---- scoring ---- */

struct cand {
    xmlNode *node;
    double score;
};

struct scorer {
    struct cand *c;
    size_t n, cap;
};

static struct cand *cand_of(struct scorer *sc, xmlNode *n)
{
    uintptr_t idx = (uintptr_t)n->_private;
    if (idx)
        return &sc->c[idx - 1];
    if (sc->n == sc->cap) {
        sc->cap = sc->cap ? sc->cap * 2 : 64;
        sc->c = xreallocarray(sc->c, sc->cap, sizeof *sc->c);
    }
    double base = 0;
    if (name_is(n, "article"))
        base = 10;
    else if (name_is(n, "div") || name_is(n, "main") || name_is(n, "section"))
        base = 5;
    else if (name_is(n, "blockquote") || name_is(n, "pre") || name_is(n, "td"))
        base = 3;
    else if (name_is(n, "ul") || name_is(n, "ol") || name_is(n, "li") || name_is(n, "dl"))
        base = -3;
    if (attr_has_token(n, "class", body_tokens, ARRAY_LEN(body_tokens)) ||
        attr_has_token(n, "id", body_tokens, ARRAY_LEN(body_tokens)) ||
        attr_equals(n, "itemprop", "articleBody"))
        base += 25;
    sc->c[sc->n] = (struct cand){n, base};
    n->_private = (void *)(uintptr_t)(++sc->n);
    return &sc->c[sc->n - 1];
}

static void score_tree(struct scorer *sc, xmlNode *n, int depth)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || is_junk(c) || depth >= MAX_DEPTH)
            continue;
        bool para = name_is(c, "p") || name_is(c, "pre") || name_is(c, "td") ||
                    (name_is(c, "div") && !has_block_child(c));
        if (para) {
            struct stats st = {0};
            gather_stats(c, depth + 1, false, &st);
            if (st.chars >= MIN_PARAGRAPH && c->parent && c->parent->type == XML_ELEMENT_NODE) {
                double pts =
                    1.0 + (double)st.commas + (double)(st.chars / 100 < 3 ? st.chars / 100 : 3);
                double ld = st.chars ? (double)st.link_chars / (double)st.chars : 0;
                pts *= 1.0 - ld;
                cand_of(sc, c->parent)->score += pts;
                if (c->parent->parent && c->parent->parent->type == XML_ELEMENT_NODE)
                    cand_of(sc, c->parent->parent)->score += pts / 2;
            }
        }
        score_tree(sc, c, depth + 1);
    }
}

static double link_density(const xmlNode *n)
{
    struct stats st = {0};
    gather_stats(n, 0, false, &st);
    return st.chars ? (double)st.link_chars / (double)st.chars : 1.0;
}

/* ---- output ---- */

/* A small box inside the article that advertises (a newsletter sign-up, an abo offer) goes
 * whole, so its friendly lead-in sentence goes with its button. */
static bool advert_box(const xmlNode *n)
{
    if (!(name_is(n, "div") || name_is(n, "section") || name_is(n, "span")))
        return false;
    struct stats st = {0};
    gather_stats(n, 0, false, &st);
    if (st.chars == 0 || st.chars > 500)
        return false;
    xmlChar *t = xmlNodeGetContent(n);
    bool ad = t && sum_clean_is_advert((const char *)t, strlen((const char *)t));
    xmlFree(t);
    return ad;
}

struct emitter {
    struct buf out;
    struct buf cur; /* the block being gathered */
    enum extract_block_kind cur_kind;
    struct extract_block *blocks;
    size_t n_blocks, cap_blocks;
    bool space_pending;
};

static void flush_block(struct emitter *e)
{
    /* trim */
    size_t len = e->cur.len;
    const char *s = e->cur.data;
    while (len && ascii_isspace((unsigned char)s[len - 1]))
        len--;
    if (len > 0 && !e->out.overflow) {
        size_t start = e->out.len;
        if (start > 0)
            buf_append_char(&e->out, '\n'), start++;
        if (buf_append(&e->out, s, len)) {
            if (e->n_blocks == e->cap_blocks) {
                e->cap_blocks = e->cap_blocks ? e->cap_blocks * 2 : 32;
                e->blocks = xreallocarray(e->blocks, e->cap_blocks, sizeof *e->blocks);
            }
            e->blocks[e->n_blocks++] = (struct extract_block){e->cur_kind, start, len};
        }
    }
    buf_reset(&e->cur);
    e->space_pending = false;
}

static void append_text(struct emitter *e, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 || c == 0x7F) {
            if (ascii_isspace(c))
                e->space_pending = e->cur.len > 0;
            continue;
        }
        if (c == ' ') {
            e->space_pending = e->cur.len > 0;
            continue;
        }
        /* U+00A0 no-break space collapses like a space */
        if (c == 0xC2 && (unsigned char)s[1] == 0xA0) {
            e->space_pending = e->cur.len > 0;
            s++;
            continue;
        }
        if (e->space_pending) {
            buf_append_char(&e->cur, ' ');
            e->space_pending = false;
        }
        buf_append_char(&e->cur, (char)c);
    }
}

static enum extract_block_kind kind_of(const xmlNode *n, enum extract_block_kind inherited)
{
    if (name_is(n, "h1") || name_is(n, "h2") || name_is(n, "h3") || name_is(n, "h4") ||
        name_is(n, "h5") || name_is(n, "h6") || name_is(n, "hgroup") || name_is(n, "summary"))
        return EXTRACT_HEADING;
    if (name_is(n, "li") || name_is(n, "dt") || name_is(n, "dd"))
        return EXTRACT_LIST_ITEM;
    if (name_is(n, "figcaption") || name_is(n, "td") || name_is(n, "th") || name_is(n, "caption") ||
        name_is(n, "address"))
        return EXTRACT_OTHER;
    if (name_is(n, "p") || name_is(n, "blockquote") || name_is(n, "pre"))
        return inherited == EXTRACT_PARAGRAPH ? EXTRACT_PARAGRAPH : inherited;
    return inherited;
}

static void emit(struct emitter *e, const xmlNode *n, int depth, enum extract_block_kind kind)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content)
                append_text(e, (const char *)c->content);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE || depth >= MAX_DEPTH || is_junk(c))
            continue;
        if (name_is(c, "br") || name_is(c, "hr")) {
            flush_block(e);
            continue;
        }
        if (is_block(c)) {
            if (advert_box(c))
                continue;
            flush_block(e);
            enum extract_block_kind k = kind_of(c, kind);
            e->cur_kind = k;
            emit(e, c, depth + 1, k);
            flush_block(e);
            e->cur_kind = kind;
        } else {
            emit(e, c, depth + 1, kind);
        }
    }
}

static void finish(struct emitter *e, struct extract_result *out)
{
    flush_block(e);
    /* libxml2 hands us UTF-8; this maps C1 controls from numeric references and removes
     * stray controls without changing line structure or lengths of clean text. */
    char *clean = text_sanitize_utf8(e->out.data ? e->out.data : "", e->out.len);
    if (strlen(clean) == e->out.len && !memcmp(clean, e->out.data ? e->out.data : "", e->out.len)) {
        out->text = clean;
        out->len = e->out.len;
        out->blocks = e->blocks;
        out->n_blocks = e->n_blocks;
        e->blocks = NULL;
    } else {
        /* Sanitising changed something (lengths may even add up the same): rebuild the block
         * table block by block. */
        struct buf t = {0};
        for (size_t i = 0; i < e->n_blocks; i++) {
            char *b = text_sanitize_utf8(e->out.data + e->blocks[i].start, e->blocks[i].len);
            size_t start = t.len ? t.len + 1 : 0;
            if (t.len)
                buf_append_char(&t, '\n');
            buf_append_str(&t, b);
            e->blocks[i].start = start;
            e->blocks[i].len = strlen(b);
            free(b);
        }
        free(clean);
        out->len = t.len;
        out->text = buf_steal(&t);
        out->blocks = e->blocks;
        out->n_blocks = e->n_blocks;
        e->blocks = NULL;
    }
    buf_free(&e->out);
    buf_free(&e->cur);
}

static void emitter_init(struct emitter *e)
{
    memset(e, 0, sizeof *e);
    e->out.cap_limit = MAX_TEXT_BYTES;
    e->cur.cap_limit = MAX_TEXT_BYTES;
    e->cur_kind = EXTRACT_PARAGRAPH;
}

/* Does the element's first heading (within its first few children) announce a page tail
 * (comments, related articles)? */
static bool headed_by_tail(const xmlNode *n)
{
    int seen = 0;
    for (const xmlNode *c = n->children; c && seen < 4; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        seen++;
        if (kind_of(c, EXTRACT_PARAGRAPH) != EXTRACT_HEADING)
            continue;
        xmlChar *t = xmlNodeGetContent(c);
        if (!t)
            return false;
        const char *s = (const char *)t;
        while (ascii_isspace((unsigned char)*s))
            s++;
        size_t len = strlen(s);
        while (len && ascii_isspace((unsigned char)s[len - 1]))
            len--;
        bool tail = sum_clean_is_tail_marker(s, len);
        xmlFree(t);
        return tail;
    }
    return false;
}

/* ---- title and language ---- */

static xmlNode *find_element(xmlNode *n, const char *name, int depth)
{
    for (xmlNode *c = n ? n->children : NULL; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (name_is(c, name))
            return c;
        if (depth < MAX_DEPTH) {
            xmlNode *f = find_element(c, name, depth + 1);
            if (f)
                return f;
        }
    }
    return NULL;
}

static char *node_text(const xmlNode *n)
{
    xmlChar *t = xmlNodeGetContent(n);
    if (!t)
        return NULL;
    char *s = text_from_plain((const char *)t, strlen((const char *)t), TEXT_INLINE, 1024);
    xmlFree(t);
    if (!*s) {
        free(s);
        return NULL;
    }
    return s;
}

static char *find_og_title(xmlNode *n, int depth)
{
    for (xmlNode *c = n ? n->children : NULL; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (name_is(c, "meta") &&
            (attr_equals(c, "property", "og:title") || attr_equals(c, "name", "twitter:title"))) {
            xmlChar *v = xmlGetProp(c, (const xmlChar *)"content");
            if (v) {
                char *s =
                    text_from_plain((const char *)v, strlen((const char *)v), TEXT_INLINE, 1024);
                xmlFree(v);
                if (*s)
                    return s;
                free(s);
            }
        }
        if (depth < 8) {
            char *f = find_og_title(c, depth + 1);
            if (f)
                return f;
        }
    }
    return NULL;
}

static void find_title_lang(xmlDoc *doc, struct extract_result *out)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root)
        return;
    xmlChar *lang = xmlGetProp(root, (const xmlChar *)"lang");
    if (lang) {
        const char *l = (const char *)lang;
        if (ascii_isalpha((unsigned char)l[0]) && ascii_isalpha((unsigned char)l[1]) &&
            (!l[2] || l[2] == '-' || l[2] == '_')) {
            out->lang[0] = (char)ascii_tolower((unsigned char)l[0]);
            out->lang[1] = (char)ascii_tolower((unsigned char)l[1]);
            out->lang[2] = '\0';
        }
        xmlFree(lang);
    }
    xmlNode *head = find_element(root, "head", 2);
    out->title = find_og_title(head, 0);
    if (!out->title) {
        xmlNode *t = find_element(head ? head : root, "title", head ? 2 : MAX_DEPTH);
        if (t)
            out->title = node_text(t);
    }
    if (!out->title) {
        xmlNode *h = find_element(root, "h1", 0);
        if (h)
            out->title = node_text(h);
    }
}

/* ---- entry points ---- */

static xmlDoc *parse_utf8(const char *s, size_t len)
{
    if (len > INT32_MAX)
        len = INT32_MAX;
    /* markup_html_parse: htmlReadMemory with attribute floods cut (markup.h) */
    return markup_html_parse(s, len,
                             HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                 HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT,
                             NULL, NULL);
}

static void clear_private(xmlNode *n, int depth)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        c->_private = NULL;
        if (depth < MAX_DEPTH + 2)
            clear_private(c, depth + 1);
    }
}

bool extract_article(const char *html, size_t len, const char *http_charset,
                     struct extract_result *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (len > EXTRACT_MAX_PAGE_BYTES)
        len = EXTRACT_MAX_PAGE_BYTES;
    struct charset_result cr = {0};
    struct error cerr = {0};
    if (!charset_to_utf8(html ? html : "", html ? len : 0, http_charset, CHARSET_DOC_HTML, &cr,
                         &cerr)) {
        /* An encoding we cannot decode: read it as windows-1252 rather than give up. */
        free(cr.text);
        memset(&cr, 0, sizeof cr);
        if (!charset_to_utf8(html ? html : "", html ? len : 0, "windows-1252", CHARSET_DOC_TEXT,
                             &cr, &cerr)) {
            free(cr.text);
            out->text = xstrdup("");
            snprintf(err, errlen, "page: %s", cerr.msg);
            return false;
        }
    }
    snprintf(out->encoding, sizeof out->encoding, "%s", cr.encoding);
    xmlDoc *doc = cr.len ? parse_utf8(cr.text, cr.len) : NULL;
    free(cr.text);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root) {
        if (doc)
            xmlFreeDoc(doc);
        out->text = xstrdup("");
        snprintf(err, errlen, "page: no HTML document");
        return false;
    }
    find_title_lang(doc, out);

    struct scorer sc = {0};
    score_tree(&sc, root, 0);
    struct cand *best = NULL;
    for (size_t i = 0; i < sc.n; i++) {
        sc.c[i].score *= 1.0 - link_density(sc.c[i].node);
        if (!best || sc.c[i].score > best->score)
            best = &sc.c[i];
    }

    struct emitter e;
    emitter_init(&e);
    if (best && best->score > 0) {
        xmlNode *top = best->node;
        xmlNode *parent = top->parent;
        double threshold = best->score * 0.2 > 10 ? best->score * 0.2 : 10;
        if (!parent || parent->type != XML_ELEMENT_NODE || name_is(top, "body")) {
            e.cur_kind = EXTRACT_PARAGRAPH;
            emit(&e, top, 0, EXTRACT_PARAGRAPH);
        } else {
            for (xmlNode *s = parent->children; s; s = s->next) {
                bool keep = s == top;
                if (!keep && s->type == XML_ELEMENT_NODE && !is_junk(s)) {
                    uintptr_t idx = (uintptr_t)s->_private;
                    if (idx && sc.c[idx - 1].score >= threshold)
                        keep = true;
                    else if (name_is(s, "p")) {
                        struct stats st = {0};
                        gather_stats(s, 0, false, &st);
                        double ld = st.chars ? (double)st.link_chars / (double)st.chars : 1;
                        keep = (st.chars > 80 && ld < 0.25) ||
                               (st.chars > 0 && ld == 0 && st.commas > 0);
                    }
                }
                if (keep && s != top && headed_by_tail(s))
                    keep = false; /* "Leserstimmen", "Mehr zum Thema": a block of its own */
                if (!keep)
                    continue;
                enum extract_block_kind k = kind_of(s, EXTRACT_PARAGRAPH);
                flush_block(&e);
                e.cur_kind = k;
                if (s->type == XML_TEXT_NODE && s->content)
                    append_text(&e, (const char *)s->content);
                else
                    emit(&e, s, 0, k);
                flush_block(&e);
            }
        }
    }
    free(sc.c);
    clear_private(root, 0);
    xmlFreeDoc(doc);
    finish(&e, out);
    size_t para = 0;
    for (size_t i = 0; i < out->n_blocks; i++)
        if (out->blocks[i].kind == EXTRACT_PARAGRAPH)
            para++;
    if (para == 0) {
        snprintf(err, errlen, "page: no main text found");
        return false;
    }
    return true;
}

void extract_fragment(const char *html, size_t len, struct extract_result *out)
{
    memset(out, 0, sizeof *out);
    if (!html || len == 0) {
        out->text = xstrdup("");
        return;
    }
    if (len > EXTRACT_MAX_PAGE_BYTES)
        len = EXTRACT_MAX_PAGE_BYTES;
    char *clean = text_sanitize_utf8(html, len);
    /* The parser wants a document; a fragment parses into an implied html/body. */
    xmlDoc *doc = parse_utf8(clean, strlen(clean));
    free(clean);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    struct emitter e;
    emitter_init(&e);
    if (root)
        emit(&e, root, 0, EXTRACT_PARAGRAPH);
    if (doc)
        xmlFreeDoc(doc);
    finish(&e, out);
}

void extract_result_free(struct extract_result *r)
{
    if (!r)
        return;
    free(r->text);
    free(r->blocks);
    free(r->title);
    memset(r, 0, sizeof *r);
}
