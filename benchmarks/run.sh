#!/usr/bin/env bash
# Builds the benchmarks, runs every one of them at 1 and 2 threads with -prof gc, and writes benchmarks/RESULTS.md.
# About 13 minutes on 2 cores. Extra arguments go to JMH, e.g. a regex to run a subset:
#   benchmarks/run.sh 'Breaker|Cdi'
# The benchmarks that are not JMH runs are selected by name: `benchmarks/run.sh timers` (timer-scale.sh: timers at
# scale), `benchmarks/run.sh adaptive` (adaptive-sim.sh), `benchmarks/run.sh startup` (startup.sh: start-up and
# footprint); each writes its own section of RESULTS.md.
# Environment: JAVA (default: java on PATH), THREADS (default: "1 2"), JMH_SETTINGS (default below),
# RESULTS (default: benchmarks/RESULTS.md).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

case "${1:-}" in
    timers) exec benchmarks/timer-scale.sh ;;
    adaptive) exec benchmarks/adaptive-sim.sh ;;
    startup) exec benchmarks/startup.sh ;;
esac

java="${JAVA:-java}"
threads="${THREADS:-1 2}"
settings="${JMH_SETTINGS:--f 1 -wi 3 -w 1 -i 5 -r 1}"
results="${RESULTS:-benchmarks/RESULTS.md}"
out="benchmarks/target/jmh"

mvn -q -B -ntp -pl benchmarks -am package -DskipTests
classpath="benchmarks/target/classes:$(cat benchmarks/target/benchmark.classpath)"
mkdir -p "$out"
rm -f "$out"/results-t*.json

files=()
for t in $threads; do
    echo "== JMH, $t thread(s): $settings"
    # shellcheck disable=SC2086 # settings are words on purpose
    "$java" -cp "$classpath" org.openjdk.jmh.Main $settings -t "$t" -prof gc \
        -rf json -rff "$out/results-t$t.json" "$@" | tee "$out/log-t$t.txt"
    files+=("$out/results-t$t.json")
done

"$java" -cp "$classpath" dev.steadfast.benchmarks.report.Report "$results" "${files[@]}"
