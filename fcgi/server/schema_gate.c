#include "server/schema_gate.h"
#include "core/errlog.h"
#include "core/periodic.h"
#include "core/version.h"
#include <stdlib.h>

#define NS_PER_S 1000000000LL

/* The database's schema version: the highest migration recorded, 0 when none is (the table
 * not there yet); -1 when the database did not answer. */
static int read_version(struct db *db)
{
	struct pool *p = pool_new();
	enum xerr e;
	const char *has = db_value(db, p, &e,
	                           "SELECT COUNT(*) FROM information_schema.TABLES "
	                           "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'schema_version'",
	                           "");
	const char *v = NULL;
	if (e == XE_OK && has != NULL && strtol(has, NULL, 10) > 0)
		v = db_value(db, p, &e, "SELECT COALESCE(MAX(version), 0) FROM schema_version", "");
	int version = e != XE_OK ? -1 : v != NULL ? (int)strtol(v, NULL, 10) : 0;
	pool_free(p);
	return version;
}

static void say_change(enum schema_state was, enum schema_state now, int version)
{
	int mine = xxgk_schema_version();
	if (now == SCHEMA_OLDER)
		errlog("the database's schema is at version %d, older than this program's (%d): every request is "
		       "answered 503 until `xxgkctl migrate` is run",
		       version, mine);
	else if (now == SCHEMA_NEWER)
		errlog("the database's schema is at version %d, newer than this program's (%d): every request is "
		       "answered 503; install the newer package again",
		       version, mine);
	else if (was == SCHEMA_OLDER || was == SCHEMA_NEWER)
		errlog("the database's schema is at version %d, this program's: answering requests again", version);
}

enum schema_state schema_gate_check(struct schema_gate *g, struct db *db)
{
	if (g == NULL)
		return SCHEMA_OK;
	long long now = periodic_now_ns();
	long long due = atomic_load(&g->next_check_ns);
	/* One request reads it; the others go by the state it last found. */
	if (now >= due && atomic_compare_exchange_strong(&g->next_check_ns, &due, now + NS_PER_S)) {
		int version = read_version(db);
		enum schema_state state = version < 0                       ? SCHEMA_UNKNOWN
		                          : version < xxgk_schema_version() ? SCHEMA_OLDER
		                          : version > xxgk_schema_version() ? SCHEMA_NEWER
		                                                            : SCHEMA_OK;
		if (state != SCHEMA_UNKNOWN) {
			/* A database that does not answer changes nothing: its own 503 says so. */
			atomic_store(&g->version, version);
			enum schema_state was = (enum schema_state)atomic_exchange(&g->state, (int)state);
			if (was != state)
				say_change(was, state, version);
		}
		if (state == SCHEMA_OK)
			atomic_store(&g->next_check_ns, now + SCHEMA_GATE_RECHECK_S * NS_PER_S);
	}
	return (enum schema_state)atomic_load(&g->state);
}

const char *schema_gate_message(enum schema_state state)
{
	return state == SCHEMA_NEWER
	           ? "系统暂时无法提供服务，请稍后再试。（管理员：数据库已由更新版本的程序升级，比本程序新，请重新安装更新版本的软件包。）"
	           : "系统正在升级，暂时无法提供服务，请稍后再试。（管理员：数据库尚未更新，请运行 xxgkctl migrate。）";
}
