/* Pictures named in HTML (imgref.h). */
#include "core/imgref.h"

#include "core/text.h"
#include "core/util.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct attr {
    const char *name, *val;
    size_t nlen, vlen;
};

#define MAX_ATTRS 24

/* Reads the attributes of the tag whose name ends at *i; stops after '>'. */
static size_t read_attrs(const char *s, size_t n, size_t *i, struct attr *a)
{
    size_t k = 0, p = *i;
    while (p < n && s[p] != '>') {
        while (p < n && (ascii_isspace((unsigned char)s[p]) || s[p] == '/'))
            p++;
        if (p >= n || s[p] == '>')
            break;
        size_t ns = p;
        while (p < n && !ascii_isspace((unsigned char)s[p]) && s[p] != '=' && s[p] != '>' &&
               s[p] != '/')
            p++;
        struct attr at = {s + ns, NULL, p - ns, 0};
        while (p < n && ascii_isspace((unsigned char)s[p]))
            p++;
        if (p < n && s[p] == '=') {
            p++;
            while (p < n && ascii_isspace((unsigned char)s[p]))
                p++;
            if (p < n && (s[p] == '"' || s[p] == '\'')) {
                char q = s[p++];
                size_t vs = p;
                while (p < n && s[p] != q)
                    p++;
                /* A value whose quote never closes is a document cut short: no value. */
                if (p < n) {
                    at.val = s + vs;
                    at.vlen = p - vs;
                    p++;
                }
            } else {
                size_t vs = p;
                while (p < n && !ascii_isspace((unsigned char)s[p]) && s[p] != '>')
                    p++;
                at.val = s + vs;
                at.vlen = p - vs;
            }
        }
        if (at.nlen == 0) {
            p++; /* a stray character: step over it */
            continue;
        }
        if (k < MAX_ATTRS)
            a[k++] = at;
    }
    *i = p < n ? p + 1 : n;
    return k;
}

static const struct attr *find(const struct attr *a, size_t k, const char *name)
{
    size_t nl = strlen(name);
    for (size_t i = 0; i < k; i++)
        if (a[i].nlen == nl && !ascii_strncasecmp(a[i].name, name, nl))
            return &a[i];
    return NULL;
}

static bool val_is(const struct attr *a, const char *v)
{
    size_t n = strlen(v);
    return a && a->val && a->vlen == n && !ascii_strncasecmp(a->val, v, n);
}

static char *value(const struct attr *a)
{
    if (!a || !a->val || a->vlen == 0 || a->vlen > 2048)
        return NULL;
    char *t = text_decode_entities(a->val, a->vlen);
    /* Trim the spaces people leave inside quotes. */
    char *b = t;
    while (*b && ascii_isspace((unsigned char)*b))
        b++;
    size_t l = strlen(b);
    while (l && ascii_isspace((unsigned char)b[l - 1]))
        b[--l] = '\0';
    if (!*b || !ascii_strncasecmp(b, "data:", 5)) {
        free(t);
        return NULL;
    }
    char *r = xstrdup(b);
    free(t);
    return r;
}

/* Calls fn on each start tag named `tag` until it returns a value. */
static char *each_tag(const char *s, size_t n, const char *tag,
                      char *(*fn)(const struct attr *, size_t))
{
    if (n > IMGREF_SCAN_BYTES)
        n = IMGREF_SCAN_BYTES;
    size_t tl = strlen(tag);
    for (size_t i = 0; i + 1 + tl < n; i++) {
        if (s[i] != '<')
            continue;
        if (i + 4 <= n && !memcmp(s + i, "<!--", 4)) {
            const char *end = NULL;
            for (size_t k = i + 4; k + 3 <= n && !end; k++)
                if (!memcmp(s + k, "-->", 3))
                    end = s + k;
            if (!end)
                return NULL;
            i = (size_t)(end - s) + 2;
            continue;
        }
        if (ascii_strncasecmp(s + i + 1, tag, tl) != 0)
            continue;
        size_t p = i + 1 + tl;
        if (p < n && !ascii_isspace((unsigned char)s[p]) && s[p] != '/' && s[p] != '>')
            continue;
        struct attr a[MAX_ATTRS];
        size_t k = read_attrs(s, n, &p, a);
        char *v = fn(a, k);
        if (v)
            return v;
        i = p - 1;
    }
    return NULL;
}

static char *og_meta(const struct attr *a, size_t k)
{
    const struct attr *key = find(a, k, "property");
    if (!key)
        key = find(a, k, "name");
    if (!key)
        return NULL;
    static const char *const keys[] = {"og:image", "og:image:url", "og:image:secure_url",
                                       "twitter:image", "twitter:image:src"};
    for (size_t i = 0; i < ARRAY_LEN(keys); i++)
        if (val_is(key, keys[i]))
            return value(find(a, k, "content"));
    return NULL;
}

char *imgref_og_image(const char *html, size_t len)
{
    return html ? each_tag(html, len, "meta", og_meta) : NULL;
}

/* A width or height of 1 or 2 pixels: a tracking pixel or a spacer. */
static bool tiny(const struct attr *a)
{
    if (!a || !a->val || a->vlen == 0 || a->vlen > 6)
        return false;
    long v = 0;
    for (size_t i = 0; i < a->vlen && ascii_isdigit((unsigned char)a->val[i]); i++)
        v = v * 10 + (a->val[i] - '0');
    return ascii_isdigit((unsigned char)a->val[0]) && v <= 2;
}

static bool has_word(const struct attr *a, const char *w)
{
    if (!a || !a->val)
        return false;
    size_t wl = strlen(w);
    for (size_t i = 0; i + wl <= a->vlen; i++)
        if (!ascii_strncasecmp(a->val + i, w, wl))
            return true;
    return false;
}

static char *img(const struct attr *a, size_t k)
{
    if (tiny(find(a, k, "width")) || tiny(find(a, k, "height")))
        return NULL;
    const struct attr *cls = find(a, k, "class");
    if (has_word(cls, "emoji") || has_word(cls, "smiley") || has_word(cls, "avatar"))
        return NULL;
    char *src = value(find(a, k, "src"));
    if (!src) {
        /* srcset="a.jpg 640w, b.jpg 1280w": its first candidate. */
        const struct attr *set = find(a, k, "srcset");
        if (set && set->val) {
            size_t e = 0;
            while (e < set->vlen && !ascii_isspace((unsigned char)set->val[e]) &&
                   set->val[e] != ',')
                e++;
            struct attr first = {set->name, set->val, set->nlen, e};
            src = value(&first);
        }
    }
    return src;
}

char *imgref_first_img(const char *html, size_t len)
{
    return html ? each_tag(html, len, "img", img) : NULL;
}
