/*
 * The element table and the extraction parser (see html.h).
 *
 * The parser is a single pass: a tokenizer that finds '<' and '&' with memchr, and a stack of
 * open elements. Text is decoded (character references) into one buffer that the text nodes
 * point into; attributes other than the few extraction reads are skipped without a copy. The
 * implied ends it knows are the ones that change which block a text belongs to: a block start
 * closes an open <p>; <li>, <dt>/<dd>, <tr>, <td>/<th> and <option> close their open peers; a
 * heading start closes an open heading. Everything else (formatting reconstruction, foster
 * parenting, foreign content) is left out: it moves inline text around within a block, which
 * extraction does not see.
 */
#include "core/html.h"

#include "core/entities.h"
#include "core/text.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

/* Sorted in byte order of name, for the binary search. */
/* clang-format off */
static const struct html_element elements[] = {
    {"a", HTML_TEXT_INLINE, HTML_ROLE_INLINE, HTML_LEAN, HTML_ID_A},
    {"abbr", HTML_TEXT_INLINE, HTML_ROLE_INLINE, HTML_LEAN, HTML_ID_OTHER},
    {"acronym", HTML_TEXT_INLINE, HTML_ROLE_INLINE, HTML_LEAN, HTML_ID_OTHER},
    {"address", HTML_TEXT_BLOCK, HTML_ROLE_BLOCK, HTML_CLOSES_P | HTML_LEAN, HTML_ID_OTHER},
    {"applet", HTML_TEXT_SKIP, HTML_ROLE_DROP, 0, HTML_ID_APPLET},
    {"area", HTML_TEXT_INLINE, HTML_ROLE_DROP, HTML_VOID, HTML_ID_OTHER},
    {"article", HTML_TEXT_BLOCK, HTML_ROLE_BLOCK, HTML_CLOSES_P | HTML_LEAN, HTML_ID_ARTICLE},
    {"aside", HTML_TEXT_BLOCK, HTML_ROLE_DROP, HTML_CLOSES_P | HTML_LEAN, HTML_ID_OTHER},
    {"audio", HTML_TEXT_SKIP, HTML_ROLE_DROP, HTML_LEAN, HTML_ID_OTHER},
    {"b", HTML_TEXT_INLINE, HTML_ROLE_INLINE, HTML_LEAN, HTML_ID_OTHER},
    {"base", HTML_TEXT_INLINE, HTML_ROLE_DROP, HTML_VOID, HTML_ID_OTHER},
    {"basefont", HTML_TEXT_INLINE, HTML_ROLE_DROP, HTML_VOID, HTML_ID_OTHER},
    {"bdi", HTML_TEXT_INLINE, HTML_ROLE_INLINE, HTML_LEAN, HTML_ID_OTHER},
    {"bdo", HTML_TEXT_INLINE, HTML_ROLE_INLINE, HTML_LEAN, HTML_ID_OTHER},
    {"bgsound", HTML_TEXT_INLINE, HTML_ROLE_DROP, HTML_VOID, HTML_ID_OTHER},
    {"big", HTML_TEXT_INLINE, HTML_ROLE_INLINE, HTML_LEAN, HTML_ID_OTHER},
    {"blockquote", HTML_TEXT_BLOCK, HTML_ROLE_PARAGRAPH, HTML_CLOSES_P | HTML_LEAN, HTML_ID_OTHER},
    {"body", HTML_TEXT_BLOCK, HTML_ROLE_BLOCK, 0, HTML_ID_BODY},
    {"br", HTML_TEXT_BR, HTML_ROLE_BREAK, HTML_VOID | HTML_LEAN, HTML_ID_BR},
    {"button", HTML_TEXT_INLINE, HTML_ROLE_DROP, 0, HTML_ID_BUTTON},
    {"canvas", HTML_TEXT_SKIP, HTML_ROLE_DROP, HTML_LEAN, HTML_ID_OTHER},
    {"caption", HTML_TEXT_BLOCK, HTML_ROLE_CAPTION, HTML_LEAN, HTML_ID_CAPTION},
    {"center", HTML_TEXT_BLOCK, HTML_ROLE_BLOCK, HTML_CLOSES_P | HTML_LEAN, HTML_ID_OTHER},
    {"cite", HTML_TEXT_INLINE, HTML_ROLE_INLINE, HTML_LEAN, HTML_ID_OTHER},
    {"code", HTML_TEXT_INLINE, HTML_ROLE_INLINE, HTML_LEAN, HTML_ID_OTHER},
    {"col", HTML_TEXT_INLINE, HTML_ROLE_INLINE, HTML_VOID | HTML_LEAN, HTML_ID_OTHER},
    {"colgroup", HTML_TEXT_INLINE, HTML_ROLE_INLINE, HTML_LEAN, HTML_ID_OTHER},
    {"data", HTML_TEXT_INLINE, HTML_ROLE_INLINE, HTML_LEAN, HTML_ID_OTHER},
    {"datalist", HTML_TEXT_INLINE, HTML_ROLE_DROP, 0, HTML_ID_OTHER},
    {"dd", HTML_TEXT_BLOCK, HTML_ROLE_LIST_ITEM, HTML_CLOSES_P | HTML_LEAN, HTML_ID_DD},
    {"del", HTML_TEXT_INLINE, HTML_ROLE_INLINE, HTML_LEAN, HTML_ID_OTHER},
    {"details", HTML_TEXT_BLOCK, HTML_ROLE_BLOCK, HTML_CLOSES_P | HTML_LEAN, HTML_ID_OTHER},
    {"dfn", HTML_TEXT_INLINE, HTML_ROLE_INLINE, HTML_LEAN, HTML_ID_OTHER},
    {"dialog", HTML_TEXT_BLOCK, HTML_ROLE_DROP, HTML_CLOSES_P, HTML_ID_OTHER},
    {"dir", HTML_TEXT_BLOCK, HTML_ROLE_BLOCK, HTML_CLOSES_P | HTML_LEAN, HTML_ID_OTHER},
    {"div", HTML_TEXT_BLOCK, HTML_ROLE_BLOCK, HTML_CLOSES_P | HTML_LEAN, HTML_ID_OTHER},
    {"dl", HTML_TEXT_BLOCK, HTML_ROLE_BLOCK, HTML_CLOSES_P | HTML_LEAN, HTML_ID_DL},
    {"dt", HTML_TEXT_BLOCK, HTML_ROLE_LIST_ITEM, HTML_CLOSES_P | HTML_LEAN, HTML_ID_DT},
    {"em", HTML_TEXT_INLINE, HTML_ROLE_INLINE, HTML_LEAN, HTML_ID_OTHER},
    {"embed", HTML_TEXT_SKIP, HTML_ROLE_DROP, HTML_VOID, HTML_ID_OTHER},
    {"fieldset", HTML_TEXT_BLOCK, HTML_ROLE_BLOCK, HTML_CLOSES_P, HTML_ID_OTHER},
    {"figcaption", HTML_TEXT_BLOCK, HTML_ROLE_CAPTION, HTML_CLOSES_P | HTML_LEAN, HTML_ID_OTHER},
    {"figure", HTML_TEXT_BLOCK, HTML_ROLE_BLOCK, HTML_CLOSES_P | HTML_LEAN, HTML_ID_OTHER},
    {"font", HTML_TEXT_INLINE, HTML_ROLE_INLINE, HTML_LEAN, HTML_ID_OTHER},
    {"footer", HTML_TEXT_BLOCK, HTML_ROLE_DROP, HTML_CLOSES_P | HTML_LEAN, HTML_ID_OTHER},
    {"form", HTML_TEXT_BLOCK, HTML_ROLE_BLOCK, HTML_CLOSES_P, HTML_ID_FORM},
    {"frame", HTML_TEXT_SKIP, HTML_ROLE_DROP, HTML_VOID, HTML_ID_OTHER},
    {"frameset", HTML_TEXT_SKIP, HTML_ROLE_DROP, 0, HTML_ID_OTHER},
    {"h1", HTML_TEXT_BLOCK, HTML_ROLE_HEADING, HTML_CLOSES_P | HTML_LEAN, HTML_ID_H1},
    {"h2", HTML_TEXT_BLOCK, HTML_ROLE_HEADING, HTML_CLOSES_P | HTML_LEAN, HTML_ID_OTHER},
    {"h3", HTML_TEXT_BLOCK, HTML_ROLE_HEADING, HTML_CLOSES_P | HTML_LEAN, HTML_ID_OTHER},
    {"h4", HTML_TEXT_BLOCK, HTML_ROLE_HEADING, HTML_CLOSES_P | HTML_LEAN, HTML_ID_OTHER},
    {"h5", HTML_TEXT_BLOCK, HTML_ROLE_HEADING, HTML_CLOSES_P | HTML_LEAN, HTML_ID_OTHER},
    {"h6", HTML_TEXT_BLOCK, HTML_ROLE_HEADING, HTML_CLOSES_P | HTML_LEAN, HTML_ID_OTHER},
    {"head", HTML_TEXT_SKIP, HTML_ROLE_DROP, 0, HTML_ID_HEAD},
    {"header", HTML_TEXT_BLOCK, HTML_ROLE_BLOCK, HTML_CLOSES_P | HTML_LEAN, HTML_ID_HEADER},
    {"hgroup", HTML_TEXT_BLOCK, HTML_ROLE_BLOCK, HTML_CLOSES_P | HTML_LEAN, HTML_ID_OTHER},
    {"hr", HTML_TEXT_BLOCK, HTML_ROLE_BREAK, HTML_VOID | HTML_CLOSES_P | HTML_LEAN, HTML_ID_OTHER},
    {"html", HTML_TEXT_INLINE, HTML_ROLE_BLOCK, 0, HTML_ID_HTML},
    {"i", HTML_TEXT_INLINE, HTML_ROLE_INLINE, HTML_LEAN, HTML_ID_OTHER},
    {"iframe", HTML_TEXT_SKIP, HTML_ROLE_DROP, HTML_RAW | HTML_LEAN, HTML_ID_OTHER},
    {"img", HTML_TEXT_INLINE, HTML_ROLE_DROP, HTML_VOID | HTML_LEAN, HTML_ID_OTHER},
    {"input", HTML_TEXT_INLINE, HTML_ROLE_DROP, HTML_VOID, HTML_ID_OTHER},
    {"ins", HTML_TEXT_INLINE, HTML_ROLE_INLINE, HTML_LEAN, HTML_ID_OTHER},
    {"kbd", HTML_TEXT_INLINE, HTML_ROLE_INLINE, HTML_LEAN, HTML_ID_OTHER},
    {"keygen", HTML_TEXT_INLINE, HTML_ROLE_DROP, HTML_VOID, HTML_ID_OTHER},
    {"label", HTML_TEXT_INLINE, HTML_ROLE_DROP, 0, HTML_ID_OTHER},
    {"legend", HTML_TEXT_BLOCK, HTML_ROLE_CAPTION, 0, HTML_ID_OTHER},
    {"li", HTML_TEXT_BLOCK, HTML_ROLE_LIST_ITEM, HTML_CLOSES_P | HTML_LEAN, HTML_ID_LI},
    {"link", HTML_TEXT_INLINE, HTML_ROLE_DROP, HTML_VOID, HTML_ID_OTHER},
    {"listing", HTML_TEXT_PRE, HTML_ROLE_PARAGRAPH, HTML_CLOSES_P, HTML_ID_OTHER},
    {"main", HTML_TEXT_BLOCK, HTML_ROLE_BLOCK, HTML_CLOSES_P | HTML_LEAN, HTML_ID_MAIN},
    {"map", HTML_TEXT_INLINE, HTML_ROLE_DROP, 0, HTML_ID_OTHER},
    {"mark", HTML_TEXT_INLINE, HTML_ROLE_INLINE, HTML_LEAN, HTML_ID_OTHER},
    {"math", HTML_TEXT_SKIP, HTML_ROLE_DROP, 0, HTML_ID_OTHER},
    {"menu", HTML_TEXT_BLOCK, HTML_ROLE_DROP, HTML_CLOSES_P | HTML_LEAN, HTML_ID_OTHER},
    {"meta", HTML_TEXT_INLINE, HTML_ROLE_DROP, HTML_VOID, HTML_ID_META},
    {"meter", HTML_TEXT_INLINE, HTML_ROLE_DROP, 0, HTML_ID_OTHER},
    {"nav", HTML_TEXT_BLOCK, HTML_ROLE_DROP, HTML_CLOSES_P | HTML_LEAN, HTML_ID_OTHER},
    {"nobr", HTML_TEXT_INLINE, HTML_ROLE_INLINE, 0, HTML_ID_OTHER},
    {"noembed", HTML_TEXT_SKIP, HTML_ROLE_DROP, HTML_RAW, HTML_ID_OTHER},
    {"noframes", HTML_TEXT_SKIP, HTML_ROLE_DROP, HTML_RAW, HTML_ID_OTHER},
    {"noscript", HTML_TEXT_SKIP, HTML_ROLE_DROP, HTML_RAW | HTML_LEAN, HTML_ID_OTHER},
    {"object", HTML_TEXT_SKIP, HTML_ROLE_DROP, HTML_LEAN, HTML_ID_OBJECT},
    {"ol", HTML_TEXT_BLOCK, HTML_ROLE_BLOCK, HTML_CLOSES_P | HTML_LEAN, HTML_ID_OL},
    {"optgroup", HTML_TEXT_INLINE, HTML_ROLE_DROP, 0, HTML_ID_OPTGROUP},
    {"option", HTML_TEXT_INLINE, HTML_ROLE_DROP, 0, HTML_ID_OPTION},
    {"output", HTML_TEXT_INLINE, HTML_ROLE_DROP, 0, HTML_ID_OTHER},
    {"p", HTML_TEXT_BLOCK, HTML_ROLE_PARAGRAPH, HTML_CLOSES_P | HTML_LEAN, HTML_ID_P},
    {"param", HTML_TEXT_INLINE, HTML_ROLE_DROP, HTML_VOID, HTML_ID_OTHER},
    {"picture", HTML_TEXT_INLINE, HTML_ROLE_DROP, HTML_LEAN, HTML_ID_OTHER},
    {"plaintext", HTML_TEXT_INLINE, HTML_ROLE_PARAGRAPH, HTML_RAW | HTML_CLOSES_P, HTML_ID_OTHER},
    {"pre", HTML_TEXT_PRE, HTML_ROLE_PARAGRAPH, HTML_CLOSES_P, HTML_ID_OTHER},
    {"progress", HTML_TEXT_INLINE, HTML_ROLE_DROP, 0, HTML_ID_OTHER},
    {"q", HTML_TEXT_INLINE, HTML_ROLE_INLINE, HTML_LEAN, HTML_ID_OTHER},
    {"rb", HTML_TEXT_INLINE, HTML_ROLE_INLINE, 0, HTML_ID_OTHER},
    {"rp", HTML_TEXT_INLINE, HTML_ROLE_INLINE, 0, HTML_ID_OTHER},
    {"rt", HTML_TEXT_INLINE, HTML_ROLE_INLINE, 0, HTML_ID_OTHER},
    {"rtc", HTML_TEXT_INLINE, HTML_ROLE_INLINE, 0, HTML_ID_OTHER},
    {"ruby", HTML_TEXT_INLINE, HTML_ROLE_INLINE, 0, HTML_ID_OTHER},
    {"s", HTML_TEXT_INLINE, HTML_ROLE_INLINE, HTML_LEAN, HTML_ID_OTHER},
    {"samp", HTML_TEXT_INLINE, HTML_ROLE_INLINE, HTML_LEAN, HTML_ID_OTHER},
    {"script", HTML_TEXT_SKIP, HTML_ROLE_DROP, HTML_RAW | HTML_LEAN, HTML_ID_OTHER},
    {"section", HTML_TEXT_BLOCK, HTML_ROLE_BLOCK, HTML_CLOSES_P | HTML_LEAN, HTML_ID_OTHER},
    {"select", HTML_TEXT_SKIP, HTML_ROLE_DROP, 0, HTML_ID_OTHER},
    {"small", HTML_TEXT_INLINE, HTML_ROLE_INLINE, HTML_LEAN, HTML_ID_OTHER},
    {"source", HTML_TEXT_INLINE, HTML_ROLE_DROP, HTML_VOID | HTML_LEAN, HTML_ID_OTHER},
    {"span", HTML_TEXT_INLINE, HTML_ROLE_INLINE, HTML_LEAN, HTML_ID_OTHER},
    {"strike", HTML_TEXT_INLINE, HTML_ROLE_INLINE, HTML_LEAN, HTML_ID_OTHER},
    {"strong", HTML_TEXT_INLINE, HTML_ROLE_INLINE, HTML_LEAN, HTML_ID_OTHER},
    {"style", HTML_TEXT_SKIP, HTML_ROLE_DROP, HTML_RAW | HTML_LEAN, HTML_ID_OTHER},
    {"sub", HTML_TEXT_INLINE, HTML_ROLE_INLINE, HTML_LEAN, HTML_ID_OTHER},
    {"summary", HTML_TEXT_BLOCK, HTML_ROLE_HEADING, HTML_CLOSES_P | HTML_LEAN, HTML_ID_OTHER},
    {"sup", HTML_TEXT_INLINE, HTML_ROLE_INLINE, HTML_LEAN, HTML_ID_OTHER},
    {"svg", HTML_TEXT_SKIP, HTML_ROLE_DROP, 0, HTML_ID_OTHER},
    {"table", HTML_TEXT_BLOCK, HTML_ROLE_BLOCK, HTML_CLOSES_P | HTML_LEAN, HTML_ID_TABLE},
    {"tbody", HTML_TEXT_BLOCK, HTML_ROLE_BLOCK, HTML_LEAN, HTML_ID_TBODY},
    {"td", HTML_TEXT_CELL, HTML_ROLE_CELL, HTML_LEAN, HTML_ID_TD},
    {"template", HTML_TEXT_SKIP, HTML_ROLE_DROP, 0, HTML_ID_TEMPLATE},
    {"textarea", HTML_TEXT_SKIP, HTML_ROLE_DROP, HTML_RCDATA | HTML_LEAN, HTML_ID_OTHER},
    {"tfoot", HTML_TEXT_BLOCK, HTML_ROLE_BLOCK, HTML_LEAN, HTML_ID_TFOOT},
    {"th", HTML_TEXT_CELL, HTML_ROLE_CELL, HTML_LEAN, HTML_ID_TH},
    {"thead", HTML_TEXT_BLOCK, HTML_ROLE_BLOCK, HTML_LEAN, HTML_ID_THEAD},
    {"time", HTML_TEXT_INLINE, HTML_ROLE_INLINE, HTML_LEAN, HTML_ID_OTHER},
    {"title", HTML_TEXT_SKIP, HTML_ROLE_DROP, HTML_RCDATA, HTML_ID_TITLE},
    {"tr", HTML_TEXT_BLOCK, HTML_ROLE_ROW, HTML_LEAN, HTML_ID_TR},
    {"track", HTML_TEXT_INLINE, HTML_ROLE_DROP, HTML_VOID, HTML_ID_OTHER},
    {"tt", HTML_TEXT_INLINE, HTML_ROLE_INLINE, HTML_LEAN, HTML_ID_OTHER},
    {"u", HTML_TEXT_INLINE, HTML_ROLE_INLINE, HTML_LEAN, HTML_ID_OTHER},
    {"ul", HTML_TEXT_BLOCK, HTML_ROLE_BLOCK, HTML_CLOSES_P | HTML_LEAN, HTML_ID_UL},
    {"var", HTML_TEXT_INLINE, HTML_ROLE_INLINE, HTML_LEAN, HTML_ID_OTHER},
    {"video", HTML_TEXT_SKIP, HTML_ROLE_DROP, HTML_LEAN, HTML_ID_OTHER},
    {"wbr", HTML_TEXT_INLINE, HTML_ROLE_INLINE, HTML_VOID | HTML_LEAN, HTML_ID_OTHER},
    {"xmp", HTML_TEXT_INLINE, HTML_ROLE_PARAGRAPH, HTML_RAW | HTML_CLOSES_P, HTML_ID_OTHER},
};
/* clang-format on */

