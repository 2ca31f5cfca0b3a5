#include "core/parse.h"
#include "core/text.h"
#include <string.h>
#include <strings.h>

const struct limits default_limits = {
	.max_fields = 200,
	.max_key = 64,
	.max_value = 64 * 1024,
	.max_files = 5,
	.max_file_size = 10 * 1024 * 1024,
};

void form_add(struct pool *p, struct form *form, const char *key, const char *value)
{
	if (form->n == form->cap) {
		size_t cap = form->cap ? form->cap * 2 : 16;
		struct kv *nf = pool_alloc(p, cap * sizeof *nf);
		if (form->n)
			memcpy(nf, form->fields, form->n * sizeof *nf);
		form->fields = nf;
		form->cap = cap;
	}
	form->fields[form->n++] = (struct kv){key, value, strlen(value)};
}

const char *form_get(const struct form *form, const char *key)
{
	for (size_t i = 0; i < form->n; i++)
		if (strcmp(form->fields[i].key, key) == 0)
			return form->fields[i].value;
	return NULL;
}

size_t form_count(const struct form *form, const char *key)
{
	size_t n = 0;
	for (size_t i = 0; i < form->n; i++)
		if (strcmp(form->fields[i].key, key) == 0)
			n++;
	return n;
}

const struct upload *form_file(const struct form *form, const char *field, size_t index)
{
	for (size_t i = 0; i < form->nfiles; i++)
		if (strcmp(form->files[i].field, field) == 0 && index-- == 0)
			return &form->files[i];
	return NULL;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes %XX and '+' into a fresh NUL-terminated string; false on a broken escape. */
static bool urldecode(struct pool *p, const char *s, size_t len, char **out, size_t *outlen)
{
	char *r = pool_alloc(p, len + 1), *w = r;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '+') {
			*w++ = ' ';
		} else if (s[i] == '%') {
			if (i + 2 >= len)
				return false;
			int hi = hexval(s[i + 1]), lo = hexval(s[i + 2]);
			if (hi < 0 || lo < 0)
				return false;
			*w++ = (char)(hi * 16 + lo);
			i += 2;
		} else {
			*w++ = s[i];
		}
	}
	*w = '\0';
	*out = r;
	*outlen = (size_t)(w - r);
	return true;
}

enum xerr parse_urlencoded(struct pool *p, const char *s, size_t len, const struct limits *lim,
                           struct form *form, const char **why)
{
	size_t count = 0;
	size_t i = 0;
	while (i < len) {
		size_t j = i;
		while (j < len && s[j] != '&' && s[j] != ';')
			j++;
		if (j > i) {
			const char *eq = memchr(s + i, '=', j - i);
			size_t klen = eq ? (size_t)(eq - (s + i)) : j - i;
			const char *vstart = eq ? eq + 1 : s + j;
			size_t vlen = eq ? (size_t)(s + j - vstart) : 0;
			if (++count > lim->max_fields) {
				*why = "字段过多";
				return XE_TOO_LARGE;
			}
			char *key, *value;
			size_t kl, vl;
			if (!urldecode(p, s + i, klen, &key, &kl) || !urldecode(p, vstart, vlen, &value, &vl)) {
				*why = "百分号编码有误";
				return XE_BAD_REQUEST;
			}
			if (kl == 0) {
				*why = "字段名为空";
				return XE_BAD_REQUEST;
			}
			if (kl > lim->max_key || vl > lim->max_value) {
				*why = "字段过长";
				return XE_TOO_LARGE;
			}
			if (!text_valid(key, kl) || !text_valid(value, vl)) {
				*why = "字段不是有效的 UTF-8 文本";
				return XE_BAD_REQUEST;
			}
			form_add(p, form, key, value);
		}
		i = j + 1;
	}
	return XE_OK;
}

