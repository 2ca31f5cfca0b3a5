/* The request queue's query, shared by its page (admin_ysqgk_queue.c), its exports
 * (admin_queue_export.c) and the batch assignment (admin_queue_batch.c): the declared filters, the
 * requests the user may see that match them, each with its due-date flag. */
#ifndef XXGK_ADMIN_QUEUE_H
#define XXGK_ADMIN_QUEUE_H
#include "core/parse.h"
#include "core/request.h"
#include <libxml/tree.h>

/* The filters, as the queue's query string names them. q is searched in the tracking number,
 * the applicant's name and the description (the name is stored in clear; the identity number,
 * phone, e-mail and address are sealed and not searched). */
enum queue_field {
	QF_Q, QF_BODY, QF_STATUS, QF_CHANNEL, QF_RECEIVED_FROM, QF_RECEIVED_TO, QF_DUE_FROM, QF_DUE_TO, QF_FLAG,
	QF_SCOPE, QF__N
};
extern const struct field_spec queue_fields[QF__N];

enum queue_flag { FLAG_SOON, FLAG_OVERDUE, FLAG_NONE };
extern const char *const queue_flags[];

/* The columns of a queue row. QC_REVISED: when the reply deadline was set or last moved (Unix
 * time); QC_REVISIONS: how many times the request's reply deadline was set again or moved since
 * the first (the iCal feed's DTSTAMP and SEQUENCE). */
enum queue_col {
	QC_ID, QC_TRACKING, QC_STATUS, QC_NAME, QC_TYPE, QC_CHANNEL, QC_RECEIVED, QC_DUE, QC_PROVISIONAL, QC_DUE_DAYS,
	QC_BODY, QC_PHONE, QC_ID_NUMBER, QC_DESCRIPTION, QC_CLOCK_OPEN, QC_REVISED, QC_REVISIONS
};

struct queue_item {
	char **w; /* the row, by enum queue_col */
	enum queue_flag flag;
	int days_left; /* working days to the due date, for FLAG_SOON */
};

/* Whether the row's reply period runs (not suspended for a correction, not paused, not over). */
bool queue_clock_open(char **w);
/* Parses the filters of form into v; false with *err on a bad one (an unknown status, channel
 * or body included). */
bool queue_parse(struct request *req, const struct form *form, struct field_value v[QF__N], struct field_error *err);
/* The requests the user may see (ysqgk_authz.h) that match v, open ones by due date, at most
 * limit; v NULL: every open one. */
enum xerr queue_select(struct request *req, const struct field_value *v, long long limit, struct queue_item **items,
                       size_t *n);
/* The filters as attributes of el (for the page's form and export links). */
void queue_filters_xml(xmlNodePtr el, const struct field_value v[QF__N]);
/* The raw SQL rows for the iCal feed: every open request the user may see. */
enum xerr queue_rows(struct request *req, const struct field_value *v, long long limit, struct db_result *r);
/* The bodies of the site, as <body name=".."/> children of parent (the filter and assignment lists). */
enum xerr queue_bodies_xml(struct request *req, xmlNodePtr parent);
/* The queue's page for the filters v, with extra (a batch's outcome, or NULL) added to it. */
enum xerr admin_ysqgk_queue_page(struct request *req, const struct field_value *v, xmlNodePtr extra);

#endif
