#!/usr/bin/env bash
# What the periodic passes over the accounts (the sweeper's, the statistics' totals) cost the partition
# threads: full passes against indexed ones, on one embedded member. Prints figures; asserts nothing.
# Usage: bench/sweep-bench.sh [accounts=1000000] [open-sessions=2000]
BENCH_CLASS=dev.ocs.core.bench.SweepBenchmark BENCH_HEAP="-Xms3g -Xmx3g" exec "$(dirname "$0")/core-bench.sh" "$@"
