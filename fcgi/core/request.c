#include "core/request.h"
#include "core/calendar.h"
#include "core/text.h"
#include <string.h>

const char *request_env(struct request *req, const char *name)
{
	return req->getenv_fn ? req->getenv_fn(req->env_ctx, name) : NULL;
}

size_t request_env_count(struct request *req, const char *name)
{
	if (req->env_count_fn != NULL)
		return req->env_count_fn(req->env_ctx, name);
	return request_env(req, name) != NULL;
}

/* A header value never holds a line break or another control character, whatever it was made
 * from (a redirect to the path that was asked for): it cannot end its header and start another. */
static const char *header_value(struct pool *p, const char *value)
{
	const char *c = value;
	while (*c != '\0' && ((unsigned char)*c >= 0x20 || *c == '\t') && *c != 0x7f)
		c++;
	if (*c == '\0')
		return value;
	char *r = pool_strdup(p, value), *w = r;
	for (c = value; *c != '\0'; c++)
		if (((unsigned char)*c >= 0x20 || *c == '\t') && *c != 0x7f)
			*w++ = *c;
	*w = '\0';
	return r;
}

void request_header(struct request *req, const char *name, const char *value)
{
	value = header_value(req->pool, value != NULL ? value : "");
	for (size_t i = 0; i < req->nheaders; i++)
		if (strcmp(req->headers[i].name, name) == 0 && strcmp(name, "Set-Cookie") != 0) {
			req->headers[i].value = value;
			return;
		}
	if (req->nheaders < sizeof req->headers / sizeof req->headers[0])
		req->headers[req->nheaders++] = (struct header){name, value};
}

void request_download_name(struct request *req, const char *filename)
{
	struct buf b;
	buf_init(&b);
	buf_puts(&b, "attachment; filename=\"download\"; filename*=UTF-8''");
	buf_url_encode(&b, filename);
	request_header(req, "Content-Disposition", pool_strdup(req->pool, buf_cstr(&b)));
	buf_free(&b);
}

const char *request_param(struct request *req, const char *name)
{
	return form_get(&req->query, name);
}

const char *request_field(struct request *req, const char *name)
{
	return form_get(&req->body, name);
}

const char *request_cookie(struct request *req, const char *name)
{
	return form_get(&req->cookies, name);
}

const struct calendar *request_calendar(struct request *req)
{
	if (req->calendar_slot == NULL || calendar_refresh(req->db, req->calendar_slot) != XE_OK)
		return NULL;
	return *req->calendar_slot;
}

bool request_path_id(const struct request *req, size_t i, long long *id)
{
	const char *arg = i < sizeof req->path_args / sizeof req->path_args[0] ? req->path_args[i] : NULL;
	return arg != NULL && arg[0] >= '1' && arg[0] <= '9' && parse_int(arg, 1, ID_MAX, id);
}
