#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL server: installs Debian's `postgresql` package
# when initdb is missing, starts a server on 127.0.0.1 (a free port) in a temporary folder as an
# unprivileged user, exports RUKO_TEST_DATABASE_URL, runs the command, and stops the server and
# deletes its folder whatever happens.  Usage: scripts/with-postgres.sh COMMAND [ARG...]
set -euo pipefail

find_bindir() {
  local d
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v initdb)")"; return
  fi
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
    [ -x "$d/initdb" ] && { echo "$d"; return; }
  done
}

BIN="$(find_bindir || true)"
if [ -z "$BIN" ]; then
  echo "Installing Debian's postgresql package for the PostgreSQL test run"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
  BIN="$(find_bindir)"
fi

# initdb refuses to run as root: as root, run the server as a dedicated system user.
RUN_AS=()
if [ "$(id -u)" -eq 0 ]; then
  PGUSER_OS="${RUKO_PG_OS_USER:-ruko-pgtest}"
  id "$PGUSER_OS" >/dev/null 2>&1 || useradd --system --no-create-home \
      --shell /usr/sbin/nologin "$PGUSER_OS"
  RUN_AS=(runuser -u "$PGUSER_OS" --)
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/ruko-pg.XXXXXX")"
chmod 755 "$WORK"
[ "$(id -u)" -eq 0 ] && chown "$PGUSER_OS" "$WORK"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"

stop_server() {
  "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$WORK/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap stop_server EXIT
trap 'exit 130' INT TERM

"${RUN_AS[@]}" "$BIN/initdb" -D "$WORK/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
    --no-sync >/dev/null
"${RUN_AS[@]}" "$BIN/pg_ctl" -D "$WORK/data" -l "$WORK/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $WORK -c fsync=off -c synchronous_commit=off \
        -c full_page_writes=off -c max_connections=300 -c shared_buffers=64MB" start >/dev/null
"$BIN/psql" -q -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -c "CREATE DATABASE rukotest" \
    >/dev/null

export RUKO_TEST_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:$PORT/rukotest"
export RUKO_PG_BIN="$BIN"
echo "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT (in $WORK)"
"$@"
