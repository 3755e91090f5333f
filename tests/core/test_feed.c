/*
 * Feed parser tests: every fixture under tests/data/feeds/ is parsed and checked field by
 * field against a table; limits and attacks are built in memory below.
 *
 * A want of NULL means the field must be absent; a want starting with '~' means "contains".
 */
#include "check.h"
#include "testutil.h"
#include "core/date.h"
#include "core/feed.h"
#include "core/feed_internal.h"
#include "core/markup.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct check {
    int item; /* index, or -1 for the feed itself */
    const char *field;
    const char *want;
};

struct feed_case {
    const char *file;
    const char *url;
    const char *content_type;
    const char *error; /* NULL: must parse; else a substring of the error message */
    struct check checks[28];
};

#define FEEDV -1
/* The table is laid out by hand: one fixture per block, its checks in rows. */
/* clang-format off */
#define END {0, NULL, NULL}

static const struct feed_case cases[] = {
    /* ---- every format and version ---- */
    {"rss20-basic.xml", NULL, NULL, NULL, {
        {FEEDV, "format", "rss20"}, {FEEDV, "wellformed", "true"}, {FEEDV, "n_items", "3"},
        {FEEDV, "title", "Harbour Town Courier"}, {FEEDV, "link", "https://courier.example/"},
        {FEEDV, "language", "en-gb"}, {FEEDV, "ttl", "45"},
        {0, "title", "Ferry timetable changes from Monday"},
        {0, "link", "https://courier.example/news/2026/03/ferry-timetable"},
        {0, "id", "https://courier.example/news/2026/03/ferry-timetable"},
        {0, "published", "2026-03-03T08:15:00Z"}, {0, "updated", NULL},
        {0, "author", "Mara Lindqvist"}, {0, "categories", "Transport|Harbour"},
        {0, "summary", "~The morning crossing moves to 7:40."},
        {0, "content", "~Commuters are asked to check the new board"},
        {0, "image", "https://courier.example/img/ferry.jpg"}, {0, "language", "en-gb"},
        {1, "id", "courier-20260302-0042"}, {1, "author", "Tomasz Brenner"},
        {1, "published", "2026-03-02T16:30:00Z"},
        {2, "title", NULL}, {2, "id", "~urn:ticker:hash:"}, END}},
    {"rss091.xml", NULL, NULL, NULL, {
        {FEEDV, "format", "rss09x"}, {FEEDV, "wellformed", "true"}, {FEEDV, "n_items", "2"},
        {FEEDV, "ttl", NULL}, {0, "title", "Frost expected overnight"},
        {0, "summary", "Temperatures will fall below zero after midnight."},
        {1, "link", "http://weather.example/notes/sunny"},
        {1, "id", "http://weather.example/notes/sunny"}, END}},
    {"rss092.xml", NULL, NULL, NULL, {
        {FEEDV, "format", "rss09x"}, {0, "summary", "Listeners phoned in about the new bridge plans."},
        {0, "image", NULL}, {0, "categories", "Talk"}, END}},
    {"rss090.rdf", NULL, NULL, NULL, {
        {FEEDV, "format", "rss09x"}, {FEEDV, "title", "Old Mill Gazette"},
        {FEEDV, "link", "http://mill.example/"}, {FEEDV, "n_items", "2"},
        {1, "title", "Open day on Sunday"}, END}},
    {"rss10.rdf", NULL, NULL, NULL, {
        {FEEDV, "format", "rss10"}, {FEEDV, "n_items", "2"}, {FEEDV, "language", "en"},
        {FEEDV, "title", "Science Desk Digest"},
        {0, "title", "Comet visible to the naked eye next week"},
        {0, "author", "Priya Raman"}, {0, "published", "2026-03-01T21:05:00Z"},
        {0, "categories", "Astronomy"}, {0, "content", "~western sky"},
        {0, "language", "en"}, {1, "language", "en-au"},
        {1, "published", "2026-02-27T00:00:00Z"}, END}},
    {"atom10.xml", NULL, NULL, NULL, {
        {FEEDV, "format", "atom10"}, {FEEDV, "n_items", "3"}, {FEEDV, "language", "en"},
        {FEEDV, "title", "Workshop Notes"}, {FEEDV, "link", "https://blog.example/"},
        {0, "title", "Dovetails & patience"},
        {0, "link", "https://blog.example/posts/dovetails"},
        {0, "id", "tag:blog.example,2026:post-17"},
        {0, "published", "2026-03-03T07:00:00Z"}, {0, "updated", "2026-03-04T10:30:00Z"},
        {0, "author", "Ines Okafor"}, {0, "categories", "Joinery|hand-tools"},
        {0, "summary", "Why I cut them by hand & how long it took."},
        {0, "content", "~The first joint took an afternoon."},
        {0, "content", "~The tenth took <20 minutes."},
        {1, "language", "de"}, {1, "published", NULL}, {1, "content", "~Nach drei Wochenenden"},
        {2, "link", NULL}, {2, "updated", NULL}, {2, "image", "https://blog.example/img/bench.png"},
        {1, "author", "Ines Okafor"}, {2, "author", "Ines Okafor"}, /* the feed's author */
        END}},
    {"atom03.xml", NULL, NULL, NULL, {
        {FEEDV, "format", "atom03"}, {FEEDV, "title", "Garden & Diary"},
        {FEEDV, "language", "en-US"}, {0, "published", "2026-03-01T13:00:00Z"},
        {0, "updated", "2026-03-01T10:00:00Z"}, {0, "author", "Sam Okoye"},
        {0, "summary", "Tomatoes first, then peppers."},
        {0, "content", "~The tomatoes came up in five days."},
        {1, "published", "2026-02-20T12:00:00Z"}, {1, "content", NULL}, {1, "author", NULL}, END}},
    {"jsonfeed11.json", "https://food.example/feed.json", NULL, NULL, {
        {FEEDV, "format", "jsonfeed"}, {FEEDV, "wellformed", "true"}, {FEEDV, "n_items", "3"},
        {FEEDV, "title", "Night Market Food Blog"}, {FEEDV, "link", "https://food.example/"},
        {FEEDV, "language", "en"}, {FEEDV, "ttl", NULL},
        {0, "id", "food-2026-031"}, {0, "link", "https://food.example/posts/dumplings"},
        {0, "title", "Dumplings & <the> perfect fold"}, {0, "content", "~Pleat from the centre outwards."},
        {0, "summary", "How to fold dumplings."}, {0, "image", "https://food.example/img/dumplings.jpg"},
        {0, "published", "2026-03-02T11:00:00Z"}, {0, "updated", "2026-03-03T09:00:00Z"},
        {0, "author", "Lin Chow"}, {0, "categories", "recipes|steamed"}, {0, "language", "en-SG"},
        {1, "id", "1042"}, {1, "link", "https://elsewhere.example/review"},
        {1, "content", "~Second paragraph."}, {1, "image", "https://food.example/img/banner.png"},
        {1, "language", "en"}, {2, "published", NULL}, END}},
    {"jsonfeed10.json", NULL, NULL, NULL, {
        {FEEDV, "format", "jsonfeed"}, {FEEDV, "n_items", "2"}, {0, "author", "Jo Park"},
        {0, "published", "2026-02-14T10:00:00Z"}, {0, "title", "Line 4 gets new cars"},
        {0, "content", "Low-floor cars arrive in May."},
        {1, "author", "The Tram Club"}, {1, "published", "2026-02-20T08:30:00Z"},
        {1, "content", "The depot opens its doors on the first Saturday of June.\nGuided tours every hour."},
        END}},

    /* ---- namespaces by URI ---- */
    {"ns-prefixes.xml", NULL, NULL, NULL, {
        {0, "link", "https://soup.example/a"}, {0, "content", "~Full text lives here."},
        {0, "author", "Real Author"}, {0, "image", "https://soup.example/thumb.jpg"},
        {0, "updated", "2026-03-05T06:00:00Z"}, {1, "content", "This is."}, END}},
    {"ns-default.xml", NULL, NULL, NULL, {
        {FEEDV, "link", "https://dn.example/"}, {0, "link", "https://dn.example/story/1"},
        {0, "author", "Default Ns Author"}, {0, "content", "~Body via default ns."},
        {0, "image", "https://dn.example/still.jpg"}, {0, "published", "2026-03-04T10:00:00Z"},
        {0, "categories", "Defaults"}, END}},
    {"atom-prefixed.xml", NULL, NULL, NULL, {
        {FEEDV, "format", "atom10"}, {FEEDV, "title", "Prefixed Atom"},
        {0, "title", "Bold move"}, {0, "link", "https://pa.example/1"}, END}},

    /* ---- links ---- */
    {"atom-links.xml", NULL, NULL, NULL, {
        {FEEDV, "link", "https://lr.example/"}, {0, "link", "https://lr.example/e1"},
        {1, "link", "https://lr.example/e2.html"}, {2, "link", NULL},
        {3, "link", "https://lr.example/e4"}, END}},
    {"relative-links.xml", "https://site.example/feeds/atom.xml", NULL, NULL, {
        {FEEDV, "link", "https://site.example/blog/"},
        {0, "link", "https://site.example/blog/2026/03/post.html"},
        {0, "image", "https://site.example/blog/img/cover.jpg"},
        {1, "link", "https://site.example/about?x=1&y=2"},
        {2, "link", "https://other.example/base/page"},
        {3, "link", "https://cdn.example/a%20b.html"}, {4, "link", NULL}, END}},
    {"relative-links.xml", NULL, NULL, NULL, {
        {0, "link", "/blog/2026/03/post.html"}, END}},
    {"rss-relative.xml", NULL, NULL, NULL, {
        {FEEDV, "link", "https://mirror.example/news/index.html"},
        {0, "link", "https://mirror.example/news/story?id=7"},
        {0, "image", "https://mirror.example/pics/7.png"},
        {1, "link", "https://elsewhere.example/x/y"}, END}},
    {"media-images.xml", NULL, NULL, NULL, {
        {0, "image", "https://pix.example/1.webp"}, {1, "image", "https://pix.example/2.JPG?size=large"},
        {2, "image", NULL}, {3, "image", "https://pix.example/4.jpg"},
        {4, "image", "https://pix.example/5.png"}, {5, "image", "https://pix.example/6.jpg"}, END}},

    /* ---- character sets ---- */
    {"charset-cp1252-labelled-utf8.xml", NULL, NULL, NULL, {
        {FEEDV, "title", "Zeichensätze"}, {0, "title", "Grüße aus Köln – Café"}, END}},
    {"charset-latin1-decl.xml", NULL, NULL, NULL, {
        {FEEDV, "wellformed", "true"}, {0, "title", "Grüße aus Köln, Café"}, END}},
    {"charset-utf16le-bom.xml", NULL, NULL, NULL, {{0, "title", "Grüße aus Köln – Café"}, END}},
    {"charset-utf16be-bom.xml", NULL, NULL, NULL, {{0, "title", "Grüße aus Köln – Café"}, END}},
    {"charset-utf16le-nobom.xml", NULL, NULL, NULL, {{0, "title", "Grüße aus Köln – Café"}, END}},
    {"charset-utf16be-nobom.xml", NULL, NULL, NULL, {{0, "title", "Grüße aus Köln – Café"}, END}},
    {"charset-utf32le-bom.xml", NULL, NULL, NULL, {{0, "title", "Grüße aus Köln – Café"}, END}},
    {"charset-utf8-bom.xml", NULL, NULL, NULL, {{0, "title", "Grüße aus Köln – Café"}, END}},
    {"charset-utf32be-bom.xml", NULL, NULL, NULL, {{0, "title", "Grüße aus Köln – Café"}, END}},
    {"charset-utf32le-nobom.xml", NULL, NULL, NULL, {{0, "title", "Grüße aus Köln – Café"}, END}},
    {"charset-utf32be-nobom.xml", NULL, NULL, NULL, {{0, "title", "Grüße aus Köln – Café"}, END}},
    {"charset-cp1252-labelled-latin1.xml", NULL, NULL, NULL, {
        {FEEDV, "wellformed", "true"}, {FEEDV, "title", "Zeichensätze"},
        {0, "title", "\u201cCafé\u201d \u2013 5 \u20ac"}, END}},
    {"charset-c1-in-utf8.xml", NULL, NULL, NULL, {
        {0, "title", "It\u2019s here\u2026"}, END}},
    {"charset-http-override.xml", NULL, "application/rss+xml; charset=windows-1251", NULL, {
        {FEEDV, "wellformed", "true"}, {0, "title", "Новости дня"}, END}},
    {"charset-http-override.xml", NULL, NULL, NULL, {
        {0, "title", "Íîâîñòè äíÿ"}, END}},

    /* ---- ill-formed but readable ---- */
    {"entities-html.xml", NULL, NULL, NULL, {
        {FEEDV, "wellformed", "false"}, {FEEDV, "n_items", "2"},
        {FEEDV, "title", "Entity Trouble"},
        {0, "title", "Wait for it… the verdict"},
        {0, "summary", "The court’s ruling — in full."},
        {1, "title", "Unknown &bogusname; stays visible"}, END}},
    {"bare-amp.xml", NULL, NULL, NULL, {
        {FEEDV, "wellformed", "false"}, {FEEDV, "title", "Fish & Chips Weekly"},
        {FEEDV, "link", "https://fish.example/?a=1&b=2"}, {FEEDV, "n_items", "2"},
        {0, "title", "Salt & vinegar: a history"},
        {0, "link", "https://fish.example/story?id=3&ref=rss"},
        {0, "image", "https://fish.example/pic.jpg?w=300&h=200"}, END}},
    {"truncated.xml", NULL, NULL, NULL, {
        {FEEDV, "wellformed", "false"}, {FEEDV, "n_items", "2"},
        {0, "summary", "All of this arrived."}, {1, "title", "Item cut in its description"},
        {1, "link", "https://cut.example/2"}, END}},
    {"control-chars.xml", NULL, NULL, NULL, {
        {FEEDV, "wellformed", "false"}, {FEEDV, "n_items", "2"},
        {0, "title", "Bell in the title"}, {0, "summary", "Escape inside CDATA"},
        {1, "title", "Clean item"}, END}},
    {"cdata.xml", NULL, NULL, NULL, {
        {FEEDV, "wellformed", "true"}, {FEEDV, "title", "CDATA & Co"},
        {0, "title", "Rates rise again & again"}, {0, "link", "https://cd.example/rates?a=1&b=2"},
        {0, "summary", "~First paragraph."}, {0, "summary", "~Second ]]> paragraph."},
        END}},
    {"double-escaped.xml", NULL, NULL, NULL, {
        {0, "title", "Tom & Jerry return"}, {1, "title", "Bold claims"},
        {2, "title", "Café opens – finally"}, END}},
    {"empty-channel.xml", NULL, NULL, NULL, {
        {FEEDV, "wellformed", "true"}, {FEEDV, "n_items", "0"}, {FEEDV, "title", "Nothing yet"},
        END}},

    /* Entities the document declares are never expanded: an HTML5 name keeps its HTML5
     * meaning, another declared name is dropped, an undeclared unknown name stays text. */
    {"entities-declared.xml", NULL, NULL, NULL, {
        /* ill-formed only for &zzunknown; */
        {FEEDV, "wellformed", "false"}, {FEEDV, "n_items", "2"},
        {FEEDV, "title", "Lakeside Radio news"},
        {0, "title", "Tickets on sale for the Lakeside Radio summer fair"},
        {0, "summary", "Proceeds go to the boat club. \u00a9 2026 Lakeside Radio"},
        {1, "title", "Notice: unknown &zzunknown; stays visible"}, END}},

    /* The XHTML entity sets pulled in by public id: not loaded, not an attack; HTML5 names. */
    {"entities-xhtml-sets.xml", NULL, NULL, NULL, {
        {FEEDV, "wellformed", "false"}, {FEEDV, "title", "Café Society"},
        {0, "title", "Menu changes \u2013 from Friday"},
        {0, "summary", "Crème brûlée returns \u2026 at last."}, END}},

    /* ---- tolerated roots: Atom without its namespace, a bare <channel> ---- */
    {"atom-no-namespace.xml", NULL, NULL, NULL, {
        {FEEDV, "format", "atom10"}, {FEEDV, "wellformed", "true"}, {FEEDV, "n_items", "1"},
        {FEEDV, "title", "Allotment Log"}, {FEEDV, "link", "https://allot.example/"},
        {FEEDV, "language", "en"}, {0, "title", "Beans & peas: finally up"},
        {0, "link", "https://allot.example/beans"}, {0, "id", "urn:allot:beans"},
        {0, "updated", "2026-03-06T18:00:00Z"}, {0, "author", "Gwen Aldous"},
        {0, "summary", "Runner beans showed after nine days."}, END}},
    {"atom03-no-namespace.xml", NULL, NULL, NULL, {
        {FEEDV, "format", "atom03"}, {FEEDV, "link", "https://old.example/"},
        {0, "link", "https://old.example/frost"}, {0, "published", "2026-01-12T07:30:00Z"},
        {0, "updated", "2026-01-12T09:00:00Z"}, END}},
    {"rss-bare-channel.xml", NULL, NULL, NULL, {
        {FEEDV, "format", "rss20"}, {FEEDV, "wellformed", "true"},
        {FEEDV, "title", "Bare Channel Bulletin"}, {FEEDV, "link", "https://bare.example/"},
        {FEEDV, "language", "en-ie"}, {FEEDV, "ttl", "30"}, {FEEDV, "n_items", "1"},
        {0, "title", "Library hours extended"}, {0, "published", "2026-03-04T09:00:00Z"},
        {0, "language", "en-ie"}, END}},

    /* ---- attacks: an error, no expansion, no file read ---- */
    {"attack-billion-laughs.xml", NULL, NULL, "entity 'lol8': entities nested more than 8 deep (refused)", {END}},
    {"attack-xxe.xml", NULL, NULL, "external entity 'xxe' refused", {END}},
    {"attack-external-dtd.xml", NULL, NULL, NULL, {
        {FEEDV, "wellformed", "true"}, {0, "title", "Harmless"}, END}},

    /* ---- not feeds ---- */
    {"not-a-feed.html", NULL, NULL, "not a feed: the root element is <html>", {END}},
    {"garbage.txt", NULL, NULL, "Start tag expected", {END}},
    {"invalid.json", NULL, NULL, "invalid JSON", {END}},
};
/* clang-format on */

