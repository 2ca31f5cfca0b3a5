/* Sealing personal data, keyed hashes and the key file (see seal.h), through OpenSSL. */
#include "core/seal.h"
#include "core/crypto.h"
#include "core/gcm.h"
#include <errno.h>
#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *const seal_cipher_names[] = {[CIPHER_AES_256_GCM] = "aes-256-gcm", [CIPHER_SM4_GCM] = "sm4-gcm", NULL};
const char *const seal_hash_names[] = {[HASH_HMAC_SHA256] = "hmac-sha256", [HASH_HMAC_SM3] = "hmac-sm3", NULL};
static const size_t cipher_key_len[] = {[CIPHER_AES_256_GCM] = 32, [CIPHER_SM4_GCM] = 16};
#define MAC_KEY_LEN 32
/* The longest value sealed: the request form's fields are far shorter. */
#define SEAL_PLAIN_MAX 4096

static int word_index(const char *const *words, const char *w)
{
	for (int i = 0; words[i] != NULL; i++)
		if (strcmp(words[i], w) == 0)
			return i;
	return -1;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool hex_key(const char *hex, unsigned char *out, size_t n)
{
	if (hex == NULL || strlen(hex) != 2 * n)
		return false;
	for (size_t i = 0; i < n; i++) {
		int a = hex_digit(hex[2 * i]), b = hex_digit(hex[2 * i + 1]);
		if (a < 0 || b < 0)
			return false;
		out[i] = (unsigned char)(a << 4 | b);
	}
	return true;
}

/* ---- the key file ---- */

static bool parse_data(struct keyring *k, char **w, char *err, size_t errlen)
{
	char *end;
	unsigned long id = strtoul(w[1] ? w[1] : "", &end, 10);
	int c = w[2] ? word_index(seal_cipher_names, w[2]) : -1;
	if (w[1] == NULL || *end != '\0' || id == 0 || id > 1000000 || c < 0) {
		snprintf(err, errlen, "a data line is: data ID CIPHER HEX, CIPHER aes-256-gcm or sm4-gcm");
		return false;
	}
	if (keyring_find(k, (unsigned)id) != NULL || k->ndata == KEYRING_MAX) {
		snprintf(err, errlen, "data key %lu twice, or more than %d data keys", id, KEYRING_MAX);
		return false;
	}
	struct data_key *d = &k->data[k->ndata];
	memset(d, 0, sizeof *d);
	d->id = (unsigned)id;
	d->cipher = (enum seal_cipher)c;
	if (!hex_key(w[3], d->key, cipher_key_len[c])) {
		snprintf(err, errlen, "data key %lu: %zu bytes of hex expected", id, cipher_key_len[c]);
		return false;
	}
	k->ndata++;
	return true;
}

static bool parse_mac(struct mac_key *m, char **w, char *err, size_t errlen)
{
	int h = w[1] ? word_index(seal_hash_names, w[1]) : -1;
	if (h < 0 || m->set || !hex_key(w[2], m->key, MAC_KEY_LEN)) {
		snprintf(err, errlen, "%s: once, as %s HASH HEX (hmac-sha256 or hmac-sm3, %d bytes of hex)", w[0], w[0],
		         MAC_KEY_LEN);
		return false;
	}
	m->hash = (enum seal_hash)h;
	m->set = true;
	return true;
}

static bool parse_line(struct keyring *k, char *line, char *err, size_t errlen)
{
	char *w[5] = {0}, *save = NULL;
	int n = 0;
	for (char *t = strtok_r(line, " \t\r", &save); t != NULL && n < 5; t = strtok_r(NULL, " \t\r", &save))
		w[n++] = t;
	if (n == 0 || w[0][0] == '#')
		return true;
	if (strcmp(w[0], "data") == 0 && n == 4)
		return parse_data(k, w, err, errlen);
	if (strcmp(w[0], "index") == 0 && n == 3)
		return parse_mac(&k->index, w, err, errlen);
	if (strcmp(w[0], "audit") == 0 && n == 3)
		return parse_mac(&k->audit, w, err, errlen);
	snprintf(err, errlen, "not a key line (data ID CIPHER HEX, index HASH HEX, audit HASH HEX)");
	return false;
}

bool keyring_parse(struct keyring *k, const char *text, char *err, size_t errlen)
{
	memset(k, 0, sizeof *k);
	bool ok = true;
	int lineno = 0;
	char msg[200];
	for (const char *p = text; ok && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p)) {
		lineno++;
		size_t len = strcspn(p, "\n");
		char *line = strndup(p, len);
		ok = line != NULL && parse_line(k, line, msg, sizeof msg);
		if (!ok)
			snprintf(err, errlen, "line %d: %s", lineno, line ? msg : "out of memory");
		OPENSSL_cleanse(line, len);
		free(line);
	}
	if (!ok)
		keyring_wipe(k);
	return ok;
}

