/* `ticker parse`: placeholder until the feed parser lands (issue 2). */
#include "app/commands.h"

#include <stdio.h>

int cmd_parse(int argc, char **argv)
{
    fprintf(stderr, "ticker parse: not built yet\n");
    return 2;
}
