/*
 * The wall display's status (docs/display.md, "Status"): what `ticker run` writes to its status
 * file every RUNCONF_STATUS_INTERVAL seconds, what `ticker status` prints for people, and the
 * rules by which `ticker status --check` calls the display unhealthy.
 *
 * The file is one JSON object, versioned ("format": 1); its fields are documented in
 * docs/display.md. Readers ignore fields they do not know, so later versions may add some.
 *
 * Pure: times are arguments (Unix seconds); no I/O. Thread-safe (a struct health belongs to
 * its owner).
 */
#ifndef TICKER_CORE_HEALTH_H
#define TICKER_CORE_HEALTH_H

#include "core/error.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HEALTH_FORMAT 1

/* What the screen is doing. */
enum health_display {
    HEALTH_STARTING, /* no frame presented yet */
    HEALTH_ON,       /* frames are being presented */
    HEALTH_NIGHT,    /* switched off by the night schedule: no frames expected */
    HEALTH_PAUSED,   /* an operator paused the crawl (frames still presented) */
};

/* "starting", "on", "night", "paused" */
const char *health_display_str(enum health_display d);

struct health_feed {
    char *name;
    char *state;          /* story_feed_state_str: "waiting", "fetching", "ok", "failed", "gone" */
    char *detail;         /* the last error or a note for people; NULL for none */
    int64_t last_success; /* Unix seconds, 0 = never */
    int64_t next_poll;    /* Unix seconds, 0 = unknown */
    int64_t items;        /* stories of this feed on screen */
};

struct health {
    char version[32];
    int64_t pid;
    int64_t started; /* Unix seconds */
    int64_t written; /* Unix seconds: when this status was made */
    enum health_display display;
    int64_t night_change; /* Unix seconds of the next night-schedule switch, 0 = none */
    /* Frames over the last status period. */
    double fps;
    double frame_p99_ms; /* 99th percentile of the time between presented frames */
    double work_p99_ms;  /* 99th percentile of the time spent making a frame before presenting */
    uint64_t frames;     /* presented since the start */
    uint64_t dropped;    /* refresh periods missed since the start */
    int64_t last_frame;  /* Unix seconds of the last presented frame, 0 = none */
    double refresh_hz;   /* measured from presents */
    int width, height;   /* the screen, after rotation */
    int rotation;        /* degrees */
    char video_driver[32], renderer[32];
    /* News. */
    int64_t items;         /* stories in the crawl */
    int64_t last_success;  /* Unix seconds of the last successful fetch, 0 = never */
    int64_t offline_since; /* Unix seconds since no feed is reachable, 0 = online */
    int64_t cache_bytes;   /* size of the cache file, -1 = unknown */
    struct health_feed *feeds;
    size_t n_feeds;
    /* The thresholds `--check` applies (from the configuration of the running display). */
    int64_t max_frame_age; /* seconds */
    int64_t max_fetch_age; /* seconds; 0 = not checked */
};

/* Frees what h owns and zeroes it. */
void health_clear(struct health *h);

/* The status as a JSON document (new string, free()). */
char *health_to_json(const struct health *h);

/*
 * Reads a status document into *out (health_clear it). false with a message in err (with the
 * line and column where the JSON breaks) when it is not a status file of a known format.
 */
bool health_parse(const char *buf, size_t len, struct health *out, struct error *err);

/* What is wrong with the display at now (Unix seconds). */
struct health_problems {
    char msg[4][160];
    size_t n;
};

/*
 * Checks the rules of `ticker status --check`: the status file is stale (older than
 * max_frame_age: the program is not running or is stuck), no frame for max_frame_age seconds
 * while the screen should be on, no successful fetch for max_fetch_age seconds (counted from
 * the start when there never was one). Returns true when healthy; otherwise the reasons are in
 * *out.
 */
bool health_check(const struct health *h, int64_t now, struct health_problems *out);

/* A human-readable report of h at now (several lines, new string, free()). */
char *health_report(const struct health *h, int64_t now);

#endif
