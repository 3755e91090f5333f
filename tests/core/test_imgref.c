/* Tests for core/imgref: the picture named by a page's og:image and by a content's <img>. */
#include "check.h"
#include "core/feed.h"
#include "core/imgref.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static void test_og(void)
{
    static const struct {
        const char *name, *html, *want; /* want NULL: none */
    } cases[] = {
        {"property", "<head><meta property=\"og:image\" content=\"https://x.example/a.jpg\">",
         "https://x.example/a.jpg"},
        {"name and single quotes", "<meta name='twitter:image' content='/b.png'>", "/b.png"},
        {"upper case, spaces", "<META  PROPERTY = \"OG:IMAGE\"  CONTENT = \" /c.webp \" />",
         "/c.webp"},
        {"entities", "<meta property=\"og:image\" content=\"/d.jpg?a=1&amp;b=2\">",
         "/d.jpg?a=1&b=2"},
        {"the first of several",
         "<meta property=\"og:title\" content=\"T\"><meta property=\"og:image:secure_url\" "
         "content=\"https://e/1.jpg\"><meta property=\"og:image\" content=\"https://e/2.jpg\">",
         "https://e/1.jpg"},
        {"in a comment", "<!-- <meta property=\"og:image\" content=\"/no.jpg\"> -->", NULL},
        {"data URI", "<meta property=\"og:image\" content=\"data:image/png;base64,AAAA\">", NULL},
        {"no content", "<meta property=\"og:image\">", NULL},
        {"cut short", "<meta property=\"og:image\" content=\"/cut", NULL},
        {"empty", "", NULL},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        check_case("og %s", cases[i].name);
        char *got = imgref_og_image(cases[i].html, strlen(cases[i].html));
        if (cases[i].want)
            CHECK_STR(got ? got : "(none)", cases[i].want);
        else
            CHECK_MSG(got == NULL, "got %s", got);
        free(got);
    }
    check_case_end();
}

static void test_img(void)
{
    static const struct {
        const char *name, *html, *want;
    } cases[] = {
        {"plain", "<p>Text</p><img src=\"https://x.example/a.jpg\" alt=\"\">",
         "https://x.example/a.jpg"},
        {"unquoted", "<img src=/b.jpg width=640>", "/b.jpg"},
        {"tracking pixel skipped",
         "<img src=\"/pixel.gif\" width=\"1\" height=\"1\"><img src=\"/real.jpg\">", "/real.jpg"},
        {"emoji skipped", "<img class=\"wp-smiley emoji\" src=\"/smile.png\"><img src=\"/p.jpg\">",
         "/p.jpg"},
        {"srcset", "<img srcset=\"/s-640.jpg 640w, /s-1280.jpg 1280w\">", "/s-640.jpg"},
        {"not imgs", "<image src=\"/no.jpg\"><imgx src=\"/no2.jpg\">", NULL},
        {"data URI", "<img src=\"data:image/gif;base64,R0lGOD\">", NULL},
        {"none", "<p>No pictures here.</p>", NULL},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        check_case("img %s", cases[i].name);
        char *got = imgref_first_img(cases[i].html, strlen(cases[i].html));
        if (cases[i].want)
            CHECK_STR(got ? got : "(none)", cases[i].want);
        else
            CHECK_MSG(got == NULL, "got %s", got);
        free(got);
    }
    check_case_end();
    /* Bounded: a huge document of unclosed tags is scanned only so far, and finds nothing. */
    size_t n = 4u << 20;
    char *big = xmalloc(n + 1);
    for (size_t i = 0; i < n; i++)
        big[i] = "<img "[i % 5];
    big[n] = '\0';
    char *got = imgref_first_img(big, n);
    CHECK(got == NULL);
    free(got);
    free(big);
}

/* Through the feed parser: the content's <img> is the item's picture of last resort. */
static void test_feeds(void)
{
    static const struct {
        const char *name, *doc, *want;
    } cases[] = {
        {"rss description",
         "<rss version=\"2.0\"><channel><title>T</title><item><title>A</title><guid>1</guid>"
         "<description>&lt;p&gt;Text&lt;/p&gt;&lt;img src=\"/pics/a.jpg\"&gt;</description>"
         "</item></channel></rss>",
         "https://x.example/pics/a.jpg"},
        {"a thumbnail comes first",
         "<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><title>T"
         "</title><item><title>A</title><guid>1</guid><description>&lt;img src=\"/a.jpg\"&gt;"
         "</description><media:thumbnail url=\"https://cdn.example/t.jpg\"/></item></channel>"
         "</rss>",
         "https://cdn.example/t.jpg"},
        {"content:encoded",
         "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
         "<channel><title>T</title><item><title>A</title><guid>1</guid><content:encoded><![CDATA["
         "<p>x</p><img width=\"1\" height=\"1\" src=\"/px.gif\"><img src=\"b.png\">]]>"
         "</content:encoded></item></channel></rss>",
         "https://x.example/feeds/b.png"},
        {"json feed",
         "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", \"items\": "
         "[{\"id\": \"1\", \"title\": \"A\", \"content_html\": \"<img src=\\\"/j.webp\\\">\"}]}",
         "https://x.example/j.webp"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        check_case("%s", cases[i].name);
        struct feed_options o = {.url = "https://x.example/feeds/main.xml"};
        struct error err = {0};
        struct feed *f = feed_parse(cases[i].doc, strlen(cases[i].doc), &o, &err);
        CHECK_MSG(f && f->n_items == 1, "%s", err.msg);
        if (f && f->n_items == 1)
            CHECK_STR(f->items[0].image ? f->items[0].image : "(none)", cases[i].want);
        feed_free(f);
    }
    check_case_end();
}

int main(void)
{
    feed_init();
    test_feeds();
    test_og();
    test_img();
    return check_done();
}
