/*
 * Where in the source text is feeds[3].interval? cJSON keeps no positions, so this is a tiny
 * JSON scanner of our own. json_pos_find walks the text along a path of keys and indexes;
 * json_pos_index walks the text and the cJSON tree side by side once (both visit values in
 * document order) and keeps every node's offsets in a hash table keyed by the node's address.
 * It runs only on text cJSON already accepted and only to place a message, so it is lenient:
 * on anything unexpected it returns the last position it reached, which is still near the
 * problem.
 */
#include "core/json_pos.h"
#include "core/util.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct scan {
    const char *p;
    size_t len;
    size_t pos;
};

#define LOCATE_MAX_DEPTH 64

static void skip_ws(struct scan *s)
{
    while (s->pos < s->len && ascii_isspace(s->p[s->pos]))
        s->pos++;
}

/* Skips a string starting at its opening quote; decodes it into `out` (may be NULL). */
static bool scan_string(struct scan *s, struct buf *out)
{
    if (s->pos >= s->len || s->p[s->pos] != '"')
        return false;
    s->pos++;
    while (s->pos < s->len) {
        char c = s->p[s->pos++];
        if (c == '"')
            return true;
        if (c != '\\') {
            if (out)
                buf_append_char(out, c);
            continue;
        }
        if (s->pos >= s->len)
            return false;
        char e = s->p[s->pos++];
        char d = e;
        switch (e) {
        case 'n':
            d = '\n';
            break;
        case 't':
            d = '\t';
            break;
        case 'r':
            d = '\r';
            break;
        case 'b':
            d = '\b';
            break;
        case 'f':
            d = '\f';
            break;
        case 'u': {
            unsigned cp = 0;
            for (int i = 0; i < 4 && s->pos < s->len; i++, s->pos++) {
                char h = s->p[s->pos];
                cp = cp * 16 +
                     (unsigned)(ascii_isdigit(h) ? h - '0' : (ascii_tolower(h) - 'a' + 10) & 15);
            }
            if (out) {
                /* Keys with \u escapes are rare; BMP code points are enough to compare. */
                if (cp < 0x80) {
                    buf_append_char(out, (char)cp);
                } else if (cp < 0x800) {
                    buf_append_char(out, (char)(0xC0 | (cp >> 6)));
                    buf_append_char(out, (char)(0x80 | (cp & 0x3F)));
                } else {
                    buf_append_char(out, (char)(0xE0 | (cp >> 12)));
                    buf_append_char(out, (char)(0x80 | ((cp >> 6) & 0x3F)));
                    buf_append_char(out, (char)(0x80 | (cp & 0x3F)));
                }
            }
            continue;
        }
        default:
            break;
        }
        if (out)
            buf_append_char(out, d);
    }
    return false;
}

static bool skip_value(struct scan *s, int depth)
{
    skip_ws(s);
    if (s->pos >= s->len || depth > LOCATE_MAX_DEPTH)
        return false;
    char c = s->p[s->pos];
    if (c == '"')
        return scan_string(s, NULL);
    if (c == '{' || c == '[') {
        char close = c == '{' ? '}' : ']';
        s->pos++;
        skip_ws(s);
        if (s->pos < s->len && s->p[s->pos] == close) {
            s->pos++;
            return true;
        }
        for (;;) {
            if (c == '{') {
                skip_ws(s);
                if (!scan_string(s, NULL))
                    return false;
                skip_ws(s);
                if (s->pos >= s->len || s->p[s->pos] != ':')
                    return false;
                s->pos++;
            }
            if (!skip_value(s, depth + 1))
                return false;
            skip_ws(s);
            if (s->pos >= s->len)
                return false;
            if (s->p[s->pos] == ',') {
                s->pos++;
                continue;
            }
            if (s->p[s->pos] == close) {
                s->pos++;
                return true;
            }
            return false;
        }
    }
    /* number or literal */
    while (s->pos < s->len) {
        char d = s->p[s->pos];
        if (d == ',' || d == '}' || d == ']' || ascii_isspace(d))
            break;
        s->pos++;
    }
    return true;
}

