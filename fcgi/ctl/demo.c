#include "ctl/demo.h"
#include "core/calendar.h"
#include "ctl/demo_items.h"
#include "ysqgk/ysqgk_fees.h"
#include "ysqgk/ysqgk_file.h"
#include "ysqgk/ysqgk_workflow.h"
#include "core/audit.h"
#include "core/auth.h"
#include "core/body.h"
#include "notices/catalog.h"
#include "notices/import.h"
#include "notices/notice_store.h"
#include "core/text.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The bodies that publish a domain's notices: the lead and responsible units the site's document
 * names for that domain, as it names them ("市" and "省" stand for the site's own city or
 * province: 市财政局 is 临沧市财政局 on the Lincang site). Zhejiang's document names no unit
 * per domain, only roles (审批部门, 管理或实施公共资源配置的行政机关): its demo takes the
 * province's departments that hold those roles. */
struct domain_units {
	const char *domain;
	const char *units[6];
};

static const struct domain_units lincang_units[] = {
	{"D01", {"市住房和城乡建设局"}},
	{"D02", {"市国土资源局", "市城乡规划局", "市公共资源交易管理局"}},
	{"D03", {"市国土资源局", "市公共资源交易管理局"}},
	{"D04", {"市财政局", "市公共资源交易管理局"}},
	{"D05", {"市卫生计生委", "市食品药品监管局", "市公共资源交易管理局"}},
	{"D06", {"市国资委", "市财政局", "市审计局"}},
	{"D07", {"市发展改革委", "市住房和城乡建设局", "市交通运输局", "市水务局", "市公共资源交易管理局"}},
	{"D08", {"市环境保护局", "市公共资源交易管理局"}},
	{"D09", {"市发展和改革委", "市交通运输局", "市住房和城乡建设局", "市道路运输管理局"}},
	{"D10", {"市公安局", "市公共资源交易管理局"}},
	{NULL, {NULL}},
};
static const struct domain_units yancheng_units[] = {
	{"D01", {"盐城市人民政府"}},
	{"D02", {"市发改委", "市城建局", "市交通运输局", "市水利局", "市政务服务办"}},
	{"D03", {"市国土局"}},
	{"D04", {"市国土局"}},
	{"D05", {"市财政局", "市公共资源交易中心"}},
	{"D06", {"市国资委", "市财政局"}},
	{"D07", {"市卫计委"}},
	{"D08", {"市城建局", "市房产局"}},
	{NULL, {NULL}},
};
static const struct domain_units qinghai_units[] = {
	{"D01", {"省住房城乡建设厅"}},
	{"D02", {"省国土资源厅"}},
	{"D03", {"省国土资源厅", "省公共资源交易监督管理局"}},
	{"D04", {"省财政厅", "省公共资源交易监督管理局"}},
	{"D05", {"省国资委", "省公共资源交易监督管理局"}},
	{"D06", {"省公共资源交易监督管理局", "省发展改革委", "省住房城乡建设厅", "省交通运输厅", "省水利厅"}},
	{"D07", {"省卫生计生委", "省食品药品监管局"}},
	{"D08", {"省环境保护厅", "省发展改革委"}},
	{NULL, {NULL}},
};
static const struct domain_units zhejiang_units[] = {
	{"D01", {"省住房和城乡建设厅"}},
	{"D02", {"省自然资源厅"}},
	{"D03", {"省自然资源厅"}},
	{"D04", {"省财政厅"}},
	{"D05", {"省国资委"}},
	{"D06", {"省发展和改革委员会"}},
	{NULL, {NULL}},
};
static const struct domain_units shanwei_units[] = {
	{"D01", {"市发展改革委", "市住房城乡建设局", "市交通运输局", "市水利局"}},
	{"D02", {"市财政局"}},
	{"D03", {"市国土资源局"}},
	{"D04", {"市国资委"}},
	{"D05", {"市国土资源局"}},
	{NULL, {NULL}},
};

/* office: the body that receives the site's requests; government: the review body (复议机关) of
 * its departments; court: the people's court of the seat; street, area, postcode: for addresses
 * and telephone numbers. Demonstration values. */
struct demo_site {
	const char *key, *name, *variant, *org_code, *domain, *place, *const *counties;
	const struct domain_units *units;
	const char *staff_bodies[2]; /* the demo staff account serves these two */
	const char *office, *government, *court, *street, *area, *postcode;
};

