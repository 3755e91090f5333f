/*
 * Article main-text extraction (see extract.h; the rules and why: docs/extraction.md).
 *
 * The page is parsed by html.c into a compact tree whose nodes are numbered in document order
 * (children after their parent), so the passes below are loops over an array, not recursion:
 *   1. signals, top down: elements that are never content (the element table's DROP role,
 *      hidden, role="navigation" ...), and the class/id words of each element (boilerplate
 *      words weak or strong, article words, caption words);
 *   2. sizes, bottom up: text characters, link characters and commas of every subtree, leaving
 *      out what is dropped. Here class words are judged against content: an element named
 *      with a strong boilerplate word (comments, share, related, cookie ...) goes unless it
 *      holds the article's anchors (an h1, <article> or <main>); one named with a weak word
 *      (sidebar, widget, tag, print, nav ...) goes only when it is small or mostly links. So
 *      a wrapper such as "content-sidebar-wrap", "widget Blog" or "no-print" around the
 *      article never takes the article with it;
 *   3. scores, top down: every paragraph-like element (p, pre, td, a div of text) gives
 *      1 + commas + min(length / 100, 3) points, times (1 - link density), to its parent,
 *      half to its grandparent and a sixth to the next; a candidate's score is then scaled by
 *      its own link density;
 *   4. the best candidate (moved up to a common ancestor when several strong candidates share
 *      it), joined by the siblings that belong to the article: good scores, paragraphs,
 *      blocks of the same kind (same element and class: an article split by boxes), and the
 *      headings, lists and tables between them;
 *   5. output in document order, one line per block, tagged with its kind (paragraph,
 *      heading, list item, table row, caption); blocks inside the article that are mostly
 *      links, small advertising boxes and blocks headed "Mehr zum Thema" are left out.
 * When that finds little text (under RETRY_CHARS), it runs again ignoring weak class words,
 * and when that still finds almost nothing, ignoring all of them; the longer result wins. So
 * no class rule can empty a page, while a short notice above a long comment section stays the
 * notice.
 */
#include "core/extract.h"

#include "core/charset.h"
#include "core/error.h"
#include "core/html.h"
#include "core/summary_clean.h"
#include "core/text.h"
#include "core/util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TEXT_BYTES (1024u * 1024)
#define MIN_PARAGRAPH  25  /* characters for an element to count as a paragraph */
#define RETRY_CHARS    250 /* less main text than this: try again without class words */

/* ---- class and id words ---- */

enum {
    SIG_WEAK = 1 << 0,     /* a weak boilerplate word (sidebar, widget, tag, nav ...) */
    SIG_STRONG = 1 << 1,   /* a strong one (comment, share, related, cookie, ad ...) */
    SIG_POSITIVE = 1 << 2, /* an article word (article, content, entry, artikel ...) */
    SIG_CAPTION = 1 << 3,  /* caption, credit, bildunterschrift ... */
};

/* Words of class and id values and what they signal, sorted for the binary search. */
struct word {
    const char *w;
    unsigned char sig;
};
/* clang-format off */
static const struct word words[] = {
    {"abo", SIG_WEAK}, {"abonnement", SIG_WEAK}, {"ad", SIG_STRONG}, {"ads", SIG_STRONG},
    {"adslot", SIG_STRONG}, {"adv", SIG_STRONG}, {"advert", SIG_STRONG},
    {"advertisement", SIG_STRONG}, {"advertising", SIG_STRONG}, {"adverts", SIG_STRONG},
    {"anzeige", SIG_STRONG}, {"anzeigen", SIG_STRONG}, {"article", SIG_POSITIVE},
    {"artikel", SIG_POSITIVE}, {"author", SIG_STRONG}, {"authors", SIG_STRONG},
    {"autor", SIG_STRONG}, {"autorin", SIG_STRONG}, {"banner", SIG_WEAK},
    {"beitrag", SIG_POSITIVE}, {"bildergalerie", SIG_STRONG}, {"bildnachweis", SIG_CAPTION},
    {"bildtext", SIG_CAPTION}, {"bildunterschrift", SIG_CAPTION}, {"bio", SIG_STRONG},
    {"biography", SIG_STRONG}, {"blog", SIG_POSITIVE}, {"body", SIG_POSITIVE},
    {"breadcrumb", SIG_STRONG}, {"breadcrumbs", SIG_STRONG}, {"byline", SIG_WEAK},
    {"caption", SIG_CAPTION}, {"captions", SIG_CAPTION}, {"carousel", SIG_STRONG},
    {"comment", SIG_STRONG}, {"comments", SIG_STRONG}, {"consent", SIG_STRONG},
    {"content", SIG_POSITIVE}, {"cookie", SIG_STRONG}, {"cookies", SIG_STRONG},
    {"copy", SIG_POSITIVE}, {"copyright", SIG_CAPTION}, {"credit", SIG_CAPTION},
    {"credits", SIG_CAPTION}, {"dateline", SIG_WEAK}, {"discussion", SIG_STRONG},
    {"diskussion", SIG_STRONG}, {"disqus", SIG_STRONG}, {"empfehlung", SIG_STRONG},
    {"empfehlungen", SIG_STRONG}, {"entry", SIG_POSITIVE}, {"figcaption", SIG_CAPTION},
    {"footer", SIG_WEAK}, {"forum", SIG_STRONG}, {"fotocredit", SIG_CAPTION},
    {"fotostrecke", SIG_STRONG}, {"galerie", SIG_STRONG}, {"gallery", SIG_STRONG},
    {"gdpr", SIG_STRONG}, {"header", SIG_WEAK}, {"hidden", SIG_WEAK}, {"imagecredit", SIG_CAPTION},
    {"inhalt", SIG_POSITIVE}, {"jump", SIG_WEAK}, {"keywords", SIG_WEAK},
    {"kommentar", SIG_STRONG}, {"kommentare", SIG_STRONG}, {"leserbriefe", SIG_STRONG},
    {"lightbox", SIG_STRONG}, {"login", SIG_WEAK}, {"main", SIG_POSITIVE}, {"masthead", SIG_WEAK},
    {"meistgelesen", SIG_WEAK}, {"menu", SIG_WEAK}, {"modal", SIG_STRONG}, {"mostread", SIG_WEAK},
    {"nav", SIG_WEAK}, {"navbar", SIG_WEAK}, {"navigation", SIG_WEAK}, {"newsletter", SIG_STRONG},
    {"outbrain", SIG_STRONG}, {"overlay", SIG_STRONG}, {"pager", SIG_WEAK},
    {"pagination", SIG_WEAK}, {"paywall", SIG_WEAK}, {"popular", SIG_WEAK}, {"popup", SIG_STRONG},
    {"post", SIG_POSITIVE}, {"print", SIG_WEAK}, {"promo", SIG_STRONG}, {"promotion", SIG_STRONG},
    {"recommendation", SIG_STRONG}, {"recommendations", SIG_STRONG}, {"recommended", SIG_STRONG},
    {"related", SIG_STRONG}, {"replies", SIG_STRONG}, {"respond", SIG_STRONG},
    {"richtext", SIG_POSITIVE}, {"schlagworte", SIG_WEAK}, {"share", SIG_STRONG},
    {"sharebar", SIG_STRONG}, {"shares", SIG_STRONG}, {"sharing", SIG_STRONG},
    {"sidebar", SIG_WEAK}, {"signup", SIG_STRONG}, {"skip", SIG_WEAK}, {"slider", SIG_STRONG},
    {"slideshow", SIG_STRONG}, {"social", SIG_STRONG}, {"socials", SIG_STRONG},
    {"sponsor", SIG_STRONG}, {"sponsored", SIG_STRONG}, {"sponsoring", SIG_STRONG},
    {"story", SIG_POSITIVE}, {"subscribe", SIG_STRONG}, {"subscription", SIG_STRONG},
    {"taboola", SIG_STRONG}, {"tag", SIG_WEAK}, {"tags", SIG_WEAK}, {"teaser", SIG_WEAK},
    {"teasers", SIG_WEAK}, {"teilen", SIG_STRONG}, {"text", SIG_POSITIVE}, {"themen", SIG_WEAK},
    {"toolbar", SIG_WEAK}, {"topics", SIG_WEAK}, {"trending", SIG_WEAK}, {"verwandt", SIG_STRONG},
    {"verwandte", SIG_STRONG}, {"werbung", SIG_STRONG}, {"widget", SIG_WEAK},
    {"widgets", SIG_WEAK},
};
/* Whole class tokens that name what a post is about, not what the element is: WordPress
 * writes "tag-kommentar category-werbung" on the article itself. */
