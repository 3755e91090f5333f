/*
 * The window back end (window.h). A frame arrives as the scene's ARGB8888 buffer with the rows
 * that changed; those rows go into streaming textures (tiles no larger than the renderer
 * allows) and the tiles are drawn, turned for a rotated screen. Presenting waits for vsync.
 */
#include "render/window.h"

#include "core/log.h"
#include "core/util.h"
#include "render/dpms.h"

#include <SDL.h>
#include <SDL_syswm.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

struct tile {
    SDL_Texture *tex;
    int x, y, w, h; /* in the frame */
};

/* Rows a staging texture holds (the software renderer's path, see make_tiles). */
#define STAGE_ROWS 128

struct backend {
    SDL_Window *window;
    SDL_Renderer *renderer;
    bool fullscreen;
    bool software; /* SDL's software renderer: the window surface keeps its pixels */
    bool staged;   /* tiles are STAGE_ROWS-row staging textures, not the whole frame */
    bool direct;   /* staged on X11: rows go straight onto the window surface (present_direct) */
    Uint32 tex_format;
    int rotation;
    int out_w, out_h;     /* the renderer's output */
    int frame_w, frame_h; /* what the scene composes (rotated size) */
    int max_tex_w, max_tex_h;
    int mode_hz;
    struct tile *tiles;
    int n_tiles;
    bool need_full; /* upload and draw the whole frame next time (first, exposed, reset) */
    bool powered_off;
    int64_t vsync_last_ns; /* the software path's simulated vsync (wait_vsync), 0 at first */
    char driver[32], renderer_name[32];
};

/* Default priority: an environment variable of the same name wins (SDL checks it first). */
static void hint(const char *name, const char *value)
{
    SDL_SetHintWithPriority(name, value, SDL_HINT_DEFAULT);
}

static void free_tiles(struct backend *b)
{
    for (int i = 0; i < b->n_tiles; i++)
        if (b->tiles[i].tex)
            SDL_DestroyTexture(b->tiles[i].tex);
    free(b->tiles);
    b->tiles = NULL;
    b->n_tiles = 0;
}

static bool make_tiles(struct backend *b, struct error *err)
{
    free_tiles(b);
    int cols = (b->frame_w + b->max_tex_w - 1) / b->max_tex_w;
    int rows = (b->frame_h + b->max_tex_h - 1) / b->max_tex_h;
    /* The software renderer's window surface keeps every pixel between frames, so no texture
     * needs to hold the whole frame: one row of staging textures carries the changed rows to
     * it, STAGE_ROWS at a time (8 MB less at 1080p). GPU renderers redraw the whole frame
     * every time (their back buffer is undefined after a flip), so they keep it all. */
    if (b->staged)
        rows = 1;
    b->tiles = xcalloc((size_t)(cols * rows), sizeof *b->tiles);
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++) {
            struct tile *t = &b->tiles[b->n_tiles++];
            t->x = c * b->max_tex_w;
            t->y = r * b->max_tex_h;
            t->w = b->frame_w - t->x < b->max_tex_w ? b->frame_w - t->x : b->max_tex_w;
            t->h = b->frame_h - t->y < b->max_tex_h ? b->frame_h - t->y : b->max_tex_h;
            if (b->staged)
                t->h = b->frame_h < STAGE_ROWS ? b->frame_h : STAGE_ROWS;
            t->tex = SDL_CreateTexture(b->renderer, b->tex_format, SDL_TEXTUREACCESS_STREAMING,
                                       t->w, t->h);
            if (!t->tex)
                return error_set(err, "cannot create a %dx%d texture: %s", t->w, t->h,
                                 SDL_GetError());
            SDL_SetTextureBlendMode(t->tex, SDL_BLENDMODE_NONE);
        }
    b->need_full = true;
    return true;
}

