/* Story pictures on the wall display (run_pictures.h). */
#include "app/display/run_pictures.h"

#include "core/log.h"
#include "core/util.h"
#include "io/picture_loader.h"

#include <stdlib.h>

struct runpictures {
    struct picture_loader *loader;
    struct scene_pictures source;
};

static enum scene_picture_state get(void *ctx, const char *id, const char *src, int w, int h,
                                    struct picture **out)
{
    struct runpictures *rp = ctx;
    switch (picture_loader_get(rp->loader, id, src, w, h, out)) {
    case PICTURE_LOADER_READY:
        return SCENE_PICTURE_READY;
    case PICTURE_LOADER_PENDING:
        return SCENE_PICTURE_PENDING;
    case PICTURE_LOADER_NONE:
        break;
    }
    return SCENE_PICTURE_NONE;
}

struct runpictures *runpictures_open(const char *cache_path)
{
    struct error err = {0};
    struct picture_loader *l = picture_loader_new(cache_path, &err);
    if (!l) {
        log_warn("run", "no story pictures: %s", err.msg);
        return NULL;
    }
    struct runpictures *rp = xcalloc(1, sizeof *rp);
    rp->loader = l;
    rp->source = (struct scene_pictures){get, rp};
    return rp;
}

const struct scene_pictures *runpictures_source(struct runpictures *rp)
{
    return rp ? &rp->source : NULL;
}

void runpictures_close(struct runpictures *rp)
{
    if (!rp)
        return;
    picture_loader_free(rp->loader);
    free(rp);
}
