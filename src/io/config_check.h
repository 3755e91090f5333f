/*
 * What only the machine can say about a configuration: the checks `ticker check-config` adds to
 * the configuration's own validation (core/config.h), so that what would fail later - in a
 * fetch, at the display's start - fails when the file is checked, with the file's line and
 * column.
 *
 *   - a feed URL libcurl cannot parse (a port past 65535, "http:///x", "http://[::1/feed"),
 *     parsed by libcurl itself, as the fetcher will;
 *   - a display font that is missing, not a regular file or not a font (its first bytes are
 *     checked): a warning, since the display then uses the bundled font;
 *   - a cache path that is not a regular file (a directory, /dev/null) or cannot be created.
 *
 * Nothing is created, opened for writing or left behind; special files are never opened (a
 * FIFO would block). Thread: any; the functions touch no shared state.
 */
#ifndef TICKER_IO_CONFIG_CHECK_H
#define TICKER_IO_CONFIG_CHECK_H

#include "core/config.h"
#include "core/error.h"

#include <stdbool.h>

/* Can a feed be fetched from this URL: http(s) that libcurl parses, with a host and a port
 * from 1 to 65535, or file:// with an absolute path? False with the reason in err. */
bool config_check_url(const char *url, struct error *err);

/* Is `path` a font file SDL_ttf can open: a regular file starting with a TrueType, OpenType,
 * TrueType collection or WOFF signature? False with the reason in err. */
bool config_check_font(const char *path, struct error *err);

enum config_check_cache {
    CONFIG_CACHE_OK,         /* an SQLite file (or an empty one) that can be written, or one
                                that can be created */
    CONFIG_CACHE_READ_ONLY,  /* it exists but cannot be written: the display shows what it has,
                                fetches fail (err says why) */
    CONFIG_CACHE_NOT_SQLITE, /* a regular file that is not an SQLite database (err says) */
    CONFIG_CACHE_BAD,        /* not a regular file, or it cannot be created (err says why) */
};

/* What the cache path `path` (~ already expanded) is good for. Creates nothing. */
enum config_check_cache config_check_cache(const char *path, struct error *err);

/*
 * Runs the checks above over cfg: every enabled feed's URL, the display's fonts, the cache
 * path `cache_path` (config_file_cache_path's answer). Problems are appended to diags, with
 * the line and column of the key in `file` (the file cfg was read from; NULL for the built-in
 * configuration: no positions). Bad URLs and caches are errors; fonts and a read-only or
 * foreign cache are warnings.
 */
void config_check(const struct config *cfg, const char *file, const char *cache_path,
                  struct config_diags *diags);

#endif
