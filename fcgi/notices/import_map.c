/* The mapping file of a CSV or XLSX export (cms-integration/IMPORT.md): an INI file that says
 * which column holds which field and which content item, constant values for fields the export
 * lacks, and the export's own words for statuses and categories. Applied to the table's rows, it
 * gives the notices that import.c checks like any others. */
#include "notices/import_read.h"
#include "core/config.h"
#include "core/text.h"
#include "notices/catalog.h"
#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum map_field {
	M_EXTERNAL_ID, M_TITLE, M_ISSUER, M_DOC_NUMBER, M_SUBJECT, M_FORMED_ON, M_PUBLISHED_AT, M_VALIDITY, M_CATEGORY,
	M_DECISION_KIND, M_STATUS, M_BODY, M_ATTACHMENTS, M_CHANGED_ON, M_DOCUMENT_KIND, M_REPEALED_ON, M__N
};
static const char *const field_names[M__N] = {
    [M_EXTERNAL_ID] = "external_id", [M_TITLE] = "title", [M_ISSUER] = "issuer", [M_DOC_NUMBER] = "doc_number",
    [M_SUBJECT] = "subject", [M_FORMED_ON] = "formed_on", [M_PUBLISHED_AT] = "published_at",
    [M_VALIDITY] = "validity", [M_CATEGORY] = "category", [M_DECISION_KIND] = "decision_kind",
    [M_STATUS] = "status", [M_BODY] = "body", [M_ATTACHMENTS] = "attachments", [M_CHANGED_ON] = "changed_on",
    [M_DOCUMENT_KIND] = "document_kind", [M_REPEALED_ON] = "repealed_on",
};

#define MAP_MAX 256 /* item columns, value words */

struct map_word {
	enum map_field field;
	const char *from, *to;
};

struct import_map {
	const char *path, *site, *encoding;
	char delimiter;
	int sheet;
	long header_row;
	bool body_html;
	const char *column[M__N], *fixed[M__N]; /* the column's header; a constant value */
	const char *item_key[MAP_MAX], *item_column[MAP_MAX];
	size_t nitems;
	struct map_word words[MAP_MAX];
	size_t nwords;
};

const char *import_map_encoding(const struct import_map *m) { return m->encoding; }
char import_map_delimiter(const struct import_map *m) { return m->delimiter; }
int import_map_sheet(const struct import_map *m) { return m->sheet; }
const char *import_map_site(const struct import_map *m) { return m->site; }

static int field_of(const char *name)
{
	for (int f = 0; f < M__N; f++)
		if (strcmp(field_names[f], name) == 0)
			return f;
	return -1;
}

/* [import]: how to read the file. */
static const char *import_key(struct pool *p, struct import_map *m, const char *key, const char *v)
{
	long long n;
	if (strcmp(key, "site") == 0)
		m->site = pool_strdup(p, v);
	else if (strcmp(key, "encoding") == 0)
		m->encoding = pool_strdup(p, v);
	else if (strcmp(key, "delimiter") == 0) {
		if (strcmp(v, "tab") == 0)
			m->delimiter = '\t';
		else if (strlen(v) == 1 && strchr(",;|", v[0]))
			m->delimiter = v[0];
		else
			return "delimiter: one of , ; | or tab";
	} else if (strcmp(key, "sheet") == 0) {
		if (!parse_int(v, 1, 1000, &n))
			return "sheet: the worksheet's number, 1 for the first";
		m->sheet = (int)n;
	} else if (strcmp(key, "header_row") == 0) {
		if (!parse_int(v, 1, 1000, &n))
			return "header_row: the number of the row with the column names";
		m->header_row = (long)n;
	} else if (strcmp(key, "body") == 0) {
		if (strcmp(v, "html") != 0 && strcmp(v, "text") != 0)
			return "body: text or html";
		m->body_html = strcmp(v, "html") == 0;
	} else
		return "unknown key (site, encoding, delimiter, sheet, header_row, body)";
	return NULL;
}

/* "published = 已发, 已发布": the export's words (, or ，between them) for one of our values. */
static const char *add_words(struct pool *p, struct import_map *m, enum map_field f, const char *ours, const char *v)
{
	char *list = pool_strdup(p, v);
	for (char *tok = list; tok != NULL;) {
		char *comma = strchr(tok, ','), *wide = strstr(tok, "，");
		char *end = wide && (!comma || wide < comma) ? wide : comma;
		char *next = end ? end + (end == wide ? strlen("，") : 1) : NULL;
		if (end)
			*end = '\0';
		char *w = str_trim(tok);
		if (*w) {
			if (m->nwords == MAP_MAX)
				return "too many words";
			m->words[m->nwords++] = (struct map_word){f, w, pool_strdup(p, ours)};
		}
		tok = next;
	}
	return NULL;
}

