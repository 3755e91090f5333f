/*
 * Article extraction measured on real pages (issue 12): the driver behind bench_extract.sh.
 *
 *   bench_extract [--pages] [--dump NAME] [--repeat N] DIR
 *
 * DIR holds one folder per page with source.html (the page as served) and expected.html (the
 * main content a reference extractor kept), as in Mozilla Readability's test pages. Every page
 * goes through the summariser as `ticker summarize --html` would run it (no title, no
 * language hint), in this process. The measured text is the cleaned body (what --explain
 * prints as "body": the lines the summariser chooses from); the extractor's own output before
 * cleaning is reported beside it.
 *
 * Quality is bag-of-words agreement with expected.html's text: both are cut into words (runs
 * of letters and digits, lower-cased), and a word counts as matched as often as it occurs in
 * both (multiset intersection). Per page, precision = matched / our words, recall = matched /
 * expected words, F1 their harmonic mean; the figures are means over pages. A page with empty
 * output has recall and F1 0 and is left out of the precision mean (it kept nothing wrong),
 * and is counted under "empty".
 *
 * Speed: every page summarised --repeat times (default 5) in one process, timed in CPU time
 * of this process, so pages per CPU second is what one core does even on a shared machine;
 * wall-clock pages per second is printed too. Extraction alone (extract_article) is timed the
 * same way.
 *
 * --pages prints a line per page (F1 P R words-ours words-expected name), worst first;
 * --dump NAME prints that page's cleaned body and expected text.
 */
#include "core/extract.h"
#include "core/summary.h"
#include "core/words.h"
#include "core/text.h"
#include "core/util.h"
#include "../testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct page {
    char *name;
    char *src, *expected_text;
    size_t src_len;
    double p, r, f1, xp, xr, xf1;
    size_t ours, theirs;
    bool empty, x_empty, no_summary;
};

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Words of s as sorted 64-bit hashes of their lower-cased form. */
static uint64_t *words_of(const char *s, size_t *n_out)
{
    size_t len = strlen(s), pos = 0, start, n = 0, cap = 256;
    uint64_t *w = xmalloc(cap * sizeof *w);
    char low[256];
    while (words_next(s, len, &pos, &start)) {
        size_t ln = words_lower(s + start, pos - start, low, sizeof low);
        if (n == cap)
            w = xreallocarray(w, cap *= 2, sizeof *w);
        w[n++] = hash_fnv1a64(low, ln, HASH_FNV1A64_INIT);
    }
    qsort(w, n, sizeof *w, cmp_u64);
    *n_out = n;
    return w;
}

/* Precision, recall and F1 of `ours` against `theirs` (multisets of sorted word hashes). */
static void agreement(const char *ours, const char *theirs, double *p, double *r, double *f1,
                      size_t *n_ours, size_t *n_theirs)
{
    size_t na, nb;
    uint64_t *a = words_of(ours, &na), *b = words_of(theirs, &nb);
    size_t i = 0, j = 0, m = 0;
    while (i < na && j < nb) {
        if (a[i] == b[j])
            m++, i++, j++;
        else if (a[i] < b[j])
            i++;
        else
            j++;
    }
    *p = na ? (double)m / (double)na : 0;
    *r = nb ? (double)m / (double)nb : 0;
    *f1 = *p + *r > 0 ? 2 * *p * *r / (*p + *r) : 0;
    *n_ours = na;
    *n_theirs = nb;
    free(a);
    free(b);
}

static double seconds(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct page *)a)->name, ((const struct page *)b)->name);
}

static int by_f1(const void *a, const void *b)
{
    double x = ((const struct page *)a)->f1, y = ((const struct page *)b)->f1;
    return (x > y) - (x < y);
}

static struct page *load(const char *dir, size_t *n_out)
{
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    struct page *pages = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        char *sp = xasprintf("%s/%s/source.html", dir, de->d_name);
        char *ep = xasprintf("%s/%s/expected.html", dir, de->d_name);
        size_t sl = 0, el = 0;
        char *src = read_file(sp, &sl), *exp = src ? read_file(ep, &el) : NULL;
        free(sp);
        free(ep);
        if (!src || !exp) {
            free(src);
            free(exp);
            continue;
        }
        if (n == cap)
            pages = xreallocarray(pages, cap = cap ? cap * 2 : 64, sizeof *pages);
        pages[n] = (struct page){.name = xstrdup(de->d_name), .src = src, .src_len = sl};
        pages[n].expected_text = text_from_html(exp, el, TEXT_BLOCK, 0);
        free(exp);
        n++;
    }
    closedir(d);
    if (n)
        qsort(pages, n, sizeof *pages, by_name);
    *n_out = n;
    return pages;
}

