/*
 * The configuration's I/O: where the file is (environment, file existence), reading it, the
 * demo feed list from the assets folder and the default cache location. Validation itself is
 * the pure core (core/config.c).
 */
#include "io/config_file.h"
#include "core/json_pos.h"
#include "core/util.h"
#include "io/file.h"

#include <cjson/cJSON.h>

#include <dirent.h>
#include <pwd.h>
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

/* Expands "~" in a path-valued key (`at`: its string node in the configuration), reporting
 * an unknown user at the key's place in the file. True when the value is usable. */
static bool expand_key(char **value, const char *text, size_t len, const char *name,
                       const struct json_pos_step *path, size_t depth, enum config_severity sev,
                       const char *consequence, struct config_diags *diags)
{
    struct error e;
    char *x = config_file_expand_home(*value, &e);
    if (x) {
        free(*value);
        *value = x;
        return true;
    }
    int line = 0, col = 0;
    if (text)
        json_pos_line_col(text, len, json_pos_find(text, len, path, depth, false), &line, &col);
    config_diags_add(diags, sev, name, line, col, "%s%s", e.msg, consequence);
    return false;
}

/* "~" in the paths a configuration names: the cache and the display's fonts. */
static bool expand_paths(struct config *c, const char *text, size_t len, const char *name,
                         struct config_diags *diags)
{
    bool ok = true;
    if (c->cache_path) {
        const struct json_pos_step p[] = {{.key = "cache"}};
        ok = expand_key(&c->cache_path, text, len, name, p, 1, CONFIG_ERROR, "", diags);
    }
    static const char *const fonts[] = {"font", "font_bold"};
    for (size_t i = 0; i < ARRAY_LEN(fonts) && c->display; i++) {
        cJSON *v = cJSON_GetObjectItemCaseSensitive(c->display, fonts[i]);
        if (!cJSON_IsString(v) || v->valuestring[0] != '~')
            continue;
        char *value = xstrdup(v->valuestring);
        const struct json_pos_step p[] = {{.key = "display"}, {.key = fonts[i]}};
        if (expand_key(&value, text, len, name, p, 2, CONFIG_WARNING,
                       "; the display uses the bundled font instead", diags))
            cJSON_SetValuestring(v, value);
        free(value);
    }
    return ok;
}

struct config *config_file_read(const char *cli_path, const char *assets_dir,
                                struct config_diags *diags, char **used_path)
{
    if (used_path)
        *used_path = NULL;
    struct config *builtin = config_file_builtin(assets_dir);
    char *path = config_file_find(cli_path);
    if (!path)
        return builtin;
    struct error err = {0};
    size_t len = 0;
    char *text = file_read_all(path, CONFIG_MAX_FILE_BYTES, &len, &err);
    if (!text) {
        /* file_read_all's message names the file already. */
        config_diags_add(diags, CONFIG_ERROR, NULL, 0, 0, "%s", err.msg);
        free(path);
        config_free(builtin);
        return NULL;
    }
    size_t errors = diags->n_errors;
    struct config *c = config_parse(text, len, path, builtin, diags);
    if (c && !expand_paths(c, text, len, path, diags)) {
        config_free(c);
        c = NULL;
    }
    free(text);
    config_free(builtin);
    if (c && diags->n_errors == errors && used_path)
        *used_path = path;
    else
        free(path);
    return c;
}

char *config_file_expand_home(const char *path, struct error *err)
{
    if (path[0] != '~')
        return xstrdup(path);
    size_t n = strcspn(path + 1, "/");
    const char *rest = path + 1 + n; /* "" or "/..." */
    char *user = xstrndup(path + 1, n);
    char *home = NULL;
    if (!n && env("HOME")) {
        home = xstrdup(env("HOME"));
    } else {
        /* ~user, or ~ without $HOME (a service): the password database. */
        struct passwd pw, *found = NULL;
        long sz = sysconf(_SC_GETPW_R_SIZE_MAX);
        size_t cap = sz > 0 ? (size_t)sz : 16384;
        char *buf = xmalloc(cap);
        int rc = n ? getpwnam_r(user, &pw, buf, cap, &found)
                   : getpwuid_r(getuid(), &pw, buf, cap, &found);
        if (found && found->pw_dir && found->pw_dir[0])
            home = xstrdup(found->pw_dir);
        else if (n)
            error_set(err, "%s: there is no user \"%s\"%s%s", path, user, rc ? ": " : "",
                      rc ? strerror(rc) : "");
        else
            error_set(err, "%s: no home folder ($HOME is not set)", path);
        free(buf);
    }
    free(user);
    if (!home)
        return NULL;
    /* "~" alone, "~/x", "~user/x"; a home of "/" does not make "//x". */
    size_t hl = strlen(home);
    while (hl > 1 && home[hl - 1] == '/')
        home[--hl] = '\0';
    char *r = xasprintf("%s%s", !strcmp(home, "/") && rest[0] ? "" : home, rest);
    free(home);
    return r;
}

char *config_file_cache_path(const struct config *cfg, const char *override)
{
    const char *p = override ? override : cfg ? cfg->cache_path : NULL;
    if (p) {
        /* An unknown ~user stays as written: config_file_read reported it already, and the
         * store's own message then names the path as given. */
        char *x = config_file_expand_home(p, NULL);
        return x ? x : xstrdup(p);
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
