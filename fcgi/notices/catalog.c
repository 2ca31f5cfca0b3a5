#include "notices/catalog.h"
#include <stdlib.h>
#include <string.h>

static bool is_el(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, (const xmlChar *)name);
}

bool catalog_code_valid(const char *code)
{
	/* D + 2 digits, then any number of .C + 2 digits; at most 63 bytes. */
	size_t n = strlen(code);
	if (n < 3 || n > 63 || code[0] != 'D')
		return false;
	if (code[1] < '0' || code[1] > '9' || code[2] < '0' || code[2] > '9')
		return false;
	for (size_t i = 3; i < n; i += 4) {
		if (i + 4 > n || code[i] != '.' || code[i + 1] != 'C' || code[i + 2] < '0' || code[i + 2] > '9' ||
		    code[i + 3] < '0' || code[i + 3] > '9')
			return false;
	}
	return true;
}

static xmlNodePtr find_in(xmlNodePtr parent, const char *code)
{
	for (xmlNodePtr c = parent->children; c != NULL; c = c->next) {
		if (!is_el(c, "domain") && !is_el(c, "category"))
			continue;
		xmlChar *cc = xmlGetProp(c, (const xmlChar *)"code");
		if (cc == NULL)
			continue;
		size_t len = (size_t)xmlStrlen(cc);
		bool same = strcmp((const char *)cc, code) == 0;
		/* Descend only into the branch whose code is a prefix of the one sought. */
		bool prefix = strncmp((const char *)cc, code, len) == 0 && code[len] == '.';
		xmlFree(cc);
		if (same)
			return c;
		if (prefix)
			return find_in(c, code);
	}
	return NULL;
}

xmlNodePtr catalog_find(xmlDocPtr catalog, const char *code)
{
	if (catalog == NULL || !catalog_code_valid(code))
		return NULL;
	return find_in(xmlDocGetRootElement(catalog), code);
}

xmlNodePtr catalog_item(xmlNodePtr category, const char *item_code)
{
	for (xmlNodePtr c = category->children; c != NULL; c = c->next) {
		if (!is_el(c, "item"))
			continue;
		xmlChar *cc = xmlGetProp(c, (const xmlChar *)"code");
		bool same = cc != NULL && strcmp((const char *)cc, item_code) == 0;
		xmlFree(cc);
		if (same)
			return c;
	}
	return NULL;
}

/* Codes and names only: every page copies the navigation, and a domain's other attributes
 * (units, channels, supervision) are read by the pages that show them from the catalog itself. */
static void copy_tree(xmlNodePtr dest, xmlNodePtr src, int levels)
{
	static const xmlChar *const kept[] = {(const xmlChar *)"code", (const xmlChar *)"name"};
	if (levels == 0)
		return;
	for (xmlNodePtr c = src->children; c != NULL; c = c->next) {
		if (!is_el(c, "domain") && !is_el(c, "category"))
			continue;
		xmlNodePtr n = xmlNewChild(dest, NULL, c->name, NULL);
		for (size_t k = 0; k < 2; k++) {
			xmlChar *v = xmlGetProp(c, kept[k]);
			xmlNewProp(n, kept[k], v);
			xmlFree(v);
		}
		copy_tree(n, c, levels - 1);
	}
}

void catalog_nav(xmlNodePtr dest, xmlDocPtr catalog, int levels)
{
	xmlNodePtr root = xmlDocGetRootElement(catalog);
	xmlNodePtr n = xmlNewChild(dest, NULL, (const xmlChar *)"catalog", NULL);
	for (xmlAttrPtr a = root->properties; a != NULL; a = a->next) {
		xmlChar *v = xmlNodeListGetString(root->doc, a->children, 1);
		xmlNewProp(n, a->name, v);
		xmlFree(v);
	}
	/* The time limits and the channels: a column page shows a category's in their terms. */
	for (xmlNodePtr c = root->children; c != NULL; c = c->next)
		if (is_el(c, "time-limits") || is_el(c, "channels"))
			xmlAddChild(n, xmlDocCopyNode(c, dest->doc, 1));
	copy_tree(n, root, levels > 0 ? levels : -1);
}

