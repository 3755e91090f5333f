/*
 * Throughput of the text cleaner on typical feed descriptions: about 1 KB of HTML each
 * (paragraphs, links, emphasis, an image, entities), and the same size of entity-only text
 * (the no-'<' fast path); and charset_to_utf8 on 10 MB documents, UTF-8 (validation and copy)
 * and windows-1252. Prints MB/s of input; built and run by bench_text.sh.
 */
#include "core/charset.h"
#include "core/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *make_description(int i, int html)
{
    char *s = malloc(4096);
    size_t n = 0;
    const char *words[] = {"Regierung",
                           "council",
                           "announced",
                           "the",
                           "budget",
                           "for",
                           "next",
                           "year",
                           "Stra\xC3\x9F"
                           "e",
                           "caf\xC3\xA9",
                           "weather",
                           "report",
                           "minister",
                           "said",
                           "on",
                           "Tuesday"};
    if (html)
        n += (size_t)sprintf(s + n,
                             "<p><img src=\"https://example.org/img/%d.jpg\" alt=\"\" "
                             "width=\"300\" height=\"200\"/></p><p>",
                             i);
    int w = 0;
    while (n < 900) {
        const char *word = words[(size_t)(i * 7 + w * 3) % (sizeof words / sizeof words[0])];
        if (html && w % 23 == 5)
            n += (size_t)sprintf(
                s + n, "<a href=\"https://example.org/story/%d?a=1&amp;b=%d\">%s</a> ", i, w, word);
        else if (html && w % 17 == 3)
            n += (size_t)sprintf(s + n, "<b>%s</b> ", word);
        else if (w % 13 == 7)
            n += (size_t)sprintf(s + n, "%s&nbsp;&ndash; ", word);
        else if (w % 29 == 11)
            n += (size_t)sprintf(s + n, "&bdquo;%s&ldquo; ", word);
        else if (html && w % 40 == 39)
            n += (size_t)sprintf(s + n, "</p>\n<p>");
        else
            n += (size_t)sprintf(s + n, "%s ", word);
        w++;
    }
    n += (size_t)sprintf(s + n, "%s", html ? "&hellip;</p>" : "&hellip;");
    return s;
}

static void run(const char *label, int html, enum text_mode mode, double seconds)
{
    enum { N = 64 };
    char *desc[N];
    size_t lens[N], total = 0;
    for (int i = 0; i < N; i++) {
        desc[i] = make_description(i, html);
        lens[i] = strlen(desc[i]);
        total += lens[i];
    }
    size_t bytes = 0, calls = 0, out = 0;
    double t0 = now(), t;
    do {
        for (int i = 0; i < N; i++) {
            char *r = text_from_html(desc[i], lens[i], mode, 0);
            out += strlen(r);
            free(r);
        }
        bytes += total;
        calls += N;
        t = now();
    } while (t - t0 < seconds);
    printf("%-28s %8.1f MB/s  %8.0f calls/s  (avg input %zu bytes, output %zu bytes)\n", label,
           bytes / (t - t0) / 1e6, calls / (t - t0), total / N, out / calls);
    for (int i = 0; i < N; i++)
        free(desc[i]);
}

static void run_full(double seconds)
{
    char *d = make_description(3, 1);
    size_t len = strlen(d), bytes = 0;
    double t0 = now(), t;
    do {
        for (int i = 0; i < 64; i++) {
            free(text_html_full(d, len, TEXT_BLOCK));
            bytes += len;
        }
        t = now();
    } while (t - t0 < seconds);
    printf("%-28s %8.1f MB/s\n", "html 1KB, libxml2 path only", bytes / (t - t0) / 1e6);
    free(d);
}

static void run_charset(const char *label, const char *http, int latin1, double seconds)
{
    size_t size = 10u << 20, n = 0;
    char *doc = malloc(size);
    const char *line =
        latin1 ? "<item><title>Caf\xE9 cr\xE8me \x93quoted\x94</title></item>\n"
               : "<item><title>Caf\xC3\xA9 cr\xC3\xA8me \xE2\x80\x9Cq\xE2\x80\x9D</title></item>\n";
    size_t ll = strlen(line);
    while (n + ll <= size) {
        memcpy(doc + n, line, ll);
        n += ll;
    }
    size_t bytes = 0;
    double t0 = now(), t;
    do {
        struct charset_result r;
        charset_to_utf8(doc, n, http, CHARSET_DOC_XML, &r, NULL);
        free(r.text);
        bytes += n;
        t = now();
    } while (t - t0 < seconds);
    printf("%-28s %8.1f MB/s\n", label, bytes / (t - t0) / 1e6);
    free(doc);
}

int main(int argc, char **argv)
{
    double seconds = argc > 1 ? atof(argv[1]) : 2.0;
    text_init();
    run("html 1KB, TEXT_BLOCK", 1, TEXT_BLOCK, seconds);
    run("html 1KB, TEXT_INLINE", 1, TEXT_INLINE, seconds);
    run("entities only 1KB, BLOCK", 0, TEXT_BLOCK, seconds);
    run_full(seconds);
    run_charset("charset 10MB UTF-8", "utf-8", 0, seconds);
    run_charset("charset 10MB windows-1252", "windows-1252", 1, seconds);
    return 0;
}
