/*
 * Tests for core/text: HTML and plain text to clean text, entities, UTF-8 repair, truncation.
 * Tables of real-world snippets (as found in RSS descriptions and titles) with the text a
 * reader should see.
 */
#include "check.h"
#include "core/entities.h"
#include "core/text.h"
#include "core/util.h"

#include <pthread.h>
#include <stdlib.h>

struct html_case {
    const char *in;
    enum text_mode mode;
    const char *want;
};

#define I TEXT_INLINE
#define B TEXT_BLOCK

/* clang-format off */
static const struct html_case html_cases[] = {
    /* Plain text and the fast path (no '<') */
    {"", B, ""},
    {"Hello world", I, "Hello world"},
    {"  Hello \t\n  world  ", I, "Hello world"},
    {"AT&T", I, "AT&T"},
    {"Q&A: what next?", I, "Q&A: what next?"},
    {"Tom &amp; Jerry", I, "Tom & Jerry"},
    {"AT&amp;T", I, "AT&T"},
    {"Fish & chips", B, "Fish & chips"},
    {"Hard-wrapped line one\n   and its second half", B,
     "Hard-wrapped line one and its second half"},
    {"Para one\n\n\n\nPara two", B, "Para one\nPara two"},
    {"Para one\r\n \r\nPara two\r\nwrapped", B, "Para one\nPara two wrapped"},
    {"Para one\n\nPara two", I, "Para one Para two"},
    {"Line one\nLine two", I, "Line one Line two"},

    /* Entities */
    {"Wait&hellip;", I, "Wait\xE2\x80\xA6"},
    {"a&nbsp;&nbsp; b", I, "a b"},
    {"10&nbsp;km", I, "10 km"},
    {"2010&ndash;2020 &mdash; done", I, "2010\xE2\x80\x93" "2020 \xE2\x80\x94 done"},
    {"&bdquo;Zitat&ldquo;", I, "\xE2\x80\x9EZitat\xE2\x80\x9C"},
    {"&euro;5", I, "\xE2\x82\xAC" "5"},
    {"&NotNestedGreaterGreater;", I, "\xE2\xAA\xA2\xCC\xB8"},
    {"&amp", I, "&"},
    {"&ampx", I, "&x"},
    {"&copy 2024", I, "\xC2\xA9 2024"},
    {"&notit;", I, "\xC2\xACit;"},
    {"&notin;", I, "\xE2\x88\x89"},
    {"&foo; &bar", I, "&foo; &bar"},
    {"&#8217;s &#x2019;s &#X2019", I, "\xE2\x80\x99s \xE2\x80\x99s \xE2\x80\x99"},
    {"&#150; &#x80;", I, "\xE2\x80\x93 \xE2\x82\xAC"},
    {"&#0;&#xD800;&#x110000;&#99999999999999999999;", I,
     "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
    {"&#; &#x; &# x", I, "&#; &#x; &# x"},
    {"a&#1;b&#x9;c", I, "ab c"},
    {"&Aacute;&aacute;&AElig;&szlig;&uuml;", I, "\xC3\x81\xC3\xA1\xC3\x86\xC3\x9F\xC3\xBC"},

    /* Markup */
    {"<p>Hello <b>bold</b> world</p>", I, "Hello bold world"},
    {"<p>First</p><p>Second</p>", B, "First\nSecond"},
    {"<p>First</p><p>Second</p>", I, "First Second"},
    {"One<br>Two<br/>Three", B, "One\nTwo\nThree"},
    {"One<br><br><br><br>Two", B, "One\n\nTwo"},
    {"<ul><li>a</li><li>b</li></ul>", B, "a\nb"},
    {"<div>a</div><div>b</div>text", B, "a\nb\ntext"},
    {"<h1>Title</h1>Body", B, "Title\nBody"},
    {"<b>a</b> <i>b</i>", I, "a b"},
    {"<b>a</b><img src=x> <b>b</b> <time>c</time> <time>d</time>", I, "a b c d"},
    {"<b>a</b><i>b</i>", I, "ab"},
    {"foo<script>alert('x')</script>bar", I, "foobar"},
    {"<script type=\"text/javascript\">if (a<b && c>d) f();</script>after", I, "after"},
    {"<SCRIPT>x</SCRIPT >after<script src=x></script>", I, "after"},
    {"<p>Watch:</p><iframe src=\"https://v.example.org/e/1\" allowfullscreen></iframe><p>More</p>",
     B, "Watch:\nMore"},
    {"<script/>shown", I, "shown"},
    {"<textarea>typed</textarea>x<video src=v>no video</video>", I, "x"},
    {"<style>p { color: red }</style><p>Text</p>", B, "Text"},
    {"<noscript><p>Enable JS</p></noscript>OK", B, "OK"},
    {"<iframe src=x>fallback</iframe>A<object>B</object>C", I, "AC"},
    {"<svg><text>chart</text></svg>Fig", I, "Fig"},
    {"<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", B, "a b\nc"},
    {"<pre>x = 1\ny = 2</pre>", B, "x = 1\ny = 2"},
    {"text\nwith  newline <b>and tag</b>", B, "text with newline and tag"},
    {"<p>Caf&eacute; &amp; more&hellip;</p>", B, "Caf\xC3\xA9 & more\xE2\x80\xA6"},
    {"<p>&lt;b&gt; is a tag</p>", B, "<b> is a tag"},
    {"<p>AT&amp;T &amp;amp;</p>", B, "AT&T &amp;"},
    {"a<!-- comment -->b", I, "ab"},
    {"<img src=\"x.jpg\" alt=\"photo\">Caption", I, "Caption"},
    {"<a href=\"http://x/?a=1&b=2\">link</a>", I, "link"},
    {"x < y and y > z", I, "x < y and y > z"},
    {"I <3 this", I, "I <3 this"},
    {"<![CDATA[raw <b> &amp;]]> after", B, "raw <b> &amp; after"},
    {"<p><![CDATA[unterminated", I, "unterminated"},
    {"<p>unclosed <b>bold", B, "unclosed bold"},
    {"</p>stray end</div>", B, "stray end"},
    {"<p>\xC2\xA0</p><p>Text</p>", B, "Text"},
    {"<head><title>T</title></head><body><p>Body</p></body>", B, "Body"},

    /* Doubly escaped titles */
    {"&amp;amp;", I, "&"},
    {"AT&amp;amp;T", I, "AT&T"},
    {"&lt;b&gt;Bold&lt;/b&gt; news", I, "Bold news"},
    {"<b>Bold</b> news", I, "Bold news"},
    {"a &lt; b", I, "a < b"},
    {"&lt;b&gt;Bold&lt;/b&gt;", B, "<b>Bold</b>"},

    /* Control characters, C1, invalid UTF-8 */
    {"a\x01" "b\x7F" "c", I, "abc"},
    {"it\xC2\x92s", I, "it\xE2\x80\x99s"},
    {"\xC2\x80" "5 \xC2\x96 \xC2\x93q\xC2\x94", I,
     "\xE2\x82\xAC" "5 \xE2\x80\x93 \xE2\x80\x9Cq\xE2\x80\x9D"},
    {"a\xC2\x81" "b\xC2\x8D" "c\xC2\x8F" "d\xC2\x90" "e\xC2\x9D" "f", I, "abcdef"},
    {"caf\xE9", I, "caf\xEF\xBF\xBD"},
    {"<p>caf\xE9 cr\xE8me</p>", I, "caf\xEF\xBF\xBD cr\xEF\xBF\xBD" "me"},
    {"\xEF\xBB\xBFHello", I, "Hello"},
    {"a\xE2\x80\xA8" "b", B, "a\nb"},
    {"a\xE3\x80\x80" "b", I, "a b"},
};
/* clang-format on */

static void test_html_table(void)
{
    for (size_t i = 0; i < ARRAY_LEN(html_cases); i++) {
        check_case("html_cases[%zu] \"%s\"", i, html_cases[i].in);
        const struct html_case *c = &html_cases[i];
        char *got = text_from_html(c->in, strlen(c->in), c->mode, 0);
        CHECK_MSG(strcmp(got, c->want) == 0, "case %zu \"%s\": got \"%s\", want \"%s\"", i, c->in,
                  got, c->want);
        free(got);
    }
    check_case_end();
}

/* Where the lean tokenizer takes a case, it must agree with libxml2's tree exactly. */
static void test_lean_matches_full(void)
{
    int lean_taken = 0;
    for (size_t i = 0; i < ARRAY_LEN(html_cases); i++) {
        check_case("html_cases[%zu] \"%s\"", i, html_cases[i].in);
        const struct html_case *c = &html_cases[i];
        char *lean = text_html_lean(c->in, strlen(c->in), c->mode);
        if (!lean)
            continue;
        lean_taken++;
        char *full = text_html_full(c->in, strlen(c->in), c->mode);
        CHECK_MSG(strcmp(lean, full) == 0, "case %zu \"%s\": lean \"%s\", full \"%s\"", i, c->in,
                  lean, full);
        free(lean);
        free(full);
    }
    check_case_end();
    CHECK(lean_taken > 40);
    /* and it leaves what it cannot do to libxml2 */
    const char *hard[] = {"<script>x</b>y</script>",
                          "<iframe><p>x</p></iframe>",
                          "<script><![CDATA[x]]></script>",

                          "<pre>a</pre>",
                          "<html><body>x</body></html>",
                          "<foo>x</foo>",
                          "a<!DOCTYPE html>",
                          "<p class=a\"b>x</p>",
                          "<p",
                          "a</br>b",
                          "<?php x ?>"};
    for (size_t i = 0; i < ARRAY_LEN(hard); i++) {
        check_case("hard[%zu] \"%s\"", i, hard[i]);
        char *lean = text_html_lean(hard[i], strlen(hard[i]), TEXT_BLOCK);
        CHECK_MSG(lean == NULL, "lean path took \"%s\"", hard[i]);
        free(lean);
    }
    check_case_end();
}

struct utf8_case {
    const char *in;
    size_t len;
    uint32_t cp;
    size_t used;
};

static void test_utf8_decode(void)
{
    static const struct utf8_case cases[] = {
        {"A", 1, 'A', 1},
        {"\xC3\xA9", 2, 0xE9, 2},
        {"\xE2\x82\xAC", 3, 0x20AC, 3},
        {"\xF0\x9F\x98\x80", 4, 0x1F600, 4},
        {"\xF4\x8F\xBF\xBF", 4, 0x10FFFF, 4},
        {"\xC0\x80", 2, 0xFFFD, 1},         /* overlong NUL */
        {"\xC1\xBF", 2, 0xFFFD, 1},         /* overlong */
        {"\xE0\x80\x80", 3, 0xFFFD, 1},     /* overlong 3-byte */
        {"\xF0\x80\x80\x80", 4, 0xFFFD, 1}, /* overlong 4-byte */
        {"\xED\xA0\x80", 3, 0xFFFD, 1},     /* surrogate D800 */
        {"\xED\xBF\xBF", 3, 0xFFFD, 1},     /* surrogate DFFF */
        {"\xF4\x90\x80\x80", 4, 0xFFFD, 1}, /* past U+10FFFF */
        {"\xF5\x80\x80\x80", 4, 0xFFFD, 1},
        {"\xFF", 1, 0xFFFD, 1},
        {"\x80", 1, 0xFFFD, 1},      /* lone continuation */
        {"\xE2\x82", 2, 0xFFFD, 2},  /* truncated at the end */
        {"\xE2\x82x", 3, 0xFFFD, 2}, /* truncated before ASCII */
        {"\xF0\x9F\x98", 3, 0xFFFD, 3},
        {"\xC3", 1, 0xFFFD, 1},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        check_case("utf8 cases[%zu]", i);
        uint32_t cp = 0;
        size_t n = text_utf8_decode(cases[i].in, cases[i].len, &cp);
        CHECK_MSG(cp == cases[i].cp && n == cases[i].used, "case %zu: cp %X used %zu", i,
                  (unsigned)cp, n);
        CHECK(text_is_valid_utf8(cases[i].in, cases[i].len) == (cases[i].cp != 0xFFFD));
        /* The bytewise variant: the same code point, one byte per invalid sequence. */
        n = text_utf8_decode_bytewise(cases[i].in, cases[i].len, &cp);
        CHECK_MSG(cp == cases[i].cp && n == (cases[i].cp == 0xFFFD ? 1 : cases[i].used),
                  "bytewise case %zu: cp %X used %zu", i, (unsigned)cp, n);
    }
    check_case_end();
    uint32_t cp = 1;
    CHECK_INT(text_utf8_decode("", 0, &cp), 0);
    CHECK_INT(text_utf8_decode_bytewise("", 0, &cp), 0);
    CHECK_INT(text_utf8_decode_bytewise("\xEF\xBF\xBD", 3, &cp), 3); /* a real U+FFFD */
    CHECK_INT(cp, 0xFFFD);
    CHECK(text_is_valid_utf8("\xEF\xBF\xBD", 3)); /* U+FFFD itself is valid */
    CHECK(text_is_valid_utf8("", 0));
    char enc[4];
    CHECK_INT(text_utf8_encode(0x1F600, enc), 4);
    CHECK(memcmp(enc, "\xF0\x9F\x98\x80", 4) == 0);
    CHECK_INT(text_utf8_encode(0xD800, enc), 3);
    CHECK(memcmp(enc, "\xEF\xBF\xBD", 3) == 0);
    CHECK_INT(text_utf8_encode(0x110000, enc), 3);
    /* Round trip of every scalar value. */
    int bad = 0;
    for (uint32_t c = 0; c <= 0x10FFFF; c++) {
        if (c >= 0xD800 && c <= 0xDFFF)
            continue;
        size_t n = text_utf8_encode(c, enc);
        uint32_t back;
        if (text_utf8_decode(enc, n, &back) != n || back != c)
            bad++;
    }
    CHECK_INT(bad, 0);
}

struct str_case {
    const char *in;
    size_t len; /* 0: strlen */
    const char *want;
};

static void test_sanitize(void)
{
    static const struct str_case cases[] = {
        {"plain", 0, "plain"},
        {"tab\tand\nnewline", 0, "tab\tand\nnewline"},
        {"crlf\r\nline\rold mac", 0, "crlf\nline\nold mac"},
        {"nul\0inside", 10, "nulinside"},
        {"\x01\x02\x1b[0mbell\x07\x7f", 0, "[0mbell"},
        {"it\xC2\x92s \xC2\x85", 0, "it\xE2\x80\x99s \xE2\x80\xA6"},
        {"undefined\xC2\x81\xC2\x8D\xC2\x8F\xC2\x90\xC2\x9D!", 0, "undefined!"},
        {"latin1 caf\xE9", 0, "latin1 caf\xEF\xBF\xBD"},
        {"cut \xE2\x82", 0, "cut \xEF\xBF\xBD"},
        {"\xEF\xBB\xBF"
         "bom",
         0, "bom"},
        {"surrogate \xED\xA0\x80!", 0, "surrogate \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD!"},
        {"nbsp\xC2\xA0kept", 0, "nbsp\xC2\xA0kept"},
        {"emoji \xF0\x9F\x98\x80", 0, "emoji \xF0\x9F\x98\x80"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        check_case("sanitize cases[%zu] \"%s\"", i, cases[i].in);
        size_t len = cases[i].len ? cases[i].len : strlen(cases[i].in);
        char *got = text_sanitize_utf8(cases[i].in, len);
        CHECK_MSG(strcmp(got, cases[i].want) == 0, "sanitize case %zu: got \"%s\"", i, got);
        free(got);
    }
    check_case_end();
}

static void test_decode_entities(void)
{
    static const struct str_case cases[] = {
        {"Tom &amp; Jerry", 0, "Tom & Jerry"},
        {"&lt;b&gt;", 0, "<b>"},
        {"  keeps  \n spaces&nbsp;", 0, "  keeps  \n spaces\xC2\xA0"},
        {"&fjlig;&nGt;", 0, "fj\xE2\x89\xAB\xE2\x83\x92"}, /* two-code-point names */
        {"&unknown; & &; &#;", 0, "&unknown; & &; &#;"},
        {"&#x1;&#13;&#x92;", 0, "\n\xE2\x80\x99"},
        {"&AMP;&QUOT;&LT;&GT;&COPY;&REG;", 0, "&\"<>\xC2\xA9\xC2\xAE"},
        {"&CounterClockwiseContourIntegral;", 0, "\xE2\x88\xB3"},
        {"&CounterClockwiseContourIntegralX;", 0, "&CounterClockwiseContourIntegralX;"},
        {"&ampamp;", 0, "&amp;"},
        {"&#x10FFFF;&#1114112;", 0, "\xF4\x8F\xBF\xBF\xEF\xBF\xBD"},
        /* as browsers read them (issue 11): upper-case X, no ';', C1 as windows-1252,
         * U+FFFD for 0, surrogates and past U+10FFFF; legacy names without ';' only */
        {"&#X41;&#x42&#67 D", 0, "ABC D"},
        {"&#150;&#x80;&#x9F;", 0, "\xE2\x80\x93\xE2\x82\xAC\xC5\xB8"},
        {"[&#0;][&#xD800;][&#xDFFF;][&#99999999999;]", 0,
         "[\xEF\xBF\xBD][\xEF\xBF\xBD][\xEF\xBF\xBD][\xEF\xBF\xBD]"},
        {"&copy 2026 &copy2 &hellip x", 0,
         "\xC2\xA9 2026 \xC2\xA9"
         "2 &hellip x"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        check_case("entities cases[%zu] \"%s\"", i, cases[i].in);
        size_t len = cases[i].len ? cases[i].len : strlen(cases[i].in);
        char *got = text_decode_entities(cases[i].in, len);
        CHECK_MSG(strcmp(got, cases[i].want) == 0, "entities case %zu: got \"%s\"", i, got);
        free(got);
    }
    check_case_end();
}

static void test_utf8_repair(void)
{
    static const struct str_case cases[] = {
        /* want NULL-ish "": valid input comes back as NULL (nothing to repair) */
        {"valid Gr\xC3\xBC\xC3\x9F"
         "e \x01 \xC2\x85",
         0, ""},
        {"K\xF6ln", 0, "K\xEF\xBF\xBDln"},
        {"\xED\xA0\x80", 0, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
        {"cut \xF0\x9F\x98", 0, "cut \xEF\xBF\xBD"},
        {"nul\0\xFF", 5, "nul\0\xEF\xBF\xBD"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        check_case("repair cases[%zu] \"%s\"", i, cases[i].in);
        size_t len = cases[i].len ? cases[i].len : strlen(cases[i].in), n = 0;
        char *got = text_utf8_repair(cases[i].in, len, &n);
        if (!cases[i].want[0]) {
            CHECK_MSG(got == NULL, "repair case %zu: repaired valid text", i);
        } else {
            size_t wl = strlen(cases[i].want) + (cases[i].len ? 4 : 0); /* the NUL case */
            CHECK_MSG(got && n == wl && !memcmp(got, cases[i].want, wl) && !got[n],
                      "repair case %zu: got \"%s\"", i, got ? got : "NULL");
        }
        free(got);
    }
    check_case_end();
}

/* The generated table: complete, sorted, and every name decodes to its code points. */
static void test_entity_table(void)
{
    CHECK_INT(entities_count(), 2231);
    size_t legacy = 0, bad_order = 0, bad_decode = 0;
    for (size_t i = 0; i < entities_count(); i++) {
        const struct entity *e = entities_at(i);
        if (e->name[e->len - 1] != ';')
            legacy++;
        if (i > 0) {
            const struct entity *p = entities_at(i - 1);
            size_t n = p->len < e->len ? p->len : e->len;
            int c = memcmp(p->name, e->name, n);
            if (c > 0 || (c == 0 && p->len >= e->len))
                bad_order++;
        }
        if (entities_lookup(e->name, e->len) != e)
            bad_decode++;
        char ref[40], want[9];
        snprintf(ref, sizeof ref, "&%s", e->name);
        size_t wl = text_utf8_encode(e->cp[0], want);
        if (e->cp[1])
            wl += text_utf8_encode(e->cp[1], want + wl);
        want[wl] = '\0';
        uint32_t cp[2];
        int ncp = 0;
        size_t used = entities_decode(ref, strlen(ref), cp, &ncp);
        if (used != strlen(ref) || cp[0] != e->cp[0] || (ncp == 2) != (e->cp[1] != 0))
            bad_decode++;
        /* and the decoder the feeds go through gives those code points as UTF-8 */
        char *text = text_decode_entities(ref, strlen(ref));
        if (strcmp(text, want) != 0) {
            bad_decode++;
            fprintf(stderr, "&%.*s -> \"%s\"\n", (int)e->len, e->name, text);
        }
        free(text);
    }
    CHECK_INT(legacy, 106);
    CHECK_INT(bad_order, 0);
    CHECK_INT(bad_decode, 0);
    CHECK(entities_at(entities_count()) == NULL);
    CHECK(entities_lookup("amp", 2) == NULL);
    CHECK(entities_lookup("hellip", 6) == NULL); /* not a legacy name */
    const struct entity *e = entities_lookup("ThickSpace;", 11);
    CHECK(e && e->cp[0] == 0x205F && e->cp[1] == 0x200A);
}

struct trunc_case {
    const char *in;
    size_t max;
    const char *want;
};

static void test_truncate(void)
{
    static const struct trunc_case cases[] = {
        {"short", 10, "short"},
        {"exactly ten", 11, "exactly ten"},
        {"The quick brown fox jumps", 0, "The quick brown fox jumps"},
        {"The quick brown fox jumps", 24, "The quick brown fox\xE2\x80\xA6"},
        {"The quick brown fox jumps", 22, "The quick brown fox\xE2\x80\xA6"},
        {"The quick brown fox jumps", 21, "The quick brown\xE2\x80\xA6"},
        {"The quick, brown fox", 16, "The quick\xE2\x80\xA6"},
        {"Supercalifragilistic", 10, "Superca\xE2\x80\xA6"},
        {"caf\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 9, "caf\xC3\xA9\xE2\x80\xA6"},
        {"caf\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 10, "caf\xC3\xA9\xC3\xA9\xE2\x80\xA6"},
        {"\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x81\xAE\xE6\x96\x87", 10,
         "\xE6\x97\xA5\xE6\x9C\xAC\xE2\x80\xA6"},
        {"line one\nline two", 12, "line one\xE2\x80\xA6"},
        {"abcdef", 2, "ab"},
        {"\xC3\xA9\xC3\xA9", 3, "\xE2\x80\xA6"},
        {"a b", 1, "a"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        check_case("truncate cases[%zu] \"%s\"", i, cases[i].in);
        char *got = text_truncate(cases[i].in, cases[i].max);
        CHECK_MSG(strcmp(got, cases[i].want) == 0, "truncate case %zu: got \"%s\"", i, got);
        CHECK(cases[i].max == 0 || strlen(got) <= cases[i].max);
        CHECK(text_is_valid_utf8(got, strlen(got)));
        free(got);
    }
    check_case_end();
    /* Through text_from_html: the cap applies to the clean text. */
    const char *html = "<p>Der Bundestag hat am Donnerstag &uuml;ber das Gesetz abgestimmt.</p>";
    char *got = text_from_html(html, strlen(html), TEXT_BLOCK, 30);
    CHECK_STR(got, "Der Bundestag hat am\xE2\x80\xA6");
    free(got);
    got = text_from_html("&amp;amp; &amp;amp; &amp;amp;", 29, TEXT_INLINE, 4);
    CHECK_STR(got, "&\xE2\x80\xA6");
    free(got);
}

static void test_plain(void)
{
    static const struct html_case cases[] = {
        {"Tom &amp; Jerry", I, "Tom &amp; Jerry"},
        {"<b>not markup</b>", I, "<b>not markup</b>"},
        {"  spaced\t\tout  ", I, "spaced out"},
        {"Para one.\n\n\n\nPara two.\nwrapped", B, "Para one.\nPara two. wrapped"},
        {"\n\tindented\n\tpretty-printed\n", B, "indented pretty-printed"},
        {"Para one.\n\nPara two.", I, "Para one. Para two."},
        {"  \n  lead and trail \n\n ", B, "lead and trail"},
        {"it\xC2\x92s \xE9", I, "it\xE2\x80\x99s \xEF\xBF\xBD"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        check_case("plain cases[%zu] \"%s\"", i, cases[i].in);
        char *got = text_from_plain(cases[i].in, strlen(cases[i].in), cases[i].mode, 0);
        CHECK_MSG(strcmp(got, cases[i].want) == 0, "plain case %zu: got \"%s\"", i, got);
        free(got);
    }
    check_case_end();
    /* NULL with length 0 is an empty string, never a crash or a NULL result. */
    char *empty[] = {text_from_plain(NULL, 0, TEXT_BLOCK, 0),
                     text_from_html(NULL, 0, TEXT_INLINE, 5), text_sanitize_utf8(NULL, 0),
                     text_decode_entities(NULL, 0), text_truncate(NULL, 3)};
    for (size_t i = 0; i < ARRAY_LEN(empty); i++) {
        CHECK_STR(empty[i], "");
        free(empty[i]);
    }
    char *got = text_from_plain("one two three four", 18, TEXT_INLINE, 12);
    CHECK_STR(got, "one two\xE2\x80\xA6");
    free(got);
}

/* The word-at-a-time scan of plain runs: every special byte at every offset in a block. */
static void test_runs_at_every_offset(void)
{
    static const struct {
        const char *token, *want;
    } tokens[] = {
        {"&amp;", "&"}, {"  ", " "},   {"\x7f", ""}, {"\t", " "},   {"\xC3\xA9", "\xC3\xA9"},
        {"\x01", ""},   {" \n ", " "}, {"&", "&"},   {"&lt;", "<"}, {"\xC2\xA0", " "},
    };
    int bad = 0;
    for (size_t k = 0; k < ARRAY_LEN(tokens); k++) {
        for (size_t pos = 1; pos < 24; pos++) {
            char in[64], want[64];
            memset(in, 'a', 30);
            memcpy(in + pos, tokens[k].token, strlen(tokens[k].token));
            size_t n = pos + strlen(tokens[k].token);
            memset(in + n, 'b', 30 - pos);
            n += 30 - pos;
            in[n] = '\0';
            memset(want, 'a', pos);
            size_t w = pos;
            memcpy(want + w, tokens[k].want, strlen(tokens[k].want));
            w += strlen(tokens[k].want);
            memset(want + w, 'b', 30 - pos);
            want[w + 30 - pos] = '\0';
            char *got = text_from_html(in, n, TEXT_BLOCK, 0);
            if (strcmp(got, want) != 0) {
                bad++;
                fprintf(stderr, "token %zu at %zu: got \"%s\"\n", k, pos, got);
            }
            free(got);
            got = text_from_plain(in, n, TEXT_INLINE, 0);
            /* plain text: no entity decoding */
            bool literal = tokens[k].token[0] == '&';
            if (literal ? strcmp(got, in) != 0 : strcmp(got, want) != 0) {
                bad++;
                fprintf(stderr, "plain token %zu at %zu: got \"%s\"\n", k, pos, got);
            }
            free(got);
        }
    }
    CHECK_INT(bad, 0);
}

static char *repeat(const char *a, int n, const char *mid, const char *b)
{
    size_t la = strlen(a), lm = strlen(mid), lb = strlen(b);
    char *s = xmalloc((size_t)n * (la + lb) + lm + 1), *p = s;
    for (int i = 0; i < n; i++, p += la)
        memcpy(p, a, la);
    memcpy(p, mid, lm);
    p += lm;
    for (int i = 0; i < n; i++, p += lb)
        memcpy(p, b, lb);
    *p = '\0';
    return s;
}

/* Hostile sizes and shapes: deep nesting, megabytes of input. No crash, linear work. */
static void test_big_and_deep(void)
{
    char *s = repeat("<div>", 10000, "deep", "</div>");
    char *got = text_from_html(s, strlen(s), TEXT_BLOCK, 0);
    CHECK_STR(got, "deep");
    free(got);
    /* libxml2 gives up below depth 256; what it parsed so far stays, nothing crashes. */
    got = text_html_full(s, strlen(s), TEXT_BLOCK);
    CHECK(got != NULL);
    free(got);
    free(s);
    s = repeat("<table><tr><td><b>", 10000, "deep", "</b></td></tr></table>");
    got = text_from_html(s, strlen(s), TEXT_BLOCK, 0);
    CHECK(got != NULL && text_is_valid_utf8(got, strlen(got)));
    free(got);
    free(s);
    s = repeat("<p>intro</p><span>", 5000, "<script>", "");
    got = text_from_html(s, strlen(s), TEXT_INLINE, 100);
    CHECK(strncmp(got, "intro intro", 11) == 0 && strlen(got) <= 100);
    free(got);
    free(s);

    /* 8 MiB of description: capped output, the whole input parsed once. */
    size_t big = 8u << 20;
    s = xmalloc(big + 1);
    const char *chunk = "<p>Word&nbsp;word <a href=\"/x\">link</a> &hellip;</p>\n";
    size_t cl = strlen(chunk), n = 0;
    while (n + cl <= big) {
        memcpy(s + n, chunk, cl);
        n += cl;
    }
    s[n] = '\0';
    got = text_from_html(s, n, TEXT_BLOCK, 500);
    CHECK(strlen(got) <= 500 && strncmp(got, "Word word link \xE2\x80\xA6\nWord", 22) == 0);
    free(got);
    got = text_from_html(s, n, TEXT_BLOCK, 0);
    CHECK(strlen(got) > n / 3);
    free(got);
    memcpy(s, "<script>", 8); /* forces libxml2 over the whole 8 MiB */
    got = text_from_html(s, n, TEXT_BLOCK, 200);
    CHECK(strlen(got) <= 200);
    free(got);
    free(s);
}

/*
 * tests/data/text/descriptions.txt: "=== name MODE [MAX]", input lines, "---", expected lines.
 */
static void run_fixture(const char *name, const char *mode, size_t max, const char *in,
                        const char *want)
{
    char *got;
    if (strcmp(mode, "block") == 0)
        got = text_from_html(in, strlen(in), TEXT_BLOCK, max);
    else if (strcmp(mode, "inline") == 0)
        got = text_from_html(in, strlen(in), TEXT_INLINE, max);
    else if (strcmp(mode, "plain-block") == 0)
        got = text_from_plain(in, strlen(in), TEXT_BLOCK, max);
    else
        got = text_from_plain(in, strlen(in), TEXT_INLINE, max);
    CHECK_MSG(strcmp(got, want) == 0, "fixture %s:\n  got:  \"%s\"\n  want: \"%s\"", name, got,
              want);
    free(got);
}

static void test_fixtures(void)
{
    FILE *f = fopen(TICKER_TEST_DATA "/text/descriptions.txt", "rb");
    CHECK_MSG(f != NULL, "cannot open %s", TICKER_TEST_DATA "/text/descriptions.txt");
    if (!f)
        return;
    struct buf in = {0}, want = {0};
    char line[4096], name[64] = "", mode[16] = "";
    unsigned long max = 0;
    int state = 0, cases = 0; /* 0: outside, 1: input, 2: expected */
    for (;;) {
        bool eof = fgets(line, sizeof line, f) == NULL;
        if (eof || strncmp(line, "=== ", 4) == 0) {
            if (state == 2) {
                /* drop the newline before the next case (and the blank separator line) */
                while (want.len && want.data[want.len - 1] == '\n')
                    want.data[--want.len] = '\0';
                run_fixture(name, mode, max, in.data ? in.data : "", want.data ? want.data : "");
                cases++;
            }
            if (eof)
                break;
            max = 0;
            CHECK(sscanf(line + 4, "%63s %15s %lu", name, mode, &max) >= 2);
            buf_reset(&in);
            buf_reset(&want);
            buf_append(&in, "", 0);
            buf_append(&want, "", 0);
            state = 1;
        } else if (state == 1 && strcmp(line, "---\n") == 0) {
            if (in.len && in.data[in.len - 1] == '\n')
                in.data[--in.len] = '\0';
            state = 2;
        } else if (state == 1) {
            buf_append_str(&in, line);
        } else if (state == 2) {
            buf_append_str(&want, line);
        }
    }
    fclose(f);
    buf_free(&in);
    buf_free(&want);
    CHECK(cases >= 20);
}

/* The module is used from the worker and extractor threads at once: same answers in parallel. */
static void *worker(void *arg)
{
    int *bad = arg;
    const char *html = "<table><tr><td>Caf&eacute;</td><td><script>x</script>&hellip;</td></tr>"
                       "</table><p>AT&amp;T</p>";
    const char *flat = "<p>Flat &bdquo;text&ldquo; <a href=\"x\">link</a></p><p>Two</p>";
    for (int i = 0; i < 300; i++) {
        char *a = text_from_html(html, strlen(html), TEXT_BLOCK, 0);
        char *b = text_from_html(flat, strlen(flat), TEXT_INLINE, 0);
        if (strcmp(a, "Caf\xC3\xA9 \xE2\x80\xA6\nAT&T") != 0 ||
            strcmp(b, "Flat \xE2\x80\x9Etext\xE2\x80\x9C link Two") != 0)
            (*bad)++;
        free(a);
        free(b);
    }
    return NULL;
}

static void test_threads(void)
{
    pthread_t th[4];
    int bad[4] = {0};
    for (int i = 0; i < 4; i++)
        CHECK(pthread_create(&th[i], NULL, worker, &bad[i]) == 0);
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        CHECK_INT(bad[i], 0);
    }
}

int main(void)
{
    text_init();
    test_html_table();
    test_lean_matches_full();
    test_utf8_decode();
    test_sanitize();
    test_decode_entities();
    test_utf8_repair();
    test_entity_table();
    test_truncate();
    test_plain();
    test_big_and_deep();
    test_fixtures();
    test_threads();
    test_runs_at_every_offset();
    return check_done();
}
