# perfsite: `make site` builds the site from content/, `make test` runs every test and the format lint.
SWIFT        ?= swift
APT_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev
CONTENT      ?= content
OUTPUT       ?= public

.PHONY: site test deps build release lint format clean golden

## Installs the Debian packages perfsite builds against, only when one is missing.
deps:
	@dpkg -s $(APT_PACKAGES) >/dev/null 2>&1 || { \
		echo "installing $(APT_PACKAGES)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES); }

release: deps
	$(SWIFT) build -c release --product perfsite

## Builds perfsite in release mode and writes $(OUTPUT)/ from $(CONTENT)/.
site: release
	$$($(SWIFT) build -c release --show-bin-path)/perfsite build --content $(CONTENT) --output $(OUTPUT)

build: deps
	$(SWIFT) build --build-tests

## Builds, runs every test, then the strict format lint.
test: build lint
	$(SWIFT) test --skip-build

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests

format:
	$(SWIFT) format format --in-place --recursive Package.swift Sources Tests

clean:
	rm -rf .build $(OUTPUT)

## Writes the golden issues.json anew from content/ (review the diff before committing it).
golden: deps
	$(SWIFT) build --product perfsite
	$$($(SWIFT) build --show-bin-path)/perfsite export --content content > Tests/ReportSiteTests/Fixtures/issues.json