static void destroy(struct backend *b)
{
    free_tiles(b);
    if (b->renderer)
        SDL_DestroyRenderer(b->renderer);
    if (b->window)
        SDL_DestroyWindow(b->window);
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
    /* SDL_Quit also shuts down the D-Bus connection SDL opened for the screensaver; with no
     * other subsystem left in use it is ours to call. */
    if (SDL_WasInit(0) == 0)
        SDL_Quit();
    free(b);
}

/* True when the X server has an EWMH window manager (_NET_SUPPORTING_WM_CHECK on the root
 * window), or when that cannot be told. SDL asks such a manager for full screen and then polls
 * for up to 100 ms for its answer; without one (Xvfb, a kiosk session of bare X) nobody
 * answers, and every start pays the whole wait. Xlib is the copy SDL's x11 driver has already
 * loaded (RTLD_NOLOAD), so nothing more is linked or loaded. Only the root's property is read:
 * a stale one left by a manager that died means the old path, never an X error. */
static bool x11_has_wm(void)
{
#ifndef SDL_VIDEO_DRIVER_X11
    return true;
#else
    void *lib = dlopen("libX11.so.6", RTLD_LAZY | RTLD_LOCAL | RTLD_NOLOAD);
    if (!lib)
        return true;
    bool has = true;
    Display *(*open_display)(const char *);
    Atom (*intern_atom)(Display *, const char *, Bool);
    int (*get_property)(Display *, Window, Atom, long, long, Bool, Atom, Atom *, int *,
                        unsigned long *, unsigned long *, unsigned char **);
    int (*xfree)(void *);
    int (*close_display)(Display *);
    /* POSIX's way from dlsym's void * to a function pointer. */
    *(void **)&open_display = dlsym(lib, "XOpenDisplay");
    *(void **)&intern_atom = dlsym(lib, "XInternAtom");
    *(void **)&get_property = dlsym(lib, "XGetWindowProperty");
    *(void **)&xfree = dlsym(lib, "XFree");
    *(void **)&close_display = dlsym(lib, "XCloseDisplay");
    Display *d = open_display && intern_atom && get_property && xfree && close_display
                     ? open_display(NULL)
                     : NULL;
    if (d) {
        Atom check = intern_atom(d, "_NET_SUPPORTING_WM_CHECK", True), type = None;
        int format = 0;
        unsigned long n = 0, after = 0;
        unsigned char *data = NULL;
        if (check == None)
            has = false; /* no client ever named the atom: no EWMH manager */
        else if (get_property(d, DefaultRootWindow(d), check, 0, 1, False, AnyPropertyType, &type,
                              &format, &n, &after, &data) == Success)
            has = type != None; /* any value: a manager said it is there */
        if (data)
            xfree(data);
        close_display(d);
    }
    dlclose(lib);
    return has;
#endif
}

