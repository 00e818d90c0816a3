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


def test_a_pill_told_by_an_imprint_the_library_lacks_is_never_guessed_among_the_medicines_named(lib):
    a = answer_question(lib, "found a tiny white round pill with M 30 on it, my dad takes oxycodone and "
                             "lorazepam. Which one is it?")
    assert "cannot identify a pill marked M 30" in a.answer and "pill finder" in a.answer
    assert not a.passages and pills_url() in [link.url for link in a.links]


def test_a_pill_told_by_an_imprint_on_a_label_in_the_library_is_that_product(lib):
    # the built-in atorvastatin label lists "PD 155" on its 10 mg tablet; the look-alike named is not answered
    a = answer_question(lib, "white oval tablet stamped PD 155 on one side, is it my dads metoprolol?")
    assert a.drugs == ["atorvastatin"] and "Atorvastatin 10 mg" in a.answer
    assert "/drugs/atorvastatin" in [link.url for link in a.links] and not a.passages


def test_could_it_be_x_with_an_unknown_imprint_says_so_then_answers_from_xs_guide(lib):
    a = answer_question(lib, "a round yellow pill with K 9 on it, could it be tramadol?")
    assert a.answer.startswith("This library cannot identify a pill marked K 9")
    assert {p.guide for p in a.passages} == {"tramadol"}


@pytest.mark.parametrize("text, imprint", [
    ("white oval pill with M 30 on it", "M 30"),
    ("found one that says ip109 on one side", "IP109"),
    ("a blue pill, 44 on one side", "44"),
    ("can I take my pills with 50 mg of zinc", None),  # a strength, not an imprint
    ("the label says 'take 4 tablets every Monday'", None),
    ("is 20 on one side of the form the dose", None),  # no pill named
])
def test_an_imprint_is_read_only_where_a_pill_is_told_to_carry_it(text, imprint):
    from healthlib.ask.understand import told_imprint

    assert told_imprint(text) == imprint
