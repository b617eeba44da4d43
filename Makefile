# The local stack without Docker, and the build, behind a few targets: `make help` lists them.

SHELL := /usr/bin/env bash
.DEFAULT_GOAL := help

MVN ?= ./mvnw
MVN_FLAGS ?= -B -q

LAUNCHER_MAIN := services/local-stack/target/classes/io/bookstore/localstack/LocalStack.class
LAUNCHER := java -cp "services/local-stack/target/classes:services/local-stack/target/lib/*" io.bookstore.localstack.LocalStack
UP_FLAGS := $(if $(filter 1 true yes,$(DETACH)),--detach) $(if $(filter 1 true yes,$(FRESH)),--fresh)

# `make build` runs Maven only when a source is newer than the last build, or a module lost its jar (mvn clean).
BUILD_STAMP := target/build.stamp
SOURCES := $(shell find pom.xml proto services -name target -prune -o -type f -print)
MODULES_WITHOUT_JAR := $(foreach module,$(dir $(wildcard services/*/pom.xml)),$(if $(wildcard $(module)target/*.jar),,$(module)))

.PHONY: help build up down status clean-data verify-consistency test FORCE

help:
	@echo "make build              build every module (skipped when nothing changed)"
	@echo "make up                 build, then start the whole stack in the foreground; Ctrl-C stops it"
	@echo "make up DETACH=1        same, but return once everything is healthy"
	@echo "make up FRESH=1         wipe .local/ (ZooKeeper, Kafka, PostgreSQL data) before starting"
	@echo "make status             pid, process and health of every part"
	@echo "make down               stop everything the stack started; data stays in .local/"
	@echo "make clean-data         wipe .local/ (refused while the stack runs)"
	@echo "make verify-consistency compare the stores of the running stack (non-zero exit on any difference)"
	@echo "make test               ./mvnw -B verify"
	@echo "make chaos              a fresh stack under checkout load; faults injected one by one, then together"
	@echo "make bench              throughput, latency and consistency under load (BENCH_RATES=100,300,1000 ...)"
	@echo "make run                the same stack in docker compose (needs a Docker engine)"

build: $(BUILD_STAMP)

$(BUILD_STAMP): $(SOURCES) $(if $(MODULES_WITHOUT_JAR),FORCE)
	$(MVN) $(MVN_FLAGS) install -DskipTests
	@mkdir -p $(@D) && touch $@

FORCE:

up: build
	$(LAUNCHER) up $(UP_FLAGS)

# Stopping and looking never wait for a full build: they only need the launcher itself.
down: | $(LAUNCHER_MAIN)
	$(LAUNCHER) down

status: | $(LAUNCHER_MAIN)
	@$(LAUNCHER) status

clean-data: | $(LAUNCHER_MAIN)
	$(LAUNCHER) clean-data

verify-consistency: | $(LAUNCHER_MAIN)
	@$(LAUNCHER) verify-consistency

$(LAUNCHER_MAIN):
	$(MVN) $(MVN_FLAGS) -pl services/local-stack install -DskipTests

test:
	$(MVN) -B verify

# ---------------------------------------------------------------------------------------------------------------
# Benchmark and chaos targets are added below this line by their owners (they expect a running stack: make up).
# ---------------------------------------------------------------------------------------------------------------

.PHONY: chaos

# Starts its own fresh stack (refused while one runs), kills and restarts its parts under load, prints the table, stops it.
chaos: build
	$(LAUNCHER) chaos

.PHONY: bench

# make bench: Gatling against the local stack (or a running one): benchmark-API and /checkout traffic at each rate of
# BENCH_RATES (open model, BENCH_DURATION s each), then at saturation (BENCH_SATURATION_USERS clients), then
# verify-consistency. Report: bench-reports/<time>/ (summary.md, summary.json, Gatling's HTML).
BENCH_RATES ?= 100,300,1000
BENCH_DURATION ?= 15
BENCH_SATURATION_USERS ?= 64
BENCH_SATURATION_DURATION ?= 15
BENCH_PAUSE ?= 5
BENCH_SCENARIOS ?= wdm,bookstore

# Never a full build here: rebuilding a service's jar under its running JVM breaks it (make up builds when it starts one).
bench: | $(LAUNCHER_MAIN)
	BENCH_RATES=$(BENCH_RATES) BENCH_DURATION=$(BENCH_DURATION) BENCH_SATURATION_USERS=$(BENCH_SATURATION_USERS) \
	BENCH_SATURATION_DURATION=$(BENCH_SATURATION_DURATION) BENCH_PAUSE=$(BENCH_PAUSE) BENCH_SCENARIOS=$(BENCH_SCENARIOS) \
	MVN="$(MVN)" services/bench/bench.sh

.PHONY: run

# The stack in containers (docker-compose.yml); needs Docker with the compose plugin. Variables come from .env.
run:
	@test -f .env || { cp .env.template .env && echo "created .env from .env.template"; }
	docker compose up --build
