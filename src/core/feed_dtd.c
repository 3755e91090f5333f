/*
 * Entities declared in a feed's own internal DTD subset, expanded before libxml2 reads the
 * document (docs/feeds.md, "Entities").
 *
 *     <!DOCTYPE rss [ <!ENTITY id "tag:example.com,2004:"> ]> ... <guid>&id;17</guid>
 *
 * Every tolerant reader expands these, so we do too, but on our own terms rather than
 * libxml2's (which, given an entity callback, would expand them with limits that have changed
 * from release to release): the declarations are read from the internal subset, and each
 * reference to one in content or in an attribute value is replaced by its text. Limits:
 * - internal general entities only; a document that declares an external one (SYSTEM or
 *   PUBLIC: an XXE attempt) is refused, as before; parameter entities are left alone (and to
 *   the checks in feed_xml.c);
 * - entities may refer to each other up to ENTITY_DEPTH deep, never in a cycle;
 * - the expansions of the whole document may add at most ENTITY_ADDED_MAX bytes and take at
 *   most ENTITY_REFS_MAX references (nested ones counted): the billion-laughs document (ten
 *   entities of ten references each) and the quadratic blowup (one large entity referenced
 *   many times) are refused with a clear error, before any expansion work.
 *
 * The replacement text is the literal as written (character references and the predefined
 * entities in it are left for libxml2 to decode, which makes "&#60;" in a value the text
 * "<" rather than markup: a departure from XML 1.0 4.5 on the safe side). In an attribute
 * value, quotes and '<' in the replacement are written as character references.
 *
 * Positions: after an expansion, libxml2's line and column numbers refer to the expanded text
 * (the same as the document's, unless a value holds newlines).
 */
#include "core/feed_internal.h"

#include "core/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ENTITY_MAX       256               /* declarations kept */
#define ENTITY_NAME_MAX  64                /* longer names are not kept */
#define ENTITY_DEPTH     8                 /* nesting of entities in entities */
#define ENTITY_ADDED_MAX (1024u * 1024)    /* bytes all expansions may add */
#define ENTITY_REFS_MAX  (200u * 1000)     /* references expanded, nested ones included */
#define SATURATE         ((size_t)1 << 40) /* sizes stop growing here */

struct entity_decl {
    const char *name, *value; /* in the document */
    size_t name_len, value_len;
    /* Computed: the expanded length and the references an expansion takes (itself and all
     * nested ones), both saturating at SATURATE. */
    size_t expanded, refs;
    int depth;           /* 1 + the deepest nesting below it */
    unsigned char state; /* 0 not yet computed, 1 being computed, 2 done */
    bool external;
};

struct dtd {
    struct entity_decl v[ENTITY_MAX];
    size_t n;
    const char *text; /* the document, for positions in errors */
};

static bool is_space(char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

static bool is_name_char(unsigned char c)
{
    return ascii_isalpha(c) || ascii_isdigit(c) || c == '_' || c == ':' || c == '-' || c == '.' ||
           c >= 0x80;
}

static const char *find_str(const char *p, const char *end, const char *what)
{
    size_t wl = strlen(what);
    while ((size_t)(end - p) >= wl) {
        const char *q = memchr(p, what[0], (size_t)(end - p) - wl + 1);
        if (!q)
            return NULL;
        if (!memcmp(q, what, wl))
            return q;
        p = q + 1;
    }
    return NULL;
}

static bool starts(const char *p, const char *end, const char *what)
{
    size_t wl = strlen(what);
    return (size_t)(end - p) >= wl && !memcmp(p, what, wl);
}

/* Past a declaration's closing '>' (quoted literals may hold '>'); NULL if unclosed. */
static const char *skip_decl(const char *p, const char *end)
{
    for (; p < end; p++) {
        if (*p == '>')
            return p + 1;
        if (*p == '"' || *p == '\'') {
            const char *q = memchr(p + 1, *p, (size_t)(end - p - 1));
            if (!q)
                return NULL;
            p = q;
        }
    }
    return NULL;
}

static struct entity_decl *lookup(struct dtd *d, const char *name, size_t n)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->v[i].name_len == n && !memcmp(d->v[i].name, name, n))
            return &d->v[i];
    return NULL;
}

/* <!ENTITY name "value"> at p (past "<!ENTITY"); returns past its '>' or NULL (unreadable). */
static const char *read_entity(struct dtd *d, const char *p, const char *end)
{
    while (p < end && is_space(*p))
        p++;
    if (p < end && *p == '%')
        return skip_decl(p, end); /* a parameter entity: not ours */
    const char *name = p;
    while (p < end && is_name_char((unsigned char)*p))
        p++;
    size_t nl = (size_t)(p - name);
    if (!nl || p >= end || !is_space(*p))
        return NULL;
    while (p < end && is_space(*p))
        p++;
    struct entity_decl e = {.name = name, .name_len = nl};
    if (p < end && (*p == '"' || *p == '\'')) {
        const char *q = memchr(p + 1, *p, (size_t)(end - p - 1));
        if (!q)
            return NULL;
        e.value = p + 1;
        e.value_len = (size_t)(q - p - 1);
        p = q + 1;
    } else if (starts(p, end, "SYSTEM") || starts(p, end, "PUBLIC")) {
        e.external = true;
    } else {
        return NULL;
    }
    const char *after = skip_decl(p, end);
    /* XML: the first declaration of a name binds it. */
    if (after && nl <= ENTITY_NAME_MAX && d->n < ENTITY_MAX && !lookup(d, name, nl))
        d->v[d->n++] = e;
    return after;
}

