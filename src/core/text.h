/*
 * Text cleaning: every string that reaches an item, a summary or the screen passes through
 * here (DESIGN.md section 3). Input is UTF-8 (see charset.h for getting there); output is clean
 * UTF-8 plain text: all HTML5 named entities and numeric references decoded, tags removed,
 * script/style/noscript/iframe/object contents dropped, whitespace collapsed, control
 * characters removed, C1 controls mapped as windows-1252 would, invalid UTF-8 replaced by
 * U+FFFD, and long text cut at a word boundary.
 *
 * Pure and thread-safe once text_init() (or feed_init()) has run. Every char * function
 * returns a new NUL-terminated string the caller frees; never NULL, also for NULL input with
 * length 0. There are no errors: bad input is repaired, never refused. Work and memory are
 * linear in the input (inputs of several MiB are fine; the HTML parser stops at a nesting
 * depth of 256, keeping the text before that point).
 */
#ifndef TICKER_CORE_TEXT_H
#define TICKER_CORE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum text_mode {
    TEXT_INLINE, /* titles, names: one line, every run of whitespace becomes one space */
    TEXT_BLOCK,  /* summaries, content: each paragraph, heading, list item, div or table row on
                    a line of its own ('\n'; never a blank line between blocks); <br> is a
                    '\n' and two <br> make the only kind of blank line (at most one in a row).
                    In text without markup a blank line separates paragraphs (one '\n') and a
                    single newline is a space (hard-wrapped text). Spaces are collapsed and
                    lines trimmed. */
};

/*
 * An HTML fragment (as found in RSS descriptions, Atom type="html", content:encoded) to plain
 * text. Also right for text that merely may contain markup or entities (RSS titles): text with
 * no '<' needs no parser and comes back with references decoded, sanitised and collapsed.
 * Dropped with their contents: script, style, noscript, iframe, object, embed, template, svg,
 * math, head, title, select, textarea, audio, video, canvas, frames. Images give no text.
 * Table cells are separated by a space. '<' that starts no tag ("a < b", "<3") stays text.
 *
 * TEXT_INLINE is for titles, which arrive with one level of XML escaping already decoded:
 * "AT&T" stays "AT&T"; what still looks escaped after one round ("AT&amp;T", "&amp;amp;",
 * "&lt;b&gt;Bold&lt;/b&gt;") is decoded once more and its tags removed, as feed readers do.
 * TEXT_BLOCK decodes exactly one level: "&lt;b&gt;" in a description is the text "<b>".
 *
 * `max_bytes` (0: no limit) caps the result in bytes, cut at a word boundary with "…" (within
 * the cap; a word longer than half the cap, or unspaced CJK text, is cut at a character).
 */
char *text_from_html(const char *html, size_t len, enum text_mode mode, size_t max_bytes);

/*
 * The two engines behind text_from_html, for tests and the fuzzer, which check that they agree
 * (one round, no cap). text_html_lean is a tokenizer for the common flat markup and returns
 * NULL when the fragment needs a real parser; text_html_full always uses libxml2's HTML parser.
 * The caller frees the result.
 */
char *text_html_lean(const char *html, size_t len, enum text_mode mode);
char *text_html_full(const char *html, size_t len, enum text_mode mode);

/*
 * Plain text (already free of markup, such as Atom type="text" or JSON Feed content_text) to
 * clean text: sanitised, whitespace collapsed per mode, capped like text_from_html. No entity
 * decoding: in plain text "&amp;" is literally those five characters.
 */
char *text_from_plain(const char *s, size_t len, enum text_mode mode, size_t max_bytes);

/*
 * Decodes HTML character references in s: all 2,231 HTML5 named references (with and without
 * the trailing ';' where the standard allows it, longest match first: "&ampx" is "&x",
 * "&notit;" is "¬it;") and numeric ones (&#8217; &#x2019;, ';' optional, with the standard's
 * windows-1252 remapping of &#128;-&#159;; 0, surrogates and values past U+10FFFF become
 * U+FFFD). Unknown names ("&foo;") and a bare '&' are left as they are. The result is
 * sanitised as by text_sanitize_utf8 (so "&#1;" disappears); whitespace is kept as it is.
 */
