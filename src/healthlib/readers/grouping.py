"""Many labels for one medicine -> one guide.

A medicine has many labels: the brand, generics, repackagers. They are grouped by their set of
active ingredients (salts and hydrates set aside: "atorvastatin calcium trihydrate" is
atorvastatin). The guide is written from one label, the most authoritative and most recent:
the reference product (an NDA or BLA label under its own brand, not a repackager) over
everything else, then the newest effective date and version. Every other label adds its brand
name and is listed as a source.

Grouping streams: each medicine keeps its best label so far, and every other label only as a
source and a brand name (in a `RefStore`: a dict by default, or a scratch SQLite table the
library layer hands in, so a bulk import keeps nothing per label in memory); facts are read
once, from the chosen label, at the end. Readers can hand over light labels (identity only) and
load the chosen ones again in full, so memory grows with the number of medicines, and the slow
part (reading facts) with it, not with the labels.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

from healthlib.model.errors import HealthlibError
from healthlib.model.monograph import BrandName, Monograph, Pill, Source
from healthlib.model.names import ingredient_key, slugify
from healthlib.readers import loinc
from healthlib.readers.label.context import label_source
from healthlib.readers.label.document import Label
from healthlib.readers.label.facts import label_monograph
from healthlib.readers.label.identity import attach_pills, plain_form, read_pill


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


class LabelRef(NamedTuple):
    """What a label that is not the chosen one still gives its guide: a source, a brand and
    its pills (for the pill finder)."""

    source: Source
    brand: BrandName | None
    pills: list[Pill]


class RefStore(Protocol):
    """Each medicine's labels as sources and brands: per set id, the newest label with it."""

    def put(self, key: tuple[str, ...], set_id: str, effective: dt.date | None,
            make: Callable[[], LabelRef]) -> None:
        """Keep `make()` for (key, set id) unless a label with a later effective date is kept."""

    def refs(self, key: tuple[str, ...]) -> Iterable[LabelRef]:
        """The kept refs of one medicine, in the order their set ids were first seen."""


class MemoryRefs:
    """The default RefStore: a dict per medicine (fine for a few thousand labels)."""

    def __init__(self) -> None:
        self._by_key: dict[tuple[str, ...], dict[str, tuple[dt.date, LabelRef]]] = {}

    def put(self, key: tuple[str, ...], set_id: str, effective: dt.date | None,
            make: Callable[[], LabelRef]) -> None:
        refs = self._by_key.setdefault(key, {})
        known = refs.get(set_id)
        when = effective or dt.date.min
        if known is None or known[0] <= when:
            refs[set_id] = (when, make())

    def refs(self, key: tuple[str, ...]) -> Iterable[LabelRef]:
        return [ref for _, ref in self._by_key.get(key, {}).values()]


@dataclass
class _Group:
    key: tuple[str, ...]
    slug: str
    best: Label
    best_rank: tuple[int, dt.date, int]
    statuses: set[str] = field(default_factory=set)
    labels: int = 0


Reload = Callable[[list[Label]], Iterable[tuple[Label, "Label | HealthlibError"]]]


