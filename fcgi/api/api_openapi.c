/* GET /xxgk/{site}/api/openapi.json — the OpenAPI 3.1 description of the JSON API
 * (cms-integration/openapi.json, built into the program), with its one server set to this
 * site's API on the host the request came with, so that a client generated from it, or a
 * viewer pointed at it, talks to this site. Written through the JSON writer like every answer. */
#include "core/exchange.h"
#include "core/render.h"
#include "server/handlers.h"
#include <jansson.h>

static const char openapi_text[] =
#include "openapi_json.h"
	;

static void write_value(struct jw *w, struct pool *p, const char *key, json_t *v);

static void write_object(struct jw *w, struct pool *p, const char *key, json_t *v)
{
	const char *k;
	json_t *member;
	jw_open(w, key, '{');
	json_object_foreach(v, k, member)
	{
		write_value(w, p, k, member);
	}
	jw_close(w, '}');
}

/* A parsed JSON value through the writer; objects keep their members' order. */
static void write_value(struct jw *w, struct pool *p, const char *key, json_t *v)
{
	size_t i;
	json_t *item;
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		write_object(w, p, key, v);
		break;
	case JSON_ARRAY:
		jw_open(w, key, '[');
		json_array_foreach(v, i, item)
		{
			write_value(w, p, NULL, item);
		}
		jw_close(w, ']');
		break;
	case JSON_STRING:
		jw_str(w, key, json_string_value(v));
		break;
	case JSON_INTEGER:
		jw_int(w, key, (long long)json_integer_value(v));
		break;
	case JSON_REAL:
		jw_raw(w, key, pool_printf(p, "%.17g", json_real_value(v)));
		break;
	case JSON_TRUE:
	case JSON_FALSE:
		jw_bool(w, key, json_is_true(v));
		break;
	case JSON_NULL:
		jw_raw(w, key, "null");
		break;
	}
}

enum xerr api_openapi(struct request *req)
{
	json_error_t je;
	json_t *doc = json_loads(openapi_text, 0, &je);
	json_t *server = json_pack("{s:s, s:s}", "url", exchange_url(req, "api"), "description", req->site->name);
	if (doc == NULL || server == NULL || json_object_set_new(doc, "servers", json_pack("[o]", server)) != 0) {
		json_decref(doc);
		return XE_INTERNAL;
	}
	struct buf b;
	buf_init(&b);
	struct jw w;
	jw_init(&w, &b);
	write_value(&w, req->pool, NULL, doc);
	buf_putc(&b, '\n');
	json_decref(doc);
	exchange_public(req);
	respond_json(req, 200, &b);
	return XE_OK;
}
