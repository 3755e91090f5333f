/*
 * Getting documents into UTF-8. Sniffing follows the order in charset.h; the label table is
 * the WHATWG Encoding Standard's (facts), plus UTF-32, which the standard drops but old feeds
 * still use.
 *
 * Decoders: UTF-8 (validated, passed through), windows-1252, UTF-16 and UTF-32 are written
 * here, because they are short and their error handling must be ours: glibc's CP1252 rejects
 * the five bytes windows-1252 leaves undefined (WHATWG maps them to U+0081 ...), and its
 * UTF-16 stops at an unpaired surrogate. Everything else (KOI8-R, Shift_JIS, GBK, Big5 ...)
 * goes through glibc iconv, with each undecodable byte replaced by U+FFFD.
 *
 * Where we depart from the WHATWG sniffing:
 * - a UTF-16/UTF-32 document without a BOM is recognised by its zero bytes around the first
 *   ASCII characters ("<\0?\0"), as XML's appendix F does, and that beats any label;
 * - a label of UTF-8 on bytes that are not UTF-8 falls back (to the document's own
 *   declaration when it names something else, else windows-1252), and a windows-1252 family
 *   label (iso-8859-1, us-ascii ...) on bytes that are valid UTF-8 with non-ASCII characters
 *   is taken as UTF-8: real windows-1252 text is valid UTF-8 only by rare accident, while
 *   servers labelling UTF-8 feeds "ISO-8859-1" are common. Both set fell_back.
 * - a UTF-16/32 label on a document without a BOM or zero bytes is ignored (the bytes are
 *   plainly ASCII-compatible), as WHATWG does for <meta charset=utf-16>.
 */
#include "core/charset.h"

#include "core/text.h"
#include "core/util.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum decoder {
    DEC_UTF8,
    DEC_WIN1252,
    DEC_UTF16LE,
    DEC_UTF16BE,
    DEC_UTF32LE,
    DEC_UTF32BE,
    DEC_ICONV,
    DEC_UNSUPPORTED, /* WHATWG's "replacement" encodings: ISO-2022-KR, HZ ... */
};

struct encoding {
    const char *name; /* canonical (WHATWG) name, reported in charset_result.encoding */
    enum decoder dec;
    const char *iconv; /* glibc name for DEC_ICONV */
};

/* clang-format off */
enum {
    E_UTF8, E_WIN1252, E_UTF16LE, E_UTF16BE, E_UTF32LE, E_UTF32BE, E_IBM866, E_ISO2, E_ISO3,
    E_ISO4, E_ISO5, E_ISO6, E_ISO7, E_ISO8, E_ISO8I, E_ISO10, E_ISO13, E_ISO14, E_ISO15,
    E_ISO16, E_KOI8R, E_KOI8U, E_MAC, E_WIN874, E_WIN1250, E_WIN1251, E_WIN1253, E_WIN1254,
    E_WIN1255, E_WIN1256, E_WIN1257, E_WIN1258, E_MACCYR, E_GBK, E_GB18030, E_BIG5, E_EUCJP,
    E_ISO2022JP, E_SJIS, E_EUCKR, E_REPLACEMENT,
};
/* clang-format on */

