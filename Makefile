# xxgk — see README.md. `make run` starts the demo, `make test` runs the whole suite.
PREFIX    ?= /usr/local
DESTDIR   ?=
# Where `make install` puts things. The Debian package (debian/rules) sets PREFIX=/usr and puts
# the units, the web servers' files and the logrotate file where Debian looks for them.
BINDIR     = $(PREFIX)/bin
SBINDIR    = $(PREFIX)/sbin
DATADIR    = $(PREFIX)/share/xxgk
DOCDIR     = $(PREFIX)/share/doc/xxgk
MANDIR     = $(PREFIX)/share/man
UNITDIR      ?= $(PREFIX)/lib/systemd/system
NGINXDIR     ?= $(DATADIR)/nginx
APACHEDIR    ?= $(DATADIR)/apache
LOGROTATEDIR ?= $(DATADIR)/logrotate
VERSION   := $(shell sed -n '1{s/^xxgk (//;s/).*//;p;}' debian/changelog)
DATE      := $(shell sed -n 's/^ -- .*>  [A-Za-z]*, \([0-9]* [A-Za-z]* [0-9]*\).*/\1/p' debian/changelog | head -n 1)
PORT      ?= 8080
CC        ?= cc
PKGS      := libxml-2.0 libxslt libexslt libmariadb libzip libcrypto libcurl
DEPS_DEB  := build-essential pkg-config libfcgi-dev libfcgi-bin libxslt1-dev libxml2-dev libmariadb-dev \
             libjansson-dev libzip-dev libxlsxwriter-dev libcurl4-openssl-dev libcrypt-dev libssl-dev mariadb-server mariadb-client mariadb-plugin-mroonga nginx-light \
             spawn-fcgi libxml2-utils xsltproc curl python3 wrk
TEST_DEB  := chromium fonts-noto-cjk openjdk-17-jre-headless clang libclang-rt-14-dev debhelper apache2 logrotate python3-jsonschema
# A Galera cluster (make cluster, make test-cluster): the provider, and mariadb-backup with socat for
# state transfers.
CLUSTER_DEB := galera-4 mariadb-backup socat
CLUSTER_BASE ?= 18300

WARN      := -Wall -Wextra -Werror -Wformat=2 -Wshadow -Wstrict-prototypes -Wno-unused-parameter
CFLAGS    ?= -O2 -g
MAKEFLAGS += --no-print-directory
XCFLAGS   = -std=c17 -D_GNU_SOURCE -DXXGK_DATADIR='"$(DATADIR)"' $(WARN) $(CPPFLAGS) \
             $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LIBS      = -lfcgi $(shell pkg-config --libs $(PKGS) 2>/dev/null) -ljansson -lxlsxwriter -lcrypt -lpthread -lm
SAN       := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

