/*
 * The configuration: what to fetch, how often, how long to keep it, what to leave out.
 *
 * Pure: config_parse() takes the file's bytes and its name (for messages) and returns a plain
 * struct; finding and reading the file is src/io/config_file.h. The file is JSON (cJSON);
 * docs/config.md documents every key. cJSON keeps no positions, so validation messages get
 * their line and column from core/json_pos.h.
 *
 * Messages read "FILE: line L, column C: what is wrong"; the caller prefixes "ticker: ".
 * Unknown keys and repeated keys are warnings; everything else is an error, and a
 * configuration with errors is not used. Checking takes time linear in the file's size.
 *
 * The "display" object belongs to the renderer: it is kept as a deep-copied cJSON tree and not
 * interpreted here.
 *
 * Thread: a struct config is built once at start-up and then only read (pass it as const).
 */
#ifndef TICKER_CORE_CONFIG_H
#define TICKER_CORE_CONFIG_H

#include "core/error.h"
#include "core/runconf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cJSON;

/* Defaults and limits (docs/config.md). Times are seconds, sizes bytes. */
#define CONFIG_DEFAULT_INTERVAL          (10 * 60)
#define CONFIG_MIN_INTERVAL              (2 * 60)
#define CONFIG_DEFAULT_MAX_AGE           (48 * 3600)
#define CONFIG_DEFAULT_MAX_ITEMS         50
#define CONFIG_DEFAULT_MAX_TRANSFERS     4
#define CONFIG_DEFAULT_MAX_PER_HOST      2
#define CONFIG_DEFAULT_MAX_BYTES         (8 * 1024 * 1024)
#define CONFIG_DEFAULT_CONNECT_TIMEOUT   10
#define CONFIG_DEFAULT_TIMEOUT           60
#define CONFIG_DEFAULT_LOW_SPEED_LIMIT   1024 /* bytes per second ... */
#define CONFIG_DEFAULT_LOW_SPEED_TIME    20   /* ... for this many seconds aborts a transfer */
#define CONFIG_DEFAULT_SUMMARY_MAX_CHARS 400
#define CONFIG_DEFAULT_SUMMARY_SENTENCES 3
#define CONFIG_DEFAULT_ARTICLE_THRESHOLD 400
/* The summary budget a person may ask for, in the configuration and on the command line
 * (`ticker summarize --max-chars`): one range for both. */
#define CONFIG_SUMMARY_MIN_CHARS     40
#define CONFIG_SUMMARY_MAX_CHARS     20000
#define CONFIG_SUMMARY_MAX_SENTENCES 50
/* Configuration files larger than this are refused (it is a few kilobytes in practice). */
#define CONFIG_MAX_FILE_BYTES (1024 * 1024)

/* An extra HTTP request header for one feed ("Authorization", "Accept-Language", ...). */
struct config_header {
    char *name;
    char *value;
};

struct config_feed {
    char *url;    /* http://, https:// or file:// (never NULL) */
    char *name;   /* display name ("tagesschau"); defaults to the URL's host (never NULL) */
    int interval; /* poll interval in seconds, >= CONFIG_MIN_INTERVAL */
    struct config_header *headers;
    size_t n_headers;
    int max_items; /* items kept for this feed (retention by count) */
    bool enabled;  /* false: kept in the file but neither fetched nor shown */
    bool demo;     /* demo content: item times made relative to the fetch time, the source
                      labelled as demo (docs/config.md, docs/fetch.md) */
};

struct config_fetch {
    int max_transfers;   /* parallel transfers overall */
    int max_per_host;    /* parallel transfers to one host */
    long max_bytes;      /* body size cap, after decompression */
    int connect_timeout; /* seconds */
    int timeout;         /* whole transfer, seconds */
    int low_speed_limit; /* bytes/s; slower than this for low_speed_time aborts */
    int low_speed_time;  /* seconds */
};

struct config_summary {
    int max_chars;         /* summary budget in characters */
    int sentences;         /* at most this many sentences */
    int article_threshold; /* feed text shorter than this (characters) fetches the article */
};

