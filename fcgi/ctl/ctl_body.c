/* xxgkctl body add|set|list: a site's disclosing bodies (core/body.h), with the same declared
 * fields and audit entries as the console's page. */
#include "core/body.h"
#include "core/site.h"
#include "ctl/ctl.h"
#include <stdio.h>
#include <string.h>

/* The option of each field (the name is the command's argument; set renames with --name). */
static const char *const options[BF__N] = {
	[BF_NAME] = "--name",         [BF_ADDRESS] = "--address", [BF_POSTCODE] = "--postcode",
	[BF_PHONE] = "--phone",       [BF_FAX] = "--fax",         [BF_HOURS] = "--hours",
	[BF_REVIEW_BODY] = "--review-body", [BF_COURT] = "--court", [BF_SIGNATURE] = "--signature",
	[BF_RECEIVES] = "--receives",
};

/* Sets key to value in the form, replacing what it held. */
static void set_field(struct pool *p, struct form *f, const char *key, const char *value)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->fields[i].key, key) == 0) {
			f->fields[i].value = pool_strdup(p, value);
			f->fields[i].len = strlen(value);
			return;
		}
	form_add(p, f, key, value);
}

/* The options given, over the form's fields. */
static void apply_options(struct ctl *ctx, struct pool *p, struct form *f)
{
	for (int i = BF_ADDRESS; i < BF_RECEIVES; i++) {
		const char *v = ctl_opt(ctx, options[i]);
		if (v != NULL)
			set_field(p, f, body_fields[i].name, v);
	}
	if (ctl_flag(ctx, "--receives"))
		set_field(p, f, body_fields[BF_RECEIVES].name, "1");
}

static const char *option_of(const char *field)
{
	for (int i = 0; i < BF__N; i++)
		if (field != NULL && strcmp(body_fields[i].name, field) == 0)
			return i == BF_NAME ? "NAME" : options[i];
	return "";
}

/* Parses and saves the form as body id (0: new) of the site, in one transaction. */
static int save(struct db *db, struct pool *p, const struct site *site, long long id,
                const struct form *f)
{
	struct field_value v[BF__N];
	struct field_error err;
	if (!form_parse(p, f, body_fields, v, &err)) {
		fprintf(stderr, "xxgkctl body: %s %s: %s\n", option_of(err.field), err.label, err.message);
		return 2;
	}
	struct audit_entry who = {.site_id = site->id, .actor = "xxgkctl", .actor_ip = ""};
	long long saved = 0;
	enum xerr e = body_store(db, p, &who, id, v, &saved);
	if (e != XE_OK) {
		fprintf(stderr, "xxgkctl body: %s\n",
		        e == XE_CONFLICT ? "the site has a body of that name already" : db_error(db));
		return 1;
	}
	printf("body %lld %s: %s\n", saved, id ? "changed" : "added", v[BF_NAME].text);
	return 0;
}

static int body_add(struct ctl *ctx, struct db *db, struct pool *p, const struct site *site, const char *name)
{
	struct form f;
	memset(&f, 0, sizeof f);
	form_add(p, &f, body_fields[BF_NAME].name, name);
	apply_options(ctx, p, &f);
	return save(db, p, site, 0, &f);
}

static int body_set(struct ctl *ctx, struct db *db, struct pool *p, const struct site *site, const char *name)
{
	struct body b;
	enum xerr e = body_named(db, p, site->id, name, &b);
	if (e != XE_OK) {
		fprintf(stderr, "xxgkctl body set: %s\n", e == XE_NOT_FOUND ? "no body of that name on the site" : db_error(db));
		return 1;
	}
	struct form f;
	body_form(p, &b, &f);
	const char *rename = ctl_opt(ctx, "--name");
	if (rename != NULL)
		set_field(p, &f, body_fields[BF_NAME].name, rename);
	apply_options(ctx, p, &f);
	return save(db, p, site, b.id, &f);
}

static int body_list_print(struct db *db, struct pool *p, const struct site *site)
{
	struct body *b;
	size_t n;
	if (body_list(db, p, site->id, &b, &n) != XE_OK) {
		fprintf(stderr, "xxgkctl body list: %s\n", db_error(db));
		return 1;
	}
	puts("id\tname\treceives\taddress\tpostcode\tphone\tfax\thours\treview_body\tcourt\tsignature");
	for (size_t i = 0; i < n; i++)
		printf("%lld\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", b[i].id, b[i].name, b[i].receives ? "yes" : "",
		       b[i].address, b[i].postcode, b[i].phone, b[i].fax, b[i].hours, b[i].review_body, b[i].court,
		       b[i].signature);
	return 0;
}

static int run(struct ctl *ctx, struct db *db, struct pool *p, const char *sub, const char *name)
{
	const char *key = ctl_opt(ctx, "--site");
	struct site site;
	enum xerr e = key ? site_by_key(db, p, NULL, key, &site) : XE_NOT_FOUND;
	if (e != XE_OK) {
		fprintf(stderr, "xxgkctl body: %s\n", key == NULL ? "--site SITE is needed" : "no such site");
		return key == NULL ? 2 : 1;
	}
	if (strcmp(sub, "list") == 0)
		return body_list_print(db, p, &site);
	if (name == NULL) {
		fprintf(stderr, "xxgkctl body %s: which body? (xxgkctl body --help)\n", sub);
		return 2;
	}
	if (strcmp(sub, "add") == 0)
		return body_add(ctx, db, p, &site, name);
	if (strcmp(sub, "set") == 0)
		return body_set(ctx, db, p, &site, name);
	fprintf(stderr, "xxgkctl body: unknown subcommand %s\n", sub);
	return 2;
}

int ctl_body(struct ctl *ctx)
{
	if (ctl_wants_help(ctx, "usage: xxgkctl body add NAME --site S [FIELDS]\n"
	                        "       xxgkctl body set NAME --site S [--name NEW] [FIELDS]\n"
	                        "       xxgkctl body list --site S\n"
	                        "FIELDS: --address A --postcode P --phone T --fax F --hours H --review-body R\n"
	                        "        --court C --signature LINE --receives\n"
	                        "A site's disclosing bodies (机关): letters are signed with the signature line (else\n"
	                        "the name) and name the review body (复议机关) and the court; the receipt gives the\n"
	                        "receiving body's address, telephone, fax and hours. --receives makes the body the\n"
	                        "one that receives the site's requests (one per site). set changes only the fields\n"
	                        "given (an empty value clears one); a rename follows in requests and staff bodies.\n"))
		return 0;
	const char *sub = ctl_arg(ctx, 0), *name = ctl_arg(ctx, 1);
	if (sub == NULL) {
		fputs("xxgkctl body: add, set or list (xxgkctl body --help)\n", stderr);
		return 2;
	}
	struct db *db = ctl_db(ctx);
	if (db == NULL)
		return 1;
	struct pool *p = pool_new();
	int rc = run(ctx, db, p, sub, name);
	pool_free(p);
	return rc;
}
