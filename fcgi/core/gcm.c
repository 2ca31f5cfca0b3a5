/* GCM over an ECB block cipher (see gcm.h). The values sealed are a few hundred bytes at most,
 * so GHASH is the specification's bit-by-bit multiplication, not a table-driven one. */
#include "core/gcm.h"
#include <openssl/crypto.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct u128 {
	uint64_t hi, lo;
};

static struct u128 load(const unsigned char b[16])
{
	struct u128 v = {0, 0};
	for (int i = 0; i < 8; i++) {
		v.hi = v.hi << 8 | b[i];
		v.lo = v.lo << 8 | b[8 + i];
	}
	return v;
}

static void store(struct u128 v, unsigned char b[16])
{
	for (int i = 7; i >= 0; i--) {
		b[i] = (unsigned char)v.hi;
		b[8 + i] = (unsigned char)v.lo;
		v.hi >>= 8;
		v.lo >>= 8;
	}
}

/* X·Y in GF(2^128) with GCM's bit order (SP 800-38D, algorithm 1). */
static struct u128 gf_mul(struct u128 x, struct u128 y)
{
	struct u128 z = {0, 0}, v = y;
	for (int i = 0; i < 128; i++) {
		uint64_t bit = i < 64 ? x.hi >> (63 - i) & 1 : x.lo >> (127 - i) & 1;
		uint64_t mask = (uint64_t)0 - bit;
		z.hi ^= v.hi & mask;
		z.lo ^= v.lo & mask;
		uint64_t carry = (uint64_t)0 - (v.lo & 1);
		v.lo = v.lo >> 1 | v.hi << 63;
		v.hi = v.hi >> 1 ^ (0xe100000000000000ULL & carry);
	}
	return z;
}

static void ghash_blocks(struct u128 *y, struct u128 h, const unsigned char *p, size_t n)
{
	for (size_t off = 0; off < n; off += 16) {
		unsigned char blk[16] = {0};
		memcpy(blk, p + off, n - off < 16 ? n - off : 16);
		struct u128 x = load(blk);
		y->hi ^= x.hi;
		y->lo ^= x.lo;
		*y = gf_mul(*y, h);
	}
}

/* GHASH_H(A, C) xor E(K, J0): the tag. ks holds E(K, 0), E(K, J0), then the key stream. */
static void tag_of(const unsigned char *ks, const unsigned char *aad, size_t aadlen, const unsigned char *ct, size_t n,
                   unsigned char tag[GCM_TAG_LEN])
{
	struct u128 h = load(ks), y = {0, 0};
	ghash_blocks(&y, h, aad, aadlen);
	ghash_blocks(&y, h, ct, n);
	struct u128 lens = {(uint64_t)aadlen * 8, (uint64_t)n * 8};
	unsigned char lb[16];
	store(lens, lb);
	ghash_blocks(&y, h, lb, 16);
	store(y, tag);
	for (int i = 0; i < GCM_TAG_LEN; i++)
		tag[i] ^= ks[16 + i];
}

/* E(K, 0), E(K, J0), E(K, inc32(J0)), ... enough blocks for n bytes; NULL on failure. */
static unsigned char *key_stream(const EVP_CIPHER *ecb, const unsigned char *key, const unsigned char iv[GCM_IV_LEN],
                                 size_t n, size_t *len)
{
	size_t blocks = 2 + (n + 15) / 16;
	*len = blocks * 16;
	unsigned char *in = calloc(blocks, 16), *out = malloc(blocks * 16 + 16);
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	bool ok = in != NULL && out != NULL && ctx != NULL;
	for (size_t b = 1; ok && b < blocks; b++) {
		unsigned char *c = in + b * 16;
		memcpy(c, iv, GCM_IV_LEN);
		uint32_t counter = (uint32_t)b;
		c[12] = (unsigned char)(counter >> 24);
		c[13] = (unsigned char)(counter >> 16);
		c[14] = (unsigned char)(counter >> 8);
		c[15] = (unsigned char)counter;
	}
	int got = 0;
	ok = ok && EVP_EncryptInit_ex(ctx, ecb, NULL, key, NULL) == 1 && EVP_CIPHER_CTX_set_padding(ctx, 0) == 1 &&
	     EVP_EncryptUpdate(ctx, out, &got, in, (int)*len) == 1 && (size_t)got == *len;
	EVP_CIPHER_CTX_free(ctx);
	free(in);
	if (!ok) {
		free(out);
		return NULL;
	}
	return out;
}

bool gcm_ecb_seal(const EVP_CIPHER *ecb, const unsigned char *key, const unsigned char iv[GCM_IV_LEN],
                  const unsigned char *aad, size_t aadlen, const unsigned char *in, size_t n, unsigned char *out,
                  unsigned char tag[GCM_TAG_LEN])
{
	size_t len;
	unsigned char *ks = key_stream(ecb, key, iv, n, &len);
	if (ks == NULL)
		return false;
	for (size_t i = 0; i < n; i++)
		out[i] = in[i] ^ ks[32 + i];
	tag_of(ks, aad, aadlen, out, n, tag);
	OPENSSL_cleanse(ks, len);
	free(ks);
	return true;
}

bool gcm_ecb_open(const EVP_CIPHER *ecb, const unsigned char *key, const unsigned char iv[GCM_IV_LEN],
                  const unsigned char *aad, size_t aadlen, const unsigned char *in, size_t n, unsigned char *out,
                  const unsigned char tag[GCM_TAG_LEN])
{
	size_t len;
	unsigned char *ks = key_stream(ecb, key, iv, n, &len), want[GCM_TAG_LEN];
	if (ks == NULL)
		return false;
	tag_of(ks, aad, aadlen, in, n, want);
	bool ok = CRYPTO_memcmp(want, tag, GCM_TAG_LEN) == 0;
	for (size_t i = 0; i < n; i++)
		out[i] = ok ? in[i] ^ ks[32 + i] : 0;
	OPENSSL_cleanse(ks, len);
	free(ks);
	return ok;
}