static char *read_fixture(const char *name, size_t *len)
{
    char *path = xasprintf("%s/feeds/%s", TICKER_TEST_DATA, name);
    char *data = read_file(path, len);
    free(path);
    return data;
}

static char *time_str(int64_t t)
{
    if (t == FEED_TIME_NONE)
        return NULL;
    char s[21];
    date_format_rfc3339(t, s);
    return xstrdup(s);
}

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

/* The value of a field as a string (NULL when absent); the caller frees it. */
static char *field_value(const struct feed *f, int item, const char *field)
{
    if (item < 0) {
        if (!strcmp(field, "format"))
            return xstrdup(feed_format_name(f->format));
        if (!strcmp(field, "wellformed"))
            return xstrdup(f->wellformed ? "true" : "false");
        if (!strcmp(field, "n_items"))
            return xasprintf("%zu", f->n_items);
        if (!strcmp(field, "title"))
            return dup_or_null(f->title);
        if (!strcmp(field, "link"))
            return dup_or_null(f->link);
        if (!strcmp(field, "language"))
            return dup_or_null(f->language);
        if (!strcmp(field, "ttl"))
            return f->ttl < 0 ? NULL : xasprintf("%d", f->ttl);
        return xstrdup("<unknown feed field>");
    }
    if ((size_t)item >= f->n_items)
        return xstrdup("<no such item>");
    const struct feed_item *it = &f->items[item];
    if (!strcmp(field, "id"))
        return dup_or_null(it->id);
    if (!strcmp(field, "title"))
        return dup_or_null(it->title);
    if (!strcmp(field, "link"))
        return dup_or_null(it->link);
    if (!strcmp(field, "published"))
        return time_str(it->published);
    if (!strcmp(field, "updated"))
        return time_str(it->updated);
    if (!strcmp(field, "summary"))
        return dup_or_null(it->summary);
    if (!strcmp(field, "content"))
        return dup_or_null(it->content);
    if (!strcmp(field, "author"))
        return dup_or_null(it->author);
    if (!strcmp(field, "image"))
        return dup_or_null(it->image);
    if (!strcmp(field, "language"))
        return dup_or_null(it->language);
    if (!strcmp(field, "categories")) {
        struct buf b = {0};
        for (size_t i = 0; i < it->n_categories; i++) {
            if (i)
                buf_append_char(&b, '|');
            buf_append_str(&b, it->categories[i]);
        }
        return b.len ? buf_steal(&b) : NULL;
    }
    return xstrdup("<unknown item field>");
}

