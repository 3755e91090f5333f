/*
 * Language detection, stop words and stemming (see lang.h). The stop lists are sorted by
 * byte value so lookup is a binary search; test_lang checks the order. Detection tokenises
 * with the summariser's own UTF-8 helpers and lower-cases into a small stack buffer.
 */
#include "core/lang.h"

#include "core/words.h"
#include "core/util.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

/* clang-format off */
static const char *const stop_de[] = {
    "aber", "alle", "allem", "allen", "aller", "alles", "als", "also", "am", "an", "andere",
    "anderen", "auch", "auf", "aus", "bei", "beim", "bereits", "bin", "bis", "bisher", "bist",
    "da", "dabei", "dadurch", "daher", "damit", "dann", "darauf", "darum", "das", "dass",
    "davon", "dazu", "dem", "den", "denen", "denn", "der", "deren", "des", "deshalb", "dessen",
    "die", "dies", "diese", "diesem", "diesen", "dieser", "dieses", "doch", "dort", "du",
    "durch", "ein", "eine", "einem", "einen", "einer", "eines", "einige", "er", "es", "etwa",
    "etwas", "euch", "für", "gab", "gegen", "gestern", "gibt", "habe", "haben", "hat", "hatte",
    "hatten", "heute", "hier", "hätten", "ihm", "ihn", "ihnen", "ihr", "ihre", "ihrem", "ihren",
    "ihrer", "im", "immer", "in", "ins", "ist", "ja", "jahr", "jahren", "jedoch", "jetzt",
    "kann", "kaum", "kein", "keine", "können", "könnte", "laut", "man", "mehr", "mehrere",
    "mit", "muss", "müssen", "nach", "nicht", "noch", "nun", "nur", "ob", "oder", "ohne",
    "prozent", "rund", "sagt", "sagte", "sehr", "sei", "sein", "seine", "seinem", "seinen",
    "seiner", "seit", "sich", "sie", "sind", "so", "soll", "sollen", "sollte", "sondern",
    "sowie", "um", "und", "uns", "unter", "vom", "von", "vor", "wann", "war", "waren", "warum",
    "was", "weil", "weiter", "weitere", "wenn", "wer", "werden", "wie", "wieder", "will", "wir",
    "wird", "wo", "wurde", "wurden", "zu", "zum", "zur", "zwar", "zwei", "zwischen", "über",
};
/* clang-format on */

/* clang-format off */
static const char *const stop_en[] = {
    "a", "about", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are",
    "as", "at", "be", "because", "been", "before", "being", "between", "both", "but", "by",
    "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for",
    "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him",
    "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "last", "many",
    "me", "more", "most", "much", "my", "new", "no", "nor", "not", "now", "of", "off", "on",
    "once", "one", "only", "or", "other", "our", "out", "over", "own", "percent", "said",
    "same", "says", "she", "should", "so", "some", "such", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "those", "through", "to", "told", "too",
    "two", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where",
    "which", "while", "who", "whom", "why", "will", "with", "would", "year", "years", "you",
    "your",
};
/* clang-format on */

/* clang-format off */
static const char *const stop_fr[] = {
    "a", "après", "au", "aussi", "aux", "avait", "avant", "avec", "ce", "ces", "cette", "comme",
    "dans", "de", "depuis", "des", "dont", "du", "déjà", "elle", "elles", "en", "entre", "est",
    "et", "il", "ils", "je", "la", "le", "les", "leur", "leurs", "lui", "mais", "me", "mes",
    "moi", "mon", "même", "ne", "nos", "notre", "nous", "on", "ont", "ou", "où", "par", "pas",
    "plus", "pour", "qu", "que", "qui", "sa", "sans", "se", "selon", "ses", "son", "sont",
    "sur", "ta", "te", "tes", "toi", "ton", "tous", "tout", "très", "tu", "un", "une", "vos",
    "votre", "vous", "à", "était", "été", "être",
};
/* clang-format on */

/* clang-format off */
static const char *const stop_es[] = {
    "a", "al", "algo", "años", "como", "con", "contra", "cual", "cuando", "de", "del", "desde",
    "dijo", "donde", "dos", "el", "ella", "ellos", "en", "entre", "era", "es", "esa", "ese",
    "esta", "este", "está", "están", "fue", "ha", "han", "hasta", "hay", "la", "las", "le",
    "les", "lo", "los", "me", "mi", "muy", "más", "no", "nos", "o", "para", "pero", "por",
    "porque", "que", "quien", "se", "según", "ser", "si", "sin", "sobre", "son", "su", "sus",
    "también", "tiene", "todo", "todos", "un", "una", "uno", "y", "ya",
};
/* clang-format on */

