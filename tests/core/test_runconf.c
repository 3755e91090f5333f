/* The wall display's configuration keys ("schedule", "keys", "status") read through
 * config_parse: values, defaults, every error with its line and column, and the effective
 * configuration printed and read back. */
#include "check.h"
#include "core/config.h"

#include <stdlib.h>

#define H(h, m) ((h)*3600 + (m)*60)

static struct config *parse(const char *text, struct config_diags *d)
{
    *d = (struct config_diags){0};
    return config_parse(text, strlen(text), "c.json", NULL, d);
}

static void test_defaults(void)
{
    struct config_diags d;
    struct config *c = parse("{}", &d);
    CHECK(c != NULL);
    CHECK(!c->run.schedule.enabled);
    CHECK(c->run.keys);
    CHECK_INT(c->run.max_fetch_age, RUNCONF_DEFAULT_MAX_FETCH_AGE);
    CHECK_INT(c->run.schedule.poll_scale, 4);
    CHECK(c->run.schedule.dpms);
    CHECK(!c->run.schedule.cec);
    config_free(c);
    config_diags_free(&d);
}

static void test_values(void)
{
    struct config_diags d;
    struct config *c =
        parse("{\"schedule\": {\"off\": \"23:00\", \"on\": \"06:30\",\n"
              "  \"sat\": {\"off\": \"23:59\", \"on\": \"08:00\"}, \"sun\": \"off\",\n"
              "  \"fri\": \"on\", \"dpms\": false, \"cec\": true,\n"
              "  \"poll_scale\": 6},\n"
              " \"keys\": false, \"status\": {\"max_fetch_age\": 3600}}",
              &d);
    CHECK(c != NULL);
    CHECK_INT(d.n, 0);
    if (c) {
        const struct night_schedule *s = &c->run.schedule;
        CHECK(s->enabled);
        CHECK(s->day[1].kind == NIGHT_DAY_TIMES);
        CHECK_INT(s->day[1].on_s, H(6, 30));
        CHECK_INT(s->day[1].off_s, H(23, 0));
        CHECK_INT(s->day[6].on_s, H(8, 0));
        CHECK_INT(s->day[6].off_s, H(23, 59));
        CHECK(s->day[0].kind == NIGHT_DAY_OFF);
        CHECK(s->day[5].kind == NIGHT_DAY_ON);
        CHECK(!s->dpms);
        CHECK(s->cec);
        CHECK_INT(s->poll_scale, 6);
        CHECK(!c->run.keys);
        CHECK_INT(c->run.max_fetch_age, 3600);
        /* Printed and read back: the same schedule. */
        char *json = config_to_json(c, false);
        struct config_diags d2;
        struct config *c2 = parse(json, &d2);
        CHECK(c2 != NULL);
        CHECK_INT(d2.n, 0);
        if (c2) {
            CHECK(memcmp(&c2->run, &c->run, sizeof c->run) == 0);
            config_free(c2);
        }
        config_diags_free(&d2);
        free(json);
    }
    config_free(c);
    config_diags_free(&d);

    /* Only weekday entries: a schedule all the same. */
    c = parse("{\"schedule\": {\"sun\": \"off\"}}", &d);
    CHECK(c && c->run.schedule.enabled && c->run.schedule.day[0].kind == NIGHT_DAY_OFF &&
          c->run.schedule.day[3].kind == NIGHT_DAY_ON);
    config_free(c);
    config_diags_free(&d);
    /* null: no schedule. */
    c = parse("{\"schedule\": null}", &d);
    CHECK(c && !c->run.schedule.enabled);
    config_free(c);
    config_diags_free(&d);
}

static void test_errors(void)
{
    static const struct {
        const char *text;
        bool error; /* false: a warning, the configuration is used */
        int line, column;
        const char *msg;
    } cases[] = {
        {"{\"schedule\": {\"off\": \"23:00\"}}", true, 1, 15, "\"off\" needs \"on\" too"},
        {"{\"schedule\": {\"off\": \"25:00\", \"on\": \"06:30\"}}", true, 1, 22,
         "\"off\" must be a time of day"},
        {"{\"schedule\":\n {\"off\": \"6:30\", \"on\": \"06:30\"}}", true, 2, 10,
         "are the same time"},
        {"{\"schedule\": \"23:00-06:30\"}", true, 1, 14, "must be an object"},
        {"{\"schedule\": {\"off\": \"23:00\", \"on\": \"06:30\",\n \"sat\": \"late\"}}", true, 2, 9,
         "\"sat\" must be"},
        {"{\"schedule\": {\"sat\": {\"off\": \"01:00\"}}}", true, 1, 23, "\"off\" needs \"on\""},
        {"{\"schedule\": {\"sat\": {}}}", true, 1, 22, "needs \"on\" and \"off\""},
        {"{\"schedule\": {\"poll_scale\": 0}}", true, 1, 29, "from 1 to 100"},
        {"{\"schedule\": {\"dpms\": \"yes\"}}", true, 1, 23, "true or false"},
        {"{\"schedule\": {\"off\": \"23:00\", \"on\": \"06:30\",\n  \"cec\": 1}}", true, 2, 10,
         "\"cec\" must be true or false"},
        {"{\"schedule\": {\"cex\": true}}", false, 1, 15, "did you mean \"cec\""},
        {"{\"schedule\": {\"of\": \"23:00\"}}", false, 1, 15, "did you mean \"off\""},
        {"{\"schedule\": {\"saturday\": \"off\"}}", false, 1, 15, "unknown key \"saturday\""},
        {"{\"keys\": 1}", true, 1, 10, "\"keys\" must be true or false"},
        {"{\"status\": {\"max_fetch_age\": -5}}", true, 1, 30, "max_fetch_age"},
        {"{\"status\": {\"max_fetch_ag\": 5}}", false, 1, 13, "did you mean \"max_fetch_age\""},
        {"{\"status\": 5}", true, 1, 12, "must be an object"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct config_diags d;
        struct config *c = parse(cases[i].text, &d);
        CHECK_MSG((c == NULL) == cases[i].error, "case %zu", i);
        CHECK_MSG(d.n >= 1, "case %zu: no message", i);
        if (d.n >= 1) {
            CHECK_MSG(d.v[0].error.line == cases[i].line && d.v[0].error.column == cases[i].column,
                      "case %zu: %s (want line %d, column %d)", i, d.v[0].text, cases[i].line,
                      cases[i].column);
            CHECK_MSG(strstr(d.v[0].error.msg, cases[i].msg) != NULL, "case %zu: %s", i,
                      d.v[0].error.msg);
        }
        config_free(c);
        config_diags_free(&d);
    }
    /* A bad schedule leaves no half-read schedule behind: the base's stays. */
    struct config *base = config_default(NULL, 0);
    struct config_diags d = {0};
    const char *t = "{\"schedule\": {\"off\": \"23:00\", \"on\": \"06:30\", \"sun\": 3}}";
    struct config *c = config_parse(t, strlen(t), "c.json", base, &d);
    CHECK(c == NULL);
    config_diags_free(&d);
    config_free(base);
}

int main(void)
{
    test_defaults();
    test_values();
    test_errors();
    return check_done();
}
