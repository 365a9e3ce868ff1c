# Two entry points do all the set-up on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := run

APT_PACKAGES := libsqlite3-dev libxlsxwriter-dev
# LibreOffice's headless Calc prints the workbook to PDF, poppler counts and renders its pages;
# the font is named so the PDF renders alike everywhere (fontconfig would take any of several).
TEST_APT_PACKAGES := chromium libreoffice-calc-nogui poppler-utils fonts-dejavu-core
# openpyxl reads workbooks back; duckdb and pyyaml run the independent peer (bench/duckdb_peer.py).
PIP_PACKAGES := openpyxl duckdb yaml=pyyaml
PIPELINE ?= pipelines/nightly.yml
SWIFT_BUILD_FLAGS ?=

# Installs only what is missing: `apt-get update` once, then one install.
.PHONY: deps
deps:
	@scripts/install-deps.sh $(APT_PACKAGES)

.PHONY: test-deps
test-deps:
	@scripts/install-deps.sh $(APT_PACKAGES) $(TEST_APT_PACKAGES)
	@scripts/install-pip.sh $(PIP_PACKAGES)

.PHONY: build
build: deps
	swift build -c release $(SWIFT_BUILD_FLAGS)

.PHONY: run
run: build
	"$$(swift build -c release --show-bin-path)/referral-funnel" run $(PIPELINE)

.PHONY: test
test: test-deps
	swift test $(SWIFT_BUILD_FLAGS)

# Times cold and incremental runs on a year of generated data at scale against the DuckDB
# peer (BENCH_SIZE=tenth for a quick look). Data is generated once into bench/data/.
.PHONY: bench
bench: build
	@scripts/install-pip.sh duckdb yaml=pyyaml
	bench/run.sh

# Fuzzes the CSV and JSON Lines readers, the timestamp parser and the config loader with libFuzzer
# (a separate package under Fuzz/, so the main build never carries sanitizer flags).
FUZZ_SECONDS ?= 300
.PHONY: fuzz
fuzz: deps
	Fuzz/run.sh $(FUZZ_SECONDS)

.PHONY: clean
clean:
	rm -rf .build reports/nightly reports/vendor-export warehouse
