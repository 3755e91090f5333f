/*
 * Opening the cache (docs/cache.md, "Opening"): a writer that creates, migrates and repairs,
 * falling back to reading when the storage cannot be written; a reader that changes nothing.
 *
 * What SQLite does that shapes this file (3.40, bookworm):
 * - A connection asking for read-write on a file it cannot write opens it read-only without
 *   saying so (sqlite3_db_readonly tells).
 * - In WAL mode every connection, read-only ones too, creates the -wal and -shm files beside
 *   the database when they are missing and leaves them there. The first connection truncates
 *   the -shm file to 3 bytes and grows it to 32 KiB; on a full disk the growing fails
 *   (SQLITE_IOERR_SHMSIZE) and the 3-byte file stays, which every later open then trips over.
 *   So the writer checks first whether it can write at all, cleans up a -shm it failed to set
 *   up, and the reader opens a file nobody has open with immutable=1 (nothing created, nothing
 *   locked) and a file a writer has open with readonly_shm=1 (the writer's -shm, shared
 *   read-only).
 * - Read-only and full storage make the first read fail with CANTOPEN or IOERR, not with
 *   CORRUPT: only CORRUPT, NOTADB and a quick_check that returns rows mean a damaged file.
 */
#include "io/store.h"
#include "io/store_internal.h"
#include "io/store_schema.h"
#include "core/log.h"
#include "core/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The size of SQLite's -shm header region: a smaller -shm was never set up. */
#define SHM_SETUP_BYTES 32768
/* The -shm byte SQLite's unix VFS locks for as long as a connection uses the file (os_unix.c
 * UNIX_SHM_DMS: (22 + SQLITE_SHM_NLOCK) * 4 + SQLITE_SHM_NLOCK). */
#define SHM_DMS_BYTE 128

/* ---- files --------------------------------------------------------------------------- */

static char *sidecar(const char *path, const char *suffix)
{
    return xasprintf("%s%s", path, suffix);
}

/* The size of path, -1 when it does not exist. */
static int64_t size_of(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (int64_t)st.st_size : -1;
}

static bool sidecar_exists(const char *path, const char *suffix)
{
    char *p = sidecar(path, suffix);
    bool yes = size_of(p) >= 0;
    free(p);
    return yes;
}

/* The folder of path ("." for a bare name). New string. */
static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

/*
 * Does the -wal beside path hold frames (changes not yet copied into the file), with a -shm
 * to find them by? Only then does a reader need the -shm; otherwise the file alone is the
 * whole committed state and is read as immutable. (A -wal of just its 32-byte header also
 * trips SQLite 3.40's read-only -wal reader into SQLITE_PROTOCOL after ten seconds of
 * retries, when no writer has the file open.)
 */
static bool wal_has_frames(const char *path)
{
    char *wal = sidecar(path, "-wal");
    bool yes = size_of(wal) > 32 && sidecar_exists(path, "-shm");
    free(wal);
    return yes;
}

/* Words for the errno values a cache meets. */
static const char *errno_reason(int e)
{
    switch (e) {
    case EROFS:
        return "the file system is read-only";
    case ENOSPC:
        return "the disk is full";
    case EDQUOT:
        return "the disk quota is used up";
    case EACCES:
    case EPERM:
        return "no permission to write it";
    default:
        return strerror(e);
    }
}

const char *store_db_reason(sqlite3 *db, char *buf, size_t cap)
{
    int rc = sqlite3_errcode(db) & 0xff;
    /* The OS error is only the cause of errors that came from the OS. */
    int sys = rc == SQLITE_IOERR || rc == SQLITE_FULL || rc == SQLITE_CANTOPEN ||
                      rc == SQLITE_READONLY || rc == SQLITE_PERM
                  ? sqlite3_system_errno(db)
                  : 0;
    if (rc == SQLITE_FULL || sys == ENOSPC || sys == EDQUOT || sys == EROFS || sys == EACCES ||
        sys == EPERM) {
        snprintf(buf, cap, "%s", errno_reason(sys ? sys : ENOSPC));
    } else if (rc == SQLITE_READONLY) {
        snprintf(buf, cap, "the file cannot be written");
    } else if (sys) {
        snprintf(buf, cap, "%s (%s)", sqlite3_errmsg(db), strerror(sys));
    } else {
        snprintf(buf, cap, "%s", sqlite3_errmsg(db));
    }
    return buf;
}