struct config {
    struct config_feed *feeds;
    size_t n_feeds;
    int interval;     /* default poll interval, seconds */
    char *cache_path; /* NULL: the default location (io/config_file.h); may start "~/" */
    int64_t max_age;  /* retention: items older than this (seconds) are dropped */
    int max_items;    /* retention: default items kept per feed */
    char **filters;   /* words or phrases to exclude (case-insensitive, whole words) */
    size_t n_filters;
    char *user_agent; /* never NULL */
    struct config_fetch fetch;
    bool fetch_articles; /* fetch the article page when the feed's text is thin */
    struct config_summary summary;
    struct cJSON *display; /* the "display" object, deep copy, owned; NULL when absent */
    struct runconf run;    /* "schedule", "keys", "status": the wall display's runtime */
};

enum config_severity {
    CONFIG_WARNING, /* reported, the configuration is still used (unknown key) */
    CONFIG_ERROR,   /* the configuration is not used */
};

struct config_diag {
    enum config_severity severity;
    struct error error; /* the message ("unknown key \"intervall\" ..."), line and column
                           (1-based, in characters; 0 when the problem has no place, as an
                           empty file) */
    char *text;         /* the whole line to print: "config.json: line 4, column 3: <message>" */
};

/* Messages from one parse, in document order. Zero-initialise; free with config_diags_free. */
struct config_diags {
    struct config_diag *v;
    size_t n, cap;
    size_t n_errors;
};

void config_diags_free(struct config_diags *d);

/* Appends a message about file `name` (line 0: no place in it; name NULL: the message
 * names what it is about itself), for checks made outside config_parse (io/). */
void config_diags_add(struct config_diags *d, enum config_severity sev, const char *name, int line,
                      int column, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/*
 * The built-in configuration, used when no file is found and as the base every file
 * overrides: the bundled demo feeds (`demo_files`: absolute paths, become file:// URLs with
 * "demo" set, may be NULL when n_demo is 0) plus a few public news feeds, and every default
 * above.
 * Returns a new config (config_free). Never fails.
 */
struct config *config_default(const char *const *demo_files, size_t n_demo);

/*
 * Parses and validates a configuration file's contents. `name` is the file name used in
 * messages. Keys absent from the file keep the value in `base` (normally config_default());
 * "feeds", when present, replaces the base's feeds. Every warning and error is appended to
 * `diags` (which the caller frees). Returns a new config (config_free), or NULL when there
 * was at least one error. Never reads files or the clock.
 */
struct config *config_parse(const char *buf, size_t len, const char *name,
                            const struct config *base, struct config_diags *diags);

/* Deep copy, owned by the caller. */
struct config *config_copy(const struct config *c);

void config_free(struct config *c);

/*
 * The effective configuration as pretty-printed JSON, every default filled in, in the file
 * format config_parse() reads (so its output is itself a valid configuration).
 * With `redact`, what may be secret is hidden, for output a person may paste into a bug report
 * or show on a shared screen: credentials and secret-looking query values in feed URLs
 * (url_redact) and every extra header's value ("***"); such output still parses, but no longer
 * fetches the same way. Returns a new string (free()).
 */
char *config_to_json(const struct config *c, bool redact);

/*
 * Does `title` or `summary` (either may be NULL) contain one of the exclude filters as a
 * whole word or phrase? Case-insensitive for ASCII, Latin-1, Latin Extended-A, Greek and
 * Cyrillic letters. Whole words: "war" excludes "War in ..." but not "Warsaw" or "award".
 */
bool config_filter_excludes(const char *const *filters, size_t n_filters, const char *title,
                            const char *summary);

/*
 * Case folding shared by the filters and the store's duplicate detection: letters to lower
 * case (as config_filter_excludes), runs of whitespace to one space, trimmed; with
 * `drop_punct`, characters that are neither letters nor digits count as whitespace.
 * Returns a new string (free()).
 */
char *config_fold(const char *s, bool drop_punct);

/* Levenshtein distance of two byte strings (used for "did you mean"). */
size_t config_edit_distance(const char *a, const char *b);

#endif
