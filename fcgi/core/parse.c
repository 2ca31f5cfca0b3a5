#include "core/parse.h"
#include "core/exchange.h"
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

/* What can be wrong with one part of a multipart body, the worse later (a part is refused for
 * its worst). A part found wrong is refused with its field named, never dropped or read as
 * something else; PF_NAME alone leaves no field to name. */
enum part_fault {
	PF_NONE,
	PF_FILENAME_LONG, /* the file name is longer than FILENAME_MAX_BYTES */
	PF_FILENAME,    /* the file name holds CR, LF or NUL, or is not valid text */
	PF_HEADERS,     /* a line that is not "Name: value", a bare CR or LF, a NUL, a header twice */
	PF_DISPOSITION, /* no Content-Disposition, not form-data, a parameter malformed or repeated */
	PF_NAME,        /* the field name holds CR, LF or NUL, is empty, too long or not valid text */
};

static const struct {
	const char *why, *message; /* message: for the person who sent it, read after the field's label */
} part_faults[] = {
	[PF_FILENAME_LONG] = {"multipart 分段的文件名过长",
	                      "文件名过长（不超过255字节，约85个汉字），请将文件改名后重新选择"},
	[PF_FILENAME] = {"multipart 分段的文件名含有换行符、控制字符或无效的字符",
	                 "文件名含有换行符、控制字符或无效的字符，请将文件改名后重新选择"},
	[PF_HEADERS] = {"multipart 分段的头部有误", "格式有误，未能读取，请重新选择或填写后提交"},
	[PF_DISPOSITION] = {"multipart 分段的 Content-Disposition 有误", "格式有误，未能读取，请重新选择或填写后提交"},
	[PF_NAME] = {"multipart 分段缺少有效的字段名", "提交的内容中有一项的名称含有换行符、控制字符或无效的字符"},
};

static enum part_fault worse(enum part_fault a, enum part_fault b)
{
	return b > a ? b : a;
}

/* RFC 7230 tchar: the bytes of a header name or a bare parameter value. */
static const bool token_byte[256] = {
	['!'] = true, ['#'] = true, ['$'] = true, ['%'] = true, ['&'] = true, ['\''] = true, ['*'] = true,
	['+'] = true, ['-'] = true, ['.'] = true, ['^'] = true, ['_'] = true, ['`'] = true, ['|'] = true,
	['~'] = true, ['0' ... '9'] = true, ['A' ... 'Z'] = true, ['a' ... 'z'] = true,
};

