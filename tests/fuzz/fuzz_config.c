/*
 * Fuzz target: the configuration parser on arbitrary bytes (cJSON, our position scanner, the
 * validation walk). A configuration that parses must print as JSON that parses again to the
 * same printout, and every message must carry a sane position. The filter matcher gets the
 * input as text too.
 */
#include "core/config.h"
#include "core/json_pos.h"

#include <cjson/cJSON.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    struct config *base = config_default(NULL, 0);
    struct config_diags d = {0};
    struct config *c = config_parse(text, size, "fuzz.json", base, &d);
    for (size_t i = 0; i < d.n; i++) {
        if (d.v[i].error.line < 0 || d.v[i].error.column < 0 || !d.v[i].text ||
            !d.v[i].error.msg[0])
            abort();
    }
    if ((c == NULL) != (d.n_errors > 0))
        abort();
    config_diags_free(&d);
    if (c) {
        char *json = config_to_json(c, false);
        struct config_diags d2 = {0};
        struct config *c2 = config_parse(json, strlen(json), "printed.json", base, &d2);
        if (!c2)
            abort();
        char *json2 = config_to_json(c2, false);
        if (strcmp(json, json2) != 0)
            abort();
        if (c->n_filters) {
            char *s = malloc(size + 1);
            memcpy(s, data, size);
            s[size] = '\0';
            config_filter_excludes((const char *const *)c->filters, c->n_filters, s, s);
            free(s);
        }
        free(json2);
        free(json);
        config_free(c2);
        config_diags_free(&d2);
        config_free(c);
    }
    /* the locators and the truncation scan on their own */
    size_t end;
    json_pos_truncated(text, size, &end);
    struct json_pos_step p[] = {{"feeds", 0, 0}, {NULL, 0, 2}, {"url", 0, 0}};
    size_t off = json_pos_find(text, size, p, 3, true);
    if (off > size)
        abort();
    int line, col;
    json_pos_line_col(text, size, off, &line, &col);
    cJSON *root = cJSON_ParseWithLength(text, size);
    if (root) {
        struct json_pos_index *ix = json_pos_index_new(text, size, root);
        const cJSON *node = root->child ? root->child : root;
        size_t offs[2] = {json_pos_of(ix, node, false), json_pos_of(ix, node, true)};
        if (offs[0] > size || offs[1] > size || offs[1] > offs[0])
            abort();
        int lines[2], cols[2];
        json_pos_lines_cols(text, size, offs, 2, lines, cols);
        json_pos_line_col(text, size, offs[0], &line, &col);
        if (lines[0] != line || cols[0] != col)
            abort();
        json_pos_index_free(ix);
        cJSON_Delete(root);
    }
    config_free(base);
    return 0;
}
