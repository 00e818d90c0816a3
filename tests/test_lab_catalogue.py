"""The lab-test catalogue: loading, one-line errors, name matching and exact unit conversions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from healthlib.compose.readability import readability
from healthlib.library.lab_check import check_lab_catalogue
from healthlib.model.errors import HealthlibError
from healthlib.model.lab_units import convert_units, normalise_unit, scale_between
from healthlib.model.labtest import loinc_check_digit
from healthlib.readers.curated import builtin_paths as monograph_paths
from healthlib.readers.labs import builtin_catalogue, catalogue_problems, load_catalogue

REQUIRED = [
    "glucose", "urea", "creatinine", "egfr", "sodium", "potassium", "chloride", "bicarbonate",
    "calcium", "albumin", "total-protein", "bilirubin", "alp", "alt", "ast", "haemoglobin",
    "haematocrit", "wbc", "neutrophils", "lymphocytes", "monocytes", "eosinophils", "basophils",
    "platelets", "rbc", "mcv", "mch", "mchc", "rdw", "total-cholesterol", "ldl", "hdl",
    "non-hdl", "triglycerides", "hba1c", "tsh", "free-t4", "free-t3", "ferritin", "iron",
    "transferrin-saturation", "tibc", "vitamin-b12", "folate", "vitamin-d", "crp", "esr", "inr",
    "prothrombin-time", "magnesium", "phosphate", "uric-acid", "psa", "urine-acr",
    "urine-nitrite", "urine-leukocytes", "urine-protein", "urine-glucose", "urine-blood",
    "urine-ketones", "ck", "troponin", "bnp", "nt-probnp", "ggt",
]

MINIMAL = """\
id: {id}
name: Test thing
names: [Test thing, TT]
panel: Test panel
specimen: blood
unit: mmol/L
measures: {{text: It measures a thing., cite: [src]}}
sources:
  - {{id: src, title: A source, publisher: Someone}}
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# --- loading ---------------------------------------------------------------------------------


def test_builtin_catalogue_loads_every_required_test():
    catalogue = load_catalogue()
    assert len(catalogue) >= 60
    missing = [t for t in REQUIRED if catalogue.get(t) is None]
    assert missing == []


def test_builtin_catalogue_is_read_once():
    assert builtin_catalogue() is builtin_catalogue()


def test_every_entry_cites_known_sources_and_reads_at_grade_8():
    monographs = {p.stem for p in monograph_paths()}
    for test in builtin_catalogue():
        assert set(test.related_guides) <= monographs, test.id
        texts = [f.text for f in (test.measures, test.high, test.low, test.range_note) if f]
        texts += [f.text for f in test.affected_by] + [c.text for c in test.critical]
        assert readability(" ".join(texts)).fk_grade <= 8.0, test.id
        # never advice about a dose, never a diagnosis
        for text in texts + test.ask_doctor:
            low = text.lower()
            assert "dose" not in low and "stop taking" not in low, text
            assert not re.search(r"(?<!if )(?<!when )you have ", low), text  # "if you have…" is fine


def test_source_urls_use_known_address_forms_only():
    allowed = ("https://medlineplus.gov/lab-tests/", "https://www.nhs.uk/conditions/",
               "https://www.nhs.uk/medicines/", "https://www.nhs.uk/tests-and-treatments/",
               "https://ods.od.nih.gov/factsheets/",
               "https://dailymed.nlm.nih.gov/dailymed/search.cfm?labeltype=all&query=")
    for test in builtin_catalogue():
        for source in test.sources:
            assert source.url is None or source.url.startswith(allowed), source.url


def test_loinc_check_digit_catches_a_typo(tmp_path):
    assert loinc_check_digit("2823") == 3  # potassium
    assert loinc_check_digit("718") == 7  # haemoglobin
    path = write(tmp_path, "thing", MINIMAL.format(id="thing") + "loinc: 2823-4\n")
    with pytest.raises(HealthlibError) as err:
        load_catalogue([path])
    assert "check digit" in str(err.value) and "loinc" in str(err.value)


