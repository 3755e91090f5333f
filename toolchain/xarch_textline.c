/*
 * Cross-architecture check of the text rasteriser (used by toolchain/xarch-textline.sh): prints,
 * for each input file, one SHA-256 over the lines it renders to (12 and 40 px, regular and bold,
 * default font set with fontconfig fallbacks, chunks of 2048): width, height, ascent, missing
 * count and every coverage byte. The same program built for amd64 and for arm64 (run under
 * qemu-aarch64) must print the same lines: docs/architecture.md promises identical pixels.
 *
 * Not part of the build (a developer tool): the script compiles it against each build's
 * static libraries.
 */
#include "core/error.h"
#include "core/sha256.h"
#include "render/textline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    struct error err = {0};
    /* The bundled fonts, as the programs use them (the script passes TICKER_ASSETS_DIR). */
    struct font_set_config fc = {.main_path = TICKER_ASSETS_DIR "/fonts/DejaVuSans.ttf",
                                 .bold_path = TICKER_ASSETS_DIR "/fonts/DejaVuSans-Bold.ttf"};
    struct font_set *fs = font_set_new(&fc, &err);
    if (!fs) {
        fprintf(stderr, "xarch_textline: %s\n", err.msg);
        return 1;
    }
    static char buf[2 * TEXTLINE_MAX_BYTES];
    static const int sizes[] = {12, 40};
    int rc = 0;
    for (int a = 1; a < argc; a++) {
        FILE *f = fopen(argv[a], "rb");
        if (!f) {
            fprintf(stderr, "xarch_textline: %s: cannot open\n", argv[a]);
            rc = 1;
            continue;
        }
        size_t n = fread(buf, 1, sizeof(buf), f);
        fclose(f);
        struct sha256 c;
        sha256_init(&c);
        for (size_t si = 0; si < sizeof(sizes) / sizeof(sizes[0]); si++) {
            for (int b = 0; b < 2; b++) {
                struct text_style st = {.px = sizes[si], .bold = b == 1};
                struct textline *l = textline_render(fs, buf, n, &st, 2048, &err);
                if (!l) {
                    fprintf(stderr, "xarch_textline: %s: %s\n", argv[a], err.msg);
                    font_set_free(fs);
                    return 1;
                }
                /* Fixed-width little-endian header, so both sides hash the same bytes. */
                uint8_t hdr[16];
                uint32_t v[4] = {(uint32_t)l->width, (uint32_t)l->height, (uint32_t)l->ascent,
                                 (uint32_t)l->missing};
                for (int i = 0; i < 16; i++)
                    hdr[i] = (uint8_t)(v[i / 4] >> (8 * (i % 4)));
                sha256_update(&c, hdr, sizeof(hdr));
                for (size_t k = 0; k < l->n_chunks; k++) {
                    const struct textline_chunk *ch = &l->chunks[k];
                    for (int y = 0; y < l->height; y++)
                        sha256_update(&c, ch->coverage + (size_t)y * (size_t)ch->pitch,
                                      (size_t)ch->w);
                }
                textline_free(l);
            }
        }
        uint8_t d[32];
        char hex[65];
        sha256_final(&c, d);
        sha256_hex(d, hex);
        const char *base = strrchr(argv[a], '/');
        printf("%s %s\n", hex, base ? base + 1 : argv[a]);
    }
    font_set_free(fs);
    return rc;
}
