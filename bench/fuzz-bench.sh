#!/usr/bin/env bash
# The long fuzz run: the server in its own JVM (memory store), then FRAMES (1,000,000) hostile frames from
# the seeded generator of FuzzIT, then: the frames/s, the server's CPU and threads, whether any server
# thread still burns CPU, whether a fresh gateway is served, and the log lines the fuzz caused. Not run by CI.
# Usage: bench/fuzz-bench.sh [frames=1000000] [seed=20261130]
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/find-jdk
FRAMES=${1:-1000000}; SEED=${2:-20261130}
PORT=38880
work=$(mktemp -d)
SERVER=""
trap '[ -n "$SERVER" ] && kill $SERVER 2>/dev/null || true; rm -rf "$work"' EXIT
# one reactor build (a second Maven call would look for the modules' jars in ~/.m2, where a fresh machine has none)
mvn -B -q -pl ocs-diameter -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/bench.cp \
  -Dmdep.includeScope=test
sed -e '/^persistence:/,/^$/d' config/ocs.yaml | sed -e "s|cdr-directory: var/cdr|cdr-directory: $work/cdr|" \
  -e "s|^  port: 3868|  port: $PORT|" -e "s|^  port: 5701|  port: 15991|" -e "s|^  enabled: true|  enabled: false|" > "$work/ocs.yaml"
echo "persistence: {backend: none}" >> "$work/ocs.yaml"
"$JAVA_HOME/bin/java" -Xms1g -Xmx1g @config/jvm.options \
  -Dlogback.configurationFile=config/logback.xml -jar ocs-diameter/target/ocs-server.jar --config "$work/ocs.yaml" \
  > "$work/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 120); do grep -q "OCS running" "$work/server.log" && break; sleep 0.5; done
grep -q "OCS running" "$work/server.log" || { cat "$work/server.log"; exit 1; }
ticks() { awk '{print $14+$15}' /proc/$1/stat; }
hz=$(getconf CLK_TCK)
s0=$(ticks $SERVER); t0=$(date +%s%N)
CP="ocs-diameter/target/test-classes:$(cat ocs-diameter/target/bench.cp)"
"$JAVA_HOME/bin/java" -Xmx512m -cp "$CP" dev.ocs.diameter.bench.Fuzz $PORT "$FRAMES" "$SEED"
t1=$(date +%s%N); s1=$(ticks $SERVER)
sleep 3; s2=$(ticks $SERVER); sleep 5; s3=$(ticks $SERVER)
echo "server CPU during the fuzz: $(( (s1 - s0) / hz )) s over $(( (t1 - t0) / 1000000000 )) s; afterwards $(( (s3 - s2) * 1000 / hz )) ms of CPU in 5 s (idle is a few ms)"
echo "server threads now: $(ls /proc/$SERVER/task | wc -l), file handles: $(ls /proc/$SERVER/fd | wc -l), RSS: $(awk '/VmRSS/{print $2 $3}' /proc/$SERVER/status)"
echo "log lines: $(wc -l < "$work/server.log") in all, $(grep -c ' WARN ' "$work/server.log" || true) WARN, $(grep -c ' ERROR ' "$work/server.log" || true) ERROR"
