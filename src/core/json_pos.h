/*
 * Where things are in a JSON text: byte offsets of values and keys, and their line and column.
 * cJSON, which parses our JSON, keeps no positions; messages about a configuration (or a
 * JSON Feed) still have to say "line 12, column 19". Used by the configuration (core/config.c),
 * `ticker check-config` and `ticker cache import`.
 *
 * Two ways in:
 *   - json_pos_index: one pass over a text cJSON accepted, recording the offset of every value
 *     and key of the cJSON tree; each look-up is then O(1). For a validator that may report on
 *     any number of values (a configuration with 60,000 headers).
 *   - json_pos_find: follows a path of keys and indexes (feeds[3].interval) through the text;
 *     O(length of the text) per call. For one message about a path known by name.
 * Line and column: json_pos_line_col for one offset; json_pos_lines_cols for many in one pass.
 *
 * Pure and thread-safe; lenient: on text it cannot follow it returns the last position it
 * reached, which is still near the problem.
 */
#ifndef TICKER_CORE_JSON_POS_H
#define TICKER_CORE_JSON_POS_H

#include <stdbool.h>
#include <stddef.h>

struct cJSON;

/* One step of a path: an object key (its nth occurrence, 0 = first) or an array index. */
struct json_pos_step {
    const char *key; /* NULL: this step is an array index */
    int nth;
    size_t index;
};

/*
 * Byte offset in `text` of the value at `path` (n steps; n = 0 is the root), or of its key
 * when `at_key` (the last step must be a key then). Where the path cannot be followed, the
 * offset of the deepest point reached. Never fails.
 */
size_t json_pos_find(const char *text, size_t len, const struct json_pos_step *path, size_t n,
                     bool at_key);

/* 1-based line and column (in UTF-8 characters) of a byte offset; a leading BOM is skipped.
 * O(offset). */
void json_pos_line_col(const char *text, size_t len, size_t offset, int *line, int *column);

/* The same for n offsets in one pass over the text (O(len + n log n)); offsets in any order. */
void json_pos_lines_cols(const char *text, size_t len, const size_t *offsets, size_t n, int *lines,
                         int *columns);

/* Does the JSON text end in the middle of a value (a missing '}', ']' or '"')? *end receives
 * where scanning stopped. */
bool json_pos_truncated(const char *text, size_t len, size_t *end);

/*
 * The offsets of every value of `root`, the tree cJSON parsed from `text` (after a BOM, if
 * any: offsets count from the start of `text` all the same). Built in one pass over the text.
 * Returns a new index (json_pos_index_free); never fails (a tree that does not match the text
 * gives offsets near the mismatch).
 */
struct json_pos_index *json_pos_index_new(const char *text, size_t len, const struct cJSON *root);

/* Offset of `node`'s value, or of its key when `at_key` and it has one; 0 for a node that is
 * not in the tree. */
size_t json_pos_of(const struct json_pos_index *ix, const struct cJSON *node, bool at_key);

void json_pos_index_free(struct json_pos_index *ix);

#endif