char *text_decode_entities(const char *s, size_t len);

/*
 * Makes arbitrary bytes valid UTF-8 text: invalid sequences (overlongs, surrogates, > U+10FFFF,
 * truncated) become U+FFFD, C1 controls U+0080..U+009F become their windows-1252 characters
 * (U+0092 -> U+2019; the five windows-1252 leaves undefined, U+0081 U+008D U+008F U+0090
 * U+009D, are removed), "\r\n" and a lone '\r' become '\n', other control characters except
 * '\n' and '\t' are removed (NUL, DEL and U+FEFF too), U+FFFE/U+FFFF become U+FFFD. Whitespace
 * is not collapsed.
 */
char *text_sanitize_utf8(const char *s, size_t len);

/* Cuts s to at most max_bytes bytes at a word boundary (never inside a UTF-8 sequence) and
 * appends "…" when it cut; the ellipsis fits within max_bytes. */
char *text_truncate(const char *s, size_t max_bytes);

/* s with every invalid UTF-8 sequence (each maximal invalid subpart) replaced by U+FFFD and
 * nothing else changed (controls stay): for output that must be valid UTF-8 whatever went into
 * it. Returns NULL when s is valid already, else a new string of *out_len bytes the caller
 * frees. */
char *text_utf8_repair(const char *s, size_t len, size_t *out_len);

/* Does s hold only valid UTF-8 (no overlongs, surrogates or code points past U+10FFFF)? */
bool text_is_valid_utf8(const char *s, size_t len);

/* Decodes one UTF-8 sequence at s (len bytes available). Returns its length, 0 when len is 0.
 * An invalid sequence gives *cp = 0xFFFD and the length of its maximal invalid subpart
 * (Unicode's recommended practice): 1 for a stray byte, the valid prefix of a truncated
 * sequence ("\xE2\x82" then 'x': 2). */
size_t text_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* As text_utf8_decode, but an invalid sequence always consumes exactly one byte (one U+FFFD per
 * byte: "\xE2\x82x" gives U+FFFD U+FFFD 'x'), the convention of the summariser's word scans and
 * of the renderer, which count invalid bytes. Inline with an ASCII fast path because both call
 * it once per character of every text. Returns 0 (and leaves *cp alone) when len is 0. */
static inline size_t text_utf8_decode_bytewise(const char *s, size_t len, uint32_t *cp)
{
    if (len > 0 && (unsigned char)s[0] < 0x80) {
        *cp = (unsigned char)s[0];
        return 1;
    }
    size_t n = text_utf8_decode(s, len, cp);
    /* The only valid sequence of more than one byte that decodes to U+FFFD is EF BF BD. */
    if (n > 1 && *cp == 0xFFFD && !(n == 3 && (unsigned char)s[0] == 0xEF))
        return 1;
    return n;
}

/* Encodes cp as UTF-8 into out (4 bytes room); returns the length. Surrogates and values past
 * U+10FFFF are encoded as U+FFFD. */
size_t text_utf8_encode(uint32_t cp, char out[4]);

/* The windows-1252 character of a C1 code point (U+0080..U+009F, as the byte 0x80..0x9F would
 * be read): U+0092 -> U+2019, U+0080 -> U+20AC. The five bytes windows-1252 leaves undefined
 * (0x81 0x8D 0x8F 0x90 0x9D) and every code point outside U+0080..U+009F map to themselves. */
uint32_t text_cp1252_c1(uint32_t cp);

/* Initialises libxml2 (xmlInitParser). Call once from the main thread before other threads use
 * this module (feed_init() may do it instead); idempotent. */
void text_init(void);

#endif
