/* Our HTML writer (fcgi/html_serialize.c) against libxml2's, byte for byte: fixed cases that
 * name each rule, then many random trees built from the characters and names the rules turn on. */
#include "core/buf.h"
#include "core/html_serialize.h"
#include "unit.h"
#include <libxml/HTMLtree.h>
#include <libxml/parserInternals.h>
#include <stdint.h>
#include <stdlib.h>

/* libxml2's bytes for doc, NUL-terminated; the caller frees them. */
static char *libxml2_bytes(xmlDocPtr doc)
{
	xmlOutputBufferPtr ob = xmlAllocOutputBuffer(NULL);
	htmlDocContentDumpFormatOutput(ob, doc, NULL, 0);
	xmlOutputBufferFlush(ob);
	char *s = strdup((const char *)xmlOutputBufferGetContent(ob));
	xmlOutputBufferClose(ob);
	return s;
}

/* Both writers agree on doc: our bytes (freed by the caller); NULL when ours refuses the tree or
 * the two differ. */
static char *agree(xmlDocPtr doc)
{
	struct buf ours;
	buf_init(&ours);
	if (!html_serialize(doc, &ours)) {
		buf_free(&ours);
		return NULL;
	}
	char *theirs = libxml2_bytes(doc);
	char *mine = strdup(buf_cstr(&ours));
	buf_free(&ours);
	bool same = strcmp(mine, theirs) == 0;
	if (!same)
		fprintf(stderr, "  ours:    %s\n  libxml2: %s\n", mine, theirs);
	free(theirs);
	if (!same) {
		free(mine);
		return NULL;
	}
	return mine;
}

static xmlNodePtr el(xmlNodePtr parent, const char *name)
{
	return xmlNewChild(parent, NULL, (const xmlChar *)name, NULL);
}

static void attr(xmlNodePtr n, const char *name, const char *value)
{
	xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)value);
}

static void text(xmlNodePtr n, const char *s)
{
	xmlAddChild(n, xmlNewDocText(n->doc, (const xmlChar *)s));
}

void test_html_serialize_rules(void)
{
	xmlDocPtr doc = htmlNewDocNoDtD(NULL, NULL);
	xmlNodePtr html = xmlNewDocNode(doc, NULL, (const xmlChar *)"html", NULL);
	xmlDocSetRootElement(doc, html);
	xmlNodePtr head = el(html, "head");
	attr(el(head, "meta"), "charset", "utf-8");
	text(el(head, "script"), "if (a < b && c > d) x();");
	text(el(head, "style"), "a > b { }");
	xmlNodePtr body = el(html, "body");
	xmlNodePtr p = el(body, "p");
	text(p, "公告 <b> & \"q\" 'a' \x01tab\there\r\n");
	attr(p, "title", "say \"hi\"");                 /* single quotes around a double quote */
	attr(p, "class", "it's \"both\"");               /* both: double quotes and &quot; */
	attr(p, "data-x", "&{script} & <!-- ssi --> <x>"); /* HTML 4 rules kept in attributes */
	xmlNodePtr a = el(body, "a");
	attr(a, "href", "  /xxgk/临沧/c/D04?q=a b&x=<1>\"#top");
	attr(a, "name", "see here");
	text(a, "link");
	attr(el(body, "img"), "src", "");
	xmlNodePtr in = el(body, "input");
	attr(in, "checked", "checked");
	attr(in, "value", "");
	el(body, "br");
	el(body, "td");  /* end tag kept optional: <td> */
	el(body, "div"); /* <div></div> */
	xmlAddChild(body, xmlNewDocComment(doc, (const xmlChar *)"# include virtual=\"/h.html\" "));
	xmlNodePtr raw = xmlNewDocText(doc, (const xmlChar *)"<raw>");
	raw->name = xmlStringTextNoenc;
	xmlAddChild(body, raw);
	char *s = agree(doc);
	CHECK(s != NULL);
	CHECK(s != NULL && strstr(s, "<a href=\"/xxgk/%E4%B8%B4%E6%B2%A7/c/D04?q=a%20b&amp;x=&lt;1&gt;%22#top\" "
	                             "name=\"see%20here\">link</a>") != NULL);
	CHECK(s != NULL && strstr(s, "<input checked value=\"\">") != NULL);
	CHECK(s != NULL && strstr(s, "<script>if (a < b && c > d) x();</script>") != NULL);
	CHECK(s != NULL && strstr(s, "公告 &lt;b&gt; &amp; \"q\" 'a' tab\there\r\n") != NULL);
	free(s);
	/* What it leaves to libxml2 it refuses without writing. */
	xmlNsPtr ns = xmlNewNs(body, (const xmlChar *)"http://www.w3.org/2000/svg", (const xmlChar *)"svg");
	xmlNewChild(body, ns, (const xmlChar *)"rect", NULL);
	struct buf out;
	buf_init(&out);
	buf_puts(&out, "kept");
	CHECK(!html_serialize(doc, &out));
	CHECK(out.len == 4);
	buf_free(&out);
	xmlFreeDoc(doc);
}

