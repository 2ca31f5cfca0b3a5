/* The HTML output of a transformation, written straight into a buffer. It writes exactly the
 * bytes libxml2's HTML serializer writes for the same tree (htmlDocContentDumpFormatOutput
 * without formatting, as xsltSaveResultTo calls it), in one pass without the per-string
 * allocations libxml2 makes for escaping. The sanitizer build checks the two agree on every
 * page it renders (XXGK_CHECK_HTML_SERIALIZER). */
#ifndef XXGK_HTML_SERIALIZE_H
#define XXGK_HTML_SERIALIZE_H
#include "core/buf.h"
#include <libxml/tree.h>
#include <stdbool.h>

/* Appends doc's serialization to out. Returns false, with out as it was, when the tree holds
 * something this writer leaves to libxml2 (namespaces, a DTD, entity declarations, node types
 * the HTML output method does not produce); the caller then uses libxml2's serializer. */
bool html_serialize(xmlDocPtr doc, struct buf *out);

#endif