def test_bad_yaml_gives_one_line_with_file_line_and_field(tmp_path):
    text = MINIMAL.format(id="thing").replace("specimen: blood", "specimen: blood\ncolour: red")
    path = write(tmp_path, "thing", text)
    with pytest.raises(HealthlibError) as err:
        load_catalogue([path])
    message = str(err.value)
    assert message == f"{path}:6: colour: unknown field"


def test_malformed_yaml_names_the_line(tmp_path):
    path = write(tmp_path, "thing", MINIMAL.format(id="thing") + "names: [oops\n")
    with pytest.raises(HealthlibError) as err:
        load_catalogue([path])
    assert str(err.value).startswith(f"{path}:") and "malformed YAML" in str(err.value)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize(("extra", "field", "words"), [
    ("typical_range: {low: 1, high: 2, unit: mg/dL, cite: [src]}\n", "typical_range",
     "not one of the test's units"),
    ("high: {text: Too much of it., cite: [nowhere]}\n", None, "unknown source 'nowhere'"),
    ("typical_range: {low: 3, high: 5, cite: [src]}\ncritical:\n  - {when: below, value: 4, act: today, text: Too low now., cite: [src]}\n",
     None, "critical low 4.0 is above the range's low end 3.0"),
])
def test_entry_problems_are_named(tmp_path, extra, field, words):
    path = write(tmp_path, "thing", MINIMAL.format(id="thing") + extra)
    with pytest.raises(HealthlibError) as err:
        load_catalogue([path])
    assert words in str(err.value)
    assert str(err.value).startswith(str(path))


def test_id_must_match_file_name(tmp_path):
    path = write(tmp_path, "thing", MINIMAL.format(id="other"))
    with pytest.raises(HealthlibError) as err:
        load_catalogue([path])
    assert str(err.value) == f"{path}:1: id: id 'other' does not match the file name 'thing'"


def test_a_printed_name_claimed_by_two_tests_is_a_problem(tmp_path):
    one = write(tmp_path, "one", MINIMAL.format(id="one"))
    two = write(tmp_path, "two", MINIMAL.format(id="two").replace("[Test thing, TT]", "[Other, tt]"))
    tests, problems = catalogue_problems([one, two])
    assert len(tests) == 2
    assert [str(p) for p in problems] == [
        f"{two}:2: name: printed name 'Test thing' is also a name of test 'one'",
        f"{two}:3: names[1]: printed name 'tt' is also a name of test 'one'",
    ]


def test_check_reports_catalogue_problems_in_one_line_each(tmp_path):
    text = MINIMAL.format(id="thing") + "related_guides: [warfarin, no-such-guide]\n"
    text += "high: {text: " + "Extraordinarily complicated physiological interpretations necessitate consultation. " * 3 + ", cite: [src]}\n"
    path = write(tmp_path, "thing", text)
    count, problems = check_lab_catalogue([path])
    assert count == 1
    assert problems[0] == f"{path}:10: related_guides[1]: related guide 'no-such-guide' is not in the library"
    assert problems[1].startswith(f"{path}:7: readability: Flesch-Kincaid grade ")
    assert len(problems) == 2 and all("\n" not in p for p in problems)


def test_full_check_includes_the_catalogue():
    count, problems = check_lab_catalogue()
    assert problems == []
    assert count == len(builtin_catalogue())


# --- matching --------------------------------------------------------------------------------


