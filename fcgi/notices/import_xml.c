#include "notices/import_read.h"
#include "core/app.h"
#include <libxml/parser.h>
#include <stdio.h>

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

bool import_read_xml(struct pool *p, const char *path, struct import_set *out, char *err, size_t errlen)
{
	xmlDocPtr doc = xmlReadFile(path, "UTF-8", XXGK_XML_PARSE_OPTIONS);
	if (doc == NULL) {
		const xmlError *xe = xmlGetLastError();
		snprintf(err, errlen, "%s:%d: not well-formed XML: %s", path, xe ? xe->line : 0,
		         xe && xe->message ? xe->message : "");
		return false;
	}
	xmlNodePtr root = xmlDocGetRootElement(doc);
	bool ok = root != NULL && xmlStrEqual(root->name, (const xmlChar *)"notices");
	if (!ok) {
		snprintf(err, errlen, "%s:1: the root element must be <notices>", path);
		xmlFreeDoc(doc);
		return false;
	}
	out->site = xml_prop(p, root, "site");
	size_t count = 0;
	for (xmlNodePtr c = root->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			count++;
	import_set_alloc(p, out, count);
	for (xmlNodePtr c = root->children; c != NULL && ok; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		long line = xmlGetLineNo(c);
		if (!xmlStrEqual(c->name, (const xmlChar *)"notice")) {
			snprintf(err, errlen, "%s:%ld: unexpected element <%s>", path, line, (const char *)c->name);
			ok = false;
			break;
		}
		struct notice_in *n = &out->notices[out->n];
		out->lines[out->n++] = line;
		n->external_id = xml_prop(p, c, "external-id");
		n->category_code = xml_prop(p, c, "category");
		n->status = xml_prop(p, c, "status");
		n->decision_kind = xml_prop(p, c, "decision-kind");
		n->title = xml_child_text(p, c, "title");
		n->issuer = xml_child_text(p, c, "issuer");
		n->doc_number = xml_child_text(p, c, "doc-number");
		n->subject = xml_child_text(p, c, "subject");
		n->formed_on = xml_child_text(p, c, "formed-on");
		n->published_at = xml_child_text(p, c, "published-at");
		n->validity = xml_child_text(p, c, "validity");
		n->body = xml_child_text(p, c, "body");
		size_t at = out->n - 1;
		for (xmlNodePtr items = c->children; items != NULL; items = items->next) {
			if (items->type == XML_ELEMENT_NODE && xmlStrEqual(items->name, (const xmlChar *)"attachment")) {
				if (out->nfiles[at] == IMPORT_MAX_FILES) {
					snprintf(err, errlen, "%s:%ld: more than %d attachments", path, line, IMPORT_MAX_FILES);
					ok = false;
					break;
				}
				const char *f = xml_prop(p, items, "file");
				out->files[at][out->nfiles[at]++] = f ? f : "";
				continue;
			}
			if (items->type != XML_ELEMENT_NODE || !xmlStrEqual(items->name, (const xmlChar *)"items"))
				continue;
			for (xmlNodePtr it = items->children; it != NULL; it = it->next) {
				if (it->type != XML_ELEMENT_NODE)
					continue;
				if (n->nitems == NOTICE_MAX_ITEMS) {
					snprintf(err, errlen, "%s:%ld: field items: too many items", path, (long)xmlGetLineNo(it));
					ok = false;
					break;
				}
				xmlChar *t = xmlNodeGetContent(it);
				n->items[n->nitems].code = xml_prop(p, it, "code");
				n->items[n->nitems].value = pool_strdup(p, t ? (const char *)t : "");
				xmlFree(t);
				n->nitems++;
			}
		}
	}
	xmlFreeDoc(doc);
	return ok;
}
