/* The CPU one filing spends sealing personal data (make bench-seal): per filing, the four fields
 * sealed with their masks (ysqgk_pii_seal), the applicant's keyed hash and the audit entry's
 * chain hash; and opening the four on the case page. Random keys, AES-256-GCM and SM4-GCM.
 * Prints the fastest, median and slowest of 25 rounds of 2,000 filings, in microseconds. */
#include "core/audit.h"
#include "core/crypto.h"
#include "ysqgk/ysqgk_pii.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ROUNDS 25
#define PER_ROUND 2000

static double now_us(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static const char *const plain[PII__N] = {"53090219800101123X", "13987651234", "applicant@example.com",
                                          "云南省临沧市临翔区南塘街道办事处测试路 1 号 2 单元 301 室"};
static const char *after_json =
    "{\"tracking_no\":\"LINCANG-2026-00001\",\"channel\":\"online\",\"applicant_type\":\"person\",\"org_kind\":\"\","
    "\"name\":\"申请人\",\"org_code\":\"\",\"id_type\":\"resident-id\",\"id_number\":\"5309**********123X\","
    "\"phone\":\"139****1234\",\"email\":\"a***@example.com\",\"address\":\"云南省临沧市****\","
    "\"received_on\":\"2026-12-04\",\"due_on\":\"2027-01-04\",\"provisional\":true,\"month_seq\":1,\"attachments\":0}";

static void one_filing(const struct keyring *k, struct pool *p)
{
	struct ysqgk_sealed s;
	char key[65], hash[65];
	if (ysqgk_pii_seal(p, k, 1, "LINCANG-2026-00001", plain, &s) != XE_OK ||
	    !ysqgk_applicant_key(k, "person|resident-id|53090219800101123X", key))
		abort();
	const char *f[AF__N] = {"1", "2026-12-04 21:00:00.123", "1", "public", "127.0.0.1", "request.file", "request", "1",
	                        NULL, after_json, ""};
	if (!audit_chain_hash(k, "0000000000000000000000000000000000000000000000000000000000000000", f, hash))
		abort();
}

static void one_open(const struct keyring *k, struct pool *p, const struct ysqgk_sealed *s)
{
	for (int f = 0; f < PII__N; f++)
		if (ysqgk_pii_open(p, k, "1", 1, "LINCANG-2026-00001", (enum pii_field)f, s->value[f]) == NULL)
			abort();
}

static void measure(const char *what, const struct keyring *k, bool open)
{
	double us[ROUNDS];
	struct pool *p = pool_new();
	struct ysqgk_sealed s;
	if (ysqgk_pii_seal(p, k, 1, "LINCANG-2026-00001", plain, &s) != XE_OK)
		abort();
	for (int r = 0; r < ROUNDS; r++) {
		double t0 = now_us();
		for (int i = 0; i < PER_ROUND; i++) {
			struct pool *q = pool_new();
			if (open)
				one_open(k, q, &s);
			else
				one_filing(k, q);
			pool_free(q);
		}
		us[r] = (now_us() - t0) / PER_ROUND;
	}
	pool_free(p);
	qsort(us, ROUNDS, sizeof us[0], by_value);
	printf("%-44s %6.2f  %6.2f  %6.2f\n", what, us[0], us[ROUNDS / 2], us[ROUNDS - 1]);
}

int main(void)
{
	char hex[3][65], text[600], err[256];
	for (int i = 0; i < 3; i++)
		if (!random_hex(hex[i], 32))
			return 1;
	printf("%-44s %6s  %6s  %6s  (us per filing)\n", "", "min", "median", "max");
	const char *ciphers[] = {"aes-256-gcm", "sm4-gcm"}, *hashes[] = {"hmac-sha256", "hmac-sm3"};
	for (int c = 0; c < 2; c++) {
		snprintf(text, sizeof text, "data 1 %s %.*s\nindex %s %s\naudit %s %s\n", ciphers[c], c ? 32 : 64, hex[0],
		         hashes[c], hex[1], hashes[c], hex[2]);
		struct keyring k;
		if (!keyring_parse(&k, text, err, sizeof err)) {
			fprintf(stderr, "%s\n", err);
			return 1;
		}
		char what[64];
		snprintf(what, sizeof what, "filing: seal 4 + masks + 2 HMAC (%s)", c ? "SM4/SM3" : "AES/SHA-256");
		measure(what, &k, false);
		snprintf(what, sizeof what, "case page: open 4 (%s)", c ? "SM4" : "AES");
		measure(what, &k, true);
		keyring_wipe(&k);
	}
	return 0;
}
