/*
 * io/config_check and config_file_expand_home: what check-config finds out from the machine.
 * URLs go through the real libcurl, fonts are the bundled font and files made here (a FIFO
 * among them, which must not block), caches are real paths in a scratch folder and /dev/null.
 */
#include "check.h"
#include "core/util.h"
#include "io/config_check.h"
#include "io/config_file.h"

#include <cjson/cJSON.h>

#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[] = "/tmp/ticker-cfgcheck-XXXXXX";

static char *in_dir(const char *name)
{
    return xasprintf("%s/%s", dir, name);
}

static void write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    CHECK_MSG(f != NULL, "%s: %s", path, strerror(errno));
    if (f) {
        fwrite(data, 1, len, f);
        fclose(f);
    }
}

static void test_urls(void)
{
    static const struct {
        const char *url;
        const char *error; /* NULL: accepted */
    } cases[] = {
        {"https://news.example.org/feed.xml", NULL},
        {"http://127.0.0.1:8080/x?y=1", NULL},
        {"http://[::1]:8080/feed", NULL},
        {"HTTP://EXAMPLE.ORG/", NULL},
        {"file:///srv/feeds/local.xml", NULL},
        {"file://localhost/srv/feeds/local.xml", NULL},
        /* the three */
        {"http://a.example:99999999/f",
         "libcurl cannot parse \"http://a.example:99999999/f\": Port "
         "number was not a decimal number between 0 and 65535"},
        {"http:///x", "\"http:///x\" has no host (one '/' too many after the scheme?)"},
        {"http://[::1/feed", "libcurl cannot parse \"http://[::1/feed\": Bad IPv6 address"},
        {"http://exa mple.org/", "libcurl cannot parse \"http://exa mple.org/\": Bad hostname"},
        {"https://:80/", "libcurl cannot parse \"https://:80/\": No host part in the URL"},
        {"http://a.example:0/", "\"http://a.example:0/\": port 0 cannot be connected to"},
        {"file://feeds/x.xml", "\"file://feeds/x.xml\": a file:// URL needs an absolute path "
                               "(file:///path)"},
        /* text from the file is shown printable */
        {"http://a.example/\x1b[2J",
         "libcurl cannot parse \"http://a.example/\\x1b[2J\": Bad path"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        check_case("cases[%zu] %s", i, cases[i].url);
        struct error e;
        error_clear(&e);
        bool ok = config_check_url(cases[i].url, &e);
        CHECK_INT(ok, cases[i].error == NULL);
        CHECK_STR(cases[i].error ? e.msg : NULL, cases[i].error);
    }
    check_case_end();
}

static void test_fonts(void)
{
    struct error e;
    CHECK_MSG(config_check_font(TICKER_TESTS_DIR "/../assets/fonts/DejaVuSans.ttf", &e), "%s",
              e.msg);
    CHECK(config_check_font(TICKER_TESTS_DIR "/../assets/fonts/DejaVuSans-Bold.ttf", &e));

    char *missing = in_dir("missing.ttf");
    CHECK(!config_check_font(missing, &e));
    char *want = xasprintf("%s: No such file or directory", missing);
    CHECK_STR(e.msg, want);
    free(want);

    char *text = in_dir("notes.ttf");
    write_file(text, "hello, not a font\n", 18);
    CHECK(!config_check_font(text, &e));
    want = xasprintf("%s is not a TrueType or OpenType font", text);
    CHECK_STR(e.msg, want);
    free(want);

    char *tiny = in_dir("tiny.ttf");
    write_file(tiny, "\x00\x01", 2);
    CHECK(!config_check_font(tiny, &e));

    char *otf = in_dir("cff.otf");
    write_file(otf, "OTTO\x00\x0a", 6);
    CHECK(config_check_font(otf, &e));

    CHECK(!config_check_font(dir, &e));
    want = xasprintf("%s is a directory, not a file", dir);
    CHECK_STR(e.msg, want);
    free(want);

    /* A FIFO is refused without opening it (opening would wait for a writer). */
    char *fifo = in_dir("font.fifo");
    CHECK(mkfifo(fifo, 0600) == 0);
    CHECK(!config_check_font(fifo, &e));
    want = xasprintf("%s is a FIFO, not a file", fifo);
    CHECK_STR(e.msg, want);
    free(want);

    CHECK(!config_check_font("/dev/null", &e));
    CHECK_STR(e.msg, "/dev/null is a character device, not a file");
    free(missing);
    free(text);
    free(tiny);
    free(otf);
    free(fifo);
}

static void test_caches(void)
{
    struct error e;
    char *fresh = in_dir("sub/dir/cache.db");
    CHECK_INT(config_check_cache(fresh, &e), CONFIG_CACHE_OK);
    /* nothing was created on the way */
    char *sub = in_dir("sub");
    struct stat st;
    CHECK(stat(sub, &st) != 0 && errno == ENOENT);

    char *empty = in_dir("empty.db");
    write_file(empty, "", 0);
    CHECK_INT(config_check_cache(empty, &e), CONFIG_CACHE_OK);

    char *db = in_dir("real.db");
    write_file(db, "SQLite format 3\0rest of a header", 32);
    CHECK_INT(config_check_cache(db, &e), CONFIG_CACHE_OK);

    char *notes = in_dir("notes.txt");
    write_file(notes, "some notes, not a database\n", 27);
    CHECK_INT(config_check_cache(notes, &e), CONFIG_CACHE_NOT_SQLITE);
    char *want = xasprintf("cache %s is not an SQLite database", notes);
    CHECK_STR(e.msg, want);
    free(want);

    CHECK_INT(config_check_cache("/dev/null", &e), CONFIG_CACHE_BAD);
    CHECK_STR(e.msg, "cache /dev/null is a character device, not a file");
    /* ... and nothing appears beside it */
    CHECK(stat("/dev/null-journal", &st) != 0);

    CHECK_INT(config_check_cache(dir, &e), CONFIG_CACHE_BAD);
    want = xasprintf("cache %s is a directory, not a file", dir);
    CHECK_STR(e.msg, want);
    free(want);

    /* a file where a folder should be */
    char *under = in_dir("notes.txt/cache.db");
    CHECK_INT(config_check_cache(under, &e), CONFIG_CACHE_BAD);
    want = xasprintf("cache %s cannot be created: %s is not a folder", under, notes);
    CHECK_STR(e.msg, want);
    free(want);

    CHECK_INT(config_check_cache("", &e), CONFIG_CACHE_BAD);

    /* An unwritable folder (root writes anywhere but on a read-only file system). */
    char *ro = in_dir("ro");
    CHECK(mkdir(ro, 0555) == 0);
    char *ro_db = in_dir("ro/cache.db");
    if (geteuid() != 0) {
        CHECK_INT(config_check_cache(ro_db, &e), CONFIG_CACHE_BAD);
        want = xasprintf("cache %s cannot be created in %s: Permission denied", ro_db, ro);
        CHECK_STR(e.msg, want);
        free(want);
    } else {
        printf("skip: the unwritable-folder case (root may write anywhere)\n");
    }
    rmdir(ro);
    free(ro);
    free(ro_db);
    free(fresh);
    free(sub);
    free(empty);
    free(db);
    free(notes);
    free(under);
}

static void test_expand_home(void)
{
    char *old_home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
    struct passwd *me = getpwuid(getuid());
    CHECK(me != NULL);
    struct error e;
    setenv("HOME", "/home/kiosk", 1);
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"~/cache.db", "/home/kiosk/cache.db"},
        {"~", "/home/kiosk"},
        {"~/", "/home/kiosk/"},
        {"/var/cache/ticker.db", "/var/cache/ticker.db"},
        {"relative/~/x", "relative/~/x"},
        {"", ""},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        check_case("cases[%zu] %s", i, cases[i].in);
        char *got = config_file_expand_home(cases[i].in, &e);
        CHECK_STR(got, cases[i].out);
        free(got);
    }
    check_case_end();
    /* ~user: that user's home, from the password database; HOME does not matter */
    char *tilde_me = xasprintf("~%s/x.db", me->pw_name);
    char *want = xasprintf("%s/x.db", strcmp(me->pw_dir, "/") ? me->pw_dir : "");
    char *got = config_file_expand_home(tilde_me, &e);
    CHECK_STR(got, want);
    free(got);
    free(want);
    free(tilde_me);
    got = config_file_expand_home("~root/x.db", &e);
    CHECK_STR(got, "/root/x.db");
    free(got);
    CHECK(config_file_expand_home("~no-such-user-4711/x.db", &e) == NULL);
    CHECK_STR(e.msg, "~no-such-user-4711/x.db: there is no user \"no-such-user-4711\"");
    /* without HOME (a service): the password database */
    unsetenv("HOME");
    got = config_file_expand_home("~/x.db", &e);
    want = xasprintf("%s/x.db", strcmp(me->pw_dir, "/") ? me->pw_dir : "");
    CHECK_STR(got, want);
    free(got);
    free(want);
    if (old_home)
        setenv("HOME", old_home, 1);
    free(old_home);
}

