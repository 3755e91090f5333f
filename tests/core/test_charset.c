/*
 * Tests for core/charset: every step of the sniffing order and every decoder, on small
 * documents written for these tests (bytes spelled out where the encoding matters).
 */
#include "check.h"
#include "core/charset.h"
#include "core/text.h"
#include "core/util.h"

#include <stdlib.h>

struct cs_case {
    const char *name;
    const char *in;
    size_t len; /* 0: strlen(in) */
    const char *http;
    enum charset_doc doc;
    const char *want;     /* UTF-8 result */
    const char *encoding; /* expected canonical name */
    bool fell_back;
};

#define X    CHARSET_DOC_XML
#define H    CHARSET_DOC_HTML
#define T    CHARSET_DOC_TEXT
#define L(s) s, sizeof(s) - 1

/* clang-format off */
static const struct cs_case cases[] = {
    /* Plain ASCII and UTF-8 */
    {"ascii", "<rss/>", 0, NULL, X, "<rss/>", "UTF-8", false},
    {"empty", "", 0, NULL, X, "", "UTF-8", false},
    {"utf-8", "<t>caf\xC3\xA9</t>", 0, "utf-8", X, "<t>caf\xC3\xA9</t>", "UTF-8", false},
    {"utf-8 undeclared", "<t>\xE2\x82\xAC</t>", 0, NULL, X, "<t>\xE2\x82\xAC</t>", "UTF-8",
     false},

    /* Byte order marks: removed from the output */
    {"utf-8 bom", "\xEF\xBB\xBF<a>\xC3\xA9</a>", 0, "iso-8859-1", X, "<a>\xC3\xA9</a>", "UTF-8",
     false},
    {"utf-16le bom", L("\xFF\xFE<\0a\0>\0\xE9\0"), NULL, X, "<a>\xC3\xA9", "UTF-16LE", false},
    {"utf-16be bom", L("\xFE\xFF\0<\0a\0>\x20\xAC"), NULL, X, "<a>\xE2\x82\xAC", "UTF-16BE",
     false},
    {"utf-32le bom", L("\xFF\xFE\0\0<\0\0\0\x00\xF6\x01\0"), NULL, X, "<\xF0\x9F\x98\x80",
     "UTF-32LE", false},
    {"utf-32be bom", L("\0\0\xFE\xFF\0\0\0<\0\0\0\xE9"), NULL, X, "<\xC3\xA9", "UTF-32BE",
     false},

    /* UTF-16/32 without a BOM, from the zero pattern, whatever the label says */
    {"utf-16le no bom", L("<\0?\0x\0m\0l\0?\0>\0"), "utf-8", X, "<?xml?>", "UTF-16LE", false},
    {"utf-16be no bom", L("\0<\0?\0x\0m\0l\0?\0>"), NULL, X, "<?xml?>", "UTF-16BE", false},
    {"utf-32le no bom", L("<\0\0\0a\0\0\0"), NULL, X, "<a", "UTF-32LE", false},
    {"utf-32be no bom", L("\0\0\0<\0\0\0a"), NULL, X, "<a", "UTF-32BE", false},
    {"utf-16 surrogates", L("\xFF\xFE\x3D\xD8\x00\xDE" "a\0\x3D\xD8" "b\0"), NULL, T,
     "\xF0\x9F\x98\x80" "a\xEF\xBF\xBD" "b", "UTF-16LE", false},
    {"utf-16 odd length", L("\xFF\xFE" "a\0b"), NULL, T, "a\xEF\xBF\xBD", "UTF-16LE", false},

    /* Labels: HTTP first, then the XML declaration */
    {"latin1 label", "<t>caf\xE9 \x80</t>", 0, "ISO-8859-1", X, "<t>caf\xC3\xA9 \xE2\x82\xAC</t>",
     "windows-1252", false},
    {"us-ascii label", "<t>\x92</t>", 0, "us-ascii", X, "<t>\xE2\x80\x99</t>", "windows-1252",
     false},
    {"cp1252 undefined bytes", "\x81\x8D\x8F\x90\x9D", 0, "windows-1252", T,
     "\xC2\x81\xC2\x8D\xC2\x8F\xC2\x90\xC2\x9D", "windows-1252", false},
    {"xml decl koi8-r",
     "<?xml version=\"1.0\" encoding=\"koi8-r\"?><t>\xF0\xD2\xC9\xD7\xC5\xD4</t>", 0, NULL, X,
     "<?xml version=\"1.0\" encoding=\"koi8-r\"?>"
     "<t>\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82</t>",
     "KOI8-R", false},
    {"http beats xml decl", "<?xml version='1.0' encoding='utf-8'?><t>\xF0\xD2\xC9</t>", 0,
     "koi8-r", X, "<?xml version='1.0' encoding='utf-8'?><t>\xD0\x9F\xD1\x80\xD0\xB8</t>",
     "KOI8-R", false},
    {"windows-1251", "\xCF\xF0\xE8\xE2\xE5\xF2", 0, "cp1251", T,
     "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82", "windows-1251", false},
    {"unknown label ignored", "\xA4", 0, "latin-9-is-not-a-label", T, "\xC2\xA4",
     "windows-1252", true},
    {"iso-8859-15 label", "\xA4", 0, "ISO-8859-15", T, "\xE2\x82\xAC", "ISO-8859-15", false},
    {"shift_jis", "\x93\xFA\x96\x7B", 0, "Shift_JIS", T, "\xE6\x97\xA5\xE6\x9C\xAC", "Shift_JIS",
     false},
    {"euc-jp", "\xC6\xFC\xCB\xDC", 0, "euc-jp", T, "\xE6\x97\xA5\xE6\x9C\xAC", "EUC-JP", false},
    {"gb2312", "\xD6\xD0\xCE\xC4", 0, "gb2312", T, "\xE4\xB8\xAD\xE6\x96\x87", "GBK", false},
    {"big5", "\xA4\xA4\xA4\xE5", 0, "big5", T, "\xE4\xB8\xAD\xE6\x96\x87", "Big5", false},
    {"iso-2022-jp", "\x1B$BF|K\\\x1B(B!", 0, "iso-2022-jp", T, "\xE6\x97\xA5\xE6\x9C\xAC!",
     "ISO-2022-JP", false},
    {"euc-kr", "\xC7\xD1\xB1\xDB", 0, "EUC-KR", T, "\xED\x95\x9C\xEA\xB8\x80", "EUC-KR", false},
    {"greek in xml decl", "<?xml version=\"1.0\" encoding=\"ISO-8859-7\" ?>\xC5\xEB", 0, NULL, X,
     "<?xml version=\"1.0\" encoding=\"ISO-8859-7\" ?>\xCE\x95\xCE\xBB", "ISO-8859-7", false},
    {"quoted http label", "\xF0", 0, " \"KOI8-R\" ", T, "\xD0\x9F", "KOI8-R", false},
    {"unknown http label, xml decl used", "<?xml version='1.0' encoding='windows-1251'?>\xCF", 0,
     "x-made-up", X, "<?xml version='1.0' encoding='windows-1251'?>\xD0\x9F", "windows-1251",
     false},
    {"latin1 xml decl, utf-8 bytes", "<?xml version='1.0' encoding='ISO-8859-1'?>\xC3\xA9", 0,
     NULL, X, "<?xml version='1.0' encoding='ISO-8859-1'?>\xC3\xA9", "UTF-8", true},
    {"latin1 decl, ascii only", "<?xml version='1.0' encoding='ISO-8859-1'?><a/>", 0, NULL, X,
     "<?xml version='1.0' encoding='ISO-8859-1'?><a/>", "windows-1252", false},
    {"utf-8 bom, cp1252 bytes", "\xEF\xBB\xBF\xE9t\xE9", 0, NULL, X, "\xC3\xA9t\xC3\xA9",
     "windows-1252", true},
    /* two byte order marks, then bytes that are not UTF-8: neither mark is kept (found by
     * fuzz_charset) */
    {"two utf-8 boms, cp1252 bytes", "\xEF\xBB\xBF\xEF\xBB\xBF<a/\xFE>", 0, NULL, X,
     "<a/\xC3\xBE>", "windows-1252", true},
    {"shift_jis bad byte", "a\xFF" "b", 0, "shift_jis", T, "a\xEF\xBF\xBD" "b", "Shift_JIS",
     false},

    /* Wrong labels */
    {"utf-8 label, cp1252 bytes", "<t>caf\xE9 \x93q\x94</t>", 0, "utf-8", X,
     "<t>caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D</t>", "windows-1252", true},
    {"xml utf-8 decl, cp1252 bytes", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><t>\xE9</t>", 0,
     NULL, X, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><t>\xC3\xA9</t>", "windows-1252", true},
    {"undeclared xml, cp1252 bytes", "<t>\xE9</t>", 0, NULL, X, "<t>\xC3\xA9</t>",
     "windows-1252", true},
    {"latin1 label, utf-8 bytes", "<t>caf\xC3\xA9</t>", 0, "iso-8859-1", X, "<t>caf\xC3\xA9</t>",
     "UTF-8", true},
    {"utf-8 http, koi8 decl, koi8 bytes", "<?xml version='1.0' encoding='koi8-r'?>\xF0", 0,
     "utf-8", X, "<?xml version='1.0' encoding='koi8-r'?>\xD0\x9F", "KOI8-R", true},
    {"utf-16 decl on ascii", "<?xml version=\"1.0\" encoding=\"utf-16\"?><a/>", 0, NULL, X,
     "<?xml version=\"1.0\" encoding=\"utf-16\"?><a/>", "UTF-8", true},

    /* HTML meta prescan */
    {"meta charset", "<html><head><meta charset=\"koi8-r\"><title>\xF0</title>", 0, NULL, H,
     "<html><head><meta charset=\"koi8-r\"><title>\xD0\x9F</title>", "KOI8-R", false},
    {"meta http-equiv",
     "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">\xCF",
     0, NULL, H,
     "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">\xD0\x9F",
     "windows-1251", false},
    {"meta in comment ignored", "<!-- <meta charset=koi8-r> --><p>\xC3\xA9", 0, NULL, H,
     "<!-- <meta charset=koi8-r> --><p>\xC3\xA9", "UTF-8", false},
    {"meta content before http-equiv",
     "<meta content='text/html; charset=koi8-r' http-equiv='content-type'>\xF0", 0, NULL, H,
     "<meta content='text/html; charset=koi8-r' http-equiv='content-type'>\xD0\x9F", "KOI8-R",
     false},
    {"meta content without http-equiv ignored", "<meta content='charset=koi8-r'>\xC3\xA9", 0,
     NULL, H, "<meta content='charset=koi8-r'>\xC3\xA9", "UTF-8", false},
    {"meta utf-16 means utf-8", "<meta charset=utf-16><p>\xC3\xA9", 0, NULL, H,
     "<meta charset=utf-16><p>\xC3\xA9", "UTF-8", true},
    {"http beats meta", "<meta charset=koi8-r>\xCF", 0, "windows-1251", H,
     "<meta charset=koi8-r>\xD0\x9F", "windows-1251", false},
    {"html undeclared cp1252", "<p>\xE9", 0, NULL, H, "<p>\xC3\xA9", "windows-1252", false},
};
/* clang-format on */

static void test_table(void)
{
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        check_case("cases[%zu] %s", i, cases[i].name);
        const struct cs_case *c = &cases[i];
        size_t len = c->len ? c->len : strlen(c->in);
        struct charset_result r;
        struct error err = {0};
        bool ok = charset_to_utf8(c->in, len, c->http, c->doc, &r, &err);
        CHECK_MSG(ok, "%s: %s", c->name, err.msg);
        if (!ok)
            continue;
        CHECK_MSG(r.len == strlen(c->want) && memcmp(r.text, c->want, r.len) == 0,
                  "%s: got \"%s\" (%zu bytes), want \"%s\"", c->name, r.text, r.len, c->want);
        CHECK_MSG(strcmp(r.encoding, c->encoding) == 0, "%s: encoding %s, want %s", c->name,
                  r.encoding, c->encoding);
        CHECK_MSG(r.fell_back == c->fell_back, "%s: fell_back %d", c->name, r.fell_back);
        CHECK_MSG(text_is_valid_utf8(r.text, r.len), "%s: invalid UTF-8 out", c->name);
        free(r.text);
    }
    check_case_end();
}

