"""Answering: choosing passages of the STORED Article (the guide as the library serves it).

Nothing here writes medical prose. Each answer is made of passages: a block, a list item or a
FAQ answer of the guide, with the guide's own citations and a link to its section. Which
passages answer a question type is a table (`RESPONDERS`): question type -> FAQ ids and
section ids, in order. What the question turns on (an allergy, a condition, a population, a
substance, a second medicine) is looked for first, and leads the answer when the guide speaks
of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from healthlib.ask.text import normalise
from healthlib.library.interactions import check_medicines
from healthlib.library.query import Library
from healthlib.model.article import Article, Block
from healthlib.model.text import sentence
from healthlib.model.urls import guide_url

MAX_UNITS = 6  # passages taken from one guide for one question type
MAX_FOCUS = 4  # passages that mention what the question turns on


@dataclass(frozen=True)
class Unit:
    """One passage of a stored guide."""

    slug: str
    anchor: str  # section id, or faq-<id>
    heading: str
    text: str
    citations: tuple[str, ...]  # source ids of the guide
    kind: str = "paragraph"  # paragraph | warning | list | item | table | faq


# -- reading a stored Article into passages ---------------------------------------------------------

def _table_text(block: Block) -> str:
    rows = block.rows or []
    if not rows:
        return ""
    header = [h.lower() for h in rows[0]]
    lines, notes = [], []
    for row in rows[1:]:
        who = row[0] + (f" ({row[1]})" if len(row) > 1 and row[1] not in {"—", ""} else "")
        cells = [(header[i], cell.rstrip(".")) for i, cell in enumerate(row) if i >= 2 and cell not in {"—", ""}]
        # a row's notes are told in lines of their own below the amounts
        parts = [f"{name}: {cell}" for name, cell in cells if name != "notes"]
        notes += [f"- {row[0]}: {cell}." for name, cell in cells if name == "notes"]
        lines.append(f"- {who}: " + ("; ".join(parts) + "." if parts else "see below."))
    text = "Usual doses on the label (not advice for you):\n" + "\n".join(lines)
    return text + ("\n\nWhat the label adds:\n" + "\n".join(notes) if notes else "")


def section_units(article: Article, section_id: str, items: bool = False) -> list[Unit]:
    """A section's blocks as passages; a list joins the line before it that leads into it.

    With items=True every list item is its own passage (for finding what a question turns on).
    """
    section = article.section(section_id)
    if section is None:
        return []
    out: list[Unit] = []
    lead: Block | None = None
    for block in section.blocks:
        cites = tuple(block.citations)
        if block.type == "list" and block.items:
            if items:
                # an item keeps the line that leads into it ("Do not take it if:"): bare, "You have
                # had an allergic reaction to it" would not say what it means
                lead_in = f"{(lead.text or '').strip()}\n- " if lead is not None else ""
                for item in block.items:
                    text = lead_in + item.text + (f" ({item.frequency})" if item.frequency else "")
                    out.append(Unit(article.slug, section.id, section.heading, text,
                                    tuple(item.citations or cites), "item"))
                lead = None
                continue
            lines = "\n".join(f"- {i.text}" + (f" ({i.frequency})" if i.frequency else "") for i in block.items)
            if lead is not None and out and out[-1].text == (lead.text or "").strip():
                prev = out.pop()
                out.append(Unit(article.slug, section.id, section.heading, f"{prev.text}\n{lines}",
                                tuple(dict.fromkeys((*prev.citations, *cites))), "list"))
            else:
                out.append(Unit(article.slug, section.id, section.heading, lines, cites, "list"))
            lead = None
            continue
        text = _table_text(block) if block.type == "table" else (block.text or "").strip()
        if text:
            out.append(Unit(article.slug, section.id, section.heading, text, cites,
                            "warning" if block.type == "warning" else "table" if block.type == "table"
                            else "paragraph"))
        lead_text = (block.text or "").rstrip()
        lead = block if lead_text.endswith(":") or (":" in lead_text and len(lead_text) < 200) else None
    return out


def faq_unit(article: Article, faq_id: str) -> Unit | None:
    entry = next((f for f in article.faq if f.id == faq_id), None)
    if entry is None:
        return None
    return Unit(article.slug, f"faq-{faq_id}", entry.question, entry.answer, tuple(entry.citations), "faq")


def all_units(article: Article) -> list[Unit]:
    """Every passage of the guide, list items one by one, FAQ included."""
    out: list[Unit] = []
    for s in article.sections:
        out += section_units(article, s.id, items=True)
    out += [u for f in article.faq if (u := faq_unit(article, f.id))]
    return out


# -- the responder table ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Responder:
    """Where a question type's answer is in a guide: FAQ ids first, then section ids."""

    faq: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()  # only these passage kinds (e.g. the dose table), when given
    words: tuple[str, ...] = ()  # only passages with one of these words, when given
    limit: int = MAX_UNITS
    note: str = ""
    lead_warnings: tuple[str, ...] = ()  # sections whose warning blocks (boxed warnings) come first  # said after the guide's passages (how to use them, never medical facts)