/* clang-format off */
static const char *const stop_it[] = {
    "a", "ad", "al", "alla", "alle", "anche", "ancora", "anni", "che", "chi", "ci", "come",
    "con", "cui", "da", "dal", "dalla", "degli", "dei", "del", "della", "delle", "di", "dopo",
    "dove", "e", "essere", "gli", "ha", "hanno", "i", "il", "in", "io", "la", "le", "lei", "lo",
    "loro", "ma", "mi", "ne", "nei", "nel", "nella", "noi", "non", "o", "per", "perché", "più",
    "può", "quando", "questa", "questo", "se", "sei", "si", "sono", "stata", "stato", "su",
    "sua", "sue", "sul", "sulla", "suo", "suoi", "tra", "tutti", "un", "una", "uno", "è",
};
/* clang-format on */

/* clang-format off */
static const char *const stop_nl[] = {
    "aan", "al", "als", "bij", "dan", "dat", "de", "der", "deze", "die", "dit", "door", "een",
    "en", "er", "had", "heb", "hebben", "heeft", "het", "hij", "hoe", "hun", "ik", "in", "is",
    "jaar", "je", "kan", "maar", "me", "meer", "met", "mij", "na", "naar", "niet", "nog", "nu",
    "of", "om", "ons", "ook", "op", "over", "te", "tegen", "toen", "tot", "u", "uit", "van",
    "veel", "volgens", "voor", "was", "wat", "we", "werd", "wie", "wij", "worden", "wordt",
    "zal", "ze", "zich", "zij", "zijn", "zo", "zou",
};
/* clang-format on */

/* clang-format off */
static const char *const stop_pt[] = {
    "a", "anos", "ao", "aos", "as", "até", "com", "como", "da", "das", "de", "disse", "do",
    "dos", "e", "ela", "ele", "eles", "em", "entre", "era", "essa", "esse", "este", "está",
    "foi", "há", "isso", "já", "mais", "mas", "me", "muito", "na", "nas", "no", "nos", "não",
    "o", "os", "ou", "para", "pela", "pelo", "por", "quando", "que", "se", "segundo", "sem",
    "ser", "seu", "sobre", "sua", "são", "também", "tem", "um", "uma", "é",
};
/* clang-format on */

struct stoplist {
    const char *lang;
    const char *const *words;
    size_t n;
};

static const struct stoplist stoplists[] = {
    {"de", stop_de, ARRAY_LEN(stop_de)}, {"en", stop_en, ARRAY_LEN(stop_en)},
    {"fr", stop_fr, ARRAY_LEN(stop_fr)}, {"es", stop_es, ARRAY_LEN(stop_es)},
    {"it", stop_it, ARRAY_LEN(stop_it)}, {"nl", stop_nl, ARRAY_LEN(stop_nl)},
    {"pt", stop_pt, ARRAY_LEN(stop_pt)},
};

static const struct stoplist *find_list(const char *lang)
{
    if (!lang)
        return NULL;
    for (size_t i = 0; i < ARRAY_LEN(stoplists); i++)
        if (!strcmp(stoplists[i].lang, lang))
            return &stoplists[i];
    return NULL;
}

