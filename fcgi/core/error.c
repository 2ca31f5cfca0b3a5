#include "core/error.h"
#include <stddef.h>

static const struct {
	int status;
	const char *reason, *zh;
} table[] = {
	[XE_OK] = {200, "OK", ""},
	[XE_BAD_REQUEST] = {400, "Bad Request", "请求有误，请检查后重新提交。"},
	[XE_UNAUTHORIZED] = {401, "Unauthorized", "需要有效的接口令牌。"},
	[XE_FORBIDDEN] = {403, "Forbidden", "无权访问，或表单已过期，请刷新页面后重试。"},
	[XE_NOT_FOUND] = {404, "Not Found", "您访问的页面不存在。"},
	[XE_METHOD] = {405, "Method Not Allowed", "不支持该请求方式。"},
	[XE_CONFLICT] = {409, "Conflict", "该操作与当前状态不符。"},
	[XE_TOO_LARGE] = {413, "Payload Too Large", "提交的内容过大。"},
	[XE_URI_TOO_LONG] = {414, "URI Too Long", "网址过长。"},
	[XE_UNSUPPORTED] = {415, "Unsupported Media Type", "不支持的内容类型。"},
	[XE_TOO_MANY] = {429, "Too Many Requests", "操作过于频繁，请稍后再试。"},
	[XE_INTERNAL] = {500, "Internal Server Error", "系统内部错误，请稍后再试。"},
	[XE_UNAVAILABLE] = {503, "Service Unavailable", "系统暂时无法提供服务，请稍后再试。"},
};

int xerr_status(enum xerr e) { return table[e].status; }
const char *xerr_reason(enum xerr e) { return table[e].reason; }
const char *xerr_message_zh(enum xerr e) { return table[e].zh; }

const char *http_reason(int status)
{
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (table[i].status == status)
			return table[i].reason;
	switch (status) {
	case 201: return "Created";
	case 204: return "No Content";
	case 301: return "Moved Permanently";
	case 302: return "Found";
	case 303: return "See Other";
	case 304: return "Not Modified";
	default: return "";
	}
}
