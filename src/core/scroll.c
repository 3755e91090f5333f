/*
 * The crawl model. The strip is a small queue of placed entries (only those that touch the
 * band); positions are 64-bit strip coordinates so a kiosk running for years never wraps.
 * Frame K is the same whether frames 0..K-1 were rendered or not: a model that starts at frame
 * K lays the strip out from frame 0 (only widths are asked for), which headless --start-frame
 * relies on. Laying it out costs the same for every K: once the strip has been walked through
 * one whole cycle of the playlist left of the band (every width known), the cycles that follow
 * would repeat it exactly, so they are skipped in one step. Reduced motion skips whole cycles
 * of held items the same way.
 */
#include "core/scroll.h"
#include "core/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct scroll {
    struct scroll_params p;
    bool started; /* scroll_advance has run */
    int64_t frame;
    int64_t pos; /* strip position of the band's left edge */
    /* pos = base_pos + step * (frame - base_frame): both 0 unless the step changed or an
     * operator stepped (scroll_set_timing, scroll_jump); headless runs never do either. */
    int64_t base_frame, base_pos;

    bool have_active; /* the running playlist */
    uint32_t gen;
    size_t n;
    size_t next_item; /* index of the next item to append */

    bool have_pending; /* offered, not yet adopted */
    uint32_t pgen;
    size_t pn;
    size_t *pcont; /* continue_at copy, pcont_n entries (NULL: start at 0) */
    size_t pcont_n;

    struct scroll_entry *e; /* the strip, left to right */
    size_t count, cap;
    int64_t tail_x; /* where the next entry goes */
    bool have_last; /* last appended entry (for continue_at) */
    struct scroll_entry last;

    int64_t slot_start; /* reduced motion: the frame the shown item came up */
    int alpha;
    bool have_prev; /* reduced motion: the item shown before */
    struct scroll_entry prev;
};

int scroll_step(double speed_px_s, double period_s)
{
    double v = speed_px_s * period_s;
    if (!(v >= 1.0)) /* also NaN */
        return 1;
    if (v > 1e6)
        return 1000000;
    return (int)lround(v);
}

struct scroll *scroll_new(const struct scroll_params *p)
{
    struct scroll *s = xcalloc(1, sizeof *s);
    s->p = *p;
    if (s->p.step < 1)
        s->p.step = 1;
    if (s->p.band_w < 1)
        s->p.band_w = 1;
    if (s->p.hold_frames < 1)
        s->p.hold_frames = 1;
    if (s->p.fade_frames < 0)
        s->p.fade_frames = 0;
    if (s->p.fade_frames > s->p.hold_frames / 2)
        s->p.fade_frames = s->p.hold_frames / 2;
    s->alpha = 255;
    return s;
}

void scroll_free(struct scroll *s)
{
    if (!s)
        return;
    free(s->pcont);
    free(s->e);
    free(s);
}

static void adopt(struct scroll *s, size_t start)
{
    s->have_active = true;
    s->gen = s->pgen;
    s->n = s->pn;
    s->next_item = start < s->pn ? start : 0;
    s->have_pending = false;
    free(s->pcont);
    s->pcont = NULL;
    s->pcont_n = 0;
}

void scroll_offer(struct scroll *s, uint32_t gen, size_t n_items, const size_t *continue_at,
                  size_t n_prev)
{
    free(s->pcont);
    s->pcont = NULL;
    s->pcont_n = 0;
    s->have_pending = true;
    s->pgen = gen;
    s->pn = n_items;
    if (continue_at && n_prev) {
        s->pcont = xreallocarray(NULL, n_prev, sizeof *s->pcont);
        memcpy(s->pcont, continue_at, n_prev * sizeof *s->pcont);
        s->pcont_n = n_prev;
    }
    if (!s->started)
        adopt(s, 0);
}

