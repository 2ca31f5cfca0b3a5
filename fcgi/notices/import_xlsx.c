/* XLSX exports, read by a reader of our own over libzip and libxml2: Debian has no library that
 * reads XLSX from C (libxlsxwriter only writes; FreeXL, in its Debian version, reads only .xls),
 * and what an export needs is four XML parts of a zip archive: the workbook names its sheets and
 * where they are, shared strings hold most text, styles say which numbers are dates, the sheet
 * has the cells. libzip rather than minizip: it checks each entry's CRC and gives its size before
 * it is read, so every part is read whole within a bound the archive declares (a zip bomb stops
 * there); a sheet is then read as a stream (xmlTextReader), not as a tree. */
#include "notices/import_read.h"
#include "core/text.h"
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define XLSX_PART_MAX (512L << 20)
#define XLSX_MAX_COLS 512
#define XLSX_PARSE (XML_PARSE_NONET | XML_PARSE_COMPACT | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

struct xlsx {
	struct pool *p;
	zip_t *zip;
	const char *path;
	char *err;
	size_t errlen;
	const char **strings; /* shared strings */
	size_t nstrings;
	bool *date_style, *time_style; /* by cell style (xf) index */
	size_t nstyles;
	bool date1904;
};

/* A part of the archive, whole, NUL-terminated (free it); NULL when absent or unreadable. */
static char *part(struct xlsx *x, const char *name, size_t *len)
{
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_stat(x->zip, name, 0, &st) != 0)
		return NULL;
	if (!(st.valid & ZIP_STAT_SIZE) || st.size > XLSX_PART_MAX) {
		snprintf(x->err, x->errlen, "%s: %s is over %ld MB", x->path, name, XLSX_PART_MAX >> 20);
		return NULL;
	}
	zip_file_t *f = zip_fopen(x->zip, name, 0);
	char *data = f ? malloc(st.size + 1) : NULL;
	zip_uint64_t got = 0;
	while (data != NULL && got < st.size) {
		zip_int64_t n = zip_fread(f, data + got, st.size - got);
		if (n <= 0)
			break;
		got += (zip_uint64_t)n;
	}
	if (f)
		zip_fclose(f);
	if (data == NULL || got != st.size) {
		snprintf(x->err, x->errlen, "%s: %s cannot be read from the archive", x->path, name);
		free(data);
		return NULL;
	}
	data[got] = '\0';
	*len = (size_t)got;
	return data;
}

static xmlDocPtr part_doc(struct xlsx *x, const char *name)
{
	size_t len = 0;
	char *data = part(x, name, &len);
	const char *where = pool_printf(x->p, "%s: %s", x->path, name);
	xmlDocPtr doc = data ? import_xml_parse(where, data, len, NULL, XLSX_PARSE, x->err, x->errlen) : NULL;
	free(data);
	return doc;
}

static xmlNodePtr child(xmlNodePtr node, const char *name)
{
	for (xmlNodePtr c = node ? node->children : NULL; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, (const xmlChar *)name))
			return c;
	return NULL;
}

static const char *prop(struct pool *p, xmlNodePtr node, const char *name)
{
	xmlChar *v = xmlGetProp(node, (const xmlChar *)name);
	const char *r = v ? pool_strdup(p, (const char *)v) : NULL;
	xmlFree(v);
	return r;
}

