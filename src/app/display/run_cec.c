/*
 * HDMI-CEC through libcec's C API, loaded at run time (run_cec.h). Each switch is one short
 * session: initialise, find the adapters, open the first, standby or power on the TV, close,
 * destroy. Holding the adapter open all night would gain nothing but a thread of libcec's own
 * running for hours.
 */
#include "app/display/run_cec.h"

#include "core/error.h"
#include "core/log.h"
#include "core/util.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The library and what to install when it is missing (Debian's package name). */
#define CEC_LIBRARY "libcec.so.6"
#define CEC_PACKAGE "libcec6"
/* How long libcec may take to open the adapter (its own timeout, in ms). */
#define CEC_OPEN_TIMEOUT_MS 10000
/* How long runcec_stop waits for the thread. */
#define CEC_STOP_WAIT_MS 500

/*
 * The part of libcec's C API used here, declared by hand so that building needs no libcec
 * headers. They match libcec 6.0.2 (include/libcec/cecc.h and cectypes.h of Debian bookworm's
 * libcec-dev 6.0.2-5); the soname changes when the ABI does, and only libcec.so.6 is loaded.
 * Enumerations are C enums there, so int here.
 */
enum {
    CECABI_OSD_NAME_SIZE = 15,     /* LIBCEC_OSD_NAME_SIZE (libcec 5 and later) */
    CECABI_TYPE_RECORDING = 1,     /* CEC_DEVICE_TYPE_RECORDING_DEVICE, cec-client's default */
    CECABI_TYPE_RESERVED = 2,      /* an unused entry of the device type list */
    CECABI_ADDR_TV = 0,            /* CECDEVICE_TV */
    CECABI_ADDR_UNREGISTERED = 15, /* CECDEVICE_UNREGISTERED: an empty address list */
    CECABI_PATH_SIZE = 1024,       /* cec_adapter.path and .comm */
};

struct cecabi_addresses { /* cec_logical_addresses */
    int primary;
    int addresses[16];
};

struct cecabi_configuration { /* libcec_configuration, field for field */
    uint32_t client_version;
    char device_name[CECABI_OSD_NAME_SIZE];
    int device_types[5];
    uint8_t autodetect_address;
    uint16_t physical_address;
    int base_device;
    uint8_t hdmi_port;
    uint32_t tv_vendor;
    struct cecabi_addresses wake_devices;
    struct cecabi_addresses power_off_devices;
    uint32_t server_version;
    uint8_t get_settings_from_rom;
    uint8_t activate_source;
    uint8_t power_off_on_standby;
    void *callback_param;
    void *callbacks;
    struct cecabi_addresses logical_addresses;
    uint16_t firmware_version;
    char device_language[3];
    uint32_t firmware_build_date;
    uint8_t monitor_only;
    int cec_version;
    int adapter_type;
    int combo_key;
    uint32_t combo_key_timeout_ms;
    uint32_t button_repeat_rate_ms;
    uint32_t button_release_delay_ms;
    uint32_t double_tap_timeout_ms;
    uint8_t auto_wake_avr;
    uint8_t auto_power_on;
};

/* Room to spare, should a libcec 6.x grow the structure at its end. */
union cecabi_configuration_room {
    struct cecabi_configuration c;
    unsigned char room[2048];
};

struct cecabi_adapter { /* cec_adapter */
    char path[CECABI_PATH_SIZE];
    char comm[CECABI_PATH_SIZE];
};

struct cecabi_api {
    void (*clear_configuration)(struct cecabi_configuration *);
    void *(*initialise)(struct cecabi_configuration *);
    void (*init_video_standalone)(void *);
    int8_t (*find_adapters)(void *, struct cecabi_adapter *, uint8_t, const char *);
    int (*open)(void *, const char *, uint32_t);
    int (*power_on_devices)(void *, int);
    int (*standby_devices)(void *, int);
    int (*set_active_source)(void *, int);
    void (*close)(void *);
    void (*destroy)(void *);
};

enum { WANT_NONE = -1 };

struct runcec {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int want;       /* WANT_NONE, 0 standby, 1 on: the newest request not yet taken */
    bool stop;      /* runcec_stop was called */
    bool exited;    /* the thread has returned from its loop */
    bool abandoned; /* runcec_stop gave up waiting: the thread frees the struct */
    /* The thread's own. */
    const char *library;
    void *lib;   /* loaded once, never unloaded (see load) */
    bool failed; /* lib lacks the API */
    struct cecabi_api api;
    char warned[sizeof((struct error *)0)->msg]; /* the last problem logged as a warning */
};

