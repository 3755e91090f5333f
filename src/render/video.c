/*
 * Raw frames to ffmpeg through a pipe. The child gets the pipe as standard input and a
 * temporary file as standard error, whose last line becomes the message when it fails.
 */
#include "render/video.h"

#include "core/util.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

struct backend {
    int w, h;
    char *path;
    pid_t pid;
    int fd;           /* the pipe to ffmpeg's standard input; -1 once closed */
    FILE *log;        /* ffmpeg's standard error */
    uint8_t *row_buf; /* one row when the frame's pitch is not width * 4 */
};

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n > k && !ascii_strcasecmp(s + n - k, suffix);
}

bool video_path_supported(const char *path)
{
    return path && (ends_with(path, ".mp4") || ends_with(path, ".webm"));
}

/* The full path of an executable named `name` in PATH, or NULL (caller frees). */
static char *find_in_path(const char *name)
{
    const char *path = getenv("PATH");
    if (!path || !*path)
        path = "/usr/local/bin:/usr/bin:/bin";
    while (*path) {
        const char *end = strchr(path, ':');
        size_t n = end ? (size_t)(end - path) : strlen(path);
        char *cand = n ? xasprintf("%.*s/%s", (int)n, path, name) : xasprintf("./%s", name);
        struct stat st;
        if (stat(cand, &st) == 0 && S_ISREG(st.st_mode) && access(cand, X_OK) == 0)
            return cand;
        free(cand);
        path += n;
        if (*path == ':')
            path++;
    }
    return NULL;
}

/* The last non-empty line of ffmpeg's standard error, printable, into out. */
static void last_log_line(FILE *log, char *out, size_t cap)
{
    out[0] = '\0';
    if (!log || fseek(log, 0, SEEK_SET) != 0)
        return;
    char line[512];
    while (fgets(line, sizeof line, log)) {
        size_t n = strlen(line);
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' '))
            line[--n] = '\0';
        if (n)
            str_printable(out, cap, line);
    }
}

/* Writes all of data to the pipe with SIGPIPE blocked on this thread; a SIGPIPE raised by a
 * dead reader is taken back before the mask is restored. */
static bool write_all(int fd, const void *data, size_t len, int *err_no)
{
    sigset_t pipe_set, old;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
    bool ok = true;
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(fd, (const char *)data + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            *err_no = n < 0 ? errno : EIO;
            ok = false;
            break;
        }
        done += (size_t)n;
    }
    if (!ok && *err_no == EPIPE) {
        struct timespec zero = {0, 0};
        sigtimedwait(&pipe_set, NULL, &zero);
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return ok;
}

