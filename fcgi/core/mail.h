/* Mail to applicants. Messages are written to the outbox table inside the transaction of the
 * step they report, so a mail is never announced for a step that was rolled back.
 *   [mail] mode = outbox  kept in the outbox ('held') for staff to read: the demo and the tests;
 *   [mail] mode = smtp    queued, then delivered through the configured relay right after the
 *                         commit (send_immediately = yes) and by `xxgkctl outbox send` (a timer
 *                         retries what failed; a message fails for good after 5 attempts).
 * The SMTP client is a small one over a TCP socket: EHLO, MAIL, RCPT, DATA, QUIT; UTF-8 text in
 * base64 with RFC 2047 headers. No TLS and no AUTH: the relay is the site's own, on its network. */
#ifndef XXGK_MAIL_H
#define XXGK_MAIL_H
#include "core/buf.h"
#include "core/db.h"
#include "core/settings.h"
#include <stdbool.h>
#include <stdio.h>
#include <time.h>

struct mail_settings {
	bool smtp;              /* mode = smtp */
	bool send_immediately;
	const char *host, *helo, *from, *from_name;
	char port[8];
	int timeout;            /* seconds, per connect and per reply */
};
void mail_settings(const struct settings *cfg, struct mail_settings *out);

/* The recipient is stored sealed (core/seal.h) with the data key's id in outbox.pii_key, and opened
 * only to be sent or shown to the operator: sealed text (NULL on failure), and the address again
 * (NULL when it does not open; pii_key "0": stored in clear, before migration 045). */
struct keyring;
const char *mail_seal_to(struct pool *p, const struct keyring *k, long long site_id, long long request_id,
                         const char *to);
const char *mail_open_to(struct pool *p, const struct keyring *k, const char *pii_key, long long site_id,
                         long long request_id, const char *stored);
/* Queues a message in the caller's transaction. to must be a checked address. */
enum xerr mail_queue(struct db *db, const struct settings *cfg, long long site_id, long long request_id, const char *to,
                     const char *subject, const char *body, long long *id_out);
/* Delivers queued messages through the relay: only_id (0: every queued message, oldest first,
 * at most max). force: also a held, failed or sent message (only with only_id: a resend).
 * Returns how many were sent, -1 on a database error; progress lines to log when not NULL. */
int mail_deliver(struct db *db, const struct settings *cfg, struct pool *p, long long only_id, bool force, int max,
                 FILE *log);
/* The web side after a commit: delivers message id now when mode = smtp and send_immediately. */
void mail_after_commit(struct db *db, const struct settings *cfg, struct pool *p, long long id);

/* Connects to the relay, reads its greeting and says EHLO and QUIT (xxgkctl doctor); false with
 * the reason in err. */
bool smtp_probe(const struct mail_settings *s, char *err, size_t errlen);
/* One message through the relay; false with the reason in err. */
bool smtp_send(const struct mail_settings *s, const char *to, const char *subject, const char *body,
               const char *message_id, char *err, size_t errlen);
/* The message as sent (RFC 5322 headers, base64 UTF-8 body, CRLF lines, dot-stuffed). */
void mail_format(struct buf *out, const char *from, const char *from_name, const char *to, const char *subject,
                 const char *body, const char *message_id, time_t when);

#endif