bool store_storage_error(sqlite3 *db)
{
    switch (sqlite3_errcode(db) & 0xff) {
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_IOERR:
        return true;
    default:
        return false;
    }
}

bool store_fail(struct store *s, struct error *err, const char *what)
{
    char why[200];
    return error_set(err, "%s: %s", what, store_db_reason(s->db, why, sizeof why));
}

/*
 * Can a writer write the existing file at path? 0, or the errno that says why not: the file
 * must be writable, and so must its folder unless -wal and -shm are already there (SQLite
 * creates them beside the file).
 */
static int storage_refusal(const char *path)
{
    if (faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) != 0)
        return errno;
    if (sidecar_exists(path, "-wal") && sidecar_exists(path, "-shm"))
        return 0;
    char *dir = folder_of(path);
    int e = faccessat(AT_FDCWD, dir, W_OK | X_OK, AT_EACCESS) != 0 ? errno : 0;
    free(dir);
    return e;
}

/* Creates the folders above path (0700: a cache is nobody else's business). */
static bool mkdir_parents(const char *path, struct error *err)
{
    char *dir = xstrdup(path);
    char *slash = strrchr(dir, '/');
    bool ok = true;
    if (slash && slash != dir) {
        *slash = '\0';
        for (char *p = dir + 1; ok; p++) {
            if (*p != '/' && *p != '\0')
                continue;
            char c = *p;
            *p = '\0';
            if (mkdir(dir, 0700) != 0 && errno != EEXIST)
                ok = error_set(err, "%s: cannot create the folder %s: %s", path, dir,
                               errno_reason(errno));
            *p = c;
            if (!c)
                break;
        }
    }
    free(dir);
    return ok;
}

/*
 * Creates the empty cache file with our mode before SQLite opens it: SQLite gives a new
 * database 0644 and its -wal and -shm the database's mode, so 0600 here makes all three
 * private. In a folder with the set-group-ID bit (a service's shared folder) the group may
 * read: 0640.
 */
static bool create_file(const char *path, struct error *err)
{
    char *dir = folder_of(path);
    struct stat dst;
    mode_t mode = stat(dir, &dst) == 0 && (dst.st_mode & S_ISGID) ? 0640 : 0600;
    free(dir);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
    if (fd < 0)
        return error_set(err, "%s: cannot create it: %s", path, errno_reason(errno));
    close(fd);
    return true;
}

/* An existing cache that others may read (as Ticker before 2026 created it) loses that. */
static void tighten_mode(const char *path)
{
    static const char *const sfx[] = {"", "-wal", "-shm"};
    for (size_t i = 0; i < ARRAY_LEN(sfx); i++) {
        char *p = sidecar(path, sfx[i]);
        struct stat st;
        if (stat(p, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0007) &&
            chmod(p, st.st_mode & 0770) == 0 && i == 0)
            log_info("store", "cache %s: was readable by every user; it is not any more", path);
        free(p);
    }
}

/*
 * After a writer failed to set up the -shm file (a full disk), that file is 3 bytes that
 * every later open trips over. Remove it, and the empty -wal made with it, when this attempt
 * made them and no connection anywhere uses them (nobody holds the -shm lock byte).
 */
