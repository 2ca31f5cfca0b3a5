/* The request arena behind libxml2's allocator (fcgi/core/xml_arena.c): a document built and freed in
 * a window, memory from before the window still freed and grown correctly inside it, the limit
 * falling back to malloc, and the rewind at the end. The sanitizer build poisons rewound memory. */
#include "unit.h"
#include "core/xml_arena.h"
#include <libxml/tree.h>
#include <libxml/valid.h>
#include <libxml/xmlmemory.h>
#include <stdlib.h>
#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/asan_interface.h>
#endif

void test_arena_document(void)
{
	xml_arena_install();
	struct xml_arena *a = xml_arena_new((size_t)1 << 20, (size_t)64 << 20);
	xmlChar *before = xmlStrdup((const xmlChar *)"made before"); /* from malloc */
	xml_arena_begin(a);
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root = xmlNewNode(NULL, (const xmlChar *)"page");
	xmlDocSetRootElement(doc, root);
	for (int i = 0; i < 2000; i++) {
		xmlNodePtr n = xmlNewTextChild(root, NULL, (const xmlChar *)"notice", (const xmlChar *)"公告 <&>");
		xmlNewProp(n, (const xmlChar *)"id", (const xmlChar *)"42");
	}
	CHECK(xml_arena_used(a) > 2000 * 64);
	xmlChar *mem = NULL;
	int len = 0;
	xmlDocDumpMemoryEnc(doc, &mem, &len, "UTF-8");
	CHECK(mem != NULL && len > 2000 * 30);
	CHECK(mem != NULL && xmlStrstr(mem, (const xmlChar *)"<notice id=\"42\">公告 &lt;&amp;&gt;</notice>") != NULL);
	xmlFree(mem);
	xmlFreeDoc(doc);
	/* Memory from malloc grows and is freed inside a window like any other. */
	before = xmlStrcat(before, (const xmlChar *)", grown inside");
	CHECK_STR((const char *)before, "made before, grown inside");
	xmlFree(before);
	xml_arena_end(a);
	CHECK(xml_arena_used(a) == 0);
	xml_arena_free(a);
}

void test_arena_realloc_and_limit(void)
{
	xml_arena_install();
	struct xml_arena *a = xml_arena_new((size_t)1 << 20, (size_t)64 << 10);
	xml_arena_begin(a);
	/* The newest allocation gives its room back when freed. */
	size_t start = xml_arena_used(a);
	char *p = xmlMalloc(100);
	CHECK(xml_arena_used(a) > start);
	xmlFree(p);
	CHECK(xml_arena_used(a) == start);
	/* Growing keeps the contents, in place or not. */
	char *s = xmlMalloc(6);
	memcpy(s, "hello", 6);
	char *other = xmlMalloc(10); /* s is no longer the newest: it moves */
	s = xmlRealloc(s, 40000);
	CHECK(s != NULL && strcmp(s, "hello") == 0);
	s = xmlRealloc(s, 50000); /* now the newest: grows in place */
	CHECK(s != NULL && strcmp(s, "hello") == 0);
	xmlFree(other);
	xmlFree(s);
	/* Past the limit (64 KB here) allocations come from malloc and still work. */
	char *many[200];
	for (int i = 0; i < 200; i++) {
		many[i] = xmlMalloc(1024);
		memset(many[i], 'x', 1024);
	}
	CHECK(xml_arena_used(a) <= (size_t)64 << 10);
	many[199] = xmlRealloc(many[199], 4096);
	CHECK(many[199] != NULL && many[199][1023] == 'x');
	for (int i = 0; i < 200; i++)
		xmlFree(many[i]);
	xml_arena_end(a);
	CHECK(xml_arena_used(a) == 0);
	/* Outside a window it is plain malloc. */
	char *plain = xmlMalloc(16);
	CHECK(plain != NULL && xml_arena_used(a) == 0);
	xmlFree(plain);
	xml_arena_free(a);
}

/* Blocks kept from one request are the next one's: a thread whose requests each take three
 * blocks holds three blocks, not one more after every request. */
void test_arena_reuses_kept_blocks(void)
{
	xml_arena_install();
	struct xml_arena *a = xml_arena_new((size_t)8 << 20, (size_t)64 << 20);
	size_t held = 0;
	for (int request = 0; request < 10; request++) {
		xml_arena_begin(a);
		for (int i = 0; i < 600; i++) /* 600 KB: three blocks of 256 KB */
			memset(xmlMalloc(1000), 'x', 1000);
		xml_arena_end(a);
		if (request == 0)
			held = xml_arena_held(a);
	}
	CHECK(held == (size_t)3 << 18);
	CHECK(xml_arena_held(a) == held);
	xml_arena_free(a);
}

/* A document made in the window is left to the rewind, but its references (its dictionary's, its
 * ID table's) are let go of at once. As in a transform: the result shares the context's dictionary, made in the window
 * on top of the stylesheet's, made before; when the last reference to the context's goes, the
 * stylesheet's is released, and its own xmlDictFree frees it (LeakSanitizer reports it
 * otherwise). A window that went past its limit frees node by node (LeakSanitizer reports the
 * nodes from malloc otherwise). */
void test_arena_free_doc(void)
{
	xml_arena_install();
	xmlDictPtr dict = xmlDictCreate();
	xmlDictLookup(dict, (const xmlChar *)"page", -1);
	struct xml_arena *a = xml_arena_new((size_t)1 << 20, (size_t)64 << 20);
	xml_arena_begin(a);
	xmlDictPtr context = xmlDictCreateSub(dict);
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	doc->dict = context;
	xmlDictReference(context);
	xmlDictFree(context); /* the context's own reference: the document's remains */
	xmlNodePtr root = xmlNewDocNode(doc, NULL, (const xmlChar *)"page", NULL);
	xmlDocSetRootElement(doc, root);
	for (int i = 0; i < 100; i++)
		xmlNewTextChild(root, NULL, (const xmlChar *)"notice", (const xmlChar *)"公告");
	/* An ID table holds a reference of its own (an HTML result's id="main"). */
	xmlAddID(NULL, doc, (const xmlChar *)"main", xmlNewProp(root, (const xmlChar *)"id", (const xmlChar *)"main"));
	xmlNodePtr notice = root->children;
	xml_arena_free_doc(doc);
#ifdef __SANITIZE_ADDRESS__
	/* Left to the rewind: not freed (the arena poisons what is freed), until the rewind. */
	CHECK(!__asan_address_is_poisoned(notice));
	xml_arena_end(a);
	CHECK(__asan_address_is_poisoned(notice));
#else
	(void)notice;
	xml_arena_end(a);
#endif
	xmlDictFree(dict);

	/* Past the limit (64 KB): nodes from malloc too, so the tree is freed node by node. */
	struct xml_arena *small = xml_arena_new((size_t)1 << 20, (size_t)64 << 10);
	xml_arena_begin(small);
	doc = xmlNewDoc((const xmlChar *)"1.0");
	root = xmlNewDocNode(doc, NULL, (const xmlChar *)"page", NULL);
	xmlDocSetRootElement(doc, root);
	for (int i = 0; i < 2000; i++)
		xmlNewTextChild(root, NULL, (const xmlChar *)"notice", (const xmlChar *)"公告");
	xml_arena_free_doc(doc);
	xml_arena_end(small);
	/* Outside a window: xmlFreeDoc. */
	doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlDocSetRootElement(doc, xmlNewDocNode(doc, NULL, (const xmlChar *)"page", NULL));
	xml_arena_free_doc(doc);
	xml_arena_free(small);
	xml_arena_free(a);
}