bool keyring_load(struct keyring *k, const char *path, char *err, size_t errlen)
{
	memset(k, 0, sizeof *k);
	FILE *f = fopen(path, "re");
	if (f == NULL) {
		snprintf(err, errlen, "cannot read the key file %s (%s); xxgkctl keys init creates it", path, strerror(errno));
		return false;
	}
	char text[8192];
	struct stat st;
	if (fstat(fileno(f), &st) != 0)
		memset(&st, 0, sizeof st);
	size_t n = fread(text, 1, sizeof text - 1, f);
	bool whole = feof(f) && !ferror(f);
	fclose(f);
	text[n] = '\0';
	char msg[256];
	bool ok = whole && keyring_parse(k, text, msg, sizeof msg);
	OPENSSL_cleanse(text, sizeof text);
	if (!ok)
		snprintf(err, errlen, "key file %s: %s", path, whole ? msg : "too long, or unreadable");
	k->path = path;
	k->st = st;
	return ok;
}

static void write_key(FILE *f, const unsigned char *key, size_t n)
{
	char hex[2 * SEAL_KEY_MAX + 1];
	hex_encode(key, n, hex);
	fputs(hex, f);
	OPENSSL_cleanse(hex, sizeof hex);
}

static void write_file(FILE *f, const struct keyring *k)
{
	fputs("# xxgk keys (README \"Personal data and keys\"). Readable by root and the service only;\n"
	      "# back it up apart from the database: without it the sealed personal data is lost.\n",
	      f);
	for (size_t i = 0; i < k->ndata; i++) {
		fprintf(f, "data %u %s ", k->data[i].id, seal_cipher_names[k->data[i].cipher]);
		write_key(f, k->data[i].key, cipher_key_len[k->data[i].cipher]);
		fputc('\n', f);
	}
	const struct mac_key *macs[] = {&k->index, &k->audit};
	const char *names[] = {"index", "audit"};
	for (size_t i = 0; i < 2; i++) {
		if (!macs[i]->set)
			continue;
		fprintf(f, "%s %s ", names[i], seal_hash_names[macs[i]->hash]);
		write_key(f, macs[i]->key, MAC_KEY_LEN);
		fputc('\n', f);
	}
}

