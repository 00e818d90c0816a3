"""Explaining a lab report: status against the report's own range first, flags, the catalogue's
range only as a fallback, critical values first and urgent, plain words with sources."""

from __future__ import annotations

import pytest

from healthlib.compose.lab_explain import DISCLAIMER, _unit_from_report_range, explain_report
from healthlib.compose.readability import readability
from healthlib.model.lab_report import ReadReport, ReportLine
from healthlib.readers.labs import builtin_catalogue


def line(name: str, value: float | str, unit: str | None = None, low: float | None = None,
         high: float | None = None, range_text: str | None = None,
         flag: str | None = None) -> ReportLine:
    number = value if isinstance(value, float | int) else None
    return ReportLine(printed_name=name, value=number, value_text=str(value), unit=unit,
                      range_low=low, range_high=high, range_text=range_text, flag=flag)


def explain(*lines: ReportLine, **kwargs):
    return explain_report(ReadReport(lines=list(lines)), builtin_catalogue(), **kwargs)


def only(*lines: ReportLine, **kwargs):
    answer = explain(*lines, **kwargs)
    assert len(answer.results) == 1
    return answer.results[0]


# --- status ----------------------------------------------------------------------------------


def test_status_against_the_reports_own_range():
    result = only(line("Sodium", 133, "mmol/L", 135, 145, "135-145"))
    assert result.status == "low" and result.range_from == "report"
    assert result.range == "135-145 mmol/L"
    assert "a little below the report's range" in result.explanation
    assert "well below" in only(line("Sodium", 131, "mmol/L", 135, 145)).explanation


def test_report_range_wins_over_the_catalogue():
    # 105 mg/dL is above the catalogue's fasting range (70-99) but inside this report's range
    result = only(line("Glucose", 105, "mg/dL", 70, 110, "70-110"))
    assert result.status == "normal" and result.range_from == "report"
    assert "inside the report's range" in result.explanation


def test_catalogue_range_used_only_when_the_report_gives_none_and_converted_to_its_unit():
    result = only(line("Glucose", 6.4, "mmol/L"))
    assert result.status == "high" and result.range_from == "catalogue"
    assert result.range.startswith("3.89 to 5.5 mmol/L")  # 70-99 mg/dL, converted exactly
    assert "typical adult range from our catalogue" in result.explanation
    assert "mp-glucose" in result.citations


def test_a_fasting_range_is_not_used_for_a_random_glucose():
    assert only(line("Glucose, Fasting", 130, "mg/dL")).status == "high"
    result = only(line("Random glucose", 130, "mg/dL"))
    assert result.status == "unknown" and result.range_from == "none"
    assert only(line("Glucose, 2 hr post", 130, "mg/dL")).status == "unknown"


def test_a_range_printed_the_wrong_way_round_is_not_used():
    result = only(line("Sodium", 150, "mmol/L", 145, 135, "145-135"))
    assert result.range_from == "catalogue" and result.status == "high"


def test_one_sided_report_range():
    result = only(line("Total cholesterol", 240, "mg/dL", None, 200, "<200"))
    assert result.status == "high" and "a little above" in result.explanation  # 20% over
    result = only(line("eGFR", 48, "mL/min/1.73m2", 60, None, "> OR = 60"))
    assert result.status == "low" and "a little below" in result.explanation
    result = only(line("eGFR", 25, "mL/min/1.73m2", 60, None, "> OR = 60"))
    assert result.status == "low" and "well below" in result.explanation


@pytest.mark.parametrize(("value", "words"), [(5.3, "a little above"), (5.6, "well above"),
                                              (3.3, "a little below"), (3.0, "well below")])
def test_how_far_outside_follows_the_quarter_of_the_range_rule(value, words):
    # range 3.5-5.1: width 1.6, a quarter is 0.4
    result = only(line("Potassium", value, "mmol/L", 3.5, 5.1, "3.5-5.1"))
    assert words in result.explanation


@pytest.mark.parametrize(("value", "words"), [(130, "a little below"), (100, "well below"),
                                              (500, "a little above")])
def test_a_wide_range_is_also_judged_against_the_limit_crossed(value, words):
    # range 150-450: a quarter of the width is 75, a fifth of 150 is 30
    result = only(line("Platelets", value, "x10^9/L", 150, 450, "150-450"))
    assert words in result.explanation


@pytest.mark.parametrize(("flag", "status"), [("H", "high"), ("L", "low"), ("HH", "critical-high"),
                                              ("LL", "critical-low"), ("N", "normal")])
def test_flags_only(flag, status):
    result = only(line("WBC", 7.0, "x10^9/L", flag=flag))
    assert result.status == status and result.range_from == "none"
    if status.startswith("critical"):
        assert result.urgent_message and "critical" in result.urgent_message


