/*
 * Finding Ticker's other programs (ticker-display, ticker-imgdecode) at run time, the same way
 * for each: never through a path fixed at build time alone, so a build tree, an installed tree
 * and a package all work (docs/install.md).
 */
#ifndef TICKER_IO_PROGRAM_H
#define TICKER_IO_PROGRAM_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Writes into `out` (cap bytes) the path of the program `name`: $`env_var` when it is set and
 * not empty (taken as it is); else `name` beside the running executable (/proc/self/exe: a
 * build tree); else in the installed libexec folder relative to it (../libexec/ticker from
 * bin/, as GNUInstallDirs laid it out). The last two must be executable. False when none is
 * found or the path does not fit. Any thread; reads the environment and the file system only.
 */
bool program_find(const char *env_var, const char *name, char *out, size_t cap);

#endif