static struct feed *parse_str(const char *s, size_t len, const char *url, struct error *err)
{
    struct feed_options opt = {.url = url};
    return feed_parse(s, len, &opt, err);
}

/* Every string the parser produced, concatenated (for "the file never leaks in"). */
static char *all_text(const struct feed *f)
{
    struct buf b = {0};
    const char *fs[] = {f->title, f->link, f->language};
    for (size_t i = 0; i < ARRAY_LEN(fs); i++)
        if (fs[i])
            buf_append_str(&b, fs[i]);
    for (size_t i = 0; i < f->n_items; i++) {
        const struct feed_item *it = &f->items[i];
        const char *s[] = {it->id,      it->title,  it->link,  it->summary,
                           it->content, it->author, it->image, it->language};
        for (size_t k = 0; k < ARRAY_LEN(s); k++)
            if (s[k])
                buf_append_str(&b, s[k]);
    }
    return buf_steal(&b);
}

static void test_fixtures(void)
{
    for (size_t c = 0; c < ARRAY_LEN(cases); c++) {
        check_case("%s", cases[c].file);
        const struct feed_case *fc = &cases[c];
        size_t len;
        char *data = read_fixture(fc->file, &len);
        CHECK_MSG(data != NULL, "cannot read %s", fc->file);
        if (!data)
            continue;
        struct feed_options opt = {.url = fc->url, .content_type = fc->content_type};
        struct error err = {0};
        struct feed *f = feed_parse(data, len, &opt, &err);
        free(data);
        if (fc->error) {
            CHECK_MSG(f == NULL, "%s: parsed, want error '%s'", fc->file, fc->error);
            CHECK_MSG(strstr(err.msg, fc->error) != NULL, "%s: error '%s', want '%s'", fc->file,
                      err.msg, fc->error);
            CHECK_MSG(err.line > 0 && err.column > 0, "%s: error without position", fc->file);
            feed_free(f);
            continue;
        }
        CHECK_MSG(f != NULL, "%s: %d:%d: %s", fc->file, err.line, err.column, err.msg);
        if (!f)
            continue;
        for (const struct check *k = fc->checks; k->field; k++) {
            char *got = field_value(f, k->item, k->field);
            bool ok;
            if (!k->want)
                ok = got == NULL;
            else if (k->want[0] == '~')
                ok = got && strstr(got, k->want + 1);
            else
                ok = got && !strcmp(got, k->want);
            CHECK_MSG(ok, "%s: %s[%d].%s = %s%s%s, want %s", fc->file,
                      k->item < 0 ? "feed" : "item", k->item, k->field, got ? "\"" : "",
                      got ? got : "NULL", got ? "\"" : "", k->want ? k->want : "NULL");
            free(got);
        }
        /* Invariants for every feed: ids never NULL, /etc/passwd never read. */
        for (size_t i = 0; i < f->n_items; i++)
            CHECK_MSG(f->items[i].id != NULL, "%s: item %zu has no id", fc->file, i);
        char *text = all_text(f);
        CHECK_MSG(!strstr(text, "root:"), "%s: /etc/passwd leaked", fc->file);
        free(text);
        feed_free(f);
    }
    check_case_end();
}

