"""The pill finder: appearance read from SPL product data, stored at build time, and found however
the imprint is typed; the /pills page (no JavaScript), the JSON API and the CLI."""

from __future__ import annotations

import io
import json
import re
import sqlite3
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from healthlib.library.build import build_library, stored_monographs
from healthlib.library.imports import run_import
from healthlib.library.pills import (
    WARNING,
    PillSearch,
    color_names,
    find_pills,
    imprint_parts,
    shape_names,
)
from healthlib.library.query import Library
from healthlib.readers.curated import builtin_dir, read_monograph
from healthlib.readers.spl import read_spl
from healthlib.surfaces.cli import main as cli_main
from healthlib.surfaces.web.app import create_app

from .conftest import TestClient

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "labels" / "spl"
SILDENAFIL = FIXTURES / "sildenafil-tablets-pills-rx.xml"  # EXL;50 blue diamond, EXL;100 gray round
BACLOFEN = FIXTURES / "baclofen-tablets-rx.xml"  # EX;10 white round
SET_ID = "00000000-0000-4000-8000-0000000000c2"


@pytest.fixture(scope="module")
def imported_db(tmp_path_factory) -> Path:
    """The labels imported as new guides (no curated guide for them in this library)."""
    db = tmp_path_factory.mktemp("pills") / "imported.db"
    run_import("spl", [SILDENAFIL, BACLOFEN], db)
    return db


@pytest.fixture(scope="module")
def lib(imported_db) -> Library:
    return Library(imported_db)


@pytest.fixture(scope="module")
def curated_db(tmp_path_factory) -> Path:
    """The shipped, hand-written sildenafil guide, then the label imported beside it."""
    db = tmp_path_factory.mktemp("pills") / "curated.db"
    curated = read_monograph(builtin_dir() / "sildenafil.yaml")
    build_library(db, [curated.model_copy(update={"alternatives": [], "comparisons": []})])
    run_import("spl", [SILDENAFIL], db)
    return db


@pytest.fixture(scope="module")
def client(imported_db):
    with TestClient(create_app(imported_db), follow_redirects=False) as c:
        yield c


def first(lib: Library, **asked) -> tuple[str, str | None, str]:
    found = find_pills(lib, **asked)
    assert found.results, asked
    top = found.results[0]
    return top.imprint or "", top.strength, top.match


# --- reading SPL product data ------------------------------------------------------------------

def test_reader_reads_each_products_appearance():
    (m,) = read_spl([SILDENAFIL])
    (form,) = m.forms
    fifty, hundred = form.pills
    assert (fifty.imprint, fifty.colors, fifty.shape, fifty.size_mm, fifty.score) == ("EXL;50", ["blue"], "diamond", 11, 1)
    assert (fifty.strength, fifty.form, fifty.labeller, fifty.ndc, fifty.set_id) == (
        "50 mg", "film-coated tablet", "Example Pharma Inc", "99999-0050", SET_ID)
    assert (hundred.imprint, hundred.colors, hundred.shape, hundred.size_mm, hundred.score) == (
        "EXL;100", ["gray"], "round", 13, 2)
    assert fifty.cite == form.cite == [f"spl-{SET_ID}-s48780-1"]


def test_imported_guide_shows_imprint_colour_and_shape_in_its_forms(imported_db):
    conn = sqlite3.connect(imported_db)
    article = json.loads(conn.execute("SELECT json FROM articles WHERE slug = 'sildenafil'").fetchone()[0])
    conn.close()
    what_is = next(s for s in article["sections"] if s["id"] == "what-is")
    (forms,) = [b for b in what_is["blocks"] if b["type"] == "list"]
    text = forms["items"][0]["text"]
    assert "50 mg: imprint EXL 50, blue, diamond, 11 mm." in text
    assert "100 mg: imprint EXL 100, gray, round, 13 mm, with a line to break it in half." in text


# --- imprint typed in every way ----------------------------------------------------------------

@pytest.mark.parametrize("typed", ["EXL;50", "EXL 50", "EXL50"], ids=["as-on-label", "space", "no-space"])
def test_imprint_spacing(lib, typed):
    assert first(lib, imprint=typed) == ("EXL;50", "50 mg", "exact")


