/* The import file's JSON reader (import_read_json): what it keeps, what it refuses and where. Each
 * refused or accepted text is also given to jansson (json_loadb with JSON_REJECT_DUPLICATES, the
 * reader it replaced), which must agree. */
#include "notices/import.h"
#include "notices/import_read.h"
#include "unit.h"
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

/* Reads text (len bytes) as an import file; err gets the message. */
static bool read_text(struct pool *p, const char *text, size_t len, struct import_set *set, char *err, size_t errlen)
{
	int fd = memfd_create("xxgk-unit-json", 0);
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	bool ok = fd >= 0 && write(fd, text, len) == (ssize_t)len && import_read_json(p, path, set, err, errlen);
	if (fd >= 0)
		close(fd);
	return ok;
}

static bool jansson_accepts(const char *text, size_t len)
{
	json_error_t je;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	json_decref(root);
	return root != NULL;
}

/* err holds ":line: want" after the file's name. */
static bool says(const char *err, long line, const char *want)
{
	char tail[512];
	snprintf(tail, sizeof tail, ":%ld: %s", line, want);
	const char *colon = strchr(err, ':');
	return colon != NULL && strncmp(colon, tail, strlen(tail)) == 0;
}

void test_import_json_read(void)
{
	static const char doc[] =
	    "{\"skipped\": {\"a\": [1, -0.5e-3, 2E+10, true, false, null, {\"b\": \"\\u0000x\"}]},\n"
	    " \"site\": \"lincang\",\n"
	    " \"notices\": [\n"
	    "  {\"external_id\": \"E1\", \"title\": \"\\u4e34\\u6ca7 \\ud83d\\ude00 \\\"q\\\" \\\\ \\/ \\b\\f\\n\\r\\t\",\n"
	    "   \"t\\u0069tle2\": [\"not a field\"], \"body\": null,\n"
	    "   \"items\": {\"D04.C01.01\": \"临沧\", \"\\u0041\": \"\"}, \"attachments\": [\"a.pdf\", \"b\\/c.doc\"]},\n"
	    "\n"
	    "  {\"category\": \"D04.C01\", \"attachments\": null, \"items\": null}\n"
	    " ]}";
	struct pool *p = pool_new();
	struct import_set set;
	char err[512] = "";
	/* The first skipped value holds \u0000: refused, as jansson refuses it anywhere. */
	CHECK(!read_text(p, doc, strlen(doc), &set, err, sizeof err));
	CHECK(says(err, 1, "not valid JSON: \\u0000 in a string"));
	CHECK(!jansson_accepts(doc, strlen(doc)));
	char *fixed = pool_strdup(p, doc);
	memcpy(strstr(fixed, "\\u0000x"), "\\u0030x", 7);
	CHECK(jansson_accepts(fixed, strlen(fixed)));
	CHECK(read_text(p, fixed, strlen(fixed), &set, err, sizeof err));
	CHECK(set.n == 2);
	CHECK_STR(set.site, "lincang");
	CHECK_STR(set.notices[0].external_id, "E1");
	CHECK_STR(set.notices[0].title, "临沧 \xF0\x9F\x98\x80 \"q\" \\ / \b\f\n\r\t");
	CHECK(set.notices[0].body == NULL && set.notices[0].issuer == NULL);
	CHECK(set.notices[0].nitems == 2);
	CHECK_STR(set.notices[0].items[0].code, "D04.C01.01");
	CHECK_STR(set.notices[0].items[0].value, "临沧");
	CHECK_STR(set.notices[0].items[1].code, "A");
	CHECK_STR(set.notices[0].items[1].value, "");
	CHECK(set.nfiles[0] == 2);
	if (set.nfiles[0] == 2) {
		CHECK_STR(set.files[0][0], "a.pdf");
		CHECK_STR(set.files[0][1], "b/c.doc");
	}
	CHECK_STR(set.notices[1].category_code, "D04.C01");
	CHECK(set.nfiles[1] == 0 && set.notices[1].nitems == 0);
	CHECK(set.lines[0] == 4 && set.lines[1] == 8);
	pool_free(p);
}

