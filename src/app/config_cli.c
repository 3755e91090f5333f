/* The configuration for the terminal commands (app/config_cli.h). */
#include "app/config_cli.h"

#include "io/config_file.h"

#include <stdio.h>

void config_cli_print(const struct config_diags *diags)
{
    for (size_t i = 0; i < diags->n; i++)
        fprintf(stderr, "ticker: %s\n", diags->v[i].text);
}

struct config *config_cli_load(const char *cli_path, char **used_path)
{
    struct config_diags diags = {0};
    struct config *c = config_file_read(cli_path, TICKER_ASSETS_DIR, &diags, used_path);
    config_cli_print(&diags);
    config_diags_free(&diags);
    return c;
}
