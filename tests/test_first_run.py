"""`make run` as a newcomer meets it (issue 10, part 6): it says where the library is, how many
guides it holds and which address to open, and `PORT` chooses the port."""

from __future__ import annotations

import os
import subprocess
import sys

from healthlib.readers.curated import builtin_paths

from .conftest import answers_healthz, free_port


def test_serve_says_where_the_library_is_and_uses_port_from_the_environment(tmp_path):
    port = free_port()
    db = tmp_path / "library.db"
    proc = subprocess.Popen([sys.executable, "-m", "healthlib.surfaces.cli", "serve", "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PORT": str(port), "PYTHONUNBUFFERED": "1"})
    try:
        lines = [proc.stdout.readline() for _ in range(3)]
        assert "Building the library" in lines[0] and str(db) in lines[0]
        assert lines[1].strip() == f"Library: {db} ({len(builtin_paths())} guides)"
        assert f"http://localhost:{port}/" in lines[2]
        assert answers_healthz(f"http://127.0.0.1:{port}", seconds=30), "server did not answer on $PORT"
    finally:
        proc.terminate()
        proc.wait(timeout=15)
