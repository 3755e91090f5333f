/*
 * app/options: what lands in each destination type, the limits of every number, positional
 * arguments, and the message each mistake gets (stderr is captured through a temporary file).
 * The commands' own messages are checked end to end by tests/app/cli.sh.
 */
#include "app/options.h"
#include "check.h"
#include "core/util.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

/* Runs options_parse with stderr and stdout redirected; returns its result and leaves the
 * first line of stderr in err (and all of stdout in out). */
static int parse_capture(const struct options_spec *spec, int argc, char **argv, int *n_args,
                         char *err, size_t errcap, char *out, size_t outcap)
{
    fflush(stdout);
    fflush(stderr);
    FILE *e = tmpfile(), *o = tmpfile();
    int save_err = dup(2), save_out = dup(1);
    dup2(fileno(e), 2);
    dup2(fileno(o), 1);
    int rc = options_parse(spec, argc, argv, n_args);
    fflush(stdout);
    fflush(stderr);
    dup2(save_err, 2);
    dup2(save_out, 1);
    close(save_err);
    close(save_out);
    rewind(e);
    rewind(o);
    if (!fgets(err, (int)errcap, e))
        err[0] = '\0';
    err[strcspn(err, "\n")] = '\0';
    size_t n = fread(out, 1, outcap - 1, o);
    out[n] = '\0';
    fclose(e);
    fclose(o);
    return rc;
}

struct dests {
    int i;
    unsigned u;
    long l;
    size_t z;
    int64_t ll;
    uint64_t ull;
    double f;
    bool flag;
    const char *s;
    struct options_list list;
};

static void spec_for(struct dests *d, struct options_opt *opts, size_t cap,
                     struct options_spec *spec)
{
    const struct options_opt table[] = {
        OPTIONS_INT("int", "N", &d->i, INT_MIN, INT_MAX, "An int."),
        OPTIONS_INT("unsigned", "N", &d->u, 0, UINT_MAX, "An unsigned."),
        OPTIONS_INT("long", "N", &d->l, -5, 5, "A long."),
        OPTIONS_INT("size", "N", &d->z, 1, 1000000, "A size_t."),
        OPTIONS_INT("i64", "N", &d->ll, LLONG_MIN, LLONG_MAX, "An int64_t."),
        OPTIONS_INT("u64", "N", &d->ull, 0, LLONG_MAX, "A uint64_t."),
        OPTIONS_FLOAT("float", "S", &d->f, 0.5, 86400, "A double."),
        OPTIONS_FLAG("flag", &d->flag, "A flag."),
        OPTIONS_STRING("string", "S", &d->s, "A string."),
        OPTIONS_LIST("list", "S", &d->list, "A list."),
        OPTIONS_TABLE_END,
    };
    CHECK(ARRAY_LEN(table) <= cap);
    memcpy(opts, table, sizeof table);
    *spec = (struct options_spec){
        .command = "test",
        .about = "Tests.",
        .args = "FILE...",
        .args_help = "Files.",
        .min_args = 0,
        .max_args = 2,
        .opts = opts,
    };
}

/* One command line: the arguments after the command name, up to 8. */
struct row {
    const char *args[8];
    int want_rc;          /* OPTIONS_CONTINUE, 0 or 2 */
    const char *want_err; /* the first line of stderr, exactly ("" for none) */
};

