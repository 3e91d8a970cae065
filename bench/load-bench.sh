#!/usr/bin/env bash
# The project's performance figure: the highest CCR rate whose p99 stays under 10 ms with zero errors,
# server and client on this machine. Builds, starts the server with a fixed heap (one member, or two
# with MEMBERS=2: the client talks to the first, accounts live on both), provisions 100,000
# subscribers over JMX, warms up, then runs the load client at increasing target rates (open loop)
# and prints one line per rate with latency, the server's longest GC pause and GC time (from -Xlog:gc)
# and the CPU both processes used (a run whose client exits non-zero is marked RUN FAILED); then the p50/p99 at
# half the best rate, and an audit of everything the runs charged. Not run by CI.
# Usage: bench/load-bench.sh [rates="5000 10000 15000 20000 25000 30000"] [seconds=20]
# Then the same rates against the bare stack (BareStack: the same Gy server answering every CCR at once
# without charging; BARE=0 skips it), and the ratio of the highest rates with p99 < 10 ms: OCS / bare.
# Environment: MEMBERS (1), SUBSCRIBERS (100000), SESSIONS (2000), CONNECTIONS (2), UPDATES (3),
#              OCS_HEAP (-Xms2g -Xmx2g), OCS_SERVER_OPTS (extra server JVM flags, e.g. GC choice),
#              OCS_CLIENT_OPTS (extra load-client JVM flags),
#              STORE (sqlite: a file in the work directory; postgresql: a throwaway cluster started here,
#              shared by the members; memory: no durable store), FLUSH_MILLIS (write-behind interval, 100),
#              SERVER_CPUS / CLIENT_CPUS (taskset CPU lists, e.g. 0 and 1: an overload run gives the server one
#              core and the client the other, so the client can offer several times what the server answers),
#              WARMUP_SECONDS (20 at 5,000 CCR/s, 1,000 sessions a second: 100 charges every one of 100,000
#              subscribers once, as on a server that has been running; the 20 s default leaves most accounts to
#              be charged for the first time during the measured rates),
#              SLOW_LOG_DIR (each rate's answers slower than 5 ms into slow-<rate>.txt there, by scheduled wall-clock
#              time: lay them beside a server log with wall-clock decorations, e.g.
#              OCS_SERVER_OPTS="-Xlog:gc,safepoint:file=/tmp/gc-wall.log:time"),
#              STEAL_PROBE (with SLOW_LOG_DIR: a thread of the machine, by name or pid, e.g. kdamond, whose bursts on
#              a CPU are recorded during each rate into steal-<rate>.txt, and the share of slow answers in flight
#              during one printed under the rate's line; bench/StealProbe.java)
#              PROFILE (an async-profiler event: cpu, wall, alloc, lock): the server (the first member) is profiled over
#              each rate's measured seconds, native and kernel frames included, into PROFILE_DIR (default: the work
#              directory, deleted at the end) as profile-<run>.txt (load-<rate>, load-half, bare-<rate>: collapsed
#              stacks, one line per stack and thread, a flame graph's input), and its busiest threads are printed
#              under the rate's line. The profiler (tools.profiler:async-profiler from Maven Central) is loaded into
#              the running server with jcmd (its options quoted once more: jcmd hands the agent only the first of
#              them otherwise); PROFILE_INTERVAL (cpu: nanoseconds between samples, 10000000) sets its rate. JFR's
#              execution samples see Java frames only, and at 10,000 CCR/s they put the write-behind's encoding at
#              15 % of the server's samples where this, counting the database engine and the kernel, finds 2 % (README)
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/find-jdk
RATES=${1:-"5000 10000 15000 20000 25000 30000"}; SECS=${2:-20}
MEMBERS=${MEMBERS:-1}; SUBSCRIBERS=${SUBSCRIBERS:-100000}; SESSIONS=${SESSIONS:-2000}
STORE=${STORE:-sqlite}; FLUSH_MILLIS=${FLUSH_MILLIS:-100}; WARMUP_SECONDS=${WARMUP_SECONDS:-20}
CONNECTIONS=${CONNECTIONS:-2}; UPDATES=${UPDATES:-3}; HEAP=${OCS_HEAP:--Xms2g -Xmx2g}
PORT=38690; JMX=39099
work=$(mktemp -d)
PIDS=()
. bench/pg.sh
ASYNC_PROFILER_VERSION=4.2
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; pg_stop; rm -rf "$work"' EXIT
# one reactor build: the classpath of ocs-diameter's tests names the modules' jars just built (a second Maven
# call would look for them in ~/.m2, where a fresh machine has none)
mvn -B -q -pl ocs-diameter,ocs-test-client -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
if [ -n "${PROFILE:-}" ]; then
  case $(uname -m) in x86_64) ap_arch=linux-x64 ;; aarch64) ap_arch=linux-arm64 ;; *) echo "PROFILE: no async-profiler for $(uname -m)" >&2; exit 2 ;; esac
  mvn -B -q dependency:copy -Dartifact=tools.profiler:async-profiler:$ASYNC_PROFILER_VERSION -DoutputDirectory="$work/ap"
  (cd "$work/ap" && "$JAVA_HOME/bin/jar" xf "async-profiler-$ASYNC_PROFILER_VERSION.jar" "$ap_arch/libasyncProfiler.so")
  PROFILER=$work/ap/$ap_arch/libasyncProfiler.so; PROFILE_DIR=${PROFILE_DIR:-$work}; mkdir -p "$PROFILE_DIR"
  OCS_SERVER_OPTS="${OCS_SERVER_OPTS:-} -XX:+EnableDynamicAgentLoading"
