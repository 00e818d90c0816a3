"""Answering a question from the library's guides alone, with citations; emergencies first.

`answer_question(lib, question)` reads the question (`understand`), checks it for red flags
(`safety`), then picks the passages of the guide(s) that answer it: their own words, their own
citations, a link to the section. It says plainly when the library has no guide for a medicine
or the guide does not cover the question, and never answers about a different medicine. It
never tells anyone to start, stop or change a medicine or a dose; it says when to ask a doctor
or pharmacist. Questions are neither stored nor logged.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from urllib.parse import quote_plus

from pydantic import BaseModel, Field

from healthlib.ask.lexicon import COMMON_WORDS, OUTSIDE_MEDICINES, SUBSTANCES
from healthlib.ask.safety import SAFETY_NET, RedFlag, emergency_guidance, red_flags
from healthlib.ask.understand import (
    _COST,
    _STOP,
    DRUG,
    Intent,
    Understanding,
    normalise,
    understand,
)
from healthlib.compose.phrasing import join_words, sentence
from healthlib.library.query import Library
from healthlib.model.article import Article
from healthlib.model.monograph import Fact, Monograph

MAX_DRUGS = 3  # guides answered from in one question
MAX_ITEMS = 8  # list items quoted from one section


class Citation(BaseModel):
    n: int = Field(description="number used in the answer text, e.g. [1]")
    id: str
    title: str
    publisher: str
    url: str | None = None
    date: str | None = None
    guide: str = Field(description="slug of the guide that cites it")


class Link(BaseModel):
    title: str
    url: str


class Passage(BaseModel):
    guide: str
    section: str = Field(description="anchor in the guide page: a section id or faq-<id>")
    heading: str
    text: str
    citations: list[int] = Field(description="numbers into Answer.citations")
    url: str


class FollowUp(BaseModel):
    question: str
    url: str


class Answer(BaseModel):
    question: str = Field(description="the question as read: tags removed, capped at 500 characters")
    drugs: list[str] = Field(description="slugs of the guides the question is about")
    intent: Intent
    answer: str = Field(description="plain text; emergency guidance first when urgent")
    citations: list[Citation]
    urgent: bool
    in_library: bool = Field(description="whether the answer comes from the library's guides")
    emergency: str | None = Field(default=None, description="emergency guidance, when urgent")
    red_flags: list[str] = Field(default_factory=list)
    other: str | None = Field(default=None, description="the other medicine or substance asked about")
    not_in_library: list[str] = Field(default_factory=list, description="medicines named with no guide here")
    suggestions: list[Link] = Field(default_factory=list, description="closest guides, by name")
    passages: list[Passage] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list, description="the guide sections the answer comes from")
    follow_up: list[FollowUp] = Field(default_factory=list)
    note: str = ""
    truncated: bool = False
    safety_net: str | None = Field(default=None, description="what to do in an emergency, under every "
                                                               "answer that raised no red flag")

    def as_text(self) -> str:
        out: list[str] = []
        if self.emergency:
            out += ["!! EMERGENCY !!", self.emergency, ""]
        body = self.answer
        if self.emergency and body.startswith(self.emergency):
            body = body[len(self.emergency):].strip()
        if body:
            out += [body, ""]
        if self.links:
            out.append("Read more:")
            out += [f"  {link.title}: {link.url}" for link in self.links]
            out.append("")
        if self.citations:
            out.append("Sources:")
            for c in self.citations:
                extra = ", ".join(x for x in (c.publisher, c.date) if x)
                out.append(f"  [{c.n}] {c.title} ({extra})" + (f" {c.url}" if c.url else ""))
            out.append("")
        if self.follow_up:
            out.append("You could also ask:")
            out += [f"  - {f.question}" for f in self.follow_up]
            out.append("")
        if self.safety_net:
            out += [self.safety_net, ""]
        return "\n".join(out).rstrip() + "\n"


# -- reading guides, cached per library version -------------------------------------------------

_CACHE: OrderedDict[tuple[str, str, str, str], object] = OrderedDict()
_CACHE_LOCK = threading.Lock()
_CACHE_SIZE = 512


def _cached(lib: Library, kind: str, slug: str, load):
    key = (str(lib.path), lib.version, kind, slug)
    with _CACHE_LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    value = load(slug)
    with _CACHE_LOCK:
        _CACHE[key] = value
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return value


def _article(lib: Library, slug: str) -> Article | None:
    return _cached(lib, "article", slug, lib.article)


def _monograph(lib: Library, slug: str) -> Monograph | None:
    return _cached(lib, "monograph", slug, lib.monograph)


def _section_words(lib: Library, slug: str) -> dict[str, frozenset[str]]:
    def load(slug: str) -> dict[str, frozenset[str]]:
        article = _article(lib, slug)
        out: dict[str, frozenset[str]] = {}
        for section in article.sections if article else []:
            text = " ".join(b.text or "" for b in section.blocks)
            text += " " + " ".join(i.text for b in section.blocks for i in (b.items or []))
            out[section.id] = frozenset(normalise(text).split())
        return out
    return _cached(lib, "words", slug, load)


# Which part of a guide a question's words come from, when no rule named its type.
GUIDE_SECTION_INTENT = {"side-effects": "side_effects", "uses": "uses", "who-should-not-take": "who_should_not_take",
                        "how-to-take": "how_to_take", "interactions": "interactions", "storage": "storage",
                        "duration": "duration", "how-it-works": "how_it_works"}
_QUESTION_WORDS = frozenset(["take", "taking", "took", "takes", "medicine", "medication", "meds", "pill", "pills", "tablet", "tablets", "drug", "drugs", "what", "when", "how", "does", "dose", "doses", "question", "know", "tell", "need", "want", "get", "got", "good", "bad", "okay", "safe"])


def guess_from_guide(lib: Library, u: Understanding, slug: str) -> str | None:
    """The question type whose guide section holds most of the question's other words."""
    words = [w for w in u.masked.split() if w != DRUG and len(w) >= 3 and not w.isdigit()
             and w not in _STOP and w not in _QUESTION_WORDS]
    if not words:
        return None
    best: tuple[int, int, str] | None = None
    order = list(GUIDE_SECTION_INTENT)
    for section_id, tokens in _section_words(lib, slug).items():
        intent = GUIDE_SECTION_INTENT.get(section_id)
        if intent is None:
            continue
        hits = 0
        for w in words:
            stem = w[:6] if len(w) > 6 else w.rstrip("s")
            if w in tokens or any(t.startswith(stem) for t in tokens):
                hits += 1
        key = (hits, -order.index(section_id), intent)
        if hits and (best is None or key > best):
            best = key
    return best[2] if best else None