static bool resolve(void *lib, const char *name, void *fn, size_t fn_size)
{
    void *p = dlsym(lib, name);
    if (!p || fn_size != sizeof p)
        return false;
    memcpy(fn, &p, sizeof p); /* POSIX: a data pointer from dlsym holds a function's address */
    return true;
}

#define RESOLVE(c, field, name) resolve((c)->lib, name, &(c)->api.field, sizeof(c)->api.field)

static bool load(struct runcec *c, struct error *err)
{
    if (c->failed)
        return error_set(err, "%s has no libcec 6 C API", c->library);
    if (c->lib)
        return true;
    c->lib = dlopen(c->library, RTLD_NOW | RTLD_LOCAL);
    if (!c->lib)
        return error_set(err, "%s not found (apt install %s)", c->library, CEC_PACKAGE);
    const char *missing = NULL;
    if (!RESOLVE(c, clear_configuration, "libcec_clear_configuration"))
        missing = "libcec_clear_configuration";
    else if (!RESOLVE(c, initialise, "libcec_initialise"))
        missing = "libcec_initialise";
    else if (!RESOLVE(c, init_video_standalone, "libcec_init_video_standalone"))
        missing = "libcec_init_video_standalone";
    else if (!RESOLVE(c, find_adapters, "libcec_find_adapters"))
        missing = "libcec_find_adapters";
    else if (!RESOLVE(c, open, "libcec_open"))
        missing = "libcec_open";
    else if (!RESOLVE(c, power_on_devices, "libcec_power_on_devices"))
        missing = "libcec_power_on_devices";
    else if (!RESOLVE(c, standby_devices, "libcec_standby_devices"))
        missing = "libcec_standby_devices";
    else if (!RESOLVE(c, set_active_source, "libcec_set_active_source"))
        missing = "libcec_set_active_source";
    else if (!RESOLVE(c, close, "libcec_close"))
        missing = "libcec_close";
    else if (!RESOLVE(c, destroy, "libcec_destroy"))
        missing = "libcec_destroy";
    if (missing) {
        /* Loaded for nothing, but never unloaded: a C++ library may have left threads or
         * destructors behind. */
        c->failed = true;
        return error_set(err, "%s has no %s: not the libcec 6 C API", c->library, missing);
    }
    return true;
}

/* One session: the TV on (and this device its source) or to standby. */
static bool send_power(struct runcec *c, bool on, struct error *err)
{
    if (!load(c, err))
        return false;
    union cecabi_configuration_room cfg;
    memset(&cfg, 0, sizeof cfg);
    c->api.clear_configuration(&cfg.c); /* libcec's defaults, its client version among them */
    snprintf(cfg.c.device_name, sizeof cfg.c.device_name, "Ticker");
    for (int i = 0; i < 5; i++)
        cfg.c.device_types[i] = CECABI_TYPE_RESERVED;
    cfg.c.device_types[0] = CECABI_TYPE_RECORDING;
    /* Opening the adapter must not wake the TV or take its input: only the request does. */
    cfg.c.activate_source = 0;
    cfg.c.wake_devices = (struct cecabi_addresses){.primary = CECABI_ADDR_UNREGISTERED};
    cfg.c.callbacks = NULL;
    cfg.c.callback_param = NULL;
    void *h = c->api.initialise(&cfg.c);
    if (!h)
        return error_set(err, "libcec_initialise failed");
    /* The Raspberry Pi firmware's CEC needs this before adapters are looked for; elsewhere it
     * does nothing. */
    c->api.init_video_standalone(h);
    struct cecabi_adapter *ad = xcalloc(4, sizeof *ad);
    int8_t n = c->api.find_adapters(h, ad, 4, NULL);
    bool ok = false;
    if (n <= 0) {
        error_set(err, "no CEC adapter found");
    } else if (!c->api.open(h, ad[0].comm, CEC_OPEN_TIMEOUT_MS)) {
        ad[0].comm[sizeof ad[0].comm - 1] = '\0';
        error_set(err, "cannot open the CEC adapter %s", ad[0].comm);
    } else {
        if (on) {
            ok = c->api.power_on_devices(h, CECABI_ADDR_TV) != 0;
            if (ok)
                c->api.set_active_source(h, CECABI_TYPE_RESERVED); /* best effort */
        } else {
            ok = c->api.standby_devices(h, CECABI_ADDR_TV) != 0;
        }
        if (!ok) /* one message for both, so a TV that never answers is one warning */
            error_set(err, "the TV (logical address 0) did not acknowledge the command");
        c->api.close(h);
    }
    free(ad);
    c->api.destroy(h);
    return ok;
}

