#include "core/crypto.h"
#include "unit.h"

void test_sha256(void)
{
	char hex[65];
	sha256_hex("", 0, hex);
	CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	sha256_hex("abc", 3, hex);
	CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	sha256_hex(m, strlen(m), hex);
	CHECK_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	/* RFC 4231 test case 2 */
	unsigned char mac[32];
	hmac_sha256("Jefe", 4, "what do ya want for nothing?", 28, mac);
	hex_encode(mac, 32, hex);
	CHECK_STR(hex, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	char t1[65], t2[65];
	CHECK(random_hex(t1, 32) && random_hex(t2, 32) && strlen(t1) == 64 && strcmp(t1, t2) != 0);
	CHECK(equal_constant_time("abc", "abc") && !equal_constant_time("abc", "abd") && !equal_constant_time("abc", "ab"));
}

/* ---- sealing (core/seal.h, core/gcm.h) ---- */
#include "core/audit.h"
#include "core/gcm.h"
#include "core/pool.h"
#include "core/seal.h"
#include <openssl/evp.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static void unhex(const char *hex, unsigned char *out)
{
	for (size_t i = 0; hex[2 * i]; i++) {
		unsigned v;
		sscanf(hex + 2 * i, "%2x", &v);
		out[i] = (unsigned char)v;
	}
}

/* RFC 8998 A.1: SM4-GCM through our GCM over OpenSSL's SM4 block. */
void test_sm4_gcm_rfc8998(void)
{
	unsigned char key[16], iv[12], aad[20], in[64], want[64], tag_want[16], out[64], tag[16], back[64];
	unhex("0123456789ABCDEFFEDCBA9876543210", key);
	unhex("00001234567800000000ABCD", iv);
	unhex("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2", aad);
	unhex("AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDD"
	      "EEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA",
	      in);
	unhex("17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735"
	      "D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D",
	      want);
	unhex("83DE3541E4C2B58177E065A9BF7B62EC", tag_want);
	CHECK(gcm_ecb_seal(EVP_sm4_ecb(), key, iv, aad, sizeof aad, in, sizeof in, out, tag));
	CHECK(memcmp(out, want, 64) == 0 && memcmp(tag, tag_want, 16) == 0);
	CHECK(gcm_ecb_open(EVP_sm4_ecb(), key, iv, aad, sizeof aad, out, sizeof out, back, tag));
	CHECK(memcmp(back, in, 64) == 0);
	tag[0] ^= 1;
	CHECK(!gcm_ecb_open(EVP_sm4_ecb(), key, iv, aad, sizeof aad, out, sizeof out, back, tag));
}

/* Our GCM over AES's block gives what OpenSSL's AES-256-GCM gives, at every length up to 3 blocks
 * and more, with and without additional data. */
void test_gcm_matches_openssl(void)
{
	unsigned char key[32], iv[12], aad[40], in[70], out[70], tag[16], ref[70], rtag[16];
	CHECK(random_bytes(key, 32) && random_bytes(iv, 12) && random_bytes(aad, 40) && random_bytes(in, 70));
	for (int n = 0; n <= 70; n += 7) {
		for (int a = 0; a <= 40; a += 20) {
			EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
			int len = 0;
			CHECK(EVP_EncryptInit_ex(c, EVP_aes_256_gcm(), NULL, key, iv) == 1);
			CHECK(EVP_EncryptUpdate(c, NULL, &len, aad, a) == 1);
			CHECK(n == 0 || EVP_EncryptUpdate(c, ref, &len, in, n) == 1);
			CHECK(EVP_EncryptFinal_ex(c, ref + n, &len) == 1);
			CHECK(EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, 16, rtag) == 1);
			EVP_CIPHER_CTX_free(c);
			CHECK(gcm_ecb_seal(EVP_aes_256_ecb(), key, iv, aad, (size_t)a, in, (size_t)n, out, tag));
			CHECK(memcmp(out, ref, (size_t)n) == 0 && memcmp(tag, rtag, 16) == 0);
		}
	}
}

static const char *test_keys =
    "# a comment\n"
    "data 1 aes-256-gcm 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n"
    "data 2 sm4-gcm 0123456789abcdeffedcba9876543210\n"
    "index hmac-sha256 202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f\n"
    "audit hmac-sm3 404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f\n";

