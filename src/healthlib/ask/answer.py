"""The answer to one question: passages of the stored guides, with citations; emergencies first.

`answer_question(lib, question)` reads the question (`understand`: medicines, type, focus,
red flags), takes the passages that answer it from the stored Articles (`answering`), and
puts them together with their citations and links. It says plainly when a medicine is not in
the library ("Toradol (ketorolac) is not in this library yet") and never answers about a
different medicine. It never tells anyone to start, stop or change a medicine or a dose.
Questions are neither stored nor logged.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from urllib.parse import quote_plus

from pydantic import BaseModel, Field

from healthlib.ask import answering, vocabulary
from healthlib.ask.answering import Unit
from healthlib.ask.lab_questions import lab_pointer, lab_tests_asked
from healthlib.ask.lexicon import SYMPTOMS
from healthlib.ask.safety import (
    PET_NOTE,
    SAFETY_NET,
    about_a_child,
    emergency_guidance,
    pet_ingestion,
)
from healthlib.ask.text import normalise
from healthlib.ask.types import Intent
from healthlib.ask.understand import Mention, Understanding, understand
from healthlib.library.pills import find_pills
from healthlib.library.query import Library
from healthlib.model.article import Article
from healthlib.model.text import join_words
from healthlib.model.urls import compare_url, guide_url, labs_url, pills_url

MAX_DRUGS = 3  # guides answered from in one question


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


class Recognised(BaseModel):
    name: str = Field(description="the medicine as named, e.g. 'Toradol (ketorolac)'")
    typed: str = Field(description="the words in the question")
    generic: str = Field(description="its generic name, e.g. 'ketorolac'")
    in_library: bool
    guides: list[str] = Field(default_factory=list, description="slugs of the guides it means")


class Answer(BaseModel):
    question: str = Field(description="the question as read: tags removed, capped at 500 characters")
    drugs: list[str] = Field(description="slugs of the guides the question is about")
    intent: Intent
    intents: list[Intent] = Field(default_factory=list, description="one type per part of a two-part question")
    confidence: float = Field(default=0.0, description="how surely the question type was read (0-1)")
    recognised: list[Recognised] = Field(default_factory=list,
                                         description="every medicine named, in the library or not")
    answer: str = Field(description="plain text; emergency guidance first when urgent")
    citations: list[Citation]
    urgent: bool
    in_library: bool = Field(description="whether the answer comes from the library's guides")
    emergency: str | None = Field(default=None, description="emergency guidance, when urgent")
    red_flags: list[str] = Field(default_factory=list)
    other: str | None = Field(default=None, description="the other medicine or substance asked about")
    not_in_library: list[str] = Field(default_factory=list, description="medicines named with no guide here")
    suggestions: list[Link] = Field(default_factory=list, description="related guides (same group), never "
                                                                       "look-alike names")
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


# -- stored guides, the last ones asked about, per library file ------------------------------------

_ARTICLES_LOCK = threading.Lock()
_ARTICLES_KEPT = 256


def stored_article(lib: Library, slug: str) -> Article | None:
    kept: OrderedDict[str, Article | None] = lib.remember("ask.stored_articles", OrderedDict)
    with _ARTICLES_LOCK:
        if slug in kept:
            kept.move_to_end(slug)
            return kept[slug]
    article = lib.article(slug)
    with _ARTICLES_LOCK:
        kept[slug] = article
        while len(kept) > _ARTICLES_KEPT:
            kept.popitem(last=False)
    return article


# -- putting an answer together ---------------------------------------------------------------------

NOTES = {
    "interactions": answering.NOTE_INTERACTIONS,
    "alcohol": "If you are not sure whether alcohol is safe with your medicines, ask your pharmacist.",
    "food": "If you are not sure how to take your medicine with food or drink, ask your pharmacist.",
    "pregnancy": "If you are pregnant or trying to be, talk with your doctor or midwife before making any "
                 "change to your medicines.",
    "breastfeeding": "Talk with your doctor, midwife or pharmacist about medicines while breastfeeding.",
    "stopping": "Talk with your doctor before you stop or change how you take any medicine.",
    "missed_dose": "If you are not sure what to do about a missed dose, ask your pharmacist.",
    "overdose": "If you think someone has taken too much, call Poison Control at 1-800-222-1222 (US) right "
                "away, or 911 if they are hard to wake, have trouble breathing or have a seizure. Your doctor "
                "or pharmacist can answer questions about your dose.",
    "side_effects": "Tell your doctor or pharmacist about any side effect that bothers you or does not go "
                    "away. Get help right away for the serious ones.",
    "comparison": "Neither medicine is best for everyone. Which one suits you depends on your health and "
                  "your other medicines: your doctor will decide with you.",
    "alternatives": "Only your doctor can decide whether another medicine would suit you better. Do not "
                    "change medicines on your own.",
    "who_should_not_take": "Your doctor and pharmacist can tell you whether it is right for you.",
}
DEFAULT_NOTE = "For advice about your own situation, ask your doctor or pharmacist."
LAB_LINK = "Explain a lab result"
PILL_LINK = "Pill finder"
# a pill described by its look, with no name: the pill finder identifies it from its label data
PILL_POINTER = ("To find out what a pill is, use this library's pill finder: type the letters and numbers "
                "printed or pressed on it, and its colour and shape. It lists the products whose official "
                "label describes that pill. Don't take a pill you can't identify for sure; a pharmacist "
                "can check it for you.")
SCOPE = ("I answer questions about medicines, and only from this library's guides. "
         "Your question does not seem to be about a medicine. For other health questions, "
         "please talk with a doctor, nurse or pharmacist.")
LIFESTYLE = ("This library covers medicines: what each one is for, how to take it, its side effects and "
             "who should not take it. It does not give diet, exercise or other lifestyle advice, and it "
             "will not suggest a prescription medicine for this. A doctor, nurse, pharmacist or dietitian "
             "can help with a plan that suits you.")
EMPTY = ("Please type a question about a medicine, for example: "
         "\"Can I drink alcohol on baclofen?\" or \"What are the side effects of sertraline?\"")
_MISUSE = re.compile(r"\b(get|getting|gets|feel|feeling) (high|buzzed|a buzz)\b|\b(snort|snorting|recreational(ly)?|"
                     r"to trip)\b")
MISUSE_NOTE = ("Taking a medicine to get high, or in ways other than prescribed, can cause an overdose and "
               "death. If you are worried about your own or someone else's use, the SAMHSA National "
               "Helpline is free, private and open 24 hours: 1-800-662-4357.")
# In an emergency the box holds the one instruction; guide sentences about whom to call are left
# out of the text below it so the two can never disagree.
_CALL_SENTENCE = re.compile(r"(911|poison control|emergency number|nhs 111|a&e|call your doctor right away)", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def _key(sentence: str) -> str:
    """A sentence compared without its label ("Pregnancy: ...") or list dash."""
    sentence = sentence.strip().removeprefix("- ")
    head, sep, rest = sentence.partition(": ")
    return normalise(rest if sep and len(head) <= 30 else sentence)


class _Builder:
    def __init__(self, lib: Library, urgent: bool) -> None:
        self.lib = lib
        self.urgent = urgent
        self.citations: list[Citation] = []
        self._numbers: dict[tuple[str, str], int] = {}
        self.passages: list[Passage] = []
        self.lines: list[str] = []
        self.links: list[Link] = []
        self._said: set[str] = set()

    def _was_said(self, sentence: str) -> bool:
        return _key(sentence) in self._said

    def cite(self, article: Article, ids: tuple[str, ...]) -> list[int]:
        sources = {s.id: s for s in article.sources}
        numbers = []
        for source_id in ids:
            key = (source_id, sources[source_id].title if source_id in sources else "")
            if key not in self._numbers:
                s = sources.get(source_id)
                if s is None:
                    continue
                self._numbers[key] = len(self.citations) + 1
                self.citations.append(Citation(n=len(self.citations) + 1, id=s.id, title=s.title,
                                               publisher=s.publisher, url=s.url, date=s.date, guide=article.slug))
            numbers.append(self._numbers[key])
        return numbers

    def add(self, article: Article, unit: Unit) -> None:
        text = unit.text.strip()
        if self.urgent:  # one instruction: the emergency box's
            text = " ".join(s for s in _SENTENCE.split(text) if not _CALL_SENTENCE.search(s)).strip()
        if unit.kind in {"paragraph", "faq", "item", "warning"}:  # say each sentence of a guide once
            text = " ".join(x for x in _SENTENCE.split(text) if not self._was_said(x)).strip()
        elif unit.kind == "list":
            lines = text.split("\n")
            items = [x for x in lines if x.startswith("- ") and not self._was_said(x[2:])]
            text = "\n".join([x for x in lines if not x.startswith("- ")] + items) if items else ""
        if not text or any(p.text == text and p.guide == unit.slug for p in self.passages):
            return
        for x in [*_SENTENCE.split(text), *text.split("\n")]:
            self._said.add(_key(x))
        numbers = self.cite(article, unit.citations)
        url = guide_url(unit.slug, unit.anchor)
        self.passages.append(Passage(guide=unit.slug, section=unit.anchor, heading=unit.heading, text=text,
                                     citations=numbers, url=url))
        self.lines.append(f"{text} {''.join(f'[{n}]' for n in numbers)}".strip())
        self.link(unit.heading, url)

    def link(self, title: str, url: str) -> None:
        if all(existing.url != url for existing in self.links):
            self.links.append(Link(title=title, url=url))

    def say(self, text: str) -> None:
        self.lines.append(text)


POPULATION = frozenset(["child", "children", "kid", "kids", "baby", "toddler", "teen", "teens", "teenager",
                        "teenagers", "elderly", "older"])


# what a question about a medicine's make-up asks when it is about what the guides do not list
INACTIVE = frozenset(["gluten", "lactose", "dairy", "dye", "dyes", "gelatin", "gelatine", "filler", "fillers",
                      "vegan", "vegetarian", "halal", "kosher", "pork", "peanut", "soy", "sugar", "alcohol"])
SYMPTOM_INTENTS = frozenset(["side_effects", "what_is", "other"])  # a side effect named is what these turn on
# What the medicine is for is not what a question about its dose or timing turns on: "Janumet for
# type 2 diabetes, what is the most metformin" asks for the dose, not what the guide says of diabetes.
ROUTINE_INTENTS = frozenset(["dose", "how_to_take", "duration", "stopping", "missed_dose", "storage", "onset",
                             "how_it_works"])


def _focus_terms(u: Understanding, intent: str) -> tuple[tuple[str, tuple[str, ...], bool], ...]:
    """(what the question turns on, words to find in a guide, whether it is a side effect)."""
    out: list[tuple[str, tuple[str, ...], bool]] = []
    if u.flags:
        return ()  # an emergency: the box and the guide's warnings, nothing else first
    skip = {"pregnant", "pregnancy"} if intent == "pregnancy" else set()
    skip |= {"breastfeeding", "nursing"} if intent == "breastfeeding" else set()
    skip |= {"alcohol"} if intent == "alcohol" else set()
    for label, terms in u.focus.items():
        if label in skip or (label in POPULATION and intent not in {"who_should_not_take", "side_effects"}):
            continue
        out.append((label, terms, False))
    if intent in {"food", "interactions"} and u.other and u.other_terms and not any(
            normalise(u.other) == normalise(label) for label, _, _ in out) and u.other not in {"food", "alcohol"} \
            and u.other not in u.drugs:
        terms = u.other_terms
        if len(terms) > 1 and terms[-1] == u.other:
            terms = (u.other,)  # "turmeric", not every supplement: St John's wort does not answer it
        out.append((u.other, terms, False))
    if intent != "comparison":
        # a medicine with no guide here, named beside one that has ("allergic to codeine, can I take
        # tramadol", "is amoxicillin a penicillin"): what the guide says of it
        for m in [m for m in u.asked if not (m.slug or m.slugs) and not vocabulary.dosage_form(m.generic)][:2]:
            if not any(normalise(m.name) == normalise(label) or m.typed == normalise(label) for label, _, _ in out):
                out.append((m.typed, tuple(dict.fromkeys((m.generic, m.typed))), False))
    if intent in SYMPTOM_INTENTS:
        said = " ".join(label for label, _, _ in out)
        asked = [w for w in u.tokens if w in SYMPTOMS and w not in said.split()
                 and not any(set(SYMPTOMS[w]) <= set(terms) for _, terms, _ in out)]
        for w in list(dict.fromkeys(asked))[:2]:
            out.append((w, SYMPTOMS[w], True))
    return tuple(out)


def _own_use(article: Article, terms: tuple[str, ...]) -> bool:
    """Whether the guide's uses name it: what the medicine is for."""
    return any(answering.mentions(x.text, terms) for x in answering.section_units(article, "uses"))


