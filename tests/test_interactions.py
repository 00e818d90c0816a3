"""The interaction checker: structured targets, checking a list, and its CLI, API and page."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from healthlib.library.build import build_builtin
from healthlib.library.check import check_monographs
from healthlib.library.interactions import check_medicines, interaction_index
from healthlib.library.query import Library
from healthlib.model.collection import class_problems
from healthlib.model.errors import HealthlibError
from healthlib.model.interaction import DrugClass, InteractionReport
from healthlib.readers.curated import builtin_dir, read_builtin, read_monograph
from healthlib.readers.drug_classes import read_drug_classes
from healthlib.readers.label.interactions import label_targets
from healthlib.surfaces.cli import main

SAFE_WORDS = re.compile(r"\bsafe(ly|r|st|ty)?\b", re.I)


def finding(report: InteractionReport, kind: str, *slugs: str):
    found = [f for f in report.findings if f.kind == kind and set(slugs) <= set(f.medicines)]
    assert found, f"no {kind} finding for {slugs}: {[f.title for f in report.findings]}"
    return found[0]


# -- structured targets --------------------------------------------------------------------------

def test_every_shipped_target_names_a_guide_class_or_substance():
    report = check_monographs()
    assert report.ok, report.problems[:5]
    targets = [t for m in read_builtin() for i in m.interactions for t in i.targets]
    assert len(targets) > 800  # most facts carry targets; vague ones keep their words only
    warfarin = next(m for m in read_builtin() if m.slug == "warfarin")
    assert "class:nsaids" in warfarin.interactions[0].targets


def test_check_rejects_unknown_target_with_file_and_field(tmp_path):
    text = (builtin_dir() / "warfarin.yaml").read_text()
    bad = tmp_path / "warfarin.yaml"
    bad.write_text(text.replace("targets: [substance:vitamin-k-foods]", "targets: [class:blood-magic]")
                   .replace("targets: [substance:grapefruit]", "targets: [drug:amiodarone]")
                   .replace("targets: [substance:alcohol]", "targets: [substance:moonshine]"))
    report = check_monographs([bad])
    problems = "\n".join(report.problems)
    assert f"{bad}: interactions[5].targets[0]: 'blood-magic' is not a drug class" in problems
    assert f"{bad}: interactions[6].targets[0]: 'amiodarone' is not in the library" in problems
    assert f"{bad}: interactions[7].targets[0]: 'moonshine' is not a known substance" in problems


def test_malformed_target_names_line_and_field(tmp_path):
    bad = tmp_path / "warfarin.yaml"
    bad.write_text((builtin_dir() / "warfarin.yaml").read_text()
                   .replace("targets: [substance:alcohol]", "targets: [alcohol]"))
    with pytest.raises(HealthlibError) as err:
        read_monograph(bad)
    assert err.value.field == "interactions[7].targets" and err.value.line
    assert "drug:<slug>, class:<id> or substance:<id>" in str(err.value)


def test_class_without_members_or_with_unknown_member_is_a_problem(tmp_path):
    classes = {"nsaids": DrugClass(id="nsaids", name="NSAIDs", members=["ibuprofen", "ketorolac"]),
               "maois": DrugClass(id="maois", name="MAOIs", members=[])}
    problems = class_problems(classes, {"ibuprofen"})
    assert ("nsaids", "members[1]", "'ketorolac' is not in the library") in problems
    assert ("maois", "members", "a class needs at least one member") in problems
    bad = tmp_path / "drug-classes.yaml"
    bad.write_text("nsaids:\n  name: NSAIDs\n  members: [ibuprofen]\n  colour: red\n")
    with pytest.raises(HealthlibError) as err:
        read_drug_classes(bad)
    assert str(bad) in str(err.value) and "nsaids.colour" in str(err.value)


def test_label_phrases_map_to_targets_only_on_an_exact_match():
    assert label_targets("Nonsteroidal Anti-inflammatory Drugs (NSAIDs)") == ["class:nsaids"]
    assert label_targets("Selective Serotonin Reuptake Inhibitors (SSRIs)") == ["class:ssris"]
    assert label_targets("Alcohol") == ["substance:alcohol"]
    assert label_targets("Grapefruit juice") == ["substance:grapefruit"]
    assert label_targets("Strong CYP3A4 inhibitors") == []
    assert label_targets("drugs that affect platelet function such as NSAIDs") == []


# -- checking a list -----------------------------------------------------------------------------

def test_class_expansion_works_both_ways(library):
    # warfarin's guide names "NSAID pain relievers" but not meloxicam; meloxicam's names warfarin
    for names in (["warfarin", "meloxicam"], ["meloxicam", "warfarin"]):
        pair = finding(check_medicines(library, names), "pair", "warfarin", "meloxicam")
        by_guide = {n.guide: n for n in pair.notes}
        assert set(by_guide) == {"warfarin", "meloxicam"}
        assert "meloxicam" not in by_guide["warfarin"].with_words.lower()
        assert "NSAID" in by_guide["warfarin"].with_words
        assert pair.severity == "serious"


def test_a_class_warning_reaches_every_member_and_no_other(library):
    report = check_medicines(library, ["sertraline", "escitalopram", "warfarin", "tramadol"])
    sertraline_tramadol = finding(report, "pair", "sertraline", "tramadol")
    assert any(n.guide == "tramadol" and "antidepressants" in n.with_words for n in sertraline_tramadol.notes)
    warfarin_escitalopram = finding(report, "pair", "warfarin", "escitalopram")
    assert any(n.guide == "warfarin" and "SSRI" in n.with_words for n in warfarin_escitalopram.notes)


def test_one_finding_per_pair_with_the_stronger_severity(library):
    report = check_medicines(library, ["amlodipine", "simvastatin"])
    pairs = [f for f in report.findings if f.kind == "pair"]
    assert len(pairs) == 1
    severities = {n.guide: n.severity for n in pairs[0].notes}
    assert severities == {"amlodipine": "moderate", "simvastatin": "serious"}
    assert pairs[0].severity == "serious"
    assert all(s.title and s.publisher for n in pairs[0].notes for s in n.sources)
    assert {n.link for n in pairs[0].notes} == {"/drugs/amlodipine#interactions", "/drugs/simvastatin#interactions"}


def test_same_ingredient_in_two_products(library):
    report = check_medicines(library, ["Tylenol", "Norco"])
    dup = finding(report, "same-ingredient", "acetaminophen", "hydrocodone-acetaminophen")
    assert dup.severity == "serious" and "acetaminophen" in dup.title
    assert "Do not take both" in dup.what_to_do
    assert {n.guide for n in dup.notes} == {"acetaminophen", "hydrocodone-acetaminophen"}
    assert report.findings[0].severity == "serious"
    assert not [f for f in report.findings if f.kind == "pair"]  # merged into the one finding


def test_same_class_twice_and_same_medicine_twice(library):
    report = check_medicines(library, ["ibuprofen", "Aleve", "Advil"])
    two = finding(report, "same-class", "ibuprofen", "naproxen")
    assert "NSAIDs" in two.title and "ask your doctor or pharmacist" in two.what_to_do.lower()
    same = finding(report, "same-medicine", "ibuprofen")
    assert "ibuprofen" in same.title and "Advil" in same.title
    two_ssris = check_medicines(library, ["sertraline", "fluoxetine"])
    assert "SSRI" in finding(two_ssris, "same-class", "sertraline", "fluoxetine").title


def test_alcohol_and_food_findings_for_each_medicine(library):
    report = check_medicines(library, ["warfarin", "simvastatin"])
    alcohol = {f.medicines[0] for f in report.findings if f.kind == "alcohol"}
    assert alcohol == {"warfarin", "simvastatin"}
    food = [f for f in report.findings if f.kind == "food"]
    assert any("grapefruit" in f.title for f in food if f.medicines == ["simvastatin"])
    assert any("vitamin K" in f.title for f in food if f.medicines == ["warfarin"])


def test_a_substance_can_be_listed_by_name(library):
    report = check_medicines(library, ["ciprofloxacin", "milk"])
    assert report.names[1].status == "substance" and report.names[1].substance == "dairy-calcium"
    assert any(f.kind in ("food", "substance") and "milk" in f.title.lower() for f in report.findings)


def test_smoking_is_not_nicotine_replacement(library):
    """The estrogen labels warn about cigarette smoking (clots, stroke), not nicotine patches or gum."""
    smoking = check_medicines(library, ["estradiol", "cigarettes"])
    assert smoking.names[1].substance == "tobacco-smoking"
    assert finding(smoking, "substance", "estradiol").severity == "serious"
    for patch in (["estradiol", "nicotine patch"], ["medroxyprogesterone", "nicotine gum"]):
        report = check_medicines(library, patch)
        assert report.names[1].slug == "nicotine-replacement"
        assert not any("smok" in f.title.lower() for f in report.findings), [f.title for f in report.findings]
    estradiol_facts = interaction_index(library).facts["estradiol"]
    assert not any("nicotine" in f.substances for f in estradiol_facts)
    assert label_targets("Cigarette smoking") == ["substance:tobacco-smoking"]
    assert label_targets("Nicotine") == ["substance:nicotine"]


def test_serious_first(library):
    report = check_medicines(library, ["warfarin", "ibuprofen", "simvastatin", "amlodipine", "sertraline"])
    ranks = [{"serious": 0, "moderate": 1, "minor": 2}[f.severity] for f in report.findings]
    assert ranks == sorted(ranks) and ranks[0] == 0


def test_unknown_names_are_reported_not_guessed(library):
    report = check_medicines(library, ["warfarin", "ibuprofen", "qwertyzz", "amiodarone", "clarithromycin"])
    status = {n.typed: n for n in report.names}
    assert status["qwertyzz"].status == "not-in-library"
    assert status["amiodarone"].status == "not-in-library" and "warfarin" in status["amiodarone"].note
    # a real medicine the library lacks is never turned into a guide by spelling (azithromycin)
    assert status["clarithromycin"].status == "not-in-library" and status["clarithromycin"].slug is None
    mentioned = finding(report, "mentioned", "warfarin")
    assert "amiodarone" in mentioned.title and mentioned.notes[0].guide == "warfarin"
    with pytest.raises(HealthlibError, match="at least 2"):
        check_medicines(library, ["warfarin", "qwertyzz"])
    with pytest.raises(HealthlibError, match="at most 20"):
        check_medicines(library, ["warfarin"] * 21)


def test_brands_and_misspellings(library):
    report = check_medicines(library, ["Coumadin", "advil", "warfrin", "ibuprofin"])
    assert [n.slug for n in report.names] == ["warfarin", "ibuprofen", "warfarin", "ibuprofen"]
    assert finding(report, "pair", "warfarin", "ibuprofen").severity == "serious"


def test_never_says_safe(library):
    quiet = check_medicines(library, ["cholecalciferol", "fluticasone"])
    assert quiet.findings == [] and quiet.pairs_without_findings == [["Cholecalciferol", "Fluticasone"]]
    assert "no interactions" in quiet.summary and "pharmacist" in quiet.summary
    assert not SAFE_WORDS.search(quiet.model_dump_json())
    busy = check_medicines(library, ["warfarin", "ibuprofen", "Tylenol", "Norco", "sertraline", "tramadol",
                                     "loratadine", "alcohol", "amiodarone"])
    ours = [busy.summary, busy.notice] + [x for f in busy.findings for x in (f.title, f.what_to_do, f.reason or "")]
    assert not [t for t in ours if SAFE_WORDS.search(t)]


def test_index_is_built_once_per_library_file(tmp_path):
    db = tmp_path / "library.db"
    build_builtin(db)
    lib = Library(db)
    first = interaction_index(lib)
    assert interaction_index(lib) is first
    other = tmp_path / "other.db"
    shutil.copy(db, other)
    other.replace(db)  # a rebuild swaps in a new file
    assert interaction_index(lib) is not first


# -- surfaces --------------------------------------------------------------------------------------

def test_cli_text_and_json(built_library, capsys):
    assert main(["interactions", "warfarin", "advil", "zzzqqq", "--db", str(built_library)]) == 0
    out = capsys.readouterr().out
    assert "[SERIOUS] Warfarin + ibuprofen" in out and "zzzqqq (not in this library)" in out
    assert main(["interactions", "warfarin", "advil", "--json", "--db", str(built_library)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["findings"][0]["severity"] == "serious"
    assert main(["interactions", "warfarin", "zzzqqq", "--db", str(built_library)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "at least 2" in err and "zzzqqq" in err


def test_api(web_client):
    r = web_client.get("/api/v1/interactions", params=[("m", "warfarin"), ("m", "Advil")])
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    body = r.json()
    assert body["names"][1]["slug"] == "ibuprofen"
    assert body["findings"][0]["notes"][0]["sources"][0]["title"]
    assert web_client.get("/api/v1/interactions", params=[("m", "warfarin")]).status_code == 422
    assert web_client.get("/api/v1/interactions", params=[("m", "a")] * 21).status_code == 422
    r = web_client.get("/api/v1/interactions", params=[("m", "warfarin"), ("m", "zzzqqq")])
    assert r.status_code == 400 and "zzzqqq" in r.json()["detail"]
    schema = web_client.get("/openapi.json").json()
    assert "InteractionReport" in json.dumps(schema["paths"]["/api/v1/interactions"])


def test_page_without_javascript(web_client):
    page = web_client.get("/interactions")
    assert page.status_code == 200 and 'action="/interactions" method="get"' in page.text
    assert "<script>" not in page.text and "interactions.js" in page.text
    r = web_client.get("/interactions", params=[("m", "warfarin"), ("m", "ibuprofen"), ("m", "")])
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    html = r.text
    assert '<input type="hidden" name="m" value="warfarin">' in html
    assert 'href="/interactions?m=ibuprofen"' in html and 'href="/interactions?m=warfarin"' in html  # remove links
    assert "badge-serious" in html and "Warfarin + ibuprofen" in html
    assert 'href="/drugs/warfarin#interactions"' in html
    one = web_client.get("/interactions", params=[("m", "warfarin")])
    assert "Add at least one more medicine" in one.text
    unknown = web_client.get("/interactions", params=[("m", "warfarin"), ("m", "zzzqqq")])
    assert unknown.status_code == 200 and "at least 2" in unknown.text


def test_every_guide_links_to_the_checker(web_client, library):
    for slug in [g.slug for g in library.guides()][:128:16]:
        assert f'href="/interactions?m={slug}"' in web_client.get(f"/drugs/{slug}").text



def test_well_known_pairs_are_found_and_serious_ones_shown_serious(library):
    from healthlib.library.interactions_eval import evaluate

    results = evaluate(library)
    assert len(results) >= 70
    serious = [r for r in results if r.want_serious]
    assert all(r.shown_serious for r in serious), [(r.a, r.b) for r in serious if not r.shown_serious]
    missed = [(r.a, r.b) for r in results if not (r.found and r.cited)]
    assert missed == [("alprazolam", "fluconazole")]  # no label fact we could cite; see README


SAMPLE_SPL = Path(__file__).resolve().parents[2] / "shared" / "samples" / "spl"


@pytest.mark.skipif(not (SAMPLE_SPL / "no-title-rx.xml").exists(), reason="../shared/samples not present")
def test_imported_label_interactions_link_to_library_medicines(tmp_path):
    """The haloperidol label's "Lithium" row names a library guide exactly, so the check finds it."""
    from healthlib.library.imports import run_import

    db = tmp_path / "library.db"
    build_builtin(db)
    run_import("spl", [SAMPLE_SPL / "no-title-rx.xml"], db, progress=False)
    report = check_medicines(Library(db), ["haloperidol", "lithium"])
    pair = finding(report, "pair", "haloperidol", "lithium")
    assert any(n.guide == "haloperidol" and n.with_words == "Lithium" for n in pair.notes)
    assert any(n.guide == "lithium" and "haloperidol" in n.with_words for n in pair.notes)  # both ways
    assert all(s.title for n in pair.notes for s in n.sources)


