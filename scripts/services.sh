#!/usr/bin/env bash
# Throwaway PostgreSQL 15 and Redis for the tests, on free loopback ports, with their data in
# a temporary folder.
#   eval "$(./scripts/services.sh start)"   starts both; prints the export lines of
#                                           HERALD_SERVICES_DIR, HERALD_TEST_POSTGRES and
#                                           HERALD_TEST_REDIS
#   ./scripts/services.sh stop              stops both and removes the folder
#   ./scripts/services.sh stop-postgres     stops PostgreSQL at once, like a crash
#   ./scripts/services.sh start-postgres    starts it again, same port and data
#   ./scripts/services.sh stop-redis        the same for Redis (its data is not kept)
#   ./scripts/services.sh start-redis
# All but start find the folder through HERALD_SERVICES_DIR. Runs as root too: PostgreSQL then
# runs as the postgres user. Quiet on success; on failure says why on stderr and exits 1.
# Needs PostgreSQL 15 (/usr/lib/postgresql/15/bin, or pg_ctl on PATH) and redis-server.
set -euo pipefail

die() {
  echo "services.sh: $*" >&2
  exit 1
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# PostgreSQL's programs, as the postgres user when we are root (PostgreSQL refuses root).
pg() {
  local program="$pg_bin/$1"
  shift
  if is_root; then
    runuser -u postgres -- "$program" "$@"
  else
    "$program" "$@"
  fi
}

find_postgres() {
  if [ -x /usr/lib/postgresql/15/bin/pg_ctl ]; then
    pg_bin=/usr/lib/postgresql/15/bin
  elif command -v pg_ctl >/dev/null; then
    pg_bin="$(dirname "$(readlink -f "$(command -v pg_ctl)")")"
  else
    die "PostgreSQL 15 is not installed: apt-get install postgresql-15"
  fi
  if is_root; then
    id -u postgres >/dev/null 2>&1 ||
      die "PostgreSQL refuses to run as root and there is no postgres user to run it"
    command -v runuser >/dev/null || die "runuser is missing (util-linux)"
  fi
}

find_redis() {
  command -v redis-server >/dev/null ||
    die "redis-server is not installed: apt-get install redis-server"
}

# The folder of a running pair, from HERALD_SERVICES_DIR; sets the variables used below.
load_state() {
  state="${HERALD_SERVICES_DIR:-}"
  [ -n "$state" ] || die "HERALD_SERVICES_DIR is not set: run eval \"\$($0 start)\" first"
  [ -f "$state/herald-services" ] || die "$state is not a folder made by $0 start"
  state="$(cd "$state" && pwd)"
  set_paths
  pg_port="$(cat "$state/postgres.port")"
  redis_port="$(cat "$state/redis.port")"
}

set_paths() {
  pg_data="$state/postgres"
  pg_log="$state/postgres.log"
  redis_dir="$state/redis"
  redis_pid="$state/redis.pid"
  redis_log="$state/redis.log"
}

# Two free loopback ports, below the kernel's range for outgoing connections' local ports, so
# that no connection takes a port while its service is stopped.
pick_ports() {
  if command -v python3 >/dev/null; then
    python3 - <<'EOF'
import random, socket
try:
    low = int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])
except (OSError, ValueError, IndexError):
    low = 32768
held = []
if low - 10000 >= 2000:
    for port in random.sample(range(10000, low), 200):
        s = socket.socket()
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            s.close()
            continue
        held.append(s)
        if len(held) == 2:
            break
while len(held) < 2:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    held.append(s)
print(" ".join(str(s.getsockname()[1]) for s in held))
EOF
  else
    # No python3: ports that nothing answers on.
    local ports=() port
    while [ ${#ports[@]} -lt 2 ]; do
      port=$((20000 + RANDOM % 12000))
      [ "${ports[0]:-}" != "$port" ] || continue
      if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        ports+=("$port")
      fi
    done
    echo "${ports[*]}"
  fi
}

# Runs a command every tenth of a second until it succeeds, for at most the given seconds.
within() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.1
  done
}

pg_ready() { "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port" -d postgres -U postgres; }

show_log() {
  if [ -s "$1" ]; then
    echo "services.sh: the end of $1:" >&2
    tail -n 20 "$1" >&2
  fi
}

init_postgres() {
  mkdir "$pg_data"
  touch "$pg_log"
  if is_root; then
    # The postgres user must reach its data folder inside our (root's) folder.
    chmod 711 "$state"
    chown postgres: "$pg_data" "$pg_log"
  fi
  local locale=(--no-locale)
  if locale -a 2>/dev/null | grep -ix 'c\.utf-\?8' >/dev/null; then
    locale=(--locale=C.UTF-8)
  fi
  if ! pg initdb -D "$pg_data" -A trust -U postgres -E UTF8 "${locale[@]}" --no-sync \
    >"$state/initdb.log" 2>&1; then
    show_log "$state/initdb.log"
    die "initdb failed"
  fi
  cat >>"$pg_data/postgresql.conf" <<EOF

# Written by scripts/services.sh: loopback only, no syncing to disk (throwaway test data).
# Commits still reach the OS before they return, so they survive stop-postgres (a crash).
listen_addresses = '127.0.0.1'
port = $pg_port
unix_socket_directories = '$pg_data'
max_connections = 300
fsync = off
full_page_writes = off
EOF
}

