"""The composer: one Monograph becomes one Article, in the exemplar's order of sections.

It never touches SQL or HTTP. Every block carries the ids of the sources behind it, and a
section with no sourced facts is left out rather than padded.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from healthlib.compose.faq import compose_faq
from healthlib.compose.key_facts import EMERGENCY_LINE, key_facts
from healthlib.compose.phrasing import (
    after_colon,
    asides_out,
    inline_list,
    pick,
    sentence_key,
    split_sentences,
    use_sentences,
    without_repeated_brackets,
)
from healthlib.compose.readability import readability
from healthlib.model.article import (
    Article,
    ArticleSection,
    Block,
    BrandRef,
    ListItem,
    ReadabilityScore,
    SourceRef,
    section_rank,
)
from healthlib.model.dose import Amount, times_per_day
from healthlib.model.monograph import (
    Dose,
    Fact,
    Form,
    Interaction,
    Monograph,
    Pill,
    SideEffect,
    display_name,
)
from healthlib.model.text import join_words, lower_first, merge_cites, sentence

Titles = Mapping[str, str]  # slug -> display title of every guide in the library


def compose_article(m: Monograph, titles: Titles | None = None) -> Article:
    titles = dict(titles or {})
    titles.setdefault(m.slug, m.title)
    name = mid_sentence_name(m)  # "baclofen": the guide's name where it falls inside a sentence
    builders: list[Callable[[Monograph, str, Titles], ArticleSection | None]] = [
        _key_facts, _what_is, _uses, _how_it_works, _how_to_take, _duration, _side_effects,
        _who_should_not_take, _brand_names, _alternatives,
    ]
    sections = [s for build in builders if (s := build(m, name, titles))]
    sections += [s for c in m.comparisons if (s := _comparison(m, name, titles, c.slug))]
    sections += [s for build in (_interactions, _storage) if (s := build(m, name, titles))]
    sections = _with_excerpts(sections, m, name)
    if m.origin == "label":  # label sentences that end in long lists read as lists
        sections = [s.model_copy(update={"blocks": _unpacked(s.blocks)}) for s in sections]
    # the questions answer only what no section already says
    said = {sentence_key(x) for sec in sections for b in sec.blocks if sec.id != "key-facts"
            for x in split_sentences(" ".join([b.text or "", *(i.text for i in b.items or [])]))}
    faq = compose_faq(m, name, said)
    if faq:
        sections.append(ArticleSection(id="faq", heading=f"Questions people ask about {name}", blocks=[]))
    article = Article(
        slug=m.slug,
        title=m.title,
        generic_name=m.generic_name,
        brand_names=[BrandRef(name=b.name, form=b.form, note=b.note, discontinued=b.discontinued)
                     for b in m.brand_names],
        drug_class=m.drug_class.text,
        class_name=m.class_name,
        rx_status=m.rx_status,
        updated=m.updated.isoformat(),
        summary=sentence(m.summary.text),
        conditions=_conditions(m),
        sections=sections,
        faq=faq,
        sources=[SourceRef(id=s.id, title=s.title, publisher=s.publisher, url=s.url,
                           date=s.checked.isoformat() if s.checked else None,
                           label_version=s.effective_date.isoformat() if s.effective_date else None)
                 for s in m.sources],
        readability=ReadabilityScore(fk_grade=0.0, words=0),
        origin=m.origin,
        checked_note=_checked_note(m),
    )
    score = readability(article_text(article))
    article.readability = ReadabilityScore(fk_grade=score.fk_grade, words=score.words)
    return article


def _checked_note(m: Monograph) -> str | None:
    """The truth about checking: which sources a person re-read, and since when none were."""
    if m.origin == "label":
        return (f"This guide was made from the official label dated {m.updated:%-d %B %Y}. "
                "A person has not reviewed it.")
    unchecked = [s for s in m.sources if s.checked is None]
    if not unchecked:
        return None
    return (f"This guide was written from these sources on {m.updated:%-d %B %Y}. "
            + ("It has not been checked against the current labels since then."
               if len(unchecked) == len(m.sources) else
               "Sources without a date have not been checked against their current version since then."))


def mid_sentence_name(m: Monograph) -> str:
    """A generic name is an ordinary word: lower case inside a sentence ("take baclofen")."""
    return m.generic_name if m.generic_name[:1].islower() else m.title


def _other_name(titles: Titles, slug: str) -> str:
    return lower_first(titles.get(slug, display_name(slug)))


def article_text(article: Article) -> str:
    """The reading text of a guide (blocks and FAQ answers), for readability and search."""
    parts: list[str] = []
    for section in article.sections:
        for block in section.blocks:
            if block.text:
                parts.append(block.text)
            for item in block.items or []:
                parts.append(sentence(item.text))
    parts.extend(f.answer for f in article.faq)
    return "\n".join(parts)


def _unpacked(blocks: list[Block]) -> list[Block]:
    """Blocks with each long sentence that ends in a list ("Ask a doctor if the child has: a,
    b, c, d") turned into its lead and a list, every word kept (`phrasing.inline_list`)."""
    out: list[Block] = []
    for block in blocks:
        if block.type not in ("excerpt", "table"):  # a gloss once per text; long asides after
            block = block.model_copy(update={
                "text": block.text and asides_out(without_repeated_brackets(block.text)),
                "items": block.items and [i.model_copy(update={"text": asides_out(without_repeated_brackets(i.text))})
                                          for i in block.items]})
        if block.type in ("paragraph", "warning") and block.text and (found := inline_list(block.text)):
            lead, items, rest = found
            out.append(block.model_copy(update={"text": lead}))
            out.append(Block(type="list", citations=list(block.citations),
                             items=[ListItem(text=sentence(i), citations=list(block.citations)) for i in items]))
            if rest:
                out.append(Block(type="paragraph", text=rest, citations=list(block.citations)))
        elif block.type == "list" and block.items and any(inline_list(i.text) for i in block.items):
            kept: list[ListItem] = []
            for item in [*block.items, None]:
                found = inline_list(item.text) if item else None
                if item and not found:
                    kept.append(item)
                    continue
                if kept:  # the items before this one stay a list of their own
                    out.append(block.model_copy(update={"items": kept}))
                    kept = []
                if not found or not item:
                    continue
                lead, items, rest = found
                out.append(Block(type="paragraph", text=lead, citations=list(item.citations)))
                out.append(Block(type="list", citations=list(item.citations),
                                 items=[ListItem(text=sentence(i), citations=list(item.citations)) for i in items]))
                if rest:  # what the label says after the list belongs to the whole item
                    out.append(Block(type="paragraph", text=rest, citations=list(item.citations)))
        else:
            out.append(block)
    return out


def _conditions(m: Monograph) -> list[str]:
    seen: dict[str, None] = {}
    for term in [*m.conditions, *(u.condition for u in m.uses if not u.off_label)]:
        seen.setdefault(term.strip().lower(), None)
    return list(seen)


def _para(fact: Fact) -> Block:
    text = sentence(fact.text)
    if fact.why:
        text += " " + sentence(fact.why)
    return Block(type="paragraph", text=text, citations=list(fact.cite))


def _warning(fact: Fact) -> Block:
    block = _para(fact)
    block.type = "warning"
    block.applies_to = fact.applies_to
    return block


def _fact_list(facts: list[Fact]) -> Block:
    return Block(
        type="list",
        items=[ListItem(text=sentence(f.text) + (" " + sentence(f.why) if f.why else ""),
                        citations=list(f.cite)) for f in facts],
        citations=merge_cites(*(f.cite for f in facts)),
    )


# Headings for sections that hold nothing but a quoted label excerpt.
_EXCERPT_HEADINGS = {
    "uses": "What is {n} used for?", "how-to-take": "How should I take {n}?",
    "duration": "How long should I take {n}?", "side-effects": "What are the side effects of {n}?",
    "who-should-not-take": "Who should not take {n}?", "interactions":
    "Can I take {n} with other medicines, food or alcohol?", "storage": "How should I store {n}?",
}


def _with_excerpts(sections: list[ArticleSection], m: Monograph, name: str) -> list[ArticleSection]:
    """Add each quoted label excerpt to its section, making the section if only the excerpt exists."""
    by_id = {s.id: s for s in sections}
    for section_id, excerpt in m.label_excerpts.items():
        section = by_id.get(section_id)
        if section is None:
            heading = _EXCERPT_HEADINGS.get(section_id)
            if heading is None:
                continue
            section = by_id[section_id] = ArticleSection(id=section_id, heading=heading.format(n=name), blocks=[])
        section.blocks.append(Block(type="excerpt", text=excerpt.text, citations=list(excerpt.cite)))
    return sorted(by_id.values(), key=lambda s: section_rank(s.id))


def _key_facts(m: Monograph, name: str, _: Titles) -> ArticleSection | None:
    items = key_facts(m, name)
    if not items:
        return None
    block = Block(type="list", items=items, citations=merge_cites(*(i.citations for i in items)))
    return ArticleSection(id="key-facts", heading="Key facts", blocks=[block])


def _what_is(m: Monograph, name: str, _: Titles) -> ArticleSection:
    # boxed warnings first; one that applies to a single form (a spinal pump) after the others
    blocks = [_warning(w) for w in sorted(m.boxed_warnings, key=lambda w: w.applies_to is not None)]
    blocks.append(_para(m.summary))
    status = {
        "prescription": "You need a prescription for it.",
        "otc": "You can buy it without a prescription.",
        "both": "Some forms need a prescription, and some you can buy without one.",
    }[m.rx_status]
    kind = "{n} is {c}."
    class_text = lower_first(m.drug_class.text.rstrip("."))
    # a summary that already names the class (common in label-made guides) is not repeated
    text = "" if class_text.lower() in m.summary.text.lower() else kind.format(n=m.title, c=class_text)
    if m.is_combination:
        text += f" It is a mix of {join_words(m.ingredients)} in one product."
    blocks.append(Block(type="paragraph", text=f"{text} {status}".strip(), citations=list(m.drug_class.cite)))
    if m.forms:
        lead = pick(["It comes in these forms:", "You may get it as:", "It is made as:"], m.slug, "forms")
        cites = merge_cites(*(f.cite for f in m.forms))
        blocks.append(Block(type="paragraph", text=lead, citations=cites))
        blocks.append(Block(type="list", citations=cites, items=[
            ListItem(text=_form_text(f), citations=list(f.cite)) for f in m.forms]))
    return ArticleSection(id="what-is", heading=f"What is {name}?", blocks=blocks)


def _form_text(f: Form) -> str:
    text = sentence(f.form).rstrip(".")
    if f.strengths:
        text += f" ({join_words(f.strengths)})"
    looks = appearance_text(f)
    if looks:
        text += f". {looks}"
    return text


_SCORE_WORDS = {2: "in half", 3: "in thirds", 4: "in quarters"}


def pill_text(pill: Pill) -> str:
    """'Imprint VGR 50, blue, diamond, 9 mm, with a line to break it in half' (no strength)."""
    parts = []
    if pill.imprint:
        parts.append("imprint " + " ".join(pill.imprint.split(";")))
    if pill.colors:
        parts.append(join_words(pill.colors))
    if pill.shape:
        parts.append(pill.shape)
    if pill.size_mm:
        parts.append(f"{pill.size_mm:g} mm")
    if pill.score and pill.score >= 2:
        parts.append(f"with a line to break it {_SCORE_WORDS.get(pill.score, f'into {pill.score} pieces')}")
    return ", ".join(parts)


def appearance_text(f: Form) -> str | None:
    """How a form looks, one sentence per strength: from its pills, else its words. Only pills
    from the source the form cites are described; other makers' are for the pill finder."""
    own = [p for p in f.pills if set(p.cite) & set(f.cite)]
    if not own:
        return sentence(f.appearance) if f.appearance else None
    lines = []
    for p in own:
        words = pill_text(p)
        line = sentence(f"{p.strength}: {words}" if p.strength and len(f.strengths) > 1 else words)
        if line not in lines:
            lines.append(line)
    return " ".join(lines)


def _uses(m: Monograph, name: str, _: Titles) -> ArticleSection | None:
    labelled = [u for u in m.uses if not u.off_label]
    off = [u for u in m.uses if u.off_label]
    blocks: list[Block] = []
    if labelled:
        lead = pick([f"{m.title} is used to treat:", f"Doctors prescribe {name} for:",
                     f"The main uses of {name} are:"], m.slug, "uses")
        blocks.append(Block(type="paragraph", text=lead, citations=merge_cites(*(u.cite for u in labelled))))
        blocks.append(Block(
            type="list",
            items=[ListItem(text=(use_sentences if m.origin == "label" else sentence)(u.condition) + (" " + sentence(u.note) if u.note else ""),
                            citations=list(u.cite)) for u in labelled],
            citations=merge_cites(*(u.cite for u in labelled))))
    if off:
        blocks.append(Block(
            type="paragraph",
            text="Some doctors also use it for things the label does not list. This is called off-label use.",
            citations=merge_cites(*(u.cite for u in off))))
        blocks.append(Block(
            type="list",
            items=[ListItem(text=sentence(u.condition) + (" " + sentence(u.note) if u.note else ""),
                            citations=list(u.cite)) for u in off],
            citations=merge_cites(*(u.cite for u in off))))
    if m.not_for:
        # uses the label rules out: apart from off-label uses, so nobody reads them as allowed
        blocks.append(Block(type="paragraph", text=f"What {m.generic_name} is not for:",
                            citations=merge_cites(*(f.cite for f in m.not_for))))
        blocks.append(_fact_list(m.not_for))
    return ArticleSection(id="uses", heading=f"What is {name} used for?", blocks=blocks) if blocks else None


def _how_it_works(m: Monograph, name: str, _: Titles) -> ArticleSection | None:
    mechanism = m.mechanism
    # a label's mechanism that did not come out as a plain sentence is left out, not shown raw
    if mechanism and m.origin == "label" and readability(mechanism.text).fk_grade > PLAIN_GRADE:
        mechanism = None
    blocks = [_para(f) for f in (mechanism, m.onset) if f]
    return ArticleSection(id="how-it-works", heading=f"How does {name} work?", blocks=blocks) if blocks else None


PLAIN_GRADE = 8.0  # the project's reading-grade limit


def _how_to_take(m: Monograph, name: str, _: Titles) -> ArticleSection | None:
    h = m.how_to_take
    blocks = [_para(f) for f in (h.frequency, h.food, h.swallowing) if f]
    if h.doses:
        # the table says where its doses come from; the OTC label itself is the reader's guide
        who_sets = ("Follow the label on the pack." if m.rx_status == "otc"
                    else "Your doctor sets your dose, so take it just as they say.")
        blocks.append(Block(type="paragraph", text=f"The label's usual doses, not advice for you. {who_sets}",
                            citations=merge_cites(*(d.cite for d in h.doses))))
        blocks.append(Block(type="table", rows=_dose_rows(h.doses),
                            citations=merge_cites(*(d.cite for d in h.doses))))
    if h.adjustments:
        blocks.append(_fact_list(h.adjustments))
    blocks += [_para(f) for f in h.tips]
    return ArticleSection(id="how-to-take", heading=f"How should I take {name}?", blocks=blocks) if blocks else None


def _dose_label(amount: Amount | None, per: str, frequency: str | None = None) -> str:
    if amount is None:
        return "—"
    text = amount.render()
    if frequency and per in {"day", "week"} and times_per_day(frequency) not in {1, 1 / 7, None}:
        return f"{text} a {per} in all, taken {frequency}"  # a day's total, split into doses
    if frequency:
        return f"{text} {frequency}"
    return {"dose": f"{text} a dose", "day": f"{text} a day", "week": f"{text} a week",
            "course": f"{text} in all"}[per]


def _dose_rows(doses: list[Dose]) -> list[list[str]]:
    rows = [["Who", "For", "Starting dose", "Usual dose", "Most in a day or dose", "Notes"]]
    for d in doses:
        if d.start is None and d.usual is None and d.max is None and re.match(r"(?i)do not (use|give|take)\b", d.note or ""):
            # a label's "do not use" row says so in the table, not as a row of dashes
            said = sentence(d.note).rstrip(".")
            rows.append([sentence(d.population).rstrip("."), d.indication or "—", said, "—", "—",
                         " ".join(sentence(x) for x in (d.increase,) if x) or "—"])
            continue
        rows.append([
            sentence(d.population).rstrip("."),
            d.indication or "—",
            _dose_label(d.start, "dose", d.start_frequency),
            _dose_label(d.usual, d.usual_per, d.usual_frequency),
            _dose_label(d.max, d.max_per),
            " ".join(sentence(x) for x in (d.increase, d.note) if x) or "—",
        ])
    return rows


def _duration(m: Monograph, name: str, _: Titles) -> ArticleSection | None:
    blocks = [_warning(m.withdrawal)] if m.withdrawal else []
    blocks += [_para(f) for f in (m.duration, m.stopping) if f]
    return ArticleSection(id="duration", heading=f"How long should I take {name}?", blocks=blocks) if blocks else None


def _side_effects(m: Monograph, name: str, _: Titles) -> ArticleSection | None:
    se = m.side_effects
    blocks: list[Block] = []
    if se.intro:
        blocks.append(_para(se.intro))
    # the groups follow the figures: under 1 in 100 people in studies is "less common"
    common = [e for e in se.common if e.percent is None or e.percent >= 1]
    less = [e for e in se.common if e.percent is not None and e.percent < 1]
    if common:
        if any(e.frequency for e in common):
            lead = "These were the most common side effects in studies, with how many people in 100 had each one:"
        else:
            lead = pick(["The most common side effects are:", "Side effects that many people get include:"],
                        m.slug, "common")
        blocks.append(Block(type="paragraph", text=lead, citations=merge_cites(*(e.cite for e in common))))
        blocks.append(_effect_list(common))
    if less:
        blocks.append(Block(type="paragraph", text="Less common (fewer than 1 in 100 people in studies):",
                            citations=merge_cites(*(e.cite for e in less))))
        blocks.append(_effect_list(less))
    if se.serious:
        blocks += _serious_groups(se.serious)
    # the heading says what the figures say: a fact filed as rare whose own figure is 1 in 1,000
    # or more is not called rare (under 1 in 100 is "less common", as above)
    groups: dict[str, list[Fact]] = {}
    for f in se.rare:
        figure = stated_percent(f.text)
        heading = ("Rare but serious side effects:" if figure is None or figure < 0.1 else
                   "Less common but serious side effects:" if figure < 1 else
                   "Other side effects to know about:")
        groups.setdefault(heading, []).append(f)
    for heading, facts in groups.items():
        blocks.append(Block(type="paragraph", text=heading, citations=merge_cites(*(f.cite for f in facts))))
        blocks.append(_fact_list(facts))
    return ArticleSection(id="side-effects", heading=f"What are the side effects of {name}?", blocks=blocks) if blocks else None


_FIGURE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|percent\b)|\b(\d+) in (\d[\d,]*)\b")


