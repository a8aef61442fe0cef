# spaser: build the site, install test dependencies, run tests and audits,
# cross-compile the release binaries.
# Recipes are POSIX sh, one shell per recipe, stopping at the first error.
.ONESHELL:
SHELL := /bin/sh
.SHELLFLAGS := -ec

GO          ?= go
SHARED      ?= ../shared
AUDIT_DIR   := $(SHARED)/tools/audit
# Where the audit toolkit keeps node_modules and its Go helpers. Always set,
# so that nothing is ever written into the shared folder.
AUDIT_STATE ?= $(HOME)/.cache/site-audit
export AUDIT_STATE
APT_PKGS    := chromium chromium-driver time fonts-dejavu-core nginx-light apache2 openssh-server rclone

# The release: one self-contained binary per platform (no Node.js, no
# network: Apache ECharts is vendored in internal/echarts/dist), with its
# version. VERSION defaults to the commit (git describe).
VERSION     ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo développement)
RELEASE_DIR ?= release
PLATFORMS   := linux/amd64 linux/arm64 darwin/arm64 windows/amd64

.PHONY: site deps test quick-test fuzz audit release release-check echarts echarts-bytecode

site:
	$(GO) run ./cmd/spaser build

# Idempotent: only installs what is missing (a few ms when all is there).
deps:
	@missing=; java=
	for p in $(APT_PKGS); do
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q ' installed$$' || missing="$$missing $$p"
	done
	command -v java >/dev/null || java=openjdk-17-jre-headless   # for vnu.jar
	# Node.js and npm install axe-core for the browser tests (Debian's
	# packages, unless already there). spaser itself does not use them.
	command -v node >/dev/null && command -v npm >/dev/null || missing="$$missing nodejs npm"
	if [ -n "$$missing$$java" ]; then
	  if [ "$$(id -u)" -ne 0 ]; then
	    echo "deps: missing Debian packages:$$missing$${java:+ $$java}" >&2
	    echo "deps: run: sudo apt-get update && sudo apt-get install -y$$missing$${java:+ && sudo apt-get install -y --no-install-recommends $$java}" >&2
	    exit 1
	  fi
	  apt-get update
	  [ -z "$$missing" ] || DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing
	  [ -z "$$java" ] || DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$java
	fi
	# axe-core for the browser tests (devDependencies of package.json): npm ci
	# in the repository, only when package-lock.json changed since.
	if ! cmp -s package-lock.json node_modules/.spaser-installed-lock.json; then
	  npm ci --no-audit --no-fund --ignore-scripts
	  cp package-lock.json node_modules/.spaser-installed-lock.json
	fi
	if [ ! -f $(AUDIT_DIR)/install.sh ]; then
	  echo "warning: $(AUDIT_DIR) not found: audits will be skipped" >&2
	  exit 0
	fi
	# install.sh's state: node_modules and Go helpers in AUDIT_STATE, plus our
	# stamp of the package-lock.json it was installed from.
	st=$(AUDIT_STATE)
	if [ -d $$st/node/node_modules/playwright-core ] && [ -f $$st/node/node_modules/vnu-jar/build/dist/vnu.jar ] \
	   && [ -x $$st/bin/links ] && cmp -s $(AUDIT_DIR)/node/package-lock.json $$st/installed-lock.json; then
	  echo "deps: ok (audit toolkit in $$st)"
	  exit 0
	fi
	if [ "$$(id -u)" -ne 0 ]; then
	  echo "deps: audit toolkit not installed in $$st; run:" >&2
	  echo "  sudo env AUDIT_STATE=$$st bash $(AUDIT_DIR)/install.sh && sudo chown -R $$(id -u):$$(id -g) $$st" >&2
	  exit 1
	fi
	bash $(AUDIT_DIR)/install.sh
	cp $(AUDIT_DIR)/node/package-lock.json $$st/installed-lock.json

test: deps
	$(GO) vet ./...
	GOOS=windows $(GO) vet ./...
	$(GO) test -count=1 ./...
	$(MAKE) --no-print-directory fuzz
	$(MAKE) --no-print-directory audit

# Every parser of the editors' files under the fuzzer for a bounded budget
# (FUZZTIME inputs each: about two minutes in all here, compilation included):
# a panic, a limit error without its line or a script in the output fails
# the run; the failing input is kept in the package's testdata/fuzz/ to
# become a regression test. A count, not a duration: with a duration, Go
# 1.26's fuzzer can report « context deadline exceeded » as a failure when
# its time runs out on a loaded machine (golang/go#75804, fixed in 1.27).
FUZZTIME ?= 40000x
fuzz:
	for t in tomlfile:FuzzDecode markdown:FuzzConvert content:FuzzSplit indicator:FuzzValues \
	  indicator:FuzzCatalogue config:FuzzConfig glossary:FuzzLoad sheet:FuzzImportCSV \
	  decp:FuzzJSON decp:FuzzCSV picture:FuzzInspect; do
	  $(GO) test -run='^$$' -fuzz="^$${t#*:}$$" -fuzztime=$(FUZZTIME) ./internal/$${t%%:*}
	done

# The quick tests: no dependency to install, no browser (the browser tests
# skip, saying so), no network.
quick-test:
	$(GO) vet ./...
	GOOS=windows $(GO) vet ./...
	$(GO) test ./...

