#include "notices/attachment_type.h"
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
