#!/usr/bin/env bash
# The cost of durability: bench/load-bench.sh once per store (memory only, the embedded SQLite file,
# a PostgreSQL cluster on this machine), the same rates in the same script run, REPEAT times in turn
# so that the machine's drift spreads over all three. Prints every rate line and, per store, the
# highest rate with p99 < 10 ms and no errors. Not run by CI.
# Usage: bench/store-bench.sh [rates="2000 5000 10000 20000"] [seconds=20]
# Environment: REPEAT (2), STORES ("memory sqlite postgresql"), and everything load-bench.sh reads
set -euo pipefail
cd "$(dirname "$0")/.."
RATES=${1:-"2000 5000 10000 20000"}; SECS=${2:-20}; REPEAT=${REPEAT:-2}; STORES=${STORES:-"memory sqlite postgresql"}
for r in $(seq 1 "$REPEAT"); do
  for store in $STORES; do
    echo "=== round $r, store $store"
    STORE=$store bench/load-bench.sh "$RATES" "$SECS" 2>&1 | grep -E "CCR/s|highest|audit|store "
  done
done
