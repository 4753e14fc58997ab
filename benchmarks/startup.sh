#!/usr/bin/env bash
# Start-up and footprint: Weld SE applications of 100, 1,000 and 5,000 guarded methods, plain, with Steadfast and with
# SmallRye Fault Tolerance, each measured in fresh JVMs (start-up time, retained heap, first calls, WELD-000411), and
# the retained heap per CLOSED circuit breaker against Resilience4j's. Writes its section of benchmarks/RESULTS.md
# between <!-- startup:begin --> and <!-- startup:end -->, leaving the rest alone. Not part of `mvn verify`; about
# 5-10 minutes on 2 cores with the defaults (4.5 minutes with RUNS=3).
# Environment: JAVA (default: java on PATH; a JDK: the applications are compiled at run time), RUNS (fresh JVMs per
# flavour and size, default 5), SIZES (guarded methods, multiples of 10, default "100 1000 5000"), HISTOGRAM (1: the
# first run of each application also writes a class histogram of its heap after start-up to
# benchmarks/target/startup/logs/), RESULTS (default: benchmarks/RESULTS.md).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

java="${JAVA:-java}"
runs="${RUNS:-5}"
sizes="${SIZES:-100 1000 5000}"
results="${RESULTS:-benchmarks/RESULTS.md}"
work="benchmarks/target/startup"
histograms=false
if [ "${HISTOGRAM:-0}" = 1 ]; then histograms=true; fi

mvn -q -B -ntp -pl benchmarks -am package -DskipTests
classpath="benchmarks/target/classes:$(cat benchmarks/target/benchmark.classpath)"
rm -rf "$work"
uptime
# shellcheck disable=SC2086 # sizes are words on purpose
"$java" -Xmx1g -Dstartup.histograms="$histograms" -cp "$classpath" dev.steadfast.benchmarks.startup.StartupBenchmark \
    "$results" "$work" "$runs" $sizes
uptime
