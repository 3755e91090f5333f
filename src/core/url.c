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

static bool scheme_is(const char *s, const char *scheme)
{
    size_t n = strlen(scheme);
    return ascii_strncasecmp(s, scheme, n) == 0 && s[n] == ':';
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
    if (scheme_is(clean, "javascript") || scheme_is(clean, "data") ||
        scheme_is(clean, "vbscript")) {
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
