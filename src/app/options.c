/*
 * The shared command-line parser (app/options.h). Long options only, plus -h: commands have
 * few options and long names read well in scripts and unit files. No abbreviations (a later
 * option must not change what an old script means); a near miss gets "did you mean".
 */
#include "app/options.h"

#include "core/config.h"
#include "core/util.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Help and usage lines stay under 100 columns. */
#define WIDTH 99
/* Option names up to this wide share a line with their sentence; longer ones go above it. */
#define NAME_COLUMN 28

static const struct options_opt *find(const struct options_spec *spec, const char *name, size_t len)
{
    for (const struct options_opt *o = spec->opts; o && o->kind != OPTIONS_END; o++)
        if (strlen(o->name) == len && !memcmp(o->name, name, len))
            return o;
    return NULL;
}

/* "--max-chars N", "--html", "FILE|-" */
static void opt_label(const struct options_opt *o, char *out, size_t cap)
{
    if (o->value)
        snprintf(out, cap, "--%s %s", o->name, o->value);
    else
        snprintf(out, cap, "--%s", o->name);
}

/* Writes words to out, wrapping at WIDTH; continuation lines start with `indent` spaces.
 * `col` is the column the first word starts at. Words are separated by single spaces; a word
 * is never split (an over-long word gets a line of its own). */
static void wrap(FILE *out, const char *text, size_t col, size_t indent)
{
    size_t start_col = col;
    const char *p = text;
    while (*p) {
        while (*p == ' ')
            p++;
        size_t n = strcspn(p, " ");
        if (!n)
            break;
        if (col > start_col && col + 1 + n > WIDTH) {
            fprintf(out, "\n%*s", (int)indent, "");
            col = indent;
            start_col = indent;
        } else if (col > start_col) {
            fputc(' ', out);
            col++;
        }
        fwrite(p, 1, n, out);
        col += n;
        p += n;
    }
    fputc('\n', out);
}

/* One word of the usage line, on a new line when it would pass WIDTH. */
static void usage_word(FILE *out, const char *word, size_t *col, size_t indent)
{
    size_t n = strlen(word);
    if (*col + 1 + n > WIDTH && *col > indent) {
        fprintf(out, "\n%*s", (int)indent, "");
        *col = indent;
    } else {
        fputc(' ', out);
        (*col)++;
    }
    fputs(word, out);
    *col += n;
}

void options_print_usage(const struct options_spec *spec, FILE *out)
{
    char head[128];
    int hn = snprintf(head, sizeof head, "usage: ticker %s", spec->command);
    size_t col = hn > 0 ? (size_t)hn : 0;
    size_t indent = col + 1 <= 40 ? col + 1 : 8;
    fputs(head, out);
    /* The positional arguments, then the required options (part of the command, not a
     * choice), then the others in brackets. A word is never split: "[--max-items N]" wraps
     * as one. */
    if (spec->args)
        usage_word(out, spec->args, &col, indent);
    for (int required = 1; required >= 0; required--) {
        for (const struct options_opt *o = spec->opts; o && o->kind != OPTIONS_END; o++) {
            if (o->required != (required == 1))
                continue;
            char label[128], word[160];
            opt_label(o, label, sizeof label);
            snprintf(word, sizeof word, o->required ? "%s" : "[%s%s]", label,
                     o->kind == OPTIONS_LIST ? " ..." : "");
            usage_word(out, word, &col, indent);
        }
    }
    fputc('\n', out);
}

/* The help sentence with a number's range: "... (default 400; 20 to 100000)." when the
 * sentence ends in a parenthesis, "... (20 to 100000)." otherwise. */
static char *help_sentence(const struct options_opt *o)
{
    const char *h = o->help ? o->help : "";
    size_t n = strlen(h);
    if (n && h[n - 1] == '.')
        n--;
    char range[96] = "";
    if (o->kind == OPTIONS_INT)
        snprintf(range, sizeof range, "%lld to %lld", o->min, o->max);
    else if (o->kind == OPTIONS_FLOAT)
        snprintf(range, sizeof range, "%g to %g", o->fmin, o->fmax);
    if (!range[0])
        return xasprintf("%.*s.", (int)n, h);
    if (n && h[n - 1] == ')')
        return xasprintf("%.*s; %s).", (int)(n - 1), h, range);
    return xasprintf("%.*s (%s).", (int)n, h, range);
}

static void print_entry(FILE *out, const char *label, const char *sentence)
{
    size_t len = strlen(label) + 2;
    fprintf(out, "  %s", label);
    if (len + 2 > NAME_COLUMN) {
        fprintf(out, "\n%*s", NAME_COLUMN, "");
    } else {
        fprintf(out, "%*s", (int)(NAME_COLUMN - len), "");
    }
    wrap(out, sentence, NAME_COLUMN, NAME_COLUMN);
}