# -- building one answer --------------------------------------------------------------------------

FAQ_FOR = {"onset": "onset", "stopping": "stopping", "alcohol": "alcohol", "food": "food",
           "pregnancy": "pregnancy", "breastfeeding": "breastfeeding", "missed_dose": "missed-dose",
           "overdose": "overdose", "driving": "driving"}
SECTION_FOR = {"what_is": "what-is", "uses": "uses", "how_it_works": "how-it-works",
               "how_to_take": "how-to-take", "dose": "how-to-take", "duration": "duration",
               "onset": "how-it-works", "side_effects": "side-effects", "interactions": "interactions",
               "alcohol": "interactions", "food": "how-to-take", "who_should_not_take": "who-should-not-take",
               "pregnancy": "who-should-not-take", "breastfeeding": "who-should-not-take",
               "stopping": "duration", "storage": "storage", "driving": "what-is",
               "alternatives": "alternatives", "brand_names": "brand-names", "ingredients": "what-is",
               "appearance": "what-is", "comparison": "alternatives", "missed_dose": "how-to-take",
               "overdose": "side-effects", "other": "what-is"}

NOTES = {
    "dose": "These are the usual doses from the label, not advice for you. Your doctor sets your dose: "
            "do not change it without talking to them.",
    "interactions": "Before you take medicines together, ask your pharmacist: they can check everything "
                    "you take, including supplements.",
    "alcohol": "If you are not sure whether alcohol is safe with your medicines, ask your pharmacist.",
    "food": "If you are not sure how to take your medicine with food or drink, ask your pharmacist.",
    "pregnancy": "If you are pregnant or trying to be, talk with your doctor or midwife before making any "
                 "change to your medicines.",
    "breastfeeding": "Talk with your doctor, midwife or pharmacist about medicines while breastfeeding.",
    "stopping": "Talk with your doctor before you stop or change how you take any medicine.",
    "missed_dose": "If you are not sure what to do about a missed dose, ask your pharmacist.",
    "overdose": "If you think someone has taken too much, call Poison Control at 1-800-222-1222 (US) right "
                "away, or 911 if they are very unwell: do not wait for signs. Your doctor or pharmacist can "
                "answer questions about your dose.",
    "side_effects": "Tell your doctor or pharmacist about any side effect that bothers you or does not go "
                    "away. Get help right away for the serious ones.",
    "comparison": "Neither medicine is best for everyone. Which one suits you depends on your health and "
                  "your other medicines: your doctor will decide with you.",
    "alternatives": "Only your doctor can decide whether another medicine would suit you better. Do not "
                    "change medicines on your own.",
    "who_should_not_take": "Your doctor and pharmacist can tell you whether it is right for you.",
}
DEFAULT_NOTE = "For advice about your own situation, ask your doctor or pharmacist."
SCOPE = ("I answer questions about medicines, and only from this library's guides. "
         "Your question does not seem to be about a medicine. For other health questions, "
         "please talk with a doctor, nurse or pharmacist.")
EMPTY = ("Please type a question about a medicine, for example: "
         "\"Can I drink alcohol on baclofen?\" or \"What are the side effects of sertraline?\"")

