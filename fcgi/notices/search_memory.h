/* The worker process's in-memory copies of its sites' search tiers (search_engine.h): built and
 * kept up to date from the database by a thread of their own, read by every request thread.
 *
 * A copy answers a search only when it holds exactly what this node's Mroonga tables hold for the
 * site: the same position in the change log (the node's mark, read by search_prepare before every
 * search) and a third tier no narrower than the request's cutoffs. Otherwise the search asks
 * Groonga, as without copies, and the thread is asked to bring the copy up to date: the first
 * search of a site after a start, and the searches of the moment after a change, are answered by
 * Groonga. The copy is what the database says, never more: the workers stay stateless. One server
 * only ([database] nodes lists one or none); [search] memory_mb bounds a process's copies (0: none). */
#ifndef XXGK_SEARCH_MEMORY_H
#define XXGK_SEARCH_MEMORY_H
#include "core/app.h"
#include "core/db.h"
#include "notices/search.h"
#include "notices/search_engine.h"

struct search_memory;
struct search_copy; /* one site's copy, as a request reads it */

/* Starts the thread; NULL when copies are off. */
struct search_memory *search_memory_start(const struct app *app, struct db_status *status);
void search_memory_stop(struct search_memory *m);

/* The site's copy when it answers for this node's mark and cutoffs (search_prepare), held until
 * search_copy_release; else NULL, and the thread is asked to make or refresh it. */
const struct search_copy *search_copy_get(struct search_memory *m, long long site_id, const struct search_mark *mark,
                                          const struct search_cutoffs *c);
void search_copy_release(struct search_memory *m, const struct search_copy *copy);

/* The select search_groonga_select(p, site, t, f, tier, cutoff, offset, limit) would make, answered
 * from the copy; false when the copy cannot answer it (a term that is not by_trigrams, the order by
 * relevance, search_docs), for Groonga to answer. */
bool search_copy_select(const struct search_copy *copy, const struct search_terms *t, const struct search_filters *f,
                        enum search_tier tier, const char *cutoff, long long offset, long long limit, struct pool *p,
                        struct search_answer *a);

#endif
