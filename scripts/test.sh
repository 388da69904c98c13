#!/usr/bin/env bash
# The test command. Installs what the tests need from Debian's packages (PostgreSQL, Chromium) when missing,
# starts a throwaway PostgreSQL cluster as the postgres user, runs every test project, stops what it started,
# and ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v pg_createcluster >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} from Debian's packages..."
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || {
    echo "Could not install ${missing[*]}."; echo "0 passed, 1 failed"; exit 1; }
fi

# A throwaway cluster on a free port, trusted on loopback only, removed on exit.
pg_version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
port=${GRIMOIRE_TEST_PG_PORT:-55432}
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
cluster="grimoire_test_$$"
cleanup() { sudo_if_needed pg_dropcluster --stop "$pg_version" "$cluster" >/dev/null 2>&1 || true; }
trap cleanup EXIT
sudo_if_needed pg_createcluster -q "$pg_version" "$cluster" -p "$port" -- --auth=trust >/dev/null \
  && sudo_if_needed pg_ctlcluster "$pg_version" "$cluster" start \
  || { echo "Could not start PostgreSQL $pg_version."; echo "0 passed, 1 failed"; exit 1; }
export GRIMOIRE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
echo "PostgreSQL $pg_version test cluster on port $port"

results="TestResults/run-$$"
rm -rf "$results"
dotnet test Grimoire.slnx --nologo --logger "trx" --results-directory "$results" --blame-hang-timeout 10m "$@"
status=$?

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if [ $status -ne 0 ] && [ $failed -eq 0 ]; then
  echo "dotnet test failed outside any test (build error or crashed test host): counted as one failure."
  failed=1
fi
echo "$passed passed, $failed failed"
exit $status
