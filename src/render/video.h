/*
 * The "video" back end (render/backend.h): every presented frame is piped, as raw BGRA pixels,
 * to an ffmpeg process that encodes it into opt->video_path at fps / every frames per second,
 * so the file plays in real time: H.264 (libx264, yuv420p, +faststart) for .mp4, VP9 (libvpx)
 * for .webm. ffmpeg is looked up in PATH when the back end is opened; without it, opening fails
 * with a message naming the Debian package (ffmpeg). Frames of odd width or height are padded
 * by one row or column (the video formats need even sizes).
 *
 * Thread: the render thread. SIGPIPE is blocked on that thread while frames are written, so an
 * ffmpeg that dies is an error returned by present or close, never a signal.
 */
#ifndef TICKER_RENDER_VIDEO_H
#define TICKER_RENDER_VIDEO_H

#include <stdbool.h>

#include "render/backend.h"

extern const struct backend_ops video_backend;

/* Whether path ends in .mp4 or .webm (any case): the containers the back end writes. */
bool video_path_supported(const char *path);

#endif