static const char *const lincang_counties[] = {"临翔区", "凤庆县", "云县", "永德县", "镇康县", "双江县", "耿马县", "沧源县", NULL};
static const char *const yancheng_counties[] = {"亭湖区", "盐都区", "大丰区", "响水县", "滨海县", "阜宁县", "射阳县", "建湖县", "东台市", NULL};
static const char *const qinghai_counties[] = {"西宁市", "海东市", "海北州", "黄南州", "海南州", "果洛州", "玉树州", "海西州", NULL};
static const char *const zhejiang_counties[] = {"杭州市", "宁波市", "温州市", "嘉兴市", "湖州市", "绍兴市", "金华市", "衢州市", "舟山市", "台州市", "丽水市", NULL};
static const char *const shanwei_counties[] = {"城区", "海丰县", "陆丰市", "陆河县", "华侨管理区", "红海湾开发区", NULL};

static const struct demo_site demo_sites[] = {
	{"lincang", "临沧市公共资源配置领域政府信息公开", "lincang", "11530900015118547K", "www.lincang.gov.cn", "临沧市",
	 lincang_counties, lincang_units, {"临沧市财政局", "临沧市公共资源交易管理局"},
	 "临沧市人民政府办公室", "临沧市人民政府", "临沧市临翔区人民法院", "临沧市临翔区南塘街", "0883", "677000"},
	{"yancheng", "盐城市公共资源配置领域政府信息公开", "yancheng", "11320900014168823R", "www.yancheng.gov.cn", "盐城市",
	 yancheng_counties, yancheng_units, {"盐城市财政局", "盐城市公共资源交易中心"},
	 "盐城市人民政府办公室", "盐城市人民政府", "盐城市亭湖区人民法院", "盐城市亭湖区世纪大道", "0515", "224005"},
	{"qinghai", "青海省公共资源配置领域政府信息公开", "qinghai", "11630000MB1730051X", "www.qinghai.gov.cn", "青海省",
	 qinghai_counties, qinghai_units, {"青海省财政厅", "青海省公共资源交易监督管理局"},
	 "青海省人民政府办公厅", "青海省人民政府", "西宁市城中区人民法院", "西宁市城中区西大街", "0971", "810000"},
	{"zhejiang", "浙江省公共资源配置领域政府信息公开", "zhejiang", "11330000002482174F", "www.zj.gov.cn", "浙江省",
	 zhejiang_counties, zhejiang_units, {"浙江省财政厅", "浙江省自然资源厅"},
	 "浙江省人民政府办公厅", "浙江省人民政府", "杭州市西湖区人民法院", "杭州市西湖区省府路", "0571", "310025"},
	{"shanwei", "汕尾市公共资源交易领域政府信息公开", "shanwei", "11441500007173932E", "www.shanwei.gov.cn", "汕尾市",
	 shanwei_counties, shanwei_units, {"汕尾市财政局", "汕尾市国资委"},
	 "汕尾市人民政府办公室", "汕尾市人民政府", "汕尾市城区人民法院", "汕尾市城区汕尾大道", "0660", "516600"},
};

static const char *const projects[] = {"城南片区", "滨江新区", "高新技术产业园", "城北污水处理厂", "第二人民医院", "职业教育园区",
                                       "老旧小区改造", "乡村振兴示范带", "综合交通枢纽", "体育中心", "人民公园", "供水管网",
                                       "智慧城市", "农田水利", "国道改扩建", "中心学校"};

/* What a notice is about, from the words of its domain's name: the place, a name of the
 * domain's own kind (a site of the project list, a mine, a batch), and what it is; NULL for a
 * domain whose notices concern no single project. */
static const char *project_of(struct pool *p, struct demo_rng *r, const char *place, const char *domain_name)
{
	static const char *const mines[] = {"大坪子", "石头寨", "龙潭", "白岩脚", "老营盘", "梨树坡"};
	static const char *const batches[] = {"第一批", "第二批", "第三批", "第四批"};
	static const struct {
		const char *word, *what;
		const char *const *names;
		unsigned nnames;
	} kinds[] = {
		{"住房", "保障性住房项目", projects, 16}, {"土地", "地块", projects, 16},
		{"矿业", "建筑用石料矿采矿权", mines, 6}, {"药品", "药品和医用耗材集中采购", projects, 16},
		{"医用", "医用耗材集中采购", projects, 16}, {"采购", "采购项目", projects, 16},
		{"产权", "国有股权转让项目", projects, 16}, {"工程", "建设工程", projects, 16},
		{"排污", "排污权", projects, 16}, {"特许", "公交线路经营权", projects, 16},
		{"罚没", "罚没物品处置", batches, 4},
	};
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strstr(domain_name, kinds[i].word) != NULL)
			return pool_printf(p, "%s%s%s", place, kinds[i].names[demo_rnd(r, kinds[i].nnames)], kinds[i].what);
	return NULL; /* not about one project (Yancheng's 公共资源交易目录) */
}