static const struct encoding encodings[] = {
    [E_UTF8] = {"UTF-8", DEC_UTF8, NULL},
    [E_WIN1252] = {"windows-1252", DEC_WIN1252, NULL},
    [E_UTF16LE] = {"UTF-16LE", DEC_UTF16LE, NULL},
    [E_UTF16BE] = {"UTF-16BE", DEC_UTF16BE, NULL},
    [E_UTF32LE] = {"UTF-32LE", DEC_UTF32LE, NULL},
    [E_UTF32BE] = {"UTF-32BE", DEC_UTF32BE, NULL},
    [E_IBM866] = {"IBM866", DEC_ICONV, "CP866"},
    [E_ISO2] = {"ISO-8859-2", DEC_ICONV, "ISO-8859-2"},
    [E_ISO3] = {"ISO-8859-3", DEC_ICONV, "ISO-8859-3"},
    [E_ISO4] = {"ISO-8859-4", DEC_ICONV, "ISO-8859-4"},
    [E_ISO5] = {"ISO-8859-5", DEC_ICONV, "ISO-8859-5"},
    [E_ISO6] = {"ISO-8859-6", DEC_ICONV, "ISO-8859-6"},
    [E_ISO7] = {"ISO-8859-7", DEC_ICONV, "ISO-8859-7"},
    [E_ISO8] = {"ISO-8859-8", DEC_ICONV, "ISO-8859-8"},
    [E_ISO8I] = {"ISO-8859-8-I", DEC_ICONV, "ISO-8859-8"},
    [E_ISO10] = {"ISO-8859-10", DEC_ICONV, "ISO-8859-10"},
    [E_ISO13] = {"ISO-8859-13", DEC_ICONV, "ISO-8859-13"},
    [E_ISO14] = {"ISO-8859-14", DEC_ICONV, "ISO-8859-14"},
    [E_ISO15] = {"ISO-8859-15", DEC_ICONV, "ISO-8859-15"},
    [E_ISO16] = {"ISO-8859-16", DEC_ICONV, "ISO-8859-16"},
    [E_KOI8R] = {"KOI8-R", DEC_ICONV, "KOI8-R"},
    [E_KOI8U] = {"KOI8-U", DEC_ICONV, "KOI8-U"},
    [E_MAC] = {"macintosh", DEC_ICONV, "MACINTOSH"},
    [E_WIN874] = {"windows-874", DEC_ICONV, "CP874"},
    [E_WIN1250] = {"windows-1250", DEC_ICONV, "CP1250"},
    [E_WIN1251] = {"windows-1251", DEC_ICONV, "CP1251"},
    [E_WIN1253] = {"windows-1253", DEC_ICONV, "CP1253"},
    [E_WIN1254] = {"windows-1254", DEC_ICONV, "CP1254"},
    [E_WIN1255] = {"windows-1255", DEC_ICONV, "CP1255"},
    [E_WIN1256] = {"windows-1256", DEC_ICONV, "CP1256"},
    [E_WIN1257] = {"windows-1257", DEC_ICONV, "CP1257"},
    [E_WIN1258] = {"windows-1258", DEC_ICONV, "CP1258"},
    [E_MACCYR] = {"x-mac-cyrillic", DEC_ICONV, "MAC-CYRILLIC"},
    /* WHATWG decodes GBK (and so GB2312) with the gb18030 decoder, a superset. */
    [E_GBK] = {"GBK", DEC_ICONV, "GB18030"},
    [E_GB18030] = {"gb18030", DEC_ICONV, "GB18030"},
    /* WHATWG Big5 is Big5-HKSCS; its Shift_JIS is Microsoft's (CP932); EUC-KR is CP949. */
    [E_BIG5] = {"Big5", DEC_ICONV, "BIG5-HKSCS"},
    [E_EUCJP] = {"EUC-JP", DEC_ICONV, "EUC-JP"},
    [E_ISO2022JP] = {"ISO-2022-JP", DEC_ICONV, "ISO-2022-JP"},
    [E_SJIS] = {"Shift_JIS", DEC_ICONV, "CP932"},
    [E_EUCKR] = {"EUC-KR", DEC_ICONV, "CP949"},
    [E_REPLACEMENT] = {"replacement", DEC_UNSUPPORTED, NULL},
};

struct label {
    const char *label;
    int enc;
};

