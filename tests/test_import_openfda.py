"""Importing openFDA drug label JSON: API responses, bulk files (plain or zipped), streamed."""

from __future__ import annotations

import io
import json
import re
import sqlite3
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from healthlib.library.build import stored_monographs
from healthlib.library.imports import run_import
from healthlib.model.errors import HealthlibError
from healthlib.readers import openfda
from healthlib.readers.openfda import JsonArrayStream, iter_labels, read_openfda

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "labels" / "openfda"
API = FIXTURES / "api-response.json"
BULK = FIXTURES / "bulk-array.json"
BAD = FIXTURES / "bad"
BRAND_SET = "00000000-0000-4000-8000-0000000000f1"


def by_slug(paths: list[Path]) -> dict:
    return {m.slug: m for m in read_openfda(paths)}


def zipped(path: Path, folder: Path, name: str = "drug-label-0001-of-0001.json") -> Path:
    out = folder / (name + ".zip")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(path, name)
    return out


def file_state(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


# --- reading ---------------------------------------------------------------------------------


def test_api_response_groups_brand_generic_and_repackager():
    totals = []
    labels = [x for x in iter_labels([API], on_total=totals.append)]
    assert totals == [3] and len(labels) == 3
    (m,) = read_openfda([API])
    assert m.slug == "exemplarol" and m.origin == "label" and m.rx_status == "prescription"
    # the reference product is the NDA brand from its own maker: not the newer generic (ANDA)
    # and not the newer repackaged copy
    assert m.uses[0].cite == [f"spl-{BRAND_SET}-s34067-9"]
    assert m.updated.isoformat() == "2022-06-01"
    assert {s.set_id for s in m.sources} == {BRAND_SET, "00000000-0000-4000-8000-0000000000f2",
                                              "00000000-0000-4000-8000-0000000000f3"}
    assert [b.name for b in m.brand_names] == ["Exemplor"]
    assert m.drug_class.text.startswith("a beta blocker")
    assert m.forms[0].strengths == ["25 mg", "50 mg"]


def test_record_facts_from_text_and_html_tables():
    m = by_slug([API])["exemplarol"]
    (dose,) = m.how_to_take.doses  # the renal-impairment dose is for a subgroup: not a usual dose
    assert (dose.population, dose.start.amount, dose.start_frequency) == ("adults", 25, "once a day")
    assert (dose.max.amount, dose.max_per) == (100, "day")
    assert dose.increase == "The label raises the dose by 25 mg at a time, every 2 weeks."
    common = [(e.name, e.percent, e.frequency, e.placebo_percent) for e in m.side_effects.common]
    assert common[0] == ("dizziness", 9.5, "9.5 in 100 people", 4.1)
    assert ("headache", 2.2, "2.2 in 100 people", 2) in common  # footnote mark gone
    assert not any(name == "nervous system" for name, *_ in common)  # a heading row, not a reaction
    assert [c.text for c in m.contraindications] == ["Severe slow heartbeat", "Cardiogenic shock",
                                                      "Allergy to exemplarol"]
    clonidine = m.interactions[0]
    assert clonidine.with_ == "Clonidine" and clonidine.severity == "major"
    assert m.overdose.signs == ["slow heartbeat", "low blood pressure", "dizziness"]
    for fact in (m.pregnancy, m.children, m.older_adults, m.storage):
        assert fact is not None and fact.cite[0].startswith(f"spl-{BRAND_SET}-s")


def test_bulk_array_otc_drug_facts():
    m = by_slug([BULK])["exemplofen"]
    assert m.rx_status == "otc" and [b.name for b in m.brand_names] == ["Examplin"]
    assert m.uses[0].condition == "minor aches and pains due to headache"
    assert m.summary.text.endswith("minor aches and pains due to headache, toothache and backache.")
    adult, child = m.how_to_take.doses
    assert (adult.population, adult.start.amount, adult.start.unit, adult.start_frequency) == (
        "adults and children 12 years and over", 1, "tablet", "every 4 to 6 hours")
    assert (child.population, child.note, child.start) == ("children under 12 years", "Ask a doctor", None)
    assert m.cautions[0].text == ("Ask a doctor before use if you have: stomach bleeding problems, "
                                  "high blood pressure, kidney disease")
    assert m.side_effects.serious[0].text == "Allergy alert"
    assert m.pregnancy.text == m.breastfeeding.text == "If pregnant or breastfeeding, ask a health professional before use."


def test_zipped_bulk_file_reads_the_same(tmp_path):
    plain = read_openfda([API])
    packed = read_openfda([zipped(API, tmp_path)])
    assert [m.model_dump() for m in packed] == [m.model_dump() for m in plain]


def test_stream_matches_json_load_with_any_chunk_size(monkeypatch):
    expected = json.loads(API.read_text())["results"]
    for size in (1, 7, 4096):
        monkeypatch.setattr(openfda, "CHUNK", size)
        with open(API, encoding="utf-8") as handle:
            assert list(JsonArrayStream(handle, "api")) == expected
    with open(BULK, encoding="utf-8") as handle:
        assert list(JsonArrayStream(handle, "bulk")) == json.loads(BULK.read_text())


def test_single_record_object_is_one_label():
    record = json.loads(API.read_text())["results"][1]
    assert list(JsonArrayStream(io.StringIO(json.dumps(record)), "one")) == [record]


def test_streaming_memory_stays_bounded(tmp_path):
    """A 20 MB file is read with a few MB at most: one chunk and one record at a time."""
    template = json.loads(API.read_text())["results"][1]
    big = tmp_path / "drug-label-big.json"
    with open(big, "w", encoding="utf-8") as out:
        out.write('{"meta": {"results": {"total": 3000}}, "results": [')
        for i in range(3000):
            record = dict(template, set_id=f"00000000-0000-4000-8000-{i:012d}",
                          description=[f"label {i} " + "tablet text " * 500])
            out.write(("," if i else "") + json.dumps(record))
        out.write("]}")
    assert big.stat().st_size > 20_000_000
    tracemalloc.start()
    try:
        with open(big, encoding="utf-8") as handle:
            count = sum(1 for _ in JsonArrayStream(handle, "big"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 3000
    assert peak < 8_000_000, f"peak {peak / 1e6:.1f} MB"


# --- importing -------------------------------------------------------------------------------


def test_import_writes_guides_and_reimport_updates(tmp_path):
    db = tmp_path / "library.db"
    summary = run_import("openfda", [API, BULK], db, progress=False)
    assert summary.labels_read == 4 and summary.guides_made == 2
    assert {g.slug: g.labels for g in summary.guides} == {"exemplarol": 3, "exemplofen": 1}
    conn = sqlite3.connect(db)
    try:
        art = json.loads(conn.execute("SELECT json FROM articles WHERE slug = 'exemplarol'").fetchone()[0])
    finally:
        conn.close()
    sources = {s["id"] for s in art["sources"]}
    for sec in art["sections"]:
        for block in sec["blocks"]:
            assert block["citations"] and set(block["citations"]) <= sources
    again = run_import("openfda", [API], db, progress=False)
    assert [(g.slug, g.action) for g in again.guides] == [("exemplarol", "updated")]
    assert {m.slug for m in stored_monographs(db)} == {"exemplarol", "exemplofen"}


def _truncated_zip(tmp: Path) -> Path:
    whole = zipped(API, tmp).read_bytes()
    path = tmp / "drug-label-cut.json.zip"
    path.write_bytes(whole[: len(whole) * 2 // 3])
    return path


def _write(name: str, text: str):
    def make(tmp: Path) -> Path:
        path = tmp / name
        path.write_text(text)
        return path
    return make


BAD_CASES = {
    "invalid JSON": (lambda tmp: BAD / "invalid.json", r"invalid\.json record 2: invalid JSON"),
    "truncated JSON": (lambda tmp: BAD / "truncated.json", r"truncated\.json record 2: truncated JSON"),
    "not UTF-8": (lambda tmp: BAD / "not-utf8.json", r"not-utf8\.json: the file is not UTF-8"),
    "no ingredient": (lambda tmp: BAD / "no-ingredient.json",
                      r"no-ingredient\.json record 2: the record names no active ingredient"),
    "no set id": (lambda tmp: BAD / "no-set-id.json", r"no-set-id\.json record 1: the record has no valid set_id"),
    "no uses": (lambda tmp: BAD / "no-indications.json", r"no-indications\.json record 1: the label states no use"),
    "record not an object": (lambda tmp: BAD / "not-an-object.json",
                             r"not-an-object\.json record 1: a label record must be a JSON object"),
    "truncated zip": (_truncated_zip, r"cut\.json\.zip: not a readable zip archive"),
    "empty file": (_write("empty.json", ""), r"empty\.json: the file is empty"),
    "not JSON": (_write("words.json", "label, not JSON"), r"words\.json: not JSON"),
    "no results": (_write("meta.json", '{"meta": {"last_updated": "2024-01-01"}}'),
                   r'meta\.json: no "results" array'),
    "missing file": (lambda tmp: tmp / "nowhere.json", r"nowhere\.json: no such file"),
}


@pytest.fixture
def existing_library(tmp_path) -> Path:
    db = tmp_path / "library.db"
    run_import("openfda", [BULK], db, progress=False)
    return db


@pytest.mark.parametrize("case", list(BAD_CASES))
def test_bad_input_fails_clearly_and_leaves_the_library(case, tmp_path, existing_library):
    make, message = BAD_CASES[case]
    before = file_state(existing_library)
    with pytest.raises(HealthlibError) as caught:
        run_import("openfda", [make(tmp_path)], existing_library, progress=False)
    assert re.search(message, str(caught.value)), str(caught.value)
    assert file_state(existing_library) == before


@pytest.mark.parametrize("case", list(BAD_CASES))
def test_skip_bad_reports_and_imports_the_rest(case, tmp_path):
    make, message = BAD_CASES[case]
    summary = run_import("openfda", [make(tmp_path), API], tmp_path / "skip.db", skip_bad=True, progress=False)
    assert "exemplarol" in {g.slug for g in summary.guides}
    assert len(summary.skipped) == 1
    skipped = summary.skipped[0]
    assert re.search(message, f"{skipped.where}: {skipped.reason}"), skipped


def test_good_records_before_broken_json_are_kept(tmp_path):
    summary = run_import("openfda", [BAD / "invalid.json"], tmp_path / "lib.db", skip_bad=True, progress=False)
    assert summary.labels_read == 1 and [g.slug for g in summary.guides] == ["exemplofen"]
    assert "record 2" in summary.skipped[0].where


def test_unknown_kind_is_refused(tmp_path):
    with pytest.raises(HealthlibError, match="unknown label format"):
        run_import("xml", [API], tmp_path / "lib.db", progress=False)  # type: ignore[arg-type]
