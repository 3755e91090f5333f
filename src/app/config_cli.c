/* The configuration for the terminal commands (app/config_cli.h). */
#include "app/config_cli.h"

#include "app/datadir.h"
#include "io/config_file.h"

#include <stdio.h>
#include <stdlib.h>

void config_cli_print(const struct config_diags *diags)
{
    for (size_t i = 0; i < diags->n; i++)
        fprintf(stderr, "ticker: %s\n", diags->v[i].text);
}

struct config *config_cli_load(const char *cli_path, char **used_path)
{
    struct config_diags diags = {0};
    /* Every command that prints its configuration's messages is in `ticker` (bin/). */
    char *data_dir = datadir_find(DATADIR_EXE_TICKER);
    struct config *c = config_file_read(cli_path, data_dir, &diags, used_path);
    free(data_dir);
    config_cli_print(&diags);
    config_diags_free(&diags);
    return c;
}
