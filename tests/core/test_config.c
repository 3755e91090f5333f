/*
 * Configuration: every message with its line and column, closest-key warnings, defaults,
 * overriding a base, the printed effective configuration round-tripping, and filters.
 */
#include "check.h"
#include "core/config.h"
#include "core/config_locate.h"
#include "core/util.h"

#include <cjson/cJSON.h>
#include <stdlib.h>

/* Parses `text` as "config.json" on the built-in base; returns the config (or NULL) and puts
 * every diagnostic line, joined by '\n', into *msgs (free()). */
static struct config *parse(const char *text, char **msgs)
{
    static const char *const demo[] = {"/opt/ticker/assets/demo/world.xml"};
    struct config *base = config_default(demo, 1);
    struct config_diags d = {0};
    struct config *c = config_parse(text, strlen(text), "config.json", base, &d);
    struct buf b = {0};
    for (size_t i = 0; i < d.n; i++) {
        if (i)
            buf_append_char(&b, '\n');
        buf_append_str(&b, d.v[i].text);
    }
    *msgs = b.data ? buf_steal(&b) : xstrdup("");
    config_diags_free(&d);
    config_free(base);
    return c;
}

/* Invalid (or warned-about) files and the exact messages they give. */
static const struct {
    const char *text;
    bool valid;
    const char *messages;
} cases[] = {
    /* the example from the issue */
    {"{\n"
     "  \"feeds\": [\n"
     "    {\"url\": \"https://example.org/a.xml\"},\n"
     "    {\"url\": \"https://example.org/b.xml\"},\n"
     "    {\"url\": \"https://example.org/c.xml\"},\n"
     "    {\n"
     "      \"url\": \"https://example.org/d.xml\",\n"
     "      \"name\": \"D\",\n"
     "      \"headers\": {},\n"
     "      \"enabled\": true,\n"
     "      \"max_items\": 20,\n"
     "      \"interval\": 60\n"
     "    }\n"
     "  ]\n"
     "}\n",
     false,
     "config.json: line 12, column 19: \"interval\" must be a number of seconds, at least 120"},
    {"{\n  \"feeds\": [\"https://example.org/feed\"],\n  \"intervall\": 600\n}\n", true,
     "config.json: line 3, column 3: unknown key \"intervall\" (did you mean \"interval\"?)"},
    {"{\"feeds\": [{\"url\": \"https://x.org/\", \"nmae\": \"X\"}], \"zzz\": 1}", true,
     "config.json: line 1, column 38: unknown key \"nmae\" (did you mean \"name\"?)\n"
     "config.json: line 1, column 53: unknown key \"zzz\""},
    {"{\"retention\": {\"max_itmes\": 5}}", true,
     "config.json: line 1, column 16: unknown key \"max_itmes\" (did you mean \"max_items\"?)"},
    {"{\"_comment\": \"ignored\", \"fetch\": {\"MaxTransfers\": 3}}", true,
     "config.json: line 1, column 35: unknown key \"MaxTransfers\" (did you mean "
     "\"max_transfers\"?)"},
    {"{\n\t\"feeds\": [\n\t\t{\"url\": \"ftp://example.org/feed\"}\n\t]\n}", false,
     "config.json: line 3, column 11: \"url\" must be an http://, https:// or file:// URL"},
    {"{\"feeds\": [{\"name\": \"no url\"}]}", false,
     "config.json: line 1, column 12: this feed has no \"url\""},
    {"{\"feeds\": []}", false,
     "config.json: line 1, column 11: \"feeds\" must list at least one feed"},
    {"{\"feeds\": {\"url\": \"https://x.org/\"}}", false,
     "config.json: line 1, column 11: \"feeds\" must be a list of feeds"},
    {"{\"feeds\": [42]}", false,
     "config.json: line 1, column 12: a feed must be an object with \"url\" (or a URL string)"},
    {"{\"feeds\": [\"https://x.org/a\", {\"url\": \"https://x.org/a\"}]}", false,
     "config.json: line 1, column 31: feed \"https://x.org/a\" is listed twice (also as feed 1)"},
    {"{\"interval\": \"10m\"}", false,
     "config.json: line 1, column 14: \"interval\" must be a number of seconds, at least 120"},
    {"{\"interval\": 600.5}", false,
     "config.json: line 1, column 14: \"interval\" must be a number of seconds, at least 120"},
    /* the minimum is 2 minutes: 119 s is refused, 120 s taken */
    {"{\"interval\": 119}", false,
     "config.json: line 1, column 14: \"interval\" must be a number of seconds, at least 120"},
    {"{\"interval\": 120}", true, ""},
    {"{\"fetch_articles\": \"yes\"}", false,
     "config.json: line 1, column 20: \"fetch_articles\" must be true or false"},
    {"{\"feeds\": [{\"url\": \"file:///d.xml\", \"demo\": 1}]}", false,
     "config.json: line 1, column 45: \"demo\" must be true or false"},
    {"{\"feeds\": [{\"url\": \"file:///d.xml\", \"demo\": true}]}", true, ""},
    {"{\"user_agent\": \"\"}", false,
     "config.json: line 1, column 16: \"user_agent\" must not be empty"},
    {"{\"cache\": 5}", false, "config.json: line 1, column 11: \"cache\" must be a string"},
    {"{\"filters\": [\"war\", \" \", 3]}", false,
     "config.json: line 1, column 21: a filter must be a non-empty string (a word or phrase)\n"
     "config.json: line 1, column 26: a filter must be a non-empty string (a word or phrase)"},
    {"{\"fetch\": {\"max_bytes\": 10}}", false,
     "config.json: line 1, column 25: \"max_bytes\" must be a number of bytes from 1024 to "
     "1073741824"},
    {"{\"summary\": {\"sentences\": 0}}", false,
     "config.json: line 1, column 27: \"sentences\" must be a whole number of sentences from 1 "
     "to 50"},
    {"{\"retention\": {\"max_age\": 10}}", false,
     "config.json: line 1, column 27: \"max_age\" must be a number of seconds, at least 3600"},
    {"{\"interval\": 6048000}", false,
     "config.json: line 1, column 14: \"interval\" must be at most 604800 seconds"},
    {"{\"display\": []}", false, "config.json: line 1, column 13: \"display\" must be an object"},
    {"{\"summary\": 3}", false, "config.json: line 1, column 13: \"summary\" must be an object"},
    {"{\"feeds\": [{\"url\": \"https://x.org/\", \"headers\": {\"Bad Name\": \"v\", "
     "\"X-Ok\": 5}}]}",
     false,
     "config.json: line 1, column 50: \"Bad Name\" is not a valid HTTP header name\n"
     "config.json: line 1, column 75: header \"X-Ok\" must have a string value"},
    {"{\"interval\": 300, \"interval\": 900}", true,
     "config.json: line 1, column 2: key \"interval\" is repeated; the last one is used"},
    {"{\"fetch\": {\"max_transfers\": 2, \"max_per_host\": 3}}", true,
     "config.json: line 1, column 11: \"max_per_host\" (3) is more than \"max_transfers\" (2); "
     "2 is used"},
    /* syntax errors: cJSON's stopping point, with line and column */
    {"{\n  \"feeds\": [\n    \"https://x.org/\",\n  ],\n}\n", false,
     "config.json: line 4, column 3: not valid JSON here: \"],\""},
    {"{\n  \"interval\": 600\n  \"cache\": \"/tmp/c.db\"\n}", false,
     "config.json: line 3, column 3: not valid JSON here: \"\"cache\": \"/tmp/c\""},
    {"{\"feeds\": [", false,
     "config.json: line 1, column 12: the JSON ends too early (a missing '}', ']' or '\"'?)"},
    {"", false, "config.json: the file is empty"},
    {"  \n ", false, "config.json: the file is empty"},
    {"[1, 2]", false,
     "config.json: line 1, column 1: the configuration must be a JSON object ({ ... })"},
    {"{} {}", false,
     "config.json: line 1, column 4: unexpected text after the end of the configuration "
     "object"},
    /* columns count characters, not bytes; a BOM is not a column */
    {"\xEF\xBB\xBF{\"feeds\": [{\"name\": \"Schön\", \"url\": \"gopher://x\"}]}", false,
     "config.json: line 1, column 37: \"url\" must be an http://, https:// or file:// URL"},
    {"{\"feeds\": [{\"url\": \"https://x.org/\", \"interval\": 120}], \"display\": {\"x\": 1}}",
     true, ""},
};