static void test_content_type(void)
{
    char cs[32];
    CHECK(charset_from_content_type("text/xml; charset=utf-8", cs, sizeof cs));
    CHECK_STR(cs, "utf-8");
    CHECK(charset_from_content_type("application/rss+xml;Charset=\"ISO-8859-1\"", cs, sizeof cs));
    CHECK_STR(cs, "ISO-8859-1");
    CHECK(charset_from_content_type("text/html; q=1 ; charset = koi8-r ; x=y", cs, sizeof cs));
    CHECK_STR(cs, "koi8-r");
    CHECK(!charset_from_content_type("text/xml", cs, sizeof cs));
    CHECK(!charset_from_content_type("text/xml; charset=", cs, sizeof cs));
    CHECK(!charset_from_content_type("text/xml; charset=\"\"", cs, sizeof cs));
    CHECK(!charset_from_content_type(NULL, cs, sizeof cs));
    CHECK(!charset_from_content_type("text/xml; charset=abcdefghijklmnopqrstuvwxyz0123456789", cs,
                                     sizeof cs));
}

static void test_edges(void)
{
    struct charset_result r;
    struct error err = {0};
    /* NULL, empty and tiny documents */
    CHECK(charset_to_utf8(NULL, 0, NULL, X, &r, &err));
    CHECK(r.text && r.len == 0 && r.text[0] == '\0');
    free(r.text);
    CHECK(charset_to_utf8("\xFF\xFE", 2, NULL, X, &r, &err));
    CHECK_STR(r.encoding, "UTF-16LE");
    CHECK_INT(r.len, 0);
    free(r.text);
    CHECK(charset_to_utf8("\xEF\xBB", 2, "utf-8", X, &r, NULL));
    CHECK_STR(r.encoding, "windows-1252");
    CHECK(r.fell_back);
    free(r.text);
    /* a <meta> past the first 1024 bytes is not looked at */
    struct buf b = {0};
    for (int i = 0; i < 120; i++)
        buf_append_str(&b, "<p>padding</p>");
    buf_append_str(&b, "<meta charset=koi8-r>\xC3\xA9");
    CHECK(charset_to_utf8(b.data, b.len, NULL, H, &r, &err));
    CHECK_STR(r.encoding, "UTF-8");
    free(r.text);
    buf_free(&b);
    /* embedded NULs survive (len counts them) */
    CHECK(charset_to_utf8("a\0b", 3, NULL, T, &r, &err));
    CHECK_INT(r.len, 3);
    CHECK(r.len == 3 && memcmp(r.text, "a\0b", 3) == 0);
    free(r.text);
}