/* A small deterministic generator (xorshift), so a failure can be replayed. */
static uint32_t next(uint32_t *st)
{
	uint32_t x = *st;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *st = x;
}

static void random_string(uint32_t *st, char *out, size_t cap)
{
	static const char *const parts[] = {"a", "Z", "9", " ", "\t", "\n", "\r", "\x01", "\x1f", "<", ">", "&",
	                                    "\"", "'", "{", "}", "<!--", "-->", "&{", "%", "@", "#", "/", "?",
	                                    "=", ";", ",", "+", "(", ")", "~", "\x7f", "公", "é", "😀"};
	size_t n = next(st) % 12, len = 0;
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		const char *p = parts[next(st) % (sizeof parts / sizeof parts[0])];
		size_t pl = strlen(p);
		if (len + pl + 1 > cap)
			break;
		memcpy(out + len, p, pl + 1);
		len += pl;
	}
}

static void random_children(uint32_t *st, xmlNodePtr parent, int depth)
{
	static const char *const names[] = {"p", "a", "br", "img", "input", "meta", "td", "li", "option", "script",
	                                    "STYLE", "div", "span", "form", "textarea", "x-custom", "html", "body"};
	static const char *const attrs[] = {"href", "src", "action", "name", "id", "class", "checked",
	                                    "SELECTED", "title", "value", "HREF", "data-x"};
	char s[128];
	int n = (int)(next(st) % 5);
	for (int i = 0; i < n; i++) {
		switch (next(st) % 6) {
		case 0:
		case 1: {
			xmlNodePtr e = el(parent, names[next(st) % (sizeof names / sizeof names[0])]);
			int na = (int)(next(st) % 4);
			for (int k = 0; k < na; k++) {
				random_string(st, s, sizeof s);
				xmlSetProp(e, (const xmlChar *)attrs[next(st) % (sizeof attrs / sizeof attrs[0])], (const xmlChar *)s);
			}
			if (depth < 6)
				random_children(st, e, depth + 1);
			break;
		}
		case 2:
		case 3:
			random_string(st, s, sizeof s);
			text(parent, s);
			break;
		case 4:
			random_string(st, s, sizeof s);
			xmlAddChild(parent, xmlNewDocComment(parent->doc, (const xmlChar *)s));
			break;
		default:
			random_string(st, s, sizeof s);
			xmlAddChild(parent, xmlNewCDataBlock(parent->doc, (const xmlChar *)s, (int)strlen(s)));
			break;
		}
	}
}

void test_html_serialize_random(void)
{
	uint32_t st = 20261124;
	int differ = 0;
	for (int i = 0; i < 3000; i++) {
		xmlDocPtr doc = htmlNewDocNoDtD(NULL, NULL);
		xmlNodePtr html = xmlNewDocNode(doc, NULL, (const xmlChar *)"html", NULL);
		xmlDocSetRootElement(doc, html);
		random_children(&st, html, 0);
		char *s = agree(doc);
		if (s == NULL && differ++ == 0)
			fprintf(stderr, "  (tree %d)\n", i);
		free(s);
		xmlFreeDoc(doc);
	}
	CHECK(differ == 0);
}