fi
case $STORE in
  memory) store_yaml() { echo "{backend: none}"; } ;;
  sqlite) store_yaml() { echo "{backend: sqlite, sqlite-file: '$work/ocs-$1.db', flush-interval-millis: $FLUSH_MILLIS}"; } ;;
  postgresql) pg_start "$work/pg" 35432
              store_yaml() { echo "{backend: postgresql, url: 'jdbc:postgresql://127.0.0.1:35432/ocs', user: ocs, flush-interval-millis: $FLUSH_MILLIS}"; } ;;
  *) echo "STORE must be memory, sqlite or postgresql" >&2; exit 2 ;;
esac
printf 'users:\n  - {name: bench, role: operator, password-hash: "%s"}\n' \
  "$("$JAVA_HOME/bin/java" -cp ocs-diameter/target/ocs-server.jar dev.ocs.core.management.JmxUsers bench-pw)" \
  > "$work/users.yaml"
member_config() { # $1 member index
  sed -e '/^accounts:/,/^# The Gy server/{/^# The Gy server/!d}' -e '/^persistence:/,/^$/d' config/ocs.yaml \
    | sed -e "s|cdr-directory: var/cdr|cdr-directory: $work/cdr-$1|" \
          -e "s|^  port: 3868|  port: $((PORT + $1))|" -e "s|^  port: 9099|  port: $((JMX + $1))|" -e "s|^  port: 9464|  port: $((39464 + $1))|" \
          -e "s|^  port: 5701|  port: 15951|" -e "s|^  cluster-name: ocs|  cluster-name: ocs-bench-$$|" \
          -e "s|users-file: config/jmx-users.yaml|users-file: $work/users.yaml|"
  echo "persistence: $(store_yaml "$1")"
}
SERVER_PIDS=()
for m in $(seq 0 $((MEMBERS - 1))); do
  member_config "$m" > "$work/ocs-$m.yaml"
  # shellcheck disable=SC2086
  ${SERVER_CPUS:+taskset -c "$SERVER_CPUS"} "$JAVA_HOME/bin/java" $HEAP @config/jvm.options \
    -Xlog:gc:file="$work/gc-$m.log" ${OCS_SERVER_OPTS:-} -Dlogback.configurationFile=config/logback.xml \
    -jar ocs-diameter/target/ocs-server.jar --config "$work/ocs-$m.yaml" > "$work/server-$m.log" 2>&1 &
  PIDS+=($!); SERVER_PIDS+=($!)
  for _ in $(seq 1 120); do grep -q "OCS running" "$work/server-$m.log" && break; sleep 0.5; done
  grep -q "OCS running" "$work/server-$m.log" || { cat "$work/server-$m.log"; exit 1; }
done
export OCS_JMX_PASSWORD=bench-pw
# the client once per call (a run that fails is reported as failed, never run again); the flag that quiets
# netty's Unsafe warning only where this JDK knows it
# its heap in huge pages touched at start, as the server's (config/jvm.options): its own GC pauses count in
# its figures, and were 16-22 ms longest per rate with small pages, 6-11 ms with these (same script run)
# shellcheck disable=SC2206
CLIENT_OPTS=(-Xms512m -Xmx512m -XX:+UseTransparentHugePages -XX:+AlwaysPreTouch ${OCS_CLIENT_OPTS:-})
if "$JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow -version > /dev/null 2>&1; then
  CLIENT_OPTS+=(--sun-misc-unsafe-memory-access=allow)
fi
CLIENT_GC=$work/client-gc.log # run() gives each load run its own
client() { ${CLIENT_CPUS:+taskset -c "$CLIENT_CPUS"} "$JAVA_HOME/bin/java" "${CLIENT_OPTS[@]}" -Xlog:gc:file="$CLIENT_GC" -cp ocs-test-client/target/ocs-client.jar \
  dev.ocs.client.cli.GyClient "$@"; }