static void remove_failed_shm(const char *path, bool shm_before, bool wal_before)
{
    char *shm = sidecar(path, "-shm"), *wal = sidecar(path, "-wal");
    int64_t n = size_of(shm);
    if (!shm_before && n >= 0 && n < SHM_SETUP_BYTES) {
        int fd = open(shm, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        struct flock lk = {
            .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = SHM_DMS_BYTE, .l_len = 1};
        bool unused = fd >= 0 && fcntl(fd, F_GETLK, &lk) == 0 && lk.l_type == F_UNLCK;
        if (fd >= 0)
            close(fd);
        if (unused) {
            unlink(shm);
            if (!wal_before && size_of(wal) == 0)
                unlink(wal);
        }
    }
    free(shm);
    free(wal);
}

/*
 * Renames path (and its -wal, -shm, -journal) to path.corrupt-STAMP[-N]; moved_to receives
 * the new name. All or nothing: when one rename fails, those done are undone (a -wal left
 * beside a new cache would be read into it), and err names the file that failed with its own
 * reason.
 */
static bool move_aside(const char *path, char *moved_to, size_t cap, struct error *err)
{
    /* The one place the store reads the clock: only to name the file it sets aside. */
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    char stamp[32];
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    char *target = NULL;
    for (int n = 0; n < 100; n++) {
        free(target);
        target = n ? xasprintf("%s.corrupt-%s-%d", path, stamp, n)
                   : xasprintf("%s.corrupt-%s", path, stamp);
        struct stat st;
        if (lstat(target, &st) != 0)
            break;
    }
    snprintf(moved_to, cap, "%s", target);
    static const char *const sfx[] = {"", "-wal", "-shm", "-journal"};
    bool moved[ARRAY_LEN(sfx)] = {false};
    bool ok = true;
    for (size_t i = 0; ok && i < ARRAY_LEN(sfx); i++) {
        char *a = sidecar(path, sfx[i]);
        char *b = sidecar(target, sfx[i]);
        if (rename(a, b) == 0)
            moved[i] = true;
        else if (errno != ENOENT || i == 0)
            ok = error_set(err, "moving %s to %s failed: %s", a, b, strerror(errno));
        free(a);
        free(b);
    }
    for (size_t i = ARRAY_LEN(sfx); !ok && i-- > 0;) {
        if (!moved[i])
            continue;
        char *a = sidecar(path, sfx[i]);
        char *b = sidecar(target, sfx[i]);
        if (rename(b, a) != 0)
            log_error("store", "cache %s: could not move %s back: %s", path, b, strerror(errno));
        free(a);
        free(b);
    }
    free(target);
    return ok;
}

/* A file: URI for sqlite3_open_v2 with the given query ("immutable=1"). */
static char *file_uri(const char *path, const char *query)
{
    struct buf b = {0};
    buf_append_str(&b, path[0] == '/' ? "file://" : "file:");
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (ascii_isalpha(*p) || ascii_isdigit(*p) || strchr("/._-~", *p)) {
            buf_append_char(&b, (char)*p);
        } else {
            char esc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            buf_append(&b, esc, 3);
        }
    }
    buf_printf(&b, "?%s", query);
    return buf_steal(&b);
}

void store_close_db(struct store *s)
{
    for (int i = 0; i < SQL_COUNT; i++) {
        sqlite3_finalize(s->stmts[i]);
        s->stmts[i] = NULL;
    }
    sqlite3_close(s->db);
    s->db = NULL;
    free(s->cached_url);
    s->cached_url = NULL;
    s->cached_id = 0;
}

/* ---- the checks both ways share ----------------------------------------------------- */

enum open_result {
    OPEN_OK,
    OPEN_BAD_FILE, /* not a database, or damaged: a writer moves it aside */
    OPEN_STORAGE,  /* the storage will not let us write (or read) it now */
    OPEN_REFUSED,  /* a newer Ticker's or another program's file: nobody touches it */
    OPEN_FAILED,   /* anything else (busy, out of memory): report */
};

static enum open_result classify(sqlite3 *db)
{
    int rc = sqlite3_errcode(db) & 0xff;
    if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT)
        return OPEN_BAD_FILE;
    return store_storage_error(db) ? OPEN_STORAGE : OPEN_FAILED;
}

/* quick_check reads every page: it meets garbage and truncation where open does not. */
static enum open_result check_integrity(struct store *s, struct error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, "PRAGMA quick_check", -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const char *first = (const char *)sqlite3_column_text(st, 0);
        bool ok = first && !strcmp(first, "ok") && sqlite3_step(st) == SQLITE_DONE;
        if (!ok)
            error_set(err, "%s: fails its integrity check: %s", s->path, first ? first : "?");
        sqlite3_finalize(st);
        return ok ? OPEN_OK : OPEN_BAD_FILE;
    }
    sqlite3_finalize(st);
    enum open_result r = classify(s->db);
    char why[200];
    store_db_reason(s->db, why, sizeof why);
    if (r == OPEN_BAD_FILE)
        error_set(err, "%s: %s", s->path,
                  (sqlite3_errcode(s->db) & 0xff) == SQLITE_NOTADB ? "not a database file"
                                                                   : "the file is damaged");
    else if (r == OPEN_STORAGE)
        error_set(err, "%s: %s", s->path, why);
    else
        error_set(err, "%s: cannot read it: %s", s->path, why);
    return r;
}

