/*
 * SDL's software renderer on an ARGB8888 surface: what the window path does per frame (upload
 * the rows that changed, copy them, present), so its cost can be measured anywhere.
 */
#include "render/software.h"

#include "core/util.h"

#include <SDL.h>

struct backend {
    int w, h;
    SDL_Surface *surf;
    SDL_Renderer *r;
    SDL_Texture *tex;
};

static void sw_free(struct backend *b)
{
    if (b->tex)
        SDL_DestroyTexture(b->tex);
    if (b->r)
        SDL_DestroyRenderer(b->r);
    if (b->surf)
        SDL_FreeSurface(b->surf);
    free(b);
    SDL_Quit();
}

static struct backend *sw_open(const struct backend_options *opt, struct error *err)
{
    if (SDL_Init(0) != 0) {
        error_set(err, "SDL_Init: %s", SDL_GetError());
        return NULL;
    }
    struct backend *b = xcalloc(1, sizeof *b);
    b->w = opt->width;
    b->h = opt->height;
    b->surf = SDL_CreateRGBSurfaceWithFormat(0, b->w, b->h, 32, SDL_PIXELFORMAT_ARGB8888);
    b->r = b->surf ? SDL_CreateSoftwareRenderer(b->surf) : NULL;
    b->tex = b->r ? SDL_CreateTexture(b->r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING,
                                      b->w, b->h)
                  : NULL;
    if (!b->tex) {
        error_set(err, "software renderer: %s", SDL_GetError());
        sw_free(b);
        return NULL;
    }
    return b;
}

static bool sw_present(struct backend *b, const struct backend_frame *f, struct error *err)
{
    if (f->dirty_y0 < f->dirty_y1) {
        SDL_Rect rr = {0, f->dirty_y0, b->w, f->dirty_y1 - f->dirty_y0};
        const char *rows = (const char *)f->pixels + (size_t)f->dirty_y0 * (size_t)f->pitch;
        if (SDL_UpdateTexture(b->tex, &rr, rows, f->pitch) != 0 ||
            SDL_RenderCopy(b->r, b->tex, &rr, &rr) != 0)
            return error_set(err, "software renderer: %s", SDL_GetError());
    }
    SDL_RenderPresent(b->r);
    return true;
}

static bool sw_close(struct backend *b, struct error *err)
{
    (void)err;
    sw_free(b);
    return true;
}

const struct backend_ops software_backend = {
    .name = "software",
    .open = sw_open,
    .present = sw_present,
    .close = sw_close,
};