/* Past a member or element that is not the one sought: its value and the comma after it. */
static bool skip_member(struct scan *s)
{
    if (!skip_value(s, 0))
        return false;
    skip_ws(s);
    if (s->pos < s->len && s->p[s->pos] == ',')
        s->pos++;
    return true;
}

size_t json_pos_find(const char *text, size_t len, const struct json_pos_step *path, size_t n,
                     bool at_key)
{
    struct scan s = {text, len, 0};
    /* A UTF-8 byte order mark is not part of the document (cJSON was given the text after it). */
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
        s.pos = 3;
    skip_ws(&s);
    size_t best = s.pos;
    struct buf key = {0};
    for (size_t i = 0; i < n; i++) {
        const struct json_pos_step *seg = &path[i];
        skip_ws(&s);
        best = s.pos;
        if (s.pos >= s.len)
            break;
        char open = s.p[s.pos];
        bool found = false;
        if (seg->key && open == '{') {
            s.pos++;
            int seen = 0;
            for (;;) {
                skip_ws(&s);
                if (s.pos >= s.len || s.p[s.pos] == '}')
                    break;
                size_t key_pos = s.pos;
                buf_reset(&key);
                if (!scan_string(&s, &key))
                    break;
                skip_ws(&s);
                if (s.pos >= s.len || s.p[s.pos] != ':')
                    break;
                s.pos++;
                if (key.len == strlen(seg->key) &&
                    !memcmp(key.data ? key.data : "", seg->key, key.len) && seen++ == seg->nth) {
                    found = true;
                    if (at_key && i + 1 == n) {
                        buf_free(&key);
                        return key_pos;
                    }
                    break;
                }
                if (!skip_member(&s))
                    break;
            }
        } else if (!seg->key && open == '[') {
            s.pos++;
            for (size_t k = 0;; k++) {
                skip_ws(&s);
                if (s.pos >= s.len || s.p[s.pos] == ']')
                    break;
                if (k == seg->index) {
                    found = true;
                    break;
                }
                if (!skip_member(&s))
                    break;
            }
        }
        if (!found)
            break;
        skip_ws(&s);
        best = s.pos;
    }
    buf_free(&key);
    return best;
}

void json_pos_line_col(const char *text, size_t len, size_t offset, int *line, int *column)
{
    if (offset > len)
        offset = len;
    int l = 1, c = 1;
    size_t start = 0;
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
        start = 3;
    for (size_t i = start; i < offset; i++) {
        unsigned char b = (unsigned char)text[i];
        if (b == '\n') {
            l++;
            c = 1;
        } else if ((b & 0xC0) != 0x80) {
            /* Columns count characters: continuation bytes belong to the one before. */
            c++;
        }
    }
    *line = l;
    *column = c;
}

bool json_pos_truncated(const char *text, size_t len, size_t *end)
{
    struct scan s = {text, len, 0};
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
        s.pos = 3;
    bool ok = skip_value(&s, 0);
    *end = s.pos;
    return !ok && s.pos >= len;
}

static int cmp_offset(const void *a, const void *b)
{
    size_t x = **(const size_t *const *)a, y = **(const size_t *const *)b;
    return x < y ? -1 : x > y;
}

void json_pos_lines_cols(const char *text, size_t len, const size_t *offsets, size_t n, int *lines,
                         int *columns)
{
    if (!n)
        return;
    /* Visit the offsets in ascending order, counting lines and characters on the way. */
    const size_t **order = xcalloc(n, sizeof *order);
    for (size_t i = 0; i < n; i++)
        order[i] = &offsets[i];
    qsort(order, n, sizeof *order, cmp_offset);
    size_t pos = len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3) ? 3 : 0;
    int l = 1, c = 1;
    for (size_t k = 0; k < n; k++) {
        size_t target = *order[k] < len ? *order[k] : len;
        for (; pos < target; pos++) {
            unsigned char b = (unsigned char)text[pos];
            if (b == '\n') {
                l++;
                c = 1;
            } else if ((b & 0xC0) != 0x80) {
                c++;
            }
        }
        size_t i = (size_t)(order[k] - offsets);
        lines[i] = l;
        columns[i] = c;
    }
    free(order);
}

