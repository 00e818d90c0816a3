"""Check several medicines together, from the interaction facts the guides already hold.

`check_medicines(lib, names)` resolves 2-20 typed names (generic, brand, misspelling) to guides,
then reports, serious first: every pair that either guide flags (looked up in both directions
and through drug classes: warfarin's warning on "NSAIDs" applies to ibuprofen), merged into one
finding per pair; alcohol, food and other substances for each medicine; and duplicates (the same
medicine twice, two of one class, one ingredient in two products). Every finding carries the
guides' own words and citations. Nothing is ever called "safe": when the guides list nothing,
the report says so and to ask a pharmacist.

The facts are indexed once per library file (`Library.remember`: a rebuild that swaps in a new
file drops the index), so a check costs dictionary lookups only. The index keeps the facts, the
notes shown for them and each guide's title and ingredients, never whole monographs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field

from healthlib.library.query import Library
from healthlib.model.article import SourceRef
from healthlib.model.errors import HealthlibError, UnknownMedicine
from healthlib.model.interaction import (
    SEVERITY_OF_FACT,
    SEVERITY_RANK,
    SUBSTANCES,
    CheckedName,
    DrugClass,
    Finding,
    GuideNote,
    InteractionReport,
    Severity,
)
from healthlib.model.monograph import BrandName, Interaction, Source, display_name
from healthlib.model.names import normalize
from healthlib.model.text import join_words, lower_first, sentence
from healthlib.model.urls import guide_url
from healthlib.readers.drug_classes import builtin_drug_classes

MIN_NAMES, MAX_NAMES = 2, 20
MAX_REMEMBERED = 10_000  # typed names kept per library file
NOTICE = ("This check only uses what these guides say, so it can miss some mixes. "
          "Tell your doctor and pharmacist about every medicine, herb and supplement you take.")
_KIND_ORDER = {"pair": 0, "mentioned": 0, "same-ingredient": 1, "same-medicine": 1, "alcohol": 2,
               "food": 2, "substance": 2, "same-class": 3}
_SPACING = re.compile(r"\b(hours? (before|after|apart)|apart|at different times|separate|space (them|the doses)|"
                      r"hours? between)\b", re.I)
_COUNT = {2: "Two", 3: "Three", 4: "Four", 5: "Five"}
_ABSORPTION = re.compile(r"\b(absorb\w*|absorption|at the same time|at different times)\b", re.I)
_DO_NOT = re.compile(r"\b(do not|don't|never|must not|should not|avoid|contraindicated)\b", re.I)


@dataclass(frozen=True)
class _Fact:
    guide: str  # slug of the guide the fact is in
    fact: Interaction
    severity: Severity
    applies_to: frozenset[str]  # guide slugs, through classes and ingredients
    substances: frozenset[str]
    with_norm: str  # normalized words, to find medicines the library does not hold


class _Guide(BaseModel):
    """What the checker reads of a stored monograph (the rest of its JSON is skipped)."""

    model_config = ConfigDict(extra="ignore")
    slug: str
    origin: str
    generic_name: str
    ingredients: list[str] = Field(default_factory=list)
    brand_names: list[BrandName] = Field(default_factory=list)
    sources: list[Source]
    interactions: list[Interaction] = Field(default_factory=list)

    @property
    def title(self) -> str:
        return display_name(self.generic_name)


@dataclass
class _Index:
    titles: dict[str, str]
    ingredients: dict[str, frozenset[str]]  # slug -> normalized active ingredients
    single: dict[str, str]  # normalized ingredient -> the single-ingredient guide
    facts: dict[str, list[_Fact]] = field(default_factory=dict)
    about: dict[tuple[str, str], list[_Fact]] = field(default_factory=dict)
    classes_of: dict[str, list[DrugClass]] = field(default_factory=dict)
    substance_words: dict[str, str] = field(default_factory=dict)
    named_in: dict[str, set[str]] = field(default_factory=dict)  # word run in a fact -> guide slugs
    notes: dict[int, GuideNote] = field(default_factory=dict)  # id(fact) -> what the report shows
    resolved: dict[str, CheckedName] = field(default_factory=dict)  # typed name -> recognised (bounded)


def interaction_index(lib: Library) -> _Index:
    """The index for the library file now in place, built once per file."""
    return lib.remember("interactions.index", lambda: _build_index(
        (_Guide.model_validate_json(raw) for (raw,) in lib.conn().execute("SELECT json FROM monographs")),
        builtin_drug_classes()))


def _build_index(guides: Iterable[_Guide], classes: dict[str, DrugClass]) -> _Index:
    by_slug = {m.slug: m for m in guides}  # while building only: the index keeps what it needs
    ingredients = {s: frozenset(normalize(i) for i in (m.ingredients or [m.generic_name]))
                   for s, m in by_slug.items()}
    single = {next(iter(parts)): s for s, parts in ingredients.items() if len(parts) == 1}
    index = _Index(titles={s: m.title for s, m in by_slug.items()}, ingredients=ingredients, single=single)
    containing: dict[str, set[str]] = {}
    for slug, parts in ingredients.items():
        for part in parts:
            containing.setdefault(part, set()).add(slug)

    def drug(slug: str) -> set[str]:
        """A guide, and every combination product that contains its (single) ingredient."""
        if slug not in by_slug:
            return set()
        parts = ingredients[slug]
        return {slug} | (containing.get(next(iter(parts)), set()) if len(parts) == 1 else set())

    members = {cid: [s for s in c.members if s in by_slug] for cid, c in classes.items()}
    for cid, slugs in members.items():
        for s in slugs:
            index.classes_of.setdefault(s, []).append(classes[cid])
    names = _library_names(by_slug.values())
    imported = {normalize(m.generic_name): m.slug for m in by_slug.values() if m.origin == "label"}
    for slug, m in by_slug.items():
        for fact in m.interactions:
            targets = list(fact.targets) + (_label_targets(fact, names) if m.origin == "label" else [])
            targets += [f"drug:{s}" for s in _imported_named(fact.with_, imported)]
            applies: set[str] = set()
            substances: set[str] = set()
            for target in targets:
                kind, _, ident = target.partition(":")
                if kind == "drug":
                    applies |= drug(ident)
                elif kind == "class":
                    for member in members.get(ident, ()):
                        applies |= drug(member)
                elif kind == "substance" and ident in SUBSTANCES:
                    substances.add(ident)
            if fact.kind == "alcohol":
                substances.add("alcohol")
            applies.discard(slug)
            item = _Fact(slug, fact, SEVERITY_OF_FACT[fact.severity], frozenset(applies),
                         frozenset(substances), f" {normalize(fact.with_)} ")
            index.facts.setdefault(slug, []).append(item)
            index.notes[id(item)] = _make_note(m, item)
            for run in _word_runs(item.with_norm):
                index.named_in.setdefault(run, set()).add(slug)
            for other in applies:
                index.about.setdefault((slug, other), []).append(item)
    for sid, (_, words) in SUBSTANCES.items():
        for word in words:
            index.substance_words.setdefault(normalize(word), sid)
    return index


def _library_names(monographs: Iterable[_Guide]) -> dict[str, str]:
    """Normalized generic and brand names -> slug, to link an imported label's words exactly."""
    names: dict[str, str] = {}
    for m in monographs:
        for name in [m.generic_name, *(b.name for b in m.brand_names)]:
            names.setdefault(normalize(name), m.slug)
    return names


