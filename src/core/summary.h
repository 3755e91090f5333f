/*
 * Summaries for offline display (docs/extraction.md): every cached item carries a short,
 * faithful summary (by default 2 to 3 sentences, at most 400 characters) picked from the
 * article's own sentences. Extractive on purpose: on a wall nobody can check a paraphrase.
 *
 * Pipeline: source text (item content or description; the article page when that is thin)
 * -> cleaning (headline, headings, list items, tag lists, advertising and page tails removed)
 * -> sentence splitting (German and English rules) -> language (hint, else stop words)
 * -> ranking (position prior, stem centrality with German compound heads, headline overlap,
 * penalties, redundancy filter) -> the best sentences within the budget, in document order.
 * Text too short or that will not split gives its first sentences, cut at a word boundary
 * with an ellipsis. A news-agency dateline ("BERLIN (dpa) – ") is left out of the summary.
 *
 * Pure (no I/O, no clock) and deterministic: the same input gives the same summary.
 *
 * Threads: a `struct summary_ctx` holds the Snowball stemmers and scratch memory; it belongs
 * to one thread at a time (the fetch worker keeps one for its life). Different contexts may
 * be used concurrently. Pages and fragments are parsed by html.h's parser, which needs no
 * initialisation.
 */
#ifndef TICKER_CORE_SUMMARY_H
#define TICKER_CORE_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>

/* Hard caps on untrusted input: longer input is cut before any work (not an error). */
#define SUMMARY_MAX_TEXT_BYTES (512u * 1024)      /* content / description / plain text */
#define SUMMARY_MAX_PAGE_BYTES (4u * 1024 * 1024) /* an article page's HTML */

/* What to summarise. Every pointer may be NULL (lengths then 0); the strings need not be
 * NUL-terminated. Nothing is kept after summary_make() returns. */
struct summary_input {
    const char *title; /* the headline (plain UTF-8); removed from the body, used for
                          ranking; NUL-terminated or NULL */
    const char *text;  /* item content, else description */
    size_t text_len;
    bool text_is_html;     /* text is an HTML fragment (false: plain text, lines = blocks) */
    const char *page_html; /* the article page's raw bytes (any charset), or NULL */
    size_t page_len;
    const char *page_charset; /* the HTTP charset of the page ("utf-8"), or NULL */
    const char *lang_hint;    /* "de", "en", ...; NULL, "" or "auto" = detect */
};

struct summary_options {
    size_t max_chars;  /* budget in characters (code points), default 400 */
    int max_sentences; /* default 3 */
    int min_sentences; /* default 2: reached whenever the budget allows (the redundancy
                          filter gives way); past it a sentence must score close to the best */
    bool explain;      /* also return the cleaned body and every sentence's score */
};

/* The defaults above. */
void summary_options_default(struct summary_options *opt);

/* Where the summarised text came from. */
enum summary_source {
    SUMMARY_SOURCE_NONE, /* nothing usable: text is "" */
    SUMMARY_SOURCE_TEXT, /* the item's content/description */
    SUMMARY_SOURCE_PAGE, /* main text extracted from the article page */
};

/* One sentence of the cleaned body. */
struct summary_sentence {
    char *text;      /* the sentence as it appears in the body (owned by the result) */
    double score;    /* final ranking score (higher is better) */
    double position; /* the score's parts, for --explain */
    double centrality;
    double headline;
    double penalty;
    bool chosen;
};

struct summary_result {
    char *text;   /* the summary; never NULL ("" when there is nothing to say) */
    char lang[8]; /* "de", "en", ... or "" when unknown */
    char *title;  /* the headline used: the caller's, else the page's own title
                     (og:title, <title>, <h1>); NULL when there was none */
    enum summary_source source;
    bool fallback; /* the lead was cut at a word boundary (no ranking possible) */
    int *chosen;   /* indices into the body's sentences, ascending */
    size_t n_chosen;
    /* With opt.explain only (else NULL / 0): */
    char *body; /* the cleaned body, one block per line */
    struct summary_sentence *sentences;
    size_t n_sentences;
};

struct summary_ctx;

/* A summariser for one thread. Never NULL (aborts on out-of-memory). */
struct summary_ctx *summary_ctx_new(void);
/* NULL is fine. */
void summary_ctx_free(struct summary_ctx *ctx);

/*
 * Summarises `in` into `out` (which it overwrites; free it with summary_result_free even on
 * failure). `opt` may be NULL for the defaults. Returns false only when there was no usable
 * text at all (out->text is then ""); bad bytes, odd markup and oversized input are handled,
 * never fatal.
 */
bool summary_make(struct summary_ctx *ctx, const struct summary_input *in,
                  const struct summary_options *opt, struct summary_result *out);

/* Frees everything in r and zeroes it. NULL is fine. */
void summary_result_free(struct summary_result *r);

/* "none", "text", "page". */
const char *summary_source_name(enum summary_source s);

#endif