/* Finds a parameter (boundary=, name=, filename=) in a header value; quoted or bare. */
static const char *header_param(struct pool *p, const char *h, size_t hlen, const char *name)
{
	size_t nlen = strlen(name);
	for (size_t i = 0; i + nlen < hlen; i++) {
		if ((i == 0 || h[i - 1] == ';' || h[i - 1] == ' ' || h[i - 1] == '\t') &&
		    strncasecmp(h + i, name, nlen) == 0 && h[i + nlen] == '=') {
			const char *v = h + i + nlen + 1, *end = h + hlen;
			if (v < end && *v == '"') {
				v++;
				const char *q = memchr(v, '"', (size_t)(end - v));
				if (q == NULL)
					return NULL;
				return pool_strndup(p, v, (size_t)(q - v));
			}
			const char *e = v;
			while (e < end && *e != ';' && *e != ' ' && *e != '\t' && *e != '\r')
				e++;
			return pool_strndup(p, v, (size_t)(e - v));
		}
	}
	return NULL;
}

static const unsigned char *memmem_u(const unsigned char *h, size_t hl, const char *n, size_t nl)
{
	return memmem(h, hl, n, nl);
}

static enum xerr reject(const char **why, enum xerr e, const char *reason)
{
	*why = reason;
	return e;
}

/* One part of a multipart body: its two headers that matter (not NUL-terminated) and its data. */
struct part {
	const char *disp, *ctype;
	size_t displen, ctypelen;
	const unsigned char *data;
	size_t len;
};

/* Finds Content-Disposition and Content-Type among the header lines from h to hend. */
static void part_headers(const unsigned char *h, const unsigned char *hend, struct part *pt)
{
	while (h < hend) {
		const unsigned char *eol = memmem_u(h, (size_t)(hend - h) + 2, "\r\n", 2);
		if (eol == NULL || eol > hend)
			eol = hend;
		if ((size_t)(eol - h) > 20 && strncasecmp((const char *)h, "Content-Disposition:", 20) == 0)
			pt->disp = (const char *)h + 20, pt->displen = (size_t)(eol - h) - 20;
		else if ((size_t)(eol - h) > 13 && strncasecmp((const char *)h, "Content-Type:", 13) == 0)
			pt->ctype = (const char *)h + 13, pt->ctypelen = (size_t)(eol - h) - 13;
		h = eol + 2;
	}
}

static enum xerr add_file(struct pool *p, const struct limits *lim, struct form *form, const char *name,
                          const char *filename, const struct part *pt, const char **why)
{
	if (*filename == '\0' && pt->len == 0)
		return XE_OK; /* a file input left empty */
	if (form->nfiles >= lim->max_files)
		return reject(why, XE_TOO_LARGE, "文件过多");
	if (pt->len > lim->max_file_size)
		return reject(why, XE_TOO_LARGE, "文件过大");
	if (!text_valid(filename, strlen(filename)) || strlen(filename) > 255)
		return reject(why, XE_BAD_REQUEST, "文件名不是有效的文本");
	struct upload *nf = pool_alloc(p, (form->nfiles + 1) * sizeof *nf);
	if (form->nfiles)
		memcpy(nf, form->files, form->nfiles * sizeof *nf);
	/* Keep only the base name: some browsers send a full client path. */
	const char *base = filename;
	for (const char *c = filename; *c; c++)
		if (*c == '/' || *c == '\\')
			base = c + 1;
	nf[form->nfiles] = (struct upload){
		name, base, pt->ctype ? str_trim(pool_strndup(p, pt->ctype, pt->ctypelen)) : "application/octet-stream",
		pt->data, pt->len};
	form->files = nf;
	form->nfiles++;
	return XE_OK;
}

/* A part becomes a field, or an upload when it names a file; *fields counts the fields. */
static enum xerr add_part(struct pool *p, const struct limits *lim, struct form *form, const struct part *pt,
                          size_t *fields, const char **why)
{
	if (pt->disp == NULL)
		return reject(why, XE_BAD_REQUEST, "multipart 分段缺少 Content-Disposition");
	const char *name = header_param(p, pt->disp, pt->displen, "name");
	const char *filename = header_param(p, pt->disp, pt->displen, "filename");
	if (name == NULL || *name == '\0' || strlen(name) > lim->max_key || !text_valid(name, strlen(name)))
		return reject(why, XE_BAD_REQUEST, "multipart 分段缺少有效的字段名");
	if (filename != NULL)
		return add_file(p, lim, form, name, filename, pt, why);
	if (++*fields > lim->max_fields)
		return reject(why, XE_TOO_LARGE, "字段过多");
	if (pt->len > lim->max_value)
		return reject(why, XE_TOO_LARGE, "字段过长");
	if (!text_valid((const char *)pt->data, pt->len))
		return reject(why, XE_BAD_REQUEST, "字段不是有效的 UTF-8 文本");
	form_add(p, form, name, pool_strndup(p, (const char *)pt->data, pt->len));
	return XE_OK;
}