NOTE_DOSE = ("These are the usual doses from the label, not advice for you. Your doctor sets your dose: "
             "do not change it without talking to them.")
NOTE_INTERACTIONS = ("Before you take medicines together, ask your pharmacist: they can check everything "
                     "you take, including supplements.")
NOTE_INGREDIENTS = ("The guide does not list inactive ingredients (fillers, colours, lactose, gluten). They "
                    "differ between makers: the leaflet in the pack or your pharmacist can tell you.")
NOTE_APPEARANCE = ("Pills look different depending on who makes them. Never take a pill you cannot identify: "
                   "your pharmacist can check it for you.")

RESPONDERS: dict[str, Responder] = {
    "what_is": Responder(sections=("key-facts", "what-is"), limit=4),
    "uses": Responder(sections=("uses",)),
    "how_it_works": Responder(sections=("how-it-works",), limit=3),
    "how_to_take": Responder(sections=("how-to-take",), kinds=("paragraph", "warning", "list"),
                             words=("take", "swallow", "food", "time", "day", "dose", "use", "crush", "chew",
                                    "water", "inject", "apply", "spray", "inhale", "night", "morning"), limit=4),
    "dose": Responder(sections=("how-to-take",), kinds=("table", "paragraph", "list"),
                      words=("mg", "mcg", "dose", "doses", "kidney", "liver", "units", " ml"), limit=8,
                      note=NOTE_DOSE),
    "duration": Responder(sections=("duration",), limit=4),
    "onset": Responder(faq=("onset",), sections=("how-it-works",), limit=2),
    "side_effects": Responder(sections=("side-effects",), lead_warnings=("what-is",), limit=6),
    "interactions": Responder(sections=("interactions",), limit=8, note=NOTE_INTERACTIONS),
    "alcohol": Responder(faq=("alcohol",), sections=("interactions",), words=("alcohol", "drink"), limit=3),
    "food": Responder(faq=("food",), sections=("how-to-take", "interactions"),
                      words=("food", "meal", "eat", "grapefruit", "milk", "juice", "caffeine", "coffee",
                             "vitamin k", "stomach", "drink"), limit=4),
    "who_should_not_take": Responder(sections=("who-should-not-take",), limit=6),
    "pregnancy": Responder(faq=("pregnancy",), sections=("who-should-not-take",), words=("pregnan",), limit=2),
    "breastfeeding": Responder(faq=("breastfeeding",), sections=("who-should-not-take",),
                               words=("breastfeed", "breast milk"), limit=2),
    "missed_dose": Responder(faq=("missed-dose",), sections=("how-to-take",), words=("miss", "forget"), limit=2),
    "overdose": Responder(faq=("overdose",), sections=("side-effects",), kinds=("warning",), limit=2),
    "stopping": Responder(faq=("stopping",), sections=("duration",), limit=3),
    "storage": Responder(sections=("storage",), limit=3),
    "driving": Responder(faq=("driving",), limit=1),
    "alternatives": Responder(sections=("alternatives",), limit=4),
    "comparison": Responder(sections=("alternatives",), limit=3),
    "brand_names": Responder(sections=("brand-names",), limit=3),
    "ingredients": Responder(sections=("what-is",), limit=2, note=NOTE_INGREDIENTS),
    "appearance": Responder(sections=("what-is",), words=("tablet", "capsule", "form", "liquid", "colour",
                                                          "color", "mg"), limit=3, note=NOTE_APPEARANCE),
    "other": Responder(sections=("key-facts", "what-is"), limit=3),
}


