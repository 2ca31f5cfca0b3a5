/* Letters from templates (see ysqgk_letter.h). */
#include "ysqgk/ysqgk_letter.h"
#include "core/text.h"
#include "ysqgk/ysqgk.h"
#include <libxml/parser.h>
#include <string.h>

/* Writes tpl with each {key} replaced by its value. */
static void fill(struct buf *out, const char *tpl, const char *const *keys, const char *const *vals, size_t n)
{
	for (const char *t = tpl; *t;) {
		bool done = false;
		if (*t == '{')
			for (size_t k = 0; k < n && !done; k++) {
				size_t kl = strlen(keys[k]);
				if (strncmp(t + 1, keys[k], kl) == 0 && t[1 + kl] == '}') {
					buf_puts(out, vals[k] ? vals[k] : "");
					t += kl + 2;
					done = true;
				}
			}
		if (!done)
			buf_putc(out, *t++);
	}
}

/* The install's template of kind, for outcome when the template names one. */
static xmlNodePtr find_template(struct request *req, const char *kind, const char *outcome)
{
	xmlDocPtr letters = app_letters(req->app);
	xmlNodePtr found = NULL;
	for (xmlNodePtr c = letters ? xmlDocGetRootElement(letters)->children : NULL; c && !found; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *k = xmlGetProp(c, (const xmlChar *)"kind"), *o = xmlGetProp(c, (const xmlChar *)"outcome");
		if (k && strcmp((const char *)k, kind) == 0 && (o == NULL || (outcome && strcmp((const char *)o, outcome) == 0)))
			found = c;
		xmlFree(k);
		xmlFree(o);
	}
	return found;
}

enum xerr ysqgk_letter(struct request *req, long long id, const char *kind, const struct ysqgk_letter_args *args,
                       const char **title, const char **text)
{
	enum letter_col { L_NAME, L_TRACKING, L_RECEIVED, L_DESCRIPTION, L_DUE };
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT r.name, r.tracking_no, DATE_FORMAT(r.received_on, '%Y-%m-%d'), r.description, "
	                       "DATE_FORMAT(d.due_on, '%Y-%m-%d') FROM requests r "
	                       "LEFT JOIN deadlines d ON d.id = r.reply_deadline_id WHERE r.id = ? AND r.site_id = ?",
	                       "ii", id, req->site->id);
	if (e != XE_OK)
		return e;
	if (r.nrows == 0)
		return XE_NOT_FOUND;
	xmlNodePtr found = find_template(req, kind, args->outcome);
	if (found == NULL)
		return XE_INTERNAL;
	char today[11], until_s[11] = "";
	format_date(req->today, today);
	if (args->until)
		format_date(args->until, until_s);
	const char *reason = ysqgk_reason_label(args->outcome, args->reason_code);
	char **w = r.rows[0];
	const char *keys[] = {"name", "tracking_no", "received_on", "description", "due_on", "site", "today", "until",
	                      "days", "amount", "reason"};
	const char *vals[] = {w[L_NAME], w[L_TRACKING], w[L_RECEIVED], w[L_DESCRIPTION], w[L_DUE], req->site->name, today,
	                      until_s, pool_printf(req->pool, "%d", args->days), pool_printf(req->pool, "%lld", args->amount),
	                      reason ? reason : ""};
	xmlChar *tpl = xmlNodeGetContent(found), *t = xmlGetProp(found, (const xmlChar *)"title");
	struct buf b;
	buf_init(&b);
	fill(&b, (const char *)tpl, keys, vals, sizeof keys / sizeof keys[0]);
	*text = pool_strdup(req->pool, buf_cstr(&b));
	*title = pool_strdup(req->pool, t ? (const char *)t : "告知书");
	buf_free(&b);
	xmlFree(tpl);
	xmlFree(t);
	return XE_OK;
}