/* A unit's name with the site's city or province: "市财政局" on the 临沧市 site is 临沧 + 市财政局. */
static const char *unit_name(struct pool *p, const struct demo_site *ds, const char *unit)
{
	bool local = strncmp(unit, "市", strlen("市")) == 0 || strncmp(unit, "省", strlen("省")) == 0;
	return local ? pool_printf(p, "%.*s%s", (int)(strlen(ds->place) - strlen("市")), ds->place, unit) : unit;
}

/* One of the bodies the document names for the domain, with the site's city or province. */
static const char *issuer_of(struct demo_subject *s, const struct demo_site *ds, const char *domain)
{
	for (const struct domain_units *u = ds->units; u->domain != NULL; u++) {
		if (strcmp(u->domain, domain) != 0)
			continue;
		size_t n = 0;
		while (n < 6 && u->units[n])
			n++;
		return unit_name(s->p, ds, u->units[demo_rnd(s->r, (unsigned)n)]);
	}
	return NULL;
}

static bool has_limit(xmlNodePtr cat)
{
	for (xmlNodePtr n = cat; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent) {
		xmlChar *v = xmlGetProp(n, (const xmlChar *)"limit-days");
		xmlFree(v);
		if (v != NULL)
			return true;
	}
	return false;
}

static const char *attr_of(struct pool *p, xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	const char *r = pool_strdup(p, v ? (const char *)v : "");
	xmlFree(v);
	return r;
}

/* Where a category's items are published at different stages (出让公告, 成交公示, 供应结果), the
 * one a notice is: the serial's turn among them; NULL where they are not. */
static const char *publication_of(struct pool *p, xmlNodePtr cat, long long serial)
{
	const char *pubs[64];
	size_t n = 0;
	for (xmlNodePtr c = cat->children; c != NULL; c = c->next) {
		const char *pub = c->type == XML_ELEMENT_NODE ? attr_of(p, c, "publication") : "";
		if (*pub == '\0')
			continue;
		bool seen = false;
		for (size_t k = 0; k < n && !seen; k++)
			seen = strcmp(pubs[k], pub) == 0;
		if (!seen && n < 64)
			pubs[n++] = pub;
	}
	return n > 0 ? pubs[serial % (long long)n] : NULL;
}

/* Whether a demo notice of publication pub gives item c: not one of another publication, nor one
 * the document requires only in a case (协议供货's 入围价格) the demo's notices are not. */
static bool demo_gives(struct pool *p, xmlNodePtr c, const char *pub)
{
	const char *its = attr_of(p, c, "publication");
	if (pub != NULL && *its != '\0' && strcmp(its, pub) != 0)
		return false;
	const char *cond = attr_of(p, c, "condition");
	return *cond == '\0';
}

/* The body as a body writes one: what is published, and where the project is. It says nothing
 * the catalog does not (no invented objection period) and points at no table. */
static const char *body_of(struct demo_subject *s, const char *source, const char *title, const char *where)
{
	const char *opening = pool_printf(s->p, "根据《中华人民共和国政府信息公开条例》和《%s》，%s现将%s予以公开。\n", source,
	                                  s->issuer, title);
	const char *location =
	    where ? pool_printf(s->p, "%s位于%s，由%s组织实施。\n", s->project, where, s->issuer) : "";
	return pool_printf(s->p, "%s%s联系人：%s，联系电话：0%u-%07u。", opening, location, demo_person(s),
	                   800 + demo_rnd(s->r, 99), 2000000 + demo_rnd(s->r, 7000000));
}

struct gen {
	const struct demo_site *ds;
	xmlDocPtr catalog;
	struct pool *p;
	struct demo_rng r;
	int32_t today;
};

