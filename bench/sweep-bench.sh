#!/usr/bin/env bash
# What the periodic passes over the accounts (the sweeper's, the statistics' totals) cost the partition
# threads: full passes against indexed ones, on one embedded member. Prints figures; asserts nothing.
# Usage: bench/sweep-bench.sh [accounts=1000000] [open-sessions=2000]
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/find-jdk
mvn -B -q -pl ocs-core -am test-compile -DskipTests
mvn -B -q -pl ocs-core dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
CP="ocs-core/target/classes:ocs-core/target/test-classes:$(cat ocs-core/target/bench.cp)"
exec "$JAVA_HOME/bin/java" -Xms3g -Xmx3g @config/jvm.options \
  -cp "$CP" dev.ocs.core.bench.SweepBenchmark "$@"
