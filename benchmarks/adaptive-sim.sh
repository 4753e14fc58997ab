#!/usr/bin/env bash
# Runs the adaptive-limit simulation (Steadfast's AdaptiveLimit beside Netflix concurrency-limits 0.5.3's
# Gradient2Limit and VegasLimit, and a static limit of 50) and writes its section of benchmarks/RESULTS.md, between the
# markers <!-- adaptive-sim:begin --> and <!-- adaptive-sim:end -->, leaving the JMH tables alone. Virtual time and a
# fixed seed: every run writes the same numbers, in well under a minute. Environment: JAVA (default: java on PATH),
# RESULTS (default: benchmarks/RESULTS.md).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

java="${JAVA:-java}"
results="${RESULTS:-benchmarks/RESULTS.md}"

mvn -q -B -ntp -pl benchmarks -am package -DskipTests
classpath="benchmarks/target/classes:$(cat benchmarks/target/benchmark.classpath)"
"$java" -cp "$classpath" dev.steadfast.benchmarks.adaptive.AdaptiveSimulation "$results"