def _word_runs(norm: str, longest: int = 4) -> set[str]:
    tokens = norm.split()
    return {" ".join(tokens[i:i + n]) for n in range(1, longest + 1) for i in range(len(tokens) - n + 1)}


def _imported_named(words: str, imported: dict[str, str]) -> list[str]:
    """Imported guides a fact names word for word ("antipsychotics (such as haloperidol)"):
    curated targets were reviewed before those guides existed, so their generic names are looked
    up among the fact's words (runs of one to four words)."""
    if not imported:
        return []
    return [imported[r] for r in _word_runs(normalize(words)) if r in imported]


def _label_targets(fact: Interaction, names: dict[str, str]) -> list[str]:
    """An imported label's interaction names a library medicine only when its words are exactly
    that medicine's generic or brand name ("Warfarin", "Coumadin")."""
    slug = names.get(normalize(re.sub(r"\([^)]*\)", "", fact.with_)))
    return [f"drug:{slug}"] if slug else []


# -- checking ----------------------------------------------------------------------------------

def check_medicines(lib: Library, names: list[str]) -> InteractionReport:
    """Check 2-20 medicines (slugs, generic or brand names, misspellings) against each other.

    Names the library does not hold are reported, not an error; HealthlibError when fewer than two
    medicines are recognised or more than 20 names are given.
    """
    typed = [" ".join(n.split()) for n in names if n and n.strip()]
    if len(typed) > MAX_NAMES:
        raise HealthlibError(f"check at most {MAX_NAMES} medicines at a time (got {len(typed)})")
    index = interaction_index(lib)
    checked = [_recognise(lib, index, name) for name in typed]
    known = {normalize(c.typed) for c in checked if c.status != "not-in-library"}
    if len(known) < MIN_NAMES:
        missing = [c.typed for c in checked if c.status == "not-in-library"]
        hint = f" Not in this library: {', '.join(missing)}." if missing else ""
        raise HealthlibError(f"give at least {MIN_NAMES} different medicines this library knows "
                             f"(got {len(known)}).{hint}")
    slugs = list(dict.fromkeys(c.slug for c in checked if c.slug))
    substances = list(dict.fromkeys(c.substance for c in checked if c.substance))
    outside = [c for c in checked if c.status == "not-in-library"]
    for c in outside:
        if c.note and c.note != "not in this library":
            c.note = _naming_note(index, normalize(c.typed), set(slugs))

    findings: list[Finding] = []
    findings += _same_medicine(index, checked)
    silent: list[list[str]] = []
    pairs = 0
    for i, a in enumerate(slugs):
        for b in slugs[i + 1:]:
            pairs += 1
            found = _pair(index, a, b)
            if found:
                findings.append(found)
            else:
                silent.append([index.titles[a], index.titles[b]])
    for c in outside:
        findings += _mentioned(index, slugs, c)
    for slug in slugs:
        findings += _substance_findings(index, slug, substances)
    findings += _same_class(index, slugs)
    findings.sort(key=lambda f: (SEVERITY_RANK[f.severity], _KIND_ORDER[f.kind]))
    return InteractionReport(names=checked, findings=findings, pairs_checked=pairs,
                             pairs_without_findings=silent,
                             summary=_summary([index.titles[s] for s in slugs] + [SUBSTANCES[s][0] for s in substances],
                                              findings, silent),
                             notice=NOTICE)


