#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what is needed, builds with warnings as
# errors and runs every test, then does the same under AddressSanitizer + UBSan.
# The release build's content soak (ctest label "soak", about 11 minutes) runs in the
# background while the ASan build compiles, and is waited for before the ASan tests start (it
# measures detection times, which a parallel test run would distort).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test
# Playwright for the web UI test, exactly as locked in tests/ui/package-lock.json.
npm ci --prefix tests/ui --no-audit --no-fund --loglevel=error
jobs=$(nproc)

echo "== release build (-Werror) =="
cmake -S . -B build-test -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSITEWATCH_WERROR=ON >/dev/null
ninja -C build-test -j"$jobs"
(cd build-test && ctest --output-on-failure -j"$jobs" --timeout 300 -LE soak)

echo "== content soak (release build, in the background; log: build-test/soak.log) =="
# Its own process group (setsid), so that an early exit of this script stops the soak and
# the daemon it started, not only ctest.
setsid -w bash -c 'cd build-test && exec ctest -V -L soak' >build-test/soak.log 2>&1 &
soak_pid=$!
trap 'kill -- -"$soak_pid" 2>/dev/null || kill "$soak_pid" 2>/dev/null || true' EXIT

echo "== ASan + UBSan build =="
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSITEWATCH_WERROR=ON \
  -DSITEWATCH_SANITIZE=ON -DSITEWATCH_BENCH=OFF >/dev/null
# Niced: the soak measures detection times and must not queue behind the compiler.
nice -n 10 ninja -C build-asan -j"$jobs"

echo "== content soak result =="
soak_status=0
wait "$soak_pid" || soak_status=$?
trap - EXIT
cat build-test/soak.log
if [ "$soak_status" -ne 0 ]; then
  echo "content soak failed (exit $soak_status)" >&2
  exit "$soak_status"
fi

echo "== ASan + UBSan tests =="
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd build-asan && ctest --output-on-failure -j"$jobs" --timeout 600 -LE soak)
