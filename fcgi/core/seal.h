/* Applicants' personal data sealed at rest (《个人信息保护法》 Art. 28 and 51): authenticated
 * encryption (AES-256-GCM, or SM4-GCM for sites that must pass a 密评 assessment) under keys
 * kept in a file outside the database ([keys] file), a keyed hash (HMAC-SHA-256 or HMAC-SM3) for
 * the lookups that need equality, and the audit log's chain key.
 *
 * The key file, one key a line ('#' starts a comment):
 *   data ID CIPHER HEX   seals personal data; new values take the highest ID (xxgkctl keys rotate)
 *   index HASH HEX       the keyed hash of an applicant's identity (the monthly count)
 *   audit HASH HEX       the audit log's chain (core/audit.h)
 * A sealed value is base64 of nonce (12 bytes), ciphertext and tag (16); the row says which data
 * key sealed it, and the additional data names the row and column, so that a value moved to
 * another row or column does not open. */
#ifndef XXGK_SEAL_H
#define XXGK_SEAL_H
#include "core/pool.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>

#define KEYRING_MAX 16
#define SEAL_KEY_MAX 32

enum seal_cipher { CIPHER_AES_256_GCM, CIPHER_SM4_GCM };
enum seal_hash { HASH_HMAC_SHA256, HASH_HMAC_SM3 };
extern const char *const seal_cipher_names[]; /* "aes-256-gcm", "sm4-gcm", NULL */
extern const char *const seal_hash_names[];   /* "hmac-sha256", "hmac-sm3", NULL */

struct data_key {
	unsigned id;
	enum seal_cipher cipher;
	unsigned char key[SEAL_KEY_MAX];
};

struct mac_key {
	enum seal_hash hash;
	unsigned char key[SEAL_KEY_MAX];
	bool set;
};

struct keyring {
	struct data_key data[KEYRING_MAX];
	size_t ndata;
	struct mac_key index, audit;
	const char *path; /* the file it was read from */
	struct stat st;   /* the file's, when it was read */
};

/* Reads the key file; false with err on an unreadable file or a bad line. */
bool keyring_load(struct keyring *k, const char *path, char *err, size_t errlen);
bool keyring_parse(struct keyring *k, const char *text, char *err, size_t errlen);
/* Writes the file anew beside itself and renames it into place, mode 0640. */
bool keyring_save(const struct keyring *k, const char *path, char *err, size_t errlen);
/* Clears the key bytes. */
void keyring_wipe(struct keyring *k);
/* A new random data key with the next id (it becomes the current one); false when full. */
bool keyring_add_data(struct keyring *k, enum seal_cipher cipher);
/* New random index and audit keys where there are none. */
bool keyring_add_macs(struct keyring *k, enum seal_hash hash);
/* The keys as the file has them now: k, or, when the file changed since k was read (a rotation
 * the service has not been reloaded for), the file read again into spare (keyring_wipe it after
 * use); k when it cannot be read now. */
const struct keyring *keyring_fresh(const struct keyring *k, struct keyring *spare);
/* The key new values are sealed with (NULL: none), and a key by id. */
const struct data_key *keyring_current(const struct keyring *k);
const struct data_key *keyring_find(const struct keyring *k, unsigned id);

/* plain sealed under key, bound to aad: base64 text, "" for "" and NULL; NULL on failure. */
const char *seal_text(struct pool *p, const struct data_key *key, const char *aad, const char *plain);
/* The plain text, or NULL when the value was not sealed under key with this aad (changed, moved,
 * or another key). "" opens to "". */
const char *seal_open(struct pool *p, const struct data_key *key, const char *aad, const char *sealed);
/* The keyed hash of msg as lower-case hex (65 bytes with the NUL); false when unset. */
bool seal_mac_hex(const struct mac_key *m, const void *msg, size_t n, char out[65]);

/* Warns on f, loudly, when path is readable by every user; true when it was. */
bool secret_file_warn(const char *path, const char *what, const char *prog, FILE *f);

#endif