/* Reads the internal subset of a DOCTYPE in the prolog into a new *dp (when there is one; the
 * caller frees it). Returns where the body (after the DOCTYPE) starts, or NULL when there is
 * no internal subset or it cannot be read (then the document is left to libxml2 as it is). */
static const char *read_subset(struct dtd **dp, const char *s, const char *end)
{
    const char *p = s;
    /* The prolog: declaration, comments, PIs, whitespace, then the DOCTYPE. */
    for (;;) {
        while (p < end && is_space(*p))
            p++;
        if (starts(p, end, "<?")) {
            const char *q = find_str(p + 2, end, "?>");
            if (!q)
                return NULL;
            p = q + 2;
        } else if (starts(p, end, "<!--")) {
            const char *q = find_str(p + 4, end, "-->");
            if (!q)
                return NULL;
            p = q + 3;
        } else if (starts(p, end, "\xEF\xBB\xBF")) {
            p += 3;
        } else {
            break;
        }
    }
    if (!starts(p, end, "<!DOCTYPE"))
        return NULL;
    /* The root name and an external id, up to '[' (or '>': no internal subset). */
    for (p += 9; p < end && *p != '[' && *p != '>'; p++) {
        if (*p == '"' || *p == '\'') {
            const char *q = memchr(p + 1, *p, (size_t)(end - p - 1));
            if (!q)
                return NULL;
            p = q;
        }
    }
    if (p >= end || *p != '[')
        return NULL;
    p++;
    struct dtd *d = *dp = xcalloc(1, sizeof *d);
    d->text = s;
    for (;;) {
        while (p < end && is_space(*p))
            p++;
        if (p >= end)
            return NULL;
        if (*p == ']') {
            p++;
            while (p < end && is_space(*p))
                p++;
            return p < end && *p == '>' ? p + 1 : NULL;
        }
        if (starts(p, end, "<!--")) {
            const char *q = find_str(p + 4, end, "-->");
            p = q ? q + 3 : NULL;
        } else if (starts(p, end, "<?")) {
            const char *q = find_str(p + 2, end, "?>");
            p = q ? q + 2 : NULL;
        } else if (starts(p, end, "<!ENTITY")) {
            p = read_entity(d, p + 8, end);
        } else if (starts(p, end, "<!")) {
            p = skip_decl(p + 2, end);
        } else if (*p == '%') {
            const char *q = memchr(p, ';', (size_t)(end - p));
            p = q ? q + 1 : NULL;
        } else {
            return NULL;
        }
        if (!p)
            return NULL;
    }
}

/* The declared entity referred to at p ('&'), or NULL; *len the reference's length. */
static struct entity_decl *ref_at(struct dtd *d, const char *p, const char *end, size_t *len)
{
    const char *q = p + 1;
    while (q < end && q - p <= ENTITY_NAME_MAX + 1 && is_name_char((unsigned char)*q))
        q++;
    if (q >= end || *q != ';' || q == p + 1)
        return NULL;
    struct entity_decl *e = lookup(d, p + 1, (size_t)(q - p - 1));
    if (e)
        *len = (size_t)(q - p) + 1;
    return e;
}

static size_t sat_add(size_t a, size_t b)
{
    return a + b > SATURATE ? SATURATE : a + b;
}

static void position(const char *text, const char *at, int *line, int *column)
{
    int l = 1;
    const char *bol = text;
    for (const char *q = text; (q = memchr(q, '\n', (size_t)(at - q))); q++) {
        l++;
        bol = q + 1;
    }
    *line = l;
    *column = (int)(at - bol) + 1;
}

/* Fills e->expanded, e->refs and e->depth (recursively); false with err on a cycle or when
 * nested too deep. */
