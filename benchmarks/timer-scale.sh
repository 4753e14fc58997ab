#!/usr/bin/env bash
# Timers at scale: Steadfast's timer beside SmallRye Fault Tolerance's with 10,000 and 100,000 timeouts pending
# (heap per pending timeout, arm + cancel, lateness of the ones that fire), and writes its section of
# benchmarks/RESULTS.md between <!-- timer-scale:begin --> and <!-- timer-scale:end -->, leaving the rest alone.
# A few minutes on 2 cores; not part of `mvn verify`. Environment: JAVA (default: java on PATH), RESULTS (default:
# benchmarks/RESULTS.md).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

java="${JAVA:-java}"
results="${RESULTS:-benchmarks/RESULTS.md}"

mvn -q -B -ntp -pl benchmarks -am package -DskipTests
classpath="benchmarks/target/classes:$(cat benchmarks/target/benchmark.classpath)"
"$java" -Xmx2g -Xms2g -XX:+UseParallelGC -cp "$classpath" dev.steadfast.benchmarks.timers.TimerScale "$results"
