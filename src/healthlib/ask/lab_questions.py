"""Questions about a lab result ("my inr is 4.5 on warfarin", "what does high potassium on my blood
test mean"): the answerer answers from the medicine guides only, so it names the test and points
to the lab report explainer, which reads a result against the range printed on the report and
explains it with sources. A test's name alone is not enough: "calcium" or "iron" is as often a
supplement, so the question must speak of a result (a level, a blood test, a reading, a number
after the name that is not a dose)."""

from __future__ import annotations

import re

from healthlib.library.labs import lab_test_called
from healthlib.model.text import join_words

MIN_NAME = 3  # letters: "K", "Na" and "Ca" are too often something else ("vitamin K")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9+]*(?:-[A-Za-z0-9]+)*")
_RESULT_WORDS = re.compile(
    r"(?i)\b(?:levels?|results?|blood\s*(?:tests?|work|results?)|labs?|lab\s+tests?|readings?|counts?|"
    r"reports?|ranges?|panels?|came\s+back|tested)\b")
# the name, then "is/was/of/at/=" and a number that is not a dose ("inr is 4.5", "a1c of 7.2")
_VALUE_AFTER = r"\s*(?:is|was|at|of|=|:|came\s+back(?:\s+at)?)?\s*(?:only\s+|now\s+|still\s+)?\d+(?:[.,]\d+)?(?![\d.,])(?!\s*(?:mg|mcg|µg|g\b|ml|meq|units?\b|iu\b|tablets?|pills?|caps))"


def lab_tests_asked(text: str) -> list[str]:
    """Plain names of the catalogue tests a question asks about as results, in order, at most three."""
    words = list(_WORD.finditer(text))
    found: list[str] = []
    i = 0
    while i < len(words):
        for size in (4, 3, 2, 1):
            span = words[i:i + size]
            if len(span) < size:
                continue
            phrase = text[span[0].start():span[-1].end()]
            test = lab_test_called(phrase) if len(phrase.replace(" ", "")) >= MIN_NAME else None
            if test is None:
                continue
            after = text[span[-1].end():]
            if (_RESULT_WORDS.search(text) or re.match(_VALUE_AFTER, after, re.IGNORECASE)) and test.name not in found:
                found.append(test.name)
            i += size - 1
            break
        i += 1
    return found[:3]


def lab_pointer(tests: list[str]) -> str:
    """One paragraph: where a lab result is explained."""
    return (f"For your {join_words(tests)} result: this library's lab report explainer reads a result "
            "against the range printed on your report and says in plain words what it can mean, with "
            "sources. Paste the result line from your report (or the whole report) into it.")