start_postgres() {
  if pg_ready; then
    return 0
  fi
  if ! pg pg_ctl -D "$pg_data" -l "$pg_log" -w -t 60 start >/dev/null 2>&1; then
    show_log "$pg_log"
    die "PostgreSQL did not start on 127.0.0.1:$pg_port"
  fi
  within 10 pg_ready && return 0
  show_log "$pg_log"
  die "PostgreSQL started but does not answer on 127.0.0.1:$pg_port"
}

# mode: fast (a clean stop) or immediate (like a crash).
stop_postgres() {
  local mode="$1"
  pg pg_ctl -D "$pg_data" status >/dev/null 2>&1 || return 0
  if ! pg pg_ctl -D "$pg_data" -m "$mode" -w -t 60 stop >/dev/null 2>&1; then
    show_log "$pg_log"
    die "PostgreSQL (data in $pg_data) did not stop"
  fi
}

# One Redis command over bash's /dev/tcp (no need for redis-cli); prints the first reply line.
redis_command() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$redis_port" || exit 1
    printf '%s\r\n' "$1" >&3
    IFS= read -r -t 2 reply <&3 || reply=""
    printf '%s\n' "${reply%$'\r'}"
  )
}

redis_gone() { ! redis_alive_pid >/dev/null; }

# Answering, or its process (the given pid) gone.
redis_settled() { redis_ready || ! running "$1"; }

redis_ready() { [ "$(redis_command PING 2>/dev/null)" = "+PONG" ]; }

# Whether a process runs; a zombie does not.
running() {
  kill -0 "$1" 2>/dev/null && [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]
}

# The pid of the running Redis, if any (not a process that reused its pid).
redis_alive_pid() {
  local pid
  [ -f "$redis_pid" ] || return 1
  pid="$(cat "$redis_pid")"
  [ -n "$pid" ] && running "$pid" || return 1
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = redis-server ] || return 1
  echo "$pid"
}

# In the background rather than daemonized, so that its pid is known at once and a failure
# (e.g. to bind its port) shows without waiting.
start_redis() {
  if redis_ready; then
    return 0
  fi
  mkdir -p "$redis_dir"
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no \
    --daemonize no --pidfile "$redis_pid" --logfile "$redis_log" --dir "$redis_dir" \
    </dev/null >/dev/null 2>"$state/redis-start.log" &
  local pid=$!
  echo "$pid" >"$redis_pid"
  within 10 redis_settled "$pid" || true
  redis_ready && return 0
  show_log "$state/redis-start.log"
  show_log "$redis_log"
  die "Redis did not start on 127.0.0.1:$redis_port"
}

stop_redis() {
  local pid
  pid="$(redis_alive_pid)" || return 0
  redis_command "SHUTDOWN NOSAVE" >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
  if ! within 10 redis_gone; then
    kill -KILL "$pid" 2>/dev/null || true
    within 2 redis_gone || die "Redis (pid $pid) did not stop"
  fi
  rm -f "$redis_pid"
}

# On a failed start, stop whatever did start and remove the folder.
abandon_start() {
  local status=$?
  [ "$status" -ne 0 ] || return 0
  if [ -n "${state:-}" ] && [ -f "$state/herald-services" ]; then
    (stop_redis) || true
    (stop_postgres immediate) || true
    rm -rf "$state"
  fi
  exit "$status"
}

# A value for the shell, in single quotes.
quote() { printf "'%s'" "${1//\'/\'\\\'\'}"; }

cmd_start() {
  find_postgres
  find_redis
  state="$(mktemp -d -t herald-services.XXXXXXXX)"
  trap abandon_start EXIT
  touch "$state/herald-services"
  set_paths
  local ports
  ports="$(pick_ports)" || die "could not pick free loopback ports"
  read -r pg_port redis_port <<<"$ports"
  [ -n "${redis_port:-}" ] || die "could not pick free loopback ports"
  echo "$pg_port" >"$state/postgres.port"
  echo "$redis_port" >"$state/redis.port"
  init_postgres
  start_postgres
  start_redis
  trap - EXIT
  echo "export HERALD_SERVICES_DIR=$(quote "$state")"
  echo "export HERALD_TEST_POSTGRES=$(quote \
    "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres")"
  echo "export HERALD_TEST_REDIS=$(quote "127.0.0.1:$redis_port")"
}

cmd_stop() {
  find_postgres
  local failed=0
  (stop_redis) || failed=1
  (stop_postgres fast) || failed=1
  [ "$failed" -eq 0 ] || die "left $state in place, something in it still runs"
  rm -rf "$state"
}

# Commands on one folder take turns (tests may call them at the same time): the script runs
# again under flock, which holds the lock (-o: the services started do not).
lock() {
  if [ -z "${HERALD_SERVICES_LOCKED:-}" ] && command -v flock >/dev/null; then
    HERALD_SERVICES_LOCKED=1 exec flock -o "$state/lock" "$BASH" "$0" "$@"
  fi
}

# Resolve the folder before leaving the caller's directory, which the postgres user may not
# be allowed to enter.
case "${1:-}" in
  start)
    cd /
    cmd_start
    ;;
  stop)
    load_state
    lock "$@"
    cd /
    cmd_stop
    ;;
  start-postgres | stop-postgres)
    load_state
    lock "$@"
    cd /
    find_postgres
    if [ "$1" = start-postgres ]; then start_postgres; else stop_postgres immediate; fi
    ;;
  start-redis | stop-redis)
    load_state
    lock "$@"
    cd /
    find_redis
    if [ "$1" = start-redis ]; then start_redis; else stop_redis; fi
    ;;
  *)
    die "usage: $0 start|stop|start-postgres|stop-postgres|start-redis|stop-redis"
    ;;
esac
