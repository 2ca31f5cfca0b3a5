/* Mail to applicants: the outbox and a small SMTP client (see mail.h). */
#include "core/mail.h"
#include "core/crypto.h"
#include "core/parse.h"
#include "core/seal.h"
#include "core/text.h"
#include <errno.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#define MAX_ATTEMPTS 5

void mail_settings(const struct settings *cfg, struct mail_settings *out)
{
	out->smtp = cfg->mail.mode == MAIL_SMTP;
	out->send_immediately = cfg->mail.send_immediately;
	out->host = cfg->mail.smtp_host;
	snprintf(out->port, sizeof out->port, "%lld", cfg->mail.smtp_port);
	out->helo = cfg->mail.helo;
	out->from = cfg->mail.from;
	out->from_name = cfg->mail.from_name;
	out->timeout = (int)cfg->mail.timeout_seconds;
}

static const char *to_aad(struct pool *p, long long site_id, long long request_id)
{
	return pool_printf(p, "outbox|to_addr|%lld|%lld", site_id, request_id);
}

const char *mail_seal_to(struct pool *p, const struct keyring *k, long long site_id, long long request_id,
                         const char *to)
{
	return k ? seal_text(p, keyring_current(k), to_aad(p, site_id, request_id), to) : NULL;
}

const char *mail_open_to(struct pool *p, const struct keyring *k, const char *pii_key, long long site_id,
                         long long request_id, const char *stored)
{
	unsigned id = pii_key ? (unsigned)strtoul(pii_key, NULL, 10) : 0;
	if (id == 0)
		return stored;
	if (k == NULL)
		return NULL;
	struct keyring spare;
	const struct data_key *key = keyring_find(k, id);
	const struct keyring *now = key == NULL ? keyring_fresh(k, &spare) : NULL;
	if (now != NULL)
		key = keyring_find(now, id);
	const char *r = seal_open(p, key, to_aad(p, site_id, request_id), stored);
	if (now != NULL)
		keyring_wipe(&spare);
	return r;
}

enum xerr mail_queue(struct db *db, const struct settings *cfg, long long site_id, long long request_id, const char *to,
                     const char *subject, const char *body, long long *id_out)
{
	struct mail_settings ms;
	mail_settings(cfg, &ms);
	if (to == NULL || !value_is_email(to))
		return XE_BAD_REQUEST;
	/* Sealed under the key the file has now: a rotation may be under way. */
	struct keyring spare;
	const struct keyring *k = db_keyring(db) ? keyring_fresh(db_keyring(db), &spare) : NULL;
	struct pool *p = pool_new();
	const char *sealed = mail_seal_to(p, k, site_id, request_id, to);
	enum xerr e = sealed == NULL ? XE_UNAVAILABLE
	                             : db_exec(db,
	                                       "INSERT INTO outbox (site_id, request_id, to_addr, pii_key, subject, body, status) "
	                                       "VALUES (NULLIF(?, 0), NULLIF(?, 0), ?, ?, ?, ?, ?)",
	                                       "iisisss", site_id, request_id, sealed, (long long)keyring_current(k)->id,
	                                       subject, body, ms.smtp ? "queued" : "held");
	if (e == XE_OK && id_out != NULL)
		*id_out = (long long)db_insert_id(db);
	pool_free(p);
	if (k == &spare)
		keyring_wipe(&spare);
	return e;
}

/* ---- message format ---- */

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void base64(struct buf *out, const unsigned char *in, size_t n)
{
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)in[i] << 16;
		if (i + 1 < n)
			v |= (unsigned)in[i + 1] << 8;
		if (i + 2 < n)
			v |= in[i + 2];
		buf_putc(out, b64[(v >> 18) & 63]);
		buf_putc(out, b64[(v >> 12) & 63]);
		buf_putc(out, i + 1 < n ? b64[(v >> 6) & 63] : '=');
		buf_putc(out, i + 2 < n ? b64[v & 63] : '=');
	}
}

/* RFC 2047 encoded words, each at most 75 characters, folded onto continuation lines. Words
 * break only between UTF-8 sequences. */
static void encoded_words(struct buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	bool first = true;
	while (*p) {
		size_t take = 0;
		while (p[take]) {
			size_t n = utf8_seq_len(p + take);
			if (n == 0)
				n = 1;
			if (take + n > 42)
				break;
			take += n;
		}
		if (take == 0)
			take = 1;
		if (!first)
			buf_puts(out, "\r\n ");
		buf_puts(out, "=?UTF-8?B?");
		base64(out, p, take);
		buf_puts(out, "?=");
		p += take;
		first = false;
	}
}