static void test_table(void)
{
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        char *msgs;
        struct config *c = parse(cases[i].text, &msgs);
        CHECK_MSG((c != NULL) == cases[i].valid, "case %zu: valid=%d", i, c != NULL);
        CHECK_MSG(!strcmp(msgs, cases[i].messages), "case %zu:\n got:  %s\n want: %s", i, msgs,
                  cases[i].messages);
        config_free(c);
        free(msgs);
    }
}

static void test_defaults(void)
{
    static const char *const demo[] = {"/a/assets/demo/world.xml", "/a/assets/demo/tech.json"};
    struct config *c = config_default(demo, 2);
    CHECK_INT(c->interval, 600);
    CHECK_INT(c->max_age, 48 * 3600);
    CHECK_INT(c->max_items, 50);
    CHECK_INT(c->fetch.max_transfers, 4);
    CHECK_INT(c->fetch.max_per_host, 2);
    CHECK_INT(c->fetch.max_bytes, 8 * 1024 * 1024);
    CHECK(c->fetch_articles);
    CHECK_INT(c->summary.max_chars, 400);
    CHECK_INT(c->summary.sentences, 3);
    CHECK_INT(c->summary.article_threshold, 400);
    CHECK(c->cache_path == NULL);
    CHECK(c->display == NULL);
    /* the figures: connect 10 s, total 60 s, below 1 KB/s for 20 s */
    CHECK_INT(c->fetch.connect_timeout, 10);
    CHECK_INT(c->fetch.timeout, 60);
    CHECK_INT(c->fetch.low_speed_limit, 1024);
    CHECK_INT(c->fetch.low_speed_time, 20);
    /* User-Agent `Ticker/VERSION (+URL)`: names the program, its version and where to ask */
    CHECK_STR(c->user_agent, "Ticker/" TICKER_VERSION " (+" TICKER_HOMEPAGE ")");
    CHECK(strlen(TICKER_VERSION) > 0 && strchr("0123456789", TICKER_VERSION[0]) != NULL);
    CHECK(!strncmp(TICKER_HOMEPAGE, "https://", 8));
    CHECK(c->n_feeds >= 6);
    CHECK_STR(c->feeds[0].url, "file:///a/assets/demo/world.xml");
    CHECK_STR(c->feeds[0].name, "world");
    CHECK_STR(c->feeds[1].name, "tech");
    /* the bundled demo feeds are marked as demo content, the public feeds are not */
    CHECK(c->feeds[0].demo && c->feeds[1].demo);
    for (size_t i = 2; i < c->n_feeds; i++)
        CHECK_MSG(!c->feeds[i].demo, "feed %s marked demo", c->feeds[i].url);
    bool has_tagesschau = false, has_bbc = false;
    for (size_t i = 0; i < c->n_feeds; i++) {
        CHECK(c->feeds[i].enabled);
        CHECK_INT(c->feeds[i].interval, 600);
        CHECK_INT(c->feeds[i].max_items, 50);
        has_tagesschau |= !strcmp(c->feeds[i].url, "https://www.tagesschau.de/xml/rss2/");
        has_bbc |= !strcmp(c->feeds[i].url, "https://feeds.bbci.co.uk/news/rss.xml");
    }
    CHECK(has_tagesschau && has_bbc);
    config_free(c);
}