def _answer_guide(b: _Builder, u: Understanding, article: Article, intent: str) -> bool:
    """Add one guide's passages for one question type: what it turns on first, then the table's."""
    focus = _focus_terms(u, intent)
    led = False
    if intent == "ingredients" and INACTIVE.intersection(u.tokens) and answering.NOTE_INGREDIENTS not in b.lines:
        b.say(answering.NOTE_INGREDIENTS)  # "is it gluten free": what the guide does not list is the answer
    own_names = {normalise(article.slug), normalise(article.title)}
    allergic = {m.typed for m in _allergen_mentions(u)}
    for label, terms, symptom in focus:
        if normalise(label) in own_names:
            continue  # "ibuprofen" in a question about ibuprofen is the medicine, not what it turns on
        if intent in ROUTINE_INTENTS and _own_use(article, terms):
            continue
        allergy = "allerg" in label or normalise(label) in allergic  # "allergic to ibuprofen": its allergy
        found = answering.focus_units(article, terms, require=("allerg",) if allergy else (),
                                      first=("side-effects",) if symptom else (), tables=intent == "dose")
        own = [x for x in found if not x.anchor.startswith("vs-") and x.anchor != "alternatives"]
        if found and not own and intent == "side_effects":
            b.say(f"The {article.title} guide does not list {label} changes among the side effects of "
                  f"{article.title}. What it says about {label}:")
        if found:
            for unit in found:
                b.add(article, unit)
            led = True
        elif label not in POPULATION:
            what = f"an allergy to {label}" if allergy and "allerg" not in label else label
            b.say(f"The {article.title} guide does not mention {what}."
                  + (" That does not prove they are safe together." if intent in {"interactions", "food"} else ""))
    units = answering.respond(article, intent)
    if led and intent in {"side_effects", "who_should_not_take", "interactions", "food", "uses", "what_is",
                          "other"}:
        units = units[:2]  # what the question turns on came first; a little context after it
    if intent == "side_effects" and b.urgent:
        units = [x for x in units if x.kind == "warning" or "serious" in x.text.lower()][:2]
    for unit in units:
        b.add(article, unit)
    note = answering.RESPONDERS.get(intent, answering.RESPONDERS["other"]).note
    said = any("not advice for you" in p.text for p in b.passages)  # the dose caveat, said by the guide
    if note and units and note not in NOTES.values() and not (note == answering.NOTE_DOSE and said) \
            and note not in b.lines:
        b.say(note)
    if intent == "other" or (not units and not led):
        covers = answering.section_links(article)
        b.say(f"The {article.title} guide covers: " + join_words([h.rstrip("?") for h, _ in covers][:8]) + ".")
        for heading, url in covers[:8]:
            b.link(heading, url)
    return bool(units) or led


