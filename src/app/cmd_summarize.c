/*
 * `ticker summarize FILE|- [options]`: the summariser from the command line, printing JSON.
 *
 * Input kinds: plain text (default; one block per line), an HTML fragment (--fragment, as in
 * an RSS description) or a whole article page (--html: main-text extraction first). For plain
 * text without --title, the first non-empty line is taken as the headline when it looks like
 * one (no final punctuation, at most 25 words): that is how article text files such as
 * tests/data/articles/article-de-migration.txt are laid out. For a page without --title the
 * page's own title (og:title, <title>, <h1>) is used.
 *
 * --bench FILE... summarises every file (each read once into memory) --repeat times and
 * prints the throughput instead: the figure bench_summary.sh reports.
 */
#include "app/commands.h"
#include "app/options.h"

#include "core/charset.h"
#include "core/config.h"
#include "core/jsonw.h"
#include "core/markup.h"
#include "core/summary_clean.h"
#include "core/summary.h"
#include "core/util.h"
#include "io/cpu_budget.h"
#include "io/file.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_INPUT (8u * 1024 * 1024)

/* The first non-empty line, when it looks like a headline; NULL otherwise. */
static char *headline_of(const char *text, size_t len)
{
    size_t i = 0;
    while (i < len && (text[i] == '\n' || text[i] == '\r' || text[i] == ' ' || text[i] == '\t'))
        i++;
    size_t e = i;
    while (e < len && text[e] != '\n')
        e++;
    while (e > i && ascii_isspace((unsigned char)text[e - 1]))
        e--;
    if (e == i)
        return NULL;
    if (text[e - 1] == ':' || summary_clean_ends_sentence(text + i, e - i))
        return NULL;
    size_t words = 1;
    for (size_t k = i; k < e; k++)
        if (text[k] == ' ')
            words++;
    if (words > 25)
        return NULL;
    return xstrndup(text + i, e - i);
}

static cJSON *sentences_json(const struct summary_result *r, bool with_scores)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; i < r->n_sentences; i++) {
        const struct summary_sentence *s = &r->sentences[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "index", (double)i);
        cJSON_AddStringToObject(o, "text", s->text);
        if (with_scores) {
            /* rounded so the output is stable and readable */
            cJSON_AddNumberToObject(
                o, "score", (double)(long)(s->score * 1000 + (s->score < 0 ? -0.5 : 0.5)) / 1000);
            cJSON_AddNumberToObject(o, "position", (double)(long)(s->position * 1000 + 0.5) / 1000);
            cJSON_AddNumberToObject(o, "centrality",
                                    (double)(long)(s->centrality * 1000 + 0.5) / 1000);
            cJSON_AddNumberToObject(o, "headline", (double)(long)(s->headline * 1000 + 0.5) / 1000);
            cJSON_AddNumberToObject(o, "penalty", (double)(long)(s->penalty * 1000 + 0.5) / 1000);
            cJSON_AddBoolToObject(o, "chosen", s->chosen);
        }
        cJSON_AddItemToArray(arr, o);
    }
    return arr;
}