void options_print_help(const struct options_spec *spec, FILE *out)
{
    options_print_usage(spec, out);
    if (spec->about) {
        fputc('\n', out);
        wrap(out, spec->about, 0, 0);
    }
    if (spec->args && spec->args_help) {
        fprintf(out, "\narguments:\n");
        print_entry(out, spec->args, spec->args_help);
    }
    fprintf(out, "\noptions:\n");
    for (const struct options_opt *o = spec->opts; o && o->kind != OPTIONS_END; o++) {
        char label[128];
        opt_label(o, label, sizeof label);
        char *s = help_sentence(o);
        print_entry(out, label, s);
        free(s);
    }
    print_entry(out, "-h, --help", "Prints this help and exits.");
    if (spec->more) {
        fputc('\n', out);
        /* `more` may hold its own paragraphs. */
        const char *p = spec->more;
        while (*p) {
            size_t n = strcspn(p, "\n");
            char *para = xstrndup(p, n);
            if (n)
                wrap(out, para, 0, 0);
            else
                fputc('\n', out);
            free(para);
            p += n;
            if (*p == '\n')
                p++;
        }
    }
}

static int verror(const struct options_spec *spec, const char *fmt, va_list ap)
{
    fprintf(stderr, "ticker %s: ", spec->command);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    options_print_usage(spec, stderr);
    return 2;
}

int options_error(const struct options_spec *spec, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = verror(spec, fmt, ap);
    va_end(ap);
    return rc;
}

static size_t distance(const char *typed, size_t len, const char *name)
{
    size_t d = config_edit_distance(typed, name);
    /* "--max" for "--max-items": a prefix is as good as one edit. */
    if (len >= 3 && !strncmp(name, typed, len) && d > 1)
        d = 1;
    return d;
}

/* The known option closest to a mistyped one, when it is close enough to be a typo. */
static const char *closest(const struct options_spec *spec, const char *name, size_t len)
{
    char *typed = xstrndup(name, len);
    const char *best = "help";
    size_t best_d = distance(typed, len, best);
    for (const struct options_opt *o = spec->opts; o && o->kind != OPTIONS_END; o++) {
        size_t d = distance(typed, len, o->name);
        if (d < best_d) {
            best_d = d;
            best = o->name;
        }
    }
    free(typed);
    /* At most two edits, and fewer than half the name (the rule of the configuration's
     * "did you mean"). */
    return best_d <= 2 && best_d * 2 < len + 1 ? best : NULL;
}

/* A whole number in decimal, within the row's range, written to its destination. */
static bool store_int(const struct options_opt *o, const char *s)
{
    if (!*s || ascii_isspace((unsigned char)*s) || *s == '+')
        return false;
    errno = 0;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (errno || *end || v < o->min || v > o->max)
        return false;
    switch (o->store) {
    case OPTIONS_STORE_INT:
        if (v < INT_MIN || v > INT_MAX)
            return false;
        *(int *)o->dest = (int)v;
        return true;
    case OPTIONS_STORE_UINT:
        if (v < 0 || (unsigned long long)v > UINT_MAX)
            return false;
        *(unsigned *)o->dest = (unsigned)v;
        return true;
    case OPTIONS_STORE_LONG:
        if (v < LONG_MIN || v > LONG_MAX)
            return false;
        *(long *)o->dest = (long)v;
        return true;
    case OPTIONS_STORE_ULONG:
        if (v < 0 || (unsigned long long)v > ULONG_MAX)
            return false;
        *(unsigned long *)o->dest = (unsigned long)v;
        return true;
    case OPTIONS_STORE_LLONG:
        *(long long *)o->dest = v;
        return true;
    case OPTIONS_STORE_ULLONG:
        if (v < 0)
            return false;
        *(unsigned long long *)o->dest = (unsigned long long)v;
        return true;
    case OPTIONS_STORE_NONE:
        break;
    }
    return false;
}

static bool store_float(const struct options_opt *o, const char *s)
{
    if (!*s || ascii_isspace((unsigned char)*s))
        return false;
    errno = 0;
    char *end;
    double v = strtod(s, &end);
    /* strtod also reads "inf", "nan" and hexadecimal: isfinite and the range keep them out
     * or in as numbers; ERANGE (overflow, underflow) is refused. */
    if (errno || *end || !isfinite(v) || v < o->fmin || v > o->fmax)
        return false;
    *(double *)o->dest = v;
    return true;
}

