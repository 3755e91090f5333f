/*
 * UTF-8 helpers for the summariser (see words.h). Case tables cover Latin-1, Latin
 * Extended-A (where upper and lower case alternate by code point), Greek and Cyrillic.
 */
#include "core/words.h"

#include "core/text.h"

enum words_case words_case_of(uint32_t cp)
{
    if (cp >= 'A' && cp <= 'Z')
        return WORDS_CASE_UPPER;
    if (cp >= 'a' && cp <= 'z')
        return WORDS_CASE_LOWER;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
        return WORDS_CASE_UPPER;
    if (cp >= 0xDF && cp <= 0xFF && cp != 0xF7)
        return WORDS_CASE_LOWER;
    if (cp >= 0x100 && cp <= 0x17F) {
        /* Alternating pairs, with the run 0x139..0x148 and 0x179..0x17E shifted by one. */
        bool odd = cp & 1;
        if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
            return odd ? WORDS_CASE_UPPER : WORDS_CASE_LOWER;
        if (cp == 0x138 || cp == 0x149 || cp == 0x17F)
            return WORDS_CASE_LOWER;
        return odd ? WORDS_CASE_LOWER : WORDS_CASE_UPPER;
    }
    if (cp >= 0x391 && cp <= 0x3A9)
        return WORDS_CASE_UPPER;
    if (cp >= 0x3AC && cp <= 0x3CE)
        return WORDS_CASE_LOWER;
    if (cp >= 0x400 && cp <= 0x42F)
        return WORDS_CASE_UPPER;
    if (cp >= 0x430 && cp <= 0x45F)
        return WORDS_CASE_LOWER;
    return WORDS_CASE_OTHER;
}

bool words_is_word_cp(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    if (cp < 0xC0)
        return cp == 0xAA || cp == 0xB5 || cp == 0xBA;
    if (cp == 0xD7 || cp == 0xF7)
        return false;
    if (cp >= 0x2000 && cp <= 0x2BFF) /* punctuation, symbols, arrows */
        return false;
    if (cp >= 0x3000 && cp <= 0x303F) /* CJK punctuation */
        return false;
    if (cp >= 0xFE30 && cp <= 0xFE4F)
        return false;
    if (cp >= 0xFF00 && cp <= 0xFF0F)
        return false;
    if (cp >= 0x1F000) /* emoji and pictographs */
        return false;
    return cp != 0xFFFD;
}

uint32_t words_to_lower(uint32_t cp)
{
    if (words_case_of(cp) != WORDS_CASE_UPPER)
        return cp;
    if (cp < 0x80 || (cp >= 0xC0 && cp <= 0xDE))
        return cp + 32;
    if (cp >= 0x100 && cp <= 0x17F)
        return cp + 1;
    if (cp >= 0x391 && cp <= 0x3A9)
        return cp + 32;
    if (cp >= 0x400 && cp <= 0x40F)
        return cp + 80;
    if (cp >= 0x410 && cp <= 0x42F)
        return cp + 32;
    return cp;
}

bool words_next(const char *s, size_t len, size_t *pos, size_t *start)
{
    size_t i = *pos;
    uint32_t cp;
    while (i < len) {
        size_t adv = text_utf8_decode_bytewise(s + i, len - i, &cp);
        if (words_is_word_cp(cp))
            break;
        i += adv;
    }
    if (i >= len) {
        *pos = len;
        return false;
    }
    *start = i;
    while (i < len) {
        size_t adv = text_utf8_decode_bytewise(s + i, len - i, &cp);
        if (!words_is_word_cp(cp))
            break;
        i += adv;
    }
    *pos = i;
    return true;
}

size_t words_lower(const char *s, size_t n, char *out, size_t outcap)
{
    size_t o = 0;
    if (outcap == 0)
        return 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (o + 1 >= outcap)
                break;
            out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            i++;
            continue;
        }
        uint32_t cp;
        i += text_utf8_decode_bytewise(s + i, n - i, &cp);
        char tmp[4];
        size_t k = text_utf8_encode(words_to_lower(cp), tmp);
        if (o + k >= outcap)
            break;
        for (size_t j = 0; j < k; j++)
            out[o++] = tmp[j];
    }
    out[o] = '\0';
    return o;
}

size_t words_cp_count(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            count++;
    return count;
}
