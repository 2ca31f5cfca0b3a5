# xxgk — see README.md. `make run` starts the demo, `make test` runs the whole suite.
PREFIX    ?= /usr/local
DESTDIR   ?=
PORT      ?= 8080
CC        ?= cc
PKGS      := libxml-2.0 libxslt libexslt libmariadb
DEPS_DEB  := build-essential pkg-config libfcgi-dev libfcgi-bin libxslt1-dev libxml2-dev libmariadb-dev \
             libjansson-dev libcrypt-dev mariadb-server mariadb-client mariadb-plugin-mroonga nginx-light \
             spawn-fcgi libxml2-utils xsltproc curl python3 wrk
TEST_DEB  := chromium fonts-noto-cjk clang libclang-rt-14-dev

WARN      := -Wall -Wextra -Werror -Wformat=2 -Wshadow -Wstrict-prototypes -Wno-unused-parameter
CFLAGS    ?= -O2 -g
MAKEFLAGS += --no-print-directory
XCFLAGS   = -std=c17 -D_GNU_SOURCE -DXXGK_DATADIR='"$(PREFIX)/share/xxgk"' -DXXGK_DATADIR_XSLT='"$(PREFIX)/share/xxgk/xslt"' -DXXGK_DATADIR_SQL='"$(PREFIX)/share/xxgk/sql"' $(WARN) \
             $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LIBS      = -lfcgi $(shell pkg-config --libs $(PKGS) 2>/dev/null) -ljansson -lcrypt -lpthread -lm
SAN       := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

CORE_SRC  := $(filter-out fcgi/xxgk_fcgi.c fcgi/xxgkctl.c, $(wildcard fcgi/*.c))
CORE_OBJ  := $(CORE_SRC:fcgi/%.c=build/%.o)
SAN_OBJ   := $(CORE_SRC:fcgi/%.c=build/san/%.o)
UNIT_SRC  := $(wildcard tests/unit/*.c)

.PHONY: all deps run test test-deps unit lint install clean bench stop fuzz

all: bin/xxgk.fcgi bin/xxgkctl

build/%.o: fcgi/%.c $(wildcard fcgi/*.h) | build
	@echo "  CC      $<"
	@$(CC) $(XCFLAGS) $(CFLAGS) -c -o $@ $<
build/san/%.o: fcgi/%.c $(wildcard fcgi/*.h) | build
	@echo "  CC san  $<"
	@$(CC) $(XCFLAGS) -O1 -g $(SAN) -DXXGK_CHECK_HTML_SERIALIZER -c -o $@ $<
build:
	@mkdir -p build/san bin

bin/xxgk.fcgi: build/xxgk_fcgi.o $(CORE_OBJ)
	@echo "  LINK    $@"
	@$(CC) $(CFLAGS) -o $@ $^ $(LIBS)
bin/xxgkctl: build/xxgkctl.o $(CORE_OBJ)
	@echo "  LINK    $@"
	@$(CC) $(CFLAGS) -o $@ $^ $(LIBS)

# The sanitizer build: what the test suite runs.
bin/san/xxgk.fcgi: build/san/xxgk_fcgi.o $(SAN_OBJ)
	@mkdir -p bin/san
	@echo "  LINK    $@"
	@$(CC) $(SAN) -o $@ $^ $(LIBS)
bin/san/xxgkctl: build/san/xxgkctl.o $(SAN_OBJ)
	@mkdir -p bin/san
	@echo "  LINK    $@"
	@$(CC) $(SAN) -o $@ $^ $(LIBS)
bin/san/unit: $(UNIT_SRC) $(SAN_OBJ) $(wildcard tests/unit/*.h)
	@mkdir -p bin/san
	@echo "  LINK    $@"
	@$(CC) $(XCFLAGS) -O1 -g $(SAN) -Ifcgi -o $@ $(UNIT_SRC) $(SAN_OBJ) $(LIBS)

# Installs missing Debian packages (through sudo when not root); a no-op when all are present.
deps:
	@sh tools/deps.sh $(DEPS_DEB)

test-deps: deps
	@sh tools/deps.sh $(TEST_DEB)
	@command -v npm >/dev/null 2>&1 || sh tools/deps.sh nodejs npm
	@sh tools/npm-deps.sh

lint:
	@sh tools/lint.sh

# Fuzzing the input parsers with libFuzzer: FUZZ_SECONDS each run (make test runs a short one).
FUZZ_SECONDS ?= 60
FUZZ_SRC := fcgi/parse.c fcgi/text.c fcgi/pool.c fcgi/config.c fcgi/exchange.c fcgi/buf.c fcgi/request.c fcgi/site.c \
            fcgi/db.c fcgi/calendar.c fcgi/search.c
bin/fuzz_parsers: tests/fuzz/fuzz_parsers.c $(FUZZ_SRC) $(wildcard fcgi/*.h)
	@mkdir -p bin
	@echo "  FUZZ    $@"
	@clang -std=c17 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined -Ifcgi \
	  $(shell pkg-config --cflags $(PKGS) 2>/dev/null) -o $@ tests/fuzz/fuzz_parsers.c $(FUZZ_SRC) \
	  $(shell pkg-config --libs $(PKGS) 2>/dev/null) -ljansson
fuzz: bin/fuzz_parsers
	@mkdir -p build/fuzz-corpus
	@bin/fuzz_parsers -max_total_time=$(FUZZ_SECONDS) -max_len=4096 build/fuzz-corpus tests/fuzz/seeds 2>&1 | tail -n 3

run: deps all
	@PORT=$(PORT) sh tools/run.sh

test: test-deps all bin/san/xxgk.fcgi bin/san/xxgkctl bin/san/unit bin/fuzz_parsers lint
	@sh tests/run.sh

bench: deps all
	@sh bench/run.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/sbin $(DESTDIR)$(PREFIX)/share/xxgk \
	        $(DESTDIR)/etc/xxgk $(DESTDIR)$(PREFIX)/share/doc/xxgk
	install -m 755 bin/xxgk.fcgi $(DESTDIR)$(PREFIX)/sbin/xxgk.fcgi
	install -m 755 bin/xxgkctl $(DESTDIR)$(PREFIX)/bin/xxgkctl
	cp -R xslt sql $(DESTDIR)$(PREFIX)/share/xxgk/
	cp -R cms-integration $(DESTDIR)$(PREFIX)/share/doc/xxgk/
	test -e $(DESTDIR)/etc/xxgk/xxgk.conf || \
	  sed 's|@PREFIX@|$(PREFIX)|g' cms-integration/xxgk.conf.example > $(DESTDIR)/etc/xxgk/xxgk.conf

clean:
	rm -rf build bin