def stated_percent(text: str) -> float | None:
    """The share of people a sentence gives ("about 7 in 100 people", "2%"), in percent."""
    m = _FIGURE.search(text)
    if not m:
        return None
    if m.group(1):
        return float(m.group(1))
    return 100 * int(m.group(2)) / int(m.group(3).replace(",", ""))


def _effect_list(effects: list[SideEffect]) -> Block:
    return Block(type="list", citations=merge_cites(*(e.cite for e in effects)), items=[
        ListItem(text=e.name[:1].upper() + e.name[1:], frequency=effect_frequency(e), percent=e.percent,
                 citations=list(e.cite)) for e in effects])


def _serious_groups(serious: list[Fact]) -> list[Block]:
    """Serious side effects grouped by what to do: an action two or more items end with
    ("Call 911 or your local emergency number.") leads its group once instead of every item."""
    shared = _shared_lead(serious)
    if shared:  # an OTC label's "Stop use and ask a doctor if …" items: the lead says it once
        facts = [f.model_copy(update={"text": sentence(f.text[len(shared):])}) for f in serious]
        return [Block(type="warning", text=f"{shared.strip()[:-3].rstrip()} if any of these happen:",
                      citations=merge_cites(*(f.cite for f in serious))), _fact_list(facts)]

    def action(f: Fact) -> str:
        if EMERGENCY_LINE in f.text:
            return EMERGENCY_LINE
        parts = split_sentences(f.text)
        return parts[-1] if len(parts) > 1 else ""
    counts: dict[str, int] = {}
    for f in serious:
        counts[action(f)] = counts.get(action(f), 0) + 1
    groups: dict[str, list[Fact]] = {}
    for f in serious:
        key = action(f) if action(f) and counts[action(f)] >= 2 else ""
        trimmed = " ".join(f.text.replace(key, " ").split()) if key else f.text
        groups.setdefault(key, []).append(f.model_copy(update={"text": trimmed}))
    blocks: list[Block] = []
    for key, facts in sorted(groups.items(), key=lambda kv: kv[0] != EMERGENCY_LINE):
        cites = merge_cites(*(f.cite for f in facts))
        lead = (f"{key[:-1]} if you notice any of these:" if key else
                "Get medical help right away if you notice any of these:" if not blocks and len(groups) == 1 else
                "Other serious side effects, each with what to do:")
        blocks.append(Block(type="warning", text=lead, citations=cites))
        blocks.append(_fact_list(facts))
    return blocks


