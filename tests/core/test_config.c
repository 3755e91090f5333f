/*
 * Configuration: every message with its line and column, closest-key warnings, defaults,
 * overriding a base, the printed effective configuration round-tripping, and filters.
 */
#include "check.h"
#include "core/config.h"
#include "core/json_pos.h"
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

/* Invalid (or warned-about) files and the exact messages they give, in the order of the
 * places they are about. */
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
     "config.json: line 12, column 19: \"interval\" must be a whole number of seconds from 120 to "
     "604800 (7 days), not 60"},
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
    /* each number message says what is allowed and what was found */
    {"{\"interval\": \"10m\"}", false,
     "config.json: line 1, column 14: \"interval\" must be a whole number of seconds from 120 to "
     "604800 (7 days), not a string"},
    {"{\"interval\": 600.5}", false,
     "config.json: line 1, column 14: \"interval\" must be a whole number of seconds from 120 to "
     "604800 (7 days), not 600.5"},
    {"{\"interval\": 1e308}", false,
     "config.json: line 1, column 14: \"interval\" must be a whole number of seconds from 120 to "
     "604800 (7 days), not 1e+308"},
    {"{\"interval\": -1e308}", false,
     "config.json: line 1, column 14: \"interval\" must be a whole number of seconds from 120 to "
     "604800 (7 days), not -1e+308"},
    {"{\"retention\": {\"max_items\": null}}", false,
     "config.json: line 1, column 29: \"max_items\" must be a whole number of items from 1 to "
     "10000, not null"},
    /* the minimum is 2 minutes: 119 s is refused, 120 s taken */
    {"{\"interval\": 119}", false,
     "config.json: line 1, column 14: \"interval\" must be a whole number of seconds from 120 to "
     "604800 (7 days), not 119"},
    {"{\"interval\": 120}", true, ""},
    {"{\"fetch_articles\": \"yes\"}", false,
     "config.json: line 1, column 20: \"fetch_articles\" must be true or false, not a string"},
    {"{\"feeds\": [{\"url\": \"file:///d.xml\", \"demo\": 1}]}", false,
     "config.json: line 1, column 45: \"demo\" must be true or false, not 1"},
    {"{\"feeds\": [{\"url\": \"file:///d.xml\", \"demo\": true}]}", true, ""},
    {"{\"user_agent\": \"\"}", false,
     "config.json: line 1, column 16: \"user_agent\" must not be empty"},
    {"{\"cache\": 5}", false, "config.json: line 1, column 11: \"cache\" must be a string, not 5"},
    {"{\"filters\": [\"war\", \" \", 3]}", false,
     "config.json: line 1, column 21: a filter must be a non-empty string (a word or phrase)\n"
     "config.json: line 1, column 26: a filter must be a non-empty string (a word or phrase)"},
    {"{\"fetch\": {\"max_bytes\": 10}}", false,
     "config.json: line 1, column 25: \"max_bytes\" must be a whole number of bytes from 1024 to "
     "1073741824, not 10"},
    {"{\"summary\": {\"sentences\": 0}}", false,
     "config.json: line 1, column 27: \"sentences\" must be a whole number of sentences from 1 "
     "to 50, not 0"},
    {"{\"retention\": {\"max_age\": 10}}", false,
     "config.json: line 1, column 27: \"max_age\" must be a whole number of seconds from 3600 to "
     "31536000 (365 days), not 10"},
    {"{\"interval\": 6048000}", false,
     "config.json: line 1, column 14: \"interval\" must be a whole number of seconds from 120 to "
     "604800 (7 days), not 6048000"},
    {"{\"display\": []}", false, "config.json: line 1, column 13: \"display\" must be an object"},
    {"{\"summary\": 3}", false, "config.json: line 1, column 13: \"summary\" must be an object"},
    {"{\"feeds\": [{\"url\": \"https://x.org/\", \"headers\": {\"Bad Name\": \"v\", "
     "\"X-Ok\": 5}}]}",
     false,
     "config.json: line 1, column 50: \"Bad Name\" is not a valid HTTP header name\n"
     "config.json: line 1, column 75: header \"X-Ok\" must have a string value"},
    {"{\"interval\": 300, \"interval\": 900}", true,
     "config.json: line 1, column 2: key \"interval\" is repeated; the last one is used"},
    /* the last one is used, so an earlier bad one is no error (and is not checked) */
    {"{\"interval\": 5, \"interval\": 900}", true,
     "config.json: line 1, column 2: key \"interval\" is repeated; the last one is used"},
    {"{\"interval\": 900, \"interval\": 5}", false,
     "config.json: line 1, column 2: key \"interval\" is repeated; the last one is used\n"
     "config.json: line 1, column 31: \"interval\" must be a whole number of seconds from 120 to "
     "604800 (7 days), not 5"},
    {"{\"feeds\": [{\"url\": \"ftp://x\", \"url\": \"https://x.org/\"}], \"fetch\": {\"timeout\": "
     "0, "
     "\"timeout\": 30}}",
     true,
     "config.json: line 1, column 13: key \"url\" is repeated; the last one is used\n"
     "config.json: line 1, column 68: key \"timeout\" is repeated; the last one is used"},
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
     true, "config.json: line 1, column 69: display: unknown key \"x\""},
    /* the renderer's object: every bad key, each at its place; warnings where it still works */
    {"{\"display\": {\"speed\": \"fast\",\n \"colors\": {\"band\": \"blue\", \"txet\": \"#fff\"},\n"
     " \"hold_ms\": 10, \"hold_ms\": 9000}}",
     false,
     "config.json: line 1, column 23: display.speed: expected pixels per second (180, "
     "\"180px/s\"), characters per second (\"12cps\") or screen heights per second "
     "(\"16.7%/s\")\n"
     "config.json: line 2, column 21: display.colors.band: expected \"#rrggbb\" or \"#rgb\"\n"
     "config.json: line 2, column 29: display.colors: unknown key \"txet\" (did you mean "
     "\"text\"?)\n"
     "config.json: line 3, column 2: display: key \"hold_ms\" is repeated; the last one is used"},
};

