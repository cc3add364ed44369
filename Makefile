# LoadRunner's entry points. `make demo` and `make test` work on a fresh Debian machine with Swift:
# each installs the system packages it needs first.

SWIFT ?= swift
APT_PACKAGES := libcurl4-openssl-dev
BENCH_PACKAGES := libcurl4-openssl-dev nginx-light wrk time

.PHONY: demo test build release deps bench-deps bench clean

## Installs the Debian packages LoadRunner builds against (only when missing).
deps:
	@dpkg -s $(APT_PACKAGES) >/dev/null 2>&1 || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $(APT_PACKAGES); }

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## The demo: a short staged run against a local demo service; prints where the report is.
demo: release
	Lab/demo-local.sh

## Every test: unit, engine against real local HTTP servers, and the built binary.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench-deps:
	@dpkg -s $(BENCH_PACKAGES) >/dev/null 2>&1 || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $(BENCH_PACKAGES); }
	@python3 -c "import locust" 2>/dev/null || pip install locust

## Side-by-side speed benchmark against libcurl in C, Locust and wrk (see Benchmarks/README.md).
bench: bench-deps release
	Benchmarks/run.sh

clean:
	rm -rf .build
