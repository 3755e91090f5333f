/*
 * JPEG through libjpeg-turbo. The decoder's DCT scaling (1/2, 1/4, 1/8) reduces a large
 * picture while decoding it, so a 24-megapixel photo for a 750-pixel box costs a fraction of
 * a full decode; rows after the crop are never decoded. CMYK and YCCK pictures (print
 * workflows, Photoshop) come out as CMYK and are converted here, inverted when an Adobe marker
 * says so (Photoshop writes inverted CMYK). Orientation from the EXIF block in APP1. A file
 * that ends early is refused, not shown half grey.
 */
#include "imgdecode/imgcodec_internal.h"

#include <stdio.h>

#include <jerror.h>
#include <jpeglib.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct jerr {
    struct jpeg_error_mgr mgr;
    jmp_buf jump;
    bool truncated;
    char msg[JMSG_LENGTH_MAX];
};

static void on_error(j_common_ptr c)
{
    struct jerr *e = (struct jerr *)c->err;
    c->err->format_message(c, e->msg);
    longjmp(e->jump, 1);
}

static void on_message(j_common_ptr c, int level)
{
    struct jerr *e = (struct jerr *)c->err;
    if (level < 0 && c->err->msg_code == JWRN_JPEG_EOF)
        e->truncated = true;
}

static int orientation_of(j_decompress_ptr ci)
{
    for (jpeg_saved_marker_ptr m = ci->marker_list; m; m = m->next)
        if (m->marker == JPEG_APP0 + 1 && m->data_length > 6 && !memcmp(m->data, "Exif\0\0", 6))
            return imgc_exif_orientation(m->data + 6, m->data_length - 6);
    return 1;
}

bool imgc_jpeg(const uint8_t *data, size_t len, int box_w, int box_h, struct imgcodec_result *out,
               struct error *err)
{
    struct jpeg_decompress_struct ci;
    struct jerr je = {0};
    /* volatile: they change between setjmp and a longjmp back to it. */
    struct imgc_scaler *volatile sc = NULL;
    uint8_t *volatile row = NULL;
    ci.err = jpeg_std_error(&je.mgr);
    je.mgr.error_exit = on_error;
    je.mgr.emit_message = on_message;
    if (setjmp(je.jump)) {
        jpeg_destroy_decompress(&ci);
        imgc_scaler_free(sc);
        free(row);
        return error_set(err, "damaged JPEG: %s", je.msg);
    }
    jpeg_create_decompress(&ci);
    jpeg_save_markers(&ci, JPEG_APP0 + 1, 0xFFFF);
    jpeg_mem_src(&ci, data, (unsigned long)len);
    jpeg_read_header(&ci, TRUE);
    struct imgc_plan p;
    if (!imgc_plan_make(&p, (int)ci.image_width, (int)ci.image_height, orientation_of(&ci), box_w,
                        box_h, err)) {
        jpeg_destroy_decompress(&ci);
        return false;
    }
    /* The strongest reduction that still leaves at least the box's pixels in the crop. */
    unsigned d = 8;
    while (d > 1 &&
           ((unsigned)p.crop_w / d < (unsigned)p.tw || (unsigned)p.crop_h / d < (unsigned)p.th))
        d /= 2;
    ci.scale_num = 1;
    ci.scale_denom = d;
    bool cmyk = ci.jpeg_color_space == JCS_CMYK || ci.jpeg_color_space == JCS_YCCK;
    ci.out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
    jpeg_start_decompress(&ci);
    int w = (int)ci.output_width, h = (int)ci.output_height;
    sc = imgc_scaler_new(&p, w, h);
    row = malloc((size_t)w * (cmyk ? 4 : 3));
    if (!row) {
        imgc_scaler_free(sc);
        jpeg_destroy_decompress(&ci);
        return error_set(err, "out of memory for a %d-pixel row", w);
    }
    int y0, n;
    imgc_scaler_rows(sc, &y0, &n);
    bool inverted = ci.saw_Adobe_marker;
    while ((int)ci.output_scanline < y0 + n && !je.truncated) {
        int y = (int)ci.output_scanline;
        JSAMPROW r = row;
        if (jpeg_read_scanlines(&ci, &r, 1) != 1)
            break;
        if (cmyk) {
            for (int x = 0; x < w; x++) {
                const uint8_t *k = row + 4 * x;
                for (int c = 0; c < 3; c++) {
                    unsigned v = inverted ? (unsigned)k[c] * k[3] : (255u - k[c]) * (255u - k[3]);
                    row[3 * x + c] = (uint8_t)((v + 127) / 255);
                }
            }
        }
        imgc_scaler_row(sc, y, row);
    }
    bool truncated = je.truncated || (int)ci.output_scanline < y0 + n;
    free(row);
    row = NULL;
    jpeg_destroy_decompress(&ci);
    if (truncated) {
        imgc_scaler_free(sc);
        return error_set(err, "truncated JPEG: the data ends before the picture does");
    }
    imgc_scaler_finish(sc, out);
    return true;
}
