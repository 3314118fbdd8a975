#!/usr/bin/env bash
# Runs every test suite of Herald (the .NET suites, on SQLite and then the store's tests on
# PostgreSQL, the browser client's unit tests, and the browser tests of the demo page) and ends
# with one line: "N passed, N failed".
# Needs the .NET 10 SDK, Node.js with npm (the demo page's script is built with npm), Chromium
# at /usr/bin/chromium or wherever HERALD_CHROMIUM says, PostgreSQL 15 and redis-server: unless
# HERALD_TEST_POSTGRES and HERALD_TEST_REDIS are both set, scripts/services.sh starts
# throwaway ones for the run. Arguments go to both dotnet test runs.
set -uo pipefail
cd "$(dirname "$0")/.."

results="$(mktemp -d)"
services=0
cleanup() {
  [ "$services" -eq 0 ] || ./scripts/services.sh stop || true
  rm -rf "$results"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ -z "${HERALD_TEST_POSTGRES:-}" ] || [ -z "${HERALD_TEST_REDIS:-}" ]; then
  if ! exports="$(./scripts/services.sh start)"; then
    echo "PostgreSQL and Redis could not be started (see above); the tests need them." >&2
    exit 1
  fi
  eval "$exports"
  services=1
fi
export HERALD_TEST_POSTGRES HERALD_TEST_REDIS

# Each run writes its TRX files (one per test project) in a folder of its own.
dotnet test Herald.slnx --logger "trx" --results-directory "$results/sqlite" "$@"
status=$?

# The store's tests again, on PostgreSQL. A --filter among the arguments narrows them further
# (dotnet test takes one --filter only).
filter="Store=Any"
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --filter) filter="($filter)&(${2:-})"; shift; [ $# -eq 0 ] || shift ;;
    --filter=*) filter="($filter)&(${1#--filter=})"; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
HERALD_TEST_STORE=postgres dotnet test tests/Herald.Tests --no-build --filter "$filter" \
  --logger "trx;LogFileName=postgres.trx" --results-directory "$results/postgres" \
  ${args[@]+"${args[@]}"}
[ $? -eq 0 ] || status=1

# The browser client's unit tests (Vitest), with their totals in a JSON report.
# The build above restored its packages.
(cd clients/js && npx vitest run --reporter=default --reporter=json --outputFile="$results/vitest.json")
[ $? -eq 0 ] || status=1

# The browser tests (Vitest driving Chromium with playwright-core): the demo page served by
# Herald.Server, which the build above made, as a child process on a port of its own.
(cd clients/js && npx vitest run --config vitest.browser.config.ts \
  --reporter=default --reporter=json --outputFile="$results/vitest-browser.json")
[ $? -eq 0 ] || status=1

passed=0
failed=0
for trx in "$results"/*/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

for report in vitest vitest-browser; do
  if [ -f "$results/$report.json" ]; then
    read -r p f < <(node -e 'const r = require(process.argv[1]); console.log(r.numPassedTests, r.numFailedTests)' "$results/$report.json")
    passed=$((passed + p))
    failed=$((failed + f))
  else
    echo "The browser client's tests ($report) wrote no report." >&2
    status=1
  fi
done

echo "$passed passed, $failed failed"

if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