def _shared_lead(facts: list[Fact]) -> str:
    """'Stop use and ask a doctor if ' when two or more items all open with those words."""
    if len(facts) < 2:
        return ""
    m = re.match(r"^((?:\S+ ){3,8}?if )", facts[0].text)
    lead = m.group(1) if m else ""
    return lead if lead and all(f.text.startswith(lead) for f in facts) else ""


def effect_frequency(effect: SideEffect) -> str | None:
    """'8 in 100 people; 8 in 100 on a dummy pill too': a rate beside what happened anyway."""
    if effect.placebo_percent is None or not effect.frequency:
        return effect.frequency
    # the same precision as the medicine's own figure: "6.9 … 6.5", or "about 8 … 8"
    exact = "." in effect.frequency
    shown = (lambda x: f"{x:g}") if exact else (lambda x: f"{int(x + 0.5)}")
    figure = shown(effect.placebo_percent) if exact or effect.placebo_percent >= 0.5 else "less than 1"
    too = " too" if effect.percent is not None and shown(effect.percent) == figure else ""
    return f"{effect.frequency}; {figure} in 100 on {effect.comparator or 'a dummy pill'}{too}"


_DO_NOT = re.compile(r"(?i)(do not|don't|never)\b")
_DO_NOT_TAKE_IF = re.compile(r"^(?:Do not|Don't|Never) (?:take|use) [\w-]+(?: and [\w-]+)? if ", re.I)