/* clang-format off */
/* The WHATWG Encoding Standard's labels (lower case), plus utf-32. */
static const struct label labels[] = {
    {"unicode-1-1-utf-8", E_UTF8}, {"unicode11utf8", E_UTF8}, {"unicode20utf8", E_UTF8},
    {"utf-8", E_UTF8}, {"utf8", E_UTF8}, {"x-unicode20utf8", E_UTF8},
    {"866", E_IBM866}, {"cp866", E_IBM866}, {"csibm866", E_IBM866}, {"ibm866", E_IBM866},
    {"csisolatin2", E_ISO2}, {"iso-8859-2", E_ISO2}, {"iso-ir-101", E_ISO2},
    {"iso8859-2", E_ISO2}, {"iso88592", E_ISO2}, {"iso_8859-2", E_ISO2},
    {"iso_8859-2:1987", E_ISO2}, {"l2", E_ISO2}, {"latin2", E_ISO2},
    {"csisolatin3", E_ISO3}, {"iso-8859-3", E_ISO3}, {"iso-ir-109", E_ISO3},
    {"iso8859-3", E_ISO3}, {"iso88593", E_ISO3}, {"iso_8859-3", E_ISO3},
    {"iso_8859-3:1988", E_ISO3}, {"l3", E_ISO3}, {"latin3", E_ISO3},
    {"csisolatin4", E_ISO4}, {"iso-8859-4", E_ISO4}, {"iso-ir-110", E_ISO4},
    {"iso8859-4", E_ISO4}, {"iso88594", E_ISO4}, {"iso_8859-4", E_ISO4},
    {"iso_8859-4:1988", E_ISO4}, {"l4", E_ISO4}, {"latin4", E_ISO4},
    {"csisolatincyrillic", E_ISO5}, {"cyrillic", E_ISO5}, {"iso-8859-5", E_ISO5},
    {"iso-ir-144", E_ISO5}, {"iso8859-5", E_ISO5}, {"iso88595", E_ISO5},
    {"iso_8859-5", E_ISO5}, {"iso_8859-5:1988", E_ISO5},
    {"arabic", E_ISO6}, {"asmo-708", E_ISO6}, {"csiso88596e", E_ISO6}, {"csiso88596i", E_ISO6},
    {"csisolatinarabic", E_ISO6}, {"ecma-114", E_ISO6}, {"iso-8859-6", E_ISO6},
    {"iso-8859-6-e", E_ISO6}, {"iso-8859-6-i", E_ISO6}, {"iso-ir-127", E_ISO6},
    {"iso8859-6", E_ISO6}, {"iso88596", E_ISO6}, {"iso_8859-6", E_ISO6},
    {"iso_8859-6:1987", E_ISO6},
    {"csisolatingreek", E_ISO7}, {"ecma-118", E_ISO7}, {"elot_928", E_ISO7}, {"greek", E_ISO7},
    {"greek8", E_ISO7}, {"iso-8859-7", E_ISO7}, {"iso-ir-126", E_ISO7}, {"iso8859-7", E_ISO7},
    {"iso88597", E_ISO7}, {"iso_8859-7", E_ISO7}, {"iso_8859-7:1987", E_ISO7},
    {"sun_eu_greek", E_ISO7},
    {"csiso88598e", E_ISO8}, {"csisolatinhebrew", E_ISO8}, {"hebrew", E_ISO8},
    {"iso-8859-8", E_ISO8}, {"iso-8859-8-e", E_ISO8}, {"iso-ir-138", E_ISO8},
    {"iso8859-8", E_ISO8}, {"iso88598", E_ISO8}, {"iso_8859-8", E_ISO8},
    {"iso_8859-8:1988", E_ISO8}, {"visual", E_ISO8},
    {"csiso88598i", E_ISO8I}, {"iso-8859-8-i", E_ISO8I}, {"logical", E_ISO8I},
    {"csisolatin6", E_ISO10}, {"iso-8859-10", E_ISO10}, {"iso-ir-157", E_ISO10},
    {"iso8859-10", E_ISO10}, {"iso885910", E_ISO10}, {"l6", E_ISO10}, {"latin6", E_ISO10},
    {"iso-8859-13", E_ISO13}, {"iso8859-13", E_ISO13}, {"iso885913", E_ISO13},
    {"iso-8859-14", E_ISO14}, {"iso8859-14", E_ISO14}, {"iso885914", E_ISO14},
    {"csisolatin9", E_ISO15}, {"iso-8859-15", E_ISO15}, {"iso8859-15", E_ISO15},
    {"iso885915", E_ISO15}, {"iso_8859-15", E_ISO15}, {"l9", E_ISO15},
    {"iso-8859-16", E_ISO16},
    {"cskoi8r", E_KOI8R}, {"koi", E_KOI8R}, {"koi8", E_KOI8R}, {"koi8-r", E_KOI8R},
    {"koi8_r", E_KOI8R},
    {"koi8-ru", E_KOI8U}, {"koi8-u", E_KOI8U},
    {"csmacintosh", E_MAC}, {"mac", E_MAC}, {"macintosh", E_MAC}, {"x-mac-roman", E_MAC},
    {"dos-874", E_WIN874}, {"iso-8859-11", E_WIN874}, {"iso8859-11", E_WIN874},
    {"iso885911", E_WIN874}, {"tis-620", E_WIN874}, {"windows-874", E_WIN874},
    {"cp1250", E_WIN1250}, {"windows-1250", E_WIN1250}, {"x-cp1250", E_WIN1250},
    {"cp1251", E_WIN1251}, {"windows-1251", E_WIN1251}, {"x-cp1251", E_WIN1251},
    {"ansi_x3.4-1968", E_WIN1252}, {"ascii", E_WIN1252}, {"cp1252", E_WIN1252},
    {"cp819", E_WIN1252}, {"csisolatin1", E_WIN1252}, {"ibm819", E_WIN1252},
    {"iso-8859-1", E_WIN1252}, {"iso-ir-100", E_WIN1252}, {"iso8859-1", E_WIN1252},
    {"iso88591", E_WIN1252}, {"iso_8859-1", E_WIN1252}, {"iso_8859-1:1987", E_WIN1252},
    {"l1", E_WIN1252}, {"latin1", E_WIN1252}, {"us-ascii", E_WIN1252},
    {"windows-1252", E_WIN1252}, {"x-cp1252", E_WIN1252},
    {"cp1253", E_WIN1253}, {"windows-1253", E_WIN1253}, {"x-cp1253", E_WIN1253},
    {"cp1254", E_WIN1254}, {"csisolatin5", E_WIN1254}, {"iso-8859-9", E_WIN1254},
    {"iso-ir-148", E_WIN1254}, {"iso8859-9", E_WIN1254}, {"iso88599", E_WIN1254},
    {"iso_8859-9", E_WIN1254}, {"iso_8859-9:1989", E_WIN1254}, {"l5", E_WIN1254},
    {"latin5", E_WIN1254}, {"windows-1254", E_WIN1254}, {"x-cp1254", E_WIN1254},
    {"cp1255", E_WIN1255}, {"windows-1255", E_WIN1255}, {"x-cp1255", E_WIN1255},
    {"cp1256", E_WIN1256}, {"windows-1256", E_WIN1256}, {"x-cp1256", E_WIN1256},
    {"cp1257", E_WIN1257}, {"windows-1257", E_WIN1257}, {"x-cp1257", E_WIN1257},
    {"cp1258", E_WIN1258}, {"windows-1258", E_WIN1258}, {"x-cp1258", E_WIN1258},
    {"x-mac-cyrillic", E_MACCYR}, {"x-mac-ukrainian", E_MACCYR},
    {"chinese", E_GBK}, {"csgb2312", E_GBK}, {"csiso58gb231280", E_GBK}, {"gb2312", E_GBK},
    {"gb_2312", E_GBK}, {"gb_2312-80", E_GBK}, {"gbk", E_GBK}, {"iso-ir-58", E_GBK},
    {"x-gbk", E_GBK},
    {"gb18030", E_GB18030},
    {"big5", E_BIG5}, {"big5-hkscs", E_BIG5}, {"cn-big5", E_BIG5}, {"csbig5", E_BIG5},
    {"x-x-big5", E_BIG5},
    {"cseucpkdfmtjapanese", E_EUCJP}, {"euc-jp", E_EUCJP}, {"x-euc-jp", E_EUCJP},
    {"csiso2022jp", E_ISO2022JP}, {"iso-2022-jp", E_ISO2022JP},
    {"csshiftjis", E_SJIS}, {"ms932", E_SJIS}, {"ms_kanji", E_SJIS}, {"shift-jis", E_SJIS},
    {"shift_jis", E_SJIS}, {"sjis", E_SJIS}, {"windows-31j", E_SJIS}, {"x-sjis", E_SJIS},
    {"cseuckr", E_EUCKR}, {"csksc56011987", E_EUCKR}, {"euc-kr", E_EUCKR},
    {"iso-ir-149", E_EUCKR}, {"korean", E_EUCKR}, {"ks_c_5601-1987", E_EUCKR},
    {"ks_c_5601-1989", E_EUCKR}, {"ksc5601", E_EUCKR}, {"ksc_5601", E_EUCKR},
    {"windows-949", E_EUCKR},
    {"csiso2022kr", E_REPLACEMENT}, {"hz-gb-2312", E_REPLACEMENT},
    {"iso-2022-cn", E_REPLACEMENT}, {"iso-2022-cn-ext", E_REPLACEMENT},
    {"iso-2022-kr", E_REPLACEMENT}, {"replacement", E_REPLACEMENT},
    {"unicodefffe", E_UTF16BE}, {"utf-16be", E_UTF16BE},
    {"csunicode", E_UTF16LE}, {"iso-10646-ucs-2", E_UTF16LE}, {"ucs-2", E_UTF16LE},
    {"unicode", E_UTF16LE}, {"unicodefeff", E_UTF16LE}, {"utf-16", E_UTF16LE},
    {"utf-16le", E_UTF16LE},
    {"utf-32", E_UTF32LE}, {"utf-32le", E_UTF32LE}, {"utf-32be", E_UTF32BE},
    {"ucs-4", E_UTF32LE},
};
/* clang-format on */