static void test_values(void)
{
    const char *text =
        "{\n"
        "  \"interval\": 900,\n"
        "  \"feeds\": [\n"
        "    \"https://www.example.org/rss\",\n"
        "    {\"url\": \"https://news.example.com/atom\", \"name\": \"Example\", \"interval\": "
        "300,\n"
        "     \"headers\": {\"Accept-Language\": \"de\"}, \"max_items\": 7, \"enabled\": false},\n"
        "    {\"url\": \"file:///srv/feeds/local.xml\"}\n"
        "  ],\n"
        "  \"cache\": \"~/ticker.db\",\n"
        "  \"retention\": {\"max_age\": 7200, \"max_items\": 20},\n"
        "  \"filters\": [\"Fußball\", \"royal family\"],\n"
        "  \"user_agent\": \"Lobby/1.0\",\n"
        "  \"fetch\": {\"max_transfers\": 8, \"max_per_host\": 1, \"max_bytes\": 2048,\n"
        "            \"connect_timeout\": 5, \"timeout\": 20, \"low_speed_limit\": 10,\n"
        "            \"low_speed_time\": 15},\n"
        "  \"fetch_articles\": false,\n"
        "  \"summary\": {\"max_chars\": 200, \"sentences\": 2, \"article_threshold\": 0},\n"
        "  \"display\": {\"speed\": 120, \"colors\": {\"bg\": \"#000\"}}\n"
        "}\n";
    char *msgs;
    struct config *c = parse(text, &msgs);
    CHECK_STR(msgs, "");
    CHECK(c != NULL);
    if (!c) {
        free(msgs);
        return;
    }
    CHECK_INT(c->n_feeds, 3);
    CHECK_STR(c->feeds[0].url, "https://www.example.org/rss");
    CHECK_STR(c->feeds[0].name, "example.org");
    /* top-level values given after "feeds" still apply to its feeds */
    CHECK_INT(c->feeds[0].interval, 900);
    CHECK_INT(c->feeds[0].max_items, 20);
    CHECK_STR(c->feeds[1].name, "Example");
    CHECK_INT(c->feeds[1].interval, 300);
    CHECK_INT(c->feeds[1].max_items, 7);
    CHECK(!c->feeds[1].enabled);
    CHECK(!c->feeds[1].demo);
    CHECK_INT(c->feeds[1].n_headers, 1);
    CHECK_STR(c->feeds[1].headers[0].name, "Accept-Language");
    CHECK_STR(c->feeds[1].headers[0].value, "de");
    CHECK_STR(c->feeds[2].name, "local");
    CHECK_STR(c->cache_path, "~/ticker.db");
    CHECK_INT(c->max_age, 7200);
    CHECK_INT(c->n_filters, 2);
    CHECK_STR(c->user_agent, "Lobby/1.0");
    CHECK_INT(c->fetch.max_transfers, 8);
    CHECK_INT(c->fetch.max_per_host, 1);
    CHECK_INT(c->fetch.max_bytes, 2048);
    CHECK_INT(c->fetch.connect_timeout, 5);
    CHECK_INT(c->fetch.timeout, 20);
    CHECK_INT(c->fetch.low_speed_limit, 10);
    CHECK_INT(c->fetch.low_speed_time, 15);
    CHECK(!c->fetch_articles);
    CHECK_INT(c->summary.max_chars, 200);
    CHECK_INT(c->summary.article_threshold, 0);
    CHECK(c->display && cJSON_GetObjectItem(c->display, "speed") &&
          cJSON_GetObjectItem(c->display, "speed")->valueint == 120);

    /* The printed configuration is a configuration that parses to the same thing. */
    char *json = config_to_json(c);
    char *msgs2;
    struct config *c2 = parse(json, &msgs2);
    CHECK_STR(msgs2, "");
    CHECK(c2 != NULL);
    if (c2) {
        char *json2 = config_to_json(c2);
        CHECK_STR(json2, json);
        free(json2);
        struct config *c3 = config_copy(c2);
        char *json3 = config_to_json(c3);
        CHECK_STR(json3, json);
        free(json3);
        config_free(c3);
    }
    config_free(c2);
    free(msgs2);
    free(json);
    config_free(c);
    free(msgs);
}