/* The part name of the sheet-th worksheet, from the workbook and its relationships. */
static const char *sheet_part(struct xlsx *x, int sheet)
{
	xmlDocPtr wb = part_doc(x, "xl/workbook.xml");
	xmlNodePtr root = wb ? xmlDocGetRootElement(wb) : NULL;
	if (root == NULL) {
		if (!*x->err)
			snprintf(x->err, x->errlen, "%s: not an XLSX workbook (no xl/workbook.xml)", x->path);
		xmlFreeDoc(wb);
		return NULL;
	}
	const char *date1904 = prop(x->p, child(root, "workbookPr") ? child(root, "workbookPr") : root, "date1904");
	x->date1904 = date1904 && (strcmp(date1904, "1") == 0 || strcmp(date1904, "true") == 0);
	const char *rid = NULL;
	int k = 0;
	for (xmlNodePtr s = child(child(root, "sheets"), "sheet"); s != NULL; s = s->next)
		if (s->type == XML_ELEMENT_NODE && ++k == sheet) {
			xmlChar *v = xmlGetNsProp(s, (const xmlChar *)"id",
			                          (const xmlChar *)"http://schemas.openxmlformats.org/officeDocument/2006/relationships");
			rid = v ? pool_strdup(x->p, (const char *)v) : NULL;
			xmlFree(v);
		}
	xmlFreeDoc(wb);
	xmlDocPtr rels = rid ? part_doc(x, "xl/_rels/workbook.xml.rels") : NULL;
	const char *target = NULL;
	for (xmlNodePtr r = rels ? xmlDocGetRootElement(rels)->children : NULL; r != NULL; r = r->next) {
		const char *id = r->type == XML_ELEMENT_NODE ? prop(x->p, r, "Id") : NULL;
		if (id != NULL && strcmp(id, rid) == 0)
			target = prop(x->p, r, "Target");
	}
	xmlFreeDoc(rels);
	if (target == NULL) {
		if (!*x->err)
			snprintf(x->err, x->errlen, "%s: the workbook has no sheet %d", x->path, sheet);
		return NULL;
	}
	return target[0] == '/' ? target + 1 : pool_printf(x->p, "xl/%s", target);
}

/* The text of an <si> or <is>: its runs' <t>, without phonetic guides (<rPh>). */
static void run_text(xmlNodePtr node, struct buf *b)
{
	for (xmlNodePtr c = node->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || xmlStrEqual(c->name, (const xmlChar *)"rPh"))
			continue;
		if (xmlStrEqual(c->name, (const xmlChar *)"t")) {
			xmlChar *t = xmlNodeGetContent(c);
			buf_puts(b, t ? (const char *)t : "");
			xmlFree(t);
		} else
			run_text(c, b);
	}
}

static bool shared_strings(struct xlsx *x)
{
	xmlDocPtr doc = part_doc(x, "xl/sharedStrings.xml");
	if (doc == NULL)
		return *x->err == '\0'; /* a workbook without text has none */
	size_t n = 0;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	for (xmlNodePtr c = root->children; c != NULL; c = c->next)
		n += c->type == XML_ELEMENT_NODE;
	x->strings = pool_alloc(x->p, (n + 1) * sizeof *x->strings);
	struct buf b;
	buf_init(&b);
	for (xmlNodePtr c = root->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		b.len = 0;
		run_text(c, &b);
		x->strings[x->nstrings++] = pool_strdup(x->p, buf_cstr(&b));
	}
	buf_free(&b);
	xmlFreeDoc(doc);
	return true;
}

/* A number format shows a date when it has days or years in it outside quotes and brackets;
 * a time when it has hours or seconds. */
static void format_kind(const char *code, bool *date, bool *time)
{
	*date = *time = false;
	for (const char *c = code; *c; c++) {
		if (*c == '"') {
			const char *end = strchr(c + 1, '"');
			c = end ? end : c + strlen(c) - 1;
		} else if (*c == '[') {
			const char *end = strchr(c, ']');
			c = end ? end : c + strlen(c) - 1;
		} else if (*c == '\\' && c[1])
			c++;
		else if (strchr("yYdD", *c))
			*date = true;
		else if (strchr("hHsS", *c))
			*time = true;
	}
}

/* Excel's built-in formats that are dates: 14-22, 27-36 and 50-58 (the Chinese ones), 45-47. */
static void builtin_kind(long id, bool *date, bool *time)
{
	*date = (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) ||
	        (id >= 50 && id <= 58);
	*time = (id >= 18 && id <= 22) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47);
}

