#!/usr/bin/env bash
# Release build of the sitewatch binary into build/ (warnings as errors); tests are built by
# scripts/test.sh in their own build trees.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSITEWATCH_WERROR=ON \
  -DSITEWATCH_TESTS=OFF -DSITEWATCH_BENCH=OFF "$@" >/dev/null
ninja -C build sitewatch
