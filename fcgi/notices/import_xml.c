#include "notices/import_read.h"
#include "core/app.h"
#include <libxml/parser.h>
#include <stdio.h>
#include <string.h>

static const char *xml_child_text(struct pool *p, xmlNodePtr node, const char *name)
{
	for (xmlNodePtr c = node->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, (const xmlChar *)name)) {
			xmlChar *t = xmlNodeGetContent(c);
			const char *r = pool_strdup(p, t ? (const char *)t : "");
			xmlFree(t);
			return r;
		}
	return NULL;
}

static const char *xml_prop(struct pool *p, xmlNodePtr node, const char *name)
{
	xmlChar *v = xmlGetProp(node, (const xmlChar *)name);
	const char *r = v ? pool_strdup(p, (const char *)v) : NULL;
	xmlFree(v);
	return r;
}

/* The <items> and <attachment> children of a notice element; NULL or what is wrong. */
static const char *xml_parts(struct pool *p, xmlNodePtr c, struct import_set *out, size_t at, long *line)
{
	struct notice_in *n = &out->notices[at];
	for (xmlNodePtr part = c->children; part != NULL; part = part->next) {
		if (part->type == XML_ELEMENT_NODE && xmlStrEqual(part->name, (const xmlChar *)"attachment")) {
			if (out->nfiles[at] == IMPORT_MAX_FILES)
				return "more than 20 attachments";
			const char *f = xml_prop(p, part, "file");
			out->files[at][out->nfiles[at]++] = f ? f : "";
			continue;
		}
		if (part->type != XML_ELEMENT_NODE || !xmlStrEqual(part->name, (const xmlChar *)"items"))
			continue;
		for (xmlNodePtr it = part->children; it != NULL; it = it->next) {
			if (it->type != XML_ELEMENT_NODE)
				continue;
			if (n->nitems == NOTICE_MAX_ITEMS) {
				*line = xmlGetLineNo(it);
				return "field items: too many items";
			}
			xmlChar *t = xmlNodeGetContent(it);
			n->items[n->nitems].code = xml_prop(p, it, "code");
			n->items[n->nitems].value = pool_strdup(p, t ? (const char *)t : "");
			xmlFree(t);
			n->nitems++;
		}
	}
	return NULL;
}

static const char *xml_notice(struct pool *p, xmlNodePtr c, struct import_set *out, long *line)
{
	if (!xmlStrEqual(c->name, (const xmlChar *)"notice"))
		return pool_printf(p, "unexpected element <%s>", (const char *)c->name);
	size_t at = out->n++;
	struct notice_in *n = &out->notices[at];
	out->lines[at] = *line;
	n->external_id = xml_prop(p, c, "external-id");
	n->category_code = xml_prop(p, c, "category");
	n->status = xml_prop(p, c, "status");
	n->decision_kind = xml_prop(p, c, "decision-kind");
	n->document_kind = xml_prop(p, c, "document-kind");
	n->title = xml_child_text(p, c, "title");
	n->issuer = xml_child_text(p, c, "issuer");
	n->doc_number = xml_child_text(p, c, "doc-number");
	n->subject = xml_child_text(p, c, "subject");
	n->formed_on = xml_child_text(p, c, "formed-on");
	n->published_at = xml_child_text(p, c, "published-at");
	n->changed_on = xml_child_text(p, c, "changed-on");
	n->repealed_on = xml_child_text(p, c, "repealed-on");
	n->validity = xml_child_text(p, c, "validity");
	n->body = xml_child_text(p, c, "body");
	return xml_parts(p, c, out, at, line);
}

/* The SAX event of "<!DOCTYPE": the parse ends there, before a declaration is read. */
static void refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id, const xmlChar *system_id)
{
	xmlParserCtxtPtr ctxt = ctx;
	ctxt->wellFormed = 0;
	xmlStopParser(ctxt);
}

/* The parse's first error, the one that names the cause: libxml2 goes on and its last error is
 * then often "Extra content at the end of the document". */
