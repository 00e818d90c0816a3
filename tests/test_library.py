"""The library store: atomic builds, names, search, classes and conditions on real SQLite files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from healthlib.library.build import build_builtin, build_library, stored_monographs
from healthlib.library.query import Library
from healthlib.library.search import autocomplete, search
from healthlib.model.errors import HealthlibError, UnknownMedicine
from healthlib.model.monograph import Monograph
from tests.helpers import baclofen_data


@pytest.fixture(scope="module")
def lib(tmp_path_factory) -> Library:
    path = tmp_path_factory.mktemp("lib") / "library.db"
    build_builtin(path)
    return Library(path)


def test_build_writes_articles_names_and_fts(lib):
    conn = sqlite3.connect(lib.path)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] >= 20
    assert conn.execute("SELECT slug FROM names WHERE norm = 'lioresal'").fetchone()[0] == "baclofen"
    assert conn.execute("SELECT count(*) FROM guide_text WHERE guide_text MATCH 'spasticity'").fetchone()[0] >= 1


def test_failed_build_leaves_old_library_untouched(tmp_path):
    path = tmp_path / "library.db"
    build_builtin(path)
    before = path.read_bytes()
    bad = Monograph.model_validate(baclofen_data())
    with pytest.raises(HealthlibError):
        build_library(path, [bad, bad])  # two guides with one slug
    assert path.read_bytes() == before
    assert not list(tmp_path.glob(".*building*"))


def test_interrupted_build_leaves_old_library(tmp_path, monkeypatch):
    path = tmp_path / "library.db"
    build_builtin(path)
    before = path.read_bytes()
    import healthlib.library.build as build_module

    def explode(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(build_module, "_insert", explode)
    with pytest.raises(KeyboardInterrupt):
        build_builtin(path)
    assert path.read_bytes() == before


def test_open_reader_survives_swap(tmp_path):
    path = tmp_path / "library.db"
    build_builtin(path)
    lib = Library(path)
    assert lib.article("baclofen") is not None
    version = lib.version
    build_builtin(path)
    assert lib.version != version
    assert lib.article("baclofen").slug == "baclofen"


def test_stored_monographs_round_trip(lib):
    stored = {m.slug: m for m in stored_monographs(lib.path)}
    assert stored["baclofen"].brand_names[0].name == "Lioresal"


@pytest.mark.parametrize(("typed", "slug"), [
    ("baclofen", "baclofen"), ("Lioresal", "baclofen"), ("baclophen", "baclofen"),
    ("bacloffen", "baclofen"), ("zanaflex", "tizanidine"),
])
def test_resolve(lib, typed, slug):
    assert lib.resolve(typed) == slug


def test_resolve_unknown_suggests(lib):
    with pytest.raises(UnknownMedicine) as info:
        lib.resolve("baclo")
    assert "Baclofen" in info.value.suggestions


def test_search_brand_leads_to_generic(lib):
    result = search(lib, "Lioresal")
    assert result.results[0].slug == "baclofen" and result.results[0].match == "brand"


def test_search_misspelling_ranks_name_first_and_offers_did_you_mean(lib):
    result = search(lib, "baclofan")
    assert result.results[0].slug == "baclofen"
    assert result.did_you_mean


def test_search_condition_finds_every_medicine_for_it(lib):
    result = search(lib, "muscle spasms")
    slugs = {r.slug for r in result.results}
    assert {"baclofen", "tizanidine", "cyclobenzaprine"} <= slugs


def test_search_words_from_text(lib):
    result = search(lib, "hallucinations")
    assert any(r.slug == "baclofen" and r.match == "text" for r in result.results)


def test_search_is_safe_with_fts_syntax(lib):
    for q in ['"', "AND OR NOT", "baclofen*", "NEAR(a b)", "x" * 5000, "'; DROP TABLE articles; --"]:
        search(lib, q)  # never raises
    assert lib.article("baclofen") is not None


def test_autocomplete(lib):
    names = [s.name for s in autocomplete(lib, "bac")]
    assert "baclofen" in names


def test_classes_and_conditions(lib):
    classes = {slug for slug, _, _ in lib.classes()}
    assert "muscle-relaxants" in classes
    name, guides = lib.class_guides("muscle-relaxants")
    assert "baclofen" in {g.slug for g in guides}
    conditions = {slug for slug, _, _ in lib.conditions()}
    assert "spasticity" in conditions


def test_compare_two_guides(lib):
    comparison = lib.compare("baclofen", "tizanidine")
    labels = [r.label for r in comparison.rows]
    assert "What it is" in labels and comparison.points


def test_missing_library_is_a_clear_error(tmp_path):
    with pytest.raises(HealthlibError, match="library not found"):
        Library(Path(tmp_path / "none.db"))