static void make_notice(struct gen *g, xmlNodePtr cat, long long serial, struct notice_in *n, int32_t *published)
{
	memset(n, 0, sizeof *n);
	const char *code = attr_of(g->p, cat, "code"), *name = attr_of(g->p, cat, "name");
	char domain[4];
	snprintf(domain, sizeof domain, "%s", code);
	xmlNodePtr dom = catalog_find(g->catalog, domain);
	struct demo_subject s = {g->p, &g->r, g->ds->place, g->ds->counties, NULL, NULL, NULL, g->today};
	const char *where = s.where = demo_county(&s);
	s.project = project_of(g->p, &g->r, pool_printf(g->p, "%s%s", g->ds->place, where),
	                       dom ? attr_of(g->p, dom, "name") : "");
	bool one_project = s.project != NULL;
	if (!one_project)
		s.project = g->ds->place;
	s.issuer = issuer_of(&s, g->ds, domain);
	int year;
	unsigned m, d;
	int32_t pub = g->today - (int32_t)demo_rnd(&g->r, 700);
	int32_t formed = pub - 1 - (int32_t)demo_rnd(&g->r, 30);
	civil_from_days(pub, &year, &m, &d);
	char fdate[11], pdate[11];
	format_date(formed, fdate);
	format_date(pub, pdate);
	*published = pub;
	/* Not about one project (Yancheng's 公共资源交易范围和规模标准): each is a revision. */
	n->title = one_project ? demo_joined(g->p, s.project, name)
	                       : pool_printf(g->p, "%s（第%lld次调整）", demo_joined(g->p, s.project, name), serial);
	n->issuer = s.issuer;
	n->doc_number = pool_printf(g->p, "%s〔%d〕%lld号", g->ds->key[0] == 'z' ? "浙公资" : "公资", year, serial);
	n->subject = "综合政务/公共资源配置";
	n->formed_on = pool_strdup(g->p, fdate);
	n->published_at = pool_printf(g->p, "%s %02u:%02u:%02u", pdate, 8 + demo_rnd(&g->r, 10), demo_rnd(&g->r, 60),
	                              demo_rnd(&g->r, 60));
	n->validity = "有效";
	n->category_code = code;
	n->decision_kind = has_limit(cat) ? "licensing-penalty" : "general";
	n->status = "published";
	n->body = body_of(&s, attr_of(g->p, xmlDocGetRootElement(g->catalog), "source"), n->title,
	                  one_project ? pool_printf(g->p, "%s%s", g->ds->place, where) : NULL);
	/* Every seventh notice leaves out an item or two, so completeness has something to show. */
	bool gaps = demo_rnd(&g->r, 7) == 0;
	const char *stage = publication_of(g->p, cat, serial);
	for (xmlNodePtr c = cat->children; c != NULL && n->nitems < NOTICE_MAX_ITEMS; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || !xmlStrEqual(c->name, (const xmlChar *)"item"))
			continue;
		if (!demo_gives(g->p, c, stage) || (gaps && demo_rnd(&g->r, 3) == 0))
			continue;
		xmlChar *label = xmlNodeGetContent(c);
		n->items[n->nitems].code = attr_of(g->p, c, "code");
		n->items[n->nitems].value = demo_item_value(&s, (const char *)label);
		n->nitems++;
		xmlFree(label);
	}
}

/* The categories notices are filed on: those without sub-categories, in the catalog's order. */
struct cat_list {
	xmlNodePtr nodes[1024];
	size_t n;
};

static void collect_leaves(xmlNodePtr node, struct cat_list *l)
{
	for (xmlNodePtr c = node->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE ||
		    (!xmlStrEqual(c->name, (const xmlChar *)"domain") && !xmlStrEqual(c->name, (const xmlChar *)"category")))
			continue;
		size_t before = l->n;
		collect_leaves(c, l);
		if (xmlStrEqual(c->name, (const xmlChar *)"category") && l->n == before && l->n < 1024)
			l->nodes[l->n++] = c;
	}
}

