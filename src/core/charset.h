/*
 * Getting any document into UTF-8 (DESIGN.md section 3). The order of evidence: a byte order
 * mark, then the HTTP charset, then the document's own declaration (XML declaration for XML;
 * <meta charset> / http-equiv prescan for HTML), then "are the bytes valid UTF-8", then
 * windows-1252. Labels follow the WHATWG Encoding Standard's label table, so "iso-8859-1",
 * "latin1" and "us-ascii" decode as windows-1252. Detects UTF-16 and UTF-32 without a BOM from
 * the zero-byte pattern of "<?xml" / "<". A body labelled UTF-8 (or ISO-8859-1) that is not
 * valid UTF-8 is decoded as windows-1252.
 *
 * Pure and thread-safe (iconv descriptors are opened per call). Linear in the input. Labels
 * nobody knows are ignored (the next evidence decides); see charset.c for where the sniffing
 * departs from WHATWG (UTF-16/32 zero-byte detection, UTF-8 found under a latin1 label).
 */
#ifndef TICKER_CORE_CHARSET_H
#define TICKER_CORE_CHARSET_H

#include "core/error.h"

#include <stdbool.h>
#include <stddef.h>

enum charset_doc {
    CHARSET_DOC_XML,  /* look at <?xml ... encoding="..."?> */
    CHARSET_DOC_HTML, /* prescan <meta charset> / <meta http-equiv content="...charset="> */
    CHARSET_DOC_TEXT, /* no declaration to look at (JSON, plain text) */
};

struct charset_result {
    char *text; /* UTF-8, NUL-terminated, BOM removed; the caller frees it */
    size_t len;
    char encoding[32]; /* the canonical name of what was decoded: "UTF-8", "windows-1252" ... */
    bool fell_back;    /* the bytes contradicted their label or declaration (or XML's and
                          JSON's implied UTF-8), and something else was decoded; worth a
                          note that the feed is ill-formed */
    bool borrowed;     /* charset_to_utf8_view only: text points into the input (which was
                          UTF-8 already) and is neither NUL-terminated nor to be freed */
};

/*
 * Extracts the charset parameter of an HTTP Content-Type value ("text/xml; charset=utf-8" ->
 * "utf-8") into out (outlen bytes). Returns false when there is none.
 */
bool charset_from_content_type(const char *content_type, char *out, size_t outlen);

/*
 * Converts `len` bytes to UTF-8 by the rules above. `http_charset` (the label, e.g. from
 * charset_from_content_type) may be NULL. On success fills *out (the caller frees out->text)
 * and returns true; undecodable bytes become U+FFFD, a BOM is not kept. Returns false, with
 * out->text NULL and a message in err (may be NULL; no position), only when the document is
 * labelled with an encoding this program cannot decode at all (ISO-2022-KR, HZ, ISO-2022-CN:
 * WHATWG's "replacement" encodings) or iconv lacks the one named.
 */
bool charset_to_utf8(const char *buf, size_t len, const char *http_charset, enum charset_doc doc,
                     struct charset_result *out, struct error *err);

/* charset_to_utf8 without the copy when the input is UTF-8 already: then out->borrowed is
 * set and out->text points into buf (past a byte order mark), valid as long as buf is and
 * not NUL-terminated; otherwise as charset_to_utf8. Free out->text only when !borrowed. */
bool charset_to_utf8_view(const char *buf, size_t len, const char *http_charset,
                          enum charset_doc doc, struct charset_result *out, struct error *err);

/*
 * Mojibake: UTF-8 that someone decoded as windows-1252 or ISO-8859-1 and encoded as UTF-8 again
 * ("â€¦" for "…", "Ã¼" for "ü"; also what "&#226;&#128;&#166;" decodes to). Returns the
 * repaired text (new, NUL-terminated, *out_len bytes; the caller frees it) when the whole of
 * s reads back that way: every character is one of the two encodings' (ASCII, U+0080-U+00FF,
 * windows-1252's 27 at 0x80-0x9F), the bytes they stand for are valid UTF-8 with at least one
 * multi-byte character, and none of it is a C1 control. Otherwise NULL (the text is what it
 * says: "Grüße" stays). Linear; returns NULL at once for text without the byte 0xC3.
 */
char *charset_fix_mojibake(const char *s, size_t len, size_t *out_len);

#endif