static const struct row rows[] = {
    {.args = {"--int", "-2147483648"}, .want_rc = OPTIONS_CONTINUE, .want_err = ""},
    {.args = {"--int=2147483647"}, .want_rc = OPTIONS_CONTINUE, .want_err = ""},
    {.args = {"--int", "2147483648"},
     .want_rc = 2,
     .want_err = "ticker test: --int wants a whole number from -2147483648 to 2147483647, not "
                 "'2147483648'"},
    {.args = {"--unsigned", "4294967295"}, .want_rc = OPTIONS_CONTINUE, .want_err = ""},
    {.args = {"--unsigned", "-1"},
     .want_rc = 2,
     .want_err = "ticker test: --unsigned wants a whole number from 0 to 4294967295, not '-1'"},
    {.args = {"--long", "-5"}, .want_rc = OPTIONS_CONTINUE, .want_err = ""},
    {.args = {"--long", "6"},
     .want_rc = 2,
     .want_err = "ticker test: --long wants a whole number from -5 to 5, not '6'"},
    {.args = {"--size", "0x10"},
     .want_rc = 2,
     .want_err = "ticker test: --size wants a whole number from 1 to 1000000, not '0x10'"},
    {.args = {"--i64", "-9223372036854775808"}, .want_rc = OPTIONS_CONTINUE, .want_err = ""},
    {.args = {"--i64", "9223372036854775808"},
     .want_rc = 2,
     .want_err = "ticker test: --i64 wants a whole number from -9223372036854775808 to "
                 "9223372036854775807, not '9223372036854775808'"},
    {.args = {"--float", "0.5"}, .want_rc = OPTIONS_CONTINUE, .want_err = ""},
    {.args = {"--float", "nan"},
     .want_rc = 2,
     .want_err = "ticker test: --float wants a number from 0.5 to 86400, not 'nan'"},
    {.args = {"--float", "1e400"},
     .want_rc = 2,
     .want_err = "ticker test: --float wants a number from 0.5 to 86400, not '1e400'"},
    {.args = {"--float", "0.4"},
     .want_rc = 2,
     .want_err = "ticker test: --float wants a number from 0.5 to 86400, not '0.4'"},
    {.args = {"--flag=1"}, .want_rc = 2, .want_err = "ticker test: --flag takes no value"},
    {.args = {"--string"}, .want_rc = 2, .want_err = "ticker test: --string needs a value"},
    {.args = {"--string", ""},
     .want_rc = 2,
     .want_err = "ticker test: --string needs a value, not an empty one"},
    {.args = {"--string="},
     .want_rc = 2,
     .want_err = "ticker test: --string needs a value, not an empty one"},
    {.args = {"--string", "--flag"},
     .want_rc = 2,
     .want_err = "ticker test: --string needs a value"},
    {.args = {"--string=--flag"}, .want_rc = OPTIONS_CONTINUE, .want_err = ""},
    {.args = {"--string", "-"}, .want_rc = OPTIONS_CONTINUE, .want_err = ""},
    {.args = {"--strin", "x"},
     .want_rc = 2,
     .want_err = "ticker test: unknown option --strin (did you mean --string?)"},
    {.args = {"--strin=x"},
     .want_rc = 2,
     .want_err = "ticker test: unknown option --strin (did you mean --string?)"},
    {.args = {"a", "b", "c"},
     .want_rc = 2,
     .want_err = "ticker test: unexpected argument 'c' (at most 2)"},
    {.args = {"--help"}, .want_rc = 0, .want_err = ""},
    {.args = {"-h", "--bogus"}, .want_rc = 0, .want_err = ""},
};

static void test_rows(void)
{
    for (size_t r = 0; r < ARRAY_LEN(rows); r++) {
        struct dests d = {0};
        struct options_opt opts[16];
        struct options_spec spec;
        spec_for(&d, opts, ARRAY_LEN(opts), &spec);
        char *argv[10] = {"test"};
        int argc = 1;
        for (size_t k = 0; k < ARRAY_LEN(rows[r].args) && rows[r].args[k]; k++)
            argv[argc++] = (char *)rows[r].args[k];
        char err[512], out[8192];
        int n = -1;
        int rc = parse_capture(&spec, argc, argv, &n, err, sizeof err, out, sizeof out);
        check_case("rows[%zu]: %s %s", r, rows[r].args[0], rows[r].args[1] ? rows[r].args[1] : "");
        CHECK_INT(rc, rows[r].want_rc);
        CHECK_STR(err, rows[r].want_err);
    }
    check_case_end();
}

static void test_values(void)
{
    struct dests d = {.i = 7, .z = 9};
    struct options_opt opts[16];
    struct options_spec spec;
    spec_for(&d, opts, ARRAY_LEN(opts), &spec);
    char *argv[] = {"test",
                    "a",
                    "--int",
                    "-12",
                    "--size=1000000",
                    "--i64",
                    "-1",
                    "--u64",
                    "9223372036854775807",
                    "--flag",
                    "--float",
                    "2.25",
                    "--string",
                    "x",
                    "--list",
                    "one",
                    "--list=two",
                    "--",
                    "--flag"};
    int argc = (int)ARRAY_LEN(argv), n = 0;
    char err[512], out[64];
    int rc = parse_capture(&spec, argc, argv, &n, err, sizeof err, out, sizeof out);
    CHECK_INT(rc, OPTIONS_CONTINUE);
    CHECK_STR(err, "");
    CHECK_INT(d.i, -12);
    CHECK_INT(d.z, 1000000);
    CHECK_INT(d.ll, -1);
    CHECK(d.ull == (uint64_t)LLONG_MAX);
    CHECK(d.flag);
    CHECK(d.f == 2.25);
    CHECK_STR(d.s, "x");
    CHECK_INT(d.list.n, 2);
    CHECK_STR(d.list.v[0], "one");
    CHECK_STR(d.list.v[1], "two");
    /* Positional arguments come first in argv, in order; "--" made "--flag" one. */
    CHECK_INT(n, 2);
    CHECK_STR(argv[1], "a");
    CHECK_STR(argv[2], "--flag");

    /* Options not given keep their defaults. */
    struct dests e = {.i = 7, .z = 9, .s = "default"};
    spec_for(&e, opts, ARRAY_LEN(opts), &spec);
    char *argv2[] = {"test", "--flag"};
    rc = parse_capture(&spec, 2, argv2, &n, err, sizeof err, out, sizeof out);
    CHECK_INT(rc, OPTIONS_CONTINUE);
    CHECK_INT(e.i, 7);
    CHECK_INT(e.z, 9);
    CHECK_STR(e.s, "default");
    CHECK_INT(n, 0);
}