void test_seal_open(void)
{
	struct keyring k;
	char err[256];
	CHECK(keyring_parse(&k, test_keys, err, sizeof err));
	CHECK(k.ndata == 2 && keyring_current(&k)->id == 2 && keyring_current(&k)->cipher == CIPHER_SM4_GCM);
	struct pool *p = pool_new();
	const char *idn = "53090219800101123X", *addr = "云南省临沧市临翔区南塘街 1 号";
	for (unsigned id = 1; id <= 2; id++) {
		const struct data_key *key = keyring_find(&k, id);
		const char *s = seal_text(p, key, "requests|id_number|1|LC-2026-00001", idn);
		CHECK(s != NULL && strstr(s, idn) == NULL && strstr(s, "1980") == NULL);
		CHECK_STR(seal_open(p, key, "requests|id_number|1|LC-2026-00001", s), idn);
		/* another row, another column, another key, a changed byte: nothing opens */
		CHECK(seal_open(p, key, "requests|id_number|1|LC-2026-00002", s) == NULL);
		CHECK(seal_open(p, key, "requests|phone|1|LC-2026-00001", s) == NULL);
		CHECK(seal_open(p, keyring_find(&k, 3 - id), "requests|id_number|1|LC-2026-00001", s) == NULL);
		char *t = pool_strdup(p, s);
		t[20] = t[20] == 'A' ? 'B' : 'A';
		CHECK(seal_open(p, key, "requests|id_number|1|LC-2026-00001", t) == NULL);
		CHECK(seal_open(p, key, "x", "not base64!") == NULL && seal_open(p, key, "x", "QUJD") == NULL);
		/* the same value twice seals differently (a fresh nonce) */
		CHECK(strcmp(s, seal_text(p, key, "requests|id_number|1|LC-2026-00001", idn)) != 0);
		const char *a = seal_text(p, key, "a", addr);
		CHECK_STR(seal_open(p, key, "a", a), addr);
		CHECK_STR(seal_text(p, key, "a", ""), "");
		CHECK_STR(seal_open(p, key, "a", ""), "");
	}
	pool_free(p);
	keyring_wipe(&k);
}

void test_keyring_file(void)
{
	struct keyring k, back;
	char err[256];
	CHECK(!keyring_parse(&k, "data 1 aes-256-gcm 00\n", err, sizeof err) && strstr(err, "line 1") != NULL);
	CHECK(!keyring_parse(&k, "data 1 des 00\n", err, sizeof err));
	CHECK(!keyring_parse(&k, "# x\nindex hmac-sha256 zz\n", err, sizeof err) && strstr(err, "line 2") != NULL);
	CHECK(!keyring_parse(&k, "data 1 sm4-gcm 0123456789abcdeffedcba9876543210\n"
	                         "data 1 sm4-gcm 0123456789abcdeffedcba9876543210\n",
	                     err, sizeof err));
	CHECK(!keyring_parse(&k, "key = value\n", err, sizeof err));
	CHECK(keyring_parse(&k, test_keys, err, sizeof err));
	CHECK(keyring_add_data(&k, CIPHER_AES_256_GCM) && keyring_current(&k)->id == 3);
	char dir[] = "/tmp/xxgk-unit-keys-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char path[64];
	snprintf(path, sizeof path, "%s/xxgk.key", dir);
	CHECK(keyring_save(&k, path, err, sizeof err));
	struct stat st;
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0640);
	CHECK(keyring_load(&back, path, err, sizeof err));
	CHECK(back.ndata == 3 && memcmp(back.data, k.data, sizeof k.data[0] * 3) == 0);
	CHECK(back.index.set && back.audit.set && back.audit.hash == HASH_HMAC_SM3);
	CHECK(memcmp(back.index.key, k.index.key, 32) == 0 && memcmp(back.audit.key, k.audit.key, 32) == 0);
	/* a process that read the file before a rotation finds the new key */
	struct keyring spare;
	CHECK(keyring_fresh(&back, &spare) == &back);
	CHECK(keyring_add_data(&k, CIPHER_SM4_GCM) && keyring_save(&k, path, err, sizeof err));
	const struct keyring *now = keyring_fresh(&back, &spare);
	CHECK(now == &spare && keyring_current(now)->id == 4);
	keyring_wipe(&spare);
	CHECK(!secret_file_warn(path, "key file", "unit", stderr));
	chmod(path, 0644);
	FILE *devnull = fopen("/dev/null", "w");
	CHECK(secret_file_warn(path, "key file", "unit", devnull));
	fclose(devnull);
	unlink(path);
	rmdir(dir);
	CHECK(!keyring_load(&back, path, err, sizeof err) && strstr(err, "keys init") != NULL);
	keyring_wipe(&k);
}

void test_keyed_hashes(void)
{
	struct keyring k;
	char err[256], a[65], b[65], ref[65];
	CHECK(keyring_parse(&k, test_keys, err, sizeof err));
	/* HMAC-SHA-256 through OpenSSL is the HMAC of crypto.c */
	unsigned char mac[32];
	CHECK(seal_mac_hex(&k.index, "person|resident-id|X", 20, a));
	hmac_sha256(k.index.key, 32, "person|resident-id|X", 20, mac);
	hex_encode(mac, 32, ref);
	CHECK_STR(a, ref);
	CHECK(seal_mac_hex(&k.audit, "person|resident-id|X", 20, b) && strcmp(a, b) != 0 && strlen(b) == 64);
	/* the audit chain: every field counts, NULL is not "" */
	const char *f[AF__N] = {"1", "2026-12-04 21:00:00.123", NULL, "admin", "", "request.file", "request", "7",
	                        NULL, "{}", ""};
	CHECK(audit_chain_hash(&k, "00", f, a));
	for (int i = 0; i < AF__N; i++) {
		const char *old = f[i];
		char changed[64];
		snprintf(changed, sizeof changed, "%sx", old ? old : "");
		f[i] = old == NULL ? "" : changed;
		CHECK(audit_chain_hash(&k, "00", f, b) && strcmp(a, b) != 0);
		f[i] = old;
	}
	CHECK(audit_chain_hash(&k, "01", f, b) && strcmp(a, b) != 0);
	keyring_wipe(&k);
}