def _who_should_not_take(m: Monograph, name: str, _: Titles) -> ArticleSection | None:
    blocks: list[Block] = []
    if m.contraindications:
        # "Do not take X if you…" under a lead that says "Do not take X if…": the item keeps its
        # condition only; an item that cannot be cut that way means the list stands without a lead
        cut = [f.model_copy(update={"text": _DO_NOT_TAKE_IF.sub("", f.text)}) for f in m.contraindications]
        if any(_DO_NOT.match(f.text) for f in cut):
            blocks.append(_fact_list(m.contraindications))
        else:
            lead = (f"Do not use {name}:" if m.rx_status == "otc" and m.origin == "label"
                    else f"Do not take {name} if any of these apply to you:")
            blocks.append(Block(type="paragraph", text=lead,
                                citations=merge_cites(*(f.cite for f in m.contraindications))))
            blocks.append(_fact_list(cut))
    if m.cautions:
        blocks.append(Block(type="paragraph",
                            text="Talk with your doctor first if any of these apply to you:",
                            citations=merge_cites(*(f.cite for f in m.cautions))))
        blocks.append(_fact_list(m.cautions))
    # pregnancy, breastfeeding, kidney and liver are answered once, in the questions below
    blocks += [_para(f) for f in (m.older_adults, m.children) if f]
    return ArticleSection(id="who-should-not-take", heading=f"Who should not take {name}?", blocks=blocks) if blocks else None