static const char *const topic_prefixes[] = {
    "tag-", "category-", "post_tag-", "kategorie-", "rubrik-", "ressort-", "topic-",
};
/* clang-format on */

static unsigned word_signal(const char *w, size_t len)
{
    char low[24];
    if (len < 2 || len >= sizeof low)
        return 0;
    for (size_t i = 0; i < len; i++)
        low[i] = (char)ascii_tolower((unsigned char)w[i]);
    low[len] = '\0';
    size_t lo = 0, hi = ARRAY_LEN(words);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(low, words[mid].w);
        if (c == 0)
            return words[mid].sig;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

static bool is_part_sep(char c)
{
    return c == '-' || c == '_' || c == ':' || c == '.';
}

/* The signals of an element's "class id" words: each whitespace token is split at '-', '_',
 * ':' and '.', and a camelCase token ("shareBar") also gives its leading lower-case part. */
static unsigned class_signals(const char *s, size_t len)
{
    unsigned sig = 0;
    size_t i = 0;
    while (i < len) {
        while (i < len && ascii_isspace((unsigned char)s[i]))
            i++;
        size_t ts = i;
        while (i < len && !ascii_isspace((unsigned char)s[i]))
            i++;
        const char *tok = s + ts;
        size_t tl = i - ts;
        bool topic = false;
        for (size_t k = 0; k < ARRAY_LEN(topic_prefixes) && !topic; k++) {
            size_t pl = strlen(topic_prefixes[k]);
            topic = tl > pl && !ascii_strncasecmp(tok, topic_prefixes[k], pl);
        }
        if (topic)
            continue;
        size_t j = 0;
        while (j < tl) {
            while (j < tl && is_part_sep(tok[j]))
                j++;
            size_t ps = j;
            while (j < tl && !is_part_sep(tok[j]))
                j++;
            sig |= word_signal(tok + ps, j - ps);
            size_t c = ps + 1;
            while (c < j && !(tok[c] >= 'A' && tok[c] <= 'Z'))
                c++;
            if (c < j)
                sig |= word_signal(tok + ps, c - ps);
        }
    }
    return sig;
}

/* ---- per-node facts ---- */

enum {
    F_DROP = 1 << 0,        /* this element and its subtree are not content */
    F_IN_LINK = 1 << 1,     /* inside <a> */
    F_IN_ARTICLE = 1 << 2,  /* inside <article> or <main> */
    F_BLOCK_CHILD = 1 << 3, /* has a child (or inline descendant) that is a block */
    F_ANCHOR = 1 << 4,      /* holds an h1, <article> or <main> */
    F_CAPTION = 1 << 5,     /* a caption by its element or its class */
    F_IN_SMALL = 1 << 6,    /* inside a small block (whose advert test covers this one) */
};

struct info {
    uint32_t chars;      /* code points of text, spaces excluded */
    uint32_t link_chars; /* of which inside links */
    uint32_t own_chars;  /* of which outside block descendants (the element's own text) */
    uint32_t commas;
    uint32_t struct_chars; /* of which inside list items and table rows */
    uint32_t end;          /* the subtree is nodes (n, end) */
    float score;
    uint8_t sig;
    uint8_t flags;
};

struct ex {
    struct html_doc doc;
    struct info *in;
    int ignore_classes; /* 0: class words count; 1: weak ones are ignored; 2: all are */
};

static const struct html_element *el_of(const struct ex *x, uint32_t n)
{
    return html_node_element(&x->doc, n);
}

static int role_of(const struct ex *x, uint32_t n)
{
    const struct html_element *e = el_of(x, n);
    return e ? e->role : HTML_ROLE_INLINE;
}

static int id_of(const struct ex *x, uint32_t n)
{
    return html_node_id(&x->doc, n);
}

static bool is_blockish(int role)
{
    return role != HTML_ROLE_INLINE && role != HTML_ROLE_BREAK && role != HTML_ROLE_DROP;
}

static double link_density(const struct info *i)
{
    return i->chars ? (double)i->link_chars / (double)i->chars : 0;
}

/* role="navigation" and the like: landmarks that are never the article */
static bool bad_role(uint32_t h)
{
    static const char *const roles[] = {"navigation", "banner",      "complementary", "contentinfo",
                                        "dialog",     "alertdialog", "search",        "menu",
                                        "menubar",    "toolbar",     "tablist"};
    if (!h)
        return false;
    for (size_t i = 0; i < ARRAY_LEN(roles); i++)
        if (h == html_hash(roles[i], strlen(roles[i])))
            return true;
    return false;
}

/* Pass 1: drop by element, inherited flags, class signals. */
static void pass_signals(struct ex *x)
{
    const struct html_doc *d = &x->doc;
    for (uint32_t n = 1; n < d->n_nodes; n++) {
        const struct html_node *nd = &d->nodes[n];
        struct info *in = &x->in[n];
        uint8_t inherit = x->in[nd->parent].flags & (F_DROP | F_IN_LINK | F_IN_ARTICLE);
        in->flags = inherit;
        if (nd->type != HTML_NODE_ELEMENT || (inherit & F_DROP))
            continue;
        const struct html_element *e = el_of(x, n);
        int role = e ? e->role : HTML_ROLE_INLINE;
        if (role == HTML_ROLE_DROP || (nd->flags & HTML_HIDDEN) || bad_role(nd->role_attr)) {
            in->flags |= F_DROP;
            continue;
        }
        int id = e ? e->id : HTML_ID_OTHER;
        if (id == HTML_ID_HEADER && !(inherit & F_IN_ARTICLE)) {
            in->flags |= F_DROP; /* a page's masthead; an article's header holds its headline */
            continue;
        }
        if (id == HTML_ID_A)
            in->flags |= F_IN_LINK;
        if (id == HTML_ID_ARTICLE || id == HTML_ID_MAIN)
            in->flags |= F_IN_ARTICLE;
        if (nd->len)
            in->sig = (uint8_t)class_signals(d->text + nd->off, nd->len);
        if (role == HTML_ROLE_CAPTION || (in->sig & SIG_CAPTION))
            in->flags |= F_CAPTION;
    }
}

/* Does an element named with boilerplate words go, judged by what it holds? */
static bool class_drops(const struct ex *x, uint32_t n, const struct info *in)
{
    if (x->ignore_classes >= 2 || !(in->sig & (SIG_WEAK | SIG_STRONG)))
        return false;
    if (x->ignore_classes == 1 && !(in->sig & SIG_STRONG))
        return false;
    const struct html_element *e = el_of(x, n);
    int id = e ? e->id : HTML_ID_OTHER;
    if (id == HTML_ID_BODY || id == HTML_ID_HTML || id == HTML_ID_ARTICLE || id == HTML_ID_MAIN)
        return false;
    if (in->flags & F_ANCHOR)
        return false; /* it holds the article: the word names a wrapper */
    if (in->sig & SIG_STRONG)
        return true;
    /* weak words: a box of links or a snippet goes; on a paragraph or heading they name its
     * look ("teaser", "byline"), not boilerplate */
    int role = e ? e->role : HTML_ROLE_INLINE;
    if (role == HTML_ROLE_PARAGRAPH || role == HTML_ROLE_HEADING)
        return false;
    if (in->sig & SIG_POSITIVE)
        return false;
    return link_density(in) > 0.4 || in->chars < 50;
}

static uint32_t count_text(const char *s, size_t len, uint32_t *commas)
{
    uint32_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (ascii_isspace(c) || (c & 0xC0) == 0x80)
            continue;
        if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0) {
            i++;
            continue;
        }
        n++;
        if (c == ',')
            (*commas)++;
    }
    return n;
}