/* Where a pending playlist starts when adopted now. */
static size_t pending_start(const struct scroll *s)
{
    size_t start = 0;
    if (s->pcont && s->have_last && s->have_active && s->last.gen == s->gen &&
        s->last.item < s->pcont_n && s->pcont[s->last.item] != SIZE_MAX)
        start = s->pcont[s->last.item];
    return start < s->pn ? start : 0;
}

/* Adopts a pending playlist (this is an item boundary) and says whether an item can follow. */
static bool boundary(struct scroll *s)
{
    if (s->have_pending)
        adopt(s, pending_start(s));
    return s->have_active && s->n > 0;
}

bool scroll_peek_next(const struct scroll *s, uint32_t *gen, size_t *item)
{
    if (s->have_pending) {
        if (s->pn == 0)
            return false;
        *gen = s->pgen;
        *item = pending_start(s);
        return true;
    }
    if (!s->have_active || s->n == 0)
        return false;
    *gen = s->gen;
    *item = s->next_item >= s->n ? 0 : s->next_item;
    return true;
}

static struct scroll_entry take_next(struct scroll *s, scroll_width_fn width, void *ctx)
{
    if (s->next_item >= s->n)
        s->next_item = 0;
    struct scroll_entry e = {.gen = s->gen, .item = s->next_item, .x = 0, .width = 1};
    int w = width(ctx, s->gen, s->next_item);
    e.width = w > 0 ? w : 1;
    s->next_item++;
    s->last = e;
    s->have_last = true;
    return e;
}

static void push(struct scroll *s, struct scroll_entry e)
{
    if (s->count == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 16;
        s->e = xreallocarray(s->e, s->cap, sizeof *s->e);
    }
    s->e[s->count++] = e;
}

static void drop_gone(struct scroll *s)
{
    size_t k = 0;
    while (k < s->count && s->e[k].x + s->e[k].width <= s->pos)
        k++;
    if (k) {
        memmove(s->e, s->e + k, (s->count - k) * sizeof *s->e);
        s->count -= k;
    }
}

static void advance_crawl(struct scroll *s, bool initial, scroll_width_fn width, void *ctx)
{
    int64_t right = s->pos + s->p.band_w;
    /* The walk left of the band: where it met an item of the running playlist (the anchor),
     * so that meeting the same item again measures one whole cycle. */
    bool anchored = false;
    uint32_t a_gen = 0;
    size_t a_item = 0;
    int64_t a_x = 0;
    for (;;) {
        drop_gone(s);
        if (s->tail_x >= right)
            break;
        if (!boundary(s))
            break;
        if (s->count == 0 && !initial && s->tail_x < right) {
            /* News into an empty band enters from the right edge, unseen this frame. */
            s->tail_x = right;
        }
        if (s->tail_x < s->pos) {
            /* This item would leave the strip at once. */
            size_t next = s->next_item >= s->n ? 0 : s->next_item;
            if (anchored && a_gen == s->gen && a_item == next) {
                /* A whole cycle: the ones after it repeat it (same items, same widths, no
                 * playlist waiting), so skip all that end left of the band. */
                int64_t cycle = s->tail_x - a_x;
                if (cycle > 0)
                    s->tail_x += (s->pos - s->tail_x) / cycle * cycle;
                anchored = false;
            } else if (!anchored || a_gen != s->gen) {
                anchored = true;
                a_gen = s->gen;
                a_item = next;
                a_x = s->tail_x;
            }
        }
        struct scroll_entry e = take_next(s, width, ctx);
        e.x = s->tail_x;
        s->tail_x += e.width;
        push(s, e);
    }
}