static void test_table(void)
{
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        check_case("cases[%zu] %.60s", i, cases[i].text);
        char *msgs;
        struct config *c = parse(cases[i].text, &msgs);
        CHECK_INT(c != NULL, cases[i].valid);
        CHECK_STR(msgs, cases[i].messages);
        config_free(c);
        free(msgs);
    }
    check_case_end();
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
    /* the issue's figures: connect 10 s, total 60 s, below 1 KB/s for 20 s */
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
        "  \"display\": {\"speed\": 120, \"colors\": {\"band\": \"#000\"}}\n"
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
    char *json = config_to_json(c, false);
    char *msgs2;
    struct config *c2 = parse(json, &msgs2);
    CHECK_STR(msgs2, "");
    CHECK(c2 != NULL);
    if (c2) {
        char *json2 = config_to_json(c2, false);
        CHECK_STR(json2, json);
        free(json2);
        struct config *c3 = config_copy(c2);
        char *json3 = config_to_json(c3, false);
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
    struct json_pos_step p[] = {{"a", 0, 0}, {NULL, 0, 1}, {"b", 0, 0}};
    CHECK_INT(json_pos_find(j, strlen(j), p, 3, false), 16);
    CHECK_INT(json_pos_find(j, strlen(j), p, 3, true), 11);
    struct json_pos_step q[] = {{"a", 1, 0}};
    CHECK_INT(json_pos_find(j, strlen(j), q, 1, false), 26);
    int line, col;
    json_pos_line_col("ab\ncä d", 8, 7, &line, &col);
    CHECK_INT(line, 2);
    CHECK_INT(col, 4);
    /* the index finds the same offsets for every node, keys included */
    cJSON *root = cJSON_Parse(j);
    struct json_pos_index *ix = json_pos_index_new(j, strlen(j), root);
    const cJSON *a0 = root->child, *b = a0->child->next->child, *a1 = a0->next;
    CHECK_INT(json_pos_of(ix, root, false), 0);
    CHECK_INT(json_pos_of(ix, a0, true), 1);
    CHECK_INT(json_pos_of(ix, a0, false), 6);
    CHECK_INT(json_pos_of(ix, a0->child, false), 7);
    CHECK_INT(json_pos_of(ix, b, true), 11);
    CHECK_INT(json_pos_of(ix, b, false), 16);
    CHECK_INT(json_pos_of(ix, a1, true), 21);
    CHECK_INT(json_pos_of(ix, a1, false), 26);
    CHECK_INT(json_pos_of(ix, (const cJSON *)&ix, false), 0); /* not in the tree */
    json_pos_index_free(ix);
    cJSON_Delete(root);
    /* many offsets in one pass, in any order, equal one at a time */
    const char *t = "\xEF\xBB\xBF{\n \"ä\": [1,\n  2]}";
    size_t offs[] = {18, 3, 9, 4, 0};
    int ls[5], cs[5];
    json_pos_lines_cols(t, strlen(t), offs, 5, ls, cs);
    for (size_t i = 0; i < 5; i++) {
        json_pos_line_col(t, strlen(t), offs[i], &line, &col);
        check_case("offset %zu", offs[i]);
        CHECK_INT(ls[i], line);
        CHECK_INT(cs[i], col);
    }
    check_case_end();
    CHECK_INT(ls[0], 3);
    CHECK_INT(cs[0], 3);
}

