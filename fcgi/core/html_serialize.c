#include "core/html_serialize.h"
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parserInternals.h> /* xmlStringTextNoenc */
#include <stdint.h>
#include <string.h>
#include <strings.h>

/* Each rule below restates one in libxml2 2.9.14: HTMLtree.c (htmlNodeDumpFormatOutput,
 * htmlAttrDumpOutput), entities.c (xmlEncodeEntitiesInternal for an HTML document), xmlsave.c
 * (xmlNsDumpOutput), uri.c (xmlURIEscapeStr), buf.c (xmlBufWriteQuotedString). What it does not
 * restate it refuses. One rule it breaks on purpose: libxml2 leaves "<!--...-->" and "&{...}"
 * inside an attribute value as they are (HTML 4's server-side includes and script macros), so a
 * value typed as <!--#include virtual="..." --> would reach the page as a live SSI directive for
 * the web server to run; here an attribute value is escaped as text is. */

enum { SLOTS = 128, MAX_DEPTH = 256 };

enum attr_kind { ATTR_PLAIN, ATTR_BOOLEAN, ATTR_URI, ATTR_NAME /* a URI on <a> only */ };

/* Names in a transformation's result come from the stylesheet's dictionary, so a name seen before
 * is found by its pointer; each distinct name is looked up about once per page (a name landing in
 * a taken slot replaces it and is looked up again next time). */
struct writer {
	struct buf *out;
	bool html4_attrs; /* libxml2's rule for "<!--...-->" and "&{...}" in values: for the tests only */
	struct buf value; /* an attribute's value, entity-encoded, when it cannot go straight out */
	const xmlChar *tag_name[SLOTS];
	struct tag {
		const htmlElemDesc *info; /* NULL: not an HTML element libxml2 knows */
		bool raw_text;            /* script, style: content as it is */
	} tag[SLOTS];
	const xmlChar *attr_name[SLOTS];
	enum attr_kind attr_kind[SLOTS];
};

/* Appends without a call while there is room (buf_reserve'd up front); buf_put otherwise. The
 * NUL after the bytes is left to the final buf_put (html_serialize ends with one). */
static inline void put(struct buf *b, const void *s, size_t n)
{
	if (b->len + n + 1 <= b->cap) {
		memcpy(b->data + b->len, s, n);
		b->len += n;
	} else {
		buf_put(b, s, n);
	}
}

static inline void put_str(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

static inline void put_char(struct buf *b, char c)
{
	if (b->len + 2 <= b->cap)
		b->data[b->len++] = c;
	else
		buf_putc(b, c);
}

static size_t slot_of(const xmlChar *name)
{
	return ((uintptr_t)name >> 3) % SLOTS;
}

/* Whether text under an element called name goes as it is (libxml2 compares case-insensitively). */
static bool raw_text_in(const xmlChar *name)
{
	return name != NULL && (strcasecmp((const char *)name, "script") == 0 || strcasecmp((const char *)name, "style") == 0);
}

static const struct tag *tag_of(struct writer *w, const xmlChar *name)
{
	size_t i = slot_of(name);
	if (w->tag_name[i] != name) {
		w->tag_name[i] = name;
		w->tag[i] = (struct tag){htmlTagLookup(name), raw_text_in(name)};
	}
	return &w->tag[i];
}

static enum attr_kind attr_kind(struct writer *w, const xmlChar *name)
{
	size_t i = slot_of(name);
	if (w->attr_name[i] == name)
		return w->attr_kind[i];
	enum attr_kind k = ATTR_PLAIN;
	const char *n = (const char *)name;
	if (htmlIsBooleanAttr(name))
		k = ATTR_BOOLEAN;
	else if (strcasecmp(n, "href") == 0 || strcasecmp(n, "action") == 0 || strcasecmp(n, "src") == 0)
		k = ATTR_URI;
	else if (strcasecmp(n, "name") == 0)
		k = ATTR_NAME;
	w->attr_name[i] = name;
	w->attr_kind[i] = k;
	return k;
}

/* Bytes written as they are in text: all but NUL, & < > and control characters other than tab,
 * newline and return. */
static const bool plain_byte[256] = {
	['\t'] = true, ['\n'] = true, ['\r'] = true,
	[' '] = true, ['!'] = true, ['"'] = true, ['#'] = true, ['$'] = true, ['%'] = true, ['\''] = true,
	['('] = true, [')'] = true, ['*'] = true, ['+'] = true, [','] = true, ['-'] = true, ['.'] = true,
	['/'] = true, ['0' ... '9'] = true, [':'] = true, [';'] = true, ['='] = true, ['?'] = true,
	['@' ... '~'] = true, [0x7f ... 0xff] = true,
};

/* Bytes a URI attribute keeps as they are (xmlURIEscapeStr with the list htmlAttrDumpOutput
 * passes): letters, digits, the marks -_.!~*'() and @/:=?;#%&,+<>. The rest become %XX. */
static const bool uri_byte[256] = {
	['a' ... 'z'] = true, ['A' ... 'Z'] = true, ['0' ... '9'] = true,
	['-'] = true, ['_'] = true, ['.'] = true, ['!'] = true, ['~'] = true, ['*'] = true, ['\''] = true,
	['('] = true, [')'] = true, ['@'] = true, ['/'] = true, [':'] = true, ['='] = true, ['?'] = true,
	[';'] = true, ['#'] = true, ['%'] = true, ['&'] = true, [','] = true, ['+'] = true, ['<'] = true,
	['>'] = true,
};

/* Text as xmlEncodeEntitiesInternal writes it for an HTML document: & < > as entities, bytes
 * from 0x80 as they are, control characters other than tab, newline and return dropped. With
 * html4, an SSI comment <!--...--> and a script macro &{...} pass unchanged, as libxml2 lets them
 * in attributes. */
static void put_encoded(struct buf *b, const char *text, bool html4)
{
	const unsigned char *s = (const unsigned char *)text, *run = s;
	for (;;) {
		while (plain_byte[*s])
			s++;
		if (*s == '\0')
			break;
		const char *rep;
		if (*s == '<') {
			const char *end;
			if (html4 && s[1] == '!' && s[2] == '-' && s[3] == '-' &&
			    (end = strstr((const char *)s, "-->")) != NULL) {
				s = (const unsigned char *)end + 3;
				continue;
			}
			rep = "&lt;";
		} else if (*s == '>') {
			rep = "&gt;";
		} else if (*s == '&') {
			const char *brace;
			if (html4 && s[1] == '{' && (brace = strchr((const char *)s, '}')) != NULL) {
				s = (const unsigned char *)brace + 1;
				continue;
			}
			rep = "&amp;";
		} else {
			rep = ""; /* a control character: dropped */
		}
		put(b, run, (size_t)(s - run));
		put_str(b, rep);
		run = ++s;
	}
	put(b, run, (size_t)(s - run));
}

static void put_uri_escaped(struct buf *b, const char *text)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *s = (const unsigned char *)text; *s != '\0'; s++) {
		if (uri_byte[*s]) {
			put_char(b, (char)*s);
		} else {
			char esc[3] = {'%', hex[*s >> 4], hex[*s & 0xF]};
			put(b, esc, 3);
		}
	}
}