size_t html_element_count(void)
{
    return ARRAY_LEN(elements);
}

const struct html_element *html_element_at(size_t i)
{
    return i < ARRAY_LEN(elements) ? &elements[i] : NULL;
}

static long element_index(const char *name, size_t len)
{
    size_t lo = 0, hi = ARRAY_LEN(elements);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        /* byte order, as the table is sorted; a NUL inside name compares as a byte */
        size_t rl = strlen(elements[mid].name);
        int c = memcmp(name, elements[mid].name, len < rl ? len : rl);
        if (c == 0)
            c = len < rl ? -1 : len > rl;
        if (c == 0)
            return (long)mid;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return -1;
}

const struct html_element *html_element_find(const char *name, size_t len)
{
    if (len == 0)
        return NULL;
    long i = element_index(name, len);
    return i < 0 ? NULL : &elements[i];
}

uint32_t html_hash(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h ^= (uint32_t)ascii_tolower((unsigned char)s[i]);
        h *= 16777619u;
    }
    return h ? h : 1;
}

const struct html_element *html_node_element(const struct html_doc *doc, uint32_t n)
{
    const struct html_node *nd = &doc->nodes[n];
    if (nd->type != HTML_NODE_ELEMENT || nd->el == 0)
        return NULL;
    return &elements[nd->el - 1];
}

