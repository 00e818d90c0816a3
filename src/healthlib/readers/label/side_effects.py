"""Side effects: common ones with frequencies from adverse-reaction tables (or the label's "most
common" sentence), and serious ones from the warnings."""

from __future__ import annotations

import re

from healthlib.model.monograph import Fact, LabelExcerpt, SideEffect, SideEffects
from healthlib.readers import loinc
from healthlib.readers.label.context import Context, make_fact
from healthlib.readers.label.document import Section, section_sentences, titled_texts
from healthlib.readers.label.text import NUM, clean, excerpt_of, name_case, sentence_case, sentences

_WARNING_SKIP = re.compile(r"(?i)^(general|usage in pregnancy|pregnancy|nursing|lactation|information for "
                           r"patients|laboratory tests|drug interactions|use in|carcinogenesis|pediatric|"
                           r"geriatric|(?:combined|concomitant) use)\b")


def _topics(section: Section) -> list[tuple[str, str]]:
    """(topic, detail) pairs from a warnings section: Highlights bullets "Topic: detail (5.1)",
    else each subsection's title and text."""
    found: list[tuple[str, str]] = []
    for part in section.highlight:
        for text in ([part] if isinstance(part, str) else part if isinstance(part, list) else []):
            topic, sep, detail = clean(text).partition(":")
            if sep and len(topic.split()) <= 12:
                found.append((topic, detail))
            elif clean(text):
                found.append(("", clean(text)))
    if found:
        return found
    for part in section.parts:  # OTC: "Liver warning: ...", "Allergy alert: ..."
        if isinstance(part, str):
            m = re.match(r"^([A-Z][\w ,'\-]{2,60}?(?:warning|alert))\s*:\s*(.+)$", clean(part), re.I)
            if m:
                found.append((m.group(1), m.group(2)))
    for child in section.children:
        if child.code in _OTC_WARNING_PARTS:
            continue
        if child.title:
            found.append((child.title, child.text()))
        elif child.number:  # openFDA: "5.1 Abrupt Cessation of Therapy Do not stop ..."
            found.append(("", re.sub(r"^\d+(?:\.\d+)*\s+", "", child.text())))
    if not found and section.code == loinc.WARNINGS_AND_PRECAUTIONS:
        own = [t for t in section.parts if isinstance(t, str)]
        found = [("", s) for s in sentences(clean(" ".join(own)))[:3]]
    return found


# Drug Facts warnings read on their own (contraindications, cautions, stop use ...)
_OTC_WARNING_PARTS = frozenset({
    loinc.DO_NOT_USE, loinc.ASK_DOCTOR, loinc.ASK_DOCTOR_PHARMACIST, loinc.WHEN_USING, loinc.STOP_USE,
    loinc.KEEP_OUT_OF_REACH, loinc.PREGNANCY_OR_BREASTFEEDING,
})


def read_side_effects(ctx: Context) -> tuple[SideEffects, LabelExcerpt | None]:
    label = ctx.label
    common: list[SideEffect] = []
    ar = label.first(loinc.ADVERSE_REACTIONS)
    if ar:
        cite = ctx.cites.of(ar)
        common = _table_effects(ctx, ar, cite) or _sentence_effects(ctx, ar, cite)
    serious: list[Fact] = []
    boxed = [ctx.say(sentence_case(clean(s.title or ""))).lower()[:40] for s in label.all(loinc.BOXED_WARNING)]
    boxed += [ctx.say(sentence_case(t)).lower()[:40] for s in label.all(loinc.BOXED_WARNING)
              for t in list(s.texts())[:3] if len(t.split()) <= 15]
    for section in label.all(loinc.WARNINGS_AND_PRECAUTIONS, loinc.WARNINGS):
        for topic, detail in _topics(section):
            if topic and _WARNING_SKIP.match(topic):
                continue
            first = sentences(clean(detail))
            if not topic and not first:
                continue
            text = sentence_case(topic) if topic else first.pop(0)
            if ctx.say(text).lower()[:40] in boxed:
                continue  # already shown, first, as the boxed warning
            fact = make_fact(ctx, text, section, why=first[0] if first else None)
            if fact:
                serious.append(fact)
    stop = label.first(loinc.STOP_USE)
    if stop:
        items = stop.items() or section_sentences(stop)
        for item in items:
            fact = make_fact(ctx, f"Stop use and ask a doctor if {clean(item).rstrip('.')}", stop)
            if fact:
                serious.append(fact)
    excerpt = None
    if not common and ar:
        quoted = excerpt_of(titled_texts(ar))
        if quoted:
            excerpt = LabelExcerpt(text=quoted, cite=ctx.cites.of(ar))
            if not serious:
                serious.append(Fact(text="The label lists the side effects quoted below.", cite=ctx.cites.of(ar)))
    return SideEffects(common=common[:15], serious=serious[:10]), excerpt


