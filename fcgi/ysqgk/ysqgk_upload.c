/* A filing's body and attachments (see ysqgk_upload.h). */
#include "ysqgk/ysqgk_upload.h"
#include "core/text.h"
#include "notices/attachment_type.h"
#include "ysqgk/ysqgk.h"
#include <string.h>
#include <strings.h>

const char *ysqgk_sniff(const unsigned char *d, size_t n)
{
	if (n >= 5 && memcmp(d, "%PDF-", 5) == 0)
		return "application/pdf";
	if (n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
		return "image/jpeg";
	if (n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	if (n >= 8 && memcmp(d, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		return "application/msword";
	/* OFD and DOCX are ZIP containers; their member names are stored in clear. */
	if (n >= 30 && memcmp(d, "PK\x03\x04", 4) == 0) {
		if (memmem(d, n, "word/", 5) != NULL && memmem(d, n, "[Content_Types].xml", 19) != NULL)
			return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
		if (memmem(d, n, "OFD.xml", 7) != NULL)
			return "application/ofd";
	}
	return NULL;
}

const char *ysqgk_size_text(struct pool *p, long long bytes)
{
	if (bytes >= (1 << 20) && bytes % (1 << 20) == 0)
		return pool_printf(p, "%lld MB", bytes >> 20);
	if (bytes >= 1024)
		return pool_printf(p, "%lld KB", bytes / 1024);
	return pool_printf(p, "%lld 字节", bytes);
}

enum xerr ysqgk_parse_body(struct request *req, struct form *out, const char **message)
{
	struct ysqgk_config cfg;
	ysqgk_config(req->app, &cfg);
	const char *ct = req->content_type ? req->content_type : "";
	struct limits lim = req->app->limits;
	/* Up to 100 files parse, so that the validation counts them and answers with one error
	 * saying how many were sent and how many are taken (each file is bounded by attachment_max
	 * there); more than that is no filing, and the parser refuses it at the field. */
	lim.max_files = 100;
	lim.max_file_size = req->app->max_body;
	const char *why = "";
	enum xerr e = XE_OK;
	memset(out, 0, sizeof *out);
	if (req->raw_body_len == 0)
		e = XE_OK;
	else if (strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0)
		e = parse_urlencoded(req->pool, (const char *)req->raw_body, req->raw_body_len, &lim, out, &why);
	else if (strncasecmp(ct, "multipart/form-data", 19) == 0)
		e = parse_multipart(req->pool, req->raw_body, req->raw_body_len, ct, &lim, out, &why);
	else
		e = XE_UNSUPPORTED;
	if (e == XE_OK || (e == XE_BAD_REQUEST && out->refused_field != NULL))
		return XE_OK; /* a field's own error: ysqgk_validate reports it with the others */
	/* The parser's own reason: a body cut short or without its boundary is not a text fault. */
	*message = e == XE_TOO_LARGE     ? "提交的内容超出限制（字段过多、过长或附件过多）。"
	           : e == XE_UNSUPPORTED ? "不支持的提交格式。"
	                                 : pool_printf(req->pool, "提交的内容格式有误（%s），请重新提交。", why);
	return e;
}

/* The longest name a file is kept under, in characters. */
#define NAME_MAX_CHARS 200

/* A file name fit to store and show: its base name, no control characters (DEL included), valid text
 * (U+FFFE and U+FFFF end it, as invalid UTF-8 does; both found by the fuzzer), at most 200 characters.
 * A '"' stays: pages escape it, and a download names the file in filename* (request_download_name). */
static const char *clean_filename(struct pool *p, const char *name)
{
	char *r = pool_strdup(p, name ? name : "");
	for (char *c = r; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f || *c == '\\' || *c == '/')
			*c = '_';
	size_t chars = 0;
	for (unsigned char *c = (unsigned char *)r; *c;) {
		size_t n = utf8_seq_len(c);
		if (n == 0 || !text_valid((const char *)c, n) || ++chars > NAME_MAX_CHARS) {
			*c = '\0';
			break;
		}
		c += n;
	}
	return *r ? r : "附件";
}

const char *ysqgk_check_attachments(struct request *req, const struct form *form, struct ysqgk_attachment *files,
                                    size_t *nfiles, enum xerr *status)
{
	struct pool *p = req->pool;
	struct ysqgk_config cfg;
	ysqgk_config(req->app, &cfg);
	*nfiles = 0;
	*status = XE_TOO_LARGE;
	if (form->nfiles > (size_t)cfg.attachments_max)
		return pool_printf(p, "最多只能上传%lld个（收到%zu个）", cfg.attachments_max, form->nfiles);
	for (size_t i = 0; i < form->nfiles; i++) {
		const struct upload *u = &form->files[i];
		const char *fname = clean_filename(p, u->filename);
		const char *mime = ysqgk_sniff(u->data, u->len);
		const char *bad = NULL;
		if (u->len == 0) {
			bad = pool_printf(p, "“%s”是空文件", fname);
			*status = XE_BAD_REQUEST;
		} else if ((long long)u->len > cfg.attachment_max) {
			bad = pool_printf(p, "“%s”超过了每个文件%s的大小限制", fname, ysqgk_size_text(p, cfg.attachment_max));
		} else if (mime == NULL) {
			bad = pool_printf(p, "“%s”不是允许的文件类型（只接受 PDF、JPEG、PNG、OFD、DOC、DOCX）", fname);
			*status = XE_UNSUPPORTED;
		}
		if (bad != NULL) {
			*nfiles = 0;
			return bad;
		}
		files[(*nfiles)++] = (struct ysqgk_attachment){attachment_name(p, fname, mime, NAME_MAX_CHARS), mime, u->data, u->len};
	}
	*status = XE_OK;
	return NULL;
}
