/* The statutory workflow of a disclosure request, as one state machine: every step is a row of
 * the transition table in ysqgk_workflow.c (which statuses it starts from, where it goes, and its
 * own function in ysqgk_steps*.c; who may take it is ysqgk_authz.h's decision; the table of date
 * rules beside it says on which dates), and ysqgk_workflow_apply() is the only code that changes
 * a request's status. Each step writes its timeline event, its audit entry, its deadlines and
 * its notification in one transaction. Deadlines come from the calendar module (stored
 * deadlines, recomputed when the calendar moves). */
#ifndef XXGK_YSQGK_WORKFLOW_H
#define XXGK_YSQGK_WORKFLOW_H
#include "core/parse.h"
#include "core/request.h"

enum ysqgk_action {
	ACT_ACCEPT,             /* registered/corrected -> in_progress */
	ACT_REQUEST_CORRECTION, /* registered -> correction_requested (within 7 working days of receipt) */
	ACT_CORRECTED,          /* correction_requested -> corrected: the reply clock restarts */
	ACT_ABANDON,            /* correction_requested -> abandoned, after the correction period */
	ACT_CONSULT,            /* -> consultation: the letter to the third party; the reply clock pauses */
	ACT_CONSULT_RECEIVED,   /* the third party's receipt of the letter: its 15 working days run from it */
	ACT_CONSULT_END,        /* consultation -> back: its answer (or none in time); the clock runs again */
	ACT_PUBLIC_INTEREST,    /* Art. 32: disclosed over the third party's objection, with notice to it */
	ACT_EXTEND,             /* -> extended: once, at most 20 working days, by an approver */
	ACT_ART35_REASONS,      /* Art. 35: the applicant is asked for the reasons of excessive requests */
	ACT_ART35_LATER,        /* Art. 35: reasons accepted, a reasonable later reply date set */
	ACT_FEE_NOTICE,         /* a fee notice: the clock pauses until payment */
	ACT_FEE_PAID,
	ACT_FEE_UNPAID,         /* not paid in time: the request ends (其他处理 2) */
	ACT_ANSWER,             /* -> answered: outcome, reason code, reply letter, documents */
	ACT_CLOSE,              /* answered -> closed */
	ACT_WITHDRAW,           /* the applicant withdrew (其他处理 3) */
	ACT_ASSIGN,             /* to a disclosing body and a handler; status unchanged */
	ACT_REDATE,             /* the receipt date corrected: the reply clock and the fee counts follow */
	ACT_BODY_CONSULT,       /* -> body_consultation: the letter to another body; the reply clock pauses */
	ACT_BODY_ANSWER,        /* body_consultation -> back: its answer recorded; the clock runs again */
	ACT__N
};
/* The actions' names (the staff form's, and the audit log's "request.NAME"), indexed by the
 * enum and NULL-terminated: FT_CHOICE parses a name to its action. */
extern const char *const ysqgk_action_names[];

/* How a fee is counted (《政府信息公开信息处理费管理办法》): codes indexed by the enum. */
enum ysqgk_fee_method { FEE_PER_REQUEST, FEE_BY_VOLUME };
extern const char *const ysqgk_fee_methods[];

/* Why another body is consulted: the information was made jointly with it (Art. 34: it answers
 * within 15 working days of its receipt, silence counting as agreement), or for another reason
 * (its confirmation, Art. 17 para. 3, or its opinion: no period in the Regulation; the letter asks
 * for an answer by a date the staff set). */
enum ysqgk_body_ground { BODY_JOINT, BODY_OTHER };
extern const char *const ysqgk_body_grounds[];

/* What the third party said when the consultation ended (Art. 32). */
enum ysqgk_third_party_answer { TP_AGREED, TP_OBJECTED, TP_NONE, TP_UNKNOWN /* not given */ };
extern const char *const ysqgk_third_party_answers[];

struct ysqgk_step {
	enum ysqgk_action action;
	int32_t on;              /* the day the step takes effect (0: today) */
	const char *note;        /* internal: why */
	const char *letter;      /* the letter's text in the staff's words (NULL: the template, filled in) */
	int days;                /* extension days (1-20); correction period in working days (0: 15) */
	int32_t until;           /* correct-by, pay-by, reasons-by or the later reply date (0: computed) */
	const char *outcome, *reason_code, *variant; /* ACT_ANSWER: the reason and the letter's variant */
	enum ysqgk_fee_method fee_method;
	long long pages;         /* ACT_FEE_NOTICE by volume */
	const char *body;        /* ACT_ASSIGN */
	long long handler_id;    /* ACT_ASSIGN (0: none) */
	const struct upload *files; /* ACT_ANSWER: reply documents, shown to the applicant */
	size_t nfiles;
	/* What the letter tells its addressee (see ysqgk_letter.h). */
	const char *what, *reasons, *where, *right_body, *regime, *third_party;
	enum ysqgk_third_party_answer answer; /* ACT_CONSULT_END */
	int32_t received_on;     /* ACT_REDATE: the receipt date as it should have been */
	/* ACT_BODY_CONSULT: the body consulted, what it is asked (for its letter), and why;
	 * ACT_BODY_ANSWER: the gist of its answer (internal). */
	const char *other_body, *question, *gist;
	enum ysqgk_body_ground ground;
	/* The request's version (requests.version) on the page the step was posted from: when it
	 * is not the version now, the step is refused (XE_CONFLICT), the page being older than the
	 * request's state. 0: not given, not compared (the queue's batch assignment, scripts). */
	long long version;
};

/* What a step taken late tells the staff. The request's page is sent its code (?warn=) and says
 * it in the program's own words, with the date from the request's record: never text from the
 * address. */
enum ysqgk_warning {
	YW_NONE,
	YW_LATE_CORRECTION, /* the correction notice went out after 7 working days */
	YW_LATE_ANSWER,     /* the answer came after the reply deadline */
	YW__N
};

struct ysqgk_step_result {
	const char *status;         /* after the step */
	enum ysqgk_warning warning; /* YW_NONE: none */
	long long mail_id;          /* delivered after commit */
	const char *field;          /* refused: the form's field the message is about, or NULL */
};

/* Applies the step to request id of req->site as req->user, in its own transaction.
 * XE_CONFLICT with *message when the step was posted from a page older than the request's state
 * (step->version), when the step is not allowed from the request's status, or its date
 * contradicts the dates recorded (the table of date rules in ysqgk_workflow.c);
 * XE_FORBIDDEN when ysqgk_authz_decide() refuses it; XE_BAD_REQUEST for bad input (a date after
 * today, a letter with a placeholder left). */
enum xerr ysqgk_workflow_apply(struct request *req, long long id, const struct ysqgk_step *step,
                               struct ysqgk_step_result *out, const char **message);

/* Does the request's status allow the action now? (ysqgk_authz_decide() asks.) */
bool ysqgk_action_allowed(enum ysqgk_action a, const char *status);
const char *ysqgk_action_name(enum ysqgk_action a);

/* A warning's code in ?warn= ("late-correction"; "" for YW_NONE), and the warning a code names
 * (YW_NONE for any other text). */
const char *ysqgk_warning_code(enum ysqgk_warning w);
enum ysqgk_warning ysqgk_warning_of(const char *code);
/* The words of warning w about request id of req->site, the date it was due read from the
 * request's record; NULL for YW_NONE or a request not found. */
enum xerr ysqgk_warning_text(struct request *req, long long id, enum ysqgk_warning w, const char **text);

#endif
