#!/usr/bin/env bash
# Publishes liboxyde.so (NativeAOT) and the bundled libe_sqlite3.so into the Python package.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/python/oxyde/_native/lib}"
dotnet publish "$root/src/Oxyde.Native/Oxyde.Native.csproj" -c Release -r linux-x64 -o "$out" -nologo
# Only the two shared libraries belong in the package (debug symbols and the .a import stay out).
find "$out" -maxdepth 1 -type f ! -name 'liboxyde.so' ! -name 'libe_sqlite3.so' -delete
ls -l "$out"