def test_what_to_do_follows_the_facts_words(library):
    spaced = finding(check_medicines(library, ["ciprofloxacin", "ferrous sulfate"]), "pair", "ciprofloxacin")
    assert spaced.what_to_do.startswith("Space the doses")
    avoid = finding(check_medicines(library, ["sildenafil", "Imdur"]), "pair", "sildenafil")
    assert avoid.severity == "serious" and avoid.what_to_do.startswith("Do not take these together")
    ask = finding(check_medicines(library, ["topiramate", "metformin"]), "pair", "topiramate")
    assert ask.severity == "moderate" and ask.what_to_do == "Ask your doctor or pharmacist before you take these together."


def test_our_own_wording_reads_at_grade_8_or_lower(library):
    from healthlib.compose.readability import readability

    report = check_medicines(library, ["warfarin", "ibuprofen", "naproxen", "Tylenol", "Norco", "ciprofloxacin",
                                       "ferrous sulfate", "alcohol", "amiodarone", "cholecalciferol", "fluticasone"])
    ours = {report.notice, report.summary} | {f.what_to_do for f in report.findings} | {
        f.reason for f in report.findings if f.reason}
    grades = {t: readability(t).fk_grade for t in ours}
    assert all(g <= 8 for g in grades.values()), grades


def test_one_medicine_typed_twice(library):
    same = check_medicines(library, ["Tylenol", "acetaminophen"])
    assert finding(same, "same-medicine", "acetaminophen").severity == "serious"
    with pytest.raises(HealthlibError, match="2 different medicines"):
        check_medicines(library, ["warfarin", "Warfarin"])