/* UTF-8 with a few windows-1252 bytes pasted in: the UTF-8 stays, only the stray bytes are
 * read as windows-1252 (a CMS fed from a word processor). */
static void test_mixed_utf8_win1252(void)
{
    static const struct {
        const char *in, *label, *want, *encoding;
    } mixed[] = {
        {"<t>Caf\xC3\xA9 it\x92s</t>", "utf-8", "<t>Caf\xC3\xA9 it\xE2\x80\x99s</t>", "UTF-8"},
        {"<t>Caf\xC3\xA9 it\x92s</t>", NULL, "<t>Caf\xC3\xA9 it\xE2\x80\x99s</t>", "UTF-8"},
        {"\xEF\xBB\xBF<t>\x84Zitat\x93 \xE2\x82\xAC</t>", NULL,
         "<t>\xE2\x80\x9EZitat\xE2\x80\x9C \xE2\x82\xAC</t>", "UTF-8"},
        /* no valid UTF-8 at all: plain windows-1252 */
        {"<t>M\xFCnchen \x96 Gr\xFC\xDF"
         "e</t>",
         "utf-8",
         "<t>M\xC3\xBCnchen \xE2\x80\x93 Gr\xC3\xBC\xC3\x9F"
         "e</t>",
         "windows-1252"},
        /* a real U+FFFD is kept; a truncated sequence is not taken for one */
        {"<t>\xEF\xBF\xBD \xE9</t>", "utf-8", "<t>\xEF\xBF\xBD \xC3\xA9</t>", "UTF-8"},
    };
    for (size_t i = 0; i < ARRAY_LEN(mixed); i++) {
        check_case("mixed[%zu] \"%s\"", i, mixed[i].in);
        struct charset_result r;
        struct error err = {0};
        CHECK(charset_to_utf8(mixed[i].in, strlen(mixed[i].in), mixed[i].label, CHARSET_DOC_XML, &r,
                              &err));
        CHECK_STR(r.text, mixed[i].want);
        CHECK_STR(r.encoding, mixed[i].encoding);
        CHECK(r.fell_back);
        free(r.text);
    }
    check_case_end();
}

