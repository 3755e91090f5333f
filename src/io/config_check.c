/*
 * The configuration against the machine (io/config_check.h). URLs go through libcurl's own URL
 * parser with the flags the fetcher uses, plus one rule of ours: "http:///x", which libcurl
 * reads as the host "x", is a typo for something else. Files are looked at with stat and a
 * non-blocking open of regular files only.
 */
#include "io/config_check.h"

#include "core/json_pos.h"
#include "core/util.h"
#include "io/file.h"

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool config_check_url(const char *url, struct error *err)
{
    char *shown = xstrprintable(url);
    bool ok = false;
    if (!ascii_strncasecmp(url, "file://", 7)) {
        /* file:///path or file://localhost/path, as the fetcher reads them */
        const char *p = url + 7;
        if (!ascii_strncasecmp(p, "localhost/", 10))
            p += 9;
        ok = p[0] == '/';
        if (!ok)
            error_set(err, "\"%.200s\": a file:// URL needs an absolute path (file:///path)",
                      shown);
        free(shown);
        return ok;
    }
    const char *rest = strstr(url, "://");
    if (rest && rest[3] == '/') {
        error_set(err, "\"%.200s\" has no host (one '/' too many after the scheme?)", shown);
        free(shown);
        return false;
    }
    CURLU *u = curl_url();
    if (!u)
        abort(); /* allocation failure: as xmalloc */
    char *port = NULL;
    CURLUcode rc = curl_url_set(u, CURLUPART_URL, url, 0);
    if (rc == CURLUE_OK)
        rc = curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT);
    if (rc != CURLUE_OK)
        error_set(err, "libcurl cannot parse \"%.200s\": %s", shown, curl_url_strerror(rc));
    else if (!strcmp(port, "0"))
        error_set(err, "\"%.200s\": port 0 cannot be connected to", shown);
    else
        ok = true;
    curl_free(port);
    curl_url_cleanup(u);
    free(shown);
    return ok;
}

/* The first n bytes of a regular file, opened without blocking; -1 with the reason in err. */
static ssize_t read_head(const char *path, unsigned char *buf, size_t n, struct error *err)
{
    char *shown = xstrprintable(path);
    struct stat st;
    ssize_t got = -1;
    if (stat(path, &st) != 0) {
        error_set(err, "%s: %s", shown, strerror(errno));
    } else if (!S_ISREG(st.st_mode)) {
        error_set(err, "%s is %s, not a file", shown, file_kind(st.st_mode));
    } else {
        /* O_NONBLOCK: should it have become a FIFO since the stat, the open does not wait. */
        int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
        if (fd < 0) {
            error_set(err, "%s: %s", shown, strerror(errno));
        } else {
            if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
                error_set(err, "%s is %s, not a file", shown, file_kind(st.st_mode));
            } else {
                got = read(fd, buf, n);
                if (got < 0)
                    error_set(err, "%s: %s", shown, strerror(errno));
            }
            close(fd);
        }
    }
    free(shown);
    return got;
}

bool config_check_font(const char *path, struct error *err)
{
    unsigned char head[4];
    ssize_t n = read_head(path, head, sizeof head, err);
    if (n < 0)
        return false;
    /* sfnt version 1.0 (TrueType), 'true' (old Apple TrueType), 'OTTO' (OpenType with CFF
     * outlines), 'ttcf' (a collection), 'wOFF' and 'wOF2' (web fonts FreeType reads). */
    static const char *const sigs[] = {"\x00\x01\x00\x00", "true", "OTTO", "ttcf", "wOFF", "wOF2"};
    for (size_t i = 0; n == 4 && i < ARRAY_LEN(sigs); i++)
        if (!memcmp(head, sigs[i], 4))
            return true;
    char *shown = xstrprintable(path);
    error_set(err, "%s is not a TrueType or OpenType font", shown);
    free(shown);
    return false;
}

/* The deepest existing folder on the way to path's folder, written into dir. */
static void existing_parent(const char *path, char *dir, size_t cap)
{
    snprintf(dir, cap, "%s", path);
    for (;;) {
        char *slash = strrchr(dir, '/');
        if (!slash) {
            snprintf(dir, cap, ".");
            return;
        }
        if (slash == dir) {
            dir[1] = '\0';
            return;
        }
        *slash = '\0';
        struct stat st;
        if (stat(dir, &st) == 0)
            return;
    }
}

enum config_check_cache config_check_cache(const char *path, struct error *err)
{
    char *shown = xstrprintable(path);
    enum config_check_cache r = CONFIG_CACHE_OK;
    struct stat st;
    char dir[4096];
    if (!path[0]) {
        error_set(err, "the cache path is empty");
        r = CONFIG_CACHE_BAD;
    } else if (stat(path, &st) == 0) {
        unsigned char head[16];
        ssize_t n;
        if (!S_ISREG(st.st_mode)) {
            error_set(err, "cache %s is %s, not a file", shown, file_kind(st.st_mode));
            r = CONFIG_CACHE_BAD;
        } else if ((n = read_head(path, head, sizeof head, err)) < 0) {
            r = CONFIG_CACHE_BAD;
        } else if (n > 0 && (n < 16 || memcmp(head, "SQLite format 3", 16) != 0)) {
            error_set(err, "cache %s is not an SQLite database", shown);
            r = CONFIG_CACHE_NOT_SQLITE;
        } else {
            /* SQLite writes the file and, beside it, its -wal and -shm files. */
            existing_parent(path, dir, sizeof dir);
            const char *what = access(path, W_OK) != 0         ? path
                               : access(dir, W_OK | X_OK) != 0 ? dir
                                                               : NULL;
            if (what) {
                char *w = xstrprintable(what);
                error_set(err, "cache %s can only be read (%s: %s)", shown, w, strerror(errno));
                free(w);
                r = CONFIG_CACHE_READ_ONLY;
            }
        }
    } else if (errno != ENOENT && errno != ENOTDIR) {
        error_set(err, "cache %s: %s", shown, strerror(errno));
        r = CONFIG_CACHE_BAD;
    } else {
        /* Missing: the store creates it and the folders on the way. */
        existing_parent(path, dir, sizeof dir);
        char *d = xstrprintable(dir);
        if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
            error_set(err, "cache %s cannot be created: %s is not a folder", shown, d);
            r = CONFIG_CACHE_BAD;
        } else if (access(dir, W_OK | X_OK) != 0) {
            error_set(err, "cache %s cannot be created in %s: %s", shown, d, strerror(errno));
            r = CONFIG_CACHE_BAD;
        }
        free(d);
    }
    free(shown);
    return r;
}

