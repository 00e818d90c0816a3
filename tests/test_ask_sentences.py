"""A long message is read whole and sentence by sentence (understand._with_sentences)."""

from __future__ import annotations

import pytest

from healthlib.ask import understand as und
from healthlib.ask.classifier import models
from healthlib.ask.text import asking_ranges, normalise, sentence_ranges

STORY = ("Metformin. Side effects have been bad, diarrhea, gas, cramps and nausea since I started. "
         "My sister takes it too. What is it used for?")


def test_sentence_ranges_cover_the_words_and_mark_the_asking_ones():
    ranges = sentence_ranges(STORY)
    words = normalise(STORY).split()
    assert [(a, b) for a, b, _ in ranges] == [(0, 1), (1, 14), (14, 19), (19, 24)]
    assert ranges[-1][1] == len(words)
    assert [asks for *_, asks in ranges] == [False, False, False, True]
    assert " ".join(words[19:24]) == "what is it used for"


def test_asking_ranges_fall_back_to_the_last_sentence():
    assert asking_ranges("Simvastatin. I take it every night. My legs ache.") == [(6, 9)]
    assert asking_ranges("Simvastatin. Is it safe? Can I drink?") == [(1, 4), (4, 7)]
    assert asking_ranges("") == []


def sentence_mix(u: und.Understanding, shown: str) -> list[float]:
    """The mix, computed here from the model's scores of each sentence (as the docs say it is)."""
    m = models()
    ranges = sentence_ranges(shown)
    share = und.WHOLE_MESSAGE_SHARE
    if not any(asks for *_, asks in ranges):  # all story: the last sentence is the question
        ranges, share = [*ranges[:-1], (*ranges[-1][:2], True)], und.STORY_ONLY_WHOLE_SHARE
    weights = [1 + und.ASKING_WEIGHT * asks for *_, asks in ranges]
    per = [m.type_scores(und._masked_words(u, a, b)) for a, b, _ in ranges]
    mean = [sum(w * s[i] for w, s in zip(weights, per, strict=True)) / sum(weights) for i in range(len(m.classes))]
    whole = m.type_scores(u.masked)
    return [share * x + (1 - share) * y for x, y in zip(whole, mean, strict=True)]


def test_a_long_message_is_typed_by_its_sentences_and_the_whole(lib):
    u = und.understand(lib, STORY)
    assert u.masked.startswith("drugx side effects")
    m = models()
    mixed = m.prediction(sentence_mix(u, STORY))
    whole = m.predict_type(u.masked)
    assert u.confidence == round(mixed.confidence, 3)
    # the sentences count: the confidence is not the whole message's alone
    assert abs(mixed.confidence - whole.confidence) > 1e-3
    # the asking sentence pulls towards what is asked
    uses = m.classes.index("uses")
    assert sentence_mix(u, STORY)[uses] > m.type_scores(u.masked)[uses]


@pytest.mark.parametrize("q", ["what is metformin used for", "Metformin: what is it used for"])
def test_a_one_sentence_question_is_read_whole(lib, q):
    u = und.understand(lib, q)
    m = models()
    assert u.confidence == round(m.predict_type(u.masked).confidence, 3)
    assert u.intent == "uses"


# no sentence asks: no "?", no question word first, no "is there" / "tell me" request
STORY_ONLY = ("Cystitis again. I have had three courses of nitrofurantoin since the summer and it keeps coming "
              "back. Please send me some ideas for what my doctor could prescribe next.")


def test_a_message_none_of_whose_sentences_asks_is_read_by_its_last_sentence(lib):
    ranges = sentence_ranges(STORY_ONLY)
    assert len(ranges) == 3 and not any(asks for *_, asks in ranges)
    u = und.understand(lib, STORY_ONLY)
    m = models()
    assert u.confidence == round(m.prediction(sentence_mix(u, STORY_ONLY)).confidence, 3)
    # the whole message, all story, counts less than in a message with an asking sentence
    assert und.STORY_ONLY_WHOLE_SHARE < und.WHOLE_MESSAGE_SHARE
    assert u.intent == "alternatives"
