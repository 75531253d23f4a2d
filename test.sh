#!/usr/bin/env bash
# The one test command. On Debian, run as root, it first installs what the tests need (PostgreSQL,
# Chromium, curl, and poppler-utils: pdftotext for the README's script, pdftoppm for the report tests; from Debian's packages) when missing; it then starts a throwaway PostgreSQL cluster in a temp
# folder on a free loopback port, runs `dotnet test Monolith.sln` against it (extra arguments, such as
# --filter, go to dotnet test), and stops it, also on failure.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v curl >/dev/null || missing+=(curl)
{ command -v pdftotext && command -v pdftoppm; } >/dev/null || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "test.sh: installing ${missing[*]} from Debian's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  else
    echo "test.sh: ${missing[*]} missing and not root; the tests that need them will be skipped with a reason." >&2
  fi
fi

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  echo "test.sh: no free port found" >&2
  return 1
}

pg_dir=""
stop_postgres() {
  if [ -n "$pg_dir" ] && [ -d "$pg_dir/data" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
trap stop_postgres EXIT INT TERM

# PostgreSQL refuses to run as root: the cluster belongs to the postgres user when we are root.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ]; then
  pg_dir=$(mktemp -d /tmp/devrelhub-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres "$pg_dir"
  pg_port=$(free_port)
  as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U devrelhub --auth=trust --encoding=UTF8 --no-locale >/dev/null
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/postgres.log" -w \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null
  export DEVRELHUB_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=devrelhub;Database=postgres;Maximum Pool Size=20"
  echo "test.sh: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port ($pg_dir)"
fi
[ -n "${DEVRELHUB_TEST_SQLSERVER:-}" ] || echo "test.sh: DEVRELHUB_TEST_SQLSERVER is not set; the SQL Server variants of the database tests will be skipped."

log=$(mktemp /tmp/devrelhub-test.XXXXXX.log)
status=0
dotnet test Monolith.sln --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" || status=$?

# One closing line over all test assemblies: "N passed, N failed, N skipped".
awk '
  /^ +Passed: +[0-9]+$/  { passed  += $2 }
  /^ +Failed: +[0-9]+$/  { failed  += $2 }
  /^ +Skipped: +[0-9]+$/ { skipped += $2 }
  END { printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }
' "$log"
rm -f "$log"
exit "$status"