def _two_guides(b: _Builder, u: Understanding, a: Article, c: Article, intent: str) -> bool:
    if intent == "comparison":
        done = False
        for first, second in ((a, c), (c, a)):
            section = f"vs-{second.slug}"
            units = answering.section_units(first, section)
            if units:
                for unit in units:
                    b.add(first, unit)
                done = True
                break
        if not done:
            for article in (a, c):
                for unit in answering.respond(article, "what_is")[:1]:
                    b.add(article, unit)
            b.say("The guides have no direct comparison of these two; the points above come from each guide.")
        b.link(f"{a.title} and {c.title} side by side", compare_url(a.slug, c.slug))
        return True
    found = answering.interaction_between(b.lib, a, c)
    for line in found.advice:
        b.say(line)
    for unit in found.units:
        article = a if unit.slug == a.slug else c
        b.add(article, unit)
    if not found.listed:
        b.say(f"Neither the {a.title} nor the {c.title} guide lists the other among its interactions. "
              "That does not prove they are safe together.")
        for article in (a, c):
            for unit in answering.section_units(article, "interactions"):
                if unit.kind == "warning":
                    b.add(article, unit)
    return True


def _recognised(u: Understanding) -> list[Recognised]:
    out: list[Recognised] = []
    seen: set[tuple[str, str]] = set()
    for m in u.mentions:
        if not (m.slug or m.slugs) and vocabulary.dosage_form(m.generic):
            continue  # a dosage form ("nasal spray"), not a medicine
        generic = m.generic or m.name.lower()
        if (m.typed.lower(), generic) in seen:
            continue  # a name written again ("since the atorvastatin was added") is one name found
        seen.add((m.typed.lower(), generic))
        slugs = list(m.slugs or ((m.slug,) if m.slug else ()))
        out.append(Recognised(name=m.name, typed=m.typed, generic=generic, in_library=bool(slugs), guides=slugs))
    return out