int html_node_id(const struct html_doc *doc, uint32_t n)
{
    const struct html_element *e = html_node_element(doc, n);
    return e ? e->id : HTML_ID_OTHER;
}

/* ---- parser ---- */

struct parser {
    struct html_doc *doc;
    const char *s;
    size_t len, pos;
    size_t cap_nodes;
    struct buf text;
    uint32_t stack[HTML_MAX_DEPTH];
    uint32_t last_child[HTML_MAX_DEPTH]; /* of each open element, for appending */
    size_t depth;                        /* stack[0] is the root */
    uint32_t open_text;                  /* the text node text is being appended to, or 0 */
    bool full;                           /* HTML_MAX_NODES reached */
};

static uint32_t new_node(struct parser *p, enum html_node_type type)
{
    struct html_doc *d = p->doc;
    if (d->n_nodes >= HTML_MAX_NODES) {
        p->full = true;
        return 0;
    }
    if (d->n_nodes == p->cap_nodes) {
        p->cap_nodes = p->cap_nodes ? p->cap_nodes * 2 : 1024;
        d->nodes = xreallocarray(d->nodes, p->cap_nodes, sizeof *d->nodes);
    }
    uint32_t n = (uint32_t)d->n_nodes++;
    struct html_node *nd = &d->nodes[n];
    memset(nd, 0, sizeof *nd);
    nd->type = (uint8_t)type;
    uint32_t parent = p->stack[p->depth - 1];
    nd->parent = parent;
    uint32_t prev = p->last_child[p->depth - 1];
    if (prev)
        d->nodes[prev].next = n;
    else
        d->nodes[parent].first_child = n;
    p->last_child[p->depth - 1] = n;
    return n;
}