/* Texts refused as JSON, with the line of the error. */
static const struct {
	const char *text;
	long line;
	const char *why;
} refused[] = {
    {"[\"a\" \"b\"]", 1, "',' or ']' expected"},
    {"[\n\"\\ud800\"]", 2, "a UTF-16 high surrogate without"},
    {"[\"\\ud800\\u0041\"]", 1, "a UTF-16 high surrogate without"},
    {"[\"\\ud800\\\\udc00\"]", 1, "a UTF-16 high surrogate without"},
    {"[\"\\udc00\"]", 1, "a UTF-16 low surrogate alone"},
    {"[\"\\u0000\"]", 1, "\\u0000 in a string"},
    {"{\"\\u0000\": 1}", 1, "\\u0000 in a string"},
    {"[\"\\x\"]", 1, "invalid escape"},
    {"[\"\\u12G4\"]", 1, "invalid escape"},
    {"{\"a\": 1,\n\n \"a\": 2}", 3, "a key given twice"},
    {"[{\"x\": [{\"k\": 1, \"k\": {}}]}]", 1, "a key given twice"},
    {"[{\"items\": {\"c\": \"1\", \"c\": \"2\"}}]", 1, "a key given twice"},
    {"[{\"title\": \"a\", \"t\\u0069tle\": \"b\"}]", 1, "a key given twice"},
    {"[\"\xC3\x28\"]", 1, "invalid UTF-8"},
    {"[\"\xC0\xAF\"]", 1, "invalid UTF-8"},
    {"[\"\xED\xA0\x80\"]", 1, "invalid UTF-8"},
    {"[\"\xF4\x90\x80\x80\"]", 1, "invalid UTF-8"},
    {"[\"\xE4\xB8", 1, "invalid UTF-8"},
    {"[\"abc", 1, "the text ends inside a string"},
    {"[\"a\tb\"]", 1, "a control character"},
    {"[\"a\nb\"]", 1, "a line break inside a string"},
    {"\xEF\xBB\xBF[]", 1, "a byte order mark"},
    {"[]\n x", 2, "text after the end"},
    {"[]]", 1, "text after the end"},
    {"[1,]", 1, "a value expected"},
    {"{\"a\": 1,}", 1, "a key expected after ','"},
    {"[01]", 1, "',' or ']' expected"},
    {"[1.]", 1, "a digit expected after '.'"},
    {"[-]", 1, "a digit expected after '-'"},
    {"[1e+]", 1, "a digit expected in an exponent"},
    {"[9223372036854775808]", 1, "an integer too large"},
    {"[-9223372036854775809]", 1, "an integer too large"},
    {"[12345678901234567890123]", 1, "an integer too large"},
    {"[1e309]", 1, "a number too large"},
    {"[tru]", 1, "an unknown word"},
    {"[nul]", 1, "an unknown word"},
    {"\"x\"", 1, "'[' or '{' expected"},
    {"7", 1, "'[' or '{' expected"},
    {"", 1, "the text ends where a value"},
    {"[\n", 2, "the text ends where a value"},
    {"{\"a\" 1}", 1, "':' expected"},
};

void test_import_json_refused(void)
{
	struct pool *p = pool_new();
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		struct import_set set;
		char err[512] = "", want[256];
		size_t len = strlen(refused[i].text);
		snprintf(want, sizeof want, "not valid JSON: %s", refused[i].why);
		bool ok = read_text(p, refused[i].text, len, &set, err, sizeof err);
		if (ok || !says(err, refused[i].line, want))
			fprintf(stderr, "refused[%zu]: %s\n", i, err);
		CHECK(!ok && says(err, refused[i].line, want));
		CHECK(!jansson_accepts(refused[i].text, len));
	}
	/* The NUL byte inside the file, in a string and between values. */
	static const char nul_in_string[] = "[\"a\0b\"]", nul_between[] = "[1,\0 2]";
	struct import_set set;
	char err[512];
	CHECK(!read_text(p, nul_in_string, sizeof nul_in_string - 1, &set, err, sizeof err));
	CHECK(says(err, 1, "not valid JSON: a control character"));
	CHECK(!read_text(p, nul_between, sizeof nul_between - 1, &set, err, sizeof err));
	CHECK(says(err, 1, "not valid JSON: a value expected"));
	CHECK(!jansson_accepts(nul_in_string, sizeof nul_in_string - 1));
	CHECK(!jansson_accepts(nul_between, sizeof nul_between - 1));
	/* One NUL byte just after a number or a word: jansson loses it (import_json_scan.c). */
	static const char nul_lost[] = "{\"notices\": [], \"d\": [1\0, -2.5\0, true\0,null\0]}", two[] = "[1\0\0]";
	CHECK(read_text(p, nul_lost, sizeof nul_lost - 1, &set, err, sizeof err));
	CHECK(jansson_accepts(nul_lost, sizeof nul_lost - 1));
	CHECK(!read_text(p, two, sizeof two - 1, &set, err, sizeof err));
	CHECK(!jansson_accepts(two, sizeof two - 1));
	pool_free(p);
}

/* {"notices": [], "d": VALUE}: VALUE is accepted (the reader and jansson) or refused as JSON. */
static void check_value(struct pool *p, const char *value, bool accepted)
{
	char *text = pool_printf(p, "{\"notices\": [], \"d\": %s}", value);
	struct import_set set;
	char err[512] = "";
	bool ok = read_text(p, text, strlen(text), &set, err, sizeof err);
	if (ok != accepted)
		fprintf(stderr, "%.60s: %s\n", value, err);
	CHECK(ok == accepted);
	CHECK(jansson_accepts(text, strlen(text)) == accepted);
	CHECK(ok || strstr(err, ": not valid JSON: ") != NULL);
}

