"""Many labels for one medicine -> one guide.

A medicine has many labels: the brand, generics, repackagers. They are grouped by their set of
active ingredients (salts and hydrates set aside: "atorvastatin calcium trihydrate" is
atorvastatin). The guide is written from one label, the most authoritative and most recent:
the reference product (an NDA or BLA label under its own brand, not a repackager) over
everything else, then the newest effective date and version. Every other label adds its brand
name and is listed as a source.

Grouping streams: each medicine keeps its best label so far, and every other label only as a
source and a brand name; facts are read once, from the chosen label, at the end. Readers can
hand over light labels (identity only) and load the chosen ones again in full, so memory grows
with the number of medicines, and the slow part (reading facts) with it, not with the labels.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from healthlib.model.errors import HealthlibError
from healthlib.model.monograph import BrandName, Monograph, Pill, Source
from healthlib.readers import loinc
from healthlib.readers.label import Label
from healthlib.readers.label_context import label_source
from healthlib.readers.label_facts import label_monograph
from healthlib.readers.label_identity import attach_pills, plain_form, read_pill

# Counter-ions, salts and hydrates that name a form of the ingredient, not the ingredient.
_SALT_TEXT = """
acetate anhydrous besylate besilate bitartrate bromide calcium carbonate chloride citrate
dihydrate dihydrochloride disodium dipotassium edisylate estolate ethylsuccinate fumarate
gluconate hcl hemihydrate hemifumarate hyclate hydrobromide hydrochloride hydrate lactate
lysine magnesium maleate malate mesylate methylbromide monohydrate monosodium napsylate
nitrate oxalate pamoate phosphate potassium propionate sesquihydrate sodium stearate
succinate sulfate sulphate tartrate tosylate trihydrate tromethamine valerate xinafoate
mononitrate dimesylate diphosphate decanoate lauroxil palmitate
"""
_SALT_WORDS = frozenset(_SALT_TEXT.split())
# Words that are the medicine itself when they come first (calcium carbonate, sodium chloride).
_ELEMENTS = frozenset({"calcium", "magnesium", "potassium", "sodium", "zinc", "lithium", "iron", "aluminum"})


def base_ingredient(name: str) -> str:
    """'ATORVASTATIN CALCIUM TRIHYDRATE' -> 'atorvastatin'; 'calcium carbonate' stays itself."""
    words = re.sub(r"[^a-z0-9\-\s]", " ", name.lower()).split()
    if not words or words[0] in _ELEMENTS:
        return " ".join(words)
    while len(words) > 1 and words[-1] in _SALT_WORDS:
        words.pop()
    return " ".join(words)


def ingredient_key(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({base_ingredient(n) for n in names if base_ingredient(n)}))


def slug_for(generic_name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", generic_name.lower()).strip("-")


def rank(label: Label) -> tuple[int, dt.date, int]:
    """Higher is better: reference product first, then the newest label."""
    approval = (label.approval or "").upper()
    tier = 0
    if approval.startswith(("NDA", "BLA")):
        tier = 2 if label.brand and not label.repackaged else 1
    try:
        version = int(label.version or 0)
    except ValueError:
        version = 0
    return tier, label.effective or dt.date.min, version


class _Ref(NamedTuple):
    """What a label that is not the chosen one still gives its guide: a source, a brand and
    its pills (for the pill finder)."""

    source: Source
    brand: BrandName | None
    pills: list[Pill]


@dataclass
class _Group:
    key: tuple[str, ...]
    slug: str
    best: Label
    best_rank: tuple[int, dt.date, int]
    refs: dict[str, _Ref] = field(default_factory=dict)  # set id -> the newest label with it
    statuses: set[str] = field(default_factory=set)
    labels: int = 0


Reload = Callable[[list[Label]], Iterable[tuple[Label, "Label | HealthlibError"]]]


class Grouper:
    """Feed labels one by one with `add`; `monographs()` gives one guide per medicine.

    Facts are read only from each medicine's chosen label, once, at the end. Labels may be
    light (identity only, see Label.light): then `reload` fetches the chosen ones in full, so
    a first pass over millions of labels keeps only a few small things per label in memory."""

    def __init__(self, make: Callable[[Label, str], Monograph] = label_monograph,
                 reload: Reload | None = None) -> None:
        self._make = make
        self._reload = reload
        self._groups: dict[tuple[str, ...], _Group] = {}

    def add(self, label: Label) -> None:
        """Raises HealthlibError (naming the label) when it lacks what a guide needs."""
        key = ingredient_key(label.ingredients)
        if not key:
            raise HealthlibError("the label names no active ingredient", file=label.where)
        if not label.light and not label.sections.get(loinc.INDICATIONS):
            raise HealthlibError("the label states no use (no Indications or Uses section)",
                                 file=label.where)
        here = rank(label)
        group = self._groups.get(key)
        if group is None:
            group = self._groups[key] = _Group(key, slug_for(label.generic_name), label, here)
        elif here > group.best_rank:
            group.best, group.best_rank = label, here
        group.labels += 1
        group.statuses.add(label.rx_status)
        known = group.refs.get(label.set_id)
        if known is None or (known.source.effective_date or dt.date.min) <= (label.effective or dt.date.min):
            source = label_source(label)
            brand = None
            if label.brand:
                form = next((p.form for p in label.products if p.form), None)
                brand = BrandName(name=label.brand, form=plain_form(form), cite=[source.id])
            pills = [read_pill(label, p, [source.id]) for p in label.products if p.has_looks]
            group.refs[label.set_id] = _Ref(source, brand, pills)

    @property
    def labels(self) -> int:
        return sum(g.labels for g in self._groups.values())

    def label_counts(self) -> dict[str, int]:
        """Guide slug -> how many labels were grouped into it."""
        return {g.slug: g.labels for g in self._groups.values()}

    def monographs(self, on_error: Callable[[HealthlibError], None] | None = None) -> list[Monograph]:
        """One guide per medicine. A chosen label that cannot be read in full raises, or with
        `on_error` is reported there and its medicine left out."""
        groups = list(self._groups.values())
        full: dict[int, Label | HealthlibError] = {}
        light = [g.best for g in groups if g.best.light]
        if light:
            if self._reload is None:
                raise ValueError("light labels need a reload function")
            for asked, got in self._reload(light):
                full[id(asked)] = got
        out = []
        for group in groups:
            label = full.get(id(group.best), group.best)
            try:
                if isinstance(label, HealthlibError):
                    raise label
                if label.light:
                    raise HealthlibError("the label could not be read again", file=label.where)
                out.append(self._finish(group, self._make(label, group.slug)))
            except HealthlibError as exc:
                if on_error is None:
                    raise
                on_error(exc)
        return out

    @staticmethod
    def _finish(group: _Group, m: Monograph) -> Monograph:
        """The chosen label's guide, with every other label's brand name and source added."""
        sources = {s.id: s for s in m.sources}
        brands = {b.name.lower(): b for b in m.brand_names}
        for ref in group.refs.values():
            if ref.brand and ref.brand.name.lower() not in brands:
                brands[ref.brand.name.lower()] = ref.brand
            sources.setdefault(ref.source.id, ref.source)
        status = "both" if len(group.statuses) > 1 else m.rx_status
        # Every added brand cites a source added with it, so the citations still resolve.
        m = m.model_copy(update={"sources": list(sources.values()), "brand_names": list(brands.values()),
                                 "rx_status": status})
        return attach_pills(m, [p for ref in group.refs.values() for p in ref.pills])


def settle_brands(monographs: list[Monograph], taken: dict[str, str] | None = None) -> list[Monograph]:
    """A brand name belongs to one guide. When labels of different medicines share a brand
    (store brands, "Triaminic" on several mixes), later guides keep it with their ingredients
    added, so every name still finds its guide and none points at two."""
    owners = dict(taken or {})
    out = []
    for m in monographs:
        changed = False
        brands = []
        for b in m.brand_names:
            owner = owners.get(b.name.lower())
            if owner and owner != m.slug:
                b = b.model_copy(update={"name": f"{b.name} ({m.generic_name})"})
                changed = True
                if owners.get(b.name.lower(), m.slug) != m.slug:
                    continue
            owners.setdefault(b.name.lower(), m.slug)
            brands.append(b)
        out.append(m.model_copy(update={"brand_names": brands}) if changed else m)
    return out