/* Pass 2: sizes bottom up, and the class judgement that needs them. */
static void pass_sizes(struct ex *x)
{
    const struct html_doc *d = &x->doc;
    /* where each subtree ends: children follow their parent, the last one ends it */
    for (uint32_t n = (uint32_t)d->n_nodes; n-- > 0;) {
        if (x->in[n].end < n + 1)
            x->in[n].end = n + 1;
        uint32_t p = d->nodes[n].parent;
        if (n && x->in[p].end < x->in[n].end)
            x->in[p].end = x->in[n].end;
    }
    for (uint32_t n = (uint32_t)d->n_nodes; n-- > 1;) {
        const struct html_node *nd = &d->nodes[n];
        struct info *in = &x->in[n];
        if (in->flags & F_DROP)
            continue;
        struct info *pi = &x->in[nd->parent];
        if (nd->type == HTML_NODE_TEXT) {
            uint32_t commas = 0;
            uint32_t c = count_text(d->text + nd->off, nd->len, &commas);
            pi->chars += c;
            pi->own_chars += c;
            pi->commas += commas;
            if (in->flags & F_IN_LINK)
                pi->link_chars += c;
            continue;
        }
        if (nd->type != HTML_NODE_ELEMENT)
            continue;
        const struct html_element *e = el_of(x, n);
        if (e && !(in->sig & SIG_STRONG) &&
            (e->id == HTML_ID_H1 || e->id == HTML_ID_ARTICLE || e->id == HTML_ID_MAIN))
            in->flags |= F_ANCHOR;
        if (class_drops(x, n, in)) {
            in->flags |= F_DROP;
            continue;
        }
        int role = e ? e->role : HTML_ROLE_INLINE;
        if (role == HTML_ROLE_LIST_ITEM || role == HTML_ROLE_ROW)
            in->struct_chars = in->chars;
        pi->struct_chars += in->struct_chars;
        pi->chars += in->chars;
        pi->link_chars += in->link_chars;
        pi->commas += in->commas;
        pi->flags |= in->flags & F_ANCHOR;
        if (is_blockish(role) && role != HTML_ROLE_CELL) {
            if (in->chars) /* an empty block (an image's box) splits no text */
                pi->flags |= F_BLOCK_CHILD;
        } else {
            pi->own_chars += in->own_chars;
            pi->flags |= in->flags & F_BLOCK_CHILD;
        }
    }
}

