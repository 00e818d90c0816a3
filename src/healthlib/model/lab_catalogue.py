"""The lab-test catalogue as an index: every test by id and by each name a report may print.

Matching a printed name is careful on purpose: a wrong test is worse than no test. Names are
compared after folding case, punctuation, UK/US spellings, word order and words that say
nothing about the test ("serum", "plasma", "level"). A spelling slip is forgiven only when one
test is clearly closest, the numbers in the name agree ("Free T4" never becomes "Free T3") and
the name is long enough to judge.

It lives in the model because the readers build it (readers/labs/catalogue.py reads the
files) and the composer explains results with it (compose/lab_explain.py).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from rapidfuzz import fuzz, process

from healthlib.model.lab_units import normalise_unit
from healthlib.model.labtest import LabTest
from healthlib.model.monograph import Source

FUZZY_MIN_SCORE = 88  # rapidfuzz ratio (0-100) a slip must reach
FUZZY_MARGIN = 8  # and by how much it must beat the closest name of any other test
FUZZY_MIN_LENGTH = 5  # shorter names ("ALT", "AST", "T3") are matched exactly or not at all
WORD_MIN_SCORE = 80  # each misspelt word must be this close to a word of the name it matches
COGNATE_MIN_SCORE = 70  # "Glucosa Glucose", "Potasio Potassium": a name printed in two languages

# Words that say where the sample came from or how it was reported, not which test it is.
_FILLER = {
    "serum", "plasma", "ser", "plas", "s", "p", "level", "levels", "test",
    "result", "calc", "calculated", "measured", "random", "fasting", "in",
    "the", "of", "abs", "absolute", "auto", "automated", "count", "value", "lab",
    # UK GP records (SNOMED CT terms): "Haemoglobin estimation", "Platelet count - observation",
    # "Haemoglobin A1c level - IFCC standardised" ("concentration" is not one: MCHC is not MCH)
    "estimation", "observation", "standardised", "standardized", "ifcc",
}
_URINE_WORDS = {"urine", "ur", "u", "ua", "urinalysis", "dipstick", "strip"}


def normalise_name(printed: str) -> str:
    """A key for a printed test name: 'Potassium, Serum' -> 'potassium';
    'Haemoglobin' and 'HGB' stay apart, but 'T4, Free' and 'Free T4' meet at 'free t4'."""
    s = unicodedata.normalize("NFKC", printed).lower().replace("µ", "u")
    s = s.replace("ae", "e").replace("oe", "e").replace("sulph", "sulf").replace("leuc", "leuk")
    s = re.sub(r"[^a-z0-9]+", " ", s)
    tokens = [_singular(t) for t in s.split()]
    kept = [t for t in tokens if t not in _FILLER] or tokens
    # "Blood" is filler ("Blood urea nitrogen") except on a urine strip ("Urine blood", "Blood")
    content = [t for t in kept if t != "blood" and t not in _URINE_WORDS]
    if content:
        kept = [t for t in kept if t != "blood"]
    return " ".join(sorted(kept))


def _singular(token: str) -> str:
    if len(token) >= 5 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


def _says_urine(printed: str) -> bool:
    words = set(re.sub(r"[^a-z0-9]+", " ", printed.lower()).split())
    return bool(words & {"urine", "ur", "ua", "urinalysis", "dipstick", "urinary"})


def _same_words(key: str, other: str) -> bool:
    """Two keys have the same words, allowing a slip inside longer words only: short words
    ("bun", "t4") and any word with a number must be exactly the same."""
    a, b = key.split(), other.split()
    if len(a) != len(b):
        return False
    for word in a:
        if word in b:
            continue
        if len(word) <= 3 or re.search(r"\d", word):
            return False
        if max(fuzz.ratio(word, w) for w in b) < WORD_MIN_SCORE:
            return False
    return True


class LabCatalogue:
    """Every test, indexed by id and by each printed name's key."""

    def __init__(self, tests: list[LabTest]) -> None:
        self.tests: dict[str, LabTest] = {t.id: t for t in tests}
        self._by_key: dict[str, str] = {}
        for test in tests:
            for printed in [test.name, test.id, *test.names]:
                self._by_key.setdefault(normalise_name(printed), test.id)
        self._keys = list(self._by_key)
        self._key_words = frozenset(w for key in self._keys for w in key.split())  # every word a name's key uses
        self.sources: dict[str, Source] = {}
        for test in tests:
            for source in test.sources:
                self.sources.setdefault(source.id, source)

    def __len__(self) -> int:
        return len(self.tests)

    def __iter__(self) -> Iterator[LabTest]:
        return iter(self.tests.values())

    def get(self, test_id: str) -> LabTest | None:
        return self.tests.get(test_id)

    def match(self, printed_name: str) -> LabTest | None:
        """The test a report's printed name means, or None when not clearly one test."""
        test = self._match_one(printed_name)
        return test if test is not None else self._two_languages(printed_name)

    def _match_one(self, printed_name: str) -> LabTest | None:
        urine = _says_urine(printed_name)
        for candidate in (printed_name, re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", printed_name)):
            key = normalise_name(candidate)
            test = self.tests.get(self._by_key.get(key, ""))
            if test is not None:
                # a urine result is never a blood test ("Bilirubin (urine)" is not bilirubin)
                return test if not urine or test.specimen == "urine" else None
        return self._fuzzy(normalise_name(printed_name), urine)

    def _two_languages(self, printed: str) -> LabTest | None:
        """A bilingual report's name ("Glucosa / Glucose", "Plaquetas / Platelets", or with the
        slash lost, "Potasio Potassium"): one half names a test and the other is its translation.
        Without a slash the halves must look alike; with one, the other half must be words no
        test's name uses ("Chol/HDLC Ratio" is a ratio, never cholesterol)."""
        slash = "/" in printed
        if slash:
            halves = [h for h in printed.split("/") if h.strip()]
        else:
            words = printed.split()
            halves = [" ".join(words[:len(words) // 2]), " ".join(words[len(words) // 2:])] if (
                words and len(words) % 2 == 0) else []
        if len(halves) != 2:
            return None
        found = [self._match_one(h) for h in halves]
        named = [t for t in found if t is not None]
        if not named or len({t.id for t in named}) != 1:
            return None
        test, other = named[0], halves[found.index(None)] if None in found else None
        if other is not None:
            keys = [normalise_name(h) for h in halves]
            looks_alike = fuzz.ratio(*keys) >= COGNATE_MIN_SCORE
            if not looks_alike and not (slash and self._foreign_words(other)):
                return None
        return test if not _says_urine(printed) or test.specimen == "urine" else None

    def _foreign_words(self, text: str) -> bool:
        """Words of another language: no test's name uses them or starts with them ("Chol" is
        short for cholesterol), and none is a code without vowels ("HDLC")."""
        words = re.sub(r"[^\w]+", " ", text.lower()).split()
        known = self._key_words
        return bool(words) and all(len(w) >= 4 and w.isalpha() and re.search("[aeiouy]", w)
                                   and not any(k.startswith(w) for k in known) for w in words)

    def exact(self, printed_name: str) -> str | None:
        """The id of the test whose printed name has exactly this key (no spelling slip allowed)."""
        return self._by_key.get(normalise_name(printed_name))

    def _fuzzy(self, key: str, urine: bool) -> LabTest | None:
        """A spelling slip: the closest name, only when every word of it is a near match of a
        word printed, numbers agree, and no other test's name comes close."""
        if len(key.replace(" ", "")) < FUZZY_MIN_LENGTH:
            return None
        near = process.extract(key, self._keys, scorer=fuzz.ratio, limit=12, score_cutoff=50)
        found = [f for f in near if _same_words(key, f[0])]
        if not found:
            return None
        best_key, best_score, _ = found[0]
        if best_score < FUZZY_MIN_SCORE:
            return None
        best_test = self._by_key[best_key]
        for other_key, score, _ in near:  # any other test's name that comes close: no match
            if self._by_key[other_key] != best_test and score >= best_score - FUZZY_MARGIN:
                return None
        test = self.tests[best_test]
        return test if not urine or test.specimen == "urine" else None

    def convert(self, test: str | LabTest, value: float, from_unit: str | None,
                to_unit: str | None) -> float | None:
        """`value` of one test from one unit to another; None when no exact conversion is known."""
        lab = self.tests.get(test) if isinstance(test, str) else test
        return None if lab is None else lab.convert(value, from_unit, to_unit)


# ---- plausibility: what an OCR'd result must pass to be reported as read -----------------------

# Tests the body holds within a narrow band: a value NARROW_BAND_FACTOR times beyond either end of
# the range (potassium "42" for 4.2 with a range of 3.5-5.1, sodium "14.0" for 140) is a lost or
# added decimal point, never a result. Tests that can truly run far beyond their range (enzymes,
# ferritin, CRP, glucose, white cells, platelets, bicarbonate in acidosis) are left out.
NARROW_BAND = frozenset({"sodium", "potassium", "chloride", "calcium", "magnesium", "albumin", "total-protein",
                         "haemoglobin", "haematocrit", "mcv", "mch", "mchc", "rbc", "hba1c", "free-t4",
                         "urine-ph", "urine-specific-gravity"})
NARROW_BAND_FACTOR = 6.0
# A report's own range may differ from the catalogue's typical adult range (sex, age, method),
# but never by this factor in the same unit: a range bound that far off was misread.
RANGE_FACTOR = 4.0
# An upper bound is held closer: the upper bounds of every generated set's true rows are within twice
# the usual one (vitamin D's 100 ng/mL against the usual 50, the farthest), while a figure misread in
# it ("44 - 447" for alkaline phosphatase's "44 - 147", a "1" read "4") is three times or more.
UPPER_RANGE_FACTOR = 3.0


def implausible(test: LabTest, value: float | None, unit: str | None, low: float | None,
                high: float | None) -> str | None:
    """Why an OCR'd result of `test` cannot be right (a reason), or None when nothing rules it
    out: a unit the test is never reported in, a unit missing from a measured test, a range
    upside down or far from the catalogue's in the same unit, or a narrow-band value far outside
    its range. Qualitative tests are not judged here."""
    if test.kind == "qualitative" or test.unit is None:
        return None
    unitless = normalise_unit(test.unit) == "ratio"
    if unit is None and not unitless:
        return "no unit for a measured test"
    if unit is not None and not test.knows_unit(unit) and test.to_canonical(1.0, unit) is None:
        return f"unit {unit!r} is not one {test.id} is reported in"
    if low is not None and high is not None and low >= high:
        return "range upside down"
    typical = test.typical_range
    typical_low = typical_high = None
    if typical is not None:
        from_unit = typical.unit or test.unit
        typical_low = test.convert(typical.low, from_unit, unit) if typical.low is not None else None
        typical_high = test.convert(typical.high, from_unit, unit) if typical.high is not None else None
    for bound, usual, factor in ((low, typical_low, RANGE_FACTOR), (high, typical_high, UPPER_RANGE_FACTOR)):
        if bound and usual and not 1 / RANGE_FACTOR <= bound / usual <= factor:
            return f"range bound {bound:g} is far from the usual {usual:.3g}"
    if value is not None and test.id in NARROW_BAND:
        band_low, band_high = (low, high) if low is not None and high is not None else (typical_low, typical_high)
        if band_low and band_high and not band_low / NARROW_BAND_FACTOR <= value <= band_high * NARROW_BAND_FACTOR:
            return f"value {value:g} is far outside {band_low:g}-{band_high:g}"
    return None
