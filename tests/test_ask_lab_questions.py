"""Questions about a lab result get the lab report explainer named and linked, beside whatever the
medicine guides answer; a test's name used as a supplement or a dose is not a lab question."""

from __future__ import annotations

import pytest

from healthlib.ask.answer import answer_question
from healthlib.ask.lab_questions import lab_tests_asked
from healthlib.model.urls import labs_url


@pytest.mark.parametrize(("question", "tests"), [
    ("my inr is 4.5 is that bad", ["INR"]),
    ("what does a high potassium level on my blood test mean", ["Potassium"]),
    ("a1c came back 7.2", ["HbA1c"]),
    ("TSH 6.1 and free T4 normal, should I worry", ["TSH"]),
    ("my ldl is 160 and hdl 38", ["LDL", "HDL"]),
])
def test_a_result_asked_about_names_its_test(question, tests):
    found = lab_tests_asked(question)
    assert [name.split(" (")[0].split(" cholesterol")[0] for name in found] == tests


@pytest.mark.parametrize("question", [
    "calcium 600 mg with vitamin d how to take",
    "is iron good for tiredness",
    "potassium chloride 20 meq dose",
    "vitamin k and warfarin",
])
def test_a_supplement_or_a_dose_is_not_a_lab_question(question):
    assert lab_tests_asked(question) == []


def test_a_lab_question_without_a_medicine_points_to_the_explainer(lib):
    a = answer_question(lib, "what does a high potassium level on my blood test mean")
    assert "lab report explainer" in a.answer and "does not seem to be about a medicine" not in a.answer
    assert [link.url for link in a.links] == [labs_url()] and not a.passages


def test_a_lab_question_naming_a_medicine_answers_from_its_guide_and_points_to_the_explainer(lib):
    a = answer_question(lib, "my INR is 4.5 on warfarin is that bad")
    assert a.drugs == ["warfarin"] and {p.guide for p in a.passages} == {"warfarin"}
    assert "lab report explainer" in a.answer and labs_url() in [link.url for link in a.links]


def test_an_emergency_with_a_lab_value_still_leads_with_the_emergency(lib):
    a = answer_question(lib, "my INR is 8 on warfarin and I am vomiting blood right now")
    assert a.urgent and a.answer.startswith(a.emergency)