# Words people use for a side effect, and the words a guide uses for it.
SYMPTOMS = {
    "sleepy": ("sleep", "drows", "tired"), "drowsy": ("drows", "sleep", "tired"),
    "tired": ("tired", "sleep", "drows", "fatigue"), "dizzy": ("dizz", "lighthead"),
    "dizziness": ("dizz", "lighthead"), "nausea": ("nausea", "sick"), "nauseous": ("nausea", "sick"),
    "sick": ("sick", "nausea", "vomit"), "vomiting": ("vomit", "sick"), "headache": ("headache",),
    "headaches": ("headache",), "diarrhea": ("diarrh", "loose"), "constipation": ("constipat",),
    "rash": ("rash", "skin"), "itching": ("itch",), "weight": ("weight",), "hair": ("hair",),
    "insomnia": ("trouble sleeping", "insomnia", "sleep"), "sweating": ("sweat",),
    "sex": ("sex",), "sexual": ("sex",), "libido": ("sex",), "erectile": ("erection", "sex"),
    "mouth": ("mouth",), "muscle": ("muscle",), "sun": ("sun",), "sunburn": ("sun",),
    "heart": ("heart",), "anxious": ("anx", "nervous"), "anxiety": ("anx", "nervous"),
    "bleeding": ("bleed",), "bruising": ("bruis",), "shaky": ("shak", "tremor"), "numb": ("numb",),
    "nightmares": ("dream",), "seizures": ("seizure",), "suicidal": ("suicid",), "suicide": ("suicid",),
    "confusion": ("confus",), "confused": ("confus",), "stomach": ("stomach",), "swelling": ("swell",),
}


class _Builder:
    def __init__(self, lib: Library, u: Understanding) -> None:
        self.lib = lib
        self.u = u
        self.citations: list[Citation] = []
        self._numbers: dict[str, int] = {}
        self.passages: list[Passage] = []
        self.lines: list[str] = []
        self.links: list[Link] = []
        self.urgent = False

    # citations and passages
    def cite(self, guide: str, ids: list[str], sources: dict[str, object]) -> list[int]:
        numbers = []
        for source_id in ids:
            if source_id not in self._numbers:
                s = sources.get(source_id)
                if s is None:
                    continue
                n = len(self.citations) + 1
                self._numbers[source_id] = n
                self.citations.append(Citation(
                    n=n, id=source_id, title=s.title, publisher=s.publisher, url=s.url,
                    date=str(s.date) if getattr(s, "date", None) else None, guide=guide))
            numbers.append(self._numbers[source_id])
        return numbers

    def add(self, m: Monograph, anchor: str, heading: str, text: str, ids: list[str],
            sources: dict[str, object] | None = None) -> None:
        text = text.strip()
        if not text:
            return
        numbers = self.cite(m.slug, ids, sources or {s.id: s for s in m.sources})
        url = f"/drugs/{m.slug}#{anchor}"
        self.passages.append(Passage(guide=m.slug, section=anchor, heading=heading, text=text,
                                     citations=numbers, url=url))
        marks = "".join(f"[{n}]" for n in numbers)
        self.lines.append(f"{text} {marks}".strip())
        self.link(heading, url)

    def add_fact(self, m: Monograph, anchor: str, heading: str, fact: Fact | None, prefix: str = "") -> bool:
        if fact is None:
            return False
        text = sentence(fact.text) + (" " + sentence(fact.why) if fact.why else "")
        self.add(m, anchor, heading, prefix + text, list(fact.cite))
        return True

    def add_facts(self, m: Monograph, anchor: str, heading: str, facts: list[Fact], lead: str = "") -> bool:
        facts = [f for f in facts if f][:MAX_ITEMS]
        if not facts:
            return False
        ids: list[str] = []
        for f in facts:
            ids += [c for c in f.cite if c not in ids]
        items = "\n".join(f"- {sentence(f.text)}" for f in facts)
        self.add(m, anchor, heading, (lead + "\n" if lead else "") + items, ids)
        return True

    def link(self, title: str, url: str) -> None:
        if all(existing.url != url for existing in self.links):
            self.links.append(Link(title=title, url=url))

    def say(self, text: str) -> None:
        self.lines.append(text)


def _heading(article: Article, anchor: str) -> str:
    if anchor.startswith("faq-"):
        entry = next((f for f in article.faq if f.id == anchor[4:]), None)
        if entry:
            return entry.question
    section = article.section(anchor)
    return section.heading if section else article.title


def _anchor(article: Article, intent: str) -> str:
    faq = FAQ_FOR.get(intent)
    if faq and any(f.id == faq for f in article.faq):
        return f"faq-{faq}"
    section = SECTION_FOR.get(intent, "what-is")
    return section if article.section(section) else "what-is"


def _words_in(text: str, terms: tuple[str, ...] | list[str]) -> bool:
    hay = f" {normalise(text)} "
    for term in terms:
        t = normalise(term)
        if t and (f" {t} " in hay or f" {t}s " in hay or f" {t}es " in hay or
                  (len(t) >= 5 and re.search(rf" {re.escape(t)}\w* ", hay))):
            return True
    return False