/* Error positions: line and column of what is wrong. */
static void test_error_positions(void)
{
    struct error err = {0};
    const char *bad = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\">\n<channel>\n<title>x</titel>";
    /* A channel without items is a feed even when it is ill-formed; what is wrong with it is
     * kept with the feed. */
    struct feed *f = parse_str(bad, strlen(bad), NULL, &err);
    CHECK(f && !f->wellformed && f->n_items == 0);
    const struct error *m = f ? &f->malformed : &err;
    CHECK_INT(m->line, 4);
    CHECK(m->column > 1);
    CHECK_MSG(strstr(m->msg, "mismatch") != NULL || strstr(m->msg, "titel") != NULL, "'%s'",
              m->msg);
    feed_free(f);
    /* The same without the channel's start tag is no feed, and says where it went wrong. */
    bad = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\">\n<titel>x</title>";
    f = parse_str(bad, strlen(bad), NULL, &err);
    CHECK(f == NULL);
    CHECK_INT(err.line, 2); /* at the root */
    CHECK_MSG(strstr(err.msg, "has no <channel>") != NULL, "'%s'", err.msg);

    memset(&err, 0, sizeof err);
    const char *json =
        "{\n  \"version\": \"https://jsonfeed.org/version/1.1\",\n  \"items\": [,]\n}";
    f = parse_str(json, strlen(json), NULL, &err);
    CHECK(f == NULL);
    CHECK_INT(err.line, 3);
    CHECK_INT(err.column, 13);

    memset(&err, 0, sizeof err);
    f = parse_str("{\"title\": \"no version\"}", 23, NULL, &err);
    CHECK(f == NULL);
    CHECK(strstr(err.msg, "not a JSON Feed") != NULL);

    /* A root that names a feed but holds none. */
    static const char *const empty_roots[] = {
        "<rss version=\"2.0\"/>",
        "<rss version=\"0.91\">\n  <image><url>https://e.example/x.png</url></image>\n</rss>",
        "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/>",
    };
    for (size_t i = 0; i < ARRAY_LEN(empty_roots); i++) {
        check_case("empty_roots[%zu] %s", i, empty_roots[i]);
        memset(&err, 0, sizeof err);
        f = parse_str(empty_roots[i], strlen(empty_roots[i]), NULL, &err);
        CHECK_MSG(f == NULL, "empty root %zu parsed", i);
        CHECK_MSG(strstr(err.msg, "has no <channel> and no items") && err.line == 1,
                  "empty root %zu: %d: %s", i, err.line, err.msg);
        feed_free(f);
    }
    check_case_end();
    /* ... but an Atom feed without entries is a feed, as is an RSS channel without items. */
    const char *atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\"/>";
    f = parse_str(atom, strlen(atom), NULL, &err);
    CHECK(f != NULL && f->n_items == 0);
    feed_free(f);

    memset(&err, 0, sizeof err);
    f = parse_str("", 0, NULL, &err);
    CHECK(f == NULL);
    CHECK(strstr(err.msg, "empty") != NULL);
}

static char *many_items(size_t n)
{
    struct buf b = {0};
    buf_append_str(&b, "<rss version=\"2.0\"><channel><title>Many</title>");
    for (size_t i = 0; i < n; i++)
        buf_printf(&b, "<item><title>Item %zu</title><link>https://many.example/%zu</link></item>",
                   i, i);
    buf_append_str(&b, "</channel></rss>");
    return buf_steal(&b);
}

