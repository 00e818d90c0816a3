"""What the medicine is for (labelled uses) and how it works."""

from __future__ import annotations

import re

from healthlib.model.monograph import Fact, Use
from healthlib.model.text import join_words, lower_first
from healthlib.readers import loinc
from healthlib.readers.label.context import Cites, Context
from healthlib.readers.label.document import Label
from healthlib.readers.label.text import clean, sentences


def read_uses(label: Label, cites: Cites) -> list[Use]:
    section = label.first(loinc.INDICATIONS)
    if section is None:
        return []
    cite = cites.of(section)
    ctx = Context(label, cites, "", {label.brand.upper(): label.brand} if label.brand else {})
    found: list[str] = []
    for part in section.highlight:  # PLR Highlights: one bullet per use
        if isinstance(part, list):
            found.extend(part)
    if not found:
        found = _indicated_clauses(section.text())
    if not found:
        found = _with_lead(section.items_with_leads())
    if not found:
        first = sentences(section.text())
        found = first[:1]
    conditions = []
    for text in found:
        said = ctx.say(text).rstrip(".;: ")
        said = re.sub(r"^(?:to|for)\s+", "", said)
        # "Treatment of X" under "used to treat:" says treat twice; the condition is enough
        said = re.sub(r"(?i)^(?:the\s+)?(?:treatment|management)\s+of\s+(?=\w)", "", said)
        if len(said) >= 3 and said.lower() not in {c.lower() for c in conditions}:
            conditions.append(said)
    return [Use(condition=lower_first(c), cite=cite) for c in conditions[:12]]


_LEAD_VERB = re.compile(r"(?i)^(?:temporarily |helps? (?:to )?)?(?:relieves?|reduces?|treats?|prevents?|"
                        r"controls?|helps?)\b\s*")


def _with_lead(items: list[str]) -> list[str]:
    """Drug Facts uses: "temporarily relieves minor aches and pains due to: • headache •
    toothache" -> "minor aches and pains due to headache", "... due to toothache". A bare verb
    lead ("temporarily relieves • sneezing") is dropped."""
    if len(items) < 2:
        return items
    lead = clean(items[0]).rstrip(":")
    rest = _LEAD_VERB.sub("", lead)
    looks_like_lead = items[0].rstrip().endswith(":") or bool(_LEAD_VERB.match(lead)) and len(lead.split()) <= 12
    if not looks_like_lead:
        return items
    return [i if _LEAD_VERB.match(i) or not rest else f"{rest} {i}" for i in items[1:]]


def uses_sentence(uses: list[Use]) -> str:
    """'The label says it is used for sneezing, runny nose and itchy eyes.'"""
    picked = [uses[0].condition.rstrip(".")]
    for use in uses[1:3]:  # as many as one short sentence holds: the full list is just below
        if len(join_words(_merged([*picked, use.condition.rstrip(".")])).split()) > 16:
            break
        picked.append(use.condition.rstrip("."))
    picked = _merged(picked)
    verb = "to" if re.match(r"(?i)(reduce|lower|treat|relieve|control|prevent|improve|help|increase|"
                            r"manage|ease|decrease|slow|stop)\b", picked[0]) else "for"
    said = f"The label says it is used {verb} {join_words(picked)}."
    who = _WHO_FOR.search(said)
    before = said[:who.start()] if who else ""
    if len(said.split()) > 20 and len(before.split()) >= 8 and before.count("(") == before.count(")"):
        # what it does; who it is for is said with the uses in full, just below
        return f"{said[:who.start()].rstrip(',')}, for the people listed under its uses."
    return said


_WHO_FOR = re.compile(r" in (?=(?:adults|people|patients|children|boys|girls|women|men|adolescents)\b)")


def _merged(picked: list[str]) -> list[str]:
    """"aches due to headache", "aches due to toothache" -> "aches due to headache and toothache"."""
    shared = _shared_words(picked)
    if len(picked) > 1 and len(shared.split()) >= 2:
        return [shared + " " + join_words([p[len(shared):].strip() for p in picked])]
    return picked


def _shared_words(texts: list[str]) -> str:
    words = [t.split() for t in texts]
    shared: list[str] = []
    for column in zip(*words, strict=False):
        if len(set(column)) != 1:
            break
        shared.append(column[0])
    if any(len(w) <= len(shared) for w in words):
        return ""  # one text is all prefix: nothing left to list
    return " ".join(shared)


def _indicated_clauses(text: str) -> list[str]:
    """'X is indicated for the treatment of Y.' -> 'the treatment of Y'; '...indicated: A; B' -> A, B."""
    found: list[str] = []
    for s in sentences(clean(text)):
        m = re.search(r"\b(?:indicated|effective)\b(?:\s+for use)?\s*(?:(?:for|in|to|as)\b)?\s*:?\s*(.+)$", s,
                      re.IGNORECASE)
        if not m or re.search(r"\bnot (?:indicated|effective)\b|\bnot been\b", s, re.IGNORECASE):
            continue
        for clause in re.split(r";\s*|\s•\s*", m.group(1)):
            clause = re.sub(r"^(?:the\s+)?(?:use in\s+)?", "", clause.strip(" .,:")).strip()
            if len(clause.split()) >= 2:
                found.append(clause)
    return found


def read_mechanism(ctx: Context) -> Fact | None:
    for section in ctx.label.all(loinc.MECHANISM, loinc.CLINICAL_PHARMACOLOGY):
        own = sentences(clean(" ".join(p for p in section.parts if isinstance(p, str))))
        if own and len(own[0].split()) <= 30 and (section.code == loinc.MECHANISM or len(own) <= 2):
            return Fact(text=ctx.say(own[0]), cite=ctx.cites.of(section))
    return None