/* xmlBufWriteQuotedString: double quotes, or single ones around a value holding a double quote,
 * or double quotes and &quot; when it holds both. */
static void put_quoted(struct buf *b, const char *v, size_t n)
{
	if (memchr(v, '"', n) == NULL) {
		put_char(b, '"');
		put(b, v, n);
		put_char(b, '"');
	} else if (memchr(v, '\'', n) == NULL) {
		put_char(b, '\'');
		put(b, v, n);
		put_char(b, '\'');
	} else {
		put_char(b, '"');
		for (size_t i = 0; i < n; i++) {
			if (v[i] == '"')
				put_str(b, "&quot;");
			else
				put_char(b, v[i]);
		}
		put_char(b, '"');
	}
}

/* A name as libxml2 writes it: with its namespace's prefix, if it has one. */
static void put_qname(struct buf *b, const xmlNs *ns, const xmlChar *name)
{
	if (ns != NULL && ns->prefix != NULL) {
		put_str(b, (const char *)ns->prefix);
		put_char(b, ':');
	}
	put_str(b, (const char *)name);
}

/* The namespaces an element declares (xmlNsDumpOutput). Their addresses come from stylesheets. */
static void put_ns_defs(struct buf *b, const xmlNs *ns)
{
	for (; ns != NULL; ns = ns->next) {
		if (ns->type != XML_LOCAL_NAMESPACE || ns->href == NULL ||
		    (ns->prefix != NULL && strcmp((const char *)ns->prefix, "xml") == 0))
			continue;
		put_str(b, " xmlns");
		if (ns->prefix != NULL) {
			put_char(b, ':');
			put_str(b, (const char *)ns->prefix);
		}
		put_char(b, '=');
		put_quoted(b, (const char *)ns->href, strlen((const char *)ns->href));
	}
}

