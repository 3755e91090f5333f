/*
 * Tests for core/text: HTML and plain text to clean text, entities, UTF-8 repair, truncation.
 * Tables of real-world snippets (as found in RSS descriptions and titles) with the text a
 * reader should see.
 */
#include "check.h"
#include "core/entities.h"
#include "core/text.h"
#include "core/util.h"

#include <stdlib.h>

struct html_case {
    const char *in;
    enum text_mode mode;
    const char *want;
};

#define I TEXT_INLINE
#define B TEXT_BLOCK

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
    {"Line one\nLine two", B, "Line one\nLine two"},
    {"Para one\n\n\n\nPara two", B, "Para one\n\nPara two"},
    {"Line one\r\nLine two", B, "Line one\nLine two"},
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
    {"<b>a</b><i>b</i>", I, "ab"},
    {"foo<script>alert('x')</script>bar", I, "foobar"},
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
    {"\xC2\x80" "5 \xC2\x96 \xC2\x93q\xC2\x94", I, "\xE2\x82\xAC" "5 \xE2\x80\x93 \xE2\x80\x9Cq\xE2\x80\x9D"},
    {"a\xC2\x81" "b\xC2\x8D" "c\xC2\x8F" "d\xC2\x90" "e\xC2\x9D" "f", I, "abcdef"},
    {"caf\xE9", I, "caf\xEF\xBF\xBD"},
    {"<p>caf\xE9 cr\xE8me</p>", I, "caf\xEF\xBF\xBD cr\xEF\xBF\xBD" "me"},
    {"\xEF\xBB\xBFHello", I, "Hello"},
    {"a\xE2\x80\xA8" "b", B, "a\nb"},
    {"a\xE3\x80\x80" "b", I, "a b"},
};

static void test_html_table(void)
{
    for (size_t i = 0; i < ARRAY_LEN(html_cases); i++) {
        const struct html_case *c = &html_cases[i];
        char *got = text_from_html(c->in, strlen(c->in), c->mode, 0);
        CHECK_MSG(strcmp(got, c->want) == 0, "case %zu \"%s\": got \"%s\", want \"%s\"", i,
                  c->in, got, c->want);
        free(got);
    }
}

int main(void)
{
    text_init();
    test_html_table();
    return check_done();
}