# Sources by layer (README "Where things are"). The library holds what both programs share; each
# program links its own layer on top, so xxgk.fcgi carries no CLI code and xxgkctl no handlers.
LIB_DIRS  := core cache notices ysqgk
FCGI_DIRS := server public api admin
LIB_SRC   := $(foreach d,$(LIB_DIRS),$(wildcard fcgi/$(d)/*.c))
FCGI_SRC  := $(foreach d,$(FCGI_DIRS),$(wildcard fcgi/$(d)/*.c))
CTL_SRC   := $(wildcard fcgi/ctl/*.c)
UNIT_SRC  := $(wildcard tests/unit/*.c)
obj        = $(patsubst fcgi/%.c,build/$(1)%.o,$(2))
# Header dependencies come from the compiler (-MMD -MP): touching a header rebuilds only its users.
DEPFLAGS  := -MMD -MP

.PHONY: all deps run test test-deps unit lint install uninstall dist-files deb clean bench bench-seal stop fuzz FORCE \
        cluster cluster-deps test-cluster

all: bin/xxgk.fcgi bin/xxgkctl

# The places compiled in and written into the installed files: a change (make install
# PREFIX=/opt/xxgk after a plain make) rebuilds what holds them, and only that.
build/paths: FORCE
	@mkdir -p build
	@echo '$(PREFIX) $(UNITDIR) $(NGINXDIR) $(APACHEDIR) $(LOGROTATEDIR)' | cmp -s - $@ || \
	  echo '$(PREFIX) $(UNITDIR) $(NGINXDIR) $(APACHEDIR) $(LOGROTATEDIR)' >$@
build/core/settings_table.o build/san/core/settings_table.o: build/paths
FORCE:

# What the programs know of their build (core/version.c): the version, from debian/changelog's
# first line (the one place it is written); the schema they were written for, the highest
# migration in sql/; and where the workers' program and the spawn-fcgi script are installed.
# Rewritten only when one of them changes, so that only version.o is built again.
SCHEMA_VERSION := $(shell ls sql | sed -n 's/^\([0-9][0-9][0-9]\)_.*\.sql$$/\1/p' | sort | tail -n 1 | sed 's/^0*//')
build/gen/build_info.h: FORCE
	@mkdir -p $(@D)
	@printf '#define XXGK_VERSION "%s"\n#define XXGK_SCHEMA_VERSION %s\n#define XXGK_SBINDIR "%s"\n#define XXGK_SPAWN "%s"\n' \
	  '$(VERSION)' '$(SCHEMA_VERSION)' '$(SBINDIR)' '$(DATADIR)/xxgk-spawn' | cmp -s - $@ || \
	  printf '#define XXGK_VERSION "%s"\n#define XXGK_SCHEMA_VERSION %s\n#define XXGK_SBINDIR "%s"\n#define XXGK_SPAWN "%s"\n' \
	  '$(VERSION)' '$(SCHEMA_VERSION)' '$(SBINDIR)' '$(DATADIR)/xxgk-spawn' >$@
build/core/version.o build/san/core/version.o build/fuzz/core/version.o: build/gen/build_info.h

build/%.o: fcgi/%.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(XCFLAGS) $(CFLAGS) $(DEPFLAGS) -Ifcgi -Ibuild/gen -c -o $@ $<
build/san/%.o: fcgi/%.c
	@mkdir -p $(@D)
	@echo "  CC san  $<"
	@$(CC) $(XCFLAGS) -O1 -g $(SAN) -DXXGK_CHECK_HTML_SERIALIZER $(DEPFLAGS) -Ifcgi -Ibuild/gen -c -o $@ $<
# The OpenAPI description, built into the program as a C string (api/api_openapi.c serves it).
build/gen/openapi_json.h: cms-integration/openapi.json
	@mkdir -p $(@D)
	@sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $< >$@
build/api/api_openapi.o build/san/api/api_openapi.o build/fuzz/api/api_openapi.o: build/gen/openapi_json.h
-include $(shell find build -path build/deb -prune -o -name '*.d' -type f -print 2>/dev/null)
build/libxxgk.a: $(call obj,,$(LIB_SRC))
	@echo "  AR      $@"
	@rm -f $@ && ar rcs $@ $^
build/san/libxxgk.a: $(call obj,san/,$(LIB_SRC))
	@echo "  AR      $@"
	@rm -f $@ && ar rcs $@ $^

bin/xxgk.fcgi: $(call obj,,$(FCGI_SRC)) build/libxxgk.a
	@mkdir -p bin
	@echo "  LINK    $@"
	@$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)
bin/xxgkctl: $(call obj,,$(CTL_SRC)) build/libxxgk.a
	@mkdir -p bin
	@echo "  LINK    $@"
	@$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

# The sanitizer build: what the test suite runs.
bin/san/xxgk.fcgi: $(call obj,san/,$(FCGI_SRC)) build/san/libxxgk.a
	@mkdir -p bin/san
	@echo "  LINK    $@"
	@$(CC) $(SAN) -o $@ $^ $(LIBS)
bin/san/xxgkctl: $(call obj,san/,$(CTL_SRC)) build/san/libxxgk.a
	@mkdir -p bin/san
	@echo "  LINK    $@"
	@$(CC) $(SAN) -o $@ $^ $(LIBS)
bin/san/unit: $(UNIT_SRC) build/san/libxxgk.a $(wildcard tests/unit/*.h)
	@mkdir -p bin/san
	@echo "  LINK    $@"
	@$(CC) $(XCFLAGS) -O1 -g $(SAN) -Ifcgi -o $@ $(UNIT_SRC) build/san/libxxgk.a $(LIBS)

# Installs missing Debian packages (through sudo when not root); a no-op when all are present.
deps:
	@sh tools/deps.sh $(DEPS_DEB)

test-deps: deps
	@sh tools/deps.sh $(TEST_DEB)
	@command -v npm >/dev/null 2>&1 || sh tools/deps.sh nodejs npm
	@sh tools/npm-deps.sh

lint:
	@sh tools/lint.sh

# Fuzzing every parser of untrusted input with libFuzzer (README.md, "Fuzzing"): one program a
# parser, bin/fuzz/NAME from tests/fuzz/fuzz_NAME.c, over the library and the handlers built with
# clang's coverage and ASan+UBSan. `make fuzz` runs each for FUZZ_SECONDS and prints a table of
# executions and crashes; make test runs each briefly.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_CFLAGS = -std=c17 -D_GNU_SOURCE -DXXGK_DATADIR='"$(PREFIX)/share/xxgk"' -g -O1 -fno-omit-frame-pointer \
              -fsanitize=address,undefined -fno-sanitize-recover=undefined $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
build/fuzz/%.o: fcgi/%.c
	@mkdir -p $(@D)
	@echo "  CC fuzz $<"
	@clang $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(DEPFLAGS) -Ifcgi -Ibuild/gen -c -o $@ $<
build/fuzz/libxxgk.a: $(call obj,fuzz/,$(LIB_SRC))
	@rm -f $@ && ar rcs $@ $^
build/fuzz/libweb.a: $(call obj,fuzz/,$(filter-out fcgi/server/xxgk_fcgi.c,$(FCGI_SRC)))
	@rm -f $@ && ar rcs $@ $^
bin/fuzz/%: tests/fuzz/fuzz_%.c tests/fuzz/harness.c tests/fuzz/harness.h build/fuzz/libweb.a build/fuzz/libxxgk.a
	@mkdir -p bin/fuzz
	@echo "  FUZZ    $@"
	@clang $(FUZZ_CFLAGS) $(WARN) -fsanitize=fuzzer -DXXGK_SOURCE_DIR='"$(CURDIR)"' -Ifcgi -Itests/fuzz -o $@ \
	  $< tests/fuzz/harness.c -Wl,--start-group build/fuzz/libweb.a build/fuzz/libxxgk.a -Wl,--end-group $(LIBS)
fuzz: $(addprefix bin/fuzz/,$(FUZZ_TARGETS))
	@FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh $(FUZZ_TARGETS)

run: deps all
	@PORT=$(PORT) sh tools/run.sh

# make test T=ysqgk: the unit tests and the integration modules whose name contains "ysqgk" (the
# whole suite ends with the cluster suite, as make test-cluster runs it alone);
# ORDER=reverse, or ORDER=shuffle SEED=n, runs the integration modules in another order.
test: test-deps cluster-deps all bin/san/xxgk.fcgi bin/san/xxgkctl bin/san/unit $(addprefix bin/fuzz/,$(FUZZ_TARGETS)) lint
	@T="$(T)" ORDER="$(ORDER)" SEED="$(SEED)" sh tests/run.sh

# The cluster's line (bench/cluster_line.sh) needs Galera and mariadb-backup, which a node joins by.
bench: deps cluster-deps all
	@sh bench/run.sh

# The CPU that sealing personal data adds to a filing (bench/README.md).
bin/seal_bench: bench/seal_bench.c build/libxxgk.a
	@mkdir -p bin
	@$(CC) $(XCFLAGS) $(CFLAGS) -Ifcgi -o $@ $^ $(LIBS)
bench-seal: bin/seal_bench
	@bin/seal_bench

# The files installed beside the programs, made from the templates in cms-integration/ with the
# places above filled in: the systemd units, the spawn-fcgi script, the web servers' files, the
# configuration, the logrotate file and the manual pages.
DIST := $(addprefix build/dist/,xxgk.service xxgk.socket xxgk-push.service xxgk-push.timer xxgk-remind.service xxgk-remind.timer xxgk-spawn nginx-xxgk.conf apache-xxgk.conf xxgk.conf \
          logrotate-xxgk xxgkctl.8 xxgk.fcgi.8 xxgk.conf.5)
SUBST = sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@SBINDIR@|$(SBINDIR)|g' -e 's|@BINDIR@|$(BINDIR)|g' \
            -e 's|@DATADIR@|$(DATADIR)|g' -e 's|@DOCDIR@|$(DOCDIR)|g' -e 's|@APACHEDIR@|$(APACHEDIR)|g' \
            -e 's|@VERSION@|$(VERSION)|g' -e 's|@DATE@|$(DATE)|g'
dist-files: $(DIST)

build/dist/%: cms-integration/systemd/% build/paths
	@mkdir -p build/dist
	@$(SUBST) $< >$@
build/dist/xxgk-spawn: cms-integration/spawn-fcgi/xxgk-spawn.sh build/paths
	@mkdir -p build/dist
	@$(SUBST) $< >$@
# The Apache configuration with the package's places, and no site scanned for SSI includes until
# the webmaster names one (the same placeholders as the nginx snippet).
build/dist/apache-xxgk.conf: cms-integration/apache/xxgk.conf build/paths
	@mkdir -p build/dist
	@$(SUBST) $< | sed -e 's|@SOCKET@|/run/xxgk/xxgk.sock|g' -e 's|@STATIC@|$(DATADIR)/xslt/static|g' \
	                   -e 's/@INCLUDE_SITES@/(?!)/g' >$@
# The snippet a site's server block includes: xxgk-location.conf with the package's places, and
# no site scanned for SSI includes until the webmaster names one.
build/dist/nginx-xxgk.conf: cms-integration/nginx/xxgk-snippet.conf cms-integration/nginx/xxgk-location.conf build/paths
	@mkdir -p build/dist
	@{ $(SUBST) cms-integration/nginx/xxgk-snippet.conf; sed '1,/^$$/d' cms-integration/nginx/xxgk-location.conf | \
	   sed -e 's|@SOCKET@|/run/xxgk/xxgk.sock|g' -e 's|@STATIC@|$(DATADIR)/xslt/static|g' \
	       -e 's|@COPIES@|/var/cache/xxgk/pages|g' -e 's|@COPY_HEADERS@|$(DATADIR)/nginx/xxgk-copy-headers.conf|g' \
	       -e 's/@INCLUDE_SITES@/(?!)/g'; } >$@
build/dist/xxgk.conf: cms-integration/xxgk.conf.example build/paths
	@mkdir -p build/dist
	@$(SUBST) $< >$@
build/dist/logrotate-xxgk: cms-integration/logrotate/xxgk
	@mkdir -p build/dist
	@cp $< $@
build/dist/xxgkctl.8: cms-integration/man/xxgkctl.8.in bin/xxgkctl tools/man-commands.sh
	@mkdir -p build/dist
	@sh tools/man-commands.sh bin/xxgkctl >build/dist/commands.man
	@$(SUBST) $< | sed -e '/^@COMMANDS@$$/{r build/dist/commands.man' -e 'd;}' >$@
build/dist/xxgk.fcgi.8: cms-integration/man/xxgk.fcgi.8.in build/paths
	@mkdir -p build/dist
	@$(SUBST) $< >$@
build/dist/xxgk.conf.5: cms-integration/man/xxgk.conf.5.in bin/xxgkctl
	@mkdir -p build/dist
	@bin/xxgkctl config keys --format man >build/dist/keys.man
	@$(SUBST) $< | sed -e '/^@KEYS@$$/{r build/dist/keys.man' -e 'd;}' >$@

# Honours PREFIX (default /usr/local), DESTDIR and the places above. The configuration is written
# once, never over an existing one; no account is made and no database touched (GUIDE section 1).
install: all dist-files
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SBINDIR) $(DESTDIR)$(DATADIR)/nginx $(DESTDIR)$(DATADIR)/mariadb $(DESTDIR)$(DOCDIR) \
	        $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(UNITDIR) $(DESTDIR)$(NGINXDIR) \
	        $(DESTDIR)$(APACHEDIR) $(DESTDIR)$(LOGROTATEDIR) $(DESTDIR)/etc/xxgk
	install -m 755 bin/xxgk.fcgi $(DESTDIR)$(SBINDIR)/xxgk.fcgi
	install -m 755 bin/xxgkctl $(DESTDIR)$(BINDIR)/xxgkctl
	cp -R xslt sql $(DESTDIR)$(DATADIR)/
	install -m 755 build/dist/xxgk-spawn $(DESTDIR)$(DATADIR)/xxgk-spawn
	install -m 644 cms-integration/nginx/xxgk-copy-headers.conf $(DESTDIR)$(DATADIR)/nginx/
	install -m 644 cms-integration/mariadb/xxgk-search.conf $(DESTDIR)$(DATADIR)/mariadb/
	install -m 644 build/dist/nginx-xxgk.conf $(DESTDIR)$(NGINXDIR)/xxgk.conf
	install -m 644 build/dist/apache-xxgk.conf $(DESTDIR)$(APACHEDIR)/xxgk.conf
	install -m 644 build/dist/logrotate-xxgk $(DESTDIR)$(LOGROTATEDIR)/xxgk
	install -m 644 build/dist/xxgk.service build/dist/xxgk.socket build/dist/xxgk-push.service \
	  build/dist/xxgk-push.timer build/dist/xxgk-remind.service build/dist/xxgk-remind.timer $(DESTDIR)$(UNITDIR)/
	install -m 644 build/dist/xxgkctl.8 build/dist/xxgk.fcgi.8 $(DESTDIR)$(MANDIR)/man8/
	install -m 644 build/dist/xxgk.conf.5 $(DESTDIR)$(MANDIR)/man5/
	install -m 644 cms-integration/GUIDE.md cms-integration/API.md cms-integration/IMPORT.md $(DESTDIR)$(DOCDIR)/
	install -m 644 build/dist/xxgk.conf $(DESTDIR)$(DOCDIR)/xxgk.conf.example
	cp -R cms-integration/embed $(DESTDIR)$(DOCDIR)/
	test -e $(DESTDIR)/etc/xxgk/xxgk.conf || install -m 640 build/dist/xxgk.conf $(DESTDIR)/etc/xxgk/xxgk.conf
	@# The configuration (the database password) and the key file: root's, readable by the
	@# service's group xxgk when it exists (never by every user). The keys are made here once, on
	@# the machine itself; a package's staged install (NOKEYS=1) leaves them to its postinst, so
	@# that no two installs share a key.
	test -n "$(NOKEYS)" || test -e $(DESTDIR)/etc/xxgk/xxgk.key || \
	  bin/xxgkctl -c $(DESTDIR)/etc/xxgk/xxgk.conf keys init --file $(DESTDIR)/etc/xxgk/xxgk.key
	group=$$(getent group xxgk >/dev/null && echo xxgk || echo root); \
	  chown root:$$group $(DESTDIR)/etc/xxgk/xxgk.conf 2>/dev/null || true; \
	  test -n "$(NOKEYS)" || chown root:$$group $(DESTDIR)/etc/xxgk/xxgk.key 2>/dev/null || true
	chmod 0640 $(DESTDIR)/etc/xxgk/xxgk.conf
	test -n "$(NOKEYS)" || chmod 0640 $(DESTDIR)/etc/xxgk/xxgk.key

# Takes away what install put, with the same PREFIX, DESTDIR and places; the configuration only
# when it is still the file install wrote, and never the key file (it says so).
uninstall: build/dist/xxgk.conf
	rm -f $(DESTDIR)$(SBINDIR)/xxgk.fcgi $(DESTDIR)$(BINDIR)/xxgkctl $(DESTDIR)$(NGINXDIR)/xxgk.conf \
	      $(DESTDIR)$(APACHEDIR)/xxgk.conf $(DESTDIR)$(LOGROTATEDIR)/xxgk $(DESTDIR)$(UNITDIR)/xxgk.service \
	      $(DESTDIR)$(UNITDIR)/xxgk.socket $(DESTDIR)$(UNITDIR)/xxgk-push.service $(DESTDIR)$(UNITDIR)/xxgk-push.timer \
	      $(DESTDIR)$(UNITDIR)/xxgk-remind.service $(DESTDIR)$(UNITDIR)/xxgk-remind.timer \
	      $(DESTDIR)$(MANDIR)/man8/xxgkctl.8 $(DESTDIR)$(MANDIR)/man8/xxgk.fcgi.8 \
	      $(DESTDIR)$(MANDIR)/man5/xxgk.conf.5
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR)
	@if cmp -s build/dist/xxgk.conf $(DESTDIR)/etc/xxgk/xxgk.conf; then \
	  rm -f $(DESTDIR)/etc/xxgk/xxgk.conf && rmdir --ignore-fail-on-non-empty $(DESTDIR)/etc/xxgk; \
	elif [ -e $(DESTDIR)/etc/xxgk/xxgk.conf ]; then \
	  echo "kept $(DESTDIR)/etc/xxgk/xxgk.conf: it was changed after make install (it is yours to remove)"; fi
	@if [ -e $(DESTDIR)/etc/xxgk/xxgk.key ]; then echo "kept $(DESTDIR)/etc/xxgk/xxgk.key: the personal data" \
	  "sealed in the database cannot be read without it (remove it once that database is gone)"; fi
	-@rmdir --ignore-fail-on-non-empty $(DESTDIR)$(BINDIR) $(DESTDIR)$(SBINDIR) $(DESTDIR)$(MANDIR)/man5 \
	  $(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(UNITDIR) $(DESTDIR)$(NGINXDIR) $(DESTDIR)$(APACHEDIR) \
	  $(DESTDIR)$(LOGROTATEDIR) 2>/dev/null

# xxgk_<version>_amd64.deb in build/deb/, built by dpkg-buildpackage from a copy of the sources.
deb: deps
	@sh tools/deps.sh debhelper
	@sh tools/deb.sh build/deb

cluster-deps: deps
	@sh tools/deps.sh $(CLUSTER_DEB)

# Three Galera nodes and two web hosts on 127.0.0.1 (tools/cluster.sh), data in var/cluster, ports
# from CLUSTER_BASE: the demo on a cluster (Ctrl-C stops it).
cluster: cluster-deps all
	@XXGK_BIN=$(CURDIR)/bin sh tools/cluster.sh run var/cluster $(CLUSTER_BASE)

# The cluster suite (tests/cluster/) against a cluster of its own; ends with "N passed, N failed".
test-cluster: test-deps cluster-deps bin/san/xxgk.fcgi bin/san/xxgkctl
	@TZ=CST-8 python3 tests/cluster/run.py $(T)


clean:
	rm -rf build bin