enum xerr parse_multipart(struct pool *p, const unsigned char *body, size_t len, const char *content_type,
                          const struct limits *lim, struct form *form, const char **why)
{
	const char *boundary = header_param(p, content_type, strlen(content_type), "boundary");
	if (boundary == NULL || *boundary == '\0' || strlen(boundary) > 70)
		return reject(why, XE_BAD_REQUEST, "multipart 请求体缺少有效的分隔符");
	char *delim = pool_printf(p, "--%s", boundary);
	size_t dlen = strlen(delim);
	char *next_delim = pool_printf(p, "\r\n%s", delim);
	const unsigned char *pos = memmem_u(body, len, delim, dlen), *end = body + len;
	if (pos == NULL)
		return reject(why, XE_BAD_REQUEST, "multipart 请求体中没有分隔符");
	size_t fields = 0;
	for (;;) {
		pos += dlen;
		if (end - pos >= 2 && pos[0] == '-' && pos[1] == '-')
			return XE_OK; /* closing delimiter */
		if (end - pos < 2 || pos[0] != '\r' || pos[1] != '\n')
			return reject(why, XE_BAD_REQUEST, "multipart 分隔行有误");
		pos += 2;
		const unsigned char *hend = memmem_u(pos, (size_t)(end - pos), "\r\n\r\n", 4);
		if (hend == NULL || hend - pos > 4096)
			return reject(why, XE_BAD_REQUEST, "multipart 分段的头部有误");
		struct part pt = {.data = hend + 4};
		part_headers(pos, hend, &pt);
		const unsigned char *dend = memmem_u(pt.data, (size_t)(end - pt.data), next_delim, dlen + 2);
		if (dend == NULL)
			return reject(why, XE_BAD_REQUEST, "multipart 分段没有结束分隔符");
		pt.len = (size_t)(dend - pt.data);
		enum xerr e = add_part(p, lim, form, &pt, &fields, why);
		if (e != XE_OK)
			return e;
		pos = dend + 2;
	}
}

void parse_cookies(struct pool *p, const char *header, struct form *form)
{
	if (header == NULL)
		return;
	size_t count = 0;
	const char *s = header;
	while (*s && count < 50) {
		while (*s == ' ' || *s == ';')
			s++;
		const char *end = strchr(s, ';');
		size_t len = end ? (size_t)(end - s) : strlen(s);
		const char *eq = memchr(s, '=', len);
		if (eq != NULL && eq > s && len < 4096) {
			char *key = pool_strndup(p, s, (size_t)(eq - s));
			char *value = pool_strndup(p, eq + 1, len - (size_t)(eq - s) - 1);
			if (text_valid(key, strlen(key)) && text_valid(value, strlen(value))) {
				form_add(p, form, str_trim(key), str_trim(value));
				count++;
			}
		}
		s += len;
	}
}

bool value_is_email(const char *s)
{
	const char *at = strchr(s, '@');
	if (at == NULL || at == s || strchr(at + 1, '@') != NULL || strlen(s) > 254)
		return false;
	const char *dot = strrchr(at, '.');
	if (dot == NULL || dot == at + 1 || dot[1] == '\0')
		return false;
	for (const char *c = s; *c; c++)
		if ((unsigned char)*c <= ' ' || strchr("<>()[]\\,;:\"", *c))
			return false;
	return true;
}

bool url_is_safe(const char *s)
{
	if (s == NULL || *s == '\0')
		return false;
	for (const char *c = s; *c; c++)
		if ((unsigned char)*c <= ' ' || *c == '"' || *c == '<' || *c == '>' || *c == '\\' || *c == '`')
			return false;
	if (strncasecmp(s, "https://", 8) == 0 || strncasecmp(s, "http://", 7) == 0) {
		const char *host = s + (s[4] == 's' || s[4] == 'S' ? 8 : 7);
		return *host != '\0' && *host != '/';
	}
	/* A site-relative path, but not a scheme-relative "//host" one. */
	return s[0] == '/' && s[1] != '/';
}