bool keyring_save(const struct keyring *k, const char *path, char *err, size_t errlen)
{
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s.new", path);
	struct stat st;
	bool had = stat(path, &st) == 0;
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (f == NULL) {
		snprintf(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
		if (fd >= 0)
			close(fd);
		return false;
	}
	/* The old file's owner and group (root:xxgk after make install) carry over; the mode is
	 * 0640 whatever it was. */
	if (had && fchown(fd, st.st_uid, st.st_gid) != 0 && errno != EPERM) {
		snprintf(err, errlen, "cannot set the owner of %s: %s", tmp, strerror(errno));
		fclose(f);
		unlink(tmp);
		return false;
	}
	write_file(f, k);
	bool ok = fchmod(fd, 0640) == 0 && fflush(f) == 0 && fsync(fd) == 0;
	ok = fclose(f) == 0 && ok;
	if (!ok || rename(tmp, path) != 0) {
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
		unlink(tmp);
		return false;
	}
	return true;
}

void keyring_wipe(struct keyring *k)
{
	OPENSSL_cleanse(k, sizeof *k);
}

bool keyring_add_data(struct keyring *k, enum seal_cipher cipher)
{
	if (k->ndata == KEYRING_MAX)
		return false;
	const struct data_key *cur = keyring_current(k);
	struct data_key *d = &k->data[k->ndata];
	memset(d, 0, sizeof *d);
	d->id = cur ? cur->id + 1 : 1;
	d->cipher = cipher;
	if (!random_bytes(d->key, cipher_key_len[cipher]))
		return false;
	k->ndata++;
	return true;
}

bool keyring_add_macs(struct keyring *k, enum seal_hash hash)
{
	struct mac_key *macs[] = {&k->index, &k->audit};
	for (size_t i = 0; i < 2; i++) {
		if (macs[i]->set)
			continue;
		macs[i]->hash = hash;
		if (!random_bytes(macs[i]->key, MAC_KEY_LEN))
			return false;
		macs[i]->set = true;
	}
	return true;
}

const struct keyring *keyring_fresh(const struct keyring *k, struct keyring *spare)
{
	struct stat st;
	memset(spare, 0, sizeof *spare);
	if (k->path == NULL || stat(k->path, &st) != 0)
		return k;
	if (st.st_ino == k->st.st_ino && st.st_size == k->st.st_size && st.st_mtim.tv_sec == k->st.st_mtim.tv_sec &&
	    st.st_mtim.tv_nsec == k->st.st_mtim.tv_nsec)
		return k;
	char err[512];
	return keyring_load(spare, k->path, err, sizeof err) ? spare : k;
}

const struct data_key *keyring_current(const struct keyring *k)
{
	const struct data_key *best = NULL;
	for (size_t i = 0; i < k->ndata; i++)
		if (best == NULL || k->data[i].id > best->id)
			best = &k->data[i];
	return best;
}

const struct data_key *keyring_find(const struct keyring *k, unsigned id)
{
	for (size_t i = 0; i < k->ndata; i++)
		if (k->data[i].id == id)
			return &k->data[i];
	return NULL;
}

/* ---- sealing ---- */

/* OpenSSL's own GCM: AES always, SM4 from OpenSSL 3.2. */
static bool evp_gcm(const EVP_CIPHER *c, int enc, const struct data_key *k, const unsigned char *iv, const char *aad,
                    const unsigned char *in, size_t n, unsigned char *out, unsigned char *tag)
{
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int len = 0;
	bool ok = ctx != NULL && EVP_CipherInit_ex(ctx, c, NULL, NULL, NULL, enc) == 1 &&
	          EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, GCM_IV_LEN, NULL) == 1 &&
	          EVP_CipherInit_ex(ctx, NULL, NULL, k->key, iv, enc) == 1 &&
	          EVP_CipherUpdate(ctx, NULL, &len, (const unsigned char *)aad, (int)strlen(aad)) == 1 &&
	          (n == 0 || EVP_CipherUpdate(ctx, out, &len, in, (int)n) == 1) &&
	          (enc || EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, GCM_TAG_LEN, tag) == 1) &&
	          EVP_CipherFinal_ex(ctx, out + n, &len) == 1 &&
	          (!enc || EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, GCM_TAG_LEN, tag) == 1);
	EVP_CIPHER_CTX_free(ctx);
	return ok;
}

