/*
 * Private to the image codec (src/imgdecode/imgcodec*.c): the plan every format follows once
 * it has read its header, and the streaming scaler the decoders feed row by row.
 */
#ifndef TICKER_IMGDECODE_IMGCODEC_INTERNAL_H
#define TICKER_IMGDECODE_IMGCODEC_INTERNAL_H

#include "imgdecode/imgcodec.h"

/* What to do with an image, decided from its header alone. Coordinates are those of the
 * image as stored (before its orientation is applied). */
struct imgc_plan {
    int src_w, src_h;
    int orientation; /* 1..8 */
    int box_w, box_h;
    int crop_x, crop_y, crop_w, crop_h; /* the part of the stored image that fills the box */
    int tw, th;                         /* the crop scaled, before the orientation turns it */
};

/* Checks the size against the limits (err names both) and fills the plan. */
bool imgc_plan_make(struct imgc_plan *p, int src_w, int src_h, int orientation, int box_w,
                    int box_h, struct error *err);

/*
 * The streaming scaler: rows of an image of in_w x in_h pixels (the stored image, or a
 * decoder's reduced version of it: the plan's crop is scaled to match) arrive top down; only
 * the crop's rows and columns count. Memory is the output's size, whatever the input's.
 */
struct imgc_scaler;
struct imgc_scaler *imgc_scaler_new(const struct imgc_plan *p, int in_w, int in_h);
/* Row y of the input: in_w pixels of 3 bytes (RGB). Rows outside the crop are ignored. */
void imgc_scaler_row(struct imgc_scaler *s, int y, const uint8_t *rgb);
/* The first input row and the number of rows the crop needs (decoders skip the others). */
void imgc_scaler_rows(const struct imgc_scaler *s, int *y0, int *n);
/* Finishes: the oriented box_w x box_h RGB pixels into out (out->rgb, w, h); frees s. */
void imgc_scaler_finish(struct imgc_scaler *s, struct imgcodec_result *out);
void imgc_scaler_free(struct imgc_scaler *s);

/* RGBA to RGB on white (straight alpha), n pixels; dst may equal src. */
void imgc_rgba_on_white(uint8_t *dst, const uint8_t *src, size_t n);

/* The orientation (1..8) in an EXIF block that starts with its TIFF header ("II*\0" or
 * "MM\0*"); 1 when there is none or it is damaged. */
int imgc_exif_orientation(const uint8_t *tiff, size_t len);

/* The formats. Each reads its header, makes the plan and decodes through the scaler. */
bool imgc_jpeg(const uint8_t *data, size_t len, int box_w, int box_h, struct imgcodec_result *out,
               struct error *err);
bool imgc_png(const uint8_t *data, size_t len, int box_w, int box_h, struct imgcodec_result *out,
              struct error *err);
bool imgc_webp(const uint8_t *data, size_t len, int box_w, int box_h, struct imgcodec_result *out,
               struct error *err);

#endif
