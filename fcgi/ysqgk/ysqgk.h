/* Disclosure on request (依申请公开), the logic shared by the public form, the JSON API and the
 * staff side: the fields and their rules (Art. 29), filing in one transaction (request, timeline,
 * attachments, reply deadline, per-applicant monthly count, audit, mail), lookup by tracking
 * number and query code in constant time, the applicant's view of a request, the abuse limits
 * (signed form time, per-address throttles kept in the database), and masking of personal
 * information for staff lists. Schema: sql/005_requests.sql. */
#ifndef XXGK_YSQGK_H
#define XXGK_YSQGK_H
#include "core/parse.h"
#include "core/request.h"
#include <libxml/tree.h>

/* Codes with their Chinese labels (parallel, NULL-terminated). The codes are what the database
 * and the JSON API use; the labels are what people read. */
struct ysqgk_choices {
	const char *name;
	const char *const *codes, *const *labels;
};
extern const struct ysqgk_choices ysqgk_applicant_types, ysqgk_org_kinds, ysqgk_id_types, ysqgk_forms,
    ysqgk_deliveries, ysqgk_channels, ysqgk_statuses, ysqgk_outcomes, ysqgk_event_kinds;
/* The label of code, or NULL for a code not in the list. */
const char *ysqgk_label(const struct ysqgk_choices *c, const char *code);

/* [ysqgk] settings, with defaults a real site can live with. */
struct ysqgk_config {
	long long min_fill_seconds;  /* min_fill_seconds = 3: the web form is refused sooner than this */
	long long form_max_hours;    /* form_max_hours = 24: a form page older than this is reissued */
	long long file_limit;        /* file_limit = 10 filings per address ... */
	long long file_window;       /* file_window = 3600 seconds */
	long long query_limit;       /* query_limit = 60 lookups per address ... */
	long long query_window;      /* query_window = 600 seconds */
	long long attachments_max;   /* attachments_max = 5 */
	long long attachment_max;    /* attachment_max = 10485760 bytes each */
	const char *trusted_proxies; /* addresses whose X-Forwarded-For is believed (space or comma separated) */
	const char *exempt;          /* addresses never throttled (a service hall's own terminals) */
};
void ysqgk_config(const struct app *app, struct ysqgk_config *out);

#define YSQGK_MAX_FILES 20

struct ysqgk_attachment {
	const char *filename, *mime;
	const unsigned char *data;
	size_t len;
};

/* A request as filed. The fields are the API's names; the caller sets channel and received_on. */
struct ysqgk_in {
	const char *applicant_type, *org_kind, *name, *org_code, *legal_rep, *contact, *id_type, *id_number, *phone,
	    *email, *address, *postcode, *description, *doc_number, *form, *delivery;
	struct ysqgk_attachment files[YSQGK_MAX_FILES];
	size_t nfiles;
	const char *channel;     /* online, in-person, registered-post, ordinary-post, fax, email */
	int32_t received_on;     /* the receipt date the rules give the channel */
	const char *form_nonce;  /* the web form's one-time nonce, or NULL */
};

/* The field names of the form and the API, in form order, NULL-terminated. */
extern const char *const ysqgk_field_names[];

struct ysqgk_error {
	const char *field, *label, *message; /* message: a whole Chinese sentence part, e.g. "必须填写" */
	enum xerr status;                    /* XE_BAD_REQUEST, or XE_TOO_LARGE / XE_UNSUPPORTED for files */
};

/* Parses the body of a filing (urlencoded or multipart) with the filing's own limits, so that
 * too many or too large attachments, and a part the parser refused with its field named
 * (form->refused_field), come back from ysqgk_validate as field errors with what was typed kept.
 * On failure returns the error and a Chinese message for it. */
enum xerr ysqgk_parse_body(struct request *req, struct form *out, const char **message);
/* "10 MB", "200 KB" */
const char *ysqgk_size_text(struct pool *p, long long bytes);

/* Validates form (fields and the uploads) into *in. Writes up to max errors, in form order, and
 * returns how many there were (0: valid). The API reports the first, the web form all. */
size_t ysqgk_validate(struct request *req, const struct form *form, struct ysqgk_in *in, struct ysqgk_error *errs,
                      size_t max);
