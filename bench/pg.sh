# Sourced by the benchmarks: a throwaway PostgreSQL cluster in "$1" on loopback port "$2", database ocs,
# superuser ocs (trust auth), run as the postgres user when we are root. pg_stop stops it.
pg_start() { # $1 directory $2 port
  local bin; bin=${OCS_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
  [ -x "$bin/initdb" ] || { echo "no PostgreSQL server binaries (apt-get install postgresql, or set OCS_PG_BIN)" >&2; return 1; }
  PG_BIN=$bin; PG_DIR=$1; PG_PORT=$2
  mkdir -p "$PG_DIR"; chmod 755 "$(dirname "$PG_DIR")" "$PG_DIR"
  if [ "$(id -u)" = 0 ]; then chown postgres "$PG_DIR"; PG_AS=(runuser -u postgres --); else PG_AS=(); fi
  "${PG_AS[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U ocs --auth=trust -E UTF8 >/dev/null
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1" start >/dev/null
  "${PG_AS[@]}" "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U ocs ocs
}
pg_stop() {
  [ -n "${PG_DIR:-}" ] && "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
}
pg_size() { # bytes of the ocs database
  "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U ocs -d ocs -Atc "select pg_database_size('ocs')"
}
