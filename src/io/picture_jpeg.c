/* Pictures to JPEG (picture_jpeg.h). */
#include "io/picture_jpeg.h"

#include "core/util.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

struct jerr {
    struct jpeg_error_mgr mgr;
    jmp_buf jump;
    char msg[JMSG_LENGTH_MAX];
};

static void on_error(j_common_ptr c)
{
    struct jerr *e = (struct jerr *)c->err;
    c->err->format_message(c, e->msg);
    longjmp(e->jump, 1);
}

bool picture_jpeg_encode(const struct picture *p, int quality, uint8_t **out, size_t *len,
                         struct error *err)
{
    *out = NULL;
    *len = 0;
    struct jpeg_compress_struct ci;
    struct jerr je;
    unsigned char *volatile mem = NULL;
    unsigned long mem_len = 0;
    uint8_t *volatile row = xmalloc((size_t)p->w * 3);
    ci.err = jpeg_std_error(&je.mgr);
    je.mgr.error_exit = on_error;
    if (setjmp(je.jump)) {
        jpeg_destroy_compress(&ci);
        free(mem);
        free(row);
        return error_set(err, "the picture cannot be compressed: %s", je.msg);
    }
    jpeg_create_compress(&ci);
    unsigned char *m = NULL;
    jpeg_mem_dest(&ci, &m, &mem_len);
    ci.image_width = (JDIMENSION)p->w;
    ci.image_height = (JDIMENSION)p->h;
    ci.input_components = 3;
    ci.in_color_space = JCS_RGB;
    jpeg_set_defaults(&ci);
    jpeg_set_quality(&ci, quality, TRUE);
    ci.optimize_coding = TRUE;
    jpeg_start_compress(&ci, TRUE);
    while (ci.next_scanline < ci.image_height) {
        const uint32_t *src = p->argb + (size_t)ci.next_scanline * (size_t)p->w;
        for (int x = 0; x < p->w; x++) {
            row[3 * x] = (uint8_t)(src[x] >> 16);
            row[3 * x + 1] = (uint8_t)(src[x] >> 8);
            row[3 * x + 2] = (uint8_t)src[x];
        }
        JSAMPROW r = row;
        jpeg_write_scanlines(&ci, &r, 1);
    }
    jpeg_finish_compress(&ci);
    mem = m;
    jpeg_destroy_compress(&ci);
    free(row);
    *out = xmalloc(mem_len ? mem_len : 1);
    memcpy(*out, mem, mem_len);
    *len = mem_len;
    free(mem);
    return true;
}