# The composer's own pointers and reminders inside a guide ("Some of the mixes below can be
# serious", "Tell your doctor ... about every medicine"): in the guide they lead into a list; in an
# answer they point at nothing, or say what the closing note says, so they never answer a question.
_BOILERPLATE = re.compile(r"^(Some of the mixes below can be serious|Tell your doctor and pharmacist about every "
                          r"medicine)")
_ALCOHOL_POINTER = "see the question about alcohol below."


def boilerplate(unit: Unit) -> bool:
    return bool(_BOILERPLATE.match(unit.text))


def resolved(article: Article, unit: Unit) -> Unit:
    """An interactions item that points to the alcohol question, as that question's answer."""
    if unit.kind == "item" and unit.text.endswith(_ALCOHOL_POINTER) \
            and (faq := faq_unit(article, "alcohol")) is not None:
        return faq
    return unit


def _has_word(text: str, words: tuple[str, ...]) -> bool:
    low = f" {text.lower()} "
    return any(w in low for w in words)


def respond(article: Article, intent: str) -> list[Unit]:
    """The guide's passages for one question type, by the responder table."""
    r = RESPONDERS.get(intent, RESPONDERS["other"])
    # boxed warnings are always said, right after the section's first passage: it is what was asked
    # ("what are the side effects"), the warnings are what matters most about it
    boxed = [u for s in r.lead_warnings for u in section_units(article, s) if u.kind == "warning"]
    out: list[Unit] = []
    for faq_id in r.faq:
        if (u := faq_unit(article, faq_id)) is not None:
            out.append(u)
    if out and r.limit <= len(r.faq) + 1 and intent not in {"stopping", "onset"}:
        return out[:r.limit]
    for section_id in r.sections:
        for u in section_units(article, section_id, items=bool(r.words) and section_id == "interactions"):
            u = resolved(article, u)
            if boilerplate(u) or (r.kinds and u.kind not in r.kinds):
                continue
            if r.words and not _has_word(u.text, r.words):
                continue
            if any(u.text == o.text for o in out):
                continue
            out.append(u)
        if intent in {"what_is", "other"} and out:
            break  # key facts when the guide has them, else what it is
    out = out[:r.limit]
    first_answer = next((i for i, u in enumerate(out) if u.kind != "warning"), 0)
    if intent != "overdose" and first_answer:
        # a section that opens with a warning (a boxed warning in "what it is"): what was asked first,
        # the warning right after it
        out.insert(0, out.pop(first_answer))
    if intent == "dose":  # the amounts first: the lines around the table say how to read them
        out.sort(key=lambda u: u.kind != "table")
    return out[:1] + boxed + out[1:]


def section_links(article: Article) -> list[tuple[str, str]]:
    """(heading, url) of every section: what the guide covers."""
    return [(s.heading, guide_url(article.slug, s.id)) for s in article.sections]


# -- what the question turns on ---------------------------------------------------------------------

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def mentions(text: str, terms: tuple[str, ...]) -> bool:
    hay = f" {normalise(text)} "
    if "breast milk" not in terms:  # breast milk is not the milk a food question means
        hay = hay.replace(" breast milk ", " ")
    for term in terms:
        t = normalise(term)
        if t and (f" {t} " in hay or (len(t) >= 4 and re.search(rf" {re.escape(t)}\w*", hay))):
            return True
    return False


# key facts come last: they are short summaries of the sections before them, which say it in full
FOCUS_SECTIONS = ("who-should-not-take", "interactions", "side-effects", "how-to-take", "uses",
                  "duration", "storage", "key-facts", "what-is")  # what-is: for its boxed warnings


