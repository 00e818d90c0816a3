"""Flesch–Kincaid grade and syllables against hand-counted examples."""

import pytest

from healthlib.compose.readability import count_sentences, count_syllables, readability


@pytest.mark.parametrize(("word", "syllables"), [
    ("cat", 1), ("table", 2), ("takes", 1), ("uses", 2), ("needed", 2), ("medicine", 3),
    ("baclofen", 3), ("sleepiness", 3), ("dizziness", 3), ("doctor", 2), ("radio", 3),
    ("usual", 3), ("while", 1), ("people", 2), ("pressure", 2), ("every", 3),
    ("hallucinations", 5), ("infection", 3), ("breathing", 2), ("kidney", 2),
])
def test_syllables_hand_counted(word, syllables):
    assert count_syllables(word) == syllables


def test_sentences_ignore_decimals():
    assert count_sentences("Take 2.5 mg. Then wait! Is it done?") == 3


def test_grade_of_hand_counted_passage():
    # 12 words, 2 sentences, 16 syllables, counted by hand:
    # The(1) cat(1) sat(1) on(1) the(1) mat(1). It(1) was(1) a(1) sun(1)ny(1) day(1) -> wait:
    text = "The cat sat on the mat. The dog ate his dinner slowly."
    # words 12; syllables: the cat sat on the mat = 6; the dog ate his din-ner slow-ly = 8 -> 14
    r = readability(text)
    assert (r.words, r.sentences, r.syllables) == (12, 2, 14)
    expected = 0.39 * 12 / 2 + 11.8 * 14 / 12 - 15.59
    assert r.fk_grade == round(expected, 1)


def test_hard_text_scores_higher_than_plain_text():
    plain = "Take one pill a day. Drink water. Call your doctor if you feel sick."
    hard = ("Concomitant administration of centrally acting depressants potentiates "
            "somnolence and respiratory depression in susceptible individuals.")
    assert readability(hard).fk_grade > 12 > readability(plain).fk_grade


def test_empty_text():
    assert readability("").words == 0
