/* Labels as attributes (render.h): a zero-width space after each particle that ends a word inside
 * the label, none after one that ends it, the rest of the text as it is. */
#include "core/render.h"
#include "unit.h"

#define ZWSP "\xe2\x80\x8b"

static void check_label(const char *label, const char *expected)
{
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr n = xmlNewDocNode(doc, NULL, (const xmlChar *)"item", NULL);
	xmlDocSetRootElement(doc, n);
	xml_attr_label(n, "label", label);
	xmlChar *got = xmlGetProp(n, (const xmlChar *)"label");
	CHECK_STR((const char *)got, expected);
	xmlFree(got);
	xmlFreeDoc(doc);
}

void test_label_breaks(void)
{
	check_label("采购人和采购代理机构的名称、地址和联系方式",
	            "采购人和" ZWSP "采购代理机构的" ZWSP "名称、地址和" ZWSP "联系方式");
	check_label("行政处罚或许可与审批", "行政处罚或" ZWSP "许可与" ZWSP "审批");
	check_label("采购项目预算金额", "采购项目预算金额");
	check_label("服务要求或者标的", "服务要求或者标的"); /* 或者 is one word */
	check_label("甲或乙或者丙", "甲或" ZWSP "乙或者丙");
	check_label("估价证明及有关材料", "估价证明及" ZWSP "有关材料");
	check_label("及时公开", "及时公开");
	check_label("招标的", "招标的");         /* the particle ends the label: no mark */
	check_label("和", "和");
	check_label("的的", "的" ZWSP "的");
	check_label("A和B", "A和" ZWSP "B");
	check_label("", "");
	check_label("\xc3\x28和", "\xef\xbf\xbd"); /* not UTF-8: replaced, as every attribute */
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr n = xmlNewDocNode(doc, NULL, (const xmlChar *)"item", NULL);
	xml_attr_label(n, "label", NULL);
	CHECK(xmlHasProp(n, (const xmlChar *)"label") == NULL); /* no label: no attribute */
	xmlFreeNode(n);
	xmlFreeDoc(doc);
}
