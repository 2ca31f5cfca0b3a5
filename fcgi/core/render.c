#include "core/render.h"
#include "core/exchange.h"
#include "core/html_serialize.h"
#include "core/route.h"
#include "core/text.h"
#include "core/xml_arena.h"
#include <libxml/HTMLtree.h>
#include <libxslt/imports.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void free_doc(void *doc)
{
	xml_arena_free_doc(doc);
}

/* Text that is not valid for XML (bad UTF-8, control characters) is replaced, not dropped
 * silently into the tree where the serializer would choke on it. */
static const xmlChar *safe_text(const char *text)
{
	if (text == NULL)
		return NULL;
	if (text_valid(text, strlen(text)))
		return (const xmlChar *)text;
	return (const xmlChar *)"\xef\xbf\xbd";
}

xmlNodePtr xml_add(xmlNodePtr parent, const char *name, const char *text)
{
	/* xmlNewTextChild escapes its content: it is a text node, never parsed as markup. */
	return xmlNewTextChild(parent, NULL, (const xmlChar *)name, safe_text(text));
}

xmlNodePtr xml_addf(xmlNodePtr parent, const char *name, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	return xml_add(parent, name, tmp);
}

void xml_attr(xmlNodePtr node, const char *name, const char *value)
{
	if (value != NULL)
		xmlNewProp(node, (const xmlChar *)name, safe_text(value));
}

/* The particles that end a word in a label, each one UTF-8 character of three bytes. */
static const char particles[][4] = {"的", "和", "与", "或", "及"};

static bool particle_at(const char *p)
{
	for (size_t i = 0; i < sizeof particles / sizeof particles[0]; i++)
		if (memcmp(p, particles[i], 3) == 0)
			return true;
	return false;
}

/* Words that begin with a particle: no break inside them. */
static bool word_goes_on(const char *p)
{
	static const char *const words[] = {"或者", "及时", "及早"};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strncmp(p, words[i], 6) == 0)
			return true;
	return false;
}

void xml_attr_label(xmlNodePtr node, const char *name, const char *label)
{
	if (label == NULL)
		return;
	const char *text = (const char *)safe_text(label);
	struct buf b;
	buf_init(&b);
	for (const char *p = text; *p != '\0';) {
		size_t n = utf8_seq_len((const unsigned char *)p);
		if (n == 0) /* safe_text leaves none invalid: never stop on one */
			n = 1;
		buf_put(&b, p, n);
		if (n == 3 && particle_at(p) && p[n] != '\0' && !word_goes_on(p))
			buf_puts(&b, "\xe2\x80\x8b"); /* U+200B ZERO WIDTH SPACE */
		p += n;
	}
	xmlNewProp(node, (const xmlChar *)name, (const xmlChar *)buf_cstr(&b));
	buf_free(&b);
}

void xml_attr_int(xmlNodePtr node, const char *name, long long value)
{
	char tmp[32];
	snprintf(tmp, sizeof tmp, "%lld", value);
	xmlNewProp(node, (const xmlChar *)name, (const xmlChar *)tmp);
}

xmlNodePtr xml_add_row(xmlNodePtr parent, const char *name, char **row, const char *const *cols, size_t ncols)
{
	xmlNodePtr n = xmlNewChild(parent, NULL, (const xmlChar *)name, NULL);
	for (size_t i = 0; i < ncols; i++)
		if (cols[i] != NULL && row[i] != NULL)
			xml_attr(n, cols[i], row[i]);
	return n;
}

/* Where the site's pages are seen, for their Url tag (国办发〔2017〕47号): the mails' link base
 * when one is set, else https:// and the site's domain; "" when neither is known. Never the
 * request's Host, which a cached page must not depend on. */
static const char *site_url_base(struct request *req)
{
	const char *base = req->app->cfg.mail.link_base;
	if (base != NULL && *base)
		return base;
	const char *domain = req->site->domain;
	const char *https = pool_printf(req->pool, "https://%s", domain ? domain : "");
	return domain != NULL && *domain && url_is_safe(https) ? https : "";
}