def _medicine_terms(lib: Library, slug: str) -> list[str]:
    """Words a guide may use for another guide's medicine: its names and its class."""
    m = _monograph(lib, slug)
    if m is None:
        return [slug.replace("-", " ")]
    terms = [m.generic_name, m.slug.replace("-", " "), *(b.name for b in m.brand_names), *m.ingredients]
    if m.class_name:
        base = re.sub(r"\(.*?\)", "", m.class_name).strip()
        terms.append(base)
        inner = re.findall(r"\((.*?)\)", m.class_name)
        terms += inner
        first = normalise(base).split()[0] if normalise(base) else ""
        if first and len(base.split()) > 1 and len(first) >= 4 and first not in COMMON_WORDS and first not in {
                "other", "long", "short", "urinary", "cough", "calcium", "cholesterol", "antiviral",
                "antifungal", "beta", "proton", "bronchodilators", "anticonvulsants"}:
            terms.append(first)
    return [t for t in terms if t]


def _outside_terms(display: str) -> list[str]:
    terms = [display]
    terms += [name for name, d in OUTSIDE_MEDICINES.items() if d == display]
    return terms


def _interaction_items(m: Monograph, terms: list[str] | tuple[str, ...]) -> list:
    return [i for i in m.interactions if _words_in(f"{i.with_} {i.text}", terms)]


def _add_interactions(b: _Builder, m: Monograph, article: Article, items: list, heading: str) -> None:
    for i in items[:MAX_ITEMS]:
        text = f"{sentence(i.with_).rstrip('.')}: {sentence(i.text)}"
        if i.severity == "major":
            text = "Take special care. " + text
        b.add(m, "interactions", heading, text, list(i.cite))


def _major_warning(b: _Builder, m: Monograph, article: Article) -> None:
    major = [i for i in m.interactions if i.severity == "major"]
    if major:
        ids: list[str] = []
        for i in major:
            ids += [c for c in i.cite if c not in ids]
        b.add(m, "interactions", _heading(article, "interactions"),
              f"The {m.title} guide asks for special care with {join_words([i.with_ for i in major])}.", ids)


# -- per question type ---------------------------------------------------------------------------