/* The whole configuration: each problem at its key's line and column. */
static void test_config(void)
{
    char *cache_dir_file = in_dir("notes.txt");
    char *font = in_dir("notes.ttf");
    char *path = in_dir("check.json");
    char *text =
        xasprintf("{\n"
                  "  \"feeds\": [\n"
                  "    \"https://ok.example/feed\",\n"
                  "    {\"name\": \"bad port\", \"url\": \"http://a.example:99999999/f\"},\n"
                  "    {\"url\": \"http:///x\", \"enabled\": false},\n"
                  "    \"http://[::1/feed\"\n"
                  "  ],\n"
                  "  \"display\": {\"font\": \"%s\"},\n"
                  "  \"cache\": \"%s/cache.db\"\n"
                  "}\n",
                  font, cache_dir_file);
    write_file(path, text, strlen(text));
    struct config_diags d = {0};
    char *used = NULL;
    struct config *c = config_file_read(path, NULL, &d, &used);
    CHECK(c != NULL);
    CHECK_INT(d.n, 0);
    if (c) {
        char *cache = config_file_cache_path(c, NULL);
        config_check(c, used, cache, &d);
        free(cache);
    }
    /* the disabled feed's URL is not checked: it is never fetched */
    char *want = xasprintf(
        "%s: line 4, column 33: libcurl cannot parse \"http://a.example:99999999/f\": Port number "
        "was not a decimal number between 0 and 65535\n"
        "%s: line 6, column 5: libcurl cannot parse \"http://[::1/feed\": Bad IPv6 address\n"
        "%s: line 8, column 23: display.font: %s is not a TrueType or OpenType font; the display "
        "uses the bundled font instead\n"
        "%s: line 9, column 12: cache %s/cache.db cannot be created: %s is not a folder\n",
        path, path, path, font, path, cache_dir_file, cache_dir_file);
    struct buf b = {0};
    for (size_t i = 0; i < d.n; i++)
        buf_printf(&b, "%s\n", d.v[i].text);
    CHECK_STR(b.data, want);
    CHECK_INT(d.n_errors, 3);
    buf_free(&b);
    free(want);
    config_diags_free(&d);
    config_free(c);
    free(used);

    /* The built-in configuration: its feeds are fine; no positions to give. */
    c = config_file_builtin(TICKER_TESTS_DIR "/../assets");
    char *cache = in_dir("builtin.db");
    config_check(c, NULL, cache, &d);
    CHECK_INT(d.n, 0);
    config_diags_free(&d);
    config_free(c);
    free(cache);
    free(text);
    free(path);
    free(font);
    free(cache_dir_file);
}