static int add_notices(const struct app *app, struct db *db, const struct demo_site *ds, long long count,
                       unsigned long long seed, FILE *out)
{
	xmlDocPtr catalog = app_catalog(app, ds->variant);
	if (catalog == NULL) {
		fprintf(stderr, "xxgkctl: no catalog for variant %s\n", ds->variant);
		return 1;
	}
	struct cat_list cats = {.n = 0};
	collect_leaves(xmlDocGetRootElement(catalog), &cats);
	struct pool *sp = pool_new();
	struct site site;
	if (site_by_key(db, sp, app, ds->key, &site) != XE_OK) {
		fprintf(stderr, "xxgkctl: site %s missing\n", ds->key);
		pool_free(sp);
		return 1;
	}
	struct gen g = {ds, catalog, NULL, {seed}, today_local()};
	/* count < 0: two notices in every category (the demo); else count spread over categories. */
	long long total = count < 0 ? (long long)cats.n * 2 : count;
	bool tty = isatty(fileno(out));
	int rc = 0;
	for (long long i = 0; i < total && rc == 0; i += 500) {
		g.p = pool_new();
		if (db_begin(db) != XE_OK) {
			rc = 1;
		}
		for (long long k = i; k < total && k < i + 500 && rc == 0; k++) {
			struct notice_in n;
			int32_t pub;
			make_notice(&g, cats.nodes[(size_t)(k % (long long)cats.n)], k + 1, &n, &pub);
			/* A few stay drafts, for the staff console. */
			if (count < 0 && k % 23 == 5)
				n.status = "draft";
			const char *field, *message;
			if (n.issuer == NULL) {
				fprintf(stderr, "xxgkctl: no demo body for %s %s\n", ds->key, n.category_code);
				rc = 1;
			} else if (!notice_validate(app, g.p, &site, &n, &field, &message)) {
				fprintf(stderr, "xxgkctl: generated notice invalid: %s %s\n", field, message);
				rc = 1;
			} else if (notice_save(db, g.p, &site, &n, NULL) != XE_OK) {
				fprintf(stderr, "xxgkctl: %s\n", db_error(db));
				rc = 1;
			}
		}
		if (rc == 0 && db_commit(db) != XE_OK)
			rc = 1;
		if (rc != 0)
			db_rollback(db);
		pool_free(g.p);
		if (tty)
			fprintf(out, "\r%s: %lld/%lld", ds->key, i + 500 < total ? i + 500 : total, total);
	}
	if (tty)
		fputc('\n', out);
	pool_free(sp);
	return rc;
}

/* One body's record, parsed with the console's declared fields and saved with its audit entry. */
static enum xerr demo_body(struct db *db, struct pool *p, const struct demo_site *ds, long long site_id, int k,
                           const char *name, bool receives)
{
	const char *vals[BF__N] = {
		[BF_NAME] = name,
		[BF_ADDRESS] = pool_printf(p, "%s%d号", ds->street, 1 + 2 * k),
		[BF_POSTCODE] = ds->postcode,
		[BF_PHONE] = pool_printf(p, "%s-21%05d", ds->area, 3100 + 17 * k),
		[BF_FAX] = pool_printf(p, "%s-21%05d", ds->area, 3101 + 17 * k),
		[BF_HOURS] = "法定工作日上午9:00—12:00，下午14:00—17:30",
		[BF_REVIEW_BODY] = ds->government,
		[BF_COURT] = ds->court,
		[BF_RECEIVES] = receives ? "1" : "0",
	};
	struct form f;
	memset(&f, 0, sizeof f);
	for (int i = 0; i < BF__N; i++)
		if (vals[i] != NULL)
			form_add(p, &f, body_fields[i].name, vals[i]);
	struct field_value v[BF__N];
	struct field_error err;
	if (!form_parse(p, &f, body_fields, v, &err))
		return XE_INTERNAL;
	struct audit_entry who = {.site_id = site_id, .actor = "xxgkctl", .actor_ip = ""};
	long long id;
	return body_save(db, p, &who, 0, v, &id);
}

/* The site's bodies: the office that receives requests and every unit its document names for a
 * domain (the notices' issuers and the staff's bodies among them). */
static int demo_bodies(struct db *db, struct pool *p, const struct demo_site *ds)
{
	enum xerr e;
	const char *site = db_value(db, p, &e, "SELECT id FROM sites WHERE site_key = ?", "s", ds->key);
	long long site_id = site ? strtoll(site, NULL, 10) : 0;
	if (e == XE_OK)
		e = db_begin(db);
	if (e == XE_OK)
		e = demo_body(db, p, ds, site_id, 0, ds->office, true);
	int k = 1;
	for (const struct domain_units *u = ds->units; u->domain != NULL; u++)
		for (size_t i = 0; i < 6 && u->units[i] != NULL && e == XE_OK; i++) {
			const char *name = unit_name(p, ds, u->units[i]);
			struct body seen;
			if ((e = body_named(db, p, site_id, name, &seen)) == XE_NOT_FOUND)
				e = demo_body(db, p, ds, site_id, k++, name, false);
		}
	if (e == XE_OK)
		e = db_commit(db);
	if (e != XE_OK) {
		db_rollback(db);
		fprintf(stderr, "xxgkctl: demo bodies for %s: %s\n", ds->key, db_error(db));
		return 1;
	}
	return 0;
}