xmlDocPtr render_doc_new(struct request *req, const char *name, xmlNodePtr *root)
{
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	pool_defer(req->pool, free_doc, doc);
	xmlNodePtr r = xmlNewNode(NULL, (const xmlChar *)"page");
	xmlDocSetRootElement(doc, r);
	xml_attr(r, "name", name);
	xml_attr(r, "prefix", req->app->prefix);
	xml_attr(r, "static", req->app->static_url);
	char today[11];
	format_date(req->today, today);
	xml_attr(r, "today", today);
	/* The page's own address, for its Url tag: the path only, so that a page is the same
	 * whatever query string it was asked with (the caches keep one render per query string). */
	xml_attr(r, "path", req->path);
	if (req->site != NULL) {
		struct site *s = req->site;
		xmlNodePtr sn = xmlNewChild(r, NULL, (const xmlChar *)"site", NULL);
		xml_attr(sn, "key", s->key);
		xml_attr(sn, "name", s->name);
		xml_attr(sn, "variant", s->variant);
		xml_attr(sn, "org-code", s->org_code);
		xml_attr(sn, "domain", s->domain);
		xml_attr(sn, "id-code", s->id_code);
		xml_attr(sn, "url-base", site_url_base(req));
		xml_attr(sn, "look", s->look);
		xml_attr(sn, "base", site_base(req));
		/* The CMS's own header and footer, pulled in by the web server's SSI (checked at start). */
		const struct site_settings *ss = settings_site(&req->app->cfg, s->key);
		if (ss != NULL && ss->header_include != NULL && *ss->header_include)
			xml_attr(sn, "header-include", ss->header_include);
		if (ss != NULL && ss->footer_include != NULL && *ss->footer_include)
			xml_attr(sn, "footer-include", ss->footer_include);
	}
	if (req->user != NULL) {
		xmlNodePtr un = xmlNewChild(r, NULL, (const xmlChar *)"user", NULL);
		xml_attr(un, "login", req->user->login);
		xml_attr(un, "role", req->user->role);
		xml_attr(un, "name", req->user->display_name);
		xml_attr(un, "csrf", req->user->csrf_token);
		xml_attr_int(un, "idle-minutes", req->app->cfg.auth.idle_minutes);
		xml_attr_int(un, "forms-seconds", req->user->forms_seconds);
	}
	*root = r;
	return doc;
}

#ifdef XXGK_CHECK_HTML_SERIALIZER
/* The sanitizer build (the test suite) holds our HTML writer to libxml2's bytes on every page,
 * with libxml2's rule for SSI comments in attribute values, the one our pages break on purpose. */
static void check_against_libxml2(xmlDocPtr res, xsltStylesheetPtr xsl)
{
	struct buf ours;
	buf_init(&ours);
	bool wrote = html_serialize_as_libxml2(res, &ours);
	size_t len = ours.len;
	xmlChar *mem = NULL;
	int n = 0;
	if (!wrote || xsltSaveResultToString(&mem, &n, res, xsl) != 0 || (size_t)n != len ||
	    memcmp(mem, ours.data, len) != 0) {
		size_t at = 0;
		while (at < len && at < (size_t)n && mem[at] == (xmlChar)ours.data[at])
			at++;
		fprintf(stderr, "xxgk: HTML writer differs from libxml2 at byte %zu of %zu/%d\n  ours:    %.80s\n  libxml2: %.80s\n",
		        at, len, n, wrote ? ours.data + at : "(refused)",
		        mem != NULL && at < (size_t)n ? (const char *)mem + at : "");
		abort();
	}
	xmlFree(mem);
	buf_free(&ours);
}
#endif

static const char doctype[] = "<!DOCTYPE html>\n";

/* The result document as bytes. HTML (UTF-8, unindented: what every page stylesheet asks for)
 * goes through our writer (html_serialize.h); anything else through libxslt and libxml2. */
static enum xerr serialize(xsltStylesheetPtr xsl, xmlDocPtr res, struct buf *out, const char **media_type)
{
	/* xsl:output may sit in an imported stylesheet (_layout.xsl): look through imports. */
	const xmlChar *method = NULL, *media = NULL, *encoding = NULL;
	int indent;
	XSLT_GET_IMPORT_PTR(method, xsl, method);
	XSLT_GET_IMPORT_PTR(media, xsl, mediaType);
	XSLT_GET_IMPORT_PTR(encoding, xsl, encoding);
	XSLT_GET_IMPORT_INT(indent, xsl, indent);
	bool html = method != NULL && xmlStrEqual(method, (const xmlChar *)"html");
	if (media_type != NULL)
		*media_type = media != NULL ? (const char *)media : html ? "text/html" : "application/xml";
	if (html) {
		/* Only our writer keeps what was typed out of SSI directives (html_serialize.h): an HTML
		 * page it cannot write is an error, not a page for libxml2's serializer. */
		if (xsl->methodURI != NULL || indent != 0 ||
		    (encoding != NULL && xmlStrcasecmp(encoding, (const xmlChar *)"UTF-8") != 0)) {
			fprintf(stderr, "xxgk: HTML output must be UTF-8 and unindented\n");
			return XE_INTERNAL;
		}
		/* What xsltSaveResultTo does first: the charset meta at the top of <head>. */
		htmlSetMetaEncoding(res, encoding != NULL ? encoding : (const xmlChar *)"UTF-8");
		size_t start = out->len;
		buf_puts(out, doctype);
		if (!html_serialize(res, out)) {
			out->len = start;
			fprintf(stderr, "xxgk: the HTML writer refused a page's tree\n");
			return XE_INTERNAL;
		}
#ifdef XXGK_CHECK_HTML_SERIALIZER
		check_against_libxml2(res, xsl);
#endif
		return XE_OK;
	}
	xmlChar *mem = NULL;
	int len = 0;
	if (xsltSaveResultToString(&mem, &len, res, xsl) != 0)
		return XE_INTERNAL;
	if (mem != NULL)
		buf_put(out, mem, (size_t)len);
	xmlFree(mem);
	return XE_OK;
}