/* One line of the file into m; NULL or what is wrong with it. */
static const char *map_entry(struct pool *p, struct import_map *m, const struct config_entry *e)
{
	int f = field_of(e->key);
	const char *v = pool_strdup(p, e->value);
	if (strcmp(e->section, "import") == 0)
		return import_key(p, m, e->key, v);
	if (strcmp(e->section, "columns") == 0 || strcmp(e->section, "defaults") == 0) {
		if (f < 0)
			return "not a field (external_id, title, issuer, doc_number, subject, formed_on, published_at, "
			       "validity, category, decision_kind, status, body, attachments, changed_on, document_kind, "
			       "repealed_on)";
		*(strcmp(e->section, "columns") == 0 ? &m->column[f] : &m->fixed[f]) = v;
		return NULL;
	}
	if (strcmp(e->section, "items") == 0) {
		if (strchr(e->key, '.') == NULL && !(e->key[0] == 'I' && e->key[1] >= '0' && e->key[1] <= '9'))
			return "an item is named by its code (D04.C01.I02) or its number in the category (I02)";
		if (m->nitems == MAP_MAX)
			return "too many items";
		m->item_key[m->nitems] = pool_strdup(p, e->key);
		m->item_column[m->nitems++] = v;
		return NULL;
	}
	int wf = field_of(e->section);
	if (wf == M_STATUS || wf == M_CATEGORY || wf == M_VALIDITY || wf == M_DECISION_KIND)
		return add_words(p, m, (enum map_field)wf, e->key, v);
	return "unknown section (import, columns, defaults, items, status, category, validity, decision_kind)";
}

struct import_map *import_map_load(struct pool *p, const char *path, char *err, size_t errlen)
{
	struct config cfg = {0};
	struct buf errors;
	buf_init(&errors);
	struct import_map *m = NULL;
	if (!config_load(&cfg, path, &errors)) {
		snprintf(err, errlen, "%s", errors.len ? buf_cstr(&errors) : path);
		goto done;
	}
	m = pool_alloc(p, sizeof *m);
	*m = (struct import_map){.path = path, .sheet = 1, .header_row = 1, .delimiter = ','};
	for (size_t i = 0; i < cfg.n; i++) {
		const char *why = map_entry(p, m, &cfg.entries[i]);
		if (why != NULL) {
			snprintf(err, errlen, "%s:%d: [%s] %s: %s", path, cfg.entries[i].line, cfg.entries[i].section,
			         cfg.entries[i].key, why);
			m = NULL;
			goto done;
		}
	}
	if (m->column[M_TITLE] == NULL && m->fixed[M_TITLE] == NULL) {
		snprintf(err, errlen, "%s: [columns] names no column for title", path);
		m = NULL;
	}
done:
	buf_free(&errors);
	config_free(&cfg);
	return m;
}

/* Columns found by their header, once. */
struct resolved {
	int field[M__N];
	int *item;
};

static int column_named(struct pool *p, char **header, size_t n, const char *name)
{
	for (size_t c = 0; c < n; c++)
		if (strcmp(str_trim(pool_strdup(p, header[c])), name) == 0)
			return (int)c;
	return -1;
}

static bool resolve_columns(struct pool *p, const struct import_map *m, const char *path, char **header, size_t n,
                            long row, struct resolved *r, char *err, size_t errlen)
{
	r->item = pool_alloc(p, (m->nitems + 1) * sizeof *r->item);
	const char *missing = NULL;
	for (int f = 0; f < M__N; f++) {
		r->field[f] = m->column[f] ? column_named(p, header, n, m->column[f]) : -1;
		if (m->column[f] && r->field[f] < 0)
			missing = m->column[f];
	}
	for (size_t i = 0; i < m->nitems; i++)
		if ((r->item[i] = column_named(p, header, n, m->item_column[i])) < 0)
			missing = m->item_column[i];
	if (missing == NULL)
		return true;
	struct buf b;
	buf_init(&b);
	for (size_t c = 0; c < n && b.len < 300; c++)
		buf_printf(&b, "%s%s", c ? ", " : "", header[c]);
	snprintf(err, errlen, "%s:row %ld: no column named %s (the header row has: %s)", path, row, missing,
	         buf_cstr(&b));
	buf_free(&b);
	return false;
}

