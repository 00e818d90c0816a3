"""Word lists the question reader needs, read from `data/ask-lexicon.yaml`: everyday words,
medicine words, medicine-name endings, the other substances people ask about (alcohol,
grapefruit, coffee...) and the words people use for side effects.

These lists only help *recognise* words. They never carry medical facts: every fact in an answer
comes from a guide in the library. Medicine names come from the library, `data/ask-words.yaml`
and the drug-name dictionary (see `vocabulary`).
"""

from __future__ import annotations

import re
from importlib import resources

import yaml

_DATA = yaml.safe_load((resources.files("healthlib") / "data" / "ask-lexicon.yaml").read_text(encoding="utf-8"))

# A word in this list is never taken to be a misspelled medicine name ("reflux" is not "Keflex").
COMMON_WORDS: frozenset[str] = frozenset(_DATA["common_words"].split())
MEDICINE_WORDS: frozenset[str] = frozenset(_DATA["medicine_words"].split())
DRUG_SUFFIX = re.compile("(?:" + "|".join(_DATA["drug_suffixes"]) + ")$")
# label: (words a person types, words to find in a guide)
SUBSTANCES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    label: (tuple(v["typed"]), tuple(v["guide"])) for label, v in _DATA["substances"].items()}
# a word for a side effect -> the word stems a guide uses for it
SYMPTOMS: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in _DATA["symptoms"].items()}
