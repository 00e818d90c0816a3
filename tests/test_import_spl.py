"""Importing DailyMed SPL XML: real labels from ../shared/samples, small fixtures, bad inputs.

The real labels are not copied into the repo; tests that need them are skipped (saying why)
when the shared folder is not next to the repo, as it is on CI.
"""

from __future__ import annotations

import io
import json
import re
import sqlite3
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from rich.console import Console

from healthlib.compose.article import compose_article
from healthlib.compose.readability import readability
from healthlib.library.build import build_library, stored_monographs
from healthlib.library.imports import ImportProgress, run_import
from healthlib.model.errors import HealthlibError
from healthlib.model.text import sentence
from healthlib.readers import loinc
from healthlib.readers.curated import builtin_dir, read_monograph
from healthlib.readers.glossary import plain
from healthlib.readers.label.context import Cites, Context
from healthlib.readers.label.document import Label, Section, index_sections
from healthlib.readers.label.doses import about_some_patients, read_amount
from healthlib.readers.label.facts import label_monograph
from healthlib.readers.label.interactions import split_agents
from healthlib.readers.label.text import clean, sentences, shorter_sentences
from healthlib.readers.spl import NotADrugLabel, iter_labels, read_spl
from healthlib.surfaces.progress import ImportBar
from tests.helpers import SHARED

SAMPLES = SHARED / "samples" / "spl"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "labels" / "spl"
BACLOFEN = FIXTURES / "baclofen-tablets-rx.xml"
needs_samples = pytest.mark.skipif(
    not (SAMPLES / "lipitor-atorvastatin-rx.xml").exists(),
    reason=f"real DailyMed labels not found at {SAMPLES} (CI copies shared/ next to the repo)")

LIPITOR_SET = "c6e131fe-e7df-4876-83f7-9156fc4e8228"


def only(paths: list[Path]):
    monographs = read_spl(paths)
    assert len(monographs) == 1
    return monographs[0]


def article(db: Path, slug: str) -> dict:
    conn = sqlite3.connect(db)
    try:
        row = conn.execute("SELECT json FROM articles WHERE slug = ?", (slug,)).fetchone()
    finally:
        conn.close()
    assert row, f"no guide {slug} in {db}"
    return json.loads(row[0])


def section(art: dict, sid: str) -> dict:
    found = [s for s in art["sections"] if s["id"] == sid]
    assert found, f"{art['slug']} has no section {sid}: {[s['id'] for s in art['sections']]}"
    return found[0]


def all_citations(art: dict) -> list[str]:
    cites = []
    for s in art["sections"]:
        for b in s["blocks"]:
            assert b["citations"], f"uncited block in {s['id']}: {b}"
            cites += b["citations"]
            for item in b.get("items") or []:
                assert item["citations"], f"uncited item in {s['id']}: {item}"
                cites += item["citations"]
    return cites


def variant(data: bytes, *, set_id: str, version: int, date: str, generic: bool = False) -> bytes:
    """A copy of a real label under another set id, version and date; `generic` turns the
    brand product into an ANDA generic named by its ingredient."""
    text = data.decode("utf-8")
    text = re.sub(r'<setId root="[^"]+"/>', f'<setId root="{set_id}"/>', text, count=1)
    text = re.sub(r'<versionNumber value="[^"]+"/>', f'<versionNumber value="{version}"/>', text, count=1)
    text = re.sub(r'<effectiveTime value="[^"]+"/>', f'<effectiveTime value="{date}"/>', text, count=1)
    if generic:
        text = text.replace("<name>Lipitor</name>", "<name>Atorvastatin Calcium</name>")
        text = text.replace('extension="NDA020702"', 'extension="ANDA099999"')
    return text.encode("utf-8")


