#!/usr/bin/env bash
# Installs what sitewatch needs to build, test and run on Debian 12 (as root).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
packages=(
  build-essential cmake ninja-build pkg-config ca-certificates openssl
  libcurl4-openssl-dev libssl-dev libre2-dev libcpp-httplib-dev prometheus-cpp-dev
  libsqlite3-dev libyaml-cpp-dev nlohmann-json3-dev libgumbo-dev libpsl-dev zlib1g-dev
)
if [ "${1:-}" = "--test" ]; then
  # Tests and benchmarks: Catch2, the real Prometheus tools, the blackbox_exporter to compare,
  # aiosmtpd (a real SMTP server for the email sender, run with /usr/bin/python3); Chromium,
  # Node.js and npm for the web UI test (tests/ui, Playwright from npm).
  packages+=(catch2 prometheus prometheus-blackbox-exporter sqlite3 curl python3-aiosmtpd
             chromium)
  # Debian's npm conflicts with a Node.js that bundles its own (NodeSource's), so Debian's
  # are only installed where no npm is on the PATH.
  if ! command -v npm >/dev/null 2>&1; then packages+=(nodejs npm); fi
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
