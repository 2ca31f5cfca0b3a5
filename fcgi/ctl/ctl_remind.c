/* xxgkctl remind: the morning mail to each staff member of what falls due within 5 working days
 * and what is overdue, for the bodies they serve (approvers and admins serve every body of their
 * site, or of every site), run by a systemd timer (cms-integration/systemd/xxgk-remind.timer).
 * Only to users with an e-mail address who have not turned the reminder off in the console; a
 * user's reminder of a day is recorded with it (migration 086), so a second run sends nothing
 * again. Messages go through the outbox ([mail] mode = smtp: sent at once; outbox: held). */
#include "ctl/ctl.h"
#include "core/calendar.h"
#include "core/mail.h"
#include "core/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SOON_DAYS 5

/* An open request whose reply falls due within SOON_DAYS working days, or has passed. */
struct due {
	long long site_id;
	const char *site_name, *tracking, *body, *due_on, *description;
	bool provisional;
	int left; /* working days to the due date; -1: overdue */
};

struct recipient {
	long long id, site_id; /* site 0: every site */
	const char *login, *name, *email;
	bool every_body;
	const char *const *bodies;
	size_t nbodies;
};

/* Open requests with a running reply clock due within a month (5 working days never reach
 * further: the longest holiday is 8 days), flagged on the calendar. */
static enum xerr load_due(struct db *db, struct pool *p, const struct calendar *cal, int32_t today, const char *site,
                          struct due **out, size_t *n)
{
	struct db_result r;
	enum xerr e = db_query(db, p, &r,
	                       "SELECT r.site_id, s.name, r.tracking_no, COALESCE(r.assigned_body, ''), "
	                       "DATE_FORMAT(d.due_on, '%Y-%m-%d'), DATEDIFF(d.due_on, '1970-01-01'), d.provisional, "
	                       "LEFT(r.description, 60) FROM requests r JOIN sites s ON s.id = r.site_id "
	                       "JOIN deadlines d ON d.id = r.reply_deadline_id "
	                       "WHERE d.is_open = 1 AND r.status NOT IN ('answered', 'closed', 'abandoned', 'withdrawn', "
	                       "'correction_requested') AND DATEDIFF(d.due_on, '1970-01-01') <= ? + 31 "
	                       "AND (? IS NULL OR s.site_key = ?) ORDER BY r.site_id, d.due_on, r.id",
	                       "iss", (long long)today, site, site);
	if (e != XE_OK)
		return e;
	*out = pool_alloc(p, (r.nrows + 1) * sizeof **out);
	*n = 0;
	for (size_t i = 0; i < r.nrows; i++) {
		char **w = r.rows[i];
		int32_t due = (int32_t)strtol(w[5], NULL, 10);
		int left = today > due ? -1 : cal_between(cal, today, due, NULL, 0, NULL);
		if (left > SOON_DAYS)
			continue;
		(*out)[(*n)++] = (struct due){strtoll(w[0], NULL, 10), w[1], w[2], w[3], w[4], w[7], strcmp(w[6], "1") == 0,
		                              left};
	}
	return XE_OK;
}

static enum xerr load_recipients(struct db *db, struct pool *p, struct recipient **out, size_t *n)
{
	struct db_result r;
	enum xerr e = db_query(db, p, &r,
	                       "SELECT u.id, COALESCE(u.site_id, 0), u.login, u.display_name, u.email, u.role, "
	                       "COALESCE((SELECT GROUP_CONCAT(b.body SEPARATOR '\\n') FROM user_bodies b "
	                       " WHERE b.user_id = u.id), '') FROM users u "
	                       "WHERE u.disabled = 0 AND u.remind = 1 AND u.email <> '' ORDER BY u.id",
	                       "");
	if (e != XE_OK)
		return e;
	*out = pool_alloc(p, (r.nrows + 1) * sizeof **out);
	*n = r.nrows;
	for (size_t i = 0; i < r.nrows; i++) {
		char **w = r.rows[i];
		struct recipient *u = &(*out)[i];
		*u = (struct recipient){.id = strtoll(w[0], NULL, 10), .site_id = strtoll(w[1], NULL, 10), .login = w[2],
		                        .name = w[3], .email = w[4], .every_body = strcmp(w[5], "staff") != 0};
		const char **bodies = pool_alloc(p, (strlen(w[6]) / 2 + 2) * sizeof *bodies);
		for (char *s = w[6], *nl; *s; s = nl ? nl + 1 : s + strlen(s)) {
			nl = strchr(s, '\n');
			if (nl)
				*nl = '\0';
			bodies[u->nbodies++] = s;
			if (!nl)
				break;
		}
		u->bodies = bodies;
	}
	return XE_OK;
}

static bool serves(const struct recipient *u, const struct due *d)
{
	if (u->site_id != 0 && u->site_id != d->site_id)
		return false;
	if (u->every_body)
		return true;
	for (size_t i = 0; i < u->nbodies; i++)
		if (strcmp(u->bodies[i], d->body) == 0)
			return true;
	return false;
}

