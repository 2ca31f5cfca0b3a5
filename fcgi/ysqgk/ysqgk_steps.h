/* The workflow's steps, a function each, for ysqgk_workflow.c alone: its transition table names
 * them, and ysqgk_workflow_apply() calls one with the request locked, its status, the user and
 * the date checked, and does what every step shares (the new state, the timeline, the letter,
 * the audit entry, the mail) from what the step decided. */
#ifndef XXGK_YSQGK_STEPS_H
#define XXGK_YSQGK_STEPS_H
#include "core/calendar.h"
#include "ysqgk/ysqgk_letter.h"
#include "ysqgk/ysqgk_workflow.h"

/* The request as it is before the step, read under its row lock; dates in days since 1970-01-01,
 * 0 where there is none. */
struct ysqgk_current {
	const char *status, *assigned_body, *resume_status, *fee_state, *third_party, *third_party_answer, *other_body;
	const char *delivery; /* how the applicant asked to get the information (requests.delivery) */
	int32_t received_on, fee_pay_by;
	long long reply_deadline, correction_deadline, consultation_deadline, month_seq;
	long long version; /* requests.version: one more with every step */
	int extension_days;
	/* The dates the date rules compare a step's date with (ysqgk_workflow.c). */
	int32_t last_step_on, first_step_on, reply_due, correction_sent_on, correction_due, fee_sent_on, consult_sent_on,
	    consult_received_on, consult_due, art35_asked_on, art35_later_on, body_sent_on;
};

/* A step being taken: its input, and what it decided for the shared part. */
struct ysqgk_taking {
	struct request *req;
	long long id;
	const struct ysqgk_step *in;
	const struct ysqgk_current *was;
	const struct calendar *cal;
	int32_t on;                                      /* the day it takes effect */
	const char *status;                              /* after it (preset from the table) */
	struct ysqgk_letter *letter;                     /* the letter the step sends, NULL: none */
	const char *applicant_note;                      /* what the timeline tells the applicant without a letter */
	const char *audit_note;                          /* the internal note (preset from the input) */
	const char *outcome, *reason_code;               /* the request's outcome, when the step sets one */
	enum ysqgk_warning warning;                      /* for the staff: done, but late */
	const char *message;                             /* why the step was refused */
	const char *field;                               /* the form's field it is about, if one */
};

typedef enum xerr (*ysqgk_step_fn)(struct ysqgk_taking *t);

enum xerr ysqgk_step_correction(struct ysqgk_taking *t);
enum xerr ysqgk_step_corrected(struct ysqgk_taking *t);
enum xerr ysqgk_step_abandon(struct ysqgk_taking *t);
enum xerr ysqgk_step_consult(struct ysqgk_taking *t);
enum xerr ysqgk_step_consult_received(struct ysqgk_taking *t);
enum xerr ysqgk_step_consult_end(struct ysqgk_taking *t);
enum xerr ysqgk_step_public_interest(struct ysqgk_taking *t);
enum xerr ysqgk_step_extend(struct ysqgk_taking *t);
enum xerr ysqgk_step_art35_reasons(struct ysqgk_taking *t);
enum xerr ysqgk_step_art35_later(struct ysqgk_taking *t);
enum xerr ysqgk_step_fee_notice(struct ysqgk_taking *t);
enum xerr ysqgk_step_fee_paid(struct ysqgk_taking *t);
enum xerr ysqgk_step_fee_unpaid(struct ysqgk_taking *t);
enum xerr ysqgk_step_answer(struct ysqgk_taking *t);
enum xerr ysqgk_step_withdraw(struct ysqgk_taking *t);
enum xerr ysqgk_step_assign(struct ysqgk_taking *t);
enum xerr ysqgk_step_redate(struct ysqgk_taking *t);
enum xerr ysqgk_step_body_consult(struct ysqgk_taking *t);
enum xerr ysqgk_step_body_answer(struct ysqgk_taking *t);

/* What several steps share (ysqgk_steps.c). */
const char *ysqgk_step_date(struct pool *p, int32_t day); /* YYYY-MM-DD */
enum xerr ysqgk_close_deadline(struct request *req, long long deadline_id);
/* What a pause of the reply clock waits for: one of each may run at a time. */
enum ysqgk_pause { PAUSE_FEE, PAUSE_CONSULTATION, PAUSE_OTHER_BODY };
/* Stops the reply clock from the step's day to until: that time does not count. */
enum xerr ysqgk_pause_reply(struct ysqgk_taking *t, enum ysqgk_pause kind, int32_t until, const char *why);
/* How a step sets the end of a running pause. */
enum ysqgk_pause_end {
	PAUSE_END_BY,  /* it ends on the day, or on its own end if that came first (a third party's 15 days) */
	PAUSE_END_ON,  /* it ends on the day, whatever end was expected (another body's answer) */
	PAUSE_MOVE_END /* it runs on, to a new expected end (the third party's receipt) */
};
/* Sets the end of the running pause of kind of the reply deadline to the day to; a pause made
 * before kinds were kept is found by its first day, from (0: not looked for). */
enum xerr ysqgk_pause_set_end(struct request *req, long long deadline, enum ysqgk_pause kind, int32_t from, int32_t to,
                              enum ysqgk_pause_end how);
/* Ends the running pause of kind (begun on from) by the step's day (PAUSE_END_BY): the clock
 * runs again; *due: the reply deadline now. */
enum xerr ysqgk_resume_reply(struct ysqgk_taking *t, enum ysqgk_pause kind, int32_t from, const char *why,
                             struct cal_result *due);
/* After a renumbering of the per-request count (a corrected receipt date, an assignment: cause
 * says which, as 收到日期更正): withdraws, on the step's day, every per-request fee notice still
 * unpaid on the applicant's open requests whose count no longer gives the amount notified. The
 * notice's basis is gone, so it may neither be collected nor end the request unpaid; withdrawing
 * it keeps its letter on record and writes the withdrawal, with the new count, to the request's
 * timeline, the audit log and the applicant's mail. Staff may notify a fee anew by the new count.
 * (ysqgk_steps_excessive.c) */
enum xerr ysqgk_fee_recheck(struct ysqgk_taking *t, const char *cause);
/* The step's letter from a, with the step's date and what the staff wrote for it. */
enum xerr ysqgk_send_letter(struct ysqgk_taking *t, struct ysqgk_letter_args a);

/* Refuses the step: e, with the message for the person who tried it. */
static inline enum xerr ysqgk_refuse(struct ysqgk_taking *t, enum xerr e, const char *message)
{
	t->message = message;
	return e;
}

/* ... and the form's field (its name, as the step form posts it) that the refusal is about. */
static inline enum xerr ysqgk_refuse_at(struct ysqgk_taking *t, enum xerr e, const char *field, const char *message)
{
	t->field = field;
	return ysqgk_refuse(t, e, message);
}

#endif
