/* The requests' side of a calendar load (see ysqgk_calendar.h). */
#include "ysqgk/ysqgk_calendar.h"
#include "core/audit.h"
#include "core/exchange.h"
#include "core/site.h"
#include "core/text.h"
#include "ysqgk/ysqgk.h"
#include "ysqgk/ysqgk_letter.h"
#include "ysqgk/ysqgk_mail.h"
#include <stdlib.h>
#include <string.h>

enum xerr ysqgk_suspended_deadlines(struct db *db, struct pool *p, long long **ids, size_t *n)
{
	struct db_result r;
	enum xerr e = db_query(db, p, &r,
	                       "SELECT reply_deadline_id FROM requests WHERE status = 'correction_requested' "
	                       "AND reply_deadline_id IS NOT NULL",
	                       "");
	*n = 0;
	*ids = NULL;
	if (e != XE_OK)
		return e;
	*ids = pool_alloc(p, (r.nrows + 1) * sizeof **ids);
	for (size_t i = 0; i < r.nrows; i++)
		(*ids)[i] = strtoll(r.rows[i][0], NULL, 10);
	*n = r.nrows;
	return XE_OK;
}

static const char *kind_label(const char *kind)
{
	static const char *const kinds[][2] = {{"reply", "答复期限"},
	                                       {"correction", "补正期限"},
	                                       {"consultation", "第三方提出意见期限"},
	                                       {"body_consultation", "请其他机关答复的日期"}};
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i][0], kind) == 0)
			return kinds[i][1];
	return "期限";
}

/* "由2027年1月15日（暂定）调整为2027年1月18日", or that the date stays and is no longer (or is
 * now) provisional. */
static const char *what_moved(struct pool *p, const struct deadline_move *m)
{
	const char *od = ysqgk_date_cn(p, m->old_due), *nd = ysqgk_date_cn(p, m->new_due);
	if (m->old_due == m->new_due)
		return pool_printf(p, "仍为%s，%s", nd, m->new_provisional ? "改为暂定日期" : "不再是暂定日期");
	return pool_printf(p, "由%s%s调整为%s%s", od, m->old_provisional ? "（暂定）" : "", nd,
	                   m->new_provisional ? "（暂定）" : "");
}

static const char *move_json(struct pool *p, const struct deadline_move *m, int32_t due, bool provisional)
{
	struct buf b;
	struct jw w;
	char d[11];
	format_date(due, d);
	buf_init(&b);
	jw_init(&w, &b);
	jw_open(&w, NULL, '{');
	jw_int(&w, "deadline_id", m->id);
	jw_str(&w, "kind", m->kind);
	jw_str(&w, "due_on", d);
	jw_bool(&w, "provisional", provisional);
	jw_close(&w, '}');
	return jw_finish(&w, p);
}

/* The applicant's mail, written as the web steps write theirs (a request of the site, as the CLI). */
static enum xerr mail_applicant(const struct app *app, struct db *db, struct pool *p, const char *site_key,
                                long long rid, const char *note, int *mailed)
{
	struct site site;
	enum xerr e = site_by_key(db, p, app, site_key, &site);
	if (e != XE_OK)
		return e;
	struct request req;
	memset(&req, 0, sizeof req);
	req.pool = p;
	req.app = app;
	req.db = db;
	req.site = &site;
	req.today = today_local();
	long long mail_id = 0;
	e = ysqgk_notify(&req, rid, "deadline_moved", note, &mail_id);
	*mailed += mail_id != 0;
	return e;
}

enum request_col { Q_SITE, Q_KEY, Q_STATUS, Q_REPLY };

static enum xerr record_move(const struct app *app, struct db *db, struct pool *p, int year,
                             const struct deadline_move *m, int *mailed)
{
	struct db_result r;
	enum xerr e = db_query(db, p, &r,
	                       "SELECT r.site_id, s.site_key, r.status, r.reply_deadline_id FROM requests r "
	                       "JOIN sites s ON s.id = r.site_id WHERE r.id = ?",
	                       "i", m->subject_id);
	if (e != XE_OK || r.nrows == 0)
		return e;
	char **w = r.rows[0];
	long long site = strtoll(w[Q_SITE], NULL, 10);
	/* The applicant was told the running reply period's end; the other periods are the body's or
	 * a third party's, and a suspended one starts again on the correction's receipt. */
	bool told = strcmp(m->kind, "reply") == 0 && m->was_open && w[Q_REPLY] != NULL &&
	            strtoll(w[Q_REPLY], NULL, 10) == m->id && !ysqgk_status_final(w[Q_STATUS]);
	const char *moved = what_moved(p, m);
	const char *note = pool_printf(p, "载入%d年节假日安排（国务院办公厅通知）后重新计算，%s%s。", year,
	                               kind_label(m->kind), moved);
	const char *shown = told ? pool_printf(p, "国务院办公厅公布了%d年节假日安排，本机关据此重新计算答复期限：%s。", year, moved)
	                         : NULL;
	e = db_exec(db,
	            "INSERT INTO request_events (request_id, on_date, actor, kind, note, applicant_note, visible) "
	            "VALUES (?, CURDATE(), 'xxgkctl', 'deadline_moved', ?, ?, ?)",
	            "issi", m->subject_id, note, shown, (long long)told);
	struct audit_entry a = {.site_id = site,
	                        .actor = "xxgkctl",
	                        .action = "request.deadline_recompute",
	                        .subject = "request",
	                        .subject_id = m->subject_id,
	                        .before_json = move_json(p, m, m->old_due, m->old_provisional),
	                        .after_json = move_json(p, m, m->new_due, m->new_provisional),
	                        .note = pool_printf(p, "calendar %d loaded", year)};
	if (e == XE_OK)
		e = audit_write(db, &a);
	if (e == XE_OK && told && m->old_due != m->new_due)
		e = mail_applicant(app, db, p, w[Q_KEY], m->subject_id, shown, mailed);
	return e;
}

enum xerr ysqgk_deadlines_moved(const struct app *app, struct db *db, struct pool *p, int year,
                                const struct deadline_move *moves, size_t n, int *mailed)
{
	enum xerr e = XE_OK;
	*mailed = 0;
	for (size_t i = 0; i < n && e == XE_OK; i++)
		if (strcmp(moves[i].subject, "request") == 0)
			e = record_move(app, db, p, year, &moves[i], mailed);
	return e;
}
