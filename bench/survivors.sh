#!/usr/bin/env bash
# What the server's young collections copy under load, by class: runs bench/load-bench.sh at one rate
# (BARE=0) with JFR recording jdk.PromoteObjectInNewPLAB / OutsidePLAB for 15 s of the measured rate,
# then prints each class's share of what was copied into survivor space ("survivor") and into the old
# generation ("promoted"), and the same by family (session state, the session directory's records, ledger
# rings, ...). Not run by CI. Usage: bench/survivors.sh [rate=10000] [seconds=30]; other settings as for
# load-bench.sh (STORE, SUBSCRIBERS, WARMUP_SECONDS, ...).
# Method: PLABs are fixed at 512 words (-XX:-ResizePLAB -XX:YoungPLABSize=512 -XX:OldPLABSize=512), so
# an event is one 4 KB buffer started by a copy: counting events weighs classes by the bytes copied. With
# the adaptive PLABs a run normally has, a few large buffers per pause are sampled, each named after the
# first object copied from a root, which says little. The fixed PLABs change the pauses themselves: the
# latency this run prints is not a figure to compare with load-bench.sh's.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/find-jdk
RATE=${1:-10000}; SECS=${2:-30}
work=$(mktemp -d)
bench=
# should this script stop early (no server found, jcmd refused), the load run it started stops with it
trap '[ -n "$bench" ] && kill "$bench" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
cat > "$work/promo.jfc" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0" label="survivors">
  <event name="jdk.PromoteObjectInNewPLAB"><setting name="enabled">true</setting></event>
  <event name="jdk.PromoteObjectOutsidePLAB"><setting name="enabled">true</setting></event>
</configuration>
EOF
OCS_SERVER_OPTS="-XX:-ResizePLAB -XX:YoungPLABSize=512 -XX:OldPLABSize=512 ${OCS_SERVER_OPTS:-}" BARE=0 \
  bash bench/load-bench.sh "$RATE" "$SECS" > "$work/load.txt" 2>&1 &
bench=$!
# the measured rate starts when load-bench.sh prints its settings line; its first 5 s are a warm-up
for _ in $(seq 1 600); do grep -q "s per rate" "$work/load.txt" && break; sleep 1; done
grep -q "s per rate" "$work/load.txt" || { cat "$work/load.txt"; exit 1; }
sleep 8
server=$(pgrep -f "ocs-server.jar --config" | head -1)
"$JAVA_HOME/bin/jcmd" "$server" JFR.start name=survivors settings="$work/promo.jfc" > /dev/null
sleep 15
"$JAVA_HOME/bin/jcmd" "$server" JFR.dump name=survivors filename="$work/promo.jfr" > /dev/null
"$JAVA_HOME/bin/jcmd" "$server" JFR.stop name=survivors > /dev/null
wait "$bench" || true
grep "CCR/s  achieved" "$work/load.txt" | head -1
"$JAVA_HOME/bin/jfr" print --events jdk.PromoteObjectInNewPLAB,jdk.PromoteObjectOutsidePLAB "$work/promo.jfr" | awk '
/objectClass = / { c = $3 }
/tenured = / {
  where = $3 == "true" ? "promoted" : "survivor"
  f = "other"
  if (c ~ /dev\.ocs\.core\.domain\.(SessionState|ServiceSession|ServiceResult|ChargingResult|BucketHold)|ImmutableCollections/) f = "session state and last answers"
  else if (c ~ /com\.hazelcast.*(HeapData|ExpiryMetadata|Record|ConcurrentReferenceHashMap)/) f = "Hazelcast map records (session directory)"
  else if (c == "long[]") f = "long[] (ledger rings)"
  else if (c == "byte[]") f = "byte[] (rows, serialized keys and values, string bytes)"
  else if (c ~ /^java\.lang\.String/) f = "String, String[]"
  else if (c ~ /ConcurrentHashMap|LocalSessions/) f = "ConcurrentHashMap nodes, local session bindings"
  else if (c ~ /LedgerRecord|java\.util\.(HashMap|ArrayList)|^java\.lang\.Object\[\]|StoredVersion|AccountRow|java\.lang\.Long/) f = "export and write-behind batches"
  byClass[c " " where]++; byFamily[f " (" where ")"]++; total++
}
END {
  if (total == 0) { print "no promotion events recorded"; exit 1 }
  printf "%d buffers of 4 KB copied in 15 s\nby family:\n", total
  for (k in byFamily) printf "%6.1f %%  %s\n", 100 * byFamily[k] / total, k | "sort -rn"
  close("sort -rn")
  print "by class (top 20):"
  for (k in byClass) printf "%6.1f %%  %s\n", 100 * byClass[k] / total, k | "sort -rn | head -20"
}'
