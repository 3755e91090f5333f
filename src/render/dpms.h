/*
 * Switching a KMS display off and on through its DRM connector's "DPMS" property (the legacy
 * property SDL 2's KMSDRM driver leaves alone; it modesets with the legacy API too). Used by
 * the window back end for the night schedule; the file descriptor is SDL's own, which holds
 * DRM master, so no second open of the card is needed.
 *
 * Built without libdrm, dpms_set always fails with a message saying so.
 *
 * Thread: the render thread (the one that owns SDL).
 */
#ifndef TICKER_RENDER_DPMS_H
#define TICKER_RENDER_DPMS_H

#include "core/error.h"

#include <stdbool.h>
#include <stddef.h>

/*
 * Sets DPMS on or off on every connected connector that drives a CRTC of drm_fd. Returns the
 * number of connectors switched, or -1 with the reason in err.
 */
int dpms_set(int drm_fd, bool on, struct error *err);

#endif