static const char *skip_ows(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

static bool at_crlf(const char *s, const char *end)
{
	return end - s >= 2 && s[0] == '\r' && s[1] == '\n';
}

/* A parameter's value at *s: a token, or a quoted string that may run over a line break (so that
 * a file name holding CR or LF is seen whole and refused as such). Only \" and \\ are escapes,
 * so that an old browser's unescaped C:\dir\name keeps its backslashes. NULL when malformed;
 * *ctl is set when the value holds CR, LF or NUL. */
static const char *param_value(struct pool *p, const char **s, const char *end, bool *ctl)
{
	const char *c = *s;
	*ctl = false;
	if (c < end && *c != '"') {
		while (c < end && token_byte[(unsigned char)*c])
			c++;
		if (c == *s)
			return NULL;
		const char *v = pool_strndup(p, *s, (size_t)(c - *s));
		*s = c;
		return v;
	}
	char *v = pool_alloc(p, (size_t)(end - c) + 1), *w = v;
	for (c++; c < end && *c != '"'; c++) {
		if (*c == '\\' && end - c >= 2 && (c[1] == '"' || c[1] == '\\'))
			c++;
		*ctl = *ctl || *c == '\r' || *c == '\n' || *c == '\0';
		*w++ = *c;
	}
	if (c == end)
		return NULL; /* the quote never closes */
	*w = '\0';
	*s = c + 1;
	return v;
}

/* A file name as a browser writes it: the HTML standard's multipart/form-data encoding sends '"'
 * as %22 and CR, LF as %0D, %0A, and escapes nothing else ('%' itself neither), so exactly those
 * three are read back and any other %xx is the name's own. A line break becomes a space (CR LF
 * one): a name is shown on one line and sent in a header, and the person keeps the file they
 * chose rather than renaming it for a character the file picker did not show. */
static const char *browser_filename(struct pool *p, const char *v)
{
	char *r = pool_strdup(p, v), *w = r;
	for (const char *c = v; *c != '\0';) {
		if (strncmp(c, "%22", 3) == 0) {
			*w++ = '"';
			c += 3;
		} else if (strncmp(c, "%0D%0A", 6) == 0 || strncmp(c, "%0D", 3) == 0 || strncmp(c, "%0A", 3) == 0) {
			*w++ = ' ';
			c += strncmp(c, "%0D%0A", 6) == 0 ? 6 : 3;
		} else {
			*w++ = *c++;
		}
	}
	*w = '\0';
	return r;
}

struct part_head {
	const char *name, *filename, *content_type; /* filename NULL: a field, not a file */
};

/* Content-Disposition's value from s: form-data and its parameters, up to the CRLF that ends it
 * (*line_end). Reads the name even when something after it is wrong, to name the field. */
static enum part_fault read_disposition(struct pool *p, const char *s, const char *end, struct part_head *head,
                                        const char **line_end)
{
	enum part_fault fault = PF_NONE;
	s = skip_ows(s, end);
	if ((size_t)(end - s) < 9 || strncasecmp(s, "form-data", 9) != 0)
		fault = PF_DISPOSITION;
	else
		s += 9;
	bool named = false, filed = false;
	while (fault != PF_DISPOSITION) {
		s = skip_ows(s, end);
		if (s == end || at_crlf(s, end))
			break;
		if (*s != ';')
			return worse(fault, PF_DISPOSITION);
		s = skip_ows(s + 1, end);
		const char *pname = s;
		while (s < end && token_byte[(unsigned char)*s])
			s++;
		size_t plen = (size_t)(s - pname);
		if (plen == 0 || s == end || *s != '=')
			return worse(fault, PF_DISPOSITION);
		s++;
		bool ctl;
		const char *v = param_value(p, &s, end, &ctl);
		if (v == NULL)
			return worse(fault, PF_DISPOSITION);
		if (plen == 4 && strncasecmp(pname, "name", 4) == 0) {
			fault = worse(fault, named ? PF_DISPOSITION : ctl ? PF_NAME : PF_NONE);
			head->name = named || ctl ? NULL : v;
			named = true;
		} else if (plen == 8 && strncasecmp(pname, "filename", 8) == 0) {
			fault = worse(fault, filed ? PF_DISPOSITION : ctl ? PF_FILENAME : PF_NONE);
			head->filename = browser_filename(p, v);
			filed = true;
		} else if (plen == 9 && strncasecmp(pname, "filename*", 9) == 0) {
			fault = worse(fault, PF_DISPOSITION); /* RFC 5987 names: browsers send none */
		}
	}
	*line_end = s;
	return fault;
}

/* One part's header block [h, end): its lines separated by CRLF. */
static enum part_fault read_part_head(struct pool *p, const char *h, const char *end, struct part_head *head)
{
	enum part_fault fault = PF_NONE;
	bool disposition = false;
	*head = (struct part_head){NULL, NULL, NULL};
	while (h < end) {
		const char *colon = h;
		while (colon < end && token_byte[(unsigned char)*colon])
			colon++;
		const char *v = colon + 1, *line_end = NULL;
		size_t nlen = (size_t)(colon - h);
		if (nlen == 0 || colon == end || *colon != ':') {
			fault = worse(fault, PF_HEADERS);
		} else if (nlen == 19 && strncasecmp(h, "Content-Disposition", 19) == 0) {
			struct part_head again = {0}; /* a second one: refused, and it changes nothing */
			enum part_fault df = read_disposition(p, v, end, disposition ? &again : head, &line_end);
			fault = worse(fault, disposition ? PF_DISPOSITION : df);
			disposition = true;
		} else if (nlen == 12 && strncasecmp(h, "Content-Type", 12) == 0) {
			fault = worse(fault, head->content_type != NULL ? PF_HEADERS : PF_NONE);
			const char *e = v;
			while (e < end && !at_crlf(e, end))
				e++;
			head->content_type = str_trim(pool_strndup(p, v, (size_t)(e - v)));
		}
		/* The line ends at the first CRLF after what was read; nothing on it may be CR, LF or NUL. */
		const char *e = line_end != NULL ? line_end : h;
		while (e < end && !at_crlf(e, end)) {
			if (*e == '\r' || *e == '\n' || *e == '\0')
				fault = worse(fault, PF_HEADERS);
			e++;
		}
		h = e == end ? end : e + 2;
	}
	return disposition ? fault : worse(fault, PF_DISPOSITION);
}

/* Refuses a part: the first refusal names its field (NULL: none) for the error the form shows. */
static void refuse(struct form *form, const char *field, const char *message, const char *reason, const char **why)
{
	if (form->refused_message != NULL)
		return;
	form->refused_field = field;
	form->refused_message = message;
	*why = reason;
}

static void refuse_part(struct form *form, enum part_fault fault, const char *name, const char **why)
{
	refuse(form, fault == PF_NAME ? NULL : name, part_faults[fault].message, part_faults[fault].why, why);
}

/* A file name without the controls that turn its text around: "invoice\u202Efdp.exe" showed
 * as invoiceexe.pdf, and turned what followed it on the page around too. */
static const char *without_bidi_controls(struct pool *p, const char *name)
{
	char *r = pool_strdup(p, name), *w = r;
	for (const unsigned char *c = (const unsigned char *)name; *c;) {
		size_t n = text_bidi_control_len(c);
		if (n == 0)
			*w++ = (char)*c++;
		else
			c += n;
	}
	*w = '\0';
	return r;
}

#define FILE_OVER "multipart 分段的文件超出限制"

/* Adds a well-formed part to the form: a field, or a file (empty file inputs send an empty part
 * with an empty file name: nothing to add). */
static enum xerr take_part(struct pool *p, const struct part_head *head, const unsigned char *data, size_t dl,
                           const struct limits *lim, struct form *form, size_t *fields, const char **why)
{
	if (head->filename == NULL) {
		if (++*fields > lim->max_fields) {
			*why = "字段过多";
			return XE_TOO_LARGE;
		}
		if (dl > lim->max_value) {
			*why = "字段过长";
			return XE_TOO_LARGE;
		}
		if (!text_valid((const char *)data, dl)) {
			*why = "字段不是有效的 UTF-8 文本";
			return XE_BAD_REQUEST;
		}
		form_add(p, form, head->name, pool_strndup(p, (const char *)data, dl));
		return XE_OK;
	}
	if (*head->filename == '\0' && dl == 0)
		return XE_OK;
	if (lim->max_files == 0) {
		*why = "此处不接受文件";
		return XE_TOO_LARGE;
	}
	/* One file too many or too large is refused at its field, the rest read, so that the form can
	 * come back with what was typed (the body as a whole is bounded before it is read). */
	if (form->nfiles >= lim->max_files) {
		refuse(form, head->name, pool_printf(p, "一次最多上传%zu个文件，其余请保存后再上传", lim->max_files), FILE_OVER, why);
		return XE_OK;
	}
	if (dl > lim->max_file_size) {
		refuse(form, head->name,
		       pool_printf(p, "“%s”过大：每个文件不超过%zu MB", head->filename, lim->max_file_size >> 20), FILE_OVER,
		       why);
		return XE_OK;
	}
	struct upload *nf = pool_alloc(p, (form->nfiles + 1) * sizeof *nf);
	if (form->nfiles)
		memcpy(nf, form->files, form->nfiles * sizeof *nf);
	/* Keep only the base name: some browsers send a full client path. */
	const char *base = head->filename;
	for (const char *c = head->filename; *c; c++)
		if (*c == '/' || *c == '\\')
			base = c + 1;
	base = without_bidi_controls(p, base);
	nf[form->nfiles] = (struct upload){head->name, base,
	                                   head->content_type ? head->content_type : "application/octet-stream", data, dl};
	form->files = nf;
	form->nfiles++;
	return XE_OK;
}

static bool name_valid(const char *name, const struct limits *lim)
{
	return name != NULL && *name != '\0' && strlen(name) <= lim->max_key && text_valid(name, strlen(name));
}

/* The longest file name taken: what a stored file's name holds (VARCHAR(255) holds 255
 * characters, so any 255 bytes of UTF-8 fit). */
#define FILENAME_MAX_BYTES 255

static enum part_fault filename_fault(const char *filename)
{
	if (filename == NULL)
		return PF_NONE;
	if (!text_valid(filename, strlen(filename)))
		return PF_FILENAME;
	return strlen(filename) > FILENAME_MAX_BYTES ? PF_FILENAME_LONG : PF_NONE;
}

/* The parts from pos (just after the first delimiter) to the closing delimiter. */
static enum xerr read_parts(struct pool *p, const unsigned char *pos, const unsigned char *end, const char *delim,
                            const struct limits *lim, struct form *form, const char **why)
{
	size_t dlen = strlen(delim), fields = 0;
	for (;;) {
		if (end - pos >= 2 && pos[0] == '-' && pos[1] == '-')
			return XE_OK; /* closing delimiter */
		if (end - pos < 2 || pos[0] != '\r' || pos[1] != '\n') {
			*why = "multipart 分隔行有误";
			return XE_BAD_REQUEST;
		}
		pos += 2;
		const unsigned char *dend = memmem_u(pos, (size_t)(end - pos), delim, dlen);
		if (dend == NULL) {
			*why = "multipart 分段没有结束分隔符";
			return XE_BAD_REQUEST;
		}
		/* The part's headers end at its first empty line; a part without one is all headers. */
		const unsigned char *hend = memmem_u(pos, (size_t)(dend - pos), "\r\n\r\n", 4);
		const unsigned char *data = hend != NULL ? hend + 4 : dend;
		if ((hend != NULL ? hend : dend) - pos > 4096) {
			*why = "multipart 分段的头部有误";
			return XE_BAD_REQUEST;
		}
		size_t dl = (size_t)(dend - data);
		struct part_head head;
		enum part_fault fault = read_part_head(p, (const char *)pos, (const char *)(hend != NULL ? hend : dend), &head);
		if (hend == NULL)
			fault = worse(fault, PF_HEADERS);
		if (!name_valid(head.name, lim))
			fault = PF_NAME;
		else
			fault = worse(fault, filename_fault(head.filename));
		if (fault != PF_NONE) {
			refuse_part(form, fault, head.name, why);
		} else {
			enum xerr e = take_part(p, &head, data, dl, lim, form, &fields, why);
			if (e != XE_OK)
				return e;
		}
		pos = dend + dlen;
	}
}

enum xerr parse_multipart(struct pool *p, const unsigned char *body, size_t len, const char *content_type,
                          const struct limits *lim, struct form *form, const char **why)
{
	const char *boundary = header_param(p, content_type, strlen(content_type), "boundary");
	if (boundary == NULL || *boundary == '\0' || strlen(boundary) > 70) {
		*why = "multipart 请求体缺少有效的分隔符";
		return XE_BAD_REQUEST;
	}
	const char *delim = pool_printf(p, "\r\n--%s", boundary);
	/* The first delimiter may open the body, without the CRLF before it. */
	const unsigned char *first = memmem_u(body, len, delim + 2, strlen(delim) - 2);
	if (first == NULL) {
		*why = "multipart 请求体中没有分隔符";
		return XE_BAD_REQUEST;
	}
	enum xerr e = read_parts(p, first + strlen(delim) - 2, body + len, delim, lim, form, why);
	if (e != XE_OK) { /* the body's own fault: no part's error to show */
		form->refused_field = form->refused_message = NULL;
		return e;
	}
	return form->refused_message != NULL ? XE_BAD_REQUEST : XE_OK;
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
			char *key = str_trim(pool_strndup(p, s, (size_t)(eq - s)));
			char *value = pool_strndup(p, eq + 1, len - (size_t)(eq - s) - 1);
			/* A name of white space alone is no name (found by the fuzzer: "\r=x" gave a cookie named ""). */
			if (*key != '\0' && text_valid(key, strlen(key)) && text_valid(value, strlen(value))) {
				form_add(p, form, key, str_trim(value));
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

/* The fields from..to-1 as a JSON object of each one's name and text (null when absent): the
 * record of what was typed that an audit entry keeps. */
const char *form_json(struct pool *p, const struct field_spec *specs, const struct field_value *v, size_t from,
                      size_t to)
{
	struct buf b;
	struct jw w;
	buf_init(&b);
	jw_init(&w, &b);
	jw_open(&w, NULL, '{');
	for (size_t i = from; i < to; i++)
		jw_str(&w, specs[i].name, v[i].text);
	jw_close(&w, '}');
	return jw_finish(&w, p);
}