static bool only_chars(const char *s, const char *allowed_punct, bool digits_only)
{
	for (const char *c = s; *c; c++) {
		bool ok = (*c >= '0' && *c <= '9') || strchr(allowed_punct, *c) != NULL;
		if (!digits_only)
			ok = ok || (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z');
		if (!ok || *c == '\0')
			return false;
	}
	return true;
}

static bool fail(struct field_error *err, const char *message)
{
	err->message = message;
	return false;
}

/* Checks v (trimmed, not empty) against its type, filling out->num. */
static bool check_typed(struct pool *p, const struct field_spec *f, const char *v, struct field_value *out,
                        struct field_error *err)
{
	switch (f->type) {
	case FT_LINE:
		return strpbrk(v, "\r\n") == NULL || fail(err, "不能换行");
	case FT_TEXT:
		return true;
	case FT_INT:
		return parse_int(v, f->min, f->max, &out->num) ||
		       fail(err, pool_printf(p, "应为%lld到%lld之间的整数", f->min, f->max));
	case FT_ID:
		return parse_int(v, 1, ID_MAX, &out->num) || fail(err, "不是有效的编号");
	case FT_DATE: {
		int32_t d;
		if (!parse_date(v, &d))
			return fail(err, "应为有效日期（年-月-日，如2026-01-05）");
		out->num = d;
		return true;
	}
	case FT_MONTH: {
		int32_t d;
		if (strlen(v) != 7 || !parse_date(pool_printf(p, "%s-01", v), &d))
			return fail(err, "应为有效月份（年-月，如2026-01）");
		out->num = d;
		return true;
	}
	case FT_CHOICE:
		for (long long k = 0; f->choices && f->choices[k]; k++)
			if (strcmp(f->choices[k], v) == 0) {
				out->num = k;
				return true;
			}
		return fail(err, "不是可选的值");
	case FT_EMAIL:
		return value_is_email(v) || fail(err, "不是有效的电子邮箱地址");
	case FT_PHONE:
		return (only_chars(v, " +-()", true) && strlen(v) >= 5) || fail(err, "不是有效的电话号码");
	case FT_CODE:
		return only_chars(v, "._-", false) || fail(err, "只能包含字母、数字和 . _ -");
	case FT_URL:
		return url_is_safe(v) || fail(err, "不是有效的网址（应以 http:// 或 https:// 开头）");
	}
	return fail(err, "不是可选的值");
}

bool field_parse(struct pool *p, const struct form *form, const struct field_spec *f, struct field_value *out,
                 struct field_error *err)
{
	const char *raw = form_get(form, f->name);
	char *v = raw ? str_trim(pool_strdup(p, raw)) : NULL;
	out->text = NULL;
	out->num = 0;
	err->field = f->name;
	err->label = f->label ? f->label : f->name;
	if (form_count(form, f->name) > 1)
		return fail(err, "只能填写一次");
	if (v == NULL || *v == '\0')
		return !f->required || fail(err, "必须填写");
	size_t max = f->max_chars ? f->max_chars : 200;
	if (utf8_chars(v) > max)
		return fail(err, pool_printf(p, "不能超过%zu个字符", max));
	if (!check_typed(p, f, v, out, err))
		return false;
	out->text = v;
	err->field = err->label = err->message = NULL;
	return true;
}

bool form_parse_n(struct pool *p, const struct form *form, const struct field_spec *specs, size_t n,
                  struct field_value *values, struct field_error *err)
{
	for (size_t i = 0; i < n; i++)
		values[i] = (struct field_value){NULL, 0};
	for (size_t i = 0; i < n; i++)
		if (!field_parse(p, form, &specs[i], &values[i], err))
			return false;
	err->field = err->label = err->message = NULL;
	return true;
}

/* Until every caller declares its fields with an enum (issue 18): the old positional form. */
bool form_validate(struct pool *p, const struct form *form, const struct field_spec *specs, size_t n,
                   const char **values, struct field_error *err)
{
	for (size_t i = 0; i < n; i++) {
		struct field_value v;
		values[i] = NULL;
		if (!field_parse(p, form, &specs[i], &v, err))
			return false;
		values[i] = v.text;
	}
	return true;
}