def _brand_names(m: Monograph, name: str, _: Titles) -> ArticleSection | None:
    if not m.brand_names:
        return None
    items = []
    for b in m.brand_names:
        extra = [x for x in (b.form, b.note) if x]
        if b.discontinued and not any("no longer" in x or "discontinued" in x for x in extra):
            extra.append("discontinued")
        items.append(ListItem(text=b.name + (f" ({'; '.join(extra)})" if extra else ""), citations=list(b.cite)))
    lead = pick([f"{m.title} is sold under these brand names:", f"You may see {name} under these names:",
                 f"Brand names for {name} include:"], m.slug, "brands")
    cites = merge_cites(*(b.cite for b in m.brand_names))
    blocks = [Block(type="paragraph", text=lead, citations=cites), Block(type="list", items=items, citations=cites)]
    return ArticleSection(id="brand-names", heading=f"{m.title} brand names", blocks=blocks)


def _alternatives(m: Monograph, name: str, titles: Titles) -> ArticleSection | None:
    blocks: list[Block] = []
    if m.alternatives:
        lead = pick([f"If {name} is not right for you, your doctor may suggest another medicine:",
                     f"Other medicines can treat the same problems as {name}:"], m.slug, "alts")
        cites = merge_cites(*(a.cite for a in m.alternatives))
        blocks.append(Block(type="paragraph", text=lead, citations=cites))
        blocks.append(Block(type="list", citations=cites, items=[
            ListItem(text=f"{titles.get(a.slug, display_name(a.slug))}: {after_colon(a.note)}", citations=list(a.cite))
            for a in m.alternatives]))
    if m.non_drug_alternatives:
        blocks.append(Block(type="paragraph", text="Some options do not involve medicine:",
                            citations=merge_cites(*(f.cite for f in m.non_drug_alternatives))))
        blocks.append(_fact_list(m.non_drug_alternatives))
    return ArticleSection(id="alternatives", heading=f"Alternatives to {name}", blocks=blocks) if blocks else None