def test_a_flag_without_a_direction_is_not_guessed():
    result = only(line("Haemoglobin", 11.0, "g/dL", flag="A"))
    assert result.status == "unknown" and "cannot tell" in result.explanation


@pytest.mark.parametrize(("value", "flag", "status"), [("Trace", "A", "high"), ("Positive", "*", "high"),
                                                       ("Trace", None, "unknown"), ("Negative", None, "normal")])
def test_a_word_result_the_report_marks_abnormal_against_its_own_expected_word(value, flag, status):
    # "UXPR" is a short name the catalogue does not know: the report's own word and flag decide
    result = only(line("UXPR", value, range_text="Negative", flag=flag))
    assert result.status == status


def test_no_range_no_flag_and_no_catalogue_range_is_unknown_with_the_reason():
    result = only(line("Haemoglobin", 13.0, "g/dL"))
    assert result.status == "unknown"
    assert "different for men and women" in result.explanation


# --- critical values -------------------------------------------------------------------------


def test_critical_potassium_is_urgent_and_first():
    answer = explain(line("Sodium", 140, "mmol/L", 135, 145),
                     line("Creatinine", 1.4, "mg/dL", 0.6, 1.2, flag="H"),
                     line("Potassium, Serum", 6.5, "mmol/L", 3.5, 5.1, "3.5-5.1", "H"))
    assert answer.urgent
    first = answer.results[0]
    assert first.test == "potassium" and first.status == "critical-high"
    assert "Should the test be done again?" in first.ask_doctor
    assert first.urgent_message.startswith("Get medical help now.")
    assert "critical-lists" in first.citations
    assert answer.urgent_message.startswith("Potassium 6.5 mmol/L: Get medical help now.")
    assert [r.status for r in answer.results] == ["critical-high", "high", "normal"]


def test_potassium_6_is_same_day_not_emergency():
    result = only(line("K", 6.1, "mmol/L", 3.5, 5.1))
    assert result.status == "critical-high"
    assert result.urgent_message.startswith("Contact your doctor or the lab today")


def test_critical_value_in_another_unit_is_converted():
    result = only(line("Potassium", 6.6, "mEq/L"))
    assert result.status == "critical-high" and result.urgent_message.startswith("Get medical help now.")


def test_inr_5_5_is_urgent_with_warfarin_related():
    answer = explain(line("INR", 5.5), library_slugs={"warfarin", "metformin"})
    result = answer.results[0]
    assert answer.urgent and result.status == "critical-high"
    assert "warfarin" in result.urgent_message
    assert result.related_guides == ["warfarin"]


def test_glucose_50_mg_dl_is_critical_low():
    result = only(line("Glucose", 50, "mg/dL", 70, 99, "70-99", "L"))
    assert result.status == "critical-low" and result.urgent_message.startswith("Get medical help now.")


@pytest.mark.parametrize("name", ["Glucosa / Glucose", "Glucosa Glucose", "Glucose / Glucosa"])
def test_a_bilingual_name_is_matched_so_its_critical_value_is_urgent(name):
    answer = explain(line(name, 38, "mg/dL", 70, 99, "70 - 99"))
    assert answer.urgent and answer.results[0].status == "critical-low"


def test_glucose_in_mmol_per_litre_below_3_is_critical_low():
    assert only(line("Glucose", 2.8, "mmol/L", 3.9, 5.5)).status == "critical-low"
    assert only(line("Glucose", 3.2, "mmol/L", 3.9, 5.5)).status == "low"


def test_troponin_above_the_labs_limit_is_urgent():
    result = only(line("hs-Troponin I", 48, "ng/L", None, 34, "<34"))
    assert result.status == "critical-high"
    assert "chest pain" in result.urgent_message


def test_normal_panel_is_not_urgent():
    answer = explain(
        line("Sodium", 139, "mmol/L", 135, 145, "135-145"),
        line("Potassium", 4.2, "mmol/L", 3.5, 5.1, "3.5-5.1"),
        line("Glucose", 88, "mg/dL", 70, 99, "70-99"),
        line("Creatinine", 0.9, "mg/dL", 0.6, 1.2, "0.6-1.2"),
        line("Hemoglobin", 14.1, "g/dL", 12.0, 16.0, "12.0-16.0"),
        line("Platelets", 250, "x10E3/uL", 150, 400, "150-400"),
        line("INR", 1.0, None, 0.8, 1.2, "0.8-1.2"),
    )
    assert not answer.urgent and answer.urgent_message is None
    assert {r.status for r in answer.results} == {"normal"}
    assert all(r.ask_doctor == [] for r in answer.results)
    assert all(r.urgent_message is None for r in answer.results)


