/* The workflow's steps, a function each, for ysqgk_workflow.c alone: its transition table names
 * them, and ysqgk_workflow_apply() calls one with the request locked, its status, the user and
 * the date checked, and does what every step shares (the new state, the timeline, the letter,
 * the audit entry, the mail) from what the step decided. */
#ifndef XXGK_YSQGK_STEPS_H
#define XXGK_YSQGK_STEPS_H
#include "core/calendar.h"
#include "ysqgk/ysqgk_workflow.h"

/* The request as it is before the step, read under its row lock. */
struct ysqgk_current {
	const char *status, *assigned_body, *resume_status, *fee_state;
	int32_t received_on, fee_pay_by;
	long long reply_deadline, correction_deadline, consultation_deadline, month_seq;
	int extension_days;
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
	const char *letter, *letter_kind, *letter_title; /* a letter to the applicant */
	const char *applicant_note;                      /* else what the timeline tells the applicant */
	const char *audit_note;                          /* the internal note (preset from the input) */
	const char *outcome, *reason_code;               /* the request's outcome, when the step sets one */
	const char *warning;                             /* for the staff: done, but late */
	const char *message;                             /* why the step was refused */
};

typedef enum xerr (*ysqgk_step_fn)(struct ysqgk_taking *t);

enum xerr ysqgk_step_correction(struct ysqgk_taking *t);
enum xerr ysqgk_step_corrected(struct ysqgk_taking *t);
enum xerr ysqgk_step_abandon(struct ysqgk_taking *t);
enum xerr ysqgk_step_consult(struct ysqgk_taking *t);
enum xerr ysqgk_step_consult_end(struct ysqgk_taking *t);
enum xerr ysqgk_step_extend(struct ysqgk_taking *t);
enum xerr ysqgk_step_fee_notice(struct ysqgk_taking *t);
enum xerr ysqgk_step_fee_paid(struct ysqgk_taking *t);
enum xerr ysqgk_step_fee_unpaid(struct ysqgk_taking *t);
enum xerr ysqgk_step_answer(struct ysqgk_taking *t);
enum xerr ysqgk_step_withdraw(struct ysqgk_taking *t);
enum xerr ysqgk_step_assign(struct ysqgk_taking *t);

/* Refuses the step: e, with the message for the person who tried it. */
static inline enum xerr ysqgk_refuse(struct ysqgk_taking *t, enum xerr e, const char *message)
{
	t->message = message;
	return e;
}

#endif
