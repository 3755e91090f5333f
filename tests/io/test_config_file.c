/*
 * The configuration's I/O: the lookup order through the environment, the demo feeds found in
 * an assets folder, the cache location, reading a file with errors, and the retention handed
 * to the store. (tests/app/check_config.sh checks the same order through the command.)
 */
#include "check.h"
#include "io/config_file.h"
#include "store_testutil.h"

#include <sys/stat.h>

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

int main(void)
{
    char *dir = scratch_dir("cfgfile");
    char *home = xasprintf("%s/home", dir), *xdg = xasprintf("%s/xdg", dir);
    char *assets = xasprintf("%s/assets", dir), *demo = xasprintf("%s/assets/demo", dir);
    mkdir(home, 0755);
    mkdir(xdg, 0755);
    mkdir(assets, 0755);
    mkdir(demo, 0755);
    unsetenv("TICKER_CONFIG");
    setenv("HOME", home, 1);
    setenv("XDG_CONFIG_HOME", xdg, 1);
    setenv("XDG_CACHE_HOME", xdg, 1);

    /* nothing anywhere (assuming no /etc/ticker on the test machine): built-in */
    struct stat st;
    bool etc = stat("/etc/ticker/config.json", &st) == 0;
    char *found = config_file_find(NULL);
    if (!etc)
        CHECK(found == NULL);
    free(found);

    /* XDG, then $TICKER_CONFIG, then the command line */
    char *xdg_dir = xasprintf("%s/ticker", xdg),
         *xdg_file = xasprintf("%s/ticker/config.json", xdg);
    mkdir(xdg_dir, 0755);
    write_text(xdg_file, "{\"interval\": 900}");
    found = config_file_find(NULL);
    CHECK_STR(found, xdg_file);
    free(found);
    setenv("TICKER_CONFIG", "/nonexistent/by-env.json", 1);
    found = config_file_find(NULL);
    CHECK_STR(found, "/nonexistent/by-env.json"); /* named explicitly: used even if missing */
    free(found);
    found = config_file_find("cli.json");
    CHECK_STR(found, "cli.json");
    free(found);
    unsetenv("TICKER_CONFIG");
    unsetenv("XDG_CONFIG_HOME");
    char *home_dir = xasprintf("%s/.config", home),
         *home_dir2 = xasprintf("%s/.config/ticker", home);
    char *home_file = xasprintf("%s/.config/ticker/config.json", home);
    mkdir(home_dir, 0755);
    mkdir(home_dir2, 0755);
    write_text(home_file, "{}");
    found = config_file_find(NULL);
    CHECK_STR(found, home_file);
    free(found);
    /* the system-wide file comes after the user's, and before the built-in */
    char *sys_file = xasprintf("%s/etc-config.json", dir);
    write_text(sys_file, "{}");
    found = config_file_find_in(NULL, sys_file);
    CHECK_STR(found, home_file);
    free(found);
    unlink(home_file);
    found = config_file_find_in(NULL, sys_file);
    CHECK_STR(found, sys_file);
    free(found);
    unlink(sys_file);
    found = config_file_find_in(NULL, sys_file);
    CHECK(found == NULL);
    free(found);
    free(sys_file);
    write_text(home_file, "{}");

    /* the built-in configuration finds the demo feeds, sorted, as file:// URLs */
    char *d1 = xasprintf("%s/world.xml", demo), *d2 = xasprintf("%s/atom.atom", demo);
    char *d3 = xasprintf("%s/README.md", demo);
    write_text(d1, "<rss/>");
    write_text(d2, "<feed/>");
    write_text(d3, "not a feed");
    struct config *c = config_file_builtin(assets);
    CHECK(c->n_feeds >= 8);
    char *u1 = xasprintf("file://%s", d2), *u2 = xasprintf("file://%s", d1);
    CHECK_STR(c->feeds[0].url, u1);
    CHECK_STR(c->feeds[0].name, "atom");
    CHECK_STR(c->feeds[1].url, u2);
    CHECK(strncmp(c->feeds[2].url, "https://", 8) == 0);

    /* the cache location */
    char *p = config_file_cache_path(c, NULL);
    char *want = xasprintf("%s/ticker/cache.db", xdg);
    CHECK_STR(p, want);
    free(p);
    free(want);
    unsetenv("XDG_CACHE_HOME");
    p = config_file_cache_path(c, NULL);
    want = xasprintf("%s/.cache/ticker/cache.db", home);
    CHECK_STR(p, want);
    free(p);
    free(want);
    c->cache_path = xstrdup("~/news/cache.db");
    p = config_file_cache_path(c, NULL);
    want = xasprintf("%s/news/cache.db", home);
    CHECK_STR(p, want);
    free(p);
    free(want);
    p = config_file_cache_path(c, "/srv/override.db");
    CHECK_STR(p, "/srv/override.db");
    free(p);

    /* retention as the store takes it */
    c->feeds[1].max_items = 7;
    struct store_retention ret;
    struct store_feed_limit *limits;
    config_file_retention(c, &ret, &limits);
    CHECK_INT(ret.max_age, 48 * 3600);
    CHECK_INT(ret.max_items, 50);
    CHECK_INT(ret.n_feeds, c->n_feeds);
    CHECK_STR(ret.feeds[1].url, u2);
    CHECK_INT(ret.feeds[1].max_items, 7);
    free(limits);
    config_free(c);

    /* loading: the file in ~/.config is used; a bad file returns every message (printing
     * nothing) and NULL; so does a missing one */
    char *used = NULL;
    struct config_diags d = {0};
    c = config_file_read(NULL, assets, &d, &used);
    CHECK(c != NULL);
    CHECK_INT(d.n, 0);
    CHECK_STR(used, home_file);
    CHECK(c && c->n_feeds >= 8); /* no "feeds": the built-in ones, demo feeds first */
    config_free(c);
    free(used);
    char *bad = xasprintf("%s/bad.json", dir);
    write_text(bad, "{\n  \"intervall\": 1,\n  \"interval\": 1\n}\n");
    c = config_file_read(bad, assets, &d, &used);
    CHECK(c == NULL);
    CHECK(used == NULL);
    c = config_file_read("/nonexistent/cli.json", assets, &d, &used);
    CHECK(c == NULL);
    struct buf text = {0};
    for (size_t i = 0; i < d.n; i++)
        buf_printf(&text, "%s: %s\n", d.v[i].severity == CONFIG_ERROR ? "error" : "warning",
                   d.v[i].text);
    CHECK_INT(d.n_errors, 2);
    char *want_diag = xasprintf(
        "warning: %s: line 2, column 3: unknown key \"intervall\" (did you mean \"interval\"?)\n"
        "error: %s: line 3, column 15: \"interval\" must be a whole number of seconds from 120 to "
        "604800 (7 days), not 1\n"
        "error: /nonexistent/cli.json: No such file or directory\n",
        bad, bad);
    CHECK_STR(text.data, want_diag);
    buf_free(&text);
    config_diags_free(&d);
    free(want_diag);

    free(bad);
    free(u1);
    free(u2);
    free(d1);
    free(d2);
    free(d3);
    free(home_file);
    free(home_dir2);
    free(home_dir);
    free(xdg_file);
    free(xdg_dir);
    /* nested scratch tree: remove bottom-up */
    char *dirs[] = {demo, assets, xdg, home};
    char *files[] = {xasprintf("%s/world.xml", demo),
                     xasprintf("%s/atom.atom", demo),
                     xasprintf("%s/README.md", demo),
                     xasprintf("%s/ticker/config.json", xdg),
                     xasprintf("%s/.config/ticker/config.json", home),
                     xasprintf("%s/bad.json", dir)};
    for (size_t i = 0; i < ARRAY_LEN(files); i++) {
        unlink(files[i]);
        free(files[i]);
    }
    char *sub1 = xasprintf("%s/ticker", xdg), *sub2 = xasprintf("%s/.config/ticker", home),
         *sub3 = xasprintf("%s/.config", home);
    rmdir(sub1);
    rmdir(sub2);
    rmdir(sub3);
    free(sub1);
    free(sub2);
    free(sub3);
    for (size_t i = 0; i < ARRAY_LEN(dirs); i++) {
        rmdir(dirs[i]);
        free(dirs[i]);
    }
    rmdir(dir);
    free(dir);
    return check_done();
}