def focus_units(article: Article, terms: tuple[str, ...], exclude: tuple[str, ...] = (),
                require: tuple[str, ...] = (), first: tuple[str, ...] = (), tables: bool = False) -> list[Unit]:
    """Passages that speak of `terms`: contraindications and warnings first, then interactions, FAQ...

    `first`: sections looked in before those (a side effect named: the side effects); `tables`: the
    dose table too (a question about the dose). A comparison
    with another medicine, or the overdose question, is used only when nothing else speaks of it:
    "Vitamin K can reverse warfarin" or "Semaglutide often leads to more weight loss" do not answer
    a question about warfarin and cabbage or metformin and weight.
    """
    if not terms:
        return []
    order = {s: i for i, s in enumerate((*first, *(s for s in FOCUS_SECTIONS if s not in first)))}
    found: list[tuple[float, int, Unit]] = []
    for n, u in enumerate(all_units(article)):
        section = u.anchor if not u.anchor.startswith("faq-") else "faq"
        if section in exclude or (section not in order and section != "faq" and not section.startswith("vs-")):
            continue
        if boilerplate(u) or (u.kind == "item" and u.text.endswith(_ALCOHOL_POINTER)) or (
                u.kind == "table" and not tables) or (  # the dose table answers how much, nothing else
                section == "what-is" and u.kind != "warning"):
            continue
        if not mentions(u.text, terms) or (require and not _has_word(u.text, require)):
            continue
        text = u.text
        if u.kind in {"paragraph", "faq"} and len(text) > 220:  # only the sentences that speak of it
            keep = [s for s in _SENTENCE.split(text) if mentions(s, terms)]
            text = " ".join(keep) or text
        rank = order.get(section, len(order) + (0 if section == "faq" else 1))
        if u.kind == "warning" and u.anchor not in first:
            # a section's warning leads; so does a boxed warning that is about it ("in children, teens and
            # young adults"), one that names it in passing follows the contraindications
            about = mentions(_SENTENCE.split(text)[0], terms) or mentions(text.split(":", 1)[-1][:160], terms)
            rank = -1 if section != "what-is" or about else 0.5
        # the word asked first ("milk" for dairy), then its kin ("calcium")
        primary = 0 if first or mentions(text, terms[:1]) else 1  # (a side effect: its section decides)
        found.append((primary + rank / 100, n, Unit(u.slug, u.anchor, u.heading, text, u.citations, u.kind)))
    found.sort(key=lambda x: (x[0], x[1]))
    if any(not aside(u) for _, _, u in found):
        found = [f for f in found if not aside(f[2])]
    if any(u.anchor != "key-facts" for _, _, u in found):
        # a key fact restates a section's passage in other words; said twice it reads as padding
        found = [f for f in found if f[2].anchor != "key-facts"]
    out: list[Unit] = []
    for _, _, u in found:
        if all(u.text != o.text for o in out):
            out.append(u)
    return out[:MAX_FOCUS]


def aside(unit: Unit) -> bool:
    """A passage about another medicine (a comparison) or about an overdose."""
    return unit.anchor.startswith("vs-") or unit.anchor in {"alternatives", "faq-overdose"}


# -- two medicines -----------------------------------------------------------------------------------

@dataclass
class TwoMedicines:
    """What the guides say about two medicines together."""

    units: list[Unit] = field(default_factory=list)
    listed: bool = False  # either guide lists the other among its interactions
    advice: list[str] = field(default_factory=list)  # what to do, one line per finding


def interaction_between(lib: Library, a: Article, b: Article) -> TwoMedicines:
    """What the guides say about taking medicines a and b together: the interaction checker's
    findings for the pair (both directions, through drug classes and shared ingredients), each
    as the guide's own passage with its citations, after what to do in plain words."""
    result = TwoMedicines()
    report = check_medicines(lib, [a.slug, b.slug])
    for finding in report.findings:
        if not {a.slug, b.slug} <= set(finding.medicines):
            continue  # alcohol or food for one of them: not what was asked
        result.listed = True
        result.advice.append(f"{finding.title} ({finding.severity}): {finding.what_to_do}")
        for note in finding.notes:
            article = a if note.guide == a.slug else b
            section = article.section("interactions")
            result.units.append(Unit(note.guide, "interactions", section.heading if section else article.title,
                                     f"{sentence(note.with_words).rstrip('.')}: {note.text}",
                                     tuple(s.id for s in note.sources), "item"))
    return result
