#!/usr/bin/env bash
# Runs the engine's jcstress tests long and writes engine-jcstress/RESULTS.md: per test, every outcome observed with
# its count and expectation, and whether a forbidden one showed up. mvn verify runs the same tests briefly
# (-m sanity); this is the long run. Extra arguments go to jcstress, e.g. one test: engine-jcstress/run.sh -t Permits
# Environment: JAVA (default: java on PATH), JCSTRESS_SETTINGS (default below), RESULTS (default:
# engine-jcstress/RESULTS.md). Needs python3 to write the report. 25 to 40 minutes on 2 cores with the defaults.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

java="${JAVA:-java}"
settings="${JCSTRESS_SETTINGS:--m quick}"
results="${RESULTS:-engine-jcstress/RESULTS.md}"
out="engine-jcstress/target/jcstress-long"

mvn -q -B -ntp -pl engine-jcstress -am package -DskipTests -Djcstress.skip=true
mkdir -p "$out"
# A copy of what the run needs, so that a build in the same tree during the (long) run cannot change it.
rm -rf "$out/classpath" && mkdir -p "$out/classpath"
cp -r engine-jcstress/target/classes "$out/classpath/tests"
classpath="$root/$out/classpath/tests"
IFS=':' read -r -a entries <<< "$(cat engine-jcstress/target/jcstress.classpath)"
for entry in "${entries[@]}"; do
    copy="$root/$out/classpath/$(basename "$entry")"
    cp "$entry" "$copy"
    classpath="$classpath:$copy"
done

started=$(date +%s)
status=0
# In $out: jcstress drops a binary results file in its working directory.
# shellcheck disable=SC2086 # settings are words on purpose
(cd "$out" && "$java" -cp "$classpath" org.openjdk.jcstress.Main $settings -v -r . "$@" > log.txt 2>&1) || status=$?
elapsed=$(( $(date +%s) - started ))

python3 - "$out/log.txt" "$results" "$settings $*" "$elapsed" "$status" "$("$java" -version 2>&1 | head -1)" <<'PY'
import re, sys, platform, os, datetime
log, results, settings, elapsed, status, jdk = sys.argv[1:7]
lines = open(log, encoding="utf-8", errors="replace").read().splitlines()
start = next(i for i, l in enumerate(lines) if l.startswith("RUN RESULTS:"))
tests, current = [], None
for l in lines[start:]:
    m = re.match(r"^\.+ \[(\w+)\] (\S+)", l)
    if m:
        current = {"verdict": m.group(1), "name": m.group(2), "rows": [], "cols": None}
        tests.append(current)
        continue
    if current is None:
        continue
    if re.match(r"^\s+RESULT\s+SAMPLES\s+FREQ\s+EXPECT\s+DESCRIPTION", l):
        current["cols"] = [l.index(c) + len(c) for c in ("RESULT", "SAMPLES", "FREQ", "EXPECT")]
        continue
    if current["cols"] and l.strip():
        r, s, f, e = current["cols"]
        current["rows"].append([l[:r].strip(), l[r:s].strip(), l[s:f].strip(), l[f:e].strip(), l[e:].strip()])
    elif current["cols"] and not l.strip() and current["rows"]:
        current["cols"] = None

cpu = "unknown CPU"
try:
    cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
except (OSError, StopIteration):
    pass
forbidden_seen = [t["name"] for t in tests
                  if any(row[3] == "Forbidden" and row[1].replace(",", "") not in ("", "0") for row in t["rows"])]
with open(results, "w", encoding="utf-8") as out:
    out.write("# jcstress results of the engine\n\n")
    out.write("Written by `engine-jcstress/run.sh`; what each test checks is in "
              "[`docs/concurrency.md`](../docs/concurrency.md).\n\n")
    out.write(f"- run: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, "
              f"{elapsed} s, jcstress settings `{settings.strip()}`\n")
    out.write(f"- JVM: {jdk}; machine: {os.cpu_count()} CPUs, {cpu}\n")
    out.write(f"- tests: {len(tests)}; verdicts: "
              + ", ".join(f"{t['name'].rsplit('.', 1)[1]} {t['verdict']}" for t in tests) + "\n")
    out.write(f"- forbidden outcomes observed: {', '.join(forbidden_seen) if forbidden_seen else 'none'}"
              f"; jcstress exit status {status}\n")
    for t in tests:
        out.write(f"\n## {t['name'].rsplit('.', 1)[1]} — {t['verdict']}\n\n`{t['name']}`\n\n")
        if not t["rows"]:
            out.write("Termination test: every run ended (a stale, forbidden run would be listed as FAILED).\n"
                      if t["verdict"] == "OK" else "No outcome table in the log.\n")
            continue
        out.write("| outcome | samples | frequency | expectation | meaning |\n|---|---:|---:|---|---|\n")
        for row in t["rows"]:
            out.write("| `" + row[0] + "` | " + " | ".join(c.replace("|", "\\|") for c in row[1:]) + " |\n")
print(f"{results}: {len(tests)} tests, forbidden outcomes observed: {forbidden_seen or 'none'}")
sys.exit(1 if forbidden_seen or not tests else 0)
PY
report=$?
exit $(( status != 0 ? status : report ))