_PERCENT_CELL = re.compile(rf"^\(?({NUM})\s*%?\)?$")
_COUNT_PERCENT_CELL = re.compile(rf"^\d+\s*\(\s*({NUM})\s*%?\s*\)$")
_LESS_THAN_CELL = re.compile(rf"^(?:<|less than)\s*({NUM})\s*%?$", re.I)
_NOT_A_REACTION = re.compile(r"(?i)^(any|total|all|overall|patients|subjects|number|percent|body as a whole$|"
                             r"system organ class|n\b|n\s*=)")


def _cell_percent(cell: str) -> tuple[float, str] | None:
    cell = cell.strip().replace(" ", "") if re.fullmatch(r"[\d.\s%()<]+", cell.strip()) else cell.strip()
    for pattern, less in ((_PERCENT_CELL, False), (_COUNT_PERCENT_CELL, False), (_LESS_THAN_CELL, True)):
        m = pattern.match(cell)
        if m:
            value = float(m.group(1))
            if value > 100:
                return None
            return value, (f"less than {value:g}" if less else f"{value:g}")
    return None


def _table_effects(ctx: Context, section: Section, cite: list[str]) -> list[SideEffect]:
    """Side effects with frequencies from the first adverse-reaction table that gives
    percentages: the medicine's column (all doses, or the range over dose columns) and the
    placebo column beside it."""
    names = {n.lower() for n in (ctx.label.brand, *ctx.label.ingredients) if n}
    for table in section.tables():
        width = max((len(r) for r in [*table.header, *table.rows]), default=0)
        if width < 2 or not table.rows:
            continue
        heads = [" ".join(row[i] for row in table.header if i < len(row)).strip() for i in range(width)]
        says_percent = "%" in table.caption or "percent" in table.caption.lower() or \
            any("%" in h for h in heads) or any("%" in c for r in table.rows for c in r[1:])
        if not says_percent:
            continue
        placebo = [i for i in range(1, width) if re.search(r"(?i)placebo|vehicle", heads[i])]
        drug = [i for i in range(1, width) if i not in placebo and
                not re.search(r"(?i)comparator|control|active|total\s*$", heads[i])]
        overall = [i for i in drug if re.search(r"(?i)any dose|all doses|overall|combined", heads[i])]
        named = [i for i in drug if any(n in heads[i].lower() for n in names)]
        columns = overall[:1] or (named if named else drug)
        if not columns:
            continue
        effects: list[SideEffect] = []
        for row in table.rows:
            if len(row) < width or not row[0].strip():
                continue
            name = re.sub(r"[*†‡§¶#]+|\s+[a-d]$", "", clean(row[0])).strip(" :")
            if not name or _NOT_A_REACTION.match(name) or len(name.split()) > 8:
                continue
            values = [v for i in columns if (v := _cell_percent(row[i]))]
            if not values:
                continue
            lows = [v[0] for v in values]
            if len(values) == 1:
                frequency = f"{values[0][1]} in 100 people"
            else:
                frequency = f"{min(lows):g} to {max(lows):g} in 100 people"
            pv = _cell_percent(row[placebo[0]]) if placebo else None
            exact = pv is not None and not pv[1].startswith("less")
            if pv and not exact:
                frequency += f"; {pv[1]} in 100 on a dummy medicine (placebo)"
            effects.append(SideEffect(name=ctx.say(name_case(name), explain=True), frequency=frequency,
                                      percent=max(lows), placebo_percent=pv[0] if exact else None,
                                      comparator="a dummy medicine (placebo)" if exact else None, cite=cite))
        if len(effects) >= 2:
            effects.sort(key=lambda e: -(e.percent or 0))
            return effects
    return []


def _sentence_effects(ctx: Context, section: Section, cite: list[str]) -> list[SideEffect]:
    """'most common adverse reactions ... were: nasopharyngitis (8.3%), arthralgia (6.9%)'
    or '(incidence ≥ 2%) ... are: a, b, c'."""
    texts = [t for p in section.highlight for t in ([p] if isinstance(p, str) else p if isinstance(p, list) else [])]
    for text in [*texts, *section.texts()]:
        for s in sentences(clean(text)):
            if not re.search(r"(?i)most common(?:ly reported)? (?:adverse reactions|side effects)", s):
                continue
            pairs = re.findall(rf"([A-Za-z][A-Za-z ,'\-]{{2,60}}?)\s*\(\s*({NUM})\s*%\s*\)", s.split(":", 1)[-1])
            if len(pairs) >= 2:
                return [SideEffect(name=ctx.say(name_case(n.strip(" ,").removeprefix("and ").strip()), explain=True),
                                   frequency=f"{float(p):g} in 100 people", percent=float(p), cite=cite)
                        for n, p in pairs]
            m = re.search(rf"(?:≥|>=|>|at least|greater than)\s*({NUM})\s*%", s)
            if m and ":" in s:
                names = [n.strip(" .") for n in re.split(r",\s*|\s+and\s+", s.split(":", 1)[1]) if n.strip(" .")]
                names = [n for n in names if 0 < len(n.split()) <= 6]
                if len(names) >= 2:
                    return [SideEffect(name=ctx.say(name_case(n), explain=True),
                                       frequency=f"{m.group(1)} or more in 100 people", cite=cite)
                            for n in names]
    return []
