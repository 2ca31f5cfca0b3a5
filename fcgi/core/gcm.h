/* GCM (NIST SP 800-38D) over any 128-bit block cipher that OpenSSL offers in ECB mode, with a
 * 96-bit IV and a 128-bit tag: for SM4-GCM where OpenSSL has SM4 but not its GCM mode (3.0, as
 * in Debian 12; OpenSSL 3.2 added it, and seal.c uses OpenSSL's own when it is there). */
#ifndef XXGK_GCM_H
#define XXGK_GCM_H
#include <openssl/evp.h>
#include <stdbool.h>
#include <stddef.h>

#define GCM_IV_LEN 12
#define GCM_TAG_LEN 16

/* out (n bytes) and tag from in; false when the cipher cannot be set up. */
bool gcm_ecb_seal(const EVP_CIPHER *ecb, const unsigned char *key, const unsigned char iv[GCM_IV_LEN],
                  const unsigned char *aad, size_t aadlen, const unsigned char *in, size_t n, unsigned char *out,
                  unsigned char tag[GCM_TAG_LEN]);
/* out (n bytes) from in when tag is right; false otherwise (out is then zeroed). */
bool gcm_ecb_open(const EVP_CIPHER *ecb, const unsigned char *key, const unsigned char iv[GCM_IV_LEN],
                  const unsigned char *aad, size_t aadlen, const unsigned char *in, size_t n, unsigned char *out,
                  const unsigned char tag[GCM_TAG_LEN]);

#endif