static double paragraph_points(uint32_t chars, uint32_t commas, double ld)
{
    double len_pts = (double)(chars / 100 < 3 ? chars / 100 : 3);
    return (1.0 + (double)commas + len_pts) * (1.0 - ld);
}

static void add_points(struct ex *x, uint32_t n, double pts)
{
    static const double share[] = {1.0, 0.5, 1.0 / 6};
    const struct html_doc *d = &x->doc;
    for (size_t k = 0; k < ARRAY_LEN(share) && n; k++) {
        if (d->nodes[n].type == HTML_NODE_ELEMENT)
            x->in[n].score += (float)(pts * share[k]);
        n = d->nodes[n].parent;
    }
}

/* Pass 3: drops inherited top down (pass 2 decided some late), then paragraph points. */
static void pass_scores(struct ex *x)
{
    const struct html_doc *d = &x->doc;
    for (uint32_t n = 1; n < d->n_nodes; n++) {
        const struct html_node *nd = &d->nodes[n];
        struct info *in = &x->in[n];
        in->score = 0;
        const struct info *pi = &x->in[nd->parent];
        if (pi->flags & F_DROP)
            in->flags |= F_DROP;
        if ((pi->flags & F_IN_SMALL) ||
            (nd->parent && pi->chars <= 500 && role_of(x, nd->parent) == HTML_ROLE_BLOCK))
            in->flags |= F_IN_SMALL;
    }
    for (uint32_t n = 1; n < d->n_nodes; n++) {
        const struct html_node *nd = &d->nodes[n];
        const struct info *in = &x->in[n];
        if (nd->type != HTML_NODE_ELEMENT || (in->flags & (F_DROP | F_CAPTION)))
            continue;
        int role = role_of(x, n);
        /* a list item of running text (a recipe's steps) counts; a list of links does not */
        bool para = role == HTML_ROLE_PARAGRAPH || role == HTML_ROLE_CELL ||
                    (role == HTML_ROLE_LIST_ITEM && link_density(in) < 0.3) ||
                    (role == HTML_ROLE_BLOCK && !(in->flags & F_BLOCK_CHILD));
        double mult = (in->sig & (SIG_WEAK | SIG_STRONG)) && !(in->sig & SIG_POSITIVE) ? 0.5 : 1;
        if (para && in->chars >= MIN_PARAGRAPH) {
            if (nd->parent)
                add_points(x, nd->parent,
                           mult * paragraph_points(in->chars, in->commas, link_density(in)));
        } else if (role == HTML_ROLE_BLOCK && in->own_chars >= MIN_PARAGRAPH) {
            /* loose text beside blocks (text broken by <br>): a paragraph of the element */
            uint32_t commas =
                in->chars ? (uint32_t)((uint64_t)in->commas * in->own_chars / in->chars) : 0;
            add_points(x, n, mult * paragraph_points(in->own_chars, commas, link_density(in)));
        }
    }
}

static double final_score(const struct ex *x, uint32_t n)
{
    const struct info *in = &x->in[n];
    double s = in->score * (1.0 - link_density(in));
    if (!x->ignore_classes) {
        if ((in->sig & SIG_POSITIVE) && !(in->sig & (SIG_WEAK | SIG_STRONG)))
            s *= 1.25;
        else if ((in->sig & (SIG_WEAK | SIG_STRONG)) && !(in->sig & SIG_POSITIVE))
            s *= 0.75;
    }
    return s;
}

static bool is_ancestor(const struct html_doc *d, uint32_t a, uint32_t n)
{
    while (n && n != a)
        n = d->nodes[n].parent;
    return n == a && a != 0;
}

#define TOP_N 5

/* The best candidate: the highest final score, moved up to the ancestor it shares with
 * several near-equal candidates (an article whose paragraphs sit in several boxes), and past
 * wrappers that hold nothing else. Returns 0 when no element scored. */
