/* Signals through a signalfd, the configuration file through inotify (run_signals.h). */
#include "app/display/run_signals.h"

#include "core/log.h"
#include "core/util.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <unistd.h>

struct runsig {
    int sfd;
    int ifd;          /* inotify, -1 when not watching */
    int wd;           /* the watched directory */
    char *name;       /* the file's name in it */
    int64_t dirty_ms; /* when the file last changed; 0: no change pending */
    bool hooks;       /* TICKER_TEST_HOOKS */
    const char *last;
};

struct runsig *runsig_open(struct error *err)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGUSR1);
    if (pthread_sigmask(SIG_BLOCK, &set, NULL) != 0) {
        error_set(err, "cannot block signals");
        return NULL;
    }
    int fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
    if (fd < 0) {
        error_set(err, "signalfd: %s", strerror(errno));
        return NULL;
    }
    struct runsig *s = xcalloc(1, sizeof *s);
    s->sfd = fd;
    s->ifd = -1;
    s->wd = -1;
    const char *h = getenv("TICKER_TEST_HOOKS");
    s->hooks = h && !strcmp(h, "1");
    s->last = "";
    return s;
}

bool runsig_watch(struct runsig *s, const char *path, struct error *err)
{
    if (s->ifd >= 0) {
        close(s->ifd);
        s->ifd = -1;
    }
    free(s->name);
    s->name = NULL;
    s->dirty_ms = 0;
    if (!path)
        return true;
    char dir[PATH_MAX];
    const char *slash = strrchr(path, '/');
    if (slash && slash != path)
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    else
        snprintf(dir, sizeof dir, "%s", slash ? "/" : ".");
    s->ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (s->ifd < 0)
        return error_set(err, "inotify: %s", strerror(errno));
    /* The directory, not the file: editors and `cp` over SSH often write a new file and
     * rename it into place, which a watch on the old file would never see. */
    s->wd = inotify_add_watch(s->ifd, dir,
                              IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_MODIFY);
    if (s->wd < 0) {
        error_set(err, "%s: cannot watch: %s", dir, strerror(errno));
        close(s->ifd);
        s->ifd = -1;
        return false;
    }
    s->name = xstrdup(slash ? slash + 1 : path);
    return true;
}

static void read_inotify(struct runsig *s, int64_t now_ms)
{
    char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
    for (;;) {
        ssize_t n = read(s->ifd, buf, sizeof buf);
        if (n <= 0)
            return;
        for (char *p = buf; p < buf + n;) {
            struct inotify_event *e = (struct inotify_event *)p;
            if (e->len && !strcmp(e->name, s->name))
                s->dirty_ms = now_ms > 0 ? now_ms : 1;
            p += sizeof *e + e->len;
        }
    }
}

static unsigned read_signals(struct runsig *s)
{
    unsigned ev = 0;
    struct signalfd_siginfo si;
    while (read(s->sfd, &si, sizeof si) == (ssize_t)sizeof si) {
        switch (si.ssi_signo) {
        case SIGTERM:
            s->last = "SIGTERM";
            ev |= RUNSIG_QUIT;
            break;
        case SIGINT:
            s->last = "SIGINT";
            ev |= RUNSIG_QUIT;
            break;
        case SIGHUP:
            ev |= RUNSIG_RELOAD;
            break;
        case SIGUSR1:
            if (s->hooks)
                ev |= RUNSIG_STALL;
            break;
        default:
            break;
        }
    }
    return ev;
}

unsigned runsig_wait(struct runsig *s, int timeout_ms, const struct clock *clk)
{
    int64_t now_ms = clock_monotonic_ms(clk);
    /* A pending file change caps the wait at its settling time. */
    if (s->dirty_ms) {
        int64_t left = s->dirty_ms + RUNSIG_SETTLE_MS - now_ms;
        if (left < timeout_ms)
            timeout_ms = left < 0 ? 0 : (int)left;
    }
    struct pollfd p[2] = {{s->sfd, POLLIN, 0}, {s->ifd, POLLIN, 0}};
    int n = poll(p, s->ifd >= 0 ? 2 : 1, timeout_ms);
    unsigned ev = 0;
    if (n > 0 && (p[0].revents & POLLIN))
        ev |= read_signals(s);
    now_ms = clock_monotonic_ms(clk);
    if (n > 0 && s->ifd >= 0 && (p[1].revents & POLLIN))
        read_inotify(s, now_ms);
    if (s->dirty_ms && now_ms - s->dirty_ms >= RUNSIG_SETTLE_MS) {
        s->dirty_ms = 0;
        ev |= RUNSIG_RELOAD;
    }
    return ev;
}

const char *runsig_last(const struct runsig *s)
{
    return s->last;
}

void runsig_close(struct runsig *s)
{
    if (!s)
        return;
    close(s->sfd);
    if (s->ifd >= 0)
        close(s->ifd);
    free(s->name);
    free(s);
}
