# LoadRunner's entry points. `make demo` and `make test` work on a fresh Debian machine with Swift:
# each installs the system packages it needs first.

SWIFT ?= swift
APT_PACKAGES := libcurl4-openssl-dev
# The TLS and HTTP/2 tests run against a real nginx with a self-signed certificate.
TEST_PACKAGES := libcurl4-openssl-dev nginx-light openssl
BENCH_PACKAGES := libcurl4-openssl-dev nginx-light wrk time

.PHONY: demo test build release deps test-deps bench-deps bench clean

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

## Every test: unit, engine against real local HTTP servers, and the built binary. Serial: the engine
## tests measure real load, which CPU-heavy tests running beside them on 2 cores would distort.
test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --no-parallel

test-deps:
	@dpkg -s $(TEST_PACKAGES) >/dev/null 2>&1 || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $(TEST_PACKAGES); }

bench-deps:
	@dpkg -s $(BENCH_PACKAGES) >/dev/null 2>&1 || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $(BENCH_PACKAGES); }
	@python3 -c "import locust" 2>/dev/null || pip install locust

## Side-by-side speed benchmark against libcurl in C, Locust and wrk (see Benchmarks/README.md).
bench: bench-deps release
	Benchmarks/run.sh

clean:
	rm -rf .build
