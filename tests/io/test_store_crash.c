/*
 * Crash safety (docs/cache.md, "Writes"): a writer killed with SIGKILL at a random moment,
 * over and over, never leaves a corrupt file and never loses a cycle whose commit had
 * returned.
 *
 * Each round forks a child that opens the cache, says so through a pipe, then writes fetch
 * cycles in a loop (5 items and a feed state per cycle) and reports each cycle's number only
 * AFTER store_commit_cycle() returned. The parent waits for a random 0-4 reported commits,
 * then kills it a random 0-15 ms later (a commit with its fsync takes a few to ~10 ms here,
 * so the kill lands at any point of a cycle, also under ASan's slow start), reopens the
 * cache, and checks that a reader (store_open_readonly, which reads the -wal the writer left
 * without recovering it) sees every reported cycle's items, that PRAGMA integrity_check says
 * "ok", that the writer's open did not have to recover, and that every reported cycle's items
 * are all there. SIGKILL stops the process, not the machine, so this
 * tests SQLite's atomic commit and our transaction boundaries; power-cut durability rests on
 * synchronous=FULL, which a test cannot pull the plug on.
 */
#include "check.h"
#include "io/store.h"
#include "store_testutil.h"

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <time.h>

#define ROUNDS          120
#define ITEMS_PER_CYCLE 5
#define MAX_RECORDED    200000

static void item_id(char *out, size_t cap, int cycle, int k)
{
    snprintf(out, cap, "c%d-%d", cycle, k);
}

/* The child: writes cycles numbered from `first` until killed. */
static void writer(const char *path, int first, int fd)
{
    struct store *s = store_open(path, NULL, NULL);
    if (!s)
        _exit(3);
    int ready = -1;
    if (write(fd, &ready, sizeof ready) != sizeof ready)
        _exit(7);
    for (int cycle = first;; cycle++) {
        int64_t now = 1764000000 + cycle;
        if (!store_begin_cycle(s, NULL, now, NULL))
            _exit(4);
        for (int k = 0; k < ITEMS_PER_CYCLE; k++) {
            char id[32], title[96], summary[400];
            item_id(id, sizeof id, cycle, k);
            snprintf(title, sizeof title, "Cycle %d item %d: a headline long enough to count",
                     cycle, k);
            snprintf(summary, sizeof summary,
                     "Summary of cycle %d item %d. It has a few sentences of text so that a "
                     "page fills up now and then and SQLite has to split it. %0200d",
                     cycle, k, cycle);
            struct feed_item it = test_item(id, title, NULL, now, summary);
            if (store_put_item(s, "https://crash.example/feed", &it, (size_t)k, NULL, NULL) !=
                STORE_PUT_NEW)
                _exit(5);
        }
        struct store_feed_state st = {0};
        store_feed_get(s, "https://crash.example/feed", &st, NULL);
        st.last_success = now;
        st.fetch_count++;
        bool ok = store_feed_put(s, &st, NULL);
        store_feed_state_clear(&st);
        if (!ok || !store_commit_cycle(s, NULL))
            _exit(6);
        /* Only now is the cycle promised to survive. */
        if (write(fd, &cycle, sizeof cycle) != sizeof cycle)
            _exit(7);
    }
}

/* How many items of the reported cycles the store does not have. */
static size_t missing_items(struct store *s, const int *recorded, size_t n_recorded)
{
    size_t missing = 0;
    for (size_t i = 0; i < n_recorded; i++) {
        for (int k = 0; k < ITEMS_PER_CYCLE; k++) {
            char id[32];
            item_id(id, sizeof id, recorded[i], k);
            if (store_has_item(s, "https://crash.example/feed", id, NULL, NULL) != STORE_FOUND)
                missing++;
        }
    }
    return missing;
}

static bool integrity_ok(const char *path)
{
    sqlite3 *db;
    /* read-write, as the next start of the program would open it (it may recover the WAL) */
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        sqlite3_close(db);
        return false;
    }
    sqlite3_stmt *st;
    bool ok = sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK &&
              sqlite3_step(st) == SQLITE_ROW &&
              !strcmp((const char *)sqlite3_column_text(st, 0), "ok");
    sqlite3_finalize(st);
    sqlite3_close(db);
    return ok;
}

