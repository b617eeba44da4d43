#!/usr/bin/env bash
# make bench: the Gatling simulations against the local stack, one report folder per run under bench-reports/.
# Uses the stack that runs, or starts one (make up DETACH=1) and stops it again at the end.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
: "${MVN:=./mvnw}"
: "${BENCH_URL:=http://127.0.0.1:8081}"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
report="$root/bench-reports/$stamp"
mkdir -p "$report"

# A stack runs when a process the launcher recorded under .local/pids is alive (a busy stack may answer slowly).
stack_runs() {
    local record
    for record in .local/pids/*.pid; do
        [ -e "$record" ] && kill -0 "$(awk '{print $1}' "$record")" 2>/dev/null && return 0
    done
    return 1
}

if stack_runs; then
    echo "bench: using the stack that runs (make status); waiting until $BENCH_URL answers"
    for _ in $(seq 1 60); do
        curl -fsS -m 5 "$BENCH_URL/actuator/health" >/dev/null 2>&1 && break
        sleep 2
    done
else
    echo "bench: no stack runs: starting one (make up DETACH=1), stopped again at the end"
    make up DETACH=1
    trap 'make down' EXIT
fi

export BENCH_URL BENCH_ROOT="$root" BENCH_REPORT_DIR="$report"
"$MVN" -B -q -pl services/bench test-compile gatling:test -Dbench.results="$report/gatling" \
    ${BENCH_JVM:+-Dbench.jvm="$BENCH_JVM"} | tee "$report/gatling.log"

html=$(find "$report/gatling" -maxdepth 2 -name index.html | head -1)
echo
echo "bench: report in ${report#"$root"/}/ (summary.md, summary.json; Gatling's charts: ${html#"$root"/})"
cat "$report/summary.md"
grep -q '^## Consistency: PASS' "$report/summary.md"