struct first_error {
	char message[200];
	int line;
};

/* Every error comes here instead of libxml2's printing to stderr (a text node over its limit is
 * reported through the validity channel, which XML_PARSE_NOERROR leaves printing). */
static void keep_first_error(void *ctx, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct first_error *first = ctxt != NULL ? ctxt->_private : NULL;
	if (first == NULL || first->line != 0 || e == NULL)
		return;
	snprintf(first->message, sizeof first->message, "%s", e->message ? e->message : "");
	first->message[strcspn(first->message, "\n")] = '\0';
	first->line = e->line > 0 ? e->line : 1;
}

static void say_parse_error(const char *name, xmlParserCtxtPtr ctxt, const struct first_error *first, char *err,
                            size_t errlen)
{
	if (ctxt->errNo == XML_ERR_USER_STOP)
		snprintf(err, errlen, "%s:%d: a DTD (<!DOCTYPE ...>) is not accepted: no entity or external file is read",
		         name, ctxt->input ? ctxt->input->line : 1);
	else if (strstr(first->message, "huge text node") != NULL)
		snprintf(err, errlen, "%s:%d: an element holds more than 10,000,000 bytes of text; no field takes that much "
		         "(the longest, body, takes 1,000,000 characters)", name, first->line);
	else if (first->line != 0)
		snprintf(err, errlen, "%s:%d: not well-formed XML: %s", name, first->line, first->message);
	else
		snprintf(err, errlen, "%s:%d: not well-formed XML: %s", name, ctxt->lastError.line,
		         ctxt->lastError.message ? ctxt->lastError.message : "");
}

xmlDocPtr import_xml_parse(const char *name, const char *data, size_t len, const char *encoding, int options,
                           char *err, size_t errlen)
{
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (ctxt == NULL) {
		snprintf(err, errlen, "%s: out of memory", name);
		return NULL;
	}
	struct first_error first = {.line = 0};
	ctxt->_private = &first;
	ctxt->sax->internalSubset = refuse_doctype;
	ctxt->sax->serror = keep_first_error;
	options |= XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
	xmlDocPtr doc = data != NULL ? xmlCtxtReadMemory(ctxt, data, (int)len, name, encoding, options)
	                             : xmlCtxtReadFile(ctxt, name, encoding, options);
	if (doc == NULL)
		say_parse_error(name, ctxt, &first, err, errlen);
	xmlFreeParserCtxt(ctxt);
	return doc;
}

bool import_read_xml(struct pool *p, const char *path, struct import_set *out, char *err, size_t errlen)
{
	/* The encoding as the file says it (its declaration, or a byte-order mark; UTF-8 when it says
	 * none): told UTF-8 whatever, the parser took a byte-order mark for text before the root and
	 * refused a file declared GBK, as Chinese Windows programs write it. */
	xmlDocPtr doc = import_xml_parse(path, NULL, 0, NULL, XML_PARSE_NOCDATA | XML_PARSE_NOBLANKS, err, errlen);
	if (doc == NULL)
		return false;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (root == NULL || !xmlStrEqual(root->name, (const xmlChar *)"notices")) {
		snprintf(err, errlen, "%s:1: the root element must be <notices>", path);
		xmlFreeDoc(doc);
		return false;
	}
	out->site = xml_prop(p, root, "site");
	size_t count = 0;
	for (xmlNodePtr c = root->children; c != NULL; c = c->next)
		count += c->type == XML_ELEMENT_NODE;
	import_set_alloc(p, out, count);
	const char *why = NULL;
	for (xmlNodePtr c = root->children; c != NULL && why == NULL; c = c->next) {
		long line = xmlGetLineNo(c);
		if (c->type == XML_ELEMENT_NODE && (why = xml_notice(p, c, out, &line)) != NULL)
			snprintf(err, errlen, "%s:%ld: %s", path, line, why);
	}
	xmlFreeDoc(doc);
	return why == NULL;
}
