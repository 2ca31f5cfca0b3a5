/* The filing's fields and their rules (Art. 29), shared by the web form, the JSON API and the
 * staff's registration of requests that came on paper: each field by its declared type, then the
 * rules between fields (what a person or an organisation must give, identity numbers and credit
 * codes by their check characters, what the chosen delivery needs), then the attachments. */
#ifndef XXGK_YSQGK_RULES_H
#define XXGK_YSQGK_RULES_H
#include "core/parse.h"
#include "core/request.h"
#include "ysqgk/ysqgk.h"
#include "ysqgk/ysqgk_upload.h"

/* The fields of the form and the API, in form order. */
enum ysqgk_field {
	YF_TYPE,
	YF_ORG_KIND,
	YF_NAME,
	YF_ORG_CODE,
	YF_LEGAL_REP,
	YF_CONTACT,
	YF_ID_TYPE,
	YF_ID_NUMBER,
	YF_PHONE,
	YF_EMAIL,
	YF_ADDRESS,
	YF_POSTCODE,
	YF_DESCRIPTION,
	YF_DOC_NUMBER,
	YF_FORM,
	YF_DELIVERY,
	YF__N
};
extern const struct field_spec ysqgk_fields[YF__N];

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

struct ysqgk_error {
	const char *field, *label, *message; /* message: a whole Chinese sentence part, e.g. "必须填写" */
	enum xerr status;                    /* XE_BAD_REQUEST, or XE_TOO_LARGE / XE_UNSUPPORTED for files */
};

/* Validates form (fields and the uploads) into *in. Writes up to max errors, in form order, and
 * returns how many there were (0: valid). The API reports the first, the web form all. */
size_t ysqgk_validate(struct request *req, const struct form *form, struct ysqgk_in *in, struct ysqgk_error *errs,
                      size_t max);
/* Single-value rules, exposed for the unit tests. */
bool ysqgk_resident_id_valid(const char *s); /* 18 characters, birth date, ISO 7064 MOD 11-2 check */
bool ysqgk_uscc_valid(const char *s);        /* 统一社会信用代码, GB 32100-2015 check character */

#endif
