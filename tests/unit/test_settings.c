/* The table of configuration keys: reading a file against it, and the nearest-name hints. */
#include "core/settings.h"
#include "unit.h"
#include <stdbool.h>

/* Reads text as the file "t.conf"; the problems, one a line, into errors (freed by the caller). */
static bool read_text(struct settings *s, const char *text, struct buf *errors)
{
	buf_init(errors);
	return settings_parse(s, text, "t.conf", errors);
}

static int count_lines(struct buf *b)
{
	int n = 0;
	for (const char *c = buf_cstr(b); *c; c++)
		n += *c == '\n';
	return n;
}

void test_settings_table(void)
{
	for (size_t i = 0; i < settings_count; i++) {
		const struct setting *r = &settings_table[i];
		CHECK(r->section[0] != '\0' && r->key[0] != '\0' && r->help[0] != '\0');
		CHECK(r->type != ST_CHOICE || r->choices != NULL);
		CHECK(r->type != ST_LIST || (r->check != NULL && r->rule != NULL));
		CHECK(r->check == NULL || r->rule != NULL);
		for (size_t j = 0; j < i; j++)
			CHECK(strcmp(r->section, settings_table[j].section) != 0 || strcmp(r->key, settings_table[j].key) != 0);
	}
}

void test_settings_defaults(void)
{
	struct settings s;
	struct buf e;
	/* Every default of the table reads as a value of its own row. */
	CHECK(read_text(&s, "", &e) && e.len == 0);
	CHECK_STR(s.database.user, "root");
	CHECK(s.database.host == NULL && s.database.socket == NULL && s.database.port == 0);
	CHECK(s.server.processes == 2 && s.server.threads == 0 && s.server.xml_arena);
	CHECK(s.limits.body_max == 12 << 20 && s.limits.field_max == 64 << 10 && s.limits.fields_max == 200);
	CHECK(s.cache.enabled && s.cache.copies_dir == NULL && s.cache.max_mb == 64);
	CHECK(s.api.push_body_max == 8 << 20);
	CHECK(s.mail.mode == MAIL_OUTBOX && s.mail.send_immediately && s.mail.smtp_port == 25);
	CHECK_STR(s.mail.from_name, "政府信息公开");
	CHECK_STR(s.ysqgk.trusted_proxies, "");
	CHECK(s.nsites == 0 && settings_site(&s, "lincang") == NULL);
	settings_free(&s);
	buf_free(&e);
}

void test_settings_values(void)
{
	struct settings s;
	struct buf e;
	CHECK(read_text(&s,
	                "# a comment\n[database]\nsocket = \"/run/x.sock\"\nport = 3307\n"
	                "[server]\nthreads = 8\nxml_arena = Off\n[limits]\nbody_max = 60M\nfield_max = 65536\n"
	                "[cache]\nenabled = no\n[mail]\nmode = smtp\nsend_immediately = 0\nfrom = a@b\n"
	                "[ysqgk]\nexempt = 127.0.0.1, ::1  10.0.0.2\n"
	                "[site.lincang]\nheader_include = /cms/h.html\n[server]\nthreads = 4\n",
	                &e));
	CHECK_STR(buf_cstr(&e), "");
	CHECK_STR(s.database.socket, "/run/x.sock");
	CHECK(s.database.port == 3307);
	CHECK(s.server.threads == 4 && !s.server.xml_arena); /* the later line wins */
	CHECK(s.limits.body_max == 60LL << 20 && s.limits.field_max == 65536);
	CHECK(!s.cache.enabled && s.mail.mode == MAIL_SMTP && !s.mail.send_immediately);
	CHECK_STR(s.ysqgk.exempt, "127.0.0.1, ::1  10.0.0.2");
	const struct site_settings *site = settings_site(&s, "lincang");
	CHECK(site != NULL && site->footer_include == NULL);
	CHECK_STR(site ? site->header_include : NULL, "/cms/h.html");
	CHECK(settings_site(&s, "yancheng") == NULL);
	settings_free(&s);
	buf_free(&e);
}