/* "~" in the configuration's paths is expanded when it is read; an unknown user is an error
 * for the cache (it cannot be used) and a warning for a font (the bundled one is used). */
static void test_read_expands(void)
{
    char *path = in_dir("tilde.json");
    const char *text =
        "{\"cache\": \"~/c.db\",\n"
        " \"display\": {\"font\": \"~root/f.ttf\", \"font_bold\": \"~nobody-4711/b.ttf\"}}";
    write_file(path, text, strlen(text));
    char *old_home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
    setenv("HOME", "/home/kiosk", 1);
    struct config_diags d = {0};
    struct config *c = config_file_read(path, NULL, &d, NULL);
    CHECK(c != NULL);
    if (c) {
        CHECK_STR(c->cache_path, "/home/kiosk/c.db");
        char *cache = config_file_cache_path(c, NULL);
        CHECK_STR(cache, "/home/kiosk/c.db");
        free(cache);
        const cJSON *font = cJSON_GetObjectItem(c->display, "font");
        CHECK_STR(cJSON_GetStringValue(font), "/root/f.ttf");
    }
    CHECK_INT(d.n, 1);
    CHECK_INT(d.n_errors, 0);
    char *want = xasprintf("%s: line 2, column 50: ~nobody-4711/b.ttf: there is no user "
                           "\"nobody-4711\"; the display uses the bundled font instead",
                           path);
    CHECK_STR(d.n ? d.v[0].text : NULL, want);
    free(want);
    config_diags_free(&d);
    config_free(c);

    text = "{\"cache\": \"~nobody-4711/c.db\"}";
    write_file(path, text, strlen(text));
    c = config_file_read(path, NULL, &d, NULL);
    CHECK(c == NULL);
    want = xasprintf("%s: line 1, column 11: ~nobody-4711/c.db: there is no user \"nobody-4711\"",
                     path);
    CHECK_STR(d.n ? d.v[0].text : NULL, want);
    free(want);
    config_diags_free(&d);
    if (old_home)
        setenv("HOME", old_home, 1);
    free(old_home);
    free(path);
}

int main(void)
{
    CHECK(mkdtemp(dir) != NULL);
    test_urls();
    test_fonts();
    test_caches();
    test_expand_home();
    test_config();
    test_read_expands();
    char *cmd = xasprintf("rm -rf '%s'", dir);
    CHECK(system(cmd) == 0);
    free(cmd);
    return check_done();
}
