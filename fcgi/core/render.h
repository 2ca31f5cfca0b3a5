/* The only way a handler answers: an XML tree transformed by a compiled stylesheet (HTML, Atom),
 * JSON built by core/exchange.h's writer, or bytes with a declared type (attachments, CSV). Text enters trees
 * as text nodes; the XSLT serializer escapes it. */
#ifndef XXGK_RENDER_H
#define XXGK_RENDER_H
#include "core/error.h"
#include "core/request.h"
#include <libxml/tree.h>

/* A new document <page name="..."> carrying the site, the signed-in user and URL bases. Freed
 * with the request. */
xmlDocPtr render_doc_new(struct request *req, const char *name, xmlNodePtr *root);
/* Child element with text content (NULL text: an empty element). Invalid text is replaced. */
xmlNodePtr xml_add(xmlNodePtr parent, const char *name, const char *text);
xmlNodePtr xml_addf(xmlNodePtr parent, const char *name, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void xml_attr(xmlNodePtr node, const char *name, const char *value);
/* A label (an item's, a category's name) as an attribute. It breaks only where a phrase ends
 * (word-break: keep-all in xxgk.css); one longer than its line may also break after the
 * particles that end a word (的 和 与 或 及, not inside 或者, 及时, 及早), so each of those with text after it
 * is followed by a zero-width space, instead of a break inside a word. The stylesheets show each
 * mark as a break point (template "label" in _layout.xsl): a name copied from a page is the catalog's,
 * character for character. */
void xml_attr_label(xmlNodePtr node, const char *name, const char *label);
void xml_attr_int(xmlNodePtr node, const char *name, long long value);
/* Adds a result row as <name col1="..." .../> given column names. */
xmlNodePtr xml_add_row(xmlNodePtr parent, const char *name, char **row, const char *const *cols, size_t ncols);

/* Transforms doc with the named stylesheet and sets it as the response (status req->status or
 * 200). The media type comes from the stylesheet's xsl:output. */
enum xerr render(struct request *req, xmlDocPtr doc, const char *stylesheet);
/* Renders into a buffer without responding (cache fills, fragments, CLI reports). */
enum xerr render_to(const struct app *app, struct pool *pool, xmlDocPtr doc, const char *stylesheet,
                    struct buf *out, const char **media_type);

void respond_error(struct request *req, enum xerr e, const char *message, const char *field);
void respond_json(struct request *req, int status, struct buf *json); /* takes the buffer */
void respond_bytes(struct request *req, int status, const char *media_type, const void *data, size_t len);
void respond_redirect(struct request *req, const char *location);       /* 303 See Other */

#endif