static uint32_t choose_top(struct ex *x, double *top_score)
{
    const struct html_doc *d = &x->doc;
    uint32_t best[TOP_N] = {0};
    double bs[TOP_N] = {0};
    for (uint32_t n = 1; n < d->n_nodes; n++) {
        if (d->nodes[n].type != HTML_NODE_ELEMENT || x->in[n].score <= 0 ||
            (x->in[n].flags & F_DROP))
            continue;
        double s = final_score(x, n);
        for (size_t k = 0; k < TOP_N; k++) {
            if (s > bs[k]) {
                memmove(&best[k + 1], &best[k], (TOP_N - 1 - k) * sizeof best[0]);
                memmove(&bs[k + 1], &bs[k], (TOP_N - 1 - k) * sizeof bs[0]);
                best[k] = n;
                bs[k] = s;
                break;
            }
        }
    }
    uint32_t top = best[0];
    if (!top)
        return 0;
    /* several strong candidates under one ancestor: that ancestor is the article */
    size_t strong = 0;
    for (size_t k = 1; k < TOP_N; k++)
        strong += best[k] && bs[k] >= 0.75 * bs[0];
    if (strong >= 2) {
        for (uint32_t a = d->nodes[top].parent; a; a = d->nodes[a].parent) {
            if (id_of(x, a) == HTML_ID_BODY || id_of(x, a) == HTML_ID_HTML)
                break;
            size_t in = 0;
            for (size_t k = 1; k < TOP_N; k++)
                in += best[k] && bs[k] >= 0.75 * bs[0] && is_ancestor(d, a, best[k]);
            if (in >= 2) {
                top = a;
                break;
            }
        }
    }
    /* a wrapper with no other content than the candidate is the same block (the measure is
     * the candidate's own size, so that wrappers cannot add up to a sidebar) */
    const struct info *chosen = &x->in[top];
    for (;;) {
        uint32_t p = d->nodes[top].parent;
        if (!p || id_of(x, p) == HTML_ID_BODY || id_of(x, p) == HTML_ID_HTML ||
            (x->in[p].flags & F_DROP))
            break;
        const struct info *pi = &x->in[p], *ti = &x->in[top];
        bool wrapper = pi->chars <= chosen->chars + chosen->chars / 10 + 20;
        /* an <article> around the body also holds its headline, lead and byline */
        uint32_t rest = pi->chars - ti->chars, rest_links = pi->link_chars - ti->link_chars;
        bool article = id_of(x, p) == HTML_ID_ARTICLE && rest_links * 10 < rest * 3;
        if (!wrapper && !article)
            break;
        top = p;
    }
    *top_score = final_score(x, top);
    if (*top_score < bs[0])
        *top_score = bs[0];
    return top;
}

/* ---- output ---- */

struct emitter {
    struct buf out;
    struct buf cur; /* the block being gathered */
    enum extract_block_kind cur_kind;
    struct extract_block *blocks;
    size_t n_blocks, cap_blocks;
    bool space_pending;
};

static void flush_block(struct emitter *e)
{
    size_t len = e->cur.len;
    const char *s = e->cur.data;
    while (len && ascii_isspace((unsigned char)s[len - 1]))
        len--;
    if (len > 0 && !e->out.overflow) {
        size_t start = e->out.len;
        if (start > 0)
            buf_append_char(&e->out, '\n'), start++;
        if (buf_append(&e->out, s, len)) {
            if (e->n_blocks == e->cap_blocks) {
                e->cap_blocks = e->cap_blocks ? e->cap_blocks * 2 : 32;
                e->blocks = xreallocarray(e->blocks, e->cap_blocks, sizeof *e->blocks);
            }
            e->blocks[e->n_blocks++] = (struct extract_block){e->cur_kind, start, len};
        }
    }
    buf_reset(&e->cur);
    e->space_pending = false;
}

static void append_text(struct emitter *e, const char *s, size_t n, bool pre)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (pre && c == '\n') {
            enum extract_block_kind k = e->cur_kind;
            flush_block(e);
            e->cur_kind = k;
            continue;
        }
        if (c < 0x20 || c == 0x7F || c == ' ') {
            e->space_pending = e->cur.len > 0;
            continue;
        }
        /* U+00A0 no-break space collapses like a space */
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
            e->space_pending = e->cur.len > 0;
            i++;
            continue;
        }
        if (e->space_pending) {
            buf_append_char(&e->cur, ' ');
            e->space_pending = false;
        }
        buf_append_char(&e->cur, (char)c);
    }
}

static void begin_block(struct emitter *e, enum extract_block_kind k)
{
    flush_block(e);
    e->cur_kind = k;
}

/* Does the element's first heading (within its first few children) announce a page tail
 * (comments, related articles)? */
static bool headed_by_tail(const struct ex *x, uint32_t n)
{
    const struct html_doc *d = &x->doc;
    int seen = 0;
    for (uint32_t c = d->nodes[n].first_child; c && seen < 4; c = d->nodes[c].next) {
        if (d->nodes[c].type != HTML_NODE_ELEMENT)
            continue;
        seen++;
        if (role_of(x, c) != HTML_ROLE_HEADING)
            continue;
        struct buf t = {0};
        for (uint32_t k = c + 1; k < x->in[c].end && t.len < 200; k++)
            if (d->nodes[k].type == HTML_NODE_TEXT)
                buf_append(&t, d->text + d->nodes[k].off, d->nodes[k].len);
        char *s = text_from_plain(t.data ? t.data : "", t.len, TEXT_INLINE, 200);
        buf_free(&t);
        bool tail = summary_clean_is_tail_marker(s, strlen(s));
        free(s);
        return tail;
    }
    return false;
}

/* The plain text of a subtree (at most `cap` bytes), for the advert test. */
static char *subtree_text(const struct ex *x, uint32_t n, size_t cap)
{
    const struct html_doc *d = &x->doc;
    struct buf t = {0};
    for (uint32_t k = n + 1; k < x->in[n].end && t.len < cap; k++) {
        if (d->nodes[k].type == HTML_NODE_TEXT && !(x->in[d->nodes[k].parent].flags & F_DROP)) {
            buf_append(&t, d->text + d->nodes[k].off, d->nodes[k].len);
            buf_append_char(&t, ' ');
        }
    }
    return buf_steal(&t);
}

/* Inside the article: a block that is not article text after all (the readability idea of
 * cleaning conditionally): mostly links (related links, tag lists), a small box that
 * advertises (its friendly lead-in goes with its button), a block headed "Mehr zum Thema". */