def _recognise(lib: Library, index: _Index, name: str) -> CheckedName:
    """What a typed name is; remembered per library file, since spelling correction is the slow part."""
    known = index.resolved.get(name)
    if known is None:
        known = _recognise_new(lib, index, name)
        if len(index.resolved) >= MAX_REMEMBERED:
            index.resolved.clear()
        index.resolved[name] = known
    return known.model_copy()


def _recognise_new(lib: Library, index: _Index, name: str) -> CheckedName:
    norm = normalize(name)
    exact = [n for n in lib.exact(name) if n.kind != "condition"]
    if exact:
        return _in_library(index, name, exact[0].slug)
    if norm in index.substance_words:
        sid = index.substance_words[norm]
        return CheckedName(typed=name, status="substance", substance=sid, title=SUBSTANCES[sid][0])
    # A medicine a guide names in its interactions is a real medicine the library lacks: never
    # turn it into a different guide by spelling ("clarithromycin" is not "azithromycin").
    if _guides_naming(index, norm):
        return CheckedName(typed=name, status="not-in-library", note=_naming_note(index, norm, set()))
    try:
        return _in_library(index, name, lib.resolve(name))
    except UnknownMedicine as exc:
        return CheckedName(typed=name, status="not-in-library", note="not in this library",
                           suggestions=exc.suggestions)


def _naming_note(index: _Index, norm: str, listed: set[str]) -> str:
    """"not in this library; named in the warfarin, atenolol and 3 other guides", listed guides first."""
    slugs = sorted(_guides_naming(index, norm), key=lambda s: (s not in listed, index.titles[s]))
    guides = [lower_first(index.titles[s]) for s in slugs]
    shown = guides if len(guides) <= 3 else [*guides[:2], f"{len(guides) - 2} other"]
    return f"not in this library; named in the {join_words(shown)} guide{'s' if len(guides) > 1 else ''}"


def _in_library(index: _Index, name: str, slug: str) -> CheckedName:
    return CheckedName(typed=name, slug=slug, title=index.titles[slug], link=guide_url(slug),
                       status="in-library")


def _guides_naming(index: _Index, norm: str) -> list[str]:
    if len(norm) < 4:
        return []
    return sorted(index.named_in.get(norm, ())) if len(norm.split()) <= 4 else \
        [slug for slug, facts in index.facts.items() if any(f" {norm} " in f.with_norm for f in facts)]