/* ---- the index ----------------------------------------------------------------------- */

struct json_pos_slot {
    const cJSON *node; /* NULL: empty */
    size_t value;
    size_t key;
};

struct json_pos_index {
    struct json_pos_slot *slots;
    size_t mask; /* capacity - 1, a power of two at least twice the number of nodes */
};

static size_t slot_of(const struct json_pos_index *ix, const cJSON *node)
{
    uintptr_t h = (uintptr_t)node;
    /* Fibonacci hashing: node addresses are aligned and close together. */
    size_t i = (size_t)((uint64_t)h * UINT64_C(11400714819323198485) >> 20) & ix->mask;
    while (ix->slots[i].node && ix->slots[i].node != node)
        i = (i + 1) & ix->mask;
    return i;
}

static void remember(struct json_pos_index *ix, const cJSON *node, size_t value, size_t key)
{
    struct json_pos_slot *s = &ix->slots[slot_of(ix, node)];
    *s = (struct json_pos_slot){node, value, key};
}

static size_t count_nodes(const cJSON *node)
{
    /* Iterative over siblings, recursive into children (depth is bounded by cJSON's nesting
     * limit). */
    size_t n = 0;
    for (; node; node = node->next)
        n += 1 + count_nodes(node->child);
    return n;
}

/* Records `node` (its value starts at the scanner's position after white space; `key` is the
 * offset of its key, or the value's own offset) and everything inside it. */
static void index_value(struct json_pos_index *ix, struct scan *s, const cJSON *node, size_t key)
{
    skip_ws(s);
    size_t at = s->pos;
    remember(ix, node, at, key == SIZE_MAX ? at : key);
    if (s->pos >= s->len)
        return;
    char open = s->p[s->pos];
    if ((open == '{' && cJSON_IsObject(node)) || (open == '[' && cJSON_IsArray(node))) {
        s->pos++;
        for (const cJSON *child = node->child; child; child = child->next) {
            skip_ws(s);
            size_t key_at = SIZE_MAX;
            if (open == '{') {
                key_at = s->pos;
                if (!scan_string(s, NULL))
                    return;
                skip_ws(s);
                if (s->pos >= s->len || s->p[s->pos] != ':')
                    return;
                s->pos++;
            }
            index_value(ix, s, child, key_at);
            skip_ws(s);
            if (s->pos < s->len && s->p[s->pos] == ',')
                s->pos++;
        }
        skip_ws(s);
        if (s->pos < s->len && s->p[s->pos] == (open == '{' ? '}' : ']'))
            s->pos++;
        return;
    }
    skip_value(s, 0);
}

struct json_pos_index *json_pos_index_new(const char *text, size_t len, const cJSON *root)
{
    struct json_pos_index *ix = xcalloc(1, sizeof *ix);
    size_t n = root ? count_nodes(root->child) + 1 : 1;
    size_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    ix->slots = xcalloc(cap, sizeof *ix->slots);
    ix->mask = cap - 1;
    if (root) {
        struct scan s = {text, len, 0};
        if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
            s.pos = 3;
        index_value(ix, &s, root, SIZE_MAX);
    }
    return ix;
}

size_t json_pos_of(const struct json_pos_index *ix, const cJSON *node, bool at_key)
{
    if (!ix || !node)
        return 0;
    const struct json_pos_slot *s = &ix->slots[slot_of(ix, node)];
    if (!s->node)
        return 0;
    return at_key ? s->key : s->value;
}

void json_pos_index_free(struct json_pos_index *ix)
{
    if (ix) {
        free(ix->slots);
        free(ix);
    }
}