def _comparison(m: Monograph, name: str, titles: Titles, other: str) -> ArticleSection | None:
    comp = next(c for c in m.comparisons if c.slug == other)
    other_name = _other_name(titles, other)
    blocks = [_para(p) for p in comp.points]
    return ArticleSection(id=f"vs-{other}", heading=f"Is {name} better than {other_name}?", blocks=blocks)


def _interactions(m: Monograph, name: str, _: Titles) -> ArticleSection | None:
    if not m.interactions:
        return None
    # brand names keep their capital after a colon; one that starts with the generic name
    # ("Prednisone Intensol") must not make the generic a name
    names = {b.name for b in m.brand_names if not b.name.lower().startswith(m.generic_name.lower())}
    blocks: list[Block] = []
    major = [i for i in m.interactions if i.severity == "major"]
    # a label's many serious mixes are grouped under one lead instead of "(serious)" on each
    grouped = m.origin == "label" and len(major) > 2
    if major and not grouped:
        # name one or two; a longer list would make one very long sentence, so point to the list
        text = (f"Take special care with {join_words([i.with_ for i in major])}." if len(major) <= 2 else
                "Some of the mixes below can be serious. Those are listed first.")
        blocks.append(Block(type="warning", text=text, citations=merge_cites(*(i.cite for i in major))))
    blocks.append(Block(type="paragraph",
                        text="Tell your doctor and pharmacist about every medicine, herbal remedy and supplement you take.",
                        citations=merge_cites(*(i.cite for i in m.interactions))))
    order = {"major": 0, "moderate": 1, "minor": 2}

    def item(i: Interaction) -> ListItem:
        serious = " (serious)" if i.severity == "major" and not grouped else ""
        return ListItem(text=f"{sentence(i.with_).rstrip('.')}{serious}: "
                             + ("see the question about alcohol below." if i.kind == "alcohol" else
                                after_colon(i.text, names)),
                        link="#faq-alcohol" if i.kind == "alcohol" else None, citations=list(i.cite))
    if grouped:
        others = [i for i in m.interactions if i.severity != "major"]
        blocks.append(Block(type="warning", text="These mixes can be serious:",
                            citations=merge_cites(*(i.cite for i in major))))
        blocks.append(Block(type="list", items=[item(i) for i in major], citations=merge_cites(*(i.cite for i in major))))
        if others:
            blocks.append(Block(type="paragraph", text="Other mixes to know about:",
                                citations=merge_cites(*(i.cite for i in others))))
            blocks.append(Block(type="list", items=[item(i) for i in sorted(others, key=lambda i: order[i.severity])],
                                citations=merge_cites(*(i.cite for i in others))))
    else:
        items = [item(i) for i in sorted(m.interactions, key=lambda i: order[i.severity])]
        blocks.append(Block(type="list", items=items, citations=merge_cites(*(i.cite for i in m.interactions))))
    return ArticleSection(id="interactions", heading=f"Can I take {name} with other medicines, food or alcohol?",
                   blocks=blocks)


def _storage(m: Monograph, name: str, _: Titles) -> ArticleSection | None:
    blocks = [_para(f) for f in (m.storage, m.disposal) if f]
    return ArticleSection(id="storage", heading=f"How should I store {name}?", blocks=blocks) if blocks else None
