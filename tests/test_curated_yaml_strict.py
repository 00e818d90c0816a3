"""Curated YAML mistakes the safe loader used to let through or crash on: a key given twice, an
impossible date, an unknown source id (reported where it is cited)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from healthlib.model.errors import HealthlibError
from healthlib.readers.curated import builtin_dir, read_monograph

BACLOFEN = (builtin_dir() / "baclofen.yaml").read_text()


def line_of(text: str, needle: str, start: int = 0) -> int:
    lines = text.splitlines()
    return next(i + 1 for i in range(start, len(lines)) if needle in lines[i])


def write(folder: Path, text: str) -> Path:
    path = folder / "baclofen.yaml"
    path.write_text(text)
    return path


def test_duplicate_key_is_refused_at_the_second_one(tmp_path):
    text = BACLOFEN + "rx_status: otc\n"  # would silently make baclofen an OTC medicine
    path = write(tmp_path, text)
    first = line_of(text, "rx_status:")
    second = len(text.splitlines())
    with pytest.raises(HealthlibError) as caught:
        read_monograph(path)
    assert str(caught.value) == (f"{path}:{second}: rx_status: duplicate key 'rx_status' "
                                 f"(first given on line {first})")


def test_duplicate_key_inside_a_nested_mapping(tmp_path):
    cite = "  cite: [fda-baclofen-tablets, nhs-baclofen]"
    text = BACLOFEN.replace(cite, cite + "\n  cite: [nhs-baclofen]", 1)
    path = write(tmp_path, text)
    second = line_of(text, cite) + 1
    with pytest.raises(HealthlibError, match=rf":{second}: \S+\.cite: duplicate key 'cite'"):
        read_monograph(path)


def test_check_command_fails_on_a_duplicate_key(tmp_path):
    path = write(tmp_path, BACLOFEN + "rx_status: otc\n")
    run = subprocess.run([sys.executable, "-m", "healthlib.surfaces.cli", "check", str(path)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and "duplicate key 'rx_status'" in run.stderr and "Traceback" not in run.stderr


def test_impossible_date_is_one_line_with_file_line_and_field(tmp_path):
    old = next(line for line in BACLOFEN.splitlines() if line.startswith("updated:"))
    text = BACLOFEN.replace(old, "updated: 2026-13-45", 1)
    path = write(tmp_path, text)
    with pytest.raises(HealthlibError) as caught:
        read_monograph(path)
    assert str(caught.value) == (f"{path}:{line_of(text, 'updated:')}: updated: "
                                 "impossible date '2026-13-45' (use YYYY-MM-DD)")


def test_unknown_source_is_reported_at_the_cite_line_naming_it(tmp_path):
    cite = "  cite: [fda-baclofen-tablets, nhs-baclofen]"
    text = BACLOFEN.replace(cite, "  cite: [fda-baclofen-tablets, nhs-baclofen, no-such-source]", 1)
    path = write(tmp_path, text)
    with pytest.raises(HealthlibError) as caught:
        read_monograph(path)
    line = line_of(text, "no-such-source")
    assert str(caught.value).startswith(f"{path}:{line}: ")
    assert str(caught.value).endswith(".cite: cites unknown source 'no-such-source'")


def test_unknown_source_in_a_block_list_points_at_its_item(tmp_path):
    cite = "  cite: [fda-baclofen-tablets, nhs-baclofen]"
    text = BACLOFEN.replace(cite, "  cite:\n    - fda-baclofen-tablets\n    - unheard-of", 1)
    path = write(tmp_path, text)
    with pytest.raises(HealthlibError, match=rf":{line_of(text, 'unheard-of')}: \S+\.cite: cites unknown source"):
        read_monograph(path)


def test_every_shipped_monograph_still_reads():
    for path in sorted(builtin_dir().glob("*.yaml")):
        read_monograph(path)