int main(void)
{
    char *dir = scratch_dir("crash");
    char *path = xasprintf("%s/cache.db", dir);
    int *recorded = xcalloc(MAX_RECORDED, sizeof *recorded);
    size_t n_recorded = 0;
    /* A fixed seed: the same kill times each run (the scheduler varies them anyway). */
    unsigned seed = 20251124;
    int kills_mid_write = 0;
    /* The file exists from the start, as on a running kiosk. */
    struct error err0 = {0};
    struct store *s0 = store_open(path, NULL, &err0);
    CHECK_MSG(s0 != NULL, "%s", err0.msg);
    store_close(s0);

    for (int round = 0; round < ROUNDS; round++) {
        int fds[2];
        if (pipe(fds) != 0) {
            perror("pipe");
            return 1;
        }
        int first = round * 100000;
        pid_t pid = fork();
        if (pid < 0) {
            perror("fork");
            return 1;
        }
        if (pid == 0) {
            close(fds[0]);
            writer(path, first, fds[1]);
            _exit(0);
        }
        close(fds[1]);
        int msg = 0;
        if (read(fds[0], &msg, sizeof msg) != sizeof msg || msg != -1) {
            CHECK_MSG(false, "round %d: the writer did not start", round);
            kill(pid, SIGKILL);
            waitpid(pid, NULL, 0);
            close(fds[0]);
            continue;
        }
        size_t this_round = 0;
        int cycle;
        seed = seed * 1103515245u + 12345u;
        unsigned wait_commits = (seed >> 8) % 5;
        while (this_round < wait_commits && read(fds[0], &cycle, sizeof cycle) == sizeof cycle) {
            if (n_recorded < MAX_RECORDED)
                recorded[n_recorded++] = cycle;
            this_round++;
        }
        seed = seed * 1103515245u + 12345u;
        long delay_us = (long)((seed >> 8) % 15000);
        struct timespec ts = {0, delay_us * 1000};
        nanosleep(&ts, NULL);
        kill(pid, SIGKILL);
        int status;
        waitpid(pid, &status, 0);
        CHECK_MSG(WIFSIGNALED(status), "round %d: the writer ended by itself (status %d)", round,
                  WEXITSTATUS(status));
        while (read(fds[0], &cycle, sizeof cycle) == sizeof cycle) {
            if (n_recorded < MAX_RECORDED)
                recorded[n_recorded++] = cycle;
            this_round++;
        }
        close(fds[0]);
        kills_mid_write += this_round > 0;

        /* A reader first (`ticker cache list` on a kiosk that just died): it reads the -wal the
         * writer left without changing anything, and sees every committed cycle. */
        struct error err = {0};
        struct store *r = store_open_readonly(path, &err);
        CHECK_MSG(r != NULL, "round %d: reader: %s", round, err.msg);
        if (r) {
            size_t missing = missing_items(r, recorded, n_recorded);
            CHECK_MSG(missing == 0, "round %d: the reader misses %zu committed items", round,
                      missing);
            store_close(r);
        }
        CHECK_MSG(integrity_ok(path), "round %d: integrity_check failed", round);
        struct store_open_info info;
        struct store *s = store_open(path, &info, &err);
        CHECK_MSG(s != NULL, "round %d: %s", round, err.msg);
        if (!s)
            break;
        CHECK_MSG(!info.recovered, "round %d: the cache had to be recovered", round);
        /* every cycle reported so far (all rounds) is complete */
        size_t missing = missing_items(s, recorded, n_recorded);
        CHECK_MSG(missing == 0, "round %d: %zu committed items missing", round, missing);
        store_close(s);
    }
    printf("%d kills, %zu committed cycles checked, %d rounds committed at least one cycle\n",
           ROUNDS, n_recorded, kills_mid_write);
    CHECK(n_recorded > 0);
    free(recorded);
    rm_tree(dir);
    free(path);
    free(dir);
    return check_done();
}