/* admin, approver and staff on the site, password xxgk-demo; staff serve two bodies. */
static int demo_accounts(struct db *db, struct pool *p, const struct demo_site *ds)
{
	static const char *const roles[][3] = {
		{"admin", "admin", "网站管理员"}, {"approver", "approver", "审核人"}, {"staff", "staff", "工作人员"}};
	const char *hash = password_hash(p, "xxgk-demo");
	if (hash == NULL)
		return 1;
	enum xerr e = db_begin(db);
	for (size_t k = 0; k < 3 && e == XE_OK; k++)
		e = db_exec(db,
		            "INSERT INTO users (site_id, login, display_name, password_hash, role) "
		            "SELECT id, ?, ?, ?, ? FROM sites WHERE site_key = ?",
		            "sssss", roles[k][0], roles[k][2], hash, roles[k][1], ds->key);
	for (size_t k = 0; k < 2 && e == XE_OK; k++)
		e = db_exec(db,
		            "INSERT INTO user_bodies (user_id, body_id, body) SELECT u.id, b.id, b.name FROM users u "
		            "JOIN sites s ON s.id = u.site_id JOIN bodies b ON b.site_id = s.id AND b.name = ? "
		            "WHERE s.site_key = ? AND u.login = 'staff'",
		            "ss", ds->staff_bodies[k], ds->key);
	struct audit_entry ae = {0, "xxgkctl", "", "user.add", "user", 0, NULL, NULL, "演示账号 admin、approver、staff"};
	if (e == XE_OK)
		e = audit_write(db, &ae);
	if (e == XE_OK)
		e = db_commit(db);
	if (e != XE_OK) {
		db_rollback(db);
		fprintf(stderr, "xxgkctl: demo accounts for %s: %s\n", ds->key, db_error(db));
		return 1;
	}
	return 0;
}

/* Demo disclosure requests in every state, filed and handled through the same code as the web
 * (ysqgk_file, ysqgk_workflow_apply), as the site's admin, with receipt dates over the last 15
 * months so that the annual report of this year and last has something in every part. */
static const char *const applicants[][3] = {
	{"person", "", "张伟"}, {"person", "", "李娜"}, {"organization", "commercial", "某建设工程有限公司"},
	{"organization", "research", "某大学公共管理研究所"}, {"organization", "public-interest", "某环保公益基金会"},
	{"organization", "legal-services", "某律师事务所"}, {"organization", "other", "某业主委员会"},
};

/* What the demo's letters say where staff would write it. */
static const char *const unclear = "请写明所需信息的项目名称或者文号，以及所属年度";
static const char *const withheld = "其中投标人的报价明细涉及第三方商业秘密，第三方不同意公开";