@pytest.mark.parametrize(("printed", "test_id"), [
    ("Potassium, Serum", "potassium"), ("K+", "potassium"), ("K", "potassium"),
    ("Serum potassium", "potassium"), ("POTASSIUM", "potassium"),
    ("Haemoglobin", "haemoglobin"), ("Hemoglobin", "haemoglobin"), ("HGB", "haemoglobin"),
    ("Hb", "haemoglobin"), ("Glucose, Fasting", "glucose"), ("Blood glucose", "glucose"),
    ("INR", "inr"), ("Sodium", "sodium"), ("Na", "sodium"),
    ("Free T4", "free-t4"), ("T4, Free", "free-t4"), ("FT4", "free-t4"),
    ("Free T3", "free-t3"), ("Haematocrit", "haematocrit"), ("Hematocrit", "haematocrit"),
    ("eGFR (CKD-EPI)", "egfr"), ("Bilirubin, Total", "bilirubin"), ("Protein, Total", "total-protein"),
    ("Cholesterol, Total", "total-cholesterol"), ("LDL Cholesterol Calc", "ldl"),
    ("Urea Nitrogen (BUN)", "urea"), ("BUN", "urea"), ("Leucocytes (urine)", "urine-leukocytes"),
    ("Hemoglobin A1c", "hba1c"), ("HbA1c", "hba1c"), ("Vitamin D, 25-Hydroxy", "vitamin-d"),
    ("Neutrophils %", "neutrophils"), ("Platelet count", "platelets"), ("PLT", "platelets"),
    ("UREA NITROGEN (BUN)", "urea"), ("CARBON DIOXIDE", "bicarbonate"), ("T3, FREE", "free-t3"),
    ("VITAMIN D,25-OH,TOTAL,IA", "vitamin-d"), ("IRON BINDING CAPACITY", "tibc"),
    ("Serum ALT level", "alt"), ("Mean cell haemoglobin", "mch"), ("Serum urate", "uric-acid"),
    ("Urine albumin:creatinine ratio", "urine-acr"), ("Glucose, Urine", "urine-glucose"),
    ("Creatine Kinase, Total", "ck"), ("International normalised ratio", "inr"),
    ("BUN/Creatinine Ratio", "bun-creatinine-ratio"), ("Albumin/Globulin Ratio", "ag-ratio"),
    ("GLOBULIN", "globulin"), ("Anion Gap", "anion-gap"), ("MPV", "mpv"),
    ("Specific Gravity", "urine-specific-gravity"), ("pH (urine)", "urine-ph"),
    # bilingual reports: a translation beside the name, with or without the slash
    ("Glucosa / Glucose", "glucose"), ("Potasio Potassium", "potassium"), ("Sodio / Sodium", "sodium"),
    ("Plaquetas / Platelets", "platelets"), ("Leucocitos / White blood cells", "wbc"),
])
def test_match_names_as_printed(printed, test_id):
    test = builtin_catalogue().match(printed)
    assert test is not None and test.id == test_id


@pytest.mark.parametrize(("printed", "test_id"), [
    ("Potasium", "potassium"), ("Hemoglobn", "haemoglobin"), ("Cholestrol, Total", "total-cholesterol"),
])
def test_match_forgives_a_spelling_slip(printed, test_id):
    test = builtin_catalogue().match(printed)
    assert test is not None and test.id == test_id


@pytest.mark.parametrize("printed", [
    "T3", "Free T5", "Zinc", "Vitamin B6", "Lead", "Hepatitis B surface antigen", "ALP isoenzymes",
    "Thyroglobulin", "", "Total T4", "Bilirubin (urine)", "Free PSA",
    "Calcium, ionized", "Direct bilirubin", "% Saturation", "RBC, Urine", "WBC, Urine",
    "Chol/HDLC Ratio", "pH", "Urobilinogen", "Patient name", "Date of birth",
    # two tests, or a test beside a word that says which kind: never one of them
    "Trig/HDL", "Albumin/Creatinine", "Calcium Ionized", "Plaquetas Potassium",
])
def test_no_wrong_match(printed):
    assert builtin_catalogue().match(printed) is None


def test_free_t4_never_becomes_free_t3_by_fuzz():
    catalogue = builtin_catalogue()
    assert catalogue.match("Free T4").id == "free-t4"
    assert catalogue.match("Free T3").id == "free-t3"
    assert catalogue.match("Thyroxin, free").id == "free-t4"  # a slip in a long word
    assert catalogue.match("Free T5") is None
    for slip, allowed in (("Fre T4", "free-t4"), ("Frees T3", "free-t3"), ("Free T 4", "free-t4"),
                          ("Freee T4", "free-t4"), ("Free T3", "free-t3")):
        test = catalogue.match(slip)
        assert test is None or test.id == allowed


# --- units and conversions -------------------------------------------------------------------


