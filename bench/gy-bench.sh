#!/usr/bin/env bash
# Quick Gy throughput probe: starts the server (its own JVM, 1 GiB heap) with N generated accounts,
# runs GyLoad in a second JVM on loopback, prints answers/s, latency and both processes' CPU time.
# Usage: bench/gy-bench.sh [accounts=10000] [connections=4] [window=50] [seconds=20]
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/find-jdk
ACCOUNTS=${1:-10000}; CONNS=${2:-4}; WINDOW=${3:-50}; SECS=${4:-20}
PORT=38680
work=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$work"' EXIT
# one reactor build (a second Maven call would look for the modules' jars in ~/.m2, where a fresh machine has none)
mvn -B -q -pl ocs-diameter -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/bench.cp \
  -Dmdep.includeScope=test
{
  sed -e '/^accounts:/,$d' config/ocs.yaml
  echo "accounts:"
  for i in $(seq 0 $((ACCOUNTS - 1))); do
    printf '  - {id: bench-%d, subscribers: [e164:%d], balance: 100000000}\n' "$i" $((4917200000000 + i))
  done
  sed -n '/^diameter:/,$p' config/ocs.yaml | sed -e "s/^  port: 3868/  port: $PORT/"
} > "$work/ocs.yaml"
sed -i "s|cdr-directory: var/cdr|cdr-directory: $work/cdr|; s|sqlite-file: var/ocs.db|sqlite-file: $work/ocs.db|; s|  port: 5701|  port: 15901|" "$work/ocs.yaml"
"$JAVA_HOME/bin/java" -Xms1g -Xmx1g @config/jvm.options \
  ${OCS_SERVER_OPTS:-} -Dlogback.configurationFile=config/logback.xml -jar ocs-diameter/target/ocs-server.jar --config "$work/ocs.yaml" \
  > "$work/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 120); do grep -q "Gy server up" "$work/server.log" && break; sleep 0.5; done
grep -q "Gy server up" "$work/server.log" || { cat "$work/server.log"; exit 1; }
CP="ocs-diameter/target/test-classes:$(cat ocs-diameter/target/bench.cp)"
ticks() { awk '{print $14+$15}' /proc/$1/stat; }
s0=$(ticks $SERVER)
"$JAVA_HOME/bin/java" -Xmx512m -cp "$CP" dev.ocs.diameter.bench.GyLoad $PORT "$CONNS" "$WINDOW" "$SECS" 4917200000000 "$ACCOUNTS" &
LOAD=$!
l_last=0
while kill -0 $LOAD 2>/dev/null; do l_last=$(ticks $LOAD 2>/dev/null || echo $l_last); sleep 0.5; done
wait $LOAD || true; [ -n "${OCS_THREADS:-}" ] && /tmp/threads.sh $SERVER
s1=$(ticks $SERVER)
hz=$(getconf CLK_TCK)
echo "CPU seconds: server $(( (s1 - s0) / hz )), load client $(( l_last / hz )) (of ${SECS}s wall on $(nproc) cores)"