/* n arrays one inside the other around inner. */
static const char *nested(struct pool *p, size_t n, const char *inner)
{
	size_t len = strlen(inner);
	char *s = pool_alloc(p, 2 * n + len + 1);
	memset(s, '[', n);
	memcpy(s + n, inner, len);
	memset(s + n + len, ']', n);
	return s;
}

void test_import_json_values(void)
{
	struct pool *p = pool_new();
	check_value(p, "9223372036854775807", true);
	check_value(p, "-9223372036854775808", true);
	check_value(p, "[0, -0, 0.5, -1.25e-3, 1E+2, 1e-400, 1.7976931348623157e308]", true);
	check_value(p, "\"\\uFFFF \\uD83D\\uDE00 \\u00e9 \xF4\x8F\xBF\xBF \x7F\"", true);
	check_value(p, "{\"a\": {\"a\": {\"a\": 1}}, \"b\": [{\"a\": 1}, {\"a\": 2}]}", true);
	check_value(p, "1.8e308", false);
	/* The root object is the first level, "d" the second: 2,048 levels in all, scalars counted. */
	check_value(p, nested(p, 2047, ""), true);
	check_value(p, nested(p, 2048, ""), false);
	check_value(p, nested(p, 2046, "1"), true);
	check_value(p, nested(p, 2047, "1"), false);
	check_value(p, nested(p, 2046, "{}"), true);
	check_value(p, nested(p, 2047, "{}"), false);
	pool_free(p);
}

/* Notices wrong in their fields: the line of the notice, its number, the field, the message. */
static const struct {
	const char *text;
	long line;
	const char *said;
} wrong[] = {
    {"[\n{\"title\": \"a\"},\n  {\n\"title\": 5}]", 3, "notice 2, field title: 应为字符串"},
    {"[{\"issuer\": 1, \"external_id\": 2}]", 1, "notice 1, field external_id: 应为字符串"},
    {"[{\"items\": 5, \"repealed_on\": true}]", 1, "notice 1, field repealed_on: 应为字符串"},
    {"[{\"attachments\": 5, \"items\": []}]", 1, "notice 1, field items: 应为对象（内容项代码: 值）"},
    {"[{\"items\": {\"a\": \"1\", \"b\": 2, \"c\": null}}]", 1, "notice 1, field b: 应为字符串"},
    {"[{\"items\": {\"a\": null}}]", 1, "notice 1, field a: 应为字符串"},
    {"[{\"attachments\": \"x.pdf\"}]", 1, "notice 1, field attachments: 应为文件名数组"},
    {"[{\"attachments\": [\"a\", 1]}]", 1, "notice 1, field attachments: 应为文件名"},
    {"[{\"attachments\": [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21]}]", 1,
     "notice 1, field attachments: 附件过多"},
    {"{\"notices\": [{}, {}, \n\n 7]}", 3, "notice 3, field notice: 应为对象"},
    {"[{\"body\": null}, null]", 1, "notice 2, field notice: 应为对象"},
};

void test_import_json_notice_errors(void)
{
	struct pool *p = pool_new();
	for (size_t i = 0; i < sizeof wrong / sizeof wrong[0]; i++) {
		struct import_set set;
		char err[512] = "";
		bool ok = read_text(p, wrong[i].text, strlen(wrong[i].text), &set, err, sizeof err);
		if (ok || !says(err, wrong[i].line, wrong[i].said))
			fprintf(stderr, "wrong[%zu]: %s\n", i, err);
		CHECK(!ok && says(err, wrong[i].line, wrong[i].said));
	}
	/* 65 items: one too many, whatever the 65th holds. */
	struct buf b;
	buf_init(&b);
	buf_puts(&b, "[{\"items\": {");
	for (int i = 0; i <= NOTICE_MAX_ITEMS; i++)
		buf_printf(&b, "%s\"c%d\": %s", i ? ", " : "", i, i == NOTICE_MAX_ITEMS ? "1" : "\"v\"");
	buf_puts(&b, "}}]");
	struct import_set set;
	char err[512] = "";
	CHECK(!read_text(p, buf_cstr(&b), b.len, &set, err, sizeof err));
	CHECK(says(err, 1, "notice 1, field items: 内容项过多"));
	buf_free(&b);
	/* A notice's error gives way to an error of the JSON after it, and to a file without notices. */
	static const char later[] = "[{\"title\": 1},\n{]", shape[] = "{\"site\": \"a\", \"notices\": {}}";
	CHECK(!read_text(p, later, strlen(later), &set, err, sizeof err));
	CHECK(says(err, 2, "not valid JSON: a key or '}' expected"));
	CHECK(!read_text(p, shape, strlen(shape), &set, err, sizeof err));
	CHECK(says(err, 1, "expected {\"site\": ..., \"notices\": [...]} or an array of notices"));
	pool_free(p);
}
