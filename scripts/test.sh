#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what is needed, builds with warnings as
# errors and runs every test, then does the same under AddressSanitizer + UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test
jobs=$(nproc)

echo "== release build (-Werror) =="
cmake -S . -B build-test -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSITEWATCH_WERROR=ON >/dev/null
ninja -C build-test -j"$jobs"
(cd build-test && ctest --output-on-failure -j"$jobs" --timeout 300)

echo "== ASan + UBSan build =="
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSITEWATCH_WERROR=ON \
  -DSITEWATCH_SANITIZE=ON -DSITEWATCH_BENCH=OFF >/dev/null
ninja -C build-asan -j"$jobs"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd build-asan && ctest --output-on-failure -j"$jobs" --timeout 600)
