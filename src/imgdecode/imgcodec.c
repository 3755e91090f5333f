/*
 * The format-independent half of the image codec: sniffing, the plan (limits, orientation,
 * crop), EXIF orientation and the streaming scaler.
 *
 * The scaler is separable and exact: per axis, each output pixel is a weighted sum of input
 * pixels with 14-bit integer weights that add up to 1 (area coverage when shrinking, a
 * triangle when enlarging), computed from integer coordinates only, so no floating point can
 * round differently on another CPU. Rows are scaled horizontally as they arrive and added
 * into the output rows that use them; nothing holds more than the output's size.
 */
#include "imgdecode/imgcodec_internal.h"

#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WSHIFT 14
#define WONE   (1 << WSHIFT)
/* Horizontal results keep 6 bits below the byte; vertical sums then fit an int32. */
#define HFRAC 6

const char *imgcodec_format_str(enum imgcodec_format f)
{
    switch (f) {
    case IMGCODEC_JPEG:
        return "jpeg";
    case IMGCODEC_PNG:
        return "png";
    case IMGCODEC_WEBP:
        return "webp";
    case IMGCODEC_UNKNOWN:
        break;
    }
    return "unknown";
}

enum imgcodec_format imgcodec_sniff(const uint8_t *d, size_t n)
{
    if (n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
        return IMGCODEC_JPEG;
    if (n >= 8 && !memcmp(d, "\x89PNG\r\n\x1a\n", 8))
        return IMGCODEC_PNG;
    if (n >= 12 && !memcmp(d, "RIFF", 4) && !memcmp(d + 8, "WEBP", 4))
        return IMGCODEC_WEBP;
    return IMGCODEC_UNKNOWN;
}

/* What an unsupported file is, when it says so in its first bytes (for the message). */
static const char *other_kind(const uint8_t *d, size_t n)
{
    if (n >= 6 && (!memcmp(d, "GIF87a", 6) || !memcmp(d, "GIF89a", 6)))
        return "a GIF image";
    if (n >= 12 && !memcmp(d + 4, "ftyp", 4) &&
        (!memcmp(d + 8, "avif", 4) || !memcmp(d + 8, "heic", 4) || !memcmp(d + 8, "mif1", 4)))
        return "an AVIF or HEIF image";
    if (n >= 2 && d[0] == 'B' && d[1] == 'M')
        return "a BMP image";
    size_t i = 0;
    while (i < n && i < 64 && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n'))
        i++;
    if (i < n && d[i] == '<') {
        for (size_t k = i; k + 4 <= n && k < 512; k++)
            if (!ascii_strncasecmp((const char *)d + k, "<svg", 4))
                return "an SVG image";
        return "an HTML or XML document";
    }
    if (i < n && d[i] == '{')
        return "a JSON document";
    return NULL;
}

void imgcodec_result_free(struct imgcodec_result *r)
{
    if (!r)
        return;
    free(r->rgb);
    memset(r, 0, sizeof *r);
}

bool imgcodec_decode(const uint8_t *data, size_t len, int box_w, int box_h,
                     struct imgcodec_result *out, struct error *err)
{
    memset(out, 0, sizeof *out);
    if (box_w < 1 || box_h < 1 || box_w > IMGCODEC_MAX_BOX || box_h > IMGCODEC_MAX_BOX)
        return error_set(err, "the picture box %dx%d is outside 1..%d", box_w, box_h,
                         IMGCODEC_MAX_BOX);
    if (len == 0)
        return error_set(err, "empty: no image data");
    enum imgcodec_format f = imgcodec_sniff(data, len);
    bool ok;
    switch (f) {
    case IMGCODEC_JPEG:
        ok = imgc_jpeg(data, len, box_w, box_h, out, err);
        break;
    case IMGCODEC_PNG:
        ok = imgc_png(data, len, box_w, box_h, out, err);
        break;
    case IMGCODEC_WEBP:
        ok = imgc_webp(data, len, box_w, box_h, out, err);
        break;
    default: {
        const char *k = other_kind(data, len);
        if (k)
            return error_set(err, "%s, not a JPEG, PNG or WebP image", k);
        char hex[3 * 8 + 1] = "";
        size_t at = 0;
        for (size_t i = 0; i < len && i < 8; i++)
            at += (size_t)snprintf(hex + at, sizeof hex - at, "%s%02x", i ? " " : "", data[i]);
        return error_set(err, "not a JPEG, PNG or WebP image (it starts with %s)", hex);
    }
    }
    if (!ok) {
        imgcodec_result_free(out);
        return false;
    }
    out->format = f;
    return true;
}

/* ---- the plan -------------------------------------------------------------------------- */

bool imgc_plan_make(struct imgc_plan *p, int src_w, int src_h, int orientation, int box_w,
                    int box_h, struct error *err)
{
    memset(p, 0, sizeof *p);
    if (src_w < 1 || src_h < 1)
        return error_set(err, "the image says it is %dx%d pixels", src_w, src_h);
    uint64_t px = (uint64_t)src_w * (uint64_t)src_h;
    if (px > IMGCODEC_MAX_PIXELS)
        return error_set(err,
                         "too large: %dx%d is %.1f megapixels, more than the %.0f allowed "
                         "(refused before decoding)",
                         src_w, src_h, (double)px / 1e6, IMGCODEC_MAX_PIXELS / 1e6);
    if (orientation < 1 || orientation > 8)
        orientation = 1;
    bool turned = orientation >= 5;
    int ow = turned ? src_h : src_w, oh = turned ? src_w : src_h;
    if (ow < IMGCODEC_MIN_SIDE || oh < IMGCODEC_MIN_SIDE)
        return error_set(err, "too small to be a story's picture: %dx%d (at least %dx%d)", ow, oh,
                         IMGCODEC_MIN_SIDE, IMGCODEC_MIN_SIDE);
    /* The largest centred part of the oriented image with the box's shape. */
    int64_t cw, ch;
    if ((int64_t)ow * box_h > (int64_t)oh * box_w) {
        ch = oh;
        cw = ((int64_t)oh * box_w + box_h / 2) / box_h;
    } else {
        cw = ow;
        ch = ((int64_t)ow * box_h + box_w / 2) / box_w;
    }
    if (cw < 1)
        cw = 1;
    if (ch < 1)
        ch = 1;
    if (cw > ow)
        cw = ow;
    if (ch > oh)
        ch = oh;
    /* A centred crop stays centred under every flip and turn: only its size turns. */
    p->crop_w = (int)(turned ? ch : cw);
    p->crop_h = (int)(turned ? cw : ch);
    p->crop_x = (src_w - p->crop_w) / 2;
    p->crop_y = (src_h - p->crop_h) / 2;
    p->src_w = src_w;
    p->src_h = src_h;
    p->orientation = orientation;
    p->box_w = box_w;
    p->box_h = box_h;
    p->tw = turned ? box_h : box_w;
    p->th = turned ? box_w : box_h;
    return true;
}

/* ---- the scaler ------------------------------------------------------------------------- */

/* One axis: output i takes n[i] input pixels from start[i] with weights w[off[i] ...]. */
struct axis {
    int *start, *n, *off;
    uint16_t *w;
};

static void axis_free(struct axis *a)
{
    free(a->start);
    free(a->n);
    free(a->off);
    free(a->w);
}

/* Weights for t outputs from input pixels [c, c + cw). */
static void axis_make(struct axis *a, int c, int cw, int t)
{
    a->start = xcalloc((size_t)t, sizeof *a->start);
    a->n = xcalloc((size_t)t, sizeof *a->n);
    a->off = xcalloc((size_t)t, sizeof *a->off);
    size_t per = cw >= t ? (size_t)(cw / t + 2) : 2;
    a->w = xcalloc((size_t)t * per, sizeof *a->w);
    size_t used = 0;
    int64_t *wts = xcalloc(per, sizeof *wts);
    for (int i = 0; i < t; i++) {
        int j0, n = 0;
        if (cw >= t) {
            /* Area: output i covers [lo, hi) where input pixel j covers [j t, (j + 1) t). */
            int64_t lo = (int64_t)c * t + (int64_t)i * cw, hi = lo + cw;
            j0 = (int)(lo / t);
            for (int64_t j = j0; j * t < hi; j++) {
                int64_t a0 = j * t > lo ? j * t : lo, a1 = (j + 1) * t < hi ? (j + 1) * t : hi;
                wts[n++] = (a1 - a0) * WONE / cw;
                if (n >= (int)per)
                    break;
            }
        } else {
            /* Bilinear: the output pixel's centre in input pixels, minus a half, times 2t. */
            int64_t num = 2 * (int64_t)c * t + (int64_t)(2 * i + 1) * cw - t;
            int64_t d = 2 * (int64_t)t;
            int64_t jj = num >= 0 ? num / d : -((-num + d - 1) / d);
            int64_t frac = num - jj * d;
            int64_t w1 = (frac * WONE + d / 2) / d;
            if (jj < c) {
                j0 = c;
                wts[n++] = WONE;
            } else if (jj + 1 >= c + cw) {
                j0 = c + cw - 1;
                wts[n++] = WONE;
            } else {
                j0 = (int)jj;
                wts[n++] = WONE - w1;
                wts[n++] = w1;
            }
        }
        /* The rounding's remainder goes to the largest weight: they sum to exactly 1. */
        int64_t sum = 0;
        int big = 0;
        for (int k = 0; k < n; k++) {
            sum += wts[k];
            if (wts[k] > wts[big])
                big = k;
        }
        wts[big] += WONE - sum;
        a->start[i] = j0;
        a->n[i] = n;
        a->off[i] = (int)used;
        for (int k = 0; k < n; k++)
            a->w[used++] = (uint16_t)wts[k];
    }
    free(wts);
}

struct imgc_scaler {
    struct imgc_plan plan;
    int in_w, in_h;
    int cx, cy, cw, ch; /* the crop in input coordinates */
    struct axis ax, ay;
    int32_t *hrow; /* tw * 3: the current input row, scaled across */
    int32_t *acc;  /* tw * th * 3 */
    int first;     /* the first output row still taking input */
};

struct imgc_scaler *imgc_scaler_new(const struct imgc_plan *p, int in_w, int in_h)
{
    struct imgc_scaler *s = xcalloc(1, sizeof *s);
    s->plan = *p;
    s->in_w = in_w;
    s->in_h = in_h;
    /* The crop in the (possibly reduced) input: the same fraction of the image. */
    s->cx = (int)((int64_t)p->crop_x * in_w / p->src_w);
    s->cy = (int)((int64_t)p->crop_y * in_h / p->src_h);
    s->cw = (int)(((int64_t)p->crop_w * in_w + p->src_w / 2) / p->src_w);
    s->ch = (int)(((int64_t)p->crop_h * in_h + p->src_h / 2) / p->src_h);
    if (s->cw < 1)
        s->cw = 1;
    if (s->ch < 1)
        s->ch = 1;
    if (s->cx + s->cw > in_w)
        s->cw = in_w - s->cx;
    if (s->cy + s->ch > in_h)
        s->ch = in_h - s->cy;
    axis_make(&s->ax, s->cx, s->cw, p->tw);
    axis_make(&s->ay, s->cy, s->ch, p->th);
    s->hrow = xcalloc((size_t)p->tw * 3, sizeof *s->hrow);
    s->acc = xcalloc((size_t)p->tw * (size_t)p->th * 3, sizeof *s->acc);
    return s;
}

void imgc_scaler_rows(const struct imgc_scaler *s, int *y0, int *n)
{
    *y0 = s->cy;
    *n = s->ch;
}

void imgc_scaler_row(struct imgc_scaler *s, int y, const uint8_t *rgb)
{
    int tw = s->plan.tw, th = s->plan.th;
    if (y < s->cy || y >= s->cy + s->ch)
        return;
    while (s->first < th && s->ay.start[s->first] + s->ay.n[s->first] <= y)
        s->first++;
    if (s->first >= th || s->ay.start[s->first] > y)
        return;
    for (int x = 0; x < tw; x++) {
        const uint16_t *w = s->ax.w + s->ax.off[x];
        const uint8_t *px = rgb + (size_t)s->ax.start[x] * 3;
        uint32_t r = 0, g = 0, b = 0;
        for (int k = 0; k < s->ax.n[x]; k++, px += 3) {
            r += w[k] * px[0];
            g += w[k] * px[1];
            b += w[k] * px[2];
        }
        int shift = WSHIFT - HFRAC;
        uint32_t half = 1u << (shift - 1);
        s->hrow[3 * x] = (int32_t)((r + half) >> shift);
        s->hrow[3 * x + 1] = (int32_t)((g + half) >> shift);
        s->hrow[3 * x + 2] = (int32_t)((b + half) >> shift);
    }
    for (int ty = s->first; ty < th && s->ay.start[ty] <= y; ty++) {
        int k = y - s->ay.start[ty];
        if (k >= s->ay.n[ty])
            continue;
        int32_t w = s->ay.w[s->ay.off[ty] + k];
        int32_t *a = s->acc + (size_t)ty * (size_t)tw * 3;
        for (int i = 0; i < tw * 3; i++)
            a[i] += w * s->hrow[i];
    }
}

void imgc_scaler_free(struct imgc_scaler *s)
{
    if (!s)
        return;
    axis_free(&s->ax);
    axis_free(&s->ay);
    free(s->hrow);
    free(s->acc);
    free(s);
}

void imgc_scaler_finish(struct imgc_scaler *s, struct imgcodec_result *out)
{
    const struct imgc_plan *p = &s->plan;
    int tw = p->tw, th = p->th, W = p->box_w, H = p->box_h;
    uint8_t *flat = xmalloc((size_t)tw * (size_t)th * 3);
    for (size_t i = 0; i < (size_t)tw * (size_t)th * 3; i++) {
        int32_t v = (s->acc[i] + (1 << (WSHIFT + HFRAC - 1))) >> (WSHIFT + HFRAC);
        flat[i] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
    }
    uint8_t *rgb = flat;
    if (p->orientation != 1) {
        /* Output (x, y) of the W x H picture comes from (sx, sy) of the tw x th one. */
        rgb = xmalloc((size_t)W * (size_t)H * 3);
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++) {
                int sx, sy;
                switch (p->orientation) {
                case 2:
                    sx = tw - 1 - x;
                    sy = y;
                    break;
                case 3:
                    sx = tw - 1 - x;
                    sy = th - 1 - y;
                    break;
                case 4:
                    sx = x;
                    sy = th - 1 - y;
                    break;
                case 5:
                    sx = y;
                    sy = x;
                    break;
                case 6:
                    sx = y;
                    sy = th - 1 - x;
                    break;
                case 7:
                    sx = tw - 1 - y;
                    sy = th - 1 - x;
                    break;
                default:
                    sx = tw - 1 - y;
                    sy = x;
                    break; /* 8 */
                }
                memcpy(rgb + ((size_t)y * W + x) * 3, flat + ((size_t)sy * tw + sx) * 3, 3);
            }
        free(flat);
    }
    out->rgb = rgb;
    out->w = W;
    out->h = H;
    out->src_w = p->src_w;
    out->src_h = p->src_h;
    out->orientation = p->orientation;
    imgc_scaler_free(s);
}

void imgc_rgba_on_white(uint8_t *dst, const uint8_t *src, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t a = src[4 * i + 3];
        for (int c = 0; c < 3; c++) {
            uint32_t v = src[4 * i + c] * a + 255 * (255 - a);
            dst[3 * i + c] = (uint8_t)((v + 127) / 255);
        }
    }
}

