#!/usr/bin/env bash
# Release build of sitewatch into build/ (warnings as errors).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSITEWATCH_WERROR=ON "$@" >/dev/null
ninja -C build
