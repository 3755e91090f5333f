/*
 * Languages: stop lists are sorted (binary search relies on it) and lower-case, detection of
 * the seven stop-listed languages on short news sentences, refusal on text too short or
 * mixed, tag normalisation, and Snowball stemming through libstemmer.
 */
#include "core/lang.h"
#include "core/words.h"
#include "core/util.h"

#include "check.h"

#include <stdlib.h>
#include <string.h>

static void test_stoplists(void)
{
    static const char *const langs[] = {"de", "en", "fr", "es", "it", "nl", "pt"};
    for (size_t l = 0; l < ARRAY_LEN(langs); l++) {
        const char *const *w;
        size_t n = lang_stoplist(langs[l], &w);
        CHECK_MSG(n >= 40, "%s: %zu stop words", langs[l], n);
        CHECK(lang_has_stoplist(langs[l]));
        for (size_t i = 0; i < n; i++) {
            if (i)
                CHECK_MSG(strcmp(w[i - 1], w[i]) < 0, "%s: '%s' before '%s'", langs[l], w[i - 1],
                          w[i]);
            char low[LANG_MAX_WORD + 8];
            words_lower(w[i], strlen(w[i]), low, sizeof low);
            CHECK_STR(low, w[i]);
            CHECK(lang_is_stopword(langs[l], w[i], strlen(w[i])));
            /* lang_detect skips words longer than 16 bytes */
            CHECK_MSG(strlen(w[i]) <= 16, "%s: '%s' is too long", langs[l], w[i]);
        }
    }
    const char *const *w;
    CHECK_INT(lang_stoplist("xx", &w), 0);
    CHECK(!lang_is_stopword("de", "brücke", strlen("brücke")));
    CHECK(lang_is_stopword("de", "über", strlen("über")));
    CHECK(!lang_is_stopword(NULL, "the", 3));
    CHECK(!lang_is_stopword("en", "the", 2)); /* length matters: "th" */
}

static void test_detect(void)
{
    static const struct {
        const char *text, *want;
    } cases[] = {
        {"Die Regierung hat am Montag einen neuen Plan vorgestellt, der die Mieten in den "
         "Städten begrenzen soll.",
         "de"},
        {"The government unveiled a new plan on Monday that is meant to cap rents in the "
         "cities.",
         "en"},
        {"Le gouvernement a présenté lundi un nouveau plan qui doit limiter les loyers dans "
         "les villes.",
         "fr"},
        {"El gobierno presentó el lunes un nuevo plan que debe limitar los alquileres en las "
         "ciudades.",
         "es"},
        {"Il governo ha presentato lunedì un nuovo piano che dovrebbe limitare gli affitti "
         "nelle città.",
         "it"},
        {"De regering heeft maandag een nieuw plan gepresenteerd dat de huren in de steden "
         "moet beperken.",
         "nl"},
        {"O governo apresentou na segunda-feira um novo plano que deve limitar os aluguéis "
         "nas cidades.",
         "pt"},
        {"Kurz.", NULL},
        {"", NULL},
        {"1234 5678 9012 !!! ???", NULL},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        const char *got = lang_detect(cases[i].text, strlen(cases[i].text));
        CHECK_MSG((!got && !cases[i].want) || (got && cases[i].want && !strcmp(got, cases[i].want)),
                  "case %zu \"%.40s\": got %s, want %s", i, cases[i].text, got ? got : "none",
                  cases[i].want ? cases[i].want : "none");
    }
    /* upper case and bad bytes do not matter */
    const char shout[] = "DIE REGIERUNG HAT \xFF AM MONTAG EINEN NEUEN PLAN FÜR DIE STÄDTE "
                         "VORGESTELLT UND ES WIRD DAMIT";
    CHECK_STR(lang_detect(shout, sizeof shout - 1), "de");
}

static void test_normalise(void)
{
    static const struct {
        const char *tag, *want;
    } cases[] = {
        {"de", "de"},      {"de-DE", "de"}, {"EN_us", "en"}, {"  fr", "fr"}, {"German", "de"},
        {"english", "en"}, {"auto", NULL},  {"", NULL},      {NULL, NULL},   {"d", NULL},
        {"deutsch", "de"}, {"1x", NULL},    {"xyz", NULL},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        char out[3];
        bool ok = lang_normalise(cases[i].tag, out);
        CHECK_MSG(ok == (cases[i].want != NULL), "tag '%s'", cases[i].tag ? cases[i].tag : "NULL");
        if (ok && cases[i].want)
            CHECK_MSG(!strcmp(out, cases[i].want), "tag '%s': got %s, want %s", cases[i].tag, out,
                      cases[i].want);
    }
}

static void test_stem(void)
{
    static const struct {
        const char *lang, *word, *want;
    } cases[] = {
        {"en", "running", "run"},           {"en", "migration", "migrat"},
        {"en", "councils", "council"},      {"de", "migration", "migration"},
        {"de", "häuser", "haus"},           {"de", "regierungen", "regier"},
        {"fr", "gouvernements", "gouvern"}, {"nl", "regeringen", "reger"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        struct lang_stemmer *st = lang_stemmer_new(cases[i].lang);
        CHECK_MSG(st != NULL, "no stemmer for %s", cases[i].lang);
        if (!st)
            continue;
        size_t n;
        const char *s = lang_stem(st, cases[i].word, strlen(cases[i].word), &n);
        char *got = xstrndup(s, n);
        CHECK_MSG(!strcmp(got, cases[i].want), "%s '%s': got '%s', want '%s'", cases[i].lang,
                  cases[i].word, got, cases[i].want);
        free(got);
        lang_stemmer_free(st);
    }
    CHECK(lang_stemmer_new("xx") == NULL);
    CHECK(lang_stemmer_new(NULL) == NULL);
    CHECK_STR(lang_snowball_name("de"), "german");
    CHECK_STR(lang_snowball_name("sv"), "swedish");
    CHECK_STR(lang_snowball_name("zz"), NULL);
    /* a word longer than the limit comes back unchanged */
    struct lang_stemmer *st = lang_stemmer_new("en");
    char longw[LANG_MAX_WORD + 10];
    memset(longw, 'a', sizeof longw);
    size_t n;
    const char *s = lang_stem(st, longw, sizeof longw, &n);
    CHECK(s == longw && n == sizeof longw);
    lang_stemmer_free(st);
    lang_stemmer_free(NULL);
}

int main(void)
{
    test_stoplists();
    test_detect();
    test_normalise();
    test_stem();
    return check_done();
}
