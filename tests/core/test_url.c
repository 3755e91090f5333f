/* url_resolve: RFC 3986 section 5.4 examples plus what feeds throw at it. */
#include "check.h"
#include "core/url.h"

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

int main(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = url_resolve(cases[i].base, cases[i].ref, strlen(cases[i].ref), 0);
        CHECK_STR(got, cases[i].want);
        free(got);
    }
    char *u = url_resolve("https://e.example/", "abcdefghij", 10, 20);
    CHECK_STR(u, NULL); /* longer than max_len after resolving */
    free(u);
    CHECK(url_has_scheme("urn:x"));
    CHECK(!url_has_scheme("/a:b"));
    CHECK(!url_has_scheme("a/b:c"));
    return check_done();
}