static void test_limits(void)
{
    struct error err = {0};
    /* Too big: one byte over the cap. */
    char *doc = many_items(10);
    struct feed_options opt = {.max_bytes = strlen(doc) - 1};
    struct feed *f = feed_parse(doc, strlen(doc), &opt, &err);
    CHECK(f == NULL);
    CHECK(strstr(err.msg, "too large") != NULL);
    opt.max_bytes = strlen(doc);
    f = feed_parse(doc, strlen(doc), &opt, &err);
    CHECK(f != NULL && f->n_items == 10);
    feed_free(f);
    free(doc);

    /* More than 1,000 items: the first 1,000 are kept. */
    doc = many_items(1500);
    f = parse_str(doc, strlen(doc), NULL, &err);
    CHECK(f != NULL);
    if (f) {
        CHECK_INT(f->n_items, FEED_DEFAULT_MAX_ITEMS);
        CHECK_STR(f->items[999].title, "Item 999");
    }
    feed_free(f);
    opt = (struct feed_options){.max_items = 5};
    f = feed_parse(doc, strlen(doc), &opt, &err);
    CHECK(f != NULL && f->n_items == 5);
    feed_free(f);
    free(doc);

    /* Field caps. */
    struct buf b = {0};
    buf_append_str(&b, "<rss version=\"2.0\"><channel><item><title>");
    for (int i = 0; i < 2000; i++)
        buf_append_str(&b, "word ");
    buf_append_str(&b, "</title><description>");
    for (int i = 0; i < 20000; i++)
        buf_append_str(&b, "text ");
    buf_append_str(&b, "</description><content:encoded "
                       "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">");
    for (int i = 0; i < 40000; i++)
        buf_append_str(&b, "&lt;p&gt;more&lt;/p&gt; ");
    buf_append_str(&b, "</content:encoded><guid>");
    for (int i = 0; i < 1000; i++)
        buf_append_str(&b, "id-");
    buf_append_str(&b, "</guid><link>https://caps.example/");
    for (int i = 0; i < 1000; i++)
        buf_append_str(&b, "seg/");
    buf_append_str(&b, "</link><category>");
    for (int i = 0; i < 1000; i++)
        buf_append_str(&b, "cat ");
    buf_append_str(&b, "</category>");
    for (int i = 0; i < 50; i++)
        buf_printf(&b, "<category>c%d</category>", i);
    buf_append_str(&b, "</item></channel></rss>");
    f = parse_str(b.data, b.len, NULL, &err);
    buf_free(&b);
    CHECK(f != NULL && f->n_items == 1);
    if (f && f->n_items == 1) {
        const struct feed_item *it = &f->items[0];
        CHECK(it->title && strlen(it->title) <= FEED_CAP_TITLE && strlen(it->title) > 900);
        CHECK(it->summary && strlen(it->summary) <= FEED_CAP_SUMMARY && strlen(it->summary) > 8000);
        CHECK(it->content && strlen(it->content) <= FEED_CAP_CONTENT &&
              strlen(it->content) > 60000);
        CHECK(it->id && strlen(it->id) <= FEED_CAP_OTHER);
        CHECK(it->link == NULL); /* a URL past the cap is dropped, not cut */
        CHECK_INT(it->n_categories, FEED_MAX_CATEGORIES);
        CHECK(strlen(it->categories[0]) <= FEED_CAP_OTHER);
    }
    feed_free(f);
}

/* An item whose start tag carries n attributes (a0="0" a1="1" ...), after `before` in the
 * channel and with `inside` as the item's content. */
static char *attr_item_feed(size_t n, const char *before, const char *inside)
{
    struct buf b = {0};
    buf_printf(&b, "<rss version=\"2.0\">\n<channel><title>Flood</title>%s\n<item", before);
    for (size_t i = 0; i < n; i++)
        buf_printf(&b, " a%zu=\"%zu\"", i, i);
    buf_printf(&b, ">%s<title>t</title></item></channel></rss>", inside);
    return buf_steal(&b);
}

/* Elements with absurd numbers of attributes (libxml2 is quadratic in them) are refused before
 * libxml2 reads them, with the position of the first attribute past the cap. */
static void test_attribute_floods(void)
{
    static const struct {
        size_t attrs;
        const char *before, *inside;
        const char *error; /* NULL: parses, with its one item */
    } floods[] = {
        {MARKUP_XML_MAX_ATTRS, "", "", NULL},
        {MARKUP_XML_MAX_ATTRS + 1, "", "", "more than 256 attributes (an attribute flood)"},
        {200000, "", "", "more than 256 attributes (an attribute flood)"},
        /* found in the recovering pass too (the undefined entity fails the strict one) */
        {200000, "<description>caf&eacute;</description>", "", "attribute flood"},
        /* what only looks like a flood: inside CDATA and comments */
        {0, "<!-- <x a b c d e f g h i j k l m n o p q r s t u v w x y z> -->",
         "<description><![CDATA[<p a=1 b=2 c=3 d=4>]]></description>", NULL},
    };
    for (size_t i = 0; i < ARRAY_LEN(floods); i++) {
        check_case("floods[%zu]: %zu attributes", i, floods[i].attrs);
        char *doc = attr_item_feed(floods[i].attrs, floods[i].before, floods[i].inside);
        struct error err = {0};
        struct feed *f = parse_str(doc, strlen(doc), NULL, &err);
        if (floods[i].error) {
            CHECK_MSG(f == NULL, "flood case %zu parsed", i);
            CHECK_MSG(strstr(err.msg, floods[i].error), "flood case %zu: error '%s'", i, err.msg);
            /* line 3 (after the channel's line), at the attribute past the cap */
            char want[32];
            snprintf(want, sizeof want, " a%u=", MARKUP_XML_MAX_ATTRS);
            const char *at = strstr(doc, want);
            const char *bol = strrchr(doc, '\n');
            CHECK_MSG(err.line == 3 && at && err.column == (int)(at + 1 - bol),
                      "flood case %zu: at %d:%d, want 3:%d", i, err.line, err.column,
                      at ? (int)(at + 1 - bol) : -1);
        } else {
            CHECK_MSG(f && f->n_items == 1, "flood case %zu: %s", i, err.msg);
        }
        feed_free(f);
        free(doc);
    }
    check_case_end();
}

/* A budget that runs out after `allow` questions, counting them. */
struct counting {
    int asked, allow;
};

static bool counting_over(void *ctx)
{
    struct counting *c = ctx;
    return ++c->asked > c->allow;
}

/* The caller's budget is asked while parsing, and a parse that overruns it fails. */
static void test_budget(void)
{
    char *doc = many_items(3000); /* 9,000 elements, 240 KB: both kinds of check happen */
    struct counting c = {.allow = 0};
    struct budget b = {.over = counting_over, .ctx = &c};
    struct feed_options opt = {.budget = &b, .max_items = 5000};
    struct error err = {0};
    struct feed *f = feed_parse(doc, strlen(doc), &opt, &err);
    CHECK(f == NULL);
    CHECK_MSG(strstr(err.msg, "used up its CPU time budget"), "error '%s'", err.msg);
    CHECK(c.asked >= 1);
    /* A budget that never runs out changes nothing. */
    struct counting plenty = {.allow = 1000000};
    b.ctx = &plenty;
    f = feed_parse(doc, strlen(doc), &opt, &err);
    opt.budget = NULL;
    struct feed *g = feed_parse(doc, strlen(doc), &opt, &err);
    CHECK(f && f->n_items == 3000);
    CHECK(feed_equal(f, g));
    CHECK_MSG(plenty.asked >= 2, "asked %d times", plenty.asked);
    feed_free(f);
    feed_free(g);
    /* Also in the recovering pass (the bare '&' fails the strict one). */
    free(doc);
    struct buf bb = {0};
    buf_append_str(&bb, "<rss><channel><title>A & B</title>");
    for (int i = 0; i < 3000; i++)
        buf_printf(&bb, "<item><title>%d</title></item>", i);
    buf_append_str(&bb, "</channel></rss>");
    struct counting once = {.allow = 1};
    b.ctx = &once;
    opt.budget = &b;
    f = feed_parse(bb.data, bb.len, &opt, &err);
    CHECK(f == NULL);
    CHECK_MSG(strstr(err.msg, "CPU time budget"), "error '%s'", err.msg);
    feed_free(f);
    buf_free(&bb);
}

static void test_deep_nesting(void)
{
    struct buf b = {0};
    buf_append_str(&b, "<rss version=\"2.0\"><channel><item><title>Deep</title>"
                       "<link>https://deep.example/1</link><description>");
    for (int i = 0; i < 10000; i++)
        buf_append_str(&b, "<div>");
    buf_append_str(&b, "bottom");
    for (int i = 0; i < 10000; i++)
        buf_append_str(&b, "</div>");
    buf_append_str(&b, "</description></item></channel></rss>");
    struct error err = {0};
    struct feed *f = parse_str(b.data, b.len, NULL, &err);
    /* libxml2 stops at 256 levels; that is an error, never recovered. */
    CHECK(f == NULL);
    CHECK(strstr(err.msg, "nested deeper than 256 levels") != NULL);
    CHECK_INT(err.line, 1);
    CHECK(err.column > 256 * 5);
    buf_free(&b);

    /* The same after an earlier error (found by the recovering pass, still an error). */
    buf_append_str(&b, "<rss version=\"2.0\"><channel><title>A & B</title><item><title>x</title>"
                       "<description>");
    for (int i = 0; i < 10000; i++)
        buf_append_str(&b, "<p>");
    buf_append_str(&b, "</description></item></channel></rss>");
    memset(&err, 0, sizeof err);
    f = parse_str(b.data, b.len, NULL, &err);
    CHECK(f == NULL);
    CHECK(strstr(err.msg, "nested deeper") != NULL);
    buf_free(&b);

    /* Deep nesting outside any item, and unclosed: must still terminate. */
    for (int i = 0; i < 10000; i++)
        buf_append_str(&b, "<rss>");
    f = parse_str(b.data, b.len, NULL, &err);
    CHECK(f == NULL);
    buf_free(&b);

    /* JSON nested past cJSON's limit. */
    buf_append_str(&b, "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[");
    for (int i = 0; i < 10000; i++)
        buf_append_char(&b, '[');
    for (int i = 0; i < 10000; i++)
        buf_append_char(&b, ']');
    buf_append_str(&b, "]}");
    f = parse_str(b.data, b.len, NULL, &err);
    CHECK(f == NULL);
    buf_free(&b);
}

/* Entity declarations: internal ones are expanded, within limits; external ones, cycles,
 * nesting past 8 levels and expansions past 1 MiB (billion laughs, quadratic blow-up) are
 * errors, with the position of the declaration or reference at fault. */
static void test_entity_declarations(void)
{
    static const struct {
        const char *dtd;
        const char *error; /* NULL: must parse */
    } decl_cases[] = {
        {"<!ENTITY % ext SYSTEM \"file:///etc/passwd\"> %ext;", "external entity 'ext'"},
        {"<!ENTITY pic SYSTEM \"x.png\" NDATA png>", "external entity 'pic'"},
        {"<!ENTITY pub PUBLIC \"-//X//Y//EN\" \"http://127.0.0.1:9/x\">", "external entity 'pub'"},
        {"<!ENTITY a \"x\"> <!ENTITY b \"&a;&a;\">", NULL},
        {"<!ENTITY a \"&b;\"> <!ENTITY b \"&a;\">", "entity 'a' refers to itself"},
        {"<!ENTITY safe \"a &amp; b &#169; &lt;\">", NULL},
        {"<!ENTITY in \"x\"> <!ENTITY ext SYSTEM \"f\"> <!ENTITY out \"&in;&ext;\">",
         "external entity 'ext'"},
    };
    for (size_t c = 0; c < ARRAY_LEN(decl_cases); c++) {
        check_case("decl_cases[%zu] %s", c, decl_cases[c].dtd);
        char *doc = xasprintf("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n%s\n]>\n"
                              "<rss version=\"2.0\"><channel><item><title>T</title>"
                              "<link>https://e.example/</link></item></channel></rss>",
                              decl_cases[c].dtd);
        struct error err = {0};
        struct feed *f = parse_str(doc, strlen(doc), NULL, &err);
        if (decl_cases[c].error) {
            CHECK_MSG(f == NULL, "case %zu parsed", c);
            CHECK_MSG(strstr(err.msg, decl_cases[c].error) != NULL, "case %zu: '%s'", c, err.msg);
            CHECK_MSG(err.line == 3, "case %zu: line %d", c, err.line);
        } else {
            CHECK_MSG(f != NULL && f->n_items == 1 && f->wellformed, "case %zu: %s", c, err.msg);
        }
        feed_free(f);
        free(doc);
    }
    check_case_end();

    struct buf b = {0};
    buf_append_str(&b, "<!DOCTYPE rss [<!ENTITY big \"");
    for (int i = 0; i < 100000; i++)
        buf_append_char(&b, 'x');
    buf_append_str(&b, "\">]><rss version=\"2.0\"><channel><item><title>Big</title><description>");
    for (int i = 0; i < 50000; i++)
        buf_append_str(&b, "&big;");
    buf_append_str(&b, "</description></item></channel></rss>");
    struct error err = {0};
    struct feed *f = parse_str(b.data, b.len, NULL, &err);
    CHECK(f == NULL);
    CHECK_MSG(strstr(err.msg, "entity 'big': the document's entities would expand past 1 MiB "
                              "(an entity expansion bomb; refused)"),
              "'%s'", err.msg);
    /* at the 11th reference, the first to cross the limit */
    CHECK_INT(err.line, 1);
    CHECK_INT(err.column, (int)(strstr(b.data, "&big;") - b.data) + 1 + 10 * 5);
    buf_free(&b);

    /* A bomb within the nesting limit: caught by the size of what it would expand to. */
    buf_append_str(&b, "<!DOCTYPE rss [\n<!ENTITY l0 \"lol\">\n");
    for (int i = 1; i <= 7; i++) {
        buf_printf(&b, "<!ENTITY l%d \"", i);
        for (int k = 0; k < 10; k++)
            buf_printf(&b, "&l%d;", i - 1);
        buf_append_str(&b, "\">\n");
    }
    buf_append_str(&b, "]>\n<rss><channel><title>&l7;</title></channel></rss>");
    f = parse_str(b.data, b.len, NULL, &err);
    CHECK(f == NULL);
    CHECK_MSG(strstr(err.msg, "entity 'l7': the document's entities would expand past 1 MiB"),
              "'%s'", err.msg);
    CHECK_INT(err.line, 11); /* the reference in the title */
    buf_free(&b);

    /* Within the limits, nested and in attributes (quotes in the value escaped there). */
    const char *doc = "<?xml version='1.0'?>\n"
                      "<!DOCTYPE feed [\n"
                      "  <!ENTITY site \"https://ents.example\">\n"
                      "  <!ENTITY tag \"tag:ents.example,2026:\">\n"
                      "  <!ENTITY who 'Jo \"the\" Writer'>\n"
                      "  <!ENTITY by \"by &who;\">\n"
                      "]>\n"
                      "<feed xmlns='http://www.w3.org/2005/Atom'><title>Posts &by;</title>"
                      "<entry><id>&tag;post-1</id><title type='text'>First</title>"
                      "<link href='&site;/p/1' title=\"&who;\"/></entry></feed>";
    f = parse_str(doc, strlen(doc), NULL, &err);
    CHECK_MSG(f && f->wellformed && f->n_items == 1, "%s", err.msg);
    if (f && f->n_items == 1) {
        CHECK_STR(f->title, "Posts by Jo \"the\" Writer");
        CHECK_STR(f->items[0].id, "tag:ents.example,2026:post-1");
        CHECK_STR(f->items[0].link, "https://ents.example/p/1");
    }
    feed_free(f);
}

/* A document cut off inside a field's markup, after an element with its own xml:base at the
 * same depth (a fuzz-found double free). Meaningful under ASan. */
static void test_truncated_in_markup(void)
{
    const char *doc =
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>t1</id>"
        "<author xml:base=\"https://a.example/\"><name xml:base=\"https://b.example/\">N</name>"
        "</author><title>Cut</title><content type=\"xhtml\"><div><p>cut off here";
    struct error err = {0};
    struct feed *f = parse_str(doc, strlen(doc), NULL, &err);
    CHECK(f != NULL && !f->wellformed && f->n_items == 1);
    if (f && f->n_items == 1) {
        CHECK_STR(f->items[0].author, "N");
        CHECK(f->items[0].content && strstr(f->items[0].content, "cut off here"));
    }
    feed_free(f);
}

static void test_reuse_and_defaults(void)
{
    /* NULL options are allowed; the same buffer parses the same way twice. */
    const char *doc = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>x</id>"
                      "<title>T</title></entry></feed>";
    struct error err = {0};
    struct feed *a = feed_parse(doc, strlen(doc), NULL, &err);
    struct feed *b = feed_parse(doc, strlen(doc), NULL, &err);
    CHECK(a && b && a->n_items == 1 && b->n_items == 1);
    if (a && b) {
        CHECK_STR(a->items[0].id, "x");
        CHECK_STR(b->items[0].id, "x");
        CHECK_STR(b->items[0].title, "T");
    }
    feed_free(a);
    feed_free(b);
    feed_free(NULL);
    CHECK_STR(feed_format_name(FEED_FORMAT_ATOM03), "atom03");
}

/* The CDATA side table (feed_xml.c) must give exactly what libxml2 gives for each section:
 * every document here is parsed with and without it and the results compared; a few values
 * are checked outright. */
static void test_cdata_side_table(void)
{
    static const struct {
        const char *doc;
        const char *want_summary; /* item 0's summary, NULL: not checked */
        const char *want_error;   /* substring of the error, NULL: parses */
    } docs[] = {
        /* plain, in title and description; markup and entities stay raw inside CDATA */
        {"<rss><channel><item><title><![CDATA[A & B]]></title>"
         "<description><![CDATA[<p>x &amp; y</p>]]></description></item></channel></rss>",
         "x & y", NULL},
        /* split: text, CDATA, text, CDATA in one field */
        {"<rss><channel><item><title>t</title><description>one <![CDATA[two]]> three "
         "<![CDATA[four]]></description></item></channel></rss>",
         "one two three four", NULL},
        /* "]]" and "]>" inside a section, "]]>" only ends it */
        {"<rss><channel><item><title>t</title><description><![CDATA[a]] ]> b]]]></description>"
         "</item></channel></rss>",
         "a]] ]> b]", NULL},
        /* a CDATA opener inside a comment and a PI is not a section */
        {"<rss><channel><!-- <![CDATA[ --><item><title>t</title><?pi <![CDATA[ ?>"
         "<description><![CDATA[kept]]></description></item></channel></rss>",
         "kept", NULL},
        /* ...nor inside an attribute value ('>' in a value does not end the tag) */
        {"<rss><channel><item a='x > y' b=\"<![CDATA[\"><title>t</title>"
         "<description><![CDATA[fine]]></description></item></channel></rss>",
         NULL, "Unescaped '<'"},
        {"<rss><channel><item a='x > y]]>'><title>t</title>"
         "<description><![CDATA[fine]]></description></item></channel></rss>",
         "fine", NULL},
        /* a DOCTYPE internal subset with a CDATA-looking literal, then a real section */
        {"<!DOCTYPE rss [<!-- <![CDATA[ --><!ENTITY co \"<![CDATA[x]]>\">]>"
         "<rss><channel><item><title>t</title><description><![CDATA[after doctype]]>"
         "</description></item></channel></rss>",
         NULL, NULL},
        /* line numbers after sections with newlines stay right */
        {"<rss><channel><title><![CDATA[a\nb\nc]]></title>\n<bad></channel></rss>", NULL,
         "mismatch"},
        /* text libxml2 refuses inside a section: a control character, CR, bad UTF-8 */
        {"<rss><channel><item><title>t</title><description><![CDATA[bell\x07]]></description>"
         "</item></channel></rss>",
         NULL, NULL},
        {"<rss><channel><item><title>t</title><description><![CDATA[cr\r\nlf]]></description>"
         "</item></channel></rss>",
         NULL, NULL},
        {"<rss><channel><item><title>t</title><description><![CDATA[\xc3(\xed\xa0\x80]]>"
         "</description></item></channel></rss>",
         NULL, NULL},
        /* a section outside the root element is an error either way */
        {"<![CDATA[before]]><rss><channel><item><title>t</title></item></channel></rss>", NULL,
         NULL},
        {"<rss><channel><item><title>t</title></item></channel></rss><![CDATA[after]]>", NULL,
         NULL},
        /* unterminated: the repair keeps the text */
        {"<rss><channel><item><title>t</title><description><![CDATA[never closed", NULL, NULL},
        /* a forged placeholder is only a PI */
        {"<rss><channel><item><title>t</title><description><?ticker-cdata 0?>x"
         "<![CDATA[y]]></description></item></channel></rss>",
         "xy", NULL},
        {"<!DOCTYPE rss [<?ticker-cdata 0?>]><rss><channel><item><title>t</title>"
         "<description>a<![CDATA[b]]></description></item></channel></rss>",
         "ab", NULL},
        {"<?ticker-cdata 0?><rss><channel><item><title>t</title>"
         "<description>a<![CDATA[b]]></description></item></channel></rss>",
         "ab", NULL},
        /* character data with references (over TEXT_SIDE_MIN bytes: replaced too) */
        {"<rss><channel><item><title>t</title><description>&lt;p&gt;Caf&#233; &amp; "
         "&#x1F600; &#X41; ok &quot;quoted&quot; &apos;single&apos; and a long tail of words "
         "to pass the minimum&lt;/p&gt;</description></item></channel></rss>",
         NULL, NULL},
        {"<rss><channel><item><title>t</title><description>&lt;p&gt;Caf&#233; &amp; "
         "&#x1F600; &#65;&#x42; ok &quot;quoted&quot; &apos;single&apos; and a long tail of "
         "words to pass the minimum&lt;/p&gt;</description></item></channel></rss>",
         "Caf\xc3\xa9 & \xf0\x9f\x98\x80 AB ok \"quoted\" 'single' and a long tail of words "
         "to pass the minimum",
         NULL},
        {"<rss><channel><item><title>t</title><description>&lt;p&gt; a reference to nothing "
         "&#0; and the rest of a long enough text run here&lt;/p&gt;</description></item>"
         "</channel></rss>",
         NULL, NULL},
        {"<rss><channel><item><title>t</title><description>&lt;p&gt; a surrogate &#xD800; "
         "and &#1114112; and the rest of a long enough text run here</description></item>"
         "</channel></rss>",
         NULL, NULL},
        {"<rss><channel><item><title>t</title><description>&lt;p&gt; an HTML name &nbsp; "
         "and the rest of a long enough text run here, more words</description></item>"
         "</channel></rss>",
         NULL, NULL},
        {"<rss><channel><item><title>t</title><description>&lt;p&gt; text with ]]&gt; and ]]> "
         "and the rest of a long enough text run here, more words</description></item>"
         "</channel></rss>",
         NULL, NULL},
        {"<rss><channel><item><title>t</title><description>&lt;p&gt; text with CR\r\nLF "
         "and the rest of a long enough text run here, more words</description></item>"
         "</channel></rss>",
         NULL, NULL},
        {"<rss><channel><item><title>t</title><description>&lt;p&gt; a bare & ampersand "
         "and the rest of a long enough text run here, more words</description></item>"
         "</channel></rss>",
         NULL, NULL},
        {"<rss><channel><item><title>t</title><description>&lt;p&gt; &#0000000065; too many "
         "digits &#x0000041; and the rest of a long enough text run here</description></item>"
         "</channel></rss>",
         NULL, NULL},
        /* Atom content and xhtml content */
        {"<feed xmlns='http://www.w3.org/2005/Atom'><entry><title>t</title><id>i</id>"
         "<summary type='html'><![CDATA[<b>bold</b> text]]></summary>"
         "<content type='xhtml'><div xmlns='http://www.w3.org/1999/xhtml'>a <![CDATA[<i>&]]>"
         "</div></content></entry></feed>",
         "bold text", NULL},
        /* an empty section, and one in an empty-element neighbour */
        {"<rss><channel><item><title>t</title><enclosure url='u'/><description>"
         "<![CDATA[]]>e</description></item></channel></rss>",
         "e", NULL},
    };
    for (size_t i = 0; i < ARRAY_LEN(docs); i++) {
        check_case("docs[%zu]", i);
        const char *d = docs[i].doc;
        struct feed_options opt = {0};
        struct error e1 = {0}, e2 = {0};
        struct feed *a = feed_xml_parse(d, strlen(d), &opt, &e1);
        struct feed *b = feed_xml_parse_plain(d, strlen(d), &opt, &e2);
        CHECK_MSG(feed_equal(a, b), "doc %zu: side table changes the result", i);
        CHECK_INT(e1.line, e2.line);
        CHECK_INT(e1.column, e2.column);
        CHECK_STR(e1.msg, e2.msg);
        if (docs[i].want_summary)
            CHECK_STR(a && a->n_items ? a->items[0].summary : NULL, docs[i].want_summary);
        /* the error that failed the document, or what made it ill-formed */
        const struct error *why = a ? &a->malformed : &e1;
        if (docs[i].want_error)
            CHECK_MSG(strstr(why->msg, docs[i].want_error), "doc %zu: error '%s'", i, why->msg);
        feed_free(a);
        feed_free(b);
    }
    check_case_end();

    /* Many sections, over several of libxml2's input chunks. */
    struct buf doc = {0};
    buf_append_str(&doc, "<rss><channel>");
    for (int i = 0; i < 3000; i++)
        buf_printf(&doc,
                   "<item><title><![CDATA[T%d]]></title><description>&lt;p&gt;<![CDATA[<p>d\n"
                   "%d &]]>x</description></item>\n",
                   i, i);
    buf_append_str(&doc, "</channel></rss>");
    struct feed_options opt = {.max_items = 5000};
    struct error e1 = {0}, e2 = {0};
    struct feed *a = feed_xml_parse(doc.data, doc.len, &opt, &e1);
    struct feed *b = feed_xml_parse_plain(doc.data, doc.len, &opt, &e2);
    CHECK(a && a->n_items == 3000 && a->wellformed);
    CHECK(feed_equal(a, b));
    if (a && a->n_items == 3000) {
        CHECK_STR(a->items[2999].title, "T2999");
        CHECK_STR(a->items[7].summary, "d 7 &x");
    }
    feed_free(a);
    feed_free(b);
    buf_free(&doc);

    /* A placeholder longer than libxml2's reads (a section of 20000 newlines), then an error
     * on the line after it: reported on the right line. */
    buf_append_str(&doc, "<rss><channel><item><title>t</title><description><![CDATA[x");
    for (int i = 0; i < 20000; i++)
        buf_append_char(&doc, '\n');
    buf_append_str(&doc, "y]]></description></item>\n<item><title>u</title><title></item>"
                         "</channel></rss>");
    a = feed_xml_parse(doc.data, doc.len, &opt, &e1);
    b = feed_xml_parse_plain(doc.data, doc.len, &opt, &e2);
    CHECK(a && a->n_items == 2 && !a->wellformed);
    CHECK(feed_equal(a, b));
    if (a && a->n_items)
        CHECK_STR(a->items[0].summary, "x\ny");
    feed_free(a);
    feed_free(b);
    buf_reset(&doc);
    buf_append_str(&doc, "<rss><channel><title><![CDATA[x");
    for (int i = 0; i < 20000; i++)
        buf_append_char(&doc, '\n');
    buf_append_str(&doc, "]]></title>\n<oops></channel></rss>");
    a = feed_xml_parse(doc.data, doc.len, &opt, &e1);
    b = feed_xml_parse_plain(doc.data, doc.len, &opt, &e2);
    CHECK(a && !a->wellformed && feed_equal(a, b));
    CHECK_INT(a ? a->malformed.line : e1.line, 20002);
    feed_free(a);
    feed_free(b);
    buf_free(&doc);
}

int main(void)
{
    feed_init();
    test_fixtures();
    test_error_positions();
    test_limits();
    test_attribute_floods();
    test_budget();
    test_deep_nesting();
    test_entity_declarations();
    test_truncated_in_markup();
    test_reuse_and_defaults();
    test_cdata_side_table();
    return check_done();
}
