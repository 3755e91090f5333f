/* SHA-256 against the FIPS 180-4 example digests, whole and in pieces. */
#include "check.h"
#include "core/sha256.h"
#include "core/util.h"

#include <stdlib.h>

static void hex_of(const void *data, size_t len, size_t piece, char out[65])
{
    struct sha256 c;
    uint8_t d[32];
    sha256_init(&c);
    const char *p = data;
    while (len) {
        size_t n = piece && piece < len ? piece : len;
        sha256_update(&c, p, n);
        p += n;
        len -= n;
    }
    sha256_final(&c, d);
    sha256_hex(d, out);
}

int main(void)
{
    static const struct {
        const char *msg, *want;
    } cases[] = {
        {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
        {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
    };
    char hex[65];
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        check_case("cases[%zu] \"%s\"", i, cases[i].msg);
        for (size_t piece = 0; piece < 5; piece++) {
            hex_of(cases[i].msg, strlen(cases[i].msg), piece, hex);
            CHECK_STR(hex, cases[i].want);
        }
    }
    check_case_end();
    /* One million 'a': crosses many blocks and tests the length encoding. */
    char *a = xmalloc(1000000);
    memset(a, 'a', 1000000);
    hex_of(a, 1000000, 0, hex);
    CHECK_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    hex_of(a, 1000000, 4099, hex);
    CHECK_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    /* A saved state resumes: the basis of hashing only the rows that changed. */
    struct sha256 c, saved;
    uint8_t d[32];
    sha256_init(&c);
    sha256_update(&c, a, 777);
    saved = c;
    sha256_update(&c, a, 1000000 - 777);
    sha256_final(&c, d);
    sha256_hex(d, hex);
    CHECK_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    sha256_update(&saved, a, 1000000 - 777);
    sha256_final(&saved, d);
    sha256_hex(d, hex);
    CHECK_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    free(a);
    return check_done();
}
