/* What the parts of xxgkctl doctor share (ctl_doctor.c, the command and most checks;
 * ctl_doctor_web.c, the web server's configuration and the files an upgrade left beside it). */
#ifndef XXGK_CTL_DOCTOR_H
#define XXGK_CTL_DOCTOR_H
#include "core/settings.h"
#include "ctl/ctl.h"

enum level { L_OK, L_WARN, L_ERROR };

struct doctor {
	struct ctl *ctx;
	const char *config;
	struct service_user user; /* known: checks run as this account */
	struct db *db;            /* NULL when the database did not answer */
	int year, month;          /* today */
	int errors, warnings;
	char fix[1024];           /* the fix line being said */
};

/* One finding: its level, what it is about, the fix in one line (NULL: none) and the text. */
void say(struct doctor *d, enum level lv, const char *what, const char *fix, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* A fix line, formatted into the doctor's buffer. */
const char *fix(struct doctor *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The web server that routes the prefix to xxgk, its modules, SSI sites and stored copies. */
void doctor_check_web(struct doctor *d);
/* A .dpkg-dist (and the like) beside file, whose new version is then not in use. */
void doctor_left_beside(struct doctor *d, const char *what, const char *file);

#endif
