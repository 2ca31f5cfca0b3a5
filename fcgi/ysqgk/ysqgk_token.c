/* Signed form tokens and document links (see ysqgk_token.h). */
#include "ysqgk/ysqgk_token.h"
#include "core/crypto.h"
#include "core/text.h"
#include "ysqgk/ysqgk.h"
#include <stdlib.h>
#include <string.h>

#define DOC_LINK_SECONDS 7200

enum xerr ysqgk_secret_load(struct request *req, struct ysqgk_secret *out)
{
	enum secret_col { S_KEY, S_NOW_MS };
	enum xerr e = XE_INTERNAL;
	for (int attempt = 0; attempt < 2; attempt++) {
		struct db_result r;
		e = db_query(req->db, req->pool, &r,
		             "SELECT secret, CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS SIGNED) FROM install_secrets "
		             "WHERE name = 'ysqgk'",
		             "");
		if (e != XE_OK)
			break;
		if (r.nrows == 1) {
			out->key = r.rows[0][S_KEY];
			out->now_ms = strtoll(r.rows[0][S_NOW_MS], NULL, 10);
			break;
		}
		char fresh[65];
		e = random_hex(fresh, 32) ? XE_OK : XE_INTERNAL;
		if (e == XE_OK)
			e = db_exec(req->db, "INSERT IGNORE INTO install_secrets (name, secret) VALUES ('ysqgk', ?)", "s", fresh);
		if (e != XE_OK)
			break;
		e = XE_INTERNAL; /* unless the next round reads it */
	}
	return e;
}

static void mac_hex(const char *secret, const char *msg, char out[65])
{
	unsigned char mac[32];
	hmac_sha256(secret, strlen(secret), msg, strlen(msg), mac);
	hex_encode(mac, 32, out);
}

static bool all_hex(const char *s, size_t n)
{
	if (strlen(s) != n)
		return false;
	for (const char *c = s; *c; c++)
		if (!((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'f')))
			return false;
	return true;
}

enum xerr ysqgk_form_token(struct request *req, const char **token)
{
	struct ysqgk_secret s;
	enum xerr e = ysqgk_secret_load(req, &s);
	if (e != XE_OK)
		return e;
	char nonce[33], mac[65];
	if (!random_hex(nonce, 16))
		return XE_INTERNAL;
	mac_hex(s.key, pool_printf(req->pool, "form|%s|%lld|%s", req->site->key, s.now_ms, nonce), mac);
	*token = pool_printf(req->pool, "%lld.%s.%s", s.now_ms, nonce, mac);
	return XE_OK;
}

enum xerr ysqgk_key_nonce(struct request *req, const char *key, const char *content, const char **nonce)
{
	struct ysqgk_secret s;
	enum xerr e = ysqgk_secret_load(req, &s);
	if (e != XE_OK)
		return e;
	char mac[65];
	mac_hex(s.key, pool_printf(req->pool, "idempotency|%s|%s|%s", req->site->key, key, content), mac);
	*nonce = pool_strndup(req->pool, mac, 32);
	return XE_OK;
}

enum xerr ysqgk_check_token(struct request *req, const char *token, enum token_state *state, const char **nonce)
{
	*state = TOKEN_BAD;
	*nonce = NULL;
	if (token == NULL || strlen(token) > 120)
		return XE_OK;
	const char *d1 = strchr(token, '.'), *d2 = d1 ? strchr(d1 + 1, '.') : NULL;
	if (d1 == NULL || d2 == NULL)
		return XE_OK;
	const char *ms_s = pool_strndup(req->pool, token, (size_t)(d1 - token));
	const char *n_s = pool_strndup(req->pool, d1 + 1, (size_t)(d2 - d1 - 1));
	long long issued;
	if (!parse_int(ms_s, 0, 1LL << 50, &issued) || !all_hex(n_s, 32) || !all_hex(d2 + 1, 64))
		return XE_OK;
	struct ysqgk_secret s;
	enum xerr e = ysqgk_secret_load(req, &s);
	if (e != XE_OK)
		return e;
	char mac[65];
	mac_hex(s.key, pool_printf(req->pool, "form|%s|%lld|%s", req->site->key, issued, n_s), mac);
	if (!equal_constant_time(mac, d2 + 1))
		return XE_OK;
	struct ysqgk_config cfg;
	ysqgk_config(req->app, &cfg);
	*nonce = n_s;
	if (s.now_ms - issued < cfg.min_fill_seconds * 1000)
		*state = TOKEN_TOO_FAST;
	else if (s.now_ms - issued > cfg.form_max_hours * 3600 * 1000)
		*state = TOKEN_EXPIRED;
	else
		*state = TOKEN_OK;
	return XE_OK;
}

static const char *doc_sig(struct pool *p, const char *secret, long long site_id, long long doc_id, long long exp)
{
	char mac[65];
	mac_hex(secret, pool_printf(p, "doc|%lld|%lld|%lld", site_id, doc_id, exp), mac);
	return pool_strdup(p, mac);
}

const char *ysqgk_doc_url(struct request *req, const struct ysqgk_secret *s, long long doc_id)
{
	long long exp = s->now_ms / 1000 + DOC_LINK_SECONDS;
	return pool_printf(req->pool, "%sysqgk/doc/%lld?t=%lld.%s", site_base(req), doc_id, exp,
	                   doc_sig(req->pool, s->key, req->site->id, doc_id, exp));
}

enum xerr ysqgk_doc_check(struct request *req, long long doc_id, const char *t, bool *valid)
{
	*valid = false;
	const char *dot = t ? strchr(t, '.') : NULL;
	long long exp;
	if (dot == NULL || !parse_int(pool_strndup(req->pool, t, (size_t)(dot - t)), 0, 1LL << 40, &exp) ||
	    !all_hex(dot + 1, 64))
		return XE_OK;
	struct ysqgk_secret s;
	enum xerr e = ysqgk_secret_load(req, &s);
	if (e != XE_OK)
		return e;
	*valid = equal_constant_time(doc_sig(req->pool, s.key, req->site->id, doc_id, exp), dot + 1) &&
	         exp >= s.now_ms / 1000;
	return XE_OK;
}
