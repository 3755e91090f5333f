/* core/url: url_resolve (RFC 3986 section 5.4 examples plus what feeds throw at it), schemes,
 * file URLs, the duplicate-detection form of links and redaction for display. Every table row
 * that fails prints its input. */
#include "check.h"
#include "core/url.h"
#include "core/util.h"

#include <stdlib.h>

static const struct {
    const char *base, *ref, *want;
} cases[] = {
    /* RFC 3986 5.4.1 normal examples */
    {"http://a/b/c/d;p?q", "g", "http://a/b/c/g"},
    {"http://a/b/c/d;p?q", "./g", "http://a/b/c/g"},
    {"http://a/b/c/d;p?q", "g/", "http://a/b/c/g/"},
    {"http://a/b/c/d;p?q", "/g", "http://a/g"},
    {"http://a/b/c/d;p?q", "//g", "http://g"},
    {"http://a/b/c/d;p?q", "?y", "http://a/b/c/d;p?y"},
    {"http://a/b/c/d;p?q", "#s", "http://a/b/c/d;p?q#s"},
    {"http://a/b/c/d;p?q", "../g", "http://a/b/g"},
    {"http://a/b/c/d;p?q", "../../g", "http://a/g"},
    {"http://a/b/c/d;p?q", "g:h", "g:h"},
    {"http://a/b/c/d;p?q", "g?y", "http://a/b/c/g?y"},
    {"http://a/b/c/d;p?q", "g#s", "http://a/b/c/g#s"},
    {"http://a/b/c/d;p?q", "g?y#s", "http://a/b/c/g?y#s"},
    {"http://a/b/c/d;p?q", ";x", "http://a/b/c/;x"},
    {"http://a/b/c/d;p?q", "g;x", "http://a/b/c/g;x"},
    {"http://a/b/c/d;p?q", "g;x?y#s", "http://a/b/c/g;x?y#s"},
    {"http://a/b/c/d;p?q", ".", "http://a/b/c/"},
    {"http://a/b/c/d;p?q", "./", "http://a/b/c/"},
    {"http://a/b/c/d;p?q", "..", "http://a/b/"},
    {"http://a/b/c/d;p?q", "../", "http://a/b/"},
    {"http://a/b/c/d;p?q", "../..", "http://a/"},
    {"http://a/b/c/d;p?q", "../../", "http://a/"},
    /* 5.4.2 abnormal: too many ".." */
    {"http://a/b/c/d;p?q", "../../../g", "http://a/g"},
    {"http://a/b/c/d;p?q", "../../../../g", "http://a/g"},
    {"http://a/b/c/d;p?q", "/./g", "http://a/g"},
    {"http://a/b/c/d;p?q", "/../g", "http://a/g"},
    {"http://a/b/c/d;p?q", "g.", "http://a/b/c/g."},
    {"http://a/b/c/d;p?q", ".g", "http://a/b/c/.g"},
    {"http://a/b/c/d;p?q", "g..", "http://a/b/c/g.."},
    {"http://a/b/c/d;p?q", "..g", "http://a/b/c/..g"},
    {"http://a/b/c/d;p?q", "./../g", "http://a/b/g"},
    {"http://a/b/c/d;p?q", "./g/.", "http://a/b/c/g/"},
    {"http://a/b/c/d;p?q", "g/./h", "http://a/b/c/g/h"},
    {"http://a/b/c/d;p?q", "g/../h", "http://a/b/c/h"},
    {"http://a/b/c/d;p?q", "g;x=1/./y", "http://a/b/c/g;x=1/y"},
    {"http://a/b/c/d;p?q", "g;x=1/../y", "http://a/b/c/y"},
    {"http://a/b/c/d;p?q", "g?y/./x", "http://a/b/c/g?y/./x"},
    {"http://a/b/c/d;p?q", "g?y/../x", "http://a/b/c/g?y/../x"},
    {"http://a/b/c/d;p?q", "g#s/./x", "http://a/b/c/g#s/./x"},
    {"http://a/b/c/d;p?q", "g#s/../x", "http://a/b/c/g#s/../x"},
    /* feeds: protocol-relative, base with a query and a fragment, base without a path */
    {"https://feed.example/news/?page=2#top", "story/1", "https://feed.example/news/story/1"},
    {"https://feed.example", "story/1", "https://feed.example/story/1"},
    {"https://feed.example/a/b", "//cdn.example/x.jpg", "https://cdn.example/x.jpg"},
    /* absolute references are kept as they are */
    {"https://feed.example/x/", "https://other.example/y?a=1&b=2",
     "https://other.example/y?a=1&b=2"},
    {"https://feed.example/x/", "mailto:desk@feed.example", "mailto:desk@feed.example"},
    /* whitespace around links (RSS <link> on its own line) */
    {"https://feed.example/", "\n   story/1  \n", "https://feed.example/story/1"},
    /* spaces and non-ASCII bytes are percent-encoded */
    {"https://feed.example/", "a b/ü", "https://feed.example/a%20b/%C3%BC"},
    /* no base: relative stays relative */
    {NULL, "story/1", "story/1"},
    {"", "story/1", "story/1"},
    /* unusable */
    {"https://feed.example/", "", NULL},
    {"https://feed.example/", "   ", NULL},
    {"https://feed.example/", "javascript:alert(1)", NULL},
    {"https://feed.example/", "JavaScript:alert(1)", NULL},
    {"https://feed.example/", "data:text/html,hi", NULL},
};

