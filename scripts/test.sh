#!/usr/bin/env bash
# Runs every test suite of Herald (the .NET suites, the browser client's unit tests, and the
# browser tests of the demo page) and ends with one line: "N passed, N failed".
# Needs the .NET 10 SDK, Node.js with npm (the demo page's script is built with npm), and
# Chromium at /usr/bin/chromium or wherever HERALD_CHROMIUM says.
set -uo pipefail
cd "$(dirname "$0")/.."

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

dotnet test Herald.slnx --logger "trx" --results-directory "$results" "$@"
status=$?

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
for trx in "$results"/*.trx; do
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
