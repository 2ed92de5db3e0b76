#!/usr/bin/env bash
# CareDialog's one entry point for tests on a fresh Debian machine.
#   ./build.sh test     install what is missing (PostgreSQL, Chromium), start a throwaway PostgreSQL cluster on a
#                       loopback port, build, run every test, stop the cluster, print "N passed, N failed".
#   ./build.sh pg       only start the throwaway cluster and print its connection string (for running tests from an IDE).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

log() { printf '\n==> %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "Need root (or sudo) to run: $*" >&2; exit 1; fi
}

ensure_packages() {
  local missing=()
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  if [ ${#missing[@]} -gt 0 ]; then
    log "Installing ${missing[*]} from Debian"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
  command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet on PATH)." >&2; exit 1; }
}

PGBIN=""; PGROOT=""; PGPORT=""
start_pg() {
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PGROOT=$(mktemp -d /tmp/caredialog-pg.XXXXXX)
  chmod 755 "$PGROOT"
  local pass; pass=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
  # initdb and postgres refuse to run as root: run them as the postgres OS user the Debian package creates.
  local os_user=postgres
  id "$os_user" >/dev/null 2>&1 || as_root useradd --system --no-create-home --shell /usr/sbin/nologin "$os_user"
  mkdir -p "$PGROOT/sock"
  echo "$pass" > "$PGROOT/pwfile"
  as_root chown -R "$os_user": "$PGROOT"
  as_root chmod 600 "$PGROOT/pwfile"
  as_root runuser -u "$os_user" -- "$PGBIN/initdb" -D "$PGROOT/data" -U postgres --pwfile="$PGROOT/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$PGROOT/initdb.log"
  as_root rm -f "$PGROOT/pwfile"
  for PGPORT in $(shuf -i 55000-59999 -n 20); do
    (exec 3<>/dev/tcp/127.0.0.1/"$PGPORT") 2>/dev/null && continue
    if as_root runuser -u "$os_user" -- "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $PGPORT -c unix_socket_directories=$PGROOT/sock -c fsync=off -c max_connections=300" start >/dev/null; then
      export CAREDIALOG_TEST_PG="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Password=$pass;Database=postgres;Pooling=true"
      log "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT (throwaway cluster in $PGROOT)"
      return 0
    fi
  done
  echo "Could not start PostgreSQL; see $PGROOT/server.log" >&2; exit 1
}

stop_pg() {
  if [ -n "$PGROOT" ] && [ -d "$PGROOT/data" ]; then
    as_root runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGROOT/data" -m fast -w stop >/dev/null 2>&1 || true
    as_root rm -rf "$PGROOT"
    PGROOT=""
  fi
}

run_tests() {
  ensure_packages
  trap stop_pg EXIT
  start_pg
  log "Restoring tools and building"
  dotnet tool restore >/dev/null
  dotnet build CareDialog.slnx -nologo -v:q -clp:ErrorsOnly
  log "Running tests"
  local out="$ROOT/TestResults/test-output.log"
  mkdir -p "$ROOT/TestResults"
  set +e
  dotnet test CareDialog.slnx --no-build -nologo 2>&1 | tee "$out"
  local status=${PIPESTATUS[0]}
  set -e
  stop_pg
  # dotnet test prints one "Passed!/Failed!  - Failed: F, Passed: P, Skipped: S, ..." line per test assembly.
  local totals
  totals=$(grep -E '^(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$out" \
    | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\1 \2 \3/' \
    | awk '{f+=$1; p+=$2; s+=$3; n++} END {printf "%d %d %d %d", p, f, s, n}')
  read -r passed failed skipped assemblies <<<"$totals"
  if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi   # a crash or build error counts as a failure
  if [ "$skipped" -gt 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
  else
    echo "$passed passed, $failed failed"
  fi
  [ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
}

case "${1:-test}" in
  test) run_tests ;;
  pg) ensure_packages; start_pg; echo "CAREDIALOG_TEST_PG=\"$CAREDIALOG_TEST_PG\""; echo "Stop with: runuser -u postgres -- $PGBIN/pg_ctl -D $PGROOT/data stop" ;;
  *) echo "usage: ./build.sh test|pg" >&2; exit 2 ;;
esac