def _allergen_mentions(u: Understanding) -> list[Mention]:
    """Medicines named as what the person is allergic to ("allergic to aspirin and ibuprofen",
    "penicillin allergy")."""
    out: list[Mention] = []
    last_end = -1  # where the last allergen named ends
    for m in sorted(u.mentions, key=lambda x: x.start):
        before = u.tokens[max(0, m.start - 3):m.start]
        to_it = any(t.startswith("allerg") and "to" in before[i + 1:] for i, t in enumerate(before))
        listed = last_end >= 0 and set(u.tokens[last_end:m.start]) <= {"and", "or"}
        if to_it or listed or u.tokens[m.end:m.end + 1] and u.tokens[m.end].startswith("allerg"):
            out.append(m)
            last_end = m.end
    return out


def _allergens(u: Understanding) -> set[str]:
    """Guides of the medicines the person is allergic to."""
    return {s for m in _allergen_mentions(u) for s in m.slugs or ((m.slug,) if m.slug else ())}


def _parts(m: Mention) -> frozenset[str]:
    """What a named medicine contains: 'Percocet' -> {oxycodone, acetaminophen}."""
    return frozenset(p.strip() for p in re.split(r"\band\b", normalise(m.generic or m.name)) if p.strip())


def _part_of_product(u: Understanding) -> list[tuple[Mention, Mention]]:
    """(product, part) for a medicine named that is one of the ingredients of another named
    product: "Augmentin" and "amoxicillin", "Percocet" and "Tylenol" (acetaminophen)."""
    out: list[tuple[Mention, Mention]] = []
    for whole in u.asked:
        for part in u.asked:
            if part is not whole and len(_parts(part)) < len(_parts(whole)) and _parts(part) <= _parts(whole) \
                    and (whole.slugs or whole.slug) and (part.slugs or part.slug):
                out.append((whole, part))
    return out