# The part of Apache ECharts that spaser embeds
# (internal/echarts/dist/echarts.spaser.min.js), built again from the npm
# packages pinned in internal/echarts/bundle: a development step, needing
# Node.js and npm; spaser itself never runs them. After changing
# bundle/entry.js or the versions, update librarySHA256 in echarts.go.
echarts:
	cd internal/echarts/bundle
	npm ci --no-audit --no-fund --ignore-scripts
	npm run --silent build > ../dist/echarts.spaser.min.js.tmp || { rm -f ../dist/echarts.spaser.min.js.tmp; exit 1; }
	mv ../dist/echarts.spaser.min.js.tmp ../dist/echarts.spaser.min.js
	sha256sum ../dist/echarts.spaser.min.js

# The same file compiled to QuickJS bytecode (dist/echarts.spaser.qjs),
# which spaser embeds so that each engine loads ECharts without parsing it.
# Run after `make echarts` or a new version of modernc.org/quickjs, then set
# bytecodeSHA256 in echarts.go: TestBytecode compiles it again and compares.
echarts-bytecode:
	$(GO) test ./internal/echarts -run '^TestBytecode$$' -count=1 -update -v
	sha256sum internal/echarts/dist/echarts.spaser.qjs

# Cross-compiles spaser for each platform of PLATFORMS into RELEASE_DIR,
# with its version and checksums, then checks that the binary of this
# machine's platform builds the default site exactly as `go run` does.
release:
	rm -rf $(RELEASE_DIR)
	mkdir -p $(RELEASE_DIR)
	for p in $(PLATFORMS); do
	  os=$${p%/*}; arch=$${p#*/}; ext=
	  [ $$os = windows ] && ext=.exe
	  echo "release: spaser $(VERSION) $$os/$$arch"
	  CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -ldflags "-s -w -X main.version=$(VERSION)" \
	    -o $(RELEASE_DIR)/spaser-$(VERSION)-$$os-$$arch$$ext ./cmd/spaser
	done
	(cd $(RELEASE_DIR) && sha256sum spaser-* > SHA256SUMS)
	$(MAKE) --no-print-directory release-check

# The release binary of this machine and `go run ./cmd/spaser build`, each
# with an empty chart cache and no node/npm on the PATH, build the default
# site to the same bytes.
release-check:
	bin=$(RELEASE_DIR)/spaser-$(VERSION)-$$($(GO) env GOOS)-$$($(GO) env GOARCH)
	[ -x "$$bin" ] || { echo "release-check: $$bin not found: run make release" >&2; exit 1; }
	"$$bin" version
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT
	mkdir "$$tmp/bin"; ln -s "$$(command -v $(GO))" "$$tmp/bin/go"
	PATH="$$tmp/bin" SPASER_CACHE_DIR="$$tmp/cache-release" "$$bin" build --dest "$$tmp/release" >/dev/null
	PATH="$$tmp/bin" SPASER_CACHE_DIR="$$tmp/cache-run" $(GO) run ./cmd/spaser build --dest "$$tmp/run" >/dev/null
	diff -r "$$tmp/run" "$$tmp/release"
	echo "release-check: $$bin builds the default site byte-identically to go run ./cmd/spaser build"

# Two builds: one for the base path /spaser/, one with the default (absolute)
# base_url of data/site.toml. Both must have no broken link and no HTML error;
# the second is also served on 127.0.0.1 and every page goes through axe-core
# in Chromium (WCAG 2.x A/AA and best practices, console errors, failed and
# external requests). Reports go to audit-out/.
audit:
	@if [ ! -f $(AUDIT_DIR)/links.sh ]; then
	  [ "$${CI:-}" != true ] || { echo "audit: $(AUDIT_DIR) not found" >&2; exit 1; }
	  echo "warning: $(AUDIT_DIR) not found: audits skipped" >&2
	  exit 0
	fi
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT
	url=$$(sed -n 's/^[[:space:]]*base_url[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' data/site.toml 2>/dev/null | head -n 1)
	path=$$(printf '%s\n' "$$url" | sed 's|^[A-Za-z][A-Za-z0-9+.-]*://[^/]*||')
	case $$url in *://*) set -- --site-url "$$url" ;; *) set -- ;; esac
	[ -n "$$url" ] || echo "warning: no base_url = \"...\" in data/site.toml: absolute links not checked" >&2
	echo "audit: building with --base-url /spaser/ and with base_url '$$url'"
	$(GO) run ./cmd/spaser build --dest "$$tmp/subpath" --base-url /spaser/
	$(GO) run ./cmd/spaser build --dest "$$tmp/default"
	rc=0
	bash $(AUDIT_DIR)/links.sh -o audit-out/subpath "$$tmp/subpath" /spaser/ || rc=1
	bash $(AUDIT_DIR)/vnu.sh -o audit-out/subpath "$$tmp/subpath" || rc=1
	bash $(AUDIT_DIR)/links.sh -o audit-out/default "$$@" "$$tmp/default" "$$path" || rc=1
	bash $(AUDIT_DIR)/vnu.sh -o audit-out/default "$$tmp/default" || rc=1
	bash $(AUDIT_DIR)/axe.sh -o audit-out/default "$$tmp/default" "$${path:-/}" || rc=1
	[ $$rc -eq 0 ] || { echo "audit: FAILED (findings above, reports in audit-out/)" >&2; exit 1; }
	echo "audit: ok"