static const char *word(const struct import_map *m, enum map_field f, const char *v)
{
	for (size_t i = 0; i < m->nwords; i++)
		if (m->words[i].field == f && strcmp(m->words[i].from, v) == 0)
			return m->words[i].to;
	if (f == M_STATUS) {
		static const char *const published[] = {"已发布", "发布", "已公开", "公开", "published"};
		for (size_t i = 0; i < sizeof published / sizeof published[0]; i++)
			if (strcmp(v, published[i]) == 0)
				return "published";
		static const char *const draft[] = {"草稿", "未发布", "待发布", "待审核", "draft"};
		for (size_t i = 0; i < sizeof draft / sizeof draft[0]; i++)
			if (strcmp(v, draft[i]) == 0)
				return "draft";
	}
	return v;
}

/* A date as CMSs write it (2024-03-05, 2024/3/5, 2024.03.05, 2024年3月5日, 20240305, with or
 * without a time) as YYYY-MM-DD[ hh:mm:ss]; anything else as it was, for the check to refuse. */
static const char *date_of(struct pool *p, const char *v, bool with_time)
{
	long long part[6] = {0};
	int n = 0;
	for (const char *s = v; *s && n < 6;) {
		if (*s < '0' || *s > '9') {
			s++;
			continue;
		}
		char *end;
		part[n++] = strtoll(s, &end, 10);
		if (n == 1 && end - s == 8) { /* 20240305 */
			part[2] = part[0] % 100, part[1] = part[0] / 100 % 100, part[0] /= 10000;
			n = 3;
		}
		s = end;
	}
	if (n < 3 || n == 4 || part[0] < 1000 || part[0] > 9999)
		return v;
	const char *d = pool_printf(p, "%04lld-%02lld-%02lld", part[0], part[1], part[2]);
	if (!with_time || n == 3)
		return d;
	return pool_printf(p, "%s %02lld:%02lld:%02lld", d, part[3], part[4], part[5]);
}

static void html_text(xmlNodePtr node, struct buf *b)
{
	static const char *const blocks[] = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table"};
	for (xmlNodePtr c = node; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE) {
			buf_puts(b, (const char *)c->content);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE || xmlStrEqual(c->name, (const xmlChar *)"script") ||
		    xmlStrEqual(c->name, (const xmlChar *)"style"))
			continue;
		bool block = false;
		for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++)
			block = block || xmlStrEqual(c->name, (const xmlChar *)blocks[i]);
		if (block && b->len && b->data[b->len - 1] != '\n')
			buf_putc(b, '\n');
		html_text(c->children, b);
		if (block && b->len && b->data[b->len - 1] != '\n')
			buf_putc(b, '\n');
	}
}

/* An HTML body (as CMSs export 正文) as the text a reader sees: tags dropped, entities decoded,
 * paragraphs and line breaks as lines. Never markup: the notice page shows text. */
static const char *text_of_html(struct pool *p, const char *html)
{
	htmlDocPtr doc = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
	                                HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NOBLANKS);
	if (doc == NULL)
		return html;
	struct buf b;
	buf_init(&b);
	html_text(xmlDocGetRootElement(doc), &b);
	xmlFreeDoc(doc);
	char *r = pool_strdup(p, buf_cstr(&b));
	buf_free(&b);
	return str_trim(r);
}

/* "a.pdf; b.docx" (also ；, |, or a line each) into the notice's attachments. */
static bool split_files(struct pool *p, const char *v, struct import_set *out, size_t at)
{
	char *s = pool_strdup(p, v);
	for (char *tok = s; tok != NULL && *tok;) {
		char *end = tok + strcspn(tok, ";|\n");
		char *full = strstr(tok, "；");
		if (full != NULL && full < end)
			end = full;
		bool last = *end == '\0';
		size_t skip = (full == end) ? strlen("；") : 1;
		*end = '\0';
		char *name = str_trim(tok);
		if (*name) {
			if (out->nfiles[at] == IMPORT_MAX_FILES)
				return false;
			out->files[at][out->nfiles[at]++] = name;
		}
		tok = last ? NULL : end + skip;
	}
	return true;
}

struct categories {
	const char *from[MAP_MAX], *code[MAP_MAX];
	size_t n;
};

