#include "ctl/demo_items.h"
#include "core/text.h"
#include <string.h>

unsigned demo_rnd(struct demo_rng *r, unsigned n)
{
	r->s = r->s * 6364136223846793005ULL + 1442695040888963407ULL;
	return n ? (unsigned)((r->s >> 33) % n) : 0;
}

#define PICK(s, list) ((list)[demo_rnd((s)->r, sizeof(list) / sizeof(list)[0])])

static const char *const firm_names[] = {"华宇", "中建", "恒信", "永达", "泰和", "鼎盛", "广源", "宏图", "博远", "瑞丰"};
static const char *const firm_kinds[] = {"建设工程有限公司", "工程咨询有限公司", "信息技术股份有限公司", "建筑设计研究院有限公司",
                                         "市政工程集团有限公司", "医疗器械有限公司", "物业服务有限公司", "矿业开发有限公司"};
static const char *const surnames[] = {"张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "马", "朱"};
static const char *const given[] = {"建国", "丽华", "志强", "海燕", "明", "伟", "静", "晓东", "红梅", "国庆", "文军", "秀兰"};
static const char *const titles[] = {"高级工程师", "正高级工程师", "高级会计师", "教授", "副教授", "高级经济师"};
static const char *const roads[] = {"人民路", "建设路", "滨江大道", "南屏街", "团结路", "文化路", "新华路", "兴业路"};

const char *demo_county(struct demo_subject *s)
{
	size_t n = 0;
	while (s->counties[n])
		n++;
	return s->counties[demo_rnd(s->r, (unsigned)n)];
}

const char *demo_company(struct demo_subject *s)
{
	return pool_printf(s->p, "%s%s%s", s->place, PICK(s, firm_names), PICK(s, firm_kinds));
}

const char *demo_person(struct demo_subject *s)
{
	return pool_printf(s->p, "%s%s", PICK(s, surnames), PICK(s, given));
}

const char *demo_address(struct demo_subject *s)
{
	return pool_printf(s->p, "%s%s%s%u号", s->place, demo_county(s), PICK(s, roads), 1 + demo_rnd(s->r, 300));
}

/* Somewhere in the project's own county. */
static const char *site_address(struct demo_subject *s)
{
	return pool_printf(s->p, "%s%s%s%u号", s->place, s->where, PICK(s, roads), 1 + demo_rnd(s->r, 300));
}

static const char *buyer(struct demo_subject *s)
{
	static const char *const institutions[] = {"人民医院", "第一中学", "疾病预防控制中心", "图书馆", "职业技术学院"};
	return pool_printf(s->p, "%s%s", s->place, PICK(s, institutions));
}

static const char *phone(struct demo_subject *s)
{
	return pool_printf(s->p, "0%u-%07u", 800 + demo_rnd(s->r, 99), 2000000 + demo_rnd(s->r, 7000000));
}

static const char *amount(struct demo_subject *s, unsigned lo, unsigned span)
{
	return pool_printf(s->p, "人民币%u.%02u万元", lo + demo_rnd(s->r, span), demo_rnd(s->r, 100));
}

static const char *date(struct demo_subject *s, int32_t back)
{
	char d[11];
	format_date(s->today - back - (int32_t)demo_rnd(s->r, 300), d);
	return pool_strdup(s->p, d);
}

/* What an item asks for, read from the words of its label (the first rule that matches). */
enum kind {
	K_TEXT, K_CONTACT_PAIR, K_CONTACT_PERSON, K_CONTACT, K_EXPERTS, K_OFFICERS, K_RANKING, K_PERSON, K_OBJECTION,
	K_REMEDY, K_PAYMENT, K_DOCUMENT, K_GOODS, K_GOV, K_GOV_ADDRESS, K_PRICE_AUTHORITY, K_FEE, K_FAR, K_DENSITY,
	K_GREEN, K_COORDINATES, K_LAND_STRUCTURE, K_HECTARES, K_AREA, K_AMOUNT, K_LAND_YEARS, K_YEARS,
	K_DAYS, K_WORKDAYS, K_WHEN_WHERE, K_SCHEDULE, K_DATE, K_PLACE, K_PROJECT_CODE, K_LICENCE, K_INVEST_CODE, K_CODE,
	K_CERT, K_ELEVATION, K_RESERVE, K_CAPACITY, K_WEIGHT, K_COUNT, K_HOMES, K_MINERAL, K_LAND_USE, K_METHOD,
	K_GRADE, K_QUALITY, K_PROGRESS, K_CONDITIONS, K_OWNER, K_BUYER, K_AGENT, K_COMPANY, K_PROJECT, K_OBJECT,
	K_PROFILE, K_RECOMMENDATION, K_VIOLATION, K_STEP, K_NAME_DATE, K_CORRECTION, K_DRUG, K_DRUG_TYPE, K_SPEC, K_MODEL, K_POLLUTANT, K_PRICE_RULE, K_DISCOUNT, K_LATE_FINE,
};

static const struct {
	const char *word;
	enum kind kind;
} rules[] = {
	{"推荐意见", K_RECOMMENDATION}, {"名称及首次公告日期", K_NAME_DATE}, {"名称及采购日期", K_NAME_DATE},
	{"更正事项", K_CORRECTION}, {"采购代理机构名称", K_CONTACT_PAIR}, {"采购代理机构的名称", K_CONTACT_PAIR}, {"财政部门的联系地址", K_CONTACT_PAIR},
	{"联系人姓名和电话", K_CONTACT_PERSON}, {"联系方式", K_CONTACT}, {"名称与地址", K_GOV_ADDRESS}, {"名称及地址", K_CONTACT},
	{"名称、地址", K_CONTACT}, {"专家名单", K_EXPERTS}, {"评审专家", K_EXPERTS}, {"专业人员的姓名", K_EXPERTS},
	{"签名", K_OFFICERS}, {"违法行为", K_VIOLATION},
	{"违法失信行为的具体情形", K_VIOLATION}, {"排序", K_RANKING}, {"负责人", K_PERSON}, {"异议", K_OBJECTION}, {"投诉渠道", K_OBJECTION},
	{"投诉方式", K_OBJECTION}, {"救济途径", K_REMEDY}, {"缴款途径", K_PAYMENT}, {"全文", K_DOCUMENT},
	{"文件和公告", K_DOCUMENT}, {"规格型号、数量", K_GOODS}, {"价格主管部门", K_PRICE_AUTHORITY}, {"执法机关", K_GOV},
	{"考核单位", K_GOV}, {"集中采购机构名称", K_AGENT}, {"收费标准", K_FEE}, {"容积率", K_FAR}, {"建筑密度", K_DENSITY},
	{"绿地率", K_GREEN}, {"矿业权基本情况", K_OBJECT}, {"矿业权简要情况", K_OBJECT}, {"基本情况", K_PROFILE},
	{"处罚种类", K_METHOD}, {"申请类型", K_METHOD}, {"药品", K_DRUG}, {"种类", K_DRUG}, {"类型", K_DRUG_TYPE},
	{"规格品名", K_MODEL}, {"规格型号", K_MODEL}, {"规格", K_SPEC}, {"交易品种", K_POLLUTANT}, {"坐标", K_COORDINATES}, {"供应结构", K_LAND_STRUCTURE}, {"供应总量", K_HECTARES},
	{"面积", K_AREA}, {"价格调整规则", K_PRICE_RULE}, {"优惠条件", K_DISCOUNT}, {"加处罚款的标准", K_LATE_FINE},
	{"金额", K_AMOUNT}, {"价格", K_AMOUNT}, {"报价", K_AMOUNT}, {"底价", K_AMOUNT}, {"起始价", K_AMOUNT},
	{"中标价", K_AMOUNT}, {"暂估价", K_AMOUNT}, {"加价幅度", K_STEP}, {"单价", K_AMOUNT}, {"预算", K_AMOUNT},
	{"总额", K_AMOUNT}, {"收入", K_AMOUNT}, {"利润", K_AMOUNT}, {"权益", K_AMOUNT}, {"数额", K_AMOUNT},
	{"安排数", K_AMOUNT}, {"补助标准", K_AMOUNT}, {"出让年限", K_LAND_YEARS}, {"年限", K_YEARS}, {"采购周期", K_YEARS},
	{"工期", K_DAYS}, {"公示的期限", K_WORKDAYS}, {"时间、", K_WHEN_WHERE}, {"时间及", K_WHEN_WHERE},
	{"时间安排", K_SCHEDULE}, {"时间规定", K_SCHEDULE}, {"日期", K_DATE}, {"有效期止", K_DATE}, {"时间", K_DATE},
	{"地点", K_PLACE}, {"位置", K_PLACE}, {"坐落", K_PLACE}, {"界址", K_PLACE}, {"布局", K_PLACE},
	{"项目编号", K_PROJECT_CODE}, {"许可证号", K_LICENCE}, {"统一代码", K_INVEST_CODE}, {"编号", K_CODE},
	{"证书", K_CERT}, {"标高", K_ELEVATION}, {"储量", K_RESERVE}, {"生产规模", K_CAPACITY}, {"重量", K_WEIGHT},
	{"数量", K_COUNT}, {"任务量", K_HOMES}, {"矿种", K_MINERAL}, {"用途", K_LAND_USE}, {"用地性质", K_LAND_USE},
	{"方式", K_METHOD}, {"信用等级", K_GRADE}, {"评定等级", K_QUALITY}, {"进度", K_PROGRESS}, {"条件", K_CONDITIONS},
	{"资格要求", K_CONDITIONS}, {"竞买要求", K_CONDITIONS}, {"招标人", K_OWNER}, {"采购人", K_BUYER},
	{"代理机构", K_AGENT}, {"采购机构", K_AGENT}, {"供应商", K_COMPANY}, {"中标人", K_COMPANY}, {"中标单位", K_COMPANY},
	{"受让单位", K_COMPANY}, {"企业", K_COMPANY}, {"矿业权人", K_COMPANY}, {"转让主体", K_COMPANY},
	{"当事人名称", K_COMPANY}, {"项目名称", K_PROJECT}, {"标的名称", K_PROJECT}, {"矿业权名称", K_PROJECT},
	{"标的基本概况", K_OBJECT}, {"竞买标的", K_OBJECT}, {"转让标的", K_OBJECT},
};

static enum kind kind_of(const char *label)
{
	if (strcmp(label, "名称") == 0)
		return K_COMPANY; /* 中标候选人的名称 */
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
		if (strstr(label, rules[i].word) != NULL)
			return rules[i].kind;
	return K_TEXT;
}

static const char *method(struct demo_subject *s, const char *label)
{
	static const struct {
		const char *word, *value;
	} methods[] = {
		{"采购方式", "公开招标"},     {"出让方式", "挂牌出让"},     {"转让方式", "公开挂牌转让"}, {"竞价方式", "网络竞价"},
		{"缴纳方式", "一次性缴纳"},   {"供应方式", "招标拍卖挂牌出让"}, {"预审方式", "合格制"},   {"包装方式", "纸箱包装"},
		{"招标方式", "公开招标"},     {"处罚种类", "警告、罚款"},   {"申请类型", "采矿权新立"},
	};
	for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
		if (strstr(label, methods[i].word) != NULL)
			return methods[i].value;
	return pool_printf(s->p, "%s%s按相关规定确定", s->project, label);
}

static const char *contact_pair(struct demo_subject *s)
{
	return pool_printf(s->p, "采购人：%s，地址：%s，电话：%s；采购代理机构：%s，地址：%s，电话：%s", buyer(s), demo_address(s),
	                   phone(s), demo_company(s), demo_address(s), phone(s));
}

static const char *experts(struct demo_subject *s)
{
	const char *list = "";
	for (int i = 0; i < 5; i++)
		list = pool_printf(s->p, "%s%s%s（%s%s）", list, i ? "、" : "", demo_person(s), demo_company(s), PICK(s, titles));
	return list;
}

static const char *ranking(struct demo_subject *s)
{
	return pool_printf(s->p, "第一名：%s；第二名：%s；第三名：%s", demo_company(s), demo_company(s), demo_company(s));
}

/* Values that are people, bodies, places and documents. */
static const char *who_or_where(struct demo_subject *s, enum kind k, const char *label)
{
	switch (k) {
	case K_CONTACT_PAIR: return contact_pair(s);
	case K_CONTACT_PERSON: return pool_printf(s->p, "%s，%s", demo_person(s), phone(s));
	case K_CONTACT: return pool_printf(s->p, "%s，地址：%s，电话：%s", demo_company(s), demo_address(s), phone(s));
	case K_EXPERTS: return experts(s);
	case K_OFFICERS: return pool_printf(s->p, "执法人员%s、%s已签名", demo_person(s), demo_person(s));
	case K_RANKING: return ranking(s);
	case K_PERSON: return pool_printf(s->p, "%s（一级注册建造师）", demo_person(s));
	case K_OBJECTION: return pool_printf(s->p, "以书面形式向%s提出，地址：%s，电话：%s", s->issuer, demo_address(s), phone(s));
	case K_REMEDY:
		return pool_printf(s->p, "可自收到决定书之日起六十日内向%s人民政府申请行政复议，或者六个月内向人民法院提起行政诉讼",
		                   s->place);
	case K_PAYMENT: return "自收到行政处罚决定书之日起十五日内，到指定银行缴纳";
	case K_DOCUMENT: return pool_printf(s->p, "《%s》，共%u页", demo_joined(s->p, s->project, label), 20 + demo_rnd(s->r, 80));
	case K_GOV: return s->issuer;
	case K_GOV_ADDRESS: return pool_printf(s->p, "%s，地址：%s", s->issuer, demo_address(s));
	case K_PRICE_AUTHORITY: return pool_printf(s->p, "%s发展和改革委员会", s->place);
	case K_PLACE: return site_address(s);
	case K_OWNER: return pool_printf(s->p, "%s城市建设投资集团有限公司", s->place);
	case K_BUYER: return buyer(s);
	case K_AGENT: return pool_printf(s->p, "%s%s招标代理有限公司", s->place, PICK(s, firm_names));
	case K_COMPANY: return demo_company(s);
	case K_PROJECT: return s->project;
	case K_OBJECT: return pool_printf(s->p, "%s，位于%s", s->project, site_address(s));
	case K_RECOMMENDATION:
		return pool_printf(s->p, "采购人推荐%s；评审专家%s推荐%s", demo_company(s), demo_person(s), demo_company(s));
	case K_NAME_DATE: return pool_printf(s->p, "%s，%s", s->project, date(s, 60));
	case K_CORRECTION: return pool_printf(s->p, "更正采购文件第三章技术参数，更正日期%s", date(s, 20));
	case K_VIOLATION: return pool_printf(s->p, "%s在%s中提供虚假材料谋取中标", demo_company(s), s->project);
	default: return NULL;
	}
}

/* Values that are amounts, sizes, counts and times. */
static const char *how_much(struct demo_subject *s, enum kind k)
{
	unsigned n = demo_rnd(s->r, 900);
	switch (k) {
	case K_GOODS: return pool_printf(s->p, "台式计算机（i5/16GB/512GB）%u台，单价人民币4%03u元", 20 + n % 200, n);
	case K_FEE: return pool_printf(s->p, "按中标金额的1.%u%%收取，收费金额%s", n % 9, amount(s, 1, 30));
	case K_FAR: return pool_printf(s->p, "不大于%u.%u", 1 + n % 3, n % 10);
	case K_DENSITY: return pool_printf(s->p, "不大于%u%%", 25 + n % 20);
	case K_GREEN: return pool_printf(s->p, "不小于%u%%", 30 + n % 10);
	case K_COORDINATES:
		return pool_printf(s->p, "由4个拐点圈定（2000国家大地坐标系，1号拐点X=2%06u，Y=35%06u），面积0.%02u平方千米", 100000 + n,
		                   400000 + n * 3, 10 + n % 80);
	case K_LAND_STRUCTURE:
		return pool_printf(s->p, "住宅用地%u.%u公顷，商服用地%u.%u公顷，工业用地%u.%u公顷", 10 + n % 40, n % 10, 3 + n % 9,
		                   n % 7, 20 + n % 30, n % 5);
	case K_HECTARES: return pool_printf(s->p, "%u.%02u公顷", 60 + n, n % 100);
	case K_AREA: return pool_printf(s->p, "%u.%02u平方米", 1000 + n * 97, n % 100);
	case K_AMOUNT: return amount(s, 50, 9000);
	case K_LAND_YEARS:
		if (strstr(s->project, "地块") == NULL)
			return pool_printf(s->p, "%u年", 5 + n % 10);
		return (const char *const[]){"住宅用地70年", "商服用地40年", "工业用地50年"}[n % 3];
	case K_STEP: return amount(s, 1, 20);
	case K_YEARS: return pool_printf(s->p, "%u年", 1 + n % 3);
	case K_DAYS: return pool_printf(s->p, "%u日历天", 90 + n);
	case K_WORKDAYS: return "5个工作日";
	case K_WHEN_WHERE: return pool_printf(s->p, "%s 09:30，%s公共资源交易中心", date(s, -30), s->place);
	case K_SCHEDULE: return pool_printf(s->p, "%s至%s挂牌，%s竞价", date(s, 40), date(s, 20), date(s, 10));
	case K_DATE: return date(s, 30);
	case K_ELEVATION: return pool_printf(s->p, "由%u米至%u米标高", 1800 + n, 1500 + n);
	case K_RESERVE: return pool_printf(s->p, "%u.%u万吨", 50 + n, n % 10);
	case K_CAPACITY: return pool_printf(s->p, "%u万吨/年", 5 + n % 50);
	case K_WEIGHT: return pool_printf(s->p, "%u件，共%u千克", 10 + n % 90, 100 + n);
	case K_COUNT: return pool_printf(s->p, "%u（台、套）", 5 + n % 300);
	case K_HOMES: return pool_printf(s->p, "%u套", 200 + n * 3);
	case K_PROGRESS: return pool_printf(s->p, "已完成%u%%", 20 + n % 80);
	default: return NULL;
	}
}

/* Values that are codes, names of things and short statements. */
static const char *what(struct demo_subject *s, enum kind k, const char *label)
{
	unsigned n = demo_rnd(s->r, 900000);
	int y;
	unsigned m, d;
	civil_from_days(s->today, &y, &m, &d);
	switch (k) {
	case K_PROJECT_CODE: return pool_printf(s->p, "%s（编号GGZY-%d-%06u）", s->project, y, n);
	case K_LICENCE: return pool_printf(s->p, "C53%04u%d%06u", n % 10000, y, n);
	case K_INVEST_CODE: return pool_printf(s->p, "%d-%06u-48-01-%06u", y, 100000 + n % 800000, n);
	case K_CODE: return pool_printf(s->p, "%d-%05u", y, n % 100000);
	case K_CERT: return pool_printf(s->p, "一级注册建造师，证书编号%06u", n);
	case K_MINERAL: return (const char *const[]){"建筑用灰岩", "建筑用砂岩", "水泥用石灰岩"}[n % 3];
	case K_LAND_USE: return (const char *const[]){"住宅用地", "商服用地", "工业用地"}[n % 3];
	case K_METHOD: return method(s, label);
	case K_GRADE: return (const char *const[]){"AAA", "AA", "A"}[n % 3];
	case K_QUALITY: return "合格";
	case K_PRICE_RULE: return "入围价格每季度按市场价格变动调整一次，调整幅度不超过5%";
	case K_DISCOUNT: return pool_printf(s->p, "单次采购%u台（套）以上，在入围价格基础上再优惠3%%", 10 + n % 40);
	case K_LATE_FINE: return "到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款";
	case K_DRUG: return (const char *const[]){"注射用头孢曲松钠等32个品种", "冠脉药物洗脱支架等8类耗材", "彩色多普勒超声诊断仪"}[n % 3];
	case K_DRUG_TYPE: return (const char *const[]){"化学药品", "高值医用耗材", "乙类大型医用设备"}[n % 3];
	case K_SPEC: return (const char *const[]){"1g/支，10支/盒", "3.0mm×18mm", "0.5g×24片/盒"}[n % 3];
	case K_MODEL: return pool_printf(s->p, "XG-%u型", 100 + n % 900);
	case K_POLLUTANT: return (const char *const[]){"化学需氧量", "氨氮", "二氧化硫", "氮氧化物"}[n % 4];
	case K_PROFILE:
		return pool_printf(s->p, "%s，统一社会信用代码9153%014u，住所：%s", demo_company(s), n * 7 + 10000000u, demo_address(s));
	case K_CONDITIONS:
		return "具有独立法人资格，具备相应资质和履约能力，未被列入失信被执行人名单和重大税收违法失信主体名单";
	default: return pool_printf(s->p, "%s的%s", s->project, label);
	}
}

/* At least two characters of overlap, at character boundaries. */
const char *demo_joined(struct pool *p, const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	for (size_t k = la < lb ? la : lb; k >= 6; k--) {
		bool boundaries = ((unsigned char)a[la - k] & 0xc0) != 0x80 && ((unsigned char)b[k] & 0xc0) != 0x80;
		if (boundaries && memcmp(a + la - k, b, k) == 0)
			return pool_printf(p, "%s%s", a, b + k);
	}
	return pool_printf(p, "%s%s", a, b);
}

const char *demo_item_value(struct demo_subject *s, const char *label)
{
	enum kind k = kind_of(label);
	const char *v = who_or_where(s, k, label);
	if (v == NULL)
		v = how_much(s, k);
	if (v == NULL)
		v = what(s, k, label);
	return v;
}
