/*
 * Tests for io/imgdecode through the real helper ticker-imgdecode: the images of
 * tests/imgdecode/make_images.py (made at run time) decoded into a box, checked where it
 * matters (colours at known places after orientation, crop and scale; the first frame of an
 * animation; transparency on white; CMYK and 16-bit colours right), refused with a reason
 * that names the problem (huge before decoding, truncated, wrong type, tracking pixel), and
 * the sandbox as the kernel sees it (seccomp filter, no new privileges, limits, no inherited
 * descriptor).
 */
#include "check.h"
#include "core/picture.h"
#include "core/util.h"
#include "io/imgdecode.h"
#include "testutil.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char dir[] = "/tmp/ticker-imgdecode-XXXXXX";

static uint8_t *load(const char *name, size_t *len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    uint8_t *d = (uint8_t *)read_file(path, len);
    if (!d) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(1);
    }
    return d;
}

/* Is the pixel within 12 levels of (r, g, b) in every channel? */
static bool near(const struct picture *p, int x, int y, int r, int g, int b)
{
    uint32_t v = p->argb[(size_t)y * (size_t)p->w + (size_t)x];
    int pr = (int)(v >> 16 & 255), pg = (int)(v >> 8 & 255), pb = (int)(v & 255);
    bool ok = abs(pr - r) <= 12 && abs(pg - g) <= 12 && abs(pb - b) <= 12;
    if (!ok)
        fprintf(stderr, "  pixel (%d, %d) is %d,%d,%d, want about %d,%d,%d\n", x, y, pr, pg, pb, r,
                g, b);
    return ok;
}

#define RED   220, 30, 30
#define BLUE  30, 30, 220
#define GREEN 30, 200, 30
#define WHITE 255, 255, 255

static void test_decodes(void)
{
    /* The scene: left half red, right half blue, a green square in the top-left corner of a
     * quarter of the height; 480x320 into a 300x200 box keeps the whole picture (same
     * shape). */
    static const struct {
        const char *file;
        int format, orientation;
        bool animated;
        bool transparent_right; /* the right half was clear: white */
    } cases[] = {
        {"photo.jpg", 1, 1, false, false},   {"progressive.jpg", 1, 1, false, false},
        {"cmyk.jpg", 1, 1, false, false},    {"photo.png", 2, 1, false, false},
        {"palette.png", 2, 1, false, false}, {"png16.png", 2, 1, false, false},
        {"photo.webp", 3, 1, false, false},  {"animated.webp", 3, 1, true, false},
        {"animated.png", 2, 1, true, false}, {"alpha.png", 2, 1, false, true},
        {"alpha.webp", 3, 1, false, true},   {"exif2.jpg", 1, 2, false, false},
        {"exif3.jpg", 1, 3, false, false},   {"exif4.jpg", 1, 4, false, false},
        {"exif5.jpg", 1, 5, false, false},   {"exif6.jpg", 1, 6, false, false},
        {"exif7.jpg", 1, 7, false, false},   {"exif8.jpg", 1, 8, false, false},
        {"exif6.png", 2, 6, false, false},   {"small.png", 2, 1, false, false},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        check_case("%s", cases[i].file);
        size_t len;
        uint8_t *d = load(cases[i].file, &len);
        struct picture *p = NULL;
        struct imgdecode_info info = {0};
        struct error err = {0};
        enum imgdecode_result r = imgdecode_run(d, len, 300, 200, NULL, &p, &info, &err);
        CHECK_MSG(r == IMGDECODE_OK, "%s", err.msg);
        if (p) {
            CHECK_INT(p->w, 300);
            CHECK_INT(p->h, 200);
            CHECK_INT(info.format, cases[i].format);
            CHECK_INT(info.orientation, cases[i].orientation);
            CHECK_INT(info.animated, cases[i].animated);
            /* Top left green, the left half red below it, the right half blue (or white). */
            if (cases[i].transparent_right)
                CHECK(near(p, 10, 10, RED)); /* no corner square in that one */
            else
                CHECK(near(p, 10, 10, GREEN));
            CHECK(near(p, 40, 150, RED));
            CHECK(near(p, 140, 120, RED));
            if (cases[i].transparent_right)
                CHECK(near(p, 250, 100, WHITE));
            else
                CHECK(near(p, 250, 100, BLUE));
        }
        picture_free(p);
        free(d);
    }
    check_case_end();
}