static struct backend *win_open(const struct backend_options *opt, struct error *err)
{
    static const struct window_options def = {.width = 1280, .height = 720, .title = "Ticker"};
    const struct window_options *wo = opt->window ? opt->window : &def;
    hint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    hint(SDL_HINT_RENDER_VSYNC, "1");
    hint(SDL_HINT_RENDER_SCALE_QUALITY, "nearest");
    hint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    hint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    /* With the software renderer SDL would otherwise put the window surface itself on a GPU
     * texture (on a desktop without a GPU: Mesa's llvmpipe, about 60 MB and a full-frame
     * upload per present). GPU renderers do not use the window surface. */
    hint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
        error_set(err, "cannot start SDL's video: %s", SDL_GetError());
        return NULL;
    }
    struct backend *b = xcalloc(1, sizeof *b);
    snprintf(b->driver, sizeof b->driver, "%s", SDL_GetCurrentVideoDriver());
    const char *asked = getenv("SDL_VIDEODRIVER");
    if ((!strcmp(b->driver, "offscreen") || !strcmp(b->driver, "dummy")) &&
        !(asked && !strcasecmp(asked, b->driver))) {
        /* SDL's last resort: nothing would be seen. */
        error_set(err,
                  "no display: SDL found neither a desktop session (DISPLAY, "
                  "WAYLAND_DISPLAY) nor a usable KMS device (/dev/dri), and fell back to "
                  "its '%s' driver",
                  b->driver);
        destroy(b);
        return NULL;
    }
    if (!strcmp(b->driver, "KMSDRM")) {
        /* On the Pi only GLES2 with batching draws right and fast (docs/architecture.md). */
        hint(SDL_HINT_RENDER_DRIVER, "opengles2");
        hint(SDL_HINT_RENDER_BATCHING, "1");
    }
    int n = SDL_GetNumVideoDisplays();
    if (n <= 0) {
        error_set(err, "no display found by SDL's %s driver: %s", b->driver, SDL_GetError());
        destroy(b);
        return NULL;
    }
    if (wo->display < 0 || wo->display >= n) {
        error_set(err, "there is no display %d (displays 0 to %d)", wo->display, n - 1);
        destroy(b);
        return NULL;
    }
    SDL_DisplayMode mode;
    if (SDL_GetCurrentDisplayMode(wo->display, &mode) == 0)
        b->mode_hz = mode.refresh_rate;
    b->fullscreen = wo->fullscreen;
    b->rotation = wo->rotation;
    Uint32 flags = SDL_WINDOW_SHOWN | (wo->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
    int w = wo->fullscreen ? mode.w : wo->width, h = wo->fullscreen ? mode.h : wo->height;
    int x = SDL_WINDOWPOS_CENTERED_DISPLAY(wo->display), y = x;
    SDL_Rect bounds;
    if (wo->fullscreen && !strcmp(b->driver, "x11") &&
        SDL_GetDisplayBounds(wo->display, &bounds) == 0 && !x11_has_wm()) {
        /* No window manager to ask (see x11_has_wm): a borderless window over the display's
         * bounds is the same picture without the wait. */
        flags = SDL_WINDOW_SHOWN | SDL_WINDOW_BORDERLESS;
        x = bounds.x, y = bounds.y, w = bounds.w, h = bounds.h;
        log_info("window",
                 "no window manager on the X server: full screen is a borderless "
                 "window over display %d",
                 wo->display);
    }
    b->window = SDL_CreateWindow(wo->title ? wo->title : "Ticker", x, y, w, h, flags);
    if (!b->window) {
        error_set(err, "cannot open a %dx%d window on display %d: %s", w, h, wo->display,
                  SDL_GetError());
        destroy(b);
        return NULL;
    }
    if (wo->fullscreen)
        SDL_ShowCursor(SDL_DISABLE);
    b->renderer = SDL_CreateRenderer(b->window, -1, SDL_RENDERER_PRESENTVSYNC);
    if (!b->renderer) {
        error_set(err, "cannot create a renderer with vsync: %s", SDL_GetError());
        destroy(b);
        return NULL;
    }
    SDL_RendererInfo info;
    SDL_GetRendererInfo(b->renderer, &info);
    snprintf(b->renderer_name, sizeof b->renderer_name, "%s", info.name);
    b->software = !strcmp(info.name, "software");
    /* 0 means no limit (software); the frame is still cut at the headless limit, which keeps
     * the tiles' uploads small. */
    b->max_tex_w = info.max_texture_width > 0 ? info.max_texture_width : 2048;
    b->max_tex_h = info.max_texture_height > 0 ? info.max_texture_height : 2048;
    if (SDL_GetRendererOutputSize(b->renderer, &b->out_w, &b->out_h) != 0 || b->out_w <= 0) {
        error_set(err, "the renderer has no output size: %s", SDL_GetError());
        destroy(b);
        return NULL;
    }
    b->staged = b->software && b->rotation == 0;
    /* Only where the surface is X11's own shared-memory image; other drivers keep SDL's path. */
    b->direct = b->staged && !strcmp(b->driver, "x11");
    /* The frame's pixels are opaque ARGB8888. A window surface in RGB888 (X11's usual 24-bit
     * visual) has the same bytes with the top one ignored: textures in that format make the
     * software renderer's copy a plain memcpy instead of a per-pixel conversion. */
    b->tex_format = SDL_PIXELFORMAT_ARGB8888;
    if (b->software && SDL_GetWindowPixelFormat(b->window) == SDL_PIXELFORMAT_RGB888)
        b->tex_format = SDL_PIXELFORMAT_RGB888;
    bool turned = b->rotation == 90 || b->rotation == 270;
    b->frame_w = turned ? b->out_h : b->out_w;
    b->frame_h = turned ? b->out_w : b->out_h;
    /* A window manager that resizes the window later gets the frame scaled to fit. */
    SDL_RenderSetLogicalSize(b->renderer, b->out_w, b->out_h);
    if (!make_tiles(b, err)) {
        destroy(b);
        return NULL;
    }
    return b;
}