static bool clean_out(const struct ex *x, uint32_t n)
{
    const struct info *in = &x->in[n];
    int role = role_of(x, n);
    if (role != HTML_ROLE_BLOCK && role != HTML_ROLE_LIST_ITEM)
        return false;
    if (in->chars == 0)
        return true;
    double ld = link_density(in);
    if (ld > 0.5 && in->chars < 1000)
        return true;
    if (id_of(x, n) == HTML_ID_FORM && in->chars < 500)
        return true;
    /* the outermost small box only: its text holds that of the boxes inside it */
    if (in->chars <= 500 && role == HTML_ROLE_BLOCK && id_of(x, n) != HTML_ID_TABLE &&
        !(in->flags & F_IN_SMALL)) {
        char *t = subtree_text(x, n, 2048);
        bool ad = summary_clean_is_advert(t, strlen(t));
        free(t);
        if (ad)
            return true;
    }
    return role == HTML_ROLE_BLOCK && headed_by_tail(x, n);
}

/* Does a table row hold only inline cells (a data row: one line), not layout? */
static bool data_row(const struct ex *x, uint32_t n)
{
    const struct html_doc *d = &x->doc;
    for (uint32_t c = d->nodes[n].first_child; c; c = d->nodes[c].next)
        if (d->nodes[c].type == HTML_NODE_ELEMENT && (x->in[c].flags & F_BLOCK_CHILD))
            return false;
    return true;
}

static void emit(struct emitter *e, const struct ex *x, uint32_t n, enum extract_block_kind kind,
                 bool clean, bool pre);

static void emit_element(struct emitter *e, const struct ex *x, uint32_t c,
                         enum extract_block_kind kind, bool clean, bool pre)
{
    const struct info *in = &x->in[c];
    if (in->flags & F_DROP)
        return;
    const struct html_element *el = el_of(x, c);
    int role = el ? el->role : HTML_ROLE_INLINE;
    if (role == HTML_ROLE_BREAK) {
        begin_block(e, kind);
        return;
    }
    if (role == HTML_ROLE_INLINE) {
        if (in->flags & F_CAPTION) {
            begin_block(e, EXTRACT_CAPTION);
            emit(e, x, c, EXTRACT_CAPTION, clean, pre);
            begin_block(e, kind);
            return;
        }
        emit(e, x, c, kind, clean, pre);
        return;
    }
    if (role == HTML_ROLE_CELL && kind == EXTRACT_TABLE_ROW) {
        e->space_pending = e->cur.len > 0;
        emit(e, x, c, kind, clean, pre);
        e->space_pending = e->cur.len > 0;
        return;
    }
    if (clean && clean_out(x, c))
        return;
    enum extract_block_kind k = kind;
    if (in->flags & F_CAPTION)
        k = EXTRACT_CAPTION;
    else if (role == HTML_ROLE_HEADING)
        k = EXTRACT_HEADING;
    else if (role == HTML_ROLE_LIST_ITEM)
        k = (in->flags & F_BLOCK_CHILD) ? EXTRACT_PARAGRAPH : EXTRACT_LIST_ITEM;
    else if (role == HTML_ROLE_ROW)
        k = data_row(x, c) ? EXTRACT_TABLE_ROW : EXTRACT_PARAGRAPH;
    else if (role == HTML_ROLE_PARAGRAPH && kind != EXTRACT_CAPTION)
        k = kind == EXTRACT_LIST_ITEM ? EXTRACT_LIST_ITEM : EXTRACT_PARAGRAPH;
    else if (kind == EXTRACT_TABLE_ROW)
        k = EXTRACT_PARAGRAPH;
    begin_block(e, k);
    emit(e, x, c, k, clean, pre || (el && el->text_kind == HTML_TEXT_PRE));
    begin_block(e, kind);
}

static void emit(struct emitter *e, const struct ex *x, uint32_t n, enum extract_block_kind kind,
                 bool clean, bool pre)
{
    const struct html_doc *d = &x->doc;
    for (uint32_t c = d->nodes[n].first_child; c; c = d->nodes[c].next) {
        const struct html_node *nd = &d->nodes[c];
        if (nd->type == HTML_NODE_TEXT)
            append_text(e, d->text + nd->off, nd->len, pre);
        else if (nd->type == HTML_NODE_ELEMENT)
            emit_element(e, x, c, kind, clean, pre);
    }
}

static void finish(struct emitter *e, struct extract_result *out)
{
    flush_block(e);
    /* Clean text stays as it is; anything else (C1 controls from references, stray controls,
     * bytes that were not UTF-8) is repaired block by block so the block table stays true. */
    const char *data = e->out.data ? e->out.data : "";
    if (text_is_valid_utf8(data, e->out.len)) {
        char *clean = text_sanitize_utf8(data, e->out.len);
        if (strlen(clean) == e->out.len && !memcmp(clean, data, e->out.len)) {
            out->text = clean;
            out->len = e->out.len;
            goto done;
        }
        free(clean);
    }
    struct buf t = {0};
    size_t k = 0;
    for (size_t i = 0; i < e->n_blocks; i++) {
        char *b = text_sanitize_utf8(data + e->blocks[i].start, e->blocks[i].len);
        char *p = text_from_plain(b, strlen(b), TEXT_INLINE, 0);
        free(b);
        if (*p) {
            size_t start = t.len ? t.len + 1 : 0;
            if (t.len)
                buf_append_char(&t, '\n');
            buf_append_str(&t, p);
            e->blocks[k] = (struct extract_block){e->blocks[i].kind, start, strlen(p)};
            k++;
        }
        free(p);
    }
    e->n_blocks = k;
    out->len = t.len;
    out->text = buf_steal(&t);
done:
    out->blocks = e->blocks;
    out->n_blocks = e->n_blocks;
    e->blocks = NULL;
    buf_free(&e->out);
    buf_free(&e->cur);
}

static void emitter_init(struct emitter *e)
{
    memset(e, 0, sizeof *e);
    e->out.cap_limit = MAX_TEXT_BYTES;
    e->cur.cap_limit = MAX_TEXT_BYTES;
    e->cur_kind = EXTRACT_PARAGRAPH;
}

static void emitter_free(struct emitter *e)
{
    buf_free(&e->out);
    buf_free(&e->cur);
    free(e->blocks);
    memset(e, 0, sizeof *e);
}

