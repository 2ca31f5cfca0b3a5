/* The applicant's view written from one struct, as JSON (the API) and as XML (the tracking
 * page): every field where it belongs, nulls and escapes, booleans as the API documents them. */
#include "core/buf.h"
#include "core/pool.h"
#include "unit.h"
#include "ysqgk/ysqgk_view.h"
#include <libxml/tree.h>
#include <string.h>

static struct ysqgk_view sample(struct ysqgk_view_step *steps, struct ysqgk_view_doc *docs)
{
	steps[0] = (struct ysqgk_view_step){"2026-03-02", "filed", "提交申请", "通过网上申请平台提交申请，系统确认收到。"};
	steps[1] = (struct ysqgk_view_step){"2026-03-20", "answered", "作出答复", NULL};
	docs[0] = (struct ysqgk_view_doc){7, 2048, "答复.pdf", "application/pdf", "ab12", "2026-03-20",
	                                  "/xxgk/lincang/ysqgk/doc/7?t=1.s"};
	return (struct ysqgk_view){
		.tracking_no = "LINCANG-2026-00001", .status = "answered", .status_label = "已答复",
		.received_on = "2026-03-02", .due_on = "2026-03-30", .open = false, .provisional = true,
		.channel = "online", .channel_label = "网上申请", .applicant_type = "person",
		.applicant_type_label = "公民", .org_kind = NULL, .name = "张\"三", .description = "a\nb<c>",
		.doc_number = "", .form = "electronic", .form_label = "电子文档", .delivery = "email",
		.delivery_label = "电子邮件", .outcome = "disclosed", .outcome_label = "予以公开", .reason_code = NULL,
		.answered_on = "2026-03-20", .steps = steps, .nsteps = 2, .docs = docs, .ndocs = 1};
}

void test_ysqgk_view_json(void)
{
	struct ysqgk_view_step steps[2];
	struct ysqgk_view_doc docs[1];
	struct ysqgk_view v = sample(steps, docs);
	struct buf b;
	buf_init(&b);
	ysqgk_view_json(&v, &b);
	CHECK_STR(buf_cstr(&b),
	          "{\"tracking_no\":\"LINCANG-2026-00001\",\"status\":\"answered\",\"status_label\":\"已答复\","
	          "\"open\":false,\"channel\":\"online\",\"received_on\":\"2026-03-02\",\"due_on\":\"2026-03-30\","
	          "\"provisional\":true,\"applicant_type\":\"person\",\"org_kind\":null,\"name\":\"张\\\"三\","
	          "\"description\":\"a\\nb\\u003cc\\u003e\",\"doc_number\":\"\",\"form\":\"electronic\",\"delivery\":\"email\","
	          "\"outcome\":\"disclosed\",\"outcome_label\":\"予以公开\",\"reason_code\":null,"
	          "\"answered_on\":\"2026-03-20\",\"events\":[{\"date\":\"2026-03-02\",\"kind\":\"filed\","
	          "\"label\":\"提交申请\",\"note\":\"通过网上申请平台提交申请，系统确认收到。\"},{\"date\":\"2026-03-20\","
	          "\"kind\":\"answered\",\"label\":\"作出答复\",\"note\":null}],\"documents\":[{\"filename\":\"答复.pdf\","
	          "\"mime\":\"application/pdf\",\"size\":2048,\"sha256\":\"ab12\",\"date\":\"2026-03-20\","
	          "\"url\":\"/xxgk/lincang/ysqgk/doc/7?t=1.s\"}]}\n");
	buf_free(&b);
}

void test_ysqgk_view_xml(void)
{
	struct ysqgk_view_step steps[2];
	struct ysqgk_view_doc docs[1];
	struct ysqgk_view v = sample(steps, docs);
	struct pool *p = pool_new();
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	doc->encoding = xmlStrdup((const xmlChar *)"UTF-8"); /* text as it is, not as character references */
	xmlNodePtr root = xmlNewNode(NULL, (const xmlChar *)"page");
	xmlDocSetRootElement(doc, root);
	ysqgk_view_xml(p, &v, root);
	xmlBufferPtr out = xmlBufferCreate();
	xmlNodeDump(out, doc, xmlFirstElementChild(root), 0, 0);
	CHECK_STR((const char *)xmlBufferContent(out),
	          "<request tracking-no=\"LINCANG-2026-00001\" status=\"answered\" status-label=\"已答复\" open=\"0\" "
	          "received-on=\"2026-03-02\" due-on=\"2026-03-30\" provisional=\"1\" channel-label=\"网上申请\" "
	          "applicant-type-label=\"公民\" name=\"张&quot;三\" form-label=\"电子文档\" delivery-label=\"电子邮件\" "
	          "outcome=\"disclosed\" outcome-label=\"予以公开\" answered-on=\"2026-03-20\">"
	          "<description>a\nb&lt;c&gt;</description>"
	          "<event date=\"2026-03-02\" kind=\"filed\" label=\"提交申请\">通过网上申请平台提交申请，系统确认收到。</event>"
	          "<event date=\"2026-03-20\" kind=\"answered\" label=\"作出答复\"/>"
	          "<document filename=\"答复.pdf\" mime=\"application/pdf\" size=\"2 KB\" sha256=\"ab12\" "
	          "date=\"2026-03-20\" url=\"/xxgk/lincang/ysqgk/doc/7?t=1.s\"/></request>");
	xmlBufferFree(out);
	xmlFreeDoc(doc);
	pool_free(p);
}

/* While the request waits for a correction the reply period is suspended, not over; a running
 * period's pauses are listed. */
void test_ysqgk_view_xml_suspended(void)
{
	struct ysqgk_view_step steps[2];
	struct ysqgk_view_doc docs[1];
	struct ysqgk_view v = sample(steps, docs);
	struct ysqgk_view_pause pauses[1] = {{"2026-03-05", "2026-03-25"}};
	v.status = "correction_requested";
	v.open = true;
	v.outcome = NULL;
	v.nsteps = v.ndocs = 0;
	v.reply_suspended = true;
	v.correction_from = "2026-03-04";
	v.correction_due = "2026-03-25";
	v.pauses = pauses;
	v.npauses = 1;
	struct pool *p = pool_new();
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	doc->encoding = xmlStrdup((const xmlChar *)"UTF-8");
	xmlNodePtr root = xmlNewNode(NULL, (const xmlChar *)"page");
	xmlDocSetRootElement(doc, root);
	ysqgk_view_xml(p, &v, root);
	xmlBufferPtr out = xmlBufferCreate();
	xmlNodeDump(out, doc, xmlFirstElementChild(root), 0, 0);
	CHECK_STR((const char *)xmlBufferContent(out),
	          "<request tracking-no=\"LINCANG-2026-00001\" status=\"correction_requested\" status-label=\"已答复\" "
	          "open=\"1\" received-on=\"2026-03-02\" due-on=\"2026-03-30\" provisional=\"1\" channel-label=\"网上申请\" "
	          "applicant-type-label=\"公民\" name=\"张&quot;三\" form-label=\"电子文档\" delivery-label=\"电子邮件\" "
	          "reply-suspended=\"1\" correction-from=\"2026-03-04\" correction-due=\"2026-03-25\">"
	          "<description>a\nb&lt;c&gt;</description><pause from=\"2026-03-05\" to=\"2026-03-25\"/></request>");
	xmlBufferFree(out);
	xmlFreeDoc(doc);
	pool_free(p);
}
