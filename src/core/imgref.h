/*
 * Finding a story's picture in HTML (docs/images.md): the page's og:image (or twitter:image)
 * when the fetcher has the article page anyway, and the first real <img> of a feed item's
 * HTML content. A small scanner of tags and attributes, linear and bounded (it looks at the
 * first IMGREF_SCAN_BYTES only): the full HTML parser is not needed to read two attributes.
 *
 * Pure and thread-safe.
 */
#ifndef TICKER_CORE_IMGREF_H
#define TICKER_CORE_IMGREF_H

#include <stddef.h>

/* The scanners look this far into a document (a page's <head> and a feed item's content). */
#define IMGREF_SCAN_BYTES (512u * 1024)

/* The content of the first <meta property="og:image"> (og:image:url, og:image:secure_url,
 * twitter:image, twitter:image:src), entities decoded; NULL when none. New string. */
char *imgref_og_image(const char *html, size_t len);

/*
 * The src of the first <img> that is a picture: not a data: URI, not 1 or 2 pixels wide or
 * high by its attributes (tracking pixels), not an emoji or smiley; srcset's first candidate
 * when there is no src. Entities decoded, not resolved; NULL when none. New string.
 */
char *imgref_first_img(const char *html, size_t len);

#endif