def test_a_lost_unit_is_taken_from_the_reports_range_only_for_critical_values():
    # an OCR'd line without its unit: the range 3.5-5.1 can only be mmol/L (or mEq/L, the same)
    result = only(line("Potassium", 6.8, None, 3.5, 5.1, "3.5-5.1"))
    assert result.status == "critical-high" and result.urgent_message.startswith("Get medical help now.")
    result = only(line("Glucose", 45, None, 70, 99, "70-99"))  # mg/dL by its range
    assert result.status == "critical-low"
    result = only(line("Glucose", 2.9, None, 3.9, 5.5, "3.9-5.5"))  # mmol/L by its range
    assert result.status == "critical-low"
    # calcium in mEq/L is told apart from mg/dL and mmol/L by its range
    assert _unit_from_report_range(line("Calcium", 2.5, None, 4.2, 5.2), builtin_catalogue().get("calcium")) == "mEq/L"
    # magnesium's range fits mg/dL and mEq/L alike: no unit is chosen, nothing is assumed
    assert _unit_from_report_range(line("Magnesium", 0.3, None, 1.6, 2.3), builtin_catalogue().get("magnesium")) is None
    # no range, no unit: nothing
    assert only(line("Potassium", 6.8, None)).urgent_message is None


def test_no_critical_check_when_the_unit_cannot_be_converted():
    result = only(line("Potassium", 6.9, "mg/dL"))  # not a potassium unit: nothing assumed
    assert result.status == "unknown" and result.urgent_message is None
    result = only(line("Potassium", 6.9, None))  # no unit at all
    assert result.status == "unknown" and result.urgent_message is None


# --- unknown tests and words -----------------------------------------------------------------


def test_unknown_test_is_unknown_or_judged_by_the_report_alone():
    result = only(line("Zinc", 9.0, "umol/L"))
    assert result.test is None and result.status == "unknown" and result.citations == []
    result = only(line("Zinc", 9.0, "umol/L", 11, 18, "11-18"))
    assert result.test is None and result.status == "low" and result.range_from == "report"


@pytest.mark.parametrize(("name", "value", "test_id", "status"), [
    ("Nitrite", "Positive", "urine-nitrite", "high"),
    ("Nitrite", "Negative", "urine-nitrite", "normal"),
    ("Leukocytes", "Trace", "urine-leukocytes", "high"),
    ("Leukocyte esterase", "NEG", "urine-leukocytes", "normal"),
    ("Protein", "1+", "urine-protein", "high"),
    ("Glucose", "Negative", "urine-glucose", "normal"),
    ("Blood", "Negative", "urine-blood", "normal"),
    ("Ketones", "Small", "urine-ketones", "high"),
])
def test_qualitative_urinalysis(name, value, test_id, status):
    result = only(line(name, value))
    assert result.test == test_id and result.status == status
    assert result.range == "Negative" and result.value is None
    assert result.explanation and result.citations


def test_qualitative_result_uses_the_reports_expected_word():
    result = only(line("Urine glucose", "Normal", range_text="Normal"))
    assert result.status == "normal" and result.range_from == "report"


# --- the answer as a whole -------------------------------------------------------------------


def test_every_citation_is_resolved_and_the_disclaimer_is_there():
    answer = explain(line("Potassium", 6.5, "mmol/L", 3.5, 5.1), line("TSH", 6.2, "mIU/L", 0.4, 4.0),
                     line("Nitrite", "Positive"), line("LDL", 190, "mg/dL", None, 100, "<100"))
    ids = {s.id for s in answer.sources}
    for result in answer.results:
        assert result.citations and set(result.citations) <= ids
    assert answer.disclaimer == DISCLAIMER and "not a diagnosis" in answer.disclaimer
    assert all(s.title and s.publisher for s in answer.sources)


def test_not_read_lines_are_passed_through():
    read = ReadReport(lines=[line("Sodium", 140, "mmol/L", 135, 145)], not_read=["Chl0r1de ?? 1O2"])
    answer = explain_report(read, builtin_catalogue())
    assert answer.not_read == ["Chl0r1de ?? 1O2"]


def test_related_guides_are_limited_to_the_library():
    result = only(line("HbA1c", 7.2, "%", 4.0, 5.6), library_slugs={"metformin", "semaglutide"})
    assert result.related_guides == ["metformin", "semaglutide"]
    result = only(line("HbA1c", 7.2, "%", 4.0, 5.6))
    assert "insulin-glargine" in result.related_guides


def test_explanations_never_advise_a_dose_change_or_diagnose():
    answer = explain(*[line(t.names[0], 1000.0, t.unit, 0.0, 1.0) for t in builtin_catalogue()
                       if t.kind == "quantitative"])
    for result in answer.results:
        text = result.explanation.lower()
        assert "you have " not in text and "stop taking" not in text and "increase your dose" not in text