/* A feed with 60,000 headers, one a line: all taken when valid; when every name is bad, every
 * one is reported at its own line (and in linear time: tests/bench/bench_config.sh). */
static void test_many_headers(void)
{
    enum { N = 60000 };
    for (int bad = 0; bad < 2; bad++) {
        struct buf b = {0};
        buf_append_str(&b, "{\"feeds\": [{\"url\": \"https://a.example/feed\", \"headers\": {\n");
        for (int i = 0; i < N; i++)
            buf_printf(&b, "%s\"X%sH%d\": \"v\"", i ? ",\n" : "", bad ? " " : "-", i);
        buf_append_str(&b, "\n}}]}\n");
        struct config_diags d = {0};
        struct config *c = config_parse(b.data, b.len, "many.json", NULL, &d);
        check_case("%d headers, %s names", N, bad ? "bad" : "good");
        if (!bad) {
            CHECK(c != NULL);
            CHECK_INT(d.n, 0);
            CHECK_INT(c ? c->feeds[0].n_headers : 0, N);
            CHECK_STR(c ? c->feeds[0].headers[N - 1].name : NULL, "X-H59999");
        } else {
            CHECK(c == NULL);
            CHECK_INT(d.n_errors, N);
            CHECK_INT(d.n, N);
            if (d.n == N) {
                CHECK_STR(d.v[0].text, "many.json: line 2, column 1: \"X H0\" is not a valid HTTP "
                                       "header name");
                CHECK_INT(d.v[N - 1].error.line, N + 1);
                CHECK_INT(d.v[N - 1].error.column, 1);
            }
        }
        config_free(c);
        config_diags_free(&d);
        buf_free(&b);
    }
    check_case_end();
}

/* Secrets stay out of what people see: a feed named from a URL with credentials is named by
 * its host, and the redacted printout has neither the password nor any header's value, while
 * the unredacted one keeps both (the round trip above depends on it). */
static void test_secrets(void)
{
    char *msgs;
    struct config *c = parse("{\"feeds\": [{\"url\": \"https://bob:hunter2@www.example.com/feed"
                             "?token=t0ken\", \"headers\": {\"Authorization\": \"Bearer s3kr1t\"}},"
                             "{\"url\": \"https://alice@news.example.org:8443/rss\"}]}",
                             &msgs);
    CHECK_STR(msgs, "");
    CHECK(c != NULL);
    if (c) {
        CHECK_STR(c->feeds[0].name, "example.com");
        CHECK_STR(c->feeds[1].name, "news.example.org");
        char *shown = config_to_json(c, true);
        CHECK(strstr(shown, "hunter2") == NULL);
        CHECK(strstr(shown, "bob") == NULL);
        CHECK(strstr(shown, "t0ken") == NULL);
        CHECK(strstr(shown, "s3kr1t") == NULL);
        CHECK(strstr(shown, "alice") == NULL);
        CHECK(strstr(shown, "\"Authorization\":\t\"***\"") != NULL);
        CHECK(strstr(shown, "www.example.com/feed") != NULL);
        char *all = config_to_json(c, false);
        CHECK(strstr(all, "bob:hunter2@") != NULL);
        CHECK(strstr(all, "Bearer s3kr1t") != NULL);
        free(all);
        free(shown);
    }
    config_free(c);
    free(msgs);
}

int main(void)
{
    test_secrets();
    test_many_headers();
    test_table();
    test_defaults();
    test_values();
    test_base();
    test_filters();
    test_helpers();
    return check_done();
}