static void advance_still(struct scroll *s, bool initial, scroll_width_fn width, void *ctx)
{
    int64_t hold = s->p.hold_frames;
    if (initial)
        s->slot_start = 0;
    if (s->count == 0 && !initial) {
        /* Nothing shown: news comes up at once. */
        if (boundary(s)) {
            s->slot_start = s->frame;
            push(s, take_next(s, width, ctx));
        }
    } else if (initial) {
        if (boundary(s))
            push(s, take_next(s, width, ctx));
    }
    while (s->count && s->frame >= s->slot_start + hold) {
        int64_t slots = (s->frame - s->slot_start) / hold;
        if (!s->have_pending && s->have_active && s->n > 0 && (int64_t)s->n < slots) {
            /* Whole cycles of the playlist repeat: skip them, keeping at least one step to
             * take normally (it sets the item shown before). */
            int64_t cycles = (slots - 1) / (int64_t)s->n;
            s->slot_start += cycles * (int64_t)s->n * hold;
        }
        s->slot_start += hold;
        s->prev = s->e[0];
        s->have_prev = true;
        s->count = 0;
        if (boundary(s))
            push(s, take_next(s, width, ctx));
    }
    if (s->count == 0) {
        s->alpha = 0;
        return;
    }
    s->e[0].x = 0;
    int64_t t = s->frame - s->slot_start, f = s->p.fade_frames;
    int64_t a = 255;
    if (f > 0 && t < f)
        a = 255 * (t + 1) / (f + 1);
    else if (f > 0 && t >= hold - f)
        a = 255 * (hold - t) / (f + 1);
    s->alpha = (int)a;
}

void scroll_advance(struct scroll *s, int64_t frame, scroll_width_fn width, void *ctx)
{
    bool initial = !s->started;
    if (!initial && frame < s->frame)
        return;
    s->started = true;
    s->frame = frame;
    if (s->p.reduced_motion) {
        s->pos = 0;
        advance_still(s, initial, width, ctx);
        return;
    }
    s->pos = s->base_pos + (int64_t)s->p.step * (frame - s->base_frame);
    advance_crawl(s, initial, width, ctx);
}

int64_t scroll_position(const struct scroll *s)
{
    return s->pos;
}

size_t scroll_visible(const struct scroll *s, const struct scroll_entry **entries)
{
    *entries = s->e;
    size_t n = s->count;
    /* The tail may hold one entry just past the right edge (entering next frame). */
    while (n && s->e[n - 1].x >= s->pos + s->p.band_w)
        n--;
    return n;
}

const struct scroll_entry *scroll_current(const struct scroll *s)
{
    if (s->p.reduced_motion)
        return s->count ? &s->e[0] : NULL;
    int64_t pt = s->pos + s->p.point_x;
    for (size_t i = 0; i < s->count; i++)
        if (s->e[i].x <= pt && pt < s->e[i].x + s->e[i].width)
            return &s->e[i];
    return NULL;
}

size_t scroll_strip(const struct scroll *s, const struct scroll_entry **entries)
{
    *entries = s->e;
    return s->count;
}

static int64_t ceil_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if (a % b != 0 && ((a < 0) == (b < 0)))
        q++;
    return q;
}

int64_t scroll_current_since(const struct scroll *s)
{
    if (s->p.reduced_motion)
        return s->slot_start;
    const struct scroll_entry *c = scroll_current(s);
    if (!c)
        return s->frame;
    /* A story that reached the point before a change of timing gets some frame at or before
     * the change (the old step is not kept; only a cross-fade running at that moment could
     * tell the difference). */
    return ceil_div(c->x - s->p.point_x - s->base_pos, s->p.step) + s->base_frame;
}

const struct scroll_entry *scroll_previous(const struct scroll *s)
{
    if (s->p.reduced_motion)
        return s->have_prev ? &s->prev : NULL;
    const struct scroll_entry *c = scroll_current(s);
    if (!c || c == s->e)
        return NULL;
    return c - 1;
}

bool scroll_running_gen(const struct scroll *s, uint32_t *gen)
{
    if (!s->have_active)
        return false;
    *gen = s->gen;
    return true;
}

int scroll_alpha(const struct scroll *s)
{
    return s->p.reduced_motion ? s->alpha : 255;
}

