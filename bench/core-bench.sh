#!/usr/bin/env bash
# Charging-core benchmark: 100,000 accounts on one embedded Hazelcast member, I+U+T cycles from 1 and
# 2 threads, on the store directly and through the charging service. Prints figures; asserts nothing.
# Usage: bench/core-bench.sh [accounts] [seconds] [in-flight-per-thread]
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/find-jdk
# one reactor build: ocs-core's classpath then names the other modules' classes just compiled (a second Maven
# call would look for their jars in ~/.m2, where a fresh machine has none)
mvn -B -q -pl ocs-core -am test-compile dependency:build-classpath -DskipTests -Dmdep.outputFile=target/bench.cp \
  -Dmdep.includeScope=test
CP="ocs-core/target/classes:ocs-core/target/test-classes:$(cat ocs-core/target/bench.cp)"
# BENCH_CLASS / BENCH_HEAP: another benchmark of ocs-core's tests on the same build (bench/sweep-bench.sh)
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" ${BENCH_HEAP:--Xms2g -Xmx2g} @config/jvm.options \
  -cp "$CP" "${BENCH_CLASS:-dev.ocs.core.bench.ChargingBenchmark}" "$@"
