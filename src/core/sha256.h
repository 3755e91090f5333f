/*
 * SHA-256 (FIPS 180-4), incremental. Used to hash the visible pixel rows of rendered frames.
 * The context is a plain struct so a caller can keep a copy of the state after a prefix of the
 * data (the rows that did not change) and resume from it. Pure; thread-safe per context.
 */
#ifndef TICKER_CORE_SHA256_H
#define TICKER_CORE_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
    uint32_t h[8];
    uint64_t total; /* bytes hashed */
    uint8_t block[64];
    size_t fill; /* bytes waiting in block */
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t len);
/* Writes the digest; c is spent afterwards (init it again to reuse). */
void sha256_final(struct sha256 *c, uint8_t digest[32]);
/* Lower-case hex of a digest into out (65 bytes with the NUL). */
void sha256_hex(const uint8_t digest[32], char out[65]);

#endif