/* Whose file and which version: the open result, s->schema_version set. */
static enum open_result check_schema(struct store *s, bool reader, struct error *err)
{
    struct error why = {0};
    int v = 0;
    enum store_schema_kind k = store_schema_inspect(s->db, &store_schema_migrations, &v, &why);
    s->schema_version = v;
    switch (k) {
    case STORE_SCHEMA_CURRENT:
        return OPEN_OK;
    case STORE_SCHEMA_EMPTY:
        if (reader) {
            error_set(err, "%s: holds no cache yet (an empty database)", s->path);
            return OPEN_FAILED;
        }
        return OPEN_OK;
    case STORE_SCHEMA_OLDER:
        if (reader && v < STORE_SCHEMA_READABLE) {
            error_set(err,
                      "%s: made by an older Ticker (schema %d); the display or `ticker fetch` "
                      "upgrades it",
                      s->path, v);
            return OPEN_FAILED;
        }
        return OPEN_OK;
    case STORE_SCHEMA_NEWER:
    case STORE_SCHEMA_FOREIGN:
        error_set(err, "%s: %s", s->path, why.msg);
        return OPEN_REFUSED;
    case STORE_SCHEMA_FAILED:
        break;
    }
    error_set(err, "%s: %s", s->path, why.msg);
    return classify(s->db);
}

/* ---- the reader ---------------------------------------------------------------------- */

/* A read-only connection to s->path: immutable (nothing created or locked) or through the
 * writer's -shm opened read-only. */