/* The encoding a label names (WHATWG "get an encoding"), or -1. */
static int encoding_for_label(const char *s, size_t n)
{
    while (n && (ascii_isspace((unsigned char)*s) || *s == '"' || *s == '\'')) {
        s++;
        n--;
    }
    while (n && (ascii_isspace((unsigned char)s[n - 1]) || s[n - 1] == '"' || s[n - 1] == '\''))
        n--;
    char low[32];
    if (n == 0 || n >= sizeof low)
        return -1;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)ascii_tolower((unsigned char)s[i]);
    low[n] = '\0';
    for (size_t i = 0; i < ARRAY_LEN(labels); i++)
        if (strcmp(low, labels[i].label) == 0)
            return labels[i].enc;
    return -1;
}

static bool is_utf16_or_32(int enc)
{
    return enc == E_UTF16LE || enc == E_UTF16BE || enc == E_UTF32LE || enc == E_UTF32BE;
}

/* ---- Finding the evidence ------------------------------------------------------------- */

bool charset_from_content_type(const char *ct, char *out, size_t outlen)
{
    if (!ct || outlen == 0)
        return false;
    const char *p = strchr(ct, ';');
    while (p) {
        p++;
        while (*p == ' ' || *p == '\t')
            p++;
        const char *name = p;
        while (*p && *p != '=' && *p != ';')
            p++;
        size_t nlen = (size_t)(p - name);
        while (nlen && (name[nlen - 1] == ' ' || name[nlen - 1] == '\t'))
            nlen--;
        if (*p != '=') {
            p = strchr(p, ';');
            continue;
        }
        p++;
        while (*p == ' ' || *p == '\t')
            p++;
        const char *val = p;
        size_t vlen;
        if (*p == '"') {
            val = ++p;
            while (*p && *p != '"')
                p++;
            vlen = (size_t)(p - val);
        } else {
            while (*p && *p != ';' && *p != ' ' && *p != '\t')
                p++;
            vlen = (size_t)(p - val);
        }
        if (nlen == 7 && ascii_strncasecmp(name, "charset", 7) == 0) {
            if (vlen == 0 || vlen >= outlen)
                return false;
            memcpy(out, val, vlen);
            out[vlen] = '\0';
            return true;
        }
        p = strchr(p, ';');
    }
    return false;
}