@pytest.mark.parametrize("typed", ["exl 50", "Exl50", "eXl;50"])
def test_imprint_case(lib, typed):
    assert first(lib, imprint=typed) == ("EXL;50", "50 mg", "exact")


@pytest.mark.parametrize("typed", ["50 EXL", "50exl", "50;EXL"])
def test_imprint_part_order(lib, typed):
    assert first(lib, imprint=typed) == ("EXL;50", "50 mg", "any order")


@pytest.mark.parametrize("typed", ["EXL-50", "EXL/50", "EXL.50", "EXL, 50", " EXL ; 50 ", "“EXL 50”"])
def test_imprint_separators_and_punctuation(lib, typed):
    assert first(lib, imprint=typed) == ("EXL;50", "50 mg", "exact")


def test_imprint_prefix_finds_every_strength_in_order(lib):
    found = find_pills(lib, imprint="exl")
    assert [(p.imprint, p.match) for p in found.results] == [("EXL;50", "starts with"), ("EXL;100", "starts with")]
    assert first(lib, imprint="EXL 1") == ("EXL;100", "100 mg", "starts with")


def test_imprint_one_side_or_some_parts(lib):
    assert first(lib, imprint="100") == ("EXL;100", "100 mg", "parts")
    assert [p.imprint for p in find_pills(lib, imprint="10").results] == ["EX;10", "EXL;100"]  # exact before parts


def test_exact_match_comes_before_looser_ones(lib):
    found = find_pills(lib, imprint="EX 10")
    assert [(p.title, p.imprint, p.match) for p in found.results] == [("Baclofen", "EX;10", "exact")]
    assert find_pills(lib, imprint="EX").results[0].imprint == "EX;10"  # "EX10" < "EXL..." by key


def test_imprint_normalising():
    assert imprint_parts("vgr50") == ["VGR", "50"] == imprint_parts("VGR;50") == imprint_parts("vgr - 50")
    assert imprint_parts("PD;155;10") == ["PD", "155", "10"]


# --- colour and shape --------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["grey", "gray", "Grey", "light grey", "greyish"])
def test_colour_synonyms(lib, typed):
    found = find_pills(lib, imprint="EXL", color=typed)
    assert [p.imprint for p in found.results] == ["EXL;100"]


def test_colour_filters_out_the_wrong_colour(lib):
    assert find_pills(lib, imprint="EXL 50", color="grey").results == []
    assert [p.imprint for p in find_pills(lib, color="blue").results] == ["EXL;50"]


@pytest.mark.parametrize("typed, expected", [("diamond", ["EXL;50"]), ("round", ["EXL;100"]),
                                             ("circle", ["EXL;100"]), ("Round shaped", ["EXL;100"])])
def test_shape_filter(lib, typed, expected):
    assert [p.imprint for p in find_pills(lib, imprint="exl", shape=typed).results] == expected


def test_colour_and_shape_without_imprint(lib):
    found = find_pills(lib, color="white", shape="round")
    assert [(p.title, p.match) for p in found.results] == [("Baclofen", "colour or shape")]


def test_colour_and_shape_words():
    assert color_names("light blue and white") == [("blue",), ("white",)]
    assert color_names("sparkly") is None
    assert shape_names("elliptical") == ("oval",) and shape_names("semi circle") == ("semi-circle",)
    assert shape_names("star") is None


# --- no match, bad words -----------------------------------------------------------------------

def test_no_match_is_empty_with_the_warning(lib):
    found = find_pills(lib, imprint="ZZZ 999")
    assert found.results == [] and found.count == 0 and found.warning == WARNING
    assert found.notes == []


def test_unknown_colour_is_explained_not_guessed(lib):
    found = find_pills(lib, imprint="EXL 50", color="sparkly")
    assert found.results == [] and "not a colour" in found.notes[0] and found.warning == WARNING


def test_empty_search_finds_nothing_and_still_warns(lib):
    found = find_pills(lib)
    assert found.results == [] and found.notes == [] and found.warning == WARNING


