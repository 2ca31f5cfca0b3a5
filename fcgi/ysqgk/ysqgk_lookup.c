/* Lookup by tracking number and query code (see ysqgk_lookup.h). */
#include "ysqgk/ysqgk_lookup.h"
#include "core/crypto.h"
#include "core/text.h"
#include <stdlib.h>
#include <string.h>

static const char code_alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"; /* 32: no 0, 1, I, O */

bool ysqgk_new_code(char out[15])
{
	unsigned char r[12];
	if (!random_bytes(r, sizeof r))
		return false;
	size_t k = 0;
	for (size_t i = 0; i < 12; i++) {
		if (i > 0 && i % 4 == 0)
			out[k++] = '-';
		out[k++] = code_alphabet[r[i] & 31];
	}
	out[k] = '\0';
	return true;
}

/* The 12 significant characters of a code as typed (dashes and spaces dropped, upper case). */
static bool normalize_query_code(const char *s, char out[13])
{
	size_t k = 0;
	out[0] = '\0';
	if (s == NULL)
		return false;
	for (const char *c = s; *c; c++) {
		if (*c == '-' || *c == ' ' || *c == '\t')
			continue;
		char u = (*c >= 'a' && *c <= 'z') ? (char)(*c - 32) : *c;
		if (k == 12 || strchr(code_alphabet, u) == NULL || u == '\0')
			return false;
		out[k++] = u;
	}
	out[k] = '\0';
	return k == 12;
}

void ysqgk_code_hash(const char *salt, const char *code, char out[65])
{
	char norm[13];
	if (!normalize_query_code(code, norm))
		norm[0] = '\0';
	struct sha256 s;
	unsigned char h[32];
	sha256_init(&s);
	sha256_update(&s, salt, strlen(salt));
	sha256_update(&s, ":", 1);
	sha256_update(&s, norm, strlen(norm));
	sha256_final(&s, h);
	hex_encode(h, 32, out);
}

const char *ysqgk_normalize_tracking(struct pool *p, const char *s)
{
	if (s == NULL)
		return NULL;
	char *t = str_trim(pool_strdup(p, s));
	size_t n = strlen(t);
	if (n == 0 || n > 64)
		return NULL;
	for (char *c = t; *c; c++) {
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 32);
		else if (!((*c >= '0' && *c <= '9') || (*c >= 'A' && *c <= 'Z') || *c == '-' || *c == '_'))
			return NULL;
	}
	return t;
}

enum xerr ysqgk_lookup(struct request *req, const char *tracking_no, const char *query_code, long long *id)
{
	*id = 0;
	const char *tn = ysqgk_normalize_tracking(req->pool, tracking_no);
	char norm[13];
	bool code_ok = normalize_query_code(query_code, norm);
	enum code_col { C_ID, C_SALT, C_HASH };
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT id, query_salt, query_hash FROM requests WHERE site_id = ? AND tracking_no = ?", "is",
	                       req->site->id, tn ? tn : "");
	if (e != XE_OK)
		return e;
	/* The same hashing and comparison whether or not the number exists. */
	bool found = r.nrows == 1;
	const char *salt = found ? r.rows[0][C_SALT] : "00000000000000000000000000000000";
	const char *want = found ? r.rows[0][C_HASH] : "0000000000000000000000000000000000000000000000000000000000000000";
	char got[65];
	ysqgk_code_hash(salt, code_ok ? norm : "", got);
	bool match = equal_constant_time(got, want);
	if (found && code_ok && match)
		*id = strtoll(r.rows[0][C_ID], NULL, 10);
	return XE_OK;
}
