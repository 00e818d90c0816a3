"""Checks that need the whole library at once, run by `healthlib check` and every build."""

from __future__ import annotations

from collections.abc import Iterable

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
    items = list(monographs)
    slugs = {m.slug for m in items} | set(other_slugs)
    problems: list[tuple[str, str, str]] = []
    brand_owner: dict[str, str] = {}
    for m in items:
        for i, alt in enumerate(m.alternatives):
            if alt.slug not in slugs:
                problems.append((m.slug, f"alternatives[{i}].slug", f"'{alt.slug}' is not in the library"))
            if alt.slug == m.slug:
                problems.append((m.slug, f"alternatives[{i}].slug", "a medicine is not its own alternative"))
        for i, comp in enumerate(m.comparisons):
            if comp.slug not in slugs:
                problems.append((m.slug, f"comparisons[{i}].slug", f"'{comp.slug}' is not in the library"))
        for i, brand in enumerate(m.brand_names):
            key = brand.name.lower()
            owner = brand_owner.get(key)
            if owner and owner != m.slug:
                problems.append((m.slug, f"brand_names[{i}]", f"'{brand.name}' is already a brand of {owner}"))
            brand_owner.setdefault(key, m.slug)
        if curated:
            # a build of some guides only may leave targets pointing outside it; the checker
            # skips those, so only `healthlib check` (the whole curated set) insists on them
            problems.extend(_target_problems(m, slugs, classes))
            problems.extend(_curated_gaps(m))
    return problems


def _target_problems(m: Monograph, slugs: set[str],
                     classes: dict[str, DrugClass] | None) -> list[tuple[str, str, str]]:
    """Interaction targets that name no guide, no known class or no known substance."""
    found = []
    for i, fact in enumerate(m.interactions):
        for j, target in enumerate(fact.targets):
            kind, _, ident = target.partition(":")
            where = f"interactions[{i}].targets[{j}]"
            if kind == "drug" and ident not in slugs:
                found.append((m.slug, where, f"'{ident}' is not in the library"))
            elif kind == "drug" and ident == m.slug:
                found.append((m.slug, where, "a medicine is not a target of its own interaction"))
            elif kind == "class" and classes is not None and ident not in classes:
                found.append((m.slug, where, f"'{ident}' is not a drug class in drug-classes.yaml"))
            elif kind == "substance" and ident not in SUBSTANCES:
                found.append((m.slug, where, f"'{ident}' is not a known substance "
                                             f"({', '.join(sorted(SUBSTANCES))})"))
    return found


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
