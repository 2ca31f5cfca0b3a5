#include "core/site.h"
#include "core/app.h"
#include <stdlib.h>
#include <string.h>

bool site_key_valid(const char *key)
{
	size_t n = strlen(key);
	if (n == 0 || n > 32)
		return false;
	for (const char *c = key; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-' || *c == '_'))
			return false;
	return true;
}

bool site_id_code_valid(const char *code)
{
	size_t n = 0;
	for (const char *c = code; *c; c++, n++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9')))
			return false;
	return n == 10;
}

const char *site_copies_dir(struct pool *p, const struct app *app, const char *key)
{
	return app->copies_root != NULL ? pool_printf(p, "%s/%s", app->copies_root, key) : NULL;
}

static void site_set(struct site *out, struct pool *p, const struct app *app, char **row)
{
	*out = (struct site){strtoll(row[0], NULL, 10), row[1], row[2], row[3], row[4], row[5], row[6], row[7],
	                     strtoull(row[8], NULL, 10), NULL, row[9]};
	if (app != NULL)
		out->copies_dir = site_copies_dir(p, app, out->key);
}

enum xerr site_by_key(struct db *db, struct pool *p, const struct app *app, const char *key, struct site *out)
{
	if (!site_key_valid(key))
		return XE_NOT_FOUND;
	struct db_result r;
	enum xerr e = db_query(db, p, &r, "SELECT " SITE_COLS " FROM " SITE_FROM "WHERE s.site_key = ?", "s", key);
	if (e != XE_OK)
		return e;
	if (r.nrows == 0)
		return XE_NOT_FOUND;
	site_set(out, p, app, r.rows[0]);
	return XE_OK;
}

void site_from_row(struct request *req, char **row)
{
	struct site *s = pool_alloc(req->pool, sizeof *s);
	site_set(s, req->pool, req->app, row);
	req->site = s;
}

enum xerr site_load(struct request *req, const char *key)
{
	struct site *s = pool_alloc(req->pool, sizeof *s);
	enum xerr e = site_by_key(req->db, req->pool, req->app, key, s);
	if (e == XE_OK)
		req->site = s;
	return e;
}

const char *site_base(struct request *req)
{
	return pool_printf(req->pool, "%s/%s/", req->app->prefix, req->site ? req->site->key : "");
}
