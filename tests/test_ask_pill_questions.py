"""A pill described by its look with no name ("white oval pill with M 30 on it") gets the pill finder
named and linked; a named medicine's look is answered from its guide; an emergency still leads."""

from __future__ import annotations

import pytest

from healthlib.ask.answer import answer_question
from healthlib.model.urls import pills_url


@pytest.mark.parametrize("question", [
    "white oval pill with M 30 on it",
    "found a small round blue pill 44 on one side in my sons room what is it",
])
def test_an_unnamed_pill_points_to_the_pill_finder(lib, question):
    a = answer_question(lib, question)
    assert "pill finder" in a.answer and "does not name a medicine" not in a.answer
    assert [link.url for link in a.links] == [pills_url()] and not a.passages and not a.urgent


def test_a_named_medicines_look_is_answered_from_its_guide(lib):
    a = answer_question(lib, "what does a 10mg lisinopril look like")
    assert a.drugs == ["lisinopril"] and a.passages and pills_url() not in [link.url for link in a.links]


def test_a_question_without_a_pill_is_not_sent_to_the_pill_finder(lib):
    assert "pill finder" not in answer_question(lib, "what is diabetes").answer


def test_a_child_who_swallowed_an_unnamed_pill_is_an_emergency_first(lib):
    a = answer_question(lib, "my kid swallowed a white pill with M 30 on it")
    assert a.urgent and a.answer.startswith(a.emergency) and "Poison Control" in a.emergency
