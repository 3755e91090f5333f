/* The table of back ends. */
#include "render/backend.h"
#include "render/headless.h"
#include "render/software.h"
#include "render/video.h"
#include "render/window.h"

#include <string.h>

static const struct backend_ops *const all[] = {&headless_backend, &software_backend,
                                                &video_backend, &window_backend};
static const char *const names[] = {"headless", "software", "video", "window", NULL};

const struct backend_ops *backend_find(const char *name)
{
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (!strcmp(all[i]->name, name))
            return all[i];
    return NULL;
}

const char *const *backend_names(void)
{
    return names;
}
