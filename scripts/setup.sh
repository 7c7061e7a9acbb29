#!/usr/bin/env bash
# Idempotent setup: Debian packages, the Python venv (DESIGN.md §8), the NativeAOT build.
# Safe to run again and again; each step does nothing when its result is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*"; }

# 1. Debian packages the project needs (Python side; the .NET SDK comes with the machine).
need_pkgs=(python3-msgpack python3-pytest python3-pytest-asyncio python3-uvloop python3-starlette python3-mypy)
[ "${OXYDE_SETUP_BENCH:-0}" = 1 ] && need_pkgs+=(python3-django python3-sqlalchemy python3-peewee \
  python3-psycopg2 python3-asyncpg python3-mysqldb python3-pymysql)
missing=()
for p in "${need_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null; then
  echo "[setup] error: the .NET SDK (dotnet) is not on PATH; install .NET SDK 10 first" >&2
  exit 1
fi

# 2. The venv: system site packages for the compiled pydantic, then Debian's dist-packages
#    *after* the base interpreter's site-packages (order matters: DESIGN.md §8).
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  say "creating .venv"
  "$PY" -m venv --system-site-packages .venv
fi
site=$(.venv/bin/python -c "import site; print(site.getsitepackages()[0])")
base=$("$PY" -c "import site; print(site.getsitepackages()[0])")
printf '%s\n%s\n' "$base" /usr/lib/python3/dist-packages > "$site/_oxyde_paths.pth"
printf '%s\n' "$PWD/python" > "$site/_oxyde_src.pth"
.venv/bin/python -c "import pydantic, msgpack, pytest, mypy" \
  || { echo "[setup] error: venv cannot import pydantic/msgpack/pytest/mypy" >&2; exit 1; }

# The `oxyde` command (the console script a pip install would make; `python -m oxyde` works too).
cli=$(printf '#!%s\n"""The oxyde command (written by scripts/setup.sh)."""\nfrom oxyde.cli import app\n\napp()\n' "$PWD/.venv/bin/python")
if [ ! -x .venv/bin/oxyde ] || [ "$(cat .venv/bin/oxyde)" != "$cli" ]; then
  say "installing the oxyde command"
  printf '%s\n' "$cli" > .venv/bin/oxyde
  chmod +x .venv/bin/oxyde
fi

# 3. The NativeAOT library, rebuilt only when a source or build file is newer than it.
lib=python/oxyde/_native/lib/liboxyde.so
if [ ! -f "$lib" ] || [ -n "$(find src Directory.Build.props Directory.Packages.props global.json -newer "$lib" \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.json' \) -print -quit)" ]; then
  say "building liboxyde (NativeAOT)"
  scripts/build-native.sh
fi
say "ready"
