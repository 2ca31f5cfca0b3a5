#include "notices/attachment_type.h"
#include "core/text.h"
#include <string.h>
#include <strings.h>

/* The type of an upload by its content, not by its name or the browser's word. */
static const char *sniff(const unsigned char *d, size_t n)
{
	if (n >= 5 && memcmp(d, "%PDF-", 5) == 0)
		return "application/pdf";
	if (n >= 3 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff)
		return "image/jpeg";
	if (n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	if (n >= 8 && memcmp(d, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0)
		return "application/msword"; /* OLE: .doc, .xls */
	if (n >= 4 && memcmp(d, "PK\x03\x04", 4) == 0)
		return "application/zip"; /* .docx, .xlsx, .ofd, .zip */
	return NULL;
}

static const char *mime_for(const char *sniffed, const char *filename)
{
	const char *dot = strrchr(filename, '.');
	if (strcmp(sniffed, "application/zip") == 0 && dot != NULL) {
		if (strcasecmp(dot, ".docx") == 0)
			return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
		if (strcasecmp(dot, ".xlsx") == 0)
			return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
		if (strcasecmp(dot, ".ofd") == 0)
			return "application/ofd";
	}
	if (strcmp(sniffed, "application/msword") == 0 && dot != NULL && strcasecmp(dot, ".xls") == 0)
		return "application/vnd.ms-excel";
	return sniffed;
}

const char *attachment_type(const unsigned char *data, size_t len, const char *filename)
{
	const char *sniffed = sniff(data, len);
	return sniffed ? mime_for(sniffed, filename) : NULL;
}

/* The endings a type may be kept under, its own first (WPS's files are Word's and Excel's). */
static const struct {
	const char *mime, *endings[5];
} endings[] = {
    {"application/pdf", {".pdf"}},
    {"image/jpeg", {".jpg", ".jpeg"}},
    {"image/png", {".png"}},
    {"application/msword", {".doc", ".wps", ".dot", ".ppt"}},
    {"application/vnd.ms-excel", {".xls", ".et"}},
    {"application/zip", {".zip", ".pptx", ".dps"}},
    {"application/ofd", {".ofd"}},
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", {".docx"}},
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", {".xlsx"}},
};

/* The first n characters of name (all of it when shorter). */
static const char *first_chars(struct pool *p, const char *name, size_t n)
{
	const unsigned char *c = (const unsigned char *)name;
	for (size_t k = 0; *c && k < n; k++)
		c += utf8_seq_len(c) ? utf8_seq_len(c) : 1;
	return pool_strndup(p, name, (size_t)((const char *)c - name));
}

const char *attachment_name(struct pool *p, const char *filename, const char *mime, size_t max_chars)
{
	const char *dot = strrchr(filename, '.');
	for (size_t i = 0; i < sizeof endings / sizeof endings[0]; i++) {
		if (strcmp(endings[i].mime, mime) != 0)
			continue;
		for (size_t k = 0; dot != NULL && k < 5 && endings[i].endings[k] != NULL; k++)
			if (strcasecmp(dot, endings[i].endings[k]) == 0)
				return filename;
		const char *own = endings[i].endings[0];
		return pool_printf(p, "%s%s", first_chars(p, filename, max_chars - strlen(own)), own);
	}
	return filename;
}