def _contains_part(b: _Builder, docs: list[Article], pairs: list[tuple[Mention, Mention]]) -> bool:
    """Two products with the same medicine in them: say so, then what the guides say about taking
    two medicines that contain it (the one-ingredient guide first, then the combination's)."""
    done = False
    for whole, part in pairs:
        generic = join_words(sorted(_parts(part)))
        typed = part.typed.upper() if len(part.typed) <= 4 else part.typed.capitalize()
        shown = generic if normalise(part.typed) == generic else f"{generic}, the medicine in {typed}"
        product = whole.name if whole.kind in {"dictionary", "short"} or normalise(whole.typed) == normalise(
            whole.name) else f"{whole.typed.capitalize()} ({normalise(whole.name)})"
        b.say(f"{product} already contains {shown}. Taking both means taking more {generic}.")
        terms = tuple(f"{w} {g}" for g in _parts(part) for w in ("contain", "contains", "containing"))
        part_slugs = set(part.slugs or (part.slug,))
        ordered = sorted(docs, key=lambda d: d.slug not in part_slugs)
        for article in ordered:
            if article.slug in part_slugs or article.slug in set(whole.slugs or (whole.slug,)):
                for unit in [x for x in answering.focus_units(article, terms) if not answering.aside(x)][:2]:
                    b.add(article, unit)
                    done = True
    return done