/* Do two elements have the same element name and class (blocks of the same kind)? */
static bool same_kind(const struct ex *x, uint32_t a, uint32_t b)
{
    const struct html_node *na = &x->doc.nodes[a], *nb = &x->doc.nodes[b];
    if (na->name_hash != nb->name_hash || na->type != HTML_NODE_ELEMENT)
        return false;
    /* compare the class part (up to the first space of "class id" when an id follows) */
    const char *sa = x->doc.text + na->off, *sb = x->doc.text + nb->off;
    size_t la = na->len, lb = nb->len;
    return la == lb && (la == 0 || !memcmp(sa, sb, la));
}

/* Siblings of the chosen block that belong to the article. */
static void choose_siblings(const struct ex *x, uint32_t top, double top_score, bool *keep,
                            uint32_t *sibs, size_t n_sibs)
{
    double threshold = top_score * 0.2 > 10 ? top_score * 0.2 : 10;
    for (size_t i = 0; i < n_sibs; i++) {
        uint32_t s = sibs[i];
        const struct info *in = &x->in[s];
        keep[i] = s == top;
        if (keep[i] || x->doc.nodes[s].type != HTML_NODE_ELEMENT || (in->flags & F_DROP))
            continue;
        int role = role_of(x, s);
        double ld = link_density(in);
        double sc = final_score(x, s);
        if (same_kind(x, s, top) && x->doc.nodes[top].len)
            sc += top_score * 0.2;
        if (sc >= threshold)
            keep[i] = true;
        else if (role == HTML_ROLE_PARAGRAPH)
            keep[i] = (in->chars > 80 && ld < 0.25) || (in->chars > 0 && ld == 0 && in->commas);
        else if (same_kind(x, s, top) && in->chars >= MIN_PARAGRAPH && ld < 0.5)
            keep[i] = true;
        else if (in->score >= 3 && in->chars > 80 && ld < 0.25 &&
                 (!(in->sig & (SIG_WEAK | SIG_STRONG)) || (in->sig & SIG_POSITIVE)))
            keep[i] = true; /* a box of paragraphs beside the chosen one (a recipe's intro) */
        if (keep[i] && headed_by_tail(x, s))
            keep[i] = false; /* "Leserstimmen", "Mehr zum Thema": a block of its own */
    }
    /* headings, lists and tables between kept blocks belong to them */
    for (size_t i = 0; i < n_sibs; i++) {
        uint32_t s = sibs[i];
        if (keep[i] || x->doc.nodes[s].type != HTML_NODE_ELEMENT || (x->in[s].flags & F_DROP))
            continue;
        int role = role_of(x, s);
        const struct html_element *el = el_of(x, s);
        bool structure =
            role == HTML_ROLE_HEADING || (el && (el->id == HTML_ID_UL || el->id == HTML_ID_OL ||
                                                 el->id == HTML_ID_DL || el->id == HTML_ID_TABLE));
        if (!structure || link_density(&x->in[s]) > 0.3)
            continue;
        bool before = false, after = false;
        for (size_t k = i; k-- > 0;)
            if (x->doc.nodes[sibs[k]].type == HTML_NODE_ELEMENT && x->in[sibs[k]].chars) {
                before = keep[k];
                break;
            }
        for (size_t k = i + 1; k < n_sibs; k++)
            if (x->doc.nodes[sibs[k]].type == HTML_NODE_ELEMENT && x->in[sibs[k]].chars) {
                after = keep[k];
                break;
            }
        if (after && (before || role == HTML_ROLE_HEADING))
            keep[i] = true;
    }
    /* blocks that are mostly lists and tables next to the article's blocks continue it
     * (a recipe's ingredients and steps, a service page's fees and opening hours) */
    for (int dir = 0; dir < 2; dir++) {
        size_t last = SIZE_MAX; /* the sibling with text visited last */
        for (size_t j = 0; j < n_sibs; j++) {
            size_t i = dir == 0 ? j : n_sibs - 1 - j;
            uint32_t s = sibs[i];
            const struct info *in = &x->in[s];
            if (x->doc.nodes[s].type != HTML_NODE_ELEMENT || (in->flags & F_DROP) || !in->chars)
                continue;
            if (!keep[i] && last != SIZE_MAX && keep[last] && in->struct_chars * 2 >= in->chars &&
                !(in->flags & F_CAPTION) && link_density(in) < 0.2 && !headed_by_tail(x, s))
                keep[i] = true;
            last = i;
        }
    }
}

/* Returns the chosen block (0 when none). */
static uint32_t run(struct ex *x, struct emitter *e)
{
    memset(x->in, 0, x->doc.n_nodes * sizeof *x->in);
    pass_signals(x);
    pass_sizes(x);
    pass_scores(x);
    double top_score = 0;
    uint32_t top = choose_top(x, &top_score);
    emitter_init(e);
    const struct html_doc *d = &x->doc;
    if (!top) {
        /* No paragraph anywhere (a page of short blocks, or text straight in the document):
         * everything that is not boilerplate, rather than nothing. */
        emit(e, x, 0, EXTRACT_PARAGRAPH, true, false);
        return 0;
    }
    uint32_t parent = d->nodes[top].parent;
    if (!parent || id_of(x, top) == HTML_ID_BODY || id_of(x, top) == HTML_ID_HTML) {
        emit(e, x, top, EXTRACT_PARAGRAPH, true, false);
        return top;
    }
    size_t n_sibs = 0;
    for (uint32_t s = d->nodes[parent].first_child; s; s = d->nodes[s].next)
        n_sibs++;
    uint32_t *sibs = xreallocarray(NULL, n_sibs, sizeof *sibs);
    bool *keep = xcalloc(n_sibs, sizeof *keep);
    n_sibs = 0;
    for (uint32_t s = d->nodes[parent].first_child; s; s = d->nodes[s].next)
        sibs[n_sibs++] = s;
    choose_siblings(x, top, top_score, keep, sibs, n_sibs);
    for (size_t i = 0; i < n_sibs; i++) {
        if (!keep[i])
            continue;
        uint32_t s = sibs[i];
        if (d->nodes[s].type == HTML_NODE_TEXT) {
            begin_block(e, EXTRACT_PARAGRAPH);
            append_text(e, d->text + d->nodes[s].off, d->nodes[s].len, false);
            begin_block(e, EXTRACT_PARAGRAPH);
        } else if (s == top) {
            /* the chosen block itself is never cleaned out, only its insides */
            enum extract_block_kind k =
                role_of(x, s) == HTML_ROLE_HEADING ? EXTRACT_HEADING : EXTRACT_PARAGRAPH;
            begin_block(e, k);
            emit(e, x, s, k, true, false);
            begin_block(e, EXTRACT_PARAGRAPH);
        } else {
            emit_element(e, x, s, EXTRACT_PARAGRAPH, true, false);
        }
    }
    free(sibs);
    free(keep);
    return top;
}