/* Copies rows [y0, y1) of the frame into the tiles that hold them. */
static bool upload(struct backend *b, const struct backend_frame *f, int y0, int y1,
                   struct error *err)
{
    for (int i = 0; i < b->n_tiles; i++) {
        struct tile *t = &b->tiles[i];
        int a = y0 > t->y ? y0 : t->y, z = y1 < t->y + t->h ? y1 : t->y + t->h;
        if (a >= z)
            continue;
        SDL_Rect r = {0, a - t->y, t->w, z - a};
        const char *src = (const char *)f->pixels + (size_t)a * (size_t)f->pitch + (size_t)t->x * 4;
        if (SDL_UpdateTexture(t->tex, &r, src, f->pitch) != 0)
            return error_set(err, "uploading a frame failed: %s", SDL_GetError());
    }
    return true;
}

/* Draws tile t (or its rows [y0, y1) when unturned) turned about the screen's centre. */
static void draw_tile(struct backend *b, const struct tile *t, int y0, int y1)
{
    if (b->rotation == 0) {
        int a = y0 > t->y ? y0 : t->y, z = y1 < t->y + t->h ? y1 : t->y + t->h;
        if (a >= z)
            return;
        SDL_Rect src = {0, a - t->y, t->w, z - a};
        SDL_Rect dst = {t->x, a, t->w, z - a};
        SDL_RenderCopy(b->renderer, t->tex, &src, &dst);
        return;
    }
    /* The upright frame, centred on the screen, turned about the centre. Floats keep the
     * half-pixel offsets exact when width and height differ in parity. */
    float ox = (float)(b->out_w - b->frame_w) / 2.0f, oy = (float)(b->out_h - b->frame_h) / 2.0f;
    SDL_FRect dst = {ox + (float)t->x, oy + (float)t->y, (float)t->w, (float)t->h};
    SDL_FPoint centre = {(float)b->frame_w / 2.0f - (float)t->x,
                         (float)b->frame_h / 2.0f - (float)t->y};
    SDL_RenderCopyExF(b->renderer, t->tex, NULL, &dst, (double)b->rotation, &centre, SDL_FLIP_NONE);
}

static int64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* SDL's software renderer has no vsync to wait for; asked for one, its present sleeps to the
 * next whole millisecond period (16 ms at 60 Hz, not 16.7) on a timeline that it starts again
 * after a stall of a second. The direct present (below) does the same on the mode's true
 * period, so the crawl's pacing sees regular refresh periods. */
static void wait_vsync(struct backend *b)
{
    int hz = b->mode_hz >= 10 && b->mode_hz <= 1000 ? b->mode_hz : 60;
    int64_t period = 1000000000 / hz, now = mono_ns(), elapsed = now - b->vsync_last_ns;
    if (b->vsync_last_ns && elapsed >= 0 && elapsed < period) {
        int64_t due = b->vsync_last_ns + period;
        struct timespec ts = {(time_t)(due / 1000000000), (long)(due % 1000000000)};
        while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR) {
        }
        now = mono_ns();
        elapsed = now - b->vsync_last_ns;
    }
    if (!b->vsync_last_ns || elapsed < 0 || elapsed > 1000000000)
        b->vsync_last_ns = now;
    else
        b->vsync_last_ns += elapsed / period * period;
}