enum xerr render_to(const struct app *app, struct pool *pool, xmlDocPtr doc, const char *stylesheet,
                    struct buf *out, const char **media_type)
{
	(void)pool;
	xsltStylesheetPtr xsl = app_stylesheet(app, stylesheet);
	if (xsl == NULL) {
		fprintf(stderr, "xxgk: no stylesheet %s\n", stylesheet);
		return XE_INTERNAL;
	}
	xsltTransformContextPtr ctx = xsltNewTransformContext(xsl, doc);
	if (ctx == NULL)
		return XE_INTERNAL;
	/* No file writes, no directories, no network, no file reads at run time. */
	xsltSetCtxtSecurityPrefs(app->security, ctx);
	xmlDocPtr res = xsltApplyStylesheetUser(xsl, doc, NULL, NULL, NULL, ctx);
	enum xerr e = XE_OK;
	if (res == NULL || ctx->state != XSLT_STATE_OK)
		e = XE_INTERNAL;
	else
		e = serialize(xsl, res, out, media_type);
	xml_arena_free_doc(res);
	xsltFreeTransformContext(ctx);
	return e;
}

enum xerr render(struct request *req, xmlDocPtr doc, const char *stylesheet)
{
	const char *media = NULL;
	struct buf out;
	buf_init(&out);
	enum xerr e = render_to(req->app, req->pool, doc, stylesheet, &out, &media);
	if (e != XE_OK) {
		buf_free(&out);
		return e;
	}
	buf_free(&req->out);
	req->out = out;
	if (req->status == 0)
		req->status = 200;
	request_header(req, "Content-Type", pool_printf(req->pool, "%s; charset=utf-8", media));
	req->responded = true;
	return XE_OK;
}

void respond_json(struct request *req, int status, struct buf *json)
{
	buf_free(&req->out);
	req->out = *json;
	buf_init(json);
	req->status = status;
	request_header(req, "Content-Type", "application/json; charset=utf-8");
	req->responded = true;
}

void respond_bytes(struct request *req, int status, const char *media_type, const void *data, size_t len)
{
	buf_free(&req->out);
	buf_init(&req->out);
	buf_put(&req->out, data, len);
	req->status = status;
	request_header(req, "Content-Type", media_type);
	req->responded = true;
}

void respond_redirect(struct request *req, const char *location)
{
	buf_free(&req->out);
	buf_init(&req->out);
	req->status = 303;
	request_header(req, "Location", location);
	req->responded = true;
}

void respond_error(struct request *req, enum xerr e, const char *message, const char *field)
{
	if (e == XE_OK)
		e = XE_INTERNAL;
	int status = xerr_status(e);
	if (message == NULL)
		message = xerr_message_zh(e);
	req->nheaders = 0;
	if (req->route != NULL && (req->route->flags & R_JSON)) {
		struct buf j;
		struct jw w;
		buf_init(&j);
		jw_init(&w, &j);
		jw_open(&w, NULL, '{');
		jw_str(&w, "error", message);
		jw_str(&w, "field", field);
		jw_close(&w, '}');
		buf_putc(&j, '\n');
		respond_json(req, status, &j);
		if (e == XE_UNAVAILABLE)
			request_header(req, "Retry-After", "5");
		return;
	}
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "error", &root);
	xmlNodePtr en = xml_add(root, "error", message);
	xml_attr_int(en, "status", status);
	xml_attr(en, "reason", xerr_reason(e));
	xml_attr(en, "field", field);
	req->status = status;
	if (render(req, doc, "error") != XE_OK) {
		/* The stylesheet itself failed: a fixed plain-text answer, still with the right status. */
		char tmp[64];
		snprintf(tmp, sizeof tmp, "%d %s\n", status, xerr_reason(e));
		respond_bytes(req, status, "text/plain; charset=utf-8", tmp, strlen(tmp));
	}
	if (e == XE_UNAVAILABLE)
		request_header(req, "Retry-After", "5");
}
