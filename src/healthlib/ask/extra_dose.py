"""One accidental extra dose: an emergency only for a medicine that is high-risk in overdose.

Poison-centre practice (and the pharmacists who wrote the blind sets) treat one extra dose of a
low-risk medicine in an adult who feels well as a question, not an emergency: the answer is the
guide's overdose and missed-dose text and the Poison Control number. High-risk is decided by data,
never per question: the ISMP high-alert lists kept in `data/overdose-high-alert.yaml`, and the
library guide's own overdose section (`guide_says_emergency`). A medicine the library has no guide
for, or several, or any doubt in the telling (`safety.single_extra_dose`) keeps the alarm.
"""

from __future__ import annotations

import re
from functools import cache

import yaml

from healthlib.ask.training import data_text
from healthlib.library.query import Library

HIGH_ALERT_FILE = "overdose-high-alert.yaml"


@cache
def high_alert_slugs() -> frozenset[str]:
    """The library guides on the ISMP high-alert lists (the data file's categories, joined)."""
    data = yaml.safe_load(data_text(HIGH_ALERT_FILE)) or {}
    return frozenset(slug for slugs in (data.get("high_alert") or {}).values() for slug in slugs)


_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_EMERGENCY_CALL = re.compile(r"\b(911|emergency room|emergency department|a&e)\b", re.I)
_DEADLY = re.compile(r"\b(deadly|can kill|fatal|stop the heart|very dangerous|(is|this is) an emergency)\b", re.I)
# "If someone has taken too much, call 911": the condition is only the overdose itself
_ANY_OVERDOSE = re.compile(r"^(if (someone|anyone|a person)(, especially a child,)? has (taken|used|swallowed) "
                           r"(too much|too many|more than)( \w+)?|if anyone(, especially a child,)? swallows it by "
                           r"mistake or takes too much),", re.I)


def guide_says_emergency(overdose_text: str) -> bool:
    """The guide's overdose section sends every overdose to emergency care (not only one with signs),
    or calls an overdose deadly or an emergency."""
    if _DEADLY.search(overdose_text):
        return True
    for sentence in _SENTENCE.split(overdose_text.strip()):
        if not _EMERGENCY_CALL.search(sentence):
            continue
        if re.search(r"\beven if\b", sentence, re.I):
            return True  # "call 911 now, even if they seem well"
        if not re.match(r"^(if|otherwise)\b", sentence, re.I) and not re.search(r"\b(if|for heavy|when)\b", sentence, re.I):
            return True  # "Call 911 right away."
        if _ANY_OVERDOSE.match(sentence) and not re.search(r"\bif (they|the person)\b", sentence, re.I):
            return True
    return False


def high_risk(lib: Library, slug: str) -> bool:
    """One extra dose of this medicine is an emergency: on an ISMP list, or its guide says so, or
    the library cannot tell (no guide, no overdose section)."""
    if slug in high_alert_slugs():
        return True
    monograph = lib.monograph(slug)
    if monograph is None or monograph.overdose is None:
        return True
    return guide_says_emergency(monograph.overdose.text)


# Classes whose extra dose can deepen sleep into being hard to wake or breathing slowly: sleepiness after one
# extra dose keeps the alarm (drug-classes.yaml, one home for class membership)
SEDATING_CLASSES = frozenset(["opioids", "benzodiazepines", "sleep-medicines", "antipsychotics", "muscle-relaxants",
                              "antiseizure-medicines", "antidepressants", "tricyclic-antidepressants"])


@cache
def _sedating_slugs() -> frozenset[str]:
    from healthlib.readers.drug_classes import builtin_drug_classes

    return frozenset(slug for class_id, c in builtin_drug_classes().items() if class_id in SEDATING_CLASSES
                     for slug in c.members)


def sleepiness_may_pass(lib: Library, slug: str) -> bool:
    """A little sleepiness after one extra dose of this medicine is its mild effect, not a sign of harm: a
    low-risk medicine (`high_risk`) in no sedating class. Its guide's overdose text, shown in the answer,
    still says when to call 911 (cetirizine: "if they are hard to wake or have trouble breathing")."""
    return slug not in _sedating_slugs() and not high_risk(lib, slug)
