/*
 * Sentence splitting, table-driven: each case is a text, its language and the sentences it
 * must give, joined by " | ". Every pitfall of German and English news prose that the
 * splitter promises to handle has cases here (sentence.h).
 */
#include "core/sentence.h"
#include "core/util.h"

#include "check.h"

#include <stdlib.h>
#include <string.h>

struct split_case {
    const char *lang;
    const char *text;
    const char *want; /* sentences joined by " | " */
};

static const struct split_case cases[] = {
    /* plain ends */
    {"en", "The council met. It voted no.", "The council met. | It voted no."},
    {"de", "Der Rat tagte. Er stimmte dagegen.", "Der Rat tagte. | Er stimmte dagegen."},
    {"en", "Is it over? Nobody knows!", "Is it over? | Nobody knows!"},
    {"de", "Was nun?! Niemand weiß es.", "Was nun?! | Niemand weiß es."},
    {"en", "One sentence without an end", "One sentence without an end"},
    {"en", "  Leading and trailing space.  ", "Leading and trailing space."},
    {"en", "", ""},
    /* lower case after a dot never starts a sentence */
    {"de", "Es kamen ca. zehntausend Menschen.", "Es kamen ca. zehntausend Menschen."},
    {"en", "He said approx. ten people came.", "He said approx. ten people came."},
    /* German abbreviations */
    {"de", "Dr. Müller kam spät. Prof. Dr. Anna Weber nicht.",
     "Dr. Müller kam spät. | Prof. Dr. Anna Weber nicht."},
    {"de", "Es geht z.B. um Mieten. Die Lage ist ernst.",
     "Es geht z.B. um Mieten. | Die Lage ist ernst."},
    {"de", "Betroffen sind u.a. Bayern und Hessen.", "Betroffen sind u.a. Bayern und Hessen."},
    {"de", "Das kostet 3 Mio. Euro. Der Bund zahlt.", "Das kostet 3 Mio. Euro. | Der Bund zahlt."},
    {"de", "Es fehlen 2 Mrd. Euro im Haushalt.", "Es fehlen 2 Mrd. Euro im Haushalt."},
    {"de", "Siehe dazu vgl. Kapitel drei. Dort steht mehr.",
     "Siehe dazu vgl. Kapitel drei. | Dort steht mehr."},
    {"de", "Er wohnt in der Hauptstr. Nr. 5 in Bonn.", "Er wohnt in der Hauptstr. Nr. 5 in Bonn."},
    {"de", "Das gilt z. B. für Schulen. Kitas folgen.",
     "Das gilt z. B. für Schulen. | Kitas folgen."},
    {"de", "Gemeint sind u. a. Ärzte. Andere nicht.", "Gemeint sind u. a. Ärzte. | Andere nicht."},
    {"de", "Das ist d. h. ein Problem.", "Das ist d. h. ein Problem."},
    {"de", "Das betrifft i.d.R. Mieter. Eigentümer kaum.",
     "Das betrifft i.d.R. Mieter. | Eigentümer kaum."},
    {"de", "Es geht bzw. ging um Geld.", "Es geht bzw. ging um Geld."},
    {"de", "Die Firma Meier & Co. KG klagt.", "Die Firma Meier & Co. KG klagt."},
    {"de", "Er kaufte Äpfel, Birnen usw. Die Kasse klingelte.",
     "Er kaufte Äpfel, Birnen usw. | Die Kasse klingelte."},
    {"de", "St. Pauli gewann. Der HSV verlor.", "St. Pauli gewann. | Der HSV verlor."},
    {"de", "Das Gebäude stammt aus dem 12. Jh. und steht leer.",
     "Das Gebäude stammt aus dem 12. Jh. und steht leer."},
    /* English abbreviations and initials */
    {"en", "Mr. Smith left. Mrs. Jones stayed.", "Mr. Smith left. | Mrs. Jones stayed."},
    {"en", "Dr. Lee spoke first. Then the vote came.",
     "Dr. Lee spoke first. | Then the vote came."},
    {"en", "The U.S. Army confirmed it.", "The U.S. Army confirmed it."},
    {"en", "Troops left the U.S. The war went on.", "Troops left the U.S. | The war went on."},
    {"en", "Donald J. Trump spoke. He left.", "Donald J. Trump spoke. | He left."},
    {"en", "J. R. R. Tolkien wrote it.", "J. R. R. Tolkien wrote it."},
    {"en", "Acme Inc. Chief Executive Jane Roe resigned.",
     "Acme Inc. Chief Executive Jane Roe resigned."},
    {"en", "She works for Acme Inc. The firm denies it.",
     "She works for Acme Inc. | The firm denies it."},
    {"en", "Gen. Miller and Sen. Clark met on Jan. 5 in Ohio.",
     "Gen. Miller and Sen. Clark met on Jan. 5 in Ohio."},
    {"en", "It starts at 9 a.m. Tuesday in Washington, D.C.",
     "It starts at 9 a.m. Tuesday in Washington, D.C."},
    {"en", "Apples, pears, etc. They all rot.", "Apples, pears, etc. | They all rot."},
    {"en", "Prices rose, e.g. for bread. Wages did not.",
     "Prices rose, e.g. for bread. | Wages did not."},
    {"en", "See Fig. 3 for details.", "See Fig. 3 for details."},
    {"en", "He lives at No. 10 Downing Street.", "He lives at No. 10 Downing Street."},
    /* ordinals */
    {"de", "Am 3. Oktober wird gefeiert.", "Am 3. Oktober wird gefeiert."},
    {"de", "Im 20. Jahrhundert war das anders.", "Im 20. Jahrhundert war das anders."},
    {"de", "Sie spielen in der 2. Bundesliga.", "Sie spielen in der 2. Bundesliga."},
    {"de", "Der 1. FC Köln verlor am 12. Mai.", "Der 1. FC Köln verlor am 12. Mai."},
    {"de", "Das ist der 3. Versuch in Folge.", "Das ist der 3. Versuch in Folge."},
    {"de", "Er wurde am 1. Januar 2024 gewählt. Sie nicht.",
     "Er wurde am 1. Januar 2024 gewählt. | Sie nicht."},
    {"de", "Die Partei kam auf Platz 3. Die Grünen folgten.",
     "Die Partei kam auf Platz 3. | Die Grünen folgten."},
    {"de", "Das war 2023. Heute ist es anders.", "Das war 2023. | Heute ist es anders."},
    {"en", "It happened in 2024. Nobody expected it.",
     "It happened in 2024. | Nobody expected it."},
    /* numbers with dots */
    {"de", "Nur 7.500 Personen statt 100.000 dürfen kommen.",
     "Nur 7.500 Personen statt 100.000 dürfen kommen."},
    {"de", "Die Quote stieg auf 3.5 Prozent. Das ist viel.",
     "Die Quote stieg auf 3.5 Prozent. | Das ist viel."},
    {"en", "Version 2.0.1 is out. Update now.", "Version 2.0.1 is out. | Update now."},
    {"en", "Read it at example.com/news. It is free.",
     "Read it at example.com/news. | It is free."},
    {"de", "Das Spiel endete 2:1. Bayern jubelte.", "Das Spiel endete 2:1. | Bayern jubelte."},
    {"de", "Es ist 14.30 Uhr. Die Sitzung beginnt.", "Es ist 14.30 Uhr. | Die Sitzung beginnt."},
    /* quotes and brackets stay with their sentence */
    {"de", "„Wir schaffen das.“ Das sagte sie 2015.", "„Wir schaffen das.“ | Das sagte sie 2015."},
    {"de", "„Wir kommen“, sagte er. Dann ging er.", "„Wir kommen“, sagte er. | Dann ging er."},
    {"de", "„Warum?“, fragte sie. Niemand antwortete.",
     "„Warum?“, fragte sie. | Niemand antwortete."},
    {"en", "\"We will win.\" The crowd cheered.", "\"We will win.\" | The crowd cheered."},
    {"en", "He said: \"Stop!\" Then he left.", "He said: \"Stop!\" | Then he left."},
    {"en", "The plan failed (as expected). Critics laughed.",
     "The plan failed (as expected). | Critics laughed."},
    {"en", "(The vote was close.) It passed anyway.", "(The vote was close.) | It passed anyway."},
    {"de", "»Das ist falsch.« Der Minister schwieg.", "»Das ist falsch.« | Der Minister schwieg."},
    {"en", "“Enough,” she said. “We go.”", "“Enough,” she said. | “We go.”"},
    {"en", "It is ‘final.’ No appeal.", "It is ‘final.’ | No appeal."},
    /* ellipses */
    {"de", "Und dann … nichts. Es blieb still.", "Und dann … nichts. | Es blieb still."},
    {"en", "Wait... and see. It works.", "Wait... and see. | It works."},
    {"en", "He hesitated... Then he signed.", "He hesitated... | Then he signed."},
    {"de", "Er sagte: „Wir [...] bleiben.“ Dann ging er.",
     "Er sagte: „Wir [...] bleiben.“ | Dann ging er."},
    {"en", "So it goes… The end.", "So it goes… | The end."},
    /* never across a line break: headings stay apart */
    {"de", "Klare Ansage aus Washington\nDas Schreiben ging an Botschaften.",
     "Klare Ansage aus Washington | Das Schreiben ging an Botschaften."},
    {"en", "Breaking news\nThe minister resigned. Her deputy takes over.",
     "Breaking news | The minister resigned. | Her deputy takes over."},
    {"de", "Erster Absatz ohne Punkt\n\nZweiter Absatz.",
     "Erster Absatz ohne Punkt | Zweiter Absatz."},
    {"en", "A line ends here.\r\nAnother starts.", "A line ends here. | Another starts."},
    /* other openers */
    {"de", "Das ist so. 2024 wird es anders.", "Das ist so. | 2024 wird es anders."},
    {"en", "Turnout fell. 40 percent voted.", "Turnout fell. | 40 percent voted."},
    {"de", "Die Ärzte warnen. Ältere sind gefährdet.",
     "Die Ärzte warnen. | Ältere sind gefährdet."},
    /* no-break spaces */
    {"de",
     "Es kamen ca.\xC2\xA0"
     "500 Leute. Dann regnete es.",
     "Es kamen ca.\xC2\xA0"
     "500 Leute. | Dann regnete es."},
    {"de", "Dr.\xC2\xA0Weber sprach. Sie blieb.", "Dr.\xC2\xA0Weber sprach. | Sie blieb."},
    /* Chinese and Japanese: no space after the mark */
    {NULL, "北京今天下雨。明天会晴天！你去吗？", "北京今天下雨。 | 明天会晴天！ | 你去吗？"},
    {NULL, "「東京は晴れ。」大阪は雨。", "「東京は晴れ。」 | 大阪は雨。"},
    /* unknown language uses both lists */
    {NULL, "Dr. Who left. Am 3. Oktober kam er.", "Dr. Who left. | Am 3. Oktober kam er."},
};