static bool styles(struct xlsx *x)
{
	xmlDocPtr doc = part_doc(x, "xl/styles.xml");
	if (doc == NULL)
		return *x->err == '\0';
	xmlNodePtr root = xmlDocGetRootElement(doc), xfs = child(root, "cellXfs"), fmts = child(root, "numFmts");
	size_t n = 0;
	for (xmlNodePtr c = xfs ? xfs->children : NULL; c != NULL; c = c->next)
		n += c->type == XML_ELEMENT_NODE;
	x->date_style = pool_alloc(x->p, n + 1);
	x->time_style = pool_alloc(x->p, n + 1);
	for (xmlNodePtr c = xfs ? xfs->children : NULL; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *id = prop(x->p, c, "numFmtId");
		long fid = id ? strtol(id, NULL, 10) : 0;
		size_t i = x->nstyles++;
		builtin_kind(fid, &x->date_style[i], &x->time_style[i]);
		for (xmlNodePtr f = fmts ? fmts->children : NULL; f != NULL; f = f->next) {
			const char *fmt_id = f->type == XML_ELEMENT_NODE ? prop(x->p, f, "numFmtId") : NULL;
			const char *code = fmt_id && strtol(fmt_id, NULL, 10) == fid ? prop(x->p, f, "formatCode") : NULL;
			if (code)
				format_kind(code, &x->date_style[i], &x->time_style[i]);
		}
	}
	xmlFreeDoc(doc);
	return true;
}

/* A serial day number as "YYYY-MM-DD" (and " hh:mm:ss" with time). */
static const char *serial_date(struct xlsx *x, const char *v, bool with_time)
{
	char *end;
	double d = strtod(v, &end);
	if (*end != '\0' || !(d >= 0 && d < 2958466))
		return v;
	double whole = floor(d);
	long secs = lround((d - whole) * 86400.0);
	long days = (long)whole + secs / 86400;
	secs %= 86400;
	/* Excel counts 1900-02-29, a day that never was: serials before it are one day off. */
	int32_t epoch = x->date1904 ? days_from_civil(1904, 1, 1) : days_from_civil(1899, 12, days < 60 ? 31 : 30);
	int y;
	unsigned m, dd;
	civil_from_days(epoch + (int32_t)days, &y, &m, &dd);
	if (with_time)
		return pool_printf(x->p, "%04d-%02u-%02u %02ld:%02ld:%02ld", y, m, dd, secs / 3600, secs / 60 % 60, secs % 60);
	return pool_printf(x->p, "%04d-%02u-%02u", y, m, dd);
}

/* "BC12" → column 54 (0-based); -1 past the limit. */
static int column_of(const char *ref)
{
	int col = 0;
	for (; *ref >= 'A' && *ref <= 'Z'; ref++) {
		col = col * 26 + (*ref - 'A' + 1);
		if (col > XLSX_MAX_COLS)
			return -1;
	}
	return col - 1;
}

struct sheet_cell {
	const char *type, *style;
	int col;
};

/* A cell's text from its raw value (<v>) or inline string. */
static const char *cell_text(struct xlsx *x, const struct sheet_cell *c, const char *v)
{
	const char *t = c->type ? c->type : "n";
	if (strcmp(t, "s") == 0) {
		long i = strtol(v, NULL, 10);
		return i >= 0 && (size_t)i < x->nstrings ? x->strings[i] : "";
	}
	if (strcmp(t, "e") == 0)
		return "";
	if (strcmp(t, "n") == 0 && c->style) {
		long s = strtol(c->style, NULL, 10);
		if (s >= 0 && (size_t)s < x->nstyles && x->date_style[s])
			return serial_date(x, v, x->time_style[s]);
	}
	return v;
}

struct sheet_state {
	char *cells[XLSX_MAX_COLS];
	size_t ncells, cap;
	long row;
	struct sheet_cell c;
};