/* encoding="..." of an XML declaration at the very start of buf, or -1. */
static int xml_declared(const char *buf, size_t len, bool *declared)
{
    *declared = false;
    size_t n = len < 512 ? len : 512;
    if (n < 6 || memcmp(buf, "<?xml", 5) != 0 || !ascii_isspace((unsigned char)buf[5]))
        return -1;
    const char *end = NULL;
    for (size_t i = 5; i + 1 < n; i++)
        if (buf[i] == '?' && buf[i + 1] == '>') {
            end = buf + i;
            break;
        }
    if (!end)
        return -1;
    for (const char *p = buf + 5; p + 8 < end; p++) {
        if (memcmp(p, "encoding", 8) != 0 || !ascii_isspace((unsigned char)p[-1]))
            continue;
        const char *q = p + 8;
        while (q < end && ascii_isspace((unsigned char)*q))
            q++;
        if (q >= end || *q != '=')
            return -1;
        q++;
        while (q < end && ascii_isspace((unsigned char)*q))
            q++;
        if (q >= end || (*q != '"' && *q != '\''))
            return -1;
        char quote = *q++;
        const char *v = q;
        while (q < end && *q != quote)
            q++;
        if (q >= end)
            return -1;
        *declared = true;
        return encoding_for_label(v, (size_t)(q - v));
    }
    return -1;
}

/* Attribute value from a "content" value like "text/html; charset=koi8-r", or -1. */
static int meta_content_charset(const char *v, size_t n)
{
    for (size_t i = 0; i + 7 <= n; i++) {
        if (ascii_strncasecmp(v + i, "charset", 7) != 0)
            continue;
        size_t j = i + 7;
        while (j < n && ascii_isspace((unsigned char)v[j]))
            j++;
        if (j >= n || v[j] != '=')
            continue;
        j++;
        while (j < n && ascii_isspace((unsigned char)v[j]))
            j++;
        size_t k = j;
        if (k < n && (v[k] == '"' || v[k] == '\'')) {
            char quote = v[k++];
            j = k;
            while (k < n && v[k] != quote)
                k++;
        } else {
            while (k < n && !ascii_isspace((unsigned char)v[k]) && v[k] != ';')
                k++;
        }
        return encoding_for_label(v + j, k - j);
    }
    return -1;
}

/*
 * A simplified WHATWG prescan of the first 1024 bytes: comments skipped, each <meta> tag's
 * attributes read; charset=, or http-equiv="content-type" with content="...charset=...".
 */
static int html_declared(const char *buf, size_t len, bool *declared)
{
    *declared = false;
    size_t n = len < 1024 ? len : 1024;
    size_t i = 0;
    while (i < n) {
        if (buf[i] != '<') {
            i++;
            continue;
        }
        if (n - i >= 4 && memcmp(buf + i, "<!--", 4) == 0) {
            const char *e = NULL;
            for (size_t k = i + 4; k + 2 < n; k++)
                if (buf[k] == '-' && buf[k + 1] == '-' && buf[k + 2] == '>') {
                    e = buf + k + 3;
                    break;
                }
            if (!e)
                return -1;
            i = (size_t)(e - buf);
            continue;
        }
        if (!(n - i >= 6 && ascii_strncasecmp(buf + i, "<meta", 5) == 0 &&
              (ascii_isspace((unsigned char)buf[i + 5]) || buf[i + 5] == '/'))) {
            i++;
            continue;
        }
        i += 5;
        int charset = -1, content = -1;
        bool got_charset = false, http_equiv_ct = false;
        while (i < n && buf[i] != '>') {
            while (i < n && (ascii_isspace((unsigned char)buf[i]) || buf[i] == '/'))
                i++;
            size_t an = i;
            while (i < n && buf[i] != '=' && buf[i] != '>' && !ascii_isspace((unsigned char)buf[i]))
                i++;
            size_t alen = i - an;
            while (i < n && ascii_isspace((unsigned char)buf[i]))
                i++;
            const char *v = "";
            size_t vlen = 0;
            if (i < n && buf[i] == '=') {
                i++;
                while (i < n && ascii_isspace((unsigned char)buf[i]))
                    i++;
                if (i < n && (buf[i] == '"' || buf[i] == '\'')) {
                    char q = buf[i++];
                    v = buf + i;
                    while (i < n && buf[i] != q)
                        i++;
                    vlen = (size_t)(buf + i - v);
                    if (i < n)
                        i++;
                } else {
                    v = buf + i;
                    while (i < n && buf[i] != '>' && !ascii_isspace((unsigned char)buf[i]))
                        i++;
                    vlen = (size_t)(buf + i - v);
                }
            }
            if (alen == 0 && i < n && buf[i] != '>') {
                i++; /* a stray character: step over it */
                continue;
            }
            if (alen == 7 && ascii_strncasecmp(buf + an, "charset", 7) == 0 && !got_charset) {
                got_charset = true;
                charset = encoding_for_label(v, vlen);
            } else if (alen == 10 && ascii_strncasecmp(buf + an, "http-equiv", 10) == 0) {
                http_equiv_ct = vlen == 12 && ascii_strncasecmp(v, "content-type", 12) == 0;
            } else if (alen == 7 && ascii_strncasecmp(buf + an, "content", 7) == 0) {
                content = meta_content_charset(v, vlen);
            }
        }
        int found = got_charset ? charset : (http_equiv_ct ? content : -1);
        if (found >= 0) {
            *declared = true;
            return found;
        }
    }
    return -1;
}

