/*
 * The cache on storage that misbehaves, on small tmpfs file systems this test mounts in a
 * private mount namespace (so it needs root; otherwise it says so and is skipped, exit 77):
 *
 * - a read-only file system and a read-only folder: the writer opens the intact cache for
 *   reading, says why, shows its news, refuses to save with that reason, creates nothing, and
 *   writes again by itself once the file system is writable;
 * - a full disk at open: the same, with "the disk is full", no 3-byte -shm left behind, and
 *   saving again once space is back;
 * - a disk that fills during a cycle: the cycle fails with "the disk is full" (not SQLite's
 *   "cannot rollback - no transaction is active"), the cache stays intact and readable, and
 *   the next cycle saves;
 * - a new cache on a full disk: refused with the reason, nothing left behind;
 * - a damaged file that cannot be moved aside (a mount point): the error names the file and
 *   its own errno, and nothing is half moved.
 */
#define _GNU_SOURCE
#include "check.h"
#include "io/store.h"
#include "store_testutil.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <sched.h>
#include <sqlite3.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define T0   1764000000
#define HOUR 3600

static char *dir;

static bool mount_tmpfs(const char *path, const char *size)
{
    mkdir(path, 0755);
    char opts[64];
    snprintf(opts, sizeof opts, "size=%s,mode=0755", size);
    if (mount("tmpfs", path, "tmpfs", 0, opts) != 0) {
        fprintf(stderr, "mount tmpfs on %s: %s\n", path, strerror(errno));
        return false;
    }
    return true;
}

static void set_read_only(const char *path, bool ro)
{
    int rc = mount(NULL, path, NULL, MS_REMOUNT | (ro ? MS_RDONLY : 0), NULL);
    CHECK_MSG(rc == 0, "remount %s %s: %s", path, ro ? "ro" : "rw", strerror(errno));
}

/* Fills the file system of `path` (a file of that name) until it is full. */
static void fill(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    CHECK(fd >= 0);
    static char block[65536];
    size_t sizes[] = {sizeof block, 4096, 512, 1};
    for (size_t i = 0; fd >= 0 && i < ARRAY_LEN(sizes); i++)
        while (write(fd, block, sizes[i]) == (ssize_t)sizes[i])
            ;
    if (fd >= 0)
        close(fd);
}

static bool exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0;
}

static int64_t file_size_of(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 ? (int64_t)st.st_size : -1;
}

/* A cache at path with n items of one feed (one cycle), closed: no -wal or -shm beside it. */
static void make_cache(const char *path, int n)
{
    struct error err = {0};
    struct store *s = store_open(path, NULL, &err);
    CHECK_MSG(s != NULL, "%s", err.msg);
    if (!s)
        return;
    CHECK(store_feed_ensure(s, "https://a.example/feed", "Alpha", &err));
    CHECK(store_begin_cycle(s, NULL, T0, &err));
    for (int i = 0; i < n; i++) {
        char id[16], title[64];
        snprintf(id, sizeof id, "i%d", i);
        snprintf(title, sizeof title, "Stored story number %d of the day", i);
        struct feed_item it = test_item(id, title, NULL, T0 - i * 60, "Text.");
        CHECK_INT(store_put_item(s, "https://a.example/feed", &it, (size_t)i, NULL, &err),
                  STORE_PUT_NEW);
    }
    CHECK_MSG(store_commit_cycle(s, &err), "%s", err.msg);
    store_close(s);
}

static size_t stories(struct store *s)
{
    struct error err = {0};
    struct story_snapshot *sn =
        store_load_snapshot(s, &(struct store_snapshot_options){.now = T0}, &err);
    CHECK_MSG(sn != NULL, "snapshot: %s", err.msg);
    size_t n = sn ? sn->n_stories : 0;
    story_snapshot_free(sn);
    return n;
}

/* One more item in one cycle, two minutes after the last (a read-only writer tries to write
 * again at most every minute); true when it was saved. err receives why not. */
static bool save_one(struct store *s, const char *id, struct error *err)
{
    static int64_t now = T0 + HOUR;
    now += 120;
    if (!store_begin_cycle(s, NULL, now, err))
        return false;
    struct feed_item it = test_item(id, "A story saved later on", NULL, now, "Text.");
    if (store_put_item(s, "https://a.example/feed", &it, 0, NULL, err) != STORE_PUT_NEW) {
        store_rollback_cycle(s);
        return false;
    }
    return store_commit_cycle(s, err);
}