static const struct html_element *top_element(const struct parser *p, size_t i)
{
    return html_node_element(p->doc, p->stack[i]);
}

static void pop_to(struct parser *p, size_t i)
{
    /* closes stack[i] and everything above it */
    if (i >= 1 && i < p->depth)
        p->depth = i;
    p->open_text = 0;
}

static int id_at(const struct parser *p, size_t i)
{
    const struct html_element *e = top_element(p, i);
    return e ? e->id : HTML_ID_OTHER;
}

/* The stack position of the nearest open element `id` below any of the `stops` (ids that
 * bound the search, ending with HTML_ID_OTHER), or 0. */
static size_t find_open(const struct parser *p, int id, const uint8_t *stops)
{
    for (size_t i = p->depth - 1; i >= 1; i--) {
        int e = id_at(p, i);
        if (e == HTML_ID_OTHER)
            continue;
        if (e == id)
            return i;
        for (size_t k = 0; stops && stops[k]; k++)
            if (e == stops[k])
                return 0;
    }
    return 0;
}

static const uint8_t p_scope[] = {
    HTML_ID_TABLE,  HTML_ID_TD,     HTML_ID_TH,       HTML_ID_CAPTION, HTML_ID_BUTTON,
    HTML_ID_OBJECT, HTML_ID_APPLET, HTML_ID_TEMPLATE, HTML_ID_HTML,    0};