static int demo_requests(const struct app *app, struct db *db, const struct demo_site *ds, FILE *out)
{
	struct pool *p = pool_new();
	struct request req;
	memset(&req, 0, sizeof req);
	struct calendar *cal = NULL;
	req.pool = p;
	req.app = app;
	req.db = db;
	req.calendar_slot = &cal;
	req.remote_addr = "127.0.0.1";
	req.method = "POST";
	req.today = today_local();
	struct site site;
	int rc = 1;
	if (site_by_key(db, p, app, ds->key, &site) != XE_OK)
		goto done;
	req.site = &site;
	const char *uid = NULL;
	enum xerr e;
	uid = db_value(db, p, &e, "SELECT id FROM users WHERE site_id = ? AND login = 'admin'", "i", site.id);
	struct user admin = {uid ? strtoll(uid, NULL, 10) : 0, "admin", "admin", "网站管理员", site.id, "", "", "", 0, ROLE_ADMIN};
	req.user = &admin;
	struct demo_rng r = {0xacce55ULL + (unsigned long long)site.id};
	const char *body = ds->staff_bodies[0];
	/* 24 requests: received 450..10 days ago, each taken along one path of the workflow. */
	for (int i = 0; i < 24; i++) {
		const char *const *a = applicants[i % 7];
		struct ysqgk_in in;
		memset(&in, 0, sizeof in);
		in.applicant_type = a[0];
		in.org_kind = *a[1] ? a[1] : NULL;
		in.name = a[2];
		in.org_code = strcmp(a[0], "organization") == 0 ? "91530900MA6K000009" : "";
		in.legal_rep = strcmp(a[0], "organization") == 0 ? "王强" : "";
		in.contact = "";
		in.id_type = "resident-id";
		in.id_number = "11010519491231002X";
		in.phone = pool_printf(p, "1380000%04u", demo_rnd(&r, 10000));
		in.email = "";
		struct demo_subject who = {p, &r, ds->place, ds->counties, NULL, NULL, NULL, req.today};
		in.address = demo_address(&who);
		in.postcode = "677000";
		in.description = pool_printf(p, "%s%s的%s", ds->place, projects[demo_rnd(&r, 16)],
		                             (const char *const[]){"招标文件及中标结果", "财政资金拨付明细", "土地出让合同",
		                                                   "保障性住房分配名单", "项目审批文件"}[demo_rnd(&r, 5)]);
		in.doc_number = "";
		in.form = "electronic";
		in.delivery = "email";
		in.channel = i % 3 == 0 ? "online" : (i % 3 == 1 ? "registered-post" : "in-person");
		in.received_on = req.today - 10 - (int32_t)(i * 18 + demo_rnd(&r, 12));
		struct ysqgk_receipt rc_;
		if (db_begin(db) != XE_OK || ysqgk_file(&req, &in, &rc_) != XE_OK ||
		    db_exec(db, "UPDATE requests SET assigned_body = ? WHERE id = ?", "si", body, rc_.id) != XE_OK ||
		    ysqgk_fee_recount(&req, rc_.id, in.received_on) != XE_OK ||
		    db_commit(db) != XE_OK) {
			db_rollback(db);
			fprintf(stderr, "xxgkctl: demo request: %s\n", db_error(db));
			goto done;
		}
		int32_t t0 = in.received_on;
		struct ysqgk_step s[5];
		size_t n = 0;
		memset(s, 0, sizeof s);
		static const char *const outcomes[][2] = {{"disclosed", ""}, {"partly-disclosed", ""}, {"not-disclosed", "4"},
		                                          {"cannot-provide", "1"}, {"not-processed", "2"}, {"not-disclosed", "6"},
		                                          {"cannot-provide", "2"}};
		switch (i % 8) {
		case 0: /* answered, then closed */
			s[n++] = (struct ysqgk_step){.action = ACT_ACCEPT, .on = t0 + 1};
			s[n++] = (struct ysqgk_step){.action = ACT_ANSWER, .on = t0 + 12, .outcome = outcomes[i % 7][0], .reason_code = outcomes[i % 7][1], .reasons = withheld};
			s[n++] = (struct ysqgk_step){.action = ACT_CLOSE, .on = t0 + 14};
			break;
		case 1: /* correction, corrected, answered */
			s[n++] = (struct ysqgk_step){.action = ACT_REQUEST_CORRECTION, .on = t0 + 2, .days = 15, .what = unclear};
			s[n++] = (struct ysqgk_step){.action = ACT_CORRECTED, .on = t0 + 6};
			s[n++] = (struct ysqgk_step){.action = ACT_ANSWER, .on = t0 + 9, .outcome = outcomes[(i + 3) % 7][0], .reason_code = outcomes[(i + 3) % 7][1], .reasons = withheld};
			break;
		case 2: /* correction never came: abandoned */
			s[n++] = (struct ysqgk_step){.action = ACT_REQUEST_CORRECTION, .on = t0 + 1, .days = 5, .what = unclear};
			if (req.today - t0 > 12)
				s[n++] = (struct ysqgk_step){.action = ACT_ABANDON, .on = req.today};
			break;
		case 3: /* third-party consultation, then answered partly */
			s[n++] = (struct ysqgk_step){.action = ACT_ACCEPT, .on = t0 + 1};
			s[n++] = (struct ysqgk_step){.action = ACT_CONSULT, .on = t0 + 3, .third_party = demo_company(&who)};
			s[n++] = (struct ysqgk_step){.action = ACT_CONSULT_RECEIVED, .on = t0 + 5};
			s[n++] = (struct ysqgk_step){.action = ACT_CONSULT_END, .on = t0 + 8, .answer = TP_OBJECTED};
			s[n++] = (struct ysqgk_step){.action = ACT_ANSWER, .on = t0 + 9, .outcome = "partly-disclosed", .reason_code = "", .reasons = withheld};
			break;
		case 4: /* extended, still open */
			s[n++] = (struct ysqgk_step){.action = ACT_ACCEPT, .on = t0 + 1};
			s[n++] = (struct ysqgk_step){.action = ACT_EXTEND, .on = t0 + 3, .days = 20, .reasons = "所需信息分散在多个年度的档案中，需要逐卷检索"};
			break;
		case 5: /* withdrawn */
			s[n++] = (struct ysqgk_step){.action = ACT_WITHDRAW, .on = t0 + 2};
			break;
		case 6: /* in progress */
			s[n++] = (struct ysqgk_step){.action = ACT_ACCEPT, .on = t0 + 1};
			break;
		default: /* just registered */
			break;
		}
		for (size_t k = 0; k < n; k++) {
			if (s[k].on > req.today)
				break; /* a step in the future has not happened yet */
			struct ysqgk_step_result wr;
			const char *msg = NULL;
			if (ysqgk_workflow_apply(&req, rc_.id, &s[k], &wr, &msg) != XE_OK) {
				fprintf(stderr, "xxgkctl: demo request %s step %s: %s\n", rc_.tracking_no,
				        ysqgk_action_name(s[k].action), msg ? msg : db_error(db));
				break;
			}
		}
	}
	fprintf(out, "demo site %s: 24 disclosure requests in every state\n", ds->key);
	rc = 0;
done:
	calendar_free(cal);
	pool_free(p);
	return rc;
}