static bool gcm(int enc, const struct data_key *k, const unsigned char *iv, const char *aad, const unsigned char *in,
                size_t n, unsigned char *out, unsigned char *tag)
{
	if (k->cipher == CIPHER_AES_256_GCM)
		return evp_gcm(EVP_aes_256_gcm(), enc, k, iv, aad, in, n, out, tag);
#if OPENSSL_VERSION_NUMBER >= 0x30200000L
	EVP_CIPHER *native = EVP_CIPHER_fetch(NULL, "SM4-GCM", NULL);
	if (native != NULL) {
		bool ok = evp_gcm(native, enc, k, iv, aad, in, n, out, tag);
		EVP_CIPHER_free(native);
		return ok;
	}
#endif
	if (enc)
		return gcm_ecb_seal(EVP_sm4_ecb(), k->key, iv, (const unsigned char *)aad, strlen(aad), in, n, out, tag);
	return gcm_ecb_open(EVP_sm4_ecb(), k->key, iv, (const unsigned char *)aad, strlen(aad), in, n, out, tag);
}

const char *seal_text(struct pool *p, const struct data_key *key, const char *aad, const char *plain)
{
	if (plain == NULL || *plain == '\0')
		return "";
	size_t n = strlen(plain);
	if (key == NULL || n > SEAL_PLAIN_MAX)
		return NULL;
	size_t total = GCM_IV_LEN + n + GCM_TAG_LEN;
	unsigned char *raw = pool_alloc(p, total + 16);
	if (!random_bytes(raw, GCM_IV_LEN) ||
	    !gcm(1, key, raw, aad, (const unsigned char *)plain, n, raw + GCM_IV_LEN, raw + GCM_IV_LEN + n))
		return NULL;
	char *out = pool_alloc(p, (size_t)EVP_ENCODE_LENGTH(total) + 1);
	EVP_EncodeBlock((unsigned char *)out, raw, (int)total);
	return out;
}

const char *seal_open(struct pool *p, const struct data_key *key, const char *aad, const char *sealed)
{
	if (sealed == NULL || *sealed == '\0')
		return "";
	size_t len = strlen(sealed);
	if (key == NULL || len % 4 != 0 || len > 2 * SEAL_PLAIN_MAX)
		return NULL;
	unsigned char *raw = pool_alloc(p, len);
	int got = EVP_DecodeBlock(raw, (const unsigned char *)sealed, (int)len);
	if (got < 0)
		return NULL;
	size_t total = (size_t)got - (len >= 1 && sealed[len - 1] == '=') - (len >= 2 && sealed[len - 2] == '=');
	if (total < GCM_IV_LEN + GCM_TAG_LEN)
		return NULL;
	size_t n = total - GCM_IV_LEN - GCM_TAG_LEN;
	char *out = pool_alloc(p, n + 16 + 1);
	if (!gcm(0, key, raw, aad, raw + GCM_IV_LEN, n, (unsigned char *)out, raw + GCM_IV_LEN + n))
		return NULL;
	out[n] = '\0';
	return strlen(out) == n ? out : NULL;
}

bool seal_mac_hex(const struct mac_key *m, const void *msg, size_t n, char out[65])
{
	unsigned char mac[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	if (!m->set || HMAC(m->hash == HASH_HMAC_SM3 ? EVP_sm3() : EVP_sha256(), m->key, MAC_KEY_LEN, msg, n, mac, &len) ==
	                   NULL || len != 32)
		return false;
	hex_encode(mac, 32, out);
	return true;
}

bool secret_file_warn(const char *path, const char *what, const char *prog, FILE *f)
{
	struct stat st;
	if (path == NULL || stat(path, &st) != 0 || (st.st_mode & (S_IROTH | S_IWOTH)) == 0)
		return false;
	fprintf(f,
	        "%s: WARNING: the %s %s can be read by every user of this machine (mode %04o); "
	        "chmod o-rwx %s (make install sets 0640 root:xxgk)\n",
	        prog, what, path, (unsigned)(st.st_mode & 07777), path);
	return true;
}