static bool list_has(const struct stoplist *l, const char *w, size_t len)
{
    size_t lo = 0, hi = l->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        /* strcmp of the list word against w[0..len), without a strlen per probe */
        const unsigned char *m = (const unsigned char *)l->words[mid];
        size_t i = 0;
        while (i < len && m[i] && m[i] == (unsigned char)w[i])
            i++;
        int c;
        if (i == len)
            c = m[i] ? 1 : 0;
        else if (!m[i])
            c = -1;
        else
            c = (int)m[i] - (int)(unsigned char)w[i];
        if (c == 0)
            return true;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

bool lang_is_stopword(const char *lang, const char *word, size_t len)
{
    const struct stoplist *l = find_list(lang);
    return l && len <= LANG_MAX_WORD && list_has(l, word, len);
}

size_t lang_stoplist(const char *lang, const char *const **words)
{
    const struct stoplist *l = find_list(lang);
    *words = l ? l->words : NULL;
    return l ? l->n : 0;
}

bool lang_has_stoplist(const char *lang)
{
    return find_list(lang) != NULL;
}

const char *lang_detect(const char *text, size_t len)
{
    enum { NL = ARRAY_LEN(stoplists) };
    size_t hits[NL] = {0}, words = 0;
    char low[LANG_MAX_WORD + 8];
    size_t i = 0, ws;
    /* A few hundred words decide; more only cost time. */
    while (words < 400 && words_next(text, len, &i, &ws)) {
        words++;
        if (i - ws > 16) /* longer than any stop word (test_lang checks) */
            continue;
        size_t n = words_lower(text + ws, i - ws, low, sizeof low);
        for (size_t k = 0; k < NL; k++)
            if (list_has(&stoplists[k], low, n))
                hits[k]++;
    }
    size_t best = 0, second = 0;
    for (size_t k = 1; k < NL; k++) {
        if (hits[k] > hits[best]) {
            second = best;
            best = k;
        } else if (k != best && hits[k] > hits[second]) {
            second = k;
        }
    }
    if (best == second)
        second = best == 0 ? 1 : 0;
    /* A clear winner: a few hits, and a quarter ahead of the runner-up (short function words
     * such as "a", "de", "die", "le" are shared between languages). */
    if (hits[best] < 3 || hits[best] * 4 < hits[second] * 5 || hits[best] == hits[second])
        return NULL;
    return stoplists[best].lang;
}

const char *lang_snowball_name(const char *lang)
{
    static const struct {
        const char *code, *name;
    } names[] = {
        {"da", "danish"},   {"de", "german"},    {"en", "english"},   {"es", "spanish"},
        {"fi", "finnish"},  {"fr", "french"},    {"hu", "hungarian"}, {"it", "italian"},
        {"nl", "dutch"},    {"no", "norwegian"}, {"nb", "norwegian"}, {"pt", "portuguese"},
        {"ro", "romanian"}, {"ru", "russian"},   {"sv", "swedish"},   {"tr", "turkish"},
    };
    if (!lang)
        return NULL;
    for (size_t i = 0; i < ARRAY_LEN(names); i++)
        if (!strcmp(names[i].code, lang))
            return names[i].name;
    return NULL;
}

bool lang_normalise(const char *tag, char out[3])
{
    static const struct {
        const char *name, *code;
    } names[] = {
        {"german", "de"},  {"deutsch", "de"}, {"english", "en"}, {"french", "fr"},
        {"spanish", "es"}, {"italian", "it"}, {"dutch", "nl"},   {"portuguese", "pt"},
    };
    out[0] = '\0';
    if (!tag)
        return false;
    while (ascii_isspace((unsigned char)*tag))
        tag++;
    if (!*tag || !ascii_strcasecmp(tag, "auto"))
        return false;
    for (size_t i = 0; i < ARRAY_LEN(names); i++)
        if (!ascii_strcasecmp(tag, names[i].name)) {
            memcpy(out, names[i].code, 3);
            return true;
        }
    if (!ascii_isalpha((unsigned char)tag[0]) || !ascii_isalpha((unsigned char)tag[1]))
        return false;
    if (tag[2] && tag[2] != '-' && tag[2] != '_' && !ascii_isspace((unsigned char)tag[2]))
        return false;
    out[0] = (char)ascii_tolower((unsigned char)tag[0]);
    out[1] = (char)ascii_tolower((unsigned char)tag[1]);
    out[2] = '\0';
    return true;
}

struct lang_stemmer {
    struct sb_stemmer *sb;
};

struct lang_stemmer *lang_stemmer_new(const char *lang)
{
    const char *name = lang_snowball_name(lang);
    if (!name)
        return NULL;
    struct sb_stemmer *sb = sb_stemmer_new(name, "UTF_8");
    if (!sb)
        return NULL;
    struct lang_stemmer *st = xmalloc(sizeof *st);
    st->sb = sb;
    return st;
}

void lang_stemmer_free(struct lang_stemmer *st)
{
    if (!st)
        return;
    sb_stemmer_delete(st->sb);
    free(st);
}

const char *lang_stem(struct lang_stemmer *st, const char *word, size_t len, size_t *outlen)
{
    *outlen = len;
    if (!st || len > LANG_MAX_WORD)
        return word;
    const sb_symbol *r = sb_stemmer_stem(st->sb, (const sb_symbol *)word, (int)len);
    if (!r) /* out of memory inside libstemmer: the word itself is a fine stem */
        return word;
    *outlen = (size_t)sb_stemmer_length(st->sb);
    return (const char *)r;
}
