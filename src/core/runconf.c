/*
 * Reading the runtime's configuration keys. A bad value is an error at the value; an unknown
 * key inside "schedule" or "status" is a warning naming the closest known key, as config.c does
 * for its own objects.
 */
#include "core/runconf.h"

#include "core/config.h"
#include "core/util.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define MAX_FETCH_AGE_LIMIT (30LL * 24 * 3600)

static const char *const top_keys[] = {"schedule", "keys", "status", NULL};
static const char *const schedule_keys[] = {"off", "on",  "mon",  "tue", "wed",        "thu", "fri",
                                            "sat", "sun", "dpms", "cec", "poll_scale", NULL};
static const char *const status_keys[] = {"max_fetch_age", NULL};

void runconf_default(struct runconf *r)
{
    *r = (struct runconf){.keys = true, .max_fetch_age = RUNCONF_DEFAULT_MAX_FETCH_AGE};
    night_default(&r->schedule);
}

bool runconf_is_key(const char *key)
{
    for (size_t i = 0; top_keys[i]; i++)
        if (!strcmp(key, top_keys[i]))
            return true;
    return false;
}

struct reader {
    runconf_report_fn *report;
    void *ctx;
    const char *path[4];
    size_t depth;
    int errors;
};

__attribute__((format(printf, 4, 5))) static void say(struct reader *r, bool error, bool at_key,
                                                      const char *fmt, ...)
{
    char msg[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (error)
        r->errors++;
    r->report(r->ctx, error, r->path, r->depth, at_key, msg);
}

static void push(struct reader *r, const char *key)
{
    if (r->depth < ARRAY_LEN(r->path))
        r->path[r->depth++] = key;
}

static void pop(struct reader *r)
{
    if (r->depth)
        r->depth--;
}

static void unknown(struct reader *r, const char *key, const char *const *known, const char *in)
{
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    for (size_t i = 0; known[i]; i++) {
        size_t d = config_edit_distance(key, known[i]);
        if (d < best_d) {
            best_d = d;
            best = known[i];
        }
    }
    if (best && best_d <= 2)
        say(r, false, true, "unknown key \"%s\" in \"%s\" (did you mean \"%s\"?)", key, in, best);
    else
        say(r, false, true, "unknown key \"%s\" in \"%s\"", key, in);
}

static bool is_known(const char *key, const char *const *known)
{
    for (size_t i = 0; known[i]; i++)
        if (!strcmp(key, known[i]))
            return true;
    return false;
}

static int weekday_of(const char *key)
{
    for (int d = 0; d < 7; d++)
        if (!strcmp(key, night_weekday_name(d)))
            return d;
    return -1;
}

/* An "on"/"off" pair inside obj (the schedule or a day). false after an error or when absent
 * (*present says which). */
static bool read_times(struct reader *r, const cJSON *obj, struct night_day *out, bool *present)
{
    const cJSON *on = cJSON_GetObjectItemCaseSensitive(obj, "on");
    const cJSON *off = cJSON_GetObjectItemCaseSensitive(obj, "off");
    *present = on || off;
    if (!on && !off)
        return false;
    if (!on || !off) {
        push(r, on ? "on" : "off");
        say(r, true, true, "\"%s\" needs \"%s\" too: give both times of the day", on ? "on" : "off",
            on ? "off" : "on");
        pop(r);
        return false;
    }
    int t[2];
    const cJSON *v[2] = {on, off};
    const char *names[2] = {"on", "off"};
    bool ok = true;
    for (int i = 0; i < 2; i++) {
        push(r, names[i]);
        if (!cJSON_IsString(v[i]) || !night_parse_time(v[i]->valuestring, &t[i])) {
            say(r, true, false, "\"%s\" must be a time of day \"HH:MM\" (00:00 to 24:00)",
                names[i]);
            ok = false;
        }
        pop(r);
    }
    if (!ok)
        return false;
    if (t[0] % NIGHT_DAY_SECONDS == t[1] % NIGHT_DAY_SECONDS) {
        push(r, "off");
        say(r, true, false,
            "\"on\" and \"off\" are the same time; leave the schedule out to stay on");
        pop(r);
        return false;
    }
    *out = (struct night_day){.kind = NIGHT_DAY_TIMES, .on_s = t[0], .off_s = t[1]};
    return true;
}

static void read_schedule(struct reader *r, const cJSON *v, struct night_schedule *out)
{
    if (cJSON_IsNull(v)) {
        struct night_schedule def;
        night_default(&def);
        *out = def;
        return;
    }
    if (!cJSON_IsObject(v)) {
        say(r, true, false,
            "\"schedule\" must be an object such as {\"off\": \"23:00\", \"on\": \"06:30\"}");
        return;
    }
    struct night_schedule s;
    night_default(&s);
    bool present;
    struct night_day every;
    int before = r->errors;
    if (read_times(r, v, &every, &present))
        for (int d = 0; d < 7; d++)
            s.day[d] = every;
    for (const cJSON *m = v->child; m; m = m->next) {
        const char *key = m->string;
        if (key[0] == '_' || !strcmp(key, "on") || !strcmp(key, "off"))
            continue;
        push(r, key);
        int wd = weekday_of(key);
        if (!is_known(key, schedule_keys)) {
            unknown(r, key, schedule_keys, "schedule");
        } else if (wd >= 0) {
            if (cJSON_IsString(m) && !strcmp(m->valuestring, "on")) {
                s.day[wd] = (struct night_day){.kind = NIGHT_DAY_ON};
            } else if (cJSON_IsString(m) && !strcmp(m->valuestring, "off")) {
                s.day[wd] = (struct night_day){.kind = NIGHT_DAY_OFF};
            } else if (cJSON_IsObject(m)) {
                struct night_day d;
                if (read_times(r, m, &d, &present))
                    s.day[wd] = d;
                else if (!present)
                    say(r, true, false, "\"%s\" needs \"on\" and \"off\" times", key);
                for (const cJSON *k = m->child; k; k = k->next)
                    if (k->string[0] != '_' && strcmp(k->string, "on") &&
                        strcmp(k->string, "off")) {
                        push(r, k->string);
                        say(r, false, true,
                            "unknown key \"%s\" in \"%s\" (only \"on\" and \"off\")", k->string,
                            key);
                        pop(r);
                    }
            } else {
                say(r, true, false,
                    "\"%s\" must be {\"on\": \"HH:MM\", \"off\": \"HH:MM\"}, \"on\" (all day) or "
                    "\"off\" (all day)",
                    key);
            }
        } else if (!strcmp(key, "dpms")) {
            if (!cJSON_IsBool(m))
                say(r, true, false, "\"dpms\" must be true or false");
            else
                s.dpms = cJSON_IsTrue(m);
        } else if (!strcmp(key, "cec")) {
            if (!cJSON_IsBool(m))
                say(r, true, false, "\"cec\" must be true or false");
            else
                s.cec = cJSON_IsTrue(m);
        } else if (!strcmp(key, "poll_scale")) {
            double d = cJSON_IsNumber(m) ? m->valuedouble : 0;
            if (!cJSON_IsNumber(m) || d < 1 || d > 100 || (double)(int)d != d)
                say(r, true, false, "\"poll_scale\" must be a whole number from 1 to 100");
            else
                s.poll_scale = (int)d;
        }
        pop(r);
    }
    if (r->errors > before)
        return;
    s.enabled = false;
    for (int d = 0; d < 7; d++)
        if (s.day[d].kind != NIGHT_DAY_ON)
            s.enabled = true;
    *out = s;
}

static void read_status(struct reader *r, const cJSON *v, struct runconf *out)
{
    if (!cJSON_IsObject(v)) {
        say(r, true, false, "\"status\" must be an object such as {\"max_fetch_age\": 21600}");
        return;
    }
    for (const cJSON *m = v->child; m; m = m->next) {
        if (m->string[0] == '_')
            continue;
        push(r, m->string);
        if (!is_known(m->string, status_keys)) {
            unknown(r, m->string, status_keys, "status");
        } else {
            double d = cJSON_IsNumber(m) ? m->valuedouble : -1;
            if (!(d >= 0 && d <= (double)MAX_FETCH_AGE_LIMIT) || (double)(int64_t)d != d)
                say(r, true, false,
                    "\"max_fetch_age\" must be a number of seconds from 0 (never) to %lld",
                    MAX_FETCH_AGE_LIMIT);
            else
                out->max_fetch_age = (int64_t)d;
        }
        pop(r);
    }
}

void runconf_read(struct runconf *r, const char *key, const struct cJSON *v,
                  runconf_report_fn *report, void *ctx)
{
    struct reader rd = {.report = report, .ctx = ctx};
    if (!strcmp(key, "schedule")) {
        read_schedule(&rd, v, &r->schedule);
    } else if (!strcmp(key, "keys")) {
        if (!cJSON_IsBool(v))
            say(&rd, true, false, "\"keys\" must be true or false");
        else
            r->keys = cJSON_IsTrue(v);
    } else if (!strcmp(key, "status")) {
        read_status(&rd, v, r);
    }
}

void runconf_to_json(const struct runconf *r, struct cJSON *obj)
{
    const struct night_schedule *s = &r->schedule;
    if (s->enabled) {
        cJSON *o = cJSON_AddObjectToObject(obj, "schedule");
        char a[8], b[8];
        for (int d = 1; d <= 7; d++) { /* Monday first, as people write weeks */
            const struct night_day *day = &s->day[d % 7];
            const char *name = night_weekday_name(d % 7);
            if (day->kind == NIGHT_DAY_ON) {
                cJSON_AddStringToObject(o, name, "on");
            } else if (day->kind == NIGHT_DAY_OFF) {
                cJSON_AddStringToObject(o, name, "off");
            } else {
                cJSON *j = cJSON_AddObjectToObject(o, name);
                cJSON_AddStringToObject(j, "off", night_format_time(b, sizeof b, day->off_s));
                cJSON_AddStringToObject(j, "on", night_format_time(a, sizeof a, day->on_s));
            }
        }
        cJSON_AddBoolToObject(o, "dpms", s->dpms);
        cJSON_AddBoolToObject(o, "cec", s->cec);
        cJSON_AddNumberToObject(o, "poll_scale", s->poll_scale);
    }
    cJSON_AddBoolToObject(obj, "keys", r->keys);
    cJSON *st = cJSON_AddObjectToObject(obj, "status");
    cJSON_AddNumberToObject(st, "max_fetch_age", (double)r->max_fetch_age);
}