/* ---- EXIF ------------------------------------------------------------------------------ */

int imgc_exif_orientation(const uint8_t *t, size_t len)
{
    if (len < 8)
        return 1;
    bool le;
    if (t[0] == 'I' && t[1] == 'I' && t[2] == 42 && t[3] == 0)
        le = true;
    else if (t[0] == 'M' && t[1] == 'M' && t[2] == 0 && t[3] == 42)
        le = false;
    else
        return 1;
#define RD16(p) (le ? (uint32_t)(p)[0] | (uint32_t)(p)[1] << 8 : (uint32_t)(p)[0] << 8 | (p)[1])
#define RD32(p)                                                                                    \
    (le ? (uint32_t)(p)[0] | (uint32_t)(p)[1] << 8 | (uint32_t)(p)[2] << 16 |                      \
              (uint32_t)(p)[3] << 24                                                               \
        : (uint32_t)(p)[0] << 24 | (uint32_t)(p)[1] << 16 | (uint32_t)(p)[2] << 8 | (p)[3])
    uint32_t ifd = RD32(t + 4);
    if (ifd < 8 || ifd > len - 2)
        return 1;
    uint32_t n = RD16(t + ifd);
    for (uint32_t i = 0; i < n; i++) {
        size_t e = ifd + 2 + (size_t)i * 12;
        if (e + 12 > len)
            return 1;
        if (RD16(t + e) == 0x0112) {
            /* SHORT, count 1: the value sits in the first two bytes of the value field. */
            uint32_t v = RD16(t + e + 8);
            return v >= 1 && v <= 8 ? (int)v : 1;
        }
    }
#undef RD16
#undef RD32
    return 1;
}
