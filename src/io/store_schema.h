/*
 * The cache's schema and its migrations (docs/cache.md). Internal to the store; exposed so the
 * tests can run the migration machinery with a made-up next version.
 */
#ifndef TICKER_IO_STORE_SCHEMA_H
#define TICKER_IO_STORE_SCHEMA_H

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

enum store_migrate_result {
    STORE_MIGRATE_OK,     /* at the newest version (migrated or already there) */
    STORE_MIGRATE_NEWER,  /* the file is from a newer version of the program */
    STORE_MIGRATE_FAILED, /* an SQL error (the file is left as it was: one transaction) */
};

/*
 * On a new, empty file: page_size=8192 and auto_vacuum=INCREMENTAL, which only an empty file
 * can take and page_size only before journal_mode=WAL. Does nothing on any other file.
 * Returns false on an SQL error.
 */
bool store_schema_prepare_new(sqlite3 *db);

/*
 * Brings the open database `db` to version m->n, running each missing step in order inside
 * one transaction together with the user_version update (a new empty file first gets
 * store_schema_prepare_new()). *from (may be NULL) receives
 * the version found. Errors are written into err (errlen bytes).
 */
enum store_migrate_result store_schema_migrate(sqlite3 *db, const struct store_migrations *m,
                                               int *from, char *err, size_t errlen);

#endif