/* The categories named name with ancestors named path[0..np), outermost first. */
static void categories_named(xmlNodePtr node, char **path, size_t np, const char *name, const char **found, size_t *n)
{
	for (xmlNodePtr c = node->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE ||
		    (!xmlStrEqual(c->name, (const xmlChar *)"domain") && !xmlStrEqual(c->name, (const xmlChar *)"category")))
			continue;
		char *cname = catalog_attr(c, "name");
		bool match = xmlStrEqual(c->name, (const xmlChar *)"category") && cname && strcmp(cname, name) == 0;
		xmlFree(cname);
		/* The names before it are ancestors, in order; levels between may be left out. */
		size_t k = np;
		for (xmlNodePtr up = c->parent; match && k > 0 && up != NULL && up->type == XML_ELEMENT_NODE; up = up->parent) {
			char *uname = catalog_attr(up, "name");
			if (uname && strcmp(uname, path[k - 1]) == 0)
				k--;
			xmlFree(uname);
		}
		match = match && k == 0;
		if (match && *n < 8) {
			char *code = catalog_attr(c, "code");
			found[(*n)++] = code;
		}
		categories_named(c, path, np, name, found, n);
	}
}

/* A category by its code, its name in the variant, or its path of names (住房保障/保障性住房分配信息,
 * with / or ›, levels between may be left out). NULL and a message when a name is ambiguous. */
static const char *category_code(struct pool *p, xmlDocPtr catalog, struct categories *cache, const char *v,
                                 const char **why)
{
	if (catalog == NULL || catalog_find(catalog, v) != NULL)
		return v;
	for (size_t i = 0; i < cache->n; i++)
		if (strcmp(cache->from[i], v) == 0)
			return cache->code[i];
	char *s = pool_strdup(p, v), *path[8];
	size_t np = 0;
	for (char *tok = s; tok && np < 8;) {
		char *slash = strchr(tok, '/'), *arrow = strstr(tok, "›");
		char *end = arrow && (!slash || arrow < slash) ? arrow : slash;
		size_t skip = end == arrow && arrow ? strlen("›") : 1;
		if (end)
			*end = '\0';
		path[np++] = str_trim(tok);
		tok = end ? end + skip : NULL;
	}
	const char *found[8];
	size_t n = 0;
	categories_named(xmlDocGetRootElement(catalog), path, np - 1, path[np - 1], found, &n);
	const char *code = v;
	if (n == 1)
		code = pool_strdup(p, found[0]);
	if (n > 1)
		*why = pool_printf(p, "category %s is ambiguous in this catalog: write it as a code (%s, %s%s) or as "
		                      "its path (领域/类别)", v, found[0], found[1], n > 2 ? ", …" : "");
	for (size_t i = 0; i < n; i++)
		xmlFree((char *)found[i]);
	if (n > 1)
		return NULL;
	if (cache->n < MAP_MAX) {
		cache->from[cache->n] = pool_strdup(p, v);
		cache->code[cache->n++] = code;
	}
	return code;
}

/* An item column's key for a notice of category: the item's code (D04.C01.I02) or its number in
 * the category (I02). NULL when it names no item of it. */
static const char *item_code(xmlDocPtr catalog, const char *category, const char *key, struct pool *p)
{
	xmlNodePtr cat = catalog ? catalog_find(catalog, category) : NULL;
	if (cat == NULL)
		return NULL;
	const char *full = key[0] == 'I' && strchr(key, '.') == NULL ? pool_printf(p, "%s.%s", category, key) : key;
	for (xmlNodePtr c = cat->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || !xmlStrEqual(c->name, (const xmlChar *)"item"))
			continue;
		char *code = catalog_attr(c, "code");
		const char *r = code && strcmp(code, full) == 0 ? pool_strdup(p, code) : NULL;
		xmlFree(code);
		if (r)
			return r;
	}
	return NULL;
}

struct row_ctx {
	struct pool *p;
	const struct import_map *m;
	const struct resolved *r;
	xmlDocPtr catalog;
	struct categories *cache;
	char **cells;
	size_t ncells;
};

static const char *cell(const struct row_ctx *x, int col)
{
	if (col < 0 || (size_t)col >= x->ncells)
		return NULL;
	/* A copy: cells may share their text (an XLSX's shared strings). */
	char *v = str_trim(pool_strdup(x->p, x->cells[col]));
	return *v ? v : NULL;
}

/* Whether another item entry overrules entry i for this row: a full code (D04.C02.I09) is more
 * exact than a number (I09), for the same column or the same item. */
static bool overruled(const struct row_ctx *x, const char **code, size_t i)
{
	if (strchr(x->m->item_key[i], '.') != NULL)
		return false;
	for (size_t k = 0; k < x->m->nitems; k++)
		if (k != i && code[k] != NULL && strchr(x->m->item_key[k], '.') != NULL &&
		    (x->r->item[k] == x->r->item[i] || (code[i] != NULL && strcmp(code[k], code[i]) == 0)))
			return true;
	return false;
}

/* The item columns of a row. A column may be named by several keys (it is an item of several
 * categories, numbered differently): a key that names no item of this notice's category is
 * passed over when another key of its column does, and a full code overrules a number;
 * otherwise a value under a key that names no item goes in as written, and the
 * check names it. */
