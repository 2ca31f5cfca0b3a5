# xxgk — see README.md. `make run` starts the demo, `make test` runs the whole suite.
PREFIX    ?= /usr/local
DESTDIR   ?=
PORT      ?= 8080
CC        ?= cc
PKGS      := libxml-2.0 libxslt libexslt libmariadb libzip
DEPS_DEB  := build-essential pkg-config libfcgi-dev libfcgi-bin libxslt1-dev libxml2-dev libmariadb-dev \
             libjansson-dev libzip-dev libxlsxwriter-dev libcrypt-dev mariadb-server mariadb-client mariadb-plugin-mroonga nginx-light \
             spawn-fcgi libxml2-utils xsltproc curl python3 wrk
TEST_DEB  := chromium fonts-noto-cjk clang libclang-rt-14-dev logrotate python3-jsonschema

WARN      := -Wall -Wextra -Werror -Wformat=2 -Wshadow -Wstrict-prototypes -Wno-unused-parameter
CFLAGS    ?= -O2 -g
MAKEFLAGS += --no-print-directory
XCFLAGS   = -std=c17 -D_GNU_SOURCE -DXXGK_DATADIR='"$(PREFIX)/share/xxgk"' $(WARN) \
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

.PHONY: all deps run test test-deps unit lint install clean bench stop fuzz

all: bin/xxgk.fcgi bin/xxgkctl

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
-include $(shell find build -name '*.d' 2>/dev/null)

build/libxxgk.a: $(call obj,,$(LIB_SRC))
	@echo "  AR      $@"
	@rm -f $@ && ar rcs $@ $^
build/san/libxxgk.a: $(call obj,san/,$(LIB_SRC))
	@echo "  AR      $@"
	@rm -f $@ && ar rcs $@ $^

bin/xxgk.fcgi: $(call obj,,$(FCGI_SRC)) build/libxxgk.a
	@mkdir -p bin
	@echo "  LINK    $@"
	@$(CC) $(CFLAGS) -o $@ $^ $(LIBS)
bin/xxgkctl: $(call obj,,$(CTL_SRC)) build/libxxgk.a
	@mkdir -p bin
	@echo "  LINK    $@"
	@$(CC) $(CFLAGS) -o $@ $^ $(LIBS)

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

# make test T=ysqgk: the unit tests and the integration modules whose name contains "ysqgk";
# ORDER=reverse, or ORDER=shuffle SEED=n, runs the integration modules in another order.
test: test-deps all bin/san/xxgk.fcgi bin/san/xxgkctl bin/san/unit $(addprefix bin/fuzz/,$(FUZZ_TARGETS)) lint
	@T="$(T)" ORDER="$(ORDER)" SEED="$(SEED)" sh tests/run.sh

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