static void test_required_and_help(void)
{
    const char *out_dir = NULL;
    int frames = 1;
    const struct options_opt opts[] = {
        OPTIONS_REQUIRED("out", "DIR", &out_dir, "Where the frames go."),
        OPTIONS_INT("frames", "N", &frames, 1, 10000000, "How many frames (default 1)."),
        OPTIONS_TABLE_END,
    };
    const struct options_spec spec = {.command = "draw",
                                      .about = "Draws.",
                                      .args = "FILE",
                                      .min_args = 1,
                                      .max_args = 1,
                                      .opts = opts};
    char err[512], out[4096];
    int n;
    char *a1[] = {"draw", "f"};
    CHECK_INT(parse_capture(&spec, 2, a1, &n, err, sizeof err, out, sizeof out), 2);
    CHECK_STR(err, "ticker draw: --out DIR is required");
    char *a2[] = {"draw", "--out", "d"};
    CHECK_INT(parse_capture(&spec, 3, a2, &n, err, sizeof err, out, sizeof out), 2);
    CHECK_STR(err, "ticker draw: FILE is missing");
    char *a3[] = {"draw", "--help"};
    CHECK_INT(parse_capture(&spec, 2, a3, &n, err, sizeof err, out, sizeof out), 0);
    /* The usage line puts the required option first, unbracketed; the range joins the
     * sentence's own parenthesis. */
    CHECK_MSG(!strncmp(out, "usage: ticker draw FILE --out DIR [--frames N]\n", 47), "%s", out);
    CHECK_MSG(strstr(out, "How many frames (default 1; 1 to 10000000).\n") != NULL, "%s", out);
    CHECK_MSG(strstr(out, "Where the frames go.\n") != NULL, "%s", out);
}

/* A usage line longer than a terminal wraps under 100 columns without splitting an option. */
static void test_wrapping(void)
{
    const char *s[12] = {0};
    const struct options_opt opts[] = {
        OPTIONS_STRING("a-rather-long-option-name", "VALUE", &s[0], "One."),
        OPTIONS_STRING("another-rather-long-option", "VALUE", &s[1], "Two."),
        OPTIONS_STRING("a-third-rather-long-option", "VALUE", &s[2], "Three."),
        OPTIONS_STRING("and-a-fourth-one", "VALUE", &s[3],
                       "A sentence long enough to need a second line in the help text, because "
                       "it goes on and on about what this option does."),
        OPTIONS_TABLE_END,
    };
    const struct options_spec spec = {.command = "wide", .opts = opts};
    FILE *f = tmpfile();
    options_print_help(&spec, f);
    rewind(f);
    char line[256];
    int n_lines = 0, usage_lines = 0;
    bool in_usage = true;
    while (fgets(line, sizeof line, f)) {
        size_t len = strcspn(line, "\n");
        n_lines++;
        CHECK_MSG(len < 100, "line %d has %zu columns: %s", n_lines, len, line);
        if (in_usage && len == 0)
            in_usage = false;
        if (in_usage) {
            usage_lines++;
            /* every bracket closes on the line it opens */
            CHECK_INT(strchr(line, '[') ? strchr(line, ']') != NULL : 1, 1);
        }
        if (strstr(line, "on and on"))
            CHECK_MSG(!strncmp(line, "                            ", 28), "%s", line);
    }
    fclose(f);
    CHECK_INT(usage_lines, 2);
    CHECK(n_lines >= 10);
}

int main(void)
{
    test_rows();
    test_values();
    test_required_and_help();
    test_wrapping();
    return check_done();
}