/* Crop to fill, never stretch: a box of another shape takes the picture's centre. */
static void test_crop(void)
{
    size_t len;
    uint8_t *d = load("photo.png", &len);
    struct picture *p = NULL;
    struct error err = {0};
    /* A square box: the centre 320x320 of 480x320, so x 80..400: red left, blue right, and
     * the corner square (x 0..79) cut away. */
    CHECK(imgdecode_run(d, len, 200, 200, NULL, &p, NULL, &err) == IMGDECODE_OK);
    if (p) {
        CHECK(near(p, 5, 5, RED));
        CHECK(near(p, 195, 5, BLUE));
        /* The red/blue edge in the middle, not stretched to one side. */
        CHECK(near(p, 97, 100, RED));
        CHECK(near(p, 103, 100, BLUE));
    }
    picture_free(p);
    /* A wide box: the middle band of rows; the green square (rows 0..79) is cut to its last
     * rows, still at the left. */
    p = NULL;
    CHECK(imgdecode_run(d, len, 400, 100, NULL, &p, NULL, &err) == IMGDECODE_OK);
    if (p) {
        CHECK(near(p, 5, 95, RED));
        CHECK(near(p, 395, 50, BLUE));
    }
    picture_free(p);
    free(d);
    /* The same bytes give the same pixels (exact integer scaling). */
    d = load("photo.jpg", &len);
    struct picture *a = NULL, *b = NULL;
    imgdecode_run(d, len, 333, 222, NULL, &a, NULL, &err);
    imgdecode_run(d, len, 333, 222, NULL, &b, NULL, &err);
    CHECK(a && b && !memcmp(a->argb, b->argb, 333 * 222 * 4));
    picture_free(a);
    picture_free(b);
    free(d);
}

static void test_refusals(void)
{
    static const struct {
        const char *file;
        const char *want; /* in the message */
    } cases[] = {
        {"bomb.png", "too large: 6000x6000 is 36.0 megapixels"},
        {"claims-huge.png", "too large: 30000x30000"},
        {"truncated-photo.jpg", "truncated JPEG"},
        {"truncated-progressive.jpg", "truncated JPEG"},
        {"truncated-photo.png", "truncated PNG"},
        {"truncated-photo.webp", "truncated WebP"},
        {"photo.gif", "a GIF image, not a JPEG, PNG or WebP image"},
        {"page.html", "an HTML or XML document"},
        {"noise.bin", "not a JPEG, PNG or WebP image (it starts with 07 9e"},
        {"empty.jpg", "empty"},
        {"pixel.png", "too small to be a story's picture: 1x1"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        check_case("%s", cases[i].file);
        size_t len;
        uint8_t *d = load(cases[i].file, &len);
        struct picture *p = NULL;
        struct error err = {0};
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        enum imgdecode_result r = imgdecode_run(d, len, 300, 200, NULL, &p, NULL, &err);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        CHECK_INT(r, IMGDECODE_REFUSED);
        CHECK(p == NULL);
        CHECK_MSG(strstr(err.msg, cases[i].want) != NULL, "message: %s", err.msg);
        free(d);
    }
    check_case_end();
    /* A large honest picture at the limit is decoded (the JPEG decoder reduces it while it
     * decodes). */
    size_t len;
    uint8_t *d = load("large.jpg", &len);
    struct picture *p = NULL;
    struct error err = {0};
    CHECK_MSG(imgdecode_run(d, len, 600, 400, NULL, &p, NULL, &err) == IMGDECODE_OK, "%s", err.msg);
    if (p)
        CHECK(near(p, 300, 200, 128, 128, 128));
    picture_free(p);
    free(d);
}

static void test_failures(void)
{
    size_t len;
    uint8_t *d = load("photo.png", &len);
    struct picture *p = NULL;
    struct error err = {0};
    CHECK_INT(imgdecode_run(d, len, 300, 200, "/nonexistent/ticker-imgdecode", &p, NULL, &err),
              IMGDECODE_FAILED);
    CHECK(strstr(err.msg, "cannot start the image decoder") != NULL);
    /* A "helper" that answers nonsense is not believed. */
    char fake[600];
    snprintf(fake, sizeof fake, "%s/fake-helper.sh", dir);
    FILE *f = fopen(fake, "w");
    fputs("#!/bin/sh\ncat >/dev/null\necho 'HTTP/1.1 200 OK: this is not pixels at all, no'\n", f);
    fclose(f);
    chmod(fake, 0755);
    CHECK_INT(imgdecode_run(d, len, 300, 200, fake, &p, NULL, &err), IMGDECODE_FAILED);
    CHECK_MSG(strstr(err.msg, "not in its format") != NULL, "%s", err.msg);
    CHECK(p == NULL);
    free(d);
}

/* Reads /proc/PID/FILE into buf. */
static bool proc_read(pid_t pid, const char *file, char *buf, size_t cap)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, file);
    size_t n;
    char *t = read_file(path, &n);
    if (!t)
        return false;
    snprintf(buf, cap, "%s", t);
    free(t);
    return true;
}