/* A file without "feeds" keeps the base's feeds; they follow a new top-level interval. */
static void test_base(void)
{
    char *msgs;
    struct config *c = parse("{\"interval\": 1800, \"retention\": {\"max_items\": 10}}", &msgs);
    CHECK_STR(msgs, "");
    CHECK(c && c->n_feeds >= 7);
    if (c) {
        CHECK_STR(c->feeds[0].url, "file:///opt/ticker/assets/demo/world.xml");
        CHECK_INT(c->feeds[0].interval, 1800);
        CHECK_INT(c->feeds[0].max_items, 10);
    }
    config_free(c);
    free(msgs);
}

static void test_filters(void)
{
    static const char *const f[] = {"war", "Royal Family", "fußball", "ÖL", "#ad"};
    static const struct {
        const char *title;
        const char *summary;
        bool excluded;
    } t[] = {
        {"War in the north", NULL, true},
        {"The war.", NULL, true},
        {"Warsaw votes", NULL, false},
        {"An award for peace", NULL, false},
        {"Budget passes", "Analysts expect a trade WAR soon", true},
        {"News of the royal\n family today", NULL, true},
        {"Royal families of Europe", NULL, false},
        {"FUSSBALL", NULL, false}, /* no ß/ss equivalence: documented */
        {"Fußball-Bundesliga startet", NULL, true},
        {"Ölpreis steigt", NULL, false}, /* whole words: Ölpreis is another word */
        {"Das Öl wird teurer", NULL, true},
        {"Sale now #ad", NULL, true},
        {NULL, NULL, false},
        {"Nothing to see", "calm day", false},
    };
    for (size_t i = 0; i < ARRAY_LEN(t); i++)
        CHECK_MSG(config_filter_excludes(f, ARRAY_LEN(f), t[i].title, t[i].summary) ==
                      t[i].excluded,
                  "filter case %zu (%s)", i, t[i].title ? t[i].title : "NULL");
    CHECK(!config_filter_excludes(NULL, 0, "war", NULL));
}

