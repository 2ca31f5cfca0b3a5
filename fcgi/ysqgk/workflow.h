/* The statutory workflow of a disclosure request, as one state machine: every step is a row of
 * the transition table in workflow.c (which statuses it starts from, where it goes, who may take
 * it), and workflow_apply() is the only code that changes a request's status. Each step writes
 * its timeline event, its audit entry, its deadlines and its notification in one transaction.
 * Deadlines come from the calendar module (stored deadlines, recomputed when the calendar moves). */
#ifndef XXGK_WORKFLOW_H
#define XXGK_WORKFLOW_H
#include "core/parse.h"
#include "core/request.h"

enum wf_action {
	WF_ACCEPT,             /* registered/corrected -> in_progress */
	WF_REQUEST_CORRECTION, /* registered -> correction_requested (within 7 working days of receipt) */
	WF_CORRECTED,          /* correction_requested -> corrected: the reply clock restarts */
	WF_ABANDON,            /* correction_requested -> abandoned, after the correction period */
	WF_CONSULT,            /* -> consultation: the reply clock pauses; the third party has 15 days */
	WF_CONSULT_END,        /* consultation -> back: the clock runs again */
	WF_EXTEND,             /* -> extended: once, at most 20 working days, by an approver */
	WF_FEE_NOTICE,         /* a fee notice: the clock pauses until payment */
	WF_FEE_PAID,
	WF_FEE_UNPAID,         /* not paid in time: the request ends (其他处理 2) */
	WF_ANSWER,             /* -> answered: outcome, reason code, reply letter, documents */
	WF_CLOSE,              /* answered -> closed */
	WF_WITHDRAW,           /* the applicant withdrew (其他处理 3) */
	WF_ASSIGN,             /* to a disclosing body and a handler; status unchanged */
	WF_COUNT
};

struct wf_step {
	enum wf_action action;
	int32_t on;              /* the day the step takes effect (0: today) */
	const char *note;        /* internal: why */
	const char *letter;      /* the letter to the applicant (NULL: the template, filled in) */
	int days;                /* extension days (1-20); correction period in working days (0: 15) */
	int32_t until;           /* correct-by or pay-by date (0: computed) */
	const char *outcome, *reason_code;
	const char *fee_method;  /* per-request | by-volume */
	long long pages;
	const char *body;        /* WF_ASSIGN */
	long long handler_id;    /* WF_ASSIGN (0: none) */
	const struct upload *files; /* WF_ANSWER: reply documents, shown to the applicant */
	size_t nfiles;
};

struct wf_result {
	const char *status;      /* after the step */
	const char *warning;     /* e.g. the correction notice went out after 7 working days */
	long long mail_id;       /* to deliver after commit */
};

/* Applies the step to request id of req->site as req->user, in its own transaction.
 * XE_CONFLICT with *message when the step is not allowed from the request's status or now;
 * XE_FORBIDDEN when the user's role or bodies do not allow it; XE_BAD_REQUEST for bad input. */
enum xerr workflow_apply(struct request *req, long long id, const struct wf_step *step, struct wf_result *out,
                         const char **message);

/* Which actions the request's status allows, for the staff page's buttons. */
bool workflow_allowed(enum wf_action a, const char *status);
const char *workflow_action_name(enum wf_action a);
bool workflow_action_by_name(const char *name, enum wf_action *a);
bool workflow_is_final(const char *status);

/* The outcome types and numbered reasons of the annual report (国办公开办函〔2021〕30号). */
struct wf_reason {
	const char *outcome, *code, *label;
};
extern const struct wf_reason wf_reasons[];
extern const size_t wf_nreasons;
const char *workflow_reason_label(const char *outcome, const char *code);
bool workflow_outcome_valid(const char *outcome, const char *code);

/* The template letter of a kind (and outcome), filled in for request id. */
enum xerr workflow_letter(struct request *req, long long id, const char *kind, const char *outcome,
                          const char *reason_code, int days, int32_t until, long long amount, const char **title,
                          const char **text);

#endif
