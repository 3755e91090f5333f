/*
 * Reference resolution is libxml2's xmlBuildURI (RFC 3986 section 5.2, including the
 * remove_dot_segments rules). xmlBuildURI rejects references with spaces or raw non-ASCII
 * bytes, which real feeds carry, so those are percent-encoded first (WHATWG URL behaviour for
 * paths). Links of scripting schemes are dropped: nothing downstream should ever follow one.
 */
#include "core/url.h"

#include "core/util.h"

#include <libxml/uri.h>
#include <stdlib.h>
#include <string.h>

bool url_has_scheme(const char *s)
{
    if (!ascii_isalpha((unsigned char)s[0]))
        return false;
    for (const char *p = s + 1; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == ':')
            return true;
        if (!ascii_isalpha(c) && !ascii_isdigit(c) && c != '+' && c != '-' && c != '.')
            return false;
    }
    return false;
}

/* Percent-encodes spaces, control bytes and bytes >= 0x80; NULL when nothing needs it. */
static char *escape_loose(const char *s, size_t len)
{
    size_t extra = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= 0x20 || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' ||
            c == '`' || c == '{' || c == '|' || c == '}')
            extra += 2;
    }
    if (!extra)
        return NULL;
    static const char hex[] = "0123456789ABCDEF";
    char *out = xmalloc(len + extra + 1), *o = out;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= 0x20 || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' ||
            c == '`' || c == '{' || c == '|' || c == '}') {
            *o++ = '%';
            *o++ = hex[c >> 4];
            *o++ = hex[c & 15];
        } else {
            *o++ = (char)c;
        }
    }
    *o = '\0';
    return out;
}

bool url_scheme_is(const char *url, const char *scheme)
{
    size_t n = strlen(scheme);
    return ascii_strncasecmp(url, scheme, n) == 0 && url[n] == ':';
}

/* RFC 3986 5.2.4 remove_dot_segments on the path of an absolute URL, in place. libxml2's
 * xmlBuildURI (RFC 2396) leaves them in an absolute-path reference: "/../g" stays. */
static void remove_dot_segments(char *url)
{
    char *p = strstr(url, "://");
    if (!p)
        return;
    p = strchr(p + 3, '/');
    if (!p)
        return;
    size_t end = strcspn(p, "?#");
    char *tail = xstrdup(p + end);
    /* Input and output share the buffer: output never outgrows the input read so far. */
    char *in = p, *stop = p + end, *out = p;
    while (in < stop) {
        if (stop - in >= 3 && !memcmp(in, "/./", 3)) {
            in += 2;
        } else if (stop - in == 2 && !memcmp(in, "/.", 2)) {
            in += 1;
            in[0] = '/'; /* "/." at the end becomes "/" */
            stop = in + 1;
        } else if ((stop - in >= 4 && !memcmp(in, "/../", 4)) ||
                   (stop - in == 3 && !memcmp(in, "/..", 3))) {
            bool last = stop - in == 3;
            in += 3;
            while (out > p && *--out != '/')
                ;
            if (last) {
                *out++ = '/';
                break;
            }
        } else {
            do
                *out++ = *in++;
            while (in < stop && *in != '/');
        }
    }
    strcpy(out, tail);
    free(tail);
}

char *url_resolve(const char *base, const char *ref, size_t len, size_t max_len)
{
    while (len && ascii_isspace((unsigned char)*ref)) {
        ref++;
        len--;
    }
    while (len && ascii_isspace((unsigned char)ref[len - 1]))
        len--;
    if (!len)
        return NULL;
    char *clean = escape_loose(ref, len);
    if (!clean)
        clean = xstrndup(ref, len);
    if (url_scheme_is(clean, "javascript") || url_scheme_is(clean, "data") ||
        url_scheme_is(clean, "vbscript")) {
        free(clean);
        return NULL;
    }
    char *out = NULL;
    if (base && *base && !url_has_scheme(clean)) {
        xmlChar *r = xmlBuildURI((const xmlChar *)clean, (const xmlChar *)base);
        if (r) {
            out = xstrdup((const char *)r);
            xmlFree(r);
            remove_dot_segments(out);
        }
        free(clean);
        if (!out)
            return NULL;
    } else {
        out = clean;
    }
    if (max_len && strlen(out) > max_len) {
        free(out);
        return NULL;
    }
    return out;
}

/* ---- file URLs ------------------------------------------------------------------------ */

