/* The database's schema against the one this build was written for (core/version.h). Between
 * an upgrade of the programs and `xxgkctl migrate`, the new workers' statements meet the old
 * tables: some pages work and others answer 500 (an unknown column), a filing half taken; an
 * older package put back over a database a newer one migrated meets tables it does not know.
 * While the database's version is not the build's, every request is answered 503 instead,
 * saying why, and the service's error log says it once.
 *
 * The state lives in memory the service's processes share (the master maps it before it forks
 * the workers; zeroed memory is a valid start): the version is read by one request at a time,
 * at most every SCHEMA_GATE_RECHECK_S seconds while it matches and every second while it does
 * not, so that the service answers again within a second or two of the migration. */
#ifndef XXGK_SCHEMA_GATE_H
#define XXGK_SCHEMA_GATE_H
#include "core/db.h"
#include <stdatomic.h>

#define SCHEMA_GATE_RECHECK_S 10

enum schema_state {
	SCHEMA_UNKNOWN = 0, /* not read yet, or the database did not answer: requests go on */
	SCHEMA_OK,
	SCHEMA_OLDER,       /* not migrated yet: xxgkctl migrate */
	SCHEMA_NEWER,       /* migrated by a newer release: that package again */
};

struct schema_gate {
	atomic_int state;          /* enum schema_state */
	atomic_int version;        /* the database's, once read */
	atomic_llong next_check_ns; /* periodic_now_ns() at which the version is read again */
};

/* The state for a request on db, reading the database's version when it is due (NULL: no gate,
 * SCHEMA_OK). */
enum schema_state schema_gate_check(struct schema_gate *g, struct db *db);
/* What a refused request is told, for state (SCHEMA_OLDER or SCHEMA_NEWER). */
const char *schema_gate_message(enum schema_state state);

#endif
