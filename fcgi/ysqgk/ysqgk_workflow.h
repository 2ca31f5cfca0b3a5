/* The statutory workflow of a disclosure request, as one state machine: every step is a row of
 * the transition table in ysqgk_workflow.c (which statuses it starts from, where it goes, and its
 * own function in ysqgk_steps.c; who may take it is ysqgk_authz.h's decision), and ysqgk_workflow_apply() is the only code
 * that changes a request's status. Each step writes its timeline event, its audit entry, its
 * deadlines and its notification in one transaction. Deadlines come from the calendar module
 * (stored deadlines, recomputed when the calendar moves). */
#ifndef XXGK_YSQGK_WORKFLOW_H
#define XXGK_YSQGK_WORKFLOW_H
#include "core/parse.h"
#include "core/request.h"

enum ysqgk_action {
	ACT_ACCEPT,             /* registered/corrected -> in_progress */
	ACT_REQUEST_CORRECTION, /* registered -> correction_requested (within 7 working days of receipt) */
	ACT_CORRECTED,          /* correction_requested -> corrected: the reply clock restarts */
	ACT_ABANDON,            /* correction_requested -> abandoned, after the correction period */
	ACT_CONSULT,            /* -> consultation: the reply clock pauses; the third party has 15 days */
	ACT_CONSULT_END,        /* consultation -> back: the clock runs again */
	ACT_EXTEND,             /* -> extended: once, at most 20 working days, by an approver */
	ACT_FEE_NOTICE,         /* a fee notice: the clock pauses until payment */
	ACT_FEE_PAID,
	ACT_FEE_UNPAID,         /* not paid in time: the request ends (其他处理 2) */
	ACT_ANSWER,             /* -> answered: outcome, reason code, reply letter, documents */
	ACT_CLOSE,              /* answered -> closed */
	ACT_WITHDRAW,           /* the applicant withdrew (其他处理 3) */
	ACT_ASSIGN,             /* to a disclosing body and a handler; status unchanged */
	ACT__N
};
/* The actions' names (the staff form's, and the audit log's "request.NAME"), indexed by the
 * enum and NULL-terminated: FT_CHOICE parses a name to its action. */
extern const char *const ysqgk_action_names[];

/* How a fee is counted (《政府信息公开信息处理费管理办法》): codes indexed by the enum. */
enum ysqgk_fee_method { FEE_PER_REQUEST, FEE_BY_VOLUME };
extern const char *const ysqgk_fee_methods[];

struct ysqgk_step {
	enum ysqgk_action action;
	int32_t on;              /* the day the step takes effect (0: today) */
	const char *note;        /* internal: why */
	const char *letter;      /* the letter to the applicant (NULL: the template, filled in) */
	int days;                /* extension days (1-20); correction period in working days (0: 15) */
	int32_t until;           /* correct-by or pay-by date (0: computed) */
	const char *outcome, *reason_code;
	enum ysqgk_fee_method fee_method;
	long long pages;         /* ACT_FEE_NOTICE by volume */
	const char *body;        /* ACT_ASSIGN */
	long long handler_id;    /* ACT_ASSIGN (0: none) */
	const struct upload *files; /* ACT_ANSWER: reply documents, shown to the applicant */
	size_t nfiles;
};

struct ysqgk_step_result {
	const char *status;      /* after the step */
	const char *warning;     /* e.g. the correction notice went out after 7 working days */
	long long mail_id;       /* delivered after commit */
};

/* Applies the step to request id of req->site as req->user, in its own transaction.
 * XE_CONFLICT with *message when the step is not allowed from the request's status or now;
 * XE_FORBIDDEN when ysqgk_authz_decide() refuses it; XE_BAD_REQUEST for bad input. */
enum xerr ysqgk_workflow_apply(struct request *req, long long id, const struct ysqgk_step *step,
                               struct ysqgk_step_result *out, const char **message);

/* Does the request's status allow the action now? (ysqgk_authz_decide() asks.) */
bool ysqgk_action_allowed(enum ysqgk_action a, const char *status);
const char *ysqgk_action_name(enum ysqgk_action a);

#endif
