#!/usr/bin/env bash
# Three application instances (JVMs) share one CLUSTER FIXED quota through a real redis-server on loopback; one of
# them is killed with kill -9 halfway. Prints admissions per one-second window across the three and fails if any
# window admitted more than the quota. Needs redis-server (apt-get install -y redis-server) and a JDK 17+.
#
#   redis/scripts/three-processes.sh [quota=100] [seconds=12]
set -euo pipefail
QUOTA=${1:-100}
SECONDS_RUN=${2:-12}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
REDIS_PID=
PIDS=()
cleanup() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  [ -n "$REDIS_PID" ] && kill "$REDIS_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v redis-server >/dev/null || { echo "redis-server is missing: apt-get install -y redis-server" >&2; exit 1; }

echo "== building (reactor, no install) =="
(cd "$ROOT" && mvn -B -ntp -q -pl redis -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >/dev/null)
CP="$ROOT/api/target/classes:$ROOT/engine/target/classes:$ROOT/redis/target/classes:$ROOT/redis/target/test-classes:$(cat "$WORK/cp.txt")"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
redis-server --port "$PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$WORK" >"$WORK/redis.log" 2>&1 &
REDIS_PID=$!
for _ in $(seq 100); do redis-cli -p "$PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
APP="three-$$"
echo "== redis-server on 127.0.0.1:$PORT; 3 members, quota $QUOTA/s, $SECONDS_RUN s; member c killed halfway =="

for id in a b c; do
  java -cp "$CP" dev.steadfast.redis.FleetProcess member "redis://127.0.0.1:$PORT" "$APP" "$id" "$QUOTA" \
    "$SECONDS_RUN" "$WORK/$id.txt" >"$WORK/$id.log" 2>&1 &
  PIDS+=($!)
done
# wait until every member joined (each writes its first admission), then run half the time and kill c
for _ in $(seq 600); do
  [ -s "$WORK/a.txt" ] && [ -s "$WORK/b.txt" ] && [ -s "$WORK/c.txt" ] && break; sleep 0.1
done
sleep $((SECONDS_RUN / 2))
kill -9 "${PIDS[2]}"
echo "== kill -9 member c (pid ${PIDS[2]}) at $(date -u +%T.%N | cut -c1-12) =="
STATUS=0
wait "${PIDS[0]}" || STATUS=1
wait "${PIDS[1]}" || STATUS=1
wait "${PIDS[2]}" 2>/dev/null || true
cat "$WORK/a.log" "$WORK/b.log" | grep -E '^(a|b):' || true
echo "== per window, all three members =="
java -cp "$CP" dev.steadfast.redis.FleetProcess report "$QUOTA" "$WORK/a.txt" "$WORK/b.txt" "$WORK/c.txt" || STATUS=1
echo "keys left in Redis without a TTL: $(redis-cli -p "$PORT" --scan --pattern '*' | while read -r k; do
  [ "$(redis-cli -p "$PORT" pttl "$k")" -lt 0 ] && echo "$k"; done | wc -l)"
exit $STATUS