static void add_choices(xmlNodePtr list, xmlNodePtr parent, size_t depth, const char *chosen)
{
	static const char spaces[] = "\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000";
	char indent[sizeof spaces];
	size_t n = depth < 8 ? depth * 3 : sizeof spaces - 1;
	memcpy(indent, spaces, n);
	indent[n] = '\0';
	for (xmlNodePtr c = parent->children; c != NULL; c = c->next) {
		if (!is_el(c, "domain") && !is_el(c, "category"))
			continue;
		xmlChar *code = xmlGetProp(c, (const xmlChar *)"code"), *name = xmlGetProp(c, (const xmlChar *)"name");
		xmlNodePtr col = xmlNewChild(list, NULL, (const xmlChar *)"column", NULL);
		xmlNewProp(col, (const xmlChar *)"code", code);
		xmlNewProp(col, (const xmlChar *)"name", name);
		xmlNewProp(col, (const xmlChar *)"indent", (const xmlChar *)indent);
		if (chosen != NULL && code != NULL && strcmp((const char *)code, chosen) == 0)
			xmlNewProp(col, (const xmlChar *)"selected", (const xmlChar *)"selected");
		xmlFree(code);
		xmlFree(name);
		add_choices(list, c, depth + 1, chosen);
	}
}

void catalog_choices(xmlNodePtr dest, xmlDocPtr catalog, const char *chosen)
{
	xmlNodePtr list = xmlNewChild(dest, NULL, (const xmlChar *)"columns", NULL);
	add_choices(list, xmlDocGetRootElement(catalog), 0, chosen);
}

size_t catalog_columns(const char *category_code, char out[][64], size_t max)
{
	size_t n = 0, len = strlen(category_code);
	if (len >= 64)
		return 0;
	for (size_t i = 3; i <= len && n < max; i += 4) {
		memcpy(out[n], category_code, i);
		out[n][i] = '\0';
		n++;
	}
	return n;
}

char *catalog_attr(xmlNodePtr node, const char *name)
{
	return (char *)xmlGetProp(node, (const xmlChar *)name);
}

static int limit_of(xmlNodePtr node)
{
	xmlChar *v = xmlGetProp(node, (const xmlChar *)"limit-days");
	int days = v ? (int)strtol((const char *)v, NULL, 10) : 0;
	xmlFree(v);
	return days;
}

int catalog_limit_days(xmlDocPtr catalog, xmlNodePtr category, bool licensing_penalty)
{
	/* The category's own limit, else its ancestors', else the catalog's rule for the kind. */
	for (xmlNodePtr n = category; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent) {
		int d = limit_of(n);
		if (d > 0)
			return d;
	}
	xmlNodePtr root = xmlDocGetRootElement(catalog);
	const char *want = licensing_penalty ? "licensing-penalty" : "general";
	for (xmlNodePtr tl = root->children; tl != NULL; tl = tl->next) {
		if (!is_el(tl, "time-limits"))
			continue;
		for (xmlNodePtr l = tl->children; l != NULL; l = l->next) {
			if (!is_el(l, "time-limit"))
				continue;
			xmlChar *k = xmlGetProp(l, (const xmlChar *)"kind");
			bool match = k != NULL && strcmp((const char *)k, want) == 0;
			xmlFree(k);
			if (match) {
				xmlChar *d = xmlGetProp(l, (const xmlChar *)"days");
				int days = d ? (int)strtol((const char *)d, NULL, 10) : 0;
				xmlFree(d);
				if (days > 0)
					return days;
			}
		}
	}
	return licensing_penalty ? 7 : 20; /* the national rule (Regulation Art. 26 and the seeds) */
}
