#!/usr/bin/env bash
# Runs every test project of the solution and ends with one line: "N passed, M failed, K skipped".
# Starts a throw-away PostgreSQL server for the tests unless INVOKE_TEST_POSTGRES is already set
# (and SQL Server tests run when INVOKE_TEST_SQLSERVER holds a connection string).
# Extra arguments go to every `dotnet test` call, e.g. --filter "FullyQualifiedName~Workflows".
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${INVOKE_TEST_POSTGRES:-}" ]; then
  # shellcheck source=scripts/pg-test-cluster.sh
  source scripts/pg-test-cluster.sh start
  trap 'PGTEST_STATE="$PGTEST_STATE" scripts/pg-test-cluster.sh stop' EXIT
fi

# Tests that need InvokeAI's own artifacts (web UI, OpenAPI document, an installation) find them
# here; without the folder they are reported as skipped.
if [ -z "${INVOKE_TEST_SHARED:-}" ] && [ -d ../shared ]; then
  export INVOKE_TEST_SHARED="$(cd ../shared && pwd)"
fi
echo "test.sh: INVOKE_TEST_SHARED=${INVOKE_TEST_SHARED:-<unset: tests that need the artifacts of InvokeAI will be skipped>}" >&2

results="$PWD/TestResults/run-$$"
rm -rf "$results"
dotnet build Invoke.sln --nologo -v quiet

status=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" "$@" || status=1
done

passed=0
failed=0
skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  # A skipped test is in the total but was not executed.
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  skipped=$((skipped + ${t:-0} - ${e:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A test host that crashed or a project that did not build leaves no failed test behind to count.
  failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
