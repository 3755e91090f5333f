/*
 * URL references in feeds: trimming and resolving a (possibly relative) reference against a
 * base URL, by RFC 3986 section 5 (through libxml2's xmlBuildURI).
 *
 * Pure and thread-safe.
 */
#ifndef TICKER_CORE_URL_H
#define TICKER_CORE_URL_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Resolves `ref` (len bytes, surrounding whitespace ignored) against `base` (NULL or "" for
 * none). Spaces and bytes >= 0x80 (IRIs, sloppy feeds) are percent-encoded first, as browsers
 * do. Returns a new string the caller frees, or NULL when ref is empty, longer than max_len
 * (0: no limit) after resolving, uses the javascript:/data:/vbscript: schemes, or cannot be
 * parsed as a URI reference at all. Without a base, a relative ref comes back as it is.
 */
char *url_resolve(const char *base, const char *ref, size_t len, size_t max_len);

/* Does s start with an RFC 3986 scheme ("http:", "urn:", ...)? */
bool url_has_scheme(const char *s);

#endif
