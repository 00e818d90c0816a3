"""Interactions with medicines, alcohol and food, with a severity read from the label's words."""

from __future__ import annotations

import re
from functools import lru_cache

from healthlib.model.interaction import SUBSTANCES
from healthlib.model.monograph import Interaction
from healthlib.model.names import normalize as normal_name
from healthlib.readers import loinc
from healthlib.readers.drug_classes import builtin_drug_classes
from healthlib.readers.label.context import Context
from healthlib.readers.label.document import Section, Table, section_sentences
from healthlib.readers.label.text import clean, sentences


def _interaction(ctx: Context, agent: str, text: str, section: Section) -> Interaction | None:
    label_words = clean(agent).strip(" .:")
    agent = ctx.say(label_words)
    said = ctx.say(clean(text))
    if len(agent) < 3 or len(said) < 3 or len(agent.split()) > 20:
        return None
    both = f"{agent} {said}".lower()
    kind = "alcohol" if re.search(r"alcohol|ethanol", both) else \
        "food" if re.search(r"grapefruit|\bfood\b|juice|\bmilk\b", agent.lower()) else \
        "supplement" if re.search(r"st\.? john|herbal|supplement", agent.lower()) else "medicine"
    # Judged on the label's words as well as ours: everyday words ("permanent") must not soften it.
    words = f"{clean(text)} {said}"
    severity = "major" if re.search(r"avoid|contraindicat|do not|should not|must not|not recommended|fatal|"
                                    r"irreversible|serious", words, re.I) else \
        "minor" if re.search(r"no clinically significant|not clinically (?:significant|important)", words, re.I) else "moderate"
    return Interaction(**{"with": agent}, kind=kind, severity=severity, text=said, cite=ctx.cites.of(section),
                       targets=list(dict.fromkeys(label_targets(label_words) + label_targets(agent))))


def label_targets(agent: str) -> list[str]:
    """Class and substance targets for a label's interaction, only on an exact match of its words
    (or of its bracketed words) with a class's or substance's names: "NSAIDs", "Nonsteroidal
    Anti-inflammatory Drugs (NSAIDs)", "Alcohol". A phrase like "drugs that affect platelets" gets
    none. Library medicines named exactly are linked when the library is read (the reader does not
    know which guides the library holds)."""
    said = {normal_name(agent)} if "(" not in agent else \
        {normal_name(re.sub(r"\([^)]*\)", " ", agent))} | {normal_name(p) for p in re.findall(r"\(([^)]*)\)", agent)}
    words = _target_words()
    return list(dict.fromkeys(t for w in sorted(said) if w for t in words.get(w, ())))


@lru_cache(maxsize=1)
def _target_words() -> dict[str, list[str]]:
    """Normalized class and substance names -> targets, built once per process."""
    words: dict[str, list[str]] = {}
    for cid, c in builtin_drug_classes().items():
        for w in c.words:
            words.setdefault(normal_name(w), []).append(f"class:{cid}")
    for sid, (_, names) in SUBSTANCES.items():
        for w in names:
            words.setdefault(normal_name(w), []).append(f"substance:{sid}")
    return words


def split_agents(cell: str) -> list[str]:
    """A table cell naming several medicines that share one recommendation, one name each:
    "Clarithromycin, itraconazole, HIV protease inhibitors (saquinavir, ...)" -> three names. Commas
    inside brackets stay; two names run together across a line break ("... (nelfinavir) Hepatitis
    C ...") are parted too. A cell that reads like a phrase rather than a list is kept whole."""
    names, depth, start = [], 0, 0
    text = clean(cell)
    for i, char in enumerate(text):
        depth += (char == "(") - (char == ")")
        if depth == 0 and (char == "," or (char == ")" and re.match(r"\)\s+[A-Z]", text[i:]))):
            names.append(text[start:i + (char == ")")])
            start = i + 1
    names.append(text[start:])
    names = [n.strip(" ,") for n in names if n.strip(" ,")]
    if len(names) < 2 or any(len(re.sub(r"\([^)]*\)", "", n).split()) > 5 for n in names):
        return [cell]
    return names


def read_interactions(ctx: Context) -> list[Interaction]:
    label = ctx.label
    found: list[Interaction | None] = []
    section = label.first(loinc.DRUG_INTERACTIONS)
    if section:
        for part in section.highlight:
            if isinstance(part, Table):
                for row in part.rows:
                    cells = [c for c in row if clean(c)]
                    if len(cells) == 2:
                        found.extend(_interaction(ctx, agent, cells[1], section) for agent in split_agents(cells[0]))
            else:
                for text in [part] if isinstance(part, str) else part:
                    agent, sep, rest = clean(text).partition(":")
                    if sep and len(agent.split()) <= 6:
                        found.append(_interaction(ctx, agent, rest, section))
        if not any(found):
            for child in section.children:
                first = section_sentences(child)
                if child.title and first:
                    found.append(_interaction(ctx, child.title, first[0], section))
        if not any(found):
            for s in sentences(section.text()):
                agent, sep, rest = s.partition(":")
                if sep and 1 <= len(agent.split()) <= 5 and rest.strip():
                    found.append(_interaction(ctx, agent, sentences(rest)[0] if sentences(rest) else rest, section))
    for warnings in label.all(loinc.WARNINGS, loinc.WARNINGS_AND_PRECAUTIONS):
        for child in warnings.children:
            m = re.search(r"(?i)(?:combined|concomitant) use (?:of \w+ )?(?:and|with) (.+)$", child.title or "")
            first = section_sentences(child)
            if m and first:
                found.append(_interaction(ctx, m.group(1), first[0], warnings))
    for section in label.all(loinc.ASK_DOCTOR_PHARMACIST):
        for item in section.items() or [section.text()]:
            m = re.search(r"(?i)\btaking\s+(.+)$", clean(item))
            if m:
                found.append(_interaction(ctx, m.group(1).rstrip("."), "Ask a doctor or pharmacist before use.",
                                          section))
    when_using = label.first(loinc.WHEN_USING)
    for item in (when_using.items() if when_using else []):
        if re.search(r"(?i)alcohol", item):
            found.append(_interaction(ctx, "alcohol", item, when_using))
    seen: set[str] = set()
    unique = []
    for i in found:
        if i and i.with_.lower() not in seen:
            seen.add(i.with_.lower())
            unique.append(i)
    return unique[:15]
