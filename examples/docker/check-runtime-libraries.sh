#!/usr/bin/env bash
# What can be checked of the container image without Docker: every shared library the
# sitewatch binary links comes from a package that the runtime stage has, i.e. one of
# runtime-packages.txt, a dependency apt installs with them, or the debian:12-slim base
# (apt and what it depends on). Run on the Debian 12 host that built the binary:
#   examples/docker/check-runtime-libraries.sh build/monitor/sitewatch
set -euo pipefail
binary=${1:?usage: $0 path/to/sitewatch}
here=$(cd "$(dirname "$0")" && pwd)

mapfile -t wanted < <(grep -v '^[[:space:]]*#' "$here/runtime-packages.txt" | grep -v '^[[:space:]]*$')
known=$(apt-cache show --no-all-versions "${wanted[@]}" 2>/dev/null | sed -n 's/^Package: //p')
for p in "${wanted[@]}"; do
  grep -qx "$p" <<<"$known" || { echo "runtime package '$p' does not exist in Debian" >&2; exit 1; }
done

# Depends and Pre-Depends, recursively, as `apt-get install --no-install-recommends` follows them.
available=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
  --no-replaces --no-enhances "${wanted[@]}" apt libc6 | grep -v '^[ <]' | sed 's/:.*//' | sort -u)

# Every library, resolved; Debian 12 merged /lib into /usr/lib, so a file may be registered
# under either spelling: ask dpkg once about all of them.
mapfile -t libs < <(ldd "$binary" | sed -n 's/.*=> \(\/[^ ]*\).*/\1/p; s/^[[:space:]]*\(\/[^ ]*\).*/\1/p' | sort -u)
status=0
if ldd "$binary" | grep -q 'not found'; then
  ldd "$binary" | grep 'not found' >&2
  status=1
fi
spellings() {
  local real
  real=$(readlink -f "$1")
  printf '%s\n' "$1" "$real" "${1#/usr}" "/usr$1" "${real#/usr}" "/usr$real" | sort -u
}
mapfile -t queries < <(for l in "${libs[@]}"; do spellings "$l"; done | sort -u)
owners=$(dpkg -S "${queries[@]}" 2>/dev/null || true)  # "pkg:arch: /path" for the known ones

for lib in "${libs[@]}"; do
  # A sanitizer build (the tests' ASan+UBSan run) links its runtimes; the image builds Release.
  case "${lib##*/}" in lib[alt]san.so*|libubsan.so*|libhwasan.so*) continue ;; esac
  pkg=""
  while read -r candidate; do
    pkg=$(grep -m1 ": $candidate\$" <<<"$owners" | sed 's/[:,].*//') && [ -n "$pkg" ] && break
  done < <(spellings "$lib")
  if [ -z "$pkg" ]; then
    echo "$lib belongs to no Debian package" >&2
    status=1
  elif ! grep -qx "$pkg" <<<"$available"; then
    echo "$lib ($pkg) would be missing in the image: add $pkg to runtime-packages.txt" >&2
    status=1
  fi
done
[ $status -eq 0 ] && echo "every shared library of $binary (${#libs[@]}) is in the runtime image"
exit $status
