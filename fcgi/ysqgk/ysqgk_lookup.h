/* Finding a request as its applicant: the tracking number (per site and year, never reused) and
 * the query code shown once at filing and stored only as a salted hash. An unknown number and a
 * wrong code cost the same work and get the same answer. */
#ifndef XXGK_YSQGK_LOOKUP_H
#define XXGK_YSQGK_LOOKUP_H
#include "core/request.h"

/* A new query code "XXXX-XXXX-XXXX" (60 random bits), and its hash with a salt. */
bool ysqgk_new_code(char out[15]);
void ysqgk_code_hash(const char *salt, const char *code, char out[65]);
/* Normalises a tracking number as typed (trim, upper case); NULL when it cannot be one. */
const char *ysqgk_normalize_tracking(struct pool *p, const char *s);
/* The request of this site with this tracking number and query code in *id, 0 when none. */
enum xerr ysqgk_lookup(struct request *req, const char *tracking_no, const char *query_code, long long *id);

#endif