class Grouper:
    """Feed labels one by one with `add`; `monographs()` gives one guide per medicine.

    Facts are read only from each medicine's chosen label, once, at the end. Labels may be
    light (identity only, see Label.light): then `reload` fetches the chosen ones in full, so
    a first pass over millions of labels keeps only a few small things per label in memory."""

    def __init__(self, make: Callable[[Label, str], Monograph] = label_monograph,
                 reload: Reload | None = None, refs: RefStore | None = None) -> None:
        self._make = make
        self._reload = reload
        self._refs: RefStore = refs if refs is not None else MemoryRefs()
        self._groups: dict[tuple[str, ...], _Group] = {}
        self._added = 0

    def add_all(self, items: Iterable[Label | HealthlibError],
                on_error: Callable[[HealthlibError], None] | None = None,
                after_each: Callable[[], None] | None = None) -> Grouper:
        """The one read-and-group loop: `add` every label a reader yields. A reader's error, or
        a label that lacks what a guide needs, raises, or with `on_error` is reported there and
        the loop goes on. `after_each` is called after every item (progress). Returns self, so
        `Grouper(...).add_all(labels).monographs()` reads and groups in one line."""
        for item in items:
            try:
                if isinstance(item, HealthlibError):
                    raise item
                self.add(item)
            except HealthlibError as exc:
                if on_error is None:
                    raise
                on_error(exc)
            if after_each is not None:
                after_each()
        return self

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
            group = self._groups[key] = _Group(key, slugify(label.generic_name), label, here)
        elif here > group.best_rank:
            group.best, group.best_rank = label, here
        group.labels += 1
        self._added += 1
        group.statuses.add(label.rx_status)
        self._refs.put(key, label.set_id, label.effective, lambda: _ref(label))

    @property
    def labels(self) -> int:
        """How many labels were added (kept as a count: progress asks after every label)."""
        return self._added

    def label_counts(self) -> dict[str, int]:
        """Guide slug -> how many labels were grouped into it."""
        return {g.slug: g.labels for g in self._groups.values()}

    def monographs(self, on_error: Callable[[HealthlibError], None] | None = None) -> list[Monograph]:
        """One guide per medicine, in the order the medicines were first seen. A chosen label
        that cannot be read in full raises, or with `on_error` is reported there and its
        medicine left out."""
        return [m for _, m in sorted(self.iter_monographs(on_error), key=lambda found: found[0])]

    def iter_monographs(self, on_error: Callable[[HealthlibError], None] | None = None
                        ) -> Iterator[tuple[int, Monograph]]:
        """(medicine's place in first-seen order, its guide), one at a time as the chosen labels
        are read again, so only one full label and one guide are in memory at once."""
        groups = list(self._groups.values())
        light = {id(g.best): n for n, g in enumerate(groups) if g.best.light}
        for n, group in enumerate(groups):
            if not group.best.light:
                yield from self._one(n, group, group.best, on_error)
        if not light:
            return
        if self._reload is None:
            raise ValueError("light labels need a reload function")
        done: set[int] = set()
        for asked, got in self._reload([groups[n].best for n in light.values()]):
            n = light.get(id(asked))
            if n is not None and n not in done:
                done.add(n)
                yield from self._one(n, groups[n], got, on_error)
        for n in light.values():
            if n not in done:  # the reader never gave it back
                yield from self._one(n, groups[n], groups[n].best, on_error)

    def _one(self, n: int, group: _Group, label: Label | HealthlibError,
             on_error: Callable[[HealthlibError], None] | None) -> Iterator[tuple[int, Monograph]]:
        try:
            if isinstance(label, HealthlibError):
                raise label
            if label.light:
                raise HealthlibError("the label could not be read again", file=label.where)
            made = self._finish(group, self._make(label, group.slug))
        except HealthlibError as exc:
            if on_error is None:
                raise
            on_error(exc)
            return
        yield n, made

    def _finish(self, group: _Group, m: Monograph) -> Monograph:
        """The chosen label's guide, with every other label's brand name and source added."""
        sources = {s.id: s for s in m.sources}
        brands = {b.name.lower(): b for b in m.brand_names}
        refs = list(self._refs.refs(group.key))
        for ref in refs:
            if ref.brand and ref.brand.name.lower() not in brands:
                brands[ref.brand.name.lower()] = ref.brand
            sources.setdefault(ref.source.id, ref.source)
        status = "both" if len(group.statuses) > 1 else m.rx_status
        # Every added brand cites a source added with it, so the citations still resolve.
        m = m.model_copy(update={"sources": list(sources.values()), "brand_names": list(brands.values()),
                                 "rx_status": status})
        return attach_pills(m, [p for ref in refs for p in ref.pills])


def _ref(label: Label) -> LabelRef:
    source = label_source(label)
    brand = None
    if label.brand:
        form = next((p.form for p in label.products if p.form), None)
        brand = BrandName(name=label.brand, form=plain_form(form), cite=[source.id])
    pills = [read_pill(label, p, [source.id]) for p in label.products if p.has_looks]
    return LabelRef(source, brand, pills)


def settle_brands(monographs: Iterable[Monograph], taken: dict[str, str] | None = None) -> Iterator[Monograph]:
    """A brand name belongs to one guide. When labels of different medicines share a brand
    (store brands, "Triaminic" on several mixes), later guides keep it with their ingredients
    added, so every name still finds its guide and none points at two. Streams: one guide at
    a time, remembering only brand names."""
    owners = dict(taken or {})
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
        yield m.model_copy(update={"brand_names": brands}) if changed else m