static void check_honest(const char *what, const char *msg, const char *want)
{
    CHECK_MSG(strstr(msg, want) != NULL, "%s: \"%s\" does not say \"%s\"", what, msg, want);
    static const char *const never[] = {"integrity", "not an error", "no transaction",
                                        "cannot rollback"};
    for (size_t i = 0; i < ARRAY_LEN(never); i++)
        CHECK_MSG(strstr(msg, never[i]) == NULL, "%s: \"%s\"", what, msg);
}

static bool integrity_ok(const char *path)
{
    sqlite3 *db;
    bool ok = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK;
    sqlite3_stmt *st = NULL;
    ok = ok && sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK &&
         sqlite3_step(st) == SQLITE_ROW && !strcmp((const char *)sqlite3_column_text(st, 0), "ok");
    sqlite3_finalize(st);
    sqlite3_close(db);
    return ok;
}

/* Read-only file system: read, say why, save nothing, create nothing; writable again: save. */
static void test_read_only_fs(void)
{
    char *m = xasprintf("%s/ro", dir), *p = xasprintf("%s/ro/cache.db", dir);
    if (!mount_tmpfs(m, "1m"))
        goto out;
    make_cache(p, 3);
    set_read_only(m, true);
    struct error err = {0};
    struct store_open_info info;
    struct store *s = store_open(p, &info, &err);
    CHECK_MSG(s != NULL, "%s", err.msg);
    if (s) {
        CHECK(info.read_only);
        CHECK_STR(info.read_only_why, "the file system is read-only");
        const char *why = NULL;
        CHECK(store_is_read_only(s, &why));
        CHECK_INT(stories(s), 3);
        CHECK(!save_one(s, "x1", &err));
        check_honest("read-only fs, cycle", err.msg, "the file system is read-only");
        struct store_feed_state fs = {0};
        CHECK_INT(store_feed_get(s, "https://a.example/feed", &fs, NULL), STORE_FOUND);
        fs.error_count = 7;
        error_clear(&err);
        CHECK(!store_feed_put(s, &fs, &err));
        check_honest("read-only fs, feed state", err.msg, "read-only");
        store_feed_state_clear(&fs);
        char *wal = xasprintf("%s-wal", p), *shm = xasprintf("%s-shm", p);
        CHECK(!exists(wal) && !exists(shm));
        /* the file system comes back: within the minute the store does not look again ... */
        set_read_only(m, false);
        error_clear(&err);
        CHECK(!store_begin_cycle(s, NULL, T0 + HOUR + 120 + 30, &err));
        check_honest("read-only fs, within the minute", err.msg, "the file system is read-only");
        /* ... the next cycle after it writes */
        error_clear(&err);
        CHECK_MSG(save_one(s, "x2", &err), "%s", err.msg);
        CHECK(!store_is_read_only(s, NULL));
        CHECK_INT(stories(s), 4);
        store_close(s);
        free(wal);
        free(shm);
    }
    s = store_open(p, NULL, &err);
    CHECK(s && !store_is_read_only(s, NULL) && stories(s) == 4);
    store_close(s);
    CHECK(integrity_ok(p));
    umount2(m, MNT_DETACH);
out:
    free(m);
    free(p);
}

/* Full disk at open: read; no 3-byte -shm; say "the disk is full"; space back: save. */
static void test_full_disk_at_open(void)
{
    char *m = xasprintf("%s/full", dir), *p = xasprintf("%s/full/cache.db", dir);
    char *filler = xasprintf("%s/full/filler", dir);
    if (!mount_tmpfs(m, "1m"))
        goto out;
    make_cache(p, 3);
    fill(filler);
    struct error err = {0};
    struct store_open_info info;
    struct store *s = store_open(p, &info, &err);
    CHECK_MSG(s != NULL, "%s", err.msg);
    char *shm = xasprintf("%s-shm", p);
    CHECK_MSG(!exists(shm), "a -shm of %lld bytes was left", (long long)file_size_of(shm));
    if (s) {
        CHECK(info.read_only);
        CHECK_STR(info.read_only_why, "the disk is full");
        CHECK_INT(stories(s), 3);
        CHECK(!save_one(s, "y1", &err));
        check_honest("full disk at open, cycle", err.msg, "the disk is full");
        CHECK(!exists(shm));
        /* a reader beside it works too */
        struct store *r = store_open_readonly(p, &err);
        CHECK_MSG(r != NULL, "%s", err.msg);
        CHECK(r && stories(r) == 3);
        store_close(r);
        unlink(filler);
        error_clear(&err);
        CHECK_MSG(save_one(s, "y2", &err), "%s", err.msg);
        CHECK(!store_is_read_only(s, NULL));
        CHECK_INT(stories(s), 4);
        store_close(s);
    }
    CHECK(integrity_ok(p));
    free(shm);
    umount2(m, MNT_DETACH);
out:
    free(filler);
    free(m);
    free(p);
}