static void test_helpers(void)
{
    CHECK_INT(config_edit_distance("intervall", "interval"), 1);
    CHECK_INT(config_edit_distance("", "abc"), 3);
    CHECK_INT(config_edit_distance("kitten", "sitting"), 3);
    char *f = config_fold("  Hello,   WORLD — Ärger!  ", true);
    CHECK_STR(f, "hello world ärger");
    free(f);
    f = config_fold("A\tB", false);
    CHECK_STR(f, "a b");
    free(f);
    /* the locator follows keys and indexes */
    const char *j = "{\"a\": [1, {\"b\": 2}], \"a\": 3}";
    struct config_path_seg p[] = {{"a", 0, 0}, {NULL, 0, 1}, {"b", 0, 0}};
    CHECK_INT(config_locate(j, strlen(j), p, 3, false), 16);
    CHECK_INT(config_locate(j, strlen(j), p, 3, true), 11);
    struct config_path_seg q[] = {{"a", 1, 0}};
    CHECK_INT(config_locate(j, strlen(j), q, 1, false), 26);
    int line, col;
    config_offset_to_line_col("ab\ncä d", 8, 7, &line, &col);
    CHECK_INT(line, 2);
    CHECK_INT(col, 4);
}

int main(void)
{
    test_table();
    test_defaults();
    test_values();
    test_base();
    test_filters();
    test_helpers();
    return check_done();
}