gc_logs() { for m in $(seq 0 $((MEMBERS - 1))); do cat "$work/gc-$m.log"; done; }
gc_lines() { gc_logs | wc -l; }
# the GC pauses logged after line $1 (summed over the members' logs in order): "longest total" in ms;
# "n/a n/a" for a collector that logs no pauses at -Xlog:gc (ZGC: they are sub-millisecond, in gc+phases)
gc_since() { gc_logs | tail -n +$(($1 + 1)) | pauses; }
pauses() { awk '/GC\(/ { n++ } /Pause/ && $NF ~ /ms$/ { p++; v = substr($NF, 1, length($NF) - 2) + 0; t += v; if (v > m) m = v }
         END { if (n > 0 && p == 0) printf "n/a n/a"; else printf "%.1f %.1f", m, t }'; }
server_ticks() { local t=0; for p in "${SERVER_PIDS[@]}"; do t=$((t + $(awk '{print $14+$15}' "/proc/$p/stat"))); done; echo $t; }
json() { sed -n "s/.*\"$2\": \([0-9.]*\).*/\1/p" "$1" 2>/dev/null | head -1 || true; }
refused() { sed -n "s/.*\"refused_us\": {.*\"$2\": \([0-9]*\).*/\1/p" "$1" 2>/dev/null | head -1 || true; }
HZ=$(getconf CLK_TCK)
# a collapsed profile's samples by thread (numbers in names folded), the busiest first, as shares of all samples
profile_threads() {
  [ -s "$1" ] || { echo "    profile: none written ($1)"; return 0; }
  awk '{ n = $NF; t = $0; sub(/;.*/, "", t); sub(/ tid=[0-9]+/, "", t); gsub(/[0-9]+/, "#", t); s[t] += n; all += n }
       END { for (t in s) printf "%6.1f %% %s\n", 100 * s[t] / all, t }' "$1" | sort -rn | head -8 | sed "s/^/    profile /"
  echo "    profile: $(awk '{ all += $NF } END { print all }' "$1") samples in $1"
}
client provision --jmx 127.0.0.1:$JMX --user bench --subscribers "$SUBSCRIBERS" --balance 100000000
LOAD=(--port $PORT --user bench --connections "$CONNECTIONS" --subscribers "$SUBSCRIBERS" --sessions "$SESSIONS" --updates "$UPDATES")
echo "warm-up: $WARMUP_SECONDS s at 5000 CCR/s"
client load "${LOAD[@]}" --rate 5000 --duration "$WARMUP_SECONDS" --warmup 5 --report "$work/warmup.json" > /dev/null || true
run() { # $1 rate $2 seconds $3 report [$4 extra option]
  local s0 s1 t0 t1 g0 rc=0 gc cgc probe=""
  if [ -n "${STEAL_PROBE:-}" ] && [ -n "${SLOW_LOG_DIR:-}" ]; then
    "$JAVA_HOME/bin/java" -Xmx32m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 bench/StealProbe.java probe "$STEAL_PROBE" \
      "$SLOW_LOG_DIR/steal-$1.txt" & probe=$!; PIDS+=("$probe")
  fi
  local profiler="" tag=${3##*/}; tag=${tag%.json}
  if [ -n "${PROFILE:-}" ]; then # over the measured seconds, after the client's 5 s warm-up
    ( sleep 5; "$JAVA_HOME/bin/jcmd" "${SERVER_PIDS[0]}" JVMTI.agent_load "$PROFILER" \
        "\"start,event=$PROFILE,interval=${PROFILE_INTERVAL:-10000000},threads\"" > /dev/null
      sleep "$2"; "$JAVA_HOME/bin/jcmd" "${SERVER_PIDS[0]}" JVMTI.agent_load "$PROFILER" \
        "\"stop,collapsed,file=$PROFILE_DIR/profile-$tag.txt\"" > /dev/null ) & profiler=$!; PIDS+=("$profiler")
  fi
  s0=$(server_ticks); g0=$(gc_lines); t0=$(date +%s%N)
  CLIENT_GC="$3.gc" client load "${LOAD[@]}" --rate "$1" --duration "$2" --warmup 5 --report "$3" ${4:+"$4" "$5"} \
    ${SLOW_LOG_DIR:+--slow-log "$SLOW_LOG_DIR/slow-$1.txt"} > "$3.log" || rc=$?
  t1=$(date +%s%N); s1=$(server_ticks); gc=$(gc_since "$g0"); cgc=$(pauses < "$3.gc")
  if [ -n "$probe" ]; then kill "$probe"; wait "$probe" 2>/dev/null || true; fi
  local wall; wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", (b - a) / 1e9}')
  # CPU over the client's whole run (warm-up and drain included), not over the measured seconds
  printf '%7s CCR/s  achieved %8s  p50 %6s ms  p99 %7s ms  p99.9 %7s ms  errors %6s  3004 %6s (p99 %s ms)  GC longest %s ms, total %s ms  client GC longest %s ms  server CPU %5.2f cores  client CPU %5.2f cores%s\n' \
    "$1" "$(json "$3" achieved_rate)" "$(awk -v v="$(json "$3" p50)" 'BEGIN{printf "%.2f", v/1000}')" \
    "$(awk -v v="$(json "$3" p99)" 'BEGIN{printf "%.2f", v/1000}')" "$(awk -v v="$(json "$3" p99_9)" 'BEGIN{printf "%.2f", v/1000}')" \
    "$(json "$3" errors)" "$(refused "$3" count)" "$(awk -v v="$(refused "$3" p99)" 'BEGIN{printf "%.2f", v/1000}')" \
    "${gc% *}" "${gc#* }" "${cgc% *}" \
    "$(awk -v t=$((s1 - s0)) -v hz="$HZ" -v s="$wall" 'BEGIN{printf "%.2f", t/hz/s}')" \
    "$(awk -v c="$(json "$3" client_cpu_seconds)" -v s="$wall" 'BEGIN{printf "%.2f", c/s}')" \
    "$([ "$rc" = 0 ] || echo "  RUN FAILED (client exit $rc)")"
  if [ -n "$profiler" ]; then
    wait "$profiler" || true
    profile_threads "$PROFILE_DIR/profile-$tag.txt"
  fi
  if [ -n "$probe" ]; then
    "$JAVA_HOME/bin/java" -Xmx256m bench/StealProbe.java overlap "$SLOW_LOG_DIR/steal-$1.txt" "$SLOW_LOG_DIR/slow-$1.txt" || true
  fi
  return 0
}
echo "store $STORE, members $MEMBERS, subscribers $SUBSCRIBERS, sessions $SESSIONS, connections $CONNECTIONS, $((UPDATES + 2)) requests per session, $SECS s per rate (5 s warm-up)"
sweep() { # $1 report prefix: every rate once; BEST = the highest with p99 < 10 ms and no errors
  BEST=0
  local rate p99 errors
  for rate in $RATES; do
    run "$rate" "$SECS" "$work/$1-$rate.json"
    p99=$(json "$work/$1-$rate.json" p99); errors=$(json "$work/$1-$rate.json" errors)
    if [ "${p99:-999999999}" -lt 10000 ] && [ "${errors:-1}" = 0 ]; then BEST=$rate; fi
  done
}
sweep load; best=$BEST
echo "highest rate with p99 < 10 ms and no errors: $best CCR/s"
if [ "$best" -gt 0 ]; then
  echo "at half that rate:"
  run $((best / 2)) "$SECS" "$work/load-half.json" --baseline-jmx 127.0.0.1:$JMX
else
  echo "at the lowest rate again, audited:"
  run "${RATES%% *}" "$SECS" "$work/load-half.json" --baseline-jmx 127.0.0.1:$JMX
fi
echo "audit of that run:"
client audit --jmx 127.0.0.1:$JMX --user bench --report "$work/load-half.json" | tail -3 || true
[ "${BARE:-1}" = 1 ] || exit 0
echo "the bare stack (the same Gy server answering without charging), same client, same rates:"
for p in "${SERVER_PIDS[@]}"; do kill "$p"; wait "$p" 2>/dev/null || true; done
# shellcheck disable=SC2086
${SERVER_CPUS:+taskset -c "$SERVER_CPUS"} "$JAVA_HOME/bin/java" $HEAP @config/jvm.options -Xlog:gc:file="$work/gc-bare.log" \
  -Dlogback.configurationFile=config/logback.xml -cp "ocs-diameter/target/test-classes:$(cat ocs-diameter/target/bench.cp):ocs-diameter/target/classes" \
  dev.ocs.diameter.bench.BareStack --config "$work/ocs-0.yaml" > "$work/bare.log" 2>&1 &
BARE_PID=$!; PIDS+=("$BARE_PID"); SERVER_PIDS=("$BARE_PID")
for _ in $(seq 1 60); do grep -q "bare stack running" "$work/bare.log" && break; sleep 0.5; done
grep -q "bare stack running" "$work/bare.log" || { cat "$work/bare.log"; exit 1; }
gc_logs() { cat "$work/gc-bare.log"; }
sweep bare; bare=$BEST
last=${RATES##* }
echo "highest rate with p99 < 10 ms and no errors: OCS $best CCR/s, bare stack $bare CCR/s; OCS / bare stack: $(awk -v a="$best" -v b="$bare" 'BEGIN{ if (b > 0) printf "%.2f", a / b; else print "n/a (the bare stack reached none of the rates)" }')$([ "$bare" = "$last" ] && echo " (the bare stack met the highest rate offered: its ceiling, and so the ratio, may be higher/lower than shown)")"