/* The disk fills during a cycle: an honest error, the cache intact, the next cycle saves. */
static void test_full_disk_in_cycle(void)
{
    char *m = xasprintf("%s/fills", dir), *p = xasprintf("%s/fills/cache.db", dir);
    char *filler = xasprintf("%s/fills/filler", dir);
    if (!mount_tmpfs(m, "2m"))
        goto out;
    make_cache(p, 3);
    struct error err = {0};
    struct store *s = store_open(p, NULL, &err);
    CHECK_MSG(s != NULL && !store_is_read_only(s, NULL), "%s", err.msg);
    if (!s)
        goto out;
    CHECK_INT(stories(s), 3); /* the -shm is set up while there is room */
    fill(filler);
    /* 200 items of 8 KB: more than the disk has */
    static char content[8000];
    memset(content, 'w', sizeof content - 1);
    for (size_t k = 50; k < sizeof content - 1; k += 9)
        content[k] = ' ';
    bool ok = store_begin_cycle(s, NULL, T0 + HOUR, &err);
    CHECK_MSG(ok, "%s", err.msg);
    for (int i = 0; ok && i < 200; i++) {
        char id[16], title[64];
        snprintf(id, sizeof id, "big%d", i);
        snprintf(title, sizeof title, "A long story number %d that fills the disk", i);
        struct feed_item it = test_item(id, title, NULL, T0 + HOUR - i, NULL);
        it.content = content;
        ok = store_put_item(s, "https://a.example/feed", &it, (size_t)i, NULL, &err) ==
             STORE_PUT_NEW;
    }
    if (ok)
        ok = store_commit_cycle(s, &err);
    else
        store_rollback_cycle(s);
    CHECK_MSG(!ok, "200 items of 8 KB fit on a full disk");
    check_honest("disk fills during a cycle", err.msg, "the disk is full");
    /* nothing of the cycle, the old news still readable, the file sound */
    CHECK_INT(stories(s), 3);
    CHECK(integrity_ok(p));
    unlink(filler);
    error_clear(&err);
    CHECK_MSG(save_one(s, "z1", &err), "space back: %s", err.msg);
    CHECK_INT(stories(s), 4);
    store_close(s);
    CHECK(integrity_ok(p));
    umount2(m, MNT_DETACH);
out:
    free(filler);
    free(m);
    free(p);
}

/* A new cache on a full disk: the reason, and no file left behind. */
static void test_new_cache_on_full_disk(void)
{
    char *m = xasprintf("%s/new", dir), *p = xasprintf("%s/new/sub/cache.db", dir);
    char *filler = xasprintf("%s/new/filler", dir);
    if (!mount_tmpfs(m, "256k"))
        goto out;
    char *sub = xasprintf("%s/new/sub", dir);
    CHECK(mkdir(sub, 0700) == 0);
    free(sub);
    fill(filler);
    struct error err = {0};
    struct store *s = store_open(p, NULL, &err);
    CHECK(s == NULL);
    store_close(s);
    check_honest("new cache on a full disk", err.msg, "the disk is full");
    char *listing = xasprintf("%s/new/sub", dir);
    DIR *d = opendir(listing);
    int entries = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        entries += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    if (d)
        closedir(d);
    CHECK_MSG(entries == 0, "%d files left in %s", entries, listing);
    free(listing);
    umount2(m, MNT_DETACH);
out:
    free(filler);
    free(m);
    free(p);
}

/*
 * A damaged cache that cannot be moved aside: the file (or its -wal) is a mount point, which
 * rename refuses (EBUSY). The error names the file that failed with its own errno (not the
 * ENOENT of a later -shm), and nothing stays half moved.
 */