/* UTF-16/32 from the zero bytes around the first (ASCII) characters, or -1. */
static int sniff_zero_pattern(const unsigned char *b, size_t len)
{
    if (len < 4)
        return -1;
    bool a0 = b[0] && b[0] < 0x80, a1 = b[1] && b[1] < 0x80;
    bool a2 = b[2] && b[2] < 0x80, a3 = b[3] && b[3] < 0x80;
    if (a0 && !b[1] && !b[2] && !b[3])
        return E_UTF32LE;
    if (!b[0] && !b[1] && !b[2] && a3)
        return E_UTF32BE;
    if (a0 && !b[1] && a2 && !b[3])
        return E_UTF16LE;
    if (!b[0] && a1 && !b[2] && a3)
        return E_UTF16BE;
    return -1;
}

/* ---- Decoders ------------------------------------------------------------------------- */

static void put_cp(struct buf *o, uint32_t cp)
{
    char enc[4];
    buf_append(o, enc, text_utf8_encode(cp, enc));
}

static void decode_win1252(const unsigned char *s, size_t len, struct buf *o)
{
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && s[j] < 0x80)
            j++;
        buf_append(o, s + i, j - i);
        if (j < len)
            put_cp(o, text_cp1252_c1(s[j]));
        i = j + 1;
    }
}

/*
 * Bytes that were meant to be UTF-8 but are not all valid: every valid UTF-8 sequence is kept
 * and each byte that starts no valid sequence is read as windows-1252. A pure windows-1252
 * document comes out exactly as decode_win1252 would give it (its bytes form valid UTF-8
 * sequences only by rare accident), and a UTF-8 document with a few pasted windows-1252
 * bytes (a CMS fed from a word processor) keeps its UTF-8 text. Returns whether any multi-byte
 * UTF-8 sequence was kept.
 */
static bool decode_utf8_or_win1252(const unsigned char *s, size_t len, struct buf *o)
{
    bool kept_utf8 = false;
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && s[j] < 0x80)
            j++;
        buf_append(o, s + i, j - i);
        if (j == len)
            break;
        uint32_t cp;
        size_t n = text_utf8_decode((const char *)s + j, len - j, &cp);
        /* A malformed sequence also decodes as U+FFFD, possibly over several bytes. */
        bool valid = n > 1 && (cp != 0xFFFD || (n == 3 && memcmp(s + j, "\xEF\xBF\xBD", 3) == 0));
        if (valid) {
            buf_append(o, s + j, n);
            kept_utf8 = true;
        } else {
            put_cp(o, text_cp1252_c1(s[j]));
            n = 1;
        }
        i = j + n;
    }
    return kept_utf8;
}

static void decode_utf16(const unsigned char *s, size_t len, bool be, struct buf *o)
{
    size_t i = 0;
    while (i + 1 < len) {
        uint32_t u = be ? (uint32_t)(s[i] << 8 | s[i + 1]) : (uint32_t)(s[i + 1] << 8 | s[i]);
        i += 2;
        if (u >= 0xD800 && u <= 0xDBFF && i + 1 < len) {
            uint32_t l = be ? (uint32_t)(s[i] << 8 | s[i + 1]) : (uint32_t)(s[i + 1] << 8 | s[i]);
            if (l >= 0xDC00 && l <= 0xDFFF) {
                u = 0x10000 + ((u - 0xD800) << 10) + (l - 0xDC00);
                i += 2;
            }
        }
        put_cp(o, u); /* an unpaired surrogate is encoded as U+FFFD */
    }
    if (i < len)
        put_cp(o, 0xFFFD); /* an odd byte at the end */
}

static void decode_utf32(const unsigned char *s, size_t len, bool be, struct buf *o)
{
    size_t i = 0;
    for (; i + 3 < len; i += 4) {
        uint32_t u = be ? (uint32_t)s[i] << 24 | (uint32_t)s[i + 1] << 16 |
                              (uint32_t)s[i + 2] << 8 | s[i + 3]
                        : (uint32_t)s[i + 3] << 24 | (uint32_t)s[i + 2] << 16 |
                              (uint32_t)s[i + 1] << 8 | s[i];
        put_cp(o, u);
    }
    if (i < len)
        put_cp(o, 0xFFFD);
}

static bool decode_iconv(const char *s, size_t len, const char *name, struct buf *o)
{
    iconv_t cd = iconv_open("UTF-8", name);
    if (cd == (iconv_t)-1)
        return false;
    char chunk[4096];
    char *in = (char *)s;
    size_t left = len;
    while (left > 0) {
        char *outp = chunk;
        size_t room = sizeof chunk;
        size_t r = iconv(cd, &in, &left, &outp, &room);
        buf_append(o, chunk, (size_t)(outp - chunk));
        if (r == (size_t)-1) {
            if (errno == E2BIG)
                continue;
            /* EILSEQ: an undecodable byte; EINVAL: a sequence cut off at the end. */
            put_cp(o, 0xFFFD);
            if (errno == EINVAL)
                break;
            in++;
            left--;
            iconv(cd, NULL, NULL, NULL, NULL); /* back to the initial shift state */
        }
    }
    /* Flush a stateful encoding's final shift sequence. */
    char *outp = chunk;
    size_t room = sizeof chunk;
    iconv(cd, NULL, NULL, &outp, &room);
    buf_append(o, chunk, (size_t)(outp - chunk));
    iconv_close(cd);
    return true;
}

