/*
 * ticker-imgdecode: the sandboxed, short-lived process that turns image bytes into a story
 * card's pixels (docs/images.md). Ticker starts one per picture:
 *
 *     ticker-imgdecode WIDTH HEIGHT  < image bytes  > answer
 *
 * The answer is core/picture.h's format: a 32-byte header, then WIDTH x HEIGHT RGB pixels or
 * the reason the image was refused. Exit status 0 whenever an answer was written (also a
 * refusal), 2 for a wrong command line; anything else (a signal) means the decoder died.
 *
 * Before it reads a byte of the image the process confines itself, since the image may be an
 * exploit for a decoder bug:
 *   - every file descriptor beyond standard input, output and error is closed (it inherits
 *     none by design; this makes sure);
 *   - resource limits: address space (IMGDECODE_AS_BYTES), CPU seconds, no file may be
 *     written (RLIMIT_FSIZE 0), no descriptor opened (RLIMIT_NOFILE 3), no core file;
 *   - no new privileges, and a seccomp filter (libseccomp) that allows only reading standard
 *     input, writing standard output, memory without execute permission and exiting: no
 *     open, no socket, no exec, no fork; any other system call kills the process.
 * Sanitizer builds skip the address-space and descriptor limits and the filter (their runtimes
 * reserve terabytes of address space and use ptrace and /proc at exit); `make test` checks
 * the sandbox in the plain build.
 */
#define _GNU_SOURCE
#include "core/picture.h"
#include "imgdecode/imgcodec.h"

#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

/* Input larger than this is refused (the fetcher's cap is 2 MiB). */
#define IMGDECODE_MAX_INPUT (16u << 20)
/* Address space: the largest picture (24 MP, a whole interlaced PNG or WebP at 4 bytes a pixel
 * is 96 MB) plus the scaler's box and the libraries, with room. */
#define IMGDECODE_AS_BYTES ((rlim_t)512 << 20)
#define IMGDECODE_CPU_S    5

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif

static void limit(int what, rlim_t soft, rlim_t hard)
{
    struct rlimit r = {soft, hard};
    if (setrlimit(what, &r) != 0) {
        /* A limit that cannot be lowered (never expected): refuse to go on unconfined. */
        _exit(3);
    }
}

static bool confine(void)
{
    /* Descriptors beyond 0-2: none should be open, but a caller's leaked socket or database
     * must never reach decoder code. */
    if (close_range(3, ~0u, 0) != 0)
        for (int fd = 3; fd < 1024; fd++)
            close(fd);
    limit(RLIMIT_CORE, 0, 0);
    limit(RLIMIT_FSIZE, 0, 0);
    limit(RLIMIT_CPU, IMGDECODE_CPU_S, IMGDECODE_CPU_S + 1);
    if (SANITIZED)
        return true; /* LeakSanitizer opens /proc files at exit */
    limit(RLIMIT_NOFILE, 3, 3);
    limit(RLIMIT_AS, IMGDECODE_AS_BYTES, IMGDECODE_AS_BYTES);
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        return false;
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_KILL_PROCESS);
    if (!ctx)
        return false;
    int rc = 0;
    rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(read), 1, SCMP_A0(SCMP_CMP_EQ, 0, 0));
    rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(write), 1, SCMP_A0(SCMP_CMP_EQ, 1, 0));
    rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(exit), 0);
    rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(exit_group), 0);
    rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(brk), 0);
    rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(munmap), 0);
    rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(mremap), 0);
    rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(madvise), 0);
    rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(rt_sigreturn), 0);
    rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(futex), 0);
    /* Memory, never executable (no code can be brought in through data). */
    rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(mmap), 1,
                           SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0));
    rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(mprotect), 1,
                           SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0));
    /* glibc's abort() on a detected heap corruption: let it end the process. */
    rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(rt_sigprocmask), 0);
    rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(tgkill), 0);
    rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(getpid), 0);
    rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(gettid), 0);
    bool ok = rc == 0 && seccomp_load(ctx) == 0;
    seccomp_release(ctx);
    return ok;
}

static bool write_all(const void *p, size_t n)
{
    const uint8_t *b = p;
    while (n > 0) {
        ssize_t k = write(1, b, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return false;
        b += k;
        n -= (size_t)k;
    }
    return true;
}

static int refuse(const char *msg)
{
    size_t n = strlen(msg);
    if (n > PICTURE_WIRE_MSG_MAX)
        n = PICTURE_WIRE_MSG_MAX;
    struct picture_wire w = {
        .status = PICTURE_WIRE_REFUSED, .orientation = 1, .payload = (uint32_t)n};
    uint8_t hdr[PICTURE_WIRE_HEADER];
    picture_wire_put(hdr, &w);
    return write_all(hdr, sizeof hdr) && write_all(msg, n) ? 0 : 1;
}

static int parse_side(const char *s)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < 1 || v > IMGCODEC_MAX_BOX)
        return 0;
    return (int)v;
}

int main(int argc, char **argv)
{
    int bw = argc == 3 ? parse_side(argv[1]) : 0, bh = argc == 3 ? parse_side(argv[2]) : 0;
    if (!bw || !bh) {
        static const char usage[] = "usage: ticker-imgdecode WIDTH HEIGHT < IMAGE > ANSWER "
                                    "(Ticker's sandboxed image decoder; docs/images.md)\n";
        if (write(2, usage, sizeof usage - 1) < 0)
            return 2;
        return 2;
    }
    /* The input buffer exists before the filter forbids new mappings' growth policies. */
    uint8_t *in = malloc(IMGDECODE_MAX_INPUT + 1);
    if (!in || !confine())
        return 3;
    size_t len = 0;
    for (;;) {
        ssize_t k = read(0, in + len, IMGDECODE_MAX_INPUT + 1 - len);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            free(in);
            return refuse("the image could not be read from the pipe");
        }
        if (k == 0)
            break;
        len += (size_t)k;
        if (len > IMGDECODE_MAX_INPUT) {
            free(in);
            return refuse("larger than the decoder accepts (16 MiB)");
        }
    }
    struct imgcodec_result r;
    struct error err = {0};
    bool decoded = imgcodec_decode(in, len, bw, bh, &r, &err);
    free(in);
    if (!decoded)
        return refuse(err.msg);
    struct picture_wire w = {
        .status = PICTURE_WIRE_OK,
        .format = (int)r.format,
        .orientation = r.orientation,
        .animated = r.animated,
        .w = r.w,
        .h = r.h,
        .src_w = r.src_w,
        .src_h = r.src_h,
        .payload = (uint32_t)((size_t)r.w * (size_t)r.h * 3),
    };
    uint8_t hdr[PICTURE_WIRE_HEADER];
    picture_wire_put(hdr, &w);
    bool ok = write_all(hdr, sizeof hdr) && write_all(r.rgb, w.payload);
    imgcodec_result_free(&r);
    return ok ? 0 : 1;
}