bool scroll_uses_gen(const struct scroll *s, uint32_t gen)
{
    if ((s->have_active && s->gen == gen) || (s->have_pending && s->pgen == gen))
        return true;
    for (size_t i = 0; i < s->count; i++)
        if (s->e[i].gen == gen)
            return true;
    return false;
}

void scroll_set_timing(struct scroll *s, int step, int64_t hold_frames, int64_t fade_frames)
{
    /* The strip stays where it is: only the motion from here on changes. */
    s->base_pos = s->pos;
    s->base_frame = s->frame;
    s->p.step = step < 1 ? 1 : step;
    s->p.hold_frames = hold_frames < 1 ? 1 : hold_frames;
    s->p.fade_frames = fade_frames < 0 ? 0 : fade_frames;
    if (s->p.fade_frames > s->p.hold_frames / 2)
        s->p.fade_frames = s->p.hold_frames / 2;
}

/* Puts an entry in front of the strip. */
static void push_front(struct scroll *s, struct scroll_entry e)
{
    push(s, e);
    memmove(s->e + 1, s->e, (s->count - 1) * sizeof *s->e);
    s->e[0] = e;
}

/* The item before `item` in the running playlist, or false when e is from another playlist. */
static bool item_before(const struct scroll *s, const struct scroll_entry *e, size_t *item)
{
    if (!s->have_active || s->n == 0 || e->gen != s->gen)
        return false;
    *item = (e->item + s->n - 1) % s->n;
    return true;
}

/* Moves the strip so that its position is new_pos at the current frame. */
static void move_to(struct scroll *s, int64_t new_pos)
{
    s->base_pos += new_pos - s->pos;
    s->pos = new_pos;
}

static bool jump_still(struct scroll *s, int dir, scroll_width_fn width, void *ctx)
{
    if (s->count == 0)
        return false;
    if (dir > 0) {
        s->slot_start = s->frame - s->p.hold_frames;
    } else {
        size_t item;
        if (!item_before(s, &s->e[0], &item))
            return false;
        s->prev = s->e[0];
        s->have_prev = true;
        struct scroll_entry e = {.gen = s->gen, .item = item, .x = 0, .width = 1};
        int w = width(ctx, s->gen, item);
        e.width = w > 0 ? w : 1;
        s->e[0] = e;
        s->next_item = item + 1;
        s->slot_start = s->frame;
    }
    advance_still(s, false, width, ctx);
    return true;
}

bool scroll_jump(struct scroll *s, int dir, scroll_width_fn width, void *ctx)
{
    if (!s->started || dir == 0)
        return false;
    if (s->p.reduced_motion)
        return jump_still(s, dir, width, ctx);
    const struct scroll_entry *c = scroll_current(s);
    if (!c)
        return false;
    size_t ci = (size_t)(c - s->e);
    if (dir > 0) {
        int64_t target = ci + 1 < s->count ? s->e[ci + 1].x : s->tail_x;
        move_to(s, target - s->p.point_x);
        advance_crawl(s, false, width, ctx);
        return true;
    }
    if (ci == 0) {
        size_t item;
        if (!item_before(s, c, &item))
            return false;
        int w = width(ctx, s->gen, item);
        struct scroll_entry e = {.gen = s->gen, .item = item, .width = w > 0 ? w : 1};
        e.x = s->e[0].x - e.width;
        push_front(s, e);
        ci = 1;
    }
    move_to(s, s->e[ci - 1].x - s->p.point_x);
    /* Fill the band left of the new current story with the items before it, where they are
     * known (the running playlist); an older playlist's predecessors leave band background. */
    size_t item;
    while (s->e[0].x > s->pos && item_before(s, &s->e[0], &item)) {
        int w = width(ctx, s->gen, item);
        struct scroll_entry e = {.gen = s->gen, .item = item, .width = w > 0 ? w : 1};
        e.x = s->e[0].x - e.width;
        push_front(s, e);
    }
    return true;
}