def _note(index: _Index, f: _Fact) -> GuideNote:
    return index.notes[id(f)]


def _make_note(m: _Guide, f: _Fact) -> GuideNote:
    sources = {s.id: s for s in m.sources}
    refs = [SourceRef(id=s.id, title=s.title, publisher=s.publisher, url=s.url,
                      date=s.date.isoformat() if s.date else None)
            for s in (sources[c] for c in f.fact.cite if c in sources)]
    return GuideNote(guide=f.guide, guide_title=m.title, with_words=f.fact.with_,
                     text=f.fact.text, severity=f.severity, sources=refs, link=guide_url(f.guide, "interactions"))


def _strongest(facts: Iterable[_Fact]) -> Severity:
    return min((f.severity for f in facts), key=SEVERITY_RANK.__getitem__)


# Advice, strongest first; a pair with several facts gets the strongest any of them calls for.
_ADVICE_ORDER = ("avoid", "space", "serious", "ask")


def _advice(severity: Severity, text: str) -> str:
    """One fact's advice, from its severity and its own words. Spacing only where the words are
    about absorption or timing doses apart ("take them 4 hours apart"), never for a fact that
    says not to combine them at all."""
    if _SPACING.search(text) and _ABSORPTION.search(text):
        return "space"
    if severity == "serious" and _DO_NOT.search(text):
        return "avoid"
    return "serious" if severity == "serious" else "ask"


@lru_cache(maxsize=4096)
def what_to_do(facts: tuple[tuple[Severity, str], ...], substance: str | None = None) -> str:
    """Plain advice derived only from the facts' severities and the guides' own words."""
    kinds = {_advice(severity, text) for severity, text in facts}
    kind = next(k for k in _ADVICE_ORDER if k in kinds)
    if kind == "space":
        return ("Space the doses: the guide says to take them at different times. "
                "Ask your pharmacist how to time them.")
    if substance:  # the finding's title names the substance
        return {"avoid": "The guide says to avoid or limit this. Ask your doctor or pharmacist what is right for you.",
                "serious": "This can be serious. Ask your doctor or pharmacist about it.",
                "ask": "Ask your doctor or pharmacist if this matters for you."}[kind]
    return {"avoid": "Do not take these together unless your doctor has told you to. Ask your doctor or "
                     "pharmacist first.",
            "serious": "This can be serious. Ask your doctor or pharmacist before you take these together.",
            "ask": "Ask your doctor or pharmacist before you take these together."}[kind]


def _advice_of(facts: Iterable[_Fact], substance: str | None = None) -> str:
    return what_to_do(tuple((f.severity, f.fact.text) for f in facts), substance)


def _speaks_for(index: _Index, slug: str) -> list[str]:
    """The guides whose facts apply to a medicine: its own, and for a combination product the
    guide of each single ingredient (the acetaminophen guide speaks for hydrocodone-acetaminophen)."""
    parts = index.ingredients[slug]
    return [slug] + ([g for p in sorted(parts) if (g := index.single.get(p)) and g != slug] if len(parts) > 1 else [])


def _pair(index: _Index, a: str, b: str) -> Finding | None:
    facts: list[_Fact] = []
    for x, y in ((a, b), (b, a)):
        for guide in _speaks_for(index, x):
            facts += [f for f in index.about.get((guide, y), []) if f not in facts]
    shared = index.ingredients[a] & index.ingredients[b]
    if shared:
        return _same_ingredient(index, a, b, shared, facts)
    if not facts:
        return None
    severity = _strongest(facts)
    return Finding(kind="pair", severity=severity, title=f"{index.titles[a]} + {lower_first(index.titles[b])}",
                   medicines=[a, b], what_to_do=_advice_of(facts),
                   notes=[_note(index, f) for f in facts])


def _same_ingredient(index: _Index, a: str, b: str, shared: frozenset[str], facts: list[_Fact]) -> Finding:
    """One ingredient in two products (acetaminophen alone and in hydrocodone-acetaminophen):
    together they add up to more of it than either label allows for."""
    part = join_words(sorted(shared))
    # the single-ingredient guide's own warning about other products with it
    for slug in (index.single.get(p) for p in shared):
        if slug:
            facts = facts + [f for f in index.facts.get(slug, []) if f" {normalize(part)} " in f.with_norm
                             and f not in facts]
    return Finding(kind="same-ingredient", severity="serious",
                   title=f"{index.titles[a]} + {lower_first(index.titles[b])}: both contain {part}",
                   medicines=[a, b], reason=f"Both products contain {part}. Taking both adds up the dose.",
                   what_to_do=(f"Do not take both unless your doctor has told you to. Check every label for "
                               f"{part}, and ask your pharmacist."),
                   notes=[_note(index, f) for f in facts])