static const uint8_t li_scope[] = {
    HTML_ID_UL, HTML_ID_OL, HTML_ID_TABLE, HTML_ID_TD, HTML_ID_TH, HTML_ID_TEMPLATE, 0};
static const uint8_t dd_scope[] = {HTML_ID_DL, HTML_ID_TABLE,    HTML_ID_TD,
                                   HTML_ID_TH, HTML_ID_TEMPLATE, 0};
static const uint8_t cell_scope[] = {HTML_ID_TR, HTML_ID_TABLE, HTML_ID_TEMPLATE, 0};
static const uint8_t row_scope[] = {HTML_ID_TABLE, HTML_ID_TEMPLATE, 0};

static void close_named(struct parser *p, int id, const uint8_t *stops)
{
    size_t i = find_open(p, id, stops);
    if (i)
        pop_to(p, i);
}

/* Implied ends before the start tag of element e. */
static void implied_ends(struct parser *p, const struct html_element *e)
{
    if (e->flags & HTML_CLOSES_P)
        close_named(p, HTML_ID_P, p_scope);
    switch (e->id) {
    case HTML_ID_LI:
        close_named(p, HTML_ID_LI, li_scope);
        break;
    case HTML_ID_DD:
    case HTML_ID_DT:
        close_named(p, HTML_ID_DD, dd_scope);
        close_named(p, HTML_ID_DT, dd_scope);
        break;
    case HTML_ID_TD:
    case HTML_ID_TH:
        close_named(p, HTML_ID_TD, cell_scope);
        close_named(p, HTML_ID_TH, cell_scope);
        break;
    case HTML_ID_TR:
        close_named(p, HTML_ID_TR, row_scope);
        break;
    case HTML_ID_TBODY:
    case HTML_ID_THEAD:
    case HTML_ID_TFOOT:
        close_named(p, HTML_ID_TBODY, row_scope);
        close_named(p, HTML_ID_THEAD, row_scope);
        close_named(p, HTML_ID_TFOOT, row_scope);
        break;
    case HTML_ID_OPTION:
    case HTML_ID_OPTGROUP:
        close_named(p, HTML_ID_OPTION, NULL);
        break;
    case HTML_ID_A:
        if (id_at(p, p->depth - 1) == HTML_ID_A)
            pop_to(p, p->depth - 1);
        break;
    default:
        if (e->role == HTML_ROLE_HEADING && e->name[0] == 'h') {
            const struct html_element *t = top_element(p, p->depth - 1);
            if (t && t->role == HTML_ROLE_HEADING && t->name[0] == 'h')
                pop_to(p, p->depth - 1);
        }
        break;
    }
}