def test_builtin_library_finds_curated_appearance_facts(library):
    """The built-in library (no labels imported): the curated atorvastatin guide carries the
    Lipitor label's product data, cited to that label."""
    found = find_pills(library, imprint="155 pd")
    (top,) = found.results
    assert (top.slug, top.name, top.strength, top.imprint, top.match) == (
        "atorvastatin", "Lipitor", "10 mg", "PD;155;10", "parts")
    assert top.citations == ["dailymed-lipitor-2014"] and top.source_url.endswith(
        "setid=c6e131fe-e7df-4876-83f7-9156fc4e8228")
    assert find_pills(library, imprint="EXL 50").results == [] and found.warning == WARNING


# --- curated guides gain the label's pills -----------------------------------------------------

def test_curated_guide_gains_label_pills_without_changing_its_text(curated_db):
    (m,) = stored_monographs(curated_db)
    assert m.origin == "curated"
    pills = [p for f in m.forms for p in f.pills]
    assert [p.imprint for p in pills] == ["EXL;50", "EXL;100"]
    assert all(p.cite == [f"spl-{SET_ID}"] for p in pills)  # the label, listed as a source
    assert f"spl-{SET_ID}" in {s.id for s in m.sources}
    lib = Library(curated_db)
    assert first(lib, imprint="50 exl")[:2] == ("EXL;50", "50 mg")
    assert "EXL" not in (lib.article_json("sildenafil") or "")  # the hand-written text stays as it was


def test_importing_again_does_not_duplicate_pills(curated_db, tmp_path):
    db = tmp_path / "again.db"
    db.write_bytes(curated_db.read_bytes())
    run_import("spl", [SILDENAFIL], db)
    (m,) = stored_monographs(db)
    assert [p.imprint for f in m.forms for p in f.pills] == ["EXL;50", "EXL;100"]


# --- web page (no JavaScript) and API ----------------------------------------------------------

def page_text(html: str) -> str:
    main = html[html.index("<main"):html.index("</main>")]
    return " ".join(re.sub(r"<[^>]+>", " ", main).replace("&#39;", "'").split())


def test_empty_page_shows_the_form_and_the_warning(client):
    r = client.get("/pills")
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    text = page_text(r.text)
    assert text.startswith("Pill finder Don't take a pill you can't identify for sure — ask a pharmacist.")
    assert '<form class="pill-form" action="/pills" method="get">' in r.text
    assert 'name="imprint"' in r.text and 'name="color"' in r.text and 'name="shape"' in r.text
    assert "h-pill-results" not in r.text  # no results part before a search


def test_page_finds_a_pill_without_javascript(client):
    r = client.get("/pills", params={"imprint": "50 exl", "color": "blue", "shape": "diamond"})
    text = page_text(r.text)
    assert "Don't take a pill you can't identify for sure — ask a pharmacist." in text
    assert "1 pill matches" in text
    assert "Sildenafil 50 mg Imprint EXL 50, blue, diamond, 11 mm" in text
    assert "film-coated tablet" in text and "Example Pharma Inc" in text and "99999-0050" in text
    assert '<a href="/drugs/sildenafil">Sildenafil</a>' in r.text
    assert f"https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid={SET_ID}" in r.text
    assert '<option value="blue" selected>' in r.text and 'value="50 exl"' in r.text  # the form keeps the search
    assert "<script>" not in r.text and "style=" not in r.text


def test_page_with_no_match_keeps_the_warning(client):
    text = page_text(client.get("/pills", params={"imprint": "ZZZ 999"}).text)
    assert "No pill matches" in text
    assert text.index("Don't take a pill you can't identify for sure") < text.index("No pill matches")


def test_page_escapes_what_was_typed(client):
    r = client.get("/pills", params={"imprint": "<b>x</b>", "color": "<i>"})
    assert "<b>x</b>" not in r.text and "<i>" not in r.text.split("<main", 1)[1]


def test_api_is_typed_and_carries_the_warning(client):
    r = client.get("/api/v1/pills", params={"imprint": "exl;100", "color": "grey"})
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    found = PillSearch.model_validate_json(r.content)
    assert found.warning == WARNING and found.count == 1
    (p,) = found.results
    assert (p.slug, p.url, p.strength, p.imprint, p.colors, p.shape, p.score, p.match) == (
        "sildenafil", "/drugs/sildenafil", "100 mg", "EXL;100", ["gray"], "round", 2, "exact")
    assert p.citations == [f"spl-{SET_ID}-s48780-1"] and p.set_id == SET_ID
    assert client.get("/api/v1/pills", params={"imprint": "nothing"}).json()["warning"] == WARNING
    assert client.get("/api/v1/pills", params={"limit": 0}).status_code == 422
    assert client.get("/api/v1/pills", params={"imprint": "x" * 501}).status_code == 422