def _same_medicine(index: _Index, checked: list[CheckedName]) -> list[Finding]:
    typed_for: dict[str, list[str]] = {}
    for c in checked:
        if c.slug:
            typed_for.setdefault(c.slug, []).append(c.typed)
    return [Finding(kind="same-medicine", severity="serious",
                    title=f"{join_words([repr_name(t) for t in typed])} are the same medicine",
                    medicines=[slug], reason=f"All are {lower_first(index.titles[slug])}.",
                    what_to_do="Do not take the same medicine twice. Ask your pharmacist if you are not sure.")
            for slug, typed in typed_for.items() if len({normalize(t) for t in typed}) > 1]


def repr_name(typed: str) -> str:
    return f"“{typed}”"


def _same_class(index: _Index, slugs: list[str]) -> list[Finding]:
    found: dict[str, list[str]] = {}
    classes: dict[str, DrugClass] = {}
    for slug in slugs:
        for c in index.classes_of.get(slug, []):
            if c.duplicate:
                found.setdefault(c.id, []).append(slug)
                classes[c.id] = c
    out = []
    for cid, members in found.items():
        # a combination and its own ingredient are reported as one ingredient twice instead
        if len(members) < 2:
            continue
        titles = [lower_first(index.titles[s]) for s in members]
        count = _COUNT.get(len(members), str(len(members)))
        out.append(Finding(kind="same-class", severity="moderate",
                           title=f"{count} {classes[cid].name}: {join_words(titles)}",
                           medicines=members, reason=f"{'Both' if len(members) == 2 else 'All'} are {classes[cid].name}. "
                                                  "They are the same kind of medicine.",
                           what_to_do="Medicines of the same kind can add to each other's effects and side "
                                      "effects. Ask your doctor or pharmacist whether you should take them all."))
    return out


def _substance_findings(index: _Index, slug: str, typed: list[str]) -> list[Finding]:
    """Alcohol and food facts for one medicine, and any other substance the person listed."""
    out = []
    title = index.titles[slug]
    for f in index.facts.get(slug, []):
        listed = f.substances & set(typed)
        if not (f.fact.kind in ("alcohol", "food") or listed):
            continue
        kind = "alcohol" if "alcohol" in f.substances else "food" if f.fact.kind == "food" else "substance"
        thing = lower_first(f.fact.with_)
        out.append(Finding(kind=kind, severity=f.severity, title=f"{title} with {thing}", medicines=[slug],
                           what_to_do=_advice_of([f], thing),
                           notes=[_note(index, f)]))
    return out


def _mentioned(index: _Index, slugs: list[str], checked: CheckedName) -> list[Finding]:
    """A medicine the library lacks, named word for word in a listed guide's interactions."""
    norm = normalize(checked.typed)
    if len(norm) < 4:
        return []
    out = []
    for slug in slugs:
        facts = [f for f in index.facts.get(slug, []) if f" {norm} " in f.with_norm]
        if facts:
            severity = _strongest(facts)
            out.append(Finding(kind="mentioned", severity=severity,
                               title=f"{index.titles[slug]} + {checked.typed}", medicines=[slug],
                               # two short sentences: long drug names alone push one sentence past grade 8
                               reason=f"There is no guide here for {checked.typed}. The {lower_first(index.titles[slug])} "
                                      "guide names it.",
                               what_to_do=_advice_of(facts),
                               notes=[_note(index, f) for f in facts]))
    return out


def _summary(listed: list[str], findings: list[Finding], silent: list[list[str]]) -> str:
    serious = sum(1 for f in findings if f.severity == "serious")
    if not findings:
        return (f"These guides list no interactions between {join_words(listed)}. "
                "That does not mean there are none. Ask a pharmacist to check all your medicines.")
    text = f"{len(findings)} thing{'s' if len(findings) != 1 else ''} to know"
    text += f", {serious} of them serious." if serious else "."
    if silent:
        text += (f" For {len(silent)} pair{'s' if len(silent) != 1 else ''} the guides list nothing; "
                 "that does not mean there is no interaction.")
    return sentence(text)