/* Each file has one problem, on line 2; the message names it. */
void test_settings_bad_values(void)
{
	static const struct {
		const char *text, *message;
	} cases[] = {
		{"[server]\nthreads = many\n", "t.conf:2: [server] threads = many: expected a whole number from 1 to 64\n"},
		{"[server]\nthreads = 65\n", "t.conf:2: [server] threads = 65: expected a whole number from 1 to 64\n"},
		{"[server]\nxml_arena = maybe\n", "t.conf:2: [server] xml_arena = maybe: expected yes or no\n"},
		{"[mail]\nmode = smpt\n", "t.conf:2: [mail] mode = smpt: expected one of outbox, smtp\n"},
		{"[limits]\nbody_max = 2G\n", "t.conf:2: [limits] body_max = 2G: expected a size in bytes from 1K to 1G "
		                              "(K, M, G: times 1024)\n"},
		{"[limits]\nbody_max = 10MB\n", NULL},
		{"[limits]\nbody_max = 0K\n", NULL},
		{"[cache]\ncopies_dir = var/copies\n", "t.conf:2: [cache] copies_dir = var/copies: expected an absolute path\n"},
		{"[database]\nuser =\n", "t.conf:2: [database] user = : expected text, not empty\n"},
		{"[ysqgk]\nexempt = 127.0.0.1 10.0.0.0/8\n", NULL},
		{"[site.lincang]\nfooter_include = /x--y.html\n", NULL},
		{"[mail]\nlink_base = javascript:alert(1)\n", NULL},
		{"[databse]\nuser = x\n", NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct settings s;
		struct buf e;
		CHECK(!read_text(&s, cases[i].text, &e));
		CHECK(count_lines(&e) == 1);
		if (cases[i].message != NULL)
			CHECK_STR(buf_cstr(&e), cases[i].message);
		else
			CHECK(strncmp(buf_cstr(&e), "t.conf:", 7) == 0);
		settings_free(&s);
		buf_free(&e);
	}
}

void test_settings_unknown_names(void)
{
	struct settings s;
	struct buf e;
	CHECK(!read_text(&s,
	                 "[databse]\nname = x\n[database]\npasswrd = secret\n[server]\naccess = /tmp/a.log\n"
	                 "[sites.lincang]\n[site.lincang]\nheder_include = /h.html\n[weather]\nnot a key line\n"
	                 "[server]\nprocesses = none\n",
	                 &e));
	/* Every problem at once, in the order of the file; a section's keys not again. */
	CHECK_STR(buf_cstr(&e), "t.conf:1: unknown section [databse]; did you mean [database]?\n"
	                        "t.conf:4: unknown key passwrd in [database]; did you mean password?\n"
	                        "t.conf:6: unknown key access in [server]; access is a key of [log]\n"
	                        "t.conf:7: unknown section [sites.lincang]; did you mean [site.lincang]?\n"
	                        "t.conf:9: unknown key heder_include in [site.lincang]; did you mean header_include?\n"
	                        "t.conf:10: unknown section [weather]\n"
	                        "t.conf:11: expected key = value\n"
	                        "t.conf:13: [server] processes = none: expected a whole number from 1 to 64\n");
	settings_free(&s);
	buf_free(&e);
}

void test_nearest_name(void)
{
	CHECK(edit_distance("database", "database") == 0);
	CHECK(edit_distance("databse", "database") == 1);
	CHECK(edit_distance("dtaabase", "database") == 1); /* neighbours swapped */
	CHECK(edit_distance("", "abc") == 3 && edit_distance("abc", "") == 3);
	CHECK(edit_distance("kitten", "sitting") == 3);
	static const char *const names[] = {"host", "port", "socket", "user", "password", "name"};
	CHECK_STR(nearest_name("passwrd", names, 6), "password");
	CHECK_STR(nearest_name("sokcet", names, 6), "socket");
	CHECK_STR(nearest_name("nmae", names, 6), "name");
	CHECK(nearest_name("hots", names, 6) != NULL);
	CHECK(nearest_name("timeout", names, 6) == NULL);
	CHECK(nearest_name("pw", names, 6) == NULL);
	CHECK(nearest_name("x", names, 0) == NULL);
}
