/* Disclosure on request (依申请公开): the domain's vocabulary — the codes the database and the
 * JSON API use, with the labels people read; the statuses; the outcomes with their numbered
 * reasons — and its [ysqgk] settings. The rest is in ysqgk_*.h, a file for each thing: the filing
 * form's rules (ysqgk_rules.h), uploads (ysqgk_upload.h), filing (ysqgk_file.h), lookup by
 * tracking number and query code (ysqgk_lookup.h), the applicant's view (ysqgk_view.h), signed
 * tokens and links (ysqgk_token.h), per-address throttles (ysqgk_throttle.h), masks for staff
 * lists (ysqgk_mask.h), mail to the applicant (ysqgk_mail.h), who may do what to a request
 * (ysqgk_authz.h), the workflow (ysqgk_workflow.h, its steps in ysqgk_steps*.c), letters (ysqgk_letter.h), fees (ysqgk_fees.h), notices made from
 * answers (ysqgk_proactive.h) and the annual report (ysqgk_annual_report.h).
 * Schema: sql/005_requests.sql. */
#ifndef XXGK_YSQGK_H
#define XXGK_YSQGK_H
#include "core/app.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Codes with their Chinese labels (parallel, NULL-terminated). */
struct ysqgk_choices {
	const char *name;
	const char *const *codes, *const *labels;
};
extern const struct ysqgk_choices ysqgk_applicant_types, ysqgk_org_kinds, ysqgk_id_types, ysqgk_forms,
    ysqgk_deliveries, ysqgk_channels, ysqgk_statuses, ysqgk_outcomes, ysqgk_event_kinds;
/* The code lists of the filing's choices, for its declared fields (ysqgk_rules.c). */
extern const char *const ysqgk_applicant_type_codes[], *const ysqgk_org_kind_codes[], *const ysqgk_id_type_codes[],
    *const ysqgk_form_codes[], *const ysqgk_delivery_codes[], *const ysqgk_channel_codes[], *const ysqgk_status_codes[];
/* The label of code, or NULL for a code not in the list. */
const char *ysqgk_label(const struct ysqgk_choices *c, const char *code);

/* The codes the rules decide on, as their index in the lists above (what FT_CHOICE parses to). */
enum ysqgk_applicant_type { APPLICANT_PERSON, APPLICANT_ORGANIZATION };
enum ysqgk_id_type { ID_RESIDENT }; /* the others are checked alike */
enum ysqgk_delivery { DELIVERY_POST, DELIVERY_EMAIL };

enum ysqgk_status {
	REQ_REGISTERED,
	REQ_CORRECTION_REQUESTED,
	REQ_CORRECTED,
	REQ_ABANDONED,
	REQ_IN_PROGRESS,
	REQ_CONSULTATION,
	REQ_EXTENDED,
	REQ_ANSWERED,
	REQ_CLOSED,
	REQ_WITHDRAWN,
	REQ_BODY_CONSULTATION, /* waiting for another administrative body's opinion (Art. 33 para. 3) */
	REQ__N
};
bool ysqgk_status_parse(const char *code, enum ysqgk_status *out);
/* Abandoned, answered, closed or withdrawn: no clock runs. False for an unknown code. */
bool ysqgk_status_final(const char *code);

/* The outcome types and numbered reasons of the annual report (国办公开办函〔2021〕30号). */
struct ysqgk_reason {
	const char *outcome, *code, *label;
};
extern const struct ysqgk_reason ysqgk_reasons[];
extern const size_t ysqgk_nreasons;
const char *ysqgk_reason_label(const char *outcome, const char *code);
bool ysqgk_outcome_valid(const char *outcome, const char *code);

/* The reply period of a request, by the Regulation in force on its receipt date: the 2019
 * Regulation (Art. 33, in force 2019-05-15) gives 20 working days and one extension of at most
 * 20; the 2008 one (Art. 24) gave 15 and 15. The one place that rule lives: filing, the restart
 * after a correction, the extension, the receipt and the letters all ask it. */
struct ysqgk_period {
	int reply_days, extension_max;
	bool regulation_2008; /* its letters cite the 2008 Regulation's articles, or none */
};
/* Whether a Regulation was in force on the day: the first took effect on 2008-05-01, and a
 * request received before it has no periods to count. */
bool ysqgk_in_force(int32_t received_on);
struct ysqgk_period ysqgk_period_for(int32_t received_on);

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

#endif
