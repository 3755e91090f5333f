/*
 * Every rule about URL text lives here (one module, so the fetcher, the store and the commands
 * agree): resolving a (possibly relative) reference against a base URL by RFC 3986 section 5
 * (through libxml2's xmlBuildURI), telling schemes apart, the path of a file:// URL, the form
 * of a link used to spot the same story twice, and hiding credentials before a URL is shown.
 *
 * What libcurl connects to is decided by libcurl's own parser (io/fetch.c asks it for the
 * origin of a request); nothing here is used to decide where a request goes.
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

/* Does url start with `scheme` followed by ':' ("http" matches "HTTP:..." but not "https:")?
 * ASCII case-insensitive. */
bool url_scheme_is(const char *url, const char *scheme);

/*
 * The local path of a file URL: "file:///path" or "file://localhost/path", percent-decoded,
 * without query or fragment. Returns a new string the caller frees, or NULL for anything else
 * (another host, a relative path, "%00", not a file URL).
 */
char *url_file_path(const char *url);

/*
 * A link in the form used to recognise one story under two links: scheme and host
 * lowercased, no fragment, no utm_* tracking parameters, no trailing slash. Other text is
 * kept as it is (a relative link too). Returns a new string (free()), NULL for NULL or "".
 */
char *url_normalize_link(const char *link);

/*
 * The URL as it may be shown to people (terminal lines, logs, stored errors, `cache stats`):
 * credentials in the authority ("https://user:pw@host/") become "***@", and so do the values
 * of query parameters that conventionally carry secrets (key, apikey, api_key, token,
 * access_token, auth, password, secret, sig, signature ...). Returns a new string (free());
 * NULL for NULL. Nothing is made printable here: pass the result through str_printable.
 */
char *url_redact(const char *url);

#endif