static bool measure(struct dtd *d, struct entity_decl *e, struct error *err)
{
    if (e->state == 2)
        return true;
    int line, column;
    position(d->text, e->name, &line, &column);
    if (e->state == 1)
        return error_set_at(err, line, column, "entity '%.*s' refers to itself (refused)",
                            (int)e->name_len, e->name);
    e->state = 1;
    size_t expanded = 0, refs = 1;
    int depth = 1;
    const char *p = e->value, *end = e->value + e->value_len;
    while (p < end) {
        const char *amp = memchr(p, '&', (size_t)(end - p));
        if (!amp) {
            expanded = sat_add(expanded, (size_t)(end - p));
            break;
        }
        expanded = sat_add(expanded, (size_t)(amp - p));
        size_t rl;
        struct entity_decl *c = ref_at(d, amp, end, &rl);
        if (!c) {
            expanded = sat_add(expanded, 1);
            p = amp + 1;
            continue;
        }
        if (c->external)
            return error_set_at(err, line, column,
                                "external entity '%.*s' refused (a feed may not refer to "
                                "other files)",
                                (int)c->name_len, c->name);
        if (!measure(d, c, err))
            return false;
        if (c->depth + 1 > depth)
            depth = c->depth + 1;
        if (depth > ENTITY_DEPTH)
            return error_set_at(err, line, column,
                                "entity '%.*s': entities nested more than %d deep (refused)",
                                (int)e->name_len, e->name, ENTITY_DEPTH);
        expanded = sat_add(expanded, c->expanded);
        refs = sat_add(refs, c->refs);
        p = amp + rl;
    }
    e->expanded = expanded;
    e->refs = refs;
    e->depth = depth;
    e->state = 2;
    return true;
}

/* Appends e's replacement text, its own references expanded; in an attribute value (quote is
 * its delimiter) quotes and '<' become character references. */
static void expand_into(struct dtd *d, const struct entity_decl *e, char quote, struct buf *out)
{
    const char *p = e->value, *end = e->value + e->value_len;
    while (p < end) {
        size_t rl;
        struct entity_decl *c = *p == '&' ? ref_at(d, p, end, &rl) : NULL;
        if (c) {
            expand_into(d, c, quote, out);
            p += rl;
        } else if (quote && (*p == '"' || *p == '\'' || *p == '<')) {
            buf_printf(out, "&#%d;", *p);
            p++;
        } else {
            buf_append_char(out, *p);
            p++;
        }
    }
}

bool feed_dtd_expand(const char *text, size_t len, char **out, size_t *out_len, struct error *err)
{
    *out = NULL;
    *out_len = 0;
    const char *end = text + len;
    /* Only the prolog is read to find out (the DOCTYPE comes before the root element): a
     * document without an internal subset costs a few bytes' look. */
    struct dtd *d = NULL;
    bool ok = true;
    const char *body = read_subset(&d, text, end);
    if (!body || !d || d->n == 0)
        goto done;
    for (size_t i = 0; i < d->n && ok; i++) {
        if (d->v[i].external) {
            int line, column;
            position(text, d->v[i].name, &line, &column);
            ok = error_set_at(err, line, column,
                              "external entity '%.*s' refused (a feed may not refer to other "
                              "files)",
                              (int)d->v[i].name_len, d->v[i].name);
        } else {
            ok = measure(d, &d->v[i], err);
        }
    }
    if (!ok)
        goto done;

    /* The body: references in content and in attribute values; not in comments, CDATA
     * sections or processing instructions, where '&' is just a character. */
    struct buf o = {0};
    size_t added = 0, refs = 0;
    const char *p = body, *run = text;
    char quote = 0;      /* in an attribute value delimited by this */
    bool in_tag = false; /* inside a start tag */
    bool expanded_any = false;
    while (p < end) {
        char c = *p;
        if (!in_tag && c == '<') {
            const char *close;
            size_t cl;
            if (starts(p, end, "<!--")) {
                close = find_str(p + 4, end, "-->");
                cl = 3;
            } else if (starts(p, end, "<![CDATA[")) {
                close = find_str(p + 9, end, "]]>");
                cl = 3;
            } else if (starts(p, end, "<?")) {
                close = find_str(p + 2, end, "?>");
                cl = 2;
            } else {
                in_tag = p + 1 < end && p[1] != '/' && p[1] != '!';
                p++;
                continue;
            }
            if (!close)
                break; /* unclosed: nothing after it is content */
            p = close + cl;
            continue;
        }
        if (in_tag && !quote) {
            if (c == '>')
                in_tag = false;
            else if (c == '"' || c == '\'')
                quote = c;
            p++;
            continue;
        }
        if (quote && c == quote) {
            quote = 0;
            p++;
            continue;
        }
        if (c != '&') {
            p++;
            continue;
        }
        size_t rl;
        struct entity_decl *e = ref_at(d, p, end, &rl);
        if (!e || e->external) {
            p++;
            continue;
        }
        added = sat_add(added, e->expanded);
        refs = sat_add(refs, e->refs);
        if (added > ENTITY_ADDED_MAX || refs > ENTITY_REFS_MAX) {
            int line, column;
            position(text, p, &line, &column);
            ok = error_set_at(err, line, column,
                              "entity '%.*s': the document's entities would expand past %s "
                              "(an entity expansion bomb; refused)",
                              (int)e->name_len, e->name,
                              added > ENTITY_ADDED_MAX ? "1 MiB" : "200000 references");
            buf_free(&o);
            goto done;
        }
        buf_append(&o, run, (size_t)(p - run));
        expand_into(d, e, quote, &o);
        p += rl;
        run = p;
        expanded_any = true;
    }
    if (expanded_any) {
        buf_append(&o, run, (size_t)(end - run));
        *out_len = o.len;
        *out = buf_steal(&o);
    } else {
        buf_free(&o);
    }
done:
    free(d);
    return ok;
}
