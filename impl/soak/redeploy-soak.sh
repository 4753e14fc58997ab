#!/usr/bin/env bash
# Redeploys a Weld SE application with Steadfast-guarded beans, programmatic guards and asynchronous calls ROUNDS
# times (default 20) in one JVM, each time in a throwaway class loader, then reports the Steadfast threads still alive
# and the application class loaders still reachable: both must be 0. Twice: with Steadfast, Weld and SmallRye Config
# inside each application's loader (a WAR), and shared by every application (a server-wide library).
#
# Not part of `mvn verify`. Usage: impl/soak/redeploy-soak.sh [rounds]; JAVA_HOME picks the JDK.
# It builds the modules it needs in the reactor (mvn package, never install) and works under impl/soak/target.
set -euo pipefail

ROUNDS="${1:-20}"
SOAK="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$SOAK/../.." && pwd)"
OUT="$SOAK/target"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAVAC="${JAVA_HOME:+$JAVA_HOME/bin/}javac"

rm -rf "$OUT"
mkdir -p "$OUT/harness" "$OUT/app"

echo "Building steadfast-api, -engine, -impl and the test classpath (Weld SE, SmallRye Config)..."
(cd "$ROOT" && mvn -B -ntp -q package dependency:build-classpath -Dmaven.test.skip=true \
    -pl api,engine,impl,tck-tests -am -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/classpath.txt")
# The test classpath of tck-tests, without the test frameworks the application does not need.
LIBRARIES="$(tr ':' '\n' < "$OUT/classpath.txt" | grep -v -e junit -e opentest4j -e apiguardian | paste -sd: -)"

"$JAVAC" -d "$OUT/harness" "$SOAK/src/harness/dev/steadfast/soak/RedeploySoak.java"
"$JAVAC" -d "$OUT/app" -cp "$LIBRARIES" $(find "$SOAK/src/app" -name '*.java')

status=0
for mode in war shared; do
    echo
    "$JAVA" -Xmx512m -Djava.util.logging.config.file=/dev/null -cp "$OUT/harness" dev.steadfast.soak.RedeploySoak \
        "$mode" "$ROUNDS" "$LIBRARIES" "$OUT/app" | grep -v '^round' || status=1
done
exit $status