/* ---- Putting it together --------------------------------------------------------------- */

static bool has_non_ascii(const unsigned char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] >= 0x80)
            return true;
    return false;
}

static bool decode(const char *buf, size_t len, int enc, struct charset_result *out,
                   struct error *err)
{
    const struct encoding *e = &encodings[enc];
    const unsigned char *s = (const unsigned char *)buf;
    if (e->dec == DEC_UTF8 && out->borrowed) {
        /* The view: the bytes themselves, past any byte order marks. */
        while (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
            buf += 3;
            len -= 3;
        }
        out->text = (char *)buf;
        out->len = len;
        snprintf(out->encoding, sizeof out->encoding, "%s", e->name);
        return true;
    }
    out->borrowed = false;
    struct buf o = {0};
    buf_append(&o, "", 0);
    switch (e->dec) {
    case DEC_UTF8:
        buf_append(&o, buf, len);
        break;
    case DEC_WIN1252:
        decode_win1252(s, len, &o);
        break;
    case DEC_UTF16LE:
    case DEC_UTF16BE:
        decode_utf16(s, len, e->dec == DEC_UTF16BE, &o);
        break;
    case DEC_UTF32LE:
    case DEC_UTF32BE:
        decode_utf32(s, len, e->dec == DEC_UTF32BE, &o);
        break;
    case DEC_ICONV:
        if (!decode_iconv(buf, len, e->iconv, &o)) {
            error_set(err, "encoding %s is not available on this system (iconv %s)", e->name,
                      e->iconv);
            buf_free(&o);
            return false;
        }
        break;
    case DEC_UNSUPPORTED:
        error_set(err, "the document's encoding is one of the unsupported ones "
                       "(ISO-2022-KR, ISO-2022-CN, HZ-GB-2312)");
        buf_free(&o);
        return false;
    }
    /* No BOM in the output, not even a second one (files concatenated by a CMS). */
    size_t skip = 0;
    while (o.len - skip >= 3 && memcmp(o.data + skip, "\xEF\xBB\xBF", 3) == 0)
        skip += 3;
    if (skip) {
        memmove(o.data, o.data + skip, o.len - skip + 1);
        o.len -= skip;
    }
    out->len = o.len;
    out->text = buf_steal(&o);
    snprintf(out->encoding, sizeof out->encoding, "%s", e->name);
    return true;
}

/* Bytes meant as UTF-8 that are not all valid: windows-1252, keeping whatever valid UTF-8
 * they hold. Always sets fell_back; returns whether any UTF-8 was kept. */
static bool decode_fallback(const unsigned char *s, size_t len, struct charset_result *out)
{
    struct buf o = {0};
    bool mixed = decode_utf8_or_win1252(s, len, &o);
    out->len = o.len;
    out->text = buf_steal(&o);
    out->borrowed = false;
    snprintf(out->encoding, sizeof out->encoding, "%s", mixed ? "UTF-8" : "windows-1252");
    out->fell_back = true;
    return mixed;
}

static bool convert(const char *buf, size_t len, const char *http_charset, enum charset_doc doc,
                    struct charset_result *out, struct error *err, bool view)
{
    memset(out, 0, sizeof *out);
    out->borrowed = view; /* a request until decode() says what happened */
    const unsigned char *s = (const unsigned char *)buf;
    if (!buf)
        len = 0;