static bool sheet_node(struct xlsx *x, xmlTextReaderPtr rd, struct sheet_state *s, struct import_table *out)
{
	const char *name = (const char *)xmlTextReaderConstLocalName(rd);
	int type = xmlTextReaderNodeType(rd);
	if (type == XML_READER_TYPE_END_ELEMENT && strcmp(name, "row") == 0) {
		bool blank = true;
		for (size_t i = 0; i < s->ncells && blank; i++)
			blank = s->cells[i][0] == '\0';
		if (!blank)
			import_table_add(x->p, out, &s->cap, s->cells, s->ncells, s->row);
		s->ncells = 0;
		return true;
	}
	if (type != XML_READER_TYPE_ELEMENT)
		return true;
	if (strcmp(name, "row") == 0) {
		xmlChar *r = xmlTextReaderGetAttribute(rd, (const xmlChar *)"r");
		s->row = r ? strtol((const char *)r, NULL, 10) : s->row + 1;
		xmlFree(r);
		s->ncells = 0;
	} else if (strcmp(name, "c") == 0) {
		xmlChar *r = xmlTextReaderGetAttribute(rd, (const xmlChar *)"r"), *t = xmlTextReaderGetAttribute(rd, (const xmlChar *)"t"),
		        *st = xmlTextReaderGetAttribute(rd, (const xmlChar *)"s");
		s->c.col = r ? column_of((const char *)r) : (int)s->ncells;
		s->c.type = t ? pool_strdup(x->p, (const char *)t) : NULL;
		s->c.style = st ? pool_strdup(x->p, (const char *)st) : NULL;
		xmlFree(r), xmlFree(t), xmlFree(st);
		if (s->c.col < 0) {
			snprintf(x->err, x->errlen, "%s: row %ld: more than %d columns", x->path, s->row, XLSX_MAX_COLS);
			return false;
		}
		while (s->ncells <= (size_t)s->c.col)
			s->cells[s->ncells++] = "";
	} else if (strcmp(name, "v") == 0 || strcmp(name, "is") == 0) {
		xmlNodePtr node = xmlTextReaderExpand(rd);
		struct buf b;
		buf_init(&b);
		if (strcmp(name, "is") == 0 && node)
			run_text(node, &b);
		xmlChar *v = strcmp(name, "v") == 0 && node ? xmlNodeGetContent(node) : NULL;
		const char *text = strcmp(name, "v") == 0 ? cell_text(x, &s->c, v ? (const char *)v : "") : buf_cstr(&b);
		if (s->ncells > 0)
			s->cells[s->c.col] = pool_strdup(x->p, text);
		xmlFree(v);
		buf_free(&b);
		xmlTextReaderNext(rd);
	}
	return true;
}

static bool read_sheet(struct xlsx *x, const char *name, struct import_table *out)
{
	size_t len = 0;
	char *data = part(x, name, &len);
	if (data == NULL) {
		if (!*x->err)
			snprintf(x->err, x->errlen, "%s: the workbook lacks %s", x->path, name);
		return false;
	}
	xmlTextReaderPtr rd = xmlReaderForMemory(data, (int)len, name, NULL, XLSX_PARSE);
	struct sheet_state *s = calloc(1, sizeof *s);
	bool ok = rd != NULL && s != NULL;
	int rc = 0;
	/* No DTD, as in every part (import_xml_parse): the reader shows it before any content. */
	while (ok && (rc = xmlTextReaderRead(rd)) == 1) {
		if (xmlTextReaderNodeType(rd) == XML_READER_TYPE_DOCUMENT_TYPE) {
			snprintf(x->err, x->errlen, "%s: %s: a DTD (<!DOCTYPE ...>) is not accepted", x->path, name);
			ok = false;
		} else
			ok = sheet_node(x, rd, s, out);
	}
	if (ok && rc != 0)
		snprintf(x->err, x->errlen, "%s: %s is not well-formed XML", x->path, name);
	ok = ok && rc == 0;
	free(s);
	xmlFreeTextReader(rd);
	free(data);
	return ok;
}

bool import_read_xlsx(struct pool *p, const char *path, int sheet, struct import_table *out, char *err,
                      size_t errlen)
{
	memset(out, 0, sizeof *out);
	*err = '\0';
	int zerr = 0;
	struct xlsx x = {.p = p, .path = path, .err = err, .errlen = errlen};
	x.zip = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
	if (x.zip == NULL) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerr);
		snprintf(err, errlen, "%s: not an XLSX workbook: %s", path, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return false;
	}
	const char *name = NULL;
	bool ok = shared_strings(&x) && styles(&x) && (name = sheet_part(&x, sheet)) != NULL && read_sheet(&x, name, out);
	zip_discard(x.zip);
	return ok;
}
