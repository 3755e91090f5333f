/*
 * Positions in a JSON text for configuration messages (cJSON keeps none). Internal to the
 * config module; exposed for its tests.
 */
#ifndef TICKER_CORE_CONFIG_LOCATE_H
#define TICKER_CORE_CONFIG_LOCATE_H

#include <stdbool.h>
#include <stddef.h>

/* One step of a path: an object key (its nth occurrence, 0 = first) or an array index. */
struct config_path_seg {
    const char *key; /* NULL: this step is an array index */
    int nth;
    size_t index;
};

/*
 * Byte offset in `text` of the value at `path` (n steps; n = 0 is the root), or of its key
 * when `at_key` (the last step must be a key then). Where the path cannot be followed, the
 * offset of the deepest point reached. Pure; never fails.
 */
size_t config_locate(const char *text, size_t len, const struct config_path_seg *path, size_t n,
                     bool at_key);

/* 1-based line and column (in UTF-8 characters) of a byte offset; a leading BOM is skipped. */
void config_offset_to_line_col(const char *text, size_t len, size_t offset, int *line, int *column);

/* Does the JSON text end in the middle of a value (a missing '}', ']' or '"')? *end receives
 * where scanning stopped. */
bool config_json_truncated(const char *text, size_t len, size_t *end);

#endif