def _answer_one(b: _Builder, m: Monograph, article: Article, intent: str) -> bool:
    """Add the passages of one guide that answer `intent`; False when the guide has none."""
    name = m.title
    anchor = _anchor(article, intent)
    heading = _heading(article, anchor)
    h = m.how_to_take
    if intent == "what_is":
        for w in m.boxed_warnings:
            b.add_fact(m, "what-is", heading, w, "Boxed warning: ")
        b.add_fact(m, "what-is", heading, m.summary)
        status = {"prescription": "You need a prescription for it.",
                  "otc": "You can buy it without a prescription.",
                  "both": "Some forms need a prescription, and some you can buy without one."}[m.rx_status]
        b.add(m, "what-is", heading, f"{name} is {m.drug_class.text.rstrip('.')}. {status}", list(m.drug_class.cite))
        return True
    if intent == "uses":
        labelled = [x for x in m.uses if not x.off_label]
        off = [x for x in m.uses if x.off_label]
        if labelled:
            ids = [c for x in labelled for c in x.cite]
            b.add(m, "uses", heading, f"{name} is used for:\n" + "\n".join(
                f"- {sentence(x.condition)}" for x in labelled[:MAX_ITEMS]), list(dict.fromkeys(ids)))
        if off:
            ids = [c for x in off for c in x.cite]
            b.add(m, "uses", heading, "Off-label (not on the label), some doctors also use it for:\n" + "\n".join(
                f"- {sentence(x.condition)}" + (f" {sentence(x.note)}" if x.note else "") for x in off[:4]),
                list(dict.fromkeys(ids)))
        return bool(m.uses)
    if intent == "how_it_works":
        return b.add_fact(m, anchor, heading, m.mechanism)
    if intent == "onset":
        return b.add_fact(m, anchor, heading, m.onset)
    if intent == "how_to_take":
        done = False
        for f in (h.frequency, h.swallowing, h.food, *h.tips):
            done = b.add_fact(m, "how-to-take", heading, f) or done
        return done
    if intent == "dose":
        return _dose(b, m, article, heading)
    if intent == "duration":
        done = b.add_fact(m, "duration", heading, m.duration)
        done = b.add_fact(m, "duration", heading, m.withdrawal, "Warning: ") or done
        if not m.duration:
            done = b.add_fact(m, "duration", heading, m.stopping) or done
        return done
    if intent == "stopping":
        done = b.add_fact(m, anchor, heading, m.stopping)
        return b.add_fact(m, anchor, heading, m.withdrawal, "Warning: ") or done
    if intent == "side_effects":
        return _side_effects(b, m, article, heading)
    if intent == "interactions":
        return _interactions(b, m, article)
    if intent == "alcohol":
        items = [i for i in m.interactions if i.kind == "alcohol"] or _interaction_items(m, ("alcohol",))
        if not items:
            b.say(f"The {name} guide does not mention alcohol.")
            return False
        for i in items:
            b.add(m, anchor, heading, sentence(i.text), list(i.cite))
        return True
    if intent == "food":
        return _food(b, m, article, anchor, heading)
    if intent == "who_should_not_take":
        return _who(b, m, article, heading)
    if intent in {"pregnancy", "breastfeeding", "missed_dose", "driving"}:
        fact = {"pregnancy": m.pregnancy, "breastfeeding": m.breastfeeding, "missed_dose": m.missed_dose,
                "driving": m.driving}[intent]
        return b.add_fact(m, anchor, heading, fact)
    if intent == "overdose":
        if not m.overdose:
            return False
        signs = f"Signs can include {join_words(m.overdose.signs)}. " if m.overdose.signs else ""
        b.add(m, anchor, heading, signs + sentence(m.overdose.text), list(m.overdose.cite))
        return True
    if intent == "storage":
        done = b.add_fact(m, "storage", heading, m.storage)
        return b.add_fact(m, "storage", heading, m.disposal) or done
    if intent == "alternatives":
        titles = b.lib.titles()
        if m.alternatives:
            ids = list(dict.fromkeys(c for a in m.alternatives for c in a.cite))
            b.add(m, "alternatives", heading, "Other medicines for the same problems:\n" + "\n".join(
                f"- {titles.get(a.slug, a.slug)}: {sentence(a.note)}" for a in m.alternatives[:MAX_ITEMS]), ids)
        b.add_facts(m, "alternatives", heading, m.non_drug_alternatives, "Options that do not involve medicine:")
        return bool(m.alternatives or m.non_drug_alternatives)
    if intent == "brand_names":
        return _brands(b, m, article, heading)
    if intent == "ingredients":
        if m.is_combination:
            b.add(m, "what-is", heading, f"{name} is a mix of {join_words(m.ingredients)} in one product.",
                  list(m.drug_class.cite))
        else:
            b.add(m, "what-is", heading, f"The active ingredient is {m.generic_name}.", list(m.drug_class.cite))
        b.say("The guide does not list inactive ingredients (fillers, colours, lactose, gluten). They differ "
              "between makers: the leaflet in the pack or your pharmacist can tell you.")
        return True
    if intent == "appearance":
        looks = [f for f in m.forms if f.appearance]
        for f in looks:
            b.add(m, "what-is", heading, f"{sentence(f.form).rstrip('.')}: {sentence(f.appearance)}", list(f.cite))
        if m.forms and not looks:
            ids = list(dict.fromkeys(c for f in m.forms for c in f.cite))
            b.add(m, "what-is", heading, f"{name} comes as:\n" + "\n".join(
                f"- {sentence(f.form).rstrip('.')}" + (f" ({join_words(f.strengths)})" if f.strengths else "")
                for f in m.forms), ids)
        b.say("Pills look different depending on who makes them. Never take a pill you cannot identify: "
              "your pharmacist can check it for you.")
        return bool(m.forms)
    if intent == "comparison":
        titles = b.lib.titles()
        done = False
        for c in m.comparisons:
            if c.slug in titles:
                section = f"vs-{c.slug}"
                b.add(m, section, _heading(article, section),
                      " ".join(sentence(p.text) for p in c.points[:3]),
                      list(dict.fromkeys(x for p in c.points[:3] for x in p.cite)))
                done = True
        return _answer_one(b, m, article, "alternatives") or done
    # other: what the guide is, and what it covers
    b.add_fact(m, "what-is", _heading(article, "what-is"), m.summary)
    b.say(f"The {name} guide covers: " + join_words([s.heading.rstrip("?") for s in article.sections][:8]) + ".")
    return True


def _dose(b: _Builder, m: Monograph, article: Article, heading: str) -> bool:
    section = article.section("how-to-take")
    table = next((bl for bl in (section.blocks if section else []) if bl.type == "table" and bl.rows), None)
    if table is None or not m.how_to_take.doses:
        return False
    header = [h.lower() for h in table.rows[0]]
    lines = []
    for row in table.rows[1:]:
        who = row[0] + (f" ({row[1]})" if len(row) > 1 and row[1] not in {"—", ""} else "")
        parts = [f"{header[i]}: {cell}" for i, cell in enumerate(row)
                 if i >= 2 and header[i] != "notes" and cell not in {"—", ""}]  # notes: told below
        # a row with no amounts (e.g. "use the dose chart") is told in the lines below instead
        lines.append(f"- {who}: " + ("; ".join(parts) + "." if parts else "see below."))
    ids = list(table.citations)
    b.add(m, "how-to-take", heading, "Usual doses on the label (not advice for you):\n" + "\n".join(lines), ids)
    for d in m.how_to_take.doses:
        extra = " ".join(sentence(x) for x in (d.increase, d.note) if x)
        if extra:
            who = d.population + (f" with {d.indication}" if d.indication else "")
            b.add(m, "how-to-take", heading, f"For {who}: {extra}", list(d.cite))
    adjust = m.how_to_take.adjustments
    if adjust:
        b.add_facts(m, "how-to-take", heading, adjust, "Doses may be different:")
    return True


