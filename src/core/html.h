/*
 * What the program knows about HTML elements, in one table, and a small tolerant parser that
 * turns a page into a compact tree for article extraction (docs/extraction.md).
 *
 * The element table serves both readers of HTML: text.c (feed fragments to plain text: which
 * elements are dropped, which make a line, which the lean tokenizer may handle) and extract.c
 * (which elements are never article text, which are headings, list items, table rows or
 * captions). One row per element keeps the two from disagreeing.
 *
 * The parser (html_parse) is not an HTML5 parser. It reads what extraction needs, fast: start
 * and end tags with the standard's implied ends (a block start closes an open <p>, <li> closes
 * <li>, <td> closes <td>, ...), raw-text elements (script, style, ...) skipped whole, comments,
 * character references decoded in text, and of the attributes only class, id, role, style
 * (display:none), hidden, aria-hidden, lang and meta's property/name/content. An end tag
 * closes the nearest open element of its name, or is ignored; formatting elements are not
 * reconstructed. Work is linear in the input; nesting past HTML_MAX_DEPTH opens no element
 * (the text stays, in the deepest open one), and past HTML_MAX_NODES no new node is made.
 *
 * Pure and thread-safe: no state outside the returned tree.
 */
#ifndef TICKER_CORE_HTML_H
#define TICKER_CORE_HTML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How text.c lays an element out when it turns HTML into plain text. */
enum html_text_kind {
    HTML_TEXT_INLINE, /* no effect on layout: b, a, span, unknown elements */
    HTML_TEXT_SKIP,   /* contents dropped */
    HTML_TEXT_BLOCK,  /* a line of its own */
    HTML_TEXT_BR,     /* a hard line break */
    HTML_TEXT_CELL,   /* table cell: a space */
    HTML_TEXT_PRE,    /* a block whose newlines are line breaks */
};

/* What an element is to article extraction. */
enum html_role {
    HTML_ROLE_INLINE,    /* part of the text around it (a, b, span, unknown elements) */
    HTML_ROLE_DROP,      /* never article text (script, nav, aside, buttons, media ...) */
    HTML_ROLE_BLOCK,     /* a container (div, section, article, ul, table ...) */
    HTML_ROLE_PARAGRAPH, /* p, pre, blockquote */
    HTML_ROLE_HEADING,   /* h1-h6, summary */
    HTML_ROLE_LIST_ITEM, /* li, dt, dd */
    HTML_ROLE_ROW,       /* tr: one line, its cells separated by a space */
    HTML_ROLE_CELL,      /* td, th */
    HTML_ROLE_CAPTION,   /* figcaption, caption */
    HTML_ROLE_BREAK,     /* br, hr */
};

/* Element flags. */
enum {
    HTML_VOID = 1 << 0,     /* has no end tag and no content (br, img, meta ...) */
    HTML_RAW = 1 << 1,      /* content is raw text up to its end tag (script, style ...) */
    HTML_RCDATA = 1 << 2,   /* raw text with character references (title, textarea) */
    HTML_CLOSES_P = 1 << 3, /* its start tag ends an open <p> */
    HTML_LEAN = 1 << 4,     /* text.c's lean tokenizer may handle it (flat feed markup) */
};

/* Elements the parser and the extractor treat specially, named so they compare as numbers. */
enum html_id {
    HTML_ID_OTHER,
    HTML_ID_A,
    HTML_ID_P,
    HTML_ID_LI,
    HTML_ID_DT,
    HTML_ID_DD,
    HTML_ID_TD,
    HTML_ID_TH,
    HTML_ID_TR,
    HTML_ID_TBODY,
    HTML_ID_THEAD,
    HTML_ID_TFOOT,
    HTML_ID_TABLE,
    HTML_ID_CAPTION,
    HTML_ID_OPTION,
    HTML_ID_OPTGROUP,
    HTML_ID_HTML,
    HTML_ID_HEAD,
    HTML_ID_BODY,
    HTML_ID_META,
    HTML_ID_TITLE,
    HTML_ID_BR,
    HTML_ID_H1,
    HTML_ID_ARTICLE,
    HTML_ID_MAIN,
    HTML_ID_HEADER,
    HTML_ID_FORM,
    HTML_ID_UL,
    HTML_ID_OL,
    HTML_ID_DL,
    HTML_ID_BUTTON,
    HTML_ID_OBJECT,
    HTML_ID_APPLET,
    HTML_ID_TEMPLATE,
};

struct html_element {
    const char *name;  /* lower case */
    uint8_t text_kind; /* enum html_text_kind */
    uint8_t role;      /* enum html_role */
    uint8_t flags;
    uint8_t id; /* enum html_id */
};

/* The row of a known element (`name` in lower case, `len` bytes), or NULL. */
const struct html_element *html_element_find(const char *name, size_t len);

/* The table, for tests: html_element_count() rows in byte order of name. */
size_t html_element_count(void);
const struct html_element *html_element_at(size_t i);

/* ---- the tree ---- */

#define HTML_MAX_DEPTH 256
#define HTML_MAX_NODES (1u << 20)

enum html_node_type {
    HTML_NODE_ROOT,
    HTML_NODE_ELEMENT,
    HTML_NODE_TEXT,
};

/* Node flags. */
enum {
    HTML_HIDDEN = 1 << 0, /* hidden, aria-hidden="true", or display:none / visibility:hidden */
};

/* Nodes are numbered in document order; 0 is the root and means "none" in the links (no node
 * links to the root). A node's children all have higher numbers than the node. */
struct html_node {
    uint32_t parent, first_child, next;
    uint32_t off, len;  /* text: the decoded text in doc->text; element: its class and id
                           values in doc->text ("class id"), len 0 when none */
    uint16_t el;        /* element: 1 + index in the element table, 0 when unknown */
    uint8_t type;       /* enum html_node_type */
    uint8_t flags;      /* HTML_HIDDEN */
    uint32_t name_hash; /* element: hash of its name (for unknown elements' end tags) */
    uint32_t role_attr; /* element: hash of the role attribute's value, 0 when none */
};

struct html_doc {
    struct html_node *nodes;
    size_t n_nodes;
    char *text; /* decoded text of every text node and attribute kept (not NUL-separated) */
    size_t text_len;
    char lang[8];   /* primary subtag of <html lang> ("de"), or "" */
    char *og_title; /* content of <meta property="og:title"> (or twitter:title), or NULL */
    uint32_t title; /* the <title> element, 0 when none */
};

/* Parses `len` bytes of UTF-8 into doc (which it overwrites). Never fails; free doc with
 * html_doc_free. Bytes that are not UTF-8 are copied as they are (the caller sanitises). */
void html_parse(const char *s, size_t len, struct html_doc *doc);

/* Frees everything in doc and zeroes it. NULL is fine. */
void html_doc_free(struct html_doc *doc);

/* The element row of node n, or NULL when it is text, the root or an unknown element. */
const struct html_element *html_node_element(const struct html_doc *doc, uint32_t n);

/* The enum html_id of node n: HTML_ID_OTHER for text, the root, unknown elements and elements
 * without an id of their own. */
int html_node_id(const struct html_doc *doc, uint32_t n);

/* Hash of an attribute value or name as html_node.role_attr stores it (lower-cased ASCII). */
uint32_t html_hash(const char *s, size_t len);

#endif