static bool put_attr(struct writer *w, xmlAttrPtr a, xmlNodePtr element)
{
	struct buf *b = w->out;
	put_char(b, ' ');
	put_qname(b, a->ns, a->name);
	enum attr_kind kind = attr_kind(w, a->name);
	if (a->children == NULL || kind == ATTR_BOOLEAN)
		return true;
	bool any = false, quote = false;
	for (xmlNodePtr t = a->children; t != NULL; t = t->next) {
		if (t->type != XML_TEXT_NODE && t->type != XML_CDATA_SECTION_NODE)
			return false;
		if (t->content != NULL) {
			any = true;
			quote = quote || strchr((const char *)t->content, '"') != NULL;
		}
	}
	if (!any) {
		put_str(b, "=\"\"");
		return true;
	}
	bool uri = a->ns == NULL && element->ns == NULL &&
	           (kind == ATTR_URI || (kind == ATTR_NAME && strcasecmp((const char *)element->name, "a") == 0));
	if (!uri && !quote) { /* the usual case: straight into the page between double quotes */
		put(b, "=\"", 2);
		for (xmlNodePtr t = a->children; t != NULL; t = t->next)
			if (t->content != NULL)
				put_encoded(b, (const char *)t->content, w->html4_attrs);
		put_char(b, '"');
		return true;
	}
	w->value.len = 0;
	for (xmlNodePtr t = a->children; t != NULL; t = t->next)
		if (t->content != NULL)
			put_encoded(&w->value, (const char *)t->content, w->html4_attrs);
	put_char(&w->value, '\0');
	const char *v = w->value.data;
	put_char(b, '=');
	if (uri) {
		/* Escaping leaves no double quote to choose quotes by. */
		while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
			v++;
		put_char(b, '"');
		put_uri_escaped(b, v);
		put_char(b, '"');
	} else {
		put_quoted(b, v, w->value.len - 1);
	}
	return true;
}

static bool put_node(struct writer *w, xmlNodePtr n, bool raw_text, int depth);

static bool put_children(struct writer *w, xmlNodePtr parent, bool raw_text, int depth)
{
	if (depth > MAX_DEPTH)
		return false;
	for (xmlNodePtr c = parent->children; c != NULL; c = c->next)
		if (!put_node(w, c, raw_text, depth + 1))
			return false;
	return true;
}

static void put_end_tag(struct buf *b, xmlNodePtr e)
{
	put_str(b, "</");
	put_qname(b, e->ns, e->name);
	put_char(b, '>');
}

static bool put_element(struct writer *w, xmlNodePtr e, int depth)
{
	struct buf *b = w->out;
	const struct tag *tag = tag_of(w, e->name);
	const htmlElemDesc *info = e->ns == NULL ? tag->info : NULL; /* <svg:title> is not HTML's */
	put_char(b, '<');
	put_qname(b, e->ns, e->name);
	put_ns_defs(b, e->nsDef);
	for (xmlAttrPtr a = e->properties; a != NULL; a = a->next)
		if (!put_attr(w, a, e))
			return false;
	if (info != NULL && info->empty) { /* a void element: no end tag, whatever it holds */
		put_char(b, '>');
		return true;
	}
	if (e->children == NULL) {
		if (info != NULL && info->saveEndTag != 0 && strcmp(info->name, "html") != 0 &&
		    strcmp(info->name, "body") != 0) {
			put_char(b, '>');
		} else {
			put_char(b, '>');
			put_end_tag(b, e);
		}
		return true;
	}
	put_char(b, '>');
	if (!put_children(w, e, tag->raw_text, depth))
		return false;
	put_end_tag(b, e);
	return true;
}

static bool put_node(struct writer *w, xmlNodePtr n, bool raw_text, int depth)
{
	struct buf *b = w->out;
	switch (n->type) {
	case XML_ELEMENT_NODE:
		return put_element(w, n, depth);
	case XML_TEXT_NODE:
		if (n->content == NULL)
			break;
		/* Text the stylesheet marked unescaped goes as it is too. */
		if (raw_text || n->name == xmlStringTextNoenc)
			put_str(b, (const char *)n->content);
		else
			put_encoded(b, (const char *)n->content, false);
		break;
	case XML_COMMENT_NODE:
		if (n->content != NULL) {
			put_str(b, "<!--");
			put_str(b, (const char *)n->content);
			put_str(b, "-->");
		}
		break;
	case XML_PI_NODE:
		if (n->name != NULL) {
			put_str(b, "<?");
			put_str(b, (const char *)n->name);
			if (n->content != NULL) {
				put_char(b, ' ');
				put_str(b, (const char *)n->content);
			}
			put_char(b, '>');
		}
		break;
	case XML_CDATA_SECTION_NODE:
		if (n->content != NULL)
			put_str(b, (const char *)n->content);
		break;
	default: /* entity references, DTD nodes, XInclude markers: libxml2's business */
		return false;
	}
	return true;
}

static bool serialize(xmlDocPtr doc, struct buf *out, bool html4_attrs)
{
	if (doc == NULL || doc->intSubset != NULL || doc->children == NULL)
		return false;
	struct writer w = {.out = out, .html4_attrs = html4_attrs};
	buf_init(&w.value);
	size_t start = out->len;
	buf_reserve(out, 16 << 10); /* most pages fit */
	bool ok = put_children(&w, (xmlNodePtr)doc, raw_text_in((const xmlChar *)doc->name), 0);
	if (ok) {
		buf_putc(out, '\n'); /* through buf_put: the NUL after the page */
	} else {
		out->len = start;
		out->data[start] = '\0';
	}
	buf_free(&w.value);
	return ok;
}

bool html_serialize(xmlDocPtr doc, struct buf *out)
{
	return serialize(doc, out, false);
}

bool html_serialize_as_libxml2(xmlDocPtr doc, struct buf *out)
{
	return serialize(doc, out, true);
}