static bool tag_space(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
}

/* Appends text s[0..n) with character references decoded (when `refs`) to the open text
 * node, making one if needed. */
static void add_text(struct parser *p, const char *s, size_t n, bool refs)
{
    if (n == 0 || p->full)
        return;
    if (!p->open_text) {
        uint32_t t = new_node(p, HTML_NODE_TEXT);
        if (!t)
            return;
        p->open_text = t;
        p->doc->nodes[t].off = (uint32_t)p->text.len;
    }
    size_t before = p->text.len;
    if (!refs) {
        buf_append(&p->text, s, n);
    } else {
        size_t i = 0;
        while (i < n) {
            const char *amp = memchr(s + i, '&', n - i);
            size_t stop = amp ? (size_t)(amp - s) : n;
            buf_append(&p->text, s + i, stop - i);
            i = stop;
            if (!amp)
                break;
            uint32_t cp[2];
            int ncp = 0;
            size_t used = entities_decode(s + i, n - i, cp, &ncp);
            if (used == 0) {
                buf_append_char(&p->text, '&');
                i++;
                continue;
            }
            for (int k = 0; k < ncp; k++) {
                char enc[4];
                buf_append(&p->text, enc, text_utf8_encode(cp[k], enc));
            }
            i += used;
        }
    }
    p->doc->nodes[p->open_text].len += (uint32_t)(p->text.len - before);
}

/* Is s[i..) the end tag of `name` (n bytes)? Then returns the index past its '>' (or the end
 * of input), else 0. */
static size_t end_tag_at(const char *s, size_t len, size_t i, const char *name, size_t n)
{
    if (len - i < n + 2 || s[i] != '<' || s[i + 1] != '/' ||
        ascii_strncasecmp(s + i + 2, name, n) != 0)
        return 0;
    size_t j = i + 2 + n;
    if (j < len && !tag_space((unsigned char)s[j]) && s[j] != '>' && s[j] != '/')
        return 0;
    const char *gt = memchr(s + j, '>', len - j);
    return gt ? (size_t)(gt - s) + 1 : len;
}

/* Skips raw text up to the end tag of `name`; returns the index past it. With `text`, the
 * raw text becomes a text node (title, textarea). */
static size_t skip_raw(struct parser *p, size_t i, const char *name, bool text)
{
    size_t n = strlen(name);
    const char *s = p->s;
    size_t start = i;
    while (i < p->len) {
        const char *lt = memchr(s + i, '<', p->len - i);
        if (!lt)
            break;
        i = (size_t)(lt - s);
        size_t e = end_tag_at(s, p->len, i, name, n);
        if (e) {
            if (text)
                add_text(p, s + start, i - start, true);
            return e;
        }
        i++;
    }
    if (text)
        add_text(p, s + start, p->len - start, true);
    return p->len;
}

struct attrs {
    const char *cls, *id, *role, *style, *lang, *property, *name, *content;
    size_t cls_len, id_len, role_len, style_len, lang_len, property_len, name_len, content_len;
    bool hidden, aria_hidden;
};

static bool attr_is(const char *a, size_t n, const char *name)
{
    return strlen(name) == n && !ascii_strncasecmp(a, name, n);
}

/* Reads attributes from s[i..) up to the tag's '>'. Returns the index past '>', or 0 when
 * the input ends inside the tag. *self_closed is set for "/>". */
static size_t read_attrs(const char *s, size_t len, size_t i, struct attrs *a, bool *self_closed)
{
    *self_closed = false;
    for (;;) {
        while (i < len && (tag_space((unsigned char)s[i]) || s[i] == '/')) {
            if (s[i] == '/' && i + 1 < len && s[i + 1] == '>')
                *self_closed = true;
            i++;
        }
        if (i >= len)
            return 0;
        if (s[i] == '>')
            return i + 1;
        size_t ns = i;
        while (i < len && !tag_space((unsigned char)s[i]) && s[i] != '/' && s[i] != '>' &&
               (s[i] != '=' || i == ns))
            i++;
        size_t nl = i - ns;
        while (i < len && tag_space((unsigned char)s[i]))
            i++;
        const char *v = NULL;
        size_t vl = 0;
        if (i < len && s[i] == '=') {
            i++;
            while (i < len && tag_space((unsigned char)s[i]))
                i++;
            if (i >= len)
                return 0;
            if (s[i] == '"' || s[i] == '\'') {
                const char *q = memchr(s + i + 1, s[i], len - i - 1);
                if (!q)
                    return 0;
                v = s + i + 1;
                vl = (size_t)(q - v);
                i = (size_t)(q - s) + 1;
            } else {
                v = s + i;
                while (i < len && !tag_space((unsigned char)s[i]) && s[i] != '>')
                    i++;
                vl = (size_t)(s + i - v);
            }
        }
        const char *nm = s + ns;
        switch (nl) {
        case 2:
            if (attr_is(nm, nl, "id") && !a->id)
                a->id = v, a->id_len = vl;
            break;
        case 4:
            if (attr_is(nm, nl, "role") && !a->role)
                a->role = v, a->role_len = vl;
            else if (attr_is(nm, nl, "lang") && !a->lang)
                a->lang = v, a->lang_len = vl;
            else if (attr_is(nm, nl, "name") && !a->name)
                a->name = v, a->name_len = vl;
            break;
        case 5:
            if (attr_is(nm, nl, "class") && !a->cls)
                a->cls = v, a->cls_len = vl;
            else if (attr_is(nm, nl, "style") && !a->style)
                a->style = v, a->style_len = vl;
            break;
        case 6:
            if (attr_is(nm, nl, "hidden"))
                a->hidden = true;
            break;
        case 7:
            if (attr_is(nm, nl, "content") && !a->content)
                a->content = v, a->content_len = vl;
            break;
        case 8:
            if (attr_is(nm, nl, "property") && !a->property)
                a->property = v, a->property_len = vl;
            break;
        case 11:
            if (attr_is(nm, nl, "aria-hidden") && v && attr_is(v, vl, "true"))
                a->aria_hidden = true;
            break;
        default:
            break;
        }
    }
}

