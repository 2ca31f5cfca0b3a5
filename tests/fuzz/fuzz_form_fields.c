/* The declared field tables (form_parse over a urlencoded body): a field that passes has the
 * value its type promises, within its bounds, whatever was sent. */
#include "harness.h"
#include "core/text.h"
#include <stdlib.h>
#include <string.h>

enum { F_LINE, F_TEXT, F_INT, F_ID, F_DATE, F_MONTH, F_CHOICE, F_EMAIL, F_PHONE, F_CODE, F_URL, F__N };
static const char *const kinds[] = {"a", "b", "乙", NULL};
static const struct field_spec specs[F__N] = {
	[F_LINE] = {"line", FT_LINE, false, 10, 0, 0, NULL, "行"},
	[F_TEXT] = {"text", FT_TEXT, false, 0, 0, 0, NULL, "文"},
	[F_INT] = {"int", FT_INT, false, 0, -5, 2026, NULL, "数"},
	[F_ID] = {"id", FT_ID, false, 0, 0, 0, NULL, "号"},
	[F_DATE] = {"date", FT_DATE, false, 0, 0, 0, NULL, "日"},
	[F_MONTH] = {"month", FT_MONTH, false, 0, 0, 0, NULL, "月"},
	[F_CHOICE] = {"choice", FT_CHOICE, false, 0, 0, 0, kinds, "选"},
	[F_EMAIL] = {"email", FT_EMAIL, false, 0, 0, 0, NULL, "邮"},
	[F_PHONE] = {"phone", FT_PHONE, false, 0, 0, 0, NULL, "电"},
	[F_CODE] = {"code", FT_CODE, false, 0, 0, 0, NULL, "码"},
	[F_URL] = {"url", FT_URL, false, 0, 0, 0, NULL, "址"},
};

static void check(const struct field_value *v)
{
	for (size_t i = 0; i < F__N; i++) {
		const char *t = v[i].text;
		if (t == NULL)
			continue;
		size_t max = specs[i].max_chars ? specs[i].max_chars : 200;
		if (*t == '\0' || !text_valid(t, strlen(t)) || utf8_chars(t) > max)
			abort();
		char out[11];
		switch (specs[i].type) {
		case FT_LINE:
			if (strpbrk(t, "\r\n"))
				abort();
			break;
		case FT_INT:
			if (v[i].num < specs[i].min || v[i].num > specs[i].max)
				abort();
			break;
		case FT_ID:
			if (v[i].num < 1)
				abort();
			break;
		case FT_DATE:
		case FT_MONTH:
			format_date((int32_t)v[i].num, out);
			if (strncmp(out, t, specs[i].type == FT_DATE ? 10 : 7) != 0)
				abort();
			break;
		case FT_CHOICE:
			if (v[i].num < 0 || v[i].num > 2 || strcmp(kinds[v[i].num], t) != 0)
				abort();
			break;
		case FT_EMAIL:
			if (!value_is_email(t))
				abort();
			break;
		case FT_URL:
			if (!url_is_safe(t))
				abort();
			break;
		default:
			break;
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pool *p = pool_new();
	struct form f = {0};
	const char *why;
	struct field_value v[F__N];
	struct field_error err;
	if (parse_urlencoded(p, (const char *)data, size, &default_limits, &f, &why) == XE_OK) {
		if (form_parse(p, &f, specs, v, &err))
			check(v);
		else if (err.field == NULL || err.message == NULL || !text_valid(err.message, strlen(err.message)))
			abort();
		/* Field by field, the ones that pass keep their promise even when another fails. */
		for (size_t i = 0; i < F__N; i++)
			if (!field_parse(p, &f, &specs[i], &v[i], &err))
				v[i].text = NULL;
		check(v);
	}
	pool_free(p);
	return 0;
}