/* ---- the whole configuration --------------------------------------------------------- */

/* The member of obj a configuration reads for key: the last one. */
static const cJSON *last_member(const cJSON *obj, const char *key)
{
    const cJSON *found = NULL;
    for (const cJSON *m = cJSON_IsObject(obj) ? obj->child : NULL; m; m = m->next)
        if (!strcmp(m->string, key))
            found = m;
    return found;
}

/* The problems found, placed together at the end (one pass over the text for all of them). */
struct found {
    enum config_severity sev;
    size_t off; /* SIZE_MAX: no place */
    char *msg;
};

struct finds {
    struct found *v;
    size_t n, cap;
    struct json_pos_index *ix;
};

static void add(struct finds *f, enum config_severity sev, const cJSON *at, const char *msg)
{
    if (f->n == f->cap) {
        f->cap = f->cap ? 2 * f->cap : 8;
        f->v = xreallocarray(f->v, f->cap, sizeof *f->v);
    }
    f->v[f->n++] =
        (struct found){sev, f->ix && at ? json_pos_of(f->ix, at, false) : SIZE_MAX, xstrdup(msg)};
}

void config_check(const struct config *cfg, const char *file, const char *cache_path,
                  struct config_diags *diags)
{
    struct finds f = {0};
    char *text = NULL;
    size_t len = 0;
    cJSON *root = NULL;
    if (file) {
        struct error ignored = {0}; /* config_file_read reported an unreadable file already */
        text = file_read_all(file, CONFIG_MAX_FILE_BYTES, &len, &ignored);
        if (text) {
            size_t skip = len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3) ? 3 : 0;
            root = cJSON_ParseWithLength(text + skip, len - skip);
            f.ix = root ? json_pos_index_new(text, len, root) : NULL;
        }
    }
    struct error e;
    /* Feeds: the file's list when it has one (all of it was accepted, in order). */
    const cJSON *feeds = last_member(root, "feeds");
    const cJSON *node = cJSON_IsArray(feeds) ? feeds->child : NULL;
    for (size_t i = 0; i < cfg->n_feeds; i++, node = node ? node->next : NULL) {
        const struct config_feed *feed = &cfg->feeds[i];
        if (!feed->enabled || config_check_url(feed->url, &e))
            continue;
        const cJSON *at = cJSON_IsObject(node) ? last_member(node, "url") : node;
        add(&f, CONFIG_ERROR, at, e.msg);
    }
    /* Fonts: the display falls back to the bundled font, so a warning. */
    const cJSON *display = last_member(root, "display");
    static const char *const font_keys[] = {"font", "font_bold"};
    for (size_t k = 0; k < ARRAY_LEN(font_keys); k++) {
        const char *path = cJSON_GetStringValue(last_member(cfg->display, font_keys[k]));
        if (!path || !path[0] || config_check_font(path, &e))
            continue;
        char *msg = xasprintf("display.%s: %s; the display uses the bundled font instead",
                              font_keys[k], e.msg);
        add(&f, CONFIG_WARNING, last_member(display, font_keys[k]), msg);
        free(msg);
    }
    /* The cache. */
    enum config_check_cache c = config_check_cache(cache_path, &e);
    if (c != CONFIG_CACHE_OK) {
        const char *why = c == CONFIG_CACHE_READ_ONLY
                              ? "; the display shows the news it has, but fetches cannot be saved"
                          : c == CONFIG_CACHE_NOT_SQLITE
                              ? "; it will be moved aside and a new cache started"
                              : "";
        char *msg = xasprintf("%s%s", e.msg, why);
        add(&f, c == CONFIG_CACHE_BAD ? CONFIG_ERROR : CONFIG_WARNING, last_member(root, "cache"),
            msg);
        free(msg);
    }
    /* Lines and columns in one pass, then the messages in the order they were found. */
    size_t *offs = xcalloc(f.n ? f.n : 1, sizeof *offs);
    int *lines = xcalloc(f.n ? f.n : 1, sizeof *lines);
    int *cols = xcalloc(f.n ? f.n : 1, sizeof *cols);
    for (size_t i = 0; i < f.n; i++)
        offs[i] = f.v[i].off == SIZE_MAX ? 0 : f.v[i].off;
    json_pos_lines_cols(text, len, offs, f.n, lines, cols);
    for (size_t i = 0; i < f.n; i++) {
        bool placed = f.v[i].off != SIZE_MAX;
        config_diags_add(diags, f.v[i].sev, file ? file : "built-in configuration",
                         placed ? lines[i] : 0, placed ? cols[i] : 0, "%s", f.v[i].msg);
        free(f.v[i].msg);
    }
    free(offs);
    free(lines);
    free(cols);
    free(f.v);
    json_pos_index_free(f.ix);
    cJSON_Delete(root);
    free(text);
}
