/* The HTML output of a transformation, written straight into a buffer. It writes the bytes
 * libxml2's HTML serializer writes for the same tree (htmlDocContentDumpFormatOutput without
 * formatting, as xsltSaveResultTo calls it), in one pass without the per-string allocations
 * libxml2 makes for escaping, but for one rule: an attribute value is escaped as text is, "<" and
 * ">" included, where libxml2 leaves "<!--...-->" and "&{...}" in a value as they are (so that
 * nothing typed becomes an SSI directive for the web server). The sanitizer build checks the two
 * agree on every page it renders, that rule aside (XXGK_CHECK_HTML_SERIALIZER). */
#ifndef XXGK_HTML_SERIALIZE_H
#define XXGK_HTML_SERIALIZE_H
#include "core/buf.h"
#include <libxml/tree.h>
#include <stdbool.h>

/* Appends doc's serialization to out. Returns false, with out as it was, when the tree holds
 * something this writer does not restate (a DTD, entity references, node types the HTML output
 * method does not produce, nesting deeper than 256). */
bool html_serialize(xmlDocPtr doc, struct buf *out);

/* The same with libxml2's rule for attribute values: what libxml2 writes, byte for byte. Only
 * for holding this writer to libxml2 in the tests; never for a page. */
bool html_serialize_as_libxml2(xmlDocPtr doc, struct buf *out);

#endif