/* The demo sites' 网站标识码: the region's code and a serial, as the register forms them
 * (the demo CMS footer shows Lincang's). Demonstration values. */
static const char *demo_id_code(const char *key)
{
	static const char *const codes[][2] = {{"lincang", "5309000001"}, {"yancheng", "3209000001"},
	                                       {"qinghai", "6300000001"}, {"zhejiang", "3300000001"},
	                                       {"shanwei", "4415000001"}};
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
		if (strcmp(codes[i][0], key) == 0)
			return codes[i][1];
	return "";
}

int demo_setup(const struct app *app, struct db *db, FILE *out)
{
	struct pool *p = pool_new();
	int rc = 0;
	for (size_t i = 0; i < sizeof demo_sites / sizeof demo_sites[0] && rc == 0; i++) {
		const struct demo_site *ds = &demo_sites[i];
		enum xerr e;
		const char *exists = db_value(db, p, &e, "SELECT id FROM sites WHERE site_key = ?", "s", ds->key);
		if (e != XE_OK) {
			rc = 1;
			break;
		}
		if (exists != NULL)
			continue;
		e = db_exec(db, "INSERT INTO sites (site_key, name, variant, org_code, domain, id_code) VALUES (?, ?, ?, ?, ?, ?)",
		            "ssssss", ds->key, ds->name, ds->variant, ds->org_code, ds->domain, demo_id_code(ds->key));
		if (e != XE_OK) {
			fprintf(stderr, "xxgkctl: cannot create site %s: %s\n", ds->key, db_error(db));
			rc = 1;
			break;
		}
		rc = demo_bodies(db, p, ds);
		if (rc == 0)
			rc = add_notices(app, db, ds, -1, 0x5eed0000ULL + i, out);
		if (rc == 0)
			rc = demo_accounts(db, p, ds);
		if (rc == 0)
			rc = demo_requests(app, db, ds, out);
		if (rc == 0)
			fprintf(out, "demo site %s (%s) created with notices in every category\n", ds->key, ds->variant);
	}
	pool_free(p);
	return rc;
}

int demo_notices(const struct app *app, struct db *db, const char *key, long long n, FILE *out)
{
	int rc = 0, matched = 0;
	for (size_t i = 0; i < sizeof demo_sites / sizeof demo_sites[0] && rc == 0; i++) {
		if (key != NULL && strcmp(key, demo_sites[i].key) != 0)
			continue;
		matched++;
		rc = add_notices(app, db, &demo_sites[i], n, 0xbeef0000ULL + (unsigned long long)time(NULL), out);
		if (rc == 0)
			fprintf(out, "added %lld notices to %s\n", n, demo_sites[i].key);
	}
	if (matched == 0) {
		fprintf(stderr, "xxgkctl demo-data: %s is not a demo site\n", key);
		return 1;
	}
	return rc;
}
