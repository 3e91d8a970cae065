#!/usr/bin/env bash
# Restart time and disk use of the durable store: starts the server on STORE (sqlite or postgresql),
# provisions ACCOUNTS accounts, charges some of them for a while (sessions, reservations and ledger
# records in the stored state, as in production), stops it with SIGTERM, then starts it again and
# prints how long loading the accounts, binding their identities and sessions, and the whole start
# took, and the bytes on disk per account. Then kills it with SIGKILL under load and starts it again.
# Not run by CI.
# Usage: bench/restart-bench.sh [accounts=1000000]
# Environment: STORE (sqlite), OCS_HEAP (-Xms4g -Xmx4g), LOAD_SECONDS (30)
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/find-jdk
. bench/pg.sh
ACCOUNTS=${1:-1000000}; STORE=${STORE:-sqlite}; HEAP=${OCS_HEAP:--Xms4g -Xmx4g}; LOAD_SECONDS=${LOAD_SECONDS:-30}
PORT=38790; JMX=39199
work=$(mktemp -d)
SERVER=""
trap '[ -n "$SERVER" ] && kill -9 "$SERVER" 2>/dev/null; wait 2>/dev/null; pg_stop; cp "$work/server.log" "${TMPDIR:-/tmp}/restart-bench-server.log" 2>/dev/null; rm -rf "$work"' EXIT
mvn -B -q -pl ocs-diameter,ocs-test-client -am package -DskipTests
printf 'users:\n  - {name: bench, role: operator, password-hash: "%s"}\n' \
  "$("$JAVA_HOME/bin/java" -cp ocs-diameter/target/ocs-server.jar dev.ocs.core.management.JmxUsers bench-pw)" > "$work/users.yaml"
case $STORE in
  sqlite) STORE_YAML="{backend: sqlite, sqlite-file: '$work/ocs.db'}" ;;
  postgresql) pg_start "$work/pg" 35532; STORE_YAML="{backend: postgresql, url: 'jdbc:postgresql://127.0.0.1:35532/ocs', user: ocs}" ;;
  *) echo "STORE must be sqlite or postgresql" >&2; exit 2 ;;
esac
sed -e '/^accounts:/,/^# The Gy server/{/^# The Gy server/!d}' -e '/^persistence:/,/^$/d' config/ocs.yaml \
  | sed -e "s|cdr-directory: var/cdr|cdr-directory: $work/cdr|" -e "s|^  port: 3868|  port: $PORT|" \
        -e "s|^  port: 9099|  port: $JMX|" -e "s|^  port: 5701|  port: 16051|" -e "s|^  cluster-name: ocs|  cluster-name: ocs-restart-$$|" \
        -e "s|users-file: config/jmx-users.yaml|users-file: $work/users.yaml|" > "$work/ocs.yaml"
echo "persistence: $STORE_YAML" >> "$work/ocs.yaml"
start() { # $1 run number; sets SERVER and START_MS (exec to "OCS running")
  local t0; t0=$(date +%s%N)
  echo "=== run $1" >> "$work/server.log"
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" $HEAP @config/jvm.options \
    -Dlogback.configurationFile=config/logback.xml -jar ocs-diameter/target/ocs-server.jar --config "$work/ocs.yaml" \
    >> "$work/server.log" 2>&1 &
  SERVER=$!
  until sed -n "/=== run $1\$/,\$p" "$work/server.log" | grep -q "OCS running"; do
    kill -0 "$SERVER" 2>/dev/null || { tail -30 "$work/server.log"; exit 1; }; sleep 0.2; done
  START_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
}
facts() { # $1 run number: the start-up lines worth reporting
  sed -n "/=== run $1\$/,\$p" "$work/server.log" | grep -oE '[0-9]+ account\(s\) in the grid after loading .* in [0-9]+ ms|bound [0-9]+ identities and [0-9]+ sessions .* in [0-9]+ ms|[0-9]+ ledger record\(s\) of [0-9]+ account\(s\) were in the CDR files' | tr '\n' ';'
}
disk() { if [ "$STORE" = sqlite ]; then du -cb "$work"/ocs.db* | tail -1 | cut -f1; else pg_size; fi; }
client() { "$JAVA_HOME/bin/java" -Xms512m -Xmx512m -cp ocs-test-client/target/ocs-client.jar dev.ocs.client.cli.GyClient "$@"; }
export OCS_JMX_PASSWORD=bench-pw
start 1
t0=$(date +%s)
client provision --jmx 127.0.0.1:$JMX --user bench --subscribers "$ACCOUNTS" --balance 100000000 | tail -1
echo "provisioned $ACCOUNTS accounts in $(( $(date +%s) - t0 )) s"
client load --port $PORT --user bench --subscribers "$ACCOUNTS" --sessions 2000 --rate 3000 --duration "$LOAD_SECONDS" \
  --warmup 1 --report "$work/load.json" | tail -2 || true
kill -TERM "$SERVER"; wait "$SERVER" || true
echo "store $STORE: $ACCOUNTS accounts, $(disk) bytes on disk, $(( $(disk) / ACCOUNTS )) bytes per account"
for run in 2 3; do
  start $run
  echo "restart after SIGTERM #$((run - 1)): serving after $START_MS ms; $(facts $run)"
  if [ $run = 2 ]; then kill -TERM "$SERVER"; wait "$SERVER" || true; fi
done
echo "charging under load, then SIGKILL ..."
client load --port $PORT --user bench --subscribers "$ACCOUNTS" --sessions 2000 --rate 3000 --duration 15 --warmup 1 \
  --report "$work/load2.json" > "$work/load2.log" 2>&1 &
LOADER=$!
sleep 10; kill -9 "$SERVER"; wait "$SERVER" 2>/dev/null || true; wait "$LOADER" 2>/dev/null || true
grep -E "req/s" "$work/load2.log" | tail -3 | sed 's/^/  load before the kill: /'
start 4
echo "restart after SIGKILL: serving after $START_MS ms; $(facts 4)"
"$JAVA_HOME/bin/java" -cp ocs-test-client/target/ocs-client.jar dev.ocs.client.admin.OcsAdmin --jmx 127.0.0.1:$JMX --user bench audit | tail -1
kill -TERM "$SERVER"; wait "$SERVER" || true; SERVER=""
