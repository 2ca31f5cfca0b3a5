/* The HTTP side of a push: one signed POST through libcurl (push.h says why libcurl). */
#include "notices/push.h"
#include <curl/curl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* Keeps the start of the answer, for the delivery's last_error. */
struct answer {
	char text[200];
	size_t len;
};

static size_t keep_answer(char *data, size_t size, size_t n, void *ctx)
{
	struct answer *a = ctx;
	size_t bytes = size * n, room = sizeof a->text - 1 - a->len;
	size_t take = bytes < room ? bytes : room;
	/* ASCII only: a cut UTF-8 sequence could not be stored. */
	for (size_t i = 0; i < take; i++)
		a->text[a->len++] = (unsigned char)data[i] < ' ' || (unsigned char)data[i] > '~' ? '?' : data[i];
	a->text[a->len] = '\0';
	return bytes;
}

static struct curl_slist *signed_headers(const char *secret, const char *event, long long delivery_id,
                                         long long notice_id, const char *body, size_t len)
{
	char stamp[24], sig[72], line[128];
	snprintf(stamp, sizeof stamp, "%lld", (long long)time(NULL));
	push_signature(secret, stamp, body, len, sig);
	struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json; charset=utf-8");
	/* No "Expect: 100-continue": a receiver that does not answer it would cost a second. */
	h = curl_slist_append(h, "Expect:");
	snprintf(line, sizeof line, "X-Xxgk-Event: %s", event);
	h = curl_slist_append(h, line);
	snprintf(line, sizeof line, "X-Xxgk-Delivery: %lld", delivery_id);
	h = curl_slist_append(h, line);
	snprintf(line, sizeof line, "X-Xxgk-Notice: %lld", notice_id);
	h = curl_slist_append(h, line);
	snprintf(line, sizeof line, "X-Xxgk-Timestamp: %s", stamp);
	h = curl_slist_append(h, line);
	snprintf(line, sizeof line, "X-Xxgk-Signature: %s", sig);
	return curl_slist_append(h, line);
}

bool push_http_post(const char *url, const char *secret, const char *event, long long delivery_id,
                    long long notice_id, const char *body, size_t len, long timeout, struct push_http_result *out)
{
	memset(out, 0, sizeof *out);
	if (!push_url_allowed(url)) {
		snprintf(out->error, sizeof out->error, "address not allowed (https, or http to this host only)");
		return false;
	}
	/* Reference-counted and thread-safe in Debian's libcurl (CURL_VERSION_THREADSAFE). */
	curl_global_init(CURL_GLOBAL_DEFAULT);
	CURL *c = curl_easy_init();
	struct curl_slist *h = signed_headers(secret, event, delivery_id, notice_id, body, len);
	struct answer a = {{0}, 0};
	CURLcode rc = CURLE_FAILED_INIT;
	if (c != NULL && h != NULL) {
		curl_easy_setopt(c, CURLOPT_URL, url);
		curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
		curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
		curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
		curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout);
		curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, timeout);
		curl_easy_setopt(c, CURLOPT_USERAGENT, "xxgk-push/1");
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
		curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keep_answer);
		curl_easy_setopt(c, CURLOPT_WRITEDATA, &a);
		rc = curl_easy_perform(c);
		if (rc == CURLE_OK)
			curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
	}
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	curl_global_cleanup();
	bool ok = rc == CURLE_OK && out->status >= 200 && out->status < 300;
	if (rc != CURLE_OK)
		snprintf(out->error, sizeof out->error, "%s", curl_easy_strerror(rc));
	else if (!ok)
		snprintf(out->error, sizeof out->error, "HTTP %ld: %s", out->status, a.text);
	return ok;
}