def test_api_limit(client):
    assert len(client.get("/api/v1/pills", params={"imprint": "exl", "limit": 1}).json()["results"]) == 1


def test_nav_links_to_the_pill_finder(client):
    assert '<a href="/pills">Pill finder</a>' in client.get("/ask").text


# --- CLI ---------------------------------------------------------------------------------------

def run_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli_main(list(args))
    return code, out.getvalue(), err.getvalue()


def test_cli_pills(imported_db):
    code, out, _ = run_cli("pills", "--imprint", "50 EXL", "--db", str(imported_db))
    assert code == 0 and out.splitlines()[0] == WARNING
    assert "Sildenafil 50 mg (film-coated tablet): imprint EXL 50, blue, diamond" in out
    code, out, _ = run_cli("pills", "--imprint", "exl", "--colour", "grey", "--json", "--db", str(imported_db))
    assert code == 0 and [p["imprint"] for p in json.loads(out)["results"]] == ["EXL;100"]
    code, out, _ = run_cli("pills", "--imprint", "ZZZ", "--db", str(imported_db))
    assert code == 1 and "No pill" in out


def test_cli_pills_mistakes_are_one_line(imported_db):
    code, _, err = run_cli("pills", "--color", "sparkly", "--db", str(imported_db))
    assert code == 2 and len(err.strip().splitlines()) == 1 and "--color" in err
    code, _, err = run_cli("pills", "--db", str(imported_db))
    assert code == 2 and "--imprint" in err


# --- every label's pills, not only the one the guide is written from ---------------------------

def test_every_labels_pills_are_found_but_the_guide_describes_its_own(tmp_path):
    other = tmp_path / "other-maker.xml"
    other.write_text(SILDENAFIL.read_text().replace("0000000000c2", "0000000000c3")
                     .replace("Example Pharma Inc", "Other Generics LLC").replace("EXL;", "OG;")
                     .replace('<effectiveTime value="20250110"/>', '<effectiveTime value="20240101"/>'))
    db = tmp_path / "library.db"
    run_import("spl", [SILDENAFIL, other], db)
    lib = Library(db)
    (found,) = find_pills(lib, imprint="og 100").results
    assert (found.slug, found.strength, found.labeller) == ("sildenafil", "100 mg", "Other Generics LLC")
    assert found.citations == ["spl-00000000-0000-4000-8000-0000000000c3"]  # the other label, a source
    assert find_pills(lib, imprint="EXL 100").results[0].labeller == "Example Pharma Inc"
    guide = lib.article_json("sildenafil") or ""
    assert "imprint EXL 50" in guide and "OG" not in guide  # written from the newest label only


SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples" / "spl"


@pytest.mark.skipif(not (SAMPLES / "lipitor-atorvastatin-rx.xml").exists(),
                    reason=f"real DailyMed labels not found at {SAMPLES} (CI copies shared/ next to the repo)")
def test_real_lipitor_label_replaces_the_curated_copy_of_its_pills(tmp_path):
    db = tmp_path / "library.db"
    curated = read_monograph(builtin_dir() / "atorvastatin.yaml")
    build_library(db, [curated.model_copy(update={"alternatives": [], "comparisons": []})])
    run_import("spl", [SAMPLES / "lipitor-atorvastatin-rx.xml"], db)
    (m,) = stored_monographs(db)
    pills = [p for f in m.forms for p in f.pills]
    assert [p.imprint for p in pills] == ["PD;155;10", "PD;156;20", "PD;157;40", "PD;158;80"]  # not twice
    assert {tuple(p.cite) for p in pills} == {("spl-c6e131fe-e7df-4876-83f7-9156fc4e8228",)}
    (top,) = find_pills(Library(db), imprint="PD 158 80", color="white", shape="elliptical").results
    assert (top.strength, top.size_mm, top.ndc) == ("80 mg", 19, "0071-0158")