def emergency_in(lib: Library, text: str | None) -> str | None:
    """Emergency guidance when `text` (a question or a search) reports a red flag, else None."""
    u = understand(lib, text, flags_only=True)
    return emergency_guidance(u.flags, child=about_a_child(u.masked)) if u.flags else None


def _answer_parts(b: _Builder, u: Understanding, docs: list[Article], parts: list[str]) -> bool:
    """Each part's answer from each guide asked about (titled when there are two or more)."""
    answered = False
    for part in parts:
        for article in docs:
            if len(docs) > 1:
                b.say(f"{article.title}:")
            ok = _answer_guide(b, u, article, part)
            if not ok:
                b.say(f"The {article.title} guide does not cover this yet. Please ask your doctor or "
                      "pharmacist.")
            answered = answered or ok
    return answered


def answer_question(lib: Library, question: str | None) -> Answer:
    """Answer one question from the library's stored guides. Nothing about the question is kept."""
    u = understand(lib, question)
    forms = {m.name for m in u.mentions if not (m.slug or m.slugs) and vocabulary.dosage_form(m.generic)}
    outside = [name for name in u.unknown if name not in forms]  # medicines with no guide here
    flags = u.flags
    intent = u.intent
    pet = pet_ingestion(u.masked)
    b = _Builder(lib, urgent=bool(flags) or pet)  # a pet: the vet line is the one instruction
    emergency = emergency_guidance(flags, child=about_a_child(u.masked)) if flags else None
    allergens = _allergens(u)
    # "allergic to X, can I take Y": Y's guide answers (it says whom an allergy to X rules out)
    asked = [s for s in u.drugs if s not in allergens] or u.drugs
    within = _part_of_product(u)
    if intent not in {"interactions", "comparison", "alternatives"}:
        # "what is in Augmentin besides amoxicillin": the product's own guide, not the part's
        parts_only = {s for whole, part in within if len(whole.slugs or (whole.slug,)) == 1
                      for s in part.slugs or (part.slug,)}
        asked = [s for s in asked if s not in parts_only] or asked
    docs = [a for s in asked[:MAX_DRUGS] if (a := stored_article(lib, s))]
    answered = False
    # a pill told by its imprint ("with M 30 on it"): the pill finder's label data, one side typed finds it too
    pills = find_pills(lib, imprint=u.imprint, limit=5).results if intent == "appearance" and u.imprint else []
    unidentified = (f"This library cannot identify a pill marked {u.imprint}: no label it holds describes that "
                    "imprint. I will not guess which medicine it is from how it looks.")
    if intent == "appearance" and u.imprint and not pills and len(docs) == 1:
        b.say(unidentified)  # "could it be X?": X's guide answers after this
        b.link(PILL_LINK, pills_url())
    suggestions: list[Link] = []
    note = NOTES.get(intent, DEFAULT_NOTE)
    self_harm = any(f.kind == "self_harm" for f in flags)
    lab_tests = lab_tests_asked(u.question) if u.tokens else []

    if not u.tokens:
        b.say(EMPTY)
        note = ""
    elif self_harm and intent == "other":
        note = ""  # the crisis guidance is the answer
    elif intent == "appearance" and u.imprint and (pills or len(docs) != 1):
        # a pill told by its imprint is what its label says, never a guess among the medicines named
        if pills:
            products = join_words(list(dict.fromkeys(
                f"{r.title} {r.strength or ''} (marked {r.imprint.replace(';', ' ')})".replace("  ", " ") for r in pills)))
            b.say(f"In this library's pill finder, {u.imprint} matches {products}, as the official label "
                  "describes it. Pills can look alike, so check the colour and shape too.")
            for r in {r.slug: r for r in pills}.values():
                b.link(r.title, guide_url(r.slug))
        else:
            b.say(unidentified)
        b.say(PILL_POINTER)
        b.link(PILL_LINK, pills_url())
        answered = bool(pills)
        note = ""
    elif outside and not docs:
        names = join_words(outside)
        b.say(f"{names} {'is' if len(outside) == 1 else 'are'} not in this library yet, so I cannot answer "
              "this from a guide. I will not guess from a different medicine. Your pharmacist or doctor can "
              "answer it, and the leaflet that comes with the medicine has the facts.")
        for m in u.asked:
            for slug in vocabulary.related_guides(lib, m.generic) if not m.slug else []:
                title = lib.titles().get(slug)
                if title and all(x.url != guide_url(slug) for x in suggestions):
                    suggestions.append(Link(title=title, url=guide_url(slug)))
        if suggestions:
            b.say("Related guides in this library (the same group of medicines): "
                  + ", ".join(s.title for s in suggestions) + ".")
        note = "" if flags else DEFAULT_NOTE
    elif u.subject_unclear and not flags:
        titles = lib.titles()
        b.say(f"Your message names {join_words([m.name for m in dict((m.key, m) for m in u.mentions).values()])}. "
              "I could not tell which of them the question is about, so I have not answered from every guide. "
              "Please ask again about the one you mean; the guides are linked below.")
        for s in u.drugs:
            b.link(titles.get(s, s), guide_url(s))
        answered = True
    elif not docs and u.lifestyle:
        b.say(LIFESTYLE)
        note = ""
    elif not docs and u.condition_slugs and intent == "uses":
        titles = lib.titles()
        listed = [s for s in u.condition_slugs if s in titles][:8]
        b.say(f"Guides in this library for {join_words(u.conditions[:2])}: "
              + ", ".join(titles[s] for s in listed) + ". Which medicine is right for you is a decision for "
              "your doctor.")
        for s in listed:
            b.link(titles[s], guide_url(s))
        answered = True
        note = DEFAULT_NOTE
    elif not docs and lab_tests:
        b.say(lab_pointer(lab_tests))
        b.link(LAB_LINK, labs_url())
        note = DEFAULT_NOTE
    elif not docs and intent == "appearance":
        b.say(PILL_POINTER)
        b.link(PILL_LINK, pills_url())
        note = ""
    elif not docs and u.medical:
        if not flags:
            b.say("Your question does not name a medicine that this library has a guide for. "
                  "Please ask again with the medicine's name, for example \"Can I take baclofen with food?\"")
        note = "" if not flags else DEFAULT_NOTE
    elif not docs:
        if not flags:
            b.say(SCOPE)
        note = ""
    else:
        context = " ".join(u.focus)
        unknown = [m.name for m in u.asked if not m.slug and m.typed not in context and m.name not in forms]
        if unknown:
            u_names = join_words(unknown)
            b.say(f"{u_names} {'is' if len(unknown) == 1 else 'are'} not in this library yet; "
                  "this answer is about the other medicine named.")
        if within and intent == "interactions" and _contains_part(b, docs, within):
            answered = True
        elif len(docs) >= 2 and intent in {"comparison", "interactions", "alcohol", "food"} and u.other in {
                d.slug for d in docs}:
            if intent == "comparison":
                answered = _two_guides(b, u, docs[0], docs[1], "comparison")
            else:  # every pair: "diclofenac with lisinopril or aleve" is two questions
                for i, first in enumerate(docs):
                    for second in docs[i + 1:]:
                        answered = _two_guides(b, u, first, second, "interactions") or answered
            # "is ibuprofen ok with warfarin and what are warfarin's side effects": the second part too
            answered = _answer_parts(b, u, docs, u.intents[1:]) or answered
        else:
            answered = _answer_parts(b, u, docs, u.intents or [intent])
        if lab_tests:  # "my INR is 4.5 on warfarin": the guide answers, the explainer reads the result
            b.say(lab_pointer(lab_tests))
            b.link(LAB_LINK, labs_url())
        if emergency and intent == "overdose":
            note = ""
    parts: list[str] = []
    if emergency:
        parts.append(emergency)
    if pet:
        parts.append(PET_NOTE)
        note = "" if _CALL_SENTENCE.search(note) else note  # a person's "call Poison Control" note
    elif re.search(r"\b(suicid\w*|self harm)\b", u.text):
        parts.append("If you ever have thoughts of suicide or self-harm, call or text 988 (US) any time.")
    if _MISUSE.search(u.text):
        parts.append(MISUSE_NOTE)
    parts += b.lines
    if note:
        parts.append(note)
    follow = _follow_up(docs, intent) if docs else []
    return Answer(
        question=u.question, drugs=list(dict.fromkeys(r.slug for r in pills)) or u.drugs, intent=intent, intents=u.intents or [intent],
        confidence=u.confidence, recognised=_recognised(u),
        answer="\n\n".join(p for p in parts if p), citations=b.citations, urgent=bool(flags),
        in_library=answered and bool(b.passages or b.links), emergency=emergency,
        red_flags=[f.kind for f in flags], other=u.other, not_in_library=outside, suggestions=suggestions,
        passages=b.passages, links=b.links, follow_up=follow, note=note, truncated=u.truncated,
        safety_net=SAFETY_NET if u.tokens and not flags else None)


FAQ_FOR = {"onset": "onset", "stopping": "stopping", "alcohol": "alcohol", "food": "food",
           "pregnancy": "pregnancy", "breastfeeding": "breastfeeding", "missed_dose": "missed-dose",
           "overdose": "overdose", "driving": "driving"}


def _follow_up(docs: list[Article], intent: str) -> list[FollowUp]:
    article = docs[0]
    answered_faq = FAQ_FOR.get(intent)
    questions: list[str] = []
    if len(docs) >= 2 and intent != "comparison":
        questions.append(f"Is {docs[0].title} better than {docs[1].title}?")
    preferred = ["stopping", "alcohol", "driving", "missed-dose", "overdose", "onset", "food",
                 "pregnancy", "breastfeeding", "kidney", "liver"]
    by_id = {f.id: f for f in article.faq}
    for faq_id in preferred:
        if faq_id != answered_faq and faq_id in by_id:
            questions.append(by_id[faq_id].question)
    if intent != "side_effects" and article.section("side-effects"):
        questions.insert(1, f"What are the side effects of {article.title}?")
    return [FollowUp(question=q, url=f"/ask?q={quote_plus(q)}") for q in questions[:4]]
