/* xxgkctl cache clear — the stored page copies that nginx serves itself (fcgi/page_copies.h). */
#include "ctl.h"
#include "page_copies.h"
#include <stdio.h>
#include <string.h>

int ctl_cache(struct ctl *ctx)
{
	if (ctl_wants_help(ctx, "usage: xxgkctl cache clear\n"
	                        "Removes the stored copies of public pages ([cache] copies_dir) that the web\n"
	                        "server serves without asking xxgk; the next request for each page stores it\n"
	                        "again. Every change made through xxgk does this for its site already, and so\n"
	                        "does starting xxgk.fcgi. Run it after changing the database by other means,\n"
	                        "such as restoring a backup.\n"))
		return 0;
	const char *sub = ctl_arg(ctx, 0);
	if (sub == NULL || strcmp(sub, "clear") != 0) {
		fputs("xxgkctl cache: clear? (xxgkctl cache --help)\n", stderr);
		return 2;
	}
	if (!ctl_app(ctx, false))
		return 1;
	const char *root = ctx->app.copies_root;
	if (root == NULL) {
		puts("no page copies configured ([cache] copies_dir): nothing to clear");
		return 0;
	}
	copies_clear(root);
	printf("page copies in %s cleared\n", root);
	return 0;
}
