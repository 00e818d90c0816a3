"""The healthlib command, run as a real process against real SQLite files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import baclofen_data, write_monograph

SECTION_ORDER = ["key-facts", "what-is", "uses", "how-it-works", "how-to-take", "duration", "side-effects",
                 "who-should-not-take", "brand-names", "alternatives", "vs-*", "interactions", "storage", "faq"]


def run(*args: str, db: Path | None = None) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "healthlib.surfaces.cli", *args]
    if db is not None:
        cmd += ["--db", str(db)]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "HEALTHLIB_DB": str(db or "/nonexistent/x.db")})


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "library.db"
    result = run("build", db=path)
    assert result.returncode == 0, result.stderr
    return path


def test_show_json_sections_in_order_with_citations(db):
    result = run("show", "baclofen", "--format", "json", db=db)
    assert result.returncode == 0, result.stderr
    article = json.loads(result.stdout)
    ids = [s["id"] for s in article["sections"]]
    ranks = [SECTION_ORDER.index("vs-*" if i.startswith("vs-") else i) for i in ids]
    assert ranks == sorted(ranks)
    assert all(b["citations"] for s in article["sections"] for b in s["blocks"])
    assert article["readability"]["fk_grade"] <= 8


@pytest.mark.parametrize("name", ["baclophen", "lioresal", "Baclofen", "BACLOFEN "])
def test_show_finds_by_brand_and_misspelling(db, name):
    result = run("show", name, db=db)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Baclofen")


def test_show_html(db):
    result = run("show", "baclofen", "--format", "html", db=db)
    assert result.returncode == 0 and result.stdout.startswith('<article class="guide"')


def test_unknown_name_suggests_and_exits_2(db):
    result = run("show", "baclofem zzz", db=db)
    assert result.returncode == 2
    assert "no guide for 'baclofem zzz'" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_list_shows_guides(db):
    result = run("list", db=db)
    assert result.returncode == 0 and "Baclofen" in result.stdout and "baclofen" in result.stdout


def test_check_passes_on_builtin_library():
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert "baclofen" in result.stdout and "FK grade" in result.stdout


def test_check_reports_a_bad_file_in_one_line_and_exits_2(tmp_path):
    data = baclofen_data()
    data["how_to_take"]["doses"][0]["start_frequency"] = "sometimes"
    path = write_monograph(tmp_path, data)
    result = run("check", str(path))
    assert result.returncode == 2
    assert f"{path}:" in result.stderr and "start_frequency" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_malformed_yaml(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("slug: broken\n  bad: indent: here\n")
    result = run("check", str(path))
    assert result.returncode == 2 and f"{path}:" in result.stderr and "Traceback" not in result.stderr


def test_search_json(db):
    result = run("search", "lioresal", "--json", db=db)
    assert result.returncode == 0
    assert json.loads(result.stdout)["results"][0]["slug"] == "baclofen"


def test_build_trains_the_question_models_so_a_question_only_loads_them(tmp_path):
    # the subject model reads the library's names, so build trains it for the library it built
    cache = tmp_path / "cache"
    cmd = [sys.executable, "-m", "healthlib.surfaces.cli", "build", "--db", str(tmp_path / "library.db")]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "XDG_CACHE_HOME": str(cache)})
    assert result.returncode == 0, result.stderr
    kept = sorted(p.name.split("-")[1] for p in (cache / "healthlib").glob("ask-*.pkl"))
    assert "subject" in kept, kept
