/*
 * The command line of every `ticker` and `ticker-display` command: one parser, one set of
 * messages, one --help layout (docs/architecture.md, "The command line").
 *
 * A command describes itself in a `struct options_spec`: its name, what it does, its
 * positional arguments and a table of options. options_parse() then reads argv:
 *
 *   --name VALUE and --name=VALUE    an option with a value (a value may start with a single
 *                                    '-', as "-" for standard output or "-5"; one that starts
 *                                    with "--" must be written --name=--value)
 *   --flag                           a flag (`--flag=x` is an error)
 *   -h, --help                       prints the help on stdout; the command exits 0
 *   --                               everything after it is positional
 *   anything else                    a positional argument ("-" alone is one: standard input)
 *
 * Errors name the command and the option and say what was wanted, then the usage line
 * follows; the command exits 2:
 *
 *   ticker fetch: --config needs a value
 *   ticker parse: unknown option --urk (did you mean --url?)
 *   ticker parse: --max-items wants a whole number from 1 to 1000000, not '12x'
 *   ticker render: --out DIR is required
 *
 * Numbers are checked against the range in the table (the same range the --help text shows),
 * so a command never re-checks them. An option given twice takes the last value (a wrapper
 * script can append an override).
 *
 * Thread: main thread, at start-up. The tables are usually locals (they point at the
 * command's variables); nothing is allocated.
 */
#ifndef TICKER_APP_OPTIONS_H
#define TICKER_APP_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum options_kind {
    OPTIONS_END,    /* ends a table (a zeroed row) */
    OPTIONS_FLAG,   /* bool *: set to true when given */
    OPTIONS_STRING, /* const char **: the value, pointing into argv */
    OPTIONS_LIST,   /* struct options_list *: every value, in order (a repeatable option) */
    OPTIONS_INT,    /* a whole number within [min, max]; the destination type is in `store` */
    OPTIONS_FLOAT,  /* double *: a finite number within [fmin, fmax] */
};

/* Where an OPTIONS_INT value is written: chosen by OPTIONS_INT()'s _Generic from the pointer. */
enum options_store {
    OPTIONS_STORE_NONE,
    OPTIONS_STORE_INT,
    OPTIONS_STORE_UINT,
    OPTIONS_STORE_LONG,
    OPTIONS_STORE_ULONG,
    OPTIONS_STORE_LLONG,
    OPTIONS_STORE_ULLONG,
};

/* The values of a repeatable option. `v` points into argv; at most OPTIONS_LIST_MAX. */
#define OPTIONS_LIST_MAX 64
struct options_list {
    const char *v[OPTIONS_LIST_MAX];
    size_t n;
};

struct options_opt {
    const char *name;  /* without the dashes: "max-items" */
    const char *value; /* what the value is, in the usage line: "N", "FILE"; NULL for a flag */
    const char *help;  /* one sentence for --help, ending with a full stop */
    enum options_kind kind;
    enum options_store store;
    void *dest;
    long long min, max; /* OPTIONS_INT: the accepted range, shown by --help */
    double fmin, fmax;  /* OPTIONS_FLOAT */
    bool required;      /* the command cannot run without it */
};

/* Table rows. `help` is one sentence; for numbers --help adds the range before its full stop. */
#define OPTIONS_FLAG(name_, dest_, help_)                                                          \
    {                                                                                              \
        .name = (name_), .help = (help_), .kind = OPTIONS_FLAG, .dest = (bool *)(dest_)            \
    }
#define OPTIONS_STRING(name_, value_, dest_, help_)                                                \
    {                                                                                              \
        .name = (name_), .value = (value_), .help = (help_), .kind = OPTIONS_STRING,               \
        .dest = (const char **)(dest_)                                                             \
    }
/* A string option the command cannot run without. */
#define OPTIONS_REQUIRED(name_, value_, dest_, help_)                                              \
    {                                                                                              \
        .name = (name_), .value = (value_), .help = (help_), .kind = OPTIONS_STRING,               \
        .dest = (const char **)(dest_), .required = true                                           \
    }
#define OPTIONS_LIST(name_, value_, dest_, help_)                                                  \
    {                                                                                              \
        .name = (name_), .value = (value_), .help = (help_), .kind = OPTIONS_LIST,                 \
        .dest = (struct options_list *)(dest_)                                                     \
    }
/* dest_ points at any integer type from int to unsigned long long (size_t, int64_t ...). */
/* clang-format off */
#define OPTIONS_INT(name_, value_, dest_, min_, max_, help_)                                       \
    {                                                                                              \
        .name = (name_), .value = (value_), .help = (help_), .kind = OPTIONS_INT,                  \
        .store = _Generic((dest_),                                                                 \
                          int *: OPTIONS_STORE_INT,                                                \
                          unsigned *: OPTIONS_STORE_UINT,                                          \
                          long *: OPTIONS_STORE_LONG,                                              \
                          unsigned long *: OPTIONS_STORE_ULONG,                                    \
                          long long *: OPTIONS_STORE_LLONG,                                        \
                          unsigned long long *: OPTIONS_STORE_ULLONG),                             \
        .dest = (dest_), .min = (min_), .max = (max_)                                              \
    }
/* clang-format on */
#define OPTIONS_FLOAT(name_, value_, dest_, min_, max_, help_)                                     \
    {                                                                                              \
        .name = (name_), .value = (value_), .help = (help_), .kind = OPTIONS_FLOAT,                \
        .dest = (double *)(dest_), .fmin = (min_), .fmax = (max_)                                  \
    }
#define OPTIONS_TABLE_END                                                                          \
    {                                                                                              \
        .kind = OPTIONS_END                                                                        \
    }

struct options_spec {
    const char *command; /* as typed after "ticker": "parse", "cache list" */
    const char *about;   /* one sentence: what the command does */
    /* Positional arguments: how the usage line names them ("FILE|-", "FILE..."), one sentence
     * on them for --help (NULL when the command takes none) and how many are accepted
     * (max_args < 0: any number). */
    const char *args;
    const char *args_help;
    int min_args, max_args;
    const struct options_opt *opts; /* ends with OPTIONS_TABLE_END; NULL: no options */
    const char *more;               /* printed after the option list by --help; may be NULL */
};

/* options_parse() returns this when the command should go on; anything else is the exit
 * status to return at once (0 after --help, 2 after an error). */
#define OPTIONS_CONTINUE (-1)

/*
 * Reads argv[1..argc-1] (argv[0] is the command's name) into the table's destinations.
 * Positional arguments are moved, in order, to the front of argv + 1 (argv is the process's
 * own, which is writable) and *n_args receives their number: they are argv[1..*n_args].
 * Destinations of options not given keep their values, so initialise them to the defaults.
 * Prints --help on stdout and every error on stderr (it is the command line's printer).
 */
int options_parse(const struct options_spec *spec, int argc, char **argv, int *n_args);

/* The usage line(s), "usage: ticker parse FILE|- [--url URL] ...", wrapped under 100
 * columns. */
void options_print_usage(const struct options_spec *spec, FILE *out);

/* The whole --help text: usage, the sentence on the command, one line per option. */
void options_print_help(const struct options_spec *spec, FILE *out);

/* A usage error found after parsing ("--frames and --seconds: one or the other"): prints
 * "ticker CMD: message" and the usage line on stderr. Returns 2, the exit status. */
int options_error(const struct options_spec *spec, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
