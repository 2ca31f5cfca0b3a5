/* The one error enum: every failure that reaches a client maps to one of these and one status. */
#ifndef XXGK_ERROR_H
#define XXGK_ERROR_H

enum xerr {
	XE_OK = 0,
	XE_BAD_REQUEST,   /* 400 */
	XE_UNAUTHORIZED,  /* 401: API token missing or wrong */
	XE_FORBIDDEN,     /* 403 */
	XE_NOT_FOUND,     /* 404 */
	XE_METHOD,        /* 405 */
	XE_CONFLICT,      /* 409 */
	XE_TOO_LARGE,     /* 413 */
	XE_URI_TOO_LONG,  /* 414 */
	XE_UNSUPPORTED,   /* 415 */
	XE_TOO_MANY,      /* 429 */
	XE_INTERNAL,      /* 500 */
	XE_UNAVAILABLE,   /* 503: database down */
};

int xerr_status(enum xerr e);
const char *xerr_reason(enum xerr e);     /* HTTP reason phrase */
const char *xerr_message_zh(enum xerr e); /* what the error page says by default */
const char *http_reason(int status);      /* "See Other" for 303; "" for a status it does not know */

#endif