static bool connect_reader(struct store *s, bool immutable, struct error *err)
{
    char *uri = file_uri(s->path, immutable ? "immutable=1" : "readonly_shm=1");
    int rc = sqlite3_open_v2(uri, &s->db,
                             SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
    free(uri);
    if (rc != SQLITE_OK) {
        char why[200];
        return error_set(err, "%s: cannot open it: %s", s->path,
                         s->db ? store_db_reason(s->db, why, sizeof why) : "out of memory");
    }
    sqlite3_extended_result_codes(s->db, 0);
    sqlite3_busy_timeout(s->db, 5000);
    return true;
}

static enum open_result open_reader_as(struct store *s, bool immutable, struct error *err)
{
    if (!connect_reader(s, immutable, err))
        return s->db ? classify(s->db) : OPEN_FAILED;
    enum open_result r = check_integrity(s, err);
    if (r == OPEN_OK)
        r = check_schema(s, true, err);
    return r;
}

/*
 * Before a writer opens a file read-write (which creates its -wal and -shm), a look without
 * touching it: a file made by a newer Ticker or by another program is refused here, so that
 * nothing at all appears beside it. Anything else (a damaged file, unreadable storage) is for
 * the writer's own checks to judge: OPEN_OK.
 */
static enum open_result peek_schema(const char *path, struct error *err)
{
    struct store peek = {.path = (char *)path};
    enum open_result r = OPEN_OK;
    if (connect_reader(&peek, !wal_has_frames(path), NULL)) {
        struct error why = {0};
        int v;
        enum store_schema_kind k =
            store_schema_inspect(peek.db, &store_schema_migrations, &v, &why);
        if (k == STORE_SCHEMA_NEWER || k == STORE_SCHEMA_FOREIGN) {
            error_set(err, "%s: %s", path, why.msg);
            r = OPEN_REFUSED;
        }
    }
    sqlite3_close(peek.db);
    return r;
}

/*
 * Opens s->path for reading only. A file whose -wal holds no frames (nobody has it open, or
 * everything is checkpointed) is read as immutable: nothing is created or locked, which is
 * what read-only and full storage need. Otherwise the -wal is read through the -shm, opened
 * read-only: the running writer's, or, after a crash, rebuilt in memory from the -wal.
 */
static enum open_result open_reader(struct store *s, struct error *err)
{
    struct stat st;
    if (stat(s->path, &st) != 0) {
        error_set(err, "%s: %s", s->path,
                  errno == ENOENT ? "does not exist (yet)" : strerror(errno));
        return OPEN_FAILED;
    }
    if (!S_ISREG(st.st_mode)) {
        error_set(err, "%s: not a regular file", s->path);
        return OPEN_FAILED;
    }
    bool shared = wal_has_frames(s->path);
    struct error e = {0};
    enum open_result r = open_reader_as(s, !shared, &e);
    if ((r == OPEN_STORAGE || r == OPEN_FAILED) && shared) {
        /* A -shm we may not read (another user's, a broken one): read the file as it is,
         * without the changes still in its -wal. */
        store_close_db(s);
        log_debug("store", "cache %s: reading it without its -wal: %s", s->path, e.msg);
        error_clear(&e);
        r = open_reader_as(s, true, &e);
    }
    if (r != OPEN_OK) {
        store_close_db(s);
        error_set(err, "%s", e.msg);
    }
    return r;
}

/* ---- the writer ---------------------------------------------------------------------- */

/* The settings a writer's connection runs with (docs/cache.md, "Settings and why"). */
static bool configure_writer(struct store *s)
{
    /*
     * WAL: readers (the `ticker cache` commands) never block the worker, and a commit is one
     * sequential append. synchronous=FULL: a commit is on the card when it returns, so a
     * power cut loses only the cycle in flight (NORMAL might lose the last few commits). The
     * WAL is copied into the file every 128 pages (1 MiB; SQLite's default is 1000 pages,
     * more than a whole kiosk cache) and cut back to 1 MiB after.
     */
    return store_schema_prepare_new(s->db) &&
           sqlite3_exec(s->db,
                        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                        " PRAGMA wal_autocheckpoint=128; PRAGMA journal_size_limit=1048576;",
                        NULL, NULL, NULL) == SQLITE_OK;
}

/*
 * One attempt to open s->path for writing: check, configure, migrate. *created is set when
 * this attempt created the file (then a failure removes it again). On OPEN_STORAGE the
 * connection is closed and what the attempt left behind is cleaned up.
 */
static enum open_result try_writer(struct store *s, struct store_open_info *info, bool *created,
                                   struct error *err)
{
    *created = false;
    struct stat st;
    int missing = stat(s->path, &st) == 0 ? 0 : errno;
    if (missing && missing != ENOENT) {
        error_set(err, "%s: %s", s->path, strerror(missing));
        return OPEN_FAILED;
    } else if (missing) {
        if (!mkdir_parents(s->path, err) || !create_file(s->path, err))
            return OPEN_FAILED;
        *created = true;
    } else if (!S_ISREG(st.st_mode)) {
        error_set(err, "%s: not a regular file", s->path);
        return OPEN_FAILED;
    } else {
        enum open_result r = peek_schema(s->path, err);
        if (r != OPEN_OK)
            return r;
        int e = storage_refusal(s->path);
        if (e) {
            error_set(err, "%s: %s", s->path, errno_reason(e));
            return OPEN_STORAGE;
        }
    }
    bool shm_before = sidecar_exists(s->path, "-shm");
    bool wal_before = sidecar_exists(s->path, "-wal");
    enum open_result r;
    char why[200];
    if (sqlite3_open_v2(s->path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK) {
        error_set(err, "%s: cannot open it: %s", s->path,
                  s->db ? store_db_reason(s->db, why, sizeof why) : "out of memory");
        r = s->db ? classify(s->db) : OPEN_FAILED;
        goto out;
    }
    sqlite3_extended_result_codes(s->db, 0);
    sqlite3_busy_timeout(s->db, 5000);
    if (sqlite3_db_readonly(s->db, "main") == 1) {
        error_set(err, "%s: the file cannot be written", s->path);
        r = OPEN_STORAGE;
        goto out;
    }
    if ((r = check_integrity(s, err)) != OPEN_OK || (r = check_schema(s, false, err)) != OPEN_OK)
        goto out;
    if (!configure_writer(s)) {
        r = classify(s->db);
        error_set(err, "%s: %s", s->path, store_db_reason(s->db, why, sizeof why));
        goto out;
    }
    struct error merr = {0};
    int from = 0;
    switch (store_schema_migrate(s->db, &store_schema_migrations, &from, &merr)) {
    case STORE_MIGRATE_OK:
        break;
    case STORE_MIGRATE_NEWER: /* check_schema saw it first; a file changed under us */
        error_set(err, "%s: made by a newer Ticker (schema %d)", s->path, from);
        r = OPEN_REFUSED;
        goto out;
    case STORE_MIGRATE_FAILED:
        error_set(err, "%s: %s", s->path, merr.msg);
        r = store_storage_error(s->db)                       ? OPEN_STORAGE
            : (sqlite3_errcode(s->db) & 0xff) == SQLITE_BUSY ? OPEN_FAILED
                                                             : OPEN_BAD_FILE;
        goto out;
    }
    s->schema_version = STORE_SCHEMA_VERSION;
    if (info)
        info->migrated_from = from;
    if (!*created)
        tighten_mode(s->path);
    r = OPEN_OK;
out:
    if (r != OPEN_OK) {
        store_close_db(s);
        if (r == OPEN_STORAGE)
            remove_failed_shm(s->path, shm_before, wal_before);
        if (*created) {
            /* Nothing to keep: the file (and what SQLite made beside it) was ours and empty. */
            static const char *const sfx[] = {"", "-wal", "-shm", "-journal"};
            for (size_t i = 0; i < ARRAY_LEN(sfx); i++) {
                char *p = sidecar(s->path, sfx[i]);
                unlink(p);
                free(p);
            }
            if (r == OPEN_STORAGE || r == OPEN_BAD_FILE)
                r = OPEN_FAILED; /* a file that could not be made is not a file to read */
        }
    }
    return r;
}

static struct store *store_new(const char *path)
{
    struct store *s = xcalloc(1, sizeof *s);
    s->path = xstrdup(path);
    return s;
}

static void store_free(struct store *s)
{
    store_close_db(s);
    free(s->path);
    free(s);
}

/* The writer goes read-only: the reason is kept and logged, once. */
static void enter_read_only(struct store *s, const char *why)
{
    s->read_only = true;
    snprintf(s->read_only_why, sizeof s->read_only_why, "%s", why);
    log_warn("store",
             "cache %s cannot be written now (%s): showing the news it has, read-only; saving "
             "resumes by itself when it can",
             s->path, why);
}

/* "PATH: reason" -> "reason" (the reason without the path the open messages start with). */
static const char *without_path(const struct store *s, const struct error *e)
{
    size_t n = strlen(s->path);
    return !strncmp(e->msg, s->path, n) && !strncmp(e->msg + n, ": ", 2) ? e->msg + n + 2 : e->msg;
}

struct store *store_open(const char *path, struct store_open_info *info, struct error *err)
{
    if (info)
        *info = (struct store_open_info){0};
    struct store *s = store_new(path);
    struct error why = {0};
    bool created;
    enum open_result r = try_writer(s, info, &created, &why);
    if (r == OPEN_BAD_FILE) {
        char moved[4096];
        struct error merr = {0};
        if (!move_aside(path, moved, sizeof moved, &merr)) {
            error_set(err, "%s; %s", why.msg, merr.msg);
            goto fail;
        }
        log_warn("store", "cache %s; moved it to %s and started a new one", why.msg, moved);
        if (info) {
            info->recovered = true;
            snprintf(info->moved_to, sizeof info->moved_to, "%s", moved);
        }
        r = try_writer(s, info, &created, &why);
    }
    if (r == OPEN_STORAGE) {
        /* Keep showing what the file holds: read it without writing. */
        struct error rerr = {0};
        enum open_result rr = open_reader(s, &rerr);
        if (rr != OPEN_OK) {
            error_set(err, "%s; reading it failed too: %s", why.msg, without_path(s, &rerr));
            goto fail;
        }
        enter_read_only(s, without_path(s, &why));
        if (info) {
            info->read_only = true;
            snprintf(info->read_only_why, sizeof info->read_only_why, "%s", s->read_only_why);
            info->migrated_from = s->schema_version;
        }
        return s;
    }
    if (r != OPEN_OK) {
        error_set(err, "%s", why.msg);
        goto fail;
    }
    return s;
fail:
    store_free(s);
    return NULL;
}

bool store_try_writable(struct store *s, struct error *err)
{
    struct store *w = store_new(s->path);
    struct error why = {0};
    bool created;
    enum open_result r = try_writer(w, NULL, &created, &why);
    if (r != OPEN_OK) {
        store_free(w);
        if (r == OPEN_STORAGE)
            snprintf(s->read_only_why, sizeof s->read_only_why, "%s", without_path(s, &why));
        return error_set(err, "the cache cannot be written (%s): nothing is saved",
                         r == OPEN_STORAGE ? s->read_only_why : without_path(s, &why));
    }
    /* Swap the read-only connection for the writable one. */
    store_close_db(s);
    s->db = w->db;
    w->db = NULL;
    s->schema_version = w->schema_version;
    s->read_only = false;
    s->read_only_why[0] = '\0';
    store_free(w);
    log_info("store", "cache %s can be written again: saving resumes", s->path);
    return true;
}

struct store *store_open_readonly(const char *path, struct error *err)
{
    struct store *s = store_new(path);
    s->reader = true;
    if (open_reader(s, err) == OPEN_OK)
        return s;
    store_free(s);
    return NULL;
}

bool store_is_read_only(const struct store *s, const char **why)
{
    if (why)
        *why = s->reader ? "opened for reading" : s->read_only_why;
    return s->reader || s->read_only;
}
