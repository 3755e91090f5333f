/*
 * Fuzz target: the configuration parser on arbitrary bytes (cJSON, our position scanner, the
 * validation walk). A configuration that parses must print as JSON that parses again to the
 * same printout, and every message must carry a sane position. The filter matcher gets the
 * input as text too.
 */
#include "core/config.h"
#include "core/config_locate.h"

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
        if (d.v[i].line < 0 || d.v[i].column < 0 || !d.v[i].text || !d.v[i].message)
            abort();
    }
    if ((c == NULL) != (d.n_errors > 0))
        abort();
    config_diags_free(&d);
    if (c) {
        char *json = config_to_json(c);
        struct config_diags d2 = {0};
        struct config *c2 = config_parse(json, strlen(json), "printed.json", base, &d2);
        if (!c2)
            abort();
        char *json2 = config_to_json(c2);
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
    /* the locator and the truncation scan on their own */
    size_t end;
    config_json_truncated(text, size, &end);
    struct config_path_seg p[] = {{"feeds", 0, 0}, {NULL, 0, 2}, {"url", 0, 0}};
    size_t off = config_locate(text, size, p, 3, true);
    if (off > size)
        abort();
    int line, col;
    config_offset_to_line_col(text, size, off, &line, &col);
    config_free(base);
    return 0;
}
