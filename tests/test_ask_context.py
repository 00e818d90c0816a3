"""The context model (round 10): a message about another time (a what-if, a course, planning ahead,
a past event that is over) clears an allergy flag or the emergency model's own flag, and nothing
else; anything said to be happening now keeps every flag."""

from __future__ import annotations

import pytest

from healthlib.ask import understand as understanding
from healthlib.ask.answer import answer_question
from healthlib.ask.classifier import context_examples, models, train_context

ANOTHER_TIME = [
    "What does a bad allergic reaction to cephalexin look like? My son has his first dose on Friday.",
    "How would I spot anaphylaxis from amoxicillin in a toddler, she begins the course next week",
]

STILL_URGENT = [
    "my lips keep getting bigger after the amoxicillin",  # allergy now, told without a time word
    "face and tongue are swelling after cephalexin, what does anaphylaxis look like",  # asked AND happening (a sign
    # told as going on counts as now: missed before round 10)
    "last night i swallowed 30 of my paracetamol, feel ok now",  # an overdose is never cleared
    "my daughter had a seizure an hour ago after her bupropion and is still drowsy",  # seizure: never cleared
    "my 3 year old chewed some of nanas amlodipine last night, she seems fine",  # a child ingestion: never
]


@pytest.mark.parametrize("q", ANOTHER_TIME)
def test_an_allergy_asked_about_ahead_of_time_is_not_an_emergency(lib, q, monkeypatch):
    a = answer_question(lib, q)
    assert not a.urgent
    monkeypatch.setattr(understanding, "NOT_NOW_MARGIN", float("inf"))  # the context model off: the rule fires
    flagged = answer_question(lib, q)
    assert flagged.urgent
    assert a.intent == flagged.intent  # the cleared sign still decides the type, as a flag does


@pytest.mark.parametrize("q", STILL_URGENT)
def test_what_is_happening_now_and_what_the_context_model_may_not_clear_stay_urgent(lib, q):
    a = answer_question(lib, q)
    assert a.urgent, (q, a.red_flags)


def test_the_context_model_may_clear_only_allergy_and_the_emergency_models_flag():
    assert {"allergy", "emergency"} == understanding.CONTEXT_MAY_CLEAR


def test_the_context_model_scores_as_scikit_learn_does():
    from sklearn.svm import LinearSVC  # noqa: F401 (training needs it)

    from healthlib.ask.classifier import _features

    examples = context_examples()
    views, linear = train_context(examples)
    features = _features()
    x = features.fit_transform([t for t, _ in examples])
    from healthlib.ask.classifier import _classifier

    model = _classifier(balanced=True).fit(x, [int(y) for _, y in examples])
    texts = ["what does a reaction look like, she starts drugx tomorrow", "my lips are swelling after drugx"]
    expected = model.decision_function(features.transform(texts))
    m = models()
    got = [m.not_now(t) for t in texts]
    assert got == pytest.approx(list(expected), abs=1e-4)  # liblinear's own run-to-run noise
    assert views and linear.classes == ["urgent"]


def test_a_sign_supposed_in_an_if_clause_is_not_a_report_unless_now_is_said(lib):
    """'If a pupil has a seizure at school, how do we give the rescue medicine': planning, not now
    (before round 10 only a question the rules read as general was spared)."""
    assert not answer_question(lib, "If a learner has a seizure during PE, how do staff give the rescue diazepam?").urgent
    assert answer_question(lib, "my son is fitting, what do i do if it lasts more than 5 minutes").urgent
    assert answer_question(lib, "if she has a seizure right now on lamotrigine what do i do").urgent