/*
 * The software renderer's fast path. Its present copies each changed row twice (into a
 * staging texture, then onto the window surface) and then sends the whole window to the X
 * server, 8 MB a frame at 1080p, though only the band moved. Here the changed rows go straight
 * onto the window surface (the frame's bytes are the surface's: ARGB8888, or RGB888 with the
 * top byte ignored) and only they are sent. Returns false when the surface cannot take the
 * frame as it is (another size after a window manager resized the window, another format):
 * then the renderer draws it, scaled. The pixels on screen are the same either way.
 */
static bool present_direct(struct backend *b, const struct backend_frame *f, int y0, int y1)
{
    SDL_Surface *s = SDL_GetWindowSurface(b->window);
    if (!s || SDL_MUSTLOCK(s) || s->w != b->frame_w || s->h != b->frame_h || !s->pixels ||
        (s->format->format != SDL_PIXELFORMAT_RGB888 &&
         s->format->format != SDL_PIXELFORMAT_ARGB8888))
        return false;
    for (int y = y0; y < y1; y++)
        memcpy((char *)s->pixels + (size_t)y * (size_t)s->pitch,
               (const char *)f->pixels + (size_t)y * (size_t)f->pitch, (size_t)b->frame_w * 4);
    if (y0 < y1) {
        SDL_Rect r = {0, y0, b->frame_w, y1 - y0};
        if (SDL_UpdateWindowSurfaceRects(b->window, &r, 1) != 0)
            return false;
    }
    wait_vsync(b);
    return true;
}

static bool win_present(struct backend *b, const struct backend_frame *f, struct error *err)
{
    if (b->powered_off)
        return true;
    bool full = b->need_full;
    int y0 = full ? 0 : f->dirty_y0, y1 = full ? b->frame_h : f->dirty_y1;
    if (b->direct && present_direct(b, f, y0, y1)) {
        b->need_full = false;
        return true;
    }
    if (b->staged) {
        /* The window surface still holds the previous frame: only what changed goes to it,
         * through the staging textures. */
        for (int y = y0; y < y1; y += STAGE_ROWS) {
            int n = y1 - y < STAGE_ROWS ? y1 - y : STAGE_ROWS;
            for (int i = 0; i < b->n_tiles; i++) {
                struct tile *t = &b->tiles[i];
                SDL_Rect src = {0, 0, t->w, n}, dst = {t->x, y, t->w, n};
                const char *px =
                    (const char *)f->pixels + (size_t)y * (size_t)f->pitch + (size_t)t->x * 4;
                if (SDL_UpdateTexture(t->tex, &src, px, f->pitch) != 0)
                    return error_set(err, "uploading a frame failed: %s", SDL_GetError());
                SDL_RenderCopy(b->renderer, t->tex, &src, &dst);
            }
        }
    } else if (y0 < y1 && !upload(b, f, y0, y1, err)) {
        return false;
    }
    if (b->staged) {
        /* drawn above */
    } else {
        SDL_SetRenderDrawColor(b->renderer, 0, 0, 0, 255);
        SDL_RenderClear(b->renderer);
        for (int i = 0; i < b->n_tiles; i++)
            draw_tile(b, &b->tiles[i], 0, b->frame_h);
    }
    SDL_RenderPresent(b->renderer);
    b->need_full = false;
    return true;
}

static bool win_close(struct backend *b, struct error *err)
{
    (void)err;
    if (b)
        destroy(b);
    return true;
}

const struct backend_ops window_backend = {"window", win_open, win_present, win_close};

void window_frame_size(const struct backend *b, int *w, int *h)
{
    *w = b->frame_w;
    *h = b->frame_h;
}

int window_mode_hz(const struct backend *b)
{
    return b->mode_hz;
}

