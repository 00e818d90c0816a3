"""Import input limits: whatever a file holds, memory stays bounded and a bad record is one clear
error for that record (skipped with --skip-bad). Inputs are generated, never committed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from healthlib.library.imports import run_import
from healthlib.model.errors import HealthlibError
from healthlib.readers import openfda

BULK = Path(__file__).resolve().parent / "fixtures" / "labels" / "openfda" / "bulk-array.json"
SPL = Path(__file__).resolve().parent / "fixtures" / "labels" / "spl" / "baclofen-tablets-rx.xml"
MB = 1 << 20


def good_record() -> str:
    return json.dumps(json.loads(BULK.read_text())[0])


def write_records(path: Path, *middle: str) -> Path:
    """[good record, *middle, good record] written piece by piece (middle may be huge)."""
    with open(path, "w") as out:
        out.write("[" + good_record())
        for piece in middle:
            out.write(",")
            out.write(piece)
        out.write("," + good_record() + "]")
    return path


def deep(levels: int) -> str:
    return '{"set_id": "00000000-0000-4000-8000-00000000dead", "x": ' + "[" * levels + "]" * levels + "}"


def big_field_record(name: str, chars: int) -> str:
    record = json.loads(good_record())
    record[name] = ["x " * (chars // 2)]
    return json.dumps(record)


def peak_memory_reading(path: Path) -> tuple[list, int]:
    tracemalloc.start()
    try:
        items = list(openfda.iter_labels([path], light=True))
        return items, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def errors(items: list) -> list[str]:
    return [str(i) for i in items if isinstance(i, HealthlibError)]


# --- nesting ---------------------------------------------------------------------------------------


def test_deep_nesting_is_an_error_for_that_record_only(tmp_path):
    path = write_records(tmp_path / "deep.json", deep(100_000))
    with pytest.raises(HealthlibError, match=r"deep\.json record 2: the record is nested more deeply"):
        run_import("openfda", [path], tmp_path / "a.db", progress=False)
    summary = run_import("openfda", [path], tmp_path / "b.db", skip_bad=True, progress=False)
    assert summary.labels_read == 2 and len(summary.skipped) == 1
    assert "record 2" in summary.skipped[0].where


def test_deep_nesting_from_the_command_line_is_one_line(tmp_path):
    path = write_records(tmp_path / "deep.json", deep(5_000))
    run = subprocess.run([sys.executable, "-m", "healthlib.surfaces.cli", "import", "openfda", str(path),
                          "--db", str(tmp_path / "lib.db")], capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stderr.strip().splitlines() == [run.stderr.strip()]


# --- whitespace, record and field sizes ------------------------------------------------------------


def test_whitespace_is_dropped_as_it_is_read(tmp_path):
    path = tmp_path / "spaces.json"
    with open(path, "w") as out:
        out.write("[" + good_record())
        for _ in range(64):
            out.write(" " * MB)
        out.write("," + good_record() + "]")
    items, peak = peak_memory_reading(path)
    assert not errors(items) and len(items) == 2
    assert peak < 24 * MB, peak


def test_record_over_the_size_cap_is_skipped_and_reading_goes_on(tmp_path):
    path = write_records(tmp_path / "huge.json", big_field_record("description", openfda.MAX_RECORD + MB))
    items, peak = peak_memory_reading(path)
    assert [str(e) for e in errors(items)] == [
        f"{path} record 2: the record is larger than {openfda.MAX_RECORD >> 20} MB, more than any real label"]
    assert len(items) == 3
    assert peak < 4 * openfda.MAX_RECORD


def test_long_field_is_an_error_for_that_record(tmp_path):
    path = write_records(tmp_path / "long.json", big_field_record("indications_and_usage", openfda.MAX_FIELD + 10))
    summary = run_import("openfda", [path], tmp_path / "lib.db", skip_bad=True, progress=False)
    assert summary.labels_read == 2
    (skipped,) = summary.skipped
    assert "record 2 indications_and_usage" in skipped.where and "longer than any real label section" in skipped.reason


def test_zip_of_spaces_is_read_in_bounded_memory(tmp_path):
    path = tmp_path / "bomb.json.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z, z.open("bomb.json", "w") as member:
        member.write(("[" + good_record()).encode())
        block = b" " * MB
        for _ in range(256):
            member.write(block)
        member.write(("," + good_record() + "]").encode())
    assert path.stat().st_size < 2 * MB
    items, peak = peak_memory_reading(path)
    assert not errors(items) and len(items) == 2
    assert peak < 24 * MB, peak


def test_zip_member_declaring_more_than_the_cap_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "big.json.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("drug-label.json", "[" + good_record() + "," + " " * (2 * MB) + good_record() + "]")
    monkeypatch.setattr(openfda, "MAX_UNZIPPED", MB)
    assert errors(list(openfda.iter_labels([path], light=True))) == [
        f"{path} [drug-label.json]: the member unzips to 0.0 GB, more than any openFDA file (limit 0 GB)"]


# --- what is not a regular file ---------------------------------------------------------------------


def cli_import(kind: str, path: str, db: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "healthlib.surfaces.cli", "import", kind, path, "--db", str(db)],
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("kind", ["spl", "openfda"])
def test_device_is_refused(kind, tmp_path):
    run = cli_import(kind, "/dev/zero", tmp_path / "lib.db")
    assert run.returncode == 2
    assert run.stderr.strip() == "healthlib: /dev/zero: not a regular file (a device, FIFO or socket cannot be imported)"


@pytest.mark.parametrize(("kind", "name"), [("spl", "label.xml"), ("openfda", "labels.json"), ("spl", "labels.zip")])
def test_fifo_is_refused_without_hanging(kind, name, tmp_path):
    fifo = tmp_path / name
    os.mkfifo(fifo)
    run = cli_import(kind, str(fifo), tmp_path / "lib.db")
    assert run.returncode == 2
    assert run.stderr.strip().endswith("not a regular file (a device, FIFO or socket cannot be imported)")


def test_fifo_inside_a_folder_is_passed_over(tmp_path):
    folder = tmp_path / "labels"
    folder.mkdir()
    os.mkfifo(folder / "pipe.json")
    (folder / "bulk.json").write_text(BULK.read_text())
    summary = run_import("openfda", [folder], tmp_path / "lib.db", progress=False)
    assert summary.labels_read == 1 and not summary.skipped