static char *join(const char *text, const struct sentence_span *s, size_t n)
{
    struct buf b = {0};
    buf_append_str(&b, "");
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_append_str(&b, " | ");
        buf_append(&b, text + s[i].start, s[i].len);
    }
    return buf_steal(&b);
}

static void test_table(void)
{
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        struct sentence_span *s = NULL;
        size_t n = sentence_split(cases[i].text, strlen(cases[i].text), cases[i].lang, &s);
        char *got = join(cases[i].text, s, n);
        CHECK_MSG(!strcmp(got, cases[i].want), "case %zu (%s): \"%s\"\n    got:  %s\n    want: %s",
                  i, cases[i].lang ? cases[i].lang : "any", cases[i].text, got, cases[i].want);
        free(got);
        free(s);
    }
    printf("%zu splitting cases\n", ARRAY_LEN(cases));
}

static void test_lines(void)
{
    const char *t = "Title line\nFirst one. Second one.\nThird";
    struct sentence_span *s = NULL;
    size_t n = sentence_split(t, strlen(t), "en", &s);
    CHECK_INT(n, 4);
    if (n == 4) {
        CHECK_INT(s[0].line, 0);
        CHECK_INT(s[1].line, 1);
        CHECK_INT(s[2].line, 1);
        CHECK_INT(s[3].line, 2);
    }
    free(s);
}