static void test_move_aside_fails(void)
{
    static const char *const which[] = {"", "-wal"};
    for (size_t i = 0; i < ARRAY_LEN(which); i++) {
        char *m = xasprintf("%s/busy%zu", dir, i), *p = xasprintf("%s/busy%zu/cache.db", dir, i);
        if (!mount_tmpfs(m, "1m")) {
            free(m);
            free(p);
            continue;
        }
        char junk[4096];
        memset(junk, 'j', sizeof junk);
        char *src = xasprintf("%s/junk", m), *target = xasprintf("%s%s", p, which[i]);
        FILE *f = fopen(src, "wb");
        CHECK(f && fwrite(junk, 1, sizeof junk, f) == sizeof junk);
        if (f)
            fclose(f);
        f = fopen(p, "wb"); /* the damaged cache */
        CHECK(f && fwrite(junk, 1, sizeof junk, f) == sizeof junk);
        if (f)
            fclose(f);
        if (i > 0) {
            f = fopen(target, "wb");
            if (f)
                fclose(f);
        }
        CHECK_MSG(mount(src, target, NULL, MS_BIND, NULL) == 0, "bind %s: %s", target,
                  strerror(errno));
        struct error err = {0};
        struct store_open_info info;
        struct store *s = store_open(p, &info, &err);
        CHECK_MSG(s == NULL, "case %s: opened", which[i]);
        store_close(s);
        char *want = xasprintf("moving %s to %s.corrupt-", target, p);
        CHECK_MSG(strstr(err.msg, want) != NULL && strstr(err.msg, "Device or resource busy"),
                  "case \"%s\": %s", which[i], err.msg);
        CHECK_MSG(strstr(err.msg, "No such file") == NULL, "case \"%s\": %s", which[i], err.msg);
        free(want);
        /* nothing half moved: the damaged file is where it was, no .corrupt- file exists */
        CHECK_MSG(file_size_of(p) == (int64_t)sizeof junk, "case \"%s\": cache.db is %lld bytes",
                  which[i], (long long)file_size_of(p));
        DIR *d = opendir(m);
        struct dirent *e;
        while (d && (e = readdir(d)) != NULL)
            CHECK_MSG(strstr(e->d_name, ".corrupt-") == NULL, "case \"%s\": %s left", which[i],
                      e->d_name);
        if (d)
            closedir(d);
        umount2(target, MNT_DETACH);
        umount2(m, MNT_DETACH);
        free(src);
        free(target);
        free(m);
        free(p);
    }
}

/*
 * A read-only folder, as a user who may not write it (root may write anywhere): in a child
 * running as nobody. The intact cache is read, "no permission" is the reason, nothing is
 * created.
 */
static void test_read_only_folder(void)
{
    struct passwd *pw = getpwnam("nobody");
    if (!pw) {
        printf("skip read-only folder: no user nobody\n");
        return;
    }
    char *m = xasprintf("%s/rodir", dir), *d = xasprintf("%s/rodir/cache", dir);
    char *p = xasprintf("%s/rodir/cache/cache.db", dir);
    if (!mount_tmpfs(m, "1m"))
        goto out;
    CHECK(mkdir(d, 0700) == 0);
    make_cache(p, 2);
    CHECK(chown(d, pw->pw_uid, pw->pw_gid) == 0 && chown(p, pw->pw_uid, pw->pw_gid) == 0);
    CHECK(chmod(d, 0500) == 0);
    pid_t pid = fork();
    if (pid == 0) {
        if (setgid(pw->pw_gid) != 0 || setuid(pw->pw_uid) != 0)
            _exit(3);
        struct error err = {0};
        struct store_open_info info;
        struct store *s = store_open(p, &info, &err);
        CHECK_MSG(s != NULL, "%s", err.msg);
        if (s) {
            CHECK(info.read_only);
            CHECK_STR(info.read_only_why, "no permission to write it");
            CHECK_INT(stories(s), 2);
            CHECK(!save_one(s, "n1", &err));
            check_honest("read-only folder", err.msg, "no permission to write it");
            store_close(s);
        }
        char *wal = xasprintf("%s-wal", p);
        CHECK(!exists(wal));
        free(wal);
        fflush(stdout);
        _exit(check_failed ? 1 : 0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
              "the child running as nobody failed (status %d)", status);
    umount2(m, MNT_DETACH);
out:
    free(m);
    free(d);
    free(p);
}

int main(void)
{
    feed_init();
    if (geteuid() != 0) {
        printf("skipped: the storage cases mount small file systems, which needs root\n");
        return 77;
    }
    if (unshare(CLONE_NEWNS) != 0 || mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) {
        printf("skipped: no private mount namespace here (%s)\n", strerror(errno));
        return 77;
    }
    dir = scratch_dir("storage");
    CHECK(chmod(dir, 0711) == 0); /* the case run as nobody passes through */
    test_read_only_fs();
    test_full_disk_at_open();
    test_full_disk_in_cycle();
    test_new_cache_on_full_disk();
    test_move_aside_fails();
    test_read_only_folder();
    rm_tree_deep(dir);
    free(dir);
    return check_done();
}