@pytest.mark.parametrize(("a", "b"), [
    ("mmol/l", "mmol/L"), ("umol/L", "µmol/L"), ("μmol/L", "micromol/L"), ("x10E3/uL", "10^9/L"),
    ("K/uL", "10^9/L"), ("x10^9/L", "10*9/L"), ("g/dl", "g/dL"), ("mcg/dL", "ug/dL"),
    ("mL/min/1.73m2", "mL/min/1.73 m²"), ("x10^12/L", "M/uL"), ("mIU/L", "uIU/mL"),
])
def test_unit_spellings_meet(a, b):
    assert normalise_unit(a) == normalise_unit(b)


def test_convert_units_without_a_test():
    assert convert_units(13.5, "g/dL", "g/L") == 135
    assert convert_units(7500, "cells/uL", "K/uL") == pytest.approx(7.5)
    assert convert_units(5.0, "mmol/L", "mg/dL") is None  # needs the test's factor


def test_scale_between_is_exact_and_refuses_other_kinds():
    assert scale_between("g/dL", "g/L") == 10
    assert scale_between("ng/mL", "ng/L") == pytest.approx(1000)
    assert scale_between("cells/uL", "10^9/L") == pytest.approx(0.001)
    assert scale_between("mg/dL", "mmol/L") is None
    assert scale_between("%", "10^9/L") is None


@pytest.mark.parametrize(("test_id", "value", "from_unit", "to_unit", "expected"), [
    ("glucose", 90.08, "mg/dL", "mmol/L", 5.0),
    ("glucose", 5.0, "mmol/L", "mg/dL", 90.08),
    ("creatinine", 88.42, "µmol/L", "mg/dL", 1.0),
    ("creatinine", 1.0, "mg/dL", "umol/L", 88.42),
    ("haemoglobin", 13.5, "g/dL", "g/L", 135.0),
    ("total-cholesterol", 193.35, "mg/dL", "mmol/L", 5.0),
    ("triglycerides", 177.14, "mg/dL", "mmol/L", 2.0),
    ("calcium", 10.02, "mg/dL", "mmol/L", 2.5),
    ("urea", 14.007, "mg/dL", "mmol/L", 5.0),
    ("vitamin-d", 20, "ng/mL", "nmol/L", 49.92),
    ("vitamin-b12", 400, "pg/mL", "pmol/L", 295.12),
    ("vitamin-b12", 400, "ng/L", "pmol/L", 295.12),
    ("potassium", 4.2, "mEq/L", "mmol/L", 4.2),
    ("platelets", 250, "K/uL", "x10^9/L", 250),
    ("wbc", 7500, "cells/uL", "10^9/L", 7.5),
    ("hba1c", 6.5, "%", "mmol/mol", 47.54),
    ("hba1c", 48, "mmol/mol", "%", 6.54),
    ("troponin", 0.04, "ng/mL", "ng/L", 40),
    ("magnesium", 2.0, "mEq/L", "mmol/L", 1.0),
])
def test_conversions_are_exact(test_id, value, from_unit, to_unit, expected):
    catalogue = builtin_catalogue()
    assert catalogue.convert(test_id, value, from_unit, to_unit) == pytest.approx(expected, abs=0.01)


def test_no_conversion_is_guessed():
    catalogue = builtin_catalogue()
    assert catalogue.convert("neutrophils", 60, "%", "10^9/L") is None  # a share is not a count
    assert catalogue.convert("potassium", 4.0, "mg/dL", "mmol/L") is None  # not a unit it uses
    assert catalogue.convert("glucose", 5.0, None, "mg/dL") is None  # a missing unit is not assumed
    assert catalogue.convert("no-such-test", 1.0, "mmol/L", "mmol/L") is None


def test_healthlib_check_exits_2_on_a_bad_catalogue_entry(tmp_path, monkeypatch, capsys):
    from healthlib.readers.labs import catalogue as catalogue_module
    from healthlib.surfaces.cli import main

    bad = write(tmp_path, "thing", MINIMAL.format(id="thing").replace("unit: mmol/L", "unit: mmol/L\nunits:\n  - {unit: mg/dL, multiply: 1, divide: 2}"))
    monkeypatch.setattr(catalogue_module, "builtin_dir", lambda: tmp_path)
    assert main(["check"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"healthlib: {bad}:8: units[0]: give either multiply or divide, not both"]