def _side_effects(b: _Builder, m: Monograph, article: Article, heading: str) -> bool:
    se = m.side_effects
    asked = [w for w in b.u.tokens if w in SYMPTOMS]
    for w in ([] if b.urgent else m.boxed_warnings):
        b.add_fact(m, "what-is", _heading(article, "what-is"), w, "Boxed warning: ")
    if asked and not b.urgent:
        stems = tuple(s for w in asked for s in SYMPTOMS[w])
        common = [s for s in se.common if any(st in s.name.lower() for st in stems)]
        serious = [f for f in [*se.serious, *se.rare] if any(st in f.text.lower() for st in stems)]
        if common or serious:
            for s in common:
                b.add(m, "side-effects", heading, f"The guide lists {s.name} as a common side effect"
                      + (f" ({s.frequency})." if s.frequency else "."), list(s.cite))
            for f in serious:
                b.add_fact(m, "side-effects", heading, f, "Serious: ")
        else:
            b.say(f"The {m.title} guide does not list {join_words(asked, 'or')} as a side effect. "
                  "That does not rule it out: tell your doctor or pharmacist about it.")
    urgent = b.urgent
    if se.intro and not asked and not urgent:
        b.add_fact(m, "side-effects", heading, se.intro)
    shown_common = [] if urgent else se.common[:6]
    if shown_common:
        ids = list(dict.fromkeys(c for s in shown_common for c in s.cite))
        b.add(m, "side-effects", heading, "Common side effects:\n" + "\n".join(
            f"- {s.name}" + (f" ({s.frequency})" if s.frequency else "") for s in shown_common), ids)
    if se.serious:
        b.add_facts(m, "side-effects", heading, se.serious[:5], "Get medical help right away for:")
    return bool(se.common or se.serious or se.intro or m.boxed_warnings)


def _interactions(b: _Builder, m: Monograph, article: Article) -> bool:
    u = b.u
    heading = _heading(article, "interactions")
    other = u.other
    if other and other in b.lib.titles() and other != m.slug:
        return True  # handled by the two-medicine answer
    if other:
        terms = list(u.other_terms) or _outside_terms(other)
        items = _interaction_items(m, terms)
        if items:
            _add_interactions(b, m, article, items, heading)
            return True
        b.say(f"The {m.title} guide does not list {other} among its interactions. "
              "That does not prove they are safe together.")
        _major_warning(b, m, article)
        return bool(m.interactions)
    if not m.interactions:
        return False
    order = {"major": 0, "moderate": 1, "minor": 2}
    items = sorted(m.interactions, key=lambda i: order[i.severity])
    _add_interactions(b, m, article, items, heading)
    return True


def _food(b: _Builder, m: Monograph, article: Article, anchor: str, heading: str) -> bool:
    u = b.u
    terms: tuple[str, ...] = u.other_terms if u.other and u.other not in {"food", "dairy"} else ()
    if u.other == "dairy":
        terms = SUBSTANCES["dairy"][1]
    done = False
    if terms:
        items = _interaction_items(m, terms)
        if items:
            _add_interactions(b, m, article, items, _heading(article, "interactions"))
            done = True
        else:
            b.say(f"The {m.title} guide does not mention {u.other}.")
    if m.how_to_take.food:
        done = b.add_fact(m, anchor, heading, m.how_to_take.food) or done
    if not terms:
        food = [i for i in m.interactions if i.kind == "food"]
        if food:
            _add_interactions(b, m, article, food, _heading(article, "interactions"))
            done = True
    return done


def _who(b: _Builder, m: Monograph, article: Article, heading: str) -> bool:
    t = f" {b.u.text} "
    groups = [("kidney", m.kidney, ("kidney", "renal", "dialysis")),
              ("liver", m.liver, ("liver", "hepatic", "hepatitis", "cirrhosis")),
              ("older adults", m.older_adults, ("elderly", "older", "senior", "seniors", "old people",
                                                "over 65", "grandma", "grandpa", "aged")),
              ("children", m.children, ("child", "children", "kid", "kids", "son", "daughter", "baby",
                                        "toddler", "teen", "teens", "teenager", "year old", "month old"))]
    done = False
    for label, fact, words in groups:
        if any(f" {w} " in t for w in words):
            if fact:
                done = b.add_fact(m, "who-should-not-take", heading, fact, f"{label.capitalize()}: ") or done
            else:
                b.say(f"The {m.title} guide says nothing specific about {label}.")
    if m.contraindications:
        b.add_facts(m, "who-should-not-take", heading, m.contraindications, f"Do not take {m.title} if:")
        done = True
    if m.cautions:
        b.add_facts(m, "who-should-not-take", heading, m.cautions[:6], "Talk with your doctor first if:")
        done = True
    return done


