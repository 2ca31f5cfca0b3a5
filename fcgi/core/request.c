#include "core/request.h"
#include "core/calendar.h"
#include "core/text.h"
#include <string.h>

const char *request_env(struct request *req, const char *name)
{
	return req->getenv_fn ? req->getenv_fn(req->env_ctx, name) : NULL;
}

void request_header(struct request *req, const char *name, const char *value)
{
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
	return i < sizeof req->path_args / sizeof req->path_args[0] && req->path_args[i] != NULL &&
	       parse_int(req->path_args[i], 1, ID_MAX, id);
}