static bool same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

static void test_schemes(void)
{
    static const struct {
        const char *url, *scheme;
        bool want;
    } t[] = {
        {"http://a/", "http", true}, {"HTTP://a/", "http", true}, {"https://a/", "http", false},
        {"http:", "http", true},     {"http", "http", false},     {"file:///x", "file", true},
        {"fil:///x", "file", false}, {"", "http", false},
    };
    for (size_t i = 0; i < ARRAY_LEN(t); i++)
        CHECK_MSG(url_scheme_is(t[i].url, t[i].scheme) == t[i].want, "url_scheme_is(\"%s\", %s)",
                  t[i].url, t[i].scheme);
}

static void test_file_path(void)
{
    static const struct {
        const char *url, *want;
    } t[] = {
        {"file:///tmp/feed.xml", "/tmp/feed.xml"},
        {"FILE:///tmp/feed.xml", "/tmp/feed.xml"},
        {"file://localhost/tmp/a%20b.xml", "/tmp/a b.xml"},
        {"file:///tmp/x.xml?query#frag", "/tmp/x.xml"},
        {"file:///tmp/%zz", "/tmp/%zz"}, /* not an escape: kept */
        {"file:///tmp/%4", "/tmp/%4"},
        {"file://otherhost/etc/hostname", NULL},
        {"file:relative.xml", NULL},
        {"file://", NULL},
        {"file:///tmp/a%00b", NULL},
        {"http:///tmp/x", NULL},
    };
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        char *got = url_file_path(t[i].url);
        CHECK_MSG(same(got, t[i].want), "url_file_path(\"%s\") = %s, want %s", t[i].url,
                  got ? got : "NULL", t[i].want ? t[i].want : "NULL");
        free(got);
    }
}

static void test_normalize_link(void)
{
    static const struct {
        const char *in, *want;
    } t[] = {
        {"HTTPS://WWW.Example.ORG/News/Story/", "https://www.example.org/News/Story"},
        {"https://example.org/a?utm_source=rss&id=5&UTM_medium=x#top",
         "https://example.org/a?id=5"},
        {"https://example.org/a?utm_source=rss", "https://example.org/a"},
        {"https://example.org/", "https://example.org"},
        {"  https://example.org/a#frag", "https://example.org/a"},
        {"/relative/path/", "/relative/path"},
        {"https://example.org/a?x=1;utm_id=2;y=3", "https://example.org/a?x=1&y=3"},
        {"", NULL},
        {NULL, NULL},
    };
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        char *got = url_normalize_link(t[i].in);
        CHECK_MSG(same(got, t[i].want), "url_normalize_link(\"%s\") = %s, want %s",
                  t[i].in ? t[i].in : "NULL", got ? got : "NULL", t[i].want ? t[i].want : "NULL");
        free(got);
    }
}

static void test_redact(void)
{
    static const struct {
        const char *in, *want;
    } t[] = {
        {"https://user:pw@host.example/feed", "https://***@host.example/feed"},
        {"https://token@host.example:8443/feed?x=1", "https://***@host.example:8443/feed?x=1"},
        /* the last '@' of the authority ends the userinfo; one in the path is not userinfo */
        {"http://u:p@ss@h/x", "http://***@h/x"},
        {"http://h/a@b?c=d", "http://h/a@b?c=d"},
        {"https://h/feed?apikey=abc&lang=de", "https://h/feed?apikey=***&lang=de"},
        {"https://h/feed?lang=de;TOKEN=abc#top", "https://h/feed?lang=de;TOKEN=***#top"},
        {"https://h/feed?key=1&monkey=2&key", "https://h/feed?key=***&monkey=2&key"},
        {"https://host.example/feed", "https://host.example/feed"},
        {"file:///tmp/feed.xml", "file:///tmp/feed.xml"},
        {"not a url", "not a url"},
        {"", ""},
    };
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        char *got = url_redact(t[i].in);
        CHECK_MSG(same(got, t[i].want), "url_redact(\"%s\") = %s, want %s", t[i].in,
                  got ? got : "NULL", t[i].want);
        free(got);
    }
    CHECK(url_redact(NULL) == NULL);
}

int main(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = url_resolve(cases[i].base, cases[i].ref, strlen(cases[i].ref), 0);
        CHECK_MSG(same(got, cases[i].want), "url_resolve(\"%s\", \"%s\") = %s, want %s",
                  cases[i].base ? cases[i].base : "NULL", cases[i].ref, got ? got : "NULL",
                  cases[i].want ? cases[i].want : "NULL");
        free(got);
    }
    test_schemes();
    test_file_path();
    test_normalize_link();
    test_redact();
    char *u = url_resolve("https://e.example/", "abcdefghij", 10, 20);
    CHECK_STR(u, NULL); /* longer than max_len after resolving */
    free(u);
    CHECK(url_has_scheme("urn:x"));
    CHECK(!url_has_scheme("/a:b"));
    CHECK(!url_has_scheme("a/b:c"));
    return check_done();
}
