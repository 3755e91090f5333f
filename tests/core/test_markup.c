/*
 * The attribute-flood guards (core/markup.h): what the scanner counts as attributes and what
 * it skips, in XML and HTML, whole and fed a byte at a time; the HTML trim; the guarded HTML
 * parse, with a flood and with a budget that runs out.
 */
#include "check.h"
#include "core/markup.h"
#include "core/util.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

/* A cap of 3 keeps the documents short: the 4th attribute of a tag is the flood. */
#define CAP 3

struct scan_case {
    enum markup_lang lang;
    const char *doc;
    const char *flood_at; /* the text at the reported position, NULL: no flood */
};

/* clang-format off */
static const struct scan_case scan_cases[] = {
    {MARKUP_XML, "<a x='1' y='2' z='3'>text</a>", NULL},
    {MARKUP_XML, "<a x='1' y='2' z='3' w='4'>", "w='4'"},
    {MARKUP_XML, "<a x='1'y='2'z='3'w='4'>", "w='4'"},           /* no spaces */
    {MARKUP_XML, "<a x='>' y='>' z='>' w='>'>", "w='>'"},        /* '>' inside values */
    {MARKUP_XML, "<a x = '1' y = \"2\" z='3'\n\tw='4'>", "w='4'"},
    {MARKUP_XML, "<a x='1' y='2'/><b z='3' w='4'/>", NULL},      /* per tag */
    {MARKUP_XML, "<!-- <a x='1' y='2' z='3' w='4'> -->", NULL},
    {MARKUP_XML, "<![CDATA[<a x='1' y='2' z='3' w='4'>]]>", NULL},
    {MARKUP_XML, "<![CDATA[ ]] > ]]><a x='1' y='2' z='3' w='4'>", "w='4'"},
    {MARKUP_XML, "<?pi <a x='1' y='2' z='3' w='4'> ?>", NULL},
    {MARKUP_XML, "<?pi > ?><a x='1' y='2' z='3' w='4'>", "w='4'"},
    {MARKUP_XML, "<!DOCTYPE a [<!ENTITY e 'x > y'>]><a x='1' y='2' z='3' w='4'>", "w='4'"},
    {MARKUP_XML, "</a x='1' y='2' z='3' w='4'>", NULL},          /* end tags have none */
    {MARKUP_XML, "a < b c d e f g > h", NULL},                    /* not a tag */
    /* '<' ends a value and starts a tag: y, z, w and v are <b>'s */
    {MARKUP_XML, "<a x='1<b' y='2' z='3' w='4' v='5'>", "v='5'"},
    {MARKUP_XML, "<a xmlns='u' xmlns:p='v' p:x='1' y='2'>", "y='2'"}, /* declarations count */
    {MARKUP_HTML, "<div a b c>", NULL},
    {MARKUP_HTML, "<div a b c d>", "d>"},                        /* valueless attributes */
    {MARKUP_HTML, "<div a=1 b=2 c=3 d=4>", "d=4"},
    {MARKUP_HTML, "<div a='1'b='2'c='3'd='4'>", "d='4'"},
    {MARKUP_HTML, "<div t=\"a > b\" a b c>", "c>"},
    {MARKUP_HTML, "<!-- <div a b c d> --><p>", NULL},
    {MARKUP_HTML, "<![CDATA[<div a b c d>]]>", "d>"},            /* not CDATA in HTML */
    {MARKUP_HTML, "<!DOCTYPE html a b c d><p>", NULL},
    {MARKUP_HTML, "<?php a b c d ?><p>", NULL},
};
/* clang-format on */

static long scan_whole(const struct scan_case *c)
{
    struct markup_scan s;
    markup_scan_init(&s, c->lang, CAP);
    enum markup_event ev;
    size_t n = strlen(c->doc);
    size_t at = markup_scan(&s, c->doc, n, &ev);
    return ev == MARKUP_FLOOD ? (long)at : -1;
}

static long scan_bytewise(const struct scan_case *c)
{
    struct markup_scan s;
    markup_scan_init(&s, c->lang, CAP);
    size_t n = strlen(c->doc);
    for (size_t i = 0; i < n; i++) {
        enum markup_event ev;
        size_t at = markup_scan(&s, c->doc + i, 1, &ev);
        if (ev == MARKUP_FLOOD)
            return (long)(i + at);
    }
    return -1;
}

static void test_scan(void)
{
    for (size_t i = 0; i < ARRAY_LEN(scan_cases); i++) {
        check_case("scan_cases[%zu] \"%s\"", i, scan_cases[i].doc);
        const struct scan_case *c = &scan_cases[i];
        long want = -1;
        if (c->flood_at) {
            const char *w = strstr(c->doc, c->flood_at);
            want = w ? (long)(w - c->doc) : -2;
        }
        long whole = scan_whole(c), bytes = scan_bytewise(c);
        CHECK_MSG(whole == want, "case %zu (%s): flood at %ld, want %ld", i, c->doc, whole, want);
        CHECK_MSG(bytes == want, "case %zu (%s) a byte at a time: flood at %ld, want %ld", i,
                  c->doc, bytes, want);
    }
    check_case_end();
}

