/*
 * Where Ticker's data files are (the fonts, the demo feeds, the default configuration): found
 * at run time from where the running executable is, never from a path fixed when it was built,
 * so an installed tree can be moved (a DESTDIR, /usr/local or /usr) and a checkout can be
 * deleted after `cmake --install`.
 *
 * Lookup order (docs/install.md, "Data files"):
 *   1. $TICKER_DATA_DIR, when set and not empty (taken as given, even when it does not exist:
 *      what it lacks then falls back as below, with a warning);
 *   2. the installed tree: the data directory relative to the executable's own directory
 *      (/proc/self/exe), as GNUInstallDirs laid it out at configure time: usually
 *      bin/../share/ticker for `ticker` and libexec/ticker/../../share/ticker for
 *      ticker-display;
 *   3. the build tree: BUILD/share/ticker beside BUILD/src, a link to the source tree's assets/
 *      that CMake makes when it configures.
 * When none exists there is no data directory: fonts come from fontconfig (with a warning) and
 * the built-in configuration has no demo feeds.
 *
 * Only the app layer calls this: render and io take the paths it finds as arguments
 * (font_set_config, config_file_read).
 *
 * Thread: start-up only (reads the environment).
 */
#ifndef TICKER_APP_DATADIR_H
#define TICKER_APP_DATADIR_H

/* Which executable is asking: they are installed in different directories. */
enum datadir_exe {
    DATADIR_EXE_TICKER,  /* `ticker`, in bin/ */
    DATADIR_EXE_DISPLAY, /* `ticker-display`, in libexec/ticker/ */
};

/*
 * The data directory for the running executable, found as above. Returns a new string
 * (free()), or NULL when there is none (logged as a warning once per call; debug logs name
 * the directory found and why).
 */
char *datadir_find(enum datadir_exe exe);

/*
 * "<dir>/<rel>" as a new string (free()); NULL when dir is NULL, so a missing data directory
 * flows through as "no such file" to the callee's fallback.
 */
char *datadir_path(const char *dir, const char *rel);

#endif
