/*
 * The parent's side of the image decoder process (imgdecode.h). One poll loop writes the
 * image to the helper and reads its answer at the same time (a helper that answers before it
 * has read everything, such as a refusal from the header, must not deadlock us), reads at
 * most the header plus the largest answer that can be right, and kills the helper at the
 * deadline.
 */
#define _GNU_SOURCE
#include "io/imgdecode.h"
#include "io/program.h"

#include "core/util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

const char *imgdecode_result_str(enum imgdecode_result r)
{
    switch (r) {
    case IMGDECODE_OK:
        return "ok";
    case IMGDECODE_REFUSED:
        return "refused";
    case IMGDECODE_FAILED:
        break;
    }
    return "failed";
}

bool imgdecode_helper_path(char *out, size_t cap)
{
    return program_find("TICKER_IMGDECODE_BIN", "ticker-imgdecode", out, cap);
}

static int64_t mono_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

extern char **environ;

/* Only the sanitizers' settings pass to the helper: nothing else in our environment is its
 * business (LD_PRELOAD least of all). */
static char **helper_env(void)
{
    static const char *const keep[] = {"ASAN_OPTIONS=", "UBSAN_OPTIONS=", "LSAN_OPTIONS="};
    size_t n = 0;
    char **env = xcalloc(4, sizeof *env);
    for (char **e = environ; e && *e && n < 3; e++)
        for (size_t k = 0; k < 3; k++)
            if (!strncmp(*e, keep[k], strlen(keep[k])))
                env[n++] = *e;
    return env;
}

static pid_t spawn(const char *helper, int in_fd, int out_fd, int box_w, int box_h, int *err_no)
{
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t at;
    posix_spawn_file_actions_init(&fa);
    posix_spawnattr_init(&at);
    posix_spawn_file_actions_adddup2(&fa, in_fd, 0);
    posix_spawn_file_actions_adddup2(&fa, out_fd, 1);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
    posix_spawn_file_actions_addclosefrom_np(&fa, 3);
#endif
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&at, &none);
    posix_spawnattr_setsigdefault(&at, &all);
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    char bw[16], bh[16];
    snprintf(bw, sizeof bw, "%d", box_w);
    snprintf(bh, sizeof bh, "%d", box_h);
    char *argv[] = {(char *)"ticker-imgdecode", bw, bh, NULL};
    char **env = helper_env();
    pid_t pid;
    int rc = posix_spawn(&pid, helper, &fa, &at, argv, env);
    free(env);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
    *err_no = rc;
    return rc == 0 ? pid : -1;
}

