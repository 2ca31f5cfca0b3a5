/* SHA-256, HMAC-SHA-256, random tokens, and constant-time comparison: for hashed query codes,
 * session ids, API tokens, CSRF tokens and attachment checksums. */
#ifndef XXGK_CRYPTO_H
#define XXGK_CRYPTO_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint64_t len;
	unsigned char buf[64];
	size_t used;
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t n);
void sha256_final(struct sha256 *s, unsigned char out[32]);
/* Lower-case hex digest of data into out (65 bytes with the NUL). */
void sha256_hex(const void *data, size_t n, char out[65]);
void hmac_sha256(const void *key, size_t keylen, const void *msg, size_t n, unsigned char out[32]);
/* n random bytes from the kernel; false if it cannot supply them. */
bool random_bytes(void *out, size_t n);
/* A random token of nbytes bytes as lower-case hex (out holds 2*nbytes+1). */
bool random_hex(char *out, size_t nbytes);
void hex_encode(const unsigned char *in, size_t n, char *out);
bool equal_constant_time(const char *a, const char *b);

#endif
