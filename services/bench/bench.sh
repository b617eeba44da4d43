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

# BENCH_PROFILE=1: async-profiler samples the CPU of every JVM of the stack for the whole run (about 1 % of a core
# each) and leaves a flame graph per process in profile/. Its agent comes from Maven Central; jcmd attaches it.
profiler_version=4.2
profiled=()
if [ -n "${BENCH_PROFILE:-}" ]; then
    "$MVN" -B -q dependency:copy -Dartifact="tools.profiler:async-profiler:$profiler_version:jar:linux-x64" \
        -DoutputDirectory="$report/profile"
    unzip -q -o "$report/profile/async-profiler-$profiler_version-linux-x64.jar" 'linux-x64/*' -d "$report/profile"
    agent="$report/profile/linux-x64/libasyncProfiler.so"
    for record in .local/pids/*.pid; do
        pid=$(awk '{print $1}' "$record")
        # postgres names the JVM that keeps the server, not the server; anything jcmd cannot attach to is left out
        [ "$(basename "$record")" = postgres.pid ] && continue
        if jcmd "$pid" JVMTI.agent_load "$agent" '"start,event=cpu,interval=5ms"' 2>/dev/null | grep -q 'return code: 0'; then
            profiled+=("$pid:$(basename "$record" .pid)")
        fi
    done
    echo "bench: profiling ${#profiled[@]} JVMs"
fi

export BENCH_URL BENCH_ROOT="$root" BENCH_REPORT_DIR="$report"
"$MVN" -B -q -pl services/bench test-compile gatling:test -Dbench.results="$report/gatling" \
    ${BENCH_JVM:+-Dbench.jvm="$BENCH_JVM"} | tee "$report/gatling.log"

for entry in "${profiled[@]}"; do
    jcmd "${entry%%:*}" JVMTI.agent_load "$agent" "\"stop,file=$report/profile/${entry#*:}.html\"" >/dev/null 2>&1 ||
        echo "bench: no profile of ${entry#*:} (it stopped?)"
done
if [ ${#profiled[@]} -gt 0 ]; then
    rm -rf "$report/profile/linux-x64" "$report/profile"/*.jar
    echo "bench: CPU flame graphs of ${#profiled[@]} JVMs in ${report#"$root"/}/profile/"
fi

html=$(find "$report/gatling" -maxdepth 2 -name index.html | head -1)
echo
echo "bench: report in ${report#"$root"/}/ (summary.md, summary.json; Gatling's charts: ${html#"$root"/})"
cat "$report/summary.md"
grep -q '^## Consistency: PASS' "$report/summary.md"