static bool has_ci(const char *s, size_t len, const char *needle)
{
    size_t nl = strlen(needle);
    for (size_t i = 0; i + nl <= len; i++)
        if (!ascii_strncasecmp(s + i, needle, nl))
            return true;
    return false;
}

/* display:none / visibility:hidden in a style attribute (spaces allowed around ':'). */
static bool style_hides(const char *s, size_t len)
{
    char buf[256];
    size_t o = 0;
    for (size_t i = 0; i < len && o + 1 < sizeof buf; i++)
        if (!tag_space((unsigned char)s[i]))
            buf[o++] = (char)ascii_tolower((unsigned char)s[i]);
    return has_ci(buf, o, "display:none") || has_ci(buf, o, "visibility:hidden");
}

static char *decode_value(const char *v, size_t n)
{
    char *t = text_decode_entities(v, n);
    char *r = text_from_plain(t, strlen(t), TEXT_INLINE, 1024);
    free(t);
    return r;
}

static void start_element(struct parser *p, const char *name, size_t nlen, struct attrs *a,
                          bool self_closed)
{
    long idx = element_index(name, nlen);
    const struct html_element *e = idx >= 0 ? &elements[idx] : NULL;
    struct html_doc *d = p->doc;
    int id = e ? e->id : HTML_ID_OTHER;
    if (id == HTML_ID_META) {
        const char *key = a->property ? a->property : a->name;
        size_t kl = a->property ? a->property_len : a->name_len;
        if (key && a->content && !d->og_title &&
            (attr_is(key, kl, "og:title") || attr_is(key, kl, "twitter:title"))) {
            char *t = decode_value(a->content, a->content_len);
            if (*t)
                d->og_title = t;
            else
                free(t);
        }
    }
    if (id == HTML_ID_HTML && a->lang && !d->lang[0] && a->lang_len >= 2 &&
        ascii_isalpha((unsigned char)a->lang[0]) && ascii_isalpha((unsigned char)a->lang[1]) &&
        (a->lang_len == 2 || a->lang[2] == '-' || a->lang[2] == '_')) {
        d->lang[0] = (char)ascii_tolower((unsigned char)a->lang[0]);
        d->lang[1] = (char)ascii_tolower((unsigned char)a->lang[1]);
    }
    /* html, head and body are implied once; repeats only lend attributes, as in browsers */
    if ((id == HTML_ID_HTML || id == HTML_ID_BODY || id == HTML_ID_HEAD) && find_open(p, id, NULL))
        return;
    if (e)
        implied_ends(p, e);
    p->open_text = 0;
    uint32_t n = new_node(p, HTML_NODE_ELEMENT);
    if (!n)
        return;
    struct html_node *nd = &d->nodes[n];
    nd->el = (uint16_t)(e ? idx + 1 : 0);
    nd->name_hash = html_hash(name, nlen);
    if (a->hidden || a->aria_hidden || (a->style && style_hides(a->style, a->style_len)))
        nd->flags |= HTML_HIDDEN;
    if (a->role && a->role_len)
        nd->role_attr = html_hash(a->role, a->role_len);
    if (a->cls_len || a->id_len) {
        nd->off = (uint32_t)p->text.len;
        if (a->cls_len)
            buf_append(&p->text, a->cls, a->cls_len);
        if (a->id_len) {
            buf_append_char(&p->text, ' ');
            buf_append(&p->text, a->id, a->id_len);
        }
        nd->len = (uint32_t)(p->text.len - nd->off);
    }
    if (id == HTML_ID_TITLE && !d->title)
        d->title = n;
    if ((e && (e->flags & HTML_VOID)) || self_closed)
        return;
    if (e && (e->flags & (HTML_RAW | HTML_RCDATA))) {
        /* the element stays empty or gets its text; nothing is pushed */
        if (p->depth < HTML_MAX_DEPTH) {
            p->stack[p->depth] = n;
            p->last_child[p->depth] = 0;
            p->depth++;
            p->pos = skip_raw(p, p->pos, e->name, (e->flags & HTML_RCDATA) != 0);
            p->depth--;
        } else {
            p->pos = skip_raw(p, p->pos, e->name, false);
        }
        p->open_text = 0;
        return;
    }
    if (p->depth >= HTML_MAX_DEPTH)
        return; /* too deep: the element exists but holds nothing; its text goes to the parent */
    p->stack[p->depth] = n;
    p->last_child[p->depth] = 0;
    p->depth++;
}

