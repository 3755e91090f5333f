/*
 * The configuration's I/O: where the file is (environment, file existence), reading it, the
 * demo feed list from the assets folder and the default cache location. Validation itself is
 * the pure core (core/config.c).
 */
#include "io/config_file.h"
#include "core/util.h"
#include "io/file.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static const char *env(const char *name)
{
    const char *v = getenv(name);
    return v && v[0] ? v : NULL;
}

char *config_file_find(const char *cli_path)
{
    return config_file_find_in(cli_path, CONFIG_FILE_SYSTEM_PATH);
}

char *config_file_find_in(const char *cli_path, const char *system_path)
{
    if (cli_path)
        return xstrdup(cli_path);
    /* An explicitly named file is used (and reported) even when missing. */
    if (env("TICKER_CONFIG"))
        return xstrdup(env("TICKER_CONFIG"));
    char *p = NULL;
    if (env("XDG_CONFIG_HOME"))
        p = xasprintf("%s/ticker/config.json", env("XDG_CONFIG_HOME"));
    else if (env("HOME"))
        p = xasprintf("%s/.config/ticker/config.json", env("HOME"));
    if (p && is_file(p))
        return p;
    free(p);
    if (system_path && is_file(system_path))
        return xstrdup(system_path);
    return NULL;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_feed_file(const char *name)
{
    static const char *const exts[] = {".xml", ".rss", ".atom", ".rdf", ".json"};
    if (name[0] == '.')
        return false;
    const char *dot = strrchr(name, '.');
    if (!dot)
        return false;
    for (size_t i = 0; i < ARRAY_LEN(exts); i++)
        if (!strcmp(dot, exts[i]))
            return true;
    return false;
}

struct config *config_file_builtin(const char *assets_dir)
{
    char **files = NULL;
    size_t n = 0;
    char *dir = assets_dir ? xasprintf("%s/demo", assets_dir) : NULL;
    DIR *d = dir ? opendir(dir) : NULL;
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (!is_feed_file(e->d_name))
                continue;
            files = xreallocarray(files, n + 1, sizeof *files);
            files[n++] = xasprintf("%s/%s", dir, e->d_name);
        }
        closedir(d);
    }
    if (n)
        qsort(files, n, sizeof *files, cmp_str);
    struct config *c = config_default((const char *const *)files, n);
    for (size_t i = 0; i < n; i++)
        free(files[i]);
    free(files);
    free(dir);
    return c;
}

struct config *config_file_load(const char *cli_path, const char *assets_dir, FILE *diag_out,
                                char **used_path)
{
    if (used_path)
        *used_path = NULL;
    struct config *builtin = config_file_builtin(assets_dir);
    char *path = config_file_find(cli_path);
    if (!path)
        return builtin;
    char err[512];
    size_t len = 0;
    char *text = file_read_all(path, CONFIG_MAX_FILE_BYTES, &len, err, sizeof err);
    if (!text) {
        fprintf(diag_out, "ticker: %s\n", err);
        free(path);
        config_free(builtin);
        return NULL;
    }
    struct config_diags diags = {0};
    struct config *c = config_parse(text, len, path, builtin, &diags);
    for (size_t i = 0; i < diags.n; i++)
        fprintf(diag_out, "ticker: %s\n", diags.v[i].text);
    config_diags_free(&diags);
    free(text);
    config_free(builtin);
    if (c && used_path)
        *used_path = path;
    else
        free(path);
    return c;
}

char *config_file_cache_path(const struct config *cfg, const char *override)
{
    const char *p = override ? override : cfg ? cfg->cache_path : NULL;
    if (p) {
        if (p[0] == '~' && p[1] == '/' && env("HOME"))
            return xasprintf("%s/%s", env("HOME"), p + 2);
        return xstrdup(p);
    }
    if (env("XDG_CACHE_HOME"))
        return xasprintf("%s/ticker/cache.db", env("XDG_CACHE_HOME"));
    if (env("HOME"))
        return xasprintf("%s/.cache/ticker/cache.db", env("HOME"));
    /* No home (a bare system service): the working directory. */
    return xstrdup("ticker-cache.db");
}

void config_file_retention(const struct config *cfg, struct store_retention *out,
                           struct store_feed_limit **limits)
{
    struct store_feed_limit *l = xcalloc(cfg->n_feeds ? cfg->n_feeds : 1, sizeof *l);
    for (size_t i = 0; i < cfg->n_feeds; i++)
        l[i] = (struct store_feed_limit){cfg->feeds[i].url, cfg->feeds[i].max_items};
    *out = (struct store_retention){
        .max_age = cfg->max_age,
        .max_items = cfg->max_items,
        .feeds = l,
        .n_feeds = cfg->n_feeds,
    };
    *limits = l;
}