int window_max_texture_w(const struct backend *b)
{
    return b->max_tex_w;
}

const char *window_video_driver(const struct backend *b)
{
    return b->driver;
}

const char *window_renderer(const struct backend *b)
{
    return b->renderer_name;
}

static void add_key(struct window_input *in, enum window_key k)
{
    if (in->n_keys < WINDOW_MAX_KEYS)
        in->keys[in->n_keys++] = k;
}

void window_poll(struct backend *b, struct window_input *in)
{
    memset(in, 0, sizeof *in);
    SDL_Event e;
    while (SDL_PollEvent(&e)) {
        switch (e.type) {
        case SDL_QUIT:
            in->quit = true;
            break;
        case SDL_KEYDOWN:
            if (e.key.repeat)
                break;
            switch (e.key.keysym.sym) {
            case SDLK_SPACE:
                add_key(in, WINDOW_KEY_PAUSE);
                break;
            case SDLK_LEFT:
                add_key(in, WINDOW_KEY_LEFT);
                break;
            case SDLK_RIGHT:
                add_key(in, WINDOW_KEY_RIGHT);
                break;
            case SDLK_r:
                add_key(in, WINDOW_KEY_REFRESH);
                break;
            case SDLK_q:
            case SDLK_ESCAPE:
                /* A kiosk in fullscreen must not be closed by a stray key. */
                if (!b->fullscreen)
                    add_key(in, WINDOW_KEY_QUIT);
                break;
            default:
                break;
            }
            break;
        case SDL_WINDOWEVENT:
            if (e.window.event == SDL_WINDOWEVENT_EXPOSED ||
                e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED ||
                e.window.event == SDL_WINDOWEVENT_RESTORED ||
                e.window.event == SDL_WINDOWEVENT_SHOWN)
                b->need_full = true;
            break;
        case SDL_RENDER_TARGETS_RESET:
            b->need_full = true;
            break;
        case SDL_RENDER_DEVICE_RESET: {
            /* Every texture is gone; make them again, or give up this process. */
            struct error err = {0};
            if (!make_tiles(b, &err)) {
                in->lost = true;
                snprintf(in->lost_why, sizeof in->lost_why, "the renderer was reset: %.120s",
                         err.msg);
            }
            break;
        }
        case SDL_DISPLAYEVENT:
            if (e.display.event == SDL_DISPLAYEVENT_DISCONNECTED &&
                (int)e.display.display == SDL_GetWindowDisplayIndex(b->window)) {
                in->lost = true;
                snprintf(in->lost_why, sizeof in->lost_why, "display %u was disconnected",
                         e.display.display);
            } else {
                b->need_full = true;
            }
            break;
        default:
            break;
        }
    }
}

/* SDL's DRM file descriptor on KMSDRM, else -1. */
static int drm_fd_of(struct backend *b)
{
#ifdef SDL_VIDEO_DRIVER_KMSDRM
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (SDL_GetWindowWMInfo(b->window, &info) && info.subsystem == SDL_SYSWM_KMSDRM)
        return info.info.kmsdrm.drm_fd;
#else
    (void)b;
#endif
    return -1;
}

bool window_set_power(struct backend *b, bool on, bool dpms, struct error *err)
{
    bool ok = true;
    if (!on && !b->powered_off) {
        /* Blank first: where DPMS is refused the screen is at least black. */
        SDL_SetRenderDrawColor(b->renderer, 0, 0, 0, 255);
        SDL_RenderClear(b->renderer);
        SDL_RenderPresent(b->renderer);
        b->powered_off = true;
        if (dpms && !strcmp(b->driver, "KMSDRM"))
            ok = dpms_set(drm_fd_of(b), false, err) > 0;
    } else if (on && b->powered_off) {
        if (dpms && !strcmp(b->driver, "KMSDRM"))
            ok = dpms_set(drm_fd_of(b), true, err) > 0;
        b->powered_off = false;
        b->need_full = true;
    }
    return ok;
}
