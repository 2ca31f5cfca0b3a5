/* Values for the demo's notices (xxgkctl demo-data): each content item gets a value of the kind
 * its label asks for (names for 专家名单, amounts for 金额, dates, areas, places, codes...), so
 * that a demo notice reads like one. Deterministic: the demo is the same on every machine. */
#ifndef XXGK_DEMO_ITEMS_H
#define XXGK_DEMO_ITEMS_H
#include "core/pool.h"
#include <stdint.h>

struct demo_rng {
	unsigned long long s;
};
/* 0 .. n-1 (0 when n is 0). */
unsigned demo_rnd(struct demo_rng *r, unsigned n);

/* What a notice's values are about. */
struct demo_subject {
	struct pool *p;
	struct demo_rng *r;
	const char *place;         /* 临沧市 */
	const char *const *counties;
	const char *where;         /* the project's county: 临翔区 */
	const char *project;       /* 临沧市临翔区城南片区保障性住房项目 */
	const char *issuer;        /* the body that publishes it */
	int32_t today;
};

/* a and b as one name, a phrase that ends a and begins b said once (集中采购 + 采购结果信息:
 * 集中采购结果信息, not 集中采购采购结果信息). */
const char *demo_joined(struct pool *p, const char *a, const char *b);
/* A company, a person and an address of the subject's place. */
const char *demo_company(struct demo_subject *s);
const char *demo_person(struct demo_subject *s);
const char *demo_address(struct demo_subject *s);
const char *demo_county(struct demo_subject *s);
/* The value of the item with this label. */
const char *demo_item_value(struct demo_subject *s, const char *label);

#endif