int main(int argc, char **argv)
{
    const char *dir = NULL, *dump = NULL;
    bool per_page = false;
    long repeat = 5;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--pages"))
            per_page = true;
        else if (!strcmp(argv[i], "--dump") && i + 1 < argc)
            dump = argv[++i];
        else if (!strcmp(argv[i], "--repeat") && i + 1 < argc)
            repeat = strtol(argv[++i], NULL, 10);
        else if (argv[i][0] != '-' && !dir)
            dir = argv[i];
        else {
            fprintf(stderr, "usage: bench_extract [--pages] [--dump NAME] [--repeat N] DIR\n");
            return 2;
        }
    }
    if (!dir) {
        fprintf(stderr, "usage: bench_extract [--pages] [--dump NAME] [--repeat N] DIR\n");
        return 2;
    }
    text_init();
    size_t n = 0;
    struct page *pages = load(dir, &n);
    if (!n) {
        fprintf(stderr, "bench_extract: no pages (NAME/source.html + expected.html) in %s\n", dir);
        return 2;
    }

    struct summary_ctx *ctx = summary_ctx_new();
    struct summary_options opt;
    summary_options_default(&opt);
    opt.explain = true;
    double sp = 0, sr = 0, sf = 0, sxp = 0, sxr = 0, sxf = 0;
    size_t empty = 0, x_empty = 0, no_summary = 0, bytes = 0;
    for (size_t i = 0; i < n; i++) {
        struct page *pg = &pages[i];
        bytes += pg->src_len;
        struct summary_input in = {.page_html = pg->src, .page_len = pg->src_len};
        struct summary_result res;
        pg->no_summary = !summary_make(ctx, &in, &opt, &res);
        const char *body = res.body ? res.body : "";
        agreement(body, pg->expected_text, &pg->p, &pg->r, &pg->f1, &pg->ours, &pg->theirs);
        pg->empty = pg->ours == 0;
        if (dump && !strcmp(dump, pg->name))
            printf("=== %s: cleaned body\n%s\n=== expected\n%s\n=== summary\n%s\n", pg->name, body,
                   pg->expected_text, res.text);
        summary_result_free(&res);

        struct extract_result ex;
        struct error err;
        extract_article(pg->src, pg->src_len, NULL, &ex, &err);
        size_t a, b;
        agreement(ex.text, pg->expected_text, &pg->xp, &pg->xr, &pg->xf1, &a, &b);
        pg->x_empty = a == 0;
        extract_result_free(&ex);

        empty += pg->empty;
        no_summary += pg->no_summary;
        x_empty += pg->x_empty;
        sp += pg->empty ? 0 : pg->p;
        sr += pg->r;
        sf += pg->f1;
        sxp += pg->x_empty ? 0 : pg->xp;
        sxr += pg->xr;
        sxf += pg->xf1;
    }
    if (per_page) {
        struct page *sorted = xreallocarray(NULL, n, sizeof *sorted);
        memcpy(sorted, pages, n * sizeof *sorted);
        qsort(sorted, n, sizeof *sorted, by_f1);
        printf("  F1     P      R      ours  expected  page\n");
        for (size_t i = 0; i < n; i++)
            printf("  %.3f  %.3f  %.3f  %5zu  %5zu     %s\n", sorted[i].f1, sorted[i].p,
                   sorted[i].r, sorted[i].ours, sorted[i].theirs, sorted[i].name);
        free(sorted);
    }
    printf("pages %zu (%.1f MB of HTML), bag-of-words against expected.html, means over pages\n", n,
           (double)bytes / 1e6);
    printf("cleaned body   F1 %.3f  precision %.3f  recall %.3f  empty %zu\n", sf / (double)n,
           n > empty ? sp / (double)(n - empty) : 0, sr / (double)n, empty);
    printf("extractor only F1 %.3f  precision %.3f  recall %.3f  empty %zu\n", sxf / (double)n,
           n > x_empty ? sxp / (double)(n - x_empty) : 0, sxr / (double)n, x_empty);
    printf("pages without a summary (`ticker summarize` exit 1): %zu\n", no_summary);

    /* Speed: the whole pipeline, then extraction alone. */
    opt.explain = false;
    for (int pass = 0; pass < 2 && repeat > 0; pass++) {
        double c0 = seconds(CLOCK_PROCESS_CPUTIME_ID), w0 = seconds(CLOCK_MONOTONIC);
        for (long r = 0; r < repeat; r++) {
            for (size_t i = 0; i < n; i++) {
                if (pass == 0) {
                    struct summary_input in = {.page_html = pages[i].src,
                                               .page_len = pages[i].src_len};
                    struct summary_result res;
                    summary_make(ctx, &in, &opt, &res);
                    summary_result_free(&res);
                } else {
                    struct extract_result ex;
                    struct error err;
                    extract_article(pages[i].src, pages[i].src_len, NULL, &ex, &err);
                    extract_result_free(&ex);
                }
            }
        }
        double cpu = seconds(CLOCK_PROCESS_CPUTIME_ID) - c0, wall = seconds(CLOCK_MONOTONIC) - w0;
        double done = (double)n * (double)repeat;
        printf("%s %.0f pages per CPU second (%.0f per wall second; %ld rounds)\n",
               pass == 0 ? "speed, summary  " : "speed, extract  ", cpu > 0 ? done / cpu : 0,
               wall > 0 ? done / wall : 0, repeat);
    }
    summary_ctx_free(ctx);
    for (size_t i = 0; i < n; i++) {
        free(pages[i].name);
        free(pages[i].src);
        free(pages[i].expected_text);
    }
    free(pages);
    return 0;
}