/* Bytes of text found, captions left out. */
static size_t text_chars(const struct emitter *e)
{
    size_t n = 0;
    for (size_t i = 0; i < e->n_blocks; i++)
        if (e->blocks[i].kind != EXTRACT_CAPTION)
            n += e->blocks[i].len;
    return n;
}

/* ---- title ---- */

static char *title_of(const struct ex *x)
{
    const struct html_doc *d = &x->doc;
    if (d->og_title)
        return xstrdup(d->og_title);
    uint32_t t = d->title;
    if (!t) {
        for (uint32_t n = 1; n < d->n_nodes && !t; n++)
            if (id_of(x, n) == HTML_ID_H1)
                t = n;
    }
    if (!t)
        return NULL;
    struct buf b = {0};
    for (uint32_t k = t + 1; k < d->n_nodes && is_ancestor(d, t, k) && b.len < 4096; k++)
        if (d->nodes[k].type == HTML_NODE_TEXT) {
            buf_append(&b, d->text + d->nodes[k].off, d->nodes[k].len);
            buf_append_char(&b, ' ');
        }
    char *clean = text_sanitize_utf8(b.data ? b.data : "", b.len);
    buf_free(&b);
    char *s = text_from_plain(clean, strlen(clean), TEXT_INLINE, 1024);
    free(clean);
    if (!*s) {
        free(s);
        return NULL;
    }
    return s;
}

/* ---- entry points ---- */

bool extract_article(const char *html, size_t len, const char *http_charset,
                     struct extract_result *out, struct error *err)
{
    memset(out, 0, sizeof *out);
    error_clear(err);
    if (len > EXTRACT_MAX_PAGE_BYTES)
        len = EXTRACT_MAX_PAGE_BYTES;
    struct charset_result cr = {0};
    struct error cerr = {0};
    if (!charset_to_utf8(html ? html : "", html ? len : 0, http_charset, CHARSET_DOC_HTML, &cr,
                         &cerr)) {
        /* An encoding we cannot decode: read it as windows-1252 rather than give up. */
        free(cr.text);
        memset(&cr, 0, sizeof cr);
        if (!charset_to_utf8(html ? html : "", html ? len : 0, "windows-1252", CHARSET_DOC_TEXT,
                             &cr, &cerr)) {
            free(cr.text);
            out->text = xstrdup("");
            return error_set(err, "page: %s", cerr.msg);
        }
    }
    snprintf(out->encoding, sizeof out->encoding, "%s", cr.encoding);
    if (cr.len == 0) {
        free(cr.text);
        out->text = xstrdup("");
        return error_set(err, "page: no HTML document");
    }
    struct ex x = {0};
    html_parse(cr.text, cr.len, &x.doc);
    free(cr.text);
    x.in = xcalloc(x.doc.n_nodes, sizeof *x.in);
    memcpy(out->lang, x.doc.lang, sizeof out->lang);
    out->title = title_of(&x);

    struct emitter e;
    run(&x, &e);
    /* Little text: perhaps a class word took the article. Look again without the weak words,
     * and when that still finds almost nothing, without any. */
    for (int level = 1; level <= 2 && text_chars(&e) < (level == 1 ? RETRY_CHARS : 50); level++) {
        struct emitter e2;
        x.ignore_classes = level;
        run(&x, &e2);
        if (text_chars(&e2) > text_chars(&e) * 2 + 50) {
            emitter_free(&e);
            e = e2;
        } else {
            emitter_free(&e2);
        }
    }
    free(x.in);
    html_doc_free(&x.doc);
    finish(&e, out);
    size_t para = 0;
    for (size_t i = 0; i < out->n_blocks; i++)
        if (out->blocks[i].kind == EXTRACT_PARAGRAPH)
            para++;
    if (para == 0)
        return error_set(err, "page: no main text found");
    return true;
}

void extract_fragment(const char *html, size_t len, struct extract_result *out)
{
    memset(out, 0, sizeof *out);
    if (!html || len == 0) {
        out->text = xstrdup("");
        return;
    }
    if (len > EXTRACT_MAX_PAGE_BYTES)
        len = EXTRACT_MAX_PAGE_BYTES;
    char *clean = text_sanitize_utf8(html, len);
    struct ex x = {0};
    html_parse(clean, strlen(clean), &x.doc);
    free(clean);
    x.in = xcalloc(x.doc.n_nodes, sizeof *x.in);
    pass_signals(&x);
    pass_sizes(&x);
    pass_scores(&x);
    struct emitter e;
    emitter_init(&e);
    emit(&e, &x, 0, EXTRACT_PARAGRAPH, false, false);
    free(x.in);
    html_doc_free(&x.doc);
    finish(&e, out);
}

void extract_result_free(struct extract_result *r)
{
    if (!r)
        return;
    free(r->text);
    free(r->blocks);
    free(r->title);
    memset(r, 0, sizeof *r);
}
