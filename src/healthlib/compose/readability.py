"""Flesch–Kincaid grade, computed offline with a rule-based syllable counter.

No dictionary is downloaded (recent `textstat` fetches one from NLTK at run time), so syllables
are counted by vowel groups with the usual English corrections. Tested against hand-counted
words and passages in tests/test_readability.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_WORD_RE = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
# A sentence ends at . ! ? or a line break between list items; decimals like "2.5" do not end one.
_SENTENCE_END_RE = re.compile(r"(?<!\d)[.!?]+(?=\s|$)|\n+")

# Words the vowel-group rule gets wrong, counted by hand.
_EXCEPTIONS = {
    "the": 1, "every": 3, "different": 3, "business": 2, "evening": 2, "interest": 3,
    "medicine": 3, "medicines": 3, "area": 3, "idea": 3, "create": 2, "being": 2,
    "people": 2, "really": 3, "usually": 4, "actually": 4, "science": 2, "quiet": 2,
    "diet": 2, "fire": 1, "hour": 1, "hours": 1, "our": 1, "doing": 2, "going": 2,
    "seeing": 2, "liver": 2, "tired": 1, "poison": 2, "period": 3, "serious": 3,
    "february": 4, "aspirin": 3, "ibuprofen": 4, "acetaminophen": 6, "naloxone": 3,
    "alcohol": 3, "variety": 4, "anxiety": 4, "society": 4, "whether": 2,
}


@lru_cache(maxsize=65536)  # a guide repeats its words; counting each once makes a build ~10 % faster
def count_syllables(word: str) -> int:
    """Syllables in one English word; at least 1."""
    w = re.sub(r"['’]s$", "", word.lower().strip("'’"))
    if not w:
        return 0
    if w in _EXCEPTIONS:
        return _EXCEPTIONS[w]
    if len(w) <= 3:
        return 1
    # Silent endings: "takes", "used", "make" -- but "uses", "needed", "table" keep theirs.
    if w.endswith("es") and not re.search(r"(?:[sxz]|ch|sh|[cg])es$", w):
        w = w[:-2] if re.search(r"[^aeiouy]es$", w) else w[:-1]
    elif w.endswith("ed") and not re.search(r"[td]ed$", w):
        w = w[:-2] if re.search(r"[^aeiouy]ed$", w) else w[:-1]
    elif w.endswith("e") and not re.search(r"[^aeiouy]le$", w) and not w.endswith("ee"):
        w = w[:-1]
    w = re.sub(r"^y", "", w)
    count = len(re.findall(r"[aeiouy]+", w))
    # Vowel pairs spoken as two syllables: "radio", "media", "video", "usual", "quiet".
    count += len(re.findall(r"[^aeioustcgx]i[ao]|eo|ua|uo|iet|ium", w))
    return max(1, count)


@dataclass(frozen=True)
class Readability:
    fk_grade: float
    words: int
    sentences: int
    syllables: int


def words_of(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def count_sentences(text: str) -> int:
    pieces = [p for p in _SENTENCE_END_RE.split(text) if words_of(p)]
    return max(1, len(pieces))


def readability(text: str) -> Readability:
    """Flesch–Kincaid grade = 0.39·(words/sentences) + 11.8·(syllables/words) − 15.59."""
    words = words_of(text)
    if not words:
        return Readability(0.0, 0, 0, 0)
    sentences = count_sentences(text)
    syllables = sum(count_syllables(w) for w in words)
    grade = 0.39 * len(words) / sentences + 11.8 * syllables / len(words) - 15.59
    return Readability(round(grade, 1), len(words), sentences, syllables)
