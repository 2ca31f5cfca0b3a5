/* xxgkctl outbox: the mail to applicants ([mail] in the configuration; core/mail.h). */
#include "ctl/ctl.h"
#include "core/mail.h"
#include "core/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The recipient, opened for the operator (who holds the key file anyway): row[at] is the stored
 * address, row[key] and the two after it the mail's pii_key, site and request. */
static const char *recipient(struct db *db, struct pool *p, char **row, int at, int key)
{
	const char *to = mail_open_to(p, db_keyring(db), row[key], strtoll(row[key + 1], NULL, 10),
	                              strtoll(row[key + 2], NULL, 10), row[at]);
	return to ? to : "(sealed: no key in the key file opens it)";
}

static int list(struct ctl *ctx, struct db *db, struct pool *p)
{
	const char *site = ctl_opt(ctx, "--site");
	if (site != NULL) {
		enum xerr e;
		const char *id = db_value(db, p, &e, "SELECT id FROM sites WHERE site_key = ?", "s", site);
		if (e != XE_OK || id == NULL) {
			fprintf(stderr, "xxgkctl outbox: no site %s\n", site);
			return 1;
		}
	}
	struct db_result r;
	enum xerr e = db_query(db, p, &r,
	                       "SELECT o.id, DATE_FORMAT(o.created_at, '%Y-%m-%d %H:%i:%s'), o.status, "
	                       "COALESCE(s.site_key, '-'), o.to_addr, o.subject, o.attempts, o.last_error, o.pii_key, "
	                       "COALESCE(o.site_id, 0), COALESCE(o.request_id, 0) FROM outbox o LEFT JOIN sites s ON s.id = o.site_id "
	                       "WHERE (? = '' OR s.site_key = ?) ORDER BY o.id DESC LIMIT ?",
	                       "ssi", site ? site : "", site ? site : "", ctl_flag(ctx, "--all") ? 1000000000LL : 200LL);
	if (e != XE_OK) {
		fprintf(stderr, "xxgkctl outbox: %s\n", db_error(db));
		return 1;
	}
	printf("%-6s %-19s %-7s %-10s %-30s %s\n", "ID", "CREATED", "STATUS", "SITE", "TO", "SUBJECT");
	for (size_t i = r.nrows; i-- > 0;) {
		char **row = r.rows[i];
		printf("%-6s %-19s %-7s %-10s %-30s %s\n", row[0], row[1], row[2], row[3], recipient(db, p, row, 4, 8), row[5]);
		if (*row[7])
			printf("       attempt %s: %s\n", row[6], row[7]);
	}
	printf("%zu message(s)%s\n", r.nrows, r.nrows == 200 && !ctl_flag(ctx, "--all") ? " (the latest 200; --all for every one)" : "");
	return 0;
}

static int show(struct db *db, struct pool *p, const char *id_s)
{
	long long id;
	if (id_s == NULL || !parse_int(id_s, 1, 1LL << 62, &id)) {
		fputs("xxgkctl outbox show: which message? (a number from the list)\n", stderr);
		return 2;
	}
	struct db_result r;
	enum xerr e = db_query(db, p, &r,
	                       "SELECT o.id, COALESCE(s.site_key, '-'), o.to_addr, o.status, "
	                       "DATE_FORMAT(o.created_at, '%Y-%m-%d %H:%i:%s'), o.subject, o.body, o.attempts, o.last_error, "
	                       "COALESCE(DATE_FORMAT(o.sent_at, '%Y-%m-%d %H:%i:%s'), ''), o.to_addr, o.pii_key, COALESCE(o.site_id, 0), "
	                       "COALESCE(o.request_id, 0) FROM outbox o "
	                       "LEFT JOIN sites s ON s.id = o.site_id WHERE o.id = ?",
	                       "i", id);
	if (e != XE_OK || r.nrows == 0) {
		fprintf(stderr, "xxgkctl outbox: no message %lld\n", id);
		return 1;
	}
	char **row = r.rows[0];
	printf("id: %s\nsite: %s\nto: %s\nstatus: %s\ncreated: %s\n", row[0], row[1], recipient(db, p, row, 10, 11), row[3],
	       row[4]);
	if (*row[9])
		printf("sent: %s\n", row[9]);
	if (*row[8])
		printf("attempts: %s\nlast error: %s\n", row[7], row[8]);
	printf("subject: %s\n\n%s", row[5], row[6]);
	return 0;
}

static int send_cmd(struct ctl *ctx, struct db *db, struct pool *p, const char *id_s)
{
	long long id = 0;
	if (id_s != NULL && !parse_int(id_s, 1, 1LL << 62, &id)) {
		fputs("xxgkctl outbox send: ID is a message number\n", stderr);
		return 2;
	}
	int sent = mail_deliver(db, &ctx->app.cfg, p, id, id > 0, 1000, stdout);
	if (sent < 0) {
		fprintf(stderr, "xxgkctl outbox: %s\n", db_error(db));
		return 1;
	}
	printf("%d message(s) sent\n", sent);
	return id > 0 && sent == 0 ? 1 : 0;
}

int ctl_outbox(struct ctl *ctx)
{
	if (ctl_wants_help(ctx, "usage: xxgkctl outbox [--site SITE] [--all]\n"
	                        "       xxgkctl outbox show ID\n"
	                        "       xxgkctl outbox send [ID]\n"
	                        "Mail to applicants. Without a subcommand: lists the latest 200 messages (--all: every\n"
	                        "one), oldest first, with their status: held ([mail] mode = outbox keeps them for staff\n"
	                        "to read), queued, sending, sent or failed. show ID prints one message in full.\n"
	                        "send delivers the queued messages through the relay ([mail] smtp_host, smtp_port);\n"
	                        "run it from a timer to retry what failed. send ID delivers that message whatever its\n"
	                        "status (a resend, or a held message once the relay is configured).\n"))
		return 0;
	struct db *db = ctl_db(ctx);
	if (db == NULL)
		return 1;
	struct pool *p = pool_new();
	const char *sub = ctl_arg(ctx, 0);
	int rc;
	if (sub == NULL)
		rc = list(ctx, db, p);
	else if (strcmp(sub, "show") == 0)
		rc = show(db, p, ctl_arg(ctx, 1));
	else if (strcmp(sub, "send") == 0)
		rc = send_cmd(ctx, db, p, ctl_arg(ctx, 1));
	else {
		fprintf(stderr, "xxgkctl outbox: unknown subcommand %s (xxgkctl outbox --help)\n", sub);
		rc = 2;
	}
	pool_free(p);
	return rc;
}
