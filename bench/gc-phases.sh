#!/usr/bin/env bash
# What the young pauses of a server run were made of, from its -Xlog:gc*=debug log: how many, average and
# longest, and per pause the time scanning cards of old objects that point at young ones, the time
# copying, the references found, the cards scanned, the bytes copied into survivor space and promoted.
# Not run by CI. Usage: bench/gc-phases.sh <gc log> [from second=0] [to second=100000] (JVM uptime)
# e.g. OCS_SERVER_OPTS="-Xlog:gc*=debug:file=/tmp/gc.log" BARE=0 bench/load-bench.sh 10000 30, then
#      bench/gc-phases.sh /tmp/gc.log 45 80 (the measured rate runs after provisioning and warm-up)
set -euo pipefail
log=${1:?usage: bench/gc-phases.sh <gc log> [from second] [to second]}; from=${2:-0}; to=${3:-100000}
awk -v t0="$from" -v t1="$to" '
function after(label,   i) { for (i = 1; i <= NF; i++) if ($i == label) return $(i + 1) + 0; return 0 }
{ t = substr($1, 2) + 0 }
t < t0 || t > t1 { next }
/Pause Young/ && $NF ~ /ms$/ { n++; v = substr($NF, 1, length($NF) - 2) + 0; p += v; if (v > mx) mx = v }
/Scan Heap Roots \(ms\)/ { scan += after("Avg:") }
/Object Copy \(ms\)/ { copy += after("Avg:") }
/Found Roots:/ { roots += after("Sum:") }
/Scanned Cards:/ { cards += after("Sum:") }
/Young PLAB allocation/ { young += after("used:") }
/Old PLAB allocation/ { old += after("used:") }
END {
  if (n == 0) { print "no young pauses in that interval"; exit 1 }
  printf "young pauses %d: average %.1f ms, longest %.1f ms; per pause: scanning cards %.1f ms, copying %.1f ms, " \
         "references found %d, cards scanned %d, into survivor %.1f MB, promoted %.1f MB\n",
         n, p / n, mx, scan / n, copy / n, roots / n, cards / n, young / n / 1e6, old / n / 1e6
}' "$log"