/* Waits for ffmpeg; false with its last message when it failed. */
static bool reap(struct backend *b, struct error *err)
{
    if (b->fd >= 0) {
        close(b->fd);
        b->fd = -1;
    }
    if (b->pid <= 0)
        return true;
    int status = 0;
    pid_t r;
    do
        r = waitpid(b->pid, &status, 0);
    while (r < 0 && errno == EINTR);
    b->pid = 0;
    if (r > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return true;
    char msg[200];
    last_log_line(b->log, msg, sizeof msg);
    if (r > 0 && WIFEXITED(status))
        return error_set(err, "%s: ffmpeg failed (exit status %d)%s%s", b->path,
                         WEXITSTATUS(status), msg[0] ? ": " : "", msg);
    return error_set(err, "%s: ffmpeg did not finish%s%s", b->path, msg[0] ? ": " : "", msg);
}

static void vid_free(struct backend *b)
{
    if (b->log)
        fclose(b->log);
    free(b->row_buf);
    free(b->path);
    free(b);
}

static struct backend *vid_open(const struct backend_options *opt, struct error *err)
{
    const char *path = opt->video_path;
    if (!video_path_supported(path)) {
        error_set(err, "%s: expected a file name ending in .mp4 or .webm", path ? path : "");
        return NULL;
    }
    char *ffmpeg = find_in_path("ffmpeg");
    if (!ffmpeg) {
        error_set(err,
                  "%s: writing a video needs ffmpeg, which is not installed (Debian "
                  "package: ffmpeg, `apt-get install ffmpeg`)",
                  path);
        return NULL;
    }
    struct backend *b = xcalloc(1, sizeof *b);
    b->w = opt->width;
    b->h = opt->height;
    b->path = xstrdup(path);
    b->fd = -1;
    b->log = tmpfile();
    if (!b->log) {
        error_set(err, "%s: cannot make a temporary file for ffmpeg's messages: %s", path,
                  strerror(errno));
        free(ffmpeg);
        vid_free(b);
        return NULL;
    }
    int fps = opt->fps > 0 ? opt->fps : 60;
    int64_t every = opt->every > 0 ? opt->every : 1;
    char size[32], rate[48];
    snprintf(size, sizeof size, "%dx%d", b->w, b->h);
    snprintf(rate, sizeof rate, "%d/%lld", fps, (long long)every);
    bool webm = ends_with(path, ".webm");
    const char *argv[48];
    int n = 0;
    argv[n++] = "ffmpeg";
    argv[n++] = "-hide_banner";
    argv[n++] = "-loglevel";
    argv[n++] = "error";
    argv[n++] = "-y";
    argv[n++] = "-f";
    argv[n++] = "rawvideo";
    argv[n++] = "-pix_fmt";
    argv[n++] = "bgra"; /* little-endian ARGB8888 in memory */
    argv[n++] = "-video_size";
    argv[n++] = size;
    argv[n++] = "-framerate";
    argv[n++] = rate;
    argv[n++] = "-i";
    argv[n++] = "pipe:0";
    argv[n++] = "-an";
    if (b->w % 2 || b->h % 2) {
        argv[n++] = "-vf";
        argv[n++] = "pad=ceil(iw/2)*2:ceil(ih/2)*2";
    }
    argv[n++] = "-pix_fmt";
    argv[n++] = "yuv420p";
    if (webm) {
        argv[n++] = "-c:v";
        argv[n++] = "libvpx-vp9";
        argv[n++] = "-b:v";
        argv[n++] = "0";
        argv[n++] = "-crf";
        argv[n++] = "32";
        argv[n++] = "-deadline";
        argv[n++] = "realtime";
        argv[n++] = "-cpu-used";
        argv[n++] = "8";
        argv[n++] = "-row-mt";
        argv[n++] = "1";
    } else {
        argv[n++] = "-c:v";
        argv[n++] = "libx264";
        argv[n++] = "-preset";
        argv[n++] = "veryfast";
        argv[n++] = "-crf";
        argv[n++] = "20";
        argv[n++] = "-movflags";
        argv[n++] = "+faststart";
    }
    argv[n++] = "-f";
    argv[n++] = webm ? "webm" : "mp4";
    argv[n++] = path;
    argv[n] = NULL;

    int fds[2];
    /* Close-on-exec on both ends: ffmpeg gets the read end as stdin only, and must not hold
     * the write end (it would never see the end of the input). */
    if (pipe(fds) != 0 || fcntl(fds[0], F_SETFD, FD_CLOEXEC) != 0 ||
        fcntl(fds[1], F_SETFD, FD_CLOEXEC) != 0) {
        error_set(err, "%s: cannot make a pipe for ffmpeg: %s", path, strerror(errno));
        free(ffmpeg);
        vid_free(b);
        return NULL;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&fa, fileno(b->log), STDERR_FILENO);
    int rc = posix_spawn(&b->pid, ffmpeg, &fa, NULL, (char *const *)argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[0]);
    free(ffmpeg);
    if (rc != 0) {
        close(fds[1]);
        error_set(err, "%s: cannot start ffmpeg: %s", path, strerror(rc));
        vid_free(b);
        return NULL;
    }
    b->fd = fds[1];
    return b;
}

static bool vid_present(struct backend *b, const struct backend_frame *f, struct error *err)
{
    int e = 0;
    size_t row = (size_t)b->w * 4;
    bool ok;
    if ((size_t)f->pitch == row) {
        ok = write_all(b->fd, f->pixels, row * (size_t)b->h, &e);
    } else {
        ok = true;
        for (int y = 0; y < b->h && ok; y++)
            ok = write_all(b->fd, (const char *)f->pixels + (size_t)y * (size_t)f->pitch, row, &e);
    }
    if (ok)
        return true;
    /* Most likely ffmpeg stopped: its own message says more than EPIPE. */
    struct error why = {0};
    if (!reap(b, &why))
        *err = why;
    else
        error_set(err, "%s: writing to ffmpeg: %s", b->path, strerror(e));
    return false;
}

static bool vid_close(struct backend *b, struct error *err)
{
    bool ok = reap(b, err);
    vid_free(b);
    return ok;
}

const struct backend_ops video_backend = {
    .name = "video",
    .open = vid_open,
    .present = vid_present,
    .close = vid_close,
};