static void test_unsupported(void)
{
    struct charset_result r;
    struct error err = {0};
    CHECK(!charset_to_utf8("abc", 3, "iso-2022-kr", X, &r, &err));
    CHECK(strstr(err.msg, "ISO-2022-KR") != NULL);
    CHECK(r.text == NULL);
}

/* Mojibake repair: only what reads back whole, and nothing else. */
static void test_mojibake(void)
{
    static const struct {
        const char *in, *want; /* want NULL: left alone */
    } moji[] = {
        /* read as ISO-8859-1 (and C1 controls kept, as &#128; gives them) */
        {"\xC3\x83\xC2\xBC"
         "ber",
         "\xC3\xBC"
         "ber"}, /* Ã¼ber */
        {"Stra\xC3\x83\xC2\x9F"
         "e",
         "Stra\xC3\x9F"
         "e"},                                                /* StraÃ\x9fe */
        {"a \xC3\xA2\xC2\x80\xC2\xA6 b", "a \xE2\x80\xA6 b"}, /* â\x80¦ */
        /* read as windows-1252: €, ™ ... stand for bytes 0x80-0x9F */
        {"\xC3\xA2\xE2\x82\xAC\xC2\xA6", "\xE2\x80\xA6"}, /* â€¦ */
        {"\xC3\xA2\xE2\x82\xAC\xC5\x93Zitat\xC3\xA2\xE2\x82\xAC\xC2\x9D",
         "\xE2\x80\x9CZitat\xE2\x80\x9D"}, /* â€œZitatâ€\x9d (U+009D kept) */
        {"<p>M\xC3\x83\xC2\xBCnchen</p>", "<p>M\xC3\xBCnchen</p>"}, /* markup is ASCII */
        /* left alone */
        {"Gr\xC3\xBC\xC3\x9F"
         "e",
         NULL},                                           /* Grüße: not double-encoded */
        {"\xC3\x83\xC2\xBC und \xC3\xBC", NULL},          /* Ã¼ beside a real ü: mixed */
        {"\xC3\x83\xC2\xBC \xE2\x82\xAC \xC5\x81", NULL}, /* Ł: in neither encoding */
        {"\xC3\x83 alone", NULL},                         /* Ã then ' ': no sequence */
        {"plain ascii", NULL},
        {"\xC3\x82\xC2\x85", NULL}, /* Â\x85 would be U+0085, a control: no */
        {"\xC3\xA9\xFF", NULL},     /* invalid UTF-8 in */
        {"", NULL},
    };
    for (size_t i = 0; i < ARRAY_LEN(moji); i++) {
        check_case("moji[%zu] \"%s\"", i, moji[i].in);
        size_t n = 0;
        char *got = charset_fix_mojibake(moji[i].in, strlen(moji[i].in), &n);
        CHECK_MSG((got == NULL) == (moji[i].want == NULL) &&
                      (!got || (n == strlen(moji[i].want) && !strcmp(got, moji[i].want))),
                  "case %zu (%s): got %s, want %s", i, moji[i].in, got ? got : "NULL",
                  moji[i].want ? moji[i].want : "NULL");
        free(got);
    }
    check_case_end();
}

int main(void)
{
    test_table();
    test_content_type();
    test_edges();
    test_unsupported();
    test_mixed_utf8_win1252();
    test_mojibake();
    return check_done();
}