    /* 1. Byte order mark (UTF-32LE's starts like UTF-16LE's, so it goes first). */
    if (len >= 4 && s[0] == 0xFF && s[1] == 0xFE && s[2] == 0 && s[3] == 0)
        return decode(buf + 4, len - 4, E_UTF32LE, out, err);
    if (len >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF)
        return decode(buf + 4, len - 4, E_UTF32BE, out, err);
    if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
        /* ... and any more after it (files concatenated by a CMS): none is kept. */
        while (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
            buf += 3;
            len -= 3;
            s += 3;
        }
        if (text_is_valid_utf8(buf, len))
            return decode(buf, len, E_UTF8, out, err);
        /* A UTF-8 BOM on bytes that are not all UTF-8: someone concatenated files. */
        decode_fallback(s, len, out);
        return true;
    }
    if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF)
        return decode(buf + 2, len - 2, E_UTF16BE, out, err);
    if (len >= 2 && s[0] == 0xFF && s[1] == 0xFE)
        return decode(buf + 2, len - 2, E_UTF16LE, out, err);

    /* 2. UTF-16/32 without a BOM: the zero bytes give it away. */
    int zero = doc == CHARSET_DOC_HTML ? -1 : sniff_zero_pattern(s, len);
    if (zero >= 0)
        return decode(buf, len, zero, out, err);

    /* 3. The HTTP label, then the document's declaration. */
    int http = http_charset ? encoding_for_label(http_charset, strlen(http_charset)) : -1;
    bool declared = false;
    int docenc = -1;
    if (doc == CHARSET_DOC_XML)
        docenc = xml_declared(buf, len, &declared);
    else if (doc == CHARSET_DOC_HTML)
        docenc = html_declared(buf, len, &declared);
    bool ignored_label = false;
    if (http >= 0 && is_utf16_or_32(http)) {
        http = -1;
        ignored_label = true;
    }
    if (docenc >= 0 && is_utf16_or_32(docenc)) {
        docenc = E_UTF8; /* a UTF-16 declaration on ASCII-compatible bytes: WHATWG says UTF-8 */
        ignored_label = true;
    }
    int chosen = http >= 0 ? http : docenc;
    /* XML and JSON without a label are UTF-8 by their specifications. */
    bool implied_utf8 = chosen < 0 && doc != CHARSET_DOC_HTML;

    bool valid = text_is_valid_utf8(buf, len);
    if (chosen < 0 || chosen == E_UTF8) {
        if (valid) {
            bool ok = decode(buf, len, E_UTF8, out, err);
            out->fell_back = ok && ignored_label;
            return ok;
        }
        if (chosen == E_UTF8 && docenc >= 0 && docenc != E_UTF8) {
            bool ok = decode(buf, len, docenc, out, err);
            out->fell_back = ok;
            return ok;
        }
        bool mixed = decode_fallback(s, len, out);
        out->fell_back = chosen == E_UTF8 || implied_utf8 || ignored_label || mixed;
        return true;
    }
    if (chosen == E_WIN1252 && valid && has_non_ascii(s, len)) {
        bool ok = decode(buf, len, E_UTF8, out, err);
        out->fell_back = ok;
        return ok;
    }
    bool ok = decode(buf, len, chosen, out, err);
    if (ok)
        out->fell_back = ignored_label;
    return ok;
}

bool charset_to_utf8(const char *buf, size_t len, const char *http_charset, enum charset_doc doc,
                     struct charset_result *out, struct error *err)
{
    return convert(buf, len, http_charset, doc, out, err, false);
}

bool charset_to_utf8_view(const char *buf, size_t len, const char *http_charset,
                          enum charset_doc doc, struct charset_result *out, struct error *err)
{
    return convert(buf, len, http_charset, doc, out, err, true);
}

/* ---- Mojibake ---------------------------------------------------------------------------- */

/* The byte windows-1252 gives this character, for the 27 it puts at 0x80-0x9F; 0 if none. */
static unsigned char cp1252_byte(uint32_t cp)
{
    for (unsigned b = 0x80; b <= 0x9F; b++)
        if (text_cp1252_c1(b) == cp && cp > 0x9F)
            return (unsigned char)b;
    return 0;
}

/* Quick test before the real one, which German text (full of 0xC3) would otherwise pay for:
 * every UTF-8 lead byte 0xC2-0xF4 read as windows-1252 or ISO-8859-1 is U+00C2-U+00F4 (UTF-8
 * 0xC3 0x82-0xB4), and its first continuation byte 0x80-0xBF became U+0080-U+00BF (0xC2 ...)
 * or one of windows-1252's punctuation marks, letters and signs (0xE2 ..., 0xC5, 0xC6, 0xCB).
 * Mojibake therefore holds such a pair somewhere; "für" does not. */
static bool maybe_mojibake(const unsigned char *s, size_t len)
{
    const unsigned char *p = s, *end = s + len;
    while ((p = memchr(p, 0xC3, (size_t)(end - p))) && end - p >= 4) {
        unsigned char b1 = p[1], b2 = p[2];
        if (b1 >= 0x82 && b1 <= 0xB4 &&
            ((b2 == 0xC2 && p[3] >= 0x80 && p[3] <= 0xBF) || b2 == 0xE2 || b2 == 0xC5 ||
             b2 == 0xC6 || b2 == 0xCB))
            return true;
        p++;
    }
    return false;
}

char *charset_fix_mojibake(const char *s, size_t len, size_t *out_len)
{
    if (!s || !maybe_mojibake((const unsigned char *)s, len))
        return NULL;
    struct buf o = {0};
    bool high = false;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = text_utf8_decode(s + i, len - i, &cp);
        if (cp == 0xFFFD && !(n == 3 && !memcmp(s + i, "\xEF\xBF\xBD", 3)))
            goto no; /* not even valid UTF-8 */
        unsigned char b;
        if (cp < 0x100) {
            b = (unsigned char)cp;
        } else {
            b = cp1252_byte(cp);
            if (!b)
                goto no; /* a character neither encoding has: not what happened */
        }
        high |= b >= 0x80;
        buf_append_char(&o, (char)b);
        i += n;
    }
    if (!high || !text_is_valid_utf8(o.data, o.len))
        goto no;
    /* What comes out must be text, not C1 controls (a misreading, not a repair). */
    for (size_t i = 0; i < o.len;) {
        uint32_t cp;
        size_t n = text_utf8_decode(o.data + i, o.len - i, &cp);
        if (cp >= 0x80 && cp <= 0x9F)
            goto no;
        i += n;
    }
    *out_len = o.len;
    return buf_steal(&o);
no:
    buf_free(&o);
    return NULL;
}
