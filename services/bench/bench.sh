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

if curl -fsS -m 5 "$BENCH_URL/actuator/health" >/dev/null 2>&1; then
    echo "bench: using the stack that runs at $BENCH_URL"
else
    echo "bench: no stack answers at $BENCH_URL: starting one (make up DETACH=1), stopped again at the end"
    trap 'make down' EXIT
    make up DETACH=1
fi

export BENCH_URL BENCH_ROOT="$root" BENCH_REPORT_DIR="$report"
"$MVN" -B -q -pl services/bench test-compile gatling:test -Dbench.results="$report/gatling" \
    ${BENCH_JVM:+-Dbench.jvm="$BENCH_JVM"} | tee "$report/gatling.log"

html=$(find "$report/gatling" -maxdepth 2 -name index.html | head -1)
echo
echo "bench: report in ${report#"$root"/}/ (summary.md, summary.json; Gatling's charts: ${html#"$root"/})"
cat "$report/summary.md"
grep -q '^## Consistency: PASS' "$report/summary.md"
