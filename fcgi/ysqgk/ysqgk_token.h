/* What the install signs with its secret (an HMAC key created on first use, kept in the
 * database so that every worker on every host agrees): the web form's issue time, and the links
 * to a request's documents, which expire. */
#ifndef XXGK_YSQGK_TOKEN_H
#define XXGK_YSQGK_TOKEN_H
#include "core/request.h"

/* The secret and the database's clock in milliseconds. Load it outside a transaction that may
 * roll back. */
struct ysqgk_secret {
	const char *key;
	long long now_ms;
};
enum xerr ysqgk_secret_load(struct request *req, struct ysqgk_secret *out);

/* The web form's signed issue time: "MS.NONCE.HMAC". */
enum xerr ysqgk_form_token(struct request *req, const char **token);
enum token_state { TOKEN_OK, TOKEN_BAD, TOKEN_TOO_FAST, TOKEN_EXPIRED };
enum xerr ysqgk_check_token(struct request *req, const char *token, enum token_state *state, const char **nonce);

/* The one-time nonce an API client's Idempotency-Key stands for (api_ysqgk.c): 32 hex digits,
 * the HMAC of the site and the key under the install's secret, in the space of the web form's
 * nonces (requests.form_nonce), so that a key files once per site. */
enum xerr ysqgk_key_nonce(struct request *req, const char *key, const char *content, const char **nonce);
/* The key's nonce names the key and what is filed under it (content: a digest of the fields and
 * files): a retry files once, while another filing under a key already used is filed as its
 * own, and learns nothing of the first (a shared or guessed key named another applicant's
 * 受理编号). */

/* A download link for a document of this site, valid for two hours from the secret's clock. */
const char *ysqgk_doc_url(struct request *req, const struct ysqgk_secret *s, long long doc_id);
/* Checks the signature and expiry of a document link's t parameter. */
enum xerr ysqgk_doc_check(struct request *req, long long doc_id, const char *t, bool *valid);

#endif