static void *cec_thread(void *arg)
{
    struct runcec *c = arg;
    pthread_mutex_lock(&c->mu);
    for (;;) {
        while (!c->stop && c->want == WANT_NONE)
            pthread_cond_wait(&c->cv, &c->mu);
        if (c->stop)
            break;
        bool on = c->want == 1;
        c->want = WANT_NONE;
        pthread_mutex_unlock(&c->mu);
        struct error err = {0};
        if (send_power(c, on, &err)) {
            log_info("run", "HDMI-CEC: %s sent to the TV", on ? "power on" : "standby");
            c->warned[0] = '\0';
        } else if (strcmp(err.msg, c->warned)) {
            /* Once per problem: a missing library or adapter is not news every night. */
            log_warn("run", "HDMI-CEC: %s; going on without it (DPMS and a blank picture)",
                     err.msg);
            snprintf(c->warned, sizeof c->warned, "%s", err.msg);
        } else {
            log_debug("run", "HDMI-CEC: %s", err.msg);
        }
        pthread_mutex_lock(&c->mu);
    }
    c->exited = true;
    bool abandoned = c->abandoned;
    pthread_cond_broadcast(&c->cv);
    pthread_mutex_unlock(&c->mu);
    if (abandoned) {
        /* runcec_stop has returned: nobody else holds c. The library stays loaded (a
         * thread of libcec's may still be winding down). */
        pthread_cond_destroy(&c->cv);
        pthread_mutex_destroy(&c->mu);
        free(c);
    }
    return NULL;
}

struct runcec *runcec_start(void)
{
    struct runcec *c = xcalloc(1, sizeof *c);
    c->want = WANT_NONE;
    c->library = CEC_LIBRARY;
    /* Test hook: another library name (tests/app/run_night.sh: a missing one). */
    const char *hooks = getenv("TICKER_TEST_HOOKS"), *lib = getenv("TICKER_TEST_CEC_LIBRARY");
    if (hooks && !strcmp(hooks, "1") && lib && *lib)
        c->library = lib;
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&c->cv, &ca);
    pthread_condattr_destroy(&ca);
    pthread_mutex_init(&c->mu, NULL);
    int rc = pthread_create(&c->thread, NULL, cec_thread, c);
    if (rc) {
        log_warn("run",
                 "HDMI-CEC: no thread for it (%s); going on without it (DPMS and a blank picture)",
                 strerror(rc));
        pthread_cond_destroy(&c->cv);
        pthread_mutex_destroy(&c->mu);
        free(c);
        return NULL;
    }
    return c;
}

void runcec_power(struct runcec *c, bool on)
{
    if (!c)
        return;
    pthread_mutex_lock(&c->mu);
    c->want = on ? 1 : 0;
    pthread_cond_broadcast(&c->cv);
    pthread_mutex_unlock(&c->mu);
}

void runcec_stop(struct runcec *c)
{
    if (!c)
        return;
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_nsec += CEC_STOP_WAIT_MS * 1000000L;
    until.tv_sec += until.tv_nsec / 1000000000L;
    until.tv_nsec %= 1000000000L;
    pthread_mutex_lock(&c->mu);
    c->stop = true;
    pthread_cond_broadcast(&c->cv);
    while (!c->exited)
        if (pthread_cond_timedwait(&c->cv, &c->mu, &until))
            break;
    bool exited = c->exited;
    pthread_t thread = c->thread;
    if (!exited)
        c->abandoned = true; /* from here on the thread frees c */
    pthread_mutex_unlock(&c->mu);
    if (!exited) {
        pthread_detach(thread);
        log_warn("run", "HDMI-CEC: an exchange is still in progress; not waiting for it");
        return;
    }
    pthread_join(thread, NULL);
    pthread_cond_destroy(&c->cv);
    pthread_mutex_destroy(&c->mu);
    free(c); /* the library stays loaded (see load) */
}