static int run_bench(char **files, size_t n_files, bool html, long repeat,
                     const struct summary_options *opt)
{
    char **data = xcalloc(n_files, sizeof *data);
    size_t *lens = xcalloc(n_files, sizeof *lens);
    size_t total_bytes = 0;
    int rc = 0;
    for (size_t i = 0; i < n_files; i++) {
        struct error err = {0};
        data[i] = file_read_all(files[i], MAX_INPUT, &lens[i], &err);
        if (!data[i]) {
            fprintf(stderr, "ticker summarize: %s\n", err.msg);
            rc = 2;
            goto done;
        }
        total_bytes += lens[i];
    }
    struct summary_ctx *ctx = summary_ctx_new();
    /* Wall time, and the process's CPU time: on a shared machine the CPU figure is the one
     * that says what one core does. */
    struct timespec t0, t1, c0, c1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
    size_t done_n = 0, out_bytes = 0;
    for (long r = 0; r < repeat; r++) {
        for (size_t i = 0; i < n_files; i++) {
            struct summary_input in = {0};
            char *title = html ? NULL : headline_of(data[i], lens[i]);
            in.title = title;
            if (html) {
                in.page_html = data[i];
                in.page_len = lens[i];
            } else {
                in.text = data[i];
                in.text_len = lens[i];
            }
            struct summary_result res;
            summary_make(ctx, &in, opt, &res);
            out_bytes += strlen(res.text);
            summary_result_free(&res);
            free(title);
            done_n++;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
    summary_ctx_free(ctx);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    double cpu = (double)(c1.tv_sec - c0.tv_sec) + (double)(c1.tv_nsec - c0.tv_nsec) / 1e9;
    printf("{\"articles\":%zu,\"mean_bytes\":%zu,\"seconds\":%.4f,\"per_second\":%.0f,"
           "\"cpu_seconds\":%.4f,\"per_cpu_second\":%.0f,\"summary_bytes\":%zu}\n",
           done_n, n_files ? total_bytes / n_files : 0, secs, secs > 0 ? (double)done_n / secs : 0,
           cpu, cpu > 0 ? (double)done_n / cpu : 0, out_bytes);
done:
    for (size_t i = 0; i < n_files; i++)
        free(data[i]);
    free(data);
    free(lens);
    return rc;
}

int cmd_summarize(int argc, char **argv)
{
    const char *path = NULL, *title = NULL, *lang = NULL, *charset = NULL;
    bool html = false, fragment = false, bench = false;
    long repeat = 1;
    struct summary_options opt;
    summary_options_default(&opt);
    int rc = 0;
    const struct options_opt opts[] = {
        OPTIONS_FLAG("html", &html,
                     "The input is a whole article page: its main text is extracted first."),
        OPTIONS_FLAG("fragment", &fragment,
                     "The input is an HTML fragment, as in an RSS description."),
        OPTIONS_STRING("title", "T", &title,
                       "The headline (otherwise the text's first line when it looks like one, "
                       "or the page's own title)."),
        OPTIONS_STRING("lang", "L", &lang,
                       "The language (de, en, ...), or auto to detect it (the default)."),
        OPTIONS_STRING("charset", "CS", &charset,
                       "The input's character set when it does not declare one (text, fragment "
                       "or page)."),
        /* The configuration's summary.max_chars and summary.sentences take the same ranges. */
        OPTIONS_INT("max-chars", "N", &opt.max_chars, CONFIG_SUMMARY_MIN_CHARS,
                    CONFIG_SUMMARY_MAX_CHARS, "The summary's budget in characters (default 400)."),
        OPTIONS_INT("sentences", "K", &opt.max_sentences, 1, CONFIG_SUMMARY_MAX_SENTENCES,
                    "At most K sentences (default 3)."),
        OPTIONS_INT("min-sentences", "K", &opt.min_sentences, 1, CONFIG_SUMMARY_MAX_SENTENCES,
                    "At least K sentences when the budget allows (default 2)."),
        OPTIONS_FLAG("explain", &opt.explain,
                     "Also prints the cleaned body and every sentence's score."),
        OPTIONS_FLAG("bench", &bench,
                     "Summarises every FILE --repeat times and prints the throughput instead."),
        OPTIONS_INT("repeat", "N", &repeat, 1, 1000000,
                    "How many times --bench summarises each file (default 1)."),
        OPTIONS_TABLE_END,
    };
    const struct options_spec spec = {
        .command = "summarize",
        .about = "Summarises a text, an HTML fragment or an article page and prints the summary "
                 "and the chosen sentences as JSON.",
        .args = "FILE|-",
        .args_help = "The input, or - for standard input; with --bench, one or more files.",
        .max_args = -1,
        .opts = opts,
    };
    int n_files;
    rc = options_parse(&spec, argc, argv, &n_files);
    if (rc != OPTIONS_CONTINUE)
        return rc;
    rc = 0;
    char **files = argv + 1;
    if (opt.min_sentences > opt.max_sentences)
        opt.min_sentences = opt.max_sentences;
    if (bench) {
        if (!n_files)
            return options_error(&spec, "--bench needs one or more files");
        return run_bench(files, (size_t)n_files, html, repeat, &opt);
    }
    if (n_files != 1)
        return options_error(&spec, n_files ? "one FILE at a time" : "FILE|- is missing");
    path = files[0];

    struct error err = {0};
    size_t len;
    char *data = file_read_all(path, MAX_INPUT, &len, &err);
    if (!data) {
        fprintf(stderr, "ticker summarize: %s\n", err.msg);
        return 2;
    }
    /* The libraries under the summariser take no budget callback: the process's CPU time is
     * limited instead (one second per 4 MiB, at least one, and one more for start-up). */
    char limit_msg[300], shown[200];
    snprintf(limit_msg, sizeof limit_msg,
             "ticker summarize: %s: the document used up its CPU time budget (stopped)",
             str_printable(shown, sizeof shown, path));
    cpu_budget_limit_process(cpu_budget_for(len) + 1, limit_msg);
    /* A whole HTML document is a page, whatever the options did not say. */
    if (!html && !fragment && markup_is_html_document(data, len))
        html = true;
    /* Text and fragments to UTF-8 here (a page is decoded by the extractor, which also looks
     * for its <meta charset>): --charset, else a byte order mark, UTF-8, windows-1252. */
    struct charset_result cr = {0};
    if (!html) {
        struct error cerr = {0};
        if (!charset_to_utf8(data, len, charset, CHARSET_DOC_TEXT, &cr, &cerr)) {
            fprintf(stderr, "ticker summarize: %s: %s\n", path, cerr.msg);
            free(data);
            return 2;
        }
    }
    char *guessed = NULL;
    if (!title && !html && !fragment)
        title = guessed = headline_of(cr.text, cr.len);
    struct summary_input in = {.title = title, .lang_hint = lang};
    if (html) {
        in.page_html = data;
        in.page_len = len;
        in.page_charset = charset;
    } else {
        in.text = cr.text;
        in.text_len = cr.len;
        in.text_is_html = fragment;
    }
    struct summary_ctx *ctx = summary_ctx_new();
    struct summary_result res;
    /* Always ask for the sentences (to print the chosen ones' text); print scores on request. */
    bool explain = opt.explain;
    opt.explain = true;
    bool ok = summary_make(ctx, &in, &opt, &res);
    opt.explain = explain;
    summary_ctx_free(ctx);

    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "file", path);
    cJSON_AddStringToObject(o, "language", res.lang);
    cJSON_AddStringToObject(o, "source", summary_source_name(res.source));
    if (res.title)
        cJSON_AddStringToObject(o, "title", res.title);
    else
        cJSON_AddNullToObject(o, "title");
    cJSON_AddBoolToObject(o, "fallback", res.fallback);
    cJSON *chosen = cJSON_CreateArray();
    for (size_t i = 0; i < res.n_chosen; i++) {
        cJSON *c = cJSON_CreateObject();
        cJSON_AddNumberToObject(c, "index", res.chosen[i]);
        if (res.sentences && (size_t)res.chosen[i] < res.n_sentences)
            cJSON_AddStringToObject(c, "text", res.sentences[res.chosen[i]].text);
        cJSON_AddItemToArray(chosen, c);
    }
    cJSON_AddItemToObject(o, "sentences", chosen);
    cJSON_AddStringToObject(o, "summary", res.text);
    if (opt.explain) {
        cJSON_AddStringToObject(o, "body", res.body ? res.body : "");
        cJSON_AddItemToObject(o, "scores", sentences_json(&res, true));
    }
    /* Valid UTF-8 whatever the file's name and bytes were. */
    char *json = jsonw_print(o, true);
    puts(json);
    free(json);
    cJSON_Delete(o);
    if (!ok) {
        fprintf(stderr, "ticker summarize: %s: no text to summarise\n", path);
        rc = 1;
    }
    summary_result_free(&res);
    free(data);
    free(cr.text);
    free(guessed);
    return rc;
}
