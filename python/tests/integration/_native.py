"""Shared by the integration modules: skip (with the path) when liboxyde.so is not built."""

from __future__ import annotations

import pytest

from oxyde._native._ffi import default_library_path

LIBRARY = default_library_path()


def require_native() -> None:
    """Skip the calling module when the native library is missing."""
    if not LIBRARY.is_file():
        pytest.skip(
            f"liboxyde.so not built at {LIBRARY} (run scripts/build-native.sh or set OXYDE_LIB)",
            allow_module_level=True,
        )


#: Runs SQL on a file with Python's own sqlite3 in a child process and prints the rows as JSON.
_OTHER_TOOL = """
import json, sqlite3, sys
path, timeout, script = sys.argv[1], float(sys.argv[2]), json.loads(sys.argv[3])
conn = sqlite3.connect(path, timeout=timeout, isolation_level=None)
out = []
try:
    for sql in script:
        out = [list(row) for row in conn.execute(sql)]
    print(json.dumps({"ok": True, "rows": out}))
except sqlite3.Error as exc:
    print(json.dumps({"ok": False, "error": str(exc)}))
finally:
    conn.close()
"""


def other_tool(path: object, *sql: str, timeout: float = 5.0) -> list[list[object]]:
    """Run ``sql`` statements on the SQLite file ``path`` as another program would; the last one's rows.

    Always in a child process: SQLite's POSIX locks belong to the process, so a second SQLite
    library (Python's ``sqlite3``) closing the same file in this process would drop the engine's
    locks (https://www.sqlite.org/howtocorrupt.html, 2.2.1). Raises ``RuntimeError`` on an error.
    """
    import json
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", _OTHER_TOOL, str(path), str(timeout), json.dumps(list(sql))],
        capture_output=True, text=True, timeout=60, check=True,
    )
    answer = json.loads(done.stdout)
    if not answer["ok"]:
        raise RuntimeError(answer["error"])
    return answer["rows"]  # type: ignore[no-any-return]
