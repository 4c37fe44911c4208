/* Minimal SHA-256 (FIPS 180-4), used by -version to hash the running binary. */
#ifndef NBREF_SHA256_H
#define NBREF_SHA256_H
#include <stddef.h>
#include <stdint.h>
typedef struct {
    uint32_t h[8];
    uint64_t nbytes;
    unsigned char blk[64];
    size_t fill;
} sha256_ctx;
void sha256_start(sha256_ctx *c);
void sha256_feed(sha256_ctx *c, const void *data, size_t len);
void sha256_hex(sha256_ctx *c, char out[65]);
#endif