char *url_file_path(const char *url)
{
    if (!url_scheme_is(url, "file"))
        return NULL;
    const char *p = url + 5;
    if (strncmp(p, "//", 2) != 0)
        return NULL;
    p += 2;
    if (ascii_strncasecmp(p, "localhost/", 10) == 0)
        p += 9;
    if (*p != '/')
        return NULL; /* file://otherhost/...: never a local file */
    size_t n = strcspn(p, "?#");
    char *out = xmalloc(n + 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        int hi, lo;
        if (p[i] == '%' && i + 2 < n + 1 && (hi = ascii_hexval((unsigned char)p[i + 1])) >= 0 &&
            (lo = ascii_hexval((unsigned char)p[i + 2])) >= 0) {
            out[o++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            out[o++] = p[i];
        }
    }
    out[o] = '\0';
    if (memchr(out, '\0', o)) { /* %00 would cut the path short behind our back */
        free(out);
        return NULL;
    }
    return out;
}

/* ---- the same story under two links --------------------------------------------------- */

char *url_normalize_link(const char *link)
{
    if (!link || !link[0])
        return NULL;
    struct buf b = {0};
    const char *p = link;
    while (ascii_isspace((unsigned char)*p))
        p++;
    const char *colon = strstr(p, "://");
    const char *rest = p;
    if (colon) {
        for (const char *q = p; q < colon; q++)
            buf_append_char(&b, (char)ascii_tolower((unsigned char)*q));
        buf_append_str(&b, "://");
        rest = colon + 3;
        size_t hl = strcspn(rest, "/?#");
        for (size_t i = 0; i < hl; i++)
            buf_append_char(&b, (char)ascii_tolower((unsigned char)rest[i]));
        rest += hl;
    }
    size_t pl = strcspn(rest, "?#");
    size_t path_len = pl;
    while (path_len > 0 &&
           (rest[path_len - 1] == '/' || ascii_isspace((unsigned char)rest[path_len - 1])))
        path_len--;
    buf_append(&b, rest, path_len);
    rest += pl;
    if (*rest == '?') {
        rest++;
        size_t ql = strcspn(rest, "#");
        bool first = true;
        while (ql > 0) {
            size_t n = 0;
            while (n < ql && rest[n] != '&' && rest[n] != ';')
                n++;
            if (n > 0 && ascii_strncasecmp(rest, "utm_", 4) != 0) {
                buf_append_char(&b, first ? '?' : '&');
                buf_append(&b, rest, n);
                first = false;
            }
            rest += n;
            ql -= n;
            if (ql > 0) {
                rest++;
                ql--;
            }
        }
    }
    /* (the fragment is dropped) */
    if (b.len == 0) {
        buf_free(&b);
        return NULL;
    }
    return buf_steal(&b);
}

/* ---- showing URLs to people ------------------------------------------------------------ */

/* Query parameter names whose values are secrets often enough that a shown URL hides them. */
static bool secret_param(const char *name, size_t n)
{
    static const char *const names[] = {
        "key",  "apikey",    "api_key", "api-key", "token",         "access_token",
        "auth", "password",  "passwd",  "pwd",     "secret",        "client_secret",
        "sig",  "signature", "session", "sid",     "refresh_token", "id_token",
    };
    for (size_t i = 0; i < ARRAY_LEN(names); i++)
        if (strlen(names[i]) == n && ascii_strncasecmp(name, names[i], n) == 0)
            return true;
    return false;
}

char *url_redact(const char *url)
{
    if (!url)
        return NULL;
    struct buf b = {0};
    const char *p = url;
    const char *sep = strstr(p, "://");
    if (sep && url_has_scheme(p)) {
        const char *auth = sep + 3;
        size_t alen = strcspn(auth, "/?#");
        /* The last '@' of the authority ends the userinfo (a password may contain '@'
         * unescaped in sloppy configurations). */
        const char *at = NULL;
        for (const char *q = auth; q < auth + alen; q++)
            if (*q == '@')
                at = q;
        buf_append(&b, p, (size_t)(auth - p));
        if (at) {
            buf_append_str(&b, "***");
            p = at;
        } else {
            p = auth;
        }
        buf_append(&b, p, (size_t)(auth + alen - p));
        p = auth + alen;
    }
    size_t before_query = strcspn(p, "?#");
    buf_append(&b, p, before_query);
    p += before_query;
    if (*p == '?') {
        buf_append_char(&b, '?');
        p++;
        size_t ql = strcspn(p, "#");
        const char *end = p + ql;
        while (p < end) {
            size_t n = 0;
            while (p + n < end && p[n] != '&' && p[n] != ';')
                n++;
            const char *eq = memchr(p, '=', n);
            if (eq && secret_param(p, (size_t)(eq - p))) {
                buf_append(&b, p, (size_t)(eq - p) + 1);
                buf_append_str(&b, "***");
            } else {
                buf_append(&b, p, n);
            }
            p += n;
            if (p < end) {
                buf_append_char(&b, *p);
                p++;
            }
        }
    }
    buf_append_str(&b, p); /* the fragment */
    return buf_steal(&b);
}