def _brands(b: _Builder, m: Monograph, article: Article, heading: str) -> bool:
    typed_brands = [x for x in b.u.mentions if x.slug == m.slug and x.kind == "brand"]
    for x in typed_brands:
        brand = next((br for br in m.brand_names if normalise(br.name) == normalise(x.typed)), None)
        if brand:
            note = " It is no longer sold in the US." if brand.discontinued else ""
            b.add(m, "brand-names", heading, f"{brand.name} is a brand name for {m.generic_name}.{note}",
                  list(brand.cite))
    if not m.brand_names:
        b.say(f"The {m.title} guide lists no brand names.")
        return False
    ids = list(dict.fromkeys(c for br in m.brand_names for c in br.cite))
    items = []
    for br in m.brand_names:
        extra = [x for x in (br.form, br.note) if x]
        if br.discontinued and not any("no longer" in x or "discontinued" in x for x in extra):
            extra.append("discontinued")
        items.append(f"- {br.name}" + (f" ({'; '.join(extra)})" if extra else ""))
    name = m.title if normalise(m.title) == normalise(m.generic_name) else f"{m.title} ({m.generic_name})"
    b.add(m, "brand-names", heading, f"{name} is sold under these names:\n" + "\n".join(items), ids)
    return True


def _two_medicines(b: _Builder, a: Monograph, aa: Article, c: Monograph, ca: Article, intent: str) -> bool:
    if intent == "comparison":
        done = False
        for first, first_article, second in ((a, aa, c), (c, ca, a)):
            comp = next((x for x in first.comparisons if x.slug == second.slug), None)
            if comp:
                section = f"vs-{second.slug}"
                for p in comp.points:
                    b.add(first, section, _heading(first_article, section), sentence(p.text), list(p.cite))
                done = True
                break
        compare_url = f"/compare/{a.slug}-vs-{c.slug}"
        if not done:
            comparison = b.lib.compare(a.slug, c.slug)
            if comparison is None:
                return False
            sources = {s.id: s for s in comparison.sources}
            for row in comparison.rows:
                if row.label not in {"What it is", "Main uses", "Common side effects", "Stopping suddenly",
                                     "Boxed warning"}:
                    continue
                for mono, cell in ((a, row.a), (c, row.b)):
                    if cell:
                        b.add(mono, "what-is", f"{row.label}: {mono.title}",
                              f"{row.label} — {mono.title}: {cell.text}", list(cell.citations), sources)
            b.say("The guides have no direct comparison of these two; the points above come from each guide.")
        b.link(f"{a.title} and {c.title} side by side", compare_url)
        return True
    # interactions: what each guide says about the other
    done = False
    for first, first_article, second in ((a, aa, c), (c, ca, a)):
        items = _interaction_items(first, _medicine_terms(b.lib, second.slug))
        if items:
            _add_interactions(b, first, first_article, items, _heading(first_article, "interactions"))
            done = True
    if not done:
        b.say(f"Neither the {a.title} nor the {c.title} guide lists the other among its interactions. "
              "That does not prove they are safe together.")
        _major_warning(b, a, aa)
        _major_warning(b, c, ca)
    return True


# -- the whole answer ----------------------------------------------------------------------------

# Asking how to get high on a medicine: the answer still gives only labelled facts, led by a
# plain warning and where to get help (SAMHSA's free national helpline).
_MISUSE = re.compile(r"\b(get|getting|gets|feel|feeling) (high|buzzed|a buzz)\b|\b(snort|snorting|recreational(ly)?|"
                     r"to trip)\b")
MISUSE_NOTE = ("Taking a medicine to get high, or in ways other than prescribed, can cause an overdose and "
               "death. If you are worried about your own or someone else's use, the SAMHSA National "
               "Helpline is free, private and open 24 hours: 1-800-662-4357.")


def emergency_in(lib: Library, text: str | None) -> str | None:
    """Emergency guidance when `text` (a question or a search) reports a red flag, else None."""
    u = understand(lib, text)
    flags = red_flags(u.masked) if u.tokens else []
    return emergency_guidance(flags) if flags else None