/* Single-value rules, exposed for the unit tests. */
bool ysqgk_resident_id_valid(const char *s); /* 18 characters, birth date, ISO 7064 MOD 11-2 check */
bool ysqgk_uscc_valid(const char *s);        /* 统一社会信用代码, GB 32100-2015 check character */
/* The content type decided from the bytes (ZIP containers by their member names), or NULL. */
const char *ysqgk_sniff(const unsigned char *data, size_t len);

struct ysqgk_receipt {
	long long id;
	const char *tracking_no;
	const char *query_code; /* shown once; never stored */
	int32_t received_on, due_on;
	bool provisional;
	long long month_seq;    /* the applicant's n-th request in the month of receipt */
	long long mail_id;      /* the receipt mail in the outbox, 0 without an email address */
};

/* Files a validated request: tracking number, query code (stored hashed), the row, its first
 * timeline step, attachments, the reply deadline (20 working days, deadline_store), the monthly
 * count, the audit entry "request.file" and the receipt mail. The caller owns the transaction:
 * db_begin before, db_commit after, then mail_deliver for out->mail_id. A duplicate form nonce
 * answers XE_CONFLICT. */
enum xerr ysqgk_file(struct request *req, const struct ysqgk_in *in, struct ysqgk_receipt *out);

/* Normalises a tracking number as typed (trim, upper case); NULL when it cannot be one. */
const char *ysqgk_normalize_tracking(struct pool *p, const char *s);
/* Finds the request of this site by tracking number and query code. The same work is done and
 * *id = 0 whether the number is unknown or the code wrong. */
enum xerr ysqgk_lookup(struct request *req, const char *tracking_no, const char *query_code, long long *id);
/* A new query code "XXXX-XXXX-XXXX" (60 random bits), and its hash with a salt. */
bool ysqgk_new_code(char out[15]);
void ysqgk_code_hash(const char *salt, const char *code, char out[65]);

/* What the applicant sees (status, dates, visible steps, outcome, visible documents with signed
 * download links): as <request> under parent, or as a JSON object. Never personal information. */
enum xerr ysqgk_view_xml(struct request *req, long long id, xmlNodePtr parent);
enum xerr ysqgk_view_json(struct request *req, long long id, struct buf *out);
/* The 回执 as <receipt> under parent; query_code NULL when it is not shown again. */
enum xerr ysqgk_receipt_xml(struct request *req, long long id, const char *query_code, xmlNodePtr parent);

/* Abuse limits. The client's address (X-Forwarded-For only from a trusted proxy). */
const char *ysqgk_client_addr(struct request *req);
/* Counts a hit for the client's address in bucket and sets *over when the window's count passes
 * limit. Inside a transaction the count is undone by a rollback. Exempt addresses never are over. */
enum xerr ysqgk_throttle(struct request *req, const char *bucket, long long limit, long long window, bool *over);

/* The web form's signed issue time: "MS.NONCE.HMAC" with a per-install secret. */
enum xerr ysqgk_form_token(struct request *req, const char **token);
enum token_state { TOKEN_OK, TOKEN_BAD, TOKEN_TOO_FAST, TOKEN_EXPIRED };
enum xerr ysqgk_check_token(struct request *req, const char *token, enum token_state *state, const char **nonce);
/* Checks the signature and expiry of a document link (the views sign them for two hours). */
enum xerr ysqgk_doc_check(struct request *req, long long doc_id, const char *t, bool *valid);

/* Masks for staff lists: 5301**********123X, 138****5678, 云南省临沧市****, z***@example.com. */
const char *ysqgk_mask_id(struct pool *p, const char *s);
const char *ysqgk_mask_phone(struct pool *p, const char *s);
const char *ysqgk_mask_address(struct pool *p, const char *s);
const char *ysqgk_mask_email(struct pool *p, const char *s);

/* Mails the applicant about a step (a status code, or "filed"/"registered"), with an optional
 * note, in the caller's transaction; nothing when the request has no email address. *mail_id
 * (may be NULL) gets the outbox row, 0 when none. */
enum xerr ysqgk_notify(struct request *req, long long id, const char *step, const char *note, long long *mail_id);

#endif
