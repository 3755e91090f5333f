/* DPMS through the DRM connector property (dpms.h). */
#include "render/dpms.h"

#include "core/util.h"

#include <errno.h>
#include <string.h>

#ifdef TICKER_HAVE_LIBDRM
#include <xf86drm.h>
#include <xf86drmMode.h>

/* The id of the connector property called name, or 0. */
static uint32_t prop_id(int fd, drmModeConnector *c, const char *name)
{
    for (int i = 0; i < c->count_props; i++) {
        drmModePropertyPtr p = drmModeGetProperty(fd, c->props[i]);
        if (!p)
            continue;
        bool match = !strcmp(p->name, name);
        uint32_t id = p->prop_id;
        drmModeFreeProperty(p);
        if (match)
            return id;
    }
    return 0;
}

int dpms_set(int drm_fd, bool on, struct error *err)
{
    if (drm_fd < 0) {
        error_set(err, "SDL gave no DRM file descriptor");
        return -1;
    }
    drmModeRes *res = drmModeGetResources(drm_fd);
    if (!res) {
        error_set(err, "cannot read the DRM resources: %s", strerror(errno));
        return -1;
    }
    int switched = 0, failed_errno = 0;
    for (int i = 0; i < res->count_connectors; i++) {
        drmModeConnector *c = drmModeGetConnector(drm_fd, res->connectors[i]);
        if (!c)
            continue;
        if (c->connection == DRM_MODE_CONNECTED && c->encoder_id) {
            uint32_t id = prop_id(drm_fd, c, "DPMS");
            if (id && drmModeConnectorSetProperty(drm_fd, c->connector_id, id,
                                                  on ? DRM_MODE_DPMS_ON : DRM_MODE_DPMS_OFF) == 0)
                switched++;
            else if (id)
                failed_errno = errno;
        }
        drmModeFreeConnector(c);
    }
    drmModeFreeResources(res);
    if (switched == 0) {
        if (failed_errno)
            error_set(err, "setting DPMS failed: %s", strerror(failed_errno));
        else
            error_set(err, "no connected display with a DPMS property");
        return -1;
    }
    return switched;
}

#else

int dpms_set(int drm_fd, bool on, struct error *err)
{
    (void)drm_fd;
    (void)on;
    error_set(err, "built without libdrm: DPMS is not available");
    return -1;
}

#endif