def answer_question(lib: Library, question: str | None) -> Answer:
    """Answer one question from the library's guides. Nothing about the question is kept."""
    u = understand(lib, question)
    flags: list[RedFlag] = red_flags(u.masked) if u.tokens else []
    intent = u.intent
    if any(f.kind == "overdose" for f in flags):
        intent = "overdose"
    elif flags and intent in {"other", "what_is", "how_to_take", "dose", "uses"} and (u.mentions or u.medicine_words):
        intent = "side_effects" if all(f.kind != "self_harm" for f in flags) or \
            re.search(r"\b(since|after|started|starting|on)\b", u.masked) else intent
    elif any(f.kind == "self_harm" for f in flags) and intent in {"interactions", "alternatives", "comparison"}:
        intent = "other"  # "planning to end things with my oxycodone" is not an interaction question
    if intent == "other" and u.drugs and not flags and not _COST.search(u.masked):
        intent = guess_from_guide(lib, u, u.drugs[0]) or intent
    u.intent = intent
    b = _Builder(lib, u)
    b.urgent = bool(flags)
    emergency = emergency_guidance(flags) if flags else None
    slugs = u.drugs[:MAX_DRUGS]
    docs = [(m, a) for s in slugs if (m := _monograph(lib, s)) and (a := _article(lib, s))]
    answered = False
    suggestions: list[Link] = []
    note = NOTES.get(intent, DEFAULT_NOTE)

    if not u.tokens:
        b.say(EMPTY)
        note = ""
    elif not docs and u.unknown:
        names = join_words(u.unknown)
        b.say(f"{names} {'is' if len(u.unknown) == 1 else 'are'} not in this library yet, so I cannot answer "
              "this from a guide. I will not guess from a different medicine. Your pharmacist or doctor can "
              "answer it, and the leaflet that comes with the medicine has the facts.")
        for name in u.unknown:
            for title in lib.suggest(name, limit=3):
                slug = next((s for s, t in lib.titles().items() if t == title), None)
                if slug and all(x.url != f"/drugs/{slug}" for x in suggestions):
                    suggestions.append(Link(title=title, url=f"/drugs/{slug}"))
        if suggestions:
            b.say("Guides in this library with similar names: " + ", ".join(s.title for s in suggestions) + ".")
    elif not docs and u.condition_slugs:
        titles = lib.titles()
        conds = join_words([c for c in u.conditions][:2])
        listed = [s for s in u.condition_slugs if s in titles][:8]
        b.say(f"Guides in this library for {conds}: " + ", ".join(titles[s] for s in listed) + ". "
              "Which medicine is right for you is a decision for your doctor.")
        for s in listed:
            b.link(titles[s], f"/drugs/{s}")
        answered = True
        note = DEFAULT_NOTE
    elif not docs and u.medical:
        if not flags:
            b.say("Your question does not name a medicine that this library has a guide for. "
                  "Please ask again with the medicine's name, for example \"Can I take baclofen with food?\"")
    elif not docs:
        if not flags:
            b.say(SCOPE)
            note = ""
    elif any(f.kind == "self_harm" for f in flags) and intent == "other":
        pass  # the crisis guidance is the answer; nothing about the medicine itself
    else:
        if u.unknown and intent in {"interactions", "comparison", "alcohol", "food"}:
            b.say(f"{join_words(u.unknown)} {'is' if len(u.unknown) == 1 else 'are'} not in this library yet.")
        if len(docs) >= 2 and intent in {"comparison", "interactions"}:
            (a, aa), (c, ca) = docs[0], docs[1]
            answered = _two_medicines(b, a, aa, c, ca, intent)
            if u.other is None:
                u.other = c.slug
        else:
            for m, article in docs:
                if len(docs) > 1:
                    b.say(f"{m.title}:")
                ok = _answer_one(b, m, article, intent)
                if not ok:
                    b.say(f"The {m.title} guide does not cover this yet. Please ask your doctor or pharmacist.")
                answered = answered or ok
    text_parts = []
    if emergency:
        text_parts.append(emergency)
    elif re.search(r"\b(suicid\w*|self harm)\b", u.text):
        text_parts.append("If you ever have thoughts of suicide or self-harm, call or text 988 (US) any time.")
    if _MISUSE.search(u.text):
        text_parts.append(MISUSE_NOTE)
    text_parts += b.lines
    if not docs or (emergency and intent == "overdose"):
        note = "" if not flags else DEFAULT_NOTE if not emergency else ""
    if note:
        text_parts.append(note)
    follow = _follow_up(lib, docs, intent, b) if docs else []
    return Answer(
        question=u.question, drugs=u.drugs, intent=intent, answer="\n\n".join(p for p in text_parts if p),
        citations=b.citations, urgent=bool(flags), in_library=answered and bool(b.passages or b.links),
        emergency=emergency, red_flags=[f.kind for f in flags], other=u.other,
        not_in_library=u.unknown, suggestions=suggestions, passages=b.passages, links=b.links,
        follow_up=follow, note=note, truncated=u.truncated,
        safety_net=SAFETY_NET if u.tokens and not flags else None)


def _follow_up(lib: Library, docs: list[tuple[Monograph, Article]], intent: str, b: _Builder) -> list[FollowUp]:
    m, article = docs[0]
    answered_faq = FAQ_FOR.get(intent)
    questions: list[str] = []
    if len(docs) >= 2 and intent != "comparison":
        questions.append(f"Is {docs[0][0].title} better than {docs[1][0].title}?")
    preferred = ["stopping", "alcohol", "driving", "missed-dose", "overdose", "onset", "food",
                 "pregnancy", "breastfeeding", "kidney", "liver"]
    by_id = {f.id: f for f in article.faq}
    for faq_id in preferred:
        if faq_id != answered_faq and faq_id in by_id:
            questions.append(by_id[faq_id].question)
    if intent != "side_effects" and article.section("side-effects"):
        questions.insert(1, f"What are the side effects of {m.title}?")
    out = []
    for q in questions[:4]:
        out.append(FollowUp(question=q, url=f"/ask?q={quote_plus(q)}"))
    return out
