"""Who should not take it, or should take care: boxed warnings, contraindications, cautions, and
the special populations (pregnancy, breastfeeding, children, older adults, kidney, liver)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from healthlib.model.monograph import Fact, LabelExcerpt
from healthlib.model.text import merge_cites
from healthlib.readers import loinc
from healthlib.readers.label.context import Context, make_fact
from healthlib.readers.label.document import Section, section_sentences
from healthlib.readers.label.text import clean, excerpt_of, sentence_case, sentences, split_bullets


def read_boxed_warnings(ctx: Context) -> tuple[list[Fact], LabelExcerpt | None]:
    facts: list[Fact] = []
    quoted: list[str] = []
    cites: list[str] = []
    for section in ctx.label.all(loinc.BOXED_WARNING):
        texts = [t for t in section.texts() if clean(t)]
        quoted.extend(texts)
        cite = ctx.cites.of(section)
        cites = merge_cites(cites, cite)
        body = [t for t in texts if not re.fullmatch(r"(?i)\s*(boxed\s+)?warnings?:?\s*", clean(t))]
        heading = re.sub(r"(?i)^\s*warnings?\s*:?\s*", "", section.title or "").strip()
        if not heading and body and len(clean(body[0]).split()) <= 15:
            heading = body.pop(0)
        first = sentences(clean(" ".join(body)))
        if not heading and not first:
            continue
        text = ""
        if heading:
            text = ctx.say(sentence_case(clean(heading).rstrip(".:"))) + "."
        if first:
            text += " " + ctx.say(first[0])
        facts.append(Fact(text=text.strip(), cite=cite))
    excerpt = LabelExcerpt(text=excerpt_of(quoted, 2500), cite=cites) if quoted else None
    return facts, excerpt


def read_contraindications(ctx: Context) -> list[Fact]:
    label = ctx.label
    found: list[Fact] = []
    section = label.first(loinc.CONTRAINDICATIONS)
    if section:
        texts = [t for p in section.highlight for t in ([p] if isinstance(p, str) else p if isinstance(p, list) else [])]
        if not texts:
            texts = [c.title for c in section.children if c.title] or section.items()
        if not texts:
            texts = []
            for s in section_sentences(section):
                m = re.search(r"\bcontraindicated\b(?:\s+(?:in|for|with))?\s*(.*)$", s, re.I)
                if m and m.group(1).strip(" ."):
                    # "... in severe CNS depression and in individuals who are allergic ..."
                    texts.extend(re.split(r",?\s+and in (?=individuals|patients|people|those|women|children)",
                                          m.group(1)))
        for text in texts:
            if re.fullmatch(r"(?i)\s*none\.?\s*", clean(text)):
                continue
            fact = make_fact(ctx, clean(text).rstrip("."), section)
            if fact:
                found.append(fact)
    do_not_use = label.first(loinc.DO_NOT_USE)
    if do_not_use:
        for item in do_not_use.items() or section_sentences(do_not_use):
            fact = make_fact(ctx, clean(item).rstrip("."), do_not_use)
            if fact:
                found.append(fact)
    return found[:12]


def read_cautions(ctx: Context) -> list[Fact]:
    label = ctx.label
    found: list[Fact] = []
    for section in label.all(loinc.ASK_DOCTOR, loinc.ASK_DOCTOR_PHARMACIST):
        lead = clean(section.title or "Ask a doctor before use if you have").rstrip(":")
        items = [clean(i).rstrip(".") for raw in (section.items() or [section.text()])
                 for i in split_bullets(raw) or [raw]]
        fact = make_fact(ctx, f"{lead}: {', '.join(i for i in items if i)}", section)
        if fact:
            found.append(fact)
    for section in label.all(loinc.PRECAUTIONS, loinc.GENERAL_PRECAUTIONS):
        text = clean(" ".join(p for p in section.parts if isinstance(p, str)))
        m = re.search(r"should be (?:administered|used|given) (?:cautiously|with caution) (?:to|in) patients:?\s*(.*)",
                      text, re.I)
        if m:
            for item in re.split(r"\s-\s*(?=[a-z])|^-\s*", m.group(1)):
                item = re.split(r",\s*(?:because|since)\b|;", item)[0].strip(" .-")
                if 2 <= len(item.split()) <= 25:
                    who = "People " if re.match(r"(?i)(with|receiving|taking|who)\b", item) else ""
                    fact = make_fact(ctx, who + item, section)
                    if fact:
                        found.append(fact)
    return found[:12]


_KEY_SENTENCE = re.compile(
    r"contraindicated|should not|must not|do not|not recommended|avoid|not known|unknown|may cause|can cause|"
    r"(?:has|have) not been established|no (?:overall )?differences|not necessary|lower dose|reduc|adjust|"
    r"caution|discontinu|breast|excreted|pass(?:es)? into|ask a (?:doctor|health)|risk|harm|not been studied",
    re.I)
_ANIMAL = re.compile(r"\b(?:rats?|mice|rabbits?|dogs?|animals?|rodents?|pups?)\b", re.I)


def _key_sentences(texts: Iterable[str], limit: int = 2) -> list[str]:
    all_s = []
    for text in texts:
        text = re.sub(r"(?i)^\s*(?:\d+(?:\.\d+)*\s+)?pregnancy category [A-DX]\s*[.:]?\s*", "", clean(text))
        all_s += [re.sub(r"^(?:Also|However|Therefore|Thus|In addition),\s*", "", s)
                  for s in sentences(text) if len(s.split()) >= 4]
    all_s = [s[:1].upper() + s[1:] for s in all_s]
    human = [s for s in all_s if not _ANIMAL.search(s)]
    picks = [s for s in human if _KEY_SENTENCE.search(s)][:limit]
    return picks or human[:1] or all_s[:1]


def read_populations(ctx: Context) -> dict[str, Fact | None]:
    label = ctx.label

    def from_sections(sections: list[Section]) -> Fact | None:
        for section in sections:
            picks = _key_sentences(section.texts())
            if picks:
                return Fact(text=" ".join(ctx.say(s) for s in picks), cite=ctx.cites.of(section))
        return None

    def titled(pattern: str) -> list[Section]:
        roots = label.all(loinc.SPECIFIC_POPULATIONS, loinc.WARNINGS, loinc.PRECAUTIONS, loinc.DOSAGE,
                          loinc.CLINICAL_PHARMACOLOGY)
        out = []
        for root in roots:
            for s in root.walk():
                if s is not root and s.title and re.search(pattern, s.title, re.I):
                    out.append(_as_cited(s, root))
        return out

    def mentioned(pattern: str) -> list[Section]:
        """openFDA runs subsections together: find the sentences about it instead."""
        out = []
        for root in label.all(loinc.SPECIFIC_POPULATIONS):
            hits = [s for s in section_sentences(root) if re.search(pattern, s, re.I)]
            if hits and not any(c.title for c in root.children):
                out.append(Section(code=root.code, number=root.number, parts=hits[:2]))
        return out

    return {
        "pregnancy": from_sections([*label.all(loinc.PREGNANCY, loinc.TERATOGENIC),
                                    *titled(r"^(?:usage in )?pregnancy"), *label.all(loinc.PREGNANCY_OR_BREASTFEEDING)]),
        "breastfeeding": from_sections([*label.all(loinc.LACTATION, loinc.NURSING_MOTHERS),
                                        *label.all(loinc.PREGNANCY_OR_BREASTFEEDING)]),
        "children": from_sections(label.all(loinc.PEDIATRIC_USE)),
        "older_adults": from_sections(label.all(loinc.GERIATRIC_USE)),
        "kidney": from_sections([*titled(r"renal|kidney"), *mentioned(r"renal impairment|kidney")]),
        "liver": from_sections([*titled(r"hepatic|liver"), *mentioned(r"hepatic impairment|liver disease")]),
    }


def _as_cited(sub: Section, root: Section) -> Section:
    """A subsection read on its own but cited as the coded section it belongs to."""
    return Section(code=root.code, title=root.title, number=root.number,  # one source per coded section
                   parts=list(sub.parts), children=list(sub.children))