static void end_element(struct parser *p, const char *name, size_t nlen)
{
    long idx = element_index(name, nlen);
    if (idx >= 0) {
        const struct html_element *e = &elements[idx];
        const uint8_t *stops = NULL; /* </p>, </li>, </td> ... do not reach past their scope */
        switch (e->id) {
        case HTML_ID_BR: { /* </br> is a <br> */
            struct attrs a = {0};
            start_element(p, name, nlen, &a, true);
            return;
        }
        case HTML_ID_HTML:
        case HTML_ID_BODY:
            return;
        case HTML_ID_P:
            stops = p_scope;
            break;
        case HTML_ID_LI:
            stops = li_scope;
            break;
        case HTML_ID_TD:
        case HTML_ID_TH:
            stops = cell_scope;
            break;
        case HTML_ID_TR:
            stops = row_scope;
            break;
        default:
            break;
        }
        if (e->id != HTML_ID_OTHER) {
            close_named(p, e->id, stops);
            return;
        }
        for (size_t i = p->depth - 1; i >= 1; i--) {
            if (top_element(p, i) == e) {
                pop_to(p, i);
                return;
            }
        }
        return;
    }
    uint32_t h = html_hash(name, nlen);
    for (size_t i = p->depth - 1; i >= 1; i--) {
        const struct html_node *nd = &p->doc->nodes[p->stack[i]];
        if (nd->el == 0 && nd->name_hash == h) {
            pop_to(p, i);
            return;
        }
    }
}

/* After '<' at p->pos - 1: a tag, comment or declaration. Returns false when the '<' is
 * text. */
static bool markup(struct parser *p)
{
    const char *s = p->s;
    size_t len = p->len, i = p->pos; /* s[i - 1] == '<' */
    if (i >= len)
        return false;
    if (s[i] == '!') {
        if (len - i >= 3 && s[i + 1] == '-' && s[i + 2] == '-') {
            size_t j = i + 3;
            for (;;) {
                const char *d = memchr(s + j, '-', len - j);
                if (!d || (size_t)(d - s) + 2 >= len) {
                    p->pos = len;
                    return true;
                }
                j = (size_t)(d - s);
                if (s[j + 1] == '-' &&
                    (s[j + 2] == '>' || (s[j + 2] == '!' && j + 3 < len && s[j + 3] == '>'))) {
                    p->pos = j + (s[j + 2] == '>' ? 3 : 4);
                    return true;
                }
                j++;
            }
        }
        const char *gt = memchr(s + i, '>', len - i);
        p->pos = gt ? (size_t)(gt - s) + 1 : len;
        return true;
    }
    if (s[i] == '?') {
        const char *gt = memchr(s + i, '>', len - i);
        p->pos = gt ? (size_t)(gt - s) + 1 : len;
        return true;
    }
    bool end = s[i] == '/';
    if (end)
        i++;
    if (i >= len || !ascii_isalpha((unsigned char)s[i])) {
        if (!end)
            return false;
        /* "</ 3>", "</>": a bogus comment */
        const char *gt = memchr(s + i, '>', len - i);
        p->pos = gt ? (size_t)(gt - s) + 1 : len;
        return true;
    }
    char name[32];
    size_t nl = 0, ns = i;
    while (i < len && !tag_space((unsigned char)s[i]) && s[i] != '/' && s[i] != '>') {
        if (nl < sizeof name)
            name[nl] = (char)ascii_tolower((unsigned char)s[i]);
        nl++;
        i++;
    }
    (void)ns;
    if (nl > sizeof name)
        nl = sizeof name; /* a long custom element name: its prefix still pairs with its end */
    struct attrs a = {0};
    bool self_closed = false;
    size_t after = read_attrs(s, len, i, &a, &self_closed);
    if (!after) {
        p->pos = len; /* the input ends inside a tag: the tag is dropped */
        return true;
    }
    p->pos = after;
    if (end)
        end_element(p, name, nl);
    else
        start_element(p, name, nl, &a, self_closed);
    return true;
}

void html_parse(const char *s, size_t len, struct html_doc *doc)
{
    memset(doc, 0, sizeof *doc);
    struct parser p = {.doc = doc, .s = s ? s : "", .len = s ? len : 0};
    p.text.cap_limit = 0;
    /* the root */
    p.cap_nodes = 1024;
    doc->nodes = xreallocarray(NULL, p.cap_nodes, sizeof *doc->nodes);
    memset(&doc->nodes[0], 0, sizeof doc->nodes[0]);
    doc->nodes[0].type = HTML_NODE_ROOT;
    doc->n_nodes = 1;
    p.stack[0] = 0;
    p.last_child[0] = 0;
    p.depth = 1;
    while (p.pos < p.len) {
        const char *lt = memchr(p.s + p.pos, '<', p.len - p.pos);
        size_t stop = lt ? (size_t)(lt - p.s) : p.len;
        add_text(&p, p.s + p.pos, stop - p.pos, true);
        p.pos = stop;
        if (!lt)
            break;
        p.pos++;
        if (!markup(&p))
            add_text(&p, "<", 1, false);
    }
    doc->text_len = p.text.len;
    doc->text = buf_steal(&p.text);
}

void html_doc_free(struct html_doc *doc)
{
    if (!doc)
        return;
    free(doc->nodes);
    free(doc->text);
    free(doc->og_title);
    memset(doc, 0, sizeof *doc);
}
