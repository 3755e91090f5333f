/*
 * The cache's schema, its versions and how a file is recognised as a Ticker cache
 * (docs/cache.md, "Format version" and "Whose file is it"). Internal to the store; exposed so
 * the tests can run the migration machinery with a made-up next version.
 *
 * Thread: functions take the caller's connection and use it on the caller's thread.
 */
#ifndef TICKER_IO_STORE_SCHEMA_H
#define TICKER_IO_STORE_SCHEMA_H

#include "core/error.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

/*
 * migrations[v] is the SQL that takes a file from user_version v to v + 1; n_migrations is the
 * version the list leads to.
 */
struct store_migrations {
    const char *const *sql;
    int n;
};

/* The real list (leading to STORE_SCHEMA_VERSION). */
extern const struct store_migrations store_schema_migrations;

/* What a database file is, to this program. Reading it tells; nothing is written. */
enum store_schema_kind {
    STORE_SCHEMA_EMPTY,   /* no tables and version 0: a new cache to set up */
    STORE_SCHEMA_CURRENT, /* a Ticker cache of this program's version */
    STORE_SCHEMA_OLDER,   /* a Ticker cache of an older version: a writer migrates it */
    STORE_SCHEMA_NEWER,   /* a Ticker cache from a newer Ticker: nobody touches it */
    STORE_SCHEMA_FOREIGN, /* another program's database: nobody touches it */
    STORE_SCHEMA_FAILED,  /* it could not be read (the error says why) */
};

/*
 * Looks at the open database `db`: its application_id, user_version and tables. *version
 * receives the user_version found (0 when unreadable). For FOREIGN and NEWER, err says what
 * was found, in words for people ("it has the tables notes, tags", "made by a newer Ticker
 * (schema 5)"); for FAILED the SQLite error. Reads only.
 */
enum store_schema_kind store_schema_inspect(sqlite3 *db, const struct store_migrations *m,
                                            int *version, struct error *err);

/*
 * On a new, empty file: page_size=8192 and auto_vacuum=INCREMENTAL, which only an empty file
 * can take and page_size only before journal_mode=WAL. Does nothing on any other file.
 * Returns false on an SQL error.
 */
bool store_schema_prepare_new(sqlite3 *db);

enum store_migrate_result {
    STORE_MIGRATE_OK,     /* at the newest version (migrated or already there) */
    STORE_MIGRATE_NEWER,  /* the file is from a newer version of the program: untouched */
    STORE_MIGRATE_FAILED, /* an SQL error (the file is left as it was: one transaction) */
};

/*
 * Brings the open database `db` (a Ticker cache or an empty file: store_schema_inspect says
 * which) to version m->n, running each missing step in order inside one transaction together
 * with the user_version update and the application_id stamp (a new empty file first gets
 * store_schema_prepare_new()). *from (may be NULL) receives the version found. On FAILED, err
 * says which step failed and why.
 */
enum store_migrate_result store_schema_migrate(sqlite3 *db, const struct store_migrations *m,
                                               int *from, struct error *err);

#endif
