"""Overdose, missed dose, driving and storage: what to do, as the label states it."""

from __future__ import annotations

import re
from collections.abc import Callable

from healthlib.model.monograph import Fact, Overdose
from healthlib.readers import loinc
from healthlib.readers.label.context import Context
from healthlib.readers.label.document import Section, section_sentences
from healthlib.readers.label.text import clean, sentences

# short sentences: a frightened reader takes in one step at a time
_EMERGENCY = ("If someone may have taken too much, get help now. Call 911 or your local emergency "
              "number. Or call Poison Control at 1-800-222-1222 (in the US).")


def read_overdose(ctx: Context) -> Overdose | None:
    label = ctx.label
    section = label.first(loinc.OVERDOSAGE)
    if section:
        text = clean(section.text())
        signs: list[str] = []
        about = next((s for s in sentences(text) if re.search(
            r"(?i)(?:symptoms|signs|manifestations) of (?:acute )?over ?dos(?:e|age)", s)), None)
        m = None
        if about:
            m = re.search(r":\s*([^:]+?)\.?$", about) or re.search(
                r"(?i)\b(?:include|are|were|would be|may include)\s+([^.]+)", about)
        if m:
            body = re.sub(r"\b\d\)\s*", "", m.group(1))
            for sign in re.split(r",\s*(?:or\s+|and\s+)?|\s+or\s+|\s+and\s+", body):
                sign = sign.strip(" .;")
                if 1 <= len(sign.split()) <= 6:
                    signs.append(ctx.say(sign))
        lead = [s for s in sentences(text) if re.search(r"(?i)no specific (?:antidote|treatment)|no known antidote|"
                                                          r"fatal|death|deaths", s)][:1]
        said = " ".join(ctx.say(s) for s in lead)
        return Overdose(signs=signs[:8], text=f"{said} {_EMERGENCY}".strip(), cite=ctx.cites.of(section))
    keep = label.first(loinc.KEEP_OUT_OF_REACH)
    if keep:
        over = [s for s in section_sentences(keep) if re.search(r"(?i)overdose|swallowed", s)]
        if over:
            return Overdose(text=f"{ctx.say(over[0])} {_EMERGENCY}", cite=ctx.cites.of(keep))
    return None


def _first_sentence_matching(ctx: Context, sections: list[Section], pattern: str, *, following: int = 0,
                             transform: Callable[[str], str] | None = None) -> Fact | None:
    for section in sections:
        found = section_sentences(section)
        for i, s in enumerate(found):
            if re.search(pattern, s, re.I):
                picked = [s]
                for nxt in found[i + 1:i + 1 + following]:
                    if re.match(r"(?i)(do not|wait|take|skip|if you|never|don't)\b", nxt):
                        picked.append(nxt)
                    else:
                        break
                text = " ".join(ctx.say(p) for p in picked)
                return Fact(text=transform(text) if transform else text, cite=ctx.cites.of(section))
    return None


_PATIENT_SECTIONS = (loinc.PATIENT_INFO, loinc.MEDGUIDE, loinc.PATIENT_MEDICATION_INFO, loinc.INFO_FOR_PATIENTS)


def read_missed_dose(ctx: Context) -> Fact | None:
    return _first_sentence_matching(ctx, ctx.label.all(*_PATIENT_SECTIONS, loinc.DOSAGE),
                                    r"\bif (?:you )?miss(?:ed)? (?:a )?dose\b|\bmissed dose\b", following=3)


def read_driving(ctx: Context) -> Fact | None:
    return _first_sentence_matching(
        ctx, ctx.label.all(loinc.WHEN_USING, loinc.WARNINGS_AND_PRECAUTIONS, loinc.WARNINGS, loinc.PRECAUTIONS,
                           loinc.INFO_FOR_PATIENTS, *_PATIENT_SECTIONS),
        r"\bdriv(?:e|ing)\b|operat(?:e|ing) (?:heavy |hazardous )?machinery|hazardous (?:tasks|activities)")


def read_storage(ctx: Context) -> Fact | None:
    label = ctx.label
    store = re.compile(r"(?i)\b(?:store|protect from|keep (?:tightly|in a dry))\b")
    for section in label.all(loinc.STORAGE, loinc.HOW_SUPPLIED, loinc.UNCLASSIFIED):
        picks = [s[m.start():] for s in section_sentences(section) if (m := store.search(s))]
        if picks:
            text = " ".join(ctx.say(re.sub(r"\s*\[see USP[^\]]*\]", "", p)) for p in picks[:2])
            cite_section = section if section.code != loinc.HOW_SUPPLIED else section
            return Fact(text=text[:1].upper() + text[1:], cite=ctx.cites.of(cite_section))
    return None