def _every_result_kind():
    for test in builtin_catalogue():
        if test.kind == "qualitative":
            yield line(test.names[0], test.results.abnormal[0])
            yield line(test.names[0], test.results.normal[0])
            continue
        rng = test.typical_range
        unit = rng.unit if rng and rng.unit else test.unit
        yield line(test.names[0], 10_000.0, unit)  # high (and critical where there is one)
        yield line(test.names[0], 0.001, unit)  # low
        yield line(test.names[0], 5.0, unit, 4.0, 6.0, "4.0-6.0")  # normal
        yield line(test.names[0], 5.0, unit)  # catalogue range or unknown


def test_generated_explanations_read_at_grade_8_or_below():
    answer = explain(*_every_result_kind())
    assert len(answer.results) > 250
    worst = max(answer.results, key=lambda r: readability(r.explanation).fk_grade)
    assert readability(worst.explanation).fk_grade <= 8.0, worst.explanation
    for result in answer.results:
        if result.urgent_message:
            assert readability(result.urgent_message).fk_grade <= 8.0, result.urgent_message
    assert readability(answer.disclaimer).fk_grade <= 8.0


def test_builtin_catalogue_names_potassium_with_its_loinc():
    answer = explain_report(ReadReport(lines=[line("K+", 4.0, "mmol/L", 3.5, 5.1)]), builtin_catalogue())
    assert answer.results[0].test == "potassium" and answer.results[0].display_name == "Potassium"
    assert answer.results[0].loinc == "2823-3"


def test_library_entry_point_limits_guides_to_the_real_library(library):
    from healthlib.library.labs import explain_lab_report

    answer = explain_lab_report(ReadReport(lines=[line("INR", 5.5)]), library)
    result = answer.results[0]
    assert answer.urgent and result.related_guides == ["warfarin"]
    assert all(library.has(slug) for slug in result.related_guides)
    # without a library: the built-in guides
    answer = explain_lab_report(ReadReport(lines=[line("LDL", 190, "mg/dL", None, 100, "<100")]))
    assert "atorvastatin" in answer.results[0].related_guides


def test_loinc_only_for_the_property_the_code_names():
    assert only(line("Glucose", 90, "mg/dL", 70, 99)).loinc == "2345-7"  # mass per volume
    assert only(line("Glucose", 5.0, "mmol/L", 3.9, 5.5)).loinc is None  # moles: another code
    assert only(line("Potassium", 4.0, "mEq/L", 3.5, 5.1)).loinc == "2823-3"
    assert only(line("WBC", 6.0, "K/uL", 4.5, 11)).loinc == "6690-2"  # a count: any unit


def test_the_answer_asks_the_reader_to_check_what_was_read_against_the_report():
    """OCR and unfamiliar report designs can misread: every answer says to compare with the paper."""
    assert "check each number, unit and range here against your report" in DISCLAIMER


def test_a_star_beside_one_letter_is_high_or_low_and_a_doubled_letter_is_critical():
    assert only(line("Magnesium", 2.7, "mg/dL", flag="H*")).status == "high"  # no range printed
    assert not explain(line("Magnesium", 2.7, "mg/dL", flag="H*")).urgent
    assert only(line("Sodium", 118, "mmol/L", flag="LL*")).status == "critical-low"


def test_a_bang_on_a_result_in_words_is_abnormal():
    result = only(line("Urine protein", "Trace", range_text="Negative", flag="!"))
    assert result.status != "unknown"


def test_a_line_not_read_that_carries_a_critical_sign_makes_the_answer_urgent():
    for mark in ("!!", "↑↑", "(↓↓)"):
        unread = explain_report(ReadReport(not_read=[f"Sodium 1l8 {mark} mmol/L 136-145"]), builtin_catalogue())
        assert unread.urgent, mark
    assert not explain_report(ReadReport(not_read=["Sodium 1l8 ! mmol/L 136-145"]), builtin_catalogue()).urgent


def test_a_line_not_read_with_a_critical_flag_in_capitals_is_urgent_but_ocr_strokes_are_not():
    for flagged in ("Sodium 1l8 LL mmol/L 136-145", "Potassium 7.l HH", "Glucose 2l (critical)"):
        assert explain_report(ReadReport(not_read=[flagged]), builtin_catalogue()).urgent, flagged
    # a web-mail footer's URL OCR'd on a scanned normal report (fresh19): "ll" is strokes, not a flag
    footer = "hitps:/Avebmail.northmail.co uk/mailéinbox/id/AAQk 1869 ll"
    assert not explain_report(ReadReport(not_read=[footer]), builtin_catalogue()).urgent