/* Resuming after a flood: the end of that tag is reported, then scanning goes on. */
static void test_scan_resume(void)
{
    const char *doc = "<a p q r s t>x<b p q r s>";
    struct markup_scan s;
    markup_scan_init(&s, MARKUP_HTML, CAP);
    enum markup_event ev;
    size_t n = strlen(doc), i = 0;
    size_t at = markup_scan(&s, doc, n, &ev);
    CHECK_INT(ev, MARKUP_FLOOD);
    CHECK_INT(at, 9); /* "s" */
    i = at + 1;
    at = i + markup_scan(&s, doc + i, n - i, &ev);
    CHECK_INT(ev, MARKUP_FLOOD_END);
    CHECK_INT(at, 12); /* its '>' */
    i = at + 1;
    at = i + markup_scan(&s, doc + i, n - i, &ev);
    CHECK_INT(ev, MARKUP_FLOOD);
    CHECK_INT(at, 23); /* the second tag's "s" */
}

static void test_trim(void)
{
    static const struct {
        const char *in, *out; /* out NULL: nothing to cut */
    } cases[] = {
        {"<p a b c>x</p>", NULL},
        {"<p a b c d e f>x</p>", "<p a b c >x</p>"},
        {"<p a='1'b='2'c='3'd='4'e='5'>x<i>y</i>", "<p a='1'b='2'c='3'>x<i>y</i>"},
        {"<p a b c d e=\"<q>\">x</p><br a b c d>", "<p a b c >x</p><br a b c >"},
        {"<p a b c d e", "<p a b c >"}, /* cut off at the end of the document */
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        check_case("trim cases[%zu] \"%s\"", i, cases[i].in);
        size_t n = 0;
        char *got = markup_html_trim(cases[i].in, strlen(cases[i].in), CAP, &n);
        CHECK_STR(got, cases[i].out);
        if (got)
            CHECK_INT(n, strlen(cases[i].out));
        free(got);
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

static char *text_of(xmlNodePtr n)
{
    xmlChar *t = xmlNodeGetContent(n);
    char *s = xstrdup(t ? (const char *)t : "");
    xmlFree(t);
    return s;
}

static void test_html_parse(void)
{
    /* 40,000 attributes on one div: cut to the cap, the text after it intact. */
    struct buf doc = {0};
    buf_append_str(&doc, "<html><body><div");
    for (int i = 0; i < 40000; i++)
        buf_printf(&doc, i % 2 ? " a%d='1'" : " a%d=\"x\"", i);
    buf_append_str(&doc, "><p>The text after the flood.</p></div></body></html>");
    bool over = true;
    xmlDocPtr d = markup_html_parse(doc.data, doc.len, HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING,
                                    NULL, &over);
    CHECK(d != NULL);
    CHECK(!over);
    if (d) {
        xmlNodePtr body = xmlDocGetRootElement(d)->children;
        xmlNodePtr div = body ? body->children : NULL;
        CHECK_MSG(div && !strcmp((const char *)div->name, "div"), "no div under body");
        if (div) {
            int attrs = 0;
            for (xmlAttrPtr a = div->properties; a; a = a->next)
                attrs++;
            CHECK_INT(attrs, MARKUP_HTML_MAX_ATTRS);
            char *t = text_of(div);
            CHECK_STR(t, "The text after the flood.");
            free(t);
        }
        xmlFreeDoc(d);
    }
    buf_free(&doc);

    /* A budget that runs out: no tree, and the caller is told why. */
    buf_append_str(&doc, "<html><body>");
    for (int i = 0; i < 20000; i++)
        buf_append_str(&doc, "<p>x</p>");
    buf_append_str(&doc, "</body></html>");
    struct counting c = {.allow = 2};
    struct budget b = {.over = counting_over, .ctx = &c};
    d = markup_html_parse(doc.data, doc.len, HTML_PARSE_NOERROR, &b, &over);
    CHECK(d == NULL);
    CHECK(over);
    CHECK_INT(c.asked, 3); /* asked until it said no, then never again */
    /* ... and one that does not: the same tree as without a budget. */
    struct counting plenty = {.allow = 1000000};
    b.ctx = &plenty;
    d = markup_html_parse(doc.data, doc.len, HTML_PARSE_NOERROR, &b, &over);
    CHECK(d != NULL && !over);
    CHECK(plenty.asked > 2);
    if (d) {
        char *t = text_of(xmlDocGetRootElement(d));
        CHECK_INT(strlen(t), 20000);
        free(t);
        xmlFreeDoc(d);
    }
    buf_free(&doc);
}

static void test_is_html_document(void)
{
    static const struct {
        const char *in;
        bool want;
    } cases[] = {
        {"<!DOCTYPE html><html><body>x</body></html>", true},
        {"\xEF\xBB\xBF  \n<!doctype HTML>\n<p>x", true},
        {"<?xml version='1.0'?>\n<html xmlns='http://www.w3.org/1999/xhtml'>", true},
        {"<!-- saved --><!-- twice -->\n<BODY bgcolor=white>", true},
        {"<head><title>t</title></head>", true},
        {"<html>", true},
        {"Every page starts with <html> and ends with </html>.", false},
        {"<p>A fragment, as in a description.</p>", false},
        {"<rss version='2.0'><channel>", false},
        {"<htmlx>", false},
        {"<!-- never closed <html>", false},
        {"", false},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        check_case("html document cases[%zu] \"%s\"", i, cases[i].in);
        CHECK_MSG(markup_is_html_document(cases[i].in, strlen(cases[i].in)) == cases[i].want,
                  "case %zu: %s", i, cases[i].in);
    }
    check_case_end();
}

int main(void)
{
    xmlInitParser();
    test_scan();
    test_scan_resume();
    test_trim();
    test_html_parse();
    test_is_html_document();
    return check_done();
}
