/* Every page and API handler, one file each under fcgi/ (page_*.c, api_*.c, admin_*.c). */
#ifndef XXGK_HANDLERS_H
#define XXGK_HANDLERS_H
#include "error.h"
#include "request.h"

enum xerr page_sites(struct request *req);
enum xerr page_home(struct request *req);
enum xerr page_column(struct request *req);
enum xerr page_notice(struct request *req);
enum xerr page_attachment(struct request *req);

#endif