def dailymed_zip(path: Path, labels: dict[str, bytes]) -> Path:
    """A DailyMed release: a zip of per-label zips, each with its XML and an image."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as outer:
        for name, data in labels.items():
            inner = io.BytesIO()
            with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as z:
                z.writestr(f"{name}.xml", data)
                z.writestr(f"{name}-image.jpg", b"\xff\xd8\xff not really an image")
            outer.writestr(f"prescription/20240101_{name}.zip", inner.getvalue())
    return path


def file_state(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


# --- the real labels -------------------------------------------------------------------------


@needs_samples
def test_modern_label_facts_each_cite_their_section():
    m = only([SAMPLES / "lipitor-atorvastatin-rx.xml"])
    assert m.generic_name == "atorvastatin" and m.slug == "atorvastatin"
    assert m.origin == "label" and m.rx_status == "prescription"
    assert [b.name for b in m.brand_names] == ["Lipitor"]
    assert m.class_name == "Statins"
    # every source is this label, with what was read from it
    for s in m.sources:
        assert s.set_id == LIPITOR_SET and s.version == "11" and str(s.effective_date) == "2014-01-13"
        assert s.url == f"https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid={LIPITOR_SET}"
    titles = {s.id: s.title for s in m.sources}
    assert titles[f"spl-{LIPITOR_SET}-s34067-9"] == "Lipitor label — Indications and usage (section 1)"
    assert m.uses[0].cite == [f"spl-{LIPITOR_SET}-s34067-9"]
    assert any("heart attack" in u.condition for u in m.uses)
    assert m.contraindications[0].cite == [f"spl-{LIPITOR_SET}-s34070-3"]
    assert any("liver disease" in c.text.lower() for c in m.contraindications)
    assert m.storage and m.storage.cite == [f"spl-{LIPITOR_SET}-s44425-7"]
    assert "12 hours" in m.missed_dose.text
    form = m.forms[0]
    assert form.form == "film-coated tablet" and form.strengths == ["10 mg", "20 mg", "40 mg", "80 mg"]
    ten = form.pills[0]
    assert (ten.imprint, ten.colors, ten.shape, ten.size_mm, ten.score) == ("PD;155;10", ["white"], "oval", 10, 1)
    assert (ten.strength, ten.ndc, ten.name, ten.set_id) == ("10 mg", "0071-0155", "Lipitor", LIPITOR_SET)
    assert [p.imprint for p in form.pills] == ["PD;155;10", "PD;156;20", "PD;157;40", "PD;158;80"]


@needs_samples
def test_modern_label_doses_read_exactly():
    m = only([SAMPLES / "lipitor-atorvastatin-rx.xml"])
    adults, children = m.how_to_take.doses
    assert adults.population == "adults"
    assert (adults.start.amount, adults.start.amount_high, adults.start.unit) == (10, None, "mg")
    assert adults.start_frequency == "once a day"
    assert "10 mg or 20 mg" in adults.note  # "10 or 20 mg", not anything in between
    assert (adults.usual.amount, adults.usual.amount_high, adults.usual_per) == (10, 80, "day")
    assert (adults.max.amount, adults.max_per) == (80, "day")
    assert children.population == "children 10 to 17 years"
    assert (children.start.amount, children.start_frequency) == (10, "once a day")
    assert (children.max.amount, children.max_per) == (20, "day")
    assert all(d.cite == [f"spl-{LIPITOR_SET}-s34068-7"] for d in m.how_to_take.doses)
    assert m.how_to_take.food.text == "You can take it with or without food."


@needs_samples
def test_adverse_reaction_table_gives_frequencies():
    m = only([SAMPLES / "lipitor-atorvastatin-rx.xml"])
    common = {e.name: e for e in m.side_effects.common}
    joint = common["joint pain (arthralgia)"]
    assert joint.percent == 6.9 and joint.frequency == "6.9 in 100 people" and joint.placebo_percent == 6.5
    assert common["common cold symptoms (nasopharyngitis)"].percent == 8.3
    assert [e.percent for e in m.side_effects.common] == sorted((e.percent for e in m.side_effects.common),
                                                                reverse=True)
    assert all(e.cite == [f"spl-{LIPITOR_SET}-s34084-4"] for e in m.side_effects.common)


@needs_samples
def test_old_format_boxed_warning_and_no_guessed_dose():
    m = only([SAMPLES / "no-title-rx.xml"])
    assert m.generic_name == "haloperidol" and m.brand_names == []  # "Haloperidol" is no brand
    # one boxed warning: the dosing tables mis-coded as boxed warnings inside Dosage and
    # Administration are not warnings
    assert len(m.boxed_warnings) == 1
    assert "death" in m.boxed_warnings[0].text and "dementia" in m.boxed_warnings[0].text
    assert "mg" not in m.boxed_warnings[0].text
    # "0.5 mg to 2 mg b.i.d. or t.i.d." has no single frequency: quoted, never structured
    assert m.how_to_take.doses == []
    quoted = m.label_excerpts["how-to-take"]
    assert quoted.excerpt and "b.i.d. or t.i.d." in quoted.text
    assert m.drug_class.text == "an antipsychotic medicine"
    assert any(i.with_ == "Lithium" for i in m.interactions)
    (pill,) = m.forms[0].pills
    assert (pill.imprint, pill.colors, pill.shape, pill.size_mm, pill.score) == ("MYLAN;327", ["orange"], "round", 9, 2)
    assert "low blood pressure" in m.overdose.signs


@needs_samples
def test_otc_drug_facts():
    m = only([SAMPLES / "cough-syrup-otc.xml"])
    assert m.rx_status == "otc" and m.ingredients == ["diphenhydramine", "phenylephrine"]
    assert m.slug == "diphenhydramine-and-phenylephrine"
    conditions = [u.condition for u in m.uses]
    assert "sneezing" in conditions and "temporarily relieves" not in conditions
    assert m.boxed_warnings == []  # the tamper-evident note is coded "boxed warning" inside another section
    doses = {d.population: d for d in m.how_to_take.doses}
    school = doses["children 6 to under 12 years"]
    assert (school.start.amount, school.start.unit, school.start_frequency) == (10, "mL", "every 4 hours")
    assert doses["children under 4 years"].note == "Do not use" and doses["children under 4 years"].start is None
    assert m.storage.text.startswith("Store at controlled room temperature")
    assert any("child under 4" in c.text for c in m.contraindications)
    assert m.overdose and "Poison Control" in m.overdose.text


@needs_samples
def test_import_into_empty_library_writes_cited_guides(tmp_path):
    db = tmp_path / "library.db"
    summary = run_import("spl", [SAMPLES], db, progress=False)
    assert summary.labels_read == 3 and summary.guides_made == 3 and not summary.skipped
    assert all(g.fk_grade is not None and g.words for g in summary.guides)

    ator = article(db, "atorvastatin")
    sources = {s["id"]: s for s in ator["sources"]}
    for cite in all_citations(ator):
        assert cite in sources
        assert sources[cite]["url"].endswith(f"setid={LIPITOR_SET}")
    uses = section(ator, "uses")
    assert any("Indications and usage" in sources[c]["title"] for b in uses["blocks"] for c in b["citations"])
    table = next(b for b in section(ator, "how-to-take")["blocks"] if b["type"] == "table")
    adults = next(r for r in table["rows"] if r[0] == "Adults")
    assert "10 mg once a day" in adults and "10 to 80 mg a day" in adults and "80 mg a day" in adults
    items = [i for b in section(ator, "side-effects")["blocks"] for i in b.get("items") or []]
    assert any(i.get("frequency") == "6.9 in 100 people; 6.5 in 100 on a dummy medicine (placebo)" for i in items)
    text = json.dumps(section(ator, "who-should-not-take"))
    assert "Active liver disease" in text

    halo = article(db, "haloperidol")
    ids = [s["id"] for s in halo["sections"]]
    first = halo["sections"][ids.index("what-is")]["blocks"][0]  # the boxed warning leads "What is"
    assert ids.index("what-is") <= 1 and first["type"] == "warning"  # after key facts, when there are any
    assert "dementia" in first["text"]
    assert {s["id"]: s for s in halo["sources"]}[first["citations"][0]]["title"].endswith("Boxed warning")

    syrup = article(db, "diphenhydramine-and-phenylephrine")
    assert syrup["rx_status"] == "otc"
    assert "Sneezing." in json.dumps(section(syrup, "uses"))


@needs_samples
def test_dailymed_release_zip_groups_labels_by_ingredient(tmp_path):
    lipitor = (SAMPLES / "lipitor-atorvastatin-rx.xml").read_bytes()
    generic_set = "00000000-0000-4000-8000-00000000a002"
    old_set = "00000000-0000-4000-8000-00000000a003"
    release = dailymed_zip(tmp_path / "dm_spl_release_human_rx_part1.zip", {
        "generic": variant(lipitor, set_id=generic_set, version=3, date="20200101", generic=True),
        "brand": lipitor,
        "older": variant(lipitor, set_id=old_set, version=5, date="20100101"),
        "haloperidol": (SAMPLES / "no-title-rx.xml").read_bytes(),
    })
    monographs = {m.slug: m for m in read_spl([release])}
    assert set(monographs) == {"atorvastatin", "haloperidol"}
    ator = monographs["atorvastatin"]
    # written from the reference product (the NDA brand), though the generic label is newer
    assert ator.uses[0].cite == [f"spl-{LIPITOR_SET}-s34067-9"]
    assert ator.updated.isoformat() == "2014-01-13"
    listed = {s.set_id for s in ator.sources}
    assert {LIPITOR_SET, generic_set, old_set} <= listed
    assert [b.name for b in ator.brand_names] == ["Lipitor"]  # "Atorvastatin Calcium" is no brand


# --- fixtures ----------------------------------------------------------------------------------


def test_fixture_label_doses_and_appearance():
    m = only([BACLOFEN])
    assert m.generic_name == "baclofen" and m.brand_names == []
    (dose,) = m.how_to_take.doses
    assert (dose.start.amount, dose.start.unit, dose.start_frequency) == (5, "mg", "three times a day")
    assert (dose.max.amount, dose.max_per) == (80, "day")
    assert dose.increase == "The label raises the dose by 5 mg at a time, every 3 days."
    (pill,) = m.forms[0].pills
    assert (pill.imprint, pill.colors, pill.shape, pill.labeller) == ("EX;10", ["white"], "round", "Example Generics LLC")
    assert m.contraindications[0].text == "people with allergy to baclofen"
    assert m.updated.isoformat() == "2024-03-15"


def curated_library(db: Path) -> Path:
    """A library holding the shipped, hand-written baclofen guide (its links to other guides
    dropped, so it stands alone)."""
    curated = read_monograph(builtin_dir() / "baclofen.yaml")
    build_library(db, [curated.model_copy(update={"alternatives": [], "comparisons": []})])
    return db


def test_curated_guide_keeps_its_text_and_gains_the_label(tmp_path):
    db = curated_library(tmp_path / "library.db")
    before = {m.slug: m for m in stored_monographs(db)}["baclofen"]
    summary = run_import("spl", [BACLOFEN], db, progress=False)
    assert [(g.slug, g.action) for g in summary.guides] == [("baclofen", "source added to curated")]
    after = {m.slug: m for m in stored_monographs(db)}["baclofen"]
    assert after.origin == "curated" and after.summary == before.summary
    assert after.how_to_take == before.how_to_take
    added = {s.id: s for s in after.sources}["spl-00000000-0000-4000-8000-0000000000a1"]
    assert added.date.isoformat() == "2024-03-15" and added.set_id.endswith("a1")

    summary = run_import("spl", [BACLOFEN], db, replace=True, progress=False)
    assert [(g.slug, g.action) for g in summary.guides] == [("baclofen", "replaced curated")]
    replaced = {m.slug: m for m in stored_monographs(db)}["baclofen"]
    assert replaced.origin == "label"
    assert replaced.misspellings == before.misspellings  # search words still find it
    assert replaced.how_to_take.doses[0].start_frequency == "three times a day"


def test_coded_subsections_count_only_where_they_stand_alone():
    boxed_in_dosing = Section(code=loinc.BOXED_WARNING, parts=["0.5 mg b.i.d."])
    pregnancy_in_contraindications = Section(code=loinc.PREGNANCY, parts=["Do not use when pregnant."])
    pregnancy_in_populations = Section(code=loinc.PREGNANCY, parts=["Category X."])
    found = index_sections([
        Section(code=loinc.BOXED_WARNING, parts=["WARNING"]),
        Section(code=loinc.DOSAGE, children=[boxed_in_dosing]),
        Section(code=loinc.CONTRAINDICATIONS, children=[pregnancy_in_contraindications]),
        Section(code=loinc.SPECIFIC_POPULATIONS, children=[pregnancy_in_populations]),
    ])
    assert [s.parts for s in found[loinc.BOXED_WARNING]] == [["WARNING"]]
    assert found[loinc.PREGNANCY] == [pregnancy_in_populations]


@pytest.mark.parametrize("text, amount, frequency, per_day, either", [
    ("10 or 20 mg once daily", (10, 20, "mg"), "once a day", True, True),
    ("10 to 80 mg once daily", (10, 80, "mg"), "once a day", True, False),
    ("10 mg/day", (10, None, "mg"), None, True, False),
    ("0.5 mg to 2 mg b.i.d. or t.i.d.", (0.5, 2, "mg"), None, False, False),
    ("5 mg three times a day", (5, None, "mg"), "three times a day", False, False),
    ("2 tablets every 4 to 6 hours", (2, None, "tablet"), "every 4 to 6 hours", False, False),
])
def test_amounts_are_read_only_when_plain(text, amount, frequency, per_day, either):
    read = read_amount(text)
    assert (read.amount.amount, read.amount.amount_high, read.amount.unit) == amount
    assert (read.frequency, read.per_day, read.either) == (frequency, per_day, either)


def test_no_amount_no_reading():
    assert read_amount("as directed by a doctor") is None
    assert read_amount("0 mg once daily") is None  # not a dose
    # ranges this reading would cut short, or whose ends are in different units
    assert read_amount("0.05 mg/kg/day to 0.15 mg/kg/day") is None
    assert read_amount("0.5 mg to 2 g daily") is None


@pytest.mark.parametrize("title, some", [
    ("Heterozygous Familial Hypercholesterolemia in Pediatric Patients (10–17 years of age)", False),
    ("Hyperlipidemia and Mixed Dyslipidemia", False),
    ("Dosage in Patients With Renal Impairment", True),
    ("Dosage in Patients Taking Cyclosporine, Clarithromycin, Itraconazole", True),
    ("Dose Adjustment in Asian Patients", True),
    ("Switching from Other Treatments", True),
])
def test_subsectionsabout_some_patients_give_no_usual_dose(title, some):
    assert about_some_patients(title) is some


def test_import_reports_progress_to_the_cli_bar(tmp_path):
    """The library reports each stage's counts; the CLI's rich bar shows them."""
    events: list[ImportProgress] = []
    run_import("spl", [BACLOFEN], tmp_path / "lib.db", progress=events.append)
    reading = [e for e in events if e.stage == "reading"]
    writing = [e for e in events if e.stage == "writing"]
    assert reading and [e.done for e in reading] == sorted(e.done for e in reading)
    assert reading[-1].done == reading[-1].total
    assert writing and writing[-1].done == writing[-1].total >= 1

    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=120, color_system=None)
    with ImportBar("spl", console=console) as bar:
        bar.update(ImportProgress("reading", 4, 10, skipped=1))
        bar.update(ImportProgress("reading", 10, 10, skipped=2))
        bar.update(ImportProgress("writing", 3, 3))
    shown = out.getvalue()
    assert "spl: reading labels" in shown and "10/10" in shown and "2 skipped" in shown
    assert "spl: writing guides" in shown and "3/3" in shown


# --- bad inputs: clear message, library untouched ------------------------------------------------


def _truncated_zip(tmp_path: Path) -> Path:
    good = dailymed_zip(tmp_path / "whole.zip", {"baclofen": BACLOFEN.read_bytes()})
    data = good.read_bytes()
    cut = tmp_path / "truncated.zip"
    cut.write_bytes(data[: len(data) // 2])
    return cut


def _corrupt_member_zip(tmp_path: Path) -> Path:
    path = tmp_path / "corrupt.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("label.xml", BACLOFEN.read_bytes())
    data = bytearray(path.read_bytes())
    start = data.index(b"label.xml") + len(b"label.xml") + 10  # inside the compressed data
    data[start:start + 20] = bytes(20)
    path.write_bytes(bytes(data))
    return path


def _empty_zip(tmp_path: Path) -> Path:
    path = tmp_path / "images-only.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("picture.jpg", b"jpg")
    return path


BAD = {
    "invalid XML": (lambda tmp: FIXTURES / "bad" / "invalid-xml.xml", r"invalid-xml\.xml:\d+: invalid XML"),
    "not an SPL document": (lambda tmp: FIXTURES / "bad" / "not-spl.xml", r"not-spl\.xml: not an SPL document"),
    "no set id": (lambda tmp: FIXTURES / "bad" / "no-set-id.xml", r"no-set-id\.xml: the label has no set id"),
    "no uses": (lambda tmp: FIXTURES / "bad" / "no-indications.xml", r"no-indications\.xml: the label states no use"),
    "truncated zip": (_truncated_zip, r"truncated\.zip: not a readable zip archive"),
    "corrupt zip member": (_corrupt_member_zip, r"corrupt\.zip \[label\.xml\]: corrupt or truncated zip member"),
    "zip without labels": (_empty_zip, r"images-only\.zip: the zip archive holds no SPL"),
    "missing file": (lambda tmp: tmp / "nowhere.xml", r"nowhere\.xml: no such file"),
}


@pytest.fixture
def existing_library(tmp_path) -> Path:
    db = tmp_path / "library.db"
    run_import("spl", [BACLOFEN], db, progress=False)
    return db


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_fails_clearly_and_leaves_the_library(case, tmp_path, existing_library):
    make, message = BAD[case]
    bad = make(tmp_path)
    before = file_state(existing_library)
    with pytest.raises(HealthlibError) as caught:
        run_import("spl", [bad], existing_library, progress=False)
    assert re.search(message, str(caught.value)), str(caught.value)
    assert "\n" not in str(caught.value)
    assert file_state(existing_library) == before


@pytest.mark.parametrize("case", list(BAD))
def test_skip_bad_reports_and_imports_the_rest(case, tmp_path):
    make, message = BAD[case]
    bad = make(tmp_path)
    db = tmp_path / "skip.db"
    summary = run_import("spl", [bad, BACLOFEN], db, skip_bad=True, progress=False)
    assert [g.slug for g in summary.guides] == ["baclofen"]
    assert len(summary.skipped) == 1
    skipped = summary.skipped[0]
    assert re.search(message, f"{skipped.where}: {skipped.reason}"), skipped
    assert "Skipped: 1" in summary.as_text()


def test_nothing_importable_is_an_error(tmp_path):
    db = tmp_path / "none.db"
    with pytest.raises(HealthlibError, match="no label could be imported"):
        run_import("spl", [FIXTURES / "bad" / "not-spl.xml"], db, skip_bad=True, progress=False)
    assert not db.exists()


def test_other_document_types_are_skipped_not_errors(tmp_path):
    doc = BACLOFEN.read_text().replace('code="34391-3"', 'code="60685-8"', 1).replace(
        "HUMAN PRESCRIPTION DRUG LABEL", "INDEXING - PHARMACOLOGIC CLASS", 1)
    (tmp_path / "indexing.xml").write_text(doc)
    items = list(iter_labels([tmp_path / "indexing.xml"]))
    assert isinstance(items[0], NotADrugLabel) and "INDEXING" in items[0].message
    summary = run_import("spl", [tmp_path / "indexing.xml", BACLOFEN], tmp_path / "lib.db", progress=False)
    assert summary.labels_read == 1 and len(summary.skipped) == 1


def test_label_monograph_names_the_record_on_failure():
    label = next(iter_labels([BACLOFEN]))
    label.sections.pop(loinc.INDICATIONS)
    with pytest.raises(HealthlibError, match=r"baclofen-tablets-rx\.xml: the label states no use"):
        label_monograph(label, "baclofen")


# --- Plain language: facts read shorter, numbers and meaning kept ------------------------------


def _context() -> Context:
    label = Label(fmt="spl", where="test.xml", set_id="set", version="1", effective=None,
                  rx_status="prescription", manufacturer=None, products=[], ingredients=["testamine"],
                  sections={})
    return Context(label, Cites(label), "Testamine", {})


@pytest.mark.parametrize("raw", [
    "Stop the medicine (see WARNINGS).",
    "Stop the medicine [see Warnings and Precautions (5.1)].",
    "Stop the medicine (5.2).",
    "Stop the medicine (5.1, 8.5).",
])
def test_cross_references_are_dropped_from_facts(raw):
    assert _context().say(raw) == "Stop the medicine."


@pytest.mark.parametrize("raw, said", [
    ("Give 2 mg b.i.d. with food.", "Give 2 mg twice a day with food."),
    ("Give 2 mg t.i.d. or q.d.", "Give 2 mg three times a day or once a day."),
    ("Avoid strong inhibitors (e.g., clarithromycin).", "Avoid strong inhibitors (for example, clarithromycin)."),
    ("Use the lowest dose, i.e., 5 mg.", "Use the lowest dose, that is, 5 mg."),
    ("Report muscle pain and/or weakness.", "Report muscle pain or weakness."),
    ("Seen in the 80 mg group vs. placebo.", "Seen in the 80 mg group compared with dummy pill (placebo)."),
])
def test_latin_and_clinical_shorthand_is_written_out(raw, said):
    assert _context().say(raw) == said


@pytest.mark.parametrize("raw, said", [
    # a semicolon between two full clauses, with its linking word made redundant
    ("Kidney disease does not affect the blood levels of the medicine; thus, dosage adjustment in "
     "patients with kidney problems is not necessary.",
     "Kidney disease does not affect the blood levels of the medicine. Dose change in people with "
     "kidney problems is not needed."),
    # ", and" / ", but" before a clause with its own verb
    ("Hardening of the arteries is a long-term process, and stopping the medicine during pregnancy "
     "should have little effect.",
     "Hardening of the arteries is a long-term process. Stopping the medicine during pregnancy "
     "should have little effect."),
    ("It is not known whether it passes into milk, but a small amount of a similar drug does pass "
     "into milk.",
     "It is not known whether it passes into milk. But a small amount of a similar drug does pass "
     "into milk."),
    # the reason first, then what follows from it
    ("Since older age (≥65 years) is a risk factor for muscle damage, the medicine should be "
     "prescribed with care.",
     "Older age (≥65 years) is a risk factor for muscle damage. So the medicine should be "
     "prescribed with care."),
])
def test_long_sentences_are_split_where_safe(raw, said):
    assert _context().say(raw) == said


@pytest.mark.parametrize("text", [
    # one subject, two verbs: not two clauses
    "Reduce raised total cholesterol, LDL cholesterol, and triglyceride levels, and increase HDL "
    "cholesterol in adults with high blood fats.",
    # a list inside brackets
    "Tell your doctor about other medicines (for example, clarithromycin, itraconazole, and any HIV "
    "medicine you may take).",
    # ", but" followed by a phrase, not a clause
    "Reduce the risk of heart attack and stroke in people without heart disease, but with several "
    "risk factors.",
    # items after a colon
    "Dose range: 10 to 80 mg once daily; pediatric starting dose: 10 mg once daily.",
])
def test_sentences_that_are_not_two_clauses_stay_whole(text):
    assert shorter_sentences(text) == text


def _numbers(text: str) -> list[str]:
    return re.findall(r"\d+(?:\.\d+)?", text)


@needs_samples
def test_shorter_sentences_keep_every_number_and_word_of_real_labels():
    """Every sentence of the three real labels, split: same numbers in the same order, and no word
    lost but the linking words a split replaces."""
    linking = {"thus", "therefore", "hence", "consequently", "however", "since", "because", "and", "but", "so",
               "this", "is", "it"}
    checked = 0
    for label in iter_labels(sorted(SAMPLES.glob("*.xml"))):
        for sections in label.sections.values():
            for s in (t for section in sections for t in section.texts()):
                for original in sentences(plain(clean(s))):
                    split = shorter_sentences(original)
                    assert _numbers(split) == _numbers(original), original
                    words = Counter(w.lower() for w in re.findall(r"[\w’']+", original))
                    kept = Counter(w.lower() for w in re.findall(r"[\w’']+", split))
                    assert not {w for w in words - kept if w not in linking}, original
                    checked += split != original
    assert checked >= 10  # the real labels do have sentences worth splitting


def test_table_cell_naming_several_medicines_gives_one_interaction_each():
    cell = ("Clarithromycin, itraconazole, HIV protease inhibitors (saquinavir plus ritonavir, "
            "darunavir plus ritonavir)")
    assert split_agents(cell) == ["Clarithromycin", "itraconazole",
                                  "HIV protease inhibitors (saquinavir plus ritonavir, darunavir plus ritonavir)"]
    assert split_agents("HIV protease inhibitor (nelfinavir) Hepatitis C protease inhibitor (boceprevir)") == [
        "HIV protease inhibitor (nelfinavir)", "Hepatitis C protease inhibitor (boceprevir)"]
    # a phrase is not a list of names
    assert split_agents("Use with fibrate products or niacin, which raises the risk of muscle problems") == [
        "Use with fibrate products or niacin, which raises the risk of muscle problems"]


@needs_samples
def test_split_interactions_keep_their_limit_and_severity():
    m = read_spl([SAMPLES / "lipitor-atorvastatin-rx.xml"])[0]
    by_name = {i.with_: i for i in m.interactions}
    for name, limit in [("Clarithromycin", "20 mg"), ("itraconazole", "20 mg"),
                        ("HIV protease inhibitor (nelfinavir)", "40 mg")]:
        assert limit in by_name[name].text and by_name[name].severity == "major"
    assert by_name["Cyclosporine"].text == "Avoid atorvastatin"
    # everyday words ("permanent" for "irreversible") must not soften a warning
    halo = read_spl([SAMPLES / "no-title-rx.xml"])[0]
    assert halo.interactions[0].severity == "major" and "permanent" in halo.interactions[0].text


def _our_text_grade(article) -> float:
    """Readability of what healthlib wrote: every block but the quoted label excerpts."""
    parts = [b.text for s in article.sections for b in s.blocks if b.text and b.type != "excerpt"]
    parts += [sentence(i.text) for s in article.sections for b in s.blocks for i in b.items or []]
    parts += [f.answer for f in article.faq]
    return readability("\n".join(parts)).fk_grade


@needs_samples
@pytest.mark.parametrize("sample, guide_at_most, ours_at_most", [
    ("lipitor-atorvastatin-rx.xml", 8.0, 8.0),  # was 11.1, then 8.8 / 8.9
    ("cough-syrup-otc.xml", 7.0, 7.0),  # was 7.7
    # haloperidol quotes about 860 words of the label verbatim (boxed warning, dosing, side
    # effects) at grade 14: the guide as a whole cannot go much lower than that allows.
    ("no-title-rx.xml", 11.5, 8.0),  # was 12.6 (our text 11.1), then 12.0 (9.6)
])
def test_imported_guides_read_plainer(sample, guide_at_most, ours_at_most):
    article = compose_article(read_spl([SAMPLES / sample])[0])
    assert article.readability.fk_grade <= guide_at_most
    assert _our_text_grade(article) <= ours_at_most
    # no cross-reference or Latin shorthand is left in what we wrote
    ours = " ".join(b.text or "" for s in article.sections for b in s.blocks if b.type != "excerpt")
    ours += " " + " ".join(i.text for s in article.sections for b in s.blocks for i in b.items or [])
    assert not re.search(r"\((?:see [^)]*|\d+(?:\.\d+)*(?:,\s*\d+(?:\.\d+)*)*)\)|\[see |"
                         r"\b(?:e\.g|i\.e|b\.i\.d|t\.i\.d|q\.d)\.", ours), ours


@needs_samples
def test_quoted_excerpts_stay_verbatim():
    m = read_spl([SAMPLES / "no-title-rx.xml"])[0]
    dosing = m.label_excerpts["how-to-take"].text
    assert "0.5 mg to 2 mg b.i.d. or t.i.d." in dosing  # the label's own shorthand, untouched
    assert "(see WARNINGS)" in m.label_excerpts["what-is"].text
