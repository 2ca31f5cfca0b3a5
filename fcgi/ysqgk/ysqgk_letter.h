/* The letters (告知书) a body sends about a request, from the install's templates (xslt/letters.xml):
 * to the applicant (correction, extension, fee, Art. 35, every reply), to a third party (the
 * consultation, the Art. 32 decision) or to another administrative body (its consultation). A letter is the text (the template filled in, or the
 * staff's own), then what no edit removes: the remedies naming the signing body's review body
 * and court, its signature line and the date of the step. */
#ifndef XXGK_YSQGK_LETTER_H
#define XXGK_YSQGK_LETTER_H
#include "core/request.h"

/* What a letter names besides the request's own fields and its signing body's. */
struct ysqgk_letter_args {
	const char *template;                        /* a step's letter; NULL: the reply's, by its reason */
	const char *outcome, *reason_code, *variant; /* the reply's reason (letters.xml <reason>) */
	int32_t on;                                  /* the step's date, the letter's date */
	int days;                                    /* correction period, extension */
	int32_t until, notice_on, asked_on, consulted_on; /* 0: none */
	bool until_provisional; /* until is counted in working days into a year whose arrangement is not published */
	long long amount;                            /* fee in yuan */
	const char *method;                          /* how the fee is counted, as a phrase */
	/* What the staff wrote for the addressee; NULL leaves the template's placeholder. */
	const char *what, *reasons, *where, *right_body, *regime, *third_party;
	const char *other_body, *question; /* the body consulted, and what it is asked */
	const char *text;                            /* the staff's own text instead of the template's */
};

struct ysqgk_letter {
	const char *template, *title;
	const char *text;      /* what staff may edit: the template filled in, or their own */
	const char *remedies;  /* NULL for a letter without (the consultation) */
	const char *signature; /* the signing body's signature line */
	int32_t on;
	long long body_id;
	const char *addressee; /* letters.xml's to: applicant, third-party or other-body */
	bool to_applicant;
	const char *to_name;   /* the applicant, the third party or the other body */
	const char *full;      /* text, remedies, signature and date: as sent, mailed and shown */
};

/* The letter for request id of req->site. XE_CONFLICT with *message when the request has no body
 * to sign it (none assigned, and the site has no receiving body); XE_BAD_REQUEST with *message
 * for a reply reason letters.xml does not have; XE_INTERNAL when a template is missing. */
enum xerr ysqgk_letter_make(struct request *req, long long id, const struct ysqgk_letter_args *args,
                            struct ysqgk_letter *out, const char **message);

/* The first placeholder left in text — "（请填写…）" or "{…}" — or NULL. */
const char *ysqgk_letter_placeholder(struct pool *p, const char *text);
/* The template's key a placeholder ysqgk_letter_placeholder() found stands for ("what" for
 * "（请填写需要补正的事项）", "foo" for "{foo}"), or NULL for one the templates do not fill. */
const char *ysqgk_letter_placeholder_key(struct pool *p, const char *placeholder);

/* The reasons a reply may give, in letters.xml's order. */
struct ysqgk_reply_reason {
	const char *outcome, *code, *variant, *label;
};
size_t ysqgk_reply_reasons(const struct app *app, struct pool *p, struct ysqgk_reply_reason **out);

/* A date as letters write it: 2025年3月4日. */
const char *ysqgk_date_cn(struct pool *p, int32_t day);

#endif