static bool header_safe(const char *s)
{
	return s != NULL && strpbrk(s, "\r\n") == NULL;
}

void mail_format(struct buf *out, const char *from, const char *from_name, const char *to, const char *subject,
                 const char *body, const char *message_id, time_t when)
{
	struct tm tm;
	localtime_r(&when, &tm);
	char date[64];
	/* RFC 5322 date in English whatever the locale. */
	static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	long off = tm.tm_gmtoff / 60;
	snprintf(date, sizeof date, "%s, %02d %s %04d %02d:%02d:%02d %c%02ld%02ld", days[tm.tm_wday % 7], tm.tm_mday,
	         months[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec, off < 0 ? '-' : '+',
	         labs(off) / 60, labs(off) % 60);
	buf_printf(out, "Date: %s\r\n", date);
	buf_puts(out, "From: ");
	if (from_name != NULL && *from_name) {
		encoded_words(out, from_name);
		buf_putc(out, ' ');
	}
	buf_printf(out, "<%s>\r\nTo: <%s>\r\nSubject: ", from, to);
	encoded_words(out, subject);
	buf_printf(out, "\r\nMessage-ID: <%s>\r\n", message_id);
	buf_puts(out, "MIME-Version: 1.0\r\n"
	              "Content-Type: text/plain; charset=UTF-8\r\n"
	              "Content-Transfer-Encoding: base64\r\n"
	              "Auto-Submitted: auto-generated\r\n\r\n");
	/* The body in canonical form (CRLF lines), then base64 in lines of 76. */
	struct buf text, enc;
	buf_init(&text);
	buf_init(&enc);
	for (const char *c = body; *c; c++) {
		if (*c == '\r')
			continue;
		if (*c == '\n')
			buf_putc(&text, '\r');
		buf_putc(&text, *c);
	}
	base64(&enc, (const unsigned char *)text.data, text.len);
	for (size_t i = 0; i < enc.len; i += 76) {
		buf_put(out, enc.data + i, enc.len - i < 76 ? enc.len - i : 76);
		buf_puts(out, "\r\n");
	}
	buf_free(&text);
	buf_free(&enc);
}

/* ---- the SMTP client ---- */

struct smtp_conn {
	int fd;
	char in[4096];
	size_t len;
};

static bool send_all(int fd, const char *data, size_t n)
{
	while (n > 0) {
		ssize_t w = send(fd, data, n, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		data += w;
		n -= (size_t)w;
	}
	return true;
}

/* One line (without CRLF) into line; false on a closed connection or a timeout. */
static bool read_line(struct smtp_conn *c, char *line, size_t cap)
{
	for (;;) {
		char *nl = memchr(c->in, '\n', c->len);
		if (nl != NULL) {
			size_t n = (size_t)(nl - c->in);
			size_t copy = n < cap - 1 ? n : cap - 1;
			memcpy(line, c->in, copy);
			if (copy > 0 && line[copy - 1] == '\r')
				copy--;
			line[copy] = '\0';
			memmove(c->in, nl + 1, c->len - n - 1);
			c->len -= n + 1;
			return true;
		}
		if (c->len == sizeof c->in)
			c->len = 0; /* an absurdly long line: drop what we have */
		ssize_t r = recv(c->fd, c->in + c->len, sizeof c->in - c->len, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		c->len += (size_t)r;
	}
}

/* Reads a (possibly multi-line) reply; its code in *code, its last line in text. */
static bool read_reply(struct smtp_conn *c, int *code, char *text, size_t cap)
{
	char line[1024];
	for (;;) {
		if (!read_line(c, line, sizeof line))
			return false;
		long long v;
		size_t n = strlen(line);
		char num[4] = "";
		if (n >= 3)
			memcpy(num, line, 3);
		if (n < 3 || !parse_int(num, 100, 599, &v))
			return false;
		if (n == 3 || line[3] != '-') {
			*code = (int)v;
			/* the reply text, cut to what the caller keeps */
			size_t keep = n < cap ? n : cap - 1;
			memcpy(text, line, keep);
			text[keep] = '\0';
			return true;
		}
	}
}

/* Sends a command (NULL: none, just read the reply) and expects a reply code class. */
static bool step(struct smtp_conn *c, const char *cmd, int expect, const char *what, char *err, size_t errlen)
{
	if (cmd != NULL && (!send_all(c->fd, cmd, strlen(cmd)) || !send_all(c->fd, "\r\n", 2))) {
		snprintf(err, errlen, "%s: connection lost", what);
		return false;
	}
	int code;
	char text[512];
	if (!read_reply(c, &code, text, sizeof text)) {
		snprintf(err, errlen, "%s: no reply from the relay", what);
		return false;
	}
	if (code / 100 != expect / 100) {
		snprintf(err, errlen, "%s: %.400s", what, text);
		return false;
	}
	return true;
}

static int connect_to(const struct mail_settings *s, char *err, size_t errlen)
{
	struct addrinfo hints, *res = NULL;
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	int rc = getaddrinfo(s->host, s->port, &hints, &res);
	if (rc != 0) {
		snprintf(err, errlen, "cannot resolve %s: %s", s->host, gai_strerror(rc));
		return -1;
	}
	int fd = -1;
	for (struct addrinfo *a = res; a != NULL && fd < 0; a = a->ai_next) {
		fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
		if (fd < 0)
			continue;
		/* On Linux the send timeout also bounds connect(). */
		struct timeval tv = {.tv_sec = s->timeout, .tv_usec = 0};
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
		setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
		if (connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
			snprintf(err, errlen, "cannot connect to %s:%s: %s", s->host, s->port, strerror(errno));
			close(fd);
			fd = -1;
		}
	}
	freeaddrinfo(res);
	return fd;
}

bool smtp_send(const struct mail_settings *s, const char *to, const char *subject, const char *body,
               const char *message_id, char *err, size_t errlen)
{
	/* The sender may be a local name (xxgk@localhost); it only has to be one safe address. */
	bool from_ok = header_safe(s->from) && strchr(s->from, '@') != NULL && strpbrk(s->from, "<> \t\"") == NULL;
	if (!value_is_email(to) || !from_ok || !header_safe(s->helo) || !header_safe(message_id)) {
		snprintf(err, errlen, "bad address, HELO name or message id");
		return false;
	}
	struct smtp_conn *c = calloc(1, sizeof *c);
	if (c == NULL) {
		snprintf(err, errlen, "out of memory");
		return false;
	}
	c->fd = connect_to(s, err, errlen);
	bool ok = c->fd >= 0;
	struct buf cmd, msg;
	buf_init(&cmd);
	buf_init(&msg);
	if (ok)
		ok = step(c, NULL, 220, "greeting", err, errlen);
	if (ok) {
		buf_printf(&cmd, "EHLO %s", s->helo);
		ok = step(c, buf_cstr(&cmd), 250, "EHLO", err, errlen);
	}
	if (ok) {
		cmd.len = 0;
		buf_printf(&cmd, "MAIL FROM:<%s>", s->from);
		ok = step(c, buf_cstr(&cmd), 250, "MAIL FROM", err, errlen);
	}
	if (ok) {
		cmd.len = 0;
		buf_printf(&cmd, "RCPT TO:<%s>", to);
		ok = step(c, buf_cstr(&cmd), 250, "RCPT TO", err, errlen);
	}
	if (ok)
		ok = step(c, "DATA", 354, "DATA", err, errlen);
	if (ok) {
		mail_format(&msg, s->from, s->from_name, to, subject, body, message_id, time(NULL));
		/* Dot-stuffing: a line that starts with '.' gets another one. */
		struct buf wire;
		buf_init(&wire);
		bool line_start = true;
		for (size_t i = 0; i < msg.len; i++) {
			if (line_start && msg.data[i] == '.')
				buf_putc(&wire, '.');
			buf_putc(&wire, msg.data[i]);
			line_start = msg.data[i] == '\n';
		}
		buf_puts(&wire, ".\r\n");
		ok = send_all(c->fd, wire.data, wire.len);
		buf_free(&wire);
		if (!ok)
			snprintf(err, errlen, "message: connection lost");
		else
			ok = step(c, NULL, 250, "end of data", err, errlen);
	}
	if (c->fd >= 0) {
		if (ok) {
			char quit_err[64];
			step(c, "QUIT", 221, "QUIT", quit_err, sizeof quit_err); /* the message is accepted already */
		}
		close(c->fd);
	}
	buf_free(&cmd);
	buf_free(&msg);
	free(c);
	return ok;
}

bool smtp_probe(const struct mail_settings *s, char *err, size_t errlen)
{
	struct smtp_conn *c = calloc(1, sizeof *c);
	if (c == NULL) {
		snprintf(err, errlen, "out of memory");
		return false;
	}
	c->fd = connect_to(s, err, errlen);
	bool ok = c->fd >= 0 && step(c, NULL, 220, "greeting", err, errlen);
	if (ok) {
		struct buf cmd;
		buf_init(&cmd);
		buf_printf(&cmd, "EHLO %s", header_safe(s->helo) ? s->helo : "localhost");
		ok = step(c, buf_cstr(&cmd), 250, "EHLO", err, errlen);
		buf_free(&cmd);
	}
	if (c->fd >= 0) {
		char quit_err[64];
		if (ok)
			step(c, "QUIT", 221, "QUIT", quit_err, sizeof quit_err);
		close(c->fd);
	}
	free(c);
	return ok;
}

/* ---- delivery from the outbox ---- */

static bool deliver_one(struct db *db, const struct mail_settings *ms, struct pool *p, long long id, bool force,
                        FILE *log)
{
	enum xerr e = db_exec(db,
	                      "UPDATE outbox SET status = 'sending', attempts = attempts + 1, claimed_at = NOW() "
	                      "WHERE id = ? AND (status = 'queued' OR (? = 1 AND status <> 'sending'))",
	                      "ii", id, (long long)force);
	if (e != XE_OK || db_affected(db) != 1)
		return false; /* another worker has it, or it is not ours to send */
	struct db_result r;
	e = db_query(db, p, &r,
	             "SELECT o.to_addr, o.subject, o.body, o.attempts, COALESCE(s.name, ''), o.pii_key, "
	             "COALESCE(o.site_id, 0), COALESCE(o.request_id, 0) FROM outbox o "
	             "LEFT JOIN sites s ON s.id = o.site_id WHERE o.id = ?",
	             "i", id);
	if (e != XE_OK || r.nrows == 0)
		return false;
	char **row = r.rows[0];
	/* The address in clear only now, for the relay. */
	row[0] = (char *)mail_open_to(p, db_keyring(db), row[5], strtoll(row[6], NULL, 10), strtoll(row[7], NULL, 10),
	                              row[0]);
	if (row[0] == NULL)
		row[0] = ""; /* refused as a bad address below, and recorded so */
	struct mail_settings s = *ms;
	if (*row[4])
		s.from_name = row[4];
	char rnd[17], err[512] = "";
	if (!random_hex(rnd, 8))
		snprintf(rnd, sizeof rnd, "0");
	const char *mid = pool_printf(p, "outbox-%lld.%s@%s", id, rnd, s.helo);
	bool sent = smtp_send(&s, row[0], row[1], row[2], mid, err, sizeof err);
	if (sent)
		e = db_exec(db, "UPDATE outbox SET status = 'sent', sent_at = NOW(), last_error = '' WHERE id = ?", "i", id);
	else
		e = db_exec(db, "UPDATE outbox SET status = IF(attempts >= ?, 'failed', 'queued'), last_error = ? WHERE id = ?",
		            "isi", (long long)MAX_ATTEMPTS, err, id);
	if (log != NULL)
		fprintf(log, "outbox %lld: %s%s\n", id, sent ? "sent" : "not sent: ", sent ? "" : err);
	return sent && e == XE_OK;
}

int mail_deliver(struct db *db, const struct settings *cfg, struct pool *p, long long only_id, bool force, int max,
                 FILE *log)
{
	struct mail_settings ms;
	mail_settings(cfg, &ms);
	/* A worker that died mid-delivery left its message claimed: give it back after a while. */
	if (db_exec(db, "UPDATE outbox SET status = 'queued' WHERE status = 'sending' "
	                "AND claimed_at < NOW() - INTERVAL 15 MINUTE", "") != XE_OK)
		return -1;
	struct db_result r;
	enum xerr e;
	if (only_id > 0)
		e = db_query(db, p, &r, "SELECT id FROM outbox WHERE id = ?", "i", only_id);
	else
		e = db_query(db, p, &r, "SELECT id FROM outbox WHERE status = 'queued' ORDER BY id LIMIT ?", "i",
		             (long long)max);
	if (e != XE_OK)
		return -1;
	int sent = 0;
	for (size_t i = 0; i < r.nrows; i++)
		if (deliver_one(db, &ms, p, strtoll(r.rows[i][0], NULL, 10), force && only_id > 0, log))
			sent++;
	return sent;
}

void mail_after_commit(struct db *db, const struct settings *cfg, struct pool *p, long long id)
{
	struct mail_settings ms;
	mail_settings(cfg, &ms);
	if (id > 0 && ms.smtp && ms.send_immediately)
		mail_deliver(db, cfg, p, id, false, 1, NULL);
}