static int take_value(const struct options_spec *spec, const struct options_opt *o, const char *v)
{
    switch (o->kind) {
    case OPTIONS_STRING:
        *(const char **)o->dest = v;
        return OPTIONS_CONTINUE;
    case OPTIONS_LIST: {
        struct options_list *l = o->dest;
        if (l->n >= OPTIONS_LIST_MAX)
            return options_error(spec, "--%s: at most %d", o->name, OPTIONS_LIST_MAX);
        l->v[l->n++] = v;
        return OPTIONS_CONTINUE;
    }
    case OPTIONS_INT:
        if (!store_int(o, v)) {
            char *p = xstrprintable(v);
            int rc = options_error(spec, "--%s wants a whole number from %lld to %lld, not '%s'",
                                   o->name, o->min, o->max, p);
            free(p);
            return rc;
        }
        return OPTIONS_CONTINUE;
    case OPTIONS_FLOAT:
        if (!store_float(o, v)) {
            char *p = xstrprintable(v);
            int rc = options_error(spec, "--%s wants a number from %g to %g, not '%s'", o->name,
                                   o->fmin, o->fmax, p);
            free(p);
            return rc;
        }
        return OPTIONS_CONTINUE;
    case OPTIONS_FLAG:
    case OPTIONS_END:
        break;
    }
    return OPTIONS_CONTINUE;
}

int options_parse(const struct options_spec *spec, int argc, char **argv, int *n_args)
{
    int n_pos = 0;
    bool only_positional = false;
    /* Which required options were seen: tables are short, a bit per row is plenty. */
    uint64_t seen = 0;
    for (int i = 1; i < argc; i++) {
        char *a = argv[i];
        if (only_positional || a[0] != '-' || !strcmp(a, "-")) {
            argv[1 + n_pos++] = a;
            continue;
        }
        if (!strcmp(a, "--")) {
            only_positional = true;
            continue;
        }
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            options_print_help(spec, stdout);
            return fflush(stdout) == 0 ? 0 : 1;
        }
        char *shown = xstrprintable(a);
        if (a[1] != '-') {
            int rc = options_error(spec, "unknown option %s (options start with --)", shown);
            free(shown);
            return rc;
        }
        const char *name = a + 2;
        const char *eq = strchr(name, '=');
        size_t len = eq ? (size_t)(eq - name) : strlen(name);
        const struct options_opt *o = find(spec, name, len);
        if (!o) {
            const char *near = closest(spec, name, len);
            int rc;
            if (eq)
                shown[strcspn(shown, "=")] = '\0';
            if (near)
                rc = options_error(spec, "unknown option %s (did you mean --%s?)", shown, near);
            else
                rc = options_error(spec, "unknown option %s", shown);
            free(shown);
            return rc;
        }
        free(shown);
        size_t row = (size_t)(o - spec->opts);
        if (row < 64)
            seen |= (uint64_t)1 << row;
        if (o->kind == OPTIONS_FLAG) {
            if (eq)
                return options_error(spec, "--%s takes no value", o->name);
            *(bool *)o->dest = true;
            continue;
        }
        const char *v;
        if (eq) {
            v = eq + 1;
        } else if (i + 1 < argc && strncmp(argv[i + 1], "--", 2) != 0) {
            v = argv[++i];
        } else {
            /* At the end, or followed by another option: "--config --cache x" forgot the
             * file rather than naming one called "--cache". */
            return options_error(spec, "--%s needs a value", o->name);
        }
        /* An empty file name, URL or name (`--out ""`, an unset shell variable) is a mistake
         * to name here, not a confusing "No such file" later. */
        if (!*v && (o->kind == OPTIONS_STRING || o->kind == OPTIONS_LIST))
            return options_error(spec, "--%s needs a value, not an empty one", o->name);
        int rc = take_value(spec, o, v);
        if (rc != OPTIONS_CONTINUE)
            return rc;
    }
    for (const struct options_opt *o = spec->opts; o && o->kind != OPTIONS_END; o++) {
        size_t row = (size_t)(o - spec->opts);
        if (o->required && row < 64 && !(seen & ((uint64_t)1 << row)))
            return options_error(spec, "--%s %s is required", o->name, o->value ? o->value : "");
    }
    if (n_pos < spec->min_args) {
        if (spec->args)
            return options_error(spec, "%s is missing", spec->args);
        return options_error(spec, "an argument is missing");
    }
    if (spec->max_args >= 0 && n_pos > spec->max_args) {
        char *p = xstrprintable(argv[1 + spec->max_args]);
        int rc = spec->max_args == 0 ? options_error(spec, "unexpected argument '%s'", p)
                                     : options_error(spec, "unexpected argument '%s' (at most %d)",
                                                     p, spec->max_args);
        free(p);
        return rc;
    }
    *n_args = n_pos;
    return OPTIONS_CONTINUE;
}
