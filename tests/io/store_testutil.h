/*
 * Helpers shared by the store tests: a scratch directory and items to put.
 */
#ifndef TICKER_TESTS_STORE_TESTUTIL_H
#define TICKER_TESTS_STORE_TESTUTIL_H

#include "core/feed.h"
#include "core/util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A fresh directory under $TMPDIR (or /tmp); the caller removes it with rm_tree. */
static inline char *scratch_dir(const char *tag)
{
    const char *tmp = getenv("TMPDIR");
    char *tpl = xasprintf("%s/ticker-%s-XXXXXX", tmp && *tmp ? tmp : "/tmp", tag);
    if (!mkdtemp(tpl)) {
        perror("mkdtemp");
        exit(1);
    }
    return tpl;
}

/* Removes a flat directory of files (all the store tests make). */
static inline void rm_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            char *p = xasprintf("%s/%s", dir, e->d_name);
            unlink(p);
            free(p);
        }
        closedir(d);
    }
    rmdir(dir);
}

/* Removes a directory tree (the cases that make folders of their own). */
static inline void rm_tree_deep(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            char *p = xasprintf("%s/%s", dir, e->d_name);
            if (unlink(p) != 0)
                rm_tree_deep(p);
            free(p);
        }
        closedir(d);
    }
    rmdir(dir);
}

/* An item whose strings point at the arguments (not owned: do not feed_free it). */
static inline struct feed_item test_item(const char *id, const char *title, const char *link,
                                         int64_t published, const char *summary)
{
    struct feed_item it = {0};
    it.id = (char *)id;
    it.title = (char *)title;
    it.link = (char *)link;
    it.published = published;
    it.updated = FEED_TIME_NONE;
    it.summary = (char *)summary;
    return it;
}

#endif
