#!/usr/bin/env bash
# Three JVMs on loopback, each a Hazelcast member with a Steadfast member calling one CLUSTER FIXED quota as fast as it
# may; the third is killed with kill -9 halfway. Checks that no window admitted more than the quota across the three
# processes (the killed one included), that the survivors account for every call, and prints the admissions per
# window. Not part of `mvn verify` (about a minute); see ../README.md for a recorded run.
#
#   hazelcast/scripts/multi-process-quota.sh [quota=100] [seconds=20] [threads per process=4] [request timeout=500ms]
#
# With the default steadfast.cluster.request-timeout (500 ms) the survivors usually take the seconds Hazelcast needs to
# notice the dead member (its partitions do not answer meanwhile) for a lost grid, fall back to their local share and
# rejoin: the one overshoot docs/cluster.md describes may show in that window. A timeout above Hazelcast's failure
# detection (here 3 s of missed heartbeats) keeps them on the fleet: see ../README.md.
set -euo pipefail

QUOTA=${1:-100}
SECONDS_TO_RUN=${2:-20}
THREADS=${3:-4}
REQUEST_TIMEOUT=${4:-500ms}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
trap 'for p in ${PIDS:-}; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$WORK"' EXIT

cd "$ROOT"
echo "Building (test classes of steadfast-hazelcast and the class path; nothing is installed)..."
mvn -B -ntp -q test-compile dependency:build-classpath -pl hazelcast -am -Dmdep.includeScope=test \
    -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
CP="$ROOT/hazelcast/target/test-classes:$ROOT/hazelcast/target/classes:$(cat "$WORK/cp.txt")"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
P1=$(free_port); P2=$(free_port); P3=$(free_port)
PORTS="$P1,$P2,$P3"
CLUSTER="steadfast-mp-$$"

PIDS=""
i=0
for port in $P1 $P2 $P3; do
  i=$((i + 1))
  java -cp "$CP" -Djava.util.logging.config.file=/dev/null -Dsteadfast.cluster.request-timeout="$REQUEST_TIMEOUT" dev.steadfast.hazelcast.FleetNode "n$i" "$CLUSTER" \
      "$port" "$PORTS" "$QUOTA" "$THREADS" "$SECONDS_TO_RUN" "$WORK/n$i.log" >"$WORK/n$i.out" 2>&1 &
  PIDS="$PIDS $!"
  eval "PID$i=$!"
done

for n in 1 2 3; do
  for _ in $(seq 1 1200); do grep -q "n$n ready" "$WORK/n$n.out" 2>/dev/null && break; sleep 0.1; done
  grep -q "n$n ready" "$WORK/n$n.out" || { echo "n$n did not start:"; tail -20 "$WORK/n$n.out"; exit 1; }
done
echo "3 processes ready (ports $PORTS), quota $QUOTA per second, $THREADS threads each, $SECONDS_TO_RUN s," \
    "request timeout $REQUEST_TIMEOUT"

sleep $((SECONDS_TO_RUN / 2))
echo "kill -9 n3 (pid $PID3) at $(date -u +%H:%M:%S.%N | cut -c1-12)"
kill -9 "$PID3"
KILLED_AT_WINDOW=$(tail -1 "$WORK/n3.log" | awk '{print $2}')

wait "$PID1" "$PID2" || { echo "a survivor failed:"; tail -20 "$WORK/n1.out" "$WORK/n2.out"; exit 1; }

echo
echo "window  n1  n2  n3  fleet"
grep -h "lost its cluster backend\|reached its cluster backend" "$WORK"/n1.out "$WORK"/n2.out | cut -c1-160 || true
awk -v quota="$QUOTA" -v killed="$KILLED_AT_WINDOW" '
  FNR == 1 { node++ }
  $1 == "A" { count[$2, node]++; seen[$2] = 1; if (first == "" || $2 < first) first = $2; if ($2 > last) last = $2 }
  $1 == "T" { total[node] = $0 }
  END {
    over = 0; full = 0; used = 0; min = quota
    for (w = first; w <= last; w++) {
      fleet = count[w, 1] + count[w, 2] + count[w, 3]
      mark = (w == killed) ? "  <- n3 killed" : ""
      printf "%6d %4d %4d %4d %5d%s\n", w - first, count[w, 1], count[w, 2], count[w, 3], fleet, mark
      if (fleet > quota) over++
      if (w > first && w < last) { full++; used += fleet; if (fleet < min) min = fleet }
    }
    printf "\nwindows over the quota: %d; full windows: %d, admitted %.1f%% of the quota on average, %d at least\n",
      over, full, 100 * used / (full * quota), min
    for (n = 1; n <= 2; n++) {
      split(total[n], t, " ")
      printf "n%d: attempted %d = admitted %d + rejected %d: %s\n", n, t[2], t[3], t[4],
        (t[2] == t[3] + t[4]) ? "every call accounted for" : "MISMATCH"
      if (t[2] != t[3] + t[4]) over++
    }
    exit over > 0 ? 1 : 0
  }' "$WORK"/n1.log "$WORK"/n2.log "$WORK"/n3.log