/* The helper confines itself before it reads the image: start it with an input that never
 * comes, and look at it from outside. */
static void test_sandbox(void)
{
#if defined(__SANITIZE_ADDRESS__)
    printf("sandbox: skipped in the sanitizer build (no seccomp filter there)\n");
    return;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    printf("sandbox: skipped in the sanitizer build (no seccomp filter there)\n");
    return;
#endif
#endif
    char helper[4096];
    CHECK(imgdecode_helper_path(helper, sizeof helper));
    int in[2], out[2];
    CHECK(pipe(in) == 0 && pipe(out) == 0);
    /* A descriptor left open without close-on-exec, as a careless caller might. */
    int leak = open("/dev/null", O_RDONLY);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        execl(helper, "ticker-imgdecode", "64", "64", (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    char status[8192] = "", limits[8192] = "";
    bool filtered = false;
    for (int i = 0; i < 200 && !filtered; i++) {
        usleep(10000);
        if (proc_read(pid, "status", status, sizeof status))
            filtered = strstr(status, "Seccomp:\t2") != NULL;
    }
    CHECK_MSG(filtered, "the helper runs without a seccomp filter:\n%s", status);
    CHECK(strstr(status, "NoNewPrivs:\t1") != NULL);
    CHECK(proc_read(pid, "limits", limits, sizeof limits));
    CHECK_MSG(strstr(limits, "Max file size             0") != NULL, "%s", limits);
    CHECK_MSG(strstr(limits, "Max open files            3") != NULL, "%s", limits);
    CHECK(strstr(limits, "Max cpu time              5") != NULL);
    CHECK(strstr(limits, "Max address space         536870912") != NULL);
    /* Only standard input, output and error are open. */
    char fdpath[64];
    snprintf(fdpath, sizeof fdpath, "/proc/%d/fd/%d", (int)pid, leak);
    CHECK_MSG(access(fdpath, F_OK) != 0, "descriptor %d reached the helper", leak);
    snprintf(fdpath, sizeof fdpath, "/proc/%d/fd/3", (int)pid);
    CHECK(access(fdpath, F_OK) != 0);
    close(leak);
    close(in[1]);
    char buf[512];
    while (read(out[0], buf, sizeof buf) > 0)
        ;
    close(out[0]);
    int st;
    waitpid(pid, &st, 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0); /* an empty input: refused, answered */
}

int main(void)
{
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    setenv("TICKER_IMGDECODE_BIN", TICKER_IMGDECODE, 1);
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "/usr/bin/python3 %s/imgdecode/make_images.py %s", TICKER_TESTS_DIR,
             dir);
    if (system(cmd) != 0) {
        fprintf(stderr, "making the test images failed (%s)\n", cmd);
        return 1;
    }
    test_decodes();
    test_crop();
    test_refusals();
    test_failures();
    test_sandbox();
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return check_done();
}