enum imgdecode_result imgdecode_run(const void *data, size_t len, int box_w, int box_h,
                                    const char *helper, struct picture **out,
                                    struct imgdecode_info *info, struct error *err)
{
    *out = NULL;
    char path[PATH_MAX];
    if (!helper) {
        if (!imgdecode_helper_path(path, sizeof path)) {
            error_set(err, "the image decoder ticker-imgdecode is not installed beside this "
                           "program (set TICKER_IMGDECODE_BIN to its path)");
            return IMGDECODE_FAILED;
        }
        helper = path;
    }
    if (box_w < 1 || box_h < 1 || box_w > 4096 || box_h > 4096) {
        error_set(err, "the picture box %dx%d is outside 1..4096", box_w, box_h);
        return IMGDECODE_FAILED;
    }
    int to[2], from[2];
    if (pipe2(to, O_CLOEXEC) != 0) {
        error_set(err, "no pipe for the image decoder: %s", strerror(errno));
        return IMGDECODE_FAILED;
    }
    if (pipe2(from, O_CLOEXEC) != 0) {
        error_set(err, "no pipe for the image decoder: %s", strerror(errno));
        close(to[0]);
        close(to[1]);
        return IMGDECODE_FAILED;
    }
    int en;
    pid_t pid = spawn(helper, to[0], from[1], box_w, box_h, &en);
    close(to[0]);
    close(from[1]);
    if (pid < 0) {
        close(to[1]);
        close(from[0]);
        error_set(err, "cannot start the image decoder %s: %s", helper, strerror(en));
        return IMGDECODE_FAILED;
    }
    fcntl(to[1], F_SETFL, O_NONBLOCK);
    /* A helper that stops reading makes our write fail with EPIPE, never kill us. */
    sigset_t pipe_set, old;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_set, &old);

    size_t cap = PICTURE_WIRE_HEADER + (size_t)box_w * (size_t)box_h * 3;
    uint8_t *ans = xmalloc(cap);
    size_t got = 0, sent = 0;
    bool too_long = false, timed_out = false;
    int64_t deadline = mono_ms() + IMGDECODE_TIMEOUT_MS;
    int wfd = to[1];
    for (;;) {
        if (wfd >= 0 && sent == len) {
            close(wfd);
            wfd = -1;
        }
        struct pollfd p[2] = {{from[0], POLLIN, 0}, {wfd, POLLOUT, 0}};
        int64_t left = deadline - mono_ms();
        if (left <= 0) {
            timed_out = true;
            break;
        }
        int r = poll(p, wfd >= 0 ? 2 : 1, (int)left);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            break;
        if (wfd >= 0 && (p[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
            ssize_t k = write(wfd, (const uint8_t *)data + sent, len - sent);
            if (k > 0) {
                sent += (size_t)k;
            } else if (k < 0 && errno != EAGAIN && errno != EINTR) {
                close(wfd); /* the helper stopped reading: its answer says why */
                wfd = -1;
            }
        }
        if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            uint8_t sink[4096];
            uint8_t *dst = got < cap ? ans + got : sink;
            size_t room = got < cap ? cap - got : sizeof sink;
            ssize_t k = read(from[0], dst, room);
            if (k < 0 && (errno == EINTR || errno == EAGAIN))
                continue;
            if (k <= 0)
                break;
            if (got >= cap)
                too_long = true;
            else
                got += (size_t)k;
        }
    }
    if (wfd >= 0)
        close(wfd);
    close(from[0]);
    if (timed_out)
        kill(pid, SIGKILL);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    /* Consume a SIGPIPE our writes raised, then restore the mask. */
    struct timespec zero = {0, 0};
    while (sigtimedwait(&pipe_set, NULL, &zero) > 0)
        ;
    pthread_sigmask(SIG_SETMASK, &old, NULL);

    enum imgdecode_result res = IMGDECODE_FAILED;
    struct picture_wire w;
    if (timed_out) {
        error_set(err, "the image decoder took longer than %d s and was stopped",
                  IMGDECODE_TIMEOUT_MS / 1000);
    } else if (WIFSIGNALED(status)) {
        int sig = WTERMSIG(status);
        error_set(err, "the image decoder died (%s)%s", strsignal(sig),
                  sig == SIGXCPU  ? ": it used up its CPU time"
                  : sig == SIGSYS ? ": it tried a system call its sandbox forbids"
                                  : "");
    } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        error_set(err, "the image decoder failed (exit status %d)",
                  WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    } else if (too_long) {
        error_set(err, "the image decoder answered more than it may");
    } else if (picture_wire_get(ans, got, box_w, box_h, &w, err)) {
        if (got != PICTURE_WIRE_HEADER + w.payload) {
            error_set(err, "the image decoder's answer is cut short (%zu of %zu bytes)", got,
                      (size_t)PICTURE_WIRE_HEADER + w.payload);
        } else if (w.status == PICTURE_WIRE_REFUSED) {
            char msg[PICTURE_WIRE_MSG_MAX + 1];
            memcpy(msg, ans + PICTURE_WIRE_HEADER, w.payload);
            msg[w.payload] = '\0';
            char clean[PICTURE_WIRE_MSG_MAX + 1];
            error_set(err, "%s", str_printable(clean, sizeof clean, msg));
            res = IMGDECODE_REFUSED;
        } else {
            *out = picture_from_rgb(w.w, w.h, ans + PICTURE_WIRE_HEADER);
            if (info)
                *info =
                    (struct imgdecode_info){w.format, w.src_w, w.src_h, w.orientation, w.animated};
            res = IMGDECODE_OK;
        }
    }
    free(ans);
    return res;
}