/* The message for u of the requests of site among due[]; NULL when there is none. */
static const char *message(struct pool *p, const struct recipient *u, long long site, const struct due *due, size_t n,
                           const char *day, const char **subject)
{
	struct buf b;
	buf_init(&b);
	int overdue = 0, soon = 0;
	const char *site_name = NULL;
	for (int pass = 0; pass < 2; pass++) {
		buf_puts(&b, pass == 0 ? "\n已逾期未答复：\n" : "\n5个工作日内到期：\n");
		int listed = 0;
		for (size_t i = 0; i < n; i++) {
			const struct due *d = &due[i];
			if (d->site_id != site || !serves(u, d) || (d->left < 0) != (pass == 0))
				continue;
			site_name = d->site_name;
			listed++;
			buf_printf(&b, "  %s  答复期限 %s%s%s  %s  %s\n", d->tracking, d->due_on, d->provisional ? "（暂定）" : "",
			           d->left >= 0 ? pool_printf(p, "（剩%d个工作日）", d->left) : "",
			           *d->body ? d->body : "（未指定办理机关）", d->description);
		}
		if (listed == 0)
			buf_puts(&b, "  无\n");
		*(pass == 0 ? &overdue : &soon) = listed;
	}
	const char *text = NULL;
	if (overdue + soon > 0) {
		*subject = pool_printf(p, "【依申请公开】%s %s：逾期%d件，5个工作日内到期%d件", site_name, day, overdue, soon);
		text = pool_printf(p, "%s：\n\n截至%s，您负责的政府信息公开申请中，逾期未答复%d件，5个工作日内到期%d件。\n%s\n"
		                      "请登录管理后台办理。不需要此提醒的，可在管理后台“我的账号”中关闭。\n",
		                   u->name, day, overdue, soon, buf_cstr(&b));
	}
	buf_free(&b);
	return text;
}

/* Queues the reminder unless the user had the day's already; *id the outbox row (0: none). */
static enum xerr queue_one(struct ctl *ctx, struct db *db, const struct recipient *u, long long site, const char *day,
                           const char *subject, const char *text, long long *id)
{
	*id = 0;
	enum xerr e = db_begin(db);
	if (e == XE_OK)
		e = db_exec(db, "INSERT IGNORE INTO reminder_sent (user_id, site_id, on_date) VALUES (?, ?, ?)", "iis", u->id,
		            site, day);
	if (e == XE_OK && db_affected(db) == 1) {
		e = mail_queue(db, &ctx->app.cfg, site, 0, u->email, subject, text, id);
		if (e == XE_OK)
			e = db_exec(db, "UPDATE reminder_sent SET outbox_id = ? WHERE user_id = ? AND site_id = ? AND on_date = ?",
			            "iiis", *id, u->id, site, day);
	}
	if (e == XE_OK)
		e = db_commit(db);
	if (e != XE_OK) {
		db_rollback(db);
		*id = 0;
	}
	return e;
}

/* Every recipient's reminder for each site with something due; the count queued in *queued. */
static int remind_all(struct ctl *ctx, struct db *db, struct pool *p, const struct due *due, size_t n,
                      const char *day, bool dry_run, int *queued)
{
	struct recipient *users;
	size_t nusers;
	if (load_recipients(db, p, &users, &nusers) != XE_OK)
		return 1;
	for (size_t k = 0; k < nusers; k++) {
		for (size_t i = 0; i < n; i++) {
			if (i > 0 && due[i].site_id == due[i - 1].site_id)
				continue; /* one message per site */
			const char *subject = NULL, *text = message(p, &users[k], due[i].site_id, due, n, day, &subject);
			if (text == NULL)
				continue;
			printf("%s %s: %s\n", dry_run ? "would send" : "reminder", users[k].login, subject);
			long long id = 0;
			if (!dry_run && queue_one(ctx, db, &users[k], due[i].site_id, day, subject, text, &id) != XE_OK)
				return 1;
			if (id != 0) {
				(*queued)++;
				mail_deliver(db, &ctx->app.cfg, p, id, false, 1, stdout);
			}
		}
	}
	return 0;
}

int ctl_remind(struct ctl *ctx)
{
	if (ctl_wants_help(ctx, "usage: xxgkctl remind [--site SITE] [--date YYYY-MM-DD] [--dry-run]\n"
	                        "Mails each staff member with an e-mail address and the reminder on (the console's\n"
	                        "\"my account\") the open requests of the bodies they serve that are overdue or fall\n"
	                        "due within 5 working days, one message a site a day (a second run sends nothing\n"
	                        "again). --date: as on that day; --dry-run: says what it would send.\n"))
		return 0;
	int32_t today = today_local();
	const char *date = ctl_opt(ctx, "--date"), *site = ctl_opt(ctx, "--site");
	if (date != NULL && !parse_date(date, &today)) {
		fputs("xxgkctl remind: --date is YYYY-MM-DD\n", stderr);
		return 2;
	}
	struct db *db = ctl_db(ctx);
	if (db == NULL)
		return 1;
	struct pool *p = pool_new();
	struct calendar *cal = NULL;
	struct due *due = NULL;
	size_t n = 0;
	char day[11];
	format_date(today, day);
	int queued = 0, rc = 1;
	if (calendar_load(db, &cal) == XE_OK && load_due(db, p, cal, today, site, &due, &n) == XE_OK)
		rc = remind_all(ctx, db, p, due, n, day, ctl_flag(ctx, "--dry-run"), &queued);
	if (rc != 0)
		fprintf(stderr, "xxgkctl remind: database: %s\n", db_error(db));
	else
		printf("%d reminder(s) queued for %s\n", queued, day);
	calendar_free(cal);
	pool_free(p);
	return rc;
}