static const char *row_items(struct row_ctx *x, struct notice_in *n)
{
	const struct import_map *m = x->m;
	const char *category = n->category_code ? n->category_code : "";
	const char **code = pool_alloc(x->p, (m->nitems + 1) * sizeof *code);
	for (size_t i = 0; i < m->nitems; i++)
		code[i] = item_code(x->catalog, category, m->item_key[i], x->p);
	for (size_t i = 0; i < m->nitems; i++) {
		const char *value = cell(x, x->r->item[i]);
		if (value == NULL || overruled(x, code, i))
			continue;
		bool other = false;
		for (size_t k = 0; k < m->nitems && code[i] == NULL; k++)
			other = other || (k != i && code[k] != NULL && x->r->item[k] == x->r->item[i]);
		if (other)
			continue;
		if (n->nitems == NOTICE_MAX_ITEMS)
			return "too many content items";
		n->items[n->nitems].code = code[i] ? code[i] : m->item_key[i];
		n->items[n->nitems++].value = value;
	}
	return NULL;
}

/* One row into n; NULL or what is wrong with it. */
static const char *row_notice(struct row_ctx *x, struct notice_in *n, struct import_set *out, size_t at)
{
	const char *v[M__N];
	for (int f = 0; f < M__N; f++) {
		v[f] = cell(x, x->r->field[f]);
		if (v[f] == NULL)
			v[f] = x->m->fixed[f];
		if (v[f] != NULL && (f == M_STATUS || f == M_CATEGORY || f == M_VALIDITY || f == M_DECISION_KIND))
			v[f] = word(x->m, (enum map_field)f, v[f]);
	}
	const char *why = NULL;
	if (v[M_CATEGORY] != NULL && (v[M_CATEGORY] = category_code(x->p, x->catalog, x->cache, v[M_CATEGORY], &why)) == NULL)
		return why;
	*n = (struct notice_in){
	    .external_id = v[M_EXTERNAL_ID], .title = v[M_TITLE], .issuer = v[M_ISSUER], .doc_number = v[M_DOC_NUMBER],
	    .subject = v[M_SUBJECT], .validity = v[M_VALIDITY], .category_code = v[M_CATEGORY],
	    .decision_kind = v[M_DECISION_KIND], .status = v[M_STATUS], .body = v[M_BODY],
	    .formed_on = v[M_FORMED_ON] ? date_of(x->p, v[M_FORMED_ON], false) : NULL,
	    .published_at = v[M_PUBLISHED_AT] ? date_of(x->p, v[M_PUBLISHED_AT], true) : NULL,
	    .changed_on = v[M_CHANGED_ON] ? date_of(x->p, v[M_CHANGED_ON], false) : NULL,
	    .repealed_on = v[M_REPEALED_ON] ? date_of(x->p, v[M_REPEALED_ON], false) : NULL,
	    .document_kind = v[M_DOCUMENT_KIND],
	};
	if (n->body != NULL && x->m->body_html)
		n->body = text_of_html(x->p, n->body);
	if (v[M_ATTACHMENTS] != NULL && !split_files(x->p, v[M_ATTACHMENTS], out, at))
		return "too many attachments";
	return row_items(x, n);
}

bool import_map_apply(struct pool *p, const struct app *app, const struct site *site, const struct import_map *m,
                      const char *path, const struct import_table *t, struct import_set *out, char *err, size_t errlen)
{
	if (t->nrows < (size_t)m->header_row) {
		snprintf(err, errlen, "%s: no header row (row %ld of the table)", path, m->header_row);
		return false;
	}
	size_t h = (size_t)m->header_row - 1;
	struct resolved r;
	if (!resolve_columns(p, m, path, t->rows[h], t->ncols[h], t->row_numbers[h], &r, err, errlen))
		return false;
	import_set_alloc(p, out, t->nrows - h - 1);
	out->where = "row";
	struct categories cache = {.n = 0};
	struct row_ctx x = {.p = p, .m = m, .r = &r, .catalog = app_catalog(app, site->variant), .cache = &cache};
	for (size_t i = h + 1; i < t->nrows; i++) {
		x.cells = t->rows[i];
		x.ncells = t->ncols[i];
		out->lines[out->n] = t->row_numbers[i];
		const char *why = row_notice(&x, &out->notices[out->n], out, out->n);
		if (why != NULL) {
			snprintf(err, errlen, "%s:row %ld: %s", path, t->row_numbers[i], why);
			return false;
		}
		out->n++;
	}
	return true;
}
