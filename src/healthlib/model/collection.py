"""Checks that need the whole library at once, run by `healthlib check` and every build."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from healthlib.model.interaction import SUBSTANCES, DrugClass
from healthlib.model.monograph import Monograph

# What a curated (hand-written) guide must have: the sections a worried reader looks for.
CURATED_REQUIRED = ("mechanism", "missed_dose", "overdose", "storage")

# Address forms known to be right (DESIGN.md: never invent an identifier inside a URL).
TRUSTED_URLS = (
    "https://dailymed.nlm.nih.gov/dailymed/search.cfm?",
    "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=",
    "https://vsearch.nlm.nih.gov/vivisimo/cgi-bin/query-meta?",
    "https://www.nhs.uk/medicines/",
    "https://www.nhs.uk/conditions/",
)


def library_problems(monographs: Iterable[Monograph], *, curated: bool = True,
                     other_slugs: Iterable[str] = (),
                     classes: dict[str, DrugClass] | None = None) -> list[tuple[str, str, str]]:
    """(slug, field, problem) for everything wrong across the library; empty when all is well.

    `other_slugs` are guides the library has beside these (when checking a few files only).
    `classes` (data/drug-classes.yaml), when given, are the class ids interaction targets may use.
    """
    check = LibraryCheck(curated=curated, classes=classes)
    for m in monographs:
        check.add(m)
    return check.problems(other_slugs=other_slugs)


class LibraryCheck:
    """library_problems one monograph at a time, keeping only slugs and brand names, so a
    build of tens of thousands of guides can check them as they stream past."""

    def __init__(self, *, curated: bool = True, classes: dict[str, DrugClass] | None = None) -> None:
        self.curated = curated
        self.classes = classes  # class ids interaction targets may use; None: not checked
        self.slugs: set[str] = set()
        self._brand_owner: dict[str, str] = {}
        # (guide number, order within the guide, slug, field, problem or linked slug)
        self._found: list[tuple[int, int, str, str, str]] = []
        self._links: list[tuple[int, int, str, str, str]] = []
        self._count = 0

    def add(self, m: Monograph) -> None:
        n, order = self._count, 0
        self._count += 1
        self.slugs.add(m.slug)

        def found(field: str, problem: str, *, link: bool = False) -> None:
            nonlocal order
            (self._links if link else self._found).append((n, order, m.slug, field, problem))
            order += 1

        for i, alt in enumerate(m.alternatives):
            found(f"alternatives[{i}].slug", alt.slug, link=True)
            if alt.slug == m.slug:
                found(f"alternatives[{i}].slug", "a medicine is not its own alternative")
        for i, comp in enumerate(m.comparisons):
            found(f"comparisons[{i}].slug", comp.slug, link=True)
        for i, brand in enumerate(m.brand_names):
            key = brand.name.lower()
            owner = self._brand_owner.get(key)
            if owner and owner != m.slug:
                found(f"brand_names[{i}]", f"'{brand.name}' is already a brand of {owner}")
            self._brand_owner.setdefault(key, m.slug)
        if self.curated:
            # a build of some guides only may leave targets pointing outside it; the checker
            # skips those, so only `healthlib check` (the whole curated set) insists on them
            self._add_target_problems(m, found)
            for _slug, field, problem in _curated_gaps(m):
                found(field, problem)

    def _add_target_problems(self, m: Monograph, found: Callable[..., None]) -> None:
        """Interaction targets that name no guide, no known class or no known substance."""
        for i, fact in enumerate(m.interactions):
            for j, target in enumerate(fact.targets):
                kind, _, ident = target.partition(":")
                where = f"interactions[{i}].targets[{j}]"
                if kind == "drug" and ident == m.slug:
                    found(where, "a medicine is not a target of its own interaction")
                elif kind == "drug":
                    found(where, ident, link=True)
                elif kind == "class" and self.classes is not None and ident not in self.classes:
                    found(where, f"'{ident}' is not a drug class in drug-classes.yaml")
                elif kind == "substance" and ident not in SUBSTANCES:
                    found(where, f"'{ident}' is not a known substance ({', '.join(sorted(SUBSTANCES))})")

    def problems(self, *, other_slugs: Iterable[str] = (), links: bool = True) -> list[tuple[str, str, str]]:
        """Everything found, in guide order. `links=False` leaves out links to guides the library
        lacks (a build drops those links; `check` reports them)."""
        found = list(self._found)
        if links:
            slugs = self.slugs | set(other_slugs)
            found += [(n, o, slug, field, f"'{target}' is not in the library")
                      for n, o, slug, field, target in self._links if target not in slugs]
        return [(slug, field, problem) for _, _, slug, field, problem in sorted(found)]


def class_problems(classes: dict[str, DrugClass], slugs: Iterable[str]) -> list[tuple[str, str, str]]:
    """(class id, field, problem) for classes naming guides the library lacks, or no guide at all."""
    known = set(slugs)
    found = []
    for class_id, drug_class in classes.items():
        if not drug_class.members:
            found.append((class_id, "members", "a class needs at least one member"))
        for i, slug in enumerate(drug_class.members):
            if slug not in known:
                found.append((class_id, f"members[{i}]", f"'{slug}' is not in the library"))
    return found


def _curated_gaps(m: Monograph) -> list[tuple[str, str, str]]:
    gaps = [(m.slug, name, "required fact is missing") for name in CURATED_REQUIRED
            if getattr(m, name) in (None, [], {})]
    if not m.how_to_take.doses:
        gaps.append((m.slug, "how_to_take.doses", "required fact is missing"))
    if not m.side_effects.common and not m.side_effects.serious:
        gaps.append((m.slug, "side_effects", "required fact is missing"))
    if len(m.sources) < 2:
        gaps.append((m.slug, "sources", "a curated guide needs at least two authoritative sources"))
    if m.overdose and not any(x in m.overdose.text for x in ("911", "emergency", "Poison Control", "111")):
        gaps.append((m.slug, "overdose.text", "must say where to get emergency help"))
    for i, dose in enumerate(m.how_to_take.doses):
        # a maximum in other units than the start (mg vs mL) cannot be checked against it
        if dose.start and dose.max and dose.start.in_unit_of(dose.max, 1.0) is None:
            gaps.append((m.slug, f"how_to_take.doses[{i}].max",
                         f"unit {dose.max.unit} does not match the starting dose unit {dose.start.unit}"))
    for i, source in enumerate(m.sources):
        if source.url and not source.url.startswith(TRUSTED_URLS):
            gaps.append((m.slug, f"sources[{i}].url", f"'{source.url}' is not an address form we can vouch for"))
    return gaps
