/* QR codes on the card (qr.h). */
#include "render/qr.h"

#include "core/card.h"
#include "core/util.h"
#include "render/blend.h"

#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

static QRcode *encode(const char *text, QRecLevel level)
{
    /* Version 0: the smallest that holds the text; 8-bit mode keeps a URL byte for byte. */
    return QRcode_encodeString8bit(text, 0, level);
}

struct qr_code *qr_encode(const char *text, int max_size, struct error *err)
{
    if (!text || !*text) {
        error_set(err, "no link to encode");
        return NULL;
    }
    QRcode *c = encode(text, QR_ECLEVEL_M);
    if (c && c->width > max_size) {
        QRcode_free(c);
        c = encode(text, QR_ECLEVEL_L);
    }
    if (!c) {
        error_set(err, "the link cannot be encoded as a QR code (%zu bytes)", strlen(text));
        return NULL;
    }
    if (c->width > max_size) {
        error_set(err, "the link needs %d modules a side, more than the %d the card has room for",
                  c->width, max_size);
        QRcode_free(c);
        return NULL;
    }
    struct qr_code *q = xcalloc(1, sizeof *q);
    q->size = c->width;
    q->dark = xmalloc((size_t)q->size * (size_t)q->size);
    for (int i = 0; i < q->size * q->size; i++)
        q->dark[i] = c->data[i] & 1;
    q->text = xstrdup(text);
    QRcode_free(c);
    return q;
}

void qr_free(struct qr_code *q)
{
    if (!q)
        return;
    free(q->dark);
    free(q->text);
    free(q);
}

char *qr_link(const char *link, const char *params)
{
    if (!params || !*params)
        return xstrdup(link);
    const char *hash = strchr(link, '#');
    size_t base = hash ? (size_t)(hash - link) : strlen(link);
    const char *q = memchr(link, '?', base);
    char sep = !q ? '?' : (base > 0 && (link[base - 1] == '?' || link[base - 1] == '&')) ? 0 : '&';
    struct buf b = {0};
    buf_append(&b, link, base);
    if (sep)
        buf_append_char(&b, sep);
    buf_append_str(&b, params);
    if (hash)
        buf_append_str(&b, hash);
    return buf_steal(&b);
}

int qr_side(const struct qr_code *q, int module)
{
    return (q->size + 2 * CARD_QR_QUIET) * module;
}

void qr_draw(const struct qr_code *q, uint32_t *dst, int pitch, int w, int h, int x, int y,
             int module, int alpha)
{
    if (alpha <= 0)
        return;
    uint32_t a = (uint32_t)(alpha > 255 ? 255 : alpha) << 24;
    int side = qr_side(q, module);
    blend_fill_rect(dst, pitch, w, h, x, y, side, side, a | 0xFFFFFFu);
    int x0 = x + CARD_QR_QUIET * module, y0 = y + CARD_QR_QUIET * module;
    for (int r = 0; r < q->size; r++) {
        /* Runs of dark modules along the row: one rectangle each. */
        for (int c = 0; c < q->size;) {
            if (!q->dark[r * q->size + c]) {
                c++;
                continue;
            }
            int e = c;
            while (e < q->size && q->dark[r * q->size + e])
                e++;
            blend_fill_rect(dst, pitch, w, h, x0 + c * module, y0 + r * module, (e - c) * module,
                            module, a);
            c = e;
        }
    }
}
