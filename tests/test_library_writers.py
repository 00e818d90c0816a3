"""Writers of one library (import, build, first-run serve) take turns and never lose each other's
guides; files left by killed writers are cleaned up; a library that cannot be written is one line
and exit 2 with the library unchanged."""

from __future__ import annotations

import copy
import errno
import json
import os
import string
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

import pytest

from healthlib.library import build as build_module
from healthlib.library.build import build_library, stored_monographs
from healthlib.library.imports import run_import
from healthlib.library.lock import library_write_lock
from healthlib.model.errors import HealthlibError

BULK = Path(__file__).resolve().parent / "fixtures" / "labels" / "openfda" / "bulk-array.json"


def cli(*args: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "healthlib.surfaces.cli", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})


def labels(folder: Path, prefix: str, count: int) -> tuple[Path, set[str]]:
    """`count` OTC label records, each a medicine of its own (`<prefix>aab`, `<prefix>aac`...)."""
    base = json.loads(BULK.read_text())[0]
    records, slugs = [], set()
    for i in range(count):
        name = prefix + "".join(string.ascii_lowercase[(i // 26 ** k) % 26] for k in (2, 1, 0))
        record = copy.deepcopy(base)
        record["set_id"] = f"{hash(prefix) & 0xFFFFFFFF:08x}-0000-4000-8000-{i:012x}"
        record["openfda"] = {**record.get("openfda", {}), "substance_name": [name.upper()],
                             "generic_name": [name.upper()], "brand_name": [name.upper()],
                             "spl_set_id": [record["set_id"]], "product_type": ["HUMAN OTC DRUG"]}
        records.append(record)
        slugs.add(name)
    path = folder / f"{prefix}.json"
    path.write_text(json.dumps(records))
    return path, slugs


def slugs_in(db: Path) -> set[str]:
    return {m.slug for m in stored_monographs(db)}


def test_two_imports_at_once_keep_both(tmp_path):
    db = tmp_path / "library.db"
    first, first_slugs = labels(tmp_path, "alphazol", 150)
    second, second_slugs = labels(tmp_path, "betamab", 150)
    runs = [cli("import", "openfda", str(p), "--db", str(db)) for p in (first, second)]
    outputs = [r.communicate(timeout=300) for r in runs]
    assert [r.returncode for r in runs] == [0, 0], outputs
    assert first_slugs | second_slugs <= slugs_in(db)


def test_import_during_build_keeps_both(tmp_path):
    db = tmp_path / "library.db"
    build_module.build_builtin(db)
    curated = slugs_in(db)
    for prefix in ("gammacin", "iotamet"):  # two rounds: the race is a matter of timing
        path, imported = labels(tmp_path, prefix, 20)
        runs = [cli("build", "--db", str(db)), cli("import", "openfda", str(path), "--db", str(db))]
        outputs = [r.communicate(timeout=300) for r in runs]
        assert [r.returncode for r in runs] == [0, 0], outputs
        assert curated | imported <= slugs_in(db)


def test_second_writer_waits_then_stops_with_one_line(tmp_path):
    db = tmp_path / "library.db"
    path, _ = labels(tmp_path, "deltavir", 2)
    with library_write_lock(db):
        run = cli("import", "openfda", str(path), "--db", str(db), env={"HEALTHLIB_LOCK_TIMEOUT": "1"})
        out, err = run.communicate(timeout=120)
    assert run.returncode == 2
    lines = err.strip().splitlines()
    assert lines[0].startswith("healthlib: waiting for another import/build to finish")
    assert len(lines) == 2 and "another import or build is still writing this library" in lines[1]
    assert "Traceback" not in err and not db.exists()


def test_waiting_writer_goes_on_when_the_lock_is_free(tmp_path):
    db = tmp_path / "library.db"
    path, slugs = labels(tmp_path, "epsilor", 2)
    with library_write_lock(db):
        run = cli("import", "openfda", str(path), "--db", str(db))
        # the import is waiting, not failing, while the lock is held
        with pytest.raises(subprocess.TimeoutExpired):
            run.wait(timeout=3)
    out, err = run.communicate(timeout=120)
    assert run.returncode == 0, err
    assert "waiting for another import/build" in err and slugs <= slugs_in(db)


def test_files_of_killed_writers_are_removed_and_live_ones_kept(tmp_path):
    db = tmp_path / "library.db"
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        dead = subprocess.Popen([sys.executable, "-c", "pass"])
        dead.wait()
        stale = [tmp_path / f".library.db.building-{dead.pid}",
                 tmp_path / f".library.db.building-{dead.pid}-journal"]
        live = tmp_path / f".library.db.building-{sleeper.pid}"
        for p in [*stale, live]:
            p.write_bytes(b"partial")
        path, slugs = labels(tmp_path, "zetamine", 2)
        run_import("openfda", [path], db, progress=False)
        assert not any(p.exists() for p in stale)
        assert live.exists()
        assert slugs <= slugs_in(db)
    finally:
        sleeper.kill()
        sleeper.wait()


# --- a library that cannot be written -------------------------------------------------------


def file_state(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def test_library_path_inside_a_file_is_one_line_and_exit_2(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    db = blocker / "library.db"
    for args in (["build", "--db", str(db)], ["import", "openfda", str(BULK), "--db", str(db)]):
        out, err = cli(*args).communicate(timeout=120)
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("healthlib: "), err
        assert "cannot write the library" in err and "Traceback" not in err


def test_full_disk_during_swap_is_one_line_and_library_unchanged(tmp_path):
    db = tmp_path / "library.db"
    run_import("openfda", [BULK], db, progress=False)
    before = file_state(db)
    full = OSError(errno.ENOSPC, "No space left on device")
    with mock.patch.object(build_module.os, "replace", side_effect=full), \
            pytest.raises(HealthlibError, match=r"cannot write the library \(the disk is full\)"):
        build_library(db, stored_monographs(db))
    assert file_state(db) == before
    assert not list(tmp_path.glob(".library.db.building-*"))


def mount_tmpfs(mount: Path, size: str) -> None:
    """A real small file system (needs root and mount permission; the test is skipped otherwise)."""
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip() or done.returncode}")


@pytest.fixture
def tiny_tmpfs(tmp_path):
    mount = tmp_path / "tiny"
    mount_tmpfs(mount, "1m")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.fixture
def read_only_library(tmp_path):
    """A library on a file system remounted read-only (as after a disk error, or a ro volume)."""
    mount = tmp_path / "ro"
    mount_tmpfs(mount, "64m")
    try:
        db = mount / "library.db"
        run_import("openfda", [BULK], db, progress=False)
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        yield db
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_really_full_disk_is_one_line_and_exit_2(tiny_tmpfs):
    db = tiny_tmpfs / "library.db"
    run = cli("build", "--db", str(db))
    out, err = run.communicate(timeout=300)
    assert run.returncode == 2, err
    assert err.strip().splitlines() == [err.strip()] and "the disk is full" in err, err
    assert not db.exists() and not list(tiny_tmpfs.glob(".library.db.building-*"))


@pytest.mark.parametrize("command", ["build", "import", "export"])
def test_read_only_library_folder_is_one_line_and_exit_2(read_only_library, command, tmp_path):
    db = read_only_library
    before = file_state(db)
    args = {"build": ["build"], "import": ["import", "openfda", str(BULK)],
            "export": ["export", "static", str(db.parent / "site")]}[command]
    run = cli(*args, "--db", str(db))
    out, err = run.communicate(timeout=300)
    assert run.returncode == 2, err
    assert len(err.strip().splitlines()) == 1 and err.startswith("healthlib: "), err
    assert "read-only" in err.lower() or "cannot be written" in err, err
    assert file_state(db) == before


def test_first_run_build_of_serve_waits_for_a_running_writer(tmp_path):
    import httpx

    from .conftest import answers_healthz, free_port

    db = tmp_path / "library.db"
    port = free_port()
    log = tmp_path / "serve.log"
    with open(log, "w") as err:
        with library_write_lock(db):
            server = subprocess.Popen([sys.executable, "-m", "healthlib.surfaces.cli", "serve", "--db", str(db),
                                       "--port", str(port)], stdout=subprocess.DEVNULL, stderr=err)
            try:
                for _ in range(100):
                    if "waiting for another import/build to finish" in log.read_text():
                        break
                    time.sleep(0.1)
                assert "waiting for another import/build to finish" in log.read_text()
                assert not db.exists() and server.poll() is None
            except BaseException:
                server.kill()
                server.wait()
                raise
        try:
            answers_healthz(f"http://127.0.0.1:{port}", seconds=120)
            assert httpx.get(f"http://127.0.0.1:{port}/drugs/baclofen", timeout=5).status_code == 200
        finally:
            server.terminate()
            server.wait(timeout=15)


def test_export_onto_a_full_disk_is_one_line_and_exit_2(tiny_tmpfs, built_library):
    run = cli("export", "static", str(tiny_tmpfs / "site"), "--db", str(built_library))
    out, err = run.communicate(timeout=300)
    assert run.returncode == 2, err
    assert len(err.strip().splitlines()) == 1 and "No space left on device" in err, err