/* Bytes that are not UTF-8, and text that is only punctuation, split without harm: every
 * run that ends in a mark is a sentence of its own, on its line. */
static void test_odd_bytes(void)
{
    const char odd[] = "\xFF\xFE. \xC3. ... !!! ?? \xE2\x80 .\n\n\n.";
    static const struct sentence_span want[] = {
        {.start = 0, .len = 3, .line = 0},  {.start = 4, .len = 2, .line = 0},
        {.start = 7, .len = 3, .line = 0},  {.start = 11, .len = 3, .line = 0},
        {.start = 15, .len = 2, .line = 0}, {.start = 18, .len = 4, .line = 0},
        {.start = 25, .len = 1, .line = 3},
    };
    struct sentence_span *s = NULL;
    size_t n = sentence_split(odd, sizeof odd - 1, "de", &s);
    CHECK_INT(n, ARRAY_LEN(want));
    for (size_t i = 0; i < n && i < ARRAY_LEN(want); i++)
        CHECK_MSG(s[i].start == want[i].start && s[i].len == want[i].len &&
                      s[i].line == want[i].line,
                  "sentence %zu: got [%zu, +%zu, line %zu], want [%zu, +%zu, line %zu]", i,
                  s[i].start, s[i].len, s[i].line, want[i].start, want[i].len, want[i].line);
    free(s);
}

int main(void)
{
    test_table();
    test_lines();
    test_odd_bytes();
    return check_done();
}
